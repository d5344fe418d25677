-- log mode: statements run, violations and superuser reads are logged
-- (one line per statement and relation).  client_min_messages = log shows
-- the server-log lines here.
\set VERBOSITY terse
SET pdp.mode = log;
SET client_min_messages = log;
SET ROLE regress_app;
RESET pdp.purpose;
SELECT full_name, phone FROM customers WHERE id = 1;
SET pdp.purpose = 'billing';
SELECT full_name, phone FROM customers WHERE id = 1;          -- allowed: no line
SELECT full_name, national_id, income FROM customers WHERE id = 1;
SELECT c.full_name, o.note FROM customers c JOIN orders o ON o.customer_id = c.id
    WHERE c.income > 29000 ORDER BY o.id LIMIT 1;
SET pdp.purpose = 'marketing';
SELECT full_name FROM customers WHERE id = 1;
SET pdp.purpose = 'nonexistent';
SELECT full_name FROM customers WHERE id = 1;
COPY customers (id, income) TO STDOUT WITH (FORMAT csv);
RESET ROLE;
SET pdp.purpose = 'billing';
SELECT full_name, income FROM customers WHERE id = 1;        -- superuser: bypass
SET pdp.mode = off;
SELECT full_name, income FROM customers WHERE id = 1;        -- off: nothing
RESET client_min_messages;
RESET pdp.purpose;
SET pdp.mode = enforce;
