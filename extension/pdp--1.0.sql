/* extension/pdp--1.0.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pdp" to load this file. \quit

/*
 * Roles.  They are cluster-wide, so a second database reuses them.
 * pdp_admin: may change pdp configuration (categories, tags, purposes,
 * policy, purpose grants).
 * pdp_auditor: may read the audit trail through the audit views.
 */
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pdp_admin') THEN
        CREATE ROLE pdp_admin NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pdp_auditor') THEN
        CREATE ROLE pdp_auditor NOLOGIN;
    END IF;
END
$$;

-- Names of categories and purposes: 1 to 63 bytes, no surrounding blanks,
-- no control characters.  63 bytes is what pdp caches per name.
CREATE FUNCTION pdp._valid_name(name text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN octet_length(name) BETWEEN 1 AND 63
    AND name = btrim(name)
    AND name !~ '[[:cntrl:]]';

CREATE FUNCTION pdp._check_name(kind text, name text) RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF name IS NULL THEN
        RAISE EXCEPTION '% must not be NULL', kind USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF NOT pdp._valid_name(name) THEN
        RAISE EXCEPTION 'invalid % name "%"', kind, name
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Names are 1 to 63 bytes long, without leading or trailing blanks or control characters.';
    END IF;
END
$$;

CREATE FUNCTION pdp._config_changed() RETURNS trigger
AS 'MODULE_PATHNAME', 'pdp_config_changed'
LANGUAGE C;

/*
 * Personal data categories.  builtin rows come with the extension (the
 * default taxonomy) and are not dumped; rows added with define_category()
 * are.
 */
CREATE TABLE pdp.category (
    name        text PRIMARY KEY CHECK (pdp._valid_name(name)),
    sensitive   boolean NOT NULL,
    legal_ref   text,
    description text,
    builtin     boolean NOT NULL DEFAULT false
);

-- Default taxonomy: Decree 13/2023 Art. 2.  Generated from
-- data/vn-decree-13-2023.csv by scripts/gen-taxonomy.py; do not edit by hand.
INSERT INTO pdp.category (name, sensitive, legal_ref, description, builtin) VALUES
    ('full_name', false, 'Decree 13/2023 Art.2(3)(a)', 'Surname, middle and given name at birth; other names', true),
    ('date_of_birth', false, 'Decree 13/2023 Art.2(3)(b)', 'Date of birth; date of death or of going missing', true),
    ('gender', false, 'Decree 13/2023 Art.2(3)(c)', 'Gender', true),
    ('address', false, 'Decree 13/2023 Art.2(3)(d)', 'Place of birth, birth registration place, permanent, temporary and current residence, hometown, contact address', true),
    ('nationality', false, 'Decree 13/2023 Art.2(3)(dd)', 'Nationality', true),
    ('personal_image', false, 'Decree 13/2023 Art.2(3)(e)', 'Photographs or other images of the person', true),
    ('phone_number', false, 'Decree 13/2023 Art.2(3)(g)', 'Telephone number', true),
    ('identity_number', false, 'Decree 13/2023 Art.2(3)(g)', 'ID card or personal identification number, passport, driving licence, personal tax code, social insurance or health insurance card number', true),
    ('vehicle_plate', false, 'Decree 13/2023 Art.2(3)(g)', 'Vehicle licence plate number', true),
    ('marital_status', false, 'Decree 13/2023 Art.2(3)(h)', 'Marital status', true),
    ('family_relationship', false, 'Decree 13/2023 Art.2(3)(i)', 'Family relationships (parents, children)', true),
    ('digital_account', false, 'Decree 13/2023 Art.2(3)(k)', 'Digital account information; data on the person''s activity and activity history online', true),
    ('email_address', false, 'Decree 13/2023 Art.2(3)(k)-(l)', 'E-mail address (identifying contact data)', true),
    ('other_identifying', false, 'Decree 13/2023 Art.2(3)(l)', 'Other information tied to or identifying a specific person that is not sensitive', true),
    ('political_religious_views', true, 'Decree 13/2023 Art.2(4)(a); GDPR Art.9(1)', 'Political opinions, religious views', true),
    ('health_record', true, 'Decree 13/2023 Art.2(4)(b); GDPR Art.9(1)', 'Health condition and private life recorded in medical records (blood type excluded)', true),
    ('racial_ethnic_origin', true, 'Decree 13/2023 Art.2(4)(c); GDPR Art.9(1)', 'Racial or ethnic origin', true),
    ('genetic_data', true, 'Decree 13/2023 Art.2(4)(d); GDPR Art.9(1)', 'Inherited or acquired genetic characteristics', true),
    ('biometric_data', true, 'Decree 13/2023 Art.2(4)(dd); GDPR Art.9(1)', 'Physical attributes and individual biological characteristics', true),
    ('sex_life_orientation', true, 'Decree 13/2023 Art.2(4)(e); GDPR Art.9(1)', 'Sex life and sexual orientation', true),
    ('criminal_record', true, 'Decree 13/2023 Art.2(4)(g); GDPR Art.10', 'Crimes and criminal acts collected and stored by law-enforcement bodies', true),
    ('banking_customer_info', true, 'Decree 13/2023 Art.2(4)(h)', 'Customer data held by credit institutions and payment intermediaries: customer identification, accounts, deposits, deposited assets, transactions, guarantors', true),
    ('location_data', true, 'Decree 13/2023 Art.2(4)(i)', 'Location of the person determined through location services', true),
    ('other_sensitive', true, 'Decree 13/2023 Art.2(4)(k)', 'Other personal data that the law designates as special and needing security measures', true);

CREATE TABLE pdp.purpose (
    name        text PRIMARY KEY CHECK (pdp._valid_name(name)),
    description text,
    legal_basis text NOT NULL DEFAULT 'consent'
                CHECK (legal_basis IN ('consent', 'contract', 'legal_obligation',
                                       'vital_interest', 'public_interest',
                                       'legitimate_interest')),
    created_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);

-- Which purposes may read which categories
CREATE TABLE pdp.purpose_category (
    purpose  text NOT NULL REFERENCES pdp.purpose (name) ON DELETE CASCADE,
    category text NOT NULL REFERENCES pdp.category (name),
    PRIMARY KEY (purpose, category)
);

-- Which roles may act under which purposes (members of the role too)
CREATE TABLE pdp.purpose_role (
    purpose text NOT NULL REFERENCES pdp.purpose (name) ON DELETE CASCADE,
    role    regrole NOT NULL,
    PRIMARY KEY (purpose, role)
);

-- Bulk-disclosure limits per purpose, for one role or (role NULL) all roles
CREATE TABLE pdp.purpose_limit (
    purpose                text NOT NULL REFERENCES pdp.purpose (name) ON DELETE CASCADE,
    role                   regrole,
    max_rows_per_statement bigint CHECK (max_rows_per_statement >= 0),
    max_records_per_day    bigint CHECK (max_records_per_day >= 0),
    UNIQUE NULLS NOT DISTINCT (purpose, role)
);

CREATE TRIGGER config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON pdp.purpose_limit FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_changed();
CREATE TRIGGER config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON pdp.category FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_changed();
CREATE TRIGGER config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON pdp.purpose FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_changed();
CREATE TRIGGER config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON pdp.purpose_category FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_changed();
CREATE TRIGGER config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON pdp.purpose_role FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_changed();

-- Every committed configuration change is an audit event
CREATE FUNCTION pdp._config_audit() RETURNS trigger
AS 'MODULE_PATHNAME', 'pdp_config_audit'
LANGUAGE C;
CREATE TRIGGER config_audit AFTER INSERT OR UPDATE OR DELETE
    ON pdp.category FOR EACH ROW EXECUTE FUNCTION pdp._config_audit();
CREATE TRIGGER config_audit AFTER INSERT OR UPDATE OR DELETE
    ON pdp.purpose FOR EACH ROW EXECUTE FUNCTION pdp._config_audit();
CREATE TRIGGER config_audit AFTER INSERT OR UPDATE OR DELETE
    ON pdp.purpose_category FOR EACH ROW EXECUTE FUNCTION pdp._config_audit();
CREATE TRIGGER config_audit AFTER INSERT OR UPDATE OR DELETE
    ON pdp.purpose_role FOR EACH ROW EXECUTE FUNCTION pdp._config_audit();
CREATE TRIGGER config_audit AFTER INSERT OR UPDATE OR DELETE
    ON pdp.purpose_limit FOR EACH ROW EXECUTE FUNCTION pdp._config_audit();
CREATE TRIGGER config_audit_truncate AFTER TRUNCATE
    ON pdp.purpose_limit FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_audit();
CREATE TRIGGER config_audit_truncate AFTER TRUNCATE
    ON pdp.category FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_audit();
CREATE TRIGGER config_audit_truncate AFTER TRUNCATE
    ON pdp.purpose FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_audit();
CREATE TRIGGER config_audit_truncate AFTER TRUNCATE
    ON pdp.purpose_category FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_audit();
CREATE TRIGGER config_audit_truncate AFTER TRUNCATE
    ON pdp.purpose_role FOR EACH STATEMENT EXECUTE FUNCTION pdp._config_audit();

SELECT pg_catalog.pg_extension_config_dump('pdp.category', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('pdp.purpose', '');
SELECT pg_catalog.pg_extension_config_dump('pdp.purpose_category', '');
SELECT pg_catalog.pg_extension_config_dump('pdp.purpose_role', '');
SELECT pg_catalog.pg_extension_config_dump('pdp.purpose_limit', '');

/*
 * Views.  Tags live in pg_seclabel (provider pdp).  A partition inherits
 * the tags of its partitioned ancestors, matched by column name; its own
 * tag, if any, wins.
 */
CREATE VIEW pdp.personal_columns AS
WITH labels AS (
    SELECT s.objoid AS relid, a.attname, s.label
    FROM pg_catalog.pg_seclabel s
    JOIN pg_catalog.pg_attribute a ON a.attrelid = s.objoid AND a.attnum = s.objsubid
    WHERE s.provider = 'pdp'
      AND s.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND s.objsubid > 0
      AND NOT a.attisdropped
), effective AS (
    SELECT l.relid, l.attname, l.label, NULL::pg_catalog.oid AS inherited_from
    FROM labels l
    UNION ALL
    SELECT * FROM (
        SELECT DISTINCT ON (p.oid, l.attname)
               p.oid AS relid, l.attname, l.label, l.relid AS inherited_from
        FROM pg_catalog.pg_class p
        CROSS JOIN LATERAL pg_catalog.pg_partition_ancestors(p.oid)
             WITH ORDINALITY AS anc(relid, depth)
        JOIN labels l ON l.relid = anc.relid
        WHERE p.relispartition AND anc.depth > 1
          AND NOT EXISTS (SELECT 1 FROM labels o
                          WHERE o.relid = p.oid AND o.attname = l.attname)
        ORDER BY p.oid, l.attname, anc.depth
    ) inherited
)
SELECT e.relid::pg_catalog.regclass AS relation,
       e.attname AS column_name,
       e.label AS category,
       COALESCE(c.sensitive, true) AS sensitive,
       e.inherited_from::pg_catalog.regclass AS inherited_from
FROM effective e
LEFT JOIN pdp.category c ON c.name = e.label;

CREATE VIEW pdp.policy AS
SELECT purpose, category FROM pdp.purpose_category;

CREATE VIEW pdp.purpose_grants AS
SELECT g.purpose, r.rolname AS role
FROM pdp.purpose_role g
JOIN pg_catalog.pg_roles r ON r.oid = g.role;

/*
 * Configuration functions.  SECURITY INVOKER: they work with the caller's
 * rights, which pdp_admin members have on the tables above; nobody else may
 * execute them.
 */
CREATE FUNCTION pdp._purpose_must_exist(purpose text) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pdp._check_name('purpose', purpose);
    IF NOT EXISTS (SELECT 1 FROM pdp.purpose p WHERE p.name = purpose) THEN
        RAISE EXCEPTION 'purpose "%" does not exist', purpose
            USING ERRCODE = 'undefined_object',
                  HINT = 'Define it with pdp.define_purpose(); pdp.purpose lists the defined purposes.';
    END IF;
END
$$;

CREATE FUNCTION pdp._category_must_exist(category text) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pdp._check_name('category', category);
    IF NOT EXISTS (SELECT 1 FROM pdp.category c WHERE c.name = category) THEN
        RAISE EXCEPTION 'personal data category "%" does not exist', category
            USING ERRCODE = 'undefined_object',
                  HINT = 'Pick a category from pdp.category, or define one with pdp.define_category().';
    END IF;
END
$$;

CREATE FUNCTION pdp.define_category(name text, sensitive boolean,
                                    description text DEFAULT NULL,
                                    legal_ref text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pdp._check_name('category', name);
    IF sensitive IS NULL THEN
        RAISE EXCEPTION 'sensitive must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Say whether the category is sensitive personal data (true) or basic (false).';
    END IF;
    IF EXISTS (SELECT 1 FROM pdp.category c WHERE c.name = define_category.name) THEN
        RAISE EXCEPTION 'personal data category "%" already exists', name
            USING ERRCODE = 'duplicate_object';
    END IF;
    INSERT INTO pdp.category (name, sensitive, legal_ref, description)
    VALUES (name, sensitive, legal_ref, description);
END
$$;

CREATE FUNCTION pdp.define_purpose(name text, description text,
                                   legal_basis text DEFAULT 'consent')
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pdp._check_name('purpose', name);
    IF legal_basis IS NULL THEN
        RAISE EXCEPTION 'legal basis must not be NULL' USING ERRCODE = 'null_value_not_allowed',
              HINT = 'Use one of consent, contract, legal_obligation, vital_interest, public_interest, legitimate_interest.';
    END IF;
    IF legal_basis NOT IN ('consent', 'contract', 'legal_obligation',
            'vital_interest', 'public_interest', 'legitimate_interest') THEN
        RAISE EXCEPTION 'invalid legal basis "%"', legal_basis
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use one of consent, contract, legal_obligation, vital_interest, public_interest, legitimate_interest.';
    END IF;
    IF EXISTS (SELECT 1 FROM pdp.purpose p WHERE p.name = define_purpose.name) THEN
        RAISE EXCEPTION 'purpose "%" already exists', name
            USING ERRCODE = 'duplicate_object';
    END IF;
    INSERT INTO pdp.purpose (name, description, legal_basis)
    VALUES (name, description, legal_basis);
END
$$;

-- Dropping a purpose drops its policy entries and grants with it.
CREATE FUNCTION pdp.drop_purpose(name text) RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    npolicy bigint;
    ngrants bigint;
BEGIN
    PERFORM pdp._purpose_must_exist(name);
    SELECT count(*) INTO npolicy FROM pdp.purpose_category WHERE purpose = name;
    SELECT count(*) INTO ngrants FROM pdp.purpose_role WHERE purpose = name;
    DELETE FROM pdp.purpose p WHERE p.name = drop_purpose.name;
    IF npolicy + ngrants > 0 THEN
        RAISE NOTICE 'purpose "%" dropped with % policy entries and % grants', name, npolicy, ngrants;
    END IF;
END
$$;

CREATE FUNCTION pdp.allow(purpose text, category text) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pdp._purpose_must_exist(purpose);
    PERFORM pdp._category_must_exist(category);
    INSERT INTO pdp.purpose_category VALUES (purpose, category) ON CONFLICT DO NOTHING;
    RETURN FOUND;
END
$$;

CREATE FUNCTION pdp.disallow(purpose text, category text) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pdp._purpose_must_exist(purpose);
    PERFORM pdp._category_must_exist(category);
    DELETE FROM pdp.purpose_category pc
    WHERE pc.purpose = disallow.purpose AND pc.category = disallow.category;
    RETURN FOUND;
END
$$;

CREATE FUNCTION pdp.grant_purpose(role regrole, purpose text) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF role IS NULL THEN
        RAISE EXCEPTION 'role must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM pdp._purpose_must_exist(purpose);
    INSERT INTO pdp.purpose_role VALUES (purpose, role) ON CONFLICT DO NOTHING;
    RETURN FOUND;
END
$$;

CREATE FUNCTION pdp.revoke_purpose(role regrole, purpose text) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF role IS NULL THEN
        RAISE EXCEPTION 'role must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM pdp._purpose_must_exist(purpose);
    DELETE FROM pdp.purpose_role pr
    WHERE pr.purpose = revoke_purpose.purpose AND pr.role = revoke_purpose.role;
    RETURN FOUND;
END
$$;

/*
 * Bulk-disclosure limits.  NULL means unlimited.  A limit for a role
 * overrides the limit for every role (role NULL) of the same purpose.
 */
CREATE FUNCTION pdp.set_limit(purpose text, max_rows_per_statement bigint,
                              max_records_per_day bigint, role regrole DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    PERFORM pdp._purpose_must_exist(set_limit.purpose);
    IF set_limit.max_rows_per_statement < 0 OR set_limit.max_records_per_day < 0 THEN
        RAISE EXCEPTION 'limits must not be negative'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use NULL for no limit, 0 to allow no rows at all.';
    END IF;
    INSERT INTO pdp.purpose_limit AS l
    VALUES (set_limit.purpose, set_limit.role, set_limit.max_rows_per_statement,
            set_limit.max_records_per_day)
    ON CONFLICT (purpose, role) DO UPDATE
        SET max_rows_per_statement = excluded.max_rows_per_statement,
            max_records_per_day = excluded.max_records_per_day;
END
$$;

CREATE FUNCTION pdp.drop_limit(purpose text, role regrole DEFAULT NULL) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pdp._purpose_must_exist(purpose);
    DELETE FROM pdp.purpose_limit l
    WHERE l.purpose = drop_limit.purpose AND l.role IS NOT DISTINCT FROM drop_limit.role;
    RETURN FOUND;
END
$$;

CREATE VIEW pdp.limits AS
SELECT l.purpose, r.rolname AS role, l.max_rows_per_statement, l.max_records_per_day
FROM pdp.purpose_limit l
LEFT JOIN pg_catalog.pg_roles r ON r.oid = l.role
WHERE l.role IS NULL OR r.oid IS NOT NULL;

CREATE FUNCTION pdp._quota_usage(OUT role oid, OUT purpose text, OUT records_24h bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'pdp_quota_usage'
LANGUAGE C VOLATILE PARALLEL SAFE;

-- Rows of personal data each role read per purpose over the last 24 hours
CREATE VIEW pdp.quota_usage AS
SELECT q.role::pg_catalog.regrole AS role, q.purpose, q.records_24h,
       COALESCE(own.max_records_per_day, every.max_records_per_day) AS "limit"
FROM pdp._quota_usage() q
LEFT JOIN pdp.purpose_limit own ON own.purpose = q.purpose AND own.role = q.role
LEFT JOIN pdp.purpose_limit every ON every.purpose = q.purpose AND every.role IS NULL;

CREATE FUNCTION pdp.tag_column(rel regclass, col name, category text) RETURNS void
AS 'MODULE_PATHNAME', 'pdp_tag_column'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE FUNCTION pdp.untag_column(rel regclass, col name) RETURNS boolean
AS 'MODULE_PATHNAME', 'pdp_untag_column'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

/*
 * The audit trail.  Rows are written by the pdp audit writer (a background
 * worker) into this table in the database named by pdp.audit_database;
 * events from every database of the cluster carry their database name.
 * Each row's hash is SHA-256 over its canonical content and prev_hash.
 * Not dumped by pg_dump: archive it with COPY or a physical backup.
 */
CREATE TABLE pdp.audit_log (
    id               bigint NOT NULL,
    event_time       timestamptz NOT NULL,
    kind             text NOT NULL,
    decision         text,
    reason           text,
    database         name,
    "session_user"   name,
    "current_user"   name,
    application_name text,
    client_addr      inet,
    backend_pid      int,
    purpose          text,
    command          text,
    relation         text,
    columns          text[],
    categories       text[],
    sensitive        boolean,
    rows             bigint,
    records_read     bigint,
    query            text,
    query_id         bigint,
    detail           jsonb,
    prev_hash        bytea,
    hash             bytea NOT NULL
);
COMMENT ON TABLE pdp.audit_log IS 'pdp audit trail: append-only, hash-chained; read it through the pdp.audit_* views';

-- Where the chain starts (moved by purge_audit) and ends (kept by the writer)
CREATE TABLE pdp.audit_chain (
    first_prev_hash bytea,
    last_id         bigint,
    last_hash       bytea
);
INSERT INTO pdp.audit_chain VALUES (NULL, NULL, NULL);

CREATE FUNCTION pdp._audit_guard() RETURNS trigger
AS 'MODULE_PATHNAME', 'pdp_audit_guard'
LANGUAGE C;
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE
    ON pdp.audit_log FOR EACH ROW EXECUTE FUNCTION pdp._audit_guard();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE
    ON pdp.audit_log FOR EACH STATEMENT EXECUTE FUNCTION pdp._audit_guard();
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE
    ON pdp.audit_chain FOR EACH ROW EXECUTE FUNCTION pdp._audit_guard();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE
    ON pdp.audit_chain FOR EACH STATEMENT EXECUTE FUNCTION pdp._audit_guard();

-- SECURITY DEFINER: auditors verify the chain without reading its tables
CREATE FUNCTION pdp.verify_audit_log() RETURNS bigint
AS 'MODULE_PATHNAME', 'pdp_verify_audit_log'
LANGUAGE C STABLE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION pdp.verify_audit_log() IS 'NULL when the audit chain is intact, else the id of the first row that does not verify';

CREATE FUNCTION pdp.purge_audit(before timestamptz) RETURNS bigint
AS 'MODULE_PATHNAME', 'pdp_purge_audit'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION pdp.purge_audit(timestamptz) IS 'removes the oldest audit rows, those before the given time (superusers only); the rest stays verifiable';

CREATE FUNCTION pdp.audit_stats(
    OUT queued bigint, OUT written bigint, OUT dropped bigint,
    OUT pending bigint, OUT queue_bytes bigint, OUT high_water_bytes bigint,
    OUT queue_size_bytes bigint, OUT writer_pid int)
RETURNS record
AS 'MODULE_PATHNAME', 'pdp_audit_stats'
LANGUAGE C VOLATILE PARALLEL SAFE;

CREATE FUNCTION pdp.flush_audit() RETURNS void
AS 'MODULE_PATHNAME', 'pdp_flush_audit'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION pdp.flush_audit() IS 'returns once every audit event queued before the call is committed in pdp.audit_log';

-- Views for compliance officers
CREATE VIEW pdp.audit_events AS
SELECT id, event_time, kind, decision, reason, database, "session_user",
       "current_user", application_name, client_addr, backend_pid, purpose,
       command, relation, columns, categories, sensitive, rows, records_read,
       query, query_id, detail
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

/* Privileges */
REVOKE ALL ON ALL TABLES IN SCHEMA pdp FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA pdp FROM PUBLIC;
GRANT USAGE ON SCHEMA pdp TO PUBLIC;

-- Anyone may see the rules (which columns are personal, which purposes
-- exist and what they allow, who holds them); nobody but pdp_admin changes them.
GRANT SELECT ON pdp.category, pdp.purpose, pdp.personal_columns, pdp.policy,
    pdp.purpose_grants, pdp.limits TO PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON pdp.category, pdp.purpose,
    pdp.purpose_category, pdp.purpose_role, pdp.purpose_limit TO pdp_admin;
GRANT SELECT ON pdp.quota_usage TO pdp_admin, pdp_auditor;
GRANT EXECUTE ON FUNCTION pdp._quota_usage() TO pdp_admin, pdp_auditor;
GRANT EXECUTE ON FUNCTION pdp._valid_name(text), pdp._check_name(text, text),
    pdp._purpose_must_exist(text), pdp._category_must_exist(text) TO pdp_admin;
GRANT EXECUTE ON FUNCTION
    pdp.define_category(text, boolean, text, text),
    pdp.define_purpose(text, text, text),
    pdp.drop_purpose(text),
    pdp.allow(text, text),
    pdp.disallow(text, text),
    pdp.grant_purpose(regrole, text),
    pdp.revoke_purpose(regrole, text),
    pdp.set_limit(text, bigint, bigint, regrole),
    pdp.drop_limit(text, regrole),
    pdp.tag_column(regclass, name, text),
    pdp.untag_column(regclass, name)
TO pdp_admin;

-- The audit trail: pdp_auditor reads it, nobody else (superusers aside)
GRANT SELECT ON pdp.audit_events, pdp.violations, pdp.access_summary,
    pdp.sensitive_access, pdp.bulk_reads TO pdp_auditor;
GRANT EXECUTE ON FUNCTION pdp.verify_audit_log(), pdp.audit_stats(),
    pdp.flush_audit() TO pdp_auditor;
GRANT EXECUTE ON FUNCTION pdp.audit_stats(), pdp.flush_audit() TO pdp_admin;
