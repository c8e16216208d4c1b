//! Password hashing with Argon2id, queued.
//!
//! One hash takes about 19 MiB of memory and tens of milliseconds of one core, by design. The
//! [`Hasher`] runs at most `concurrent` of them at once (on threads of its own) and lets at most
//! `queue` more wait; anything beyond is refused at once as [`HashError::Busy`], so a burst of
//! sign-ins can neither exhaust the server's memory nor take every core from searches and
//! submissions.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Why a hash was not computed.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Too many hashes are waiting: try again in a moment.
    #[error("too many sign-ins at once")]
    Busy,
    /// The hashing itself failed (a stored hash that cannot be read, a panicked task).
    #[error("password hashing failed: {0}")]
    Failed(String),
}

/// One hashing job for a worker thread.
type Job = Box<dyn FnOnce() + Send>;

/// Hashes and verifies passwords, a bounded number at a time.
///
/// The hashes run on `concurrent` threads of their own, fed by a bounded queue. Dedicated
/// threads matter for memory as much as for CPU: each 19 MiB block is freed into its thread's
/// allocator arena and reused there by the next hash, so the memory held stays at about
/// `concurrent` × 19 MiB however many sign-ins arrive (on the shared blocking pool, every thread
/// that ever hashed kept a block of its own).
#[derive(Clone, Debug)]
pub struct Hasher {
    jobs: tokio::sync::mpsc::Sender<Job>,
    waiting: Arc<AtomicUsize>,
    /// A hash of a password nobody has, verified when an account is unknown so that the answer
    /// takes as long as for a known one.
    decoy: Arc<String>,
}

impl Hasher {
    /// At most `concurrent` hashes at once, `queue` more waiting.
    pub fn new(concurrent: usize, queue: usize) -> Hasher {
        let decoy = Argon2::default()
            .hash_password(uuid::Uuid::new_v4().as_bytes())
            .map(|h| h.to_string())
            .expect("hashing a random decoy");
        let (jobs, rx) = tokio::sync::mpsc::channel::<Job>(queue.max(1));
        let rx = Arc::new(std::sync::Mutex::new(rx));
        for i in 0..concurrent.max(1) {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("password-hash-{i}"))
                .spawn(move || {
                    loop {
                        let job = match rx.lock() {
                            Ok(mut rx) => rx.blocking_recv(),
                            Err(_) => None,
                        };
                        match job {
                            Some(job) => job(),
                            // Every sender is gone: the hasher was dropped.
                            None => break,
                        }
                    }
                })
                .expect("starting a password hashing thread");
        }
        Hasher {
            jobs,
            waiting: Arc::new(AtomicUsize::new(0)),
            decoy: Arc::new(decoy),
        }
    }

    /// The PHC string of `password` (Argon2id, a fresh random salt).
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move || {
            Argon2::default()
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
                .map_err(|e| HashError::Failed(e.to_string()))
        })
        .await
    }

    /// Whether `password` matches `stored`; with no stored hash (an unknown account or one
    /// without a password) a decoy is verified and the answer is no.
    pub async fn verify(
        &self,
        password: String,
        stored: Option<String>,
    ) -> Result<bool, HashError> {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| self.decoy.as_ref().clone());
        let matches = self
            .run(move || {
                let parsed =
                    PasswordHash::new(&stored).map_err(|e| HashError::Failed(e.to_string()))?;
                Ok(Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok())
            })
            .await?;
        Ok(known && matches)
    }

    /// Hashes waiting or running now.
    pub fn in_flight(&self) -> usize {
        self.waiting.load(Ordering::Relaxed)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, HashError> + Send + 'static,
    ) -> Result<T, HashError> {
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let _count = Count(&self.waiting);
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            // The asker may have gone away meanwhile; then nobody reads the answer.
            let _ = tx.send(work());
        });
        if self.jobs.try_send(job).is_err() {
            metrics::counter!("schalter_password_hash_refused_total").increment(1);
            return Err(HashError::Busy);
        }
        rx.await
            .map_err(|_| HashError::Failed("the hashing thread stopped".into()))?
    }
}

/// Counts a hash out when its request ends (also when the client went away).
struct Count<'a>(&'a AtomicUsize);

impl Drop for Count<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_hash_only() {
        let h = Hasher::new(1, 4);
        let stored = h.hash("correct horse battery".into()).await.unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(
            h.verify("correct horse battery".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !h.verify("correct horse batterY".into(), Some(stored))
                .await
                .unwrap()
        );
        assert!(!h.verify("anything".into(), None).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_beyond_the_queue_is_refused_not_queued_forever() {
        let h = Hasher::new(1, 2);
        let tasks: Vec<_> = (0..12)
            .map(|i| {
                let h = h.clone();
                tokio::spawn(async move { h.hash(format!("password number {i}")).await })
            })
            .collect();
        let mut done = 0;
        let mut busy = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => done += 1,
                Err(HashError::Busy) => busy += 1,
                Err(e) => panic!("{e}"),
            }
        }
        assert!(
            busy > 0,
            "some of a burst of 12 are refused with a queue of 2"
        );
        assert!(done >= 2, "at least the two waiting get through ({done})");
        assert_eq!(h.in_flight(), 0);
    }
}
