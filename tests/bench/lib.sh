# Shared by the benchmarks: a throwaway cluster in $DIR on $PORT, started
# with settings written to postgresql.auto.conf, and a median helper.
# Source it after setting DIR and PORT; runs as a non-root user.
BIN=${PGBIN:-/usr/lib/postgresql/15/bin}   # PGBIN: another build (its pdp installed)
export PGHOST=$DIR PGPORT=$PORT PGDATABASE=bench
trap '$BIN/pg_ctl -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"' EXIT

bench_init() {   # $1: extra postgresql.conf lines
    $BIN/initdb -D "$DIR/data" -U postgres >/dev/null
    cat >> "$DIR/data/postgresql.conf" <<CONF
port = $PORT
unix_socket_directories = '$DIR'
listen_addresses = ''
shared_buffers = ${BENCH_SHARED_BUFFERS:-256MB}
max_connections = 20
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = off
pdp.audit_database = 'bench'
$1
CONF
}
start() {   # $1: settings for postgresql.auto.conf
    printf '%s\n' "$1" > "$DIR/data/postgresql.auto.conf"
    $BIN/pg_ctl -D "$DIR/data" -l "$DIR/server.log" -w start >/dev/null
}
stop() { $BIN/pg_ctl -D "$DIR/data" -m fast -w stop >/dev/null; : > "$DIR/server.log"; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {print a / b}'; }
# Database bench: pgbench scale 10, every pgbench_accounts column tagged
# with a basic (not sensitive) category, as issue 14 measures it,
# role bench holding purpose bench (its default) that is allowed them.
# The server must be running with pdp preloaded.
bench_pgbench_db() {
    psql -X -q -U postgres -d postgres -c 'CREATE DATABASE bench'
    $BIN/pgbench -i -s 10 -q -U postgres bench 2>/dev/null
    psql -X -q -U postgres -v ON_ERROR_STOP=1 -o /dev/null <<'SQL'
CREATE ROLE bench LOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO bench;
CREATE EXTENSION pdp;
SELECT pdp.tag_column('pgbench_accounts', c, 'digital_account')
FROM unnest(ARRAY['aid', 'bid', 'abalance', 'filler']) c;
SELECT pdp.define_purpose('bench', 'benchmark', 'contract');
SELECT pdp.allow('bench', 'digital_account');
SELECT pdp.grant_purpose('bench', 'bench');
ALTER ROLE bench SET pdp.purpose = 'bench';
VACUUM ANALYZE;
SQL
}
