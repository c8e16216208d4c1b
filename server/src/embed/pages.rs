//! The iframe variant (`/embed/v1/frame`) and the demo page for municipal web teams
//! (`/embed-demo`). Both are small server-rendered pages using the widget's script.

use super::guard::tenant_named;
use super::requested_lang;
use crate::AppState;
use crate::error::AppError;
use crate::http::extract::ApiQuery;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use contract::html::escape;
use contract::texts::Texts;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// Query of `GET /embed/v1/frame`.
#[derive(Debug, Deserialize)]
pub struct FrameParams {
    municipality: Option<String>,
    lang: Option<String>,
}

const FRAME_CSS: &str = "html,body{margin:0;padding:0;background:transparent}";

/// The widget alone on a page, for websites that allow no scripts. Only the municipality's
/// registered origins (and the portal itself) may frame it (`frame-ancestors`); results open in
/// the whole window (`target="_top"`), not inside the frame.
pub async fn frame(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<FrameParams>,
) -> Result<Response, AppError> {
    let t = tenant_named(&state, p.municipality).await?;
    let lang = t.language(requested_lang(p.lang.as_deref()));
    let title = format!("{} – {}", Texts::for_lang(lang).search_input_label, t.name);
    let lang = lang.code();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{FRAME_CSS}</style>\n\
         <script src=\"/embed/v1/schalter-search.js\" defer></script>\n</head>\n<body>\n\
         <schalter-search municipality=\"{m}\" lang=\"{lang}\" target=\"_top\"></schalter-search>\n\
         </body>\n</html>\n",
        title = escape(&title),
        m = escape(&t.municipality),
    );
    let mut ancestors = String::from("'self'");
    for o in &t.origins {
        ancestors.push(' ');
        ancestors.push_str(o);
    }
    let csp = format!(
        "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' https: data:; \
         style-src {}; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}",
        style_hash(FRAME_CSS)
    );
    Ok(html_response(html, &csp, "no-cache"))
}

const DEMO_CSS: &str = "\
:root{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;line-height:1.5;color:#1b1f23;background:#fff}\
*,*::before,*::after{box-sizing:border-box}\
body{margin:0}\
header{background:#0a4a7c;color:#fff;padding:12px 16px}\
header p{max-width:46rem;margin:0 auto;font-weight:700;font-size:1.25rem}\
main{max-width:48rem;margin:0 auto;padding:16px 16px 48px}\
h1{font-size:1.75rem;line-height:1.2}\
h2{font-size:1.375rem;line-height:1.2;margin-top:2.5rem}\
pre{background:#f3f5f7;border:1px solid #8a949e;border-radius:4px;padding:12px;overflow-x:auto;font-size:0.875rem;white-space:pre-wrap;overflow-wrap:anywhere}\
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\
a{color:#0a4a7c}\
a:focus,iframe:focus{outline:3px solid #ffdd00;outline-offset:2px}\
.example{margin:16px 0;max-width:36rem}\
iframe{display:block;width:100%;max-width:36rem;height:520px;border:0;margin:16px 0}";

/// The demo host page: the snippets for municipal web teams, each shown live.
pub async fn demo(headers: HeaderMap) -> Response {
    // The address the reader used, for snippets they can copy (behind a proxy: its scheme).
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        })
        .unwrap_or("schalter.example");
    let scheme = match headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
    {
        Some("https") => "https",
        _ if host.starts_with("127.0.0.1") || host.starts_with("localhost") => "http",
        _ => "https",
    };
    let base = format!("{scheme}://{host}");
    let script_snippet = escape(&format!(
        "<script src=\"{base}/embed/v1/schalter-search.js\" defer></script>\n\
         <schalter-search municipality=\"ch:4001\" lang=\"de\"></schalter-search>"
    ));
    let frame_src = "/embed/v1/frame?municipality=de:16077043&lang=de";
    let frame_title = "Leistung suchen – Stadt Schmölln";
    let frame_snippet = escape(&format!(
        "<iframe src=\"{base}{frame_src}\"\n        title=\"{frame_title}\" width=\"100%\" height=\"520\"></iframe>"
    ));
    let html = format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Embedding the Schalter search – demo</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>{DEMO_CSS}</style>
<script src="/embed/v1/schalter-search.js" defer></script>
</head>
<body>
<header><p>Schalter</p></header>
<main>
<h1>The Schalter search on your municipality's website</h1>
<p>A municipality puts the portal's search box on its own pages with one snippet. It searches only the
services offered in that municipality and leads into the portal with the municipality already chosen.
Everything on this page is live.</p>

<h2>1. The script and the element</h2>
<p>Load the script once per page, then put the element where the search box belongs. Set
<code>municipality</code> (<code>ch:</code> and the BFS number, or <code>de:</code> and the AGS) and
<code>lang</code> (<code>de</code>, <code>fr</code>, <code>it</code> or <code>en</code>).</p>
<pre><code>{script_snippet}</code></pre>
<div class="example"><schalter-search municipality="ch:4001" lang="de"></schalter-search></div>

<h2>2. Your name, logo and colours</h2>
<p>Appearance comes from your municipality's tenant settings, never from your page's CSS: the widget
neither inherits your styles nor changes them. Colours are checked for a contrast of at least 4.5:1.
Here the municipality of Glarus, in French:</p>
<div class="example"><schalter-search municipality="ch:1632" lang="fr"></schalter-search></div>

<h2>3. Without scripts: the iframe</h2>
<p>For sites that allow no scripts, the same search in a frame. Results open in the whole window.</p>
<pre><code>{frame_snippet}</code></pre>
<iframe src="{frame_src}" title="{frame_title}" lang="de"></iframe>

<h2>4. Register your website</h2>
<p>The portal answers only pages of the web addresses registered for your municipality (for example
<code>https://www.aarau.ch</code>); pages elsewhere get a short notice and a link to the portal instead of
the search box, and the frame is not shown. Ask the portal team to add your address to your tenant
settings. The guide for web teams is <code>docs/embedding.md</code> in the portal's source.</p>
</main>
</body>
</html>
"#
    );
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src {}; img-src 'self' https: data:; \
         connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'",
        style_hash(DEMO_CSS)
    );
    html_response(html, &csp, "no-cache")
}

fn html_response(html: String, csp: &str, cache: &'static str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(csp).expect("the policy is ASCII"),
            ),
        ],
        html,
    )
        .into_response()
}

/// `'sha256-…'` of an inline style, for the policy's `style-src`.
fn style_hash(css: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(css.as_bytes()))
    )
}
