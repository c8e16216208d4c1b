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
                // Every error has a message in every language.
                for lang in Lang::ALL {
                    assert!(!e.code.message(lang, e.limit.as_deref()).is_empty());
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
        "The file is too large; 5 MB at most."
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
