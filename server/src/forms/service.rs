//! Online forms as typed operations: the effective form of a municipality, validating answers
//! with the browser's code, and (for the municipality's staff) how its overlay stands against
//! the current template. Nothing here knows HTTP.

use std::sync::Arc;

use catalog::model::Country;
use catalog::places::Place;
use contract::api::{FormResponse, ValidateRequest, ValidateResponse};
use contract::form::facts::FormFacts;
use contract::form::overlay::OverlayStatus;
use contract::form::{Context, FormDefinition};

use super::store;
use crate::Core;
use crate::access::{Action, Actor, Denial, Resource};
use crate::catalogue::Catalogue;
use crate::catalogue::service::{
    LookupError, MAX_ID_CHARS, bounded, find_municipality, municipality_ref, parse_lang,
};
use crate::db::StoreError;

/// Why a form operation failed.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    /// A malformed or unknown language, municipality, or an over-long parameter.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// No form with that id.
    #[error("no such form")]
    NotFound,
    /// The municipality lies outside the form's owner (Thüringen's form for a Swiss commune).
    #[error("{municipality} does not offer the form of {owner}")]
    NotOffered {
        /// The owner's name.
        owner: String,
        /// The municipality's name.
        municipality: String,
    },
    /// The version asked for does not exist for this municipality.
    #[error("form {form} has no version {version}")]
    UnknownVersion {
        /// The form id.
        form: String,
        /// The version tag asked for.
        version: String,
    },
    /// The version exists but was never this municipality's form (a bare template where the
    /// municipality has an overlay, a revision superseded before it took effect).
    #[error("form {form} version {version} was never offered here")]
    NeverOffered {
        /// The form id.
        form: String,
        /// The version tag.
        version: String,
    },
    /// The version was this municipality's form, but a newer one has been in force for longer
    /// than the publisher lets drafts of the old one be submitted.
    #[error("form {form} version {version} expired on {until}")]
    VersionExpired {
        /// The form id.
        form: String,
        /// The version tag.
        version: String,
        /// Until when it could be submitted (RFC 3339).
        until: String,
    },
    /// A version tag that is not `<template>.<overlay>`.
    #[error("malformed version {0:?}")]
    MalformedVersion(String),
    /// The policy refused.
    #[error("access denied: {0:?}")]
    Denied(Denial),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Denial> for FormError {
    fn from(d: Denial) -> Self {
        FormError::Denied(d)
    }
}

/// Parses a version tag `"2.1"`; `None` when absent or empty.
pub fn version_param(v: Option<&str>) -> Result<Option<(u32, u32)>, FormError> {
    match v {
        None | Some("") => Ok(None),
        Some(tag) => store::parse_version(tag)
            .map(Some)
            .ok_or_else(|| FormError::MalformedVersion(tag.chars().take(MAX_ID_CHARS).collect())),
    }
}

/// Refuses a municipality outside the form's owner.
fn check_offered(
    cat: &Catalogue,
    form: &FormDefinition,
    municipality: &str,
) -> Result<(), FormError> {
    let chain = cat.directory.chain(municipality);
    if chain.iter().any(|p| p.id == form.owner) {
        return Ok(());
    }
    let owner = cat
        .directory
        .place(&form.owner)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| form.owner.clone());
    let name = chain.first().map(|p| p.name.clone()).unwrap_or_default();
    Err(FormError::NotOffered {
        owner,
        municipality: name,
    })
}

/// The form a request names: `NotFound` for an unknown form, `NotOffered` outside the
/// template's owner, `UnknownVersion` for a version (tag `"2.1"`; current when absent) not
/// stored for this municipality.
pub async fn load(
    core: &Core,
    cat: &Catalogue,
    id: &str,
    m: Option<&Place>,
    version_tag: Option<&str>,
) -> Result<FormDefinition, FormError> {
    bounded("id", id, MAX_ID_CHARS)?;
    let version = version_param(version_tag)?;
    let template = store::template(&core.db, id, None)
        .await?
        .ok_or(FormError::NotFound)?;
    if let Some(m) = m {
        check_offered(cat, &template, &m.id)?;
    }
    store::effective(&core.db, id, m.map(|m| m.id.as_str()), version)
        .await?
        .ok_or_else(|| FormError::UnknownVersion {
            form: id.to_owned(),
            version: version_tag
                .unwrap_or("")
                .chars()
                .take(MAX_ID_CHARS)
                .collect(),
        })
}

/// The form a draft names as submitting it (or uploading a file for it) needs it: the exact
/// version the tag names (the current one when empty), refused as [`load`] and
/// [`check_submittable`] refuse it, with the level of assurance the version in force now asks
/// for. The same answers as those two and a [`load`] of the current version, from one query
/// (the form's publications) and the process's parsed copies of the immutable versions.
pub async fn load_submittable(
    core: &Core,
    conn: &mut sqlx::AnyConnection,
    cat: &Catalogue,
    id: &str,
    m: &Place,
    version_tag: &str,
) -> Result<(Arc<FormDefinition>, Option<contract::account::Level>), FormError> {
    bounded("id", id, MAX_ID_CHARS)?;
    let version = version_param(Some(version_tag))?;
    let db = core.db.instance();
    let (templates, overlays) = store::publications_in(conn, id, &m.id).await?;
    let newest_template = templates
        .iter()
        .map(|(v, _)| *v)
        .max()
        .ok_or(FormError::NotFound)?;
    let newest = store::template_in(conn, db, id, Some(newest_template))
        .await?
        .ok_or(FormError::NotFound)?;
    check_offered(cat, &newest, &m.id)?;
    // What `effective` with no version serves: the newest template with the newest overlay.
    let in_force = (
        newest_template,
        overlays.iter().map(|(r, _)| *r).max().unwrap_or(0),
    );
    // The versions named are immutable: each is put together once per process.
    let form = store::effective_shared_in(conn, db, id, &m.id, version.unwrap_or(in_force))
        .await?
        .ok_or_else(|| FormError::UnknownVersion {
            form: id.to_owned(),
            version: version_tag.chars().take(MAX_ID_CHARS).collect(),
        })?;
    submittable_given(&templates, &overlays, &newest, &form)?;
    let current_assurance = if version.is_none_or(|v| v == in_force) {
        form.assurance
    } else {
        store::effective_shared_in(conn, db, id, &m.id, in_force)
            .await?
            .ok_or(FormError::NotFound)?
            .assurance
    };
    Ok((form, current_assurance))
}

/// Whether `version` may be submitted now: only a version that was the municipality's effective
/// form (never a bare template where an overlay applied), and, once superseded, only for the
/// days the form's publisher allows ([`FormDefinition::previous_version_days`]).
pub async fn check_submittable(
    core: &Core,
    form: &FormDefinition,
    municipality: &str,
) -> Result<(), FormError> {
    let (templates, overlays) = store::publications(&core.db, &form.id, municipality).await?;
    let current = store::template_shared(&core.db, &form.id, None)
        .await?
        .ok_or(FormError::NotFound)?;
    submittable_given(&templates, &overlays, &current, form)
}

/// [`check_submittable`] given the form's publications and its newest template.
fn submittable_given(
    templates: &[(u32, String)],
    overlays: &[(u32, String)],
    current: &FormDefinition,
    form: &FormDefinition,
) -> Result<(), FormError> {
    let grace_days = current
        .previous_version_days
        .unwrap_or(contract::form::model::DEFAULT_PREVIOUS_VERSION_DAYS);
    let version = (form.version, form.overlay_revision);
    let tag = form.version_tag();
    match in_force(templates, overlays, version) {
        None => Err(FormError::NeverOffered {
            form: form.id.clone(),
            version: tag,
        }),
        Some(None) => Ok(()),
        Some(Some(superseded)) => {
            let until = superseded
                .checked_add(jiff::SignedDuration::from_hours(24 * i64::from(grace_days)))
                .unwrap_or(superseded);
            if jiff::Timestamp::now() < until {
                Ok(())
            } else {
                Err(FormError::VersionExpired {
                    form: form.id.clone(),
                    version: tag,
                    until: until.to_string(),
                })
            }
        }
    }
}

/// When `version` (template, overlay revision) was last in force for a municipality, given
/// when each template version and each of its overlay revisions was published: `None` if it
/// never was, `Some(None)` if it is now, `Some(Some(t))` if it was until `t`. The form in force
/// is always the newest template with the municipality's newest overlay revision (an overlay
/// applies to later templates too); publications at the same instant take effect together.
pub fn in_force(
    templates: &[(u32, String)],
    overlays: &[(u32, String)],
    version: (u32, u32),
) -> Option<Option<jiff::Timestamp>> {
    let parse = |at: &str| at.parse::<jiff::Timestamp>().ok();
    let mut events: Vec<(jiff::Timestamp, u32, u32)> = templates
        .iter()
        .filter_map(|(t, at)| Some((parse(at)?, *t, 0)))
        .chain(
            overlays
                .iter()
                .filter_map(|(r, at)| Some((parse(at)?, 0, *r))),
        )
        .collect();
    events.sort();
    let mut state = (0, 0);
    let mut periods: Vec<(jiff::Timestamp, (u32, u32))> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let at = events[i].0;
        while i < events.len() && events[i].0 == at {
            state = (state.0.max(events[i].1), state.1.max(events[i].2));
            i += 1;
        }
        if state.0 > 0 && periods.last().is_none_or(|(_, s)| *s != state) {
            periods.push((at, state));
        }
    }
    let mut found = None;
    for (n, (_, s)) in periods.iter().enumerate() {
        if *s == version {
            found = Some(periods.get(n + 1).map(|(next, _)| *next));
        }
    }
    found
}

/// The effective form of a municipality (template with its overlay) and who handles it there.
pub async fn effective(
    core: &Core,
    id: &str,
    municipality: Option<&str>,
    version: Option<&str>,
    lang: Option<&str>,
) -> Result<FormResponse, FormError> {
    let cat = core.catalogue.get();
    let lang = parse_lang(lang)?;
    let m = find_municipality(&cat, municipality)?;
    let form = load(core, &cat, id, m, version).await?;
    let country = match form.country.as_str() {
        "ch" => Country::Ch,
        _ => Country::De,
    };
    let local =
        crate::authorities::local::Local::load(&core.db, &cat, m.map(|m| m.id.as_str())).await?;
    let authority = m.and_then(|m| {
        form.services
            .iter()
            .find_map(|s| local.responsible(&cat.directory, s, country, m))
            .map(|r| local.authority(&r, lang))
    });
    Ok(FormResponse {
        version: form.version_tag(),
        municipality: m.map(|m| municipality_ref(&cat, m)),
        authority,
        form,
    })
}

/// What the current effective form of a municipality asks for and costs, in words
/// (`contract::form::facts`).
pub async fn facts(
    core: &Core,
    id: &str,
    municipality: Option<&str>,
    lang: Option<&str>,
) -> Result<FormFacts, FormError> {
    let cat = core.catalogue.get();
    let lang = parse_lang(lang)?;
    let m = find_municipality(&cat, municipality)?;
    let form = load(core, &cat, id, m, None).await?;
    Ok(contract::form::facts::facts(&form, lang))
}

/// Validates answers with the same code the browser runs, on the server's date; fees too.
pub async fn validate(
    core: &Core,
    id: &str,
    req: &ValidateRequest,
) -> Result<ValidateResponse, FormError> {
    let cat = core.catalogue.get();
    let lang = req.lang.unwrap_or_default();
    let m = find_municipality(&cat, req.municipality.as_deref())?;
    let form = load(core, &cat, id, m, req.version.as_deref()).await?;
    let today = super::today();
    let errors: Vec<_> = form
        .validate(&req.answers, &Context { today })
        .into_iter()
        .map(|e| e.localise(lang))
        .collect();
    Ok(ValidateResponse {
        version: form.version_tag(),
        valid: errors.is_empty(),
        fees: form.fees(&req.answers),
        errors,
        today: contract::form::checks::iso(today),
    })
}

/// How a municipality's overlay stands against the current template (for its staff).
pub async fn overlay_status(
    core: &Core,
    actor: &Actor,
    id: &str,
    municipality: &str,
) -> Result<OverlayStatus, FormError> {
    bounded("id", id, MAX_ID_CHARS)?;
    bounded("municipality", municipality, MAX_ID_CHARS)?;
    // The resource is the municipality's overlay: decided before anything is looked up, so
    // that its existence is not revealed to those who may not see it.
    core.policy.check(
        actor,
        Action::ReadOverlayStatus,
        &Resource::Overlay { municipality },
    )?;
    store::overlay_status(&core.db, id, municipality)
        .await?
        .ok_or(FormError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(days_ago: i64) -> String {
        static NOW: std::sync::LazyLock<jiff::Timestamp> =
            std::sync::LazyLock::new(jiff::Timestamp::now);
        NOW.checked_sub(jiff::SignedDuration::from_hours(24 * days_ago))
            .unwrap()
            .to_string()
    }

    #[test]
    fn versions_in_force_follow_the_publications() {
        // v1 and the town's overlay r1 long ago, v2 ten days ago.
        let templates = [(1, at(100)), (2, at(10))];
        let overlays = [(1, at(100))];
        let ten_days_ago = Some(Some(templates[1].1.parse().unwrap()));
        assert_eq!(in_force(&templates, &overlays, (1, 1)), ten_days_ago);
        assert_eq!(in_force(&templates, &overlays, (2, 1)), Some(None));
        // A bare template where the town has an overlay was never its form.
        assert_eq!(in_force(&templates, &overlays, (2, 0)), None);
        assert_eq!(in_force(&templates, &overlays, (1, 0)), None);
        // Without an overlay, the templates themselves.
        assert_eq!(in_force(&templates, &[], (1, 0)), ten_days_ago);
        assert_eq!(in_force(&templates, &[], (2, 0)), Some(None));
        // Published together: only the newest of them was ever in force.
        let together = [(1, at(5)), (2, at(5))];
        assert_eq!(in_force(&together, &[(1, at(5))], (1, 1)), None);
        assert_eq!(in_force(&together, &[(1, at(5))], (2, 1)), Some(None));
        // An overlay added later: the bare template was in force until then.
        let later = [(1, at(50))];
        assert_eq!(
            in_force(&[(2, at(60))], &later, (2, 0)),
            Some(Some(later[0].1.parse().unwrap()))
        );
        assert_eq!(in_force(&[(2, at(60))], &later, (2, 1)), Some(None));
    }
}
