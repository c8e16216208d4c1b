//! Online forms over the API on both databases: services link their form where the
//! municipality may use it, the effective form (template + municipal overlay) with its version,
//! validation with the same code as the browser (identical errors), fees computed by the
//! server, old versions validated as they were, the overlay change report, and publication
//! rules (a published version never changes).

use crate::common;

use axum::http::StatusCode;
use catalog::forms::FormSet;
use common::{TestApp, Which, body_json, post_json};
use contract::form::overlay::apply;
use contract::form::{Answers, Context};
use serde_json::{Value, json};
use server::access::Role;

const SCHMOELLN: &str = "de:16077043";
const GLINDE: &str = "de:01062018";
const AARAU: &str = "ch:4001";

async fn get(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let res = app.get(path, &[]).await;
    let status = res.status();
    (status, body_json(res).await)
}

/// A complete, valid dog registration for Schmölln: two dogs, one an assistance dog.
fn dog_answers() -> Value {
    json!({
        "given_name": "Anna",
        "family_name": "Beispiel",
        "birth_date": "1980-04-12",
        "address": {"street": "Markt", "number": "1", "postcode": "04626", "place": "Schmölln", "country": "DE"},
        "email": "anna.beispiel@example.de",
        "dogs": [
            {"name": "Bello", "breed": "Labrador", "sex": "male", "chip_number": "276098100123456",
             "kept_since": "2024-05-01", "kind": "assistance", "tag_delivery": "post",
             "assistance_proof": [{"id": "a1", "name": "ausweis.pdf", "size": 120000, "type": "application/pdf"}]},
            {"name": "Luna", "breed": "Mischling", "sex": "female", "chip_number": "276098100654321",
             "kept_since": "2025-01-15", "kind": "pet", "tag_delivery": "pickup"},
            {"name": "Rex", "breed": "Schäferhund", "sex": "male", "chip_number": "276098100111111",
             "kept_since": "2025-06-01", "kind": "pet", "tag_delivery": "post"}
        ],
        "payment": "sepa",
        "account_holder": "Anna Beispiel",
        "iban": "DE89 3704 0044 0532 0130 00",
        "sepa_mandate": true
    })
}

async fn services_link_their_form_where_it_is_offered(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (s, v) = get(
        &app,
        &format!("/api/v1/services/99110009104000?municipality={SCHMOELLN}"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["form"], "hundesteuer-th");
    assert_eq!(v["online"], true);
    // Glinde lies in Schleswig-Holstein: Thüringen's form is not theirs.
    let (_, v) = get(
        &app,
        &format!("/api/v1/services/99110009104000?municipality={GLINDE}"),
    )
    .await;
    assert_eq!(v["form"], Value::Null);
    assert_eq!(v["online"], false);
    // Search results carry the form the same way.
    let (_, v) = get(
        &app,
        &format!("/api/v1/search?q=hund+anmelden&municipality={SCHMOELLN}"),
    )
    .await;
    let hit = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "99110009104000")
        .expect("dog registration found");
    assert_eq!(hit["form"], "hundesteuer-th");
    let (_, v) = get(
        &app,
        &format!("/api/v1/search?q=hund+anmelden&municipality={GLINDE}"),
    )
    .await;
    let hit = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "99110009104000")
        .expect("found");
    assert_eq!(hit["form"], Value::Null);
}

async fn serves_the_effective_form_of_a_municipality(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let set = FormSet::embedded().unwrap();
    let current = set.current("hundesteuer-th").unwrap().version;

    let (s, v) = get(&app, "/api/v1/forms/hundesteuer-th").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["version"], format!("{current}.0"));
    assert!(v["form"]["steps"].to_string().contains("\"phone\""));

    let (s, v) = get(
        &app,
        &format!("/api/v1/forms/hundesteuer-th?municipality={SCHMOELLN}&lang=fr"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["version"], format!("{current}.1"));
    assert_eq!(v["municipality"]["name"], "Schmölln");
    assert!(
        v["authority"]["name"]
            .as_str()
            .unwrap()
            .contains("Schmölln"),
        "{}",
        v["authority"]
    );
    let steps = v["form"]["steps"].to_string();
    assert!(steps.contains("tag_delivery"), "the overlay adds a field");
    assert!(!steps.contains("\"phone\""), "the overlay hides the phone");
    assert_eq!(
        v["form"]["fees"]["rules"][0]["amounts"],
        json!([5000, 8000, 10000])
    );

    // An older version is still served exactly as it was.
    let (s, v) = get(
        &app,
        &format!("/api/v1/forms/hundesteuer-th?municipality={SCHMOELLN}&version=1.1"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["version"], "1.1");
    assert!(!v["form"]["steps"].to_string().contains("chip_number"));

    let (s, v) = get(
        &app,
        &format!("/api/v1/forms/hundesteuer-th?municipality={AARAU}"),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(v["code"], "not_offered");
    assert!(v["message"].as_str().unwrap().contains("Aarau"));
    let (s, v) = get(&app, "/api/v1/forms/no-such-form").await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (s, _) = get(&app, "/api/v1/forms/hundesteuer-th?municipality=ch:999999").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, v) = get(
        &app,
        &format!("/api/v1/forms/hundesteuer-th?municipality={SCHMOELLN}&version=9.9"),
    )
    .await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::CONFLICT, Some("unknown_form_version"))
    );
}

async fn validates_with_the_browsers_code(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let url = "/api/v1/forms/hundesteuer-th/validate";

    // Nothing answered: every required field, in field order, with French messages.
    let (s, v) = post_json(
        &app,
        url,
        &json!({"municipality": SCHMOELLN, "lang": "fr", "answers": {}}),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["valid"], false);
    let paths: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "given_name",
            "family_name",
            "birth_date",
            "address",
            "email",
            "dogs",
            "payment"
        ]
    );
    assert_eq!(v["errors"][0]["code"], "required");
    assert_eq!(v["errors"][0]["message"], "Veuillez remplir ce champ.");

    // The same answers through the contract crate directly give the same errors: one code.
    let set = FormSet::embedded().unwrap();
    let template = set.current("hundesteuer-th").unwrap();
    let overlay = &set
        .overlays
        .values()
        .find(|o| o.doc.municipality == SCHMOELLN)
        .unwrap()
        .doc;
    let (form, _) = apply(template, overlay);
    let mut broken = dog_answers();
    broken["email"] = json!("anna.beispiel@");
    broken["iban"] = json!("DE89 3704 0044 0532 0130 01");
    broken["dogs"][1]["chip_number"] = json!("");
    broken["dogs"][2]["kept_since"] = json!("2099-01-01");
    let (_, v) = post_json(
        &app,
        url,
        &json!({"municipality": SCHMOELLN, "answers": broken}),
    )
    .await;
    let today = contract::form::checks::parse_date(v["today"].as_str().unwrap()).unwrap();
    let answers: Answers = serde_json::from_value(broken.clone()).unwrap();
    let local: Vec<Value> = form
        .validate(&answers, &Context { today })
        .into_iter()
        .map(|e| serde_json::to_value(e.localise(contract::Lang::De)).unwrap())
        .collect();
    assert_eq!(v["errors"].as_array().unwrap(), &local);
    let codes: Vec<(&str, &str)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("email", "invalid_email"),
            ("dogs.1.chip_number", "required"),
            ("dogs.2.kept_since", "date_in_future"),
            ("iban", "invalid_iban"),
        ]
    );

    // Valid answers: the server computes the fee from Schmölln's table: the assistance dog is
    // free and does not count, Luna is the first dog (50 €), Rex the second (80 €).
    let (_, v) = post_json(
        &app,
        url,
        &json!({"municipality": SCHMOELLN, "answers": dog_answers()}),
    )
    .await;
    assert_eq!(v["valid"], true, "{}", v["errors"]);
    assert_eq!(v["fees"]["currency"], "EUR");
    let amounts: Vec<i64> = v["fees"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["amount"].as_i64().unwrap())
        .collect();
    assert_eq!(amounts, [0, 5000, 8000]);
    assert_eq!(v["fees"]["total"], 13000);

    // Posting what the form does not ask is refused; an answer to a hidden field is ignored
    // (not validated, never submitted), so a bypass gains nothing.
    let mut extra = dog_answers();
    extra["fee_override"] = json!("0");
    let (_, v) = post_json(
        &app,
        url,
        &json!({"municipality": SCHMOELLN, "answers": extra}),
    )
    .await;
    assert_eq!(v["errors"][0]["path"], "fee_override");
    assert_eq!(v["errors"][0]["code"], "unknown_field");
    let mut transfer = dog_answers();
    transfer["payment"] = json!("transfer");
    transfer["iban"] = json!("not an iban");
    let (_, v) = post_json(
        &app,
        url,
        &json!({"municipality": SCHMOELLN, "answers": transfer}),
    )
    .await;
    assert_eq!(v["valid"], true, "{}", v["errors"]);
    // A wrong JSON shape is an error, not a crash.
    let mut shape = dog_answers();
    shape["dogs"] = json!("three dogs");
    let (_, v) = post_json(
        &app,
        url,
        &json!({"municipality": SCHMOELLN, "answers": shape}),
    )
    .await;
    assert_eq!(v["errors"][0]["code"], "wrong_type");

    // Version 1.1 (no chip numbers then) validates as it was; an unknown version is refused.
    let mut old = dog_answers();
    // A yes/no then, a consent since 3.
    old["sepa_mandate"] = json!("yes");
    for d in old["dogs"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("chip_number");
    }
    let (_, v) = post_json(
        &app,
        url,
        &json!({"municipality": SCHMOELLN, "version": "1.1", "answers": old}),
    )
    .await;
    assert_eq!(
        (v["valid"].as_bool(), v["version"].as_str()),
        (Some(true), Some("1.1")),
        "{}",
        v["errors"]
    );
    let (s, v) = post_json(
        &app,
        url,
        &json!({"municipality": SCHMOELLN, "version": "7.3", "answers": {}}),
    )
    .await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::CONFLICT, Some("unknown_form_version"))
    );
    let (s, v) = post_json(&app, url, &json!({"municipality": AARAU, "answers": {}})).await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_offered"))
    );
}

/// The identifiers' own checks run on the server for answers posted directly: the tester's
/// chip numbers, and an AHV number whose check digit is wrong told apart from one of the wrong
/// length, each with its own code and message.
async fn identifiers_are_refused_with_what_is_wrong(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let url = "/api/v1/forms/hundesteuer-th/validate";
    for (chip, code) in [
        ("12345", "invalid_animal_chip"),
        ("abc", "invalid_animal_chip"),
        ("123456789012345", "animal_chip_prefix"),
    ] {
        let mut answers = dog_answers();
        answers["dogs"][1]["chip_number"] = json!(chip);
        let (s, v) = post_json(
            &app,
            url,
            &json!({"municipality": SCHMOELLN, "lang": "fr", "answers": answers}),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["valid"], false, "{chip}: {v}");
        let errors = common::errors_at(&v["errors"], "dogs.1.chip_number");
        assert_eq!(errors.len(), 1, "{chip}: {v}");
        assert_eq!(errors[0].0, code, "{chip}");
        let expected = match code {
            "invalid_animal_chip" => "Veuillez saisir les 15 chiffres du numéro de puce",
            _ => "ni par un code de pays",
        };
        assert!(errors[0].1.contains(expected), "{chip}: {}", errors[0].1);
    }
    // Spaces as on the pet passport, a manufacturer's code: accepted.
    let mut answers = dog_answers();
    answers["dogs"][1]["chip_number"] = json!("900 123 456 789 012");
    let (_, v) = post_json(
        &app,
        url,
        &json!({"municipality": SCHMOELLN, "answers": answers}),
    )
    .await;
    assert_eq!(v["valid"], true, "{}", v["errors"]);

    // The move-in form in Aarau: a Swiss national's AHV number.
    let url = "/api/v1/forms/wohnsitz-anmelden-ag/validate";
    for (ahv, code, says) in [
        ("756.1234.5678.98", "ahv_check_digit", "Prüfziffer"),
        ("756.1234.5678", "invalid_ahv", "13 Ziffern"),
        ("757.1234.5678.97", "invalid_ahv", "beginnt mit 756"),
    ] {
        let answers = json!({"citizenship": "ch", "ahv_number": ahv});
        let (s, v) = post_json(
            &app,
            url,
            &json!({"municipality": AARAU, "lang": "de", "answers": answers}),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let errors = common::errors_at(&v["errors"], "ahv_number");
        assert_eq!(errors.len(), 1, "{ahv}: {v}");
        assert_eq!(errors[0].0, code, "{ahv}");
        assert!(errors[0].1.contains(says), "{ahv}: {}", errors[0].1);
    }
    // Required for Swiss nationals, optional otherwise; a right number passes.
    for (citizenship, ahv, errors) in [
        ("ch", None, 1),
        ("other", None, 0),
        ("ch", Some("756.1234.5678.97"), 0),
    ] {
        let mut answers = json!({"citizenship": citizenship});
        if let Some(a) = ahv {
            answers["ahv_number"] = json!(a);
        }
        let (_, v) = post_json(
            &app,
            url,
            &json!({"municipality": AARAU, "answers": answers}),
        )
        .await;
        assert_eq!(
            common::errors_at(&v["errors"], "ahv_number").len(),
            errors,
            "{citizenship} {ahv:?}: {v}"
        );
    }
}

async fn municipalities_see_what_changed_in_the_template(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let status_of = format!("/api/v1/forms/hundesteuer-th/overlay-status?municipality={SCHMOELLN}");
    // For the municipality's staff only.
    let (s, v) = get(&app, &status_of).await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthorised"))
    );
    let clerk = common::staff_token(&app, SCHMOELLN, Role::Clerk).await;
    let bearer = format!("Bearer {clerk}");
    let res = app.get(&status_of, &[("authorization", &bearer)]).await;
    let s = res.status();
    let v = body_json(res).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["based_on"], 1);
    assert!(v["template_version"].as_u64().unwrap() >= 2);
    let changes = v["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["kind"] == "field_added" && c["target"] == "dogs.chip_number"),
        "{changes:#?}"
    );
    assert!(changes.iter().any(|c| c["kind"] == "fees_changed"));
    assert_eq!(v["issues"], json!([]));
    // Another municipality's overlay is not theirs; a portal admin finds none there.
    let glinde = "/api/v1/forms/hundesteuer-th/overlay-status?municipality=de:01062018";
    let res = app.get(glinde, &[("authorization", &bearer)]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let admin = format!(
        "Bearer {}",
        common::staff_token(&app, "*", Role::PortalAdmin).await
    );
    let res = app.get(glinde, &[("authorization", &admin)]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

async fn published_versions_never_change(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let count = || async {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM form_templates")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        n
    };
    let before = count().await;
    let set = FormSet::embedded().unwrap();
    assert_eq!(before as usize, set.templates.len());
    // Publishing the same set again adds nothing.
    assert_eq!(
        server::forms::store::publish(&app.db, &set).await.unwrap(),
        (0, 0)
    );
    assert_eq!(count().await, before);
    // The same version with other content is refused.
    let mut changed = set.clone();
    let key = ("hundesteuer-th".to_owned(), 1);
    let t = changed.templates.get_mut(&key).unwrap();
    t.doc.title = contract::form::Localized::de("Hundesteuer (geändert)");
    let err = server::forms::store::publish(&app.db, &changed)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already published"), "{err}");
}

backend_tests!(
    services_link_their_form_where_it_is_offered,
    serves_the_effective_form_of_a_municipality,
    validates_with_the_browsers_code,
    identifiers_are_refused_with_what_is_wrong,
    municipalities_see_what_changed_in_the_template,
    published_versions_never_change,
);
