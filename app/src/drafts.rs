//! Drafts of online applications, kept in this browser so that a reload, a closed tab, a crash
//! or a lost connection loses nothing. Every change is written at once (no debounce), one
//! localStorage key per draft (`schalter.entwurf.<id>`) plus an index of the ids
//! (`schalter.entwuerfe`), all JSON. Nothing here talks to the server. A draft stays after it
//! was submitted, marked as such, so that going back and sending again gets the same receipt.

use crate::storage::{Browser, NotSaved, Store};
use contract::Lang;
use contract::form::{Answers, FieldError, Localized};
use contract::texts::Texts;
use serde::{Deserialize, Serialize};

/// The key of the index: a JSON list of draft ids.
pub const INDEX_KEY: &str = "schalter.entwuerfe";
/// The prefix of one draft's key; the id follows.
pub const DRAFT_PREFIX: &str = "schalter.entwurf.";
/// The step id a draft records while its answers are being checked (the check page).
pub const CHECK_STEP: &str = "pruefen";

/// One application in progress on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Random id, in the URL as `?entwurf=`.
    pub id: String,
    /// Form id (`hundesteuer-th`).
    pub form: String,
    /// The form version the answers were given to (`2.1`).
    pub version: String,
    /// The municipality the application is for (`de:16077043`).
    pub municipality: String,
    /// Its name as the list shows it ("Schmölln (TH)").
    #[serde(default)]
    pub municipality_name: String,
    /// The language the citizen last used.
    pub lang: Lang,
    /// The form title, for the list.
    pub title: Localized,
    /// The answers exactly as typed.
    pub answers: Answers,
    /// The step the citizen was last on (a step id, or [`CHECK_STEP`]).
    pub step: String,
    /// Where that step is among the shown steps, for the list.
    #[serde(default)]
    pub progress: Progress,
    /// When the draft was started (ISO 8601, UTC).
    pub created: String,
    /// When it last changed (ISO 8601, UTC).
    pub updated: String,
    /// The idempotency key of this application (a random UUID), chosen once: every upload
    /// and every attempt to submit carries it, so that a retry, a double click or a reload
    /// gets the first submission back instead of making a second. Empty in drafts begun
    /// before submitting existed; [`open`] gives them one.
    #[serde(default)]
    pub key: String,
    /// Set once the server has received the application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<Submitted>,
    /// The errors the server found in the last attempt to submit (the browser cannot find
    /// them all itself: a file that never arrived); a step page shows those of its fields
    /// until they are answered again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<FieldError>,
    /// The revision of the account's copy this one is based on (while signed in, drafts
    /// follow the citizen to their other devices: [`crate::sync`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<i64>,
    /// Changed here since the account's copy was last saved.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unsynced: bool,
    /// The organisation the citizen applies for (none: for themselves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<ForOrganisation>,
    /// The answers filled in from the account's profile when the draft was started.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefilled: Vec<contract::account::Prefilled>,
}

/// The organisation an application is made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForOrganisation {
    /// Its id.
    pub id: String,
    /// Its name, as the pages show it.
    pub name: String,
}

/// What a draft keeps of its submission (the receipt and its access token are kept apart,
/// with the submitted applications).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submitted {
    /// The reference number.
    pub reference: String,
    /// When the server received it (RFC 3339).
    pub received_at: String,
}

impl Draft {
    /// Whether the server has received this application.
    pub fn is_submitted(&self) -> bool {
        self.submitted.is_some()
    }

    /// How far it is, as the lists say it: "Schritt 2 von 3", or "ready to check".
    pub fn progress_text(&self, t: &Texts) -> String {
        if self.step == CHECK_STEP {
            t.ready_to_check.to_owned()
        } else {
            (t.step_of)(self.progress.step, self.progress.of)
        }
    }
}

/// How far a draft is: step `step` of `of` (both counted from 1; 0 when unknown).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The current step's number among the shown steps.
    pub step: usize,
    /// The number of shown steps.
    pub of: usize,
    /// The current step's title.
    #[serde(default)]
    pub title: Localized,
}

fn index(store: &impl Store) -> Vec<String> {
    store
        .get(INDEX_KEY)
        .and_then(|json| serde_json::from_str::<Vec<String>>(&json).ok())
        .unwrap_or_default()
}

fn write_index(store: &impl Store, ids: &[String]) -> Result<(), NotSaved> {
    let json = serde_json::to_string(ids).map_err(|_| NotSaved)?;
    store.set(INDEX_KEY, &json)
}

/// One draft; `None` when it does not exist or cannot be read.
pub fn load_from(store: &impl Store, id: &str) -> Option<Draft> {
    let json = store.get(&format!("{DRAFT_PREFIX}{id}"))?;
    serde_json::from_str::<Draft>(&json)
        .ok()
        .filter(|d| d.id == id)
}

/// Every readable draft, most recently changed first.
pub fn list_from(store: &impl Store) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = index(store)
        .iter()
        .filter_map(|id| load_from(store, id))
        .collect();
    drafts.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    drafts
}

/// Writes a draft and makes sure the index names it.
pub fn save_to(store: &impl Store, draft: &Draft) -> Result<(), NotSaved> {
    let json = serde_json::to_string(draft).map_err(|_| NotSaved)?;
    store.set(&format!("{DRAFT_PREFIX}{}", draft.id), &json)?;
    let mut ids = index(store);
    if !ids.contains(&draft.id) {
        ids.push(draft.id.clone());
        write_index(store, &ids)?;
    }
    Ok(())
}

/// Removes a draft and its index entry.
pub fn remove_from(store: &impl Store, id: &str) {
    store.remove(&format!("{DRAFT_PREFIX}{id}"));
    let mut ids = index(store);
    let before = ids.len();
    ids.retain(|i| i != id);
    if ids.len() != before {
        let _ = write_index(store, &ids);
    }
}

/// A draft that is never stored: the answers of a page that is not an application (the
/// account's profile), so that the form's fields can show them.
pub fn scratch(form: &str, answers: Answers) -> Draft {
    Draft {
        id: String::new(),
        form: form.to_owned(),
        version: String::new(),
        municipality: String::new(),
        municipality_name: String::new(),
        lang: Lang::default(),
        title: Localized::default(),
        answers,
        step: String::new(),
        progress: Progress::default(),
        created: String::new(),
        updated: String::new(),
        key: String::new(),
        submitted: None,
        refused: Vec::new(),
        revision: None,
        unsynced: false,
        organisation: None,
        prefilled: Vec::new(),
    }
}

/// [`load_from`] the browser.
pub fn load(id: &str) -> Option<Draft> {
    load_from(&Browser::open(), id)
}

/// A draft as the pages open it: [`load`], and one begun before drafts had an idempotency
/// key gets one now (written at once, without changing "last changed").
pub fn open(id: &str) -> Option<Draft> {
    let mut draft = load(id)?;
    if draft.key.is_empty() {
        draft.key = new_key();
        let _ = save(&draft);
    }
    Some(draft)
}

/// [`list_from`] the browser.
pub fn list() -> Vec<Draft> {
    list_from(&Browser::open())
}

/// [`save_to`] the browser.
pub fn save(draft: &Draft) -> Result<(), NotSaved> {
    save_to(&Browser::open(), draft)
}

/// [`remove_from`] the browser.
pub fn remove(id: &str) {
    remove_from(&Browser::open(), id)
}

/// Now, as an ISO 8601 UTC timestamp.
pub fn now() -> String {
    String::from(web_sys::js_sys::Date::new_0().to_iso_string())
}

/// A new draft id: the time and a random part, short enough for a URL.
pub fn new_id() -> String {
    let time = web_sys::js_sys::Date::now() as u64;
    let random = (web_sys::js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("{}{}", base36(time), base36(random))
}

/// A new idempotency key: a random (version 4) UUID from the browser's cryptographic random
/// numbers (which, unlike `crypto.randomUUID`, also work on pages not served over HTTPS).
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (web_sys::js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A timestamp of [`now`] as people read it in `lang`, in the browser's time zone:
/// `23.11.2026, 14:05`.
pub fn display_time(iso: &str, lang: Lang) -> String {
    let d = web_sys::js_sys::Date::new(&iso.into());
    if d.get_time().is_nan() {
        return iso.to_owned();
    }
    let sep = if lang == Lang::En { '/' } else { '.' };
    format!(
        "{:02}{sep}{:02}{sep}{:04}, {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A moment in milliseconds since 1970 as [`display_time`] shows it.
pub fn display_millis(ms: i64, lang: Lang) -> String {
    let d = web_sys::js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    display_time(&String::from(d.to_iso_string()), lang)
}

/// Today in the browser's time zone, ISO (`2026-11-23`), for validating dates.
pub fn today() -> String {
    let d = web_sys::js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Memory;

    fn draft(id: &str, updated: &str) -> Draft {
        Draft {
            id: id.into(),
            form: "hundesteuer-th".into(),
            version: "2.1".into(),
            municipality: "de:16077043".into(),
            municipality_name: "Schmölln (TH)".into(),
            lang: Lang::De,
            title: Localized::de("Hund anmelden"),
            answers: serde_json::from_str(r#"{"given_name":" Anna ","dogs":[{"name":"Luna"}]}"#)
                .unwrap(),
            step: "hunde".into(),
            progress: Progress {
                step: 2,
                of: 3,
                title: Localized::de("Ihre Hunde"),
            },
            created: "2026-05-01T10:00:00.000Z".into(),
            updated: updated.into(),
            key: "0f8e4c2a-77d1-4b6e-9c3f-000000000001".into(),
            submitted: None,
            refused: Vec::new(),
            revision: None,
            unsynced: false,
            organisation: None,
            prefilled: Vec::new(),
        }
    }

    #[test]
    fn drafts_round_trip_with_an_index() {
        let store = Memory::default();
        let a = draft("a1", "2026-05-01T10:00:00.000Z");
        let b = draft("b2", "2026-05-02T10:00:00.000Z");
        save_to(&store, &a).unwrap();
        save_to(&store, &b).unwrap();
        save_to(&store, &a).unwrap();
        assert_eq!(store.get(INDEX_KEY).unwrap(), r#"["a1","b2"]"#);
        // Answers stay exactly as typed (the blank around "Anna" too).
        assert_eq!(load_from(&store, "a1"), Some(a.clone()));
        assert_eq!(
            list_from(&store)
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>(),
            ["b2", "a1"],
            "most recent first"
        );
        remove_from(&store, "b2");
        assert_eq!(list_from(&store), vec![a]);
        assert_eq!(store.get(INDEX_KEY).unwrap(), r#"["a1"]"#);
        assert!(store.get("schalter.entwurf.b2").is_none());
    }

    #[test]
    fn unreadable_or_missing_drafts_are_skipped() {
        let store = Memory::default();
        save_to(&store, &draft("a1", "x")).unwrap();
        store
            .map
            .borrow_mut()
            .insert(INDEX_KEY.into(), r#"["a1","gone","bad"]"#.into());
        store
            .map
            .borrow_mut()
            .insert("schalter.entwurf.bad".into(), "{not json".into());
        assert_eq!(list_from(&store).len(), 1);
        assert_eq!(load_from(&store, "bad"), None);
        // A draft stored under another key's name is not taken for it.
        let json = store.get("schalter.entwurf.a1").unwrap();
        store
            .map
            .borrow_mut()
            .insert("schalter.entwurf.other".into(), json);
        assert_eq!(load_from(&store, "other"), None);
    }

    #[test]
    fn a_refusing_store_reports_it() {
        let store = Memory {
            refusing: true,
            ..Memory::default()
        };
        assert_eq!(save_to(&store, &draft("a1", "x")), Err(NotSaved));
    }

    #[test]
    fn drafts_of_earlier_versions_still_load() {
        // Written before drafts had a key and could be submitted (with the server's check).
        let store = Memory::default();
        let mut json = serde_json::to_value(draft("a1", "x")).unwrap();
        let obj = json.as_object_mut().unwrap();
        obj.remove("key");
        obj.insert("checked".into(), serde_json::json!({"valid": true}));
        store
            .map
            .borrow_mut()
            .insert("schalter.entwurf.a1".into(), json.to_string());
        let loaded = load_from(&store, "a1").unwrap();
        assert_eq!(loaded.key, "");
        assert!(!loaded.is_submitted());
    }

    #[test]
    fn keys_are_version_4_uuids() {
        let k = uuid_v4([0xff; 16]);
        assert_eq!(k, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let k = uuid_v4([0; 16]);
        assert_eq!(k, "00000000-0000-4000-8000-000000000000");
        assert_eq!(k.len(), 36);
    }

    #[test]
    fn ids_are_short_and_url_safe() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
        let id = format!("{}{}", base36(1_780_000_000_000), base36(1 << 39));
        assert!(id.len() <= 17 && id.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
