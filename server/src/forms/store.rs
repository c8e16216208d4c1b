//! The form tables: every template version and overlay revision as published, never changed.

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

/// A template version; the newest when `version` is `None`.
pub async fn template(
    db: &Db,
    id: &str,
    version: Option<u32>,
) -> StoreResult<Option<FormDefinition>> {
    let json: Option<String> =
        match version {
            Some(v) => {
                sqlx::query_scalar(
                    "SELECT definition FROM form_templates WHERE id = $1 AND version = $2",
                )
                .bind(id)
                .bind(i64::from(v))
                .fetch_optional(db.pool())
                .await?
            }
            None => sqlx::query_scalar(
                "SELECT definition FROM form_templates WHERE id = $1 ORDER BY version DESC LIMIT 1",
            )
            .bind(id)
            .fetch_optional(db.pool())
            .await?,
        };
    Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
}

/// A municipality's overlay revision; the newest when `revision` is `None`.
pub async fn overlay(
    db: &Db,
    form: &str,
    municipality: &str,
    revision: Option<u32>,
) -> StoreResult<Option<Overlay>> {
    let json: Option<String> = match revision {
        Some(r) => sqlx::query_scalar(
            "SELECT overlay FROM form_overlays WHERE form_id = $1 AND municipality = $2 AND revision = $3",
        )
        .bind(form)
        .bind(municipality)
        .bind(i64::from(r))
        .fetch_optional(db.pool())
        .await?,
        None => sqlx::query_scalar(
            "SELECT overlay FROM form_overlays WHERE form_id = $1 AND municipality = $2 \
             ORDER BY revision DESC LIMIT 1",
        )
        .bind(form)
        .bind(municipality)
        .fetch_optional(db.pool())
        .await?,
    };
    Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
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
    let Some(template) = template(db, id, version.map(|v| v.0)).await? else {
        return Ok(None);
    };
    let overlay = match (municipality, version) {
        (_, Some((_, 0))) | (None, _) => None,
        (Some(m), Some((_, r))) => match overlay(db, id, m, Some(r)).await? {
            Some(o) => Some(o),
            None => return Ok(None),
        },
        (Some(m), None) => overlay(db, id, m, None).await?,
    };
    if version.is_some_and(|(_, r)| r > 0) && overlay.is_none() {
        return Ok(None);
    }
    Ok(Some(match overlay {
        Some(o) => apply(&template, &o).0,
        None => template,
    }))
}

/// When each version of a form was published, and each revision of one municipality's
/// overlay: `(template versions, overlay revisions)`, each `(number, RFC 3339 time)`.
pub async fn publications(
    db: &Db,
    id: &str,
    municipality: &str,
) -> StoreResult<(Vec<(u32, String)>, Vec<(u32, String)>)> {
    let templates: Vec<(i64, String)> =
        sqlx::query_as("SELECT version, imported_at FROM form_templates WHERE id = $1")
            .bind(id)
            .fetch_all(db.pool())
            .await?;
    let overlays: Vec<(i64, String)> = sqlx::query_as(
        "SELECT revision, imported_at FROM form_overlays WHERE form_id = $1 AND municipality = $2",
    )
    .bind(id)
    .bind(municipality)
    .fetch_all(db.pool())
    .await?;
    let narrow = |v: Vec<(i64, String)>| {
        v.into_iter()
            .map(|(n, at)| (u32::try_from(n).unwrap_or(0), at))
            .collect()
    };
    Ok((narrow(templates), narrow(overlays)))
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
