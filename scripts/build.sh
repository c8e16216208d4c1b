#!/usr/bin/env bash
# Builds the app (its three bundles, release wasm, size profile) into dist/, precompresses it,
# and builds the server (not with --app-only: the tests run the server they built).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/build-bundles.sh
echo "==> service worker: dist/sw.js with the files of this build"
scripts/service-worker.sh
echo "==> precompressing dist/ (brotli -q 11, gzip -9)"
find dist -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' -o -name '*.txt' -o -name '*.json' -o -name '*.webmanifest' \) \
  -print0 | while IFS= read -r -d '' f; do
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -9 -k -n "$f"
  done
[[ ${1:-} == --app-only ]] && exit 0
echo "==> server and payment sandbox: cargo build --release"
cargo build --release --locked -p server -p paysandbox
