//! Who is responsible: the authority tree, offices and offerings, and the resolution of the
//! responsible authority for a service in a citizen's municipality. Also the municipality
//! picker (by name or postcode).

use crate::model::{Country, LangText, Level};
use crate::places::{Place, PlaceKind};
use crate::text::fold;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub use contract::api::Address;

/// An office of an authority, with its contact data. The office with id `admin:<place id>`
/// is a place's own administration (its Gemeindekanzlei, Kreisverwaltung, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// Stable id.
    pub id: String,
    /// The place whose authority runs it.
    pub place_id: String,
    /// Name in the portal languages.
    pub name: LangText,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Opening hours in the portal languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<LangText>,
}

impl Office {
    /// The id of a place's own administration.
    pub fn admin_id(place_id: &str) -> String {
        format!("admin:{place_id}")
    }
}

/// Who is responsible for a service below a place. A canton/Land-wide row is the default;
/// a row for a district or municipality overrides it for the places below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offering {
    /// The service id.
    pub service_id: String,
    /// Which country's variant of the service.
    pub country: Country,
    /// The place this row applies to (and everything below it).
    pub scope_id: String,
    /// Without an office: the level of the citizen's own chain that is responsible.
    pub responsible: Level,
    /// A specific office, e.g. a cantonal Passbüro.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_id: Option<String>,
    /// `false` withdraws the service below the scope (a municipality that does not offer it).
    pub offered: bool,
}

/// The resolved responsibility for a service in a municipality.
#[derive(Debug, Clone, Copy)]
pub struct Responsible<'a> {
    /// The level that is responsible.
    pub level: Level,
    /// The responsible place (the citizen's municipality, district, canton/Land or country).
    pub place: &'a Place,
    /// The office to turn to, where known.
    pub office: Option<&'a Office>,
}

/// Places, offices and offerings, indexed for resolution.
#[derive(Debug, Default)]
pub struct Directory {
    places: HashMap<String, Place>,
    offices: HashMap<String, Office>,
    offerings: HashMap<(String, Country), HashMap<String, Offering>>,
    /// Municipalities with their folded names, for the picker.
    picker: Vec<(String, String)>,
}

impl Directory {
    /// Builds the directory, checking that every reference points at something that exists.
    pub fn new(
        places: Vec<Place>,
        offices: Vec<Office>,
        offerings: Vec<Offering>,
    ) -> anyhow::Result<Directory> {
        let places: HashMap<_, _> = places.into_iter().map(|p| (p.id.clone(), p)).collect();
        for p in places.values() {
            if let Some(parent) = &p.parent {
                anyhow::ensure!(
                    places.contains_key(parent),
                    "place {} has unknown parent {parent}",
                    p.id
                );
            }
        }
        let offices: HashMap<_, _> = offices.into_iter().map(|o| (o.id.clone(), o)).collect();
        for o in offices.values() {
            anyhow::ensure!(
                places.contains_key(&o.place_id),
                "office {} at unknown place {}",
                o.id,
                o.place_id
            );
        }
        let mut by_service: HashMap<(String, Country), HashMap<String, Offering>> = HashMap::new();
        for o in offerings {
            anyhow::ensure!(
                places.contains_key(&o.scope_id),
                "offering of {} for unknown place {}",
                o.service_id,
                o.scope_id
            );
            if let Some(office) = &o.office_id {
                offices.get(office).with_context(|| {
                    format!("offering of {} names unknown office {office}", o.service_id)
                })?;
            }
            by_service
                .entry((o.service_id.clone(), o.country))
                .or_default()
                .insert(o.scope_id.clone(), o);
        }
        let mut picker: Vec<(String, String)> = places
            .values()
            .filter(|p| p.kind == PlaceKind::Municipality)
            .map(|p| (fold(&p.name), p.id.clone()))
            .collect();
        picker.sort();
        Ok(Directory {
            places,
            offices,
            offerings: by_service,
            picker,
        })
    }

    /// A place by id.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.get(id)
    }

    /// A municipality by id (`None` for other kinds of place).
    pub fn municipality(&self, id: &str) -> Option<&Place> {
        self.place(id).filter(|p| p.kind == PlaceKind::Municipality)
    }

    /// An office by id.
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.get(id)
    }

    /// The place and its ancestors, innermost first.
    pub fn chain(&self, id: &str) -> Vec<&Place> {
        let mut out = Vec::new();
        let mut next = self.places.get(id);
        while let Some(p) = next {
            out.push(p);
            next = p.parent.as_deref().and_then(|id| self.places.get(id));
        }
        out
    }

    /// The ancestor of `id` of the given kind (or the place itself).
    pub fn ancestor(&self, id: &str, kind: PlaceKind) -> Option<&Place> {
        self.chain(id).into_iter().find(|p| p.kind == kind)
    }

    /// Who is responsible for service `(id, country)` in `municipality`; `None` where it is
    /// not offered there.
    pub fn responsible(
        &self,
        service_id: &str,
        country: Country,
        municipality: &str,
    ) -> Option<Responsible<'_>> {
        let rows = self.offerings.get(&(service_id.to_owned(), country))?;
        let chain = self.chain(municipality);
        if chain.first()?.country != country {
            return None;
        }
        let row = chain.iter().find_map(|p| rows.get(&p.id))?;
        if !row.offered {
            return None;
        }
        let kind = match row.responsible {
            Level::Municipality => PlaceKind::Municipality,
            Level::District => PlaceKind::District,
            Level::State => PlaceKind::State,
            Level::Federal => PlaceKind::Country,
        };
        let place = chain
            .iter()
            .copied()
            .find(|p| p.kind == kind)
            .unwrap_or(chain[0]);
        let office = match &row.office_id {
            Some(id) => self.offices.get(id),
            None => self.offices.get(&Office::admin_id(&place.id)),
        };
        Some(Responsible {
            level: row.responsible,
            place,
            office,
        })
    }

    /// Whether the service variant is offered anywhere (has any offering row).
    pub fn has_offerings(&self, service_id: &str, country: Country) -> bool {
        self.offerings
            .contains_key(&(service_id.to_owned(), country))
    }

    /// Municipalities matching a name or postcode, best first: exact name, name prefix, word
    /// prefix, substring, then names within one typo; postcodes by prefix.
    pub fn find_municipalities(&self, query: &str, limit: usize) -> Vec<&Place> {
        let q = fold(query.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(u8, &str, &Place)> = Vec::new();
        let digits = q.bytes().all(|b| b.is_ascii_digit());
        for (name, id) in &self.picker {
            let place = &self.places[id];
            let rank = if digits {
                place
                    .postcodes
                    .iter()
                    .any(|p| p.starts_with(&q))
                    .then_some(0)
            } else if *name == q {
                Some(0)
            } else if name.starts_with(&q) {
                Some(1)
            } else if name.split([' ', '-', '(', '/']).any(|w| w.starts_with(&q)) {
                Some(2)
            } else if q.len() >= 3 && name.contains(&q) {
                Some(3)
            } else if q.len() >= 4 && within_one_edit(&q, &name[..name.len().min(q.len() + 1)]) {
                Some(4)
            } else {
                None
            };
            if let Some(rank) = rank {
                scored.push((rank, name, place));
            }
        }
        scored.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.len().cmp(&b.1.len()))
                .then(a.1.cmp(b.1))
        });
        scored.into_iter().take(limit).map(|(_, _, p)| p).collect()
    }

    /// Every place.
    pub fn places(&self) -> impl Iterator<Item = &Place> {
        self.places.values()
    }
}

/// Whether `a` and a prefix of `b` of about the same length differ by at most one edit.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    // The best prefix of b: allows b to be longer than a.
    prev.iter()
        .skip(a.len().saturating_sub(1))
        .copied()
        .min()
        .unwrap_or(usize::MAX)
        <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::{german_seed_places, swiss_places};
    use std::path::Path;

    fn directory() -> Directory {
        let register = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/data/ch-municipalities/ch_gemeinden_2023-01-01.csv");
        let mut places = swiss_places(&register, &["AG", "GL"]).unwrap();
        places.extend(german_seed_places());
        let offices = vec![
            Office {
                id: "ag-passbuero".into(),
                place_id: "ch:AG".into(),
                name: LangText::de("Passbüro Aargau"),
                address: None,
                phone: None,
                email: None,
                website: None,
                opening_hours: None,
            },
            Office {
                id: Office::admin_id("ch:4001"),
                place_id: "ch:4001".into(),
                name: LangText::de("Stadtverwaltung Aarau"),
                address: None,
                phone: None,
                email: None,
                website: None,
                opening_hours: None,
            },
        ];
        let row =
            |service: &str, country, scope: &str, responsible, office: Option<&str>, offered| {
                Offering {
                    service_id: service.into(),
                    country,
                    scope_id: scope.into(),
                    responsible,
                    office_id: office.map(Into::into),
                    offered,
                }
            };
        let offerings = vec![
            row(
                "pass",
                Country::Ch,
                "ch:AG",
                Level::State,
                Some("ag-passbuero"),
                true,
            ),
            row(
                "hund",
                Country::Ch,
                "ch:AG",
                Level::Municipality,
                None,
                true,
            ),
            row(
                "hund",
                Country::Ch,
                "ch:4003",
                Level::Municipality,
                None,
                false,
            ),
            row(
                "hund",
                Country::Ch,
                "ch:GL",
                Level::Municipality,
                None,
                true,
            ),
            row("kfz", Country::De, "de:01", Level::District, None, true),
        ];
        Directory::new(places, offices, offerings).unwrap()
    }

    #[test]
    fn resolves_canton_defaults_and_municipal_overrides() {
        let d = directory();
        let pass = d.responsible("pass", Country::Ch, "ch:4001").unwrap();
        assert_eq!(pass.office.unwrap().id, "ag-passbuero");
        assert_eq!(pass.place.id, "ch:AG");
        let hund = d.responsible("hund", Country::Ch, "ch:4001").unwrap();
        assert_eq!(hund.place.id, "ch:4001");
        assert_eq!(hund.office.unwrap().name.de, "Stadtverwaltung Aarau");
        let hund_wettingen = d.responsible("hund", Country::Ch, "ch:4045").unwrap();
        assert_eq!(hund_wettingen.place.name, "Wettingen");
        assert!(hund_wettingen.office.is_none());
        assert!(
            d.responsible("hund", Country::Ch, "ch:4003").is_none(),
            "Buchs (AG) withdrew it"
        );
        assert!(
            d.responsible("pass", Country::Ch, "ch:1632").is_none(),
            "no Glarus row"
        );
        assert!(d.responsible("pass", Country::De, "ch:4001").is_none());
        let kfz = d.responsible("kfz", Country::De, "de:01062018").unwrap();
        assert_eq!(kfz.place.name, "Kreis Stormarn");
        assert!(
            d.responsible("kfz", Country::De, "de:16077043").is_none(),
            "only Schleswig-Holstein"
        );
    }

    #[test]
    fn rejects_dangling_references() {
        let bad = Offering {
            service_id: "x".into(),
            country: Country::Ch,
            scope_id: "ch:nowhere".into(),
            responsible: Level::State,
            office_id: None,
            offered: true,
        };
        assert!(Directory::new(german_seed_places(), vec![], vec![bad]).is_err());
    }

    #[test]
    fn picker_finds_by_name_typo_and_postcode() {
        let d = directory();
        let names = |q: &str| {
            d.find_municipalities(q, 5)
                .iter()
                .map(|p| p.display_name())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("Aarau")[0], "Aarau (AG)");
        assert_eq!(names("buchs")[0], "Buchs (AG)");
        assert_eq!(names("glinde")[0], "Glinde (SH)");
        assert_eq!(names("grosshansdorf")[0], "Großhansdorf (SH)");
        assert_eq!(names("schmolln")[0], "Schmölln (TH)");
        assert!(
            names("Wettigen").contains(&"Wettingen (AG)".to_owned()),
            "{:?}",
            names("Wettigen")
        );
        assert!(names("glarus").contains(&"Glarus Nord (GL)".to_owned()));
        assert_eq!(names("21509"), vec!["Glinde (SH)"]);
        assert_eq!(names("8752"), vec!["Glarus Nord (GL)"], "Näfels");
        assert_eq!(names("5400"), vec!["Baden (AG)"]);
        assert_eq!(names("215"), vec!["Glinde (SH)"]);
        assert!(names("").is_empty());
        assert!(names("zzzzzz").is_empty());
    }
}
