//! The `schalter` binary: `serve`, `migrate`, `import`.

use anyhow::Context;
use clap::Parser;
use server::config::{Cli, Command, TenantCommand};
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
            let state = AppState {
                db,
                site,
                catalogue,
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
