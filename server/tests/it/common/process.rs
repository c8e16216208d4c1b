//! The real `schalter` binary as a separate process, for tests that kill it or take its
//! database away while it serves.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

/// A running `schalter serve`; killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// Every log line (JSON) so far.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts a server on `db_url` with its files under `dir`; returns once it listens.
    pub fn start(db_url: &str, dir: &Path) -> Server {
        Server::start_with(db_url, dir, &[])
    }

    /// As [`Server::start`], with more settings (`SCHALTER_*` variables; these win).
    pub fn start_with(db_url: &str, dir: &Path, settings: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_schalter"));
        command
            .arg("serve")
            .env("SCHALTER_DATABASE_URL", db_url)
            .env("SCHALTER_BIND", "127.0.0.1:0")
            .env("SCHALTER_DIST", dir.join("no-dist"))
            .env("SCHALTER_ATTACHMENTS", dir.join("attachments"))
            .env("SCHALTER_LOG_FORMAT", "json")
            .env("RUST_LOG", "warn,schalter=info,server=info")
            // These tests submit hundreds of applications from one address.
            .env("SCHALTER_LIMIT_SUBMISSIONS_PER_HOUR", "1000000")
            .env("SCHALTER_LIMIT_EMAILS_PER_DAY", "1000000")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in settings {
            command.env(k, v);
        }
        let mut child = command.spawn().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = lines
                .next()
                .expect("server exited before listening")
                .unwrap();
            log.lock().unwrap().push(line.clone());
            let v: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
            if let Some(addr) = v.get("addr").and_then(Value::as_str) {
                break addr.to_owned();
            }
        };
        // Keep draining the log so the server never blocks on a full pipe.
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Server {
            child,
            base: format!("http://{addr}"),
            log,
        }
    }

    /// The value of `field` in the first log line that has it.
    pub fn logged_field(&self, field: &str) -> Option<String> {
        self.log.lock().unwrap().iter().find_map(|l| {
            serde_json::from_str::<Value>(l)
                .ok()?
                .get(field)?
                .as_str()
                .map(str::to_owned)
        })
    }

    /// Log lines whose message contains `text`.
    pub fn logged(&self, text: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|l| {
                serde_json::from_str::<Value>(l)
                    .ok()
                    .and_then(|v| {
                        v.get("message")
                            .and_then(Value::as_str)
                            .map(|m| m.contains(text))
                    })
                    .unwrap_or(false)
            })
            .count()
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills it with SIGKILL: no shutdown handler runs.
    pub fn sigkill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failing test must not leave a server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `schalter import` of the demo data into `db_url`.
pub fn import(db_url: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_schalter"))
        .args(["import", "--database-url", db_url, "--data-dir"])
        .arg(super::data_dir())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}
