#!/usr/bin/env bash
# Submissions per second on SQLite and on PostgreSQL, both durable as in production: a release
# server over a fresh database of each (demo catalogue imported), loaded by
# server/examples/submit_load.rs. Prints submissions/s, p50 and p99 per backend, and the CPU time
# the server and PostgreSQL's backends spent per submission (read from /proc: steadier than the
# rate on a machine shared with other work).
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

# CPU time (user + system, in clock ticks) of a process, and of PostgreSQL's backends (the
# postmaster's children, which live as long as the server's connections).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local pid sum=0
  [[ -n "$PG" && -f "$SCHALTER_TEST_PG_DIR/data/postmaster.pid" ]] || { echo 0; return; }
  for pid in $(pgrep -P "$(head -1 "$SCHALTER_TEST_PG_DIR/data/postmaster.pid")"); do
    sum=$((sum + $(ticks "$pid")))
  done
  echo "$sum"
}
per_submission() { echo $(($1 * 1000000 / $(getconf CLK_TCK) / N)); }

SUMMARY=()
bench() {
  local name="$1" url="$2"
  "$BIN" import --database-url "$url" --data-dir ../shared/data >/dev/null
  RUST_LOG=warn "$BIN" serve --bind "127.0.0.1:$PORT" --dist "$WORK/none" --database-url "$url" \
    --attachments "$WORK/att-$name" >"$WORK/server-$name.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done
  echo "== $name"
  local server0 pg0 cpu
  server0=$(ticks "$SERVER")
  pg0=$(pg_ticks)
  "$LOAD" "http://127.0.0.1:$PORT" "$N" "$C" | tee "$WORK/load-$name.txt"
  cpu="cpu/submission: server $(per_submission $(($(ticks "$SERVER") - server0))) us"
  [[ -n "$PG" ]] && cpu+=", postgres $(per_submission $(($(pg_ticks) - pg0))) us"
  echo "$cpu"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  SUMMARY+=("$(printf '%-9s %s; %s' "$name" "$(grep '^summary' "$WORK/load-$name.txt" | cut -d' ' -f2-)" "$cpu")")
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
