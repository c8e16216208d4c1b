//! What an authority's administrators manage besides its settings: its staff and their roles,
//! the services its municipality offers, and its office's contact and opening hours. Every
//! change joins the authority's audit chain.

use contract::Lang;
use contract::authority::{
    AuthorityContact, Hours, LocalService, LocalServices, MAX_CONTACT_CHARS, MAX_HOURS_CHARS,
    MAX_NAME_CHARS, OfficeContact, TeamMember, TeamMemberAdd,
};
use contract::cases::StaffRole;
use contract::form::{ErrorCode, FieldError};

use super::local;
use crate::Core;
use crate::access::{Action, Actor, Denial, Resource, Role, staff};
use crate::cases::audit;
use crate::catalogue::service::{LookupError, MAX_ID_CHARS, bounded};
use crate::db::StoreError;
use crate::submissions::now_rfc3339;
use catalog::directory::Office;
use catalog::places::PlaceKind;

/// Why an administration request failed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// A malformed id.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The policy refused.
    #[error("access denied: {0:?}")]
    Denied(Denial),
    /// Fields that do not pass.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// No such authority, member or service here.
    #[error("not found")]
    NotFound,
    /// An administrator changing or removing their own role.
    #[error("one's own role")]
    OwnRole,
    /// An invitation for a member who signs in with a password already (or is disabled).
    #[error("set up already")]
    SetUpAlready,
    /// A body over its bound, in bytes.
    #[error("too large")]
    TooLarge(usize),
    /// Someone published another overlay revision meanwhile.
    #[error("changed meanwhile")]
    Stale,
    /// An overlay that does not apply cleanly or leaves a form with problems.
    #[error("cannot be published: {0:?}")]
    Unpublishable(Vec<String>),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Denial> for AdminError {
    fn from(d: Denial) -> Self {
        AdminError::Denied(d)
    }
}

impl From<sqlx::Error> for AdminError {
    fn from(e: sqlx::Error) -> Self {
        AdminError::Store(e.into())
    }
}

type Result<T> = std::result::Result<T, AdminError>;

/// What an authority id names.
enum Kind {
    /// A municipality (its own administration).
    Municipality,
    /// Another place (district, canton, Land) or an office.
    Other,
}

/// Checks that `actor` administers `authority` and that it exists.
fn admin(core: &Core, actor: &Actor, authority: &str) -> Result<Kind> {
    bounded("id", authority, MAX_ID_CHARS)?;
    core.policy.check(
        actor,
        Action::ManageAuthority,
        &Resource::Authority { id: authority },
    )?;
    let cat = core.catalogue.get();
    match cat.directory.place(authority) {
        Some(p) if p.kind == PlaceKind::Municipality => Ok(Kind::Municipality),
        Some(_) => Ok(Kind::Other),
        None if cat.directory.office(authority).is_some() => Ok(Kind::Other),
        None => Err(AdminError::NotFound),
    }
}

async fn log(
    core: &Core,
    actor: &Actor,
    authority: &str,
    action: &str,
    detail: &str,
) -> Result<()> {
    audit::record(
        &core.db,
        &audit::Record {
            authority,
            actor: &actor.label(),
            action,
            reference: None,
            detail,
        },
    )
    .await?;
    Ok(())
}

fn role_in(role: StaffRole) -> Result<Role> {
    match role {
        StaffRole::Clerk => Ok(Role::Clerk),
        StaffRole::AuthorityAdmin => Ok(Role::AuthorityAdmin),
        // Portal administrators are made with `schalter staff create`, never here.
        StaffRole::PortalAdmin => Err(AdminError::Invalid(vec![FieldError::new(
            "role",
            ErrorCode::InvalidChoice,
        )])),
    }
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: String,
    name: String,
    email: String,
    role: String,
    password_hash: Option<String>,
    totp_secret: Option<String>,
    disabled_at: Option<String>,
    provider: Option<String>,
    invited_until: Option<i64>,
}

const MEMBERS: &str = "SELECT m.id, m.name, m.email, r.role, m.password_hash, m.totp_secret, \
     m.disabled_at, (SELECT MIN(i.provider) FROM staff_identities i WHERE i.staff_id = m.id) \
     AS provider, (SELECT MAX(v.expires_at) FROM staff_invitations v WHERE v.staff_id = m.id \
     AND v.used_at IS NULL) AS invited_until FROM staff_roles r JOIN staff_members m ON m.id = r.staff_id \
     WHERE r.authority_id = $1";

fn member_out(r: MemberRow) -> Result<TeamMember> {
    let role = Role::from_code(&r.role)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown staff role {:?}", r.role)))?;
    let password_sign_in = r.password_hash.is_some() && r.totp_secret.is_some();
    Ok(TeamMember {
        id: r.id,
        name: r.name,
        email: r.email,
        role: crate::staff::role_out(role),
        password_sign_in,
        organisation_sign_in: r.provider.is_some(),
        disabled: r.disabled_at.is_some(),
        invited_until: r
            .invited_until
            .filter(|until| *until > crate::submissions::now_millis() && !password_sign_in),
    })
}

/// The authority's staff, by name.
pub async fn team(core: &Core, actor: &Actor, authority: &str) -> Result<Vec<TeamMember>> {
    admin(core, actor, authority)?;
    let rows: Vec<MemberRow> = sqlx::query_as(&format!("{MEMBERS} ORDER BY m.name, m.email"))
        .bind(authority)
        .fetch_all(core.db.pool())
        .await?;
    rows.into_iter().map(member_out).collect()
}

async fn one(core: &Core, authority: &str, staff_id: &str) -> Result<TeamMember> {
    let row: Option<MemberRow> = sqlx::query_as(&format!("{MEMBERS} AND m.id = $2"))
        .bind(authority)
        .bind(staff_id)
        .fetch_optional(core.db.pool())
        .await?;
    member_out(row.ok_or(AdminError::NotFound)?)
}

/// Adds a member: a new staff member, or a known address given a role here (their name stays
/// as it is). They sign in through the organisation's provider, or with password and
/// authenticator app once `schalter staff password|totp` set them up.
pub async fn add_member(
    core: &Core,
    actor: &Actor,
    authority: &str,
    req: &TeamMemberAdd,
    lang: Lang,
) -> Result<TeamMember> {
    admin(core, actor, authority)?;
    let mut errors = Vec::new();
    let name = req.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", ErrorCode::Required));
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError::new("name", ErrorCode::TooLong).limit(MAX_NAME_CHARS));
    } else if name.chars().any(char::is_control) {
        errors.push(FieldError::new("name", ErrorCode::InvalidCharacter));
    }
    errors.extend(contract::account::email_errors(&req.email, "email"));
    let role = match role_in(req.role) {
        Ok(r) => Some(r),
        Err(AdminError::Invalid(e)) => {
            errors.extend(e);
            None
        }
        Err(e) => return Err(e),
    };
    if !errors.is_empty() {
        return Err(AdminError::Invalid(errors));
    }
    let role = role.expect("no errors, so a role");
    let email = req.email.trim().to_lowercase();
    let member = match staff::create(&core.db, name, &email).await? {
        Some(m) => m,
        None => staff::by_email(&core.db, &email)
            .await?
            .ok_or(AdminError::NotFound)?,
    };
    if member.id == own_id(actor) {
        return Err(AdminError::OwnRole);
    }
    staff::grant(&core.db, &member.id, authority, role).await?;
    log(
        core,
        actor,
        authority,
        "staff_role",
        &format!("{} → {}", member.email, role.code()),
    )
    .await?;
    let added = one(core, authority, &member.id).await?;
    if req.invite && !added.password_sign_in && !added.disabled {
        return invite_member(core, actor, authority, &member.id, lang).await;
    }
    Ok(added)
}

/// E-mails a member an invitation to set up password and authenticator app (again: an
/// earlier link stops working). Refused for a member who can sign in with a password already
/// or is disabled: an administrator never resets a colleague's credentials.
pub async fn invite_member(
    core: &Core,
    actor: &Actor,
    authority: &str,
    staff_id: &str,
    lang: Lang,
) -> Result<TeamMember> {
    admin(core, actor, authority)?;
    let member = one(core, authority, staff_id).await?;
    if member.password_sign_in || member.disabled {
        return Err(AdminError::SetUpAlready);
    }
    let name = crate::staff::authority_name(core, authority, lang);
    crate::staff::invite::send(core, staff_id, &member.email, &name, own_id(actor), lang).await?;
    log(core, actor, authority, "staff_invited", &member.email).await?;
    one(core, authority, staff_id).await
}

fn own_id(actor: &Actor) -> &str {
    match actor {
        Actor::Staff(s) => &s.id,
        _ => "",
    }
}

/// Changes a member's role here.
pub async fn change_role(
    core: &Core,
    actor: &Actor,
    authority: &str,
    staff_id: &str,
    role: StaffRole,
) -> Result<TeamMember> {
    admin(core, actor, authority)?;
    let role = role_in(role)?;
    let before = one(core, authority, staff_id).await?;
    if staff_id == own_id(actor) {
        return Err(AdminError::OwnRole);
    }
    staff::grant(&core.db, staff_id, authority, role).await?;
    log(
        core,
        actor,
        authority,
        "staff_role",
        &format!("{} → {}", before.email, role.code()),
    )
    .await?;
    one(core, authority, staff_id).await
}

/// Removes a member's role here (their roles elsewhere stay); effective at their next request.
pub async fn remove_member(
    core: &Core,
    actor: &Actor,
    authority: &str,
    staff_id: &str,
) -> Result<()> {
    admin(core, actor, authority)?;
    let before = one(core, authority, staff_id).await?;
    if staff_id == own_id(actor) {
        return Err(AdminError::OwnRole);
    }
    sqlx::query("DELETE FROM staff_roles WHERE staff_id = $1 AND authority_id = $2")
        .bind(staff_id)
        .bind(authority)
        .execute(core.db.pool())
        .await?;
    log(core, actor, authority, "staff_removed", &before.email).await
}

/// The services the catalogue has the municipality responsible for, each with whether it is
/// offered; nothing for an authority that is no municipality.
pub async fn services(
    core: &Core,
    actor: &Actor,
    authority: &str,
    lang: Lang,
) -> Result<LocalServices> {
    let kind = admin(core, actor, authority)?;
    let services = match kind {
        Kind::Municipality => own_services(core, authority, lang).await?,
        Kind::Other => Vec::new(),
    };
    Ok(LocalServices {
        authority: authority.to_owned(),
        services,
    })
}

/// Checks that `actor` administers `authority` and that it is a municipality (services and
/// forms are a municipality's to adapt).
pub fn municipality_admin(core: &Core, actor: &Actor, authority: &str) -> Result<()> {
    match admin(core, actor, authority)? {
        Kind::Municipality => Ok(()),
        Kind::Other => Err(AdminError::NotFound),
    }
}

/// The services the catalogue makes `municipality` itself responsible for, by title.
pub async fn own_services(
    core: &Core,
    municipality: &str,
    lang: Lang,
) -> Result<Vec<LocalService>> {
    let off = local::switched_off(&core.db, municipality).await?;
    let cat = core.catalogue.get();
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<LocalService> = cat
        .index
        .services()
        .iter()
        .filter(|s| {
            cat.directory
                .responsible(&s.id, s.country, municipality)
                .is_some_and(|r| r.place.id == municipality)
        })
        .filter(|s| seen.insert(s.id.clone()))
        .map(|s| LocalService {
            id: s.id.clone(),
            title: s.title.get_or_de(lang).0.to_owned(),
            offered: !off.contains(&s.id),
            online: cat.form_for(s, Some(municipality)).is_some(),
        })
        .collect();
    out.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// Switches a service of the municipality on or off: off, it is not found in the
/// municipality's search, its page says it is not offered there and no application is accepted.
pub async fn switch_service(
    core: &Core,
    actor: &Actor,
    authority: &str,
    service_id: &str,
    offered: bool,
    lang: Lang,
) -> Result<LocalService> {
    bounded("service", service_id, MAX_ID_CHARS)?;
    let Kind::Municipality = admin(core, actor, authority)? else {
        return Err(AdminError::NotFound);
    };
    let list = own_services(core, authority, lang).await?;
    let mut service = list
        .into_iter()
        .find(|s| s.id == service_id)
        .ok_or(AdminError::NotFound)?;
    if offered {
        sqlx::query(
            "DELETE FROM municipal_services_off WHERE municipality = $1 AND service_id = $2",
        )
        .bind(authority)
        .bind(service_id)
        .execute(core.db.pool())
        .await?;
    } else {
        sqlx::query(
            "INSERT INTO municipal_services_off (municipality, service_id, changed_at, changed_by) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (municipality, service_id) DO NOTHING",
        )
        .bind(authority)
        .bind(service_id)
        .bind(now_rfc3339())
        .bind(actor.label())
        .execute(core.db.pool())
        .await?;
    }
    local::changed(&core.db, &core.catalogue.get()).await?;
    if service.offered != offered {
        log(
            core,
            actor,
            authority,
            if offered { "service_on" } else { "service_off" },
            service_id,
        )
        .await?;
    }
    service.offered = offered;
    Ok(service)
}

/// The office whose contact an authority keeps: a place's own administration, or the office.
fn office_of(authority: &str) -> (String, String) {
    (Office::admin_id(authority), authority.to_owned())
}

/// The authority's office contact: what it keeps, else what was imported.
pub async fn contact(
    core: &Core,
    actor: &Actor,
    authority: &str,
    lang: Lang,
) -> Result<AuthorityContact> {
    admin(core, actor, authority)?;
    let (office_id, place_id) = office_ids(core, authority);
    let kept = local::contact(&core.db, &office_id).await?;
    let cat = core.catalogue.get();
    let imported = cat.directory.office(&office_id);
    let name = imported
        .map(|o| o.name.get_or_de(lang).0.to_owned())
        .unwrap_or_else(|| crate::staff::authority_name(core, &place_id, lang));
    let contact = kept.unwrap_or_else(|| OfficeContact {
        phone: imported.and_then(|o| o.phone.clone()).unwrap_or_default(),
        email: imported.and_then(|o| o.email.clone()).unwrap_or_default(),
        website: imported.and_then(|o| o.website.clone()).unwrap_or_default(),
        opening_hours: imported
            .and_then(|o| o.opening_hours.as_ref())
            .map(|h| Hours {
                de: h.de.clone(),
                fr: h.fr.clone().unwrap_or_default(),
                it: h.it.clone().unwrap_or_default(),
                en: h.en.clone().unwrap_or_default(),
            })
            .unwrap_or_default(),
    });
    Ok(AuthorityContact {
        office: name,
        contact,
    })
}

/// The office id and the place that runs it, for an authority id.
fn office_ids(core: &Core, authority: &str) -> (String, String) {
    let cat = core.catalogue.get();
    match cat.directory.office(authority) {
        Some(o) => (o.id.clone(), o.place_id.clone()),
        None => office_of(authority),
    }
}

fn contact_errors(c: &OfficeContact) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut bound = |path: &str, v: &str, max: usize| {
        if v.chars().count() > max {
            errors.push(FieldError::new(path, ErrorCode::TooLong).limit(max));
        } else if v.chars().any(|c| c.is_control() && c != '\n') {
            errors.push(FieldError::new(path, ErrorCode::InvalidCharacter));
        }
    };
    bound("phone", &c.phone, MAX_CONTACT_CHARS);
    bound("email", &c.email, MAX_CONTACT_CHARS);
    bound("website", &c.website, MAX_CONTACT_CHARS);
    for (lang, text) in [
        ("de", &c.opening_hours.de),
        ("fr", &c.opening_hours.fr),
        ("it", &c.opening_hours.it),
        ("en", &c.opening_hours.en),
    ] {
        bound(&format!("opening_hours.{lang}"), text, MAX_HOURS_CHARS);
    }
    if !c.email.trim().is_empty() && !errors.iter().any(|e| e.path == "email") {
        errors.extend(contract::account::email_errors(&c.email, "email"));
    }
    let site = c.website.trim();
    if !site.is_empty() && !errors.iter().any(|e| e.path == "website") {
        let ok = site.strip_prefix("https://").is_some_and(|rest| {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            host.contains('.')
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:".contains(c))
                && !rest.chars().any(char::is_whitespace)
        });
        if !ok {
            errors.push(FieldError::new("website", ErrorCode::InvalidUrl));
        }
    }
    let phone = c.phone.trim();
    if !phone.is_empty()
        && !errors.iter().any(|e| e.path == "phone")
        && !contract::form::checks::phone_ok(phone)
    {
        errors.push(FieldError::new("phone", ErrorCode::InvalidPhone));
    }
    errors
}

/// Keeps the authority's office contact; the service pages show it at once.
pub async fn set_contact(
    core: &Core,
    actor: &Actor,
    authority: &str,
    c: &OfficeContact,
    lang: Lang,
) -> Result<AuthorityContact> {
    admin(core, actor, authority)?;
    let errors = contact_errors(c);
    if !errors.is_empty() {
        return Err(AdminError::Invalid(errors));
    }
    let (office_id, place_id) = office_ids(core, authority);
    let text = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
    let hours = Hours {
        de: c.opening_hours.de.trim().to_owned(),
        fr: c.opening_hours.fr.trim().to_owned(),
        it: c.opening_hours.it.trim().to_owned(),
        en: c.opening_hours.en.trim().to_owned(),
    };
    sqlx::query(
        "INSERT INTO office_contacts (office_id, place_id, phone, email, website, opening_hours, \
         changed_at, changed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (office_id) DO UPDATE SET place_id = excluded.place_id, phone = excluded.phone, \
         email = excluded.email, website = excluded.website, \
         opening_hours = excluded.opening_hours, changed_at = excluded.changed_at, \
         changed_by = excluded.changed_by",
    )
    .bind(&office_id)
    .bind(&place_id)
    .bind(text(&c.phone))
    .bind(text(&c.email))
    .bind(text(&c.website))
    .bind(serde_json::to_string(&hours).map_err(|e| StoreError::Corrupt(e.to_string()))?)
    .bind(now_rfc3339())
    .bind(actor.label())
    .execute(core.db.pool())
    .await?;
    local::changed(&core.db, &core.catalogue.get()).await?;
    log(core, actor, authority, "contact", &office_id).await?;
    contact(core, actor, authority, lang).await
}

/// The account the authority's invoices are paid to, if its administrators set one.
pub async fn creditor(
    core: &Core,
    actor: &Actor,
    authority: &str,
) -> Result<Option<contract::payment::CreditorAccount>> {
    admin(core, actor, authority)?;
    Ok(stored_creditor(core, authority).await?)
}

/// The account kept for `authority` (no access check: the receipt of any of its submissions
/// names it).
pub async fn stored_creditor(
    core: &Core,
    authority: &str,
) -> std::result::Result<Option<contract::payment::CreditorAccount>, StoreError> {
    stored_creditor_in(&mut *core.db.pool().acquire().await?, authority).await
}

/// [`stored_creditor`] on a connection of the caller's (a submission's transaction).
pub async fn stored_creditor_in(
    conn: &mut sqlx::AnyConnection,
    authority: &str,
) -> std::result::Result<Option<contract::payment::CreditorAccount>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        iban: String,
        bic: String,
        name: String,
        street: String,
        building: String,
        postcode: String,
        town: String,
        country: String,
        reference_prefix: String,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT iban, bic, name, street, building, postcode, town, country, reference_prefix \
         FROM authority_creditors WHERE authority_id = $1",
    )
    .bind(authority)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| contract::payment::CreditorAccount {
        iban: r.iban,
        bic: r.bic,
        name: r.name,
        street: r.street,
        building: r.building,
        postcode: r.postcode,
        town: r.town,
        country: r.country,
        reference_prefix: r.reference_prefix,
    }))
}

/// Sets the account the authority's invoices are paid to (audited).
pub async fn set_creditor(
    core: &Core,
    actor: &Actor,
    authority: &str,
    account: &contract::payment::CreditorAccount,
) -> Result<contract::payment::CreditorAccount> {
    admin(core, actor, authority)?;
    let a = store_creditor(&core.db, authority, account, &actor.label()).await?;
    log(core, actor, authority, "creditor", &a.iban).await?;
    Ok(a)
}

/// Keeps `account` for `authority` once it passes its checks (the same the browser runs);
/// slips issued before keep theirs. No access check (the caller's, or the operator's command
/// line).
pub async fn store_creditor(
    db: &crate::db::Db,
    authority: &str,
    account: &contract::payment::CreditorAccount,
    changed_by: &str,
) -> Result<contract::payment::CreditorAccount> {
    let errors = account.errors();
    if !errors.is_empty() {
        return Err(AdminError::Invalid(errors));
    }
    let a = account.normalised();
    sqlx::query(
        "INSERT INTO authority_creditors (authority_id, iban, bic, name, street, building, postcode, \
         town, country, changed_at, changed_by, reference_prefix) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (authority_id) DO UPDATE SET iban = excluded.iban, bic = excluded.bic, \
         name = excluded.name, street = excluded.street, building = excluded.building, \
         postcode = excluded.postcode, town = excluded.town, country = excluded.country, \
         changed_at = excluded.changed_at, changed_by = excluded.changed_by, \
         reference_prefix = excluded.reference_prefix",
    )
    .bind(authority)
    .bind(&a.iban)
    .bind(&a.bic)
    .bind(&a.name)
    .bind(&a.street)
    .bind(&a.building)
    .bind(&a.postcode)
    .bind(&a.town)
    .bind(&a.country)
    .bind(now_rfc3339())
    .bind(changed_by)
    .bind(&a.reference_prefix)
    .execute(db.pool())
    .await?;
    Ok(a)
}
