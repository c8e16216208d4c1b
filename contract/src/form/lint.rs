//! Checks a form definition before it is published: the importer refuses a form with problems.

use std::collections::HashSet;

use super::checks;
use super::condition::Condition;
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
