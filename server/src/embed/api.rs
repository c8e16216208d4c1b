//! `GET /api/v1/embed/config` and `GET /api/v1/embed/search` (behind [`super::guard`]).

use super::requested_lang;
use super::widget::MAX_RESULTS;
use crate::AppState;
use crate::access::{Action, Actor, Resource};
use crate::catalogue::service::{self, Search};
use crate::error::AppError;
use crate::http::extract::{ApiQuery, ClientAddr};
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::{Extension, Json};
use catalog::tenants::Tenant;
use contract::api::{EmbedColours, EmbedConfig, EmbedResult, EmbedSearchResponse, ErrorBody};
use contract::paths::{SearchLink, search_path, service_path};
use serde::Deserialize;
use utoipa::IntoParams;

/// Query of `GET /api/v1/embed/config`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConfigParams {
    /// The municipality whose widget this is.
    #[param(example = "ch:4001")]
    #[expect(dead_code, reason = "read by the origin guard, documented here")]
    municipality: String,
    /// The host page's language (`de-CH` is German); the municipality's default otherwise.
    lang: Option<String>,
}

/// The municipality's appearance and languages, for its embedded search widget. Cross-origin
/// requests are answered only for the municipality's registered origins.
#[utoipa::path(
    get, path = "/embed/config", tag = "embed",
    params(ConfigParams),
    responses(
        (status = 200, description = "Name, logo, colours, languages", body = EmbedConfig),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 403, description = "The page's origin is not registered (`origin_not_allowed`)", body = ErrorBody),
        (status = 404, description = "The municipality does not offer the widget (`unknown_tenant`)", body = ErrorBody),
    )
)]
pub async fn config(
    State(state): State<AppState>,
    actor: Actor,
    Extension(t): Extension<Tenant>,
    ApiQuery(p): ApiQuery<ConfigParams>,
) -> Result<impl IntoResponse, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
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
    Ok(([(header::CACHE_CONTROL, "public, max-age=300")], Json(body)))
}

/// Query of `GET /api/v1/embed/search`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EmbedSearchParams {
    /// The municipality whose services to search.
    #[param(example = "ch:4001")]
    #[expect(dead_code, reason = "read by the origin guard, documented here")]
    municipality: String,
    /// What was typed (at most 200 characters).
    q: Option<String>,
    /// The host page's language; the municipality's default otherwise.
    lang: Option<String>,
    /// How many results, 1 to 8 (default 6).
    limit: Option<usize>,
}

/// The search over the services offered in the municipality, with links into the portal.
#[utoipa::path(
    get, path = "/embed/search", tag = "embed",
    params(EmbedSearchParams),
    responses(
        (status = 200, description = "Results, best first", body = EmbedSearchResponse),
        (status = 400, description = "A parameter is malformed or too long", body = ErrorBody),
        (status = 403, description = "The page's origin is not registered (`origin_not_allowed`)", body = ErrorBody),
        (status = 404, description = "The municipality does not offer the widget (`unknown_tenant`)", body = ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    actor: Actor,
    ClientAddr(client): ClientAddr,
    Extension(t): Extension<Tenant>,
    ApiQuery(p): ApiQuery<EmbedSearchParams>,
) -> Result<impl IntoResponse, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    state.limits.check_search(client)?;
    let lang = t.language(requested_lang(p.lang.as_deref()));
    let cat = state.catalogue.get();
    let local = cat
        .locals
        .get(&state.db, &cat, Some(&t.municipality))
        .await?;
    let found = service::search(
        &cat,
        &Search {
            text: p.q.as_deref(),
            lang: Some(lang.code()),
            municipality: Some(&t.municipality),
            limit: Some(p.limit.unwrap_or(6).clamp(1, MAX_RESULTS)),
            local: Some(&local),
            ..Search::default()
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
