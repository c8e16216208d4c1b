//! Invitations: an authority's administrator adds someone to the team, and the new member
//! receives an e-mail with a link to set up their own password and authenticator app — nobody
//! else ever knows either.
//!
//! The link carries a token of 256 random bits in its fragment (only its hash is stored); it
//! works for 72 hours and once, and a new invitation ends the earlier one. The authenticator
//! app's secret is made with the invitation and shown to whoever holds the link; it becomes
//! the member's only once they have shown a current code of it together with their new
//! password (one conditional update, so two tabs cannot both finish). Attempts are throttled
//! per address and per invitation like sign-ins. Members who can already sign in with a
//! password are not invited: an administrator cannot reset a colleague's credentials.

use std::net::IpAddr;

use contract::Lang;
use contract::cases::{StaffMember, StaffSetup, StaffSetupFinish, StaffSetupStart};
use contract::form::{ErrorCode, FieldError};
use totp_rs::Secret;
use tower_sessions::Session;

use crate::Core;
use crate::accounts::mail::AccountMail;
use crate::accounts::service::AccountError;
use crate::accounts::store::random_token;
use crate::db::StoreResult;
use crate::limits::Bucket;
use crate::submissions::{now_millis, sha256_tag};

/// How long an invitation's link works.
pub const LIFETIME_MS: i64 = 72 * 3_600_000;

type Result<T> = std::result::Result<T, AccountError>;

/// Invites staff member `staff_id` (address `email`) to set up password and authenticator
/// app, for `authority` (its name, for the e-mail), on behalf of `by`; an earlier open
/// invitation stops working. Returns until when the new one works.
pub async fn send(
    core: &Core,
    staff_id: &str,
    email: &str,
    authority: &str,
    by: &str,
    lang: Lang,
) -> StoreResult<i64> {
    let token = random_token();
    let secret = Secret::generate().to_base32();
    let now = now_millis();
    let until = now + LIFETIME_MS;
    let mut tx = core.db.pool().begin().await?;
    sqlx::query(
        "UPDATE staff_invitations SET used_at = $2 WHERE staff_id = $1 AND used_at IS NULL",
    )
    .bind(staff_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO staff_invitations (token_hash, staff_id, totp_secret, invited_by, \
         expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(sha256_tag(token.as_bytes()))
    .bind(staff_id)
    .bind(&secret)
    .bind(by)
    .bind(until)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(target: "schalter::security", event = "staff_invited", staff = %staff_id, by = %by, "a staff member was invited to set up sign-in");
    core.accounts.notify(
        email,
        lang,
        AccountMail::StaffInvitation {
            authority: authority.to_owned(),
            token,
        },
    );
    Ok(until)
}

#[derive(sqlx::FromRow)]
struct Open {
    staff_id: String,
    totp_secret: String,
    expires_at: i64,
    email: String,
}

/// The open invitation `token` is for: unused, unexpired, its member enabled and without a
/// password sign-in.
async fn open(core: &Core, token: &str) -> StoreResult<Option<Open>> {
    if token.len() > 100 {
        return Ok(None);
    }
    Ok(sqlx::query_as(
        "SELECT v.staff_id, v.totp_secret, v.expires_at, m.email FROM staff_invitations v \
         JOIN staff_members m ON m.id = v.staff_id \
         WHERE v.token_hash = $1 AND v.used_at IS NULL AND v.expires_at > $2 \
         AND m.disabled_at IS NULL AND (m.password_hash IS NULL OR m.totp_secret IS NULL)",
    )
    .bind(sha256_tag(token.trim().as_bytes()))
    .bind(now_millis())
    .fetch_optional(core.db.pool())
    .await?)
}

async fn throttle(core: &Core, client: Option<IpAddr>) -> Result<String> {
    let address = format!("staff-setup:{}", crate::limits::subject(client));
    core.accounts
        .limits()
        .hit_subject(Bucket::SignInAddress, &address)
        .await??;
    Ok(address)
}

/// What the holder of `req.token` sets up: who they are and the app's secret.
pub async fn start(
    core: &Core,
    req: &StaffSetupStart,
    client: Option<IpAddr>,
) -> Result<StaffSetup> {
    throttle(core, client).await?;
    let Some(open) = open(core, &req.token).await? else {
        return Err(AccountError::InvalidLink);
    };
    let totp = super::totp(&open.totp_secret, &open.email)
        .ok_or_else(|| AccountError::Internal("an invitation's TOTP secret".into()))?;
    let otpauth = totp
        .to_url()
        .map_err(|e| AccountError::Internal(e.to_string()))?;
    let modules = crate::qr::modules(otpauth.as_bytes())
        .ok_or_else(|| AccountError::Internal("the QR code of an otpauth address".into()))?;
    let member = super::member(core, &open.staff_id)
        .await?
        .ok_or(AccountError::InvalidLink)?;
    Ok(StaffSetup {
        name: member.name,
        email: member.email,
        authorities: member.authorities.into_iter().map(|a| a.name).collect(),
        secret: grouped(&open.totp_secret),
        otpauth,
        modules,
        expires_at: open.expires_at,
    })
}

/// The secret in groups of four, as an app's "enter a key" field takes it.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sets the invited member's password and authenticator app and signs them in on `session`.
pub async fn finish(
    core: &Core,
    req: StaffSetupFinish,
    client: Option<IpAddr>,
    session: &Session,
) -> Result<StaffMember> {
    let address = throttle(core, client).await?;
    let errors = req.errors();
    if !errors.is_empty() {
        return Err(AccountError::Invalid(errors));
    }
    let Some(open) = open(core, &req.token).await? else {
        return Err(AccountError::InvalidLink);
    };
    // Codes tried against one invitation are counted like sign-ins of one member (a guessed
    // token meets the per-address count above).
    let per_invitation = format!("staff-setup:{}", open.staff_id);
    core.accounts
        .limits()
        .hit_subject(Bucket::SignInAccount, &per_invitation)
        .await??;
    let code: String = req.code.chars().filter(|c| !c.is_whitespace()).collect();
    let step = super::totp(&open.totp_secret, &open.email).and_then(|t| t.check_current(&code));
    let Some(step) = step else {
        tracing::info!(target: "schalter::security", event = "staff_setup_code_failed", staff = %open.staff_id, "a wrong code while setting up sign-in");
        return Err(AccountError::Invalid(vec![FieldError::new(
            "code",
            ErrorCode::WrongCode,
        )]));
    };
    let hash = core.accounts.hasher().hash(req.password.clone()).await?;
    let now = now_millis();
    let mut tx = core.db.pool().begin().await?;
    let used = sqlx::query(
        "UPDATE staff_invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL \
         AND expires_at > $2",
    )
    .bind(sha256_tag(req.token.trim().as_bytes()))
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let set = sqlx::query(
        "UPDATE staff_members SET password_hash = $1, totp_secret = $2, totp_step = $3 \
         WHERE id = $4 AND disabled_at IS NULL \
         AND (password_hash IS NULL OR totp_secret IS NULL)",
    )
    .bind(&hash)
    .bind(&open.totp_secret)
    .bind(i64::try_from(step).unwrap_or(i64::MAX))
    .bind(&open.staff_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if used != 1 || set != 1 {
        return Err(AccountError::InvalidLink);
    }
    tx.commit().await?;
    tracing::info!(target: "schalter::security", event = "staff_sign_in_set_up", staff = %open.staff_id, "a staff member set up password and authenticator app");
    let limits = core.accounts.limits();
    limits
        .give_back(Bucket::SignInAccount, &per_invitation)
        .await?;
    limits.give_back(Bucket::SignInAddress, &address).await?;
    super::begin(session, &open.staff_id).await?;
    super::member(core, &open.staff_id)
        .await?
        .ok_or(AccountError::InvalidLink)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_shown_in_groups_of_four() {
        assert_eq!(grouped("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
        assert_eq!(grouped("ABCDEF"), "ABCD EF");
    }
}
