//! Word forms a stemmer cannot join: German strong and irregular verbs (`data/de_verbs.tsv`),
//! the regular German participle ("angemeldet" → "anmelden"), separable verbs split over a
//! sentence ("ich ziehe um" → "umziehen"), and word families in every portal language
//! (`data/word_families.tsv`: "lost" → "lose", "loss"; "décédé" → "décès").
//!
//! Everything here is general vocabulary from the grammar of each language; the search looks
//! up what a query word may stand for and keeps only what the index knows.

use crate::text::{fold, is_person_word};
use contract::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Separable verb particles: written apart at the end of a German clause ("ich melde mich ab").
pub const SEPARABLE: &[&str] = &[
    "zuruck", "zusammen", "wieder", "nach", "fest", "fort", "heim", "weg", "auf", "aus", "bei",
    "ein", "mit", "vor", "los", "her", "hin", "um", "ab", "an", "zu",
];

/// Multi-word expressions (folded) that stand for one word, per language: phrasal verbs and
/// idioms of the life events (general vocabulary, from the grammar and usage of each language).
const PHRASES: &[(Lang, &str, &str)] = &[
    (Lang::En, "passed away", "died"),
    (Lang::En, "pass away", "die"),
    (Lang::En, "passing away", "death"),
    (Lang::En, "gave birth", "birth"),
    (Lang::En, "give birth", "birth"),
    (Lang::En, "giving birth", "birth"),
    (Lang::En, "laid off", "redundant"),
    (Lang::En, "tie the knot", "marry"),
    (Lang::En, "tied the knot", "married"),
    (Lang::En, "broke up", "separation"),
    (Lang::En, "split up", "separation"),
    (Lang::En, "set up", "start"),
    (Lang::En, "setting up", "start"),
    (Lang::En, "sign up", "register"),
    (Lang::En, "signed up", "register"),
    (Lang::En, "signing up", "register"),
    (Lang::En, "moving out", "moving"),
    (Lang::En, "moved out", "moved"),
    (Lang::En, "move out", "move"),
    (Lang::En, "moving in", "moving"),
    (Lang::En, "moved in", "moved"),
    (Lang::En, "move in", "move"),
    (Lang::Fr, "mis a la porte", "licencie"),
    (Lang::Fr, "faire venir", "regroupement"),
    (Lang::It, "fare venire", "ricongiungimento"),
    (Lang::Fr, "nous a quittes", "deces"),
    (Lang::Fr, "mettre au monde", "naissance"),
    (Lang::Fr, "mis au monde", "naissance"),
    (Lang::It, "venuto a mancare", "morto"),
    (Lang::It, "venuta a mancare", "morta"),
    (Lang::It, "e mancato", "morto"),
    (Lang::It, "e mancata", "morta"),
    (Lang::It, "messo al mondo", "nascita"),
    (Lang::It, "dato alla luce", "nascita"),
    (Lang::De, "ums leben gekommen", "gestorben"),
    (Lang::De, "zur welt gekommen", "geboren"),
    (Lang::De, "auf die welt gekommen", "geboren"),
    (Lang::De, "von uns gegangen", "gestorben"),
    (Lang::De, "antrag stellen", "beantragen"),
    (Lang::De, "antrag gestellt", "beantragt"),
    (Lang::De, "antrag stelle", "beantragen"),
    (Lang::De, "verloren gegangen", "verloren"),
    (Lang::De, "verloren gehen", "verlieren"),
    (Lang::De, "abhanden gekommen", "verloren"),
    (Lang::Fr, "cherche du travail", "chomage"),
    (Lang::Fr, "chercher du travail", "chomage"),
    (Lang::Fr, "cherche un emploi", "chomage"),
    (Lang::Fr, "chercher un emploi", "chomage"),
    (Lang::It, "senza lavoro", "disoccupato"),
    (Lang::It, "cerco lavoro", "disoccupato"),
    (Lang::En, "looking for work", "unemployed"),
    (Lang::En, "looking for a job", "unemployed"),
];

/// Inseparable verb prefixes: their participle has no "ge-" ("beantragt", "verkauft").
const INSEPARABLE: &[&str] = &["miss", "emp", "ent", "ver", "zer", "be", "er", "ge"];

/// A German verb: its infinitive and the nouns made from it.
#[derive(Debug, Clone)]
struct Verb {
    infinitive: String,
    nouns: Vec<String>,
}

/// The word-form tables, parsed once.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Folded form of a strong or irregular German verb → the verbs it may be a form of.
    strong: HashMap<String, Vec<usize>>,
    verbs: Vec<Verb>,
    /// Per language ([`Lang::index`]), folded word → the other folded words of its family.
    families: [HashMap<String, Vec<String>>; 4],
}

impl Lexicon {
    /// The tables shipped with the catalogue.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::parse(
                include_str!("../data/de_verbs.tsv"),
                include_str!("../data/word_families.tsv"),
            )
            .expect("the word-form tables are well-formed (checked by the tests)")
        })
    }

    /// Parses the verb table and the family table.
    pub fn parse(verbs_tsv: &str, families_tsv: &str) -> Result<Lexicon, String> {
        let mut lx = Lexicon::default();
        for (n, line) in verbs_tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if f.len() != 5 || f[..4].iter().any(|s| s.is_empty()) {
                return Err(format!("de_verbs.tsv line {}: expected five fields", n + 1));
            }
            let infinitive = fold(f[0]);
            let Some(base) = infinitive
                .strip_suffix("en")
                .or_else(|| infinitive.strip_suffix('n'))
                .map(str::to_owned)
            else {
                return Err(format!("de_verbs.tsv line {}: not an infinitive", n + 1));
            };
            let nouns = f[4]
                .split(',')
                .map(|w| fold(w.trim()))
                .filter(|w| !w.is_empty() && w != "-")
                .collect();
            let id = lx.verbs.len();
            lx.verbs.push(Verb {
                infinitive: infinitive.clone(),
                nouns,
            });
            let mut forms = vec![infinitive.clone()];
            for end in ["e", "st", "t", "et", "end"] {
                forms.push(format!("{base}{end}"));
            }
            if f[1] != "-" {
                let third = fold(f[1]);
                if let Some(stem) = third.strip_suffix('t') {
                    forms.push(format!("{stem}st"));
                }
                forms.push(third);
            }
            let past = fold(f[2]);
            for end in ["", "e", "en", "st", "t", "n"] {
                forms.push(format!("{past}{end}"));
            }
            let participle = fold(f[3]);
            for end in ["", "e", "en", "er", "es", "em"] {
                forms.push(format!("{participle}{end}"));
            }
            for form in forms {
                let e = lx.strong.entry(form).or_default();
                if !e.contains(&id) {
                    e.push(id);
                }
            }
        }
        for (n, line) in families_tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((code, words)) = line.split_once('\t') else {
                return Err(format!("word_families.tsv line {}: no language", n + 1));
            };
            let lang: Lang = code
                .trim()
                .parse()
                .map_err(|_| format!("word_families.tsv line {}: language {code:?}", n + 1))?;
            let words: Vec<String> = words
                .split(',')
                .map(|w| fold(w.trim()).replace('-', ""))
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() < 2 {
                return Err(format!("word_families.tsv line {}: one word only", n + 1));
            }
            let map = &mut lx.families[lang.index()];
            for w in &words {
                let e = map.entry(w.clone()).or_default();
                for other in &words {
                    if other != w && !e.contains(other) {
                        e.push(other.clone());
                    }
                }
            }
        }
        Ok(lx)
    }

    /// Whether a folded word is one of the tables' words in `lang` (a real word, not a typo).
    pub fn knows(&self, lang: Lang, word: &str) -> bool {
        self.families[lang.index()].contains_key(word)
            || (lang == Lang::De && self.strong.contains_key(word))
    }

    /// Folded query words with the multi-word expressions of `lang` that mean one word
    /// ("passed away" → "died", "zur Welt gekommen" → "geboren") replaced by that word.
    pub fn rewrite_phrases(&self, lang: Lang, words: Vec<String>) -> Vec<String> {
        let phrases = PHRASES
            .iter()
            .filter(|(l, _, _)| *l == lang)
            .map(|(_, p, w)| (p.split(' ').collect::<Vec<_>>(), *w));
        let mut out = words;
        for (phrase, word) in phrases {
            let n = phrase.len();
            let mut i = 0;
            while i + n <= out.len() {
                if out[i..i + n].iter().zip(&phrase).all(|(a, b)| a == b) {
                    out.splice(i..i + n, [word.to_owned()]);
                }
                i += 1;
            }
        }
        // "passed" said of a person ("my grandmother passed", "dad has passed") is "died".
        if lang == Lang::En {
            for i in 1..out.len() {
                let person = |j: usize| is_person_word(&out[j], lang);
                let said_of = person(i - 1)
                    || (i >= 2
                        && ["has", "had", "just"].contains(&out[i - 1].as_str())
                        && person(i - 2));
                if out[i] == "passed" && said_of {
                    out[i] = "died".to_owned();
                }
            }
        }
        out
    }

    /// The other words of a folded word's family in `lang`.
    pub fn family(&self, lang: Lang, word: &str) -> &[String] {
        self.families[lang.index()]
            .get(word)
            .map_or(&[], Vec::as_slice)
    }

    /// What a folded German word form may stand for: verbs' infinitives and the nouns made from
    /// them ("umgezogen" → "umziehen", "umzug"; "abgemeldet" → "abmelden", "abmeldung").
    pub fn german_lemmas(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.strong_lemmas(word, "", &mut out);
        for p in SEPARABLE {
            if let Some(rest) = word.strip_prefix(p).filter(|r| r.chars().count() >= 4) {
                self.strong_lemmas(rest, p, &mut out);
            }
        }
        if out.is_empty() {
            weak_participle(word, &mut out);
        }
        out.retain(|w| w != word);
        out
    }

    /// A verb form with its separable particle written apart at the clause end ("ziehe … um",
    /// "melde … ab"): the whole verb's infinitive and nouns.
    pub fn with_particle(&self, word: &str, particle: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.strong_lemmas(word, particle, &mut out);
        if out.is_empty() {
            // A weak verb: its present or past stem ("melde", "meldete" → "meld").
            let stem = ["eten", "ete", "est", "en", "et", "st", "e", "t"]
                .iter()
                .find_map(|end| word.strip_suffix(end).filter(|s| s.chars().count() >= 3))
                .unwrap_or(word);
            out.push(format!("{particle}{stem}en"));
            out.push(format!("{particle}{stem}ung"));
        }
        out
    }

    fn strong_lemmas(&self, form: &str, prefix: &str, out: &mut Vec<String>) {
        for &id in self.strong.get(form).into_iter().flatten() {
            let v = &self.verbs[id];
            out.push(format!("{prefix}{}", v.infinitive));
            for n in &v.nouns {
                out.push(format!("{prefix}{n}"));
            }
        }
    }
}

/// The regular participle: "angemeldet" → "anmelden", "anmeldung"; "beantragt" →
/// "beantragen"; "deponierte" → "deponieren".
fn weak_participle(word: &str, out: &mut Vec<String>) {
    let mut cores = vec![word];
    for end in ["e", "en", "er", "es", "em"] {
        if let Some(c) = word.strip_suffix(end).filter(|c| c.ends_with('t')) {
            cores.push(c);
        }
    }
    for core in cores {
        for end in ["et", "t"] {
            let Some(root) = core.strip_suffix(end) else {
                continue;
            };
            let (prefix, rest) = SEPARABLE
                .iter()
                .find_map(|p| {
                    root.strip_prefix(p)
                        .filter(|r| r.starts_with("ge"))
                        .map(|r| (*p, r))
                })
                .unwrap_or(("", root));
            let verb = if let Some(r) = rest.strip_prefix("ge").filter(|r| r.chars().count() >= 3) {
                format!("{prefix}{r}")
            } else if prefix.is_empty()
                && (INSEPARABLE.iter().any(|p| root.starts_with(p)) || root.ends_with("ier"))
                && root.chars().count() >= 5
            {
                root.to_owned()
            } else {
                continue;
            };
            out.push(format!("{verb}en"));
            out.push(format!("{verb}ung"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_parse() {
        let lx = Lexicon::embedded();
        assert!(lx.verbs.len() >= 140, "{} strong verbs", lx.verbs.len());
        assert!(Lexicon::parse("gehen\t-\tging\n", "").is_err());
        assert!(Lexicon::parse("", "xx\ta, b\n").is_err());
        assert!(Lexicon::parse("", "en\tlonely\n").is_err());
    }

    #[test]
    fn strong_verbs_lead_to_their_infinitive_and_nouns() {
        let lx = Lexicon::embedded();
        let umgezogen = lx.german_lemmas("umgezogen");
        assert!(umgezogen.contains(&"umziehen".to_owned()), "{umgezogen:?}");
        assert!(umgezogen.contains(&"umzug".to_owned()), "{umgezogen:?}");
        assert!(lx.german_lemmas("verloren").contains(&"verlust".to_owned()));
        assert!(
            lx.german_lemmas("gestohlen")
                .contains(&"diebstahl".to_owned())
        );
        assert!(lx.german_lemmas("geboren").contains(&"geburt".to_owned()));
        assert!(lx.german_lemmas("starb").contains(&"sterben".to_owned()));
        assert!(lx.german_lemmas("gefunden").contains(&"fund".to_owned()));
        // A particle written apart: "wir zogen … um".
        assert!(
            lx.with_particle("zogen", "um")
                .contains(&"umzug".to_owned())
        );
        assert!(
            lx.with_particle("melde", "ab")
                .contains(&"abmelden".to_owned())
        );
    }

    #[test]
    fn regular_participles_lead_to_verb_and_noun() {
        let lx = Lexicon::embedded();
        let l = lx.german_lemmas("abgemeldet");
        assert!(l.contains(&"abmelden".to_owned()) && l.contains(&"abmeldung".to_owned()));
        assert!(
            lx.german_lemmas("angemeldete")
                .contains(&"anmelden".to_owned())
        );
        assert!(
            lx.german_lemmas("beantragt")
                .contains(&"beantragen".to_owned())
        );
        assert!(
            lx.german_lemmas("geheiratet")
                .contains(&"heiraten".to_owned())
        );
        assert!(
            lx.german_lemmas("deponiert")
                .contains(&"deponieren".to_owned())
        );
        assert!(lx.german_lemmas("hund").is_empty());
    }

    #[test]
    fn families_join_irregular_forms_in_every_language() {
        let lx = Lexicon::embedded();
        assert!(lx.family(Lang::En, "lost").contains(&"loss".to_owned()));
        assert!(lx.family(Lang::En, "died").contains(&"death".to_owned()));
        assert!(lx.family(Lang::Fr, "decede").contains(&"deces".to_owned()));
        assert!(lx.family(Lang::It, "nato").contains(&"nascita".to_owned()));
        assert!(lx.family(Lang::De, "lost").is_empty(), "per language");
    }

    #[test]
    fn phrases_become_their_word() {
        let lx = Lexicon::embedded();
        let words = |t: &str| t.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            lx.rewrite_phrases(Lang::En, words("my mum passed away")),
            words("my mum died")
        );
        assert_eq!(
            lx.rewrite_phrases(Lang::En, words("my grandmother passed")),
            words("my grandmother died")
        );
        assert_eq!(
            lx.rewrite_phrases(Lang::En, words("exam passed")),
            words("exam passed")
        );
        assert_eq!(
            lx.rewrite_phrases(Lang::De, words("passed away")),
            words("passed away"),
            "per language"
        );
        assert!(lx.knows(Lang::Fr, "vivre") && !lx.knows(Lang::Fr, "xyzzy"));
    }
}
