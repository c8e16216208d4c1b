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
# A demo Bürgerkonto (confirmed, password sign-in); kept if it exists already.
DEMO_EMAIL="demo@schalter.localhost" DEMO_PASSWORD="Demo-Passwort-2026"
./target/release/schalter account create --email "$DEMO_EMAIL" --password "$DEMO_PASSWORD" \
  --given-name Demo --family-name Bürgerin >/dev/null 2>&1 || true
echo
echo "    Schalter runs at http://$SCHALTER_BIND/"
echo "    Demo citizen account: $DEMO_EMAIL / $DEMO_PASSWORD"
echo
exec ./target/release/schalter serve --dist dist
