#!/usr/bin/env bash
# The one command to run the portal: sets up, builds, loads the demo data into the embedded
# SQLite database (./data/schalter.db) and serves it. Stop with Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
export SCHALTER_BIND="${SCHALTER_BIND:-127.0.0.1:3000}"
export SCHALTER_DATA_DIR="${SCHALTER_DATA_DIR:-$ROOT/../shared/data}"
echo "==> loading the demo catalogue (once; 'schalter import' reloads it)"
./target/release/schalter import --if-empty
echo
echo "    Schalter runs at http://$SCHALTER_BIND/"
echo
exec ./target/release/schalter serve --dist dist
