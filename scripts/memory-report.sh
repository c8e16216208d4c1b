#!/usr/bin/env bash
# The server's resident memory (RSS, VmRSS: its heap, stacks and the binary's pages in memory)
# with the demo catalogue on SQLite: after start, after a burst (building-plan uploads of 19 MB
# at once, then searches at 64 connections), and after settling.
#   scripts/memory-report.sh [--no-build] [uploads] [searches] [settle seconds]
# Targets (issue 18): <= 60 MB after start; after settling within 20 % of that.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
BUILD=1
POS=()
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    -*) echo "unknown option $a" >&2; exit 2 ;;
    *) POS+=("$a") ;;
  esac
done
UPLOADS="${POS[0]:-8}"
SEARCHES="${POS[1]:-20000}"
SETTLE="${POS[2]:-10}"
PORT="${SCHALTER_BENCH_PORT:-3294}"
if [[ "$BUILD" == 1 ]]; then
  cargo build --release --locked -p server --bin schalter --example search_load
fi
BIN="$ROOT/target/release/schalter"
LOAD="$ROOT/target/release/examples/search_load"
# A load generator sends from one address far more than a citizen would: lift the limits.
export SCHALTER_LIMIT_SUBMISSIONS_PER_HOUR=100000000 SCHALTER_LIMIT_UPLOADS_PER_HOUR=100000000 \
  SCHALTER_LIMIT_EMAILS_PER_DAY=100000000 SCHALTER_LIMIT_SEARCHES_PER_MINUTE=100000000
WORK="$(mktemp -d)"
SERVER=""
cleanup() {
  [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export SCHALTER_DATABASE_URL="sqlite://$WORK/schalter.db" SCHALTER_DATA_DIR="$ROOT/../shared/data"
"$BIN" import >"$WORK/import.log" 2>&1
"$BIN" serve --bind "127.0.0.1:$PORT" --dist "$WORK/none" --attachments "$WORK/attachments" \
  >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null || { tail "$WORK/server.log"; exit 1; }
sleep 1
rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER/status"; }
START="$(rss)"
echo "after start                $START MB"

python3 -c "import sys; h=b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'; open(sys.argv[1],'wb').write(h+bytes(19*1024*1024-len(h)))" "$WORK/plan.pdf"
VERSION="$(curl -sf "http://127.0.0.1:$PORT/api/v1/forms/baugesuch-ag?municipality=ch:4001&lang=de" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')"
pids=()
for i in $(seq "$UPLOADS"); do
  curl -s -o /dev/null -w "%{http_code}\n" -X POST -H "schalter-draft: 0d9e1c2b-3a4f-4b5c-8d7e-$(printf %012d "$i")" \
    -H "content-type: application/pdf" --data-binary "@$WORK/plan.pdf" \
    "http://127.0.0.1:$PORT/api/v1/uploads?form=baugesuch-ag&version=$VERSION&municipality=ch:4001&field=situation_plan&name=plan.pdf" \
    >"$WORK/code-$i" &
  pids+=($!)
done
wait "${pids[@]}"
ACCEPTED="$(cat "$WORK"/code-* | grep -c '^201$' || true)"
echo "after $UPLOADS uploads of 19 MB   $(rss) MB ($ACCEPTED accepted)"
"$LOAD" "http://127.0.0.1:$PORT" "$SEARCHES" 64 >"$WORK/load.txt"
echo "after $SEARCHES searches    $(rss) MB ($(grep -o 'throughput [0-9]*' "$WORK/load.txt" | cut -d' ' -f2) searches/s)"
echo "peak                       $(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER/status") MB"
sleep "$SETTLE"
SETTLED="$(rss)"
echo "after ${SETTLE} s settling       $SETTLED MB"
echo "settled/start              $(python3 -c "print(f'{$SETTLED / $START * 100:.0f} %')")"
[[ "$ACCEPTED" -eq "$UPLOADS" ]]
