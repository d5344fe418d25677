-- log mode: statements run, and every decision is in the audit trail, one
-- event per statement and relation (this database is pdp.audit_database).
\set VERBOSITY terse
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset
SET pdp.mode = log;
SET ROLE regress_app;
RESET pdp.purpose;
SELECT full_name, phone FROM customers WHERE id = 1;
SET pdp.purpose = 'billing';
SELECT full_name, phone FROM customers WHERE id = 1;
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
RESET pdp.purpose;
SET pdp.mode = enforce;
SELECT pdp.flush_audit();
SELECT decision, reason, role, purpose, command, relation, columns,
       categories, sensitive, rows, records_read, query
FROM pdp.audit_log WHERE id > :mark AND kind = 'access' ORDER BY id;
