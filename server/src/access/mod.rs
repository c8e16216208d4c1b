//! Who is asking, decided once per request, and what they may do, decided in one place.
//!
//! - [`Actor`]: the asker, extracted from the request ([`Actor::from_request_parts`]): anonymous,
//!   a citizen (Bürgerkonto, with an assurance level; sign-in arrives with the account module),
//!   the holder of a receipt's access token, or a staff member with roles at authorities.
//! - [`policy`]: the one module that answers "may this actor do this to that resource" for
//!   every endpoint. Services call it with the resource they loaded (a submission names its
//!   authority, an overlay its municipality), never with an id the client sent.
//! - [`staff`]: staff members, their roles and their API tokens (tables and `schalter staff`).

pub mod policy;
pub mod staff;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use crate::AppState;
use crate::error::AppError;

pub use policy::{Action, Denial, Policy, Resource};

/// How sure the portal is of a citizen's identity (low: self-registered; substantial and high:
/// an eID, its `acr` mapped per provider).
pub use contract::account::Level as Assurance;

/// A signed-in citizen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citizen {
    /// The account's id.
    pub account: String,
    /// How the citizen signed in.
    pub assurance: Assurance,
}

/// What a staff member may do at one authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Works the authority's cases.
    Clerk,
    /// Also manages the authority's staff, forms and settings.
    AuthorityAdmin,
    /// Runs the portal (on the authority `*`); sees no citizen's case by this role alone.
    PortalAdmin,
}

impl Role {
    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::AuthorityAdmin => "authority_admin",
            Role::PortalAdmin => "portal_admin",
        }
    }

    /// From its stored code.
    pub fn from_code(code: &str) -> Option<Role> {
        [Role::Clerk, Role::AuthorityAdmin, Role::PortalAdmin]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

/// A signed-in staff member with every role they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    /// The staff member's id.
    pub id: String,
    /// (authority id, role); `*` with [`Role::PortalAdmin`] for portal administrators.
    pub roles: Vec<(String, Role)>,
}

impl Staff {
    /// The role held at `authority`, if any.
    pub fn role_at(&self, authority: &str) -> Option<Role> {
        self.roles
            .iter()
            .filter(|(a, _)| a == authority)
            .map(|(_, r)| *r)
            .max()
    }

    /// Whether this is a portal administrator.
    pub fn is_portal_admin(&self) -> bool {
        self.role_at("*") == Some(Role::PortalAdmin)
    }
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// No credentials.
    Anonymous,
    /// A signed-in citizen.
    Citizen(Citizen),
    /// Someone who shows a receipt's access token (`Authorization: Bearer …`). Which receipt it
    /// opens is decided by the policy against the submission asked for.
    ReceiptHolder(ReceiptToken),
    /// A staff member.
    Staff(Staff),
}

/// A receipt's access token as shown, not yet checked against a submission.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptToken(pub String);

impl std::fmt::Debug for ReceiptToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReceiptToken(…)")
    }
}

impl Actor {
    /// A short label for logs and history entries (never a secret).
    pub fn label(&self) -> String {
        match self {
            Actor::Anonymous => "anonymous".into(),
            Actor::Citizen(c) => format!("citizen:{}", c.account),
            Actor::ReceiptHolder(_) => "citizen".into(),
            Actor::Staff(s) => format!("staff:{}", s.id),
        }
    }
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = AppError;

    /// Reads `Authorization`. No header is the citizen signed in on the session cookie, if
    /// any (the idle timeout starts again), else [`Actor::Anonymous`]; a staff token is looked up
    /// (unknown, expired or revoked: 401 `invalid_token`, logged as a security event); any other
    /// bearer token is a receipt token for the policy to check.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Actor, AppError> {
        if let Some(actor) = parts.extensions.get::<Actor>() {
            return Ok(actor.clone());
        }
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            let actor = match parts.extensions.get::<tower_sessions::Session>() {
                Some(session) => citizen(state, session).await?,
                None => Actor::Anonymous,
            };
            parts.extensions.insert(actor.clone());
            return Ok(actor);
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                let (scheme, rest) = v.split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .filter(|t| !t.is_empty() && t.len() <= 200)
            .ok_or_else(|| {
                tracing::warn!(target: "schalter::security", event = "malformed_authorization", "an Authorization header that is not a bearer token");
                AppError::invalid_token()
            })?;
        let actor = if staff::is_staff_token(token) {
            match staff::by_token(&state.db, token).await? {
                Some(s) => Actor::Staff(s),
                None => {
                    tracing::warn!(target: "schalter::security", event = "staff_token_rejected", "an unknown, expired or revoked staff token");
                    return Err(AppError::invalid_token());
                }
            }
        } else {
            Actor::ReceiptHolder(ReceiptToken(token.to_owned()))
        };
        parts.extensions.insert(actor.clone());
        Ok(actor)
    }
}

/// The staff member or citizen signed in on `session`, or anonymous.
async fn citizen(state: &AppState, session: &tower_sessions::Session) -> Result<Actor, AppError> {
    if let Some(staff) = crate::staff::current(state, session).await? {
        return Ok(Actor::Staff(staff));
    }
    let accounts = &state.accounts;
    let Some(who) = accounts.current(session).await.map_err(AppError::from)? else {
        return Ok(Actor::Anonymous);
    };
    crate::accounts::sessions::touch(session, who.clone(), accounts.touch_every())
        .await
        .map_err(|e| AppError::internal(anyhow::anyhow!("session: {e}")))?;
    Ok(Actor::Citizen(Citizen {
        account: who.account,
        assurance: who.level,
    }))
}
