//! The `schalter` command line (`serve`, `migrate`, `import`, `backup`, `restore`, `webhooks`,
//! `export`, …). Every setting has a `SCHALTER_*` environment fallback (not the arguments of
//! one-off commands) and may be kept in a configuration file (`--config`).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The default database: an SQLite file under `./data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/schalter.db";

/// Schalter, the virtual counter for public administrations.
#[derive(Debug, Parser)]
#[command(name = "schalter", version, about)]
pub struct Cli {
    /// Configuration file of `SCHALTER_*=value` lines (the packaged one is
    /// /etc/schalter/schalter.conf). Flags and the environment take precedence over it.
    #[arg(long, env = "SCHALTER_CONFIG", global = true)]
    pub config: Option<PathBuf>,

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
    Serve(Box<ServeArgs>),
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
    /// Manage the authorities' staff: members, roles, API tokens.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Check the tamper-evident audit log of staff reads and changes.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Citizens' accounts (demo and test accounts; citizens register themselves).
    #[command(subcommand)]
    Account(AccountCommand),
    /// Print the OpenAPI document of /api/v1/ (as served at /api/v1/openapi.json).
    Openapi,
    /// Write a consistent backup of a running portal on SQLite (database snapshot, then the
    /// attachment folder, with a manifest of checksums) into a new folder.
    Backup(BackupArgs),
    /// Put a backup made by `schalter backup` in place (stop the portal first), then migrate.
    Restore(RestoreArgs),
}

/// `schalter account …`.
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Create a confirmed account with a password (prints its id). Fails if the e-mail
    /// address has one.
    Create {
        /// The sign-in e-mail address.
        #[arg(long)]
        email: String,
        /// The password (at least 10 characters); `SCHALTER_ACCOUNT_PASSWORD` if not given.
        #[arg(long, env = "SCHALTER_ACCOUNT_PASSWORD")]
        password: String,
        /// Given name.
        #[arg(long)]
        given_name: String,
        /// Family name.
        #[arg(long)]
        family_name: String,
    },
}

/// A staff role as given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// Works the authority's cases.
    Clerk,
    /// Also manages the authority's staff and settings.
    AuthorityAdmin,
    /// Runs the portal (use the authority `*`).
    PortalAdmin,
}

impl RoleArg {
    /// As stored.
    pub fn code(self) -> &'static str {
        crate::access::Role::from(self).code()
    }
}

impl From<RoleArg> for crate::access::Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Clerk => crate::access::Role::Clerk,
            RoleArg::AuthorityAdmin => crate::access::Role::AuthorityAdmin,
            RoleArg::PortalAdmin => crate::access::Role::PortalAdmin,
        }
    }
}

/// `schalter staff …`.
#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Set the account an authority's invoices are paid to (what its administrators keep in
    /// clerk mode): a Swiss QR-bill for a CH/LI IBAN, a GiroCode for others.
    Creditor {
        /// The authority (`ch:4001`).
        #[arg(long)]
        authority: String,
        /// IBAN or QR-IBAN.
        #[arg(long)]
        iban: String,
        /// The bank's BIC (optional).
        #[arg(long, default_value = "")]
        bic: String,
        /// The account holder as the slip names it.
        #[arg(long)]
        name: String,
        /// Street.
        #[arg(long, default_value = "")]
        street: String,
        /// Building number.
        #[arg(long, default_value = "")]
        building: String,
        /// Postal code.
        #[arg(long)]
        postcode: String,
        /// Town.
        #[arg(long)]
        town: String,
        /// Two-letter country code.
        #[arg(long)]
        country: String,
        /// Digits in front of every payment reference (optional).
        #[arg(long, default_value = "")]
        reference_prefix: String,
    },
    /// Add a staff member with a role at one authority.
    Create {
        /// Full name.
        #[arg(long)]
        name: String,
        /// E-mail address (unique).
        #[arg(long)]
        email: String,
        /// The authority (`authority.id` as in receipts: `ch:4001`, an office id; `*` for portal admins).
        #[arg(long)]
        authority: String,
        /// The role there.
        #[arg(long, value_enum, default_value_t = RoleArg::Clerk)]
        role: RoleArg,
    },
    /// Give a staff member a role at another authority (or change the role held there).
    Grant {
        /// The member's e-mail address.
        #[arg(long)]
        email: String,
        /// The authority.
        #[arg(long)]
        authority: String,
        /// The role there.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Make an API token for a staff member (shown once).
    Token {
        /// The member's e-mail address.
        #[arg(long)]
        email: String,
        /// Days until it expires.
        #[arg(long, default_value_t = 90)]
        days: u32,
        /// What it is for.
        #[arg(long, default_value = "api")]
        label: String,
    },
    /// Revoke a token by its id.
    RevokeToken {
        /// The token id (printed when it was made).
        id: String,
    },
    /// List staff members and their roles.
    List,
    /// Set a staff member's password for signing in to clerk mode (at least 12 characters).
    Password {
        /// The member's e-mail address.
        #[arg(long)]
        email: String,
        /// The password; `SCHALTER_STAFF_PASSWORD` if not given.
        #[arg(long, env = "SCHALTER_STAFF_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Give a staff member a new second factor: prints the `otpauth://` address to add to an
    /// authenticator app (every earlier one stops working).
    Totp {
        /// The member's e-mail address.
        #[arg(long)]
        email: String,
        /// A given base32 secret instead of a random one (demo and test data only).
        #[arg(long, env = "SCHALTER_STAFF_TOTP_SECRET", hide_env_values = true)]
        secret: Option<String>,
    },
}

/// `schalter audit …`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute every audit chain (or one authority's) and report each break: an edited
    /// entry, a removed one, a cut-off end. Exits with 1 when a chain is broken.
    Verify {
        /// Only this authority's chain.
        #[arg(long)]
        authority: Option<String>,
    },
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

    /// Where attachments are stored. With PostgreSQL and several servers, use S3 or a shared
    /// folder.
    #[command(flatten)]
    pub attachments: AttachmentsArg,

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

    /// Rate limits and quotas.
    #[command(flatten)]
    pub limits: LimitArgs,

    /// Reverse proxies whose `X-Forwarded-For` is believed: addresses or networks,
    /// comma-separated (`10.0.0.0/8,127.0.0.1`). None by default: the peer is the client.
    #[arg(long, env = "SCHALTER_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_net)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// Where to serve Prometheus metrics (`GET /metrics`), e.g. `127.0.0.1:9464`; off when
    /// unset. A separate listener: never expose it on the public address.
    #[arg(long, env = "SCHALTER_METRICS_BIND")]
    pub metrics_bind: Option<SocketAddr>,

    /// Send the production transport headers (HSTS with preload, upgrade of insecure
    /// requests). Default: on when `--public-url` is https.
    #[arg(long, env = "SCHALTER_HSTS")]
    pub hsts: Option<bool>,

    /// Days a citizen's receipt token stays valid where its authority set nothing.
    #[arg(long, env = "SCHALTER_RECEIPT_TOKEN_DAYS", default_value_t = crate::access::policy::DEFAULT_RECEIPT_TOKEN_DAYS)]
    pub receipt_token_days: u32,

    /// Seconds of inactivity after which a Bürgerkonto session ends (the app
    /// warns two minutes before and offers to stay signed in).
    #[arg(long, env = "SCHALTER_SESSION_IDLE_SECS", default_value_t = 1800)]
    pub session_idle_secs: u64,

    /// Seconds after signing in after which a session ends however active it is.
    #[arg(long, env = "SCHALTER_SESSION_ABSOLUTE_SECS", default_value_t = 12 * 3600)]
    pub session_absolute_secs: u64,

    /// eID providers for signing in (OpenID Connect): a JSON file `{"providers": [{"id",
    /// "name", "issuer", "client_id", "client_secret" or "client_secret_env", "scopes", "acr":
    /// [{"value", "level"}, …]}]}`; see docs/production.md. None by default.
    #[arg(long, env = "SCHALTER_IDENTITY_PROVIDERS")]
    pub identity_providers: Option<PathBuf>,

    /// The organisations' own OpenID providers staff sign in with, in the same format as
    /// `--identity-providers`; a staff sign-in asks for the highest `acr` value listed. The
    /// provider sends the browser back to `<public URL>/api/v1/staff/oidc/callback`. None by
    /// default (staff sign in with password and authenticator app).
    #[arg(long, env = "SCHALTER_STAFF_IDENTITY_PROVIDERS")]
    pub staff_identity_providers: Option<PathBuf>,

    /// The payment provider fees are paid online through: `datatrans` (its JSON API v1; the
    /// project's sandbox, `paysandbox`, speaks the same). None: fees are paid by invoice only.
    #[arg(long, env = "SCHALTER_PAYMENT_PROVIDER")]
    pub payment_provider: Option<String>,

    /// The provider's API (`https://api.datatrans.com` in production).
    #[arg(
        long,
        env = "SCHALTER_PAYMENT_API_URL",
        default_value = "https://api.sandbox.datatrans.com"
    )]
    pub payment_api_url: String,

    /// The provider's payment pages (`https://pay.datatrans.com` in production).
    #[arg(
        long,
        env = "SCHALTER_PAYMENT_PAGE_URL",
        default_value = "https://pay.sandbox.datatrans.com"
    )]
    pub payment_page_url: String,

    /// The merchant id at the provider.
    #[arg(long, env = "SCHALTER_PAYMENT_MERCHANT_ID")]
    pub payment_merchant_id: Option<String>,

    /// The API password (from the environment: `SCHALTER_PAYMENT_PASSWORD`).
    #[arg(long, env = "SCHALTER_PAYMENT_PASSWORD", hide_env_values = true)]
    pub payment_password: Option<String>,

    /// The key notifications are signed with, hex (`SCHALTER_PAYMENT_SIGN_KEY`).
    #[arg(long, env = "SCHALTER_PAYMENT_SIGN_KEY", hide_env_values = true)]
    pub payment_sign_key: Option<String>,

    /// Send the session cookie only over https (`Secure`). Default: on when `--public-url`
    /// is https.
    #[arg(long, env = "SCHALTER_SECURE_COOKIE")]
    pub secure_cookie: Option<bool>,

    /// Longest wait for a request's headers, and for the next request on an idle connection,
    /// in seconds.
    #[arg(long, env = "SCHALTER_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,
}

/// Flags of the rate limits.
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Submissions per client address and hour (counted across all servers).
    #[arg(
        long,
        env = "SCHALTER_LIMIT_SUBMISSIONS_PER_HOUR",
        default_value_t = 60
    )]
    pub limit_submissions_per_hour: u32,
    /// Uploads per client address and hour (counted across all servers).
    #[arg(long, env = "SCHALTER_LIMIT_UPLOADS_PER_HOUR", default_value_t = 600)]
    pub limit_uploads_per_hour: u32,
    /// Confirmation e-mails per recipient address and day (counted across all servers).
    #[arg(long, env = "SCHALTER_LIMIT_EMAILS_PER_DAY", default_value_t = 10)]
    pub limit_emails_per_day: u32,
    /// Searches per client address and minute, per server process.
    #[arg(
        long,
        env = "SCHALTER_LIMIT_SEARCHES_PER_MINUTE",
        default_value_t = 600
    )]
    pub limit_searches_per_minute: u32,
    /// Sign-in attempts per account and quarter hour (counted across all servers).
    #[arg(
        long,
        env = "SCHALTER_LIMIT_SIGN_INS_PER_ACCOUNT",
        default_value_t = 10
    )]
    pub limit_sign_ins_per_account: u32,
    /// Sign-in attempts per client address and quarter hour (counted across all servers).
    #[arg(
        long,
        env = "SCHALTER_LIMIT_SIGN_INS_PER_ADDRESS",
        default_value_t = 100
    )]
    pub limit_sign_ins_per_address: u32,
    /// Account e-mails (verification, reset, new address) per e-mail address and hour.
    #[arg(
        long,
        env = "SCHALTER_LIMIT_ACCOUNT_EMAILS_PER_HOUR",
        default_value_t = 5
    )]
    pub limit_account_emails_per_hour: u32,
    /// New accounts per client address and hour.
    #[arg(
        long,
        env = "SCHALTER_LIMIT_REGISTRATIONS_PER_HOUR",
        default_value_t = 20
    )]
    pub limit_registrations_per_hour: u32,
}

impl LimitArgs {
    /// The limits' configuration.
    pub fn config(&self) -> crate::limits::LimitConfig {
        crate::limits::LimitConfig {
            submissions_per_hour: self.limit_submissions_per_hour.max(1),
            uploads_per_hour: self.limit_uploads_per_hour.max(1),
            emails_per_day: self.limit_emails_per_day.max(1),
            searches_per_minute: self.limit_searches_per_minute.max(1),
            sign_ins_per_account: self.limit_sign_ins_per_account.max(1),
            sign_ins_per_address: self.limit_sign_ins_per_address.max(1),
            account_emails_per_hour: self.limit_account_emails_per_hour.max(1),
            registrations_per_hour: self.limit_registrations_per_hour.max(1),
        }
    }
}

/// A network (`10.0.0.0/8`) or a single address (`127.0.0.1`).
fn parse_net(s: &str) -> Result<ipnet::IpNet, String> {
    let s = s.trim();
    s.parse::<ipnet::IpNet>()
        .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("{s:?} is neither an address nor a network"))
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

    /// How long a claimed delivery belongs to the server that claimed it, in milliseconds: a
    /// server that dies mid-delivery holds it this long before another one tries again. One
    /// attempt is cut off at half of it.
    #[arg(long, env = "SCHALTER_OUTBOX_LEASE_MS", default_value_t = 300_000)]
    pub outbox_lease_ms: u64,

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
            lease: Duration::from_millis(self.outbox_lease_ms.max(1000)),
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
    #[command(flatten)]
    pub attachments: AttachmentsArg,
}

/// Where attachments are stored: the one definition `serve`, `export`, `backup` and `restore`
/// share.
#[derive(Debug, Args)]
pub struct AttachmentsArg {
    /// Where attachments are stored: a folder (default), `file:///abs/dir`, or
    /// `s3://bucket/prefix` (S3-compatible; endpoint and credentials from `AWS_*` variables).
    #[arg(
        long = "attachments",
        env = "SCHALTER_ATTACHMENTS",
        default_value = "data/attachments"
    )]
    pub location: String,
}

/// Flags of `schalter backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The folder to write the backup to: must not exist or be empty (written under a
    /// temporary name beside it and renamed when complete).
    #[arg(long)]
    pub to: PathBuf,

    /// The attachment folder.
    #[command(flatten)]
    pub attachments: AttachmentsArg,
}

/// Flags of `schalter restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup folder (with its `manifest.json`).
    #[arg(long)]
    pub from: PathBuf,

    /// Replace a database that holds submissions.
    #[arg(long)]
    pub force: bool,

    /// The attachment folder.
    #[command(flatten)]
    pub attachments: AttachmentsArg,
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

/// Reads a configuration file: `SCHALTER_*=value` lines, `#` comments, values quoted as in a
/// shell `.env` file. Every name must be a setting of some command (a misspelt one would
/// otherwise be silently ignored). Answers them in the file's order.
pub fn read_config_file(path: &std::path::Path) -> anyhow::Result<Vec<(String, String)>> {
    use anyhow::Context;
    let known = setting_names();
    let mut settings = Vec::new();
    let lines = dotenvy::from_path_iter(path)
        .with_context(|| format!("reading the configuration file {}", path.display()))?;
    for item in lines {
        let (name, value) =
            item.with_context(|| format!("in the configuration file {}", path.display()))?;
        if name == "SCHALTER_CONFIG" {
            anyhow::bail!(
                "{}: SCHALTER_CONFIG cannot be set in a configuration file",
                path.display()
            );
        }
        if !name.starts_with("SCHALTER_") {
            anyhow::bail!(
                "{}: {name} is not a Schalter setting; give other variables (AWS_*, an identity \
                 provider's secret) to the process's environment (the systemd unit reads \
                 /etc/schalter/environment)",
                path.display()
            );
        }
        if !known.contains(&name) {
            anyhow::bail!(
                "{}: unknown setting {name} (the settings are listed in docs/operating.md \
                 and by `schalter <command> --help`)",
                path.display()
            );
        }
        settings.push((name, value));
    }
    Ok(settings)
}

/// Parses the command line with `settings` (from a configuration file) in place of the
/// defaults: a flag wins over the environment, the environment over the file.
pub fn parse_with_settings<I, T>(args: I, settings: &[(String, String)]) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::{CommandFactory, FromArgMatches};
    fn apply(mut cmd: clap::Command, settings: &[(String, String)]) -> clap::Command {
        let defaults: Vec<(clap::Id, String)> = cmd
            .get_arguments()
            .filter_map(|arg| {
                let env = arg.get_env()?.to_str()?;
                let (_, value) = settings.iter().rev().find(|(name, _)| name == env)?;
                Some((arg.get_id().clone(), value.clone()))
            })
            .collect();
        for (id, value) in defaults {
            cmd = cmd.mut_arg(id, |arg| arg.default_value(value));
        }
        let subcommands: Vec<String> = cmd
            .get_subcommands()
            .map(|sub| sub.get_name().to_owned())
            .collect();
        for name in subcommands {
            cmd = cmd.mut_subcommand(name, |sub| apply(sub, settings));
        }
        cmd
    }
    let matches = apply(Cli::command(), settings).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// The `SCHALTER_*` environment names of every flag of every command.
pub fn setting_names() -> std::collections::BTreeSet<String> {
    fn walk(cmd: &clap::Command, names: &mut std::collections::BTreeSet<String>) {
        for arg in cmd.get_arguments() {
            if let Some(env) = arg.get_env() {
                names.insert(env.to_string_lossy().into_owned());
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, names);
        }
    }
    let mut names = std::collections::BTreeSet::new();
    walk(&<Cli as clap::CommandFactory>::command(), &mut names);
    names
}

/// Where the command line or the environment names a configuration file (read before the
/// command line is parsed, so that the file can fill in the other settings).
pub fn config_path_from<I: IntoIterator<Item = std::ffi::OsString>>(
    args: I,
    env: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--config" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--config=")) {
            return Some(PathBuf::from(path));
        }
    }
    env.filter(|e| !e.is_empty()).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_path_comes_from_the_flag_before_the_environment() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            config_path_from(args(&["schalter", "--config", "/a.conf", "serve"]), None),
            Some(PathBuf::from("/a.conf"))
        );
        assert_eq!(
            config_path_from(
                args(&["schalter", "serve", "--config=/b.conf"]),
                Some("/env.conf".into())
            ),
            Some(PathBuf::from("/b.conf"))
        );
        assert_eq!(
            config_path_from(args(&["schalter", "serve"]), Some("/env.conf".into())),
            Some(PathBuf::from("/env.conf"))
        );
        assert_eq!(config_path_from(args(&["schalter", "serve"]), None), None);
    }

    #[test]
    fn a_config_file_names_known_settings_only() {
        let dir = std::env::temp_dir().join(format!("schalter-conf-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.conf");
        std::fs::write(
            &good,
            "# comment\nSCHALTER_BIND=127.0.0.1:3999\nSCHALTER_PUBLIC_URL=\"https://portal.example.ch\"\n",
        )
        .unwrap();
        assert_eq!(
            read_config_file(&good).unwrap(),
            vec![
                ("SCHALTER_BIND".to_owned(), "127.0.0.1:3999".to_owned()),
                (
                    "SCHALTER_PUBLIC_URL".to_owned(),
                    "https://portal.example.ch".to_owned()
                ),
            ]
        );
        let other = dir.join("other.conf");
        std::fs::write(&other, "AWS_ACCESS_KEY_ID=schalter\n").unwrap();
        let err = read_config_file(&other).unwrap_err().to_string();
        assert!(
            err.contains("AWS_ACCESS_KEY_ID is not a Schalter setting"),
            "{err}"
        );
        let typo = dir.join("typo.conf");
        std::fs::write(&typo, "SCHALTER_BINDD=127.0.0.1:3999\n").unwrap();
        let err = read_config_file(&typo).unwrap_err().to_string();
        assert!(err.contains("unknown setting SCHALTER_BINDD"), "{err}");
        assert!(read_config_file(&dir.join("missing.conf")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_flag_beats_the_environment_and_the_environment_beats_the_file() {
        let settings = vec![
            ("SCHALTER_BIND".to_owned(), "127.0.0.1:3999".to_owned()),
            (
                "SCHALTER_TRUSTED_PROXIES".to_owned(),
                "127.0.0.1,10.0.0.0/8".to_owned(),
            ),
            ("SCHALTER_HSTS".to_owned(), "false".to_owned()),
            (
                "SCHALTER_DATABASE_URL".to_owned(),
                "sqlite:///tmp/x.db".to_owned(),
            ),
            ("SCHALTER_LOG_FORMAT".to_owned(), "json".to_owned()),
        ];
        let serve = |cli: Cli| match cli.command {
            Command::Serve(args) => args,
            other => panic!("{other:?}"),
        };
        let cli = parse_with_settings(["schalter", "serve"], &settings).unwrap();
        assert_eq!(cli.database_url, "sqlite:///tmp/x.db");
        assert_eq!(cli.log_format, LogFormat::Json);
        let args = serve(cli);
        assert_eq!(args.bind.to_string(), "127.0.0.1:3999");
        assert_eq!(args.trusted_proxies.len(), 2);
        assert_eq!(args.hsts, Some(false));
        // Unset in the file: the built-in default.
        assert_eq!(args.header_timeout_secs, 10);
        let args = serve(
            parse_with_settings(["schalter", "serve", "--bind", "0.0.0.0:4000"], &settings)
                .unwrap(),
        );
        assert_eq!(args.bind.to_string(), "0.0.0.0:4000");
        // The environment's precedence is clap's own (`Arg::env` before the default); the
        // settings of other commands apply to them too.
        let settings = vec![(
            "SCHALTER_DATA_DIR".to_owned(),
            "/usr/share/schalter/data".to_owned(),
        )];
        match parse_with_settings(["schalter", "import", "--if-empty"], &settings)
            .unwrap()
            .command
        {
            Command::Import(args) => {
                assert_eq!(args.data_dir, PathBuf::from("/usr/share/schalter/data"));
                assert!(args.if_empty);
            }
            other => panic!("{other:?}"),
        }
        assert!(
            parse_with_settings(
                ["schalter", "serve"],
                &[("SCHALTER_BIND".to_owned(), "nonsense".to_owned())]
            )
            .is_err()
        );
    }

    fn repo_file(path: &str) -> String {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// Settings given to one command run, not kept in a configuration.
    const ONE_OFF: [&str; 4] = [
        "SCHALTER_CONFIG",
        "SCHALTER_ACCOUNT_PASSWORD",
        "SCHALTER_STAFF_PASSWORD",
        "SCHALTER_STAFF_TOTP_SECRET",
    ];

    #[test]
    fn every_setting_is_in_the_operator_guide_and_the_packaged_configuration() {
        let guide = repo_file("docs/operating.md");
        let conf = repo_file("packaging/schalter.conf");
        // The packaged file itself reads without error ...
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../packaging/schalter.conf");
        let set = read_config_file(&path).unwrap();
        assert!(
            set.iter().any(|(n, v)| n == "SCHALTER_DATABASE_URL"
                && v == "sqlite:///var/lib/schalter/schalter.db")
        );
        // ... and names, set or commented out, only settings that exist.
        let named: Vec<&str> = conf
            .lines()
            .map(|l| l.trim_start_matches('#'))
            .filter_map(|l| l.split_once('=').map(|(n, _)| n))
            .filter(|n| n.starts_with("SCHALTER_"))
            .collect();
        let known = setting_names();
        for n in &named {
            assert!(
                known.contains(*n),
                "packaging/schalter.conf names {n}, which is no setting"
            );
        }
        for name in &known {
            assert!(
                guide.contains(&format!("`{name}`")),
                "docs/operating.md does not describe {name}"
            );
            if !ONE_OFF.contains(&name.as_str()) {
                assert!(
                    named.contains(&name.as_str()),
                    "packaging/schalter.conf lacks {name}"
                );
            }
        }
    }

    #[test]
    fn the_unit_and_the_container_run_the_same_commands_on_the_same_layout() {
        let unit = repo_file("packaging/debian/schalter.service");
        let container = repo_file("Containerfile");
        let manifest = repo_file("server/Cargo.toml");
        let line = |key: &str| {
            unit.lines()
                .find_map(|l| l.strip_prefix(key))
                .unwrap_or_else(|| panic!("the unit has no {key}"))
                .to_owned()
        };
        let (pre, start) = (line("ExecStartPre="), line("ExecStart="));
        assert!(pre.ends_with("import --if-empty") && start.ends_with(" serve"));
        assert!(container.contains(&format!("{pre} && exec {start}").replace("/usr/bin/", "")));
        assert_eq!(line("User="), "schalter");
        assert_eq!(line("StateDirectory="), "schalter");
        assert!(
            container.contains("USER schalter") && container.contains("VOLUME /var/lib/schalter")
        );
        for path in [
            "/etc/schalter/schalter.conf",
            "usr/share/schalter/dist/",
            "usr/share/schalter/data/",
        ] {
            assert!(
                manifest.contains(&format!("\"{}\"", path.trim_start_matches('/'))),
                "the package does not install {path}"
            );
        }
        assert!(start.contains("--config /etc/schalter/schalter.conf"));
    }
}
