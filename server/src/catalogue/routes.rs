//! `/api/v1/search`, `/services/<id>`, `/municipalities`, `/topics`: HTTP in and out of
//! [`super::service`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use contract::api::{
    ErrorBody, MunicipalitiesResponse, MunicipalityRef, SearchResponse, ServiceDetail,
    TopicsResponse,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::service::{self, LookupError, Search};
use crate::AppState;
use crate::access::{Action, Actor, Resource};
use crate::error::AppError;
use crate::http::extract::{ApiPath, ApiQuery, ClientAddr};

/// The catalogue routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(service_detail))
        .routes(routes!(municipalities))
        .routes(routes!(municipality))
        .routes(routes!(topics))
}

impl From<LookupError> for AppError {
    fn from(e: LookupError) -> Self {
        match e {
            LookupError::UnknownLanguage(l) => AppError::filled(
                StatusCode::BAD_REQUEST,
                "unknown_language",
                |t| t.unknown_language,
                vec![l],
            )
            .with_parameter("lang"),
            LookupError::UnknownMunicipality(m) => AppError::filled(
                StatusCode::BAD_REQUEST,
                "unknown_municipality",
                |t| t.unknown_municipality,
                vec![m],
            )
            .with_parameter("municipality"),
            LookupError::TooLong { parameter, max } => AppError::bad_request(
                parameter,
                |t| t.parameter_too_long,
                vec![parameter.to_owned(), max.to_string()],
            )
            .with_limit(max as u64),
            LookupError::NotFound => AppError::not_found(),
        }
    }
}

/// Query of `GET /api/v1/search`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What the citizen typed (at most 200 characters).
    #[param(example = "Hund anmelden")]
    q: Option<String>,
    /// Language of titles and summaries: `de` (default), `fr`, `it`, `en`.
    lang: Option<String>,
    /// Only services offered in this municipality (`ch:4001`, `de:16077043`), with who is
    /// responsible there.
    #[param(example = "de:16077043")]
    municipality: Option<String>,
    /// How many results, 1 to 50 (default 10).
    limit: Option<usize>,
    /// Only this topic (its key from `/topics`).
    topic: Option<String>,
    /// Only this life situation (its key from `/topics`).
    life_situation: Option<String>,
}

/// Finds services: typos, colloquial words, compounds and four languages are understood.
#[utoipa::path(
    get, path = "/search", tag = "catalogue",
    params(SearchParams),
    responses(
        (status = 200, description = "Results, best first", body = SearchResponse),
        (status = 400, description = "A parameter is malformed or too long", body = ErrorBody),
    )
)]
async fn search(
    State(state): State<AppState>,
    actor: Actor,
    ClientAddr(client): ClientAddr,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> Result<Response, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    state.limits.check_search(client)?;
    metrics::counter!("schalter_searches_total").increment(1);
    let cat = state.catalogue.get();
    let (local, stamp) = cat
        .locals
        .get_stamped(&state.db, &cat, p.municipality.as_deref())
        .await?;
    // The same question gets the same answer until the catalogue or a local choice changes.
    let key = serde_json::to_string(&(
        &p.q,
        &p.lang,
        &p.municipality,
        p.limit,
        &p.topic,
        &p.life_situation,
    ))
    .map_err(|e| AppError::internal(e.into()))?;
    if let Some(body) = cat.locals.answer(&key) {
        return Ok(json_bytes(body));
    }
    let found = service::search(
        &cat,
        &Search {
            text: p.q.as_deref(),
            lang: p.lang.as_deref(),
            municipality: p.municipality.as_deref(),
            limit: p.limit,
            topic: p.topic.as_deref(),
            life_situation: p.life_situation.as_deref(),
            local: Some(&local),
        },
    )?;
    let body =
        bytes::Bytes::from(serde_json::to_vec(&found).map_err(|e| AppError::internal(e.into()))?);
    cat.locals.keep(key, &stamp, body.clone());
    Ok(json_bytes(body))
}

/// A JSON answer from its serialised bytes.
fn json_bytes(body: bytes::Bytes) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Query of `GET /api/v1/services/<id>`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceParams {
    /// Language: `de` (default), `fr`, `it`, `en`.
    lang: Option<String>,
    /// The citizen's municipality: who is responsible there, and whether it is offered.
    municipality: Option<String>,
    /// `ch` or `de`: which country's variant, where the id has both.
    country: Option<String>,
}

/// A service: what it is, what it needs, who is responsible in the municipality.
#[utoipa::path(
    get, path = "/services/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "The service id (a LeiKa key for German services)", example = "99108001000000"), ServiceParams),
    responses(
        (status = 200, description = "The service", body = ServiceDetail),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 404, description = "No such service", body = ErrorBody),
    )
)]
async fn service_detail(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<ServiceParams>,
) -> Result<Json<ServiceDetail>, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    let cat = state.catalogue.get();
    let local = cat
        .locals
        .get(&state.db, &cat, p.municipality.as_deref())
        .await?;
    let mut detail = service::service(
        &cat,
        &local.local,
        &id,
        p.lang.as_deref(),
        p.municipality.as_deref(),
        p.country.as_deref(),
    )?;
    // Online in the municipality: its form's facts come with the service, one answer per page.
    if let (true, Some(form), Some(m)) = (detail.online, &detail.form, &detail.municipality) {
        let facts = crate::forms::service::facts(&state, form, Some(&m.id), p.lang.as_deref());
        detail.facts = Some(facts.await?);
    }
    Ok(Json(detail))
}

/// Query of `GET /api/v1/municipalities`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MunicipalityParams {
    /// Name or postcode as typed (at most 100 characters).
    #[param(example = "Aarau")]
    q: Option<String>,
    /// How many, 1 to 50 (default 10).
    limit: Option<usize>,
}

/// Municipalities for the picker: by name, postcode or part of either.
#[utoipa::path(
    get, path = "/municipalities", tag = "catalogue",
    params(MunicipalityParams),
    responses(
        (status = 200, description = "Best matches first", body = MunicipalitiesResponse),
        (status = 400, description = "A parameter is malformed or too long", body = ErrorBody),
    )
)]
async fn municipalities(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(p): ApiQuery<MunicipalityParams>,
) -> Result<Json<MunicipalitiesResponse>, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    Ok(Json(service::municipalities(
        &state.catalogue.get(),
        p.q.as_deref(),
        p.limit,
    )?))
}

/// One municipality.
#[utoipa::path(
    get, path = "/municipalities/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "`ch:<BFS number>` or `de:<AGS>`", example = "ch:4001")),
    responses(
        (status = 200, description = "The municipality", body = MunicipalityRef),
        (status = 404, description = "No such municipality", body = ErrorBody),
    )
)]
async fn municipality(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<MunicipalityRef>, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    Ok(Json(service::municipality(&state.catalogue.get(), &id)?))
}

/// Query of `GET /api/v1/topics`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TopicParams {
    /// Language: `de` (default), `fr`, `it`, `en`.
    lang: Option<String>,
    /// Only what this municipality offers.
    municipality: Option<String>,
}

/// Topics and life situations with how many services each has.
#[utoipa::path(
    get, path = "/topics", tag = "catalogue",
    params(TopicParams),
    responses(
        (status = 200, description = "Topics, largest first", body = TopicsResponse),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
    )
)]
async fn topics(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(p): ApiQuery<TopicParams>,
) -> Result<Json<TopicsResponse>, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    let cat = state.catalogue.get();
    let local = cat
        .locals
        .get(&state.db, &cat, p.municipality.as_deref())
        .await?;
    Ok(Json(service::topics(
        &cat,
        &local,
        p.lang.as_deref(),
        p.municipality.as_deref(),
    )?))
}
