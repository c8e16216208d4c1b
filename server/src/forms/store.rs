//! The form tables: every template version and overlay revision as published, never changed.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use sqlx::AnyConnection;

use crate::db::{Db, StoreResult};
use anyhow::ensure;
use catalog::forms::FormSet;
use contract::form::overlay::{OverlayStatus, apply, template_changes};
use contract::form::{FormDefinition, Overlay};

/// Publishes a form set: new versions and revisions are inserted; one already stored must be
/// identical (a published version is immutable — change it by publishing a new one). Nothing
/// is deleted: drafts and submissions keep naming old versions.
pub async fn publish(db: &Db, set: &FormSet) -> anyhow::Result<(usize, usize)> {
    let now = jiff::Timestamp::now().to_string();
    let mut tx = db.pool().begin().await?;
    let mut added = (0, 0);
    for ((id, version), t) in &set.templates {
        let stored: Option<String> = sqlx::query_scalar(
            "SELECT definition FROM form_templates WHERE id = $1 AND version = $2",
        )
        .bind(id)
        .bind(i64::from(*version))
        .fetch_optional(&mut *tx)
        .await?;
        match stored {
            Some(json) => {
                let old: FormDefinition = serde_json::from_str(&json)?;
                ensure!(
                    old == t.doc,
                    "form {id} version {version} is already published with other content; publish a new version"
                );
            }
            None => {
                sqlx::query(
                    "INSERT INTO form_templates (id, version, owner, country, definition, imported_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(id)
                .bind(i64::from(*version))
                .bind(&t.doc.owner)
                .bind(&t.doc.country)
                .bind(&t.json)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
                added.0 += 1;
            }
        }
    }
    for ((form, m, revision), o) in &set.overlays {
        let stored: Option<String> = sqlx::query_scalar(
            "SELECT overlay FROM form_overlays WHERE form_id = $1 AND municipality = $2 AND revision = $3",
        )
        .bind(form)
        .bind(m)
        .bind(i64::from(*revision))
        .fetch_optional(&mut *tx)
        .await?;
        match stored {
            Some(json) => {
                let old: Overlay = serde_json::from_str(&json)?;
                ensure!(
                    old == o.doc,
                    "overlay of {form} for {m} revision {revision} is already published with other content"
                );
            }
            None => {
                sqlx::query(
                    "INSERT INTO form_overlays (form_id, municipality, revision, based_on, overlay, imported_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(form)
                .bind(m)
                .bind(i64::from(*revision))
                .bind(i64::from(o.doc.based_on))
                .bind(&o.json)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
                added.1 += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// Publishes one overlay revision (from the overlay editor); false when that revision exists
/// already (another administrator published it a moment earlier).
pub async fn publish_overlay(db: &Db, o: &Overlay) -> StoreResult<bool> {
    let json =
        serde_json::to_string(o).map_err(|e| crate::db::StoreError::Corrupt(e.to_string()))?;
    let done = sqlx::query(
        "INSERT INTO form_overlays (form_id, municipality, revision, based_on, overlay, imported_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (form_id, municipality, revision) DO NOTHING",
    )
    .bind(&o.form)
    .bind(&o.municipality)
    .bind(i64::from(o.revision))
    .bind(i64::from(o.based_on))
    .bind(json)
    .bind(jiff::Timestamp::now().to_string())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The newest version of every form: (id, owner).
pub async fn owners(db: &Db) -> StoreResult<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT t.id, t.owner FROM form_templates t \
         WHERE t.version = (SELECT MAX(version) FROM form_templates WHERE id = t.id) ORDER BY t.id",
    )
    .fetch_all(db.pool())
    .await?)
}

/// What a process keeps of the template versions and overlay revisions it read, parsed: both
/// are immutable once published ([`publish`]), so each is read and parsed once per database
/// ([`Db::instance`]) and process. When full it starts over.
#[derive(Default)]
struct Parsed {
    templates: HashMap<(u64, String, u32), Arc<FormDefinition>>,
    overlays: HashMap<(u64, String, String, u32), Arc<Overlay>>,
    /// Templates with an overlay revision applied: by (database, form, municipality,
    /// template version, overlay revision), as immutable as their parts.
    effective: HashMap<(u64, String, String, u32, u32), Arc<FormDefinition>>,
}

/// Entries [`Parsed`] holds at most of each kind (a parsed template is some tens of KB).
const MAX_PARSED: usize = 256;

fn parsed() -> std::sync::MutexGuard<'static, Parsed> {
    static PARSED: LazyLock<Mutex<Parsed>> = LazyLock::new(Default::default);
    PARSED.lock().unwrap_or_else(|e| e.into_inner())
}

/// A template version; the newest when `version` is `None`.
pub async fn template(
    db: &Db,
    id: &str,
    version: Option<u32>,
) -> StoreResult<Option<FormDefinition>> {
    Ok(template_shared(db, id, version)
        .await?
        .map(Arc::unwrap_or_clone))
}

/// [`template`], shared with the process's copy.
pub async fn template_shared(
    db: &Db,
    id: &str,
    version: Option<u32>,
) -> StoreResult<Option<Arc<FormDefinition>>> {
    template_in(&mut *db.pool().acquire().await?, db.instance(), id, version).await
}

/// [`template_shared`] on a connection of the caller's to database `instance`.
pub async fn template_in(
    conn: &mut AnyConnection,
    instance: u64,
    id: &str,
    version: Option<u32>,
) -> StoreResult<Option<Arc<FormDefinition>>> {
    let v = match version {
        Some(v) => v,
        None => {
            let newest: Option<i64> =
                sqlx::query_scalar("SELECT MAX(version) FROM form_templates WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
            match newest.and_then(|v| u32::try_from(v).ok()) {
                Some(v) => v,
                None => return Ok(None),
            }
        }
    };
    let key = (instance, id.to_owned(), v);
    if let Some(t) = parsed().templates.get(&key) {
        return Ok(Some(t.clone()));
    }
    let json: Option<String> =
        sqlx::query_scalar("SELECT definition FROM form_templates WHERE id = $1 AND version = $2")
            .bind(id)
            .bind(i64::from(v))
            .fetch_optional(&mut *conn)
            .await?;
    let Some(json) = json else { return Ok(None) };
    let t = Arc::new(serde_json::from_str::<FormDefinition>(&json)?);
    let mut cache = parsed();
    if cache.templates.len() >= MAX_PARSED {
        cache.templates.clear();
    }
    cache.templates.insert(key, t.clone());
    Ok(Some(t))
}

/// A municipality's overlay revision; the newest when `revision` is `None`.
pub async fn overlay(
    db: &Db,
    form: &str,
    municipality: &str,
    revision: Option<u32>,
) -> StoreResult<Option<Overlay>> {
    let mut conn = db.pool().acquire().await?;
    Ok(
        overlay_in(&mut conn, db.instance(), form, municipality, revision)
            .await?
            .map(Arc::unwrap_or_clone),
    )
}

/// [`overlay`] on a connection of the caller's to database `instance`, shared with the
/// process's copy.
async fn overlay_in(
    conn: &mut AnyConnection,
    instance: u64,
    form: &str,
    municipality: &str,
    revision: Option<u32>,
) -> StoreResult<Option<Arc<Overlay>>> {
    let r = match revision {
        Some(r) => r,
        None => {
            let newest: Option<i64> = sqlx::query_scalar(
                "SELECT MAX(revision) FROM form_overlays WHERE form_id = $1 AND municipality = $2",
            )
            .bind(form)
            .bind(municipality)
            .fetch_one(&mut *conn)
            .await?;
            match newest.and_then(|r| u32::try_from(r).ok()) {
                Some(r) => r,
                None => return Ok(None),
            }
        }
    };
    let key = (instance, form.to_owned(), municipality.to_owned(), r);
    if let Some(o) = parsed().overlays.get(&key) {
        return Ok(Some(o.clone()));
    }
    let json: Option<String> = sqlx::query_scalar(
        "SELECT overlay FROM form_overlays WHERE form_id = $1 AND municipality = $2 AND revision = $3",
    )
    .bind(form)
    .bind(municipality)
    .bind(i64::from(r))
    .fetch_optional(&mut *conn)
    .await?;
    let Some(json) = json else { return Ok(None) };
    let o = Arc::new(serde_json::from_str::<Overlay>(&json)?);
    let mut cache = parsed();
    if cache.overlays.len() >= MAX_PARSED {
        cache.overlays.clear();
    }
    cache.overlays.insert(key, o.clone());
    Ok(Some(o))
}

/// The form a municipality serves: the template version with its overlay revision applied.
/// `version` is a tag `"<template>.<overlay>"`; `None` means the current one. `Ok(None)` when
/// that version does not exist.
pub async fn effective(
    db: &Db,
    id: &str,
    municipality: Option<&str>,
    version: Option<(u32, u32)>,
) -> StoreResult<Option<FormDefinition>> {
    let mut conn = db.pool().acquire().await?;
    effective_in(&mut conn, db.instance(), id, municipality, version).await
}

/// [`effective`] on a connection of the caller's to database `instance`.
pub async fn effective_in(
    conn: &mut AnyConnection,
    instance: u64,
    id: &str,
    municipality: Option<&str>,
    version: Option<(u32, u32)>,
) -> StoreResult<Option<FormDefinition>> {
    let Some(template) = template_in(conn, instance, id, version.map(|v| v.0)).await? else {
        return Ok(None);
    };
    let overlay = match (municipality, version) {
        (_, Some((_, 0))) | (None, _) => None,
        (Some(m), Some((_, r))) => match overlay_in(conn, instance, id, m, Some(r)).await? {
            Some(o) => Some(o),
            None => return Ok(None),
        },
        (Some(m), None) => overlay_in(conn, instance, id, m, None).await?,
    };
    if version.is_some_and(|(_, r)| r > 0) && overlay.is_none() {
        return Ok(None);
    }
    Ok(Some(match overlay {
        Some(o) => apply(&template, &o).0,
        None => Arc::unwrap_or_clone(template),
    }))
}

/// [`effective_in`] of an exact version (template, overlay revision) for a municipality,
/// shared with the process's copy: both parts are immutable once published, so the overlay is
/// applied once per version and process, whatever another process publishes meanwhile (a
/// new publication is a new version, read from the database by the caller).
pub async fn effective_shared_in(
    conn: &mut AnyConnection,
    instance: u64,
    id: &str,
    municipality: &str,
    version: (u32, u32),
) -> StoreResult<Option<Arc<FormDefinition>>> {
    if version.1 == 0 {
        // No overlay: the template as it is.
        return template_in(conn, instance, id, Some(version.0)).await;
    }
    let key = (
        instance,
        id.to_owned(),
        municipality.to_owned(),
        version.0,
        version.1,
    );
    if let Some(f) = parsed().effective.get(&key) {
        return Ok(Some(f.clone()));
    }
    let Some(form) = effective_in(conn, instance, id, Some(municipality), Some(version)).await?
    else {
        return Ok(None);
    };
    let form = Arc::new(form);
    let mut cache = parsed();
    if cache.effective.len() >= MAX_PARSED {
        cache.effective.clear();
    }
    cache.effective.insert(key, form.clone());
    Ok(Some(form))
}

/// When each version of a form was published, and each revision of one municipality's
/// overlay: `(template versions, overlay revisions)`, each `(number, RFC 3339 time)`.
pub async fn publications(
    db: &Db,
    id: &str,
    municipality: &str,
) -> StoreResult<(Vec<(u32, String)>, Vec<(u32, String)>)> {
    publications_in(&mut *db.pool().acquire().await?, id, municipality).await
}

/// [`publications`] on a connection of the caller's.
pub async fn publications_in(
    conn: &mut AnyConnection,
    id: &str,
    municipality: &str,
) -> StoreResult<(Vec<(u32, String)>, Vec<(u32, String)>)> {
    // One query: kind 0 a template version, 1 an overlay revision.
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT 0 AS kind, version, imported_at FROM form_templates WHERE id = $1 \
         UNION ALL SELECT 1, revision, imported_at FROM form_overlays \
         WHERE form_id = $1 AND municipality = $2",
    )
    .bind(id)
    .bind(municipality)
    .fetch_all(conn)
    .await?;
    let (mut templates, mut overlays) = (Vec::new(), Vec::new());
    for (kind, n, at) in rows {
        let n = u32::try_from(n).unwrap_or(0);
        if kind == 0 {
            templates.push((n, at));
        } else {
            overlays.push((n, at));
        }
    }
    Ok((templates, overlays))
}

/// Parses a version tag `"2.1"`.
pub fn parse_version(tag: &str) -> Option<(u32, u32)> {
    let (t, r) = tag.split_once('.')?;
    Some((t.parse().ok()?, r.parse().ok()?))
}

/// How a municipality's overlay stands against the current template.
pub async fn overlay_status(
    db: &Db,
    id: &str,
    municipality: &str,
) -> StoreResult<Option<OverlayStatus>> {
    let (Some(current), Some(o)) = (
        template(db, id, None).await?,
        overlay(db, id, municipality, None).await?,
    ) else {
        return Ok(None);
    };
    let changes = if o.based_on < current.version {
        match template(db, id, Some(o.based_on)).await? {
            Some(old) => template_changes(&old, &current),
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let (_, issues) = apply(&current, &o);
    Ok(Some(OverlayStatus {
        form: id.to_owned(),
        municipality: municipality.to_owned(),
        revision: o.revision,
        based_on: o.based_on,
        template_version: current.version,
        changes,
        issues,
    }))
}
