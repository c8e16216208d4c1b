//! Organisations in the Bürgerkonto: created with a register number, members invited by e-mail
//! (the link read back from the real SMTP server), applications made for the organisation seen
//! by its members and nobody else; admins manage, members do not.

use crate::common;

use axum::http::StatusCode;
use common::browser::Browser;
use common::{SCHMOELLN, TestApp, Which};
use serde_json::json;

async fn citizen<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let name = email.split('-').next().unwrap();
    common::browser::signed_in_citizen(app, email, "ein gutes Passwort", name)
        .await
        .1
}

async fn organisations_and_their_applications(which: Which) {
    let Some((_, maildir)) = common::mail::smtp() else {
        return;
    };
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let max_email = format!("Max-{tag}@example.ch");
    let mut olga = citizen(&app, &format!("Olga-{tag}@example.ch")).await;
    let mut max = citizen(&app, &max_email).await;
    let mut eve = citizen(&app, &format!("Eve-{tag}@example.ch")).await;

    let (s, err) = olga
        .call(
            "POST",
            "/api/v1/organisations",
            Some(json!({"name": "Hundeverein", "register_id": "CHE-109.322.552"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["details"]["errors"][0]["path"], "register_id");
    let (s, org) = olga
        .call(
            "POST",
            "/api/v1/organisations",
            Some(json!({"name": "Hundeverein Schmölln", "register_id": "CHE-109.322.551"})),
        )
        .await;
    assert_eq!((s, &org["role"]), (StatusCode::CREATED, &json!("admin")));
    let id = org["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/organisations/{id}");

    // Invited by e-mail; only the invited address's account can accept.
    let (s, _) = olga
        .call(
            "POST",
            &format!("{path}/invitations"),
            Some(json!({"email": max_email, "role": "member", "lang": "de"})),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let raw = common::mail::arrived(&maildir, &[&tag, "Max"]).await;
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let text = mail.body_text(0).unwrap().into_owned();
    assert!(text.contains("Hundeverein Schmölln"), "{text}");
    let at = text
        .find("/de/konto/einladung#token=")
        .expect("the invitation link");
    let token: String = text[at + 26..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let (s, _) = eve
        .call(
            "POST",
            "/api/v1/organisations/invitations/accept",
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "not Eve's invitation");
    let (s, joined) = max
        .call(
            "POST",
            "/api/v1/organisations/invitations/accept",
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(
        (s, &joined["role"]),
        (StatusCode::OK, &json!("member")),
        "{joined}"
    );
    assert_eq!(joined["members"].as_array().unwrap().len(), 2);
    let (s, _) = max
        .call(
            "POST",
            "/api/v1/organisations/invitations/accept",
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "a link works once");

    // Max applies for the organisation; its members see it, Eve sees nothing.
    let version = common::dog_form_version(&app, SCHMOELLN).await;
    let mut body = common::dog_submission(
        &format!("{tag}-org"),
        &version,
        "de",
        &common::dog_answers(),
    );
    body["organisation"] = json!(id);
    let (s, created) = max
        .call("POST", "/api/v1/submissions", Some(body.clone()))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let reference = created["receipt"]["reference"].as_str().unwrap().to_owned();
    let (s, list) = olga
        .call("GET", &format!("{path}/applications"), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list[0]["reference"], reference.as_str());
    let (s, _) = olga
        .call("GET", &format!("/api/v1/submissions/{reference}"), None)
        .await;
    assert_eq!(
        s,
        StatusCode::OK,
        "a member reads the organisation's application"
    );
    for p in [
        path.clone(),
        format!("{path}/applications"),
        format!("/api/v1/submissions/{reference}"),
    ] {
        let (s, _) = eve.call("GET", &p, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{p}");
    }
    let mut eves = body.clone();
    eves["idempotency_key"] = json!(format!("{tag}-eve"));
    let (s, _) = eve.call("POST", "/api/v1/submissions", Some(eves)).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "only members apply for it");

    // Members do not manage; admins do; the last admin stays.
    let (s, _) = max
        .call(
            "POST",
            &format!("{path}/invitations"),
            Some(json!({"email": "x@example.ch", "role": "admin", "lang": "de"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (_, full) = olga.call("GET", &path, None).await;
    let olga_id = full["members"][0]["id"].as_str().unwrap().to_owned();
    let max_id = full["members"][1]["id"].as_str().unwrap().to_owned();
    let (s, _) = max
        .call("DELETE", &format!("{path}/members/{olga_id}"), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = olga
        .call("DELETE", &format!("{path}/members/{olga_id}"), None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "the last admin cannot leave");
    let (s, _) = olga
        .call("DELETE", &format!("{path}/members/{max_id}"), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = max.call("GET", &path, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, mine) = max.call("GET", "/api/v1/organisations", None).await;
    assert_eq!((s, mine), (StatusCode::OK, json!([])));
    let (s, _) = max
        .call("GET", &format!("/api/v1/submissions/{reference}"), None)
        .await;
    assert_eq!(s, StatusCode::OK, "his own application stays his");
}

backend_tests!(organisations_and_their_applications);
