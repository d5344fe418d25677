#!/usr/bin/env bash
# Runs inside pg_virtualenv (PGHOST, PGPORT, PGUSER set).  Appends one line
# per suite, "pass NAME" or "fail NAME", to $PDP_RESULTS.
set -uo pipefail
cd "$(dirname "$0")/.."
results=${PDP_RESULTS:?}

record_regress() {   # parse pg_regress output
    local out=$1
    grep -E '^(test| ) *[a-z_]+ +\.\.\. ' "$out" | while read -r line; do
        name=$(echo "$line" | sed -E 's/^(test)? *([a-z_]+).*/\2/')
        if echo "$line" | grep -q '\.\.\. ok'; then echo "pass regress/$name"; else echo "fail regress/$name"; fi
    done >> "$results"
    if [ -s regression.diffs ]; then cat regression.diffs; fi
}

case "$1" in
preloaded)
    make -s installcheck 2>&1 | tee .regress.out
    record_regress .regress.out

    dropdb --if-exists pdp_tap >/dev/null 2>&1
    createdb pdp_tap
    psql -X -q -d pdp_tap -c 'CREATE EXTENSION pgtap; CREATE EXTENSION pdp;'
    for f in tests/pgtap/*.sql; do
        name=pgtap/$(basename "$f" .sql)
        if pg_prove -d pdp_tap "$f"; then echo "pass $name" >> "$results"
        else echo "fail $name" >> "$results"; fi
    done
    ;;
not_preloaded)
    make -s installcheck REGRESS=not_preloaded REGRESS_OPTS=--inputdir=. 2>&1 | tee .regress.out
    record_regress .regress.out
    ;;
esac
exit 0
