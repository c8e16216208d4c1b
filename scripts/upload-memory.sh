#!/usr/bin/env bash
# The server's peak memory (VmHWM) while N building-plan uploads of 19 MB arrive at once:
# uploads are streamed into the object store, so this stays near one 5 MB part per upload.
#   scripts/upload-memory.sh [uploads]        (after scripts/build.sh)
set -euo pipefail
source "$(dirname "$0")/env.sh"
# A load generator sends from one address far more than a citizen would: lift the limits.
export SCHALTER_LIMIT_SUBMISSIONS_PER_HOUR=100000000 SCHALTER_LIMIT_UPLOADS_PER_HOUR=100000000 \
  SCHALTER_LIMIT_EMAILS_PER_DAY=100000000 SCHALTER_LIMIT_SEARCHES_PER_MINUTE=100000000
N="${1:-8}"
PORT="${SCHALTER_BENCH_PORT:-3291}"
BIN="$ROOT/target/release/schalter"
WORK="$(mktemp -d)"
trap 'kill "${PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SCHALTER_DATABASE_URL="sqlite://$WORK/schalter.db" SCHALTER_DATA_DIR="$ROOT/../shared/data"
"$BIN" import >/dev/null
"$BIN" serve --bind "127.0.0.1:$PORT" --dist "$ROOT/dist" --attachments "$WORK/attachments" >/dev/null 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.2; done
python3 -c "import sys; h=b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'; open(sys.argv[1],'wb').write(h+bytes(19*1024*1024-len(h)))" "$WORK/plan.pdf"
VERSION="$(curl -sf "http://127.0.0.1:$PORT/api/v1/forms/baugesuch-ag?municipality=ch:4001&lang=de" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')"
before="$(awk '/VmHWM/ { print $2 }' "/proc/$PID/status")"
codes=()
for i in $(seq "$N"); do
  curl -s -o /dev/null -w "%{http_code}\n" -X POST -H "schalter-draft: 0d9e1c2b-3a4f-4b5c-8d7e-$(printf %012d "$i")" \
    -H "content-type: application/pdf" --data-binary "@$WORK/plan.pdf" \
    "http://127.0.0.1:$PORT/api/v1/uploads?form=baugesuch-ag&version=$VERSION&municipality=ch:4001&field=situation_plan&name=plan.pdf" \
    > "$WORK/code-$i" &
  codes+=($!)
done
wait "${codes[@]}"
after="$(awk '/VmHWM/ { print $2 }' "/proc/$PID/status")"
accepted="$(cat "$WORK"/code-* | grep -c '^201$' || true)"
echo "uploads: $N × 19 MB at once, $accepted accepted (201)"
echo "peak RSS: ${before} kB before, ${after} kB after: +$(( (after - before) / 1024 )) MB"
[ "$accepted" -eq "$N" ]
