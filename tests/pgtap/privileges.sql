-- pgTAP: who may do what.  PUBLIC reads the rules, pdp_admin changes them,
-- nobody else.
BEGIN;
SELECT plan(24);

CREATE ROLE tap_plain;
CREATE ROLE tap_admin;
GRANT pdp_admin TO tap_admin;

-- configuration functions: pdp_admin only, never PUBLIC
SELECT function_privs_are('pdp', f, a, 'public', ARRAY[]::text[], 'PUBLIC may not execute ' || f)
FROM (VALUES ('define_category', ARRAY['text', 'boolean', 'text', 'text']),
             ('define_purpose', ARRAY['text', 'text', 'text']),
             ('drop_purpose', ARRAY['text']),
             ('allow', ARRAY['text', 'text']),
             ('disallow', ARRAY['text', 'text']),
             ('grant_purpose', ARRAY['regrole', 'text']),
             ('revoke_purpose', ARRAY['regrole', 'text']),
             ('tag_column', ARRAY['regclass', 'name', 'text']),
             ('untag_column', ARRAY['regclass', 'name'])) AS t(f, a);
SELECT function_privs_are('pdp', 'allow', ARRAY['text', 'text'], 'pdp_admin', ARRAY['EXECUTE']);
SELECT function_privs_are('pdp', 'tag_column', ARRAY['regclass', 'name', 'text'], 'pdp_admin', ARRAY['EXECUTE']);

-- tables: PUBLIC reads categories and purposes, writes nothing
SELECT table_privs_are('pdp', 'category', 'public', ARRAY['SELECT']);
SELECT table_privs_are('pdp', 'purpose', 'public', ARRAY['SELECT']);
SELECT table_privs_are('pdp', 'purpose_category', 'public', ARRAY[]::text[]);
SELECT table_privs_are('pdp', 'purpose_role', 'public', ARRAY[]::text[]);
SELECT table_privs_are('pdp', 'policy', 'public', ARRAY['SELECT']);
SELECT table_privs_are('pdp', 'personal_columns', 'public', ARRAY['SELECT']);
SELECT table_privs_are('pdp', 'purpose_grants', 'public', ARRAY['SELECT']);
SELECT table_privs_are('pdp', 'purpose_role', 'pdp_admin', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE']);

-- in practice
SET ROLE tap_plain;
SELECT throws_ok($$SELECT pdp.define_purpose('tap_x', 'x', 'consent')$$, '42501', NULL, 'a plain role cannot define purposes');
SELECT throws_ok($$SELECT pdp.untag_column('pdp.category', 'name')$$, '42501', NULL, 'a plain role cannot untag');
SELECT throws_ok($$SET pdp.mode = off$$, '42501', NULL, 'a plain role cannot switch pdp off');
RESET ROLE;
SET ROLE tap_admin;
SELECT lives_ok($$SELECT pdp.define_purpose('tap_x', 'x', 'contract')$$, 'a pdp_admin member defines purposes');
SELECT lives_ok($$SELECT pdp.grant_purpose('tap_plain', 'tap_x')$$, 'and grants them');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
