//! Times the clerk-mode inbox (`GET /api/v1/staff/cases`) against a running server on this
//! machine, one request at a time, for each filter of a realistic mix; prints p50 and p95 per
//! filter. `scripts/bench-inbox.sh` loads 100,000 cases into PostgreSQL and runs it.
//!
//! ```sh
//! cargo run --release -p server --example inbox_load -- http://127.0.0.1:3291 sst_… 200
//! ```
//! Arguments: base URL (loopback only), a staff token of a clerk, rounds per filter.

use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().unwrap_or_default();
    anyhow::ensure!(
        base.starts_with("http://127.") || base.starts_with("http://localhost"),
        "the load generator only targets this machine (loopback)"
    );
    let token = args.get(2).cloned().unwrap_or_default();
    let rounds: usize = args.get(3).map_or(Ok(200), |s| s.parse())?.clamp(1, 10_000);
    let client = reqwest::Client::new();
    let filters = [
        ("first page (oldest first)", ""),
        ("status: received", "?status=received"),
        (
            "status: in progress, newest",
            "?status=in_progress&sort=newest",
        ),
        ("assigned to nobody", "?assignee=none"),
        ("service filter", "?form=hundesteuer-th"),
        ("received in one month", "?from=2026-03-01&to=2026-03-31"),
        ("search a family name", "?q=brunner"),
        ("search a reference part", "?q=a1b"),
        (
            "search an e-mail domain, newest",
            "?q=example.ch&sort=newest",
        ),
        ("page 100 of 25", "?page=100"),
        ("page 1000, changed", "?page=1000&sort=changed"),
        (
            "everything combined",
            "?status=in_progress&form=umzug&q=ann&sort=changed",
        ),
    ];
    println!(
        "{:<36} {:>9} {:>9} {:>9}",
        "filter", "p50 ms", "p95 ms", "cases"
    );
    let mut all = Vec::new();
    for (name, query) in filters {
        let url = format!("{base}/api/v1/staff/cases{query}");
        let mut times = Vec::with_capacity(rounds);
        let mut total = 0;
        for i in 0..rounds + 5 {
            let start = Instant::now();
            let res = client.get(&url).bearer_auth(&token).send().await?;
            anyhow::ensure!(res.status().is_success(), "{url}: {}", res.status());
            let body: serde_json::Value = res.json().await?;
            let elapsed = start.elapsed();
            total = body["total"].as_u64().unwrap_or(0);
            // The first few warm the caches.
            if i >= 5 {
                times.push(elapsed);
            }
        }
        times.sort();
        all.extend(times.iter().copied());
        println!(
            "{name:<36} {:>9.1} {:>9.1} {total:>9}",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 95 / 100])
        );
    }
    all.sort();
    println!(
        "{:<36} {:>9.1} {:>9.1}",
        "all filters",
        ms(all[all.len() / 2]),
        ms(all[all.len() * 95 / 100])
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
