//! Answers to a form and which fields and steps they make visible.
//!
//! Answers are a JSON object keyed by field id: strings for scalar fields (exactly what the
//! citizen typed), lists of strings for multiple choice, an object for an address, a list of
//! objects for a repeating group or for files, `true` for a consent given.

use serde_json::{Map, Value};

use super::model::{Field, FieldKind, FormDefinition, Step};
use super::repertoire::{Repertoire, normalise};

/// The answers to a form, keyed by field id.
pub type Answers = Map<String, Value>;

/// Where field ids are looked up: the item of a repeating group first, then the whole form.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// Top-level answers.
    pub root: &'a Answers,
    /// The current group item, if inside one.
    pub item: Option<&'a Answers>,
}

impl<'a> Scope<'a> {
    /// The top-level scope.
    pub fn root(root: &'a Answers) -> Scope<'a> {
        Scope { root, item: None }
    }

    /// The scope of one group item.
    pub fn item(root: &'a Answers, item: &'a Answers) -> Scope<'a> {
        Scope {
            root,
            item: Some(item),
        }
    }

    /// The answer of a field.
    pub fn get(&self, id: &str) -> Option<&'a Value> {
        self.item
            .and_then(|i| i.get(id))
            .or_else(|| self.root.get(id))
    }

    /// A scalar answer, trimmed; `None` when empty or not a string.
    pub fn text(&self, id: &str) -> Option<&'a str> {
        self.get(id)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// Whether a value counts as answered (blank strings, empty lists, all-blank objects and a
/// consent not given, `false`, do not).
pub fn present(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => o.values().any(present),
        Value::Bool(true) | Value::Number(_) => true,
    }
}

/// Parses a number the way people type it: `12`, `12.5`, `12,5`, `1'200`, `1 200`.
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Parses an amount of money into cents: `120`, `120.50`, `120,5`, `1'200.00`, `CHF 12`.
pub fn parse_money(s: &str) -> Option<i64> {
    let t = s.trim();
    let t = t
        .strip_prefix("CHF")
        .or_else(|| t.strip_prefix("Fr."))
        .or_else(|| t.strip_prefix("EUR"))
        .or_else(|| t.strip_prefix('€'))
        .unwrap_or(t);
    let t = t.strip_suffix('€').unwrap_or(t);
    let t = t
        .strip_suffix(".-")
        .or_else(|| t.strip_suffix(".–"))
        .unwrap_or(t);
    let spaced: String = t
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let cleaned = without_grouping_marks(&spaced)?;
    let (whole, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 13
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some(whole * 100 + frac)
}

/// An amount with at most one decimal mark, written `.`: a German "1.800,00" or an English
/// "1,800.00" (both marks: the last one is the decimal mark) and "1.234.567" (one mark used
/// more than once) lose their grouping marks, whose groups must have three digits. A single
/// mark stays a decimal mark, so "1.234" remains ambiguous and is refused as an amount with
/// three decimals rather than guessed.
fn without_grouping_marks(s: &str) -> Option<String> {
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    let repeated = |m: char| s.matches(m).count() > 1;
    let grouping = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { ',' } else { '.' }),
        (Some(_), None) if repeated('.') => Some('.'),
        (None, Some(_)) if repeated(',') => Some(','),
        _ => None,
    };
    let Some(mark) = grouping else {
        return Some(s.replace(',', "."));
    };
    let (integer, decimals) = match s.rfind(|c| (c == '.' || c == ',') && c != mark) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut groups = integer.split(mark);
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
        return None;
    }
    let digits = integer.replace(mark, "");
    Some(match decimals {
        Some(d) => format!("{digits}.{d}"),
        None => digits,
    })
}

impl FormDefinition {
    /// Whether a step is shown for these answers.
    pub fn step_visible(&self, step: &Step, answers: &Answers) -> bool {
        step.show_if
            .as_ref()
            .is_none_or(|c| c.holds(&Scope::root(answers)))
    }

    /// The steps shown for these answers, in order.
    pub fn visible_steps<'a>(&'a self, answers: &Answers) -> Vec<&'a Step> {
        self.steps
            .iter()
            .filter(|s| self.step_visible(s, answers))
            .collect()
    }

    /// The answers that would be submitted, as they are stored: only fields that exist and are
    /// shown, blank answers dropped, each answer in its stored form ([`stored_value`]). Hidden
    /// answers stay in the draft (the citizen may switch back) but are never submitted.
    pub fn clean_answers(&self, answers: &Answers) -> Answers {
        let mut out = Answers::new();
        for step in self.visible_steps(answers) {
            for field in &step.fields {
                let scope = Scope::root(answers);
                if !field_visible(field, &scope) {
                    continue;
                }
                let Some(v) = answers.get(&field.id).filter(|v| present(v)) else {
                    continue;
                };
                let v = match (&field.kind, v) {
                    (FieldKind::Group { fields, .. }, Value::Array(items)) => Value::Array(
                        items
                            .iter()
                            .map(|item| {
                                let Value::Object(item) = item else {
                                    return item.clone();
                                };
                                let scope = Scope::item(answers, item);
                                let mut kept = Answers::new();
                                for f in fields {
                                    if field_visible(f, &scope)
                                        && let Some(v) = item.get(&f.id).filter(|v| present(v))
                                    {
                                        kept.insert(f.id.clone(), stored_value(f, v));
                                    }
                                }
                                Value::Object(kept)
                            })
                            .collect(),
                    ),
                    _ => stored_value(field, v),
                };
                out.insert(field.id.clone(), v);
            }
        }
        out
    }

    /// Answers carried over to another version of the form: every answer whose field still
    /// exists with the same kind. Returns the kept answers and the ids of those dropped.
    pub fn carry_over(&self, answers: &Answers) -> (Answers, Vec<String>) {
        let mut kept = Answers::new();
        let mut dropped = Vec::new();
        for (id, v) in answers {
            match self.field(id) {
                Some(f) if compatible(&f.kind, v) => {
                    kept.insert(id.clone(), v.clone());
                }
                _ => dropped.push(id.clone()),
            }
        }
        (kept, dropped)
    }
}

/// An answer as it is stored, so that what validation counts is what is kept: text of every
/// kind in its normal form (NFC, trimmed, see [`normalise`]), address parts likewise with blank
/// ones dropped, a multiple choice without repeats. Other shapes are kept as they are (for
/// validation to refuse); group items are cleaned field by field by
/// [`FormDefinition::clean_answers`].
pub fn stored_value(field: &Field, value: &Value) -> Value {
    let text = |s: &str, r| Value::String(normalise(s, r).into_owned());
    match (&field.kind, value) {
        (FieldKind::LongText { .. }, Value::String(s)) => text(s, Repertoire::Block),
        (FieldKind::File { .. } | FieldKind::Group { .. }, _) => value.clone(),
        (_, Value::String(s)) => text(s, Repertoire::Line),
        (FieldKind::Address { .. }, Value::Object(parts)) => Value::Object(
            parts
                .iter()
                .filter_map(|(k, v)| match v {
                    Value::String(s) => {
                        Some((k.clone(), text(s, Repertoire::Line))).filter(|(_, v)| present(v))
                    }
                    other => Some((k.clone(), other.clone())),
                })
                .collect(),
        ),
        (FieldKind::MultiChoice { .. }, Value::Array(items)) => {
            let mut seen = std::collections::BTreeSet::new();
            Value::Array(
                items
                    .iter()
                    .filter(|i| i.as_str().is_none_or(|v| seen.insert(v)))
                    .cloned()
                    .collect(),
            )
        }
        _ => value.clone(),
    }
}

/// Whether a field is shown in this scope.
pub fn field_visible(field: &Field, scope: &Scope<'_>) -> bool {
    field.show_if.as_ref().is_none_or(|c| c.holds(scope))
}

/// Whether a field must be answered in this scope.
pub fn field_required(field: &Field, scope: &Scope<'_>) -> bool {
    field.required || field.required_if.as_ref().is_some_and(|c| c.holds(scope))
}

fn compatible(kind: &FieldKind, v: &Value) -> bool {
    match kind {
        FieldKind::MultiChoice { .. } | FieldKind::File { .. } | FieldKind::Group { .. } => {
            v.is_array()
        }
        FieldKind::Address { .. } => v.is_object(),
        FieldKind::Consent => v.is_boolean(),
        _ => v.is_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_typed() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number(" 12,5 "), Some(12.5));
        assert_eq!(parse_number("1'200"), Some(1200.0));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("12a"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("1e9"), None);
    }

    #[test]
    fn money_as_typed() {
        assert_eq!(parse_money("120"), Some(12000));
        assert_eq!(parse_money("120.5"), Some(12050));
        assert_eq!(parse_money("CHF 1'200.00"), Some(120000));
        assert_eq!(parse_money("25.-"), Some(2500));
        assert_eq!(parse_money("12,05 €"), Some(1205));
        assert_eq!(parse_money("1.234"), None);
        assert_eq!(parse_money("1.800,00 €"), Some(180000));
        assert_eq!(parse_money("1,800.50"), Some(180050));
        assert_eq!(parse_money("1.234.567"), Some(123456700));
        assert_eq!(parse_money("1.234.567,5"), Some(123456750));
        assert_eq!(parse_money("12.34.567"), None);
        assert_eq!(parse_money("1.8000,00"), None);
        assert_eq!(parse_money("1,2,3.00"), None);
        assert_eq!(parse_money("-5"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money(""), None);
    }
}
