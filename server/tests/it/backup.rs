//! Backup and restore of a portal on SQLite (`schalter backup`, `schalter restore`): a backup
//! taken while applications keep arriving at the real `schalter serve` holds every one
//! acknowledged before it started, each complete with its files, and the portal restored from
//! it answers every citizen's receipt and attachment with their token. The command line
//! writes, checks and refuses as documented; PostgreSQL and object stores are refused with a
//! pointer to their own tools.

use crate::common;

use axum::http::StatusCode;
use common::process::{Server, import};
use common::{TestApp, Which, body_bytes, body_json, copy_dir};
use serde_json::{Value, json};
use server::backup::{self, BackupError};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One acknowledged submission, as the citizen holds it.
#[derive(Debug, Clone)]
struct Ack {
    reference: String,
    token: String,
    /// The uploaded file's id and content, where it had one.
    file: Option<(String, Vec<u8>)>,
    /// Acknowledged before the backup started: it must be in the backup.
    before_backup: bool,
}

/// A small PDF (the uploads check the content), different for every `salt`.
fn pdf(salt: &str) -> Vec<u8> {
    let mut b = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    b.extend_from_slice(salt.as_bytes());
    b.resize(1200 + salt.len(), b' ');
    b
}

/// Submits a dog registration in Schmölln through the running server, every other one with
/// an assistance dog's certificate uploaded first; the answer's body and the file.
async fn submit(
    client: &reqwest::Client,
    base: &str,
    version: &str,
    key: &str,
    with_file: bool,
) -> (Value, Option<(String, Vec<u8>)>) {
    let mut answers = common::dog_answers();
    let mut file = None;
    if with_file {
        let content = pdf(key);
        let res = client
            .post(format!(
                "{base}/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={}&field=dogs.0.assistance_proof&name=nachweis.pdf&lang=de",
                common::SCHMOELLN
            ))
            .header("schalter-draft", key)
            .header("content-type", "application/pdf")
            .body(content.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "upload");
        let up: Value = res.json().await.unwrap();
        let id = up["id"].as_str().unwrap().to_owned();
        answers["dogs"][0]["kind"] = json!("assistance");
        answers["dogs"][0]["assistance_proof"] =
            json!([{ "id": id, "name": "nachweis.pdf", "size": 1, "type": "application/pdf" }]);
        file = Some((id, content));
    }
    let res = client
        .post(format!("{base}/api/v1/submissions"))
        .json(&common::dog_submission(key, version, "de", &answers))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "submission");
    (res.json().await.unwrap(), file)
}

/// `GET path` with the citizen's token through the restored portal's router.
async fn get(app: &TestApp, path: &str, token: &str) -> axum::http::Response<axum::body::Body> {
    let bearer = format!("Bearer {token}");
    app.get(path, &[("authorization", &bearer)]).await
}

/// Checks through the API that the restored portal answers the citizen of `ack`: the
/// receipt, the PDF receipt and the attachment, with the token they were given.
async fn answers_the_citizen(app: &TestApp, ack: &Ack) {
    let r = &ack.reference;
    let res = get(app, &format!("/api/v1/submissions/{r}"), &ack.token).await;
    assert_eq!(res.status(), StatusCode::OK, "receipt of {r}");
    let receipt = body_json(res).await;
    assert_eq!(receipt["reference"], json!(r));
    let listed = receipt["attachments"].as_array().unwrap();
    assert_eq!(listed.len(), usize::from(ack.file.is_some()), "{receipt}");

    let res = get(
        app,
        &format!("/api/v1/submissions/{r}/receipt.pdf"),
        &ack.token,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "PDF receipt of {r}");
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(body_bytes(res).await.starts_with(b"%PDF-"));

    if let Some((id, content)) = &ack.file {
        assert_eq!(listed[0]["id"], json!(id));
        let res = get(
            app,
            &format!("/api/v1/submissions/{r}/attachments/{id}"),
            &ack.token,
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "attachment of {r}");
        assert!(
            &body_bytes(res).await == content,
            "the attachment of {r} differs"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_submission_load_restores_every_acknowledged_submission() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("live.db").display());
    let attachments = dir.path().join("attachments");
    import(&url);
    let server = Server::start_with(
        &url,
        dir.path(),
        &[("SCHALTER_LIMIT_UPLOADS_PER_HOUR", "1000000")],
    );
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let version = client
        .get(format!(
            "{}/api/v1/forms/hundesteuer-th?municipality={}",
            server.base,
            common::SCHMOELLN
        ))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["version"]
        .as_str()
        .unwrap()
        .to_owned();

    // Citizens keep submitting, before, during and after the backup.
    let acks: Arc<Mutex<HashMap<String, Ack>>> = Arc::default();
    let started = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let run = std::process::id();
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let (client, base, version) = (client.clone(), server.base.clone(), version.clone());
            let (acks, started, stop) = (acks.clone(), started.clone(), stop.clone());
            tokio::spawn(async move {
                let mut i = 0u32;
                while !stop.load(Ordering::SeqCst) {
                    i += 1;
                    let key = format!("backup-{run}-{w:02}-{i:06}");
                    let (answer, file) = submit(&client, &base, &version, &key, i % 2 == 1).await;
                    // Read after the answer arrived (after the commit): if the backup has not
                    // started yet, it starts after this submission was stored.
                    let before_backup = !started.load(Ordering::SeqCst);
                    let ack = Ack {
                        reference: answer["receipt"]["reference"].as_str().unwrap().to_owned(),
                        token: answer["access_token"].as_str().unwrap().to_owned(),
                        file,
                        before_backup,
                    };
                    acks.lock().unwrap().insert(key, ack);
                }
            })
        })
        .collect();
    let wait_for = |n: usize| {
        let acks = acks.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(120);
            while acks.lock().unwrap().len() < n {
                assert!(Instant::now() < deadline, "too slow to acknowledge");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    };
    wait_for(24).await;

    // The backup runs beside the serving process, as `schalter backup` does.
    let to = dir.path().join("backups").join("nightly");
    started.store(true, Ordering::SeqCst);
    let manifest = backup::backup_url(&url, attachments.to_str().unwrap(), &to)
        .await
        .expect("backup");
    let after = acks.lock().unwrap().len();
    wait_for(after + 8).await;
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        w.await.unwrap();
    }
    let acks = Arc::try_unwrap(acks).unwrap().into_inner().unwrap();
    let before: Vec<&Ack> = acks.values().filter(|a| a.before_backup).collect();
    println!(
        "backup under load: {} acknowledged before the backup, {} in all; the backup holds {}",
        before.len(),
        acks.len(),
        manifest.summary()
    );

    // The folder is complete under its name, nothing half-written beside it.
    let beside: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(beside, vec!["nightly".to_owned()]);
    assert_eq!(backup::verify(&to).await.unwrap(), manifest);
    assert!(manifest.submissions as usize >= before.len());
    assert_eq!(manifest.schema_version, backup::latest_migration());
    assert_eq!(manifest.schalter_version, env!("CARGO_PKG_VERSION"));
    let live = server::db::Db::connect(&url).await.unwrap();
    let live_total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
        .fetch_one(live.pool())
        .await
        .unwrap();
    live.close().await;
    assert_eq!(live_total as usize, acks.len());
    assert!(
        (manifest.submissions as usize) < acks.len(),
        "submissions acknowledged after the backup are not in it"
    );
    // Not restored under the running portal, even when forced.
    let err = backup::restore(&url, attachments.to_str().unwrap(), &to, true)
        .await
        .unwrap_err();
    assert!(matches!(err, BackupError::InUse(_)), "{err}");
    server.sigkill();

    // Restored into a fresh place, the portal knows every citizen it acknowledged before.
    let fresh = tempfile::tempdir().unwrap();
    let url2 = format!("sqlite://{}", fresh.path().join("restored.db").display());
    let attachments2 = fresh.path().join("attachments");
    let restored = backup::restore(&url2, attachments2.to_str().unwrap(), &to, false)
        .await
        .expect("restore");
    assert_eq!(restored.submissions, manifest.submissions);
    let app = TestApp::open(&url2, &attachments2, fresh).await;
    let stored: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, idempotency_key, reference FROM submissions")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let by_key: HashMap<&str, &str> = stored
        .iter()
        .map(|(_, k, r)| (k.as_str(), r.as_str()))
        .collect();
    for (key, ack) in &acks {
        match by_key.get(key.as_str()) {
            Some(reference) => {
                assert_eq!(*reference, ack.reference);
                answers_the_citizen(&app, ack).await;
            }
            None => assert!(
                !ack.before_backup,
                "{key} was acknowledged before the backup started but is not in it"
            ),
        }
    }
    // Every submission in it is complete: acknowledged, with its history and its files.
    for (id, key, _) in &stored {
        assert!(acks.contains_key(key), "{key} was never acknowledged");
        let events: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM submission_events WHERE submission_id = $1")
                .bind(id)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert!(events >= 1, "{key} has no history");
    }
    let files: Vec<(String, String)> =
        sqlx::query_as("SELECT object_key, sha256 FROM uploads WHERE submission_id IS NOT NULL")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let with_file = acks
        .iter()
        .filter(|(k, a)| a.file.is_some() && by_key.contains_key(k.as_str()))
        .count();
    assert_eq!(files.len(), with_file);
    for (object_key, sha256) in &files {
        let bytes = app.attachments.get(object_key).await.unwrap();
        assert_eq!(&server::submissions::sha256_tag(&bytes), sha256);
    }
}

// --- The command line ------------------------------------------------------------------------

/// Runs `schalter <args>` on the database `url` and the attachment folder `attachments`.
fn schalter(args: &[&str], url: &str, attachments: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schalter"))
        .args(args)
        .env("SCHALTER_DATABASE_URL", url)
        .env("SCHALTER_ATTACHMENTS", attachments)
        .env("RUST_LOG", "warn")
        .env_remove("SCHALTER_CONFIG")
        .output()
        .unwrap()
}

/// Standard output and error as text.
fn said(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs and expects success; answers standard output.
fn succeeds(args: &[&str], url: &str, attachments: &Path) -> String {
    let out = schalter(args, url, attachments);
    let (stdout, stderr) = said(&out);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    stdout
}

/// Runs and expects failure; answers standard error.
fn fails(args: &[&str], url: &str, attachments: &Path) -> String {
    let out = schalter(args, url, attachments);
    let (stdout, stderr) = said(&out);
    assert!(!out.status.success(), "{args:?} succeeded: {stdout}");
    stderr
}

/// Edits a backup's manifest.
fn edit_manifest(backup: &Path, edit: impl FnOnce(&mut Value)) {
    let path = backup.join(backup::MANIFEST);
    let mut manifest: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    edit(&mut manifest);
    std::fs::write(path, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
}

/// The manifest entry of `file`.
fn entry<'a>(manifest: &'a mut Value, file: &str) -> &'a mut Value {
    manifest["files"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["path"].as_str().unwrap().starts_with(file))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_backs_up_restores_and_refuses_what_it_must() {
    let dir = tempfile::tempdir().unwrap();
    let path = |p: &str| dir.path().join(p);
    let url = format!("sqlite://{}", path("portal/schalter.db").display());
    let attachments = path("portal/attachments");
    import(&url);
    let (reference, token, file_id, content) = {
        let app = TestApp::open(&url, &attachments, tempfile::tempdir().unwrap()).await;
        let version = common::dog_form_version(&app, common::SCHMOELLN).await;
        let (created, content) =
            common::submit_with_attachment(&app, "4b2f8c1e-backup-cli-0001", &version).await;
        app.db.close().await;
        (
            created.receipt.reference.clone(),
            created.access_token.clone(),
            created.receipt.attachments[0].id.clone(),
            content,
        )
    };

    // A backup, with its summary.
    let b1 = path("backups/b1");
    let b1s = b1.to_str().unwrap();
    let out = succeeds(&["backup", "--to", b1s], &url, &attachments);
    assert!(out.contains("1 submissions, 1 attachment files"), "{out}");
    let manifest: backup::Manifest =
        serde_json::from_slice(&std::fs::read(b1.join(backup::MANIFEST)).unwrap()).unwrap();
    assert_eq!(manifest.format, backup::FORMAT);
    assert_eq!(manifest.submissions, 1);
    assert!(manifest.files.iter().any(|f| f.path == backup::DATABASE));
    // Not over a backup already there.
    let err = fails(&["backup", "--to", b1s], &url, &attachments);
    assert!(err.contains("not empty"), "{err}");

    // Restored into a new place, the citizen's receipt and file are there.
    let url_c = format!("sqlite://{}", path("c/schalter.db").display());
    let att_c = path("c/attachments");
    let out = succeeds(&["restore", "--from", b1s], &url_c, &att_c);
    assert!(out.contains("with 1 submissions"), "{out}");
    {
        let app = TestApp::open(&url_c, &att_c, tempfile::tempdir().unwrap()).await;
        let res = get(&app, &format!("/api/v1/submissions/{reference}"), &token).await;
        assert_eq!(res.status(), StatusCode::OK);
        let res = get(
            &app,
            &format!("/api/v1/submissions/{reference}/attachments/{file_id}"),
            &token,
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body_bytes(res).await == content);
        app.db.close().await;
    }
    // Not over a database with submissions, unless forced.
    let err = fails(&["restore", "--from", b1s], &url_c, &att_c);
    assert!(
        err.contains("holds 1 submission") && err.contains("--force"),
        "{err}"
    );
    succeeds(&["restore", "--from", b1s, "--force"], &url_c, &att_c);

    // A manifest whose checksum does not match: refused, nothing placed.
    let b2 = path("backups/b2");
    copy_dir(&b1, &b2);
    edit_manifest(&b2, |m| {
        entry(m, "attachments/")["sha256"] = json!("0".repeat(64));
    });
    let url_d = format!("sqlite://{}", path("d/schalter.db").display());
    let err = fails(
        &["restore", "--from", b2.to_str().unwrap()],
        &url_d,
        &path("d/attachments"),
    );
    assert!(err.contains("damaged") && err.contains("SHA-256"), "{err}");
    assert!(!path("d/schalter.db").exists());
    // A file the manifest lists that is gone.
    let attachment = manifest
        .files
        .iter()
        .find(|f| f.path.starts_with("attachments/"))
        .unwrap();
    std::fs::remove_file(b2.join(&attachment.path)).unwrap();
    let err = fails(
        &["restore", "--from", b2.to_str().unwrap()],
        &url_d,
        &path("d/attachments"),
    );
    assert!(err.contains("missing"), "{err}");

    // A database from a later release (a migration this binary does not know): refused, even
    // with a consistent manifest.
    let b3 = path("backups/b3");
    copy_dir(&b1, &b3);
    {
        use sqlx::Connection;
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(b3.join(backup::DATABASE));
        let mut conn = sqlx::sqlite::SqliteConnection::connect_with(&options)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
             VALUES (99990001, 'from a later release', CURRENT_TIMESTAMP, 1, X'00', 0)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
    }
    let db_bytes = std::fs::read(b3.join(backup::DATABASE)).unwrap();
    edit_manifest(&b3, |m| {
        let e = entry(m, backup::DATABASE);
        e["size"] = json!(db_bytes.len());
        e["sha256"] = json!(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
            &db_bytes
        )));
    });
    let err = fails(
        &["restore", "--from", b3.to_str().unwrap()],
        &url_d,
        &path("d/attachments"),
    );
    assert!(err.contains("newer") && err.contains("99990001"), "{err}");
    assert!(!path("d/schalter.db").exists());
    let left: Vec<_> = std::fs::read_dir(path("d")).unwrap().collect();
    assert!(left.is_empty(), "no temporary file left: {left:?}");

    // PostgreSQL and object stores have their own tools, which the refusal names.
    let pg =
        common::postgres_url().unwrap_or_else(|| "postgres://schalter@127.0.0.1:1/none".into());
    let err = fails(
        &["backup", "--to", path("pg").to_str().unwrap()],
        &pg,
        &attachments,
    );
    assert!(err.contains("pg_dump") && err.contains("PITR"), "{err}");
    assert!(!path("pg").exists());
    let err = fails(&["restore", "--from", b1s], &pg, &attachments);
    assert!(err.contains("pg_restore"), "{err}");
    let s3 = Command::new(env!("CARGO_BIN_EXE_schalter"))
        .args([
            "backup",
            "--to",
            path("s3").to_str().unwrap(),
            "--attachments",
            "s3://bucket/prefix",
        ])
        .env("SCHALTER_DATABASE_URL", &url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let (_, err) = said(&s3);
    assert!(!s3.status.success());
    assert!(
        err.contains("versioning") && err.contains("rclone"),
        "{err}"
    );
    assert!(!path("s3").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_an_older_schema_is_migrated_when_restored() {
    // A database of the release before the latest migration.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let all = sqlx::migrate!("migrations/sqlite");
    let older = sqlx::migrate::Migrator {
        migrations: std::borrow::Cow::Owned(all.migrations[..all.migrations.len() - 1].to_vec()),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    let db = server::db::Db::connect(&url).await.unwrap();
    older.run(db.pool()).await.unwrap();
    db.close().await;

    let to = dir.path().join("backup");
    let attachments = dir.path().join("attachments");
    let manifest = backup::backup_url(&url, attachments.to_str().unwrap(), &to)
        .await
        .unwrap();
    assert_eq!(
        manifest.schema_version,
        older.migrations.last().unwrap().version
    );
    assert!(manifest.schema_version < backup::latest_migration());

    let url2 = format!("sqlite://{}", dir.path().join("restored.db").display());
    let restored = backup::restore(&url2, attachments.to_str().unwrap(), &to, false)
        .await
        .unwrap();
    assert_eq!(restored.schema_version, backup::latest_migration());
    assert_eq!(restored.manifest, manifest);
}

/// The library refuses, too, what only other tools back up consistently: a PostgreSQL
/// database (whatever the attachments), attachments in an object store.
async fn the_service_refuses_what_has_its_own_tools(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let to = app.dir.path().join("backup");
    let local = app.dir.path().join("attachments");
    let err = backup::backup(&app.db, "s3://bucket/prefix", &to)
        .await
        .unwrap_err();
    match which {
        Which::Sqlite => assert!(matches!(err, BackupError::ObjectStore(_)), "{err}"),
        Which::Postgres => {
            assert!(matches!(err, BackupError::Postgres(_)), "{err}");
            let err = backup::backup(&app.db, local.to_str().unwrap(), &to)
                .await
                .unwrap_err();
            assert!(err.to_string().contains("pg_dump -Fc"), "{err}");
            let err = backup::restore(&app.url, local.to_str().unwrap(), &to, true)
                .await
                .unwrap_err();
            assert!(err.to_string().contains("pg_restore"), "{err}");
        }
    }
    assert!(!to.exists());
}

backend_tests!(the_service_refuses_what_has_its_own_tools);
