#!/usr/bin/env bash
# Installs the PostgreSQL 15 server binaries that the differential tests of the sql module need
# (org.jdbsp.sql.pg.PgCluster runs initdb/pg_ctl from /usr/lib/postgresql/15/bin), from Debian's packages,
# unless they are there already. For CI, call it from .ci/run before the tests, as root:
#   bash sql/src/test/resources/pg/install-postgres.sh
# It starts no server: each test run starts its own throwaway cluster and removes it.
set -euo pipefail
if [[ -x /usr/lib/postgresql/15/bin/initdb && -x /usr/lib/postgresql/15/bin/pg_ctl && -x /usr/lib/postgresql/15/bin/postgres ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-postgres.sh: PostgreSQL 15 is missing and installing it needs root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# the Debian package also creates the postgres user that PgCluster runs the server as when tests run as root
apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
