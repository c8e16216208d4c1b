//! Liveness (`/health`) and readiness (`/ready`) for load balancers and orchestrators.

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use contract::api::HealthStatus;

/// `/health` answers as long as the process serves; `/ready` only while the database answers
/// and a catalogue is loaded (a portal with nothing imported finds nothing: not ready).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
}

async fn health() -> Json<HealthStatus> {
    Json(HealthStatus {
        status: "ok".into(),
        database: None,
        services: None,
        detail: None,
    })
}

/// What `/ready` and the start say when nothing is imported.
pub const NO_CATALOGUE: &str = "no catalogue is stored: run `schalter import` (the same \
    database settings) to load the services and municipalities; this server picks it up \
    without a restart";

async fn ready(State(state): State<AppState>) -> (StatusCode, Json<HealthStatus>) {
    let database = Some(state.db.backend().name().to_owned());
    let services = state.core.catalogue.get().index.services().len();
    let (code, status, detail) = match state.db.ping().await {
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                Some("the database does not answer".to_owned()),
            )
        }
        Ok(()) if services == 0 => (
            StatusCode::SERVICE_UNAVAILABLE,
            "no_catalogue",
            Some(NO_CATALOGUE.to_owned()),
        ),
        Ok(()) => (StatusCode::OK, "ok", None),
    };
    (
        code,
        Json(HealthStatus {
            status: status.into(),
            database,
            services: Some(services),
            detail,
        }),
    )
}
