//! The demo forms as published: at least the seven of the issue, in German and French at least,
//! each attached to services of the catalogue, every overlay written for an older template
//! version reporting what changed since.

use catalog::forms::FormSet;
use catalog::model::Country;
use contract::Lang;
use contract::form::overlay::template_changes;

#[test]
fn the_demo_forms_are_published_and_attached() {
    let set = FormSet::embedded().expect("the embedded forms pass the publication checks");
    let current: Vec<_> = set.current_templates().collect();
    let ids: Vec<&str> = current.iter().map(|f| f.id.as_str()).collect();
    for id in [
        "hundesteuer-th",
        "gewerbeanmeldung",
        "kita-anmeldung-th",
        "wohnsitz-anmelden-ag",
        "baugesuch-ag",
        "fischereipatent-ag",
        "zivilstandsdokument-ch",
    ] {
        assert!(ids.contains(&id), "{id} is published: {ids:?}");
    }
    let services = catalog::swiss::embedded().unwrap().services;
    for f in &current {
        assert!(
            f.languages.contains(&Lang::De) && f.languages.contains(&Lang::Fr),
            "{}",
            f.id
        );
        assert!(!f.services.is_empty(), "{} serves a service", f.id);
        if f.country == "ch" {
            for s in &f.services {
                assert!(
                    services
                        .iter()
                        .any(|x| &x.id == s && x.country == Country::Ch),
                    "{}: Swiss service {s} exists",
                    f.id
                );
            }
        }
    }
    // Every field kind of the model is used by a real form.
    let mut kinds: Vec<&str> = Vec::new();
    for f in &current {
        for (_, field) in f.fields() {
            kinds.push(field.kind.name());
            if let contract::form::FieldKind::Group { fields, .. } = &field.kind {
                kinds.extend(fields.iter().map(|g| g.kind.name()));
            }
        }
    }
    for k in [
        "text",
        "long_text",
        "number",
        "money",
        "date",
        "email",
        "phone",
        "yes_no",
        "choice",
        "multi_choice",
        "address",
        "iban",
        "ahv",
        "steuer_id",
        "file",
        "group",
    ] {
        assert!(kinds.contains(&k), "some demo form uses {k}");
    }
    for ((form, m, r), o) in &set.overlays {
        let now = set.current(form).unwrap();
        if o.doc.based_on < now.version {
            let old = &set.templates[&(form.clone(), o.doc.based_on)].doc;
            assert!(!template_changes(old, now).is_empty(), "{form} {m} r{r}");
        }
    }
}
