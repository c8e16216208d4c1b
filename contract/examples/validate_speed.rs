//! How long validating and pricing a whole answer set takes (the work done on every "continue"
//! in the browser and on every server validation): the dog-tax form with three dogs.
//!
//! `cargo run -p contract --release --example validate_speed`

use std::time::Instant;

use contract::form::{Answers, Context, FormDefinition};

fn main() {
    let form: FormDefinition = serde_json::from_str(include_str!(
        "../../catalog/data/forms/hundesteuer-th/template.v3.json"
    ))
    .expect("form");
    let dog = |name: &str, kind: &str| {
        serde_json::json!({"name": name, "breed": "Mischling", "sex": "female",
            "chip_number": "276098100123456", "kept_since": "2025-01-01", "kind": kind})
    };
    let answers: Answers = serde_json::from_value(serde_json::json!({
        "given_name": "Anna", "family_name": "Beispiel", "birth_date": "1980-04-12",
        "address": {"street": "Markt", "number": "1", "postcode": "04626", "place": "Schmölln"},
        "email": "anna@example.de", "payment": "sepa", "account_holder": "Anna Beispiel",
        "iban": "DE89 3704 0044 0532 0130 00", "sepa_mandate": true,
        "dogs": [dog("A", "pet"), dog("B", "pet"), dog("C", "dangerous")]
    }))
    .expect("answers");
    let ctx = Context::on("2026-11-23").expect("date");
    let rounds = 20_000;
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        let errors = form.validate(&answers, &ctx);
        let fees = form.fees(&answers);
        samples.push(t.elapsed().as_nanos() as u64);
        assert!(errors.is_empty() && fees.is_some());
    }
    samples.sort_unstable();
    let pct = |p: f64| {
        samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)] as f64 / 1000.0
    };
    println!(
        "validate + fees, dog form with 3 dogs, {rounds} rounds: p50 {:.1} µs, p99 {:.1} µs",
        pct(0.5),
        pct(0.99)
    );
}
