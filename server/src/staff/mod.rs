//! Staff sign-in for clerk mode: a password and the code of an authenticator app (TOTP,
//! RFC 6238, by the `totp-rs` crate), on the same session machinery as citizens but apart
//! from them: signing in as staff starts a new session that holds no citizen.
//!
//! A code is accepted once (the last accepted time step is stored and only a later one
//! passes, in one conditional update, so two servers cannot both accept it). Attempts are
//! throttled per address and per staff member in the database like citizens' sign-ins; the
//! answer to a wrong address, password or code is the same. Roles are read from the database on
//! every request, so a removed role or a disabled member stops working at once.

pub mod invite;
pub mod oidc;
pub mod routes;

use std::net::IpAddr;

use contract::Lang;
use contract::cases::{StaffAuthority, StaffMember, StaffRole, StaffSession, StaffSignIn};
use serde::{Deserialize, Serialize};
use totp_rs::{Builder, Secret, Totp};
use tower_sessions::Session;

use crate::Core;
use crate::access::{Role, Staff};
use crate::accounts::service::AccountError;
use crate::db::{Db, StoreError, StoreResult};
use crate::limits::Bucket;
use crate::submissions::now_millis;

/// The key of the signed-in staff member in a session's data.
const SIGNED_IN: &str = "staff";

/// Who signed in as staff on a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StaffSignedIn {
    staff: String,
    at: i64,
    seen: i64,
}

type Result<T> = std::result::Result<T, AccountError>;

fn totp(secret: &str, email: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret).ok()?;
    Builder::new()
        .with_secret(secret)
        .with_account_name(email.replace(':', ""))
        .with_issuer(Some("Schalter"))
        .build()
        .ok()
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    email: String,
    password_hash: Option<String>,
    totp_secret: Option<String>,
}

/// Signs a staff member in on `session` with password and TOTP code.
pub async fn sign_in(
    core: &Core,
    req: StaffSignIn,
    client: Option<IpAddr>,
    session: &Session,
) -> Result<StaffMember> {
    let accounts = &core.accounts;
    // Counted apart from citizens' sign-ins (a busy counter does not lock its clerks out).
    let address = format!("staff:{}", crate::limits::subject(client));
    let key = format!("staff:{}", req.email.trim().to_lowercase());
    accounts
        .limits()
        .hit_subject(Bucket::SignInAddress, &address)
        .await??;
    accounts
        .limits()
        .hit_subject(Bucket::SignInAccount, &key)
        .await??;
    let row: Option<Row> = if req.email.len() <= 254 {
        sqlx::query_as(
            "SELECT id, email, password_hash, totp_secret FROM staff_members \
             WHERE email = $1 AND disabled_at IS NULL",
        )
        .bind(req.email.trim().to_lowercase())
        .fetch_optional(core.db.pool())
        .await?
    } else {
        None
    };
    let stored = row.as_ref().and_then(|r| r.password_hash.clone());
    let password = req.password.chars().take(1024).collect();
    let ok = accounts.hasher().verify(password, stored).await?;
    let Some(row) = row.filter(|_| ok) else {
        tracing::info!(target: "schalter::security", event = "staff_sign_in_failed", "a staff sign-in failed");
        return Err(AccountError::InvalidCredentials);
    };
    let step = row
        .totp_secret
        .as_deref()
        .and_then(|s| totp(s, &row.email))
        .and_then(|t| t.check_current(req.code.trim()));
    let accepted = match step {
        Some(step) => {
            let step = i64::try_from(step).unwrap_or(i64::MAX);
            sqlx::query("UPDATE staff_members SET totp_step = $1 WHERE id = $2 AND totp_step < $1")
                .bind(step)
                .bind(&row.id)
                .execute(core.db.pool())
                .await?
                .rows_affected()
                == 1
        }
        None => false,
    };
    if !accepted {
        tracing::info!(target: "schalter::security", event = "staff_second_factor_failed", staff = %row.id, "a wrong or reused second-factor code");
        return Err(AccountError::InvalidCredentials);
    }
    accounts
        .limits()
        .give_back(Bucket::SignInAccount, &key)
        .await?;
    accounts
        .limits()
        .give_back(Bucket::SignInAddress, &address)
        .await?;
    begin(session, &row.id).await?;
    member(core, &row.id)
        .await?
        .ok_or(AccountError::InvalidCredentials)
}

/// Starts a staff session for `staff_id`: a new session id, and nothing of a citizen who may
/// have been signed in on this browser.
async fn begin(session: &Session, staff_id: &str) -> Result<()> {
    session.cycle_id().await.map_err(store_error)?;
    session.clear().await;
    let now = now_millis();
    session
        .insert(
            SIGNED_IN,
            StaffSignedIn {
                staff: staff_id.to_owned(),
                at: now,
                seen: now,
            },
        )
        .await
        .map_err(store_error)?;
    tracing::info!(target: "schalter::security", event = "staff_signed_in", staff = %staff_id, "a staff member signed in");
    Ok(())
}

fn store_error(e: tower_sessions::session::Error) -> AccountError {
    AccountError::Internal(format!("session: {e}"))
}

/// The staff member signed in on `session`, with their roles as they stand now; ends the
/// session when its absolute time is over or the member was disabled. The idle time starts
/// again.
pub async fn current(core: &Core, session: &Session) -> Result<Option<Staff>> {
    let Some(mut who) = session
        .get::<StaffSignedIn>(SIGNED_IN)
        .await
        .map_err(store_error)?
    else {
        return Ok(None);
    };
    let config = core.accounts.config();
    let now = now_millis();
    if now - who.at >= config.absolute.as_millis() as i64 {
        session.flush().await.map_err(store_error)?;
        return Ok(None);
    }
    let Some(staff) = crate::access::staff::by_id(&core.db, &who.staff).await? else {
        session.flush().await.map_err(store_error)?;
        return Ok(None);
    };
    if now - who.seen >= core.accounts.touch_every() {
        who.seen = now;
        session.insert(SIGNED_IN, who).await.map_err(store_error)?;
    }
    Ok(Some(staff))
}

/// `GET /staff/session`.
pub async fn session_info(core: &Core, session: &Session) -> Result<StaffSession> {
    let staff = match current(core, session).await? {
        Some(s) => member(core, &s.id).await?,
        None => None,
    };
    Ok(StaffSession {
        staff,
        idle_timeout_secs: core.accounts.config().idle.as_secs(),
    })
}

/// Signs the staff member out (a citizen's session on the same browser is left alone).
pub async fn sign_out(session: &Session) -> Result<()> {
    let staff = session
        .get::<StaffSignedIn>(SIGNED_IN)
        .await
        .map_err(store_error)?;
    if staff.is_some() {
        session.flush().await.map_err(store_error)?;
    }
    Ok(())
}

/// The name of an authority (an office or a place) in `lang`, or its id.
pub fn authority_name(core: &Core, id: &str, lang: Lang) -> String {
    if id == "*" {
        return "Portal".into();
    }
    let cat = core.catalogue.get();
    if let Some(o) = cat.directory.office(id) {
        return o.name.get_or_de(lang).0.to_owned();
    }
    cat.directory
        .place(id)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// A staff member as shown to themselves.
pub async fn member(core: &Core, id: &str) -> StoreResult<Option<StaffMember>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT name, email FROM staff_members WHERE id = $1")
            .bind(id)
            .fetch_optional(core.db.pool())
            .await?;
    let Some((name, email)) = row else {
        return Ok(None);
    };
    let staff = crate::access::staff::by_id(&core.db, id).await?;
    let authorities = staff
        .map(|s| s.roles)
        .unwrap_or_default()
        .into_iter()
        .map(|(authority, role)| StaffAuthority {
            name: authority_name(core, &authority, Lang::De),
            id: authority,
            role: role_out(role),
        })
        .collect();
    Ok(Some(StaffMember {
        id: id.to_owned(),
        name,
        email,
        authorities,
    }))
}

/// The contract's name for a role.
pub fn role_out(role: Role) -> StaffRole {
    match role {
        Role::Clerk => StaffRole::Clerk,
        Role::AuthorityAdmin => StaffRole::AuthorityAdmin,
        Role::PortalAdmin => StaffRole::PortalAdmin,
    }
}

/// Sets a staff member's password (`schalter staff password`).
pub async fn set_password(
    db: &Db,
    hasher: &crate::accounts::passwords::Hasher,
    email: &str,
    password: &str,
) -> Result<bool> {
    if password.chars().count() < 12 {
        return Err(AccountError::Internal(
            "a staff password has at least 12 characters".into(),
        ));
    }
    let hash = hasher.hash(password.to_owned()).await?;
    let done = sqlx::query("UPDATE staff_members SET password_hash = $1 WHERE email = $2")
        .bind(hash)
        .bind(email.trim().to_lowercase())
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives a staff member a new TOTP secret (or `secret`, base32, where one is given: demo data)
/// and returns the `otpauth://` address an authenticator app reads.
pub async fn enrol_totp(db: &Db, email: &str, secret: Option<&str>) -> StoreResult<Option<String>> {
    let secret = match secret {
        Some(s) => s.to_owned(),
        None => Secret::generate().to_base32(),
    };
    let email = email.trim().to_lowercase();
    let t = totp(&secret, &email)
        .ok_or_else(|| StoreError::Corrupt("a TOTP secret of at least 128 bits".into()))?;
    let done =
        sqlx::query("UPDATE staff_members SET totp_secret = $1, totp_step = 0 WHERE email = $2")
            .bind(&secret)
            .bind(&email)
            .execute(db.pool())
            .await?;
    if done.rows_affected() != 1 {
        return Ok(None);
    }
    Ok(Some(
        t.to_url().map_err(|e| StoreError::Corrupt(e.to_string()))?,
    ))
}
