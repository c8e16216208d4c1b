//! The one place that talks HTTP: typed calls to `/api/v1/`.

use contract::Lang;
use contract::api::{
    MunicipalitiesResponse, MunicipalityRef, SearchResponse, ServiceDetail, TopicsResponse,
};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;

/// What can go wrong, as the pages tell it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The server could not be reached.
    Network,
    /// The thing asked for does not exist.
    NotFound,
    /// The server answered with an error.
    Server,
}

impl ApiError {
    /// The localised message for a citizen.
    pub fn message(&self, t: &contract::texts::Texts) -> &'static str {
        match self {
            ApiError::Network => t.error_network,
            ApiError::NotFound => t.service_not_found,
            ApiError::Server => t.error_server,
        }
    }
}

/// Percent-encodes a query parameter value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let res = Request::get(url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match res.status() {
        200 => res.json::<T>().await.map_err(|_| ApiError::Server),
        404 => Err(ApiError::NotFound),
        _ => Err(ApiError::Server),
    }
}

/// Search parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchParams {
    /// The citizen's words.
    pub q: String,
    /// Restrict to services offered here.
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
    let mut url = format!(
        "/api/v1/search?q={}&lang={}&limit={}",
        encode(&p.q),
        lang.code(),
        p.limit.max(1)
    );
    for (name, value) in [
        ("municipality", &p.municipality),
        ("topic", &p.topic),
        ("life_situation", &p.life_situation),
    ] {
        if let Some(v) = value {
            url.push_str(&format!("&{name}={}", encode(v)));
        }
    }
    get(&url).await
}

/// `GET /api/v1/services/<id>`.
pub async fn service(
    id: &str,
    lang: Lang,
    municipality: Option<&str>,
    country: Option<&str>,
) -> Result<ServiceDetail, ApiError> {
    let mut url = format!("/api/v1/services/{}?lang={}", encode(id), lang.code());
    if let Some(m) = municipality {
        url.push_str(&format!("&municipality={}", encode(m)));
    }
    if let Some(c) = country {
        url.push_str(&format!("&country={}", encode(c)));
    }
    get(&url).await
}

/// `GET /api/v1/municipalities?q=`.
pub async fn municipalities(q: &str) -> Result<MunicipalitiesResponse, ApiError> {
    get(&format!("/api/v1/municipalities?q={}&limit=8", encode(q))).await
}

/// `GET /api/v1/municipalities/<id>`.
pub async fn municipality(id: &str) -> Result<MunicipalityRef, ApiError> {
    get(&format!("/api/v1/municipalities/{}", encode(id))).await
}

/// `GET /api/v1/topics`.
pub async fn topics(lang: Lang, municipality: Option<&str>) -> Result<TopicsResponse, ApiError> {
    let mut url = format!("/api/v1/topics?lang={}", lang.code());
    if let Some(m) = municipality {
        url.push_str(&format!("&municipality={}", encode(m)));
    }
    get(&url).await
}
