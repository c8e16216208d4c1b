//! What a Bürgerkonto holds: drafts that follow the citizen to every device with revisions
//! and conflicts (nothing overwritten silently), the applications submitted while signed in
//! or taken in with a receipt's token, readable by their owner only; and forms that need an
//! eID refuse everyone below their level.

use crate::common;

use axum::http::StatusCode;
use common::browser::Browser;
use common::{SCHMOELLN, TestApp, Which};
use serde_json::json;

/// A confirmed account, signed in on a new browser.
async fn citizen<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    common::browser::signed_in_citizen(app, email, "ein gutes Passwort", "Dora")
        .await
        .1
}

/// Another browser signed in to the same account.
async fn device<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let (s, body) = b
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": email, "password": "ein gutes Passwort"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    b
}

async fn drafts_follow_the_citizen_and_conflicts_are_shown(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let mut laptop = citizen(&app, "dora@example.ch").await;
    let mut phone = device(&app, "dora@example.ch").await;
    let key = "7e1d2c3b-draft-sync-0001";
    let path = format!("/api/v1/account/drafts/{key}");
    let save = |base: Option<i64>, name: &str| {
        json!({"base_revision": base, "form": "hundesteuer-th", "version": "2.1", "municipality": SCHMOELLN,
               "data": {"answers": {"owner_given_name": name}, "step": "halter"}})
    };

    // Started on the laptop, continued on the phone.
    let (s, d) = laptop.call("PUT", &path, Some(save(None, "Dora"))).await;
    assert_eq!((s, &d["revision"]), (StatusCode::OK, &json!(1)), "{d}");
    let (s, list) = phone.call("GET", "/api/v1/account/drafts", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list[0]["key"], key);
    assert_eq!(list[0]["data"]["answers"]["owner_given_name"], "Dora");
    let (s, d) = phone
        .call("PUT", &path, Some(save(Some(1), "Dora (Handy)")))
        .await;
    assert_eq!((s, &d["revision"]), (StatusCode::OK, &json!(2)));

    // The laptop, still on revision 1, does not overwrite the phone's save.
    let (s, err) = laptop
        .call("PUT", &path, Some(save(Some(1), "Dora (Laptop)")))
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("draft_conflict"))
    );
    let (_, theirs) = laptop.call("GET", &path, None).await;
    assert_eq!(
        theirs["data"]["answers"]["owner_given_name"],
        "Dora (Handy)"
    );
    // The citizen chooses the laptop's version: saved on top of what they saw.
    let (s, d) = laptop
        .call("PUT", &path, Some(save(Some(2), "Dora (Laptop)")))
        .await;
    assert_eq!((s, &d["revision"]), (StatusCode::OK, &json!(3)));
    // Creating it again as new is a conflict too, not an overwrite.
    let (s, _) = phone.call("PUT", &path, Some(save(None, "neu"))).await;
    assert_eq!(s, StatusCode::CONFLICT);

    // Two devices saving at the same moment on the same revision: exactly one wins.
    let (mut l2, mut p2) = (laptop.clone_session(), phone.clone_session());
    let (a, b) = tokio::join!(
        l2.call("PUT", &path, Some(save(Some(3), "A"))),
        p2.call("PUT", &path, Some(save(Some(3), "B"))),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);

    // Nobody else reaches it, even knowing the key.
    let mut eve = citizen(&app, "eve@example.ch").await;
    let (s, _) = eve.call("GET", &path, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = eve.call("PUT", &path, Some(save(Some(4), "Eve"))).await;
    assert_eq!(
        s,
        StatusCode::CONFLICT,
        "Eve's own (absent) draft, never Dora's"
    );
    let (_, d) = laptop.call("GET", &path, None).await;
    assert_eq!(d["revision"], 4, "Dora's draft untouched by Eve");
    let (s, _) = eve.call("DELETE", &path, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, list) = Browser::new(&app)
        .call("GET", "/api/v1/account/drafts", None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{list}");

    let (s, _) = laptop.call("DELETE", &path, None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, list) = phone.call("GET", "/api/v1/account/drafts", None).await;
    assert_eq!(list, json!([]));
}

async fn applications_belong_to_their_account(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = common::dog_form_version(&app, SCHMOELLN).await;
    let mut dora = citizen(&app, "dora@example.ch").await;
    let mut eve = citizen(&app, "eve@example.ch").await;

    // Submitted while signed in: in the account, readable with the session alone.
    let body = common::dog_submission(
        "7e1d2c3b-account-app-0001",
        &version,
        "de",
        &common::dog_answers(),
    );
    let (s, created) = dora.call("POST", "/api/v1/submissions", Some(body)).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let reference = created["receipt"]["reference"].as_str().unwrap().to_owned();
    let (s, list) = dora.call("GET", "/api/v1/account/applications", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["reference"], reference.as_str());
    assert_eq!(list[0]["status"], "received");
    assert_eq!(list[0]["history"][0]["status"], "received");
    let (s, receipt) = dora
        .call("GET", &format!("/api/v1/submissions/{reference}"), None)
        .await;
    assert_eq!(
        (s, &receipt["reference"]),
        (StatusCode::OK, &json!(reference))
    );
    let (s, _) = eve
        .call("GET", &format!("/api/v1/submissions/{reference}"), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another citizen sees nothing");
    let (_, list) = eve.call("GET", "/api/v1/account/applications", None).await;
    assert_eq!(list, json!([]));

    // Submitted anonymously on this device, then taken in with its token.
    let body = common::dog_submission(
        "7e1d2c3b-account-app-0002",
        &version,
        "de",
        &common::dog_answers(),
    );
    let (s, anon) = common::post_json(&app, "/api/v1/submissions", &body).await;
    assert_eq!(s, StatusCode::CREATED);
    let other = anon["receipt"]["reference"].as_str().unwrap().to_owned();
    let (s, _) = eve
        .call(
            "POST",
            "/api/v1/account/applications",
            Some(json!({"reference": other, "token": created["access_token"]})),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "a token opens its own application only"
    );
    let (s, claimed) = dora
        .call(
            "POST",
            "/api/v1/account/applications",
            Some(json!({"reference": other, "token": anon["access_token"]})),
        )
        .await;
    assert_eq!((s, &claimed["reference"]), (StatusCode::OK, &json!(other)));
    let (_, list) = dora.call("GET", "/api/v1/account/applications", None).await;
    assert_eq!(list.as_array().unwrap().len(), 2);

    // The export holds them; deleting the account keeps the applications with the authority.
    let (_, export) = dora.call("GET", "/api/v1/account/export", None).await;
    assert_eq!(export["applications"].as_array().unwrap().len(), 2);
    let (s, _) = dora
        .call(
            "DELETE",
            "/api/v1/account",
            Some(json!({"password": "ein gutes Passwort"})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let res = app
        .get(
            &format!("/api/v1/submissions/{other}"),
            &[(
                "authorization",
                &format!("Bearer {}", anon["access_token"].as_str().unwrap()),
            )],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "the receipt still opens it");
}

async fn forms_that_need_an_eid_refuse_lower_levels(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let res = app
        .get(
            "/api/v1/forms/zivilstandsdokument-ch?municipality=ch:4001",
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let form = common::body_json(res).await;
    assert_eq!(
        form["form"]["assurance"], "substantial",
        "{}",
        form["version"]
    );
    let body = json!({"idempotency_key": "7e1d2c3b-assurance-0001", "form": "zivilstandsdokument-ch",
                      "version": form["version"], "municipality": "ch:4001", "lang": "de", "answers": {}});
    let (s, err) = common::post_json(&app, "/api/v1/submissions", &body).await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("assurance_required"))
    );
    assert_eq!(err["details"]["level"], "substantial");
    // Signed in with a password (low): still refused; the draft's old version does not help.
    let mut dora = citizen(&app, "dora@example.ch").await;
    let (s, err) = dora
        .call("POST", "/api/v1/submissions", Some(body.clone()))
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("assurance_required"))
    );
    let mut old = body.clone();
    old["version"] = json!("1.0");
    let (s, err) = dora.call("POST", "/api/v1/submissions", Some(old)).await;
    assert!(
        matches!(
            err["code"].as_str(),
            Some("assurance_required" | "unknown_form_version" | "form_version_expired")
        ),
        "{s}: {err}"
    );
}

backend_tests!(
    drafts_follow_the_citizen_and_conflicts_are_shown,
    applications_belong_to_their_account,
    forms_that_need_an_eid_refuse_lower_levels,
);
