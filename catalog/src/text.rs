//! Text analysis for search: folding, tokenising, stemming (Snowball, via `rust-stemmers`)
//! and splitting German compounds against a vocabulary.

use contract::Lang;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;

/// Lower case; umlauts, accents and ligatures folded; `ß` → `ss`; the German transliterations
/// `ae`/`oe`/`ue` folded as well, so that "Fuehrerschein" and "Führerschein" meet.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' | 'à' | 'â' | 'á' | 'ã' => out.push('a'),
            'ö' | 'ô' | 'ó' | 'ò' => out.push('o'),
            'ü' | 'ù' | 'û' | 'ú' => out.push('u'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'ï' | 'î' | 'í' | 'ì' => out.push('i'),
            'ç' => out.push('c'),
            'ß' => out.push_str("ss"),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '’' | '\'' => out.push(' '),
            c => out.push(c),
        }
    }
    out.replace("ae", "a").replace("oe", "o").replace("ue", "u")
}

/// Words of a text, folded, with their byte ranges in the original text.
pub fn tokens_with_spans(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push_token(&mut out, text, s..i);
        }
    }
    if let Some(s) = start {
        push_token(&mut out, text, s..text.len());
    }
    out
}

fn push_token(
    out: &mut Vec<(String, std::ops::Range<usize>)>,
    text: &str,
    range: std::ops::Range<usize>,
) {
    let folded = fold(&text[range.clone()]);
    for part in folded.split_whitespace() {
        out.push((part.to_owned(), range.clone()));
    }
}

/// Words of a text, folded.
pub fn tokens(text: &str) -> Vec<String> {
    tokens_with_spans(text)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// Words too common to carry meaning in service names and queries.
pub fn is_stopword(t: &str) -> bool {
    const STOP: &[&str] = &[
        "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem",
        "einen", "und", "oder", "fur", "von", "vom", "zu", "zum", "zur", "im", "in", "an", "am",
        "auf", "aus", "bei", "mit", "nach", "uber", "fuer", "ich", "mein", "meine", "meinen",
        "wie", "was", "wo", "kann", "will", "mochte", "bzw", "sowie", "als", "le", "la", "les",
        "de", "du", "des", "un", "une", "et", "ou", "pour", "d", "l", "en", "au", "aux", "mon",
        "ma", "il", "lo", "gli", "di", "da", "e", "per", "del", "della", "dei", "un", "una", "mio",
        "mia", "the", "a", "an", "of", "for", "to", "and", "or", "my", "i", "how", "do", "get",
        "s",
    ];
    STOP.contains(&t)
}

/// Function words of a query in `lang` besides [`is_stopword`]: pronouns, auxiliary and modal
/// verbs, question words and particles that carry no meaning for a search ("bin", "est",
/// "ho", "i'm"). Only for queries: the same letters may be a content word in another language.
pub fn is_function_word(t: &str, lang: Lang) -> bool {
    const DE: &[&str] = &[
        "du", "er", "sie", "es", "wir", "ihr", "man", "mich", "mir", "dich", "dir", "uns", "euch",
        "sich", "sein", "seine", "seinen", "seiner", "ihre", "ihren", "ihrer", "unser", "unsere",
        "unseren", "unserer", "euer", "eure", "meiner", "meinem", "bin", "bist", "ist", "sind",
        "seid", "war", "waren", "gewesen", "habe", "hast", "hat", "haben", "hatte", "hatten",
        "gehabt", "werde", "wirst", "wird", "werden", "wurde", "wurden", "worden", "kann",
        "kannst", "konnen", "konnte", "muss", "musst", "mussen", "soll", "sollen", "darf",
        "durfen", "mochten", "willst", "wollen", "brauche", "brauchen", "bitte", "wann", "warum",
        "wieso", "wer", "welche", "welcher", "welches", "nicht", "kein", "keine", "dieser",
        "diese", "dieses", "dass", "ob", "wenn", "weil", "auch", "noch", "schon", "jetzt", "hier",
        "dort", "da", "so", "sehr", "ganz", "mal", "gerne", "gern", "hallo", "wegen", "einen",
        "jemand", "etwas", "was", "wo",
        // A preposition with its article ("beim Umzug", "ins Ausland"), and verbs that only
        // carry the action of a phrase ("in Rente gehen", "den Führerschein machen").
        "beim", "ins", "ans", "aufs", "furs", "ums", "gehen", "gehe", "geht", "machen", "mache",
        "macht", "tun",
        // Swiss German ("för es Fescht", "vo de Gmeind", "isch gstorbe")
        "vo", "isch", "han", "hani", "gsi", "mis", "mini", "min", "uf", "bi", "em", "dr", "bim",
        "gah", "goht",
        // Conjunctions and prepositions of time and condition ("Geld während der Ausbildung").
        "wahrend", "seit", "bis", "falls", "damit", "dann", "denn", "aber",
    ];
    const FR: &[&str] = &[
        "je", "j", "me", "m", "moi", "tu", "te", "t", "elle", "on", "nous", "vous", "ils", "elles",
        "se", "s", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos",
        "leur", "leurs", "suis", "es", "est", "sommes", "etes", "sont", "ai", "as", "a", "avons",
        "avez", "ont", "ete", "etait", "avait", "va", "vais", "vont", "allons", "comment", "ou",
        "quand", "pourquoi", "quel", "quelle", "quels", "quelles", "qui", "que", "qu", "quoi",
        "ce", "cet", "cette", "ces", "dans", "sur", "avec", "sans", "par", "pas", "ne", "plus",
        "tres", "besoin", "veux", "voudrais", "peux", "dois", "faut", "y", "eu", "eue", "avoir",
        "etre", "fait", "faire", "jusqu", "lorsqu", "puisqu", "pendant", "lors", "depuis", "si",
        "mais", "aussi", "alors",
    ];
    const IT: &[&str] = &[
        "io", "tu", "lui", "lei", "noi", "voi", "loro", "mi", "ti", "ci", "si", "vi", "miei",
        "mie", "tuo", "tua", "suo", "sua", "nostro", "nostra", "nostri", "nostre", "vostro",
        "sono", "sei", "e", "siamo", "siete", "ho", "hai", "ha", "abbiamo", "avete", "hanno",
        "stato", "stata", "era", "come", "dove", "quando", "perche", "quale", "che", "chi", "cosa",
        "questo", "questa", "il", "lo", "la", "i", "gli", "le", "uno", "nel", "nella", "con", "su",
        "non", "voglio", "vorrei", "posso", "devo", "bisogno", "serve", "al", "alla", "all", "dal",
        "dalla", "un", "l", "avuto", "avere", "essere", "fatto", "stati", "state", "dell", "nell",
        "dall", "sull", "quest", "quell", "via", "durante", "mentre", "se", "ma", "anche", "poi",
        "allora",
    ];
    const EN: &[&str] = &[
        "me", "mine", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it",
        "its", "they", "them", "their", "am", "is", "are", "was", "were", "be", "been", "being",
        "have", "has", "had", "having", "does", "did", "will", "would", "can", "could", "should",
        "must", "need", "want", "what", "where", "when", "why", "who", "which", "this", "that",
        "these", "those", "in", "on", "at", "by", "with", "from", "up", "about", "please", "m",
        "ve", "ll", "re", "d", "t", "don", "got", "getting", "just", "some", "go", "going",
        "while", "whilst", "during", "since", "until", "into", "if", "because", "also", "too",
        "very", "there", "here", "then", "than", "any",
    ];
    let list = match lang {
        Lang::De => DE,
        Lang::Fr => FR,
        Lang::It => IT,
        Lang::En => EN,
    };
    list.contains(&t)
}

/// Words naming a person by their relation to the citizen ("Vater", "my wife", "mon fils"): in
/// a query they say who something happened to, not what the citizen needs.
pub fn is_person_word(t: &str, lang: Lang) -> bool {
    const DE: &[&str] = &[
        "vater",
        "papa",
        "mutter",
        "mama",
        "sohn",
        "tochter",
        "mann",
        "ehemann",
        "frau",
        "ehefrau",
        "bruder",
        "schwester",
        "oma",
        "opa",
        "grossvater",
        "grossmutter",
        "eltern",
        "partner",
        "partnerin",
        "freund",
        "freundin",
        "onkel",
        "tante",
        "enkel",
        "enkelin",
    ];
    const FR: &[&str] = &[
        "pere", "papa", "mere", "maman", "fils", "fille", "mari", "femme", "epouse", "epoux",
        "frere", "soeur", "grand", "papi", "mamie", "parents", "ami", "amie", "oncle", "tante",
    ];
    const IT: &[&str] = &[
        "padre", "papa", "madre", "mamma", "figlio", "figlia", "marito", "moglie", "fratello",
        "sorella", "nonno", "nonna", "genitori", "amico", "amica", "zio", "zia",
    ];
    const EN: &[&str] = &[
        "dad",
        "daddy",
        "father",
        "mum",
        "mom",
        "mother",
        "son",
        "daughter",
        "husband",
        "wife",
        "brother",
        "sister",
        "grandma",
        "grandpa",
        "grandfather",
        "grandmother",
        "parents",
        "partner",
        "friend",
        "uncle",
        "aunt",
        "grandson",
        "granddaughter",
    ];
    let list = match lang {
        Lang::De => DE,
        Lang::Fr => FR,
        Lang::It => IT,
        Lang::En => EN,
    };
    list.contains(&t)
}

/// An English word in British spelling, as the catalogue writes English, where it is written
/// the American way: "-ize"/"-ization" ("organize", "naturalization"), "license" ("licence"),
/// "-or" ("labor"), "-er" ("center"), "-og" ("catalog"), a single "l" the British double
/// ("traveled", "canceling") or double the British single ("enroll", "installment"). Spelling
/// only, by rule; the search keeps what the index knows. Empty when nothing applies.
pub fn british_spellings(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if word.chars().count() < 4 || !word.is_ascii() {
        return out;
    }
    let mut push = |w: String| {
        if w != word && !out.contains(&w) {
            out.push(w);
        }
    };
    // "-ize", "-ization", "-izing", "-ized" (also "analyze").
    for (us, gb) in [
        ("iza", "isa"),
        ("ize", "ise"),
        ("izi", "isi"),
        ("yze", "yse"),
        ("yzi", "ysi"),
    ] {
        if word.contains(us) {
            push(word.replace(us, gb));
        }
    }
    // "license", "defense", "offense".
    for (us, gb) in [("licens", "licenc"), ("fense", "fence")] {
        if word.contains(us) {
            push(word.replace(us, gb));
        }
    }
    // Word endings with what may follow them.
    let endings: [(&str, &str, &[&str]); 4] = [
        ("or", "our", &["", "s", "ed", "ing", "ite", "ites", "able"]),
        ("er", "re", &["", "s"]),
        ("og", "ogue", &["", "s"]),
        ("am", "amme", &["", "s"]),
    ];
    for (us, gb, tails) in endings {
        for tail in tails {
            if let Some(base) = word.strip_suffix(&format!("{us}{tail}"))
                && base.chars().count() >= 3
            {
                push(format!("{base}{gb}{tail}"));
            }
        }
    }
    // A single "l" before an ending the British double, and a double before "-ment" or at
    // the end of "enroll", "fulfill" the British single.
    for (us, gb) in [("eled", "elled"), ("eling", "elling"), ("eler", "eller")] {
        if let Some(base) = word.strip_suffix(us) {
            push(format!("{base}{gb}"));
        }
    }
    if word.contains("llment") {
        push(word.replace("llment", "lment"));
    }
    for (us, gb) in [
        ("oll", "ol"),
        ("ill", "il"),
        ("olls", "ols"),
        ("ills", "ils"),
    ] {
        if let Some(base) = word.strip_suffix(us)
            && base.chars().count() >= 3
        {
            push(format!("{base}{gb}"));
        }
    }
    out
}

/// German verb prefixes, separable and inseparable, longest first.
pub const VERB_PREFIXES: &[&str] = &[
    "zuruck", "zusammen", "wieder", "unter", "nach", "fest", "fort", "weg", "auf", "aus", "bei",
    "ein", "mit", "vor", "uber", "ent", "ver", "zer", "um", "ab", "an", "zu", "be", "er",
];

/// The rest of a German word after a verb prefix, if it has one and the rest is a word.
pub fn strip_verb_prefix(word: &str) -> Option<(&'static str, &str)> {
    VERB_PREFIXES.iter().find_map(|p| {
        word.strip_prefix(p)
            .filter(|rest| rest.chars().count() >= 3)
            .map(|rest| (*p, rest))
    })
}

/// Whether two different words are the same verb (or its noun) with different prefixes
/// ("anmeld", "abmeld"; "zuzug", "wegzug"): opposite or different actions, not synonyms.
pub fn prefix_variants(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let root = |w: &str| strip_verb_prefix(w).map(|(_, r)| r.to_owned());
    match (root(a), root(b)) {
        (Some(x), Some(y)) => x == y,
        (Some(x), None) => x == b,
        (None, Some(y)) => y == a,
        (None, None) => false,
    }
}

/// Readings of a folded Swiss German word in standard German spelling, from the regular sound
/// and spelling correspondences of the dialects (not a word list): "-ig(s)" for "-ung(s)"
/// ("betreibig", "namensänderig"), "uu" for "au" ("uufenthalt"), "us" for "aus" at the start of
/// a word or a compound part ("uszug", "registeruszug"), "ii" for "ei" ("heimatschiin", and "ein"
/// at the start: "iibürgerig"), "aa" for "an" at the start ("aamälde"), "scht" for "st"
/// ("fescht"), "ch" for "k" at the start ("chaufe"), the plural present "-ed" for "-e(n)"
/// ("zügled"), the diminutive "-li" ("chindli"), a dropped "e" of "ge-" ("gmeind"), and
/// "ä" (folded to "a") for "e" ("mälde"). Fewest changes first; the word itself is not included.
/// The search uses a reading only where the word itself is unknown and the reading is known.
pub fn swiss_readings(word: &str) -> Vec<String> {
    if word.chars().count() < 4 || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    // Each correspondence on all its places at once; `None` where it does not apply.
    let rules: [fn(&str) -> Option<String>; 10] = [
        // "-ig" / "-igs" (before a linking "s") for "-ung" / "-ungs".
        |w| {
            let b = w.as_bytes();
            let mut out = String::with_capacity(w.len() + 4);
            let mut i = 0;
            while i < b.len() {
                if i >= 3 && b[i..].starts_with(b"ig") && (i + 2 == b.len() || b[i + 2] == b's') {
                    out.push_str("ung");
                    i += 2;
                } else {
                    out.push(b[i] as char);
                    i += 1;
                }
            }
            (out != w).then_some(out)
        },
        |w| w.contains("uu").then(|| w.replace("uu", "au")),
        // The plural present "-ed" ("mir zügled", "si mached") for the infinitive's "-e(n)".
        |w| {
            w.strip_suffix("ed")
                .filter(|b| b.len() >= 3)
                .map(|b| format!("{b}e"))
        },
        // "us" for "aus" at the start and at a part's start after a linking "s" or an "r".
        |w| {
            let mut out = match w.strip_prefix("us").filter(|r| r.len() >= 3) {
                Some(rest) => format!("aus{rest}"),
                None => w.to_owned(),
            };
            // Before the consonant that starts the rest: "uszug", "usweis", "usbildig",
            // "usgang", "usland", "usfahrt".
            for before in ["s", "r"] {
                for after in ["z", "w", "b", "g", "l", "f"] {
                    out = out.replace(
                        &format!("{before}us{after}"),
                        &format!("{before}aus{after}"),
                    );
                }
            }
            (out != w).then_some(out)
        },
        |w| {
            let out = match w.strip_prefix("ii") {
                Some(rest) => format!("ein{rest}"),
                None => w.to_owned(),
            };
            let out = out.replace("ii", "ei");
            (out != w).then_some(out)
        },
        |w| w.strip_prefix("aa").map(|r| format!("an{r}")),
        |w| w.contains("scht").then(|| w.replace("scht", "st")),
        |w| w.strip_prefix("ch").map(|r| format!("k{r}")),
        // The "e" of "ge-" dropped before a consonant ("gmeind", "gfunde").
        |w| {
            let second = w.as_bytes()[1];
            (w.starts_with('g') && b"bdfhkmpstwz".contains(&second))
                .then(|| format!("ge{}", &w[1..]))
        },
        // The diminutive "-li" / "-eli" ("chindli", "hundeli", "gärtli"): the word itself.
        |w| {
            w.strip_suffix("eli")
                .or_else(|| w.strip_suffix("li"))
                .filter(|b| b.len() >= 3)
                .map(str::to_owned)
        },
    ];
    // Readings with the number of correspondences applied.
    let mut out: Vec<(String, usize)> = vec![(word.to_owned(), 0)];
    for rule in rules {
        let more: Vec<(String, usize)> = out
            .iter()
            .filter_map(|(w, n)| rule(w).map(|r| (r, n + 1)))
            .collect();
        out.extend(more);
    }
    // "ä" for "e": each "a" of a reading in turn (a folded "ä" cannot be told from an "a").
    let mut with_e = Vec::new();
    for (w, n) in &out {
        for (i, _) in w.match_indices('a').take(4) {
            with_e.push((format!("{}e{}", &w[..i], &w[i + 1..]), n + 1));
        }
    }
    out.extend(with_e);
    out.sort_by_key(|(_, n)| *n);
    let mut seen = HashSet::new();
    out.into_iter()
        .skip(1)
        .map(|(w, _)| w)
        .filter(|w| w != word && seen.insert(w.clone()))
        .collect()
}

/// A Snowball stemmer per portal language; stems folded tokens.
pub struct Stemmers {
    de: Stemmer,
    fr: Stemmer,
    it: Stemmer,
    en: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers {
            de: Stemmer::create(Algorithm::German),
            fr: Stemmer::create(Algorithm::French),
            it: Stemmer::create(Algorithm::Italian),
            en: Stemmer::create(Algorithm::English),
        }
    }
}

impl Stemmers {
    /// The stem of a folded token in `lang`. Short words stay as they are.
    pub fn stem(&self, lang: Lang, token: &str) -> String {
        if token.chars().count() <= 3 || token.bytes().all(|b| b.is_ascii_digit()) {
            return token.to_owned();
        }
        let s = match lang {
            Lang::De => &self.de,
            Lang::Fr => &self.fr,
            Lang::It => &self.it,
            Lang::En => &self.en,
        };
        let stem = s.stem(token);
        // Snowball leaves the "-nisse(s)" of plurals and genitives ("Zeugnisses") one "s" longer
        // than the "-nis" of the word itself ("Zeugnis").
        match stem.strip_suffix("niss") {
            Some(head) if lang == Lang::De => format!("{head}nis"),
            _ => stem.into_owned(),
        }
    }
}

/// The German linking letters (Fugenelemente) between the parts of a compound, none first:
/// "hund|e|steuer", "kind|er|geld", "führung|s|zeugnis". Splitting a compound and joining words
/// written apart use the same list.
pub const LINKING_LETTERS: [&str; 7] = ["", "s", "es", "n", "en", "e", "er"];

/// Splits a folded German compound into parts that are all in `vocabulary` (each at least
/// 3 letters, optionally joined by the [`LINKING_LETTERS`]),
/// preferring the fewest parts, and of as many, the longer first parts. `None` if the word is not such a compound.
pub fn split_compound(word: &str, vocabulary: &HashSet<String>) -> Option<Vec<String>> {
    split(word, vocabulary, true)
}

/// [`split_compound`]; `longer_first` breaks ties between splits of as many parts by the
/// longer first parts, else the first found (shorter first parts) stays.
pub(crate) fn split(
    word: &str,
    vocabulary: &HashSet<String>,
    longer_first: bool,
) -> Option<Vec<String>> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 6 {
        return None;
    }
    // best[i] = fewest parts covering chars[..i]: the parts and where each ends with its link.
    type Split = (Vec<String>, Vec<usize>);
    let mut best: Vec<Option<Split>> = vec![None; n + 1];
    best[0] = Some((Vec::new(), Vec::new()));
    for i in 0..n {
        let Some((prefix, bounds)) = best[i].clone() else {
            continue;
        };
        for j in (i + 3)..=n {
            // The word itself (or its stem plus an ending) is no split.
            if i == 0 && j + 3 >= n {
                break;
            }
            let part: String = chars[i..j].iter().collect();
            if !vocabulary.contains(&part) {
                continue;
            }
            let mut parts = prefix.clone();
            parts.push(part);
            for link in LINKING_LETTERS {
                let end = j + link.chars().count();
                if end > n || chars[j..end].iter().collect::<String>() != link {
                    continue;
                }
                let mut ends = bounds.clone();
                ends.push(end);
                // Of as many parts, the longer first parts with their links
                // ("melde|register", not "meld|eregist|er"; "wohnung|s|geld", not
                // "wohn|ungsgeld"; "austritt|s|bescheinigung", not "austritt|sbescheinigung"),
                // and of those, the part over its link letter ("melde|register", not "meld|e|…").
                let better = best[end].as_ref().is_none_or(|(b, b_ends)| {
                    b.len() > parts.len()
                        || (longer_first
                            && b.len() == parts.len()
                            && (ends > *b_ends
                                || (ends == *b_ends
                                    && parts
                                        .iter()
                                        .map(String::len)
                                        .gt(b.iter().map(String::len)))))
                });
                if better {
                    best[end] = Some((parts.clone(), ends));
                }
            }
        }
    }
    best[n].take().map(|(p, _)| p).filter(|p| p.len() >= 2)
}

/// All parts of a compound, split again where a part is itself a compound
/// ("kraftfahrzeugkennzeichen" → kraft, fahrzeugkennzeichen, fahrzeug, kennzeichen), of both
/// splits of as many parts: the shorter first parts and the longer ones ("grund|ungszuschuss"
/// and "gründung|s|zuschuss"), so that a fragment the vocabulary happens to know does not hide
/// the compound's real parts.
pub fn compound_parts(word: &str, vocabulary: &HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![word.to_owned()];
    while let Some(w) = todo.pop() {
        let splits = [split(&w, vocabulary, false), split(&w, vocabulary, true)];
        for p in splits.into_iter().flatten().flatten() {
            if !out.contains(&p) {
                todo.push(p.clone());
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn american_spellings_have_their_british_form() {
        for (us, gb) in [
            ("naturalization", "naturalisation"),
            ("organize", "organise"),
            ("license", "licence"),
            ("labor", "labour"),
            ("center", "centre"),
            ("catalog", "catalogue"),
            ("program", "programme"),
            ("canceled", "cancelled"),
            ("enrollment", "enrolment"),
            ("enroll", "enrol"),
            ("installments", "instalments"),
        ] {
            assert!(british_spellings(us).contains(&gb.to_owned()), "{us}");
        }
        assert!(british_spellings("tax").is_empty());
    }

    #[test]
    fn folds_umlauts_and_transliterations_alike() {
        assert_eq!(fold("Führerschein"), fold("Fuehrerschein"));
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Carte d’identité"), "carte d identite");
        assert_eq!(fold("Großhansdorf"), "grosshansdorf");
    }

    #[test]
    fn tokens_keep_their_spans() {
        let text = "Hundesteuer – Anmeldung für Hunde";
        let toks = tokens_with_spans(text);
        assert_eq!(toks[0].0, fold("hundesteuer"));
        assert_eq!(&text[toks[1].1.clone()], "Anmeldung");
        assert_eq!(&text[toks[2].1.clone()], "für");
        assert_eq!(toks[2].0, "fur");
    }

    #[test]
    fn stems_per_language() {
        let s = Stemmers::default();
        assert_eq!(s.stem(Lang::De, "hunde"), s.stem(Lang::De, "hund"));
        assert_eq!(
            s.stem(Lang::De, "anmeldung"),
            s.stem(Lang::De, "anmeldungen")
        );
        assert_eq!(s.stem(Lang::Fr, "permis"), s.stem(Lang::Fr, "permis"));
        assert_eq!(s.stem(Lang::En, "licences"), s.stem(Lang::En, "licence"));
    }

    #[test]
    fn nis_words_keep_one_stem_in_every_case() {
        let s = Stemmers::default();
        assert_eq!(s.stem(Lang::De, "zeugnisses"), s.stem(Lang::De, "zeugnis"));
        assert_eq!(
            s.stem(Lang::De, "erlaubnisse"),
            s.stem(Lang::De, "erlaubnis")
        );
    }

    #[test]
    fn function_words_and_prefixes_per_language() {
        assert!(is_function_word("bin", Lang::De) && !is_function_word("bin", Lang::En));
        assert!(is_function_word("est", Lang::Fr) && is_function_word("ho", Lang::It));
        assert!(is_person_word("dad", Lang::En) && !is_person_word("dog", Lang::En));
        assert!(prefix_variants("anmeld", "abmeld"));
        assert!(prefix_variants("zuzug", "wegzug"));
        assert!(!prefix_variants("anmeld", "anmeld"));
        assert!(!prefix_variants("hund", "katz"));
    }

    #[test]
    fn swiss_german_spellings_have_standard_readings() {
        let r = |w: &str| swiss_readings(w);
        assert!(r("betreibigsuszug").contains(&"betreibungsauszug".to_owned()));
        assert!(r("iiburgerig").contains(&"einburgerung".to_owned()));
        assert!(r("uufenthalt").contains(&"aufenthalt".to_owned()));
        assert!(r("fescht").contains(&"fest".to_owned()));
        assert!(r("gmeind").contains(&"gemeind".to_owned()));
        assert!(r("amalde").contains(&"amelde".to_owned()));
        assert!(r("aamalde").contains(&"anmelde".to_owned()));
        assert!(r("chaufe").contains(&"kaufe".to_owned()));
        assert!(r("zugled").contains(&"zugle".to_owned()));
        assert!(r("fahruswiis").contains(&"fahrausweis".to_owned()));
        assert!(r("chindli").contains(&"kind".to_owned()));
        assert!(r("hundeli").contains(&"hund".to_owned()));
        assert!(r("mached").contains(&"mache".to_owned()));
        // Fewest changes first; the word itself is no reading.
        let h = r("hochziit");
        assert_eq!(h[0], "hochzeit");
        assert!(!h.contains(&"hochziit".to_owned()));
        assert!(r("abc").is_empty());
    }

    #[test]
    fn splits_compounds_with_linking_letters() {
        let vocab: HashSet<String> = [
            "hund",
            "steuer",
            "geburt",
            "urkunde",
            "bau",
            "genehmigung",
            "wohn",
            "sitz",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(
            split_compound("hundesteuer", &vocab).unwrap(),
            vec!["hund", "steuer"]
        );
        assert_eq!(
            split_compound("geburtsurkunde", &vocab).unwrap(),
            vec!["geburt", "urkunde"]
        );
        assert_eq!(
            split_compound("baugenehmigung", &vocab).unwrap(),
            vec!["bau", "genehmigung"]
        );
        assert_eq!(split_compound("hundehalter", &vocab), None);
        assert_eq!(split_compound("steuer", &vocab), None);
        // The stem of the whole word is in the vocabulary too: still split into its parts.
        let mut with_stem = vocab.clone();
        with_stem.insert("hundesteu".into());
        assert_eq!(
            split_compound("hundesteuer", &with_stem).unwrap(),
            vec!["hund", "steuer"]
        );
        let v2: HashSet<String> = ["kraft", "fahrzeug", "kennzeichen", "fahrzeugkennzeichen"]
            .into_iter()
            .map(String::from)
            .collect();
        let parts = compound_parts("kraftfahrzeugkennzeichen", &v2);
        assert!(
            parts.contains(&"kennzeichen".to_owned()) && parts.contains(&"fahrzeug".to_owned()),
            "{parts:?}"
        );
        // The parts of the split with the longer first parts too ("gründung|s|zuschuss"
        // beside "grund|ungszuschuss").
        let v3: HashSet<String> = ["grund", "ungszuschuss", "grundung", "zuschuss"]
            .into_iter()
            .map(String::from)
            .collect();
        let parts = compound_parts("grundungszuschuss", &v3);
        assert!(
            parts.contains(&"zuschuss".to_owned()) && parts.contains(&"grundung".to_owned()),
            "{parts:?}"
        );
    }

    #[test]
    fn compounds_split_at_an_er_link_and_prefer_longer_first_parts() {
        let vocab: HashSet<String> = [
            "kind",
            "geld",
            "melde",
            "meld",
            "register",
            "eregist",
            "wohnung",
            "wohn",
            "ungsgeld",
            "aufenthalt",
            "bestatigung",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        // "-er-" links like "-s-" ("Kind|er|geld", "Aufenthalt|er|bestätigung").
        assert_eq!(
            split_compound("kindergeld", &vocab).unwrap(),
            vec!["kind", "geld"]
        );
        assert_eq!(
            split_compound("aufenthalterbestatigung", &vocab).unwrap(),
            vec!["aufenthalt", "bestatigung"]
        );
        // Of as many parts, the longer first parts win over fragments.
        assert_eq!(
            split_compound("melderegister", &vocab).unwrap(),
            vec!["melde", "register"]
        );
        assert_eq!(
            split_compound("wohnungsgeld", &vocab).unwrap(),
            vec!["wohnung", "geld"]
        );
        // A linking "s" stays with the part before it.
        let v3: HashSet<String> = ["kirchenaustritt", "bescheinigung", "sbescheinigung"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(
            split_compound("kirchenaustrittsbescheinigung", &v3).unwrap(),
            vec!["kirchenaustritt", "bescheinigung"]
        );
    }
}
