#!/usr/bin/env bash
# Discovery benchmark (issue 15, part 2): accuracy and sampling cost of
# pdp.discover().
#   accuracy  loads discover_data.sql (31 tables of a Vietnamese retail
#             business in schemas crm, sales, hr, payments, app, catalog,
#             333 columns, every one labelled in public.discover_labels with
#             its Decree 356 category or as not personal) into a fresh
#             database with pdp, runs pdp.discover(sample_rows =>
#             DISCOVER_SAMPLE_ROWS) over the whole database and scores the
#             suggestions accepted by default (discover_score.sql): precision,
#             recall, a table per category, every false positive and false
#             negative with discovery's evidence.
#             DISCOVER_DATA picks another labelled database in tests/bench/
#             (or a path): discover_holdout.sql is the hold-out set (43
#             tables of a clinic, a telco, an insurer, a school, a delivery
#             firm, a rental firm and a marketplace, 398 columns) that the
#             recognizers were not tuned on; discover_holdout2.sql is the
#             second hold-out set (38 tables of a lender, a ward office,
#             hotels, ride-hailing, e-learning, a bank CRM and a gym, 359
#             columns), labelled before discovery was first run on it.
#             discover_holdout3.sql is the third (39 tables of a utility,
#             a restaurant chain, a car dealer, a pharmacy chain, a
#             brokerage, a recruiter and a charity, 374 columns), labelled
#             and committed before discovery was first run on it.
#             discover_holdout4.sql is the fourth (36 tables of an
#             airline, a cinema ticketing site, a dating app, a garment
#             factory, a dental clinic chain and an international courier,
#             326 columns), labelled and committed before discovery was
#             first run on it.
#   cost      two tables with the columns of crm.customers, ~DISCOVER_SMALL_MB
#             (10) and ~DISCOVER_BIG_MB (1000) MB (copies of its rows;
#             VACUUMed), pdp.discover(relations => ARRAY[t]) on each,
#             DISCOVER_RUNS (3) runs in fresh sessions: median time, heap
#             blocks touched (pg_statio_user_tables heap_blks_read +
#             heap_blks_hit, flushed with pg_stat_force_next_flush()) and the
#             ratios big / small; a plain count(*) of each for scale.
#             Target (issue 15): the big table costs about what the small
#             one does.  DISCOVER_BIG_MB=0 skips this part; so does a
#             DISCOVER_DATA without crm.customers.
# Exits 1 when precision < DISCOVER_MIN_PRECISION or recall <
# DISCOVER_MIN_RECALL (both 0.95 by default), after the cost part.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env DISCOVER_SAMPLE_ROWS="${DISCOVER_SAMPLE_ROWS:-1000}" \
        DISCOVER_MIN_PRECISION="${DISCOVER_MIN_PRECISION:-0.95}" DISCOVER_MIN_RECALL="${DISCOVER_MIN_RECALL:-0.95}" \
        DISCOVER_SMALL_MB="${DISCOVER_SMALL_MB:-10}" DISCOVER_BIG_MB="${DISCOVER_BIG_MB:-1000}" \
        DISCOVER_RUNS="${DISCOVER_RUNS:-3}" DISCOVER_DATA="${DISCOVER_DATA:-discover_data.sql}" BENCH_PORT="${BENCH_PORT:-5498}" ${PGBIN:+PGBIN="$PGBIN"} \
        "$here/discover.sh" "$@"
fi
SAMPLE=${DISCOVER_SAMPLE_ROWS:-1000}
MIN_P=${DISCOVER_MIN_PRECISION:-0.95}
MIN_R=${DISCOVER_MIN_RECALL:-0.95}
SMALL_MB=${DISCOVER_SMALL_MB:-10}
BIG_MB=${DISCOVER_BIG_MB:-1000}
RUNS=${DISCOVER_RUNS:-3}
PORT=${BENCH_PORT:-5498}
DATA=${DISCOVER_DATA:-discover_data.sql}
case $DATA in */*) ;; *) DATA=$here/$DATA ;; esac
[ -r "$DATA" ] || { echo "discover.sh: cannot read DISCOVER_DATA $DATA" >&2; exit 2; }
DIR=$(mktemp -d /tmp/pdp-bench-discover.XXXXXX)
. "$here/lib.sh"
bench_init "shared_preload_libraries = 'pdp'
max_wal_size = 4GB
maintenance_work_mem = 256MB"
start ""
psql -X -q -U postgres -d postgres -c 'CREATE DATABASE bench'
t0=$(date +%s.%N)
psql -X -q -U postgres -v ON_ERROR_STOP=1 -o /dev/null -f "$DATA"
printf 'test database %s loaded in %.1f s\n' "$(basename "$DATA")" "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')"
psql -X -q -U postgres -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pdp'

echo
echo "== accuracy: pdp.discover(sample_rows => $SAMPLE) over the whole database"
rc=0
psql -X -q -U postgres -v ON_ERROR_STOP=1 -v sample="$SAMPLE" -v min_precision="$MIN_P" -v min_recall="$MIN_R" \
    -f "$here/discover_score.sql" || rc=$?
case $rc in 0) ;; 3) rc=1 ;; *) echo "discover_score.sql failed ($rc)"; exit 2 ;; esac

if [ "$BIG_MB" != 0 ] && [ "$(psql -X -At -U postgres -c "SELECT to_regclass('crm.customers') IS NOT NULL")" = f ]; then
    echo
    echo "== sampling cost: skipped ($(basename "$DATA") has no crm.customers)"
elif [ "$BIG_MB" != 0 ]; then
    echo
    echo "== sampling cost: tables of ~$SMALL_MB MB and ~$BIG_MB MB with the columns of crm.customers"
    psql -X -q -U postgres -c 'CREATE SCHEMA costbench'
    t0=$(date +%s.%N)
    for t in small big; do
        mb=$([ $t = small ] && echo "$SMALL_MB" || echo "$BIG_MB")
        psql -X -q -U postgres -v ON_ERROR_STOP=1 -o /dev/null <<SQL
CREATE TABLE costbench.$t (LIKE crm.customers);
SELECT ceil($mb * 1048576.0 / pg_relation_size('crm.customers'))::int AS copies \gset
INSERT INTO costbench.$t SELECT c.* FROM generate_series(1, :copies) g, crm.customers c;
VACUUM ANALYZE costbench.$t;
SQL
    done
    printf 'loaded in %.0f s\n' "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')"
    blocks() {   # $1: table -> heap blocks read + hit so far
        psql -X -At -U postgres -c "SELECT coalesce(heap_blks_read, 0) + coalesce(heap_blks_hit, 0) FROM pg_statio_user_tables WHERE relid = 'costbench.$1'::regclass"
    }
    declare -A ms blk
    for r in $(seq 1 "$RUNS"); do
        for t in small big; do
            b0=$(blocks $t)
            # the session's statistics reach the shared counters when it goes
            # idle after pg_stat_force_next_flush(); the last SELECT 1 returns
            # only after that
            v=$(psql -X -At -U postgres -v ON_ERROR_STOP=1 -c '\timing on' \
                    -c "SELECT count(*) FROM pdp.discover(relations => ARRAY['costbench.$t']::regclass[], sample_rows => $SAMPLE)" \
                    -c 'SELECT pg_stat_force_next_flush()' -c 'SELECT 1' | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | head -n 1)
            b1=$(blocks $t)
            ms[$t]+="$v "; blk[$t]+="$((b1 - b0)) "
            printf 'run %d  %-5s %10.1f ms %8d heap blocks\n' "$r" "$t" "$v" "$((b1 - b0))"
        done
    done
    echo
    printf '%-6s %10s %12s %12s %14s %12s %14s\n' table MB rows "heap blocks" "discover ms" "blocks read" "count(*) ms"
    for t in small big; do
        info=$(psql -X -At -F ' ' -U postgres -c "SELECT round(pg_relation_size('costbench.$t') / 1048576.0), (SELECT count(*) FROM costbench.$t), pg_relation_size('costbench.$t') / current_setting('block_size')::int")
        scan=$(psql -X -At -U postgres -c '\timing on' -c "SELECT count(*) FROM costbench.$t" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
        read -r size rows pages <<< "$info"
        printf '%-6s %10s %12s %12s %14.1f %12s %14.1f\n' "$t" "$size" "$rows" "$pages" "$(echo "${ms[$t]}" | median)" \
            "$(echo "${blk[$t]}" | median)" "$scan"
    done
    ms_ratio=$(ratio "$(echo "${ms[big]}" | median)" "$(echo "${ms[small]}" | median)")
    bl_small=$(echo "${blk[small]}" | median); bl_big=$(echo "${blk[big]}" | median)
    printf 'big / small: time %.2f, heap blocks %s   (target: about 1)\n' "$ms_ratio" \
        "$([ "$bl_small" = 0 ] && echo "n/a (small: 0)" || printf '%.2f' "$(ratio "$bl_big" "$bl_small")")"
fi
stop
exit $rc
