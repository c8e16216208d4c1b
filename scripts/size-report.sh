#!/usr/bin/env bash
# Size of what the browser downloads: each shipped file of dist/, raw and brotli (-q 11), with
# totals for the portal app (html+js+wasm+css); what a first visit to each kind of page
# transfers (the HTML shell the server sends for it, with the JS, WASM and CSS that shell loads:
# one bundle of contract::bundles), against the 200 KB target for the home and service pages;
# and the embeddable search widget as the release server sends it (its texts are filled in at
# run time). Writes target/size-report.txt too.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
out="$ROOT/target/size-report.txt"
mkdir -p target
{
  printf '%-44s %10s %10s\n' "file" "raw B" "brotli B"
  total_raw=0
  total_br=0
  while IFS= read -r f; do
    raw=$(stat -c %s "$f")
    br=$(brotli -c -q 11 "$f" | wc -c)
    printf '%-44s %10d %10d\n' "${f#dist/}" "$raw" "$br"
    case "$f" in
      *.html | *.js | *.wasm | *.css)
        total_raw=$((total_raw + raw))
        total_br=$((total_br + br))
        ;;
    esac
  done < <(find dist -type f ! -name '*.br' ! -name '*.gz' | sort)
  printf '%-44s %10d %10d\n' "TOTAL portal (html+js+wasm+css)" "$total_raw" "$total_br"

  # The widget: a throw-away server on a free port over an empty database.
  tmp=$(mktemp -d)
  "${SCHALTER_BIN:-target/release/schalter}" serve --bind 127.0.0.1:0 --dist dist --log-format json \
    --database-url "sqlite://$tmp/size.db" >"$tmp/log" 2>&1 &
  pid=$!
  url=""
  for _ in $(seq 100); do
    url=$(grep -o '"url":"[^"]*"' "$tmp/log" | head -1 | cut -d'"' -f4 || true)
    [[ -n $url ]] && break
    sleep 0.1
  done
  [[ -n $url ]] || { cat "$tmp/log" >&2; kill "$pid"; exit 1; }
  # First visits: what the server sends for each kind of page, and what that shell loads
  # before the page shows (its stylesheet, module and WASM; not what it prefetches at idle).
  echo
  printf '%-14s %-44s %9s %9s %9s %9s %9s %8s\n' "first visit" "address" "html" "js" "wasm" "css" "total" "target"
  brsize() { brotli -c -q 11 "$1" | wc -c; }
  for kind in "home|de/" "results|de/suche?q=hund" "service page|de/leistung/99050012104000" \
    "form step|de/antrag/hundeanmeldung/halter" "account|de/konto" "staff|de/amt"; do
    name=${kind%%|*}
    address=${kind#*|}
    curl -sf "$url$address" -o "$tmp/shell.html"
    html=$(brsize "$tmp/shell.html")
    asset() { grep -o "rel=\"$1\" href=\"[^\"]*\"" "$tmp/shell.html" | head -1 | sed 's/.*href="\/\{0,1\}//; s/"$//'; }
    js=$(brsize "dist/$(asset modulepreload)")
    wasm=$(brsize "dist/$(asset preload)")
    css=$(brsize "dist/$(asset stylesheet)")
    total=$((html + js + wasm + css))
    target="-"
    case "$name" in
      home | "service page") if ((total <= 200000)); then target="ok"; else target="OVER"; fi ;;
    esac
    printf '%-14s %-44s %9d %9d %9d %9d %9d %8s\n' "$name" "/$address" "$html" "$js" "$wasm" "$css" "$total" "$target"
  done
  printf '%-14s %s\n' "" "brotli -q 11 bytes; target: at most 200,000 B for the home and service pages"
  echo

  widget="${url}embed/v1/schalter-search.js"
  curl -sf "$widget" -o "$tmp/widget.js"
  raw=$(stat -c %s "$tmp/widget.js")
  br=$(brotli -c -q 11 "$tmp/widget.js" | wc -c)
  served_gzip=$(curl -sf -H 'Accept-Encoding: gzip' "$widget" | wc -c)
  served_br=$(curl -sf -H 'Accept-Encoding: br' "$widget" | wc -c)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
  printf '%-44s %10d %10d\n' "embed/v1/schalter-search.js (widget)" "$raw" "$br"
  printf '%-44s %10s %10d\n' "  as served, gzip" "" "$served_gzip"
  printf '%-44s %10s %10d\n' "  as served, br" "" "$served_br"
} | tee "$out"
