//! Search vocabulary: words that should find each other.
//!
//! Four sources, each with its own weight:
//! - Schalter's own list (`data/synonyms.txt`): colloquial and regional words, precise (0.9).
//! - Schalter's life events (`data/life_events.tsv`): what citizens say when something happens
//!   to them (a birth, a death, a move, a lost job), in de/fr/it/en, leading to the catalogue's
//!   words for the services it brings (0.6).
//! - the City of Zurich's de-CH clusters (`synonyms_de-CH.json`): broad topic pools (0.35).
//! - the City of Zurich's life situations (`lebenslagen_zh.json`): their keywords in en/fr/it
//!   lead to the German keywords of the same situation (0.4), a bridge between languages.

use crate::text::{Stemmers, fold, tokens};
use anyhow::Context;
use contract::Lang;
use std::collections::HashMap;

/// Expansions of a folded, stemmed word: other stems with a weight in (0, 1].
#[derive(Debug, Default, Clone)]
pub struct Synonyms {
    map: HashMap<String, Vec<(String, f32)>>,
    /// Keys that are words of another language only (not German compound parts).
    foreign: std::collections::HashSet<String>,
}

/// Schalter's own list, shipped with the catalogue.
pub const OWN: &str = include_str!("../data/synonyms.txt");

/// Schalter's life events, shipped with the catalogue.
pub const LIFE_EVENTS: &str = include_str!("../data/life_events.tsv");

impl Synonyms {
    /// Builds the vocabulary from named sources: `zh-synonyms` and `zh-lebenslagen` (the JSON
    /// files of that name); Schalter's own list is always included.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> anyhow::Result<Synonyms> {
        let stemmers = Stemmers::default();
        let mut syn = Synonyms::default();
        syn.add_own(OWN, &stemmers);
        syn.add_life_events(LIFE_EVENTS, &stemmers)
            .context("life_events.tsv")?;
        for (name, json) in sources {
            match name {
                "zh-synonyms" => syn
                    .add_zh_clusters(json, &stemmers)
                    .context("zh-synonyms")?,
                "zh-lebenslagen" => syn
                    .add_zh_lebenslagen(json, &stemmers)
                    .context("zh-lebenslagen")?,
                other => anyhow::bail!("unknown vocabulary source {other}"),
            }
        }
        Ok(syn)
    }

    /// Every German word (stem) that has expansions.
    pub fn words(&self) -> impl Iterator<Item = &String> {
        self.map.keys().filter(|k| !self.foreign.contains(*k))
    }

    /// The expansions of a stem (not including itself).
    pub fn expand(&self, stem: &str) -> &[(String, f32)] {
        self.map.get(stem).map_or(&[], Vec::as_slice)
    }

    fn link(&mut self, from: &str, to: &str, weight: f32) {
        if from == to || from.is_empty() || to.is_empty() {
            return;
        }
        let list = self.map.entry(from.to_owned()).or_default();
        match list.iter_mut().find(|(t, _)| t == to) {
            Some(entry) => entry.1 = entry.1.max(weight),
            None => list.push((to.to_owned(), weight)),
        }
    }

    fn stems_of(phrase: &str, lang: Lang, stemmers: &Stemmers) -> Vec<String> {
        tokens(phrase)
            .into_iter()
            .filter(|t| t.len() >= 2 && !crate::text::is_stopword(t))
            .map(|t| stemmers.stem(lang, &t))
            .collect()
    }

    fn add_own(&mut self, text: &str, stemmers: &Stemmers) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words = |s: &str| -> Vec<String> {
                s.split(',')
                    .map(|w| stemmers.stem(Lang::De, &fold(w.trim())))
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            if let Some((from, to)) = line.split_once("=>") {
                let (from, to) = (words(from), words(to));
                for f in &from {
                    for t in &to {
                        self.link(f, t, 0.9);
                    }
                }
            } else {
                let all = words(line);
                for a in &all {
                    for b in &all {
                        self.link(a, b, 0.9);
                    }
                }
            }
        }
    }

    fn add_life_events(&mut self, tsv: &str, stemmers: &Stemmers) -> anyhow::Result<()> {
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            anyhow::ensure!(f.len() == 5, "line {}: expected five fields", n + 1);
            let words = |s: &str, lang: Lang| -> Vec<String> {
                // A hyphenated word ("nouveau-né") is one word, written joined as the search
                // reads it.
                s.split(',')
                    .map(|w| fold(w.trim()).replace('-', ""))
                    .filter(|w| !w.is_empty())
                    .map(|w| stemmers.stem(lang, &w))
                    .collect()
            };
            let anchors = words(f[0], Lang::De);
            anyhow::ensure!(!anchors.is_empty(), "line {}: no catalogue words", n + 1);
            for (field, lang) in f[1..].iter().zip([Lang::De, Lang::Fr, Lang::It, Lang::En]) {
                for w in words(field, lang) {
                    if lang != Lang::De && !self.map.contains_key(&w) {
                        self.foreign.insert(w.clone());
                    }
                    for a in &anchors {
                        self.link(&w, a, 0.6);
                    }
                }
            }
        }
        Ok(())
    }

    fn add_zh_clusters(&mut self, json: &str, stemmers: &Stemmers) -> anyhow::Result<()> {
        #[derive(serde::Deserialize)]
        struct File {
            clusters: Vec<Cluster>,
        }
        #[derive(serde::Deserialize)]
        struct Cluster {
            terms: Vec<String>,
        }
        let file: File = serde_json::from_str(json)?;
        for c in file.clusters {
            let stems: Vec<String> = c
                .terms
                .iter()
                .flat_map(|t| Self::stems_of(t, Lang::De, stemmers))
                .collect();
            for a in &stems {
                for b in &stems {
                    // A topic pool holds opposite actions on one thing ("anmelden",
                    // "abmelden"): verbs that differ only in their prefix are not synonyms.
                    if !crate::text::prefix_variants(a, b) {
                        self.link(a, b, 0.35);
                    }
                }
            }
        }
        Ok(())
    }

    fn add_zh_lebenslagen(&mut self, json: &str, stemmers: &Stemmers) -> anyhow::Result<()> {
        #[derive(serde::Deserialize)]
        struct File {
            lebenslagen: Vec<Entry>,
        }
        #[derive(serde::Deserialize)]
        struct Entry {
            i18n: HashMap<String, Locale>,
        }
        #[derive(serde::Deserialize)]
        struct Locale {
            #[serde(default)]
            stichworte: Vec<String>,
        }
        let file: File = serde_json::from_str(json)?;
        for e in file.lebenslagen {
            let Some(de) = e.i18n.get("de") else { continue };
            let german: Vec<String> = de
                .stichworte
                .iter()
                .flat_map(|t| Self::stems_of(t, Lang::De, stemmers))
                .collect();
            for (code, lang) in [("en", Lang::En), ("fr", Lang::Fr), ("it", Lang::It)] {
                let Some(loc) = e.i18n.get(code) else {
                    continue;
                };
                for phrase in &loc.stichworte {
                    for foreign in Self::stems_of(phrase, lang, stemmers) {
                        for g in &german {
                            self.link(&foreign, g, 0.4);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(name: &str) -> String {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/data/zh-lebenslagen-synonyms")
                .join(name),
        )
        .unwrap()
    }

    fn syn() -> Synonyms {
        let (a, b) = (shared("synonyms_de-CH.json"), shared("lebenslagen_zh.json"));
        Synonyms::from_sources([("zh-synonyms", a.as_str()), ("zh-lebenslagen", b.as_str())])
            .unwrap()
    }

    fn has(s: &Synonyms, from: &str, to: &str) -> Option<f32> {
        let st = Stemmers::default();
        let (f, t) = (st.stem(Lang::De, &fold(from)), st.stem(Lang::De, &fold(to)));
        s.expand(&f).iter().find(|(x, _)| *x == t).map(|(_, w)| *w)
    }

    #[test]
    fn own_words_are_precise_and_directed() {
        let s = syn();
        assert_eq!(has(&s, "perso", "personalausweis"), Some(0.9));
        assert_eq!(has(&s, "personalausweis", "perso"), None, "directed");
        assert_eq!(has(&s, "zügeln", "wohnsitz"), Some(0.9));
        assert_eq!(has(&s, "hochzeit", "eheschließung"), Some(0.9));
        assert_eq!(
            has(&s, "eheschliessung", "hochzeit"),
            Some(0.9),
            "undirected"
        );
    }

    #[test]
    fn zurich_clusters_are_weak_links() {
        let s = syn();
        assert_eq!(has(&s, "kehricht", "recycling"), Some(0.35));
    }

    #[test]
    fn life_situations_bridge_languages() {
        let s = syn();
        let st = Stemmers::default();
        let dog = st.stem(Lang::En, "dog");
        assert!(
            s.expand(&dog)
                .iter()
                .any(|(t, _)| *t == st.stem(Lang::De, "hund")),
            "{:?}",
            s.expand(&dog)
        );
    }

    #[test]
    fn life_events_lead_from_everyday_words_to_the_catalogue() {
        let s = syn();
        let st = Stemmers::default();
        let leads = |word: &str, lang: Lang, to: &str| {
            s.expand(&st.stem(lang, &fold(word)))
                .iter()
                .any(|(t, w)| *t == st.stem(Lang::De, &fold(to)) && *w == 0.6)
        };
        assert!(leads("funeral", Lang::En, "sterbefall"));
        assert!(leads("baby", Lang::En, "geburt"));
        assert!(leads("déménagement", Lang::Fr, "umzug"));
        assert!(leads("disoccupazione", Lang::It, "arbeitslosengeld"));
        assert!(leads("Sofa", Lang::De, "sperrmüll"));
        // Foreign words are not German compound parts.
        let funeral = st.stem(Lang::En, "funeral");
        assert!(s.words().all(|w| *w != funeral));
    }

    #[test]
    fn unknown_sources_are_refused() {
        assert!(Synonyms::from_sources([("nope", "{}")]).is_err());
    }
}
