# What pdp reads back from its own tables and files is input: a superuser
# may reorder, add, retype or drop their columns, or damage the quota file
# in the data directory.  pdp reads its tables by column name: a column
# moved or added changes nothing; a column retyped or missing gives one
# clear error; a damaged quota file is ignored, entry by entry, and said so.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('hostile', 'pdp.mode = enforce');
PdpTest::protected_people($node, '2', '4');
my $as_app = sub {
	my ($ret, $out, $err) = $node->psql('postgres', "SET pdp.purpose = 'news'; $_[0]",
		extra_params => [ '-U', 'app' ]);
	return $ret == 0 ? $out : ($err =~ /ERROR:\s+(.*)/)[0];
};
is($as_app->('SELECT string_agg(id::text, \',\' ORDER BY id) FROM people'), '2,4',
	'a consent purpose shows the consented subjects');

# legal_basis dropped and added again: it moves to the end of the table
# (1.0, reading by position, then saw the dropped column's NULL: no
# purpose was consent-based any more, and every row showed)
$node->safe_psql('postgres', q{
CREATE TABLE saved_purpose AS SELECT * FROM pdp.purpose;
ALTER TABLE pdp.purpose DROP COLUMN legal_basis;
ALTER TABLE pdp.purpose ADD COLUMN legal_basis text NOT NULL DEFAULT 'contract';
UPDATE pdp.purpose p SET legal_basis = s.legal_basis FROM saved_purpose s WHERE s.name = p.name;
});
is($as_app->('SELECT string_agg(id::text, \',\' ORDER BY id) FROM people'), '2,4',
	'a moved column: still read by name');

# a column added to the configuration tables changes nothing
$node->safe_psql('postgres', q{
ALTER TABLE pdp.category ADD COLUMN reviewed boolean;
ALTER TABLE pdp.purpose_category ADD COLUMN note text;
ALTER TABLE pdp.consent ADD COLUMN note text;
});
is($as_app->('SELECT count(phone) FROM people'), '2', 'added columns: nothing changes');

# a retyped column: one clear error, nothing read wrongly
$node->safe_psql('postgres', q{ALTER TABLE pdp.purpose ALTER COLUMN legal_basis TYPE varchar(40)});
like($as_app->('SELECT count(phone) FROM people'),
	qr/column "legal_basis" of table pdp\.purpose has type character varying, not text/,
	'a retyped column: a clear error');
$node->safe_psql('postgres', q{ALTER TABLE pdp.purpose ALTER COLUMN legal_basis TYPE text});
is($as_app->('SELECT count(phone) FROM people'), '2', 'put back, it works again');

$node->safe_psql('postgres', q{ALTER TABLE pdp.consent ALTER COLUMN expires_at TYPE text});
like($as_app->('SELECT count(phone) FROM people'),
	qr/column "expires_at" of table pdp\.consent has type text, not timestamp with time zone/,
	'a retyped consent column: a clear error');
$node->safe_psql('postgres', q{ALTER TABLE pdp.consent ALTER COLUMN expires_at TYPE timestamptz USING expires_at::timestamptz});
is($as_app->('SELECT string_agg(id::text, \',\' ORDER BY id) FROM people'), '2,4', 'put back, it works again');

# a missing column
$node->safe_psql('postgres', q{ALTER TABLE pdp.purpose_role RENAME COLUMN role TO grantee});
like($as_app->('SELECT count(phone) FROM people'), qr/table pdp\.purpose_role has no column "role"/,
	'a missing column: a clear error');
$node->safe_psql('postgres', q{ALTER TABLE pdp.purpose_role RENAME COLUMN grantee TO role});
is($as_app->('SELECT count(phone) FROM people'), '2', 'put back, it works again');

# the quota file: counts kept across a clean restart, damage ignored
$node->safe_psql('postgres', q{SELECT pdp.set_limit('news', NULL, 1000)});
# (count(phone) hands out no phone number: a limit counts what leaves)
is($as_app->('SELECT min(phone) IS NOT NULL FROM people'), 't', 'a read under a daily limit');
my $usage = $node->safe_psql('postgres', q{SELECT records_24h FROM pdp.quota_usage WHERE purpose = 'news'});
ok($usage > 0, "counted ($usage)");
$node->stop;
my $file = $node->data_dir . '/pg_stat/pdp_quota.stat';
ok(-f $file, 'the quota file is written at shutdown');
my $good = slurp_file($file);
# the same entry twice more: once with a purpose without its NUL, once with
# negative counts
my $entry = substr($good, 8);
my $len = length($entry);
my $no_nul = $entry;
substr($no_nul, 8, 64) = 'x' x 64;
my $negative = $entry;
substr($negative, $len - 8, 8) = pack('q', -5);
open my $fh, '>:raw', $file or die;
print $fh substr($good, 0, 4), pack('l', 3), $entry, $no_nul, $negative;
close $fh;
$node->start;
ok($node->log_contains(qr/pdp: ignored 2 damaged entries of file "pg_stat\/pdp_quota\.stat"/),
	'damaged entries are ignored, and logged');
is($node->safe_psql('postgres', q{SELECT records_24h FROM pdp.quota_usage WHERE purpose = 'news'}), $usage,
	'the good entry is kept');
$node->stop;
open $fh, '>:raw', $file or die;
print $fh "garbage";
close $fh;
$node->start;
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.quota_usage}), '0', 'a garbage file: nothing loaded');
is($as_app->('SELECT count(phone) FROM people'), '2', 'and pdp works');

$node->stop;
done_testing();
