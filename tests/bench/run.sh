#!/usr/bin/env bash
# pdp benchmark: pgbench -S -M prepared (scale 10, 2 clients) against one
# cluster restarted in three configurations, interleaved over several rounds
# so that machine noise hits all of them alike:
#   baseline  shared_preload_libraries = ''           (no pdp)
#   pdp       shared_preload_libraries = 'pdp', pdp.mode = enforce, every
#             pgbench_accounts column tagged, the role granted an allowed
#             purpose (pdp.purpose set for the role)
#   pgaudit   shared_preload_libraries = 'pgaudit', pgaudit.log = 'read'
# Prints the median TPS of each and its ratio to the baseline median.
# Reports only; it does not pass or fail.
#
# BENCH_SECONDS (default 20) per run, BENCH_ROUNDS (default 3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root
    exec runuser -u postgres -- env BENCH_SECONDS="${BENCH_SECONDS:-20}" \
        BENCH_ROUNDS="${BENCH_ROUNDS:-3}" "$here/run.sh" "$@"
fi

T=${BENCH_SECONDS:-20}
ROUNDS=${BENCH_ROUNDS:-3}
BIN=/usr/lib/postgresql/15/bin
PORT=${BENCH_PORT:-5499}
DIR=$(mktemp -d /tmp/pdp-bench.XXXXXX)
export PGHOST=$DIR PGPORT=$PORT PGDATABASE=bench
trap '$BIN/pg_ctl -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"' EXIT

$BIN/initdb -D "$DIR/data" -U postgres >/dev/null
cat >> "$DIR/data/postgresql.conf" <<CONF
port = $PORT
unix_socket_directories = '$DIR'
listen_addresses = ''
shared_buffers = 256MB
max_connections = 20
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = off
CONF

start() {   # $1: extra settings for postgresql.auto.conf
    printf '%s\n' "$1" > "$DIR/data/postgresql.auto.conf"
    $BIN/pg_ctl -D "$DIR/data" -l "$DIR/server.log" -w start >/dev/null
}
stop() { $BIN/pg_ctl -D "$DIR/data" -m fast -w stop >/dev/null; : > "$DIR/server.log"; }

start "shared_preload_libraries = 'pdp'"
psql -X -q -U postgres -d postgres -c 'CREATE DATABASE bench'
$BIN/pgbench -i -s 10 -q -U postgres bench 2>/dev/null
psql -X -q -U postgres -v ON_ERROR_STOP=1 -o /dev/null <<'SQL'
CREATE ROLE bench LOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO bench;
CREATE EXTENSION pdp;
SELECT pdp.tag_column('pgbench_accounts', c, 'banking_customer_info')
FROM unnest(ARRAY['aid', 'bid', 'abalance', 'filler']) c;
SELECT pdp.define_purpose('bench', 'benchmark', 'contract');
SELECT pdp.allow('bench', 'banking_customer_info');
SELECT pdp.grant_purpose('bench', 'bench');
ALTER ROLE bench SET pdp.purpose = 'bench';
VACUUM ANALYZE;
SQL
stop

declare -A conf=(
    [baseline]="shared_preload_libraries = ''"
    [pdp]=$'shared_preload_libraries = \'pdp\'\npdp.mode = enforce'
    [pgaudit]=$'shared_preload_libraries = \'pgaudit\'\npgaudit.log = \'read\''
)
order=(baseline pdp pgaudit)
declare -A tps

run() {   # $1 config name -> prints TPS
    start "${conf[$1]}"
    if [ "$1" = pdp ]; then
        # sanity: enforcement is on and refuses a read without the purpose
        psql -X -q -U bench -c "SET pdp.purpose = ''; SELECT abalance FROM pgbench_accounts WHERE aid = 1" \
            >/dev/null 2>&1 && { echo "pdp did not refuse a read without purpose" >&2; exit 1; }
    fi
    $BIN/pgbench -S -M prepared -c 2 -j 2 -T 3 -U bench bench >/dev/null 2>&1   # warm-up
    $BIN/pgbench -S -M prepared -c 2 -j 2 -T "$T" -U bench bench 2>/dev/null |
        sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
    if [ "$1" = pgaudit ]; then
        grep -c 'AUDIT: SESSION' "$DIR/server.log" | sed 's/^/    pgaudit log lines: /' >&2
    fi
    stop
}

echo "pgbench -S -M prepared, scale 10, 2 clients, ${T}s per run, $ROUNDS rounds"
for r in $(seq 1 "$ROUNDS"); do
    for c in "${order[@]}"; do
        v=$(run "$c")
        tps[$c]+="$v "
        printf 'round %d  %-9s %10.1f tps\n' "$r" "$c" "$v"
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
base=$(echo "${tps[baseline]}" | median)
echo
printf '%-9s %12s %8s\n' config "median tps" ratio
for c in "${order[@]}"; do
    m=$(echo "${tps[$c]}" | median)
    printf '%-9s %12.1f %8.3f\n' "$c" "$m" "$(awk -v a="$m" -v b="$base" 'BEGIN {print a / b}')"
done
