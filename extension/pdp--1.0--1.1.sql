/* extension/pdp--1.0--1.1.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pdp UPDATE TO '1.1'" to load this file. \quit

/*
 * pdp 1.1.  A fresh CREATE EXTENSION pdp runs pdp--1.0.sql and then this
 * script, as ALTER EXTENSION pdp UPDATE does on an installed 1.0, so both
 * end up with the same objects (tests/t/008_upgrade.pl checks it).
 */

/*
 * ---------------------------------------------------------------------
 * The audit writer: audit_stats() says whether it runs, why not, when it
 * last stopped, and how many events backends hold because the queue was
 * full when they had to write them; this server's name and the events of
 * other servers it wrote; whether it is a standby (written then counts
 * the events the primary has stored) and, while its sender cannot send,
 * why (issue 13, section 2: audit_sender.c); the summaries of allowed
 * reads (issue 14, audit_summary.c): keys counting now, statements counted,
 * summary rows handed to the writer, statements recorded alone because the
 * summary table was full, and counts lost from a damaged saved file.
 * ---------------------------------------------------------------------
 */
DROP FUNCTION pdp.audit_stats();
CREATE FUNCTION pdp.audit_stats(
    OUT queued bigint, OUT written bigint, OUT dropped bigint,
    OUT pending bigint, OUT queue_bytes bigint, OUT high_water_bytes bigint,
    OUT queue_size_bytes bigint, OUT writer_pid int, OUT writer_state text,
    OUT writer_stopped_at timestamptz, OUT deferred bigint,
    OUT server text, OUT received bigint, OUT standby boolean, OUT writer_detail text,
    OUT summary_keys bigint, OUT summarized bigint, OUT summary_rows bigint,
    OUT summary_fallback bigint, OUT summary_lost bigint)
RETURNS record
AS 'MODULE_PATHNAME', 'pdp_audit_stats'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION pdp.audit_stats() IS 'the audit queue and its writer (on a standby: its sender): events queued, written (on a standby: stored on the primary), dropped and pending, queue use, writer state and why it cannot send; summaries of allowed reads: keys counting now, statements summarized, summary rows, statements recorded alone because the summary table was full (summary_fallback), counts lost from a damaged file';
REVOKE ALL ON FUNCTION pdp.audit_stats() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pdp.audit_stats() TO pdp_auditor, pdp_admin;

/*
 * ---------------------------------------------------------------------
 * Data-subject rights without running anyone's code with pdp's rights.
 * The statements on a subject table run as its owner, without that
 * owner's row-level security, and are the only statements exempt from
 * pdp's checks (rights.c); pdp.mode is no longer switched off, so
 * triggers and functions the owner wrote are checked like any other
 * code.  A subject's rows are selected by pdp._subject_predicate(),
 * which runs no code a table owner wrote.
 * ---------------------------------------------------------------------
 */
CREATE FUNCTION pdp._subject_predicate(rel regclass, col name, subject text) RETURNS text
AS 'MODULE_PATHNAME', 'pdp_subject_predicate'
LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION pdp._subject_text(value anyelement) RETURNS text
AS 'MODULE_PATHNAME', 'pdp_subject_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
REVOKE ALL ON FUNCTION pdp._subject_predicate(regclass, name, text) FROM PUBLIC;
-- the erasure's WHERE clause calls it as the table's owner
GRANT EXECUTE ON FUNCTION pdp._subject_text(anyelement) TO PUBLIC;

-- pdp.subject_report(): made again in the issue 14 block below (audit part)

CREATE OR REPLACE FUNCTION pdp.erase_subject(subject text, method text DEFAULT 'anonymize')
RETURNS TABLE (relation regclass, rows bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    t record;
    c record;
    v_where text;
    v_set text;

    v_done jsonb := '{}';
    v_left regclass[];
    v_next regclass;
BEGIN
    PERFORM pdp._check_subject(erase_subject.subject);
    PERFORM pdp._require_caller(NULL, 'erase a data subject');
    IF erase_subject.method IS NULL OR erase_subject.method NOT IN ('anonymize', 'delete') THEN
        RAISE EXCEPTION 'invalid erasure method "%"', erase_subject.method
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use ''anonymize'' (tagged columns set to NULL or their default) or ''delete''.';
    END IF;

    -- Tables whose rows reference others go first, so deletes meet no
    -- foreign key of another subject table (cycles: any order).
    v_left := ARRAY(SELECT r.rel FROM pdp._subject_roots() r);
    WHILE cardinality(v_left) > 0 LOOP
        SELECT x INTO v_next FROM unnest(v_left) x
        WHERE NOT EXISTS (
            SELECT 1 FROM pg_constraint k
            WHERE k.contype = 'f' AND k.confrelid = x AND k.conrelid <> x
              AND k.conrelid = ANY (v_left))
        ORDER BY x::text LIMIT 1;
        IF v_next IS NULL THEN
            v_next := v_left[1];
        END IF;
        v_left := array_remove(v_left, v_next);

        relation := v_next;
        v_where := pdp._subject_predicate(v_next, pdp._subject_column(v_next), erase_subject.subject);
        rows := 0;
        IF v_where IS NOT NULL AND erase_subject.method = 'delete' THEN
            rows := pdp._exec_as_owner(v_next, format('DELETE FROM %s WHERE %s', v_next, v_where));
        ELSIF v_where IS NOT NULL THEN
            v_set := NULL;
            FOR c IN SELECT p.column_name, a.attnotnull, a.atthasdef, a.attgenerated
                     FROM pdp.personal_columns p
                     JOIN pg_attribute a ON a.attrelid = p.relation AND a.attname = p.column_name
                     WHERE p.relation = v_next ORDER BY p.column_name
            LOOP
                CONTINUE WHEN c.attgenerated <> '';
                IF c.attnotnull AND NOT c.atthasdef THEN
                    RAISE EXCEPTION 'cannot anonymize column "%" of "%": it is NOT NULL and has no default',
                                    c.column_name, v_next
                        USING ERRCODE = 'not_null_violation',
                              HINT = 'Give the column a default, untag it, or erase with method ''delete''. Nothing was erased.';
                END IF;
                v_set := concat_ws(', ', v_set, format('%I = %s', c.column_name,
                                   CASE WHEN c.attnotnull THEN 'DEFAULT' ELSE 'NULL' END));
            END LOOP;
            IF v_set IS NOT NULL THEN
                rows := pdp._exec_as_owner(v_next, format('UPDATE %s SET %s WHERE %s', v_next, v_set, v_where));
            END IF;
        END IF;
        v_done := v_done || jsonb_build_object(v_next::text, rows);
        RETURN NEXT;
    END LOOP;

    PERFORM pdp._audit_event('subject', 'erase', NULL, NULL,
        jsonb_build_object('subject', erase_subject.subject, 'method', erase_subject.method,
                           'rows', v_done), true);
END
$$;

DROP FUNCTION pdp._subject_match(regclass, name, text);

/*
 * ---------------------------------------------------------------------
 * Consent import: many subjects in one call, with the same history (one
 * pdp.consent_log row per subject), the same current state and the same
 * cache behaviour as one grant_consent() per subject; one audit event
 * records the import (counts and the range of consent_log ids).
 * ---------------------------------------------------------------------
 */
CREATE FUNCTION pdp.import_consents(purpose text, subjects text[],
                                    expires_at timestamptz[] DEFAULT NULL,
                                    source text DEFAULT NULL,
                                    evidence text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_n bigint := cardinality(import_consents.subjects);
    v_by name;
    v_first bigint;
    v_last bigint;
    v_bad record;
BEGIN
    PERFORM pdp._purpose_must_exist(import_consents.purpose);
    PERFORM pdp._require_caller(import_consents.purpose,
                                format('record consent for purpose "%s"', import_consents.purpose));
    IF import_consents.subjects IS NULL THEN
        RAISE EXCEPTION 'subjects must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF array_ndims(import_consents.subjects) > 1
       OR array_ndims(import_consents.expires_at) > 1
       OR array_ndims(import_consents.evidence) > 1 THEN
        RAISE EXCEPTION 'subjects, expires_at and evidence must be one-dimensional arrays'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF (import_consents.expires_at IS NOT NULL AND cardinality(import_consents.expires_at) <> v_n)
       OR (import_consents.evidence IS NOT NULL AND cardinality(import_consents.evidence) <> v_n) THEN
        RAISE EXCEPTION 'expires_at and evidence must have one element per subject'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass NULL for none, or arrays as long as subjects (NULL elements allowed).';
    END IF;
    -- every subject checked before anything is written: all or nothing
    SELECT u.i, u.s, u.e INTO v_bad
    FROM unnest(import_consents.subjects, import_consents.expires_at)
         WITH ORDINALITY AS u(s, e, i)
    WHERE u.s IS NULL OR octet_length(u.s) NOT BETWEEN 1 AND 1024 OR u.e <= now()
    ORDER BY u.i LIMIT 1;
    IF FOUND THEN
        IF v_bad.s IS NULL THEN
            RAISE EXCEPTION 'subject % of the import is NULL', v_bad.i
                USING ERRCODE = 'null_value_not_allowed';
        ELSIF v_bad.e <= now() THEN
            RAISE EXCEPTION 'expires_at of subject "%" (element %) is not in the future', v_bad.s, v_bad.i
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Leave expired consents out, or pass NULL for consent without an end date.';
        ELSE
            RAISE EXCEPTION 'invalid subject identifier at element %', v_bad.i
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'A subject is identified by the 1 to 1024 bytes of its subject column value as text.';
        END IF;
    END IF;
    SELECT s INTO v_bad FROM unnest(import_consents.subjects) s GROUP BY s HAVING count(*) > 1 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'subject "%" appears more than once in the import', v_bad.s
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Import each subject once (for example SELECT DISTINCT ON (subject) ... ORDER BY subject, granted_at DESC).';
    END IF;
    IF v_n = 0 THEN
        RETURN 0;
    END IF;

    v_by := pdp._caller();
    WITH logged AS (
        INSERT INTO pdp.consent_log (subject, purpose, action, expires_at, source, evidence, recorded_by)
        SELECT u.s, import_consents.purpose, 'grant', u.e, import_consents.source, u.ev, v_by
        FROM unnest(import_consents.subjects, import_consents.expires_at, import_consents.evidence)
             WITH ORDINALITY AS u(s, e, ev, i)
        ORDER BY u.i
        RETURNING id, subject, expires_at
    ), current AS (
        INSERT INTO pdp.consent AS c (subject, purpose, expires_at, granted_at, consent_id)
        SELECT l.subject, import_consents.purpose, l.expires_at, now(), l.id FROM logged l
        ON CONFLICT ON CONSTRAINT consent_pkey DO UPDATE
            SET expires_at = excluded.expires_at, granted_at = excluded.granted_at,
                consent_id = excluded.consent_id
        RETURNING c.consent_id
    )
    SELECT min(consent_id), max(consent_id) INTO v_first, v_last FROM current;

    PERFORM pdp._audit_event('consent', 'import', import_consents.purpose, NULL,
        jsonb_build_object('subjects', v_n, 'first_consent_id', v_first,
                           'last_consent_id', v_last, 'source', import_consents.source), true);
    RETURN v_n;
END
$$;
COMMENT ON FUNCTION pdp.import_consents(text, text[], timestamptz[], text, text[]) IS 'records the consent of many subjects to one purpose (one history row per subject, one audit event for the import); all or nothing';

CREATE FUNCTION pdp.import_consents(purpose text, subjects bigint[],
                                    expires_at timestamptz[] DEFAULT NULL,
                                    source text DEFAULT NULL,
                                    evidence text[] DEFAULT NULL)
RETURNS bigint LANGUAGE sql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
RETURN pdp.import_consents(purpose, subjects::text[], expires_at, source, evidence);
COMMENT ON FUNCTION pdp.import_consents(text, bigint[], timestamptz[], text, text[]) IS 'import_consents for integer subject ids';
REVOKE ALL ON FUNCTION pdp.import_consents(text, text[], timestamptz[], text, text[]),
    pdp.import_consents(text, bigint[], timestamptz[], text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pdp.import_consents(text, text[], timestamptz[], text, text[]),
    pdp.import_consents(text, bigint[], timestamptz[], text, text[]) TO pdp_admin;

/*
 * The consent calls, import included, are open to the roles granted a
 * purpose: _sync_consent_privileges() keeps EXECUTE on them in step with
 * pdp.purpose_role.
 */
CREATE FUNCTION pdp._grant_consent_calls() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    f regprocedure;
    r record;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
             WHERE p.pronamespace = 'pdp'::regnamespace
               AND p.proname IN ('grant_consent', 'withdraw_consent', 'has_consent',
                                 'import_consents')
    LOOP
        FOR r IN SELECT DISTINCT g.role FROM pdp.purpose_role g
                 JOIN pg_roles ro ON ro.oid = g.role
                 WHERE NOT has_function_privilege(g.role, f, 'EXECUTE')
        LOOP
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %s', f, r.role::regrole);
        END LOOP;
        FOR r IN SELECT DISTINCT a.grantee FROM pg_proc p, aclexplode(p.proacl) a
                 WHERE p.oid = f AND a.grantee <> 0 AND a.grantee <> p.proowner
                   AND a.grantee <> 'pdp_admin'::regrole
                   AND NOT EXISTS (SELECT 1 FROM pdp.purpose_role g WHERE g.role = a.grantee)
        LOOP
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM %s', f, r.grantee::regrole);
        END LOOP;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION pdp._grant_consent_calls() FROM PUBLIC;

CREATE OR REPLACE FUNCTION pdp._sync_consent_privileges() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pdp._grant_consent_calls();
    RETURN NULL;
END
$$;
SELECT pdp._grant_consent_calls();

/*
 * ---------------------------------------------------------------------
 * The row filter's argument: the subject column as the filter reads it.
 * A column of a type a table owner created (an enum, a composite) is read
 * through its output function, never through a cast the owner may have
 * written: the policy runs as every reader of the table.
 * ---------------------------------------------------------------------
 */
CREATE FUNCTION pdp._subject_arg(typ regtype, col name) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN CASE
    WHEN typ IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype)
        THEN format('%I::bigint', col)
    WHEN COALESCE(nullif((SELECT t.typbasetype FROM pg_type t WHERE t.oid = typ), 0), typ::oid) < 16384
        THEN format('%I::text', col)
    ELSE format('pdp._subject_text(%I)', col)
END;
REVOKE ALL ON FUNCTION pdp._subject_arg(regtype, name) FROM PUBLIC;

-- Protect one table (no recursion); col is its subject column
CREATE OR REPLACE FUNCTION pdp._protect_one(rel regclass, col name) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_typ regtype;
    v_rls boolean;
    v_forced boolean;
    v_arg text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = rel AND p.polname = 'pdp_consent') THEN
        RETURN false;
    END IF;
    SELECT a.atttypid INTO v_typ FROM pg_attribute a
    WHERE a.attrelid = rel AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped;
    IF v_typ IS NULL THEN
        RAISE EXCEPTION 'relation "%" has no column "%"', rel, col
            USING ERRCODE = 'undefined_column';
    END IF;
    v_arg := pdp._subject_arg(v_typ, col);
    SELECT c.relrowsecurity, c.relforcerowsecurity INTO v_rls, v_forced
    FROM pg_class c WHERE c.oid = rel;
    -- policies first, then row security on and forced in one command, so
    -- the event trigger below never sees the table half protected
    EXECUTE format('CREATE POLICY pdp_consent ON %s AS RESTRICTIVE FOR ALL USING (pdp._row_visible(%L::regclass, %s)) WITH CHECK (true)',
                   rel, rel::text, v_arg);
    IF NOT v_rls THEN
        EXECUTE format('CREATE POLICY pdp_all_rows ON %s AS PERMISSIVE FOR ALL USING (true) WITH CHECK (true)', rel);
    END IF;
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', rel);
    EXECUTE format('COMMENT ON POLICY pdp_consent ON %s IS %L', rel,
                   format('pdp row protection; before: row security %s, forced %s',
                          CASE WHEN v_rls THEN 'on' ELSE 'off' END,
                          CASE WHEN v_forced THEN 'on' ELSE 'off' END));
    RETURN true;
END
$$;


-- policies 1.0 made on subject columns of such types
DO $$
DECLARE
    p record;
BEGIN
    FOR p IN SELECT c.oid::regclass AS rel, a.attname AS col, a.atttypid::regtype AS typ
             FROM pg_policy pol
             JOIN pg_class c ON c.oid = pol.polrelid
             JOIN pg_seclabel s ON s.objoid = c.oid AND s.classoid = 'pg_class'::regclass
                               AND s.provider = 'pdp_subject' AND s.objsubid > 0
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = s.objsubid
             WHERE pol.polname = 'pdp_consent'
               AND pdp._subject_arg(a.atttypid::regtype, a.attname) LIKE 'pdp._subject_text(%'
    LOOP
        EXECUTE format('ALTER POLICY pdp_consent ON %s USING (pdp._row_visible(%L::regclass, %s))',
                       p.rel, p.rel::text, pdp._subject_arg(p.typ, p.col));
    END LOOP;
END
$$;

/*
 * A partition being detached keeps the row protection its partitioned
 * table gave it (ddl.c calls this before DETACH PARTITION, once the
 * partition's subject column is its own).  Not callable by users.
 */
CREATE FUNCTION pdp._keep_row_protection(part regclass) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_col name;
BEGIN
    v_col := pdp._subject_column(part);
    IF v_col IS NULL OR NOT pdp._protect_one(part, v_col) THEN
        RETURN false;
    END IF;
    PERFORM pdp._audit_event('config', 'protect_rows', NULL, part::text, NULL, true);
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION pdp._keep_row_protection(regclass) FROM PUBLIC;

/*
 * ---------------------------------------------------------------------
 * What PUBLIC may execute in schema pdp (issue 12, section 6): the two
 * functions that row-level security policies call with the rights of
 * whoever reads a protected table, and nothing else.  pdp._row_visible
 * answers only as the row filter of a protected table the statement scans
 * (rowfilter.c); pdp._subject_text only turns a value into its text.
 * Functions are created executable by PUBLIC: this sweep keeps any one an
 * earlier step forgot to revoke from being callable by every role
 * (sql/leak_inputs.sql lists the result).
 * ---------------------------------------------------------------------
 */
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA pdp FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pdp._row_visible(regclass, text), pdp._row_visible(regclass, bigint),
    pdp._subject_text(anyelement) TO PUBLIC;

/*
 * ---------------------------------------------------------------------
 * One audit trail for the whole cluster (issue 13, section 2): events of
 * hot standbys reach the primary's trail.  A standby's sender calls
 * pdp._audit_receive() on the primary as a member of pdp_audit_sender;
 * the records wait in pdp.audit_inbox until the writer chains them into
 * pdp.audit_log with the server they happened on (audit_inbox.c).
 * pdp.audit_servers says what each standby sent.  Every event names its
 * server; rows written before 1.1 have none (NULL), and the hash encodes
 * the server only when it is set, so they still verify.
 * ---------------------------------------------------------------------
 */
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pdp_audit_sender') THEN
        CREATE ROLE pdp_audit_sender NOLOGIN;
    END IF;
END
$$;

ALTER TABLE pdp.audit_log ADD COLUMN server text;
COMMENT ON COLUMN pdp.audit_log.server IS 'the server the event happened on (pdp.server_name); NULL for events written before pdp 1.1';

CREATE TABLE pdp.audit_inbox (
    server      text NOT NULL,
    epoch       bigint NOT NULL,
    seq         bigint NOT NULL,
    record      bytea NOT NULL,
    received_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (server, epoch, seq)
);
COMMENT ON TABLE pdp.audit_inbox IS 'events of other servers received by pdp._audit_receive, until the audit writer moves them into pdp.audit_log';

CREATE TABLE pdp.audit_servers (
    server         text NOT NULL,
    epoch          bigint NOT NULL,
    last_seq       bigint NOT NULL DEFAULT 0,
    received       bigint NOT NULL DEFAULT 0,
    missing        bigint NOT NULL DEFAULT 0,
    first_received timestamptz NOT NULL DEFAULT pg_catalog.now(),
    last_received  timestamptz,
    sent_by        name,
    PRIMARY KEY (server, epoch)
);
COMMENT ON TABLE pdp.audit_servers IS 'per standby and queue epoch: the last event number received, events received, numbers that never arrived, when, and the login role that delivered them';
-- the login role a standby delivers as, registered by a superuser
CREATE TABLE pdp.audit_senders (
    server text PRIMARY KEY,
    sender regrole NOT NULL,
    since  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE pdp.audit_senders IS 'the login role each standby delivers its audit events and quota counts as (pdp.register_standby); deliveries by any other role are refused';
REVOKE ALL ON pdp.audit_inbox, pdp.audit_servers, pdp.audit_senders FROM PUBLIC;
GRANT SELECT ON pdp.audit_servers, pdp.audit_senders TO pdp_auditor, pdp_admin;

CREATE FUNCTION pdp.register_standby(server text, sender regrole) RETURNS void
AS 'MODULE_PATHNAME', 'pdp_register_standby'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION pdp.register_standby(text, regrole) IS 'the login role whose deliveries are taken as this standby''s audit events and quota counts (superusers only; sender NULL removes it)';
REVOKE ALL ON FUNCTION pdp.register_standby(text, regrole) FROM PUBLIC;

CREATE FUNCTION pdp._audit_receive(server text, epoch bigint, first_seq bigint, records bytea)
RETURNS bigint
AS 'MODULE_PATHNAME', 'pdp_audit_receive'
LANGUAGE C VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION pdp._audit_receive(text, bigint, bigint, bytea) IS 'stores audit events of another server (a standby''s sender calls it); returns the last event number stored for that server and epoch';
REVOKE ALL ON FUNCTION pdp._audit_receive(text, bigint, bigint, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pdp._audit_receive(text, bigint, bigint, bytea), pdp.flush_audit()
    TO pdp_audit_sender;

-- the views over pdp.audit_log show server from the issue 14 block below,
-- which makes them again (with its other columns)

/*
 * ---------------------------------------------------------------------
 * Backups by a non-superuser (issue 13, section 5).  pdp_backup: a
 * NOLOGIN role that only a superuser grants.  A member's read-only
 * statements in a read-only transaction (what pg_dump runs) see every row
 * of protected tables and every tagged column, each recorded as decision
 * "bypass", reason "backup" (backup.c).  It may read pdp's configuration
 * and consent state, the tables pg_dump dumps as extension configuration;
 * not the audit trail.
 * ---------------------------------------------------------------------
 */
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pdp_backup') THEN
        CREATE ROLE pdp_backup NOLOGIN;
    END IF;
END
$$;
GRANT SELECT ON pdp.category, pdp.purpose, pdp.purpose_category, pdp.purpose_role,
    pdp.purpose_limit, pdp.consent_log, pdp.consent, pdp.restriction TO pdp_backup;
GRANT SELECT ON SEQUENCE pdp.consent_log_id_seq TO pdp_backup;

/*
 * ---------------------------------------------------------------------
 * Daily quotas for the cluster (issue 13, section 3).  Each server counts
 * its own reads in shared memory; the counts of every server meet in these
 * tables of pdp.audit_database on the primary and reach the standbys by
 * replication (src/quota_cluster.c).  Only pdp writes them.
 * pdp_audit_sender (created above): the role a hot standby connects to the
 * primary as, to deliver its audit events and quota counts.
 * ---------------------------------------------------------------------
 */
-- per server: when the latest delivery stored was exported, and received
CREATE TABLE pdp.quota_servers (
    server text PRIMARY KEY,
    exported_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL
);

-- per server and (database, role, purpose): reads in 96 buckets of 15
-- minutes; counts[96] is bucket last_bucket (15-minute periods since
-- 2000-01-01 00:00 UTC), counts[1] the one 95 buckets earlier
CREATE TABLE pdp.quota_counts (
    server text NOT NULL,
    database oid NOT NULL,
    role oid NOT NULL,
    purpose text NOT NULL,
    last_bucket bigint NOT NULL,
    counts bigint[] NOT NULL CHECK (pg_catalog.cardinality(counts) = 96),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (server, database, role, purpose)
);
REVOKE ALL ON pdp.quota_servers, pdp.quota_counts FROM PUBLIC;
GRANT SELECT ON pdp.quota_servers, pdp.quota_counts TO pdp_admin, pdp_auditor;

CREATE FUNCTION pdp._quota_receive(server text, counts bytea) RETURNS void
AS 'MODULE_PATHNAME', 'pdp_quota_receive'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE FUNCTION pdp._quota_export() RETURNS bytea
AS 'MODULE_PATHNAME', 'pdp_quota_export_sql'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE FUNCTION pdp._quota_refresh() RETURNS void
AS 'MODULE_PATHNAME', 'pdp_quota_refresh'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE FUNCTION pdp._quota_usage_cluster(OUT role oid, OUT purpose text,
    OUT records_24h bigint, OUT records_24h_here bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'pdp_quota_usage'
LANGUAGE C VOLATILE PARALLEL SAFE;

-- records_24h: the cluster's total, which the limit is checked against;
-- records_24h_here: this server's part of it
CREATE OR REPLACE VIEW pdp.quota_usage AS
SELECT q.role::pg_catalog.regrole AS role, q.purpose, q.records_24h,
       COALESCE(own.max_records_per_day, every.max_records_per_day) AS "limit",
       q.records_24h_here
FROM pdp._quota_usage_cluster() q
LEFT JOIN pdp.purpose_limit own ON own.purpose = q.purpose AND own.role = q.role
LEFT JOIN pdp.purpose_limit every ON every.purpose = q.purpose AND every.role IS NULL;

REVOKE ALL ON FUNCTION pdp._quota_receive(text, bytea), pdp._quota_export(),
    pdp._quota_refresh(), pdp._quota_usage_cluster() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pdp._quota_receive(text, bytea) TO pdp_audit_sender;
GRANT EXECUTE ON FUNCTION pdp._quota_export(), pdp._quota_refresh() TO pdp_admin;
GRANT EXECUTE ON FUNCTION pdp._quota_usage_cluster() TO pdp_admin, pdp_auditor;

/*
 * ---------------------------------------------------------------------
 * pdp's triggers fire whatever session_replication_role says (issue 13):
 * with replica (a superuser's setting, or one stored for a role) and in
 * logical replication's apply, ordinary triggers do not fire, so consent
 * and configuration changes went unseen by open sessions - on the primary
 * and on every standby - and configuration changes unrecorded.  ENABLE
 * ALWAYS; and nobody may switch them (ddl.c, pdp_ddl_guard_triggers).
 * So is the append-only guard of the consent history, which has no hash
 * chain.  The append-only guards of the audit tables are left as they
 * are: the hash chain, not the guard, is what shows a superuser's edit.
 * ---------------------------------------------------------------------
 */
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT tg.tgrelid::regclass AS rel, tg.tgname
             FROM pg_catalog.pg_trigger tg
             JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
             WHERE c.relnamespace = 'pdp'::regnamespace AND NOT tg.tgisinternal
               AND tg.tgname IN ('config_changed', 'config_audit', 'config_audit_truncate',
                                 'consent_changed', 'consent_truncated', 'sync_consent_privileges')
             ORDER BY 1, 2
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER %I', t.rel, t.tgname);
    END LOOP;
END
$$;
-- the consent history has no hash chain: its append-only guard fires always
ALTER TABLE pdp.consent_log ENABLE ALWAYS TRIGGER append_only;
ALTER TABLE pdp.consent_log ENABLE ALWAYS TRIGGER append_only_truncate;
ALTER EVENT TRIGGER pdp_guard_row_protection_drop ENABLE ALWAYS;
ALTER EVENT TRIGGER pdp_guard_row_protection_ddl ENABLE ALWAYS;

/*
 * ---------------------------------------------------------------------
 * issue 14: compact audit rows (part 2, writer and storage).  The three
 * name columns of pdp.audit_log take 64 bytes each in every row whatever
 * they hold (192 of a row of about 560); as text they take what they hold.
 * The hash encodes a name and a text alike (audit_hash.c: its bytes), so
 * rows written before keep verifying and the chain goes on; the writer
 * writes either type (audit_writer.c).  The views over these columns must
 * go for the retype: they are made again as they were, with their owner,
 * the privileges anyone was given on them (columns, grant options, by
 * whom) and their initial privileges (pg_init_privs) as they were.  A view of someone else's on these
 * columns makes the update fail (PostgreSQL refuses the retype and names
 * it): drop it, update, and make it again.
 * The role columns still have their 1.0 names here; the block after this
 * one renames them.
 * ---------------------------------------------------------------------
 */
CREATE TEMPORARY TABLE pdp_retype_acl ON COMMIT DROP AS
SELECT c.relname, NULL::name AS attname, a.grantor, a.grantee, a.privilege_type,
       a.is_grantable, false AS done
FROM pg_catalog.pg_class c
CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
WHERE c.relnamespace = 'pdp'::regnamespace
  AND c.relname IN ('audit_events', 'violations', 'access_summary',
                    'sensitive_access', 'bulk_reads')
  AND a.grantee <> c.relowner
UNION ALL
-- column privileges (GRANT SELECT (id, kind) ON ...)
SELECT c.relname, t.attname, a.grantor, a.grantee, a.privilege_type,
       a.is_grantable, false
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_attribute t ON t.attrelid = c.oid AND t.attnum > 0 AND NOT t.attisdropped
CROSS JOIN LATERAL pg_catalog.aclexplode(t.attacl) a
WHERE c.relnamespace = 'pdp'::regnamespace
  AND c.relname IN ('audit_events', 'violations', 'access_summary',
                    'sensitive_access', 'bulk_reads')
  AND a.grantee <> c.relowner;
-- the owners and the initial privileges (pg_init_privs: what pg_dump
-- compares privileges with) the views had: a GRANT in an update script
-- records the whole ACL as initial, so the privileges re-granted below
-- would become "the extension's own" and vanish from every dump (and a
-- REVOKE a DBA made come back at restore)
CREATE TEMPORARY TABLE pdp_retype_owner ON COMMIT DROP AS
SELECT c.relname, c.relowner
FROM pg_catalog.pg_class c
WHERE c.relnamespace = 'pdp'::regnamespace
  AND c.relname IN ('audit_events', 'violations', 'access_summary',
                    'sensitive_access', 'bulk_reads');
CREATE TEMPORARY TABLE pdp_retype_initprivs ON COMMIT DROP AS
SELECT c.relname, t.attname, ip.privtype, ip.initprivs
FROM pg_catalog.pg_init_privs ip
JOIN pg_catalog.pg_class c ON c.oid = ip.objoid
LEFT JOIN pg_catalog.pg_attribute t ON t.attrelid = c.oid AND t.attnum = ip.objsubid
WHERE ip.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND c.relnamespace = 'pdp'::regnamespace
  AND c.relname IN ('audit_events', 'violations', 'access_summary',
                    'sensitive_access', 'bulk_reads');
DROP VIEW pdp.violations, pdp.sensitive_access, pdp.bulk_reads, pdp.access_summary;
DROP VIEW pdp.audit_events;
ALTER TABLE pdp.audit_log
    ALTER COLUMN database TYPE text,
    ALTER COLUMN "session_user" TYPE text,
    ALTER COLUMN "current_user" TYPE text;
CREATE VIEW pdp.audit_events AS
SELECT id, event_time, kind, decision, reason, database, "session_user",
       "current_user", application_name, client_addr, backend_pid, purpose,
       command, relation, columns, categories, sensitive, rows, records_read,
       query, query_id, detail, server
FROM pdp.audit_log;
CREATE VIEW pdp.violations AS
SELECT * FROM pdp.audit_events
WHERE kind = 'access' AND decision IN ('violation', 'blocked');
CREATE VIEW pdp.access_summary AS
SELECT (e.event_time AT TIME ZONE 'UTC')::date AS day,
       e."current_user" AS role,
       e.purpose,
       c.category,
       count(*) AS statements,
       sum(e.rows) AS rows,
       sum(e.records_read) AS records_read
FROM pdp.audit_log e
CROSS JOIN LATERAL pg_catalog.unnest(e.categories) AS c(category)
WHERE e.kind = 'access' AND e.decision IN ('allowed', 'violation', 'bypass')
GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW pdp.access_summary IS 'reads of personal data per day (UTC), role, purpose and category; blocked attempts excluded';
CREATE VIEW pdp.sensitive_access AS
SELECT * FROM pdp.audit_events
WHERE kind = 'access' AND sensitive AND decision <> 'blocked';
COMMENT ON VIEW pdp.sensitive_access IS 'reads of sensitive categories; blocked attempts are in pdp.violations';
CREATE VIEW pdp.bulk_reads AS
SELECT * FROM pdp.audit_events
WHERE kind = 'access' AND decision <> 'blocked'
  AND records_read > pg_catalog.current_setting('pdp.bulk_read_threshold')::bigint;
COMMENT ON VIEW pdp.bulk_reads IS 'statements that read more than pdp.bulk_read_threshold records of personal data';
REVOKE ALL ON pdp.audit_events, pdp.violations, pdp.access_summary,
    pdp.sensitive_access, pdp.bulk_reads FROM PUBLIC;
/*
 * Each privilege again as it was: on the view or on its column, with its
 * grant option, and by the role that gave it (as that role, once it holds
 * the grant option again: REVOKE ... CASCADE from it still reaches the
 * roles it granted to).  A grant its grantor cannot make again (say, no
 * USAGE on schema pdp any more) is made by the owner, with a WARNING.
 */
DO $$
DECLARE
    g record;
    v oid;
    owner oid;
    ready boolean;
    progress boolean := true;
    what text;
    was text := pg_catalog.current_setting('role');
    back text;
BEGIN
    -- back to the role the update runs as (RESET ROLE could leave a SET ROLE)
    back := CASE WHEN was = 'none' THEN 'RESET ROLE'
                 ELSE pg_catalog.format('SET LOCAL ROLE %I', was) END;
    FOR g IN SELECT * FROM pdp_retype_owner LOOP
        EXECUTE pg_catalog.format('ALTER VIEW pdp.%I OWNER TO %I', g.relname,
            (SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid = g.relowner));
    END LOOP;
    WHILE progress LOOP
        progress := false;
        FOR g IN SELECT ctid AS row_ctid, * FROM pdp_retype_acl WHERE NOT done LOOP
            v := pg_catalog.to_regclass(pg_catalog.format('pdp.%I', g.relname));
            SELECT c.relowner INTO owner FROM pg_catalog.pg_class c WHERE c.oid = v;
            ready := g.grantor = owner OR
                CASE WHEN g.attname IS NULL
                     THEN pg_catalog.has_table_privilege(g.grantor, v, g.privilege_type || ' WITH GRANT OPTION')
                     ELSE pg_catalog.has_column_privilege(g.grantor, v, g.attname, g.privilege_type || ' WITH GRANT OPTION')
                END;
            CONTINUE WHEN NOT ready;
            what := pg_catalog.format('GRANT %s%s ON pdp.%I TO %s%s', g.privilege_type,
                CASE WHEN g.attname IS NULL THEN '' ELSE pg_catalog.format(' (%I)', g.attname) END,
                g.relname,
                CASE WHEN g.grantee = 0 THEN 'PUBLIC'
                     ELSE (SELECT pg_catalog.quote_ident(r.rolname) FROM pg_catalog.pg_roles r
                           WHERE r.oid = g.grantee) END,
                CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
            IF g.grantor = owner THEN
                EXECUTE what;
            ELSE
                BEGIN
                    EXECUTE pg_catalog.format('SET LOCAL ROLE %I',
                        (SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid = g.grantor));
                    EXECUTE what;
                    EXECUTE back;
                EXCEPTION WHEN OTHERS THEN
                    EXECUTE back;
                    RAISE WARNING 'pdp update: % could not be made again by %, made by the owner of the view',
                        what, g.grantor::regrole;
                    EXECUTE what;
                END;
            END IF;
            UPDATE pdp_retype_acl SET done = true WHERE ctid = g.row_ctid;
            progress := true;
        END LOOP;
    END LOOP;
    -- grants whose grantor never got its grant option back: by the owner
    FOR g IN SELECT * FROM pdp_retype_acl WHERE NOT done LOOP
        RAISE WARNING 'pdp update: % on pdp.% to % was granted by %, who has no grant option for it now: granted by the owner of the view',
            g.privilege_type, g.relname, CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE g.grantee::regrole::text END,
            g.grantor::regrole;
        EXECUTE pg_catalog.format('GRANT %s%s ON pdp.%I TO %s%s', g.privilege_type,
            CASE WHEN g.attname IS NULL THEN '' ELSE pg_catalog.format(' (%I)', g.attname) END,
            g.relname,
            CASE WHEN g.grantee = 0 THEN 'PUBLIC'
                 ELSE (SELECT pg_catalog.quote_ident(r.rolname) FROM pg_catalog.pg_roles r
                       WHERE r.oid = g.grantee) END,
            CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;
END
$$;
-- the initial privileges as they were (the 1.0 script's, as a fresh
-- install has them): what the DBA changed since stays a change for pg_dump
DELETE FROM pg_catalog.pg_init_privs ip
USING pg_catalog.pg_class c
WHERE ip.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ip.objoid = c.oid
  AND c.relnamespace = 'pdp'::regnamespace
  AND c.relname IN ('audit_events', 'violations', 'access_summary',
                    'sensitive_access', 'bulk_reads');
INSERT INTO pg_catalog.pg_init_privs (objoid, classoid, objsubid, privtype, initprivs)
SELECT c.oid, 'pg_catalog.pg_class'::pg_catalog.regclass, COALESCE(t.attnum, 0), s.privtype, s.initprivs
FROM pdp_retype_initprivs s
JOIN pg_catalog.pg_class c ON c.relname = s.relname AND c.relnamespace = 'pdp'::regnamespace
LEFT JOIN pg_catalog.pg_attribute t ON t.attrelid = c.oid AND t.attname = s.attname
WHERE s.attname IS NULL OR t.attnum IS NOT NULL;
DROP TABLE pdp_retype_acl, pdp_retype_owner, pdp_retype_initprivs;

/*
 * ---------------------------------------------------------------------
 * issue 14: names
 *
 * The role columns of the audit trail were named "session_user" and
 * "current_user": SQL keywords that, unquoted, are the functions, so
 * WHERE current_user = 'r07' compared the auditor's own name and matched
 * nothing.  They are session_role and role, in pdp.audit_log and in every
 * view over it.  Renamed in place (ALTER ... RENAME COLUMN), not dropped
 * and made again: grants and comments stay as they are.
 * Rows keep their hashes: the chain encodes values by position.
 *
 * Then a comment on every table, view, column and function of pdp, for
 * \d+ and \df+ (sql/comments.sql lists any that lacks one).
 * ---------------------------------------------------------------------
 */
ALTER TABLE pdp.audit_log RENAME COLUMN "session_user" TO session_role;
ALTER TABLE pdp.audit_log RENAME COLUMN "current_user" TO role;
-- views keep the names their columns had when made; access_summary already
-- calls its column role, and reads audit_log's by position
ALTER VIEW pdp.audit_events RENAME COLUMN "session_user" TO session_role;
ALTER VIEW pdp.audit_events RENAME COLUMN "current_user" TO role;
ALTER VIEW pdp.violations RENAME COLUMN "session_user" TO session_role;
ALTER VIEW pdp.violations RENAME COLUMN "current_user" TO role;
ALTER VIEW pdp.sensitive_access RENAME COLUMN "session_user" TO session_role;
ALTER VIEW pdp.sensitive_access RENAME COLUMN "current_user" TO role;
ALTER VIEW pdp.bulk_reads RENAME COLUMN "session_user" TO session_role;
ALTER VIEW pdp.bulk_reads RENAME COLUMN "current_user" TO role;

-- a PL/pgSQL body names columns in text: the audit part reads the new name
CREATE OR REPLACE FUNCTION pdp.subject_report(subject text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    v_where text;
    v_cols text;
    v_rows jsonb;
    v_tables jsonb := '[]';
    v_names text[] := '{}';
    v_audit jsonb;
    v_events jsonb;
    v_total bigint;
    v_note text;
BEGIN
    PERFORM pdp._check_subject(subject_report.subject);
    PERFORM pdp._require_caller(NULL, 'report on a data subject');
    FOR t IN SELECT * FROM pdp._subject_roots() LOOP
        SELECT string_agg(format('%I', c.column_name), ', ' ORDER BY c.column_name),
               COALESCE(jsonb_object_agg(c.column_name, c.category), '{}')
        INTO v_cols, v_rows
        FROM pdp.personal_columns c WHERE c.relation = t.rel;
        v_where := pdp._subject_predicate(t.rel, t.col, subject_report.subject);
        v_names := v_names || ARRAY(SELECT p::text FROM pdp._relation_tree(t.rel) p);
        v_tables := v_tables || jsonb_build_array(jsonb_build_object(
            'relation', t.rel::text,
            'subject_column', t.col,
            'categories', v_rows,
            'rows', CASE WHEN v_where IS NULL THEN '[]'::jsonb ELSE NULL END));
        IF v_where IS NOT NULL THEN
            v_rows := pdp._json_as_owner(t.rel,
                format('SELECT COALESCE(jsonb_agg(to_jsonb(x)), ''[]'') FROM (SELECT %s FROM %s WHERE %s) x',
                       concat_ws(', ', format('%I', t.col), v_cols), t.rel, v_where));
            v_tables := jsonb_set(v_tables, ARRAY[(jsonb_array_length(v_tables) - 1)::text, 'rows'], v_rows);
        END IF;
    END LOOP;

    IF current_database() = current_setting('pdp.audit_database') THEN
        PERFORM pdp.flush_audit();          -- reads recorded so far are in the table
        SELECT COALESCE(jsonb_agg(r ORDER BY r.first_at), '[]') INTO v_audit FROM (
            SELECT e.relation, e.purpose, e.role, e.decision,
                   sum(COALESCE(e.statements, CASE WHEN e.kind = 'access' AND e.decision = 'allowed' AND e.detail ? 'first_time' AND (e.detail ->> 'statements') ~ '^[0-9]{1,18}$' THEN (e.detail ->> 'statements')::bigint END, 1)) AS statements,
                   min(COALESCE(e.first_time, e.event_time)) AS first_at,
                   max(e.event_time) AS last_at
            FROM pdp.audit_log e
            WHERE e.kind = 'access' AND e.database = current_database()
              AND e.relation = ANY (v_names)
            GROUP BY 1, 2, 3, 4) r;
        SELECT COALESCE(jsonb_agg(r ORDER BY r.id DESC), '[]') INTO v_events FROM (
            SELECT e.id, e.event_time, e.relation, e.purpose, e.role,
                   e.decision, e.reason, e.command, e.rows, e.records_read,
                   e.statements, e.first_time
            FROM pdp.audit_log e
            WHERE e.kind = 'access' AND e.database = current_database()
              AND e.relation = ANY (v_names)
            ORDER BY e.id DESC LIMIT 1000) r;
        SELECT COALESCE(sum(COALESCE(e.statements, CASE WHEN e.kind = 'access' AND e.decision = 'allowed' AND e.detail ? 'first_time' AND (e.detail ->> 'statements') ~ '^[0-9]{1,18}$' THEN (e.detail ->> 'statements')::bigint END, 1)), 0) INTO v_total FROM pdp.audit_log e
        WHERE e.kind = 'access' AND e.database = current_database()
          AND e.relation = ANY (v_names);
        v_note := 'pdp records reads per statement and table, not per row: these statements read a table holding this person''s rows, under the purposes shown; whether this person''s row was among the rows read is not recorded. Allowed reads are recorded as summaries (one row for many statements, with statements, first_time and event_time as the last) unless pdp.log_allowed = statement. audit_events lists the 1000 most recent rows, audit_events_total counts statements, audit_summary all of them.';
    ELSE
        v_audit := NULL;
        v_note := format('the audit trail is kept in database %s; run pdp.subject_report there for reads', current_setting('pdp.audit_database'));
    END IF;

    PERFORM pdp._audit_event('subject', 'report', NULL, NULL,
        jsonb_build_object('subject', subject_report.subject), false);
    RETURN jsonb_build_object(
        'subject', subject_report.subject,
        'generated_at', now(),
        'tables', v_tables,
        -- named keys rather than to_jsonb() of a view's row: PostgreSQL
        -- 15's to_jsonb(composite) keeps pointers to the row type's column
        -- names, which a cache invalidation during the call frees
        -- (seen under debug_discard_caches: every key read as garbage)
        'consents', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                            'purpose', c.purpose, 'status', c.status, 'granted_at', c.granted_at,
                            'expires_at', c.expires_at, 'withdrawn_at', c.withdrawn_at,
                            'source', c.source, 'evidence', c.evidence,
                            'restricted', c.restricted, 'in_force', c.in_force) ORDER BY c.purpose), '[]')
                     FROM pdp.consents c WHERE c.subject = subject_report.subject),
        'consent_history', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                            'id', h.id, 'event_time', h.event_time, 'purpose', h.purpose,
                            'action', h.action, 'expires_at', h.expires_at, 'source', h.source,
                            'evidence', h.evidence, 'reason', h.reason, 'recorded_by', h.recorded_by)
                            ORDER BY h.id), '[]')
                            FROM pdp.consent_history h WHERE h.subject = subject_report.subject),
        'restriction', (SELECT jsonb_build_object('reason', r.reason, 'since', r.since,
                                                  'recorded_by', r.recorded_by)
                        FROM pdp.restrictions r WHERE r.subject = subject_report.subject),
        'restrictions', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                            'id', h.id, 'event_time', h.event_time, 'action', h.action,
                            'reason', h.reason, 'recorded_by', h.recorded_by) ORDER BY h.id), '[]')
                         FROM pdp.consent_history h
                         WHERE h.subject = subject_report.subject AND h.action IN ('restrict', 'lift')),
        'audit_events', v_events,
        'audit_events_total', v_total,
        'audit_summary', v_audit,
        'audit_precision', v_note);
END
$$;

/* Tables and views */
COMMENT ON TABLE pdp.audit_chain IS 'where the audit chain starts and ends: one row, kept by the audit writer and moved by purge_audit(); read by verify_audit_log()';
COMMENT ON TABLE pdp.category IS 'personal data categories: builtin rows are the default taxonomy (not dumped), others come from define_category()';
COMMENT ON TABLE pdp.purpose IS 'processing purposes a session may declare with SET pdp.purpose (define_purpose, drop_purpose)';
COMMENT ON TABLE pdp.purpose_category IS 'which purposes may read which categories (allow, disallow); read it through pdp.policy';
COMMENT ON TABLE pdp.purpose_role IS 'which roles (and their members) may act under which purposes (grant_purpose, revoke_purpose)';
COMMENT ON TABLE pdp.purpose_limit IS 'bulk-disclosure limits per purpose, for one role or (role NULL) every role (set_limit, drop_limit)';
COMMENT ON TABLE pdp.consent IS 'consent in force now, one row per purpose and subject; kept by the consent calls, read by the row filter''s cache';
COMMENT ON TABLE pdp.restriction IS 'subjects whose processing is restricted now (restrict_processing, lift_restriction)';
COMMENT ON TABLE pdp.quota_servers IS 'per server: when its latest quota counts were exported and stored here (written by pdp only)';
COMMENT ON TABLE pdp.quota_counts IS 'per server, database, role and purpose: records read in the last 24 hours, in 96 buckets of 15 minutes (written by pdp only)';
COMMENT ON VIEW pdp.audit_events IS 'every audit event (pdp.audit_log without its hash columns): the view auditors read';
COMMENT ON VIEW pdp.violations IS 'access events refused (blocked, enforce mode) or that would have been (violation, log mode)';
COMMENT ON VIEW pdp.personal_columns IS 'every tagged column with its category; partitions inherit their ancestors'' tags by column name';
COMMENT ON VIEW pdp.policy IS 'which purposes may read which categories';
COMMENT ON VIEW pdp.purpose_grants IS 'which roles may act under which purposes';
COMMENT ON VIEW pdp.limits IS 'bulk-disclosure limits per purpose and role; role NULL: the limit of every role without one of its own';
COMMENT ON VIEW pdp.quota_usage IS 'records of personal data each role read per purpose in the last 24 hours, against its daily limit';
COMMENT ON VIEW pdp.subject_tables IS 'tables with a subject column (set_subject_column), and whether their rows are protected (protect_rows)';
COMMENT ON VIEW pdp.consent_history IS 'every consent grant, withdrawal, restriction and lift ever recorded, oldest first by id';
COMMENT ON VIEW pdp.restrictions IS 'subjects whose processing is restricted now, since when, why and by whom';

/* The audit trail: pdp.audit_log, then the same words for its views */
COMMENT ON COLUMN pdp.audit_log.id IS 'position in the hash chain: increasing, assigned by the audit writer in the order events are written';
COMMENT ON COLUMN pdp.audit_log.event_time IS 'when the event happened (for an access: when the decision was taken), to the microsecond';
COMMENT ON COLUMN pdp.audit_log.kind IS 'access (a read or write of tagged columns), config, consent, subject (report, erase) or audit (the trail itself: gaps, queue restarts)';
COMMENT ON COLUMN pdp.audit_log.decision IS 'access: allowed, violation (log mode), blocked (enforce mode), bypass, hidden or redacted; other kinds: what was done (grant, erase, ...); NULL for config changes';
COMMENT ON COLUMN pdp.audit_log.reason IS 'why: no_purpose, unknown_purpose, purpose_not_granted, category_not_allowed, superuser, backup, a limit, the config operation; NULL when there is nothing to explain';
COMMENT ON COLUMN pdp.audit_log.database IS 'the database the event happened in';
COMMENT ON COLUMN pdp.audit_log.session_role IS 'the session''s login role (what SQL''s session_user returned), by name; empty when the role was dropped before the event was written';
COMMENT ON COLUMN pdp.audit_log.role IS 'the role at the keyboard: the login role or the one SET ROLE chose, never a SECURITY DEFINER function''s owner (that one is in detail.effective_user)';
COMMENT ON COLUMN pdp.audit_log.application_name IS 'the session''s application_name (ASCII); NULL when not set or no session';
COMMENT ON COLUMN pdp.audit_log.client_addr IS 'the client''s address; NULL for Unix-socket connections and background processes';
COMMENT ON COLUMN pdp.audit_log.backend_pid IS 'process id of the backend that caused the event (on the server named by server)';
COMMENT ON COLUMN pdp.audit_log.purpose IS 'the purpose declared (pdp.purpose) or named by the call; NULL when none';
COMMENT ON COLUMN pdp.audit_log.command IS 'the statement''s command: SELECT, INSERT, UPDATE, DELETE, MERGE, COPY, ...; NULL for events that are not statements';
COMMENT ON COLUMN pdp.audit_log.relation IS 'the schema-qualified relation the event is about; NULL when none';
COMMENT ON COLUMN pdp.audit_log.columns IS 'the tagged columns the statement read or wrote; NULL when not an access';
COMMENT ON COLUMN pdp.audit_log.categories IS 'the categories of those columns; NULL when not an access';
COMMENT ON COLUMN pdp.audit_log.sensitive IS 'true when a category read is sensitive; NULL when not an access';
COMMENT ON COLUMN pdp.audit_log.rows IS 'rows returned or affected (summed over every FETCH of a cursor); NULL when blocked, or when the statement failed after it started';
COMMENT ON COLUMN pdp.audit_log.records_read IS 'rows of the relation the plan actually read (a count(*) over 100 000 rows: 100 000); NULL when blocked';
COMMENT ON COLUMN pdp.audit_log.query IS 'the query text, at most pdp.audit_query_max_length bytes; NULL when none';
COMMENT ON COLUMN pdp.audit_log.query_id IS 'the query identifier when compute_query_id is on, else NULL';
COMMENT ON COLUMN pdp.audit_log.detail IS 'what else is known, per kind (effective_user, completed, rows before and after of a config change, ...); NULL when nothing';
COMMENT ON COLUMN pdp.audit_log.prev_hash IS 'hash of the row before in the chain (SHA-256, 32 bytes); NULL for the very first row';
COMMENT ON COLUMN pdp.audit_log.hash IS 'SHA-256 over this row''s canonical content and prev_hash (32 bytes): verify_audit_log() recomputes it';
-- the views over audit_log say the same of the same columns
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT v.relname, a.attname, pg_catalog.col_description(l.oid, la.attnum) AS note
             FROM pg_catalog.pg_class v
             JOIN pg_catalog.pg_attribute a ON a.attrelid = v.oid AND a.attnum > 0 AND NOT a.attisdropped
             JOIN pg_catalog.pg_class l ON l.oid = 'pdp.audit_log'::pg_catalog.regclass
             JOIN pg_catalog.pg_attribute la ON la.attrelid = l.oid AND la.attname = a.attname
                                            AND NOT la.attisdropped
             WHERE v.relnamespace = 'pdp'::pg_catalog.regnamespace
               AND v.relname IN ('audit_events', 'violations', 'sensitive_access', 'bulk_reads')
               AND pg_catalog.col_description(l.oid, la.attnum) IS NOT NULL
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN pdp.%I.%I IS %L', c.relname, c.attname, c.note);
    END LOOP;
END
$$;
COMMENT ON COLUMN pdp.access_summary.day IS 'the day (UTC) of the reads';
COMMENT ON COLUMN pdp.access_summary.role IS 'the role at the keyboard (audit_log.role)';
COMMENT ON COLUMN pdp.access_summary.purpose IS 'the purpose declared; NULL when none';
COMMENT ON COLUMN pdp.access_summary.category IS 'a category read (a statement reading several counts under each)';
COMMENT ON COLUMN pdp.access_summary.statements IS 'number of statements (allowed, violation, bypass) of that day, role, purpose and category; a summary row counts as the statements it stands for';
COMMENT ON COLUMN pdp.access_summary.rows IS 'sum of their rows (returned or affected); NULL when none is known';
COMMENT ON COLUMN pdp.access_summary.records_read IS 'sum of their records_read (rows the plans read); NULL when none is known';

COMMENT ON COLUMN pdp.audit_chain.first_prev_hash IS 'prev_hash of the oldest row kept: NULL until purge_audit() removes rows, then the hash of the last row removed';
COMMENT ON COLUMN pdp.audit_chain.last_id IS 'id of the last row written; NULL before the first';
COMMENT ON COLUMN pdp.audit_chain.last_hash IS 'hash of that row (32 bytes); NULL before the first';

COMMENT ON COLUMN pdp.audit_inbox.server IS 'the server (pdp.server_name) the events happened on';
COMMENT ON COLUMN pdp.audit_inbox.epoch IS 'that server''s queue epoch (a new one after its queue is started afresh)';
COMMENT ON COLUMN pdp.audit_inbox.seq IS 'the event''s number within server and epoch, from 1';
COMMENT ON COLUMN pdp.audit_inbox.record IS 'the event as that server queued it (binary queue record); checked before it is written';
COMMENT ON COLUMN pdp.audit_inbox.received_at IS 'when pdp._audit_receive stored it';
COMMENT ON COLUMN pdp.audit_servers.server IS 'the standby (its pdp.server_name)';
COMMENT ON COLUMN pdp.audit_servers.epoch IS 'its queue epoch';
COMMENT ON COLUMN pdp.audit_servers.last_seq IS 'the highest event number received in this epoch; 0 before the first';
COMMENT ON COLUMN pdp.audit_servers.received IS 'events received in this epoch';
COMMENT ON COLUMN pdp.audit_servers.missing IS 'event numbers skipped, that never arrived (each gap is also an audit event)';
COMMENT ON COLUMN pdp.audit_servers.first_received IS 'when the first delivery of this epoch arrived';
COMMENT ON COLUMN pdp.audit_servers.last_received IS 'when the latest delivery arrived; NULL before one stored events';
COMMENT ON COLUMN pdp.audit_servers.sent_by IS 'the login role that made the latest delivery';
COMMENT ON COLUMN pdp.audit_senders.server IS 'the standby (its pdp.server_name)';
COMMENT ON COLUMN pdp.audit_senders.sender IS 'the only login role whose deliveries are taken as that standby''s';
COMMENT ON COLUMN pdp.audit_senders.since IS 'when it was registered';

/* Configuration */
COMMENT ON COLUMN pdp.category.name IS 'category name: 1 to 63 bytes, no surrounding blanks or control characters';
COMMENT ON COLUMN pdp.category.sensitive IS 'true for sensitive personal data (special categories), false for basic';
COMMENT ON COLUMN pdp.category.legal_ref IS 'the legal text defining it; NULL when none given';
COMMENT ON COLUMN pdp.category.description IS 'what data it covers; NULL when none given';
COMMENT ON COLUMN pdp.category.builtin IS 'true for the default taxonomy shipped with pdp (not dumped)';
COMMENT ON COLUMN pdp.purpose.name IS 'purpose name, as sessions SET pdp.purpose: 1 to 63 bytes';
COMMENT ON COLUMN pdp.purpose.description IS 'what the processing is for; NULL when none given';
COMMENT ON COLUMN pdp.purpose.legal_basis IS 'the legal basis of the processing: consent, contract, legal_obligation, vital_interest, public_interest or legitimate_interest';
COMMENT ON COLUMN pdp.purpose.created_at IS 'when it was defined';
COMMENT ON COLUMN pdp.purpose_category.purpose IS 'the purpose';
COMMENT ON COLUMN pdp.purpose_category.category IS 'a category it may read';
COMMENT ON COLUMN pdp.purpose_role.purpose IS 'the purpose';
COMMENT ON COLUMN pdp.purpose_role.role IS 'a role that, with its members, may act under it';
COMMENT ON COLUMN pdp.purpose_limit.purpose IS 'the purpose limited';
COMMENT ON COLUMN pdp.purpose_limit.role IS 'the role limited; NULL: every role without a limit of its own';
COMMENT ON COLUMN pdp.purpose_limit.max_rows_per_statement IS 'most rows one statement may return; NULL: no limit';
COMMENT ON COLUMN pdp.purpose_limit.max_records_per_day IS 'most records of personal data read in any 24 hours, all servers together; NULL: no limit';
COMMENT ON COLUMN pdp.policy.purpose IS 'the purpose';
COMMENT ON COLUMN pdp.policy.category IS 'a category it may read';
COMMENT ON COLUMN pdp.purpose_grants.purpose IS 'the purpose';
COMMENT ON COLUMN pdp.purpose_grants.role IS 'a role that, with its members, may act under it';
COMMENT ON COLUMN pdp.limits.purpose IS 'the purpose limited';
COMMENT ON COLUMN pdp.limits.role IS 'the role limited; NULL: every role without a limit of its own';
COMMENT ON COLUMN pdp.limits.max_rows_per_statement IS 'most rows one statement may return; NULL: no limit';
COMMENT ON COLUMN pdp.limits.max_records_per_day IS 'most records of personal data read in any 24 hours, all servers together; NULL: no limit';
COMMENT ON COLUMN pdp.personal_columns.relation IS 'the table, view or partition';
COMMENT ON COLUMN pdp.personal_columns.column_name IS 'the tagged column';
COMMENT ON COLUMN pdp.personal_columns.category IS 'its category';
COMMENT ON COLUMN pdp.personal_columns.sensitive IS 'whether the category is sensitive (true for a category no longer defined)';
COMMENT ON COLUMN pdp.personal_columns.inherited_from IS 'the partitioned ancestor whose tag applies; NULL when the column is tagged itself';
COMMENT ON COLUMN pdp.quota_usage.role IS 'the role that read';
COMMENT ON COLUMN pdp.quota_usage.purpose IS 'the purpose it read under';
COMMENT ON COLUMN pdp.quota_usage.records_24h IS 'records of personal data read in the last 24 hours on every server (this one''s count and the latest known of the others): what the limit is checked against';
COMMENT ON COLUMN pdp.quota_usage."limit" IS 'max_records_per_day for this role and purpose (its own, else every role''s); NULL: no limit';
COMMENT ON COLUMN pdp.quota_usage.records_24h_here IS 'this server''s part of records_24h';
COMMENT ON COLUMN pdp.quota_servers.server IS 'the server (pdp.server_name)';
COMMENT ON COLUMN pdp.quota_servers.exported_at IS 'when that server exported the counts stored last';
COMMENT ON COLUMN pdp.quota_servers.received_at IS 'when they were stored here';
COMMENT ON COLUMN pdp.quota_counts.server IS 'the server that counted';
COMMENT ON COLUMN pdp.quota_counts.database IS 'oid of the database read in';
COMMENT ON COLUMN pdp.quota_counts.role IS 'oid of the role that read';
COMMENT ON COLUMN pdp.quota_counts.purpose IS 'the purpose it read under';
COMMENT ON COLUMN pdp.quota_counts.last_bucket IS 'the 15-minute period of counts[96], numbered from 2000-01-01 00:00 UTC';
COMMENT ON COLUMN pdp.quota_counts.counts IS 'records read per 15-minute period: 96 elements, counts[1] is 95 periods before last_bucket';
COMMENT ON COLUMN pdp.quota_counts.updated_at IS 'when this row was last stored';

/* Subjects, consent and restriction */
COMMENT ON COLUMN pdp.subject_tables.relation IS 'the table';
COMMENT ON COLUMN pdp.subject_tables.subject_column IS 'its column identifying the person a row is about';
COMMENT ON COLUMN pdp.subject_tables.protected IS 'true when protect_rows() put consent and restriction checks on its rows';
COMMENT ON COLUMN pdp.consent_log.id IS 'the entry''s number, increasing';
COMMENT ON COLUMN pdp.consent_log.event_time IS 'when it was recorded';
COMMENT ON COLUMN pdp.consent_log.subject IS 'the person: their subject column value as text';
COMMENT ON COLUMN pdp.consent_log.purpose IS 'the purpose consented to or withdrawn; NULL for restrict and lift';
COMMENT ON COLUMN pdp.consent_log.action IS 'grant, withdraw, restrict or lift';
COMMENT ON COLUMN pdp.consent_log.expires_at IS 'when a grant ends; NULL: no end (and for other actions)';
COMMENT ON COLUMN pdp.consent_log.source IS 'where the consent or withdrawal came from (form, channel); NULL when not given';
COMMENT ON COLUMN pdp.consent_log.evidence IS 'a reference to the proof of consent; NULL when not given';
COMMENT ON COLUMN pdp.consent_log.reason IS 'why processing is restricted (restrict); NULL otherwise';
COMMENT ON COLUMN pdp.consent_log.recorded_by IS 'the role at the keyboard that recorded it';
COMMENT ON COLUMN pdp.consent_history.id IS 'the entry''s number, increasing';
COMMENT ON COLUMN pdp.consent_history.event_time IS 'when it was recorded';
COMMENT ON COLUMN pdp.consent_history.subject IS 'the person: their subject column value as text';
COMMENT ON COLUMN pdp.consent_history.purpose IS 'the purpose consented to or withdrawn; NULL for restrict and lift';
COMMENT ON COLUMN pdp.consent_history.action IS 'grant, withdraw, restrict or lift';
COMMENT ON COLUMN pdp.consent_history.expires_at IS 'when a grant ends; NULL: no end (and for other actions)';
COMMENT ON COLUMN pdp.consent_history.source IS 'where the consent or withdrawal came from; NULL when not given';
COMMENT ON COLUMN pdp.consent_history.evidence IS 'a reference to the proof of consent; NULL when not given';
COMMENT ON COLUMN pdp.consent_history.reason IS 'why processing is restricted (restrict); NULL otherwise';
COMMENT ON COLUMN pdp.consent_history.recorded_by IS 'the role at the keyboard that recorded it';
COMMENT ON COLUMN pdp.consent.subject IS 'the person (subject column value as text, compared bytewise)';
COMMENT ON COLUMN pdp.consent.purpose IS 'the purpose consented to';
COMMENT ON COLUMN pdp.consent.expires_at IS 'when the consent ends; NULL: no end';
COMMENT ON COLUMN pdp.consent.granted_at IS 'when it was granted';
COMMENT ON COLUMN pdp.consent.consent_id IS 'the consent_log entry of the grant';
COMMENT ON COLUMN pdp.consents.subject IS 'the person';
COMMENT ON COLUMN pdp.consents.purpose IS 'the purpose';
COMMENT ON COLUMN pdp.consents.status IS 'granted, expired or withdrawn (the latest grant or withdrawal)';
COMMENT ON COLUMN pdp.consents.granted_at IS 'when the latest grant was recorded; NULL when there was none';
COMMENT ON COLUMN pdp.consents.expires_at IS 'when that grant ends; NULL: no end';
COMMENT ON COLUMN pdp.consents.withdrawn_at IS 'when it was withdrawn; NULL unless withdrawn';
COMMENT ON COLUMN pdp.consents.source IS 'where the grant came from; NULL when not given';
COMMENT ON COLUMN pdp.consents.evidence IS 'the grant''s proof reference; NULL when not given';
COMMENT ON COLUMN pdp.consents.restricted IS 'true while the subject''s processing is restricted';
COMMENT ON COLUMN pdp.consents.in_force IS 'granted, not expired and not restricted: what has_consent() answers';
COMMENT ON COLUMN pdp.restriction.subject IS 'the person (compared bytewise)';
COMMENT ON COLUMN pdp.restriction.reason IS 'why processing is restricted';
COMMENT ON COLUMN pdp.restriction.since IS 'when the restriction began';
COMMENT ON COLUMN pdp.restriction.restriction_id IS 'the consent_log entry of the restriction';
COMMENT ON COLUMN pdp.restrictions.subject IS 'the person';
COMMENT ON COLUMN pdp.restrictions.reason IS 'why processing is restricted';
COMMENT ON COLUMN pdp.restrictions.since IS 'when the restriction began';
COMMENT ON COLUMN pdp.restrictions.recorded_by IS 'the role that recorded it';

/* Functions */
COMMENT ON FUNCTION pdp.define_category(text, boolean, text, text) IS 'defines a personal data category (name, sensitive, description, legal reference); error if it exists (pdp_admin)';
COMMENT ON FUNCTION pdp.define_purpose(text, text, text) IS 'defines a purpose (name, description, legal basis, default consent); error if it exists (pdp_admin)';
COMMENT ON FUNCTION pdp.drop_purpose(text) IS 'drops a purpose with its policy entries, grants and limits; a notice counts what went with it (pdp_admin)';
COMMENT ON FUNCTION pdp.allow(text, text) IS 'lets a purpose read a category; false if it already could (pdp_admin)';
COMMENT ON FUNCTION pdp.disallow(text, text) IS 'stops a purpose reading a category; false if it could not (pdp_admin)';
COMMENT ON FUNCTION pdp.grant_purpose(regrole, text) IS 'lets a role and its members act under a purpose; false if it already could (pdp_admin)';
COMMENT ON FUNCTION pdp.revoke_purpose(regrole, text) IS 'takes a purpose from a role; false if it did not hold it (pdp_admin)';
COMMENT ON FUNCTION pdp.set_limit(text, bigint, bigint, regrole) IS 'sets the rows-per-statement and records-per-day limits of a purpose, for one role or (NULL) every role; NULL limit: none (pdp_admin)';
COMMENT ON FUNCTION pdp.drop_limit(text, regrole) IS 'removes the limits of a purpose for one role or (NULL) every role; false if there were none (pdp_admin)';
COMMENT ON FUNCTION pdp.tag_column(regclass, name, text) IS 'tags a column with a personal data category (a SECURITY LABEL of provider pdp; pdp_admin)';
COMMENT ON FUNCTION pdp.untag_column(regclass, name) IS 'removes a column''s tag; false if it had none (pdp_admin)';
COMMENT ON FUNCTION pdp.set_subject_column(regclass, name) IS 'marks the column identifying the person each row is about; true if it changed (pdp_admin)';
COMMENT ON FUNCTION pdp.drop_subject_column(regclass) IS 'unmarks the table''s subject column; true if it had one (pdp_admin)';
COMMENT ON FUNCTION pdp.protect_rows(regclass) IS 'puts consent and restriction checks on the rows of a subject table and its partitions (forced row-level security); false if already protected (pdp_admin)';
COMMENT ON FUNCTION pdp.unprotect_rows(regclass) IS 'removes the row protection and puts row-level security back as it was; false if not protected (pdp_admin)';
COMMENT ON FUNCTION pdp.grant_consent(text, text, timestamptz, text, text) IS 'records a subject''s consent to a purpose (expiry, source, evidence); returns the consent_log id (pdp_admin, holders of the purpose)';
COMMENT ON FUNCTION pdp.grant_consent(bigint, text, timestamptz, text, text) IS 'grant_consent for an integer subject id';
COMMENT ON FUNCTION pdp.withdraw_consent(text, text, text) IS 'records the withdrawal of a subject''s consent to a purpose; false if none was in force (pdp_admin, holders of the purpose)';
COMMENT ON FUNCTION pdp.withdraw_consent(bigint, text, text) IS 'withdraw_consent for an integer subject id';
COMMENT ON FUNCTION pdp.has_consent(text) IS 'true when the subject''s consent to the session''s purpose (pdp.purpose) is in force and processing is not restricted';
COMMENT ON FUNCTION pdp.has_consent(text, text) IS 'true when the subject''s consent to the purpose is in force and processing is not restricted';
COMMENT ON FUNCTION pdp.has_consent(bigint) IS 'has_consent for an integer subject id and the session''s purpose';
COMMENT ON FUNCTION pdp.has_consent(bigint, text) IS 'has_consent for an integer subject id';
COMMENT ON FUNCTION pdp.restrict_processing(text, text) IS 'restricts all processing of a subject''s rows (reason kept as evidence); false if already restricted (pdp_admin)';
COMMENT ON FUNCTION pdp.restrict_processing(bigint, text) IS 'restrict_processing for an integer subject id';
COMMENT ON FUNCTION pdp.lift_restriction(text) IS 'lifts a subject''s restriction of processing; false if there was none (pdp_admin)';
COMMENT ON FUNCTION pdp.lift_restriction(bigint) IS 'lift_restriction for an integer subject id';
COMMENT ON FUNCTION pdp.subject_report(text) IS 'everything pdp holds about a subject as jsonb: their rows in subject tables, consents, restrictions, and (in pdp.audit_database) the reads of those tables; an audit event itself (pdp_admin)';
COMMENT ON FUNCTION pdp.erase_subject(text, text) IS 'erases a subject''s rows from every subject table: anonymize (tagged columns to NULL or default) or delete; rows per table; all or nothing (pdp_admin)';

COMMENT ON FUNCTION pdp._valid_name(text) IS 'internal: true when a category or purpose name is 1 to 63 bytes without surrounding blanks or control characters; used by check constraints';
COMMENT ON FUNCTION pdp._check_name(text, text) IS 'internal: raises an error for a NULL or invalid name; called by the configuration functions';
COMMENT ON FUNCTION pdp._purpose_must_exist(text) IS 'internal: raises an error unless the purpose is defined; called by the configuration functions';
COMMENT ON FUNCTION pdp._category_must_exist(text) IS 'internal: raises an error unless the category is defined; called by allow() and disallow()';
COMMENT ON FUNCTION pdp._config_changed() IS 'internal: statement trigger on the configuration tables; every backend drops its cached configuration at commit';
COMMENT ON FUNCTION pdp._config_audit() IS 'internal: row trigger on the configuration tables; a config audit event with the row before and after, at commit';
COMMENT ON FUNCTION pdp._audit_guard() IS 'internal: trigger keeping pdp.audit_log and pdp.audit_chain append-only (the writer and purge_audit() write below it)';
COMMENT ON FUNCTION pdp._append_only() IS 'internal: trigger refusing UPDATE, DELETE and TRUNCATE of pdp.consent_log';
COMMENT ON FUNCTION pdp._consent_changed() IS 'internal: trigger on pdp.consent and pdp.restriction; tells every backend''s consent cache which subjects changed, at commit';
COMMENT ON FUNCTION pdp._sync_consent_privileges() IS 'internal: trigger on pdp.purpose_role; calls _grant_consent_calls()';
COMMENT ON FUNCTION pdp._grant_consent_calls() IS 'internal: grants EXECUTE on the consent calls to every role holding a purpose and revokes it from roles holding none; called by _sync_consent_privileges()';
COMMENT ON FUNCTION pdp._caller() IS 'internal: the role at the keyboard as the audit trail names it (never a SECURITY DEFINER function''s owner); called by the consent calls';
COMMENT ON FUNCTION pdp._require_caller(text, text) IS 'internal: raises 42501 unless the role at the keyboard is a superuser, has pdp_admin''s rights or holds the purpose (NULL: pdp_admin only)';
COMMENT ON FUNCTION pdp._audit_event(text, text, text, text, jsonb, boolean) IS 'internal: queues an audit event (kind, decision, purpose, relation, detail), at commit when at_commit; called by pdp''s SQL functions only';
COMMENT ON FUNCTION pdp._check_subject(text) IS 'internal: raises an error for a NULL subject or one not 1 to 1024 bytes; called by the consent and rights functions';
COMMENT ON FUNCTION pdp._row_visible(regclass, text) IS 'internal: the row filter of protected tables (policy pdp_consent): false hides a row whose subject has no consent in force or is restricted';
COMMENT ON FUNCTION pdp._row_visible(regclass, bigint) IS 'internal: the row filter of protected tables for integer subject columns';
COMMENT ON FUNCTION pdp._relation_tree(regclass) IS 'internal: the relation and, when partitioned, every partition below it';
COMMENT ON FUNCTION pdp._subject_column(regclass) IS 'internal: the subject column of a table; NULL when it has none';
COMMENT ON FUNCTION pdp._protect_one(regclass, name) IS 'internal: puts the row protection on one table (no recursion); false if already there; called by protect_rows() and _keep_row_protection()';
COMMENT ON FUNCTION pdp._protect_targets(regclass) IS 'internal: a table and its partitions, each with its subject column; called by protect_rows()';
COMMENT ON FUNCTION pdp._guard_row_protection() IS 'internal: event trigger; only pdp_admin removes row protection, and new partitions of a protected table are protected';
COMMENT ON FUNCTION pdp._keep_row_protection(regclass) IS 'internal: a partition being detached keeps its row protection; called by pdp before DETACH PARTITION';
COMMENT ON FUNCTION pdp._exec_as_owner(regclass, text) IS 'internal: runs a statement on a subject table as its owner, without row-level security; rows processed; called by erase_subject()';
COMMENT ON FUNCTION pdp._json_as_owner(regclass, text) IS 'internal: runs a query on a subject table as its owner and returns its jsonb; called by subject_report()';
COMMENT ON FUNCTION pdp._subject_roots() IS 'internal: subject tables that are not partitions of another subject table, with their subject column';
COMMENT ON FUNCTION pdp._subject_predicate(regclass, name, text) IS 'internal: the WHERE clause selecting a subject''s rows; NULL when no value of the column''s type has that text; runs no table owner''s code';
COMMENT ON FUNCTION pdp._subject_text(anyelement) IS 'internal: a value''s text through its type''s output function (never a cast); called by row filters and erasures';
COMMENT ON FUNCTION pdp._subject_arg(regtype, name) IS 'internal: the SQL expression passing a subject column to the row filter (bigint, text, or through _subject_text)';
COMMENT ON FUNCTION pdp._quota_usage() IS 'internal: (role, purpose, records_24h) of this database from shared memory; behind the 1.0 quota_usage view';
COMMENT ON FUNCTION pdp._quota_usage_cluster() IS 'internal: (role, purpose, records_24h of every server, records_24h_here) of this database; behind pdp.quota_usage';
COMMENT ON FUNCTION pdp._quota_receive(text, bytea) IS 'internal: stores a standby''s quota counts (its registered sender role only); called by the standby''s audit sender';
COMMENT ON FUNCTION pdp._quota_export() IS 'internal: this server''s quota counts as a standby delivers them (binary)';
COMMENT ON FUNCTION pdp._quota_refresh() IS 'internal: loads the other servers'' quota counts from pdp.quota_counts into shared memory now';
COMMENT ON FUNCTION pdp._audit_receive(text, bigint, bigint, bytea) IS 'internal: stores audit events of another server (a standby''s sender calls it, as its registered role); returns the last event number stored for that server and epoch';

/*
 * ---------------------------------------------------------------------
 * Summaries of allowed reads (issue 14, section 1: audit_summary.c).
 * Under pdp.log_allowed = summary (the default) the allowed reads of one
 * key - database, session role, role, purpose, command, relation, columns
 * read, query id - are counted in shared memory and written as one row
 * per pdp.audit_summary_interval: statements is how many statements it
 * stands for, first_time the first of them and event_time the last; rows
 * and records_read are their sums; query is one sample text.  Statement
 * records have both NULL.  The hash encodes them only when set (audit_hash.c).
 * ---------------------------------------------------------------------
 */
ALTER TABLE pdp.audit_log ADD COLUMN statements bigint, ADD COLUMN first_time timestamptz;
COMMENT ON COLUMN pdp.audit_log.statements IS 'a summary row: how many allowed statements it stands for (pdp.log_allowed = summary); NULL: a row for one statement or event';
COMMENT ON COLUMN pdp.audit_log.first_time IS 'a summary row: when the first of its statements started (event_time: the last); NULL: a row for one statement or event';

CREATE OR REPLACE VIEW pdp.audit_events AS
SELECT id, event_time, kind, decision, reason, database, session_role,
       role, application_name, client_addr, backend_pid, purpose,
       command, relation, columns, categories, sensitive, rows, records_read,
       query, query_id, detail, server, statements, first_time
FROM pdp.audit_log;
CREATE OR REPLACE VIEW pdp.violations AS
SELECT * FROM pdp.audit_events
WHERE kind = 'access' AND decision IN ('violation', 'blocked');
CREATE OR REPLACE VIEW pdp.sensitive_access AS
SELECT * FROM pdp.audit_events
WHERE kind = 'access' AND sensitive AND decision <> 'blocked';
-- a summary's records_read adds up many statements: not one bulk read.
-- Summaries the 1.1 library wrote while the table was still at 1.0 (no
-- statements column) have their counts in detail (audit_writer.c
-- summary_detail): counted as the statements they stand for, never bulk
-- a statement record marked bulk_read: where a client statement's reads went
-- over the threshold though no one relation's did (partitions, or one small
-- statement at a time in a function or DO block: audit_event.c)
CREATE OR REPLACE VIEW pdp.bulk_reads AS
SELECT * FROM pdp.audit_events
WHERE kind = 'access' AND decision <> 'blocked' AND statements IS NULL
  AND NOT COALESCE(kind = 'access' AND decision = 'allowed' AND detail ? 'first_time'
                  AND (detail ->> 'statements') ~ '^[0-9]{1,18}$', false)
  AND (records_read > pg_catalog.current_setting('pdp.bulk_read_threshold')::bigint
       OR COALESCE(detail ? 'bulk_read', false));
CREATE OR REPLACE VIEW pdp.access_summary AS
SELECT (e.event_time AT TIME ZONE 'UTC')::date AS day,
       e.role,
       e.purpose,
       c.category,
       sum(COALESCE(e.statements, CASE WHEN e.kind = 'access' AND e.decision = 'allowed' AND e.detail ? 'first_time' AND (e.detail ->> 'statements') ~ '^[0-9]{1,18}$' THEN (e.detail ->> 'statements')::bigint END, 1))::bigint AS statements,
       sum(e.rows) AS rows,
       sum(e.records_read) AS records_read
FROM pdp.audit_log e
CROSS JOIN LATERAL pg_catalog.unnest(e.categories) AS c(category)
WHERE e.kind = 'access' AND e.decision IN ('allowed', 'violation', 'bypass')
GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW pdp.bulk_reads IS 'statements that read more than pdp.bulk_read_threshold records of personal data, or where a client statement''s reads went over it (detail.bulk_read: a table''s partitions, or many small statements a function or DO block ran); always statement records';
DO $$
DECLARE v text;
BEGIN
    FOREACH v IN ARRAY ARRAY['audit_events', 'violations', 'sensitive_access', 'bulk_reads'] LOOP
        EXECUTE format('COMMENT ON COLUMN pdp.%I.statements IS %L', v,
            'a summary row: how many allowed statements it stands for (pdp.log_allowed = summary); NULL: a row for one statement or event');
        EXECUTE format('COMMENT ON COLUMN pdp.%I.first_time IS %L', v,
            'a summary row: when the first of its statements started (event_time: the last); NULL: a row for one statement or event');
    END LOOP;
END $$;

/*
 * ---------------------------------------------------------------------
 * issue 15: Decree 356/2025 taxonomy.
 * The Personal Data Protection Law 91/2025 and its Decree 356/2025 (in
 * force since 2026-01-01, Articles 3 and 4) replace Decree 13/2023 (1.0's
 * taxonomy).  Built-in categories keep their names where the meaning
 * carried over, so tags stay valid; they get the new legal reference and
 * description and, in previous_ref, the Decree 13/2023 reference they
 * replace; their sensitivity is kept (the generator refuses a CSV that
 * changes it).  New categories are added as built-in.  A category the DBA
 * defined under a new built-in name stays the DBA's (WARNING with a hint).
 * The changes to built-in rows are recorded as config events, on a fresh
 * install too (its 1.0 rows are updated here).  Nothing a DBA defined,
 * tagged or allowed is changed.
 * ---------------------------------------------------------------------
 */
ALTER TABLE pdp.category ADD COLUMN previous_ref text;
COMMENT ON COLUMN pdp.category.previous_ref IS 'the Decree 13/2023 reference a built-in category replaces or was split from; NULL where Decree 13 had no counterpart, or for a category the DBA defined';
COMMENT ON TABLE pdp.category IS 'personal data categories: builtin rows are the default taxonomy of the law in force, Personal Data Protection Law 91/2025 and Decree 356/2025 (in force since 2026-01-01, replacing Decree 13/2023), not dumped; others come from define_category()';
-- Generated from data/vn-decree-356-2025.csv by scripts/gen-taxonomy.py --update; do not edit by hand.
DO $taxonomy$
DECLARE
    r record;
    law text;       -- the law's sensitivity, as SQL
BEGIN
    FOR r IN
        SELECT v.*, c.builtin, c.sensitive AS had_sensitive, c.legal_ref AS had_legal_ref,
               c.description AS had_description
        FROM (VALUES
        ('full_name', false, 'Decree 356/2025 Art.3(a)', 'Surname, middle and given name at birth; other names', 'Decree 13/2023 Art.2(3)(a)', true),
        ('date_of_birth', false, 'Decree 356/2025 Art.3(b)', 'Date of birth; date of death or of going missing', 'Decree 13/2023 Art.2(3)(b)', true),
        ('gender', false, 'Decree 356/2025 Art.3(c)', 'Gender', 'Decree 13/2023 Art.2(3)(c)', true),
        ('address', false, 'Decree 356/2025 Art.3(d)', 'Place of birth, birth registration place, permanent and temporary residence registration, current residence, hometown, contact address', 'Decree 13/2023 Art.2(3)(d)', true),
        ('nationality', false, 'Decree 356/2025 Art.3(dd)', 'Nationality', 'Decree 13/2023 Art.2(3)(dd)', true),
        ('personal_image', false, 'Decree 356/2025 Art.3(e)', 'Photographs or other images of the person (images of identity documents are sensitive: identity_document_image)', 'Decree 13/2023 Art.2(3)(e)', true),
        ('phone_number', false, 'Decree 356/2025 Art.3(g)', 'Telephone number', 'Decree 13/2023 Art.2(3)(g)', true),
        ('identity_number', false, 'Decree 356/2025 Art.3(g)', 'Personal identification number (CCCD), old ID card number (CMND), passport number, driving licence number', 'Decree 13/2023 Art.2(3)(g)', true),
        ('vehicle_plate', false, 'Decree 356/2025 Art.3(g)', 'Vehicle licence plate number', 'Decree 13/2023 Art.2(3)(g)', true),
        ('marital_status', false, 'Decree 356/2025 Art.3(h)', 'Marital status', 'Decree 13/2023 Art.2(3)(h)', true),
        ('family_relationship', false, 'Decree 356/2025 Art.3(i)', 'Family relationships (parents, children, spouse)', 'Decree 13/2023 Art.2(3)(i)', true),
        ('digital_account', false, 'Decree 356/2025 Art.3(k)', 'Information about the person''s digital accounts (activity history and tracking data are sensitive: online_activity)', 'Decree 13/2023 Art.2(3)(k)', true),
        ('email_address', false, 'Decree 356/2025 Art.3(k)-(l)', 'E-mail address (identifying contact data)', 'Decree 13/2023 Art.2(3)(k)-(l)', true),
        ('tax_insurance_number', false, 'Decree 356/2025 Art.3(l)', 'Personal tax code, social insurance number, health insurance card number (listed by name in Decree 13; now other identifying information)', 'Decree 13/2023 Art.2(3)(g)', false),
        ('other_identifying', false, 'Decree 356/2025 Art.3(l)', 'Other information tied to or identifying a specific person that is not sensitive', 'Decree 13/2023 Art.2(3)(l)', true),
        ('racial_ethnic_origin', true, 'Decree 356/2025 Art.4(a); GDPR Art.9(1)', 'Data revealing racial or ethnic origin', 'Decree 13/2023 Art.2(4)(c)', true),
        ('political_religious_views', true, 'Decree 356/2025 Art.4(b); GDPR Art.9(1)', 'Political opinions, religious views and beliefs', 'Decree 13/2023 Art.2(4)(a)', true),
        ('private_life', true, 'Decree 356/2025 Art.4(c)', 'Private life, personal secrets, family secrets', 'Decree 13/2023 Art.2(4)(b)', false),
        ('health_record', true, 'Decree 356/2025 Art.4(d); GDPR Art.9(1)', 'Health condition', 'Decree 13/2023 Art.2(4)(b)', true),
        ('biometric_data', true, 'Decree 356/2025 Art.4(dd); GDPR Art.9(1)', 'Biometric data', 'Decree 13/2023 Art.2(4)(dd)', true),
        ('genetic_data', true, 'Decree 356/2025 Art.4(dd); GDPR Art.9(1)', 'Genetic characteristics', 'Decree 13/2023 Art.2(4)(d)', true),
        ('sex_life_orientation', true, 'Decree 356/2025 Art.4(e); GDPR Art.9(1)', 'Data revealing sex life or sexual orientation', 'Decree 13/2023 Art.2(4)(e)', true),
        ('criminal_record', true, 'Decree 356/2025 Art.4(g); GDPR Art.10', 'Crimes and offences, collected and stored by law-enforcement bodies', 'Decree 13/2023 Art.2(4)(g)', true),
        ('location_data', true, 'Decree 356/2025 Art.4(h)', 'Location of the person determined through navigation or location services', 'Decree 13/2023 Art.2(4)(i)', true),
        ('account_credentials', true, 'Decree 356/2025 Art.4(i)', 'Access information of electronic identification accounts: login names and passwords', NULL, false),
        ('identity_document_image', true, 'Decree 356/2025 Art.4(i)', 'Images of ID cards, citizen identity cards and other identity documents', NULL, false),
        ('banking_customer_info', true, 'Decree 356/2025 Art.4(k)', 'Bank account login names and passwords, bank account transaction history, bank card data; financial, credit, securities and insurance information and transaction history of customers of credit institutions, payment intermediaries, securities and insurance firms', 'Decree 13/2023 Art.2(4)(h)', true),
        ('online_activity', true, 'Decree 356/2025 Art.4(l)', 'Data tracking the person''s behaviour and activity on telecommunication services, social networks, online communication services and other services in cyberspace', 'Decree 13/2023 Art.2(3)(k)', false),
        ('other_sensitive', true, 'Decree 356/2025 Art.4(m)', 'Other personal data that the law designates as special and needing security measures', 'Decree 13/2023 Art.2(4)(k)', true)
        ) v(name, sensitive, legal_ref, description, previous_ref, carried_over)
        LEFT JOIN pdp.category c ON c.name = v.name
        ORDER BY v.name
    LOOP
        law := CASE WHEN r.sensitive THEN 'true' ELSE 'false' END;
        IF r.builtin THEN
            -- the extension's own row: the law's new text (sensitivity kept)
            UPDATE pdp.category c
            SET legal_ref = r.legal_ref, description = r.description,
                previous_ref = r.previous_ref
            WHERE c.name = r.name AND c.builtin;
            -- ... which a DBA made more or less sensitive than the law does:
            -- the row now cites the law, so say that it departs from it
            IF r.had_sensitive IS DISTINCT FROM r.sensitive THEN
                RAISE WARNING 'built-in personal data category "%" is % personal data here, but % defines it as %', r.name,
                    CASE WHEN r.had_sensitive THEN 'sensitive' ELSE 'basic' END, r.legal_ref,
                    CASE WHEN r.sensitive THEN 'sensitive' ELSE 'basic' END
                    USING DETAIL = 'The update gave it the new legal reference and description and kept the sensitivity it had here.',
                          HINT = pg_catalog.format('To follow the law: UPDATE pdp.category SET sensitive = %s WHERE name = %L;', law, r.name);
            END IF;
        ELSIF r.builtin IS NULL AND NOT r.carried_over THEN
            INSERT INTO pdp.category (name, sensitive, legal_ref, description, previous_ref, builtin)
            VALUES (r.name, r.sensitive, r.legal_ref, r.description, r.previous_ref, true);
        ELSIF r.builtin IS NULL THEN
            -- a built-in category of 1.0 someone deleted: its tags count as
            -- sensitive (an unknown category) and stay so
            RAISE WARNING 'built-in personal data category "%" was deleted: pdp does not make it again', r.name
                USING DETAIL = pg_catalog.format('%s defines it as %s personal data: %s.', r.legal_ref,
                                                 CASE WHEN r.sensitive THEN 'sensitive' ELSE 'basic' END,
                                                 r.description),
                      HINT = pg_catalog.format('To have it again: INSERT INTO pdp.category (name, sensitive, legal_ref, description, previous_ref, builtin) VALUES (%L, %s, %L, %L, %L, true);',
                                               r.name, law, r.legal_ref, r.description, r.previous_ref);
        ELSE
            -- the DBA's own category of that name: theirs, as they defined
            -- it (their tags and allows keep their meaning)
            RAISE WARNING 'personal data category "%" is the DBA''s own: the built-in category of that name is not installed', r.name
                USING DETAIL = pg_catalog.format('%s defines "%s" as %s personal data: %s. pdp.category keeps your definition: %s personal data, legal reference %s, description %s.',
                                                 r.legal_ref, r.name,
                                                 CASE WHEN r.sensitive THEN 'sensitive' ELSE 'basic' END,
                                                 r.description,
                                                 CASE WHEN r.had_sensitive THEN 'sensitive' ELSE 'basic' END,
                                                 COALESCE(r.had_legal_ref, 'none'),
                                                 COALESCE(pg_catalog.quote_literal(r.had_description), 'none')),
                      HINT = pg_catalog.format('To adopt the law''s definition (tags and allows of "%s" then follow it): UPDATE pdp.category SET sensitive = %s, legal_ref = %L, description = %L, previous_ref = %L, builtin = true WHERE name = %L;',
                                               r.name, law, r.legal_ref, r.description, r.previous_ref, r.name);
        END IF;
    END LOOP;
END
$taxonomy$;
-- end of the generated taxonomy update
-- A dump of a database whose DBA defined a category under a built-in name
-- (made before the name became built-in, as above) restores into a fresh
-- install: the DBA's row, inserted by the restore's COPY, replaces the
-- built-in one, as in the database dumped.  define_category() still
-- refuses an existing name; only a row insert (pdp_admin may delete and
-- update built-in rows anyway) takes this path.
CREATE FUNCTION pdp._category_replaces_builtin() RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT NEW.builtin THEN
        DELETE FROM pdp.category c WHERE c.name = NEW.name AND c.builtin;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION pdp._category_replaces_builtin() FROM PUBLIC;
CREATE TRIGGER category_replaces_builtin BEFORE INSERT ON pdp.category
    FOR EACH ROW EXECUTE FUNCTION pdp._category_replaces_builtin();
COMMENT ON FUNCTION pdp._category_replaces_builtin() IS 'internal: a category inserted as not built-in under a built-in name (a restored dump of a database where the DBA defined it) replaces the built-in row';
-- issue 15: discovery of personal columns (src/discover*.c)
CREATE FUNCTION pdp._discover_relation(rel regclass, sample_rows integer, accept boolean,
                                       only_column name, only_category text)
RETURNS TABLE (column_name name, data_type text, category text, confidence double precision,
               tagged_as text, sampled bigint, matched bigint, evidence text, tagged boolean)
AS 'MODULE_PATHNAME', 'pdp_discover_relation'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE FUNCTION pdp.discover(schema name DEFAULT NULL, relations regclass[] DEFAULT NULL,
                             sample_rows integer DEFAULT 1000, accept boolean DEFAULT false)
RETURNS TABLE (relation regclass, column_name name, data_type text, category text,
               confidence numeric, accepted boolean, tagged_as text, agrees boolean,
               sampled bigint, matched bigint, evidence text, tagged boolean)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r regclass;
    d record;
BEGIN
    IF discover.schema IS NOT NULL AND discover.relations IS NOT NULL THEN
        RAISE EXCEPTION 'give a schema or a list of relations, not both'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Leave both NULL to look at the whole database.';
    END IF;
    IF discover.schema IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = discover.schema) THEN
        RAISE EXCEPTION 'schema "%" does not exist', discover.schema
            USING ERRCODE = 'invalid_schema_name';
    END IF;
    IF discover.accept IS NULL OR discover.sample_rows IS NULL THEN
        RAISE EXCEPTION 'sample_rows and accept must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    FOR r IN
        SELECT x.rel FROM (
        SELECT c.oid::regclass AS rel
        FROM pg_class c
        WHERE c.oid = ANY (discover.relations)
        UNION ALL
        SELECT c.oid::regclass
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE discover.relations IS NULL
          AND c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
          AND (discover.schema IS NULL OR n.nspname = discover.schema)
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pdp')
          AND n.nspname !~ '^pg_toast' AND NOT pg_is_other_temp_schema(n.oid)
          AND (n.nspname !~ '^pg_temp_' OR n.oid = pg_my_temp_schema())
        ) x ORDER BY x.rel::text
    LOOP
        BEGIN
            FOR d IN SELECT * FROM pdp._discover_relation(r, discover.sample_rows,
                                                            discover.accept, NULL, NULL) LOOP
                relation := r;
                column_name := d.column_name;
                data_type := d.data_type;
                category := d.category;
                confidence := round(d.confidence::numeric, 2);
                accepted := COALESCE(d.confidence >= 0.8, false);
                tagged_as := d.tagged_as;
                agrees := CASE WHEN d.tagged_as IS NOT NULL THEN d.tagged_as IS NOT DISTINCT FROM d.category END;
                sampled := d.sampled;
                matched := d.matched;
                evidence := d.evidence;
                tagged := d.tagged;
                RETURN NEXT;
            END LOOP;
        EXCEPTION WHEN undefined_table THEN
            -- a table of the scope dropped since it was listed is skipped;
            -- one named in relations, or any other error, is not
            IF discover.relations IS NOT NULL
               OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = r) THEN
                RAISE;
            END IF;
        END;
    END LOOP;
END
$$;

CREATE FUNCTION pdp.accept_suggestion(rel regclass, col name, category text,
                                      sample_rows integer DEFAULT 1000)
RETURNS TABLE (confidence numeric, evidence text, tagged boolean)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF accept_suggestion.rel IS NULL OR accept_suggestion.col IS NULL
       OR accept_suggestion.category IS NULL THEN
        RAISE EXCEPTION 'relation, column and category must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Use pdp.discover() to see the suggestions.';
    END IF;
    RETURN QUERY
    SELECT round(d.confidence::numeric, 2), d.evidence, d.tagged
    FROM pdp._discover_relation(accept_suggestion.rel, accept_suggestion.sample_rows, false,
                                accept_suggestion.col, accept_suggestion.category) d;
END
$$;

REVOKE ALL ON FUNCTION pdp._discover_relation(regclass, integer, boolean, name, text),
    pdp.discover(name, regclass[], integer, boolean),
    pdp.accept_suggestion(regclass, name, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pdp._discover_relation(regclass, integer, boolean, name, text),
    pdp.discover(name, regclass[], integer, boolean),
    pdp.accept_suggestion(regclass, name, text, integer) TO pdp_admin;
COMMENT ON FUNCTION pdp._discover_relation(regclass, integer, boolean, name, text) IS 'internal: samples one relation as its owner and weighs its columns for pdp.discover() and pdp.accept_suggestion(); audited, returns no values (pdp_admin)';
COMMENT ON FUNCTION pdp.discover(name, regclass[], integer, boolean) IS 'suggests personal data categories for the columns of a schema, a list of relations or the whole database, from column names and a sample of values (never returned); accept => true tags the suggestions accepted by default (confidence >= 0.8); each relation sampled is audited (pdp_admin)';
COMMENT ON FUNCTION pdp.accept_suggestion(regclass, name, text, integer) IS 'tags one column with a category discovery suggests for it (sampled again), recorded as suggested by discovery with the evidence (pdp_admin)';

-- issue 16: masked reads
/*
 * A purpose may read a category masked: pdp.allow(purpose, category, mask)
 * records the mask (a built-in name, or 'custom' with the signature of a
 * DBA's function); mask NULL is a full read.  The executor serves every
 * value of such a column through pdp._mask() (src/mask_rewrite.c,
 * src/mask_exec.c).
 */
ALTER TABLE pdp.purpose_category
    ADD COLUMN mask text
        CONSTRAINT purpose_category_mask_check
        CHECK (mask IN ('phone', 'id_number', 'email', 'initials', 'year', 'province',
                        'range', 'null', 'hash', 'custom')),
    ADD COLUMN mask_function text,
    ADD CONSTRAINT purpose_category_mask_function_check
        CHECK ((mask IS NOT DISTINCT FROM 'custom') = (mask_function IS NOT NULL));
COMMENT ON COLUMN pdp.purpose_category.mask IS 'NULL: the purpose reads the category in full; else the mask its values are served through (a built-in mask, or custom: mask_function)';
COMMENT ON COLUMN pdp.purpose_category.mask_function IS 'mask custom: the signature of the masking function (owned by a superuser or by pdp_admin, checked when allowed and at every use)';

-- the key of the hash mask: one per database, never dumped, readable by nobody
CREATE TABLE pdp.mask_secret (
    salt bytea NOT NULL CHECK (pg_catalog.length(salt) >= 16)
);
INSERT INTO pdp.mask_secret
SELECT pg_catalog.decode(pg_catalog.replace(pg_catalog.gen_random_uuid()::text
                                            || pg_catalog.gen_random_uuid()::text, '-', ''), 'hex');
REVOKE ALL ON pdp.mask_secret FROM PUBLIC;
COMMENT ON TABLE pdp.mask_secret IS 'the key of the hash mask of this database (random at CREATE EXTENSION, not dumped: a restored database hashes differently); nobody but superusers reads it';

CREATE FUNCTION pdp._mask(value anyelement, rel oid, col smallint) RETURNS anyelement
AS 'MODULE_PATHNAME', 'pdp_mask'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED;
GRANT EXECUTE ON FUNCTION pdp._mask(anyelement, oid, smallint) TO PUBLIC;
COMMENT ON FUNCTION pdp._mask(anyelement, oid, smallint) IS 'internal: pdp wraps every reference to a column the statement reads masked in this function; it serves the value as the statement''s purpose may see it (called directly, it masks nothing)';

CREATE FUNCTION pdp._mask_function_check(signature text) RETURNS text
AS 'MODULE_PATHNAME', 'pdp_mask_function_check'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
REVOKE ALL ON FUNCTION pdp._mask_function_check(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pdp._mask_function_check(text) TO pdp_admin;
COMMENT ON FUNCTION pdp._mask_function_check(text) IS 'internal: checks a custom masking function (one argument, returns its type, owned by a superuser or pdp_admin, not SECURITY DEFINER) and returns its signature (pdp_admin)';

-- a full read: allow() without a mask lifts a mask
CREATE OR REPLACE FUNCTION pdp.allow(purpose text, category text) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pdp._purpose_must_exist(purpose);
    PERFORM pdp._category_must_exist(category);
    INSERT INTO pdp.purpose_category AS pc (purpose, category) VALUES (purpose, category)
    ON CONFLICT ON CONSTRAINT purpose_category_pkey DO UPDATE SET mask = NULL, mask_function = NULL
    WHERE pc.mask IS NOT NULL;
    RETURN FOUND;
END
$$;
COMMENT ON FUNCTION pdp.allow(text, text) IS 'lets a purpose read a category in full (lifting a mask); false if it already could (pdp_admin)';

CREATE FUNCTION pdp.allow(purpose text, category text, mask text) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_mask text := allow.mask;
    v_function text;
BEGIN
    PERFORM pdp._purpose_must_exist(purpose);
    PERFORM pdp._category_must_exist(category);
    IF v_mask IS NULL THEN
        RAISE EXCEPTION 'mask must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'For a full read, call pdp.allow(purpose, category) without a mask.';
    END IF;
    IF v_mask NOT IN ('phone', 'id_number', 'email', 'initials', 'year', 'province',
                      'range', 'null', 'hash') THEN
        IF v_mask = 'custom' OR v_mask !~ '\(' THEN
            RAISE EXCEPTION 'unknown mask "%"', v_mask
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Use a built-in mask (phone, id_number, email, initials, year, province, range, null, hash) or the signature of a masking function, e.g. ''public.mask_card(text)''.';
        END IF;
        v_function := pdp._mask_function_check(v_mask);
        v_mask := 'custom';
    END IF;
    INSERT INTO pdp.purpose_category AS pc (purpose, category, mask, mask_function)
    VALUES (purpose, category, v_mask, v_function)
    ON CONFLICT ON CONSTRAINT purpose_category_pkey
    DO UPDATE SET mask = EXCLUDED.mask, mask_function = EXCLUDED.mask_function
    WHERE (pc.mask, pc.mask_function) IS DISTINCT FROM (EXCLUDED.mask, EXCLUDED.mask_function);
    RETURN FOUND;
END
$$;
REVOKE ALL ON FUNCTION pdp.allow(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pdp.allow(text, text, text) TO pdp_admin;
COMMENT ON FUNCTION pdp.allow(text, text, text) IS 'lets a purpose read a category only masked: a built-in mask (phone, id_number, email, initials, year, province, range, null, hash) or the signature of a masking function; false if it already read it so (pdp_admin)';

CREATE OR REPLACE VIEW pdp.policy AS
SELECT purpose, category,
       CASE WHEN mask IS NULL THEN 'full' ELSE 'masked' END AS access,
       COALESCE(mask_function, mask) AS mask
FROM pdp.purpose_category;
COMMENT ON COLUMN pdp.policy.access IS 'full, or masked: every value the purpose reads of the category is served masked';
COMMENT ON COLUMN pdp.policy.mask IS 'the mask (a built-in name, or the masking function''s signature); NULL for a full read';
COMMENT ON VIEW pdp.policy IS 'which purposes may read which categories, in full or masked';

-- pdp.subject_report(): which purposes see the person's data, in full or masked
CREATE OR REPLACE FUNCTION pdp.subject_report(subject text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    v_where text;
    v_cols text;
    v_rows jsonb;
    v_tables jsonb := '[]';
    v_names text[] := '{}';
    v_audit jsonb;
    v_events jsonb;
    v_total bigint;
    v_note text;
BEGIN
    PERFORM pdp._check_subject(subject_report.subject);
    PERFORM pdp._require_caller(NULL, 'report on a data subject');
    FOR t IN SELECT * FROM pdp._subject_roots() LOOP
        SELECT string_agg(format('%I', c.column_name), ', ' ORDER BY c.column_name),
               COALESCE(jsonb_object_agg(c.column_name, c.category), '{}')
        INTO v_cols, v_rows
        FROM pdp.personal_columns c WHERE c.relation = t.rel;
        v_where := pdp._subject_predicate(t.rel, t.col, subject_report.subject);
        v_names := v_names || ARRAY(SELECT p::text FROM pdp._relation_tree(t.rel) p);
        v_tables := v_tables || jsonb_build_array(jsonb_build_object(
            'relation', t.rel::text,
            'subject_column', t.col,
            'categories', v_rows,
            'rows', CASE WHEN v_where IS NULL THEN '[]'::jsonb ELSE NULL END));
        IF v_where IS NOT NULL THEN
            v_rows := pdp._json_as_owner(t.rel,
                format('SELECT COALESCE(jsonb_agg(to_jsonb(x)), ''[]'') FROM (SELECT %s FROM %s WHERE %s) x',
                       concat_ws(', ', format('%I', t.col), v_cols), t.rel, v_where));
            v_tables := jsonb_set(v_tables, ARRAY[(jsonb_array_length(v_tables) - 1)::text, 'rows'], v_rows);
        END IF;
    END LOOP;

    IF current_database() = current_setting('pdp.audit_database') THEN
        PERFORM pdp.flush_audit();          -- reads recorded so far are in the table
        SELECT COALESCE(jsonb_agg(r ORDER BY r.first_at), '[]') INTO v_audit FROM (
            SELECT e.relation, e.purpose, e.role, e.decision,
                   sum(COALESCE(e.statements, CASE WHEN e.kind = 'access' AND e.decision = 'allowed' AND e.detail ? 'first_time' AND (e.detail ->> 'statements') ~ '^[0-9]{1,18}$' THEN (e.detail ->> 'statements')::bigint END, 1)) AS statements,
                   min(COALESCE(e.first_time, e.event_time)) AS first_at,
                   max(e.event_time) AS last_at
            FROM pdp.audit_log e
            WHERE e.kind = 'access' AND e.database = current_database()
              AND e.relation = ANY (v_names)
            GROUP BY 1, 2, 3, 4) r;
        SELECT COALESCE(jsonb_agg(r ORDER BY r.id DESC), '[]') INTO v_events FROM (
            SELECT e.id, e.event_time, e.relation, e.purpose, e.role,
                   e.decision, e.reason, e.command, e.rows, e.records_read,
                   e.statements, e.first_time
            FROM pdp.audit_log e
            WHERE e.kind = 'access' AND e.database = current_database()
              AND e.relation = ANY (v_names)
            ORDER BY e.id DESC LIMIT 1000) r;
        SELECT COALESCE(sum(COALESCE(e.statements, CASE WHEN e.kind = 'access' AND e.decision = 'allowed' AND e.detail ? 'first_time' AND (e.detail ->> 'statements') ~ '^[0-9]{1,18}$' THEN (e.detail ->> 'statements')::bigint END, 1)), 0) INTO v_total FROM pdp.audit_log e
        WHERE e.kind = 'access' AND e.database = current_database()
          AND e.relation = ANY (v_names);
        v_note := 'pdp records reads per statement and table, not per row: these statements read a table holding this person''s rows, under the purposes shown; whether this person''s row was among the rows read is not recorded. Allowed reads are recorded as summaries (one row for many statements, with statements, first_time and event_time as the last) unless pdp.log_allowed = statement. audit_events lists the 1000 most recent rows, audit_events_total counts statements, audit_summary all of them.';
    ELSE
        v_audit := NULL;
        v_note := format('the audit trail is kept in database %s; run pdp.subject_report there for reads', current_setting('pdp.audit_database'));
    END IF;

    PERFORM pdp._audit_event('subject', 'report', NULL, NULL,
        jsonb_build_object('subject', subject_report.subject), false);
    RETURN jsonb_build_object(
        'subject', subject_report.subject,
        'generated_at', now(),
        'tables', v_tables,
        -- who may read this person's data, in full or masked (issue 16)
        'purposes', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                            'purpose', pc.purpose, 'category', pc.category,
                            'access', CASE WHEN pc.mask IS NULL THEN 'full' ELSE 'masked' END,
                            'mask', COALESCE(pc.mask_function, pc.mask))
                            ORDER BY pc.purpose, pc.category), '[]')
                     FROM pdp.purpose_category pc
                     WHERE pc.category IN (SELECT pcol.category FROM pdp.personal_columns pcol
                                           WHERE pcol.relation IN (SELECT r.rel FROM pdp._subject_roots() r))),
        -- named keys rather than to_jsonb() of a view's row: PostgreSQL
        -- 15's to_jsonb(composite) keeps pointers to the row type's column
        -- names, which a cache invalidation during the call frees
        -- (seen under debug_discard_caches: every key read as garbage)
        'consents', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                            'purpose', c.purpose, 'status', c.status, 'granted_at', c.granted_at,
                            'expires_at', c.expires_at, 'withdrawn_at', c.withdrawn_at,
                            'source', c.source, 'evidence', c.evidence,
                            'restricted', c.restricted, 'in_force', c.in_force) ORDER BY c.purpose), '[]')
                     FROM pdp.consents c WHERE c.subject = subject_report.subject),
        'consent_history', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                            'id', h.id, 'event_time', h.event_time, 'purpose', h.purpose,
                            'action', h.action, 'expires_at', h.expires_at, 'source', h.source,
                            'evidence', h.evidence, 'reason', h.reason, 'recorded_by', h.recorded_by)
                            ORDER BY h.id), '[]')
                            FROM pdp.consent_history h WHERE h.subject = subject_report.subject),
        'restriction', (SELECT jsonb_build_object('reason', r.reason, 'since', r.since,
                                                  'recorded_by', r.recorded_by)
                        FROM pdp.restrictions r WHERE r.subject = subject_report.subject),
        'restrictions', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                            'id', h.id, 'event_time', h.event_time, 'action', h.action,
                            'reason', h.reason, 'recorded_by', h.recorded_by) ORDER BY h.id), '[]')
                         FROM pdp.consent_history h
                         WHERE h.subject = subject_report.subject AND h.action IN ('restrict', 'lift')),
        'audit_events', v_events,
        'audit_events_total', v_total,
        'audit_summary', v_audit,
        'audit_precision', v_note);
END
$$;

-- masked reads are reads: the access summary counts them
CREATE OR REPLACE VIEW pdp.access_summary AS
SELECT (e.event_time AT TIME ZONE 'UTC')::date AS day,
       e.role,
       e.purpose,
       c.category,
       sum(COALESCE(e.statements, CASE WHEN e.kind = 'access' AND e.decision = 'allowed' AND e.detail ? 'first_time' AND (e.detail ->> 'statements') ~ '^[0-9]{1,18}$' THEN (e.detail ->> 'statements')::bigint END, 1))::bigint AS statements,
       sum(e.rows) AS rows,
       sum(e.records_read) AS records_read
FROM pdp.audit_log e
CROSS JOIN LATERAL pg_catalog.unnest(e.categories) AS c(category)
WHERE e.kind = 'access' AND e.decision IN ('allowed', 'masked', 'violation', 'bypass')
GROUP BY 1, 2, 3, 4;
COMMENT ON COLUMN pdp.mask_secret.salt IS 'the key (at least 16 random bytes)';
COMMENT ON COLUMN pdp.audit_log.decision IS 'access: allowed, masked (allowed, served masked), violation (log mode), blocked (enforce mode), bypass, hidden or redacted; other kinds: what was done (grant, erase, ...); NULL for config changes';
COMMENT ON COLUMN pdp.audit_log.reason IS 'why: no_purpose, unknown_purpose, purpose_not_granted, category_not_allowed, masked_only (a masked column used where no mask can stand in), masked_value (a masked value would be stored), superuser, backup, a limit, the config operation; NULL when there is nothing to explain';
COMMENT ON COLUMN pdp.access_summary.statements IS 'number of statements (allowed, masked, violation, bypass) of that day, role, purpose and category; a summary row counts as the statements it stands for';

-- issue 16: mask preview
CREATE FUNCTION pdp.mask_preview(value anyelement, mask text)
RETURNS anyelement
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'pdp_mask_preview';
COMMENT ON FUNCTION pdp.mask_preview(anyelement, text) IS 'shows what a built-in mask (phone, id_number, email, initials, year, province, range, null, hash) makes of a value of the value''s type; NULL where the mask does not fit the type; hash only for pdp_admin';
