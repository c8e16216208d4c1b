//! The route table and the paths of every page. Every page lives under its language: `/de/`,
//! `/fr/suche`, … Links are built here only, so that a page's address has one spelling.

use crate::components::layout::{LangLayout, Layout};
use crate::i18n::browser_lang;
use crate::pages::{
    home::HomePage, not_found::NotFoundPage, search::SearchPage, service::ServicePage,
};
use contract::Lang;
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

/// The root component: router, meta context and the chosen municipality.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::municipality::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <Layout lang=Signal::stored(browser_lang())><NotFoundPage/></Layout> }>
                <Route path=path!("/") view=|| view! { <Redirect path=format!("/{}/", browser_lang().code())/> }/>
                <ParentRoute path=path!("/:lang") view=LangLayout>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("suche") view=SearchPage/>
                    <Route path=path!("leistung/:id") view=ServicePage/>
                    <Route path=path!("*any") view=NotFoundPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Percent-encodes a path segment or query value. `:` stays readable, so that shared links
/// say `gemeinde=ch:4001` (RFC 3986 allows it in both places).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `?a=1&b=2` from the pairs whose value is present (nothing when none is).
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> String {
    let parts: Vec<String> = pairs
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", encode(v)))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// What a result list shows: words, a topic or a life situation, for a municipality.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchLink<'a> {
    /// The citizen's words (`q`).
    pub q: Option<&'a str>,
    /// A topic key (`thema`).
    pub topic: Option<&'a str>,
    /// A life situation key (`lebenslage`).
    pub life_situation: Option<&'a str>,
    /// A municipality id (`gemeinde`).
    pub municipality: Option<&'a str>,
}

/// `/de/suche?q=…&thema=…&lebenslage=…&gemeinde=…`
pub fn search_path(lang: Lang, s: &SearchLink<'_>) -> String {
    let query = query_string([
        ("q", s.q),
        ("thema", s.topic),
        ("lebenslage", s.life_situation),
        ("gemeinde", s.municipality),
    ]);
    format!("/{}/suche{query}", lang.code())
}

/// `/de/leistung/<id>?gemeinde=…` — or `?land=ch` without a municipality, so that the page shows
/// the variant of the catalogue the link came from.
pub fn service_path(
    lang: Lang,
    id: &str,
    municipality: Option<&str>,
    country: Option<&str>,
) -> String {
    let country = if municipality.is_some() {
        None
    } else {
        country
    };
    let query = query_string([("gemeinde", municipality), ("land", country)]);
    format!("/{}/leistung/{}{query}", lang.code(), encode(id))
}

/// `/de/antrag/<form>?gemeinde=…`: the online application.
pub fn form_path(lang: Lang, form: &str, municipality: Option<&str>) -> String {
    let query = query_string([("gemeinde", municipality)]);
    format!("/{}/antrag/{}{query}", lang.code(), encode(form))
}

/// The start page of a language.
pub fn home_path(lang: Lang) -> String {
    format!("/{}/", lang.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shareable() {
        let s = SearchLink {
            q: Some("hund anmelden"),
            municipality: Some("ch:4001"),
            ..SearchLink::default()
        };
        assert_eq!(
            search_path(Lang::De, &s),
            "/de/suche?q=hund%20anmelden&gemeinde=ch:4001"
        );
        assert_eq!(search_path(Lang::Fr, &SearchLink::default()), "/fr/suche");
        let topic = SearchLink {
            topic: Some("Bauen & Wohnen"),
            ..SearchLink::default()
        };
        assert_eq!(
            search_path(Lang::It, &topic),
            "/it/suche?thema=Bauen%20%26%20Wohnen"
        );
        assert_eq!(
            service_path(Lang::De, "99", Some("ch:4001"), Some("ch")),
            "/de/leistung/99?gemeinde=ch:4001"
        );
        assert_eq!(
            service_path(Lang::En, "99", None, Some("de")),
            "/en/leistung/99?land=de"
        );
        assert_eq!(form_path(Lang::De, "hund", None), "/de/antrag/hund");
    }
}
