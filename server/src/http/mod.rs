//! The HTTP surface: router, middleware and the handlers that belong to no domain.

pub mod health;
pub mod security;
pub mod static_files;

use crate::AppState;
use crate::error::AppError;
use axum::Router;
use axum::http::{HeaderName, Request};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Builds the whole application router for `state`.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .nest("/v1", api_v1(state.clone()))
        .fallback(|| async { AppError::NotFound });

    Router::new()
        .nest("/api", api)
        .merge(health::routes())
        .merge(crate::embed::page_routes())
        .fallback(static_files::serve)
        .with_state(state)
        .layer(security::headers())
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
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
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// The versioned JSON API. Domain modules add their routes here.
fn api_v1(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(crate::catalogue::routes::routes())
        .merge(crate::forms::routes::routes())
        .merge(crate::submissions::routes::routes())
        .merge(crate::embed::api_routes(state))
        .fallback(|| async { AppError::NotFound })
}
