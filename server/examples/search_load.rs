//! Load generator for `GET /api/v1/search` against a running server on this machine.
//!
//! ```sh
//! cargo run --release -p server --example search_load -- http://127.0.0.1:3000 4000 8
//! ```
//! Arguments: base URL (loopback only), number of requests (bounded), concurrency. The query
//! mix is the development benchmark's queries, each also as-you-type prefixes, half of them
//! with a municipality. Prints latency percentiles (round trip over loopback, an upper bound
//! of the server-side time), throughput, and the CPU time this generator spent per request.
//!
//! It shares the machine's cores with the server, so it is kept lean: one thread, one
//! kept-alive HTTP/1.1 connection per concurrent client, requests written by hyper directly
//! (no pool, no redirects, no decompression). `SEARCH_LOAD_ENCODING=br` (or `gzip`) asks for
//! compressed answers the way a browser does.

use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper_util::rt::TokioIo;

fn main() -> anyhow::Result<()> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
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
    let authority = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let encoding = std::env::var("SEARCH_LOAD_ENCODING").ok();

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
    let paths: std::rc::Rc<Vec<String>> = std::rc::Rc::new(
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
                format!("/api/v1/search?q={q}&lang=de&limit=10&municipality={m}")
            })
            .collect(),
    );

    let local = tokio::task::LocalSet::new();
    local
        .run_until(async move {
            let mut clients = Vec::new();
            for _ in 0..concurrency {
                clients.push(Client::connect(&authority, encoding.clone()).await?);
            }
            // Warm-up.
            for p in paths.iter().take(50) {
                clients[0].get(p).await?;
            }
            let next = std::rc::Rc::new(std::cell::Cell::new(0usize));
            let cpu_before = cpu_time();
            let started = Instant::now();
            let mut tasks = Vec::new();
            for mut client in clients {
                let (paths, next) = (paths.clone(), next.clone());
                tasks.push(tokio::task::spawn_local(async move {
                    let mut lat = Vec::new();
                    loop {
                        let i = next.get();
                        if i >= total {
                            break;
                        }
                        next.set(i + 1);
                        let t = Instant::now();
                        client.get(&paths[i % paths.len()]).await?;
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
            let cpu = cpu_time().saturating_sub(cpu_before);
            all.sort();
            let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
            println!(
                "requests {}  concurrency {concurrency}  distinct queries {}",
                all.len(),
                paths.len()
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
            println!(
                "generator cpu {:.1} us/request",
                cpu.as_secs_f64() * 1e6 / all.len() as f64
            );
            anyhow::Ok(())
        })
        .await
}

/// One kept-alive HTTP/1.1 connection.
struct Client {
    sender: hyper::client::conn::http1::SendRequest<Empty<Bytes>>,
    authority: String,
    encoding: Option<String>,
}

impl Client {
    async fn connect(authority: &str, encoding: Option<String>) -> anyhow::Result<Client> {
        let stream = tokio::net::TcpStream::connect(authority).await?;
        stream.set_nodelay(true)?;
        let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::task::spawn_local(async move {
            if let Err(e) = conn.await {
                eprintln!("connection ended: {e}");
            }
        });
        Ok(Client {
            sender,
            authority: authority.to_owned(),
            encoding,
        })
    }

    /// Sends one GET and reads the whole answer; fails on anything but 200.
    async fn get(&mut self, path: &str) -> anyhow::Result<()> {
        let mut req = Request::get(path).header(hyper::header::HOST, &self.authority);
        if let Some(e) = &self.encoding {
            req = req.header(hyper::header::ACCEPT_ENCODING, e);
        }
        self.sender.ready().await?;
        let res = self.sender.send_request(req.body(Empty::new())?).await?;
        anyhow::ensure!(res.status().is_success(), "status {}", res.status());
        res.into_body().collect().await?;
        Ok(())
    }
}

/// CPU time (user and system) this process has used so far, from `/proc/self/stat`.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses and may contain spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    // utime and stime are fields 14 and 15 (1-based), i.e. 11 and 12 after the name.
    let ticks = f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}
