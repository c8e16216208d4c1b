#!/usr/bin/env bash
# A real OpenID Connect provider for the sign-in tests (npm oidc-provider, tools/oidc-provider,
# installed by `scripts/setup.sh --test`): test users anna, beat and carla (password `test`) at
# fixed AGOV levels, a login form without JavaScript, one client `schalter` with PKCE required.
#   scripts/oidc.sh start   prints the issuer URL (http://127.0.0.2:9400)
#   scripts/oidc.sh stop
# On 127.0.0.2 it is another site than a portal on 127.0.0.1, as in production. OIDC_REDIRECT_URIS
# (comma-separated), OIDC_CLIENT_ID and OIDC_CLIENT_SECRET pass through to the server.
set -euo pipefail
source "$(dirname "$0")/env.sh"
HOST="${SCHALTER_TEST_OIDC_HOST:-127.0.0.2}"
PORT="${SCHALTER_TEST_OIDC_PORT:-9400}"
DIR="${SCHALTER_TEST_OIDC_DIR:-/tmp/schalter-test-oidc-$PORT}"
APP="$ROOT/tools/oidc-provider"
ISSUER="http://$HOST:$PORT"

stop() {
  if [[ -f "$DIR/pid" ]]; then
    kill "$(cat "$DIR/pid")" 2>/dev/null || true
    rm -f "$DIR/pid"
  fi
}

case "${1:-}" in
  start)
    [[ -d "$APP/node_modules/oidc-provider" ]] \
      || { echo "oidc-provider is missing: run scripts/setup.sh --test" >&2; exit 1; }
    stop
    rm -rf "$DIR"
    mkdir -p "$DIR"
    OIDC_HOST="$HOST" OIDC_PORT="$PORT" node "$APP/server.js" >"$DIR/server.log" 2>&1 &
    echo $! >"$DIR/pid"
    for _ in $(seq 100); do
      if curl -fsS -o /dev/null --max-time 2 "$ISSUER/.well-known/openid-configuration" 2>/dev/null; then
        echo "$ISSUER"
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
