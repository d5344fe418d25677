-- A role that may create schemas in a database where pdp is not installed
-- plants a schema "pdp" with tables of its own shape.  pdp must not read
-- them as its configuration (it crashed reading an int as a name), nor
-- write audit events into them, and CREATE EXTENSION must not adopt the
-- planted schema.
CREATE ROLE pdp_planter;
CREATE DATABASE pdp_planted OWNER pdp_planter;
\c pdp_planted
SET ROLE pdp_planter;
CREATE SCHEMA pdp;
CREATE TABLE pdp.category (name int, sensitive int);
CREATE TABLE pdp.purpose (name int, description int, legal_basis int);
CREATE TABLE pdp.purpose_category (purpose int, category int);
CREATE TABLE pdp.purpose_role (purpose int, role int);
CREATE TABLE pdp.purpose_limit (purpose int, role int, max_rows int, max_day int);
CREATE TABLE pdp.consent (subject int);
CREATE TABLE pdp.audit_log (id int);
INSERT INTO pdp.category VALUES (12345, 1);
INSERT INTO pdp.purpose VALUES (12345, 1, 1);
CREATE TABLE people (phone text);
INSERT INTO people VALUES ('0901');
RESET ROLE;
-- pdp sees no extension here: tagging is refused, reads are not checked
SECURITY LABEL FOR pdp ON COLUMN people.phone IS 'phone_number';
SET pdp.purpose = 'billing';
SELECT phone FROM people;
RESET pdp.purpose;
-- and the extension does not move into a schema another role owns
CREATE EXTENSION pdp;
SELECT count(*) AS installed FROM pg_extension WHERE extname = 'pdp';
\c contrib_regression
DROP DATABASE pdp_planted;
DROP ROLE pdp_planter;
