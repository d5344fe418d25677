-- Every way a statement can use a tagged column's value.  regress_app
-- works under purpose billing, which may read full_name and phone but not
-- national_id or income: each statement below that uses national_id or
-- income must fail, each that does not must run.
\set VERBOSITY terse
SET pdp.mode = enforce;
SET ROLE regress_app;
SET pdp.purpose = 'billing';

-- select list, expressions, function arguments
SELECT national_id FROM customers WHERE id = 1;
SELECT length(national_id) FROM customers WHERE id = 1;
SELECT id FROM customers WHERE id = 1 AND upper(full_name) LIKE 'CUSTOMER%';
-- WHERE, through an index and not
SELECT id FROM customers WHERE income > 25000;
SELECT id FROM customers WHERE national_id = 'ID000000001';
SELECT count(*) FROM customers WHERE phone = '0900000001';
-- JOIN
SELECT o.id FROM orders o JOIN customers c ON c.income = o.amount;
SELECT o.id, c.full_name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = 1;
-- GROUP BY, ORDER BY, DISTINCT, window, aggregate argument
SELECT count(*) FROM customers GROUP BY income;
SELECT id FROM customers ORDER BY income LIMIT 1;
SELECT count(DISTINCT national_id) FROM customers;
SELECT id, rank() OVER (ORDER BY income) FROM customers LIMIT 1;
SELECT sum(income) FROM customers;
SELECT city, count(*) FROM customers GROUP BY city ORDER BY city;
-- whole-row references
SELECT c FROM customers c WHERE id = 1;
SELECT row_to_json(c) FROM customers c WHERE id = 1;
SELECT * FROM customers WHERE id = 1;
TABLE customers;
SELECT (c).id FROM (SELECT c FROM customers c) s LIMIT 1;
-- untagged columns and count(*) are fine
SELECT id, created_at FROM customers WHERE id = 1;
SELECT count(*) FROM customers;
SELECT count(id) FROM customers WHERE created_at > '2020-01-01';
SELECT count(*) FROM customers c JOIN orders o ON o.customer_id = c.id;
-- sub-queries
SELECT id FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE income > 0) LIMIT 1;
SELECT id FROM orders o WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id AND c.national_id IS NOT NULL) LIMIT 1;
SELECT (SELECT max(income) FROM customers);
SELECT id, (SELECT full_name FROM customers c WHERE c.id = o.customer_id) FROM orders o WHERE id = 1;
SELECT * FROM (SELECT id, income FROM customers) s WHERE id = 1;
SELECT id FROM (SELECT id, income FROM customers) s WHERE id = 1;
SELECT s.id FROM orders o, LATERAL (SELECT id, national_id FROM customers c WHERE c.id = o.customer_id) s LIMIT 1;
-- CTEs, inlined and materialized, recursive
WITH c AS (SELECT id, income FROM customers) SELECT income FROM c WHERE id = 1;
WITH c AS MATERIALIZED (SELECT * FROM customers) SELECT income FROM c WHERE id = 1;
WITH c AS MATERIALIZED (SELECT * FROM customers) SELECT id, full_name FROM c WHERE id = 1;
WITH c AS MATERIALIZED (SELECT * FROM customers) SELECT count(*) FROM c;
WITH RECURSIVE r(n, v) AS (SELECT 1, (SELECT income FROM customers WHERE id = 1) UNION ALL SELECT n + 1, v FROM r WHERE n < 2) SELECT n FROM r;
-- set operations
SELECT full_name FROM customers WHERE id = 1 UNION SELECT national_id FROM customers WHERE id = 1;
SELECT full_name FROM customers WHERE id = 1 UNION ALL SELECT note FROM orders WHERE id = 1;
SELECT id FROM customers INTERSECT SELECT id FROM customers WHERE income > 1;
SELECT id FROM customers EXCEPT SELECT customer_id FROM orders;
-- writes
CREATE TEMP TABLE copy_target (v text);
INSERT INTO copy_target SELECT national_id FROM customers;
-- allowed to read, but not to copy into an untagged column (see leak_flow);
-- the message names the temporary schema, which varies
DO $$ BEGIN INSERT INTO copy_target SELECT full_name FROM customers WHERE id = 1;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE '%', regexp_replace(SQLERRM, 'pg_temp_[0-9]+', 'pg_temp_N');
END $$;
UPDATE customers SET national_id = 'ID000000001' WHERE id = 1;                 -- pure write
UPDATE customers SET income = income + 1 WHERE id = 1;
UPDATE customers SET city = city WHERE national_id = 'ID000000001';
UPDATE customers SET city = city WHERE id = 1 RETURNING income;
UPDATE customers SET city = city WHERE id = 1 RETURNING id, phone;   -- reads city (address)
UPDATE customers SET created_at = created_at WHERE id = 1 RETURNING id, phone;
UPDATE orders o SET note = c.national_id FROM customers c WHERE c.id = o.customer_id AND o.id = 1;
DELETE FROM orders WHERE id = 60 AND customer_id IN (SELECT id FROM customers WHERE income < 0);
DELETE FROM orders WHERE id = 59 RETURNING id;
INSERT INTO customers (id, full_name, income) VALUES (100, 'New', 5) RETURNING id;
INSERT INTO customers (id, full_name, income) VALUES (100, 'New', 5)
    ON CONFLICT (id) DO UPDATE SET city = 'x' WHERE customers.income > 0;
INSERT INTO customers (id, full_name, income) VALUES (100, 'New', 5)
    ON CONFLICT (id) DO UPDATE SET income = excluded.income;
INSERT INTO customers AS c (id, full_name, income) VALUES (100, 'New', 5) RETURNING c.*;
MERGE INTO customers c USING (VALUES (100, 7)) v(id, inc) ON c.id = v.id
    WHEN MATCHED THEN UPDATE SET city = 'Hue';
MERGE INTO customers c USING (VALUES (100, 7)) v(id, inc) ON c.id = v.id
    WHEN MATCHED AND c.income > 1 THEN UPDATE SET city = 'Hue';
DELETE FROM customers WHERE id = 100;
WITH d AS (DELETE FROM orders WHERE id = 58 RETURNING customer_id)
    SELECT count(*) FROM customers WHERE id IN (SELECT customer_id FROM d) AND income > 0;
CREATE TEMP TABLE ctas AS SELECT id, income FROM customers;
CREATE TEMP TABLE ctas AS SELECT id, full_name FROM customers;
SELECT national_id INTO TEMP ctas2 FROM customers;
-- cursors
BEGIN;
DECLARE cur CURSOR FOR SELECT income FROM customers;
ROLLBACK;
BEGIN;
DECLARE cur CURSOR FOR SELECT full_name FROM customers ORDER BY id;
FETCH 2 FROM cur;
COMMIT;
-- an index-only scan on a tagged column
RESET ROLE;
CREATE INDEX customers_national_id_idx ON customers (national_id);
VACUUM customers;
SET ROLE regress_app;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT count(*) FROM customers WHERE national_id > 'ID';
SELECT count(*) FROM customers WHERE id > 0;
RESET enable_seqscan;
RESET enable_bitmapscan;
-- parallel plans: the leader checks
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT count(*) FROM customers WHERE income > 0;
SELECT count(*) FROM customers WHERE created_at > '2020-01-01';
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET ROLE;
