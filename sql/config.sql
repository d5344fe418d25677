-- Categories, purposes, policy and purpose grants: good and bad input,
-- and who may change them.
\set VERBOSITY terse

-- categories
SELECT pdp.define_category('loyalty_number', false, 'Loyalty card number');
SELECT pdp.define_category('credit_score', true, 'Internal credit score', 'Decree 13/2023 Art.2(4)(k)');
SELECT name, sensitive, legal_ref, description, builtin FROM pdp.category WHERE NOT builtin ORDER BY name;
SELECT pdp.define_category('loyalty_number', true, 'again');        -- duplicate
SELECT pdp.define_category('phone_number', false, 'builtin name');  -- duplicate of builtin
SELECT pdp.define_category(NULL, false, 'x');
SELECT pdp.define_category('x', NULL, 'x');
SELECT pdp.define_category('', false, 'x');
SELECT pdp.define_category(' padded', false, 'x');
SELECT pdp.define_category(repeat('x', 64), false, 'x');

-- purposes
SELECT pdp.define_purpose('billing', 'Invoices and payment reminders', 'contract');
SELECT pdp.define_purpose('marketing', 'Newsletters and offers');    -- consent by default
SELECT pdp.define_purpose('support', 'Customer support calls', 'legitimate_interest');
SELECT pdp.define_purpose('tax_report', 'Reports to the tax authority', 'legal_obligation');
SELECT pdp.define_purpose('scratch', 'To be dropped', 'vital_interest');
SELECT name, description, legal_basis FROM pdp.purpose ORDER BY name;
SELECT pdp.define_purpose('billing', 'again', 'contract');        -- duplicate
SELECT pdp.define_purpose('x', 'x', 'because');                   -- bad legal basis
SELECT pdp.define_purpose('x', 'x', NULL);
SELECT pdp.define_purpose(NULL, 'x', 'consent');
SELECT count(*) FROM pdp.purpose WHERE name = 'x';                 -- nothing half-applied

-- policy
SELECT pdp.allow('billing', 'full_name'), pdp.allow('billing', 'phone_number'),
       pdp.allow('billing', 'address');
SELECT pdp.allow('billing', 'full_name');                          -- already: false
SELECT pdp.allow('marketing', 'full_name'), pdp.allow('support', 'full_name'),
       pdp.allow('support', 'phone_number'), pdp.allow('tax_report', 'identity_number'),
       pdp.allow('tax_report', 'banking_customer_info'), pdp.allow('tax_report', 'full_name'),
       pdp.allow('scratch', 'full_name');
SELECT pdp.allow('billing', 'nonexistent');
SELECT pdp.allow('nonexistent', 'full_name');
SELECT pdp.allow(NULL, 'full_name');
SELECT pdp.allow('billing', NULL);
SELECT pdp.disallow('billing', 'address'), pdp.disallow('billing', 'address');
SELECT pdp.disallow('nonexistent', 'address');
SELECT * FROM pdp.policy ORDER BY purpose, category;

-- purpose grants
SELECT pdp.grant_purpose('regress_app', 'billing');
SELECT pdp.grant_purpose('regress_app', 'billing');                -- already: false
SELECT pdp.grant_purpose('regress_support', 'support');
SELECT pdp.grant_purpose('regress_app', 'scratch');
SELECT pdp.grant_purpose('regress_nobody', 'billing');             -- unknown role
SELECT pdp.grant_purpose('regress_app', 'nonexistent');
SELECT pdp.grant_purpose(NULL, 'billing');
SELECT pdp.revoke_purpose('regress_app', 'marketing');             -- not granted: false
SELECT * FROM pdp.purpose_grants ORDER BY purpose, role;

-- dropping a purpose takes its policy and grants with it
SELECT pdp.drop_purpose('scratch');
SELECT pdp.drop_purpose('scratch');
SELECT pdp.drop_purpose(NULL);
SELECT count(*) FROM pdp.policy WHERE purpose = 'scratch';
SELECT count(*) FROM pdp.purpose_grants WHERE purpose = 'scratch';

-- who may change configuration: superusers and pdp_admin members only
SET ROLE regress_other;
SELECT pdp.define_purpose('evil', 'x', 'consent');
SELECT pdp.allow('marketing', 'identity_number');
SELECT pdp.grant_purpose('regress_other', 'billing');
SELECT pdp.drop_purpose('billing');
SELECT pdp.define_category('evil', false, 'x');
INSERT INTO pdp.purpose_role VALUES ('billing', 'regress_other');
DELETE FROM pdp.purpose_category;
SELECT count(*) > 0 AS can_read_policy FROM pdp.policy;
RESET ROLE;
SET ROLE regress_admin;
SELECT pdp.define_purpose('research', 'Anonymised statistics', 'public_interest');
SELECT pdp.allow('research', 'city_placeholder');
SELECT pdp.drop_purpose('research');
RESET ROLE;

-- pdp.mode is for superusers only, in every form
SET ROLE regress_app;
SET pdp.mode = off;
SELECT set_config('pdp.mode', 'off', false);
ALTER ROLE regress_app SET pdp.mode = off;
SHOW pdp.mode;
SET pdp.purpose = 'billing';   -- any role may declare a purpose
SHOW pdp.purpose;
RESET pdp.purpose;
RESET ROLE;
SET pdp.mode = bogus;
SET pdp.unknown_setting = 1;

-- superusers may set pdp.mode per database and per role; new sessions get it
ALTER DATABASE contrib_regression SET pdp.mode = enforce;
\c
SHOW pdp.mode;
ALTER ROLE CURRENT_USER IN DATABASE contrib_regression SET pdp.mode = off;
\c
SHOW pdp.mode;
ALTER ROLE CURRENT_USER IN DATABASE contrib_regression RESET pdp.mode;
ALTER DATABASE contrib_regression RESET pdp.mode;
\c
SHOW pdp.mode;
