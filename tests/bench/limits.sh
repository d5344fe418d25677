#!/usr/bin/env bash
# Bulk-guard benchmark: statements returning 1 000 000 rows, with pdp
# preloaded (enforce, every read audited) against the same server without
# pdp, interleaved over rounds:
#   untagged  SELECT id, note FROM big          (no personal data read)
#   limited   SELECT id, full_name FROM big     (full_name tagged; the purpose
#             has max_rows_per_statement = 2 000 000, so every row passes
#             through the row guard)
# Each is run by pgbench (-t BENCH_LIMIT_RUNS, 1 client), which reads every
# row; the ratio is baseline latency / pdp latency (1.0 = no cost).
# Reports only; it does not pass or fail.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env BENCH_ROUNDS="${BENCH_ROUNDS:-3}" \
        BENCH_LIMIT_RUNS="${BENCH_LIMIT_RUNS:-5}" "$here/limits.sh" "$@"
fi
ROUNDS=${BENCH_ROUNDS:-3}
RUNS=${BENCH_LIMIT_RUNS:-5}
PORT=${BENCH_PORT:-5497}
DIR=$(mktemp -d /tmp/pdp-bench-limits.XXXXXX)
. "$here/lib.sh"
bench_init ""

start "shared_preload_libraries = 'pdp'"
psql -X -q -U postgres -d postgres -c 'CREATE DATABASE bench'
psql -X -q -U postgres -v ON_ERROR_STOP=1 -o /dev/null <<'SQL'
CREATE TABLE big (id int, full_name text, note text);
INSERT INTO big SELECT g, 'customer ' || g, 'note ' || g FROM generate_series(1, 1000000) g;
VACUUM ANALYZE big;
CREATE ROLE bench LOGIN;
GRANT SELECT ON big TO bench;
CREATE EXTENSION pdp;
SELECT pdp.tag_column('big', 'full_name', 'full_name');
SELECT pdp.define_purpose('export', 'benchmark', 'contract');
SELECT pdp.allow('export', 'full_name');
SELECT pdp.grant_purpose('bench', 'export');
SELECT pdp.set_limit('export', 2000000, NULL);
ALTER ROLE bench SET pdp.purpose = 'export';
SQL
stop
echo 'SELECT id, note FROM big;' > "$DIR/untagged.sql"
echo 'SELECT id, full_name FROM big;' > "$DIR/limited.sql"

declare -A conf=([baseline]="shared_preload_libraries = ''"
                 [pdp]=$'shared_preload_libraries = \'pdp\'\npdp.mode = enforce')
declare -A lat
declare -A paired   # per round: baseline latency / pdp latency
declare -A base_lat
for r in $(seq 1 "$ROUNDS"); do
    for c in baseline pdp; do
        start "${conf[$c]}"
        $BIN/pgbench -n -U bench -c 1 -t 1 -f "$DIR/limited.sql" bench >/dev/null 2>&1   # warm-up
        for q in untagged limited; do
            v=$($BIN/pgbench -n -U bench -c 1 -t "$RUNS" -f "$DIR/$q.sql" bench 2>/dev/null |
                sed -n 's/^latency average = \([0-9.]*\) ms/\1/p')
            lat[$c.$q]+="$v "
            [ "$c" = baseline ] && base_lat[$q]=$v
            [ "$c" = pdp ] && paired[$q]+="$(ratio "${base_lat[$q]}" "$v") "
            printf 'round %d  %-8s %-8s %9.1f ms\n' "$r" "$c" "$q" "$v"
        done
        if [ "$c" = pdp ]; then
            psql -X -At -U postgres -c "SELECT pdp.flush_audit(); SELECT format('    pdp: %s limited-statement events, %s row-limit hits', count(*) FILTER (WHERE 'full_name' = ANY(columns)), count(*) FILTER (WHERE reason = 'row_limit')) FROM pdp.audit_log" | tail -n 1
        fi
        stop
    done
done
echo
printf '%-9s %14s %14s %8s %8s\n' statement "baseline ms" "pdp ms" ratio paired
for q in untagged limited; do
    b=$(echo "${lat[baseline.$q]}" | median); p=$(echo "${lat[pdp.$q]}" | median)
    printf '%-9s %14.1f %14.1f %8.3f %8.3f\n' "$q" "$b" "$p" "$(ratio "$b" "$p")" \
        "$(echo "${paired[$q]}" | median)"
done
