//! The answers as a person reads them: per shown step, each shown field's label and its answer
//! formatted (option labels instead of values, dates as 23.11.2026, amounts with currency,
//! addresses on lines, files by name, group items each). The check-your-answers page, the
//! receipt and the confirmation e-mail all show this one rendering.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::answers::{Answers, Scope, field_visible, parse_money, present};
use super::checks;
use super::model::{Field, FieldKind, FormDefinition};
use crate::Lang;
use crate::display::money;

/// One step of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SummaryStep {
    /// Step id (for "change" links).
    pub step: String,
    /// Step title.
    pub title: String,
    /// The answered and unanswered shown fields.
    pub rows: Vec<SummaryRow>,
}

/// One answered (or left empty) field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SummaryRow {
    /// Field path (`email`, `dogs.1.name`).
    pub path: String,
    /// The label, with the item for group fields ("Hund 2 – Name des Hundes").
    pub label: String,
    /// The answer as lines; empty when not answered.
    pub lines: Vec<String>,
}

impl FormDefinition {
    /// The shown steps and fields with their answers formatted for `lang`.
    pub fn summary(&self, answers: &Answers, lang: Lang) -> Vec<SummaryStep> {
        let currency = self
            .fees
            .as_ref()
            .map(|f| f.currency.as_str())
            .unwrap_or(if self.country == "de" { "EUR" } else { "CHF" });
        let mut out = Vec::new();
        for step in self.visible_steps(answers) {
            let mut rows = Vec::new();
            for field in &step.fields {
                let scope = Scope::root(answers);
                if !field_visible(field, &scope) {
                    continue;
                }
                let value = answers.get(&field.id);
                match (&field.kind, value) {
                    (
                        FieldKind::Group {
                            fields, item_label, ..
                        },
                        Some(Value::Array(items)),
                    ) if !items.is_empty() => {
                        for (i, item) in items.iter().enumerate() {
                            let Some(item) = item.as_object() else {
                                continue;
                            };
                            let heading = item_label.get(lang).replace("{n}", &(i + 1).to_string());
                            let scope = Scope::item(answers, item);
                            for f in fields {
                                if field_visible(f, &scope) {
                                    rows.push(SummaryRow {
                                        path: format!("{}.{i}.{}", field.id, f.id),
                                        label: format!("{heading} – {}", f.label.get(lang)),
                                        lines: format_value(f, item.get(&f.id), lang, currency),
                                    });
                                }
                            }
                        }
                    }
                    _ => rows.push(SummaryRow {
                        path: field.id.clone(),
                        label: field.label.get(lang).to_owned(),
                        lines: format_value(field, value, lang, currency),
                    }),
                }
            }
            out.push(SummaryStep {
                step: step.id.clone(),
                title: step.title.get(lang).to_owned(),
                rows,
            });
        }
        out
    }
}

/// An answer as lines of text; empty when not answered.
pub fn format_value(
    field: &Field,
    value: Option<&Value>,
    lang: Lang,
    currency: &str,
) -> Vec<String> {
    let Some(value) = value.filter(|v| present(v)) else {
        return Vec::new();
    };
    let text = value.as_str().map(str::trim).unwrap_or("");
    let option = |v: &str| {
        field
            .kind
            .options()
            .iter()
            .find(|o| o.value == v)
            .map(|o| o.label.get(lang).to_owned())
            .unwrap_or_else(|| v.to_owned())
    };
    match &field.kind {
        FieldKind::YesNo => vec![yes_no(text == "yes", lang).to_owned()],
        FieldKind::Consent => vec![yes_no(value == &Value::Bool(true), lang).to_owned()],
        FieldKind::Choice { .. } => vec![option(text)],
        FieldKind::MultiChoice { .. } => value
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).map(option).collect())
            .unwrap_or_default(),
        FieldKind::Date { .. } => vec![
            checks::parse_date(text)
                .map(|d| checks::display_date(d, lang))
                .unwrap_or_else(|| text.to_owned()),
        ],
        FieldKind::Money { .. } => vec![
            parse_money(text)
                .map(|c| money(c, currency, lang))
                .unwrap_or_else(|| text.to_owned()),
        ],
        FieldKind::Number { unit, .. } => vec![match unit {
            Some(u) => format!("{text} {}", u.get(lang)),
            None => text.to_owned(),
        }],
        FieldKind::Address { .. } => {
            let part = |k: &str| value.get(k).and_then(Value::as_str).unwrap_or("").trim();
            let street = format!("{} {}", part("street"), part("number"))
                .trim()
                .to_owned();
            let place = format!("{} {}", part("postcode"), part("place"))
                .trim()
                .to_owned();
            [street, place, part("country").to_owned()]
                .into_iter()
                .filter(|l| !l.is_empty())
                .collect()
        }
        FieldKind::File { .. } => value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|f| f.get("name").and_then(Value::as_str))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        FieldKind::Group { .. } => Vec::new(),
        _ => text.lines().map(str::to_owned).collect(),
    }
}

/// "Ja"/"Nein" in each language.
pub fn yes_no(yes: bool, lang: Lang) -> &'static str {
    match (lang, yes) {
        (Lang::De, true) => "Ja",
        (Lang::De, false) => "Nein",
        (Lang::Fr, true) => "Oui",
        (Lang::Fr, false) => "Non",
        (Lang::It, true) => "Sì",
        (Lang::It, false) => "No",
        (Lang::En, true) => "Yes",
        (Lang::En, false) => "No",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_person_would() {
        let form: FormDefinition = serde_json::from_str(include_str!(
            "../../../catalog/data/forms/hundesteuer-th/template.v3.json"
        ))
        .unwrap();
        let answers: Answers = serde_json::from_value(serde_json::json!({
            "given_name": "Anna",
            "birth_date": "1980-04-12",
            "address": {"street": "Markt", "number": "1", "postcode": "04626", "place": "Schmölln"},
            "dogs": [{"name": "Luna", "kind": "assistance", "sex": "female",
                      "chip_number": " 276 098 100 123 456 ",
                      "assistance_proof": [{"id": "1", "name": "nachweis.pdf", "size": 1, "type": "application/pdf"}]}],
            "payment": "transfer",
            "iban": "hidden, not shown"
        }))
        .unwrap();
        let s = form.summary(&answers, Lang::De);
        assert_eq!(s.len(), 3);
        let row = |path: &str| {
            s.iter()
                .flat_map(|st| &st.rows)
                .find(|r| r.path == path)
                .unwrap_or_else(|| panic!("row {path}"))
                .clone()
        };
        assert_eq!(row("birth_date").lines, ["12.04.1980"]);
        assert_eq!(row("address").lines, ["Markt 1", "04626 Schmölln"]);
        assert_eq!(row("dogs.0.sex").lines, ["Hündin"]);
        assert_eq!(row("dogs.0.sex").label, "Hund 1 – Geschlecht");
        assert_eq!(row("dogs.0.assistance_proof").lines, ["nachweis.pdf"]);
        // An identifier as typed, spaces and all.
        assert_eq!(row("dogs.0.chip_number").lines, ["276 098 100 123 456"]);
        assert!(row("family_name").lines.is_empty());
        assert!(
            s.iter().flat_map(|st| &st.rows).all(|r| r.path != "iban"),
            "hidden field not shown"
        );
        assert_eq!(
            form.summary(&answers, Lang::Fr)[2].rows[0].lines,
            ["Virement après l’avis de taxation"]
        );
    }
}
