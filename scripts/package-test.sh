#!/usr/bin/env bash
# The Debian package as an operator gets it: builds it (scripts/package.sh), installs it on this
# machine with dpkg, checks the layout (user, configuration, unit, state directory), then runs
# the installed binary exactly as the systemd unit does — as the user schalter with the packaged
# configuration — against a fresh database: the server without a catalogue says so at start and
# in /ready, the unit's import step loads the catalogue, the running server takes it up, /ready
# answers ok and a search finds a service. Removes the package again at the end.
# Needs root (dpkg). Port: SCHALTER_PACKAGE_TEST_PORT (3190).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
port="${SCHALTER_PACKAGE_TEST_PORT:-3190}"
fail() { echo "package test: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || exec sudo --preserve-env "$0" "$@"


deb="$(scripts/package.sh --fast)"
echo "==> $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'

# A fresh installation: no earlier package, no earlier data.
dpkg --purge schalter >/dev/null 2>&1 || true
rm -rf /var/lib/schalter /etc/schalter
dpkg -i "$deb"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  dpkg --purge schalter >/dev/null 2>&1 || true
  rm -rf /var/lib/schalter
}
trap cleanup EXIT

echo "==> the layout"
unit=/usr/lib/systemd/system/schalter.service
[[ -f "$unit" ]] || unit=/lib/systemd/system/schalter.service
[[ -f "$unit" ]] || fail "no systemd unit installed"
getent passwd schalter >/dev/null || fail "no user schalter"
[[ "$(stat -c '%U:%G %a' /var/lib/schalter)" == "schalter:schalter 750" ]] \
  || fail "/var/lib/schalter is $(stat -c '%U:%G %a' /var/lib/schalter)"
[[ "$(stat -c '%U:%G %a' /etc/schalter/schalter.conf)" == "root:schalter 640" ]] \
  || fail "/etc/schalter/schalter.conf is $(stat -c '%U:%G %a' /etc/schalter/schalter.conf)"
dpkg-query -W -f='${Conffiles}\n' schalter | grep -q /etc/schalter/schalter.conf \
  || fail "the configuration is not a conffile (an upgrade would overwrite the operator's)"
[[ -f /usr/share/schalter/dist/index.html ]] || fail "no app in /usr/share/schalter/dist"
[[ -d /usr/share/schalter/data/ozg-leika-services ]] || fail "no catalogue data"
[[ -f /usr/share/doc/schalter/operating.md ]] || fail "no operator guide"
for opt in User=schalter StateDirectory=schalter NoNewPrivileges=yes ProtectSystem=strict \
  PrivateTmp=yes CapabilityBoundingSet= SystemCallFilter=@system-service; do
  grep -qx "$opt" "$unit" || fail "the unit lacks $opt"
done
if command -v systemd-analyze >/dev/null; then
  # Checks the unit's syntax and that its commands exist (no running systemd needed).
  SYSTEMD_LOG_LEVEL=err systemd-analyze verify --man=no "$unit" || fail "systemd-analyze verify"
fi

# The unit's own command lines, run as its user in its working directory.
exec_start_pre="$(sed -n 's/^ExecStartPre=//p' "$unit")"
exec_start="$(sed -n 's/^ExecStart=//p' "$unit")"
[[ -n "$exec_start_pre" && -n "$exec_start" ]] || fail "the unit has no ExecStartPre/ExecStart"
# setpriv executes the command itself (runuser would stay in between and turn a clean stop
# on SIGTERM into a "killed" exit status).
as_schalter() { (cd /var/lib/schalter && exec setpriv --reuid=schalter --regid=schalter --init-groups -- "$@"); }
log=/tmp/schalter-package-test.log
echo "==> serve before anything is imported: $exec_start"
# Flags and the environment win over the configuration file: only the port and the refresh
# interval differ from what the unit runs.
# shellcheck disable=SC2086
(cd /var/lib/schalter && SCHALTER_BIND="127.0.0.1:$port" SCHALTER_CATALOGUE_REFRESH_SECS=1 \
  exec setpriv --reuid=schalter --regid=schalter --init-groups -- $exec_start) >"$log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do
  code="$(curl -s -o /tmp/schalter-package-ready.json -w '%{http_code}' "$base/ready" || true)"
  [[ "$code" != 000 ]] && break
  sleep 0.2
done
[[ "$code" == 503 ]] || fail "/ready answered $code before the import (expected 503)"
grep -q '"status":"no_catalogue"' /tmp/schalter-package-ready.json \
  || fail "/ready does not say the catalogue is missing: $(cat /tmp/schalter-package-ready.json)"
grep -q "no catalogue is stored" "$log" || fail "the start did not log the missing catalogue"

echo "==> the unit's import step: $exec_start_pre"
# shellcheck disable=SC2086
as_schalter $exec_start_pre
for _ in $(seq 100); do
  code="$(curl -s -o /tmp/schalter-package-ready.json -w '%{http_code}' "$base/ready" || true)"
  [[ "$code" == 200 ]] && break
  sleep 0.2
done
[[ "$code" == 200 ]] || fail "/ready still $code after the import: $(cat /tmp/schalter-package-ready.json)"
cat /tmp/schalter-package-ready.json; echo
curl -sf "$base/api/v1/search?q=Hund%20anmelden&lang=de&municipality=de:16077043" \
  >/tmp/schalter-package-search.json || fail "the search failed"
python3 - /tmp/schalter-package-search.json <<'PY'
import json, sys
body = json.load(open(sys.argv[1]))
hits = body["results"]
assert hits, f"the search found nothing: {body}"
print(f"search: {len(hits)} results, first: {hits[0].get('title')}")
PY
curl -sf "$base/de/" | grep -q '<html' || fail "the app is not served from /usr/share/schalter/dist"
[[ -f /var/lib/schalter/schalter.db ]] || fail "the database is not in /var/lib/schalter"
[[ "$(stat -c %U /var/lib/schalter/schalter.db)" == schalter ]] || fail "the database is not the service user's"
kill -TERM "$server_pid"
wait "$server_pid" || fail "the server did not stop cleanly on SIGTERM (log: $log)"
server_pid=""
echo "==> the package installs, starts as its unit says, imports and answers"
