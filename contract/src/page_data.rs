//! The data the discovery pages ask the API for, spelled once: the app builds its requests with
//! these functions, and the server, when it sends a page, names the same request in a `Link:
//! rel=preload` header, so that the browser fetches the page's data while it is still
//! downloading the app instead of after it has started (one round trip and the server's answer
//! off the first paint of the home, result and service pages).
//!
//! The preload is only used where it is the very request the app makes, address for address;
//! [`page_request`] therefore derives it from the page's address the way the pages do.

use crate::Lang;
use crate::paths::{MUNICIPALITY_PARAM, encode, query_string};

/// Where the JSON API lives.
pub const API_BASE: &str = "/api/v1/";

/// How many results a result page asks for (the most the API gives in one list).
pub const RESULT_PAGE_LIMIT: usize = 50;

/// What a search asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest<'a> {
    /// The citizen's words (may be empty with a topic or life situation).
    pub q: &'a str,
    /// At most this many results.
    pub limit: usize,
    /// Restrict to services offered in this municipality.
    pub municipality: Option<&'a str>,
    /// Topic key.
    pub topic: Option<&'a str>,
    /// Life situation key.
    pub life_situation: Option<&'a str>,
}

/// `search?q=…&lang=…&limit=…` (under [`API_BASE`]).
pub fn search_request(lang: Lang, s: &SearchRequest<'_>) -> String {
    let limit = s.limit.max(1).to_string();
    let query = query_string([
        ("q", Some(s.q)),
        ("lang", Some(lang.code())),
        ("limit", Some(limit.as_str())),
        ("municipality", s.municipality),
        ("topic", s.topic),
        ("life_situation", s.life_situation),
    ]);
    format!("search{query}")
}

/// `services/<id>?lang=…` (under [`API_BASE`]); `country` picks the catalogue when no
/// municipality is given.
pub fn service_request(
    id: &str,
    lang: Lang,
    municipality: Option<&str>,
    country: Option<&str>,
) -> String {
    let query = query_string([
        ("lang", Some(lang.code())),
        ("municipality", municipality),
        ("country", country),
    ]);
    format!("services/{}{query}", encode(id))
}

/// `topics?lang=…` (under [`API_BASE`]): topics and life situations, for a municipality where
/// one is chosen.
pub fn topics_request(lang: Lang, municipality: Option<&str>) -> String {
    let query = query_string([("lang", Some(lang.code())), ("municipality", municipality)]);
    format!("topics{query}")
}

/// `forms/<id>?municipality=…&lang=…` (under [`API_BASE`]): the form as the municipality
/// serves it.
pub fn form_request(id: &str, municipality: Option<&str>, lang: Lang) -> String {
    let query = query_string([("municipality", municipality), ("lang", Some(lang.code()))]);
    format!("forms/{}{query}", encode(id))
}

/// A page address's parameter as the result page reads it: trimmed, and absent when empty.
pub fn page_param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// The request (under [`API_BASE`]) the page at `path` with the decoded query `params` makes
/// first, for a citizen who has no municipality stored in the browser and no draft (a first
/// visit): the home page's topics, the result page's search, the service page's detail, an
/// application page's form. `None` for any other page, and for a result page that asks for
/// nothing.
pub fn page_request(path: &str, params: &[(String, String)]) -> Option<String> {
    let path = path.strip_prefix('/')?;
    let path = path.strip_suffix('/').unwrap_or(path);
    let mut segments = path.split('/');
    let lang: Lang = segments.next()?.parse().ok()?;
    let rest: Vec<&str> = segments.collect();
    let municipality = page_param(params, MUNICIPALITY_PARAM);
    match rest.as_slice() {
        [] => Some(topics_request(lang, municipality)),
        ["suche"] => {
            let q = page_param(params, "q");
            let topic = page_param(params, "thema");
            let life_situation = page_param(params, "lebenslage");
            if q.is_none() && topic.is_none() && life_situation.is_none() {
                return None;
            }
            Some(search_request(
                lang,
                &SearchRequest {
                    q: q.unwrap_or_default(),
                    limit: RESULT_PAGE_LIMIT,
                    municipality,
                    topic,
                    life_situation,
                },
            ))
        }
        // An id written with escapes would have to be decoded first; the catalogue's ids are
        // plain (LeiKa keys, `ch-…` slugs), so such an address simply gets no preload.
        ["leistung", id] if !id.is_empty() && !id.contains('%') => Some(service_request(
            id,
            lang,
            municipality,
            page_param(params, "land"),
        )),
        ["antrag", id] | ["antrag", id, _] if !id.is_empty() && !id.contains('%') => {
            Some(form_request(id, municipality, lang))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{SearchLink, search_path, service_path};

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn each_discovery_page_names_the_request_it_starts_with() {
        assert_eq!(page_request("/de/", &[]).as_deref(), Some("topics?lang=de"));
        assert_eq!(
            page_request("/fr", &params(&[("gemeinde", "ch:4001")])).as_deref(),
            Some("topics?lang=fr&municipality=ch:4001")
        );
        assert_eq!(
            page_request(
                "/de/suche",
                &params(&[("q", "  hund anmelden "), ("gemeinde", "ch:4001")])
            )
            .as_deref(),
            Some("search?q=hund%20anmelden&lang=de&limit=50&municipality=ch:4001")
        );
        assert_eq!(
            page_request("/it/suche", &params(&[("thema", "familie"), ("q", " ")])).as_deref(),
            Some("search?lang=it&limit=50&topic=familie")
        );
        assert_eq!(
            page_request("/en/leistung/99050012104000", &params(&[("land", "de")])).as_deref(),
            Some("services/99050012104000?lang=en&country=de")
        );
        assert_eq!(
            page_request(
                "/de/antrag/hundesteuer-th/halter",
                &params(&[("gemeinde", "de:16077043")])
            )
            .as_deref(),
            Some("forms/hundesteuer-th?municipality=de:16077043&lang=de")
        );
        assert_eq!(
            page_request("/it/antrag/hundesteuer-th", &[]).as_deref(),
            Some("forms/hundesteuer-th?lang=it")
        );
    }

    #[test]
    fn other_pages_and_empty_searches_preload_nothing() {
        for path in [
            "/",
            "",
            "/xx/",
            "/de/antrag/",
            "/de/antrag/a%20b",
            "/de/antrag/a/b/c",
            "/de/konto",
            "/de/amt",
            "/de/leistung/",
            "/de/leistung/a%2Fb",
            "/de/leistung/1/2",
            "/favicon.svg",
        ] {
            assert_eq!(
                page_request(path, &params(&[("q", "pass")])),
                None,
                "{path}"
            );
        }
    }

    #[test]
    fn a_result_page_that_asks_nothing_fetches_nothing() {
        assert_eq!(page_request("/de/suche", &[]), None);
        assert_eq!(
            page_request("/de/suche", &params(&[("q", " "), ("gemeinde", "ch:1")])),
            None
        );
    }

    #[test]
    fn the_pages_own_links_lead_to_their_request() {
        // A link the app builds, read back the way the server reads an address.
        let link = search_path(
            Lang::De,
            &SearchLink {
                q: Some("pass"),
                municipality: Some("de:09162000"),
                ..SearchLink::default()
            },
        );
        let (path, query) = link.split_once('?').unwrap();
        let decoded: Vec<(String, String)> = query
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_owned(), v.to_owned())
            })
            .collect();
        assert_eq!(
            page_request(path, &decoded).as_deref(),
            Some("search?q=pass&lang=de&limit=50&municipality=de:09162000")
        );
        let service = service_path(Lang::Fr, "ch-hund", None, Some("ch"));
        let (path, query) = service.split_once('?').unwrap();
        let (k, v) = query.split_once('=').unwrap();
        assert_eq!(
            page_request(path, &params(&[(k, v)])).as_deref(),
            Some("services/ch-hund?lang=fr&country=ch")
        );
    }
}
