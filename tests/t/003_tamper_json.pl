# verify_audit_log() finds an edited, a deleted and an inserted row (and
# rows cut off the end); and with pdp.audit_log_destination = 'table, log'
# each event is one JSON line in the server log.  A superuser who wipes the
# trail and its chain passes verify_audit_log(), but not an anchor: the
# head's id and hash kept outside, and logged by the writer.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use JSON::PP;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('tamper', "pdp.audit_log_destination = 'table, log'\npdp.audit_anchor_interval = 1");
my $script = q{\set id random(1, 1000)
SELECT full_name FROM customers WHERE id = :id /* t_json */;
};
is(PdpTest::pgbench($node, 2, 20, $script, 'json'), 0, 'some reads');
is(PdpTest::events($node, q{query LIKE '%t_json%'}), 40, '40 events');

# JSON lines in the server log
my @lines = grep { /pdp audit: \{/ } split /\n/, slurp_file($node->logfile);
my @json = map { /pdp audit: (\{.*\})\s*$/ ? decode_json($1) : () } @lines;
my @reads = grep { ($_->{query} // '') =~ /t_json/ } @json;
is(scalar @reads, 40, 'one JSON line per event');
is($reads[0]{kind}, 'access', 'kind');
is($reads[0]{decision}, 'allowed', 'decision');
is($reads[0]{purpose}, 'billing', 'purpose');
is($reads[0]{current_user}, 'app', 'role');
is($reads[0]{relation}, 'public.customers', 'relation');
is_deeply($reads[0]{columns}, ['full_name'], 'columns');
is_deeply($reads[0]{categories}, ['full_name'], 'categories');
is($reads[0]{rows}, 1, 'rows');
like($reads[0]{event_time}, qr/^\d{4}-\d\d-\d\d /, 'event time');

# tampering, by a superuser who switches the append-only triggers off
my $q = sub { $node->safe_psql('postgres', "SET session_replication_role = replica; $_[0]") };
my $verify = sub { $node->safe_psql('postgres', 'SELECT coalesce(pdp.verify_audit_log()::text, \'intact\')') };
is($verify->(), 'intact', 'the chain verifies');
my $mid = $node->safe_psql('postgres', q{SELECT id FROM pdp.audit_log WHERE kind = 'access' ORDER BY id OFFSET 10 LIMIT 1});
my $last = $node->safe_psql('postgres', 'SELECT max(id) FROM pdp.audit_log');

$q->("UPDATE pdp.audit_log SET rows = rows + 1 WHERE id = $mid");
is($verify->(), $mid, 'an edited row is found');
$q->("UPDATE pdp.audit_log SET rows = rows - 1 WHERE id = $mid");
is($verify->(), 'intact', 'and the chain verifies once it is put back');

$q->("CREATE TABLE saved AS SELECT * FROM pdp.audit_log WHERE id = $mid; DELETE FROM pdp.audit_log WHERE id = $mid");
is($verify->(), $mid + 1, 'a deleted row is found (the row after the gap)');
$q->('INSERT INTO pdp.audit_log SELECT * FROM saved');
is($verify->(), 'intact', 'put back');

$q->("INSERT INTO pdp.audit_log SELECT * FROM saved");
isnt($verify->(), 'intact', 'a duplicated row is found');
$q->("DELETE FROM pdp.audit_log WHERE ctid = (SELECT max(ctid) FROM pdp.audit_log WHERE id = $mid)");
is($verify->(), 'intact', 'put back');

$q->("INSERT INTO pdp.audit_log SELECT id + 1000000, event_time, kind, decision, reason, database, \"session_user\", \"current_user\", application_name, client_addr, backend_pid, purpose, command, relation, columns, categories, sensitive, 0, 0, 'forged', query_id, detail, prev_hash, hash FROM saved");
is($verify->(), $mid + 1000000, 'an inserted row is found');
$q->('DELETE FROM pdp.audit_log WHERE id > 1000000');
is($verify->(), 'intact', 'put back');

$q->("CREATE TABLE saved_last AS SELECT * FROM pdp.audit_log WHERE id = $last; DELETE FROM pdp.audit_log WHERE id = $last");
is($verify->(), $last, 'a row cut off the end is found');
$q->('INSERT INTO pdp.audit_log SELECT * FROM saved_last');
is($verify->(), 'intact', 'put back');

# anchors: the writer logs the head; an auditor can read it too
$node->safe_psql('postgres', q{CREATE ROLE officer LOGIN IN ROLE pdp_auditor});
my ($head_id, $head_hash) = split /\|/,
  $node->safe_psql('postgres', 'SELECT id, hash FROM pdp.audit_chain_head()', extra_params => [ '-U', 'officer' ]);
ok($head_id > 0, "the chain head, read by an auditor: id $head_id");
my $anchor = sub {
	$node->safe_psql('postgres', "SELECT pdp.verify_audit_anchor($_[0], '$_[1]')",
		extra_params => [ '-U', 'officer' ]);
};
is($anchor->($head_id, $head_hash), 't', 'the anchor holds');
$node->stop;    # the writer logs the head when it stops
my @anchors = (slurp_file($node->logfile) =~ /pdp audit chain head: id (\d+), hash (\\x[0-9a-f]{64})/g);
ok(@anchors >= 2, 'the writer logs the head of the chain');
is("$anchors[-2]|$anchors[-1]", "$head_id|$head_hash", 'the last one logged is the head');
$node->start;

# a superuser wipes the trail and resets the chain; the writer starts afresh
$q->('DELETE FROM pdp.audit_log; UPDATE pdp.audit_chain SET first_prev_hash = NULL, last_id = NULL, last_hash = NULL');
$node->restart;
$node->safe_psql('postgres', q{SELECT full_name FROM customers WHERE id = 1});
is(PdpTest::events($node, 'true') > 0, 1, 'new events after the wipe');
is($verify->(), 'intact', 'verify_audit_log() alone does not see the wipe');
is($anchor->($head_id, $head_hash), 'f', 'the anchor kept outside does');

$node->stop;
done_testing();
