//! The portal's search box: services as you type, for the chosen municipality. Picking one opens
//! its page; Enter (or the button) opens the full result list, whose URL holds the words.

use crate::api::{self, SearchParams};
use crate::components::combobox::{ComboOption, Combobox, Fetch};
use crate::i18n::{use_lang, use_texts};
use crate::municipality::use_municipality;
use crate::paths::{SearchLink, search_path, service_path};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::rc::Rc;

/// How many services the list under the box shows.
const OPTIONS: usize = 8;

/// The search combobox. `query` is the text of the page's URL (empty on the start page); the
/// box follows it when the URL changes (back and forward).
#[component]
pub fn SearchBox(#[prop(into)] query: Signal<String>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let m = use_municipality();
    let navigate = use_navigate();
    let text = RwSignal::new(query.get_untracked());
    Effect::new(move |previous: Option<String>| {
        let q = query.get();
        if previous.is_some_and(|p| p != q) {
            text.set(q.clone());
        }
        q
    });
    let fetch: Fetch = Rc::new(move |q: String| {
        let params = SearchParams {
            q,
            municipality: m.id_untracked(),
            limit: OPTIONS,
            ..SearchParams::default()
        };
        let lang = lang.get_untracked();
        Box::pin(async move {
            let found = api::search(&params, lang)
                .await
                .map_err(|e| e.message(t.get_untracked()).to_owned())?;
            Ok(found
                .results
                .into_iter()
                .map(|r| ComboOption {
                    // Picking an option opens this address.
                    key: service_path(
                        lang,
                        &r.id,
                        params.municipality.as_deref(),
                        Some(&r.country),
                    ),
                    meta: r.authority.map_or(r.topic, |a| a.name),
                    label: r.title,
                    highlights: r.highlights,
                    lang: (r.lang != lang).then(|| r.lang.code()),
                })
                .collect())
        })
    });
    let nav = navigate.clone();
    let on_pick = Callback::new(move |o: ComboOption| nav(&o.key, Default::default()));
    let on_submit = Callback::new(move |q: String| {
        let id = m.id_untracked();
        let link = SearchLink {
            q: Some(q.trim()),
            municipality: id.as_deref(),
            ..SearchLink::default()
        };
        navigate(
            &search_path(lang.get_untracked(), &link),
            Default::default(),
        );
    });
    view! {
        <form role="search" class="search-form" on:submit=|ev| ev.prevent_default()>
            <Combobox
                id=contract::first_screen::QUERY_INPUT
                label=Signal::derive(move || t.get().search_input_label.to_owned())
                hint=Signal::derive(move || t.get().search_hint.to_owned())
                value=text
                fetch=fetch
                count_text=Signal::derive(move || t.get().results_count)
                on_pick=on_pick
                on_submit=on_submit
                button=Signal::derive(move || t.get().search_button.to_owned())
            />
        </form>
    }
}
