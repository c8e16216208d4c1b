//! `/embed/v1/schalter-search.js`: the widget's script (`embed/schalter-search.js`) with the
//! portal's texts filled in, so that the widget says what the portal says, in every language.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::Lang;
use contract::paths::{SearchLink, search_path};
use contract::texts::Texts;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// The most results the embedded search answers with.
pub const MAX_RESULTS: usize = 8;

const SOURCE: &str = include_str!("../../../embed/schalter-search.js");
/// Where the script expects its texts.
const TEXTS_MARKER: &str = "\"__SCHALTER_TEXTS__\"";

/// The script as served, with its entity tag.
struct Script {
    body: Bytes,
    etag: HeaderValue,
}

static SCRIPT: LazyLock<Script> = LazyLock::new(|| {
    let body = source();
    let hash = Sha256::digest(body.as_bytes());
    let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    Script {
        body: Bytes::from(body),
        etag: HeaderValue::from_str(&format!("\"{hex}\"")).expect("hex is a valid header"),
    }
});

/// The script's text as served.
pub fn source() -> String {
    assert!(
        SOURCE.contains(TEXTS_MARKER),
        "embed/schalter-search.js lost its texts marker"
    );
    SOURCE.replacen(TEXTS_MARKER, &texts_json().to_string(), 1)
}

/// The widget's texts in every portal language. Portal addresses are templates (`MUNICIPALITY`,
/// `QUERY`) built by [`contract::paths`], so that they have one spelling.
fn texts_json() -> serde_json::Value {
    let mut all = serde_json::Map::new();
    for lang in Lang::ALL {
        let t = Texts::for_lang(lang);
        let search = search_path(
            lang,
            &SearchLink {
                municipality: Some("MUNICIPALITY"),
                ..SearchLink::default()
            },
        );
        let results = search_path(
            lang,
            &SearchLink {
                q: Some("QUERY"),
                municipality: Some("MUNICIPALITY"),
                ..SearchLink::default()
            },
        );
        all.insert(
            lang.code().to_owned(),
            serde_json::json!({
                "label": t.search_input_label,
                "hint": t.search_hint,
                "button": t.search_button,
                "counts": (0..=MAX_RESULTS).map(t.results_count).collect::<Vec<_>>(),
                "none": (t.no_results)("{q}"),
                "online": t.online_available,
                "network": t.error_network,
                "unavailable": t.embed_unavailable,
                "portal": t.embed_open_portal,
                "search": search,
                "results": results,
            }),
        );
    }
    serde_json::Value::Object(all)
}

/// Serves the script: cached for an hour by browsers and proxies (the address is stable, so
/// snippets never change), revalidated by its entity tag, loadable by any page.
pub async fn script(headers: HeaderMap) -> Response {
    let s = &*SCRIPT;
    let cache = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600, stale-while-revalidate=86400"),
        ),
        (header::ETAG, s.etag.clone()),
        (
            header::HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("cross-origin"),
        ),
    ];
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == s.etag.to_str().unwrap_or(""))
        });
    if fresh {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (
        cache,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/javascript; charset=utf-8"),
        )],
        s.body.clone(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_filled_in_for_every_language() {
        let js = source();
        assert!(!js.contains("__SCHALTER_TEXTS__"));
        for lang in Lang::ALL {
            let t = Texts::for_lang(lang);
            assert!(js.contains(&serde_json::to_string(t.search_input_label).unwrap()));
        }
        assert!(js.contains(r#""results":"/de/suche?q=QUERY&gemeinde=MUNICIPALITY""#));
        assert!(
            js.contains("{q}"),
            "the no-results text keeps its placeholder"
        );
    }
}
