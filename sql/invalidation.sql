-- A change to tags, policy or grants applies from the next statement of
-- every session, prepared statements included, without a reconnect.  A
-- second session is kept open through dblink.
\set VERBOSITY terse
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT dblink_connect('other', format('dbname=%s port=%s host=%s user=%s',
    current_database(), current_setting('port'),
    split_part(current_setting('unix_socket_directories'), ',', 1), current_user));
SELECT dblink_exec('other', 'SET pdp.mode = enforce');
SELECT dblink_exec('other', 'SET ROLE regress_app');
SELECT dblink_exec('other', 'SET pdp.purpose = ''billing''');
SELECT dblink_exec('other', 'PREPARE q AS SELECT income FROM customers WHERE id = 1');
CREATE FUNCTION other(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
    SELECT v INTO r FROM dblink('other', sql) AS t(v text);
    RETURN r;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR: ' || SQLERRM;
END $$;

SELECT other('SELECT income::text FROM customers WHERE id = 1');
SELECT other('EXECUTE q');
SELECT pdp.allow('billing', 'banking_customer_info');
SELECT other('SELECT income::text FROM customers WHERE id = 1');
SELECT other('EXECUTE q');
SELECT pdp.disallow('billing', 'banking_customer_info');
SELECT other('SELECT income::text FROM customers WHERE id = 1');
SELECT other('EXECUTE q');

-- grants
SELECT other('SELECT full_name FROM customers WHERE id = 1');
SELECT pdp.revoke_purpose('regress_app', 'billing');
SELECT other('SELECT full_name FROM customers WHERE id = 1');
SELECT pdp.grant_purpose('regress_app', 'billing');
SELECT other('SELECT full_name FROM customers WHERE id = 1');

-- tags
SELECT pdp.untag_column('customers', 'income');
SELECT other('EXECUTE q');
SECURITY LABEL FOR pdp ON COLUMN customers.income IS 'banking_customer_info';
SELECT other('EXECUTE q');

-- purposes
SELECT pdp.define_purpose('temporary', 'dropped below', 'contract');
SELECT pdp.grant_purpose('regress_app', 'temporary');
SELECT pdp.allow('temporary', 'full_name');
SELECT dblink_exec('other', 'SET pdp.purpose = ''temporary''');
SELECT other('SELECT full_name FROM customers WHERE id = 1');
SELECT pdp.drop_purpose('temporary');
SELECT other('SELECT full_name FROM customers WHERE id = 1');

-- an uncommitted change is not seen by others, and a rolled back one never
SELECT dblink_exec('other', 'SET pdp.purpose = ''billing''');
BEGIN;
SELECT pdp.untag_column('customers', 'income');
SELECT other('EXECUTE q');
ROLLBACK;
SELECT other('EXECUTE q');

-- group membership granted later counts at once
SELECT dblink_exec('other', 'RESET ROLE');
SELECT dblink_exec('other', 'SET ROLE regress_other');
SELECT dblink_exec('other', 'SET pdp.purpose = ''support''');
SELECT other('SELECT phone FROM customers WHERE id = 1');
GRANT regress_support TO regress_other;
SELECT other('SELECT phone FROM customers WHERE id = 1');
REVOKE regress_support FROM regress_other;
SELECT other('SELECT phone FROM customers WHERE id = 1');
SELECT dblink_disconnect('other');
DROP FUNCTION other(text);
