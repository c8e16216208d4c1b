#!/usr/bin/env bash
# Searches per second: a release server over a fresh SQLite database, loaded by
# server/examples/search_load.rs (one thread, kept-alive HTTP/1.1 connections) on the same
# machine. Prints throughput, round-trip p50/p99 (load generator), the server-side p50/p99 of
# GET /api/v1/search (its request histogram in /metrics, from routing to the serialised
# answer), the CPU each side spent per search and the server's resident memory.
#   scripts/bench-search.sh [--full] [--no-build] [requests] [concurrency]
# --full imports every Swiss commune (all cantons) and every German municipality (all 16
# Länder, from the development list in ../shared/data) instead of the demo catalogue.
# The server logs as configured by default (one line per request at info) into a file.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
FULL=0
BUILD=1
POS=()
for a in "$@"; do
  case "$a" in
    --full) FULL=1 ;;
    --no-build) BUILD=0 ;;
    -*) echo "unknown option $a" >&2; exit 2 ;;
    *) POS+=("$a") ;;
  esac
done
N="${POS[0]:-20000}"
C="${POS[1]:-64}"
PORT="${SCHALTER_BENCH_PORT:-3292}"
METRICS_PORT="${SCHALTER_BENCH_METRICS_PORT:-3293}"
DATA="$ROOT/../shared/data"
if [[ "$BUILD" == 1 ]]; then
  cargo build --release --locked -p server --bin schalter --example search_load
fi
BIN=target/release/schalter
LOAD=target/release/examples/search_load
WORK="$(mktemp -d)"
SERVER=""
cleanup() {
  [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export SCHALTER_DATABASE_URL="sqlite://$WORK/bench.db"
if [[ "$FULL" == 1 ]]; then
  CANTONS="$(tail -n +2 "$DATA/ch-municipalities/ch_gemeinden_2023-01-01.csv" | cut -d, -f1 | sort -u | paste -sd,)"
  LAENDER="$(seq -f '%02g' 1 16 | paste -sd,)"
  "$BIN" import --data-dir "$DATA" --cantons "$CANTONS" --de-laender "$LAENDER" >"$WORK/import.log" 2>&1
  CATALOGUE="full municipality lists"
else
  "$BIN" import --data-dir "$DATA" >"$WORK/import.log" 2>&1
  CATALOGUE="demo catalogue"
fi
PLACES="$(sed 's/\x1b\[[0-9;]*m//g' "$WORK/import.log" | grep -o 'places=[0-9]*' | tail -1 | cut -d= -f2 || true)"

"$BIN" serve --bind "127.0.0.1:$PORT" --dist "$WORK/none" --attachments "$WORK/att" \
  --metrics-bind "127.0.0.1:$METRICS_PORT" --limit-searches-per-minute 100000000 \
  >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null || { tail "$WORK/server.log"; exit 1; }

# CPU ticks (user + system) of a process.
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
RSS_START="$(rss_mb "$SERVER")"
# The histogram before the run (the warm-up requests are subtracted).
curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" >"$WORK/metrics-before.txt"
T0="$(ticks "$SERVER")"
"$LOAD" "http://127.0.0.1:$PORT" "$N" "$C" | tee "$WORK/load.txt"
T1="$(ticks "$SERVER")"
curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" >"$WORK/metrics-after.txt"
RSS_END="$(rss_mb "$SERVER")"

# Server-side percentiles from the bucket counts (linear within a bucket, as Prometheus'
# histogram_quantile does).
read -r SP50 SP99 SLE5 < <(python3 - "$WORK/metrics-before.txt" "$WORK/metrics-after.txt" <<'EOF'
import re, sys
def buckets(path):
    out = {}
    for line in open(path):
        m = re.match(r'schalter_http_request_duration_seconds_bucket\{(.*)\} (\S+)', line)
        if m and 'route="/api/v1/search"' in m.group(1) and 'method="GET"' in m.group(1):
            le = re.search(r'le="([^"]+)"', m.group(1)).group(1)
            out[float(le)] = float(m.group(2))
    return out
before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
edges = sorted(after)
counts = [after[e] - before.get(e, 0.0) for e in edges]
total = counts[-1]
def quantile(q):
    rank, lo, prev = q * total, 0.0, 0.0
    for e, c in zip(edges, counts):
        if c >= rank:
            if e == float('inf'):
                return lo
            return lo + (e - lo) * ((rank - prev) / (c - prev) if c > prev else 1.0)
        lo, prev = e, c
    return lo
share5 = next(c for e, c in zip(edges, counts) if abs(e - 0.005) < 1e-12) / total
print(f"{quantile(0.5) * 1e3:.3f} {quantile(0.99) * 1e3:.3f} {share5 * 100:.2f}")
EOF
)
SERVER_CPU_US="$(python3 -c "print(f'{($T1 - $T0) * 1e6 / $(getconf CLK_TCK) / $N:.0f}')")"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""

echo
echo "== $N searches, $C connections, $CATALOGUE ($PLACES places), $(nproc) cores shared with the load generator"
echo "throughput      $(grep -o 'throughput [0-9]*' "$WORK/load.txt" | cut -d' ' -f2) searches/s"
echo "round trip      p50 $(grep -o 'p50 [0-9.]*' "$WORK/load.txt" | cut -d' ' -f2) ms  p99 $(grep -o 'p99 [0-9.]*' "$WORK/load.txt" | cut -d' ' -f2) ms"
echo "in the server   p50 $SP50 ms  p99 $SP99 ms  ($SLE5 % within 5 ms)"
echo "cpu per search  server $SERVER_CPU_US us  generator $(grep -o 'cpu [0-9.]*' "$WORK/load.txt" | cut -d' ' -f2) us"
echo "server RSS      $RSS_START MB after start, $RSS_END MB after the run"
