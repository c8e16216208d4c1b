#!/usr/bin/env bash
# Tests the API from outside against its own OpenAPI document: a property-based fuzzer
# (schemathesis) generates valid and invalid requests for every operation of /api/v1/ and
# checks each answer against the document — no 5xx, every status and content type documented,
# every body matching its schema. Runs against the release binary on a fresh SQLite portal.
#   scripts/api-fuzz.sh [max examples per operation, default 40]
# SCHALTER_BIN picks another binary; SCHALTER_FUZZ_SEED another seed (default 1, so CI runs are
# reproducible; any failure prints how to replay it). One worker: CPython 3.11 parses source
# in hypothesis's threads racily ("AST constructor recursion depth mismatch").
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
examples="${1:-40}"
bin="${SCHALTER_BIN:-target/release/schalter}"
seed="${SCHALTER_FUZZ_SEED:-1}"
st="$FUZZ_VENV/bin/schemathesis"
[[ -x "$st" ]] || { echo "schemathesis is missing: run scripts/setup.sh --test" >&2; exit 1; }
[[ -x "$bin" ]] || { echo "$bin is missing: run scripts/build.sh" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite://$work/fuzz.db"
"$bin" import --database-url "$db" --data-dir "$ROOT/../shared/data" >/dev/null 2>"$work/import.log" \
  || { cat "$work/import.log" >&2; exit 1; }
# A portal administrator's token, so that the staff routes are fuzzed past their door too.
"$bin" staff create --database-url "$db" --name "API fuzzer" --email fuzz@schalter.invalid \
  --authority '*' --role portal-admin >/dev/null 2>>"$work/import.log"
token="$("$bin" staff token --database-url "$db" --email fuzz@schalter.invalid --days 1 \
  | awk '$1 == "token" && $2 ~ /^sst_/ {print $2}')"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
RUST_LOG=info,tower_http=warn "$bin" serve --log-format json --database-url "$db" --bind "127.0.0.1:$port" --dist "$ROOT/dist" \
  --attachments "$work/attachments" --limit-submissions-per-hour 100000 \
  --limit-uploads-per-hour 100000 --limit-emails-per-day 100000 \
  --limit-searches-per-minute 100000 >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
python3 - "$base/ready" <<'PY'
import sys, time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=1)
        sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit("the server did not become ready")
PY

echo "==> schemathesis against $base/api/v1/openapi.json ($examples examples per operation, seed $seed)"
status=0
# schemathesis keeps a cache in its working folder: the throw-away one.
cd "$work"
"$st" run "$base/api/v1/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --header "Authorization: Bearer $token" \
  --phases examples,coverage,fuzzing \
  --max-examples "$examples" \
  --seed "$seed" \
  --workers 1 \
  --request-timeout 30 \
  --suppress-health-check all \
  --report junit --report-dir "$work/report" \
  --no-color 2>&1 | tee "$work/run.log" || status=$?
if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "the server died during the run:" >&2
  tail -50 "$work/server.log" >&2
  exit 1
fi
# Errors the server logged while answering the API (a missing built app is not one).
if grep '"level":"ERROR"' "$work/server.log" | grep -q '"path":"/api/'; then
  echo "the server logged errors answering the API:" >&2
  grep '"level":"ERROR"' "$work/server.log" | grep '"path":"/api/' | head -20 >&2
  status=1
fi
exit "$status"
