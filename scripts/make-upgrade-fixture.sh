#!/usr/bin/env bash
# Makes the upgrade fixture of a release: a database of that release's schema and data, made
# by that release's own code, which the upgrade test (server/tests/it/upgrade.rs) opens with
# the current code on SQLite and PostgreSQL.
#
#   scripts/make-upgrade-fixture.sh <commit> <name>
#   scripts/make-upgrade-fixture.sh 94cffcd r2026-12-01-94cffcd
#
# <commit> is the release (a commit that landed on main); <name> the fixture's folder,
# r<date of the release>-<short commit> by convention. The script checks the release out into a
# git worktree (/tmp/schalter-<short commit>), builds its `schalter` (debug, in
# target/upgrade-fixture with the dependencies copied from this checkout's build), and on a fresh SQLite file and a fresh PostgreSQL database lets
# that binary import the catalogue and serve while scripts/upgrade-fixture-data.py applies
# through its HTTP API. It writes server/tests/fixtures/upgrade/<name>/:
#
#   manifest.json          what the test compares: per database, each submission's reference,
#                          receipt token and receipt as the release answered, the account, the
#                          staff member, a search
#   sqlite.db.gz           the SQLite database (checkpointed and vacuumed into one file)
#   postgres.sql.gz        pg_dump --inserts --no-owner --no-privileges (plain SQL)
#   attachments/<backend>/ the attachment folders
#
# Environment: SCHALTER_TEST_POSTGRES_URL (the PostgreSQL server a database is created in;
# default postgres://postgres@127.0.0.1:55440/postgres, as scripts/pg.sh starts it),
# SCHALTER_DATA_DIR (the open data; default ../shared/data beside the checkout),
# FORCE=1 (replace an existing fixture), KEEP_WORK=1 (keep the work folder and worktree).
# target/upgrade-fixture (about 2 GB) keeps the release builds for the next run; delete it at
# will.
set -euo pipefail

if [ $# -ne 2 ]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
commit=$1
name=$2
case $name in
    */* | .* | "") echo "bad fixture name: $name" >&2; exit 2 ;;
esac

repo=$(cd "$(dirname "$0")/.." && pwd)
sha=$(git -C "$repo" rev-parse --verify --quiet "$commit^{commit}") || {
    echo "unknown commit $commit" >&2
    exit 2
}
short=${sha:0:7}
out=$repo/server/tests/fixtures/upgrade/$name
data_dir=${SCHALTER_DATA_DIR:-$repo/../shared/data}
pg_server=${SCHALTER_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:55440/postgres}
target=${CARGO_TARGET_DIR:-$repo/target}

if [ -e "$out" ] && [ "${FORCE:-}" != 1 ]; then
    echo "$out exists (FORCE=1 replaces it)" >&2
    exit 1
fi
[ -d "$data_dir" ] || { echo "no open data at $data_dir (SCHALTER_DATA_DIR)" >&2; exit 1; }
psql "$pg_server" -qtAc 'SELECT 1' >/dev/null || {
    echo "PostgreSQL at $pg_server does not answer (scripts/pg.sh start)" >&2
    exit 1
}

worktree=/tmp/schalter-$short
work=$(mktemp -d /tmp/schalter-upgrade-fixture.XXXXXX)
pg_db=schalter_upgrade_${short}_$$
pg_url=${pg_server%/*}/$pg_db
made_worktree=
made_pg=

cleanup() {
    status=$?
    if [ -n "$made_pg" ]; then
        psql "$pg_server" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null || true
    fi
    if [ "${KEEP_WORK:-}" = 1 ]; then
        echo "kept $work and $worktree" >&2
    else
        rm -rf "$work"
        if [ -n "$made_worktree" ]; then
            git -C "$repo" worktree remove --force "$worktree" || true
        fi
    fi
    exit $status
}
trap cleanup EXIT

# The release's source, outside this checkout (its branch is not touched).
if [ -d "$worktree" ] && [ "$(git -C "$worktree" rev-parse HEAD 2>/dev/null)" = "$sha" ]; then
    echo "using the worktree $worktree" >&2
else
    git -C "$repo" worktree add --detach "$worktree" "$sha" >&2
fi
made_worktree=1

# Its binary, built in a target folder of its own: Cargo names a workspace's own crates by
# their path inside the workspace, so the release's `server` and this checkout's would share
# artifacts in one target folder and only file times would decide which one is current (a build
# of either could link the other's code). The compiled third-party dependencies are copied from
# this checkout's target folder the first time, so that they are not compiled again; the
# workspace crates of any earlier build are removed from the copy.
fixture_target=$target/upgrade-fixture
if [ ! -d "$fixture_target/debug/deps" ] && [ -d "$target/debug/deps" ]; then
    echo "copying the compiled dependencies from $target/debug…" >&2
    mkdir -p "$fixture_target/debug"
    cp -a "$target/debug/deps" "$target/debug/build" "$target/debug/.fingerprint" \
        "$fixture_target/debug/"
fi
own_crates=$(cd "$worktree" && cargo metadata --locked --no-deps --format-version 1 | python3 -c '
import json, sys
names = set()
for p in json.load(sys.stdin)["packages"]:
    names.add(p["name"])
    names.update(t["name"] for t in p["targets"])
print(" ".join(sorted({n for name in names for n in (name, name.replace("-", "_"))})))')
for crate in $own_crates; do
    rm -rf "$fixture_target/debug/.fingerprint/$crate"-* "$fixture_target/debug/build/$crate"-* \
        "$fixture_target/debug/deps/$crate"-* "$fixture_target/debug/deps/lib$crate"-* \
        "$fixture_target/debug/$crate"
done
echo "building $short (CARGO_TARGET_DIR=$fixture_target)…" >&2
(cd "$worktree" && CARGO_TARGET_DIR=$fixture_target cargo build --locked -p server --bin schalter >&2)
cp -p "$fixture_target/debug/schalter" "$work/schalter"
old=$work/schalter
"$old" --help >/dev/null

make_data() { # backend database-url
    python3 "$repo/scripts/upgrade-fixture-data.py" --schalter "$old" --database-url "$2" \
        --attachments "$work/$1/attachments" --data-dir "$data_dir" --work "$work" \
        --out "$work/$1.json"
}

# SQLite: one file, checkpointed and vacuumed.
mkdir -p "$work/sqlite"
echo "SQLite…" >&2
make_data sqlite "sqlite://$work/sqlite/schalter.db"
python3 - "$work/sqlite/schalter.db" "$work/sqlite.db" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
con.execute("VACUUM INTO ?", (sys.argv[2],))
con.close()
EOF
sqlite_version=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT max(version) FROM _sqlx_migrations WHERE success").fetchone()[0])' "$work/sqlite.db")

# PostgreSQL: a database of its own, dumped as plain SQL that sqlx can replay (the psql
# meta-commands newer pg_dump versions write around it are left out).
echo "PostgreSQL ($pg_db)…" >&2
psql "$pg_server" -qc "CREATE DATABASE $pg_db" >/dev/null
made_pg=1
make_data postgres "$pg_url"
pg_dump --inserts --no-owner --no-privileges --no-comments "$pg_url" \
    | grep -v -e '^\\restrict ' -e '^\\unrestrict ' >"$work/postgres.sql"
postgres_version=$(psql "$pg_url" -qtAc 'SELECT max(version) FROM _sqlx_migrations WHERE success')

# The fixture.
rm -rf "$out"
mkdir -p "$out/attachments"
gzip -9nc "$work/sqlite.db" >"$out/sqlite.db.gz"
gzip -9nc "$work/postgres.sql" >"$out/postgres.sql.gz"
for backend in sqlite postgres; do
    mkdir -p "$out/attachments/$backend"
    if [ -d "$work/$backend/attachments" ]; then
        cp -R "$work/$backend/attachments/." "$out/attachments/$backend/"
    fi
done
python3 "$repo/scripts/upgrade-fixture-data.py" merge --release "$name" --commit "$sha" \
    --out "$out/manifest.json" \
    --sqlite-files "{\"database\": \"sqlite.db.gz\", \"attachments\": \"attachments/sqlite\", \"schema_version\": $sqlite_version}" \
    --postgres-files "{\"database\": \"postgres.sql.gz\", \"attachments\": \"attachments/postgres\", \"schema_version\": $postgres_version}" \
    "sqlite=$work/sqlite.json" "postgres=$work/postgres.json"

echo "wrote $out ($(du -sh "$out" | cut -f1)):" >&2
ls -la "$out" >&2
