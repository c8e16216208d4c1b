//! Limits that hold across processes: two `schalter` servers on one PostgreSQL share the
//! allowance of submissions and uploads per client address and of confirmation e-mails per
//! recipient; a refusal is 429 JSON with `Retry-After`. Searches are limited per process. Also
//! the transport bounds the servers run with: slow headers are cut off, HSTS behind https, and
//! the metrics listener apart from the public address.

use crate::common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::process::{Server, import};
use serde_json::{Value, json};

async fn call(req: reqwest::RequestBuilder) -> (u16, Option<String>, Value) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let retry = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, retry, res.json().await.unwrap_or(Value::Null))
}

fn pdf() -> Vec<u8> {
    let mut b = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    b.resize(400, b' ');
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_hold_across_two_servers_on_one_postgresql() {
    let Some(server_url) = common::postgres_url() else {
        return;
    };
    let db_url = common::fresh_postgres_database(&server_url).await;
    import(&db_url);
    let files = tempfile::tempdir().unwrap();
    let limits = [
        ("SCHALTER_LIMIT_SUBMISSIONS_PER_HOUR", "6"),
        ("SCHALTER_LIMIT_EMAILS_PER_DAY", "3"),
        ("SCHALTER_LIMIT_UPLOADS_PER_HOUR", "4"),
        ("SCHALTER_LIMIT_SEARCHES_PER_MINUTE", "5"),
    ];
    let mut with_metrics = limits.to_vec();
    with_metrics.push(("SCHALTER_METRICS_BIND", "127.0.0.1:0"));
    let a = Server::start_with(&db_url, files.path(), &with_metrics);
    let b = Server::start_with(&db_url, files.path(), &limits);
    let client = reqwest::Client::new();
    let version = call(client.get(format!(
        "{}/api/v1/forms/hundesteuer-th?municipality={}",
        a.base,
        common::SCHMOELLN
    )))
    .await
    .2["version"]
        .as_str()
        .unwrap()
        .to_owned();
    let submit = |server: &Server, n: u32, email: &str| {
        let mut answers = common::dog_answers();
        answers["email"] = json!(email);
        client
            .post(format!("{}/api/v1/submissions", server.base))
            .json(&common::dog_submission(
                &format!("91c2e8d4-limits-two-servers-{n:04}"),
                &version,
                "en",
                &answers,
            ))
    };

    // Confirmation e-mails: three to one address a day, whichever server takes them.
    for (n, server) in [(1, &a), (2, &b), (3, &a)] {
        let (status, _, body) = call(submit(server, n, "anna@example.org")).await;
        assert_eq!(status, 201, "{body}");
    }
    let (status, retry, body) = call(submit(&b, 4, "ANNA@example.org")).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (429, Some("email_quota")),
        "{body}"
    );
    assert!(retry.unwrap().parse::<u64>().unwrap() > 0);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Too many confirmations"),
        "{body}"
    );
    // A retry of a stored submission is no new submission: it never counts.
    let (status, _, _) = call(submit(&b, 1, "anna@example.org")).await;
    assert_eq!(status, 200);

    // Submissions: six attempts an hour from one address, over both servers together.
    for (n, server) in [(5, &b), (6, &a)] {
        let (status, _, body) = call(submit(server, n, &format!("user{n}@example.org"))).await;
        assert_eq!(status, 201, "{body}");
    }
    for server in [&a, &b] {
        let (status, retry, body) = call(submit(server, 7, "user7@example.org")).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (429, Some("rate_limited")),
            "{body}"
        );
        let secs: u64 = retry.unwrap().parse().unwrap();
        assert!((1..=3600).contains(&secs), "{secs}");
        assert_eq!(body["details"]["retry_after"], secs);
    }

    // Uploads: four an hour from one address, over both servers.
    let upload = |server: &Server| {
        client
            .post(format!(
                "{}/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={}&field=dogs.0.assistance_proof&name=n.pdf",
                server.base,
                common::SCHMOELLN
            ))
            .header("schalter-draft", "91c2e8d4-limits-upload-draft")
            .body(pdf())
    };
    for server in [&a, &b, &a, &b] {
        assert_eq!(call(upload(server)).await.0, 201);
    }
    let (status, _, body) = call(upload(&a)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (429, Some("rate_limited")),
        "{body}"
    );

    // Searches are answered from memory: limited per process.
    let search = |server: &Server| client.get(format!("{}/api/v1/search?q=hund", server.base));
    for _ in 0..5 {
        assert_eq!(call(search(&a)).await.0, 200);
    }
    let (status, retry, body) = call(search(&a)).await;
    assert_eq!((status, body["code"].as_str()), (429, Some("rate_limited")));
    assert!(retry.is_some());
    assert_eq!(
        call(search(&b)).await.0,
        200,
        "the other process has its own allowance"
    );

    // Operators see it in the metrics, served apart from the public address.
    let metrics_at = a
        .logged_field("bound")
        .expect("the metrics listener's address");
    let text = client
        .get(format!("http://{metrics_at}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for expected in [
        "schalter_http_requests_total{method=\"POST\",route=\"/api/v1/submissions\",status=\"201\"}",
        "schalter_rate_limited_total{bucket=\"submission\"}",
        "schalter_rate_limited_total{bucket=\"search\"} 1",
        "schalter_submissions_total",
        "schalter_uploads_total",
        "schalter_searches_total 5",
        "schalter_http_request_duration_seconds_bucket",
        "schalter_db_pool_connections",
        "schalter_db_up 1",
        "schalter_outbox_queue_depth",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let public = client
        .get(format!("{}/metrics", a.base))
        .send()
        .await
        .unwrap();
    let body = public.text().await.unwrap();
    assert!(
        !body.contains("schalter_http_requests_total"),
        "metrics on the public address"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_are_cut_off_and_https_portals_send_hsts() {
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("t.db").display());
    import(&db_url);
    let server = Server::start_with(
        &db_url,
        dir.path(),
        &[
            ("SCHALTER_HEADER_TIMEOUT_SECS", "1"),
            ("SCHALTER_PUBLIC_URL", "https://portal.example"),
        ],
    );
    let addr = server.base.trim_start_matches("http://").to_owned();
    // A request whose headers never end: the connection is closed, not held.
    let mut slow = std::net::TcpStream::connect(&addr).unwrap();
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    let read = slow.read(&mut buf);
    assert!(
        matches!(read, Ok(0)) || started.elapsed() < Duration::from_secs(4),
        "still open after {:?}: {read:?}",
        started.elapsed()
    );
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "closed before the timeout"
    );
    // A normal request is answered, with the production transport header.
    let res = reqwest::get(format!("{}/health", server.base))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=63072000; includeSubDomains"
    );
    let plain_dir = tempfile::tempdir().unwrap();
    let plain = Server::start(&db_url, plain_dir.path());
    let res = reqwest::get(format!("{}/health", plain.base))
        .await
        .unwrap();
    assert!(res.headers().get("strict-transport-security").is_none());
}

/// Bürgerkonto sessions and sign-in throttles live in the database: signed in through one
/// server, the session works on the other and ends on both; wrong passwords sent to both count
/// against one allowance.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_and_sign_in_throttles_hold_across_two_servers() {
    let Some(server_url) = common::postgres_url() else {
        return;
    };
    let db_url = common::fresh_postgres_database(&server_url).await;
    let db = server::db::Db::connect(&db_url).await.unwrap();
    db.migrate().await.unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    let hash = server::accounts::passwords::Hasher::new(1, 1)
        .hash("zwei Server, ein Konto".into())
        .await
        .unwrap();
    let profile = json!({"given_name": "Zora", "family_name": "Zwei"});
    server::accounts::store::insert(
        &db,
        &id,
        "zora@example.ch",
        &hash,
        profile.as_object().unwrap(),
        "de",
    )
    .await
    .unwrap();
    server::accounts::store::set_verified(&db, &id)
        .await
        .unwrap();

    let files = tempfile::tempdir().unwrap();
    let settings = [("SCHALTER_LIMIT_SIGN_INS_PER_ACCOUNT", "4")];
    let a = Server::start_with(&db_url, files.path(), &settings);
    let b = Server::start_with(&db_url, files.path(), &settings);
    // One browser: cookies belong to the host, whatever the port.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let sign_in = |server: &Server, password: &str| {
        browser
            .post(format!("{}/api/v1/session", server.base))
            .json(&json!({"email": "zora@example.ch", "password": password}))
    };
    let (s, _, info) = call(sign_in(&a, "zwei Server, ein Konto")).await;
    assert_eq!((s, &info["account"]["given_name"]), (200, &json!("Zora")));
    let (s, _, profile) = call(browser.get(format!("{}/api/v1/account", b.base))).await;
    assert_eq!(
        (s, &profile["email"]),
        (200, &json!("zora@example.ch")),
        "the other server knows the session"
    );
    let (s, _, _) = call(browser.delete(format!("{}/api/v1/session", b.base))).await;
    assert_eq!(s, 204);
    let (s, _, _) = call(browser.get(format!("{}/api/v1/account", a.base))).await;
    assert_eq!(s, 401, "signed out on one server is signed out on both");

    // Four attempts per account, whichever server they reach.
    let mut statuses = Vec::new();
    for i in 0..6 {
        let server = if i % 2 == 0 { &a } else { &b };
        let (s, retry, _) = call(sign_in(server, "falsches Passwort")).await;
        statuses.push(s);
        if s == 429 {
            assert!(retry.is_some());
        }
    }
    assert_eq!(statuses, [401, 401, 401, 401, 429, 429]);
    // The right password is throttled too now (nobody learns it by trying on).
    let (s, _, _) = call(sign_in(&b, "zwei Server, ein Konto")).await;
    assert_eq!(s, 429);
}
