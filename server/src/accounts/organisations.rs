//! Organisations: a citizen creates one (name, UID or Handelsregister number) and becomes its
//! admin, invites members by e-mail (a single-use link for the account with that address),
//! and the members apply for it; its applications are visible to its members and nobody else.

use contract::account::{
    AcceptInvitation, Invitation, NewOrganisation, OrgMember, OrgRole, Organisation, email_errors,
    organisation_errors,
};
use contract::submission::Receipt;

use super::data::DataError;
use super::mail::AccountMail;
use super::service::AccountError;
use super::store;
use crate::Core;
use crate::access::{Action, Actor, Resource};
use crate::submissions::{now_millis, sha256_tag};

/// How long an invitation's link works.
const INVITATION_MS: i64 = 7 * 24 * 3_600_000;

type Result<T> = std::result::Result<T, DataError>;

fn role_code(r: OrgRole) -> &'static str {
    match r {
        OrgRole::Admin => "admin",
        OrgRole::Member => "member",
    }
}

fn role_of(code: &str) -> OrgRole {
    if code == "admin" {
        OrgRole::Admin
    } else {
        OrgRole::Member
    }
}

/// The members of `org` as the policy sees them (account, admin?).
async fn members(core: &Core, org: &str) -> Result<Vec<(String, bool)>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT account, role FROM organisation_members WHERE organisation = $1")
            .bind(org)
            .fetch_all(core.db.pool())
            .await?;
    Ok(rows.into_iter().map(|(a, r)| (a, r == "admin")).collect())
}

/// Checks `action` on `org` for `actor` (an unknown organisation is not found).
async fn check(core: &Core, actor: &Actor, action: Action, org: &str) -> Result<()> {
    let members = members(core, org).await?;
    core.policy
        .check(actor, action, &Resource::Organisation { members: &members })
        .map_err(|d| match d {
            crate::access::Denial::NotFound => DataError::NotFound,
            other => DataError::Submission(other.into()),
        })
}

fn account_of(actor: &Actor) -> &str {
    match actor {
        Actor::Citizen(c) => &c.account,
        _ => "",
    }
}

/// Creates an organisation with the asker as its admin.
pub async fn create(core: &Core, account: &str, new: NewOrganisation) -> Result<Organisation> {
    let errors = organisation_errors(&new);
    if !errors.is_empty() {
        return Err(AccountError::Invalid(errors).into());
    }
    let mine: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organisation_members WHERE account = $1")
            .bind(account)
            .fetch_one(core.db.pool())
            .await?;
    if mine >= 20 {
        return Err(DataError::TooMany);
    }
    let id = uuid::Uuid::new_v4().to_string();
    let now = now_millis();
    let register = new
        .register_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let mut tx = core.db.pool().begin().await?;
    sqlx::query(
        "INSERT INTO organisations (id, name, register_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&id)
    .bind(new.name.trim())
    .bind(register)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO organisation_members (organisation, account, role, joined_at) \
         VALUES ($1, $2, 'admin', $3)",
    )
    .bind(&id)
    .bind(account)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Organisation {
        id,
        name: new.name.trim().to_owned(),
        register_id: register.map(str::to_owned),
        role: OrgRole::Admin,
        members: Vec::new(),
    })
}

/// The asker's organisations (without members).
pub async fn mine(core: &Core, account: &str) -> Result<Vec<Organisation>> {
    let rows: Vec<(String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT o.id, o.name, o.register_id, m.role FROM organisations o \
         JOIN organisation_members m ON m.organisation = o.id WHERE m.account = $1 ORDER BY o.name",
    )
    .bind(account)
    .fetch_all(core.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, register_id, role)| Organisation {
            id,
            name,
            register_id,
            role: role_of(&role),
            members: Vec::new(),
        })
        .collect())
}

/// One organisation with its members (for its members).
pub async fn get(core: &Core, actor: &Actor, org: &str) -> Result<Organisation> {
    check(core, actor, Action::ReadOrganisation, org).await?;
    let (name, register_id): (String, Option<String>) =
        sqlx::query_as("SELECT name, register_id FROM organisations WHERE id = $1")
            .bind(org)
            .fetch_one(core.db.pool())
            .await?;
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT account, role FROM organisation_members WHERE organisation = $1 ORDER BY joined_at",
    )
    .bind(org)
    .fetch_all(core.db.pool())
    .await?;
    let mut members = Vec::new();
    let mut role = OrgRole::Member;
    for (account, r) in rows {
        if account == account_of(actor) {
            role = role_of(&r);
        }
        let name = match store::by_id(&core.db, &account).await? {
            Some(row) => {
                let a = row.answers();
                let t = |k: &str| {
                    a.get(k)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_owned()
                };
                format!("{} {}", t("given_name"), t("family_name"))
                    .trim()
                    .to_owned()
            }
            None => continue,
        };
        members.push(OrgMember {
            id: account,
            name,
            role: role_of(&r),
        });
    }
    Ok(Organisation {
        id: org.to_owned(),
        name,
        register_id,
        role,
        members,
    })
}

/// Invites someone by e-mail (admins only): a link for the account with that address.
pub async fn invite(core: &Core, actor: &Actor, org: &str, inv: Invitation) -> Result<()> {
    check(core, actor, Action::ManageOrganisation, org).await?;
    let errors = email_errors(&inv.email, "email");
    if !errors.is_empty() {
        return Err(AccountError::Invalid(errors).into());
    }
    core.limits
        .hit_subject(crate::limits::Bucket::AccountEmail, &inv.email)
        .await?
        .map_err(AccountError::from)?;
    let token = store::random_token();
    let now = now_millis();
    sqlx::query(
        "INSERT INTO organisation_invitations (token_hash, organisation, email_key, role, \
         expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(sha256_tag(token.as_bytes()))
    .bind(org)
    .bind(store::email_key(&inv.email))
    .bind(role_code(inv.role))
    .bind(now + INVITATION_MS)
    .bind(now)
    .execute(core.db.pool())
    .await?;
    let name: String = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(org)
        .fetch_one(core.db.pool())
        .await?;
    core.accounts.notify(
        inv.email.trim(),
        inv.lang,
        AccountMail::Invitation {
            organisation: name,
            token,
        },
    );
    Ok(())
}

/// Accepts an invitation: the signed-in account must have the invited address.
pub async fn accept(core: &Core, account: &str, req: AcceptInvitation) -> Result<Organisation> {
    let row = store::by_id(&core.db, account)
        .await?
        .ok_or(AccountError::NotSignedIn)?;
    let hash = sha256_tag(req.token.trim().as_bytes());
    let now = now_millis();
    let found: Option<(String, String)> = sqlx::query_as(
        "SELECT organisation, role FROM organisation_invitations WHERE token_hash = $1 \
         AND email_key = $2 AND accepted_at IS NULL AND expires_at > $3",
    )
    .bind(&hash)
    .bind(store::email_key(&row.email))
    .bind(now)
    .fetch_optional(core.db.pool())
    .await?;
    let Some((org, role)) = found else {
        return Err(AccountError::InvalidLink.into());
    };
    let used = sqlx::query(
        "UPDATE organisation_invitations SET accepted_at = $2 WHERE token_hash = $1 \
         AND accepted_at IS NULL",
    )
    .bind(&hash)
    .bind(now)
    .execute(core.db.pool())
    .await?;
    if used.rows_affected() != 1 {
        return Err(AccountError::InvalidLink.into());
    }
    sqlx::query(
        "INSERT INTO organisation_members (organisation, account, role, joined_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (organisation, account) DO NOTHING",
    )
    .bind(&org)
    .bind(account)
    .bind(role)
    .bind(now)
    .execute(core.db.pool())
    .await?;
    let who = Actor::Citizen(crate::access::Citizen {
        account: account.to_owned(),
        assurance: contract::account::Level::Low,
    });
    get(core, &who, &org).await
}

/// Removes a member (admins; anyone may leave). The last admin cannot leave.
pub async fn remove(core: &Core, actor: &Actor, org: &str, member: &str) -> Result<()> {
    let leaving = member == account_of(actor);
    let action = if leaving {
        Action::ReadOrganisation
    } else {
        Action::ManageOrganisation
    };
    check(core, actor, action, org).await?;
    let members = members(core, org).await?;
    let Some((_, admin)) = members.iter().find(|(a, _)| a == member) else {
        return Err(DataError::NotFound);
    };
    if *admin && members.iter().filter(|(_, a)| *a).count() == 1 {
        return Err(DataError::Conflict);
    }
    sqlx::query("DELETE FROM organisation_members WHERE organisation = $1 AND account = $2")
        .bind(org)
        .bind(member)
        .execute(core.db.pool())
        .await?;
    Ok(())
}

/// The organisation's applications (for its members), newest first.
pub async fn applications(core: &Core, actor: &Actor, org: &str) -> Result<Vec<Receipt>> {
    check(core, actor, Action::ReadOrganisation, org).await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT submission_id FROM organisation_submissions WHERE organisation = $1 LIMIT 500",
    )
    .bind(org)
    .fetch_all(core.db.pool())
    .await?;
    super::data::receipts(core, ids).await
}

/// May `actor` apply for `org`? (Its members may.)
pub async fn may_apply_for(core: &Core, actor: &Actor, org: &str) -> Result<()> {
    check(core, actor, Action::ReadOrganisation, org).await
}
