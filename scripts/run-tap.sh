#!/usr/bin/env bash
# Run the TAP tests (tests/t/*.pl, PostgreSQL::Test::Cluster) against the
# installed server and extension.  PostgreSQL refuses to run as root, so as
# root the tests run as user postgres from a copy of tests/t it can read.
# Appends "pass NAME" or "fail NAME" per file to $PDP_RESULTS.
set -uo pipefail
cd "$(dirname "$0")/.."
results=${PDP_RESULTS:?}
PGBIN=/usr/lib/postgresql/15/bin
PGXS_DIR=$(dirname "$(dirname "$(dirname "$($PGBIN/pg_config --pgxs)")")")

work=$(mktemp -d /tmp/pdp-tap.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r tests/t "$work/t"
RUN=()
if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres "$work"
    RUN=(runuser -u postgres --)
fi
for t in "$work"/t/*.pl; do
    name=$(basename "$t" .pl)
    if (cd "$work" && "${RUN[@]}" env PATH="$PGBIN:$PATH" \
            PERL5LIB="$PGXS_DIR/src/test/perl" \
            PG_REGRESS="$PGXS_DIR/src/test/regress/pg_regress" \
            TESTDIR="$work" PG_TEST_TIMEOUT_DEFAULT=120 \
            prove -v "t/$name.pl"); then
        echo "pass tap/$name" >> "$results"
    else
        echo "fail tap/$name" >> "$results"
        for l in "$work"/tmp_check/log/*"$name"*; do
            [ -f "$l" ] && { echo "--- $l"; tail -n 60 "$l"; }
        done
    fi
done
