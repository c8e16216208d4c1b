#!/usr/bin/env bash
# Submissions per second on SQLite and on PostgreSQL, both durable as in production: a release
# server over a fresh database of each (demo catalogue imported), loaded by
# server/examples/submit_load.rs. Prints submissions/s, p50 and p99 per backend.
#   scripts/bench-submissions.sh [submissions] [concurrency] [backends]
# backends: "sqlite postgres" (default), or one of them.
# SQLite runs with synchronous=FULL on this machine's disk; the PostgreSQL is a throw-away one
# of its own (scripts/pg.sh start --durable: fsync=on, synchronous_commit=on,
# full_page_writes=on), not the test one, which runs without syncing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
# A load generator sends from one address far more than a citizen would: lift the limits.
export SCHALTER_LIMIT_SUBMISSIONS_PER_HOUR=100000000 SCHALTER_LIMIT_UPLOADS_PER_HOUR=100000000 \
  SCHALTER_LIMIT_EMAILS_PER_DAY=100000000 SCHALTER_LIMIT_SEARCHES_PER_MINUTE=100000000
cd "$ROOT"
N="${1:-4000}"
C="${2:-32}"
BACKENDS="${3:-sqlite postgres}"
PORT="${SCHALTER_BENCH_PORT:-3290}"
export SCHALTER_TEST_PG_PORT="${SCHALTER_BENCH_PG_PORT:-55491}"
export SCHALTER_TEST_PG_DIR="/tmp/schalter-bench-pg-$SCHALTER_TEST_PG_PORT"
cargo build --release --locked -p server --bin schalter --example submit_load
TARGET="${CARGO_TARGET_DIR:-target}"
BIN="$TARGET/release/schalter"
LOAD="$TARGET/release/examples/submit_load"
WORK="$(mktemp -d)"
SERVER=""
PG=""
cleanup() {
  [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null || true
  [[ -n "$PG" ]] && scripts/pg.sh stop
  rm -rf "$WORK"
}
trap cleanup EXIT

SUMMARY=()
bench() {
  local name="$1" url="$2"
  "$BIN" import --database-url "$url" --data-dir ../shared/data >/dev/null
  RUST_LOG=warn "$BIN" serve --bind "127.0.0.1:$PORT" --dist "$WORK/none" --database-url "$url" \
    --attachments "$WORK/att-$name" >"$WORK/server-$name.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done
  echo "== $name"
  "$LOAD" "http://127.0.0.1:$PORT" "$N" "$C" | tee "$WORK/load-$name.txt"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  SUMMARY+=("$(printf '%-9s %s' "$name" "$(grep '^summary' "$WORK/load-$name.txt" | cut -d' ' -f2-)")")
}

for backend in $BACKENDS; do
  case "$backend" in
    sqlite) bench sqlite "sqlite://$WORK/bench.db" ;;
    postgres)
      PG="$(scripts/pg.sh start --durable)"
      psql "$PG" -qc "CREATE DATABASE bench" >/dev/null
      echo "postgres: $(psql "$PG" -Atc "SELECT 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit') || ' full_page_writes=' || current_setting('full_page_writes')")"
      bench postgres "${PG%/*}/bench"
      ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
done
echo
echo "== $N submissions, $C at a time ($(nproc) cores, load generator on the same machine)"
printf '%s\n' "${SUMMARY[@]}"
