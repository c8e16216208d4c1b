#!/usr/bin/env bash
# Submissions per second on SQLite and on PostgreSQL: a release server over a fresh database
# of each (demo catalogue imported), loaded by server/examples/submit_load.rs.
#   scripts/bench-submissions.sh [submissions] [concurrency]
# The PostgreSQL is the test one (scripts/pg.sh, fsync off: an upper bound); SQLite runs
# with synchronous=FULL on this machine's disk, as in production.
set -euo pipefail
source "$(dirname "$0")/env.sh"
# A load generator sends from one address far more than a citizen would: lift the limits.
export SCHALTER_LIMIT_SUBMISSIONS_PER_HOUR=100000000 SCHALTER_LIMIT_UPLOADS_PER_HOUR=100000000 \
  SCHALTER_LIMIT_EMAILS_PER_DAY=100000000 SCHALTER_LIMIT_SEARCHES_PER_MINUTE=100000000
cd "$ROOT"
N="${1:-2000}"
C="${2:-16}"
PORT="${SCHALTER_BENCH_PORT:-3290}"
export SCHALTER_TEST_PG_PORT="${SCHALTER_TEST_PG_PORT:-55491}"
cargo build --release --locked -p server --bin schalter --example submit_load
BIN=target/release/schalter
LOAD=target/release/examples/submit_load
WORK="$(mktemp -d)"
PG_URL="$(scripts/pg.sh start)"
SERVER=""
cleanup() { [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null || true; scripts/pg.sh stop; rm -rf "$WORK"; }
trap cleanup EXIT

bench() {
  local name="$1" url="$2"
  "$BIN" import --database-url "$url" --data-dir ../shared/data >/dev/null
  RUST_LOG=warn "$BIN" serve --bind "127.0.0.1:$PORT" --dist "$WORK/none" --database-url "$url" \
    --attachments "$WORK/att-$name" >/dev/null 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done
  echo "== $name"
  "$LOAD" "http://127.0.0.1:$PORT" "$N" "$C"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
}

bench sqlite "sqlite://$WORK/bench.db"
psql "$PG_URL" -qc "CREATE DATABASE bench" >/dev/null
bench postgres "${PG_URL%/*}/bench"
