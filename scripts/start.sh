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
# A demo clerk of Schmölln and Aarau for clerk mode (/de/amt): password and a fixed
# authenticator secret (demo only; real staff get a random one from 'schalter staff totp').
STAFF_EMAIL="sachbearbeitung@schalter.localhost" STAFF_PASSWORD="Demo-Sachbearbeitung-2026"
STAFF_TOTP="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
./target/release/schalter staff create --name "Demo Sachbearbeiterin" --email "$STAFF_EMAIL" \
  --authority de:16077043 --role clerk >/dev/null 2>&1 || true
./target/release/schalter staff grant --email "$STAFF_EMAIL" --authority ch:4001 --role clerk >/dev/null
SCHALTER_STAFF_PASSWORD="$STAFF_PASSWORD" ./target/release/schalter staff password --email "$STAFF_EMAIL" >/dev/null
SCHALTER_STAFF_TOTP_SECRET="$STAFF_TOTP" ./target/release/schalter staff totp --email "$STAFF_EMAIL" >/dev/null
# Demo accounts the invoices of Aarau (a QR-IBAN: Swiss QR-bill with QR reference) and
# Schmölln (GiroCode) are paid to; their administrators change them in clerk mode.
./target/release/schalter staff creditor --authority ch:4001 --iban "CH44 3199 9123 0008 8901 2" \
  --name "Stadt Aarau, Finanzen" --street Rathausgasse --building 1 --postcode 5000 --town Aarau \
  --country CH --reference-prefix 210000 >/dev/null
./target/release/schalter staff creditor --authority de:16077043 --iban "DE02 1203 0000 0000 2020 51" \
  --bic BYLADEM1001 --name "Stadt Schmölln, Stadtkasse" --street Markt --building 1 \
  --postcode 04626 --town Schmölln --country DE >/dev/null
# Fees are paid online through the project's payment sandbox (a separate process speaking the
# Datatrans API; no money moves), unless a real provider is configured.
if [[ -z "${SCHALTER_PAYMENT_PROVIDER:-}" ]]; then
  PAYSANDBOX_URL="$(SCHALTER_PAYSANDBOX_BIN="$ROOT/target/release/paysandbox" scripts/paysandbox.sh start)"
  trap 'scripts/paysandbox.sh stop' EXIT
  export SCHALTER_PAYMENT_PROVIDER=datatrans SCHALTER_PAYMENT_API_URL="$PAYSANDBOX_URL" \
    SCHALTER_PAYMENT_PAGE_URL="$PAYSANDBOX_URL" SCHALTER_PAYMENT_MERCHANT_ID=1100000000 \
    SCHALTER_PAYMENT_PASSWORD=sandbox-password SCHALTER_PAYMENT_SIGN_KEY=73616e64626f782d7369676e2d6b6579
fi
echo
echo "    Schalter runs at http://$SCHALTER_BIND/"
echo "    Demo citizen account: $DEMO_EMAIL / $DEMO_PASSWORD"
echo "    Demo clerk (http://$SCHALTER_BIND/de/amt): $STAFF_EMAIL / $STAFF_PASSWORD"
echo "      second factor: add the secret $STAFF_TOTP to any authenticator app (TOTP, 6 digits, 30 s)"
if [[ -n "${PAYSANDBOX_URL:-}" ]]; then
  echo "    Online payments go to the payment sandbox at $PAYSANDBOX_URL (no money moves)"
fi
echo
./target/release/schalter serve --dist dist
