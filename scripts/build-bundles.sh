#!/usr/bin/env bash
# Builds the app's three bundles (contract::bundles) into dist/: each binary of app/ with its
# own HTML shell — app/discovery.html (home, search, service pages), app/forms.html (an
# application, the drafts, the receipt) and app/index.html (the full app) — one Trunk run each
# into target/bundles/<name>/ (Trunk builds one HTML per run and empties its dist folder), then
# merged: the shells side by side with every bundle's hashed JS and WASM, the one stylesheet and
# public/. Each shell that leads on to another bundle gets a small script that prefetches that
# bundle's JS and WASM once the page has loaded and the browser is idle. Run by scripts/build.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

bundles=(discovery forms app)
shell_of() { if [[ $1 == app ]]; then echo index.html; else echo "$1.html"; fi; }

# The shells share their head: they differ in the binary they name and nothing else.
for b in discovery forms; do
  if ! diff <(sed 's/data-bin="app"/data-bin="BIN"/' app/index.html) \
    <(sed "s/data-bin=\"$b\"/data-bin=\"BIN\"/" "app/$b.html") >/dev/null; then
    echo "build-bundles.sh: app/$b.html differs from app/index.html beyond its data-bin; copy the change" >&2
    diff <(sed 's/data-bin="app"/data-bin="BIN"/' app/index.html) \
      <(sed "s/data-bin=\"$b\"/data-bin=\"BIN\"/" "app/$b.html") >&2 || true
    exit 1
  fi
done

start=$(date +%s)
# On a fresh clone nothing has made target/ yet; the logs below go there.
mkdir -p target
# The three Trunk runs side by side: their cargo builds take turns (the dependencies are
# compiled once, each binary is linked with its own link-time optimisation), while one bundle's
# wasm-bindgen and wasm-opt run beside the next one's build.
pids=()
for b in "${bundles[@]}"; do
  echo "==> app: trunk build --release app/$(shell_of "$b") (bundle $b)"
  trunk build --release --offline=true --dist "target/bundles/$b" "app/$(shell_of "$b")" \
    >"target/bundles-$b.log" 2>&1 &
  pids+=($!)
done
failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "trunk build of bundle ${bundles[$i]} failed:" >&2
    tail -40 "target/bundles-${bundles[$i]}.log" >&2
    failed=1
  fi
done
((failed == 0)) || exit 1

rm -rf dist
mkdir -p dist
for b in "${bundles[@]}"; do
  # index.html is the name Trunk gives every shell.
  cp -r "target/bundles/$b/." dist/
  cp "target/bundles/$b/index.html" "dist/$(shell_of "$b")"
done

# The hashed JS and WASM of a bundle, as absolute paths.
assets_of() { (cd dist && ls "$1"-*.js "$1"-*_bg.wasm | sed 's|^|/|'); }
# Prefetch hints: from a search or service page, the form bundle is fetched at idle, and back.
prefetch() {
  local shell=$1 next=$2 list
  list=$(assets_of "$next" | sed 's/.*/"&"/' | paste -sd, -)
  local script="<script>addEventListener(\"load\",()=>setTimeout(()=>(window.requestIdleCallback||setTimeout)(()=>{for(const h of [$list]){const l=document.createElement(\"link\");l.rel=\"prefetch\";l.href=h;l.crossOrigin=\"anonymous\";document.head.append(l)}}),1000))</script>"
  # One line, before </head>; the server allows it by its hash like Trunk's bootstrap.
  awk -v s="$script" '/<\/head>/ && !done { sub(/<\/head>/, s "</head>"); done = 1 } { print }' \
    "dist/$shell" >"dist/$shell.tmp"
  mv "dist/$shell.tmp" "dist/$shell"
}
prefetch discovery.html forms
prefetch forms.html discovery
echo "==> app: bundles built in $(($(date +%s) - start)) s"
for b in "${bundles[@]}"; do
  for f in $(assets_of "$b"); do
    printf '    %-40s %9d B\n' "${f#/}" "$(stat -c %s "dist$f")"
  done
done
