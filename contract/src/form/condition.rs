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
            Condition::Not(c) => !c.holds(scope),
            Condition::All(cs) => cs.iter().all(|c| c.holds(scope)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(scope)),
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
            Condition::Not(c) => c.fields(),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().flat_map(|c| c.fields()).collect(),
        }
    }
}
