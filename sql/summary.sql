-- Summaries of allowed reads (pdp.log_allowed = summary, the default):
-- counted per key in shared memory, written as one audit row per key and
-- interval (flush_audit() flushes them), in the hash chain; sensitive and
-- bulk reads stay statement records.
\set VERBOSITY terse
SELECT current_user AS su \gset
-- make test's clusters ask for a password over TCP
ALTER ROLE regress_app PASSWORD 'regress_sum_pw';
SELECT boot_val, context FROM pg_settings WHERE name IN ('pdp.log_allowed', 'pdp.log_sensitive',
    'pdp.audit_summary_interval', 'pdp.audit_summary_size') ORDER BY name;
-- the 1.0 values keep their meaning
SET pdp.log_allowed = on;
SHOW pdp.log_allowed;
SET pdp.log_allowed = off;
SHOW pdp.log_allowed;
SET pdp.log_allowed = 'sometimes';
SET pdp.log_sensitive = 'off';
-- recording less is for superusers
SET ROLE regress_app;
SET pdp.log_allowed = summary;
SET pdp.log_allowed = statement;
RESET ROLE;

SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset
SELECT summarized AS s0, summary_rows AS r0, summary_fallback AS f0 FROM pdp.audit_stats() \gset
SELECT pdp.allow('billing', 'banking_customer_info');
ALTER ROLE regress_app SET pdp.log_allowed = summary;
ALTER ROLE regress_app SET pdp.bulk_read_threshold = 40;
\c -reuse-previous=on "user=regress_app password=regress_sum_pw"
SET pdp.purpose = 'billing';
SHOW pdp.log_allowed;
PREPARE one(int) AS SELECT full_name FROM customers WHERE id = $1;
EXECUTE one(1); EXECUTE one(2); EXECUTE one(3); EXECUTE one(4); EXECUTE one(5);
-- the same query with other constants: one query id, one key
SELECT full_name FROM customers WHERE id = 6;
SELECT full_name FROM customers WHERE id = 7;
-- another query: another key
SELECT full_name, phone FROM customers WHERE id < 4 ORDER BY id;
-- a sensitive category: a statement record (pdp.log_sensitive = statement)
SELECT income FROM customers WHERE id = 1;
-- a bulk read (more records than pdp.bulk_read_threshold): a statement record
SELECT length(string_agg(full_name, ',')) FROM (SELECT full_name FROM customers UNION ALL SELECT full_name FROM customers) u;
\c - :su
SELECT pdp.flush_audit();
SELECT kind, decision, role, session_role, purpose, command, relation, columns,
       statements, rows, records_read, first_time <= event_time AS ordered,
       application_name, client_addr, backend_pid, query
FROM pdp.audit_log WHERE id > :mark AND kind = 'access' AND statements IS NOT NULL
ORDER BY relation, columns::text, statements;
SELECT decision, columns, statements, sensitive, records_read > 40 AS bulk, query
FROM pdp.audit_log WHERE id > :mark AND kind = 'access' AND statements IS NULL ORDER BY id;
-- every allowed statement is counted once: 5 + 2 + 1 summarized
SELECT summarized - :s0 AS summarized, summary_rows - :r0 AS summary_rows,
       summary_fallback - :f0 AS fallback, summary_keys FROM pdp.audit_stats();
-- the views count statements, not rows
SELECT bool_and(v.statements = (
           SELECT sum(COALESCE(e.statements, 1)) FROM pdp.audit_log e, unnest(e.categories) c
           WHERE e.kind = 'access' AND e.decision IN ('allowed', 'violation', 'bypass')
             AND (e.event_time AT TIME ZONE 'UTC')::date = v.day AND e.role = v.role
             AND e.purpose IS NOT DISTINCT FROM v.purpose AND c = v.category)) AS access_summary_adds_up
FROM pdp.access_summary v WHERE v.role = 'regress_app';
SELECT count(*) AS summaries_in_bulk_reads FROM pdp.bulk_reads WHERE id > :mark AND statements IS NOT NULL;
SELECT count(*) AS summaries_in_audit_events FROM pdp.audit_events WHERE id > :mark AND statements IS NOT NULL;

-- sensitive reads summarized too with pdp.log_sensitive = summary
ALTER ROLE regress_app SET pdp.log_sensitive = summary;
\c -reuse-previous=on "user=regress_app password=regress_sum_pw"
SET pdp.purpose = 'billing';
SELECT income FROM customers WHERE id = 2;
SELECT income FROM customers WHERE id = 3;
\c - :su
SELECT pdp.flush_audit();
SELECT columns, sensitive, statements FROM pdp.audit_log
WHERE id > :mark AND kind = 'access' AND 'income' = ANY (columns) ORDER BY id;

-- with statement, each read is a row again
ALTER ROLE regress_app SET pdp.log_allowed = statement;
\c -reuse-previous=on "user=regress_app password=regress_sum_pw"
SET pdp.purpose = 'billing';
SELECT full_name FROM customers WHERE id = 8;
\c - :su
SELECT pdp.flush_audit();
SELECT columns, statements, query FROM pdp.audit_log
WHERE id > :mark AND kind = 'access' AND query LIKE '%id = 8%';
ALTER ROLE regress_app RESET pdp.log_allowed;
ALTER ROLE regress_app RESET pdp.log_sensitive;
ALTER ROLE regress_app RESET pdp.bulk_read_threshold;
SELECT pdp.disallow('billing', 'banking_customer_info');
-- the chain covers summary rows
SELECT pdp.verify_audit_log();

-- a bulk read is one statement's: the partitions of a table read together
-- (30 + 30 records, each below the threshold of 40) are statement records
CREATE TABLE summary_part (id int, name text) PARTITION BY RANGE (id);
CREATE TABLE summary_part_a PARTITION OF summary_part FOR VALUES FROM (0) TO (30);
CREATE TABLE summary_part_b PARTITION OF summary_part FOR VALUES FROM (30) TO (60);
SELECT pdp.tag_column('summary_part', 'name', 'full_name');
INSERT INTO summary_part SELECT g, 'n' || g FROM generate_series(0, 59) g;
GRANT SELECT ON summary_part TO regress_app;
-- one row per call, 30 records read per call
CREATE FUNCTION summary_one(i int) RETURNS text LANGUAGE plpgsql
AS $$ BEGIN RETURN (SELECT name FROM summary_part WHERE id = i AND id < 30); END $$;
GRANT EXECUTE ON FUNCTION summary_one(int) TO regress_app;
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset
ALTER ROLE regress_app SET pdp.log_allowed = summary;
ALTER ROLE regress_app SET pdp.bulk_read_threshold = 40;
\c -reuse-previous=on "user=regress_app password=regress_sum_pw"
SET pdp.purpose = 'billing';
SELECT count(name) FROM summary_part;
-- one partition alone: a summary
SELECT count(name) FROM summary_part WHERE id < 30;
-- a bulk read one small statement at a time: once the client's statement,
-- with what its functions ran, has read more than 40 records, its further
-- reads are statement records (the first call's 30 records: a summary)
SELECT count(summary_one(g)) FROM generate_series(0, 5) g;
\c - :su
SELECT pdp.flush_audit();
SELECT relation, statements, records_read, detail->>'bulk_read' AS bulk_read, query FROM pdp.audit_log
WHERE id > :mark AND kind = 'access' AND relation LIKE 'public.summary_part%'
ORDER BY relation, statements NULLS FIRST, query, id;
-- each client statement whose reads went over the threshold once, though
-- no one relation's did: listed in bulk_reads (and alerted) once
SELECT relation, records_read, detail->>'bulk_read' AS bulk_read, query FROM pdp.bulk_reads
WHERE id > :mark ORDER BY id;
ALTER ROLE regress_app RESET pdp.log_allowed;
ALTER ROLE regress_app RESET pdp.bulk_read_threshold;
DROP FUNCTION summary_one(int);
DROP TABLE summary_part;
ALTER ROLE regress_app PASSWORD NULL;
