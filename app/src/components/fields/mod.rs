//! The inputs of a form step, rendered from the field definitions of the form engine: one
//! input per kind of answer (text, number, money, date (day, month, year), e-mail, phone,
//! yes/no, consent, choice, multiple choice, address, IBAN/AHV/Steuer-ID/animal chip:
//! [`inputs`]; files: [`file`]) and repeating
//! groups, whose items hold fields again.
//!
//! Every question is drawn in one [`frame`]: the label (or legend), the hint and the error
//! message linked by `aria-describedby`, the error message before the input, the group marked
//! in error. Every input's id is `contract::form::validate::anchor(path)`, so that an error's
//! link finds it. Conditional fields appear and disappear as the answers change.
//!
//! # Layout
//! - [`context`]: what the inputs of a step share ([`FieldsCtx`], [`Edit`]).
//! - [`frame`]: the frame around every question.
//! - [`inputs`]: the inputs of one answer each; [`file`]: file questions (uploads).
//! - here: [`FieldView`], which picks the input for a field, and repeating groups.

mod context;
mod file;
mod frame;
mod inputs;

pub use context::{Edit, FieldsCtx};

use crate::application::item_count;
use crate::components::focus::focus_field_later;
use crate::i18n::{lang_attr, use_lang};
use contract::Lang;
use contract::form::answers::{Scope, field_required, field_visible};
use contract::form::facts::item_label;
use contract::form::summary::yes_no;
use contract::form::validate::anchor;
use contract::form::{Answers, Field, FieldKind};
use contract::texts::Texts;
use frame::{Around, Frame};
use leptos::prelude::*;
use serde_json::{Map, Value};

/// Runs `f` in the scope of a field: the whole form, or one item of a group.
fn in_scope<R>(
    answers: &Answers,
    item: Option<&(String, usize)>,
    f: impl FnOnce(&Scope<'_>) -> R,
) -> R {
    match item {
        None => f(&Scope::root(answers)),
        Some((group, i)) => {
            let empty = Map::new();
            let obj = answers
                .get(group)
                .and_then(|g| g.get(*i))
                .and_then(Value::as_object)
                .unwrap_or(&empty);
            f(&Scope::item(answers, obj))
        }
    }
}

/// One field of a step, or of item `i` of group `g` (`item = Some((g, i))`); shown while its
/// condition holds.
#[component]
pub fn FieldView(field: Field, item: Option<(String, usize)>) -> impl IntoView {
    let ctx = expect_context::<FieldsCtx>();
    let lang = use_lang().get_untracked();
    let path = match &item {
        Some((g, i)) => format!("{g}.{i}.{}", field.id),
        None => field.id.clone(),
    };
    let field = StoredValue::new(field);
    let item = StoredValue::new(item);
    let path = StoredValue::new(path);
    let visible = Memo::new(move |_| {
        ctx.draft.with(|d| {
            d.as_ref().is_some_and(|d| {
                item.with_value(|it| {
                    field.with_value(|f| in_scope(&d.answers, it.as_ref(), |s| field_visible(f, s)))
                })
            })
        })
    });
    let required = Memo::new(move |_| {
        ctx.draft.with(|d| {
            d.as_ref().is_some_and(|d| {
                item.with_value(|it| {
                    field
                        .with_value(|f| in_scope(&d.answers, it.as_ref(), |s| field_required(f, s)))
                })
            })
        })
    });
    move || {
        visible
            .get()
            .then(|| render(ctx, field.get_value(), path.get_value(), required, lang))
    }
}

fn render(ctx: FieldsCtx, field: Field, path: String, required: Memo<bool>, lang: Lang) -> AnyView {
    match &field.kind {
        FieldKind::LongText { .. } => inputs::textarea(ctx, &field, path, required, lang),
        FieldKind::YesNo => {
            let options = [true, false]
                .into_iter()
                .map(|yes| {
                    let value = if yes { "yes" } else { "no" };
                    (value.to_owned(), yes_no(yes, lang).to_owned(), lang)
                })
                .collect();
            inputs::radios(ctx, &field, path, options, required, lang, true)
        }
        FieldKind::Consent => inputs::consent(ctx, &field, path, required, lang),
        FieldKind::Choice { options } => {
            let options: Vec<(String, String, Lang)> = options
                .iter()
                .map(|o| {
                    let (label, shown) = o.label.get_with_lang(lang);
                    (o.value.clone(), label.to_owned(), shown)
                })
                .collect();
            if options.len() <= 6 {
                inputs::radios(ctx, &field, path, options, required, lang, false)
            } else {
                inputs::select(ctx, &field, path, options, required, lang)
            }
        }
        FieldKind::MultiChoice { .. } => inputs::checkboxes(ctx, &field, path, required, lang),
        FieldKind::Address { countries } => {
            inputs::address(ctx, &field, path, countries.clone(), required, lang)
        }
        FieldKind::File { .. } => file::file(ctx, &field, path, required, lang),
        FieldKind::Date { .. } => inputs::date(ctx, &field, path, required, lang),
        FieldKind::Group { .. } => group(ctx, field, path, required, lang),
        _ => inputs::text_input(ctx, &field, path, required, lang),
    }
}

/// The id of a group item's heading (focused after an item is removed).
fn item_heading_id(group: &str, i: usize) -> String {
    format!("group-{group}-{i}-heading")
}

/// A repeating group: one fieldset per item with its fields and a "remove" button, and the
/// "add another" button (which carries the group's anchor, for its own errors).
fn group(ctx: FieldsCtx, field: Field, path: String, required: Memo<bool>, lang: Lang) -> AnyView {
    let t = Texts::for_lang(lang);
    let FieldKind::Group {
        fields,
        min_items,
        max_items,
        add_label,
        ..
    } = &field.kind
    else {
        return ().into_any();
    };
    let frame = Frame::question(ctx, &field, &path, required, lang);
    let announce = RwSignal::new(String::new());
    let group_id = path.clone();
    let count = Memo::new(move |_| {
        ctx.draft
            .with(|d| d.as_ref().map_or(0, |d| item_count(&d.answers, &group_id)))
    });
    let keep = (*min_items).max(u32::from(field.required)) as usize;
    let max = *max_items as usize;
    let children = StoredValue::new(fields.clone());
    let add_label = StoredValue::new(add_label.clone());
    let field = StoredValue::new(field.clone());
    let gid = StoredValue::new(path.clone());
    let items = move || {
        let n = count.get();
        (0..n)
            .map(|i| {
                let group = gid.get_value();
                let (label, shown) = field.with_value(|f| item_label(f, i, lang));
                let heading = item_heading_id(&group, i);
                let remove = {
                    let label = label.clone();
                    let group = group.clone();
                    move |_| {
                        let prefix = format!("{group}.");
                        ctx.errors
                            .update(|es| es.retain(|e| !e.path.starts_with(&prefix)));
                        ctx.edit.run(Edit::RemoveItem(group.clone(), i));
                        announce.set((t.item_removed)(&label));
                        let left = count.get_untracked();
                        let target = if i < left {
                            item_heading_id(&group, i)
                        } else if left > 0 {
                            item_heading_id(&group, left - 1)
                        } else {
                            anchor(&group)
                        };
                        focus_field_later(target);
                    }
                };
                view! {
                    <fieldset class="group-item" id=anchor(&format!("{group}.{i}"))>
                        <legend class="group-item-legend">
                            <h3 class="group-item-heading" id=heading tabindex="-1" lang=lang_attr(shown, lang)>{label.clone()}</h3>
                        </legend>
                        {children.get_value().into_iter().map(|f| view! {
                            <FieldView field=f item=Some((group.clone(), i))/>
                        }).collect_view()}
                        {(n > keep.max(1) || keep == 0).then(|| view! {
                            <button type="button" class="secondary" on:click=remove>
                                {(t.remove_item)(&label)}
                            </button>
                        })}
                    </fieldset>
                }
            })
            .collect_view()
    };
    let add = move |_| {
        let group = gid.get_value();
        ctx.edit.run(Edit::AddItem(group.clone()));
        let i = count.get_untracked().saturating_sub(1);
        let label = field.with_value(|f| item_label(f, i, lang).0);
        announce.set((t.item_added)(&label));
        focus_field_later(anchor(&format!("{group}.{i}")));
    };
    // The group's own errors (too few, too many items) are read with its "add" button.
    let described_by = frame.described_by();
    let add_or_full = move || {
        if count.get() < max {
            let (text, shown) = add_label.with_value(|l| {
                let (s, l) = l.get_with_lang(lang);
                (s.to_owned(), l)
            });
            view! {
                <button
                    type="button"
                    class="secondary add-item"
                    id=anchor(&gid.get_value())
                    lang=lang_attr(shown, lang)
                    aria-describedby=described_by.clone()
                    on:click=add
                >{text}</button>
            }
            .into_any()
        } else {
            view! { <p class="hint">{(t.group_full)(max)}</p> }.into_any()
        }
    };
    let control = view! {
        {items}
        {add_or_full}
        <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
    };
    let heading_id = format!("group-{path}-heading");
    frame.view(Around::Section { heading_id }, control.into_any())
}
