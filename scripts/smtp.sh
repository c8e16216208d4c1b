#!/usr/bin/env bash
# A real SMTP server for the tests (aiosmtpd from PyPI, installed by `scripts/setup.sh --test`):
# it accepts every message and stores it in a Maildir the tests read.
#   scripts/smtp.sh start   prints `smtp://127.0.0.1:PORT <maildir>`
#   scripts/smtp.sh stop
set -euo pipefail
source "$(dirname "$0")/env.sh"
PORT="${SCHALTER_TEST_SMTP_PORT:-2525}"
DIR="${SCHALTER_TEST_SMTP_DIR:-/tmp/schalter-test-smtp-$PORT}"
PY="$SMTP_VENV/bin/python"

stop() {
  if [[ -f "$DIR/pid" ]]; then
    kill "$(cat "$DIR/pid")" 2>/dev/null || true
    rm -f "$DIR/pid"
  fi
}

case "${1:-}" in
  start)
    [[ -x "$PY" ]] || { echo "aiosmtpd is missing: run scripts/setup.sh --test" >&2; exit 1; }
    stop
    rm -rf "$DIR"
    mkdir -p "$DIR"/maildir/{tmp,new,cur}
    # -n: no setuid; Mailbox handler: one file per message in a Maildir.
    "$PY" -m aiosmtpd -n -l "127.0.0.1:$PORT" -c aiosmtpd.handlers.Mailbox "$DIR/maildir" \
      >"$DIR/server.log" 2>&1 &
    echo $! >"$DIR/pid"
    for _ in $(seq 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        echo "smtp://127.0.0.1:$PORT $DIR/maildir"
        exit 0
      fi
      sleep 0.1
    done
    cat "$DIR/server.log" >&2
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
