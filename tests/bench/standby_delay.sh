#!/usr/bin/env bash
# Standby events' delay to the primary's trail (issue 13): a primary and a
# streaming hot standby, pdp preloaded on both with the default
# pdp.audit_flush_interval (200 ms).  BENCH_DELAY_RUNS times: one read of
# a tagged column on the standby, then the time until its event (found by
# a marker in the query text) is visible in the primary's pdp.audit_log,
# polled every 5 ms over one open session.  Prints each delay, the median
# and the maximum.  Reports only; it does not pass or fail.
#   PGBIN: the PostgreSQL 15 binaries pdp is installed into (default Debian's)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env BENCH_DELAY_RUNS="${BENCH_DELAY_RUNS:-21}" \
        PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}" "$here/standby_delay.sh" "$@"
fi
BIN=${PGBIN:-/usr/lib/postgresql/15/bin}
RUNS=${BENCH_DELAY_RUNS:-21}
P1=${BENCH_PORT:-5497}
P2=$((P1 + 1))
DIR=$(mktemp -d /tmp/pdp-bench-delay.XXXXXX)
trap '$BIN/pg_ctl -D "$DIR/standby" -m immediate stop >/dev/null 2>&1 || true
      $BIN/pg_ctl -D "$DIR/primary" -m immediate stop >/dev/null 2>&1 || true
      rm -rf "$DIR"' EXIT

$BIN/initdb -D "$DIR/primary" -U postgres >/dev/null
cat >> "$DIR/primary/postgresql.conf" <<CONF
port = $P1
unix_socket_directories = '$DIR'
listen_addresses = ''
shared_preload_libraries = 'pdp'
pdp.server_name = 'primary1'
wal_level = replica
max_wal_senders = 4
CONF
$BIN/pg_ctl -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
$BIN/psql -X -q -h "$DIR" -p $P1 -U postgres -d postgres -v ON_ERROR_STOP=1 -o /dev/null <<'SQL'
CREATE EXTENSION pdp;
CREATE TABLE customers (id int PRIMARY KEY, full_name text);
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g;
SELECT pdp.tag_column('customers', 'full_name', 'full_name');
SELECT pdp.define_purpose('billing', 'billing', 'contract');
SELECT pdp.allow('billing', 'full_name');
CREATE ROLE app LOGIN;
GRANT SELECT ON customers TO app;
SELECT pdp.grant_purpose('app', 'billing');
ALTER ROLE app SET pdp.purpose = 'billing';
ALTER ROLE pdp_audit_sender LOGIN;
SELECT pdp.register_standby('standby1', 'pdp_audit_sender');
SQL
$BIN/pg_basebackup -h "$DIR" -p $P1 -U postgres -D "$DIR/standby" -R -c fast -X stream >/dev/null
cat >> "$DIR/standby/postgresql.conf" <<CONF
port = $P2
pdp.server_name = 'standby1'
CONF
$BIN/pg_ctl -D "$DIR/standby" -l "$DIR/standby.log" -w start >/dev/null
until [ "$($BIN/psql -X -At -h "$DIR" -p $P2 -U postgres -d postgres \
    -c "SELECT writer_state FROM pdp.audit_stats()")" = "sending to the primary" ]; do sleep 0.1; done

/usr/bin/python3 - "$DIR" $P1 $P2 "$RUNS" <<'PY'
import sys, time, random, statistics, psycopg
d, p1, p2, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
s = psycopg.connect(host=d, port=p2, user="app", dbname="postgres", autocommit=True)
p = psycopg.connect(host=d, port=p1, user="postgres", dbname="postgres", autocommit=True)
delays = []
for i in range(runs):
    marker = "delay_%d_%d" % (i, time.time_ns())
    s.execute("SELECT full_name FROM customers WHERE id = %d /* %s */" % (i + 1, marker)).fetchall()
    t0 = time.monotonic()
    while p.execute("SELECT count(*) FROM pdp.audit_log WHERE server = 'standby1' "
                    "AND query LIKE '%%' || %s || '%%'", (marker,)).fetchone()[0] == 0:
        time.sleep(0.005)
    delays.append(time.monotonic() - t0)
    time.sleep(random.uniform(0.05, 0.5))   # reads at no particular phase of the flush interval
print("delays (s):", " ".join("%.3f" % x for x in delays))
print("median %.3f s, max %.3f s, min %.3f s over %d reads" %
      (statistics.median(delays), max(delays), min(delays), runs))
PY
