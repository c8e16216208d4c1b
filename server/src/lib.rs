//! The Schalter server.
//!
//! # Layout
//! - [`access`]: who is asking ([`access::Actor`], extracted once per request) and the one
//!   policy that decides what each actor may do to each resource; staff members and tokens.
//! - [`accounts`]: the Bürgerkonto: registering, signing in, sessions in the database, the
//!   profile, password and address changes, export and deletion.
//! - [`authorities`]: authorities' own settings (receipt token lifetime), for their admins.
//! - [`attachments`]: attachment bytes behind an object-store interface (local folder or S3).
//! - [`backup`]: `schalter backup` and `schalter restore` of a portal on SQLite with a local
//!   attachment folder (online snapshot, checksummed manifest, atomic placement).
//! - [`cases`]: what happens after an application arrived: the Postfach (messages with files
//!   between the authority and the citizen), clerk mode (inbox, case, workflow, notes) and the
//!   hash-chained audit log.
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
//! - [`limits`]: rate limits and quotas per client address and e-mail recipient.
//! - [`payments`]: fees paid online through a payment provider's hosted page (Datatrans JSON
//!   API), recorded exactly once whatever the order of return and notification; the
//!   reconciliation job.
//! - [`receipt`]: the PDF receipt and the confirmation e-mail.
//! - [`staff`]: staff sign-in for clerk mode (password and TOTP second factor).
//! - [`submissions`]: `/api/v1/submissions` and `/api/v1/uploads`: idempotent submission,
//!   server-side validation, fees and routing, reference numbers, status lifecycle.
//! - [`telemetry`]: structured logging.
//! - [`tenants`]: municipalities' settings for the embedded search widget (tables).
//! - [`embed`]: the embeddable search widget: its script, the iframe page, the demo page and
//!   `/api/v1/embed/` (configuration, search), with CORS and `frame-ancestors` from each
//!   municipality's allow-list.

pub mod access;
pub mod accounts;
pub mod attachments;
pub mod authorities;
pub mod backup;
pub mod cases;
pub mod catalogue;
pub mod config;
pub mod db;
pub mod embed;
pub mod error;
pub mod forms;
pub mod handoff;
pub mod http;
pub mod limits;
pub mod payments;
pub mod qr;
pub mod receipt;
pub mod staff;
pub mod submissions;
pub mod telemetry;
pub mod tenants;

use std::sync::Arc;

/// What the domain services work with: storage, the catalogue, the access policy. Nothing of
/// HTTP; cheap to clone; no per-process state another instance would need to share
/// (PostgreSQL is the one source of truth).
#[derive(Clone)]
pub struct Core {
    /// The database pool.
    pub db: db::Db,
    /// The service catalogue, reloaded when another process imports a new version.
    pub catalogue: catalogue::LiveCatalogue,
    /// Where attachment bytes are stored.
    pub attachments: attachments::Attachments,
    /// Who may do what (checks citizens' receipt tokens with the key all instances share).
    pub policy: access::Policy,
    /// Rate limits and quotas (counted in the database where they must hold across servers).
    pub limits: limits::Limits,
    /// Citizens' accounts and sessions.
    pub accounts: accounts::Accounts,
    /// The payment provider, if one is configured.
    pub payments: payments::Payments,
}

/// What every request handler can reach: the [`Core`] and the built app.
#[derive(Clone)]
pub struct AppState {
    /// The services' dependencies.
    pub core: Core,
    /// The built app (index.html and its content security policy), if a dist folder was found.
    pub site: Arc<http::static_files::Site>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (none by default).
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
    /// Whether to send `Strict-Transport-Security` (production behind https).
    pub hsts: bool,
}

impl std::ops::Deref for AppState {
    type Target = Core;

    fn deref(&self) -> &Core {
        &self.core
    }
}
