//! The addresses of the portal's pages that others link to: the search and the service pages.
//! The app builds its links with these, and the server with the same functions where it links
//! into the portal (the embeddable search widget), so that a page's address has one spelling.

use crate::Lang;

/// The URL parameter naming the citizen's municipality (`?gemeinde=ch:4001`).
pub const MUNICIPALITY_PARAM: &str = "gemeinde";

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
        (MUNICIPALITY_PARAM, s.municipality),
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
    let query = query_string([(MUNICIPALITY_PARAM, municipality), ("land", country)]);
    format!("/{}/leistung/{}{query}", lang.code(), encode(id))
}

/// `/de/antrag/<form>?gemeinde=…`: the online application.
pub fn form_path(lang: Lang, form: &str, municipality: Option<&str>) -> String {
    let query = query_string([(MUNICIPALITY_PARAM, municipality)]);
    format!("/{}/antrag/{}{query}", lang.code(), encode(form))
}

/// The pages of clerk mode, under `/<lang>/amt/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffPage {
    /// `/de/amt`: the inbox.
    Inbox,
    /// `/de/amt/anmelden`.
    SignIn,
    /// `/de/amt/schalter`: entering an application for someone at the counter.
    Counter,
    /// `/de/amt/einstellungen`: the authority's settings (its administrators).
    Settings,
    /// `/de/amt/team`: the authority's staff and their roles (its administrators).
    Team,
    /// `/de/amt/leistungen`: the municipality's services and the office contact (its
    /// administrators).
    Services,
    /// `/de/amt/formulare`: the municipality's forms and its adaptations (its administrators).
    Forms,
    /// `/de/amt/zahlungen`: the account fees are paid to (its administrators).
    Payments,
    /// `/de/amt/zugang`: a new staff member sets up password and authenticator app (the
    /// invitation's link, with its token in the fragment).
    Setup,
}

/// The address of a clerk-mode page.
pub fn staff_path(lang: Lang, page: StaffPage) -> String {
    match page {
        StaffPage::Inbox => format!("/{}/amt", lang.code()),
        StaffPage::SignIn => format!("/{}/amt/anmelden", lang.code()),
        StaffPage::Counter => format!("/{}/amt/schalter", lang.code()),
        StaffPage::Settings => format!("/{}/amt/einstellungen", lang.code()),
        StaffPage::Team => format!("/{}/amt/team", lang.code()),
        StaffPage::Services => format!("/{}/amt/leistungen", lang.code()),
        StaffPage::Forms => format!("/{}/amt/formulare", lang.code()),
        StaffPage::Payments => format!("/{}/amt/zahlungen", lang.code()),
        StaffPage::Setup => format!("/{}/amt/zugang", lang.code()),
    }
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
