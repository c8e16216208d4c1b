//! `/api/v1/staff/session`: staff sign-in for clerk mode, HTTP in and out of [`super`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use contract::api::ErrorBody;
use contract::cases::{StaffMember, StaffSession, StaffSignIn};
use tower_sessions::Session;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::access::Actor;
use crate::error::AppError;
use crate::http::extract::{ApiJson, ClientAddr};
use crate::http::private;

/// The staff session routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(session_info, sign_in, sign_out))
}

/// The staff member signed in on this browser, if any.
#[utoipa::path(
    get, path = "/staff/session", tag = "staff",
    responses((status = 200, description = "The staff session (no `staff` when nobody is signed in as staff)", body = StaffSession))
)]
async fn session_info(
    State(state): State<AppState>,
    _: Actor,
    session: Session,
) -> Result<Response, AppError> {
    Ok(private(
        Json(super::session_info(&state, &session).await?).into_response(),
    ))
}

/// Signs a staff member in with e-mail address, password and the authenticator app's code
/// (a new session; a citizen signed in on this browser is signed out).
#[utoipa::path(
    post, path = "/staff/session", tag = "staff",
    request_body = StaffSignIn,
    responses(
        (status = 200, description = "Signed in", body = StaffMember),
        (status = 401, description = "Wrong address, password or code, or a code used already (`invalid_credentials`)", body = ErrorBody),
        (status = 429, description = "Too many attempts for this member or from this address", body = ErrorBody),
        (status = 503, description = "Too many sign-ins at once (`busy`)", body = ErrorBody),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    _: Actor,
    ClientAddr(client): ClientAddr,
    session: Session,
    ApiJson(req): ApiJson<StaffSignIn>,
) -> Result<Response, AppError> {
    let member = super::sign_in(&state, req, client, &session).await?;
    Ok(private(Json(member).into_response()))
}

/// Signs out.
#[utoipa::path(
    delete, path = "/staff/session", tag = "staff",
    responses((status = 204, description = "Signed out"))
)]
async fn sign_out(_: Actor, session: Session) -> Result<Response, AppError> {
    super::sign_out(&session).await?;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}
