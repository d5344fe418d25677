-- Masked reads (issue 16): a purpose may read a category only masked.
-- Every value of a masked column the statement hands out is masked, and no
-- use of the column (WHERE, JOIN, GROUP BY, ORDER BY, windows, DISTINCT,
-- casts, errors) sees the stored value.
\set VERBOSITY terse
SET pdp.mode = enforce;
CREATE ROLE regress_desk LOGIN;
CREATE ROLE regress_mask_owner LOGIN;
CREATE TABLE mask_customers (
    id int PRIMARY KEY,
    full_name text,
    phone text,
    email varchar(40),
    national_id text,
    birth_date date,
    address text,
    income numeric,
    note text
);
ALTER TABLE mask_customers OWNER TO regress_mask_owner;
INSERT INTO mask_customers VALUES
 (1, 'Nguyễn Văn An', '0912345678', 'an.nguyen@example.vn', '001203004567', '1985-04-12', '12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội', 12345678, 'vip'),
 (2, 'Trần Thị Bình', '0987654321', 'binh@example.com', '079190001234', '1990-11-30', '5 Lê Lợi, Quận 1, Hồ Chí Minh', 27500, 'late payer'),
 (3, 'Lê Văn Cường', '0912345999', 'cuong@example.vn', '001099887766', '2001-01-01', '3 Trần Phú, Hải Châu, Đà Nẵng', NULL, NULL);
GRANT SELECT, INSERT, UPDATE, DELETE ON mask_customers TO regress_desk;
SELECT pdp.tag_column('mask_customers', 'full_name', 'full_name');
SELECT pdp.tag_column('mask_customers', 'phone', 'phone_number');
SELECT pdp.tag_column('mask_customers', 'email', 'email_address');
SELECT pdp.tag_column('mask_customers', 'national_id', 'identity_number');
SELECT pdp.tag_column('mask_customers', 'birth_date', 'date_of_birth');
SELECT pdp.tag_column('mask_customers', 'address', 'address');
SELECT pdp.tag_column('mask_customers', 'income', 'banking_customer_info');
SELECT pdp.define_purpose('support_desk', 'confirm callers by masked contact data', 'legitimate_interest');
SELECT pdp.grant_purpose('regress_desk', 'support_desk');
SELECT pdp.allow('support_desk', 'phone_number', mask => 'phone');
SELECT pdp.allow('support_desk', 'email_address', mask => 'email');
SELECT pdp.allow('support_desk', 'full_name', mask => 'initials');
SELECT pdp.allow('support_desk', 'identity_number', mask => 'id_number');
SELECT pdp.allow('support_desk', 'date_of_birth', mask => 'year');
SELECT pdp.allow('support_desk', 'address', mask => 'province');
SELECT pdp.allow('support_desk', 'banking_customer_info', mask => 'range');
SELECT * FROM pdp.policy WHERE purpose = 'support_desk' ORDER BY category;

SET ROLE regress_desk;
SET pdp.purpose = 'support_desk';
SELECT * FROM mask_customers ORDER BY id;

-- predicates operate on masked values: the stored number finds nothing
SELECT id FROM mask_customers WHERE phone = '0912345678';
SELECT id FROM mask_customers WHERE phone = '09** *** 678';
SELECT id FROM mask_customers WHERE phone LIKE '091234%';
SELECT id FROM mask_customers WHERE national_id IN ('001203004567', '********4567');
SELECT id FROM mask_customers WHERE length(email) > 15 ORDER BY id;
-- ordering, grouping, windows, DISTINCT: on masked values
SELECT phone FROM mask_customers ORDER BY phone DESC, id;
SELECT birth_date, count(*) FROM mask_customers GROUP BY birth_date ORDER BY 1;
SELECT count(DISTINCT phone), min(national_id), max(full_name) FROM mask_customers;
SELECT id, row_number() OVER (PARTITION BY left(phone, 2) ORDER BY phone, id) FROM mask_customers ORDER BY id;
SELECT DISTINCT substr(phone, 1, 4) FROM mask_customers;
-- a cast fails on the masked value, and says only that
SELECT national_id::bigint FROM mask_customers WHERE id = 1;
SELECT phone::int FROM mask_customers WHERE id = 1;
-- whole rows, JSON, sub-queries, CTEs, LATERAL, EXISTS, joins
SELECT c FROM mask_customers c WHERE id = 1;
SELECT to_jsonb(c) ->> 'phone' AS phone FROM mask_customers c WHERE id = 2;
SELECT (SELECT phone FROM mask_customers WHERE id = 3);
WITH x AS MATERIALIZED (SELECT phone, id FROM mask_customers) SELECT phone FROM x WHERE id = 1;
SELECT l.p FROM mask_customers c, LATERAL (SELECT c.phone AS p) l WHERE c.id = 1;
SELECT id FROM mask_customers c WHERE EXISTS (SELECT 1 FROM mask_customers d WHERE d.phone = '0912345999' AND d.id = c.id);
SELECT a.id, b.id FROM mask_customers a JOIN mask_customers b ON a.phone = b.phone ORDER BY 1, 2;
-- a view, and a set-returning SQL function (run as a function, not inlined)
RESET ROLE;
CREATE VIEW mask_contacts AS SELECT id, full_name, phone FROM mask_customers;
GRANT SELECT ON mask_contacts TO regress_desk;
CREATE FUNCTION mask_all() RETURNS SETOF mask_customers LANGUAGE sql STABLE AS 'SELECT * FROM mask_customers';
SET ROLE regress_desk;
SELECT * FROM mask_contacts WHERE id = 1;
SELECT id, phone, national_id FROM mask_all() WHERE id = 2;
SELECT id FROM mask_all() WHERE phone = '0987654321';

-- the decision follows the purpose at each execution of a prepared plan
RESET ROLE;
SELECT pdp.define_purpose('callback', 'call customers back', 'contract');
SELECT pdp.grant_purpose('regress_desk', 'callback');
SELECT pdp.allow('callback', 'phone_number');
SET ROLE regress_desk;
PREPARE p1 AS SELECT phone FROM mask_customers WHERE id = $1;
PREPARE p2 AS SELECT id FROM mask_customers WHERE phone = $1;
EXECUTE p1(1);
EXECUTE p2('0912345678');
SET pdp.purpose = 'callback';
EXECUTE p1(1);
EXECUTE p2('0912345678');
SET pdp.purpose = 'support_desk';
EXECUTE p1(1);
EXECUTE p2('0912345678');
-- a PL/pgSQL function's cached plan too
RESET ROLE;
CREATE FUNCTION mask_phone_of(i int) RETURNS text LANGUAGE plpgsql STABLE AS
$$BEGIN RETURN (SELECT phone FROM mask_customers WHERE id = i); END$$;
SET ROLE regress_desk;
SELECT mask_phone_of(1);
SET pdp.purpose = 'callback';
SELECT mask_phone_of(1);
SET pdp.purpose = 'support_desk';
SELECT mask_phone_of(1);
-- a cursor keeps the decision of its start
BEGIN;
DECLARE cur CURSOR FOR SELECT phone FROM mask_customers ORDER BY id;
FETCH 1 FROM cur;
SET LOCAL pdp.purpose = 'callback';
FETCH 1 FROM cur;
COMMIT;

-- writes: RETURNING is masked; copying a masked column copies the mask
BEGIN;
UPDATE mask_customers SET note = 'called' WHERE id = 1 RETURNING phone, note;
ROLLBACK;
DELETE FROM mask_customers WHERE id = 99 RETURNING phone;
-- COPY (query) and COPY table: masked
COPY (SELECT id, phone FROM mask_customers ORDER BY id) TO STDOUT;
COPY mask_customers (id, phone, email) TO STDOUT;

-- where no mask can stand in: refused (masked_only)
RESET ROLE;
CREATE UNIQUE INDEX mask_customers_phone ON mask_customers (phone);
SET ROLE regress_desk;
INSERT INTO mask_customers (id, phone) VALUES (10, '0912345678') ON CONFLICT DO NOTHING;
INSERT INTO mask_customers (id, phone) VALUES (10, '0900000010') ON CONFLICT (phone) DO NOTHING;
RESET ROLE;
DROP INDEX mask_customers_phone;
CREATE FUNCTION mask_owner_trigger() RETURNS trigger LANGUAGE plpgsql AS
$$BEGIN RAISE NOTICE 'old phone %', OLD.phone; RETURN NEW; END$$;
ALTER FUNCTION mask_owner_trigger() OWNER TO regress_mask_owner;
CREATE TRIGGER mask_t BEFORE UPDATE ON mask_customers FOR EACH ROW EXECUTE FUNCTION mask_owner_trigger();
SET ROLE regress_desk;
UPDATE mask_customers SET note = 'x' WHERE id = 1;
RESET ROLE;
DROP TRIGGER mask_t ON mask_customers;
SET ROLE regress_desk;
-- error details withhold the stored value of a masked column
RESET ROLE;
ALTER TABLE mask_customers ADD CONSTRAINT mask_note CHECK (note <> 'boom');
SET ROLE regress_desk;
\set VERBOSITY default
UPDATE mask_customers SET note = 'boom' WHERE id = 2;
\set VERBOSITY terse

-- calling pdp._mask() directly masks nothing and reveals nothing more
SELECT pdp._mask('0912345678'::text, 'mask_customers'::regclass, 3::int2);
SELECT pdp._mask(phone, 'mask_customers'::regclass, 3::int2) FROM mask_customers WHERE id = 1;

-- the audit trail: decision masked, with the masks used
RESET ROLE;
SELECT pdp.flush_audit();
SELECT decision, reason, columns, detail -> 'masked' AS masked
FROM pdp.audit_events
WHERE relation = 'public.mask_customers' AND decision IN ('masked', 'blocked')
GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3::text, 4::text;

-- superusers read in full
SET pdp.purpose = 'support_desk';
SELECT phone FROM mask_customers WHERE id = 1;
RESET pdp.purpose;

-- configuration: errors and checks
SELECT pdp.allow('support_desk', 'phone_number', mask => NULL);
SELECT pdp.allow('support_desk', 'phone_number', mask => 'Phone');
SELECT pdp.allow('support_desk', 'phone_number', mask => 'custom');
SELECT pdp.allow('support_desk', 'phone_number', mask => 'public.no_such_mask(text)');
CREATE FUNCTION public.mask_two(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT a';
SELECT pdp.allow('support_desk', 'phone_number', mask => 'public.mask_two(text, text)');
CREATE FUNCTION public.mask_tail(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT '#' || right(v, 2)$$;
-- without its own search_path, someone's right() or || could run in its place
SELECT pdp.allow('support_desk', 'phone_number', mask => 'public.mask_tail(text)');
ALTER FUNCTION public.mask_tail(text) SET search_path = pg_catalog;
ALTER FUNCTION public.mask_tail(text) OWNER TO regress_mask_owner;
SELECT pdp.allow('support_desk', 'phone_number', mask => 'public.mask_tail(text)');
ALTER FUNCTION public.mask_tail(text) OWNER TO pdp_admin;
SELECT pdp.allow('support_desk', 'phone_number', mask => 'public.mask_tail(text)');
SELECT pdp.allow('support_desk', 'phone_number', mask => 'public.mask_tail(text)');
SET ROLE regress_desk;
SET pdp.purpose = 'support_desk';
SELECT id, phone FROM mask_customers ORDER BY id;
-- the owner changes afterwards: refused at the next use
RESET ROLE;
ALTER FUNCTION public.mask_tail(text) OWNER TO regress_mask_owner;
SET ROLE regress_desk;
SELECT id, phone FROM mask_customers ORDER BY id;
RESET ROLE;
SELECT pdp.allow('support_desk', 'phone_number', mask => 'phone');
SELECT * FROM pdp.policy WHERE purpose IN ('support_desk', 'callback') AND category = 'phone_number' ORDER BY 1;
-- a non-admin cannot configure masks
SET ROLE regress_desk;
SELECT pdp.allow('support_desk', 'phone_number', mask => 'null');
SELECT pdp._mask_function_check('public.mask_tail(text)');
RESET ROLE;
RESET pdp.purpose;

-- a data subject's report says which purposes see their data masked
SECURITY LABEL FOR pdp_subject ON COLUMN mask_customers.id IS 'subject';
SELECT jsonb_path_query_first(pdp.subject_report('1'),
  '$.tables[*] ? (@.relation == "public.mask_customers").rows[0].phone') AS stored_phone_for_the_person;
SELECT p FROM jsonb_array_elements(pdp.subject_report('1') -> 'purposes') p
WHERE p ->> 'purpose' IN ('support_desk', 'callback') ORDER BY p::text;

-- a table protected row by row: pdp's row filter reads the subject as
-- stored (even when the subject column is itself masked), every other use
-- of it is masked
CREATE TABLE mask_rf (cid text PRIMARY KEY, phone text);
INSERT INTO mask_rf VALUES ('001203004567', '0912345678'), ('079190001234', '0987654321');
GRANT SELECT ON mask_rf TO regress_desk;
SELECT pdp.tag_column('mask_rf', 'phone', 'phone_number');
SELECT pdp.tag_column('mask_rf', 'cid', 'identity_number');
SELECT pdp.set_subject_column('mask_rf', 'cid'), pdp.protect_rows('mask_rf');
SET ROLE regress_desk;
SET pdp.purpose = 'support_desk';
SELECT count(*) FROM mask_rf;
SELECT cid, phone FROM mask_rf ORDER BY cid;
SELECT cid FROM mask_rf WHERE cid = '001203004567';
RESET ROLE;
RESET pdp.purpose;

-- a row-level policy or CHECK OPTION that reads a masked column: refused
-- (on masked values it would let through what the owner meant to hide)
CREATE TABLE mask_rls (id int, phone text);
INSERT INTO mask_rls VALUES (1, '0912345678'), (2, '0987654321');
SELECT pdp.tag_column('mask_rls', 'phone', 'phone_number');
ALTER TABLE mask_rls ENABLE ROW LEVEL SECURITY;
CREATE POLICY hide_one ON mask_rls USING (phone <> '0912345678');
GRANT SELECT, INSERT ON mask_rls TO regress_desk;
CREATE VIEW mask_checked AS SELECT * FROM mask_customers WHERE phone LIKE '09%' WITH CHECK OPTION;
GRANT SELECT, INSERT ON mask_checked TO regress_desk;
SET ROLE regress_desk;
SET pdp.purpose = 'support_desk';
SELECT id FROM mask_rls;
SELECT id FROM mask_rls WHERE phone IS NOT NULL;
INSERT INTO mask_checked (id, phone) VALUES (50, '0900000050');
RESET ROLE;
-- PostgreSQL's foreign-key checks compare stored keys: never masked; a
-- masked reader's statement that needs one on a masked key is refused
CREATE TABLE mask_parent (phone text PRIMARY KEY);
CREATE TABLE mask_child (id int, phone text REFERENCES mask_parent ON DELETE CASCADE);
INSERT INTO mask_parent VALUES ('0912345678');
INSERT INTO mask_child VALUES (1, '0912345678');
SELECT pdp.tag_column('mask_parent', 'phone', 'phone_number');
SELECT pdp.tag_column('mask_child', 'phone', 'phone_number');
GRANT SELECT, INSERT, DELETE ON mask_parent, mask_child TO regress_desk;
SET ROLE regress_desk;
SET pdp.purpose = 'support_desk';
INSERT INTO mask_child VALUES (2, '0912345678');
DELETE FROM mask_parent;
RESET ROLE;
RESET pdp.purpose;
SELECT count(*) AS children_kept FROM mask_child;
-- a masked value is never stored: not over the data, not as a copy
CREATE TABLE mask_calls (id int, phone text);
SELECT pdp.tag_column('mask_calls', 'phone', 'phone_number');
GRANT INSERT, SELECT ON mask_calls TO regress_desk;
SET ROLE regress_desk;
SET pdp.purpose = 'support_desk';
UPDATE mask_customers SET email = lower(email) WHERE id = 2;
INSERT INTO mask_customers (id, phone) VALUES (2, NULL)
ON CONFLICT (id) DO UPDATE SET phone = COALESCE(excluded.phone, mask_customers.phone);
INSERT INTO mask_calls SELECT id, phone FROM mask_customers;
UPDATE mask_customers SET note = 'called back' WHERE phone = '09** *** 321' RETURNING id, phone, note;
RESET ROLE;
RESET pdp.purpose;
SELECT id, phone, email, note FROM mask_customers WHERE id = 2;
-- a custom mask's search_path: pg_catalog only (pg_temp may follow)
ALTER FUNCTION public.mask_tail(text) SET search_path = public, pg_catalog;
ALTER FUNCTION public.mask_tail(text) OWNER TO pdp_admin;
SELECT pdp.allow('support_desk', 'phone_number', mask => 'public.mask_tail(text)');
ALTER FUNCTION public.mask_tail(text) SET search_path = pg_catalog, pg_temp;
SELECT pdp.allow('support_desk', 'phone_number', mask => 'public.mask_tail(text)');
SELECT pdp.allow('support_desk', 'phone_number', mask => 'phone');
-- what the executor evaluates over stored rows with built-in code (a
-- trigger function a superuser wrote, with the owner's WHEN; a CHECK; an
-- index expression): no mask can stand in, refused
CREATE TRIGGER mask_when BEFORE UPDATE ON mask_customers FOR EACH ROW
  WHEN ((OLD.email)::int < 0) EXECUTE FUNCTION suppress_redundant_updates_trigger();
SET ROLE regress_desk;
SET pdp.purpose = 'support_desk';
UPDATE mask_customers SET note = note WHERE id = 1;
RESET ROLE;
DROP TRIGGER mask_when ON mask_customers;
ALTER TABLE mask_customers ADD CONSTRAINT mask_probe CHECK (note IS DISTINCT FROM 'probe' OR email < 'b');
SET ROLE regress_desk;
UPDATE mask_customers SET note = 'probe' WHERE id = 2;
UPDATE mask_customers SET note = 'probe' WHERE id = 1;
RESET ROLE;
ALTER TABLE mask_customers DROP CONSTRAINT mask_probe;
SET ROLE regress_desk;
UPDATE mask_customers SET note = 'fine' WHERE id = 1;
RESET ROLE;
RESET pdp.purpose;
-- a refused write records no masked read
SELECT pdp.flush_audit();
SELECT decision, reason, count(*) FROM pdp.audit_events
WHERE relation = 'public.mask_customers' AND command = 'UPDATE' AND query LIKE '%lower(email)%'
GROUP BY 1, 2 ORDER BY 1, 2;
-- the table's owner under a masking purpose: utility commands that sort,
-- compare or keep stored values of a masked column are refused
SELECT pdp.grant_purpose('regress_mask_owner', 'support_desk');
GRANT CREATE ON SCHEMA public TO regress_mask_owner;
CREATE INDEX mask_customers_email ON mask_customers (email);
SET ROLE regress_mask_owner;
SET pdp.purpose = 'support_desk';
CLUSTER mask_customers USING mask_customers_email;
CREATE UNIQUE INDEX mask_customers_phone2 ON mask_customers (phone);
ALTER TABLE mask_customers ALTER COLUMN phone SET NOT NULL;
CREATE STATISTICS mask_st (mcv) ON phone, id FROM mask_customers;
RESET ROLE;
RESET pdp.purpose;
DROP INDEX mask_customers_email;
SET ROLE regress_mask_owner;
SET pdp.purpose = 'support_desk';
CREATE INDEX mask_customers_note ON mask_customers (note);
DROP INDEX mask_customers_note;
RESET ROLE;
RESET pdp.purpose;
REVOKE CREATE ON SCHEMA public FROM regress_mask_owner;
-- a parallel worker never evaluates pdp._mask(): the leader, which holds
-- the statement's decisions, does (the function is parallel restricted)
CREATE FUNCTION mask_plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS
$$DECLARE r text; BEGIN
  FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    RETURN NEXT regexp_replace(r, '''[0-9]+''::oid', '''<rel>''::oid');
  END LOOP; END$$;
SET ROLE regress_desk;
SET parallel_leader_participation = off;
SET pdp.purpose = 'support_desk';
SET force_parallel_mode = on;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SELECT mask_plan($$SELECT phone FROM mask_customers WHERE phone LIKE '09%'$$);
SELECT id, phone FROM mask_customers WHERE phone LIKE '09%' ORDER BY id;
SET pdp.purpose = 'callback';
SELECT id, phone FROM mask_customers WHERE phone LIKE '09%' ORDER BY id;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
RESET ROLE;
RESET pdp.purpose;
-- the policy tightened while a statement runs: no raw value, ever
SET pdp.mode = enforce;
BEGIN;
SET LOCAL ROLE regress_desk;
SET LOCAL pdp.purpose = 'support_desk';
DECLARE late CURSOR FOR SELECT id, phone, email FROM mask_customers ORDER BY id;
RESET ROLE;
SELECT pdp.disallow('support_desk', 'email_address');
SELECT pdp.revoke_purpose('regress_desk', 'support_desk');
SET LOCAL ROLE regress_desk;
FETCH ALL FROM late;
ROLLBACK;
-- masked values are not stored in a relation a query fills
RESET ROLE;
GRANT CREATE ON SCHEMA public TO regress_desk;
SET ROLE regress_desk;
SET pdp.purpose = 'support_desk';
CREATE TABLE mask_ctas AS SELECT id, phone FROM mask_customers;
SELECT id, phone INTO mask_into FROM mask_customers;
CREATE TABLE mask_ctas_ok AS SELECT id, note FROM mask_customers;
DROP TABLE mask_ctas_ok;
RESET ROLE;
REVOKE CREATE ON SCHEMA public FROM regress_desk;
-- ALTER TABLE builds unique and exclusion indexes by stored values too
SET ROLE regress_mask_owner;
ALTER TABLE mask_customers ADD CONSTRAINT mask_u UNIQUE (phone);
ALTER TABLE mask_customers ADD CONSTRAINT mask_x EXCLUDE USING btree (email WITH =);
RESET ROLE;
RESET pdp.purpose;
-- a partitioned table: the masks the statement fixed at its start hold for
-- the rows of every partition, whatever the policy says by the time they
-- are fetched
CREATE TABLE mask_pt (id int, phone text) PARTITION BY RANGE (id);
CREATE TABLE mask_pt1 PARTITION OF mask_pt FOR VALUES FROM (0) TO (10);
CREATE TABLE mask_pt2 PARTITION OF mask_pt FOR VALUES FROM (10) TO (20);
INSERT INTO mask_pt VALUES (1, '0912345678'), (11, '0987654321');
SELECT pdp.tag_column('mask_pt', 'phone', 'phone_number');
GRANT SELECT ON mask_pt TO regress_desk;
BEGIN;
SET LOCAL ROLE regress_desk;
SET LOCAL pdp.purpose = 'support_desk';
DECLARE pc CURSOR FOR SELECT id, phone FROM mask_pt ORDER BY id;
RESET ROLE;
SELECT pdp.allow('support_desk', 'phone_number');
SET LOCAL ROLE regress_desk;
FETCH ALL FROM pc;
ROLLBACK;
-- CREATE TABLE AS EXECUTE stores no masked value either
RESET ROLE;
GRANT CREATE ON SCHEMA public TO regress_desk;
SET ROLE regress_desk;
SET pdp.purpose = 'support_desk';
PREPARE fill AS SELECT id, phone FROM mask_customers;
CREATE TABLE mask_ctas_exec AS EXECUTE fill;
RESET ROLE;
REVOKE CREATE ON SCHEMA public FROM regress_desk;
-- a foreign key's first check compares stored keys
SET ROLE regress_mask_owner;
SET pdp.purpose = 'support_desk';
ALTER TABLE mask_customers ADD CONSTRAINT mask_fk FOREIGN KEY (phone) REFERENCES mask_parent (phone);
RESET ROLE;
RESET pdp.purpose;
