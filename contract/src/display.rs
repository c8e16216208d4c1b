//! How the portal writes amounts, the time an application arrived, and fee lines, in each
//! language: one function each, used by the check page, the receipt page, the PDF receipt and
//! the confirmation e-mail, so that the four never disagree.
//!
//! The time zone arithmetic is the server's (it has the time zone database; the app must not
//! carry one): it sends [`LocalTime`] with the receipt, and either side only writes it.

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::form::Fees;
use crate::form::summary::SummaryStep;
use crate::receipt_texts::ReceiptTexts;

/// U+202F NARROW NO-BREAK SPACE: French groups thousands with it.
const NARROW_NBSP: char = '\u{202f}';
/// U+00A0 NO-BREAK SPACE: between an amount and its currency, so a line never breaks there.
const NBSP: char = '\u{a0}';
/// U+2019 RIGHT SINGLE QUOTATION MARK: the Swiss thousands separator in German, Italian and
/// English (SN 01 / the Federal Chancellery's writing rules), not the ASCII apostrophe.
const SWISS_APOSTROPHE: char = '\u{2019}';

/// An amount of `cents` (Rappen, Cent) in `currency` as the portal writes it in `lang`.
///
/// The currency says the country (CHF: Switzerland, EUR: Germany), the language how that
/// country writes it there. Always two decimals; the sign before the digits.
///
/// | currency | de, it | fr | en |
/// |---|---|---|---|
/// | CHF | `CHF 1’800.00` | `1 800.00 CHF` | `CHF 1’800.00` |
/// | EUR | `1.800,00 €` | `1 800,00 €` | `€1,800.00` |
///
/// Swiss German, Italian and English group with the apostrophe U+2019 and keep the point
/// before the Rappen; Swiss French groups with a narrow no-break space (U+202F) and puts the
/// currency after the amount. In Germany (EUR) German and Italian group with a point and write
/// a decimal comma, French with a narrow no-break space and a comma, English as in Ireland.
/// The space between amount and currency is a no-break space (U+00A0). Any other currency is
/// written like CHF with its own code.
pub fn money(cents: i64, currency: &str, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    let (whole, frac) = (c / 100, c % 100);
    let group = |sep: char| group_thousands(whole, sep);
    match (currency, lang) {
        ("EUR", Lang::En) => format!("{sign}€{}.{frac:02}", group(',')),
        ("EUR", Lang::Fr) => format!("{sign}{},{frac:02}{NBSP}€", group(NARROW_NBSP)),
        ("EUR", _) => format!("{sign}{},{frac:02}{NBSP}€", group('.')),
        (cur, Lang::Fr) => format!("{sign}{}.{frac:02}{NBSP}{cur}", group(NARROW_NBSP)),
        (cur, _) => format!("{cur}{NBSP}{sign}{}.{frac:02}", group(SWISS_APOSTROPHE)),
    }
}

fn group_thousands(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The time zone of a municipality (`ch:4001` → `Europe/Zurich`, `de:16077043` →
/// `Europe/Berlin`): the authority's local time is the one its receipts show.
pub fn zone_of(municipality: &str) -> &'static str {
    if municipality.starts_with("de:") {
        "Europe/Berlin"
    } else {
        "Europe/Zurich"
    }
}

/// A moment in the authority's local time, as the server found it with the time zone database
/// (the receipt carries it, so the app needs no such database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalTime {
    /// Year.
    pub year: i16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Offset from UTC in minutes (60 in winter, 120 in summer in Zurich and Berlin).
    pub offset_minutes: i16,
    /// Whether summer time (daylight saving time) was in force.
    pub dst: bool,
    /// The IANA time zone (`Europe/Zurich`).
    pub zone: String,
}

impl LocalTime {
    /// The zone's abbreviation as `lang` writes it: Central European (Summer) Time is MEZ/MESZ
    /// in German, HNEC/HAEC in French, CET/CEST in Italian and English; any other offset is
    /// written `UTC+hh:mm`.
    pub fn zone_name(&self, lang: Lang) -> String {
        let central = match (self.offset_minutes, self.dst) {
            (60, false) => Some(false),
            (120, true) => Some(true),
            _ => None,
        };
        match (central, lang) {
            (Some(false), Lang::De) => "MEZ".into(),
            (Some(true), Lang::De) => "MESZ".into(),
            (Some(false), Lang::Fr) => "HNEC".into(),
            (Some(true), Lang::Fr) => "HAEC".into(),
            (Some(false), _) => "CET".into(),
            (Some(true), _) => "CEST".into(),
            (None, _) => {
                let sign = if self.offset_minutes < 0 { '-' } else { '+' };
                let m = self.offset_minutes.unsigned_abs();
                format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }

    /// The date, time and zone as `lang` writes them: `2. Dezember 2026, 14:29 Uhr (MEZ)`,
    /// `2 décembre 2026 à 14 h 29 (HNEC)`, `2 dicembre 2026, ore 14:29 (CET)`,
    /// `2 December 2026, 14:29 (CET)`.
    pub fn written(&self, lang: Lang) -> String {
        let month = MONTHS[lang.index()][usize::from(self.month.clamp(1, 12)) - 1];
        let (y, d, h, m) = (self.year, self.day, self.hour, self.minute);
        let zone = self.zone_name(lang);
        match lang {
            Lang::De => format!("{d}. {month} {y}, {h:02}:{m:02}{NBSP}Uhr ({zone})"),
            Lang::Fr => {
                let day = if d == 1 {
                    "1er".to_owned()
                } else {
                    d.to_string()
                };
                format!("{day} {month} {y} à {h}{NBSP}h{NBSP}{m:02} ({zone})")
            }
            Lang::It => {
                let day = if d == 1 {
                    "1º".to_owned()
                } else {
                    d.to_string()
                };
                format!("{day} {month} {y}, ore {h:02}:{m:02} ({zone})")
            }
            Lang::En => format!("{d} {month} {y}, {h:02}:{m:02} ({zone})"),
        }
    }
}

const MONTHS: [[&str; 12]; 4] = [
    [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
];

/// One fee line as every page and document writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeRow {
    /// What it is for, with the group item it is for where there is one
    /// ("Hundesteuer pro Jahr – Hund 2 (Luna)").
    pub label: String,
    /// The language the label is in (a form may lack `lang`).
    pub label_lang: Lang,
    /// Why this amount (a case label), if any, and its language.
    pub reason: Option<(String, Lang)>,
    /// The amount, written by [`money`].
    pub amount: String,
}

/// The fee table as every page and document writes it: the lines, the total's label and the
/// total (always shown, as on the check page, also under a single line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeTable {
    /// One row per fee line, in the order computed.
    pub rows: Vec<FeeRow>,
    /// "Gesamtbetrag".
    pub total_label: &'static str,
    /// The total, written by [`money`].
    pub total: String,
}

/// The fee lines of `fees`, each naming the group item it is for from `summary` (the answers
/// as the check page and the receipt show them): "Hund 2", and that item's first answer where
/// it is one line ("Hund 2 (Luna)"), so that two lines of one rule never read the same.
pub fn fee_table(fees: &Fees, summary: &[SummaryStep], lang: Lang) -> FeeTable {
    let rows = fees
        .lines
        .iter()
        .map(|line| {
            let (label, label_lang) = line.label.get_with_lang(lang);
            let label = match line.item.and_then(|i| item_name(summary, i)) {
                Some(item) => format!("{label} – {item}"),
                None => label.to_owned(),
            };
            FeeRow {
                label,
                label_lang,
                reason: line.reason.as_ref().map(|r| {
                    let (text, l) = r.get_with_lang(lang);
                    (text.to_owned(), l)
                }),
                amount: money(line.amount, &fees.currency, lang),
            }
        })
        .collect();
    FeeTable {
        rows,
        total_label: ReceiptTexts::for_lang(lang).total,
        total: money(fees.total, &fees.currency, lang),
    }
}

/// Group item `i` as the summary names it ("Hund 2", with its first answer "(Luna)" where
/// that is one line), where the answers have exactly one repeating group (a fee line names
/// its item, not its group).
fn item_name(summary: &[SummaryStep], i: usize) -> Option<String> {
    let mut rows = summary.iter().flat_map(|s| &s.rows).filter_map(|row| {
        let mut parts = row.path.split('.');
        let group = parts.next()?;
        let n = parts.next()?.parse::<usize>().ok()?;
        Some((group, n, row))
    });
    let first = rows.clone().next()?.0;
    if rows.clone().any(|(g, _, _)| g != first) {
        return None;
    }
    let (_, _, row) = rows.find(|(_, n, _)| *n == i)?;
    let heading = row.label.split_once(" – ")?.0;
    Some(match row.lines.as_slice() {
        [one] if !one.is_empty() => format!("{heading} ({one})"),
        _ => heading.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::summary::SummaryRow;

    #[test]
    fn money_is_written_one_way_per_language_and_currency() {
        let cases = [
            (180000, "CHF", Lang::De, "CHF\u{a0}1’800.00"),
            (180000, "CHF", Lang::It, "CHF\u{a0}1’800.00"),
            (180000, "CHF", Lang::En, "CHF\u{a0}1’800.00"),
            (180000, "CHF", Lang::Fr, "1\u{202f}800.00\u{a0}CHF"),
            (180000, "EUR", Lang::De, "1.800,00\u{a0}€"),
            (180000, "EUR", Lang::It, "1.800,00\u{a0}€"),
            (180000, "EUR", Lang::Fr, "1\u{202f}800,00\u{a0}€"),
            (180000, "EUR", Lang::En, "€1,800.00"),
            (123456789, "CHF", Lang::De, "CHF\u{a0}1’234’567.89"),
            (5, "CHF", Lang::De, "CHF\u{a0}0.05"),
            (-12050, "EUR", Lang::De, "-120,50\u{a0}€"),
            (99999, "EUR", Lang::En, "€999.99"),
        ];
        for (cents, cur, lang, want) in cases {
            assert_eq!(money(cents, cur, lang), want, "{cents} {cur} {lang:?}");
        }
        // Never the ASCII apostrophe nor a plain space that a line could break at.
        for lang in Lang::ALL {
            for cur in ["CHF", "EUR"] {
                let m = money(100_000_000, cur, lang);
                assert!(!m.contains('\'') && !m.contains(' '), "{m}");
            }
        }
    }

    fn at(month: u8, day: u8, hour: u8, minute: u8, summer: bool) -> LocalTime {
        LocalTime {
            year: 2026,
            month,
            day,
            hour,
            minute,
            offset_minutes: if summer { 120 } else { 60 },
            dst: summer,
            zone: "Europe/Zurich".into(),
        }
    }

    #[test]
    fn times_carry_their_zone_in_every_language() {
        let winter = at(12, 2, 14, 29, false);
        assert_eq!(
            winter.written(Lang::De),
            "2. Dezember 2026, 14:29\u{a0}Uhr (MEZ)"
        );
        assert_eq!(
            winter.written(Lang::Fr),
            "2 décembre 2026 à 14\u{a0}h\u{a0}29 (HNEC)"
        );
        assert_eq!(winter.written(Lang::It), "2 dicembre 2026, ore 14:29 (CET)");
        assert_eq!(winter.written(Lang::En), "2 December 2026, 14:29 (CET)");
        let summer = at(3, 29, 3, 30, true);
        assert_eq!(
            summer.written(Lang::De),
            "29. März 2026, 03:30\u{a0}Uhr (MESZ)"
        );
        assert_eq!(
            summer.written(Lang::Fr),
            "29 mars 2026 à 3\u{a0}h\u{a0}30 (HAEC)"
        );
        assert_eq!(summer.written(Lang::It), "29 marzo 2026, ore 03:30 (CEST)");
        assert_eq!(summer.written(Lang::En), "29 March 2026, 03:30 (CEST)");
        assert_eq!(
            at(8, 1, 9, 5, true).written(Lang::Fr),
            "1er août 2026 à 9\u{a0}h\u{a0}05 (HAEC)"
        );
        let odd = LocalTime {
            offset_minutes: -330,
            dst: false,
            ..winter
        };
        assert_eq!(odd.zone_name(Lang::De), "UTC-05:30");
    }

    #[test]
    fn a_municipality_has_its_country_s_zone() {
        assert_eq!(zone_of("ch:4001"), "Europe/Zurich");
        assert_eq!(zone_of("de:16077043"), "Europe/Berlin");
    }

    fn localized(de: &str) -> crate::form::Localized {
        serde_json::from_value(serde_json::json!({ "de": de })).unwrap()
    }

    #[test]
    fn two_lines_of_one_rule_name_their_items() {
        let line = |item: usize, amount: i64| crate::form::fees::FeeLine {
            rule: "dog_tax".into(),
            label: localized("Hundesteuer"),
            item: Some(item),
            reason: None,
            amount,
        };
        let fees = Fees {
            currency: "EUR".into(),
            lines: vec![line(0, 6000), line(1, 9000)],
            total: 15000,
            collection: None,
        };
        let row = |path: &str, label: &str, value: &str| SummaryRow {
            path: path.into(),
            label: label.into(),
            lines: vec![value.into()],
        };
        let summary = vec![SummaryStep {
            step: "hunde".into(),
            title: "Hunde".into(),
            rows: vec![
                row("dogs.0.name", "Hund 1 – Name", "Luna"),
                row("dogs.1.name", "Hund 2 – Name", "Bello"),
            ],
        }];
        let table = fee_table(&fees, &summary, Lang::De);
        let labels: Vec<&str> = table.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Hundesteuer – Hund 1 (Luna)",
                "Hundesteuer – Hund 2 (Bello)"
            ]
        );
        assert_eq!(table.total_label, "Gesamtbetrag");
        assert_eq!(table.total, money(15000, "EUR", Lang::De));
        let totals: Vec<&str> = Lang::ALL
            .iter()
            .map(|l| fee_table(&fees, &summary, *l).total_label)
            .collect();
        assert_eq!(
            totals,
            [
                "Gesamtbetrag",
                "Montant total",
                "Importo totale",
                "Total amount"
            ]
        );
    }
}
