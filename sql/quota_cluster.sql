-- Daily quotas for the cluster (issue 13, section 3), on one server: another
-- server is simulated by delivering its counts through pdp._quota_receive as
-- a member of pdp_audit_sender; the limit holds for own + remote reads.
\set VERBOSITY terse
SET pdp.mode = enforce;

CREATE ROLE regress_qc LOGIN;           -- reads under qc_reports, limit 10 a day
CREATE ROLE regress_qc_sender LOGIN;
GRANT pdp_audit_sender TO regress_qc_sender;
CREATE TABLE qc_people (id int PRIMARY KEY, name text);
INSERT INTO qc_people SELECT g, 'Person ' || g FROM generate_series(1, 20) g;
GRANT SELECT ON qc_people TO regress_qc;
SELECT pdp.tag_column('qc_people', 'name', 'full_name');
SELECT pdp.define_purpose('qc_reports', 'quota test', 'contract');
SELECT pdp.allow('qc_reports', 'full_name');
SELECT pdp.grant_purpose('regress_qc', 'qc_reports');
SELECT pdp.set_limit('qc_reports', NULL, 10, 'regress_qc');

-- payloads as another server's pdp_quota_export() builds them
CREATE FUNCTION qc_now_bucket() RETURNS bigint LANGUAGE sql AS
$$ SELECT floor(extract(epoch FROM now() - timestamptz '2000-01-01 00:00 UTC') / 900)::bigint $$;
CREATE FUNCTION qc_header(n int, ago interval DEFAULT '0') RETURNS bytea LANGUAGE sql AS
$$ SELECT int4send(x'70647163'::int) || int4send(1)
       || int8send((extract(epoch FROM now() - ago - timestamptz '2000-01-01 00:00 UTC') * 1000000)::bigint)
       || int4send(n) $$;
CREATE FUNCTION qc_entry(db oid, r oid, p text, cnt bigint, lb bigint DEFAULT NULL, age int DEFAULT 0)
RETURNS bytea LANGUAGE sql AS
$$ SELECT int4send(db::text::int) || int4send(r::text::int)
       || set_byte('\x00'::bytea, 0, octet_length(p)) || convert_to(p, 'UTF8')
       || int8send(coalesce(lb, qc_now_bucket())) || '\x01'::bytea
       || set_byte('\x00'::bytea, 0, age) || int8send(cnt) $$;
SELECT oid AS db FROM pg_database WHERE datname = current_database() \gset
SELECT 'regress_qc'::regrole::oid AS qc \gset

-- 3 rows here
SET ROLE regress_qc;
SET pdp.purpose = 'qc_reports';
SELECT name FROM qc_people ORDER BY id LIMIT 3;
RESET pdp.purpose;
RESET ROLE;
SELECT role, purpose, records_24h, "limit", records_24h_here FROM pdp.quota_usage
WHERE purpose = 'qc_reports';

-- the writer publishes this server's counts (pdp.audit_flush_interval)
DO $$
BEGIN
    FOR i IN 1 .. 300 LOOP
        EXIT WHEN EXISTS (SELECT FROM pdp.quota_counts c
                          JOIN pdp.quota_servers s USING (server)
                          WHERE c.purpose = 'qc_reports'
                            AND (SELECT sum(x) FROM unnest(c.counts) x) = 3);
        PERFORM pg_sleep(0.05);
        PERFORM pg_stat_clear_snapshot();
    END LOOP;
END
$$;
SELECT server AS me FROM pdp.quota_counts WHERE purpose = 'qc_reports' \gset
SELECT cardinality(counts), (SELECT sum(x) FROM unnest(counts) x) AS total,
       updated_at <= s.exported_at AS stamped
FROM pdp.quota_counts JOIN pdp.quota_servers s USING (server) WHERE purpose = 'qc_reports';

-- another server read 5: the cluster total is 8, this server's part 3
SET ROLE regress_qc_sender;
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 5));
RESET ROLE;
SELECT pdp._quota_refresh();
SELECT role, purpose, records_24h, "limit", records_24h_here FROM pdp.quota_usage
WHERE purpose = 'qc_reports';
SELECT server, database = :db AS db, role = :qc AS role, purpose, counts[96] AS newest,
       (SELECT sum(x) FROM unnest(counts) x) AS total
FROM pdp.quota_counts WHERE server = 'regress_standby';

-- the limit holds for own + remote: 8 read, 2 more pass, the next is refused
SET ROLE regress_qc;
SET pdp.purpose = 'qc_reports';
SELECT name FROM qc_people ORDER BY id LIMIT 2;
SELECT name FROM qc_people ORDER BY id LIMIT 1;
RESET pdp.purpose;
RESET ROLE;
SELECT records_24h, records_24h_here FROM pdp.quota_usage WHERE purpose = 'qc_reports';

-- a round trip of this server's own export under another name is valid
SELECT octet_length(pdp._quota_export()) > 20 AS exported;
SELECT pdp._quota_receive('regress_twin', pdp._quota_export());
SELECT count(*) FROM pdp.quota_counts WHERE server = 'regress_twin' AND purpose = 'qc_reports';
DELETE FROM pdp.quota_counts WHERE server = 'regress_twin';
DELETE FROM pdp.quota_servers WHERE server = 'regress_twin';

-- the same delivery twice, or an older one, changes nothing
SELECT exported_at AS last_export FROM pdp.quota_servers WHERE server = 'regress_standby' \gset
SET ROLE regress_qc_sender;
SELECT pdp._quota_receive('regress_standby', qc_header(1, '1 minute') || qc_entry(:db, :qc, 'qc_reports', 1));
RESET ROLE;
SELECT exported_at = :'last_export' AS unchanged, (SELECT sum(x) FROM unnest(c.counts) x) AS total
FROM pdp.quota_servers s JOIN pdp.quota_counts c USING (server) WHERE server = 'regress_standby';

-- a newer delivery replaces the older; buckets keep their time
SELECT qc_now_bucket() - 10 AS lb \gset
SET ROLE regress_qc_sender;
SELECT pdp._quota_receive('regress_standby',
    qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 4, :lb, 3));
RESET ROLE;
SELECT last_bucket = :lb AS kept, counts[93] AS at_age_3,
       (SELECT sum(x) FROM unnest(counts) x) AS total
FROM pdp.quota_counts WHERE server = 'regress_standby';
SELECT pdp._quota_refresh();
SELECT records_24h, records_24h_here FROM pdp.quota_usage WHERE purpose = 'qc_reports';

-- a key absent from a delivery means nothing read under it now
SET ROLE regress_qc_sender;
SELECT pdp._quota_receive('regress_standby', qc_header(0));
RESET ROLE;
SELECT count(*) FROM pdp.quota_counts WHERE server = 'regress_standby';
SELECT pdp._quota_refresh();
SELECT records_24h, records_24h_here FROM pdp.quota_usage WHERE purpose = 'qc_reports';

-- counts of another database do not show here; buckets older than 24 hours count nothing
SET ROLE regress_qc_sender;
SELECT pdp._quota_receive('regress_standby',
    qc_header(2) || qc_entry(:db, :qc, 'qc_reports', 7, qc_now_bucket() - 96)
    || qc_entry(:db + 1, :qc, 'qc_reports', 9));
RESET ROLE;
SELECT pdp._quota_refresh();
SELECT records_24h, records_24h_here FROM pdp.quota_usage WHERE purpose = 'qc_reports';

-- hostile payloads: refused whole, nothing stored
SELECT exported_at AS last_export FROM pdp.quota_servers WHERE server = 'regress_standby' \gset
SET ROLE regress_qc_sender;
SELECT pdp._quota_receive('regress_standby', '\x'::bytea);
SELECT pdp._quota_receive('regress_standby', substr(qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 5), 1, 40));
SELECT pdp._quota_receive('regress_standby', '\x00000000'::bytea || substr(qc_header(0), 5));
SELECT pdp._quota_receive('regress_standby', substr(qc_header(0), 1, 4) || int4send(2) || substr(qc_header(0), 9));
SELECT pdp._quota_receive('regress_standby', qc_header(0) || '\x00'::bytea);
SELECT pdp._quota_receive('regress_standby', qc_header(0, '-1 hour'));
SELECT pdp._quota_receive('regress_standby', qc_header(1000000000) || qc_entry(:db, :qc, 'qc_reports', 5));
SELECT pdp._quota_receive('regress_standby', qc_header(2) || qc_entry(:db, :qc, 'qc_reports', 5));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, 'qc_reports', -5));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 0));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 9223372036854775807));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 5, qc_now_bucket() + 5));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 5, -1));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 5, NULL, 96));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(0, :qc, 'qc_reports', 5));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, 0, 'qc_reports', 5));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, '', 5));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, repeat('p', 64), 5));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || int4send(:db) || int4send(:qc::text::int)
    || '\x03'::bytea || '\x61ff62'::bytea || int8send(qc_now_bucket()) || '\x0100'::bytea || int8send(5));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || int4send(:db) || int4send(:qc::text::int)
    || '\x03'::bytea || '\x610062'::bytea || int8send(qc_now_bucket()) || '\x0100'::bytea || int8send(5));
-- two buckets: ages must increase; at most 96
SELECT pdp._quota_receive('regress_standby', qc_header(1) || int4send(:db) || int4send(:qc::text::int)
    || '\x01'::bytea || 'q'::bytea || int8send(qc_now_bucket()) || '\x02'::bytea
    || '\x05'::bytea || int8send(1) || '\x05'::bytea || int8send(1));
SELECT pdp._quota_receive('regress_standby', qc_header(1) || int4send(:db) || int4send(:qc::text::int)
    || '\x01'::bytea || 'q'::bytea || int8send(qc_now_bucket()) || '\x61'::bytea || '\x00'::bytea || int8send(1));
SELECT pdp._quota_receive('regress_standby', qc_header(2) || qc_entry(:db, :qc, 'qc_reports', 5)
    || qc_entry(:db, :qc, 'qc_reports', 6));
SELECT pdp._quota_receive(NULL, qc_header(0));
SELECT pdp._quota_receive('regress_standby', NULL);
SELECT pdp._quota_receive('', qc_header(0));
SELECT pdp._quota_receive(repeat('s', 64), qc_header(0));
-- this server's own name: its counts are its own to publish
SELECT set_config('regress.me', :'me', false) IS NOT NULL AS named;
DO $$
BEGIN
    PERFORM pdp._quota_receive(current_setting('regress.me'), qc_header(0));
EXCEPTION WHEN invalid_parameter_value THEN
    RAISE NOTICE 'own name refused: %', SQLERRM LIKE 'server name % is this server''s own';
END
$$;
RESET ROLE;
SELECT exported_at = :'last_export' AS unchanged FROM pdp.quota_servers WHERE server = 'regress_standby';
SELECT count(*) AS rows, sum(counts[96]) AS newest FROM pdp.quota_counts WHERE server = 'regress_standby';

-- the tables are input too: damaged rows are skipped (and logged), not counted
SET ROLE regress_qc_sender;
SELECT pdp._quota_receive('regress_standby', qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 5));
SELECT pdp._quota_receive('regress_other_standby', qc_header(1) || qc_entry(:db, :qc, 'qc_reports', 1));
RESET ROLE;
SELECT pdp._quota_refresh();
SELECT records_24h, records_24h_here FROM pdp.quota_usage WHERE purpose = 'qc_reports';
ALTER TABLE pdp.quota_counts DROP CONSTRAINT quota_counts_counts_check;
UPDATE pdp.quota_counts SET counts = '{1,2}' WHERE server = 'regress_standby';
SELECT pdp._quota_refresh();
SELECT records_24h, records_24h_here FROM pdp.quota_usage WHERE purpose = 'qc_reports';
UPDATE pdp.quota_counts SET counts = array_fill(-1::bigint, ARRAY[96]) WHERE server = 'regress_standby';
SELECT pdp._quota_refresh();
UPDATE pdp.quota_counts SET counts = array_fill(NULL::bigint, ARRAY[96]) WHERE server = 'regress_standby';
SELECT pdp._quota_refresh();
UPDATE pdp.quota_counts SET counts = array_fill(1::bigint, ARRAY[8, 12]) WHERE server = 'regress_standby';
SELECT pdp._quota_refresh();
UPDATE pdp.quota_counts SET counts = array_fill(1::bigint, ARRAY[96]), last_bucket = 9223372036854775807
WHERE server = 'regress_standby';
SELECT pdp._quota_refresh();
UPDATE pdp.quota_counts SET counts = array_fill(9223372036854775807, ARRAY[96]), last_bucket = qc_now_bucket()
WHERE server = 'regress_standby';
SELECT pdp._quota_refresh();
SELECT records_24h, records_24h_here FROM pdp.quota_usage WHERE purpose = 'qc_reports';
UPDATE pdp.quota_counts SET counts = array_fill(0::bigint, ARRAY[96]) WHERE server = 'regress_standby';
ALTER TABLE pdp.quota_counts ADD CONSTRAINT quota_counts_counts_check CHECK (pg_catalog.cardinality(counts) = 96);
SELECT pdp._quota_refresh();
SELECT records_24h, records_24h_here FROM pdp.quota_usage WHERE purpose = 'qc_reports';

-- privileges: PUBLIC, a purpose holder and pdp_admin may not deliver counts;
-- only pdp_admin and superusers may export or load; nobody else reads the tables
SET ROLE regress_other;
SELECT pdp._quota_receive('regress_standby', qc_header(0));
SELECT pdp._quota_export();
SELECT pdp._quota_refresh();
SELECT * FROM pdp.quota_counts;
SELECT * FROM pdp.quota_servers;
SELECT * FROM pdp.quota_usage;
SET ROLE regress_qc;
SELECT pdp._quota_receive('regress_standby', qc_header(0));
SELECT pdp._quota_export();
SELECT pdp._quota_refresh();
SELECT * FROM pdp.quota_counts;
SET ROLE regress_admin;
SELECT pdp._quota_receive('regress_standby', qc_header(0));
SELECT octet_length(pdp._quota_export()) > 20 AS exported;
SELECT pdp._quota_refresh();
SELECT count(*) > 0 AS readable FROM pdp.quota_counts;
DELETE FROM pdp.quota_counts;
SET ROLE regress_qc_sender;
SELECT pdp._quota_export();
SELECT pdp._quota_refresh();
SELECT * FROM pdp.quota_counts;
-- EXECUTE granted to someone else still needs membership in pdp_audit_sender
RESET ROLE;
GRANT EXECUTE ON FUNCTION pdp._quota_receive(text, bytea) TO regress_other;
SET ROLE regress_other;
SELECT pdp._quota_receive('regress_standby', qc_header(0));
RESET ROLE;
REVOKE EXECUTE ON FUNCTION pdp._quota_receive(text, bytea) FROM regress_other;
SELECT p.proname, p.prosecdef, p.proacl FROM pg_proc p
WHERE p.pronamespace = 'pdp'::regnamespace AND p.proname LIKE '\_quota%' ORDER BY 1;
SELECT c.relname, c.relacl FROM pg_class c
WHERE c.relnamespace = 'pdp'::regnamespace AND c.relname IN ('quota_counts', 'quota_servers') ORDER BY 1;

-- more pairs than shared memory holds (pdp.quota_max_entries = 1000): those
-- that do not fit are not counted here (and logged), nothing fails
SET ROLE regress_qc_sender;
SELECT pdp._quota_receive('regress_flood', qc_header(1500)
    || (SELECT string_agg(qc_entry(:db, (100000 + g)::oid, 'qc_reports', 1), ''::bytea ORDER BY g)
        FROM generate_series(1, 1500) g));
RESET ROLE;
SELECT count(*) FROM pdp.quota_counts WHERE server = 'regress_flood';
SELECT pdp._quota_refresh();
SELECT count(*) BETWEEN 900 AND 1000 AS bounded FROM pdp.quota_usage;
-- other servers' keys never stop this server from counting its own reads
CREATE ROLE regress_qc2 LOGIN;
GRANT SELECT ON qc_people TO regress_qc2;
SELECT pdp.grant_purpose('regress_qc2', 'qc_reports');
SELECT pdp.set_limit('qc_reports', NULL, 3, 'regress_qc2');
SET ROLE regress_qc2;
SET pdp.purpose = 'qc_reports';
SELECT name FROM qc_people ORDER BY id LIMIT 3;
SELECT name FROM qc_people ORDER BY id LIMIT 1;
RESET pdp.purpose;
RESET ROLE;
DELETE FROM pdp.quota_counts WHERE server = 'regress_flood';
DELETE FROM pdp.quota_servers WHERE server = 'regress_flood';
SELECT pdp._quota_refresh();
SELECT count(*) < 10 AS reclaimed FROM pdp.quota_usage;

-- clean up
SELECT pdp.drop_limit('qc_reports', 'regress_qc');
SELECT pdp.drop_limit('qc_reports', 'regress_qc2');
DELETE FROM pdp.quota_counts WHERE server LIKE 'regress%';
DELETE FROM pdp.quota_servers WHERE server LIKE 'regress%';
SELECT pdp._quota_refresh();
