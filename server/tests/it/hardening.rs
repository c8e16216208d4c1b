//! What an outside probe of the running portal broke, each finding as a test that failed before
//! its fix (the form-version and text findings are in `submissions.rs` and `text_safety.rs`):
//! the municipality picker's unbounded query, the per-draft upload cap raced by parallel
//! uploads, one upload listed twice, file names with direction overrides, the token's answer
//! cached, and submissions posted as `text/plain`.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{
    SCHMOELLN, TestApp, Which, body_json, dog_answers, dog_form_version, dog_submission, post_json,
};
use serde_json::json;
use server::submissions::service::MAX_UPLOADS_PER_DRAFT;

fn pdf(size: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    b.resize(size, b' ');
    b
}

async fn upload(
    app: &TestApp,
    draft: &str,
    version: &str,
    name: &str,
) -> (StatusCode, serde_json::Value) {
    let path = format!(
        "/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={SCHMOELLN}&field=dogs.0.assistance_proof&name={name}"
    );
    let req = Request::post(path)
        .header("schalter-draft", draft)
        .header(header::CONTENT_TYPE, "application/pdf")
        .body(Body::from(pdf(300)))
        .unwrap();
    let res = app.send(req).await;
    let status = res.status();
    (status, body_json(res).await)
}

/// Finding 4: a 65,000-character query took 0.42 s of CPU; now every parameter is bounded
/// before any work is done.
async fn the_municipality_picker_has_a_bound(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    for q in ["a".repeat(65_000), "Ä".repeat(101), " ".repeat(3000)] {
        let res = app
            .get(&format!("/api/v1/municipalities?q={}", urlencode(&q)), &[])
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert_eq!(body_json(res).await["code"], "bad_request");
    }
    let res = app.get("/api/v1/municipalities?q=Aarau", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
}

fn urlencode(s: &str) -> String {
    contract::paths::encode(s)
}

/// Finding 5: 90 sequential and 30 parallel uploads stored 112 against a cap of 100; the cap
/// is now one conditional update in the database, so it holds at once and across servers.
async fn the_upload_cap_holds_under_concurrency(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let draft = "b2d1f6c4-upload-cap-race-0001";
    for _ in 0..90 {
        assert_eq!(
            upload(&app, draft, &version, "x.pdf").await.0,
            StatusCode::CREATED
        );
    }
    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = (0..30)
        .map(|_| {
            let app = app.clone();
            let version = version.clone();
            tokio::spawn(async move { upload(&app, draft, &version, "x.pdf").await })
        })
        .collect();
    let mut created = 0;
    let mut refused = 0;
    for t in tasks {
        match t.await.unwrap() {
            (StatusCode::CREATED, _) => created += 1,
            (StatusCode::TOO_MANY_REQUESTS, b) => {
                assert_eq!(b["code"], "too_many_uploads");
                refused += 1;
            }
            (s, b) => panic!("{s}: {b}"),
        }
    }
    assert_eq!((created, refused), (10, 20));
    let stored = server::submissions::store::uploads_of_draft(&app.db, draft)
        .await
        .unwrap();
    assert_eq!(stored, MAX_UPLOADS_PER_DRAFT);
    // A refused upload (wrong type) does not use up a slot of another draft.
    let other = "b2d1f6c4-upload-cap-race-0002";
    let req = Request::post(format!(
        "/api/v1/uploads?form=hundesteuer-th&version={version}&municipality={SCHMOELLN}&field=dogs.0.assistance_proof&name=a.exe"
    ))
    .header("schalter-draft", other)
    .body(Body::from(b"MZ\x90\0\x03\0\0\0".to_vec()))
    .unwrap();
    assert_eq!(
        app.send(req).await.status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    for _ in 0..MAX_UPLOADS_PER_DRAFT {
        assert_eq!(
            upload(&app, other, &version, "x.pdf").await.0,
            StatusCode::CREATED
        );
    }
}

/// Finding 6: one upload listed twice became two attachments; names kept a right-to-left
/// override and an extension other than their type's; the 201 carrying the access token could
/// be cached; a `text/plain` body was accepted (no CORS preflight for other websites).
async fn smaller_findings(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let draft = "b2d1f6c4-smaller-findings-01";
    let (status, up) = upload(&app, draft, &version, "rechnung%E2%80%AEfdp.exe").await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        up["name"], "rechnungfdp.exe.pdf",
        "no override, the type's extension"
    );

    let mut answers = dog_answers();
    answers["dogs"][0]["kind"] = json!("assistance");
    let entry = json!({ "id": up["id"], "name": "x.pdf", "size": 1, "type": "application/pdf" });
    answers["dogs"][0]["assistance_proof"] = json!([entry.clone(), entry]);
    let (status, body) = post_json(
        &app,
        "/api/v1/submissions",
        &dog_submission(draft, &version, "de", &answers),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        body["details"]["errors"][0]["path"],
        "dogs.0.assistance_proof.1"
    );
    assert_eq!(body["details"]["errors"][0]["code"], "upload_missing");

    answers["dogs"][0]["assistance_proof"] =
        json!([{ "id": up["id"], "name": "x.pdf", "size": 1, "type": "application/pdf" }]);
    let req = Request::post("/api/v1/submissions")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            dog_submission(draft, &version, "de", &answers).to_string(),
        ))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "private, no-store");
    let created = body_json(res).await;
    assert_eq!(
        created["receipt"]["attachments"].as_array().unwrap().len(),
        1
    );
    assert_eq!(
        created["receipt"]["attachments"][0]["name"],
        "rechnungfdp.exe.pdf"
    );

    let req = Request::post("/api/v1/submissions")
        .header(header::CONTENT_TYPE, "text/plain;charset=UTF-8")
        .body(Body::from(
            dog_submission(
                "b2d1f6c4-smaller-findings-02",
                &version,
                "de",
                &dog_answers(),
            )
            .to_string(),
        ))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        server::submissions::store::by_key(&app.db, "b2d1f6c4-smaller-findings-02")
            .await
            .unwrap()
            .is_none()
    );
}

backend_tests!(
    the_municipality_picker_has_a_bound,
    the_upload_cap_holds_under_concurrency,
    smaller_findings,
);
