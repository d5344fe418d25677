-- Decisions in enforce mode: the order of the checks, the messages, the
-- role that counts, superuser bypass, prepared statements.
\set VERBOSITY default
SET pdp.mode = enforce;
SET ROLE regress_app;

-- untagged columns and count(*) need no purpose
SELECT id, created_at FROM customers WHERE id = 1;
SELECT count(*) FROM customers;

-- no_purpose
SELECT full_name FROM customers WHERE id = 1;

-- unknown_purpose
SET pdp.purpose = 'nonexistent';
SELECT full_name FROM customers WHERE id = 1;

-- purpose_not_granted (defined, but not granted to regress_app)
SET pdp.purpose = 'marketing';
SELECT full_name FROM customers WHERE id = 1;

-- category_not_allowed
SET pdp.purpose = 'billing';
SELECT income FROM customers WHERE id = 1;

-- allowed
SELECT full_name, phone FROM customers WHERE id = 1;

\set VERBOSITY terse
-- the first refused column stops the statement before any row
SELECT id, full_name, national_id FROM customers WHERE id < 3;
SELECT full_name, national_id FROM customers WHERE id < 3;

-- SET LOCAL: the purpose of one transaction
RESET pdp.purpose;
BEGIN;
SET LOCAL pdp.purpose = 'billing';
SELECT full_name FROM customers WHERE id = 2;
COMMIT;
SELECT full_name FROM customers WHERE id = 2;

-- a grant to a group covers its members; the group's purpose only
RESET ROLE;
SET ROLE regress_clerk;
SET pdp.purpose = 'support';
SELECT full_name, phone FROM customers WHERE id = 3;
SELECT city FROM customers WHERE id = 3;
SET pdp.purpose = 'billing';
SELECT full_name FROM customers WHERE id = 3;
RESET ROLE;

-- the role the client chose with SET ROLE counts, not the session user
SET ROLE regress_other;
SET pdp.purpose = 'billing';
SELECT full_name FROM customers WHERE id = 1;
RESET ROLE;

-- superusers are not blocked (their reads are logged as bypass)
SET pdp.purpose = 'nonexistent';
SELECT full_name, income FROM customers WHERE id = 1;
RESET pdp.purpose;

-- prepared statements are checked at every execution
SET ROLE regress_app;
SET pdp.purpose = 'billing';
PREPARE get_name(int) AS SELECT full_name FROM customers WHERE id = $1;
EXECUTE get_name(1);
SET pdp.purpose = 'marketing';
EXECUTE get_name(1);
SET pdp.purpose = 'billing';
EXECUTE get_name(1);
EXECUTE get_name(1);
EXECUTE get_name(1);
EXECUTE get_name(1);
EXECUTE get_name(1);
EXECUTE get_name(1);        -- generic plan by now
RESET pdp.purpose;
EXECUTE get_name(1);
DEALLOCATE get_name;

-- EXPLAIN without ANALYZE reads nothing; EXPLAIN ANALYZE does
RESET pdp.purpose;
EXPLAIN (COSTS OFF) SELECT full_name FROM customers WHERE id = 1;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT full_name FROM customers WHERE id = 1;

-- off: no checks at all
RESET ROLE;
SET pdp.mode = off;
SET ROLE regress_app;
SELECT full_name FROM customers WHERE id = 1;
RESET ROLE;
SET pdp.mode = enforce;
