//! The page for addresses that do not exist.

use crate::i18n::{use_lang, use_texts};
use crate::paths::home_path;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for every unknown address, in the language of the URL (or the browser's).
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <Title text=move || t.get().title(t.get().not_found_heading)/>
        <h1>{move || t.get().not_found_heading}</h1>
        <p>{move || t.get().not_found_body}</p>
        <p><a href=move || home_path(lang.get())>{move || t.get().not_found_home}</a></p>
    }
}
