#!/usr/bin/env bash
# A real S3-compatible object store for the scale-out test: moto in server mode (PyPI, pinned in
# scripts/requirements-s3.txt, installed by `scripts/setup.sh --test`). It keeps objects in
# memory and accepts any credentials; a test creates its own bucket (`PUT /<bucket>`,
# path-style) and points the servers at it with `AWS_ENDPOINT=<url>`, `AWS_ALLOW_HTTP=true`.
#   scripts/s3.sh start   prints the endpoint URL (http://127.0.0.1:9600)
#   scripts/s3.sh stop
set -euo pipefail
source "$(dirname "$0")/env.sh"
HOST="${SCHALTER_TEST_S3_HOST:-127.0.0.1}"
PORT="${SCHALTER_TEST_S3_PORT:-9600}"
DIR="${SCHALTER_TEST_S3_DIR:-/tmp/schalter-test-s3-$PORT}"
URL="http://$HOST:$PORT"

stop() {
  if [[ -f "$DIR/pid" ]]; then
    kill "$(cat "$DIR/pid")" 2>/dev/null || true
    rm -f "$DIR/pid"
  fi
}

case "${1:-}" in
  start)
    [[ -x "$S3_VENV/bin/moto_server" ]] \
      || { echo "moto is missing: run scripts/setup.sh --test" >&2; exit 1; }
    stop
    rm -rf "$DIR"
    mkdir -p "$DIR"
    "$S3_VENV/bin/moto_server" -H "$HOST" -p "$PORT" >"$DIR/server.log" 2>&1 &
    echo $! >"$DIR/pid"
    for _ in $(seq 200); do
      # ListBuckets: moto answers it once the S3 service is loaded.
      if curl -fsS -o /dev/null --max-time 2 "$URL/" 2>/dev/null; then
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
