-- The audit trail: what is recorded, the views, who may see and change it.
-- This database is pdp.audit_database in the test cluster.
\set VERBOSITY terse
CREATE ROLE regress_auditor LOGIN;
GRANT pdp_auditor TO regress_auditor;
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset
CREATE VIEW recent AS
    SELECT kind, decision, reason, role, purpose, command, relation,
           columns, categories, sensitive, rows, records_read, query, detail
    FROM pdp.audit_log WHERE id > current_setting('regress.mark')::bigint ORDER BY id;
SELECT set_config('regress.mark', :'mark', false) <> '' AS marked;   -- the number varies with earlier suites
SET pdp.mode = enforce;

-- a blocked attempt stays recorded after its transaction rolls back
SET ROLE regress_app;
SET pdp.purpose = 'billing';
BEGIN;
SELECT income FROM customers WHERE id = 1;
ROLLBACK;
-- a cursor fetched in pieces: rows add up
BEGIN;
DECLARE cur CURSOR FOR SELECT full_name FROM customers ORDER BY id;
FETCH 2 FROM cur;
FETCH 3 FROM cur;
CLOSE cur;
COMMIT;
-- a statement that fails half way is recorded, marked incomplete
SELECT full_name, 1 / (id - 5) FROM customers ORDER BY id;
-- through a SECURITY DEFINER function, the acting role is recorded and
-- the function owner noted
RESET ROLE;
SELECT pdp.allow('billing', 'banking_customer_info');
SET ROLE regress_app;
SELECT income_definer(2);
RESET ROLE;
SELECT pdp.disallow('billing', 'banking_customer_info');
-- allowed reads are not recorded with log_allowed off; the rest still is
SET pdp.log_allowed = off;
SET ROLE regress_app;
SELECT full_name FROM customers WHERE id = 3;
SELECT national_id FROM customers WHERE id = 3;
RESET ROLE;
RESET pdp.log_allowed;
SELECT pdp.flush_audit();
SELECT * FROM recent WHERE kind = 'access';
-- configuration changes are recorded (and only once committed)
BEGIN;
SELECT pdp.define_purpose('rolled_back', 'never committed', 'contract');
ROLLBACK;
SELECT pdp.define_purpose('audited', 'committed', 'contract');
SELECT pdp.drop_purpose('audited');
SELECT pdp.tag_column('orders', 'amount', 'banking_customer_info');
SELECT pdp.untag_column('orders', 'amount');
SELECT pdp.flush_audit();
SELECT kind, reason, command, relation, columns, categories, detail - 'new' - 'old' AS detail,
       coalesce(detail -> 'new' ->> 'name', detail -> 'old' ->> 'name') AS purpose_name
FROM recent WHERE kind = 'config' AND relation <> 'pdp.purpose_category';

-- the views
SELECT decision, reason, relation, columns FROM pdp.violations
WHERE id > :mark ORDER BY id;
SELECT decision, columns, categories FROM pdp.sensitive_access
WHERE id > :mark ORDER BY id;
-- access_summary is the per-day, role, purpose, category sum of the reads
SELECT count(*) AS summary_rows_for_regress_app FROM pdp.access_summary WHERE role = 'regress_app';
(SELECT * FROM pdp.access_summary
 EXCEPT
 SELECT (event_time AT TIME ZONE 'UTC')::date, role, purpose, c, count(*), sum(rows), sum(records_read)
 FROM pdp.audit_events, unnest(categories) c
 WHERE kind = 'access' AND decision <> 'blocked' GROUP BY 1, 2, 3, 4)
UNION ALL
(SELECT (event_time AT TIME ZONE 'UTC')::date, role, purpose, c, count(*), sum(rows), sum(records_read)
 FROM pdp.audit_events, unnest(categories) c
 WHERE kind = 'access' AND decision <> 'blocked' GROUP BY 1, 2, 3, 4
 EXCEPT
 SELECT * FROM pdp.access_summary);
SET pdp.bulk_read_threshold = 29;
SELECT count(*) > 0 AS listed FROM pdp.bulk_reads WHERE id > :mark;
SET pdp.bulk_read_threshold = 1000000;
SELECT count(*) AS listed FROM pdp.bulk_reads WHERE id > :mark;
RESET pdp.bulk_read_threshold;
SELECT queued = written AS all_written, dropped, pending, writer_pid IS NOT NULL AS writer_running
FROM pdp.audit_stats();
SELECT pdp.verify_audit_log() AS first_bad_row;

-- who sees the audit data: pdp_auditor members only
SET ROLE regress_other;
SELECT count(*) FROM pdp.audit_events;
SELECT count(*) FROM pdp.audit_log;
SELECT pdp.verify_audit_log();
SELECT * FROM pdp.audit_stats();
SELECT * FROM pdp.audit_chain_head();
SELECT pdp.verify_audit_anchor(1, '\x00');
RESET ROLE;
SET ROLE regress_admin;          -- configures pdp, does not audit it
SELECT count(*) FROM pdp.violations;
SELECT dropped FROM pdp.audit_stats();
RESET ROLE;
SET ROLE regress_auditor;
SELECT count(*) > 0 AS sees_events FROM pdp.audit_events;
SELECT count(*) > 0 AS sees_violations FROM pdp.violations;
SELECT pdp.verify_audit_log() AS first_bad_row;
SELECT pdp.flush_audit();
SELECT count(*) FROM pdp.audit_log;           -- the table itself: no
SELECT pdp.purge_audit(now());
-- anchors: the head's id and hash, kept outside, checked later
SELECT id AS head_id, hash AS head_hash FROM pdp.audit_chain_head() \gset
SELECT pdp.verify_audit_anchor(:head_id, :'head_hash') AS anchor_holds;
SELECT pdp.verify_audit_anchor(:head_id, sha256(:'head_hash'::bytea)) AS other_hash;
SELECT pdp.verify_audit_anchor(:head_id + 1000000, :'head_hash') AS no_such_row;
SELECT pdp.verify_audit_anchor(NULL, :'head_hash') AS null_id;
RESET ROLE;
SELECT :head_id = max(id) AS head_is_last_row,
       (SELECT hash FROM pdp.audit_log WHERE id = :head_id) = :'head_hash' AS head_hash_matches
FROM pdp.audit_log;

-- append-only, for superusers too
UPDATE pdp.audit_log SET rows = 0;
DELETE FROM pdp.audit_log;
TRUNCATE pdp.audit_log;
INSERT INTO pdp.audit_log (id, event_time, kind, hash) VALUES (0, now(), 'access', '\x00');
UPDATE pdp.audit_chain SET last_id = 0;
SET ROLE regress_admin;
DELETE FROM pdp.audit_log;
RESET ROLE;

-- settings that weaken the trail are for superusers only
SET ROLE regress_app;
SET pdp.log_allowed = off;
SET pdp.audit_overflow = drop;
SET pdp.bulk_read_threshold = 1;
RESET ROLE;
SET pdp.audit_overflow = sometimes;
SET pdp.audit_log_destination = 'table';
ALTER SYSTEM SET pdp.audit_log_destination = 'log';
ALTER SYSTEM SET pdp.audit_log_destination = 'table, syslog';
SET pdp.audit_queue_size = '16MB';
SET pdp.audit_database = 'elsewhere';
SET pdp.audit_flush_interval = '1s';
ALTER SYSTEM SET pdp.audit_flush_interval = '1ms';
ALTER SYSTEM SET pdp.audit_writer_nice = 20;
SET pdp.audit_anchor_interval = '1s';
ALTER SYSTEM SET pdp.audit_anchor_interval = -1;
ALTER SYSTEM SET pdp.audit_anchor_interval = '2d';
ALTER SYSTEM SET pdp.quota_max_entries = 1;
SET pdp.audit_query_max_length = 10;
SET ROLE regress_app;
SET pdp.audit_query_max_length = 1000000;
RESET ROLE;

-- long query texts are cut to pdp.audit_query_max_length bytes
SET pdp.audit_query_max_length = 64;
SET ROLE regress_app;
SET pdp.purpose = 'billing';
SELECT full_name AS "a fairly long alias that pushes the text past 64 bytes" FROM customers WHERE id = 1;
RESET ROLE;
RESET pdp.purpose;
RESET pdp.audit_query_max_length;
SELECT pdp.flush_audit();
SELECT octet_length(query) AS query_bytes, query FROM pdp.audit_log
WHERE kind = 'access' AND query LIKE '%a fairly long alias%' ORDER BY id DESC LIMIT 1;

-- retention: purge is superuser-only, recorded, and keeps the chain valid
SELECT pdp.purge_audit(NULL);
SELECT pdp.flush_audit();
SELECT max(id) AS before_purge FROM pdp.audit_log \gset
SELECT pdp.purge_audit(now() - interval '1 day');      -- nothing that old
SELECT pdp.purge_audit((SELECT event_time FROM pdp.audit_log WHERE id = :mark + 1)) > 0 AS purged;
SELECT pdp.flush_audit();
SELECT min(id) > 1 AS oldest_gone, max(id) > :before_purge AS purge_recorded FROM pdp.audit_log;
SELECT reason, relation, detail ? 'deleted' AS has_count FROM pdp.audit_log
WHERE kind = 'config' AND reason = 'purge_audit';
SELECT pdp.verify_audit_log() AS first_bad_row;

DROP VIEW recent;
RESET pdp.purpose;

-- a purpose string of any length cannot keep a blocked attempt off the record:
-- longer than a purpose name can be, it is refused (it would be reported
-- to the client, GUC_REPORT); up to that, recorded whole
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark2 FROM pdp.audit_log \gset
SET ROLE regress_app;
SELECT set_config('pdp.purpose', repeat('x', 64), false) IS NOT NULL AS long_purpose_set;
SELECT set_config('pdp.purpose', repeat('x', 63), false) IS NOT NULL AS long_purpose_set;
SELECT full_name FROM customers WHERE id = 1;
RESET ROLE;
RESET pdp.purpose;
SELECT pdp.flush_audit();
SELECT decision, reason, length(purpose) AS purpose_length FROM pdp.audit_log
WHERE id > :mark2 AND kind = 'access';

-- consecutive events that differ only in strings of the same length are
-- each written with their own (the writer reuses a repeated string)
CREATE TABLE cache_a (phone text);
CREATE TABLE cache_b (phone text);
SELECT pdp.tag_column('cache_a', 'phone', 'phone_number');
SELECT pdp.tag_column('cache_b', 'phone', 'phone_number');
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark3 FROM pdp.audit_log \gset
SELECT phone FROM cache_a;
SELECT phone FROM cache_b;
SELECT phone FROM cache_b;
SELECT phone FROM cache_a;
SELECT pdp.flush_audit();
SELECT decision, relation, query FROM pdp.audit_log
WHERE id > :mark3 AND kind = 'access' ORDER BY id;
SELECT pdp.verify_audit_log() AS first_bad_row;
DROP TABLE cache_a, cache_b;

-- an index a DBA adds to the trail is kept up to date by the writer
CREATE INDEX audit_log_relation ON pdp.audit_log (relation, id);
CREATE TABLE indexed_a (phone text);
SELECT pdp.tag_column('indexed_a', 'phone', 'phone_number');
SELECT phone FROM indexed_a;
SELECT phone FROM indexed_a WHERE phone = 'x';
SELECT pdp.flush_audit();
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT count(*) FROM pdp.audit_log WHERE relation = 'public.indexed_a';
SELECT count(*) AS through_index FROM pdp.audit_log WHERE relation = 'public.indexed_a';
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT count(*) AS through_table FROM pdp.audit_log WHERE relation = 'public.indexed_a';
RESET enable_indexscan;
RESET enable_bitmapscan;
SELECT pdp.verify_audit_log() AS first_bad_row;
DROP INDEX pdp.audit_log_relation;
DROP TABLE indexed_a;

-- records_read: row counters on the scan nodes only (not every node), yet
-- every record read counts - rows a filter removed, rows the workers of a
-- parallel plan read - and EXPLAIN ANALYZE still counts every node
CREATE TABLE counted (id int, phone text);
INSERT INTO counted SELECT g, 'p' || g FROM generate_series(1, 20000) g;
CREATE INDEX ON counted (id);
ANALYZE counted;
SELECT pdp.tag_column('counted', 'phone', 'phone_number');
CREATE TABLE counted_other (id int);
INSERT INTO counted_other SELECT generate_series(1, 50);
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark4 FROM pdp.audit_log \gset
SELECT count(phone) FROM counted WHERE id % 10 = 0;
SELECT count(c.phone) FROM counted c JOIN counted_other o ON o.id = c.id;
SELECT phone FROM counted WHERE id = 77;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT count(phone) FROM counted WHERE id % 7 = 0;
SELECT count(phone) FROM counted WHERE id % 7 = 0;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT count(phone) FROM counted WHERE id % 10 = 0;
SELECT pdp.flush_audit();
SELECT relation, rows, records_read, query FROM pdp.audit_log
WHERE id > :mark4 AND kind = 'access' ORDER BY id;
DROP TABLE counted, counted_other;
