//! The embeddable search widget: a municipality puts the portal's search box on its own website.
//!
//! - [`widget`]: the script (`/embed/v1/schalter-search.js`, the `<schalter-search>` element from
//!   `embed/schalter-search.js` with the portal's texts filled in).
//! - [`api`]: `/api/v1/embed/config` (name, logo, colours, languages) and `/api/v1/embed/search`
//!   (only the services offered in the municipality, linking into the portal with it chosen).
//! - [`guard`]: CORS for those two from the municipality's allow-list of origins; other origins
//!   are refused with `403 origin_not_allowed`.
//! - [`pages`]: the iframe variant (`/embed/v1/frame`, framable only by the allow-list through
//!   `frame-ancestors`) and the demo page for municipal web teams (`/embed-demo`).
//!
//! The allow-list is read from the database on every request, so every server instance sees
//! a change at once.

pub mod api;
pub mod guard;
pub mod pages;
pub mod widget;

use crate::AppState;
use axum::Router;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// `/embed/…` under `/api/v1`; the router puts them behind the origin guard ([`guard::guard`]).
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::config))
        .routes(routes!(api::search))
}

/// The script, the iframe page and the demo page.
pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/embed/v1/schalter-search.js", get(widget::script))
        .route("/embed/v1/frame", get(pages::frame))
        .route("/embed-demo", get(pages::demo))
}

/// A `lang` parameter as a portal language, leniently: host pages say `de-CH` or languages the
/// portal does not speak (then the municipality's default applies).
pub(crate) fn requested_lang(lang: Option<&str>) -> Option<contract::Lang> {
    let primary = lang?.split(['-', '_']).next()?.to_ascii_lowercase();
    primary.parse().ok()
}
