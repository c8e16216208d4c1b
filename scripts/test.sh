#!/usr/bin/env bash
# The one command that runs every test: setup, formatting, lints, unit and integration tests on
# SQLite and on a PostgreSQL it starts itself (several servers on it with an S3 object store,
# moto, in the scale-out test), the app's release bundles, the Debian package installed
# and started, the API fuzzer against the OpenAPI document, the end-to-end suite in headless
# Chromium (with axe), and the size report.
# The server binary of the later stages is the one the tests built (target/debug/schalter, its
# dependencies shared with the tests): an optimised server build would compile every dependency
# a second time (13 of the run's 55 minutes on a 2-core machine) and tests no behaviour the
# debug build does not. scripts/build.sh makes the optimised one for running the portal.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
start=$(date +%s)
# A whole run builds everything once: incremental caches would only take disk (~2 GB).
export CARGO_INCREMENTAL=0
section() { printf '\n==== %s (%ss)\n' "$*" "$(($(date +%s) - start))"; }

section "setup"
scripts/setup.sh --test

section "cargo fmt --check"
cargo fmt --all -- --check

section "cargo clippy (native and wasm32)"
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked -p app --target wasm32-unknown-unknown -- -D warnings

section "PostgreSQL for the tests"
SCHALTER_TEST_POSTGRES_URL="$(scripts/pg.sh start)"
export SCHALTER_TEST_POSTGRES_URL SCHALTER_TEST_REQUIRE_POSTGRES=1
trap 'scripts/pg.sh stop' EXIT

section "SMTP server for the e-mail tests"
read -r SCHALTER_TEST_SMTP_URL SCHALTER_TEST_MAILDIR < <(scripts/smtp.sh start)
export SCHALTER_TEST_SMTP_URL SCHALTER_TEST_MAILDIR SCHALTER_TEST_REQUIRE_SMTP=1
trap 'scripts/pg.sh stop; scripts/smtp.sh stop' EXIT

section "OpenID provider for the sign-in tests"
# The portals it sends browsers back to: the in-process test router's public URL and the
# end-to-end server's.
export OIDC_REDIRECT_URIS="http://127.0.0.1:3000/api/v1/auth/oidc/callback,http://127.0.0.1:3000/api/v1/staff/oidc/callback,http://127.0.0.1:${SCHALTER_E2E_PORT:-3107}/api/v1/auth/oidc/callback,http://127.0.0.1:${SCHALTER_E2E_PORT:-3107}/api/v1/staff/oidc/callback"
SCHALTER_TEST_OIDC_ISSUER="$(scripts/oidc.sh start)"
export SCHALTER_TEST_OIDC_ISSUER SCHALTER_TEST_REQUIRE_OIDC=1
trap 'scripts/pg.sh stop; scripts/smtp.sh stop; scripts/oidc.sh stop' EXIT

section "payment provider sandbox for the payment tests"
SCHALTER_TEST_PAYSANDBOX_URL="$(scripts/paysandbox.sh start)"
export SCHALTER_TEST_PAYSANDBOX_URL SCHALTER_TEST_REQUIRE_PAYSANDBOX=1
trap 'scripts/pg.sh stop; scripts/smtp.sh stop; scripts/oidc.sh stop; scripts/paysandbox.sh stop' EXIT

section "S3-compatible object store for the scale-out test"
SCHALTER_TEST_S3_URL="$(scripts/s3.sh start)"
export SCHALTER_TEST_S3_URL SCHALTER_TEST_REQUIRE_S3=1
trap 'scripts/pg.sh stop; scripts/smtp.sh stop; scripts/oidc.sh stop; scripts/paysandbox.sh stop; scripts/s3.sh stop' EXIT

section "unit and integration tests (SQLite and PostgreSQL)"
cargo test --locked --workspace

section "shared validation fixtures compiled to WebAssembly (wasm-bindgen-test in Node)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked -p contract --target wasm32-unknown-unknown --test validation_fixtures

section "release builds of the app (wasm bundles, size profile)"
scripts/build.sh --app-only
# The integration tests built it (they start it as a process); `cargo build -p server` would
# not reuse it: without the test build's features it compiles a dozen dependencies again.
export SCHALTER_BIN="$ROOT/target/debug/schalter"
[[ -x $SCHALTER_BIN ]] || { echo "test.sh: the tests built no $SCHALTER_BIN" >&2; exit 1; }

section "the Debian package: built, installed, started as its systemd unit says"
SCHALTER_PACKAGE_PROFILE=dev scripts/package-test.sh

section "API fuzzing: every operation against the OpenAPI document (schemathesis)"
scripts/api-fuzz.sh 40

section "end-to-end tests in Chromium"
(cd end2end && npx playwright test)

section "size report"
scripts/size-report.sh

section "all tests passed"
