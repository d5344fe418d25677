-- Consent per subject and purpose, row-level enforcement, restriction and
-- data-subject rights.  Own tables (members, member_notes, events_p) so the
-- other suites keep their data; dump_restore checks what survives a dump.
\set VERBOSITY terse
SET pdp.mode = enforce;
CREATE ROLE regress_marketer LOGIN;     -- granted marketing
CREATE ROLE regress_owner LOGIN;        -- owns the tables, holds no purpose
SELECT pdp.grant_purpose('regress_marketer', 'marketing');
SELECT pdp.grant_purpose('regress_marketer', 'billing');
SELECT pdp.grant_purpose('regress_marketer', 'tax_report');
SELECT pdp.allow('marketing', 'phone_number');
SELECT pdp.allow('tax_report', 'phone_number');

CREATE TABLE members (
    id        int PRIMARY KEY,
    full_name text NOT NULL DEFAULT 'anonymous',
    phone     text,
    email     text NOT NULL,
    city      text
);
INSERT INTO members
SELECT g, 'Member ' || g, '09' || lpad(g::text, 8, '0'), 'm' || g || '@example.vn',
       (ARRAY['Hanoi', 'Hue'])[1 + g % 2]
FROM generate_series(1, 10) g;
CREATE TABLE member_notes (
    id        int PRIMARY KEY,
    member_id int REFERENCES members (id),
    note      text
);
INSERT INTO member_notes SELECT g, 1 + g % 10, 'note ' || g FROM generate_series(1, 20) g;
ALTER TABLE members OWNER TO regress_owner;
ALTER TABLE member_notes OWNER TO regress_owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON members, member_notes TO PUBLIC;
SELECT pdp.tag_column('members', 'full_name', 'full_name');
SELECT pdp.tag_column('members', 'phone', 'phone_number');
SELECT pdp.tag_column('members', 'email', 'email_address');

-- subject columns: bad input
SELECT pdp.set_subject_column(NULL, 'id');
SELECT pdp.set_subject_column('members', NULL);
SELECT pdp.set_subject_column('members', 'nope');
SELECT pdp.set_subject_column('members', 'ctid');
SELECT pdp.set_subject_column('nope', 'id');
CREATE VIEW member_view AS SELECT id, phone FROM members;
SELECT pdp.set_subject_column('member_view', 'id');
SET ROLE regress_owner;                        -- owning the table is not enough
SELECT pdp.set_subject_column('members', 'id');
SECURITY LABEL FOR pdp_subject ON COLUMN members.id IS 'subject';
RESET ROLE;
SET ROLE regress_marketer;                     -- nor is holding a purpose
SELECT pdp.set_subject_column('members', 'id');
RESET ROLE;
SECURITY LABEL FOR pdp_subject ON COLUMN members.id IS 'person';
SECURITY LABEL FOR pdp_subject ON TABLE members IS 'subject';
-- set, move, set again, raw label on a second column
SELECT pdp.set_subject_column('members', 'email');
SELECT pdp.set_subject_column('members', 'id');
SELECT pdp.set_subject_column('members', 'id');
SECURITY LABEL FOR pdp_subject ON COLUMN members.email IS 'subject';
SELECT pdp.set_subject_column('member_notes', 'member_id');
SELECT * FROM pdp.subject_tables ORDER BY relation::text;
-- it follows renames
ALTER TABLE member_notes RENAME COLUMN member_id TO owner_id;
SELECT * FROM pdp.subject_tables ORDER BY relation::text;
SELECT pdp.drop_subject_column(NULL);
SELECT pdp.drop_subject_column('member_notes');
SELECT pdp.drop_subject_column('member_notes');
SELECT pdp.set_subject_column('member_notes', 'owner_id');

-- protecting rows: bad input
SELECT pdp.protect_rows(NULL);
SELECT pdp.protect_rows('member_view');
CREATE TABLE no_subject (id int);
SELECT pdp.protect_rows('no_subject');
SET ROLE regress_owner;
SELECT pdp.protect_rows('members');
RESET ROLE;
SELECT pdp.protect_rows('members');
SELECT pdp.protect_rows('members');                          -- already: false
SELECT polname, polpermissive, pg_get_expr(polqual, polrelid) AS using_expr
FROM pg_policy WHERE polrelid = 'members'::regclass ORDER BY polname;
SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'members'::regclass;
SELECT * FROM pdp.subject_tables ORDER BY relation::text;
-- the subject column stays put while the rows are protected
SELECT pdp.set_subject_column('members', 'email');
SELECT pdp.drop_subject_column('members');
SECURITY LABEL FOR pdp_subject ON COLUMN members.id IS NULL;

-- consent calls: bad input and callers
SELECT pdp.grant_consent(NULL, 'marketing');
SELECT pdp.grant_consent('', 'marketing');
SELECT pdp.grant_consent('1', NULL);
SELECT pdp.grant_consent('1', 'nonexistent');
SELECT pdp.grant_consent('1', 'marketing', now() - interval '1 day');
SET ROLE regress_other;                    -- no purpose at all: no EXECUTE
SELECT pdp.grant_consent('1', 'marketing');
SELECT pdp.withdraw_consent('1', 'marketing');
SELECT pdp.has_consent('1', 'marketing');
RESET ROLE;
SET ROLE regress_app;                      -- billing only: not for marketing
SELECT pdp.grant_consent('1', 'marketing');
SELECT pdp.has_consent('1', 'marketing');
SELECT pdp.restrict_processing('1', 'asked');
RESET ROLE;
SELECT has_function_privilege('public', 'pdp.grant_consent(text, text, timestamptz, text, text)', 'EXECUTE') AS public_may_grant,
       has_function_privilege('regress_marketer', 'pdp.grant_consent(text, text, timestamptz, text, text)', 'EXECUTE') AS marketer_may_grant,
       has_function_privilege('regress_other', 'pdp.has_consent(text, text)', 'EXECUTE') AS other_may_check;

-- grants by the application, integer and text ids alike
SET ROLE regress_marketer;
SELECT pdp.grant_consent(1, 'marketing', source => 'web', evidence => 'form 2026-11') > 0 AS granted;
SELECT pdp.grant_consent('2', 'marketing') > 0 AS granted;
SELECT pdp.grant_consent(3, 'marketing') > 0 AS granted;
SELECT pdp.grant_consent(4, 'marketing', now() + interval '1 day') > 0 AS granted;
SELECT pdp.grant_consent(5, 'marketing', now() + interval '1 hour') > 0 AS granted;
SELECT pdp.withdraw_consent(3, 'marketing');
SELECT pdp.withdraw_consent(3, 'marketing');                 -- nothing left: false
SELECT pdp.withdraw_consent(9, 'marketing');                 -- never granted: false
SELECT pdp.withdraw_consent(NULL::text, 'marketing');
SELECT pdp.withdraw_consent('1', NULL);
SELECT pdp.withdraw_consent('1', 'nonexistent');
SELECT pdp.has_consent(NULL::bigint, 'marketing');
SELECT pdp.has_consent(NULL::text, 'marketing');
SELECT pdp.has_consent('1', NULL);
SELECT pdp.has_consent('1');                                 -- pdp.purpose not set
SELECT pdp.has_consent('1', 'nonexistent');
SELECT pdp.has_consent(1, 'marketing') AS c1, pdp.has_consent('2', 'marketing') AS c2,
       pdp.has_consent(3, 'marketing') AS c3, pdp.has_consent(4, 'marketing') AS c4,
       pdp.has_consent(5, 'marketing') AS c5, pdp.has_consent(6, 'marketing') AS c6,
       pdp.has_consent(1, 'billing') AS c1_billing;

-- rows under a consent purpose: only subjects who consented
SET pdp.purpose = 'marketing';
SELECT pdp.has_consent(1) AS session_purpose;
SELECT id, phone FROM members ORDER BY id;
-- renewed to end in 300 ms, checked after 400 ms: expired, however slow
-- the statements before (the hardened run discards caches)
SELECT pdp.grant_consent(5, 'marketing', now() + interval '300 milliseconds') > 0 AS renewed;
SELECT pg_sleep(0.4);                                         -- consent 5 expires
SELECT id, phone FROM members ORDER BY id;
SELECT count(*) FROM members;
SELECT id FROM members WHERE id IN (6, 7);
UPDATE members SET city = 'Da Nang' WHERE id IN (1, 6);      -- 6 is not there
DELETE FROM members WHERE id = 7;                            -- nor is 7
-- COPY of the table copies it whole or fails: it would lack hidden rows
COPY members (id, phone) TO STDOUT;
-- the rows the purpose sees
COPY (SELECT id, phone FROM members) TO STDOUT;
INSERT INTO members VALUES (11, 'New', '0900000011', 'n@example.vn', 'Hue');   -- sign-up: allowed
-- a join through another table sees the same rows
SELECT m.id, count(*) FROM members m JOIN member_notes n ON n.owner_id = m.id GROUP BY m.id ORDER BY m.id;
-- under a consent purpose the role does not hold, no row: who consented
-- to it is not its business (and its tagged columns are refused)
RESET ROLE;
SELECT pdp.define_purpose('research', 'Studies', 'consent');
SELECT pdp.grant_consent(4, 'research') > 0 AS granted;
SET ROLE regress_marketer;
SET pdp.purpose = 'research';
SELECT count(*) FROM members;
SELECT id FROM members ORDER BY id;
SELECT phone FROM members;
-- other legal bases: every row
SET pdp.purpose = 'billing';
SELECT count(*) FROM members;
SET pdp.purpose = 'tax_report';
SELECT count(*) FROM members;
RESET pdp.purpose;
SELECT count(*) FROM members;
RESET ROLE;
-- the owner is filtered too (FORCE ROW LEVEL SECURITY)
SELECT pdp.grant_purpose('regress_owner', 'marketing');
SET ROLE regress_owner;
SET pdp.purpose = 'marketing';
SELECT count(*) FROM members;
RESET pdp.purpose;
RESET ROLE;
SELECT pdp.revoke_purpose('regress_owner', 'marketing');
SET ROLE regress_owner;
-- and cannot take protection away
DROP POLICY pdp_consent ON members;
ALTER POLICY pdp_consent ON members USING (true);
ALTER POLICY pdp_consent ON members RENAME TO mine;
ALTER TABLE members DISABLE ROW LEVEL SECURITY;
ALTER TABLE members NO FORCE ROW LEVEL SECURITY;
ALTER TABLE members DROP COLUMN id CASCADE;
-- other changes to the table still work
ALTER TABLE members ADD COLUMN note text;
ALTER TABLE members DROP COLUMN note;
RESET ROLE;

-- restriction: hidden under every purpose but legal_obligation
SELECT pdp.restrict_processing(NULL, 'x');
SELECT pdp.restrict_processing('1', NULL);
SELECT pdp.restrict_processing('1', ' ');
SELECT pdp.restrict_processing(1, 'disputes accuracy, ticket 42');
SELECT pdp.restrict_processing(1, 'again');                   -- already: false
SELECT subject, reason, recorded_by FROM pdp.restrictions;
SET ROLE regress_marketer;
SET pdp.purpose = 'marketing';
SELECT pdp.has_consent(1) AS restricted_has_consent;
SELECT id FROM members ORDER BY id;
SET pdp.purpose = 'billing';
SELECT id FROM members WHERE id <= 3 ORDER BY id;
RESET pdp.purpose;
SELECT id FROM members WHERE id <= 3 ORDER BY id;
SET pdp.purpose = 'tax_report';
SELECT id FROM members WHERE id <= 3 ORDER BY id;
RESET ROLE;
SELECT pdp.lift_restriction(1);
SELECT pdp.lift_restriction(1);                               -- none: false
SELECT pdp.lift_restriction(NULL::text);
SET ROLE regress_marketer;
SELECT pdp.lift_restriction(1);
RESET ROLE;
SET ROLE regress_marketer;
SET pdp.purpose = 'marketing';
SELECT pdp.has_consent(1) AS lifted_has_consent;
RESET ROLE;
RESET pdp.purpose;

-- a table with row-level security of its own keeps it
CREATE TABLE branch_members (id int, branch text, phone text);
INSERT INTO branch_members VALUES (1, 'north', 'a'), (2, 'north', 'b'), (6, 'north', 'c'), (1, 'south', 'd');
ALTER TABLE branch_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY north_only ON branch_members USING (branch = 'north');
GRANT SELECT ON branch_members TO PUBLIC;
SELECT pdp.set_subject_column('branch_members', 'id');
SELECT pdp.protect_rows('branch_members');
SELECT polname FROM pg_policy WHERE polrelid = 'branch_members'::regclass ORDER BY 1;
SET ROLE regress_marketer;
SET pdp.purpose = 'marketing';
SELECT id, branch FROM branch_members ORDER BY id, branch;
SET pdp.purpose = 'billing';
SELECT id, branch FROM branch_members ORDER BY id, branch;
RESET ROLE;
SELECT pdp.unprotect_rows(NULL);
SET ROLE regress_owner;                                       -- owning it is not enough
SELECT pdp.unprotect_rows('branch_members');
RESET ROLE;
SELECT pdp.unprotect_rows('branch_members');
SELECT pdp.unprotect_rows('branch_members');                  -- none: false
SELECT polname FROM pg_policy WHERE polrelid = 'branch_members'::regclass ORDER BY 1;
SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'branch_members'::regclass;

-- partitioned tables: every partition, including those added later
CREATE TABLE events_p (subject_id bigint, kind text, phone text) PARTITION BY LIST (kind);
CREATE TABLE events_p_call PARTITION OF events_p FOR VALUES IN ('call');
INSERT INTO events_p VALUES (1, 'call', 'x'), (6, 'call', 'y');
GRANT SELECT ON events_p, events_p_call TO PUBLIC;
SELECT pdp.set_subject_column('events_p', 'subject_id');
SELECT pdp.protect_rows('events_p');
CREATE TABLE events_p_sms PARTITION OF events_p FOR VALUES IN ('sms');
CREATE TABLE events_p_mail (subject_id bigint, kind text, phone text);
INSERT INTO events_p_mail VALUES (2, 'mail', 'z'), (7, 'mail', 'w');
ALTER TABLE events_p ATTACH PARTITION events_p_mail FOR VALUES IN ('mail');
INSERT INTO events_p VALUES (1, 'sms', 'x'), (8, 'sms', 'y');
GRANT SELECT ON events_p_sms, events_p_mail TO PUBLIC;
SELECT c.relname, EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'pdp_consent') AS protected
FROM pg_class c WHERE c.relname LIKE 'events_p%' ORDER BY 1;
SET ROLE regress_marketer;
SET pdp.purpose = 'marketing';
SELECT subject_id, kind FROM events_p ORDER BY 1, 2;
SELECT subject_id, kind FROM events_p_sms ORDER BY 1, 2;        -- the partition directly
SELECT subject_id, kind FROM events_p_mail ORDER BY 1, 2;
RESET ROLE;
RESET pdp.purpose;

-- row-level security decided by a role it does not apply to: refused
CREATE VIEW members_by_superuser AS SELECT id, city FROM members;
CREATE VIEW members_invoker WITH (security_invoker = true) AS SELECT id, city FROM members;
GRANT SELECT ON members_by_superuser, members_invoker TO PUBLIC;
CREATE FUNCTION members_count() RETURNS bigint LANGUAGE sql SECURITY DEFINER
SET search_path = public RETURN (SELECT count(*) FROM members);
CREATE ROLE regress_bypass LOGIN BYPASSRLS;
SELECT pdp.grant_purpose('regress_bypass', 'marketing');
SET ROLE regress_marketer;
SET pdp.purpose = 'marketing';
SELECT count(*) FROM members_by_superuser;
SELECT count(*) FROM members_invoker;
SELECT members_count();
SET pdp.purpose = 'tax_report';                 -- would hide nothing: allowed
SELECT count(*) FROM members_by_superuser;
RESET ROLE;
SET ROLE regress_bypass;
SET pdp.purpose = 'marketing';
SELECT count(*) FROM members;
RESET ROLE;
SET pdp.mode = log;                             -- log mode: recorded, not refused
SET ROLE regress_marketer;
SELECT count(*) FROM members_by_superuser;
RESET ROLE;
SET pdp.mode = enforce;
RESET pdp.purpose;
SELECT pdp.flush_audit();
SELECT decision, reason, role, relation, detail->>'rls_role' AS rls_role
FROM pdp.audit_events WHERE reason = 'row_security_bypassed' ORDER BY id;
DROP FUNCTION members_count();
DROP VIEW members_by_superuser, members_invoker;

-- log mode: nothing hidden, what would have been is recorded
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS mark FROM pdp.audit_log \gset
SET pdp.mode = log;
SET ROLE regress_marketer;
SET pdp.purpose = 'marketing';
SELECT count(*) FROM members;
RESET ROLE;
SET pdp.mode = enforce;
SET ROLE regress_marketer;
SELECT count(*) FROM members;
RESET ROLE;
RESET pdp.purpose;
SELECT pdp.flush_audit();
SELECT kind, decision, reason, purpose, relation, rows, detail - 'effective_user' AS detail
FROM pdp.audit_events WHERE id > :mark AND kind = 'access' AND decision IN ('violation', 'hidden')
ORDER BY id;

-- consent history is append-only, even for superusers
UPDATE pdp.consent_log SET purpose = 'billing';
DELETE FROM pdp.consent_log;
TRUNCATE pdp.consent_log;
SELECT subject, purpose, action, expires_at IS NOT NULL AS expires, source, evidence, reason, recorded_by
FROM pdp.consent_history ORDER BY id;
SELECT subject, purpose, status, expires_at IS NOT NULL AS expires, withdrawn_at IS NOT NULL AS withdrawn,
       source, restricted, in_force
FROM pdp.consents ORDER BY subject, purpose;

-- subject report
SELECT pdp.subject_report(NULL);
SET ROLE regress_marketer;
SELECT pdp.subject_report('1');
RESET ROLE;
SELECT pdp.restrict_processing(2, 'objection');
SELECT r - 'generated_at' - 'audit_summary' - 'audit_events' - 'audit_events_total' - 'audit_precision'
         - 'consent_history' - 'consents' - 'restriction' - 'restrictions' AS report,
       r->'restriction'->>'reason' AS restriction,
       jsonb_path_query_array(r, '$.restrictions[*].action') AS restrictions,
       jsonb_path_query_array(r, '$.consent_history[*].action') AS history,
       jsonb_path_query_array(r, '$.consents[*].status') AS consents,
       jsonb_path_query_array(r, '$.audit_summary[*] ? (@.relation == "public.members").purpose') AS read_purposes,
       (SELECT sum((x->>'statements')::int) FROM jsonb_array_elements(r->'audit_summary') x) = (r->>'audit_events_total')::int AS summary_adds_up,
       jsonb_array_length(r->'audit_events') = (r->>'audit_events_total')::int AS all_events_listed,
       r->>'audit_precision' LIKE 'pdp records reads per statement and table, not per row%' AS precision_stated
FROM pdp.subject_report('2') r;
SELECT pdp.subject_report('no-such-person') - 'generated_at' - 'audit_summary' - 'audit_events'
       - 'audit_events_total' - 'audit_precision' AS report;
SELECT pdp.lift_restriction(2);

-- the limits of one purpose never apply to another (a purpose without
-- limits read right after one with limits got a guard with stale values)
SELECT pdp.set_limit('billing', 100, 1000);
SET ROLE regress_marketer;
SET pdp.purpose = 'billing';
SELECT count(phone) FROM members;
SET pdp.purpose = 'marketing';
SELECT count(phone) FROM members;
RESET ROLE;
RESET pdp.purpose;
SELECT pdp.drop_limit('billing');

-- erasure: bad input, then all or nothing
SELECT * FROM pdp.erase_subject(NULL);
SELECT * FROM pdp.erase_subject('1', 'shred');
SET ROLE regress_marketer;
SELECT * FROM pdp.erase_subject('1');
RESET ROLE;
-- a NOT NULL column without default cannot be anonymized: nothing changes
SELECT * FROM pdp.erase_subject('1');
SELECT id, full_name, phone, email FROM members WHERE id = 1;
SELECT count(*) AS notes_of_1 FROM member_notes WHERE owner_id = 1;
ALTER TABLE members ALTER COLUMN email SET DEFAULT 'erased@invalid';
-- erasure runs as each table's owner: code the owner planted in a trigger
-- does not run with the rights of pdp (a superuser)
CREATE TABLE erase_witness (who name);
ALTER TABLE erase_witness OWNER TO regress_owner;
CREATE FUNCTION note_who() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN INSERT INTO public.erase_witness VALUES (current_user); RETURN COALESCE(NEW, OLD); END $$;
ALTER FUNCTION note_who() OWNER TO regress_owner;
SET ROLE regress_owner;
CREATE TRIGGER witness BEFORE UPDATE OR DELETE ON members FOR EACH ROW EXECUTE FUNCTION note_who();
RESET ROLE;
SELECT * FROM pdp.erase_subject('1');
SELECT DISTINCT who FROM erase_witness;
SELECT id, full_name, phone, email, city FROM members WHERE id = 1;
-- delete: notes (which reference members) go first
SELECT * FROM pdp.erase_subject('2', 'delete');
SELECT count(*) AS member_2 FROM members WHERE id = 2;
SELECT count(*) AS notes_of_2 FROM member_notes WHERE owner_id = 2;
SELECT who, count(*) FROM erase_witness GROUP BY who;
DROP TRIGGER witness ON members;
DROP FUNCTION note_who();
DROP TABLE erase_witness;
-- a foreign key from a table without a subject column stops it all
CREATE TABLE member_cards (card int, member int REFERENCES members (id));
INSERT INTO member_cards VALUES (1, 3);
SELECT * FROM pdp.erase_subject('3', 'delete');
SELECT count(*) AS member_3 FROM members WHERE id = 3;
SELECT count(*) AS notes_of_3 FROM member_notes WHERE owner_id = 3;
DROP TABLE member_cards;

-- every consent call, report and erasure is in the audit trail
SELECT pdp.flush_audit();
SELECT kind, decision, reason, purpose, relation, detail->>'subject' AS subject,
       detail->>'method' AS method, detail->'rows' AS rows, role
FROM pdp.audit_events
WHERE kind IN ('consent', 'subject') OR (kind = 'config' AND decision IN ('protect_rows', 'unprotect_rows'))
   OR (kind = 'config' AND reason IN ('subject_column', 'drop_subject_column'))
ORDER BY id;

-- PREPARE TRANSACTION of a consent change is refused
BEGIN;
SELECT pdp.grant_consent(8, 'marketing') > 0 AS granted;
PREPARE TRANSACTION 'pdp_consent';
SELECT pdp.has_consent(8, 'marketing');
RESET pdp.mode;
