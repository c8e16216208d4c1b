//! Backup and restore of a portal on SQLite with its attachments in a local folder:
//! `schalter backup --to <dir>` while the portal runs, `schalter restore --from <dir>`.
//!
//! A backup is a folder of three things:
//! - `schalter.db`: an online snapshot of the database (`VACUUM INTO` on a connection of the
//!   pool: one read transaction, consistent while others go on writing in WAL mode);
//! - `attachments/`: every file of the attachment folder, copied *after* the snapshot. A file
//!   is stored before the row that names it is committed and deleted only after its row is
//!   gone, so every file the snapshot names exists when the copy starts; the copy checks that
//!   it got each of them and fails otherwise;
//! - `manifest.json`: the format, this program's version, the snapshot's migration, the
//!   number of submissions and every file with its size and SHA-256.
//!
//! The folder is written under a temporary name beside the target and renamed when complete,
//! so a backup cut off half-way never looks like one. A restore checks every file against the
//! manifest before it changes anything, refuses a schema newer than this program's migrations
//! and a target that holds submissions (unless forced), puts the attachments in place first,
//! then the database file atomically, and migrates it.
//!
//! PostgreSQL and object stores are backed up with their own tools (`pg_dump`, continuous
//! archiving, bucket versioning); these functions refuse them and name those tools.

use crate::db::{Backend, Db};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

/// The manifest's file name in a backup folder.
pub const MANIFEST: &str = "manifest.json";
/// The database snapshot's file name in a backup folder.
pub const DATABASE: &str = "schalter.db";
/// The folder of attachment files in a backup folder.
pub const ATTACHMENTS: &str = "attachments";
/// What `manifest.json` says it is.
pub const FORMAT: &str = "schalter-backup";
/// The manifest format this program writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// What to do instead for a PostgreSQL database (backup).
pub const POSTGRES_BACKUP: &str = "back up a PostgreSQL database with PostgreSQL's own tools: \
     `pg_dump -Fc` for a dump, continuous WAL archiving for point-in-time recovery (PITR); see \
     \"Backup and restore\" in docs/operating.md";
/// What to do instead for a PostgreSQL database (restore).
pub const POSTGRES_RESTORE: &str = "restore a PostgreSQL database with PostgreSQL's own tools: \
     `pg_restore` of a `pg_dump -Fc` dump, or recovery from the WAL archive (PITR); see \
     \"Backup and restore\" in docs/operating.md";
/// What to do instead for attachments in an object store.
pub const OBJECT_STORE: &str = "an object store keeps its objects safe itself: bucket \
     versioning and replication, or a copy with `aws s3 sync` or `rclone sync`; see \"Backup \
     and restore\" in docs/operating.md";

/// Why a backup or restore did not happen. Nothing is left half-done: a backup that fails
/// leaves no backup folder, a restore that fails before placing the database leaves it as it
/// was.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database is PostgreSQL: its own tools do this (the text says which).
    #[error("schalter backup and restore handle SQLite only: {0}")]
    Postgres(&'static str),
    /// The attachments are in an object store.
    #[error("the attachments are in an object store ({0}): {OBJECT_STORE}")]
    ObjectStore(String),
    /// Something else this cannot back up or restore (an in-memory database, a path that is
    /// not UTF-8).
    #[error("{0}")]
    Unsupported(String),
    /// The database file to back up does not exist.
    #[error("there is no database file {}", .0.display())]
    NoDatabase(PathBuf),
    /// The backup's folder is there and holds something.
    #[error("{} exists and is not empty: a backup goes into a new or empty folder", .0.display())]
    TargetNotEmpty(PathBuf),
    /// Files the snapshot refers to were not in the attachment folder.
    #[error(
        "{count} attachment file(s) the database refers to are missing from {folder} (first: \
         {first}); no backup was written. Were they deleted by hand, or by a retention sweep \
         just after the snapshot? Then run the backup again"
    )]
    MissingAttachments {
        /// How many.
        count: usize,
        /// The first key missing.
        first: String,
        /// The attachment folder.
        folder: String,
    },
    /// The folder is not a backup this program can read.
    #[error("{} is not a Schalter backup it can read: {reason}", path.display())]
    NotABackup {
        /// The backup folder.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A file of the backup is missing or differs from the manifest.
    #[error("the backup is damaged: {file}: {problem}")]
    Damaged {
        /// The file, relative to the backup folder.
        file: String,
        /// Missing, another size or another checksum.
        problem: String,
    },
    /// The backup comes from a newer release.
    #[error(
        "the backup's database is at migration {backup}, newer than this schalter {} knows \
         (migration {known}): restore it with the release that made it (schalter {made_by}) or a newer one",
        env!("CARGO_PKG_VERSION")
    )]
    SchemaTooNew {
        /// The backup's latest migration.
        backup: i64,
        /// This program's latest migration.
        known: i64,
        /// The version that wrote the backup.
        made_by: String,
    },
    /// The target database is open in another process (a portal still running).
    #[error(
        "{} is in use (is the portal still running?): stop every process that has it open, \
         then restore",
        .0.display()
    )]
    InUse(PathBuf),
    /// The target database holds submissions and the restore was not forced.
    #[error(
        "the target database holds {0} submission(s), which a restore would replace; stop the \
         portal and give --force to replace them"
    )]
    HasSubmissions(i64),
    /// A file could not be read or written.
    #[error("{context}")]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        #[source]
        source: io::Error,
    },
    /// The database refused or failed.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// The database could not be opened.
    #[error("connecting to the database")]
    Connect(#[source] anyhow::Error),
    /// Opening or migrating the restored database failed.
    #[error("opening and migrating the restored database")]
    Migrate(#[source] anyhow::Error),
}

/// The result of a backup or restore step.
pub type BackupResult<T> = Result<T, BackupError>;

/// Wraps an I/O error with what was being done.
fn io_err(context: impl Into<String>) -> impl FnOnce(io::Error) -> BackupError {
    let context = context.into();
    move |source| BackupError::Io { context, source }
}

/// `manifest.json`: what a backup holds, checked by a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The manifest format ([`FORMAT_VERSION`]).
    pub format_version: u32,
    /// The schalter release that wrote it.
    pub schalter_version: String,
    /// The database engine (`sqlite`).
    pub backend: String,
    /// The latest migration applied to the snapshot.
    pub schema_version: i64,
    /// When the snapshot was taken (RFC 3339, UTC).
    pub created_at: String,
    /// Submissions in the snapshot.
    pub submissions: i64,
    /// Every file of the backup but the manifest, with `/` as separator.
    pub files: Vec<FileEntry>,
}

/// One file of a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Relative to the backup folder (`schalter.db`, `attachments/uploads/<id>`).
    pub path: String,
    /// In bytes.
    pub size: u64,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
}

impl Manifest {
    /// How many attachment files it holds.
    pub fn attachment_files(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.starts_with(&format!("{ATTACHMENTS}/")))
            .count()
    }

    /// The size of all its files.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// One line for people: submissions, files, bytes.
    pub fn summary(&self) -> String {
        format!(
            "{} submissions, {} attachment files, {} bytes (database at migration {}, written \
             by schalter {} at {})",
            self.submissions,
            self.attachment_files(),
            self.bytes(),
            self.schema_version,
            self.schalter_version,
            self.created_at
        )
    }
}

/// The latest migration this program can apply to SQLite (to tell a backup from a newer
/// release).
pub fn latest_migration() -> i64 {
    crate::db::latest_migration(crate::db::Backend::Sqlite)
}

/// The file of an SQLite database URL; PostgreSQL and in-memory databases are refused
/// (`postgres_hint` says what to do instead).
pub fn sqlite_file(database_url: &str, postgres_hint: &'static str) -> BackupResult<PathBuf> {
    match Backend::from_url(database_url) {
        Ok(Backend::Sqlite) => {}
        Ok(Backend::Postgres) => return Err(BackupError::Postgres(postgres_hint)),
        Err(e) => return Err(BackupError::Unsupported(e.to_string())),
    }
    let rest = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .unwrap_or(database_url);
    let path = rest.split_once('?').map_or(rest, |(p, _)| p);
    if path.is_empty() || path == ":memory:" {
        return Err(BackupError::Unsupported(
            "an in-memory database has nothing to back up or restore".into(),
        ));
    }
    Ok(PathBuf::from(path))
}

/// The local folder of an attachments setting (as `Attachments::open` reads it); an object
/// store is refused.
pub fn local_folder(attachments: &str) -> BackupResult<PathBuf> {
    if attachments.starts_with("s3://") {
        return Err(BackupError::ObjectStore(attachments.to_owned()));
    }
    Ok(PathBuf::from(
        attachments.strip_prefix("file://").unwrap_or(attachments),
    ))
}

/// `schalter backup`: checks what can be refused without connecting (PostgreSQL, an object
/// store, a missing database file), connects to `database_url` and runs [`backup`].
pub async fn backup_url(
    database_url: &str,
    attachments: &str,
    to: &Path,
) -> BackupResult<Manifest> {
    let file = sqlite_file(database_url, POSTGRES_BACKUP)?;
    local_folder(attachments)?;
    if !file.is_file() {
        // Connecting would create an empty database and back that up.
        return Err(BackupError::NoDatabase(file));
    }
    let db = Db::connect(database_url)
        .await
        .map_err(BackupError::Connect)?;
    let result = backup(&db, attachments, to).await;
    db.close().await;
    result
}

/// Writes a consistent backup of the portal on `db` (SQLite) and its attachment folder
/// `attachments` into the folder `to`, which must not exist or be empty. The portal may go on
/// serving, also in other processes. Answers the manifest written.
pub async fn backup(db: &Db, attachments: &str, to: &Path) -> BackupResult<Manifest> {
    if db.backend() == Backend::Postgres {
        return Err(BackupError::Postgres(POSTGRES_BACKUP));
    }
    let folder = local_folder(attachments)?;
    let started = std::time::Instant::now();
    let staging = prepare_target(to, &folder)?;
    tracing::info!(to = %to.display(), attachments = %folder.display(), "backup started");
    match write_backup(db, &folder, &staging).await {
        Ok(manifest) => {
            finish_target(&staging, to)?;
            tracing::info!(
                to = %to.display(),
                submissions = manifest.submissions,
                files = manifest.attachment_files(),
                bytes = manifest.bytes(),
                schema = manifest.schema_version,
                ms = started.elapsed().as_millis() as u64,
                "backup written"
            );
            Ok(manifest)
        }
        Err(e) => {
            if let Err(cleanup) = std::fs::remove_dir_all(&staging) {
                tracing::warn!(dir = %staging.display(), error = %cleanup, "an incomplete backup could not be removed");
            }
            tracing::error!(to = %to.display(), error = %e, "backup failed");
            Err(e)
        }
    }
}

/// Checks the target and creates the temporary folder beside it.
fn prepare_target(to: &Path, attachments: &Path) -> BackupResult<PathBuf> {
    match std::fs::read_dir(to) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(BackupError::TargetNotEmpty(to.to_owned()));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(if to.exists() {
                BackupError::TargetNotEmpty(to.to_owned())
            } else {
                io_err(format!("reading {}", to.display()))(e)
            });
        }
    }
    let name = to
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| {
            BackupError::Unsupported(format!(
                "{} does not end in a folder name (UTF-8)",
                to.display()
            ))
        })?
        .to_owned();
    let parent = parent_of(to);
    std::fs::create_dir_all(&parent).map_err(io_err(format!("creating {}", parent.display())))?;
    // A backup inside the attachment folder would copy itself.
    if let (Ok(p), Ok(a)) = (parent.canonicalize(), attachments.canonicalize())
        && p.starts_with(&a)
    {
        return Err(BackupError::Unsupported(format!(
            "the backup cannot go inside the attachment folder {}",
            attachments.display()
        )));
    }
    let staging = parent.join(format!(
        "{name}.incomplete-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    ));
    std::fs::create_dir(&staging).map_err(io_err(format!("creating {}", staging.display())))?;
    Ok(staging)
}

/// The folder a path is in (`.` for a bare name).
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Renames the complete backup to its name.
fn finish_target(staging: &Path, to: &Path) -> BackupResult<()> {
    if to.is_dir() {
        // Checked empty before; an empty folder is replaced.
        std::fs::remove_dir(to).map_err(|e| {
            if e.kind() == io::ErrorKind::DirectoryNotEmpty {
                BackupError::TargetNotEmpty(to.to_owned())
            } else {
                io_err(format!("replacing the empty folder {}", to.display()))(e)
            }
        })?;
    }
    std::fs::rename(staging, to).map_err(io_err(format!(
        "renaming {} to {}",
        staging.display(),
        to.display()
    )))?;
    sync_dir(&parent_of(to))
}

/// What a backup learns from its snapshot.
struct Snapshot {
    schema_version: i64,
    submissions: i64,
    /// The object-store keys of every file a row names.
    referenced: BTreeSet<String>,
}

/// Snapshot, attachments, manifest, into `staging`.
async fn write_backup(db: &Db, folder: &Path, staging: &Path) -> BackupResult<Manifest> {
    let created_at = crate::submissions::now_rfc3339();
    let db_file = staging.join(DATABASE);
    let target = db_file.to_str().ok_or_else(|| {
        BackupError::Unsupported(format!("{} is not a UTF-8 path", db_file.display()))
    })?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(db.pool())
        .await?;
    let snapshot = read_snapshot(&db_file).await?;
    tracing::info!(
        submissions = snapshot.submissions,
        referenced_files = snapshot.referenced.len(),
        "database snapshot taken"
    );

    let folder = folder.to_owned();
    let staging = staging.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut files = copy_attachments(&folder, &staging.join(ATTACHMENTS))?;
        let copied: BTreeSet<&str> = files
            .iter()
            .filter_map(|f| f.path.strip_prefix(&format!("{ATTACHMENTS}/")))
            .collect();
        let missing: Vec<&String> = snapshot
            .referenced
            .iter()
            .filter(|k| !copied.contains(k.as_str()))
            .collect();
        if let Some(first) = missing.first() {
            return Err(BackupError::MissingAttachments {
                count: missing.len(),
                first: (*first).clone(),
                folder: folder.display().to_string(),
            });
        }
        let (size, sha256) = hash_file(&staging.join(DATABASE))?;
        files.push(FileEntry {
            path: DATABASE.to_owned(),
            size,
            sha256,
        });
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let manifest = Manifest {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            schalter_version: env!("CARGO_PKG_VERSION").to_owned(),
            backend: Backend::Sqlite.name().to_owned(),
            schema_version: snapshot.schema_version,
            created_at,
            submissions: snapshot.submissions,
            files,
        };
        let path = staging.join(MANIFEST);
        let json = serde_json::to_vec_pretty(&manifest).expect("a manifest serialises");
        let mut out =
            File::create_new(&path).map_err(io_err(format!("creating {}", path.display())))?;
        out.write_all(&json)
            .and_then(|()| out.sync_all())
            .map_err(io_err(format!("writing {}", path.display())))?;
        sync_dirs_under(&staging)?;
        Ok(manifest)
    })
    .await
    .expect("the backup's copy does not panic")
}

/// Opens an SQLite file of ours (a snapshot, or a restore's copy) on its own, in rollback
/// journal mode so that the file is complete by itself when closed.
async fn open_own_file(path: &Path) -> BackupResult<SqliteConnection> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .journal_mode(SqliteJournalMode::Delete);
    Ok(SqliteConnection::connect_with(&options).await?)
}

/// The latest successful migration of an open database.
async fn schema_version(conn: &mut SqliteConnection) -> BackupResult<i64> {
    let version: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&mut *conn)
            .await?;
    Ok(version.unwrap_or(0))
}

/// Reads the snapshot's migration, submissions and file references, and closes it (then it
/// is one self-contained file, synced to disk).
async fn read_snapshot(path: &Path) -> BackupResult<Snapshot> {
    let mut conn = open_own_file(path).await?;
    let schema_version = schema_version(&mut conn).await?;
    let submissions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
        .fetch_one(&mut conn)
        .await?;
    // The keys as the services store them: `uploads.object_key` (submissions::service) and
    // `messages/<id>` for the Postfach's files (cases::messages).
    let referenced: Vec<String> = sqlx::query_scalar(
        "SELECT object_key FROM uploads UNION SELECT 'messages/' || id FROM message_files",
    )
    .fetch_all(&mut conn)
    .await?;
    conn.close().await?;
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io_err(format!("syncing {}", path.display())))?;
    Ok(Snapshot {
        schema_version,
        submissions,
        referenced: referenced.into_iter().collect(),
    })
}

/// Whether a file name is an unfinished write of the object store's local folder
/// (`<key>#<digits>`, renamed to `<key>` when complete).
fn is_staging_file(name: &str) -> bool {
    name.rsplit_once('#')
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Copies every finished file under `from` to `to`, hashing on the way; files that vanish
/// while being walked (a sweep deleting them) are skipped. Paths as `attachments/<key>`.
fn copy_attachments(from: &Path, to: &Path) -> BackupResult<Vec<FileEntry>> {
    std::fs::create_dir_all(to).map_err(io_err(format!("creating {}", to.display())))?;
    let mut files = Vec::new();
    let mut dirs = vec![(from.to_owned(), String::new())];
    while let Some((dir, prefix)) = dirs.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_err(format!("reading {}", dir.display()))(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io_err(format!("reading {}", dir.display())))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                tracing::warn!(file = %entry.path().display(), "not an attachment (the name is not UTF-8): skipped");
                continue;
            };
            let key = format!("{prefix}{name}");
            let kind = match entry.file_type() {
                Ok(k) => k,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io_err(format!("reading {}", entry.path().display()))(e)),
            };
            if kind.is_dir() {
                dirs.push((entry.path(), format!("{key}/")));
            } else if !kind.is_file() {
                tracing::warn!(file = %entry.path().display(), "not a regular file: skipped");
            } else if is_staging_file(name) {
                // An upload still being written: its row does not exist yet.
            } else if let Some((size, sha256)) = copy_hashed(&entry.path(), &to.join(&key))? {
                files.push(FileEntry {
                    path: format!("{ATTACHMENTS}/{key}"),
                    size,
                    sha256,
                });
            }
        }
    }
    Ok(files)
}

/// Copies a file to a new file, synced, answering its size and SHA-256; `None` when the
/// source is gone.
fn copy_hashed(from: &Path, to: &Path) -> BackupResult<Option<(u64, String)>> {
    let mut src = match File::open(from) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(format!("reading {}", from.display()))(e)),
    };
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(io_err(format!("creating {}", dir.display())))?;
    }
    let mut dst = File::create_new(to).map_err(io_err(format!("creating {}", to.display())))?;
    let hashed = read_hashed(&mut src, from, |chunk| {
        dst.write_all(chunk)
            .map_err(io_err(format!("writing {}", to.display())))
    })?;
    dst.sync_all()
        .map_err(io_err(format!("syncing {}", to.display())))?;
    Ok(Some(hashed))
}

/// A file's size and SHA-256.
fn hash_file(path: &Path) -> BackupResult<(u64, String)> {
    let mut f = File::open(path).map_err(io_err(format!("reading {}", path.display())))?;
    read_hashed(&mut f, path, |_| Ok(()))
}

/// Reads `src` (the file at `path`) to its end, handing each chunk to `each`; answers its size
/// and SHA-256.
fn read_hashed(
    src: &mut File,
    path: &Path,
    mut each: impl FnMut(&[u8]) -> BackupResult<()>,
) -> BackupResult<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = src
            .read(&mut buf)
            .map_err(io_err(format!("reading {}", path.display())))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        each(&buf[..n])?;
        size += n as u64;
    }
    Ok((size, hex::encode(hasher.finalize())))
}

/// Makes a folder's entries (new and renamed files) durable.
fn sync_dir(dir: &Path) -> BackupResult<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_err(format!("syncing {}", dir.display())))
}

/// Reads `manifest.json` of the backup in `from` and checks every file it lists: there, of
/// its size, with its SHA-256. Answers the manifest.
pub async fn verify(from: &Path) -> BackupResult<Manifest> {
    let from = from.to_owned();
    tokio::task::spawn_blocking(move || verify_blocking(&from))
        .await
        .expect("verifying does not panic")
}

fn verify_blocking(from: &Path) -> BackupResult<Manifest> {
    let not_a_backup = |reason: String| BackupError::NotABackup {
        path: from.to_owned(),
        reason,
    };
    let text =
        std::fs::read(from.join(MANIFEST)).map_err(|e| not_a_backup(format!("{MANIFEST}: {e}")))?;
    let manifest: Manifest = serde_json::from_slice(&text)
        .map_err(|e| not_a_backup(format!("{MANIFEST} cannot be read: {e}")))?;
    if manifest.format != FORMAT {
        return Err(not_a_backup(format!("its format is {:?}", manifest.format)));
    }
    if manifest.format_version > FORMAT_VERSION {
        return Err(not_a_backup(format!(
            "manifest format {} is newer than this schalter reads ({FORMAT_VERSION}); use \
             schalter {} or newer",
            manifest.format_version, manifest.schalter_version
        )));
    }
    if manifest.backend != Backend::Sqlite.name() {
        return Err(not_a_backup(format!("it is a {} backup", manifest.backend)));
    }
    if !manifest.files.iter().any(|f| f.path == DATABASE) {
        return Err(not_a_backup(format!("the manifest lists no {DATABASE}")));
    }
    for f in &manifest.files {
        let path = backup_path(from, &f.path)?;
        let damaged = |problem: String| BackupError::Damaged {
            file: f.path.clone(),
            problem,
        };
        let (size, sha256) = match hash_file(&path) {
            Ok(h) => h,
            Err(BackupError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return Err(damaged("missing".into()));
            }
            Err(BackupError::Io { source, .. }) => return Err(damaged(source.to_string())),
            Err(e) => return Err(e),
        };
        if size != f.size {
            return Err(damaged(format!(
                "{size} bytes where the manifest says {}",
                f.size
            )));
        }
        if sha256 != f.sha256 {
            return Err(damaged(format!(
                "SHA-256 checksum {sha256} where the manifest says {}",
                f.sha256
            )));
        }
    }
    Ok(manifest)
}

/// A manifest's path inside the backup folder: relative, no `..`, the database or under
/// `attachments/` (a manifest must not reach outside its folder).
fn backup_path(from: &Path, relative: &str) -> BackupResult<PathBuf> {
    let p = Path::new(relative);
    let plain = p.components().all(|c| matches!(c, Component::Normal(_)));
    let inside = relative == DATABASE || relative.starts_with(&format!("{ATTACHMENTS}/"));
    if !plain || !inside || relative.contains('\\') {
        return Err(BackupError::Damaged {
            file: relative.to_owned(),
            problem: "not a file a backup holds".into(),
        });
    }
    Ok(from.join(p))
}

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    /// The backup's manifest.
    pub manifest: Manifest,
    /// The database's migration after the restore (later than the backup's when this release
    /// has newer migrations).
    pub schema_version: i64,
    /// Submissions in the restored database.
    pub submissions: i64,
}

/// `schalter restore`: puts the backup in `from` in place as the SQLite database of
/// `database_url` and the attachment folder `attachments`, then migrates the database.
/// Refuses a damaged backup, one from a newer release, a target database a running portal
/// has open, and one that holds submissions unless `force`.
pub async fn restore(
    database_url: &str,
    attachments: &str,
    from: &Path,
    force: bool,
) -> BackupResult<Restored> {
    let target = sqlite_file(database_url, POSTGRES_RESTORE)?;
    let folder = local_folder(attachments)?;
    tracing::info!(from = %from.display(), database = %target.display(), attachments = %folder.display(), "restore started");
    let manifest = verify(from).await?;
    let known = latest_migration();
    if manifest.schema_version > known {
        return Err(BackupError::SchemaTooNew {
            backup: manifest.schema_version,
            known,
            made_by: manifest.schalter_version.clone(),
        });
    }
    let held = submissions_in(&target).await?;
    if held > 0 && !force {
        return Err(BackupError::HasSubmissions(held));
    }

    // The database goes to a temporary file beside its place, is checked there, and is
    // renamed into place only after the attachments it names are there.
    let dir = parent_of(&target);
    std::fs::create_dir_all(&dir).map_err(io_err(format!("creating {}", dir.display())))?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("schalter.db");
    let temp = dir.join(format!(
        ".{name}.restoring-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    ));
    let placed = place(&manifest, from, &folder, &temp, known).await;
    if let Err(e) = placed {
        let _ = std::fs::remove_file(&temp);
        tracing::error!(error = %e, "restore failed; the database was not replaced");
        return Err(e);
    }
    // A stale write-ahead log of the old database would be applied to the new one.
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = target.clone().into_os_string();
        side.push(suffix);
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(io_err(format!("removing {}", Path::new(&side).display()))(
                    e,
                ));
            }
        }
    }
    std::fs::rename(&temp, &target).map_err(io_err(format!(
        "renaming {} to {}",
        temp.display(),
        target.display()
    )))?;
    sync_dir(&dir)?;

    let db = Db::connect(database_url)
        .await
        .map_err(BackupError::Migrate)?;
    let migrated = db.migrate().await;
    let counted = async {
        let submissions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
            .fetch_one(db.pool())
            .await?;
        let version: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success = 1",
        )
        .fetch_one(db.pool())
        .await?;
        Ok::<_, sqlx::Error>((submissions, version))
    };
    let result = match migrated {
        Ok(()) => counted.await.map_err(BackupError::from),
        Err(e) => Err(BackupError::Migrate(e)),
    };
    db.close().await;
    let (submissions, schema_version) = result?;
    tracing::info!(
        from = %from.display(),
        submissions,
        files = manifest.attachment_files(),
        bytes = manifest.bytes(),
        from_schema = manifest.schema_version,
        schema = schema_version,
        "backup restored"
    );
    Ok(Restored {
        manifest,
        schema_version,
        submissions,
    })
}

/// Copies the database to `temp` (checked against the manifest and for its migration) and
/// the attachments into `folder`.
async fn place(
    manifest: &Manifest,
    from: &Path,
    folder: &Path,
    temp: &Path,
    known: i64,
) -> BackupResult<()> {
    let db_entry = manifest
        .files
        .iter()
        .find(|f| f.path == DATABASE)
        .expect("verified: the manifest lists the database")
        .clone();
    {
        let (from, temp) = (from.to_owned(), temp.to_owned());
        tokio::task::spawn_blocking(move || copy_checked(&from.join(DATABASE), &temp, &db_entry))
            .await
            .expect("copying does not panic")?;
    }
    let mut conn = open_own_file(temp).await?;
    let schema = schema_version(&mut conn).await;
    conn.close().await?;
    let schema = schema?;
    if schema > known {
        return Err(BackupError::SchemaTooNew {
            backup: schema,
            known,
            made_by: manifest.schalter_version.clone(),
        });
    }
    File::open(temp)
        .and_then(|f| f.sync_all())
        .map_err(io_err(format!("syncing {}", temp.display())))?;

    let (manifest, from, folder) = (manifest.clone(), from.to_owned(), folder.to_owned());
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&folder)
            .map_err(io_err(format!("creating {}", folder.display())))?;
        let prefix = format!("{ATTACHMENTS}/");
        for f in &manifest.files {
            let Some(key) = f.path.strip_prefix(&prefix) else {
                continue;
            };
            let dest = folder.join(key);
            let mut temp = dest.clone().into_os_string();
            temp.push(".restoring");
            let temp = PathBuf::from(temp);
            let _ = std::fs::remove_file(&temp);
            copy_checked(&backup_path(&from, &f.path)?, &temp, f)?;
            std::fs::rename(&temp, &dest).map_err(io_err(format!(
                "renaming {} to {}",
                temp.display(),
                dest.display()
            )))?;
        }
        sync_dirs_under(&folder)
    })
    .await
    .expect("copying does not panic")
}

/// Copies `from` to the new file `to` and checks it against its manifest entry (the backup
/// could change between the check and the copy).
fn copy_checked(from: &Path, to: &Path, entry: &FileEntry) -> BackupResult<()> {
    let got = copy_hashed(from, to)?;
    match got {
        Some((size, sha256)) if size == entry.size && sha256 == entry.sha256 => Ok(()),
        _ => {
            let _ = std::fs::remove_file(to);
            Err(BackupError::Damaged {
                file: entry.path.clone(),
                problem: "changed while it was restored".into(),
            })
        }
    }
}

/// Syncs a folder and every folder under it (renamed files become durable).
fn sync_dirs_under(root: &Path) -> BackupResult<()> {
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in
            std::fs::read_dir(&dir).map_err(io_err(format!("reading {}", dir.display())))?
        {
            let entry = entry.map_err(io_err(format!("reading {}", dir.display())))?;
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(entry.path());
            }
        }
        sync_dir(&dir)?;
    }
    Ok(())
}

/// Submissions in the SQLite file at `path` (none if there is no file or no table yet);
/// refuses a database a running portal has open.
async fn submissions_in(path: &Path) -> BackupResult<i64> {
    if !path.exists() {
        return Ok(0);
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .busy_timeout(std::time::Duration::from_secs(1));
    let mut conn = SqliteConnection::connect_with(&options).await?;
    // Every open connection in WAL mode holds a shared lock that keeps the journal mode from
    // changing: if this fails as busy, a server (or another tool) has the database open.
    if let Err(e) = sqlx::query("PRAGMA journal_mode = DELETE")
        .execute(&mut conn)
        .await
    {
        let _ = conn.close().await;
        return Err(if crate::db::is_unavailable(&e) {
            BackupError::InUse(path.to_owned())
        } else {
            e.into()
        });
    }
    let tables: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'submissions'",
    )
    .fetch_one(&mut conn)
    .await?;
    let count = if tables == 0 {
        0
    } else {
        sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
            .fetch_one(&mut conn)
            .await?
    };
    conn.close().await?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_locations_are_told_apart() {
        assert_eq!(
            sqlite_file("sqlite://data/schalter.db?mode=rwc", POSTGRES_BACKUP).unwrap(),
            PathBuf::from("data/schalter.db")
        );
        assert_eq!(
            sqlite_file("sqlite:///var/lib/schalter/schalter.db", POSTGRES_BACKUP).unwrap(),
            PathBuf::from("/var/lib/schalter/schalter.db")
        );
        let pg = sqlite_file("postgres://u@h/db", POSTGRES_BACKUP)
            .unwrap_err()
            .to_string();
        assert!(pg.contains("pg_dump"), "{pg}");
        let pg = sqlite_file("postgresql://u@h/db", POSTGRES_RESTORE)
            .unwrap_err()
            .to_string();
        assert!(pg.contains("pg_restore"), "{pg}");
        assert!(sqlite_file("sqlite::memory:", POSTGRES_BACKUP).is_err());
        assert_eq!(
            local_folder("file:///srv/att").unwrap(),
            PathBuf::from("/srv/att")
        );
        let s3 = local_folder("s3://bucket/p").unwrap_err().to_string();
        assert!(s3.contains("versioning"), "{s3}");
    }

    #[test]
    fn staging_files_of_the_local_store_are_recognised() {
        assert!(is_staging_file("0b3c#1"));
        assert!(is_staging_file("0b3c#12"));
        assert!(!is_staging_file("0b3c"));
        assert!(!is_staging_file("a#b"));
        assert!(!is_staging_file("a#"));
    }

    #[test]
    fn manifests_cannot_reach_outside_the_backup() {
        let from = Path::new("/b");
        assert!(backup_path(from, "schalter.db").is_ok());
        assert!(backup_path(from, "attachments/uploads/x").is_ok());
        for bad in [
            "../etc/passwd",
            "/etc/passwd",
            "attachments/../../x",
            "other.db",
            "attachments\\..\\x",
        ] {
            assert!(backup_path(from, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn this_release_knows_its_migrations() {
        assert!(latest_migration() >= 21);
    }
}
