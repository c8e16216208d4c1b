#!/usr/bin/env bash
# The payment provider sandbox (paysandbox/, a separate process speaking the Datatrans JSON API
# the portal uses): payment page with pay / cancel / fail, signed notifications, status, settle,
# cancel, credit. Sandbox credentials only: merchant 1100000000, password sandbox-password,
# sign key hex 73616e64626f782d7369676e2d6b6579.
#   scripts/paysandbox.sh start   prints its URL (http://127.0.0.3:9500)
#   scripts/paysandbox.sh stop
# On 127.0.0.3 it is another site than a portal on 127.0.0.1, as a real provider is.
# SCHALTER_PAYSANDBOX_BIN: a built binary to run (default: build and run the debug one).
set -euo pipefail
source "$(dirname "$0")/env.sh"
HOST="${SCHALTER_TEST_PAYSANDBOX_HOST:-127.0.0.3}"
PORT="${SCHALTER_TEST_PAYSANDBOX_PORT:-9500}"
DIR="${SCHALTER_TEST_PAYSANDBOX_DIR:-/tmp/schalter-paysandbox-$PORT}"
URL="http://$HOST:$PORT"

stop() {
  if [[ -f "$DIR/pid" ]]; then
    kill "$(cat "$DIR/pid")" 2>/dev/null || true
    rm -f "$DIR/pid"
  fi
}

case "${1:-}" in
  start)
    stop
    rm -rf "$DIR"
    mkdir -p "$DIR"
    BIN="${SCHALTER_PAYSANDBOX_BIN:-}"
    if [[ -z "$BIN" ]]; then
      (cd "$ROOT" && cargo build -q --locked -p paysandbox >&2)
      BIN="$ROOT/target/debug/paysandbox"
    fi
    PAYSANDBOX_BIND="$HOST:$PORT" \
      PAYSANDBOX_MERCHANT_ID="${PAYSANDBOX_MERCHANT_ID:-1100000000}" \
      PAYSANDBOX_PASSWORD="${PAYSANDBOX_PASSWORD:-sandbox-password}" \
      PAYSANDBOX_SIGN_KEY="${PAYSANDBOX_SIGN_KEY:-73616e64626f782d7369676e2d6b6579}" \
      "$BIN" >"$DIR/server.log" 2>&1 &
    echo $! >"$DIR/pid"
    for _ in $(seq 100); do
      if curl -fsS -o /dev/null --max-time 2 "$URL/health" 2>/dev/null; then
        echo "$URL"
        exit 0
      fi
      kill -0 "$(cat "$DIR/pid")" 2>/dev/null || break
      sleep 0.1
    done
    cat "$DIR/server.log" >&2
    stop
    exit 1
    ;;
  stop)
    stop
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
