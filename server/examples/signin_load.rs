//! A burst of sign-ins against a running server on this machine, with searches beside it.
//!
//! ```sh
//! cargo run --release -p server --example signin_load -- http://127.0.0.1:3000 EMAIL PASSWORD 100
//! ```
//! Sends N sign-ins (the right password; each one is a full Argon2id verification) at the same
//! moment while another task searches the catalogue every 20 ms, and prints sign-ins per second,
//! how many were refused as busy, and the search latency during the burst next to before it.
//! `scripts/bench-signin.sh` runs it and reads the server's peak memory.

use std::time::{Duration, Instant};

fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

async fn searches(client: &reqwest::Client, base: &str, for_how_long: Duration) -> Vec<f64> {
    let mut out = Vec::new();
    let end = Instant::now() + for_how_long;
    let mut i = 0;
    while Instant::now() < end {
        let q = ["hund", "pass", "umzug", "baugesuch", "heirat"][i % 5];
        i += 1;
        let t = Instant::now();
        let ok = client
            .get(format!("{base}/api/v1/search?q={q}&municipality=ch:4001"))
            .send()
            .await
            .map(|r| r.status().is_success())
            .unwrap_or(false);
        if ok {
            out.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    out
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:3000".into());
    anyhow::ensure!(
        base.starts_with("http://127.") || base.starts_with("http://localhost"),
        "the load generator only targets this machine (loopback)"
    );
    let email = args.get(2).cloned().unwrap_or_default();
    let password = args.get(3).cloned().unwrap_or_default();
    let n: usize = args.get(4).map_or(Ok(100), |s| s.parse())?.clamp(1, 1000);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(n)
        .build()?;

    let mut quiet = searches(&client, &base, Duration::from_secs(2)).await;

    let started = Instant::now();
    let burst: Vec<_> = (0..n)
        .map(|_| {
            let client = client.clone();
            let url = format!("{base}/api/v1/session");
            let body = serde_json::json!({"email": email, "password": password});
            tokio::spawn(async move {
                let t = Instant::now();
                let status = client
                    .post(url)
                    .json(&body)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0);
                (status, t.elapsed().as_secs_f64() * 1000.0)
            })
        })
        .collect();
    let beside = {
        let client = client.clone();
        let base = base.clone();
        tokio::spawn(async move { searches(&client, &base, Duration::from_secs(4)).await })
    };
    let mut ok = 0;
    let mut busy = 0;
    let mut other = 0;
    let mut latencies = Vec::new();
    for b in burst {
        let (status, ms) = b.await?;
        latencies.push(ms);
        match status {
            200 => ok += 1,
            503 => busy += 1,
            _ => other += 1,
        }
    }
    let took = started.elapsed().as_secs_f64();
    let mut during = beside.await?;
    println!(
        "sign-ins {n} at once: {ok} signed in, {busy} busy (503), {other} other, in {took:.2} s"
    );
    println!("sign-ins per second {:.1}", ok as f64 / took);
    println!(
        "sign-in latency p50 {:.0} ms  p99 {:.0} ms",
        percentile(&mut latencies, 0.5),
        percentile(&mut latencies, 0.99)
    );
    println!(
        "search latency before: p50 {:.1} ms p99 {:.1} ms ({} searches); during the burst: p50 {:.1} ms p99 {:.1} ms ({} searches)",
        percentile(&mut quiet, 0.5),
        percentile(&mut quiet, 0.99),
        quiet.len(),
        percentile(&mut during, 0.5),
        percentile(&mut during, 0.99),
        during.len()
    );
    Ok(())
}
