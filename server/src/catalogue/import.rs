//! `schalter import`: loads the catalogue from the open data in `../shared/data` (LeiKa/OZG
//! services, the Swiss commune register, German municipalities, synonym clusters) and the
//! Swiss catalogue written for this portal (embedded in the binary), replacing what is stored,
//! publishes the online forms (new versions are added, published ones never change), and
//! replaces the tenant settings (the embedded search widget's appearance and origins).

use super::store::{self, CatalogueData};
use crate::db::Db;
use anyhow::Context;
use catalog::directory::{Offering, Office};
use catalog::forms::FormSet;
use catalog::model::{Country, Level};
use catalog::places::{self, Place, PlaceKind};
use catalog::tenants::{self, Tenant};
use std::path::Path;

/// German offices of the demo (Kreis and town administrations).
const DE_OFFICES: &str = include_str!("../../../catalog/data/de_offices.json");

/// What to import.
#[derive(Debug, Clone)]
pub struct ImportOptions<'a> {
    /// The open-data folder (`ozg-leika-services/`, `ch-municipalities/`, …).
    pub data_dir: &'a Path,
    /// Swiss cantons whose communes to import.
    pub cantons: Vec<String>,
    /// German Länder (AGS prefixes) whose municipalities to import from the municipality list;
    /// empty: only the demo towns (the list carries no licence to ship).
    pub de_laender: Vec<String>,
    /// A folder of online forms; `None`: the forms embedded in the binary.
    pub forms_dir: Option<&'a Path>,
    /// A tenants file (`catalog/data/tenants.json` format); `None`: the embedded demo tenants.
    pub tenants_file: Option<&'a Path>,
}

/// Everything one import writes, checked.
#[derive(Debug)]
pub struct Imported {
    /// The catalogue.
    pub data: CatalogueData,
    /// The online forms it links to.
    pub forms: FormSet,
    /// The tenant settings.
    pub tenants: Vec<Tenant>,
}

/// Reads every source and assembles the catalogue (with the forms it links to and the tenants).
pub fn assemble(opts: &ImportOptions<'_>) -> anyhow::Result<Imported> {
    let dir = opts.data_dir;
    anyhow::ensure!(
        dir.is_dir(),
        "data folder {} not found (use --data-dir)",
        dir.display()
    );

    let cantons: Vec<&str> = opts.cantons.iter().map(String::as_str).collect();
    let mut place_list = places::swiss_places(
        &dir.join("ch-municipalities/ch_gemeinden_2023-01-01.csv"),
        &cantons,
    )?;
    if opts.de_laender.is_empty() {
        place_list.extend(places::german_seed_places());
    } else {
        let laender: Vec<&str> = opts.de_laender.iter().map(String::as_str).collect();
        place_list.extend(places::german_places_from_list(
            &dir.join("de-municipalities/de_gemeinden_ags.csv"),
            &laender,
        )?);
    }

    let mut services = catalog::load_all_services(dir)?;
    let forms = match opts.forms_dir {
        Some(d) => FormSet::from_dir(d)?,
        None => FormSet::embedded()?,
    };
    // Each service names its online form; a form must name services that exist.
    let mut form_owners = Vec::new();
    for f in forms.current_templates() {
        let country = match f.country.as_str() {
            "ch" => Country::Ch,
            "de" => Country::De,
            other => anyhow::bail!("form {}: unknown country {other:?}", f.id),
        };
        for id in &f.services {
            let s = services
                .iter_mut()
                .find(|s| &s.id == id && s.country == country)
                .with_context(|| format!("form {}: no service {id} ({})", f.id, f.country))?;
            s.form = Some(f.id.clone());
        }
        form_owners.push((f.id.clone(), f.owner.clone()));
    }
    let swiss = catalog::swiss::embedded()?;

    let mut offices: Vec<Office> = serde_json::from_str(DE_OFFICES).context("de_offices.json")?;
    offices.extend(swiss.offices.iter().cloned());

    let mut offerings = Vec::new();
    // German services: each Land of the demo offers the whole LeiKa catalogue; the service's
    // level says whose job it is (the town, the Kreis, the Land or a federal authority).
    let laender: Vec<&Place> = place_list
        .iter()
        .filter(|p| p.country == Country::De && p.kind == PlaceKind::State)
        .collect();
    for s in services.iter().filter(|s| s.country == Country::De) {
        for land in &laender {
            offerings.push(Offering {
                service_id: s.id.clone(),
                country: Country::De,
                scope_id: land.id.clone(),
                responsible: s.level,
                office_id: None,
                offered: true,
            });
        }
    }
    // Swiss services: per canton, a cantonal office or the citizen's commune.
    for o in &swiss.offerings {
        if !cantons.contains(&o.canton.as_str()) {
            continue;
        }
        // A cantonal office: the canton is responsible; a federal one: the federation;
        // none: the citizen's own commune.
        let level = match o
            .office
            .as_deref()
            .and_then(|id| swiss.offices.iter().find(|x| x.id == id))
        {
            Some(office) if office.place_id == "ch" => Level::Federal,
            Some(_) => Level::State,
            None => Level::Municipality,
        };
        offerings.push(Offering {
            service_id: o.service.clone(),
            country: Country::Ch,
            scope_id: format!("ch:{}", o.canton),
            responsible: level,
            office_id: o.office.clone(),
            offered: true,
        });
    }

    let mut vocabulary = Vec::new();
    for (source, path) in [
        ("zh-synonyms", "zh-lebenslagen-synonyms/synonyms_de-CH.json"),
        (
            "zh-lebenslagen",
            "zh-lebenslagen-synonyms/lebenslagen_zh.json",
        ),
    ] {
        let json =
            std::fs::read_to_string(dir.join(path)).with_context(|| format!("reading {path}"))?;
        vocabulary.push((source.to_owned(), json));
    }

    // Validate before anything is written.
    catalog::directory::Directory::new(place_list.clone(), offices.clone(), offerings.clone())?;
    for (id, owner) in &form_owners {
        anyhow::ensure!(
            place_list.iter().any(|p| &p.id == owner),
            "form {id}: owner {owner} is not a known authority"
        );
    }
    let tenants = read_tenants(opts.tenants_file, |id| {
        place_list
            .iter()
            .any(|p| p.id == id && p.kind == PlaceKind::Municipality)
    })?;
    Ok(Imported {
        data: CatalogueData {
            places: place_list,
            offices,
            services,
            offerings,
            vocabulary,
            form_owners,
        },
        forms,
        tenants,
    })
}

/// The tenants of a file (or the embedded demo ones), each a municipality of the catalogue.
fn read_tenants(
    file: Option<&Path>,
    is_municipality: impl Fn(&str) -> bool,
) -> anyhow::Result<Vec<Tenant>> {
    let json = match file {
        Some(f) => {
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?
        }
        None => tenants::EMBEDDED.to_owned(),
    };
    let list = tenants::parse(&json)?;
    for t in &list {
        anyhow::ensure!(
            is_municipality(&t.municipality),
            "tenant {}: no such municipality in the catalogue",
            t.municipality
        );
    }
    Ok(list)
}

/// Assembles and stores the catalogue and the tenants; returns what was imported.
pub async fn run(db: &Db, opts: &ImportOptions<'_>) -> anyhow::Result<Imported> {
    let imported = assemble(opts)?;
    // Forms first: the new catalogue version (which makes every server reload) links to them.
    crate::forms::store::publish(db, &imported.forms).await?;
    store::replace(db, &imported.data).await?;
    crate::tenants::replace(db, &imported.tenants).await?;
    Ok(imported)
}

/// Imports the tenant settings alone, checked against the stored catalogue (for a database
/// whose catalogue was imported before there were tenant settings); returns them.
pub async fn tenants_only(db: &Db, file: Option<&Path>) -> anyhow::Result<Vec<Tenant>> {
    let municipalities = store::municipality_ids(db).await?;
    let tenants = read_tenants(file, |id| municipalities.contains(id))?;
    crate::tenants::replace(db, &tenants).await?;
    Ok(tenants)
}
