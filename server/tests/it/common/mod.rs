//! The integration tests' `TestApp`: the real router over a fresh database of either backend.
//!
//! Every test written with [`backend_tests!`] runs twice: on a temporary SQLite file and on a
//! fresh PostgreSQL database in the server named by `SCHALTER_TEST_POSTGRES_URL` (the test
//! command starts one). Without that variable the PostgreSQL half is skipped, unless
//! `SCHALTER_TEST_REQUIRE_POSTGRES=1`, as in CI, makes the absence a failure.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the helpers"
)]

pub mod browser;
pub mod mail;
pub mod process;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response};
use http_body_util::BodyExt;
use server::catalogue::LiveCatalogue;
use server::catalogue::import::ImportOptions;
use server::db::Db;
use server::http::static_files::Site;
use server::{AppState, http};
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Sqlite,
    Postgres,
}

/// A fresh database of one backend and the router over it.
pub struct TestApp {
    /// The services the router runs on (for calling a service or a background job directly).
    pub core: server::Core,
    pub db: Db,
    pub catalogue: LiveCatalogue,
    pub router: Router,
    pub url: String,
    pub attachments: server::attachments::Attachments,
    pub access: server::submissions::AccessKey,
    pub dir: tempfile::TempDir,
}

/// The PostgreSQL server URL for tests, or `None` to skip (panics where it is required).
pub fn postgres_url() -> Option<String> {
    match std::env::var("SCHALTER_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("SCHALTER_TEST_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "SCHALTER_TEST_POSTGRES_URL is required (run scripts/test.sh)"
            );
            None
        }
    }
}

/// Creates an empty, uniquely named database on the test PostgreSQL server; returns its URL.
pub async fn fresh_postgres_database(server_url: &str) -> String {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let name = format!(
        "schalter_test_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let mut admin = sqlx::AnyConnection::connect(server_url)
        .await
        .expect("test PostgreSQL reachable");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let base = server_url.rsplit_once('/').map_or(server_url, |(b, _)| b);
    format!("{base}/{name}")
}

impl TestApp {
    /// A fresh database with the demo catalogue imported from `../shared/data`.
    pub async fn with_catalogue(which: Which) -> Option<TestApp> {
        Self::build(which, None, true).await
    }

    /// A migrated fresh database and the router, serving the app from `dist` if given.
    pub async fn new(which: Which, dist: Option<&Path>) -> Option<TestApp> {
        Self::build(which, dist, false).await
    }

    async fn build(which: Which, dist: Option<&Path>, catalogue: bool) -> Option<TestApp> {
        let dir = tempfile::tempdir().unwrap();
        let url = match which {
            Which::Sqlite => format!("sqlite://{}", dir.path().join("test.db").display()),
            Which::Postgres => fresh_postgres_database(&postgres_url()?).await,
        };
        let attachments = dir.path().join("attachments");
        Some(Self::assemble(url, &attachments, dir, dist, catalogue).await)
    }

    /// The router over an existing database and attachment folder (a release's database in
    /// the upgrade test, a restored backup), as `schalter serve` opens them: migrated first.
    /// `dir` is kept with the app (the temporary folder the files are in).
    pub async fn open(url: &str, attachments: &Path, dir: tempfile::TempDir) -> TestApp {
        Self::assemble(url.to_owned(), attachments, dir, None, false).await
    }

    async fn assemble(
        url: String,
        attachments: &Path,
        dir: tempfile::TempDir,
        dist: Option<&Path>,
        catalogue: bool,
    ) -> TestApp {
        let db = Db::connect(&url).await.expect("connect");
        db.migrate().await.expect("migrate");
        if catalogue {
            server::catalogue::import::run(&db, &import_options())
                .await
                .expect("import");
        }
        let live = LiveCatalogue::load(&db).await.expect("load catalogue");
        let catalogue = live.clone();
        let site = match dist {
            Some(d) => Site::load(d).await,
            None => Site::none(),
        };
        let attachments =
            server::attachments::Attachments::open(attachments.to_str().unwrap()).unwrap();
        let access = server::submissions::AccessKey::load(&db).await.unwrap();
        let limits =
            server::limits::Limits::new(db.clone(), server::limits::LimitConfig::default());
        let core = server::Core {
            db: db.clone(),
            catalogue,
            attachments: attachments.clone(),
            policy: server::access::Policy::new(access.clone()),
            limits: limits.clone(),
            accounts: server::accounts::Accounts::new(
                db.clone(),
                limits,
                std::env::var("SCHALTER_TEST_SMTP_URL")
                    .ok()
                    .map(mail::mailer),
                server::accounts::AccountConfig::default(),
            )
            .with_providers(test_providers(server::accounts::oidc::CALLBACK_PATH))
            .with_staff_providers(test_providers(server::staff::oidc::CALLBACK_PATH)),
            payments: Default::default(),
        };
        let router = http::app(AppState {
            core: core.clone(),
            site: Arc::new(site),
            trusted_proxies: Default::default(),
            hsts: false,
        });
        TestApp {
            core,
            db,
            catalogue: live,
            router,
            url,
            attachments,
            access,
            dir,
        }
    }

    /// Builds the router again over `core`, after a test changed it (another policy, another
    /// payment provider); the app files are not served.
    pub fn rebuild_router(&mut self) {
        self.router = http::app(AppState {
            core: self.core.clone(),
            site: Arc::new(Site::none()),
            trusted_proxies: Default::default(),
            hsts: false,
        });
    }

    /// A fresh database with the demo catalogue, paying through the payment sandbox
    /// (`scripts/paysandbox.sh`), served on a port of its own so that the sandbox's
    /// notifications reach it; `None` without a sandbox (a failure where one is required).
    /// Answers the app and its public address.
    pub async fn with_payments(which: Which) -> Option<(TestApp, String)> {
        let sandbox = paysandbox_url()?;
        Self::with_payments_at(which, &sandbox).await
    }

    /// The same with the provider at `api` (an address where nothing answers: a provider that
    /// is down).
    pub async fn with_payments_at(which: Which, api: &str) -> Option<(TestApp, String)> {
        use server::payments::datatrans::{Datatrans, DatatransConfig};
        let mut app = Self::build(which, None, true).await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let public = format!("http://{}", listener.local_addr().unwrap());
        let provider = Datatrans::new(DatatransConfig {
            api_url: api.to_owned(),
            page_url: api.to_owned(),
            merchant_id: SANDBOX_MERCHANT.into(),
            password: SANDBOX_PASSWORD.into(),
            sign_key: SANDBOX_SIGN_KEY.to_vec(),
        })
        .unwrap();
        app.core.payments = server::payments::Payments::new(Arc::new(provider), &public);
        app.rebuild_router();
        let router = app.router.clone();
        tokio::spawn(async move {
            let _ = server::http::serve::serve(
                listener,
                router,
                server::http::serve::ServeConfig::default(),
                std::future::pending(),
            )
            .await;
        });
        Some((app, public))
    }

    /// The catalogue the router serves.
    pub fn catalogue(&self) -> std::sync::Arc<server::catalogue::Catalogue> {
        self.catalogue.get()
    }

    /// Sends one request through the router.
    pub async fn send(&self, req: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(req).await.unwrap()
    }

    /// `GET path` with extra headers.
    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response<Body> {
        let mut req = Request::get(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }
}

/// The payment sandbox's credentials (`scripts/paysandbox.sh` starts it with these).
pub const SANDBOX_MERCHANT: &str = "1100000000";
/// Its API password.
pub const SANDBOX_PASSWORD: &str = "sandbox-password";
/// Its notification sign key.
pub const SANDBOX_SIGN_KEY: &[u8] = b"sandbox-sign-key";

/// The payment sandbox (`scripts/paysandbox.sh`), if one runs; a failure where
/// `SCHALTER_TEST_REQUIRE_PAYSANDBOX` is set.
pub fn paysandbox_url() -> Option<String> {
    match std::env::var("SCHALTER_TEST_PAYSANDBOX_URL") {
        Ok(url) => Some(url),
        Err(_) => {
            assert!(
                std::env::var("SCHALTER_TEST_REQUIRE_PAYSANDBOX").is_err(),
                "SCHALTER_TEST_REQUIRE_PAYSANDBOX is set but no payment sandbox is configured"
            );
            eprintln!(
                "no SCHALTER_TEST_PAYSANDBOX_URL: payment test skipped (scripts/paysandbox.sh start)"
            );
            None
        }
    }
}

/// The test S3-compatible object store's endpoint (`scripts/s3.sh`), if one runs; a failure
/// where `SCHALTER_TEST_REQUIRE_S3` is set.
pub fn s3_url() -> Option<String> {
    match std::env::var("SCHALTER_TEST_S3_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("SCHALTER_TEST_REQUIRE_S3").as_deref() != Ok("1"),
                "SCHALTER_TEST_S3_URL is required (run scripts/test.sh)"
            );
            eprintln!("no SCHALTER_TEST_S3_URL: S3 test skipped (scripts/s3.sh start)");
            None
        }
    }
}

/// Creates an empty, uniquely named bucket in the test object store at `endpoint` (a plain
/// path-style `PUT /<bucket>`, as an operator would with any S3 client); returns its name.
pub async fn fresh_bucket(endpoint: &str) -> String {
    let name = format!(
        "schalter-test-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    );
    let res = reqwest::Client::new()
        .put(format!("{}/{name}", endpoint.trim_end_matches('/')))
        .send()
        .await
        .expect("test object store reachable");
    assert!(
        res.status().is_success(),
        "creating bucket {name}: {}",
        res.status()
    );
    name
}

/// The test OpenID provider (`scripts/oidc.sh`), if one runs; a failure where
/// `SCHALTER_TEST_REQUIRE_OIDC` is set.
pub fn oidc_issuer() -> Option<String> {
    match std::env::var("SCHALTER_TEST_OIDC_ISSUER") {
        Ok(issuer) => Some(issuer),
        Err(_) => {
            assert!(
                std::env::var("SCHALTER_TEST_REQUIRE_OIDC").is_err(),
                "SCHALTER_TEST_REQUIRE_OIDC is set but no OpenID provider is configured"
            );
            eprintln!("no SCHALTER_TEST_OIDC_ISSUER: eID test skipped (scripts/oidc.sh start)");
            None
        }
    }
}

/// The test provider as the portal is configured for it: AGOV's levels, sending the browser
/// back to `callback` (citizens' eID or staff sign-in).
fn test_providers(callback: &str) -> server::accounts::oidc::Providers {
    use contract::account::Level;
    use server::accounts::oidc::{AcrLevel, ProviderConfig, Providers};
    let Ok(issuer) = std::env::var("SCHALTER_TEST_OIDC_ISSUER") else {
        return Providers::default();
    };
    let acr = [
        (100, Level::Low),
        (200, Level::Low),
        (300, Level::Substantial),
        (400, Level::High),
    ]
    .into_iter()
    .map(|(n, level)| AcrLevel {
        value: format!("urn:qa.agov.ch:names:tc:ac:classes:{n}"),
        level,
    })
    .collect();
    Providers::with_callback(
        vec![ProviderConfig {
            id: "agov".into(),
            name: "AGOV".into(),
            issuer,
            client_id: "schalter".into(),
            client_secret: Some("schalter-test-secret".into()),
            client_secret_env: None,
            scopes: vec!["profile".into(), "email".into(), "address".into()],
            acr,
        }],
        &server::accounts::AccountConfig::default().public_url,
        callback,
    )
    .unwrap()
}

/// The shared open data beside the project.
pub fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data")
}

/// The demo import: Aargau and Glarus, the German demo towns.
pub fn import_options() -> ImportOptions<'static> {
    let dir: &'static Path = Box::leak(data_dir().into_boxed_path());
    ImportOptions {
        data_dir: dir,
        cantons: vec!["AG".into(), "GL".into()],
        de_laender: Vec::new(),
        forms_dir: None,
        tenants_file: None,
    }
}

/// `POST path` with a JSON body; the status and the JSON answer.
pub async fn post_json(
    app: &TestApp,
    path: &str,
    body: &serde_json::Value,
) -> (axum::http::StatusCode, serde_json::Value) {
    let req = Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap();
    let res = app.send(req).await;
    let status = res.status();
    (status, body_json(res).await)
}

/// The body of a response as bytes.
pub async fn body_bytes(res: Response<Body>) -> Vec<u8> {
    res.into_body().collect().await.unwrap().to_bytes().to_vec()
}

/// The body of a response as JSON.
pub async fn body_json(res: Response<Body>) -> serde_json::Value {
    let bytes = body_bytes(res).await;
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))
}

// --- The application every submission test sends: Schmölln's dog registration ------------

/// Schmölln (Thüringen): its dog form has a municipal overlay and a file question.
pub const SCHMOELLN: &str = "de:16077043";

/// A valid Schmölln dog registration: the shared fixture's first case plus the town's own
/// tag-delivery question.
pub fn dog_answers() -> serde_json::Value {
    let cases: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../contract/tests/fixtures/hundesteuer-cases.json"
    ))
    .unwrap();
    let mut answers = cases[0]["answers"].clone();
    answers["dogs"][0]["tag_delivery"] = serde_json::json!("post");
    answers
}

/// The version of the dog form municipality `m` offers now.
pub async fn dog_form_version(app: &TestApp, m: &str) -> String {
    let res = app
        .get(
            &format!("/api/v1/forms/hundesteuer-th?municipality={m}"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 200);
    body_json(res).await["version"].as_str().unwrap().to_owned()
}

/// The body of `POST /api/v1/submissions` for the dog form in Schmölln.
pub fn dog_submission(
    key: &str,
    version: &str,
    lang: &str,
    answers: &serde_json::Value,
) -> serde_json::Value {
    serde_json::json!({
        "idempotency_key": key,
        "form": "hundesteuer-th",
        "version": version,
        "municipality": SCHMOELLN,
        "lang": lang,
        "answers": answers,
    })
}

/// Submits a dog registration in Schmölln; it must be stored (201).
pub async fn submit(
    app: &TestApp,
    key: &str,
    version: &str,
    answers: &serde_json::Value,
) -> contract::submission::SubmissionCreated {
    let body = dog_submission(key, version, "de", answers);
    let (status, body) = post_json(app, "/api/v1/submissions", &body).await;
    assert_eq!(status, axum::http::StatusCode::CREATED, "{body}");
    serde_json::from_value(body).unwrap()
}

/// A dog registration with one PDF attachment (an assistance dog's certificate); the
/// submission and the file's content.
pub async fn submit_with_attachment(
    app: &TestApp,
    draft: &str,
    version: &str,
) -> (contract::submission::SubmissionCreated, Vec<u8>) {
    let mut content = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    content.resize(1500, b' ');
    let path = format!(
        "/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={SCHMOELLN}&field=dogs.0.assistance_proof&name=Nachweis%20M%C3%BCller%20%26%20S%C3%B6hne.pdf&lang=de"
    );
    let req = Request::post(path)
        .header("schalter-draft", draft)
        .header("content-type", "application/pdf")
        .body(Body::from(content.clone()))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status(), axum::http::StatusCode::CREATED);
    let up = body_json(res).await;
    let mut answers = dog_answers();
    answers["dogs"][0]["kind"] = serde_json::json!("assistance");
    answers["dogs"][0]["assistance_proof"] = serde_json::json!([{ "id": up["id"], "name": "x.pdf", "size": 1, "type": "application/pdf" }]);
    (submit(app, draft, version, &answers).await, content)
}

/// A new staff member with `role` at `authority` and a fresh API token; the token.
pub async fn staff_token(app: &TestApp, authority: &str, role: server::access::Role) -> String {
    use server::access::staff;
    let n = uuid::Uuid::new_v4().simple().to_string();
    let m = staff::create(&app.db, "Test Staff", &format!("{n}@staff.example"))
        .await
        .unwrap()
        .unwrap();
    staff::grant(&app.db, &m.id, authority, role).await.unwrap();
    staff::issue_token(&app.db, &m.id, "test", 1)
        .await
        .unwrap()
        .1
}

/// A browser holding `s`'s clerk-mode session.
pub fn staff_browser<'a>(app: &'a TestApp, s: &SignedInStaff) -> browser::Browser<'a> {
    let mut b = browser::Browser::new(app);
    b.cookie = Some(s.cookie.clone());
    b
}

/// A staff member signed in to clerk mode.
pub struct SignedInStaff {
    /// Their id.
    pub id: String,
    /// The session cookie (`name=value`).
    pub cookie: String,
    /// Their TOTP secret (base32).
    pub secret: String,
    /// The code they signed in with (a replay of it must fail, also in the next 30 s step).
    pub code: String,
}

/// The current code of an authenticator app holding `secret`.
pub fn totp_code(secret: &str) -> String {
    totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap()
        .generate_current()
        .to_string()
}

/// A new staff member with `role` at `authority`, a password and a second factor, signed in
/// through `POST /api/v1/staff/session`.
pub async fn staff_session(
    app: &TestApp,
    name: &str,
    authority: &str,
    role: server::access::Role,
) -> SignedInStaff {
    use server::access::staff;
    let n = uuid::Uuid::new_v4().simple().to_string();
    let email = format!("{n}@staff.example");
    let m = staff::create(&app.db, name, &email).await.unwrap().unwrap();
    staff::grant(&app.db, &m.id, authority, role).await.unwrap();
    let hasher = server::accounts::passwords::Hasher::new(1, 2);
    let password = "ein langes Passwort";
    assert!(
        server::staff::set_password(&app.db, &hasher, &email, password)
            .await
            .unwrap()
    );
    let url = server::staff::enrol_totp(&app.db, &email, None)
        .await
        .unwrap()
        .unwrap();
    let secret = url
        .split("secret=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let code = totp_code(&secret);
    let body = serde_json::json!({"email": email, "password": password, "code": code});
    let res = app
        .send(
            Request::post("/api/v1/staff/session")
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), axum::http::StatusCode::OK);
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    SignedInStaff {
        id: m.id,
        cookie,
        secret,
        code,
    }
}

/// Declares each listed `async fn name(which: Which)` as two tests, `sqlite` and `postgres`.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() { super::$name($crate::common::Which::Sqlite).await }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if $crate::common::postgres_url().is_some() {
                        super::$name($crate::common::Which::Postgres).await
                    }
                }
            )*
        }
    };
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The `(code, message)` of each validation error at `path` in a list of API errors.
pub fn errors_at(errors: &serde_json::Value, path: &str) -> Vec<(String, String)> {
    errors
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["path"] == path)
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// White space as a reader extracts it: any run (no-break spaces too) one space.
pub fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a PDF reader extracts from `pdf`, white space [`squeezed`].
pub fn pdf_text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    squeezed(&pdf_extract::extract_text_from_mem(pdf).expect("the PDF can be read"))
}
