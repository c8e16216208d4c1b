//! Fees computed from the answers and a fee table that is data.
//!
//! Amounts are integer cents (Rappen, Cent). The same computation shows the fee to the citizen
//! before submission and, on the server, fixes the fee of the submission.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::answers::{Answers, Scope, parse_money, parse_number};
use super::condition::Condition;
use super::model::{FieldKind, FormDefinition, Localized};

/// The fee table of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeSchedule {
    /// `CHF` or `EUR`.
    pub currency: String,
    /// The rules; every rule that applies adds lines.
    pub rules: Vec<FeeRule>,
    /// Shown under the fees ("Die Hundesteuer wird jährlich erhoben.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Localized>,
    /// Whether the fee must be paid before the application counts, or may be paid later.
    #[serde(default, skip_serializing_if = "is_later")]
    pub due: crate::payment::PaymentDue,
    /// How the fee is collected where the answers choose it (a direct debit the citizen
    /// mandated): the first whose condition holds is told on the check page and the receipt
    /// instead of the portal's "the authority will send you an invoice".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collection: Vec<FeeCollection>,
}

/// One way a fee is collected, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeCollection {
    /// Applies only when this holds ("payment is sepa").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What the citizen is told ("Die Steuer wird von Ihrem Konto abgebucht.").
    pub note: Localized,
    /// The authority debits the citizen's account: no payment slip is offered.
    #[serde(default, skip_serializing_if = "is_false")]
    pub direct_debit: bool,
}

/// How the fee of an answer set is collected ([`FeeSchedule::collection`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Collection {
    /// What the citizen is told.
    pub note: Localized,
    /// The authority debits the citizen's account: no payment slip.
    #[serde(default, skip_serializing_if = "is_false")]
    pub direct_debit: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_later(due: &crate::payment::PaymentDue) -> bool {
    *due == crate::payment::PaymentDue::Later
}

/// One rule of a fee table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeRule {
    /// Stable id (overlays and receipts refer to it).
    pub id: String,
    /// What the fee is for ("Hundesteuer").
    pub label: Localized,
    /// The rule applies only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// How the amount is found.
    #[serde(flatten)]
    pub amount: FeeAmount,
}

/// How a rule finds its amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FeeAmount {
    /// A fixed amount.
    Fixed {
        /// Cents.
        amount: i64,
    },
    /// A fixed amount times a number answer ("copies").
    PerUnit {
        /// Number field.
        field: String,
        /// Cents per unit.
        amount: i64,
    },
    /// An amount per choice ("Gebühr nach Bausumme").
    ByChoice {
        /// Choice field.
        field: String,
        /// Amount per option value; options not listed cost nothing.
        amounts: Vec<ChoiceAmount>,
    },
    /// An amount that follows from a money or number answer by bands ("Gebühr nach
    /// Bausumme"): the first band whose `up_to` the answer does not exceed, else `above`. No
    /// line while the field is unanswered (or not a number).
    ByBand {
        /// Money or number field.
        field: String,
        /// Bands in ascending order of `up_to`.
        bands: Vec<FeeBand>,
        /// Cents for an answer above the last band; unset: no fee above it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        above: Option<i64>,
    },
    /// An amount per item of a repeating group: `amounts[i]` for the i-th counted item (the
    /// last repeats: first dog 100, every further dog 150); `cases` override per item (first
    /// match wins): an exemption (0) or a higher rate (listed dogs).
    PerItem {
        /// Group field.
        group: String,
        /// Amounts by the position of the item among the counted ones.
        amounts: Vec<i64>,
        /// Overrides, tested inside the item.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        cases: Vec<FeeCase>,
    },
}

/// The amount of one option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceAmount {
    /// Option value.
    pub value: String,
    /// Cents.
    pub amount: i64,
}

/// One band of [`FeeAmount::ByBand`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeBand {
    /// The band's upper end, included: cents for a money field (`5000000` is CHF 50'000),
    /// the number itself for a number field.
    pub up_to: f64,
    /// Cents.
    pub amount: i64,
}

impl FormDefinition {
    /// The value of a money or number answer in the unit of [`FeeBand::up_to`]: cents for a
    /// money field, the number for a number field.
    fn band_value(&self, field: &str, scope: &Scope<'_>) -> Option<f64> {
        let text = scope.text(field)?;
        match &self.field(field)?.kind {
            FieldKind::Money { .. } => parse_money(text).map(|c| c as f64),
            FieldKind::Number { .. } => parse_number(text),
            _ => None,
        }
    }
}

/// An override for the items of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeCase {
    /// Tested inside the item.
    pub when: Condition,
    /// Cents for such an item.
    pub amount: i64,
    /// Shown on the line ("steuerfrei: Assistenzhund").
    pub label: Localized,
    /// Whether such an item counts for the position of the following ones (an exempt guide dog
    /// does not make the next dog a "second dog").
    #[serde(default)]
    pub counts: bool,
}

/// One line of the computed fees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeLine {
    /// Rule id.
    pub rule: String,
    /// What the line is for.
    pub label: Localized,
    /// The group item (0-based) the line is for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// Why this amount (a case label), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Localized>,
    /// Cents.
    pub amount: i64,
}

/// The fees of an answer set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fees {
    /// `CHF` or `EUR`.
    pub currency: String,
    /// Lines in rule order.
    pub lines: Vec<FeeLine>,
    /// Sum of the lines, cents.
    pub total: i64,
    /// How it is collected, where the answers chose a way of their own; `None`: the portal's
    /// default (an invoice, or a payment slip with the receipt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<Collection>,
}

impl FormDefinition {
    /// The fees for these answers; `None` when the form has no fee table. Hidden fields do not
    /// count (the answers are cleaned first).
    pub fn fees(&self, answers: &Answers) -> Option<Fees> {
        let schedule = self.fees.as_ref()?;
        let answers = self.clean_answers(answers);
        let scope = Scope::root(&answers);
        let mut lines = Vec::new();
        for rule in &schedule.rules {
            if rule.when.as_ref().is_some_and(|c| !c.holds(&scope)) {
                continue;
            }
            let line = |amount, item, reason| FeeLine {
                rule: rule.id.clone(),
                label: rule.label.clone(),
                item,
                reason,
                amount,
            };
            match &rule.amount {
                FeeAmount::Fixed { amount } => lines.push(line(*amount, None, None)),
                FeeAmount::PerUnit { field, amount } => {
                    let n = scope.text(field).and_then(parse_number).unwrap_or(0.0);
                    if n > 0.0 {
                        lines.push(line((n.floor() as i64).saturating_mul(*amount), None, None));
                    }
                }
                FeeAmount::ByChoice { field, amounts } => {
                    if let Some(a) = scope
                        .text(field)
                        .and_then(|v| amounts.iter().find(|a| a.value == v))
                    {
                        lines.push(line(a.amount, None, None));
                    }
                }
                FeeAmount::ByBand {
                    field,
                    bands,
                    above,
                } => {
                    if let Some(v) = self.band_value(field, &scope) {
                        let amount = bands
                            .iter()
                            .find(|b| v <= b.up_to)
                            .map(|b| b.amount)
                            .or(*above);
                        if let Some(a) = amount {
                            lines.push(line(a, None, None));
                        }
                    }
                }
                FeeAmount::PerItem {
                    group,
                    amounts,
                    cases,
                } => {
                    let items = answers.get(group).and_then(Value::as_array);
                    let mut position = 0usize;
                    for (i, item) in items.into_iter().flatten().enumerate() {
                        let Some(item) = item.as_object() else {
                            continue;
                        };
                        let item_scope = Scope::item(&answers, item);
                        if let Some(case) = cases.iter().find(|c| c.when.holds(&item_scope)) {
                            lines.push(line(case.amount, Some(i), Some(case.label.clone())));
                            if case.counts {
                                position += 1;
                            }
                        } else if let Some(last) = amounts.last() {
                            let amount = amounts.get(position).unwrap_or(last);
                            lines.push(line(*amount, Some(i), None));
                            position += 1;
                        }
                    }
                }
            }
        }
        let total = lines.iter().map(|l| l.amount).sum();
        let collection = schedule
            .collection
            .iter()
            .find(|c| c.when.as_ref().is_none_or(|w| w.holds(&scope)))
            .map(|c| Collection {
                note: c.note.clone(),
                direct_debit: c.direct_debit,
            });
        Some(Fees {
            currency: schedule.currency.clone(),
            lines,
            total,
            collection,
        })
    }
}
