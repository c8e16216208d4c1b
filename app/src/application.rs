//! Filling in an online application: where an answer lives in the answer set, what an error
//! path is called, says and where its input is, which step comes next, what a fee table says,
//! and sending the application to the server ([`submit_application`]).
//!
//! Validation, visibility, fees and the summary are the contract's form engine
//! (`contract::form`), the same code the server runs; nothing here re-implements them.

use crate::api::{self, ApiError};
use crate::drafts::Draft;
use contract::Lang;
use contract::form::facts::item_label;
use contract::form::summary::SummaryStep;
use contract::form::validate::anchor;
use contract::form::{Answers, Context, Field, FieldError, FieldKind, FormDefinition, Step};
use contract::submission::{SubmissionCreated, SubmissionRequest};
use contract::texts::Texts;
use serde_json::{Map, Value};

/// The answer at a path (`email`, `address.street`, `dogs.1.name`).
pub fn get_at<'a>(answers: &'a Answers, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut at = answers.get(parts.next()?)?;
    for p in parts {
        at = match at {
            Value::Array(a) => a.get(p.parse::<usize>().ok()?)?,
            Value::Object(o) => o.get(p)?,
            _ => return None,
        };
    }
    Some(at)
}

/// Sets the answer at a path, creating the address object or group item on the way.
pub fn set_at(answers: &mut Answers, path: &str, value: Value) {
    let parts: Vec<&str> = path.split('.').collect();
    let Some((first, rest)) = parts.split_first() else {
        return;
    };
    if rest.is_empty() {
        answers.insert((*first).to_owned(), value);
        return;
    }
    let slot = answers
        .entry((*first).to_owned())
        .or_insert_with(|| container_for(rest[0]));
    set_in(slot, rest, value);
}

fn container_for(next: &str) -> Value {
    if next.parse::<usize>().is_ok() {
        Value::Array(Vec::new())
    } else {
        Value::Object(Map::new())
    }
}

fn set_in(slot: &mut Value, parts: &[&str], value: Value) {
    let Some((first, rest)) = parts.split_first() else {
        *slot = value;
        return;
    };
    let next = match first.parse::<usize>() {
        Ok(i) => {
            if !slot.is_array() {
                *slot = Value::Array(Vec::new());
            }
            let Value::Array(items) = slot else { return };
            while items.len() <= i {
                items.push(Value::Object(Map::new()));
            }
            &mut items[i]
        }
        Err(_) => {
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            let Value::Object(obj) = slot else { return };
            obj.entry((*first).to_owned())
                .or_insert_with(|| rest.first().map_or(Value::Null, |n| container_for(n)))
        }
    };
    if rest.is_empty() {
        *next = value;
    } else {
        set_in(next, rest, value);
    }
}

/// The number of items of a repeating group.
pub fn item_count(answers: &Answers, group: &str) -> usize {
    answers
        .get(group)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// Adds an empty item to a group; returns its index.
pub fn add_item(answers: &mut Answers, group: &str) -> usize {
    let slot = answers
        .entry(group.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    let Value::Array(items) = slot else {
        return 0;
    };
    items.push(Value::Object(Map::new()));
    items.len() - 1
}

/// Removes item `i` of a group (the following items move up).
pub fn remove_item(answers: &mut Answers, group: &str, i: usize) {
    if let Some(Value::Array(items)) = answers.get_mut(group)
        && i < items.len()
    {
        items.remove(i);
    }
}

/// What a step's group fields need before they are shown: a required group starts with one
/// (empty) item, so that the citizen sees the questions rather than only an "add" button.
pub fn prepare_groups(step: &Step, answers: &mut Answers) -> bool {
    let mut changed = false;
    for f in &step.fields {
        if let FieldKind::Group { min_items, .. } = &f.kind
            && (f.required || *min_items > 0)
            && answers.get(&f.id).is_none()
        {
            add_item(answers, &f.id);
            changed = true;
        }
    }
    changed
}

/// The label of one address part on a form of `country` (`ch`, `de`: German writes
/// "Strasse" in Switzerland, "Straße" in Germany).
pub fn address_part_label(t: &Texts, part: &str, country: &str) -> &'static str {
    match part {
        "street" if country.eq_ignore_ascii_case("de") => t.address_street_de,
        "street" => t.address_street,
        "number" => t.address_number,
        "postcode" => t.address_postcode,
        "place" => t.address_place,
        _ => t.address_country,
    }
}

/// What an error path is called in the error summary: "Vorname", "Strasse (Wohnadresse)",
/// "Name des Hundes (Hund 2)".
pub fn path_label(form: &FormDefinition, path: &str, lang: Lang) -> String {
    let t = Texts::for_lang(lang);
    let parts: Vec<&str> = path.split('.').collect();
    let Some(field) = form.field(parts[0]) else {
        return path.to_owned();
    };
    let label = field.label.get(lang);
    match (&field.kind, &parts[1..]) {
        (FieldKind::Group { fields, .. }, [i, rest @ ..]) => {
            let Ok(i) = i.parse::<usize>() else {
                return label.to_owned();
            };
            let item = item_label(field, i, lang).0;
            match rest
                .first()
                .and_then(|id| fields.iter().find(|f| f.id == *id))
            {
                Some(child) => match (&child.kind, &rest[1..]) {
                    (FieldKind::Address { .. }, [part]) => format!(
                        "{} ({}, {item})",
                        address_part_label(t, part, &form.country),
                        child.label.get(lang)
                    ),
                    _ => format!("{} ({item})", child.label.get(lang)),
                },
                None => item,
            }
        }
        (FieldKind::Address { .. }, [part]) => {
            format!("{} ({label})", address_part_label(t, part, &form.country))
        }
        _ => label.to_owned(),
    }
}

/// An error as the summary lists it: the question, then the message ("Vorname: Bitte machen
/// Sie hier eine Angabe."). A question that ends a sentence itself ("Ist der Betrieb
/// eingetragen?") is followed by the message without a colon.
pub fn error_text(t: &Texts, label: &str, message: &str) -> String {
    if label.trim_end().ends_with(['?', '.', '!', ':']) {
        format!("{} {message}", label.trim_end())
    } else {
        (t.colon)(label, message)
    }
}

/// The HTML id of the element an error path's link leads to: the input itself, the first
/// input of an address or choice, the item of a group, or (for a whole group) its "add" button.
/// A file's own errors (`proof.0`) lead to the file input.
pub fn input_anchor(form: &FormDefinition, path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    let Some(field) = form.field(parts[0]) else {
        return anchor(path);
    };
    let is_file = |f: &Field| matches!(f.kind, FieldKind::File { .. });
    match (&field.kind, &parts[1..]) {
        (FieldKind::File { .. }, [_index]) => anchor(parts[0]),
        (FieldKind::Group { fields, .. }, [i, child, _index])
            if fields.iter().any(|f| f.id == *child && is_file(f)) =>
        {
            anchor(&format!("{}.{i}.{child}", parts[0]))
        }
        _ => anchor(path),
    }
}

/// The step that holds the field of an error path.
pub fn step_of<'a>(form: &'a FormDefinition, path: &str) -> Option<&'a Step> {
    let id = path.split('.').next()?;
    form.steps
        .iter()
        .find(|s| s.fields.iter().any(|f| f.id == id))
}

/// Whether an error with path `error` belongs to the input of `path` (its own errors, and for
/// a file field those of its files).
pub fn error_is_for(error: &str, path: &str, file: bool) -> bool {
    error == path
        || (file
            && error
                .strip_prefix(path)
                .and_then(|r| r.strip_prefix('.'))
                .is_some_and(|r| r.parse::<usize>().is_ok()))
}

/// The shown step after `current`; `None` after the last (the check page comes next).
pub fn next_step<'a>(
    form: &'a FormDefinition,
    answers: &Answers,
    current: &str,
) -> Option<&'a Step> {
    let steps = form.visible_steps(answers);
    match steps.iter().position(|s| s.id == current) {
        Some(i) => steps.get(i + 1).copied(),
        // A step that is no longer shown: the first shown one after it in the form.
        None => {
            let at = form.steps.iter().position(|s| s.id == current)?;
            form.steps[at + 1..]
                .iter()
                .find(|s| form.step_visible(s, answers))
        }
    }
}

/// The shown step before `current` (`None` on the first).
pub fn previous_step<'a>(
    form: &'a FormDefinition,
    answers: &Answers,
    current: &str,
) -> Option<&'a Step> {
    let steps = form.visible_steps(answers);
    match steps.iter().position(|s| s.id == current) {
        Some(i) => i.checked_sub(1).map(|i| steps[i]),
        None => steps.last().copied(),
    }
}

/// The first shown step with errors, for going on from a changed answer: a change can show a
/// step that was skipped before, and that step must be answered before the check page.
pub fn first_incomplete<'a>(
    form: &'a FormDefinition,
    answers: &Answers,
    ctx: &Context,
) -> Option<&'a Step> {
    form.visible_steps(answers)
        .into_iter()
        .find(|s| !form.validate_step(s, answers, ctx).is_empty())
}

/// "Schritt 2 von 3": the number of a step among the shown ones, and how many are shown.
pub fn position(form: &FormDefinition, answers: &Answers, step: &str) -> Option<(usize, usize)> {
    let steps = form.visible_steps(answers);
    steps
        .iter()
        .position(|s| s.id == step)
        .map(|i| (i + 1, steps.len()))
}

/// A part of a step's summary: the step's own answers, or one item of a group under its
/// heading ("Hund 1").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryBlock {
    /// The item heading; `None` for answers outside a group.
    pub heading: Option<String>,
    /// The answers.
    pub rows: Vec<SummaryLine>,
}

/// One answer of a [`SummaryBlock`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryLine {
    /// Field path (`dogs.1.name`).
    pub path: String,
    /// The question as shown under the block's heading ("Name des Hundes").
    pub label: String,
    /// The question with its item, for the "change" link ("Name des Hundes (Hund 1)").
    pub full_label: String,
    /// The answer as lines; empty when not answered.
    pub lines: Vec<String>,
}

/// Splits a step of the form engine's summary into blocks, one per group item.
pub fn summary_blocks(form: &FormDefinition, step: SummaryStep, lang: Lang) -> Vec<SummaryBlock> {
    let mut blocks: Vec<(Option<(String, usize)>, SummaryBlock)> = Vec::new();
    for row in step.rows {
        let parts: Vec<&str> = row.path.split('.').collect();
        let item = match parts.as_slice() {
            [group, i, child] => form
                .field(group)
                .filter(|g| matches!(g.kind, FieldKind::Group { .. }))
                .zip(i.parse::<usize>().ok())
                .map(|(g, i)| {
                    let child = form
                        .field_at(&format!("{group}.{child}"))
                        .map_or(*child, |c| c.label.get(lang));
                    (
                        (group.to_string(), i),
                        item_label(g, i, lang).0,
                        child.to_owned(),
                    )
                }),
            _ => None,
        };
        let (key, heading, label) = match item {
            Some((key, heading, label)) => (Some(key), Some(heading), label),
            None => (None, None, row.label.clone()),
        };
        let line = SummaryLine {
            full_label: if key.is_some() {
                path_label(form, &row.path, lang)
            } else {
                row.label
            },
            label,
            path: row.path,
            lines: row.lines,
        };
        match blocks.last_mut() {
            Some((k, block)) if *k == key => block.rows.push(line),
            _ => blocks.push((
                key,
                SummaryBlock {
                    heading,
                    rows: vec![line],
                },
            )),
        }
    }
    blocks.into_iter().map(|(_, b)| b).collect()
}

/// Why the application was not received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitError {
    /// No connection before sending: nothing was sent, everything stays on the device.
    Offline,
    /// The connection failed while sending: it may or may not have arrived; sending again
    /// (with the same key) finds out without submitting twice.
    Network,
    /// The form changed on the server since the page was loaded.
    FormChanged,
    /// This draft was submitted before with other answers.
    KeyReused,
    /// Refused with a message the citizen can read (no responsible office, form not offered).
    Refused(String),
    /// The server failed or answered something unreadable.
    Server,
}

/// What sending achieved.
#[derive(Debug, Clone, PartialEq)]
pub enum Sent {
    /// Received: the receipt and its access token (the same on every retry).
    Received(Box<SubmissionCreated>),
    /// Not received: the server's validation found these errors.
    Invalid(Vec<FieldError>),
}

/// The submission of a draft: its idempotency key, the exact form version and municipality
/// the answers were given to, and the cleaned answers (hidden fields dropped).
pub fn submission_request(
    form: &FormDefinition,
    draft: &Draft,
    lang: Lang,
    payment: Option<contract::payment::PaymentMethod>,
) -> SubmissionRequest {
    SubmissionRequest {
        idempotency_key: draft.key.clone(),
        form: form.id.clone(),
        version: draft.version.clone(),
        municipality: draft.municipality.clone(),
        lang,
        answers: form.clean_answers(&draft.answers),
        organisation: draft.organisation.as_ref().map(|o| o.id.clone()),
        payment,
    }
}

/// Sends the application (`POST /api/v1/submissions`). The server checks it again with the
/// same form engine; a retry with the same draft returns the first receipt.
pub async fn submit_application(
    form: &FormDefinition,
    draft: &Draft,
    lang: Lang,
    payment: Option<contract::payment::PaymentMethod>,
) -> Result<Sent, SubmitError> {
    let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
    if !online {
        return Err(SubmitError::Offline);
    }
    match api::submit(&submission_request(form, draft, lang, payment)).await {
        Ok(api::SubmitAnswer::Received(created)) => Ok(Sent::Received(created)),
        Ok(api::SubmitAnswer::Invalid(errors)) => Ok(Sent::Invalid(errors)),
        Err(e) => Err(submit_error(&e)),
    }
}

/// What a failed submission means for the citizen: the refusals the API names by code (4xx),
/// or a message of the server's own where it gives one.
fn submit_error(e: &ApiError) -> SubmitError {
    if *e == ApiError::Network {
        return SubmitError::Network;
    }
    let refused = e.status().is_some_and(|s| (400..500).contains(&s));
    match (refused, e.code(), e.server_message()) {
        (true, Some("unknown_form_version" | "form_version_expired"), _) => {
            SubmitError::FormChanged
        }
        (true, Some("idempotency_key_reused"), _) => SubmitError::KeyReused,
        (true, Some(code), Some(message)) if code != "bad_request" => {
            SubmitError::Refused(message.to_owned())
        }
        _ => SubmitError::Server,
    }
}

/// The message of a field's error in `lang` (the server's where it sent one; a broken rule
/// across fields the form's own).
pub fn error_message(e: &FieldError, lang: Lang) -> String {
    e.message.clone().unwrap_or_else(|| e.text(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dog_form() -> FormDefinition {
        serde_json::from_str(include_str!(
            "../../catalog/data/forms/hundesteuer-th/template.v3.json"
        ))
        .unwrap()
    }

    fn answers(v: Value) -> Answers {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn answers_are_set_and_read_by_path() {
        let mut a = Answers::new();
        set_at(&mut a, "given_name", json!("Anna"));
        set_at(&mut a, "address.street", json!("Markt"));
        set_at(&mut a, "address.number", json!("1"));
        set_at(&mut a, "dogs.1.name", json!("Bello"));
        assert_eq!(
            Value::Object(a.clone()),
            json!({"given_name": "Anna", "address": {"street": "Markt", "number": "1"},
                   "dogs": [{}, {"name": "Bello"}]})
        );
        assert_eq!(get_at(&a, "dogs.1.name"), Some(&json!("Bello")));
        assert_eq!(get_at(&a, "address.place"), None);
        assert_eq!(get_at(&a, "dogs.x"), None);
        // A value of the wrong shape is replaced, not a reason to lose the new answer.
        set_at(&mut a, "given_name.x", json!("y"));
        assert_eq!(get_at(&a, "given_name.x"), Some(&json!("y")));
    }

    #[test]
    fn group_items_are_added_and_removed() {
        let mut a = Answers::new();
        assert_eq!(add_item(&mut a, "dogs"), 0);
        assert_eq!(add_item(&mut a, "dogs"), 1);
        set_at(&mut a, "dogs.1.name", json!("Bello"));
        remove_item(&mut a, "dogs", 0);
        assert_eq!(item_count(&a, "dogs"), 1);
        assert_eq!(get_at(&a, "dogs.0.name"), Some(&json!("Bello")));
        remove_item(&mut a, "dogs", 5);
        assert_eq!(item_count(&a, "dogs"), 1);

        let form = dog_form();
        let mut empty = Answers::new();
        assert!(prepare_groups(&form.steps[1], &mut empty));
        assert_eq!(item_count(&empty, "dogs"), 1);
        assert!(!prepare_groups(&form.steps[1], &mut empty), "only once");
    }

    #[test]
    fn error_paths_have_labels_and_anchors() {
        let form = dog_form();
        assert_eq!(path_label(&form, "given_name", Lang::De), "Vorname");
        assert_eq!(
            path_label(&form, "address.street", Lang::De),
            "Straße (Wohnadresse)"
        );
        // Swiss German writes "Strasse".
        let mut swiss = form.clone();
        swiss.country = "ch".into();
        assert_eq!(
            path_label(&swiss, "address.street", Lang::De),
            "Strasse (Wohnadresse)"
        );
        assert_eq!(
            path_label(&form, "dogs.1.name", Lang::De),
            "Name des Hundes (Hund 2)"
        );
        assert_eq!(
            path_label(&form, "dogs.0.assistance_proof.1", Lang::Fr),
            "Justificatif chien d’assistance (Chien 1)"
        );
        assert_eq!(path_label(&form, "dogs", Lang::De), "Hunde");
        let t = Texts::for_lang(Lang::De);
        assert_eq!(error_text(t, "Vorname", "Bitte …"), "Vorname: Bitte …");
        assert_eq!(
            error_text(t, "Eingetragen?", "Bitte …"),
            "Eingetragen? Bitte …"
        );
        assert_eq!(
            error_text(Texts::for_lang(Lang::Fr), "Prénom", "Veuillez …"),
            "Prénom\u{a0}: Veuillez …"
        );
        assert_eq!(path_label(&form, "nope", Lang::De), "nope");
        assert_eq!(input_anchor(&form, "dogs.1.name"), "field-dogs-1-name");
        assert_eq!(
            input_anchor(&form, "dogs.0.assistance_proof.1"),
            "field-dogs-0-assistance_proof"
        );
        assert_eq!(
            input_anchor(&form, "address.postcode"),
            "field-address-postcode"
        );
        assert_eq!(step_of(&form, "dogs.1.name").unwrap().id, "hunde");
        assert!(error_is_for("proof.0", "proof", true));
        assert!(!error_is_for("proof.0", "proof", false));
        assert!(!error_is_for("proofs", "proof", true));
    }

    #[test]
    fn steps_follow_the_answers() {
        let form = dog_form();
        let a = Answers::new();
        assert_eq!(next_step(&form, &a, "halter").unwrap().id, "hunde");
        assert!(next_step(&form, &a, "zahlung").is_none());
        assert_eq!(previous_step(&form, &a, "hunde").unwrap().id, "halter");
        assert!(previous_step(&form, &a, "halter").is_none());
        assert_eq!(position(&form, &a, "zahlung"), Some((3, 3)));
        let ctx = Context::on("2026-11-23").unwrap();
        assert_eq!(first_incomplete(&form, &a, &ctx).unwrap().id, "halter");
    }

    #[test]
    fn summary_in_blocks_per_item() {
        let form = dog_form();
        let a = answers(json!({
            "given_name": "Anna",
            "dogs": [{"name": "Luna"}, {"name": "Bello"}],
            "payment": "transfer"
        }));
        let steps = form.summary(&a, Lang::De);
        let holder = summary_blocks(&form, steps[0].clone(), Lang::De);
        assert_eq!(holder.len(), 1);
        assert_eq!(holder[0].heading, None);
        assert_eq!(holder[0].rows[0].label, "Vorname");
        assert_eq!(holder[0].rows[0].full_label, "Vorname");
        let dogs = summary_blocks(&form, steps[1].clone(), Lang::De);
        assert_eq!(dogs.len(), 2);
        assert_eq!(dogs[1].heading.as_deref(), Some("Hund 2"));
        assert_eq!(dogs[1].rows[0].label, "Name des Hundes");
        assert_eq!(dogs[1].rows[0].full_label, "Name des Hundes (Hund 2)");
        assert_eq!(dogs[1].rows[0].lines, ["Bello"]);
        assert_eq!(dogs[1].rows[0].path, "dogs.1.name");
    }

    #[test]
    fn refusals_of_a_submission_in_words() {
        let refused = |status, body: &str| submit_error(&ApiError::from_answer(status, body));
        assert_eq!(submit_error(&ApiError::Network), SubmitError::Network);
        assert_eq!(
            refused(409, r#"{"code":"unknown_form_version","message":"…"}"#),
            SubmitError::FormChanged
        );
        assert_eq!(
            refused(409, r#"{"code":"idempotency_key_reused","message":"…"}"#),
            SubmitError::KeyReused
        );
        assert_eq!(
            refused(
                409,
                r#"{"code":"no_authority","message":"Keine Stelle zuständig."}"#
            ),
            SubmitError::Refused("Keine Stelle zuständig.".into())
        );
        assert_eq!(
            refused(400, r#"{"code":"bad_request","message":"missing field"}"#),
            SubmitError::Server
        );
        assert_eq!(
            refused(500, r#"{"code":"internal","message":"internal error"}"#),
            SubmitError::Server
        );
        assert_eq!(submit_error(&ApiError::Unreadable), SubmitError::Server);
    }
}
