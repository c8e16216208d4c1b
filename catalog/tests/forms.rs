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
        "consent",
        "choice",
        "multi_choice",
        "address",
        "iban",
        "ahv",
        "steuer_id",
        "animal_chip",
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

#[test]
fn consent_is_a_box_to_tick_not_a_question_to_answer_no() {
    let set = FormSet::embedded().expect("embedded forms");
    // A statement the citizen makes ("Ich bestätige, …", "Ich erteile … ein Mandat") is a
    // consent, which must be given where it is required; as a yes/no "Nein" would pass.
    for f in set.current_templates() {
        for (_, field) in f.fields() {
            let mut fields = vec![field];
            if let contract::form::FieldKind::Group { fields: g, .. } = &field.kind {
                fields.extend(g);
            }
            for x in fields {
                let de = x.label.get(contract::Lang::De);
                if matches!(x.kind, contract::form::FieldKind::YesNo) {
                    assert!(
                        !de.starts_with("Ich ") && !de.ends_with('.'),
                        "{} v{}: {} is a statement, make it a consent: {de}",
                        f.id,
                        f.version,
                        x.id
                    );
                }
            }
        }
    }
    // The confirmations and mandates of the demo forms, each a required consent.
    for (form, id) in [
        ("baugesuch-ag", "confirm"),
        ("gewerbeanmeldung", "confirm"),
        ("fischereipatent-ag", "rules_ack"),
        ("kita-anmeldung-th", "consent"),
        ("hundesteuer-th", "sepa_mandate"),
    ] {
        let f = set.current(form).expect(form);
        let field = f.field(id).unwrap_or_else(|| panic!("{form}: {id}"));
        assert!(
            matches!(field.kind, contract::form::FieldKind::Consent),
            "{form} v{}: {id}",
            f.version
        );
        assert!(
            field.required || field.required_if.is_some(),
            "{form}: {id}"
        );
    }
    // The versions before keep their yes/no (drafts and submissions name them); a draft's
    // "yes" is not carried over as a consent: the box must be ticked again.
    let old = &set.templates[&("baugesuch-ag".to_owned(), 1)].doc;
    assert!(matches!(
        old.field("confirm").map(|f| &f.kind),
        Some(contract::form::FieldKind::YesNo)
    ));
    let now = set.current("baugesuch-ag").expect("building form");
    let answers: contract::form::Answers =
        serde_json::from_value(serde_json::json!({"confirm": "yes", "remarks": "-"})).unwrap();
    let (kept, dropped) = now.carry_over(&answers);
    assert!(!kept.contains_key("confirm"));
    assert_eq!(dropped, ["confirm"]);
    // A SEPA direct debit is collected by the municipality: the receipt says so, not that an
    // invoice will follow; a transfer keeps the portal's default.
    let dog = set.current("hundesteuer-th").expect("dog form");
    let fees = dog.fees.as_ref().expect("fees");
    assert!(fees.collection.iter().any(|c| c.direct_debit));
}

#[test]
fn identifiers_are_checked_in_the_current_versions() {
    let set = FormSet::embedded().expect("embedded forms");
    // The dog's chip number: a chip number since v3, a plain text before (v2 is kept as it
    // was, for the drafts and submissions that name it).
    let dog = set.current("hundesteuer-th").unwrap();
    assert!(dog.version >= 3);
    let chip = dog.field_at("dogs.chip_number").unwrap();
    assert_eq!(chip.kind.name(), "animal_chip");
    let v2 = &set.templates[&("hundesteuer-th".to_owned(), 2)].doc;
    assert_eq!(v2.field_at("dogs.chip_number").unwrap().kind.name(), "text");
    let changes = template_changes(v2, dog);
    assert!(
        changes
            .iter()
            .any(|c| c.target == "dogs.chip_number" && c.detail.contains("text → animal_chip")),
        "{changes:?}"
    );
    // Schmölln's overlay (based on v1) still applies to the current template unchanged.
    let schmoelln = set
        .overlays
        .iter()
        .find(|((f, m, _), _)| f == "hundesteuer-th" && m == "de:16077043")
        .map(|(_, o)| &o.doc)
        .unwrap();
    let (effective, issues) = contract::form::overlay::apply(dog, schmoelln);
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(
        effective.field_at("dogs.chip_number").unwrap().kind.name(),
        "animal_chip"
    );

    // The move-in form asks for the AHV number of Swiss nationals: its hint says so in every
    // language instead of telling everyone to leave it empty.
    let move_in = set.current("wohnsitz-anmelden-ag").unwrap();
    let ahv = move_in.field("ahv_number").unwrap();
    assert!(ahv.required_if.is_some());
    let help = ahv.help.as_ref().unwrap();
    for (lang, swiss) in [
        (Lang::De, "Schweizer Staatsangehörigkeit"),
        (Lang::Fr, "nationalité suisse"),
        (Lang::It, "cittadinanza svizzera"),
        (Lang::En, "Swiss nationals"),
    ] {
        assert!(
            help.get(lang).contains(swiss),
            "{lang:?}: {}",
            help.get(lang)
        );
    }
}
