#!/usr/bin/env bash
# Sign-ins per second, the server's peak memory and the search latency beside them, while 100
# sign-ins arrive at once (Argon2id, m = 19 MiB; two hashes at a time, the rest queued).
#   scripts/bench-signin.sh [sign-ins at once, default 100]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
N="${1:-100}"
PORT="${SCHALTER_BENCH_PORT:-3291}"
# One load generator is one client address: lift the per-address and per-account limits.
export SCHALTER_LIMIT_SIGN_INS_PER_ACCOUNT=100000000 SCHALTER_LIMIT_SIGN_INS_PER_ADDRESS=100000000 \
  SCHALTER_LIMIT_SEARCHES_PER_MINUTE=100000000
cargo build --release --locked -p server --bin schalter --example signin_load
BIN=target/release/schalter
WORK="$(mktemp -d)"
SERVER=""
cleanup() { [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
DB="sqlite://$WORK/bench.db"
"$BIN" import --database-url "$DB" --data-dir ../shared/data >/dev/null
"$BIN" account create --database-url "$DB" --email bench@example.ch --password "bench password 1" \
  --given-name Bench --family-name Mark >/dev/null
RUST_LOG=warn "$BIN" serve --bind "127.0.0.1:$PORT" --dist "$WORK/none" --database-url "$DB" \
  --attachments "$WORK/att" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done
before=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER/status")
target/release/examples/signin_load "http://127.0.0.1:$PORT" bench@example.ch "bench password 1" "$N"
peak=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER/status")
echo "server memory: ${before} kB resident before, ${peak} kB peak"
