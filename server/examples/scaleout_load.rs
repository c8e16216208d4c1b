//! Load generator for several servers behind one round-robin balancer, with one of them killed
//! mid-run: each citizen uploads a file through one server and submits through the next (as
//! the app does), and sends again to the next live server, with the same key, whatever got no
//! answer.
//!
//! ```sh
//! cargo run --release -p server --example scaleout_load -- \
//!     http://127.0.0.1:3301,http://127.0.0.1:3302 2000 32 [PID INDEX AT]
//! ```
//! Arguments: the servers' base URLs (loopback only), comma-separated; the number of citizens
//! (bounded); the concurrency; optionally the process id of the server at position INDEX
//! (from 0) in the list, killed with SIGKILL once AT citizens are acknowledged.
//! `scripts/bench-scaleout.sh` runs it. Prints submissions/s, the latency of a whole citizen
//! (upload and submit) and of the submission alone, how many requests the kill cut off, and a
//! last `summary` line; every acknowledged key is written to `acknowledged.txt` if
//! `SCALEOUT_ACKS` names that file.

use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Pool {
    bases: Vec<String>,
    alive: Vec<AtomicBool>,
    next: AtomicUsize,
    interrupted: AtomicUsize,
}

impl Pool {
    fn pick(&self) -> &str {
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed) % self.bases.len();
            if self.alive[i].load(Ordering::SeqCst) {
                return &self.bases[i];
            }
        }
    }

    /// Sends to the next live server until one answers.
    async fn send(
        &self,
        make: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> anyhow::Result<reqwest::Response> {
        for _ in 0..100 {
            match make(self.pick()).send().await {
                Ok(r) => return Ok(r),
                Err(_) => {
                    self.interrupted.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
        anyhow::bail!("no server answered a hundred times")
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let bases: Vec<String> = args
        .get(1)
        .map_or("http://127.0.0.1:3000", String::as_str)
        .split(',')
        .map(|s| s.trim_end_matches('/').to_owned())
        .collect();
    for base in &bases {
        anyhow::ensure!(
            base.starts_with("http://127.") || base.starts_with("http://localhost"),
            "the load generator only targets this machine (loopback): {base}"
        );
    }
    let total: usize = args.get(2).map_or(Ok(2000), |s| s.parse())?.min(100_000);
    let concurrency: usize = args.get(3).map_or(Ok(32), |s| s.parse())?.clamp(1, 256);
    let kill: Option<(u32, usize, usize)> = match (args.get(4), args.get(5), args.get(6)) {
        (Some(pid), Some(index), Some(at)) => Some((pid.parse()?, index.parse()?, at.parse()?)),
        _ => None,
    };

    let cases: Value = serde_json::from_str(include_str!(
        "../../contract/tests/fixtures/hundesteuer-cases.json"
    ))?;
    let mut answers = cases[0]["answers"].clone();
    answers["dogs"][0]["tag_delivery"] = json!("post");
    answers["dogs"][0]["kind"] = json!("assistance");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(60))
        .build()?;
    let form: Value = client
        .get(format!(
            "{}/api/v1/forms/hundesteuer-th?municipality=de:16077043",
            bases[0]
        ))
        .send()
        .await?
        .json()
        .await?;
    let version = form["version"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no form version: is the catalogue imported?"))?
        .to_owned();
    // A 20 KB PDF (the file a citizen attaches: a certificate).
    let mut file = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    file.resize(20 * 1024, b' ');
    let file = bytes::Bytes::from(file);

    let pool = Arc::new(Pool {
        alive: bases.iter().map(|_| AtomicBool::new(true)).collect(),
        bases,
        next: AtomicUsize::new(0),
        interrupted: AtomicUsize::new(0),
    });
    let run = std::process::id();
    let next = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(AtomicUsize::new(0));
    let acks = Arc::new(Mutex::new(Vec::<String>::new()));
    let killed = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, pool, next, acked, acks, killed) = (
            client.clone(),
            pool.clone(),
            next.clone(),
            acked.clone(),
            acks.clone(),
            killed.clone(),
        );
        let (answers, version, file) = (answers.clone(), version.clone(), file.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let key = format!("scaleout-{run}-{i:09}");
                let t = Instant::now();
                let res = pool
                    .send(|base| {
                        client
                            .post(format!(
                                "{base}/api/v1/uploads?form=hundesteuer-th&version={version}&municipality=de:16077043&field=dogs.0.assistance_proof&name=nachweis.pdf&lang=de"
                            ))
                            .header("schalter-draft", &key)
                            .header("content-type", "application/pdf")
                            .body(file.clone())
                    })
                    .await?;
                anyhow::ensure!(res.status() == 201, "upload: status {}", res.status());
                let upload: Value = res.json().await?;
                let mut answers = answers.clone();
                answers["email"] = json!(format!("{key}@example.org"));
                answers["dogs"][0]["assistance_proof"] = json!([{ "id": upload["id"], "name": "nachweis.pdf", "size": file.len(), "type": "application/pdf" }]);
                let body = json!({
                    "idempotency_key": key, "form": "hundesteuer-th", "version": version,
                    "municipality": "de:16077043", "lang": "de", "answers": answers,
                });
                let s = Instant::now();
                let res = pool
                    .send(|base| client.post(format!("{base}/api/v1/submissions")).json(&body))
                    .await?;
                let status = res.status();
                anyhow::ensure!(
                    status == 201 || status == 200,
                    "submit: status {status}"
                );
                res.bytes().await?;
                lat.push((t.elapsed(), s.elapsed()));
                acks.lock().unwrap().push(key);
                let n = acked.fetch_add(1, Ordering::SeqCst) + 1;
                if let Some((pid, index, at)) = kill
                    && n >= at
                    && !killed.swap(true, Ordering::SeqCst)
                {
                    let status = std::process::Command::new("kill")
                        .args(["-KILL", &pid.to_string()])
                        .status()?;
                    anyhow::ensure!(status.success(), "kill -KILL {pid} failed");
                    pool.alive[index].store(false, Ordering::SeqCst);
                    eprintln!("killed server {index} (pid {pid}) after {n} acknowledged");
                }
            }
            anyhow::Ok(lat)
        }));
    }
    let mut all: Vec<(Duration, Duration)> = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let wall = started.elapsed();
    anyhow::ensure!(!all.is_empty(), "nothing acknowledged");
    let mut whole: Vec<Duration> = all.iter().map(|(w, _)| *w).collect();
    let mut submit: Vec<Duration> = all.iter().map(|(_, s)| *s).collect();
    whole.sort();
    submit.sort();
    let pct = |v: &[Duration], p: f64| {
        v[((v.len() as f64 * p) as usize).min(v.len() - 1)].as_secs_f64() * 1e3
    };
    if let Ok(path) = std::env::var("SCALEOUT_ACKS") {
        std::fs::write(path, acks.lock().unwrap().join("\n") + "\n")?;
    }
    let rate = all.len() as f64 / wall.as_secs_f64();
    println!(
        "citizens {} over {} servers, concurrency {concurrency}, {} requests cut off by the kill",
        all.len(),
        pool.bases.len(),
        pool.interrupted.load(Ordering::SeqCst)
    );
    println!(
        "upload+submit p50 {:.2} ms  p99 {:.2} ms;  submit alone p50 {:.2} ms  p99 {:.2} ms",
        pct(&whole, 0.5),
        pct(&whole, 0.99),
        pct(&submit, 0.5),
        pct(&submit, 0.99)
    );
    println!(
        "summary {rate:.0} submissions/s (each with a 20 KB upload)  p50 {:.2} ms  p99 {:.2} ms",
        pct(&whole, 0.5),
        pct(&whole, 0.99)
    );
    Ok(())
}
