//! Which characters an answer may contain, and the form in which answers are stored.
//!
//! # The repertoire
//!
//! Text answers accept the characters of DIN 91379 ("Zeichen in Unicode für die elektronische
//! Verarbeitung von Namen und den Datenaustausch in Europa", 2022-08, the successor of DIN SPEC
//! 91379 that German administrations exchange data in): every Latin letter of the European
//! languages with its diacritics, the letter sequences with combining marks the standard names,
//! Greek and Cyrillic letters (its extended sets), and its non-letters (digits, punctuation,
//! symbols, typographic quotes). That covers German, French, Italian, English, Romansh and
//! every neighbour, and it is what authorities downstream are required to accept.
//!
//! Of its non-letters N4 (tab, line feed, carriage return, no-break space), the no-break space
//! is accepted everywhere, line feed and tab in multi-line text only; a carriage return becomes
//! a line feed. Added to the standard, deliberately: the narrow no-break space U+202F (French
//! typography and number formatting put it where German puts a space, and
//! [`super::answers::parse_number`] reads it), and for multi-line text the en dash, em dash and
//! bullet that the authors of the standard's character lists propose for continuous text.
//!
//! Never accepted: control characters (C0, C1; line feed and tab only in multi-line text),
//! format characters (bidirectional overrides and isolates, zero-width characters, the soft
//! hyphen, the byte order mark), private-use and unassigned code points, noncharacters,
//! combining marks outside the standard's sequences, and every other script, emoji included:
//! none of it is in the standard, and the receipt's fonts need not draw it.
//!
//! Kinds with a syntax of their own (e-mail, phone, IBAN, numbers, dates…) accept a subset of
//! this repertoire through their syntax; choices must be one of their options.
//!
//! # Normal form
//!
//! What is stored, and what limits count, is the answer in Unicode NFC (a decomposed "é" from a
//! keyboard that sends "e" and a combining accent is stored as the one letter "é"), without white
//! space at either end, and with line breaks as line feeds. [`normalise`] makes it;
//! [`super::FormDefinition::clean_answers`] stores it; validation checks it.

use std::borrow::Cow;

/// Which repertoire a text answer is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repertoire {
    /// One line: names, one-line text, address parts, identifiers.
    Line,
    /// Several lines: the line repertoire with line feed, tab, en and em dash and bullet.
    Block,
}

/// The answer as it is stored: NFC, trimmed, line breaks as `\n` (CR LF and CR alike).
pub fn normalise(text: &str, repertoire: Repertoire) -> Cow<'_, str> {
    let composed = nfc(text);
    let trimmed = composed.trim();
    if repertoire == Repertoire::Block && trimmed.contains('\r') {
        return Cow::Owned(trimmed.replace("\r\n", "\n").replace('\r', "\n"));
    }
    if trimmed.len() == composed.len() {
        return composed;
    }
    match composed {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
    }
}

/// `text` in Unicode NFC.
fn nfc(text: &str) -> Cow<'_, str> {
    // Below U+0300 nothing decomposes or combines, so most answers need no work.
    if text.chars().all(|c| c < '\u{300}') {
        return Cow::Borrowed(text);
    }
    compose(text)
}

/// On the server: the `unicode-normalization` crate.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn compose(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// In the browser: the browser's own `String.prototype.normalize`, the same NFC for every
/// assigned character (Unicode keeps it stable), without shipping Unicode's composition
/// tables in the app a second time (they would add about 54 kB, brotli, to its wasm).
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn compose(text: &str) -> Cow<'_, str> {
    let composed = String::from(js_sys::JsString::from(text).normalize("NFC"));
    if composed == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(composed)
    }
}

/// The first character of `text` the repertoire does not accept, if any. Expects `text` in
/// normal form (see [`normalise`]): a combining mark is accepted only as part of one of the
/// standard's letter sequences, which are written composed where Unicode can.
pub fn first_refused(text: &str, repertoire: Repertoire) -> Option<char> {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if after.chars().next().is_some_and(is_combining)
            && let Some(seq) = SEQUENCES
                .iter()
                .filter(|s| rest.starts_with(**s))
                .max_by_key(|s| s.len())
        {
            rest = &rest[seq.len()..];
            continue;
        }
        if !accepts(c, repertoire) {
            return Some(c);
        }
        rest = after;
    }
    None
}

/// Whether the repertoire accepts `c` on its own (combining marks only come in
/// [`sequences`]).
pub fn accepts(c: char, repertoire: Repertoire) -> bool {
    if c.is_ascii() {
        return c == ' '
            || c.is_ascii_graphic()
            || (repertoire == Repertoire::Block && matches!(c, '\n' | '\t'));
    }
    let within = |table: &[(char, char)]| table.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c));
    within(LATIN)
        || within(NON_LETTERS_N1)
        || within(NON_LETTERS_N2)
        || within(NON_LETTERS_N3)
        || within(GREEK)
        || within(CYRILLIC)
        || within(NON_LETTERS_E1)
        || matches!(c, '\u{a0}' | '\u{202f}')
        || (repertoire == Repertoire::Block && matches!(c, '\u{2013}' | '\u{2014}' | '\u{2022}'))
}

/// Every character the repertoire accepts on its own, in code point order (for the receipt's
/// test that its fonts draw all of them).
pub fn repertoire(repertoire: Repertoire) -> impl Iterator<Item = char> {
    let tables = [
        LATIN,
        NON_LETTERS_N1,
        NON_LETTERS_N2,
        NON_LETTERS_N3,
        GREEK,
        CYRILLIC,
        NON_LETTERS_E1,
    ];
    let candidates: std::collections::BTreeSet<char> = tables
        .into_iter()
        .flatten()
        .flat_map(|(lo, hi)| *lo..=*hi)
        .chain([
            '\t', '\n', '\u{a0}', '\u{202f}', '\u{2013}', '\u{2014}', '\u{2022}',
        ])
        .collect();
    candidates
        .into_iter()
        .filter(move |c| accepts(*c, repertoire))
}

/// The letter sequences with combining marks the repertoire accepts (DIN 91379), in NFC.
pub fn sequences() -> &'static [&'static str] {
    SEQUENCES
}

/// A combining diacritical mark (the blocks European scripts use).
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// A code point as Unicode writes it: `U+00E9`, `U+1F600`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The character of a `U+…` code point, if it is one.
pub fn parse_code_point(text: &str) -> Option<char> {
    let hex = text.strip_prefix("U+")?;
    if hex.len() < 4 || hex.len() > 6 {
        return None;
    }
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

/// How a message can show a refused character to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Appearance {
    /// A character one can see, written as it can be shown (a combining mark on a dotted
    /// circle: "◌́").
    Visible(String),
    /// White space other than the ordinary space.
    Space,
    /// Nothing to see: a control or format character, private use, a noncharacter. Shown by
    /// its code point only (a bidirectional override would turn the message around).
    Invisible,
}

/// How `c` can be shown in a message.
pub fn appearance(c: char) -> Appearance {
    if invisible(c) {
        Appearance::Invisible
    } else if c.is_whitespace() {
        Appearance::Space
    } else if is_combining(c) {
        Appearance::Visible(format!("\u{25cc}{c}"))
    } else {
        Appearance::Visible(c.to_string())
    }
}

/// Characters that show nothing or change how others are shown: controls, format characters
/// and the other default-ignorable code points, private use, noncharacters. The receipt never
/// draws them either.
pub fn invisible(c: char) -> bool {
    let u = c as u32;
    c.is_control()
        || matches!(
            u,
            // Format characters (general category Cf) as of Unicode 15.
            0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2 | 0x180E
                | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
                | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F
                // Other default-ignorable code points: grapheme joiner, fillers, variation
                // selectors, reserved.
                | 0x34F | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F | 0x3164
                | 0xFE00..=0xFE0F | 0xFFA0 | 0xFFF0..=0xFFF8 | 0xE0000..=0xE0FFF
                // Private use.
                | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF
                // Noncharacters.
                | 0xFDD0..=0xFDEF
        )
        || u & 0xFFFE == 0xFFFE
}

// The character lists of DIN 91379:2022-08 as code point ranges, group by group (the
// standard's name of each group in parentheses).

/// DIN 91379 Latin letters (`bll`, normative).
const LATIN: &[(char, char)] = &[
    ('\u{0041}', '\u{005A}'), // A–Z
    ('\u{0061}', '\u{007A}'), // a–z
    ('\u{00C0}', '\u{00D6}'), // À–Ö
    ('\u{00D8}', '\u{00F6}'), // Ø–ö
    ('\u{00F8}', '\u{017E}'), // ø–ž
    ('\u{0187}', '\u{0188}'), // Ƈ–ƈ
    ('\u{018F}', '\u{018F}'), // Ə
    ('\u{0197}', '\u{0197}'), // Ɨ
    ('\u{01A0}', '\u{01A1}'), // Ơ–ơ
    ('\u{01AF}', '\u{01B0}'), // Ư–ư
    ('\u{01B7}', '\u{01B7}'), // Ʒ
    ('\u{01CD}', '\u{01DC}'), // Ǎ–ǜ
    ('\u{01DE}', '\u{01DF}'), // Ǟ–ǟ
    ('\u{01E2}', '\u{01F0}'), // Ǣ–ǰ
    ('\u{01F4}', '\u{01F5}'), // Ǵ–ǵ
    ('\u{01F8}', '\u{01FF}'), // Ǹ–ǿ
    ('\u{0212}', '\u{0213}'), // Ȓ–ȓ
    ('\u{0218}', '\u{021B}'), // Ș–ț
    ('\u{021E}', '\u{021F}'), // Ȟ–ȟ
    ('\u{0227}', '\u{0233}'), // ȧ–ȳ
    ('\u{0259}', '\u{0259}'), // ə
    ('\u{0268}', '\u{0268}'), // ɨ
    ('\u{0292}', '\u{0292}'), // ʒ
    ('\u{1E02}', '\u{1E03}'), // Ḃ–ḃ
    ('\u{1E06}', '\u{1E07}'), // Ḇ–ḇ
    ('\u{1E0A}', '\u{1E11}'), // Ḋ–ḑ
    ('\u{1E17}', '\u{1E17}'), // ḗ
    ('\u{1E1C}', '\u{1E2B}'), // Ḝ–ḫ
    ('\u{1E2F}', '\u{1E37}'), // ḯ–ḷ
    ('\u{1E3A}', '\u{1E3B}'), // Ḻ–ḻ
    ('\u{1E40}', '\u{1E49}'), // Ṁ–ṉ
    ('\u{1E52}', '\u{1E5B}'), // Ṓ–ṛ
    ('\u{1E5E}', '\u{1E63}'), // Ṟ–ṣ
    ('\u{1E6A}', '\u{1E6F}'), // Ṫ–ṯ
    ('\u{1E80}', '\u{1E87}'), // Ẁ–ẇ
    ('\u{1E8C}', '\u{1E97}'), // Ẍ–ẗ
    ('\u{1E9E}', '\u{1E9E}'), // ẞ
    ('\u{1EA0}', '\u{1EF9}'), // Ạ–ỹ
];

/// DIN 91379 Non-letters N1 (`bnlreq`, normative): what names need.
const NON_LETTERS_N1: &[(char, char)] = &[
    ('\u{0020}', '\u{0020}'), // U+0020
    ('\u{0027}', '\u{0027}'), // '
    ('\u{002C}', '\u{002E}'), // ,–.
    ('\u{0060}', '\u{0060}'), // `
    ('\u{007E}', '\u{007E}'), // ~
    ('\u{00A8}', '\u{00A8}'), // ¨
    ('\u{00B4}', '\u{00B4}'), // ´
    ('\u{00B7}', '\u{00B7}'), // ·
    ('\u{02B9}', '\u{02BA}'), // ʹ–ʺ
    ('\u{02BE}', '\u{02BF}'), // ʾ–ʿ
    ('\u{02C8}', '\u{02C8}'), // ˈ
    ('\u{02CC}', '\u{02CC}'), // ˌ
    ('\u{2019}', '\u{2019}'), // ’
    ('\u{2021}', '\u{2021}'), // ‡
];

/// DIN 91379 Non-letters N2 (`bnl`, normative): digits, punctuation, symbols.
const NON_LETTERS_N2: &[(char, char)] = &[
    ('\u{0021}', '\u{0026}'), // !–&
    ('\u{0028}', '\u{002B}'), // (–+
    ('\u{002F}', '\u{0040}'), // /–@
    ('\u{005B}', '\u{005F}'), // [–_
    ('\u{007B}', '\u{007D}'), // {–}
    ('\u{00A1}', '\u{00A3}'), // ¡–£
    ('\u{00A5}', '\u{00A5}'), // ¥
    ('\u{00A7}', '\u{00A7}'), // §
    ('\u{00A9}', '\u{00AC}'), // ©–¬
    ('\u{00AE}', '\u{00B3}'), // ®–³
    ('\u{00B5}', '\u{00B6}'), // µ–¶
    ('\u{00B9}', '\u{00BB}'), // ¹–»
    ('\u{00BF}', '\u{00BF}'), // ¿
    ('\u{00D7}', '\u{00D7}'), // ×
    ('\u{00F7}', '\u{00F7}'), // ÷
    ('\u{20AC}', '\u{20AC}'), // €
];

/// DIN 91379 Non-letters N3 (`bnlopt`, normative).
const NON_LETTERS_N3: &[(char, char)] = &[
    ('\u{00A4}', '\u{00A4}'), // ¤
    ('\u{00A6}', '\u{00A6}'), // ¦
    ('\u{00B8}', '\u{00B8}'), // ¸
    ('\u{00BC}', '\u{00BE}'), // ¼–¾
];

/// DIN 91379 Greek letters (`gl`, extended).
const GREEK: &[(char, char)] = &[
    ('\u{0386}', '\u{0386}'), // Ά
    ('\u{0388}', '\u{038A}'), // Έ–Ί
    ('\u{038C}', '\u{038C}'), // Ό
    ('\u{038E}', '\u{03A1}'), // Ύ–Ρ
    ('\u{03A3}', '\u{03CE}'), // Σ–ώ
];

/// DIN 91379 Cyrillic letters (`cl`, extended).
const CYRILLIC: &[(char, char)] = &[
    ('\u{040D}', '\u{040D}'), // Ѝ
    ('\u{0410}', '\u{042A}'), // А–Ъ
    ('\u{042C}', '\u{042C}'), // Ь
    ('\u{042E}', '\u{044A}'), // Ю–ъ
    ('\u{044C}', '\u{044C}'), // ь
    ('\u{044E}', '\u{044F}'), // ю–я
    ('\u{045D}', '\u{045D}'), // ѝ
];

/// DIN 91379 Non-letters E1 (`enl`, extended).
const NON_LETTERS_E1: &[(char, char)] = &[
    ('\u{0192}', '\u{0192}'), // ƒ
    ('\u{02B0}', '\u{02B0}'), // ʰ
    ('\u{02B3}', '\u{02B3}'), // ʳ
    ('\u{02C6}', '\u{02C6}'), // ˆ
    ('\u{02DC}', '\u{02DC}'), // ˜
    ('\u{02E2}', '\u{02E2}'), // ˢ
    ('\u{1D48}', '\u{1D48}'), // ᵈ
    ('\u{1D57}', '\u{1D57}'), // ᵗ
    ('\u{2018}', '\u{2018}'), // ‘
    ('\u{201A}', '\u{201A}'), // ‚
    ('\u{201C}', '\u{201E}'), // “–„
    ('\u{2020}', '\u{2020}'), // †
    ('\u{2026}', '\u{2026}'), // …
    ('\u{2030}', '\u{2030}'), // ‰
    ('\u{2032}', '\u{2033}'), // ′–″
    ('\u{2039}', '\u{203A}'), // ‹–›
    ('\u{2070}', '\u{2070}'), // ⁰
    ('\u{2074}', '\u{2079}'), // ⁴–⁹
    ('\u{207F}', '\u{2089}'), // ⁿ–₉
    ('\u{2122}', '\u{2122}'), // ™
    ('\u{221E}', '\u{221E}'), // ∞
    ('\u{2264}', '\u{2265}'), // ≤–≥
];

/// DIN 91379 letter sequences: a base letter with combining diacritics (`dc`) for which
/// Unicode has no precomposed letter, in NFC. Outside these a combining mark is refused.
const SEQUENCES: &[&str] = &[
    "A\u{30B}",
    "C\u{300}",
    "C\u{304}",
    "C\u{306}",
    "C\u{308}",
    "C\u{315}",
    "C\u{323}",
    "C\u{326}",
    "C\u{328}\u{306}",
    "D\u{302}",
    "F\u{300}",
    "F\u{304}",
    "G\u{300}",
    "H\u{304}",
    "H\u{326}",
    "H\u{331}",
    "J\u{301}",
    "J\u{30C}",
    "K\u{300}",
    "K\u{302}",
    "K\u{304}",
    "K\u{307}",
    "K\u{315}",
    "K\u{31B}",
    "K\u{326}",
    "K\u{35F}H",
    "K\u{35F}h",
    "L\u{302}",
    "L\u{325}",
    "L\u{325}\u{304}",
    "L\u{326}",
    "M\u{300}",
    "M\u{302}",
    "M\u{306}",
    "M\u{310}",
    "N\u{302}",
    "N\u{304}",
    "N\u{306}",
    "N\u{326}",
    "P\u{300}",
    "P\u{304}",
    "P\u{315}",
    "P\u{323}",
    "R\u{306}",
    "R\u{325}",
    "R\u{325}\u{304}",
    "S\u{300}",
    "S\u{304}",
    "S\u{31B}\u{304}",
    "S\u{331}",
    "T\u{300}",
    "T\u{304}",
    "T\u{308}",
    "T\u{315}",
    "T\u{31B}",
    "U\u{307}",
    "Z\u{300}",
    "Z\u{304}",
    "Z\u{306}",
    "Z\u{308}",
    "Z\u{327}",
    "a\u{30B}",
    "c\u{300}",
    "c\u{304}",
    "c\u{306}",
    "c\u{308}",
    "c\u{315}",
    "c\u{323}",
    "c\u{326}",
    "c\u{328}\u{306}",
    "d\u{302}",
    "f\u{300}",
    "f\u{304}",
    "g\u{300}",
    "h\u{304}",
    "h\u{326}",
    "j\u{301}",
    "k\u{300}",
    "k\u{302}",
    "k\u{304}",
    "k\u{307}",
    "k\u{315}",
    "k\u{31B}",
    "k\u{326}",
    "k\u{35F}h",
    "l\u{302}",
    "l\u{325}",
    "l\u{325}\u{304}",
    "l\u{326}",
    "m\u{300}",
    "m\u{302}",
    "m\u{306}",
    "m\u{310}",
    "n\u{302}",
    "n\u{304}",
    "n\u{306}",
    "n\u{326}",
    "p\u{300}",
    "p\u{304}",
    "p\u{315}",
    "p\u{323}",
    "r\u{306}",
    "r\u{325}",
    "r\u{325}\u{304}",
    "s\u{300}",
    "s\u{304}",
    "s\u{31B}\u{304}",
    "s\u{331}",
    "t\u{300}",
    "t\u{304}",
    "t\u{315}",
    "t\u{31B}",
    "u\u{307}",
    "z\u{300}",
    "z\u{304}",
    "z\u{306}",
    "z\u{308}",
    "z\u{327}",
    "\u{C7}\u{306}",
    "\u{DB}\u{304}",
    "\u{E7}\u{306}",
    "\u{FB}\u{304}",
    "\u{FF}\u{301}",
    "\u{10C}\u{315}",
    "\u{10C}\u{323}",
    "\u{10D}\u{315}",
    "\u{10D}\u{323}",
    "\u{113}\u{30D}",
    "\u{12A}\u{301}",
    "\u{12B}\u{301}",
    "\u{14D}\u{30D}",
    "\u{17D}\u{326}",
    "\u{17D}\u{327}",
    "\u{17E}\u{326}",
    "\u{17E}\u{327}",
    "\u{1E32}\u{304}",
    "\u{1E33}\u{304}",
    "\u{1E62}\u{304}",
    "\u{1E63}\u{304}",
    "\u{1E6C}\u{304}",
    "\u{1E6D}\u{304}",
    "\u{1EA0}\u{308}",
    "\u{1EA1}\u{308}",
    "\u{1ECC}\u{308}",
    "\u{1ECD}\u{308}",
    "\u{1EE4}\u{304}",
    "\u{1EE4}\u{308}",
    "\u{1EE5}\u{304}",
    "\u{1EE5}\u{308}",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_the_languages_and_their_neighbours_are_accepted() {
        for text in [
            "Anna-Lena Müller-Lüdenscheidt",
            "François d’Hérouville, Cœur",
            "Niccolò Àlvarez Çelik",
            "Ærøskøbing Åsa Ødegård ÿ",
            "Łucja Żółć Ďábelová Şahin Țăran",
            "Nguyễn Đức Ǻsa Ɨ ə",
            "Ζεύς Αθηνά Ϊ ΰ",
            "Българска овчарка Ѝ",
            "K\u{35f}han r\u{325}\u{304} \u{1ee5}\u{308}",
            "1'200.50 € § 3 ¼ «Zitat» „Zitat“ ‹x› ™ ≤ ∞ ₂ ⁴",
            "Rue\u{a0}du\u{202f}Lac",
        ] {
            assert_eq!(first_refused(text, Repertoire::Line), None, "{text}");
        }
        assert_eq!(first_refused("a\n\tb – c — • d", Repertoire::Block), None);
    }

    #[test]
    fn everything_else_is_refused_with_the_first_character_outside() {
        for (text, refused) in [
            ("Luna 🐶", '🐶'),
            ("小狗", '小'),
            ("Lu\u{0}na", '\u{0}'),
            ("Pudel\u{7}", '\u{7}'),
            ("\u{1b}[31m", '\u{1b}'),
            ("a\u{85}b", '\u{85}'),
            ("abc\u{202e}fdp.exe", '\u{202e}'),
            ("a\u{2066}b", '\u{2066}'),
            ("Zero\u{200b}width", '\u{200b}'),
            ("Soft\u{ad}hyphen", '\u{ad}'),
            ("\u{feff}BOM", '\u{feff}'),
            ("private \u{e000}", '\u{e000}'),
            ("non\u{fffe}char", '\u{fffe}'),
            ("unassigned \u{378}", '\u{378}'),
            ("Hebrew א", 'א'),
            // Not in the standard's Cyrillic (it has the Bulgarian alphabet).
            ("Ёлка", 'Ё'),
            // A combining mark outside the standard's sequences, or on nothing.
            ("B\u{30b}", '\u{30b}'),
            (" \u{301}", '\u{301}'),
            ("tab\there", '\t'),
            ("line\nbreak", '\n'),
            ("em\u{2003}space", '\u{2003}'),
            ("dash – one line", '–'),
        ] {
            assert_eq!(
                first_refused(text, Repertoire::Line),
                Some(refused),
                "{text:?}"
            );
        }
        assert_eq!(first_refused("a\rb", Repertoire::Block), Some('\r'));
        assert_eq!(first_refused("a\u{0}b", Repertoire::Block), Some('\0'));
    }

    #[test]
    fn the_repertoire_lists_every_character_accepted() {
        for lines in [Repertoire::Line, Repertoire::Block] {
            let listed: Vec<char> = repertoire(lines).collect();
            let accepted: Vec<char> = ('\0'..='\u{ffff}').filter(|c| accepts(*c, lines)).collect();
            assert_eq!(listed, accepted);
        }
        assert_eq!(repertoire(Repertoire::Line).count(), 759);
    }

    #[test]
    fn the_standards_sequences_are_composed_and_accepted() {
        for seq in sequences() {
            assert_eq!(normalise(seq, Repertoire::Line), *seq, "{seq:?} is not NFC");
            assert_eq!(first_refused(seq, Repertoire::Line), None, "{seq:?}");
            assert!(seq.chars().skip(1).any(is_combining), "{seq:?}");
        }
    }

    #[test]
    fn answers_are_stored_composed_trimmed_with_line_feeds() {
        assert_eq!(normalise("Rene\u{301}e", Repertoire::Line), "Ren\u{e9}e");
        assert_eq!(normalise("  Anna \u{a0}\n", Repertoire::Line), "Anna");
        assert_eq!(
            normalise(" eins\r\nzwei\rdrei\n ", Repertoire::Block),
            "eins\nzwei\ndrei"
        );
        // Inside a line a carriage return stays, for the repertoire to refuse.
        assert_eq!(normalise("a\r\nb", Repertoire::Line), "a\r\nb");
        // Nothing to do: nothing copied.
        assert!(matches!(
            normalise("Anna", Repertoire::Line),
            Cow::Borrowed("Anna")
        ));
        // Composition makes "Å" of the Ångström sign, which the repertoire accepts.
        assert_eq!(normalise("\u{212b}", Repertoire::Line), "\u{c5}");
    }

    #[test]
    fn refused_characters_are_shown_only_when_they_can_be_seen() {
        assert_eq!(appearance('😀'), Appearance::Visible("😀".into()));
        assert_eq!(
            appearance('\u{301}'),
            Appearance::Visible("◌\u{301}".into())
        );
        assert_eq!(appearance('\u{2003}'), Appearance::Space);
        for c in [
            '\0', '\u{7}', '\u{1b}', '\u{85}', '\u{202e}', '\u{feff}', '\u{e000}',
        ] {
            assert_eq!(appearance(c), Appearance::Invisible, "{c:?}");
        }
        assert_eq!(code_point('\u{1b}'), "U+001B");
        assert_eq!(code_point('😀'), "U+1F600");
        assert_eq!(parse_code_point("U+1F600"), Some('😀'));
        assert_eq!(parse_code_point("U+D800"), None);
        assert_eq!(parse_code_point("1F600"), None);
    }
}
