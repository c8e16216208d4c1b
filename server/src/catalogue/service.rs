//! The catalogue's lookups as typed operations: search, a service's details, municipalities,
//! topics. Inputs are plain values, results the contract's types, failures [`LookupError`];
//! nothing here knows HTTP (the routes translate).

use std::collections::{BTreeMap, HashSet};

use catalog::directory::Responsible;
use catalog::model::{Country, Level, Service};
use catalog::places::{Place, PlaceKind};
use catalog::search::SearchQuery;
use contract::Lang;
use contract::api::{
    Authority, Contact, LifeSituationEntry, MunicipalitiesResponse, MunicipalityRef,
    SearchResponse, SearchResult, ServiceDetail, TopicEntry, TopicsResponse,
};
use contract::texts::Texts;

use super::Catalogue;
use crate::authorities::local::{Local, LocalView};

/// The longest search text, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The longest municipality name typed into the picker, in characters.
pub const MAX_PLACE_QUERY_CHARS: usize = 100;
/// The longest id, topic or other short parameter, in characters.
pub const MAX_ID_CHARS: usize = 100;
/// Most results one request may ask for.
pub const MAX_LIMIT: usize = 50;

/// Why a lookup failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// A language the portal does not speak.
    #[error("unknown language {0:?}")]
    UnknownLanguage(String),
    /// No such municipality.
    #[error("unknown municipality {0:?}")]
    UnknownMunicipality(String),
    /// A text parameter over its bound.
    #[error("{parameter} is longer than {max} characters")]
    TooLong {
        /// The parameter.
        parameter: &'static str,
        /// Its bound in characters.
        max: usize,
    },
    /// Nothing with that id.
    #[error("not found")]
    NotFound,
}

/// Checks a text's length in characters (counting stops at the bound, so a huge input costs
/// no more than a short one).
pub fn bounded(parameter: &'static str, text: &str, max: usize) -> Result<(), LookupError> {
    if text.chars().nth(max).is_some() {
        Err(LookupError::TooLong { parameter, max })
    } else {
        Ok(())
    }
}

/// A `lang` parameter; German when absent.
pub fn parse_lang(lang: Option<&str>) -> Result<Lang, LookupError> {
    match lang {
        None | Some("") => Ok(Lang::De),
        Some(l) => l
            .parse()
            .map_err(|_| LookupError::UnknownLanguage(l.chars().take(MAX_ID_CHARS).collect())),
    }
}

/// A municipality by id; `None` when absent.
pub fn find_municipality<'a>(
    cat: &'a Catalogue,
    id: Option<&str>,
) -> Result<Option<&'a Place>, LookupError> {
    match id {
        None | Some("") => Ok(None),
        Some(id) => cat.directory.municipality(id).map(Some).ok_or_else(|| {
            LookupError::UnknownMunicipality(id.chars().take(MAX_ID_CHARS).collect())
        }),
    }
}

/// `ch` or `de`.
pub fn country_code(c: Country) -> String {
    match c {
        Country::Ch => "ch",
        Country::De => "de",
    }
    .into()
}

fn level_code(l: Level) -> String {
    match l {
        Level::Federal => "federal",
        Level::State => "state",
        Level::District => "district",
        Level::Municipality => "municipality",
    }
    .into()
}

/// A municipality with its district and canton/Land names.
pub fn municipality_ref(cat: &Catalogue, m: &Place) -> MunicipalityRef {
    let name_of = |kind| {
        cat.directory
            .ancestor(&m.id, kind)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    MunicipalityRef {
        id: m.id.clone(),
        name: m.name.clone(),
        display_name: m.display_name(),
        state_code: m.state_code.clone(),
        state_name: name_of(PlaceKind::State),
        district_name: name_of(PlaceKind::District),
        country: country_code(m.country),
        postcodes: m.postcodes.clone(),
    }
}

/// The responsible authority as the API shows it.
pub fn authority(r: &Responsible<'_>, lang: Lang) -> Authority {
    let t = Texts::for_lang(lang);
    let place_name = match r.place.kind {
        PlaceKind::Municipality => Texts::fill(t.municipal_administration, &r.place.name),
        PlaceKind::Country => t.federal_authority.to_owned(),
        _ => r.place.name.clone(),
    };
    let contact = match r.office {
        Some(o) => Contact {
            office: o.name.get_or_de(lang).0.to_owned(),
            address: o.address.clone(),
            phone: o.phone.clone(),
            email: o.email.clone(),
            website: o.website.clone(),
            opening_hours: o
                .opening_hours
                .as_ref()
                .map(|h| h.get_or_de(lang).0.to_owned()),
        },
        None => Contact {
            office: place_name.clone(),
            ..Contact::default()
        },
    };
    let (id, name) = match r.office {
        Some(o) if !o.id.starts_with("admin:") => (o.id.clone(), contact.office.clone()),
        _ => (r.place.id.clone(), place_name),
    };
    Authority {
        id,
        name,
        level: level_code(r.level),
        contact,
    }
}

fn result(
    cat: &Catalogue,
    local: &Local,
    s: &Service,
    lang: Lang,
    m: Option<&Place>,
    highlights: Vec<[usize; 2]>,
) -> SearchResult {
    let (title, shown) = s.title.get_or_de(lang);
    let summary = s
        .summary
        .get(shown)
        .unwrap_or_else(|| s.summary.get_or_de(lang).0);
    SearchResult {
        id: s.id.clone(),
        country: country_code(s.country),
        title: title.to_owned(),
        lang: shown,
        highlights,
        summary: summary.to_owned(),
        topic: s.topic.get_or_de(lang).0.to_owned(),
        life_situation: s.life_situation.get_or_de(lang).0.to_owned(),
        online: cat.form_for(s, m.map(|m| m.id.as_str())).is_some(),
        form: cat.form_for(s, m.map(|m| m.id.as_str())),
        authority: m
            .and_then(|m| local.responsible(&cat.directory, &s.id, s.country, m))
            .map(|r| local.authority(&r, lang)),
    }
}

/// A search.
#[derive(Debug, Default, Clone)]
pub struct Search<'a> {
    /// What the citizen typed.
    pub text: Option<&'a str>,
    /// Language of titles and results.
    pub lang: Option<&'a str>,
    /// Only services offered here.
    pub municipality: Option<&'a str>,
    /// How many results (1 to [`MAX_LIMIT`], default 10).
    pub limit: Option<usize>,
    /// Only this topic (its German key).
    pub topic: Option<&'a str>,
    /// Only this life situation (its German key).
    pub life_situation: Option<&'a str>,
    /// What the municipality's authority changed (services switched off, contacts), with
    /// what is offered there.
    pub local: Option<&'a LocalView>,
}

/// The search: with a municipality, only the services offered there.
pub fn search(cat: &Catalogue, p: &Search<'_>) -> Result<SearchResponse, LookupError> {
    let raw = p.text.unwrap_or("");
    bounded("q", raw, MAX_QUERY_CHARS + 100)?;
    let text = raw.trim();
    bounded("q", text, MAX_QUERY_CHARS)?;
    for (name, v) in [("topic", p.topic), ("life_situation", p.life_situation)] {
        bounded(name, v.unwrap_or(""), MAX_ID_CHARS)?;
    }
    let lang = parse_lang(p.lang)?;
    let m = find_municipality(cat, p.municipality)?;
    let limit = p.limit.unwrap_or(10).clamp(1, MAX_LIMIT);
    let topic = p.topic.filter(|t| !t.is_empty());
    let life = p.life_situation.filter(|t| !t.is_empty());
    let none = LocalView::default();
    let view = p.local.unwrap_or(&none);
    let local = &view.local;
    let allowed = |s: &Service| {
        m.is_none_or(|m| view.offers(cat, s, m))
            && topic.is_none_or(|t| s.topic.de == t)
            && life.is_none_or(|l| s.life_situation.de == l)
    };
    let results: Vec<SearchResult> = if text.is_empty() {
        if topic.is_none() && life.is_none() {
            Vec::new()
        } else {
            browse(cat, &allowed, lang, limit)
                .into_iter()
                .map(|s| result(cat, local, s, lang, m, Vec::new()))
                .collect()
        }
    } else {
        let query = SearchQuery {
            text,
            lang,
            country: m.map(|m| m.country),
            allowed: Some(&allowed),
            limit,
        };
        cat.index
            .search(&query)
            .into_iter()
            .map(|hit| {
                let s = &cat.index.services()[hit.index];
                let hl = hit.highlights.iter().map(|r| [r.start, r.end]).collect();
                result(cat, local, s, lang, m, hl)
            })
            .collect()
    };
    let suggestions = if results.is_empty() && !text.is_empty() {
        browse(
            cat,
            &|s: &Service| m.is_none_or(|m| view.offers(cat, s, m)),
            lang,
            5,
        )
        .into_iter()
        .map(|s| result(cat, local, s, lang, m, Vec::new()))
        .collect()
    } else {
        Vec::new()
    };
    Ok(SearchResponse {
        query: text.to_owned(),
        municipality: m.map(|m| municipality_ref(cat, m)),
        results,
        suggestions,
    })
}

/// Services passing `allowed`, most popular first, one variant per id.
fn browse<'a>(
    cat: &'a Catalogue,
    allowed: &dyn Fn(&Service) -> bool,
    lang: Lang,
    limit: usize,
) -> Vec<&'a Service> {
    let mut list: Vec<&Service> = cat.index.services().iter().filter(|s| allowed(s)).collect();
    list.sort_by(|a, b| {
        b.popularity
            .cmp(&a.popularity)
            .then_with(|| a.title.get_or_de(lang).0.cmp(b.title.get_or_de(lang).0))
    });
    let mut seen = HashSet::new();
    list.retain(|s| seen.insert(s.id.as_str()));
    list.truncate(limit);
    list
}

/// A service's page: its details, and who is responsible in the municipality.
pub fn service(
    cat: &Catalogue,
    local: &Local,
    id: &str,
    lang: Option<&str>,
    municipality: Option<&str>,
    country: Option<&str>,
) -> Result<ServiceDetail, LookupError> {
    bounded("id", id, MAX_ID_CHARS)?;
    let lang = parse_lang(lang)?;
    let m = find_municipality(cat, municipality)?;
    let variants: Vec<&Service> = cat.variants(id).collect();
    let wanted = m.map(|m| m.country).or(match country {
        Some("ch") => Some(Country::Ch),
        Some("de") => Some(Country::De),
        _ => None,
    });
    let preferred = wanted.unwrap_or(match lang {
        Lang::Fr | Lang::It => Country::Ch,
        Lang::De | Lang::En => Country::De,
    });
    let s = variants
        .iter()
        .find(|s| s.country == preferred)
        .or_else(|| variants.first())
        .copied()
        .ok_or(LookupError::NotFound)?;
    let (title, shown) = s.title.get_or_de(lang);
    let responsible = m.and_then(|m| local.responsible(&cat.directory, &s.id, s.country, m));
    let offered = m.is_none() || responsible.is_some();
    let documents = if s.documents.get(shown).is_empty() {
        s.documents.de.clone()
    } else {
        s.documents.get(shown).to_vec()
    };
    Ok(ServiceDetail {
        id: s.id.clone(),
        country: country_code(s.country),
        lang: shown,
        title: title.to_owned(),
        summary: s.summary.get(shown).unwrap_or(&s.summary.de).to_owned(),
        official_name: s.official_name.clone(),
        topic: s.topic.get_or_de(lang).0.to_owned(),
        life_situation: s.life_situation.get_or_de(lang).0.to_owned(),
        level: level_code(s.level),
        fee_hint: s
            .fee_hint
            .as_ref()
            .map(|f| f.get(shown).unwrap_or(&f.de).to_owned()),
        documents,
        online: offered && cat.form_for(s, m.map(|m| m.id.as_str())).is_some(),
        form: cat.form_for(s, m.map(|m| m.id.as_str())),
        municipality: m.map(|m| municipality_ref(cat, m)),
        authority: responsible.map(|r| local.authority(&r, lang)),
        offered,
        facts: None,
    })
}

/// Municipalities whose name or postcode matches what was typed, best first.
pub fn municipalities(
    cat: &Catalogue,
    q: Option<&str>,
    limit: Option<usize>,
) -> Result<MunicipalitiesResponse, LookupError> {
    let q = q.unwrap_or("");
    bounded("q", q, MAX_PLACE_QUERY_CHARS)?;
    let limit = limit.unwrap_or(10).clamp(1, MAX_LIMIT);
    let results = cat
        .directory
        .find_municipalities(q, limit)
        .into_iter()
        .map(|m| municipality_ref(cat, m))
        .collect();
    Ok(MunicipalitiesResponse { results })
}

/// One municipality.
pub fn municipality(cat: &Catalogue, id: &str) -> Result<MunicipalityRef, LookupError> {
    let m = cat
        .directory
        .municipality(id)
        .ok_or(LookupError::NotFound)?;
    Ok(municipality_ref(cat, m))
}

/// Topics and their life situations with service counts (in a municipality: only what it
/// offers).
pub fn topics(
    cat: &Catalogue,
    view: &LocalView,
    lang: Option<&str>,
    municipality: Option<&str>,
) -> Result<TopicsResponse, LookupError> {
    let lang = parse_lang(lang)?;
    let m = find_municipality(cat, municipality)?;
    let country = m.map(|m| m.country);
    // topic key → (name, count, life situation key → (name, count))
    type Lives = BTreeMap<String, (String, usize)>;
    let mut acc: BTreeMap<String, (String, usize, Lives)> = BTreeMap::new();
    for s in cat.index.services() {
        if country.is_some_and(|c| c != s.country) {
            continue;
        }
        if let Some(m) = m
            && !view.offers(cat, s, m)
        {
            continue;
        }
        let e = acc
            .entry(s.topic.de.clone())
            .or_insert_with(|| (s.topic.get_or_de(lang).0.to_owned(), 0, BTreeMap::new()));
        e.1 += 1;
        let l =
            e.2.entry(s.life_situation.de.clone())
                .or_insert_with(|| (s.life_situation.get_or_de(lang).0.to_owned(), 0));
        l.1 += 1;
    }
    let mut topics: Vec<TopicEntry> = acc
        .into_iter()
        .map(|(key, (name, count, lives))| {
            let mut life_situations: Vec<LifeSituationEntry> = lives
                .into_iter()
                .map(|(key, (name, count))| LifeSituationEntry { key, name, count })
                .collect();
            life_situations.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
            TopicEntry {
                key,
                name,
                count,
                life_situations,
            }
        })
        .collect();
    // In the order of the topics data: what citizens look for first, businesses' topics after.
    let areas = catalog::areas::Areas::embedded();
    topics.sort_by(|a, b| {
        (areas.rank(&a.key), b.count, &a.name).cmp(&(areas.rank(&b.key), a.count, &b.name))
    });
    Ok(TopicsResponse { topics })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_count_characters_and_stop_early() {
        assert!(bounded("q", "äöü", 3).is_ok());
        assert_eq!(
            bounded("q", "abcd", 3),
            Err(LookupError::TooLong {
                parameter: "q",
                max: 3
            })
        );
        assert!(bounded("q", &"x".repeat(1_000_000), 100).is_err());
    }

    #[test]
    fn languages_default_to_german() {
        assert_eq!(parse_lang(None), Ok(Lang::De));
        assert_eq!(parse_lang(Some("")), Ok(Lang::De));
        assert_eq!(parse_lang(Some("FR")), Ok(Lang::Fr));
        assert_eq!(
            parse_lang(Some("rm")),
            Err(LookupError::UnknownLanguage("rm".into()))
        );
    }
}
