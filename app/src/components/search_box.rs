//! The portal's search box: services as you type, for the chosen municipality.

use crate::api::{self, SearchParams};
use crate::components::combobox::{ComboOption, Combobox, Fetch};
use crate::i18n::{use_lang, use_texts};
use crate::municipality::{query_suffix, use_municipality};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::rc::Rc;

/// The search combobox; Enter without a chosen option opens the full result list.
#[component]
pub fn SearchBox(#[prop(into)] initial: String) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let m = use_municipality();
    let navigate = use_navigate();
    let text = RwSignal::new(initial);
    let fetch: Fetch = Rc::new(move |q: String| {
        let params = SearchParams {
            q,
            municipality: m.id(),
            limit: 8,
            ..SearchParams::default()
        };
        let lang = lang.get_untracked();
        Box::pin(async move {
            api::search(&params, lang)
                .await
                .map(|r| {
                    r.results
                        .into_iter()
                        .map(|r| ComboOption {
                            meta: r.authority.map_or(r.topic, |a| a.name),
                            key: r.id,
                            label: r.title,
                            highlights: r.highlights,
                        })
                        .collect()
                })
                .map_err(|e| e.message(t.get_untracked()).to_owned())
        })
    });
    let nav = navigate.clone();
    let on_pick = Callback::new(move |o: ComboOption| {
        let url = format!(
            "/{}/leistung/{}?{}",
            lang.get_untracked().code(),
            api::encode(&o.key),
            query_suffix(&m).trim_start_matches('&')
        );
        nav(&url, Default::default());
    });
    let on_submit = Callback::new(move |q: String| {
        let url = format!(
            "/{}/suche?q={}{}",
            lang.get_untracked().code(),
            api::encode(q.trim()),
            query_suffix(&m)
        );
        navigate(&url, Default::default());
    });
    view! {
        <form role="search" class="search-form" on:submit=|ev| ev.prevent_default()>
            <Combobox
                id="q"
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
