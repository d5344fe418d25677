-- Lifetimes of what a statement holds: the consent sets its row filter
-- probes, the relation tags it decided on, its pending events.  Caches may
-- be dropped or rebuilt in the middle of a statement (a has_consent() call
-- in the same query, a tag changed by a function it calls); nothing the
-- statement holds may be freed under it.  Needs only setup's roles; the
-- hardened run repeats it with debug_discard_caches = 1.
\set VERBOSITY terse
SET pdp.mode = enforce;
CREATE TABLE lt_people (id int PRIMARY KEY, phone text);
INSERT INTO lt_people SELECT g, '09' || lpad(g::text, 8, '0') FROM generate_series(1, 5000) g;
GRANT SELECT ON lt_people TO regress_app;
SELECT pdp.tag_column('lt_people', 'phone', 'phone_number');
SELECT pdp.set_subject_column('lt_people', 'id');
SELECT pdp.protect_rows('lt_people');
SELECT pdp.define_purpose('lt_mkt', 'newsletter', 'consent');
SELECT pdp.define_purpose('lt_other', 'another consent purpose', 'consent');
SELECT pdp.allow('lt_mkt', 'phone_number');
SELECT pdp.grant_purpose('regress_app', 'lt_mkt');
SELECT pdp.grant_purpose('regress_app', 'lt_other');
SELECT pdp.import_consents('lt_mkt', array(SELECT g::bigint FROM generate_series(1, 4100) g)) AS granted;

-- 1 100 consents granted in one transaction (more than the 1 024 a
-- transaction follows one by one; imported in one call, so that the
-- hardened run's debug_discard_caches does not plan 1 100 calls), then,
-- under lt_mkt, a query whose has_consent() for another purpose reloads
-- the consent cache while the row filter probes lt_mkt's set.  Rows
-- 1-1000 and 4001-4100 consented to lt_mkt, 4101-5000 did not, only
-- 4001-4100 to lt_other as well: 1 100 visible, 100 also_other.  1.0 went
-- on probing the freed set, whose memory now held lt_other's: it showed
-- 101 rows (and, on other data, rows of people who never consented).
SET ROLE regress_app;
BEGIN;
SELECT pdp.import_consents('lt_other', array(SELECT g::bigint FROM generate_series(3001, 4100) g)) AS granted;
SET LOCAL pdp.purpose = 'lt_mkt';
SELECT count(*) AS visible,
       count(*) FILTER (WHERE id BETWEEN 4101 AND 5000) AS without_consent,
       count(*) FILTER (WHERE pdp.has_consent(id, 'lt_other')) AS also_other
FROM lt_people WHERE id <= 1000 OR id > 4000;
-- the same with the check in a subquery and a join, cursor style
DECLARE lt_c CURSOR FOR
    SELECT p.id, pdp.has_consent(p.id, 'lt_other') AS other FROM lt_people p
    JOIN lt_people q ON q.id = p.id WHERE p.id > 4090 ORDER BY p.id;
FETCH 5 FROM lt_c;
SELECT count(pdp.grant_consent(g, 'lt_other')) AS granted FROM generate_series(1, 20) g;
FETCH ALL FROM lt_c;
CLOSE lt_c;
COMMIT;

-- after commit, the changes reach this session as any other
SET pdp.purpose = 'lt_other';
SELECT count(*) AS visible_under_other FROM lt_people;
RESET pdp.purpose;
RESET ROLE;

-- a statement whose function re-tags the column it reads, row by row:
-- its decisions and events were taken from the tags in force when it
-- started, and its event names the column as tagged then
CREATE FUNCTION lt_retag(i int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pdp.untag_column('lt_people', 'phone');
    PERFORM pdp.tag_column('lt_people', 'phone', CASE WHEN i % 2 = 0 THEN 'phone_number' ELSE 'other_identifying' END);
    RETURN i;
END $$;
SELECT pdp.flush_audit();
SELECT count(phone) AS phones, sum(r) AS ids FROM (SELECT lt_retag(id) AS r, phone FROM lt_people WHERE id <= 5 /* lt_retag */) s;
SELECT pdp.flush_audit();
SELECT decision, columns, categories, rows FROM pdp.audit_events
WHERE query LIKE '%lt_retag */%' AND kind = 'access' ORDER BY id;
SELECT category FROM pdp.personal_columns WHERE relation = 'lt_people'::regclass;

-- a prepared statement executed after its tags, and then its purpose's
-- policy, changed: each execution decides afresh, the old entries go
SELECT pdp.tag_column('lt_people', 'phone', 'phone_number');
SET ROLE regress_app;
SET pdp.purpose = 'lt_mkt';
PREPARE lt_q AS SELECT count(phone) FROM lt_people WHERE id <= 10;
EXECUTE lt_q;
RESET ROLE;
SELECT pdp.tag_column('lt_people', 'phone', 'other_identifying');
SET ROLE regress_app;
SET pdp.purpose = 'lt_mkt';
EXECUTE lt_q;
RESET ROLE;
SELECT pdp.allow('lt_mkt', 'other_identifying');
SET ROLE regress_app;
SET pdp.purpose = 'lt_mkt';
EXECUTE lt_q;
DEALLOCATE lt_q;
RESET ROLE;

-- a statement that fails after reading: its event is written, incomplete,
-- from the statement's memory as it goes away
SET ROLE regress_app;
SET pdp.purpose = 'lt_mkt';
SELECT phone, 1 / (id - 3) FROM lt_people WHERE id <= 5 ORDER BY id /* lt_fail */;
RESET ROLE;
SELECT pdp.flush_audit();
SELECT decision, rows, detail FROM pdp.audit_events WHERE query LIKE '%lt_fail */%' ORDER BY id;

-- events made after the statement started (rows hidden, counted from
-- the first FETCH) name the role and purpose it started with, whatever
-- the session switched to meanwhile
BEGIN;
SET LOCAL ROLE regress_app;
SET LOCAL pdp.purpose = 'lt_mkt';
DECLARE lt_late CURSOR FOR SELECT id FROM lt_people WHERE id BETWEEN 4095 AND 4105 /* lt_late */;
RESET ROLE;
SET LOCAL pdp.purpose = 'lt_other';
FETCH ALL FROM lt_late;
CLOSE lt_late;
COMMIT;
SELECT pdp.flush_audit();
SELECT decision, reason, role, purpose, rows FROM pdp.audit_events
WHERE query LIKE '%lt_late */%' ORDER BY id;

-- clean up
SELECT pdp.unprotect_rows('lt_people');
DROP TABLE lt_people;
DROP FUNCTION lt_retag(int);
SELECT pdp.drop_purpose('lt_mkt');
SELECT pdp.drop_purpose('lt_other');
