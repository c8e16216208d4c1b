//! Format and check-digit tests for identifiers and contact data.
//!
//! IBAN and e-mail use maintained crates (`iban_validate`: ISO 13616 checksum and the length
//! per country from the SWIFT registry; `email_address`: RFC 5321/5322 syntax). The AHV number
//! and the German Steuer-ID have no maintained crate; their check digits are short public
//! algorithms (EAN-13, ISO 7064 MOD 11,10), implemented here and tested against known numbers.
//! An animal's microchip (ISO 11784) begins with a country code from maintained data
//! ([`super::country_codes`], generated) or a manufacturer code. The identifiers say why they
//! are refused ([`Flaw`]), so that the message can say what to correct.

use time::{Date, Duration, Month};

/// An IBAN, with or without spaces, any case.
pub fn iban_ok(input: &str) -> bool {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    compact.parse::<iban::Iban>().is_ok()
}

/// An e-mail address every mail server delivers to (`name@example.ch`): the RFC 5322 syntax
/// (`email_address`) narrowed to what confirmation e-mails can be sent to without SMTPUTF8 or
/// an address parser's corner cases: ASCII, an unquoted local part (letters, digits and
/// `.!#$%&'*+-/=?^_`{|}~`), a host name of letters, digits and hyphens with at least one dot.
/// No display name (`Anna <anna@example.ch>`), comment or IP address literal.
pub fn email_ok(input: &str) -> bool {
    let t = input.trim();
    let Some((local, domain)) = t.rsplit_once('@') else {
        return false;
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    let label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let options = email_address::Options::default()
        .without_display_text()
        .without_domain_literal();
    local.chars().all(atext)
        && domain.contains('.')
        && domain.split('.').all(label)
        && email_address::EmailAddress::parse_with_options(t, options).is_ok()
}

/// A phone number: digits with the usual separators, an optional leading `+` or `00`, between
/// 6 and 15 digits (E.164 allows 15).
pub fn phone_ok(input: &str) -> bool {
    let t = input.trim();
    let rest = t.strip_prefix('+').unwrap_or(t);
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '/' | '(' | ')' | '.'))
    {
        return false;
    }
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits)
}

/// Why an identifier is refused, so that the message can say what is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// Not the identifier's shape: other characters, too few or too many digits, or not the
    /// fixed start (756 of an AHV number).
    Format,
    /// The shape fits but the digits do not agree (the check digit, the Steuer-ID's rule of
    /// repeated digits): most likely a digit mistyped or two swapped.
    CheckDigit,
    /// The shape fits but the code it begins with is not assigned (a chip's country or
    /// manufacturer code).
    Prefix,
}

/// The digits of `input` when it holds only digits and `separators`; `None` otherwise.
fn digits_of(input: &str, separators: &[char]) -> Option<Vec<u32>> {
    let t = input.trim();
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || separators.contains(&c))
    {
        return None;
    }
    Some(t.chars().filter_map(|c| c.to_digit(10)).collect())
}

/// A Swiss AHV/AVS number: `756.1234.5678.97`, dots and spaces optional; 13 digits starting
/// with 756, the last an EAN-13 check digit.
pub fn ahv(input: &str) -> Result<(), Flaw> {
    let digits = digits_of(input, &['.', ' ']).ok_or(Flaw::Format)?;
    if digits.len() != 13 || digits[..3] != [7, 5, 6] {
        return Err(Flaw::Format);
    }
    let sum: u32 = digits[..12]
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
        .sum();
    if (10 - sum % 10) % 10 == digits[12] {
        Ok(())
    } else {
        Err(Flaw::CheckDigit)
    }
}

/// A German Steuerliche Identifikationsnummer: 11 digits, spaces allowed, the first not 0
/// (else [`Flaw::Format`]); in the first ten one digit occurs twice or three times (three
/// times never in a row) and the others at most once, and the last is the ISO 7064 MOD 11,10
/// check digit (else [`Flaw::CheckDigit`]: both rules catch a mistyped digit).
pub fn steuer_id(input: &str) -> Result<(), Flaw> {
    let digits = digits_of(input, &[' ']).ok_or(Flaw::Format)?;
    if digits.len() != 11 || digits[0] == 0 {
        return Err(Flaw::Format);
    }
    let mut counts = [0u8; 10];
    for d in &digits[..10] {
        counts[*d as usize] += 1;
    }
    let repeated: Vec<usize> = (0..10).filter(|d| counts[*d] > 1).collect();
    if repeated.len() != 1 || counts[repeated[0]] > 3 {
        return Err(Flaw::CheckDigit);
    }
    if counts[repeated[0]] == 3 {
        let r = repeated[0] as u32;
        if digits[..10].windows(3).any(|w| w.iter().all(|d| *d == r)) {
            return Err(Flaw::CheckDigit);
        }
    }
    let mut product = 10;
    for d in &digits[..10] {
        let mut sum = (d + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    if (11 - product) % 10 == digits[10] {
        Ok(())
    } else {
        Err(Flaw::CheckDigit)
    }
}

/// Manufacturer codes of ISO 11784 (assigned by ICAR), in place of a country code.
pub const CHIP_MANUFACTURER_CODES: std::ops::RangeInclusive<u16> = 900..=998;

/// An animal's microchip number as ISO 11784/11785 (FDX-B) chips show it in decimal: 15
/// digits, spaces allowed (else [`Flaw::Format`]); the first three an ISO 3166-1 numeric
/// country code ([`super::country_codes`]) or a manufacturer code, 900 to 998 (else
/// [`Flaw::Prefix`]; 999 marks test transponders). The chip has no check digit.
pub fn animal_chip(input: &str) -> Result<(), Flaw> {
    let digits = digits_of(input, &[' ']).ok_or(Flaw::Format)?;
    if digits.len() != 15 {
        return Err(Flaw::Format);
    }
    let prefix = (digits[0] * 100 + digits[1] * 10 + digits[2]) as u16;
    if CHIP_MANUFACTURER_CODES.contains(&prefix)
        || super::country_codes::ISO_3166_NUMERIC
            .binary_search(&prefix)
            .is_ok()
    {
        Ok(())
    } else {
        Err(Flaw::Prefix)
    }
}

/// A calendar date as people type it: ISO `2026-11-23` (what date inputs send) or
/// `23.11.2026`.
pub fn parse_date(input: &str) -> Option<Date> {
    let t = input.trim();
    let (y, m, d) = if let Some((y, rest)) = t.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (y, m, d)
    } else {
        let mut parts = t.split('.');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !all_digits(y) || !all_digits(m) || !all_digits(d) {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// Resolves a date bound of a form: `today`, days (`today+30`, `today-14`), whole years
/// (`today-18y`: the 18th birthday; 29 February counts as 28 February in other years) or a
/// fixed date (`2026-01-01`).
pub fn resolve_bound(bound: &str, today: Date) -> Option<Date> {
    let b = bound.trim();
    if let Some(rest) = b.strip_prefix("today") {
        if rest.is_empty() {
            return Some(today);
        }
        let rest = rest.strip_prefix('+').unwrap_or(rest);
        if let Some(years) = rest.strip_suffix('y') {
            let year = today.year().checked_add(years.parse::<i32>().ok()?)?;
            return today
                .replace_year(year)
                .or_else(|_| Date::from_calendar_date(year, today.month(), 28))
                .ok();
        }
        let days: i64 = rest.parse().ok()?;
        return today.checked_add(Duration::days(days));
    }
    parse_date(b)
}

/// The number of whole years of a bound `today-Ny` (an age limit on a date of birth), `None`
/// for every other bound.
pub fn years_ago(bound: &str) -> Option<u32> {
    let n = bound.trim().strip_prefix("today-")?.strip_suffix('y')?;
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    n.parse().ok().filter(|n| *n > 0)
}

/// A date as ISO `YYYY-MM-DD`.
pub fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A date as people in the portal's countries write it (`23.11.2026`; English `23/11/2026`).
pub fn display_date(date: Date, lang: crate::Lang) -> String {
    let sep = if lang == crate::Lang::En { '/' } else { '.' };
    format!(
        "{:02}{sep}{:02}{sep}{:04}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iban() {
        assert!(iban_ok("CH93 0076 2011 6238 5295 7"));
        assert!(iban_ok("ch9300762011623852957"));
        assert!(iban_ok("DE89 3704 0044 0532 0130 00"));
        assert!(!iban_ok("CH93 0076 2011 6238 5295 8"));
        assert!(!iban_ok("DE89 3704 0044 0532 0130 0"));
        assert!(!iban_ok("hello"));
    }

    #[test]
    fn ahv() {
        // The example number of the Swiss Central Compensation Office.
        assert!(super::ahv("756.1234.5678.97").is_ok());
        assert!(super::ahv("7561234567897").is_ok());
        assert!(super::ahv(" 756 1234 5678 97 ").is_ok());
        // The shape fits, the check digit does not: a digit mistyped.
        assert_eq!(super::ahv("756.1234.5678.98"), Err(Flaw::CheckDigit));
        assert_eq!(
            super::ahv("756.1243.5678.97"),
            Err(Flaw::CheckDigit),
            "swapped"
        );
        // Not the shape: another start, too few digits, other characters.
        assert_eq!(super::ahv("757.1234.5678.97"), Err(Flaw::Format));
        assert_eq!(super::ahv("756.1234.5678"), Err(Flaw::Format));
        assert_eq!(super::ahv("756.1234.5678.970"), Err(Flaw::Format));
        assert_eq!(super::ahv("756-1234-5678-97"), Err(Flaw::Format));
        assert_eq!(super::ahv("756.1234.5678.9A"), Err(Flaw::Format));
        assert_eq!(super::ahv(""), Err(Flaw::Format));
    }

    #[test]
    fn steuer_id() {
        // Published test numbers of the Bundeszentralamt für Steuern.
        assert!(super::steuer_id("86095742719").is_ok());
        assert!(super::steuer_id("47036892816").is_ok());
        assert!(super::steuer_id("65929970489").is_ok());
        assert!(super::steuer_id("57549285017").is_ok());
        assert!(super::steuer_id("25768131411").is_ok());
        assert!(super::steuer_id("86 095 742 719").is_ok());
        let flaw = super::steuer_id;
        assert_eq!(
            flaw("86095742718"),
            Err(Flaw::CheckDigit),
            "wrong check digit"
        );
        assert_eq!(
            flaw("12345678903"),
            Err(Flaw::CheckDigit),
            "no repeated digit"
        );
        assert_eq!(flaw("11123456780"), Err(Flaw::CheckDigit), "three in a row");
        assert_eq!(flaw("06095742719"), Err(Flaw::Format), "leading zero");
        assert_eq!(flaw("8609574271"), Err(Flaw::Format), "too short");
        assert_eq!(flaw("860957427190"), Err(Flaw::Format), "too long");
        assert_eq!(flaw("86/095/742/719"), Err(Flaw::Format), "slashes");
    }

    #[test]
    fn animal_chip() {
        let chip = super::animal_chip;
        // Country codes: Germany, Switzerland, Austria (040: leading zero), Liechtenstein.
        assert_eq!(chip("276098100123456"), Ok(()));
        assert_eq!(chip("756 0981 0012 3456"), Ok(()));
        assert_eq!(chip("040098100123456"), Ok(()));
        assert_eq!(chip("438098100123456"), Ok(()));
        // Manufacturer codes 900 to 998.
        assert_eq!(chip("900123456789012"), Ok(()));
        assert_eq!(chip("981 000 012 345 678"), Ok(()));
        assert_eq!(chip("998123456789012"), Ok(()));
        // Fifteen digits, but neither a country nor a manufacturer: 123 and 000 are not
        // assigned, 999 marks test transponders.
        assert_eq!(chip("123456789012345"), Err(Flaw::Prefix));
        assert_eq!(chip("000123456789012"), Err(Flaw::Prefix));
        assert_eq!(chip("999123456789012"), Err(Flaw::Prefix));
        // Not fifteen digits.
        assert_eq!(chip("12345"), Err(Flaw::Format));
        assert_eq!(chip("abc"), Err(Flaw::Format));
        assert_eq!(chip("2760981001234567"), Err(Flaw::Format));
        assert_eq!(chip("27609810012345"), Err(Flaw::Format));
        assert_eq!(chip("276-098-100-123-456"), Err(Flaw::Format));
        assert_eq!(chip("27609810012345A"), Err(Flaw::Format));
        assert_eq!(chip(""), Err(Flaw::Format));
    }

    #[test]
    fn country_codes_are_sorted_iso_numbers() {
        let codes = super::super::country_codes::ISO_3166_NUMERIC;
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "ascending, unique");
        assert!(codes.iter().all(|c| (1..900).contains(c)));
        for (code, country) in [
            (756, "CH"),
            (276, "DE"),
            (40, "AT"),
            (438, "LI"),
            (250, "FR"),
        ] {
            assert!(codes.binary_search(&code).is_ok(), "{country}");
        }
        assert!(codes.len() >= 240);
    }

    #[test]
    fn email_and_phone() {
        assert!(email_ok("anna.muster@example.ch"));
        assert!(email_ok(" anna+hund@gemeinde-glinde.de "));
        assert!(!email_ok("anna@localhost"));
        assert!(!email_ok("anna.example.ch"));
        assert!(!email_ok("anna@@example.ch"));
        assert!(email_ok(
            "o'brien.x-y_z!#$%&*+/=?^`{|}~@sub.gemeinde-glinde.de"
        ));
        // What the RFC allows but not every mail system delivers: refused.
        for refused in [
            "Anna <anna@example.ch>",
            "\"anna muster\"@example.ch",
            "anna@[192.168.0.1]",
            "anna@[127.0.0.256]",
            "müller@example.ch",
            "anna@zürich.ch",
            "anna(comment)@example.ch",
            "anna@-example.ch",
            "anna@example..ch",
            ".anna@example.ch",
            "an..na@example.ch",
        ] {
            assert!(!email_ok(refused), "{refused}");
        }
        assert!(phone_ok("+41 62 835 11 11"));
        assert!(phone_ok("040 / 710 02-0"));
        assert!(phone_ok("(062) 835 11 11"));
        assert!(!phone_ok("12345"));
        assert!(!phone_ok("call me"));
    }

    #[test]
    fn dates() {
        let d = parse_date("2026-11-23").unwrap();
        assert_eq!(parse_date("23.11.2026"), Some(d));
        assert_eq!(
            parse_date("3.2.2026").map(iso).as_deref(),
            Some("2026-02-03")
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("tomorrow"), None);
        assert_eq!(parse_date("26-11-23"), None);
        assert_eq!(resolve_bound("today", d), Some(d));
        assert_eq!(
            resolve_bound("today+8", d).map(iso).as_deref(),
            Some("2026-12-01")
        );
        assert_eq!(
            resolve_bound("today-365", d).map(iso).as_deref(),
            Some("2025-11-23")
        );
        assert_eq!(
            resolve_bound("today-18y", d).map(iso).as_deref(),
            Some("2008-11-23")
        );
        let leap = parse_date("2028-02-29").unwrap();
        assert_eq!(
            resolve_bound("today-1y", leap).map(iso).as_deref(),
            Some("2027-02-28")
        );
        assert_eq!(resolve_bound("today+x", d), None);
        assert_eq!(display_date(d, crate::Lang::De), "23.11.2026");
    }
}
