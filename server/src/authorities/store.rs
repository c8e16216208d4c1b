//! The `authority_settings` table.

use crate::db::{Db, StoreResult};
use crate::submissions::now_rfc3339;

/// Days a citizen's receipt token of `authority` stays valid, if the authority set them.
pub async fn receipt_token_days(db: &Db, authority: &str) -> StoreResult<Option<i64>> {
    let days: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT receipt_token_days FROM authority_settings WHERE authority_id = $1",
    )
    .bind(authority)
    .fetch_optional(db.pool())
    .await?;
    Ok(days.flatten())
}

/// Sets (or, with `None`, clears) the days receipt tokens of `authority` stay valid.
pub async fn set_receipt_token_days(
    db: &Db,
    authority: &str,
    days: Option<i64>,
    by: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO authority_settings (authority_id, receipt_token_days, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (authority_id) DO UPDATE SET \
         receipt_token_days = excluded.receipt_token_days, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by",
    )
    .bind(authority)
    .bind(days)
    .bind(now_rfc3339())
    .bind(by)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// How long closed cases of `authority` are kept in full, and what happens then.
pub async fn retention(db: &Db, authority: &str) -> StoreResult<(Option<i64>, String)> {
    let row: Option<(Option<i64>, String)> = sqlx::query_as(
        "SELECT retention_days, after_retention FROM authority_settings WHERE authority_id = $1",
    )
    .bind(authority)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.unwrap_or((None, "reduce".into())))
}

/// Sets how long closed cases of `authority` are kept in full (`None`: kept) and what happens
/// then (`reduce` or `delete`).
pub async fn set_retention(
    db: &Db,
    authority: &str,
    days: Option<i64>,
    after: &str,
    by: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO authority_settings (authority_id, retention_days, after_retention, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (authority_id) DO UPDATE SET \
         retention_days = excluded.retention_days, after_retention = excluded.after_retention, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(authority)
    .bind(days)
    .bind(after)
    .bind(now_rfc3339())
    .bind(by)
    .execute(db.pool())
    .await?;
    Ok(())
}
