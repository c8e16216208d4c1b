//! Clerk mode through the API: staff sign in with password and a second factor; the inbox
//! shows only the clerk's authorities; a case is taken, a question goes to the citizen, the
//! citizen's answer returns it, the clerk completes it with a decision document; two clerks
//! changing it at once: one wins; internal notes stay internal; every read and change is in
//! the audit chain, whose check finds an edited, removed or cut-off entry.

use crate::common;

use axum::http::StatusCode;
use common::browser::Browser;
use common::{SCHMOELLN, TestApp, Which, staff_browser};
use serde_json::json;
use server::access::Role;

fn pdf() -> Vec<u8> {
    let mut b = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    b.resize(800, b' ');
    b
}

async fn submit(app: &TestApp, key: &str, given: &str, family: &str) -> (String, String, String) {
    let version = common::dog_form_version(app, SCHMOELLN).await;
    let mut answers = common::dog_answers();
    answers["given_name"] = json!(given);
    answers["family_name"] = json!(family);
    let created = common::submit(app, key, &version, &answers).await;
    (
        created.receipt.reference.clone(),
        created.access_token.clone(),
        created.receipt.authority.id.clone(),
    )
}

async fn a_case_from_question_to_decision(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (reference, token, authority) =
        submit(&app, "c1e4a0de-clerk-case-0001", "Zoë", "Wäfler").await;
    let clerk = common::staff_session(&app, "Clara Clerk", &authority, Role::Clerk).await;
    let colleague = common::staff_session(&app, "Cem Kollege", &authority, Role::Clerk).await;
    let elsewhere = common::staff_session(&app, "Olga Other", "ch:4001", Role::Clerk).await;
    let mut c = staff_browser(&app, &clerk);
    let mut k = staff_browser(&app, &colleague);
    let mut o = staff_browser(&app, &elsewhere);

    // The inbox: counts per status, found by the applicant's name (any case, umlauts).
    let (s, inbox) = c
        .call("GET", "/api/v1/staff/cases?q=w%C3%A4fler", None)
        .await;
    assert_eq!(s, StatusCode::OK, "{inbox}");
    assert_eq!(inbox["total"], 1);
    assert_eq!(inbox["cases"][0]["reference"], reference.as_str());
    assert_eq!(inbox["cases"][0]["applicant"], "Zoë Wäfler");
    assert_eq!(inbox["cases"][0]["status"], "received");
    let received = inbox["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "received")
        .unwrap()["count"]
        .as_u64()
        .unwrap();
    assert_eq!(received, 1);
    // Another authority's clerk sees none of it, not even by its reference.
    let (s, theirs) = o
        .call("GET", &format!("/api/v1/staff/cases?q={reference}"), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(theirs["total"], 0);
    let (s, _) = o
        .call("GET", &format!("/api/v1/staff/cases/{reference}"), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = o
        .call(
            "GET",
            &format!("/api/v1/staff/cases?authority={authority}"),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    // The case: the answers as the receipt shows them.
    let path = format!("/api/v1/staff/cases/{reference}");
    let (s, case) = c.call("GET", &path, None).await;
    assert_eq!(s, StatusCode::OK, "{case}");
    assert_eq!(case["receipt"]["reference"], reference.as_str());
    assert!(case["receipt"]["summary"].to_string().contains("Luna"));
    assert_eq!(case["version"], 0);
    assert_eq!(case["reachable"], true);
    let names: Vec<&str> = case["colleagues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Clara Clerk") && names.contains(&"Cem Kollege"));

    // Taking it: in progress, assigned to the clerk.
    let (s, taken) = c
        .call(
            "POST",
            &format!("{path}/assignee"),
            Some(json!({"to": clerk.id, "version": 0})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{taken}");
    assert_eq!(taken["status"], "in_progress");
    let version = taken["version"].as_i64().unwrap();
    let (_, mine) = c.call("GET", "/api/v1/staff/cases?assignee=me", None).await;
    assert_eq!(mine["total"], 1);
    let (_, theirs) = k.call("GET", "/api/v1/staff/cases?assignee=me", None).await;
    assert_eq!(theirs["total"], 0);

    // Two clerks act on the same version at once: one wins, the other is told.
    let ask = json!({"to": "waiting_for_citizen", "reason": "Bitte senden Sie uns den Impfausweis von Luna.", "version": version});
    let status_path = format!("{path}/status");
    let (mut c2, mut k2) = (c.clone_session(), k.clone_session());
    let (first, second) = tokio::join!(
        c2.call("POST", &status_path, Some(ask.clone())),
        k2.call("POST", &status_path, Some(ask.clone()))
    );
    let outcomes = [first.0, second.0];
    assert!(
        outcomes.contains(&StatusCode::OK) && outcomes.contains(&StatusCode::CONFLICT),
        "{first:?} {second:?}"
    );
    let loser = if first.0 == StatusCode::CONFLICT {
        &first.1
    } else {
        &second.1
    };
    assert_eq!(loser["code"], "case_changed");
    let (_, case) = c.call("GET", &path, None).await;
    assert_eq!(case["receipt"]["status"], "waiting_for_citizen");
    // The question went out once.
    assert_eq!(case["messages"].as_array().unwrap().len(), 1);
    let version = case["version"].as_i64().unwrap();

    // The citizen (token holder) reads the question with the reason on the status page.
    let mut citizen = Browser::new(&app);
    let auth = format!("Bearer {token}");
    let bearer = [("authorization", auth.as_str())];
    let (s, _, receipt) = citizen
        .call_raw(
            "GET",
            &format!("/api/v1/submissions/{reference}"),
            None,
            &bearer,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(receipt["status"], "waiting_for_citizen");
    assert_eq!(
        receipt["history"].as_array().unwrap().last().unwrap()["note"],
        "Bitte senden Sie uns den Impfausweis von Luna."
    );
    let messages = format!("/api/v1/submissions/{reference}/messages");
    let (_, _, thread) = citizen.call_raw("GET", &messages, None, &bearer).await;
    assert_eq!(
        thread[0]["body"],
        "Bitte senden Sie uns den Impfausweis von Luna."
    );

    // An internal note: the clerks see it, the citizen never does.
    let (s, note) = c
        .call(
            "POST",
            &format!("{path}/notes"),
            Some(json!({"body": "Halterin rief an, Ausweis kommt per Post."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{note}");
    let (s, refused) = c
        .call(
            "POST",
            &format!("{path}/notes"),
            Some(json!({"body": "  "})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["details"]["errors"][0]["path"], "body");

    // The citizen answers with a file: the case is back in progress.
    let upload = app
        .send(
            axum::http::Request::post(format!(
                "/api/v1/submissions/{reference}/message-files?name=impfausweis.pdf"
            ))
            .header("authorization", format!("Bearer {token}"))
            .body(axum::body::Body::from(pdf()))
            .unwrap(),
        )
        .await;
    assert_eq!(upload.status(), StatusCode::CREATED);
    let file = common::body_json(upload).await["id"].clone();
    let (s, _, _) = citizen
        .call_raw(
            "POST",
            &messages,
            Some(json!({"body": "Hier ist der Impfausweis.", "files": [file]})),
            &bearer,
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, case) = c.call("GET", &path, None).await;
    assert_eq!(case["receipt"]["status"], "in_progress");
    assert!(case["version"].as_i64().unwrap() > version);
    assert_eq!(case["messages"][1]["files"][0]["name"], "impfausweis.pdf");
    assert_eq!(
        case["notes"][0]["body"],
        "Halterin rief an, Ausweis kommt per Post."
    );
    assert_eq!(case["notes"][0]["author"]["name"], "Clara Clerk");

    // Completing needs a reason; with it and the decision document the citizen has both.
    let version = case["version"].as_i64().unwrap();
    let (s, refused) = c
        .call(
            "POST",
            &format!("{path}/status"),
            Some(json!({"to": "completed", "reason": "", "version": version})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["details"]["errors"][0]["path"], "reason");
    let (s, refused) = c
        .call(
            "POST",
            &format!("{path}/status"),
            Some(json!({"to": "received", "reason": "", "version": version})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(refused["code"], "status_not_allowed");
    let decision = app
        .send(
            axum::http::Request::post(format!(
                "/api/v1/submissions/{reference}/message-files?name=Bescheid.pdf"
            ))
            .header("cookie", &clerk.cookie)
            .body(axum::body::Body::from(pdf()))
            .unwrap(),
        )
        .await;
    assert_eq!(decision.status(), StatusCode::CREATED);
    let decision = common::body_json(decision).await["id"].clone();
    let (s, done) = c
        .call(
            "POST",
            &format!("{path}/status"),
            Some(json!({"to": "completed", "reason": "Luna ist angemeldet. Die Steuermarke kommt per Post.", "version": version, "files": [decision]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{done}");
    assert_eq!(done["status"], "completed");
    let (_, _, receipt) = citizen
        .call_raw(
            "GET",
            &format!("/api/v1/submissions/{reference}"),
            None,
            &bearer,
        )
        .await;
    assert_eq!(receipt["status"], "completed");
    let (_, _, thread) = citizen.call_raw("GET", &messages, None, &bearer).await;
    let last = thread.as_array().unwrap().last().unwrap();
    assert_eq!(
        last["body"],
        "Luna ist angemeldet. Die Steuermarke kommt per Post."
    );
    assert_eq!(last["files"][0]["name"], "Bescheid.pdf");
    let everything = format!("{receipt}{thread}");
    assert!(!everything.contains("Halterin rief an"));

    // The audit trail names every read and change, by whom, chained.
    let (s, audit) = c.call("GET", &format!("{path}/audit"), None).await;
    assert_eq!(s, StatusCode::OK);
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for expected in ["read", "assign", "status", "note", "message"] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["actor_name"] == "Clara Clerk")
    );
    let found = server::cases::audit::verify(&app.db, None).await.unwrap();
    assert!(found.breaks.is_empty(), "{:?}", found.breaks);
    assert!(found.entries >= actions.len());
}

async fn staff_sign_in_needs_the_second_factor_once(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let s = common::staff_session(&app, "Tina Totp", "ch:4001", Role::Clerk).await;
    let email: String = sqlx::query_scalar("SELECT email FROM staff_members WHERE id = $1")
        .bind(&s.id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let mut b = Browser::new(&app);
    // The code just used does not open a second session; a wrong one neither; the answers
    // are the same as for a wrong password.
    for (password, code) in [
        ("ein langes Passwort", s.code.clone()),
        ("ein langes Passwort", "123456".into()),
        ("falsch", s.code.clone()),
    ] {
        let (status, body) = b
            .call(
                "POST",
                "/api/v1/staff/session",
                Some(json!({"email": email, "password": password, "code": code})),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "invalid_credentials");
    }
    // Signed in as staff: the staff session, no citizen's account.
    let mut staff = Browser::new(&app);
    staff.cookie = Some(s.cookie.clone());
    let (status, me) = staff.call("GET", "/api/v1/staff/session", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["staff"]["name"], "Tina Totp");
    assert_eq!(me["staff"]["authorities"][0]["role"], "clerk");
    let (status, _) = staff.call("GET", "/api/v1/account", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A disabled member is out at once.
    sqlx::query("UPDATE staff_members SET disabled_at = 'now' WHERE id = $1")
        .bind(&s.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let (status, _) = staff.call("GET", "/api/v1/staff/cases", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // And its session is gone.
    let (status, me) = staff.call("GET", "/api/v1/staff/session", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(me["staff"].is_null());
}

async fn the_inbox_filters_sorts_and_pages(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let mut refs = Vec::new();
    let mut authority = String::new();
    for (i, (given, family)) in [("Anna", "Aebi"), ("Bruno", "Brunner"), ("Carla", "Cadonau")]
        .into_iter()
        .enumerate()
    {
        let (r, _, a) = submit(&app, &format!("c1e4a0de-clerk-inbox-000{i}"), given, family).await;
        refs.push(r);
        authority = a;
    }
    let clerk = common::staff_session(&app, "Ina Inbox", &authority, Role::Clerk).await;
    let mut c = staff_browser(&app, &clerk);
    let (_, all) = c.call("GET", "/api/v1/staff/cases", None).await;
    assert_eq!(all["total"], 3);
    let order: Vec<&str> = all["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap())
        .collect();
    assert_eq!(order, refs.iter().map(String::as_str).collect::<Vec<_>>());
    let (_, newest) = c
        .call("GET", "/api/v1/staff/cases?sort=newest&per_page=2", None)
        .await;
    assert_eq!(newest["cases"].as_array().unwrap().len(), 2);
    assert_eq!(newest["cases"][0]["reference"], refs[2].as_str());
    let (_, page2) = c
        .call(
            "GET",
            "/api/v1/staff/cases?sort=newest&per_page=2&page=2",
            None,
        )
        .await;
    assert_eq!(page2["cases"][0]["reference"], refs[0].as_str());
    assert_eq!(page2["total"], 3);
    // Taking one moves it between the counts.
    let (s, _) = c
        .call(
            "POST",
            &format!("/api/v1/staff/cases/{}/assignee", refs[1]),
            Some(json!({"to": clerk.id, "version": 0})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, waiting) = c
        .call("GET", "/api/v1/staff/cases?status=received", None)
        .await;
    assert_eq!(waiting["total"], 2);
    let count = |inbox: &serde_json::Value, status: &str| {
        inbox["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["status"] == status)
            .unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count(&waiting, "in_progress"), 1);
    let (_, nobody) = c
        .call("GET", "/api/v1/staff/cases?assignee=none", None)
        .await;
    assert_eq!(nobody["total"], 2);
    let (_, found) = c.call("GET", "/api/v1/staff/cases?q=CADONAU", None).await;
    assert_eq!(found["total"], 1);
    // A search for a wildcard finds nothing special.
    let (_, wild) = c.call("GET", "/api/v1/staff/cases?q=%25%25%25", None).await;
    assert_eq!(wild["total"], 0);
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let (_, dated) = c
        .call(
            "GET",
            &format!("/api/v1/staff/cases?from={today}&to={today}&form=hundesteuer-th"),
            None,
        )
        .await;
    assert_eq!(dated["total"], 3);
    assert_eq!(dated["forms"][0]["id"], "hundesteuer-th");
    let (_, before) = c
        .call("GET", "/api/v1/staff/cases?to=2020-01-01", None)
        .await;
    assert_eq!(before["total"], 0);
    for bad in [
        "from=gestern",
        "to=2026-13-01",
        "status=offen",
        "sort=random",
    ] {
        let (s, body) = c
            .call("GET", &format!("/api/v1/staff/cases?{bad}"), None)
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
}

async fn the_audit_check_finds_tampering(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (reference, _, authority) =
        submit(&app, "c1e4a0de-clerk-audit-0001", "Rita", "Revision").await;
    let clerk = common::staff_session(&app, "Anja Audit", &authority, Role::Clerk).await;
    let mut c = staff_browser(&app, &clerk);
    for _ in 0..4 {
        let (s, _) = c
            .call("GET", &format!("/api/v1/staff/cases/{reference}"), None)
            .await;
        assert_eq!(s, StatusCode::OK);
    }
    let (s, _) = c
        .call(
            "POST",
            &format!("/api/v1/staff/cases/{reference}/notes"),
            Some(json!({"body": "geprüft"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    use server::cases::audit::verify;
    let intact = verify(&app.db, Some(&authority)).await.unwrap();
    assert_eq!((intact.chains, intact.entries), (1, 5));
    assert!(intact.breaks.is_empty());

    // Edited: who read it.
    let db = app.db.pool();
    sqlx::query(
        "UPDATE audit_log SET actor = 'staff:someone-else' WHERE authority_id = $1 AND seq = 2",
    )
    .bind(&authority)
    .execute(db)
    .await
    .unwrap();
    let found = verify(&app.db, Some(&authority)).await.unwrap();
    assert_eq!(found.breaks.len(), 1, "{:?}", found.breaks);
    assert_eq!(found.breaks[0].seq, 2);
    assert!(found.breaks[0].problem.contains("edited"));

    // Removed from the middle (after the edit was undone by restoring the row's actor).
    sqlx::query("UPDATE audit_log SET actor = $2 WHERE authority_id = $1 AND seq = 2")
        .bind(&authority)
        .bind(format!("staff:{}", clerk.id))
        .execute(db)
        .await
        .unwrap();
    assert!(
        verify(&app.db, Some(&authority))
            .await
            .unwrap()
            .breaks
            .is_empty()
    );
    sqlx::query("DELETE FROM audit_log WHERE authority_id = $1 AND seq = 3")
        .bind(&authority)
        .execute(db)
        .await
        .unwrap();
    let found = verify(&app.db, Some(&authority)).await.unwrap();
    assert!(
        found
            .breaks
            .iter()
            .any(|b| b.seq == 3 && b.problem.contains("missing")),
        "{:?}",
        found.breaks
    );

    // Cut off at the end: only the head notices.
    sqlx::query("DELETE FROM audit_log WHERE authority_id = $1 AND seq <> 1")
        .bind(&authority)
        .execute(db)
        .await
        .unwrap();
    let found = verify(&app.db, Some(&authority)).await.unwrap();
    assert_eq!(found.breaks.len(), 1, "{:?}", found.breaks);
    assert!(found.breaks[0].problem.contains("removed from the end"));
}

async fn a_clerk_at_the_counter_is_recorded_beside_the_citizen(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = common::dog_form_version(&app, SCHMOELLN).await;
    let probe = common::submit(
        &app,
        "c1e4a0de-clerk-counter-0000",
        &version,
        &common::dog_answers(),
    )
    .await;
    let authority = probe.receipt.authority.id.clone();
    let clerk = common::staff_session(&app, "Karl Schalter", &authority, Role::Clerk).await;
    let mut c = staff_browser(&app, &clerk);
    let mut answers = common::dog_answers();
    answers["given_name"] = json!("Theo");
    answers["family_name"] = json!("Telefon");
    let body = common::dog_submission("c1e4a0de-clerk-counter-0001", &version, "de", &answers);
    let (s, created) = c.call("POST", "/api/v1/submissions", Some(body)).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let reference = created["receipt"]["reference"].as_str().unwrap();
    // The citizen's receipt token is there to hand over (print or e-mail).
    assert!(
        created["access_token"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    let (_, case) = c
        .call("GET", &format!("/api/v1/staff/cases/{reference}"), None)
        .await;
    assert_eq!(case["applicant"], "Theo Telefon");
    assert_eq!(case["entered_by"]["name"], "Karl Schalter");
    assert_eq!(case["entered_by"]["id"], clerk.id.as_str());
}

async fn closed_cases_are_reduced_or_deleted_after_their_retention(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (old, token, authority) =
        submit(&app, "c1e4a0de-clerk-retain-0001", "Otto", "Altfall").await;
    let (young, _, _) = submit(&app, "c1e4a0de-clerk-retain-0002", "Yara", "Jungfall").await;
    let (open, _, _) = submit(&app, "c1e4a0de-clerk-retain-0003", "Olga", "Offen").await;
    let clerk = common::staff_session(&app, "Rita Retention", &authority, Role::Clerk).await;
    let admin = common::staff_session(&app, "Anton Admin", &authority, Role::AuthorityAdmin).await;
    let mut c = staff_browser(&app, &clerk);
    let mut a = staff_browser(&app, &admin);
    // The admin keeps closed cases 30 days, then reduces them; a clerk may not set it.
    let settings = format!("/api/v1/authorities/{authority}/settings");
    let body =
        json!({"receipt_token_days": null, "retention_days": 30, "after_retention": "reduce"});
    let (s, _) = c.call("PUT", &settings, Some(body.clone())).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, set) = a.call("PUT", &settings, Some(body)).await;
    assert_eq!(s, StatusCode::OK, "{set}");
    assert_eq!(set["retention_days"], 30);
    assert_eq!(set["after_retention"], "reduce");
    let (s, _) = a
        .call(
            "PUT",
            &settings,
            Some(json!({"receipt_token_days": null, "retention_days": 0})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // Two cases completed (one with a message, a note and a file), one still open.
    for reference in [&old, &young] {
        let path = format!("/api/v1/staff/cases/{reference}");
        let (s, taken) = c
            .call(
                "POST",
                &format!("{path}/assignee"),
                Some(json!({"to": clerk.id, "version": 0})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{taken}");
        let (s, _) = c
            .call(
                "POST",
                &format!("{path}/notes"),
                Some(json!({"body": "Intern: Altfall"})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (s, done) = c
            .call(
                "POST",
                &format!("{path}/status"),
                Some(json!({"to": "completed", "reason": "Erledigt, Frau Altfall.", "version": taken["version"]})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{done}");
    }
    // The old one was closed 40 days ago.
    let forty_days_ago = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(24 * 40))
        .unwrap()
        .strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string();
    sqlx::query("UPDATE submissions SET closed_at = $1 WHERE reference = $2")
        .bind(&forty_days_ago)
        .bind(&old)
        .execute(app.db.pool())
        .await
        .unwrap();
    let core = app.core.clone();
    let swept = server::cases::retention::sweep(&core, jiff::Timestamp::now())
        .await
        .unwrap();
    assert_eq!(
        swept,
        server::cases::retention::Swept {
            reduced: 1,
            deleted: 0
        }
    );
    // A second sweep finds nothing more.
    let again = server::cases::retention::sweep(&core, jiff::Timestamp::now())
        .await
        .unwrap();
    assert_eq!(again, server::cases::retention::Swept::default());

    // Reduced: the record stays, what the citizen entered and what was written about it goes.
    let (s, case) = c
        .call("GET", &format!("/api/v1/staff/cases/{old}"), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(case["receipt"]["status"], "completed");
    assert!(case["receipt"]["summary"].as_array().unwrap().is_empty());
    assert!(
        case["receipt"]["data_hash"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    assert!(case["applicant"].is_null());
    assert!(case["messages"].as_array().unwrap().is_empty());
    assert!(case["notes"].as_array().unwrap().is_empty());
    let text = case.to_string();
    assert!(
        !text.contains("Altfall") && !text.contains("Otto"),
        "{text}"
    );
    // The citizen's token still shows the status.
    let auth = format!("Bearer {token}");
    let (s, _, receipt) = Browser::new(&app)
        .call_raw(
            "GET",
            &format!("/api/v1/submissions/{old}"),
            None,
            &[("authorization", auth.as_str())],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(receipt["status"], "completed");
    // The younger closed case and the open one are untouched.
    let (_, kept) = c
        .call("GET", &format!("/api/v1/staff/cases/{young}"), None)
        .await;
    assert!(!kept["receipt"]["summary"].as_array().unwrap().is_empty());
    assert_eq!(kept["notes"].as_array().unwrap().len(), 1);
    let (_, still) = c
        .call("GET", &format!("/api/v1/staff/cases/{open}"), None)
        .await;
    assert_eq!(still["applicant"], "Olga Offen");

    // Deleting instead: gone for everyone, the audit chain intact and naming it.
    let (s, _) = a
        .call(
            "PUT",
            &settings,
            Some(json!({"receipt_token_days": null, "retention_days": 1, "after_retention": "delete"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let later = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(24 * 2))
        .unwrap();
    let swept = server::cases::retention::sweep(&core, later).await.unwrap();
    assert_eq!(
        swept,
        server::cases::retention::Swept {
            reduced: 0,
            deleted: 1
        }
    );
    let (s, _) = c
        .call("GET", &format!("/api/v1/staff/cases/{young}"), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, inbox) = c.call("GET", "/api/v1/staff/cases", None).await;
    assert_eq!(inbox["total"], 2);
    let found = server::cases::audit::verify(&app.db, Some(&authority))
        .await
        .unwrap();
    assert!(found.breaks.is_empty(), "{:?}", found.breaks);
    let retained: Vec<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE authority_id = $1 AND action = 'retention' ORDER BY seq",
    )
    .bind(&authority)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(retained, ["reduced", "deleted"]);
}

backend_tests!(
    a_case_from_question_to_decision,
    staff_sign_in_needs_the_second_factor_once,
    the_inbox_filters_sorts_and_pages,
    the_audit_check_finds_tampering,
    a_clerk_at_the_counter_is_recorded_beside_the_citizen,
    closed_cases_are_reduced_or_deleted_after_their_retention,
);
