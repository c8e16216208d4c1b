//! The access matrix: every route of the router × every kind of actor that exists today, with
//! the answer each must get. The routes are enumerated from the OpenAPI document (the API
//! router is built through it) and the list of the other routes, so a new route without a row
//! here fails this test. Every refusal must be the API's JSON error.

use crate::common;

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{
    SCHMOELLN, TestApp, Which, body_bytes, dog_answers, dog_form_version, dog_submission,
    submit_with_attachment,
};
use server::access::{Role, staff};

/// The kinds of actor that exist today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    /// No credentials.
    Anonymous,
    /// The token of the receipt asked about.
    Holder,
    /// The token of another receipt.
    OtherHolder,
    /// A clerk of the authority the submission went to (and of Schmölln, whose overlay it is).
    Clerk,
    /// An administrator of that authority (and of Schmölln).
    AuthorityAdmin,
    /// An authority admin of another authority.
    OtherStaff,
    /// A clerk of another authority (signed in to clerk mode with password and code).
    OtherClerk,
    /// A portal administrator.
    PortalAdmin,
    /// A staff token that was revoked.
    RevokedStaff,
    /// A signed-in citizen (Bürgerkonto session cookie).
    Citizen,
    /// Another signed-in citizen (a member of no organisation).
    OtherCitizen,
    /// A citizen who is a member (not an admin) of the organisation `Citizen` administers.
    OrgMember,
}

const EVERYONE: [Who; 12] = [
    Who::Anonymous,
    Who::Holder,
    Who::OtherHolder,
    Who::Clerk,
    Who::AuthorityAdmin,
    Who::OtherStaff,
    Who::OtherClerk,
    Who::PortalAdmin,
    Who::RevokedStaff,
    Who::Citizen,
    Who::OtherCitizen,
    Who::OrgMember,
];

/// One route's request and the statuses expected per actor.
struct Row {
    method: &'static str,
    uri: String,
    body: Option<(String, Vec<u8>)>,
    headers: Vec<(&'static str, String)>,
    expect: fn(Who) -> u16,
    /// Sign-in attempts: each actor tries another address (the per-address throttle would
    /// otherwise answer the eleventh).
    own_email: bool,
}

/// Open to everyone; a revoked token is refused wherever it is shown.
fn public(who: Who) -> u16 {
    if who == Who::RevokedStaff { 401 } else { 200 }
}

fn public_created(who: Who) -> u16 {
    if who == Who::RevokedStaff { 401 } else { 201 }
}

/// A submission: its receipt holder and its authority's clerks; 401 without credentials; 404
/// for everyone else, as for an unknown reference.
fn submission(who: Who) -> u16 {
    match who {
        Who::Holder | Who::Clerk | Who::AuthorityAdmin => 200,
        Who::Anonymous | Who::RevokedStaff => 401,
        Who::OtherHolder | Who::OtherStaff | Who::OtherClerk | Who::PortalAdmin => 404,
        Who::Citizen | Who::OtherCitizen | Who::OrgMember => 404,
    }
}

/// Starting to pay a submission's fee: whoever may read it (the matrix's assistance dog is
/// exempt, so those let through hear 409 `nothing_to_pay`).
fn pay_fee(who: Who) -> u16 {
    match submission(who) {
        200 => 409,
        other => other,
    }
}

/// Routes that take no credentials, where nothing is found for anyone: an unknown payment
/// attempt, a provider that is not configured.
fn nowhere(_: Who) -> u16 {
    404
}

/// Writing to the Postfach of a submission: whoever may read it.
fn submission_created(who: Who) -> u16 {
    match submission(who) {
        200 => 201,
        other => other,
    }
}

/// Replacing the receipt token: the holder, then the authority's staff. The holder goes first
/// (actors go in order); once it is replaced, the holder's old token opens nothing.
fn renew(who: Who) -> u16 {
    match who {
        Who::Holder | Who::Clerk | Who::AuthorityAdmin => 200,
        Who::Anonymous | Who::RevokedStaff => 401,
        Who::OtherHolder | Who::OtherStaff | Who::OtherClerk | Who::PortalAdmin => 404,
        Who::Citizen | Who::OtherCitizen | Who::OrgMember => 404,
    }
}

/// Staff of the municipality and portal admins; 401 without credentials, 403 for the rest.
fn municipal_staff(who: Who) -> u16 {
    match who {
        Who::Clerk | Who::AuthorityAdmin | Who::PortalAdmin => 200,
        Who::Anonymous | Who::RevokedStaff => 401,
        Who::Holder | Who::OtherHolder | Who::OtherStaff | Who::OtherClerk => 403,
        Who::Citizen | Who::OtherCitizen | Who::OrgMember => 403,
    }
}

/// The authority's administrators and portal administrators; 401 without credentials, 403 for
/// the rest (its clerks included).
fn authority_admins(who: Who) -> u16 {
    match who {
        Who::AuthorityAdmin | Who::PortalAdmin => 200,
        Who::Anonymous | Who::RevokedStaff => 401,
        Who::Holder | Who::OtherHolder | Who::Clerk | Who::OtherStaff | Who::OtherClerk => 403,
        Who::Citizen | Who::OtherCitizen | Who::OrgMember => 403,
    }
}

/// The same where the admins' answer is `ok`.
fn authority_admins_with(who: Who, ok: u16) -> u16 {
    match authority_admins(who) {
        200 => ok,
        other => other,
    }
}

fn authority_admins_created(who: Who) -> u16 {
    authority_admins_with(who, 201)
}

/// The admins asking for something that is not there (a member who is not theirs).
fn authority_admins_not_found(who: Who) -> u16 {
    authority_admins_with(who, 404)
}

/// The admins publishing over a revision that is not the one in force (refused after access
/// was granted; nothing changes).
fn authority_admins_conflict(who: Who) -> u16 {
    authority_admins_with(who, 409)
}

/// A citizen's own account (each citizen reaches only their own: the routes name no account);
/// `ok` is the owner's answer. Without a session 401, staff 403.
fn account(who: Who, ok: u16) -> u16 {
    match who {
        Who::Citizen | Who::OtherCitizen | Who::OrgMember => ok,
        Who::Anonymous | Who::Holder | Who::OtherHolder | Who::RevokedStaff => 401,
        Who::Clerk | Who::AuthorityAdmin | Who::OtherStaff | Who::OtherClerk | Who::PortalAdmin => {
            403
        }
    }
}

fn account_read(who: Who) -> u16 {
    account(who, 200)
}

/// Something that is not in the asker's own account (a draft key, a token that opens nothing).
fn account_not_found(who: Who) -> u16 {
    account(who, 404)
}

fn account_created(who: Who) -> u16 {
    account(who, 201)
}

fn account_bad_link(who: Who) -> u16 {
    account(who, 400)
}

/// An organisation: its members; a citizen outside it finds nothing.
fn org_members(who: Who) -> u16 {
    match who {
        Who::Citizen | Who::OrgMember => 200,
        Who::OtherCitizen => 404,
        other => account(other, 0),
    }
}

/// Managing an organisation: its admins; a member is refused, an outsider finds nothing.
fn org_admins(who: Who) -> u16 {
    match who {
        Who::Citizen => 202,
        Who::OrgMember => 403,
        Who::OtherCitizen => 404,
        other => account(other, 0),
    }
}

/// Removing a member who does not exist: the admin is told so, a member may not, an outsider
/// finds nothing.
fn org_remove_nobody(who: Who) -> u16 {
    match who {
        Who::Citizen => 404,
        Who::OrgMember => 403,
        Who::OtherCitizen => 404,
        other => account(other, 0),
    }
}

/// Changes sent with a wrong password: past the door, refused by the service (422).
fn account_checked(who: Who) -> u16 {
    account(who, 422)
}

/// Open to everyone with the same answer (`status`); a revoked staff token is refused.
fn open(who: Who, status: u16) -> u16 {
    if who == Who::RevokedStaff {
        401
    } else {
        status
    }
}

fn open_no_content(who: Who) -> u16 {
    open(who, 204)
}

fn open_not_found(who: Who) -> u16 {
    open(who, 404)
}

/// The eID callback sends every browser on (to the sign-in page when nothing was started).
fn open_see_other(who: Who) -> u16 {
    open(who, 303)
}

fn open_invalid(who: Who) -> u16 {
    open(who, 422)
}

fn open_bad_link(who: Who) -> u16 {
    open(who, 400)
}

fn open_wrong_credentials(who: Who) -> u16 {
    open(who, 401)
}

/// Clerk mode's inbox: any staff member (each sees their own authorities' cases only); 401
/// without staff credentials, 403 for citizens.
fn staff_inbox(who: Who) -> u16 {
    match who {
        Who::Clerk | Who::AuthorityAdmin | Who::OtherStaff | Who::OtherClerk | Who::PortalAdmin => {
            200
        }
        Who::Anonymous | Who::RevokedStaff | Who::Holder | Who::OtherHolder => 401,
        Who::Citizen | Who::OtherCitizen | Who::OrgMember => 403,
    }
}

/// A case in clerk mode: the staff of its authority get `ok`; other staff 404 as for an
/// unknown reference; 401 without staff credentials; citizens 403.
fn staff_case(who: Who, ok: u16) -> u16 {
    match who {
        Who::Clerk | Who::AuthorityAdmin => ok,
        Who::OtherStaff | Who::OtherClerk | Who::PortalAdmin => 404,
        other => staff_inbox(other),
    }
}

/// An authority's own records (its audit chain): its clerks and admins; other staff 403.
fn staff_authority(who: Who) -> u16 {
    match who {
        Who::Clerk | Who::AuthorityAdmin => 200,
        Who::OtherStaff | Who::OtherClerk | Who::PortalAdmin => 403,
        other => staff_inbox(other),
    }
}

fn staff_case_read(who: Who) -> u16 {
    staff_case(who, 200)
}

fn staff_case_created(who: Who) -> u16 {
    staff_case(who, 201)
}

/// A change whose body the case's staff get refused on its merits (after access was granted).
fn staff_case_checked(who: Who) -> u16 {
    staff_case(who, 422)
}

/// A case's payment (refund, marked paid): its authority's staff; the matrix's assistance dog
/// is exempt, so they hear 409 `nothing_to_pay`.
fn staff_case_payment(who: Who) -> u16 {
    staff_case(who, 409)
}

/// Not an API route: no credentials are looked at.
fn page(_: Who) -> u16 {
    200
}

async fn matrix(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let (a, _) = submit_with_attachment(&app, "3c0a7e55-access-matrix-0001", &version).await;
    let (b, _) = submit_with_attachment(&app, "3c0a7e55-access-matrix-0002", &version).await;
    let reference = a.receipt.reference.clone();
    let attachment = a.receipt.attachments[0].id.clone();
    let authority = a.receipt.authority.id.clone();

    // Staff: a clerk of the authority (and of Schmölln's administration, for the overlay), an
    // admin elsewhere, a portal admin, and a clerk whose token was revoked.
    let db = &app.db;
    let clerk = staff::create(db, "Clara Clerk", "clara@schmoelln.example")
        .await
        .unwrap()
        .unwrap();
    staff::grant(db, &clerk.id, &authority, Role::Clerk)
        .await
        .unwrap();
    staff::grant(db, &clerk.id, SCHMOELLN, Role::Clerk)
        .await
        .unwrap();
    let other = staff::create(db, "Otto Other", "otto@aarau.example")
        .await
        .unwrap()
        .unwrap();
    staff::grant(db, &other.id, "ch:4001", Role::AuthorityAdmin)
        .await
        .unwrap();
    let boss = staff::create(db, "Berta Boss", "berta@schmoelln.example")
        .await
        .unwrap()
        .unwrap();
    staff::grant(db, &boss.id, &authority, Role::AuthorityAdmin)
        .await
        .unwrap();
    staff::grant(db, &boss.id, SCHMOELLN, Role::AuthorityAdmin)
        .await
        .unwrap();
    let admin = staff::create(db, "Paula Portal", "paula@portal.example")
        .await
        .unwrap()
        .unwrap();
    staff::grant(db, &admin.id, "*", Role::PortalAdmin)
        .await
        .unwrap();
    // A service the authority is responsible for as a municipality (it may switch it off).
    let local_service = {
        let cat = app.core.catalogue.get();
        cat.index
            .services()
            .iter()
            .find(|s| {
                cat.directory
                    .responsible(&s.id, s.country, &authority)
                    .is_some_and(|r| r.place.id == authority)
            })
            .map_or_else(|| "none".to_owned(), |s| s.id.clone())
    };
    let token = |id: String| async move { staff::issue_token(db, &id, "test", 30).await.unwrap() };
    let (_, clerk_token) = token(clerk.id.clone()).await;
    let (_, other_token) = token(other.id.clone()).await;
    let (_, admin_token) = token(admin.id.clone()).await;
    let (_, boss_token) = token(boss.id.clone()).await;
    let (revoked_id, revoked_token) = token(clerk.id.clone()).await;
    assert!(staff::revoke_token(db, &revoked_id).await.unwrap());

    // Two citizens with confirmed accounts, signed in through the API; a clerk of another
    // authority signed in to clerk mode.
    let mut cookies = BTreeMap::new();
    let other_clerk = common::staff_session(&app, "Olga Other", "ch:4001", Role::Clerk).await;
    cookies.insert(Who::OtherClerk, other_clerk.cookie.clone());
    let mut ids = BTreeMap::new();
    let hasher = server::accounts::passwords::Hasher::new(1, 4);
    for (who, email) in [
        (Who::Citizen, "citizen-a@example.ch"),
        (Who::OtherCitizen, "citizen-b@example.ch"),
        (Who::OrgMember, "citizen-c@example.ch"),
    ] {
        let id = uuid::Uuid::new_v4().to_string();
        let hash = hasher.hash("das Passwort 123".into()).await.unwrap();
        let profile = serde_json::json!({"given_name": "A", "family_name": "B"});
        server::accounts::store::insert(db, &id, email, &hash, profile.as_object().unwrap(), "de")
            .await
            .unwrap();
        server::accounts::store::set_verified(db, &id)
            .await
            .unwrap();
        let res = app
            .send(
                Request::post("/api/v1/session")
                    .header("content-type", "application/json")
                    .body(Body::from(
                        serde_json::json!({"email": email, "password": "das Passwort 123"})
                            .to_string(),
                    ))
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        let cookie = res.headers()["set-cookie"].to_str().unwrap();
        cookies.insert(who, cookie.split(';').next().unwrap().to_owned());
        ids.insert(who, id);
    }
    // Citizen administers an organisation; OrgMember is a member of it.
    let res = app
        .send(
            Request::post("/api/v1/organisations")
                .header("content-type", "application/json")
                .header("cookie", &cookies[&Who::Citizen])
                .body(Body::from(r#"{"name": "Verein"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let org = common::body_json(res).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sqlx::query(
        "INSERT INTO organisation_members (organisation, account, role, joined_at) \
         VALUES ($1, $2, 'member', 0)",
    )
    .bind(&org)
    .bind(&ids[&Who::OrgMember])
    .execute(db.pool())
    .await
    .unwrap();

    let bearer = |who: Who| -> Option<String> {
        let t = match who {
            Who::Anonymous | Who::Citizen | Who::OtherCitizen | Who::OrgMember => return None,
            Who::Holder => a.access_token.clone(),
            Who::OtherHolder => b.access_token.clone(),
            Who::Clerk => clerk_token.clone(),
            Who::AuthorityAdmin => boss_token.clone(),
            Who::OtherStaff => other_token.clone(),
            Who::OtherClerk => return None,
            Who::PortalAdmin => admin_token.clone(),
            Who::RevokedStaff => revoked_token.clone(),
        };
        Some(format!("Bearer {t}"))
    };

    let pdf = {
        let mut b = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        b.resize(600, b' ');
        b
    };
    // A message with a file from the authority, so its file can be asked for.
    let message_file = {
        let clerk = format!("Bearer {clerk_token}");
        let res = app
            .send(
                Request::post(format!(
                    "/api/v1/submissions/{reference}/message-files?name=brief.pdf"
                ))
                .header("authorization", &clerk)
                .body(Body::from(pdf.clone()))
                .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let id = common::body_json(res).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let res = app
            .send(
                Request::post(format!("/api/v1/submissions/{reference}/messages"))
                    .header("authorization", &clerk)
                    .header("content-type", "application/json")
                    .body(Body::from(
                        serde_json::json!({"body": "Ein Brief", "files": [id]}).to_string(),
                    ))
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        id
    };

    let replay = serde_json::to_vec(&dog_submission(
        "3c0a7e55-access-matrix-0001",
        &version,
        "de",
        &{
            // The exact answers of submission A (with its upload), so every actor replays it.
            let mut answers = dog_answers();
            answers["dogs"][0]["kind"] = serde_json::json!("assistance");
            answers["dogs"][0]["assistance_proof"] = serde_json::json!([{ "id": attachment, "name": "x.pdf", "size": 1, "type": "application/pdf" }]);
            answers
        },
    ))
    .unwrap();
    let json = |bytes: Vec<u8>| Some(("application/json".to_owned(), bytes));

    // Every route: "METHOD /template" → the request and the expected answers.
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut row = |method: &'static str, template: &str, uri: String, expect: fn(Who) -> u16| {
        rows.insert(
            format!("{method} {template}"),
            Row {
                method,
                uri,
                body: None,
                headers: Vec::new(),
                expect,
                own_email: false,
            },
        );
    };
    row(
        "GET",
        "/api/v1/staff/session",
        "/api/v1/staff/session".into(),
        public,
    );
    row(
        "POST",
        "/api/v1/staff/session",
        "/api/v1/staff/session".into(),
        open_wrong_credentials,
    );
    row(
        "DELETE",
        "/api/v1/staff/session",
        "/api/v1/staff/session".into(),
        open_no_content,
    );
    row(
        "GET",
        "/api/v1/staff/providers",
        "/api/v1/staff/providers".into(),
        public,
    );
    row(
        "POST",
        "/api/v1/staff/oidc/start",
        "/api/v1/staff/oidc/start".into(),
        open_not_found,
    );
    row(
        "GET",
        "/api/v1/staff/oidc/callback",
        "/api/v1/staff/oidc/callback?code=x&state=y".into(),
        open_see_other,
    );
    // An invitation's link: a guessed token is refused for everyone alike.
    row(
        "POST",
        "/api/v1/staff/setup/start",
        "/api/v1/staff/setup/start".into(),
        open_bad_link,
    );
    row(
        "POST",
        "/api/v1/staff/setup",
        "/api/v1/staff/setup".into(),
        open_bad_link,
    );
    row(
        "GET",
        "/api/v1/staff/cases",
        "/api/v1/staff/cases?status=received&sort=newest".into(),
        staff_inbox,
    );
    row(
        "GET",
        "/api/v1/staff/export",
        "/api/v1/staff/export?format=csv&status=received".into(),
        staff_inbox,
    );
    row(
        "GET",
        "/api/v1/staff/audit",
        format!("/api/v1/staff/audit?authority={authority}&format=json"),
        staff_authority,
    );
    row(
        "GET",
        "/api/v1/staff/cases/{reference}",
        format!("/api/v1/staff/cases/{reference}"),
        staff_case_read,
    );
    row(
        "GET",
        "/api/v1/staff/cases/{reference}/audit",
        format!("/api/v1/staff/cases/{reference}/audit"),
        staff_case_read,
    );
    row(
        "POST",
        "/api/v1/staff/cases/{reference}/notes",
        format!("/api/v1/staff/cases/{reference}/notes"),
        staff_case_created,
    );
    row(
        "POST",
        "/api/v1/staff/cases/{reference}/assignee",
        format!("/api/v1/staff/cases/{reference}/assignee"),
        staff_case_checked,
    );
    row(
        "POST",
        "/api/v1/staff/cases/{reference}/status",
        format!("/api/v1/staff/cases/{reference}/status"),
        staff_case_checked,
    );
    row(
        "GET",
        "/api/v1/search",
        "/api/v1/search?q=hund&municipality=de:16077043".into(),
        public,
    );
    row(
        "GET",
        "/api/v1/services/{id}",
        "/api/v1/services/99108001000000?lang=de".into(),
        public,
    );
    row(
        "GET",
        "/api/v1/municipalities",
        "/api/v1/municipalities?q=aar".into(),
        public,
    );
    row(
        "GET",
        "/api/v1/municipalities/{id}",
        "/api/v1/municipalities/ch:4001".into(),
        public,
    );
    row(
        "GET",
        "/api/v1/topics",
        "/api/v1/topics?lang=fr".into(),
        public,
    );
    row(
        "GET",
        "/api/v1/forms/{id}",
        format!("/api/v1/forms/hundesteuer-th?municipality={SCHMOELLN}"),
        public,
    );
    row(
        "GET",
        "/api/v1/forms/{id}/facts",
        format!("/api/v1/forms/hundesteuer-th/facts?municipality={SCHMOELLN}&lang=fr"),
        public,
    );
    row(
        "POST",
        "/api/v1/forms/{id}/validate",
        "/api/v1/forms/hundesteuer-th/validate".into(),
        public,
    );
    row(
        "GET",
        "/api/v1/forms/{id}/overlay-status",
        format!("/api/v1/forms/hundesteuer-th/overlay-status?municipality={SCHMOELLN}"),
        municipal_staff,
    );
    row(
        "POST",
        "/api/v1/submissions",
        "/api/v1/submissions".into(),
        public,
    );
    row(
        "GET",
        "/api/v1/submissions/{reference}",
        format!("/api/v1/submissions/{reference}"),
        submission,
    );
    row(
        "GET",
        "/api/v1/submissions/{reference}/receipt.pdf",
        format!("/api/v1/submissions/{reference}/receipt.pdf"),
        submission,
    );
    row(
        "GET",
        "/api/v1/submissions/{reference}/attachments/{id}",
        format!("/api/v1/submissions/{reference}/attachments/{attachment}"),
        submission,
    );
    row(
        "POST",
        "/api/v1/uploads",
        format!(
            "/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={SCHMOELLN}&field=dogs.0.assistance_proof&name=n.pdf"
        ),
        public_created,
    );
    row(
        "GET",
        "/api/v1/embed/config",
        "/api/v1/embed/config?municipality=ch:4001&lang=de".into(),
        public,
    );
    row(
        "GET",
        "/api/v1/embed/search",
        "/api/v1/embed/search?municipality=ch:4001&q=pass".into(),
        public,
    );
    row(
        "GET",
        "/api/v1/openapi.json",
        "/api/v1/openapi.json".into(),
        public,
    );
    // Runs after the GETs (rows go in order): each replacement makes the holder's token stale.
    row(
        "POST",
        "/api/v1/submissions/{reference}/access-token",
        format!("/api/v1/submissions/{reference}/access-token"),
        renew,
    );
    row(
        "GET",
        "/api/v1/authorities/{id}/settings",
        format!("/api/v1/authorities/{authority}/settings"),
        authority_admins,
    );
    row(
        "PUT",
        "/api/v1/authorities/{id}/settings",
        format!("/api/v1/authorities/{authority}/settings"),
        authority_admins,
    );
    row(
        "GET",
        "/api/v1/authorities/{id}/staff",
        format!("/api/v1/authorities/{authority}/staff"),
        authority_admins,
    );
    row(
        "POST",
        "/api/v1/authorities/{id}/staff",
        format!("/api/v1/authorities/{authority}/staff"),
        authority_admins_created,
    );
    row(
        "PUT",
        "/api/v1/authorities/{id}/staff/{staff}",
        format!("/api/v1/authorities/{authority}/staff/{}", clerk.id),
        authority_admins,
    );
    // The clerk has no password sign-in: an admin may invite them (again and again).
    row(
        "POST",
        "/api/v1/authorities/{id}/staff/{staff}/invitation",
        format!(
            "/api/v1/authorities/{authority}/staff/{}/invitation?lang=fr",
            clerk.id
        ),
        authority_admins,
    );
    // Another authority's member is not found here (removing one is in `clerk.rs`).
    row(
        "DELETE",
        "/api/v1/authorities/{id}/staff/{staff}",
        format!("/api/v1/authorities/{authority}/staff/{}", other.id),
        authority_admins_not_found,
    );
    row(
        "GET",
        "/api/v1/authorities/{id}/services",
        format!("/api/v1/authorities/{authority}/services?lang=fr"),
        authority_admins,
    );
    row(
        "PUT",
        "/api/v1/authorities/{id}/services/{service}",
        format!("/api/v1/authorities/{authority}/services/{local_service}"),
        if local_service == "none" {
            authority_admins_not_found
        } else {
            authority_admins
        },
    );
    let municipal = local_service != "none";
    row(
        "GET",
        "/api/v1/authorities/{id}/forms",
        format!("/api/v1/authorities/{authority}/forms"),
        if municipal {
            authority_admins
        } else {
            authority_admins_not_found
        },
    );
    row(
        "GET",
        "/api/v1/authorities/{id}/forms/{form}/overlay",
        format!("/api/v1/authorities/{authority}/forms/hundesteuer-th/overlay"),
        if municipal {
            authority_admins
        } else {
            authority_admins_not_found
        },
    );
    row(
        "POST",
        "/api/v1/authorities/{id}/forms/{form}/overlay/preview",
        format!("/api/v1/authorities/{authority}/forms/hundesteuer-th/overlay/preview"),
        if municipal {
            authority_admins
        } else {
            authority_admins_not_found
        },
    );
    row(
        "PUT",
        "/api/v1/authorities/{id}/forms/{form}/overlay",
        format!("/api/v1/authorities/{authority}/forms/hundesteuer-th/overlay"),
        if municipal {
            authority_admins_conflict
        } else {
            authority_admins_not_found
        },
    );
    row(
        "GET",
        "/api/v1/authorities/{id}/contact",
        format!("/api/v1/authorities/{authority}/contact"),
        authority_admins,
    );
    row(
        "PUT",
        "/api/v1/authorities/{id}/contact",
        format!("/api/v1/authorities/{authority}/contact"),
        authority_admins,
    );
    row(
        "GET",
        "/api/v1/authorities/{id}/creditor",
        format!("/api/v1/authorities/{authority}/creditor"),
        authority_admins,
    );
    row(
        "PUT",
        "/api/v1/authorities/{id}/creditor",
        format!("/api/v1/authorities/{authority}/creditor"),
        authority_admins,
    );
    row(
        "GET",
        "/api/v1/account",
        "/api/v1/account".into(),
        account_read,
    );
    row(
        "PUT",
        "/api/v1/account",
        "/api/v1/account".into(),
        account_read,
    );
    row(
        "DELETE",
        "/api/v1/account",
        "/api/v1/account".into(),
        account_checked,
    );
    row(
        "GET",
        "/api/v1/account/export",
        "/api/v1/account/export".into(),
        account_read,
    );
    row(
        "PUT",
        "/api/v1/account/password",
        "/api/v1/account/password".into(),
        account_checked,
    );
    row(
        "PUT",
        "/api/v1/account/email",
        "/api/v1/account/email".into(),
        account_checked,
    );
    row(
        "POST",
        "/api/v1/account",
        "/api/v1/account".into(),
        open_invalid,
    );
    row(
        "POST",
        "/api/v1/account/verify",
        "/api/v1/account/verify".into(),
        open_bad_link,
    );
    row(
        "POST",
        "/api/v1/account/password-reset",
        "/api/v1/account/password-reset".into(),
        open_invalid,
    );
    row(
        "POST",
        "/api/v1/account/password-reset/confirm",
        "/api/v1/account/password-reset/confirm".into(),
        open_bad_link,
    );
    row(
        "GET",
        "/api/v1/account/applications",
        "/api/v1/account/applications".into(),
        account_read,
    );
    row(
        "POST",
        "/api/v1/account/applications",
        "/api/v1/account/applications".into(),
        account_not_found,
    );
    row(
        "GET",
        "/api/v1/account/drafts",
        "/api/v1/account/drafts".into(),
        account_read,
    );
    // Rows run in key order: DELETE and GET find nothing yet, PUT creates each citizen's own.
    let draft = "/api/v1/account/drafts/3c0a7e55-access-matrix-0009".to_owned();
    row(
        "DELETE",
        "/api/v1/account/drafts/{key}",
        draft.clone(),
        account_not_found,
    );
    row(
        "GET",
        "/api/v1/account/drafts/{key}",
        draft.clone(),
        account_not_found,
    );
    row("PUT", "/api/v1/account/drafts/{key}", draft, account_read);
    row(
        "POST",
        "/api/v1/organisations",
        "/api/v1/organisations".into(),
        account_created,
    );
    row(
        "GET",
        "/api/v1/organisations",
        "/api/v1/organisations".into(),
        account_read,
    );
    row(
        "GET",
        "/api/v1/organisations/{id}",
        format!("/api/v1/organisations/{org}"),
        org_members,
    );
    row(
        "GET",
        "/api/v1/organisations/{id}/applications",
        format!("/api/v1/organisations/{org}/applications"),
        org_members,
    );
    row(
        "POST",
        "/api/v1/organisations/{id}/invitations",
        format!("/api/v1/organisations/{org}/invitations"),
        org_admins,
    );
    row(
        "DELETE",
        "/api/v1/organisations/{id}/members/{member}",
        format!("/api/v1/organisations/{org}/members/nobody"),
        org_remove_nobody,
    );
    row(
        "POST",
        "/api/v1/organisations/invitations/accept",
        "/api/v1/organisations/invitations/accept".into(),
        account_bad_link,
    );
    row("GET", "/api/v1/session", "/api/v1/session".into(), public);
    row(
        "GET",
        "/api/v1/auth/providers",
        "/api/v1/auth/providers".into(),
        public,
    );
    row(
        "POST",
        "/api/v1/auth/oidc/start",
        "/api/v1/auth/oidc/start".into(),
        open_not_found,
    );
    row(
        "GET",
        "/api/v1/auth/oidc/callback",
        "/api/v1/auth/oidc/callback?code=x&state=y".into(),
        open_see_other,
    );
    row(
        "POST",
        "/api/v1/session",
        "/api/v1/session".into(),
        open_wrong_credentials,
    );
    row(
        "POST",
        "/api/v1/session/renew",
        "/api/v1/session/renew".into(),
        account_read,
    );
    // Runs last (see below): signing out ends the citizens' sessions.
    row(
        "DELETE",
        "/api/v1/session",
        "/api/v1/session".into(),
        open_no_content,
    );
    row(
        "GET",
        "/api/v1/submissions/{reference}/messages",
        format!("/api/v1/submissions/{reference}/messages"),
        submission,
    );
    row(
        "POST",
        "/api/v1/submissions/{reference}/messages",
        format!("/api/v1/submissions/{reference}/messages"),
        submission_created,
    );
    row(
        "POST",
        "/api/v1/submissions/{reference}/payments",
        format!("/api/v1/submissions/{reference}/payments"),
        pay_fee,
    );
    row(
        "POST",
        "/api/v1/staff/cases/{reference}/payment/refund",
        format!("/api/v1/staff/cases/{reference}/payment/refund"),
        staff_case_payment,
    );
    row(
        "POST",
        "/api/v1/staff/cases/{reference}/payment/paid",
        format!("/api/v1/staff/cases/{reference}/payment/paid"),
        staff_case_payment,
    );
    row(
        "GET",
        "/api/v1/payments/{attempt}/return",
        "/api/v1/payments/6f1c2a9e-0d4b-4c7e-9a51-3b8d2e7f0a16/return".into(),
        nowhere,
    );
    row(
        "POST",
        "/api/v1/payments/notifications/{provider}",
        "/api/v1/payments/notifications/datatrans".into(),
        nowhere,
    );
    row(
        "POST",
        "/api/v1/submissions/{reference}/message-files",
        format!("/api/v1/submissions/{reference}/message-files?name=brief.pdf"),
        submission_created,
    );
    row(
        "GET",
        "/api/v1/submissions/{reference}/message-files/{id}",
        format!("/api/v1/submissions/{reference}/message-files/{message_file}"),
        submission,
    );
    row(
        "GET",
        "/api/v1/account/messages",
        "/api/v1/account/messages".into(),
        account_read,
    );
    row("GET", "/health", "/health".into(), page);
    row("GET", "/ready", "/ready".into(), page);
    row(
        "GET",
        "/embed/v1/schalter-search.js",
        "/embed/v1/schalter-search.js".into(),
        page,
    );
    row(
        "GET",
        "/embed/v1/frame",
        "/embed/v1/frame?municipality=ch:4001".into(),
        page,
    );
    row("GET", "/embed-demo", "/embed-demo".into(), page);
    let validate = serde_json::to_vec(&serde_json::json!({
        "municipality": SCHMOELLN, "version": version, "lang": "de", "answers": dog_answers()
    }))
    .unwrap();
    rows.get_mut("POST /api/v1/forms/{id}/validate")
        .unwrap()
        .body = json(validate);
    rows.get_mut("POST /api/v1/submissions").unwrap().body = json(replay);
    rows.get_mut("POST /api/v1/submissions/{reference}/payments")
        .unwrap()
        .body = json(br#"{"lang": "de"}"#.to_vec());
    rows.get_mut("POST /api/v1/payments/notifications/{provider}")
        .unwrap()
        .body = json(br#"{"transactionId": "1", "status": "settled"}"#.to_vec());
    rows.get_mut("PUT /api/v1/authorities/{id}/settings")
        .unwrap()
        .body = json(br#"{"receipt_token_days": 400}"#.to_vec());
    for (route, body) in [
        (
            "POST /api/v1/authorities/{id}/staff",
            r#"{"name": "Nina Neu", "email": "nina@schmoelln.example", "role": "clerk"}"#,
        ),
        (
            "PUT /api/v1/authorities/{id}/staff/{staff}",
            r#"{"role": "clerk"}"#,
        ),
        (
            "PUT /api/v1/authorities/{id}/services/{service}",
            r#"{"offered": true}"#,
        ),
        (
            "POST /api/v1/authorities/{id}/forms/{form}/overlay/preview",
            r#"{"form": "hundesteuer-th", "municipality": "x", "revision": 0, "based_on": 0, "require": ["phone"]}"#,
        ),
        (
            // Revision 0 is not the one in force (Schmölln has r1): refused, nothing published.
            "PUT /api/v1/authorities/{id}/forms/{form}/overlay",
            r#"{"revision": 0, "overlay": {"form": "hundesteuer-th", "municipality": "x", "revision": 0, "based_on": 0}}"#,
        ),
        (
            "PUT /api/v1/authorities/{id}/contact",
            r#"{"phone": "+49 34491 700", "opening_hours": {"de": "Mo–Fr 9–12 Uhr"}}"#,
        ),
        (
            "PUT /api/v1/authorities/{id}/creditor",
            r#"{"iban": "DE89 3704 0044 0532 0130 00", "name": "Stadt Schmölln", "postcode": "04626", "town": "Schmölln", "country": "DE"}"#,
        ),
    ] {
        rows.get_mut(route).unwrap().body = json(body.as_bytes().to_vec());
    }
    for (route, body) in [
        (
            "PUT /api/v1/account",
            serde_json::json!({"profile": {"given_name": "A", "family_name": "B",
                "address": {"street": "Weg", "number": "1", "postcode": "4410", "place": "Liestal", "country": "CH"}}, "lang": "de"}),
        ),
        (
            "DELETE /api/v1/account",
            serde_json::json!({"password": "nicht das Passwort"}),
        ),
        (
            "PUT /api/v1/account/password",
            serde_json::json!({"current": "nicht das Passwort", "new": "ein neues Passwort"}),
        ),
        (
            "PUT /api/v1/account/email",
            serde_json::json!({"email": "neu@example.ch", "password": "nicht das Passwort"}),
        ),
        // Registering and asking for a reset with input that does not pass: the same 422 for
        // everyone (valid input would send e-mails and meet the per-address quota).
        (
            "POST /api/v1/account",
            serde_json::json!({"profile": {}, "email": "x@example.ch", "password": "kurz", "lang": "de"}),
        ),
        (
            "POST /api/v1/account/password-reset",
            serde_json::json!({"email": "not an address", "lang": "de"}),
        ),
        (
            "POST /api/v1/account/verify",
            serde_json::json!({"token": "guessed"}),
        ),
        (
            "POST /api/v1/account/password-reset/confirm",
            serde_json::json!({"token": "guessed", "password": "ein neues Passwort"}),
        ),
        (
            "POST /api/v1/session",
            serde_json::json!({"email": "nobody@example.ch", "password": "ein Passwort"}),
        ),
        (
            "POST /api/v1/account/applications",
            serde_json::json!({"reference": reference, "token": "not the token"}),
        ),
        (
            "PUT /api/v1/account/drafts/{key}",
            serde_json::json!({"form": "hundesteuer-th", "version": version, "municipality": SCHMOELLN, "data": {"answers": {}}}),
        ),
        (
            "POST /api/v1/organisations",
            serde_json::json!({"name": "Noch ein Verein"}),
        ),
        (
            "POST /api/v1/organisations/{id}/invitations",
            serde_json::json!({"email": "neu@example.ch", "role": "member", "lang": "de"}),
        ),
        (
            "POST /api/v1/organisations/invitations/accept",
            serde_json::json!({"token": "guessed"}),
        ),
        (
            "POST /api/v1/staff/session",
            serde_json::json!({"email": "clara@schmoelln.example", "password": "falsch", "code": "000000"}),
        ),
        (
            "POST /api/v1/staff/cases/{reference}/notes",
            serde_json::json!({"body": "Unterlagen vollständig."}),
        ),
        (
            // Nobody of that name works there: refused after access was granted.
            "POST /api/v1/staff/cases/{reference}/assignee",
            serde_json::json!({"to": "nobody", "version": 0}),
        ),
        (
            // Rejecting needs a reason the citizen reads.
            "POST /api/v1/staff/cases/{reference}/status",
            serde_json::json!({"to": "rejected", "reason": " ", "version": 0}),
        ),
        (
            "POST /api/v1/auth/oidc/start",
            serde_json::json!({"provider": "none", "level": "low", "return_to": "/de/konto", "lang": "de"}),
        ),
        (
            "POST /api/v1/staff/oidc/start",
            serde_json::json!({"provider": "none", "lang": "de"}),
        ),
        (
            "POST /api/v1/staff/setup/start",
            serde_json::json!({"token": "guessed"}),
        ),
        (
            "POST /api/v1/staff/setup",
            serde_json::json!({"token": "guessed", "password": "ein langes Dienstpasswort", "code": "123456"}),
        ),
    ] {
        rows.get_mut(route).unwrap().body = json(serde_json::to_vec(&body).unwrap());
    }
    for route in ["POST /api/v1/session", "POST /api/v1/staff/session"] {
        rows.get_mut(route).unwrap().own_email = true;
    }
    rows.get_mut("POST /api/v1/submissions/{reference}/messages")
        .unwrap()
        .body = json(br#"{"body": "Eine Frage"}"#.to_vec());
    rows.get_mut("POST /api/v1/submissions/{reference}/message-files")
        .unwrap()
        .body = Some(("application/pdf".into(), pdf.clone()));
    let upload = rows.get_mut("POST /api/v1/uploads").unwrap();
    upload.body = Some(("application/pdf".into(), pdf));
    upload
        .headers
        .push(("schalter-draft", "3c0a7e55-access-matrix-0003".into()));

    // The router's routes, from the OpenAPI document and the list of the others.
    let doc = server::http::openapi::document();
    let mut routes: Vec<String> = Vec::new();
    for (path, item) in &doc.paths.paths {
        for (method, op) in [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ] {
            if op.is_some() {
                routes.push(format!("{method} {path}"));
            }
        }
    }
    for (method, path) in server::http::OTHER_ROUTES {
        routes.push(format!("{method} {path}"));
    }
    let missing: Vec<&String> = routes.iter().filter(|r| !rows.contains_key(*r)).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in the access matrix: {missing:?}"
    );
    let stale: Vec<&String> = rows.keys().filter(|k| !routes.contains(k)).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for routes that do not exist: {stale:?}"
    );

    let mut failures = Vec::new();
    // In key order, but writing to the Postfach first (before the receipt token is replaced)
    // and signing out last (staff first: a citizen signing out of clerk mode stays signed in).
    let first = [
        "POST /api/v1/submissions/{reference}/message-files",
        "POST /api/v1/submissions/{reference}/messages",
        "POST /api/v1/submissions/{reference}/payments",
    ];
    let last = ["DELETE /api/v1/staff/session", "DELETE /api/v1/session"];
    let order = first
        .iter()
        .filter_map(|k| rows.get_key_value(*k))
        .chain(
            rows.iter()
                .filter(|(k, _)| !last.contains(&k.as_str()) && !first.contains(&k.as_str())),
        )
        .chain(last.iter().filter_map(|k| rows.get_key_value(*k)));
    for (route, r) in order {
        for who in EVERYONE {
            let mut req = Request::builder().method(r.method).uri(&r.uri);
            if let Some(b) = bearer(who) {
                req = req.header("authorization", b);
            }
            if let Some(c) = cookies.get(&who) {
                req = req.header("cookie", c);
            }
            for (k, v) in &r.headers {
                req = req.header(*k, v);
            }
            let body = match &r.body {
                Some((ct, bytes)) if r.own_email => {
                    req = req.header("content-type", ct);
                    let mut doc: serde_json::Value = serde_json::from_slice(bytes).unwrap();
                    doc["email"] = format!("{who:?}-{}", doc["email"].as_str().unwrap()).into();
                    Body::from(doc.to_string())
                }
                Some((ct, bytes)) => {
                    req = req.header("content-type", ct);
                    Body::from(bytes.clone())
                }
                None => Body::empty(),
            };
            let res = app.send(req.body(body).unwrap()).await;
            let status = res.status();
            // The submission row replays A (200 for all who may submit).
            let expected = (r.expect)(who);
            if status.as_u16() != expected {
                let body = String::from_utf8_lossy(&body_bytes(res).await).into_owned();
                failures.push(format!(
                    "{route} as {who:?}: {status}, expected {expected}: {body}"
                ));
                continue;
            }
            if !status.is_success() && !status.is_redirection() {
                let ct = res
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                let body: serde_json::Value =
                    serde_json::from_slice(&body_bytes(res).await).unwrap_or_default();
                if !ct.starts_with("application/json")
                    || body["code"].as_str().is_none_or(str::is_empty)
                    || body["message"].as_str().is_none_or(str::is_empty)
                {
                    failures.push(format!(
                        "{route} as {who:?}: refusal is not the API's JSON error ({ct}): {body}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The refusals say nothing about whether a reference exists: an unknown one looks the same.
    let unknown = format!("/api/v1/submissions/{}", unknown_reference(&reference));
    let res = app
        .get(
            &unknown,
            &[("authorization", &format!("Bearer {}", b.access_token))],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

/// A well-formed reference number that is not stored.
fn unknown_reference(known: &str) -> String {
    use contract::submission::reference;
    (0u8..)
        .map(|n| reference::from_random([n; reference::RANDOM_LEN]))
        .find(|r| r != known)
        .unwrap()
}

backend_tests!(matrix);
