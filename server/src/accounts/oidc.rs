//! eID sign-in through OpenID Connect: the authorization code flow with PKCE, `state` and
//! `nonce` (the `openidconnect` crate makes and checks them, and the ID token's signature,
//! issuer, audience and expiry).
//!
//! Identity providers are configuration ([`ProviderConfig`]): issuer, client, and the
//! provider's own ordered list of `acr` values, each mapped to a portal level (low,
//! substantial, high). The `acr` of every ID token is checked against that list and the level
//! the sign-in asked for; a token without one, or with a lower one, signs nobody in.
//!
//! What a sign-in has asked for waits in the visitor's session ([`Pending`]) until the
//! provider sends the browser back; the first eID sign-in creates an account (or links the
//! identity to the account signed in), and the name, date of birth and address the provider
//! confirmed are stored as verified.

use std::collections::HashMap;
use std::sync::Arc;

use contract::account::{Level, profile_form};
use contract::form::Answers;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthenticationContextClass, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::sync::RwLock;
use tower_sessions::Session;

use super::Accounts;
use super::sessions;
use super::store;
use crate::db::StoreError;
use crate::submissions::now_millis;

/// Where the provider sends the browser back (under the portal's public URL).
pub const CALLBACK_PATH: &str = "/api/v1/auth/oidc/callback";

const PENDING: &str = "oidc_pending";

/// How long a started sign-in may take at the provider.
const PENDING_MS: i64 = 15 * 60 * 1000;

/// One identity provider, as configured.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ProviderConfig {
    /// The portal's id for it (`agov`), used in the API.
    pub id: String,
    /// Its name on the sign-in button (`AGOV`, `SwissID`, `BundID`).
    pub name: String,
    /// The issuer (discovery at `/.well-known/openid-configuration`).
    pub issuer: String,
    /// The portal's client id there.
    pub client_id: String,
    /// The client secret; or `client_secret_env`.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The environment variable holding the client secret.
    #[serde(default)]
    pub client_secret_env: Option<String>,
    /// Scopes besides `openid` (default `profile email address`).
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The provider's `acr` values, ordered from low to high, each with the portal level it
    /// counts as.
    pub acr: Vec<AcrLevel>,
}

/// One `acr` value of a provider and the level it counts as.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AcrLevel {
    /// The provider's value (`urn:qa.agov.ch:names:tc:ac:classes:300`).
    pub value: String,
    /// The portal level.
    pub level: Level,
}

fn default_scopes() -> Vec<String> {
    vec!["profile".into(), "email".into(), "address".into()]
}

impl ProviderConfig {
    /// The portal level of `acr`, if the provider's list has it.
    pub fn level_of(&self, acr: &str) -> Option<Level> {
        self.acr.iter().find(|a| a.value == acr).map(|a| a.level)
    }

    /// The provider's lowest `acr` value that counts as at least `level`.
    pub fn acr_for(&self, level: Level) -> Option<&str> {
        self.acr
            .iter()
            .find(|a| a.level >= level)
            .map(|a| a.value.as_str())
    }

    /// The highest level the provider can confirm.
    pub fn highest(&self) -> Option<Level> {
        self.acr.iter().map(|a| a.level).max()
    }

    fn secret(&self) -> Option<String> {
        self.client_secret.clone().or_else(|| {
            self.client_secret_env
                .as_ref()
                .and_then(|v| std::env::var(v).ok())
        })
    }
}

/// The identity providers file (`schalter serve --identity-providers`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProvidersFile {
    /// The providers, in the order their buttons are shown.
    pub providers: Vec<ProviderConfig>,
}

impl ProvidersFile {
    /// Reads and checks the file: unique ids, issuers that are URLs, a non-empty ordered
    /// `acr` list whose levels never go down.
    pub fn load(path: &std::path::Path) -> anyhow::Result<ProvidersFile> {
        let text = std::fs::read_to_string(path)?;
        let file: ProvidersFile = serde_json::from_str(&text)?;
        for (i, p) in file.providers.iter().enumerate() {
            anyhow::ensure!(
                file.providers[..i].iter().all(|q| q.id != p.id),
                "identity provider {:?} is listed twice",
                p.id
            );
            IssuerUrl::new(p.issuer.clone())?;
            anyhow::ensure!(!p.acr.is_empty(), "{}: no acr values", p.id);
            anyhow::ensure!(
                p.acr.windows(2).all(|w| w[0].level <= w[1].level),
                "{}: acr values must be ordered from low to high",
                p.id
            );
        }
        Ok(file)
    }
}

/// A sign-in waiting for the provider's answer (kept in the visitor's session).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Pending {
    /// The provider's id.
    pub provider: String,
    state: String,
    nonce: String,
    verifier: String,
    level: Level,
    /// The portal page to go on to.
    pub return_to: String,
    /// The language of the pages around the sign-in.
    pub lang: contract::Lang,
    started: i64,
}

/// Why an eID sign-in did not happen; the app shows a message for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EidError {
    /// No such provider configured.
    #[error("unknown provider")]
    UnknownProvider,
    /// The provider cannot confirm the level asked for.
    #[error("the provider does not offer this level")]
    LevelNotOffered,
    /// The provider does not answer (discovery, token request).
    #[error("the provider does not answer")]
    ProviderUnavailable,
    /// The answer does not belong to a sign-in started here (no or another `state`, too old,
    /// a code used already, a token that does not verify).
    #[error("the answer does not belong to a sign-in started here")]
    Invalid,
    /// The person cancelled or the provider refused.
    #[error("cancelled at the provider")]
    Cancelled,
    /// The level confirmed is lower than asked for (or none was named).
    #[error("the level confirmed is too low")]
    LevelTooLow,
    /// The e-mail address the provider names belongs to an account without this eID: sign in
    /// with its password first, then connect the eID.
    #[error("the e-mail address belongs to another account")]
    EmailTaken,
    /// Staff sign-in: the identity is no (active) staff member's, or the member is linked to
    /// another identity at this provider.
    #[error("no staff member with this identity")]
    NotStaff,
}

impl EidError {
    /// The code the app reads (`#eid=<code>`).
    pub fn code(self) -> &'static str {
        match self {
            EidError::UnknownProvider => "unknown_provider",
            EidError::LevelNotOffered => "level_not_offered",
            EidError::ProviderUnavailable => "provider_unavailable",
            EidError::Invalid => "invalid",
            EidError::Cancelled => "cancelled",
            EidError::LevelTooLow => "level_too_low",
            EidError::EmailTaken => "email_taken",
            EidError::NotStaff => "not_staff",
        }
    }
}

/// The configured providers and their discovered metadata (a cache; any process fetches its
/// own).
#[derive(Clone, Default)]
pub struct Providers {
    configs: Arc<Vec<ProviderConfig>>,
    metadata: Arc<RwLock<HashMap<String, CoreProviderMetadata>>>,
    http: Option<openidconnect::reqwest::Client>,
    redirect: String,
}

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Providers")
            .field(
                "providers",
                &self.configs.iter().map(|p| &p.id).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Providers {
    /// `configs`, sending the browser back to `public_url` + [`CALLBACK_PATH`].
    pub fn new(configs: Vec<ProviderConfig>, public_url: &str) -> anyhow::Result<Providers> {
        Providers::with_callback(configs, public_url, CALLBACK_PATH)
    }

    /// `configs`, sending the browser back to `public_url` + `callback` (staff sign-in has its
    /// own).
    pub fn with_callback(
        configs: Vec<ProviderConfig>,
        public_url: &str,
        callback: &str,
    ) -> anyhow::Result<Providers> {
        // The provider's answers must never be followed elsewhere (the crate's advice).
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(15))
            .build()?;
        Ok(Providers {
            configs: Arc::new(configs),
            metadata: Arc::default(),
            http: Some(http),
            redirect: format!("{}{callback}", public_url.trim_end_matches('/')),
        })
    }

    /// The configured providers.
    pub fn list(&self) -> &[ProviderConfig] {
        &self.configs
    }

    fn config(&self, id: &str) -> Result<&ProviderConfig, EidError> {
        self.configs
            .iter()
            .find(|p| p.id == id)
            .ok_or(EidError::UnknownProvider)
    }

    async fn metadata(&self, p: &ProviderConfig) -> Result<CoreProviderMetadata, EidError> {
        if let Some(m) = self.metadata.read().await.get(&p.id) {
            return Ok(m.clone());
        }
        let http = self.http.as_ref().ok_or(EidError::ProviderUnavailable)?;
        let issuer = IssuerUrl::new(p.issuer.clone()).map_err(|_| EidError::UnknownProvider)?;
        let m = CoreProviderMetadata::discover_async(issuer, http)
            .await
            .map_err(|e| {
                tracing::warn!(provider = %p.id, error = %e, "OpenID discovery failed");
                EidError::ProviderUnavailable
            })?;
        self.metadata.write().await.insert(p.id.clone(), m.clone());
        Ok(m)
    }
    /// Starts the authorization code flow at `provider`, asking for at least `level`: keeps
    /// what the answer must match in the session under `key` and answers the address of the
    /// provider's sign-in page.
    pub(crate) async fn authorize(
        &self,
        session: &Session,
        key: &str,
        provider: &str,
        level: Level,
        return_to: String,
        lang: contract::Lang,
    ) -> Result<String, EidError> {
        let p = self.config(provider)?;
        let acr = p
            .acr_for(level)
            .ok_or(EidError::LevelNotOffered)?
            .to_owned();
        let client = self.client(p).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge)
            .add_auth_context_value(AuthenticationContextClass::new(acr))
            .add_extra_param("ui_locales", lang.code());
        for s in &p.scopes {
            request = request.add_scope(Scope::new(s.clone()));
        }
        let (url, state, nonce) = request.url();
        let pending = Pending {
            provider: p.id.clone(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            level,
            return_to,
            lang,
            started: now_millis(),
        };
        session
            .insert(key, &pending)
            .await
            .map_err(|_| EidError::Invalid)?;
        Ok(url.to_string())
    }

    /// The sign-in waiting under `key` in the session, taken out of it (an answer is used once).
    pub(crate) async fn take_pending(session: &Session, key: &str) -> Option<Pending> {
        session.remove(key).await.ok().flatten()
    }

    async fn client(
        &self,
        p: &ProviderConfig,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        EidError,
    > {
        let meta = self.metadata(p).await?;
        Ok(CoreClient::from_provider_metadata(
            meta,
            ClientId::new(p.client_id.clone()),
            p.secret().map(ClientSecret::new),
        )
        .set_redirect_uri(RedirectUrl::new(self.redirect.clone()).map_err(|_| EidError::Invalid)?))
    }

    /// Checks the provider's answer to `pending`: the `state`, the code exchange (with the PKCE
    /// verifier), the ID token (signature, issuer, audience, expiry, nonce) and the level it
    /// confirms against the one asked for.
    pub(crate) async fn verify(
        &self,
        pending: &Pending,
        code: Option<&str>,
        state: Option<&str>,
        error: Option<&str>,
    ) -> Result<Verified, EidError> {
        if state != Some(pending.state.as_str()) || now_millis() - pending.started > PENDING_MS {
            return Err(EidError::Invalid);
        }
        if let Some(error) = error {
            return Err(if error == "unmet_authentication_requirements" {
                EidError::LevelTooLow
            } else {
                EidError::Cancelled
            });
        }
        let code = code.ok_or(EidError::Invalid)?;
        let p = self.config(&pending.provider)?;
        let client = self.client(p).await?;
        let http = self.http.as_ref().ok_or(EidError::ProviderUnavailable)?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|_| EidError::ProviderUnavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request_async(http)
            .await
            .map_err(|e| {
                tracing::warn!(provider = %p.id, error = %e, "the code exchange failed");
                EidError::Invalid
            })?;
        let id_token = openidconnect::TokenResponse::id_token(&tokens).ok_or(EidError::Invalid)?;
        let claims = id_token
            .claims(
                &client.id_token_verifier(),
                &Nonce::new(pending.nonce.clone()),
            )
            .map_err(|e| {
                tracing::warn!(provider = %p.id, error = %e, "an ID token did not verify");
                EidError::Invalid
            })?;
        // The level is what the provider confirmed, never what was asked for.
        let level = claims
            .auth_context_ref()
            .and_then(|acr| p.level_of(acr.as_str()))
            .ok_or(EidError::LevelTooLow)?;
        if level < pending.level {
            return Err(EidError::LevelTooLow);
        }
        Ok(Verified {
            provider: p.id.clone(),
            subject: claims.subject().as_str().to_owned(),
            level,
            confirmed: confirmed(claims),
        })
    }
}

/// What a provider's answer established.
#[derive(Debug, Clone)]
pub(crate) struct Verified {
    /// The provider's id.
    pub provider: String,
    /// The person's stable id there (`sub`).
    pub subject: String,
    /// The level confirmed.
    pub level: Level,
    /// What it confirmed about the person.
    pub confirmed: Confirmed,
}

// A same-site path to return to: starts with one `/`, no scheme, no backslash.
fn safe_return(path: &str, lang: contract::Lang) -> String {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.len() <= 500;
    if ok {
        path.to_owned()
    } else {
        format!("/{}/konto", lang.code())
    }
}

/// What the provider confirmed about the person.
#[derive(Debug, Clone, Default)]
pub(crate) struct Confirmed {
    /// The e-mail address, only where the provider says it is verified.
    pub email: Option<String>,
    profile: Answers,
    fields: Vec<String>,
}

impl Accounts {
    /// The configured identity providers.
    pub fn providers(&self) -> &Providers {
        &self.providers
    }

    /// Starts an eID sign-in at `provider` for at least `level`: the address of the
    /// provider's sign-in page to send the browser to.
    pub async fn start_eid(
        &self,
        session: &Session,
        provider: &str,
        level: Level,
        return_to: &str,
        lang: contract::Lang,
    ) -> Result<String, EidError> {
        self.providers
            .authorize(
                session,
                PENDING,
                provider,
                level,
                safe_return(return_to, lang),
                lang,
            )
            .await
    }

    /// The provider sent the browser back with `code` and `state` (or an `error`): checks
    /// everything, signs the person in and answers where to go next. On failure the address
    /// of the sign-in page with the reason.
    pub async fn finish_eid(
        &self,
        session: &Session,
        code: Option<&str>,
        state: Option<&str>,
        error: Option<&str>,
    ) -> Result<String, (EidError, String)> {
        let Some(pending) = Providers::take_pending(session, PENDING).await else {
            return Err((EidError::Invalid, "/de/konto/anmelden".into()));
        };
        let back = |e: EidError| (e, format!("/{}/konto/anmelden", pending.lang.code()));
        match self
            .finish_checked(session, &pending, code, state, error)
            .await
        {
            Ok(()) => Ok(pending.return_to.clone()),
            Err(e) => {
                tracing::info!(target: "schalter::security", event = "eid_sign_in_refused", provider = %pending.provider, reason = e.code(), "an eID sign-in was refused");
                Err(back(e))
            }
        }
    }

    async fn finish_checked(
        &self,
        session: &Session,
        pending: &Pending,
        code: Option<&str>,
        state: Option<&str>,
        error: Option<&str>,
    ) -> Result<(), EidError> {
        let verified = self.providers.verify(pending, code, state, error).await?;
        let account = self
            .link_or_create(
                session,
                &verified.provider,
                &verified.subject,
                verified.level,
                &verified.confirmed,
                pending.lang,
            )
            .await
            .map_err(|e| match e {
                LinkError::EmailTaken => EidError::EmailTaken,
                LinkError::Store(e) => {
                    tracing::error!(error = %e, "storing an eID sign-in failed");
                    EidError::ProviderUnavailable
                }
            })?;
        sessions::sign_in(session, &account, verified.level)
            .await
            .map_err(|_| EidError::Invalid)?;
        Ok(())
    }

    async fn link_or_create(
        &self,
        session: &Session,
        provider: &str,
        subject: &str,
        level: Level,
        confirmed: &Confirmed,
        lang: contract::Lang,
    ) -> Result<String, LinkError> {
        let db = &self.db;
        let linked: Option<String> = sqlx::query_scalar(
            "SELECT account FROM account_identities WHERE provider = $1 AND subject = $2",
        )
        .bind(provider)
        .bind(subject)
        .fetch_optional(db.pool())
        .await
        .map_err(|e| LinkError::Store(e.into()))?;
        let account = match linked {
            Some(a) => a,
            None => {
                let signed_in = sessions::signed_in(session).await.ok().flatten();
                let account = match signed_in {
                    // Connecting the eID to the account signed in.
                    Some(who) => who.account,
                    None => {
                        let id = uuid::Uuid::new_v4().to_string();
                        let email = confirmed.email.clone().unwrap_or_default();
                        let key = if email.is_empty() {
                            format!("eid:{provider}:{subject}")
                        } else {
                            store::email_key(&email)
                        };
                        match store::insert_eid(
                            db,
                            &id,
                            &email,
                            &key,
                            &confirmed.profile,
                            lang.code(),
                        )
                        .await
                        {
                            Ok(()) => id,
                            Err(StoreError::Conflict { .. }) => return Err(LinkError::EmailTaken),
                            Err(e) => return Err(LinkError::Store(e)),
                        }
                    }
                };
                sqlx::query(
                    "INSERT INTO account_identities (provider, subject, account, level, linked_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(provider)
                .bind(subject)
                .bind(&account)
                .bind(json!(level).as_str().unwrap_or("low"))
                .bind(now_millis())
                .execute(db.pool())
                .await
                .map_err(|e| LinkError::Store(e.into()))?;
                account
            }
        };
        store::confirm_profile(db, &account, &confirmed.profile, &confirmed.fields)
            .await
            .map_err(LinkError::Store)?;
        Ok(account)
    }
}

enum LinkError {
    EmailTaken,
    Store(StoreError),
}

/// Name, date of birth and address as the provider confirmed them, in the profile's shape;
/// only what passes the profile form's checks counts.
fn confirmed(claims: &openidconnect::core::CoreIdTokenClaims) -> Confirmed {
    let mut profile = Answers::new();
    let mut fields = Vec::new();
    let mut put = |k: &str, v: serde_json::Value| {
        profile.insert(k.to_owned(), v);
        fields.push(k.to_owned());
    };
    if let Some(n) = claims.given_name().and_then(|n| n.get(None)) {
        put("given_name", json!(n.as_str()));
    }
    if let Some(n) = claims.family_name().and_then(|n| n.get(None)) {
        put("family_name", json!(n.as_str()));
    }
    if let Some(d) = claims.birthdate() {
        put("birth_date", json!(d.as_str()));
    }
    if let Some(a) = claims.address() {
        let part = |v: Option<&str>| v.unwrap_or_default().to_owned();
        let street = part(a.street_address.as_ref().map(|s| s.as_str()));
        // "Bahnhofstrasse 1": the house number is the last word when it starts with a digit.
        let (street, number) = match street.rsplit_once(' ') {
            Some((s, n)) if n.starts_with(|c: char| c.is_ascii_digit()) => {
                (s.to_owned(), n.to_owned())
            }
            _ => (street, String::new()),
        };
        put(
            "address",
            json!({
                "street": street, "number": number,
                "postcode": part(a.postal_code.as_ref().map(|s| s.as_str())),
                "place": part(a.locality.as_ref().map(|s| s.as_str())),
                "country": part(a.country.as_ref().map(|s| s.as_str())).to_uppercase(),
            }),
        );
    }
    // Keep only what the profile form accepts.
    let form = profile_form();
    let ctx = contract::form::Context {
        today: crate::forms::today(),
    };
    let refused: Vec<String> = form
        .validate(&profile, &ctx)
        .into_iter()
        .filter(|e| e.code != contract::form::ErrorCode::Required)
        .map(|e| e.path.split('.').next().unwrap_or_default().to_owned())
        .collect();
    profile.retain(|k, _| !refused.contains(k));
    fields.retain(|k| !refused.contains(k));
    let email = claims
        .email()
        .filter(|_| claims.email_verified() == Some(true))
        .map(|e| e.as_str().to_owned());
    Confirmed {
        email,
        profile: form.clean_answers(&profile),
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_addresses_stay_on_the_portal() {
        let de = contract::Lang::De;
        assert_eq!(
            safe_return("/de/antrag/x/schritt", de),
            "/de/antrag/x/schritt"
        );
        for evil in [
            "//evil.example/",
            "https://evil.example",
            "/\\evil",
            "evil",
            "/a\nb",
        ] {
            assert_eq!(safe_return(evil, de), "/de/konto", "{evil:?}");
        }
    }

    #[test]
    fn levels_follow_the_providers_own_list() {
        let p = ProviderConfig {
            id: "agov".into(),
            name: "AGOV".into(),
            issuer: "http://127.0.0.2:9400".into(),
            client_id: "c".into(),
            client_secret: None,
            client_secret_env: None,
            scopes: default_scopes(),
            acr: [
                ("100", Level::Low),
                ("200", Level::Low),
                ("300", Level::Substantial),
                ("400", Level::High),
            ]
            .into_iter()
            .map(|(v, level)| AcrLevel {
                value: v.into(),
                level,
            })
            .collect(),
        };
        assert_eq!(p.acr_for(Level::Low), Some("100"));
        assert_eq!(p.acr_for(Level::Substantial), Some("300"));
        assert_eq!(p.level_of("200"), Some(Level::Low));
        assert_eq!(p.level_of("999"), None);
        assert_eq!(p.highest(), Some(Level::High));
    }
}
