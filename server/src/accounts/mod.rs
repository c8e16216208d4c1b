//! The Bürgerkonto: citizens' accounts, signing in and out, sessions, the profile.
//!
//! - [`service`]: what an account can do (register, confirm the address, sign in, reset and
//!   change the password, change the address, profile, export, delete), over typed inputs
//!   and errors; nothing of HTTP.
//! - [`routes`]: the `/api/v1/account` and `/api/v1/session` handlers, which only translate.
//! - [`sessions`]: sessions in the database (`tower-sessions` with the portal's own store).
//! - [`data`]: the account's applications and its drafts on every device (revisions,
//!   conflicts).
//! - [`oidc`]: eID sign-in through OpenID Connect (providers as configuration).
//! - [`organisations`]: organisations, their members (admin, member), invitations and
//!   applications.
//! - [`passwords`]: Argon2id hashing, a bounded number at a time.
//! - [`store`]: the tables. [`mail`]: the e-mails.

pub mod data;
pub mod mail;
pub mod oidc;
pub mod organisations;
pub mod passwords;
pub mod routes;
pub mod service;
pub mod sessions;
pub mod store;

use std::time::Duration;

use crate::db::Db;
use crate::limits::Limits;
use crate::receipt::mail::Mailer;

/// How sessions and links behave (`schalter serve --session-…`).
#[derive(Debug, Clone)]
pub struct AccountConfig {
    /// Inactivity after which a session ends.
    pub idle: Duration,
    /// Time after sign-in after which a session ends however active it is.
    pub absolute: Duration,
    /// Send the session cookie only over https (`Secure`).
    pub secure_cookie: bool,
    /// The portal's public address, for links in e-mails.
    pub public_url: String,
}

impl Default for AccountConfig {
    fn default() -> Self {
        AccountConfig {
            idle: Duration::from_secs(30 * 60),
            absolute: Duration::from_secs(12 * 3600),
            secure_cookie: false,
            public_url: "http://127.0.0.1:3000".into(),
        }
    }
}

/// The account service's dependencies.
#[derive(Clone, Debug)]
pub struct Accounts {
    db: Db,
    limits: Limits,
    hasher: passwords::Hasher,
    mailer: Option<Mailer>,
    sessions: sessions::DbSessionStore,
    config: AccountConfig,
    providers: oidc::Providers,
    staff_providers: oidc::Providers,
}

impl Accounts {
    /// Accounts in `db`, e-mails through `mailer`; password hashes two at a time (each takes
    /// 19 MiB) with up to 128 waiting (a burst of 100 sign-ins waits, it is not refused).
    pub fn new(db: Db, limits: Limits, mailer: Option<Mailer>, config: AccountConfig) -> Accounts {
        Accounts {
            sessions: sessions::DbSessionStore::new(db.clone()),
            db,
            limits,
            hasher: passwords::Hasher::new(2, 128),
            mailer,
            config,
            providers: oidc::Providers::default(),
            staff_providers: oidc::Providers::default(),
        }
    }

    /// The same with eID sign-in through `providers`.
    pub fn with_providers(mut self, providers: oidc::Providers) -> Accounts {
        self.providers = providers;
        self
    }

    /// The same with staff sign-in through the organisation's own OpenID providers.
    pub fn with_staff_providers(mut self, providers: oidc::Providers) -> Accounts {
        self.staff_providers = providers;
        self
    }

    /// The organisation's providers staff sign in with.
    pub fn staff_providers(&self) -> &oidc::Providers {
        &self.staff_providers
    }

    /// The same with another hashing queue (tests, benchmarks).
    pub fn with_hasher(mut self, concurrent: usize, queue: usize) -> Accounts {
        self.hasher = passwords::Hasher::new(concurrent, queue);
        self
    }

    /// The configuration.
    pub fn config(&self) -> &AccountConfig {
        &self.config
    }

    /// How often a session's activity is written (ms): a minute, or a quarter of a shorter
    /// idle timeout.
    pub fn touch_every(&self) -> i64 {
        (self.config.idle.as_millis() as i64 / 4).clamp(1_000, 60_000)
    }

    /// The password hasher (staff passwords use the same).
    pub fn hasher(&self) -> &passwords::Hasher {
        &self.hasher
    }

    /// The rate limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The session store.
    pub fn session_store(&self) -> sessions::DbSessionStore {
        self.sessions.clone()
    }

    /// Sends `mail` to `to` in the background (see [`mail::send`]).
    pub fn notify(&self, to: &str, lang: contract::Lang, mail: mail::AccountMail) {
        mail::send(
            self.mailer.as_ref(),
            &self.config.public_url,
            to,
            lang,
            mail,
        );
    }

    /// Deletes expired sessions and tokens every hour in the background.
    pub fn spawn_sweeper(&self) {
        let store = self.sessions.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(3600));
            loop {
                tick.tick().await;
                if let Err(e) = store.sweep().await {
                    tracing::warn!(error = %e, "sweeping sessions failed");
                }
            }
        });
    }
}
