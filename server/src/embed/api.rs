//! `GET /api/v1/embed/config` and `GET /api/v1/embed/search` (behind [`super::guard`]).

use super::requested_lang;
use super::widget::MAX_RESULTS;
use crate::AppState;
use crate::catalogue::routes::{SearchParams, search_catalogue};
use crate::error::AppError;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::{Extension, Json};
use catalog::tenants::Tenant;
use contract::api::{EmbedColours, EmbedConfig, EmbedResult, EmbedSearchResponse};
use contract::paths::{SearchLink, search_path, service_path};
use serde::Deserialize;

/// Query of `GET /api/v1/embed/config`.
#[derive(Debug, Deserialize)]
pub struct ConfigParams {
    lang: Option<String>,
}

/// The municipality's appearance and languages.
pub async fn config(
    Extension(t): Extension<Tenant>,
    Query(p): Query<ConfigParams>,
) -> impl IntoResponse {
    let lang = t.language(requested_lang(p.lang.as_deref()));
    let search_url = search_path(
        lang,
        &SearchLink {
            municipality: Some(&t.municipality),
            ..SearchLink::default()
        },
    );
    let body = EmbedConfig {
        search_url,
        lang,
        municipality: t.municipality,
        name: t.name,
        logo_url: t.logo_url,
        colours: EmbedColours {
            accent: t.colours.accent,
            on_accent: t.colours.on_accent,
            text: t.colours.text,
            background: t.colours.background,
        },
        languages: t.languages,
    };
    ([(header::CACHE_CONTROL, "public, max-age=300")], Json(body))
}

/// Query of `GET /api/v1/embed/search`.
#[derive(Debug, Deserialize)]
pub struct EmbedSearchParams {
    q: Option<String>,
    lang: Option<String>,
    limit: Option<usize>,
}

/// The search over the services offered in the municipality.
pub async fn search(
    State(state): State<AppState>,
    Extension(t): Extension<Tenant>,
    Query(p): Query<EmbedSearchParams>,
) -> Result<impl IntoResponse, AppError> {
    let lang = t.language(requested_lang(p.lang.as_deref()));
    let found = search_catalogue(
        &state.catalogue.get(),
        &SearchParams {
            q: p.q,
            lang: Some(lang.code().to_owned()),
            municipality: Some(t.municipality.clone()),
            limit: Some(p.limit.unwrap_or(6).clamp(1, MAX_RESULTS)),
            ..SearchParams::default()
        },
    )?;
    let m = Some(t.municipality.as_str());
    let results = found
        .results
        .into_iter()
        .map(|r| EmbedResult {
            url: service_path(lang, &r.id, m, None),
            highlights: utf16_ranges(&r.title, &r.highlights),
            id: r.id,
            title: r.title,
            lang: r.lang,
            online: r.online,
        })
        .collect();
    let more_url = search_path(
        lang,
        &SearchLink {
            q: Some(&found.query),
            municipality: m,
            ..SearchLink::default()
        },
    );
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=60")],
        Json(EmbedSearchResponse {
            query: found.query,
            results,
            more_url,
        }),
    ))
}

/// Byte ranges of `text` as UTF-16 code unit ranges (how JavaScript indexes strings); ranges
/// not on character boundaries are dropped.
fn utf16_ranges(text: &str, ranges: &[[usize; 2]]) -> Vec<[usize; 2]> {
    let units = |i: usize| text.get(..i).map(|s| s.encode_utf16().count());
    ranges
        .iter()
        .filter_map(|&[a, b]| Some([units(a)?, units(b)?]))
        .filter(|[a, b]| a < b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::utf16_ranges;

    #[test]
    fn highlights_count_utf16_units() {
        // "Anmeldung für Hunde": "ü" is two bytes but one UTF-16 unit.
        let t = "Anmeldung für Hunde";
        assert_eq!(utf16_ranges(t, &[[15, 20]]), vec![[14, 19]]);
        assert_eq!(&t[15..20], "Hunde");
        assert_eq!(
            utf16_ranges("😀ab", &[[4, 6]]),
            vec![[2, 4]],
            "astral: two units"
        );
        assert!(
            utf16_ranges(t, &[[12, 13], [3, 99]]).is_empty(),
            "inside ü, beyond the end"
        );
    }
}
