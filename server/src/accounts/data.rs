//! What an account holds besides its profile: its applications (submitted while signed in, or
//! taken in with a receipt's token) and its drafts on every device.
//!
//! Drafts: the browser's copy stays the first one (typing offline works); each save to the
//! account names the revision it was based on. A save on top of an older revision than the
//! stored one is refused as a conflict, so nothing another device saved is overwritten
//! silently: the app shows what differs and the citizen chooses, then saves on top of the
//! revision it chose against.

use contract::account::{AccountDraft, ClaimApplication, DraftSave};
use contract::submission::Receipt;

use super::service::AccountError;
use crate::Core;
use crate::access::{Actor, ReceiptToken};
use crate::db::StoreError;
use crate::submissions::service::{self as submissions, SubmissionError};
use crate::submissions::{now_millis, store as submission_store};

/// The most drafts one account keeps.
pub const MAX_DRAFTS: i64 = 100;

/// Why a draft or application operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// Another device saved a newer revision.
    #[error("draft changed on another device")]
    Conflict,
    /// The account holds [`MAX_DRAFTS`].
    #[error("too many drafts")]
    TooMany,
    /// No such draft or application (or not the asker's).
    #[error("not found")]
    NotFound,
    /// A key or id of the wrong shape.
    #[error("malformed {0}")]
    Malformed(&'static str),
    /// The account's side.
    #[error(transparent)]
    Account(#[from] AccountError),
    /// The submission's side (a token that does not open it, …).
    #[error(transparent)]
    Submission(#[from] SubmissionError),
    /// Storage.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for DataError {
    fn from(e: sqlx::Error) -> Self {
        DataError::Store(e.into())
    }
}

type Result<T> = std::result::Result<T, DataError>;

#[derive(sqlx::FromRow)]
struct DraftRow {
    draft_key: String,
    form_id: String,
    version: String,
    municipality: String,
    data: String,
    revision: i64,
    updated_at: i64,
}

impl From<DraftRow> for AccountDraft {
    fn from(r: DraftRow) -> Self {
        AccountDraft {
            key: r.draft_key,
            form: r.form_id,
            version: r.version,
            municipality: r.municipality,
            data: serde_json::from_str(&r.data).unwrap_or_default(),
            revision: r.revision,
            updated_at: jiff::Timestamp::from_millisecond(r.updated_at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
        }
    }
}

const DRAFT_COLUMNS: &str = "draft_key, form_id, version, municipality, data, revision, updated_at";

/// The account's drafts, newest first.
pub async fn drafts(core: &Core, account: &str) -> Result<Vec<AccountDraft>> {
    let rows: Vec<DraftRow> = sqlx::query_as(&format!(
        "SELECT {DRAFT_COLUMNS} FROM account_drafts WHERE account = $1 ORDER BY updated_at DESC"
    ))
    .bind(account)
    .fetch_all(core.db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One draft.
pub async fn draft(core: &Core, account: &str, key: &str) -> Result<AccountDraft> {
    let row: Option<DraftRow> = sqlx::query_as(&format!(
        "SELECT {DRAFT_COLUMNS} FROM account_drafts WHERE account = $1 AND draft_key = $2"
    ))
    .bind(account)
    .bind(key)
    .fetch_optional(core.db.pool())
    .await?;
    row.map(Into::into).ok_or(DataError::NotFound)
}

/// Saves a draft on top of `base_revision`: a new draft (no base) is inserted, an existing one
/// updated only if its stored revision is still the base (one conditional statement each, so
/// two devices saving at once cannot both win).
pub async fn save_draft(
    core: &Core,
    account: &str,
    key: &str,
    save: DraftSave,
) -> Result<AccountDraft> {
    submissions::check_key(key).map_err(|_| DataError::Malformed("draft key"))?;
    for (name, v) in [
        ("form", &save.form),
        ("version", &save.version),
        ("municipality", &save.municipality),
    ] {
        if v.is_empty() || v.chars().count() > 100 {
            return Err(DataError::Malformed(name));
        }
    }
    let data = save.data.to_string();
    let now = now_millis();
    let done = match save.base_revision {
        None => {
            let count: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM account_drafts WHERE account = $1")
                    .bind(account)
                    .fetch_one(core.db.pool())
                    .await?;
            if count >= MAX_DRAFTS {
                return Err(DataError::TooMany);
            }
            sqlx::query(
                "INSERT INTO account_drafts (account, draft_key, form_id, version, municipality, \
                 data, revision, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7) \
                 ON CONFLICT (account, draft_key) DO NOTHING",
            )
            .bind(account)
            .bind(key)
            .bind(&save.form)
            .bind(&save.version)
            .bind(&save.municipality)
            .bind(&data)
            .bind(now)
            .execute(core.db.pool())
            .await?
        }
        Some(base) => {
            sqlx::query(
                "UPDATE account_drafts SET form_id = $3, version = $4, municipality = $5, \
                 data = $6, revision = revision + 1, updated_at = $7 \
                 WHERE account = $1 AND draft_key = $2 AND revision = $8",
            )
            .bind(account)
            .bind(key)
            .bind(&save.form)
            .bind(&save.version)
            .bind(&save.municipality)
            .bind(&data)
            .bind(now)
            .bind(base)
            .execute(core.db.pool())
            .await?
        }
    };
    if done.rows_affected() == 0 {
        // The draft exists at another revision (or, with a base, not at all any more).
        return Err(DataError::Conflict);
    }
    draft(core, account, key).await
}

/// Deletes a draft (submitted or discarded).
pub async fn delete_draft(core: &Core, account: &str, key: &str) -> Result<()> {
    let done = sqlx::query("DELETE FROM account_drafts WHERE account = $1 AND draft_key = $2")
        .bind(account)
        .bind(key)
        .execute(core.db.pool())
        .await?;
    if done.rows_affected() == 0 {
        return Err(DataError::NotFound);
    }
    Ok(())
}

/// The account's applications with their current status and history, newest first.
pub async fn applications(core: &Core, account: &str) -> Result<Vec<Receipt>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT submission_id FROM account_submissions WHERE account = $1 \
         ORDER BY linked_at DESC LIMIT 500",
    )
    .bind(account)
    .fetch_all(core.db.pool())
    .await?;
    receipts(core, ids).await
}

/// The receipts (with status and history) of the submissions `ids`, newest first.
pub(super) async fn receipts(core: &Core, ids: Vec<i64>) -> Result<Vec<Receipt>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(s) = submission_store::by_id(&core.db, id).await? {
            out.push(s.receipt);
        }
    }
    out.sort_by(|a, b| b.received_at.cmp(&a.received_at));
    Ok(out)
}

/// Takes an application submitted without an account into it: the receipt's token must open
/// it (as it would the receipt).
pub async fn claim(core: &Core, account: &str, req: ClaimApplication) -> Result<Receipt> {
    let holder = Actor::ReceiptHolder(ReceiptToken(req.token));
    let stored = submissions::open(core, &holder, &req.reference).await?;
    submissions::link(core, account, stored.id).await?;
    Ok(stored.receipt)
}

/// Everything kept about the account: profile and sign-in data, its drafts and applications.
pub async fn export(core: &Core, account: &str) -> Result<serde_json::Value> {
    let mut out = core.accounts.export(account).await?;
    out["drafts"] = serde_json::to_value(drafts(core, account).await?).unwrap_or_default();
    out["applications"] =
        serde_json::to_value(applications(core, account).await?).unwrap_or_default();
    Ok(out)
}
