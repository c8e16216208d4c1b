//! Payment references and QR payloads for paying by invoice: the Swiss QR-bill (Swiss Payment
//! Standards, Implementation Guidelines QR-bill v2.3: structured addresses only; a QR-IBAN
//! with a QR reference, or an IBAN with an ISO 11649 creditor reference) and the EPC QR code
//! ("GiroCode", EPC069-12 version 002) for German authorities.
//!
//! Written here rather than taken from a crate: the one Swiss QR-bill crate (`qrbill` 0.2)
//! still writes the combined addresses v2.3 no longer allows, and the payloads are a fixed
//! sequence of lines. The IBAN itself is checked by `iban_validate`.

use iban::{Iban, IbanLike};

/// A structured postal address (`S`), as v2.3 requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// Name or company, at most 70 characters.
    pub name: String,
    /// Street, at most 70 characters (may be empty).
    pub street: String,
    /// Building number, at most 16 characters (may be empty).
    pub building: String,
    /// Postal code, at most 16 characters.
    pub postcode: String,
    /// Town, at most 35 characters.
    pub town: String,
    /// Two-letter country code (`CH`).
    pub country: String,
}

/// How the payment is referenced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A 27-digit QR reference (only with a QR-IBAN).
    Qr(String),
    /// An ISO 11649 creditor reference `RF…` (only with a normal IBAN).
    Creditor(String),
}

impl Reference {
    /// A stored reference by its form: `RF…` is a creditor reference, digits a QR reference.
    pub fn of(stored: &str) -> Reference {
        if stored.starts_with("RF") {
            Reference::Creditor(stored.to_owned())
        } else {
            Reference::Qr(stored.to_owned())
        }
    }

    /// As printed: a creditor reference in groups of four, a QR reference in groups of five
    /// after two digits.
    pub fn printed(&self) -> String {
        match self {
            Reference::Creditor(r) => groups(r, 0, 4),
            Reference::Qr(r) => groups(r, 2, 5),
        }
    }
}

/// Why a bill cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BillError {
    /// Not a valid IBAN, or not a Swiss or Liechtenstein one.
    #[error("not a valid CH/LI IBAN")]
    Iban,
    /// A QR reference with a normal IBAN, or a creditor reference with a QR-IBAN.
    #[error("the reference does not go with this IBAN")]
    ReferenceKind,
    /// A malformed reference.
    #[error("malformed reference")]
    Reference,
    /// An amount outside 0.01 – 999 999 999.99, or a currency other than CHF and EUR.
    #[error("amount or currency out of range")]
    Amount,
}

/// Whether `iban` (electronic format) is a QR-IBAN: its institution id is 30000–31999.
pub fn is_qr_iban(iban: &Iban) -> bool {
    let s = iban.electronic_str();
    s.get(4..9)
        .and_then(|iid| iid.parse::<u32>().ok())
        .is_some_and(|iid| (30000..=31999).contains(&iid))
}

/// The check digit of the "modulo 10, recursive" scheme the QR reference (and the ISR
/// reference before it) uses.
pub fn mod10_recursive(digits: &str) -> Option<u8> {
    const TABLE: [u8; 10] = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];
    let mut carry = 0u8;
    for c in digits.chars() {
        let d = c.to_digit(10)? as usize;
        carry = TABLE[(carry as usize + d) % 10];
    }
    Some((10 - carry) % 10)
}

/// A QR reference: `base` (digits, at most 26, padded with zeros in front) and its check digit.
pub fn qr_reference(base: &str) -> Option<String> {
    if base.is_empty() || base.len() > 26 || !base.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{base:0>26}");
    let check = mod10_recursive(&padded)?;
    Some(format!("{padded}{check}"))
}

/// Whether `r` is a 27-digit QR reference with a correct check digit.
pub fn is_qr_reference(r: &str) -> bool {
    r.len() == 27
        && r.bytes().all(|b| b.is_ascii_digit())
        && mod10_recursive(&r[..26]) == r[26..].parse::<u8>().ok()
}

/// The ISO 7064 MOD 97-10 remainder of `s` with letters as numbers (A = 10 … Z = 35).
fn mod97(s: &str) -> Option<u32> {
    let mut rem = 0u32;
    for c in s.chars() {
        let v = c.to_digit(36)?;
        for d in v.to_string().chars() {
            rem = (rem * 10 + d.to_digit(10)?) % 97;
        }
    }
    Some(rem)
}

/// An ISO 11649 creditor reference for `base` (letters and digits, at most 21): `RF`, two
/// check digits, `base`.
pub fn creditor_reference(base: &str) -> Option<String> {
    let base = base.to_ascii_uppercase();
    if base.is_empty() || base.len() > 21 || !base.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let rem = mod97(&format!("{base}RF00"))?;
    Some(format!("RF{:02}{base}", 98 - rem))
}

/// Whether `r` is a valid ISO 11649 creditor reference.
pub fn is_creditor_reference(r: &str) -> bool {
    r.len() >= 5
        && r.len() <= 25
        && r.starts_with("RF")
        && r.bytes().all(|b| b.is_ascii_alphanumeric())
        && mod97(&format!("{}{}", &r[4..], &r[..4])) == Some(1)
}

/// The characters a QR-bill may carry (the Latin character set of the Swiss Payment
/// Standards); anything else becomes `.`, line breaks become spaces.
fn bill_text(s: &str, max: usize) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if (' '..='~').contains(&c) => c,
            c if ('\u{a0}'..='\u{ff}').contains(&c) => c,
            'Œ' | 'œ' | 'Š' | 'š' | 'Ž' | 'ž' | 'Ÿ' | '€' | 'Ș' | 'ș' | 'Ț' | 'ț' => c,
            _ => '.',
        })
        .collect::<String>()
        .trim()
        .chars()
        .take(max)
        .collect()
}

/// Cents as the QR-bill and the EPC code write them: `150.00`.
fn amount_text(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A Swiss QR-bill's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwissBill {
    /// The creditor's account (IBAN or QR-IBAN, CH or LI).
    pub iban: String,
    /// The creditor.
    pub creditor: Address,
    /// Cents.
    pub amount: i64,
    /// `CHF` or `EUR`.
    pub currency: String,
    /// The debtor, if known.
    pub debtor: Option<Address>,
    /// The payment reference.
    pub reference: Reference,
    /// A message to the creditor (at most 140 characters with the reference's text).
    pub message: String,
}

impl SwissBill {
    /// The QR code's content: the elements of the Implementation Guidelines v2.3 in order,
    /// one per line (LF), no line break after the last.
    pub fn payload(&self) -> Result<String, BillError> {
        let iban: Iban = self.iban.parse().map_err(|_| BillError::Iban)?;
        if !matches!(iban.country_code(), "CH" | "LI") {
            return Err(BillError::Iban);
        }
        let (kind, reference) = match (&self.reference, is_qr_iban(&iban)) {
            (Reference::Qr(r), true) if is_qr_reference(r) => ("QRR", r.as_str()),
            (Reference::Creditor(r), false) if is_creditor_reference(r) => ("SCOR", r.as_str()),
            (Reference::Qr(_), true) | (Reference::Creditor(_), false) => {
                return Err(BillError::Reference);
            }
            _ => return Err(BillError::ReferenceKind),
        };
        if !(1..=99_999_999_999).contains(&self.amount)
            || !matches!(self.currency.as_str(), "CHF" | "EUR")
        {
            return Err(BillError::Amount);
        }
        let mut lines: Vec<String> = vec![
            "SPC".into(),
            "0200".into(),
            "1".into(),
            iban.electronic_str().to_owned(),
        ];
        lines.extend(address_lines(&self.creditor));
        // The ultimate creditor: reserved, empty.
        lines.extend(std::iter::repeat_n(String::new(), 7));
        lines.push(amount_text(self.amount));
        lines.push(self.currency.clone());
        match &self.debtor {
            Some(d) => lines.extend(address_lines(d)),
            None => lines.extend(std::iter::repeat_n(String::new(), 7)),
        }
        lines.push(kind.into());
        lines.push(reference.into());
        lines.push(bill_text(&self.message, 140));
        lines.push("EPD".into());
        Ok(lines.join("\n"))
    }
}

fn address_lines(a: &Address) -> Vec<String> {
    vec![
        "S".into(),
        bill_text(&a.name, 70),
        bill_text(&a.street, 70),
        bill_text(&a.building, 16),
        bill_text(&a.postcode, 16),
        bill_text(&a.town, 35),
        a.country.to_ascii_uppercase(),
    ]
}

/// An EPC QR code's content (version 002, UTF-8, SEPA credit transfer): `BCD` … with the
/// creditor reference as structured remittance information, or the text where there is none.
pub fn epc_payload(
    name: &str,
    iban: &str,
    bic: Option<&str>,
    amount: i64,
    reference: Option<&str>,
    text: &str,
) -> Result<String, BillError> {
    let iban: Iban = iban.parse().map_err(|_| BillError::Iban)?;
    if !(1..=99_999_999_999).contains(&amount) {
        return Err(BillError::Amount);
    }
    if reference.is_some_and(|r| !is_creditor_reference(r)) {
        return Err(BillError::Reference);
    }
    let clean = |s: &str, max: usize| -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .trim()
            .chars()
            .take(max)
            .collect()
    };
    let lines = [
        "BCD".to_owned(),
        "002".into(),
        "1".into(),
        "SCT".into(),
        bic.unwrap_or_default().to_owned(),
        clean(name, 70),
        iban.electronic_str().to_owned(),
        format!("EUR{}", amount_text(amount)),
        String::new(),
        reference.unwrap_or_default().to_owned(),
        if reference.is_some() {
            String::new()
        } else {
            clean(text, 140)
        },
    ];
    Ok(lines.join("\n").trim_end_matches('\n').to_owned())
}

/// `s` in groups of `size` characters, the first group `first` long when not 0 (a QR
/// reference is printed `21 00000 00003 …`).
pub fn groups(s: &str, first: usize, size: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    if first > 0 && chars.len() > first {
        out.extend(&chars[..first]);
        i = first;
    }
    for chunk in chars[i..].chunks(size) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(chunk);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aarau() -> Address {
        Address {
            name: "Stadt Aarau, Finanzen".into(),
            street: "Rathausgasse".into(),
            building: "1".into(),
            postcode: "5000".into(),
            town: "Aarau".into(),
            country: "CH".into(),
        }
    }

    #[test]
    fn qr_references_carry_the_recursive_mod10_check_digit() {
        // The Implementation Guidelines' example reference.
        assert!(is_qr_reference("210000000003139471430009017"));
        assert!(!is_qr_reference("210000000003139471430009018"));
        assert_eq!(
            qr_reference("21000000000313947143000901").as_deref(),
            Some("210000000003139471430009017")
        );
        // Short bases are padded in front; every base gets a valid reference.
        let r = qr_reference("4001123").unwrap();
        assert_eq!(r.len(), 27);
        assert_eq!(&r[..26], format!("{:0>26}", "4001123"));
        assert!(is_qr_reference(&r));
        assert_eq!(qr_reference("12a"), None);
        assert_eq!(qr_reference(&"1".repeat(27)), None);
    }

    #[test]
    fn creditor_references_follow_iso_11649() {
        // The standard's example.
        assert!(is_creditor_reference("RF18539007547034"));
        assert!(!is_creditor_reference("RF19539007547034"));
        assert_eq!(
            creditor_reference("539007547034").as_deref(),
            Some("RF18539007547034")
        );
        let r = creditor_reference("K7QM4TXP9").unwrap();
        assert!(is_creditor_reference(&r), "{r}");
        assert_eq!(creditor_reference("a-b"), None);
    }

    #[test]
    fn a_swiss_bill_payload_has_the_v2_3_elements_in_order() {
        let bill = SwissBill {
            iban: "CH44 3199 9123 0008 8901 2".into(),
            creditor: aarau(),
            amount: 15000,
            currency: "CHF".into(),
            debtor: Some(Address {
                name: "Lea Brunner".into(),
                street: "Bahnhofstrasse".into(),
                building: "5".into(),
                postcode: "5000".into(),
                town: "Aarau".into(),
                country: "CH".into(),
            }),
            reference: Reference::Qr("210000000003139471430009017".into()),
            message: "Fischereipatent K7Q-M4T-XP9".into(),
        };
        let payload = bill.payload().unwrap();
        let lines: Vec<&str> = payload.split('\n').collect();
        assert_eq!(lines.len(), 31);
        assert_eq!(&lines[..4], ["SPC", "0200", "1", "CH4431999123000889012"]);
        assert_eq!(
            &lines[4..11],
            [
                "S",
                "Stadt Aarau, Finanzen",
                "Rathausgasse",
                "1",
                "5000",
                "Aarau",
                "CH"
            ]
        );
        assert!(lines[11..18].iter().all(|l| l.is_empty()));
        assert_eq!(&lines[18..20], ["150.00", "CHF"]);
        assert_eq!(lines[20], "S");
        assert_eq!(lines[21], "Lea Brunner");
        assert_eq!(
            &lines[27..31],
            [
                "QRR",
                "210000000003139471430009017",
                "Fischereipatent K7Q-M4T-XP9",
                "EPD"
            ]
        );
        assert!(!payload.ends_with('\n'));

        // A QR reference needs a QR-IBAN; a creditor reference a normal one.
        let normal = SwissBill {
            iban: "CH93 0076 2011 6238 5295 7".into(),
            ..bill.clone()
        };
        assert_eq!(normal.payload(), Err(BillError::ReferenceKind));
        let scor = SwissBill {
            reference: Reference::Creditor("RF18539007547034".into()),
            ..normal
        };
        assert!(
            scor.payload()
                .unwrap()
                .contains("\nSCOR\nRF18539007547034\n")
        );
        let bad = SwissBill {
            reference: Reference::Qr("210000000003139471430009018".into()),
            ..bill.clone()
        };
        assert_eq!(bad.payload(), Err(BillError::Reference));
        let german = SwissBill {
            iban: "DE89 3704 0044 0532 0130 00".into(),
            ..bill.clone()
        };
        assert_eq!(german.payload(), Err(BillError::Iban));
        let zero = SwissBill { amount: 0, ..bill };
        assert_eq!(zero.payload(), Err(BillError::Amount));
    }

    #[test]
    fn texts_outside_the_character_set_are_replaced() {
        assert_eq!(bill_text("Zürich\n«Ost» 😀", 70), "Zürich «Ost» .");
        assert_eq!(bill_text(&"x".repeat(80), 70).len(), 70);
    }

    #[test]
    fn an_epc_payload_is_version_002_with_reference_or_text() {
        let p = epc_payload(
            "Stadt Schmölln",
            "DE89 3704 0044 0532 0130 00",
            None,
            12000,
            None,
            "Hundesteuer K7Q-M4T-XP9",
        )
        .unwrap();
        assert_eq!(
            p,
            "BCD\n002\n1\nSCT\n\nStadt Schmölln\nDE89370400440532013000\nEUR120.00\n\n\nHundesteuer K7Q-M4T-XP9"
        );
        let with_ref = epc_payload(
            "Stadt Schmölln",
            "DE89370400440532013000",
            Some("COBADEFFXXX"),
            12000,
            Some("RF18539007547034"),
            "ignored",
        )
        .unwrap();
        assert!(
            with_ref.ends_with("EUR120.00\n\nRF18539007547034"),
            "{with_ref}"
        );
        assert_eq!(
            epc_payload("x", "DE00", None, 1, None, ""),
            Err(BillError::Iban)
        );
    }
}
