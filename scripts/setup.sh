#!/usr/bin/env bash
# Installs everything Schalter needs, pinned, skipping each step whose tool is already there at
# the pinned version. Only package registries are used (crates.io, npm, Debian).
#   scripts/setup.sh          what building and running the portal needs
#   scripts/setup.sh --test   plus Chromium, PostgreSQL, the end-to-end test packages and the test
#                             servers (SMTP, OpenID provider, S3 object store)
set -euo pipefail
source "$(dirname "$0")/env.sh"
want_test=false
[[ "${1:-}" == "--test" ]] && want_test=true

step() { printf '==> %s\n' "$*"; }
skip() { printf '    %s (already there)\n' "$*"; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# Debian packages. Debian stable replaces package versions with security updates (and drops the
# old ones from its mirror), so these are pinned by major version through the package name.
apt_packages=(brotli)
# poppler-utils: the tests render the receipt PDF's payment slip to read its QR code back.
# adduser: the Debian package's maintainer script creates the service user with it.
if $want_test; then apt_packages+=(chromium "postgresql-$POSTGRES_MAJOR" python3-venv poppler-utils adduser); fi
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  step "Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  skip "Debian packages ${apt_packages[*]}"
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  skip "rust target wasm32-unknown-unknown"
else
  step "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null)" == "trunk $TRUNK_VERSION" ]]; then
  skip "trunk $TRUNK_VERSION"
else
  step "trunk $TRUNK_VERSION (cargo install, several minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [[ "$(wasm-bindgen --version 2>/dev/null)" == "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  skip "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
else
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, a few minutes)"
  # Not --locked: the registry mirror lacks one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from npm's binaryen: Debian's binaryen 108 produces a wasm that fails in Chromium.
if wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  skip "binaryen $BINARYEN_VERSION (wasm-opt)"
else
  step "binaryen $BINARYEN_VERSION (npm)"
  dir="$SCHALTER_TOOLS_DIR/binaryen-$BINARYEN_VERSION"
  mkdir -p "$dir"
  npm install --silent --no-audit --no-fund --prefix "$dir" "binaryen@$BINARYEN_VERSION"
fi

if $want_test; then
  if [[ "$(cargo deb --version 2>/dev/null)" == "cargo-deb $CARGO_DEB_VERSION" ]]; then
    skip "cargo-deb $CARGO_DEB_VERSION (the Debian package)"
  else
    step "cargo-deb $CARGO_DEB_VERSION (the Debian package; cargo install, a few minutes)"
    cargo install --locked cargo-deb --version "$CARGO_DEB_VERSION"
  fi

  if [[ -f "$SMTP_VENV/.pins" && "$(cat "$SMTP_VENV/.pins")" == "$AIOSMTPD_PINS" ]]; then
    skip "aiosmtpd (SMTP server for the e-mail tests)"
  else
    step "aiosmtpd (SMTP server for the e-mail tests, PyPI)"
    rm -rf "$SMTP_VENV"
    python3 -m venv "$SMTP_VENV"
    # shellcheck disable=SC2086
    "$SMTP_VENV/bin/pip" install --quiet --disable-pip-version-check $AIOSMTPD_PINS
    echo "$AIOSMTPD_PINS" >"$SMTP_VENV/.pins"
  fi

  if [[ -x "$FUZZ_VENV/bin/schemathesis" ]]; then
    skip "schemathesis (API fuzzer)"
  else
    step "schemathesis (API fuzzer, PyPI)"
    rm -rf "$FUZZ_VENV"
    python3 -m venv "$FUZZ_VENV"
    "$FUZZ_VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps \
      -r "$ROOT/scripts/requirements-api-fuzz.txt"
  fi

  if [[ -x "$S3_VENV/bin/moto_server" ]]; then
    skip "moto (S3-compatible object store for the scale-out test)"
  else
    step "moto (S3-compatible object store for the scale-out test, PyPI)"
    rm -rf "$S3_VENV"
    python3 -m venv "$S3_VENV"
    "$S3_VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps \
      -r "$ROOT/scripts/requirements-s3.txt"
  fi

  stamp="$ROOT/end2end/node_modules/.schalter-lock-hash"
  hash="$(sha256sum "$ROOT/end2end/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
    skip "end2end npm packages"
  else
    step "end2end npm packages (npm ci)"
    (cd "$ROOT/end2end" && npm ci --silent --no-audit --no-fund)
    echo "$hash" >"$stamp"
  fi

  stamp="$ROOT/tools/oidc-provider/node_modules/.schalter-lock-hash"
  hash="$(sha256sum "$ROOT/tools/oidc-provider/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
    skip "oidc-provider (OpenID provider for the sign-in tests)"
  else
    step "oidc-provider (OpenID provider for the sign-in tests, npm ci)"
    (cd "$ROOT/tools/oidc-provider" && npm ci --silent --no-audit --no-fund)
    echo "$hash" >"$stamp"
  fi
fi

step "cargo fetch"
(cd "$ROOT" && cargo fetch --locked -q)
step "setup done"
