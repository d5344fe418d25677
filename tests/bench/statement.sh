#!/usr/bin/env bash
# pdp's cost per statement, without client round trips: a PL/pgSQL loop of
# BENCH_LOOP (default 200 000) index lookups on pgbench_accounts (every
# column tagged, an allowed purpose), with pdp.mode = off and with enforce,
# alternated over BENCH_ROUNDS (default 4).  Prints the median time of each,
# their ratio and the nanoseconds pdp adds per statement:
#   enforce        checks only (pdp.log_allowed = off)
#   enforce+audit  every read recorded
# Reports only; it does not pass or fail.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env BENCH_ROUNDS="${BENCH_ROUNDS:-4}" \
        BENCH_LOOP="${BENCH_LOOP:-200000}" "$here/statement.sh" "$@"
fi
ROUNDS=${BENCH_ROUNDS:-4}
LOOP=${BENCH_LOOP:-200000}
PORT=${BENCH_PORT:-5493}
DIR=$(mktemp -d /tmp/pdp-bench-stmt.XXXXXX)
. "$here/lib.sh"
bench_init "shared_preload_libraries = 'pdp'"
start ""
bench_pgbench_db
loop() {   # $1 mode, $2 log_allowed -> ms
    psql -X -q -U postgres \
        -c "SET pdp.mode = $1; SET pdp.log_allowed = $2; SET ROLE bench; SET pdp.purpose = 'bench'" \
        -c '\timing on' \
        -c "DO \$\$ DECLARE b int; BEGIN FOR i IN 1..$LOOP LOOP SELECT abalance INTO b FROM pgbench_accounts WHERE aid = 1 + i % 1000000; END LOOP; END \$\$" |
        sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}
declare -A ms
for r in $(seq 1 "$ROUNDS"); do
    ms[off]+="$(loop off off) "
    ms[enforce]+="$(loop enforce off) "
    ms[audit]+="$(loop enforce on) "
done
psql -X -q -U postgres -c 'SELECT pdp.flush_audit()' >/dev/null
stop
off=$(echo "${ms[off]}" | median)
echo "$LOOP statements per loop, $ROUNDS rounds, median ms"
printf '%-14s %10s %8s %12s\n' config ms ratio "ns/statement"
printf '%-14s %10.1f %8.3f %12s\n' off "$off" 1 -
for c in enforce audit; do
    m=$(echo "${ms[$c]}" | median)
    printf '%-14s %10.1f %8.3f %12.0f\n' "$([ $c = audit ] && echo enforce+audit || echo enforce)" "$m" \
        "$(ratio "$off" "$m")" "$(awk -v a="$m" -v b="$off" -v n="$LOOP" 'BEGIN {print (a - b) * 1e6 / n}')"
done
