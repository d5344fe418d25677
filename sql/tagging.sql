-- Tagging columns: SECURITY LABEL and pdp.tag_column(), validation,
-- renames and drops, the personal_columns view.
\set VERBOSITY terse
SECURITY LABEL FOR pdp ON COLUMN customers.full_name IS 'full_name';
SECURITY LABEL FOR pdp ON COLUMN customers.phone IS 'phone_number';
SELECT pdp.tag_column('customers', 'national_id', 'identity_number');
SELECT pdp.tag_column('customers', 'income', 'banking_customer_info');
SELECT pdp.tag_column('customers', 'city', 'address');
SELECT * FROM pdp.personal_columns ORDER BY relation::text, column_name;

-- re-tagging replaces the category
SELECT pdp.tag_column('customers', 'city', 'loyalty_number');
SELECT category FROM pdp.personal_columns WHERE column_name = 'city';
SELECT pdp.tag_column('customers', 'city', 'address');

-- bad input
SECURITY LABEL FOR pdp ON COLUMN customers.phone IS 'no_such_category';
SELECT pdp.tag_column('customers', 'phone', 'no_such_category');
SECURITY LABEL FOR pdp ON TABLE customers IS 'full_name';
SECURITY LABEL FOR pdp ON SCHEMA public IS 'full_name';
SECURITY LABEL FOR pdp ON COLUMN customers.ctid IS 'full_name';
SELECT pdp.tag_column('customers', 'ctid', 'full_name');
SELECT pdp.tag_column('customers', 'no_such_column', 'full_name');
SELECT pdp.tag_column('no_such_table', 'phone', 'full_name');
SELECT pdp.tag_column(NULL, 'phone', 'full_name');
SELECT pdp.tag_column('customers', NULL, 'full_name');
SELECT pdp.tag_column('customers', 'phone', NULL);
CREATE SEQUENCE regress_seq;
SELECT pdp.tag_column('regress_seq', 'last_value', 'full_name');
SELECT pdp.tag_column('customers_phone_idx', 'phone', 'full_name');
CREATE TYPE regress_composite AS (a text);
SECURITY LABEL FOR pdp ON COLUMN regress_composite.a IS 'full_name';
SECURITY LABEL FOR no_such_provider ON COLUMN customers.phone IS 'full_name';

-- views and materialized views can be tagged
CREATE VIEW customer_contacts AS SELECT id, full_name AS name, phone AS contact FROM customers;
CREATE MATERIALIZED VIEW customer_cities AS SELECT id, city FROM customers;
SELECT pdp.tag_column('customer_contacts', 'contact', 'phone_number');
SELECT pdp.tag_column('customer_cities', 'city', 'address');
SELECT * FROM pdp.personal_columns WHERE relation::text LIKE 'customer_c%' ORDER BY 1, 2;

-- only pdp_admin members and superusers tag or untag, even as table owner
CREATE TABLE regress_owned (id int, secret text);
ALTER TABLE regress_owned OWNER TO regress_other;
SET ROLE regress_other;
SECURITY LABEL FOR pdp ON COLUMN regress_owned.secret IS 'full_name';
SELECT pdp.tag_column('regress_owned', 'secret', 'full_name');
SELECT pdp.untag_column('customers', 'phone');
SECURITY LABEL FOR pdp ON COLUMN customers.phone IS NULL;
RESET ROLE;
SET ROLE regress_admin;
SELECT pdp.tag_column('regress_owned', 'secret', 'full_name');
SELECT pdp.untag_column('regress_owned', 'secret');
SELECT pdp.untag_column('regress_owned', 'secret');   -- nothing left: false
RESET ROLE;

-- tags follow renames and vanish with dropped columns
CREATE TABLE regress_people (id int, nm text, mobile text);
SELECT pdp.tag_column('regress_people', 'nm', 'full_name');
SELECT pdp.tag_column('regress_people', 'mobile', 'phone_number');
ALTER TABLE regress_people RENAME COLUMN nm TO person_name;
ALTER TABLE regress_people DROP COLUMN mobile;
ALTER TABLE regress_people ADD COLUMN mobile text;
SELECT column_name, category FROM pdp.personal_columns
WHERE relation = 'regress_people'::regclass ORDER BY 1;
DROP TABLE regress_people;
SELECT count(*) FROM pg_seclabel WHERE provider = 'pdp' AND objoid NOT IN (SELECT oid FROM pg_class);

-- restoring a dump (check_function_bodies off) labels columns before the
-- custom categories are loaded: accepted, and counted as sensitive until defined
SET check_function_bodies = off;   -- as pg_dump output does
CREATE TABLE regress_restore (x text);
SECURITY LABEL FOR pdp ON COLUMN regress_restore.x IS 'defined_later';
SELECT category, sensitive FROM pdp.personal_columns WHERE relation = 'regress_restore'::regclass;
RESET check_function_bodies;
DROP TABLE regress_restore;
