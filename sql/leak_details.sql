-- Error details do not carry tagged values the statement may not read:
-- rows (NOT NULL, CHECK, check-option views, partition constraints) and
-- keys (unique, exclusion, foreign keys both ways, partition routing), in
-- DML, ON CONFLICT, triggers, PL/pgSQL handlers and COPY FROM; as a role
-- with no purpose, a purpose not allowed the category, an allowed purpose,
-- the table owner and a superuser; in enforce and log; each rewrite
-- recorded as a "redacted" access event.
\set VERBOSITY default
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset

-- purposes of this suite: ld_partial (names and phones), ld_audit
-- (names, identity and banking), ld_all (address, later everything)
CREATE ROLE regress_ld_owner LOGIN;
SELECT pdp.define_purpose('ld_partial', 'Leak tests: names and phones', 'contract'),
       pdp.define_purpose('ld_audit', 'Leak tests: identity', 'legal_obligation'),
       pdp.define_purpose('ld_all', 'Leak tests: all', 'contract');
SELECT pdp.allow('ld_partial', 'full_name'), pdp.allow('ld_partial', 'phone_number'),
       pdp.allow('ld_audit', 'full_name'), pdp.allow('ld_audit', 'identity_number'),
       pdp.allow('ld_audit', 'banking_customer_info'), pdp.allow('ld_all', 'address');
SELECT pdp.grant_purpose('regress_ld_owner', 'ld_audit'),
       pdp.grant_purpose('regress_app', 'ld_partial'),
       pdp.grant_purpose('regress_clerk', 'ld_all');
CREATE TABLE ld_people (
    id          int PRIMARY KEY,
    name        text NOT NULL,
    national_id text UNIQUE,
    phone       text CONSTRAINT ld_phone_check CHECK (phone LIKE '09%'),
    income      numeric CONSTRAINT ld_income_check CHECK (income >= 0),
    city        text,
    note        text
);
SELECT pdp.tag_column('ld_people', 'name', 'full_name'),
       pdp.tag_column('ld_people', 'national_id', 'identity_number'),
       pdp.tag_column('ld_people', 'phone', 'phone_number'),
       pdp.tag_column('ld_people', 'income', 'banking_customer_info'),
       pdp.tag_column('ld_people', 'city', 'address');
INSERT INTO ld_people VALUES
    (1, 'Nguyen Van A', 'VN001122334455', '0901111111', 12345678, 'Hanoi', 'n1'),
    (2, 'Tran Thi B', 'VN009988776655', '0902222222', 87654321, 'Hue', 'n2'),
    (3, 'Le, Van C', 'VN005555555555', '0903333333', 5, 'Hanoi, Ba Dinh', 'n3');
-- a foreign key on a tagged column, both ways
CREATE TABLE ld_docs (
    doc_id int PRIMARY KEY,
    holder text REFERENCES ld_people (national_id)
);
SELECT pdp.tag_column('ld_docs', 'holder', 'identity_number');
INSERT INTO ld_docs VALUES (10, 'VN001122334455');
-- an exclusion constraint and an expression index on tagged columns
CREATE TABLE ld_accounts (
    id     int,
    iban   text,
    phone  text,
    EXCLUDE USING btree (iban WITH =)
);
CREATE UNIQUE INDEX ld_accounts_phone ON ld_accounts (lower(phone));
SELECT pdp.tag_column('ld_accounts', 'iban', 'banking_customer_info'),
       pdp.tag_column('ld_accounts', 'phone', 'phone_number');
INSERT INTO ld_accounts VALUES (1, 'VN12BANK0001', '0901111111');
-- a view with a check option
CREATE VIEW ld_hanoi AS SELECT * FROM ld_people WHERE city = 'Hanoi'
    WITH CHECK OPTION;
-- a partitioned table; one partition has its columns in another order
CREATE TABLE ld_regions (id int NOT NULL, region text, nid text)
    PARTITION BY LIST (region);
CREATE TABLE ld_regions_n PARTITION OF ld_regions FOR VALUES IN ('North');
CREATE TABLE ld_regions_s (nid text, region text, id int NOT NULL);
ALTER TABLE ld_regions ATTACH PARTITION ld_regions_s FOR VALUES IN ('South');
SELECT pdp.tag_column('ld_regions', 'region', 'address'),
       pdp.tag_column('ld_regions', 'nid', 'identity_number');
INSERT INTO ld_regions VALUES (1, 'North', 'VN001122334455'), (2, 'South', 'VN009988776655');
-- inheritance: a child with one more column, shown in the parent's layout
CREATE TABLE ld_base (id int NOT NULL, nid text);
CREATE TABLE ld_child (extra text) INHERITS (ld_base);
SELECT pdp.tag_column('ld_base', 'nid', 'identity_number'),
       pdp.tag_column('ld_child', 'nid', 'identity_number');
INSERT INTO ld_child VALUES (1, 'VN1, VN2', 'plain');
-- deferred checks: a unique key and a foreign key checked at commit
CREATE TABLE ld_cards (
    id     int PRIMARY KEY,
    card   text UNIQUE DEFERRABLE INITIALLY DEFERRED,
    holder text REFERENCES ld_people (national_id) DEFERRABLE INITIALLY DEFERRED
);
SELECT pdp.tag_column('ld_cards', 'card', 'banking_customer_info'),
       pdp.tag_column('ld_cards', 'holder', 'identity_number');
INSERT INTO ld_cards VALUES (1, '4111-1111', 'VN009988776655'), (2, '4222-2222', NULL);
-- a trigger that writes into a tagged table
CREATE TABLE ld_log (id int);
CREATE FUNCTION ld_copy_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ld_people SET income = -NEW.id WHERE id = 2;
    RETURN NEW;
END $$;
CREATE TRIGGER ld_copy AFTER INSERT ON ld_log FOR EACH ROW EXECUTE FUNCTION ld_copy_person();
GRANT SELECT, INSERT, UPDATE, DELETE ON ld_people, ld_docs, ld_accounts, ld_hanoi,
    ld_regions, ld_regions_n, ld_regions_s, ld_log, ld_base, ld_child, ld_cards TO PUBLIC;
ALTER TABLE ld_people OWNER TO regress_ld_owner;
GRANT CREATE ON SCHEMA public TO regress_ld_owner;

SET pdp.mode = enforce;

-- 1. no purpose: every tagged value is left out, the event is recorded
SET ROLE regress_other;
RESET pdp.purpose;
-- NOT NULL (the example of the issue) and CHECK
UPDATE ld_people SET id = NULL WHERE id = 1;
UPDATE ld_people SET name = NULL WHERE id = 2;
UPDATE ld_people SET income = -1 WHERE id = 1;
UPDATE ld_people SET note = 'x', phone = 'x' WHERE id = 2;
INSERT INTO ld_people (id, name, phone) VALUES (4, 'New', 'bad');
-- values with ", " in them: the row cannot be read unambiguously, all withheld
UPDATE ld_people SET id = NULL WHERE id = 3;
-- check option view
UPDATE ld_hanoi SET city = 'Hue' WHERE id = 1;
-- unique, exclusion, expression index
UPDATE ld_people SET national_id = 'VN009988776655' WHERE id = 1;
INSERT INTO ld_accounts VALUES (2, 'VN12BANK0001', '0909999999');
INSERT INTO ld_accounts VALUES (3, 'VN12BANK0003', '0901111111');
-- ON CONFLICT: the existing row's values in the failing row
INSERT INTO ld_people (id, name) VALUES (1, 'x')
    ON CONFLICT (id) DO UPDATE SET income = -1;
INSERT INTO ld_people (id, name, national_id) VALUES (9, 'x', 'VN001122334455')
    ON CONFLICT (id) DO NOTHING;
-- foreign keys, both ways
DELETE FROM ld_people WHERE id = 1;
UPDATE ld_people SET national_id = 'VN0' WHERE id = 1;
INSERT INTO ld_docs VALUES (11, 'VN123');
-- partitions: routing, partition constraint, NOT NULL in another layout
INSERT INTO ld_regions VALUES (3, 'East', 'VN3');
UPDATE ld_regions SET region = 'West' WHERE id = 1;
INSERT INTO ld_regions_n VALUES (4, 'South', 'VN4');
UPDATE ld_regions SET id = NULL WHERE id = 2;
UPDATE ld_regions_s SET id = NULL WHERE id = 2;
-- an inherited UPDATE shows the child's row in the parent's layout
UPDATE ld_base SET id = NULL;
UPDATE ld_child SET id = NULL;
-- deferred: at commit, and at SET CONSTRAINTS inside a handler
UPDATE ld_cards SET card = '4111-1111' WHERE id = 2;
BEGIN;
UPDATE ld_cards SET card = '4111-1111' WHERE id = 2;
COMMIT;
BEGIN;
UPDATE ld_cards SET card = '4111-1111' WHERE id = 2;
DO $$
DECLARE d text;
BEGIN
    SET CONSTRAINTS ALL IMMEDIATE;
EXCEPTION WHEN others THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
    RAISE NOTICE 'caught: %', d;
END $$;
ROLLBACK;
-- a trigger's statement, and a PL/pgSQL handler reading the detail
INSERT INTO ld_log VALUES (7);
DO $$
DECLARE d text;
BEGIN
    UPDATE ld_people SET id = NULL WHERE id = 2;
EXCEPTION WHEN others THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
    RAISE NOTICE 'caught: %', d;
END $$;
-- COPY FROM
COPY ld_people (id, name, national_id) FROM STDIN;
5	\N	VN777
\.
COPY ld_regions FROM STDIN;
6	Central	VN6
\.
-- the values are still in the table, untouched
RESET ROLE;
SELECT id, national_id, income FROM ld_people ORDER BY id;

-- 2. a purpose the role holds that may not read some categories
-- (ld_partial: full_name and phone_number only): those two are shown
SET ROLE regress_app;
SET pdp.purpose = 'ld_partial';
UPDATE ld_people SET id = NULL WHERE id = 1;
UPDATE ld_people SET income = -1 WHERE id = 2;
UPDATE ld_hanoi SET city = 'Hue' WHERE id = 1;
DELETE FROM ld_people WHERE id = 1;
INSERT INTO ld_accounts VALUES (3, 'VN12BANK0003', '0901111111');
INSERT INTO ld_accounts VALUES (2, 'VN12BANK0001', '0909999999');
-- a purpose not granted to the role: nothing tagged is shown
SET pdp.purpose = 'ld_audit';
UPDATE ld_people SET id = NULL WHERE id = 1;

-- 3. the table owner, no purpose, then its purpose ld_audit (identity,
-- banking and names; not phone or address)
RESET ROLE;
SET ROLE regress_ld_owner;
RESET pdp.purpose;
UPDATE ld_people SET id = NULL WHERE id = 1;
ALTER TABLE ld_people ADD CONSTRAINT ld_note CHECK (note <> 'forbidden') NOT VALID;
UPDATE ld_people SET note = 'forbidden' WHERE id = 2;
SET pdp.purpose = 'ld_audit';
UPDATE ld_people SET id = NULL WHERE id = 1;
DELETE FROM ld_people WHERE id = 1;
UPDATE ld_people SET id = NULL WHERE id = 3;
-- owner DDL that checks existing rows: a unique index over duplicates
RESET pdp.purpose;
UPDATE ld_people SET city = 'Hanoi' WHERE id = 2;
CREATE UNIQUE INDEX ld_city ON ld_people (city);
ALTER TABLE ld_people ADD CONSTRAINT ld_city_key UNIQUE (city);
-- under ld_audit the income is shown, the city is not
SET pdp.purpose = 'ld_audit';
CREATE UNIQUE INDEX ld_inc ON ld_people ((income > 0));
CREATE UNIQUE INDEX ld_city ON ld_people (lower(city));

-- 4. a purpose allowed every category the detail holds: nothing withheld
RESET ROLE;
SET ROLE regress_clerk;
SET pdp.purpose = 'ld_all';
-- address but not identity: each value under its own column, whatever the
-- partition's column order (the row is shown in the parent's layout)
UPDATE ld_regions SET id = NULL WHERE id = 2;
UPDATE ld_regions_s SET id = NULL WHERE id = 2;
RESET ROLE;
SELECT pdp.allow('ld_all', 'identity_number'), pdp.allow('ld_all', 'banking_customer_info'),
       pdp.allow('ld_all', 'full_name'), pdp.allow('ld_all', 'phone_number');
SET ROLE regress_clerk;
UPDATE ld_people SET id = NULL WHERE id = 1;
UPDATE ld_people SET id = NULL WHERE id = 3;
DELETE FROM ld_people WHERE id = 1;
INSERT INTO ld_accounts VALUES (2, 'VN12BANK0001', '0909999999');
INSERT INTO ld_regions VALUES (3, 'East', 'VN3');
UPDATE ld_hanoi SET city = 'Hue' WHERE id = 1;
BEGIN;
UPDATE ld_cards SET card = '4111-1111' WHERE id = 2;
COMMIT;
RESET ROLE;

-- 5. superuser: bypass, sees everything
RESET pdp.purpose;
UPDATE ld_people SET id = NULL WHERE id = 1;

-- 6. log mode: the values are withheld all the same (an error detail is
-- not a read the statement made), the event recorded
SET pdp.mode = log;
SET ROLE regress_other;
UPDATE ld_people SET id = NULL WHERE id = 1;
INSERT INTO ld_accounts VALUES (2, 'VN12BANK0001', '0909999999');
UPDATE ld_hanoi SET city = 'Hue' WHERE id = 1;
DELETE FROM ld_people WHERE id = 1;
INSERT INTO ld_docs VALUES (11, 'VN123');
UPDATE ld_cards SET holder = 'VN404' WHERE id = 2;
SET ROLE regress_app;
SET pdp.purpose = 'ld_partial';
UPDATE ld_people SET income = -1 WHERE id = 2;
UPDATE ld_hanoi SET city = 'Hue' WHERE id = 1;
DELETE FROM ld_people WHERE id = 1;
RESET ROLE;
RESET pdp.purpose;
SET pdp.mode = enforce;

-- the events: one per rewrite, with the reason of the first withheld column
SELECT pdp.flush_audit();
SELECT decision, reason, role, purpose, command, relation, columns,
       categories, sensitive
FROM pdp.audit_log WHERE id > :mark AND decision = 'redacted' ORDER BY id;

DROP TABLE ld_docs, ld_accounts, ld_regions, ld_log, ld_base, ld_child, ld_cards;
DROP VIEW ld_hanoi;
DROP TABLE ld_people;
DROP FUNCTION ld_copy_person();
SELECT pdp.drop_purpose('ld_partial'), pdp.drop_purpose('ld_audit'), pdp.drop_purpose('ld_all');
REVOKE CREATE ON SCHEMA public FROM regress_ld_owner;
DROP ROLE regress_ld_owner;

-- values and column names made to look like another layout, a partial row
-- or another key: no value is ever picked out of the text
RESET ROLE;
SET pdp.mode = enforce;
CREATE TABLE ld_fake (x text, y text, s text, z text CHECK (z <> 'boom'), "a) = (" text);
SELECT pdp.tag_column('ld_fake', 's', 'identity_number');
CREATE UNIQUE INDEX ld_fake_s ON ld_fake (s);
INSERT INTO ld_fake VALUES ('a', 'b', 'TOPSECRET-88', 'zz', 'k');
GRANT SELECT, INSERT, UPDATE ON ld_fake TO regress_other;
CREATE TEMP TABLE ld_wide (a text, b text, c text, d text, e text, f text, g text, h text);
GRANT ALL ON ld_wide TO regress_other;
SET ROLE regress_other;
UPDATE ld_fake SET x = 'x', y = 'y, z) = (q', z = 'boom';
UPDATE ld_fake SET z = 'boom', x = 'p, q, r, s, t';
WITH w AS (INSERT INTO ld_wide VALUES ('1', '2', '3', '4', '5', '6', '7', '8') RETURNING 1)
UPDATE ld_fake SET z = 'boom', y = 'a, b, c' FROM w;
INSERT INTO ld_fake (s, z) VALUES ('TOPSECRET-88', 'ok');
RESET ROLE;
REINDEX TABLE ld_fake;
DROP TABLE ld_fake;
