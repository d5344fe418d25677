#!/usr/bin/env bash
# make demo: build, install, start a throwaway cluster with pdp preloaded,
# and run the guided tour (demo/tour.sql) on a small fictional retail shop.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
make -s all
$SUDO make -s install >/dev/null
pg_virtualenv -v 15 -o shared_preload_libraries=pdp -- \
    sh -c 'psql -X -q -v SHOW_CONTEXT=never -f demo/tour.sql 2>&1 | sed -E "s/^psql:[^:]*:[0-9]+: //"'
