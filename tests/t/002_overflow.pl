# When the audit queue is full, pdp.audit_overflow decides: drop (counted),
# error (the statement fails before producing anything), wait (the
# statement waits for room).  The writer is held up by a lock on the table.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('overflow', "pdp.audit_queue_size = 64kB\npdp.mode = log");

sub hold_writer
{
	my $locker = $node->background_psql('postgres');
	$locker->query_safe('BEGIN; LOCK TABLE pdp.audit_log IN ACCESS EXCLUSIVE MODE;');
	return $locker;
}

sub stat_value
{
	my ($col) = @_;
	return $node->safe_psql('postgres', "SELECT $col FROM pdp.audit_stats()");
}

# PL/pgSQL keeps no comments in statement text: the marker is a literal
my $loop = q{DO $$ BEGIN FOR i IN 1..%d LOOP PERFORM full_name, '%s' FROM customers WHERE id = i %% 1000 + 1; END LOOP; END $$;};

# drop: statements run, events that do not fit are counted
$node->safe_psql('postgres', q{ALTER ROLE app SET pdp.audit_overflow = 'drop'});
my $dropped_before = stat_value('dropped');
my $locker = hold_writer();
my ($ret, $out, $err) = $node->psql('postgres', sprintf($loop, 2000, 't_drop'),
	extra_params => [ '-U', 'app' ]);
is($ret, 0, 'drop: the statements ran');
my $dropped = stat_value('dropped') - $dropped_before;
ok($dropped > 0, "drop: $dropped events dropped and counted");
$locker->query_safe('COMMIT');
$locker->quit;
my $kept = PdpTest::events($node, q{query LIKE '%t_drop%'});
is($kept + $dropped, 2000, "drop: kept ($kept) + dropped ($dropped) = statements");

# error: the statement that cannot be audited fails, before producing rows
$node->safe_psql('postgres', q{ALTER ROLE app SET pdp.audit_overflow = 'error'});
$locker = hold_writer();
($ret, $out, $err) = $node->psql('postgres', sprintf($loop, 2000, 't_error'),
	extra_params => [ '-U', 'app' ]);
isnt($ret, 0, 'error: the statement failed');
like($err, qr/the pdp audit queue is full/, 'error: with a clear message');
is(stat_value('dropped'), $dropped_before + $dropped, 'error: nothing dropped');
$locker->query_safe('COMMIT');
$locker->quit;
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');

# wait: the statement waits for the writer, then completes; nothing lost
$node->safe_psql('postgres', q{ALTER ROLE app SET pdp.audit_overflow = 'wait'});
$locker = hold_writer();
my $bg = $node->background_psql('postgres', extra_params => [ '-U', 'app' ]);
$bg->query_until(qr/started/, "\\echo started\n" . sprintf($loop, 2000, 't_wait') . "\n\\echo finished\n");
$node->poll_query_until('postgres',
	q{SELECT count(*) = 1 FROM pg_stat_activity WHERE usename = 'app' AND wait_event_type = 'Extension'})
  or die 'the statement never waited';
pass('wait: the statement waits while the queue is full');
$locker->query_safe('COMMIT');
$locker->quit;
$bg->query_until(qr/finished/, '');
$bg->quit;
is(PdpTest::events($node, q{query LIKE '%t_wait%'}), 2000, 'wait: every event is there');
is(stat_value('dropped'), $dropped_before + $dropped, 'wait: nothing dropped');
ok(stat_value('high_water_bytes') <= stat_value('queue_size_bytes'), 'high-water mark within the queue');

# Reserved room is given back only when its statement ends.  A statement
# whose events could never fit fails at once; one waiting for a running
# statement's room waits; statements that all hold room and all wait for
# more would wait forever: one of them fails.  Each event reserves room for
# the query text, here ~4 kB, one event per partition read.
$node->safe_psql('postgres', q{
CREATE TABLE m (id int, phone text) PARTITION BY RANGE (id);
SELECT format('CREATE TABLE m_%s PARTITION OF m FOR VALUES FROM (%s) TO (%s)', i, i * 10, i * 10 + 10)
FROM generate_series(0, 39) i \gexec
INSERT INTO m SELECT i, 'p' || i FROM generate_series(0, 399) i;
SELECT pdp.tag_column('m', 'phone', 'phone_number');
SELECT pdp.flush_audit();
});
my $pad = 'x' x 3900;

# 40 events of ~4 kB cannot all be in a 64 kB queue
($ret, $out, $err) = $node->psql('postgres',
	"SELECT count(phone) FROM m /* t_self $pad */", timeout => $PostgreSQL::Test::Utils::timeout_default);
isnt($ret, 0, 'reservations that can never fit: the statement fails');
like($err, qr/need more room than the audit queue has/, '... with a clear message');
ok(PdpTest::events($node, qq{query LIKE '%t_self%' AND detail->>'completed' = 'false'}) > 0,
	'... and what it reserved is written, marked incomplete');

sub waiting_sessions
{
	return $node->safe_psql('postgres',
		q{SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Extension' AND backend_type = 'client backend'});
}

# a statement waits for the room of an open cursor (10 events) to be given back
my $a = $node->background_psql('postgres', on_error_stop => 0);
my $b = $node->background_psql('postgres', on_error_stop => 0);
$a->query_safe("BEGIN; DECLARE c CURSOR FOR SELECT phone FROM m WHERE id < 100 /* t_cursor $pad */; FETCH 1 FROM c;");
$b->query_until(qr/started/, "\\echo started\nSELECT count(phone) FROM m WHERE id >= 200 AND id < 260 /* t_waiter $pad */;\n\\echo finished\n");
$node->poll_query_until('postgres', q{SELECT count(*) = 1 FROM pg_stat_activity WHERE wait_event_type = 'Extension' AND backend_type = 'client backend'})
  or die 'the statement never waited';
sleep 3;
is(waiting_sessions(), 1, 'a statement waiting for a running one keeps waiting (no false deadlock)');
$a->query_safe('COMMIT');
$b->query_until(qr/finished/, '');
is(PdpTest::events($node, q{query LIKE '%t_waiter%' AND detail->>'completed' IS NULL}), 6,
	'... and completes once the cursor is closed, every event written');

# two sessions each hold a cursor's room (7 events) and both need more
$a->query_safe("BEGIN; DECLARE c CURSOR FOR SELECT phone FROM m WHERE id < 70 /* t_dl_a $pad */; FETCH 1 FROM c;");
$b->query_safe("BEGIN; DECLARE c CURSOR FOR SELECT phone FROM m WHERE id >= 300 AND id < 370 /* t_dl_b $pad */; FETCH 1 FROM c;");
$a->query_until(qr/started/, "\\echo started\nSELECT count(phone) FROM m WHERE id >= 100 AND id < 120 /* t_dl_a2 $pad */;\n\\echo finished\n");
$b->query_until(qr/started/, "\\echo started\nSELECT count(phone) FROM m WHERE id >= 200 AND id < 220 /* t_dl_b2 $pad */;\n\\echo finished\n");
$a->query_until(qr/finished/, '');
$b->query_until(qr/finished/, '');
is($node->safe_psql('postgres',
	q{SELECT string_agg(state, ', ' ORDER BY state) FROM pg_stat_activity WHERE backend_type = 'client backend' AND state LIKE 'idle in transaction%'}),
	'idle in transaction, idle in transaction (aborted)',
	'both waiting for each other: exactly one fails, the other completes');
$a->query('ROLLBACK');
$b->query('ROLLBACK');
$a->quit;
$b->quit;
$node->safe_psql('postgres', 'SELECT phone FROM m WHERE id = 5 /* t_after */');
is(PdpTest::events($node, q{query LIKE '%t_after%'}), 1, 'statements are audited as before');
is(PdpTest::events($node, q{query LIKE '%t_dl_%' AND detail->>'completed' = 'false'}) > 0, 1,
	"the failed one's events are written, marked incomplete");
is(stat_value('pending'), 0, 'nothing left pending in the queue');

$node->stop;
done_testing();
