//! The Schalter service catalogue, independent of HTTP and databases.
//!
//! # Layout
//! - [`areas`]: topics and life situations as citizens browse them (names, rank, regrouping).
//! - [`model`]: services as citizens of one country see them, texts per language, levels.
//! - [`directory`]: offices and offerings; who is responsible for a service in a municipality;
//!   the municipality picker.
//! - [`forms`]: the online forms (canton/Land templates, municipal overlays) as published.
//! - [`search`]: the search engine (index, query understanding, ranking, highlights).
//! - [`swiss`]: the Swiss demo catalogue (Aargau, Glarus) written for the portal.
//! - [`synonyms`]: search vocabulary (own list, Zurich clusters and life situations).
//! - [`text`]: folding, tokens, stemming and compound splitting for search.
//! - [`lexicon`]: word forms a stemmer cannot join (strong verbs, participles, word families).
//! - [`leika`]: the German LeiKa/OZG catalogue as citizen services (titles, levels, translations).
//! - [`places`]: the authority tree (country, canton/Land, district/Kreis, municipality).
//! - [`tenants`]: municipalities' settings for the embedded search widget (appearance, origins).

pub mod areas;
pub mod directory;
pub mod forms;
pub mod leika;
pub mod lexicon;
pub mod model;
pub mod places;
pub mod search;
pub mod swiss;
pub mod synonyms;
pub mod tenants;
pub mod text;

/// Every service of the demo catalogue: the LeiKa catalogue from the open-data folder and the
/// embedded Swiss catalogue.
pub fn load_all_services(data_dir: &std::path::Path) -> anyhow::Result<Vec<model::Service>> {
    let mut services = leika::load(&data_dir.join("ozg-leika-services/ozg_leika_services.csv"))?;
    services.extend(swiss::embedded()?.services);
    Ok(services)
}
