# pg_dump by a role under a masking purpose (issue 16): the data it dumps
# is masked (COPY table TO, and --inserts, which reads through a cursor),
# no stored value of a masked column is in the file, and each table's read
# is recorded with decision masked.  A role under a full-read purpose dumps
# the stored values.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('masked_dump', 'pdp.mode = enforce');
$node->safe_psql('postgres', q{
CREATE TABLE callers (id int PRIMARY KEY, full_name text, phone text, note text);
INSERT INTO callers VALUES (1, 'Nguyễn Văn An', '0912345678', 'vip'),
                             (2, 'Trần Thị Bình', '0987654321', NULL);
SELECT pdp.tag_column('callers', 'full_name', 'full_name');
SELECT pdp.tag_column('callers', 'phone', 'phone_number');
SELECT pdp.define_purpose('test_data', 'masked copies for developers', 'legitimate_interest');
SELECT pdp.allow('test_data', 'full_name', mask => 'initials');
SELECT pdp.allow('test_data', 'phone_number', mask => 'phone');
SELECT pdp.define_purpose('migration', 'moving the data', 'contract');
SELECT pdp.allow('migration', 'full_name');
SELECT pdp.allow('migration', 'phone_number');
CREATE ROLE dev LOGIN;
CREATE ROLE mover LOGIN;
GRANT SELECT ON callers TO dev, mover;
SELECT pdp.grant_purpose('dev', 'test_data');
SELECT pdp.grant_purpose('mover', 'migration');
});

my $dir = PostgreSQL::Test::Utils::tempdir;

sub dump_as
{
	my ($role, $purpose, $file, @extra) = @_;
	local $ENV{PGOPTIONS} = "-c pdp.purpose=$purpose";
	$node->command_ok(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', $role,
		'--data-only', '-t', 'callers', '-f', $file, @extra, 'postgres'],
		"pg_dump as $role under $purpose @extra");
	return slurp_file($file);
}

my $copy = dump_as('dev', 'test_data', "$dir/masked.sql");
like($copy, qr/09\*\* \*\*\* 678/, 'COPY: the phone is dumped masked');
like($copy, qr/N\. V\. A\./, 'COPY: the name is dumped as initials');
unlike($copy, qr/0912345678|0987654321|Nguyễn|Trần/, 'COPY: no stored value of a masked column');
like($copy, qr/\tvip\n/, 'COPY: an untagged column is dumped as stored');

my $inserts = dump_as('dev', 'test_data', "$dir/masked_inserts.sql", '--inserts');
like($inserts, qr/'09\*\* \*\*\* 321'/, '--inserts: the phone is dumped masked');
unlike($inserts, qr/0912345678|0987654321|Nguyễn|Trần/, '--inserts: no stored value of a masked column');

my $full = dump_as('mover', 'migration', "$dir/full.sql");
like($full, qr/0912345678/, 'a full-read purpose dumps the stored values');

$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is($node->safe_psql('postgres', q{
SELECT string_agg(DISTINCT role || '/' || command || '/' || decision, ',')
FROM pdp.audit_events WHERE relation = 'public.callers' AND kind = 'access'}),
	'dev/COPY/masked,dev/SELECT/masked,mover/COPY/allowed',
	'each dump recorded: masked for the masking purpose');
is($node->safe_psql('postgres', q{
SELECT DISTINCT detail -> 'masked' FROM pdp.audit_events
WHERE relation = 'public.callers' AND decision = 'masked'}),
	'{"phone": "phone", "full_name": "initials"}', 'with the masks it was served through');

done_testing();
