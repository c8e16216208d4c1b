//! The `schalter` binary: `serve`, `migrate`, `import`, `webhooks`, `export`.

use anyhow::Context;
use clap::Parser;
use server::config::{Cli, Command, TenantCommand, WebhooksCommand};
use server::{AppState, catalogue, db, http, telemetry, tenants};
use std::sync::Arc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(cli.log_format);
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
            catalogue.spawn_refresher(
                db.clone(),
                std::time::Duration::from_secs(args.catalogue_refresh_secs.max(1)),
            );
            let attachments = server::attachments::Attachments::open(&args.attachments)?;
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
                mailer,
                args.outbox.config(),
            )?
            .spawn(std::time::Duration::from_millis(
                args.outbox.outbox_poll_ms.max(10),
            ));
            server::submissions::spawn_upload_sweeper(
                db.clone(),
                attachments.clone(),
                std::time::Duration::from_secs(args.upload_retention_days.max(1) * 24 * 3600),
                std::time::Duration::from_secs(3600),
            );
            let state = AppState {
                db,
                site,
                catalogue,
                attachments,
                access,
            };
            let listener = tokio::net::TcpListener::bind(args.bind)
                .await
                .with_context(|| format!("binding {}", args.bind))?;
            let addr = listener.local_addr()?;
            tracing::info!(%addr, url = %format!("http://{addr}/"), "Schalter is listening");
            axum::serve(listener, http::app(state))
                .with_graceful_shutdown(shutdown_signal())
                .await?;
            tracing::info!("shut down cleanly");
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
    let attachments = server::attachments::Attachments::open(&args.attachments)?;
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

/// Resolves on SIGTERM or Ctrl-C; in-flight requests then finish before the server exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}
