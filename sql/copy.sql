-- COPY table TO and COPY (query) TO read data; COPY FROM only writes.
\set VERBOSITY terse
SET pdp.mode = enforce;
SET ROLE regress_app;
SET pdp.purpose = 'billing';
COPY customers (id, city) TO STDOUT WITH (FORMAT csv);
COPY customers (id, full_name, phone) TO STDOUT WITH (FORMAT csv);
COPY customers TO STDOUT;
COPY customers (id, income) TO STDOUT;
COPY (SELECT id, national_id FROM customers) TO STDOUT;
COPY (SELECT id, full_name FROM customers WHERE id < 3) TO STDOUT;
COPY (SELECT count(*) FROM customers WHERE income > 0) TO STDOUT;
COPY orders (id, note) FROM STDIN;
1000	copied in
\.
RESET pdp.purpose;
COPY customers (id) TO STDOUT WITH (FORMAT csv, HEADER false) ;
COPY customers (full_name) TO STDOUT;
RESET ROLE;

-- with row-level security, COPY runs a query, which is checked instead
CREATE TABLE secured (id int, owner name, phone text);
INSERT INTO secured VALUES (1, 'regress_app', '0901'), (2, 'regress_other', '0902');
ALTER TABLE secured ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON secured USING (owner = current_user);
GRANT SELECT ON secured TO regress_app;
SELECT pdp.tag_column('secured', 'phone', 'phone_number');
SET ROLE regress_app;
SET pdp.purpose = 'billing';
COPY secured TO STDOUT;
SET pdp.purpose = 'marketing';
COPY secured TO STDOUT;
COPY secured (id) TO STDOUT;
RESET ROLE;
RESET pdp.purpose;
DROP TABLE secured;
