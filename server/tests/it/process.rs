//! The `schalter` binary as an operator runs it, and readiness when the database goes away.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// `schalter serve` configured by environment only: it logs JSON, answers, and on SIGTERM
/// finishes and exits cleanly.
#[test]
fn serve_reads_env_logs_json_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested/portal.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_schalter"))
        .arg("serve")
        .env(
            "SCHALTER_DATABASE_URL",
            format!("sqlite://{}", db.display()),
        )
        .env("SCHALTER_BIND", "127.0.0.1:0")
        .env("SCHALTER_DIST", dir.path().join("no-dist"))
        .env("SCHALTER_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();

    let addr = loop {
        let line = lines
            .next()
            .expect("server exited before listening")
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).expect("every log line is JSON");
        if let Some(addr) = v.get("addr").and_then(|a| a.as_str()) {
            break addr.to_owned();
        }
    };
    assert!(db.exists(), "the SQLite file and its folder are created");

    let rt = tokio::runtime::Runtime::new().unwrap();
    let (status, body) = rt.block_on(async {
        let res = reqwest::get(format!("http://{addr}/health")).await.unwrap();
        (res.status(), res.text().await.unwrap())
    });
    assert_eq!(status, 200);
    assert!(body.contains("\"ok\""));

    // The request shows up as a structured log event with its path and status.
    let logged = loop {
        let line = lines.next().expect("log ends early").unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        if v.get("status").is_some() {
            break v;
        }
    };
    assert_eq!(logged["status"], 200);
    assert_eq!(logged["span"]["path"], "/health", "{logged}");

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "server did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "graceful exit, got {status:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        rest.iter().any(|l| l.contains("shut down cleanly")),
        "{rest:?}"
    );
}

/// A TCP proxy in front of PostgreSQL that can be cut and restored, to make the database
/// vanish and come back without touching the shared test server.
struct Proxy {
    port: u16,
    upstream: String,
    tasks: Vec<JoinHandle<()>>,
    conns: Arc<std::sync::Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(upstream: String, port: u16) -> Proxy {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let conns = Arc::new(std::sync::Mutex::new(Vec::new()));
        let accept_conns = conns.clone();
        let up = upstream.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let up = up.clone();
                let handle = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(&up).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                accept_conns.lock().unwrap().push(handle);
            }
        });
        Proxy {
            port,
            upstream,
            tasks: vec![accept],
            conns,
        }
    }

    /// Cuts every connection and stops listening.
    fn cut(&mut self) {
        for t in self.tasks.drain(..) {
            t.abort();
        }
        for c in self.conns.lock().unwrap().drain(..) {
            c.abort();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_follows_the_database() {
    let Some(server_url) = common::postgres_url() else {
        return;
    };
    let db_url = common::fresh_postgres_database(&server_url).await;
    // postgres://user@host:port/db → host:port and the URL through the proxy.
    let after_at = db_url.split_once('@').unwrap().1;
    let host_port = after_at.split_once('/').unwrap().0.to_owned();
    let mut proxy = Proxy::start(host_port.clone(), 0).await;
    let via_proxy = db_url.replace(&host_port, &format!("127.0.0.1:{}", proxy.port));

    let db = server::db::Db::connect(&via_proxy).await.unwrap();
    db.migrate().await.unwrap();
    // A portal with nothing imported is not ready whatever its database does.
    server::catalogue::import::run(&db, &common::import_options())
        .await
        .unwrap();
    let catalogue = server::catalogue::LiveCatalogue::load(&db).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let attachments = server::attachments::Attachments::open(dir.path().to_str().unwrap()).unwrap();
    let access = server::submissions::AccessKey::load(&db).await.unwrap();
    let app = server::http::app(server::AppState {
        core: server::Core {
            catalogue,
            limits: server::limits::Limits::new(db.clone(), Default::default()),
            accounts: server::accounts::Accounts::new(
                db.clone(),
                server::limits::Limits::new(db.clone(), Default::default()),
                None,
                Default::default(),
            ),
            payments: Default::default(),
            db,
            attachments,
            policy: server::access::Policy::new(access),
        },
        site: Arc::new(server::http::static_files::Site::none()),
        trusted_proxies: Default::default(),
        hsts: false,
    });
    let ready = |app: axum::Router| async move {
        use tower::ServiceExt;
        let req = axum::http::Request::get("/ready")
            .body(axum::body::Body::empty())
            .unwrap();
        app.oneshot(req).await.unwrap().status().as_u16()
    };

    assert_eq!(ready(app.clone()).await, 200);
    proxy.cut();
    assert_eq!(ready(app.clone()).await, 503, "database gone");
    assert_eq!(ready(app.clone()).await, 503, "still gone");

    let port = proxy.port;
    let _proxy = Proxy::start(proxy.upstream.clone(), port).await;
    assert_eq!(ready(app.clone()).await, 200, "database back");
}
