//! The Schalter server.
//!
//! # Layout
//! - [`attachments`]: attachment bytes behind an object-store interface (local folder or S3).
//! - [`catalogue`]: the service catalogue in memory (directory + search index), its tables,
//!   the importer and the `/api/v1` routes for search, services, municipalities and topics.
//! - [`config`]: the `schalter` command line (`serve`, `migrate`, `import`, `webhooks`,
//!   `export`) with `SCHALTER_*` environment fallbacks.
//! - [`db`]: the database handle for SQLite (embedded default) and PostgreSQL (production), and
//!   the embedded migrations of both.
//! - [`error`]: the one error type of the HTTP layer and its JSON body.
//! - [`forms`]: online forms: published templates and overlays, `/api/v1/forms` (effective
//!   form per municipality, validation with the browser's code).
//! - [`handoff`]: the outbox (confirmation e-mails, signed webhooks to the authority's
//!   specialist application) and the export formats (JSON, eCH-0058 frame, FIT-Connect).
//! - [`http`]: the router: `/api/v1/`, `/health`, `/ready`, the app's static files with the SPA
//!   fallback, security and cache headers, compression and request logs.
//! - [`receipt`]: the PDF receipt and the confirmation e-mail.
//! - [`submissions`]: `/api/v1/submissions` and `/api/v1/uploads`: idempotent submission,
//!   server-side validation, fees and routing, reference numbers, status lifecycle.
//! - [`telemetry`]: structured logging.
//! - [`tenants`]: municipalities' settings for the embedded search widget (tables).
//! - [`embed`]: the embeddable search widget: its script, the iframe page, the demo page and
//!   `/api/v1/embed/` (configuration, search), with CORS and `frame-ancestors` from each
//!   municipality's allow-list.

pub mod attachments;
pub mod catalogue;
pub mod config;
pub mod db;
pub mod embed;
pub mod error;
pub mod forms;
pub mod handoff;
pub mod http;
pub mod receipt;
pub mod submissions;
pub mod telemetry;
pub mod tenants;

use std::sync::Arc;

/// What every request handler can reach. Cheap to clone; holds no per-process state that
/// another server instance would need to share (PostgreSQL is the one source of truth).
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: db::Db,
    /// The built app (index.html and its content security policy), if a dist folder was found.
    pub site: Arc<http::static_files::Site>,
    /// The service catalogue, reloaded when another process imports a new version.
    pub catalogue: catalogue::LiveCatalogue,
    /// Where attachment bytes are stored.
    pub attachments: attachments::Attachments,
    /// Signs and checks citizens' access tokens (shared by all instances via the database).
    pub access: submissions::AccessKey,
}
