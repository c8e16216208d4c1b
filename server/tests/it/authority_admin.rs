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
/// written for template v1; v2 is current), previews, and publishes r2; what citizens get
/// follows at once; a stale or broken overlay is refused.
async fn admins_adapt_their_forms(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    const SCHMOELLN: &str = "de:16077043";
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
    assert_eq!(dog["template_version"], 2);

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
    assert_eq!(citizen["version"], "2.1");

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

    // Published as r2 for template v2; citizens get it at once.
    let (s, published) = a
        .call(
            "PUT",
            &path,
            Some(json!({"revision": 1, "overlay": overlay})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{published}");
    assert_eq!(published["overlay"]["revision"], 2);
    assert_eq!(published["overlay"]["based_on"], 2);
    assert_eq!(published["changes"], json!([]));
    let (_, citizen) = a
        .call(
            "GET",
            &format!("/api/v1/forms/hundesteuer-th?municipality={SCHMOELLN}"),
            None,
        )
        .await;
    assert_eq!(citizen["version"], "2.2");
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

backend_tests!(
    admins_manage_team_services_and_contact,
    admins_adapt_their_forms,
    admins_keep_the_account_invoices_are_paid_to
);
