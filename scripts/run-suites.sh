#!/usr/bin/env bash
# Runs inside pg_virtualenv (PGHOST, PGPORT, PGUSER set).  Appends one line
# per suite, "pass NAME" or "fail NAME", to $PDP_RESULTS: every suite of
# REGRESS (or not_preloaded) and every pgTAP file gets one, and a suite
# pg_regress did not run (no connection, a missing file, ...) is a "fail".
set -uo pipefail
cd "$(dirname "$0")/.."
results=${PDP_RESULTS:?}

# a variable of the Makefile (PGXS included)
make_var() { echo 'print-%: ; @: $(info $($*))' | make -s --no-print-directory -f Makefile -f - "print-$1"; }

# one line per suite named after the output: the verdict pg_regress printed
# for it, "fail" if it printed none; and a "fail" if pg_regress failed
# (exit status) without any suite failing
record_regress() {   # OUTPUT EXIT-STATUS LABEL SUITE...
    local out=$1 status=$2 label=$3 name verdict failed=0
    shift 3
    for name in "$@"; do
        verdict=$(awk -v n="$name" '($1 == "test" && $2 == n) || $1 == n {
                     for (i = 1; i < NF; i++) if ($i == "...") { print $(i + 1); exit } }' "$out")
        if [ "$verdict" = ok ]; then
            echo "pass regress/$name"
        else
            echo "fail regress/$name"; failed=1
            [ -n "$verdict" ] || echo "regress/$name: pg_regress did not run it (exit status $status)" >&2
        fi
    done >> "$results"
    if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
        echo "fail regress/pg_regress-$label" >> "$results"
        echo "pg_regress ($label) failed with exit status $status" >&2
    fi
    if [ -s regression.diffs ]; then cat regression.diffs; fi
}

case "$1" in
preloaded)
    read -ra suites <<<"$(make_var REGRESS)"
    [ ${#suites[@]} -gt 0 ] || { echo "fail regress/REGRESS" >> "$results"; echo "no REGRESS in the Makefile" >&2; }
    rm -f regression.diffs
    make -s installcheck 2>&1 | tee .regress.out
    record_regress .regress.out "${PIPESTATUS[0]}" preloaded "${suites[@]}"

    dropdb --if-exists pdp_tap >/dev/null 2>&1
    if ! createdb pdp_tap ||
       ! psql -X -q -v ON_ERROR_STOP=1 -d pdp_tap -c 'CREATE EXTENSION pgtap; CREATE EXTENSION pdp;'; then
        echo "fail pgtap/setup" >> "$results"
    fi
    for f in tests/pgtap/*.sql; do
        name=pgtap/$(basename "$f" .sql)
        if pg_prove -d pdp_tap "$f"; then echo "pass $name" >> "$results"
        else echo "fail $name" >> "$results"; fi
    done
    ;;
not_preloaded)
    rm -f regression.diffs
    make -s installcheck REGRESS=not_preloaded REGRESS_OPTS=--inputdir=. 2>&1 | tee .regress.out
    record_regress .regress.out "${PIPESTATUS[0]}" not_preloaded not_preloaded
    ;;
*)
    echo "fail run/run-suites-$1" >> "$results"
    echo "run-suites.sh: unknown group '$1'" >&2
    ;;
esac
exit 0
