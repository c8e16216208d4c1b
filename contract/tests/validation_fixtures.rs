//! The shared validation fixtures: answers → expected errors (path, code, limit), fees and the
//! answers as they are stored, for a form with every field kind and for the real dog-tax form. The same cases run natively
//! (`cargo test`) and compiled to WebAssembly (`scripts/test-wasm.sh`: wasm-bindgen-test in
//! Node), so the browser and the server provably give the same answers.

use contract::Lang;
use contract::form::{Answers, Context, FormDefinition};
use serde::Deserialize;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const KITCHEN_SINK: &str = include_str!("fixtures/kitchen-sink.json");
const CASES: &str = include_str!("fixtures/validation-cases.json");
const DOG_FORM: &str = include_str!("../../catalog/data/forms/hundesteuer-th/template.v3.json");
const DOG_CASES: &str = include_str!("fixtures/hundesteuer-cases.json");
const RULES_FORM: &str = include_str!("fixtures/rules-form.json");
const RULES_CASES: &str = include_str!("fixtures/rules-cases.json");
const BUILDING_FORM: &str = include_str!("../../catalog/data/forms/baugesuch-ag/template.v3.json");
const KITA_FORM: &str = include_str!("../../catalog/data/forms/kita-anmeldung-th/template.v3.json");

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    today: String,
    answers: Answers,
    errors: Vec<Expected>,
    #[serde(default)]
    fees_total: Option<i64>,
    /// Whether the answers chose a fee the authority debits (no invoice, no slip).
    #[serde(default)]
    direct_debit: Option<bool>,
    /// The answers as submitted and stored ([`FormDefinition::clean_answers`]).
    #[serde(default)]
    stored: Option<Answers>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Expected {
    path: String,
    code: String,
    #[serde(default)]
    limit: Option<String>,
}

fn run(form_json: &str, cases_json: &str) -> usize {
    let form: FormDefinition = serde_json::from_str(form_json).expect("form parses");
    assert_eq!(form.problems(), Vec::<String>::new());
    let cases: Vec<Case> = serde_json::from_str(cases_json).expect("cases parse");
    for case in &cases {
        let ctx = Context::on(&case.today).expect("today");
        let got: Vec<Expected> = form
            .validate(&case.answers, &ctx)
            .into_iter()
            .map(|e| {
                // Every error has a message in every language; a broken rule the form's own.
                for lang in Lang::ALL {
                    assert!(!e.code.message(lang, e.limit.as_deref()).is_empty());
                    if e.code == contract::form::ErrorCode::Check {
                        let check = form.checks.iter().find(|c| Some(&c.id) == e.limit.as_ref());
                        let check = check.expect("the error names the rule");
                        assert_eq!(e.text(lang), check.message.get(lang));
                        assert_eq!(
                            e.clone().localise(lang).message.as_deref(),
                            Some(check.message.get(lang))
                        );
                    }
                }
                let code = serde_json::to_value(e.code).unwrap();
                Expected {
                    path: e.path,
                    code: code.as_str().unwrap().to_owned(),
                    limit: e.limit,
                }
            })
            .collect();
        assert_eq!(got, case.errors, "case {:?}", case.name);
        if let Some(stored) = &case.stored {
            assert_eq!(
                &form.clean_answers(&case.answers),
                stored,
                "stored answers of case {:?}",
                case.name
            );
            // What is stored passes as it is, and stays as it is.
            let clean = form.clean_answers(&case.answers);
            assert_eq!(form.validate(&clean, &ctx), Vec::new(), "{:?}", case.name);
            assert_eq!(form.clean_answers(&clean), clean, "{:?}", case.name);
        }
        if let Some(total) = case.fees_total {
            let fees = form.fees(&case.answers).expect("form has fees");
            assert_eq!(fees.total, total, "fees of case {:?}: {fees:#?}", case.name);
        }
        if let Some(debit) = case.direct_debit {
            let fees = form.fees(&case.answers).expect("form has fees");
            let got = fees.collection.as_ref().is_some_and(|c| c.direct_debit);
            assert_eq!(got, debit, "collection of case {:?}: {fees:#?}", case.name);
        }
    }
    cases.len()
}

#[test]
fn every_field_kind() {
    assert!(run(KITCHEN_SINK, CASES) >= 50);
}

#[test]
fn the_dog_tax_form() {
    assert!(run(DOG_FORM, DOG_CASES) >= 5);
}

#[test]
fn fees_by_band_and_rules_across_fields() {
    assert!(run(RULES_FORM, RULES_CASES) >= 30);
}

/// The published building permit: the fee follows from the estimated costs (no cost band
/// asked), at the band edges.
#[test]
fn the_building_permit_fee_follows_from_the_costs() {
    let form: FormDefinition = serde_json::from_str(BUILDING_FORM).expect("form parses");
    assert_eq!(form.problems(), Vec::<String>::new());
    assert!(form.field("cost_class").is_none());
    let fee = |costs: &str| {
        let answers: Answers =
            serde_json::from_value(serde_json::json!({ "building_costs": costs })).unwrap();
        form.fees(&answers).expect("fees").total
    };
    assert_eq!(fee("85'000"), 80000);
    assert_eq!(fee("50'000"), 30000);
    assert_eq!(fee("50'000.05"), 80000);
    assert_eq!(fee("1'000'000"), 200000);
    assert_eq!(fee("1'000'001"), 500000);
}

/// The published day care form: the start of care is not before the expected birth, told at
/// the start date when its step is checked.
#[test]
fn the_day_care_start_is_not_before_the_birth() {
    let form: FormDefinition = serde_json::from_str(KITA_FORM).expect("form parses");
    assert_eq!(form.problems(), Vec::<String>::new());
    let ctx = Context::on("2026-11-23").unwrap();
    let step = form.steps.iter().find(|s| s.id == "betreuung").unwrap();
    let answers = |start: &str, born: &str| -> Answers {
        serde_json::from_value(serde_json::json!({
            "child_born": born, "expected_birth_date": "2027-03-01",
            "child_birth_date": "2026-01-01", "start_date": start,
            "care_hours": "upto6", "care_types": ["near_home"],
        }))
        .unwrap()
    };
    let errors = form.validate_step(step, &answers("2027-02-28", "no"), &ctx);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, "start_date");
    assert_eq!(
        errors[0].limit.as_deref(),
        Some("start_after_expected_birth")
    );
    assert!(errors[0].text(Lang::De).contains("Geburtstermin"));
    assert!(errors[0].text(Lang::Fr).contains("accouchement"));
    assert_eq!(
        form.validate_step(step, &answers("2027-03-01", "no"), &ctx),
        Vec::new()
    );
    // A child already born: the expected date is not asked, so not compared.
    assert_eq!(
        form.validate_step(step, &answers("2027-02-28", "yes"), &ctx),
        Vec::new()
    );
    // A malformed expected date (an earlier step's own error) is not compared.
    let mut malformed = answers("2027-02-28", "no");
    malformed.insert("expected_birth_date".into(), "31.02.2027".into());
    assert_eq!(form.validate_step(step, &malformed, &ctx), Vec::new());
    // The whole form reports it too, at the same place.
    let all = form.validate(&answers("2027-02-28", "no"), &ctx);
    assert!(
        all.iter()
            .any(|e| e.path == "start_date" && e.limit == errors[0].limit)
    );
}

#[test]
fn age_limits_are_told_as_ages() {
    use contract::form::ErrorCode as E;
    assert_eq!(
        E::TooYoung.message(Lang::De, Some("16")),
        "Die Person muss mindestens 16 Jahre alt sein. Bitte prüfen Sie das Geburtsdatum."
    );
    for lang in Lang::ALL {
        let young = E::TooYoung.message(lang, Some("16"));
        let old = E::TooOld.message(lang, Some("7"));
        assert!(young.contains("16") && old.contains('7'), "{lang:?}");
        // No date is told: the bound moves every day.
        assert!(
            !young.contains('.') || !young.contains("20"),
            "{lang:?}: {young}"
        );
        assert_ne!(young, old);
    }
    assert!(
        E::TooOld
            .message(Lang::Fr, Some("7"))
            .contains("moins de 7 ans")
    );
}

#[test]
fn messages_are_localised() {
    let e = contract::form::ErrorCode::DateTooEarly;
    assert_eq!(
        e.message(Lang::De, Some("2026-01-05")),
        "Das Datum muss am oder nach dem 05.01.2026 liegen."
    );
    assert_eq!(
        e.message(Lang::Fr, Some("2026-01-05")),
        "La date doit être le 05.01.2026 ou plus tard."
    );
    assert_eq!(
        contract::form::ErrorCode::FileTooLarge.message(Lang::En, Some("5242880")),
        "The file is too large; 5\u{a0}MB at most."
    );
}

#[test]
fn identifier_messages_say_what_is_wrong() {
    use contract::form::ErrorCode as E;
    let de = |e: E| e.message(Lang::De, None);
    // A wrong check digit is not told the length and start it already has.
    assert!(de(E::InvalidAhv).contains("13 Ziffern"));
    assert!(de(E::AhvCheckDigit).contains("Prüfziffer"));
    assert!(!de(E::AhvCheckDigit).contains("13"));
    assert!(de(E::AhvCheckDigit).contains("Krankenversicherungskarte"));
    assert!(de(E::InvalidSteuerId).contains("11 Ziffern"));
    assert!(!de(E::SteuerIdCheckDigit).contains("11"));
    assert!(de(E::InvalidAnimalChip).contains("15 Ziffern"));
    assert!(de(E::AnimalChipPrefix).contains("Ländercode"));
    for lang in Lang::ALL {
        let codes = [
            E::InvalidAhv,
            E::AhvCheckDigit,
            E::InvalidSteuerId,
            E::SteuerIdCheckDigit,
            E::InvalidAnimalChip,
            E::AnimalChipPrefix,
        ];
        let messages: Vec<String> = codes.iter().map(|c| c.message(lang, None)).collect();
        for (i, m) in messages.iter().enumerate() {
            assert!(!messages[..i].contains(m), "{lang:?}: {m} twice");
        }
    }
}
