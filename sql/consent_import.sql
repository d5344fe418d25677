-- pdp.import_consents(): the consents a shop already holds, in one call,
-- with the same history, current state and cache behaviour as one
-- grant_consent() per subject, all or nothing.  Needs only setup's roles.
\set VERBOSITY terse
CREATE TABLE ci_people (id bigint PRIMARY KEY, phone text);
INSERT INTO ci_people SELECT g, '09' || g FROM generate_series(1, 20) g;
GRANT SELECT ON ci_people TO regress_app, regress_other;
SELECT pdp.tag_column('ci_people', 'phone', 'phone_number');
SELECT pdp.set_subject_column('ci_people', 'id');
SELECT pdp.protect_rows('ci_people');
SELECT pdp.define_purpose('ci_news', 'newsletter', 'consent');
SELECT pdp.define_purpose('ci_other', 'held by nobody', 'consent');
SELECT pdp.allow('ci_news', 'phone_number');
SELECT pdp.grant_purpose('regress_app', 'ci_news');

-- bad input: nothing is recorded
SELECT pdp.import_consents(NULL, ARRAY['1']);
SELECT pdp.import_consents('ci_nope', ARRAY['1']);
SELECT pdp.import_consents('ci_news', NULL::text[]);
SELECT pdp.import_consents('ci_news', ARRAY['1', NULL, '3']);
SELECT pdp.import_consents('ci_news', ARRAY['1', '']);
SELECT pdp.import_consents('ci_news', ARRAY['1', repeat('x', 1025)]);
SELECT pdp.import_consents('ci_news', ARRAY['1', '2', '1']);
SELECT pdp.import_consents('ci_news', ARRAY['1', '2'], ARRAY[now() + interval '1 day']);
SELECT pdp.import_consents('ci_news', ARRAY['1', '2'], evidence => ARRAY['a', 'b', 'c']);
SELECT pdp.import_consents('ci_news', ARRAY['1', '2'], ARRAY[NULL, now() - interval '1 day']);
SELECT pdp.import_consents('ci_news', ARRAY[['1', '2'], ['3', '4']]);
SET ROLE regress_other;                  -- holds no purpose
SELECT pdp.import_consents('ci_news', ARRAY['1']);
RESET ROLE;
SET ROLE regress_app;                    -- holds ci_news, not ci_other
SELECT pdp.import_consents('ci_other', ARRAY['1']);
RESET ROLE;
SELECT count(*) AS history FROM pdp.consent_history WHERE purpose = 'ci_news';

-- an import by a holder of the purpose: one history row per subject, with
-- its own expiry and evidence, the source of the import; current state
SET ROLE regress_app;
SELECT pdp.import_consents('ci_news', ARRAY['1', '2', '3', '4', '5'],
    ARRAY[NULL, now() + interval '1 year', NULL, NULL, NULL]::timestamptz[],
    'crm export 2026-11', ARRAY['form 1', 'form 2', NULL, 'form 4', 'form 5']) AS imported;
SELECT pdp.import_consents('ci_news', ARRAY[]::text[]) AS imported_none;
-- integer ids, and an import that renews a grant
SELECT pdp.import_consents('ci_news', ARRAY[6, 7, 8, 1]::bigint[], source => 'shop') AS imported;
RESET ROLE;
SELECT subject, action, expires_at IS NOT NULL AS expires, source, evidence, recorded_by
FROM pdp.consent_history WHERE purpose = 'ci_news' ORDER BY id;
SELECT subject, status, in_force FROM pdp.consents WHERE purpose = 'ci_news' ORDER BY subject::int;

-- the row filter and has_consent() see them at once, in this session and others
SET pdp.mode = enforce;
SET ROLE regress_app;
SET pdp.purpose = 'ci_news';
SELECT array_agg(id ORDER BY id) AS visible FROM ci_people;
SELECT pdp.has_consent(8) AS has_8, pdp.has_consent(9) AS has_9;
RESET pdp.purpose;
RESET ROLE;
RESET pdp.mode;

-- all or nothing: an import that fails on its last subject leaves no trace
SET ROLE regress_app;
SELECT pdp.import_consents('ci_news', ARRAY['10', '11', '12', NULL]);
RESET ROLE;
SELECT count(*) AS history_10_to_12 FROM pdp.consent_history WHERE purpose = 'ci_news' AND subject IN ('10', '11', '12');

-- one audit event per import, at commit, naming the range of history ids
SELECT pdp.flush_audit();
SELECT kind, decision, purpose, detail->'subjects' AS subjects, detail->>'source' AS source,
       (detail->>'last_consent_id')::bigint - (detail->>'first_consent_id')::bigint + 1 AS id_span
FROM pdp.audit_events WHERE kind = 'consent' AND decision = 'import' AND purpose LIKE 'ci\_%' ORDER BY id;
-- an import rolled back leaves no event
BEGIN;
SELECT pdp.import_consents('ci_news', ARRAY['13', '14']) AS imported;
ROLLBACK;
SELECT pdp.flush_audit();
SELECT count(*) AS events_for_rollback FROM pdp.audit_events
WHERE kind = 'consent' AND decision = 'import' AND detail->>'subjects' = '2';
SELECT count(*) AS history_13_14 FROM pdp.consent_history WHERE purpose = 'ci_news' AND subject IN ('13', '14');

-- many grant_consent() calls in one transaction: one event per grant while
-- the transaction's events take less than an eighth of the queue, then
-- one event for the rest; every grant counted
SELECT count(pdp.grant_consent(g, 'ci_other')) AS granted FROM generate_series(1001, 5100) g;
SELECT pdp.flush_audit();
SELECT count(*) FILTER (WHERE detail->>'folded' IS NULL)
       + coalesce(sum((detail->>'changes')::int) FILTER (WHERE detail->>'folded' = 'true'), 0) AS grants_recorded,
       count(*) FILTER (WHERE detail->>'folded' = 'true') AS folded_events,
       bool_and((detail->>'last_consent_id')::bigint - (detail->>'first_consent_id')::bigint + 1
                = (detail->>'changes')::bigint) FILTER (WHERE detail->>'folded' = 'true') AS ids_span_changes
FROM pdp.audit_events WHERE kind = 'consent' AND purpose = 'ci_other';

-- clean up
SELECT pdp.unprotect_rows('ci_people');
DROP TABLE ci_people;
SELECT pdp.drop_purpose('ci_news');
SELECT pdp.drop_purpose('ci_other');
