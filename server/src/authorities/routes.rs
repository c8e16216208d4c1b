//! `GET|PUT /api/v1/authorities/<id>/settings`: HTTP in and out of [`super::service`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use contract::api::{AuthoritySettings, AuthoritySettingsUpdate, ErrorBody};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::service::{self, MAX_RECEIPT_TOKEN_DAYS, SettingsError};
use crate::AppState;
use crate::access::Actor;
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};

/// The authority routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read_settings, update_settings))
}

impl From<SettingsError> for AppError {
    fn from(e: SettingsError) -> Self {
        match e {
            SettingsError::Lookup(l) => l.into(),
            SettingsError::DaysOutOfRange => AppError::bad_request(
                "receipt_token_days",
                |t| t.parameter_invalid,
                vec!["receipt_token_days".to_owned()],
            )
            .with_limit(u64::from(MAX_RECEIPT_TOKEN_DAYS)),
            SettingsError::RetentionOutOfRange => AppError::bad_request(
                "retention_days",
                |t| t.parameter_invalid,
                vec!["retention_days".to_owned()],
            )
            .with_limit(u64::from(super::service::MAX_RETENTION_DAYS)),
            SettingsError::Denied(d) => d.into(),
            SettingsError::Store(s) => s.into(),
        }
    }
}

/// For the authority's administrators: its settings.
#[utoipa::path(
    get, path = "/authorities/{id}/settings", tag = "authorities",
    params(("id" = String, Path, description = "The authority (`authority.id` as in receipts)", example = "de:16077043")),
    responses(
        (status = 200, description = "The settings", body = AuthoritySettings),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn read_settings(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<AuthoritySettings>, AppError> {
    Ok(Json(service::settings(&state, &actor, &id).await?))
}

/// For the authority's administrators: changes its settings.
#[utoipa::path(
    put, path = "/authorities/{id}/settings", tag = "authorities",
    params(("id" = String, Path, description = "The authority", example = "de:16077043")),
    request_body = AuthoritySettingsUpdate,
    responses(
        (status = 200, description = "The settings as changed", body = AuthoritySettings),
        (status = 400, description = "A value out of range", body = ErrorBody),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn update_settings(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiJson(change): ApiJson<AuthoritySettingsUpdate>,
) -> Result<(StatusCode, Json<AuthoritySettings>), AppError> {
    Ok((
        StatusCode::OK,
        Json(service::update(&state, &actor, &id, &change).await?),
    ))
}
