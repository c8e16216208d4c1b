//! Upgrades: a database made by an earlier release is opened by this code, on SQLite and on
//! PostgreSQL. Each release has a fixture in `tests/fixtures/upgrade/<release>/`, made by that
//! release's own binary through its HTTP API (`scripts/make-upgrade-fixture.sh`): the SQLite
//! file, a plain-SQL dump of the PostgreSQL database, the attachment folders, and a manifest of
//! what that release answered. The migrations run forward from the release's schema to this
//! one; then every submission opens with its receipt token and shows what it showed, its receipt
//! PDF renders, its files come back as uploaded, the citizen's account, its draft and the clerk
//! still sign in and find their cases, and the catalogue still searches. A database migrated by
//! a newer release is refused, not touched.

use crate::common;

use axum::http::StatusCode;
use common::browser::Browser;
use common::{TestApp, Which, body_bytes, body_json, copy_dir};
use serde_json::{Value, json};
use server::db::{Backend, Db};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The fixtures, one folder per release, oldest first (by name: `r<date>-<commit>`).
fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upgrade");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("manifest.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn backend(which: Which) -> Backend {
    match which {
        Which::Sqlite => Backend::Sqlite,
        Which::Postgres => Backend::Postgres,
    }
}

fn backend_key(which: Which) -> &'static str {
    backend(which).name()
}

fn gunzip(path: &Path) -> Vec<u8> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    out
}

/// The release's database and attachments, put back as a fresh copy: the SQLite file into a
/// temporary folder, the PostgreSQL dump replayed into a new database. Its URL, the folder
/// and the attachment folder.
async fn put_back(which: Which, fixture: &Path, m: &Value) -> (String, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let attachments = dir.path().join("attachments");
    copy_dir(
        &fixture.join(m["attachments"].as_str().unwrap()),
        &attachments,
    );
    let database = fixture.join(m["database"].as_str().unwrap());
    let url = match which {
        Which::Sqlite => {
            let file = dir.path().join("schalter.db");
            std::fs::write(&file, gunzip(&database)).unwrap();
            format!("sqlite://{}", file.display())
        }
        Which::Postgres => {
            use sqlx::Connection;
            let url = common::fresh_postgres_database(&common::postgres_url().unwrap()).await;
            let dump = String::from_utf8(gunzip(&database)).unwrap();
            assert!(
                !dump.lines().any(|l| l.starts_with('\\')),
                "{}: psql meta-commands cannot be replayed (the script leaves them out)",
                database.display()
            );
            // A connection of its own: the dump empties its search_path.
            let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::raw_sql(&dump)
                .execute(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{}: replaying: {e}", database.display()));
            conn.close().await.unwrap();
            url
        }
    };
    (url, dir, attachments)
}

/// The migrations the database has, in order.
async fn applied(db: &Db) -> Vec<i64> {
    sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

/// The migrations of this checkout (`migrations/<backend>/NNNN_*.sql`), in order.
fn current_migrations(which: Which) -> Vec<i64> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend_key(which));
    let mut versions: Vec<i64> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".sql")?.split('_').next()?.parse().ok()
        })
        .collect();
    versions.sort();
    versions
}

/// Everything the release showed is still there with the same value; a newer release may add
/// members.
fn assert_kept(old: &Value, new: &Value, at: &str) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (k, v) in o {
                let there = n
                    .get(k)
                    .unwrap_or_else(|| panic!("{at}.{k} is gone (was {v}); now: {new}"));
                assert_kept(v, there, &format!("{at}.{k}"));
            }
        }
        (Value::Array(o), Value::Array(n)) => {
            assert_eq!(o.len(), n.len(), "{at}: {old} became {new}");
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                assert_kept(a, b, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(old, new, "{at}"),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn get(app: &TestApp, path: &str, token: &str) -> (StatusCode, Vec<u8>) {
    let bearer = format!("Bearer {token}");
    let res = app.get(path, &[("authorization", &bearer)]).await;
    let status = res.status();
    (status, body_bytes(res).await)
}

async fn get_json(app: &TestApp, path: &str, token: &str) -> Value {
    let (status, body) = get(app, path, token).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{path}: {}",
        String::from_utf8_lossy(&body)
    );
    serde_json::from_slice(&body).unwrap()
}

/// One release's database, opened by this code.
async fn open_release(which: Which, fixture: &Path) {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(fixture.join("manifest.json")).unwrap()).unwrap();
    let release = manifest["release"].as_str().unwrap().to_owned();
    let m = &manifest["backends"][backend_key(which)];
    assert!(
        m.is_object(),
        "{release}: no {} database",
        backend_key(which)
    );
    let (url, dir, attachments) = put_back(which, fixture, m).await;

    // The release's schema, migrated forward to this one (as `schalter serve` does on start).
    let db = Db::connect(&url).await.unwrap();
    let before = applied(&db).await;
    assert_eq!(
        before.last().copied(),
        m["schema_version"].as_i64(),
        "{release}: the fixture's schema"
    );
    db.migrate()
        .await
        .unwrap_or_else(|e| panic!("{release}: migrating: {e:#}"));
    assert_eq!(
        applied(&db).await,
        current_migrations(which),
        "{release}: every migration of this checkout is applied"
    );
    assert_eq!(
        applied(&db).await.last().copied(),
        Some(server::db::latest_migration(backend(which)))
    );
    db.close().await;

    let mut app = TestApp::open(&url, &attachments, dir).await;
    // The receipt tokens were issued when the fixture was made; the default lifetime (a year)
    // would let them expire while the fixture is kept.
    app.core.policy =
        server::access::Policy::new(app.access.clone()).with_receipt_token_days(100 * 366);
    app.rebuild_router();

    let submissions = m["submissions"].as_array().unwrap();
    assert!(submissions.len() >= 5, "{release}: {}", submissions.len());
    for s in submissions {
        let reference = s["reference"].as_str().unwrap();
        let token = s["access_token"].as_str().unwrap();
        let at = format!("{release} {} {reference}", s["label"]);

        // The receipt, as the release showed it; the current contract reads it.
        let receipt = get_json(&app, &format!("/api/v1/submissions/{reference}"), token).await;
        assert_eq!(receipt["reference"], reference, "{at}");
        assert_eq!(receipt["form"], s["form"], "{at}");
        assert_eq!(receipt["municipality"]["id"], s["municipality"], "{at}");
        assert_kept(&s["receipt"], &receipt, &format!("{at} receipt"));
        let typed: contract::submission::Receipt = serde_json::from_value(receipt.clone())
            .unwrap_or_else(|e| panic!("{at}: the contract does not read the receipt: {e}"));
        assert_eq!(
            typed.attachments.len(),
            s["files"].as_array().unwrap().len()
        );

        // Its PDF renders and names it.
        let (status, pdf) = get(
            &app,
            &format!("/api/v1/submissions/{reference}/receipt.pdf"),
            token,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{at}");
        assert!(pdf.starts_with(b"%PDF-"), "{at}: not a PDF");
        let text = pdf_extract::extract_text_from_mem(&pdf).expect("the PDF can be read");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(reference), "{at}: {text}");
        assert!(text.contains(typed.data_hash.as_str()), "{at}: {text}");

        // Its files, as uploaded.
        for f in s["files"].as_array().unwrap() {
            let (status, bytes) = get(
                &app,
                &format!(
                    "/api/v1/submissions/{reference}/attachments/{}",
                    f["id"].as_str().unwrap()
                ),
                token,
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{at} {f}");
            assert_eq!(sha256_hex(&bytes), f["sha256"], "{at} {f}");
        }

        // Its messages with the authority, and their files.
        let messages = get_json(
            &app,
            &format!("/api/v1/submissions/{reference}/messages"),
            token,
        )
        .await;
        assert_kept(&s["messages"], &messages, &format!("{at} messages"));
        for f in s["message_files"].as_array().into_iter().flatten() {
            let (status, bytes) = get(
                &app,
                &format!(
                    "/api/v1/submissions/{reference}/message-files/{}",
                    f["id"].as_str().unwrap()
                ),
                token,
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{at} {f}");
            assert_eq!(sha256_hex(&bytes), f["sha256"], "{at} {f}");
        }
    }

    // The citizen signs in with the password set under the release: the applications and the
    // draft are there.
    for a in m["accounts"].as_array().unwrap() {
        let mut b = Browser::new(&app);
        let (status, body) = b
            .call(
                "POST",
                "/api/v1/session",
                Some(json!({"email": a["email"], "password": a["password"]})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{release}: {body}");
        let (status, apps) = b.call("GET", "/api/v1/account/applications", None).await;
        assert_eq!(status, StatusCode::OK, "{release}: {apps}");
        assert_kept(
            &a["applications"],
            &apps,
            &format!("{release} applications"),
        );
        let key = a["draft_key"].as_str().unwrap();
        let (status, draft) = b
            .call("GET", &format!("/api/v1/account/drafts/{key}"), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{release}: {draft}");
        assert_kept(&a["draft"], &draft, &format!("{release} draft"));
    }

    // The clerk: the API token made under the release still opens the case, with its note;
    // password and authenticator app still sign in to clerk mode.
    for staff in m["staff"].as_array().unwrap() {
        let token = staff["token"].as_str().unwrap();
        for c in staff["cases"].as_array().unwrap() {
            let reference = c["reference"].as_str().unwrap();
            let case = get_json(&app, &format!("/api/v1/staff/cases/{reference}"), token).await;
            for part in ["receipt", "notes", "messages", "version", "assignee"] {
                if let Some(old) = c["case"].get(part) {
                    assert_kept(
                        old,
                        &case[part],
                        &format!("{release} case {reference}.{part}"),
                    );
                }
            }
        }
        let mut b = Browser::new(&app);
        let code = common::totp_code(staff["totp_secret"].as_str().unwrap());
        let (status, body) = b
            .call(
                "POST",
                "/api/v1/staff/session",
                Some(json!({"email": staff["email"], "password": staff["password"], "code": code})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{release}: {body}");
        let (status, inbox) = b.call("GET", "/api/v1/staff/cases", None).await;
        assert_eq!(status, StatusCode::OK, "{release}: {inbox}");
        let listed: Vec<&str> = inbox["cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["reference"].as_str())
            .collect();
        for c in staff["cases"].as_array().unwrap() {
            assert!(
                listed.contains(&c["reference"].as_str().unwrap()),
                "{release}: {listed:?}"
            );
        }
    }

    // The catalogue the release imported still searches and still serves its forms.
    for search in m["searches"].as_array().unwrap() {
        let path = search["path"].as_str().unwrap();
        let res = app.get(path, &[]).await;
        assert_eq!(res.status(), StatusCode::OK, "{release} {path}");
        let now = body_json(res).await;
        let ids = |v: &Value| -> Vec<String> {
            v["results"]
                .as_array()
                .unwrap_or_else(|| panic!("{release} {path}: {v}"))
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_owned())
                .collect()
        };
        let (then, now) = (ids(&search["answer"]), ids(&now));
        assert!(!now.is_empty(), "{release} {path}: no results");
        assert!(
            now.contains(&then[0]),
            "{release} {path}: the release's first result {} is gone: {now:?}",
            then[0]
        );
    }
    for s in submissions {
        let path = format!(
            "/api/v1/forms/{}?municipality={}",
            s["form"].as_str().unwrap(),
            s["municipality"].as_str().unwrap()
        );
        let res = app.get(&path, &[]).await;
        assert_eq!(res.status(), StatusCode::OK, "{release} {path}");
    }
    app.db.close().await;
}

async fn every_release_database_opens_with_its_submissions(which: Which) {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "no upgrade fixtures");
    for fixture in fixtures {
        open_release(which, &fixture).await;
    }
}

/// A database that has a migration this binary does not know was migrated by a newer release:
/// `Db::migrate` (and so `schalter serve` and `schalter migrate`) refuses it, saying so, and
/// applies nothing.
async fn a_database_from_a_newer_release_is_refused(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let known = server::db::latest_migration(backend(which));
    let newer = known + 1;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES ($1, 'from a newer release', TRUE, $2, 0)",
    )
    .bind(newer)
    .bind(vec![0u8; 48])
    .execute(app.db.pool())
    .await
    .unwrap();
    let before = applied(&app.db).await;

    let err = app.db.migrate().await.unwrap_err();
    let text = format!("{err:#}");
    assert!(text.contains("migrated by a newer release"), "{text}");
    assert!(
        text.contains(&format!("migration {newer}")) && text.contains(&format!("up to {known}")),
        "{text}"
    );
    assert_eq!(applied(&app.db).await, before);

    // What the operator sees when starting this binary on it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_schalter"))
        .arg("migrate")
        .env("SCHALTER_DATABASE_URL", &app.url)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("migrated by a newer release"), "{stderr}");
    assert_eq!(applied(&app.db).await, before);
}

backend_tests!(
    every_release_database_opens_with_its_submissions,
    a_database_from_a_newer_release_is_refused,
);
