//! Load generator for `GET /api/v1/search` against a running server on this machine.
//!
//! ```sh
//! cargo run --release -p server --example search_load -- http://127.0.0.1:3000 4000 8
//! ```
//! Arguments: base URL (loopback only), number of requests (bounded), concurrency. The query
//! mix is the development benchmark's queries, each also as-you-type prefixes, half of them
//! with a municipality. Prints latency percentiles (round trip over loopback, an upper bound
//! of the server-side time) and throughput.

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
    let total: usize = args.get(2).map_or(Ok(4000), |s| s.parse())?.min(200_000);
    let concurrency: usize = args.get(3).map_or(Ok(8), |s| s.parse())?.clamp(1, 256);

    let tsv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/benchmarks/search-dev-queries.tsv"),
    )?;
    let mut queries: Vec<String> = Vec::new();
    for line in tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let q = line.split('\t').next().unwrap_or("").to_owned();
        // As-you-type: every prefix of three characters or more.
        let chars: Vec<char> = q.chars().collect();
        for n in (3..chars.len()).step_by(3) {
            queries.push(chars[..n].iter().collect());
        }
        queries.push(q);
    }
    let municipalities = ["", "ch:4001", "", "de:01062018", "", "ch:1632"];
    let urls: Arc<Vec<String>> = Arc::new(
        queries
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let m = municipalities[i % municipalities.len()];
                let q: String = q
                    .bytes()
                    .map(|b| {
                        if b.is_ascii_alphanumeric() {
                            (b as char).to_string()
                        } else {
                            format!("%{b:02X}")
                        }
                    })
                    .collect();
                format!("{base}/api/v1/search?q={q}&lang=de&limit=10&municipality={m}")
            })
            .collect(),
    );

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;
    // Warm-up.
    for u in urls.iter().take(50) {
        client.get(u).send().await?.bytes().await?;
    }
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, urls, next) = (client.clone(), urls.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let t = Instant::now();
                let res = client.get(&urls[i % urls.len()]).send().await?;
                anyhow::ensure!(res.status().is_success(), "status {}", res.status());
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
    println!(
        "requests {}  concurrency {concurrency}  distinct queries {}",
        all.len(),
        urls.len()
    );
    println!(
        "latency p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.90).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        all.last().unwrap().as_secs_f64() * 1e3
    );
    println!(
        "throughput {:.0} requests/s",
        all.len() as f64 / wall.as_secs_f64()
    );
    Ok(())
}
