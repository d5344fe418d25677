-- Shared fixtures for the pdp regression suites: roles and a small
-- fictional retail schema.  pg_regress has created the extension.
\set VERBOSITY terse
CREATE ROLE regress_admin LOGIN;
GRANT pdp_admin TO regress_admin;
CREATE ROLE regress_app LOGIN;          -- an application role
CREATE ROLE regress_clerk LOGIN;        -- member of a group granted a purpose
CREATE ROLE regress_support NOLOGIN;    -- the group
GRANT regress_support TO regress_clerk;
CREATE ROLE regress_other LOGIN;        -- no purpose, no pdp rights

CREATE TABLE customers (
    id          int PRIMARY KEY,
    full_name   text NOT NULL,
    phone       text,
    national_id text,
    income      numeric,
    city        text,
    created_at  date DEFAULT '2026-01-01'
);
CREATE INDEX customers_phone_idx ON customers (phone);
CREATE TABLE orders (
    id          int PRIMARY KEY,
    customer_id int REFERENCES customers (id),
    amount      numeric,
    note        text
);
INSERT INTO customers
SELECT g, 'Customer ' || g, '09' || lpad(g::text, 8, '0'), 'ID' || lpad(g::text, 9, '0'),
       1000 * g, (ARRAY['Hanoi', 'Hue', 'Da Nang'])[1 + g % 3], '2026-01-01'
FROM generate_series(1, 30) g;
INSERT INTO orders SELECT g, 1 + g % 30, g * 10, 'order ' || g FROM generate_series(1, 60) g;
ANALYZE customers, orders;
GRANT SELECT, INSERT, UPDATE, DELETE ON customers, orders TO PUBLIC;

-- default taxonomy is loaded: the 29 categories of Decree 356/2025
-- (data/vn-decree-356-2025.csv), all built-in
SELECT count(*) AS categories, count(*) FILTER (WHERE sensitive) AS sensitive,
       count(*) FILTER (WHERE builtin) AS builtin, count(previous_ref) AS carried_over
FROM pdp.category;
SELECT name, sensitive, legal_ref, previous_ref FROM pdp.category
ORDER BY sensitive, name;
SHOW pdp.mode;
SHOW pdp.purpose;
-- The suites check statement records of allowed reads (pdp.log_allowed =
-- statement); suite summary checks the default, summaries.
SELECT boot_val FROM pg_settings WHERE name = 'pdp.log_allowed';
DO $$ BEGIN
    EXECUTE format('ALTER DATABASE %I SET pdp.log_allowed = statement', current_database());
END $$;
