//! The four portal languages.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language the portal speaks. The URL of every page starts with its code (`/de/…`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German, the default.
    #[default]
    De,
    /// French.
    Fr,
    /// Italian.
    It,
    /// English.
    En,
}

impl Lang {
    /// Every portal language, in the order the language switch shows them.
    pub const ALL: [Lang; 4] = [Lang::De, Lang::Fr, Lang::It, Lang::En];

    /// The position in [`Lang::ALL`]: the row of a table with one entry per language.
    pub const fn index(self) -> usize {
        match self {
            Lang::De => 0,
            Lang::Fr => 1,
            Lang::It => 2,
            Lang::En => 3,
        }
    }

    /// The ISO 639-1 code used in URLs, `lang` attributes and the API.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, as a language switch must show it.
    pub const fn endonym(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
            Lang::It => "Italiano",
            Lang::En => "English",
        }
    }

    /// The first portal language in a list of language tags in order of preference (a
    /// browser's `navigator.languages`: `["fr-CH", "fr", "en"]`); `None` if none is one.
    pub fn first_of<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        tags.into_iter().find_map(Lang::of_tag)
    }

    /// The portal language of a language tag's primary subtag (`"fr-CH"` → French).
    fn of_tag(tag: &str) -> Option<Lang> {
        tag.trim().split(['-', '_']).next()?.parse().ok()
    }

    /// Picks the best portal language from an `Accept-Language` style list
    /// (`"fr-CH, fr;q=0.9, en;q=0.8"`), honouring quality values; `None` if nothing matches.
    pub fn negotiate(accept: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for part in accept.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::of_tag(tag)
                && q > 0.0
                && best.is_none_or(|(_, bq)| q > bq)
            {
                best = Some((lang, q));
            }
        }
        best.map(|(lang, _)| lang)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error for a language code the portal does not offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang;

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown language; expected one of de, fr, it, en")
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s))
            .ok_or(UnknownLang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_portal_language_of_a_browsers_list() {
        assert_eq!(Lang::first_of(["fr-CH", "fr", "en"]), Some(Lang::Fr));
        assert_eq!(
            Lang::first_of(["es-ES", "rm", "it_CH", "de"]),
            Some(Lang::It)
        );
        assert_eq!(Lang::first_of([" EN-gb"]), Some(Lang::En));
        assert_eq!(Lang::first_of(["es", "pt-BR"]), None);
        assert_eq!(Lang::first_of([]), None);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
            assert_eq!(lang.code().to_uppercase().parse::<Lang>(), Ok(lang));
        }
        assert_eq!("rm".parse::<Lang>(), Err(UnknownLang));
        assert_eq!("".parse::<Lang>(), Err(UnknownLang));
    }

    #[test]
    fn negotiates_by_quality() {
        assert_eq!(Lang::negotiate("fr-CH, fr;q=0.9, en;q=0.8"), Some(Lang::Fr));
        assert_eq!(Lang::negotiate("rm, it;q=0.5, en;q=0.7"), Some(Lang::En));
        assert_eq!(Lang::negotiate("de-DE"), Some(Lang::De));
        assert_eq!(Lang::negotiate("es, pt"), None);
        assert_eq!(Lang::negotiate("en;q=0, it"), Some(Lang::It));
    }

    #[test]
    fn serialises_as_code() {
        assert_eq!(serde_json::to_string(&Lang::It).unwrap(), "\"it\"");
        assert_eq!(serde_json::from_str::<Lang>("\"en\"").unwrap(), Lang::En);
    }
}
