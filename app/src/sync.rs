//! A signed-in citizen's drafts follow them to their other devices. The browser's copy stays
//! the first one (typing offline still works); every change is then saved to the account on
//! top of the revision this device last saw. When another device saved in between, the server
//! refuses (409 `draft_conflict`) and the citizen sees what differs and chooses: nothing is
//! overwritten silently.

use crate::api::{self, ApiError};
use crate::drafts::Draft;
use contract::account::{AccountDraft, DraftSave};
use contract::form::Answers;
use serde_json::Value;

/// What saving a draft to the account gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Pushed {
    /// Saved as this revision.
    Saved(i64),
    /// Another device saved meanwhile: its copy.
    Conflict(Box<AccountDraft>),
    /// Not saved (offline, signed out); tried again with the next change.
    Failed(ApiError),
}

/// The request that saves `draft` to the account.
pub fn save_of(draft: &Draft) -> DraftSave {
    let mut data = draft.clone();
    data.revision = None;
    data.unsynced = false;
    DraftSave {
        base_revision: draft.revision,
        form: draft.form.clone(),
        version: draft.version.clone(),
        municipality: draft.municipality.clone(),
        data: serde_json::to_value(&data).unwrap_or(Value::Null),
    }
}

/// Saves `draft` to the account.
pub async fn push(draft: &Draft) -> Pushed {
    match api::save_account_draft(&draft.key, &save_of(draft)).await {
        Ok(saved) => Pushed::Saved(saved.revision),
        Err(e) if e.code() == Some("draft_conflict") => {
            match api::account_draft(&draft.key).await {
                Ok(there) => Pushed::Conflict(Box::new(there)),
                Err(e) => Pushed::Failed(e),
            }
        }
        Err(e) => Pushed::Failed(e),
    }
}

/// The account's copy as a draft of this device; `id`: the id it has here already.
pub fn draft_of(there: &AccountDraft, id: Option<&str>) -> Option<Draft> {
    let mut d: Draft = serde_json::from_value(there.data.clone()).ok()?;
    if let Some(id) = id {
        d.id = id.to_owned();
    }
    d.key = there.key.clone();
    d.revision = Some(there.revision);
    d.unsynced = false;
    Some(d)
}

/// What to do with a draft opened on this device, given the account's copy.
#[derive(Debug, Clone, PartialEq)]
pub enum OnOpen {
    /// This device's copy is newer (or new to the account): save it there.
    Push,
    /// The account's copy is newer and nothing changed here: take it.
    Take,
    /// Both changed: the citizen chooses.
    Conflict,
    /// Both are the same.
    Nothing,
}

/// Decides [`OnOpen`] for the draft `here` and the account's copy `there` (none: not in the
/// account).
pub fn on_open(here: &Draft, there: Option<&AccountDraft>) -> OnOpen {
    if here.is_submitted() {
        return OnOpen::Nothing;
    }
    let Some(there) = there else {
        return OnOpen::Push;
    };
    match here.revision {
        Some(r) if r >= there.revision => {
            if here.unsynced {
                OnOpen::Push
            } else {
                OnOpen::Nothing
            }
        }
        _ if here.unsynced => OnOpen::Conflict,
        _ => OnOpen::Take,
    }
}

/// The answers that differ between two copies, as (path, here, there), in the order of the
/// paths; groups and compound answers are compared field by field (`dogs.0.name`).
pub fn differences(here: &Answers, there: &Answers) -> Vec<(String, Option<Value>, Option<Value>)> {
    let mut a = Vec::new();
    let mut b = Vec::new();
    flatten("", &Value::Object(here.clone()), &mut a);
    flatten("", &Value::Object(there.clone()), &mut b);
    let mut paths: Vec<String> = a.iter().chain(&b).map(|(p, _)| p.clone()).collect();
    paths.sort();
    paths.dedup();
    let get = |list: &[(String, Value)], p: &str| {
        list.iter()
            .find(|(q, _)| q == p)
            .map(|(_, v)| v.clone())
            .filter(|v| !is_empty(v))
    };
    paths
        .into_iter()
        .filter_map(|p| {
            let (x, y) = (get(&a, &p), get(&b, &p));
            (x != y).then_some((p, x, y))
        })
        .collect()
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_owned()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                flatten(&join(k), v, out);
            }
        }
        // A list of records (a group's items, uploaded files): item by item; a list of
        // values (a multiple choice) is one answer.
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for (i, v) in items.iter().enumerate() {
                flatten(&join(&i.to_string()), v, out);
            }
        }
        _ => out.push((prefix.to_owned(), v.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::Progress;
    use contract::Lang;
    use contract::form::Localized;
    use serde_json::json;

    fn draft(revision: Option<i64>, unsynced: bool) -> Draft {
        Draft {
            id: "local-1".into(),
            form: "hundesteuer-th".into(),
            version: "2.1".into(),
            municipality: "de:16077043".into(),
            municipality_name: "Schmölln (TH)".into(),
            lang: Lang::De,
            title: Localized::de("Hund anmelden"),
            answers: json!({"given_name": "Anna"}).as_object().unwrap().clone(),
            step: "hunde".into(),
            progress: Progress::default(),
            created: "2026-05-01T10:00:00.000Z".into(),
            updated: "2026-05-01T10:00:00.000Z".into(),
            key: "k-1".into(),
            submitted: None,
            refused: Vec::new(),
            revision,
            unsynced,
            organisation: None,
            prefilled: Vec::new(),
        }
    }

    fn there(revision: i64, answers: Value) -> AccountDraft {
        let mut d = draft(None, false);
        d.id = "other-device".into();
        d.answers = answers.as_object().unwrap().clone();
        AccountDraft {
            key: "k-1".into(),
            form: d.form.clone(),
            version: d.version.clone(),
            municipality: d.municipality.clone(),
            data: serde_json::to_value(&d).unwrap(),
            revision,
            updated_at: "2026-05-02T10:00:00Z".into(),
        }
    }

    #[test]
    fn what_happens_when_a_draft_is_opened() {
        let t = there(3, json!({"given_name": "Beat"}));
        assert_eq!(on_open(&draft(None, true), None), OnOpen::Push);
        assert_eq!(on_open(&draft(Some(3), false), Some(&t)), OnOpen::Nothing);
        assert_eq!(on_open(&draft(Some(3), true), Some(&t)), OnOpen::Push);
        assert_eq!(on_open(&draft(Some(2), false), Some(&t)), OnOpen::Take);
        assert_eq!(on_open(&draft(Some(2), true), Some(&t)), OnOpen::Conflict);
        assert_eq!(on_open(&draft(None, true), Some(&t)), OnOpen::Conflict);
    }

    #[test]
    fn the_account_copy_keeps_this_devices_id_and_its_revision() {
        let t = there(7, json!({"given_name": "Beat"}));
        let d = draft_of(&t, Some("local-1")).unwrap();
        assert_eq!(
            (d.id.as_str(), d.revision, d.unsynced),
            ("local-1", Some(7), false)
        );
        assert_eq!(d.answers["given_name"], "Beat");
        // What is saved carries the base revision, not this device's bookkeeping.
        let save = save_of(&draft(Some(7), true));
        assert_eq!(save.base_revision, Some(7));
        assert!(save.data.get("revision").is_none() && save.data.get("unsynced").is_none());
    }

    #[test]
    fn differences_name_each_answer_that_differs() {
        let here = json!({"given_name": "Anna", "dogs": [{"name": "Luna", "breed": "Pudel"}],
                          "lists": ["a"], "empty": ""});
        let there = json!({"given_name": "Anna", "dogs": [{"name": "Bello", "breed": "Pudel"}, {"name": "Rex"}],
                           "lists": ["a", "b"]});
        let d = differences(here.as_object().unwrap(), there.as_object().unwrap());
        let paths: Vec<&str> = d.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(paths, ["dogs.0.name", "dogs.1.name", "lists"]);
        assert_eq!(d[1], ("dogs.1.name".into(), None, Some(json!("Rex"))));
    }
}
