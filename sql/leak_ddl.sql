-- Owner DDL over existing rows is a read (generated columns, USING
-- rewrites, CHECK constraints, index builds and rebuilds, partition keys,
-- domains), columns it fills keep the source's category, and a detached
-- partition keeps what it inherited.
\set VERBOSITY terse
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset

-- a table owned by regress_app (purpose billing: full_name yes, identity_number no)
CREATE TABLE regress_ddl (id int PRIMARY KEY, nm text, nid text, note text, c text);
INSERT INTO regress_ddl VALUES (1, 'An', 'ID001', 'x', 'c1'), (2, 'Binh', 'ID002', 'y', 'c2');
SELECT pdp.tag_column('regress_ddl', 'nm', 'full_name'),
       pdp.tag_column('regress_ddl', 'nid', 'identity_number');
ALTER TABLE regress_ddl OWNER TO regress_app;
GRANT CREATE ON SCHEMA public TO regress_app;
-- a function that watches the values it is given
CREATE FUNCTION regress_watch(text) RETURNS text LANGUAGE plpgsql IMMUTABLE
AS $$ BEGIN RAISE NOTICE 'saw %', $1; RETURN $1; END $$;
CREATE FUNCTION regress_watch_int(text) RETURNS int LANGUAGE plpgsql IMMUTABLE
AS $$ BEGIN RAISE NOTICE 'saw %', $1; RETURN 1; END $$;

-- enforce, the owner without a purpose: refused, nothing applied
SET pdp.mode = enforce;
SET ROLE regress_app;
RESET pdp.purpose;
ALTER TABLE regress_ddl ADD COLUMN g text GENERATED ALWAYS AS (nid) STORED;
ALTER TABLE regress_ddl ALTER COLUMN c TYPE text USING (nid);
ALTER TABLE regress_ddl ALTER COLUMN c TYPE text USING (regress_ddl::text);    -- whole row
ALTER TABLE regress_ddl ALTER COLUMN nid TYPE varchar(20);         -- a cast of every value
ALTER TABLE regress_ddl ADD CONSTRAINT ck CHECK (regress_watch(nid) IS NOT NULL);
ALTER TABLE regress_ddl ADD COLUMN k int CHECK (regress_watch(nm) IS NOT NULL);
CREATE INDEX ON regress_ddl (regress_watch(nid));
CREATE INDEX ON regress_ddl (note) WHERE regress_watch(nm) > '';
CREATE INDEX CONCURRENTLY ON regress_ddl (regress_watch(nid));
CREATE INDEX ON regress_ddl (id) WHERE regress_ddl IS NOT NULL;    -- whole row
-- plain keys go only through PostgreSQL's comparisons: no read (what a
-- duplicate's error would quote is withheld, see leak_details)
CREATE UNIQUE INDEX regress_ddl_nid_u ON regress_ddl (nid);
ALTER TABLE regress_ddl ADD CONSTRAINT u UNIQUE (nm);
DROP INDEX regress_ddl_nid_u;
ALTER TABLE regress_ddl DROP CONSTRAINT u;
-- not reads: nothing tagged evaluated, no existing row checked
ALTER TABLE regress_ddl ADD COLUMN k int CHECK (k > 0);
CREATE INDEX regress_ddl_nid ON regress_ddl (nid);                 -- plain column, built-in opclass
CREATE INDEX regress_ddl_note ON regress_ddl (regress_watch(note));
ALTER TABLE regress_ddl ADD CONSTRAINT ck CHECK (regress_watch(nid) IS NOT NULL) NOT VALID;
ALTER TABLE regress_ddl VALIDATE CONSTRAINT ck;                    -- but validating is
ALTER TABLE regress_ddl ALTER COLUMN note TYPE varchar(10);        -- rebuilds regress_ddl_note: untagged
SELECT attname, atttypid::regtype FROM pg_attribute
WHERE attrelid = 'regress_ddl'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'regress_ddl'::regclass ORDER BY 1;

-- a purpose that may not read identity_number: refused; full_name: allowed
SET pdp.purpose = 'billing';
ALTER TABLE regress_ddl ADD COLUMN g text GENERATED ALWAYS AS (nid) STORED;
ALTER TABLE regress_ddl ALTER COLUMN c TYPE text USING (nm || nid);
ALTER TABLE regress_ddl ADD COLUMN g text GENERATED ALWAYS AS (upper(nm)) STORED;
ALTER TABLE regress_ddl ALTER COLUMN c TYPE text USING (nm || '!');
ALTER TABLE regress_ddl ADD COLUMN plain text GENERATED ALWAYS AS (note || 'x') STORED;
RESET ROLE;
-- the new columns carry the source's category; the untagged source passes none
SELECT column_name, category, inherited_from FROM pdp.personal_columns
WHERE relation = 'regress_ddl'::regclass ORDER BY 1;
SET ROLE regress_other;
SELECT g FROM regress_ddl;                                         -- no longer untagged
RESET ROLE;

-- rebuilds: an expression index over a tagged column (built by a superuser)
RESET pdp.purpose;
CREATE INDEX regress_ddl_watch ON regress_ddl (regress_watch_int(nid));
SET ROLE regress_app;
REINDEX INDEX regress_ddl_watch;
REINDEX TABLE regress_ddl;
VACUUM FULL regress_ddl;
CLUSTER regress_ddl USING regress_ddl_pkey;
ALTER TABLE regress_ddl ADD COLUMN r float DEFAULT random();       -- rewrites the table
ALTER TABLE regress_ddl ALTER COLUMN id TYPE bigint;               -- likewise
ALTER TABLE regress_ddl SET UNLOGGED;                              -- likewise
ANALYZE regress_ddl;                                               -- evaluates index expressions
VACUUM (ANALYZE) regress_ddl;
VACUUM regress_ddl;                                                -- neither
CREATE STATISTICS regress_ddl_st ON (regress_watch(nid)), id FROM regress_ddl;
CREATE STATISTICS regress_ddl_st2 ON (regress_watch(note)), id FROM regress_ddl;   -- untagged
RESET ROLE;
DROP INDEX regress_ddl_watch;
CREATE STATISTICS regress_ddl_st ON (regress_watch(nid)), id FROM regress_ddl;
SET ROLE regress_app;
ANALYZE regress_ddl;                                               -- its expression too
RESET ROLE;
DROP STATISTICS regress_ddl_st, regress_ddl_st2;

-- several categories: the sensitive one passes on, then the first by name
SELECT pdp.tag_column('regress_ddl', 'note', 'address');
ALTER TABLE regress_ddl ADD COLUMN mix text GENERATED ALWAYS AS (nm || note) STORED;
ALTER TABLE regress_ddl ADD COLUMN mix2 text GENERATED ALWAYS AS (nm || nid || note) STORED;
SELECT column_name, category FROM pdp.personal_columns
WHERE relation = 'regress_ddl'::regclass AND column_name LIKE 'mix%' ORDER BY 1;
SELECT pdp.untag_column('regress_ddl', 'note');

-- inheritance children are altered too, and read under their own tags (plain
-- inheritance passes no tags on: the child's nm is untagged, so its lin is too;
-- the log-mode section below labels a child's g2 and c from its own nid)
CREATE TABLE regress_ddl_child (extra int) INHERITS (regress_ddl);
ALTER TABLE regress_ddl_child OWNER TO regress_app;
INSERT INTO regress_ddl_child (id, nm, nid, note, c) VALUES (3, 'Chi', 'ID003', 'z', 'c3');
SELECT pdp.tag_column('regress_ddl_child', 'nid', 'identity_number');
SET ROLE regress_app;
SET pdp.purpose = 'billing';
ALTER TABLE ONLY regress_ddl ADD CONSTRAINT ck2 CHECK (regress_watch(nid) IS NOT NULL);
ALTER TABLE regress_ddl ADD COLUMN lin text GENERATED ALWAYS AS (lower(nm)) STORED;
RESET ROLE;
SELECT relation, column_name, category FROM pdp.personal_columns
WHERE relation::text LIKE 'regress_ddl%' AND column_name = 'lin' ORDER BY 1;

-- domains: adding or validating a check reads every column of the domain
CREATE DOMAIN regress_dom AS text;
CREATE TABLE regress_dom_t (id int, v regress_dom);
INSERT INTO regress_dom_t VALUES (1, 'secret');
SELECT pdp.tag_column('regress_dom_t', 'v', 'identity_number');
ALTER DOMAIN regress_dom OWNER TO regress_app;
SET ROLE regress_app;
RESET pdp.purpose;
ALTER DOMAIN regress_dom ADD CONSTRAINT dc CHECK (regress_watch(VALUE) IS NOT NULL);
ALTER DOMAIN regress_dom ADD CONSTRAINT dc CHECK (regress_watch(VALUE) IS NOT NULL) NOT VALID;
ALTER DOMAIN regress_dom VALIDATE CONSTRAINT dc;
RESET ROLE;

-- a partition key expression checked over the rows of a partition attached
CREATE TABLE regress_pk (id int, nid text) PARTITION BY LIST (regress_watch(nid));
SELECT pdp.tag_column('regress_pk', 'nid', 'identity_number');
CREATE TABLE regress_pk_a (id int, nid text);
INSERT INTO regress_pk_a VALUES (1, 'ID001');
ALTER TABLE regress_pk OWNER TO regress_app;
ALTER TABLE regress_pk_a OWNER TO regress_app;
SET ROLE regress_app;
ALTER TABLE regress_pk ATTACH PARTITION regress_pk_a FOR VALUES IN ('ID001');
RESET ROLE;
ALTER TABLE regress_pk ATTACH PARTITION regress_pk_a FOR VALUES IN ('ID001');   -- superuser
-- an index on a partitioned table is built on every partition
SET ROLE regress_app;
CREATE INDEX ON regress_pk (regress_watch(nid));
CREATE INDEX ON regress_pk (id);
RESET ROLE;

-- log mode: applied, and recorded as a violation with its reason
SET pdp.mode = log;
SET ROLE regress_app;
RESET pdp.purpose;
ALTER TABLE regress_ddl ADD COLUMN g2 text GENERATED ALWAYS AS (nid) STORED;
CREATE INDEX regress_ddl_logged ON regress_ddl (regress_watch_int(nid)) WHERE id = 1;
ALTER TABLE regress_ddl ADD COLUMN bad int GENERATED ALWAYS AS (nid::int) STORED;   -- fails
SET pdp.purpose = 'billing';
ALTER TABLE regress_ddl ALTER COLUMN c TYPE text USING (nid);
RESET ROLE;
RESET pdp.purpose;
SELECT column_name, category FROM pdp.personal_columns
WHERE relation = 'regress_ddl'::regclass AND column_name IN ('g2', 'c') ORDER BY 1;
-- superuser: bypass, and lineage all the same
SET pdp.mode = enforce;
ALTER TABLE regress_ddl ADD COLUMN g3 text GENERATED ALWAYS AS (nid) STORED;
SELECT category FROM pdp.personal_columns
WHERE relation = 'regress_ddl'::regclass AND column_name = 'g3';
SELECT pdp.flush_audit();
SELECT kind, decision, reason, role, purpose, command, relation, columns, categories
FROM pdp.audit_log WHERE id > :mark AND (kind = 'access' OR (kind = 'config' AND relation LIKE '%regress_ddl%' AND columns IS NOT NULL AND decision IS NULL))
ORDER BY id;

-- the failed one is recorded, as not completed
SELECT decision, reason, columns, detail FROM pdp.audit_log
WHERE id > :mark AND kind = 'access' AND query LIKE '%nid::int%';

-- DETACH PARTITION: the partition keeps its tags, subject column and row protection
SELECT pdp.grant_purpose('regress_app', 'marketing');
CREATE TABLE regress_dp (sid bigint, region text, nm text, nid text) PARTITION BY LIST (region);
CREATE TABLE regress_dp_n PARTITION OF regress_dp FOR VALUES IN ('n');
CREATE TABLE regress_dp_s PARTITION OF regress_dp FOR VALUES IN ('s') PARTITION BY LIST (sid);
CREATE TABLE regress_dp_s1 PARTITION OF regress_dp_s FOR VALUES IN (901, 902);
SET check_function_bodies = off;      -- as a restore does: the event trigger skips it
CREATE TABLE regress_dp_e PARTITION OF regress_dp FOR VALUES IN ('e');
RESET check_function_bodies;
INSERT INTO regress_dp VALUES (901, 'n', 'An', 'ID1'), (902, 's', 'Binh', 'ID2'), (903, 'e', 'Chi', 'ID3');
GRANT SELECT ON regress_dp, regress_dp_n, regress_dp_s, regress_dp_s1, regress_dp_e TO PUBLIC;
SELECT pdp.tag_column('regress_dp', 'nm', 'full_name'), pdp.tag_column('regress_dp', 'nid', 'identity_number');
SELECT pdp.set_subject_column('regress_dp', 'sid');
SELECT pdp.protect_rows('regress_dp');
SET check_function_bodies = off;
CREATE TABLE regress_dp_w PARTITION OF regress_dp FOR VALUES IN ('w');
RESET check_function_bodies;
INSERT INTO regress_dp VALUES (904, 'w', 'Dung', 'ID4');
GRANT SELECT ON regress_dp_w TO PUBLIC;
SELECT pdp.tag_column('regress_dp_n', 'nm', 'phone_number');    -- its own tag stays
SELECT relname FROM pg_class c WHERE relname LIKE 'regress_dp%' AND relkind IN ('r', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'pdp_consent');
ALTER TABLE regress_dp DETACH PARTITION regress_dp_w;   -- first: later DETACHes would protect it
ALTER TABLE regress_dp DETACH PARTITION regress_dp_n;
ALTER TABLE regress_dp DETACH PARTITION regress_dp_s;
SELECT relation, column_name, category, inherited_from FROM pdp.personal_columns
WHERE relation::text LIKE 'regress_dp%' ORDER BY 1, 2;
SELECT relation, subject_column FROM pdp.subject_tables
WHERE relation::text LIKE 'regress_dp%' ORDER BY 1;
SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
       EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'pdp_consent') AS protected
FROM pg_class c WHERE c.relname LIKE 'regress_dp%' AND c.relkind IN ('r', 'p') ORDER BY 1;
-- read without a purpose: refused; under a consent purpose: no consent, no rows
SET ROLE regress_other;
SELECT nid FROM regress_dp_n;
SELECT nm FROM regress_dp_s1;
SELECT nm FROM regress_dp_w;
RESET ROLE;
SET ROLE regress_app;
SET pdp.purpose = 'marketing';
SELECT count(*) FROM regress_dp_w;
SELECT count(*) FROM regress_dp_s1;
RESET ROLE;
RESET pdp.purpose;
-- DETACH CONCURRENTLY too
ALTER TABLE regress_dp DETACH PARTITION regress_dp_e CONCURRENTLY;
SELECT column_name, category, inherited_from FROM pdp.personal_columns
WHERE relation = 'regress_dp_e'::regclass ORDER BY 1;
SELECT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = 'regress_dp_e'::regclass
               AND p.polname = 'pdp_consent') AS protected;
-- a failed detach changes nothing
CREATE TABLE regress_dp_x PARTITION OF regress_dp FOR VALUES IN ('x');
BEGIN;
ALTER TABLE regress_dp DETACH PARTITION regress_dp_x;
ROLLBACK;
SELECT column_name, inherited_from FROM pdp.personal_columns
WHERE relation = 'regress_dp_x'::regclass ORDER BY 1;
SELECT pdp.flush_audit();
SELECT kind, decision, reason, relation, columns, categories FROM pdp.audit_log
WHERE id > :mark AND kind = 'config' AND relation LIKE '%regress_dp%' ORDER BY id;

-- clean up
SELECT pdp.revoke_purpose('regress_app', 'marketing');
REVOKE CREATE ON SCHEMA public FROM regress_app;
DROP TABLE regress_dp, regress_dp_n, regress_dp_s, regress_dp_w, regress_dp_e;
DROP TABLE regress_pk, regress_pk_a, regress_dom_t, regress_ddl CASCADE;
DROP DOMAIN regress_dom;
DROP FUNCTION regress_watch(text), regress_watch_int(text);
