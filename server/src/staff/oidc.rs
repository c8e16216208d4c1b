//! Staff sign-in with the organisation's own OpenID provider: the same authorization code flow
//! as the citizens' eID ([`crate::accounts::oidc`]), another configuration
//! (`--staff-identity-providers`) and another callback.
//!
//! The sign-in asks for the highest level the provider's `acr` list names (an organisation
//! lists the value that means "two factors") and accepts nothing lower. The first sign-in finds
//! the staff member by the e-mail address the provider says is verified and links the
//! provider's subject to them; later sign-ins go by that link alone, so a changed or reused
//! address at the provider cannot take over another member. One identity per member and
//! provider; a disabled member signs in no more.

use contract::Lang;
use contract::paths::StaffPage;
use tower_sessions::Session;

use crate::Core;
use crate::accounts::oidc::{EidError, Pending, Providers, Verified};
use crate::db::StoreError;
use crate::submissions::now_millis;

/// Where the organisation's provider sends the browser back.
pub const CALLBACK_PATH: &str = "/api/v1/staff/oidc/callback";

const PENDING: &str = "staff_oidc_pending";

/// Starts a staff sign-in at `provider`: the address of its sign-in page.
pub async fn start(
    core: &Core,
    session: &Session,
    provider: &str,
    lang: Lang,
) -> Result<String, EidError> {
    let providers = core.accounts.staff_providers();
    let level = providers
        .list()
        .iter()
        .find(|p| p.id == provider)
        .ok_or(EidError::UnknownProvider)?
        .highest()
        .ok_or(EidError::LevelNotOffered)?;
    providers
        .authorize(
            session,
            PENDING,
            provider,
            level,
            contract::paths::staff_path(lang, StaffPage::Inbox),
            lang,
        )
        .await
}

/// The provider sent the browser back: signs the staff member in and answers where to go (the
/// inbox), or the staff sign-in page with `#anmeldung=<reason>`.
pub async fn finish(
    core: &Core,
    session: &Session,
    code: Option<&str>,
    state: Option<&str>,
    error: Option<&str>,
) -> String {
    let Some(pending) = Providers::take_pending(session, PENDING).await else {
        return refused(Lang::De, EidError::Invalid);
    };
    match finish_checked(core, session, &pending, code, state, error).await {
        Ok(()) => pending.return_to.clone(),
        Err(e) => {
            tracing::info!(target: "schalter::security", event = "staff_oidc_refused", provider = %pending.provider, reason = e.code(), "a staff sign-in through the organisation's provider was refused");
            refused(pending.lang, e)
        }
    }
}

fn refused(lang: Lang, e: EidError) -> String {
    format!(
        "{}#anmeldung={}",
        contract::paths::staff_path(lang, StaffPage::SignIn),
        e.code()
    )
}

async fn finish_checked(
    core: &Core,
    session: &Session,
    pending: &Pending,
    code: Option<&str>,
    state: Option<&str>,
    error: Option<&str>,
) -> Result<(), EidError> {
    let verified = core
        .accounts
        .staff_providers()
        .verify(pending, code, state, error)
        .await?;
    let staff = linked_member(core, &verified).await.map_err(|e| match e {
        LinkError::NotStaff => EidError::NotStaff,
        LinkError::Store(e) => {
            tracing::error!(error = %e, "storing a staff sign-in failed");
            EidError::ProviderUnavailable
        }
    })?;
    super::begin(session, &staff)
        .await
        .map_err(|_| EidError::Invalid)
}

enum LinkError {
    NotStaff,
    Store(StoreError),
}

impl From<sqlx::Error> for LinkError {
    fn from(e: sqlx::Error) -> Self {
        LinkError::Store(e.into())
    }
}

/// The active staff member the verified identity belongs to, linking it on the first sign-in.
async fn linked_member(core: &Core, v: &Verified) -> Result<String, LinkError> {
    let pool = core.db.pool();
    let linked: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT m.id, m.disabled_at FROM staff_identities i \
         JOIN staff_members m ON m.id = i.staff_id WHERE i.provider = $1 AND i.subject = $2",
    )
    .bind(&v.provider)
    .bind(&v.subject)
    .fetch_optional(pool)
    .await?;
    match linked {
        Some((id, None)) => return Ok(id),
        Some((_, Some(_))) => return Err(LinkError::NotStaff),
        None => {}
    }
    let email = v
        .confirmed
        .email
        .as_deref()
        .ok_or(LinkError::NotStaff)?
        .trim()
        .to_lowercase();
    let id: Option<String> =
        sqlx::query_scalar("SELECT id FROM staff_members WHERE email = $1 AND disabled_at IS NULL")
            .bind(&email)
            .fetch_optional(pool)
            .await?;
    let id = id.ok_or(LinkError::NotStaff)?;
    // The unique (provider, staff_id) refuses a second identity for the same member.
    let done = sqlx::query(
        "INSERT INTO staff_identities (provider, subject, staff_id, linked_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(&v.provider)
    .bind(&v.subject)
    .bind(&id)
    .bind(now_millis())
    .execute(pool)
    .await?;
    if done.rows_affected() != 1 {
        tracing::warn!(target: "schalter::security", event = "staff_identity_conflict", staff = %id, provider = %v.provider, "a staff member is linked to another identity at this provider");
        return Err(LinkError::NotStaff);
    }
    Ok(id)
}
