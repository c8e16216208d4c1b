//! Every form in `catalog/data/forms/` parses, passes the publication checks, and every
//! overlay applies to the current template version without a skipped entry (a municipality's
//! overlay written for an older version may report what changed, but must still apply).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use contract::Lang;
use contract::form::overlay::{apply, template_changes};
use contract::form::{FormDefinition, Overlay};

fn forms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog/data/forms")
}

fn load() -> (BTreeMap<(String, u32), FormDefinition>, Vec<Overlay>) {
    let mut templates = BTreeMap::new();
    let mut overlays = Vec::new();
    for dir in fs::read_dir(forms_dir()).expect("forms dir") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        for file in fs::read_dir(&dir).expect("form dir") {
            let path = file.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).expect("read");
            if name.starts_with("template.") {
                let f: FormDefinition = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert_eq!(
                    name,
                    format!("template.v{}.json", f.version),
                    "file name names the version"
                );
                assert_eq!(
                    dir.file_name().unwrap().to_string_lossy(),
                    f.id,
                    "directory names the form"
                );
                templates.insert((f.id.clone(), f.version), f);
            } else if name.starts_with("overlay.") {
                let o: Overlay = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert_eq!(
                    name,
                    format!(
                        "overlay.{}.r{}.json",
                        o.municipality.replace(':', "-"),
                        o.revision
                    )
                );
                overlays.push(o);
            } else {
                panic!("unexpected file {}", path.display());
            }
        }
    }
    (templates, overlays)
}

#[test]
fn every_form_passes_the_publication_checks() {
    let (templates, overlays) = load();
    assert!(templates.len() >= 7, "the demo forms are there");
    for ((id, v), f) in &templates {
        let problems = f.problems();
        assert!(problems.is_empty(), "{id} v{v}: {problems:#?}");
        for lang in [Lang::De, Lang::Fr] {
            assert!(f.languages.contains(&lang), "{id} v{v} is in {lang}");
        }
    }
    for o in &overlays {
        let current = templates
            .iter()
            .filter(|((id, _), _)| id == &o.form)
            .map(|(_, f)| f)
            .max_by_key(|f| f.version)
            .unwrap_or_else(|| panic!("overlay for unknown form {}", o.form));
        let (effective, issues) = apply(current, o);
        assert!(
            issues.is_empty(),
            "{} {}: {issues:#?}",
            o.form,
            o.municipality
        );
        let problems = effective.problems();
        assert!(
            problems.is_empty(),
            "{} {}: {problems:#?}",
            o.form,
            o.municipality
        );
        if o.based_on < current.version {
            let old = &templates[&(o.form.clone(), o.based_on)];
            assert!(!template_changes(old, current).is_empty());
        }
    }
}

#[test]
fn forms_serve_the_services_they_name_once() {
    let (templates, _) = load();
    let mut claimed = BTreeMap::new();
    for ((id, _), f) in &templates {
        for s in &f.services {
            if let Some(other) = claimed.insert((f.country.clone(), s.clone()), id.clone()) {
                assert_eq!(&other, id, "service {s} ({}) claimed twice", f.country);
            }
        }
    }
}
