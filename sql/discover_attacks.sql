-- Discovery (pdp.discover, pdp.accept_suggestion, pdp._discover_relation)
-- attacked by insiders: who may run it, what it runs as, what it returns
-- and records, what it costs, and odd tables.  Own fixtures.
\set VERBOSITY terse
RESET ROLE;
RESET pdp.purpose;
SET pdp.mode = enforce;
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset
SELECT set_config('regress.mark', :'mark', false) <> '' AS marked;
CREATE ROLE regress_da_admin LOGIN IN ROLE pdp_admin;
CREATE ROLE regress_da_owner LOGIN;
CREATE ROLE regress_da_nobody LOGIN;
CREATE SCHEMA da AUTHORIZATION regress_da_owner;
GRANT USAGE ON SCHEMA da TO regress_da_admin, regress_da_nobody;

SET ROLE regress_da_owner;
CREATE TABLE da.customers (id int, email text, so_dien_thoai text, "we""ird; --" text,
                           "ngày_sinh" date, amount numeric, seen timestamptz);
INSERT INTO da.customers
SELECT g, 'secretvalue' || g || '@mail.vn', '09' || lpad(g::text, 8, '0'), 'x',
       CASE WHEN g % 2 = 0 THEN 'infinity'::date ELSE date '1990-01-01' + g END,
       CASE WHEN g % 3 = 0 THEN 'NaN'::numeric ELSE 1e100 END,
       CASE WHEN g % 2 = 0 THEN '-infinity'::timestamptz ELSE now() END
FROM generate_series(1, 200) g;
-- a value far longer than any phone number, in a phone column (digits_of
-- keeps up to 22 digits; the phone recognizer's buffer holds 16)
CREATE TABLE da.phones (phone text, phone_num numeric);
INSERT INTO da.phones SELECT repeat('9', 22), repeat('8', 22)::numeric FROM generate_series(1, 50);
-- forced row security whose policy must never run during discovery
CREATE FUNCTION da.boom() RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'policy ran as %', current_user; END$$;
CREATE TABLE da.guarded (email text);
INSERT INTO da.guarded SELECT 'g' || g || '@mail.vn' FROM generate_series(1, 50) g;
ALTER TABLE da.guarded ENABLE ROW LEVEL SECURITY;
ALTER TABLE da.guarded FORCE ROW LEVEL SECURITY;
CREATE POLICY p ON da.guarded USING (da.boom());
CREATE TABLE da.zero ();
CREATE TABLE da.dropped (a text, email text);
INSERT INTO da.dropped VALUES ('a', 'd@mail.vn');
ALTER TABLE da.dropped DROP COLUMN a;
CREATE MATERIALIZED VIEW da.mv AS SELECT 'a@b.vn'::text AS email WITH NO DATA;
CREATE VIEW da.v AS SELECT email FROM da.customers;
RESET ROLE;

-- 1. only pdp_admin: not even a role granted EXECUTE directly
SET ROLE regress_da_nobody;
SELECT * FROM pdp.discover(schema => 'da');
SELECT * FROM pdp.accept_suggestion('da.customers', 'email', 'email_address');
RESET ROLE;
GRANT EXECUTE ON FUNCTION pdp._discover_relation(regclass, integer, boolean, name, text)
    TO regress_da_nobody;
SET ROLE regress_da_nobody;
SELECT * FROM pdp._discover_relation('da.customers', 100, true, NULL, NULL);
RESET ROLE;
REVOKE EXECUTE ON FUNCTION pdp._discover_relation(regclass, integer, boolean, name, text)
    FROM regress_da_nobody;

-- 2. an admin without SELECT: counts and words, never values; the owner's
--    policy does not run; odd names quoted; infinity and NaN are no dates
SET ROLE regress_da_admin;
SELECT has_table_privilege('da.customers', 'SELECT') AS admin_can_select;
SELECT relation, column_name, data_type, category, tagged_as, sampled > 0 AS sampled
FROM pdp.discover(schema => 'da', sample_rows => 10000) ORDER BY 1, 2;
SELECT count(*) AS values_returned
FROM pdp.discover(schema => 'da') d
WHERE d::text ~ 'secretvalue|0900000' ;
SELECT * FROM pdp.discover(relations => ARRAY['da.v'::regclass]);
SELECT * FROM pdp.discover(relations => ARRAY['da.zero'::regclass, 'da.mv'::regclass]);
SELECT * FROM pdp.discover(relations => ARRAY['pdp.audit_log'::regclass]);
SELECT * FROM pdp.discover(sample_rows => 9);
SELECT * FROM pdp.discover(sample_rows => 10001);
SELECT * FROM pdp.discover(sample_rows => NULL);
SELECT * FROM pdp.discover(schema => 'da', relations => ARRAY['da.v'::regclass]);
SELECT * FROM pdp.discover(schema => 'no_such_schema');

-- 3. accept_suggestion tags only what discovery suggests, and says so
SELECT * FROM pdp.accept_suggestion('da.customers', NULL, 'email_address');
SELECT * FROM pdp.accept_suggestion('da.customers', 'email', NULL);
SELECT * FROM pdp._discover_relation('da.customers', 100, false, NULL, 'email_address');
SELECT * FROM pdp.accept_suggestion('da.customers', 'amount', 'email_address');
SELECT * FROM pdp.accept_suggestion('da.customers', 'email', 'phone_number');
SELECT tagged FROM pdp.accept_suggestion('da.customers', 'email', 'email_address');
SELECT pdp.tag_column('da.customers', 'id', 'email_address');
RESET ROLE;

-- 4. a sample and its event survive a rollback; accept => true tags
SET ROLE regress_da_admin;
BEGIN;
SELECT count(*) > 0 AS rows FROM pdp.discover(relations => ARRAY['da.phones'::regclass]);
ROLLBACK;
SELECT column_name, tagged FROM pdp.discover(relations => ARRAY['da.dropped'::regclass], accept => true);
RESET ROLE;
SELECT pdp.flush_audit();
SELECT kind, decision, relation, columns, rows > 0 AS rows,
       (detail::jsonb) ?& ARRAY['rows_sampled', 'sample_percent'] AS counts
FROM pdp.audit_log
WHERE id > current_setting('regress.mark')::bigint AND kind = 'discovery'
ORDER BY relation, id;
-- config events: the discovery ones say so, with evidence; a plain tag does not
SELECT relation, columns, categories, (detail::jsonb)->>'source' AS source,
       (detail::jsonb) ? 'evidence' AS has_evidence
FROM pdp.audit_log
WHERE id > current_setting('regress.mark')::bigint AND kind = 'config'
  AND relation LIKE 'da.%'
ORDER BY id;
-- nothing recorded holds a sampled value
SELECT count(*) AS values_recorded
FROM pdp.audit_log a
WHERE a.id > current_setting('regress.mark')::bigint
  AND a::text ~ 'secretvalue|0900000|9999999999';

-- 5. cost: a table of mostly dead rows (statistics: 5 rows, 200+ blocks)
--    is sampled over a bounded share of its blocks, not read whole
CREATE TABLE da.bloat (email text) WITH (autovacuum_enabled = off);
INSERT INTO da.bloat SELECT 'user' || g || '@mail.vn' FROM generate_series(1, 40000) g;
DELETE FROM da.bloat WHERE ctid NOT IN (SELECT ctid FROM da.bloat ORDER BY ctid DESC LIMIT 5);
VACUUM ANALYZE da.bloat;
SELECT relpages > 100 AS many_blocks, reltuples FROM pg_class WHERE oid = 'da.bloat'::regclass;
SELECT count(*) FROM pdp.discover(relations => ARRAY['da.bloat'::regclass], sample_rows => 10);
SELECT pdp.flush_audit();
SELECT (detail::jsonb->>'sample_percent')::numeric < 100 AS bounded,
       (detail::jsonb->>'sample_percent')::numeric * relpages / 100 <= 20 * 1.01 AS at_most_20_blocks
FROM pdp.audit_log, pg_class
WHERE id > current_setting('regress.mark')::bigint AND kind = 'discovery'
  AND relation = 'da.bloat' AND pg_class.oid = 'da.bloat'::regclass;

-- 6. memory: a wide table gets fewer rows (at most 250000 values held)
DO $$BEGIN
    EXECUTE (SELECT format('CREATE TABLE da.wide (%s)', string_agg(format('c%s text', g), ', '))
             FROM generate_series(1, 300) g);
END$$;
INSERT INTO da.wide (c1, c300) VALUES ('a', 'b');
SELECT count(*) FROM pdp.discover(relations => ARRAY['da.wide'::regclass], sample_rows => 10000);
SELECT pdp.flush_audit();
SELECT detail::jsonb->'rows_requested' AS rows_requested,
       detail::jsonb->'columns_sampled' AS columns_sampled
FROM pdp.audit_log
WHERE id > current_setting('regress.mark')::bigint AND kind = 'discovery'
  AND relation = 'da.wide';

-- 7. a sample that fails after it began is recorded once, as the admin's:
--    the owner lost USAGE on the table's schema, so the owner's read fails
CREATE SCHEMA da_priv;
GRANT USAGE, CREATE ON SCHEMA da_priv TO regress_da_owner;
GRANT USAGE ON SCHEMA da_priv TO regress_da_admin;
SET ROLE regress_da_owner;
CREATE TABLE da_priv.t (email text);
INSERT INTO da_priv.t SELECT 'p' || g || '@mail.vn' FROM generate_series(1, 20) g;
RESET ROLE;
REVOKE USAGE ON SCHEMA da_priv FROM regress_da_owner;
SET ROLE regress_da_admin;
SELECT count(*) FROM pdp.discover(relations => ARRAY['da_priv.t'::regclass]);
RESET ROLE;
SELECT pdp.flush_audit();
SELECT role, rows, detail::jsonb->'completed' AS completed, detail::jsonb->'rows_sampled' AS rows_sampled
FROM pdp.audit_log
WHERE id > current_setting('regress.mark')::bigint AND kind = 'discovery'
  AND relation = 'da_priv.t';
DROP SCHEMA da_priv CASCADE;
RESET pdp.mode;
DROP SCHEMA da CASCADE;
DROP ROLE regress_da_admin, regress_da_owner, regress_da_nobody;
