-- The pdp guided tour: a small retail shop, its customer list, and who may
-- read what for which purpose.  Run by `make demo`.
\pset footer off
\set VERBOSITY default
\echo
\echo '=== pdp tour: purpose-bound access to personal data ==='
\echo
\echo '1. A retail shop keeps a customer list: names, phones, national ID numbers, incomes.'
CREATE EXTENSION pdp;
CREATE TABLE customers (
    id          int PRIMARY KEY,
    full_name   text,
    phone       text,
    national_id text,
    income      numeric,
    city        text
);
INSERT INTO customers VALUES
    (1, 'Nguyen Van An',   '0912 345 678', '001099012345', 18000000, 'Hanoi'),
    (2, 'Tran Thi Binh',   '0987 654 321', '079188004321', 25000000, 'Ho Chi Minh City'),
    (3, 'Le Hoang Cuong',  '0903 111 222', '048077009876', 12000000, 'Da Nang'),
    (4, 'Pham Minh Duc',   '0935 222 333', '031092001111', 40000000, 'Hai Phong'),
    (5, 'Hoang Thu Ha',    '0977 333 444', '001190005555', 15000000, 'Hanoi');
SELECT * FROM customers;

\echo '   And a contact list imported from an old system, its columns named c1 to c4.'
CREATE TABLE legacy_contacts (id int PRIMARY KEY, c1 text, c2 text, c3 text, c4 int);
INSERT INTO legacy_contacts
SELECT g,
       (ARRAY['Nguyễn','Trần','Lê','Phạm','Vũ'])[1 + g % 5] || ' ' ||
       (ARRAY['Văn','Thị','Minh'])[1 + g % 3] || ' ' || (ARRAY['An','Bình','Hà','Lan'])[1 + g % 4],
       '+84 ' || (ARRAY['91','98','35','77','86'])[1 + g % 5] || ' ' || lpad((g * 7919 % 10000000)::text, 7, '0'),
       'khach' || g || '@example.vn',
       2020 + g % 6
FROM generate_series(1, 60) g;

\echo '   Where is the personal data?  Discovery suggests categories from column names and a'
\echo '   sample of values (it never shows a value); accepted = confidence of 0.8 or more.'
SELECT relation, column_name, category, confidence, accepted, evidence
FROM pdp.discover() ORDER BY relation::text, column_name;
\echo '   The DBA accepts the suggestions for the imported list: each tag is recorded as'
\echo '   "suggested by discovery", with its evidence.  (Sampling is audited too.)'
SELECT relation, column_name, category, tagged
FROM pdp.discover(relations => ARRAY['legacy_contacts'::regclass], accept => true);

\echo '2. The DBA tags the personal columns with categories from the Decree 356/2025 taxonomy (the law in force since 2026-01-01).'
\echo '   (phone_number and identity_number are basic data; banking_customer_info is sensitive.)'
SECURITY LABEL FOR pdp ON COLUMN customers.full_name IS 'full_name';
SECURITY LABEL FOR pdp ON COLUMN customers.phone IS 'phone_number';
SELECT pdp.tag_column('customers', 'national_id', 'identity_number'),
       pdp.tag_column('customers', 'income', 'banking_customer_info') \g /dev/null
SELECT * FROM pdp.personal_columns;

\echo '3. Purposes, with their legal basis, and what each may read.'
SELECT pdp.define_purpose('billing', 'Invoices and payment reminders', 'contract'),
       pdp.define_purpose('marketing', 'Newsletters and offers', 'consent') \g /dev/null
SELECT name, legal_basis, description FROM pdp.purpose ORDER BY name;
SELECT pdp.allow('billing', 'full_name'), pdp.allow('billing', 'phone_number'),
       pdp.allow('marketing', 'full_name');
SELECT * FROM pdp.policy ORDER BY 1, 2;

\echo '4. Which roles may act under which purposes.'
CREATE ROLE billing_app LOGIN;
CREATE ROLE marketing_app LOGIN;
GRANT SELECT ON customers TO billing_app, marketing_app;
SELECT pdp.grant_purpose('billing_app', 'billing'), pdp.grant_purpose('marketing_app', 'marketing');
SELECT * FROM pdp.purpose_grants ORDER BY 1, 2;

\echo '5. Roll out in log mode (the default): nothing breaks, every violation is recorded.'
SHOW pdp.mode;
SET ROLE marketing_app;
SET pdp.purpose = 'marketing';
SELECT full_name, phone FROM customers WHERE city = 'Hanoi';
RESET ROLE;
\echo '   The audit trail has it (written by a background worker; flush_audit() waits for it):'
SELECT pdp.flush_audit() \g /dev/null
SELECT role, purpose, decision, reason, relation, columns, rows, records_read
FROM pdp.violations;

\echo '6. Switch to enforce (superusers only; ALTER DATABASE ... SET pdp.mode = enforce in production).'
SET pdp.mode = enforce;
\echo
\echo '   billing_app, working under purpose billing, reads names and phones: allowed.'
SET ROLE billing_app;
SET pdp.purpose = 'billing';
SELECT id, full_name, phone FROM customers ORDER BY id;
\echo '   The same role tries the national ID numbers: refused before a single row leaves.'
SELECT full_name, national_id FROM customers;
\echo '   A WHERE clause reads the column too, so it cannot be used to probe incomes.'
SELECT count(*) FROM customers WHERE income > 20000000;
\echo '   Counting customers reads no personal data: allowed.'
SELECT count(*) FROM customers;
\echo '   Exporting the whole table is a read of every column: refused.'
COPY customers TO STDOUT;
RESET ROLE;

\echo
\echo '7. marketing_app without a declared purpose, then under a purpose it does not hold.'
SET ROLE marketing_app;
RESET pdp.purpose;
SELECT full_name FROM customers;
SET pdp.purpose = 'billing';
SELECT full_name FROM customers;
RESET ROLE;

\echo
\echo '8. A view owned by a superuser is no way around it: only the columns really used count.'
CREATE VIEW customer_incomes AS SELECT full_name, income FROM customers;
GRANT SELECT ON customer_incomes TO billing_app;
SET ROLE billing_app;
SET pdp.purpose = 'billing';
SELECT full_name FROM customer_incomes;
SELECT income FROM customer_incomes;
RESET ROLE;

\echo
\echo '9. Policy changes apply from the next statement, in every session.'
SELECT pdp.allow('billing', 'identity_number');
SET ROLE billing_app;
SELECT full_name, national_id FROM customers WHERE id = 1;
RESET ROLE;

\echo
\echo '   Copies keep their tags: the customer list cannot be poured into an untagged table...'
CREATE TABLE mailing (name text);
GRANT INSERT ON mailing TO billing_app;
SET ROLE billing_app;
INSERT INTO mailing SELECT full_name FROM customers;
\echo '   ...and a table made from it is tagged like it (CREATE TABLE AS):'
CREATE TEMP TABLE billing_copy AS SELECT full_name, phone FROM customers;
SELECT column_name, category FROM pdp.personal_columns WHERE relation = 'billing_copy'::regclass ORDER BY 1;
RESET ROLE;

\echo
\echo '10. Masked reads: the support desk confirms a caller by the last digits of the phone.'
\echo '    Its purpose reads phones and names only masked (built-in masks phone and initials).'
SELECT pdp.define_purpose('support_desk', 'Confirm callers by masked contact data', 'legitimate_interest') \g /dev/null
SELECT pdp.allow('support_desk', 'phone_number', mask => 'phone'),
       pdp.allow('support_desk', 'full_name', mask => 'initials');
SELECT * FROM pdp.policy WHERE purpose = 'support_desk' ORDER BY category;
CREATE ROLE support_app LOGIN;
GRANT SELECT ON customers TO support_app;
SELECT pdp.grant_purpose('support_app', 'support_desk') \g /dev/null
SET ROLE support_app;
SET pdp.purpose = 'support_desk';
\echo '   Every phone and name the desk reads is masked:'
SELECT id, full_name, phone FROM customers ORDER BY id;
\echo '   A WHERE clause sees the masked value too, so it cannot probe numbers: the raw one finds nothing...'
SELECT id, full_name FROM customers WHERE phone = '0912 345 678';
\echo '   ...the masked form the caller confirms does:'
SELECT id, full_name FROM customers WHERE phone = '09** *** 678';
\echo '   What the purpose may not read at all is still refused:'
SELECT national_id FROM customers WHERE id = 1;
RESET ROLE;
SET pdp.purpose = 'billing';
\echo '   The audit trail records these reads with decision masked and the mask of each column'
\echo '   (summarized like allowed reads: the two lookups differ only by a constant):'
SELECT pdp.flush_audit() \g /dev/null
SELECT role, purpose, decision, relation, columns, statements, rows, detail->'masked' AS masks
FROM pdp.audit_events WHERE decision = 'masked' ORDER BY id;

\echo
\echo '11. The bulk-disclosure guard: even with a valid purpose, a list walks out only so far.'
SELECT pdp.set_limit('billing', 3, 7);
SELECT * FROM pdp.limits;
SET ROLE billing_app;
\echo '   Three rows per statement pass; the fourth is stopped before it leaves:'
SELECT id, full_name FROM customers ORDER BY id LIMIT 3;
SELECT id, full_name FROM customers ORDER BY id;
\echo '   Paging does not help: 7 rows a day for this role and purpose, across all sessions.'
SELECT id, full_name FROM customers ORDER BY id LIMIT 1 OFFSET 3;
SELECT id, full_name FROM customers ORDER BY id LIMIT 1 OFFSET 4;
RESET ROLE;
SELECT role, purpose, records_24h, "limit" FROM pdp.quota_usage;
SELECT pdp.drop_limit('billing');

\echo
\echo '12. Consent: marketing may only see the customers who agreed to it.'
SELECT pdp.set_subject_column('customers', 'id'), pdp.protect_rows('customers');
SELECT * FROM pdp.subject_tables;
SET ROLE marketing_app;
SET pdp.purpose = 'marketing';
\echo '   The shop records the consents it collected (integer ids need no cast):'
SELECT pdp.grant_consent(1, 'marketing', source => 'signup form', evidence => 'form #8812') AS consent_1,
       pdp.grant_consent(3, 'marketing', source => 'store counter') AS consent_3;
\echo '   Under marketing (legal basis: consent) only customers 1 and 3 exist:'
SELECT id, full_name FROM customers ORDER BY id;
\echo '   Customer 3 unsubscribes: from the next statement on, in every session, the row is gone.'
SELECT pdp.withdraw_consent(3, 'marketing', source => 'unsubscribe link');
SELECT id, full_name FROM customers ORDER BY id;
RESET ROLE;
\echo '   Billing (legal basis: contract) still sees every customer...'
SET ROLE billing_app;
SET pdp.purpose = 'billing';
SELECT id, full_name FROM customers ORDER BY id;
RESET ROLE;
\echo '   ...except one who asked to restrict processing while a complaint is handled.'
SELECT pdp.restrict_processing(2, 'disputes the phone number on file, ticket 881');
SET ROLE billing_app;
SELECT id, full_name FROM customers ORDER BY id;
RESET ROLE;
\echo '   Customer 1 asks what the shop holds about them (access request):'
SELECT pdp.subject_report('1') AS r \gset report_
SELECT jsonb_pretty(jsonb_build_object('tables', r->'tables', 'consents', r->'consents'))
FROM (SELECT :'report_r'::jsonb AS r) x;
\echo '   ...and which statements read the tables that hold their rows:'
SELECT x.* FROM jsonb_to_recordset(:'report_r'::jsonb->'audit_summary')
    AS x(relation text, role text, purpose text, decision text, statements int)
ORDER BY relation, role, purpose, decision;
SELECT :'report_r'::jsonb->>'audit_precision' AS precision;
\echo '   Customer 5 asks to be forgotten: the tagged columns are anonymized, all or nothing.'
SELECT * FROM pdp.erase_subject('5');
SELECT * FROM customers WHERE id = 5;
\echo '   The compliance officer sees consent as it stands, and its full history:'
SELECT subject, purpose, status, source, restricted, in_force FROM pdp.consents ORDER BY subject;

\echo
\echo '13. The compliance officer (a member of pdp_auditor) reads the audit trail.'
CREATE ROLE officer LOGIN;
GRANT pdp_auditor TO officer;
SELECT pdp.flush_audit() \g /dev/null
SET ROLE officer;
\echo '   Every refused attempt (recorded even when its transaction rolled back):'
SELECT event_time::time(0) AS at, role, purpose, decision, reason, relation, columns
FROM pdp.violations ORDER BY id;
\echo '   Who read which kind of personal data, for which purpose, and how much:'
SELECT role, purpose, category, statements, rows, records_read
FROM pdp.access_summary ORDER BY role, purpose, category;
\echo '   Allowed reads are summarized (pdp.log_allowed = summary): one row per role, purpose,'
\echo '   table, columns and query every 10 s, counting statements; bulk and sensitive reads stay one row each:'
SELECT role, purpose, relation, columns, statements, rows, first_time::time(0) AS first, event_time::time(0) AS last
FROM pdp.audit_events WHERE statements IS NOT NULL ORDER BY id;
\echo '   Reads of sensitive data:'
SELECT role, purpose, decision, columns, records_read, query
FROM pdp.sensitive_access ORDER BY id;
\echo '   The trail is append-only and hash-chained: NULL means nothing was altered.'
SELECT pdp.verify_audit_log() AS first_altered_row;
\echo '   File the head of the chain somewhere else; later, true here proves nothing'
\echo '   up to it was rewritten, even by a superuser (the writer also logs it):'
SELECT id AS head_id, hash AS head_hash FROM pdp.audit_chain_head() \gset
SELECT :head_id AS head_id, pdp.verify_audit_anchor(:head_id, :'head_hash') AS anchor_holds;
RESET ROLE;
\echo '   Nobody else sees it, and nobody can edit it:'
SET ROLE billing_app;
SELECT count(*) FROM pdp.audit_events;
RESET ROLE;
UPDATE pdp.audit_log SET purpose = 'billing' WHERE decision = 'blocked';

\echo
\echo 'Done.  Next: README.md (settings and function reference), `make test` for the suites.'
