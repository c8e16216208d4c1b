//! The `schalter` binary: `serve`, `migrate`, `import`, `backup`, `restore`, `webhooks`, `export`, …

use anyhow::Context;
use server::config::{
    AccountCommand, AuditCommand, Cli, Command, StaffCommand, TenantCommand, WebhooksCommand,
};
use server::{AppState, Core, catalogue, db, http, telemetry, tenants};
use std::sync::Arc;

/// mimalloc rather than the system's malloc: see server/Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The allocator's option that returns freed memory to the system at once.
const PURGE_DELAY: &str = "MIMALLOC_PURGE_DELAY";

fn main() -> anyhow::Result<()> {
    return_freed_memory_at_once();
    start()
}

/// mimalloc gives freed memory back to the system only after a delay, and then only when the
/// thread that freed it allocates again: what the catalogue build and a burst of uploads freed
/// stayed resident (~30 MB) in threads that went idle. Without the delay it goes back at once
/// (no measurable cost per search). mimalloc reads its options from the environment when the
/// process starts, so the process starts itself once more with the option set (same process
/// id, same arguments), unless the environment sets it already or that fails.
fn return_freed_memory_at_once() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os(PURGE_DELAY).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new(exe);
    if let Some(arg0) = args.next() {
        command.arg0(arg0);
    }
    // Returns only if the new image could not be started: go on with the default then.
    let _failed = command.args(args).env(PURGE_DELAY, "0").exec();
}

#[tokio::main]
async fn start() -> anyhow::Result<()> {
    // The configuration file fills in what neither a flag nor the environment sets.
    let settings = match server::config::config_path_from(
        std::env::args_os(),
        std::env::var_os("SCHALTER_CONFIG"),
    ) {
        Some(path) => server::config::read_config_file(&path)?,
        None => Vec::new(),
    };
    let cli = server::config::parse_with_settings(std::env::args_os(), &settings)
        .unwrap_or_else(|e| e.exit());
    run(cli).await
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    telemetry::init(cli.log_format);
    if let Command::Openapi = cli.command {
        // Needs no database: the document comes from the code.
        println!("{}", http::openapi::json());
        return Ok(());
    }
    // These open the database themselves: a backup refuses PostgreSQL before connecting, a
    // restore replaces the file before anything opens it.
    match &cli.command {
        Command::Backup(args) => return backup(&cli.database_url, args).await,
        Command::Restore(args) => return restore(&cli.database_url, args).await,
        _ => {}
    }
    let db = db::Db::connect(&cli.database_url).await.with_context(|| {
        format!(
            "connecting to the {} database",
            db::backend_name(&cli.database_url)
        )
    })?;
    match cli.command {
        Command::Migrate => {
            db.migrate().await?;
            tracing::info!(backend = db.backend().name(), "migrations applied");
        }
        Command::Import(args) => {
            db.migrate().await?;
            if args.if_empty && catalogue::store::version(&db).await?.is_some() {
                // A database from before tenant settings existed gets them now.
                if tenants::count(&db).await? == 0 {
                    let list =
                        catalogue::import::tenants_only(&db, args.tenants_file.as_deref()).await?;
                    tracing::info!(tenants = list.len(), "tenant settings imported");
                }
                tracing::info!("a catalogue is already stored; nothing imported");
                return Ok(());
            }
            let opts = catalogue::import::ImportOptions {
                data_dir: &args.data_dir,
                cantons: args.cantons,
                de_laender: args.de_laender,
                forms_dir: args.forms_dir.as_deref(),
                tenants_file: args.tenants_file.as_deref(),
            };
            let imported = catalogue::import::run(&db, &opts).await?;
            let data = &imported.data;
            tracing::info!(
                places = data.places.len(),
                services = data.services.len(),
                offices = data.offices.len(),
                offerings = data.offerings.len(),
                forms = data.form_owners.len(),
                tenants = imported.tenants.len(),
                "catalogue imported"
            );
        }
        Command::Openapi | Command::Backup(_) | Command::Restore(_) => {
            unreachable!("answered before connecting")
        }
        Command::Account(AccountCommand::Create {
            email,
            password,
            given_name,
            family_name,
        }) => {
            db.migrate().await?;
            let id = server::accounts::service::create_confirmed(
                &db,
                &email,
                &password,
                &given_name,
                &family_name,
            )
            .await?;
            println!("{id}  {email}");
        }
        Command::Staff(cmd) => {
            db.migrate().await?;
            staff(&db, cmd).await?;
        }
        Command::Audit(AuditCommand::Verify { authority }) => {
            db.migrate().await?;
            let found = server::cases::audit::verify(&db, authority.as_deref()).await?;
            for b in &found.breaks {
                println!("BROKEN  {}  entry {}: {}", b.authority, b.seq, b.problem);
            }
            println!(
                "{} chains, {} entries, {} breaks",
                found.chains,
                found.entries,
                found.breaks.len()
            );
            if !found.breaks.is_empty() {
                std::process::exit(1);
            }
        }
        Command::Webhooks(args) => {
            db.migrate().await?;
            webhooks(&db, args.command).await?;
        }
        Command::Export(args) => {
            db.migrate().await?;
            export(&db, args).await?;
        }
        Command::Tenant(cmd) => {
            db.migrate().await?;
            match cmd {
                TenantCommand::AllowOrigin {
                    municipality,
                    origin,
                } => {
                    let origin = tenants::allow_origin(&db, &municipality, &origin).await?;
                    tracing::info!(%municipality, %origin, "origin allowed");
                }
                TenantCommand::RevokeOrigin {
                    municipality,
                    origin,
                } => {
                    let was = tenants::revoke_origin(&db, &municipality, &origin).await?;
                    tracing::info!(%municipality, %origin, was_allowed = was, "origin revoked");
                }
                TenantCommand::Show { municipality } => {
                    let t = tenants::get(&db, &municipality)
                        .await?
                        .with_context(|| format!("{municipality} has no tenant settings"))?;
                    println!("{}", serde_json::to_string_pretty(&t)?);
                }
            }
        }
        Command::Serve(args) => {
            db.migrate().await?;
            let site = Arc::new(http::static_files::Site::load(&args.dist).await);
            let catalogue = catalogue::LiveCatalogue::load(&db).await?;
            if catalogue.get().index.services().is_empty() {
                // Said at every start and by /ready until an import arrives: a portal whose
                // search finds nothing must not look healthy.
                tracing::warn!("{}", http::health::NO_CATALOGUE);
            }
            catalogue.spawn_refresher(
                db.clone(),
                std::time::Duration::from_secs(args.catalogue_refresh_secs.max(1)),
            );
            let attachments = server::attachments::Attachments::open(&args.attachments.location)?;
            if attachments.is_local() && db.backend() == db::Backend::Postgres {
                tracing::warn!(
                    store = attachments.describe(),
                    "attachments in a local folder: only valid with one server or a shared file system"
                );
            }
            let access = server::submissions::AccessKey::load(&db).await?;
            let mailer = match &args.smtp_url {
                Some(url) => Some(server::receipt::mail::Mailer::new(
                    server::receipt::mail::MailConfig {
                        smtp_url: url.clone(),
                        from: args.mail_from.clone(),
                        public_url: args.public_url.clone(),
                    },
                )?),
                None => None,
            };
            server::handoff::outbox::Outbox::new(
                db.clone(),
                attachments.clone(),
                mailer.clone(),
                args.outbox.config(),
            )?
            .with_receipt_key(access.clone())
            .spawn(std::time::Duration::from_millis(
                args.outbox.outbox_poll_ms.max(10),
            ));
            server::submissions::spawn_upload_sweeper(
                db.clone(),
                attachments.clone(),
                std::time::Duration::from_secs(args.upload_retention_days.max(1) * 24 * 3600),
                std::time::Duration::from_secs(3600),
            );
            if let Some(bind) = args.metrics_bind {
                let handle = telemetry::install_metrics()?;
                telemetry::serve_metrics(bind, handle, db.clone()).await?;
            }
            let limits = server::limits::Limits::new(db.clone(), args.limits.config());
            limits.spawn_sweeper();
            let hsts = args
                .hsts
                .unwrap_or_else(|| args.public_url.starts_with("https://"));
            let accounts = server::accounts::Accounts::new(
                db.clone(),
                limits.clone(),
                mailer,
                server::accounts::AccountConfig {
                    idle: std::time::Duration::from_secs(args.session_idle_secs.max(10)),
                    absolute: std::time::Duration::from_secs(args.session_absolute_secs.max(60)),
                    secure_cookie: args
                        .secure_cookie
                        .unwrap_or_else(|| args.public_url.starts_with("https://")),
                    public_url: args.public_url.clone(),
                },
            );
            let accounts = match &args.identity_providers {
                Some(path) => {
                    let file = server::accounts::oidc::ProvidersFile::load(path)
                        .with_context(|| format!("reading {}", path.display()))?;
                    tracing::info!(providers = file.providers.len(), "eID sign-in configured");
                    accounts.with_providers(server::accounts::oidc::Providers::new(
                        file.providers,
                        &args.public_url,
                    )?)
                }
                None => accounts,
            };
            let accounts = match &args.staff_identity_providers {
                Some(path) => {
                    let file = server::accounts::oidc::ProvidersFile::load(path)
                        .with_context(|| format!("reading {}", path.display()))?;
                    tracing::info!(
                        providers = file.providers.len(),
                        "staff sign-in through the organisation's provider configured"
                    );
                    accounts.with_staff_providers(server::accounts::oidc::Providers::with_callback(
                        file.providers,
                        &args.public_url,
                        server::staff::oidc::CALLBACK_PATH,
                    )?)
                }
                None => accounts,
            };
            accounts.spawn_sweeper();
            let payments = payments(&args)?;
            let state = AppState {
                core: Core {
                    db,
                    catalogue,
                    attachments,
                    policy: server::access::Policy::new(access)
                        .with_receipt_token_days(args.receipt_token_days),
                    limits,
                    accounts,
                    payments,
                },
                site,
                trusted_proxies: Arc::new(args.trusted_proxies.clone()),
                hsts,
            };
            server::payments::service::spawn_reconciler(
                state.core.clone(),
                std::time::Duration::from_secs(60),
            );
            server::cases::retention::spawn_sweeper(
                state.core.clone(),
                std::time::Duration::from_secs(3600),
            );
            let listener = tokio::net::TcpListener::bind(args.bind)
                .await
                .with_context(|| format!("binding {}", args.bind))?;
            let addr = listener.local_addr()?;
            // Before saying so: a SIGTERM right after the line must stop it gracefully.
            let shutdown = shutdown_signal();
            tracing::info!(%addr, url = %format!("http://{addr}/"), hsts, "Schalter is listening");
            http::serve::serve(
                listener,
                http::app(state),
                http::serve::ServeConfig {
                    header_timeout: std::time::Duration::from_secs(args.header_timeout_secs.max(1)),
                    ..Default::default()
                },
                shutdown,
            )
            .await?;
            tracing::info!("shut down cleanly");
        }
    }
    Ok(())
}

/// The payment provider `serve` is configured with.
fn payments(args: &server::config::ServeArgs) -> anyhow::Result<server::payments::Payments> {
    use server::payments::datatrans::{Datatrans, DatatransConfig};
    match args.payment_provider.as_deref() {
        None => Ok(server::payments::Payments::default()),
        Some("datatrans") => {
            let need = |v: &Option<String>, name: &str| {
                v.clone()
                    .with_context(|| format!("the payment provider needs {name}"))
            };
            let config = DatatransConfig {
                api_url: args.payment_api_url.clone(),
                page_url: args.payment_page_url.clone(),
                merchant_id: need(&args.payment_merchant_id, "SCHALTER_PAYMENT_MERCHANT_ID")?,
                password: need(&args.payment_password, "SCHALTER_PAYMENT_PASSWORD")?,
                sign_key: hex::decode(need(&args.payment_sign_key, "SCHALTER_PAYMENT_SIGN_KEY")?)
                    .context("SCHALTER_PAYMENT_SIGN_KEY must be hex")?,
            };
            tracing::info!(api = %config.api_url, "online payment through Datatrans configured");
            Ok(server::payments::Payments::new(
                std::sync::Arc::new(Datatrans::new(config)?),
                &args.public_url,
            ))
        }
        Some(other) => anyhow::bail!("unknown payment provider {other:?} (known: datatrans)"),
    }
}

/// `schalter staff …`: prints to standard output.
async fn staff(db: &db::Db, command: StaffCommand) -> anyhow::Result<()> {
    use server::access::staff;
    match command {
        StaffCommand::Create {
            name,
            email,
            authority,
            role,
        } => {
            let m = staff::create(db, &name, &email)
                .await?
                .with_context(|| format!("a staff member with {email} exists already"))?;
            staff::grant(db, &m.id, &authority, role.into()).await?;
            println!(
                "{}  {}  {}  {} at {authority}",
                m.id,
                m.email,
                m.name,
                role.code()
            );
        }
        StaffCommand::Grant {
            email,
            authority,
            role,
        } => {
            let m = staff::by_email(db, &email)
                .await?
                .with_context(|| format!("no staff member {email}"))?;
            staff::grant(db, &m.id, &authority, role.into()).await?;
            println!("{} is {} at {authority}", m.email, role.code());
        }
        StaffCommand::Token { email, days, label } => {
            let m = staff::by_email(db, &email)
                .await?
                .with_context(|| format!("no staff member {email}"))?;
            let (id, token) = staff::issue_token(db, &m.id, &label, days).await?;
            println!("token id  {id}");
            println!("token     {token}");
            println!();
            println!("The token is shown only now; it expires in {days} days.");
        }
        StaffCommand::RevokeToken { id } => {
            anyhow::ensure!(staff::revoke_token(db, &id).await?, "no active token {id}");
            println!("revoked {id}");
        }
        StaffCommand::Password { email, password } => {
            let hasher = server::accounts::passwords::Hasher::new(1, 1);
            anyhow::ensure!(
                server::staff::set_password(db, &hasher, &email, &password).await?,
                "no staff member {email}"
            );
            println!("password set for {email}");
        }
        StaffCommand::Totp { email, secret } => {
            let url = server::staff::enrol_totp(db, &email, secret.as_deref())
                .await?
                .with_context(|| format!("no staff member {email}"))?;
            println!("{url}");
            println!();
            println!(
                "Add this address to an authenticator app (or type its secret); earlier codes stop working."
            );
        }
        StaffCommand::Creditor {
            authority,
            iban,
            bic,
            name,
            street,
            building,
            postcode,
            town,
            country,
            reference_prefix,
        } => {
            let account = contract::payment::CreditorAccount {
                iban,
                bic,
                name,
                street,
                building,
                postcode,
                town,
                country,
                reference_prefix,
            };
            use server::authorities::admin::{AdminError, store_creditor};
            let a = match store_creditor(db, &authority, &account, "cli").await {
                Ok(a) => a,
                Err(AdminError::Invalid(errors)) => {
                    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
                    anyhow::bail!("not a valid account: {}", paths.join(", "));
                }
                Err(e) => return Err(e.into()),
            };
            println!("{authority} is paid to {}", a.iban);
        }
        StaffCommand::List => {
            for (m, roles) in staff::list(db).await? {
                let roles: Vec<String> = roles
                    .iter()
                    .map(|(a, r)| format!("{} at {a}", r.code()))
                    .collect();
                println!("{}  {}  {}  {}", m.id, m.email, m.name, roles.join(", "));
            }
        }
    }
    Ok(())
}

/// `schalter webhooks add|list|remove`: prints to standard output.
async fn webhooks(db: &db::Db, command: WebhooksCommand) -> anyhow::Result<()> {
    use server::handoff::webhook;
    match command {
        WebhooksCommand::Add {
            authority,
            url,
            format,
        } => {
            let e = webhook::add_endpoint(db, &authority, &url, format).await?;
            println!("endpoint   {}", e.id);
            println!("authority  {}", e.authority_id);
            println!("url        {}", e.url);
            println!("format     {}", e.format.code());
            println!("secret     {}", e.secret);
            println!();
            println!("The secret is shown only now: give it to the receiving application.");
        }
        WebhooksCommand::List => {
            for e in webhook::list_endpoints(db).await? {
                println!(
                    "{}  {}  {}  {}  {}",
                    e.id,
                    e.authority_id,
                    e.format.code(),
                    if e.active { "active" } else { "inactive" },
                    e.url
                );
            }
        }
        WebhooksCommand::Remove { id } => {
            anyhow::ensure!(
                webhook::remove_endpoint(db, &id).await?,
                "no webhook endpoint {id}"
            );
            println!("removed {id}");
        }
    }
    Ok(())
}

/// `schalter export <reference> --format …`: to a file or standard output.
async fn export(db: &db::Db, args: server::config::ExportArgs) -> anyhow::Result<()> {
    use server::handoff::export;
    let reference = contract::submission::reference::parse(&args.reference)
        .with_context(|| format!("{:?} is not a reference number", args.reference))?;
    let attachments = server::attachments::Attachments::open(&args.attachments.location)?;
    let bundle = export::load_by_reference(db, &attachments, &reference)
        .await?
        .with_context(|| format!("no submission {reference}"))?;
    let message_id = uuid::Uuid::new_v4().to_string();
    let body = export::render(&bundle, args.format, &message_id)?;
    match &args.out {
        Some(path) => {
            std::fs::write(path, &body).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(&body)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// `schalter backup --to <dir>`: prints a summary to standard output.
async fn backup(database_url: &str, args: &server::config::BackupArgs) -> anyhow::Result<()> {
    let manifest =
        server::backup::backup_url(database_url, &args.attachments.location, &args.to).await?;
    println!(
        "backup written to {}: {}",
        args.to.display(),
        manifest.summary()
    );
    Ok(())
}

/// `schalter restore --from <dir> [--force]`: prints a summary to standard output.
async fn restore(database_url: &str, args: &server::config::RestoreArgs) -> anyhow::Result<()> {
    let restored = server::backup::restore(
        database_url,
        &args.attachments.location,
        &args.from,
        args.force,
    )
    .await?;
    println!(
        "restored from {}: {}; the database is now at migration {} with {} submissions",
        args.from.display(),
        restored.manifest.summary(),
        restored.schema_version,
        restored.submissions
    );
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C; in-flight requests then finish before the server exits.
/// The signals are caught from the call on, not from the first poll (until then SIGTERM would
/// kill the process at once).
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let listen = |kind: SignalKind, name: &'static str| {
        let stream = signal(kind);
        async move {
            match stream {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot listen for {name}");
                    std::future::pending::<()>().await;
                }
            }
        }
    };
    let interrupt = listen(SignalKind::interrupt(), "SIGINT");
    let terminate = listen(SignalKind::terminate(), "SIGTERM");
    async move {
        tokio::select! {
            () = interrupt => {},
            () = terminate => {},
        }
        tracing::info!("shutdown signal received, finishing in-flight requests");
    }
}
