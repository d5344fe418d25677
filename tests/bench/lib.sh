# Shared by the benchmarks: a throwaway cluster in $DIR on $PORT, started
# with settings written to postgresql.auto.conf, and a median helper.
# Source it after setting DIR and PORT; runs as a non-root user.
BIN=/usr/lib/postgresql/15/bin
export PGHOST=$DIR PGPORT=$PORT PGDATABASE=bench
trap '$BIN/pg_ctl -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"' EXIT

bench_init() {   # $1: extra postgresql.conf lines
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
