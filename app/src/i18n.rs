//! The language of the page comes from the first URL segment; every component reads it from
//! context and takes its texts from the shared catalogue in `contract::texts`.

use contract::Lang;
use contract::texts::Texts;
use leptos::prelude::*;

/// The current page language, provided by the layout of every route.
#[derive(Clone, Copy)]
pub struct CurrentLang(pub Signal<Lang>);

/// The current language (German where no layout provided one).
pub fn use_lang() -> Signal<Lang> {
    use_context::<CurrentLang>()
        .map(|c| c.0)
        .unwrap_or_else(|| Signal::stored(Lang::default()))
}

/// The texts of the current language, as a reactive value.
pub fn use_texts() -> Signal<&'static Texts> {
    let lang = use_lang();
    Signal::derive(move || Texts::for_lang(lang.get()))
}

/// The language the browser prefers, for the start page redirect.
pub fn browser_lang() -> Lang {
    let nav = window().navigator();
    let langs = nav.languages();
    let mut accept = Vec::new();
    for i in 0..langs.length() {
        if let Some(l) = langs.get(i).as_string() {
            accept.push(l);
        }
    }
    if accept.is_empty()
        && let Some(l) = nav.language()
    {
        accept.push(l);
    }
    // Earlier entries are preferred: give them decreasing quality values.
    let list = accept
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{l};q={:.2}", 1.0 - i as f32 * 0.01))
        .collect::<Vec<_>>()
        .join(",");
    Lang::negotiate(&list).unwrap_or_default()
}

/// The same path in another language: `/de/suche?q=x` → `/fr/suche?q=x`.
pub fn switch_path(path: &str, query: &str, to: Lang) -> String {
    let rest = path
        .trim_start_matches('/')
        .split_once('/')
        .map_or("", |(_, rest)| rest);
    let q = if query.is_empty() || query.starts_with('?') {
        query.to_owned()
    } else {
        format!("?{query}")
    };
    format!("/{}/{}{}", to.code(), rest, q)
}

/// The `lang` attribute for a text shown in `shown` on a page in `page`: none where they
/// agree (a form text that falls back to German on a French page is marked `lang="de"`).
pub fn lang_attr(shown: Lang, page: Lang) -> Option<&'static str> {
    (shown != page).then(|| shown.code())
}
