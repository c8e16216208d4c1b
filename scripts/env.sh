# Sourced by the other scripts: pinned tool versions and the PATH that finds them.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export TRUNK_VERSION="0.21.14"
# Builds the Debian package (scripts/package.sh).
export CARGO_DEB_VERSION="3.8.0"
export BINARYEN_VERSION="132.0.0"
export POSTGRES_MAJOR="15"
# The SMTP server the tests send confirmation e-mails to (PyPI), with its dependencies pinned.
export AIOSMTPD_PINS="aiosmtpd==1.4.6 atpublic==9.0.0 attrs==26.1.0"
# wasm-bindgen-cli must equal the wasm-bindgen library in Cargo.lock.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
export WASM_BINDGEN_VERSION
# Tools live outside the clone, so a fresh clone on the same machine reuses them.
export SCHALTER_TOOLS_DIR="${SCHALTER_TOOLS_DIR:-$HOME/.cache/schalter-tools}"
export SMTP_VENV="$SCHALTER_TOOLS_DIR/aiosmtpd-1.4.6"
# The API fuzzer (schemathesis, PyPI), pinned with its dependencies in scripts/requirements-api-fuzz.txt.
export FUZZ_VENV="$SCHALTER_TOOLS_DIR/api-fuzz-$(sha256sum "$ROOT/scripts/requirements-api-fuzz.txt" | cut -c1-12)"
# The S3-compatible object store of the scale-out test (moto in server mode, PyPI), pinned with its
# dependencies in scripts/requirements-s3.txt.
export S3_VENV="$SCHALTER_TOOLS_DIR/s3-moto-$(sha256sum "$ROOT/scripts/requirements-s3.txt" | cut -c1-12)"
export PATH="$SCHALTER_TOOLS_DIR/binaryen-$BINARYEN_VERSION/node_modules/.bin:$HOME/.cargo/bin:/usr/lib/postgresql/$POSTGRES_MAJOR/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
