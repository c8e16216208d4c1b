//! Applications that cannot be submitted wrong, through the real router on SQLite and
//! PostgreSQL: a fee that follows from an answer (the building permit's advance from the
//! estimated costs, no cost band asked) is computed by the server whatever a client posts, and
//! a rule across fields (the day care start not before the expected birth) is refused by the
//! server as by the browser.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{SCHMOELLN, TestApp, Which, body_json, post_json};
use contract::form::FormDefinition;
use contract::submission::SubmissionCreated;
use serde_json::{Value, json};
use server::submissions::store;

/// Aarau: the canton's building permit with the town's own fee table (overlay).
const AARAU: &str = "ch:4001";
/// Baden: the canton's building permit as published.
const BADEN: &str = "ch:4021";

fn key(n: u32) -> String {
    format!("3c1d9a7e-5b2f-4e8a-a1c4-{n:012}")
}

async fn form(app: &TestApp, id: &str, m: &str) -> FormDefinition {
    let res = app
        .get(&format!("/api/v1/forms/{id}?municipality={m}"), &[])
        .await;
    assert_eq!(res.status(), 200);
    let body = body_json(res).await;
    serde_json::from_value(body["form"].clone()).expect("a form definition")
}

/// A PDF uploaded for the draft `draft` and the file field `field`, as its answer.
async fn pdf(app: &TestApp, draft: &str, version: &str, m: &str, field: &str) -> Value {
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    bytes.resize(800, b' ');
    let req = Request::post(format!(
        "/api/v1/uploads?form=baugesuch-ag&version={version}&municipality={m}&field={field}&name={field}.pdf&lang=de"
    ))
    .header("schalter-draft", draft)
    .header("content-type", "application/pdf")
    .header("content-length", bytes.len())
    .body(Body::from(bytes))
    .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    json!([body_json(res).await])
}

/// A complete building application in `m` with estimated costs of `costs`.
async fn building_answers(
    app: &TestApp,
    draft: &str,
    version: &str,
    m: &str,
    costs: &str,
) -> Value {
    let address =
        json!({"street": "Rathausgasse", "number": "1", "postcode": "5000", "place": "Aarau"});
    json!({
        "applicant_given_name": "Anna",
        "applicant_family_name": "Beispiel",
        "applicant_address": address,
        "applicant_email": "anna@example.ch",
        "applicant_phone": "062 835 11 11",
        "owner_is_applicant": "yes",
        "parcel_number": "1234",
        "parcel_address": address,
        "outside_building_zone": "no",
        "heritage": "no",
        "near_water_or_forest": "no",
        "project_type": "conversion",
        "description": "Umbau des Dachgeschosses",
        "building_costs": costs,
        "situation_plan": pdf(app, draft, version, m, "situation_plan").await,
        "plans": pdf(app, draft, version, m, "plans").await,
        "confirm": true,
    })
}

fn submission(key: &str, form: &str, version: &str, m: &str, answers: &Value) -> Value {
    json!({
        "idempotency_key": key,
        "form": form,
        "version": version,
        "municipality": m,
        "lang": "de",
        "answers": answers,
    })
}

fn errors(body: &Value) -> Vec<(String, String, String)> {
    body["details"]["errors"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("").to_owned();
            (s("path"), s("code"), s("message"))
        })
        .collect()
}

async fn submissions_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// The tester's building permit: CHF 85'000 of costs. The cost band it used to ask for is no
/// question any more (refused as unknown), a fee posted by the client is ignored, and the fee
/// stored is the one computed from the costs, with the town's own table where it has one.
async fn the_building_fee_follows_from_the_costs(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    for (n, m) in [(1, BADEN), (2, AARAU)] {
        let def = form(&app, "baugesuch-ag", m).await;
        assert_eq!(def.version, 3);
        assert!(def.field("cost_class").is_none());
        let version = def.version_tag();
        let draft = key(n);
        let answers = building_answers(&app, &draft, &version, m, "85'000").await;
        let expected = def.fees(&serde_json::from_value(answers.clone()).unwrap());
        let expected = expected.expect("the form has fees");

        // The band of v2 ("up to CHF 50'000"), posted as well: refused, nothing stored.
        let before = submissions_count(&app).await;
        let mut banded = answers.clone();
        banded["cost_class"] = json!("up_to_50k");
        let url = "/api/v1/submissions";
        let (s, body) = post_json(
            &app,
            url,
            &submission(&draft, "baugesuch-ag", &version, m, &banded),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let errs = errors(&body);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            (errs[0].0.as_str(), errs[0].1.as_str()),
            ("cost_class", "unknown_field")
        );
        // So is a fee posted as an answer.
        let mut forged = answers.clone();
        forged["permit_fee"] = json!("250");
        let (s, body) = post_json(
            &app,
            url,
            &submission(&draft, "baugesuch-ag", &version, m, &forged),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(errors(&body)[0].0, "permit_fee");
        assert_eq!(submissions_count(&app).await, before);

        // A fee next to the answers is no part of the request: the server computes its own.
        let mut body = submission(&draft, "baugesuch-ag", &version, m, &answers);
        body["fees"] = json!({"currency": "CHF", "lines": [], "total": 25000});
        let (s, created) = post_json(&app, url, &body).await;
        assert_eq!(s, StatusCode::CREATED, "{created}");
        let created: SubmissionCreated = serde_json::from_value(created).unwrap();
        let fees = created.receipt.fees.clone().expect("fees");
        assert_eq!(fees, expected);
        let permit = fees.lines.iter().find(|l| l.rule == "permit_fee").unwrap();
        match m {
            // The canton's band for CHF 50'000.01 to 200'000.
            BADEN => {
                assert_eq!(permit.amount, 80000);
                assert_eq!(fees.total, 80000);
            }
            // Aarau's own band and its flat publication fee.
            _ => {
                assert_eq!(permit.amount, 70000);
                assert!(fees.lines.iter().any(|l| l.rule == "publication"));
            }
        }
        let stored = store::by_reference(&app.db, &created.receipt.reference)
            .await
            .unwrap()
            .unwrap();
        let data: Value = serde_json::from_str(&stored.data).unwrap();
        assert_eq!(data["fees"]["total"], json!(fees.total));
        assert_eq!(data["answers"]["building_costs"], "85'000");
        assert!(data["answers"].get("cost_class").is_none());
    }

    // The band edges, as the server computes them for the browser too.
    for (costs, fee) in [
        ("50'000", 30000),
        ("50'000.01", 80000),
        ("1'000'001", 500000),
    ] {
        let (s, v) = post_json(
            &app,
            "/api/v1/forms/baugesuch-ag/validate",
            &json!({"municipality": BADEN, "lang": "de", "answers": {"building_costs": costs}}),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["fees"]["total"], json!(fee), "{costs}");
    }
}

/// The day care form: a start of care before the expected birth is refused at the start
/// date with the form's own message, by the validation endpoint and by the submission.
async fn a_rule_across_fields_is_refused_by_the_server(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let def = form(&app, "kita-anmeldung-th", SCHMOELLN).await;
    assert_eq!(def.version, 3);
    let check = def
        .checks
        .iter()
        .find(|c| c.id == "start_after_expected_birth")
        .expect("the rule");
    let version = def.version_tag();
    let today = {
        let (_, v) = post_json(
            &app,
            "/api/v1/forms/kita-anmeldung-th/validate",
            &json!({"municipality": SCHMOELLN, "answers": {}}),
        )
        .await;
        contract::form::checks::parse_date(v["today"].as_str().unwrap()).unwrap()
    };
    let day = |n: i64| contract::form::checks::iso(today + time::Duration::days(n));
    let answers = |start: &str| {
        json!({
            "child_born": "no",
            "child_family_name": "Beispiel",
            "expected_birth_date": day(60),
            "child_address": {"street": "Markt", "number": "1", "postcode": "04626", "place": "Schmölln"},
            "start_date": start,
            "care_hours": "upto6",
            "care_types": ["near_home"],
            "guardians": [{
                "given_name": "Anna", "family_name": "Beispiel", "relationship": "mother",
                "same_address": "yes", "phone": "034491 12345", "email": "anna@example.de",
                "employed": "yes"
            }],
            "consent": true,
        })
    };
    let url = "/api/v1/submissions";
    let before = submissions_count(&app).await;
    for lang in ["de", "fr"] {
        let mut body = submission(
            &key(10),
            "kita-anmeldung-th",
            &version,
            SCHMOELLN,
            &answers(&day(59)),
        );
        body["lang"] = json!(lang);
        let (s, body) = post_json(&app, url, &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let errs = errors(&body);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            (errs[0].0.as_str(), errs[0].1.as_str()),
            ("start_date", "check")
        );
        let lang: contract::Lang = lang.parse().unwrap();
        assert_eq!(errs[0].2, check.message.get(lang));
        assert_eq!(body["details"]["errors"][0]["limit"], json!(check.id));
        // The form's own message travels as the message, not as a second copy.
        assert!(body["details"]["errors"][0].get("rule_message").is_none());
    }
    let (s, v) = post_json(
        &app,
        "/api/v1/forms/kita-anmeldung-th/validate",
        &json!({"municipality": SCHMOELLN, "lang": "en", "answers": answers(&day(59))}),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["valid"], false);
    assert_eq!(
        common::errors_at(&v["errors"], "start_date"),
        [(
            "check".to_owned(),
            check.message.get(contract::Lang::En).to_owned()
        )]
    );
    assert_eq!(submissions_count(&app).await, before);

    // On the expected day it is accepted.
    let (s, body) = post_json(
        &app,
        url,
        &submission(
            &key(11),
            "kita-anmeldung-th",
            &version,
            SCHMOELLN,
            &answers(&day(60)),
        ),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!(submissions_count(&app).await, before + 1);
}

/// The service page's facts come from the server: what the municipality's effective form asks
/// for and costs, in words, the same as the form's start page computes from the definition (the
/// town's own fee table where it has one), in the asked language; refused where the form is
/// not offered or a parameter is malformed.
async fn the_facts_of_a_form_are_those_of_the_municipalitys_form(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let facts = |m: &str, lang: &str| {
        let app = &app;
        let url = format!("/api/v1/forms/baugesuch-ag/facts?municipality={m}&lang={lang}");
        async move {
            let res = app.get(&url, &[]).await;
            (res.status(), body_json(res).await)
        }
    };
    let mut tables = Vec::new();
    for m in [BADEN, AARAU] {
        let def = form(&app, "baugesuch-ag", m).await;
        for lang in [contract::Lang::De, contract::Lang::Fr] {
            let (s, body) = facts(m, lang.code()).await;
            assert_eq!(s, StatusCode::OK, "{body}");
            let got: contract::form::facts::FormFacts = serde_json::from_value(body).unwrap();
            assert_eq!(
                got,
                contract::form::facts::facts(&def, lang),
                "{m} {lang:?}"
            );
            assert!(!got.needs.is_empty() && !got.fees.is_empty(), "{got:?}");
            // The service page has the same facts in its one answer.
            let url = format!(
                "/api/v1/services/99012008001000?municipality={m}&lang={}",
                lang.code()
            );
            let detail = body_json(app.get(&url, &[]).await).await;
            let with_service: contract::api::ServiceDetail =
                serde_json::from_value(detail).unwrap();
            assert_eq!(with_service.form.as_deref(), Some("baugesuch-ag"));
            assert_eq!(with_service.facts.as_ref(), Some(&got), "{m} {lang:?}");
            if lang == contract::Lang::De {
                tables.push(got.fees);
            }
        }
    }
    assert_ne!(
        tables[0], tables[1],
        "Aarau's own fee table, not the canton's"
    );

    // Without a municipality the service page has no form's facts.
    let detail = body_json(
        app.get("/api/v1/services/99012008001000?lang=de", &[])
            .await,
    )
    .await;
    assert!(detail.get("facts").is_none(), "{detail}");

    // Not offered in a German municipality; a malformed language.
    let (s, body) = facts(SCHMOELLN, "de").await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_offered")),
        "{body}"
    );
    let (s, _) = facts(AARAU, "xx").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

backend_tests!(
    the_building_fee_follows_from_the_costs,
    a_rule_across_fields_is_refused_by_the_server,
    the_facts_of_a_form_are_those_of_the_municipalitys_form,
);
