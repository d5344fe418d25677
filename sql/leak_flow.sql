-- Attacks on where tagged values go (issue 12, sections 1, 4, 5):
-- evaluated expressions are reads, limits count what leaves however it
-- leaves, copies keep their tags.  As a role with no purpose, a role with a
-- purpose, the table owner and a superuser; in enforce and in log mode.
\set VERBOSITY terse
CREATE ROLE regress_flow_owner LOGIN;
CREATE TABLE flow_people (id int PRIMARY KEY, name text, phone text, idno text, income numeric, note text);
INSERT INTO flow_people SELECT g, 'Person ' || g, '09' || lpad(g::text, 8, '0'),
    'VN' || lpad(g::text, 12, '0'), 1000 * g, 'note ' || g FROM generate_series(1, 20) g;
ALTER TABLE flow_people OWNER TO regress_flow_owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON flow_people TO PUBLIC;
GRANT CREATE ON SCHEMA public TO regress_app;
SELECT pdp.tag_column('flow_people', 'name', 'full_name'),
       pdp.tag_column('flow_people', 'phone', 'phone_number'),
       pdp.tag_column('flow_people', 'idno', 'identity_number'),
       pdp.tag_column('flow_people', 'income', 'banking_customer_info');
SELECT pdp.define_purpose('flow_work', 'Flow tests', 'contract');
SELECT pdp.allow('flow_work', 'full_name'), pdp.allow('flow_work', 'phone_number');
SELECT pdp.grant_purpose('regress_app', 'flow_work'), pdp.grant_purpose('regress_flow_owner', 'flow_work');
-- targets: one untagged, one tagged like its source
CREATE TABLE flow_plain (id int PRIMARY KEY, v text);
CREATE TABLE flow_names (id int PRIMARY KEY, v text);
SELECT pdp.tag_column('flow_names', 'v', 'full_name');
GRANT ALL ON flow_plain, flow_names TO PUBLIC;
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset

-- ------------------------------------------------------------------------
-- 1. every evaluated expression over a tagged column is a read
-- ------------------------------------------------------------------------
SET pdp.mode = enforce;
SET ROLE regress_other;                                -- no purpose
SELECT count(*) FROM (SELECT set_config('x.leak', current_setting('x.leak', true) || idno, false) FROM flow_people) s;
SELECT current_setting('x.leak', true) IS NULL OR current_setting('x.leak', true) = '' AS nothing_leaked;
WITH c AS MATERIALIZED (SELECT idno::int AS x FROM flow_people WHERE id = 2) SELECT count(*) FROM c;
WITH c AS MATERIALIZED (SELECT generate_series(1, income::bigint % 100000) FROM flow_people WHERE id = 1) SELECT count(*) FROM c;
SELECT count(*) FROM (SELECT regexp_split_to_table(phone, '') FROM flow_people) s; -- set-returning function
SELECT count(*) FROM flow_people p, LATERAL generate_series(1, length(p.idno)) g;  -- lateral function
SELECT count(*) FROM (SELECT DISTINCT lower(idno) FROM flow_people) s;            -- computed key
SELECT count(*) FROM (SELECT id, pg_sleep(0) || phone FROM flow_people) s;         -- volatile, unused
SELECT count(*) FROM flow_people WHERE id = (SELECT length(idno) FROM flow_people LIMIT 1); -- sub-plan
-- precision: counting rows and carrying plain columns unused read nothing
SELECT count(*) FROM flow_people;
SELECT count(*) FROM (SELECT idno, phone FROM flow_people) s;
SELECT id FROM (SELECT id, idno FROM flow_people OFFSET 0) s ORDER BY id LIMIT 2;
-- expressions the planner drops are never evaluated: no read
SELECT count(*) FROM (SELECT length(idno) FROM flow_people OFFSET 0) s;
SELECT count(*) FROM (SELECT max(idno) FROM flow_people) s;
SELECT count(*) FROM (SELECT row_number() OVER (ORDER BY income) FROM flow_people) s;
RESET ROLE;

SET ROLE regress_app;
SET pdp.purpose = 'flow_work';                         -- may read name and phone, not idno
SELECT count(*) FROM (SELECT set_config('x.leak', idno, false) FROM flow_people) s;
SELECT count(*) FROM (SELECT set_config('x.leak', name, false) FROM flow_people) s;   -- allowed
RESET pdp.purpose;
RESET ROLE;

SET ROLE regress_flow_owner;                           -- owning the table is not enough
SELECT count(*) FROM (SELECT set_config('x.leak', idno, false) FROM flow_people) s;
WITH c AS MATERIALIZED (SELECT idno::int FROM flow_people) SELECT count(*) FROM c;
RESET ROLE;

-- what the rows an UPDATE or DELETE changes go through reads the stored
-- values it keeps: the owner's trigger, CHECK constraint (even NOT VALID),
-- index expression (with a function falsely marked immutable), check
-- option view
SET pdp.mode = off;
CREATE TABLE flow_kept (v text);
GRANT INSERT ON flow_kept TO PUBLIC;
CREATE FUNCTION flow_keep(text) RETURNS boolean LANGUAGE sql VOLATILE
    AS $$ INSERT INTO flow_kept VALUES ($1) RETURNING true $$;
CREATE FUNCTION flow_keep_i(text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
    AS $$ BEGIN PERFORM set_config('x.kept', current_setting('x.kept', true) || $1, false); RETURN true; END $$;
CREATE FUNCTION flow_keep_trigger() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN PERFORM flow_keep(OLD.idno); RETURN NEW; END $$;
CREATE TABLE flow_trig (id int, idno text, note text);
INSERT INTO flow_trig SELECT id, idno, note FROM flow_people WHERE id <= 3;
SELECT pdp.tag_column('flow_trig', 'idno', 'identity_number');
GRANT ALL ON flow_trig TO PUBLIC;
ALTER TABLE flow_trig OWNER TO regress_flow_owner;
ALTER FUNCTION flow_keep_trigger() OWNER TO regress_flow_owner;   -- the owner's own code
CREATE TRIGGER keep BEFORE UPDATE OR DELETE ON flow_trig FOR EACH ROW EXECUTE FUNCTION flow_keep_trigger();
SET pdp.mode = enforce;
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
UPDATE flow_trig SET note = 'x' WHERE id = 1;
DELETE FROM flow_trig WHERE id = 1;
RESET ROLE;
ALTER TABLE flow_trig DISABLE TRIGGER keep;
ALTER TABLE flow_trig ADD CONSTRAINT keep CHECK (flow_keep(idno)) NOT VALID;
SET ROLE regress_app;
UPDATE flow_trig SET note = 'x' WHERE id = 1;
RESET ROLE;
ALTER TABLE flow_trig DROP CONSTRAINT keep;
SET pdp.mode = off;              -- (building the index reads too)
CREATE INDEX flow_trig_keep ON flow_trig (flow_keep_i(idno));
SELECT set_config('x.kept', '', false);
SET pdp.mode = enforce;
SET ROLE regress_app;
UPDATE flow_trig SET note = 'x' WHERE id = 1;
RESET ROLE;
DROP INDEX flow_trig_keep;
CREATE VIEW flow_trig_v AS SELECT * FROM flow_trig WHERE flow_keep(idno) WITH CHECK OPTION;
GRANT ALL ON flow_trig_v TO PUBLIC;
SET ROLE regress_app;
UPDATE flow_trig_v SET note = 'x' WHERE id = 1;
UPDATE flow_trig SET note = 'y' WHERE id = 2;   -- none of the above left: allowed
RESET pdp.purpose;
RESET ROLE;
SELECT count(*) AS kept FROM flow_kept;
SELECT current_setting('x.kept', true) AS kept_in_setting;
DROP VIEW flow_trig_v;
DROP TABLE flow_trig, flow_kept;
DROP FUNCTION flow_keep_trigger(), flow_keep(text), flow_keep_i(text);

-- log mode: the same statements run, and are recorded as violations
SET pdp.mode = log;
SET ROLE regress_other;
SELECT count(*) FROM (SELECT set_config('x.leak', idno, false) FROM flow_people) s;
SELECT count(*) FROM (SELECT max(idno) FROM flow_people) s;
RESET ROLE;
SELECT pdp.flush_audit();
SELECT decision, reason, role, relation, columns
FROM pdp.audit_log WHERE id > :mark AND kind = 'access' AND decision <> 'allowed' ORDER BY id;
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset

-- ------------------------------------------------------------------------
-- 5. copies keep their tags
-- ------------------------------------------------------------------------
SET pdp.mode = enforce;
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
-- into an untagged column: refused, whatever the statement
INSERT INTO flow_plain SELECT id, name FROM flow_people;
INSERT INTO flow_plain SELECT id, upper(name) || phone FROM flow_people;
INSERT INTO flow_plain SELECT 1, string_agg(name, ',') FROM flow_people;
INSERT INTO flow_plain VALUES (1, 'x');
UPDATE flow_plain SET v = p.phone FROM flow_people p WHERE p.id = flow_plain.id;
MERGE INTO flow_plain t USING flow_people p ON t.id = p.id
    WHEN MATCHED THEN UPDATE SET v = p.name WHEN NOT MATCHED THEN INSERT VALUES (p.id, p.phone);
INSERT INTO flow_plain SELECT id, name FROM flow_people WHERE id = 1
    ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v;
WITH moved AS (INSERT INTO flow_plain SELECT id + 100, phone FROM flow_people RETURNING id) SELECT 1;
SELECT id, v FROM flow_plain ORDER BY id;
-- into a column tagged with another category
UPDATE flow_people SET name = phone WHERE id = 1;
UPDATE flow_people SET note = name WHERE id = 1;
-- into a column tagged with the category: allowed
INSERT INTO flow_names SELECT id, name FROM flow_people WHERE id <= 3;
UPDATE flow_people SET name = upper(name) WHERE id = 1;
-- values that are not personal data go anywhere
INSERT INTO flow_plain SELECT id, 'id ' || id FROM flow_people WHERE id = 2;
SELECT count(*) FROM flow_names;
RESET pdp.purpose;
RESET ROLE;

-- new relations from tagged columns are tagged like them
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
CREATE TABLE flow_copy AS SELECT id, name, phone AS mobile, upper(name) AS both_ FROM flow_people;
-- a column would hold values of two categories: it would have one of them
CREATE TABLE flow_mixed AS SELECT id, name || ' ' || phone AS both_ FROM flow_people;
SELECT name, phone AS mobile INTO flow_copy2 FROM flow_people WHERE id < 3;
CREATE MATERIALIZED VIEW flow_mv AS SELECT id, lower(name) AS n FROM flow_people;
CREATE TABLE flow_counts AS SELECT count(*) AS n, count(name) AS named FROM flow_people;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) CREATE TABLE flow_copy3 AS SELECT idno FROM flow_people;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) CREATE TABLE flow_copy3 AS SELECT phone FROM flow_people;
CREATE MATERIALIZED VIEW flow_mv2 AS SELECT id, phone FROM flow_people WITH NO DATA;
REFRESH MATERIALIZED VIEW flow_mv2;
RESET pdp.purpose;
RESET ROLE;
SELECT objname, label FROM pg_seclabels
WHERE provider = 'pdp' AND (objname LIKE 'flow\_copy%' OR objname LIKE 'flow\_mv%' OR objname LIKE 'flow\_counts.%')
ORDER BY objname;
-- and so are protected like them
SET ROLE regress_app;
SELECT name FROM flow_copy WHERE id = 1;
SELECT mobile FROM flow_copy2 LIMIT 1;
SELECT n FROM flow_mv WHERE id = 1;
SELECT n, named FROM flow_counts;
SELECT phone FROM flow_copy3 LIMIT 1;
SELECT phone FROM flow_mv2 LIMIT 1;
SET pdp.purpose = 'flow_work';
SELECT name, mobile, both_ FROM flow_copy WHERE id = 1;
RESET pdp.purpose;
RESET ROLE;

-- the owner, the superuser (bypass, recorded) and log mode
SET ROLE regress_flow_owner;
INSERT INTO flow_plain SELECT id, idno FROM flow_people WHERE id = 3;
SET pdp.purpose = 'flow_work';
INSERT INTO flow_plain SELECT id, phone FROM flow_people WHERE id = 3;
RESET pdp.purpose;
RESET ROLE;
INSERT INTO flow_plain SELECT id, phone FROM flow_people WHERE id = 4;   -- superuser
SET pdp.mode = log;
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
INSERT INTO flow_plain SELECT id, phone FROM flow_people WHERE id = 5;
UPDATE flow_people SET note = name WHERE id = 5;
RESET pdp.purpose;
RESET ROLE;
SET pdp.mode = enforce;
SELECT pdp.flush_audit();
SELECT decision, reason, role, relation, columns, categories, detail
FROM pdp.audit_log WHERE id > :mark AND kind = 'access'
  AND reason IN ('untagged_target', 'category_changed') ORDER BY id;
SELECT reason, relation, columns, categories FROM pdp.audit_log
WHERE id > :mark AND kind = 'config' AND reason = 'lineage' ORDER BY id;
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset

-- ------------------------------------------------------------------------
-- 4. limits count the records whose values leave, however they leave
-- ------------------------------------------------------------------------
SELECT pdp.set_limit('flow_work', 2, NULL);
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
SELECT set_config('x.leak', '', false);
SELECT name FROM flow_people WHERE id <= 2 ORDER BY id;                 -- 2 rows: at the limit
SELECT name FROM flow_people WHERE id <= 3 ORDER BY id;
SELECT length(string_agg(name || ':' || phone, ';')) FROM flow_people;  -- one row, 20 records
SELECT array_length(array_agg(phone), 1) FROM flow_people WHERE id <= 2;
SELECT count(*) FROM (SELECT json_agg(name) FROM flow_people) s;    -- read, but nothing leaves
SELECT (SELECT string_agg(name, ',') FROM flow_people) IS NOT NULL;
-- aggregated in parallel workers: the guarded statement runs without them
RESET ROLE;
ALTER TABLE flow_people SET (parallel_workers = 2);
SET ROLE regress_app;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT max(name) FROM flow_people;
SELECT max(name) FROM flow_people;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET parallel_leader_participation;
RESET ROLE;
ALTER TABLE flow_people RESET (parallel_workers);
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
-- handed to a function that keeps them, the result thrown away
SELECT count(*) FROM (SELECT set_config('x.leak', current_setting('x.leak', true) || name, false) FROM flow_people) s;
SELECT count(*) FROM (SELECT pg_notify('flow', phone) FROM flow_people WHERE id <= 2) s;
SELECT current_setting('x.leak', true) = '' AS nothing_kept;
INSERT INTO flow_names SELECT id + 10, name FROM flow_people WHERE id <= 3;
UPDATE flow_names SET v = p.name FROM flow_people p WHERE p.id = flow_names.id;
MERGE INTO flow_names t USING flow_people p ON false WHEN NOT MATCHED THEN INSERT VALUES (p.id + 50, p.name);
SELECT count(*) FROM flow_names;
-- filtering on a tagged column, counting and aggregating without values: nothing counted
SELECT count(*) FROM flow_people WHERE phone LIKE '09%';
SELECT id FROM flow_people WHERE phone LIKE '09%' ORDER BY id LIMIT 5;
SELECT count(name), count(*) FROM flow_people;
SELECT count(*) FROM flow_people p JOIN flow_names n ON n.v = p.name;
RESET pdp.purpose;
RESET ROLE;
-- per day: the quota is spent by every kind of statement
SELECT pdp.set_limit('flow_work', NULL, 5);
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
SELECT length(string_agg(name, ',')) FROM flow_people WHERE id <= 3;    -- 3 of 5
UPDATE flow_names SET v = p.name FROM flow_people p WHERE p.id = flow_names.id AND p.id <= 3;
SELECT name FROM flow_people WHERE id = 1;
RESET pdp.purpose;
RESET ROLE;
-- log mode: recorded, not stopped
SELECT pdp.set_limit('flow_work', 2, NULL);
SET pdp.mode = log;
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
SELECT length(string_agg(name, ',')) FROM flow_people;
RESET pdp.purpose;
RESET ROLE;
SET pdp.mode = enforce;
SELECT pdp.set_limit('flow_work', NULL, NULL);
SELECT pdp.flush_audit();
SELECT decision, reason, command, relation, detail FROM pdp.audit_log
WHERE id > :mark AND reason IN ('row_limit', 'daily_limit') ORDER BY id;

-- ------------------------------------------------------------------------
-- more members of each class (found attacking the above)
-- ------------------------------------------------------------------------
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
-- a recursive CTE moving a value to another column between iterations
INSERT INTO flow_plain
WITH RECURSIVE r(i, a, b) AS (
  SELECT 0, ''::text, ''::text
  UNION ALL
  SELECT i + 1, r.b, (SELECT phone FROM flow_people p WHERE p.id = r.i + 1) FROM r WHERE i < 20)
SELECT i + 1000, a FROM r WHERE a <> '';
-- UPDATE ... SET (a, b) = (SELECT ...)
UPDATE flow_plain SET (v, id) = (SELECT p.phone, flow_plain.id FROM flow_people p WHERE p.id = flow_plain.id);
-- ON CONFLICT DO UPDATE checks the column it sets
INSERT INTO flow_plain (id) SELECT id FROM flow_people WHERE id = 2
    ON CONFLICT (id) DO UPDATE SET v = (SELECT p.phone FROM flow_people p WHERE p.id = excluded.id);
INSERT INTO flow_names (id, v) SELECT id, name FROM flow_people WHERE id = 1
    ON CONFLICT (id) DO UPDATE SET v = excluded.v;                     -- same category: allowed
-- values of several categories into a column of one of them
UPDATE flow_people SET name = name || ' ' || phone WHERE id = 1;
-- CREATE TABLE AS EXECUTE
PREPARE flow_ps AS SELECT id, phone FROM flow_people;
CREATE TABLE flow_exec AS EXECUTE flow_ps;
DEALLOCATE flow_ps;
RESET pdp.purpose;
SELECT phone FROM flow_exec LIMIT 1;
RESET ROLE;
-- limits: many records folded into one row without an aggregate, functions
-- that only claim to be immutable, volatile code where rows are chosen
SELECT pdp.set_limit('flow_work', 2, NULL);
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
SELECT cardinality(ARRAY(SELECT phone FROM flow_people));
SELECT length(acc) FROM (WITH RECURSIVE r(i, acc) AS (
  SELECT 0, ''::text
  UNION ALL
  SELECT i + 1, acc || (SELECT phone FROM flow_people p WHERE p.id = r.i + 1) FROM r WHERE i < 20)
SELECT acc FROM r ORDER BY i DESC LIMIT 1) s;
CREATE FUNCTION pg_temp.flow_note(text) RETURNS text LANGUAGE plpgsql IMMUTABLE
    AS $$ BEGIN PERFORM set_config('x.kept', current_setting('x.kept', true) || $1, false); RETURN ''; END $$;
WITH c AS MATERIALIZED (SELECT pg_temp.flow_note(phone) FROM flow_people) SELECT count(*) FROM c;
SELECT count(*) FILTER (WHERE set_config('x.l', phone, false) IS NOT NULL) FROM flow_people;
SELECT count(*) FROM flow_people p JOIN flow_plain t ON t.id = length(set_config('x.l', p.phone, false));
SELECT count(set_config('x.l', phone, false)) FROM flow_people;   -- count() of code that keeps them
SELECT count(*) FROM flow_people p, LATERAL generate_series(1, length(set_config('x.l', p.phone, false))) g;
SELECT count(*) FROM flow_people WHERE phone LIKE '09%';          -- still no count
RESET pdp.purpose;
RESET ROLE;
SELECT pdp.set_limit('flow_work', NULL, NULL);
-- ON CONFLICT tells whether a key is stored: a read of the arbiter's columns
CREATE UNIQUE INDEX flow_people_idno ON flow_people (idno);
SET ROLE regress_other;
INSERT INTO flow_people (id, idno) VALUES (99, 'VN000000000001') ON CONFLICT (idno) DO NOTHING;
RESET ROLE;
DROP INDEX flow_people_idno;
-- a row an UPDATE moves to another partition is inserted there, whole
CREATE TABLE flow_parts (id int, region text, idno text) PARTITION BY LIST (region);
CREATE TABLE flow_parts_n PARTITION OF flow_parts FOR VALUES IN ('n');
CREATE TABLE flow_parts_s PARTITION OF flow_parts FOR VALUES IN ('s');
INSERT INTO flow_parts VALUES (1, 'n', 'VN1');
SELECT pdp.tag_column('flow_parts', 'idno', 'identity_number');
GRANT ALL ON flow_parts TO PUBLIC;
CREATE FUNCTION flow_parts_in() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN RAISE NOTICE 'moved in: %', NEW.idno; RETURN NEW; END $$;
ALTER FUNCTION flow_parts_in() OWNER TO regress_flow_owner;
CREATE TRIGGER flow_in BEFORE INSERT ON flow_parts_s FOR EACH ROW EXECUTE FUNCTION flow_parts_in();
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
UPDATE flow_parts SET region = 's' WHERE region = 'n';
UPDATE flow_parts SET id = 2 WHERE region = 'n';                   -- no move: allowed
RESET pdp.purpose;
RESET ROLE;
DROP TABLE flow_parts;
DROP FUNCTION flow_parts_in();
-- a generated column made before its source was tagged takes the tag
CREATE TABLE flow_gen (id int, secret text, loud text GENERATED ALWAYS AS (upper(secret)) STORED);
INSERT INTO flow_gen (id, secret) VALUES (1, 'vn1');
GRANT SELECT ON flow_gen TO PUBLIC;
SELECT pdp.tag_column('flow_gen', 'secret', 'identity_number');
SELECT objname, label FROM pg_seclabels WHERE provider = 'pdp' AND objname LIKE 'flow\_gen.%' ORDER BY 1;
SET ROLE regress_other;
SELECT loud FROM flow_gen;
RESET ROLE;
DROP TABLE flow_gen;
-- a trigger function a superuser owns (an updated_at trigger a DBA put
-- there) is trusted with the rows it receives
CREATE TABLE flow_stamped (id int, idno text, note text, changed timestamptz);
INSERT INTO flow_stamped VALUES (1, 'VN1', 'n', NULL);
SELECT pdp.tag_column('flow_stamped', 'idno', 'identity_number');
GRANT ALL ON flow_stamped TO PUBLIC;
CREATE FUNCTION flow_stamp() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN NEW.changed := now(); RETURN NEW; END $$;
CREATE TRIGGER stamp BEFORE UPDATE ON flow_stamped FOR EACH ROW EXECUTE FUNCTION flow_stamp();
SET ROLE regress_app;
SET pdp.purpose = 'flow_work';
UPDATE flow_stamped SET note = 'x' WHERE id = 1;
RESET pdp.purpose;
RESET ROLE;
DROP TABLE flow_stamped;
DROP FUNCTION flow_stamp();
-- ALTER TYPE ... CASCADE rewrites the tables of the type
CREATE TYPE flow_ct AS (id int, idno text);
CREATE TABLE flow_typed OF flow_ct;
INSERT INTO flow_typed VALUES (1, 'VN1');
SELECT pdp.tag_column('flow_typed', 'idno', 'identity_number');
ALTER TYPE flow_ct OWNER TO regress_flow_owner;
ALTER TABLE flow_typed OWNER TO regress_flow_owner;
SET ROLE regress_flow_owner;
ALTER TYPE flow_ct ALTER ATTRIBUTE idno TYPE varchar(20) CASCADE;
RESET ROLE;
DROP TABLE flow_typed;
DROP TYPE flow_ct;

-- pdp's own functions in conditions (the row filter on a tagged subject
-- column, has_consent) keep nothing: a limited purpose still reads
CREATE TABLE flow_members (email text, name text);
INSERT INTO flow_members VALUES ('a@x', 'A'), ('b@x', 'B'), ('c@x', 'C');
GRANT SELECT ON flow_members TO regress_app;
SELECT pdp.tag_column('flow_members', 'email', 'email_address'),
       pdp.tag_column('flow_members', 'name', 'full_name');
SELECT pdp.set_subject_column('flow_members', 'email');
SELECT pdp.protect_rows('flow_members');
SELECT pdp.define_purpose('flow_news', 'news', 'consent');
SELECT pdp.allow('flow_news', 'full_name'), pdp.allow('flow_news', 'email_address');
SELECT pdp.grant_purpose('regress_app', 'flow_news');
SELECT pdp.grant_consent('a@x', 'flow_news') > 0 AS a, pdp.grant_consent('b@x', 'flow_news') > 0 AS b;
SELECT pdp.set_limit('flow_news', 5, NULL);
SET ROLE regress_app;
SET pdp.purpose = 'flow_news';
SELECT name FROM flow_members ORDER BY 1;
SELECT count(*) FROM flow_members WHERE pdp.has_consent(email);
RESET pdp.purpose;
RESET ROLE;
DROP TABLE flow_members;
SELECT pdp.drop_purpose('flow_news');

-- clean up
DROP MATERIALIZED VIEW flow_mv, flow_mv2;
DROP TABLE flow_people, flow_plain, flow_names, flow_copy, flow_copy2, flow_copy3, flow_counts, flow_exec;
SELECT pdp.drop_purpose('flow_work');
REVOKE CREATE ON SCHEMA public FROM regress_app;
DROP ROLE regress_flow_owner;
