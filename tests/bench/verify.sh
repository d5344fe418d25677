#!/usr/bin/env bash
# verify_audit_log()'s cost: a trail of N statement records (pgbench -S
# under pdp.log_allowed = statement), then 2N, timed against a plain scan
# of the same table (SELECT of every row's text) in the same run: the
# verification must stay linear (the same microseconds per row at N and
# 2N) and its ratio to the scan shows what hashing adds.  BENCH_EVENTS
# (default 200000), BENCH_RUNS (default 3, median).  PGBIN: another build
# (pdp.log_allowed = on: statement in 1.1, and understood by 1.0 builds).
# Reports only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env BENCH_EVENTS="${BENCH_EVENTS:-200000}" \
        BENCH_RUNS="${BENCH_RUNS:-3}" PGBIN="${PGBIN:-}" "$here/verify.sh" "$@"
fi
N=${BENCH_EVENTS:-200000}
RUNS=${BENCH_RUNS:-3}
PORT=${BENCH_PORT:-5497}
DIR=$(mktemp -d /tmp/pdp-bench-verify.XXXXXX)
[ -n "${PGBIN:-}" ] || unset PGBIN
. "$here/lib.sh"
bench_init "shared_preload_libraries = 'pdp'
pdp.mode = enforce
pdp.log_allowed = on
pdp.audit_queue_size = 256MB"
start ""
bench_pgbench_db
sql() { psql -X -q -At -U postgres -d bench -v ON_ERROR_STOP=1 "$@"; }
ms() {   # $1: SQL -> median milliseconds of RUNS runs
    local t all=""
    for _ in $(seq 1 "$RUNS"); do
        t=$(sql -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1)
        all+="$t "
    done
    echo "$all" | median
}
fill() {   # $1: events to add
    $BIN/pgbench -n -S -M prepared -c 2 -j 2 -t $(( $1 / 2 )) -U bench bench >/dev/null 2>&1
    sql -c 'SELECT pdp.flush_audit()' >/dev/null
}
echo "verify_audit_log() against a plain scan of pdp.audit_log, median of $RUNS runs"
for step in 1 2; do
    fill "$N"
    rows=$(sql -c 'SELECT count(*) FROM pdp.audit_log')
    v=$(ms 'SELECT pdp.verify_audit_log()')
    s=$(ms 'SELECT sum(length(t::text)) FROM pdp.audit_log t')
    printf '%8d rows: verify %8.1f ms (%.2f us/row), scan %7.1f ms (%.2f us/row), verify/scan %.2f\n' \
        "$rows" "$v" "$(awk -v a="$v" -v n="$rows" 'BEGIN {print a * 1000 / n}')" \
        "$s" "$(awk -v a="$s" -v n="$rows" 'BEGIN {print a * 1000 / n}')" "$(ratio "$v" "$s")"
    [ "$(sql -c 'SELECT pdp.verify_audit_log() IS NULL')" = t ] || { echo "the chain does not verify" >&2; exit 1; }
done
stop
