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

# Reserved room is given back only when its statement ends.  A session
# may hold at most half the queue (more fails at once); a statement waiting
# for room held by running statements waits; statements that all hold room
# and all wait for more would wait forever: one of them fails.  Each event
# reserves room for the query text, here ~4 kB (4120 bytes with the rest),
# one event per partition read; the queue is 64 kB.
$node->safe_psql('postgres', q{
CREATE TABLE m (id int, phone text) PARTITION BY RANGE (id);
SELECT format('CREATE TABLE m_%s PARTITION OF m FOR VALUES FROM (%s) TO (%s)', i, i * 10, i * 10 + 10)
FROM generate_series(0, 39) i \gexec
INSERT INTO m SELECT i, 'p' || i FROM generate_series(0, 399) i;
SELECT pdp.tag_column('m', 'phone', 'phone_number');
SELECT pdp.flush_audit();
});
my $pad = 'x' x 3900;

# 40 events of ~4 kB: more than half the queue
($ret, $out, $err) = $node->psql('postgres',
	"SELECT count(phone) FROM m /* t_self $pad */", timeout => $PostgreSQL::Test::Utils::timeout_default);
isnt($ret, 0, 'a session needing more than half the queue: the statement fails at once');
like($err, qr/need more than half of the audit queue/, '... with a clear message');
ok(PdpTest::events($node, qq{query LIKE '%t_self%' AND detail->>'completed' = 'false'}) > 0,
	'... and what it reserved is written, marked incomplete');

my @s = map { $node->background_psql('postgres', on_error_stop => 0) } 1 .. 3;
my $cursor = sub {    # session, first partition, partitions, marker
	my ($i, $from, $n, $mark) = @_;
	$s[$i]->query_safe(sprintf(
		"BEGIN; DECLARE c CURSOR FOR SELECT phone FROM m WHERE id >= %d AND id < %d /* %s $pad */; FETCH 1 FROM c;",
		$from * 10, ($from + $n) * 10, $mark));
};
my $start = sub {    # session, first partition, partitions, marker: runs in the background
	my ($i, $from, $n, $mark) = @_;
	$s[$i]->query_until(qr/started/, sprintf(
		"\\echo started\nSELECT count(phone) FROM m WHERE id >= %d AND id < %d /* %s $pad */;\n\\echo finished\n",
		$from * 10, ($from + $n) * 10, $mark));
};
my $waiting = sub {
	$node->poll_query_until('postgres',
		"SELECT count(*) = $_[0] FROM pg_stat_activity WHERE wait_event_type = 'Extension' AND backend_type = 'client backend'");
};

# two open cursors hold 14 events; a statement needing 2 more waits for them
$cursor->(0, 0, 7, 't_cursor_a');
$cursor->(1, 10, 7, 't_cursor_b');
$start->(2, 20, 2, 't_waiter');
$waiting->(1) or die 'the statement never waited';
sleep 3;
ok($waiting->(1), 'a statement waiting for running ones keeps waiting (no false deadlock)');
$s[0]->query_safe('COMMIT');
$s[2]->query_until(qr/finished/, '');
is(PdpTest::events($node, q{query LIKE '%t_waiter%' AND detail->>'completed' IS NULL}), 2,
	'... and completes once a cursor is closed, every event written');
$s[1]->query_safe('COMMIT');
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');

# three sessions hold 5 events each (61800 bytes) and each needs one more
$cursor->($_, 10 * $_, 5, "t_dl_$_") for 0 .. 2;
$start->($_, 10 * $_ + 5, 1, "t_dl2_$_") for 0 .. 2;
$s[$_]->query_until(qr/finished/, '') for 0 .. 2;
is($node->safe_psql('postgres',
	q{SELECT string_agg(state, ', ' ORDER BY state) FROM pg_stat_activity WHERE backend_type = 'client backend' AND state LIKE 'idle in transaction%'}),
	'idle in transaction, idle in transaction, idle in transaction (aborted)',
	'all waiting for each other: exactly one fails, the others complete');
$_->query('ROLLBACK') for @s;
$_->quit for @s;
$node->safe_psql('postgres', 'SELECT phone FROM m WHERE id = 5 /* t_after */');
is(PdpTest::events($node, q{query LIKE '%t_after%'}), 1, 'statements are audited as before');
is(PdpTest::events($node, q{query LIKE '%t_dl%' AND detail->>'completed' = 'false'}) > 0, 1,
	"the failed one's events are written, marked incomplete");
is(stat_value('pending'), 0, 'nothing left pending in the queue');

$node->stop;
done_testing();
