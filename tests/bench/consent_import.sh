#!/usr/bin/env bash
# Consent import speed (issue 1.1 item 7).
#   one by one   SELECT count(pdp.grant_consent(g::text, p)) FROM generate_series(1, n) g
#                for n = 1 000, 10 000, 100 000 (BENCH_SIZES), each into a
#                purpose of its own, in one statement: time per call.
#                Target: linear, at most 100 us per call at 100 000.
#   import       pdp.import_consents(p, subjects, expires_at, source,
#                evidence) of BENCH_IMPORT (1 000 000) subjects with an
#                expiry and evidence each.  Target: under 30 s.
#   baseline     the same rows written by plain SQL into two tables of the
#                same shape as pdp.consent_log and pdp.consent (indexes
#                included, no pdp): what the import costs on top of the
#                data itself, as a ratio measured in the same run.
# Also: the first protected read after the import (every backend reloads
# the purpose's set once), and the time until the import's audit event is
# written.  Reports only; it does not pass or fail.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env BENCH_SIZES="${BENCH_SIZES:-1000 10000 100000}" \
        BENCH_IMPORT="${BENCH_IMPORT:-1000000}" "$here/consent_import.sh" "$@"
fi
SIZES=${BENCH_SIZES:-1000 10000 100000}
IMPORT=${BENCH_IMPORT:-1000000}
PORT=${BENCH_PORT:-5497}
DIR=$(mktemp -d /tmp/pdp-bench-import.XXXXXX)
. "$here/lib.sh"
bench_init "shared_preload_libraries = 'pdp'
pdp.mode = enforce
max_wal_size = 4GB
maintenance_work_mem = 256MB"
start ""
psql -X -q -U postgres -d postgres -c 'CREATE DATABASE bench'
psql -X -q -U postgres -v ON_ERROR_STOP=1 -o /dev/null <<'SQL'
CREATE EXTENSION pdp;
CREATE ROLE importer LOGIN;
CREATE TABLE people (id bigint PRIMARY KEY, phone text);
INSERT INTO people SELECT g, '09' || g FROM generate_series(1, 1000000) g;
GRANT SELECT ON people TO importer;
SELECT pdp.tag_column('people', 'phone', 'phone_number');
SELECT pdp.set_subject_column('people', 'id');
SELECT pdp.protect_rows('people');
SELECT pdp.define_purpose('imported', 'import benchmark', 'consent');
SELECT pdp.allow('imported', 'phone_number');
SELECT pdp.grant_purpose('importer', 'imported');
-- the baseline: the same shape, no pdp
CREATE TABLE base_log (LIKE pdp.consent_log INCLUDING ALL);
CREATE TABLE base_state (LIKE pdp.consent INCLUDING ALL);
VACUUM ANALYZE;
SQL
timed() {   # $1: role, $2: SQL -> ms
    psql -X -q -U "$1" -c '\timing on' -c "$2" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}

echo "one call per subject, in one statement"
printf '%10s %10s %12s\n' calls ms "us/call"
for n in $SIZES; do
    psql -X -q -U postgres -o /dev/null -c "SELECT pdp.define_purpose('one_$n', 'one by one', 'consent'); SELECT pdp.grant_purpose('importer', 'one_$n')"
    ms=$(timed importer "SELECT count(pdp.grant_consent(g::text, 'one_$n')) FROM generate_series(1, $n) g")
    printf '%10d %10.0f %12.1f\n' "$n" "$ms" "$(awk -v m="$ms" -v n="$n" 'BEGIN {print m * 1000 / n}')"
done

echo
echo "import of $IMPORT subjects (expiry and evidence each)"
subjects="ARRAY(SELECT g::text FROM generate_series(1, $IMPORT) g)"
expiries="ARRAY(SELECT now() + interval '2 years' FROM generate_series(1, $IMPORT) g)"
evidence="ARRAY(SELECT 'form ' || g FROM generate_series(1, $IMPORT) g)"
ms_import=$(timed importer "SELECT pdp.import_consents('imported', $subjects, $expiries, 'bench import', $evidence)")
ms_base=$(timed postgres "WITH l AS (INSERT INTO base_log (subject, purpose, action, expires_at, source, evidence, recorded_by)
        SELECT s, 'imported', 'grant', e, 'bench import', ev, 'importer'
        FROM unnest($subjects, $expiries, $evidence) u(s, e, ev) RETURNING id, subject, expires_at)
    INSERT INTO base_state SELECT subject, 'imported', expires_at, now(), id FROM l")
ms_flush=$(timed postgres "SELECT pdp.flush_audit()")
ms_first=$(timed importer "SET pdp.purpose = 'imported'; SELECT count(phone) FROM people")
ms_next=$(timed importer "SET pdp.purpose = 'imported'; SELECT count(phone) FROM people; SELECT count(phone) FROM people")
printf '%-28s %10.0f ms\n' "import_consents" "$ms_import"
printf '%-28s %10.0f ms\n' "plain SQL, same rows" "$ms_base"
printf '%-28s %10.3f\n' "ratio import / plain SQL" "$(ratio "$ms_import" "$ms_base")"
printf '%-28s %10.0f ms\n' "audit event written after" "$ms_flush"
printf '%-28s %10.0f ms  (loads the purpose'"'"'s set)\n' "first protected read" "$ms_first"
printf '%-28s %10.0f ms  (two reads, set cached)\n' "next protected reads" "$ms_next"
psql -X -q -U postgres -At -c "SELECT 'history rows: ' || count(*) FROM pdp.consent_log WHERE purpose = 'imported'" \
    -c "SELECT 'audit events of the import: ' || count(*) FROM pdp.audit_log WHERE kind = 'consent' AND decision = 'import'"
stop
