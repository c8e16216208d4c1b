//! The language of the page comes from the first URL segment; every component reads it from
//! context and takes its texts from the shared catalogue in `contract::texts`. Numbers that
//! are written differently per language (file sizes) are written here.

use contract::Lang;
use contract::account::texts::{AccountFormTexts, AccountTexts, ShellTexts};
use contract::cases::texts::StaffTexts;
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

/// The texts of the account pages in the current language.
pub fn use_account_texts() -> Signal<&'static AccountTexts> {
    let lang = use_lang();
    Signal::derive(move || AccountTexts::for_lang(lang.get()))
}

/// The account's texts on an application's pages and the receipt page, in the current
/// language (the account pages' texts dereference to these).
pub fn use_account_form_texts() -> Signal<&'static AccountFormTexts> {
    let lang = use_lang();
    Signal::derive(move || AccountFormTexts::for_lang(lang.get()))
}

/// The texts of the page shell that depend on who is signed in, in the current language.
pub fn use_shell_texts() -> Signal<&'static ShellTexts> {
    let lang = use_lang();
    Signal::derive(move || ShellTexts::for_lang(lang.get()))
}

/// The texts of clerk mode in the current language.
pub fn use_staff_texts() -> Signal<&'static StaffTexts> {
    let lang = use_lang();
    Signal::derive(move || StaffTexts::for_lang(lang.get()))
}

/// The authority administration pages' texts in the page's language.
pub fn use_admin_texts() -> Signal<&'static contract::authority::AdminTexts> {
    let lang = use_lang();
    Signal::derive(move || contract::authority::AdminTexts::for_lang(lang.get()))
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
    // Earlier entries are preferred (no quality values to write and read back: the
    // discovery bundle carries no float formatting for it).
    Lang::first_of(accept.iter().map(String::as_str)).unwrap_or_default()
}

/// The `lang` attribute for a text shown in `shown` on a page in `page`: none where they
/// agree (a form text that falls back to German on a French page is marked `lang="de"`).
pub fn lang_attr(shown: Lang, page: Lang) -> Option<&'static str> {
    (shown != page).then(|| shown.code())
}

/// A file size as people read it in `lang`: "12 KB", "1,2 MB", in French "1,2 Mo"
/// (`contract::form::inputs::file_size`, which the limits of a file question use too).
pub fn human_size(bytes: u64, lang: Lang) -> String {
    contract::form::inputs::file_size(bytes, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_people_read_them() {
        assert_eq!(human_size(0, Lang::De), "1\u{a0}KB");
        assert_eq!(human_size(12_000, Lang::De), "12\u{a0}KB");
        assert_eq!(human_size(1_300_000, Lang::De), "1,2\u{a0}MB");
        assert_eq!(human_size(1_300_000, Lang::Fr), "1,2\u{a0}Mo");
    }
}
