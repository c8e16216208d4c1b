//! The Bürgerkonto over HTTP: registering with a confirmation link read from the real SMTP
//! server, signing in and out, the session cookie, throttling, password reset and change
//! (other sessions end), a new address, profile, export, deletion, and the refusal of
//! state-changing requests from other sites.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::browser::Browser;
use common::mail::{mails, token_from_mail};
use common::{TestApp, Which, body_json};
use serde_json::{Value, json};

fn unique(prefix: &str) -> String {
    format!("{prefix}-{}@example.ch", uuid::Uuid::new_v4().simple())
}

fn registration(email: &str, password: &str) -> Value {
    json!({
        "profile": {
            "given_name": "Anna", "family_name": "Muster", "birth_date": "1985-04-12",
            "address": {"street": "Bahnhofstrasse", "number": "1", "postcode": "4410", "place": "Liestal", "country": "CH"}
        },
        "email": email, "password": password, "lang": "de"
    })
}

/// Registers, confirms and signs in `email`; the browser is signed in.
async fn signed_in<'a>(
    app: &'a TestApp,
    maildir: &std::path::Path,
    email: &str,
    password: &str,
) -> Browser<'a> {
    let mut b = Browser::new(app);
    let (s, _) = b
        .call(
            "POST",
            "/api/v1/account",
            Some(registration(email, password)),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let token = token_from_mail(maildir, email, "bestaetigen", 1).await;
    let (s, _) = b
        .call(
            "POST",
            "/api/v1/account/verify",
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, info) = b
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": email, "password": password})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{info}");
    b
}

async fn register_confirm_sign_in(which: Which) {
    let Some((_, maildir)) = common::mail::smtp() else {
        return;
    };
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let email = unique("anna");
    let mut b = Browser::new(&app);

    // Field errors come back in the request's language, in field order.
    let mut bad = registration(&email, "kurz");
    bad["profile"]["given_name"] = json!("");
    let (s, body) = b.call("POST", "/api/v1/account", Some(bad)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_input");
    let paths: Vec<&str> = body["details"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["given_name", "password"]);
    assert!(
        body["details"]["errors"][1]["message"]
            .as_str()
            .unwrap()
            .contains("mindestens 10 Zeichen")
    );

    let (s, body) = b
        .call(
            "POST",
            "/api/v1/account",
            Some(registration(&email, "ein langes Passwort")),
        )
        .await;
    assert_eq!(
        (s, body["status"].as_str()),
        (StatusCode::ACCEPTED, Some("check_email"))
    );

    // Not confirmed yet: the right password is told so (and a new link goes out).
    let (s, body) = b
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": email, "password": "ein langes Passwort"})),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("email_not_verified"))
    );
    assert!(b.cookie.is_none(), "no session for an unconfirmed address");

    // The newest link counts (the one sent again); the first one no longer works.
    let first = token_from_mail(&maildir, &email, "bestaetigen", 1).await;
    let token = token_from_mail(&maildir, &email, "bestaetigen", 2).await;
    let (s, _) = b
        .call(
            "POST",
            "/api/v1/account/verify",
            Some(json!({"token": first})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = b
        .call(
            "POST",
            "/api/v1/account/verify",
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    // A link works once.
    let (s, body) = b
        .call(
            "POST",
            "/api/v1/account/verify",
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_link"))
    );

    // Nobody signed in yet.
    let (s, info) = b.call("GET", "/api/v1/session", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(info.get("account").is_none());
    let (s, body) = b.call("GET", "/api/v1/account", None).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthorised"))
    );

    // A cookie set before signing in is not the one after (no session fixation).
    let (s, headers, info) = b
        .call_raw(
            "POST",
            "/api/v1/session",
            Some(json!({"email": email.to_uppercase(), "password": "ein langes Passwort"})),
            &[],
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{info}");
    assert_eq!(info["account"]["given_name"], "Anna");
    assert_eq!(info["account"]["level"], "low");
    assert_eq!(info["idle_timeout_secs"], 1800);
    let set = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(set.contains("Path=/"), "{set}");
    assert_eq!(
        headers.get(header::CACHE_CONTROL).unwrap(),
        "private, no-store"
    );

    let (s, profile) = b.call("GET", "/api/v1/account", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(profile["email"], email.as_str());
    assert_eq!(profile["profile"]["address"]["place"], "Liestal");

    // The session is in the database: another server process (a second router on the same
    // database) serves it.
    let fixed = b.cookie.clone().unwrap();
    let (s, info) = b.call("GET", "/api/v1/session", None).await;
    assert_eq!(
        (s, &info["account"]["email"]),
        (StatusCode::OK, &json!(email))
    );

    // Signing out ends the session everywhere: the old cookie opens nothing.
    let (s, _) = b.call("DELETE", "/api/v1/session", None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    b.cookie = Some(fixed);
    let (s, _) = b.call("GET", "/api/v1/account", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

async fn nothing_tells_whether_an_address_is_registered(which: Which) {
    let Some((_, maildir)) = common::mail::smtp() else {
        return;
    };
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let email = unique("known");
    let _known = signed_in(&app, &maildir, &email, "das richtige Passwort").await;
    let mut b = Browser::new(&app);

    // Registering again answers as for a new address; the owner gets a notice instead.
    let (s, body) = b
        .call(
            "POST",
            "/api/v1/account",
            Some(registration(&email, "ein anderes Passwort")),
        )
        .await;
    assert_eq!(
        (s, body),
        (StatusCode::ACCEPTED, json!({"status": "check_email"}))
    );
    mails(&maildir, &email, "Sie haben schon eines", 1).await;

    // A wrong password and an unknown address get the same answer.
    let (s1, wrong) = b
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": email, "password": "falsches Passwort"})),
        )
        .await;
    let (s2, unknown) = b
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": unique("nobody"), "password": "falsches Passwort"})),
        )
        .await;
    assert_eq!(s1, StatusCode::UNAUTHORIZED);
    assert_eq!((s1, &wrong), (s2, &unknown));
    assert_eq!(wrong["code"], "invalid_credentials");

    // A reset is "sent" either way.
    let (s1, a) = b
        .call(
            "POST",
            "/api/v1/account/password-reset",
            Some(json!({"email": email, "lang": "de"})),
        )
        .await;
    let (s2, c) = b
        .call(
            "POST",
            "/api/v1/account/password-reset",
            Some(json!({"email": unique("nobody"), "lang": "de"})),
        )
        .await;
    assert_eq!((s1, &a), (s2, &c));
    assert_eq!(s1, StatusCode::ACCEPTED);
}

async fn sign_ins_are_throttled_per_account(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let email = unique("target");
    let mut b = Browser::new(&app);
    let mut refused = None;
    for i in 0..12 {
        let (s, body) = b
            .call(
                "POST",
                "/api/v1/session",
                Some(json!({"email": email, "password": format!("guess number {i}")})),
            )
            .await;
        if s == StatusCode::TOO_MANY_REQUESTS {
            refused = Some((i, body));
            break;
        }
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let (i, body) = refused.expect("the 11th attempt is refused");
    assert_eq!(i, 10, "ten attempts per quarter hour are allowed");
    assert_eq!(body["code"], "rate_limited");
    assert!(body["details"]["retry_after"].as_u64().unwrap() >= 1);
}

async fn a_new_password_ends_the_other_sessions(which: Which) {
    let Some((_, maildir)) = common::mail::smtp() else {
        return;
    };
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let email = unique("change");
    let mut laptop = signed_in(&app, &maildir, &email, "erstes Passwort 1").await;
    let mut phone = Browser::new(&app);
    let (s, _) = phone
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": email, "password": "erstes Passwort 1"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_ne!(
        laptop.cookie, phone.cookie,
        "each sign-in has its own session"
    );

    // The current password is checked, as a field error.
    let (s, body) = laptop
        .call(
            "PUT",
            "/api/v1/account/password",
            Some(json!({"current": "nicht das Passwort", "new": "zweites Passwort 2"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["details"]["errors"][0]["path"], "current");
    assert_eq!(body["details"]["errors"][0]["code"], "wrong_password");

    let before = laptop.cookie.clone();
    let (s, _) = laptop
        .call(
            "PUT",
            "/api/v1/account/password",
            Some(json!({"current": "erstes Passwort 1", "new": "zweites Passwort 2"})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_ne!(laptop.cookie, before, "this session got a new id");
    let (s, _) = laptop.call("GET", "/api/v1/account", None).await;
    assert_eq!(s, StatusCode::OK, "this session goes on");
    let (s, _) = phone.call("GET", "/api/v1/account", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "the other session ended");
    mails(
        &maildir,
        &email,
        "Passwort Ihres Bürgerkontos wurde geändert",
        1,
    )
    .await;

    // A forgotten password: the link sets a new one once and ends every session.
    let (s, _) = phone
        .call(
            "POST",
            "/api/v1/account/password-reset",
            Some(json!({"email": email, "lang": "de"})),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let token = token_from_mail(&maildir, &email, "passwort-neu", 1).await;
    let (s, body) = phone
        .call(
            "POST",
            "/api/v1/account/password-reset/confirm",
            Some(json!({"token": token, "password": "kurz"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (s, _) = phone
        .call(
            "POST",
            "/api/v1/account/password-reset/confirm",
            Some(json!({"token": token, "password": "drittes Passwort 3"})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = phone
        .call(
            "POST",
            "/api/v1/account/password-reset/confirm",
            Some(json!({"token": token, "password": "viertes Passwort 4"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "the link works once");
    let (s, _) = laptop.call("GET", "/api/v1/account", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "a reset ends every session");
    let (s, _) = phone
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": email, "password": "zweites Passwort 2"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = phone
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": email, "password": "drittes Passwort 3"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
}

async fn profile_address_export_and_deletion(which: Which) {
    let Some((_, maildir)) = common::mail::smtp() else {
        return;
    };
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let email = unique("profile");
    let mut b = signed_in(&app, &maildir, &email, "mein Passwort 123").await;

    let (s, body) = b
        .call("PUT", "/api/v1/account", Some(json!({"profile": {"given_name": "Anna", "family_name": "", "address": {}}, "lang": "fr"})))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["details"]["errors"][0]["path"], "family_name");
    let (s, profile) = b
        .call("PUT", "/api/v1/account", Some(json!({
            "profile": {"given_name": " Anna ", "family_name": "Muster-Keller",
                        "address": {"street": "Rheinstrasse", "number": "5", "postcode": "4410", "place": "Liestal", "country": "CH"}},
            "lang": "fr"})))
        .await;
    assert_eq!(s, StatusCode::OK, "{profile}");
    assert_eq!(profile["profile"]["given_name"], "Anna", "stored trimmed");
    assert_eq!(profile["lang"], "fr");
    assert!(
        profile["profile"].get("birth_date").is_none(),
        "removed when left empty"
    );

    // A new address counts once its link is followed; the old one is told.
    let new_email = unique("neu");
    let (s, _) = b
        .call(
            "PUT",
            "/api/v1/account/email",
            Some(json!({"email": new_email, "password": "mein Passwort 123"})),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    mails(&maildir, &email, "nouvelle adresse", 1).await;
    let token = token_from_mail(&maildir, &new_email, "bestaetigen", 1).await;
    let (s, _) = b
        .call(
            "POST",
            "/api/v1/account/verify",
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, profile) = b.call("GET", "/api/v1/account", None).await;
    assert_eq!(profile["email"], new_email.as_str());

    let (s, headers, export) = b.call_raw("GET", "/api/v1/account/export", None, &[]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        headers
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    assert_eq!(export["format"], "schalter-account-export/1");
    assert_eq!(export["account"]["email"], new_email.as_str());
    assert_eq!(export["account"]["profile"]["family_name"], "Muster-Keller");
    assert!(
        !export.to_string().contains("argon2"),
        "no password hash in the export"
    );

    // Deleting needs the password; then the account and its sessions are gone.
    let (s, _) = b
        .call(
            "DELETE",
            "/api/v1/account",
            Some(json!({"password": "falsch falsch"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = b
        .call(
            "DELETE",
            "/api/v1/account",
            Some(json!({"password": "mein Passwort 123"})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = b.call("GET", "/api/v1/account", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = b
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": new_email, "password": "mein Passwort 123"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE email_key = $1")
        .bind(new_email.to_lowercase())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(left, 0);
}

async fn other_sites_cannot_change_anything(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let mut b = Browser::new(&app);
    let body = json!({"email": unique("x"), "password": "irgendein Passwort"});
    let (s, _, err) = b
        .call_raw(
            "POST",
            "/api/v1/session",
            Some(body.clone()),
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("cross_site"))
    );
    // An old browser without Sec-Fetch-Site: the Origin must be the portal's own host.
    let req = Request::post("/api/v1/session")
        .header(header::HOST, "portal.example")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(body_json(res).await["code"], "cross_site");
    // Reading stays open to other sites (the embedded search); API clients without browser
    // headers are not affected.
    let (s, _, _) = b
        .call_raw(
            "GET",
            "/api/v1/session",
            None,
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let req = Request::post("/api/v1/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    assert_eq!(app.send(req).await.status(), StatusCode::UNAUTHORIZED);
}

backend_tests!(
    register_confirm_sign_in,
    nothing_tells_whether_an_address_is_registered,
    sign_ins_are_throttled_per_account,
    a_new_password_ends_the_other_sessions,
    profile_address_export_and_deletion,
    other_sites_cannot_change_anything,
);
