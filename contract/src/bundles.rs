//! Which of the app's bundles answers an address. The browser app ships as three WebAssembly
//! bundles built from one crate, so that a first visit downloads only what its page needs:
//! [`Bundle::Discovery`] (the home page, the search and the service pages), [`Bundle::Forms`]
//! (filling in an application, the drafts and the receipt page) and [`Bundle::Full`]
//! (everything, including the account and clerk pages, and the page for unknown addresses).
//!
//! [`bundle_for_path`] is the one rule: the server sends the shell of that bundle for a page
//! address, and a bundle that is asked (by a link followed inside it) for an address it does
//! not own loads that address as a new page, so that the server picks the right bundle.

use crate::Lang;

/// One of the app's WebAssembly bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bundle {
    /// The home page, the search results and the service pages.
    Discovery,
    /// An application (start, steps, check, confirmation), the drafts and the receipt page.
    Forms,
    /// Every page: the account and clerk pages, and unknown addresses.
    Full,
}

impl Bundle {
    /// Every bundle.
    pub const ALL: [Bundle; 3] = [Bundle::Discovery, Bundle::Forms, Bundle::Full];

    /// The HTML shell of the bundle in the built app's folder.
    pub fn shell(self) -> &'static str {
        match self {
            Bundle::Discovery => "discovery.html",
            Bundle::Forms => "forms.html",
            Bundle::Full => "index.html",
        }
    }
}

/// The bundle that shows the page at `path` (the URL's path, without query or fragment).
///
/// A page is given to [`Bundle::Discovery`] or [`Bundle::Forms`] only where that bundle has
/// its route; every other address, a known page or not, goes to [`Bundle::Full`].
pub fn bundle_for_path(path: &str) -> Bundle {
    let path = path.strip_prefix('/').unwrap_or(path);
    let path = path.strip_suffix('/').unwrap_or(path);
    if path.is_empty() {
        // `/`: the redirect to the browser's language.
        return Bundle::Discovery;
    }
    let segments: Vec<&str> = path.split('/').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Bundle::Full;
    }
    let Some((lang, rest)) = segments.split_first() else {
        return Bundle::Full;
    };
    if lang.parse::<Lang>().is_err() {
        return Bundle::Full;
    }
    match rest {
        [] | ["suche"] | ["leistung", _] => Bundle::Discovery,
        ["antraege"] | ["eingang", _] | ["antrag", _] | ["antrag", _, _] => Bundle::Forms,
        _ => Bundle::Full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Addresses of the discovery bundle's pages.
    const DISCOVERY: &[&str] = &[
        "/",
        "//",
        "/de",
        "/de/",
        "/fr/",
        "/EN/",
        "/de/suche",
        "/it/suche/",
        "/de/leistung/lk:99050012104000",
        "/en/leistung/ch-ag%3Ahund/",
    ];

    /// Addresses of the forms bundle's pages.
    const FORMS: &[&str] = &[
        "/de/antraege",
        "/de/antraege/",
        "/de/eingang/SCH-2026-ABCD-EFGH",
        "/fr/antrag/hundeanmeldung",
        "/fr/antrag/hundeanmeldung/",
        "/de/antrag/hundeanmeldung/halter",
        "/de/antrag/hundeanmeldung/pruefen",
        "/DE/antrag/hundeanmeldung/pruefen/",
        "/en/antrag/hundeanmeldung/bestaetigung",
    ];

    /// Addresses only the full app shows.
    const FULL: &[&str] = &[
        "/de/konto",
        "/de/konto/anmelden",
        "/fr/konto/postfach",
        "/de/amt",
        "/de/amt/fall/SCH-2026-ABCD-EFGH",
        "/de/amt/formulare/hundeanmeldung",
        // Unknown addresses: the full app's page for them.
        "/xx/",
        "/xx/suche",
        "/deutsch/",
        "/de/unbekannt",
        "/de/leistung",
        "/de/leistung/a/b",
        "/de/eingang",
        "/de/antrag",
        "/de/antrag/a/b/c",
        "/de//suche",
        "/de/suche//",
        "/de//",
    ];

    #[test]
    fn discovery_pages() {
        for path in DISCOVERY {
            assert_eq!(bundle_for_path(path), Bundle::Discovery, "{path}");
        }
    }

    #[test]
    fn forms_pages() {
        for path in FORMS {
            assert_eq!(bundle_for_path(path), Bundle::Forms, "{path}");
        }
    }

    #[test]
    fn everything_else_is_the_full_app() {
        for path in FULL {
            assert_eq!(bundle_for_path(path), Bundle::Full, "{path}");
        }
    }

    /// The service worker answers an address never seen before, offline, with its bundle's
    /// shell: its two patterns must say what [`bundle_for_path`] says.
    #[test]
    fn the_service_workers_patterns_agree() {
        let worker = include_str!("../../app/sw.js");
        let pattern = |name: &str| {
            let line = worker
                .lines()
                .find_map(|l| l.strip_prefix(&format!("const {name} = /")))
                .unwrap_or_else(|| panic!("app/sw.js has no {name}"));
            let source = line
                .strip_suffix("/i;")
                .expect("a case-insensitive pattern");
            regex::Regex::new(&format!("(?i){source}")).expect("a pattern the regex crate reads")
        };
        let discovery = pattern("DISCOVERY_PAGE");
        let forms = pattern("FORMS_PAGE");
        for path in DISCOVERY.iter().chain(FORMS).chain(FULL) {
            let worker_says = match (discovery.is_match(path), forms.is_match(path)) {
                (true, false) => Bundle::Discovery,
                (false, true) => Bundle::Forms,
                (false, false) => Bundle::Full,
                (true, true) => panic!("{path} matches both patterns"),
            };
            assert_eq!(worker_says, bundle_for_path(path), "{path}");
        }
    }

    #[test]
    fn every_bundle_has_its_own_shell() {
        let shells: std::collections::HashSet<&str> =
            Bundle::ALL.into_iter().map(Bundle::shell).collect();
        assert_eq!(shells.len(), Bundle::ALL.len());
        assert_eq!(Bundle::Full.shell(), "index.html");
    }
}
