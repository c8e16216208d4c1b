//! Checks a form definition before it is published: the importer refuses a form with problems.

use std::collections::HashSet;

use super::checks;
use super::condition::{Comparison, Condition};
use super::fees::FeeAmount;
use super::model::{Field, FieldKind, FormDefinition, Localized};
use super::repertoire::{self, Repertoire};
use crate::Lang;

impl FormDefinition {
    /// Every problem of the definition, empty when it can be published: unique ids,
    /// conditions and fee rules naming existing fields, texts complete in every declared
    /// language, sensible limits.
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        if !self.languages.contains(&Lang::De) {
            p.push("languages must include de".to_owned());
        }
        let mut missing = Vec::new();
        let mut text = |what: &str, t: &Localized| {
            for l in &self.languages {
                if !t.has(*l) {
                    missing.push(format!("{what}: no {l} text"));
                }
            }
        };
        text("title", &self.title);
        if let Some(i) = &self.intro {
            text("intro", i);
        }
        let mut step_ids = HashSet::new();
        let mut duplicate_steps = Vec::new();
        for s in &self.steps {
            text(&format!("step {} title", s.id), &s.title);
            if let Some(i) = &s.intro {
                text(&format!("step {} intro", s.id), i);
            }
            for f in &s.fields {
                field_texts(f, &f.id, &mut text);
            }
            if !step_ids.insert(s.id.as_str()) {
                duplicate_steps.push(format!("step id {} twice", s.id));
            }
        }
        if let Some(fees) = &self.fees {
            for r in &fees.rules {
                text(&format!("fee {} label", r.id), &r.label);
                if let FeeAmount::PerItem { cases, .. } = &r.amount {
                    for c in cases {
                        text(&format!("fee {} case label", r.id), &c.label);
                    }
                }
            }
            if let Some(n) = &fees.note {
                text("fees note", n);
            }
            for (i, c) in fees.collection.iter().enumerate() {
                text(&format!("fee collection {i} note"), &c.note);
            }
        }
        for c in &self.checks {
            text(&format!("check {} message", c.id), &c.message);
        }
        p.append(&mut missing);
        p.append(&mut duplicate_steps);
        if self.steps.is_empty() {
            p.push("no steps".to_owned());
        }
        let mut ids = HashSet::new();
        for (_, f) in self.fields() {
            if !ids.insert(f.id.as_str()) {
                p.push(format!("field id {} twice", f.id));
            }
            if f.id.is_empty() || !f.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                p.push(format!("field id {:?}: use a-z, 0-9 and _", f.id));
            }
            self.field_problems(f, None, &mut p);
        }
        for s in &self.steps {
            if let Some(c) = &s.show_if {
                self.condition_problems(c, None, &format!("step {}", s.id), &mut p);
            }
        }
        if let Some(fees) = &self.fees {
            for (i, c) in fees.collection.iter().enumerate() {
                if let Some(w) = &c.when {
                    self.condition_problems(w, None, &format!("fee collection {i}"), &mut p);
                }
            }
            for r in &fees.rules {
                if let Some(c) = &r.when {
                    self.condition_problems(c, None, &format!("fee {}", r.id), &mut p);
                }
                match &r.amount {
                    FeeAmount::Fixed { .. } => {}
                    FeeAmount::PerUnit { field, .. } => {
                        if !matches!(
                            self.field(field).map(|f| &f.kind),
                            Some(FieldKind::Number { .. })
                        ) {
                            p.push(format!("fee {}: {field} is not a number field", r.id));
                        }
                    }
                    FeeAmount::ByChoice { field, amounts } => match self.field(field) {
                        Some(f) if matches!(f.kind, FieldKind::Choice { .. }) => {
                            for a in amounts {
                                if !f.kind.options().iter().any(|o| o.value == a.value) {
                                    p.push(format!(
                                        "fee {}: {field} has no option {}",
                                        r.id, a.value
                                    ));
                                }
                            }
                        }
                        _ => p.push(format!("fee {}: {field} is not a choice field", r.id)),
                    },
                    FeeAmount::ByBand { field, bands, .. } => {
                        if !matches!(
                            self.field(field).map(|f| &f.kind),
                            Some(FieldKind::Money { .. } | FieldKind::Number { .. })
                        ) {
                            p.push(format!(
                                "fee {}: {field} is not a money or number field",
                                r.id
                            ));
                        }
                        if bands.is_empty() {
                            p.push(format!("fee {}: no bands", r.id));
                        }
                        if bands.windows(2).any(|w| w[0].up_to >= w[1].up_to)
                            || bands.iter().any(|b| !b.up_to.is_finite())
                        {
                            p.push(format!("fee {}: bands must ascend", r.id));
                        }
                    }
                    FeeAmount::PerItem {
                        group,
                        amounts,
                        cases,
                    } => {
                        match self.field(group).map(|f| &f.kind) {
                            Some(FieldKind::Group { fields, .. }) => {
                                for c in cases {
                                    self.condition_problems(
                                        &c.when,
                                        Some(fields),
                                        &format!("fee {}", r.id),
                                        &mut p,
                                    );
                                }
                            }
                            _ => p.push(format!("fee {}: {group} is not a group", r.id)),
                        }
                        if amounts.is_empty() {
                            p.push(format!("fee {}: no amounts", r.id));
                        }
                    }
                }
            }
        }
        let mut check_ids = HashSet::new();
        for c in &self.checks {
            let at = format!("check {}", c.id);
            if !check_ids.insert(c.id.as_str()) {
                p.push(format!("check id {} twice", c.id));
            }
            if c.id.is_empty()
                || !c
                    .id
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
            {
                p.push(format!("check id {:?}: use a-z, 0-9 and _", c.id));
            }
            if self.field(&c.field).is_none() {
                p.push(format!("{at}: shown at unknown field {}", c.field));
            }
            if let Some(w) = &c.when {
                self.condition_problems(w, None, &at, &mut p);
            }
            self.condition_problems(&c.require, None, &at, &mut p);
        }
        p
    }

    fn field_problems(&self, f: &Field, group: Option<&[Field]>, p: &mut Vec<String>) {
        for c in [&f.show_if, &f.required_if].into_iter().flatten() {
            self.condition_problems(c, group, &format!("field {}", f.id), p);
        }
        match &f.kind {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => {
                let mut seen = HashSet::new();
                if options.is_empty() {
                    p.push(format!("field {}: no options", f.id));
                }
                for o in options {
                    if !seen.insert(o.value.as_str()) {
                        p.push(format!("field {}: option {} twice", f.id, o.value));
                    }
                    // A single choice is stored in normal form and must then equal an option.
                    if repertoire::normalise(&o.value, Repertoire::Line) != o.value.as_str()
                        || o.value.is_empty()
                    {
                        p.push(format!(
                            "field {}: option {:?} is blank or not in normal form (NFC, trimmed)",
                            f.id, o.value
                        ));
                    }
                }
            }
            FieldKind::Date {
                not_before,
                not_after,
            } => {
                let today = checks::parse_date("2026-01-01").expect("date");
                for b in [not_before, not_after].into_iter().flatten() {
                    if checks::resolve_bound(b, today).is_none() {
                        p.push(format!("field {}: date bound {b:?}", f.id));
                    }
                }
            }
            FieldKind::File {
                accept,
                max_bytes,
                max_files,
            } if accept.is_empty() || *max_bytes == 0 || *max_files == 0 => {
                p.push(format!("field {}: file limits", f.id));
            }
            FieldKind::Group {
                fields,
                min_items,
                max_items,
                ..
            } => {
                if group.is_some() {
                    p.push(format!("field {}: groups do not nest", f.id));
                }
                if max_items < min_items || *max_items == 0 {
                    p.push(format!("field {}: item limits", f.id));
                }
                let mut seen = HashSet::new();
                for g in fields {
                    if !seen.insert(g.id.as_str()) {
                        p.push(format!("field {}.{} twice", f.id, g.id));
                    }
                    self.field_problems(g, Some(fields), p);
                }
            }
            _ => {}
        }
    }

    fn condition_problems(
        &self,
        c: &Condition,
        group: Option<&[Field]>,
        at: &str,
        p: &mut Vec<String>,
    ) {
        for id in c.fields() {
            let in_group = group.is_some_and(|g| g.iter().any(|f| f.id == id));
            if !in_group && self.field(id).is_none() {
                p.push(format!("{at}: condition names unknown field {id}"));
            }
        }
        self.comparison_problems(c, group, at, p);
    }

    /// Every comparison compares dates with dates or numbers and amounts with each other, and
    /// has exactly one right side.
    fn comparison_problems(
        &self,
        c: &Condition,
        group: Option<&[Field]>,
        at: &str,
        p: &mut Vec<String>,
    ) {
        match c {
            Condition::Compare(cmp) => {
                let kind = |id: &str| {
                    let f = group
                        .and_then(|g| g.iter().find(|f| f.id == id))
                        .or_else(|| self.field(id))?;
                    match f.kind {
                        FieldKind::Date { .. } => Some("date"),
                        FieldKind::Number { .. } | FieldKind::Money { .. } => Some("number"),
                        _ => Some("other"),
                    }
                };
                let left = kind(&cmp.field);
                if left == Some("other") {
                    p.push(format!(
                        "{at}: {} is not a date, number or money field",
                        cmp.field
                    ));
                }
                let right = match (&cmp.other, &cmp.value) {
                    (Some(o), None) => kind(o),
                    (None, Some(v)) => match checks::parse_date(v) {
                        Some(_) => Some("date"),
                        None if Comparison::value_ok(v) => Some("number"),
                        None => {
                            p.push(format!("{at}: {v:?} is neither a date nor a number"));
                            None
                        }
                    },
                    _ => {
                        p.push(format!("{at}: a comparison needs either other or value"));
                        None
                    }
                };
                if let (Some(l), Some(r)) = (left, right)
                    && l != r
                {
                    p.push(format!("{at}: compares a {l} with a {r}"));
                }
            }
            Condition::Not(c) => self.comparison_problems(c, group, at, p),
            Condition::All(cs) | Condition::Any(cs) => {
                for c in cs {
                    self.comparison_problems(c, group, at, p);
                }
            }
            _ => {}
        }
    }
}

fn field_texts(f: &Field, path: &str, text: &mut impl FnMut(&str, &Localized)) {
    text(&format!("field {path} label"), &f.label);
    if let Some(h) = &f.help {
        text(&format!("field {path} help"), h);
    }
    match &f.kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => {
            for o in options {
                text(&format!("field {path} option {}", o.value), &o.label);
            }
        }
        FieldKind::Number { unit: Some(u), .. } => text(&format!("field {path} unit"), u),
        FieldKind::Group {
            fields,
            item_label,
            add_label,
            ..
        } => {
            text(&format!("field {path} item label"), item_label);
            text(&format!("field {path} add label"), add_label);
            for g in fields {
                field_texts(g, &format!("{path}.{}", g.id), text);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::form::FormDefinition;
    use crate::form::overlay::{Overlay, apply};

    fn form(fees: serde_json::Value, checks: serde_json::Value) -> FormDefinition {
        let label = json!({"de": "x"});
        serde_json::from_value(json!({
            "id": "f", "version": 1, "owner": "ch", "services": [], "country": "ch",
            "languages": ["de"], "title": label,
            "steps": [{"id": "s", "title": label, "fields": [
                {"id": "costs", "type": "money", "label": label},
                {"id": "kind", "type": "text", "label": label},
                {"id": "from", "type": "date", "label": label},
                {"id": "to", "type": "date", "label": label}
            ]}],
            "fees": {"currency": "CHF", "rules": fees},
            "checks": checks
        }))
        .unwrap()
    }

    fn band(field: &str, ups: &[f64]) -> serde_json::Value {
        let bands: Vec<_> = ups
            .iter()
            .map(|u| json!({"up_to": u, "amount": 1}))
            .collect();
        json!([{"id": "b", "label": {"de": "x"}, "type": "by_band", "field": field, "bands": bands}])
    }

    fn check(id: &str, field: &str, require: serde_json::Value) -> serde_json::Value {
        json!({"id": id, "field": field, "require": require, "message": {"de": "x"}})
    }

    #[test]
    fn band_fees_name_an_amount_and_ascend() {
        assert_eq!(
            form(band("costs", &[10.0, 20.0]), json!([])).problems(),
            Vec::<String>::new()
        );
        let p = form(band("kind", &[10.0]), json!([])).problems();
        assert_eq!(p, ["fee b: kind is not a money or number field"]);
        let p = form(band("costs", &[20.0, 20.0]), json!([])).problems();
        assert_eq!(p, ["fee b: bands must ascend"]);
        let p = form(band("gone", &[]), json!([])).problems();
        assert!(p.contains(&"fee b: no bands".to_owned()), "{p:?}");
    }

    #[test]
    fn rules_have_unique_ids_and_compare_what_can_be_compared() {
        let dates = json!({"compare": {"field": "to", "op": "ge", "other": "from"}});
        let ok = form(json!([]), json!([check("a", "to", dates.clone())]));
        assert_eq!(ok.problems(), Vec::<String>::new());
        let p = form(
            json!([]),
            json!([
                check("a", "to", dates.clone()),
                check("a", "nowhere", dates)
            ]),
        )
        .problems();
        assert_eq!(
            p,
            [
                "check id a twice",
                "check a: shown at unknown field nowhere"
            ]
        );
        let mixed = json!({"compare": {"field": "to", "op": "ge", "other": "costs"}});
        let p = form(json!([]), json!([check("a", "to", mixed)])).problems();
        assert_eq!(p, ["check a: compares a date with a number"]);
        let text = json!({"compare": {"field": "kind", "op": "eq", "value": "x"}});
        let p = form(json!([]), json!([check("a", "kind", text)])).problems();
        assert_eq!(
            p,
            [
                "check a: kind is not a date, number or money field",
                "check a: \"x\" is neither a date nor a number"
            ]
        );
        let unknown = json!({"compare": {"field": "to", "op": "lt", "other": "gone"}});
        let p = form(json!([]), json!([check("a", "to", unknown)])).problems();
        assert!(p[0].contains("unknown field gone"), "{p:?}");
    }

    #[test]
    fn an_overlay_cannot_take_a_rule_away() {
        let dates = json!({"compare": {"field": "to", "op": "ge", "other": "from"}});
        let template = form(json!([]), json!([check("a", "to", dates)]));
        let overlay: Overlay = serde_json::from_value(json!({
            "form": "f", "municipality": "ch:1", "revision": 1, "based_on": 1,
            "hide": ["from", "kind"]
        }))
        .unwrap();
        let (effective, issues) = apply(&template, &overlay);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].target, "hide: from");
        assert!(effective.field("from").is_some());
        assert!(effective.field("kind").is_none());
        assert_eq!(effective.checks, template.checks);
    }
}
