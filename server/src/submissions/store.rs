//! The submission tables: submissions, their history, uploads and the outbox rows written with
//! them. Queries are portable between SQLite and PostgreSQL (`$n` placeholders).

use anyhow::Context;
use contract::Lang;
use contract::submission::{Receipt, Status, StatusChange};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{now_millis, now_rfc3339};
use crate::db::Db;

/// A submission about to be stored.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    /// Reference number.
    pub reference: String,
    /// The draft's idempotency key.
    pub idempotency_key: String,
    /// `sha256:` of the request, to refuse a reused key with other content.
    pub request_hash: String,
    /// Form id.
    pub form_id: String,
    /// Version tag.
    pub form_version: String,
    /// Municipality id.
    pub municipality: String,
    /// Responsible authority id.
    pub authority_id: String,
    /// The citizen's language.
    pub lang: Lang,
    /// The data document (canonical JSON).
    pub data: String,
    /// Its `sha256:` hash.
    pub data_hash: String,
    /// The receipt as issued (status `received`, one history entry).
    pub receipt: Receipt,
    /// Where the confirmation e-mail goes.
    pub email: Option<String>,
    /// Uploads to attach (already checked to belong to this draft).
    pub upload_ids: Vec<String>,
}

/// What [`insert`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// Stored with this row id.
    New(i64),
    /// Another request with the same idempotency key got there first.
    KeyTaken,
    /// The reference number is already in use (draw another one).
    ReferenceTaken,
}

/// A stored submission.
#[derive(Debug, Clone)]
pub struct Stored {
    /// Row id.
    pub id: i64,
    /// Reference number.
    pub reference: String,
    /// The draft's idempotency key.
    pub idempotency_key: String,
    /// Hash of the request that created it.
    pub request_hash: String,
    /// Form id.
    pub form_id: String,
    /// Version tag.
    pub form_version: String,
    /// Municipality id.
    pub municipality: String,
    /// Responsible authority id.
    pub authority_id: String,
    /// The citizen's language.
    pub lang: Lang,
    /// The data document exactly as hashed.
    pub data: String,
    /// `sha256:` of `data`.
    pub data_hash: String,
    /// Where the confirmation e-mail goes.
    pub email: Option<String>,
    /// Current status.
    pub status: Status,
    /// The receipt with the current status and full history.
    pub receipt: Receipt,
}

const COLUMNS: &str = "id, reference, idempotency_key, request_hash, form_id, form_version, municipality, \
     authority_id, lang, data, data_hash, receipt, email, status";

/// Stores a submission with its first history entry, attaches its uploads and queues its
/// deliveries (confirmation e-mail, a webhook per active endpoint of the authority), all in
/// one transaction. Returns only after the commit.
pub async fn insert(db: &Db, s: &NewSubmission) -> anyhow::Result<Inserted> {
    let mut tx = db.pool().begin().await?;
    let receipt = serde_json::to_string(&s.receipt)?;
    let inserted = sqlx::query(
        "INSERT INTO submissions (reference, idempotency_key, request_hash, form_id, form_version, \
         municipality, authority_id, lang, data, data_hash, receipt, email, status, received_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'received', $13, $13) RETURNING id",
    )
    .bind(&s.reference)
    .bind(&s.idempotency_key)
    .bind(&s.request_hash)
    .bind(&s.form_id)
    .bind(&s.form_version)
    .bind(&s.municipality)
    .bind(&s.authority_id)
    .bind(s.lang.code())
    .bind(&s.data)
    .bind(&s.data_hash)
    .bind(&receipt)
    .bind(&s.email)
    .bind(&s.receipt.received_at)
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(row) => row.try_get(0)?,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Ok(if e.message().contains("reference") {
                Inserted::ReferenceTaken
            } else {
                Inserted::KeyTaken
            });
        }
        Err(e) => return Err(e.into()),
    };
    sqlx::query(
        "INSERT INTO submission_events (submission_id, at, status, actor, note) VALUES ($1, $2, 'received', 'citizen', NULL)",
    )
    .bind(id)
    .bind(&s.receipt.received_at)
    .execute(&mut *tx)
    .await?;
    for upload in &s.upload_ids {
        let attached = sqlx::query(
            "UPDATE uploads SET submission_id = $1 WHERE id = $2 AND draft_key = $3 AND submission_id IS NULL",
        )
        .bind(id)
        .bind(upload)
        .bind(&s.idempotency_key)
        .execute(&mut *tx)
        .await?;
        anyhow::ensure!(
            attached.rows_affected() == 1,
            "upload {upload} vanished or was attached elsewhere"
        );
    }
    let due = now_millis();
    let mut deliveries: Vec<(&str, String)> = Vec::new();
    if let Some(email) = &s.email {
        deliveries.push(("email", email.clone()));
    }
    let endpoints: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM webhook_endpoints WHERE authority_id = $1 AND active = 1 ORDER BY id",
    )
    .bind(&s.authority_id)
    .fetch_all(&mut *tx)
    .await?;
    deliveries.extend(endpoints.into_iter().map(|e| ("webhook", e)));
    for (kind, target) in deliveries {
        sqlx::query(
            "INSERT INTO outbox (kind, submission_id, target, delivery_id, attempts, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, 0, $5, $5)",
        )
        .bind(kind)
        .bind(id)
        .bind(target)
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(due)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await.context("committing the submission")?;
    Ok(Inserted::New(id))
}

async fn load(db: &Db, column: &str, value: &str) -> anyhow::Result<Option<Stored>> {
    let row: Option<AnyRow> = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM submissions WHERE {column} = $1"
    ))
    .bind(value)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get("id")?;
    let status: String = row.try_get("status")?;
    let status = Status::from_code(&status).context("stored status")?;
    let lang: String = row.try_get("lang")?;
    let mut receipt: Receipt =
        serde_json::from_str(&row.try_get::<String, _>("receipt")?).context("stored receipt")?;
    receipt.status = status;
    receipt.history = history(db, id).await?;
    Ok(Some(Stored {
        id,
        reference: row.try_get("reference")?,
        idempotency_key: row.try_get("idempotency_key")?,
        request_hash: row.try_get("request_hash")?,
        form_id: row.try_get("form_id")?,
        form_version: row.try_get("form_version")?,
        municipality: row.try_get("municipality")?,
        authority_id: row.try_get("authority_id")?,
        lang: lang.parse().unwrap_or_default(),
        data: row.try_get("data")?,
        data_hash: row.try_get("data_hash")?,
        email: row.try_get("email")?,
        status,
        receipt,
    }))
}

/// The submission made with this idempotency key.
pub async fn by_key(db: &Db, key: &str) -> anyhow::Result<Option<Stored>> {
    load(db, "idempotency_key", key).await
}

/// The submission with this reference number (canonical form).
pub async fn by_reference(db: &Db, reference: &str) -> anyhow::Result<Option<Stored>> {
    load(db, "reference", reference).await
}

/// The submission with this row id.
pub async fn by_id(db: &Db, id: i64) -> anyhow::Result<Option<Stored>> {
    let reference: Option<String> =
        sqlx::query_scalar("SELECT reference FROM submissions WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    match reference {
        Some(r) => by_reference(db, &r).await,
        None => Ok(None),
    }
}

/// A submission's status changes, oldest first.
pub async fn history(db: &Db, id: i64) -> anyhow::Result<Vec<StatusChange>> {
    let rows = sqlx::query(
        "SELECT at, status, actor, note FROM submission_events WHERE submission_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(StatusChange {
                status: Status::from_code(&status).context("stored status")?,
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                note: r.try_get("note")?,
            })
        })
        .collect()
}

/// Why a status change was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StatusError {
    /// No submission with that reference.
    #[error("no such submission")]
    NotFound,
    /// The lifecycle does not allow this step.
    #[error("a submission cannot move from {from:?} to {to:?}")]
    NotAllowed {
        /// Where it stands.
        from: Status,
        /// Where it was asked to go.
        to: Status,
    },
    /// Someone else changed it meanwhile; reload and try again.
    #[error("the submission changed meanwhile")]
    Conflict,
}

/// Moves a submission along its lifecycle ([`Status::can_move_to`]) and records who did it.
/// Two clerks changing the same submission at once: one wins, the other gets `Conflict`.
pub async fn change_status(
    db: &Db,
    reference: &str,
    to: Status,
    actor: &str,
    note: Option<&str>,
) -> anyhow::Result<Result<StatusChange, StatusError>> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM submissions WHERE reference = $1")
            .bind(reference)
            .fetch_optional(db.pool())
            .await?;
    let Some((id, from)) = row else {
        return Ok(Err(StatusError::NotFound));
    };
    let from = Status::from_code(&from).context("stored status")?;
    if !from.can_move_to(to) {
        return Ok(Err(StatusError::NotAllowed { from, to }));
    }
    let at = now_rfc3339();
    let mut tx = db.pool().begin().await?;
    let moved = sqlx::query(
        "UPDATE submissions SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(to.code())
    .bind(&at)
    .bind(id)
    .bind(from.code())
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Ok(Err(StatusError::Conflict));
    }
    sqlx::query(
        "INSERT INTO submission_events (submission_id, at, status, actor, note) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(&at)
    .bind(to.code())
    .bind(actor)
    .bind(note)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(StatusChange {
        status: to,
        at,
        actor: actor.to_owned(),
        note: note.map(str::to_owned),
    }))
}

/// A file uploaded for a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// Upload id (random).
    pub id: String,
    /// The draft's idempotency key.
    pub draft_key: String,
    /// Form id.
    pub form_id: String,
    /// Field path without item numbers (`dogs.certificate`).
    pub field: String,
    /// File name as chosen.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type detected from the content.
    pub media_type: String,
    /// `sha256:` of the content.
    pub sha256: String,
    /// Key in the object store.
    pub object_key: String,
    /// The submission it belongs to, once submitted.
    pub submission_id: Option<i64>,
}

/// Records an upload whose bytes are already in the object store.
pub async fn insert_upload(db: &Db, u: &Upload) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO uploads (id, draft_key, form_id, field, name, size, media_type, sha256, object_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&u.id)
    .bind(&u.draft_key)
    .bind(&u.form_id)
    .bind(&u.field)
    .bind(&u.name)
    .bind(u.size as i64)
    .bind(&u.media_type)
    .bind(&u.sha256)
    .bind(&u.object_key)
    .bind(now_rfc3339())
    .execute(db.pool())
    .await?;
    Ok(())
}

fn upload_from(r: &AnyRow) -> anyhow::Result<Upload> {
    Ok(Upload {
        id: r.try_get("id")?,
        draft_key: r.try_get("draft_key")?,
        form_id: r.try_get("form_id")?,
        field: r.try_get("field")?,
        name: r.try_get("name")?,
        size: r.try_get::<i64, _>("size")?.max(0) as u64,
        media_type: r.try_get("media_type")?,
        sha256: r.try_get("sha256")?,
        object_key: r.try_get("object_key")?,
        submission_id: r.try_get("submission_id")?,
    })
}

const UPLOAD_COLUMNS: &str =
    "id, draft_key, form_id, field, name, size, media_type, sha256, object_key, submission_id";

/// One upload.
pub async fn upload(db: &Db, id: &str) -> anyhow::Result<Option<Upload>> {
    let row = sqlx::query(&format!(
        "SELECT {UPLOAD_COLUMNS} FROM uploads WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(upload_from).transpose()
}

/// The uploads attached to a submission.
pub async fn uploads_of(db: &Db, submission_id: i64) -> anyhow::Result<Vec<Upload>> {
    let rows = sqlx::query(&format!(
        "SELECT {UPLOAD_COLUMNS} FROM uploads WHERE submission_id = $1 ORDER BY id"
    ))
    .bind(submission_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(upload_from).collect()
}

/// How many uploads a draft has made (a ceiling against abuse).
pub async fn uploads_of_draft(db: &Db, draft_key: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM uploads WHERE draft_key = $1")
            .bind(draft_key)
            .fetch_one(db.pool())
            .await?,
    )
}

/// Uploads never submitted and older than `before` (RFC 3339): id and object key.
pub async fn stale_uploads(db: &Db, before: &str) -> anyhow::Result<Vec<(String, String)>> {
    let rows = sqlx::query(
        "SELECT id, object_key FROM uploads WHERE submission_id IS NULL AND created_at < $1 \
         ORDER BY created_at LIMIT 500",
    )
    .bind(before)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("object_key")?)))
        .collect()
}

/// Forgets an upload unless a submission took it meanwhile; true if it was forgotten.
pub async fn forget_upload(db: &Db, id: &str) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM uploads WHERE id = $1 AND submission_id IS NULL")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}
