//! Messages about one application, written by the authority's staff or by its citizen (the
//! holder of its receipt token or the account it belongs to), with files.
//!
//! The authority's message reaches the citizen as an e-mail that says only that there is a new
//! message (nothing of its content leaves the portal); the citizen reads it in the Postfach.
//! Files are uploaded first (`message-files`), checked by their content (PDF, JPEG, PNG, at
//! most 10 MB, at most 50 per application), and then sent with a message.

use bytes::Bytes;
use contract::messages::{
    BODY_MAX, Direction, FILES_MAX, Message, MessageFile, NewMessage, Postfach,
};

use contract::submission::Status;

use crate::Core;
use crate::access::{Action, Actor};
use crate::db::StoreError;
use crate::submissions::service::{self as submissions, SubmissionError};
use crate::submissions::{now_millis, sha256_tag};

/// The largest message file.
pub const FILE_MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most message files per application.
pub const FILES_PER_SUBMISSION: i64 = 50;
const ACCEPTED: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// Why a message operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    /// An empty or over-long text, or too many or unknown files.
    #[error("invalid message: {0}")]
    Invalid(&'static str),
    /// A file of a type not accepted.
    #[error("file type refused")]
    FileType,
    /// A file over [`FILE_MAX_BYTES`].
    #[error("file too large")]
    FileTooLarge,
    /// The application has [`FILES_PER_SUBMISSION`] files already.
    #[error("too many files")]
    TooManyFiles,
    /// No such message or file.
    #[error("not found")]
    NotFound,
    /// The submission's side (not found, not allowed).
    #[error(transparent)]
    Submission(#[from] SubmissionError),
    /// Storage.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The object store.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for MessageError {
    fn from(e: sqlx::Error) -> Self {
        MessageError::Store(e.into())
    }
}

type Result<T> = std::result::Result<T, MessageError>;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    reference: String,
    direction: String,
    body: String,
    created_at: i64,
    read_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct FileRow {
    id: String,
    message_id: Option<i64>,
    name: String,
    media_type: String,
    size: i64,
}

fn direction_of(actor: &Actor) -> Direction {
    match actor {
        Actor::Staff(_) => Direction::Authority,
        _ => Direction::Citizen,
    }
}

fn code(d: Direction) -> &'static str {
    match d {
        Direction::Authority => "authority",
        Direction::Citizen => "citizen",
    }
}

async fn load(core: &Core, rows: Vec<Row>) -> Result<Vec<Message>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let files: Vec<FileRow> = sqlx::query_as(
            "SELECT id, message_id, name, media_type, size FROM message_files \
             WHERE message_id = $1 ORDER BY created_at, id",
        )
        .bind(r.id)
        .fetch_all(core.db.pool())
        .await?;
        out.push(Message {
            id: r.id,
            reference: r.reference,
            direction: if r.direction == "authority" {
                Direction::Authority
            } else {
                Direction::Citizen
            },
            body: r.body,
            sent_at: jiff::Timestamp::from_millisecond(r.created_at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            read: r.read_at.is_some(),
            files: files
                .into_iter()
                .map(|f| MessageFile {
                    id: f.id,
                    name: f.name,
                    size: f.size.max(0) as u64,
                    media_type: f.media_type,
                })
                .collect(),
        });
    }
    Ok(out)
}

const SELECT: &str = "SELECT m.id, s.reference, m.direction, m.body, m.created_at, m.read_at \
     FROM messages m JOIN submissions s ON s.id = m.submission_id";

/// The messages about `reference`, oldest first. When its citizen reads them, the authority's
/// messages count as read.
pub async fn list(core: &Core, actor: &Actor, reference: &str) -> Result<Vec<Message>> {
    let stored = submissions::open_for(core, actor, Action::ReadMessages, reference).await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE m.submission_id = $1 ORDER BY m.id"
    ))
    .bind(stored.id)
    .fetch_all(core.db.pool())
    .await?;
    let messages = load(core, rows).await?;
    if direction_of(actor) == Direction::Citizen {
        sqlx::query(
            "UPDATE messages SET read_at = $2 WHERE submission_id = $1 \
             AND direction = 'authority' AND read_at IS NULL",
        )
        .bind(stored.id)
        .bind(now_millis())
        .execute(core.db.pool())
        .await?;
    }
    Ok(messages)
}

/// Stores a file for a message about `reference` (sent with the next message).
pub async fn upload(
    core: &Core,
    actor: &Actor,
    reference: &str,
    name: &str,
    bytes: Bytes,
) -> Result<MessageFile> {
    let stored = submissions::open_for(core, actor, Action::WriteMessage, reference).await?;
    if bytes.len() > FILE_MAX_BYTES {
        return Err(MessageError::FileTooLarge);
    }
    let media_type = crate::attachments::sniff(&bytes)
        .filter(|t| ACCEPTED.contains(t))
        .ok_or(MessageError::FileType)?;
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM message_files WHERE submission_id = $1")
            .bind(stored.id)
            .fetch_one(core.db.pool())
            .await?;
    if count >= FILES_PER_SUBMISSION {
        return Err(MessageError::TooManyFiles);
    }
    let id = uuid::Uuid::new_v4().to_string();
    let name = submissions::stored_name(name, media_type);
    core.attachments
        .put(&format!("messages/{id}"), bytes.clone())
        .await?;
    sqlx::query(
        "INSERT INTO message_files (id, submission_id, message_id, uploader, name, media_type, \
         size, sha256, created_at) VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(stored.id)
    .bind(actor.label())
    .bind(&name)
    .bind(media_type)
    .bind(bytes.len() as i64)
    .bind(sha256_tag(&bytes))
    .bind(now_millis())
    .execute(core.db.pool())
    .await?;
    Ok(MessageFile {
        id,
        name,
        size: bytes.len() as u64,
        media_type: media_type.to_owned(),
    })
}

/// Sends a message about `reference`: from the authority's staff to the citizen (who gets an
/// e-mail that there is a message), or from the citizen to the authority.
pub async fn send(core: &Core, actor: &Actor, reference: &str, new: NewMessage) -> Result<Message> {
    let stored = submissions::open_for(core, actor, Action::WriteMessage, reference).await?;
    let body = contract::form::repertoire::normalise(
        &new.body,
        contract::form::repertoire::Repertoire::Block,
    )
    .into_owned();
    if body.is_empty() {
        return Err(MessageError::Invalid("body"));
    }
    if body.chars().count() > BODY_MAX
        || contract::form::repertoire::first_refused(
            &body,
            contract::form::repertoire::Repertoire::Block,
        )
        .is_some()
    {
        return Err(MessageError::Invalid("body"));
    }
    if new.files.len() > FILES_MAX {
        return Err(MessageError::Invalid("files"));
    }
    let direction = direction_of(actor);
    let now = now_millis();
    let mut tx = core.db.pool().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO messages (submission_id, direction, author, body, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(stored.id)
    .bind(code(direction))
    .bind(actor.label())
    .bind(&body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for file in &new.files {
        // Only files of this application, uploaded by the same side, not yet sent.
        let done = sqlx::query(
            "UPDATE message_files SET message_id = $1 WHERE id = $2 AND submission_id = $3 \
             AND uploader = $4 AND message_id IS NULL",
        )
        .bind(id)
        .bind(file)
        .bind(stored.id)
        .bind(actor.label())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(MessageError::Invalid("files"));
        }
    }
    match direction {
        // Staff writing is part of the case's audit trail.
        Direction::Authority => {
            super::audit::append(
                &mut tx,
                &super::audit::Record {
                    authority: &stored.authority_id,
                    actor: &actor.label(),
                    action: "message",
                    reference: Some(&stored.reference),
                    detail: &id.to_string(),
                },
            )
            .await?;
        }
        // The citizen's answer to a question returns the case to the clerks' work.
        Direction::Citizen if stored.status == Status::WaitingForCitizen => {
            let at = crate::submissions::now_rfc3339();
            let moved = sqlx::query(
                "UPDATE submissions SET status = 'in_progress', updated_at = $1, \
                 version = version + 1 WHERE id = $2 AND status = 'waiting_for_citizen'",
            )
            .bind(&at)
            .bind(stored.id)
            .execute(&mut *tx)
            .await?;
            if moved.rows_affected() == 1 {
                crate::submissions::store::record_event(
                    &mut tx,
                    stored.id,
                    &at,
                    Status::InProgress,
                    "citizen",
                    None,
                )
                .await?;
            }
        }
        Direction::Citizen => {}
    }
    tx.commit().await?;
    if direction == Direction::Authority {
        notify_citizen(core, &stored).await?;
    }
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE m.id = $1"))
        .bind(id)
        .fetch_all(core.db.pool())
        .await?;
    load(core, rows).await?.pop().ok_or(MessageError::NotFound)
}

/// Tells the citizen by e-mail that a message waits: the accounts the application belongs to,
/// else the address given in the application.
async fn notify_citizen(core: &Core, stored: &crate::submissions::store::Stored) -> Result<()> {
    let accounts: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.email, a.language FROM accounts a JOIN account_submissions l \
         ON l.account = a.id WHERE l.submission_id = $1 AND a.email <> ''",
    )
    .bind(stored.id)
    .fetch_all(core.db.pool())
    .await?;
    let mail = crate::accounts::mail::AccountMail::NewMessage {
        reference: stored.reference.clone(),
    };
    if accounts.is_empty() {
        if let Some(to) = &stored.email {
            core.accounts.notify(to, stored.lang, mail);
        }
    } else {
        for (to, lang) in accounts {
            core.accounts
                .notify(&to, lang.parse().unwrap_or(stored.lang), mail.clone());
        }
    }
    Ok(())
}

/// A file of a message about `reference`: its name, type and bytes.
pub async fn file(
    core: &Core,
    actor: &Actor,
    reference: &str,
    file: &str,
) -> Result<(MessageFile, Bytes)> {
    let stored = submissions::open_for(core, actor, Action::ReadMessages, reference).await?;
    let row: Option<FileRow> = sqlx::query_as(
        "SELECT id, message_id, name, media_type, size FROM message_files \
         WHERE id = $1 AND submission_id = $2",
    )
    .bind(file)
    .bind(stored.id)
    .fetch_optional(core.db.pool())
    .await?;
    // Files not yet sent are seen by nobody but through their message.
    let row = row
        .filter(|r| r.message_id.is_some())
        .ok_or(MessageError::NotFound)?;
    let bytes = core
        .attachments
        .get(&format!("messages/{}", row.id))
        .await?;
    Ok((
        MessageFile {
            id: row.id,
            name: row.name,
            size: row.size.max(0) as u64,
            media_type: row.media_type,
        },
        bytes,
    ))
}

/// The Postfach of an account: the messages of all its applications, newest first.
pub async fn postfach(core: &Core, account: &str) -> Result<Postfach> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} JOIN account_submissions l ON l.submission_id = m.submission_id \
         WHERE l.account = $1 ORDER BY m.id DESC LIMIT 500"
    ))
    .bind(account)
    .fetch_all(core.db.pool())
    .await?;
    let messages = load(core, rows).await?;
    let unread = messages
        .iter()
        .filter(|m| m.direction == Direction::Authority && !m.read)
        .count() as u64;
    Ok(Postfach { messages, unread })
}
