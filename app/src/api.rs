//! The one place that talks HTTP: typed calls to `/api/v1/`, with the answers as the contract
//! types and every failure reduced to what a citizen can be told ([`ApiError`]).

use crate::routes::{encode, query_string};
use contract::Lang;
use contract::api::{
    ErrorBody, FormResponse, MunicipalitiesResponse, MunicipalityRef, SearchResponse,
    ServiceDetail, TopicsResponse, ValidateRequest, ValidateResponse,
};
use contract::texts::Texts;
use gloo_net::http::Request;
use serde::de::DeserializeOwned;

/// What can go wrong, as the pages tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiError {
    /// The server could not be reached (offline, connection dropped).
    Network,
    /// The thing asked for does not exist (404).
    NotFound,
    /// The server answered with an error, or with something the app cannot read.
    Server,
}

impl ApiError {
    /// The localised message for a citizen.
    pub fn message(self, t: &Texts) -> &'static str {
        match self {
            ApiError::Network => t.error_network,
            ApiError::NotFound => t.error_not_found,
            ApiError::Server => t.error_server,
        }
    }

    /// Whether trying again can help.
    pub fn retryable(self) -> bool {
        self != ApiError::NotFound
    }
}

async fn get<T: DeserializeOwned>(
    path: &str,
    query: &[(&str, Option<&str>)],
) -> Result<T, ApiError> {
    let url = format!("/api/v1/{path}{}", query_string(query.iter().copied()));
    let res = Request::get(&url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match res.status() {
        200 => res.json::<T>().await.map_err(|_| ApiError::Server),
        404 => Err(ApiError::NotFound),
        _ => Err(ApiError::Server),
    }
}

/// What to search for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchParams {
    /// The citizen's words (may be empty with a topic or life situation).
    pub q: String,
    /// Restrict to services offered in this municipality.
    pub municipality: Option<String>,
    /// Topic key.
    pub topic: Option<String>,
    /// Life situation key.
    pub life_situation: Option<String>,
    /// At most this many results.
    pub limit: usize,
}

/// `GET /api/v1/search`.
pub async fn search(p: &SearchParams, lang: Lang) -> Result<SearchResponse, ApiError> {
    let limit = p.limit.max(1).to_string();
    get(
        "search",
        &[
            ("q", Some(p.q.as_str())),
            ("lang", Some(lang.code())),
            ("limit", Some(&limit)),
            ("municipality", p.municipality.as_deref()),
            ("topic", p.topic.as_deref()),
            ("life_situation", p.life_situation.as_deref()),
        ],
    )
    .await
}

/// `GET /api/v1/services/<id>`; `country` picks the catalogue when no municipality is given.
pub async fn service(
    id: &str,
    lang: Lang,
    municipality: Option<&str>,
    country: Option<&str>,
) -> Result<ServiceDetail, ApiError> {
    let path = format!("services/{}", encode(id));
    get(
        &path,
        &[
            ("lang", Some(lang.code())),
            ("municipality", municipality),
            ("country", country),
        ],
    )
    .await
}

/// `GET /api/v1/municipalities?q=`: by name or postcode, best first.
pub async fn municipalities(q: &str, limit: usize) -> Result<MunicipalitiesResponse, ApiError> {
    let limit = limit.to_string();
    get("municipalities", &[("q", Some(q)), ("limit", Some(&limit))]).await
}

/// `GET /api/v1/municipalities/<id>`.
pub async fn municipality(id: &str) -> Result<MunicipalityRef, ApiError> {
    get(&format!("municipalities/{}", encode(id)), &[]).await
}

/// `GET /api/v1/topics`: topics and life situations, for a municipality where one is chosen.
pub async fn topics(lang: Lang, municipality: Option<&str>) -> Result<TopicsResponse, ApiError> {
    get(
        "topics",
        &[("lang", Some(lang.code())), ("municipality", municipality)],
    )
    .await
}

/// Why a form could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormLoadError {
    /// The municipality is not under the form's owner; the server's message, in the page
    /// language, says whose form it is.
    NotOffered(String),
    /// Anything else.
    Api(ApiError),
}

/// `GET /api/v1/forms/<id>?municipality=&lang=`: the form as the municipality serves it.
pub async fn form(
    id: &str,
    municipality: Option<&str>,
    lang: Lang,
) -> Result<FormResponse, FormLoadError> {
    let url = format!(
        "/api/v1/forms/{}{}",
        encode(id),
        query_string([("municipality", municipality), ("lang", Some(lang.code()))])
    );
    let res = Request::get(&url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| FormLoadError::Api(ApiError::Network))?;
    match res.status() {
        200 => res
            .json::<FormResponse>()
            .await
            .map_err(|_| FormLoadError::Api(ApiError::Server)),
        404 => match res.json::<ErrorBody>().await {
            Ok(body) if body.code == "not_offered" => Err(FormLoadError::NotOffered(body.message)),
            _ => Err(FormLoadError::Api(ApiError::NotFound)),
        },
        _ => Err(FormLoadError::Api(ApiError::Server)),
    }
}

/// Why the server did not check the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidateError {
    /// The server no longer (or never) knew the form version the answers were given to.
    UnknownVersion,
    /// Anything else.
    Api(ApiError),
}

/// `POST /api/v1/forms/<id>/validate`: the server checks the whole answer set.
pub async fn validate_form(
    id: &str,
    request: &ValidateRequest,
) -> Result<ValidateResponse, ValidateError> {
    let url = format!("/api/v1/forms/{}/validate", encode(id));
    let res = Request::post(&url)
        .header("Accept", "application/json")
        .json(request)
        .map_err(|_| ValidateError::Api(ApiError::Server))?
        .send()
        .await
        .map_err(|_| ValidateError::Api(ApiError::Network))?;
    match res.status() {
        200 => res
            .json::<ValidateResponse>()
            .await
            .map_err(|_| ValidateError::Api(ApiError::Server)),
        409 => Err(ValidateError::UnknownVersion),
        404 => Err(ValidateError::Api(ApiError::NotFound)),
        _ => Err(ValidateError::Api(ApiError::Server)),
    }
}
