//! The online forms as published: canton/Land templates in every version and the municipal
//! overlays in every revision, read from `catalog/data/forms/<id>/` (embedded in the binary) or
//! from a folder of the same layout.
//!
//! Files: `template.v<N>.json` ([`FormDefinition`]) and
//! `overlay.<municipality with ':' as '-'>.r<N>.json` ([`Overlay`]). Every version is kept:
//! drafts and submissions name the version they were written against.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail, ensure};
use contract::form::overlay::apply;
use contract::form::{FormDefinition, Overlay};
use include_dir::{Dir, include_dir};

static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data/forms");

/// One published document with the digest of its text.
#[derive(Debug, Clone)]
pub struct Published<T> {
    /// The parsed document.
    pub doc: T,
    /// The exact text as published (stored, so a version is served as it was).
    pub json: String,
}

/// Every template version and overlay revision.
#[derive(Debug, Clone, Default)]
pub struct FormSet {
    /// By (form id, version).
    pub templates: BTreeMap<(String, u32), Published<FormDefinition>>,
    /// By (form id, municipality, revision).
    pub overlays: BTreeMap<(String, String, u32), Published<Overlay>>,
}

impl FormSet {
    /// The forms embedded in the binary.
    pub fn embedded() -> anyhow::Result<FormSet> {
        let mut files = Vec::new();
        for dir in EMBEDDED.dirs() {
            for f in dir.files() {
                let text = f
                    .contents_utf8()
                    .with_context(|| format!("{} is not UTF-8", f.path().display()))?;
                files.push((f.path().to_string_lossy().into_owned(), text.to_owned()));
            }
        }
        FormSet::from_files(files)
    }

    /// The forms in a folder of the same layout (`<id>/template.v1.json`, …).
    pub fn from_dir(root: &Path) -> anyhow::Result<FormSet> {
        let mut files = Vec::new();
        for dir in std::fs::read_dir(root).with_context(|| format!("reading {}", root.display()))? {
            let dir = dir?.path();
            if !dir.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(&dir)? {
                let path = f?.path();
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                files.push((rel, std::fs::read_to_string(&path)?));
            }
        }
        FormSet::from_files(files)
    }

    /// Parses and checks a set of files given as (relative path, text).
    pub fn from_files(files: Vec<(String, String)>) -> anyhow::Result<FormSet> {
        let mut set = FormSet::default();
        for (path, json) in files {
            let (dir, name) = path
                .rsplit_once(['/', '\\'])
                .with_context(|| format!("{path}: expected <form id>/<file>"))?;
            if name.starts_with("template.") {
                let doc: FormDefinition =
                    serde_json::from_str(&json).with_context(|| format!("parsing {path}"))?;
                ensure!(
                    doc.id == dir,
                    "{path}: the folder must be named after the form id {}",
                    doc.id
                );
                ensure!(
                    name == format!("template.v{}.json", doc.version),
                    "{path}: the file must be named template.v{}.json",
                    doc.version
                );
                ensure!(
                    doc.overlay_revision == 0 && doc.municipality.is_none(),
                    "{path}: a template has no overlay"
                );
                let problems = doc.problems();
                ensure!(problems.is_empty(), "{path}: {}", problems.join("; "));
                set.templates
                    .insert((doc.id.clone(), doc.version), Published { doc, json });
            } else if name.starts_with("overlay.") {
                let doc: Overlay =
                    serde_json::from_str(&json).with_context(|| format!("parsing {path}"))?;
                ensure!(
                    doc.form == dir,
                    "{path}: overlay of {} in the folder of {dir}",
                    doc.form
                );
                ensure!(
                    name == format!(
                        "overlay.{}.r{}.json",
                        doc.municipality.replace(':', "-"),
                        doc.revision
                    ),
                    "{path}: the file must be named after municipality and revision"
                );
                set.overlays.insert(
                    (doc.form.clone(), doc.municipality.clone(), doc.revision),
                    Published { doc, json },
                );
            } else if name != "README.md" {
                bail!("{path}: unexpected file");
            }
        }
        // Services are served by one form each; overlays name a known template version and
        // the newest revision of each applies cleanly to the current one.
        let mut claimed: BTreeMap<(String, String), String> = BTreeMap::new();
        for t in set.current_templates() {
            for s in &t.services {
                if let Some(other) = claimed.insert((t.country.clone(), s.clone()), t.id.clone())
                    && other != t.id
                {
                    bail!(
                        "service {s} ({}) has two forms: {other} and {}",
                        t.country,
                        t.id
                    );
                }
            }
        }
        for ((form, m, r), o) in &set.overlays {
            ensure!(
                set.templates.contains_key(&(form.clone(), o.doc.based_on)),
                "overlay {form} {m} r{r}: based on unknown template version {}",
                o.doc.based_on
            );
            // A superseded revision is served only with the template versions of its time; the
            // newest must fit the current template.
            let newest = set
                .overlays
                .range((form.clone(), m.clone(), *r)..=(form.clone(), m.clone(), u32::MAX))
                .next_back()
                .is_none_or(|(k, _)| k.2 == *r);
            if !newest {
                continue;
            }
            let current = set.current(form).context("template")?;
            let (effective, issues) = apply(current, &o.doc);
            ensure!(
                issues.is_empty(),
                "overlay {form} {m} r{r} no longer applies cleanly: {issues:?}"
            );
            let problems = effective.problems();
            ensure!(
                problems.is_empty(),
                "overlay {form} {m} r{r}: {}",
                problems.join("; ")
            );
        }
        Ok(set)
    }

    /// The newest version of a template.
    pub fn current(&self, id: &str) -> Option<&FormDefinition> {
        self.templates
            .range((id.to_owned(), 0)..=(id.to_owned(), u32::MAX))
            .next_back()
            .map(|(_, p)| &p.doc)
    }

    /// The newest version of every template.
    pub fn current_templates(&self) -> impl Iterator<Item = &FormDefinition> {
        let mut ids: Vec<&String> = self.templates.keys().map(|(id, _)| id).collect();
        ids.dedup();
        ids.into_iter().filter_map(|id| self.current(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_forms_load() {
        let set = FormSet::embedded().expect("embedded forms are valid");
        let dog = set.current("hundesteuer-th").expect("dog form");
        assert!(dog.version >= 2);
        assert!(set.templates.contains_key(&("hundesteuer-th".into(), 1)));
        assert!(
            set.overlays
                .keys()
                .any(|(f, m, _)| f == "hundesteuer-th" && m == "de:16077043")
        );
    }

    #[test]
    fn refuses_what_must_not_be_published() {
        let set = FormSet::embedded().expect("embedded");
        let p = &set.templates[&("hundesteuer-th".to_owned(), 2)];
        let files = |name: &str, json: String| vec![(format!("hundesteuer-th/{name}"), json)];
        // Wrong file name for the version.
        assert!(FormSet::from_files(files("template.v3.json", p.json.clone())).is_err());
        // A condition naming a field that does not exist.
        let broken = p.json.replace(
            r#""show_if": {"equals": {"field": "payment""#,
            r#""show_if": {"equals": {"field": "paiement""#,
        );
        assert_ne!(broken, p.json);
        let err = FormSet::from_files(files("template.v2.json", broken)).unwrap_err();
        assert!(
            format!("{err:#}").contains("unknown field paiement"),
            "{err:#}"
        );
        // An overlay hiding a field the template does not have.
        let mut o = set
            .overlays
            .values()
            .find(|o| o.doc.form == "hundesteuer-th")
            .expect("overlay")
            .doc
            .clone();
        o.hide.push("no_such_field".into());
        let mut fs = files(
            "template.v1.json",
            set.templates[&("hundesteuer-th".to_owned(), 1)]
                .json
                .clone(),
        );
        fs.extend(files("template.v2.json", p.json.clone()));
        fs.push((
            format!(
                "hundesteuer-th/overlay.{}.r{}.json",
                o.municipality.replace(':', "-"),
                o.revision
            ),
            serde_json::to_string(&o).unwrap(),
        ));
        let err = FormSet::from_files(fs).unwrap_err();
        assert!(format!("{err:#}").contains("no_such_field"), "{err:#}");
    }
}
