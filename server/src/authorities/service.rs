//! An authority's settings, read and changed by its administrators (and portal admins).

use contract::api::{AfterRetention, AuthoritySettings, AuthoritySettingsUpdate};

use super::store;
use crate::Core;
use crate::access::{Action, Actor, Denial, Resource};
use crate::catalogue::service::{LookupError, MAX_ID_CHARS, bounded};
use crate::db::StoreError;

/// The longest receipt token lifetime an authority may set, in days (ten years).
pub const MAX_RECEIPT_TOKEN_DAYS: u32 = 3650;
/// The longest retention period of closed cases, in days (a hundred years).
pub const MAX_RETENTION_DAYS: u32 = 36_500;

/// Why a settings operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A malformed id.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// A lifetime outside 1 to [`MAX_RECEIPT_TOKEN_DAYS`].
    #[error("receipt token days out of range")]
    DaysOutOfRange,
    /// A retention period outside 1 to [`MAX_RETENTION_DAYS`].
    #[error("retention days out of range")]
    RetentionOutOfRange,
    /// The policy refused.
    #[error("access denied: {0:?}")]
    Denied(Denial),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Denial> for SettingsError {
    fn from(d: Denial) -> Self {
        SettingsError::Denied(d)
    }
}

/// The settings of `authority`.
pub async fn settings(
    core: &Core,
    actor: &Actor,
    authority: &str,
) -> Result<AuthoritySettings, SettingsError> {
    bounded("id", authority, MAX_ID_CHARS)?;
    core.policy.check(
        actor,
        Action::ManageAuthority,
        &Resource::Authority { id: authority },
    )?;
    let days = store::receipt_token_days(&core.db, authority).await?;
    let (retention, after) = store::retention(&core.db, authority).await?;
    Ok(AuthoritySettings {
        authority: authority.to_owned(),
        receipt_token_days: days.and_then(|d| u32::try_from(d).ok()),
        default_receipt_token_days: core.policy.receipt_token_days(),
        retention_days: retention.and_then(|d| u32::try_from(d).ok()),
        after_retention: if after == "delete" {
            AfterRetention::Delete
        } else {
            AfterRetention::Reduce
        },
    })
}

/// Changes the settings of `authority`; tokens already issued follow the new lifetime at once.
pub async fn update(
    core: &Core,
    actor: &Actor,
    authority: &str,
    change: &AuthoritySettingsUpdate,
) -> Result<AuthoritySettings, SettingsError> {
    bounded("id", authority, MAX_ID_CHARS)?;
    core.policy.check(
        actor,
        Action::ManageAuthority,
        &Resource::Authority { id: authority },
    )?;
    if change
        .receipt_token_days
        .is_some_and(|d| d == 0 || d > MAX_RECEIPT_TOKEN_DAYS)
    {
        return Err(SettingsError::DaysOutOfRange);
    }
    if change
        .retention_days
        .is_some_and(|d| d == 0 || d > MAX_RETENTION_DAYS)
    {
        return Err(SettingsError::RetentionOutOfRange);
    }
    store::set_receipt_token_days(
        &core.db,
        authority,
        change.receipt_token_days.map(i64::from),
        &actor.label(),
    )
    .await?;
    store::set_retention(
        &core.db,
        authority,
        change.retention_days.map(i64::from),
        match change.after_retention {
            AfterRetention::Reduce => "reduce",
            AfterRetention::Delete => "delete",
        },
        &actor.label(),
    )
    .await?;
    tracing::info!(authority, retention_days = ?change.retention_days, after = ?change.after_retention, "retention of closed cases set");
    tracing::info!(authority, days = ?change.receipt_token_days, by = %actor.label(), "receipt token lifetime changed");
    settings(core, actor, authority).await
}
