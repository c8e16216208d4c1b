//! The citizen's municipality: chosen once, remembered in the browser (localStorage), and
//! carried in shareable URLs as `?gemeinde=<id>`. A URL parameter wins over the stored choice,
//! and a choice made on a page is written back into its URL, so that the address bar can always
//! be shared as it is.

use crate::api;
use crate::paths::{MUNICIPALITY_PARAM, query_string};
use crate::storage::{Browser, Store};
use contract::api::MunicipalityRef;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

const STORAGE_KEY: &str = "schalter.gemeinde";

/// The chosen municipality, shared by every page (context).
#[derive(Clone, Copy)]
pub struct Municipality {
    chosen: RwSignal<Option<MunicipalityRef>>,
    /// An id from the URL that is being looked up; it already counts as the chosen one.
    pending: RwSignal<Option<String>>,
    id: Memo<Option<String>>,
}

impl Municipality {
    /// The id every request uses: the URL's while it is being looked up, else the chosen one.
    pub fn id(&self) -> Option<String> {
        self.id.get()
    }

    /// [`Municipality::id`] without subscribing to it (in event handlers and requests).
    pub fn id_untracked(&self) -> Option<String> {
        self.id.get_untracked()
    }

    /// The chosen municipality with its names.
    pub fn chosen(&self) -> Option<MunicipalityRef> {
        self.chosen.get()
    }

    /// Whether a municipality named in the URL is still being looked up.
    pub fn is_pending(&self) -> bool {
        self.pending.with(Option::is_some)
    }

    /// Chooses a municipality (or none).
    pub fn choose(&self, m: Option<MunicipalityRef>) {
        self.chosen.set(m);
        self.pending.set(None);
    }

    fn chosen_id_untracked(&self) -> Option<String> {
        self.chosen
            .with_untracked(|c| c.as_ref().map(|c| c.id.clone()))
    }
}

/// Provides the state, restored from the browser, and saves every change.
pub fn provide() {
    let stored = Browser::open()
        .get(STORAGE_KEY)
        .and_then(|json| serde_json::from_str::<MunicipalityRef>(&json).ok());
    let chosen = RwSignal::new(stored);
    let pending = RwSignal::new(None::<String>);
    let id = Memo::new(move |_| {
        pending
            .get()
            .or_else(|| chosen.with(|c| c.as_ref().map(|c| c.id.clone())))
    });
    Effect::new(move || {
        let store = Browser::open();
        // Private browsing may refuse to store: the choice then lasts for this visit only.
        match chosen.get().and_then(|m| serde_json::to_string(&m).ok()) {
            Some(json) => {
                let _ = store.set(STORAGE_KEY, &json);
            }
            None => store.remove(STORAGE_KEY),
        }
    });
    provide_context(Municipality {
        chosen,
        pending,
        id,
    });
}

/// The state (from context).
pub fn use_municipality() -> Municipality {
    expect_context::<Municipality>()
}

/// Keeps the chosen municipality and the page's `?gemeinde=` in step (called by the layout of
/// every page): a URL naming another municipality is followed (an unknown id is replaced by the
/// stored choice, or dropped), and a choice made on the page replaces the parameter in the
/// current URL (without a new history entry).
pub fn sync_with_url() {
    let m = use_municipality();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let param = Memo::new(move |_| {
        query
            .read()
            .get(MUNICIPALITY_PARAM)
            .filter(|id| !id.is_empty())
    });

    // The current address with `gemeinde` set to `id` (or removed), other parameters kept.
    let replace_param = move |id: Option<String>| {
        let mut pairs: Vec<(String, String)> = query.with_untracked(|q| {
            q.latest_values()
                .filter(|(k, _)| k.as_ref() != MUNICIPALITY_PARAM)
                .map(|(k, v)| (k.to_string(), v.to_owned()))
                .collect()
        });
        if let Some(id) = id {
            pairs.push((MUNICIPALITY_PARAM.to_owned(), id));
        }
        let search = query_string(pairs.iter().map(|(k, v)| (k.as_str(), Some(v.as_str()))));
        let url = format!("{}{search}", location.pathname.get_untracked());
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };

    // Before the page's first request: a URL naming another municipality already counts.
    if let Some(id) = param.get_untracked()
        && m.chosen_id_untracked().as_ref() != Some(&id)
    {
        m.pending.set(Some(id));
    }

    // URL → state.
    let replace = replace_param.clone();
    Effect::new(move || {
        let Some(id) = param.get() else { return };
        if m.chosen_id_untracked().as_ref() == Some(&id) {
            m.pending.set(None);
            return;
        }
        m.pending.set(Some(id.clone()));
        let replace = replace.clone();
        spawn_local(async move {
            let result = api::municipality(&id).await;
            if m.pending.get_untracked().as_ref() != Some(&id) {
                return; // the citizen chose meanwhile, or the URL changed again
            }
            match result {
                Ok(found) => m.choose(Some(found)),
                Err(e) => {
                    m.pending.set(None);
                    if e.is_not_found() {
                        replace(m.chosen_id_untracked());
                    }
                }
            }
        });
    });

    // State → URL, for changes made on this page (not for the state the page started with).
    Effect::new(move |previous: Option<Option<String>>| {
        let id = m.chosen.with(|c| c.as_ref().map(|c| c.id.clone()));
        if let Some(previous) = previous
            && previous != id
            && m.pending.with_untracked(Option::is_none)
            && param.get_untracked() != id
        {
            replace_param(id.clone());
        }
        id
    });
}
