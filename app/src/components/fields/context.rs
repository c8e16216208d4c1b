//! What the inputs of a step share ([`FieldsCtx`], provided by the step page): the draft they
//! read their answers from, the changes they report ([`Edit`]), and the errors shown.

use crate::application::get_at;
use crate::drafts::Draft;
use contract::form::FieldError;
use leptos::prelude::*;
use serde_json::Value;

/// A change to the answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The answer at a path.
    Set(String, Value),
    /// A new item at the end of a group.
    AddItem(String),
    /// Item `i` of a group removed.
    RemoveItem(String, usize),
}

/// What the fields of a step share (context).
#[derive(Clone, Copy)]
pub struct FieldsCtx {
    /// The draft holding the answers.
    pub draft: RwSignal<Option<Draft>>,
    /// Applies a change and saves the draft.
    pub edit: Callback<Edit>,
    /// The errors shown (from the last "continue").
    pub errors: RwSignal<Vec<FieldError>>,
    /// The form's currency (`EUR`, `CHF`).
    pub currency: StoredValue<String>,
    /// The form's country (`ch`, `de`): how its addresses and examples are written.
    pub country: StoredValue<String>,
}

impl FieldsCtx {
    /// The answer at `path`, as an input is filled with it when it appears (not subscribed:
    /// an input is never redrawn while the citizen types).
    pub(super) fn answer(&self, path: &str) -> Option<Value> {
        self.draft
            .with_untracked(|d| d.as_ref().and_then(|d| get_at(&d.answers, path).cloned()))
    }

    /// The text answer at `path` (empty when there is none).
    pub(super) fn text_answer(&self, path: &str) -> String {
        self.answer(path)
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The list at `path` (the values of a multiple choice, the records of uploaded files);
    /// `tracked`: subscribed to the draft.
    pub(super) fn list(&self, path: &str, tracked: bool) -> Vec<Value> {
        let read = |d: &Option<Draft>| {
            d.as_ref()
                .and_then(|d| get_at(&d.answers, path))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        if tracked {
            self.draft.with(read)
        } else {
            self.draft.with_untracked(read)
        }
    }
}
