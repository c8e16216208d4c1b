//! What an online form asks the citizen to have at hand and what it costs, in words, before
//! anything is answered: the facts its start page and the service page show. The server
//! answers them with a service (`GET /api/v1/services/{id}`, and alone at
//! `GET /api/v1/forms/{id}/facts`), so that the pages that find a service need not load the
//! form engine; the form's own pages compute them from the definition they hold. One function
//! for both.

use serde::{Deserialize, Serialize};

use super::fees::FeeAmount;
use super::model::{Field, FieldKind, FormDefinition};
use crate::Lang;
use crate::texts::Texts;

/// What a form asks for and what it costs, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormFacts {
    /// The language the form's texts are in (its title's; a form without a translation
    /// answers in German).
    pub lang: Lang,
    /// The documents and numbers to have at hand.
    #[serde(default)]
    pub needs: Vec<Need>,
    /// The fee table in words.
    #[serde(default)]
    pub fees: Vec<FeeOverview>,
    /// The fee table's note, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_note: Option<String>,
}

/// A document or number to have at hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Need {
    /// What it is called in the form ("Nachweis Assistenzhund").
    pub label: String,
    /// Needed only in some cases (and not said so by the label itself).
    pub conditional: bool,
}

/// The facts of `form` in `lang`.
pub fn facts(form: &FormDefinition, lang: Lang) -> FormFacts {
    FormFacts {
        lang: form.title.get_with_lang(lang).1,
        needs: needs(form, lang),
        fees: fee_overview(form, lang),
        fee_note: form
            .fees
            .as_ref()
            .and_then(|f| f.note.as_ref())
            .map(|n| n.get(lang).to_owned()),
    }
}

/// The item heading of a group ("Hund 2") for item `i` (from 0).
pub fn item_label(field: &Field, i: usize, lang: Lang) -> (String, Lang) {
    match &field.kind {
        FieldKind::Group { item_label, .. } => {
            let (text, l) = item_label.get_with_lang(lang);
            (text.replace("{n}", &(i + 1).to_string()), l)
        }
        _ => (field.label.get(lang).to_owned(), lang),
    }
}

/// One line of a fee table as the start page shows it before anything is answered, with the
/// amounts of its cases as sub-lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeOverview {
    /// What the fee is for, with the amount where there is one.
    pub text: String,
    /// Amounts by answer (per item, per choice, exemptions).
    #[serde(default)]
    pub cases: Vec<String>,
}

/// The form's fee table in words: "Hundesteuer pro Jahr" with "Hund 1: 50,00 €",
/// "Hund 3 und weitere: 100,00 €", "steuerfrei (Assistenzhund): 0,00 €".
pub fn fee_overview(form: &FormDefinition, lang: Lang) -> Vec<FeeOverview> {
    let t = Texts::for_lang(lang);
    let Some(schedule) = &form.fees else {
        return Vec::new();
    };
    let money = |cents: i64| crate::display::money(cents, &schedule.currency, lang);
    schedule
        .rules
        .iter()
        .map(|rule| {
            let label = rule.label.get(lang);
            match &rule.amount {
                FeeAmount::Fixed { amount } => FeeOverview {
                    text: format!("{label}: {}", money(*amount)),
                    cases: Vec::new(),
                },
                FeeAmount::PerUnit { field, amount } => {
                    let unit = form
                        .field(field)
                        .map_or(field.as_str(), |f| f.label.get(lang));
                    FeeOverview {
                        text: format!("{label}: {}", (t.fee_per_unit)(&money(*amount), unit)),
                        cases: Vec::new(),
                    }
                }
                FeeAmount::ByChoice { field, amounts } => {
                    let f = form.field(field);
                    FeeOverview {
                        text: label.to_owned(),
                        cases: amounts
                            .iter()
                            .map(|a| {
                                let option = f
                                    .and_then(|f| {
                                        f.kind.options().iter().find(|o| o.value == a.value)
                                    })
                                    .map_or(a.value.as_str(), |o| o.label.get(lang));
                                format!("{option}: {}", money(a.amount))
                            })
                            .collect(),
                    }
                }
                FeeAmount::ByBand {
                    field,
                    bands,
                    above,
                } => {
                    let bound = |b: f64| band_bound(form, field, b, lang);
                    let mut lines: Vec<String> = bands
                        .iter()
                        .map(|b| (t.colon)(&(t.fee_up_to)(&bound(b.up_to)), &money(b.amount)))
                        .collect();
                    if let (Some(a), Some(last)) = (above, bands.last()) {
                        lines.push((t.colon)(&(t.fee_above)(&bound(last.up_to)), &money(*a)));
                    }
                    let asked = form
                        .field(field)
                        .map_or(field.as_str(), |f| f.label.get(lang));
                    FeeOverview {
                        text: (t.colon)(label, asked),
                        cases: lines,
                    }
                }
                FeeAmount::PerItem {
                    group,
                    amounts,
                    cases,
                } => {
                    let g = form.field(group);
                    let item = |i: usize| {
                        g.map_or_else(|| (i + 1).to_string(), |g| item_label(g, i, lang).0)
                    };
                    let mut lines: Vec<String> = amounts
                        .iter()
                        .enumerate()
                        .map(|(i, a)| {
                            let who = if i + 1 == amounts.len() {
                                (t.fee_and_further)(&item(i))
                            } else {
                                item(i)
                            };
                            format!("{who}: {}", money(*a))
                        })
                        .collect();
                    lines.extend(
                        cases
                            .iter()
                            .map(|c| format!("{}: {}", c.label.get(lang), money(c.amount))),
                    );
                    FeeOverview {
                        text: label.to_owned(),
                        cases: lines,
                    }
                }
            }
        })
        .collect()
}

/// The end of a fee band as the citizen reads it: an amount for a money question
/// (`up_to` in cents), else the number with the question's unit.
pub fn band_bound(form: &FormDefinition, field: &str, up_to: f64, lang: Lang) -> String {
    match form.field(field).map(|f| &f.kind) {
        Some(FieldKind::Money { .. }) => {
            crate::display::money(up_to.round() as i64, form.currency(), lang)
        }
        Some(FieldKind::Number { unit, .. }) => {
            let n = if up_to.fract() == 0.0 {
                format!("{up_to:.0}")
            } else {
                up_to.to_string()
            };
            match unit {
                Some(u) => format!("{n} {}", u.get(lang)),
                None => n,
            }
        }
        _ => up_to.to_string(),
    }
}

/// Whether a question's label says itself that it may be left out ("Telefon (freiwillig)",
/// "Handwerkskarte (falls vorhanden)"), so that the portal does not add a marker of its own
/// ("(falls zutreffend)") after it.
pub fn says_optional(label: &str) -> bool {
    const MARKERS: [&str; 6] = [
        "freiwillig",
        "fakultativ",
        "facultatif",
        "facultative",
        "facoltativo",
        "optional",
    ];
    const CASES: [&str; 7] = ["falls ", "wenn ", "sofern ", "si ", "le cas ", "se ", "if "];
    let l = label.trim_end().to_lowercase();
    let Some(last) = l
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .map(|(_, inner)| inner.trim())
    else {
        return false;
    };
    MARKERS.contains(&last) || CASES.iter().any(|c| last.starts_with(c))
}

/// What the citizen should have at hand: the documents to attach and the numbers to know
/// (IBAN, AHV number, tax id, an animal's chip number), with whether they are needed only in
/// some cases (not marked where the label says so itself: one marker, not two).
pub fn needs(form: &FormDefinition, lang: Lang) -> Vec<Need> {
    let mut out = Vec::new();
    let mut visit = |f: &Field, conditional: bool| {
        if matches!(
            f.kind,
            FieldKind::File { .. }
                | FieldKind::Iban
                | FieldKind::Ahv
                | FieldKind::SteuerId
                | FieldKind::AnimalChip
        ) {
            let label = f.label.get(lang);
            let conditional =
                (conditional || f.show_if.is_some() || !f.required || f.required_if.is_some())
                    && !says_optional(label);
            out.push(Need {
                label: label.to_owned(),
                conditional,
            });
        }
    };
    for step in &form.steps {
        for f in &step.fields {
            let conditional = step.show_if.is_some();
            visit(f, conditional);
            if let FieldKind::Group { fields, .. } = &f.kind {
                for child in fields {
                    visit(child, conditional || f.show_if.is_some());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(path: &str) -> FormDefinition {
        let file = format!(
            "{}/../catalog/data/forms/{path}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
    }

    fn need(label: &str, conditional: bool) -> Need {
        Need {
            label: label.to_owned(),
            conditional,
        }
    }

    #[test]
    fn fee_table_in_words() {
        let form = form("hundesteuer-th/template.v3.json");
        let o = fee_overview(&form, Lang::De);
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].text, "Hundesteuer pro Jahr");
        assert_eq!(
            o[0].cases,
            [
                "Hund 1: 60,00\u{a0}€",
                "Hund 2: 90,00\u{a0}€",
                "Hund 3 und weitere: 120,00\u{a0}€",
                "steuerfrei (Assistenzhund): 0,00\u{a0}€",
                "erhöhter Satz (gefährlicher Hund): 480,00\u{a0}€"
            ]
        );
        assert_eq!(form.currency(), "EUR");
        assert_eq!(
            needs(&form, Lang::De),
            [
                need("Chipnummer (Transponder)", false),
                need("Nachweis Assistenzhund", true),
                need("IBAN", true)
            ]
        );
        let all = facts(&form, Lang::De);
        assert_eq!((all.lang, all.fees, all.needs.len()), (Lang::De, o, 3));
    }

    /// A fee by bands of an amount: each band's upper end and amount, and the amount above.
    #[test]
    fn fee_bands_in_words() {
        let form = form("baugesuch-ag/template.v3.json");
        let money = |c| crate::display::money(c, "CHF", Lang::De);
        let o = fee_overview(&form, Lang::De);
        assert_eq!(
            o[0].text,
            "Baubewilligungsgebühr (Vorschuss): Geschätzte Baukosten"
        );
        assert_eq!(
            o[0].cases,
            [
                format!("bis {}: {}", money(5_000_000), money(30_000)),
                format!("bis {}: {}", money(20_000_000), money(80_000)),
                format!("bis {}: {}", money(100_000_000), money(200_000)),
                format!("über {}: {}", money(100_000_000), money(500_000)),
            ]
        );
        let fr = fee_overview(&form, Lang::Fr);
        let fr_money = |c| crate::display::money(c, "CHF", Lang::Fr);
        assert_eq!(
            fr[0].cases[0],
            format!(
                "jusqu’à {}\u{a0}: {}",
                fr_money(5_000_000),
                fr_money(30_000)
            )
        );
    }

    #[test]
    fn one_marker_where_the_label_says_optional() {
        let form = form("wohnsitz-anmelden-ag/template.v3.json");
        for lang in Lang::ALL {
            for n in needs(&form, lang) {
                assert!(!(n.conditional && says_optional(&n.label)), "{}", n.label);
            }
        }
        let lease = needs(&form, Lang::De)
            .into_iter()
            .find(|n| n.label.starts_with("Mietvertrag"))
            .unwrap();
        assert_eq!(lease, need("Mietvertrag (freiwillig)", false));
        // Needed only in some cases, and not said by the label: marked.
        assert!(
            needs(&form, Lang::De)
                .iter()
                .any(|n| n.conditional && !says_optional(&n.label))
        );
        assert!(says_optional("Telefon (freiwillig) "));
        assert!(says_optional("Téléphone (facultatif)"));
        assert!(says_optional("Handwerkskarte (falls vorhanden)"));
        assert!(says_optional("Carte d’artisan (si disponible)"));
        assert!(!says_optional("Chipnummer (Transponder)"));
        assert!(!says_optional("Telefon"));
    }
}
