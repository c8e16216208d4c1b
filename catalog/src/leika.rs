//! The German LeiKa/OZG catalogue (`ozg_leika_services.csv`) as citizen services.
//!
//! The LeiKa key has three parts: digits 1–8 the Leistungsobjekt ("Personalausweis"), 9–11
//! the Verrichtung ("Ausstellung"), 12–14 a detail ("erstmalig"). The official name strings
//! them together ("Personalausweis Ausstellung erstmalig"); citizens say "Personalausweis
//! beantragen". The citizen title is generated from that structure: the object's own name, a
//! verb for the Verrichtung, and the detail in brackets. What a citizen reads besides the title
//! (descriptions, and titles in other languages) comes from the `texts` module.

use crate::model::{Country, LangList, Level, Service};
use crate::text::{Stemmers, fold, tokens};
use anyhow::Context;
use contract::Lang;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

mod texts;

/// Verrichtung nouns and what a citizen does: "Ausstellung" → "beantragen".
const VERBS: &[(&str, &str)] = &[
    ("Erteilung", "beantragen"),
    ("Gewährung", "beantragen"),
    ("Ausstellung", "beantragen"),
    ("Bewilligung", "beantragen"),
    ("Genehmigung", "beantragen"),
    ("Erlaubnis", "beantragen"),
    ("Ausgabe", "erhalten"),
    ("Zulassung", "beantragen"),
    ("Zuteilung", "beantragen"),
    ("Förderung", "beantragen"),
    ("Bescheinigung", "beantragen"),
    ("Bestätigung", "beantragen"),
    ("Erstattung", "beantragen"),
    ("Anerkennung", "anerkennen lassen"),
    ("Eintragung", "eintragen lassen"),
    ("Registrierung", "registrieren lassen"),
    ("Beglaubigung", "beglaubigen lassen"),
    ("Beurkundung", "beurkunden lassen"),
    ("Prüfung", "prüfen lassen"),
    ("Verlängerung", "verlängern"),
    ("Änderung", "ändern"),
    ("Berichtigung", "berichtigen lassen"),
    ("Umtausch", "umtauschen"),
    ("Ersatz", "ersetzen lassen"),
    ("Anmeldung", "anmelden"),
    ("Abmeldung", "abmelden"),
    ("Ummeldung", "ummelden"),
    ("Meldung", "melden"),
    ("Anzeige", "anzeigen"),
    ("Löschung", "löschen lassen"),
    ("Auskunft", "Auskunft erhalten"),
    ("Informationserteilung", "Auskunft erhalten"),
    ("Einsicht", "einsehen"),
    ("Befreiung", "Befreiung beantragen"),
    ("Beratung", "Beratung erhalten"),
    ("Bestellung", "bestellen"),
    ("Aufnahme", "Aufnahme beantragen"),
    ("Zahlung", "zahlen"),
    ("Widerruf", "widerrufen"),
    ("Entsorgung", "entsorgen"),
    ("Abnahme", "abnehmen lassen"),
    ("Sperrung", "sperren lassen"),
    ("Festsetzung", "Festsetzung"),
    ("Statusabfrage", "Bearbeitungsstand abfragen"),
    ("Feststellung", "feststellen lassen"),
    ("Ermittlung", "ermitteln lassen"),
    ("Auszug", "Auszug erhalten"),
];

/// Curated titles (`data/leika_titles.tsv`) that replace generated ones.
fn curated_titles() -> HashMap<&'static str, &'static str> {
    include_str!("../data/leika_titles.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

/// Object names whose services a German Kreis (district) carries out rather than the town.
const DISTRICT_OBJECTS: &[&str] = &[
    "führerschein",
    "fahrerlaubnis",
    "fahrzeug",
    "kraftfahrzeug",
    "kfz",
    "kennzeichen",
    "jagd",
    "waffe",
    "aufenthalt",
    "einbürgerung",
    "staatsangehörigkeit",
    "bauaufsicht",
    "baugenehmigung",
    "bauantrag",
    "lebensmittel",
    "veterinär",
    "tierseuche",
    "gesundheitsamt",
    "unterhaltsvorschuss",
    "elterngeld",
    "wohngeld",
    "jugendamt",
    "pflegekind",
    "adoption",
    "eingliederungshilfe",
    "schwerbehindert",
    "fischerei",
];

/// Lebenslagen most citizens meet: their services rank higher among equals.
const FREQUENT: &[&str] = &[
    "Wohnen & Umzug",
    "Geburt",
    "Eheschließung",
    "Führerschein",
    "Kfz-Besitz",
    "Steuererklärung",
    "Tod",
    "Kinderbetreuung",
    "Schule",
    "Tierhaltung",
    "Querschnitt Bürger",
    "Abfall & Umweltschutz",
    "Auslandsaufenthalt",
    "Fischen & Jagen",
    "Engagement & Beteiligung",
    "Bauen & Immobilien",
];

#[derive(Debug, serde::Deserialize)]
struct Row {
    leika_schluessel: String,
    leistung: String,
    leika_typ: String,
    ozg_id: String,
    ozg_leistung: String,
    lebenslage: String,
    themenfeld: String,
}

/// The glossary (`data/glossary.tsv`): folded German stem → translations per language, and
/// whether the entry belongs to the extended part (after the line `## extended`: the wider
/// vocabulary of the catalogue's less frequent subjects, whose words weigh less).
pub struct Glossary(HashMap<String, (bool, [Vec<String>; 3])>);

/// The line that starts the glossary's extended part.
const EXTENDED_PART: &str = "## extended";

impl Glossary {
    /// The glossary shipped with the catalogue.
    pub fn embedded(stemmers: &Stemmers) -> Glossary {
        let mut map = HashMap::new();
        let mut extended = false;
        for line in include_str!("../data/glossary.tsv").lines() {
            if line.starts_with(EXTENDED_PART) {
                extended = true;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 4 {
                continue;
            }
            let split = |s: &str| {
                s.split(',')
                    .map(|w| w.trim().to_owned())
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            let key = stemmers.stem(Lang::De, &fold(f[0]));
            map.insert(key, (extended, [split(f[1]), split(f[2]), split(f[3])]));
        }
        Glossary(map)
    }

    /// Translations for the words (and compound parts) of a German text: those of the
    /// glossary's main part, and those only its extended part gives.
    pub fn translate(&self, stems: &[String]) -> [[Vec<String>; 3]; 2] {
        let mut out: [[Vec<String>; 3]; 2] = Default::default();
        for s in stems {
            if let Some((extended, tr)) = self.0.get(s) {
                for (o, t) in out[usize::from(*extended)].iter_mut().zip(tr) {
                    for w in t {
                        if !o.contains(w) {
                            o.push(w.clone());
                        }
                    }
                }
            }
        }
        let [main, extended] = &mut out;
        for (e, m) in extended.iter_mut().zip(main.iter()) {
            e.retain(|w| !m.contains(w));
        }
        out
    }

    /// The German stems the glossary knows (used as a compound-splitting vocabulary too).
    pub fn stems(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }
}

/// Reads the catalogue file.
pub fn load(csv_path: &Path) -> anyhow::Result<Vec<Service>> {
    let file =
        std::fs::File::open(csv_path).with_context(|| format!("reading {}", csv_path.display()))?;
    from_reader(file)
}

/// Reads the catalogue from any reader (CSV with the columns of `ozg_leika_services.csv`).
pub fn from_reader(reader: impl Read) -> anyhow::Result<Vec<Service>> {
    let mut rows = Vec::new();
    for row in csv::Reader::from_reader(reader).deserialize::<Row>() {
        rows.push(row?);
    }
    let objects: HashMap<&str, &str> = rows
        .iter()
        .filter(|r| is_key(&r.leika_schluessel) && r.leika_schluessel.ends_with("000000"))
        .map(|r| (&r.leika_schluessel[..8], r.leistung.as_str()))
        .collect();
    let areas = crate::areas::Areas::embedded();
    let curated = curated_titles();
    let written = texts::curated()?;
    let parts = texts::parts(
        rows.iter()
            .map(|r| (r.leika_schluessel.as_str(), r.leistung.as_str())),
        &objects,
    );
    let stemmers = Stemmers::default();
    let glossary = Glossary::embedded(&stemmers);
    let mut unlisted: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id = if is_key(&r.leika_schluessel) {
            r.leika_schluessel.clone()
        } else {
            let n = unlisted.entry(r.ozg_id.as_str()).or_default();
            *n += 1;
            format!("ozg-{}-{}", r.ozg_id, n)
        };
        let title = curated.get(r.leika_schluessel.as_str()).map_or_else(
            || citizen_title(&r.leika_schluessel, &r.leistung, &objects),
            |t| (*t).to_owned(),
        );
        let level = level(&r.leika_typ, &r.leistung);
        let stems: Vec<String> = tokens(&format!("{} {}", r.leistung, r.ozg_leistung))
            .iter()
            .map(|t| stemmers.stem(Lang::De, t))
            .collect();
        let [[fr, it, en], [extended_fr, extended_it, extended_en]] = glossary.translate(&stems);
        let mut popularity: u8 = 30;
        if FREQUENT.contains(&r.lebenslage.as_str()) {
            popularity += 30;
        }
        if r.leika_schluessel.ends_with("000") {
            popularity += 10;
        }
        if r.leika_typ == "1" {
            popularity = popularity.saturating_sub(10);
        }
        let written = written.get(r.leika_schluessel.as_str());
        let generated = match written {
            Some(_) => String::new(),
            None => texts::generated(&r.leika_schluessel, &r.leistung, &objects, &parts),
        };
        let (title, summary) = texts::texts(title, written, generated);
        let (topic, life_situation) = areas.place(&r.themenfeld, &r.lebenslage);
        out.push(Service {
            id,
            country: Country::De,
            official_name: Some(r.leistung.clone()),
            title,
            summary,
            keywords: LangList {
                de: vec![r.ozg_leistung.clone()],
                fr,
                it,
                en,
            },
            extended_keywords: LangList {
                de: Vec::new(),
                fr: extended_fr,
                it: extended_it,
                en: extended_en,
            },
            topic,
            life_situation,
            level,
            fee_hint: None,
            documents: LangList::default(),
            form: None,
            popularity,
        });
    }
    Ok(out)
}

fn is_key(k: &str) -> bool {
    k.len() == 14 && k.bytes().all(|b| b.is_ascii_digit())
}

/// "Personalausweis Ausstellung erstmalig" → "Personalausweis beantragen (erstmalig)".
fn citizen_title(key: &str, official: &str, objects: &HashMap<&str, &str>) -> String {
    let Some((verb_noun, detail)) = split_official(key, official, objects) else {
        return official.to_owned();
    };
    let object = objects[&key[..8]];
    match VERBS.iter().find(|(noun, _)| *noun == verb_noun) {
        Some((_, verb)) => {
            let base = if verb.chars().next().is_some_and(char::is_uppercase) {
                format!("{object}: {verb}")
            } else {
                format!("{object} {verb}")
            };
            if detail.is_empty() {
                base
            } else {
                format!("{base} ({detail})")
            }
        }
        None => official.to_owned(),
    }
}

/// "Personalausweis Ausstellung erstmalig" → ("Ausstellung", "erstmalig"): the Verrichtung
/// noun and the detail after the object's own name, where the name starts with it.
fn split_official<'a>(
    key: &str,
    official: &'a str,
    objects: &HashMap<&str, &str>,
) -> Option<(&'a str, &'a str)> {
    let object = objects.get(key.get(..8).filter(|_| is_key(key))?)?;
    if !official.starts_with(object) || official.len() <= object.len() {
        return None;
    }
    let rest = official[object.len()..]
        .trim_start_matches([' ', '-', '–'])
        .trim();
    Some(rest.split_once(' ').unwrap_or((rest, "")))
}

fn level(typ: &str, official: &str) -> Level {
    let name = official.to_lowercase();
    match typ.trim() {
        "1" => Level::Federal,
        _ if DISTRICT_OBJECTS.iter().any(|o| name.starts_with(o)) => Level::District,
        "6" => Level::State,
        _ => Level::Municipality,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Service> {
        load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/data/ozg-leika-services/ozg_leika_services.csv"),
        )
        .unwrap()
    }

    #[test]
    fn every_row_becomes_a_service_with_a_unique_id() {
        let services = all();
        assert_eq!(services.len(), 5249);
        let mut ids: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 5249);
        assert_eq!(
            services.iter().filter(|s| s.id.starts_with("ozg-")).count(),
            436
        );
    }

    #[test]
    fn the_glossary_extended_part_gives_extended_keywords() {
        let services = all();
        let get = |id: &str| services.iter().find(|s| s.id == id).unwrap();
        // "Hundesteuer": the glossary's main part (Hund, Steuer) gives keywords.
        let dog_tax = get("99102013000000");
        assert!(
            dog_tax.keywords.en.iter().any(|k| k == "dog"),
            "{:?}",
            dog_tax.keywords
        );
        assert!(dog_tax.extended_keywords.en.iter().all(|k| k != "dog"));
        // "Prozesskostenhilfe Bewilligung": only the extended part knows it.
        let legal_aid = get("99046008000000");
        assert!(
            legal_aid
                .extended_keywords
                .en
                .iter()
                .any(|k| k == "legal aid"),
            "{:?}",
            legal_aid.extended_keywords
        );
        assert!(legal_aid.keywords.en.iter().all(|k| k != "legal aid"));
        // A word both parts give stays a keyword only.
        for s in &services {
            for (k, l) in [
                (&s.keywords.fr, &s.extended_keywords.fr),
                (&s.keywords.it, &s.extended_keywords.it),
                (&s.keywords.en, &s.extended_keywords.en),
            ] {
                assert!(l.iter().all(|w| !k.contains(w)), "{}: {w:?}", s.id, w = l);
            }
        }
    }

    #[test]
    fn titles_speak_like_citizens() {
        let services = all();
        let title = |id: &str| {
            services
                .iter()
                .find(|s| s.id == id)
                .unwrap()
                .title
                .de
                .clone()
        };
        assert_eq!(title("99008001012000"), "Personalausweis beantragen");
        assert_eq!(title("99110009104001"), "Kampfhund anmelden");
        assert_eq!(
            title("99110009029001"),
            "Hundehaltung prüfen lassen (Verhaltensprüfung)"
        );
        assert_eq!(title("99115005104000"), "Wohnsitz anmelden");
        assert_eq!(
            title("99085001036002"),
            "Reisepass ersetzen lassen (wegen Verlust)"
        );
        assert_eq!(title("99102013000000"), "Hundesteuer");
        assert_eq!(
            title("99036008007000"),
            "Fahrzeug zulassen (Kfz-Zulassung)",
            "curated"
        );
        assert_eq!(
            title("99008001015000"),
            "Personalausweis: Bearbeitungsstand abfragen"
        );
        // Every curated key is a real catalogue key.
        for key in curated_titles().keys() {
            assert!(services.iter().any(|s| s.id == *key), "{key}");
        }
        let s = services.iter().find(|s| s.id == "99008001012000").unwrap();
        assert_eq!(
            s.official_name.as_deref(),
            Some("Personalausweis Ausstellung")
        );
    }

    #[test]
    fn levels_topics_and_translations() {
        let services = all();
        let get = |id: &str| services.iter().find(|s| s.id == id).unwrap();
        assert_eq!(get("99115005104000").level, Level::Municipality);
        assert_eq!(
            get("99023001051000").level,
            Level::District,
            "Führerschein: the Kreis"
        );
        assert_eq!(get("99021010058000").level, Level::Federal);
        let dog = get("99102013000000");
        assert!(
            dog.keywords.en.iter().any(|k| k == "dog tax"),
            "{:?}",
            dog.keywords.en
        );
        assert!(dog.keywords.fr.iter().any(|k| k.contains("chien")));
        assert_eq!(dog.topic.de, "Tiere");
        assert_eq!(dog.topic.fr.as_deref(), Some("Animaux"));
        assert!(
            get("99008001012000")
                .keywords
                .fr
                .iter()
                .any(|k| k == "carte d'identité")
        );
    }

    #[test]
    fn written_texts_parse_and_name_real_services() {
        let written = texts::curated().unwrap();
        assert!(written.len() >= 250, "{} services described", written.len());
        let translated = written
            .values()
            .filter(|c| c.translations.is_some())
            .count();
        assert!(translated >= 120, "{translated} services translated");
        let services = all();
        for key in written.keys() {
            assert!(
                services.iter().any(|s| s.id == *key),
                "{key} is not in the catalogue"
            );
        }
        // A wrong number of fields, a half translation or a key that is no key are refused.
        assert!(texts::parse("99008001012000\tText\tTitre\n").is_err());
        assert!(texts::parse("9900800\tText\n").is_err());
        assert!(texts::parse("99008001012000\t\n").is_err());
        assert!(texts::parse("99008001012000\tA\n99008001012000\tB\n").is_err());
    }

    #[test]
    fn written_services_read_in_every_language_given() {
        let written = texts::curated().unwrap();
        let services = all();
        for (key, c) in &written {
            let s = services.iter().find(|s| s.id == *key).unwrap();
            assert_eq!(s.summary.de, c.de, "{key}");
            let Some(tr) = c.translations else {
                assert_eq!(s.title.get(Lang::Fr), None, "{key}: no French title");
                continue;
            };
            for (lang, (title, summary)) in [Lang::Fr, Lang::It, Lang::En].into_iter().zip(tr) {
                // Title and description come in the same language, so the page marks both alike.
                assert_eq!(s.title.get(lang), Some(title), "{key} {lang:?}");
                assert_eq!(s.summary.get(lang), Some(summary), "{key} {lang:?}");
            }
            // French: a narrow no-break space before : ; ? ! and never a plain one.
            let fr = format!("{} {}", tr[0].0, tr[0].1);
            for (i, ch) in fr.char_indices().filter(|(_, ch)| ":;?!".contains(*ch)) {
                assert!(
                    fr[..i].ends_with('\u{202f}'),
                    "{key}: «{ch}» without a narrow no-break space in {fr}"
                );
            }
        }
    }

    #[test]
    fn descriptions_say_something_true_or_nothing() {
        let services = all();
        let written = texts::curated().unwrap();
        for s in &services {
            assert!(
                !s.summary.de.contains("Teil der Verwaltungsleistung"),
                "{}: {}",
                s.id,
                s.summary.de
            );
            // Never the title once more, never the official name as a sentence.
            assert_ne!(s.summary.de, s.title.de, "{}", s.id);
            assert_ne!(Some(&s.summary.de), s.official_name.as_ref(), "{}", s.id);
        }
        // An object's entry lists what can be done with it, in the catalogue's words.
        let get = |id: &str| services.iter().find(|s| s.id == id).unwrap();
        let water_book = get("99129010000000");
        assert!(!written.contains_key("99129010000000"));
        assert!(water_book.summary.de.starts_with("Dazu gehören: "));
        for part in ["Eintragung", "Löschung", "Einsicht"] {
            assert!(
                water_book.summary.de.contains(part),
                "{}",
                water_book.summary.de
            );
        }
        // A status request means the same for every object.
        assert_eq!(
            get("99012008015000").summary.de,
            "Sie können bei der Bauaufsichtsbehörde nachfragen, wie weit Ihr Bauantrag bearbeitet ist.",
            "written"
        );
        assert!(!written.contains_key("99036012015000"));
        assert!(get("99036012015000").summary.de.contains("wie weit"));
        // Where nothing true can be said: no description at all.
        let unsaid = services.iter().filter(|s| s.summary.de.is_empty()).count();
        assert!(unsaid > 0 && unsaid < services.len());
    }

    #[test]
    fn a_french_search_shows_the_french_title() {
        use crate::search::{SearchIndex, SearchQuery};
        let synonyms = crate::synonyms::Synonyms::from_sources([]).unwrap();
        let index = SearchIndex::build(all(), &synonyms).unwrap();
        let hits = index.search(&SearchQuery {
            text: "déclarer un chien",
            lang: Lang::Fr,
            country: Some(Country::De),
            allowed: None,
            limit: 5,
        });
        let first = &index.services()[hits[0].index];
        let written = texts::curated().unwrap();
        let [(fr_title, _), ..] = written[first.id.as_str()].translations.unwrap();
        assert_eq!(first.title.get_or_de(Lang::Fr), (fr_title, Lang::Fr));
        assert!(fr_title.contains("chien"), "{fr_title}");
    }
}
