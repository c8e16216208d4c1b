//! The HTTP surface: router, middleware and the handlers that belong to no domain.
//!
//! - [`extract`]: body, query and path extractors whose rejections are the API's own errors.
//! - [`errors`]: every error answer of the API as the same JSON, in the request's language;
//!   the request timeout.
//! - [`openapi`]: the OpenAPI document, built from the same router that serves the API.
//! - [`health`], [`security`], [`static_files`]: liveness and readiness, security headers, the
//!   built app.

pub mod errors;
pub mod extract;
pub mod health;
pub mod openapi;
pub mod security;
pub mod serve;
pub mod static_files;

use crate::AppState;
use crate::error::AppError;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::any;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The routes outside `/api/v1/` (the access matrix test covers these with the API's).
pub const OTHER_ROUTES: &[(&str, &str)] = &[
    ("GET", "/health"),
    ("GET", "/ready"),
    ("GET", "/embed/v1/schalter-search.js"),
    ("GET", "/embed/v1/frame"),
    ("GET", "/embed-demo"),
];

/// Builds the whole application router for `state`.
pub fn app(state: AppState) -> Router {
    let (api, _) = OpenApiRouter::new()
        .nest("/api/v1", api_v1(Some(&state)))
        .split_for_parts();
    let api: Router<AppState> =
        api
            // Unknown addresses under /api answer the API's 404, not the app's page.
            .route("/api", any(unknown))
            .route("/api/{*rest}", any(unknown))
            .layer(sessions(&state))
            .layer(tower_http::csrf::CsrfLayer::new().with_rejection_response(
                |_: tower_http::csrf::ProtectionError| errors::cross_site(),
            ))
            .layer(CatchPanicLayer::custom(errors::panicked))
            .layer(middleware::from_fn_with_state(
                state.clone(),
                errors::render,
            ));

    let hsts = state.hsts;
    Router::new()
        .merge(api)
        .merge(health::routes())
        .merge(crate::embed::page_routes())
        .fallback(static_files::serve)
        .with_state(state)
        .layer(middleware::from_fn(measure))
        .layer(security::headers())
        .layer(tower::util::option_layer(hsts.then(security::transport)))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<_>| {
                    let id = req
                        .headers()
                        .get(&REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO))
                // 5xx answers are logged where they arise, once (an internal error with its
                // cause, a database outage when it begins and ends), not again per response.
                .on_failure(()),
        )
        .layer(middleware::from_fn(request_id))
}

/// The Bürgerkonto session: a cookie named [`crate::accounts::sessions::COOKIE`], `HttpOnly`,
/// `SameSite=Lax` (the eID provider's redirect back is a cross-site navigation that must carry
/// it), `Secure` by configuration, ending after the configured inactivity; records in the
/// database.
fn sessions(
    state: &AppState,
) -> tower_sessions::SessionManagerLayer<crate::accounts::sessions::DbSessionStore> {
    let config = state.accounts.config();
    let idle = time::Duration::seconds(config.idle.as_secs().min(i64::MAX as u64) as i64);
    tower_sessions::SessionManagerLayer::new(state.accounts.session_store())
        .with_name(crate::accounts::sessions::COOKIE)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(config.secure_cookie)
        .with_path("/")
        .with_expiry(tower_sessions::Expiry::OnInactivity(idle))
}

/// Marks an answer about one person's data as never to be stored by any cache
/// (`Cache-Control: private, no-store`).
pub fn private(mut res: Response) -> Response {
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}

async fn unknown() -> AppError {
    AppError::not_found()
}

/// The versioned JSON API, described as it is built. `state` is `None` only for the document
/// (the embed routes' origin guard needs the database).
pub(crate) fn api_v1(state: Option<&AppState>) -> OpenApiRouter<AppState> {
    let mut embed = crate::embed::api_routes();
    if let Some(state) = state {
        embed = embed.route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::embed::guard::guard,
        ));
    }
    OpenApiRouter::new()
        .merge(crate::catalogue::routes::routes())
        .merge(crate::forms::routes::routes())
        .merge(crate::submissions::routes::routes())
        .merge(crate::payments::routes::routes())
        .merge(crate::authorities::routes::routes())
        .merge(crate::accounts::routes::routes())
        .merge(crate::cases::routes::routes())
        .merge(crate::cases::staff_routes::routes())
        .merge(crate::staff::routes::routes())
        .merge(embed)
        .routes(routes!(openapi::openapi_json))
        .route_layer(middleware::from_fn(errors::timeout))
        // Uploads stream large files from slow connections: their own idle and total bounds
        // instead of the request timeout, and the field's size limit instead of this one.
        .merge(crate::submissions::routes::upload_routes())
        .merge(crate::cases::routes::upload_routes())
        .layer(DefaultBodyLimit::max(extract::MAX_JSON_BODY))
}

/// Counts every answer per route template and status, with its latency.
async fn measure(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "other".to_owned(), |m| m.as_str().to_owned());
    let method = req.method().as_str().to_owned();
    let started = std::time::Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    metrics::counter!("schalter_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("schalter_http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    res
}

/// Keeps a client's `X-Request-Id` only when it is a plain token (letters, digits, `._:-`, at
/// most 64): anything else could forge log lines. Otherwise, and when absent, a new UUID. The
/// answer carries the id either way.
async fn request_id(mut req: Request, next: Next) -> Response {
    let plain = |v: &HeaderValue| {
        let b = v.as_bytes();
        (1..=64).contains(&b.len())
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || b"._:-".contains(c))
    };
    let id = match req.headers().get(&REQUEST_ID) {
        Some(v) if plain(v) => v.clone(),
        _ => HeaderValue::from_str(&uuid::Uuid::new_v4().to_string())
            .expect("a UUID is a valid header value"),
    };
    req.headers_mut().insert(REQUEST_ID, id.clone());
    let mut res = next.run(req).await;
    res.headers_mut().insert(REQUEST_ID, id);
    res
}
