#!/usr/bin/env bash
# Lighthouse on the release build, the way issue 18 measures a first visit: npm lighthouse@12,
# its mobile defaults (Moto G Power screen, simulated slow 4G and 4x CPU slowdown), Debian's
# Chromium. Loads the demo catalogue into a throw-away SQLite database, starts the release
# server on a free port and prints the performance score and the largest contentful paint of
# the home page, a results page, a service page and a form step. Not part of CI: a report
# (target/lighthouse-report.txt, and each page's full JSON report beside it).
# Builds the app first when dist/ or the server is missing (scripts/build.sh).
# Usage: scripts/lighthouse.sh [runs per page, default 1; the median is reported]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
LIGHTHOUSE_VERSION="12.8.2"
runs="${1:-1}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

if [[ ! -x $CHROME_PATH && $CHROME_PATH == /usr/bin/chromium ]]; then
  # A fresh machine set up for running the portal only (scripts/setup.sh without --test).
  echo "==> chromium (Debian)"
  as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi

dir="$SCHALTER_TOOLS_DIR/lighthouse-$LIGHTHOUSE_VERSION"
lighthouse="$dir/node_modules/.bin/lighthouse"
if [[ ! -x $lighthouse ]]; then
  echo "==> lighthouse $LIGHTHOUSE_VERSION (npm)"
  mkdir -p "$dir"
  npm install --silent --no-audit --no-fund --prefix "$dir" "lighthouse@$LIGHTHOUSE_VERSION"
fi
if [[ ! -f dist/index.html || ! -x target/release/schalter ]]; then
  scripts/build.sh
fi

tmp=$(mktemp -d)
pid=""
cleanup() {
  if [[ -n $pid ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
db="sqlite://$tmp/lighthouse.db"
echo "==> demo catalogue into a temporary database"
target/release/schalter import --database-url "$db" >"$tmp/import.log" 2>&1 ||
  { cat "$tmp/import.log" >&2; exit 1; }
target/release/schalter serve --bind 127.0.0.1:0 --dist dist --log-format json \
  --database-url "$db" >"$tmp/server.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 300); do
  url=$(grep -o '"url":"[^"]*"' "$tmp/server.log" | head -1 | cut -d'"' -f4 || true)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { cat "$tmp/server.log" >&2; exit 1; }
for _ in $(seq 300); do
  curl -sf "${url}ready" >/dev/null && break
  sleep 0.1
done

# The pages: the dog tax of Schmölln (Thuringia) has its service page, an online form and
# steps in the demo catalogue.
pages=(
  "home|de/"
  "results|de/suche?q=hund"
  "service page|de/leistung/99110009104000?gemeinde=de:16077043"
  "form step|de/antrag/hundesteuer-th/halter?gemeinde=de:16077043"
)
out="$ROOT/target/lighthouse-report.txt"
mkdir -p target/lighthouse
{
  echo "Lighthouse $LIGHTHOUSE_VERSION, mobile (simulated throttling), $($CHROME_PATH --version 2>/dev/null | head -1), $runs run(s) per page, median"
  printf '%-14s %-58s %6s %8s %8s %8s %10s\n' "page" "address" "score" "LCP ms" "FCP ms" "TBT ms" "bytes"
  for page in "${pages[@]}"; do
    name=${page%%|*}
    address=${page#*|}
    reports=()
    for run in $(seq "$runs"); do
      report="target/lighthouse/${name// /-}-$run.json"
      "$lighthouse" "$url$address" --quiet --only-categories=performance \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
        --output=json --output-path="$report" >"$tmp/lh.log" 2>&1 ||
        { cat "$tmp/lh.log" >&2; exit 1; }
      reports+=("$report")
    done
    node -e '
      const fs = require("fs");
      const rs = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
      const med = (xs) => { xs = xs.slice().sort((a, b) => a - b); return xs[(xs.length - 1) >> 1]; };
      const a = (r, id) => r.audits[id].numericValue;
      const score = med(rs.map((r) => r.categories.performance.score));
      const pick = (id) => Math.round(med(rs.map((r) => a(r, id))));
      const [name, address] = process.argv[1].split("|");
      console.log(`${name.padEnd(14)} ${("/" + address).padEnd(58)} ${score.toFixed(2).padStart(6)} ` +
        `${String(pick("largest-contentful-paint")).padStart(8)} ${String(pick("first-contentful-paint")).padStart(8)} ` +
        `${String(pick("total-blocking-time")).padStart(8)} ${String(pick("total-byte-weight")).padStart(10)}`);
    ' "$page" "${reports[@]}"
  done
  echo "targets: score >= 0.95, LCP <= 2500 ms; bytes: Lighthouse's total byte weight (transferred, with what is prefetched at idle)"
} | tee "$out"
