//! The catalogue's data model, shared by the importers, the search engine and the server.

use contract::Lang;
use serde::{Deserialize, Serialize};

/// Which national catalogue a service variant belongs to. A municipality's country decides
/// which variant a citizen sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Country {
    /// Switzerland (cantons, communes; ids `ch:<BFS number>`).
    Ch,
    /// Germany (Länder, Kreise, Gemeinden; ids `de:<AGS>`).
    De,
}

/// The government level that carries out a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A federal authority.
    Federal,
    /// A canton or a German Land.
    State,
    /// A Swiss district or a German Kreis.
    District,
    /// A commune / Gemeinde.
    Municipality,
}

/// A text in the portal languages; German always, the others where written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangText {
    /// German (always present).
    pub de: String,
    /// French.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    /// Italian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub it: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LangText {
    /// A German-only text.
    pub fn de(text: impl Into<String>) -> LangText {
        LangText {
            de: text.into(),
            ..LangText::default()
        }
    }

    /// The text in `lang` if written.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::De => Some(self.de.as_str()),
            Lang::Fr => self.fr.as_deref(),
            Lang::It => self.it.as_deref(),
            Lang::En => self.en.as_deref(),
        }
        .filter(|s| !s.is_empty())
    }

    /// The text in `lang`, falling back to German; the second value is the language given.
    pub fn get_or_de(&self, lang: Lang) -> (&str, Lang) {
        match self.get(lang) {
            Some(t) => (t, lang),
            None => (&self.de, Lang::De),
        }
    }
}

/// Lists of words or phrases per language (keywords, required documents).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangList {
    /// German.
    #[serde(default)]
    pub de: Vec<String>,
    /// French.
    #[serde(default)]
    pub fr: Vec<String>,
    /// Italian.
    #[serde(default)]
    pub it: Vec<String>,
    /// English.
    #[serde(default)]
    pub en: Vec<String>,
}

impl LangList {
    /// The list in `lang` (may be empty).
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::De => &self.de,
            Lang::Fr => &self.fr,
            Lang::It => &self.it,
            Lang::En => &self.en,
        }
    }

    /// The list in `lang`, falling back to German where empty.
    pub fn get_or_de(&self, lang: Lang) -> &[String] {
        let l = self.get(lang);
        if l.is_empty() { &self.de } else { l }
    }

    /// Whether no language has a word.
    pub fn is_empty(&self) -> bool {
        self.de.is_empty() && self.fr.is_empty() && self.it.is_empty() && self.en.is_empty()
    }
}

/// One service as citizens of one country see it.
///
/// The `id` is the service's stable id: the 14-digit LeiKa key for services of the LeiKa
/// catalogue (a Swiss service that is the same administrative service carries the same key),
/// `ozg-<OZG-ID>-<n>` for OZG rows "nicht im LeiKa", `ch-<slug>` for Swiss services without a
/// LeiKa equivalent. `(id, country)` is unique.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// Stable service id (see above).
    pub id: String,
    /// Which national catalogue this variant belongs to.
    pub country: Country,
    /// The official LeiKa name ("Personalausweis Ausstellung"), where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<String>,
    /// Citizen-facing title ("Personalausweis beantragen").
    pub title: LangText,
    /// One or two sentences: what this is and who needs it.
    pub summary: LangText,
    /// Further words people use for it (synonyms, colloquial, other languages' words).
    #[serde(default)]
    pub keywords: LangList,
    /// Words of a wider and less certain vocabulary (the glossary's extended part): they find
    /// the service where nothing closer does, and weigh less than its keywords.
    #[serde(default, skip_serializing_if = "LangList::is_empty")]
    pub extended_keywords: LangList,
    /// Topic (OZG Themenfeld for German services), in the portal languages.
    pub topic: LangText,
    /// Life situation (OZG Lebenslage), in the portal languages.
    pub life_situation: LangText,
    /// Which level carries it out.
    pub level: Level,
    /// What it costs, as a hint ("CHF 70.–", "ab 37 Euro").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_hint: Option<LangText>,
    /// Documents to bring or upload.
    #[serde(default)]
    pub documents: LangList,
    /// Id of the online form, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// How often citizens need it, 0 (rare) to 100 (everyday): a tie-breaker in ranking.
    #[serde(default)]
    pub popularity: u8,
}
