//! Errors as a contract: every error answer of the API is the same JSON (`code`, a message in
//! the request's language, optional `details`), whatever produced it — a body or query the
//! extractors refuse, an unknown address, a wrong method, an oversize body, a body that is not
//! JSON — and the OpenAPI document served is the one checked in.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{SCHMOELLN, TestApp, Which, body_bytes, body_json, dog_answers, dog_form_version};
use serde_json::{Value, json};

/// Sends a request; asserts the answer is the API's JSON error with `status`; returns the body.
async fn refused(app: &TestApp, req: Request<Body>, status: StatusCode) -> Value {
    let what = format!("{} {}", req.method(), req.uri());
    let res = app.send(req).await;
    assert_eq!(res.status(), status, "{what}");
    let ct = res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(ct.starts_with("application/json"), "{what}: {ct}");
    let body = body_json(res).await;
    assert!(
        body["code"].as_str().is_some_and(|c| !c.is_empty()),
        "{what}: {body}"
    );
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{what}: {body}"
    );
    body
}

fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

async fn every_error_is_the_same_json_in_the_requests_language(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let validate = "/api/v1/forms/hundesteuer-th/validate";

    // A body the API cannot parse: it names what is missing (was 422 text/plain).
    let b = refused(
        &app,
        post(validate, "application/json", "{}"),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(b["code"], "bad_request");
    assert_eq!(b["details"]["parameter"], "answers");
    assert_eq!(
        b["message"],
        "Die Angabe „answers“ fehlt oder hat nicht die erwartete Form."
    );
    let b = refused(
        &app,
        post(validate, "application/json", "{\"answers\":"),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(
        b["message"],
        "Der Inhalt der Anfrage ist kein gültiges JSON."
    );
    let b = refused(
        &app,
        post(
            validate,
            "application/json",
            r#"{"answers": {}, "lang": "xx"}"#,
        ),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(b["details"]["parameter"], "lang");

    // Not JSON at all: a cross-site form or a `text/plain` fetch cannot post a submission
    // without a CORS preflight.
    let b = refused(
        &app,
        post("/api/v1/submissions", "text/plain", "{}"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    assert_eq!(b["code"], "unsupported_media_type");
    refused(
        &app,
        post(
            "/api/v1/submissions",
            "application/x-www-form-urlencoded",
            "a=b",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;

    // Oversize: the limit is in the details.
    let big = format!("{{\"answers\": {{\"x\": \"{}\"}}}}", "a".repeat(1_100_000));
    let b = refused(
        &app,
        post(validate, "application/json", big),
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    assert_eq!(b["code"], "payload_too_large");
    assert_eq!(b["details"]["limit"], 1_048_576);

    // Unknown addresses and wrong methods.
    for uri in [
        "/api",
        "/api/v2/search",
        "/api/v1/nope",
        "/api/v1/services/x/y/z",
    ] {
        let b = refused(
            &app,
            Request::get(uri).body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
        )
        .await;
        assert_eq!(b["code"], "not_found", "{uri}");
    }
    let req = Request::delete("/api/v1/search")
        .body(Body::empty())
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    let allow = res.headers()[header::ALLOW].to_str().unwrap().to_owned();
    assert!(allow.contains("GET"), "{allow}");
    let b = body_json(res).await;
    assert_eq!(b["code"], "method_not_allowed");
    assert!(
        b["details"]["allowed_methods"]
            .as_array()
            .is_some_and(|m| m.contains(&json!("GET"))),
        "{b}"
    );

    // Query parameters: the wrong type names the parameter; every one has a bound.
    let get = |uri: String| Request::get(uri).body(Body::empty()).unwrap();
    let b = refused(
        &app,
        get("/api/v1/search?q=x&limit=abc".into()),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(b["details"]["parameter"], "limit");
    let long = "a".repeat(65_000);
    let b = refused(
        &app,
        get(format!("/api/v1/municipalities?q={long}")),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(b["details"]["limit"], 2048);
    let b = refused(
        &app,
        get(format!("/api/v1/municipalities?q={}", "a".repeat(101))),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(b["details"]["parameter"], "q");
    assert_eq!(b["details"]["limit"], 100);
    let b = refused(
        &app,
        get(format!("/api/v1/search?q={}", "a".repeat(201))),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(b["details"]["limit"], 200);

    // The request's language: the `lang` parameter, else Accept-Language, else German.
    let b = refused(
        &app,
        get("/api/v1/services/nope?lang=fr".into()),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(b["message"], "Il n’y a rien à cette adresse.");
    let req = Request::get("/api/v1/services/nope")
        .header(header::ACCEPT_LANGUAGE, "it-CH, en;q=0.5")
        .body(Body::empty())
        .unwrap();
    let b = refused(&app, req, StatusCode::NOT_FOUND).await;
    assert_eq!(b["message"], "A questo indirizzo non c’è nulla.");
    let b = refused(
        &app,
        get("/api/v1/services/nope".into()),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(b["message"], "Unter dieser Adresse gibt es nichts.");
    let b = refused(
        &app,
        get("/api/v1/search?q=x&lang=rm".into()),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(b["code"], "unknown_language");

    // A body's own language wins: the answers' errors and summary in English.
    let version = dog_form_version(&app, SCHMOELLN).await;
    let mut answers = dog_answers();
    answers["dogs"][0]["breed"] = json!("");
    let body = json!({
        "idempotency_key": "e7c1d2b0-errors-contract-0001", "form": "hundesteuer-th",
        "version": version, "municipality": SCHMOELLN, "lang": "en", "answers": answers,
    });
    let req = Request::post("/api/v1/submissions")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "de")
        .body(Body::from(body.to_string()))
        .unwrap();
    let b = refused(&app, req, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(b["code"], "invalid_answers");
    assert_eq!(
        b["message"],
        "The application was not submitted: please correct the marked answers."
    );
    assert_eq!(b["details"]["errors"][0]["path"], "dogs.0.breed");
    assert_eq!(
        b["details"]["errors"][0]["message"],
        "Please answer this question."
    );

    // A malformed credential is refused wherever it is shown.
    let req = Request::get("/api/v1/topics")
        .header(header::AUTHORIZATION, "Basic dXNlcjpwdw==")
        .body(Body::empty())
        .unwrap();
    let b = refused(&app, req, StatusCode::UNAUTHORIZED).await;
    assert_eq!(b["code"], "invalid_token");
}

async fn request_ids_cannot_forge_log_lines(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let res = app.get("/health", &[("x-request-id", "abc-123.X:9")]).await;
    assert_eq!(res.headers()["x-request-id"], "abc-123.X:9");
    for forged in [
        "a b",
        "x\" level=error msg=\"forged",
        &"a".repeat(65),
        "ünïcode",
    ] {
        let Ok(v) = axum::http::HeaderValue::from_str(forged) else {
            continue;
        };
        let req = Request::get("/health")
            .header("x-request-id", v)
            .body(Body::empty())
            .unwrap();
        let res = app.send(req).await;
        let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
        assert_ne!(id, forged);
        assert_eq!(id.len(), 36, "a fresh UUID: {id}");
    }
    let res = app.get("/health", &[]).await;
    assert_eq!(res.headers()["x-request-id"].len(), 36);
}

async fn the_served_document_is_the_checked_in_one(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let res = app.get("/api/v1/openapi.json", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let served = String::from_utf8(body_bytes(res).await).unwrap();
    let doc: Value = serde_json::from_str(&served).unwrap();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let checked_in = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/openapi.json");
    let expected = std::fs::read_to_string(&checked_in).unwrap_or_default();
    assert!(
        served.trim() == expected.trim(),
        "docs/openapi.json differs from the API: if the change is intended, run \
         `cargo run -p server -- openapi > docs/openapi.json` and review the diff"
    );
}

backend_tests!(
    every_error_is_the_same_json_in_the_requests_language,
    request_ids_cannot_forge_log_lines,
    the_served_document_is_the_checked_in_one,
);
