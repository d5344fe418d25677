-- Issue 12, sections 3 and 6: a statement's purpose is fixed when it
-- starts; pdp's internal functions answer only whom they serve.
-- Own tables (li_*) and roles; needs the purposes, categories and roles of
-- setup, config and tagging.
\set VERBOSITY terse
SET pdp.mode = enforce;
CREATE ROLE regress_li_mkt LOGIN;       -- holds marketing (consent) only
CREATE ROLE regress_li_owner LOGIN;     -- owns the tables, holds no purpose
SELECT pdp.grant_purpose('regress_li_mkt', 'marketing');

CREATE TABLE li_people (id int PRIMARY KEY, name text, city text);
INSERT INTO li_people SELECT g, 'Person ' || g, 'City ' || g FROM generate_series(101, 106) g;
CREATE INDEX li_people_id_city ON li_people (id, city);
CREATE TABLE li_tokens (tok text, note text);
INSERT INTO li_tokens VALUES ('li-T1', '101'), ('li-T2', 'li-T1');
CREATE TABLE li_other (id int, city text);
INSERT INTO li_other SELECT g, 'x' FROM generate_series(101, 106) g;
ALTER TABLE li_people OWNER TO regress_li_owner;
ALTER TABLE li_tokens OWNER TO regress_li_owner;
GRANT SELECT ON li_people, li_tokens, li_other TO PUBLIC;
SELECT pdp.tag_column('li_people', 'name', 'full_name');
SELECT pdp.set_subject_column('li_people', 'id'), pdp.set_subject_column('li_tokens', 'tok');
SELECT pdp.protect_rows('li_people'), pdp.protect_rows('li_tokens');
-- subjects 101 and 102 consent to marketing; 103..106 do not
SELECT pdp.grant_consent(101, 'marketing') > 0 AS c101, pdp.grant_consent(102, 'marketing') > 0 AS c102,
       pdp.grant_consent('li-T1', 'marketing') > 0 AS t1;
CREATE FUNCTION li_switch(p text) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT set_config('pdp.purpose', p, false) $$;
CREATE FUNCTION li_count() RETURNS bigint LANGUAGE sql VOLATILE
AS $$ SELECT count(*) FROM li_people $$;
SELECT 1 AS flushed FROM pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset

-- =====================================================================
-- 3. The purpose (and role) of a statement are those it started with
-- =====================================================================
SET ROLE regress_li_mkt;
SET pdp.purpose = 'marketing';
SELECT id FROM li_people ORDER BY id;                       -- 101, 102
-- set_config in a subquery, a CTE, a function called per row, a WHERE
SELECT c.id FROM (SELECT set_config('pdp.purpose', 'billing', false)) x, li_people c ORDER BY 1;
SHOW pdp.purpose;                                           -- later statements: billing
SET pdp.purpose = 'marketing';
WITH s AS MATERIALIZED (SELECT set_config('pdp.purpose', 'billing', false))
SELECT c.id FROM s, li_people c ORDER BY 1;
SET pdp.purpose = 'marketing';
SELECT c.id, li_switch('billing') FROM li_people c ORDER BY 1;
SET pdp.purpose = 'marketing';
SELECT c.id FROM li_people c WHERE li_switch('billing') IS NOT NULL ORDER BY 1;
SET pdp.purpose = 'marketing';
SELECT c.id FROM li_people c WHERE c.id > (SELECT length(li_switch('')) + 100) ORDER BY 1;
SET pdp.purpose = 'marketing';
-- a prepared statement, each execution with the purpose it starts with
PREPARE li_p AS SELECT c.id FROM (SELECT set_config('pdp.purpose', 'billing', false)) x, li_people c ORDER BY 1;
EXECUTE li_p;
SET pdp.purpose = 'marketing';
EXECUTE li_p;
DEALLOCATE li_p;
-- a cursor keeps the purpose of its DECLARE
SET pdp.purpose = 'marketing';
BEGIN;
DECLARE li_cur CURSOR FOR SELECT id, name FROM li_people ORDER BY id;
FETCH 1 FROM li_cur;
SET pdp.purpose = 'billing';                                -- not even held
FETCH ALL FROM li_cur;
RESET pdp.purpose;
FETCH ABSOLUTE 1 FROM li_cur;
COMMIT;
-- ... across COMMIT too (WITH HOLD)
SET pdp.purpose = 'marketing';
BEGIN;
DECLARE li_hold CURSOR WITH HOLD FOR SELECT id, name FROM li_people ORDER BY id;
SET LOCAL pdp.purpose = 'billing';
COMMIT;
SET pdp.purpose = 'billing';
FETCH ALL FROM li_hold;
CLOSE li_hold;
-- has_consent() without a purpose: the statement's (marketing, held), not
-- the one set_config declared meanwhile (billing, not held)
SET pdp.purpose = 'marketing';
SELECT c.id, pdp.has_consent(c.id) FROM (SELECT set_config('pdp.purpose', 'billing', false)) x, li_people c ORDER BY 1;
-- the columns: a statement started without a purpose stays without one
RESET pdp.purpose;
SELECT c.name FROM (SELECT set_config('pdp.purpose', 'marketing', false)) x, li_people c;
RESET pdp.purpose;
WITH s AS MATERIALIZED (SELECT set_config('pdp.purpose', 'marketing', false))
SELECT c.name FROM s, li_people c;
-- a statement nested in a function starts after the switch: it is checked
-- under the new purpose (billing: every row, the rows of a purpose the
-- role does not hold are those of no purpose), and its own tagged reads
-- would be refused
SET pdp.purpose = 'marketing';
SELECT li_switch('billing'), li_count();
RESET ROLE;
-- the role: SET ROLE inside the statement does not change its role
SET ROLE regress_li_mkt;
SET pdp.purpose = 'marketing';
SELECT c.id, c.name FROM (SELECT set_config('role', 'regress_li_owner', false)) x, li_people c ORDER BY 1;
SELECT current_user;
RESET ROLE;
-- a SECURITY DEFINER function may not switch roles at all (PostgreSQL)
CREATE FUNCTION li_become(r text) RETURNS text LANGUAGE sql SECURITY DEFINER
AS $$ SELECT set_config('role', r, false) $$;
GRANT EXECUTE ON FUNCTION li_become(text) TO regress_li_mkt;
SET ROLE regress_li_mkt;
SELECT c.id FROM (SELECT li_become('postgres')) x, li_people c;
RESET ROLE;
DROP FUNCTION li_become(text);
-- the row limit of the purpose the statement started under
SELECT pdp.set_limit('marketing', 1, NULL, 'regress_li_mkt');
SET ROLE regress_li_mkt;
SET pdp.purpose = 'marketing';
SELECT c.name FROM (SELECT set_config('pdp.purpose', 'nonexistent', false)) x, li_people c ORDER BY 1;
SET pdp.purpose = 'marketing';
SELECT c.name FROM li_people c WHERE c.id = 101;
RESET ROLE;
SELECT pdp.drop_limit('marketing', 'regress_li_mkt');
-- log mode: the filter hides nothing and records the rows of the purpose
-- the statement started under
SET pdp.mode = log;
SET ROLE regress_li_mkt;
SET pdp.purpose = 'marketing';
SELECT c.id FROM (SELECT set_config('pdp.purpose', 'billing', false)) x, li_people c ORDER BY 1;
RESET ROLE;
SET pdp.mode = enforce;
RESET pdp.purpose;
-- a consent purpose the role does not hold shows no row: the consenting
-- subjects' rows, against those of no purpose, would say who consented
SET ROLE regress_other;
RESET pdp.purpose;
SELECT id FROM li_people ORDER BY id;
SET pdp.purpose = 'marketing';
SELECT id FROM li_people ORDER BY id;
SELECT count(*) FROM li_people WHERE id = 101;
SELECT tok FROM li_tokens;
RESET ROLE;
SET pdp.mode = log;
SET ROLE regress_other;
SET pdp.purpose = 'marketing';
SELECT count(*) FROM li_people;
RESET ROLE;
SET pdp.mode = enforce;
RESET pdp.purpose;
-- what the trail says: every statement above under the purpose and role
-- it started with
SELECT pdp.flush_audit();
SELECT decision, reason, role, purpose, rows, detail->'rows_hidden' AS hidden,
       regexp_replace(left(query, 50), '\s+', ' ', 'g') AS query
FROM pdp.audit_log WHERE id > :mark AND kind = 'access' ORDER BY id;

-- =====================================================================
-- 6. pdp._row_visible answers only as the row filter
-- =====================================================================
SELECT 1 AS flushed FROM pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset
SET ROLE regress_other;                 -- no purpose, no pdp rights
\set VERBOSITY default
SELECT pdp._row_visible('li_people', 103::bigint);
\set VERBOSITY terse
SELECT pdp._row_visible('li_tokens', 'li-T2');
SELECT pdp._row_visible('pg_authid', 'li-T2');
SELECT pdp._row_visible('li_people', NULL::bigint);
SELECT pdp._row_visible(NULL, 1::bigint);
RESET ROLE;
SET ROLE regress_li_mkt;
SET pdp.purpose = 'marketing';
SELECT pdp._row_visible('li_people', 103::bigint);
SELECT pdp._row_visible('li_people', 103::bigint) FROM li_people;     -- a table scanned, a constant subject
SELECT id, pdp._row_visible('li_people', (id + 1)::bigint) FROM li_people;
SELECT id, pdp._row_visible('li_people', length(city)::bigint) FROM li_people;
SELECT pdp._row_visible('li_people', o.id::bigint) FROM li_other o;   -- another table's column
SELECT pdp._row_visible('li_people', o.id::bigint) FROM li_other o JOIN li_people p ON p.id = o.id;
SELECT pdp._row_visible('li_tokens', note) FROM li_tokens;             -- not the subject column
SELECT pdp._row_visible('li_tokens', t.tok) FROM li_tokens t, li_people p WHERE p.id = 101;
SELECT (SELECT pdp._row_visible('li_people', p.id::bigint)) FROM li_people p;  -- a parameter
PREPARE li_q(bigint) AS SELECT pdp._row_visible('li_people', $1) FROM li_people;
EXECUTE li_q(103);
DEALLOCATE li_q;
CREATE FUNCTION pg_temp.probe(s bigint) RETURNS boolean LANGUAGE sql
AS $$ SELECT pdp._row_visible('li_people', s) $$;
SELECT pg_temp.probe(103);
-- a statement nested in a function, scanning a table of the caller's with
-- the ids to probe, run from a statement that scans the protected table:
-- its Vars are not the outer statement's (before, the call was accepted and
-- the statement then crashed the backend or left it spinning for good)
CREATE TABLE pg_temp.li_probe_ids (id int);
INSERT INTO pg_temp.li_probe_ids VALUES (101), (103), (9999);
CREATE FUNCTION pg_temp.probe2(v int) RETURNS boolean LANGUAGE sql STABLE
AS $$ SELECT pdp._row_visible('li_people', o.id::bigint) FROM pg_temp.li_probe_ids o WHERE o.id = v $$;
SELECT pg_temp.probe2(103) FROM li_people;
SELECT pg_temp.probe2(103) FROM li_people p WHERE p.id = 101;
SELECT pdp._row_visible('pg_class', oid::bigint) FROM pg_class LIMIT 1;
-- the filter's own call, from a query that scans the table: it says what
-- the filter decided about the rows the query sees anyway
SELECT id, pdp._row_visible('li_people', id::bigint) FROM li_people ORDER BY id;
SELECT tok, pdp._row_visible('li_tokens', tok) FROM li_tokens;
-- the filter itself still works in every plan shape: index-only scans,
-- joins, subqueries, partitions with their own column order
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id, city FROM li_people WHERE id > 0;
SELECT id, city FROM li_people WHERE id > 0 ORDER BY id;
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT p.id, t.tok FROM li_people p JOIN li_tokens t ON t.note = p.id::text;
SELECT count(*) FROM li_other o WHERE EXISTS (SELECT 1 FROM li_people p WHERE p.id = o.id);
RESET ROLE;
CREATE TABLE li_parts (id int, v text) PARTITION BY RANGE (id);
CREATE TABLE li_p1 (junk int, id int, v text);
ALTER TABLE li_p1 DROP COLUMN junk;
ALTER TABLE li_parts ATTACH PARTITION li_p1 FOR VALUES FROM (0) TO (1000);
GRANT SELECT, INSERT ON li_parts TO regress_li_mkt;
SELECT pdp.set_subject_column('li_parts', 'id');
SELECT pdp.protect_rows('li_parts');
SET ROLE regress_li_mkt;
SET pdp.purpose = 'marketing';
INSERT INTO li_parts VALUES (101, 'a') RETURNING id;        -- the policy checks the routed row
INSERT INTO li_parts VALUES (103, 'b') RETURNING id;        -- no consent: RLS refuses to return it
INSERT INTO li_parts VALUES (104, 'c');
SELECT id, v FROM li_parts ORDER BY id;
RESET ROLE;
RESET pdp.purpose;
SELECT id, v FROM li_parts ORDER BY id;
-- outside pdp's checks the filter is not an oracle either: with pdp.mode
-- off it says true for every row
SET pdp.mode = off;
SELECT pdp._row_visible('li_people', 103::bigint);
SET pdp.mode = enforce;
-- no event about pg_authid or about tables the refused calls named
SELECT pdp.flush_audit();
SELECT decision, reason, relation, rows, regexp_replace(left(query, 60), '\s+', ' ', 'g') AS query
FROM pdp.audit_log WHERE id > :mark AND kind = 'access' ORDER BY id;

-- =====================================================================
-- 6. What PUBLIC, and a role with no pdp membership, may use in schema pdp
-- =====================================================================
-- any change here widens or narrows pdp's surface: review it
SELECT n.nspname, a.privilege_type
FROM pg_namespace n, aclexplode(n.nspacl) a
WHERE n.nspname = 'pdp' AND a.grantee = 0 ORDER BY 2;
SELECT p.oid::regprocedure AS function, p.prosecdef AS security_definer
FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
WHERE p.pronamespace = 'pdp'::regnamespace AND a.grantee = 0 ORDER BY 1::text;
SELECT c.oid::regclass AS relation, c.relkind, string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS privileges
FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
WHERE c.relnamespace = 'pdp'::regnamespace AND a.grantee = 0
GROUP BY 1, 2 ORDER BY 1::text;
SELECT c.oid::regclass AS relation, a.attname, string_agg(x.privilege_type, ', ') AS privileges
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid, aclexplode(a.attacl) x
WHERE c.relnamespace = 'pdp'::regnamespace AND x.grantee = 0
GROUP BY 1, 2 ORDER BY 1::text, 2;
-- pdp_backup (README "Backups"): pdp's configuration and consent state,
-- what pg_dump dumps; no audit data, no function
SELECT c.oid::regclass AS relation, c.relkind, string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS privileges
FROM pg_class c, aclexplode(c.relacl) a
WHERE c.relnamespace = 'pdp'::regnamespace AND a.grantee = 'pdp_backup'::regrole
GROUP BY 1, 2 ORDER BY c.oid::regclass::text;
SELECT count(*) AS pdp_backup_functions
FROM pg_proc p, aclexplode(p.proacl) a
WHERE p.pronamespace = 'pdp'::regnamespace AND a.grantee = 'pdp_backup'::regrole;
-- regress_other: no pdp membership; what it may use, through PUBLIC or not
SELECT rolname FROM pg_roles WHERE pg_has_role('regress_other', oid, 'USAGE') ORDER BY 1;
SELECT p.oid::regprocedure AS function
FROM pg_proc p WHERE p.pronamespace = 'pdp'::regnamespace
  AND has_function_privilege('regress_other', p.oid, 'EXECUTE') ORDER BY 1::text;
SELECT c.oid::regclass AS relation, c.relkind,
       array_to_string(ARRAY(SELECT m FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) m
                             WHERE has_table_privilege('regress_other', c.oid, m)), ', ') AS privileges
FROM pg_class c WHERE c.relnamespace = 'pdp'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND has_any_column_privilege('regress_other', c.oid, 'SELECT, INSERT, UPDATE, REFERENCES')
   OR (c.relnamespace = 'pdp'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
       AND (has_table_privilege('regress_other', c.oid, 'DELETE') OR has_table_privilege('regress_other', c.oid, 'TRUNCATE')
            OR has_table_privilege('regress_other', c.oid, 'TRIGGER')))
ORDER BY 1::text;
SELECT c.oid::regclass AS sequence FROM pg_class c
WHERE c.relnamespace = 'pdp'::regnamespace AND c.relkind = 'S'
  AND (has_sequence_privilege('regress_other', c.oid, 'USAGE') OR has_sequence_privilege('regress_other', c.oid, 'SELECT')
       OR has_sequence_privilege('regress_other', c.oid, 'UPDATE'));
-- and what it reads there: configuration, never consent or restriction state
SET ROLE regress_other;
SELECT count(*) FROM pdp.consent;
SELECT count(*) FROM pdp.restriction;
SELECT pdp.has_consent(101, 'marketing');
SELECT pdp.has_consent(101);
RESET ROLE;
-- a purpose holder asks about its own purpose only
SET ROLE regress_li_mkt;
SELECT pdp.has_consent(101, 'marketing'), pdp.has_consent(103, 'marketing');
SELECT pdp.has_consent(101, 'billing');
RESET ROLE;

-- clean up
DROP TABLE li_people, li_tokens, li_other, li_parts;
DROP FUNCTION li_switch(text), li_count();
SELECT pdp.withdraw_consent('101', 'marketing'), pdp.withdraw_consent('102', 'marketing'),
       pdp.withdraw_consent('li-T1', 'marketing');
SELECT pdp.revoke_purpose('regress_li_mkt', 'marketing');
RESET pdp.mode;
