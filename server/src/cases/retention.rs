//! Retention: a closed case (completed or rejected) is kept in full for the days its authority
//! set, then reduced to the record the law requires or deleted (`authority_settings`).
//!
//! Reduced: the reference, form, authority, municipality, dates, status history (without the
//! notes to the citizen), fees and the fingerprint of the submitted data stay; the answers,
//! the summary, files, messages, internal notes, the citizen's address and the receipt token's
//! use go. Deleted: nothing stays but the audit entries, which name only the reference.
//!
//! Every server process sweeps; each case is claimed by one conditional update first, so two
//! processes never work on the same one, and files are removed from the object store only
//! after the rows that named them are gone.

use std::time::Duration;

use contract::submission::Receipt;

use super::audit::{self, Record};
use crate::Core;
use crate::db::StoreResult;
use crate::submissions::now_rfc3339;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Cases reduced to their record.
    pub reduced: u64,
    /// Cases deleted.
    pub deleted: u64,
}

/// The most cases one sweep works on per authority (the next sweep takes the rest).
const BATCH: i64 = 500;

/// Reduces or deletes every closed case whose authority's retention period is over at `now`.
pub async fn sweep(core: &Core, now: jiff::Timestamp) -> StoreResult<Swept> {
    let settings: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT authority_id, retention_days, after_retention FROM authority_settings \
         WHERE retention_days IS NOT NULL ORDER BY authority_id",
    )
    .fetch_all(core.db.pool())
    .await?;
    let mut swept = Swept::default();
    for (authority, days, after) in settings {
        let cutoff = now
            .checked_sub(jiff::SignedDuration::from_hours(24 * days.max(1)))
            .unwrap_or(jiff::Timestamp::MIN)
            .strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
            .to_string();
        let due: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT id, reference FROM submissions WHERE authority_id = $1 AND closed_at < $2 \
             AND reduced_at IS NULL ORDER BY closed_at LIMIT {BATCH}"
        ))
        .bind(&authority)
        .bind(&cutoff)
        .fetch_all(core.db.pool())
        .await?;
        for (id, reference) in due {
            let delete = after == "delete";
            if let Some(objects) = expire(core, &authority, id, &reference, delete).await? {
                for key in objects {
                    if let Err(e) = core.attachments.delete(&key).await {
                        tracing::warn!(%key, error = %e, "a file of an expired case could not be removed");
                    }
                }
                if delete {
                    swept.deleted += 1;
                } else {
                    swept.reduced += 1;
                }
            }
        }
    }
    if swept != Swept::default() {
        tracing::info!(
            reduced = swept.reduced,
            deleted = swept.deleted,
            "closed cases past their retention"
        );
    }
    Ok(swept)
}

/// Reduces or deletes one case in one transaction; the object-store keys of its files, or
/// `None` when another process got there first.
async fn expire(
    core: &Core,
    authority: &str,
    id: i64,
    reference: &str,
    delete: bool,
) -> StoreResult<Option<Vec<String>>> {
    let now = now_rfc3339();
    let mut tx = core.db.pool().begin().await?;
    let claimed =
        sqlx::query("UPDATE submissions SET reduced_at = $1 WHERE id = $2 AND reduced_at IS NULL")
            .bind(&now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    if claimed.rows_affected() != 1 {
        return Ok(None);
    }
    let mut objects: Vec<String> =
        sqlx::query_scalar("SELECT object_key FROM uploads WHERE submission_id = $1")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    let files: Vec<String> =
        sqlx::query_scalar("SELECT id FROM message_files WHERE submission_id = $1")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    objects.extend(files.into_iter().map(|f| format!("messages/{f}")));
    for sql in [
        "DELETE FROM uploads WHERE submission_id = $1",
        "DELETE FROM message_files WHERE submission_id = $1",
        "DELETE FROM messages WHERE submission_id = $1",
        "DELETE FROM case_notes WHERE submission_id = $1",
        "DELETE FROM outbox WHERE submission_id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
    }
    if delete {
        for sql in [
            "DELETE FROM submission_events WHERE submission_id = $1",
            "DELETE FROM account_submissions WHERE submission_id = $1",
            "DELETE FROM organisation_submissions WHERE submission_id = $1",
            "DELETE FROM submissions WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
    } else {
        let receipt: String = sqlx::query_scalar("SELECT receipt FROM submissions WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let reduced = reduce(&receipt)?;
        sqlx::query(
            "UPDATE submissions SET data = '{}', receipt = $1, email = NULL, applicant = NULL, \
             search_text = lower(reference) WHERE id = $2",
        )
        .bind(reduced)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE submission_events SET note = NULL WHERE submission_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    audit::append(
        &mut tx,
        &Record {
            authority,
            actor: "system",
            action: "retention",
            reference: Some(reference),
            detail: if delete { "deleted" } else { "reduced" },
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(objects))
}

/// The stored receipt without what the citizen entered.
fn reduce(receipt: &str) -> StoreResult<String> {
    let mut r: Receipt = serde_json::from_str(receipt)?;
    r.summary.clear();
    r.attachments.clear();
    r.email = None;
    for h in &mut r.history {
        h.note = None;
    }
    Ok(serde_json::to_string(&r)?)
}

/// Sweeps every `every` in the background.
pub fn spawn_sweeper(core: Core, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            if let Err(e) = sweep(&core, jiff::Timestamp::now()).await {
                tracing::warn!(error = %e, "the retention sweep failed; it runs again later");
            }
        }
    });
}
