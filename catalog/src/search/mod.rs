//! The search engine: citizens' words in, services out.
//!
//! Why our own index rather than a search library: the whole catalogue (~5,300 service
//! variants, ~20k distinct stems) fits in a few megabytes of memory, and what decides quality
//! here is query understanding — German compounds in both directions, Swiss and colloquial
//! synonyms, typos, as-you-type prefixes, French/Italian/English words reaching German-only
//! entries — which a general engine such as tantivy would need as custom query expansion
//! anyway. The language work uses maintained crates: Snowball stemmers (`rust-stemmers`) and
//! Damerau–Levenshtein distance (`strsim`); the index is a plain inverted index with
//! field-weighted idf scoring, and stays well under a millisecond per query.
//!
//! How a query is read: each word becomes a *concept* with weighted *variants*: its stems in
//! the query language and in German, its compound parts, typo corrections (edit distance 1,
//! 2 for long words), synonyms, and — for the last word while typing — completions. A service
//! scores, per concept, its best variant (weight × idf × field weight), summed over concepts
//! and multiplied by the squared share of concepts it matched.
//!
//! Before that, function words of the query language are dropped ("bin", "est", "ho"), words
//! written apart that the catalogue writes as one compound are joined ("führungs zeugnis"), and
//! a separable particle at the clause end goes back to its verb ("ziehe … um"). Each word's
//! variants include what the [`crate::lexicon`] says it stands for (strong verbs, participles,
//! word families: "umgezogen" → "umzug", "died" → "death"); a word naming a person ("Vater")
//! counts less than the others. A concept's close variants share one idf (the most frequent
//! one's), so a rare spelling of a meaning does not outweigh the common one.
//!
//! The words themselves are read as the catalogue writes them: a hyphenated word the vocabulary
//! knows stays one ("nouveau-né", whose "né" is no negation), and a German word unknown as it
//! stands is read in standard spelling where a Swiss German one is ("betreibigsuszug" →
//! "betreibungsauszug": regular sound correspondences, see [`crate::text::swiss_readings`]).
//!
//! Words and compounds the index does not know are read as far as they can be: multi-word
//! expressions become their word ("passed away" → "died"); a compound after a verb prefix may
//! be the catalogue's ("an|meldebestätigung"), a regional part's synonym may make one
//! ("güsel|sack" → "kehrichtsack"), its parts may be any longer indexed words
//! ("kita|platz|antrag"), and an unknown generic tail is left aside
//! ("hundeanmeldungs|formular"); a German inflection the stemmer keeps is dropped ("neues").
//! A part that few services write but that is made of words many write is read as those words
//! ("kita|gebührenermäßigung" → "kita|gebühren|ermäßigung"); a German derivational ending is
//! never a part ("gesetz|lich" is one word). Two neighbouring query words that a keyword phrase
//! in French, Italian or English writes side by side ("tax id", "widow's pension") are also read
//! as that phrase, a variant of each word with the phrase's own idf.
//! A short unknown word close to several catalogue words is a guess and counts little
//! ("bern"); a frequent catalogue word is not cut into parts ("Ausstellung"); a query word
//! whose stem is written only in a third language counts less ("licencier", "licence"). A
//! concept met only through a weaker variant (a loose synonym) counts in part towards the
//! share of the query a service meets, and so does one met only inside the service's own
//! compounds ("haus" in "Wochenendhausgebiet"), the less the more common the part (a rare one,
//! "taxi" in "Taxigenehmigung", nearly in full): a service naming the query's specific compound
//! beats one that meets every part loosely. One loose variant of a service meeting two query
//! words ("Existenzgründung" for both "open" and "shop") is counted once in full. An action
//! noun meets its verb ("meldung", "melden"), and a slip in a long word's ending its stem.
//! A German separable verb that a service's summary writes apart ("holen Sie ihn … ab") is
//! indexed as the whole verb too, where the catalogue uses it ("abholen", "Abholung").

use crate::lexicon::{Lexicon, SEPARABLE};
use crate::model::{Country, LangList, Service};
use crate::synonyms::Synonyms;
use crate::text::{
    LINKING_LETTERS, Stemmers, british_spellings, compound_parts, fold, is_function_word,
    is_person_word, is_stopword, split_compound, strip_verb_prefix, swiss_readings, tokens,
    tokens_with_spans,
};
use contract::Lang;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What to search for.
pub struct SearchQuery<'a> {
    /// The citizen's words.
    pub text: &'a str,
    /// The language of the page (texts are shown in it where they exist).
    pub lang: Lang,
    /// Only this country's variants (the citizen's municipality's country).
    pub country: Option<Country>,
    /// Only services passing this filter (offered in the citizen's municipality, a topic…).
    pub allowed: Option<&'a (dyn Fn(&Service) -> bool + Sync)>,
    /// At most this many hits.
    pub limit: usize,
}

/// One found service.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`SearchIndex::services`].
    pub index: usize,
    /// Relevance (higher is better; comparable within one query only).
    pub score: f32,
    /// Byte ranges of the title shown for the query language that matched.
    pub highlights: Vec<Range<usize>>,
}

const W_TITLE: f32 = 3.0;
const W_KEYWORD: f32 = 2.0;
const W_FOREIGN_KEYWORD: f32 = 2.0;
const W_OFFICIAL: f32 = 1.5;
/// The name of the OZG bundle a LeiKa service belongs to (its German keyword).
const W_BUNDLE: f32 = 1.9;
const W_SUMMARY: f32 = 0.6;
/// A word of the glossary's extended part (`Service::extended_keywords`).
const W_EXTENDED_KEYWORD: f32 = 0.5;
/// Two neighbouring words of a keyword phrase in another language than German ("tax ID",
/// "widow's pension"), met as neighbours in a query: at least this, whatever the field.
const W_PHRASE: f32 = 1.0;
const W_AREA: f32 = 0.4;
const W_PART: f32 = 0.75;
/// A keyword of the same service's variant in the other country.
const W_SIBLING: f32 = 0.5;
/// Another form of a query word (its infinitive, its noun, its family).
const W_FORM: f32 = 0.9;
/// Weight of an unknown compound read as its last part ("silvester|feuerwerk").
const W_TAIL: f32 = 0.7;
/// A split query compound's parts weigh `n^-PART_SHARE_EXP` each (n parts).
const PART_SHARE_EXP: f32 = 0.25;

/// One meaning of a query: its terms with their weights, and how much it counts.
struct Concept {
    terms: HashMap<String, f32>,
    weight: f32,
    /// The query word it comes from (the parts of one compound share it).
    word: usize,
}

/// How much a word naming a person ("Vater", "wife") counts beside the others.
const W_PERSON: f32 = 0.4;
/// How much a short unknown word counts when it is close to several catalogue words.
const TYPO_GUESS: f32 = 0.15;
/// How much a concept met through a weaker variant counts towards the share of the query
/// a service meets: the variant's weight relative to the concept's strongest, to this power.
const COVERAGE_SOFTNESS: f32 = 0.5;
/// How much a query word counts where it is written only in a language other than the
/// query's and German.
const W_FALSE_FRIEND: f32 = 0.5;
/// How much a concept met only inside a service's compounds counts at least towards the share
/// of the query the service meets (a rarer part counts more, up to in full).
const PART_COVERAGE: f32 = 0.6;
/// How much a concept counts, in score and in share, when it meets a service only through the
/// same loose variant that an earlier concept of the query met it through.
const SHARED_LOOSE: f32 = 0.5;
/// A word in this many services or more is not split into compound parts.
const COMMON_WORD: usize = 40;
/// A query compound's part in fewer services than this is split again where its own parts are
/// common ([`SearchIndex::finer_parts`]).
const RARE_PART: usize = 8;
/// A common sub-part of a rare part: in this many services or more, and in four times as many
/// as the part.
const COMMON_PART: usize = 5;

/// The in-memory index over all service variants.
pub struct SearchIndex {
    services: Vec<Service>,
    postings: HashMap<String, Vec<(u32, f32)>>,
    idf: HashMap<String, f32>,
    /// All indexed stems, sorted (prefix completion).
    sorted_terms: Vec<String>,
    /// Words and stems that compounds are split into.
    vocabulary: HashSet<String>,
    /// Per term, the languages of the texts it was found in ([`lang_bit`]).
    term_langs: HashMap<String, u8>,
    /// The vocabulary and every longer indexed term: parts for splitting a query word that
    /// the vocabulary alone cannot split ("kita|platz|antrag").
    wide_vocabulary: HashSet<String>,
    /// Deletion neighbourhoods (one and, for long terms, two deletions) → terms, for typos:
    /// the neighbours' hashes, sorted, and beside each the term it comes from. Hashes instead
    /// of the neighbours' texts keep this small; a collision could only add a candidate, and
    /// every candidate's distance is checked.
    delete_keys: Vec<u32>,
    delete_terms: Vec<u32>,
    synonyms: Synonyms,
    stemmers: Stemmers,
}

/// Adds compound parts that never stand alone: a suffix (or prefix) that combines with a known
/// word in at least two different words of the vocabulary.
fn enrich_vocabulary(vocabulary: &mut HashSet<String>, stemmers: &Stemmers) {
    let mut suffixes: HashMap<String, HashSet<String>> = HashMap::new();
    let mut prefixes: HashMap<String, HashSet<String>> = HashMap::new();
    for w in vocabulary.iter() {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() < 8 {
            continue;
        }
        for i in 3..=chars.len() - 4 {
            let (head, tail): (String, String) =
                (chars[..i].iter().collect(), chars[i..].iter().collect());
            if vocabulary.contains(&head) {
                suffixes
                    .entry(tail.clone())
                    .or_default()
                    .insert(head.clone());
            }
            if vocabulary.contains(&tail) {
                prefixes.entry(head).or_default().insert(tail);
            }
        }
    }
    let mut add = Vec::new();
    for (part, partners) in suffixes.into_iter().chain(prefixes) {
        if partners.len() >= 2 && part.chars().count() >= 4 && !is_derivational_ending(&part) {
            add.push(stemmers.stem(Lang::De, &part));
            add.push(part);
        }
    }
    vocabulary.extend(add);
}

/// Notes a term written as a word of its own in a service's `lang` text with field weight
/// `weight` (a service's terms: best field weight, languages, written as a word of its own).
fn note_word(terms: &mut HashMap<String, (f32, u8, bool)>, term: String, weight: f32, lang: Lang) {
    let e = terms.entry(term).or_default();
    e.0 = e.0.max(weight);
    e.1 |= lang_bit(lang);
    e.2 = true;
}

/// What joins the two words of a phrase term (no token holds it).
const PHRASE_JOIN: char = '_';

/// The phrase terms of a text's tokens: each two neighbouring words that are no stopwords,
/// as their stems joined ("tax_id", "widow_pension" from "widow's pension").
fn phrase_terms(tokens: &[String], lang: Lang, stemmers: &Stemmers) -> Vec<String> {
    // A possessive's "s" ("widow's") joins; any other stopword parts ("register of associations").
    let words: Vec<&String> = tokens.iter().filter(|t| t.as_str() != "s").collect();
    words
        .windows(2)
        .filter(|w| w.iter().all(|t| !is_stopword(t)))
        .map(|w| phrase_term(w[0], w[1], lang, stemmers))
        .collect()
}

/// The phrase term of two neighbouring words.
fn phrase_term(a: &str, b: &str, lang: Lang, stemmers: &Stemmers) -> String {
    format!(
        "{}{PHRASE_JOIN}{}",
        stemmers.stem(lang, a),
        stemmers.stem(lang, b)
    )
}

/// A German derivational ending ("gesetz|lich", "beruf|lich", "frei|heit"): it makes a word of
/// its own from a stem, but is no word, so never a compound part of its own.
fn is_derivational_ending(part: &str) -> bool {
    const ENDINGS: [&str; 9] = [
        "lich", "isch", "heit", "keit", "schaft", "haft", "igkeit", "ierung", "ungen",
    ];
    const INFLECTIONS: [&str; 6] = ["", "e", "en", "er", "es", "em"];
    ENDINGS.iter().any(|e| {
        part.strip_prefix(e)
            .is_some_and(|rest| INFLECTIONS.contains(&rest))
    })
}

/// A German action noun's verb and a weak verb's action noun, by the regular derivation
/// "-ung" ↔ "-en" ("meldung" ↔ "melden", "anmelden" → "anmeldung"); the search keeps only what
/// the index knows.
fn noun_verb_forms(word: &str) -> Vec<String> {
    if word.chars().count() < 6 {
        return Vec::new();
    }
    if let Some(base) = word.strip_suffix("ung") {
        return vec![format!("{base}en"), format!("{base}n")];
    }
    match word.strip_suffix("en").or_else(|| word.strip_suffix("n")) {
        Some(base) if !base.ends_with("ung") => vec![format!("{base}ung")],
        _ => Vec::new(),
    }
}

/// The inverse document frequency of a term written in `df` of `n` services.
fn idf_of(n: f32, df: usize) -> f32 {
    (1.0 + n / df as f32).ln()
}

/// The verbs (and their nouns) of a German text's clauses that end in a separable particle
/// ("Holen Sie ihn bei der Gemeinde ab." → "abholen", "abholung", …): each word of the clause
/// read with the particle; the index keeps only what the catalogue uses.
fn separated_verbs(text: &str, lexicon: &Lexicon) -> Vec<String> {
    let mut out = Vec::new();
    for clause in text.split(['.', ',', ';', ':', '!', '?']) {
        let words = tokens(clause);
        let Some((last, rest)) = words.split_last() else {
            continue;
        };
        if !SEPARABLE.contains(&last.as_str()) {
            continue;
        }
        for w in rest
            .iter()
            .filter(|w| w.chars().count() >= 3 && !is_stopword(w))
        {
            out.extend(lexicon.with_particle(w, last));
        }
    }
    out
}

/// Whether a German verb form's verbs are all function words ("geworden": "werden";
/// "gegangen": "gehen"), so that it is one too.
fn is_function_verb_form(word: &str, lexicon: &Lexicon) -> bool {
    let lemmas = lexicon.german_lemmas(word);
    let mut verbs = lemmas.iter().filter(|l| l.ends_with('n')).peekable();
    verbs.peek().is_some() && verbs.all(|l| is_function_word(&fold(l), Lang::De))
}

/// The loose variants (their keys) that met concepts in one service, with each concept's
/// query word; the first few only (a query has few words).
#[derive(Default, Clone, Copy)]
struct LooseSeen {
    seen: [(u32, usize); 6],
    len: usize,
}

impl LooseSeen {
    fn seen_elsewhere(&self, key: u32, word: usize) -> bool {
        self.seen[..self.len]
            .iter()
            .any(|&(k, w)| k == key && w != word)
    }

    fn push(&mut self, key: u32, word: usize) {
        if self.len < self.seen.len() {
            self.seen[self.len] = (key, word);
            self.len += 1;
        }
    }
}

/// A language's bit in [`SearchIndex::term_langs`].
fn lang_bit(lang: Lang) -> u8 {
    1 << lang.index()
}

/// The key of a deletion neighbour in [`SearchIndex::delete_keys`]: 32 bits of its hash. A
/// collision only adds a candidate, whose distance is checked like any other's; 32 bits keep
/// the neighbourhoods' keys half the size of 64.
fn neighbour_key(neighbour: &str) -> u32 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    neighbour.hash(&mut h);
    h.finish() as u32
}

fn deletions(term: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = term.chars().collect();
    for i in 0..chars.len() {
        out.push(
            chars
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, c)| *c)
                .collect(),
        );
    }
}

impl SearchIndex {
    /// Builds the index.
    pub fn build(services: Vec<Service>, synonyms: &Synonyms) -> anyhow::Result<SearchIndex> {
        let stemmers = Stemmers::default();
        // 1. The splitting vocabulary: every word of every title and official name.
        let mut vocabulary = HashSet::new();
        for s in &services {
            for text in [Some(s.title.de.as_str()), s.official_name.as_deref()]
                .into_iter()
                .flatten()
            {
                for t in tokens(text) {
                    if t.chars().count() >= 3 && !is_stopword(&t) {
                        vocabulary.insert(stemmers.stem(Lang::De, &t));
                        vocabulary.insert(t);
                    }
                }
            }
        }
        // Words that occur only inside compounds ("-schein", "Gaststätten-") become splittable
        // parts when they combine with known words in at least two compounds.
        enrich_vocabulary(&mut vocabulary, &stemmers);
        for w in synonyms.words() {
            if w.chars().count() >= 4 {
                vocabulary.insert(w.clone());
            }
        }
        // 2. Terms per service with their best field weight.
        let mut postings: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
        let mut term_langs: HashMap<String, u8> = HashMap::new();
        // The variants of one service in the other country (one LeiKa key, two catalogues).
        let mut variants_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, s) in services.iter().enumerate() {
            variants_of.entry(s.id.as_str()).or_default().push(i);
        }
        // The catalogue repeats its words: each word's parts' stems are worked out once.
        let mut part_stems: HashMap<String, Vec<String>> = HashMap::new();
        for (i, s) in services.iter().enumerate() {
            // term → (best field weight, the languages it is written in, whether it is written
            // as a word of its own and not only inside compounds)
            let mut terms: HashMap<String, (f32, u8, bool)> = HashMap::new();
            let mut add = |text: &str,
                           lang: Lang,
                           weight: f32,
                           terms: &mut HashMap<String, (f32, u8, bool)>| {
                for t in tokens(text) {
                    if is_stopword(&t) {
                        continue;
                    }
                    note_word(terms, stemmers.stem(lang, &t), weight, lang);
                    if lang == Lang::De {
                        let stems = part_stems.entry(t).or_insert_with_key(|t| {
                            compound_parts(t, &vocabulary)
                                .iter()
                                .map(|p| stemmers.stem(Lang::De, p))
                                .collect()
                        });
                        for p in stems.iter() {
                            let e = terms.entry(p.clone()).or_default();
                            e.0 = e.0.max(weight * W_PART);
                            e.1 |= lang_bit(Lang::De);
                        }
                    }
                }
            };
            // A keyword phrase in French, Italian or English: its neighbouring words together
            // too, at least at W_PHRASE.
            let add_phrases =
                |text: &str,
                 lang: Lang,
                 weight: f32,
                 terms: &mut HashMap<String, (f32, u8, bool)>| {
                    if lang != Lang::De {
                        for term in phrase_terms(&tokens(text), lang, &stemmers) {
                            note_word(terms, term, weight.max(W_PHRASE), lang);
                        }
                    }
                };
            for lang in Lang::ALL {
                let native = s.title.get(lang).is_some();
                if let Some(t) = s.title.get(lang) {
                    // Short titles are more specific: "Hundesteuer" over a long sentence.
                    let n = tokens(t).len().max(1) as f32;
                    add(t, lang, W_TITLE / n.powf(0.3), &mut terms);
                }
                let kw_weight = if lang == Lang::De && s.official_name.is_some() {
                    // A LeiKa service's German keyword is its OZG bundle's name, shared by
                    // the bundle's services ("Waffenüberlassungs-, -verlust- und …anzeige").
                    W_BUNDLE
                } else if native || lang == Lang::De {
                    W_KEYWORD
                } else {
                    W_FOREIGN_KEYWORD
                };
                for k in s.keywords.get(lang) {
                    add(k, lang, kw_weight, &mut terms);
                    add_phrases(k, lang, kw_weight, &mut terms);
                }
                for k in s.extended_keywords.get(lang) {
                    add(k, lang, W_EXTENDED_KEYWORD, &mut terms);
                    add_phrases(k, lang, W_EXTENDED_KEYWORD, &mut terms);
                }
                // The words citizens use for the same service in the other country are words
                // for this one too ("Kitaplatz" for the German Kita place as for the Swiss
                // one); not a LeiKa variant's German keyword, which is its OZG bundle's name.
                for &j in &variants_of[s.id.as_str()] {
                    let other = &services[j];
                    if j == i || (lang == Lang::De && other.official_name.is_some()) {
                        continue;
                    }
                    for k in other.keywords.get(lang) {
                        add(k, lang, kw_weight * W_SIBLING, &mut terms);
                    }
                }
                // The summary the citizen reads: for LeiKa services either written for the
                // portal in everyday words ("Ist Ihr neuer Personalausweis fertig, holen Sie
                // ihn … ab"; "Fahrzeugbrief") or generated from the entry's own fields.
                if let Some(t) = s.summary.get(lang) {
                    add(t, lang, W_SUMMARY, &mut terms);
                }
                for area in [&s.topic, &s.life_situation] {
                    if let Some(t) = area.get(lang) {
                        add(t, lang, W_AREA, &mut terms);
                    }
                }
            }
            if let Some(o) = &s.official_name {
                add(o, Lang::De, W_OFFICIAL, &mut terms);
            }
            for (term, (w, langs, whole)) in terms {
                *term_langs.entry(term.clone()).or_default() |= langs;
                // A term met only inside the service's compounds is stored negated.
                postings
                    .entry(term)
                    .or_default()
                    .push((i as u32, if whole { w } else { -w }));
            }
        }
        // A German separable verb written apart in a summary ("holen Sie ihn … ab"): the whole
        // verb and its noun, where the catalogue uses them ("abholen", "Abholung").
        let lexicon = Lexicon::embedded();
        for (i, s) in services.iter().enumerate() {
            let Some(text) = s.summary.get(Lang::De) else {
                continue;
            };
            for form in separated_verbs(text, lexicon) {
                let stem = stemmers.stem(Lang::De, &form);
                let Some(p) = postings.get_mut(&stem) else {
                    continue;
                };
                match p.iter_mut().find(|(d, _)| *d as usize == i) {
                    Some(e) if e.1.abs() < W_SUMMARY => e.1 = W_SUMMARY,
                    Some(_) => {}
                    None => p.push((i as u32, W_SUMMARY)),
                }
            }
        }
        let n = services.len().max(1) as f32;
        let idf = postings
            .iter()
            .map(|(t, p)| (t.clone(), idf_of(n, p.len())))
            .collect();
        // Phrase terms are met whole, never completed or corrected.
        let mut sorted_terms: Vec<String> = postings
            .keys()
            .filter(|t| !t.contains(PHRASE_JOIN))
            .cloned()
            .collect();
        sorted_terms.sort();
        let mut deletes: Vec<(u32, u32)> = Vec::new();
        let mut buf = Vec::new();
        for (i, t) in sorted_terms.iter().enumerate() {
            let len = t.chars().count();
            // A term only the weakest fields give (extended keywords, topics, the compound
            // parts of summaries) is found as written: the typo neighbourhoods of a few
            // thousand words of other languages would cost megabytes for a weak hint.
            if len < 4 || postings[t].iter().all(|&(_, w)| w.abs() < W_SUMMARY) {
                continue;
            }
            buf.clear();
            deletions(t, &mut buf);
            if len >= 8 {
                // A long term itself too: a query two letters longer reaches it by deleting
                // both ("einburgerungstet" → "einburgerungst").
                buf.push(t.clone());
                let once = buf.clone();
                for d in &once {
                    deletions(d, &mut buf);
                }
            }
            buf.sort();
            buf.dedup();
            for d in buf.drain(..) {
                deletes.push((neighbour_key(&d), i as u32));
            }
        }
        deletes.sort_unstable();
        let (delete_keys, delete_terms) = deletes.into_iter().unzip();
        let mut wide_vocabulary = vocabulary.clone();
        wide_vocabulary.extend(
            postings
                .keys()
                .filter(|t| t.chars().count() >= 5 && t.chars().all(char::is_alphabetic))
                .cloned(),
        );
        // The words a service is found by live on in the postings only: what a result shows
        // needs none of them, and the catalogue's keyword lists are ~2 MB of strings.
        let mut services = services;
        for s in &mut services {
            s.keywords = LangList::default();
            s.extended_keywords = LangList::default();
        }
        Ok(SearchIndex {
            services,
            wide_vocabulary,
            term_langs,
            postings,
            idf,
            sorted_terms,
            vocabulary,
            delete_keys,
            delete_terms,
            synonyms: synonyms.clone(),
            stemmers,
        })
    }

    /// The indexed services, their keyword lists emptied (the postings hold those words).
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// Adjacent query words that the catalogue writes as one compound ("führungs zeugnis",
    /// "kinder geld", "hund steuer" with a linking letter) become that compound.
    /// A German participle after its object joins as its action noun where the vocabulary
    /// knows that compound ("job verloren" → "jobverlust").
    fn join_compounds(&self, words: impl Iterator<Item = String>, lang: Lang) -> Vec<String> {
        let lexicon = Lexicon::embedded();
        let mut words: Vec<String> = words.collect();
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            if let Some(b) = words.get(i + 1) {
                let a = &words[i];
                let long =
                    |w: &str| w.chars().count() >= 3 && !w.bytes().all(|c| c.is_ascii_digit());
                // A short last part joins only as it stands, into a word the vocabulary knows:
                // two letters ("steuer id" → "steuerid") or a number after letters ("alg 1" →
                // "alg1", "hartz 4").
                let two_letters =
                    long(a) && b.chars().count() == 2 && b.chars().all(char::is_alphabetic);
                let number = a.chars().count() >= 2
                    && a.chars().all(char::is_alphabetic)
                    && (1..=2).contains(&b.len())
                    && b.bytes().all(|c| c.is_ascii_digit());
                let short = (two_letters || number)
                    && !self
                        .synonyms
                        .expand(&self.stemmers.stem(Lang::De, &format!("{a}{b}")))
                        .is_empty();
                if short {
                    words[i + 1] = format!("{a}{b}");
                    i += 1;
                    continue;
                }
                if long(a) && long(b) {
                    let mut seconds = vec![b.clone()];
                    if lang == Lang::De {
                        seconds.extend(lexicon.german_lemmas(b));
                    }
                    let joined = seconds
                        .iter()
                        .flat_map(|b| {
                            LINKING_LETTERS
                                .iter()
                                .map(move |link| format!("{a}{link}{b}"))
                        })
                        .find(|j| {
                            let stem = self.stemmers.stem(Lang::De, j);
                            if self.postings.contains_key(&stem) {
                                return true;
                            }
                            // A compound the vocabulary knows ("gewerbe schein" →
                            // "gewerbeschein"), unless it only means one of its parts.
                            let syns = self.synonyms.expand(&stem);
                            let part = |w: &str| {
                                let ps = self.stemmers.stem(Lang::De, w);
                                syns.iter().any(|(t, _)| *t == ps)
                            };
                            !syns.is_empty() && !part(a) && !part(b)
                        });
                    if let Some(j) = joined {
                        // The compound may go on with the next word ("melde register
                        // auskunft" → "melderegisterauskunft").
                        words[i + 1] = j;
                        i += 1;
                        continue;
                    }
                }
            }
            out.push(words[i].clone());
            i += 1;
        }
        out
    }

    /// A compound the index does not know whose first part it does, followed by a word it
    /// does not know at all ("hundeanmeldungs|formular"): that first part.
    fn known_compound_head(&self, word: &str, lexicon: &Lexicon) -> Option<String> {
        let n = word.chars().count();
        let indexed = |w: &str| {
            self.postings.contains_key(w)
                || self.postings.contains_key(&self.stemmers.stem(Lang::De, w))
        };
        if n < 10
            || indexed(word)
            || lexicon.knows(Lang::De, word)
            || !self.synonyms.expand(word).is_empty()
            || split_compound(word, &self.vocabulary).is_some()
            // A misspelt catalogue word ("kindergelt", "einbürgerungstets" for the stem
            // "einburgerungst") is no compound with an unknown tail.
            || !self.typo_variants_within(word, 1).is_empty()
            || !self
                .typo_variants_within(&self.stemmers.stem(Lang::De, word), 2)
                .is_empty()
        {
            return None;
        }
        let chars: Vec<char> = word.chars().collect();
        (6..=n - 4).rev().find_map(|i| {
            let head: String = chars[..i].iter().collect();
            let tail: String = chars[i..].iter().collect();
            let head = head
                .strip_suffix('s')
                .filter(|h| !indexed(&head) && indexed(h))
                .map_or(head.clone(), str::to_owned);
            let known = indexed(&head) || split_compound(&head, &self.vocabulary).is_some();
            (known && !indexed(&tail) && split_compound(&tail, &self.vocabulary).is_none())
                .then_some(head)
        })
    }

    /// The longest last part (at least 4 letters, after at least 3) of a word that the index,
    /// the synonyms or the word-form tables know ("silvesterfeuerwerk" → "feuerwerk").
    fn known_compound_tail(&self, word: &str, lexicon: &Lexicon) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        if n < 8 {
            return None;
        }
        (3..=n - 4).find_map(|i| {
            let tail: String = chars[i..].iter().collect();
            let stem = self.stemmers.stem(Lang::De, &tail);
            let known = self.postings.contains_key(&tail)
                || self.postings.contains_key(&stem)
                || !self.synonyms.expand(&stem).is_empty()
                || !self.synonyms.expand(&tail).is_empty()
                || lexicon.knows(Lang::De, &tail);
            known.then_some(tail)
        })
    }

    /// Indexed compounds made from `word` by putting a synonym in place of its first or last
    /// part ("güsel|sack" → "kehrichtsack", "velo|weg" → "fahrradweg").
    fn substituted_compounds(&self, word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        let mut out = Vec::new();
        if n < 7 {
            return out;
        }
        for i in 3..=n - 3 {
            let (head, tail): (String, String) =
                (chars[..i].iter().collect(), chars[i..].iter().collect());
            let mut try_join = |a: &str, b: &str| {
                for link in ["", "s", "e", "n", "en"] {
                    let joined = format!("{a}{link}{b}");
                    if !self.vocabulary.contains(&joined) && !self.postings.contains_key(&joined) {
                        continue;
                    }
                    let stem = self.stemmers.stem(Lang::De, &joined);
                    if self.postings.contains_key(&stem) && !out.contains(&stem) {
                        out.push(stem);
                    }
                }
            };
            for h in [head.clone(), self.stemmers.stem(Lang::De, &head)] {
                for (syn, _) in self.synonyms.expand(&h) {
                    try_join(syn, &tail);
                }
            }
            for t in [tail.clone(), self.stemmers.stem(Lang::De, &tail)] {
                for (syn, _) in self.synonyms.expand(&t) {
                    try_join(&head, syn);
                }
            }
        }
        out
    }

    /// Terms within edit distance 1 (2 for long words) of `word`, with a weight.
    fn typo_variants(&self, word: &str) -> Vec<(String, f32)> {
        self.typo_variants_within(word, 2)
    }

    /// Terms within edit distance 1 (up to `limit`, 2 for long words) of `word`, with a weight.
    fn typo_variants_within(&self, word: &str, limit: usize) -> Vec<(String, f32)> {
        let len = word.chars().count();
        if len < 4 {
            return Vec::new();
        }
        let max = if len >= 8 { limit.min(2) } else { 1 };
        let mut keys = vec![word.to_owned()];
        let mut buf = Vec::new();
        deletions(word, &mut buf);
        if max == 2 {
            let once = buf.clone();
            for d in &once {
                deletions(d, &mut buf);
            }
        }
        keys.extend(buf);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for k in &keys {
            let key = neighbour_key(k);
            let start = self.delete_keys.partition_point(|&x| x < key);
            let end = start + self.delete_keys[start..].partition_point(|&x| x == key);
            for &i in &self.delete_terms[start..end] {
                if !seen.insert(i) {
                    continue;
                }
                let term = &self.sorted_terms[i as usize];
                let d = strsim::damerau_levenshtein(word, term);
                if d >= 1 && d <= max {
                    out.push((term.clone(), if d == 1 { 0.7 } else { 0.45 }));
                }
            }
        }
        out
    }

    /// Indexed terms starting with `prefix` (as-you-type), the most frequent first.
    fn completions(&self, prefix: &str) -> Vec<(String, f32)> {
        if prefix.chars().count() < 3 {
            return Vec::new();
        }
        let start = self.sorted_terms.partition_point(|t| t.as_str() < prefix);
        let mut out: Vec<(String, f32)> = self.sorted_terms[start..]
            .iter()
            .take_while(|t| t.starts_with(prefix))
            .map(|t| (t.clone(), 0.85))
            .collect();
        out.sort_by_key(|(t, _)| std::cmp::Reverse(self.postings[t].len()));
        out.truncate(40);
        out
    }

    /// Whether the index or the vocabulary knows a folded word in `lang`: its stem is indexed,
    /// it has synonyms, or it is a word of the word-form tables.
    fn knows_word(&self, word: &str, lang: Lang, lexicon: &Lexicon) -> bool {
        let stems = [
            self.stemmers.stem(lang, word),
            self.stemmers.stem(Lang::De, word),
        ];
        lexicon.knows(lang, word)
            || self.postings.contains_key(word)
            || stems
                .iter()
                .any(|s| self.postings.contains_key(s) || !self.synonyms.expand(s).is_empty())
    }

    /// The folded words of a query, read as the catalogue writes them: a hyphenated word the
    /// index or vocabulary knows as one ("nouveau-né", whose "né" is no negation; "e-mail")
    /// stays one word, and a German word it does not know at all is read in standard spelling
    /// where a Swiss German one is ("betreibigsuszug" → "betreibungsauszug", "hochziit").
    fn read_words(&self, text: &str, lang: Lang, lexicon: &Lexicon) -> Vec<String> {
        let toks = tokens_with_spans(text);
        let mut words: Vec<String> = Vec::with_capacity(toks.len());
        let mut i = 0;
        while i < toks.len() {
            if let Some(next) = toks.get(i + 1)
                && toks[i].1.end < next.1.start
                && text[toks[i].1.end..next.1.start].chars().all(|c| c == '-')
            {
                let joined = format!("{}{}", toks[i].0, next.0);
                if self.knows_word(&joined, lang, lexicon) {
                    words.push(joined);
                    i += 2;
                    continue;
                }
            }
            // An elided French letter ("c'est", "n'ai") is a function word; the same letter
            // standing alone is a name ("permis C").
            let elided = text[toks[i].1.end..].starts_with(['\'', '\u{2019}']);
            if lang == Lang::Fr && toks[i].0.chars().count() == 1 && elided {
                i += 1;
                continue;
            }
            // The French participle "né" is no negation "ne": folding loses only the accent.
            if lang == Lang::Fr && toks[i].0 == "ne" && text[toks[i].1.clone()].contains(['é', 'É'])
            {
                words.push("nee".to_owned());
            } else {
                words.push(toks[i].0.clone());
            }
            i += 1;
        }
        if lang != Lang::De {
            return words;
        }
        for w in words.iter_mut() {
            if is_stopword(w)
                || is_function_word(w, lang)
                || self.knows_word(w, lang, lexicon)
                || !lexicon.german_lemmas(w).is_empty()
            {
                continue;
            }
            let splits = split_compound(w, &self.vocabulary).is_some();
            let reading = swiss_readings(w).into_iter().take(24).find(|r| {
                !is_function_word(r, lang)
                    && (self.knows_word(r, lang, lexicon)
                        || !lexicon
                            .german_lemmas(r)
                            .iter()
                            .all(|l| !self.postings.contains_key(&self.stemmers.stem(Lang::De, l)))
                        || (!splits && split_compound(r, &self.vocabulary).is_some()))
            });
            if let Some(r) = reading {
                *w = r;
            }
        }
        words
    }

    /// The concepts of a query: per word, its weighted variants.
    fn concepts(&self, text: &str, lang: Lang) -> Vec<Concept> {
        let lexicon = Lexicon::embedded();
        // Multi-word expressions that mean one word ("passed away" → "died").
        let raw = lexicon.rewrite_phrases(lang, self.read_words(text, lang, lexicon));
        let mut typing_last = !text.ends_with(char::is_whitespace);
        let meaningful = |t: &String| {
            let function_verb = || lang == Lang::De && is_function_verb_form(t, lexicon);
            !(is_stopword(t) || is_function_word(t, lang) || function_verb())
        };
        // A separable particle at the end of a German clause belongs to its verb ("ich ziehe
        // um", "wir meldeten das Auto ab"): it is read with the verb, if the index knows that.
        let mut particle = None;
        if let [rest @ .., last] = raw.as_slice()
            && SEPARABLE.contains(&last.as_str())
        {
            let hits = rest.iter().filter(|w| meaningful(w)).any(|w| {
                lexicon
                    .with_particle(w, last)
                    .iter()
                    .any(|f| self.postings.contains_key(&self.stemmers.stem(Lang::De, f)))
            });
            if hits {
                particle = Some(last.clone());
                typing_last = false;
            }
        }
        let kept = raw.len() - usize::from(particle.is_some());
        // A separable particle written apart before its verb or noun ("ab melden", "an
        // meldung") is one word with it, where the index knows that word.
        let mut front: Vec<String> = Vec::with_capacity(kept);
        for w in &raw[..kept] {
            if lang == Lang::De
                && let Some(p) = front.last()
                && SEPARABLE.contains(&p.as_str())
                && w.chars().count() >= 4
            {
                let joined = format!("{p}{w}");
                if self
                    .postings
                    .contains_key(&self.stemmers.stem(Lang::De, &joined))
                {
                    *front.last_mut().expect("a particle") = joined;
                    continue;
                }
            }
            front.push(w.clone());
        }
        let words = self.join_compounds(front.into_iter().filter(|t| meaningful(t)), lang);
        let mut concepts = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let last = i + 1 == words.len() && typing_last;
            let trimmed = (lang == Lang::De)
                .then(|| self.known_compound_head(w, lexicon))
                .flatten();
            let w = trimmed.as_ref().unwrap_or(w);
            // Who it happened to ("my dad died") matters less than what happened.
            let weight = if is_person_word(w, lang) {
                W_PERSON
            } else {
                1.0
            };
            let mut variants: HashMap<String, f32> = HashMap::new();
            let put = |t: String, weight: f32, v: &mut HashMap<String, f32>| {
                if self.postings.contains_key(&t) {
                    let e = v.entry(t).or_default();
                    *e = e.max(weight);
                }
            };
            let stems: Vec<String> = {
                let mut s = vec![
                    self.stemmers.stem(lang, w),
                    self.stemmers.stem(Lang::De, w),
                    w.clone(),
                ];
                // A German adjective's or noun's inflection the stemmer keeps ("neues",
                // "ausländischen"): the word without it, where the index knows that. A stem
                // met only in running text (summaries: "ein neues Dokument") is no reading of
                // the word's own.
                let named = |t: &String| {
                    self.postings
                        .get(t)
                        .is_some_and(|p| p.iter().any(|&(_, fw)| fw.abs() > W_SUMMARY))
                };
                if lang == Lang::De && !s.iter().any(named) {
                    s.extend(
                        ["es", "en", "em", "er", "e", "s", "n"]
                            .iter()
                            .filter_map(|end| w.strip_suffix(end))
                            .filter(|b| b.chars().count() >= 3)
                            .map(str::to_owned)
                            .find(|b| self.postings.contains_key(b)),
                    );
                }
                // An American spelling of an English word: the British one the catalogue
                // writes ("license" → "licence", "organize" → "organise").
                if lang == Lang::En {
                    for b in british_spellings(w) {
                        let t = self.stemmers.stem(Lang::En, &b);
                        if self.postings.contains_key(&t) && !s.contains(&t) {
                            s.push(t);
                        }
                    }
                }
                s.dedup();
                s
            };
            // A false friend: the word's stem is written only in a third language ("licencier"
            // and the English "licence"), neither the query's nor German.
            let trust = |t: &str| {
                let foreign = lang != Lang::De
                    && self
                        .term_langs
                        .get(t)
                        .is_some_and(|m| m & (lang_bit(lang) | lang_bit(Lang::De)) == 0);
                if foreign { W_FALSE_FRIEND } else { 1.0 }
            };
            // The verb of a separable particle at the clause end ("melde … ab") means the verb
            // with its particle ("abmelden") more than the bare verb ("melden").
            let with_particle: Vec<String> = particle
                .as_ref()
                .map(|p| {
                    let mut ts: Vec<String> = lexicon
                        .with_particle(w, p)
                        .iter()
                        .map(|f| self.stemmers.stem(Lang::De, f))
                        .filter(|t| self.postings.contains_key(t))
                        .collect();
                    ts.dedup();
                    ts
                })
                .unwrap_or_default();
            let bare = if with_particle.is_empty() {
                1.0
            } else {
                W_FORM
            };
            for s in &stems {
                put(s.clone(), bare * trust(s), &mut variants);
            }
            for t in &with_particle {
                put(t.clone(), trust(t), &mut variants);
            }
            // Forms a stemmer cannot join: a strong verb's or a participle's infinitive and
            // noun ("umgezogen" → "umzug"), the word's family ("lost" → "loss", "died" →
            // "death").
            let mut seeds: Vec<(String, f32)> = stems
                .iter()
                .map(|s| (s.clone(), bare * trust(s)))
                .chain(with_particle.iter().map(|t| (t.clone(), trust(t))))
                .collect();
            let mut forms: Vec<(String, Lang)> = lexicon
                .german_lemmas(w)
                .into_iter()
                .map(|f| (f, Lang::De))
                .collect();
            forms.extend(lexicon.family(lang, w).iter().map(|f| (f.clone(), lang)));
            // An action noun's verb ("meldung" → "melden") and an "-ieren" verb's noun
            // ("reservieren" → "reservierung"); not other words in "-en", as often plurals
            // ("Steuern" is no "Steuerung").
            if lang == Lang::De && (w.ends_with("ung") || w.ends_with("ieren")) {
                forms.extend(noun_verb_forms(w).into_iter().map(|f| (f, Lang::De)));
            }
            for (f, l) in forms {
                let mut ts = vec![self.stemmers.stem(l, &f), self.stemmers.stem(Lang::De, &f)];
                ts.dedup();
                for t in ts {
                    let wt = W_FORM * trust(&t);
                    put(t.clone(), wt, &mut variants);
                    seeds.push((t, wt));
                }
            }
            // A word the vocabulary knows (through a synonym or its family) is no typo.
            // A word of the language's word-form tables is a real word too, even when the
            // catalogue does not use it ("vivre").
            // A person word ("fils", "oma") is a real word too, never a typo for another.
            let known = !variants.is_empty()
                || lexicon.knows(lang, w)
                || is_person_word(w, lang)
                || seeds
                    .iter()
                    .any(|(s, _)| !self.synonyms.expand(s).is_empty());
            // How sure the reading of the word is: a typo with several equally close
            // corrections ("bern": "fern", "lern", …) is a guess, not a meaning.
            let mut certainty = 1.0;
            if !known {
                // The rest after a German verb prefix may be a catalogue word
                // ("anmeldebestätigung" → "meldebestätigung").
                if let Some((_, rest)) = strip_verb_prefix(w)
                    && split_compound(rest, &self.vocabulary).is_some()
                {
                    for t in [self.stemmers.stem(Lang::De, rest), rest.to_owned()] {
                        put(t, W_FORM, &mut variants);
                    }
                }
            }
            if !known && variants.is_empty() && lang == Lang::De {
                // A compound's "-ungs-" part where the catalogue has the verb's stem
                // ("wohnungs|geld" → "wohngeld", "heizungs|kosten" → "heizkosten").
                for (i, _) in w.match_indices("ungs").filter(|(i, _)| *i >= 3) {
                    let t = self
                        .stemmers
                        .stem(Lang::De, &format!("{}{}", &w[..i], &w[i + 4..]));
                    put(t, W_FORM, &mut variants);
                }
            }
            if !known && variants.is_empty() {
                let mut corrections = HashSet::new();
                for s in &stems {
                    for (t, wt) in self.typo_variants(s) {
                        corrections.insert(t.clone());
                        put(t, wt, &mut variants);
                    }
                }
                if corrections.len() > 1 && w.chars().count() < 6 {
                    certainty = TYPO_GUESS;
                }
            }
            if !known && variants.is_empty() {
                // A slip in the ending of a long word ("déménagment"): the longest indexed
                // stem it starts with, if only an ending's length is left over.
                for s in stems.iter().filter(|s| s.len() >= 8 && s.is_ascii()) {
                    let start = self.sorted_terms.partition_point(|t| t.as_str() < &s[..6]);
                    let best = self.sorted_terms[start..]
                        .iter()
                        .take_while(|t| t.starts_with(&s[..6]))
                        .filter(|t| s.starts_with(t.as_str()) && t.len() + 5 >= s.len())
                        .max_by_key(|t| t.len());
                    if let Some(t) = best {
                        put(t.clone(), 0.6 * trust(t), &mut variants);
                    }
                }
            }
            if !known && variants.is_empty() {
                // A compound with a regional or colloquial part: that part's synonyms in its
                // place ("güselsack" → "kehrichtsack").
                for t in self.substituted_compounds(w) {
                    put(t, W_FORM, &mut variants);
                }
                // An unknown longer word may be the start of indexed compounds.
                if !last && w.chars().count() >= 5 {
                    for (t, wt) in self.completions(w) {
                        put(t, wt * 0.75, &mut variants);
                    }
                }
            }
            if !known
                && variants.is_empty()
                && lang == Lang::De
                && split_compound(w, &self.wide_vocabulary).is_none()
                && let Some(tail) = self.known_compound_tail(w, lexicon)
            {
                // A German compound names a kind of its last part: an unknown word ending in a
                // word the index or the vocabulary knows ("silvester|feuerwerk") is read as
                // that part, a little less surely; its synonyms follow below.
                for t in [self.stemmers.stem(Lang::De, &tail), tail] {
                    put(t.clone(), W_TAIL, &mut variants);
                    seeds.push((t, W_TAIL));
                }
            }
            if last {
                // Completions count less when the word is already complete.
                let factor = if variants.is_empty() { 1.0 } else { 0.6 };
                for (t, wt) in self.completions(w) {
                    put(t, wt * factor, &mut variants);
                }
                // A partly typed word's stem may be shorter than what was typed.
                let start = self
                    .sorted_terms
                    .partition_point(|t| t.as_str() < &w[..w.len().min(4)]);
                for t in self.sorted_terms[start..]
                    .iter()
                    .take_while(|t| w.starts_with(t.as_str()))
                {
                    if t.chars().count() + 3 >= w.chars().count() && t.chars().count() >= 4 {
                        put(t.clone(), 0.85 * trust(t), &mut variants);
                    }
                }
            }
            // Synonyms of what the word was understood as.
            let base: Vec<(String, f32)> = variants.iter().map(|(t, w)| (t.clone(), *w)).collect();
            for s in seeds.into_iter().chain(base) {
                for (syn, sw) in self.synonyms.expand(&s.0) {
                    put(syn.clone(), s.1 * sw, &mut variants);
                }
            }
            // A compound: each part is a concept of its own; the whole word counts for each.
            // A word the catalogue uses often is one meaning of its own ("Ausstellung").
            let common = stems
                .iter()
                .any(|s| self.postings.get(s).is_some_and(|p| p.len() >= COMMON_WORD));
            let split = split_compound(w, &self.vocabulary).or_else(|| {
                // An unknown word may still be made of indexed words.
                (variants.is_empty())
                    .then(|| split_compound(w, &self.wide_vocabulary))
                    .flatten()
            });
            // A verb form the word-form tables read ("beglaubigte", "umgezogen") is one word,
            // not a compound of whatever its letters spell ("beglaub|igt").
            let verb_form = || {
                lang == Lang::De
                    && lexicon
                        .german_lemmas(w)
                        .iter()
                        .any(|l| self.postings.contains_key(&self.stemmers.stem(Lang::De, l)))
            };
            if let Some(parts) = split.filter(|_| !common && !verb_form()) {
                let parts = self.finer_parts(parts);
                // The parts together weigh a little more than one word, not one word each.
                let part_share = (parts.len() as f32).powf(-PART_SHARE_EXP);
                let part_terms: Vec<[String; 2]> = parts
                    .iter()
                    .map(|(p, _)| [self.stemmers.stem(Lang::De, p), p.clone()])
                    .collect();
                for (k, [ps, p]) in part_terms.iter().enumerate() {
                    // The whole word's readings count for each part, except one that is only
                    // another part ("fest|bewilligung" read as "bewilligung" is no "Fest").
                    let mut pv: HashMap<String, f32> = variants
                        .iter()
                        .filter(|(t, _)| {
                            !part_terms
                                .iter()
                                .enumerate()
                                .any(|(j, other)| j != k && other.contains(t))
                        })
                        .map(|(t, w)| (t.clone(), *w))
                        .collect();
                    for t in [ps.clone(), p.clone()] {
                        put(t, 0.9, &mut pv);
                    }
                    // A part split again: the compound it came from meets it too.
                    if let Some(whole) = &parts[k].1 {
                        put(self.stemmers.stem(Lang::De, whole), 0.9, &mut pv);
                        put(whole.clone(), 0.9, &mut pv);
                    }
                    for t in noun_verb_forms(p) {
                        put(self.stemmers.stem(Lang::De, &t), 0.9 * W_FORM, &mut pv);
                    }
                    for (syn, sw) in self.synonyms.expand(ps) {
                        put(syn.clone(), 0.9 * sw, &mut pv);
                    }
                    concepts.push(Concept {
                        terms: pv,
                        weight: weight * part_share,
                        word: i,
                    });
                }
                continue;
            }
            if !variants.is_empty() || !last {
                concepts.push(Concept {
                    terms: variants,
                    weight: weight * certainty,
                    word: i,
                });
            }
        }
        // Two neighbouring query words that a keyword phrase writes side by side ("tax id"):
        // the phrase is a reading of each of them, as specific as the phrase is rare.
        if lang != Lang::De {
            for (k, pair) in words.windows(2).enumerate() {
                let term = phrase_term(&pair[0], &pair[1], lang, &self.stemmers);
                if !self.postings.contains_key(&term) {
                    continue;
                }
                for c in concepts
                    .iter_mut()
                    .filter(|c| c.word == k || c.word == k + 1)
                {
                    let e = c.terms.entry(term.clone()).or_default();
                    *e = e.max(1.0);
                }
            }
        }
        concepts
    }

    /// A query compound's parts, a rare part split again where it is made of common words
    /// (beside each such sub-part, the part it came from): "kita|gebührenermäßigung" is
    /// "kita|gebühren|ermäßigung" when one service writes "Gebührenermäßigung" and many write
    /// "Gebühr" and "Ermäßigung" apart.
    fn finer_parts(&self, parts: Vec<String>) -> Vec<(String, Option<String>)> {
        let df = |w: &str| {
            self.postings
                .get(&self.stemmers.stem(Lang::De, w))
                .map_or(0, Vec::len)
        };
        let mut out = Vec::new();
        for p in parts {
            let whole = df(&p);
            let common =
                |sub: &Vec<String>| sub.iter().all(|s| df(s) >= COMMON_PART.max(4 * whole));
            let sub = (whole < RARE_PART)
                .then(|| {
                    [false, true]
                        .into_iter()
                        .filter_map(|longer_first| {
                            crate::text::split(&p, &self.vocabulary, longer_first)
                        })
                        .find(common)
                })
                .flatten();
            match sub {
                Some(sub) => out.extend(sub.into_iter().map(|s| (s, Some(p.clone())))),
                None => out.push((p, None)),
            }
        }
        out
    }

    /// The indexed terms of a service variant with their field weights (for diagnosis).
    pub fn terms_of(&self, index: usize) -> Vec<(String, f32)> {
        let mut out: Vec<(String, f32)> = self
            .postings
            .iter()
            .filter_map(|(t, p)| {
                p.iter()
                    .find(|(d, _)| *d as usize == index)
                    .map(|(_, w)| (t.clone(), w.abs()))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// How a query is understood: per concept, its variants (term, weight), strongest first.
    pub fn explain(&self, text: &str, lang: Lang) -> Vec<Vec<(String, f32)>> {
        self.concepts(text, lang)
            .into_iter()
            .map(|c| {
                let mut v: Vec<(String, f32)> = c.terms.into_iter().collect();
                v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                v
            })
            .collect()
    }

    /// Finds the best services for a query.
    pub fn search(&self, q: &SearchQuery<'_>) -> Vec<Hit> {
        let concepts = self.concepts(q.text, q.lang);
        if concepts.is_empty() || q.limit == 0 {
            return Vec::new();
        }
        let total_weight: f32 = concepts.iter().map(|c| c.weight).sum();
        // The idf of a word of one service: a part's specificity is its idf relative to this.
        let max_idf = idf_of(self.services.len().max(1) as f32, 1);
        // doc → (score sum, weight of the concepts matched, the loose variants that met a
        // concept in it with the concept's query word: a few kept inline, no allocation)
        let mut scores: HashMap<u32, (f32, f32, LooseSeen)> = HashMap::new();
        for Concept {
            terms: c,
            weight,
            word,
        } in &concepts
        {
            // A concept is one meaning: a rare synonym or spelling of it is no stronger evidence
            // than the common one. Its close variants share the idf of the most frequent of them.
            let strongest = c.values().copied().fold(0.0, f32::max);
            let concept_idf = c
                .iter()
                .filter(|(_, w)| **w >= 0.8 * strongest)
                .map(|(t, _)| self.idf[t])
                .fold(f32::INFINITY, f32::min);
            // doc → (best score, weight of the variant that matched best, whether a variant
            // is written in the service as a word of its own, the best-scoring loose variant,
            // the idf of the best-scoring variant)
            let mut best: HashMap<u32, (f32, f32, bool, Option<u32>, f32)> = HashMap::new();
            for (term, vw) in c {
                // A phrase is no close variant of its words: it keeps its own idf.
                let idf = if term.contains(PHRASE_JOIN) {
                    self.idf[term]
                } else {
                    self.idf[term].min(concept_idf)
                };
                let loose = (*vw < strongest).then(|| neighbour_key(term));
                for &(doc, fw) in &self.postings[term] {
                    let s = vw * idf * fw.abs();
                    let e = best.entry(doc).or_default();
                    // Of variants scoring alike (close variants share one idf), the one that
                    // is not a loose variant an earlier query word met the service through,
                    // then the first by key: the ranking never depends on the order a hash
                    // map happens to list the variants in.
                    let tie = s == e.0 && {
                        let rank = |l: Option<u32>| {
                            let seen = l.is_some_and(|k| {
                                scores
                                    .get(&doc)
                                    .is_some_and(|d| d.2.seen_elsewhere(k, *word))
                            });
                            (seen, l)
                        };
                        rank(loose) < rank(e.3)
                    };
                    if s > e.0 || tie {
                        e.0 = s;
                        e.3 = loose;
                        e.4 = idf;
                    }
                    e.1 = e.1.max(*vw);
                    e.2 |= fw > 0.0;
                }
            }
            for (doc, (s, vw, whole, loose, idf)) in best {
                // One word of the service met by two concepts through loose variants
                // ("Existenzgründung" for both "open" and "shop") is one piece of evidence.
                let e = scores.entry(doc).or_default();
                // The parts of one compound share its whole word's variants.
                let shared = match loose {
                    Some(t) if e.2.seen_elsewhere(t, *word) => SHARED_LOOSE,
                    _ => 1.0,
                };
                if let Some(t) = loose {
                    e.2.push(t, *word);
                }
                e.0 += s * weight * shared;
                // A concept met only through a loose synonym is met in part; one met only
                // inside the service's compounds ("Haus" in "Wochenendhausgebiet") too, the
                // less the more common the part.
                // A rare part counts nearly in full ("taxi" in "Taxigenehmigung"): the part's
                // specificity, its idf relative to a word of one service, at least PART_COVERAGE.
                let inside = if whole {
                    1.0
                } else {
                    (idf / max_idf).clamp(PART_COVERAGE, 1.0)
                };
                e.1 += weight * inside * shared * (vw / strongest).min(1.0).powf(COVERAGE_SOFTNESS);
            }
        }
        let mut ranked: Vec<(u32, f32)> = scores
            .into_iter()
            .filter_map(|(doc, (sum, matched, _))| {
                let s = &self.services[doc as usize];
                if q.country.is_some_and(|c| c != s.country) || q.allowed.is_some_and(|f| !f(s)) {
                    return None;
                }
                let coverage = matched / total_weight;
                // A variant written in the citizen's language beats one shown in German.
                let native = if q.lang != Lang::De && s.title.get(q.lang).is_some() {
                    1.25
                } else {
                    1.0
                };
                Some((
                    doc,
                    sum * coverage * coverage * native + f32::from(s.popularity) * 0.004,
                ))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Far weaker than the best hit means a stray match (one weak synonym), not an answer.
        let floor = ranked.first().map_or(0.0, |(_, best)| best * 0.2);
        let mut seen = HashSet::new();
        let mut hits = Vec::new();
        for (doc, score) in ranked.into_iter().take_while(|(_, s)| *s >= floor) {
            let s = &self.services[doc as usize];
            if !seen.insert(s.id.as_str()) {
                continue;
            }
            hits.push(Hit {
                index: doc as usize,
                score,
                highlights: self.highlights(s, q.lang, &concepts),
            });
            if hits.len() >= q.limit {
                break;
            }
        }
        hits
    }

    /// The words of the shown title whose stem, or a compound part's, matched a concept.
    fn highlights(&self, s: &Service, lang: Lang, concepts: &[Concept]) -> Vec<Range<usize>> {
        let (title, shown) = s.title.get_or_de(lang);
        let matched = |t: &str| concepts.iter().any(|c| c.terms.contains_key(t));
        let mut out = Vec::new();
        for (tok, range) in tokens_with_spans(title) {
            if is_stopword(&tok) {
                continue;
            }
            let stem = self.stemmers.stem(shown, &tok);
            let hit = matched(&stem)
                || matched(&tok)
                || split_compound(&tok, &self.vocabulary).is_some_and(|parts| {
                    parts
                        .iter()
                        .any(|p| matched(&self.stemmers.stem(Lang::De, p)) || matched(p))
                });
            if hit && out.last() != Some(&range) {
                out.push(range);
            }
        }
        out
    }
}

/// Folds a query the way the index folds texts (for callers that compare).
pub fn normalise(text: &str) -> String {
    fold(text)
}

#[cfg(test)]
mod tests;
