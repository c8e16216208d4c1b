//! A fee's payment slip: issued once with the receipt from the authority's creditor account
//! (kept with the claim, so a later change of the account changes no slip already given out),
//! and drawn from what was issued: the QR-bill or GiroCode content and its QR code.
//!
//! The reference scheme follows the account: a QR-IBAN gets a QR reference (the authority's
//! prefix, then the submission's number, and the recursive modulo-10 check digit), an IBAN an
//! ISO 11649 creditor reference (`RF`, check digits, the prefix and the reference number), so
//! the authority's bank statement names the application each payment is for.

use contract::payment::CreditorAccount;
use contract::slip::{PaymentSlip, SlipKind};
use serde::{Deserialize, Serialize};

use super::qrbill::{self, Address, BillError, Reference, SwissBill};

/// A slip as issued (stored with the fee claim).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    /// Which slip.
    pub kind: SlipKind,
    /// The account and creditor at the time.
    pub account: CreditorAccount,
    /// The payment reference (electronic form).
    pub reference: String,
    /// The message to the creditor.
    pub message: String,
}

/// Whether a Swiss QR-bill is made for this account: a Swiss or Liechtenstein one.
fn swiss(account: &CreditorAccount) -> bool {
    matches!(account.iban.get(..2), Some("CH" | "LI"))
}

/// Issues the slip for a fee of `amount` cents in `currency` of submission `id` (reference
/// number `reference_number`), or `None` when the account cannot take it (a GiroCode is for
/// euros only, a QR-bill for francs and euros) or the slip would not pass its own checks.
pub fn issue(
    account: &CreditorAccount,
    id: i64,
    reference_number: &str,
    amount: i64,
    currency: &str,
    message: &str,
) -> Option<Issued> {
    let account = account.normalised();
    if !account.errors().is_empty() {
        return None;
    }
    let prefix = &account.reference_prefix;
    let qr_iban = account
        .iban
        .parse::<iban::Iban>()
        .is_ok_and(|i| qrbill::is_qr_iban(&i));
    let reference = if swiss(&account) && qr_iban {
        let width = 26usize.checked_sub(prefix.len())?;
        qrbill::qr_reference(&format!("{prefix}{id:0>width$}"))?
    } else {
        let number: String = reference_number
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        qrbill::creditor_reference(&format!("{prefix}{number}"))?
    };
    let issued = Issued {
        kind: if swiss(&account) {
            SlipKind::SwissQr
        } else {
            SlipKind::Epc
        },
        account,
        reference,
        message: message.chars().take(140).collect(),
    };
    // Issued only when it can be drawn: nothing given out may later fail to render.
    payload(&issued, amount, currency).ok()?;
    Some(issued)
}

/// The QR code's content of an issued slip.
fn payload(issued: &Issued, amount: i64, currency: &str) -> Result<String, BillError> {
    let a = &issued.account;
    match issued.kind {
        SlipKind::SwissQr => SwissBill {
            iban: a.iban.clone(),
            creditor: Address {
                name: a.name.clone(),
                street: a.street.clone(),
                building: a.building.clone(),
                postcode: a.postcode.clone(),
                town: a.town.clone(),
                country: a.country.clone(),
            },
            amount,
            currency: currency.to_owned(),
            debtor: None,
            reference: Reference::of(&issued.reference),
            message: issued.message.clone(),
        }
        .payload(),
        SlipKind::Epc => {
            if currency != "EUR" {
                return Err(BillError::Amount);
            }
            qrbill::epc_payload(
                &a.name,
                &a.iban,
                (!a.bic.is_empty()).then_some(a.bic.as_str()),
                amount,
                Some(&issued.reference),
                &issued.message,
            )
        }
    }
}

/// The slip as the receipt shows it.
pub fn present(issued: &Issued, amount: i64, currency: &str) -> Result<PaymentSlip, BillError> {
    let payload = payload(issued, amount, currency)?;
    let modules = crate::qr::modules(payload.as_bytes()).ok_or(BillError::Amount)?;
    let a = &issued.account;
    let mut creditor = vec![a.name.clone()];
    let street = format!("{} {}", a.street, a.building).trim().to_owned();
    if !street.is_empty() {
        creditor.push(street);
    }
    creditor.push(if matches!(a.country.as_str(), "CH" | "LI" | "DE") {
        format!("{} {}", a.postcode, a.town)
    } else {
        format!("{}-{} {}", a.country, a.postcode, a.town)
    });
    Ok(PaymentSlip {
        kind: issued.kind,
        account: qrbill::groups(&a.iban, 0, 4),
        bic: a.bic.clone(),
        creditor,
        reference: Reference::of(&issued.reference).printed(),
        message: issued.message.clone(),
        amount,
        currency: currency.to_owned(),
        payload,
        modules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(iban: &str, prefix: &str) -> CreditorAccount {
        CreditorAccount {
            iban: iban.into(),
            bic: String::new(),
            name: "Stadt Aarau, Finanzen".into(),
            street: "Rathausgasse".into(),
            building: "1".into(),
            postcode: "5000".into(),
            town: "Aarau".into(),
            country: "CH".into(),
            reference_prefix: prefix.into(),
        }
    }

    #[test]
    fn a_qr_iban_gets_a_qr_reference_with_the_prefix_and_the_number() {
        let issued = issue(
            &account("CH44 3199 9123 0008 8901 2", "123456"),
            42,
            "K7Q-M4T-XP9",
            15000,
            "CHF",
            "Fischereipatent K7Q-M4T-XP9",
        )
        .unwrap();
        assert_eq!(issued.kind, SlipKind::SwissQr);
        assert!(
            issued.reference.starts_with("123456"),
            "{}",
            issued.reference
        );
        assert!(qrbill::is_qr_reference(&issued.reference));
        assert_eq!(&issued.reference[20..26], "000042");
        let slip = present(&issued, 15000, "CHF").unwrap();
        assert_eq!(slip.account, "CH44 3199 9123 0008 8901 2");
        assert_eq!(slip.reference.split(' ').next(), Some("12"));
        assert!(slip.payload.contains("\nQRR\n"));
        assert_eq!(slip.modules.len(), slip.modules[0].len());
        assert!(slip.modules.len() <= 117, "at most version 25");
    }

    #[test]
    fn an_iban_gets_a_creditor_reference_and_a_german_account_a_girocode() {
        let issued = issue(
            &account("CH93 0076 2011 6238 5295 7", ""),
            42,
            "K7Q-M4T-XP9",
            15000,
            "CHF",
            "x",
        )
        .unwrap();
        assert!(issued.reference.ends_with("K7QM4TXP9"));
        assert!(qrbill::is_creditor_reference(&issued.reference));
        let mut de = account("DE02 1203 0000 0000 2020 51", "");
        de.country = "DE".into();
        de.bic = "BYLADEM1001".into();
        let issued = issue(&de, 7, "K7Q-M4T-XP9", 2500, "EUR", "Hundesteuer").unwrap();
        assert_eq!(issued.kind, SlipKind::Epc);
        let slip = present(&issued, 2500, "EUR").unwrap();
        assert!(slip.payload.starts_with("BCD\n002\n1\nSCT\nBYLADEM1001\n"));
        // A GiroCode is for euros only.
        assert_eq!(issue(&de, 7, "K7Q-M4T-XP9", 2500, "CHF", "x"), None);
    }
}
