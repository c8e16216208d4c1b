//! `POST /api/v1/submissions`, `GET /api/v1/submissions/<ref>` (+ `/receipt.pdf`,
//! `/attachments/<id>`), `POST /api/v1/uploads`: HTTP in and out of [`super::service`].
//!
//! The citizen's access to a submission is a bearer token (`Authorization: Bearer …`) handed
//! out with the receipt; the policy decides. Every answer about a submission, and the 201 that
//! carries the token, is `Cache-Control: no-store`.

use axum::Json;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::api::{AccessRenewed, ErrorBody};
use contract::error_texts::ErrorTexts;
use contract::form::{ErrorCode, FieldError};
use contract::submission::{Receipt, SubmissionCreated, SubmissionRequest, UploadResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::service::{self, SubmissionError, UploadInput};
use crate::AppState;
use crate::access::Actor;
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery, ClientAddr};
use crate::http::private;

/// The header that names the draft an upload belongs to (its idempotency key).
pub const DRAFT_HEADER: &str = "schalter-draft";

/// The submission routes, mounted under `/api/v1`. Uploads are routed apart: they stream large
/// bodies from slow connections and have their own size and idle bounds.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit))
        .routes(routes!(receipt))
        .routes(routes!(receipt_pdf))
        .routes(routes!(attachment))
        .routes(routes!(renew_access))
}

/// `POST /api/v1/uploads`: the size limit is the form field's own (checked while reading).
pub fn upload_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .layer(DefaultBodyLimit::disable())
}

impl From<SubmissionError> for AppError {
    fn from(e: SubmissionError) -> Self {
        use SubmissionError as E;
        let field = |status, code, error: FieldError| {
            AppError::new(status, code, move |_, lang| {
                error.clone().localise(lang).message.unwrap_or_default()
            })
        };
        match e {
            E::Lookup(l) => l.into(),
            E::Form(f) => f.into(),
            E::MunicipalityRequired => {
                AppError::bad_request("municipality", |t| t.municipality_required, vec![])
            }
            E::KeyMalformed => {
                AppError::bad_request("idempotency_key", |t| t.idempotency_key_malformed, vec![])
            }
            E::KeyReused => AppError::text(StatusCode::CONFLICT, "idempotency_key_reused", |t| {
                t.idempotency_key_reused
            }),
            E::InvalidAnswers(errors) => AppError::invalid_answers(errors),
            E::AssuranceRequired(level) => {
                AppError::text(StatusCode::FORBIDDEN, "assurance_required", |t| {
                    t.assurance_required
                })
                .with_level(level)
            }
            E::NoAuthority => {
                AppError::text(StatusCode::CONFLICT, "no_authority", |t| t.no_authority)
            }
            E::DraftKeyMissing => AppError::bad_request(
                DRAFT_HEADER,
                |t| t.draft_header_missing,
                vec![DRAFT_HEADER.to_owned()],
            ),
            E::NotAFileField(f) => AppError::bad_request("field", |t| t.not_a_file_field, vec![f]),
            E::FileTooLarge { field: f, max } => field(
                StatusCode::PAYLOAD_TOO_LARGE,
                "file_too_large",
                FieldError::new(f, ErrorCode::FileTooLarge).limit(max),
            )
            .with_limit(max),
            E::FileType(f) => field(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "file_type",
                FieldError::new(f, ErrorCode::FileType),
            ),
            E::FileEmpty => AppError::text(StatusCode::BAD_REQUEST, "file_empty", |t| t.file_empty),
            E::UploadInterrupted => AppError::text(
                StatusCode::BAD_REQUEST,
                "upload_interrupted",
                |t: &ErrorTexts| t.upload_interrupted,
            ),
            E::TooManyUploads => {
                AppError::text(StatusCode::TOO_MANY_REQUESTS, "too_many_uploads", |t| {
                    t.too_many_uploads
                })
            }
            E::NotFound => AppError::not_found(),
            E::Changed => AppError::text(StatusCode::CONFLICT, "conflict", |t| t.conflict),
            E::PaymentMethod => {
                AppError::text(StatusCode::UNPROCESSABLE_ENTITY, "payment_method", |t| {
                    t.payment_method
                })
            }
            E::Denied(d) => d.into(),
            E::RateLimited(l) => l.into(),
            E::Store(s) => s.into(),
            E::Internal(e) => e.into(),
        }
    }
}

/// Submits an application, exactly once per draft: the same `idempotency_key` with the same
/// answers answers the first submission again (200); with other answers 409.
#[utoipa::path(
    post, path = "/submissions", tag = "submissions",
    request_body = SubmissionRequest,
    responses(
        (status = 201, description = "Stored: the receipt and the citizen's access token", body = SubmissionCreated),
        (status = 200, description = "This draft was submitted before: the same receipt again", body = SubmissionCreated),
        (status = 400, description = "The body is malformed", body = ErrorBody),
        (status = 404, description = "No such form, or not offered in the municipality", body = ErrorBody),
        (status = 409, description = "`unknown_form_version`, `idempotency_key_reused`, `no_authority`", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "`invalid_answers`: the field errors are in `details.errors`", body = ErrorBody),
        (status = 429, description = "Too many submissions from this address (`rate_limited`) or confirmations to this e-mail address today (`email_quota`); see `Retry-After`", body = ErrorBody),
    )
)]
async fn submit(
    State(state): State<AppState>,
    actor: Actor,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<SubmissionRequest>,
) -> Result<Response, AppError> {
    let lang = req.lang;
    let done = service::submit(&state, &actor, client, &req)
        .await
        .map_err(|e| AppError::from(e).in_lang(lang))?;
    let status = if done.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(private((status, Json(done.created)).into_response()))
}

/// The receipt of a submission with its current status and history.
#[utoipa::path(
    get, path = "/submissions/{reference}", tag = "submissions",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    responses(
        (status = 200, description = "The receipt", body = Receipt),
        (status = 401, description = "No access token", body = ErrorBody),
        (status = 404, description = "No such submission, or the token does not open it", body = ErrorBody),
    ),
    security(("receipt_token" = []), ("staff_token" = []))
)]
async fn receipt(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
) -> Result<Response, AppError> {
    let receipt = service::receipt(&state, &actor, &reference).await?;
    Ok(private(Json(receipt).into_response()))
}

/// `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987).
pub(crate) fn disposition(kind: &str, name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    HeaderValue::from_str(&format!(
        "{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// The receipt as a tagged, archivable PDF (PDF/UA-1, PDF/A-2a).
#[utoipa::path(
    get, path = "/submissions/{reference}/receipt.pdf", tag = "submissions",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "No access token", body = ErrorBody),
        (status = 404, description = "No such submission, or the token does not open it", body = ErrorBody),
    ),
    security(("receipt_token" = []), ("staff_token" = []))
)]
async fn receipt_pdf(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
) -> Result<Response, AppError> {
    let (name, pdf) = service::receipt_pdf(&state, &actor, &reference).await?;
    let mut res = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/pdf"),
        )],
        pdf,
    )
        .into_response();
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        disposition("attachment", &name),
    );
    Ok(private(res))
}

/// One file attached to a submission, as uploaded.
#[utoipa::path(
    get, path = "/submissions/{reference}/attachments/{id}", tag = "submissions",
    params(
        ("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9"),
        ("id" = String, Path, description = "The attachment id from the receipt"),
    ),
    responses(
        (status = 200, description = "The file (its detected type)", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, description = "No access token", body = ErrorBody),
        (status = 404, description = "No such submission or attachment, or the token does not open it", body = ErrorBody),
    ),
    security(("receipt_token" = []), ("staff_token" = []))
)]
async fn attachment(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((reference, id)): ApiPath<(String, String)>,
) -> Result<Response, AppError> {
    let file = service::attachment(&state, &actor, &reference, &id).await?;
    let mut res = Body::from_stream(file.content).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(file.length));
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&file.upload.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        disposition("attachment", &file.upload.name),
    );
    Ok(private(res))
}

/// Replaces the receipt's access token: the citizen with the current token gets a new one
/// (say, after sharing a screen); the authority's staff replace it when it got into the wrong
/// hands, and the new one goes to the application's e-mail address. Every earlier token stops
/// working.
#[utoipa::path(
    post, path = "/submissions/{reference}/access-token", tag = "submissions",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    responses(
        (status = 200, description = "Replaced", body = AccessRenewed),
        (status = 401, description = "No access token, or an expired one (`token_expired`)", body = ErrorBody),
        (status = 404, description = "No such submission, or the token does not open it", body = ErrorBody),
        (status = 409, description = "Replaced by another request at the same moment (`conflict`)", body = ErrorBody),
    ),
    security(("receipt_token" = []), ("staff_token" = []))
)]
async fn renew_access(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
) -> Result<Response, AppError> {
    let renewed = service::renew_access(&state, &actor, &reference).await?;
    Ok(private(Json(renewed).into_response()))
}

/// Query of `POST /api/v1/uploads`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// The form id.
    #[param(example = "hundesteuer-th")]
    form: String,
    /// The draft's form version.
    #[param(example = "2.1")]
    version: String,
    /// The municipality.
    #[param(example = "de:16077043")]
    municipality: String,
    /// The field, with or without item numbers (`dogs.0.certificate`, `dogs.certificate`).
    #[param(example = "dogs.0.assistance_proof")]
    field: String,
    /// The file's name as chosen.
    #[param(example = "Nachweis.pdf")]
    name: String,
    /// Language of messages: `de` (default), `fr`, `it`, `en`.
    #[expect(dead_code, reason = "read by the error layer, documented here")]
    lang: Option<String>,
}

/// Uploads one file for a draft before submitting it; the raw file is the body. Its type is
/// judged by its content, its size by the field's limit.
#[utoipa::path(
    post, path = "/uploads", tag = "submissions",
    params(
        UploadParams,
        ("schalter-draft" = String, Header, description = "The draft's idempotency key", example = "9b2f0a7e-3c1d-4e5f-8a9b-0c1d2e3f4a5b"),
    ),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes"),
    responses(
        (status = 201, description = "Stored", body = UploadResponse),
        (status = 400, description = "A parameter or the draft header is malformed, the file is empty or the upload broke off", body = ErrorBody),
        (status = 404, description = "No such form, or not offered in the municipality", body = ErrorBody),
        (status = 409, description = "No such form version for this municipality", body = ErrorBody),
        (status = 413, description = "Over the field's size limit (`file_too_large`)", body = ErrorBody),
        (status = 415, description = "A type the field does not accept (`file_type`)", body = ErrorBody),
        (status = 429, description = "The draft has made too many uploads (`too_many_uploads`) or this address too many (`rate_limited`)", body = ErrorBody),
    )
)]
async fn upload(
    State(state): State<AppState>,
    actor: Actor,
    ClientAddr(client): ClientAddr,
    ApiQuery(p): ApiQuery<UploadParams>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let input = UploadInput {
        form: &p.form,
        version: &p.version,
        municipality: &p.municipality,
        field: &p.field,
        name: &p.name,
        draft_key: headers.get(DRAFT_HEADER).and_then(|v| v.to_str().ok()),
        declared_length: headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok()),
    };
    let stored = service::upload(&state, &actor, client, &input, body.into_data_stream()).await?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispositions_carry_utf8_names() {
        let h = disposition("attachment", "Hundepass Zoë.pdf");
        let s = h.to_str().unwrap();
        assert!(s.contains("filename=\"Hundepass Zo_.pdf\""), "{s}");
        assert!(
            s.contains("filename*=UTF-8''Hundepass%20Zo%C3%AB.pdf"),
            "{s}"
        );
    }
}
