//! What a citizen does with their account, apart from HTTP.
//!
//! Answers never tell whether an address has an account: registering with a known address
//! answers like a new one (the owner gets an e-mail instead), a reset link is "sent" either
//! way, and a wrong password takes as long as an unknown address (a decoy hash is verified).
//! Sign-ins and e-mails are throttled per address and per client in the database, so the
//! limits hold however many servers run.

use std::net::IpAddr;

use contract::Lang;
use contract::account::{
    AccountDeletion, AccountSummary, CheckEmail, EmailChange, Level, PasswordChange, Profile,
    ProfileUpdate, Registration, ResetConfirm, ResetRequest, SessionInfo, SignIn, VerifyEmail,
    email_errors, password_errors, profile_form,
};
use contract::form::{Context, ErrorCode, FieldError};
use tower_sessions::Session;

use super::Accounts;
use super::mail::{self, AccountMail};
use super::passwords::HashError;
use super::sessions::{self, SignedIn};
use super::store::{self, AccountRow, Purpose};
use crate::db::StoreError;
use crate::limits::{Bucket, Limited};
use crate::submissions::now_millis;

/// Why an account operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Input that does not pass (field errors in order).
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Wrong address or password (never says which).
    #[error("wrong e-mail address or password")]
    InvalidCredentials,
    /// The address is not confirmed yet (a new link was sent).
    #[error("e-mail address not confirmed")]
    NotVerified,
    /// A link that is unknown, used or expired.
    #[error("invalid link")]
    InvalidLink,
    /// Nobody is signed in.
    #[error("not signed in")]
    NotSignedIn,
    /// Too many password hashes at once.
    #[error("busy")]
    Busy,
    /// A rate limit.
    #[error(transparent)]
    Limited(#[from] Limited),
    /// Storage.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Anything else (hashing failed, a session could not be written).
    #[error("{0}")]
    Internal(String),
}

impl From<HashError> for AccountError {
    fn from(e: HashError) -> Self {
        match e {
            HashError::Busy => AccountError::Busy,
            HashError::Failed(e) => AccountError::Internal(e),
        }
    }
}

impl From<tower_sessions::session_store::Error> for AccountError {
    fn from(e: tower_sessions::session_store::Error) -> Self {
        AccountError::Internal(format!("session: {e}"))
    }
}

impl From<sqlx::Error> for AccountError {
    fn from(e: sqlx::Error) -> Self {
        AccountError::Store(e.into())
    }
}

type Result<T> = std::result::Result<T, AccountError>;

fn today() -> Context {
    Context {
        today: crate::forms::today(),
    }
}

fn lang_of(row: &AccountRow) -> Lang {
    row.language.parse().unwrap_or(Lang::De)
}

fn summary(row: &AccountRow, level: Level) -> AccountSummary {
    let answers = row.answers();
    let text = |k: &str| {
        answers
            .get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    AccountSummary {
        given_name: text("given_name"),
        family_name: text("family_name"),
        email: row.email.clone(),
        level,
    }
}

impl Accounts {
    async fn limit(&self, bucket: Bucket, subject: &str) -> Result<()> {
        self.limits.hit_subject(bucket, subject).await??;
        Ok(())
    }

    fn send(&self, to: &str, lang: Lang, mail: AccountMail) {
        mail::send(
            self.mailer.as_ref(),
            &self.config.public_url,
            to,
            lang,
            mail,
        );
    }

    /// Opens an account (unconfirmed until the link in the e-mail is followed). With an address
    /// that has an account, its owner is told by e-mail; the answer is the same.
    pub async fn register(&self, reg: Registration, client: Option<IpAddr>) -> Result<CheckEmail> {
        let errors = reg.errors(&today());
        if !errors.is_empty() {
            return Err(AccountError::Invalid(errors));
        }
        self.limit(Bucket::Registration, &crate::limits::subject(client))
            .await?;
        self.limit(Bucket::AccountEmail, &reg.email).await?;
        // Hashed in every case, so a known address answers as slowly as a new one.
        let hash = self.hasher.hash(reg.password.clone()).await?;
        let profile = profile_form().clean_answers(&reg.profile);
        let id = uuid::Uuid::new_v4().to_string();
        match store::insert(&self.db, &id, &reg.email, &hash, &profile, reg.lang.code()).await {
            Ok(()) => {
                let token = store::new_token(&self.db, &id, Purpose::Verify, None).await?;
                self.send(&reg.email, reg.lang, AccountMail::Verify { token });
            }
            Err(StoreError::Conflict { .. }) => {
                if let Some(existing) = store::by_email(&self.db, &reg.email).await? {
                    self.resend_or_warn(&existing).await?;
                }
            }
            Err(e) => return Err(e.into()),
        }
        Ok(CheckEmail::new())
    }

    /// A known address registered again: an unconfirmed account gets a new link, a confirmed
    /// one a notice.
    async fn resend_or_warn(&self, row: &AccountRow) -> Result<()> {
        if row.email_verified_at.is_none() {
            let token = store::new_token(&self.db, &row.id, Purpose::Verify, None).await?;
            self.send(&row.email, lang_of(row), AccountMail::Verify { token });
        } else {
            self.send(&row.email, lang_of(row), AccountMail::AlreadyRegistered);
        }
        Ok(())
    }

    /// Follows a link that confirms an address: a new account's, or a new sign-in address
    /// (which then replaces the old one, who is told).
    pub async fn verify(&self, req: VerifyEmail) -> Result<()> {
        let Some(redeemed) =
            store::redeem(&self.db, &req.token, &[Purpose::Verify, Purpose::NewEmail]).await?
        else {
            return Err(AccountError::InvalidLink);
        };
        match (redeemed.purpose, redeemed.new_email) {
            (Purpose::NewEmail, Some(new_email)) => {
                let old = store::by_id(&self.db, &redeemed.account).await?;
                match store::set_email(&self.db, &redeemed.account, &new_email).await {
                    Ok(()) => {}
                    // Taken meanwhile by another account.
                    Err(StoreError::Conflict { .. }) => return Err(AccountError::InvalidLink),
                    Err(e) => return Err(e.into()),
                }
                if let Some(old) = old {
                    self.send(&old.email, lang_of(&old), AccountMail::EmailChanged);
                }
            }
            _ => store::set_verified(&self.db, &redeemed.account).await?,
        }
        Ok(())
    }

    /// Signs in with address and password on `session` (a new session id). Throttled per
    /// address and per client before any hashing: every attempt takes a slot first (so
    /// concurrent ones cannot pass the limit), a successful one gives it back.
    pub async fn sign_in(
        &self,
        req: SignIn,
        client: Option<IpAddr>,
        session: &Session,
    ) -> Result<SessionInfo> {
        self.limit(Bucket::SignInAddress, &crate::limits::subject(client))
            .await?;
        self.limit(Bucket::SignInAccount, &req.email).await?;
        let row = if email_errors(&req.email, "email").is_empty() {
            store::by_email(&self.db, &req.email).await?
        } else {
            None
        };
        let stored = row.as_ref().and_then(|r| r.password_hash.clone());
        let ok = self.hasher.verify(req.password, stored).await?;
        let Some(row) = row.filter(|_| ok) else {
            tracing::info!(target: "schalter::security", event = "sign_in_failed", "a sign-in failed");
            return Err(AccountError::InvalidCredentials);
        };
        if row.email_verified_at.is_none() {
            if self.limit(Bucket::AccountEmail, &row.email).await.is_ok() {
                self.resend_or_warn(&row).await?;
            }
            return Err(AccountError::NotVerified);
        }
        // A successful sign-in costs nothing of the allowances (only failures do).
        self.limits
            .give_back(Bucket::SignInAccount, &req.email)
            .await?;
        self.limits
            .give_back(Bucket::SignInAddress, &crate::limits::subject(client))
            .await?;
        let who = sessions::sign_in(session, &row.id, Level::Low).await?;
        Ok(self.info(Some((&row, &who))))
    }

    /// Who is signed in on `session` (ending it if its absolute time is over).
    pub async fn current(&self, session: &Session) -> Result<Option<SignedIn>> {
        let Some(who) = sessions::signed_in(session).await? else {
            return Ok(None);
        };
        if now_millis() - who.at >= self.config.absolute.as_millis() as i64 {
            sessions::sign_out(session).await?;
            return Ok(None);
        }
        Ok(Some(who))
    }

    /// `GET /session`: the signed-in account and the timeouts.
    pub async fn session_info(&self, session: &Session) -> Result<SessionInfo> {
        let Some(who) = self.current(session).await? else {
            return Ok(self.info(None));
        };
        let Some(row) = store::by_id(&self.db, &who.account).await? else {
            sessions::sign_out(session).await?;
            return Ok(self.info(None));
        };
        sessions::touch(session, who.clone(), self.touch_every()).await?;
        Ok(self.info(Some((&row, &who))))
    }

    /// "Stay signed in": the idle timeout starts again now.
    pub async fn renew(&self, session: &Session) -> Result<SessionInfo> {
        let Some(who) = self.current(session).await? else {
            return Err(AccountError::NotSignedIn);
        };
        let row = store::by_id(&self.db, &who.account)
            .await?
            .ok_or(AccountError::NotSignedIn)?;
        sessions::renew(session, who.clone()).await?;
        Ok(self.info(Some((&row, &who))))
    }

    /// Signs out of `session`.
    pub async fn sign_out(&self, session: &Session) -> Result<()> {
        sessions::sign_out(session).await?;
        Ok(())
    }

    fn info(&self, who: Option<(&AccountRow, &SignedIn)>) -> SessionInfo {
        let absolute = self.config.absolute.as_millis() as i64;
        SessionInfo {
            idle_timeout_secs: self.config.idle.as_secs(),
            absolute_remaining_secs: who
                .map(|(_, w)| ((w.at + absolute - now_millis()).max(0) / 1000) as u64)
                .unwrap_or(0),
            account: who.map(|(row, w)| summary(row, w.level)),
        }
    }

    /// Sends a link to set a new password, if the address has an account; the answer is the
    /// same either way.
    pub async fn request_reset(
        &self,
        req: ResetRequest,
        client: Option<IpAddr>,
    ) -> Result<CheckEmail> {
        let errors = email_errors(&req.email, "email");
        if !errors.is_empty() {
            return Err(AccountError::Invalid(errors));
        }
        self.limit(Bucket::SignInAddress, &crate::limits::subject(client))
            .await?;
        self.limit(Bucket::AccountEmail, &req.email).await?;
        if let Some(row) = store::by_email(&self.db, &req.email).await? {
            let token = store::new_token(&self.db, &row.id, Purpose::Reset, None).await?;
            self.send(&row.email, lang_of(&row), AccountMail::Reset { token });
        }
        Ok(CheckEmail::new())
    }

    /// Sets a new password with a reset link: the address counts as confirmed (the link
    /// reached it) and every session of the account ends.
    pub async fn confirm_reset(&self, req: ResetConfirm) -> Result<()> {
        let errors = password_errors(&req.password, "password");
        if !errors.is_empty() {
            return Err(AccountError::Invalid(errors));
        }
        let Some(redeemed) = store::redeem(&self.db, &req.token, &[Purpose::Reset]).await? else {
            return Err(AccountError::InvalidLink);
        };
        let hash = self.hasher.hash(req.password).await?;
        store::set_password(&self.db, &redeemed.account, &hash).await?;
        store::set_verified(&self.db, &redeemed.account).await?;
        self.sessions.end_all(&redeemed.account, None).await?;
        if let Some(row) = store::by_id(&self.db, &redeemed.account).await? {
            self.send(&row.email, lang_of(&row), AccountMail::PasswordChanged);
        }
        Ok(())
    }

    /// The signed-in account, or [`AccountError::NotSignedIn`].
    async fn mine(&self, account: &str) -> Result<AccountRow> {
        store::by_id(&self.db, account)
            .await?
            .ok_or(AccountError::NotSignedIn)
    }

    /// Checks the account's password for a change the owner asks for (throttled like a
    /// sign-in); a wrong one is a field error at `path`.
    async fn check_password(&self, row: &AccountRow, password: String, path: &str) -> Result<()> {
        self.limit(Bucket::SignInAccount, &row.email).await?;
        if self
            .hasher
            .verify(password, row.password_hash.clone())
            .await?
        {
            self.limits
                .give_back(Bucket::SignInAccount, &row.email)
                .await?;
            Ok(())
        } else {
            Err(AccountError::Invalid(vec![FieldError::new(
                path,
                ErrorCode::WrongPassword,
            )]))
        }
    }

    /// A new password: every other session of the account ends, this one gets a new id.
    pub async fn change_password(
        &self,
        account: &str,
        req: PasswordChange,
        session: &Session,
    ) -> Result<()> {
        let errors = req.errors();
        if !errors.is_empty() {
            return Err(AccountError::Invalid(errors));
        }
        let row = self.mine(account).await?;
        self.check_password(&row, req.current, "current").await?;
        let hash = self.hasher.hash(req.new).await?;
        store::set_password(&self.db, &row.id, &hash).await?;
        session
            .cycle_id()
            .await
            .map_err(|e| AccountError::Internal(e.to_string()))?;
        self.sessions.end_all(&row.id, session.id()).await?;
        self.send(&row.email, lang_of(&row), AccountMail::PasswordChanged);
        Ok(())
    }

    /// A new sign-in address: a link goes to it, a notice to the old one; nothing changes
    /// until the link is followed.
    pub async fn change_email(&self, account: &str, req: EmailChange) -> Result<CheckEmail> {
        let errors = email_errors(&req.email, "email");
        if !errors.is_empty() {
            return Err(AccountError::Invalid(errors));
        }
        let row = self.mine(account).await?;
        self.check_password(&row, req.password, "password").await?;
        self.limit(Bucket::AccountEmail, &req.email).await?;
        let taken = store::by_email(&self.db, &req.email).await?;
        match taken {
            Some(other) if other.id != row.id => {
                // Its owner learns someone tried; the asker learns nothing.
                self.send(
                    &other.email,
                    lang_of(&other),
                    AccountMail::AlreadyRegistered,
                );
            }
            Some(_) => {}
            None => {
                let token =
                    store::new_token(&self.db, &row.id, Purpose::NewEmail, Some(req.email.trim()))
                        .await?;
                self.send(
                    &req.email,
                    lang_of(&row),
                    AccountMail::ConfirmNewEmail { token },
                );
                self.send(&row.email, lang_of(&row), AccountMail::EmailChanged);
            }
        }
        Ok(CheckEmail::new())
    }

    /// The profile.
    pub async fn profile(&self, account: &str) -> Result<Profile> {
        let row = self.mine(account).await?;
        Ok(Profile {
            profile: row.answers(),
            email: row.email.clone(),
            lang: lang_of(&row),
            verified: row.verified(),
        })
    }

    /// New profile answers; a field confirmed by an eID that changes loses its mark.
    pub async fn update_profile(&self, account: &str, req: ProfileUpdate) -> Result<Profile> {
        let form = profile_form();
        let errors = form.validate(&req.profile, &today());
        if !errors.is_empty() {
            return Err(AccountError::Invalid(errors));
        }
        let row = self.mine(account).await?;
        let before = row.answers();
        let after = form.clean_answers(&req.profile);
        let verified: Vec<String> = row
            .verified()
            .into_iter()
            .filter(|f| before.get(f) == after.get(f))
            .collect();
        store::set_profile(&self.db, &row.id, &after, req.lang.code(), &verified).await?;
        self.profile(account).await
    }

    /// Everything the portal keeps about the account, as JSON.
    pub async fn export(&self, account: &str) -> Result<serde_json::Value> {
        let row = self.mine(account).await?;
        let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE account = $1")
            .bind(&row.id)
            .fetch_one(self.db.pool())
            .await?;
        let created: (i64, i64) =
            sqlx::query_as("SELECT created_at, updated_at FROM accounts WHERE id = $1")
                .bind(&row.id)
                .fetch_one(self.db.pool())
                .await?;
        let at = |ms: i64| {
            jiff::Timestamp::from_millisecond(ms)
                .map(|t| t.to_string())
                .unwrap_or_default()
        };
        Ok(serde_json::json!({
            "format": "schalter-account-export/1",
            "exported_at": at(now_millis()),
            "account": {
                "email": row.email,
                "email_verified_at": row.email_verified_at.map(at),
                "language": row.language,
                "profile": row.answers(),
                "verified_fields": row.verified(),
                "created_at": at(created.0),
                "updated_at": at(created.1),
                "has_password": row.password_hash.is_some(),
            },
            "sessions_open": sessions,
        }))
    }

    /// Deletes the account: profile, tokens and sessions. Applications already submitted stay
    /// with their authorities (they must keep them), reachable with their receipts.
    pub async fn delete(
        &self,
        account: &str,
        req: AccountDeletion,
        session: &Session,
    ) -> Result<()> {
        let row = self.mine(account).await?;
        self.check_password(&row, req.password, "password").await?;
        store::delete(&self.db, &row.id).await?;
        sessions::sign_out(session).await?;
        tracing::info!(target: "schalter::security", event = "account_deleted", "an account was deleted");
        Ok(())
    }
}

/// Creates a confirmed account with a password (the `schalter account create` command: demo
/// and test accounts). The password and address are checked as at registration.
pub async fn create_confirmed(
    db: &crate::db::Db,
    email: &str,
    password: &str,
    given_name: &str,
    family_name: &str,
) -> anyhow::Result<String> {
    let mut errors = email_errors(email, "email");
    errors.extend(password_errors(password, "password"));
    anyhow::ensure!(
        errors.is_empty(),
        "{}",
        errors
            .into_iter()
            .map(|e| {
                let path = e.path.clone();
                format!(
                    "{path}: {}",
                    e.localise(Lang::En).message.unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let hash = super::passwords::Hasher::new(1, 0)
        .hash(password.to_owned())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let profile =
        serde_json::json!({"given_name": given_name.trim(), "family_name": family_name.trim()});
    let id = uuid::Uuid::new_v4().to_string();
    match store::insert(
        db,
        &id,
        email,
        &hash,
        profile.as_object().expect("an object"),
        "de",
    )
    .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict { .. }) => anyhow::bail!("{email} has an account already"),
        Err(e) => return Err(e.into()),
    }
    store::set_verified(db, &id).await?;
    Ok(id)
}
