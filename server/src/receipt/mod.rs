//! The citizen's proof of submission: the PDF receipt and the confirmation e-mail, both in
//! the citizen's language, both made from the stored [`contract::submission::Receipt`].

pub mod mail;
pub mod pdf;

use contract::receipt_texts::ReceiptTexts;
use contract::submission::Receipt;

/// When the submission arrived, in the municipality's local time, as the citizen's language
/// writes it ("23.11.2026, 10:24 Uhr (UTC+01:00)").
pub fn local_time(receipt: &Receipt) -> String {
    let Ok(ts) = receipt.received_at.parse::<jiff::Timestamp>() else {
        return receipt.received_at.clone();
    };
    let zone = if receipt.municipality.id.starts_with("de:") {
        "Europe/Berlin"
    } else {
        "Europe/Zurich"
    };
    let Ok(local) = ts.in_tz(zone) else {
        return receipt.received_at.clone();
    };
    let t = ReceiptTexts::for_lang(receipt.lang);
    (t.date_time)(
        &local.strftime("%d.%m.%Y").to_string(),
        &local.strftime("%H:%M").to_string(),
        &local.strftime("%:z").to_string(),
    )
}

/// The PDF's file name: `Eingangsbestaetigung-K7Q-M4T-XP9.pdf`.
pub fn file_name(receipt: &Receipt) -> String {
    format!(
        "{}-{}.pdf",
        ReceiptTexts::for_lang(receipt.lang).file_name,
        receipt.reference
    )
}
