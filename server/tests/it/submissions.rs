//! `POST /api/v1/submissions` and `POST /api/v1/uploads` through the real router, on SQLite
//! and PostgreSQL: idempotency (also concurrent), server-side validation that cannot be
//! bypassed, exact versions, uploads checked by content and size, and the citizen's access.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{
    SCHMOELLN, TestApp, Which, body_bytes, body_json, dog_answers, dog_form_version,
    dog_submission, post_json,
};
use contract::form::ErrorCode;
use contract::submission::{Receipt, Status, SubmissionCreated, reference};
use serde_json::{Value, json};
use server::submissions::store;

fn key(n: u32) -> String {
    format!("0f8e4c2a-77d1-4b6e-9c3f-{n:012}")
}

async fn get_with_token(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
) -> axum::http::Response<Body> {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = bearer
        .as_deref()
        .map(|b| vec![("authorization", b)])
        .unwrap_or_default();
    app.get(path, &headers).await
}

async fn upload(
    app: &TestApp,
    draft: &str,
    version: &str,
    field: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (StatusCode, Value) {
    let path = format!(
        "/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={SCHMOELLN}&field={field}&name={name}&lang=de"
    );
    let len = bytes.len();
    let req = Request::post(path)
        .header("schalter-draft", draft)
        .header("content-type", "application/pdf")
        .header("content-length", len)
        .body(Body::from(bytes))
        .unwrap();
    let res = app.send(req).await;
    let status = res.status();
    (status, body_json(res).await)
}

fn pdf_bytes(size: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    b.resize(size, b' ');
    b
}

async fn submissions_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn a_valid_application_is_received_routed_priced_and_readable(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(1), &version, "de", &dog_answers()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let created: SubmissionCreated = serde_json::from_value(body).unwrap();
    let r = &created.receipt;
    assert!(!created.replayed);
    assert_eq!(
        reference::parse(&r.reference).as_deref(),
        Some(r.reference.as_str())
    );
    assert_eq!(r.version, version);
    assert_eq!(r.municipality.id, SCHMOELLN);
    assert!(r.authority.name.contains("Schmölln"), "{:?}", r.authority);
    // The server priced it with Schmölln's own table: 50 € for the first dog.
    assert_eq!(r.fees.as_ref().unwrap().total, 5000);
    assert_eq!(r.email.as_deref(), Some("anna@example.de"));
    assert_eq!(r.status, Status::Received);
    assert_eq!(r.history.len(), 1);
    assert!(
        r.summary
            .iter()
            .flat_map(|s| &s.rows)
            .any(|row| row.lines.iter().any(|l| l == "Luna"))
    );

    // The stored data document is what the hash covers, byte for byte.
    let stored = store::by_reference(&app.db, &r.reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        server::submissions::sha256_tag(stored.data.as_bytes()),
        r.data_hash
    );
    let data: Value = serde_json::from_str(&stored.data).unwrap();
    assert_eq!(data["answers"]["dogs"][0]["tag_delivery"], "post");
    assert_eq!(data["authority"]["id"], json!(r.authority.id));
    assert_eq!(stored.authority_id, r.authority.id);
    // The confirmation e-mail is queued with the submission.
    let queued: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE submission_id = $1 AND kind = 'email' AND target = 'anna@example.de'",
    )
    .bind(stored.id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(queued, 1);

    // Only the token opens it again.
    let path = format!("/api/v1/submissions/{}", r.reference);
    let res = get_with_token(&app, &path, Some(&created.access_token)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"].to_str().unwrap(),
        "private, no-store"
    );
    let again: Receipt = serde_json::from_value(body_json(res).await).unwrap();
    assert_eq!(&again, r);
    let lower = format!(
        "/api/v1/submissions/{}",
        r.reference.to_lowercase().replace('-', "")
    );
    assert_eq!(
        get_with_token(&app, &lower, Some(&created.access_token))
            .await
            .status(),
        200
    );
    assert_eq!(get_with_token(&app, &path, None).await.status(), 401);
    let forged = app.access.token("ABC-DEF-GHJ", 1);
    assert_eq!(
        get_with_token(&app, &path, Some(&forged)).await.status(),
        404
    );
    assert_eq!(get_with_token(&app, &path, Some("x")).await.status(), 404);
}

async fn the_same_key_gives_the_same_submission_even_at_once(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let body = dog_submission(&key(2), &version, "de", &dog_answers());
    let (s1, first) = post_json(&app, "/api/v1/submissions", &body).await;
    let (s2, second) = post_json(&app, "/api/v1/submissions", &body).await;
    assert_eq!((s1, s2), (StatusCode::CREATED, StatusCode::OK));
    assert_eq!(first["receipt"], second["receipt"]);
    assert_eq!(first["access_token"], second["access_token"]);
    assert_eq!(second["replayed"], true);

    // The same key with other answers is refused, not answered with the first receipt.
    let mut other = dog_answers();
    other["dogs"][0]["name"] = json!("Bello");
    let (s3, refused) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(2), &version, "de", &other),
    )
    .await;
    assert_eq!(s3, StatusCode::CONFLICT);
    assert_eq!(refused["code"], "idempotency_key_reused");
    assert!(
        refused["message"].as_str().unwrap().contains("bereits"),
        "in the citizen's language: {refused}"
    );

    // Twelve double clicks at once: one submission, one reference for all.
    let body = dog_submission(&key(3), &version, "de", &dog_answers());
    let tasks: Vec<_> = (0..12)
        .map(|_| {
            let router = app.router.clone();
            let body = body.clone();
            tokio::spawn(async move {
                use tower::ServiceExt;
                let req = Request::post("/api/v1/submissions")
                    .header("content-type", "application/json")
                    .body(Body::from(serde_json::to_vec(&body).unwrap()))
                    .unwrap();
                let res = router.oneshot(req).await.unwrap();
                let status = res.status();
                (status, body_json(res).await)
            })
        })
        .collect();
    let mut references = Vec::new();
    let mut new = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert!(status == 201 || status == 200, "{status} {body}");
        new += usize::from(status == 201);
        references.push(body["receipt"]["reference"].as_str().unwrap().to_owned());
    }
    assert_eq!(new, 1, "exactly one request created it");
    references.dedup();
    assert_eq!(references.len(), 1);
    assert_eq!(submissions_count(&app).await, 2);
}

async fn answers_the_form_would_not_allow_are_refused(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let post = |answers: Value, n: u32| {
        let body = dog_submission(&key(n), &version, "de", &answers);
        let app = &app;
        async move { post_json(app, "/api/v1/submissions", &body).await }
    };

    // A field the form does not have, a wrong IBAN, a dog too many, a missing answer.
    let mut a = dog_answers();
    a["is_admin"] = json!(true);
    a["payment"] = json!("sepa");
    a["account_holder"] = json!("Anna Beispiel");
    a["iban"] = json!("DE89 3704 0044 0532 0130 01");
    a["sepa_mandate"] = json!(true);
    a.as_object_mut().unwrap().remove("family_name");
    let (status, body) = post(a, 10).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "invalid_answers");
    let codes: Vec<(&str, &str)> = body["details"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert!(codes.contains(&("is_admin", "unknown_field")), "{codes:?}");
    assert!(codes.contains(&("family_name", "required")), "{codes:?}");
    assert!(codes.contains(&("iban", "invalid_iban")), "{codes:?}");
    assert!(
        body["details"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .len()
            > 10
    );

    // A choice outside the options; a group above its maximum.
    let mut b = dog_answers();
    b["dogs"][0]["kind"] = json!("wolf");
    let (status, body) = post(b, 11).await;
    assert_eq!(status, 422);
    assert_eq!(body["details"]["errors"][0]["path"], "dogs.0.kind");

    // A file the server never received, or one uploaded for another draft.
    let mut c = dog_answers();
    c["dogs"][0]["kind"] = json!("assistance");
    c["dogs"][0]["assistance_proof"] =
        json!([{ "id": "made-up", "name": "x.pdf", "size": 10, "type": "application/pdf" }]);
    let (status, body) = post(c.clone(), 12).await;
    assert_eq!(status, 422);
    assert_eq!(body["details"]["errors"][0]["code"], "upload_missing");
    let (s, up) = upload(
        &app,
        &key(99),
        &version,
        "dogs.0.assistance_proof",
        "n.pdf",
        pdf_bytes(500),
    )
    .await;
    assert_eq!(s, 201, "{up}");
    c["dogs"][0]["assistance_proof"][0]["id"] = up["id"].clone();
    let (status, body) = post(c, 13).await;
    assert_eq!(status, 422, "another draft's upload: {body}");
    assert_eq!(body["details"]["errors"][0]["code"], "upload_missing");

    // An answer to a question the citizen's own answers hide is dropped, not submitted:
    // paying by transfer hides the account fields. (Schmölln removed `phone` from its form
    // altogether, so that one is an unknown field.)
    let mut d = dog_answers();
    d["account_holder"] = json!("Anna Beispiel 3491");
    let mut phone = dog_answers();
    phone["phone"] = json!("+49 3491 123456");
    let (status, body) = post(phone, 17).await;
    assert_eq!(
        (
            status.as_u16(),
            body["details"]["errors"][0]["code"].as_str()
        ),
        (422, Some("unknown_field"))
    );
    let (status, body) = post(d, 14).await;
    assert_eq!(status, 201, "{body}");
    let stored = store::by_reference(&app.db, body["receipt"]["reference"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(!stored.data.contains("3491"), "{}", stored.data);

    // Not offered in Aarau; unknown municipality.
    let mut e = dog_submission(&key(15), &version, "de", &dog_answers());
    e["municipality"] = json!("ch:4001");
    let (status, body) = post_json(&app, "/api/v1/submissions", &e).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "not_offered");
    e["municipality"] = json!("de:99999999");
    assert_eq!(post_json(&app, "/api/v1/submissions", &e).await.0, 400);
    let mut f = dog_submission("short", &version, "de", &dog_answers());
    assert_eq!(post_json(&app, "/api/v1/submissions", &f).await.0, 400);
    f["idempotency_key"] = json!(key(16));
    f["lang"] = json!("xx");
    assert!(
        post_json(&app, "/api/v1/submissions", &f)
            .await
            .0
            .is_client_error()
    );
    assert_eq!(submissions_count(&app).await, 1);
}

/// The chip number's check cannot be skipped by posting to the API: the tester's "12345" is
/// refused with the chip's own code and nothing is stored; a real chip number goes through.
async fn a_chip_number_the_browser_refuses_is_refused_by_the_server(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let before = submissions_count(&app).await;
    for (n, (chip, code)) in [
        ("12345", ErrorCode::InvalidAnimalChip),
        ("abc", ErrorCode::InvalidAnimalChip),
        ("123456789012345", ErrorCode::AnimalChipPrefix),
    ]
    .into_iter()
    .enumerate()
    {
        let mut answers = dog_answers();
        answers["dogs"][0]["chip_number"] = json!(chip);
        let (status, body) = post_json(
            &app,
            "/api/v1/submissions",
            &dog_submission(&key(60 + n as u32), &version, "de", &answers),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{chip}: {body}");
        assert_eq!(body["code"], "invalid_answers");
        assert_eq!(
            body["details"]["errors"],
            json!([{
                "path": "dogs.0.chip_number",
                "code": code,
                "message": code.message(contract::Lang::De, None),
            }]),
            "{chip}"
        );
    }
    assert_eq!(submissions_count(&app).await, before, "nothing stored");
    let mut answers = dog_answers();
    answers["dogs"][0]["chip_number"] = json!("276 098 100 123 456");
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(65), &version, "de", &answers),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(submissions_count(&app).await, before + 1);
}

/// A consent is a box ticked, not an answer: a building permit's "I confirm the details are
/// right" and a dog's SEPA mandate, not given ("no", unticked, left out), are refused by the
/// server as by the browser, whatever a client posts; nothing is stored. A mandate given makes
/// the fee one the municipality debits: no invoice is announced and no portal payment claimed.
async fn a_confirmation_or_mandate_not_given_is_refused_by_the_server(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    // The building permit in Aarau: its confirmation.
    let url = "/api/v1/forms/baugesuch-ag/validate";
    for (confirm, code) in [
        (json!("no"), Some("wrong_type")),
        (json!("yes"), Some("wrong_type")),
        (json!(false), Some("consent_required")),
        (Value::Null, Some("consent_required")),
        (json!(true), None),
    ] {
        let (s, v) = post_json(
            &app,
            url,
            &json!({"municipality": "ch:4001", "lang": "de", "answers": {"confirm": confirm}}),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["valid"], false, "the rest is not answered");
        let got = common::errors_at(&v["errors"], "confirm");
        match code {
            Some(code) => {
                assert_eq!(got.len(), 1, "{confirm}: {v}");
                assert_eq!(got[0].0, code, "{confirm}");
                if code == "consent_required" {
                    assert!(got[0].1.contains("bestätigen"), "{}", got[0].1);
                }
            }
            None => assert!(got.is_empty(), "{confirm}: {got:?}"),
        }
    }

    // The dog registration: SEPA direct debit without the mandate.
    let version = dog_form_version(&app, SCHMOELLN).await;
    let before = submissions_count(&app).await;
    let sepa = |mandate: Option<Value>| {
        let mut a = dog_answers();
        a["payment"] = json!("sepa");
        a["account_holder"] = json!("Anna Beispiel");
        a["iban"] = json!("DE89 3704 0044 0532 0130 00");
        if let Some(m) = mandate {
            a["sepa_mandate"] = m;
        }
        a
    };
    for (n, (mandate, code)) in [
        (Some(json!("no")), ErrorCode::WrongType),
        (Some(json!("yes")), ErrorCode::WrongType),
        (Some(json!(false)), ErrorCode::ConsentRequired),
        (None, ErrorCode::ConsentRequired),
    ]
    .into_iter()
    .enumerate()
    {
        let answers = sepa(mandate.clone());
        let (s, v) = post_json(
            &app,
            "/api/v1/forms/hundesteuer-th/validate",
            &json!({"municipality": SCHMOELLN, "lang": "fr", "answers": answers}),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["valid"], false, "{mandate:?}");
        let wanted = vec![(
            serde_json::to_value(code)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned(),
            code.message(contract::Lang::Fr, None),
        )];
        assert_eq!(
            common::errors_at(&v["errors"], "sepa_mandate"),
            wanted,
            "{mandate:?}"
        );
        assert_eq!(v["errors"].as_array().unwrap().len(), 1, "{v}");

        let (status, body) = post_json(
            &app,
            "/api/v1/submissions",
            &dog_submission(&key(70 + n as u32), &version, "de", &answers),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{mandate:?}: {body}"
        );
        assert_eq!(body["code"], "invalid_answers");
        assert_eq!(
            body["details"]["errors"],
            json!([{
                "path": "sepa_mandate",
                "code": code,
                "message": code.message(contract::Lang::De, None),
            }]),
            "{mandate:?}"
        );
    }
    assert_eq!(submissions_count(&app).await, before, "nothing stored");

    // A mandate is no way to pay online as well.
    let mut body = dog_submission(&key(75), &version, "de", &sepa(Some(json!(true))));
    body["payment"] = json!("online");
    let (status, refused) = post_json(&app, "/api/v1/submissions", &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["code"], "payment_method");
    assert_eq!(submissions_count(&app).await, before, "nothing stored");

    // Given: stored as `true`; the receipt says the tax is debited, not that an invoice follows.
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(76), &version, "de", &sepa(Some(json!(true)))),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(submissions_count(&app).await, before + 1);
    let created: SubmissionCreated = serde_json::from_value(body).unwrap();
    let receipt = &created.receipt;
    let fees = receipt.fees.as_ref().expect("the dog tax");
    assert!(fees.total > 0);
    let collection = fees.collection.as_ref().expect("collected by direct debit");
    assert!(collection.direct_debit);
    assert!(
        receipt.payment.is_none(),
        "nothing to pay through the portal"
    );
    let rt = contract::receipt_texts::ReceiptTexts::for_lang(contract::Lang::De);
    let note = rt.fee_note_of(fees, contract::Lang::De);
    assert!(note.contains("Lastschrift"), "{note}");
    assert_ne!(note, rt.fee_note_for(fees.total));
    let row = receipt
        .summary
        .iter()
        .flat_map(|s| &s.rows)
        .find(|r| r.path == "sepa_mandate")
        .expect("the mandate on the receipt");
    assert_eq!(row.lines, ["Ja"]);
    let data: String = sqlx::query_scalar("SELECT data FROM submissions WHERE reference = $1")
        .bind(&receipt.reference)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let data: Value = serde_json::from_str(&data).unwrap();
    assert_eq!(data["answers"]["sepa_mandate"], json!(true));

    // Paid by transfer, the mandate is neither asked nor kept, and the invoice is announced.
    let mut transfer = dog_answers();
    transfer["sepa_mandate"] = json!(false);
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(77), &version, "de", &transfer),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let created: SubmissionCreated = serde_json::from_value(body).unwrap();
    let fees = created.receipt.fees.as_ref().expect("the dog tax");
    assert!(fees.collection.is_none());
    assert_eq!(
        rt.fee_note_of(fees, contract::Lang::De),
        rt.fee_note_for(fees.total)
    );
}

async fn the_exact_version_is_validated(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(20), "99.1", "de", &dog_answers()),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "unknown_form_version");
    assert_eq!(
        post_json(
            &app,
            "/api/v1/submissions",
            &dog_submission(&key(21), "latest", "de", &dog_answers())
        )
        .await
        .0,
        400
    );
    // Only a version that was the town's form may be submitted: the Land's bare template skips
    // Schmölln's overlay (its fee, hidden phone, required tag delivery), and v1 lacks the chip
    // number required since v2. Imported together, none but the newest was ever in force there.
    let current = dog_form_version(&app, SCHMOELLN).await;
    assert_eq!(current, "4.1");
    let mut bare = dog_answers();
    bare["phone"] = json!("+49 3491 123456");
    bare["dogs"][0]
        .as_object_mut()
        .unwrap()
        .remove("tag_delivery");
    for version in ["3.1", "3.0", "2.1", "2.0", "1.0", "1.1"] {
        let (status, body) = post_json(
            &app,
            "/api/v1/submissions",
            &dog_submission(&key(22), version, "de", &bare),
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::CONFLICT, Some("unknown_form_version")),
            "{version}: {body}"
        );
    }
}

/// Sets when a form version or overlay revision was published, `days` ago.
async fn published(app: &TestApp, table: &str, number: i64, days: i64) {
    let at = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(24 * days))
        .unwrap()
        .to_string();
    let (column, key) = match table {
        "form_templates" => ("version", "id"),
        _ => ("revision", "form_id"),
    };
    sqlx::query(&format!(
        "UPDATE {table} SET imported_at = $1 WHERE {key} = 'hundesteuer-th' AND {column} = $2"
    ))
    .bind(at)
    .bind(number)
    .execute(app.db.pool())
    .await
    .unwrap();
}

async fn a_draft_finishes_on_its_version_within_the_publishers_period(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    // v1 with Schmölln's overlay was in force from 100 days ago until v2 came, 10 days ago.
    published(&app, "form_templates", 1, 100).await;
    published(&app, "form_overlays", 1, 100).await;
    published(&app, "form_templates", 2, 10).await;
    // A draft begun on 1.1 is accepted as it was (without the chip number v2 asks for).
    let mut old = dog_answers();
    old["dogs"][0]
        .as_object_mut()
        .unwrap()
        .remove("chip_number");
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(23), "1.1", "de", &old),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["receipt"]["version"], "1.1");
    // The bare template was never Schmölln's form.
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(24), "2.0", "de", &old),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("unknown_form_version"))
    );
    // 40 days after v2, past the 30 days the publisher allows: carried over, in the
    // citizen's language.
    published(&app, "form_templates", 2, 40).await;
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(25), "1.1", "fr", &old),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("form_version_expired")),
        "{body}"
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Le formulaire a été modifié"),
        "{body}"
    );
    // Uploads for such a draft are refused the same way.
    let (status, body) = upload(
        &app,
        &key(25),
        "1.1",
        "dogs.0.assistance_proof",
        "x.pdf",
        pdf_bytes(100),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("form_version_expired"))
    );
}

async fn uploads_are_checked_by_content_and_size_and_served_only_with_the_token(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let draft = key(30);
    let field = "dogs.0.assistance_proof";

    // A Windows program named like a PDF; text named like a PDF; too large; no draft key.
    let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
    exe.resize(4096, 0);
    let (s, body) = upload(&app, &draft, &version, field, "leer.pdf", Vec::new()).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "file_empty");
    assert!(body["message"].as_str().unwrap().contains("leer"), "{body}");
    let (s, body) = upload(&app, &draft, &version, field, "Nachweis.pdf", exe).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(body["code"], "file_type");
    assert!(body["message"].as_str().unwrap().contains("Dateityp"));
    let (s, _) = upload(
        &app,
        &draft,
        &version,
        field,
        "a.pdf",
        b"hello, I am a PDF".to_vec(),
    )
    .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (s, body) = upload(
        &app,
        &draft,
        &version,
        field,
        "big.pdf",
        pdf_bytes(5 * 1024 * 1024 + 1),
    )
    .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["code"], "file_too_large");
    // A body longer than its declared length is still cut at the field's limit.
    let req = Request::post(format!(
        "/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={SCHMOELLN}&field={field}&name=x.pdf"
    ))
    .header("schalter-draft", &draft)
    .body(Body::from(pdf_bytes(6 * 1024 * 1024)))
    .unwrap();
    assert_eq!(app.send(req).await.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let (s, _) = upload(
        &app,
        &draft,
        &version,
        "given_name",
        "x.pdf",
        pdf_bytes(100),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "not a file field");
    let req = Request::post(format!(
        "/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={SCHMOELLN}&field={field}&name=x.pdf"
    ))
    .body(Body::from(pdf_bytes(100)))
    .unwrap();
    assert_eq!(app.send(req).await.status(), StatusCode::BAD_REQUEST);

    // A real PDF and a PNG.
    let content = pdf_bytes(2000);
    let (s, pdf) = upload(
        &app,
        &draft,
        &version,
        field,
        "Ausweis%20Bell%C3%B6.pdf",
        content.clone(),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{pdf}");
    assert_eq!(pdf["type"], "application/pdf");
    assert_eq!(pdf["size"], 2000);
    assert_eq!(pdf["name"], "Ausweis Bellö.pdf");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.resize(300, 0);
    let (s, image) = upload(&app, &draft, &version, field, "foto.pdf", png).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        image["type"], "image/png",
        "the content decides, not the name"
    );

    // Submitted with the application (the browser's claims about size/type are replaced).
    let mut a = dog_answers();
    a["dogs"][0]["kind"] = json!("assistance");
    a["dogs"][0]["assistance_proof"] = json!([
        { "id": pdf["id"], "name": "whatever.pdf", "size": 1, "type": "application/pdf" },
        { "id": image["id"], "name": "foto.pdf", "size": 1, "type": "application/pdf" },
    ]);
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&draft, &version, "de", &a),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let created: SubmissionCreated = serde_json::from_value(body).unwrap();
    let att = &created.receipt.attachments;
    assert_eq!(att.len(), 2);
    assert_eq!(att[0].name, "Ausweis Bellö.pdf");
    assert_eq!(att[0].size, 2000);
    assert_eq!(att[1].media_type, "image/png");
    assert_eq!(att[0].field, "dogs.0.assistance_proof");
    assert_eq!(att[0].sha256, server::submissions::sha256_tag(&content));

    let path = format!(
        "/api/v1/submissions/{}/attachments/{}",
        created.receipt.reference, att[0].id
    );
    let res = get_with_token(&app, &path, Some(&created.access_token)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(body_bytes(res).await, content);
    assert_eq!(get_with_token(&app, &path, None).await.status(), 401);

    // Another citizen's valid token does not open this file.
    let (_, other) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(31), &version, "de", &dog_answers()),
    )
    .await;
    let other_token = other["access_token"].as_str().unwrap();
    assert_eq!(
        get_with_token(&app, &path, Some(other_token))
            .await
            .status(),
        404
    );
    let cross = format!(
        "/api/v1/submissions/{}/attachments/{}",
        other["receipt"]["reference"].as_str().unwrap(),
        att[0].id
    );
    assert_eq!(
        get_with_token(&app, &cross, Some(other_token))
            .await
            .status(),
        404
    );
    // The stored bytes are where the object store put them.
    let stored = store::upload(&app.db, &att[0].id).await.unwrap().unwrap();
    assert_eq!(
        &app.attachments.get(&stored.object_key).await.unwrap()[..],
        &content[..]
    );
}

async fn the_status_lifecycle_is_enforced_and_recorded(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let (_, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(40), &version, "de", &dog_answers()),
    )
    .await;
    let r = body["receipt"]["reference"].as_str().unwrap().to_owned();
    let token = body["access_token"].as_str().unwrap().to_owned();
    use store::StatusError;
    let change = |to, note| {
        let db = app.db.clone();
        let r = r.clone();
        async move {
            store::change_status(&db, &r, to, "clerk:mueller", note)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        change(Status::Completed, None).await,
        Err(StatusError::NotAllowed {
            from: Status::Received,
            to: Status::Completed
        })
    );
    assert!(change(Status::InProgress, None).await.is_ok());
    let asked = change(
        Status::WaitingForCitizen,
        Some("Bitte Impfausweis nachreichen."),
    )
    .await
    .unwrap();
    assert_eq!(asked.actor, "clerk:mueller");
    assert!(change(Status::InProgress, None).await.is_ok());
    assert!(
        change(Status::Completed, Some("Steuerbescheid folgt per Post."))
            .await
            .is_ok()
    );
    assert!(matches!(
        change(Status::InProgress, None).await,
        Err(StatusError::NotAllowed { .. })
    ));
    assert_eq!(
        store::change_status(&app.db, "ABC-DEF-GHJ", Status::InProgress, "x", None)
            .await
            .unwrap(),
        Err(StatusError::NotFound)
    );

    let res = get_with_token(&app, &format!("/api/v1/submissions/{r}"), Some(&token)).await;
    let receipt: Receipt = serde_json::from_value(body_json(res).await).unwrap();
    assert_eq!(receipt.status, Status::Completed);
    let steps: Vec<Status> = receipt.history.iter().map(|h| h.status).collect();
    assert_eq!(
        steps,
        [
            Status::Received,
            Status::InProgress,
            Status::WaitingForCitizen,
            Status::InProgress,
            Status::Completed
        ]
    );
    assert_eq!(
        receipt.history[2].note.as_deref(),
        Some("Bitte Impfausweis nachreichen.")
    );
    assert!(receipt.history.windows(2).all(|w| w[0].at <= w[1].at));
}

async fn uploads_of_drafts_never_submitted_are_deleted_after_the_retention(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let field = "dogs.0.assistance_proof";
    // One draft abandoned with its file, one submitted with its file, one abandoned recently.
    let (_, abandoned) = upload(&app, &key(50), &version, field, "alt.pdf", pdf_bytes(900)).await;
    let (_, kept) = upload(
        &app,
        &key(51),
        &version,
        field,
        "Nachweis.pdf",
        pdf_bytes(900),
    )
    .await;
    let (_, recent) = upload(&app, &key(52), &version, field, "neu.pdf", pdf_bytes(900)).await;
    let mut a = dog_answers();
    a["dogs"][0]["kind"] = json!("assistance");
    a["dogs"][0]["assistance_proof"] = json!([{ "id": kept["id"], "name": "Nachweis.pdf", "size": 900, "type": "application/pdf" }]);
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(&key(51), &version, "de", &a),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    for id in [&abandoned["id"], &kept["id"]] {
        sqlx::query("UPDATE uploads SET created_at = '2026-01-01T00:00:00.000000Z' WHERE id = $1")
            .bind(id.as_str().unwrap())
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    let object = |id: &Value| {
        let db = app.db.clone();
        let id = id.as_str().unwrap().to_owned();
        async move { store::upload(&db, &id).await.unwrap() }
    };
    let abandoned_key = object(&abandoned["id"]).await.unwrap().object_key;
    assert!(app.attachments.get(&abandoned_key).await.is_ok());

    let month = std::time::Duration::from_secs(30 * 24 * 3600);
    let deleted = server::submissions::sweep_uploads(&app.db, &app.attachments, month)
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    assert!(object(&abandoned["id"]).await.is_none());
    assert!(
        app.attachments.get(&abandoned_key).await.is_err(),
        "the file is gone too"
    );
    let kept_row = object(&kept["id"]).await.expect("a submitted file stays");
    assert!(app.attachments.get(&kept_row.object_key).await.is_ok());
    assert!(
        object(&recent["id"]).await.is_some(),
        "a recent draft keeps its file"
    );
    // Sweeping again finds nothing.
    let again = server::submissions::sweep_uploads(&app.db, &app.attachments, month)
        .await
        .unwrap();
    assert_eq!(again, 0);
}

/// Every file below `dir`, recursively (staging files of unfinished writes included).
fn files_below(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_below(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A request body arriving in `piece`-sized chunks with no declared length, as a browser's
/// chunked upload or a slow connection delivers it.
fn streamed(content: &[u8], piece: usize) -> Body {
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = content
        .chunks(piece)
        .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
        .collect();
    Body::from_stream(futures_util::stream::iter(chunks))
}

async fn large_files_stream_through_and_refused_ones_leave_nothing(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let draft = key(40);
    let path = format!(
        "/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={SCHMOELLN}&field=dogs.0.assistance_proof&name=pass.pdf"
    );
    let send = |body: Body| {
        let req = Request::post(&path)
            .header("schalter-draft", &draft)
            .body(body)
            .unwrap();
        app.send(req)
    };
    let store_dir = app.dir.path().join("attachments");

    // Just under the field's 5 MB, in 7 KB pieces: stored whole, hashed over every piece.
    let mut content = pdf_bytes(5 * 1024 * 1024 - 10);
    for (i, b) in content.iter_mut().enumerate().skip(64) {
        *b = (i % 253) as u8;
    }
    let res = send(streamed(&content, 7 * 1024)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let stored = body_json(res).await;
    assert_eq!(stored["size"], content.len());
    assert_eq!(
        stored["sha256"],
        server::submissions::sha256_tag(&content).as_str()
    );
    let row = store::upload(&app.db, stored["id"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(app.attachments.get(&row.object_key).await.unwrap() == content);
    assert_eq!(files_below(&store_dir).len(), 1);

    // Over the limit without a declared length: refused part-way, the partial file removed.
    let res = send(streamed(&pdf_bytes(7 * 1024 * 1024), 16 * 1024)).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body_json(res).await["code"], "file_too_large");
    // A program whose first chunk is tiny: the type is judged on the first kilobytes anyway.
    let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
    exe.resize(100_000, 7);
    let res = send(streamed(&exe, 3)).await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Staging files are removed asynchronously on some paths: give them a moment.
    for _ in 0..50 {
        if files_below(&store_dir).len() == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(
        files_below(&store_dir).len(),
        1,
        "refused uploads left files: {:?}",
        files_below(&store_dir)
    );
    assert_eq!(
        store::uploads_of_draft(&app.db, &draft).await.unwrap(),
        1,
        "only the accepted file is recorded"
    );
}

backend_tests!(
    large_files_stream_through_and_refused_ones_leave_nothing,
    uploads_of_drafts_never_submitted_are_deleted_after_the_retention,
    a_valid_application_is_received_routed_priced_and_readable,
    the_same_key_gives_the_same_submission_even_at_once,
    answers_the_form_would_not_allow_are_refused,
    a_chip_number_the_browser_refuses_is_refused_by_the_server,
    a_confirmation_or_mandate_not_given_is_refused_by_the_server,
    the_exact_version_is_validated,
    a_draft_finishes_on_its_version_within_the_publishers_period,
    uploads_are_checked_by_content_and_size_and_served_only_with_the_token,
    the_status_lifecycle_is_enforced_and_recorded,
);
