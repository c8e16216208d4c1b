//! The tenant tables: each municipality's settings for the embedded search widget (see
//! [`catalog::tenants`] for what they mean and how they are checked). Every request reads them
//! from the database, so a change is seen at once by every server instance.

use crate::db::Db;
use anyhow::Context;
use catalog::tenants::{Colours, Tenant, normalise_origin};
use contract::Lang;

/// Replaces every tenant with `tenants` in one transaction.
pub async fn replace(db: &Db, tenants: &[Tenant]) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await?;
    sqlx::query("DELETE FROM tenant_origins")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM tenants").execute(&mut *tx).await?;
    for t in tenants {
        let languages: Vec<&str> = t.languages.iter().map(|l| l.code()).collect();
        sqlx::query(
            "INSERT INTO tenants (municipality, name, logo_url, accent, on_accent, text_colour, \
             background, languages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(t.municipality.clone())
        .bind(t.name.clone())
        .bind(t.logo_url.clone())
        .bind(t.colours.accent.clone())
        .bind(t.colours.on_accent.clone())
        .bind(t.colours.text.clone())
        .bind(t.colours.background.clone())
        .bind(languages.join(" "))
        .execute(&mut *tx)
        .await?;
        for o in &t.origins {
            sqlx::query("INSERT INTO tenant_origins (municipality, origin) VALUES ($1, $2)")
                .bind(t.municipality.clone())
                .bind(o.clone())
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// How many municipalities have settings.
pub async fn count(db: &Db) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM tenants")
        .fetch_one(db.pool())
        .await?)
}

/// A municipality's settings, if it has any.
pub async fn get(db: &Db, municipality: &str) -> Result<Option<Tenant>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct TenantRow {
        municipality: String,
        name: String,
        logo_url: Option<String>,
        accent: String,
        on_accent: String,
        text_colour: String,
        background: String,
        languages: String,
    }
    let Some(row): Option<TenantRow> = sqlx::query_as(
        "SELECT municipality, name, logo_url, accent, on_accent, text_colour, background, \
         languages FROM tenants WHERE municipality = $1",
    )
    .bind(municipality.to_owned())
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let origins = sqlx::query_scalar(
        "SELECT origin FROM tenant_origins WHERE municipality = $1 ORDER BY origin",
    )
    .bind(municipality.to_owned())
    .fetch_all(db.pool())
    .await?;
    Ok(Some(Tenant {
        municipality: row.municipality,
        name: row.name,
        logo_url: row.logo_url,
        colours: Colours {
            accent: row.accent,
            on_accent: row.on_accent,
            text: row.text_colour,
            background: row.background,
        },
        languages: row
            .languages
            .split_whitespace()
            .filter_map(|l| l.parse::<Lang>().ok())
            .collect(),
        origins,
    }))
}

/// Adds an origin to a municipality's allow-list (development); returns it as stored.
pub async fn allow_origin(db: &Db, municipality: &str, origin: &str) -> anyhow::Result<String> {
    let origin = normalise_origin(origin)?;
    get(db, municipality)
        .await?
        .with_context(|| format!("{municipality} has no tenant settings (import them first)"))?;
    sqlx::query("DELETE FROM tenant_origins WHERE municipality = $1 AND origin = $2")
        .bind(municipality.to_owned())
        .bind(origin.clone())
        .execute(db.pool())
        .await?;
    sqlx::query("INSERT INTO tenant_origins (municipality, origin) VALUES ($1, $2)")
        .bind(municipality.to_owned())
        .bind(origin.clone())
        .execute(db.pool())
        .await?;
    Ok(origin)
}

/// Takes an origin off a municipality's allow-list; returns whether it was on it.
pub async fn revoke_origin(db: &Db, municipality: &str, origin: &str) -> anyhow::Result<bool> {
    let origin = normalise_origin(origin)?;
    let done = sqlx::query("DELETE FROM tenant_origins WHERE municipality = $1 AND origin = $2")
        .bind(municipality.to_owned())
        .bind(origin)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() > 0)
}
