//! Group commit for SQLite: one writer task per database runs the writes that requests hand it
//! in batches, each batch one transaction and so one `fsync` of the WAL however many writes it
//! holds. SQLite takes one writer at a time anyway; without batching every commit waited for
//! its own `fsync` in turn.
//!
//! Each write runs in a savepoint of its own: one that fails is rolled back alone, and the
//! others of its batch commit. Every caller hears back only after the batch's commit returned,
//! so an acknowledged write is as durable as a commit of its own would have made it
//! (`synchronous=FULL`); if the commit fails, every write of the batch fails.

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use sqlx::{AnyConnection, AnyPool, Connection};
use tokio::sync::{mpsc, oneshot};

use super::StoreError;

/// The most writes one transaction takes (more wait for the next one).
const MAX_BATCH: usize = 256;

/// What a write tells the writer once it ran: whether its savepoint is kept, and how to hand
/// its result to the caller once the batch's commit is known.
pub(super) struct Ran {
    keep: bool,
    reply: Reply,
}

/// Hands a write's result to its caller, given how the batch's commit went.
type Reply = Box<dyn FnOnce(Result<(), &sqlx::Error>) + Send>;

/// A write's statements, run on the batch's connection.
type Run = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Ran> + Send>;

/// A write as the writer runs it.
pub(super) struct Job {
    /// Whether it runs in a savepoint (all or nothing), or as statements that each stand on
    /// their own (a failed statement undoes only itself).
    atomic: bool,
    run: Run,
}

/// The handle requests send their writes to.
#[derive(Debug, Clone)]
pub(super) struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Starts the writer task on `pool`.
    pub(super) fn start(pool: AnyPool) -> GroupCommit {
        let (jobs, rx) = mpsc::channel::<Job>(4 * MAX_BATCH);
        tokio::spawn(writer(pool, rx));
        GroupCommit { jobs }
    }

    /// Runs `f` in the next batch (in a savepoint if `atomic`); its result once the batch is
    /// committed.
    pub(super) async fn write<T, F>(&self, atomic: bool, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<T, StoreError>>
            + Send
            + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<T, StoreError>>();
        let run: Run = Box::new(move |conn| {
            Box::pin(async move {
                let result = f(conn).await;
                Ran {
                    keep: result.is_ok(),
                    reply: Box::new(move |committed| {
                        let _ = tx.send(match committed {
                            Ok(()) => result,
                            Err(e) => result.and(Err(copy_error(e))),
                        });
                    }),
                }
            })
        });
        self.jobs
            .send(Job { atomic, run })
            .await
            .map_err(|_| gone())?;
        rx.await.map_err(|_| gone())?
    }
}

/// The writer stopped, or a write panicked: the caller learns nothing was stored.
fn gone() -> StoreError {
    StoreError::Unavailable(sqlx::Error::WorkerCrashed)
}

/// The commit's error for each write of the batch (`sqlx::Error` is not `Clone`).
fn copy_error(e: &sqlx::Error) -> StoreError {
    let text = format!("the group commit failed: {e}");
    if super::is_unavailable(e) {
        StoreError::Unavailable(sqlx::Error::Io(std::io::Error::other(text)))
    } else {
        StoreError::Database(sqlx::Error::Protocol(text))
    }
}

async fn writer(pool: AnyPool, mut rx: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        metrics::histogram!("schalter_db_group_commit_size").record(batch.len() as f64);
        run(&pool, std::mem::take(&mut batch)).await;
    }
}

/// One transaction for the whole batch, a savepoint per write.
async fn run(pool: &AnyPool, batch: Vec<Job>) {
    let mut replies = Vec::with_capacity(batch.len());
    let outcome: Result<(), sqlx::Error> = async {
        let mut conn = pool.acquire().await?;
        // IMMEDIATE takes the write lock at once (waiting up to busy_timeout for another
        // process), so no statement of the batch can fail later for want of it.
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        let mut jobs = batch.into_iter();
        for job in jobs.by_ref() {
            if !job.atomic {
                // A panic drops the job's reply: its caller hears `gone`.
                if let Ok(ran) = std::panic::AssertUnwindSafe((job.run)(&mut tx))
                    .catch_unwind()
                    .await
                {
                    replies.push(ran.reply);
                }
                continue;
            }
            let mut savepoint = tx.begin().await?;
            let ran = std::panic::AssertUnwindSafe((job.run)(&mut savepoint))
                .catch_unwind()
                .await;
            match ran {
                Ok(ran) => {
                    if ran.keep {
                        savepoint.commit().await?;
                    } else {
                        savepoint.rollback().await?;
                    }
                    replies.push(ran.reply);
                }
                // Its caller hears `gone`; the others go on.
                Err(_) => savepoint.rollback().await?,
            }
        }
        tx.commit().await
    }
    .await;
    if let Err(e) = &outcome {
        tracing::warn!(error = %e, writes = replies.len(), "a group commit failed");
    }
    for reply in replies {
        reply(outcome.as_ref().map(|_| ()));
    }
}
