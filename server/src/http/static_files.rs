//! The built app: for every client route (SPA fallback) the HTML shell of the bundle that has
//! its page (`contract::bundles`: discovery.html, forms.html, index.html for the full app),
//! hashed assets with immutable caching, precompressed `.br`/`.gz` files where the build made
//! them.

use crate::AppState;
use crate::http::security::content_security_policy;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use contract::Lang;
use contract::bundles::{Bundle, bundle_for_path};
use contract::first_screen;
use contract::page_data::{API_BASE, page_request};
use contract::paths::MUNICIPALITY_PARAM;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// One HTML shell and the policy that lets exactly its inline bootstrap script run.
type Shell = (axum::body::Bytes, HeaderValue);

/// The app as built: its folder and the shell of each bundle.
#[derive(Debug)]
pub struct Site {
    dist: PathBuf,
    /// The full app's `index.html`.
    index: Option<Shell>,
    /// The other bundles' shells, where the build made them (else the full app answers).
    discovery: Option<Shell>,
    forms: Option<Shell>,
}

impl Site {
    /// Reads the shells of `dist` once; a missing build is logged, not fatal (the API still
    /// runs).
    pub async fn load(dist: &Path) -> Site {
        let index = match read_shell(dist, Bundle::Full).await {
            Ok(shell) => Some(shell),
            Err(e) => {
                tracing::warn!(dist = %dist.display(), error = %e, "no built app found; serving the API only");
                None
            }
        };
        let mut site = Site {
            dist: dist.to_owned(),
            index,
            discovery: None,
            forms: None,
        };
        if site.index.is_some() {
            for bundle in [Bundle::Discovery, Bundle::Forms] {
                match read_shell(dist, bundle).await {
                    Ok(shell) => *site.slot(bundle) = Some(shell),
                    Err(e) => tracing::warn!(
                        shell = bundle.shell(), error = %e,
                        "a bundle's shell is missing; the full app answers its pages"
                    ),
                }
            }
        }
        site
    }

    /// A site without a built app (API only).
    pub fn none() -> Site {
        Site {
            dist: PathBuf::from("/nonexistent"),
            index: None,
            discovery: None,
            forms: None,
        }
    }

    fn slot(&mut self, bundle: Bundle) -> &mut Option<Shell> {
        match bundle {
            Bundle::Discovery => &mut self.discovery,
            Bundle::Forms => &mut self.forms,
            Bundle::Full => &mut self.index,
        }
    }

    /// The shell of `bundle`, or the full app's where the build has none for it.
    fn shell(&self, bundle: Bundle) -> Option<&Shell> {
        let own = match bundle {
            Bundle::Discovery => self.discovery.as_ref(),
            Bundle::Forms => self.forms.as_ref(),
            Bundle::Full => None,
        };
        own.or(self.index.as_ref())
    }

    /// The home page: the discovery bundle's shell with the first screen drawn in it.
    fn home_response(&self, lang: Lang, query: &str) -> Response {
        let Some((html, csp)) = self.shell(Bundle::Discovery) else {
            return self.shell_response(Bundle::Discovery);
        };
        let Some(page) = with_first_screen(&String::from_utf8_lossy(html), lang, query) else {
            return self.shell_response(Bundle::Discovery);
        };
        html_response(page.into(), csp.clone())
    }

    fn shell_response(&self, bundle: Bundle) -> Response {
        match self.shell(bundle) {
            Some((html, csp)) => html_response(html.clone(), csp.clone()),
            None => (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CACHE_CONTROL, "no-store")],
                "The portal app has not been built. Run scripts/start.sh.",
            )
                .into_response(),
        }
    }
}

/// The language of a home page address (`/de/`, `/fr`), as the app's route reads it.
fn home_lang(path: &str) -> Option<Lang> {
    let segment = path.strip_prefix('/')?;
    let segment = segment.strip_suffix('/').unwrap_or(segment);
    if segment.is_empty() || segment.contains('/') {
        return None;
    }
    segment.parse().ok()
}

/// The shell with the home page's first screen (`contract::first_screen`) at the start of its
/// body, its language and title; `None` where the shell has no `<body>` to write it into.
pub fn with_first_screen(shell: &str, lang: Lang, query: &str) -> Option<String> {
    let municipality = form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == MUNICIPALITY_PARAM)
        .map(|(_, v)| v.into_owned());
    let body = shell.find("<body")?;
    let body_end = body + shell[body..].find('>')? + 1;
    let head = shell[..body]
        .replacen(
            "<html lang=\"de\">",
            &format!("<html lang=\"{}\">", lang.code()),
            1,
        )
        .replacen(
            "<title>Schalter</title>",
            &format!("<title>{}</title>", first_screen::home_title(lang)),
            1,
        );
    Some(format!(
        "{head}{}{}{}",
        &shell[body..body_end],
        first_screen::home(lang, query, municipality.as_deref()),
        &shell[body_end..]
    ))
}

/// A page's HTML with its policy, revalidated on every visit.
fn html_response(html: axum::body::Bytes, csp: HeaderValue) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (header::CONTENT_SECURITY_POLICY, csp),
        ],
        html,
    )
        .into_response()
}

/// Reads one bundle's shell and derives its policy.
async fn read_shell(dist: &Path, bundle: Bundle) -> std::io::Result<Shell> {
    let html = tokio::fs::read(dist.join(bundle.shell())).await?;
    let hashes = inline_script_hashes(&String::from_utf8_lossy(&html));
    let csp = HeaderValue::from_str(&content_security_policy(&hashes)).expect("hashes are base64");
    Ok((html.into(), csp))
}

/// The router's fallback: a file from the build folder, else the shell of the bundle that has
/// the page.
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let site = &state.site;
    let path = req.uri().path().to_owned();
    let last = path.rsplit('/').next().unwrap_or("");
    if let Some(bundle) = Bundle::ALL
        .into_iter()
        .find(|b| path.strip_prefix('/') == Some(b.shell()))
    {
        // A shell by its name (a service worker caching it): with its policy.
        return site.shell_response(bundle);
    }
    if !last.contains('.') {
        // A client route: the bundle decides what to show (including the 404 page); the home
        // page comes with its first screen already drawn.
        let mut res = match home_lang(&path) {
            Some(lang) => site.home_response(lang, req.uri().query().unwrap_or("")),
            None => site.shell_response(bundle_for_path(&path)),
        };
        if res.status() == StatusCode::OK
            && let Some(link) = preload_link(&path, req.uri().query())
        {
            res.headers_mut().insert(header::LINK, link);
        }
        return res;
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
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(last)),
    );
    res
}

/// `Link: </api/v1/…>; rel=preload; as=fetch; crossorigin` for a page whose first paint waits
/// for a request to the API (`contract::page_data`): the browser fetches the data while the app
/// is still downloading, and hands the answer to the app's own request.
fn preload_link(path: &str, query: Option<&str>) -> Option<HeaderValue> {
    let params: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let request = page_request(path, &params)?;
    // `page_request` percent-encodes every value, so the address holds no `>`, `;` or `,`.
    HeaderValue::from_str(&format!(
        "<{API_BASE}{request}>; rel=preload; as=fetch; crossorigin"
    ))
    .ok()
}

/// How long a browser may keep a file of the build: a hashed file forever; the service worker
/// and the web app manifests never without asking (304 when unchanged), so that a new build's
/// worker is seen on the next visit; the rest an hour.
fn cache_control(name: &str) -> &'static str {
    if name == "sw.js" || name.ends_with(".webmanifest") {
        "no-cache"
    } else if is_content_hashed(name) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    }
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
    fn discovery_pages_preload_their_data() {
        let link = |path: &str, query: Option<&str>| {
            preload_link(path, query).map(|v| v.to_str().unwrap().to_owned())
        };
        assert_eq!(
            link("/de/suche", Some("q=hund+anmelden&gemeinde=ch%3A4001")).as_deref(),
            Some(
                "</api/v1/search?q=hund%20anmelden&lang=de&limit=50&municipality=ch:4001>; \
                 rel=preload; as=fetch; crossorigin"
            )
        );
        assert_eq!(
            link("/fr/", None).as_deref(),
            Some("</api/v1/topics?lang=fr>; rel=preload; as=fetch; crossorigin")
        );
        assert_eq!(
            link("/it/leistung/ch-hund", Some("land=ch")).as_deref(),
            Some(
                "</api/v1/services/ch-hund?lang=it&country=ch>; rel=preload; as=fetch; crossorigin"
            )
        );
        // A value with characters that mean something in the header is escaped.
        assert_eq!(
            link("/en/suche", Some("q=%3Ca%3E%3B%2C")).as_deref(),
            Some(
                "</api/v1/search?q=%3Ca%3E%3B%2C&lang=en&limit=50>; rel=preload; as=fetch; crossorigin"
            )
        );
        assert_eq!(link("/de/suche", None), None);
        // An application page's form, as the app asks for it.
        assert_eq!(
            link("/de/antrag/x/halter", Some("gemeinde=de%3A16077043")).as_deref(),
            Some(
                "</api/v1/forms/x?municipality=de:16077043&lang=de>; rel=preload; as=fetch; \
                 crossorigin"
            )
        );
        assert_eq!(link("/de/konto", None), None);
    }

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
    fn the_service_worker_and_manifests_are_asked_for_again() {
        assert_eq!(cache_control("sw.js"), "no-cache");
        assert_eq!(cache_control("manifest.fr.webmanifest"), "no-cache");
        assert_eq!(
            cache_control("app-3c8d2f1a9b7e6d54_bg.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("favicon.svg"), "public, max-age=3600");
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
