//! The `schalter` command line (`serve`, `migrate`, `import`, `webhooks`, `export`). Every
//! setting has a `SCHALTER_*` environment fallback (not the arguments of one-off commands).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The default database: an SQLite file under `./data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/schalter.db";

/// Schalter, the virtual counter for public administrations.
#[derive(Debug, Parser)]
#[command(name = "schalter", version, about)]
pub struct Cli {
    /// Database URL: `sqlite://path/file.db` (embedded default) or `postgres://…` (production).
    #[arg(long, env = "SCHALTER_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    /// Log output: human-readable text or one JSON object per line.
    #[arg(long, env = "SCHALTER_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines with key=value fields.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// The subcommands of `schalter`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run migrations, then serve the API and the app until SIGTERM or Ctrl-C.
    Serve(ServeArgs),
    /// Apply the embedded database migrations and exit.
    Migrate,
    /// Import data into the database (see `schalter import --help`).
    Import(ImportArgs),
    /// Register, list and remove the authorities' webhook endpoints.
    Webhooks(WebhooksArgs),
    /// Write one submission in an export format (JSON, eCH-0058, FIT-Connect).
    Export(ExportArgs),
    /// Change one municipality's stored tenant settings (development; the next import replaces them).
    #[command(subcommand)]
    Tenant(TenantCommand),
}

/// `schalter tenant …`: settings of the embedded search widget.
#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Let pages of an origin (`http://localhost:8080`) embed a municipality's search widget.
    AllowOrigin {
        /// `ch:<BFS number>` or `de:<AGS>`; must have tenant settings already.
        municipality: String,
        /// `scheme://host[:port]`, as the browser's `Origin` header says it.
        origin: String,
    },
    /// Take an origin off a municipality's allow-list.
    RevokeOrigin {
        /// `ch:<BFS number>` or `de:<AGS>`.
        municipality: String,
        /// `scheme://host[:port]`.
        origin: String,
    },
    /// Print a municipality's settings as JSON (the tenants file's format).
    Show {
        /// `ch:<BFS number>` or `de:<AGS>`.
        municipality: String,
    },
}

/// Flags of `schalter serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "SCHALTER_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,

    /// Folder with the built app (Trunk's `dist/`).
    #[arg(long, env = "SCHALTER_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// How often to check the database for a newly imported catalogue, in seconds.
    #[arg(long, env = "SCHALTER_CATALOGUE_REFRESH_SECS", default_value_t = 30)]
    pub catalogue_refresh_secs: u64,

    /// Where attachments are stored: a folder (default), `file:///abs/dir`, or
    /// `s3://bucket/prefix` (S3-compatible; endpoint and credentials from `AWS_*` variables).
    /// With PostgreSQL and several servers, use S3 or a shared folder.
    #[arg(long, env = "SCHALTER_ATTACHMENTS", default_value = "data/attachments")]
    pub attachments: String,

    /// SMTP server for confirmation e-mails (`smtp://host:port`, `smtps://user:pass@host`);
    /// without it, e-mails wait in the outbox.
    #[arg(long, env = "SCHALTER_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// Sender of confirmation e-mails.
    #[arg(
        long,
        env = "SCHALTER_MAIL_FROM",
        default_value = "Schalter <noreply@schalter.localhost>"
    )]
    pub mail_from: String,

    /// The portal's public address, for links in e-mails.
    #[arg(
        long,
        env = "SCHALTER_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000"
    )]
    pub public_url: String,

    /// Days after which files uploaded for a draft that was never submitted are deleted.
    #[arg(long, env = "SCHALTER_UPLOAD_RETENTION_DAYS", default_value_t = 30)]
    pub upload_retention_days: u64,

    /// The outbox worker (e-mails and webhooks).
    #[command(flatten)]
    pub outbox: OutboxArgs,
}

/// Flags of the outbox worker that `schalter serve` runs.
#[derive(Debug, Args)]
pub struct OutboxArgs {
    /// How often the outbox worker looks for due deliveries, in milliseconds.
    #[arg(long, env = "SCHALTER_OUTBOX_POLL_MS", default_value_t = 1000)]
    pub outbox_poll_ms: u64,

    /// The wait before a delivery's second attempt, in milliseconds; doubled for each
    /// further attempt (with random jitter).
    #[arg(
        long,
        env = "SCHALTER_OUTBOX_BACKOFF_BASE_MS",
        default_value_t = 30_000
    )]
    pub outbox_backoff_base_ms: u64,

    /// The longest wait between two attempts, in milliseconds.
    #[arg(long, env = "SCHALTER_OUTBOX_BACKOFF_MAX_MS", default_value_t = 6 * 3600 * 1000)]
    pub outbox_backoff_max_ms: u64,

    /// Attempts before a delivery is given up.
    #[arg(long, env = "SCHALTER_OUTBOX_MAX_ATTEMPTS", default_value_t = 12)]
    pub outbox_max_attempts: u32,

    /// The deadline of one webhook request, in seconds.
    #[arg(long, env = "SCHALTER_WEBHOOK_TIMEOUT_SECS", default_value_t = 30)]
    pub webhook_timeout_secs: u64,
}

impl OutboxArgs {
    /// The worker's configuration.
    pub fn config(&self) -> crate::handoff::outbox::OutboxConfig {
        use std::time::Duration;
        crate::handoff::outbox::OutboxConfig {
            backoff_base: Duration::from_millis(self.outbox_backoff_base_ms.max(1)),
            backoff_max: Duration::from_millis(self.outbox_backoff_max_ms.max(1)),
            max_attempts: self.outbox_max_attempts.max(1),
            http_timeout: Duration::from_secs(self.webhook_timeout_secs.max(1)),
            ..Default::default()
        }
    }
}

/// Flags of `schalter webhooks`.
#[derive(Debug, Args)]
pub struct WebhooksArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: WebhooksCommand,
}

/// The subcommands of `schalter webhooks`.
#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// Register an endpoint; prints its signing secret once.
    Add {
        /// The authority whose submissions go there (`authority.id` in receipts, e.g.
        /// `de:16077043` or `ch:4001`).
        #[arg(long)]
        authority: String,
        /// The URL to POST each submission to (https in production).
        #[arg(long)]
        url: String,
        /// What the body is.
        #[arg(long, value_enum, default_value_t = crate::handoff::export::Format::Json)]
        format: crate::handoff::export::Format,
    },
    /// List the registered endpoints (without their secrets).
    List,
    /// Remove an endpoint and its secret; deliveries still queued for it fail.
    Remove {
        /// The endpoint id (see `schalter webhooks list`).
        id: String,
    },
}

/// Flags of `schalter export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The submission's reference number (`K7Q-M4T-XP9`, any case, with or without dashes).
    pub reference: String,

    /// The format.
    #[arg(long, value_enum)]
    pub format: crate::handoff::export::Format,

    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,

    /// Where attachments are stored (as for `schalter serve`).
    #[arg(long, env = "SCHALTER_ATTACHMENTS", default_value = "data/attachments")]
    pub attachments: String,
}

/// Flags of `schalter import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Folder with the open data (`ozg-leika-services/`, `ch-municipalities/`, …).
    #[arg(long, env = "SCHALTER_DATA_DIR", default_value = "../shared/data")]
    pub data_dir: PathBuf,

    /// Swiss cantons whose communes to import (comma-separated abbreviations).
    #[arg(
        long,
        env = "SCHALTER_IMPORT_CANTONS",
        value_delimiter = ',',
        default_value = "AG,GL"
    )]
    pub cantons: Vec<String>,

    /// German Länder (AGS prefixes, e.g. `01,16`) whose municipalities to import from the
    /// municipality list; without it, only the demo towns (the list is for development only).
    #[arg(long, env = "SCHALTER_IMPORT_DE_LAENDER", value_delimiter = ',')]
    pub de_laender: Vec<String>,

    /// Folder of online forms (`<id>/template.v<N>.json`, `<id>/overlay.<municipality>.r<N>.json`);
    /// without it, the forms embedded in the binary (`catalog/data/forms`).
    #[arg(long, env = "SCHALTER_FORMS_DIR")]
    pub forms_dir: Option<PathBuf>,

    /// Tenant settings of the embedded search widget (`catalog/data/tenants.json` format;
    /// see docs/embedding.md); without it, the demo tenants embedded in the binary.
    #[arg(long, env = "SCHALTER_TENANTS_FILE")]
    pub tenants_file: Option<PathBuf>,

    /// Import only if no catalogue is stored yet (for start scripts).
    #[arg(long)]
    pub if_empty: bool,
}
