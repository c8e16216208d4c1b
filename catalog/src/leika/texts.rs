//! What a citizen reads about a LeiKa service besides its title.
//!
//! The most used services have texts written for the portal (`data/leika_texts.tsv`): a German
//! description and, for many, title and description in French, Italian and English. Every other
//! service gets a description only where the catalogue's structure says something true: an
//! object's entry lists what can be done with it ("Dazu gehören: Anmeldung, Abmeldung und
//! Befreiung."), and a few Verrichtungen mean the same for every object (a status request).
//! Where nothing true can be said, the description stays empty rather than restating the title.

use crate::model::LangText;
use anyhow::{Context, bail};
use std::collections::HashMap;

/// Texts written for one service.
#[derive(Debug, Clone, Copy)]
pub struct Curated {
    /// The German description.
    pub de: &'static str,
    /// Title and description in French, Italian and English, where written.
    pub translations: Option<[(&'static str, &'static str); 3]>,
}

/// The texts shipped with the catalogue, by LeiKa key.
pub fn curated() -> anyhow::Result<HashMap<&'static str, Curated>> {
    parse(include_str!("../../data/leika_texts.tsv"))
}

/// Parses the texts file: `key`, the German description, then either nothing or title and
/// description in fr, it and en (see the file's header).
pub fn parse(text: &'static str) -> anyhow::Result<HashMap<&'static str, Curated>> {
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = || format!("leika_texts.tsv line {}", n + 1);
        let f: Vec<&str> = line.split('\t').collect();
        if f.iter().any(|s| s.trim().is_empty() || s.trim() != *s) {
            bail!("{}: an empty field or white space at a field's end", at());
        }
        let translations = match f.len() {
            2 => None,
            8 => Some([(f[2], f[3]), (f[4], f[5]), (f[6], f[7])]),
            k => bail!("{}: {k} fields, expected 2 or 8", at()),
        };
        let key = f[0];
        if key.len() != 14 || !key.bytes().all(|b| b.is_ascii_digit()) {
            bail!("{}: {key} is not a LeiKa key", at());
        }
        let previous = out.insert(
            key,
            Curated {
                de: f[1],
                translations,
            },
        );
        if previous.is_some() {
            return Err(anyhow::anyhow!("{key} twice")).with_context(at);
        }
    }
    Ok(out)
}

/// The title and description of a service: the German title given, the description written
/// for it or `generated`, and the translations where written.
pub fn texts(
    title_de: String,
    curated: Option<&Curated>,
    generated: String,
) -> (LangText, LangText) {
    let Some(c) = curated else {
        return (LangText::de(title_de), LangText::de(generated));
    };
    let mut title = LangText::de(title_de);
    let mut summary = LangText::de(c.de);
    if let Some([fr, it, en]) = c.translations {
        (title.fr, summary.fr) = (Some(fr.0.into()), Some(fr.1.into()));
        (title.it, summary.it) = (Some(it.0.into()), Some(it.1.into()));
        (title.en, summary.en) = (Some(en.0.into()), Some(en.1.into()));
    }
    (title, summary)
}

/// The Verrichtungen of each Leistungsobjekt (first 8 digits of the key), in key order:
/// "99110009" → ["Anmeldung", "Abmeldung", "Befreiung", …].
pub fn parts<'a>(
    services: impl Iterator<Item = (&'a str, &'a str)>,
    objects: &HashMap<&str, &str>,
) -> HashMap<String, Vec<&'a str>> {
    let mut found: Vec<(&str, &str)> = services
        .filter(|(key, _)| !key.ends_with("000000"))
        .filter_map(|(key, official)| Some((key, super::split_official(key, official, objects)?.0)))
        .filter(|(_, noun)| is_noun(noun))
        .collect();
    found.sort();
    let mut out: HashMap<String, Vec<&str>> = HashMap::new();
    for (key, noun) in found {
        let list = out.entry(key[..8].to_owned()).or_default();
        if !list.contains(&noun) {
            list.push(noun);
        }
    }
    out
}

/// A capitalised word of letters: a Verrichtung noun ("Anmeldung"), not a fragment ("-").
fn is_noun(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().count() > 3
        && word.chars().all(char::is_alphabetic)
}

/// The description of a service without written texts, or "" where nothing true can be said.
pub fn generated(
    key: &str,
    official: &str,
    objects: &HashMap<&str, &str>,
    parts: &HashMap<String, Vec<&str>>,
) -> String {
    if key.len() == 14 && key.ends_with("000000") {
        let list = parts.get(&key[..8]).map_or(&[][..], Vec::as_slice);
        return match list {
            [] | [_] => String::new(),
            [.., last] if list.len() <= 6 => {
                format!(
                    "Dazu gehören: {} und {last}.",
                    list[..list.len() - 1].join(", ")
                )
            }
            _ => format!(
                "Dazu gehören unter anderem: {} und {}.",
                list[..5].join(", "),
                list[5]
            ),
        };
    }
    match super::split_official(key, official, objects).map(|(noun, _)| noun) {
        Some("Statusabfrage") => "Sie erfahren, wie weit Ihr Anliegen bearbeitet ist.".into(),
        Some("Informationserteilung") => {
            "Die zuständige Stelle gibt Ihnen Auskunft und beantwortet Ihre Fragen.".into()
        }
        Some("Beratung") => "Die zuständige Stelle berät Sie.".into(),
        _ => String::new(),
    }
}
