//! Writes committed together (`Db::write`: on SQLite one transaction and one fsync for the
//! writes of concurrent requests, each in a savepoint of its own): a write that fails or
//! panics takes nothing of the others with it, a caller hears back only after the commit, and
//! duplicate submissions of one draft that meet in one batch still give one submission.

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{SCHMOELLN, TestApp, Which, body_json, dog_answers, dog_form_version, dog_submission};
use server::db::{Db, StoreError};
use tokio::sync::Notify;

/// Holds the writer (SQLite) or a transaction (PostgreSQL) until `release` is notified, so
/// that writes made meanwhile queue up and meet in one batch. Returns once it holds it.
async fn hold_writer(db: &Db, release: Arc<Notify>) -> tokio::task::JoinHandle<()> {
    let holding = Arc::new(Notify::new());
    let (db, held) = (db.clone(), holding.clone());
    let task = tokio::spawn(async move {
        db.write(move |_conn| {
            Box::pin(async move {
                held.notify_one();
                release.notified().await;
                Ok(())
            })
        })
        .await
        .unwrap();
    });
    holding.notified().await;
    task
}

async fn rows(db: &Db, prefix: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT key FROM rate_counters WHERE key LIKE $1 ORDER BY key")
        .bind(format!("{prefix}%"))
        .fetch_all(db.pool())
        .await
        .unwrap()
}

/// A write of one scratch row, then whatever `then` makes of it.
async fn write_row(db: &Db, key: String, then: &'static str) -> Result<(), StoreError> {
    db.write(move |conn| {
        Box::pin(async move {
            sqlx::query("INSERT INTO rate_counters (key, window_start, count) VALUES ($1, 0, 1)")
                .bind(&key)
                .execute(&mut *conn)
                .await?;
            match then {
                "fail" => Err(StoreError::Corrupt("refused after writing".into())),
                // The same key again: the database refuses the statement.
                "violate" => {
                    sqlx::query(
                        "INSERT INTO rate_counters (key, window_start, count) VALUES ($1, 0, 1)",
                    )
                    .bind(&key)
                    .execute(&mut *conn)
                    .await?;
                    Ok(())
                }
                "panic" => panic!("a write that panics"),
                _ => Ok(()),
            }
        })
    })
    .await
}

async fn a_failing_write_takes_nothing_of_its_batch_with_it(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let release = Arc::new(Notify::new());
    let holder = hold_writer(&app.db, release.clone()).await;
    const OUTCOMES: [&str; 8] = ["ok", "fail", "ok", "violate", "ok", "panic", "ok", "ok"];
    let outcomes = OUTCOMES;
    let writes: Vec<_> = OUTCOMES
        .into_iter()
        .enumerate()
        .map(|(i, then)| {
            let db = app.db.clone();
            tokio::spawn(async move { write_row(&db, format!("gc:{i}:{then}"), then).await })
        })
        .collect();
    // Let them all queue behind the held writer, then let go.
    tokio::time::sleep(Duration::from_millis(200)).await;
    release.notify_one();
    holder.await.unwrap();
    for (write, then) in writes.into_iter().zip(outcomes) {
        let result = write.await;
        if then == "panic" {
            // SQLite's writer tells its caller the write is lost; on PostgreSQL the panic is
            // the caller's own (its transaction is rolled back as it unwinds).
            assert!(!matches!(result, Ok(Ok(()))), "{then}: {result:?}");
            continue;
        }
        let result = result.unwrap();
        match then {
            "ok" => assert!(result.is_ok(), "{then}: {result:?}"),
            "fail" => assert!(
                matches!(result, Err(StoreError::Corrupt(_))),
                "{then}: {result:?}"
            ),
            "violate" => assert!(
                matches!(result, Err(StoreError::Conflict { .. })),
                "{then}: {result:?}"
            ),
            _ => unreachable!(),
        }
    }
    // What failed left nothing behind (its first row included); the rest is stored.
    let expected: Vec<String> = outcomes
        .iter()
        .enumerate()
        .filter(|(_, then)| **then == "ok")
        .map(|(i, then)| format!("gc:{i}:{then}"))
        .collect();
    assert_eq!(rows(&app.db, "gc:").await, expected);

    // The writer goes on after a panic.
    write_row(&app.db, "gc:after".into(), "ok").await.unwrap();
    assert_eq!(rows(&app.db, "gc:after").await, ["gc:after"]);
}

async fn duplicates_that_meet_in_one_batch_give_one_submission(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let post = |key: String| {
        let router = app.router.clone();
        let body = dog_submission(&key, &version, "de", &dog_answers());
        tokio::spawn(async move {
            use tower::ServiceExt;
            let req = Request::post("/api/v1/submissions")
                .header("content-type", "application/json")
                .body(Body::from(serde_json::to_vec(&body).unwrap()))
                .unwrap();
            let res = router.oneshot(req).await.unwrap();
            (key, res.status(), body_json(res).await)
        })
    };
    // Six drafts, each sent four times at once, while the writer is held: their writes queue
    // up and are committed together.
    let release = Arc::new(Notify::new());
    let holder = hold_writer(&app.db, release.clone()).await;
    let keys: Vec<String> = (0..6)
        .map(|n| format!("5b1d7c3e-group-commit-{n:04}"))
        .collect();
    let requests: Vec<_> = (0..4)
        .flat_map(|_| keys.iter().cloned())
        .map(&post)
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    release.notify_one();
    holder.await.unwrap();

    let mut by_key: std::collections::HashMap<String, (usize, Vec<String>)> = Default::default();
    for r in requests {
        let (key, status, body) = r.await.unwrap();
        assert!(
            status == StatusCode::CREATED || status == StatusCode::OK,
            "{status} {body}"
        );
        let entry = by_key.entry(key).or_default();
        entry.0 += usize::from(status == StatusCode::CREATED);
        entry
            .1
            .push(body["receipt"]["reference"].as_str().unwrap().to_owned());
    }
    assert_eq!(by_key.len(), keys.len());
    for (key, (created, mut references)) in by_key {
        assert_eq!(created, 1, "{key}: exactly one request created it");
        references.dedup();
        assert_eq!(references.len(), 1, "{key}: one reference for all");
    }
    let stored: Vec<(String, i64)> = sqlx::query_as(
        "SELECT idempotency_key, COUNT(*) FROM submissions GROUP BY idempotency_key ORDER BY 1",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        stored,
        keys.iter().map(|k| (k.clone(), 1)).collect::<Vec<_>>()
    );
    // Each has its history entry and its confirmation e-mail queued, once.
    for (table, column) in [
        ("submission_events", "submission_id"),
        ("outbox", "submission_id"),
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(DISTINCT {column}) FROM {table}"))
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let all: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!((n, all), (6, 6), "{table}");
    }
}

backend_tests!(
    a_failing_write_takes_nothing_of_its_batch_with_it,
    duplicates_that_meet_in_one_batch_give_one_submission,
);
