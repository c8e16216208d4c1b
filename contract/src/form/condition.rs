//! Conditions on answers: show or require a field, skip a step, apply a fee.
//!
//! Written in JSON as one key naming the test, e.g. `{"equals": {"field": "has_garden",
//! "value": "yes"}}` or `{"all": [ … ]}`. Inside a repeating group a field id names the sibling
//! field of the same item first, then a top-level field.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::answers::Scope;

/// A test on the answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The answer equals `value` (a single or yes/no answer).
    Equals {
        /// Field id.
        field: String,
        /// Expected value.
        value: String,
    },
    /// The answer is one of `values`.
    OneOf {
        /// Field id.
        field: String,
        /// Accepted values.
        values: Vec<String>,
    },
    /// A multiple choice answer contains `value`.
    Contains {
        /// Field id.
        field: String,
        /// Value looked for.
        value: String,
    },
    /// The field has an answer.
    Answered {
        /// Field id.
        field: String,
    },
    /// A number answer is at least `value`.
    AtLeast {
        /// Field id.
        field: String,
        /// Threshold.
        value: f64,
    },
    /// Compares an answer with another answer (`other`) or with a fixed `value`: dates as
    /// dates (ISO or `23.11.2026`), numbers and amounts of money by their value (`85'000.50`).
    /// Holds only when both sides are answered and comparable: a missing answer is the
    /// required check's business, a malformed one the field's own.
    Compare(Comparison),
    /// The condition does not hold.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    Not(Box<Condition>),
    /// All conditions hold.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    All(Vec<Condition>),
    /// At least one condition holds.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    Any(Vec<Condition>),
}

/// The test of [`Condition::Compare`]: `field op other` or `field op value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    /// Field id, the left side.
    pub field: String,
    /// How the sides compare.
    pub op: CompareOp,
    /// Field id of the right side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// A fixed right side (`2026-01-01`, `50000`), when there is no `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompareOp {
    /// Less than.
    Lt,
    /// Less than or equal.
    Le,
    /// Equal.
    Eq,
    /// Greater than or equal.
    Ge,
    /// Greater than.
    Gt,
}

/// A side of a comparison as a comparable value.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Operand {
    Date(time::Date),
    Number(f64),
}

impl Operand {
    /// A date where the text is one, else a number or an amount of money (in whole units, so
    /// `85'000` as money and `85000` as a number are equal).
    fn parse(text: &str) -> Option<Operand> {
        if let Some(d) = super::checks::parse_date(text) {
            return Some(Operand::Date(d));
        }
        super::answers::parse_number(text)
            .or_else(|| super::answers::parse_money(text).map(|c| c as f64 / 100.0))
            .map(Operand::Number)
    }
}

impl Comparison {
    /// The comparison's result; `None` when a side is missing or the sides are not comparable
    /// (a date with a number, a text that is neither).
    pub fn eval(&self, scope: &Scope<'_>) -> Option<bool> {
        let left = Operand::parse(scope.text(&self.field)?)?;
        let right = match (&self.other, &self.value) {
            (Some(other), _) => scope.text(other)?,
            (None, Some(v)) => v.as_str(),
            (None, None) => return None,
        };
        let right = Operand::parse(right)?;
        let order = match (left, right) {
            (Operand::Date(a), Operand::Date(b)) => a.cmp(&b),
            (Operand::Number(a), Operand::Number(b)) => a.partial_cmp(&b)?,
            _ => return None,
        };
        use std::cmp::Ordering as O;
        Some(match self.op {
            CompareOp::Lt => order == O::Less,
            CompareOp::Le => order != O::Greater,
            CompareOp::Eq => order == O::Equal,
            CompareOp::Ge => order != O::Less,
            CompareOp::Gt => order == O::Greater,
        })
    }

    /// Whether a side's text parses as a comparable value (lint of a fixed `value`).
    pub fn value_ok(text: &str) -> bool {
        Operand::parse(text).is_some()
    }
}

impl Condition {
    /// Evaluates the condition against the answers in `scope`.
    pub fn holds(&self, scope: &Scope<'_>) -> bool {
        match self {
            Condition::Equals { field, value } => scope.text(field) == Some(value.as_str()),
            Condition::OneOf { field, values } => scope
                .text(field)
                .is_some_and(|a| values.iter().any(|v| v == a)),
            Condition::Contains { field, value } => match scope.get(field) {
                Some(Value::Array(items)) => items.iter().any(|i| i.as_str() == Some(value)),
                Some(Value::String(s)) => s == value,
                _ => false,
            },
            Condition::Answered { field } => scope.get(field).is_some_and(super::answers::present),
            Condition::AtLeast { field, value } => scope
                .text(field)
                .and_then(super::answers::parse_number)
                .is_some_and(|n| n >= *value),
            Condition::Compare(c) => c.eval(scope) == Some(true),
            Condition::Not(c) => !c.holds(scope),
            Condition::All(cs) => cs.iter().all(|c| c.holds(scope)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(scope)),
        }
    }

    /// Whether the condition can be decided on these answers: every comparison in it has two
    /// comparable sides (a rule across fields is not told while an answer it compares is
    /// missing or malformed; that is the answer's own error).
    pub fn decidable(&self, scope: &Scope<'_>) -> bool {
        match self {
            Condition::Compare(c) => c.eval(scope).is_some(),
            Condition::Not(c) => c.decidable(scope),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().all(|c| c.decidable(scope)),
            _ => true,
        }
    }

    /// Every field id the condition reads.
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Condition::Equals { field, .. }
            | Condition::OneOf { field, .. }
            | Condition::Contains { field, .. }
            | Condition::Answered { field }
            | Condition::AtLeast { field, .. } => vec![field.as_str()],
            Condition::Compare(c) => std::iter::once(c.field.as_str())
                .chain(c.other.as_deref())
                .collect(),
            Condition::Not(c) => c.fields(),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().flat_map(|c| c.fields()).collect(),
        }
    }
}
