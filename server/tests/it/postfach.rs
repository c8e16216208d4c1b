//! The Postfach: the authority's clerk writes to the citizen about an application through the
//! same service clerk mode will use (the staff API), the citizen is told by e-mail (read from
//! the real SMTP server) that a message waits, without its content; the citizen reads it in
//! the account's Postfach and answers with a file; nobody else reads or writes there.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::browser::Browser;
use common::{SCHMOELLN, TestApp, Which};
use serde_json::json;

fn pdf() -> Vec<u8> {
    let mut b = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    b.resize(700, b' ');
    b
}

async fn messages_between_authority_and_citizen(which: Which) {
    let Some((_, maildir)) = common::mail::smtp() else {
        return;
    };
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    // Dora, signed in, applies.
    let email = format!("dora-{}@example.ch", uuid::Uuid::new_v4().simple());
    let (_, mut dora) =
        common::browser::signed_in_citizen(&app, &email, "ein gutes Passwort", "Dora").await;
    let version = common::dog_form_version(&app, SCHMOELLN).await;
    let body = common::dog_submission(
        "6a2f0c1d-postfach-0001",
        &version,
        "de",
        &common::dog_answers(),
    );
    let (s, created) = dora.call("POST", "/api/v1/submissions", Some(body)).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let reference = created["receipt"]["reference"].as_str().unwrap().to_owned();
    let authority = created["receipt"]["authority"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let messages = format!("/api/v1/submissions/{reference}/messages");

    // The clerk writes, with a file: the staff API, the service clerk mode will use.
    let clerk = common::staff_token(&app, &authority, server::access::Role::Clerk).await;
    let bearer = format!("Bearer {clerk}");
    let res = app
        .send(
            Request::post(format!(
                "/api/v1/submissions/{reference}/message-files?name=Verfügung.pdf"
            ))
            .header("authorization", &bearer)
            .header("content-type", "application/pdf")
            .body(Body::from(pdf()))
            .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let file = common::body_json(res).await;
    assert_eq!(file["name"], "Verfügung.pdf");
    let res = app
        .send(
            Request::post(&messages)
                .header("authorization", &bearer)
                .header("content-type", "application/json")
                .body(Body::from(json!({"body": "Bitte senden Sie uns den Impfausweis Ihres Hundes.", "files": [file["id"]]}).to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let sent = common::body_json(res).await;
    assert_eq!(sent["direction"], "authority");
    assert_eq!(sent["files"][0]["name"], "Verfügung.pdf");

    // The e-mail says that there is a message, not what it says.
    let raw = common::mail::arrived(&maildir, &[&email]).await;
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let text = mail.body_text(0).unwrap();
    assert!(text.contains(&reference), "{text}");
    assert!(text.contains("/de/konto/postfach"), "{text}");
    assert!(
        !text.contains("Impfausweis"),
        "no content in the e-mail: {text}"
    );

    // Dora's Postfach: one unread message; reading the application's messages marks it read.
    let (s, pf) = dora.call("GET", "/api/v1/account/messages", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(pf["unread"], 1);
    assert_eq!(pf["messages"][0]["reference"], reference.as_str());
    let (s, list) = dora.call("GET", &messages, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        list[0]["body"],
        "Bitte senden Sie uns den Impfausweis Ihres Hundes."
    );
    let (_, pf) = dora.call("GET", "/api/v1/account/messages", None).await;
    assert_eq!(pf["unread"], 0);
    let file_path = format!(
        "/api/v1/submissions/{reference}/message-files/{}",
        file["id"].as_str().unwrap()
    );
    let (s, headers, _) = dora.call_raw("GET", &file_path, None, &[]).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");

    // She answers with a file of her own; a file that is not a PDF or image is refused.
    let (s, _, err) = dora
        .call_raw(
            "POST",
            &format!("/api/v1/submissions/{reference}/message-files?name=x.exe"),
            None,
            &[],
        )
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("file_type"))
    );
    let res = app
        .send(
            Request::post(format!(
                "/api/v1/submissions/{reference}/message-files?name=impfausweis.pdf"
            ))
            .header("cookie", dora.cookie.clone().unwrap())
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(pdf()))
            .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let mine = common::body_json(res).await;
    // The clerk's file cannot be sent again as hers.
    let (s, _) = dora
        .call(
            "POST",
            &messages,
            Some(json!({"body": "Hier ist er.", "files": [file["id"]]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, reply) = dora
        .call(
            "POST",
            &messages,
            Some(json!({"body": "Hier ist der Impfausweis.", "files": [mine["id"]]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{reply}");
    assert_eq!(reply["direction"], "citizen");

    // The clerk sees both; another authority's staff, another citizen and nobody see nothing.
    let res = app.get(&messages, &[("authorization", &bearer)]).await;
    let all = common::body_json(res).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[1]["files"][0]["name"], "impfausweis.pdf");
    let other = common::staff_token(&app, "ch:4001", server::access::Role::AuthorityAdmin).await;
    let res = app
        .get(&messages, &[("authorization", &format!("Bearer {other}"))])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app.get(&messages, &[]).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let (s, _) = Browser::new(&app)
        .call("POST", &messages, Some(json!({"body": "Spam"})))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // The receipt's token opens the Postfach of its application too.
    let token = created["access_token"].as_str().unwrap();
    let res = app
        .get(&messages, &[("authorization", &format!("Bearer {token}"))])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

backend_tests!(messages_between_authority_and_citizen);
