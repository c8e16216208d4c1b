//! An authority's administrators in clerk mode: they manage their staff and roles (never their
//! own), switch their municipality's services off and on (search, service page and
//! applications follow at once) and keep the office's contact and opening hours the service
//! pages show; every change joins the authority's audit chain.

use crate::common;

use axum::http::StatusCode;
use common::{TestApp, Which};
use serde_json::json;
use server::access::Role;

const AARAU: &str = "ch:4001";

async fn admins_manage_team_services_and_contact(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let admin = common::staff_session(&app, "Ada Admin", AARAU, Role::AuthorityAdmin).await;
    let clerk = common::staff_session(&app, "Cleo Clerk", AARAU, Role::Clerk).await;
    let mut a = common::staff_browser(&app, &admin);
    let mut c = common::staff_browser(&app, &clerk);
    let team = format!("/api/v1/authorities/{AARAU}/staff");

    // The team: both, by name; a clerk may not look.
    let (s, list) = a.call("GET", &team, None).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ada Admin", "Cleo Clerk"]);
    assert_eq!(list[0]["role"], "authority_admin");
    assert_eq!(list[0]["password_sign_in"], true);
    let (s, _) = c.call("GET", &team, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Adding: bad input is answered per field; portal admins are not made here.
    let (s, err) = a
        .call(
            "POST",
            &team,
            Some(json!({"name": " ", "email": "nina@", "role": "portal_admin"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let paths: Vec<&str> = err["details"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["name", "email", "role"], "{err}");
    let (s, nina) = a
        .call(
            "POST",
            &team,
            Some(json!({"name": "Nina Neu", "email": "Nina@Aarau.example", "role": "clerk"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{nina}");
    assert_eq!(nina["email"], "nina@aarau.example");
    assert_eq!(nina["password_sign_in"], false);
    let nina_id = nina["id"].as_str().unwrap().to_owned();
    let (s, changed) = a
        .call(
            "PUT",
            &format!("{team}/{nina_id}"),
            Some(json!({"role": "authority_admin"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{changed}");
    assert_eq!(changed["role"], "authority_admin");
    // Nobody changes or removes their own role.
    let (s, err) = a
        .call(
            "PUT",
            &format!("{team}/{}", admin.id),
            Some(json!({"role": "clerk"})),
        )
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("own_role"))
    );
    let (s, _) = a
        .call("DELETE", &format!("{team}/{}", admin.id), None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    // Removing the clerk's role takes Aarau from her at once.
    let (s, _) = a
        .call("DELETE", &format!("{team}/{}", clerk.id), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, me) = c.call("GET", "/api/v1/staff/session", None).await;
    assert_eq!(me["staff"]["authorities"], json!([]), "{me}");
    let (_, inbox) = c
        .call(
            "GET",
            &format!("/api/v1/staff/cases?authority={AARAU}"),
            None,
        )
        .await;
    assert_eq!(inbox["total"], 0, "{inbox}");
    let (_, list) = a.call("GET", &team, None).await;
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");

    // Services: the ones Aarau itself is responsible for.
    let (s, services) = a
        .call(
            "GET",
            &format!("/api/v1/authorities/{AARAU}/services?lang=de"),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{services}");
    let list = services["services"].as_array().unwrap();
    assert!(!list.is_empty(), "{services}");
    assert!(list.iter().all(|s| s["offered"] == true));
    let id = list[0]["id"].as_str().unwrap().to_owned();
    let title = list[0]["title"].as_str().unwrap().to_owned();
    let page = format!("/api/v1/services/{id}?municipality={AARAU}&lang=de");
    let (_, before) = a.call("GET", &page, None).await;
    assert_eq!(before["offered"], true, "{before}");
    let search = format!(
        "/api/v1/search?q={}&municipality={AARAU}&limit=50",
        contract::paths::encode(&title)
    );
    let found = |v: &serde_json::Value| {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == id.as_str())
    };
    let (_, hits) = a.call("GET", &search, None).await;
    assert!(found(&hits), "{title} is found in Aarau: {hits}");

    let switch = format!("/api/v1/authorities/{AARAU}/services/{id}");
    let (s, off) = a
        .call("PUT", &switch, Some(json!({"offered": false})))
        .await;
    assert_eq!(s, StatusCode::OK, "{off}");
    assert_eq!(off["offered"], false);
    let (_, after) = a.call("GET", &page, None).await;
    assert_eq!(after["offered"], false, "{after}");
    assert!(after["authority"].is_null(), "{after}");
    let (_, hits) = a.call("GET", &search, None).await;
    assert!(!found(&hits), "{title} is no longer found in Aarau: {hits}");
    // A service Aarau is not responsible for is not Aarau's to switch.
    let (s, _) = a
        .call(
            "PUT",
            &format!("/api/v1/authorities/{AARAU}/services/no-such-service"),
            Some(json!({"offered": false})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, on) = a.call("PUT", &switch, Some(json!({"offered": true}))).await;
    assert_eq!(on["offered"], true);
    let (_, back) = a.call("GET", &page, None).await;
    assert_eq!(back["offered"], true);

    // The contact: checked field by field; kept, it is what the service pages show, in the
    // page's language or else German.
    let contact = format!("/api/v1/authorities/{AARAU}/contact");
    let (s, err) = a
        .call(
            "PUT",
            &contact,
            Some(
                json!({"phone": "call us", "email": "x@", "website": "http://aarau.ch",
                        "opening_hours": {"de": "Mo–Fr"}}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let codes: Vec<(&str, &str)> = err["details"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("email", "invalid_email"),
            ("website", "invalid_url"),
            ("phone", "invalid_phone")
        ],
        "{err}"
    );
    let hours = json!({"de": "Mo–Fr 8–12 Uhr", "fr": "lu–ve 8h–12h", "it": "", "en": ""});
    let (s, kept) = a
        .call(
            "PUT",
            &contact,
            Some(
                json!({"phone": "+41 62 836 05 11", "email": "einwohner@aarau.example",
                        "website": "https://www.aarau.ch/", "opening_hours": hours}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{kept}");
    assert_eq!(kept["contact"]["opening_hours"]["fr"], "lu–ve 8h–12h");
    let municipal = list
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect::<Vec<_>>();
    let (_, fr) = a
        .call(
            "GET",
            &format!("/api/v1/services/{id}?municipality={AARAU}&lang=fr"),
            None,
        )
        .await;
    let shown = &fr["authority"]["contact"];
    assert_eq!(shown["opening_hours"], "lu–ve 8h–12h", "{fr}");
    assert_eq!(shown["phone"], "+41 62 836 05 11");
    assert_eq!(shown["website"], "https://www.aarau.ch/");
    let (_, it) = a
        .call(
            "GET",
            &format!(
                "/api/v1/services/{}?municipality={AARAU}&lang=it",
                municipal[0]
            ),
            None,
        )
        .await;
    assert_eq!(
        it["authority"]["contact"]["opening_hours"],
        "Mo–Fr 8–12 Uhr"
    );

    // Every change is in the authority's audit chain.
    let audit = server::cases::audit::of_authority(&app.db, AARAU)
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "staff_role",
        "staff_removed",
        "service_off",
        "service_on",
        "contact",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

/// The overlay editor's server side: Schmölln adapts the Land's dog form (its overlay r1 was
/// written for template v1; a later one is current), previews, and publishes r2; what citizens
/// get follows at once; a stale or broken overlay is refused.
async fn admins_adapt_their_forms(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    const SCHMOELLN: &str = "de:16077043";
    let current = catalog::forms::FormSet::embedded()
        .unwrap()
        .current("hundesteuer-th")
        .unwrap()
        .version;
    assert!(current >= 2);
    let admin = common::staff_session(&app, "Sina Schmölln", SCHMOELLN, Role::AuthorityAdmin).await;
    let clerk = common::staff_session(&app, "Kai Klerk", SCHMOELLN, Role::Clerk).await;
    let aarau = common::staff_session(&app, "Ada Aarau", AARAU, Role::AuthorityAdmin).await;
    let mut a = common::staff_browser(&app, &admin);

    let (s, forms) = a
        .call(
            "GET",
            &format!("/api/v1/authorities/{SCHMOELLN}/forms?lang=de"),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{forms}");
    let dog = forms
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "hundesteuer-th")
        .unwrap_or_else(|| panic!("the dog form is Schmölln's: {forms}"));
    assert_eq!(
        (dog["revision"].as_u64(), dog["based_on"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(dog["template_version"], current);

    let path = format!("/api/v1/authorities/{SCHMOELLN}/forms/hundesteuer-th/overlay");
    let (s, editor) = a.call("GET", &path, None).await;
    assert_eq!(s, StatusCode::OK, "{editor}");
    assert!(
        !editor["changes"].as_array().unwrap().is_empty(),
        "the template moved on since r1: {}",
        editor["changes"]
    );
    assert_eq!(editor["problems"], json!([]));
    let phone_required = |form: &serde_json::Value| {
        form["steps"][0]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == "phone")
            .map(|f| f["required"] == true)
    };
    // Schmölln hides the phone number.
    assert_eq!(phone_required(&editor["effective"]), None);

    // Preview: the phone shown again, and required.
    let mut overlay = editor["overlay"].clone();
    overlay["hide"] = json!([]);
    overlay["require"] = json!(["phone"]);
    let (s, preview) = a
        .call("POST", &format!("{path}/preview"), Some(overlay.clone()))
        .await;
    assert_eq!(s, StatusCode::OK, "{preview}");
    assert_eq!(phone_required(&preview["effective"]), Some(true));
    // Nothing published by a preview.
    let (_, citizen) = a
        .call(
            "GET",
            &format!("/api/v1/forms/hundesteuer-th?municipality={SCHMOELLN}"),
            None,
        )
        .await;
    assert_eq!(citizen["version"], format!("{current}.1"));

    // Refused: a stale revision; an entry that finds no field.
    let (s, err) = a
        .call(
            "PUT",
            &path,
            Some(json!({"revision": 0, "overlay": overlay})),
        )
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("overlay_changed"))
    );
    let mut broken = overlay.clone();
    broken["hide"] = json!(["no_such_field"]);
    let (s, err) = a
        .call(
            "PUT",
            &path,
            Some(json!({"revision": 1, "overlay": broken})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(err["code"], "overlay_problems");
    assert!(
        err["details"]["problems"][0]
            .as_str()
            .unwrap()
            .contains("no_such_field"),
        "{err}"
    );

    // Published as r2 for the current template; citizens get it at once.
    let (s, published) = a
        .call(
            "PUT",
            &path,
            Some(json!({"revision": 1, "overlay": overlay})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{published}");
    assert_eq!(published["overlay"]["revision"], 2);
    assert_eq!(published["overlay"]["based_on"], current);
    assert_eq!(published["changes"], json!([]));
    let (_, citizen) = a
        .call(
            "GET",
            &format!("/api/v1/forms/hundesteuer-th?municipality={SCHMOELLN}"),
            None,
        )
        .await;
    assert_eq!(citizen["version"], format!("{current}.2"));
    assert_eq!(phone_required(&citizen["form"]), Some(true));
    let (s, _) = a
        .call(
            "PUT",
            &path,
            Some(json!({"revision": 1, "overlay": overlay})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "r1 is no longer the one in force");

    // A clerk may not; another municipality's admin finds no such form there.
    let (s, _) = common::staff_browser(&app, &clerk)
        .call("GET", &path, None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = common::staff_browser(&app, &aarau)
        .call(
            "GET",
            &format!("/api/v1/authorities/{AARAU}/forms/hundesteuer-th/overlay"),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let audit = server::cases::audit::of_authority(&app.db, SCHMOELLN)
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "overlay" && e.detail == "hundesteuer-th r2")
    );
}

/// The account invoices are paid to: kept per authority by its administrators, checked (IBAN
/// checksum, lengths, country), normalised, audited; clerks may not change it.
async fn admins_keep_the_account_invoices_are_paid_to(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let admin = common::staff_session(&app, "Ada Admin", AARAU, Role::AuthorityAdmin).await;
    let clerk = common::staff_session(&app, "Cleo Clerk", AARAU, Role::Clerk).await;
    let mut a = common::staff_browser(&app, &admin);
    let mut c = common::staff_browser(&app, &clerk);
    let path = format!("/api/v1/authorities/{AARAU}/creditor");
    let (s, none) = a.call("GET", &path, None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(none.is_null(), "{none}");

    let (s, body) = a
        .call(
            "PUT",
            &path,
            Some(
                json!({"iban": "CH44 3199 9123 0008 8901 3", "bic": "x", "name": " ",
                "postcode": "5000", "town": "Aarau", "country": "Schweiz"}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let mut paths: Vec<&str> = body["details"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    paths.sort_unstable();
    assert_eq!(paths, ["bic", "country", "iban", "name"]);

    let account = json!({"iban": "ch44 3199 9123 0008 8901 2", "name": "Stadt Aarau, Finanzen",
        "street": "Rathausgasse", "building": "1", "postcode": "5000", "town": "Aarau", "country": "ch"});
    let (s, kept) = a.call("PUT", &path, Some(account.clone())).await;
    assert_eq!(s, StatusCode::OK, "{kept}");
    assert_eq!(kept["iban"], "CH4431999123000889012");
    assert_eq!(kept["country"], "CH");
    let (_, read) = a.call("GET", &path, None).await;
    assert_eq!(read, kept);
    let (s, _) = c.call("PUT", &path, Some(account)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = c.call("GET", &path, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let log = server::cases::audit::of_authority(&app.db, AARAU)
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "creditor" && e.detail == "CH4431999123000889012")
    );
}

/// A new member set up by invitation: the admin adds them with "invite", the e-mail (read from
/// the real SMTP server) holds the link; its holder sees the authenticator app's secret, sets
/// password and app with a current code and is signed in; the link works once; a colleague who
/// signs in already is never invited (no admin resets credentials); a new invitation ends the
/// earlier one.
async fn new_members_set_up_their_sign_in_from_the_invitation(which: Which) {
    let Some((_, maildir)) = common::mail::smtp() else {
        return;
    };
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let admin = common::staff_session(&app, "Ada Admin", AARAU, Role::AuthorityAdmin).await;
    let clerk = common::staff_session(&app, "Cleo Clerk", AARAU, Role::Clerk).await;
    let mut a = common::staff_browser(&app, &admin);
    let mut c = common::staff_browser(&app, &clerk);
    let team = format!("/api/v1/authorities/{AARAU}/staff");
    let email = format!("ines.{}@aarau.example", uuid::Uuid::new_v4().simple());

    let (s, ines) = a
        .call(
            "POST",
            &format!("{team}?lang=fr"),
            Some(json!({"name": "Ines Invite", "email": email, "role": "clerk", "invite": true})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ines}");
    assert_eq!(ines["password_sign_in"], false);
    assert!(ines["invited_until"].as_i64().unwrap() > server::submissions::now_millis());
    let ines_id = ines["id"].as_str().unwrap().to_owned();
    // In the admin's language, naming the authority, the link to clerk mode's setup page.
    let first = common::mail::token_from_mail(&maildir, &email, "/fr/amt/zugang#token=", 1).await;
    let text = &common::mail::mails(&maildir, &email, "/fr/amt/zugang", 1).await[0];
    assert!(text.contains("Aarau"), "{text}");
    assert!(text.contains("72 heures"), "{text}");

    // Sent again: the first link stops working. A clerk may not invite.
    let invite = format!("{team}/{ines_id}/invitation?lang=de");
    let (s, _) = c.call("POST", &invite, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, again) = a.call("POST", &invite, None).await;
    assert_eq!(s, StatusCode::OK, "{again}");
    let token = common::mail::token_from_mail(&maildir, &email, "/de/amt/zugang#token=", 1).await;
    assert_ne!(token, first);
    let mut b = common::browser::Browser::new(&app);
    let (s, err) = b
        .call(
            "POST",
            "/api/v1/staff/setup/start",
            Some(json!({"token": first})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{err}");
    assert_eq!(err["code"], "invalid_link");

    // The holder of the link sees who they are and the app's secret, also as a QR code.
    let (s, setup) = b
        .call(
            "POST",
            "/api/v1/staff/setup/start",
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{setup}");
    assert_eq!(setup["name"], "Ines Invite");
    assert_eq!(setup["email"], email.as_str());
    assert_eq!(setup["authorities"][0], "Aarau");
    let secret: String = setup["secret"].as_str().unwrap().replace(' ', "");
    let otpauth = setup["otpauth"].as_str().unwrap();
    assert!(otpauth.starts_with("otpauth://totp/Schalter:"), "{otpauth}");
    assert!(otpauth.contains(&format!("secret={secret}")), "{otpauth}");
    let modules = setup["modules"].as_array().unwrap();
    assert!(modules.len() >= 21 && modules[0].as_str().unwrap().starts_with("1111111"));

    // A short password and a code that is not the app's: both named, nothing used up.
    let wrong = if common::totp_code(&secret) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let (s, err) = b
        .call(
            "POST",
            "/api/v1/staff/setup?lang=de",
            Some(json!({"token": token, "password": "kurz", "code": "12"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let codes: Vec<(&str, &str)> = err["details"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("password", "too_short"), ("code", "wrong_code")]);
    let password = "ein langes Dienstpasswort";
    let (s, err) = b
        .call(
            "POST",
            "/api/v1/staff/setup",
            Some(json!({"token": token, "password": password, "code": wrong})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(err["details"]["errors"][0]["code"], "wrong_code");

    // The right code: set up and signed in to clerk mode.
    let code = common::totp_code(&secret);
    let (s, me) = b
        .call(
            "POST",
            "/api/v1/staff/setup",
            Some(json!({"token": token, "password": password, "code": code})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{me}");
    assert_eq!(me["authorities"][0]["id"], AARAU);
    let (s, session) = b.call("GET", "/api/v1/staff/session", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(session["staff"]["id"], ines_id.as_str());
    let (s, _) = b.call("GET", "/api/v1/staff/cases", None).await;
    assert_eq!(s, StatusCode::OK);

    // The link works once; the same code cannot sign in again; a fresh one can, later.
    let (s, _) = b
        .call(
            "POST",
            "/api/v1/staff/setup",
            Some(json!({"token": token, "password": "ein anderes Passwort", "code": code})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let mut other = common::browser::Browser::new(&app);
    let (s, _) = other
        .call(
            "POST",
            "/api/v1/staff/session",
            Some(json!({"email": email, "password": password, "code": code})),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "a code is accepted once");

    // Signing in already: no invitation, neither for her nor for the admin's clerk.
    let (_, list) = a.call("GET", &team, None).await;
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == ines_id.as_str())
        .unwrap();
    assert_eq!(row["password_sign_in"], true);
    assert!(row.get("invited_until").is_none(), "{row}");
    for id in [ines_id.as_str(), clerk.id.as_str()] {
        let (s, err) = a
            .call("POST", &format!("{team}/{id}/invitation"), None)
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{err}");
        assert_eq!(err["code"], "set_up_already");
    }
    // Not someone of another authority either.
    let elsewhere = common::staff_session(&app, "Emil Else", "ch:2701", Role::Clerk).await;
    let (s, _) = a
        .call("POST", &format!("{team}/{}/invitation", elsewhere.id), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let log = server::cases::audit::of_authority(&app.db, AARAU)
        .await
        .unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "staff_invited" && e.detail == email)
            .count(),
        2
    );
}

backend_tests!(
    new_members_set_up_their_sign_in_from_the_invitation,
    admins_manage_team_services_and_contact,
    admins_adapt_their_forms,
    admins_keep_the_account_invoices_are_paid_to
);
