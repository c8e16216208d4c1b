//! Country names for the country part of an address, in the portal languages. A form limits
//! its addresses to some countries (`countries` of the field); without a limit the list offers
//! the countries people in Switzerland and Germany most often live in or move from.

use contract::Lang;

/// ISO 3166 alpha-2 code and name in de, fr, it, en.
const NAMES: &[(&str, [&str; 4])] = &[
    ("CH", ["Schweiz", "Suisse", "Svizzera", "Switzerland"]),
    ("DE", ["Deutschland", "Allemagne", "Germania", "Germany"]),
    ("AT", ["Österreich", "Autriche", "Austria", "Austria"]),
    (
        "LI",
        [
            "Liechtenstein",
            "Liechtenstein",
            "Liechtenstein",
            "Liechtenstein",
        ],
    ),
    ("FR", ["Frankreich", "France", "Francia", "France"]),
    ("IT", ["Italien", "Italie", "Italia", "Italy"]),
    ("BE", ["Belgien", "Belgique", "Belgio", "Belgium"]),
    ("BG", ["Bulgarien", "Bulgarie", "Bulgaria", "Bulgaria"]),
    ("CZ", ["Tschechien", "Tchéquie", "Cechia", "Czechia"]),
    ("DK", ["Dänemark", "Danemark", "Danimarca", "Denmark"]),
    ("ES", ["Spanien", "Espagne", "Spagna", "Spain"]),
    ("FI", ["Finnland", "Finlande", "Finlandia", "Finland"]),
    (
        "GB",
        [
            "Vereinigtes Königreich",
            "Royaume-Uni",
            "Regno Unito",
            "United Kingdom",
        ],
    ),
    ("GR", ["Griechenland", "Grèce", "Grecia", "Greece"]),
    ("HR", ["Kroatien", "Croatie", "Croazia", "Croatia"]),
    ("HU", ["Ungarn", "Hongrie", "Ungheria", "Hungary"]),
    ("IE", ["Irland", "Irlande", "Irlanda", "Ireland"]),
    (
        "LU",
        ["Luxemburg", "Luxembourg", "Lussemburgo", "Luxembourg"],
    ),
    (
        "NL",
        ["Niederlande", "Pays-Bas", "Paesi Bassi", "Netherlands"],
    ),
    ("NO", ["Norwegen", "Norvège", "Norvegia", "Norway"]),
    ("PL", ["Polen", "Pologne", "Polonia", "Poland"]),
    ("PT", ["Portugal", "Portugal", "Portogallo", "Portugal"]),
    ("RO", ["Rumänien", "Roumanie", "Romania", "Romania"]),
    ("SE", ["Schweden", "Suède", "Svezia", "Sweden"]),
    ("SI", ["Slowenien", "Slovénie", "Slovenia", "Slovenia"]),
    ("SK", ["Slowakei", "Slovaquie", "Slovacchia", "Slovakia"]),
    ("TR", ["Türkei", "Turquie", "Turchia", "Türkiye"]),
    ("UA", ["Ukraine", "Ukraine", "Ucraina", "Ukraine"]),
    (
        "US",
        [
            "Vereinigte Staaten",
            "États-Unis",
            "Stati Uniti",
            "United States",
        ],
    ),
];

/// The name of a country in `lang`; the code itself where it is not in the list.
pub fn name(code: &str, lang: Lang) -> String {
    let i = match lang {
        Lang::De => 0,
        Lang::Fr => 1,
        Lang::It => 2,
        Lang::En => 3,
    };
    NAMES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map_or_else(|| code.to_ascii_uppercase(), |(_, n)| n[i].to_owned())
}

/// The countries an address may be in: the form's list, or (without one) all known ones.
pub fn choices(allowed: &[String]) -> Vec<String> {
    if allowed.is_empty() {
        NAMES.iter().map(|(c, _)| (*c).to_owned()).collect()
    } else {
        allowed.iter().map(|c| c.to_ascii_uppercase()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_every_language() {
        assert_eq!(name("de", Lang::Fr), "Allemagne");
        assert_eq!(name("CH", Lang::It), "Svizzera");
        assert_eq!(name("xk", Lang::De), "XK");
        assert_eq!(choices(&["de".into()]), ["DE"]);
        assert!(choices(&[]).len() > 20);
    }
}
