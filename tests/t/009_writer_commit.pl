# The audit writer always comes back: terminated, it is started again and
# writes what was queued meanwhile; audit_stats() and the server log say
# when it is not running.  Configuration and consent events are recorded
# only for transactions that commit: not for one that fails at commit
# (serialization failure), nor a prepared one; one committed while the
# writer cannot write is kept and written later.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('writer', "pdp.mode = log\nmax_prepared_transactions = 2");

sub stats
{
	my ($cols) = @_;
	return $node->safe_psql('postgres', "SELECT $cols FROM pdp.audit_stats()");
}

sub new_writer
{
	my ($old) = @_;
	$node->poll_query_until('postgres',
		"SELECT writer_pid IS NOT NULL AND writer_pid <> $old AND writer_state = 'running' FROM pdp.audit_stats()")
	  or die 'the writer did not come back';
	return stats('writer_pid');
}

# terminated three times, it comes back each time
my $pid = stats('writer_pid');
ok($pid > 0, 'the writer runs');
for my $round (1 .. 3)
{
	my $gap = $node->safe_psql('postgres', qq{
SELECT pg_terminate_backend($pid);
SELECT pg_sleep(0.3);
SELECT writer_pid IS NULL, writer_state, writer_stopped_at IS NOT NULL FROM pdp.audit_stats();
});
	my @lines = split /\n/, $gap;
	is($lines[-1], 't|stopped|t', "round $round: audit_stats() says the writer is not running");
	# statements keep running, their events wait in the queue
	for my $i (1 .. 20)
	{
		$node->safe_psql('postgres', "SELECT full_name FROM customers WHERE id = $i /* t_gap_$round */",
			extra_params => [ '-U', 'app' ]);
	}
	$pid = new_writer($pid);
	pass("round $round: the writer is back, pid $pid");
	is(PdpTest::events($node, "query LIKE '%t_gap_$round %'"), 20,
		"round $round: the 20 events queued meanwhile are written");
}
ok($node->log_contains(qr/pdp audit writer started in database "postgres" with \d+ events waiting/),
	'the server log says when the writer starts, with the events waiting');
is($node->safe_psql('postgres', 'SELECT coalesce(pdp.verify_audit_log()::text, \'intact\')'), 'intact',
	'the chain goes on across restarts');
is(stats('dropped'), 0, 'nothing dropped');

# a configuration change whose transaction fails at commit leaves no event
$node->safe_psql('postgres', q{
CREATE TABLE ws (id int PRIMARY KEY, v int);
INSERT INTO ws VALUES (1, 0), (2, 0);
});
my $s1 = $node->background_psql('postgres', on_error_stop => 0);
my $s2 = $node->background_psql('postgres', on_error_stop => 0);
$s1->query_safe('BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT sum(v) FROM ws;');
$s2->query_safe('BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT sum(v) FROM ws;');
$s1->query_safe(q{UPDATE ws SET v = 1 WHERE id = 1; SELECT pdp.define_category('ws_lost', false);});
$s2->query_safe('UPDATE ws SET v = 1 WHERE id = 2; COMMIT;');
$s1->query('COMMIT');
like($s1->{stderr}, qr/could not serialize access/, 'the transaction fails at commit');
$s1->quit;
$s2->quit;
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.category WHERE name = 'ws_lost'}), 0,
	'the category was not created');
is(PdpTest::events($node, q{kind = 'config' AND detail::text LIKE '%ws_lost%'}), 0,
	'and no event says it was');
# the same change, committed, is recorded
$node->safe_psql('postgres', q{SELECT pdp.define_category('ws_kept', false)});
is(PdpTest::events($node, q{kind = 'config' AND detail::text LIKE '%ws_kept%'}), 1,
	'a committed change is recorded');

# a prepared transaction may never commit: PREPARE is refused
my ($ret, $o, $e) = $node->psql('postgres', q{
BEGIN;
SELECT pdp.define_category('ws_prepared', false);
PREPARE TRANSACTION 'pdp_test';
});
like($e, qr/cannot PREPARE a transaction that changed pdp's configuration/, 'PREPARE TRANSACTION is refused');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pg_prepared_xacts}), 0, 'nothing was prepared');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.category WHERE name = 'ws_prepared'}), 0,
	'nor created');

# the queue full (the writer held up by a lock): a change waits for room
# before it commits (pdp.audit_overflow = wait), or fails and is rolled
# back (error) - it never commits without its event
$node->stop;
$node->append_conf('postgresql.conf', 'pdp.audit_queue_size = 64kB');
$node->start;
my $locker = $node->background_psql('postgres');
$locker->query_safe('BEGIN; LOCK TABLE pdp.audit_log IN ACCESS EXCLUSIVE MODE;');
my $size = stats('queue_size_bytes');
is($size, 65536, 'a 64 kB queue');
$node->safe_psql('postgres', qq{
DO \$\$ BEGIN
    WHILE (SELECT queue_bytes FROM pdp.audit_stats()) < $size - 3000 LOOP
        PERFORM full_name, repeat('f', 1000) FROM customers WHERE id = 1;
    END LOOP;
END \$\$});
ok(stats('queue_bytes') >= $size - 3000, 'the queue is full');
# a change whose event (the row, in detail) takes 4 kB
my $pad = 'y' x 4000;
($ret, $o, $e) = $node->psql('postgres',
	qq{SET pdp.audit_overflow = error; SELECT pdp.define_category('ws_full', false, '$pad')});
like($e, qr/the pdp audit queue is full/, 'error: the change fails before it commits');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.category WHERE name = 'ws_full'}), 0,
	'... and is rolled back');
my $waiter = $node->background_psql('postgres');
my $wpid = $waiter->query_safe('SELECT pg_backend_pid()');
$waiter->query_until(qr/started/, "\\echo started\nSELECT pdp.define_category('ws_waited', false, '$pad');\n\\echo committed\n");
$node->poll_query_until('postgres', "SELECT wait_event_type = 'Extension' FROM pg_stat_activity WHERE pid = $wpid")
  or die 'the commit did not wait';
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.category WHERE name = 'ws_waited'}), 0,
	'wait: the change waits for room before it commits');
$locker->query_safe('COMMIT');
$locker->quit;
$waiter->query_until(qr/committed/, '');
$waiter->quit;
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.category WHERE name = 'ws_waited'}), 1,
	'... then commits');
is(PdpTest::events($node, q{kind = 'config' AND detail::text LIKE '%ws_waited%'}), 1,
	'... with its event');
is(stats('deferred'), 0, 'nothing is left deferred');
is(stats('dropped'), 0, 'nothing dropped');
is($node->safe_psql('postgres', 'SELECT coalesce(pdp.verify_audit_log()::text, \'intact\')'), 'intact',
	'the chain verifies');

$node->stop;
done_testing();
