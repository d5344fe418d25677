-- Views (only the columns really used through the view count), SQL and
-- PL/pgSQL functions, SECURITY DEFINER functions and views owned by a
-- superuser: none of them is a way around the policy.
\set VERBOSITY terse
SET pdp.mode = enforce;
CREATE VIEW customer_overview AS
    SELECT id, full_name, national_id, income, city FROM customers;
CREATE VIEW customer_overview_sb WITH (security_barrier) AS
    SELECT id, full_name, national_id FROM customers WHERE id < 10;
GRANT SELECT ON customer_overview, customer_overview_sb, customer_contacts, customer_cities TO regress_app;

SET ROLE regress_app;
SET pdp.purpose = 'billing';
SELECT id, full_name FROM customer_overview WHERE id = 1;
SELECT national_id FROM customer_overview WHERE id = 1;
SELECT count(*) FROM customer_overview WHERE income > 0;
SELECT count(*) FROM customer_overview;
SELECT * FROM customer_overview WHERE id = 1;
SELECT v FROM customer_overview v WHERE id = 1;
SELECT id, full_name FROM customer_overview_sb WHERE id = 1;
SELECT national_id FROM customer_overview_sb WHERE id = 1;
-- a materialized view is read like a table
SELECT id FROM customer_cities WHERE id = 1;
SELECT city FROM customer_cities WHERE id = 1;
-- a tag on the view's own column counts too
SELECT name FROM customer_contacts WHERE id = 1;
RESET ROLE;
SELECT pdp.tag_column('customer_contacts', 'name', 'health_record');
SET ROLE regress_app;
SELECT name FROM customer_contacts WHERE id = 1;
SELECT id FROM customer_contacts WHERE id = 1;
RESET ROLE;
SELECT pdp.untag_column('customer_contacts', 'name');

-- functions
CREATE FUNCTION income_of(int) RETURNS numeric LANGUAGE sql STABLE
    AS 'SELECT income FROM customers WHERE id = $1';
CREATE FUNCTION name_of(int) RETURNS text LANGUAGE sql STABLE
    AS 'SELECT full_name FROM customers WHERE id = $1';
CREATE FUNCTION income_plpgsql(int) RETURNS numeric LANGUAGE plpgsql STABLE
    AS 'BEGIN RETURN (SELECT income FROM customers WHERE id = $1); END';
CREATE FUNCTION income_definer(int) RETURNS numeric LANGUAGE plpgsql STABLE
    SECURITY DEFINER SET search_path = public, pg_temp
    AS 'BEGIN RETURN (SELECT income FROM customers WHERE id = $1); END';
CREATE FUNCTION incomes_setof() RETURNS SETOF numeric LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = public, pg_temp
    AS 'SELECT income FROM customers';
CREATE FUNCTION dynamic_read(col text) RETURNS text LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp
    AS 'DECLARE r text; BEGIN EXECUTE format(''SELECT %I::text FROM customers WHERE id = 1'', col) INTO r; RETURN r; END';
CREATE VIEW superuser_view AS SELECT id, income FROM customers;
GRANT SELECT ON superuser_view TO regress_app;

SET ROLE regress_app;
SELECT income_of(1);
SELECT name_of(1);
SELECT income_plpgsql(1);
SELECT income_definer(1);
SELECT count(*) FROM incomes_setof();
SELECT dynamic_read('national_id');
SELECT dynamic_read('full_name');
SELECT income FROM superuser_view WHERE id = 1;
SELECT id FROM superuser_view WHERE id = 1;
DO $$ BEGIN PERFORM income FROM customers; END $$;
DO $$ BEGIN PERFORM full_name FROM customers; END $$;
RESET ROLE;
