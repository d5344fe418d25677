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

$node->stop;
done_testing();
