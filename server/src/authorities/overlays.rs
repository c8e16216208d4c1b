//! The overlay editor's server side: a municipality's administrators adapt the canton's or
//! Land's form (texts, help, extra, hidden and required fields, their own fee table) and publish
//! it as the next overlay revision. A preview answers the effective form, what of the overlay
//! no longer applies and what keeps it from being published; publishing checks the same as the
//! importer does (every entry applies, the effective form has no problems) and that nobody
//! published another revision meanwhile.

use contract::Lang;
use contract::authority::{LocalForm, OverlayEditor, OverlayPublish};
use contract::form::overlay::{apply, template_changes};
use contract::form::{FormDefinition, Overlay};

use super::admin::{AdminError, own_services};
use crate::Core;
use crate::access::Actor;
use crate::cases::audit;
use crate::catalogue::service::{MAX_ID_CHARS, bounded};
use crate::db::StoreError;
use crate::forms::store;

type Result<T> = std::result::Result<T, AdminError>;

/// The largest overlay accepted, in bytes of JSON.
pub const MAX_OVERLAY_BYTES: usize = 256 * 1024;

/// The forms of the municipality's own services, with their overlays.
pub async fn forms(
    core: &Core,
    actor: &Actor,
    authority: &str,
    lang: Lang,
) -> Result<Vec<LocalForm>> {
    super::admin::municipality_admin(core, actor, authority)?;
    let ids = form_ids(core, authority, lang).await?;
    let mut out = Vec::new();
    for id in ids {
        let Some(template) = store::template(&core.db, &id, None).await? else {
            continue;
        };
        let overlay = store::overlay(&core.db, &id, authority, None).await?;
        out.push(LocalForm {
            title: template.title.get(lang).to_owned(),
            id,
            template_version: template.version,
            revision: overlay.as_ref().map_or(0, |o| o.revision),
            based_on: overlay.as_ref().map_or(0, |o| o.based_on),
        });
    }
    out.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(out)
}

async fn form_ids(core: &Core, municipality: &str, lang: Lang) -> Result<Vec<String>> {
    let services = own_services(core, municipality, lang).await?;
    let cat = core.catalogue.get();
    let mut ids: Vec<String> = services
        .iter()
        .filter_map(|s| {
            cat.variants(&s.id)
                .find_map(|v| cat.form_for(v, Some(municipality)))
        })
        .collect();
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// Checks that `form` is one of the municipality's forms.
async fn own_form(core: &Core, municipality: &str, form: &str) -> Result<FormDefinition> {
    bounded("form", form, MAX_ID_CHARS)?;
    if !form_ids(core, municipality, Lang::De)
        .await?
        .iter()
        .any(|f| f == form)
    {
        return Err(AdminError::NotFound);
    }
    store::template(&core.db, form, None)
        .await?
        .ok_or(AdminError::NotFound)
}

fn empty(form: &str, municipality: &str, template: &FormDefinition) -> Overlay {
    Overlay {
        form: form.to_owned(),
        municipality: municipality.to_owned(),
        revision: 0,
        based_on: template.version,
        texts: Default::default(),
        hide: Vec::new(),
        require: Vec::new(),
        add: Vec::new(),
        fees: None,
    }
}

async fn editor(core: &Core, template: FormDefinition, overlay: Overlay) -> Result<OverlayEditor> {
    let changes = if overlay.revision > 0 && overlay.based_on < template.version {
        match store::template(&core.db, &template.id, Some(overlay.based_on)).await? {
            Some(old) => template_changes(&old, &template),
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let (effective, issues) = apply(&template, &overlay);
    let problems = effective.problems();
    Ok(OverlayEditor {
        template,
        overlay,
        effective,
        changes,
        issues,
        problems,
    })
}

/// The overlay in force (or an empty one) with everything the editor shows.
pub async fn current(
    core: &Core,
    actor: &Actor,
    authority: &str,
    form: &str,
) -> Result<OverlayEditor> {
    super::admin::municipality_admin(core, actor, authority)?;
    let template = own_form(core, authority, form).await?;
    let overlay = store::overlay(&core.db, form, authority, None)
        .await?
        .unwrap_or_else(|| empty(form, authority, &template));
    editor(core, template, overlay).await
}

/// The editor's view of an overlay not yet published.
pub async fn preview(
    core: &Core,
    actor: &Actor,
    authority: &str,
    form: &str,
    overlay: Overlay,
) -> Result<OverlayEditor> {
    super::admin::municipality_admin(core, actor, authority)?;
    let template = own_form(core, authority, form).await?;
    let overlay = normalised(overlay, form, authority, &template, 0)?;
    editor(core, template, overlay).await
}

fn normalised(
    mut overlay: Overlay,
    form: &str,
    municipality: &str,
    template: &FormDefinition,
    revision: u32,
) -> Result<Overlay> {
    overlay.form = form.to_owned();
    overlay.municipality = municipality.to_owned();
    overlay.revision = revision;
    overlay.based_on = template.version;
    let size = serde_json::to_vec(&overlay)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .len();
    if size > MAX_OVERLAY_BYTES {
        return Err(AdminError::TooLarge(MAX_OVERLAY_BYTES));
    }
    Ok(overlay)
}

/// Publishes the overlay as the next revision, unless another was published since `revision`
/// or it does not apply cleanly: the refusal carries the issues and problems.
pub async fn publish(
    core: &Core,
    actor: &Actor,
    authority: &str,
    form: &str,
    req: OverlayPublish,
) -> Result<OverlayEditor> {
    super::admin::municipality_admin(core, actor, authority)?;
    let template = own_form(core, authority, form).await?;
    let in_force = store::overlay(&core.db, form, authority, None)
        .await?
        .map_or(0, |o| o.revision);
    if in_force != req.revision {
        return Err(AdminError::Stale);
    }
    let overlay = normalised(req.overlay, form, authority, &template, in_force + 1)?;
    let (effective, issues) = apply(&template, &overlay);
    let mut problems: Vec<String> = issues
        .iter()
        .map(|i| format!("{}: {}", i.target, i.problem))
        .collect();
    problems.extend(effective.problems());
    if !problems.is_empty() {
        return Err(AdminError::Unpublishable(problems));
    }
    if !store::publish_overlay(&core.db, &overlay).await? {
        // Another administrator published the same revision a moment earlier.
        return Err(AdminError::Stale);
    }
    audit::record(
        &core.db,
        &audit::Record {
            authority,
            actor: &actor.label(),
            action: "overlay",
            reference: None,
            detail: &format!("{form} r{}", overlay.revision),
        },
    )
    .await?;
    editor(core, template, overlay).await
}
