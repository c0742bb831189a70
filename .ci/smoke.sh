#!/usr/bin/env bash
# The README's path: the built server (`npm start` runs `npm run build`, then this) on a
# fresh data directory, answering the web app and the API, and stopping on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
data=$(mktemp -d)
PORT=18080 THORBECKE_MQTT_PORT=18830 THORBECKE_DATA_DIR="$data" node dist/src/cli/main.js serve > "$data/log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs localhost:18080/api/v1/health >/dev/null 2>&1 && break; sleep 0.5; done
fail() { echo "smoke: $*"; tail -20 "$data/log"; kill "$pid" 2>/dev/null || true; exit 1; }
curl -fs localhost:18080/api/v1/health | grep -q '"ok"' || fail "health"
curl -fs localhost:18080/dataregister | grep -q '<html lang="nl"' || fail "web app"
curl -fs 'localhost:18080/api/v1/catalog/datasets?q=parkeren' | grep -q '"total"' || fail "catalog search"
curl -fs -H 'Accept: text/turtle' localhost:18080/api/v1/catalog | grep -q 'dcat:Catalog' || fail "DCAT export"
curl -fs 'localhost:18080/api/v1/twin/collections/buildings/items?limit=1' | grep -q 'FeatureCollection' || fail "twin"
curl -fs 'localhost:18080/api/v1/rules/here?lon=3.8885&lat=51.4990' >/dev/null || fail "rules"
kill -TERM "$pid"
wait "$pid" && echo "smoke: built server served the demo and stopped cleanly" || fail "exit code after SIGTERM"
rm -rf "$data"
