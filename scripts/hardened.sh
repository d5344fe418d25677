#!/usr/bin/env bash
# make hardened: run pdp's suites on a PostgreSQL 15 built with assertions.
#
# Builds PostgreSQL 15 from Debian's source package (the version of the
# installed postgresql-15, else the newest source available) with
# --enable-cassert --enable-debug (assertions, CLOBBER_FREED_MEMORY,
# MEMORY_CONTEXT_CHECKING) and caches the install in
# $CACHE_ROOT/postgresql-<version>-<hash of the build options>/ (reused when
# its completion stamp is there).  Builds pdp against it from a copy of the
# repository's files, installs pdp into that prefix only (never into
# /usr/lib/postgresql), and runs on throwaway clusters (as user postgres when
# run as root):
#   regress/NAME         every suite of REGRESS in the Makefile, in order, one
#                        pg_regress run each on one cluster with pdp preloaded
#   pgtap/NAME           tests/pgtap/*.sql with pg_prove, on that cluster
#   regress/not_preloaded  on a cluster without pdp preloaded
#   tap/NAME             tests/t/*.pl with the hardened build's perl modules
#   discard_caches/NAME  the suites of DISCARD_CACHES_SUITES again, each on a
#                        fresh cluster: DISCARD_CACHES_AFTER first, then NAME
#                        with debug_discard_caches = 1 for the whole cluster
# A suite fails on its own failure, if it did not run, and if its server log
# shows a failed assertion (TRAP:), a process killed by a signal, a PANIC, or
# memory or resource-leak warnings (printed).  Prints "pass NAME" or
# "fail NAME" per suite and "N passed, N failed" last; exits non-zero on any
# failure or if nothing ran.
#
# Settings (environment):
#   PDP_DISCARD_CACHES_SUITES  overrides DISCARD_CACHES_SUITES below
#   PDP_DISCARD_CACHES_AFTER   overrides DISCARD_CACHES_AFTER below
#   PDP_HARDENED_GROUPS        "regress pgtap not_preloaded tap discard_caches"
#   PDP_HARDENED_CACHE         cache directory (/var/cache/pdp-hardened as root)
#   PDP_HARDENED_JOBS          make -j (nproc)
#   PDP_HARDENED_TIMEOUT       seconds per suite (900)
#   PDP_DISCARD_CACHES_TIMEOUT seconds per discard-caches suite (900)
#   PDP_HARDENED_KEEP=1        keep the work directory (clusters' logs, results)
set -eEuo pipefail

# Suites run again with debug_discard_caches = 1: names from REGRESS in the
# Makefile.  A name that is not in REGRESS, or has no sql/NAME.sql and
# expected/NAME.out, is a failure.
DISCARD_CACHES_SUITES=${PDP_DISCARD_CACHES_SUITES-"invalidation consent lifetimes"}
# What runs first (normally) on each discard-caches cluster to create the
# fixtures: a list of suite names, or "preceding" for every suite that comes
# before NAME in REGRESS (the state NAME sees in the main run).
DISCARD_CACHES_AFTER=${PDP_DISCARD_CACHES_AFTER-"preceding"}

GROUPS_TO_RUN=${PDP_HARDENED_GROUPS-"regress pgtap not_preloaded tap discard_caches"}
JOBS=${PDP_HARDENED_JOBS:-$(nproc)}
TIMEOUT=${PDP_HARDENED_TIMEOUT:-900}
DISCARD_TIMEOUT=${PDP_DISCARD_CACHES_TIMEOUT:-900}
KEEP=${PDP_HARDENED_KEEP:-0}

# The PostgreSQL build.  Changing any of this changes the cache key.
PG_PACKAGE=postgresql-15
PG_MAJOR=15
# (of Debian's options, what pdp's suites use: OpenSSL, libxml for query_to_xml,
# ICU for nondeterministic collations on subject columns)
CONFIGURE_OPTS=(--enable-cassert --enable-debug --enable-tap-tests --with-openssl
                --with-libxml --with-icu --without-readline)
PG_CFLAGS="-O2 -g"
BUILD_RECIPE="make world-bin; make install-world-bin; recipe 1"
# what building needs / what running the suites needs (Debian packages)
BUILD_PACKAGES=(dpkg-dev build-essential bison flex pkg-config libssl-dev zlib1g-dev
                libxml2-dev libicu-dev libipc-run-perl perl bzip2 xz-utils)
RUN_PACKAGES=(build-essential libssl-dev libipc-run-perl "$PG_PACKAGE-pgtap"
              libtap-parser-sourcehandler-pgtap-perl pgbouncer python3-psycopg)
PGTAP_FILES=/usr/share/postgresql/$PG_MAJOR/extension

# What fails a suite when its cluster's server log shows it (extended regexps,
# from PostgreSQL 15: utils/error/assert.c, postmaster.c, utils/mmgr/aset.c,
# generation.c, slab.c, resowner.c, bufmgr.c, catcache.c, relcache.c, fd.c,
# snapmgr.c, dynahash.c, namespace.c, parallel.c, lock.c, xact.c).
LOG_PROBLEMS=(
    'TRAP: '                                           # failed Assert()
    'was terminated by (signal|exception)'            # SIGSEGV, SIGABRT, ...
    '(PANIC|FATAL|ERROR|WARNING): +problem in (alloc set|Generation|slab) '
    'detected write past chunk end'
    'WARNING: +.*(reference leak|refcount leak|temporary file leak|shared memory leak)'
    'WARNING: +leak(ed|ing) '
    'WARNING: +.*(not freed|not closed at end-of-transaction)'   # ("not freed": not in PG 15)
    'WARNING: +snapshot .* still active|WARNING: +registered snapshots seem to remain'
    "WARNING: +you don't own a lock|WARNING: +tuple lock held at commit"
    'WARNING: +[A-Za-z]+Transaction while in [A-Z_]+ state'
    'PANIC: '
)
# printed with the problems, for context
LOG_CONTEXT='Failed process was running'

repo=$(cd "$(dirname "$0")/.." && pwd)
PROBLEM_RE=$(IFS='|'; echo "${LOG_PROBLEMS[*]}")

# ---------------------------------------------------------------- reporting
RESULTS=()          # "pass NAME" / "fail NAME: reason"
TIMES=()            # "phase Ns"
SUMMARY_DONE=0
say() { echo "[hardened $(date +%H:%M:%S)] $*"; }
record() {          # NAME [reason]: no reason is a pass
    local name=$1 reason=${2:-}
    if [ -z "$reason" ]; then
        RESULTS+=("pass $name"); echo "pass $name"
    else
        RESULTS+=("fail $name: $reason"); echo "fail $name"; echo "    ($reason)"
    fi
}
PHASE= PHASE_T0=0
phase() {           # phase NAME: ends the running phase, starts NAME
    if [ -n "$PHASE" ]; then TIMES+=("$PHASE $((SECONDS - PHASE_T0))s"); fi
    PHASE=${1:-}; PHASE_T0=$SECONDS
    if [ -n "$PHASE" ]; then say "== $PHASE"; fi
}
summary() {
    [ "$SUMMARY_DONE" -eq 0 ] || return 0
    SUMMARY_DONE=1
    phase ""
    local r passed=0 failed=0
    for r in "${RESULTS[@]}"; do
        case $r in pass\ *) passed=$((passed + 1)) ;; fail\ *) failed=$((failed + 1)) ;; esac
    done
    echo
    say "PostgreSQL ${SRC_VERSION:-?} with assertions: ${PREFIX:-not built}"
    say "times: ${TIMES[*]:-none} (total $((SECONDS))s)"
    for r in "${RESULTS[@]}"; do
        case $r in fail\ *) echo "FAILED: ${r#fail }" ;; esac
    done
    if [ "$passed" -eq 0 ]; then echo "FAILED: nothing passed"; failed=$((failed + 1)); fi
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# ------------------------------------------------ cleanup and unexpected errors
WORK=
STARTED=()          # data directories of clusters this run started
on_error() {
    record "run/hardened" "command failed (exit $1) at scripts/hardened.sh line $2: $3"
}
cleanup() {
    local rc=$? d
    set +e
    for d in "${STARTED[@]}"; do
        [ -f "$d/postmaster.pid" ] && as_user "$PGBIN/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1
    done
    summary || rc=1
    if [ -n "$WORK" ] && [ -d "$WORK" ]; then
        if [ "$KEEP" = 1 ]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    fi
    exit "$rc"
}
trap 'on_error $? $LINENO "$BASH_COMMAND"' ERR
trap cleanup EXIT
trap 'record run/hardened interrupted; exit 130' INT TERM

# ------------------------------------------------------------- who runs what
if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
    RUN_USER=postgres
    RUN_AS=(runuser -u postgres --)
    id postgres >/dev/null 2>&1 || { record "run/hardened" "user postgres is missing (install postgresql-common)"; exit 1; }
    CACHE_ROOT=${PDP_HARDENED_CACHE:-/var/cache/pdp-hardened}
else
    SUDO=(sudo)
    RUN_USER=$(id -un)
    RUN_AS=()
    CACHE_ROOT=${PDP_HARDENED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pdp-hardened}
fi
PGBIN=/nonexistent
# run as the cluster user, with the hardened binaries first in PATH and no
# connection settings from the caller's environment
as_user() {
    "${RUN_AS[@]}" env -u PGHOSTADDR -u PGSERVICE -u PGSERVICEFILE -u PGOPTIONS \
        -u PGPASSWORD -u PGDATABASE -u PGCLUSTER -u PG_CONFIG -u PGHOST -u PGPORT \
        PATH="$PGBIN:$PATH" "$@"
}

# ------------------------------------------------------------------------ apt
APT_UPDATED=0
apt_update() {
    [ "$APT_UPDATED" -eq 0 ] || return 0
    say "apt-get update"
    "${SUDO[@]}" apt-get update -qq
    APT_UPDATED=1
}
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
ensure_packages() {
    local p missing=()
    for p in "$@"; do installed "$p" || missing+=("$p"); done
    [ ${#missing[@]} -gt 0 ] || return 0
    for p in "${missing[@]}"; do     # no candidate in the local lists: update first
        if [[ ! "$(apt-cache policy "$p" 2>/dev/null)" =~ Candidate:\ [^\(] ]]; then apt_update; break; fi
    done
    say "installing: ${missing[*]}"
    if ! installed "$PG_PACKAGE"; then   # as install-deps.sh: no default cluster
        "${SUDO[@]}" mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" |
            "${SUDO[@]}" tee /etc/postgresql-common/createcluster.d/pdp-no-main.conf >/dev/null
    fi
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# deb-src entries for the release, its updates and security suites, in
# /etc/apt/sources.list.d/pdp-deb-src.sources, for the suites that have none;
# then apt-get update if a suite's source index was never downloaded
ensure_deb_src() {
    local codename suites=() missing=() have s uri file=/etc/apt/sources.list.d/pdp-deb-src.sources
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    suites=("$codename" "$codename-updates" "$codename-security")
    have=$(apt-get indextargets --no-release-info --format '$(RELEASE)' 'Created-By: Sources')
    for s in "${suites[@]}"; do grep -qxF -- "$s" <<<"$have" || missing+=("$s"); done
    if [ ${#missing[@]} -gt 0 ]; then
        say "adding deb-src for ${missing[*]} to $file"
        local text="" signed=""
        [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] &&
            signed="Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
        [ -f "$file" ] && text=$(cat "$file")$'\n\n'
        local -A by_uri=(); local -a uris=()
        for s in "${missing[@]}"; do
            # the mirror the binary entries of that suite use, else Debian's
            uri=$(apt-get indextargets --no-release-info --format '$(RELEASE) $(REPO_URI)' \
                    'Created-By: Packages' | awk -v s="$s" '$1 == s && !done { print $2; done = 1 }')
            case $s in
                *-security) uri=${uri:-http://deb.debian.org/debian-security} ;;
                *) uri=${uri:-http://deb.debian.org/debian} ;;
            esac
            uri=${uri%/}
            [ -n "${by_uri[$uri]:-}" ] || uris+=("$uri")
            by_uri[$uri]="${by_uri[$uri]:+${by_uri[$uri]} }$s"
        done
        for uri in "${uris[@]}"; do
            text+="Types: deb-src"$'\n'"URIs: $uri"$'\n'"Suites: ${by_uri[$uri]}"$'\n'"Components: main"$'\n'
            [ -z "$signed" ] || text+="$signed"$'\n'
            text+=$'\n'
        done
        printf '%s' "${text%$'\n'}" | "${SUDO[@]}" tee "$file" >/dev/null
        apt_update
        return 0
    fi
    local f
    for s in "${suites[@]}"; do
        f=$(apt-get indextargets --format '$(RELEASE) $(FILENAME)' 'Created-By: Sources' |
              awk -v s="$s" '$1 == s && !done { print $2; done = 1 }')
        if [ -z "$f" ] || [ ! -e "$f" ]; then apt_update; return 0; fi
    done
}

# versions of the source package in the local index
source_versions() { apt-cache showsrc "$PG_PACKAGE" 2>/dev/null | sed -n 's/^Version: //p'; }
newest_of() {
    local v newest=
    for v in "$@"; do
        if [ -z "$newest" ] || dpkg --compare-versions "$v" gt "$newest"; then newest=$v; fi
    done
    echo "$newest"
}
# download VERSION of the source package into DIR; 0 on success
download_source() {
    local v=$1 dir=$2
    rm -rf "$dir"; mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$dir"; fi
    (cd "$dir" && "${SUDO[@]}" apt-get source -qq --download-only "$PG_PACKAGE=$v")
}

# ---------------------------------------------------------- the cached build
OPTS_HASH=$(printf '%s\n' "${CONFIGURE_OPTS[@]}" "CFLAGS=$PG_CFLAGS" "$BUILD_RECIPE" |
              sha256sum | cut -c1-12)
# The prefix must contain "postgres": Debian's 50-per-version-dirs patch
# otherwise installs libraries into /usr/lib/postgresql/15/lib.
entry_dir() { echo "$CACHE_ROOT/postgresql-${1//:/_}-$OPTS_HASH"; }
complete() { [ -f "$1/complete" ] && [ -x "$1/install/bin/postgres" ] && [ -x "$1/install/bin/pg_config" ]; }

# make install into a staging directory, and copy into PREFIX only if
# everything landed below PREFIX (nothing may go to the system directories)
staged_install() {      # PREFIX STAGE make-arguments...
    local prefix=$1 stage=$2; shift 2
    rm -rf "$stage"
    make -s "$@" DESTDIR="$stage" >"$stage.log" 2>&1 || { tail -n 40 "$stage.log"; return 1; }
    local outside
    outside=$(find "$stage" ! -type d ! -path "$stage$prefix/*" | awk 'NR <= 5')
    if [ -n "$outside" ]; then
        echo "install would write outside $prefix, refused:"; echo "$outside"
        return 1
    fi
    mkdir -p "$prefix"
    cp -a "$stage$prefix/." "$prefix/"
    rm -rf "$stage" "$stage.log"
}

build_postgres() {      # VERSION ENTRY DOWNLOAD_DIR
    local v=$1 entry=$2 dl=$3 dsc
    rm -rf "$entry" && mkdir -p "$entry" && mv "$dl" "$entry/download" || return 1
    dsc=$(ls "$entry"/download/*.dsc) || return 1
    say "extracting $(basename "$dsc") (Debian patches applied)"
    dpkg-source -x "$dsc" "$entry/source" >"$entry/extract.log" 2>&1 ||
        { cat "$entry/extract.log"; return 1; }
    rm -rf "$entry/download"
    phase build-postgresql
    say "configure ${CONFIGURE_OPTS[*]} CFLAGS=\"$PG_CFLAGS\" --prefix=$entry/install"
    (cd "$entry/source" && ./configure --prefix="$entry/install" "${CONFIGURE_OPTS[@]}" \
        CFLAGS="$PG_CFLAGS") >"$entry/configure.log" 2>&1 ||
        { tail -n 40 "$entry/configure.log"; return 1; }
    # world-bin does not make the generated headers first (only a top-level
    # "all" does), and with -j src/common can be compiled before them
    say "make -j$JOBS world-bin"
    { make -s -C "$entry/source/src/backend" generated-headers &&
      make -s -C "$entry/source" -j"$JOBS" world-bin; } >"$entry/build.log" 2>&1 ||
        { grep -E 'error|Error' "$entry/build.log" | head -n 40; return 1; }
    staged_install "$entry/install" "$entry/stage" -C "$entry/source" install-world-bin || return 1
    local p=$entry/install
    [ "$("$p/bin/pg_config" --pkglibdir)" = "$p/lib" ] &&
        [ "$("$p/bin/pg_config" --sharedir)" = "$p/share" ] &&
        [ -f "$p/lib/pgxs/src/test/perl/PostgreSQL/Test/Cluster.pm" ] &&
        [ -x "$p/lib/pgxs/src/test/regress/pg_regress" ] ||
        { echo "unexpected layout of $p"; return 1; }
    # keep the source (TRAP messages name its files), drop the objects
    make -s -C "$entry/source" clean >/dev/null 2>&1 || true
    {
        echo "version $v"
        echo "configure ${CONFIGURE_OPTS[*]} CFLAGS=$PG_CFLAGS"
        echo "recipe $BUILD_RECIPE"
        echo "built $(date -u +%FT%TZ)"
    } >"$entry/complete" || return 1
}

# versions, newest first
sort_versions() {
    local -a vs=("$@") rest; local n x
    while [ ${#vs[@]} -gt 0 ]; do
        n=$(newest_of "${vs[@]}"); echo "$n"
        rest=(); for x in "${vs[@]}"; do [ "$x" = "$n" ] || rest+=("$x"); done
        vs=("${rest[@]}")
    done
}
use_cached() { SRC_VERSION=$1; PREFIX=$(entry_dir "$1")/install; say "cached: $PREFIX"; }

# sets SRC_VERSION and PREFIX: a complete cache entry, built if needed.
# The installed postgresql-15's version; if its source cannot be downloaded,
# the newest version that can (remembered for 7 days in fallback-VERSION-HASH,
# so that runs in between need no network).
prepare_postgres() {
    local v="" got="" c marker dl=$CACHE_ROOT/download.$$
    local -a candidates
    if installed "$PG_PACKAGE"; then v=$(dpkg-query -W -f='${Version}' "$PG_PACKAGE"); fi
    marker=$CACHE_ROOT/fallback-${v//:/_}-$OPTS_HASH
    if [ -n "$v" ] && complete "$(entry_dir "$v")"; then use_cached "$v"; return 0; fi
    if [ -n "$v" ] && [ -n "$(find "$marker" -mtime -7 2>/dev/null)" ] &&
       c=$(cat "$marker") && complete "$(entry_dir "$c")"; then
        say "source of $PG_PACKAGE $v was not available ($(date -r "$marker" +%F)), using $c"
        use_cached "$c"; return 0
    fi
    phase download-source
    ensure_packages "${BUILD_PACKAGES[@]}"
    ensure_deb_src
    if [ -n "$v" ]; then
        if ! grep -qxF -- "$v" <<<"$(source_versions)"; then apt_update; fi
        if grep -qxF -- "$v" <<<"$(source_versions)"; then
            if download_source "$v" "$dl"; then got=$v
            else apt_update; if download_source "$v" "$dl"; then got=$v; fi
            fi
        fi
    fi
    if [ -z "$got" ]; then
        mapfile -t candidates < <(sort_versions $(source_versions | grep -vxF -- "${v:-none}" || true))
        for c in "${candidates[@]}"; do
            say "source of $PG_PACKAGE ${v:-(not installed)} not available, trying $c"
            if complete "$(entry_dir "$c")"; then
                [ -z "$v" ] || echo "$c" >"$marker"
                rm -rf "$dl"; use_cached "$c"; return 0
            fi
            if download_source "$c" "$dl"; then got=$c; break; fi
        done
    fi
    if [ -z "$got" ]; then
        rm -rf "$dl"
        record "build/postgresql" "no source of $PG_PACKAGE could be downloaded (deb-src entries? network?)"
        exit 1
    fi
    if ! build_postgres "$got" "$(entry_dir "$got")" "$dl"; then
        rm -rf "$dl"
        record "build/postgresql" "building PostgreSQL $got failed (logs in $(entry_dir "$got"))"
        exit 1
    fi
    if [ -n "$v" ] && [ "$got" != "$v" ]; then echo "$got" >"$marker"; fi
    SRC_VERSION=$got; PREFIX=$(entry_dir "$got")/install
    say "built and cached: $PREFIX"
}

# ------------------------------------------------------------------ clusters
declare -A CL_DATA CL_SOCK CL_LOG
new_cluster() {         # NAME [postgresql.conf lines...]
    local name=$1 d=$WORK/clusters/$1; shift
    mkdir -p "$d/sock"; chmod 700 "$d/sock"
    [ -z "$RUN_USER" ] || chown -R "$RUN_USER" "$d"
    CL_DATA[$name]=$d/data CL_SOCK[$name]=$d/sock CL_LOG[$name]=$d/server.log
    as_user "$PGBIN/initdb" -D "$d/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$d/initdb.log" 2>&1 || { cat "$d/initdb.log"; return 1; }
    {
        echo "listen_addresses = ''"
        echo "unix_socket_directories = '$d/sock'"
        echo "port = 5432"
        echo "fsync = off"
        echo "log_line_prefix = '%m [%p] %q%a '"
        local line
        for line in "$@"; do echo "$line"; done
    } | as_user tee -a "$d/data/postgresql.conf" >/dev/null
    STARTED+=("$d/data")
    as_user "$PGBIN/pg_ctl" -D "$d/data" -l "$d/server.log" -w -t 120 start >/dev/null ||
        { tail -n 30 "$d/server.log"; return 1; }
}
stop_cluster() { as_user "$PGBIN/pg_ctl" -D "${CL_DATA[$1]}" -m fast -w -t 120 stop >/dev/null 2>&1 || true; }
# connection environment of a cluster, for as_user
pgenv() { echo "PGHOST=${CL_SOCK[$1]}" "PGPORT=5432" "PGUSER=postgres"; }
psql_on() {             # CLUSTER psql-arguments...
    local -a e; read -ra e <<<"$(pgenv "$1")"; shift
    as_user "${e[@]}" psql -X -q -v ON_ERROR_STOP=1 "$@"
}
log_size() { stat -c %s "${CL_LOG[$1]}" 2>/dev/null || echo 0; }
# wait until the cluster accepts connections again (after a crash, the
# postmaster has logged the crash by then); 1 if its postmaster is gone or
# it does not within 120 s
wait_ready() {
    local i
    for i in $(seq 1 120); do
        as_user pg_isready -q -h "${CL_SOCK[$1]}" -p 5432 && return 0
        as_user pg_ctl status -D "${CL_DATA[$1]}" >/dev/null 2>&1 || return 1
        sleep 1
    done
    return 1
}
# problem lines of FILE (from byte OFFSET): printed, 1 if there are any
log_problems() {        # FILE [OFFSET]
    local file=$1 off=${2:-0}
    [ -f "$file" ] || return 0
    local slice
    slice=$(tail -c +"$((off + 1))" "$file")
    if grep -qE -- "$PROBLEM_RE" <<<"$slice"; then
        echo "--- server log $file:"
        grep -E -- "$PROBLEM_RE|$LOG_CONTEXT" <<<"$slice" | awk 'NR <= 40'
        return 1
    fi
}

# ------------------------------------------------------------ suite runners
# one pg_regress run of one suite on a cluster; prints the reason of a failure
regress_once() {        # CLUSTER SUITE USE_EXISTING(0/1) TIMEOUT [make variables...]
    local cl=$1 suite=$2 existing=$3 limit=$4; shift 4
    local out=$WORK/out/$cl-$suite.$RANDOM.out rc=0 verdict
    local -a e extra=(); read -ra e <<<"$(pgenv "$cl")"
    [ "$existing" = 0 ] || extra=(EXTRA_REGRESS_OPTS=--use-existing)
    (cd "$WORK/pdp" && as_user "${e[@]}" timeout -k 30 "$limit" \
        make -s --no-print-directory installcheck PG_CONFIG="$PGBIN/pg_config" \
        REGRESS="$suite" "${extra[@]}" "$@") >"$out" 2>&1 || rc=$?
    sed 's/^/    /' "$out" >&2
    verdict=$(awk -v n="$suite" '($1 == "test" && $2 == n) || $1 == n {
                 for (i = 1; i < NF; i++) if ($i == "...") { print $(i + 1); exit } }' "$out")
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        echo "timed out after ${limit}s"
    elif [ -z "$verdict" ]; then
        echo "did not run (pg_regress exit $rc, no result for $suite)"
    elif [ "$verdict" != ok ]; then
        [ -s "$WORK/pdp/regression.diffs" ] && cat "$WORK/pdp/regression.diffs" >&2
        echo "pg_regress: $verdict"
    elif [ "$rc" -ne 0 ]; then
        echo "pg_regress exit $rc"
    fi
}

# a suite of REGRESS on CLUSTER, its server log checked
regress_suite() {       # RESULT-NAME CLUSTER SUITE USE_EXISTING [make variables...]
    local name=$1 cl=$2 suite=$3 existing=$4; shift 4
    local off reason logs
    off=$(log_size "$cl")
    reason=$(regress_once "$cl" "$suite" "$existing" "$TIMEOUT" "$@")
    wait_ready "$cl" || reason="${reason:+$reason; }server not running afterwards"
    if ! logs=$(log_problems "${CL_LOG[$cl]}" "$off"); then
        echo "$logs"; reason="${reason:+$reason; }server log: $(grep -cE -- "$PROBLEM_RE" <<<"$logs") problem line(s)"
    fi
    record "$name" "$reason"
}

run_preloaded() {       # regress suites, then pgTAP, on one cluster
    phase regress
    if ! new_cluster preloaded "shared_preload_libraries = 'pdp'" "pdp.audit_database = contrib_regression"; then
        record "cluster/preloaded" "the cluster did not start"
        local s; for s in "${REGRESS_SUITES[@]}"; do record "regress/$s" "no cluster"; done
        return 0
    fi
    local logs
    if ! logs=$(log_problems "${CL_LOG[preloaded]}"); then echo "$logs"; record "cluster/preloaded" "problems at startup"; fi
    local s first=1
    if [[ " $GROUPS_TO_RUN " == *" regress "* ]]; then
        for s in "${REGRESS_SUITES[@]}"; do
            regress_suite "regress/$s" preloaded "$s" "$((1 - first))"
            first=0
        done
    fi
    if [[ " $GROUPS_TO_RUN " == *" pgtap "* ]]; then
        phase pgtap
        local off f name reason
        off=$(log_size preloaded)
        if ! psql_on preloaded -d postgres -c 'CREATE DATABASE pdp_tap' ||
           ! psql_on preloaded -d pdp_tap -c 'CREATE EXTENSION pgtap; CREATE EXTENSION pdp;'; then
            record "pgtap/setup" "creating database pdp_tap with pgtap and pdp failed"
        fi
        local -a e; read -ra e <<<"$(pgenv preloaded)"
        for f in "$WORK"/pdp/tests/pgtap/*.sql; do
            name=pgtap/$(basename "$f" .sql); reason=""
            off=$(log_size preloaded)
            (cd "$WORK/pdp" && as_user "${e[@]}" timeout -k 30 "$TIMEOUT" \
                pg_prove -d pdp_tap "tests/pgtap/$(basename "$f")") || reason="pg_prove exit $?"
            wait_ready preloaded || reason="${reason:+$reason; }server not running afterwards"
            if ! logs=$(log_problems "${CL_LOG[preloaded]}" "$off"); then
                echo "$logs"; reason="${reason:+$reason; }server log problems"
            fi
            record "$name" "$reason"
        done
    fi
    off=$(log_size preloaded)
    stop_cluster preloaded
    if ! logs=$(log_problems "${CL_LOG[preloaded]}" "$off"); then
        echo "$logs"; record "cluster/preloaded" "problems in the server log at shutdown"
    fi
}

run_not_preloaded() {
    phase not_preloaded
    if ! new_cluster not_preloaded; then record "regress/not_preloaded" "the cluster did not start"; return 0; fi
    regress_suite "regress/not_preloaded" not_preloaded not_preloaded 0 REGRESS_OPTS=--inputdir=.
    local off logs; off=$(log_size not_preloaded)
    stop_cluster not_preloaded
    if ! logs=$(log_problems "${CL_LOG[not_preloaded]}" "$off"); then
        echo "$logs"; record "cluster/not_preloaded" "problems in the server log at shutdown"
    fi
}

run_tap() {
    phase tap
    local dir=$WORK/tap t name reason logs l
    mkdir -p "$dir"; cp -r "$WORK/pdp/tests/t" "$dir/t"
    [ -z "$RUN_USER" ] || chown -R "$RUN_USER" "$dir"
    for t in "$dir"/t/*.pl; do
        name=$(basename "$t" .pl); reason=""
        (cd "$dir" && as_user PERL5LIB="$PREFIX/lib/pgxs/src/test/perl" \
            PG_REGRESS="$PREFIX/lib/pgxs/src/test/regress/pg_regress" \
            TESTDIR="$dir" PG_TEST_TIMEOUT_DEFAULT=300 \
            timeout -k 30 "$TIMEOUT" prove -v "t/$name.pl") || reason="prove exit $?"
        for l in "$dir"/tmp_check/log/"${name}"_*.log; do
            [ -f "$l" ] || continue
            if ! logs=$(log_problems "$l"); then
                echo "$logs"; reason="${reason:+$reason; }server log problems ($(basename "$l"))"
            elif [ -n "$reason" ]; then
                echo "--- $l"; tail -n 40 "$l"
            fi
        done
        if [ -n "$reason" ] && [ -f "$dir/tmp_check/log/regress_log_$name" ]; then
            echo "--- $dir/tmp_check/log/regress_log_$name (end)"
            grep -vE "^# (connect output|issuing query|results query)|^#   '|^# [{}]" \
                "$dir/tmp_check/log/regress_log_$name" | tail -n 25
        fi
        record "tap/$name" "$reason"
    done
}

run_discard_caches() {
    phase discard_caches
    local s p r t0 reason logs cl first
    local -a before
    for s in $DISCARD_CACHES_SUITES; do
        t0=$SECONDS
        if [[ " ${REGRESS_SUITES[*]} " != *" $s "* ]]; then
            record "discard_caches/$s" "no suite $s in REGRESS of the Makefile"; continue
        fi
        if [ ! -f "$WORK/pdp/sql/$s.sql" ] || [ ! -f "$WORK/pdp/expected/$s.out" ]; then
            record "discard_caches/$s" "sql/$s.sql or expected/$s.out is missing"; continue
        fi
        before=()
        if [ "$DISCARD_CACHES_AFTER" = preceding ]; then
            for p in "${REGRESS_SUITES[@]}"; do [ "$p" = "$s" ] && break; before+=("$p"); done
        else
            for p in $DISCARD_CACHES_AFTER; do [ "$p" = "$s" ] || before+=("$p"); done
        fi
        cl=discard_$s
        if ! new_cluster "$cl" "shared_preload_libraries = 'pdp'" "pdp.audit_database = contrib_regression"; then
            record "discard_caches/$s" "the cluster did not start"; continue
        fi
        say "discard_caches/$s: first ${before[*]:-nothing}, normally"
        reason="" first=1
        for p in "${before[@]}"; do
            r=$(regress_once "$cl" "$p" "$((1 - first))" "$TIMEOUT")
            first=0
            [ -z "$r" ] || reason="${reason:+$reason; }fixture suite $p: $r"
        done
        psql_on "$cl" -d postgres -c 'ALTER SYSTEM SET debug_discard_caches = 1' \
            -c 'SELECT pg_reload_conf()' >/dev/null || reason="${reason:+$reason; }could not set debug_discard_caches"
        for p in $(seq 1 60); do   # a new backend sees it once the postmaster reloaded
            [ "$(psql_on "$cl" -d postgres -Atc 'SHOW debug_discard_caches')" = 1 ] && break
            sleep 1
        done
        say "discard_caches/$s: $s with debug_discard_caches = $(psql_on "$cl" -d postgres -Atc 'SHOW debug_discard_caches' || true)"
        r=$(regress_once "$cl" "$s" "$((1 - first))" "$DISCARD_TIMEOUT")
        [ -z "$r" ] || reason="${reason:+$reason; }$r"
        wait_ready "$cl" || reason="${reason:+$reason; }server not running afterwards"
        stop_cluster "$cl"
        if ! logs=$(log_problems "${CL_LOG[$cl]}"); then
            echo "$logs"; reason="${reason:+$reason; }server log: $(grep -cE -- "$PROBLEM_RE" <<<"$logs") problem line(s)"
        fi
        say "discard_caches/$s: $((SECONDS - t0))s"
        TIMES+=("discard_caches/$s $((SECONDS - t0))s")
        record "discard_caches/$s" "$reason"
    done
}

# copy of the repository's files (tracked, plus new files git does not
# ignore), without build products
copy_repo() {           # DEST
    mkdir -p "$1"
    if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
            while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
            tar --null -T - -cf -) | tar -xf - -C "$1"
    else
        (cd "$repo" && tar --exclude='*.o' --exclude='*.so' --exclude='*.bc' --exclude=results \
            --exclude=tmp_check --exclude=log -cf - .) | tar -xf - -C "$1"
    fi
}

# ---------------------------------------------------------------------- main
say "pdp on PostgreSQL with assertions; cache $CACHE_ROOT"
mkdir -p "$CACHE_ROOT"
exec {LOCK_FD}>"$CACHE_ROOT/.lock"
if ! flock -n "$LOCK_FD"; then say "waiting for another hardened run"; flock "$LOCK_FD"; fi

SRC_VERSION= PREFIX=
prepare_postgres
PGBIN=$PREFIX/bin

phase build-pdp
ensure_packages "${RUN_PACKAGES[@]}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdp-hardened.XXXXXX")
chmod 755 "$WORK"; mkdir -p "$WORK/out"
copy_repo "$WORK/pdp"
printf 'print-%%:\n\t@: $(info $($*))\n' >"$WORK/printvar.mk"
mkvar() { make -s --no-print-directory -C "$WORK/pdp" -f Makefile -f "$WORK/printvar.mk" \
            PG_CONFIG="$PGBIN/pg_config" "print-$1"; }
read -ra REGRESS_SUITES <<<"$(mkvar REGRESS)"
EXT=$(mkvar EXTENSION); MOD=$(mkvar MODULE_big)
if [ ${#REGRESS_SUITES[@]} -eq 0 ] || [ -z "$EXT" ] || [ -z "$MOD" ]; then
    record "build/pdp" "no REGRESS, EXTENSION or MODULE_big in the Makefile"; exit 1
fi
if ! make -s -C "$WORK/pdp" -j"$JOBS" PG_CONFIG="$PGBIN/pg_config" all; then
    record "build/pdp" "pdp does not build against $PREFIX"; exit 1
fi
# no leftovers of an earlier pdp in the cached prefix
rm -f "$PREFIX/share/extension/$EXT.control" "$PREFIX/share/extension/$EXT"--*.sql \
      "$PREFIX/lib/$MOD.so"
rm -rf "$PREFIX/lib/bitcode/$MOD" "$PREFIX/lib/bitcode/$MOD.index.bc"
if ! staged_install "$PREFIX" "$WORK/stage" -C "$WORK/pdp" PG_CONFIG="$PGBIN/pg_config" install; then
    record "build/pdp" "installing pdp into $PREFIX failed"; exit 1
fi
cp "$PGTAP_FILES"/pgtap* "$PREFIX/share/extension/"
[ -z "$RUN_USER" ] || chown -R "$RUN_USER" "$WORK"

wanted() { [[ " $GROUPS_TO_RUN " == *" $1 "* ]]; }
if wanted regress || wanted pgtap; then run_preloaded; fi
if wanted not_preloaded; then run_not_preloaded; fi
if wanted tap; then run_tap; fi
if wanted discard_caches; then run_discard_caches; fi
exit 0
