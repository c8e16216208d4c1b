#!/usr/bin/env bash
# A throw-away PostgreSQL for the tests, on a loopback port, data in a temporary folder.
#   scripts/pg.sh start   prints the URL to use (postgres://postgres@127.0.0.1:PORT/postgres)
#   scripts/pg.sh start --durable   the same with fsync=on, synchronous_commit=on and
#                                  full_page_writes=on, as in production (for benchmarks; the
#                                  tests run without syncing, which only a power loss would tell)
#   scripts/pg.sh stop
#   scripts/pg.sh pause | resume   stop the server keeping its data, start it again on the same
#                                  port (for the test of a database that goes away and comes back)
set -euo pipefail
source "$(dirname "$0")/env.sh"
PORT="${SCHALTER_TEST_PG_PORT:-55432}"
DIR="${SCHALTER_TEST_PG_DIR:-/tmp/schalter-test-pg-$PORT}"

# initdb refuses to run as root: run the server as the postgres user the Debian package made.
run() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_server() {
  local sync="-c fsync=off -c full_page_writes=off"
  [[ -e "$DIR/durable" ]] && sync="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
  run pg_ctl -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 $sync -c max_connections=300" >/dev/null \
    || { cat "$DIR/server.log" >&2; exit 1; }
}

case "${1:-}" in
  start)
    if run pg_ctl -D "$DIR/data" status >/dev/null 2>&1; then
      run pg_ctl -D "$DIR/data" stop -m immediate >/dev/null
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [[ $(id -u) -eq 0 ]] && chown postgres "$DIR"
    run initdb -D "$DIR/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    if [[ "${2:-}" == "--durable" ]]; then
      # initdb --no-sync left its files unsynced: sync them before relying on the WAL.
      touch "$DIR/durable"
      sync
    fi
    start_server
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  pause)
    run pg_ctl -D "$DIR/data" stop -m fast >/dev/null
    ;;
  resume)
    start_server
    ;;
  stop)
    if [[ -d "$DIR/data" ]]; then run pg_ctl -D "$DIR/data" stop -m fast >/dev/null 2>&1 || true; fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop|pause|resume" >&2
    exit 2
    ;;
esac
