# Attacks found by review of 1.1, each kept as a test:
#  - a commit that cannot get room waits before its commit record, where it
#    can be cancelled or terminated (1.0 waited after it, unkillable, while
#    holding its locks - the NOTIFY lock among them);
#  - a consent change that a backend failed to apply (a lock timeout) is
#    not forgotten: the withdrawn subject stays hidden;
#  - a row filter re-evaluated in an EvalPlanQual recheck (a concurrent
#    update) belongs to its statement;
#  - quota counts read back from a damaged file cannot overflow.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('attacks', "pdp.mode = enforce\npdp.audit_queue_size = 64kB");
PdpTest::protected_people($node, '1', '2', '3');

# --- a commit waiting for room can be terminated, and commits nothing
my $locker = $node->background_psql('postgres');
$locker->query_safe('BEGIN; LOCK TABLE pdp.audit_log IN ACCESS EXCLUSIVE MODE;');
$node->safe_psql('postgres', q{
DO $$ BEGIN
    WHILE (SELECT queue_bytes FROM pdp.audit_stats()) < 65536 - 3000 LOOP
        PERFORM phone, repeat('f', 1000) FROM people WHERE id = 1;
    END LOOP;
END $$});
my $victim = $node->background_psql('postgres', on_error_stop => 0);
my $vpid = $victim->query_safe('SELECT pg_backend_pid()');
my $pad = 'y' x 4000;
$victim->query_until(qr/started/,
	"\\echo started\nBEGIN; NOTIFY anything; SELECT pdp.define_category('att_waits', false, '$pad'); COMMIT;\n");
$node->poll_query_until('postgres', "SELECT wait_event_type = 'Extension' FROM pg_stat_activity WHERE pid = $vpid")
  or die 'the commit did not wait';
my $t0 = time;
$node->safe_psql('postgres', "SELECT pg_terminate_backend($vpid)");
ok($node->poll_query_until('postgres', "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = $vpid"),
	'a commit waiting for room is terminated at once');
ok(time - $t0 < 10, '(' . (time - $t0) . ' s)');
eval { $victim->quit };
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.category WHERE name = 'att_waits'}), 0,
	'the change did not commit');
# while the queue is full, another session's NOTIFY goes through: nobody
# holds the NOTIFY lock waiting on the writer
my ($ret, $out, $err) = $node->psql('postgres', 'NOTIFY anything', timeout => 10);
is($ret, 0, 'NOTIFY is not held up');
$locker->query_safe('COMMIT');
$locker->quit;
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is($node->safe_psql('postgres', 'SELECT deferred FROM pdp.audit_stats()'), 0, 'nothing left deferred');

# --- a consent change a backend could not apply is not forgotten
my $reader = $node->background_psql('postgres', on_error_stop => 0, extra_params => [ '-U', 'app' ]);
$reader->query_safe(q{SET pdp.purpose = 'news'; SET lock_timeout = '200ms'});
is($reader->query_safe('SELECT string_agg(id::text, \',\' ORDER BY id) FROM people'), '1,2,3',
	'the consenting subjects');
$node->safe_psql('postgres', q{SELECT pdp.withdraw_consent('2', 'news')});
my $holder = $node->background_psql('postgres');
$holder->query_safe('BEGIN; LOCK TABLE pdp.consent IN ACCESS EXCLUSIVE MODE;');
$reader->query('SELECT string_agg(id::text, \',\' ORDER BY id) FROM people');
like($reader->{stderr}, qr/lock timeout/, 'the change cannot be read while pdp.consent is locked');
$holder->query_safe('COMMIT');
$holder->quit;
# (query, not query_safe: the previous error may still be on its way)
is($reader->query('SELECT string_agg(id::text, \',\' ORDER BY id) FROM people'), '1,3',
	'once it can, the withdrawal holds (before the fix subject 2 stayed visible for good)');
is($reader->query(q{SELECT pdp.has_consent(2)}), 'f', 'has_consent() agrees');
$reader->quit;

# --- EvalPlanQual: an UPDATE that waited for a concurrent one re-checks
# the row filter in an executor state of its own, under the statement
$node->safe_psql('postgres', q{
CREATE ROLE clerk LOGIN;
GRANT SELECT (id, phone), UPDATE (phone) ON people TO clerk;
SELECT pdp.grant_purpose('clerk', 'news');
});
my $first = $node->background_psql('postgres');
$first->query_safe(q{BEGIN; UPDATE people SET phone = 'first' WHERE id = 1;});
my $second = $node->background_psql('postgres', on_error_stop => 0, extra_params => [ '-U', 'clerk' ]);
my $spid = $second->query_safe('SELECT pg_backend_pid()');
$second->query_until(qr/started/,
	"\\echo started\nSET pdp.purpose = 'news';\nUPDATE people SET phone = 'second' WHERE id = 1;\n\\echo updated\n");
$node->poll_query_until('postgres', "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = $spid")
  or die 'the second update did not wait';
$first->query_safe('COMMIT');
$first->quit;
$second->query_until(qr/updated/, '');
unlike($second->{stderr}, qr/ERROR/, 'the re-check runs as part of the statement');
$second->quit;
is($node->safe_psql('postgres', 'SELECT phone FROM people WHERE id = 1'), 'second', 'the update went through');

# --- quota counts from a damaged file cannot add up to an overflow
$node->safe_psql('postgres', q{SELECT pdp.set_limit('news', NULL, 1000)});
$node->safe_psql('postgres', q{SET pdp.purpose = 'news'; SELECT phone FROM people}, extra_params => [ '-U', 'app' ]);
$node->stop;
my $file = $node->data_dir . '/pg_stat/pdp_quota.stat';
my $data = slurp_file($file);
my $entry = substr($data, 8);
substr($entry, length($entry) - 16, 16) = pack('q', 9223372036854775807) x 2;
open my $fh, '>:raw', $file or die;
print $fh substr($data, 0, 4), pack('l', 1), $entry;
close $fh;
$node->start;
ok($node->log_contains(qr/pdp: ignored 1 damaged entries/), 'buckets that could overflow are ignored');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.quota_usage}), 0, 'nothing loaded from them');

$node->stop;
done_testing();
