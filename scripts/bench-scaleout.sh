#!/usr/bin/env bash
# Several release servers on one PostgreSQL with attachments in an S3-compatible object store
# (moto, scripts/s3.sh), loaded round-robin by server/examples/scaleout_load.rs: each citizen
# uploads a 20 KB file through one server and submits through the next. The first server is
# killed with SIGKILL halfway; the loader goes on with the others and sends again, with the
# same key, what got no answer. Prints submissions/s and p50/p99, then checks that every
# acknowledged submission is in the database once with its file.
#   scripts/bench-scaleout.sh [citizens, default 2000] [concurrency, default 32] [servers, default 3]
# The PostgreSQL and the object store are throw-away ones of its own (scripts/pg.sh, whose
# test server runs without fsync; scripts/s3.sh), on ports of their own.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
N="${1:-2000}"
C="${2:-32}"
SERVERS="${3:-3}"
PORT="${SCHALTER_BENCH_PORT:-3300}"
export SCHALTER_TEST_PG_PORT="${SCHALTER_BENCH_PG_PORT:-55493}"
export SCHALTER_TEST_PG_DIR="/tmp/schalter-bench-scaleout-pg-$SCHALTER_TEST_PG_PORT"
export SCHALTER_TEST_S3_PORT="${SCHALTER_BENCH_S3_PORT:-9620}"
export SCHALTER_TEST_S3_DIR="/tmp/schalter-bench-scaleout-s3-$SCHALTER_TEST_S3_PORT"
cargo build --release --locked -p server --bin schalter --example scaleout_load
BIN=target/release/schalter
LOAD=target/release/examples/scaleout_load
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  scripts/pg.sh stop
  scripts/s3.sh stop
  rm -rf "$WORK"
}
trap cleanup EXIT

PG="$(scripts/pg.sh start)"
psql "$PG" -qc "CREATE DATABASE bench" >/dev/null
DB="${PG%/*}/bench"
S3="$(scripts/s3.sh start)"
BUCKET="bench-scaleout"
curl -fsS -X PUT "$S3/$BUCKET" >/dev/null
"$BIN" import --database-url "$DB" --data-dir ../shared/data >/dev/null

# A load generator sends from one address far more than a citizen would: lift the limits.
export SCHALTER_LIMIT_SUBMISSIONS_PER_HOUR=100000000 SCHALTER_LIMIT_UPLOADS_PER_HOUR=100000000 \
  SCHALTER_LIMIT_EMAILS_PER_DAY=100000000
export AWS_ENDPOINT="$S3" AWS_ALLOW_HTTP=true AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
BASES=()
for i in $(seq 0 $((SERVERS - 1))); do
  port=$((PORT + i))
  RUST_LOG=warn "$BIN" serve --bind "127.0.0.1:$port" --dist "$WORK/none" --database-url "$DB" \
    --attachments "s3://$BUCKET/attachments" >"$WORK/server-$i.log" 2>&1 &
  PIDS+=($!)
  disown $! # killed mid-run on purpose: no job report for it
  BASES+=("http://127.0.0.1:$port")
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.1; done
done

KILL=()
if ((SERVERS > 1)); then KILL=("${PIDS[0]}" 0 "$((N / 2))"); fi
echo "== $N citizens (upload + submit), $C at a time, $SERVERS servers$( ((SERVERS > 1)) && echo "; server 0 killed after $((N / 2))")"
SCALEOUT_ACKS="$WORK/acks.txt" "$LOAD" "$(IFS=,; echo "${BASES[*]}")" "$N" "$C" "${KILL[@]}" \
  | tee "$WORK/load.txt"

# Every acknowledged key is stored once, with its file.
acked=$(wc -l <"$WORK/acks.txt")
psql "$DB" -qAt -c "CREATE TEMP TABLE acked (key text)" -c "\\copy acked FROM '$WORK/acks.txt'" \
  -c "SELECT COUNT(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM submissions s JOIN uploads u ON u.submission_id = s.id WHERE s.idempotency_key = a.key)" \
  >"$WORK/missing.txt"
missing=$(tail -1 "$WORK/missing.txt")
objects=$(curl -fsS "$S3/$BUCKET?list-type=2&prefix=attachments/uploads/&max-keys=100000" | grep -o '<Key>' | wc -l)
echo "acknowledged $acked, missing in the database $missing, objects in the bucket $objects (more: files stored by the killed server whose answer it never sent)"
[[ "$missing" == 0 ]] || { echo "acknowledged submissions were lost" >&2; exit 1; }
echo
echo "== $(grep '^summary' "$WORK/load.txt" | cut -d' ' -f2-) ($(nproc) cores, loader, PostgreSQL and moto on the same machine)"
