-- pdp.purpose_scope: a purpose that lasts only until the end of the
-- transaction that set it (for transaction-pooling connection poolers),
-- who may set the scope, and the purpose the audit trail records for
-- each statement.
\set VERBOSITY terse
SELECT pdp.define_purpose('pp_billing', 'Pooled billing', 'contract'),
       pdp.define_purpose('pp_support', 'Pooled support', 'contract');
CREATE TABLE pp_people (id int, name text);
INSERT INTO pp_people VALUES (1, 'Ann'), (2, 'Bob');
GRANT SELECT ON pp_people TO PUBLIC;
SELECT pdp.tag_column('pp_people', 'name', 'full_name');
SELECT pdp.allow('pp_billing', 'full_name'), pdp.allow('pp_support', 'full_name');
CREATE ROLE regress_pp_app LOGIN PASSWORD 'regress_pp_pw';        -- scope transaction, no default purpose
CREATE ROLE regress_pp_desk LOGIN PASSWORD 'regress_pp_pw';       -- scope transaction, default purpose pp_support
CREATE ROLE regress_pp_plain LOGIN PASSWORD 'regress_pp_pw';      -- no settings: scope session
SELECT pdp.grant_purpose('regress_pp_app', 'pp_billing'),
       pdp.grant_purpose('regress_pp_app', 'pp_support'),
       pdp.grant_purpose('regress_pp_desk', 'pp_billing'),
       pdp.grant_purpose('regress_pp_desk', 'pp_support');
-- a function and a procedure that set the purpose at session level
CREATE FUNCTION pp_declare(p text) RETURNS text LANGUAGE sql
    AS $$ SELECT set_config('pdp.purpose', p, false) $$;
CREATE FUNCTION pp_under_support() RETURNS bigint LANGUAGE sql
    SET pdp.purpose = 'pp_support'
    AS $$ SELECT count(name) FROM pp_people /* pp-fn-clause */ $$;
CREATE PROCEDURE pp_proc() LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    PERFORM set_config('pdp.purpose', 'pp_billing', false);
    SELECT count(name) INTO n FROM pp_people /* pp-proc-1 */;
    COMMIT;
    RAISE NOTICE 'after COMMIT in the procedure: purpose "%"', current_setting('pdp.purpose');
    SELECT count(name) INTO n FROM pp_people /* pp-proc-2 */;
END $$;
GRANT EXECUTE ON FUNCTION pp_declare(text), pp_under_support() TO PUBLIC;
SELECT pdp.flush_audit();
SELECT coalesce(max(id), 0) AS pp_mark FROM pdp.audit_log \gset

-- the setting: session by default; only superusers change it
SHOW pdp.purpose_scope;
SET pdp.purpose_scope = 'sideways';
SET ROLE regress_pp_app;
SHOW pdp.purpose_scope;
SET pdp.purpose_scope = 'transaction';
\echo :LAST_ERROR_SQLSTATE
SET pdp.purpose_scope = 'session';
SELECT set_config('pdp.purpose_scope', 'session', false);
SELECT set_config('pdp.purpose_scope', 'session', true);
ALTER ROLE regress_pp_app SET pdp.purpose_scope = 'session';
ALTER ROLE regress_pp_app IN DATABASE contrib_regression SET pdp.purpose_scope = 'session';
RESET ROLE;
ALTER ROLE regress_pp_app SET pdp.purpose_scope = 'transaction';
ALTER ROLE regress_pp_desk SET pdp.purpose_scope = 'transaction';
ALTER ROLE regress_pp_desk SET pdp.purpose = 'pp_support';
SELECT r.rolname, s.setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
WHERE r.rolname LIKE 'regress_pp%' ORDER BY 1;

-- scope session (as before): a session-level purpose stays
SET pdp.purpose = 'pp_billing';
SHOW pdp.purpose;
RESET pdp.purpose;

\c -reuse-previous=on "user=regress_pp_app password=regress_pp_pw"
\set VERBOSITY terse
SHOW pdp.purpose_scope;
SET pdp.purpose_scope = 'session';               -- still refused
-- nor can the role lift it from its stored settings, or store a default
-- purpose that every later session of it (every pooled client) would get
ALTER ROLE regress_pp_app RESET pdp.purpose_scope;
ALTER ROLE regress_pp_app RESET ALL;             -- keeps what only superusers set
ALTER ROLE regress_pp_app SET pdp.purpose = 'pp_billing';
\echo :LAST_ERROR_SQLSTATE
ALTER ROLE regress_pp_app IN DATABASE contrib_regression SET pdp.purpose = 'pp_billing';
ALTER DATABASE contrib_regression SET pdp.purpose = 'pp_billing';
BEGIN;
SET LOCAL pdp.purpose = 'pp_billing';
ALTER ROLE regress_pp_app SET pdp.purpose FROM CURRENT;
ROLLBACK;
ALTER ROLE regress_pp_app RESET pdp.purpose;     -- removing one is fine
SELECT r.rolname, s.setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
WHERE r.rolname LIKE 'regress_pp%' ORDER BY 1;
SHOW pdp.purpose;
-- SET in a transaction of its own: lasts for no statement, and says so
SET pdp.purpose = 'pp_billing';
SHOW pdp.purpose;
SELECT count(name) FROM pp_people /* pp-a1 none */;
-- SET in a block: in force until COMMIT
BEGIN;
SET pdp.purpose = 'pp_billing';
SELECT count(name) FROM pp_people /* pp-a2 billing */;
SHOW pdp.purpose;
COMMIT;
SHOW pdp.purpose;
SELECT count(name) FROM pp_people /* pp-a3 none */;
-- SET LOCAL, as before
BEGIN;
SET LOCAL pdp.purpose = 'pp_support';
SELECT count(name) FROM pp_people /* pp-a4 support */;
COMMIT;
SELECT count(name) FROM pp_people /* pp-a5 none */;
-- SET then SET LOCAL, SET LOCAL then SET
BEGIN;
SET pdp.purpose = 'pp_billing';
SET LOCAL pdp.purpose = 'pp_support';
SELECT count(name) FROM pp_people /* pp-a6 support */;
COMMIT;
SHOW pdp.purpose;
BEGIN;
SET LOCAL pdp.purpose = 'pp_support';
SET pdp.purpose = 'pp_billing';
COMMIT;
SHOW pdp.purpose;
-- set_config(..., false): alone, and in a block
SELECT set_config('pdp.purpose', 'pp_billing', false);
SHOW pdp.purpose;
BEGIN;
SELECT set_config('pdp.purpose', 'pp_billing', false);
SELECT count(name) FROM pp_people /* pp-b1 billing */;
COMMIT;
SHOW pdp.purpose;
-- a SET in a function
BEGIN;
SELECT pp_declare('pp_support');
SELECT count(name) FROM pp_people /* pp-b2 support */;
COMMIT;
SHOW pdp.purpose;
-- a function's SET clause: in force while it runs, as before
SELECT pp_under_support();
SHOW pdp.purpose;
-- several statements in one query string: one implicit transaction
SET pdp.purpose = 'pp_billing' \; SELECT count(name) FROM pp_people /* pp-b3 billing */;
SHOW pdp.purpose;
-- a procedure that commits: each commit ends the purpose
CALL pp_proc();
SHOW pdp.purpose;
-- COMMIT AND CHAIN ends it too
BEGIN;
SET pdp.purpose = 'pp_billing';
COMMIT AND CHAIN;
SHOW pdp.purpose;
SELECT count(name) FROM pp_people /* pp-b4 none */;
COMMIT;
-- subtransactions: a released one's SET ends with the transaction,
-- a rolled back one's is undone at once
BEGIN;
SAVEPOINT s1;
SET pdp.purpose = 'pp_billing';
RELEASE SAVEPOINT s1;
SELECT count(name) FROM pp_people /* pp-b5 billing */;
SAVEPOINT s2;
SET pdp.purpose = 'pp_support';
ROLLBACK TO SAVEPOINT s2;
SHOW pdp.purpose;
COMMIT;
SHOW pdp.purpose;
-- an aborted transaction undoes its SET
BEGIN;
SET pdp.purpose = 'pp_billing';
ROLLBACK;
SHOW pdp.purpose;
BEGIN;
SET pdp.purpose = 'pp_billing';
SELECT 1/0;
COMMIT;
SHOW pdp.purpose;
-- a cursor WITH HOLD is filled at commit, under the transaction's purpose
BEGIN;
SET pdp.purpose = 'pp_billing';
DECLARE pp_cur CURSOR WITH HOLD FOR SELECT name FROM pp_people /* pp-b6 billing */ ORDER BY id;
COMMIT;
SHOW pdp.purpose;
FETCH ALL FROM pp_cur;
CLOSE pp_cur;
-- a prepared statement runs under the purpose of each execution
PREPARE pp_q AS SELECT count(name) FROM pp_people /* pp-b7 */;
BEGIN;
SET LOCAL pdp.purpose = 'pp_support';
EXECUTE pp_q;
COMMIT;
EXECUTE pp_q;
DEALLOCATE pp_q;

-- a default purpose from ALTER ROLE SET is the reset value: it stays
\c -reuse-previous=on "user=regress_pp_desk password=regress_pp_pw"
\set VERBOSITY terse
SHOW pdp.purpose_scope;
SHOW pdp.purpose;
BEGIN;
SET pdp.purpose = 'pp_billing';
SELECT count(name) FROM pp_people /* pp-c1 billing */;
COMMIT;
SHOW pdp.purpose;
SELECT count(name) FROM pp_people /* pp-c2 support */;
SET pdp.purpose = '';
SHOW pdp.purpose;
RESET ALL;
SHOW pdp.purpose;
DISCARD ALL;
SHOW pdp.purpose;

-- a role whose own sessions run in scope session cannot store a default
-- purpose either while scope transaction is in use anywhere: it would reach
-- sessions in that scope (ALTER ROLE ... IN DATABASE, a database's setting)
\c -reuse-previous=on "user=regress_pp_plain password=regress_pp_pw"
\set VERBOSITY terse
SHOW pdp.purpose_scope;
ALTER ROLE regress_pp_plain IN DATABASE contrib_regression SET pdp.purpose = 'pp_billing';
ALTER ROLE regress_pp_plain SET "PDP.Purpose" = 'pp_billing';
SET "PDP.PURPOSE" = 'pp_billing';                -- session scope: no warning, it stays
SHOW pdp.purpose;

-- a superuser changes the scope mid-session
\c - postgres
\set VERBOSITY terse
SET pdp.purpose = 'pp_billing';
SET pdp.purpose_scope = 'transaction';   -- this commit ends the purpose already
SHOW pdp.purpose;
BEGIN;
SET pdp.purpose = 'pp_billing';
SET LOCAL pdp.purpose_scope = 'session';
COMMIT;
SHOW pdp.purpose;                        -- the scope at commit counts
RESET pdp.purpose;
RESET pdp.purpose_scope;

-- what the audit trail recorded, statement by statement
SELECT pdp.flush_audit();
SELECT substring(query from 'pp-[a-z0-9-]+') AS stmt, role, decision, purpose
FROM pdp.audit_log
WHERE id > :pp_mark AND kind = 'access' AND query LIKE '%pp-%'
ORDER BY id;

-- clean up
DROP PROCEDURE pp_proc();
DROP FUNCTION pp_declare(text), pp_under_support();
DROP TABLE pp_people;
SELECT pdp.revoke_purpose('regress_pp_app', 'pp_billing'), pdp.revoke_purpose('regress_pp_app', 'pp_support'),
       pdp.revoke_purpose('regress_pp_desk', 'pp_billing'), pdp.revoke_purpose('regress_pp_desk', 'pp_support');
DROP ROLE regress_pp_app, regress_pp_desk;
-- scope transaction no longer in use: a role stores its own default as before
SET ROLE regress_pp_plain;
ALTER ROLE regress_pp_plain SET pdp.purpose = 'pp_billing';
RESET ROLE;
SELECT s.setconfig FROM pg_db_role_setting s WHERE s.setrole = 'regress_pp_plain'::regrole;
DROP ROLE regress_pp_plain;
