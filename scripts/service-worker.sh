#!/usr/bin/env bash
# Writes dist/sw.js, the service worker, from app/sw.js: the files of this build it keeps (every
# HTML shell, the hashed JS/WASM/CSS of every bundle, the icons and the web app manifests: all
# fetched when it installs but the full app's WebAssembly, kept once a page loads it) and
# a version made from their contents, so that each build with other files is a new worker and
# an unchanged build is not. Run by scripts/build.sh after the app is built and before dist/ is
# precompressed; it reads whatever is in dist/, so it never names a hashed file itself.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT/dist"
shopt -u patsub_replacement 2>/dev/null || true

files=()
while IFS= read -r f; do
  files+=("${f#.}")
done < <(find . -type f ! -path './demo-logos/*' ! -name 'sw.js' \
  \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' \
  -o -name '*.webmanifest' -o -name 'favicon.svg' -o -name 'icon-*.png' \) | LC_ALL=C sort)
if [[ ! " ${files[*]} " =~ " /index.html " ]]; then
  echo "service-worker.sh: dist/index.html is missing (the full app answers every page offline)" >&2
  exit 1
fi

version=$(
  {
    cat "$ROOT/app/sw.js"
    for f in "${files[@]}"; do
      printf '%s\n' "$f"
      cat ".$f"
    done
  } | sha256sum | cut -c1-16
)
# The full app's WebAssembly (the account and clerk pages) is kept on use, not at install.
precache=()
on_use=()
for f in "${files[@]}"; do
  if [[ $f =~ ^/app-[0-9a-f]+_bg\.wasm$ ]]; then on_use+=("$f"); else precache+=("$f"); fi
done
if ((${#on_use[@]} != 1)); then
  echo "service-worker.sh: expected one full-app WebAssembly file in dist/, found ${#on_use[@]}" >&2
  exit 1
fi
json() { local l; l=$(printf '"%s",' "$@"); echo "[${l%,}]"; }

template=$(<"$ROOT/app/sw.js")
template=${template//__VERSION__/$version}
template=${template//__PRECACHE__/$(json "${precache[@]}")}
template=${template//__ON_USE__/$(json "${on_use[@]}")}
printf '%s\n' "$template" > sw.js
echo "dist/sw.js: version $version, ${#precache[@]} files at install, ${#on_use[@]} on use"
