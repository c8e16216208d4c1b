//! French typography shared by every text that interpolates a name: the preposition "de"
//! before a municipality's name elides before a vowel ("d’Aarau", "d’Yverdon-les-Bains"), and
//! the high punctuation (":", "?", "!", ";") follows a no-break space.

/// Names beginning with a mute h, before which French elides ("d’Herisau"); an h is aspirated
/// otherwise ("de Hambourg", "de Horgen"), which is the usual case for German-speaking places.
const MUTE_H: &[&str] = &["herisau", "hermance", "hérémence", "hauterive", "hautefort"];

/// French "de" followed by a name: "de Schmölln", "d’Aarau", "d’Ostermundigen".
pub fn fr_de(name: &str) -> String {
    if elides(name) {
        format!("d’{name}")
    } else {
        format!("de {name}")
    }
}

/// Whether French elides "de" (and "le", "la") before this word.
pub fn elides(word: &str) -> bool {
    let mut chars = word.chars().map(fold);
    match chars.next() {
        Some(
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'à' | 'â' | 'ä' | 'é' | 'è' | 'ê' | 'ë' | 'î' | 'ï'
            | 'ô' | 'ö' | 'ù' | 'û' | 'ü',
        ) => true,
        Some('h') => MUTE_H
            .iter()
            .any(|h| h.chars().eq(word.chars().map(fold).take(h.chars().count()))),
        _ => false,
    }
}

/// A letter in lower case as far as [`elides`] needs it: ASCII and the accented vowels of
/// French and German names. (Not `char::to_lowercase`: its tables for all of Unicode would
/// ship in the browser's discovery bundle for this one check.)
fn fold(c: char) -> char {
    match c {
        'À' => 'à',
        'Â' => 'â',
        'Ä' => 'ä',
        'É' => 'é',
        'È' => 'è',
        'Ê' => 'ê',
        'Ë' => 'ë',
        'Î' => 'î',
        'Ï' => 'ï',
        'Ô' => 'ô',
        'Ö' => 'ö',
        'Ù' => 'ù',
        'Û' => 'û',
        'Ü' => 'ü',
        c => c.to_ascii_lowercase(),
    }
}

/// Fills the first `{}` of a French pattern with `value`, eliding a "de " right before it.
pub fn fill_fr(pattern: &str, value: &str) -> String {
    match pattern.split_once("{}") {
        Some((before, after)) => match before.strip_suffix("de ") {
            Some(head) if head.is_empty() || head.ends_with(' ') => {
                format!("{head}{}{after}", fr_de(value))
            }
            _ => format!("{before}{value}{after}"),
        },
        None => pattern.to_owned(),
    }
}

/// Places in a French text where ":", "?", "!" or ";" follows something other than a
/// (narrow) no-break space, apart from URLs and times ("https://", "14:05").
pub fn french_spacing_faults(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut faults = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, ':' | '?' | '!' | ';') || i == 0 {
            continue;
        }
        let before = chars[i - 1];
        if before == '\u{202f}' || before == '\u{a0}' {
            continue;
        }
        let after = chars.get(i + 1).copied();
        // "https://", "14:05", "{n}:" in a placeholder-free pattern, "?q=" in a query string.
        let url_or_time = (c == ':' && after == Some('/'))
            || (before.is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit()))
            || (c == '?' && after.is_some_and(|a| a.is_ascii_alphanumeric()));
        if url_or_time {
            continue;
        }
        let from = i.saturating_sub(20);
        let to = (i + 5).min(chars.len());
        faults.push(chars[from..to].iter().collect());
    }
    faults
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de_elides_before_vowels_and_mute_h() {
        assert_eq!(fr_de("Aarau"), "d’Aarau");
        assert_eq!(fr_de("Yverdon-les-Bains"), "d’Yverdon-les-Bains");
        assert_eq!(fr_de("Ölten"), "d’Ölten");
        assert_eq!(fr_de("Schmölln"), "de Schmölln");
        assert_eq!(fr_de("Horgen"), "de Horgen");
        assert_eq!(fr_de("Herisau"), "d’Herisau");
        assert_eq!(fr_de("HÉRÉMENCE"), "d’HÉRÉMENCE");
        assert_eq!(fr_de("Hérémence"), "d’Hérémence");
        assert_eq!(fr_de("Héré"), "de Héré");
        assert_eq!(fr_de("Écublens"), "d’Écublens");
        assert_eq!(fr_de("Üetliberg"), "d’Üetliberg");
        assert_eq!(fr_de("Zürich"), "de Zürich");
        assert_eq!(fr_de(""), "de ");
    }

    #[test]
    fn fill_elides_only_the_preposition_de() {
        assert_eq!(
            fill_fr("Administration communale de {}", "Aarau"),
            "Administration communale d’Aarau"
        );
        assert_eq!(
            fill_fr("Administration communale de {}", "Glarus Nord"),
            "Administration communale de Glarus Nord"
        );
        assert_eq!(fill_fr("Commune {}", "Aarau"), "Commune Aarau");
        assert_eq!(
            fill_fr("Monde {}", "Aarau"),
            "Monde Aarau",
            "not the end of another word"
        );
    }

    #[test]
    fn spacing_faults_are_found_but_urls_and_times_pass() {
        assert!(
            french_spacing_faults("Service compétent\u{202f}: ici. Vraiment\u{a0}?").is_empty()
        );
        assert!(french_spacing_faults("Voir https://example.ch à 14:05.").is_empty());
        assert_eq!(french_spacing_faults("Adresse : rue").len(), 1);
        assert_eq!(french_spacing_faults("Vraiment?").len(), 1);
    }
}
