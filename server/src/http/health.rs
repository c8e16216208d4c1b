//! Liveness (`/health`) and readiness (`/ready`) for load balancers and orchestrators.

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use contract::api::HealthStatus;

/// `/health` answers as long as the process serves; `/ready` only while the database answers.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
}

async fn health() -> Json<HealthStatus> {
    Json(HealthStatus {
        status: "ok".into(),
        database: None,
    })
}

async fn ready(State(state): State<AppState>) -> (StatusCode, Json<HealthStatus>) {
    let database = Some(state.db.backend().name().to_owned());
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(HealthStatus {
                status: "ok".into(),
                database,
            }),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(HealthStatus {
                    status: "unavailable".into(),
                    database,
                }),
            )
        }
    }
}
