-- pgTAP: the audit trail's and the limits' SQL surface, and who may use it.
BEGIN;
SELECT plan(60);

SELECT has_role('pdp_auditor');
SELECT has_table('pdp', 'audit_log', 'audit table');
SELECT has_column('pdp', 'audit_log', c, 'audit_log.' || c)
FROM unnest(ARRAY['id', 'event_time', 'kind', 'decision', 'reason', 'database',
    'session_role', 'role', 'application_name', 'client_addr', 'backend_pid',
    'purpose', 'command', 'relation', 'columns', 'categories', 'sensitive', 'rows',
    'records_read', 'query', 'query_id', 'detail', 'prev_hash', 'hash']) c;
SELECT col_type_is('pdp', 'audit_log', 'columns', 'text[]', 'columns is text[]');
SELECT col_type_is('pdp', 'audit_log', 'client_addr', 'inet', 'client_addr is inet');

SELECT has_view('pdp', v, 'view ' || v)
FROM unnest(ARRAY['audit_events', 'violations', 'access_summary', 'sensitive_access',
                  'bulk_reads', 'limits', 'quota_usage']) v;

SELECT has_function('pdp', 'set_limit', ARRAY['text', 'bigint', 'bigint', 'regrole']);
SELECT has_function('pdp', 'drop_limit', ARRAY['text', 'regrole']);
SELECT function_returns('pdp', 'verify_audit_log', ARRAY[]::text[], 'bigint');
SELECT is_definer('pdp', 'verify_audit_log', ARRAY[]::text[], 'verify_audit_log runs as its owner');

-- privileges
SELECT table_privs_are('pdp', 'audit_log', 'public', ARRAY[]::text[], 'PUBLIC: nothing on audit_log');
SELECT table_privs_are('pdp', 'audit_log', 'pdp_auditor', ARRAY[]::text[], 'auditors read views, not the table');
SELECT table_privs_are('pdp', 'audit_events', 'pdp_auditor', ARRAY['SELECT']);
SELECT table_privs_are('pdp', 'audit_events', 'public', ARRAY[]::text[]);
SELECT table_privs_are('pdp', 'violations', 'pdp_admin', ARRAY[]::text[], 'admins do not read the trail');
SELECT function_privs_are('pdp', 'purge_audit', ARRAY['timestamp with time zone'], 'pdp_auditor', ARRAY[]::text[]);
SELECT function_privs_are('pdp', 'purge_audit', ARRAY['timestamp with time zone'], 'public', ARRAY[]::text[]);
SELECT function_privs_are('pdp', 'verify_audit_log', ARRAY[]::text[], 'pdp_auditor', ARRAY['EXECUTE']);
SELECT function_privs_are('pdp', 'audit_chain_head', ARRAY[]::text[], 'pdp_auditor', ARRAY['EXECUTE']);
SELECT function_privs_are('pdp', 'audit_chain_head', ARRAY[]::text[], 'public', ARRAY[]::text[]);
SELECT function_privs_are('pdp', 'verify_audit_anchor', ARRAY['bigint', 'bytea'], 'pdp_auditor', ARRAY['EXECUTE']);
SELECT function_privs_are('pdp', 'verify_audit_anchor', ARRAY['bigint', 'bytea'], 'public', ARRAY[]::text[]);
SELECT function_privs_are('pdp', 'set_limit', ARRAY['text', 'bigint', 'bigint', 'regrole'], 'public', ARRAY[]::text[]);
SELECT function_privs_are('pdp', 'set_limit', ARRAY['text', 'bigint', 'bigint', 'regrole'], 'pdp_admin', ARRAY['EXECUTE']);
SELECT table_privs_are('pdp', 'quota_usage', 'public', ARRAY[]::text[]);

-- settings that weaken the trail are not for ordinary roles
SELECT is((SELECT context FROM pg_settings WHERE name = 'pdp.log_allowed'), 'superuser', 'log_allowed: superusers');
SELECT is((SELECT context FROM pg_settings WHERE name = 'pdp.audit_overflow'), 'superuser', 'audit_overflow: superusers');
SELECT is((SELECT context FROM pg_settings WHERE name = 'pdp.audit_log_destination'), 'sighup', 'destination: configuration file');
SELECT is((SELECT context FROM pg_settings WHERE name = 'pdp.audit_database'), 'postmaster', 'audit database: server start');
SELECT is((SELECT context FROM pg_settings WHERE name = 'pdp.audit_anchor_interval'), 'sighup', 'anchor interval: configuration file');
SELECT is_definer('pdp', 'verify_audit_anchor', ARRAY['bigint', 'bytea'], 'verify_audit_anchor runs as its owner');

SELECT * FROM finish();
ROLLBACK;
