//! Reading and writing the catalogue tables. Rows carry JSON documents where the shape is the
//! catalogue's own (services, offices); the columns that queries filter on are real columns.

use crate::db::Db;
use anyhow::Context;
use catalog::directory::{Offering, Office};
use catalog::model::{Country, Level, Service};
use catalog::places::{Place, PlaceKind};

/// Everything the catalogue consists of, as stored.
#[derive(Debug, Default, Clone)]
pub struct CatalogueData {
    /// The authority tree.
    pub places: Vec<Place>,
    /// Offices with contact data.
    pub offices: Vec<Office>,
    /// Services (one row per country variant).
    pub services: Vec<Service>,
    /// Responsibilities.
    pub offerings: Vec<Offering>,
    /// Search vocabulary documents by source name (JSON).
    pub vocabulary: Vec<(String, String)>,
    /// Online forms by id with the authority that publishes them (read from the form tables).
    pub form_owners: Vec<(String, String)>,
}

fn to_text<T: serde::Serialize>(v: &T) -> anyhow::Result<String> {
    // Enums serialise as JSON strings; the column stores the bare word.
    Ok(serde_json::to_value(v)?
        .as_str()
        .context("not a string enum")?
        .to_owned())
}

fn from_text<T: serde::de::DeserializeOwned>(s: &str) -> anyhow::Result<T> {
    Ok(serde_json::from_value(serde_json::Value::String(
        s.to_owned(),
    ))?)
}

/// Replaces the whole catalogue in one transaction: readers see the old or the new one.
pub async fn replace(db: &Db, data: &CatalogueData) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await?;
    for table in ["offerings", "services", "offices", "search_vocabulary"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *tx)
            .await?;
    }
    // Children before parents when deleting places.
    sqlx::query("UPDATE places SET parent_id = NULL")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM places").execute(&mut *tx).await?;

    // Parents first: the list is ordered country, states, districts, municipalities.
    let mut places: Vec<&Place> = data.places.iter().collect();
    places.sort_by_key(|p| match p.kind {
        PlaceKind::Country => 0,
        PlaceKind::State => 1,
        PlaceKind::District => 2,
        PlaceKind::Municipality => 3,
    });
    insert_rows(
        &mut tx,
        "places (id, parent_id, kind, country, name, state_code, postcodes)",
        7,
        &places,
        |q, p| {
            Ok(q.bind(p.id.clone())
                .bind(p.parent.clone())
                .bind(to_text(&p.kind)?)
                .bind(to_text(&p.country)?)
                .bind(p.name.clone())
                .bind(p.state_code.clone())
                .bind(p.postcodes.join(" ")))
        },
    )
    .await?;
    insert_rows(
        &mut tx,
        "offices (id, place_id, data)",
        3,
        &data.offices,
        |q, o| {
            Ok(q.bind(o.id.clone())
                .bind(o.place_id.clone())
                .bind(serde_json::to_string(o)?))
        },
    )
    .await?;
    insert_rows(
        &mut tx,
        "services (id, country, data)",
        3,
        &data.services,
        |q, s| {
            Ok(q.bind(s.id.clone())
                .bind(to_text(&s.country)?)
                .bind(serde_json::to_string(s)?))
        },
    )
    .await?;
    insert_rows(
        &mut tx,
        "offerings (service_id, country, scope_id, responsible, office_id, offered)",
        6,
        &data.offerings,
        |q, o| {
            Ok(q.bind(o.service_id.clone())
                .bind(to_text(&o.country)?)
                .bind(o.scope_id.clone())
                .bind(to_text(&o.responsible)?)
                .bind(o.office_id.clone())
                .bind(i64::from(o.offered)))
        },
    )
    .await?;
    for (source, json) in &data.vocabulary {
        sqlx::query("INSERT INTO search_vocabulary (source, data) VALUES ($1, $2)")
            .bind(source.clone())
            .bind(json.clone())
            .execute(&mut *tx)
            .await?;
    }
    let version = format!(
        "{}-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis()),
        data.services.len()
    );
    set_meta(&mut tx, "catalogue_version", &version).await?;
    tx.commit().await?;
    Ok(())
}

async fn set_meta(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    key: &str,
    value: &str,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM portal_meta WHERE key = $1")
        .bind(key.to_owned())
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO portal_meta (key, value) VALUES ($1, $2)")
        .bind(key.to_owned())
        .bind(value.to_owned())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Inserts `rows` into `target` ("table (columns…)") in multi-row statements of at most 100
/// rows; `bind` binds one row's `cols` values in column order.
async fn insert_rows<T>(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    target: &str,
    cols: usize,
    rows: &[T],
    bind: impl for<'q> Fn(AnyQuery<'q>, &T) -> anyhow::Result<AnyQuery<'q>>,
) -> anyhow::Result<()> {
    for chunk in rows.chunks(100) {
        let mut sql = format!("INSERT INTO {target} VALUES ");
        push_placeholders(&mut sql, chunk.len(), cols);
        let mut q = sqlx::query(&sql);
        for row in chunk {
            q = bind(q, row)?;
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// `(…), (…)` with numbered placeholders, portable across SQLite and PostgreSQL.
fn push_placeholders(sql: &mut String, rows: usize, cols: usize) {
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * cols + c + 1));
        }
        sql.push(')');
    }
}

/// The version stamp of the stored catalogue (changes with every import), if any.
pub async fn version(db: &Db) -> anyhow::Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM portal_meta WHERE key = 'catalogue_version'")
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The ids of the stored municipalities.
pub async fn municipality_ids(db: &Db) -> anyhow::Result<std::collections::HashSet<String>> {
    let kind = to_text(&PlaceKind::Municipality)?;
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM places WHERE kind = $1")
        .bind(kind)
        .fetch_all(db.pool())
        .await?;
    Ok(ids.into_iter().collect())
}

/// Loads the whole catalogue.
pub async fn load(db: &Db) -> anyhow::Result<CatalogueData> {
    #[derive(sqlx::FromRow)]
    struct PlaceRow {
        id: String,
        parent_id: Option<String>,
        kind: String,
        country: String,
        name: String,
        state_code: String,
        postcodes: String,
    }
    #[derive(sqlx::FromRow)]
    struct OfferingRow {
        service_id: String,
        country: String,
        scope_id: String,
        responsible: String,
        office_id: Option<String>,
        offered: i64,
    }
    let mut data = CatalogueData::default();
    let places: Vec<PlaceRow> = sqlx::query_as(
        "SELECT id, parent_id, kind, country, name, state_code, postcodes FROM places",
    )
    .fetch_all(db.pool())
    .await?;
    for r in places {
        data.places.push(Place {
            id: r.id,
            parent: r.parent_id,
            kind: from_text(&r.kind)?,
            country: from_text(&r.country)?,
            name: r.name,
            state_code: r.state_code,
            postcodes: r.postcodes.split_whitespace().map(str::to_owned).collect(),
        });
    }
    let offices: Vec<String> = sqlx::query_scalar("SELECT data FROM offices")
        .fetch_all(db.pool())
        .await?;
    for json in offices {
        data.offices.push(serde_json::from_str(&json)?);
    }
    let services: Vec<String> =
        sqlx::query_scalar("SELECT data FROM services ORDER BY id, country")
            .fetch_all(db.pool())
            .await?;
    for json in services {
        data.services.push(serde_json::from_str(&json)?);
    }
    let offerings: Vec<OfferingRow> = sqlx::query_as(
        "SELECT service_id, country, scope_id, responsible, office_id, offered FROM offerings",
    )
    .fetch_all(db.pool())
    .await?;
    for r in offerings {
        data.offerings.push(Offering {
            service_id: r.service_id,
            country: from_text::<Country>(&r.country)?,
            scope_id: r.scope_id,
            responsible: from_text::<Level>(&r.responsible)?,
            office_id: r.office_id,
            offered: r.offered != 0,
        });
    }
    data.vocabulary = sqlx::query_as("SELECT source, data FROM search_vocabulary ORDER BY source")
        .fetch_all(db.pool())
        .await?;
    data.form_owners = crate::forms::store::owners(db).await?;
    Ok(data)
}
