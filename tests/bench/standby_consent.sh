#!/usr/bin/env bash
# Consent on a hot standby: replay-to-visible time and the cost of a change
# to a standby's backends.  A primary and a streaming standby (throwaway,
# PostgreSQL::Test::Cluster in a temporary directory), a table of
# BENCH_SUBJECTS people (default 1 000 000), every other one consented to
# the purpose.  One long-lived session on the standby; BENCH_WITHDRAWALS
# (default 20) times: withdraw one consent on the primary, then poll the
# standby session with the protected query for that subject until the row
# is gone.  Reports, each as a median:
#   replay-to-visible  from the primary's commit to the end of the first
#                      standby statement that no longer shows the row (the
#                      commit lies between the start and the end of the
#                      primary's call: both bounds are given)
#   first statement    the duration of that statement, which loads the
#                      purpose's whole consent set again (a standby reloads
#                      the set a change touched, in every backend using it)
#   steady statement   the same query with nothing changed
# Runs the server binaries in $PGBIN (default: pg_config's bindir; the
# Perl modules from $PGBIN/../lib/pgxs/src/test/perl, or PERL5LIB); the
# server must have pdp installed.  Reports only; it does not pass or fail.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PGBIN=${PGBIN:-$(pg_config --bindir)}
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env PGBIN="$PGBIN" BENCH_SUBJECTS="${BENCH_SUBJECTS:-1000000}" \
        BENCH_WITHDRAWALS="${BENCH_WITHDRAWALS:-20}" PERL5LIB="${PERL5LIB:-}" "$0" "$@"
fi
DIR=$(mktemp -d /tmp/pdp-bench-standby.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
lib=$(cd "$PGBIN/.." && pwd)/lib/pgxs/src/test/perl
[ -d "$lib" ] || lib=$(dirname "$("$PGBIN/pg_config" --pgxs)")/../test/perl
cd "$DIR"
PATH="$PGBIN:$PATH" PERL5LIB="$lib${PERL5LIB:+:$PERL5LIB}" TESTDIR="$DIR" \
    PG_REGRESS="${PG_REGRESS:-$lib/../regress/pg_regress}" \
    perl "$here/standby_consent.pl" | grep -v '^#'   # the test modules' notes
