//! The built app: index.html for every client route (SPA fallback), hashed assets with
//! immutable caching, precompressed `.br`/`.gz` files where the build made them.

use crate::AppState;
use crate::http::security::content_security_policy;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The app as built by Trunk: its folder, its index.html and the policy that lets exactly
/// index.html's inline bootstrap script run.
#[derive(Debug)]
pub struct Site {
    dist: PathBuf,
    index: Option<(axum::body::Bytes, HeaderValue)>,
}

impl Site {
    /// Reads `dist/index.html` once; a missing build is logged, not fatal (the API still runs).
    pub async fn load(dist: &Path) -> Site {
        let index = match tokio::fs::read(dist.join("index.html")).await {
            Ok(html) => {
                let hashes = inline_script_hashes(&String::from_utf8_lossy(&html));
                let csp = HeaderValue::from_str(&content_security_policy(&hashes))
                    .expect("hashes are base64");
                Some((html.into(), csp))
            }
            Err(e) => {
                tracing::warn!(dist = %dist.display(), error = %e, "no built app found; serving the API only");
                None
            }
        };
        Site {
            dist: dist.to_owned(),
            index,
        }
    }

    /// A site without a built app (API only).
    pub fn none() -> Site {
        Site {
            dist: PathBuf::from("/nonexistent"),
            index: None,
        }
    }

    fn index_response(&self) -> Response {
        match &self.index {
            Some((html, csp)) => (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    ),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                    (header::CONTENT_SECURITY_POLICY, csp.clone()),
                ],
                html.clone(),
            )
                .into_response(),
            None => (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CACHE_CONTROL, "no-store")],
                "The portal app has not been built. Run scripts/start.sh.",
            )
                .into_response(),
        }
    }
}

/// The router's fallback: a file from the build folder, else the app's index.html.
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let site = &state.site;
    let path = req.uri().path().to_owned();
    let last = path.rsplit('/').next().unwrap_or("");
    if path == "/" || path == "/index.html" || !last.contains('.') {
        // A client route: the app decides what to show (including its own 404 page).
        return site.index_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let files = ServeDir::new(&site.dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let mut res = match files.oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    };
    if res.status() == StatusCode::NOT_FOUND {
        return (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, "no-store")],
            "Not found",
        )
            .into_response();
    }
    let cache = if is_content_hashed(last) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

/// Whether a file name carries a content hash, so that it may be cached forever: a new build
/// gives it a new name. Trunk writes its 64-bit hash in hex without leading zeros
/// (`app-be2545c9faccda2_bg.wasm`: 15 digits), so any 8 to 16 hex digit part counts.
pub fn is_content_hashed(name: &str) -> bool {
    name.split(['-', '_', '.'])
        .any(|part| (8..=16).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `'sha256-…'` sources for every inline `<script>` of an HTML document.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        let body = &rest[body_start..body_start + close];
        if !tag.contains(" src=") && !body.trim().is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            out.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &rest[body_start + close..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_hashed_assets() {
        assert!(is_content_hashed("app-3c8d2f1a9b7e6d54_bg.wasm"));
        assert!(is_content_hashed("app-3c8d2f1a9b7e6d54.js"));
        assert!(is_content_hashed("style-0123456789abcdef.css"));
        assert!(
            is_content_hashed("app-be2545c9faccda2_bg.wasm"),
            "leading zero dropped"
        );
        assert!(!is_content_hashed("favicon.svg"));
        assert!(!is_content_hashed("robots.txt"));
        assert!(!is_content_hashed("app-3c8d2f.js"));
        assert!(!is_content_hashed("main.css"));
    }

    #[test]
    fn hashes_only_inline_scripts() {
        let html = r#"<head><script type="module">import init from '/a.js';init();</script>
            <script src="/x.js"></script><script>  </script></head>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/a.js';init();"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
    }
}
