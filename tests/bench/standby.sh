#!/usr/bin/env bash
# Reads on a hot standby, and what shipping their audit events to the
# primary costs: a primary and a streaming standby (pdp preloaded on both,
# every pgbench_accounts column tagged), pgbench -S -M prepared (scale 10,
# 2 clients) against the standby, configurations interleaved over rounds:
#   off        pdp.mode = off for the role (no checks, no events)
#   enforce    checks, allowed reads not recorded (pdp.log_allowed = off)
#   shipped    every read recorded: queued on the standby, sent by its
#              sender to the primary, chained into the primary's trail
# (set with ALTER ROLE on the primary, which replicates).  Prints median TPS
# and ratios, and checks that every shipped event reached the primary's
# trail.  (tests/bench/standby_delay.sh measures how soon each one does.)
# Reports only; it does not pass or fail.  BENCH_SECONDS (default 15),
# BENCH_ROUNDS (default 3), PGBIN (default Debian's PostgreSQL 15).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env BENCH_SECONDS="${BENCH_SECONDS:-15}" \
        BENCH_ROUNDS="${BENCH_ROUNDS:-3}" \
        ${PGBIN:+PGBIN="$PGBIN"} "$here/standby.sh" "$@"
fi
T=${BENCH_SECONDS:-15}
ROUNDS=${BENCH_ROUNDS:-3}
PORT=${BENCH_PORT:-5495}
SPORT=$((PORT + 1))
DIR=$(mktemp -d /tmp/pdp-bench-standby.XXXXXX)
. "$here/lib.sh"
trap '$BIN/pg_ctl -D "$DIR/standby" -m immediate stop >/dev/null 2>&1 || true
      $BIN/pg_ctl -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"' EXIT
bench_init "shared_preload_libraries = 'pdp'
wal_level = replica
max_wal_senders = 4
hot_standby = on
pdp.server_name = 'primary'"
echo "local all all trust" > "$DIR/data/pg_hba.conf"
echo "local replication all trust" >> "$DIR/data/pg_hba.conf"
start ""
bench_pgbench_db
psql -X -q -U postgres -d bench -c "CREATE ROLE pdp_sender LOGIN IN ROLE pdp_audit_sender" \
    -c "SELECT pdp.register_standby('standby', 'pdp_sender')"
P() { psql -X -q -At -U postgres -d bench -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" "$@"; }
S() { psql -X -q -At -U postgres -d bench -v ON_ERROR_STOP=1 -h "$DIR" -p "$SPORT" "$@"; }

$BIN/pg_basebackup -D "$DIR/standby" -R -c fast -h "$DIR" -p "$PORT" -U postgres -X stream
cat >> "$DIR/standby/postgresql.conf" <<CONF
port = $SPORT
pdp.server_name = 'standby'
pdp.audit_primary_conninfo = 'host=$DIR port=$PORT user=pdp_sender'
CONF
$BIN/pg_ctl -D "$DIR/standby" -l "$DIR/standby.log" -w start >/dev/null
until [ "$(S -c 'SELECT pg_is_in_recovery()')" = t ]; do sleep 0.2; done

role_conf() {   # $1: mode, $2: log_allowed -- on the primary, replayed on the standby
    P -c "ALTER ROLE bench SET pdp.mode = $1" -c "ALTER ROLE bench SET pdp.log_allowed = $2"
    local lsn; lsn=$(P -c 'SELECT pg_current_wal_lsn()')
    until [ "$(S -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'")" = t ]; do sleep 0.1; done
}
run() {   # -> TPS on the standby
    $BIN/pgbench -n -S -M prepared -c 2 -j 2 -T "$T" -h "$DIR" -p "$SPORT" -U bench bench 2>/dev/null |
        sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}
declare -A tps
shipped_tx=0
before=$(P -c "SELECT count(*) FROM pdp.audit_log WHERE server = 'standby'")
for r in $(seq 1 "$ROUNDS"); do
    role_conf off off;      tps[off]+="$(run) "
    role_conf enforce off;  tps[enforce]+="$(run) "
    role_conf enforce on
    t=$(run); tps[shipped]+="$t "
    shipped_tx=$(awk -v a="$shipped_tx" -v t="$t" -v s="$T" 'BEGIN {printf "%d", a + t * s}')
done
S -c 'SELECT pdp.flush_audit()' >/dev/null
after=$(P -c "SELECT count(*) FROM pdp.audit_log WHERE server = 'standby'")
base=$(echo "${tps[off]}" | median)
echo "pgbench -S on the standby, $T s x $ROUNDS rounds, median TPS"
printf '%-10s %10s %8s\n' config tps ratio
for c in off enforce shipped; do
    m=$(echo "${tps[$c]}" | median)
    printf '%-10s %10.0f %8.3f\n' "$c" "$m" "$(ratio "$m" "$base")"
done
echo "shipped: $((after - before)) standby events in the primary's trail for about $shipped_tx transactions (TPS x seconds)"
S -c "SELECT 'standby audit_stats: queued ' || queued || ', written ' || written || ', dropped ' || dropped FROM pdp.audit_stats()"
P -c "SELECT 'primary verify_audit_log: ' || coalesce(pdp.verify_audit_log()::text, 'intact')"
