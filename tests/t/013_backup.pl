# Backups by a non-superuser (issue 13, section 5): a member of pdp_backup
# dumps every row of protected tables (subjects without consent, with
# expired consent, under restriction), every tagged column and pdp's
# configuration and consent state, with pg_dump --enable-row-security; the
# dump restores into an identical database and is recorded per relation
# as bypass/backup.  The old recipe (a purpose named backup) and a
# misconfigured role fail instead of dumping part of the rows; nobody else
# gets the backup's view, and the backup role cannot switch recording off.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib $FindBin::RealBin;
use PdpTest;

my $node = PdpTest::node('backup', "pdp.mode = enforce\n");
my $tmp = PostgreSQL::Test::Utils::tempdir;

$node->safe_psql('postgres', q{
SELECT pdp.define_category('loyalty_number', false, NULL, 'loyalty card');
CREATE TABLE people (id int PRIMARY KEY, phone text, note text);
INSERT INTO people SELECT g, '09' || g, 'note ' || g FROM generate_series(1, 1000) g;
SELECT pdp.tag_column('people', 'phone', 'phone_number');
SELECT pdp.tag_column('people', 'note', 'loyalty_number');
SELECT pdp.set_subject_column('people', 'id');
SELECT pdp.protect_rows('people');
-- protected, nothing tagged: only the row filter sees its reads
CREATE TABLE visits (id int PRIMARY KEY, person int, at date);
INSERT INTO visits SELECT g, g % 1000 + 1, date '2026-01-01' + g % 300 FROM generate_series(1, 2000) g;
SELECT pdp.set_subject_column('visits', 'person');
SELECT pdp.protect_rows('visits');
-- protected and partitioned: pg_dump copies each partition
CREATE TABLE calls (id int, person int, channel text) PARTITION BY LIST (channel);
CREATE TABLE calls_phone PARTITION OF calls FOR VALUES IN ('phone');
CREATE TABLE calls_mail PARTITION OF calls FOR VALUES IN ('mail');
INSERT INTO calls SELECT g, g % 1000 + 1, CASE WHEN g % 3 = 0 THEN 'mail' ELSE 'phone' END FROM generate_series(1, 600) g;
SELECT pdp.set_subject_column('calls', 'person');
SELECT pdp.protect_rows('calls');
SELECT pdp.define_purpose('news', 'newsletter', 'consent');
SELECT pdp.allow('news', 'phone_number');
SELECT pdp.allow('news', 'loyalty_number');
GRANT SELECT ON people, visits, calls TO app;
SELECT pdp.grant_purpose('app', 'news');
SELECT pdp.set_limit('news', 50, 5000);
SELECT pdp.set_limit('billing', 100, NULL, 'app');
-- 1..300 consent; 301..350 consented and withdrew; 351..400 consent
-- expired; 1..20 and 900..999 restricted (one lifted)
SELECT count(pdp.grant_consent(g::text, 'news')) FROM generate_series(1, 350) g;
SELECT count(pdp.withdraw_consent(g::text, 'news')) FROM generate_series(301, 350) g;
SELECT count(pdp.grant_consent(g::text, 'news', clock_timestamp() + interval '1 second')) FROM generate_series(351, 400) g;
SELECT count(pdp.restrict_processing(g::text, 'dispute')) FROM generate_series(1, 20) g;
SELECT count(pdp.restrict_processing(g::text, 'objection')) FROM generate_series(900, 999) g;
SELECT pdp.lift_restriction('999');
-- the backup role: a login role, member of pdp_backup, reading the schema
CREATE ROLE nightly LOGIN;
GRANT pdp_backup TO nightly;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO nightly;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO nightly;
-- the 1.0 README's recipe: a purpose "backup" allowed the categories
CREATE ROLE oldbackup LOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO oldbackup;
GRANT SELECT ON pdp.category, pdp.purpose, pdp.purpose_category, pdp.purpose_role,
    pdp.purpose_limit, pdp.consent_log, pdp.consent, pdp.restriction TO oldbackup;
GRANT SELECT ON SEQUENCE pdp.consent_log_id_seq TO oldbackup;
SELECT pdp.define_purpose('backup', 'backups', 'consent');
SELECT pdp.allow('backup', c) FROM unnest(ARRAY['phone_number', 'loyalty_number', 'full_name', 'banking_customer_info']) c;
SELECT pdp.grant_purpose('oldbackup', 'backup');
});

$node->poll_query_until('postgres', q{SELECT count(*) = 50 FROM pdp.consents
	WHERE purpose = 'news' AND status = 'expired'})
  or die 'consents did not expire';

# what must survive, as a superuser sees it
my $state_sql = q{
SELECT 'customers', md5(string_agg(t::text, '|' ORDER BY id)) FROM customers t
UNION ALL SELECT 'accounts', md5(string_agg(t::text, '|' ORDER BY id)) FROM accounts t
UNION ALL SELECT 'people', md5(string_agg(t::text, '|' ORDER BY id)) || ' ' || count(*) FROM people t
UNION ALL SELECT 'calls', md5(string_agg(t::text, '|' ORDER BY id)) || ' ' || count(*) FROM calls t
UNION ALL SELECT 'visits', md5(string_agg(t::text, '|' ORDER BY id)) || ' ' || count(*) FROM visits t
UNION ALL SELECT 'labels', string_agg(format('%s %s %s', provider, objname, label), '|' ORDER BY provider, objname)
  FROM pg_seclabels
UNION ALL SELECT 'rls', string_agg(format('%s %s %s', relname, relrowsecurity, relforcerowsecurity), '|' ORDER BY relname)
  FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
UNION ALL SELECT 'policies', string_agg(format('%s %s %s %s %s', tablename, policyname, permissive, roles, qual), '|' ORDER BY tablename, policyname)
  FROM pg_policies
UNION ALL SELECT 'categories', string_agg(format('%s %s', name, sensitive), '|' ORDER BY name) FROM pdp.category WHERE NOT builtin
UNION ALL SELECT 'purposes', string_agg(format('%s %s %s', name, legal_basis, description), '|' ORDER BY name) FROM pdp.purpose
UNION ALL SELECT 'policy', string_agg(format('%s %s', purpose, category), '|' ORDER BY purpose, category) FROM pdp.purpose_category
UNION ALL SELECT 'grants', string_agg(format('%s %s', purpose, role), '|' ORDER BY purpose, role::text) FROM pdp.purpose_role
UNION ALL SELECT 'limits', string_agg(format('%s %s %s %s', purpose, role, max_rows_per_statement, max_records_per_day), '|' ORDER BY purpose, role::text) FROM pdp.purpose_limit
UNION ALL SELECT 'consent', md5(string_agg(t::text, '|' ORDER BY purpose, subject)) || ' ' || count(*) FROM pdp.consent t
UNION ALL SELECT 'history', md5(string_agg(t::text, '|' ORDER BY id)) || ' ' || count(*) FROM pdp.consent_log t
UNION ALL SELECT 'restriction', md5(string_agg(t::text, '|' ORDER BY subject)) || ' ' || count(*) FROM pdp.restriction t
UNION ALL SELECT 'subjects', string_agg(format('%s %s', relation, subject_column), '|' ORDER BY relation::text) FROM pdp.subject_tables
UNION ALL SELECT 'consent seq', last_value::text FROM pdp.consent_log_id_seq
ORDER BY 1
};
my $source = $node->safe_psql('postgres', $state_sql);
like($source, qr/people\|\w+ 1000/, 'source: 1000 people');
like($source, qr/restriction\|\w+ 119/, 'source: 119 restrictions');

# what the backup role, or another, sees in an ordinary (read-write) session
is($node->safe_psql('postgres', 'SELECT count(*) FROM visits', extra_params => ['-U', 'nightly']),
	'1762', 'backup role, read-write session: restricted subjects hidden as for anyone');
my ($ret, $out, $err) = $node->psql('postgres', 'SELECT phone FROM people WHERE id = 1',
	extra_params => ['-U', 'nightly']);
like($err, qr/no purpose|purpose/, 'backup role, read-write session: tagged columns refused');

my $ev0 = PdpTest::events($node, "reason = 'backup'");
is($ev0, '0', 'no backup event yet');

# the dump: custom format and plain, as the backup role
my $dump_c = "$tmp/shop.dump";
my $dump_p = "$tmp/shop.sql";
$node->command_ok(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'nightly',
	'--enable-row-security', '-Fc', '-f', $dump_c, 'postgres'], 'pg_dump -Fc as the backup role');
$node->command_ok(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'nightly',
	'--enable-row-security', '-f', $dump_p, 'postgres'], 'plain pg_dump as the backup role');

# restored by a superuser into fresh databases
$node->safe_psql('postgres', 'CREATE DATABASE restored_c');
$node->safe_psql('postgres', 'CREATE DATABASE restored_p');
$node->command_ok(['pg_restore', '-h', $node->host, '-p', $node->port, '--exit-on-error',
	'-d', 'restored_c', $dump_c], 'pg_restore of the custom dump');
$node->command_ok(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', $node->host,
	'-p', $node->port, '-d', 'restored_p', '-f', $dump_p, '-o', '/dev/null'],
	'psql restores the plain dump');
$node->command_ok(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'nightly',
	'--enable-row-security', '-Fd', '-j', '2', '-f', "$tmp/shop.dir", 'postgres'],
	'parallel pg_dump -Fd -j 2 as the backup role');
$node->safe_psql('postgres', 'CREATE DATABASE restored_d');
$node->command_ok(['pg_restore', '-h', $node->host, '-p', $node->port, '--exit-on-error',
	'-d', 'restored_d', "$tmp/shop.dir"], 'pg_restore of the directory dump');
is($node->safe_psql('restored_d', $state_sql), $source, 'parallel dump restored: identical');
is($node->safe_psql('restored_c', $state_sql), $source, 'custom dump restored: identical data, tags, policies, pdp state');
is($node->safe_psql('restored_p', $state_sql), $source, 'plain dump restored: identical data, tags, policies, pdp state');

# recorded on the source: one event per protected or tagged relation read
is($node->safe_psql('postgres', 'SELECT pdp.flush_audit() IS NOT NULL'), 't', 'flushed');
my $events = $node->safe_psql('postgres', q{
SELECT relation, decision, role, rows, detail->>'row_filter'
FROM pdp.audit_log WHERE reason = 'backup' AND command = 'COPY'
GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 5 NULLS FIRST});
is($events, join("\n",
	'public.accounts|bypass|nightly|1000|',
	'public.calls_mail|bypass|nightly|200|off',
	'public.calls_phone|bypass|nightly|400|off',
	'public.customers|bypass|nightly|1000|',
	'public.people|bypass|nightly|1000|',
	'public.people|bypass|nightly|1000|off',
	'public.visits|bypass|nightly|2000|off'),
	'each relation the dump read is recorded as bypass/backup by the backup role, with every row');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.audit_log
	WHERE reason = 'backup' AND relation = 'public.people' AND detail->>'row_filter' = 'off'}),
	'3', 'three dumps, three row-filter events for people');
for my $db ('postgres', 'restored_c', 'restored_p')
{
	is($node->safe_psql($db, 'SELECT pdp.verify_audit_log() IS NULL'), 't', "verify_audit_log clean in $db");
}

# the 1.0 recipe fails instead of dumping part of the rows
{
	local $ENV{PGOPTIONS} = '-c pdp.purpose=backup';
	$node->command_fails_like(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'oldbackup',
		'-f', "$tmp/old.sql", 'postgres'], qr/row-level security/,
		'old recipe without --enable-row-security fails');
	$node->command_fails_like(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'oldbackup',
		'--enable-row-security', '-f', "$tmp/old.sql", 'postgres'],
		qr/would lack rows hidden by consent or restriction/,
		'old recipe with --enable-row-security fails: no partial dump');
}
# a backup role that is not a member of pdp_backup: fails too
$node->safe_psql('postgres', 'REVOKE pdp_backup FROM nightly');
$node->command_fails_like(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'nightly',
	'--enable-row-security', '-f', "$tmp/bad.sql", 'postgres'], qr/permission denied/,
	'backup role without pdp_backup: pg_dump fails');
# ... also when it may read pdp's tables and declares a purpose that sees every column
$node->safe_psql('postgres', q{
GRANT SELECT ON pdp.category, pdp.purpose, pdp.purpose_category, pdp.purpose_role,
    pdp.purpose_limit, pdp.consent_log, pdp.consent, pdp.restriction TO nightly;
GRANT SELECT ON SEQUENCE pdp.consent_log_id_seq TO nightly;
SELECT pdp.define_purpose('archive', 'archive', 'contract');
SELECT pdp.allow('archive', c) FROM unnest(ARRAY['phone_number', 'loyalty_number', 'full_name', 'banking_customer_info']) c;
SELECT pdp.grant_purpose('nightly', 'archive');
});
{
	local $ENV{PGOPTIONS} = '-c pdp.purpose=archive';
	$node->command_fails_like(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'nightly',
		'--enable-row-security', '-f', "$tmp/bad.sql", 'postgres'], qr/would lack rows/,
		'misconfigured backup role under a contract purpose: fails, no partial dump');
	# --inserts reads with a cursor: restricted subjects are hidden, so the
	# dump has fewer rows; it is the COPY dump that is guaranteed whole
}
$node->safe_psql('postgres', 'GRANT pdp_backup TO nightly');

# nobody else gets the backup's view: app in a read-only transaction
is($node->safe_psql('postgres', 'BEGIN READ ONLY; SELECT count(*) FROM visits; COMMIT',
	extra_params => ['-U', 'app']), '1762', 'another role in a read-only transaction: rows still hidden');
# ... nor through a SECURITY DEFINER function the backup role owns
$node->safe_psql('postgres', q{
CREATE SCHEMA bk AUTHORIZATION nightly;
GRANT USAGE ON SCHEMA bk TO app;
SET ROLE nightly;
CREATE FUNCTION bk.all_visits() RETURNS bigint LANGUAGE sql SECURITY DEFINER
  SET search_path = pg_catalog AS $$ SELECT count(*) FROM public.visits $$;
CREATE VIEW bk.v_visits AS SELECT * FROM public.visits;
GRANT EXECUTE ON FUNCTION bk.all_visits() TO app;
GRANT SELECT ON bk.v_visits TO app;
RESET ROLE;
});
is($node->safe_psql('postgres', 'BEGIN READ ONLY; SELECT bk.all_visits(); COMMIT',
	extra_params => ['-U', 'app']), '1762', "the backup role's SECURITY DEFINER function: rows hidden for app");
is($node->safe_psql('postgres', 'BEGIN READ ONLY; SELECT count(*) FROM bk.v_visits; COMMIT',
	extra_params => ['-U', 'app']), '1762', "the backup role's view: rows hidden for app");
# ... nor through a role the backup role is a member of (SET ROLE away)
$node->safe_psql('postgres', 'GRANT app TO nightly');
is($node->safe_psql('postgres', 'BEGIN READ ONLY; SET LOCAL ROLE app; SELECT count(*) FROM visits; COMMIT',
	extra_params => ['-U', 'nightly']), '1762', 'backup role after SET ROLE app: rows hidden');

# the backup role cannot switch recording off or widen what it does
for my $set ('SET pdp.mode = off', 'SET pdp.log_allowed = off', 'SET session_replication_role = replica')
{
	($ret, $out, $err) = $node->psql('postgres', $set, extra_params => ['-U', 'nightly']);
	like($err, qr/permission denied/, "backup role: $set refused");
}
my $before = PdpTest::events($node, "reason = 'backup' AND relation = 'public.visits'");
is($node->safe_psql('postgres', q{SET pdp.purpose = 'news'; BEGIN READ ONLY;
	SELECT count(*) FROM visits; COMMIT}, extra_params => ['-U', 'nightly']),
	'2000', 'backup role, read-only transaction, any purpose: every row');
is(PdpTest::events($node, "reason = 'backup' AND relation = 'public.visits'"), $before + 1,
	'... and recorded as backup');
# membership is looked at again as soon as it changes, in the same session
is($node->safe_psql('postgres', q{
SET ROLE nightly; BEGIN READ ONLY; SELECT count(*) FROM visits; COMMIT; RESET ROLE;
REVOKE pdp_backup FROM nightly;
SET ROLE nightly; BEGIN READ ONLY; SELECT count(*) FROM visits; COMMIT; RESET ROLE;
GRANT pdp_backup TO nightly;
SET ROLE nightly; BEGIN READ ONLY; SELECT count(*) FROM visits; COMMIT; RESET ROLE;}),
	"2000\n1762\n2000", 'revoking pdp_backup applies to the next statement of an open session');

# a statement that writes is not a backup read, even into a temporary
# table in a read-only transaction
is($node->safe_psql('postgres', q{CREATE TEMP TABLE keep (id int);
	BEGIN READ ONLY; INSERT INTO keep SELECT id FROM visits; COMMIT;
	SELECT count(*) FROM keep}, extra_params => ['-U', 'nightly']),
	'1762', 'backup role: INSERT INTO a temporary table in a read-only transaction sees the filtered rows');

# a backup read is a statement of its own whose rows go only to the client:
# not one a function runs (which could switch the transaction to read only
# around it and hand the rows to a write) ...
$node->safe_psql('postgres', q{
SET ROLE nightly;
CREATE FUNCTION bk.grab() RETURNS SETOF public.visits LANGUAGE sql
  SET transaction_read_only = on AS $$ SELECT * FROM public.visits $$;
RESET ROLE;
});
is($node->safe_psql('postgres', q{CREATE TEMP TABLE loot (id int);
	BEGIN; INSERT INTO loot SELECT id FROM bk.grab(); COMMIT;
	SELECT count(*) FROM loot}, extra_params => ['-U', 'nightly']),
	'1762', 'a read a function runs read-only inside a read-write transaction is no backup read');
($ret, $out, $err) = $node->psql('postgres', q{BEGIN READ ONLY;
	DO $$ BEGIN RAISE NOTICE 'seen %', (SELECT count(*) FROM public.visits); END $$; COMMIT},
	extra_params => ['-U', 'nightly']);
like($err, qr/seen 1762/, 'nor one a DO block runs');
# ... not one that hands the rows to a volatile function (pg_notify, set_config)
is($node->safe_psql('postgres', q{BEGIN READ ONLY;
	SELECT count(pg_notify('spy', id::text)) FROM visits; COMMIT}, extra_params => ['-U', 'nightly']),
	'1762', 'a read that hands rows to pg_notify() is no backup read');
# ... and a transaction that made one may not write, not even a temporary table
($ret, $out, $err) = $node->psql('postgres', q{CREATE TEMP TABLE keep2 (n bigint);
	BEGIN READ ONLY; SELECT count(*) FROM visits; INSERT INTO keep2 SELECT 1; COMMIT},
	extra_params => ['-U', 'nightly']);
like($err, qr/a transaction that made a backup read may not write/,
	'a read-only transaction with a backup read that writes a temporary table fails at commit');

# ... nor a cursor held past its transaction, a backup cursor fetched by a
# DO block, or a COPY into a server file: their rows go elsewhere than the client
is($node->safe_psql('postgres', q{BEGIN READ ONLY;
	DECLARE held CURSOR WITH HOLD FOR SELECT id FROM visits; COMMIT;
	MOVE ALL IN held; CLOSE held;
	BEGIN READ ONLY; DECLARE h2 CURSOR WITH HOLD FOR SELECT count(*) FROM visits; COMMIT;
	FETCH h2}, extra_params => ['-U', 'nightly']),
	'1762', 'a WITH HOLD cursor is no backup read');
($ret, $out, $err) = $node->psql('postgres', q{BEGIN READ ONLY;
	DECLARE bc CURSOR FOR SELECT id FROM visits;
	DO $$ DECLARE r record; c refcursor := 'bc'; BEGIN FETCH c INTO r; END $$; COMMIT},
	extra_params => ['-U', 'nightly']);
like($err, qr/rows of a backup read go only to the client/, 'a backup cursor fetched by a DO block is refused');
is($node->safe_psql('postgres', q{BEGIN READ ONLY;
	DECLARE bc2 CURSOR FOR SELECT id FROM visits; MOVE ALL IN bc2; COMMIT;
	BEGIN READ ONLY; DECLARE bc3 CURSOR FOR SELECT count(*) FROM visits; FETCH bc3; COMMIT},
	extra_params => ['-U', 'nightly']), '2000', "fetched by the client's FETCH it is one");
$node->safe_psql('postgres', 'GRANT pg_write_server_files TO nightly');
($ret, $out, $err) = $node->psql('postgres', "BEGIN READ ONLY; COPY visits TO '$tmp/visits.copy'; COMMIT",
	extra_params => ['-U', 'nightly']);
like($err, qr/would lack rows/, 'COPY into a server file is no backup read (the copy would be partial: refused)');
$node->safe_psql('postgres', 'REVOKE pg_write_server_files FROM nightly');

# COPY table TO by an ordinary role fails rather than copy part of the
# rows, also when the table's owner added a policy calling a SQL function
# (planning runs it before the copy's own query starts)
$node->safe_psql('postgres', q{
CREATE FUNCTION public.one() RETURNS int LANGUAGE sql IMMUTABLE
  SET search_path = pg_catalog AS $$ SELECT 1 $$;
CREATE POLICY p_one ON visits AS RESTRICTIVE USING (public.one() = 1);
});
($ret, $out, $err) = $node->psql('postgres', q{BEGIN; SET LOCAL pdp.purpose = 'news'; COPY visits TO stdout; COMMIT},
	extra_params => ['-U', 'app']);
like($err, qr/copy of "public.visits" would lack rows hidden by consent or restriction|would lack rows/,
	"COPY of a table with an owner's policy calling a SQL function: still refused, not partial");
$node->safe_psql('postgres', 'DROP POLICY p_one ON visits; DROP FUNCTION public.one()');

# a table owner's own row-level security policy would run as the backup
# role (and could leave rows out): the dump fails ...
$node->safe_psql('postgres', q{
CREATE ROLE owner1;
CREATE TABLE clients (id int PRIMARY KEY, email text);
INSERT INTO clients SELECT g, 'c' || g || '@example.vn' FROM generate_series(1, 30) g;
ALTER TABLE clients OWNER TO owner1;
SELECT pdp.tag_column('clients', 'email', 'email_address');
SELECT pdp.set_subject_column('clients', 'id');
SELECT pdp.protect_rows('clients');
GRANT SELECT ON clients TO nightly;
SET ROLE owner1;
CREATE POLICY spy ON clients USING (id % 2 = 0);
RESET ROLE;
});
$node->command_fails_like(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'nightly',
	'--enable-row-security', '-f', "$tmp/spy.sql", 'postgres'],
	qr/backup of "public.clients" refused: its row-level security policy "spy" is not pdp's/,
	"a table owner's policy: the backup fails");
is(PdpTest::events($node, "reason = 'backup_foreign_policy' AND decision = 'blocked' AND relation = 'public.clients'"),
	'1', '... recorded');
# ... and a policy that takes the name of pdp's is judged by what it runs
$node->safe_psql('postgres', q{
SET ROLE owner1;
DROP POLICY spy ON clients;
ALTER POLICY pdp_all_rows ON clients USING (id < 10);
RESET ROLE;
});
$node->command_fails_like(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'nightly',
	'--enable-row-security', '-f', "$tmp/spy.sql", 'postgres'],
	qr/policy "pdp_all_rows" is not pdp's/, "an owner's policy named pdp_all_rows: the backup fails");

# with BYPASSRLS no policy runs; pdp still records every protected read
$node->safe_psql('postgres', 'ALTER ROLE nightly BYPASSRLS');
my $source_b = $node->safe_psql('postgres', $state_sql);
$node->command_ok(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'nightly',
	'-Fc', '-f', "$tmp/bypass.dump", 'postgres'], 'pg_dump as the backup role with BYPASSRLS');
$node->safe_psql('postgres', 'CREATE DATABASE restored_b');
$node->command_ok(['pg_restore', '-h', $node->host, '-p', $node->port, '--exit-on-error',
	'-d', 'restored_b', "$tmp/bypass.dump"], 'pg_restore of the BYPASSRLS dump');
is($node->safe_psql('restored_b', $state_sql), $source_b, 'BYPASSRLS dump restored: identical');
is($node->safe_psql('restored_b', 'SELECT count(*) FROM clients'), '30', '... every client');
is($node->safe_psql('postgres', q{SELECT pdp.flush_audit() IS NOT NULL;
SELECT relation, rows FROM pdp.audit_log WHERE reason = 'backup' AND command = 'COPY'
  AND detail->>'row_filter' = 'bypassed' AND role = 'nightly' ORDER BY 1}),
	"t\npublic.calls_mail|200\npublic.calls_phone|400\npublic.clients|30\npublic.people|1000\npublic.visits|2000",
	'each protected relation recorded as bypass/backup, row filter bypassed');
# without pdp_backup, BYPASSRLS is refused by pdp on protected tables
$node->safe_psql('postgres', q{REVOKE pdp_backup FROM nightly; SELECT pdp.allow('archive', 'email_address')});
{
	local $ENV{PGOPTIONS} = '-c pdp.purpose=archive';
	$node->command_fails_like(['pg_dump', '-h', $node->host, '-p', $node->port, '-U', 'nightly',
		'-f', "$tmp/bad2.sql", 'postgres'], qr/its row protection would be bypassed/,
		'BYPASSRLS without pdp_backup, under a purpose allowed every column: the dump fails');
}

done_testing();
