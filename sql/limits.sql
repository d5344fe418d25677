-- Bulk-disclosure limits: the exact boundary for each kind of statement,
-- cursors fetched in pieces, log mode, superusers, the daily quota, and
-- bad input.  regress_app works under billing (full_name, phone allowed).
\set VERBOSITY terse
SET pdp.mode = enforce;

-- bad input
SELECT pdp.set_limit('billing', -1, NULL);
SELECT pdp.set_limit('billing', NULL, -5);
SELECT pdp.set_limit('nonexistent', 10, 10);
SELECT pdp.set_limit(NULL, 10, 10);
SELECT pdp.set_limit('billing', 10, 10, 'regress_nobody');
SELECT pdp.drop_limit('billing');                 -- none yet: false
SELECT pdp.drop_limit('nonexistent');
SET ROLE regress_other;
SELECT pdp.set_limit('billing', 1000000, NULL);
SELECT pdp.drop_limit('billing');
RESET ROLE;

-- per statement: 3 rows pass, the 4th fails before it is sent
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset
SELECT pdp.set_limit('billing', 3, NULL);
SELECT * FROM pdp.limits;
SET ROLE regress_app;
SET pdp.purpose = 'billing';
SELECT full_name FROM customers ORDER BY id LIMIT 3;
SELECT full_name FROM customers ORDER BY id LIMIT 4;
SELECT id FROM customers ORDER BY id LIMIT 10;          -- no personal data: no limit
SELECT count(full_name) FROM customers;                 -- one row out
-- cursors fetched in pieces
BEGIN;
DECLARE cur CURSOR FOR SELECT full_name FROM customers ORDER BY id;
FETCH 2 FROM cur;
FETCH 1 FROM cur;
FETCH 1 FROM cur;
ROLLBACK;
-- COPY (query) TO
COPY (SELECT full_name FROM customers ORDER BY id LIMIT 3) TO STDOUT;
COPY (SELECT full_name FROM customers ORDER BY id LIMIT 4) TO STDOUT;
-- INSERT ... SELECT (into a column tagged with the category: copies keep
-- their tags, see leak_flow)
RESET ROLE;
CREATE TEMP TABLE names (n text);
GRANT ALL ON names TO regress_app;
SELECT pdp.tag_column('names', 'n', 'full_name');
SET ROLE regress_app;
INSERT INTO names SELECT full_name FROM customers ORDER BY id LIMIT 3;
INSERT INTO names SELECT full_name FROM customers ORDER BY id LIMIT 4;
SELECT count(*) FROM names;
-- CREATE TABLE AS
CREATE TEMP TABLE names3 AS SELECT full_name FROM customers ORDER BY id LIMIT 3;
CREATE TEMP TABLE names4 AS SELECT full_name FROM customers ORDER BY id LIMIT 4;
-- COPY table TO: 30 rows pass under 30, fail under 29
RESET ROLE;
SELECT pdp.set_limit('billing', 30, NULL);
SET ROLE regress_app;
COPY customers (id, full_name) TO '/dev/null';            -- not allowed to write files anyway
COPY customers (full_name) TO STDOUT WITH (FORMAT csv) \g /dev/null
RESET ROLE;
SELECT pdp.set_limit('billing', 29, NULL);
SET ROLE regress_app;
COPY customers (full_name) TO STDOUT WITH (FORMAT csv) \g /dev/null
RESET ROLE;

-- a limit for one role overrides the limit for every role
SELECT pdp.set_limit('billing', 3, NULL);
SELECT pdp.set_limit('billing', 5, NULL, 'regress_app');
SELECT * FROM pdp.limits ORDER BY role NULLS FIRST;
SET ROLE regress_app;
SELECT count(*) FROM (SELECT full_name FROM customers LIMIT 5) s;   -- the subquery's rows stay inside
SELECT full_name FROM customers ORDER BY id LIMIT 5;
SELECT full_name FROM customers ORDER BY id LIMIT 6;
RESET ROLE;
SELECT pdp.drop_limit('billing', 'regress_app');

-- log mode: the statement runs, the audit has the row_limit violation
SET pdp.mode = log;
SET ROLE regress_app;
SELECT full_name FROM customers ORDER BY id LIMIT 5;
RESET ROLE;
-- superusers are recorded, not stopped, even in enforce mode
SET pdp.mode = enforce;
SET pdp.purpose = 'billing';
SELECT full_name FROM customers ORDER BY id LIMIT 4;
SELECT pdp.flush_audit();
-- every limit hit is in the audit, blocked (enforce) or violation (log, superuser)
SELECT role, decision, reason, command, relation, detail
FROM pdp.audit_log WHERE id > :mark AND reason IN ('row_limit', 'daily_limit') ORDER BY id;

-- per day: paging through the list, 4 rows at a time, under a quota of 10
RESET pdp.purpose;
SELECT pdp.drop_limit('billing');
SELECT pdp.set_limit('support', NULL, 10);
SET ROLE regress_clerk;
SET pdp.purpose = 'support';
SELECT full_name FROM customers ORDER BY id LIMIT 4 OFFSET 0;
SELECT full_name FROM customers ORDER BY id LIMIT 4 OFFSET 4;
SELECT full_name FROM customers ORDER BY id LIMIT 4 OFFSET 8;
SELECT full_name FROM customers ORDER BY id LIMIT 1 OFFSET 12;
RESET ROLE;
SELECT role, purpose, records_24h, "limit" FROM pdp.quota_usage WHERE role = 'regress_clerk'::regrole;
-- raising the limit lets the work go on, from the next statement
SELECT pdp.set_limit('support', NULL, 12);
SET ROLE regress_clerk;
SELECT full_name FROM customers ORDER BY id LIMIT 2 OFFSET 10;
SELECT full_name FROM customers ORDER BY id LIMIT 1 OFFSET 12;
RESET ROLE;
SELECT records_24h FROM pdp.quota_usage WHERE role = 'regress_clerk'::regrole;
SELECT pdp.flush_audit();
SELECT role, decision, reason, detail
FROM pdp.audit_log WHERE id > :mark AND reason = 'daily_limit' ORDER BY id;
-- who may see usage
SET ROLE regress_other;
SELECT * FROM pdp.quota_usage;
RESET ROLE;
SELECT pdp.drop_limit('support');
RESET pdp.purpose;
