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
# Each answer goes to a file first: `curl | grep -q` fails under pipefail when grep stops early.
expect() { # <what> <pattern> <curl args...>
  local what=$1 pattern=$2; shift 2
  curl -fsS "$@" -o "$data/answer" || fail "$what (request failed)"
  grep -q -- "$pattern" "$data/answer" || fail "$what (no '$pattern' in the answer)"
}
expect health '"ok"' localhost:18080/api/v1/health
expect "web app" '<html lang="nl"' localhost:18080/dataregister
expect "catalog search" '"total"' 'localhost:18080/api/v1/catalog/datasets?q=parkeren'
expect "DCAT export" 'dcat:Catalog' -H 'Accept: text/turtle' localhost:18080/api/v1/catalog
expect twin 'FeatureCollection' 'localhost:18080/api/v1/twin/collections/buildings/items?limit=1'
expect rules '"plans"' 'localhost:18080/api/v1/rules/here?lon=3.8885&lat=51.4990'
expect SensorThings '"value"' 'localhost:18080/sta/v1.1/Things?$top=1'
kill -TERM "$pid"
wait "$pid" && echo "smoke: built server served the demo and stopped cleanly" || fail "exit code after SIGTERM"
rm -rf "$data"
