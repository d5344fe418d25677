# The audit trail keeps what it is given: blocked attempts after ROLLBACK
# and after the session is killed, exactly one event per statement and
# relation under concurrent load, and everything across a fast restart.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('durability', 'pdp.mode = enforce');

# a blocked attempt survives its transaction's rollback
my ($ret, $out, $err) = $node->psql('postgres', q{
BEGIN;
SET LOCAL pdp.purpose = 'nonexistent';
SELECT full_name FROM customers WHERE id = 7 /* t_rollback */;
ROLLBACK;
}, extra_params => [ '-U', 'app' ], on_error_stop => 0);
like($err, qr/permission denied to read column "full_name"/, 'read refused');
is(PdpTest::events($node, q{decision = 'blocked' AND query LIKE '%t_rollback%'}),
	1, 'blocked attempt recorded after ROLLBACK');

# a blocked attempt, then the session is terminated inside the failed transaction
my $bg = $node->background_psql('postgres', extra_params => [ '-U', 'app' ],
	on_error_stop => 0);
my $pid = $bg->query_safe('SELECT pg_backend_pid()');
$bg->query(q{BEGIN; SET LOCAL pdp.purpose = 'nonexistent'; SELECT full_name FROM customers WHERE id = 9 /* t_killed */;});
$node->safe_psql('postgres', "SELECT pg_terminate_backend($pid)");
eval { $bg->quit };
is(PdpTest::events($node, q{decision = 'blocked' AND query LIKE '%t_killed%'}),
	1, 'blocked attempt recorded after the session was terminated');

# a read in flight when its session is terminated is recorded, incomplete
$bg = $node->background_psql('postgres', extra_params => [ '-U', 'app' ],
	on_error_stop => 0);
$pid = $bg->query_safe('SELECT pg_backend_pid()');
$bg->query_until(qr/started/, q{\echo started
SELECT full_name, pg_sleep(60) FROM customers WHERE id = 8 /* t_inflight */;
});
$node->poll_query_until('postgres',
	"SELECT count(*) = 1 FROM pg_stat_activity WHERE pid = $pid AND query LIKE '%t_inflight%' AND state = 'active'")
  or die 'query did not start';
$node->safe_psql('postgres', "SELECT pg_terminate_backend($pid)");
eval { $bg->quit };
is(PdpTest::events($node,
		q{decision = 'allowed' AND query LIKE '%t_inflight%' AND detail ->> 'completed' = 'false'}),
	1, 'read in flight when the session was killed is recorded as incomplete');

# 8 clients, 4000 statements each reading two tagged relations: 8000 events,
# one per statement and relation, no loss, no duplicate
my $script = q{\set id random(1, 1000)
SELECT c.full_name, a.iban FROM customers c JOIN accounts a ON a.customer_id = c.id WHERE c.id = :id /* t_load */;
};
is(PdpTest::pgbench($node, 8, 500, $script, 'load'), 0, 'pgbench load ran');
is(PdpTest::events($node, q{query LIKE '%t_load%'}), 8000, '8000 events for 4000 statements on 2 relations');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.audit_log WHERE query LIKE '%t_load%' AND relation = 'public.customers'}),
	4000, 'one per statement for customers');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.audit_log WHERE query LIKE '%t_load%' AND relation = 'public.accounts'}),
	4000, 'one per statement for accounts');
is($node->safe_psql('postgres', q{SELECT count(DISTINCT (backend_pid, event_time, relation)) FROM pdp.audit_log WHERE query LIKE '%t_load%'}),
	8000, 'no duplicates');
is($node->safe_psql('postgres', q{SELECT sum(rows) FROM pdp.audit_log WHERE query LIKE '%t_load%' AND decision = 'allowed'}),
	8000, 'each event counts the row its statement returned');

# a fast restart right after the load loses nothing
is(PdpTest::pgbench($node, 8, 300, $script =~ s/t_load/t_restart/r, 'restart'), 0, 'second load ran');
$node->restart;
is(PdpTest::events($node, q{query LIKE '%t_restart%'}), 4800,
	'all 4800 events of the load are there after a fast restart');
is($node->safe_psql('postgres', 'SELECT pdp.verify_audit_log() IS NULL'), 't',
	'the chain verifies after the restart');
is($node->safe_psql('postgres', 'SELECT dropped FROM pdp.audit_stats()'), 0, 'nothing dropped');

# the writer runs at the niceness pdp.audit_writer_nice asks (10 by default)
my $wpid = $node->safe_psql('postgres', 'SELECT writer_pid FROM pdp.audit_stats()');
my $nice = `ps -o ni= -p $wpid`;
$nice =~ s/\s+//g;
is($nice, '10', 'the audit writer runs at niceness 10');

$node->stop;
done_testing();
