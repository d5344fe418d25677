-- pgTAP: the consent surface - functions, views, who may call what, and
-- the SQLSTATE of each kind of bad input.
BEGIN;
SELECT plan(64);

CREATE ROLE tap_c_plain;
CREATE ROLE tap_c_app;
CREATE ROLE tap_c_admin;
GRANT pdp_admin TO tap_c_admin;
SELECT pdp.define_purpose('tap_newsletter', 'newsletter', 'consent');
SELECT pdp.define_purpose('tap_contract', 'contract', 'contract');
CREATE TABLE tap_people (pid bigint PRIMARY KEY, phone text NOT NULL, note text);
INSERT INTO tap_people VALUES (1, '0901', 'a'), (2, '0902', 'b');
SELECT pdp.tag_column('tap_people', 'phone', 'phone_number');

-- surface
SELECT has_function('pdp', 'set_subject_column', ARRAY['regclass', 'name']);
SELECT function_returns('pdp', 'grant_consent', ARRAY['text', 'text', 'timestamp with time zone', 'text', 'text'], 'bigint');
SELECT function_returns('pdp', 'grant_consent', ARRAY['bigint', 'text', 'timestamp with time zone', 'text', 'text'], 'bigint');
SELECT function_returns('pdp', 'withdraw_consent', ARRAY['text', 'text', 'text'], 'boolean');
SELECT function_returns('pdp', 'has_consent', ARRAY['text', 'text'], 'boolean');
SELECT function_returns('pdp', 'has_consent', ARRAY['bigint'], 'boolean');
SELECT function_returns('pdp', 'protect_rows', ARRAY['regclass'], 'boolean');
SELECT function_returns('pdp', 'unprotect_rows', ARRAY['regclass'], 'boolean');
SELECT function_returns('pdp', 'restrict_processing', ARRAY['text', 'text'], 'boolean');
SELECT function_returns('pdp', 'lift_restriction', ARRAY['text'], 'boolean');
SELECT function_returns('pdp', 'subject_report', ARRAY['text'], 'jsonb');
SELECT function_returns('pdp', 'erase_subject', ARRAY['text', 'text'], 'setof record');
SELECT columns_are('pdp', 'subject_tables', ARRAY['relation', 'subject_column', 'protected']);
SELECT col_type_is('pdp', 'subject_tables', 'relation', 'regclass', 'subject_tables.relation is a regclass');
SELECT has_view('pdp', 'consents', 'consents view');
SELECT has_view('pdp', 'consent_history', 'consent_history view');
SELECT has_view('pdp', 'restrictions', 'restrictions view');

-- privileges: never PUBLIC
SELECT function_privs_are('pdp', f, a, 'public', ARRAY[]::text[], 'PUBLIC may not execute ' || f || '(' || array_to_string(a, ', ') || ')')
FROM (VALUES ('grant_consent', ARRAY['text', 'text', 'timestamp with time zone', 'text', 'text']),
             ('withdraw_consent', ARRAY['text', 'text', 'text']),
             ('has_consent', ARRAY['text', 'text']),
             ('has_consent', ARRAY['bigint']),
             ('restrict_processing', ARRAY['text', 'text']),
             ('lift_restriction', ARRAY['text']),
             ('protect_rows', ARRAY['regclass']),
             ('subject_report', ARRAY['text']),
             ('erase_subject', ARRAY['text', 'text']),
             ('set_subject_column', ARRAY['regclass', 'name'])) AS t(f, a);
-- the internal helpers: only the extension's own SECURITY DEFINER functions
SELECT function_privs_are('pdp', f, a, r, ARRAY[]::text[], r || ' may not execute ' || f)
FROM (VALUES ('_audit_event', ARRAY['text', 'text', 'text', 'text', 'jsonb', 'boolean']),
             ('_exec_as_owner', ARRAY['regclass', 'text']),
             ('_json_as_owner', ARRAY['regclass', 'text']),
             ('_protect_one', ARRAY['regclass', 'name'])) AS t(f, a),
     unnest(ARRAY['public', 'pdp_admin']) AS r;
SELECT table_privs_are('pdp', t, 'public', ARRAY[]::text[], 'PUBLIC may not read pdp.' || t)
FROM unnest(ARRAY['consent_log', 'consent', 'restriction', 'consents', 'consent_history', 'restrictions']) t;
SELECT table_privs_are('pdp', 'consents', 'pdp_auditor', ARRAY['SELECT']);
SELECT table_privs_are('pdp', 'subject_tables', 'public', ARRAY['SELECT']);

-- granting a purpose opens the consent calls to the role; revoking closes them
SELECT ok(NOT has_function_privilege('tap_c_app', 'pdp.grant_consent(text, text, timestamptz, text, text)', 'EXECUTE'),
          'a role without a purpose cannot call grant_consent');
SELECT pdp.grant_purpose('tap_c_app', 'tap_newsletter');
SELECT ok(has_function_privilege('tap_c_app', 'pdp.has_consent(text, text)', 'EXECUTE'),
          'granted a purpose, it can');
SELECT pdp.revoke_purpose('tap_c_app', 'tap_newsletter');
SELECT ok(NOT has_function_privilege('tap_c_app', 'pdp.has_consent(text, text)', 'EXECUTE'),
          'revoked, it cannot any more');
SELECT pdp.grant_purpose('tap_c_app', 'tap_newsletter');
CREATE ROLE "Tap Mixed Case";
SELECT pdp.grant_purpose('"Tap Mixed Case"', 'tap_newsletter');
SELECT ok(has_function_privilege('Tap Mixed Case', 'pdp.withdraw_consent(text, text, text)', 'EXECUTE'),
          'a role whose name needs quoting gets EXECUTE too');
SELECT pdp.revoke_purpose('"Tap Mixed Case"', 'tap_newsletter');
SELECT ok(NOT has_function_privilege('Tap Mixed Case', 'pdp.withdraw_consent(text, text, text)', 'EXECUTE'),
          'and loses it');

-- bad input: SQLSTATEs
SELECT throws_ok($$SELECT pdp.grant_consent(NULL::text, 'tap_newsletter')$$, '22004', NULL, 'NULL subject');
SELECT throws_ok($$SELECT pdp.grant_consent('', 'tap_newsletter')$$, '22023', NULL, 'empty subject');
SELECT throws_ok($$SELECT pdp.grant_consent('1', 'tap_nope')$$, '42704', NULL, 'unknown purpose');
SELECT throws_ok($$SELECT pdp.grant_consent('1', 'tap_newsletter', now() - interval '1 s')$$, '22023', NULL, 'expiry in the past');
SELECT throws_ok($$SELECT pdp.has_consent('1', 'tap_nope')$$, '42704', NULL, 'has_consent: unknown purpose');
SELECT throws_ok($$SELECT pdp.protect_rows('tap_people')$$, '55000', NULL, 'protecting a table without subject column');
SELECT throws_ok($$SELECT pdp.set_subject_column('tap_people', 'nope')$$, '42703', NULL, 'a subject column that does not exist');
SELECT throws_ok($$SELECT pdp.set_subject_column('pdp.personal_columns', 'relation')$$, '42809', NULL, 'a view has no subject column');
SELECT throws_ok($$SELECT pdp.erase_subject('1', 'burn')$$, '22023', NULL, 'unknown erasure method');
SELECT pdp.set_subject_column('tap_people', 'pid');
SELECT throws_ok($$SELECT pdp.erase_subject('1')$$, '23502', NULL, 'anonymizing a NOT NULL column without default');

-- callers
SET LOCAL ROLE tap_c_plain;
SELECT throws_ok($$SELECT pdp.grant_consent('1', 'tap_newsletter')$$, '42501', NULL, 'a role without the purpose cannot record consent');
SELECT throws_ok($$SELECT pdp.protect_rows('tap_people')$$, '42501', NULL, 'nor protect rows');
RESET ROLE;
SET LOCAL ROLE tap_c_app;
SELECT lives_ok($$SELECT pdp.grant_consent(1, 'tap_newsletter')$$, 'the role granted the purpose records consent');
SELECT throws_ok($$SELECT pdp.has_consent(1, 'tap_contract')$$, '42501', NULL, 'but only for its own purposes');
SELECT is(pdp.has_consent(1, 'tap_newsletter'), true, 'consent recorded');
SELECT is(pdp.has_consent(2, 'tap_newsletter'), false, 'no consent for another subject');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
