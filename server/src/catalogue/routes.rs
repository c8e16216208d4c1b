//! `/api/v1/search`, `/api/v1/services/<id>`, `/api/v1/municipalities`, `/api/v1/topics`.

use super::Catalogue;
use crate::AppState;
use crate::error::AppError;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
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
use serde::Deserialize;
use std::collections::BTreeMap;

/// The catalogue routes, mounted under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/search", get(search))
        .route("/services/{id}", get(service))
        .route("/municipalities", get(municipalities))
        .route("/municipalities/{id}", get(municipality))
        .route("/topics", get(topics))
}

pub(crate) fn parse_lang(lang: Option<&str>) -> Result<Lang, AppError> {
    match lang {
        None | Some("") => Ok(Lang::De),
        Some(l) => l.parse().map_err(|_| {
            AppError::BadRequest(format!("unknown language {l:?}; use de, fr, it or en"))
        }),
    }
}

pub(crate) fn find_municipality<'a>(
    cat: &'a Catalogue,
    id: Option<&str>,
) -> Result<Option<&'a Place>, AppError> {
    match id {
        None | Some("") => Ok(None),
        Some(id) => cat
            .directory
            .municipality(id)
            .map(Some)
            .ok_or_else(|| AppError::BadRequest(format!("unknown municipality {id:?}"))),
    }
}

pub(crate) fn country_code(c: Country) -> String {
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

pub(crate) fn authority(r: &Responsible<'_>, lang: Lang) -> Authority {
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
            .and_then(|m| cat.directory.responsible(&s.id, s.country, &m.id))
            .map(|r| authority(&r, lang)),
    }
}

/// Query of `GET /api/v1/search`.
#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    pub(crate) q: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) municipality: Option<String>,
    pub(crate) limit: Option<usize>,
    pub(crate) topic: Option<String>,
    pub(crate) life_situation: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchResponse>, AppError> {
    search_catalogue(&state.catalogue.get(), &p).map(Json)
}

/// The search: with a municipality, only the services offered there.
pub(crate) fn search_catalogue(
    cat: &Catalogue,
    p: &SearchParams,
) -> Result<SearchResponse, AppError> {
    let lang = parse_lang(p.lang.as_deref())?;
    let m = find_municipality(cat, p.municipality.as_deref())?;
    let limit = p.limit.unwrap_or(10).clamp(1, 50);
    let text = p.q.as_deref().unwrap_or("").trim();
    if text.chars().count() > 200 {
        return Err(AppError::BadRequest(
            "the query is too long (at most 200 characters)".into(),
        ));
    }
    let topic = p.topic.as_deref().filter(|t| !t.is_empty());
    let life = p.life_situation.as_deref().filter(|t| !t.is_empty());
    let dir = &cat.directory;
    let allowed = |s: &Service| {
        m.is_none_or(|m| dir.responsible(&s.id, s.country, &m.id).is_some())
            && topic.is_none_or(|t| s.topic.de == t)
            && life.is_none_or(|l| s.life_situation.de == l)
    };
    let results: Vec<SearchResult> = if text.is_empty() {
        if topic.is_none() && life.is_none() {
            Vec::new()
        } else {
            browse(cat, &allowed, lang, limit)
                .into_iter()
                .map(|s| result(cat, s, lang, m, Vec::new()))
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
                result(cat, s, lang, m, hl)
            })
            .collect()
    };
    let suggestions = if results.is_empty() && !text.is_empty() {
        browse(
            cat,
            &|s: &Service| m.is_none_or(|m| dir.responsible(&s.id, s.country, &m.id).is_some()),
            lang,
            5,
        )
        .into_iter()
        .map(|s| result(cat, s, lang, m, Vec::new()))
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
    let mut seen = std::collections::HashSet::new();
    list.retain(|s| seen.insert(s.id.as_str()));
    list.truncate(limit);
    list
}

/// Query of `GET /api/v1/services/<id>`.
#[derive(Debug, Deserialize)]
pub struct ServiceParams {
    lang: Option<String>,
    municipality: Option<String>,
    country: Option<String>,
}

async fn service(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(p): Query<ServiceParams>,
) -> Result<Json<ServiceDetail>, AppError> {
    let cat = state.catalogue.get();
    let lang = parse_lang(p.lang.as_deref())?;
    let m = find_municipality(&cat, p.municipality.as_deref())?;
    let variants: Vec<&Service> = cat.variants(&id).collect();
    if variants.is_empty() {
        return Err(AppError::NotFound);
    }
    let wanted = m.map(|m| m.country).or(match p.country.as_deref() {
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
        .ok_or(AppError::NotFound)?;
    let (title, shown) = s.title.get_or_de(lang);
    let responsible = m.and_then(|m| cat.directory.responsible(&s.id, s.country, &m.id));
    let offered = m.is_none() || responsible.is_some();
    Ok(Json(ServiceDetail {
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
        documents: s
            .documents
            .get(shown)
            .to_vec()
            .into_iter()
            .chain(if s.documents.get(shown).is_empty() {
                s.documents.de.clone()
            } else {
                Vec::new()
            })
            .collect(),
        online: offered && cat.form_for(s, m.map(|m| m.id.as_str())).is_some(),
        form: cat.form_for(s, m.map(|m| m.id.as_str())),
        municipality: m.map(|m| municipality_ref(&cat, m)),
        authority: responsible.map(|r| authority(&r, lang)),
        offered,
    }))
}

/// Query of `GET /api/v1/municipalities`.
#[derive(Debug, Deserialize)]
pub struct MunicipalityParams {
    q: Option<String>,
    limit: Option<usize>,
}

async fn municipalities(
    State(state): State<AppState>,
    Query(p): Query<MunicipalityParams>,
) -> Json<MunicipalitiesResponse> {
    let cat = state.catalogue.get();
    let limit = p.limit.unwrap_or(10).clamp(1, 50);
    let results = cat
        .directory
        .find_municipalities(p.q.as_deref().unwrap_or(""), limit)
        .into_iter()
        .map(|m| municipality_ref(&cat, m))
        .collect();
    Json(MunicipalitiesResponse { results })
}

async fn municipality(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<MunicipalityRef>, AppError> {
    let cat = state.catalogue.get();
    let m = cat.directory.municipality(&id).ok_or(AppError::NotFound)?;
    Ok(Json(municipality_ref(&cat, m)))
}

/// Query of `GET /api/v1/topics`.
#[derive(Debug, Deserialize)]
pub struct TopicParams {
    lang: Option<String>,
    municipality: Option<String>,
}

async fn topics(
    State(state): State<AppState>,
    Query(p): Query<TopicParams>,
) -> Result<Json<TopicsResponse>, AppError> {
    let cat = state.catalogue.get();
    let lang = parse_lang(p.lang.as_deref())?;
    let m = find_municipality(&cat, p.municipality.as_deref())?;
    let country = m.map(|m| m.country);
    // topic key → (name, count, life situation key → (name, count))
    type Lives = BTreeMap<String, (String, usize)>;
    let mut acc: BTreeMap<String, (String, usize, Lives)> = BTreeMap::new();
    for s in cat.index.services() {
        if country.is_some_and(|c| c != s.country) {
            continue;
        }
        if let Some(m) = m
            && cat.directory.responsible(&s.id, s.country, &m.id).is_none()
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
    topics.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    Ok(Json(TopicsResponse { topics }))
}
