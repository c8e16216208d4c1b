//! `/api/v1/staff/session`: staff sign-in for clerk mode, HTTP in and out of [`super`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use contract::account::EidRedirect;
use contract::api::ErrorBody;
use contract::cases::{
    StaffMember, StaffOidcStart, StaffProvider, StaffSession, StaffSetup, StaffSetupFinish,
    StaffSetupStart, StaffSignIn,
};
use tower_sessions::Session;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::access::Actor;
use crate::accounts::routes::{Callback, see_other};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiQuery, ClientAddr};
use crate::http::private;

/// The staff session routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session_info, sign_in, sign_out))
        .routes(routes!(providers))
        .routes(routes!(oidc_start))
        .routes(routes!(oidc_callback))
        .routes(routes!(setup_start))
        .routes(routes!(setup_finish))
}

/// For whoever holds an invitation's link: the new staff member's name and the secret of
/// their authenticator app (also as a QR code).
#[utoipa::path(
    post, path = "/staff/setup/start", tag = "staff",
    request_body = StaffSetupStart,
    responses(
        (status = 200, description = "The invitation is open", body = StaffSetup),
        (status = 400, description = "Unknown, used or expired, or the member signs in already (`invalid_link`)", body = ErrorBody),
        (status = 429, description = "Too many attempts from this address", body = ErrorBody),
    )
)]
async fn setup_start(
    State(state): State<AppState>,
    _: Actor,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<StaffSetupStart>,
) -> Result<Response, AppError> {
    let setup = super::invite::start(&state, &req, client).await?;
    Ok(private(Json(setup).into_response()))
}

/// For whoever holds an invitation's link: sets the password and the authenticator app (shown
/// by a current code of it), uses the invitation up and signs the new member in.
#[utoipa::path(
    post, path = "/staff/setup", tag = "staff",
    request_body = StaffSetupFinish,
    responses(
        (status = 200, description = "Set up and signed in", body = StaffMember),
        (status = 400, description = "Unknown, used or expired (`invalid_link`)", body = ErrorBody),
        (status = 422, description = "Password too short or long, or not the app's current code (`invalid_input`)", body = ErrorBody),
        (status = 429, description = "Too many attempts for this invitation or from this address", body = ErrorBody),
        (status = 503, description = "Too many password hashes at once (`busy`)", body = ErrorBody),
    )
)]
async fn setup_finish(
    State(state): State<AppState>,
    _: Actor,
    ClientAddr(client): ClientAddr,
    session: Session,
    ApiJson(req): ApiJson<StaffSetupFinish>,
) -> Result<Response, AppError> {
    let member = super::invite::finish(&state, req, client, &session).await?;
    Ok(private(Json(member).into_response()))
}

/// The organisation's OpenID providers staff can sign in with (none when none is configured).
#[utoipa::path(
    get, path = "/staff/providers", tag = "staff",
    responses((status = 200, description = "The providers, in the order to show them", body = Vec<StaffProvider>))
)]
async fn providers(State(state): State<AppState>, _: Actor) -> Response {
    let list: Vec<StaffProvider> = state
        .accounts
        .staff_providers()
        .list()
        .iter()
        .map(|p| StaffProvider {
            id: p.id.clone(),
            name: p.name.clone(),
        })
        .collect();
    Json(list).into_response()
}

/// Starts a staff sign-in at the organisation's OpenID provider: the address of its page to
/// send the browser to. It sends the browser back to `/staff/oidc/callback`.
#[utoipa::path(
    post, path = "/staff/oidc/start", tag = "staff",
    request_body = StaffOidcStart,
    responses(
        (status = 200, description = "Send the browser there", body = EidRedirect),
        (status = 404, description = "No such provider", body = ErrorBody),
        (status = 503, description = "The provider does not answer (`eid_unavailable`)", body = ErrorBody),
    )
)]
async fn oidc_start(
    State(state): State<AppState>,
    _: Actor,
    session: Session,
    ApiJson(req): ApiJson<StaffOidcStart>,
) -> Result<Response, AppError> {
    let url = super::oidc::start(&state, &session, &req.provider, req.lang)
        .await
        .map_err(|e| AppError::from(e).in_lang(req.lang))?;
    Ok(private(Json(EidRedirect { url }).into_response()))
}

/// Where the organisation's provider sends the browser back: signs the staff member in and
/// sends the browser to the inbox; a refusal goes to the staff sign-in page with
/// `#anmeldung=<reason>` (`not_staff`, `level_too_low`, `cancelled`, `invalid`, …).
#[utoipa::path(
    get, path = "/staff/oidc/callback", tag = "staff",
    params(Callback),
    responses((status = 303, description = "On to the inbox or back to the sign-in page"))
)]
async fn oidc_callback(
    State(state): State<AppState>,
    _: Actor,
    session: Session,
    ApiQuery(q): ApiQuery<Callback>,
) -> Response {
    let to = super::oidc::finish(
        &state,
        &session,
        q.code.as_deref(),
        q.state.as_deref(),
        q.error.as_deref(),
    )
    .await;
    see_other(&to)
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
