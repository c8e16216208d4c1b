//! The database: SQLite embedded by default, PostgreSQL for production.
//!
//! Both run through sqlx's `Any` driver with runtime-checked queries, so one binary serves
//! either. Each backend has its own embedded migrations (`migrations/sqlite`,
//! `migrations/postgres`) because their SQL dialects differ in DDL; the queries the code runs
//! stay portable (`$1` placeholders, `BIGINT`/`TEXT` columns; flags as `BIGINT` 0/1, because
//! the `Any` driver cannot decode SQLite booleans).

use anyhow::Context;
use futures_util::future::BoxFuture;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
use std::str::FromStr;
use std::time::Duration;

mod group_commit;

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file, in WAL mode with full sync.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// Detects the backend from a database URL.
    pub fn from_url(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("unsupported database URL (expected sqlite://… or postgres://…)")
        }
    }

    /// Short name for logs and `/ready`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Names the backend of a URL for error messages, without revealing credentials.
pub fn backend_name(url: &str) -> &'static str {
    Backend::from_url(url).map_or("unknown", Backend::name)
}

/// A pooled connection to the portal database.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    outage: Outage,
    /// SQLite's writer task, started by the first [`Db::write`].
    writer: std::sync::Arc<std::sync::OnceLock<group_commit::GroupCommit>>,
    /// Tells this database apart from others the process opened (see [`Db::instance`]).
    instance: u64,
}

/// What a store operation can fail with, typed so that callers decide by kind, never by the
/// text of a driver's message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database does not answer (connection refused or lost, pool exhausted, shutting
    /// down, busy): worth retrying later, a 503 to clients.
    #[error("the database is unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// A unique constraint refused the write; `constraint` names it where the engine does.
    #[error("a unique constraint refused the write ({constraint:?})")]
    Conflict {
        /// The constraint's name (PostgreSQL), `None` where the engine does not say (SQLite).
        constraint: Option<String>,
    },
    /// A stored value could not be read back (a bug or a hand-edited row).
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
    /// Any other database error.
    #[error(transparent)]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if is_unavailable(&e) {
            return StoreError::Unavailable(e);
        }
        match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict {
                constraint: d.constraint().map(str::to_owned),
            },
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
                StoreError::Corrupt(e.to_string())
            }
            other => StoreError::Database(other),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// The result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// Whether an error means "the database does not answer right now" rather than "this query is
/// wrong": lost or refused connections, an exhausted or closed pool, PostgreSQL shutting down or
/// refusing connections (SQLSTATE classes 08, 53, 57P), SQLite busy, locked or unable to open.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(d) => d.code().is_some_and(|code| {
            let code = code.as_ref();
            code.starts_with("08")
                || code.starts_with("53")
                || code.starts_with("57P")
                // SQLite: BUSY, LOCKED, IOERR, CANTOPEN (primary result codes, also as the
                // low byte of extended codes).
                || code
                    .parse::<i64>()
                    .is_ok_and(|n| matches!(n & 0xff, 5 | 6 | 10 | 14))
        }),
        _ => false,
    }
}

/// Whether this process currently sees the database as gone, so that an outage is logged once
/// when it begins and once when it ends, not once per failing request; and when it last saw
/// one begin (pooled connections idle since then are checked before use).
#[derive(Clone, Debug, Default)]
pub struct Outage(
    std::sync::Arc<std::sync::atomic::AtomicBool>,
    std::sync::Arc<std::sync::Mutex<Option<std::time::Instant>>>,
);

impl Outage {
    /// Whether the last outage this process saw began within `idle` from now.
    fn began_within(&self, idle: Duration) -> bool {
        self.1
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some_and(|began| began.elapsed() <= idle)
    }
}

/// A pooled PostgreSQL connection idle this long is checked before use.
const IDLE_CHECK: Duration = Duration::from_secs(1);

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

impl Db {
    /// Connects (creating the SQLite file and its folder if needed). Does not migrate.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url).context("parsing the database URL")?;
        let outage = Outage::default();
        let seen = outage.clone();
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .min_connections(0)
            .acquire_timeout(Duration::from_secs(3))
            // A pooled connection is checked before use only where it may have died unseen: a
            // server's that sat idle a while, or since before this process last saw the
            // database go away. One in use a moment ago was checked on its way back (sqlx
            // pings every connection returned to the pool), and an SQLite file's connections
            // do not go away. (A check is a round trip before the query.)
            .test_before_acquire(false)
            .before_acquire(move |conn, meta| {
                let check = backend == Backend::Postgres
                    && (meta.idle_for >= IDLE_CHECK || seen.began_within(meta.idle_for));
                Box::pin(async move {
                    if check {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; synchronous=FULL makes a
                        // committed transaction survive a crash or power loss.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Db {
            pool,
            backend,
            outage,
            writer: Default::default(),
            instance: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        })
    }

    /// A number no other [`Db::connect`] of this process returns (clones share it): the key
    /// for what a process keeps of one database's immutable rows.
    pub fn instance(&self) -> u64 {
        self.instance
    }

    /// Runs `f` in a transaction and returns its result once committed; an error rolls back
    /// what `f` wrote. On SQLite the writes of concurrent requests are committed together
    /// (group commit: one transaction and one `fsync` for many, each write in a savepoint of
    /// its own, see `db/group_commit.rs`); PostgreSQL commits concurrent transactions side by
    /// side and groups their WAL flushes itself. Either way the answer comes after the commit
    /// that makes the write durable.
    pub async fn write<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, StoreResult<T>> + Send + 'static,
    {
        self.write_with(true, f).await
    }

    /// [`Db::write`] for statements that need no transaction around them (each may commit on
    /// its own, as a rate counter's): on PostgreSQL they run on a pooled connection as they
    /// are, without the round trips of `BEGIN` and `COMMIT`; on SQLite they are committed with
    /// the writes of concurrent requests all the same.
    pub async fn write_statements<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, StoreResult<T>> + Send + 'static,
    {
        self.write_with(false, f).await
    }

    async fn write_with<T, F>(&self, transaction: bool, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, StoreResult<T>> + Send + 'static,
    {
        match self.backend {
            Backend::Sqlite => {
                self.writer
                    .get_or_init(|| group_commit::GroupCommit::start(self.pool.clone()))
                    .write(transaction, f)
                    .await
            }
            Backend::Postgres if !transaction => f(&mut *self.pool.acquire().await?).await,
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                match f(&mut tx).await {
                    Ok(done) => {
                        tx.commit().await?;
                        Ok(done)
                    }
                    Err(e) => {
                        // Dropping the transaction rolls it back as well; say so at once.
                        let _ = tx.rollback().await;
                        Err(e)
                    }
                }
            }
        }
    }

    /// Notes that a request found the database unavailable. The first time in an outage it is
    /// logged and a watcher starts that pings until the database answers again (then logs that).
    pub fn note_unavailable(&self) {
        use std::sync::atomic::Ordering;
        if self.outage.0.swap(true, Ordering::AcqRel) {
            return;
        }
        *self.outage.1.lock().unwrap_or_else(|e| e.into_inner()) = Some(std::time::Instant::now());
        tracing::warn!(
            backend = self.backend.name(),
            "database unavailable: answering 503 until it is back"
        );
        let db = self.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            loop {
                tokio::time::sleep(Duration::from_millis(500)).await;
                if db.pool.is_closed() || db.ping().await.is_ok() {
                    break;
                }
            }
            db.outage.0.store(false, Ordering::Release);
            tracing::info!(
                backend = db.backend.name(),
                down_ms = started.elapsed().as_millis() as u64,
                "database reachable again"
            );
        });
    }

    /// Whether this process currently sees the database as unavailable.
    pub fn is_down(&self) -> bool {
        self.outage.0.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Applies the embedded migrations of this backend that the database does not have yet.
    /// Migrations only go forward: a database migrated by a newer release (one that has a
    /// migration this binary does not know) is refused before anything is applied, and so is
    /// one whose applied migration differs from this binary's copy.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = migrator(self.backend);
        let mut conn = self
            .pool
            .acquire()
            .await
            .context("connecting to run migrations")?;
        let result = migrator.run(&mut *conn).await;
        if result.is_err() {
            // sqlx returns early without releasing PostgreSQL's advisory migration lock; back
            // in the pool, the connection would hold it and every later migration (another
            // server's included) would wait forever. Closing it ends the lock with the session.
            let _ = conn.close().await;
        }
        result.map_err(|e| explain_migrate_error(e, latest_migration(self.backend)))
    }

    /// Checks that the database answers, within a short deadline.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let fut = sqlx::query("SELECT 1").execute(&self.pool);
        match tokio::time::timeout(Duration::from_secs(2), fut).await {
            Ok(res) => res.map(|_| ()),
            Err(_) => Err(sqlx::Error::PoolTimedOut),
        }
    }

    /// The pool, for queries.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection (used by tests and shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn migrator(backend: Backend) -> &'static sqlx::migrate::Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// The version of the last migration this binary has for `backend` (`21` for
/// `0021_inbox_counts.sql`).
pub fn latest_migration(backend: Backend) -> i64 {
    migrator(backend)
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// What an operator is told when migrating fails: sqlx's words for the refusals that mean
/// "wrong binary for this database" say what happened and what to do instead.
fn explain_migrate_error(e: sqlx::migrate::MigrateError, known: i64) -> anyhow::Error {
    use sqlx::migrate::MigrateError;
    match e {
        MigrateError::VersionMissing(version) if version > known => anyhow::anyhow!(
            "the database was migrated by a newer release of Schalter (it has migration \
             {version}; this binary knows migrations up to {known}): migrations only go \
             forward, so run that release or a later one, or restore the backup taken before \
             the upgrade"
        ),
        MigrateError::VersionMissing(version) => anyhow::anyhow!(
            "the database has migration {version}, which this binary does not have (it knows \
             migrations up to {known}): it was migrated by another build of Schalter; run the \
             release that made it"
        ),
        MigrateError::VersionMismatch(version) => anyhow::anyhow!(
            "migration {version} in the database differs from this binary's copy: a released \
             migration was changed afterwards, or the database was migrated by another build; \
             run the release that made it"
        ),
        MigrateError::Dirty(version) => anyhow::anyhow!(
            "migration {version} was started and did not finish: restore the backup taken \
             before the upgrade, then start again"
        ),
        other => anyhow::Error::new(other).context("running migrations"),
    }
}

/// Makes sure the SQLite file's folder exists and the URL creates the file when missing.
fn prepare_sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:"
        && !path.is_empty()
        && let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let query = if query.contains("mode=") {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_backends() {
        assert_eq!(Backend::from_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::from_url("postgres://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert!(Backend::from_url("mysql://h/db").is_err());
        assert_eq!(backend_name("mysql://secret@h"), "unknown");
    }

    #[test]
    fn a_newer_database_is_explained() {
        use sqlx::migrate::MigrateError;
        let known = latest_migration(Backend::Sqlite);
        assert_eq!(known, latest_migration(Backend::Postgres));
        let text =
            explain_migrate_error(MigrateError::VersionMissing(known + 1), known).to_string();
        assert!(text.contains("migrated by a newer release"), "{text}");
        assert!(
            text.contains(&format!("migration {}", known + 1))
                && text.contains(&format!("up to {known}")),
            "{text}"
        );
        let text = explain_migrate_error(MigrateError::VersionMismatch(3), known).to_string();
        assert!(
            text.contains("migration 3 in the database differs"),
            "{text}"
        );
    }

    #[test]
    fn sqlite_urls_create_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/x.db");
        let url = prepare_sqlite_url(&format!("sqlite://{}", file.display())).unwrap();
        assert!(url.ends_with("x.db?mode=rwc"), "{url}");
        assert!(file.parent().unwrap().is_dir());
        let kept = prepare_sqlite_url("sqlite://y.db?mode=ro").unwrap();
        assert_eq!(kept, "sqlite://y.db?mode=ro");
    }
}
