#!/usr/bin/env bash
# Installs and starts the services the production paths need: PostgreSQL 15 + PostGIS 3
# and Mosquitto, from Debian's packages, and the clients the tests drive (Chromium, GDAL). Prints the variables the test suites read.
set -euo pipefail

need=()
command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /usr/share/postgresql/15/extension ] && ls /usr/share/postgresql/15/extension/postgis.control >/dev/null 2>&1 || need+=(postgresql postgresql-15-postgis-3)
command -v mosquitto >/dev/null 2>&1 || need+=(mosquitto)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/bin/openssl ] || need+=(openssl)
# GDAL's OGC API Features client (the driver QGIS uses) reads every collection in test/kernel/features/gdal.test.ts.
command -v ogr2ogr >/dev/null 2>&1 || need+=(gdal-bin)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: the package makes cluster 15/main; start it and give the test role a password.
if ! pg_lsclusters -h | grep -q '^15 *main'; then pg_createcluster 15 main >/dev/null; fi
pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'thorbecke') THEN CREATE ROLE thorbecke LOGIN SUPERUSER PASSWORD 'thorbecke'; END IF; END \\\$\\\$;\""
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname = 'thorbecke'\" | grep -q 1 || createdb -O thorbecke thorbecke"

# Mosquitto on its default port, in the background, when not already listening.
if ! (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
  mosquitto -d -p 1883 2>/dev/null || mosquitto -d
fi
