//! `/api/v1/staff/cases…`: clerk mode, HTTP in and out of [`super::desk`]. Staff only: without
//! credentials 401, citizens 403, staff of another authority 404 for its cases.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use contract::api::ErrorBody;
use contract::cases::{
    AssignRequest, AuditEntry, CaseChanged, CaseDetail, CaseNote, Inbox, InboxSort, NoteRequest,
    StatusRequest,
};
use contract::submission::Status;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::desk::{self, DeskError, InboxQuery};
use crate::AppState;
use crate::access::Actor;
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::http::private;

/// The clerk-mode routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(inbox))
        .routes(routes!(case))
        .routes(routes!(set_status))
        .routes(routes!(assign))
        .routes(routes!(add_note))
        .routes(routes!(case_audit))
}

impl From<DeskError> for AppError {
    fn from(e: DeskError) -> Self {
        match e {
            DeskError::Invalid(errors) => AppError::invalid_input(errors),
            DeskError::BadParameter(p) => AppError::bad_parameter(p),
            DeskError::Changed => {
                AppError::text(StatusCode::CONFLICT, "case_changed", |t| t.case_changed)
            }
            DeskError::NotAllowed => {
                AppError::text(StatusCode::CONFLICT, "status_not_allowed", |t| {
                    t.status_not_allowed
                })
            }
            DeskError::Submission(e) => e.into(),
            DeskError::Message(e) => e.into(),
            DeskError::Store(e) => e.into(),
        }
    }
}

/// The inbox filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct InboxParams {
    /// One of the clerk's authorities (all of them when left out).
    authority: Option<String>,
    /// Only cases in this status.
    #[param(value_type = Option<String>, example = "received")]
    status: Option<Status>,
    /// Only cases of this form.
    form: Option<String>,
    /// Received on or after this day (YYYY-MM-DD).
    from: Option<String>,
    /// Received on or before this day (YYYY-MM-DD).
    to: Option<String>,
    /// `me`, `none` or a colleague's id.
    assignee: Option<String>,
    /// Text in the reference, the applicant's name or e-mail address.
    q: Option<String>,
    /// `oldest` (default), `newest` or `changed`.
    #[param(value_type = Option<String>)]
    sort: Option<InboxSort>,
    /// Page, from 1.
    page: Option<u32>,
    /// Cases per page (at most 100; 25 when left out).
    per_page: Option<u32>,
}

/// The cases of the clerk's authorities: counts per status, one page of cases.
#[utoipa::path(
    get, path = "/staff/cases", tag = "staff",
    params(InboxParams),
    responses(
        (status = 200, description = "The inbox", body = Inbox),
        (status = 400, description = "A malformed filter", body = ErrorBody),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn inbox(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(p): ApiQuery<InboxParams>,
) -> Result<Response, AppError> {
    let q = InboxQuery {
        authority: p.authority,
        status: p.status,
        form: p.form.filter(|f| !f.is_empty()),
        from: p.from.filter(|f| !f.is_empty()),
        to: p.to.filter(|f| !f.is_empty()),
        assignee: p.assignee,
        q: p.q,
        sort: p.sort.unwrap_or_default(),
        page: p.page.unwrap_or(1),
        per_page: p.per_page.unwrap_or(25),
    };
    Ok(private(
        Json(desk::inbox(&state, &actor, &q).await?).into_response(),
    ))
}

/// Everything about a case (the read is recorded in the audit log).
#[utoipa::path(
    get, path = "/staff/cases/{reference}", tag = "staff",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    responses(
        (status = 200, description = "The case", body = CaseDetail),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen", body = ErrorBody),
        (status = 404, description = "No such case at the clerk's authorities", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn case(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
) -> Result<Response, AppError> {
    Ok(private(
        Json(desk::case(&state, &actor, &reference).await?).into_response(),
    ))
}

/// Moves a case to another status, with a reason the citizen reads (sent to them as a
/// message with the decision documents, and announced by e-mail).
#[utoipa::path(
    post, path = "/staff/cases/{reference}/status", tag = "staff",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    request_body = StatusRequest,
    responses(
        (status = 200, description = "Moved", body = CaseChanged),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen, or a request from another site", body = ErrorBody),
        (status = 404, description = "No such case at the clerk's authorities", body = ErrorBody),
        (status = 409, description = "Changed meanwhile (`case_changed`), or a step the status does not allow (`status_not_allowed`)", body = ErrorBody),
        (status = 422, description = "A reason is missing or too long (`invalid_input`)", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn set_status(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
    ApiJson(req): ApiJson<StatusRequest>,
) -> Result<Response, AppError> {
    Ok(private(
        Json(desk::set_status(&state, &actor, &reference, req).await?).into_response(),
    ))
}

/// Assigns a case to a colleague of its authority, or gives it back (a case still received
/// is in progress once it has an assignee).
#[utoipa::path(
    post, path = "/staff/cases/{reference}/assignee", tag = "staff",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "Assigned", body = CaseChanged),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen, or a request from another site", body = ErrorBody),
        (status = 404, description = "No such case at the clerk's authorities", body = ErrorBody),
        (status = 409, description = "Changed meanwhile (`case_changed`)", body = ErrorBody),
        (status = 422, description = "Not a colleague at the case's authority", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn assign(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
    ApiJson(req): ApiJson<AssignRequest>,
) -> Result<Response, AppError> {
    Ok(private(
        Json(desk::assign(&state, &actor, &reference, req).await?).into_response(),
    ))
}

/// Adds an internal note (the citizen never sees it).
#[utoipa::path(
    post, path = "/staff/cases/{reference}/notes", tag = "staff",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    request_body = NoteRequest,
    responses(
        (status = 201, description = "Added", body = CaseNote),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen, or a request from another site", body = ErrorBody),
        (status = 404, description = "No such case at the clerk's authorities", body = ErrorBody),
        (status = 422, description = "Empty or too long (`invalid_input`)", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn add_note(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
    ApiJson(req): ApiJson<NoteRequest>,
) -> Result<Response, AppError> {
    let note = desk::add_note(&state, &actor, &reference, req).await?;
    Ok(private((StatusCode::CREATED, Json(note)).into_response()))
}

/// The audit trail of a case: every staff read and change, with the chain's hashes.
#[utoipa::path(
    get, path = "/staff/cases/{reference}/audit", tag = "staff",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    responses(
        (status = 200, description = "The entries, oldest first", body = Vec<AuditEntry>),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen", body = ErrorBody),
        (status = 404, description = "No such case at the clerk's authorities", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn case_audit(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
) -> Result<Response, AppError> {
    Ok(private(
        Json(desk::case_audit(&state, &actor, &reference).await?).into_response(),
    ))
}
