#!/usr/bin/env bash
# The clerk-mode inbox with 100,000 cases on PostgreSQL: a release server over a fresh
# database, the cases written by SQL (20 authorities, half of them at the clerk's), timed by
# server/examples/inbox_load.rs (p50/p95 per filter, round trip over loopback).
#   scripts/bench-inbox.sh [cases] [rounds per filter]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
N="${1:-100000}"
ROUNDS="${2:-200}"
PORT="${SCHALTER_BENCH_PORT:-3291}"
export SCHALTER_TEST_PG_PORT="${SCHALTER_TEST_PG_PORT:-55492}"
cargo build --release --locked -p server --bin schalter --example inbox_load
BIN=target/release/schalter
WORK="$(mktemp -d)"
PG_URL="$(scripts/pg.sh start)"
SERVER=""
cleanup() { [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null || true; scripts/pg.sh stop; rm -rf "$WORK"; }
trap cleanup EXIT
psql "$PG_URL" -qc "DROP DATABASE IF EXISTS inbox" -qc "CREATE DATABASE inbox" >/dev/null
URL="${PG_URL%/*}/inbox"
"$BIN" migrate --database-url "$URL"
echo "==> writing $N cases"
start=$(date +%s)
psql "$URL" -q <<SQL
INSERT INTO staff_members (id, name, email, created_at) VALUES
  ('bench-clerk', 'Bench Clerk', 'bench@clerk.example', '2026-01-01T00:00:00Z'),
  ('colleague', 'Cem Kollege', 'cem@clerk.example', '2026-01-01T00:00:00Z');
INSERT INTO staff_roles (staff_id, authority_id, role) VALUES
  ('bench-clerk', 'ch:auth-0', 'clerk'), ('colleague', 'ch:auth-0', 'clerk');
WITH n AS (SELECT g, md5(g::text) AS h FROM generate_series(1, $N) AS g),
names AS (SELECT ARRAY['Anna','Bruno','Carla','Dario','Elena','Fabio','Greta','Hans','Ines','Jonas'] AS given,
                 ARRAY['Muster','Brunner','Cadonau','Keller','Meier','Rossi','Favre','Huber','Wyss','Zürcher'] AS family,
                 ARRAY['hundesteuer-th','umzug','baugesuch','parkkarte','wohnsitz'] AS forms,
                 ARRAY['received','in_progress','waiting_for_citizen','completed','rejected'] AS statuses)
INSERT INTO submissions (reference, idempotency_key, request_hash, form_id, form_version, municipality,
  authority_id, lang, data, data_hash, receipt, email, status, received_at, updated_at,
  applicant, search_text, assignee, version, form_title)
SELECT upper(substr(h, 1, 3) || '-' || substr(h, 4, 3) || '-' || substr(h, 7, 3)) || g,
  'bench-' || g, 'sha256:' || h, forms[1 + g % 5], '1.0', 'ch:4001',
  CASE WHEN g % 2 = 0 THEN 'ch:auth-0' ELSE 'ch:auth-' || (1 + g % 19) END, 'de', '{}', 'sha256:' || h, '{}',
  lower(given[1 + g % 10]) || '.' || g || '@example.ch',
  statuses[1 + (g / 7) % 5],
  to_char(timestamp '2026-01-01' + (g % 330) * interval '1 day' + (g % 86400) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  to_char(timestamp '2026-06-01' + (g % 170) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  given[1 + g % 10] || ' ' || family[1 + (g / 10) % 10],
  lower(upper(substr(h, 1, 3) || '-' || substr(h, 4, 3) || '-' || substr(h, 7, 3)) || g || ' ' || given[1 + g % 10] || ' ' || family[1 + (g / 10) % 10] || ' ' || given[1 + g % 10] || '.' || g || '@example.ch'),
  CASE WHEN g % 3 = 0 THEN 'bench-clerk' WHEN g % 3 = 1 THEN 'colleague' ELSE NULL END,
  0, initcap(replace(forms[1 + g % 5], '-', ' '))
FROM n, names;
VACUUM ANALYZE;
SQL
echo "    written in $(( $(date +%s) - start )) s: $(psql "$URL" -tAc 'SELECT count(*) FROM submissions') cases, $(psql "$URL" -tAc "SELECT count(*) FROM submissions WHERE authority_id = 'ch:auth-0'") at the clerk's authority"
TOKEN="$("$BIN" staff token --email bench@clerk.example --database-url "$URL" | grep -o 'sst_[A-Za-z0-9_-]*')"
RUST_LOG=warn "$BIN" serve --bind "127.0.0.1:$PORT" --dist "$WORK/none" --database-url "$URL" \
  --attachments "$WORK/att" >/dev/null 2>&1 &
SERVER=$!
# /health: this portal has cases but no catalogue, so it never becomes ready.
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
target/release/examples/inbox_load "http://127.0.0.1:$PORT" "$TOKEN" "$ROUNDS"
