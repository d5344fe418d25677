-- A tag on a partitioned table's column covers every partition, attached
-- before or after, whether the query names the parent or a partition.
\set VERBOSITY terse
CREATE TABLE contracts (id int, region text, holder_name text, holder_phone text)
    PARTITION BY LIST (region);
CREATE TABLE contracts_north PARTITION OF contracts FOR VALUES IN ('north');
CREATE TABLE contracts_south PARTITION OF contracts FOR VALUES IN ('south')
    PARTITION BY RANGE (id);
CREATE TABLE contracts_south_1 PARTITION OF contracts_south FOR VALUES FROM (0) TO (100);
GRANT SELECT, UPDATE ON contracts, contracts_north, contracts_south, contracts_south_1 TO regress_app;
INSERT INTO contracts VALUES (1, 'north', 'An', '0901'), (2, 'south', 'Binh', '0902');
SELECT pdp.tag_column('contracts', 'holder_name', 'full_name');
SELECT pdp.tag_column('contracts', 'holder_phone', 'identity_number');   -- refused under billing

SET pdp.mode = enforce;
SET ROLE regress_app;
SET pdp.purpose = 'billing';
SELECT holder_name FROM contracts ORDER BY id;
SELECT holder_phone FROM contracts;
SELECT holder_phone FROM contracts_north;
SELECT holder_phone FROM contracts_south_1;
SELECT holder_phone FROM ONLY contracts_south_1;
SELECT count(*) FROM contracts WHERE holder_phone LIKE '09%';
SELECT count(*) FROM contracts;
SELECT * FROM contracts_south;
RESET ROLE;

-- a partition attached later, with its columns in another order
CREATE TABLE contracts_east (holder_phone text, extra int, holder_name text, region text, id int);
ALTER TABLE contracts_east DROP COLUMN extra;
INSERT INTO contracts_east VALUES ('0903', 'Chi', 'east', 3);
ALTER TABLE contracts ATTACH PARTITION contracts_east FOR VALUES IN ('east');
GRANT SELECT ON contracts_east TO regress_app;
SET ROLE regress_app;
SELECT holder_phone FROM contracts_east;
SELECT holder_name FROM contracts_east;
SELECT holder_phone FROM contracts WHERE region = 'east';
RESET ROLE;
SELECT relation, column_name, category, inherited_from FROM pdp.personal_columns
WHERE relation::text LIKE 'contracts%' ORDER BY 1, 2;

-- detached, it keeps what it inherited, as its own tags
ALTER TABLE contracts DETACH PARTITION contracts_east;
SET ROLE regress_app;
SELECT holder_phone FROM contracts_east;
RESET ROLE;
-- a partition's own tag wins over the parent's
SELECT pdp.tag_column('contracts_north', 'holder_phone', 'phone_number');
SET ROLE regress_app;
SELECT holder_phone FROM contracts_north;
SELECT holder_phone FROM contracts_south_1;
RESET ROLE;
