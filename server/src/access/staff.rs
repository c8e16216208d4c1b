//! Staff members, their roles at authorities and their API tokens (`schalter staff …`).
//!
//! A token is `sst_` and 43 characters of base64url (256 random bits); only its SHA-256 is
//! stored, so a copy of the database opens nothing. Tokens expire and can be revoked.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

use super::{Role, Staff};
use crate::db::{Db, StoreError, StoreResult};
use crate::submissions::now_rfc3339;

const PREFIX: &str = "sst_";

/// Whether a bearer token is a staff token (by its prefix; receipt tokens never have one).
pub fn is_staff_token(token: &str) -> bool {
    token.starts_with(PREFIX)
}

fn hash(token: &str) -> String {
    crate::submissions::sha256_tag(token.as_bytes())
}

/// A staff member as listed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Member {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// E-mail address (unique).
    pub email: String,
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    authority_id: String,
    role: String,
}

/// Creates a staff member; `Ok(None)` when the e-mail address is taken.
pub async fn create(db: &Db, name: &str, email: &str) -> StoreResult<Option<Member>> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let inserted = sqlx::query(
        "INSERT INTO staff_members (id, name, email, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (email) DO NOTHING",
    )
    .bind(&id)
    .bind(name)
    .bind(email.to_lowercase())
    .bind(now_rfc3339())
    .execute(db.pool())
    .await?;
    Ok((inserted.rows_affected() == 1).then(|| Member {
        id,
        name: name.to_owned(),
        email: email.to_lowercase(),
    }))
}

/// The staff member with this e-mail address.
pub async fn by_email(db: &Db, email: &str) -> StoreResult<Option<Member>> {
    Ok(
        sqlx::query_as("SELECT id, name, email FROM staff_members WHERE email = $1")
            .bind(email.to_lowercase())
            .fetch_optional(db.pool())
            .await?,
    )
}

/// Gives a staff member a role at an authority (replacing the role held there).
pub async fn grant(db: &Db, staff_id: &str, authority: &str, role: Role) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO staff_roles (staff_id, authority_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT (staff_id, authority_id) DO UPDATE SET role = excluded.role",
    )
    .bind(staff_id)
    .bind(authority)
    .bind(role.code())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Every staff member with their roles.
pub async fn list(db: &Db) -> StoreResult<Vec<(Member, Vec<(String, Role)>)>> {
    let members: Vec<Member> =
        sqlx::query_as("SELECT id, name, email FROM staff_members ORDER BY email")
            .fetch_all(db.pool())
            .await?;
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        let roles = roles(db, &m.id).await?;
        out.push((m, roles));
    }
    Ok(out)
}

async fn roles(db: &Db, staff_id: &str) -> StoreResult<Vec<(String, Role)>> {
    let rows: Vec<RoleRow> = sqlx::query_as(
        "SELECT authority_id, role FROM staff_roles WHERE staff_id = $1 ORDER BY authority_id",
    )
    .bind(staff_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Role::from_code(&r.role)
                .map(|role| (r.authority_id, role))
                .ok_or_else(|| StoreError::Corrupt(format!("unknown staff role {:?}", r.role)))
        })
        .collect()
}

/// Makes an API token for a staff member, valid for `days`; returns (token id, token). The
/// token is not stored and cannot be shown again.
pub async fn issue_token(
    db: &Db,
    staff_id: &str,
    label: &str,
    days: u32,
) -> StoreResult<(String, String)> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let id = uuid::Uuid::new_v4().simple().to_string();
    let expires = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(24 * i64::from(days)))
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string();
    sqlx::query(
        "INSERT INTO staff_tokens (id, staff_id, token_hash, label, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(staff_id)
    .bind(hash(&token))
    .bind(label)
    .bind(now_rfc3339())
    .bind(expires)
    .execute(db.pool())
    .await?;
    Ok((id, token))
}

/// Revokes a token; true if it was active.
pub async fn revoke_token(db: &Db, id: &str) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE staff_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now_rfc3339())
            .bind(id)
            .execute(db.pool())
            .await?;
    Ok(done.rows_affected() == 1)
}

/// A staff member with their roles, unless unknown or disabled.
pub async fn by_id(db: &Db, id: &str) -> StoreResult<Option<Staff>> {
    let known: Option<String> =
        sqlx::query_scalar("SELECT id FROM staff_members WHERE id = $1 AND disabled_at IS NULL")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    let Some(id) = known else { return Ok(None) };
    let roles = roles(db, &id).await?;
    Ok(Some(Staff { id, roles }))
}

/// The staff member a token belongs to, if the token is known, unexpired, not revoked and its
/// member not disabled.
pub async fn by_token(db: &Db, token: &str) -> StoreResult<Option<Staff>> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT m.id FROM staff_tokens t JOIN staff_members m ON m.id = t.staff_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 \
         AND m.disabled_at IS NULL",
    )
    .bind(hash(token))
    .bind(now_rfc3339())
    .fetch_optional(db.pool())
    .await?;
    let Some(id) = id else { return Ok(None) };
    let roles = roles(db, &id).await?;
    Ok(Some(Staff { id, roles }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_recognised_by_prefix_and_hashed() {
        assert!(is_staff_token("sst_abc"));
        assert!(!is_staff_token("abc"));
        assert_eq!(hash("sst_x"), hash("sst_x"));
        assert_ne!(hash("sst_x"), hash("sst_y"));
        assert!(hash("sst_x").starts_with("sha256:"));
    }
}
