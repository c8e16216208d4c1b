#!/usr/bin/env bash
# Builds the Debian package of the portal (cargo-deb, metadata in server/Cargo.toml) from the
# release build that scripts/build.sh made: the server binary, the app in dist/ and the open data
# the catalogue is imported from. Prints the package's path.
#   SCHALTER_DATA_DIR   the open data to package (default ../shared/data)
#   SCHALTER_PACKAGE_PROFILE  the Cargo profile whose server binary is packaged (default
#                       release; the test run packages its dev build, stripped: cargo-deb warns
#                       that it is meant for releases, and the package is otherwise the same)
#   --fast              lighter compression (the tests)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
data="${SCHALTER_DATA_DIR:-$ROOT/../shared/data}"
profile="${SCHALTER_PACKAGE_PROFILE:-release}"
bin_dir=target/release
profile_args=()
if [[ $profile != release ]]; then
  bin_dir=target/debug
  [[ $profile == dev ]] || bin_dir="target/$profile"
  profile_args=(--profile "$profile" --strip)
fi
[[ -x $bin_dir/schalter && -f dist/index.html ]] || {
  echo "package: run scripts/build.sh first ($bin_dir/schalter, dist/)" >&2
  exit 1
}
stage="$ROOT/target/package"
rm -rf "$stage"
mkdir -p "$stage"
cp -r dist "$stage/dist"
mkdir -p "$stage/data"
# The German municipality list carries no licence (development and benchmarks only): not shipped;
# operators import their Land's list with SCHALTER_DATA_DIR pointing at their own copy.
for d in "$data"/*; do
  [[ "$(basename "$d")" == de-municipalities ]] && continue
  cp -r "$d" "$stage/data/"
done
cargo deb --package server --no-build --locked "${profile_args[@]}" --output target/debian/ "$@" >&2
ls -t target/debian/schalter_*.deb | head -n1
