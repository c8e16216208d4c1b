//! Citizens' receipt tokens have a lifetime their authority sets, and can be replaced: by the
//! citizen (the old token stops working at once) or by the authority's staff, who never see
//! the new token — it goes to the application's e-mail address, through the outbox and a real
//! SMTP server, as a link that opens the receipt.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{SCHMOELLN, TestApp, Which, body_json, dog_answers, dog_form_version, staff_token};
use serde_json::{Value, json};
use server::access::Role;

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"));
    let body = match body {
        Some(b) => {
            req = req.header("content-type", "application/json");
            Body::from(b.to_string())
        }
        None => Body::empty(),
    };
    let res = app.send(req.body(body).unwrap()).await;
    let status = res.status();
    (status, body_json(res).await)
}

async fn tokens_expire_and_can_be_replaced(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let mut answers = dog_answers();
    answers["email"] = json!("citizen@example.org");
    let created = common::submit(&app, "6a0e2b7c-receipt-access-0001", &version, &answers).await;
    let reference = created.receipt.reference.clone();
    let authority = created.receipt.authority.id.clone();
    let receipt = format!("/api/v1/submissions/{reference}");
    let renew = format!("{receipt}/access-token");
    // The token says how long it is valid: the portal's default of a year.
    let until: jiff::Timestamp = created
        .access_valid_until
        .as_deref()
        .unwrap()
        .parse()
        .unwrap();
    let days = until.duration_since(jiff::Timestamp::now()).as_hours() / 24;
    assert!((363..=365).contains(&days), "{days}");

    // The citizen replaces their token: the old one opens nothing any more.
    let first = created.access_token.clone();
    let (status, body) = call(&app, "POST", &renew, &first, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["emailed"], false);
    let second = body["access_token"].as_str().unwrap().to_owned();
    assert_ne!(second, first);
    assert_eq!(
        call(&app, "GET", &receipt, &first, None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&app, "GET", &receipt, &second, None).await.0,
        StatusCode::OK
    );

    // The authority's clerk replaces it (it got into the wrong hands): the clerk never sees
    // the new one, the citizen gets it by e-mail.
    let clerk = staff_token(&app, &authority, Role::Clerk).await;
    let (status, body) = call(&app, "POST", &renew, &clerk, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["emailed"], true);
    assert!(body.get("access_token").is_none(), "{body}");
    assert_eq!(
        call(&app, "GET", &receipt, &second, None).await.0,
        StatusCode::NOT_FOUND
    );
    if let Some((url, maildir)) = common::mail::smtp() {
        let outbox = server::handoff::outbox::Outbox::new(
            app.db.clone(),
            app.attachments.clone(),
            Some(common::mail::mailer(url)),
            Default::default(),
        )
        .unwrap()
        .with_receipt_key(app.access.clone());
        let stats = outbox.run_once().await.unwrap();
        assert!(stats.delivered >= 1, "{stats:?}");
        let raw = common::mail::arrived(&maildir, &[&reference, "zugang="]).await;
        let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
        assert_eq!(
            mail.to().unwrap().first().unwrap().address().unwrap(),
            "citizen@example.org"
        );
        let text = mail.body_text(0).unwrap().into_owned();
        let link = text
            .lines()
            .find(|l| l.contains("#zugang="))
            .unwrap_or_else(|| panic!("no link in {text}"));
        assert!(
            link.starts_with(&format!(
                "https://schalter.test/de/eingang/{reference}#zugang="
            )),
            "{link}"
        );
        let third = link.rsplit_once("#zugang=").unwrap().1.trim();
        let (status, body) = call(&app, "GET", &receipt, third, None).await;
        assert_eq!(
            (status, body["reference"].as_str()),
            (StatusCode::OK, Some(reference.as_str()))
        );
    }

    // The authority's admin shortens the lifetime; it applies to tokens already issued.
    let settings = format!("/api/v1/authorities/{authority}/settings");
    let admin = staff_token(&app, &authority, Role::AuthorityAdmin).await;
    assert_eq!(
        call(
            &app,
            "PUT",
            &settings,
            &clerk,
            Some(json!({"receipt_token_days": 1}))
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = call(
        &app,
        "PUT",
        &settings,
        &admin,
        Some(json!({"receipt_token_days": 0})),
    )
    .await;
    assert_eq!(
        (status, body["details"]["parameter"].as_str()),
        (StatusCode::BAD_REQUEST, Some("receipt_token_days"))
    );
    let (status, body) = call(
        &app,
        "PUT",
        &settings,
        &admin,
        Some(json!({"receipt_token_days": 1})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["receipt_token_days"], 1);
    assert_eq!(body["default_receipt_token_days"], 365);
    let (status, body) = call(&app, "GET", &settings, &admin, None).await;
    assert_eq!(
        (status, &body["receipt_token_days"]),
        (StatusCode::OK, &json!(1))
    );
    // Two days after the token was issued, it is over: said so to whoever shows it.
    let two_days_ago = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(48))
        .unwrap()
        .strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string();
    sqlx::query("UPDATE submissions SET token_issued_at = $1 WHERE reference = $2")
        .bind(two_days_ago)
        .bind(&reference)
        .execute(app.db.pool())
        .await
        .unwrap();
    let generation: i64 =
        sqlx::query_scalar("SELECT token_generation FROM submissions WHERE reference = $1")
            .bind(&reference)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let current = app.access.token(&reference, generation);
    let (status, body) = call(&app, "GET", &receipt, &current, None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("token_expired")),
        "{body}"
    );
    let (status, _) = call(&app, "POST", &renew, &current, None).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "an expired token cannot renew itself"
    );
    // The authority still reads the case.
    assert_eq!(
        call(&app, "GET", &receipt, &clerk, None).await.0,
        StatusCode::OK
    );
}

backend_tests!(tokens_expire_and_can_be_replaced);
