//! Sessions in the portal's database, so that every server process serves every session.
//!
//! `tower-sessions` handles the cookie, the session id (128 random bits), its rotation at
//! sign-in and the idle expiry; [`DbSessionStore`] keeps the records. The id is stored as a
//! SHA-256 hash (a copy of the table opens no session), and the signed-in account is repeated
//! in its own column so that all sessions of an account can be ended at once (a new password,
//! a deleted account).

use async_trait::async_trait;
use contract::account::Level;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use crate::db::Db;
use crate::submissions::{now_millis, sha256_tag};

/// The session cookie's name.
pub const COOKIE: &str = "schalter_session";

/// The key of the signed-in citizen in a session's data.
const SIGNED_IN: &str = "citizen";

/// Who signed in on a session, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    /// The account's id.
    pub account: String,
    /// How they signed in.
    pub level: Level,
    /// When (Unix ms): the absolute timeout counts from here.
    pub at: i64,
    /// The last request seen (Unix ms), written at most once a minute.
    pub seen: i64,
}

/// Reads who is signed in on `session`.
pub async fn signed_in(session: &Session) -> Result<Option<SignedIn>, session_store::Error> {
    session
        .get::<SignedIn>(SIGNED_IN)
        .await
        .map_err(|e| session_store::Error::Decode(e.to_string()))
}

/// Signs `account` in on `session`: a new session id first (the one a visitor arrived with
/// could be known to someone else), then the citizen.
pub async fn sign_in(
    session: &Session,
    account: &str,
    level: Level,
) -> Result<SignedIn, session_store::Error> {
    session.cycle_id().await.map_err(to_store_error)?;
    let now = now_millis();
    let who = SignedIn {
        account: account.to_owned(),
        level,
        at: now,
        seen: now,
    };
    session
        .insert(SIGNED_IN, &who)
        .await
        .map_err(to_store_error)?;
    Ok(who)
}

/// Notes activity: the idle timeout starts again. Written at most every `every` ms (a minute,
/// or a quarter of a short idle timeout), so the session ends at most that much before the
/// app's own count says.
pub async fn touch(
    session: &Session,
    mut who: SignedIn,
    every: i64,
) -> Result<(), session_store::Error> {
    let now = now_millis();
    if now - who.seen >= every {
        who.seen = now;
        session
            .insert(SIGNED_IN, &who)
            .await
            .map_err(to_store_error)?;
    }
    Ok(())
}

/// Keeps the session alive now, whatever the last write was ("stay signed in").
pub async fn renew(session: &Session, mut who: SignedIn) -> Result<(), session_store::Error> {
    who.seen = now_millis();
    session
        .insert(SIGNED_IN, &who)
        .await
        .map_err(to_store_error)
}

/// Ends `session` (its record is deleted, the cookie removed).
pub async fn sign_out(session: &Session) -> Result<(), session_store::Error> {
    session.flush().await.map_err(to_store_error)
}

fn to_store_error(e: tower_sessions::session::Error) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// The store over the portal's database.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    /// A store in `db` (table `sessions`).
    pub fn new(db: Db) -> DbSessionStore {
        DbSessionStore { db }
    }

    /// Ends every session of `account` but `keep` (its id), returning how many ended.
    pub async fn end_all(&self, account: &str, keep: Option<Id>) -> Result<u64, sqlx::Error> {
        let keep = keep.map(|id| key(&id)).unwrap_or_default();
        let done = sqlx::query("DELETE FROM sessions WHERE account = $1 AND id_hash <> $2")
            .bind(account)
            .bind(keep)
            .execute(self.db.pool())
            .await?;
        Ok(done.rows_affected())
    }

    /// Deletes sessions past their expiry.
    pub async fn sweep(&self) -> Result<u64, sqlx::Error> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now_millis())
            .execute(self.db.pool())
            .await?;
        Ok(done.rows_affected())
    }

    async fn write(&self, record: &Record, insert_only: bool) -> Result<u64, sqlx::Error> {
        let data = serde_json::to_string(&record.data).unwrap_or_else(|_| "{}".into());
        let account = record
            .data
            .get(SIGNED_IN)
            .and_then(|v| v.get("account"))
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        let expires = (record.expiry_date.unix_timestamp_nanos() / 1_000_000) as i64;
        let sql = if insert_only {
            "INSERT INTO sessions (id_hash, account, data, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id_hash) DO NOTHING"
        } else {
            "INSERT INTO sessions (id_hash, account, data, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id_hash) DO UPDATE SET \
             account = excluded.account, data = excluded.data, expires_at = excluded.expires_at"
        };
        let done = sqlx::query(sql)
            .bind(key(&record.id))
            .bind(account)
            .bind(data)
            .bind(expires)
            .bind(now_millis())
            .execute(self.db.pool())
            .await?;
        Ok(done.rows_affected())
    }
}

/// The stored form of a session id.
fn key(id: &Id) -> String {
    sha256_tag(id.to_string().as_bytes())
}

fn backend(e: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh id that happens to exist already gets another one.
        while self.write(record, true).await.map_err(backend)? == 0 {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.write(record, false).await.map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT data, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(key(id))
        .bind(now_millis())
        .fetch_optional(self.db.pool())
        .await
        .map_err(backend)?;
        let Some((data, expires)) = row else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires) * 1_000_000)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(key(id))
            .execute(self.db.pool())
            .await
            .map_err(backend)?;
        Ok(())
    }
}
