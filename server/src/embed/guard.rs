//! CORS for the embed API from each municipality's allow-list.
//!
//! A request with an `Origin` on the list is answered with `Access-Control-Allow-Origin: <it>`;
//! a request from any other origin is refused (`403 origin_not_allowed`, no CORS header, so the
//! browser hands the page nothing). Requests without an `Origin` (the portal's own pages, the
//! iframe variant, non-browser clients) are answered without CORS headers: a browser only sends
//! cross-origin requests with an `Origin`. Every answer varies by `Origin`.

use crate::AppState;
use crate::error::AppError;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use catalog::tenants::Tenant;
use serde::Deserialize;

#[derive(Deserialize)]
struct Target {
    municipality: Option<String>,
}

/// What the guard let through: the tenant (for the handler) and the origin to echo.
struct Admitted {
    tenant: Tenant,
    allow_origin: Option<HeaderValue>,
}

/// The middleware: admits or refuses, answers preflights, adds the CORS headers.
pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let mut res = match admit(&state, req.headers(), req.uri()).await {
        Ok(Admitted {
            tenant,
            allow_origin,
        }) => {
            let mut res = if req.method() == Method::OPTIONS {
                preflight()
            } else {
                req.extensions_mut().insert(tenant);
                next.run(req).await
            };
            if let Some(origin) = allow_origin {
                res.headers_mut()
                    .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            }
            res
        }
        Err(e) => {
            let mut res = e.into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
    };
    res.headers_mut()
        .append(header::VARY, HeaderValue::from_static("Origin"));
    res
}

async fn admit(state: &AppState, headers: &HeaderMap, uri: &Uri) -> Result<Admitted, AppError> {
    let target: Target = crate::http::extract::parse_query(uri.query().unwrap_or(""))?;
    let tenant = tenant_named(state, target.municipality).await?;
    let allow_origin = match headers.get(header::ORIGIN) {
        None => None,
        Some(origin) => {
            let o = origin.to_str().unwrap_or("");
            if tenant.allows(o) {
                Some(origin.clone())
            } else if is_same_origin(o, headers.get(header::HOST)) {
                None
            } else {
                return Err(AppError::filled(
                    StatusCode::FORBIDDEN,
                    "origin_not_allowed",
                    |t| t.origin_not_allowed,
                    vec![tenant.name.clone()],
                ));
            }
        }
    };
    Ok(Admitted {
        tenant,
        allow_origin,
    })
}

/// The settings of the municipality a `municipality` parameter names: 400 when it is missing
/// or too long, 404 `unknown_tenant` when it has none.
pub(crate) async fn tenant_named(
    state: &AppState,
    municipality: Option<String>,
) -> Result<Tenant, AppError> {
    let id = municipality
        .filter(|m| !m.is_empty())
        .ok_or_else(|| AppError::bad_parameter("municipality"))?;
    crate::catalogue::service::bounded(
        "municipality",
        &id,
        crate::catalogue::service::MAX_ID_CHARS,
    )?;
    crate::tenants::get(&state.db, &id)
        .await?
        .ok_or_else(|| unknown_tenant(&id))
}

/// The refusal for a municipality without tenant settings.
pub(crate) fn unknown_tenant(id: &str) -> AppError {
    AppError::filled(
        StatusCode::NOT_FOUND,
        "unknown_tenant",
        |t| t.unknown_tenant,
        vec![id.to_owned()],
    )
}

/// The portal's own pages send their origin on some requests; it names the host they asked.
fn is_same_origin(origin: &str, host: Option<&HeaderValue>) -> bool {
    let authority = origin.split_once("://").map(|(_, a)| a);
    matches!((authority, host.and_then(|h| h.to_str().ok())), (Some(a), Some(h)) if a == h)
}

/// The answer to an admitted preflight (the widget sends simple GETs; others may not).
fn preflight() -> Response {
    (
        StatusCode::NO_CONTENT,
        [
            (header::ACCESS_CONTROL_ALLOW_METHODS, "GET"),
            (header::ACCESS_CONTROL_MAX_AGE, "600"),
        ],
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_is_the_asked_host() {
        let host = HeaderValue::from_static("portal.example:3000");
        assert!(is_same_origin("https://portal.example:3000", Some(&host)));
        assert!(!is_same_origin("https://evil.example", Some(&host)));
        assert!(!is_same_origin("null", Some(&host)));
        assert!(!is_same_origin("https://portal.example:3000", None));
    }
}
