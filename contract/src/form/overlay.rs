//! Municipal overlays: a municipality adopts a canton's or Land's template and changes only
//! what differs (texts, fees, extra or hidden fields). The overlay names the template version it
//! was written for; when the template moves on, the overlay still applies to the new version,
//! and [`template_changes`] plus [`apply`]'s issues tell the municipality what changed and
//! which of its changes no longer find their target. No copy-and-forget.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fees::FeeSchedule;
use super::model::{Field, FieldKind, FormDefinition, Localized};

/// A municipality's changes to a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Overlay {
    /// Template id.
    pub form: String,
    /// `ch:<BFS>` or `de:<AGS>`.
    pub municipality: String,
    /// Revision of this overlay, counted from 1; a published revision never changes.
    pub revision: u32,
    /// The template version the municipality reviewed when writing this revision.
    pub based_on: u32,
    /// Replaced texts by target: `title`, `intro`, `step:<id>.title`, `step:<id>.intro`,
    /// `<field path>.label`, `<field path>.help`, `fees.note`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub texts: BTreeMap<String, Localized>,
    /// Field paths removed from the form (`dogs.chip_number`); not a field a rule of the
    /// template across fields reads ([`FormDefinition::checks`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hide: Vec<String>,
    /// Field paths made required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<String>,
    /// Extra fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<AddedField>,
    /// The municipality's own fee table, replacing the template's (how the fee is collected,
    /// [`FeeSchedule::collection`], stays the template's unless the table names its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<FeeSchedule>,
}

/// An extra field of an overlay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddedField {
    /// The step it goes into.
    pub step: String,
    /// Inserted after this field id of the step, or into a repeating group after `group.field`;
    /// at the end of the step when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// The field.
    pub field: Field,
}

/// A change of the overlay that could not be applied to the template version at hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverlayIssue {
    /// What the overlay names (`texts: dogs.chip.label`, `hide: dogs.chip`).
    pub target: String,
    /// Why it was skipped.
    pub problem: String,
}

/// What changed in a template between two versions, as a municipality needs to review it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemplateChange {
    /// `field_added`, `field_removed`, `field_changed`, `step_added`, `step_removed`,
    /// `fees_changed`, `checks_changed`, `texts_changed`.
    pub kind: String,
    /// The step or field path concerned (empty for the whole form).
    pub target: String,
    /// What exactly, in words (German, for the municipality's staff).
    pub detail: String,
}

/// The state of a municipality's overlay against the current template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverlayStatus {
    /// Template id.
    pub form: String,
    /// Municipality id.
    pub municipality: String,
    /// Overlay revision in force.
    pub revision: u32,
    /// Template version the overlay was written for.
    pub based_on: u32,
    /// Current template version.
    pub template_version: u32,
    /// Template changes since `based_on` the municipality has not reviewed.
    pub changes: Vec<TemplateChange>,
    /// Overlay entries that no longer apply.
    pub issues: Vec<OverlayIssue>,
}

/// Applies an overlay to a template; returns the effective form and the overlay entries that
/// could not be applied (they are skipped, the rest still applies).
pub fn apply(template: &FormDefinition, overlay: &Overlay) -> (FormDefinition, Vec<OverlayIssue>) {
    let mut form = template.clone();
    form.overlay_revision = overlay.revision;
    form.municipality = Some(overlay.municipality.clone());
    let mut issues = Vec::new();
    let issue = |target: String, problem: &str| OverlayIssue {
        target,
        problem: problem.to_owned(),
    };

    for added in &overlay.add {
        if let Some((group, _)) = added.after.as_deref().and_then(|a| a.split_once('.')) {
            let target = format!("add: {group}.{}", added.field.id);
            match form.field_at_mut(group).map(|f| &mut f.kind) {
                Some(FieldKind::Group { fields, .. }) => {
                    let child = added
                        .after
                        .as_deref()
                        .unwrap_or("")
                        .split_once('.')
                        .unwrap_or_default()
                        .1;
                    if fields.iter().any(|f| f.id == added.field.id) {
                        issues.push(issue(target, "the template now has a field with this id"));
                    } else {
                        let at = fields.iter().position(|f| f.id == child).map(|i| i + 1);
                        if at.is_none() {
                            issues.push(issue(
                                target,
                                "field to insert after no longer exists; added at the end of the group",
                            ));
                        }
                        fields.insert(at.unwrap_or(fields.len()), added.field.clone());
                    }
                }
                _ => issues.push(issue(target, "group no longer exists")),
            }
            continue;
        }
        let exists = form.field(&added.field.id).is_some();
        let Some(step) = form.steps.iter_mut().find(|s| s.id == added.step) else {
            issues.push(issue(
                format!("add: {}", added.field.id),
                "step no longer exists",
            ));
            continue;
        };
        if exists {
            issues.push(issue(
                format!("add: {}", added.field.id),
                "the template now has a field with this id",
            ));
            continue;
        }
        let at = match &added.after {
            None => step.fields.len(),
            Some(after) => match step.fields.iter().position(|f| &f.id == after) {
                Some(i) => i + 1,
                None => {
                    issues.push(issue(
                        format!("add: {}", added.field.id),
                        "field to insert after no longer exists; added at the end of the step",
                    ));
                    step.fields.len()
                }
            },
        };
        step.fields.insert(at, added.field.clone());
    }

    for (target, text) in &overlay.texts {
        let applied = match target.as_str() {
            "title" => {
                form.title = text.clone();
                true
            }
            "intro" => {
                form.intro = Some(text.clone());
                true
            }
            "fees.note" => match form.fees.as_mut() {
                Some(f) => {
                    f.note = Some(text.clone());
                    true
                }
                None => false,
            },
            t => {
                if let Some(rest) = t.strip_prefix("step:") {
                    let (id, what) = rest.rsplit_once('.').unwrap_or((rest, ""));
                    match (form.steps.iter_mut().find(|s| s.id == id), what) {
                        (Some(s), "title") => {
                            s.title = text.clone();
                            true
                        }
                        (Some(s), "intro") => {
                            s.intro = Some(text.clone());
                            true
                        }
                        _ => false,
                    }
                } else if let Some((path, what)) = t.rsplit_once('.') {
                    match (form.field_at_mut(path), what) {
                        (Some(f), "label") => {
                            f.label = text.clone();
                            true
                        }
                        (Some(f), "help") => {
                            f.help = Some(text.clone());
                            true
                        }
                        _ => false,
                    }
                } else {
                    false
                }
            }
        };
        if !applied {
            issues.push(issue(format!("texts: {target}"), "target no longer exists"));
        }
    }

    for path in &overlay.require {
        match form.field_at_mut(path) {
            Some(f) => f.required = true,
            None => issues.push(issue(format!("require: {path}"), "field no longer exists")),
        }
    }

    for path in &overlay.hide {
        // The template's rules across fields stay in force: a field they read or speak at
        // cannot be taken away.
        let top = path.split('.').next().unwrap_or(path);
        let ruled = form.checks.iter().any(|c| {
            c.field == top
                || c.require.fields().contains(&top)
                || c.when.as_ref().is_some_and(|w| w.fields().contains(&top))
        });
        if ruled {
            issues.push(issue(
                format!("hide: {path}"),
                "a rule of the template across fields reads this field",
            ));
            continue;
        }
        if !remove_field(&mut form, path) {
            issues.push(issue(format!("hide: {path}"), "field no longer exists"));
        }
    }

    if let Some(fees) = &overlay.fees {
        let mut fees = fees.clone();
        // The amounts are the municipality's; how a fee is collected follows the template's
        // questions (its choice of payment) unless the overlay says otherwise.
        if fees.collection.is_empty()
            && let Some(template) = &form.fees
        {
            fees.collection = template.collection.clone();
        }
        form.fees = Some(fees);
    }
    (form, issues)
}

fn remove_field(form: &mut FormDefinition, path: &str) -> bool {
    match path.split_once('.') {
        None => {
            for s in &mut form.steps {
                if let Some(i) = s.fields.iter().position(|f| f.id == path) {
                    s.fields.remove(i);
                    return true;
                }
            }
            false
        }
        Some((group, child)) => match form.field_at_mut(group).map(|f| &mut f.kind) {
            Some(FieldKind::Group { fields, .. }) => {
                let before = fields.len();
                fields.retain(|f| f.id != child);
                fields.len() < before
            }
            _ => false,
        },
    }
}

/// What changed from template version `old` to `new`, field by field.
pub fn template_changes(old: &FormDefinition, new: &FormDefinition) -> Vec<TemplateChange> {
    let mut out = Vec::new();
    let change = |kind: &str, target: &str, detail: String| TemplateChange {
        kind: kind.to_owned(),
        target: target.to_owned(),
        detail,
    };
    for s in &new.steps {
        if !old.steps.iter().any(|o| o.id == s.id) {
            out.push(change(
                "step_added",
                &s.id,
                format!("Neuer Schritt «{}»", s.title.get(crate::Lang::De)),
            ));
        }
    }
    for s in &old.steps {
        if !new.steps.iter().any(|n| n.id == s.id) {
            out.push(change(
                "step_removed",
                &s.id,
                format!("Schritt «{}» entfällt", s.title.get(crate::Lang::De)),
            ));
        }
    }
    let old_paths = old.field_paths();
    let new_paths = new.field_paths();
    for p in &new_paths {
        let n = new.field_at(p).expect("path of new");
        match old.field_at(p) {
            None => out.push(change(
                "field_added",
                p,
                format!(
                    "Neues Feld «{}» ({}{})",
                    n.label.get(crate::Lang::De),
                    n.kind.name(),
                    if n.required { ", Pflichtfeld" } else { "" }
                ),
            )),
            Some(o) => {
                let mut what = Vec::new();
                if o.kind.name() != n.kind.name() {
                    what.push(format!("Typ {} → {}", o.kind.name(), n.kind.name()));
                } else if !matches!(n.kind, FieldKind::Group { .. }) && o.kind != n.kind {
                    what.push("Optionen oder Grenzen geändert".to_owned());
                }
                if o.required != n.required || o.required_if != n.required_if {
                    what.push(if n.required {
                        "jetzt Pflichtfeld".to_owned()
                    } else {
                        "Pflicht geändert".to_owned()
                    });
                }
                if o.show_if != n.show_if {
                    what.push("Anzeigebedingung geändert".to_owned());
                }
                if o.label != n.label || o.help != n.help {
                    what.push("Text geändert".to_owned());
                }
                if !what.is_empty() {
                    out.push(change("field_changed", p, what.join(", ")));
                }
            }
        }
    }
    for p in &old_paths {
        if !new_paths.contains(p) {
            let o = old.field_at(p).expect("path of old");
            out.push(change(
                "field_removed",
                p,
                format!("Feld «{}» entfällt", o.label.get(crate::Lang::De)),
            ));
        }
    }
    if old.fees != new.fees {
        out.push(change(
            "fees_changed",
            "",
            "Gebührentabelle geändert".to_owned(),
        ));
    }
    if old.checks != new.checks {
        out.push(change(
            "checks_changed",
            "",
            "Regeln über mehrere Felder geändert".to_owned(),
        ));
    }
    if old.title != new.title || old.intro != new.intro {
        out.push(change(
            "texts_changed",
            "",
            "Titel oder Einleitung geändert".to_owned(),
        ));
    }
    out
}
