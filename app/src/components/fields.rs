//! The inputs of a form step, rendered from the field definitions of the form engine: one
//! component per kind of answer (text, number, money, date, e-mail, phone, yes/no, choice,
//! multiple choice, address, IBAN/AHV/Steuer-ID, repeating groups; files are
//! [`super::file_field`]).
//!
//! Every input's id is `contract::form::validate::anchor(path)`, so that an error's link finds
//! it; hints and error messages are linked by `aria-describedby`, the error message stands
//! before the input, and conditional fields appear and disappear as the answers change. An
//! input is filled from the draft when it appears and writes every keystroke back ([`Edit`]);
//! it is never re-rendered while the citizen types.

use crate::application::{address_part_label, error_is_for, get_at, item_count, item_label};
use crate::components::focus::focus_field_later;
use crate::countries;
use crate::drafts::Draft;
use crate::i18n::{lang_attr, use_lang};
use contract::Lang;
use contract::form::answers::{Scope, field_required, field_visible};
use contract::form::checks::{iso, resolve_bound};
use contract::form::summary::yes_no;
use contract::form::validate::anchor;
use contract::form::{Answers, Field, FieldError, FieldKind, Localized};
use contract::texts::Texts;
use leptos::prelude::*;
use serde_json::{Map, Value, json};

/// A change to the answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The answer at a path.
    Set(String, Value),
    /// A new item at the end of a group.
    AddItem(String),
    /// Item `i` of a group removed.
    RemoveItem(String, usize),
}

/// What the fields of a step share (context).
#[derive(Clone, Copy)]
pub struct FieldsCtx {
    /// The draft holding the answers.
    pub draft: RwSignal<Option<Draft>>,
    /// Applies a change and saves the draft.
    pub edit: Callback<Edit>,
    /// The errors shown (from the last "continue").
    pub errors: RwSignal<Vec<FieldError>>,
    /// The form's currency (`EUR`, `CHF`).
    pub currency: StoredValue<String>,
    /// Today (ISO), for the bounds of date inputs.
    pub today: StoredValue<String>,
}

/// The message of an error in `lang` (the server's where it sent one).
pub fn message(e: &FieldError, lang: Lang) -> String {
    e.message
        .clone()
        .unwrap_or_else(|| e.code.message(lang, e.limit.as_deref()))
}

fn answer(ctx: FieldsCtx, path: &str) -> Option<Value> {
    ctx.draft
        .with_untracked(|d| d.as_ref().and_then(|d| get_at(&d.answers, path).cloned()))
}

fn text_answer(ctx: FieldsCtx, path: &str) -> String {
    answer(ctx, path)
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

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

/// The ids around one input.
pub(crate) struct Ids {
    pub(crate) input: String,
    pub(crate) hint: String,
    pub(crate) error: String,
}

impl Ids {
    pub(crate) fn new(path: &str) -> Ids {
        let input = anchor(path);
        Ids {
            hint: format!("{input}-hint"),
            error: format!("{input}-error"),
            input,
        }
    }
}

pub(crate) fn error_for(
    ctx: FieldsCtx,
    path: String,
    file: bool,
    lang: Lang,
) -> Memo<Option<String>> {
    Memo::new(move |_| {
        ctx.errors.with(|es| {
            es.iter()
                .find(|e| error_is_for(&e.path, &path, file))
                .map(|e| message(e, lang))
        })
    })
}

pub(crate) fn described_by(ids: &[Option<String>]) -> Option<String> {
    let s = ids.iter().flatten().cloned().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

pub(crate) fn localized(text: &Localized, lang: Lang) -> impl IntoView + use<> {
    let (s, shown) = text.get_with_lang(lang);
    view! { <span lang=lang_attr(shown, lang)>{s.to_owned()}</span> }
}

pub(crate) fn required_marker(required: Memo<bool>, t: &'static Texts) -> impl IntoView {
    move || {
        required
            .get()
            .then(|| view! { <span class="required">" "{t.required_marker}</span> })
    }
}

pub(crate) fn hint_view(
    help: Option<&Localized>,
    fallback: Option<&'static str>,
    id: &str,
    lang: Lang,
) -> Option<AnyView> {
    match (help, fallback) {
        (Some(h), _) => {
            let (s, shown) = h.get_with_lang(lang);
            Some(
                view! { <p class="hint" id=id.to_owned() lang=lang_attr(shown, lang)>{s.to_owned()}</p> }
                    .into_any(),
            )
        }
        (None, Some(f)) => Some(view! { <p class="hint" id=id.to_owned()>{f}</p> }.into_any()),
        (None, None) => None,
    }
}

pub(crate) fn error_view(
    error: Memo<Option<String>>,
    id: String,
    t: &'static Texts,
) -> impl IntoView {
    move || {
        error.get().map(|m| {
            view! {
                <p class="error-message" id=id.clone()>
                    <span class="visually-hidden">{t.error_prefix}</span>{m}
                </p>
            }
        })
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
        FieldKind::LongText { .. } => textarea(ctx, &field, path, required, lang),
        FieldKind::YesNo => {
            let options = [true, false]
                .into_iter()
                .map(|yes| {
                    let value = if yes { "yes" } else { "no" };
                    (value.to_owned(), yes_no(yes, lang).to_owned(), lang)
                })
                .collect();
            radios(ctx, &field, path, options, required, lang, true)
        }
        FieldKind::Choice { options } => {
            let options: Vec<(String, String, Lang)> = options
                .iter()
                .map(|o| {
                    let (label, shown) = o.label.get_with_lang(lang);
                    (o.value.clone(), label.to_owned(), shown)
                })
                .collect();
            if options.len() <= 6 {
                radios(ctx, &field, path, options, required, lang, false)
            } else {
                select(ctx, &field, path, options, required, lang)
            }
        }
        FieldKind::MultiChoice { .. } => checkboxes(ctx, &field, path, required, lang),
        FieldKind::Address { countries } => {
            address(ctx, &field, path, countries.clone(), required, lang)
        }
        FieldKind::File { .. } => super::file_field::file(ctx, &field, path, required, lang),
        FieldKind::Group { .. } => group(ctx, field, path, required, lang),
        _ => text_input(ctx, &field, path, required, lang),
    }
}

/// One-line inputs: text, number, money, date, e-mail, phone and the identifiers.
fn text_input(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let t = Texts::for_lang(lang);
    let ids = Ids::new(&path);
    let error = error_for(ctx, path.clone(), false, lang);
    struct Kind {
        input_type: &'static str,
        inputmode: Option<&'static str>,
        autocomplete: Option<&'static str>,
        spellcheck: Option<&'static str>,
        hint: Option<&'static str>,
        width: &'static str,
    }
    let plain = Kind {
        input_type: "text",
        inputmode: None,
        autocomplete: None,
        spellcheck: None,
        hint: None,
        width: "input-full",
    };
    let code = |hint| Kind {
        autocomplete: Some("off"),
        spellcheck: Some("false"),
        hint: Some(hint),
        width: "input-20",
        ..plain
    };
    let kind = match &field.kind {
        FieldKind::Email => Kind {
            input_type: "email",
            autocomplete: Some("email"),
            spellcheck: Some("false"),
            width: "input-30",
            ..plain
        },
        FieldKind::Phone => Kind {
            input_type: "tel",
            autocomplete: Some("tel"),
            width: "input-20",
            ..plain
        },
        FieldKind::Iban => Kind {
            width: "input-30",
            ..code(t.iban_hint)
        },
        FieldKind::Ahv => code(t.ahv_hint),
        FieldKind::SteuerId => Kind {
            inputmode: Some("numeric"),
            ..code(t.steuer_id_hint)
        },
        FieldKind::Number { .. } | FieldKind::Money { .. } => Kind {
            inputmode: Some("decimal"),
            width: "input-10",
            ..plain
        },
        FieldKind::Date { .. } => Kind {
            input_type: "date",
            width: "input-date",
            ..plain
        },
        _ => plain,
    };
    let autocomplete = field
        .autocomplete
        .clone()
        .or(kind.autocomplete.map(str::to_owned));
    let (prefix, suffix): (Option<String>, Option<String>) = match &field.kind {
        FieldKind::Money { .. } => (Some(ctx.currency.get_value()), None),
        FieldKind::Number { unit: Some(u), .. } => (None, Some(u.get(lang).to_owned())),
        _ => (None, None),
    };
    let (min, max) = match &field.kind {
        FieldKind::Date {
            not_before,
            not_after,
        } => {
            let today = ctx
                .today
                .with_value(|d| contract::form::checks::parse_date(d));
            let bound = |b: &Option<String>| {
                b.as_deref()
                    .zip(today)
                    .and_then(|(b, today)| resolve_bound(b, today))
                    .map(iso)
            };
            (bound(not_before), bound(not_after))
        }
        _ => (None, None),
    };
    let has_hint = field.help.is_some() || kind.hint.is_some();
    let hint = hint_view(field.help.as_ref(), kind.hint, &ids.hint, lang);
    let hint_id = has_hint.then(|| ids.hint.clone());
    let error_id = ids.error.clone();
    let describedby =
        move || described_by(&[hint_id.clone(), error.get().map(|_| error_id.clone())]);
    let unit = prefix.clone().or(suffix.clone());
    let initial = text_answer(ctx, &path);
    let on_input = move |ev: leptos::ev::Event| {
        ctx.edit.run(Edit::Set(
            path.clone(),
            Value::String(event_target_value(&ev)),
        ));
    };
    let input = view! {
        <input
            id=ids.input.clone()
            name=ids.input.clone()
            type=kind.input_type
            class=kind.width
            inputmode=kind.inputmode
            autocomplete=autocomplete
            spellcheck=kind.spellcheck
            min=min
            max=max
            aria-describedby=describedby
            aria-invalid=move || error.get().is_some().then_some("true")
            aria-required=move || required.get().then_some("true")
            prop:value=initial
            on:input=on_input
        />
    };
    let wrapped = if prefix.is_some() || suffix.is_some() {
        view! {
            <div class="input-wrapper">
                {prefix.map(|p| view! { <span class="input-prefix" aria-hidden="true">{p}</span> })}
                {input}
                {suffix.map(|s| view! { <span class="input-suffix" aria-hidden="true">{s}</span> })}
            </div>
        }
        .into_any()
    } else {
        input.into_any()
    };
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <label for=ids.input.clone()>
                {localized(&field.label, lang)}
                {unit.map(|u| view! { <span class="visually-hidden">" ("{u}")"</span> })}
                {required_marker(required, t)}
            </label>
            {hint}
            {error_view(error, ids.error.clone(), t)}
            {wrapped}
        </div>
    }
    .into_any()
}

fn textarea(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let t = Texts::for_lang(lang);
    let ids = Ids::new(&path);
    let error = error_for(ctx, path.clone(), false, lang);
    let hint_id = field.help.is_some().then(|| ids.hint.clone());
    let error_id = ids.error.clone();
    let describedby =
        move || described_by(&[hint_id.clone(), error.get().map(|_| error_id.clone())]);
    let initial = text_answer(ctx, &path);
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <label for=ids.input.clone()>{localized(&field.label, lang)}{required_marker(required, t)}</label>
            {hint_view(field.help.as_ref(), None, &ids.hint, lang)}
            {error_view(error, ids.error.clone(), t)}
            <textarea
                id=ids.input.clone()
                name=ids.input.clone()
                rows="5"
                autocomplete=field.autocomplete.clone()
                aria-describedby=describedby
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-required=move || required.get().then_some("true")
                prop:value=initial
                on:input=move |ev| ctx.edit.run(Edit::Set(path.clone(), Value::String(event_target_value(&ev))))
            ></textarea>
        </div>
    }
    .into_any()
}

/// A fieldset with a legend, hint and error: radios, checkboxes.
fn fieldset(
    ctx: FieldsCtx,
    field: &Field,
    path: &str,
    required: Memo<bool>,
    lang: Lang,
    inputs: AnyView,
) -> AnyView {
    let t = Texts::for_lang(lang);
    let ids = Ids::new(path);
    let error = error_for(ctx, path.to_owned(), false, lang);
    let hint_id = field.help.is_some().then(|| ids.hint.clone());
    let error_id = ids.error.clone();
    let describedby =
        move || described_by(&[hint_id.clone(), error.get().map(|_| error_id.clone())]);
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <fieldset class="fieldset" aria-describedby=describedby>
                <legend class="legend">{localized(&field.label, lang)}{required_marker(required, t)}</legend>
                {hint_view(field.help.as_ref(), None, &ids.hint, lang)}
                {error_view(error, ids.error.clone(), t)}
                {inputs}
            </fieldset>
        </div>
    }
    .into_any()
}

/// The id of option `i` of a choice: the field's anchor for the first, so that an error's
/// link lands on the first option.
fn option_id(anchor: &str, i: usize) -> String {
    if i == 0 {
        anchor.to_owned()
    } else {
        format!("{anchor}-option-{}", i + 1)
    }
}

fn radios(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    options: Vec<(String, String, Lang)>,
    required: Memo<bool>,
    lang: Lang,
    inline: bool,
) -> AnyView {
    let ids = Ids::new(&path);
    let current = text_answer(ctx, &path);
    let name = ids.input.clone();
    let inputs = view! {
        <div class="radios" class:radios-inline=inline>
            {options.into_iter().enumerate().map(|(i, (value, label, shown))| {
                let id = option_id(&ids.input, i);
                let checked = current == value;
                let path = path.clone();
                view! {
                    <div class="radio">
                        <input
                            type="radio"
                            id=id.clone()
                            name=name.clone()
                            value=value.clone()
                            prop:checked=checked
                            on:change=move |_| ctx.edit.run(Edit::Set(path.clone(), Value::String(value.clone())))
                        />
                        <label for=id lang=lang_attr(shown, lang)>{label}</label>
                    </div>
                }
            }).collect_view()}
        </div>
    }
    .into_any();
    fieldset(ctx, field, &path, required, lang, inputs)
}

fn select(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    options: Vec<(String, String, Lang)>,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let t = Texts::for_lang(lang);
    let ids = Ids::new(&path);
    let error = error_for(ctx, path.clone(), false, lang);
    let hint_id = field.help.is_some().then(|| ids.hint.clone());
    let error_id = ids.error.clone();
    let describedby =
        move || described_by(&[hint_id.clone(), error.get().map(|_| error_id.clone())]);
    let current = text_answer(ctx, &path);
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <label for=ids.input.clone()>{localized(&field.label, lang)}{required_marker(required, t)}</label>
            {hint_view(field.help.as_ref(), None, &ids.hint, lang)}
            {error_view(error, ids.error.clone(), t)}
            <select
                id=ids.input.clone()
                name=ids.input.clone()
                class="input-30"
                aria-describedby=describedby
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-required=move || required.get().then_some("true")
                on:change=move |ev| ctx.edit.run(Edit::Set(path.clone(), Value::String(event_target_value(&ev))))
            >
                <option value="" selected=current.is_empty()>{t.choose_option}</option>
                {options.into_iter().map(|(value, label, shown)| {
                    let selected = current == value;
                    view! { <option value=value selected=selected lang=lang_attr(shown, lang)>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

fn checkboxes(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let ids = Ids::new(&path);
    let chosen: Vec<String> = answer(ctx, &path)
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let all: Vec<String> = field
        .kind
        .options()
        .iter()
        .map(|o| o.value.clone())
        .collect();
    let all = StoredValue::new(all);
    let inputs = view! {
        <div class="checkboxes">
            {field.kind.options().iter().enumerate().map(|(i, o)| {
                let id = option_id(&ids.input, i);
                let (label, shown) = o.label.get_with_lang(lang);
                let value = o.value.clone();
                let checked = chosen.contains(&value);
                let path = path.clone();
                view! {
                    <div class="checkbox">
                        <input
                            type="checkbox"
                            id=id.clone()
                            name=ids.input.clone()
                            value=value.clone()
                            prop:checked=checked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let mut now: Vec<String> = answer(ctx, &path)
                                    .and_then(|v| v.as_array().cloned())
                                    .unwrap_or_default()
                                    .into_iter()
                                    .filter_map(|v| v.as_str().map(str::to_owned))
                                    .filter(|v| *v != value)
                                    .collect();
                                if on {
                                    now.push(value.clone());
                                }
                                // In the order of the options, as the summary lists them.
                                let ordered: Vec<Value> = all.with_value(|all| {
                                    all.iter().filter(|a| now.contains(a)).map(|a| json!(a)).collect()
                                });
                                ctx.edit.run(Edit::Set(path.clone(), Value::Array(ordered)));
                            }
                        />
                        <label for=id lang=lang_attr(shown, lang)>{label.to_owned()}</label>
                    </div>
                }
            }).collect_view()}
        </div>
    }
    .into_any();
    fieldset(ctx, field, &path, required, lang, inputs)
}

/// An address: street and number, postcode and place, and the country where the form allows
/// more than one.
fn address(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    allowed: Vec<String>,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let t = Texts::for_lang(lang);
    let ids = Ids::new(&path);
    let error = error_for(ctx, path.clone(), false, lang);
    let hint_id = field.help.is_some().then(|| ids.hint.clone());
    let error_id = ids.error.clone();
    let describedby =
        move || described_by(&[hint_id.clone(), error.get().map(|_| error_id.clone())]);
    // Use the browser's address autofill unless the form switches it off (a site address).
    let autofill = field.autocomplete.as_deref() != Some("off");
    let base = path.clone();
    let part = move |part: &'static str, token: &'static str, width: &'static str| {
        let part_path = format!("{base}.{part}");
        let part_ids = Ids::new(&part_path);
        let part_error = error_for(ctx, part_path.clone(), false, lang);
        let part_required = Memo::new(move |_| required.get() && part != "number");
        let error_id = part_ids.error.clone();
        let initial = text_answer(ctx, &part_path);
        view! {
            <div class=format!("field address-{part}") class:field-error=move || part_error.get().is_some()>
                <label for=part_ids.input.clone()>{address_part_label(t, part)}{required_marker(part_required, t)}</label>
                {error_view(part_error, part_ids.error.clone(), t)}
                <input
                    id=part_ids.input.clone()
                    name=part_ids.input.clone()
                    type="text"
                    class=width
                    autocomplete=autofill.then_some(token)
                    inputmode=(part == "postcode").then_some("numeric")
                    aria-describedby=move || part_error.get().map(|_| error_id.clone())
                    aria-invalid=move || part_error.get().is_some().then_some("true")
                    aria-required=move || part_required.get().then_some("true")
                    prop:value=initial
                    on:input=move |ev| ctx.edit.run(Edit::Set(part_path.clone(), Value::String(event_target_value(&ev))))
                />
            </div>
        }
    };
    let choices = countries::choices(&allowed);
    let country_path = format!("{path}.country");
    let country = if choices.len() == 1 {
        view! {
            <p class="address-country">
                <span class="address-country-label">{t.address_country}": "</span>
                {countries::name(&choices[0], lang)}
            </p>
        }
        .into_any()
    } else {
        let country_ids = Ids::new(&country_path);
        let country_error = error_for(ctx, country_path.clone(), false, lang);
        let stored = text_answer(ctx, &country_path).to_ascii_uppercase();
        let current = if stored.is_empty() {
            choices[0].clone()
        } else {
            stored
        };
        let error_id = country_ids.error.clone();
        view! {
            <div class="field address-country" class:field-error=move || country_error.get().is_some()>
                <label for=country_ids.input.clone()>{t.address_country}</label>
                {error_view(country_error, country_ids.error.clone(), t)}
                <select
                    id=country_ids.input.clone()
                    name=country_ids.input.clone()
                    class="input-20"
                    autocomplete=autofill.then_some("country")
                    aria-describedby=move || country_error.get().map(|_| error_id.clone())
                    aria-invalid=move || country_error.get().is_some().then_some("true")
                    on:change=move |ev| ctx.edit.run(Edit::Set(country_path.clone(), Value::String(event_target_value(&ev))))
                >
                    {choices.iter().map(|c| {
                        let selected = *c == current;
                        view! { <option value=c.clone() selected=selected>{countries::name(c, lang)}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <fieldset class="fieldset address" id=ids.input.clone() aria-describedby=describedby>
                <legend class="legend">{localized(&field.label, lang)}{required_marker(required, t)}</legend>
                {hint_view(field.help.as_ref(), None, &ids.hint, lang)}
                {error_view(error, ids.error.clone(), t)}
                <div class="address-row">
                    {part("street", "address-line1", "input-full")}
                    {part("number", "off", "input-5")}
                </div>
                <div class="address-row">
                    {part("postcode", "postal-code", "input-5")}
                    {part("place", "address-level2", "input-full")}
                </div>
                {country}
            </fieldset>
        </div>
    }
    .into_any()
}

/// "12 KB", "1,2 MB".
pub fn human_size(bytes: u64, lang: Lang) -> String {
    let decimal = |s: String| {
        if lang == Lang::En {
            s
        } else {
            s.replace('.', ",")
        }
    };
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024).max(1))
    } else {
        decimal(format!("{:.1} MB", bytes as f64 / 1_048_576.0))
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
    let ids = Ids::new(&path);
    let heading_id = format!("group-{path}-heading");
    let error = error_for(ctx, path.clone(), false, lang);
    let announce = RwSignal::new(String::new());
    let group_id = path.clone();
    let count = Memo::new(move |_| {
        ctx.draft
            .with(|d| d.as_ref().map_or(0, |d| item_count(&d.answers, &group_id)))
    });
    let keep = (*min_items).max(u32::from(field.required)) as usize;
    let max = *max_items as usize;
    let children = StoredValue::new(fields.clone());
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
    let add_label = StoredValue::new(add_label.clone());
    let add = move |_| {
        let group = gid.get_value();
        ctx.edit.run(Edit::AddItem(group.clone()));
        let i = count.get_untracked().saturating_sub(1);
        let label = field.with_value(|f| item_label(f, i, lang).0);
        announce.set((t.item_added)(&label));
        focus_field_later(anchor(&format!("{group}.{i}")));
    };
    let error_id = ids.error.clone();
    let labelled_by = heading_id.clone();
    view! {
        <section class="group" class:field-error=move || error.get().is_some() aria-labelledby=labelled_by>
            <h2 class="group-heading" id=heading_id>
                {field.with_value(|f| localized(&f.label, lang))}
                {required_marker(required, t)}
            </h2>
            {field.with_value(|f| hint_view(f.help.as_ref(), None, &ids.hint, lang))}
            {error_view(error, ids.error.clone(), t)}
            {items}
            {move || if count.get() < max {
                let (text, shown) = add_label.with_value(|l| {
                    let (s, l) = l.get_with_lang(lang);
                    (s.to_owned(), l)
                });
                let error_id = error_id.clone();
                view! {
                    <button
                        type="button"
                        class="secondary add-item"
                        id=anchor(&gid.get_value())
                        lang=lang_attr(shown, lang)
                        aria-describedby=move || error.get().map(|_| error_id.clone())
                        on:click=add
                    >{text}</button>
                }
                .into_any()
            } else {
                view! { <p class="hint">{(t.group_full)(max)}</p> }.into_any()
            }}
            <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_people_read_them() {
        assert_eq!(human_size(0, Lang::De), "1 KB");
        assert_eq!(human_size(12_000, Lang::De), "12 KB");
        assert_eq!(human_size(1_300_000, Lang::De), "1,2 MB");
        assert_eq!(human_size(1_300_000, Lang::En), "1.2 MB");
    }

    #[test]
    fn the_first_option_carries_the_anchor() {
        assert_eq!(option_id("field-payment", 0), "field-payment");
        assert_eq!(option_id("field-payment", 1), "field-payment-option-2");
        assert_eq!(
            described_by(&[None, Some("a".into()), Some("b".into())]),
            Some("a b".into())
        );
        assert_eq!(described_by(&[None]), None);
    }
}
