//! `/api/v1/submissions/{reference}/messages…` and `/api/v1/account/messages`: HTTP in and out
//! of [`super::messages`]. The same routes serve the citizen (receipt token or session) and
//! the authority's staff (staff token); the policy tells them apart.

use axum::Json;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::api::ErrorBody;
use contract::messages::{Message, MessageFile, NewMessage, Postfach};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::messages::{self, FILE_MAX_BYTES, MessageError};
use crate::AppState;
use crate::access::Actor;
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::http::private;

/// The message routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, send))
        .routes(routes!(file))
        .routes(routes!(postfach))
}

/// The upload of message files: their own size limit instead of the JSON one.
pub fn upload_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .layer(DefaultBodyLimit::max(FILE_MAX_BYTES + 1))
}

impl From<MessageError> for AppError {
    fn from(e: MessageError) -> Self {
        match e {
            MessageError::Invalid(what) => AppError::bad_parameter(what),
            MessageError::FileType => {
                AppError::text(StatusCode::UNSUPPORTED_MEDIA_TYPE, "file_type", |t| {
                    t.message_file_type
                })
            }
            MessageError::FileTooLarge => AppError::filled(
                StatusCode::PAYLOAD_TOO_LARGE,
                "file_too_large",
                |t| t.message_file_too_large,
                vec![(FILE_MAX_BYTES / 1024 / 1024).to_string()],
            )
            .with_limit(FILE_MAX_BYTES as u64),
            MessageError::TooManyFiles => {
                AppError::text(StatusCode::TOO_MANY_REQUESTS, "too_many_uploads", |t| {
                    t.too_many_uploads
                })
            }
            MessageError::NotFound => AppError::not_found(),
            MessageError::Submission(e) => e.into(),
            MessageError::Store(e) => e.into(),
            MessageError::Internal(e) => e.into(),
        }
    }
}

/// The messages about an application, oldest first (the citizen reading them marks the
/// authority's as read).
#[utoipa::path(
    get, path = "/submissions/{reference}/messages", tag = "messages",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    responses(
        (status = 200, description = "The messages", body = Vec<Message>),
        (status = 401, description = "No credentials", body = ErrorBody),
        (status = 404, description = "No such application, or not the asker's", body = ErrorBody),
    ),
    security(("receipt_token" = []), ("session" = []), ("staff_token" = []))
)]
async fn list(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
) -> Result<Response, AppError> {
    Ok(private(
        Json(messages::list(&state, &actor, &reference).await?).into_response(),
    ))
}

/// Writes a message about an application: the authority's staff to the citizen (who is told
/// by e-mail that a message waits), or the citizen to the authority.
#[utoipa::path(
    post, path = "/submissions/{reference}/messages", tag = "messages",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    request_body = NewMessage,
    responses(
        (status = 201, description = "Sent", body = Message),
        (status = 400, description = "An empty or too long text, or files that are not this sender's uploads", body = ErrorBody),
        (status = 401, description = "No credentials", body = ErrorBody),
        (status = 403, description = "A request from another site (`cross_site`)", body = ErrorBody),
        (status = 404, description = "No such application, or not the asker's", body = ErrorBody),
    ),
    security(("receipt_token" = []), ("session" = []), ("staff_token" = []))
)]
async fn send(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
    ApiJson(req): ApiJson<NewMessage>,
) -> Result<Response, AppError> {
    let message = messages::send(&state, &actor, &reference, req).await?;
    Ok(private(
        (StatusCode::CREATED, Json(message)).into_response(),
    ))
}

/// The file's name.
#[derive(Debug, Deserialize, IntoParams)]
struct FileName {
    /// The file's name as the sender had it.
    name: String,
}

/// Uploads a file for the next message about an application (PDF, JPEG or PNG, at most
/// 10 MB; the body is the file).
#[utoipa::path(
    post, path = "/submissions/{reference}/message-files", tag = "messages",
    params(
        ("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9"),
        FileName,
    ),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "Stored; send it with a message", body = MessageFile),
        (status = 401, description = "No credentials", body = ErrorBody),
        (status = 403, description = "A request from another site (`cross_site`)", body = ErrorBody),
        (status = 404, description = "No such application, or not the asker's", body = ErrorBody),
        (status = 413, description = "Over 10 MB (`file_too_large`)", body = ErrorBody),
        (status = 415, description = "Not PDF, JPEG or PNG (`file_type`)", body = ErrorBody),
    ),
    security(("receipt_token" = []), ("session" = []), ("staff_token" = []))
)]
async fn upload(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
    ApiQuery(q): ApiQuery<FileName>,
    body: Body,
) -> Result<Response, AppError> {
    // At most 10 MB, within five minutes (a slow sender holds no connection for ever).
    let bytes = tokio::time::timeout(
        std::time::Duration::from_secs(300),
        axum::body::to_bytes(body, FILE_MAX_BYTES + 1),
    )
    .await
    .map_err(|_| AppError::text(StatusCode::REQUEST_TIMEOUT, "timeout", |t| t.timeout))?
    .map_err(|_| AppError::from(MessageError::FileTooLarge))?;
    let stored = messages::upload(&state, &actor, &reference, &q.name, bytes).await?;
    Ok(private((StatusCode::CREATED, Json(stored)).into_response()))
}

/// A file of a message.
#[utoipa::path(
    get, path = "/submissions/{reference}/message-files/{id}", tag = "messages",
    params(
        ("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9"),
        ("id" = String, Path, description = "The file's id"),
    ),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 401, description = "No credentials", body = ErrorBody),
        (status = 404, description = "No such file, or not the asker's", body = ErrorBody),
    ),
    security(("receipt_token" = []), ("session" = []), ("staff_token" = []))
)]
async fn file(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((reference, id)): ApiPath<(String, String)>,
) -> Result<Response, AppError> {
    let (meta, bytes) = messages::file(&state, &actor, &reference, &id).await?;
    let mut res = Body::from(bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&meta.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        crate::submissions::routes::disposition("attachment", &meta.name),
    );
    Ok(private(res))
}

/// The Postfach: the messages of all the account's applications, newest first.
#[utoipa::path(
    get, path = "/account/messages", tag = "account",
    responses(
        (status = 200, description = "The messages and how many are unread", body = Postfach),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn postfach(State(state): State<AppState>, actor: Actor) -> Result<Response, AppError> {
    let id = state.policy.own_account(&actor)?.to_owned();
    Ok(private(
        Json(messages::postfach(&state, &id).await?).into_response(),
    ))
}
