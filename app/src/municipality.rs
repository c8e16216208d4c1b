//! The citizen's municipality: chosen once, remembered in the browser (localStorage), and
//! carried in shareable URLs as `?gemeinde=<id>`; a URL parameter wins over the stored choice.

use crate::api;
use contract::api::MunicipalityRef;
use leptos::prelude::*;
use leptos::task::spawn_local;

const STORAGE_KEY: &str = "schalter.gemeinde";

/// The chosen municipality, shared by every page.
#[derive(Clone, Copy)]
pub struct Municipality(pub RwSignal<Option<MunicipalityRef>>);

impl Municipality {
    /// The id of the chosen municipality.
    pub fn id(&self) -> Option<String> {
        self.0.with(|m| m.as_ref().map(|m| m.id.clone()))
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Provides the state, restored from the browser, and saves every change.
pub fn provide() {
    let stored = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str::<MunicipalityRef>(&json).ok());
    let state = RwSignal::new(stored);
    Effect::new(move || {
        let Some(s) = storage() else { return };
        match state.get() {
            Some(m) => {
                if let Ok(json) = serde_json::to_string(&m) {
                    let _ = s.set_item(STORAGE_KEY, &json);
                }
            }
            None => {
                let _ = s.remove_item(STORAGE_KEY);
            }
        }
    });
    provide_context(Municipality(state));
}

/// The state (from context).
pub fn use_municipality() -> Municipality {
    expect_context::<Municipality>()
}

/// Adopts the municipality named in the URL (`?gemeinde=`), if it differs from the chosen one.
pub fn follow_url(param: Signal<Option<String>>) {
    let m = use_municipality();
    Effect::new(move || {
        let Some(id) = param.get().filter(|id| !id.is_empty()) else {
            return;
        };
        if m.id().as_deref() == Some(id.as_str()) {
            return;
        }
        spawn_local(async move {
            if let Ok(found) = api::municipality(&id).await {
                m.0.set(Some(found));
            }
        });
    });
}

/// `?gemeinde=<id>` (with a leading `&`) for links, or nothing.
pub fn query_suffix(m: &Municipality) -> String {
    m.id()
        .map(|id| format!("&gemeinde={}", api::encode(&id)))
        .unwrap_or_default()
}
