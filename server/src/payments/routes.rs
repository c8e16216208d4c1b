//! `POST /api/v1/submissions/{reference}/payments` (start paying online),
//! `GET /api/v1/payments/{attempt}/return` (the browser back from the provider's page) and
//! `POST /api/v1/payments/notifications/{provider}` (the provider's signed notification):
//! HTTP in and out of [`super::service`].

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::api::ErrorBody;
use contract::payment::{PaymentInfo, PaymentStart, PaymentStarted};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::provider::NotificationError;
use super::service::{self, PaymentError};
use crate::AppState;
use crate::access::Actor;
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::private;

/// The payment routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start))
        .routes(routes!(came_back))
        .routes(routes!(notification))
        .routes(routes!(refund))
        .routes(routes!(mark_paid))
}

impl From<PaymentError> for AppError {
    fn from(e: PaymentError) -> Self {
        match e {
            PaymentError::NotFound => AppError::not_found(),
            PaymentError::Submission(s) => s.into(),
            PaymentError::NothingToPay => {
                AppError::text(StatusCode::CONFLICT, "nothing_to_pay", |t| t.nothing_to_pay)
            }
            PaymentError::NotRefundable => {
                AppError::text(StatusCode::CONFLICT, "payment_refund", |t| t.payment_refund)
            }
            PaymentError::TooManyAttempts => AppError::filled(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                |t| t.rate_limited,
                vec!["3600".into()],
            )
            .retry_after(3600),
            PaymentError::Unavailable => AppError::text(
                StatusCode::SERVICE_UNAVAILABLE,
                "payment_unavailable",
                |t| t.payment_unavailable,
            ),
            PaymentError::Notification(n) => {
                tracing::warn!(
                    target: "schalter::security",
                    event = "payment_notification_refused",
                    reason = %n,
                    "a payment notification was not believed"
                );
                match n {
                    NotificationError::Malformed => {
                        AppError::text(StatusCode::BAD_REQUEST, "bad_request", |t| t.bad_request)
                    }
                    _ => {
                        AppError::text(StatusCode::UNAUTHORIZED, "unauthorised", |t| t.unauthorised)
                    }
                }
            }
            PaymentError::Store(s) => s.into(),
        }
    }
}

/// Starts paying the submission's fee online: answers with the provider's payment page, to
/// send the browser to. The amount is the fee the server computed when the application
/// arrived.
#[utoipa::path(
    post, path = "/submissions/{reference}/payments", tag = "payments",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    request_body = PaymentStart,
    responses(
        (status = 201, description = "Started: send the browser to `redirect`", body = PaymentStarted),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "No access token, or an expired one", body = ErrorBody),
        (status = 404, description = "No such submission, or the token does not open it", body = ErrorBody),
        (status = 409, description = "Nothing to pay (`nothing_to_pay`)", body = ErrorBody),
        (status = 429, description = "Too many attempts for this submission", body = ErrorBody),
        (status = 503, description = "The payment provider does not answer (`payment_unavailable`)", body = ErrorBody),
    ),
    security(("receipt_token" = []), ("session" = []))
)]
async fn start(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
    ApiJson(body): ApiJson<PaymentStart>,
) -> Result<Response, AppError> {
    let started = service::start(&state, &actor, &reference, body.lang).await?;
    Ok(private(
        (StatusCode::CREATED, Json(started)).into_response(),
    ))
}

/// Where the provider sends the browser back (after paying, cancelling or a failure alike): the
/// outcome is read from the provider, and the browser goes on to the receipt page with
/// `#zahlung=<paid|cancelled|failed|pending|mismatch>`.
#[utoipa::path(
    get, path = "/payments/{attempt}/return", tag = "payments",
    params(("attempt" = String, Path, description = "The payment attempt (from the return address)")),
    responses(
        (status = 303, description = "On to the receipt page"),
        (status = 404, description = "No such attempt", body = ErrorBody),
    )
)]
async fn came_back(
    State(state): State<AppState>,
    ApiPath(attempt): ApiPath<String>,
) -> Result<Response, AppError> {
    let (lang, reference, outcome) = service::came_back(&state, &attempt).await?;
    Ok(crate::accounts::routes::see_other(&format!(
        "/{}/eingang/{}#zahlung={}",
        lang.code(),
        contract::paths::encode(&reference),
        outcome.code()
    )))
}

/// The provider's server-to-server notification, believed only with a valid, fresh signature
/// (`Datatrans-Signature`), and then only as a prompt to read the status back.
#[utoipa::path(
    post, path = "/payments/notifications/{provider}", tag = "payments",
    params(("provider" = String, Path, description = "The provider's name", example = "datatrans")),
    request_body(content = String, description = "The provider's status document, as signed", content_type = "application/json"),
    responses(
        (status = 200, description = "Taken"),
        (status = 400, description = "Signed, but not a status", body = ErrorBody),
        (status = 401, description = "Signature missing, wrong or stale", body = ErrorBody),
        (status = 404, description = "No such provider configured", body = ErrorBody),
        (status = 503, description = "Storage unavailable", body = ErrorBody),
    )
)]
async fn notification(
    State(state): State<AppState>,
    ApiPath(provider): ApiPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    if state
        .payments
        .provider()
        .is_none_or(|p| p.name() != provider)
    {
        return Err(AppError::not_found());
    }
    let signature = headers
        .get("Datatrans-Signature")
        .and_then(|v| v.to_str().ok());
    service::notified(&state, signature, &body).await?;
    Ok(private(StatusCode::OK.into_response()))
}

/// Gives back a fee paid online, in full, through the provider (audited).
#[utoipa::path(
    post, path = "/staff/cases/{reference}/payment/refund", tag = "staff",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    responses(
        (status = 200, description = "Refunded: the fee as it stands now", body = PaymentInfo),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen, or a request from another site", body = ErrorBody),
        (status = 404, description = "No such case at the clerk's authorities", body = ErrorBody),
        (status = 409, description = "No fee (`nothing_to_pay`), or not paid online or refunded already (`payment_refund`)", body = ErrorBody),
        (status = 503, description = "The payment provider does not answer (`payment_unavailable`)", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn refund(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
) -> Result<Response, AppError> {
    let info = service::refund(&state, &actor, &reference).await?;
    Ok(private(Json(info).into_response()))
}

/// Records that the fee arrived by transfer (audited); an application that waited for its
/// payment now counts (confirmation and hand-off go out).
#[utoipa::path(
    post, path = "/staff/cases/{reference}/payment/paid", tag = "staff",
    params(("reference" = String, Path, description = "The reference number", example = "K7Q-M4T-XP9")),
    responses(
        (status = 200, description = "Marked paid: the fee as it stands now", body = PaymentInfo),
        (status = 401, description = "Not signed in as staff", body = ErrorBody),
        (status = 403, description = "A citizen, or a request from another site", body = ErrorBody),
        (status = 404, description = "No such case at the clerk's authorities", body = ErrorBody),
        (status = 409, description = "No fee, or paid already (`nothing_to_pay`)", body = ErrorBody),
    ),
    security(("session" = []), ("staff_token" = []))
)]
async fn mark_paid(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(reference): ApiPath<String>,
) -> Result<Response, AppError> {
    let info = service::mark_paid(&state, &actor, &reference).await?;
    Ok(private(Json(info).into_response()))
}
