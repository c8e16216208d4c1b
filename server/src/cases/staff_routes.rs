//! `/api/v1/staff/cases…`: clerk mode, HTTP in and out of [`super::desk`]. Staff only: without
//! credentials 401, citizens 403, staff of another authority 404 for its cases.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::api::ErrorBody;
use contract::cases::{
    AssignRequest, AuditEntry, CaseChanged, CaseDetail, CaseNote, CaseRow, Inbox, InboxSort,
    NoteRequest, StatusRequest,
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
        .routes(routes!(export))
        .routes(routes!(authority_audit))
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
    /// Where the fee stands: `awaiting` (the application counts once paid; left out of the
    /// inbox otherwise), `open`, `paid`, `refunded`.
    #[param(value_type = Option<String>, example = "awaiting")]
    payment: Option<contract::payment::PaymentState>,
    /// `oldest` (default), `newest` or `changed`.
    #[param(value_type = Option<String>)]
    sort: Option<InboxSort>,
    /// Page, from 1.
    page: Option<u32>,
    /// Cases per page (at most 100; 25 when left out).
    per_page: Option<u32>,
}

impl InboxParams {
    fn query(self) -> InboxQuery {
        InboxQuery {
            authority: self.authority,
            status: self.status,
            form: self.form.filter(|f| !f.is_empty()),
            from: self.from.filter(|f| !f.is_empty()),
            to: self.to.filter(|f| !f.is_empty()),
            assignee: self.assignee,
            q: self.q,
            payment: self.payment,
            sort: self.sort.unwrap_or_default(),
            page: self.page.unwrap_or(1),
            per_page: self.per_page.unwrap_or(25),
        }
    }
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
    let q = p.query();
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

/// The format of an export.
#[derive(Debug, Default, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
enum Format {
    /// Comma-separated values (UTF-8 with a byte order mark, for spreadsheets).
    #[default]
    Csv,
    /// JSON.
    Json,
}

/// An export's format.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct FormatParam {
    /// `csv` (default) or `json`.
    #[param(value_type = Option<String>)]
    format: Option<Format>,
}

fn download(body: Vec<u8>, format: Format, name: &str) -> Response {
    let (media_type, ext) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Json => ("application/json", "json"),
    };
    let mut res = body.into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.{ext}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    private(res)
}

fn csv_bytes(
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, AppError> {
    // A byte order mark, so that spreadsheets read the umlauts as UTF-8.
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let fail = |e: csv::Error| AppError::internal(anyhow::anyhow!("csv: {e}"));
        w.write_record(header).map_err(fail)?;
        for row in rows {
            w.write_record(row.iter().map(|c| desk::csv_cell(c)))
                .map_err(fail)?;
        }
        w.flush()
            .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))?;
    }
    Ok(out)
}

/// The filtered inbox as a file: every matching case (at most 50,000), CSV or JSON. The export
/// is recorded in the audit log.
#[utoipa::path(
    get, path = "/staff/export", tag = "staff",
    params(InboxParams, FormatParam),
    responses(
        (status = 200, description = "The cases as an attachment", content(
            (String = "text/csv"),
            (Vec<CaseRow> = "application/json"),
        )),
        (status = 400, description = "A malformed filter", body = ErrorBody),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn export(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(p): ApiQuery<InboxParams>,
    ApiQuery(f): ApiQuery<FormatParam>,
) -> Result<Response, AppError> {
    let cases = desk::export(&state, &actor, &p.query()).await?;
    let format = f.format.unwrap_or_default();
    let body = match format {
        Format::Json => serde_json::to_vec(&cases).map_err(|e| AppError::internal(e.into()))?,
        Format::Csv => csv_bytes(
            &[
                "reference",
                "form",
                "form_title",
                "authority",
                "applicant",
                "email",
                "status",
                "received_at",
                "updated_at",
                "assignee",
                "payment",
            ],
            cases.into_iter().map(|c| {
                vec![
                    c.reference,
                    c.form,
                    c.form_title,
                    c.authority,
                    c.applicant.unwrap_or_default(),
                    c.email.unwrap_or_default(),
                    c.status.code().to_owned(),
                    c.received_at,
                    c.updated_at,
                    c.assignee.map(|a| a.name).unwrap_or_default(),
                    c.payment.map(|p| p.code().to_owned()).unwrap_or_default(),
                ]
            }),
        )?,
    };
    Ok(download(body, format, "faelle"))
}

/// The authority's audit chain.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AuditParams {
    /// The authority (one of the asker's).
    authority: String,
    /// `csv` (default) or `json`.
    #[param(value_type = Option<String>)]
    format: Option<Format>,
}

/// An authority's whole audit chain as a file (its clerks and admins), with each entry's hash
/// and the hash before it, so that a copy can be checked on its own.
#[utoipa::path(
    get, path = "/staff/audit", tag = "staff",
    params(AuditParams),
    responses(
        (status = 200, description = "The entries, oldest first, as an attachment", content(
            (String = "text/csv"),
            (Vec<AuditEntry> = "application/json"),
        )),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen, or staff of another authority", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn authority_audit(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(p): ApiQuery<AuditParams>,
) -> Result<Response, AppError> {
    let entries = desk::authority_audit(&state, &actor, &p.authority).await?;
    let format = p.format.unwrap_or_default();
    let body = match format {
        Format::Json => serde_json::to_vec(&entries).map_err(|e| AppError::internal(e.into()))?,
        Format::Csv => csv_bytes(
            &[
                "seq",
                "at",
                "actor",
                "actor_name",
                "action",
                "reference",
                "detail",
                "prev_hash",
                "hash",
            ],
            entries.into_iter().map(|e| {
                vec![
                    e.seq.to_string(),
                    e.at,
                    e.actor,
                    e.actor_name.unwrap_or_default(),
                    e.action,
                    e.reference.unwrap_or_default(),
                    e.detail,
                    e.prev_hash,
                    e.hash,
                ]
            }),
        )?,
    };
    Ok(download(body, format, "protokoll"))
}
