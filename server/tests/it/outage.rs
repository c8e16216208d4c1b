//! A database that goes away under a running server: PostgreSQL is stopped for real while the
//! `schalter` binary serves. Reads and writes that need it answer 503 JSON with `Retry-After`
//! (searches, which need only the catalogue in memory, go on); the outage is logged once; when
//! PostgreSQL is back the same process serves again without a restart, and a submission refused
//! during the outage is then stored exactly once.

use crate::common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::process::{Server, import};
use serde_json::Value;

/// A PostgreSQL of this test's own (scripts/pg.sh on a free port), so stopping it disturbs
/// nobody else.
struct OwnPostgres {
    port: u16,
    dir: tempfile::TempDir,
}

impl OwnPostgres {
    fn script() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/pg.sh")
    }

    fn run(&self, action: &str) -> String {
        let out = Command::new("bash")
            .arg(Self::script())
            .arg(action)
            .env("SCHALTER_TEST_PG_PORT", self.port.to_string())
            .env("SCHALTER_TEST_PG_DIR", self.dir.path().join("pg"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg.sh {action}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    /// Starts one, or `None` where PostgreSQL is not installed (unless it is required).
    fn start() -> Option<(OwnPostgres, String)> {
        let installed = Command::new("bash")
            .args(["-c", "source \"$0\"/../scripts/env.sh && command -v initdb"])
            .arg(env!("CARGO_MANIFEST_DIR"))
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            assert!(
                std::env::var("SCHALTER_TEST_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "PostgreSQL (initdb) is required for the outage test"
            );
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // The server runs as the postgres user when the tests run as root.
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        let pg = OwnPostgres { port, dir };
        let url = pg.run("start");
        Some((pg, url))
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(Self::script())
            .arg("stop")
            .env("SCHALTER_TEST_PG_PORT", self.port.to_string())
            .env("SCHALTER_TEST_PG_DIR", self.dir.path().join("pg"))
            .output();
    }
}

async fn call(
    client: &reqwest::Client,
    req: reqwest::RequestBuilder,
) -> (u16, Option<String>, Value) {
    let res = client.execute(req.build().unwrap()).await.unwrap();
    let status = res.status().as_u16();
    let retry = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = res.json::<Value>().await.unwrap_or(Value::Null);
    (status, retry, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_under_a_running_server() {
    let Some((pg, url)) = OwnPostgres::start() else {
        return;
    };
    let db_url = common::fresh_postgres_database(&url).await;
    import(&db_url);
    let files = tempfile::tempdir().unwrap();
    let server = Server::start(&db_url, files.path());
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let base = server.base.clone();
    let form = format!(
        "{base}/api/v1/forms/hundesteuer-th?municipality={}",
        common::SCHMOELLN
    );
    let (status, _, body) = call(&client, client.get(&form)).await;
    assert_eq!(status, 200, "{body}");
    let version = body["version"].as_str().unwrap().to_owned();
    let submission = |key: &str, lang: &str| {
        client
            .post(format!("{base}/api/v1/submissions"))
            .json(&common::dog_submission(
                key,
                &version,
                lang,
                &common::dog_answers(),
            ))
    };
    let (status, _, first) = call(&client, submission("7d3e5a10-outage-test-00001", "de")).await;
    assert_eq!(status, 201, "{first}");
    let reference = first["receipt"]["reference"].as_str().unwrap().to_owned();
    let token = first["access_token"].as_str().unwrap().to_owned();
    let receipt = format!("{base}/api/v1/submissions/{reference}");

    pg.run("pause");

    // Reads and writes that need the database: 503 JSON with Retry-After, in the request's
    // language, nothing internal in the message.
    let unavailable = |(status, retry, body): (u16, Option<String>, Value), what: &str| {
        assert_eq!(status, 503, "{what}: {body}");
        assert_eq!(retry.as_deref(), Some("5"), "{what}");
        assert_eq!(body["code"], "unavailable", "{what}: {body}");
        assert_eq!(body["details"]["retry_after"], 5, "{what}");
        let message = body["message"].as_str().unwrap();
        assert!(
            !message.to_lowercase().contains("postgres") && !message.contains("sqlx"),
            "{message}"
        );
    };
    unavailable(call(&client, client.get(&form)).await, "form");
    unavailable(
        call(&client, client.get(&receipt).bearer_auth(&token)).await,
        "receipt",
    );
    let (status, retry, body) = call(&client, submission("7d3e5a10-outage-test-00002", "fr")).await;
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Le service est momentanément indisponible"),
        "{body}"
    );
    unavailable((status, retry, body), "submission");
    let (status, _, _) = call(&client, client.get(format!("{base}/ready"))).await;
    assert_eq!(status, 503, "not ready");
    // The catalogue is in memory: the search goes on.
    let (status, _, body) = call(&client, client.get(format!("{base}/api/v1/search?q=hund"))).await;
    assert_eq!(status, 200, "{body}");
    unavailable(call(&client, client.get(&form)).await, "form again");

    pg.run("resume");

    // The same process serves again, without a restart.
    let started = Instant::now();
    loop {
        let (status, _, _) = call(&client, client.get(&form)).await;
        if status == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "still {status} after 30 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (status, _, body) = call(&client, client.get(&receipt).bearer_auth(&token)).await;
    assert_eq!(
        (status, body["reference"].as_str()),
        (200, Some(reference.as_str()))
    );
    let (status, _, second) = call(&client, submission("7d3e5a10-outage-test-00002", "fr")).await;
    assert_eq!(
        status, 201,
        "refused during the outage, so stored now: {second}"
    );
    let (status, _, again) = call(&client, submission("7d3e5a10-outage-test-00002", "fr")).await;
    assert_eq!(
        (status, &again["receipt"]["reference"]),
        (200, &second["receipt"]["reference"])
    );

    // Logged once when it began and once when it ended, not once per request.
    let started = Instant::now();
    while server.logged("database reachable again") == 0
        && started.elapsed() < Duration::from_secs(10)
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        server.logged("database unavailable"),
        1,
        "{:#?}",
        server.log.lock().unwrap()
    );
    assert_eq!(server.logged("database reachable again"), 1);
}
