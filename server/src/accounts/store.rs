//! The account tables: accounts and their e-mailed tokens.

use contract::form::Answers;

use crate::db::{Db, StoreResult};
use crate::submissions::{now_millis, sha256_tag};

/// An account as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    /// Its id.
    pub id: String,
    /// The sign-in address as typed.
    pub email: String,
    /// When the address was confirmed (Unix ms).
    pub email_verified_at: Option<i64>,
    /// The Argon2id PHC string (none for accounts created by an eID alone).
    pub password_hash: Option<String>,
    /// The profile answers (JSON).
    pub profile: String,
    /// The account's language code.
    pub language: String,
    /// The fields an eID confirmed (JSON array).
    pub verified_fields: String,
}

impl AccountRow {
    /// The profile answers.
    pub fn answers(&self) -> Answers {
        serde_json::from_str(&self.profile).unwrap_or_default()
    }

    /// The fields an eID confirmed.
    pub fn verified(&self) -> Vec<String> {
        serde_json::from_str(&self.verified_fields).unwrap_or_default()
    }
}

/// The unique sign-in name of an address: trimmed, lower case.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

const COLUMNS: &str =
    "id, email, email_verified_at, password_hash, profile, language, verified_fields";

/// The account with this id.
pub async fn by_id(db: &Db, id: &str) -> StoreResult<Option<AccountRow>> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM accounts WHERE id = $1"))
            .bind(id)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The account signed in with this address.
pub async fn by_email(db: &Db, email: &str) -> StoreResult<Option<AccountRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM accounts WHERE email_key = $1"
    ))
    .bind(email_key(email))
    .fetch_optional(db.pool())
    .await?)
}

/// A new account; `Conflict` when the address has one already.
pub async fn insert(
    db: &Db,
    id: &str,
    email: &str,
    password_hash: &str,
    profile: &Answers,
    language: &str,
) -> StoreResult<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO accounts (id, email, email_key, password_hash, profile, language, \
         verified_fields, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, '[]', $7, $7)",
    )
    .bind(id)
    .bind(email.trim())
    .bind(email_key(email))
    .bind(password_hash)
    .bind(serde_json::Value::Object(profile.clone()).to_string())
    .bind(language)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A new account from an eID sign-in: no password, the address as the provider confirmed it
/// (`key` is the sign-in name, `eid:<provider>:<subject>` without an address); `Conflict` when
/// the address has an account.
pub async fn insert_eid(
    db: &Db,
    id: &str,
    email: &str,
    key: &str,
    profile: &Answers,
    language: &str,
) -> StoreResult<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO accounts (id, email, email_key, email_verified_at, password_hash, profile,          language, verified_fields, created_at, updated_at)          VALUES ($1, $2, $3, $4, NULL, $5, $6, '[]', $4, $4)",
    )
    .bind(id)
    .bind(email.trim())
    .bind(key)
    .bind(now)
    .bind(serde_json::Value::Object(profile.clone()).to_string())
    .bind(language)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Takes `confirmed` (answers an eID confirmed) into the profile and marks `fields` verified.
pub async fn confirm_profile(
    db: &Db,
    id: &str,
    confirmed: &Answers,
    fields: &[String],
) -> StoreResult<()> {
    let Some(row) = by_id(db, id).await? else {
        return Ok(());
    };
    let mut profile = row.answers();
    let mut verified = row.verified();
    for (k, v) in confirmed {
        profile.insert(k.clone(), v.clone());
    }
    for f in fields {
        if !verified.contains(f) {
            verified.push(f.clone());
        }
    }
    set_profile(db, id, &profile, &row.language, &verified).await
}

/// Marks the address confirmed.
pub async fn set_verified(db: &Db, id: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE accounts SET email_verified_at = COALESCE(email_verified_at, $2), updated_at = $2 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(now_millis())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A new sign-in address (confirmed by its link); `Conflict` when another account has it.
pub async fn set_email(db: &Db, id: &str, email: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE accounts SET email = $2, email_key = $3, email_verified_at = $4, updated_at = $4 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(email.trim())
    .bind(email_key(email))
    .bind(now_millis())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A new password hash.
pub async fn set_password(db: &Db, id: &str, hash: &str) -> StoreResult<()> {
    sqlx::query("UPDATE accounts SET password_hash = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(hash)
        .bind(now_millis())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// New profile answers, language and verified fields.
pub async fn set_profile(
    db: &Db,
    id: &str,
    profile: &Answers,
    language: &str,
    verified: &[String],
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE accounts SET profile = $2, language = $3, verified_fields = $4, updated_at = $5 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(serde_json::Value::Object(profile.clone()).to_string())
    .bind(language)
    .bind(serde_json::to_string(verified).unwrap_or_else(|_| "[]".into()))
    .bind(now_millis())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Deletes the account with its tokens and sessions.
pub async fn delete(db: &Db, id: &str) -> StoreResult<()> {
    let mut tx = db.pool().begin().await?;
    for sql in [
        "DELETE FROM account_identities WHERE account = $1",
        "DELETE FROM account_drafts WHERE account = $1",
        "DELETE FROM account_submissions WHERE account = $1",
        "DELETE FROM account_tokens WHERE account = $1",
        "DELETE FROM sessions WHERE account = $1",
        "DELETE FROM accounts WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// What an e-mailed token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirm a new account's address.
    Verify,
    /// Set a new password.
    Reset,
    /// Confirm a new sign-in address.
    NewEmail,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
            Purpose::NewEmail => "email",
        }
    }

    /// How long its link works.
    pub fn lifetime_ms(self) -> i64 {
        match self {
            Purpose::Verify => 48 * 3_600_000,
            Purpose::Reset => 3_600_000,
            Purpose::NewEmail => 24 * 3_600_000,
        }
    }
}

/// A token for a link sent by e-mail: 256 random bits, URL-safe base64 (only its hash is
/// stored).
pub fn random_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A new token for `account` (earlier unused ones of the same purpose stop working); only its
/// hash is stored. Returns the token for the link.
pub async fn new_token(
    db: &Db,
    account: &str,
    purpose: Purpose,
    new_email: Option<&str>,
) -> StoreResult<String> {
    let token = random_token();
    let now = now_millis();
    let mut tx = db.pool().begin().await?;
    sqlx::query(
        "UPDATE account_tokens SET used_at = $3 WHERE account = $1 AND purpose = $2 \
         AND used_at IS NULL",
    )
    .bind(account)
    .bind(purpose.code())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, account, purpose, new_email, expires_at, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(sha256_tag(token.as_bytes()))
    .bind(account)
    .bind(purpose.code())
    .bind(new_email)
    .bind(now + purpose.lifetime_ms())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// A redeemed token: its account and, for a new address, the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redeemed {
    /// The account.
    pub account: String,
    /// What it was for.
    pub purpose: Purpose,
    /// The new address ([`Purpose::NewEmail`]).
    pub new_email: Option<String>,
}

/// Uses `token` if it is unused, unexpired and of one of `purposes`: exactly one request can
/// (the update is conditional on `used_at IS NULL`).
pub async fn redeem(db: &Db, token: &str, purposes: &[Purpose]) -> StoreResult<Option<Redeemed>> {
    let hash = sha256_tag(token.trim().as_bytes());
    let now = now_millis();
    let row: Option<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT account, purpose, new_email FROM account_tokens \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(&hash)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    let Some((account, purpose, new_email)) = row else {
        return Ok(None);
    };
    let Some(purpose) = purposes.iter().copied().find(|p| p.code() == purpose) else {
        return Ok(None);
    };
    let used = sqlx::query(
        "UPDATE account_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL",
    )
    .bind(&hash)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok((used.rows_affected() == 1).then_some(Redeemed {
        account,
        purpose,
        new_email,
    }))
}
