//! The route table and the paths of every page. Every page lives under its language: `/de/`,
//! `/fr/suche`, … Links are built here only, so that a page's address has one spelling.

use crate::components::layout::{LangLayout, Layout};
use crate::i18n::browser_lang;
use crate::pages::drafts::DraftsPage;
use crate::pages::form::{
    FormShell, check::CheckPage, confirmation::ConfirmationPage, start::StartPage, step::StepPage,
};
use crate::pages::{
    home::HomePage, not_found::NotFoundPage, receipt::ReceiptPage, search::SearchPage,
    service::ServicePage,
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
                    <Route path=path!("antraege") view=DraftsPage/>
                    <Route path=path!("eingang/:reference") view=ReceiptPage/>
                    // Static segments first: a step id never shadows the check page.
                    <ParentRoute path=path!("antrag/:form") view=FormShell>
                        <Route path=path!("") view=StartPage/>
                        <Route path=path!("pruefen") view=CheckPage/>
                        // The confirmation before submitting existed: older links lead on.
                        <Route path=path!("bestaetigung") view=ConfirmationPage/>
                        <Route path=path!(":step") view=StepPage/>
                    </ParentRoute>
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

/// The URL parameter naming a draft.
pub const DRAFT_PARAM: &str = "entwurf";
/// The URL parameter saying where a step page returns to (`pruefen`: the check page).
pub const RETURN_PARAM: &str = "zurueck";
/// The URL parameter naming the field a step page opens at (with its error shown).
pub const FIELD_PARAM: &str = "feld";

/// The pages of one application: the form, the draft and the municipality, so that every
/// link between them carries the same `?entwurf=…&gemeinde=…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormLink<'a> {
    /// Page language.
    pub lang: Lang,
    /// Form id.
    pub form: &'a str,
    /// Draft id.
    pub draft: Option<&'a str>,
    /// Municipality id.
    pub municipality: Option<&'a str>,
}

impl FormLink<'_> {
    fn build(&self, page: Option<&str>, extra: [(&str, Option<&str>); 2]) -> String {
        let query = query_string(
            [(DRAFT_PARAM, self.draft), ("gemeinde", self.municipality)]
                .into_iter()
                .chain(extra),
        );
        let page = page.map(|p| format!("/{}", encode(p))).unwrap_or_default();
        format!(
            "/{}/antrag/{}{page}{query}",
            self.lang.code(),
            encode(self.form)
        )
    }

    /// `/de/antrag/<form>?entwurf=…&gemeinde=…`: the start page (with a draft: resumes it).
    pub fn start(&self) -> String {
        self.build(None, [("", None), ("", None)])
    }

    /// `/de/antrag/<form>/<step>?entwurf=…&gemeinde=…`
    pub fn step(&self, step: &str) -> String {
        self.build(Some(step), [("", None), ("", None)])
    }

    /// A step opened from the check page ("change"), which it returns to; with `field`, the
    /// page opens at that field with its error shown.
    pub fn step_from_check(&self, step: &str, field: Option<&str>) -> String {
        self.build(
            Some(step),
            [(RETURN_PARAM, Some("pruefen")), (FIELD_PARAM, field)],
        )
    }

    /// `/de/antrag/<form>/pruefen?…`: check your answers.
    pub fn check(&self) -> String {
        self.build(Some("pruefen"), [("", None), ("", None)])
    }
}

/// `/de/antraege`: the applications on this device (in progress and submitted).
pub fn drafts_path(lang: Lang) -> String {
    format!("/{}/antraege", lang.code())
}

/// `/de/eingang/<reference>`: the receipt of a submitted application (the same German
/// segment in every language, as every path here).
pub fn receipt_path(lang: Lang, reference: &str) -> String {
    format!("/{}/eingang/{}", lang.code(), encode(reference))
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

    #[test]
    fn application_pages_carry_draft_and_municipality() {
        let link = FormLink {
            lang: Lang::Fr,
            form: "hundesteuer-th",
            draft: Some("abc1"),
            municipality: Some("de:16077043"),
        };
        assert_eq!(
            link.start(),
            "/fr/antrag/hundesteuer-th?entwurf=abc1&gemeinde=de:16077043"
        );
        assert_eq!(
            link.step("hunde"),
            "/fr/antrag/hundesteuer-th/hunde?entwurf=abc1&gemeinde=de:16077043"
        );
        assert_eq!(
            link.step_from_check("hunde", Some("dogs.1.name")),
            "/fr/antrag/hundesteuer-th/hunde?entwurf=abc1&gemeinde=de:16077043&zurueck=pruefen&feld=dogs.1.name"
        );
        assert_eq!(
            link.check(),
            "/fr/antrag/hundesteuer-th/pruefen?entwurf=abc1&gemeinde=de:16077043"
        );
        let bare = FormLink {
            draft: None,
            municipality: None,
            ..link
        };
        assert_eq!(bare.check(), "/fr/antrag/hundesteuer-th/pruefen");
        assert_eq!(drafts_path(Lang::It), "/it/antraege");
        assert_eq!(
            receipt_path(Lang::Fr, "K7Q-M4T-XP9"),
            "/fr/eingang/K7Q-M4T-XP9"
        );
    }
}
