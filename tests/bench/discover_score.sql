-- Scores pdp.discover() against public.discover_labels (loaded by
-- discover_data.sql).  Run by discover.sh with psql variables
--   sample          sample_rows passed to pdp.discover()
--   min_precision   pass mark for precision
--   min_recall      pass mark for recall
-- Runs pdp.discover(sample_rows => :sample) over the whole database and
-- scores the suggestions accepted by default (accepted = true):
--   predicted  = distinct (relation, column, category) with accepted;
--   correct    = the prediction's category is the label's category or one of
--                its acceptable ones (for a non-personal column with an
--                acceptable list, tagging it so is not counted as a mistake);
--   precision  = correct / predicted;
--   recall     = labelled personal columns with a correct accepted
--                prediction / labelled personal columns.
-- Predictions on columns without a label (any relation but
-- public.discover_labels itself) count as false positives.
-- Prints the counts, precision, recall, a table per category and every
-- false positive and false negative with discovery's evidence; fails
-- (exit status 3 under ON_ERROR_STOP) when precision < :min_precision or
-- recall < :min_recall.
\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = warning;
\echo 'whole-database pdp.discover():'
\timing on
CREATE TEMP TABLE discover_result AS SELECT * FROM pdp.discover(sample_rows => :sample);
\timing off
CREATE TEMP VIEW d AS
  SELECT format('%s.%s', n.nspname, c.relname) AS relation, r.column_name::text AS column_name, r.category,
         r.confidence, r.accepted, r.evidence, r.sampled, r.matched
  FROM discover_result r JOIN pg_class c ON c.oid = r.relation::oid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE format('%s.%s', n.nspname, c.relname) <> 'public.discover_labels';
CREATE TEMP TABLE pred AS
  SELECT DISTINCT ON (d.relation, d.column_name, d.category) d.*, l.category AS label, l.acceptable, l.note,
         l.relation IS NOT NULL AS labelled,
         coalesce(d.category = l.category OR d.category = ANY (l.acceptable), false) AS correct
  FROM d LEFT JOIN public.discover_labels l USING (relation, column_name)
  WHERE d.accepted AND d.category IS NOT NULL
  ORDER BY d.relation, d.column_name, d.category, d.confidence DESC;
CREATE TEMP TABLE personal AS
  SELECT l.*, EXISTS (SELECT 1 FROM pred p WHERE p.relation = l.relation AND p.column_name = l.column_name AND p.correct) AS recalled
  FROM public.discover_labels l WHERE l.category IS NOT NULL;

\echo
\echo '== columns'
SELECT count(*) AS columns, count(category) AS personal, count(*) - count(category) AS non_personal,
       count(DISTINCT relation) AS tables,
       (SELECT count(*) FROM d) AS discovery_rows,
       (SELECT count(*) FROM d WHERE category IS NOT NULL AND NOT accepted) AS suggested_not_accepted
FROM public.discover_labels;

CREATE TEMP TABLE score AS
  SELECT (SELECT count(*) FROM pred) AS predicted,
         (SELECT count(*) FROM pred WHERE correct) AS correct,
         (SELECT count(*) FROM personal) AS personal,
         (SELECT count(*) FROM personal WHERE recalled) AS recalled;
\echo '== accepted-by-default suggestions'
SELECT predicted, correct, predicted - correct AS false_pos, personal, recalled, personal - recalled AS false_neg,
       round(CASE WHEN predicted = 0 THEN 0 ELSE correct::numeric / predicted END, 4) AS precision,
       round(CASE WHEN personal = 0 THEN 1 ELSE recalled::numeric / personal END, 4) AS recall
FROM score;

\echo '== per category (labelled: personal columns with that label; recalled: of those found;'
\echo '   predicted: accepted suggestions of that category; correct: of those right)'
SELECT cat AS category,
       (SELECT count(*) FROM personal WHERE category = cat) AS labelled,
       (SELECT count(*) FROM personal WHERE category = cat AND recalled) AS recalled,
       (SELECT count(*) FROM pred WHERE category = cat) AS predicted,
       (SELECT count(*) FROM pred WHERE category = cat AND correct) AS correct
FROM (SELECT category FROM public.discover_labels WHERE category IS NOT NULL
      UNION SELECT category FROM pred) c(cat)
ORDER BY 1;

\echo '== false positives (accepted suggestion, wrong category or not personal)'
SELECT relation || '.' || column_name AS "column", category AS suggested, confidence,
       CASE WHEN NOT labelled THEN '(no label)' ELSE coalesce(label, '(not personal)') END AS label,
       acceptable, sampled, matched, evidence, note
FROM pred WHERE NOT correct ORDER BY 1, 2;

\echo '== false negatives (personal column without a correct accepted suggestion)'
SELECT p.relation || '.' || p.column_name AS "column", p.category AS label, p.acceptable,
       coalesce(d.category, '(none)') AS suggested, d.confidence, d.accepted, d.sampled, d.matched,
       coalesce(d.evidence, '(no suggestion)') AS evidence, p.note
FROM personal p LEFT JOIN d USING (relation, column_name)
WHERE NOT p.recalled ORDER BY 1, 4;

SELECT CASE WHEN predicted = 0 THEN 0 ELSE correct::numeric / predicted END >= :min_precision
   AND CASE WHEN personal = 0 THEN 1 ELSE recalled::numeric / personal END >= :min_recall AS discover_pass,
       round(CASE WHEN predicted = 0 THEN 0 ELSE correct::numeric / predicted END, 4) AS discover_precision,
       round(CASE WHEN personal = 0 THEN 1 ELSE recalled::numeric / personal END, 4) AS discover_recall
FROM score \gset
\if :discover_pass
\echo 'PASS: precision' :discover_precision '>=' :min_precision ', recall' :discover_recall '>=' :min_recall
\else
\echo 'FAIL: precision' :discover_precision '(target' :min_precision '), recall' :discover_recall '(target' :min_recall ')'
DO $$ BEGIN RAISE EXCEPTION 'discovery accuracy below target'; END $$;
\endif
