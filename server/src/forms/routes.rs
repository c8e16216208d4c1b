//! `GET /api/v1/forms/<id>`, `GET /api/v1/forms/<id>/facts`, `POST /api/v1/forms/<id>/validate`,
//! `GET /api/v1/forms/<id>/overlay-status`: HTTP in and out of [`super::service`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use contract::api::{ErrorBody, FormResponse, ValidateRequest, ValidateResponse};
use contract::form::facts::FormFacts;
use contract::form::overlay::OverlayStatus;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::service::{self, FormError};
use crate::AppState;
use crate::access::{Action, Actor, Resource};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};

/// The form routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(form))
        .routes(routes!(facts))
        .routes(routes!(validate))
        .routes(routes!(overlay_status))
}

impl From<FormError> for AppError {
    fn from(e: FormError) -> Self {
        match e {
            FormError::Lookup(l) => l.into(),
            FormError::NotFound => AppError::not_found(),
            FormError::NotOffered {
                owner,
                municipality,
            } => AppError::filled(
                StatusCode::NOT_FOUND,
                "not_offered",
                |t| t.not_offered,
                vec![owner, municipality],
            ),
            FormError::UnknownVersion { form, version } => AppError::filled(
                StatusCode::CONFLICT,
                "unknown_form_version",
                |t| t.unknown_form_version,
                vec![form, version],
            ),
            FormError::NeverOffered { form, version } => AppError::filled(
                StatusCode::CONFLICT,
                "unknown_form_version",
                |t| t.unknown_form_version,
                vec![form, version],
            ),
            FormError::VersionExpired { .. } => {
                AppError::text(StatusCode::CONFLICT, "form_version_expired", |t| {
                    t.form_version_expired
                })
            }
            FormError::MalformedVersion(v) => {
                AppError::bad_request("version", |t| t.version_malformed, vec![v])
            }
            FormError::Denied(d) => d.into(),
            FormError::Store(s) => s.into(),
        }
    }
}

/// Query of `GET /api/v1/forms/<id>`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormParams {
    /// The municipality the form is for (selects its overlay and the responsible authority).
    #[param(example = "de:16077043")]
    municipality: Option<String>,
    /// Language of the authority's name: `de` (default), `fr`, `it`, `en`.
    lang: Option<String>,
    /// A version `"<template>.<overlay>"` a draft was written against; the current one when absent.
    version: Option<String>,
}

/// The effective form of a municipality: the template with the municipality's overlay.
#[utoipa::path(
    get, path = "/forms/{id}", tag = "forms",
    params(("id" = String, Path, description = "The form id", example = "hundesteuer-th"), FormParams),
    responses(
        (status = 200, description = "The form", body = FormResponse),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 404, description = "No such form, or not offered in the municipality (`not_offered`)", body = ErrorBody),
        (status = 409, description = "No such version for this municipality (`unknown_form_version`)", body = ErrorBody),
    )
)]
async fn form(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<FormParams>,
) -> Result<Json<FormResponse>, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    Ok(Json(
        service::effective(
            &state,
            &id,
            p.municipality.as_deref(),
            p.version.as_deref(),
            p.lang.as_deref(),
        )
        .await?,
    ))
}

/// Query of `GET /api/v1/forms/<id>/facts`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FactsParams {
    /// The municipality whose effective form is meant.
    #[param(example = "de:16077043")]
    municipality: Option<String>,
    /// Language: `de` (default), `fr`, `it`, `en`.
    lang: Option<String>,
}

/// What the current effective form of a municipality asks the citizen to have at hand and
/// what it costs, in words: the facts a service page shows without loading the form.
#[utoipa::path(
    get, path = "/forms/{id}/facts", tag = "forms",
    params(("id" = String, Path, description = "The form id", example = "hundesteuer-th"), FactsParams),
    responses(
        (status = 200, description = "Documents and numbers to have at hand, the fee table in words", body = FormFacts),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 404, description = "No such form, or not offered in the municipality (`not_offered`)", body = ErrorBody),
    )
)]
async fn facts(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<FactsParams>,
) -> Result<Json<FormFacts>, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    Ok(Json(
        service::facts(&state, &id, p.municipality.as_deref(), p.lang.as_deref()).await?,
    ))
}

/// Checks answers as the server would on submission (the browser runs the same code).
#[utoipa::path(
    post, path = "/forms/{id}/validate", tag = "forms",
    params(("id" = String, Path, description = "The form id", example = "hundesteuer-th")),
    request_body = ValidateRequest,
    responses(
        (status = 200, description = "Errors in field order, fees, the server's date", body = ValidateResponse),
        (status = 400, description = "The body or a parameter is malformed", body = ErrorBody),
        (status = 404, description = "No such form, or not offered in the municipality", body = ErrorBody),
        (status = 409, description = "No such version for this municipality", body = ErrorBody),
    )
)]
async fn validate(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<ValidateRequest>,
) -> Result<Json<ValidateResponse>, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    let lang = req.lang.unwrap_or_default();
    service::validate(&state, &id, &req)
        .await
        .map(Json)
        .map_err(|e| AppError::from(e).in_lang(lang))
}

/// Query of `GET /api/v1/forms/<id>/overlay-status`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusParams {
    /// The municipality whose overlay to check.
    #[param(example = "de:16077043")]
    municipality: String,
}

/// For the municipality's staff: what changed in the template since their overlay was written,
/// and overlay entries that no longer apply.
#[utoipa::path(
    get, path = "/forms/{id}/overlay-status", tag = "forms",
    params(("id" = String, Path, description = "The form id", example = "hundesteuer-th"), StatusParams),
    responses(
        (status = 200, description = "How the overlay stands", body = OverlayStatus),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not staff of this municipality", body = ErrorBody),
        (status = 404, description = "No such form or no overlay", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn overlay_status(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<StatusParams>,
) -> Result<Json<OverlayStatus>, AppError> {
    Ok(Json(
        service::overlay_status(&state, &actor, &id, &p.municipality).await?,
    ))
}
