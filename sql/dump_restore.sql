-- Tags, custom categories, purposes, policy and grants survive
-- pg_dump | psql into a new database.
\set VERBOSITY terse
SELECT pdp.tag_column('orders', 'note', 'loyalty_number');   -- a custom category
SELECT pdp.set_limit('support', 100, 1000);
SELECT pdp.set_limit('support', 200, NULL, 'regress_clerk');
CREATE DATABASE pdp_restored;
\! pg_dump -d contrib_regression | psql -X -q -v ON_ERROR_STOP=1 -d pdp_restored -o /dev/null 2>&1 | grep -v '^LOG: ' ; echo "restore done"
SELECT * FROM pdp.personal_columns ORDER BY relation::text, column_name \g /tmp/pdp_regress_before
\c pdp_restored
SELECT * FROM pdp.personal_columns ORDER BY relation::text, column_name \g /tmp/pdp_regress_after
\! cmp /tmp/pdp_regress_before /tmp/pdp_regress_after && echo "personal_columns identical"
SELECT name, sensitive, legal_ref, description FROM pdp.category WHERE NOT builtin ORDER BY name;
SELECT count(*) AS builtin_categories FROM pdp.category WHERE builtin;
SELECT name, legal_basis FROM pdp.purpose ORDER BY name;
SELECT * FROM pdp.policy ORDER BY 1, 2;
SELECT * FROM pdp.purpose_grants ORDER BY 1, 2;
SELECT * FROM pdp.limits ORDER BY purpose, role NULLS FIRST;
-- and they are enforced there
SET pdp.mode = enforce;
SET ROLE regress_app;
SET pdp.purpose = 'billing';
SELECT full_name FROM customers WHERE id = 1;
SELECT national_id FROM customers WHERE id = 1;
SELECT note FROM orders WHERE id = 1;
RESET ROLE;
-- subject columns, row protection (partitions too), consent and its
-- history, restrictions
SELECT * FROM pdp.subject_tables ORDER BY relation::text;
SELECT c.relname, p.polname, p.polpermissive FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
WHERE c.relname IN ('members', 'events_p', 'events_p_call', 'events_p_sms', 'events_p_mail')
ORDER BY 1, 2;
SELECT subject, purpose, status, in_force FROM pdp.consents ORDER BY 1, 2;
SELECT subject, purpose, action FROM pdp.consent_history ORDER BY id;
SELECT max(id) AS last_consent FROM pdp.consent_history \gset
SET ROLE regress_marketer;
SET pdp.purpose = 'marketing';
SELECT id FROM members ORDER BY id;
SELECT subject_id, kind FROM events_p ORDER BY 1, 2;
SELECT pdp.grant_consent(6, 'marketing') > :last_consent AS new_id_after_history;
SELECT id FROM members ORDER BY id;
RESET ROLE;
\c contrib_regression
DROP DATABASE pdp_restored;
\! rm -f /tmp/pdp_regress_before /tmp/pdp_regress_after
