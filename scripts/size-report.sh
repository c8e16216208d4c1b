#!/usr/bin/env bash
# Size of what the browser downloads: each shipped file of dist/, raw and brotli (-q 11),
# with totals for the portal app (html+js+wasm+css), and the embeddable search widget as the
# release server sends it (its texts are filled in at run time). Writes target/size-report.txt too.
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
  target/release/schalter serve --bind 127.0.0.1:0 --dist dist --log-format json \
    --database-url "sqlite://$tmp/size.db" >"$tmp/log" 2>&1 &
  pid=$!
  url=""
  for _ in $(seq 100); do
    url=$(grep -o '"url":"[^"]*"' "$tmp/log" | head -1 | cut -d'"' -f4 || true)
    [[ -n $url ]] && break
    sleep 0.1
  done
  [[ -n $url ]] || { cat "$tmp/log" >&2; kill "$pid"; exit 1; }
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
