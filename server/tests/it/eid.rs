//! eID sign-in against a real OpenID provider (npm `oidc-provider`, `scripts/oidc.sh`) with
//! test users at AGOV levels 400 (anna), 300 (beat) and 100 (carla): the authorization code
//! flow with PKCE signs in at the level the provider confirmed; a lower `acr` than asked, a
//! reused code and a foreign `state` sign nobody in; a step-up links the eID to the account
//! signed in and marks what it confirmed as verified.

use crate::common;

use axum::http::{StatusCode, header};
use common::browser::Browser;
use common::{TestApp, Which};
use serde_json::json;

/// Signs `user` in at the provider as a browser would (its login form, no JavaScript) and
/// answers the portal address the provider sends the browser back to.
async fn at_provider(start_url: &str, user: &str) -> String {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let issuer = common::oidc_issuer().unwrap();
    let mut url = start_url.to_owned();
    let mut posted = false;
    for _ in 0..10 {
        let res = http.get(&url).send().await.unwrap();
        if let Some(next) = res.headers().get("location") {
            let next = next.to_str().unwrap();
            let next = if next.starts_with('/') {
                format!("{issuer}{next}")
            } else {
                next.to_owned()
            };
            if !next.starts_with(&issuer) {
                return next;
            }
            url = next;
            continue;
        }
        assert!(
            !posted,
            "the login form came back: {}",
            res.text().await.unwrap()
        );
        let html = res.text().await.unwrap();
        let action = html
            .split("action=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("the provider's login form");
        let res = http
            .post(format!("{issuer}{action}"))
            .form(&[("username", user), ("password", "test")])
            .send()
            .await
            .unwrap();
        posted = true;
        let next = res.headers()["location"].to_str().unwrap();
        url = if next.starts_with('/') {
            format!("{issuer}{next}")
        } else {
            next.to_owned()
        };
        if !url.starts_with(&issuer) {
            return url;
        }
    }
    panic!("the provider never sent the browser back");
}

/// Starts an eID sign-in for `level` and comes back through the provider as `user`: the
/// portal's answer to the callback (its `Location`).
async fn eid_round_trip(b: &mut Browser<'_>, user: &str, level: &str) -> (String, String) {
    let (s, body) = b
        .call(
            "POST",
            "/api/v1/auth/oidc/start",
            Some(json!({"provider": "agov", "level": level, "return_to": "/de/antrag/hundesteuer-th/hund", "lang": "de"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let url = body["url"].as_str().unwrap();
    assert!(url.contains("code_challenge_method=S256"), "PKCE: {url}");
    assert!(
        url.contains("acr_values=urn"),
        "the level is asked for: {url}"
    );
    let back = at_provider(url, user).await;
    let callback = back
        .strip_prefix("http://127.0.0.1:3000")
        .expect("back at the portal's callback")
        .to_owned();
    let (s, headers, _) = b
        .call_raw("GET", &callback, None, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let location = headers[header::LOCATION].to_str().unwrap().to_owned();
    (location, callback)
}

async fn eid_sign_in_and_step_up(which: Which) {
    if common::oidc_issuer().is_none() {
        return;
    }
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (s, list) = Browser::new(&app)
        .call("GET", "/api/v1/auth/providers", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        list,
        json!([{"id": "agov", "name": "AGOV", "highest": "high"}])
    );

    // Anna (AGOV 400) asked for "substantial": signed in at "high", back on her form step.
    let mut anna = Browser::new(&app);
    let (location, callback) = eid_round_trip(&mut anna, "anna", "substantial").await;
    assert_eq!(location, "/de/antrag/hundesteuer-th/hund");
    let (_, info) = anna.call("GET", "/api/v1/session", None).await;
    assert_eq!(info["account"]["level"], "high");
    assert_eq!(info["account"]["given_name"], "Anna");
    let (_, profile) = anna.call("GET", "/api/v1/account", None).await;
    assert_eq!(profile["email"], "anna@example.ch");
    assert_eq!(profile["profile"]["birth_date"], "1985-04-12");
    assert_eq!(profile["profile"]["address"]["street"], "Bahnhofstrasse");
    assert_eq!(profile["profile"]["address"]["number"], "1");
    let verified: Vec<&str> = profile["verified"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for f in ["given_name", "family_name", "birth_date", "address"] {
        assert!(
            verified.contains(&f),
            "{f} is marked verified: {verified:?}"
        );
    }

    // The same answer again (a reused code, a used state): nobody is signed in by it.
    let mut replay = Browser::new(&app);
    let (s, headers, _) = replay.call_raw("GET", &callback, None, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/de/konto/anmelden#eid=invalid");
    let (_, info) = replay.call("GET", "/api/v1/session", None).await;
    assert!(info.get("account").is_none());

    // Carla reaches only AGOV 100: asked for "substantial", she is refused and not signed in.
    let mut carla = Browser::new(&app);
    let (location, _) = eid_round_trip(&mut carla, "carla", "substantial").await;
    assert_eq!(location, "/de/konto/anmelden#eid=level_too_low");
    let (_, info) = carla.call("GET", "/api/v1/session", None).await;
    assert!(info.get("account").is_none());

    // A callback with a state this browser did not start with.
    let mut other = Browser::new(&app);
    let (s, body) = other
        .call(
            "POST",
            "/api/v1/auth/oidc/start",
            Some(json!({"provider": "agov", "level": "low", "return_to": "https://evil.example/", "lang": "fr"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, headers, _) = other
        .call_raw(
            "GET",
            "/api/v1/auth/oidc/callback?code=x&state=forged",
            None,
            &[],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/fr/konto/anmelden#eid=invalid");

    // Step-up: Beat has a password account (low) with his eID's address; in the middle of a
    // form he confirms his identity (AGOV 300) and stays the same account, now "substantial".
    let db = &app.db;
    let id = uuid::Uuid::new_v4().to_string();
    let hash = server::accounts::passwords::Hasher::new(1, 1)
        .hash("Beats Passwort 1".into())
        .await
        .unwrap();
    let typed = json!({"given_name": "Beat", "family_name": "Beispiel"});
    server::accounts::store::insert(
        db,
        &id,
        "beat@example.ch",
        &hash,
        typed.as_object().unwrap(),
        "de",
    )
    .await
    .unwrap();
    server::accounts::store::set_verified(db, &id)
        .await
        .unwrap();
    let mut beat = Browser::new(&app);
    let (s, info) = beat
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({"email": "beat@example.ch", "password": "Beats Passwort 1"})),
        )
        .await;
    assert_eq!(
        (s, &info["account"]["level"]),
        (StatusCode::OK, &json!("low"))
    );
    let (location, _) = eid_round_trip(&mut beat, "beat", "substantial").await;
    assert_eq!(location, "/de/antrag/hundesteuer-th/hund");
    let (_, info) = beat.call("GET", "/api/v1/session", None).await;
    assert_eq!(info["account"]["level"], "substantial");
    let (_, profile) = beat.call("GET", "/api/v1/account", None).await;
    assert_eq!(profile["email"], "beat@example.ch", "the same account");
    assert_eq!(profile["profile"]["birth_date"], "1990-01-02");
    let linked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM account_identities WHERE account = $1")
            .bind(&id)
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(linked, 1);
    // The form that needs an eID lets Beat through its door now (his empty answers are what
    // is refused, no longer his level).
    let res = app
        .get(
            "/api/v1/forms/zivilstandsdokument-ch?municipality=ch:4001",
            &[],
        )
        .await;
    let version = common::body_json(res).await["version"].clone();
    let body = json!({"idempotency_key": "5b7d1e2f-eid-assurance-01", "form": "zivilstandsdokument-ch",
                      "version": version, "municipality": "ch:4001", "lang": "de", "answers": {}});
    let (s, err) = beat.call("POST", "/api/v1/submissions", Some(body)).await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_answers"))
    );

    // Without a session, an eID whose e-mail belongs to an account not linked to it is refused
    // (sign in with the password first, then connect).
    let carl_id = uuid::Uuid::new_v4().to_string();
    server::accounts::store::insert(
        db,
        &carl_id,
        "carla@example.ch",
        &hash,
        typed.as_object().unwrap(),
        "de",
    )
    .await
    .unwrap();
    let mut fresh = Browser::new(&app);
    let (location, _) = eid_round_trip(&mut fresh, "carla", "low").await;
    assert_eq!(location, "/de/konto/anmelden#eid=email_taken");
}

/// Starts a staff sign-in at the organisation's provider and comes back as `user`: the
/// portal's answer to the callback (its `Location`).
async fn staff_round_trip(b: &mut Browser<'_>, user: &str) -> String {
    let (s, body) = b
        .call(
            "POST",
            "/api/v1/staff/oidc/start",
            Some(json!({"provider": "agov", "lang": "de"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let url = body["url"].as_str().unwrap();
    assert!(url.contains("code_challenge_method=S256"), "PKCE: {url}");
    assert!(
        url.contains("acr_values=urn%3Aqa.agov.ch%3Anames%3Atc%3Aac%3Aclasses%3A400"),
        "the highest level listed is asked for: {url}"
    );
    let back = at_provider(url, user).await;
    let callback = back
        .strip_prefix("http://127.0.0.1:3000")
        .expect("back at the portal's callback")
        .to_owned();
    assert!(
        callback.starts_with("/api/v1/staff/oidc/callback?"),
        "{callback}"
    );
    let (s, headers, _) = b
        .call_raw("GET", &callback, None, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    headers[header::LOCATION].to_str().unwrap().to_owned()
}

/// Staff sign in through the organisation's own provider: only a staff member with the
/// verified address, at the highest level listed, is signed in; the first sign-in links the
/// provider's subject, which alone counts afterwards; a disabled member is refused.
async fn staff_sign_in_through_organisation_provider(which: Which) {
    if common::oidc_issuer().is_none() {
        return;
    }
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    use server::access::{Role, staff};
    let (s, list) = Browser::new(&app)
        .call("GET", "/api/v1/staff/providers", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list, json!([{"id": "agov", "name": "AGOV"}]));

    // Anna is not staff yet: refused, no session.
    let mut anna = Browser::new(&app);
    let location = staff_round_trip(&mut anna, "anna").await;
    assert_eq!(location, "/de/amt/anmelden#anmeldung=not_staff");
    let (_, info) = anna.call("GET", "/api/v1/staff/session", None).await;
    assert!(info["staff"].is_null(), "{info}");

    // As a clerk of Aarau she signs in, and her inbox opens.
    let m = staff::create(&app.db, "Anna Muster", "Anna@Example.ch")
        .await
        .unwrap()
        .unwrap();
    staff::grant(&app.db, &m.id, "ch:4001", Role::Clerk)
        .await
        .unwrap();
    let location = staff_round_trip(&mut anna, "anna").await;
    assert_eq!(location, "/de/amt");
    let (_, info) = anna.call("GET", "/api/v1/staff/session", None).await;
    assert_eq!(info["staff"]["email"], "anna@example.ch", "{info}");
    assert_eq!(info["staff"]["authorities"][0]["id"], "ch:4001");
    let (s, _) = anna.call("GET", "/api/v1/staff/cases", None).await;
    assert_eq!(s, StatusCode::OK);
    // No citizen session came with it.
    let (_, citizen) = anna.call("GET", "/api/v1/session", None).await;
    assert!(citizen["account"].is_null(), "{citizen}");

    // Beat's provider confirms AGOV 300 only: below the level staff sign in with.
    let b = staff::create(&app.db, "Beat Beispiel", "beat@example.ch")
        .await
        .unwrap()
        .unwrap();
    staff::grant(&app.db, &b.id, "ch:4001", Role::Clerk)
        .await
        .unwrap();
    let mut beat = Browser::new(&app);
    let location = staff_round_trip(&mut beat, "beat").await;
    assert_eq!(location, "/de/amt/anmelden#anmeldung=level_too_low");

    // The link counts, not the address: with her address given to someone else, Anna still
    // signs in as herself (the subject is linked to her member id).
    sqlx::query("UPDATE staff_members SET email = 'anna.muster@staff.example' WHERE id = $1")
        .bind(&m.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let other = staff::create(&app.db, "Someone Else", "anna@example.ch")
        .await
        .unwrap()
        .unwrap();
    staff::grant(&app.db, &other.id, "ch:4001", Role::AuthorityAdmin)
        .await
        .unwrap();
    let mut again = Browser::new(&app);
    assert_eq!(staff_round_trip(&mut again, "anna").await, "/de/amt");
    let (_, info) = again.call("GET", "/api/v1/staff/session", None).await;
    assert_eq!(info["staff"]["id"], m.id.as_str(), "{info}");

    // Disabled: refused, and the session she had ends.
    sqlx::query("UPDATE staff_members SET disabled_at = '2026-01-01T00:00:00Z' WHERE id = $1")
        .bind(&m.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let (_, info) = anna.call("GET", "/api/v1/staff/session", None).await;
    assert!(info["staff"].is_null(), "{info}");
    let mut later = Browser::new(&app);
    assert_eq!(
        staff_round_trip(&mut later, "anna").await,
        "/de/amt/anmelden#anmeldung=not_staff"
    );

    // A forged answer signs nobody in.
    let mut forger = Browser::new(&app);
    let (s, headers, _) = forger
        .call_raw(
            "GET",
            "/api/v1/staff/oidc/callback?code=x&state=forged",
            None,
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        "/de/amt/anmelden#anmeldung=invalid"
    );
}

backend_tests!(
    eid_sign_in_and_step_up,
    staff_sign_in_through_organisation_provider
);
