/* extension/pdp--1.0.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pdp" to load this file. \quit

/*
 * Schema pdp is created by CREATE EXTENSION unless it exists.  One that
 * already exists must belong to the installing role or a superuser: its
 * owner could otherwise add objects next to pdp's, or drop them.
 */
DO $$
DECLARE
    owner oid := (SELECT nspowner FROM pg_catalog.pg_namespace WHERE nspname = 'pdp');
BEGIN
    IF owner <> (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)
       AND NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE oid = owner) THEN
        RAISE EXCEPTION 'schema "pdp" already exists and belongs to role "%"',
            (SELECT rolname FROM pg_catalog.pg_roles WHERE oid = owner)
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Drop or rename that schema, or give it to a superuser, then run CREATE EXTENSION pdp again.';
    END IF;
END
$$;

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

-- Anchors: an auditor keeps the head's id and hash outside the database
-- (the writer also logs it, pdp.audit_anchor_interval) and checks later that
-- the row is still there with that hash.
CREATE FUNCTION pdp.audit_chain_head(OUT id bigint, OUT hash bytea)
RETURNS record
LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT last_id, last_hash FROM pdp.audit_chain LIMIT 1;
END;
COMMENT ON FUNCTION pdp.audit_chain_head() IS 'the last row written to the audit chain: keep its id and hash outside the database';

CREATE FUNCTION pdp.verify_audit_anchor(id bigint, hash bytea) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT EXISTS (SELECT 1 FROM pdp.audit_log l
                   WHERE l.id = verify_audit_anchor.id AND l.hash = verify_audit_anchor.hash);
END;
COMMENT ON FUNCTION pdp.verify_audit_anchor(bigint, bytea) IS 'true when audit row id is still there with that hash; with verify_audit_log() NULL, nothing up to it was changed';

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
    pdp.flush_audit(), pdp.audit_chain_head(),
    pdp.verify_audit_anchor(bigint, bytea) TO pdp_auditor;
GRANT EXECUTE ON FUNCTION pdp.audit_stats(), pdp.flush_audit() TO pdp_admin;

/*
 * ---------------------------------------------------------------------
 * Consent, restriction and data-subject rights
 *
 * A subject table marks the column that identifies the person a row is
 * about with a security label of provider pdp_subject (subject.c).
 * Consent is kept per subject and purpose: pdp.consent_log is the
 * append-only history of every grant, withdrawal, restriction and lift;
 * pdp.consent and pdp.restriction hold the current state, which checks
 * read through a backend cache (consent.c), never with a query per row.
 * ---------------------------------------------------------------------
 */
CREATE TABLE pdp.consent_log (
    id          bigserial PRIMARY KEY,
    event_time  timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    subject     text NOT NULL,
    purpose     text,
    action      text NOT NULL
                CHECK (action IN ('grant', 'withdraw', 'restrict', 'lift')),
    expires_at  timestamptz,
    source      text,
    evidence    text,
    reason      text,
    recorded_by name NOT NULL,
    CHECK ((purpose IS NULL) = (action IN ('restrict', 'lift')))
);
CREATE INDEX ON pdp.consent_log (subject);
COMMENT ON TABLE pdp.consent_log IS 'pdp consent history: append-only; read it through pdp.consent_history';

-- Current state; column order matters to consent.c, and the keys compare
-- bytewise (COLLATE "C") so that consent.c can look a subject up by index
CREATE TABLE pdp.consent (
    subject     text COLLATE "C" NOT NULL,
    purpose     text COLLATE "C" NOT NULL,
    expires_at  timestamptz,
    granted_at  timestamptz NOT NULL,
    consent_id  bigint NOT NULL,
    PRIMARY KEY (purpose, subject)
);
CREATE TABLE pdp.restriction (
    subject        text COLLATE "C" PRIMARY KEY,
    reason         text NOT NULL,
    since          timestamptz NOT NULL,
    restriction_id bigint NOT NULL
);

CREATE FUNCTION pdp._consent_changed() RETURNS trigger
AS 'MODULE_PATHNAME', 'pdp_consent_changed'
LANGUAGE C;
-- every row changed is announced to every backend at commit (consent_changes.c)
CREATE TRIGGER consent_changed AFTER INSERT OR UPDATE OR DELETE
    ON pdp.consent FOR EACH ROW EXECUTE FUNCTION pdp._consent_changed();
CREATE TRIGGER consent_changed AFTER INSERT OR UPDATE OR DELETE
    ON pdp.restriction FOR EACH ROW EXECUTE FUNCTION pdp._consent_changed();
CREATE TRIGGER consent_truncated AFTER TRUNCATE
    ON pdp.consent FOR EACH STATEMENT EXECUTE FUNCTION pdp._consent_changed();
CREATE TRIGGER consent_truncated AFTER TRUNCATE
    ON pdp.restriction FOR EACH STATEMENT EXECUTE FUNCTION pdp._consent_changed();

CREATE FUNCTION pdp._append_only() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Consent history is evidence: record a new grant, withdrawal or lift instead.';
END
$$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE
    ON pdp.consent_log FOR EACH ROW EXECUTE FUNCTION pdp._append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE
    ON pdp.consent_log FOR EACH STATEMENT EXECUTE FUNCTION pdp._append_only();

SELECT pg_catalog.pg_extension_config_dump('pdp.consent_log', '');
SELECT pg_catalog.pg_extension_config_dump('pdp.consent_log_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('pdp.consent', '');
SELECT pg_catalog.pg_extension_config_dump('pdp.restriction', '');

CREATE FUNCTION pdp._caller() RETURNS name
AS 'MODULE_PATHNAME', 'pdp_caller'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION pdp._require_caller(purpose text, what text) RETURNS void
AS 'MODULE_PATHNAME', 'pdp_require_caller'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION pdp._audit_event(kind text, decision text, purpose text,
                                 relation text, detail jsonb, at_commit boolean)
RETURNS void
AS 'MODULE_PATHNAME', 'pdp_audit_event_sql'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE FUNCTION pdp._check_subject(subject text) RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF subject IS NULL THEN
        RAISE EXCEPTION 'subject must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF octet_length(subject) NOT BETWEEN 1 AND 1024 THEN
        RAISE EXCEPTION 'invalid subject identifier'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A subject is identified by the 1 to 1024 bytes of its subject column value as text.';
    END IF;
END
$$;

-- Subject columns
CREATE FUNCTION pdp.set_subject_column(rel regclass, col name) RETURNS boolean
AS 'MODULE_PATHNAME', 'pdp_set_subject_column'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE FUNCTION pdp.drop_subject_column(rel regclass) RETURNS boolean
AS 'MODULE_PATHNAME', 'pdp_drop_subject_column'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE VIEW pdp.subject_tables AS
SELECT s.objoid::pg_catalog.regclass AS relation,
       a.attname AS subject_column,
       EXISTS (SELECT 1 FROM pg_catalog.pg_policy p
               WHERE p.polrelid = s.objoid AND p.polname = 'pdp_consent') AS protected
FROM pg_catalog.pg_seclabel s
JOIN pg_catalog.pg_attribute a ON a.attrelid = s.objoid AND a.attnum = s.objsubid
WHERE s.provider = 'pdp_subject'
  AND s.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND s.objsubid > 0
  AND NOT a.attisdropped;

/* Consent calls: roles granted the purpose, and pdp_admin */
CREATE FUNCTION pdp.grant_consent(subject text, purpose text,
                                  expires_at timestamptz DEFAULT NULL,
                                  source text DEFAULT NULL,
                                  evidence text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    PERFORM pdp._check_subject(grant_consent.subject);
    PERFORM pdp._purpose_must_exist(grant_consent.purpose);
    PERFORM pdp._require_caller(grant_consent.purpose,
                                format('record consent for purpose "%s"', grant_consent.purpose));
    IF grant_consent.expires_at IS NOT NULL AND grant_consent.expires_at <= now() THEN
        RAISE EXCEPTION 'expires_at must be in the future'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass NULL for consent without an end date.';
    END IF;
    INSERT INTO pdp.consent_log (subject, purpose, action, expires_at, source, evidence, recorded_by)
    VALUES (grant_consent.subject, grant_consent.purpose, 'grant', grant_consent.expires_at,
            grant_consent.source, grant_consent.evidence, pdp._caller())
    RETURNING id INTO v_id;
    INSERT INTO pdp.consent AS c (subject, purpose, expires_at, granted_at, consent_id)
    VALUES (grant_consent.subject, grant_consent.purpose, grant_consent.expires_at, now(), v_id)
    ON CONFLICT ON CONSTRAINT consent_pkey DO UPDATE
        SET expires_at = excluded.expires_at, granted_at = excluded.granted_at,
            consent_id = excluded.consent_id;
    PERFORM pdp._audit_event('consent', 'grant', grant_consent.purpose, NULL,
        jsonb_build_object('subject', grant_consent.subject, 'consent_id', v_id,
                           'expires_at', grant_consent.expires_at,
                           'source', grant_consent.source), true);
    RETURN v_id;
END
$$;

CREATE FUNCTION pdp.withdraw_consent(subject text, purpose text, source text DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_grant bigint;
    v_id bigint;
BEGIN
    PERFORM pdp._check_subject(withdraw_consent.subject);
    PERFORM pdp._purpose_must_exist(withdraw_consent.purpose);
    PERFORM pdp._require_caller(withdraw_consent.purpose,
                                format('record consent for purpose "%s"', withdraw_consent.purpose));
    DELETE FROM pdp.consent c
    WHERE c.purpose = withdraw_consent.purpose COLLATE "C"
      AND c.subject = withdraw_consent.subject COLLATE "C"
    RETURNING c.consent_id INTO v_grant;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO pdp.consent_log (subject, purpose, action, source, recorded_by)
    VALUES (withdraw_consent.subject, withdraw_consent.purpose, 'withdraw',
            withdraw_consent.source, pdp._caller())
    RETURNING id INTO v_id;
    PERFORM pdp._audit_event('consent', 'withdraw', withdraw_consent.purpose, NULL,
        jsonb_build_object('subject', withdraw_consent.subject, 'consent_id', v_id,
                           'withdraws', v_grant, 'source', withdraw_consent.source), true);
    RETURN true;
END
$$;

CREATE FUNCTION pdp.has_consent(subject text) RETURNS boolean
AS 'MODULE_PATHNAME', 'pdp_has_consent'
LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION pdp.has_consent(subject text, purpose text) RETURNS boolean
AS 'MODULE_PATHNAME', 'pdp_has_consent'
LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION pdp.has_consent(subject bigint) RETURNS boolean
AS 'MODULE_PATHNAME', 'pdp_has_consent_int8'
LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION pdp.has_consent(subject bigint, purpose text) RETURNS boolean
AS 'MODULE_PATHNAME', 'pdp_has_consent_int8'
LANGUAGE C STABLE PARALLEL RESTRICTED;

/* Restriction of processing (pdp_admin) */
CREATE FUNCTION pdp.restrict_processing(subject text, reason text) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    PERFORM pdp._check_subject(restrict_processing.subject);
    PERFORM pdp._require_caller(NULL, 'restrict processing');
    IF restrict_processing.reason IS NULL OR btrim(restrict_processing.reason) = '' THEN
        RAISE EXCEPTION 'reason must not be empty'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Say why processing is restricted (the request, the dispute): it is kept as evidence.';
    END IF;
    IF EXISTS (SELECT 1 FROM pdp.restriction r WHERE r.subject = restrict_processing.subject COLLATE "C") THEN
        RETURN false;
    END IF;
    INSERT INTO pdp.consent_log (subject, action, reason, recorded_by)
    VALUES (restrict_processing.subject, 'restrict', restrict_processing.reason, pdp._caller())
    RETURNING id INTO v_id;
    INSERT INTO pdp.restriction (subject, reason, since, restriction_id)
    VALUES (restrict_processing.subject, restrict_processing.reason, now(), v_id);
    PERFORM pdp._audit_event('consent', 'restrict', NULL, NULL,
        jsonb_build_object('subject', restrict_processing.subject, 'consent_id', v_id,
                           'reason', restrict_processing.reason), true);
    RETURN true;
END
$$;

CREATE FUNCTION pdp.lift_restriction(subject text) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    PERFORM pdp._check_subject(lift_restriction.subject);
    PERFORM pdp._require_caller(NULL, 'lift restrictions');
    DELETE FROM pdp.restriction r WHERE r.subject = lift_restriction.subject COLLATE "C";
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO pdp.consent_log (subject, action, recorded_by)
    VALUES (lift_restriction.subject, 'lift', pdp._caller())
    RETURNING id INTO v_id;
    PERFORM pdp._audit_event('consent', 'lift', NULL, NULL,
        jsonb_build_object('subject', lift_restriction.subject, 'consent_id', v_id), true);
    RETURN true;
END
$$;

-- Integer subject ids, without writing ::text
CREATE FUNCTION pdp.grant_consent(subject bigint, purpose text,
                                  expires_at timestamptz DEFAULT NULL,
                                  source text DEFAULT NULL, evidence text DEFAULT NULL)
RETURNS bigint LANGUAGE sql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
RETURN pdp.grant_consent(subject::text, purpose, expires_at, source, evidence);
CREATE FUNCTION pdp.withdraw_consent(subject bigint, purpose text, source text DEFAULT NULL)
RETURNS boolean LANGUAGE sql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
RETURN pdp.withdraw_consent(subject::text, purpose, source);
CREATE FUNCTION pdp.restrict_processing(subject bigint, reason text)
RETURNS boolean LANGUAGE sql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
RETURN pdp.restrict_processing(subject::text, reason);
CREATE FUNCTION pdp.lift_restriction(subject bigint)
RETURNS boolean LANGUAGE sql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
RETURN pdp.lift_restriction(subject::text);

/* Views of consent for pdp_admin and pdp_auditor */
CREATE VIEW pdp.consent_history AS
SELECT id, event_time, subject, purpose, action, expires_at, source, evidence,
       reason, recorded_by
FROM pdp.consent_log;

CREATE VIEW pdp.consents AS
WITH last AS (
    SELECT DISTINCT ON (l.subject, l.purpose) l.*
    FROM pdp.consent_log l
    WHERE l.action IN ('grant', 'withdraw')
    ORDER BY l.subject, l.purpose, l.id DESC
)
SELECT l.subject, l.purpose,
       CASE WHEN l.action = 'withdraw' THEN 'withdrawn'
            WHEN g.expires_at <= pg_catalog.now() THEN 'expired'
            ELSE 'granted' END AS status,
       g.event_time AS granted_at,
       g.expires_at,
       CASE WHEN l.action = 'withdraw' THEN l.event_time END AS withdrawn_at,
       g.source, g.evidence,
       EXISTS (SELECT 1 FROM pdp.restriction r WHERE r.subject = l.subject COLLATE "C") AS restricted,
       (l.action = 'grant' AND (g.expires_at IS NULL OR g.expires_at > pg_catalog.now())
        AND NOT EXISTS (SELECT 1 FROM pdp.restriction r WHERE r.subject = l.subject COLLATE "C")) AS in_force
FROM last l
LEFT JOIN LATERAL (
    SELECT g.* FROM pdp.consent_log g
    WHERE g.subject = l.subject AND g.purpose = l.purpose AND g.action = 'grant' AND g.id <= l.id
    ORDER BY g.id DESC LIMIT 1) g ON true;
COMMENT ON VIEW pdp.consents IS 'current consent per subject and purpose; in_force is what has_consent() answers';

CREATE VIEW pdp.restrictions AS
SELECT r.subject COLLATE "default" AS subject, r.reason, r.since, l.recorded_by
FROM pdp.restriction r
LEFT JOIN pdp.consent_log l ON l.id = r.restriction_id;

/*
 * Row-level enforcement.  protect_rows() puts a RESTRICTIVE policy named
 * pdp_consent on the table (and on each of its partitions) calling the row
 * filter, forces row-level security so the owner is subject to it too, and
 * when the table had no row-level security yet adds a PERMISSIVE policy
 * pdp_all_rows so that pdp's is the only filter.  The policy's comment
 * keeps what row-level security looked like before, for unprotect_rows().
 */
CREATE FUNCTION pdp._row_visible(rel regclass, subject text) RETURNS boolean
AS 'MODULE_PATHNAME', 'pdp_row_visible'
LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION pdp._row_visible(rel regclass, subject bigint) RETURNS boolean
AS 'MODULE_PATHNAME', 'pdp_row_visible_int8'
LANGUAGE C STABLE PARALLEL RESTRICTED;

-- rel and, if it is partitioned, every partition below it
CREATE FUNCTION pdp._relation_tree(rel regclass) RETURNS SETOF regclass
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT rel
    UNION ALL
    SELECT t.relid FROM (SELECT * FROM pg_partition_tree(rel) ORDER BY level) t
    WHERE t.relid <> rel
$$;

-- The subject column of rel, NULL if it has none
CREATE FUNCTION pdp._subject_column(rel regclass) RETURNS name
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN (SELECT t.subject_column FROM pdp.subject_tables t WHERE t.relation = rel);

-- Protect one table (no recursion); col is its subject column
CREATE FUNCTION pdp._protect_one(rel regclass, col name) RETURNS boolean
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
    v_arg := CASE WHEN v_typ IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype)
                  THEN format('%I::bigint', col) ELSE format('%I::text', col) END;
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

-- The table and its partitions, with the subject column of each
CREATE FUNCTION pdp._protect_targets(rel regclass, OUT part regclass, OUT col name)
RETURNS SETOF record
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_col name;
    v_kind "char";
BEGIN
    IF rel IS NULL THEN
        RAISE EXCEPTION 'relation must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT c.relkind INTO v_kind FROM pg_class c WHERE c.oid = rel;
    IF v_kind NOT IN ('r', 'p') THEN
        RAISE EXCEPTION '"%" is not a table', rel
            USING ERRCODE = 'wrong_object_type',
                  DETAIL = 'Only tables and partitioned tables can be protected row by row.';
    END IF;
    v_col := pdp._subject_column(rel);
    IF v_col IS NULL THEN
        RAISE EXCEPTION 'table "%" has no subject column', rel
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Mark the column that identifies the person with pdp.set_subject_column() first.';
    END IF;
    FOR part IN SELECT * FROM pdp._relation_tree(rel) LOOP
        col := COALESCE(pdp._subject_column(part), v_col);
        RETURN NEXT;
    END LOOP;
END
$$;

CREATE FUNCTION pdp.protect_rows(rel regclass) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    v_made boolean := false;
BEGIN
    PERFORM pdp._require_caller(NULL, 'protect rows');
    FOR t IN SELECT * FROM pdp._protect_targets(rel) LOOP
        IF pdp._protect_one(t.part, t.col) THEN
            v_made := true;
        END IF;
    END LOOP;
    IF v_made THEN
        PERFORM pdp._audit_event('config', 'protect_rows', NULL, rel::text, NULL, true);
    END IF;
    RETURN v_made;
END
$$;

CREATE FUNCTION pdp.unprotect_rows(rel regclass) RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_part regclass;
    v_note text;
    v_done boolean := false;
BEGIN
    PERFORM pdp._require_caller(NULL, 'unprotect rows');
    IF rel IS NULL THEN
        RAISE EXCEPTION 'relation must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    FOR v_part IN SELECT * FROM pdp._relation_tree(rel) LOOP
        SELECT pg_catalog.obj_description(p.oid, 'pg_policy') INTO v_note
        FROM pg_policy p WHERE p.polrelid = v_part AND p.polname = 'pdp_consent';
        IF NOT FOUND THEN
            CONTINUE;
        END IF;
        -- row security back as it was first, then the policy (see the
        -- event trigger: a protected table must keep row security on)
        IF v_note LIKE '%row security off%' THEN
            EXECUTE format('DROP POLICY IF EXISTS pdp_all_rows ON %s', v_part);
        END IF;
        EXECUTE format('DROP POLICY pdp_consent ON %s', v_part);
        IF v_note LIKE '%row security off%' THEN
            EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', v_part);
        END IF;
        IF v_note LIKE '%forced off%' THEN
            EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', v_part);
        END IF;
        v_done := true;
    END LOOP;
    IF v_done THEN
        PERFORM pdp._audit_event('config', 'unprotect_rows', NULL, rel::text, NULL, true);
    END IF;
    RETURN v_done;
END
$$;

/*
 * Only pdp_admin takes row protection away: a table owner may otherwise
 * drop or alter any policy of the table and switch row-level security off.
 * New partitions of a protected table are protected as they appear.
 */
CREATE FUNCTION pdp._guard_row_protection() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o record;
    t record;
BEGIN
    IF TG_EVENT = 'sql_drop' THEN
        FOR o IN SELECT * FROM pg_event_trigger_dropped_objects() d
                 WHERE d.object_type = 'policy'
                   AND d.address_names[array_length(d.address_names, 1)] = 'pdp_consent'
        LOOP
            -- the table itself going away takes its policy with it
            CONTINUE WHEN EXISTS (
                SELECT 1 FROM pg_event_trigger_dropped_objects() x
                WHERE x.object_type = 'table'
                  AND x.address_names = o.address_names[1:2]);
            PERFORM pdp._require_caller(NULL, format('drop row protection (%s)', o.object_identity));
        END LOOP;
        RETURN;
    END IF;
    FOR o IN SELECT * FROM pg_event_trigger_ddl_commands() c
             WHERE c.classid IN ('pg_class'::regclass, 'pg_policy'::regclass)
    LOOP
        -- pdp_consent altered, or renamed (it then calls the filter under another name)
        IF o.command_tag = 'ALTER POLICY' AND (o.object_identity LIKE 'pdp\_consent on %' OR
           EXISTS (SELECT 1 FROM pg_policy p WHERE p.oid = o.objid
                   AND pg_get_expr(p.polqual, p.polrelid) LIKE '%pdp._row_visible(%')) THEN
            PERFORM pdp._require_caller(NULL, format('alter row protection (%s)', o.object_identity));
        END IF;
        CONTINUE WHEN o.classid <> 'pg_class'::regclass OR o.objsubid <> 0;
        IF EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = o.objid AND p.polname = 'pdp_consent')
           AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = o.objid
                           AND c.relrowsecurity AND c.relforcerowsecurity) THEN
            PERFORM pdp._require_caller(NULL, format('turn off row-level security of protected table %s',
                                                     o.objid::regclass));
        END IF;
        -- partitions created or attached under a protected table (not
        -- while a dump is restored: it brings its own policies)
        CONTINUE WHEN NOT pg_catalog.current_setting('check_function_bodies')::boolean;
        FOR t IN SELECT a AS part FROM pdp._relation_tree(o.objid::regclass) a
        LOOP
            IF EXISTS (SELECT 1 FROM pg_partition_ancestors(t.part) anc
                       JOIN pg_policy p ON p.polrelid = anc.relid AND p.polname = 'pdp_consent'
                       WHERE anc.relid <> t.part)
               AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t.part AND p.polname = 'pdp_consent') THEN
                PERFORM pdp._protect_one(t.part,
                    COALESCE(pdp._subject_column(t.part),
                             (SELECT pdp._subject_column(anc.relid)
                              FROM pg_partition_ancestors(t.part) WITH ORDINALITY anc(relid, depth)
                              WHERE pdp._subject_column(anc.relid) IS NOT NULL
                              ORDER BY anc.depth LIMIT 1)));
            END IF;
        END LOOP;
    END LOOP;
END
$$;
CREATE EVENT TRIGGER pdp_guard_row_protection_drop ON sql_drop
    EXECUTE FUNCTION pdp._guard_row_protection();
CREATE EVENT TRIGGER pdp_guard_row_protection_ddl ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE', 'ALTER POLICY', 'CREATE TABLE')
    EXECUTE FUNCTION pdp._guard_row_protection();

/*
 * Data-subject rights (pdp_admin).  Both run as the extension owner with
 * pdp.mode off, so they see the person's rows whatever the purpose,
 * consent or restriction; each is an audit event of its own.
 */

-- A statement on a subject table run with its owner's rights (rights.c)
CREATE FUNCTION pdp._exec_as_owner(rel regclass, sql text) RETURNS bigint
AS 'MODULE_PATHNAME', 'pdp_exec_as_owner'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
CREATE FUNCTION pdp._json_as_owner(rel regclass, sql text) RETURNS jsonb
AS 'MODULE_PATHNAME', 'pdp_json_as_owner'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

-- Subject tables that are not partitions of another subject table
CREATE FUNCTION pdp._subject_roots(OUT rel regclass, OUT col name)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.relation, t.subject_column
    FROM pdp.subject_tables t
    WHERE NOT EXISTS (
        SELECT 1 FROM pg_partition_ancestors(t.relation) a
        JOIN pdp.subject_tables o ON o.relation = a.relid
        WHERE a.relid <> t.relation)
    ORDER BY t.relation::text
$$;

-- WHERE clause selecting subject's rows; NULL when no value of col's type
-- has that text form (such a table holds none of the person's rows)
CREATE FUNCTION pdp._subject_match(rel regclass, col name, subject text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_typ text;
    v_oid oid;
    v_same boolean;
BEGIN
    SELECT a.atttypid INTO v_oid FROM pg_attribute a
    WHERE a.attrelid = rel AND a.attname = col;
    -- a domain's base type: a domain's CHECK could run anyone's code here
    WHILE (SELECT t.typtype = 'd' FROM pg_type t WHERE t.oid = v_oid) LOOP
        SELECT t.typbasetype INTO v_oid FROM pg_type t WHERE t.oid = v_oid;
    END LOOP;
    v_typ := format_type(v_oid, NULL);
    BEGIN
        EXECUTE format('SELECT ($1::%s)::text = $1', v_typ) INTO v_same USING subject;
    EXCEPTION WHEN data_exception THEN
        v_same := false;
    END;
    IF NOT v_same THEN
        RETURN NULL;
    END IF;
    RETURN format('%I = %L::%s', col, subject, v_typ);
END
$$;

CREATE FUNCTION pdp.subject_report(subject text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET pdp.mode = 'off'
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
        v_where := pdp._subject_match(t.rel, t.col, subject_report.subject);
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
            SELECT e.relation, e.purpose, e."current_user" AS role, e.decision,
                   count(*) AS statements, min(e.event_time) AS first_at,
                   max(e.event_time) AS last_at
            FROM pdp.audit_log e
            WHERE e.kind = 'access' AND e.database = current_database()
              AND e.relation = ANY (v_names)
            GROUP BY 1, 2, 3, 4) r;
        SELECT COALESCE(jsonb_agg(r ORDER BY r.id DESC), '[]') INTO v_events FROM (
            SELECT e.id, e.event_time, e.relation, e.purpose, e."current_user" AS role,
                   e.decision, e.reason, e.command, e.rows, e.records_read
            FROM pdp.audit_log e
            WHERE e.kind = 'access' AND e.database = current_database()
              AND e.relation = ANY (v_names)
            ORDER BY e.id DESC LIMIT 1000) r;
        SELECT count(*) INTO v_total FROM pdp.audit_log e
        WHERE e.kind = 'access' AND e.database = current_database()
          AND e.relation = ANY (v_names);
        v_note := 'pdp records reads per statement and table, not per row: these statements read a table holding this person''s rows, under the purposes shown; whether this person''s row was among the rows read is not recorded. audit_events lists the 1000 most recent, audit_summary all of them.';
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
        'consents', (SELECT COALESCE(jsonb_agg(to_jsonb(c) - 'subject' ORDER BY c.purpose), '[]')
                     FROM pdp.consents c WHERE c.subject = subject_report.subject),
        'consent_history', (SELECT COALESCE(jsonb_agg(to_jsonb(h) - 'subject' ORDER BY h.id), '[]')
                            FROM pdp.consent_history h WHERE h.subject = subject_report.subject),
        'restriction', (SELECT to_jsonb(r) - 'subject' FROM pdp.restrictions r
                        WHERE r.subject = subject_report.subject),
        'restrictions', (SELECT COALESCE(jsonb_agg(to_jsonb(h) - 'subject' - 'purpose' - 'expires_at'
                                                   - 'source' - 'evidence' ORDER BY h.id), '[]')
                         FROM pdp.consent_history h
                         WHERE h.subject = subject_report.subject AND h.action IN ('restrict', 'lift')),
        'audit_events', v_events,
        'audit_events_total', v_total,
        'audit_summary', v_audit,
        'audit_precision', v_note);
END
$$;

CREATE FUNCTION pdp.erase_subject(subject text, method text DEFAULT 'anonymize')
RETURNS TABLE (relation regclass, rows bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET pdp.mode = 'off'
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
        v_where := pdp._subject_match(v_next, pdp._subject_column(v_next), erase_subject.subject);
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

/* Privileges of the consent part */
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA pdp FROM PUBLIC;
REVOKE ALL ON pdp.consent_log, pdp.consent, pdp.restriction, pdp.consent_history,
    pdp.consents, pdp.restrictions, pdp.subject_tables FROM PUBLIC;
REVOKE ALL ON SEQUENCE pdp.consent_log_id_seq FROM PUBLIC;
REVOKE ALL ON FUNCTION
    pdp._consent_changed(), pdp._append_only(), pdp._caller(),
    pdp._require_caller(text, text), pdp._audit_event(text, text, text, text, jsonb, boolean),
    pdp._check_subject(text), pdp._subject_column(regclass),
    pdp._protect_one(regclass, name), pdp._protect_targets(regclass),
    pdp._guard_row_protection(), pdp._subject_roots(), pdp._subject_match(regclass, name, text),
    pdp._exec_as_owner(regclass, text), pdp._json_as_owner(regclass, text),
    pdp.set_subject_column(regclass, name), pdp.drop_subject_column(regclass),
    pdp.protect_rows(regclass), pdp.unprotect_rows(regclass),
    pdp.subject_report(text), pdp.erase_subject(text, text),
    pdp.restrict_processing(text, text), pdp.lift_restriction(text),
    pdp.restrict_processing(bigint, text), pdp.lift_restriction(bigint)
FROM PUBLIC;

GRANT SELECT ON pdp.subject_tables TO PUBLIC;
GRANT SELECT ON pdp.consent_history, pdp.consents, pdp.restrictions TO pdp_admin, pdp_auditor;
GRANT EXECUTE ON FUNCTION
    pdp.set_subject_column(regclass, name), pdp.drop_subject_column(regclass),
    pdp.protect_rows(regclass), pdp.unprotect_rows(regclass),
    pdp.subject_report(text), pdp.erase_subject(text, text),
    pdp.restrict_processing(text, text), pdp.lift_restriction(text),
    pdp.restrict_processing(bigint, text), pdp.lift_restriction(bigint)
TO pdp_admin;
-- The row filter runs as whoever reads a protected table.
GRANT EXECUTE ON FUNCTION pdp._row_visible(regclass, text), pdp._row_visible(regclass, bigint)
TO PUBLIC;
GRANT EXECUTE ON FUNCTION
    pdp.grant_consent(text, text, timestamptz, text, text),
    pdp.grant_consent(bigint, text, timestamptz, text, text),
    pdp.withdraw_consent(text, text, text), pdp.withdraw_consent(bigint, text, text),
    pdp.has_consent(text), pdp.has_consent(text, text),
    pdp.has_consent(bigint), pdp.has_consent(bigint, text)
TO pdp_admin;

/*
 * The consent calls are open to pdp_admin and to the roles granted a
 * purpose, never to PUBLIC: whenever pdp.purpose_role changes, EXECUTE on
 * them is granted to every role holding a purpose and revoked from roles
 * that hold none any more.  Each call then checks that its caller holds
 * the very purpose it names.
 */
CREATE FUNCTION pdp._sync_consent_privileges() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    f regprocedure;
    r record;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
             WHERE p.pronamespace = 'pdp'::regnamespace
               AND p.proname IN ('grant_consent', 'withdraw_consent', 'has_consent')
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
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION pdp._sync_consent_privileges() FROM PUBLIC;
CREATE TRIGGER sync_consent_privileges AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON pdp.purpose_role FOR EACH STATEMENT EXECUTE FUNCTION pdp._sync_consent_privileges();
