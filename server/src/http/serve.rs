//! Accepting connections: HTTP/1.1 and HTTP/2 with bounds that `axum::serve` does not set.
//!
//! A client that sends its request headers slower than [`ServeConfig::header_timeout`] is
//! dropped (a slow-headers attack holds a connection open with a few bytes a minute); so is a
//! kept-alive connection on which no new request starts within that time. HTTP/2 connections
//! are pinged and closed when the peer stops answering. On shutdown no new connection is taken
//! and in-flight requests finish.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// Connection bounds.
#[derive(Debug, Clone, Copy)]
pub struct ServeConfig {
    /// Longest wait for a request's headers (also for the next request on an idle connection).
    pub header_timeout: Duration,
    /// Interval of HTTP/2 pings; a peer that does not answer within it is dropped.
    pub http2_keep_alive: Duration,
    /// Longest wait for in-flight requests after the shutdown signal.
    pub drain: Duration,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            header_timeout: Duration::from_secs(10),
            http2_keep_alive: Duration::from_secs(30),
            drain: Duration::from_secs(30),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets in-flight requests finish
/// (for at most [`ServeConfig::drain`]). Handlers see the peer as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    config: ServeConfig,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .keep_alive(true);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(config.http2_keep_alive)
        .keep_alive_timeout(config.http2_keep_alive);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little instead of spinning.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            let app = app.clone();
            async move {
                Ok::<_, Infallible>(
                    app.oneshot(req.map(axum::body::Body::new))
                        .await
                        .unwrap_or_else(|e| match e {}),
                )
            }
        });
        let conn = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
        let conn = graceful.watch(conn.into_owned());
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, %peer, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(config.drain, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            drain_s = config.drain.as_secs(),
            "requests still running after the drain period; stopping anyway"
        );
    }
    Ok(())
}
