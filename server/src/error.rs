//! The HTTP layer's one error type and the API's one error shape.
//!
//! Every error the API sends is [`contract::api::ErrorBody`] JSON: a stable `code`, a `message`
//! in the request's language ([`contract::error_texts`]) and optional `details`. Handlers and
//! extractors return [`AppError`]; [`crate::http::errors`] renders it in the request's language
//! and turns every other error answer (axum's own 404/405/413/415, a timeout, a panic) into the
//! same shape, so no client ever sees plain text. Bad input answers 4xx and is not logged as a
//! failure; an internal error answers a bare 500 and is logged once; a database that does not
//! answer is 503 with `Retry-After` (its outage is logged once, see [`crate::db::Outage`]).

use std::sync::Arc;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::Lang;
use contract::api::ErrorDetails;
use contract::error_texts::ErrorTexts;
use contract::form::FieldError;

use crate::db::StoreError;

/// Seconds a client is told to wait when the database does not answer.
pub const UNAVAILABLE_RETRY_SECS: u64 = 5;

/// Writes an error's message in one language.
type Render = Arc<dyn Fn(&'static ErrorTexts, Lang) -> String + Send + Sync>;

/// An error answer of the API.
#[derive(Clone)]
pub struct AppError {
    status: StatusCode,
    code: &'static str,
    message: Render,
    details: Box<ErrorDetails>,
    /// Field errors, localised when the body is written.
    field_errors: Vec<FieldError>,
    /// The language the request itself named (a body's `lang`); else the request's.
    lang: Option<Lang>,
    /// What went wrong inside, for the log only.
    source: Option<Arc<anyhow::Error>>,
}

impl std::fmt::Debug for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppError")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message(Lang::En))
            .field("source", &self.source)
            .finish()
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message(Lang::En)
        )
    }
}

impl std::error::Error for AppError {}

impl AppError {
    /// An error with its status, stable code and message.
    pub fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Fn(&'static ErrorTexts, Lang) -> String + Send + Sync + 'static,
    ) -> AppError {
        AppError {
            status,
            code,
            message: Arc::new(message),
            details: Box::default(),
            field_errors: Vec::new(),
            lang: None,
            source: None,
        }
    }

    /// An error whose message is one text of the catalogue.
    pub fn text(
        status: StatusCode,
        code: &'static str,
        text: fn(&'static ErrorTexts) -> &'static str,
    ) -> AppError {
        AppError::new(status, code, move |t, _| text(t).to_owned())
    }

    /// An error whose message is a text of the catalogue with its `{}` filled in.
    pub fn filled(
        status: StatusCode,
        code: &'static str,
        text: fn(&'static ErrorTexts) -> &'static str,
        values: Vec<String>,
    ) -> AppError {
        AppError::new(status, code, move |t, _| {
            let v: Vec<&str> = values.iter().map(String::as_str).collect();
            ErrorTexts::fill(text(t), &v)
        })
    }

    /// 404 `not_found`: nothing there, or nothing the asker may see.
    pub fn not_found() -> AppError {
        AppError::text(StatusCode::NOT_FOUND, "not_found", |t| t.not_found)
    }

    /// 400 `bad_request` about one parameter or body member.
    pub fn bad_parameter(name: &str) -> AppError {
        AppError::filled(
            StatusCode::BAD_REQUEST,
            "bad_request",
            |t| t.parameter_invalid,
            vec![name.to_owned()],
        )
        .with_parameter(name)
    }

    /// 400 `bad_request` with a message of the catalogue about `parameter`.
    pub fn bad_request(
        parameter: &str,
        text: fn(&'static ErrorTexts) -> &'static str,
        values: Vec<String>,
    ) -> AppError {
        AppError::filled(StatusCode::BAD_REQUEST, "bad_request", text, values)
            .with_parameter(parameter)
    }

    /// 401 `unauthorised`: credentials are needed.
    pub fn unauthorised() -> AppError {
        AppError::text(StatusCode::UNAUTHORIZED, "unauthorised", |t| t.unauthorised)
    }

    /// 401 `invalid_token`: credentials were brought but are not valid.
    pub fn invalid_token() -> AppError {
        AppError::text(StatusCode::UNAUTHORIZED, "invalid_token", |t| {
            t.invalid_token
        })
    }

    /// 403 `forbidden`: the asker is known and may not do this.
    pub fn forbidden() -> AppError {
        AppError::text(StatusCode::FORBIDDEN, "forbidden", |t| t.forbidden)
    }

    /// 503 `unavailable` with `Retry-After`: the database does not answer.
    pub fn unavailable() -> AppError {
        AppError::text(StatusCode::SERVICE_UNAVAILABLE, "unavailable", |t| {
            t.unavailable
        })
        .retry_after(UNAVAILABLE_RETRY_SECS)
    }

    /// 500 `internal`; `e` is logged, never sent.
    pub fn internal(e: anyhow::Error) -> AppError {
        let mut err = AppError::text(StatusCode::INTERNAL_SERVER_ERROR, "internal", |t| {
            t.internal
        });
        err.source = Some(Arc::new(e));
        err
    }

    /// 422 `invalid_answers` with the field errors (localised in the answer's language).
    pub fn invalid_answers(errors: Vec<FieldError>) -> AppError {
        let mut err = AppError::text(StatusCode::UNPROCESSABLE_ENTITY, "invalid_answers", |t| {
            t.invalid_answers
        });
        err.field_errors = errors;
        err
    }

    /// 422 `invalid_input`: an account form's field errors (localised in the request's
    /// language).
    pub fn invalid_input(errors: Vec<FieldError>) -> AppError {
        let mut err = AppError::text(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", |t| {
            t.invalid_input
        });
        err.field_errors = errors;
        err
    }

    /// Lists what keeps something from being published.
    pub fn with_problems(mut self, problems: Vec<String>) -> AppError {
        self.details.problems = problems;
        self
    }

    /// Names the level of assurance needed.
    pub fn with_level(mut self, level: contract::account::Level) -> AppError {
        self.details.level = Some(level);
        self
    }

    /// Names the parameter or body member the error is about.
    pub fn with_parameter(mut self, name: &str) -> AppError {
        self.details.parameter = Some(name.to_owned());
        self
    }

    /// The limit that was broken.
    pub fn with_limit(mut self, limit: u64) -> AppError {
        self.details.limit = Some(limit);
        self
    }

    /// The methods the address answers.
    pub fn with_allowed_methods(mut self, methods: Vec<String>) -> AppError {
        self.details.allowed_methods = methods;
        self
    }

    /// Tells the client when to try again (`Retry-After` and `details.retry_after`).
    pub fn retry_after(mut self, secs: u64) -> AppError {
        self.details.retry_after = Some(secs);
        self
    }

    /// Renders the message in `lang`, whatever the request's language is.
    pub fn in_lang(mut self, lang: Lang) -> AppError {
        self.lang = Some(lang);
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The message in one language.
    pub fn message(&self, lang: Lang) -> String {
        (self.message)(ErrorTexts::for_lang(lang), lang)
    }

    /// The body in the error's own language, else `request_lang`.
    pub fn body(&self, request_lang: Lang) -> contract::api::ErrorBody {
        let lang = self.lang.unwrap_or(request_lang);
        let mut details = (*self.details).clone();
        details.errors = self
            .field_errors
            .iter()
            .map(|e| e.clone().localise(lang))
            .collect();
        let empty = details == ErrorDetails::default();
        contract::api::ErrorBody {
            code: self.code.to_owned(),
            message: self.message(lang),
            details: (!empty).then_some(details),
        }
    }

    /// Whether this is the database not answering.
    pub fn is_unavailable(&self) -> bool {
        self.code == "unavailable"
    }
}

impl From<crate::access::Denial> for AppError {
    fn from(d: crate::access::Denial) -> Self {
        match d {
            crate::access::Denial::Unauthenticated => AppError::unauthorised(),
            crate::access::Denial::NotFound => AppError::not_found(),
            crate::access::Denial::Forbidden => AppError::forbidden(),
            crate::access::Denial::Expired => {
                AppError::text(StatusCode::UNAUTHORIZED, "token_expired", |t| {
                    t.token_expired
                })
            }
        }
    }
}

impl From<crate::limits::Limited> for AppError {
    fn from(l: crate::limits::Limited) -> Self {
        let secs = l.retry_after;
        let err = match l.bucket {
            crate::limits::Bucket::Email => {
                AppError::text(StatusCode::TOO_MANY_REQUESTS, "email_quota", |t| {
                    t.email_quota
                })
            }
            _ => AppError::filled(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                |t| t.rate_limited,
                vec![secs.to_string()],
            ),
        };
        err.retry_after(secs)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) => AppError::unavailable(),
            other => AppError::internal(other.into()),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::from(e).into()
    }
}

impl From<anyhow::Error> for AppError {
    /// Finds a database that does not answer anywhere in the chain of causes.
    fn from(e: anyhow::Error) -> Self {
        let unavailable = e.chain().any(|cause| {
            cause
                .downcast_ref::<sqlx::Error>()
                .is_some_and(crate::db::is_unavailable)
                || cause
                    .downcast_ref::<StoreError>()
                    .is_some_and(|s| matches!(s, StoreError::Unavailable(_)))
        });
        if unavailable {
            AppError::unavailable()
        } else {
            AppError::internal(e)
        }
    }
}

impl IntoResponse for AppError {
    /// The status and headers now; the body is written by [`crate::http::errors`], which knows
    /// the request's language. An internal error is logged here, once, inside the request's span.
    fn into_response(self) -> Response {
        if let Some(source) = &self.source {
            tracing::error!(error = ?source, "internal error");
        }
        let mut res = self.status.into_response();
        if let Some(secs) = self.details.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if !self.details.allowed_methods.is_empty()
            && let Ok(v) = HeaderValue::from_str(&self.details.allowed_methods.join(", "))
        {
            res.headers_mut().insert(header::ALLOW, v);
        }
        // Without the middleware (a unit test calling a handler) the body is German.
        let body = serde_json::to_vec(&self.body(Lang::De)).unwrap_or_default();
        let (mut parts, _) = res.into_parts();
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        parts.extensions.insert(self);
        Response::from_parts(parts, axum::body::Body::from(body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_follow_the_language_and_keep_their_code() {
        let e = AppError::filled(
            StatusCode::CONFLICT,
            "unknown_form_version",
            |t| t.unknown_form_version,
            vec!["hundesteuer-th".into(), "9.9".into()],
        );
        let de = e.body(Lang::De);
        assert_eq!(de.code, "unknown_form_version");
        assert_eq!(
            de.message,
            "Das Formular hundesteuer-th hat keine Version 9.9 für diese Gemeinde."
        );
        assert!(de.details.is_none());
        let fr = e.clone().in_lang(Lang::Fr).body(Lang::De);
        assert!(
            fr.message.starts_with("Le formulaire hundesteuer-th"),
            "{}",
            fr.message
        );
    }

    #[test]
    fn database_errors_deep_in_a_chain_are_unavailability() {
        let e = anyhow::Error::from(sqlx::Error::PoolTimedOut).context("loading a form");
        let app = AppError::from(e);
        assert!(app.is_unavailable());
        assert_eq!(app.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(app.body(Lang::En).details.unwrap().retry_after, Some(5));
        let other = AppError::from(anyhow::anyhow!("a bug"));
        assert_eq!(other.code(), "internal");
        assert_eq!(
            other.body(Lang::En).message,
            "Something went wrong on our side. Please try again later."
        );
    }
}
