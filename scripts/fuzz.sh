#!/usr/bin/env bash
# make fuzz: install SQLsmith if missing, build and install pdp, run
# tests/fuzz/sqlsmith.sh (N, SEED, MODE pass through).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
command -v sqlsmith >/dev/null || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq sqlsmith
make -s all
$SUDO make -s install >/dev/null
exec tests/fuzz/sqlsmith.sh
