#!/usr/bin/env bash
# Install what pdp needs to build and test, if missing: PostgreSQL 15 server
# and headers, pgTAP and pg_prove, pgaudit (benchmark baseline), IPC::Run
# (TAP tests), OpenSSL headers (audit chain hashing), pgbouncer and psycopg 3
# (TAP test 013_pooler).  Runs apt-get as root, or through sudo.
set -euo pipefail

pkgs=(postgresql-common postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap
      libtap-parser-sourcehandler-pgtap-perl postgresql-15-pgaudit libipc-run-perl
      build-essential libssl-dev python3 pgbouncer python3-psycopg)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
# do not let the package create and start a default cluster
$SUDO mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/pdp-no-main.conf >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
