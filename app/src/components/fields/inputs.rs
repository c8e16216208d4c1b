//! The inputs of one answer each: one-line inputs (text, number, money, e-mail, phone,
//! IBAN/AHV/Steuer-ID/animal chip), a date as day, month and year, long text, a choice
//! (radios, or a select for long lists), multiple choice, a consent (one checkbox), and an
//! address. Each is drawn in its [`Frame`], is filled from the draft when it appears and
//! writes every keystroke back ([`Edit`]); it is never redrawn while the citizen types.

use super::context::{Edit, FieldsCtx};
use super::frame::{Around, Frame};
use crate::application::address_part_label;
use crate::countries;
use crate::i18n::lang_attr;
use contract::Lang;
use contract::form::inputs::{compose_date, date_parts};
use contract::form::{Field, FieldKind};
use contract::texts::Texts;
use leptos::prelude::*;
use serde_json::{Value, json};

/// One-line inputs: text, number, money, e-mail, phone and the identifiers.
pub(super) fn text_input(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let t = Texts::for_lang(lang);
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
            ..code(if ctx.country.with_value(|c| c == "de") {
                t.iban_hint_de
            } else {
                t.iban_hint
            })
        },
        FieldKind::Ahv => code(t.ahv_hint),
        FieldKind::SteuerId => Kind {
            inputmode: Some("numeric"),
            ..code(t.steuer_id_hint)
        },
        FieldKind::AnimalChip => Kind {
            inputmode: Some("numeric"),
            ..code(t.animal_chip_hint)
        },
        FieldKind::Number { .. } | FieldKind::Money { .. } => Kind {
            inputmode: Some("decimal"),
            width: "input-10",
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
    let frame = Frame::question(ctx, field, &path, required, lang)
        .portal_hint(kind.hint)
        .unit(prefix.clone().or(suffix.clone()));
    let initial = ctx.text_answer(&path);
    let input = view! {
        <input
            id=frame.ids.input.clone()
            name=frame.ids.input.clone()
            type=kind.input_type
            class=kind.width
            inputmode=kind.inputmode
            autocomplete=autocomplete
            spellcheck=kind.spellcheck
            aria-describedby=frame.described_by()
            aria-invalid=frame.aria_invalid()
            aria-required=frame.aria_required()
            prop:value=initial
            on:input=move |ev| ctx.edit.run(Edit::Set(path.clone(), Value::String(event_target_value(&ev))))
        />
    };
    let control = if prefix.is_some() || suffix.is_some() {
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
    frame.view(Around::Label, control)
}

/// A date as three boxes, day, month and year (GOV.UK's date input; a browser's date picker
/// writes the date as its own locale does, not as the page's language), in a fieldset whose
/// legend is the question. The answer is ISO `YYYY-MM-DD` once the three are given; until
/// then what was typed, which validation refuses ([`compose_date`]). The day box carries the
/// field's anchor, so that an error's link lands on it.
pub(super) fn date(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let t = Texts::for_lang(lang);
    let frame = Frame::question(ctx, field, &path, required, lang);
    let typed = StoredValue::new(date_parts(&ctx.text_answer(&path)));
    let birthday = field.autocomplete.as_deref() == Some("bday");
    let anchor = frame.ids.input.clone();
    let boxes = [
        (anchor.clone(), t.date_day, "input-w2", "bday-day"),
        (
            format!("{anchor}-month"),
            t.date_month,
            "input-w2",
            "bday-month",
        ),
        (
            format!("{anchor}-year"),
            t.date_year,
            "input-w4",
            "bday-year",
        ),
    ];
    let path = StoredValue::new(path);
    let invalid = frame.aria_invalid();
    let items = boxes
        .into_iter()
        .enumerate()
        .map(|(i, (id, label, width, token))| {
            let initial = typed.with_value(|p| p[i].clone());
            let on_input = move |ev| {
                let value = event_target_value(&ev);
                typed.update_value(|p| p[i] = value);
                let answer = typed.with_value(|[d, m, y]| compose_date(d, m, y));
                ctx.edit
                    .run(Edit::Set(path.get_value(), Value::String(answer)));
            };
            view! {
                <div class="date-input-item">
                    <label class="date-input-label" for=id.clone()>{label}</label>
                    <input
                        id=id.clone()
                        name=id
                        type="text"
                        class=width
                        inputmode="numeric"
                        spellcheck="false"
                        autocomplete=birthday.then_some(token)
                        aria-invalid=invalid
                        prop:value=initial
                        on:input=on_input
                    />
                </div>
            }
        })
        .collect_view();
    let control = view! { <div class="date-input">{items}</div> };
    let around = Around::Fieldset {
        class: "fieldset",
        id: None,
    };
    frame.view(around, control.into_any())
}

/// Long text.
pub(super) fn textarea(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let frame = Frame::question(ctx, field, &path, required, lang);
    let initial = ctx.text_answer(&path);
    let control = view! {
        <textarea
            id=frame.ids.input.clone()
            name=frame.ids.input.clone()
            rows="5"
            autocomplete=field.autocomplete.clone()
            aria-describedby=frame.described_by()
            aria-invalid=frame.aria_invalid()
            aria-required=frame.aria_required()
            prop:value=initial
            on:input=move |ev| ctx.edit.run(Edit::Set(path.clone(), Value::String(event_target_value(&ev))))
        ></textarea>
    };
    frame.view(Around::Label, control.into_any())
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

/// A fieldset of choices (radios, checkboxes): the question is its legend.
const CHOICES: Around = Around::Fieldset {
    class: "fieldset",
    id: None,
};

/// One of a few options (value, label, the label's language), as radio buttons; `inline` puts
/// them side by side (yes/no).
pub(super) fn radios(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    options: Vec<(String, String, Lang)>,
    required: Memo<bool>,
    lang: Lang,
    inline: bool,
) -> AnyView {
    let frame = Frame::question(ctx, field, &path, required, lang);
    let current = ctx.text_answer(&path);
    let name = frame.ids.input.clone();
    let control = view! {
        <div class="radios" class:radios-inline=inline>
            {options.into_iter().enumerate().map(|(i, (value, label, shown))| {
                let id = option_id(&name, i);
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
    };
    frame.view(CHOICES, control.into_any())
}

/// A consent: one checkbox, its label the statement confirmed; ticked stores `true`, unticked
/// `false` (not given, which counts as no answer and is not submitted).
pub(super) fn consent(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let frame = Frame::question(ctx, field, &path, required, lang);
    let given = ctx.answer(&path) == Some(Value::Bool(true));
    let control = view! {
        <input
            type="checkbox"
            id=frame.ids.input.clone()
            name=frame.ids.input.clone()
            value="true"
            aria-describedby=frame.described_by()
            aria-invalid=frame.aria_invalid()
            aria-required=frame.aria_required()
            prop:checked=given
            on:change=move |ev| {
                ctx.edit.run(Edit::Set(path.clone(), Value::Bool(event_target_checked(&ev))));
            }
        />
    };
    frame.view(Around::Checkbox, control.into_any())
}

/// One of many options, as a select.
pub(super) fn select(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    options: Vec<(String, String, Lang)>,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let t = Texts::for_lang(lang);
    let frame = Frame::question(ctx, field, &path, required, lang);
    let current = ctx.text_answer(&path);
    let control = view! {
        <select
            id=frame.ids.input.clone()
            name=frame.ids.input.clone()
            class="input-30"
            aria-describedby=frame.described_by()
            aria-invalid=frame.aria_invalid()
            aria-required=frame.aria_required()
            on:change=move |ev| ctx.edit.run(Edit::Set(path.clone(), Value::String(event_target_value(&ev))))
        >
            <option value="" selected=current.is_empty()>{t.choose_option}</option>
            {options.into_iter().map(|(value, label, shown)| {
                let selected = current == value;
                view! { <option value=value selected=selected lang=lang_attr(shown, lang)>{label}</option> }
            }).collect_view()}
        </select>
    };
    frame.view(Around::Label, control.into_any())
}

/// Multiple choice, as checkboxes; the answer lists the chosen values in the order of the
/// options.
pub(super) fn checkboxes(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let frame = Frame::question(ctx, field, &path, required, lang);
    let chosen: Vec<String> = texts(ctx.list(&path, false));
    let all: Vec<String> = field
        .kind
        .options()
        .iter()
        .map(|o| o.value.clone())
        .collect();
    let all = StoredValue::new(all);
    let name = frame.ids.input.clone();
    let control = view! {
        <div class="checkboxes">
            {field.kind.options().iter().enumerate().map(|(i, o)| {
                let id = option_id(&name, i);
                let (label, shown) = o.label.get_with_lang(lang);
                let value = o.value.clone();
                let checked = chosen.contains(&value);
                let path = path.clone();
                view! {
                    <div class="checkbox">
                        <input
                            type="checkbox"
                            id=id.clone()
                            name=name.clone()
                            value=value.clone()
                            prop:checked=checked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let mut now = texts(ctx.list(&path, false));
                                now.retain(|v| *v != value);
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
    };
    frame.view(CHOICES, control.into_any())
}

/// The strings of a list answer.
fn texts(list: Vec<Value>) -> Vec<String> {
    list.into_iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// An address: street and number, postcode and place, and the country where the form allows
/// more than one. Each part has its own label and error, in the address's fieldset.
pub(super) fn address(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    allowed: Vec<String>,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let t = Texts::for_lang(lang);
    let frame = Frame::question(ctx, field, &path, required, lang);
    // Use the browser's address autofill unless the form switches it off (a site address).
    let autofill = field.autocomplete.as_deref() != Some("off");
    let country = ctx.country.get_value();
    let part = |part: &'static str, token: &'static str, width: &'static str| {
        let part_path = format!("{path}.{part}");
        let part_required = Memo::new(move |_| required.get() && part != "number");
        let frame = Frame::part(
            ctx,
            &part_path,
            address_part_label(t, part, &country),
            Some(part_required),
            lang,
        )
        .class(format!("field address-{part}"));
        let initial = ctx.text_answer(&part_path);
        let input = view! {
            <input
                id=frame.ids.input.clone()
                name=frame.ids.input.clone()
                type="text"
                class=width
                autocomplete=autofill.then_some(token)
                inputmode=(part == "postcode").then_some("numeric")
                aria-describedby=frame.described_by()
                aria-invalid=frame.aria_invalid()
                aria-required=frame.aria_required()
                prop:value=initial
                on:input=move |ev| ctx.edit.run(Edit::Set(part_path.clone(), Value::String(event_target_value(&ev))))
            />
        };
        frame.view(Around::Label, input.into_any())
    };
    let choices = countries::choices(&allowed, &country, lang);
    let country = if choices.len() == 1 {
        view! {
            <p class="address-country">
                <span class="address-country-label">{t.address_country}": "</span>
                {countries::name(&choices[0], lang)}
            </p>
        }
        .into_any()
    } else {
        let country_path = format!("{path}.country");
        let frame = Frame::part(ctx, &country_path, t.address_country, None, lang)
            .class("field address-country".to_owned());
        let stored = ctx.text_answer(&country_path).to_ascii_uppercase();
        let current = if stored.is_empty() {
            choices[0].clone()
        } else {
            stored
        };
        let select = view! {
            <select
                id=frame.ids.input.clone()
                name=frame.ids.input.clone()
                class="input-20"
                autocomplete=autofill.then_some("country")
                aria-describedby=frame.described_by()
                aria-invalid=frame.aria_invalid()
                on:change=move |ev| ctx.edit.run(Edit::Set(country_path.clone(), Value::String(event_target_value(&ev))))
            >
                {choices.iter().map(|c| {
                    let selected = *c == current;
                    view! { <option value=c.clone() selected=selected>{countries::name(c, lang)}</option> }
                }).collect_view()}
            </select>
        };
        frame.view(Around::Label, select.into_any())
    };
    let parts = view! {
        <div class="address-row">
            {part("street", "address-line1", "input-full")}
            {part("number", "off", "input-5")}
        </div>
        <div class="address-row">
            {part("postcode", "postal-code", "input-5")}
            {part("place", "address-level2", "input-full")}
        </div>
        {country}
    };
    let around = Around::Fieldset {
        class: "fieldset address",
        id: Some(frame.ids.input.clone()),
    };
    frame.view(around, parts.into_any())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_option_carries_the_anchor() {
        assert_eq!(option_id("field-payment", 0), "field-payment");
        assert_eq!(option_id("field-payment", 1), "field-payment-option-2");
    }
}
