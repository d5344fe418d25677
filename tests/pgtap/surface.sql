-- pgTAP: pdp's SQL surface - functions, signatures, views, settings.
BEGIN;
SELECT plan(38);

SELECT has_schema('pdp');
SELECT has_role('pdp_admin');

SELECT has_table('pdp', 'category', 'categories table');
SELECT columns_are('pdp', 'category', ARRAY['name', 'sensitive', 'legal_ref', 'description', 'builtin', 'previous_ref']);
SELECT has_table('pdp', 'purpose', 'purposes table');
SELECT has_view('pdp', 'personal_columns', 'personal_columns view');
SELECT columns_are('pdp', 'personal_columns', ARRAY['relation', 'column_name', 'category', 'sensitive', 'inherited_from']);
SELECT col_type_is('pdp', 'personal_columns', 'relation', 'regclass', 'relation is a regclass');
SELECT col_type_is('pdp', 'personal_columns', 'column_name', 'name', 'column_name is a name');
SELECT has_view('pdp', 'policy', 'policy view');
SELECT columns_are('pdp', 'policy', ARRAY['purpose', 'category', 'access', 'mask']);
SELECT has_view('pdp', 'purpose_grants', 'purpose_grants view');

SELECT has_function('pdp', 'define_category', ARRAY['text', 'boolean', 'text', 'text']);
SELECT has_function('pdp', 'define_purpose', ARRAY['text', 'text', 'text']);
SELECT has_function('pdp', 'drop_purpose', ARRAY['text']);
SELECT has_function('pdp', 'allow', ARRAY['text', 'text']);
SELECT has_function('pdp', 'disallow', ARRAY['text', 'text']);
SELECT has_function('pdp', 'grant_purpose', ARRAY['regrole', 'text']);
SELECT has_function('pdp', 'revoke_purpose', ARRAY['regrole', 'text']);
SELECT has_function('pdp', 'tag_column', ARRAY['regclass', 'name', 'text']);
SELECT has_function('pdp', 'untag_column', ARRAY['regclass', 'name']);
SELECT function_returns('pdp', 'allow', ARRAY['text', 'text'], 'boolean');
SELECT function_returns('pdp', 'untag_column', ARRAY['regclass', 'name'], 'boolean');

-- define_purpose's legal basis defaults to consent
SELECT lives_ok($$SELECT pdp.define_purpose('tap_default', 'x')$$, 'legal basis may be left out');
SELECT is((SELECT legal_basis FROM pdp.purpose WHERE name = 'tap_default'), 'consent', 'and defaults to consent');
SELECT throws_ok($$SELECT pdp.define_purpose('tap_bad', 'x', 'whim')$$, '22023', NULL, 'unknown legal basis refused');
SELECT throws_ok($$SELECT pdp.allow('no_purpose_here', 'full_name')$$, '42704', NULL, 'unknown purpose refused');
CREATE TABLE tap_surface_t (name text);
SELECT throws_ok($$SELECT pdp.tag_column('tap_surface_t', 'name', 'nope')$$, '42704', NULL, 'unknown category refused');
SELECT throws_ok($$SELECT pdp.tag_column('tap_surface_t', 'name', NULL)$$, '22004', NULL, 'NULL category refused');
SELECT throws_ok($$SELECT pdp.tag_column('pdp.category', 'name', 'full_name')$$, '42809', NULL, 'pdp''s own tables cannot be tagged');
SELECT throws_ok($$SELECT pdp.set_subject_column('pg_catalog.pg_authid', 'rolname')$$, '42809', NULL, 'nor catalogs be subject tables');

-- every SECURITY DEFINER function of the extension pins search_path,
-- and so does every other pdp function written in SQL or PL/pgSQL
SELECT is_empty($$
    SELECT p.oid::regprocedure FROM pg_proc p
    JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pdp'
    JOIN pg_language l ON l.oid = p.prolang
    WHERE (p.prosecdef OR l.lanname IN ('sql', 'plpgsql'))
      AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%')
$$, 'every pdp function in SQL or PL/pgSQL pins search_path');

-- settings
SELECT is((SELECT context FROM pg_settings WHERE name = 'pdp.mode'), 'superuser', 'pdp.mode is superuser-only');
SELECT is((SELECT context FROM pg_settings WHERE name = 'pdp.purpose'), 'user', 'pdp.purpose is user-settable');
SELECT is((SELECT boot_val FROM pg_settings WHERE name = 'pdp.mode'), 'log', 'pdp.mode defaults to log');
SELECT is((SELECT enumvals FROM pg_settings WHERE name = 'pdp.mode'), ARRAY['off', 'log', 'enforce'], 'pdp.mode values');
SELECT is((SELECT count(*) FROM pdp.category WHERE builtin)::int, 29, 'default taxonomy (Decree 356/2025) loaded');
SELECT is((SELECT count(*) FROM pdp.category WHERE builtin AND sensitive)::int, 14, 'fourteen sensitive categories');

SELECT * FROM finish();
ROLLBACK;
