//! The start page: the question "what do you need to do?" and the search box.

use crate::i18n::{use_lang, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/:lang/`
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <Title text=move || t.get().title(t.get().nav_home)/>
        <h1>{move || t.get().home_heading}</h1>
        <p class="lead">{move || t.get().home_intro}</p>
        <form class="search-form" role="search" method="get" action=move || format!("/{}/suche", lang.get().code())>
            <label for="home-q">{move || t.get().search_heading}</label>
            <div class="search-row">
                <input id="home-q" name="q" type="search" autocomplete="off"/>
                <button type="submit">{move || t.get().nav_search}</button>
            </div>
        </form>
    }
}
