-- Names that do not trap, and a comment on everything pdp ships (issue 14):
-- \d+ and \df+ are how a DBA reads an extension.  Runs last: it sees every
-- object the earlier suites' pdp has.
\set VERBOSITY terse

-- every function of extension pdp has a comment (none listed)
SELECT p.oid::regprocedure AS function_without_comment
FROM pg_depend d
JOIN pg_proc p ON p.oid = d.objid
WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pdp')
  AND d.deptype = 'e'
  AND obj_description(p.oid, 'pg_proc') IS NULL
ORDER BY 1::text;

-- every table and view of extension pdp has one, and so has each of their
-- columns (none listed)
CREATE TEMP VIEW pdp_relations AS
SELECT c.oid, c.relname
FROM pg_depend d
JOIN pg_class c ON c.oid = d.objid
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pdp')
  AND d.deptype = 'e' AND c.relkind IN ('r', 'p', 'v', 'm');
SELECT oid::regclass AS relation_without_comment
FROM pdp_relations WHERE obj_description(oid, 'pg_class') IS NULL ORDER BY 1::text;
SELECT r.oid::regclass AS relation, a.attname AS column_without_comment
FROM pdp_relations r
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE col_description(r.oid, a.attnum) IS NULL
ORDER BY 1::text, a.attnum;
-- ... and the lists above are empty because everything is commented, not
-- because nothing was looked at: the audit trail's relations are all there
SELECT string_agg(relname, ', ' ORDER BY relname) AS audit_relations_checked
FROM pdp_relations
WHERE relname IN ('audit_log', 'audit_events', 'violations', 'access_summary',
                  'sensitive_access', 'bulk_reads', 'audit_chain', 'audit_inbox',
                  'audit_servers');
SELECT count(*) > 60 AS many_functions_checked FROM pg_depend d
WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pdp') AND d.deptype = 'e';

-- the role columns are session_role and role everywhere; the keywords are gone
SELECT r.oid::regclass AS relation, a.attname AS keyword_column
FROM pdp_relations r
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE a.attname IN ('session_user', 'current_user', 'user')
ORDER BY 1::text;
SELECT string_agg(r.relname, ', ' ORDER BY r.relname) AS relations_with_role_and_session_role
FROM pdp_relations r
WHERE EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attname = 'role')
  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attname = 'session_role');
-- unquoted, the names mean the columns: the trap of issue 14 (WHERE
-- current_user = 'r07' compared the auditor's own name) cannot happen
SELECT pdp.flush_audit();
SELECT count(*) > 0 AS regress_app_reads_found,
       count(*) = count(*) FILTER (WHERE session_role IS NOT NULL) AS session_role_set
FROM pdp.audit_events WHERE role = 'regress_app' AND kind = 'access';
SELECT count(*) > 0 AS found_in_every_view
FROM pdp.violations v JOIN pdp.access_summary s ON s.role = v.role
WHERE v.role = 'regress_app';
SELECT role, session_role FROM pdp.sensitive_access LIMIT 0;
SELECT role, session_role FROM pdp.bulk_reads LIMIT 0;
-- the subject report's audit part reads the renamed column
SELECT count(*) > 0 AS report_names_roles
FROM jsonb_array_elements(pdp.subject_report('1')->'audit_summary') e
WHERE e ? 'role' AND e->>'role' IS NOT NULL;
-- the old names are gone (quoted, they would be the columns again)
SELECT "current_user" FROM pdp.audit_events LIMIT 0;
SELECT "session_user" FROM pdp.violations LIMIT 0;
SELECT "current_user" FROM pdp.audit_log LIMIT 0;
DROP VIEW pdp_relations;
