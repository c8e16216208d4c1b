//! The `schalter` command line. Every flag has a `SCHALTER_*` environment fallback.

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
