//! Structured logging with `tracing`, and operators' metrics in the Prometheus text format.
//!
//! Metrics are recorded with the `metrics` facade everywhere (requests per route and status
//! with their latency, searches, submissions, uploads, the outbox's queue and failures,
//! rate-limit refusals, the database pool) and exposed only when `--metrics-bind` names an
//! address: a listener of its own, so the public address never serves them. The same events
//! are in the JSON logs.

use std::net::SocketAddr;

use crate::config::LogFormat;
use axum::Router;
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber. The filter comes from `RUST_LOG`, defaulting to `info`.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    // A second init (tests) is not an error worth failing over.
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Latency buckets of the request histogram, in seconds: fine below 5 ms, where a search or
/// a page of the catalogue answers, so that its percentiles can be read from the buckets.
const LATENCY_BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.0025, 0.003, 0.004, 0.005, 0.0075,
    0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Installs the Prometheus recorder for this process.
pub fn install_metrics() -> anyhow::Result<PrometheusHandle> {
    Ok(PrometheusBuilder::new()
        .set_buckets(LATENCY_BUCKETS)?
        .install_recorder()?)
}

/// Serves `GET /metrics` on `addr` (a separate listener) until the process ends; also samples
/// the database pool every few seconds.
pub async fn serve_metrics(
    addr: SocketAddr,
    handle: PrometheusHandle,
    db: crate::db::Db,
) -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let app = Router::new().route(
        "/metrics",
        get(move || {
            let handle = handle.clone();
            async move { handle.render() }
        }),
    );
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "the metrics listener stopped");
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            tick.tick().await;
            let pool = db.pool();
            metrics::gauge!("schalter_db_pool_connections").set(f64::from(pool.size()));
            metrics::gauge!("schalter_db_pool_idle").set(pool.num_idle() as f64);
            metrics::gauge!("schalter_db_up").set(if db.is_down() { 0.0 } else { 1.0 });
        }
    });
    tracing::info!(%bound, "metrics at http://{bound}/metrics");
    Ok(bound)
}
