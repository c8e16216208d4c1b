//! The citizen's proof of submission: the PDF receipt and the confirmation e-mail, both in
//! the citizen's language, both made from the stored [`contract::submission::Receipt`].

pub mod mail;
pub mod pdf;

use contract::display::LocalTime;
use contract::receipt_texts::ReceiptTexts;
use contract::submission::Receipt;

/// `received_at` (RFC 3339) in the local time of `municipality`'s authority
/// ([`contract::display::zone_of`]), with the offset and summer time the time zone database
/// gives for that instant; `None` if `received_at` is not a timestamp.
pub fn local_time_of(received_at: &str, municipality: &str) -> Option<LocalTime> {
    let ts = received_at.parse::<jiff::Timestamp>().ok()?;
    let zone = contract::display::zone_of(municipality);
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let info = tz.to_offset_info(ts);
    let local = ts.to_zoned(tz.clone());
    Some(LocalTime {
        year: local.year(),
        month: u8::try_from(local.month()).ok()?,
        day: u8::try_from(local.day()).ok()?,
        hour: u8::try_from(local.hour()).ok()?,
        minute: u8::try_from(local.minute()).ok()?,
        offset_minutes: i16::try_from(info.offset().seconds() / 60).ok()?,
        dst: info.dst().is_dst(),
        zone: zone.to_owned(),
    })
}

/// When the submission arrived, in the authority's local time with its zone, as the citizen's
/// language writes it ("2. Dezember 2026, 14:29 Uhr (MEZ)"): the same words the receipt page
/// shows.
pub fn local_time(receipt: &Receipt) -> String {
    match &receipt.received_local {
        Some(t) => t.written(receipt.lang),
        None => local_time_of(&receipt.received_at, &receipt.municipality.id)
            .map_or_else(|| receipt.received_at.clone(), |t| t.written(receipt.lang)),
    }
}

/// The PDF's file name: `Eingangsbestaetigung-K7Q-M4T-XP9.pdf`.
pub fn file_name(receipt: &Receipt) -> String {
    format!(
        "{}-{}.pdf",
        ReceiptTexts::for_lang(receipt.lang).file_name,
        receipt.reference
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::Lang;

    #[test]
    fn the_local_time_follows_summer_time() {
        // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
        let before = local_time_of("2026-03-29T00:30:00Z", "ch:4001").unwrap();
        let after = local_time_of("2026-03-29T01:30:00Z", "ch:4001").unwrap();
        assert_eq!(
            (
                before.hour,
                before.minute,
                before.offset_minutes,
                before.dst
            ),
            (1, 30, 60, false)
        );
        assert_eq!(
            (after.hour, after.minute, after.offset_minutes, after.dst),
            (3, 30, 120, true)
        );
        assert_eq!(
            before.written(Lang::De),
            "29. März 2026, 01:30\u{a0}Uhr (MEZ)"
        );
        assert_eq!(
            after.written(Lang::De),
            "29. März 2026, 03:30\u{a0}Uhr (MESZ)"
        );
        // 25 October 2026: back from 03:00 CEST to 02:00 CET at 01:00 UTC; 02:30 comes twice.
        let first = local_time_of("2026-10-25T00:30:00Z", "de:16077043").unwrap();
        let second = local_time_of("2026-10-25T01:30:00Z", "de:16077043").unwrap();
        assert_eq!((first.hour, first.minute), (second.hour, second.minute));
        assert_eq!(
            first.written(Lang::Fr),
            "25 octobre 2026 à 2\u{a0}h\u{a0}30 (HAEC)"
        );
        assert_eq!(
            second.written(Lang::Fr),
            "25 octobre 2026 à 2\u{a0}h\u{a0}30 (HNEC)"
        );
        assert_eq!(first.zone, "Europe/Berlin");
        // A winter afternoon, the bug report's case: 13:29 UTC is 14:29 in Zurich.
        let dec = local_time_of("2026-12-02T13:29:00Z", "ch:261").unwrap();
        assert_eq!(dec.written(Lang::En), "2 December 2026, 14:29 (CET)");
        assert_eq!(local_time_of("yesterday", "ch:261"), None);
    }
}
