#!/usr/bin/env bash
# Size of what the browser downloads: each shipped file of dist/, raw and brotli (-q 11),
# with totals for the portal app (html+js+wasm+css). Writes target/size-report.txt too.
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
} | tee "$out"
