//! The HTTP layer's one error type. Bad input answers 4xx with a structured body and is not
//! logged as a failure; internal errors answer a bare 500 and are logged once.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use contract::api::ErrorBody;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The resource does not exist.
    #[error("not found")]
    NotFound,
    /// The request is malformed; the message is safe to show.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A request the API understands but refuses, with its own status and stable code
    /// (`not_offered`, `unknown_form_version`); the message is safe to show.
    #[error("{code}: {message}")]
    Refused {
        /// HTTP status.
        status: StatusCode,
        /// Stable machine-readable code.
        code: &'static str,
        /// Human-readable explanation.
        message: String,
    },
    /// A dependency (the database) is unavailable right now.
    #[error("service unavailable")]
    Unavailable,
    /// Anything else; its text is logged, never sent.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                AppError::Unavailable
            }
            other => AppError::Internal(other.into()),
        }
    }
}

impl AppError {
    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "There is nothing at this address.".into(),
            ),
            AppError::BadRequest(msg) => (StatusCode::BAD_REQUEST, "bad_request", msg.clone()),
            AppError::Refused {
                status,
                code,
                message,
            } => (*status, code, message.clone()),
            AppError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The service is temporarily unavailable. Please try again shortly.".into(),
            ),
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side.".into(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.parts();
        match &self {
            AppError::Internal(e) => tracing::error!(error = ?e, "internal error"),
            AppError::Unavailable => tracing::warn!("dependency unavailable"),
            _ => {}
        }
        let body = ErrorBody {
            code: code.into(),
            message,
        };
        (status, Json(body)).into_response()
    }
}
