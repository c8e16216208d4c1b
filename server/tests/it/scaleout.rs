//! Scale-out: three `schalter serve` processes on one PostgreSQL database, attachments in an
//! S3-compatible object store (moto from `scripts/s3.sh`, in a bucket of the test's own), a
//! hand-off webhook to a receiver here and confirmation e-mails to the test SMTP server.
//!
//! First, what one process keeps must be seen by the others: a Bürgerkonto session, a draft
//! saved in the account, the sign-in throttle. Then citizens upload a file through one process
//! and submit through the next, round-robin over all three, while one process is killed with
//! SIGKILL with requests in flight and webhook deliveries leased. Citizens whose answer was lost
//! send again with the same key through another process. Afterwards every acknowledged
//! submission is in the database once, its attachment reads back byte for byte from the bucket
//! through the surviving processes (and is in its webhook), and the outbox drains with every
//! webhook answered exactly once and one confirmation e-mail per citizen: the deliveries the
//! dead process held are taken over by a survivor after their lease ran out, never before.
//! (Deliveries are at least once by design — see `handoff::outbox` — so a webhook or e-mail
//! the dead process had sent but not yet recorded may arrive twice; the test allows exactly
//! that and counts it.)

use crate::common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use common::process::{Server, import};
use serde_json::{Value, json};
use server::db::Db;

/// Processes.
const SERVERS: usize = 3;
/// Citizens submitting at once.
const CLIENTS: usize = 8;
/// Acknowledged submissions before the kill, and after it.
const BEFORE: usize = 60;
const AFTER: usize = 60;
/// The outbox lease: short, so that the dead process's deliveries are taken over soon. An
/// attempt is cut off at half of it.
const LEASE_MS: u64 = 10_000;
/// Sign-in attempts per account and quarter hour.
const SIGN_INS: usize = 3;

fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

// --- The webhook receiver ----------------------------------------------------------------

/// One webhook request as received.
#[derive(Debug, Clone)]
struct Hit {
    delivery: String,
    reference: String,
    /// The attachments' content in the body.
    files: Vec<Vec<u8>>,
    /// The process that sent it (the owner of the connection's socket).
    pid: Option<u32>,
    /// When it arrived (Unix ms, the clock the servers' leases use).
    at: i64,
    /// Answered 2xx.
    answered: bool,
}

#[derive(Default)]
struct Receiver {
    hits: Mutex<Vec<Hit>>,
    /// The server processes, to tell which one sent a request.
    pids: Mutex<Vec<u32>>,
    /// Requests from this process are held, never answered.
    hold: Mutex<Option<u32>>,
    held: AtomicUsize,
    port: Mutex<u16>,
}

/// The process among `pids` that holds the client end of the loopback connection from
/// `client_port` to `server_port` (Linux: the socket's inode in `/proc/net/tcp`, then the
/// process whose file descriptors include it).
fn socket_owner(client_port: u16, server_port: u16, pids: &[u32]) -> Option<u32> {
    let port = |a: &str| {
        a.rsplit(':')
            .next()
            .and_then(|p| u16::from_str_radix(p, 16).ok())
    };
    let mut inode = None;
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            // Established (01), with a real inode.
            if f.len() > 9
                && f[3] == "01"
                && f[9] != "0"
                && port(f[1]) == Some(client_port)
                && port(f[2]) == Some(server_port)
            {
                inode = Some(f[9].to_owned());
            }
        }
    }
    let link = format!("socket:[{}]", inode?);
    pids.iter().copied().find(|pid| {
        std::fs::read_dir(format!("/proc/{pid}/fd"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| std::fs::read_link(e.path()).is_ok_and(|l| l.as_os_str() == link.as_str()))
    })
}

async fn hook(
    State(rx): State<Arc<Receiver>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let pids = rx.pids.lock().unwrap().clone();
    let port = *rx.port.lock().unwrap();
    // Reading /proc/net/tcp is not atomic: a line can be missed while connections come and go.
    let mut pid = None;
    for _ in 0..20 {
        pid = socket_owner(peer.port(), port, &pids);
        if pid.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let doc: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let files = doc["attachments"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            BASE64
                .decode(a["content_base64"].as_str().unwrap_or_default())
                .unwrap_or_default()
        })
        .collect();
    let held = pid.is_some() && *rx.hold.lock().unwrap() == pid;
    rx.hits.lock().unwrap().push(Hit {
        delivery: headers
            .get("schalter-delivery")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        reference: doc["reference"].as_str().unwrap_or_default().to_owned(),
        files,
        pid,
        at: unix_ms(),
        answered: !held,
    });
    if held {
        // The process is about to die with this delivery in hand: no answer, ever.
        rx.held.fetch_add(1, Ordering::SeqCst);
        std::future::pending::<()>().await;
    }
    StatusCode::NO_CONTENT
}

async fn receiver() -> (String, Arc<Receiver>) {
    let rx = Arc::new(Receiver::default());
    let router = axum::Router::new()
        .route("/hook", axum::routing::post(hook))
        .layer(DefaultBodyLimit::disable())
        .with_state(rx.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    *rx.port.lock().unwrap() = addr.port();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap()
    });
    (format!("http://{addr}/hook"), rx)
}

// --- The citizens ------------------------------------------------------------------------

/// An acknowledged submission.
#[derive(Debug, Clone)]
struct Ack {
    key: String,
    reference: String,
    token: String,
    upload: String,
    content: Vec<u8>,
}

/// The processes as the citizens' load balancer sees them.
struct Pool {
    bases: Vec<String>,
    alive: Vec<AtomicBool>,
    in_flight: Vec<AtomicUsize>,
    next: AtomicUsize,
    /// Requests that failed without an answer (the process died under them).
    interrupted: AtomicUsize,
}

impl Pool {
    /// The next live process, round-robin.
    fn pick(&self) -> usize {
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed) % self.bases.len();
            if self.alive[i].load(Ordering::SeqCst) {
                return i;
            }
        }
    }

    /// Sends the request `make` builds to the next live process, and again to the next one
    /// for as long as no answer comes back (as the app retries with the same key).
    async fn send(
        &self,
        make: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> (usize, reqwest::Response) {
        loop {
            let i = self.pick();
            self.in_flight[i].fetch_add(1, Ordering::SeqCst);
            let res = make(&self.bases[i]).send().await;
            self.in_flight[i].fetch_sub(1, Ordering::SeqCst);
            match res {
                Ok(r) => return (i, r),
                Err(_) => {
                    self.interrupted.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
    }
}

fn pdf(key: &str, n: usize) -> Vec<u8> {
    let mut content = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    // Different sizes and bytes for each file.
    let size = 2_000 + (n * 7919) % 30_000;
    let seed = key
        .bytes()
        .fold(n as u32, |h, b| h.wrapping_mul(31) ^ u32::from(b));
    content.extend(
        (0..size as u32).map(|i| (seed.wrapping_add(i.wrapping_mul(2_654_435_761)) >> 24) as u8),
    );
    content
}

/// One citizen: uploads the file through one process, submits through the next.
async fn citizen(
    pool: &Pool,
    http: &reqwest::Client,
    version: &str,
    key: String,
    n: usize,
    email: String,
) -> Ack {
    let content = pdf(&key, n);
    let query = format!(
        "form=hundesteuer-th&version={version}&municipality={}&field=dogs.0.assistance_proof&name=nachweis.pdf&lang=de",
        common::SCHMOELLN
    );
    let (_, res) = pool
        .send(|base| {
            http.post(format!("{base}/api/v1/uploads?{query}"))
                .header("schalter-draft", &key)
                .header("content-type", "application/pdf")
                .body(content.clone())
        })
        .await;
    let status = res.status();
    let upload: Value = res.json().await.unwrap();
    assert_eq!(status, 201, "upload: {upload}");
    let upload = upload["id"].as_str().unwrap().to_owned();

    let mut answers = common::dog_answers();
    answers["email"] = json!(email);
    answers["dogs"][0]["kind"] = json!("assistance");
    answers["dogs"][0]["assistance_proof"] = json!([{ "id": upload, "name": "nachweis.pdf", "size": content.len(), "type": "application/pdf" }]);
    let body = common::dog_submission(&key, version, "de", &answers);
    let (_, res) = pool
        .send(|base| http.post(format!("{base}/api/v1/submissions")).json(&body))
        .await;
    let status = res.status();
    let created: Value = res.json().await.unwrap();
    // 201, or 200 where an answer lost with a dead process is repeated by another.
    assert!(
        status == 201 || (status == 200 && created["replayed"] == json!(true)),
        "submit {key}: {status} {created}"
    );
    Ack {
        key,
        reference: created["receipt"]["reference"].as_str().unwrap().to_owned(),
        token: created["access_token"].as_str().unwrap().to_owned(),
        upload,
        content,
    }
}

// --- State every process shares -----------------------------------------------------------

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("schalter_session=") && !v.contains("Max-Age=0"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

/// A session begun on one process works on the others and ends on all when ended on one; a
/// draft saved through one is read through another; sign-in attempts are counted across all.
async fn sessions_drafts_and_throttles_are_shared(db: &Db, bases: &[String]) {
    let http = reqwest::Client::new();
    let call = |i: usize, method: reqwest::Method, path: &str, cookie: Option<&str>| {
        let mut req = http
            .request(method, format!("{}{path}", bases[i % bases.len()]))
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req
    };
    let email = format!("scaleout-{}@example.ch", uuid::Uuid::new_v4().simple());
    let password = "ein langes Passwort";
    let id = uuid::Uuid::new_v4().to_string();
    let hash = server::accounts::passwords::Hasher::new(1, 1)
        .hash(password.into())
        .await
        .unwrap();
    let profile = json!({"given_name": "Dora", "family_name": "Muster"});
    server::accounts::store::insert(db, &id, &email, &hash, profile.as_object().unwrap(), "de")
        .await
        .unwrap();
    server::accounts::store::set_verified(db, &id)
        .await
        .unwrap();

    // Signed in on process 0 ...
    let res = call(0, reqwest::Method::POST, "/api/v1/session", None)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = session_cookie(&res).expect("a session cookie");
    // ... a draft saved on process 1 ...
    let key = format!("scaleout-draft-{}", uuid::Uuid::new_v4().simple());
    let res = call(1, reqwest::Method::PUT, &format!("/api/v1/account/drafts/{key}"), Some(&cookie))
        .json(&json!({"base_revision": null, "form": "hundesteuer-th", "version": "2.1", "municipality": common::SCHMOELLN,
                      "data": {"answers": {"given_name": "Dora"}, "step": "halter"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    // ... is there on process 2.
    let res = call(
        2,
        reqwest::Method::GET,
        "/api/v1/account/drafts",
        Some(&cookie),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(res.status(), 200);
    let drafts: Value = res.json().await.unwrap();
    assert_eq!(drafts[0]["key"], json!(key), "{drafts}");
    assert_eq!(drafts[0]["data"]["answers"]["given_name"], "Dora");
    // Signed out on process 2: the cookie opens nothing on process 0 either.
    let res = call(2, reqwest::Method::DELETE, "/api/v1/session", Some(&cookie))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    for i in 0..bases.len() {
        let res = call(i, reqwest::Method::GET, "/api/v1/account", Some(&cookie))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            401,
            "process {i} still knows the ended session"
        );
    }

    // Guessing a password: the attempts through all processes count together.
    let target = format!("target-{}@example.ch", uuid::Uuid::new_v4().simple());
    for i in 0..SIGN_INS {
        let res = call(i, reqwest::Method::POST, "/api/v1/session", None)
            .json(&json!({"email": target, "password": format!("guess {i}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "attempt {i}");
    }
    for i in 0..bases.len() {
        let res = call(i, reqwest::Method::POST, "/api/v1/session", None)
            .json(&json!({"email": target, "password": "one more"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            429,
            "process {i} lets a further attempt through"
        );
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "rate_limited");
    }
}

// --- Reading the e-mails ------------------------------------------------------------------

/// The confirmation e-mails in `maildir` to addresses starting with `prefix`: per address,
/// the times they arrived (Unix ms).
fn mails_to(maildir: &Path, prefix: &str) -> HashMap<String, Vec<i64>> {
    let mut found: HashMap<String, Vec<i64>> = HashMap::new();
    for dir in ["new", "cur"] {
        for entry in std::fs::read_dir(maildir.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let Ok(raw) = std::fs::read(entry.path()) else {
                continue;
            };
            let head = String::from_utf8_lossy(&raw[..raw.len().min(8192)]);
            let Some(to) = head
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .find_map(|l| l.strip_prefix("To: "))
                .map(|t| t.trim().trim_matches(|c| c == '<' || c == '>').to_owned())
            else {
                continue;
            };
            if to.starts_with(prefix) {
                let at = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .unwrap()
                    .as_millis() as i64;
                found.entry(to).or_default().push(at);
            }
        }
    }
    found
}

// --- The test ----------------------------------------------------------------------------

#[derive(Debug, sqlx::FromRow)]
struct OutboxRow {
    kind: String,
    reference: String,
    target: String,
    delivery_id: String,
    attempts: i64,
    locked_until: Option<i64>,
    delivered_at: Option<i64>,
    failed_at: Option<i64>,
}

async fn outbox(db: &Db) -> Vec<OutboxRow> {
    sqlx::query_as(
        "SELECT o.kind, s.reference, o.target, o.delivery_id, o.attempts, o.locked_until, \
         o.delivered_at, o.failed_at FROM outbox o JOIN submissions s ON s.id = o.submission_id \
         ORDER BY o.id",
    )
    .fetch_all(db.pool())
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_servers_on_postgres_and_s3_lose_nothing_when_one_is_killed() {
    let (Some(pg), Some(s3)) = (common::postgres_url(), common::s3_url()) else {
        return;
    };
    let smtp = common::mail::smtp();
    let started = Instant::now();
    let db_url = common::fresh_postgres_database(&pg).await;
    let bucket = common::fresh_bucket(&s3).await;
    import(&db_url);
    let db = Db::connect(&db_url).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (hook_url, rx) = receiver().await;
    let run = format!("so{}x{}", std::process::id(), unix_ms() % 1_000_000);

    let attachments = format!("s3://{bucket}/attachments");
    let lease = LEASE_MS.to_string();
    let sign_ins = SIGN_INS.to_string();
    let mut settings: Vec<(&str, &str)> = vec![
        ("SCHALTER_ATTACHMENTS", &attachments),
        ("AWS_ENDPOINT", &s3),
        ("AWS_ALLOW_HTTP", "true"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "schalter-test"),
        ("AWS_SECRET_ACCESS_KEY", "schalter-test"),
        ("SCHALTER_OUTBOX_POLL_MS", "100"),
        ("SCHALTER_OUTBOX_LEASE_MS", &lease),
        ("SCHALTER_OUTBOX_BACKOFF_BASE_MS", "200"),
        ("SCHALTER_LIMIT_UPLOADS_PER_HOUR", "1000000"),
        ("SCHALTER_LIMIT_SIGN_INS_PER_ACCOUNT", &sign_ins),
    ];
    if let Some((url, _)) = &smtp {
        settings.push(("SCHALTER_SMTP_URL", url));
    }
    let mut servers: Vec<Option<Server>> = (0..SERVERS)
        .map(|i| {
            let own = dir.path().join(format!("server{i}"));
            Some(Server::start_with(&db_url, &own, &settings))
        })
        .collect();
    let pids: Vec<u32> = servers.iter().map(|s| s.as_ref().unwrap().pid()).collect();
    *rx.pids.lock().unwrap() = pids.clone();
    let bases: Vec<String> = servers
        .iter()
        .map(|s| s.as_ref().unwrap().base.clone())
        .collect();

    sessions_drafts_and_throttles_are_shared(&db, &bases).await;

    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let version = http
        .get(format!(
            "{}/api/v1/forms/hundesteuer-th?municipality={}",
            bases[1],
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
    // The authority's endpoint, learned from a first submission (which goes out by e-mail
    // only: it was routed before the endpoint existed).
    let mut first = common::dog_answers();
    first["email"] = json!(format!("{run}-first@example.de"));
    let res = http
        .post(format!("{}/api/v1/submissions", bases[2]))
        .json(&common::dog_submission(
            &format!("{run}-first"),
            &version,
            "de",
            &first,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let authority = res.json::<Value>().await.unwrap()["receipt"]["authority"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let endpoint = server::handoff::webhook::add_endpoint(
        &db,
        &authority,
        &hook_url,
        server::handoff::export::Format::Json,
    )
    .await
    .unwrap();

    // The load: citizens round-robin over every live process.
    let pool = Arc::new(Pool {
        bases: bases.clone(),
        alive: (0..SERVERS).map(|_| AtomicBool::new(true)).collect(),
        in_flight: (0..SERVERS).map(|_| AtomicUsize::new(0)).collect(),
        next: AtomicUsize::new(0),
        interrupted: AtomicUsize::new(0),
    });
    let acks: Arc<Mutex<Vec<Ack>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (pool, http, version, acks, stop, run) = (
                pool.clone(),
                http.clone(),
                version.clone(),
                acks.clone(),
                stop.clone(),
                run.clone(),
            );
            tokio::spawn(async move {
                let mut i = 0;
                while !stop.load(Ordering::SeqCst) {
                    i += 1;
                    let key = format!("{run}-{c:02}-{i:05}");
                    let email = format!("{key}@example.de");
                    let ack = citizen(&pool, &http, &version, key, c * 1000 + i, email).await;
                    acks.lock().unwrap().push(ack);
                }
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(60);
    // Whether `done`; a failure if the deadline passed or a citizen's task failed.
    let wait_for = |what: &'static str, done: &dyn Fn() -> bool| {
        let ok = done();
        assert!(
            ok || Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        assert!(
            ok || !clients.iter().any(|c| c.is_finished()),
            "a citizen failed (see above) while waiting for {what}"
        );
        ok
    };
    while !wait_for("acknowledgements before the kill", &|| {
        acks.lock().unwrap().len() >= BEFORE
    }) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // Process 0's webhook requests are held from now on: it dies with deliveries in hand,
    // and with citizens' requests in flight.
    let victim = 0;
    *rx.hold.lock().unwrap() = Some(pids[victim]);
    while !wait_for("a delivery held by the victim", &|| {
        rx.held.load(Ordering::SeqCst) >= 1
    }) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    while !wait_for("requests in flight to the victim", &|| {
        pool.in_flight[victim].load(Ordering::SeqCst) >= 2
    }) {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let acked_before_kill = acks.lock().unwrap().len();
    servers[victim].take().unwrap().sigkill();
    let killed_at = unix_ms();
    pool.alive[victim].store(false, Ordering::SeqCst);
    // The leases the dead process left behind.
    let leases_at_kill: HashMap<String, Option<i64>> = outbox(&db)
        .await
        .into_iter()
        .map(|r| (r.delivery_id, r.locked_until))
        .collect();

    // The others go on.
    while !wait_for("acknowledgements after the kill", &|| {
        acks.lock().unwrap().len() >= acked_before_kill + AFTER
    }) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        c.await.unwrap();
    }
    let acks = acks.lock().unwrap().clone();
    let interrupted = pool.interrupted.load(Ordering::SeqCst);
    assert!(
        interrupted >= 1,
        "the kill should catch citizens' requests in flight"
    );

    // Every acknowledged submission is stored once, with the reference it was acknowledged
    // with, and its file attached; nothing else was stored.
    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT idempotency_key, reference FROM submissions")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let by_key: HashMap<&str, &str> = stored
        .iter()
        .map(|(k, r)| (k.as_str(), r.as_str()))
        .collect();
    assert_eq!(by_key.len(), stored.len(), "no key stored twice");
    assert_eq!(
        stored.len(),
        acks.len() + 1,
        "every submission sent was acknowledged in the end"
    );
    for a in &acks {
        assert_eq!(
            by_key.get(a.key.as_str()),
            Some(&a.reference.as_str()),
            "{}",
            a.key
        );
    }
    let attached: Vec<(String, String)> = sqlx::query_as(
        "SELECT s.reference, u.id FROM uploads u JOIN submissions s ON s.id = u.submission_id",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let attached: HashMap<&str, Vec<&str>> =
        attached.iter().fold(HashMap::new(), |mut m, (r, u)| {
            m.entry(r.as_str()).or_default().push(u.as_str());
            m
        });
    for a in &acks {
        assert_eq!(
            attached.get(a.reference.as_str()),
            Some(&vec![a.upload.as_str()])
        );
    }

    // The bytes are in the bucket (one listing page: fewer than 1000 keys), and the survivors,
    // taking turns, read every file back.
    let listing = http
        .get(format!(
            "{s3}/{bucket}?list-type=2&prefix=attachments/uploads/"
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let objects = listing.matches("<Key>").count();
    assert!(
        objects >= acks.len() && objects < 1000,
        "{objects} objects in the bucket"
    );
    let survivors: Vec<usize> = (0..SERVERS).filter(|i| *i != victim).collect();
    for (n, a) in acks.iter().enumerate() {
        let base = &bases[survivors[n % survivors.len()]];
        let res = http
            .get(format!(
                "{base}/api/v1/submissions/{}/attachments/{}",
                a.reference, a.upload
            ))
            .bearer_auth(&a.token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "attachment of {}", a.reference);
        assert!(
            res.bytes().await.unwrap() == a.content,
            "the attachment of {} differs",
            a.reference
        );
    }

    // The outbox drains: every delivery done, none given up (without an SMTP server the
    // e-mails wait: only the webhooks).
    let rows = loop {
        let mut rows = outbox(&db).await;
        rows.retain(|r| r.kind == "webhook" || smtp.is_some());
        if rows
            .iter()
            .all(|r| r.delivered_at.is_some() || r.failed_at.is_some())
        {
            break rows;
        }
        assert!(
            Instant::now() < deadline + Duration::from_millis(2 * LEASE_MS),
            "the outbox did not drain: {:?}",
            rows.iter()
                .filter(|r| r.delivered_at.is_none())
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        rows.iter().all(|r| r.failed_at.is_none()),
        "{:?}",
        rows.iter()
            .filter(|r| r.failed_at.is_some())
            .collect::<Vec<_>>()
    );

    // One webhook per acknowledged submission, answered exactly once.
    let hits = rx.hits.lock().unwrap().clone();
    let unknown: Vec<&Hit> = hits.iter().filter(|h| h.pid.is_none()).collect();
    assert!(
        unknown.is_empty(),
        "requests from an unknown process (the kill at {killed_at}): {:?}",
        unknown
            .iter()
            .map(|h| (&h.reference, h.at, h.answered))
            .collect::<Vec<_>>()
    );
    let webhooks: HashMap<&str, &OutboxRow> = rows
        .iter()
        .filter(|r| r.kind == "webhook")
        .map(|r| (r.reference.as_str(), r))
        .collect();
    assert_eq!(webhooks.len(), acks.len());
    let mut by_delivery: HashMap<&str, Vec<&Hit>> = HashMap::new();
    for h in &hits {
        by_delivery.entry(h.delivery.as_str()).or_default().push(h);
    }
    assert_eq!(by_delivery.len(), acks.len(), "deliveries nobody queued");
    let victim_pid = Some(pids[victim]);
    let mut taken_over = 0;
    let mut answered_twice = 0;
    for a in &acks {
        let row = webhooks[a.reference.as_str()];
        assert_eq!(row.target, endpoint.id);
        let got = &by_delivery[row.delivery_id.as_str()];
        for h in got {
            assert_eq!(h.reference, a.reference);
            assert!(
                h.files == vec![a.content.clone()],
                "the file in the webhook of {}",
                a.reference
            );
        }
        let answered: Vec<&&Hit> = got.iter().filter(|h| h.answered).collect();
        match answered.as_slice() {
            [_] => {}
            // At least once: the dead process had its answer but not the time to record it.
            [first, _] if first.pid == victim_pid && first.at <= killed_at => answered_twice += 1,
            _ => panic!(
                "delivery of {} answered {} times: {got:?}",
                a.reference,
                answered.len()
            ),
        }
        if got.iter().any(|h| !h.answered) {
            // Held by the dead process: taken over by a survivor once its lease had run out.
            assert!(
                got.iter()
                    .filter(|h| !h.answered)
                    .all(|h| h.pid == victim_pid)
            );
            let lease = leases_at_kill[row.delivery_id.as_str()].expect("leased at the kill");
            let [taker] = answered.as_slice() else {
                panic!("{got:?}")
            };
            assert_ne!(taker.pid, victim_pid);
            assert!(
                taker.at > lease,
                "taken over at {} before the lease ran out at {lease}",
                taker.at
            );
            assert_eq!(
                row.attempts, 1,
                "the dead process's attempt left no trace but its lease"
            );
            taken_over += 1;
        }
    }
    assert!(taken_over >= 1, "the victim held deliveries");

    // One confirmation e-mail each (a second only where the dead process had sent it).
    let mut mailed_twice = 0;
    if let Some((_, maildir)) = &smtp {
        let mails = mails_to(maildir, &format!("{run}-"));
        assert_eq!(
            mails.len(),
            acks.len() + 1,
            "every citizen got a confirmation"
        );
        for (to, mut at) in mails {
            at.sort();
            match at.as_slice() {
                [_] => {}
                // The dead process's copy may reach the SMTP server after the kill was sent
                // (its last bytes were already on the wire), but no later than a survivor could
                // first take the row over (the lease); the survivor's copy comes after the kill.
                [first, second] if *first <= killed_at + LEASE_MS as i64 && *second > killed_at => {
                    mailed_twice += 1
                }
                _ => panic!("{to} got {} confirmations", at.len()),
            }
        }
    }

    // The survivors worked through it all without an error or a lost lease.
    for s in servers.iter().flatten() {
        let log = s.log.lock().unwrap();
        let errors: Vec<&String> = log
            .iter()
            .filter(|l| l.contains(r#""level":"ERROR""#) || l.contains("lease ran out"))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    println!(
        "scale-out: {} processes, {} acknowledged ({acked_before_kill} before the SIGKILL), \
         {interrupted} requests cut off by it, {taken_over} leased deliveries taken over, \
         {answered_twice} webhooks and {mailed_twice} e-mails sent twice by the dead process, \
         {objects} objects in the bucket, {} ms",
        SERVERS,
        acks.len(),
        started.elapsed().as_millis()
    );
    drop(servers);
}
