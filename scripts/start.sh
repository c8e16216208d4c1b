#!/usr/bin/env bash
# The one command to run the portal: sets up, builds, loads the demo data into the embedded
# SQLite database (./data/schalter.db) and serves it. Stop with Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
export SCHALTER_BIND="${SCHALTER_BIND:-127.0.0.1:3000}"
echo "==> migrating the database"
./target/release/schalter migrate
echo
echo "    Schalter runs at http://$SCHALTER_BIND/"
echo
exec ./target/release/schalter serve --dist dist
