//! Submitted applications kept in this browser: the receipt the server answered and the
//! access token that opens it again (`schalter.eingang.<reference>`, JSON), plus an index of
//! the references (`schalter.eingaenge`). The receipt page shows the stored copy at once and
//! refreshes it from the server with the token; "my applications" lists them.
//!
//! Where the browser refuses to store anything (private mode, full storage), the receipts of
//! this page's lifetime are kept in memory, so that the receipt page still opens after "send".

use crate::drafts;
use crate::storage::{Browser, NotSaved, Store};
use contract::submission::{Receipt, SubmissionCreated};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;

/// The key of the index: a JSON list of references.
pub const INDEX_KEY: &str = "schalter.eingaenge";
/// The prefix of one receipt's key; the reference follows.
pub const RECEIPT_PREFIX: &str = "schalter.eingang.";

/// One submitted application on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredReceipt {
    /// The receipt as last received from the server.
    pub receipt: Receipt,
    /// The bearer token that opens the submission (receipt, PDF).
    pub access_token: String,
    /// The draft it was sent from, if it is still on this device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    /// When the receipt was last received from the server (ISO 8601).
    pub fetched: String,
}

impl StoredReceipt {
    /// The record of a submission the server just acknowledged.
    pub fn new(created: SubmissionCreated, draft: Option<String>, now: String) -> StoredReceipt {
        StoredReceipt {
            receipt: created.receipt,
            access_token: created.access_token,
            draft,
            fetched: now,
        }
    }
}

thread_local! {
    static IN_MEMORY: RefCell<HashMap<String, StoredReceipt>> = RefCell::new(HashMap::new());
}

fn index(store: &impl Store) -> Vec<String> {
    store
        .get(INDEX_KEY)
        .and_then(|json| serde_json::from_str::<Vec<String>>(&json).ok())
        .unwrap_or_default()
}

/// One receipt; `None` when it is not stored or cannot be read.
pub fn load_from(store: &impl Store, reference: &str) -> Option<StoredReceipt> {
    let json = store.get(&format!("{RECEIPT_PREFIX}{reference}"))?;
    serde_json::from_str::<StoredReceipt>(&json)
        .ok()
        .filter(|r| r.receipt.reference == reference)
}

/// Every readable receipt, most recently received first.
pub fn list_from(store: &impl Store) -> Vec<StoredReceipt> {
    let mut all: Vec<StoredReceipt> = index(store)
        .iter()
        .filter_map(|r| load_from(store, r))
        .collect();
    all.sort_by(|a, b| b.receipt.received_at.cmp(&a.receipt.received_at));
    all
}

/// Writes a receipt and makes sure the index names it.
pub fn save_to(store: &impl Store, r: &StoredReceipt) -> Result<(), NotSaved> {
    let reference = &r.receipt.reference;
    let json = serde_json::to_string(r).map_err(|_| NotSaved)?;
    store.set(&format!("{RECEIPT_PREFIX}{reference}"), &json)?;
    let mut refs = index(store);
    if !refs.contains(reference) {
        refs.push(reference.clone());
        let json = serde_json::to_string(&refs).map_err(|_| NotSaved)?;
        store.set(INDEX_KEY, &json)?;
    }
    Ok(())
}

/// Removes a receipt (and its access token) and its entry in the index.
pub fn remove_from(store: &impl Store, reference: &str) {
    store.remove(&format!("{RECEIPT_PREFIX}{reference}"));
    let mut refs = index(store);
    let before = refs.len();
    refs.retain(|r| r != reference);
    if refs.len() != before
        && let Ok(json) = serde_json::to_string(&refs)
    {
        let _ = store.set(INDEX_KEY, &json);
    }
}

/// [`load_from`] the browser (or this page's memory).
pub fn load(reference: &str) -> Option<StoredReceipt> {
    load_from(&Browser::open(), reference)
        .or_else(|| IN_MEMORY.with(|m| m.borrow().get(reference).cloned()))
}

/// [`list_from`] the browser.
pub fn list() -> Vec<StoredReceipt> {
    list_from(&Browser::open())
}

/// [`save_to`] the browser; kept in this page's memory too.
pub fn save(r: &StoredReceipt) -> Result<(), NotSaved> {
    IN_MEMORY.with(|m| {
        m.borrow_mut()
            .insert(r.receipt.reference.clone(), r.clone())
    });
    save_to(&Browser::open(), r)
}

/// Forgets a submitted application on this device: its receipt and token (browser and this
/// page's memory) and the draft it was sent from. The submission stays on the server.
pub fn remove(reference: &str) {
    let draft = load(reference).and_then(|r| r.draft);
    IN_MEMORY.with(|m| m.borrow_mut().remove(reference));
    remove_from(&Browser::open(), reference);
    if let Some(draft) = draft {
        drafts::remove(&draft);
    }
}

/// How a reference number is read out: character by character, the groups apart
/// (`K7Q-M4T-XP9` → `K 7 Q, M 4 T, X P 9`), so that a screen reader spells it rather than
/// trying to pronounce "K7Q".
pub fn spelled(reference: &str) -> String {
    reference
        .split('-')
        .map(|group| {
            group
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A receipt as the server answers one: Schmölln's dog form with two dogs (for the tests of
/// this module and of the receipt page).
#[cfg(test)]
pub fn sample_receipt(reference: &str, at: &str) -> Receipt {
    serde_json::from_value(serde_json::json!({
        "reference": reference,
        "received_at": at,
        "lang": "de",
        "form": "hundesteuer-th",
        "form_title": "Hund anmelden",
        "version": "2.1",
        "municipality": {
            "id": "de:16077043", "name": "Schmölln", "display_name": "Schmölln (TH)",
            "state_code": "TH", "state_name": "Thüringen", "district_name": "Altenburger Land",
            "country": "de"
        },
        "authority": {
            "id": "de:16077043", "name": "Stadt Schmölln", "level": "municipality",
            "contact": { "office": "Bürgerbüro", "phone": "034491 760" }
        },
        "summary": [
            { "step": "halter", "title": "Halter", "rows": [
                { "path": "given_name", "label": "Vorname", "lines": ["Anna"] }
            ] },
            { "step": "hunde", "title": "Hunde", "rows": [
                { "path": "dogs.0.name", "label": "Hund 1 – Name des Hundes", "lines": ["Luna"] },
                { "path": "dogs.1.name", "label": "Hund 2 – Name des Hundes", "lines": ["Bello"] }
            ] }
        ],
        "data_hash": "sha256:00",
        "status": "received",
        "history": [{ "status": "received", "at": at, "actor": "citizen" }],
    }))
    .unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Memory;

    fn stored(reference: &str, at: &str) -> StoredReceipt {
        StoredReceipt {
            receipt: sample_receipt(reference, at),
            access_token: "token".into(),
            draft: Some("d1".into()),
            fetched: at.into(),
        }
    }

    #[test]
    fn receipts_round_trip_with_an_index() {
        let store = Memory::default();
        let a = stored("K7Q-M4T-XP9", "2026-11-23T09:00:00Z");
        let b = stored("234-567-899", "2026-11-23T10:00:00Z");
        save_to(&store, &a).unwrap();
        save_to(&store, &b).unwrap();
        save_to(&store, &a).unwrap();
        assert_eq!(
            store.get(INDEX_KEY).unwrap(),
            r#"["K7Q-M4T-XP9","234-567-899"]"#
        );
        assert_eq!(load_from(&store, "K7Q-M4T-XP9"), Some(a.clone()));
        assert_eq!(list_from(&store), vec![b, a], "most recent first");
        assert_eq!(load_from(&store, "XXX-XXX-XXX"), None);
    }

    #[test]
    fn a_removed_receipt_is_gone_with_its_index_entry() {
        let store = Memory::default();
        let a = stored("K7Q-M4T-XP9", "2026-11-23T09:00:00Z");
        let b = stored("234-567-899", "2026-11-23T10:00:00Z");
        save_to(&store, &a).unwrap();
        save_to(&store, &b).unwrap();
        remove_from(&store, "K7Q-M4T-XP9");
        assert_eq!(load_from(&store, "K7Q-M4T-XP9"), None);
        assert_eq!(
            store.get("schalter.eingang.K7Q-M4T-XP9"),
            None,
            "token gone"
        );
        assert_eq!(store.get(INDEX_KEY).unwrap(), r#"["234-567-899"]"#);
        assert_eq!(list_from(&store), vec![b]);
        // Removing what is not there changes nothing.
        remove_from(&store, "K7Q-M4T-XP9");
        assert_eq!(store.get(INDEX_KEY).unwrap(), r#"["234-567-899"]"#);
    }

    #[test]
    fn references_are_spelled_for_screen_readers() {
        assert_eq!(spelled("K7Q-M4T-XP9"), "K 7 Q, M 4 T, X P 9");
    }
}
