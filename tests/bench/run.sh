#!/usr/bin/env bash
# pdp benchmark: pgbench -S -M prepared (scale 10, 2 clients) against one
# cluster restarted in several configurations, interleaved over rounds so
# that machine noise hits all of them alike:
#   baseline   shared_preload_libraries = ''  (no pdp)
#   enforce    pdp in enforce mode, every pgbench_accounts column tagged, the
#              role working under an allowed purpose; allowed reads not
#              recorded (pdp.log_allowed = off)
#   summary    the same, allowed reads counted and written as summary rows
#              (pdp.log_allowed = summary); checks that the statements
#              counted by the summary rows of the run = transactions
#   statement  the same, every read recorded in pdp.audit_log
#              (pdp.log_allowed = statement, or the 1.0 value on where the
#              server does not know statement yet); checks that no event
#              was dropped and that audit rows = transactions
#   held       statement, but the writer held up by a lock for the whole
#              run (events wait in a 1 GB queue): what recording costs the
#              backends alone, without the writer's work
#   pgaudit    pgaudit with pgaudit.log = 'read'
# A configuration the server refuses (a setting it does not know, pgaudit
# not installed) is skipped, and the script says why.
# For each run it prints the machine's CPU time per transaction (busy
# jiffies of /proc/stat, all processes, over the run): less sensitive than
# TPS to a noisy machine, since it counts what the work cost rather than
# how much of the machine it got.  For the recording runs also the
# writer's CPU per transaction and how much of the machine stayed idle.
# Prints median TPS per configuration, its ratio to the baseline median,
# the median of the per-round ratios to that round's baseline, and the same
# paired median for the CPU per transaction; then the audit writer's
# sustained rate: events queued while the writer is held up by a lock,
# then the time it takes to write them all (without and with an index on
# the table).
# Reports only; it does not pass or fail.
#
# BENCH_SECONDS (default 20) per run, BENCH_ROUNDS (default 3),
# BENCH_WRITER_EVENTS (default 200000), BENCH_SHARED_BUFFERS (default 256MB;
# with 3GB every audit row of a 15 s run stays in shared buffers: the audit
# ratio did not change, 0.71 against 0.66-0.75), BENCH_PORT (default 5499),
# PGBIN (default /usr/lib/postgresql/15/bin: another build, pdp installed
# in it), BENCH_CONFIGS (default all: a space-separated subset, baseline
# always included).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root
    exec runuser -u postgres -- env BENCH_SECONDS="${BENCH_SECONDS:-20}" \
        BENCH_ROUNDS="${BENCH_ROUNDS:-3}" BENCH_WRITER_EVENTS="${BENCH_WRITER_EVENTS:-200000}" \
        BENCH_SHARED_BUFFERS="${BENCH_SHARED_BUFFERS:-256MB}" \
        BENCH_PORT="${BENCH_PORT:-5499}" PGBIN="${PGBIN:-}" \
        BENCH_CONFIGS="${BENCH_CONFIGS:-}" \
        "$here/run.sh" "$@"
fi

T=${BENCH_SECONDS:-20}
ROUNDS=${BENCH_ROUNDS:-3}
WRITER_EVENTS=${BENCH_WRITER_EVENTS:-200000}
PORT=${BENCH_PORT:-5499}
DIR=$(mktemp -d /tmp/pdp-bench.XXXXXX)
. "$here/lib.sh"
bench_init ""
sql() { psql -X -q -At -U postgres -v ON_ERROR_STOP=1 "$@"; }

start "shared_preload_libraries = 'pdp'"
bench_pgbench_db
stop

PDP=$'shared_preload_libraries = \'pdp\'\npdp.mode = enforce'
declare -A conf=(
    [baseline]="shared_preload_libraries = ''"
    [enforce]="$PDP"$'\npdp.log_allowed = off'
    [summary]="$PDP"$'\npdp.log_allowed = summary'
    [statement]="$PDP"$'\npdp.log_allowed = statement'
    [held]="$PDP"$'\npdp.log_allowed = statement\npdp.audit_queue_size = 1GB'
    [pgaudit]=$'shared_preload_libraries = \'pgaudit\'\npgaudit.log = \'read\''
)
order=(baseline enforce summary statement held pgaudit)
declare -A tps
declare -A paired   # per-round TPS ratio to that round's baseline
declare -A cpu      # machine busy microseconds per transaction
declare -A cpaired  # per-round CPU ratio to that round's baseline

# Which configurations this server accepts.  A pdp setting must read back
# as written (a value pdp does not know is only warned about at startup);
# statement falls back to the 1.0 value on, which means the same.
probe() {   # $1 config -> 0 when it can run; says why not on stderr
    local want got why=
    if ! start "${conf[$1]}" 2>/dev/null; then
        why="the server does not start with it: $(grep -E 'FATAL|ERROR' "$DIR/server.log" | head -n 1)"
        $BIN/pg_ctl -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    else
        want=$(printf '%s\n' "${conf[$1]}" | sed -n "s/^pdp.log_allowed = //p")
        got=$(sql -c 'SHOW pdp.log_allowed' 2>/dev/null || true)
        if [ -n "$want" ] && [ "$got" != "$want" ]; then
            why="pdp.log_allowed = $want reads back as '$got': $(grep -m 1 'pdp.log_allowed' "$DIR/server.log" || true)"
        fi
        stop
    fi
    : > "$DIR/server.log"
    [ -z "$why" ] && return 0
    if [[ "${conf[$1]}" == *"log_allowed = statement"* ]]; then
        conf[$1]=${conf[$1]//log_allowed = statement/log_allowed = on}
        echo "note: $1 runs with pdp.log_allowed = on, which means statement ($why)" >&2
        probe "$1"
        return
    fi
    echo "skipped $1: $why" >&2
    return 1
}
configs=()
for c in "${order[@]}"; do
    if [ -n "${BENCH_CONFIGS:-}" ] && [ "$c" != baseline ] && \
        ! [[ " $BENCH_CONFIGS " == *" $c "* ]]; then
        continue
    fi
    if probe "$c"; then configs+=("$c"); fi
done
# the writer's rate is measured in statement mode
[[ " ${configs[*]} " == *" statement "* ]] || probe statement 2>/dev/null || true

# Hold the audit writer up: a session keeps pdp.audit_log locked until
# release_writer.
hold_writer() {
    rm -f "$DIR/lock.in"
    mkfifo "$DIR/lock.in"
    sleep 3600 > "$DIR/lock.in" &      # keeps the fifo open
    holder=$!
    psql -X -q -U postgres < "$DIR/lock.in" > /dev/null 2>&1 &
    exec 3> "$DIR/lock.in"
    echo 'BEGIN; LOCK TABLE pdp.audit_log IN ACCESS EXCLUSIVE MODE; SELECT 1;' >&3
    sleep 1
}
release_writer() {
    echo 'COMMIT;' >&3
    exec 3>&-
    kill "$holder" 2>/dev/null || true
}
# CPU jiffies (CLK_TCK 100: 10 ms each): of one process (user + system),
# the machine's idle time, all of it, and its busy time (user + nice +
# system + irq + softirq)
proc_jiffies() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
idle_jiffies() { awk '/^cpu / {print $5 + $6; exit}' /proc/stat; }
all_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit}' /proc/stat; }
busy_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8; exit}' /proc/stat; }

# Summary rows are written every pdp.audit_summary_interval and at
# pdp.flush_audit(): wait until the statements they count reach n, for at
# most the interval and a margin of 5 s.  Prints the sum.
summary_statements() {   # $1: max id before the run, $2: transactions
    local wait_s sum deadline
    wait_s=$(sql -c "SELECT ceil(CASE unit WHEN 'ms' THEN setting::numeric / 1000
                                           WHEN 'min' THEN setting::numeric * 60
                                           ELSE setting::numeric END)::int + 5
                     FROM pg_settings WHERE name = 'pdp.audit_summary_interval'")
    deadline=$(( $(date +%s) + ${wait_s:-15} ))
    while :; do
        sql -c 'SELECT pdp.flush_audit()' >/dev/null
        sum=$(sql -c "SELECT coalesce(sum(statements), 0) FROM pdp.audit_log
                      WHERE id > $1 AND kind = 'access' AND decision = 'allowed'
                        AND statements IS NOT NULL")
        if [ "$sum" -ge "$2" ] || [ "$(date +%s)" -ge "$deadline" ]; then break; fi
        sleep 1
    done
    echo "$sum"
}

run() {   # $1 config name -> prints "tps busy_us_per_transaction"
    local before=0 out xacts wpid w0 i0 a0 b0 b1 sum
    start "${conf[$1]}"
    if [ "$1" != baseline ] && [ "$1" != pgaudit ]; then
        # sanity: enforcement is on and refuses a read without a purpose
        if psql -X -q -U bench -c "SET pdp.purpose = ''; SELECT abalance FROM pgbench_accounts WHERE aid = 1" \
            >/dev/null 2>&1; then
            echo "pdp did not refuse a read without purpose" >&2; exit 1
        fi
    fi
    $BIN/pgbench -S -M prepared -c 2 -j 2 -T 3 -U bench bench >/dev/null 2>&1   # warm-up
    case $1 in statement|held|summary)
        before=$(sql -c 'SELECT pdp.flush_audit(); SELECT coalesce(max(id), 0) FROM pdp.audit_log' | tail -n 1)
        wpid=$(sql -c 'SELECT writer_pid FROM pdp.audit_stats()');;
    esac
    [ "$1" = held ] && hold_writer
    w0=$(proc_jiffies "${wpid:-0}"); i0=$(idle_jiffies); a0=$(all_jiffies); b0=$(busy_jiffies)
    out=$($BIN/pgbench -S -M prepared -c 2 -j 2 -T "$T" -U bench bench 2>/dev/null)
    b1=$(busy_jiffies)
    xacts=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
    case $1 in statement|held|summary)
        awk -v w="$(( $(proc_jiffies "$wpid") - w0 ))" -v i="$(( $(idle_jiffies) - i0 ))" \
            -v a="$(( $(all_jiffies) - a0 ))" -v n="$xacts" \
            'BEGIN {printf "    %s: writer %.2f us CPU per transaction, machine idle %.1f%%\n", "'"$1"'", w * 10000 / n, 100 * i / a}' >&2
        # a writer that fell behind would flatter the TPS: show what is left
        sql -c "SELECT format('    $1: %s events not yet written when the run ended', pending) FROM pdp.audit_stats()" >&2
        ;;
    esac
    case $1 in statement|held)
        [ "$1" = held ] && release_writer
        sql -c 'SELECT pdp.flush_audit()' >/dev/null
        sql -c "SELECT format('    $1: %s rows for %s transactions, %s dropped', count(*), $xacts, (SELECT dropped FROM pdp.audit_stats())) FROM pdp.audit_log WHERE id > $before AND kind = 'access'" >&2
        ;;
    summary)
        sum=$(summary_statements "$before" "$xacts")
        sql -c "SELECT format('    summary: %s statements in %s summary rows for %s transactions, %s dropped', $sum,
                    (SELECT count(*) FROM pdp.audit_log WHERE id > $before AND kind = 'access'
                        AND decision = 'allowed' AND statements IS NOT NULL),
                    $xacts, (SELECT dropped FROM pdp.audit_stats()))" >&2
        ;;
    esac
    if [ "$1" = pgaudit ]; then
        grep -c 'AUDIT: SESSION' "$DIR/server.log" | sed 's/^/    pgaudit log lines: /' >&2
    fi
    stop
    echo "$(echo "$out" | sed -n 's/^tps = \([0-9.]*\) .*/\1/p') $(awk -v b="$((b1 - b0))" -v n="$xacts" 'BEGIN {printf "%.2f", b * 10000 / n}')"
}

echo "pgbench -S -M prepared, scale 10, 2 clients, ${T}s per run, $ROUNDS rounds: ${configs[*]}"
for r in $(seq 1 "$ROUNDS"); do
    for c in "${configs[@]}"; do
        read -r v u <<< "$(run "$c")"
        tps[$c]+="$v "
        cpu[$c]+="$u "
        if [ "$c" = baseline ]; then round_base=$v; round_cpu=$u; fi
        paired[$c]+="$(ratio "$v" "$round_base") "
        cpaired[$c]+="$(ratio "$u" "$round_cpu") "
        printf 'round %d  %-9s %10.1f tps %8.1f us busy CPU per transaction\n' "$r" "$c" "$v" "$u"
    done
done

base=$(echo "${tps[baseline]}" | median)
echo
# ratio: median tps / median baseline tps; paired: median of each round's
# tps / that round's baseline (machine state drifts between rounds).
# cpu/xact: median machine busy microseconds per transaction; cpu paired:
# median of each round's cpu/xact / that round's baseline (lower is better)
printf '%-9s %12s %8s %8s %10s %10s\n' config "median tps" ratio paired "cpu/xact" "cpu paired"
for c in "${configs[@]}"; do
    m=$(echo "${tps[$c]}" | median)
    printf '%-9s %12.1f %8.3f %8.3f %10.1f %10.3f\n' "$c" "$m" "$(ratio "$m" "$base")" \
        "$(echo "${paired[$c]}" | median)" "$(echo "${cpu[$c]}" | median)" \
        "$(echo "${cpaired[$c]}" | median)"
done

# The writer's sustained rate: queue events while a lock holds it up, then
# time how long it takes to commit them all.  The queue must hold them all.
# Measured on the table as shipped (no index), then with an index on
# event_time, as a DBA might add for compliance queries.
writer_rate() {   # $1: label
    sql -c 'SELECT pdp.flush_audit()' >/dev/null
    hold_writer
    $BIN/pgbench -S -M prepared -c 2 -j 2 -t $((WRITER_EVENTS / 2)) -U bench bench >/dev/null 2>&1
    pending=$(sql -c 'SELECT pending FROM pdp.audit_stats()')
    start_ns=$(date +%s%N)
    release_writer
    sql -c 'SELECT pdp.flush_audit()' >/dev/null
    end_ns=$(date +%s%N)
    awk -v n="$pending" -v ns="$((end_ns - start_ns))" -v l="$1" \
        'BEGIN {printf "audit writer (%s): %d queued events written in %.2f s: %.0f events/s\n", l, n, ns / 1e9, n / (ns / 1e9)}'
}
start "${conf[statement]}"$'\npdp.audit_queue_size = 256MB'
echo
writer_rate "no index"
# A reference for the writer's cost: the same rows inserted by plain SQL,
# with no queue, no hashing and no row forming from events (best of two),
# against what 0.93 of the baseline leaves for recording per transaction
# when the baseline keeps every core busy.
sql -c "CREATE TABLE public.insert_floor_src AS SELECT * FROM pdp.audit_log
         WHERE id > (SELECT max(id) FROM pdp.audit_log) - $WRITER_EVENTS"
sql -c 'CREATE TABLE public.insert_floor (LIKE pdp.audit_log)'
best=
for i in 1 2 3; do
    sql -c 'TRUNCATE public.insert_floor'
    t0=$(date +%s%N)
    sql -c 'INSERT INTO public.insert_floor SELECT * FROM public.insert_floor_src'
    t1=$(date +%s%N)
    d=$((t1 - t0))
    if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
done
sql -c 'DROP TABLE public.insert_floor, public.insert_floor_src'
awk -v ns="$best" -v n="$WRITER_EVENTS" -v b="$base" -v cores="$(nproc)" 'BEGIN {
    printf "INSERT ... SELECT of the last %d rows into a copy of the table: %.2f us per row; 0.93 of baseline leaves %.2f us of CPU per transaction (%d cores at %.0f tps) for all of recording\n",
        n, ns / 1000 / n, cores * 1e6 / b * (1 / 0.93 - 1), cores, b }'
sql -c 'CREATE INDEX ON pdp.audit_log (event_time)'
writer_rate "index on event_time"
sql -c "SELECT format('audit writer: dropped %s, high-water %s MB of %s MB', dropped, high_water_bytes / 1048576, queue_size_bytes / 1048576) FROM pdp.audit_stats()"
stop
