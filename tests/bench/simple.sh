#!/usr/bin/env bash
# pdp's cost for statements planned every time (the simple protocol, no
# prepared plans): pgbench -S -M simple, 2 clients, on pgbench_accounts with
# every column tagged and an allowed purpose, pdp.mode = off and enforce
# (pdp.log_allowed = off) alternated over BENCH_ROUNDS (default 3) runs of
# BENCH_SECONDS (default 6).  Each statement's plan is analysed afresh
# (analyze.c, flow.c): this is where that analysis shows.  Prints the tps of
# each run, the median of the paired ratios enforce/off.  Reports only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env BENCH_ROUNDS="${BENCH_ROUNDS:-3}" \
        BENCH_SECONDS="${BENCH_SECONDS:-6}" "$here/simple.sh" "$@"
fi
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-6}
PORT=${BENCH_PORT:-5494}
DIR=$(mktemp -d /tmp/pdp-bench-simple.XXXXXX)
. "$here/lib.sh"
bench_init "shared_preload_libraries = 'pdp'"
start ""
bench_pgbench_db
run() {   # $1 mode -> tps
    psql -X -q -U postgres -d bench -c "ALTER ROLE bench SET pdp.mode = $1" \
        -c "ALTER ROLE bench SET pdp.log_allowed = off" >/dev/null
    $BIN/pgbench -n -S -M simple -T "$SECONDS_PER_RUN" -c 2 -j 2 -U bench bench 2>/dev/null |
        sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}
ratios=""
for r in $(seq 1 "$ROUNDS"); do
    off=$(run off)
    enf=$(run enforce)
    printf 'round %d: off %.0f tps, enforce %.0f tps, ratio %.3f\n' "$r" "$off" "$enf" "$(ratio "$enf" "$off")"
    ratios+="$(ratio "$enf" "$off") "
done
stop
echo "enforce/off, simple protocol, median of $ROUNDS paired runs: $(echo "$ratios" | median)"
