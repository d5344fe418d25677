#!/usr/bin/env bash
# make test: build, install, and run every suite on throwaway clusters made
# by pg_virtualenv (as root the clusters run as user postgres).
#   - pg_regress suites (sql/, expected/) with pdp preloaded
#   - pgTAP suites (tests/pgtap/) with pdp preloaded
#   - the not_preloaded suite on a cluster without pdp preloaded
#   - TAP suites (tests/t/) that start, kill and restart their own clusters
# Prints "N passed, N failed" last; exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

make -s all || exit 1
$SUDO make -s install >/dev/null || exit 1

export PDP_RESULTS="$PWD/.test-results"
: > "$PDP_RESULTS"

# the taxonomy in the install script and the update to Decree 356/2025 in
# the update script are the ones in data/; data/ holds the shared copies
# where a checkout has them next to it (a clean clone, as in CI, does not)
taxonomy_ok=true
python3 scripts/gen-taxonomy.py data/vn-decree-13-2023.csv |
    diff - <(sed -n '/^INSERT INTO pdp.category/,/;$/p' extension/pdp--1.0.sql) || taxonomy_ok=false
python3 scripts/gen-taxonomy.py --update data/vn-decree-13-2023.csv data/vn-decree-356-2025.csv |
    diff - <(sed -n '/^-- Generated from data\/vn-decree-356-2025.csv/,/^-- end of the generated taxonomy update$/p' \
                 extension/pdp--1.0--1.1.sql) || taxonomy_ok=false
if [ -d ../shared/taxonomy ]; then
    for f in vn-decree-13-2023.csv vn-decree-356-2025.csv; do
        cmp "../shared/taxonomy/$f" "data/$f" || taxonomy_ok=false
    done
else
    echo "check/taxonomy: no ../shared/taxonomy here; data/ not compared with it"
fi
if $taxonomy_ok; then
    echo "pass check/taxonomy" >> "$PDP_RESULTS"
else
    echo "fail check/taxonomy" >> "$PDP_RESULTS"
fi
# run-suites.sh exits 0: a failure here is the cluster's (or the script's)
pg_virtualenv -v 15 -o shared_preload_libraries=pdp -o pdp.audit_database=contrib_regression \
    -- scripts/run-suites.sh preloaded || echo "fail run/cluster-preloaded" >> "$PDP_RESULTS"
pg_virtualenv -v 15 -- scripts/run-suites.sh not_preloaded ||
    echo "fail run/cluster-not_preloaded" >> "$PDP_RESULTS"
scripts/run-tap.sh

passed=$(grep -c '^pass ' "$PDP_RESULTS")
failed=$(grep -c '^fail ' "$PDP_RESULTS")
[ "$passed" -gt 0 ] || failed=$((failed + 1))   # no test ran: that is a failure
grep '^fail ' "$PDP_RESULTS" | sed 's/^fail /FAILED: /'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
