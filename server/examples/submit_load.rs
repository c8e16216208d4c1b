//! Load generator for `POST /api/v1/submissions` against a running server on this machine.
//!
//! ```sh
//! cargo run --release -p server --example submit_load -- http://127.0.0.1:3000 2000 16
//! ```
//! Arguments: base URL (loopback only), number of submissions (bounded), concurrency. Each
//! request is a new, valid Schmölln dog registration (the shared fixture's answers with a fresh
//! idempotency key and the applicant's own e-mail address), so every one is validated, priced,
//! routed and committed durably with its history entry and its outbox row.
//! `scripts/bench-submissions.sh` runs it on SQLite and on PostgreSQL. Prints latency
//! percentiles and submissions per second, and a last `summary` line with both.

use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:3000".into());
    anyhow::ensure!(
        base.starts_with("http://127.")
            || base.starts_with("http://localhost")
            || base.starts_with("http://[::1]"),
        "the load generator only targets this machine (loopback)"
    );
    let total: usize = args.get(2).map_or(Ok(2000), |s| s.parse())?.min(100_000);
    let concurrency: usize = args.get(3).map_or(Ok(16), |s| s.parse())?.clamp(1, 256);

    let cases: Value = serde_json::from_str(include_str!(
        "../../contract/tests/fixtures/hundesteuer-cases.json"
    ))?;
    let mut answers = cases[0]["answers"].clone();
    answers["dogs"][0]["tag_delivery"] = json!("post");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;
    let form: Value = client
        .get(format!(
            "{base}/api/v1/forms/hundesteuer-th?municipality=de:16077043"
        ))
        .send()
        .await?
        .json()
        .await?;
    let version = form["version"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no form version: is the catalogue imported?"))?
        .to_owned();
    let run = std::process::id();
    // The body is serialised once; each request only fills in its key and address (so the
    // generator, sharing the machine's cores with the server, spends little on it).
    answers["email"] = json!("@EMAIL@");
    let template = json!({
        "idempotency_key": "@KEY@",
        "form": "hundesteuer-th",
        "version": version,
        "municipality": "de:16077043",
        "lang": "de",
        "answers": answers,
    })
    .to_string();
    let body = Arc::new(move |i: usize| {
        // Each citizen confirms to their own address (one address would meet its daily quota).
        template
            .replacen("@KEY@", &format!("bench-{run}-{i:09}"), 1)
            .replacen("@EMAIL@", &format!("bench-{run}-{i}@example.org"), 1)
    });

    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, base, next, body) = (client.clone(), base.clone(), next.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let t = Instant::now();
                let res = client
                    .post(format!("{base}/api/v1/submissions"))
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body(i))
                    .send()
                    .await?;
                anyhow::ensure!(res.status() == 201, "status {}", res.status());
                res.bytes().await?;
                lat.push(t.elapsed());
            }
            anyhow::Ok(lat)
        }));
    }
    let mut all: Vec<Duration> = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let wall = started.elapsed();
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    println!("submissions {}  concurrency {concurrency}", all.len());
    println!(
        "latency p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.90).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        all.last().unwrap().as_secs_f64() * 1e3
    );
    let rate = all.len() as f64 / wall.as_secs_f64();
    println!("throughput {rate:.0} submissions/s");
    println!(
        "summary {rate:.0} submissions/s  p50 {:.2} ms  p99 {:.2} ms",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3
    );
    Ok(())
}
