//! Makes every error answer of the API the same JSON, in the request's language.
//!
//! Handlers and extractors return [`AppError`], which leaves itself in the response; this
//! middleware writes its body in the request's language and notes a database outage. Error
//! answers made elsewhere (axum's 404 and 405, a body over the limit, a timeout, a panic) carry
//! no [`AppError`]: they get one here from their status, so no client ever sees plain text.

use std::collections::HashMap;
use std::sync::LazyLock;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use contract::Lang;

use crate::AppState;
use crate::error::AppError;
use crate::http::extract::{MAX_JSON_BODY, json_required, too_large};

/// The longest a request to the API may take before it is answered `timeout` (uploads, which
/// stream large files from slow connections, have their own idle bound instead).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The request's language for messages: its `lang` parameter (leniently: `de-CH` is German),
/// else its `Accept-Language`, else German.
pub fn request_lang(uri: &axum::http::Uri, headers: &HeaderMap) -> Lang {
    let from_query = uri.query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| crate::embed::requested_lang(Some(&v)))
    });
    from_query
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or_default()
}

/// The middleware over `/api`.
pub async fn render(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = request_lang(req.uri(), req.headers());
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let mut res = next.run(req).await;
    if res.status() == StatusCode::METHOD_NOT_ALLOWED
        && !res.headers().contains_key(header::ALLOW)
        && let Some(methods) = matched.as_deref().and_then(allowed_methods)
        && let Ok(v) = HeaderValue::from_str(&methods.join(","))
    {
        // axum adds `Allow` outside this layer; the body should name the methods too.
        res.headers_mut().insert(header::ALLOW, v);
    }
    finish(&state, lang, res)
}

/// The methods the API answers at a path template, from the OpenAPI document.
fn allowed_methods(template: &str) -> Option<Vec<String>> {
    static METHODS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
        let doc = super::openapi::document();
        doc.paths
            .paths
            .iter()
            .map(|(path, item)| {
                let mut m = Vec::new();
                if item.get.is_some() {
                    m.extend(["GET".to_owned(), "HEAD".to_owned()]);
                }
                for (name, op) in [
                    ("POST", &item.post),
                    ("PUT", &item.put),
                    ("PATCH", &item.patch),
                    ("DELETE", &item.delete),
                ] {
                    if op.is_some() {
                        m.push(name.to_owned());
                    }
                }
                (path.clone(), m)
            })
            .collect()
    });
    METHODS.get(template).cloned()
}

/// Gives up on a request that takes longer than [`REQUEST_TIMEOUT`].
pub async fn timeout(req: Request, next: Next) -> Response {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::warn!(limit_s = REQUEST_TIMEOUT.as_secs(), "request timed out");
            AppError::text(StatusCode::SERVICE_UNAVAILABLE, "timeout", |t| t.timeout)
                .retry_after(1)
                .into_response()
        }
    }
}

fn finish(state: &AppState, lang: Lang, mut res: Response) -> Response {
    let status = res.status();
    let error = match res.extensions_mut().remove::<AppError>() {
        Some(e) => e,
        None if status.is_client_error() || status.is_server_error() => {
            from_status(status, res.headers())
        }
        None => return res,
    };
    if error.is_unavailable() {
        state.db.note_unavailable();
    }
    let body = serde_json::to_vec(&error.body(lang)).unwrap_or_default();
    let (mut parts, _) = res.into_parts();
    let fresh = error.into_response();
    // Keep what the handler set (Allow, Retry-After, CORS), take the error's own headers.
    for (name, value) in fresh.headers() {
        parts.headers.insert(name.clone(), value.clone());
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts
            .headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    parts.extensions.remove::<AppError>();
    Response::from_parts(parts, Body::from(body))
}

/// The error an answer made outside the API's handlers stands for.
fn from_status(status: StatusCode, headers: &HeaderMap) -> AppError {
    match status {
        StatusCode::NOT_FOUND => AppError::not_found(),
        StatusCode::METHOD_NOT_ALLOWED => {
            let allowed = headers
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok())
                .map(|v| {
                    v.split(',')
                        .map(|m| m.trim().to_owned())
                        .filter(|m| !m.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            AppError::text(status, "method_not_allowed", |t| t.method_not_allowed)
                .with_allowed_methods(allowed)
        }
        StatusCode::PAYLOAD_TOO_LARGE => too_large(MAX_JSON_BODY),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => json_required(),
        StatusCode::REQUEST_TIMEOUT => {
            AppError::text(status, "timeout", |t| t.timeout).retry_after(1)
        }
        StatusCode::UNAUTHORIZED => AppError::unauthorised(),
        StatusCode::FORBIDDEN => AppError::forbidden(),
        StatusCode::SERVICE_UNAVAILABLE => AppError::unavailable(),
        s if s.is_client_error() => AppError::text(s, "bad_request", |t| t.bad_request),
        _ => AppError::text(StatusCode::INTERNAL_SERVER_ERROR, "internal", |t| {
            t.internal
        }),
    }
}

/// The answer to a state-changing request from another site (the CSRF layer refused it).
pub fn cross_site() -> Response {
    tracing::warn!(target: "schalter::security", event = "cross_site_request", "a state-changing request from another site was refused");
    AppError::text(StatusCode::FORBIDDEN, "cross_site", |t| t.cross_site).into_response()
}

/// The answer to a handler that panicked (the panic itself is logged by the layer).
pub fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    AppError::text(StatusCode::INTERNAL_SERVER_ERROR, "internal", |t| {
        t.internal
    })
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_parameter_then_the_header() {
        let uri: axum::http::Uri = "/api/v1/search?q=x&lang=fr-CH".parse().unwrap();
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("it, en;q=0.5"),
        );
        assert_eq!(request_lang(&uri, &h), Lang::Fr);
        let plain: axum::http::Uri = "/api/v1/search?q=x".parse().unwrap();
        assert_eq!(request_lang(&plain, &h), Lang::It);
        assert_eq!(request_lang(&plain, &HeaderMap::new()), Lang::De);
        let unknown: axum::http::Uri = "/api/v1/search?lang=rm".parse().unwrap();
        assert_eq!(request_lang(&unknown, &h), Lang::It);
    }

    #[test]
    fn statuses_without_an_error_become_one() {
        let mut h = HeaderMap::new();
        h.insert(header::ALLOW, HeaderValue::from_static("GET,HEAD"));
        let e = from_status(StatusCode::METHOD_NOT_ALLOWED, &h);
        assert_eq!(e.code(), "method_not_allowed");
        assert_eq!(
            e.body(Lang::En).details.unwrap().allowed_methods,
            vec!["GET", "HEAD"]
        );
        assert_eq!(
            from_status(StatusCode::IM_A_TEAPOT, &h).code(),
            "bad_request"
        );
        assert_eq!(from_status(StatusCode::BAD_GATEWAY, &h).code(), "internal");
    }
}
