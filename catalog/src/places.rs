//! The authority tree: country → canton/Land → district/Kreis → municipality, with the official
//! ids the API uses (`ch:<BFS number>`, `de:<AGS>`).
//!
//! Id scheme: countries `ch`, `de`; cantons `ch:<abbreviation>` (`ch:AG`); Swiss districts
//! `ch:bezirk:<BFS district number>`; Swiss communes `ch:<BFS number>`; German Länder, Kreise
//! and Gemeinden by their AGS prefix (`de:01`, `de:01062`, `de:01062018`).

use crate::model::Country;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// What kind of authority a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A canton or a German Land.
    State,
    /// A Swiss district or a German Kreis.
    District,
    /// A commune / Gemeinde (a kreisfreie Stadt is both Kreis and Gemeinde).
    Municipality,
}

/// One node of the authority tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Official id (see the module doc).
    pub id: String,
    /// The id of the enclosing place (`None` for countries).
    pub parent: Option<String>,
    /// Which level.
    pub kind: PlaceKind,
    /// Which country.
    pub country: Country,
    /// Official name ("Buchs (AG)", "Glinde").
    pub name: String,
    /// Short code of the canton/Land ("AG", "SH"), for disambiguation in pickers.
    pub state_code: String,
    /// Postcodes served, where known.
    #[serde(default)]
    pub postcodes: Vec<String>,
}

impl Place {
    /// The name a picker shows: disambiguated with the canton/Land where the official name
    /// is not already ("Glarus (GL)", but "Buchs (AG)" stays as it is).
    pub fn display_name(&self) -> String {
        if self.kind != PlaceKind::Municipality || self.name.ends_with(')') {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.state_code)
        }
    }
}

fn country_place(country: Country) -> Place {
    let (id, name) = match country {
        Country::Ch => ("ch", "Schweiz"),
        Country::De => ("de", "Deutschland"),
    };
    Place {
        id: id.into(),
        parent: None,
        kind: PlaceKind::Country,
        country,
        name: name.into(),
        state_code: String::new(),
        postcodes: Vec::new(),
    }
}

#[derive(Deserialize)]
struct ChCommuneRow {
    #[serde(rename = "GDEKT")]
    canton: String,
    #[serde(rename = "GDEBZNR")]
    district_no: u32,
    #[serde(rename = "GDENR")]
    bfs: u32,
    #[serde(rename = "GDENAME")]
    name: String,
    #[serde(rename = "GDEBZNA")]
    district_name: String,
    #[serde(rename = "GDEKTNA")]
    canton_name: String,
}

/// Reads the Swiss commune register (`ch_gemeinden_*.csv`) for the given cantons ("AG", "GL"),
/// producing the country, the cantons, their districts and communes.
pub fn swiss_places(register_csv: &Path, cantons: &[&str]) -> anyhow::Result<Vec<Place>> {
    let mut reader = csv::Reader::from_path(register_csv)
        .with_context(|| format!("reading {}", register_csv.display()))?;
    let mut out = vec![country_place(Country::Ch)];
    let mut states = BTreeMap::new();
    let mut districts = BTreeMap::new();
    let mut communes = Vec::new();
    for row in reader.deserialize::<ChCommuneRow>() {
        let row = row?;
        if !cantons.contains(&row.canton.as_str()) {
            continue;
        }
        let state_id = format!("ch:{}", row.canton);
        states.entry(state_id.clone()).or_insert_with(|| Place {
            id: state_id.clone(),
            parent: Some("ch".into()),
            kind: PlaceKind::State,
            country: Country::Ch,
            name: format!("Kanton {}", row.canton_name),
            state_code: row.canton.clone(),
            postcodes: Vec::new(),
        });
        let district_id = format!("ch:bezirk:{}", row.district_no);
        districts
            .entry(district_id.clone())
            .or_insert_with(|| Place {
                id: district_id.clone(),
                parent: Some(state_id.clone()),
                kind: PlaceKind::District,
                country: Country::Ch,
                name: row.district_name.clone(),
                state_code: row.canton.clone(),
                postcodes: Vec::new(),
            });
        communes.push(Place {
            id: format!("ch:{}", row.bfs),
            parent: Some(district_id),
            kind: PlaceKind::Municipality,
            country: Country::Ch,
            name: row.name,
            state_code: row.canton,
            postcodes: Vec::new(),
        });
    }
    anyhow::ensure!(!communes.is_empty(), "no communes found for {cantons:?}");
    apply_swiss_postcodes(&mut communes)?;
    out.extend(states.into_values());
    out.extend(districts.into_values());
    out.extend(communes);
    Ok(out)
}

/// Swiss postcodes by commune name (`data/ch_postcodes.tsv`, partial).
const CH_POSTCODES: &str = include_str!("../data/ch_postcodes.tsv");

/// Attaches the known postcodes; a listed name that is not among `communes` of its canton
/// is ignored only when its canton was not imported (checked by the tests).
fn apply_swiss_postcodes(communes: &mut [Place]) -> anyhow::Result<()> {
    for line in CH_POSTCODES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (name, codes) = line
            .split_once('\t')
            .context("ch_postcodes.tsv: name<TAB>postcodes")?;
        if let Some(p) = communes.iter_mut().find(|p| p.name == name) {
            p.postcodes = codes.split_whitespace().map(str::to_owned).collect();
        }
    }
    Ok(())
}

/// German Länder: AGS prefix, name, short code.
pub const LAENDER: [(&str, &str, &str); 16] = [
    ("01", "Schleswig-Holstein", "SH"),
    ("02", "Hamburg", "HH"),
    ("03", "Niedersachsen", "NI"),
    ("04", "Bremen", "HB"),
    ("05", "Nordrhein-Westfalen", "NW"),
    ("06", "Hessen", "HE"),
    ("07", "Rheinland-Pfalz", "RP"),
    ("08", "Baden-Württemberg", "BW"),
    ("09", "Bayern", "BY"),
    ("10", "Saarland", "SL"),
    ("11", "Berlin", "BE"),
    ("12", "Brandenburg", "BB"),
    ("13", "Mecklenburg-Vorpommern", "MV"),
    ("14", "Sachsen", "SN"),
    ("15", "Sachsen-Anhalt", "ST"),
    ("16", "Thüringen", "TH"),
];

/// Kreise and kreisfreie Städte of the demo Länder (Schleswig-Holstein, Thüringen), by AGS.
pub const KREISE: [(&str, &str); 38] = [
    ("01001", "Flensburg"),
    ("01002", "Kiel"),
    ("01003", "Lübeck"),
    ("01004", "Neumünster"),
    ("01051", "Kreis Dithmarschen"),
    ("01053", "Kreis Herzogtum Lauenburg"),
    ("01054", "Kreis Nordfriesland"),
    ("01055", "Kreis Ostholstein"),
    ("01056", "Kreis Pinneberg"),
    ("01057", "Kreis Plön"),
    ("01058", "Kreis Rendsburg-Eckernförde"),
    ("01059", "Kreis Schleswig-Flensburg"),
    ("01060", "Kreis Segeberg"),
    ("01061", "Kreis Steinburg"),
    ("01062", "Kreis Stormarn"),
    ("16051", "Erfurt"),
    ("16052", "Gera"),
    ("16053", "Jena"),
    ("16054", "Suhl"),
    ("16055", "Weimar"),
    ("16056", "Eisenach"),
    ("16061", "Landkreis Eichsfeld"),
    ("16062", "Landkreis Nordhausen"),
    ("16063", "Wartburgkreis"),
    ("16064", "Unstrut-Hainich-Kreis"),
    ("16065", "Kyffhäuserkreis"),
    ("16066", "Landkreis Schmalkalden-Meiningen"),
    ("16067", "Landkreis Gotha"),
    ("16068", "Landkreis Sömmerda"),
    ("16069", "Landkreis Hildburghausen"),
    ("16070", "Ilm-Kreis"),
    ("16071", "Landkreis Weimarer Land"),
    ("16072", "Landkreis Sonneberg"),
    ("16073", "Landkreis Saalfeld-Rudolstadt"),
    ("16074", "Saale-Holzland-Kreis"),
    ("16075", "Saale-Orla-Kreis"),
    ("16076", "Landkreis Greiz"),
    ("16077", "Landkreis Altenburger Land"),
];

/// The German demo towns (Gemeindeverzeichnis facts: AGS, name, postcodes).
pub const DE_SEED_TOWNS: [(&str, &str, &[&str]); 4] = [
    ("01062018", "Glinde", &["21509"]),
    ("01062023", "Großhansdorf", &["22927"]),
    ("01062009", "Barsbüttel", &["22885"]),
    ("16077043", "Schmölln", &["04626"]),
];

/// German places for the given municipalities `(AGS, name, postcodes)`: the country, their
/// Länder and Kreise (a kreisfreie Stadt is its own Kreis), and the municipalities.
pub fn german_places<'a>(
    municipalities: impl IntoIterator<Item = (&'a str, &'a str, Vec<String>)>,
) -> anyhow::Result<Vec<Place>> {
    let mut out = vec![country_place(Country::De)];
    let mut states = BTreeMap::new();
    let mut kreise = BTreeMap::new();
    let mut towns = Vec::new();
    for (ags, name, postcodes) in municipalities {
        anyhow::ensure!(
            ags.len() == 8 && ags.bytes().all(|b| b.is_ascii_digit()),
            "bad AGS {ags:?}"
        );
        let (land, kreis) = (&ags[..2], &ags[..5]);
        let &(_, land_name, code) = LAENDER
            .iter()
            .find(|(p, _, _)| *p == land)
            .with_context(|| format!("unknown Land in AGS {ags}"))?;
        let kreis_name = KREISE
            .iter()
            .find(|(p, _)| *p == kreis)
            .map_or_else(|| format!("Kreis {kreis}"), |(_, n)| (*n).to_owned());
        states.entry(land).or_insert_with(|| Place {
            id: format!("de:{land}"),
            parent: Some("de".into()),
            kind: PlaceKind::State,
            country: Country::De,
            name: land_name.into(),
            state_code: code.into(),
            postcodes: Vec::new(),
        });
        kreise.entry(kreis).or_insert_with(|| Place {
            id: format!("de:{kreis}"),
            parent: Some(format!("de:{land}")),
            kind: PlaceKind::District,
            country: Country::De,
            name: kreis_name,
            state_code: code.into(),
            postcodes: Vec::new(),
        });
        towns.push(Place {
            id: format!("de:{ags}"),
            parent: Some(format!("de:{kreis}")),
            kind: PlaceKind::Municipality,
            country: Country::De,
            name: name.into(),
            state_code: code.into(),
            postcodes,
        });
    }
    out.extend(states.into_values());
    out.extend(kreise.into_values());
    out.extend(towns);
    Ok(out)
}

/// The German demo towns as places.
pub fn german_seed_places() -> Vec<Place> {
    german_places(
        DE_SEED_TOWNS
            .iter()
            .map(|(ags, name, pcs)| (*ags, *name, pcs.iter().map(|p| (*p).to_owned()).collect())),
    )
    .expect("the seed towns are valid")
}

/// All municipalities of the given Länder (`["01", "16"]`) from the German municipality list
/// (`de_gemeinden_ags.csv`, for development and benchmarks only: it carries no licence).
pub fn german_places_from_list(list_csv: &Path, laender: &[&str]) -> anyhow::Result<Vec<Place>> {
    let mut reader = csv::Reader::from_path(list_csv)
        .with_context(|| format!("reading {}", list_csv.display()))?;
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec?;
        let (ags, name) = (rec[0].to_owned(), rec[1].to_owned());
        if laender.iter().any(|l| ags.starts_with(l)) {
            rows.push((ags, name));
        }
    }
    let seeds: BTreeMap<&str, &[&str]> = DE_SEED_TOWNS.iter().map(|(a, _, p)| (*a, *p)).collect();
    german_places(rows.iter().map(|(ags, name)| {
        let pcs = seeds
            .get(ags.as_str())
            .map(|p| p.iter().map(|s| (*s).to_owned()).collect())
            .unwrap_or_default();
        (ags.as_str(), name.as_str(), pcs)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(path: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/data")
            .join(path)
    }

    #[test]
    fn swiss_register_gives_the_aargau_and_glarus_tree() {
        let places = swiss_places(
            &shared("ch-municipalities/ch_gemeinden_2023-01-01.csv"),
            &["AG", "GL"],
        )
        .unwrap();
        let communes: Vec<_> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Municipality)
            .collect();
        assert_eq!(
            communes.iter().filter(|p| p.state_code == "AG").count(),
            198
        );
        assert_eq!(communes.iter().filter(|p| p.state_code == "GL").count(), 3);
        let aarau = places.iter().find(|p| p.id == "ch:4001").unwrap();
        assert_eq!(aarau.name, "Aarau");
        assert_eq!(aarau.parent.as_deref(), Some("ch:bezirk:1901"));
        let district = places.iter().find(|p| p.id == "ch:bezirk:1901").unwrap();
        assert_eq!(district.parent.as_deref(), Some("ch:AG"));
        assert_eq!(
            places.iter().find(|p| p.id == "ch:AG").unwrap().name,
            "Kanton Aargau"
        );
        let buchs = places.iter().find(|p| p.id == "ch:4003").unwrap();
        assert_eq!(buchs.display_name(), "Buchs (AG)");
        assert_eq!(aarau.postcodes, vec!["5000", "5004", "5032"]);
        // Every name in the postcode list is an official commune of the register.
        for line in CH_POSTCODES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let name = line.split('\t').next().unwrap();
            assert!(
                places
                    .iter()
                    .any(|p| p.name == name && !p.postcodes.is_empty()),
                "{name}"
            );
        }
        let glarus = places.iter().find(|p| p.id == "ch:1632").unwrap();
        assert_eq!(glarus.display_name(), "Glarus (GL)");
        // Every parent exists.
        for p in &places {
            if let Some(parent) = &p.parent {
                assert!(
                    places.iter().any(|q| &q.id == parent),
                    "{} → {parent}",
                    p.id
                );
            }
        }
    }

    #[test]
    fn german_seed_towns_sit_in_their_kreis_and_land() {
        let places = german_seed_places();
        let glinde = places.iter().find(|p| p.id == "de:01062018").unwrap();
        assert_eq!(glinde.parent.as_deref(), Some("de:01062"));
        assert_eq!(glinde.postcodes, vec!["21509"]);
        assert_eq!(
            places.iter().find(|p| p.id == "de:01062").unwrap().name,
            "Kreis Stormarn"
        );
        assert_eq!(
            places.iter().find(|p| p.id == "de:16").unwrap().name,
            "Thüringen"
        );
        let schmoelln = places.iter().find(|p| p.id == "de:16077043").unwrap();
        assert_eq!(schmoelln.display_name(), "Schmölln (TH)");
    }

    #[test]
    fn the_seed_towns_match_the_official_list() {
        let places = german_places_from_list(
            &shared("de-municipalities/de_gemeinden_ags.csv"),
            &["01", "16"],
        )
        .unwrap();
        let towns = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Municipality)
            .count();
        assert!(towns > 1700, "{towns}");
        for (ags, name, _) in DE_SEED_TOWNS {
            let p = places.iter().find(|p| p.id == format!("de:{ags}")).unwrap();
            assert_eq!(p.name, name);
        }
        assert!(german_places([("123", "x", vec![])]).is_err());
    }
}
