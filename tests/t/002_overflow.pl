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
# a read that would be summarized fails too: it may yet need the queue (a
# bulk read, no room for its key), and error means fail closed
$node->safe_psql('postgres', q{ALTER ROLE app SET pdp.log_allowed = summary});
($ret, $out, $err) = $node->psql('postgres', q{SELECT full_name FROM customers WHERE id = 1},
	extra_params => [ '-U', 'app' ]);
isnt($ret, 0, 'error: a read that would be summarized fails while the queue is full');
like($err, qr/the pdp audit queue is full/, '... with the same message');
$node->safe_psql('postgres', q{ALTER ROLE app RESET pdp.log_allowed});
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

# No session holds room it has not filled: a statement's events wait in
# the statement until it ends, and only then take room in the queue.  So
# no combination of sessions can make another session's audited statement
# wait on them: every wait is a wait for the writer.  Each event here keeps
# ~4 kB of query text, one event per partition read; the queue is 64 kB.
$node->safe_psql('postgres', q{
CREATE TABLE m (id int, phone text) PARTITION BY RANGE (id);
SELECT format('CREATE TABLE m_%s PARTITION OF m FOR VALUES FROM (%s) TO (%s)', i, i * 10, i * 10 + 10)
FROM generate_series(0, 39) i \gexec
INSERT INTO m SELECT i, 'p' || i FROM generate_series(0, 399) i;
SELECT pdp.tag_column('m', 'phone', 'phone_number');
SELECT pdp.flush_audit();
});
my $pad = 'x' x 3900;

# 40 events of ~4 kB, 160 kB in all: more than the whole queue
($ret, $out, $err) = $node->psql('postgres',
	"SELECT count(phone) FROM m /* t_wide $pad */", timeout => $PostgreSQL::Test::Utils::timeout_default);
is($ret, 0, 'a statement whose events take more than the whole queue runs');
is(PdpTest::events($node, qq{query LIKE '%t_wide%' AND detail->>'completed' IS NULL}), 40,
	'... and all its 40 events are written');

# two sessions each hold 1 000 open cursors over tagged data in one
# transaction, then sleep: before 1.1 they held the whole queue
my @s = map { $node->background_psql('postgres', on_error_stop => 0, extra_params => [ '-U', 'app' ]) } 1 .. 2;
for my $i (0 .. 1)
{
	$s[$i]->query_safe("BEGIN; SELECT format('DECLARE c%s CURSOR FOR SELECT full_name FROM customers WHERE id = %s /* t_hold_$i $pad */', g, g) FROM generate_series(1, 1000) g \\gexec");
	$s[$i]->query_until(qr/sleeping/, "\\echo sleeping\nSELECT pg_sleep(" . (3 + 3600 * $i) . ");\n");
}
my $t0 = time;
($ret, $out, $err) = $node->psql('postgres',
	q{SELECT count(full_name) FROM customers /* t_free */}, extra_params => [ '-U', 'app' ],
	timeout => 60);
is($ret, 0, 'another session reads tagged data while they hold their cursors');
ok(time - $t0 <= 2, 'without waiting on them (' . (time - $t0) . ' s)');
is(PdpTest::events($node, q{query LIKE '%t_free%'}), 1, '... and is audited');
# the first commits once its sleep ends; the second is cancelled, and its
# cursors go with its aborted transaction
$s[0]->query_safe('COMMIT');
$node->safe_psql('postgres', q{SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3603)%'});
$s[1]->query('ROLLBACK');
$_->quit for @s;
$node->poll_query_until('postgres', q{SELECT deferred = 0 FROM pdp.audit_stats()})
  or die 'events stayed deferred';
is(PdpTest::events($node, q{query LIKE '%t_hold_0%' AND detail->>'completed' IS NULL}), 1000,
	'the 1 000 cursors of the committed transaction are audited, complete');
is(PdpTest::events($node, q{query LIKE '%t_hold_1%' AND detail->>'completed' = 'false'}), 1000,
	'the 1 000 of the cancelled one too, marked incomplete');

# a session terminated while its statement waits for room at its end:
# nothing is left counted against anyone, its events are not lost silently
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
my $locker = hold_writer();
my $victim = $node->background_psql('postgres', on_error_stop => 0);
my $vpid = $victim->query_safe('SELECT pg_backend_pid()');
$victim->query_until(qr/started/, "\\echo started\nSELECT count(phone) FROM m /* t_victim $pad */;\n");
$node->poll_query_until('postgres',
	"SELECT wait_event_type = 'Extension' FROM pg_stat_activity WHERE pid = $vpid")
  or die 'the statement never waited';
pass('a statement whose events do not fit waits for the writer');
my $dropped_now = stat_value('dropped');
$node->safe_psql('postgres', "SELECT pg_terminate_backend($vpid)");
eval { $victim->quit };
$node->poll_query_until('postgres', "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = $vpid")
  or die 'the session did not end';
$locker->query_safe('COMMIT');
$locker->quit;
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
my $kept = PdpTest::events($node, q{query LIKE '%t_victim%'});
my $lost = stat_value('dropped') - $dropped_now;
is($kept + $lost, 40, "its 40 events are written ($kept) or counted as dropped ($lost)");
ok($lost == 0 || $node->log_contains('dropped: the audit queue had no room at backend exit'),
	'... and what was dropped is in the server log');
is(stat_value('deferred'), 0, 'no event is left held by anyone');
$node->safe_psql('postgres', 'SELECT phone FROM m WHERE id = 5 /* t_after */');
is(PdpTest::events($node, q{query LIKE '%t_after%'}), 1, 'statements are audited as before');
is(stat_value('pending'), 0, 'nothing left pending in the queue');

$node->stop;
done_testing();
