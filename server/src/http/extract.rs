//! Extractors whose rejections are the API's own errors: a body that is not JSON, a member of
//! the wrong type, a malformed or oversized query parameter or path segment each answer
//! [`AppError`] JSON in the request's language naming what was wrong, never axum's plain text.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// The largest JSON body the API reads, in bytes (every form's answers fit many times over).
pub const MAX_JSON_BODY: usize = 1024 * 1024;
/// The longest query string the API reads, in bytes; each parameter has its own, shorter bound.
pub const MAX_QUERY: usize = 2048;

/// A JSON body: `Content-Type: application/json` required (so a cross-site form or a
/// `text/plain` fetch cannot post one without a CORS preflight), at most [`MAX_JSON_BODY`].
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !is_json(req.headers().get(header::CONTENT_TYPE)) {
            return Err(json_required());
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(body_rejection)?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses a JSON body, naming the member that was wrong.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let mut path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return AppError::text(StatusCode::BAD_REQUEST, "bad_request", |t| t.body_not_json);
        }
        // A member missing at the top has no path of its own: serde names it in its message.
        if let Some(name) = missing_member(&inner.to_string()) {
            path = if path == "." {
                name
            } else {
                format!("{path}.{name}")
            };
        }
        if path == "." {
            AppError::text(StatusCode::BAD_REQUEST, "bad_request", |t| t.body_not_json)
        } else {
            AppError::bad_request(&path, |t| t.body_member_invalid, vec![path.clone()])
        }
    })?;
    de.end()
        .map_err(|_| AppError::text(StatusCode::BAD_REQUEST, "bad_request", |t| t.body_not_json))?;
    Ok(value)
}

/// The member serde's "missing field `x`" names.
fn missing_member(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_owned()).filter(|n| !n.is_empty())
}

fn is_json(content_type: Option<&header::HeaderValue>) -> bool {
    let Some(ct) = content_type.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// 415 `unsupported_media_type`: the body must be JSON.
pub fn json_required() -> AppError {
    AppError::text(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        |t| t.json_required,
    )
}

/// 413 `payload_too_large` with its limit.
pub fn too_large(limit: usize) -> AppError {
    AppError::filled(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        |t| t.payload_too_large,
        vec![limit.to_string()],
    )
    .with_limit(limit as u64)
}

fn body_rejection(r: BytesRejection) -> AppError {
    if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(MAX_JSON_BODY)
    } else {
        AppError::text(StatusCode::BAD_REQUEST, "bad_request", |t| t.bad_request)
    }
}

/// Query parameters: at most [`MAX_QUERY`] bytes; a parameter of the wrong type names itself.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parse_query(parts.uri.query().unwrap_or("")).map(ApiQuery)
    }
}

/// Parses a query string, naming the parameter that was wrong.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    if query.len() > MAX_QUERY {
        return Err(AppError::bad_request(
            "query",
            |t| t.parameter_too_long,
            vec!["query".into(), MAX_QUERY.to_string()],
        )
        .with_limit(MAX_QUERY as u64));
    }
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let name = if path == "." {
            "query".to_owned()
        } else {
            path
        };
        AppError::bad_parameter(&name)
    })
}

/// Path parameters; a malformed segment is `bad_request`.
#[derive(Debug, Clone)]
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| ApiPath(v))
            .map_err(|_| AppError::text(StatusCode::BAD_REQUEST, "bad_request", |t| t.path_invalid))
    }
}

/// The client's address as the rate limits count it (see [`crate::limits::client_address`]);
/// `None` where the connection's peer is not known (requests handed to the router in tests).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<std::net::IpAddr>);

impl FromRequestParts<crate::AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &crate::AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        Ok(ClientAddr(crate::limits::client_address(
            peer,
            forwarded,
            &state.trusted_proxies,
        )))
    }
}

/// Checks a text parameter's length in characters.
pub fn bounded<'a>(
    name: &str,
    value: Option<&'a str>,
    max: usize,
) -> Result<Option<&'a str>, AppError> {
    match value {
        Some(v) if v.chars().count() > max => Err(AppError::bad_request(
            name,
            |t| t.parameter_too_long,
            vec![name.to_owned(), max.to_string()],
        )
        .with_limit(max as u64)),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::Lang;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Body {
        #[expect(dead_code, reason = "only its type matters")]
        answers: std::collections::BTreeMap<String, String>,
    }

    #[derive(Debug, Deserialize)]
    struct Q {
        limit: Option<usize>,
    }

    #[test]
    fn json_errors_name_the_member() {
        let e = parse_json::<Body>(br#"{"answers": {"a": 1}}"#).unwrap_err();
        let body = e.body(Lang::En);
        assert_eq!(body.code, "bad_request");
        assert_eq!(
            body.details.unwrap().parameter.as_deref(),
            Some("answers.a")
        );
        let e = parse_json::<Body>(b"{").unwrap_err();
        assert_eq!(
            e.body(Lang::De).message,
            "Der Inhalt der Anfrage ist kein gültiges JSON."
        );
        let e = parse_json::<Body>(b"{}").unwrap_err();
        assert!(
            e.body(Lang::En).message.contains("“answers”"),
            "{}",
            e.body(Lang::En).message
        );
        assert_eq!(
            e.body(Lang::En).details.unwrap().parameter.as_deref(),
            Some("answers")
        );
        let e = parse_json::<Body>(b"[]").unwrap_err();
        assert_eq!(e.body(Lang::En).code, "bad_request");
        assert!(parse_json::<Body>(br#"{"answers": {}} trailing"#).is_err());
    }

    #[test]
    fn queries_name_the_parameter_and_have_a_bound() {
        assert_eq!(parse_query::<Q>("limit=3").unwrap().limit, Some(3));
        let e = parse_query::<Q>("limit=x").unwrap_err();
        assert_eq!(
            e.body(Lang::En).details.unwrap().parameter.as_deref(),
            Some("limit")
        );
        let long = format!("q={}", "a".repeat(MAX_QUERY));
        assert_eq!(
            parse_query::<Q>(&long).unwrap_err().status(),
            StatusCode::BAD_REQUEST
        );
        assert!(bounded("q", Some("abc"), 2).is_err());
        assert!(bounded("q", Some("äö"), 2).is_ok());
    }

    #[test]
    fn only_json_content_types_count() {
        let v = |s: &'static str| header::HeaderValue::from_static(s);
        assert!(is_json(Some(&v("application/json"))));
        assert!(is_json(Some(&v("application/json; charset=utf-8"))));
        assert!(is_json(Some(&v("application/problem+json"))));
        assert!(!is_json(Some(&v("text/plain"))));
        assert!(!is_json(Some(&v("application/x-www-form-urlencoded"))));
        assert!(!is_json(None));
    }
}
