//! The search page (`/:lang/suche?q=…`).

use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/:lang/suche`
#[component]
pub fn SearchPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    view! {
        <Title text=move || t.get().title(t.get().search_heading)/>
        <h1>{move || t.get().search_heading}</h1>
        <p class="lead">{move || t.get().search_intro}</p>
        <form class="search-form" role="search" method="get">
            <label for="search-q">{move || t.get().search_heading}</label>
            <div class="search-row">
                <input id="search-q" name="q" type="search" autocomplete="off" prop:value=q/>
                <button type="submit">{move || t.get().nav_search}</button>
            </div>
        </form>
    }
}
