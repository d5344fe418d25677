# The trail lives in pdp.audit_database.  Until the extension exists there,
# events wait in the queue and pdp.flush_audit() says why instead of
# waiting forever; once it exists they are written, each with the database
# it happened in.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('trail_db', "pdp.audit_database = 'trail'");
$node->safe_psql('postgres', 'CREATE DATABASE trail');

$node->safe_psql('postgres', q{SELECT full_name FROM customers WHERE id = 3 /* t_waiting */},
	extra_params => [ '-U', 'app' ]);
my ($ret, $out, $err) = $node->psql('postgres', 'SELECT pdp.flush_audit()',
	timeout => $PostgreSQL::Test::Utils::timeout_default);
isnt($ret, 0, 'flush_audit() fails while the audit database has no pdp.audit_log');
like($err, qr/nowhere to write: extension pdp is not installed in database "trail"/,
	'... and says why');
ok($node->safe_psql('postgres', 'SELECT pending FROM pdp.audit_stats()') > 0,
	'the events wait in the queue');
ok($node->log_contains(qr/extension pdp is not installed in database "trail"/),
	'the writer warns in the server log');

$node->safe_psql('trail', 'CREATE EXTENSION pdp');
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is($node->safe_psql('trail',
	q{SELECT database FROM pdp.audit_log WHERE query LIKE '%t_waiting%'}),
	'postgres', 'once it exists, the waiting event is written, with its database');
is($node->safe_psql('postgres', 'SELECT pending, dropped FROM pdp.audit_stats()'), '0|0',
	'nothing pending, nothing dropped');
is($node->safe_psql('trail', 'SELECT pdp.verify_audit_log() IS NULL'), 't', 'the chain verifies');

$node->stop;
done_testing();
