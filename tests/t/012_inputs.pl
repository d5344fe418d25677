# pdp.purpose is checked against the database encoding however it is set:
# the startup packet, ALTER ROLE ... SET made in a database of another
# encoding, postgresql.conf.  Text that reaches the audit database from a
# database of another encoding is made valid there, so every reader of the
# audit views can read them in any client encoding.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('inputs', '');

# the startup packet
{
	local $ENV{PGOPTIONS} = "-c pdp.purpose=bill\xff";
	my ($ret, $out, $err) = $node->psql('postgres', 'SHOW pdp.purpose');
	isnt($ret, 0, 'a startup packet with an invalid pdp.purpose is refused');
	like($err, qr/invalid value for parameter "pdp.purpose".*\n.*not valid in the database encoding "UTF8"/,
		'... because it is not valid in the database encoding');
}
{
	local $ENV{PGOPTIONS} = "-c pdp.purpose=factur\xc3\xa9";
	is($node->safe_psql('postgres', q{SELECT octet_length(current_setting('pdp.purpose'))}),
		'8', 'a valid UTF-8 purpose is accepted');
}

# ALTER ROLE ... SET in a LATIN1 database, applied in a UTF8 one
$node->safe_psql('postgres', q{
CREATE DATABASE lat TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE ROLE app2 LOGIN;
});
$node->safe_psql('lat', qq{ALTER ROLE app2 SET pdp.purpose = 'bill\xff'});
my ($ret, $out, $err) = $node->psql('postgres', 'SHOW pdp.purpose',
	extra_params => [ '-U', 'app2' ]);
is($ret, 0, 'a role whose stored pdp.purpose is invalid here still connects');
is($out, '', '... without the value');
like($err, qr/WARNING:  invalid value for parameter "pdp.purpose"/, '... and is warned');
is($node->safe_psql('lat', q{SELECT octet_length(current_setting('pdp.purpose'))},
	extra_params => [ '-U', 'app2' ]), '5', 'in the LATIN1 database the value is valid and applies');

# an event from the LATIN1 database reaches the UTF8 audit database valid
$node->safe_psql('lat', q{
CREATE EXTENSION pdp;
CREATE TABLE people (id int, name text);
INSERT INTO people VALUES (1, 'x');
GRANT SELECT ON people TO app2;
SELECT pdp.tag_column('people', 'name', 'full_name');
});
$node->safe_psql('lat', 'SELECT name FROM people /* t_latin1 */',
	extra_params => [ '-U', 'app2' ]);
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is($node->safe_psql('postgres',
	q{SELECT purpose FROM pdp.audit_log WHERE database = 'lat' AND query LIKE '%t_latin1%'}),
	'bill?', 'the byte the audit database cannot hold is replaced');
is($node->safe_psql('postgres',
	q{SET client_encoding = 'LATIN1'; SELECT purpose, role FROM pdp.audit_events WHERE database = 'lat' AND query LIKE '%t_latin1%'}),
	'bill?|app2', 'the audit views read in another client encoding');

# postgresql.conf: before any database is known, ASCII only
$node->append_conf('postgresql.conf', "pdp.purpose = 'bill\xff'");
$node->restart;
ok($node->log_contains(qr/In the configuration file, pdp.purpose accepts ASCII characters only/),
	'an invalid pdp.purpose in postgresql.conf is rejected with a warning');
is($node->safe_psql('postgres', 'SHOW pdp.purpose'), '', '... and not applied');

$node->stop;
done_testing();
