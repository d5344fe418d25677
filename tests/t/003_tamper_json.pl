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
is($reads[0]{role}, 'app', 'role');
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

# the columns that were name in 1.0 are text (issue 14): a value changed,
# or made longer than a name can be, is found as any other
is($node->safe_psql('postgres', q{SELECT string_agg(format_type(atttypid, NULL), ',' ORDER BY attnum) FROM pg_attribute
	WHERE attrelid = 'pdp.audit_log'::regclass AND attname IN ('database', 'session_role', 'role')}),
	'text,text,text', 'database and the roles are text columns');
for my $col ('database', 'session_role', 'role')
{
	$q->("UPDATE pdp.audit_log SET $col = $col || 'x' WHERE id = $mid");
	is($verify->(), $mid, "an edited $col is found");
	$q->("UPDATE pdp.audit_log SET $col = left($col, -1) WHERE id = $mid");
	is($verify->(), 'intact', '... and put back, the chain verifies');
}
$q->("UPDATE pdp.audit_log SET role = role || repeat('y', 70) WHERE id = $mid");
is($verify->(), $mid, 'a role longer than a name could hold is found');
$q->("UPDATE pdp.audit_log SET role = left(role, -70) WHERE id = $mid");
is($verify->(), 'intact', '... and put back');

$q->("CREATE TABLE saved AS SELECT * FROM pdp.audit_log WHERE id = $mid; DELETE FROM pdp.audit_log WHERE id = $mid");
is($verify->(), $mid + 1, 'a deleted row is found (the row after the gap)');
$q->('INSERT INTO pdp.audit_log SELECT * FROM saved');
is($verify->(), 'intact', 'put back');

$q->("INSERT INTO pdp.audit_log SELECT * FROM saved");
isnt($verify->(), 'intact', 'a duplicated row is found');
$q->("DELETE FROM pdp.audit_log WHERE ctid = (SELECT max(ctid) FROM pdp.audit_log WHERE id = $mid)");
is($verify->(), 'intact', 'put back');

$q->("INSERT INTO pdp.audit_log SELECT id + 1000000, event_time, kind, decision, reason, database, session_role, role, application_name, client_addr, backend_pid, purpose, command, relation, columns, categories, sensitive, 0, 0, 'forged', query_id, detail, prev_hash, hash FROM saved");
is($verify->(), $mid + 1000000, 'an inserted row is found');
$q->('DELETE FROM pdp.audit_log WHERE id > 1000000');
is($verify->(), 'intact', 'put back');

$q->("CREATE TABLE saved_last AS SELECT * FROM pdp.audit_log WHERE id = $last; DELETE FROM pdp.audit_log WHERE id = $last");
is($verify->(), $last, 'a row cut off the end is found');
$q->('INSERT INTO pdp.audit_log SELECT * FROM saved_last');
is($verify->(), 'intact', 'put back');

# everything verification and the writer read back is hostile input: a
# superuser's NULLs, wrong lengths, missing or extra chain rows and
# retyped columns are reported, never a crash (1.0 crashed the server on a
# NULL last_hash)
$node->safe_psql('postgres', 'SELECT pdp.flush_audit(); CREATE TABLE saved_chain AS SELECT * FROM pdp.audit_chain');
my $first = $node->safe_psql('postgres', 'SELECT min(id) FROM pdp.audit_log');
my $verify_says = sub {
	my ($ret, $out, $err) = $node->psql('postgres', 'SELECT coalesce(pdp.verify_audit_log()::text, \'intact\')');
	return "$out|" . ($err =~ /(?:NOTICE|ERROR):\s+(.*)/ ? $1 : '');
};
my $restore_chain = sub { $q->('DELETE FROM pdp.audit_chain; INSERT INTO pdp.audit_chain SELECT * FROM saved_chain') };
my @chain_cases = (
	[ 'UPDATE pdp.audit_chain SET last_hash = NULL', 'last_hash NULL' ],
	[ q{UPDATE pdp.audit_chain SET last_hash = '\x00'}, 'last_hash of one byte' ],
	[ 'UPDATE pdp.audit_chain SET last_id = NULL', 'last_id NULL' ],
	[ q{UPDATE pdp.audit_chain SET first_prev_hash = '\x0102'}, 'first_prev_hash of two bytes' ],
	[ 'INSERT INTO pdp.audit_chain SELECT * FROM saved_chain', 'a second chain row' ],
	[ 'DELETE FROM pdp.audit_chain', 'no chain row' ],);
for my $c (@chain_cases)
{
	$q->($c->[0]);
	like($verify_says->(), qr/^$first\|audit row $first does not verify: pdp\.audit_chain/,
		"$c->[1]: verification reports the first row and says why");
	$restore_chain->();
	is($verify->(), 'intact', "$c->[1]: put back");
}
$q->('ALTER TABLE pdp.audit_log ALTER hash DROP NOT NULL, ALTER id DROP NOT NULL');
$q->("UPDATE pdp.audit_log SET hash = NULL WHERE id = $mid");
like($verify_says->(), qr/^$mid\|audit row $mid does not verify: hash is missing/, 'a row without hash');
$q->("UPDATE pdp.audit_log SET hash = '\\x00' WHERE id = $mid");
like($verify_says->(), qr/^$mid\|.*hash is missing or not 32 bytes/, 'a hash of one byte');
$q->("UPDATE pdp.audit_log SET hash = (SELECT hash FROM saved WHERE id = $mid) WHERE id = $mid");
$q->("UPDATE pdp.audit_log SET prev_hash = '\\x00' WHERE id = $mid");
like($verify_says->(), qr/^$mid\|.*prev_hash is not the hash of the row before/, 'a prev_hash of one byte');
$q->("UPDATE pdp.audit_log SET prev_hash = (SELECT prev_hash FROM saved WHERE id = $mid) WHERE id = $mid");
$q->("UPDATE pdp.audit_log SET id = NULL WHERE id = $mid");
# (ids sort NULLs last: the row after the hole is the first not to verify)
like($verify_says->(), qr/^@{[$mid + 1]}\|.*the row before it is missing/, 'a row without id');
$q->("UPDATE pdp.audit_log SET id = $mid WHERE id IS NULL");
$q->('ALTER TABLE pdp.audit_log ALTER hash SET NOT NULL, ALTER id SET NOT NULL');
is($verify->(), 'intact', 'put back');
$q->(q{ALTER TABLE pdp.audit_log ALTER COLUMN prev_hash TYPE text USING encode(prev_hash, 'hex')});
like($verify_says->(), qr/^\|column "prev_hash" of table pdp\.audit_log has type text, not bytea/,
	'a retyped column: a clear error');
$node->safe_psql('postgres', q{SELECT full_name FROM customers WHERE id = 3 /* t_retyped */});
my ($ret, $out, $err) = $node->psql('postgres', 'SELECT pdp.flush_audit()');
like($err, qr/the pdp audit writer cannot write the audit trail/, 'the writer refuses to write into it');
is($node->safe_psql('postgres', 'SELECT writer_state, pending > 0 FROM pdp.audit_stats()'), 'failing|t',
	'audit_stats() says so, the event waits');
ok($node->log_contains(qr/column "prev_hash" of table pdp\.audit_log has type text, not bytea/),
	'and the server log says why');
$q->(q{ALTER TABLE pdp.audit_log ALTER COLUMN prev_hash TYPE bytea USING decode(prev_hash, 'hex')});
is(PdpTest::events($node, q{query LIKE '%t_retyped%'}), 1, 'put back, the event is written');
is($verify->(), 'intact', 'and the chain verifies');

# two columns' names swapped: every hash still verifies, but the rows now
# say something else (the hash encodes values in column order): refused
$q->('ALTER TABLE pdp.audit_log RENAME decision TO swap; ALTER TABLE pdp.audit_log RENAME reason TO decision; ALTER TABLE pdp.audit_log RENAME swap TO reason');
like($verify_says->(), qr/^\|the columns of pdp\.audit_log were renamed, dropped or reordered/,
	'swapped column names: verification refuses the table');
$node->safe_psql('postgres', q{SELECT full_name FROM customers WHERE id = 5 /* t_swapped */});
($ret, $out, $err) = $node->psql('postgres', 'SELECT pdp.flush_audit()');
like($err, qr/cannot write the audit trail/, '... and so does the writer');
$q->('ALTER TABLE pdp.audit_log RENAME reason TO swap; ALTER TABLE pdp.audit_log RENAME decision TO reason; ALTER TABLE pdp.audit_log RENAME swap TO decision');
is(PdpTest::events($node, q{query LIKE '%t_swapped%'}), 1, 'put back, the event is written');

# the role columns (issue 14): session_role and role swapped are refused as
# any swap; one renamed back to its 1.0 name and not the other, too; both
# with their 1.0 names is a table not yet updated: written and verified
$q->('ALTER TABLE pdp.audit_log RENAME role TO swap; ALTER TABLE pdp.audit_log RENAME session_role TO role; ALTER TABLE pdp.audit_log RENAME swap TO session_role');
like($verify_says->(), qr/^\|the columns of pdp\.audit_log were renamed, dropped or reordered/,
	'session_role and role swapped: verification refuses the table');
$node->safe_psql('postgres', q{SELECT full_name FROM customers WHERE id = 5 /* t_roles_swapped */});
($ret, $out, $err) = $node->psql('postgres', 'SELECT pdp.flush_audit()');
like($err, qr/cannot write the audit trail/, '... and so does the writer');
$q->('ALTER TABLE pdp.audit_log RENAME session_role TO swap; ALTER TABLE pdp.audit_log RENAME role TO session_role; ALTER TABLE pdp.audit_log RENAME swap TO role');
is(PdpTest::events($node, q{query LIKE '%t_roles_swapped%'}), 1, 'put back, the event is written');
$q->('ALTER TABLE pdp.audit_log RENAME role TO "current_user"');
like($verify_says->(), qr/^\|the columns of pdp\.audit_log were renamed, dropped or reordered \(first out of place: "role"\)/,
	'one role column with its 1.0 name, the other with 1.1\'s: refused');
$q->('ALTER TABLE pdp.audit_log RENAME session_role TO "session_user"');
is($verify->(), 'intact', 'both with their 1.0 names (a table not yet updated): the chain verifies');
$node->safe_psql('postgres', q{SELECT full_name FROM customers WHERE id = 5 /* t_names_1_0 */});
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is($node->safe_psql('postgres', q{SELECT "session_user" || '|' || "current_user" FROM pdp.audit_log WHERE query LIKE '%t_names_1_0%'}),
	'postgres|postgres', '... and the writer writes the roles into the 1.0 columns');
$q->('ALTER TABLE pdp.audit_log RENAME "session_user" TO session_role; ALTER TABLE pdp.audit_log RENAME "current_user" TO role');
is($verify->(), 'intact', 'renamed back, the chain with that row verifies');

# pdp.audit_log replaced by a partitioned table (a retention scheme):
# the writer refuses it rather than crash the server (1.0: SIGSEGV)
$q->(q{
ALTER TABLE pdp.audit_log RENAME TO audit_log_saved;
CREATE TABLE pdp.audit_log (LIKE pdp.audit_log_saved) PARTITION BY RANGE (event_time);
CREATE TABLE pdp.audit_log_default PARTITION OF pdp.audit_log DEFAULT;
ALTER EXTENSION pdp DROP TABLE pdp.audit_log_saved;
ALTER EXTENSION pdp ADD TABLE pdp.audit_log;
});
$node->safe_psql('postgres', q{SELECT full_name FROM customers WHERE id = 6 /* t_partitioned */});
($ret, $out, $err) = $node->psql('postgres', 'SELECT pdp.flush_audit()');
like($err, qr/cannot write the audit trail/, 'a partitioned pdp.audit_log: the writer refuses it');
ok($node->log_contains(qr/pdp\.audit_log is not a plain table/), '... says why');
is($node->safe_psql('postgres', 'SELECT 1'), '1', '... and the server is up');
$q->(q{
ALTER EXTENSION pdp DROP TABLE pdp.audit_log;
DROP TABLE pdp.audit_log;
ALTER TABLE pdp.audit_log_saved RENAME TO audit_log;
ALTER EXTENSION pdp ADD TABLE pdp.audit_log;
});
is(PdpTest::events($node, q{query LIKE '%t_partitioned%'}), 1, 'put back, the event is written');
is($verify->(), 'intact', 'and the chain verifies');

# the chain row changed behind the running writer's back: it stops
# writing rather than continue (and so hide) what was done
$q->('UPDATE pdp.audit_chain SET last_hash = NULL');
$node->safe_psql('postgres', q{SELECT full_name FROM customers WHERE id = 4 /* t_chain_changed */});
($ret, $out, $err) = $node->psql('postgres', 'SELECT pdp.flush_audit()');
like($err, qr/cannot write the audit trail/, 'the writer refuses to continue a changed chain');
ok($node->log_contains(qr/pdp\.audit_chain was changed behind the writer's back/), 'and says why');
is($node->safe_psql('postgres', 'SELECT 1'), '1', 'the server is up');
$q->('DELETE FROM pdp.audit_chain; INSERT INTO pdp.audit_chain SELECT first_prev_hash, last_id, last_hash FROM saved_chain');
$q->('UPDATE pdp.audit_chain SET last_id = (SELECT max(id) FROM pdp.audit_log), last_hash = (SELECT hash FROM pdp.audit_log ORDER BY id DESC LIMIT 1)');
is(PdpTest::events($node, q{query LIKE '%t_chain_changed%'}), 1, 'put back, it goes on');
is($verify->(), 'intact', 'the chain verifies');

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
