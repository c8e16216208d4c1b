//! Property: every answer set the form engine accepts has its proof of submission. Answer sets
//! for the real forms (`catalog/data/forms`, municipal overlays applied) and for the fixture
//! form with every field kind are generated — letters of the whole repertoire, decomposed
//! letters, white space around and inside, and hostile text (controls, bidirectional
//! overrides, emoji, other scripts, lone combining marks, private use) — and what validation
//! accepts is stored (`clean_answers`), rendered as the PDF receipt and built into the
//! confirmation e-mail; neither may fail. Answers validation refuses are replaced by a plain
//! valid answer until the set passes, so nearly every case reaches the renderer.
//!
//! Bounded for CI: `SCHALTER_PROPTEST_CASES` cases (default 16) per form, a few seconds in a
//! debug build.

use std::path::Path;

use contract::Lang;
use contract::form::repertoire::{self, Repertoire};
use contract::form::{Answers, Context, Field, FieldKind, FormDefinition, Overlay};
use contract::submission::Receipt;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};
use server::receipt::mail::{MailConfig, Mailer};
use unicode_normalization::UnicodeNormalization;

const TODAY: &str = "2026-11-23";

/// The forms to generate answers for: the fixture form with every field kind, each real
/// template (latest version) and each municipal overlay applied to it.
fn forms() -> Vec<FormDefinition> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
    let mut forms: Vec<FormDefinition> = vec![
        serde_json::from_str(&read(
            &root.join("contract/tests/fixtures/kitchen-sink.json"),
        ))
        .unwrap(),
    ];
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("catalog/data/forms"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
        let template: FormDefinition = files
            .iter()
            .filter(|p| name(p).starts_with("template.v"))
            .map(|p| serde_json::from_str::<FormDefinition>(&read(p)).unwrap())
            .max_by_key(|f| f.version)
            .unwrap();
        for overlay in files.iter().filter(|p| name(p).starts_with("overlay.")) {
            let overlay: Overlay = serde_json::from_str(&read(overlay)).unwrap();
            forms.push(contract::form::overlay::apply(&template, &overlay).0);
        }
        forms.push(template);
    }
    forms
}

// --- Generating answers ---------------------------------------------------------------------

/// Characters that must never reach a receipt unchecked.
const HOSTILE: &[char] = &[
    '\0',
    '\u{7}',
    '\u{8}',
    '\u{1b}',
    '\r',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{ad}',
    '\u{200b}',
    '\u{200d}',
    '\u{200e}',
    '\u{202a}',
    '\u{202e}',
    '\u{2066}',
    '\u{2069}',
    '\u{2028}',
    '\u{3000}',
    '\u{feff}',
    '\u{fffe}',
    '\u{ffff}',
    '\u{e000}',
    '\u{f8ff}',
    '\u{10fffd}',
    '\u{301}',
    '\u{35f}',
    '\u{20dd}',
    '😀',
    '🐶',
    '小',
    '犬',
    'א',
    'ع',
    'ё',
    'Ї',
    'ʻ',
    '\u{ff13}',
    '\u{fffd}',
    '\u{1d400}',
    '\u{e0041}',
];

fn any_of<T: Clone + std::fmt::Debug + 'static>(items: Vec<T>) -> impl Strategy<Value = T> {
    proptest::sample::select(items)
}

/// One piece of text: mostly what a person types (any letter or non-letter of the repertoire,
/// the standard's letter sequences, decomposed letters, spaces), sometimes something hostile.
fn piece() -> impl Strategy<Value = String> {
    let accepted: Vec<char> = repertoire::repertoire(Repertoire::Line).collect();
    let sequences: Vec<&'static str> = repertoire::sequences().to_vec();
    let block: Vec<char> = vec!['\n', '\t', '–', '—', '•', '\u{a0}', '\u{202f}'];
    prop_oneof![
        20 => any_of(accepted.clone()).prop_map(String::from),
        2 => any_of(sequences).prop_map(str::to_owned),
        2 => any_of(accepted).prop_map(|c| c.to_string().nfd().collect()),
        5 => Just(" ".to_owned()),
        1 => any_of(block).prop_map(String::from),
        1 => any_of(HOSTILE.to_vec()).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Text of up to about `max` pieces with white space around it.
fn text(max: usize) -> impl Strategy<Value = String> {
    let pad = || proptest::collection::vec(any_of(vec![" ", "\t", "\n", "\u{a0}", "\r\n"]), 0..3);
    (pad(), proptest::collection::vec(piece(), 0..=max), pad())
        .prop_map(|(a, b, c)| format!("{}{}{}", a.concat(), b.concat(), c.concat()))
}

/// A value for a scalar field: well-formed examples of its kind, with white space and
/// separators, or any text.
fn scalar(examples: &[&str]) -> BoxedStrategy<Value> {
    let examples: Vec<String> = examples.iter().map(|e| (*e).to_owned()).collect();
    let spaced = (
        any_of(vec!["", " ", "  ", "\u{a0}"]),
        any_of(examples),
        any_of(vec!["", " "]),
    )
        .prop_map(|(a, b, c)| json!(format!("{a}{b}{c}")));
    prop_oneof![4 => spaced, 1 => text(24).prop_map(Value::from)].boxed()
}

/// A file name as the server may still store one: anything but control characters, at most
/// 200 characters; and, to be sure, any text at all.
fn file_name() -> impl Strategy<Value = String> {
    prop_oneof![
        any_of(vec![
            "plan.pdf",
            "Plan\u{202e}fdp.exe",
            "计划书.pdf",
            "📄 Grundriss.pdf",
            "\u{feff}\u{e000}\u{fffe}.pdf",
            "שלום.pdf",
            "a\u{301}\u{301}\u{301}.pdf",
        ])
        .prop_map(str::to_owned),
        proptest::collection::vec(any::<char>(), 1..200).prop_map(|c| c.into_iter().collect()),
        text(60),
    ]
}

fn value(field: &Field) -> BoxedStrategy<Value> {
    match &field.kind {
        FieldKind::Text { max_length } => text(max_length.unwrap_or(60).min(60) as usize + 2)
            .prop_map(Value::from)
            .boxed(),
        FieldKind::LongText { .. } => text(120).prop_map(Value::from).boxed(),
        FieldKind::Number { .. } => scalar(&["1", "2", "3", "4,5", "1'200", "12 000", "0.5"]),
        FieldKind::Money { .. } => scalar(&["120", "CHF 1'250.50", "25.-", "12,05 €", "5"]),
        FieldKind::Date { .. } => scalar(&["2026-11-23", "24.11.2026", "1980-04-12", "1.1.2000"]),
        FieldKind::Email => scalar(&[
            "anna@example.ch",
            "o'brien+x@sub.example.de",
            "a!#$%&*/=?^_`{|}~@x-y.ch",
            "Anna <anna@example.ch>",
            "anna@[127.0.0.256]",
        ]),
        FieldKind::Phone => scalar(&["+41 62 835 11 11", "040 / 710 02-0", "(062) 835 11 11"]),
        FieldKind::Iban => scalar(&["CH93 0076 2011 6238 5295 7", "DE89370400440532013000"]),
        FieldKind::Ahv => scalar(&["756.1234.5678.97", "7561234567897"]),
        FieldKind::SteuerId => scalar(&["65929970489", "86 095 742 719"]),
        FieldKind::AnimalChip => scalar(&["276098100123456", "900 123 456 789 012", "12345"]),
        FieldKind::YesNo => scalar(&["yes", "no"]),
        FieldKind::Consent => proptest::prop_oneof![Just(json!(true)), Just(json!(false))].boxed(),
        FieldKind::Choice { options } => {
            scalar(&options.iter().map(|o| o.value.as_str()).collect::<Vec<_>>())
        }
        FieldKind::MultiChoice { options, .. } => {
            let values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
            proptest::collection::vec(any_of(values), 0..5)
                .prop_map(Value::from)
                .boxed()
        }
        FieldKind::Address { countries } => {
            let countries = if countries.is_empty() {
                vec!["CH".to_owned(), "DE".to_owned(), "FR".to_owned()]
            } else {
                countries.clone()
            };
            (
                text(30),
                any_of(vec!["1", "12a", "", " 3 "]),
                any_of(vec!["5000", "04626", "8001 ", "75001", "A-1010"]),
                text(30),
                any_of(countries),
            )
                .prop_map(|(street, number, postcode, place, country)| {
                    json!({"street": street, "number": number, "postcode": postcode,
                           "place": place, "country": country})
                })
                .boxed()
        }
        FieldKind::File { accept, .. } => {
            let accept = accept.clone();
            proptest::collection::vec((file_name(), 1u64..5_000_000), 0..3)
                .prop_map(move |files| {
                    Value::from(
                        files
                            .into_iter()
                            .enumerate()
                            .map(|(i, (name, size))| {
                                json!({"id": format!("u{i}"), "name": name, "size": size,
                                       "type": accept[0]})
                            })
                            .collect::<Vec<_>>(),
                    )
                })
                .boxed()
        }
        FieldKind::Group { fields, .. } => {
            let item = answers_for(fields);
            proptest::collection::vec(item, 0..3)
                .prop_map(|items| Value::Array(items.into_iter().map(Value::Object).collect()))
                .boxed()
        }
    }
}

/// Answers for `fields`, each present or not.
fn answers_for(fields: &[Field]) -> BoxedStrategy<Answers> {
    let mut strategy: BoxedStrategy<Answers> = Just(Answers::new()).boxed();
    for f in fields {
        let id = f.id.clone();
        strategy = (strategy, proptest::option::weighted(0.85, value(f)))
            .prop_map(move |(mut answers, v)| {
                if let Some(v) = v {
                    answers.insert(id.clone(), v);
                }
                answers
            })
            .boxed();
    }
    strategy
}

// --- Making refused answer sets pass --------------------------------------------------------

/// A plain answer the field accepts.
fn valid(field: &Field, form: &FormDefinition) -> Value {
    match &field.kind {
        FieldKind::Text { .. } | FieldKind::LongText { .. } => json!("Anna"),
        FieldKind::Number {
            min, max, integer, ..
        } => {
            let n = match (min, max) {
                (Some(a), _) => a.ceil().max(*a),
                (None, Some(b)) => b.floor().min(1.0),
                _ => 1.0,
            };
            let n = if *integer { n.ceil() } else { n };
            json!(format!("{n}"))
        }
        FieldKind::Money { min_cents, .. } => {
            let c = min_cents.unwrap_or(100);
            json!(format!("{}.{:02}", c / 100, c % 100))
        }
        FieldKind::Date {
            not_before,
            not_after,
        } => {
            let today = contract::form::checks::parse_date(TODAY).unwrap();
            let bound = |b: &Option<String>| {
                b.as_deref()
                    .and_then(|b| contract::form::checks::resolve_bound(b, today))
            };
            let date = bound(not_before).or(bound(not_after)).unwrap_or(today);
            json!(contract::form::checks::iso(date))
        }
        FieldKind::Email => json!("anna@example.ch"),
        FieldKind::Phone => json!("062 835 11 11"),
        FieldKind::Iban => json!("CH93 0076 2011 6238 5295 7"),
        FieldKind::Ahv => json!("756.1234.5678.97"),
        FieldKind::SteuerId => json!("65929970489"),
        FieldKind::AnimalChip => json!("276098100123456"),
        FieldKind::YesNo => json!("no"),
        FieldKind::Consent => json!(true),
        FieldKind::Choice { options } => json!(options[0].value),
        FieldKind::MultiChoice { options, min, .. } => json!(
            options
                .iter()
                .take(min.unwrap_or(1).max(1) as usize)
                .map(|o| o.value.clone())
                .collect::<Vec<_>>()
        ),
        FieldKind::Address { countries } => {
            let country = countries
                .first()
                .cloned()
                .unwrap_or_else(|| form.country.to_uppercase());
            let postcode = if country == "DE" { "04626" } else { "5000" };
            json!({"street": "Markt", "number": "1", "postcode": postcode, "place": "Aarau",
                   "country": country})
        }
        FieldKind::File { accept, .. } => {
            json!([{"id": "u0", "name": "plan.pdf", "size": 1, "type": accept[0]}])
        }
        FieldKind::Group {
            fields, min_items, ..
        } => {
            let item: Map<String, Value> = fields
                .iter()
                .filter(|f| f.required)
                .map(|f| (f.id.clone(), valid(f, form)))
                .collect();
            json!(vec![item; (*min_items).max(1) as usize])
        }
    }
}

/// Replaces each refused answer by a plain valid one (the whole group item's field, the whole
/// address), drops unknown ones; `None` when a few rounds do not make the set pass.
fn repaired(form: &FormDefinition, mut answers: Answers, ctx: &Context) -> Option<Answers> {
    for _ in 0..6 {
        let errors = form.validate(&answers, ctx);
        if errors.is_empty() {
            return Some(answers);
        }
        for e in errors {
            let parts: Vec<&str> = e.path.split('.').collect();
            let Some(field) = form.field(parts[0]) else {
                answers.remove(parts[0]);
                continue;
            };
            match (&field.kind, parts.as_slice()) {
                (FieldKind::Group { fields, .. }, [_, i, child, ..]) => {
                    let i: usize = i.parse().unwrap();
                    let item = answers[parts[0]][i].as_object_mut().unwrap();
                    match fields.iter().find(|f| f.id == *child) {
                        Some(f) => item.insert((*child).to_owned(), valid(f, form)),
                        None => item.remove(*child),
                    };
                }
                _ => {
                    answers.insert(field.id.clone(), valid(field, form));
                }
            }
        }
    }
    form.validate(&answers, ctx).is_empty().then_some(answers)
}

// --- The receipt of an accepted set ---------------------------------------------------------

fn receipt(form: &FormDefinition, clean: &Answers, lang: Lang, authority: &str) -> Receipt {
    let mut attachments = Vec::new();
    let mut collect = |v: &Value, field: &str| {
        for f in v.as_array().into_iter().flatten() {
            attachments.push(json!({
                "id": f["id"], "field": field, "name": f["name"], "size": f["size"],
                "type": f["type"], "sha256": format!("sha256:{}", "ab".repeat(32)),
            }));
        }
    };
    for (_, f) in form.fields() {
        match &f.kind {
            FieldKind::File { .. } => {
                if let Some(v) = clean.get(&f.id) {
                    collect(v, &f.id);
                }
            }
            FieldKind::Group { fields, .. } => {
                for (n, item) in clean
                    .get(&f.id)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    for c in fields {
                        if let Some(v) = item
                            .get(&c.id)
                            .filter(|_| matches!(c.kind, FieldKind::File { .. }))
                        {
                            collect(v, &format!("{}.{n}.{}", f.id, c.id));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    serde_json::from_value(json!({
        "reference": "K7Q-M4T-XP9",
        "received_at": "2026-11-23T09:24:00Z",
        "lang": lang,
        "form": form.id,
        "form_title": form.title.get(lang),
        "version": form.version_tag(),
        "municipality": {
            "id": "ch:4001", "name": "Aarau", "display_name": "Aarau (AG)", "state_code": "AG",
            "state_name": "Aargau", "district_name": "Bezirk Aarau", "country": "ch",
        },
        "authority": {
            "id": "ch:4001", "name": authority, "level": "municipality",
            "contact": {"office": format!("{authority} – Einwohnerdienste"),
                        "phone": "062 836 05 11", "email": "info@aarau.ch"},
        },
        "fees": form.fees(clean),
        "summary": form.summary(clean, lang),
        "attachments": attachments,
        "data_hash": format!("sha256:{}", "0f".repeat(32)),
        "email": "anna@example.ch",
        "status": "received",
        "history": [{"status": "received", "at": "2026-11-23T09:24:00Z", "actor": "citizen"}],
    }))
    .unwrap()
}

/// The e-mail address the confirmation goes to: the form's first e-mail answer.
fn contact(form: &FormDefinition, clean: &Answers) -> String {
    form.fields()
        .filter(|(_, f)| matches!(f.kind, FieldKind::Email))
        .find_map(|(_, f)| clean.get(&f.id)?.as_str().map(str::to_owned))
        .unwrap_or_else(|| "anna@example.ch".to_owned())
}

/// Every string stored in `clean` for a text field, with its field.
fn stored_texts<'a>(
    fields: &'a [Field],
    answers: &'a Answers,
    out: &mut Vec<(&'a Field, &'a str)>,
) {
    for f in fields {
        match (&f.kind, answers.get(&f.id)) {
            (FieldKind::Group { fields, .. }, Some(Value::Array(items))) => {
                for item in items.iter().filter_map(Value::as_object) {
                    stored_texts(fields, item, out);
                }
            }
            (FieldKind::Address { .. }, Some(Value::Object(parts))) => {
                out.extend(parts.values().filter_map(Value::as_str).map(|s| (f, s)));
            }
            (_, Some(Value::String(s))) => out.push((f, s)),
            _ => {}
        }
    }
}

#[test]
fn every_accepted_answer_set_has_a_pdf_receipt_and_an_email() {
    let cases: u32 = std::env::var("SCHALTER_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16);
    let ctx = Context::on(TODAY).unwrap();
    // The mailer's connection pool lives on a runtime (it never connects here).
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let _runtime = runtime.enter();
    let mailer = Mailer::new(MailConfig {
        // Never connected to: building a message needs no server.
        smtp_url: "smtp://127.0.0.1:9".into(),
        from: "Schalter <noreply@schalter.test>".into(),
        public_url: "https://schalter.test".into(),
    })
    .unwrap();
    let authorities = vec![
        "Gemeinde Aarau",
        "Stadt Schmölln – Bürgerbüro",
        "Gemeinde\u{202e}uarA \u{0}\u{7} 🏛 市政府 \u{e000}",
    ];
    let rendered = std::cell::Cell::new(0);
    let generated = std::cell::Cell::new(0);
    for form in forms() {
        let fields: Vec<Field> = form.fields().map(|(_, f)| f.clone()).collect();
        let strategy = (
            answers_for(&fields),
            any_of(Lang::ALL.to_vec()),
            any_of(authorities.clone()),
        );
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&strategy, |(answers, lang, authority)| {
                generated.set(generated.get() + 1);
                let Some(answers) = repaired(&form, answers, &ctx) else {
                    return Ok(());
                };
                let clean = form.clean_answers(&answers);
                // What is stored passes as it is and is in normal form, within its limits.
                prop_assert_eq!(form.validate(&clean, &ctx), Vec::new());
                prop_assert_eq!(&form.clean_answers(&clean), &clean);
                let mut texts = Vec::new();
                stored_texts(&fields, &clean, &mut texts);
                for (f, s) in texts {
                    let lines = if matches!(f.kind, FieldKind::LongText { .. }) {
                        Repertoire::Block
                    } else {
                        Repertoire::Line
                    };
                    prop_assert_eq!(
                        repertoire::first_refused(s, lines),
                        None,
                        "{}: {:?}",
                        f.id,
                        s
                    );
                    prop_assert_eq!(&*repertoire::normalise(s, lines), s);
                    prop_assert!(s.chars().count() <= 5000, "{}", f.id);
                }

                let receipt = receipt(&form, &clean, lang, authority);
                let pdf = server::receipt::pdf::render(&receipt)
                    .map_err(|e| TestCaseError::fail(format!("{}: no PDF: {e:#}", form.id)))?;
                prop_assert!(pdf.starts_with(b"%PDF-"));
                let message = mailer
                    .message(&receipt, &contact(&form, &clean), pdf)
                    .map_err(|e| TestCaseError::fail(format!("{}: no e-mail: {e:#}", form.id)))?;
                prop_assert!(!message.formatted().is_empty());
                rendered.set(rendered.get() + 1);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("form {} {}: {e}", form.id, form.version_tag()));
    }
    let (rendered, generated) = (rendered.get(), generated.get());
    eprintln!("{rendered} of {generated} generated answer sets accepted and rendered");
    assert!(
        rendered * 4 >= generated * 3,
        "only {rendered} of {generated} answer sets reached the renderer"
    );
}
