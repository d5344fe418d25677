# After a crash, at most the events of the last pdp.audit_flush_interval
# may be missing, and what is there still verifies.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use Time::HiRes qw(sleep);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('crash', "pdp.audit_flush_interval = 200ms\nrestart_after_crash = on");
my $script = q{\set id random(1, 1000)
SELECT full_name FROM customers WHERE id = :id /* t_crash1 */;
};

# events older than the flush interval survive an immediate stop (a crash)
is(PdpTest::pgbench($node, 2, 500, $script, 'crash1'), 0, 'load ran');
sleep 1.0;                                   # well past the 200 ms interval
$node->stop('immediate');
$node->start;
is(PdpTest::events($node, q{query LIKE '%t_crash1%'}), 1000,
	'every event older than the flush interval survived the crash');
is($node->safe_psql('postgres', 'SELECT pdp.verify_audit_log() IS NULL'), 't',
	'the chain verifies after the crash');

# a crash in the middle of a load: what was committed verifies, and the
# trail goes on from there
my $bg = $node->background_psql('postgres', extra_params => [ '-U', 'app' ], on_error_stop => 0);
$bg->query_until(qr/started/, q{\echo started
DO $$ BEGIN FOR i IN 1..200000 LOOP PERFORM full_name, 't_crash2' FROM customers WHERE id = i % 1000 + 1; END LOOP; END $$;
});
sleep 1.0;
$node->stop('immediate');
eval { $bg->quit };
$node->start;
my $kept = PdpTest::events($node, q{query LIKE '%t_crash2%'});
ok($kept > 0, "events committed before the crash are there ($kept)");
is($node->safe_psql('postgres', 'SELECT pdp.verify_audit_log() IS NULL'), 't',
	'the chain verifies after a crash in the middle of a load');
is(PdpTest::pgbench($node, 1, 10, $script =~ s/t_crash1/t_crash3/r, 'crash3'), 0, 'new reads');
is(PdpTest::events($node, q{query LIKE '%t_crash3%'}), 10, 'are recorded after the crash');
is($node->safe_psql('postgres', 'SELECT pdp.verify_audit_log() IS NULL'), 't', 'and the chain goes on');

$node->stop;
done_testing();
