//! The Swiss demo catalogue (Kanton Aargau, Kanton Glarus), written for this portal:
//! `data/ch_catalogue.json` holds the services in de/fr/it/en, the cantonal offices, and per
//! canton who is responsible (a cantonal office, or the citizen's own commune).
//!
//! A Swiss service that is the same administrative service as a LeiKa entry carries its LeiKa
//! key as id (Identitätskarte = Personalausweis `99008001012000`); others `ch-<slug>`.

use crate::directory::{Address, Office};
use crate::model::{Country, LangList, LangText, Level, Service};
use anyhow::Context;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The embedded catalogue file.
pub const CATALOGUE_JSON: &str = include_str!("../data/ch_catalogue.json");

/// Who is responsible for a Swiss service in one canton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwissOffering {
    /// Service id.
    pub service: String,
    /// Canton abbreviation ("AG").
    pub canton: String,
    /// A cantonal office, or `None` for the citizen's commune.
    pub office: Option<String>,
}

/// The parsed Swiss catalogue.
#[derive(Debug, Clone)]
pub struct SwissCatalogue {
    /// The services (country `ch`).
    pub services: Vec<Service>,
    /// Cantonal offices (placed at their canton).
    pub offices: Vec<Office>,
    /// Responsibility per canton.
    pub offerings: Vec<SwissOffering>,
}

#[derive(Deserialize)]
struct File {
    offices: Vec<OfficeRow>,
    services: Vec<ServiceRow>,
}

#[derive(Deserialize)]
struct OfficeRow {
    id: String,
    canton: String,
    name: LangText,
    #[serde(default)]
    street: String,
    postcode: String,
    place: String,
    #[serde(default)]
    website: Option<String>,
}

#[derive(Deserialize)]
struct ServiceRow {
    id: String,
    level: Level,
    topic: String,
    life_situation: String,
    popularity: u8,
    title: LangText,
    summary: LangText,
    #[serde(default)]
    keywords: LangList,
    #[serde(default)]
    fee: Option<LangText>,
    #[serde(default)]
    documents: LangList,
    /// Canton → office id, or `null` for the commune.
    routing: BTreeMap<String, Option<String>>,
}

/// Parses the embedded catalogue; topics and life situations are translated from the OZG
/// area names (`data/ozg_areas.tsv`) so that browsing merges Swiss and German services.
pub fn embedded() -> anyhow::Result<SwissCatalogue> {
    parse(CATALOGUE_JSON)
}

/// Parses a catalogue in the format of `data/ch_catalogue.json`.
pub fn parse(json: &str) -> anyhow::Result<SwissCatalogue> {
    let file: File = serde_json::from_str(json).context("ch_catalogue.json")?;
    let areas = crate::areas::Areas::embedded();
    let place = |topic: &str, life: &str| -> anyhow::Result<(LangText, LangText)> {
        for name in [topic, life] {
            anyhow::ensure!(
                areas.knows(name),
                "unknown OZG topic or life situation {name:?}"
            );
        }
        Ok(areas.place(topic, life))
    };
    let offices = file
        .offices
        .into_iter()
        .map(|o| Office {
            id: o.id,
            // "CH": a federal office, placed at the country.
            place_id: if o.canton == "CH" {
                "ch".to_owned()
            } else {
                format!("ch:{}", o.canton)
            },
            name: o.name,
            address: Some(Address {
                street: o.street,
                postcode: o.postcode,
                place: o.place,
            }),
            phone: None,
            email: None,
            website: o.website,
            opening_hours: None,
        })
        .collect::<Vec<_>>();
    let mut services = Vec::new();
    let mut offerings = Vec::new();
    for s in file.services {
        for (canton, office) in &s.routing {
            offerings.push(SwissOffering {
                service: s.id.clone(),
                canton: canton.clone(),
                office: office.clone(),
            });
        }
        let (topic, life_situation) = place(&s.topic, &s.life_situation)?;
        services.push(Service {
            id: s.id,
            country: Country::Ch,
            official_name: None,
            title: s.title,
            summary: s.summary,
            keywords: s.keywords,
            extended_keywords: LangList::default(),
            topic,
            life_situation,
            level: s.level,
            fee_hint: s.fee,
            documents: s.documents,
            form: None,
            popularity: s.popularity,
        });
    }
    Ok(SwissCatalogue {
        services,
        offices,
        offerings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn the_catalogue_is_complete_and_consistent() {
        let cat = embedded().unwrap();
        let leika: HashSet<String> = crate::leika::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/data/ozg-leika-services/ozg_leika_services.csv"),
        )
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
        assert!(
            cat.services.len() >= 60,
            "the demo needs at least 60 Swiss services"
        );
        let mut ids = HashSet::new();
        for s in &cat.services {
            assert!(ids.insert(s.id.clone()), "duplicate {}", s.id);
            assert!(
                leika.contains(&s.id)
                    || (s.id.starts_with("ch-")
                        && s.id[3..]
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b == b'-')),
                "{} is neither a LeiKa key nor a ch- slug",
                s.id
            );
            for (what, t) in [("title", &s.title), ("summary", &s.summary)] {
                for lang in contract::Lang::ALL {
                    assert!(t.get(lang).is_some(), "{} {what} lacks {lang}", s.id);
                }
                assert!(!t.de.contains('ß'), "{}: Swiss German writes ss", s.id);
            }
            assert!(
                !s.keywords.de.is_empty() && !s.keywords.fr.is_empty(),
                "{} keywords",
                s.id
            );
            assert!(
                !s.documents.de.is_empty() && !s.documents.fr.is_empty(),
                "{} documents",
                s.id
            );
            for canton in ["AG", "GL"] {
                assert!(
                    cat.offerings
                        .iter()
                        .any(|o| o.service == s.id && o.canton == canton),
                    "{} not routed in {canton}",
                    s.id
                );
            }
        }
        let offices: HashMap<&str, &Office> =
            cat.offices.iter().map(|o| (o.id.as_str(), o)).collect();
        for o in &cat.offerings {
            if let Some(id) = &o.office {
                let office = offices
                    .get(id.as_str())
                    .unwrap_or_else(|| panic!("unknown office {id}"));
                assert!(
                    office.place_id == format!("ch:{}", o.canton) || office.place_id == "ch",
                    "{id} serves its own canton"
                );
            }
        }
    }
}
