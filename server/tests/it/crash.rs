//! Crash test: the real `schalter` binary takes submissions under load and is killed with
//! SIGKILL mid-stream, then restarted on the same database. Every acknowledged submission must
//! be there with the reference it was acknowledged with, none twice; requests whose answer was
//! lost are retried with their key and end up stored exactly once.

use crate::common;

use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::process::{Server, import};

fn body(key: &str, version: &str) -> Value {
    let mut answers = common::dog_answers();
    answers["dogs"][0]["tag_delivery"] = json!("pickup");
    common::dog_submission(key, version, "de", &answers)
}

#[derive(Default)]
struct Outcomes {
    acknowledged: HashMap<String, String>,
    in_doubt: HashSet<String>,
}

async fn crash_and_recover(db_url: String) {
    let dir = tempfile::tempdir().unwrap();
    import(&db_url);
    let server = Server::start(&db_url, dir.path());
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let version = client
        .get(format!(
            "{}/api/v1/forms/hundesteuer-th?municipality=de:16077043",
            server.base
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

    let outcomes = Arc::new(Mutex::new(Outcomes::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let run = std::process::id();
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let (client, base, version) = (client.clone(), server.base.clone(), version.clone());
            let (outcomes, stop) = (outcomes.clone(), stop.clone());
            tokio::spawn(async move {
                let mut i = 0u32;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    let key = format!("crash-{run}-{w:02}-{i:06}");
                    let res = client
                        .post(format!("{base}/api/v1/submissions"))
                        .json(&body(&key, &version))
                        .send()
                        .await;
                    let answer = match res {
                        Ok(r) if r.status().is_success() => r.json::<Value>().await.ok(),
                        Ok(r) => panic!("unexpected {} before the crash", r.status()),
                        Err(_) => None,
                    };
                    let mut o = outcomes.lock().unwrap();
                    match answer {
                        Some(a) => {
                            let reference = a["receipt"]["reference"].as_str().unwrap().to_owned();
                            o.acknowledged.insert(key, reference);
                        }
                        None => {
                            o.in_doubt.insert(key);
                        }
                    }
                }
            })
        })
        .collect();

    // Let acknowledgements pile up, then pull the plug while requests are in flight.
    let deadline = Instant::now() + Duration::from_secs(60);
    while outcomes.lock().unwrap().acknowledged.len() < 150 {
        assert!(Instant::now() < deadline, "too slow to acknowledge");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.sigkill();
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.await.unwrap();
    }
    let outcomes = Arc::try_unwrap(outcomes)
        .ok()
        .unwrap()
        .into_inner()
        .unwrap();
    assert!(
        !outcomes.in_doubt.is_empty(),
        "the kill should catch requests in flight"
    );

    let server = Server::start(&db_url, dir.path());
    let db = server::db::Db::connect(&db_url).await.unwrap();
    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT idempotency_key, reference FROM submissions")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let by_key: HashMap<String, String> = stored.iter().cloned().collect();
    assert_eq!(by_key.len(), stored.len(), "no key stored twice");
    let refs: HashSet<&String> = stored.iter().map(|(_, r)| r).collect();
    assert_eq!(refs.len(), stored.len(), "no reference given twice");
    for (key, reference) in &outcomes.acknowledged {
        assert_eq!(
            by_key.get(key),
            Some(reference),
            "acknowledged submission {key} lost"
        );
    }
    let unexplained: Vec<_> = by_key
        .keys()
        .filter(|k| !outcomes.acknowledged.contains_key(*k) && !outcomes.in_doubt.contains(*k))
        .collect();
    assert!(unexplained.is_empty(), "{unexplained:?}");

    // The citizens whose answer was lost press "send" again: exactly one submission each.
    for key in &outcomes.in_doubt {
        let res = client
            .post(format!("{}/api/v1/submissions", server.base))
            .json(&body(key, &version))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let reference = res.json::<Value>().await.unwrap()["receipt"]["reference"]
            .as_str()
            .unwrap()
            .to_owned();
        match by_key.get(key) {
            Some(before) => {
                assert_eq!(status, 200, "committed before the kill: a replay");
                assert_eq!(&reference, before);
            }
            None => assert_eq!(status, 201),
        }
    }
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(
        total as usize,
        outcomes.acknowledged.len() + outcomes.in_doubt.len()
    );
    // Each has its history entry.
    let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM submission_events")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(events, total);
    println!(
        "crash test: {} acknowledged before SIGKILL, {} in flight, {} stored after recovery",
        outcomes.acknowledged.len(),
        outcomes.in_doubt.len(),
        total
    );
    server.sigkill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_keeps_every_acknowledged_submission_through_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("crash.db").display());
    crash_and_recover(url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_keeps_every_acknowledged_submission_through_sigkill() {
    let Some(server) = common::postgres_url() else {
        return;
    };
    crash_and_recover(common::fresh_postgres_database(&server).await).await;
}
