//! The parts of the overlay editor beyond texts and hidden or required fields: the
//! municipality's own fee table (the template's amounts as the starting point, and when the fee
//! is due) and extra questions only the municipality asks. Both only change the overlay being
//! edited; the preview and publishing send it to the server, which checks it again.

use crate::i18n::{use_admin_texts, use_lang, use_texts};
use contract::Lang;
use contract::form::answers::parse_money;
use contract::form::fees::FeeAmount;
use contract::form::overlay::AddedField;
use contract::form::{FeeSchedule, Field, FieldKind, FormDefinition, Overlay};
use contract::payment::PaymentDue;
use leptos::prelude::*;

/// Which amount of a fee rule an input edits.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    /// The amount of a fixed or per-unit rule.
    Single,
    /// The amount of the i-th option of a by-choice rule.
    Choice(usize),
    /// The amount of the i-th position of a per-item rule.
    Item(usize),
    /// The amount of the i-th case of a per-item rule.
    Case(usize),
    /// The amount of the i-th band of a by-band rule.
    Band(usize),
    /// The amount above the last band of a by-band rule.
    Above,
}

fn amount_of(schedule: &FeeSchedule, rule: usize, slot: Slot) -> Option<i64> {
    let r = schedule.rules.get(rule)?;
    match (&r.amount, slot) {
        (FeeAmount::Fixed { amount } | FeeAmount::PerUnit { amount, .. }, Slot::Single) => {
            Some(*amount)
        }
        (FeeAmount::ByChoice { amounts, .. }, Slot::Choice(i)) => amounts.get(i).map(|a| a.amount),
        (FeeAmount::PerItem { amounts, .. }, Slot::Item(i)) => amounts.get(i).copied(),
        (FeeAmount::PerItem { cases, .. }, Slot::Case(i)) => cases.get(i).map(|c| c.amount),
        (FeeAmount::ByBand { bands, .. }, Slot::Band(i)) => bands.get(i).map(|b| b.amount),
        (FeeAmount::ByBand { above, .. }, Slot::Above) => *above,
        _ => None,
    }
}

fn set_amount(schedule: &mut FeeSchedule, rule: usize, slot: Slot, cents: i64) {
    let Some(r) = schedule.rules.get_mut(rule) else {
        return;
    };
    match (&mut r.amount, slot) {
        (FeeAmount::Fixed { amount } | FeeAmount::PerUnit { amount, .. }, Slot::Single) => {
            *amount = cents
        }
        (FeeAmount::ByChoice { amounts, .. }, Slot::Choice(i)) => {
            if let Some(a) = amounts.get_mut(i) {
                a.amount = cents;
            }
        }
        (FeeAmount::PerItem { amounts, .. }, Slot::Item(i)) => {
            if let Some(a) = amounts.get_mut(i) {
                *a = cents;
            }
        }
        (FeeAmount::PerItem { cases, .. }, Slot::Case(i)) => {
            if let Some(c) = cases.get_mut(i) {
                c.amount = cents;
            }
        }
        (FeeAmount::ByBand { bands, .. }, Slot::Band(i)) => {
            if let Some(b) = bands.get_mut(i) {
                b.amount = cents;
            }
        }
        (FeeAmount::ByBand { above, .. }, Slot::Above) if above.is_some() => {
            *above = Some(cents);
        }
        _ => {}
    }
}

/// `12.50` for 1250 cents.
fn amount_text(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// The label of option `value` of field `id` anywhere in the form, else the value.
fn option_label(form: &FormDefinition, id: &str, value: &str, lang: Lang) -> String {
    form.steps
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| f.id == id)
        .and_then(|f| match &f.kind {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => options
                .iter()
                .find(|o| o.value == value)
                .map(|o| o.label.get(lang).to_owned()),
            _ => None,
        })
        .unwrap_or_else(|| value.to_owned())
}

/// The municipality's own fee table: switched on, a copy of the table in force to change.
#[component]
pub fn FeeTable(
    template: FormDefinition,
    overlay: RwSignal<Option<Overlay>>,
    /// The ids of amount inputs that do not hold an amount (publishing waits for them).
    bad: RwSignal<Vec<String>>,
) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let lang = use_lang();
    let Some(template_fees) = template.fees.clone() else {
        return ().into_any();
    };
    let own = Memo::new(move |_| overlay.with(|o| o.as_ref().is_some_and(|o| o.fees.is_some())));
    let toggle = {
        let template_fees = template_fees.clone();
        move |on: bool| {
            overlay.update(|o| {
                if let Some(o) = o {
                    o.fees = on.then(|| template_fees.clone());
                }
            });
            bad.set(Vec::new());
        }
    };
    let table = move || {
        if !own.get() {
            return None;
        }
        let schedule = overlay.with_untracked(|o| o.as_ref().and_then(|o| o.fees.clone()))?;
        let l = lang.get_untracked();
        let at = at.get_untracked();
        let currency = schedule.currency.clone();
        let mut inputs: Vec<(String, String, Slot, usize)> = Vec::new();
        for (r, rule) in schedule.rules.iter().enumerate() {
            let name = rule.label.get(l).to_owned();
            match &rule.amount {
                FeeAmount::Fixed { .. } | FeeAmount::PerUnit { .. } => {
                    inputs.push((format!("fee-{r}"), name, Slot::Single, r));
                }
                FeeAmount::ByChoice { field, amounts } => {
                    for (i, a) in amounts.iter().enumerate() {
                        let option = option_label(&template, field, &a.value, l);
                        inputs.push((
                            format!("fee-{r}-c{i}"),
                            format!("{name}: {option}"),
                            Slot::Choice(i),
                            r,
                        ));
                    }
                }
                FeeAmount::ByBand {
                    field,
                    bands,
                    above,
                } => {
                    let bound = |b: f64| contract::form::facts::band_bound(&template, field, b, l);
                    let tl = t.get_untracked();
                    for (i, b) in bands.iter().enumerate() {
                        inputs.push((
                            format!("fee-{r}-b{i}"),
                            (tl.colon)(&name, &(tl.fee_up_to)(&bound(b.up_to))),
                            Slot::Band(i),
                            r,
                        ));
                    }
                    if let (Some(_), Some(last)) = (above, bands.last()) {
                        inputs.push((
                            format!("fee-{r}-above"),
                            (tl.colon)(&name, &(tl.fee_above)(&bound(last.up_to))),
                            Slot::Above,
                            r,
                        ));
                    }
                }
                FeeAmount::PerItem { amounts, cases, .. } => {
                    for i in 0..amounts.len() {
                        let position = (at.nth_item)(i + 1, i + 1 == amounts.len());
                        inputs.push((
                            format!("fee-{r}-i{i}"),
                            format!("{name}: {position}"),
                            Slot::Item(i),
                            r,
                        ));
                    }
                    for (i, c) in cases.iter().enumerate() {
                        inputs.push((
                            format!("fee-{r}-k{i}"),
                            format!("{name}: {}", c.label.get(l)),
                            Slot::Case(i),
                            r,
                        ));
                    }
                }
            }
        }
        let due = schedule.due;
        Some(view! {
            {inputs.into_iter().map(|(id, label, slot, rule)| {
                let start = amount_of(&schedule, rule, slot).map(amount_text).unwrap_or_default();
                let hint_id = format!("{id}-hint");
                let error_id = format!("{id}-error");
                let (id2, id3, id4) = (id.clone(), id.clone(), id.clone());
                let wrong = Memo::new(move |_| bad.with(|b| b.contains(&id2)));
                let currency = currency.clone();
                view! {
                    <div class="field" class:field-error=move || wrong.get()>
                        <label for=id.clone()>{label}</label>
                        <p class="hint" id=hint_id.clone()>{(at.amount_hint)(&currency)}</p>
                        {let error_id = error_id.clone(); move || wrong.get().then(|| view! {
                            <p class="error-message" id=error_id.clone()>
                                <span class="visually-hidden">{t.get().error_prefix}</span>{at.amount_invalid}
                            </p>
                        })}
                        <input id=id class="input input-short" type="text" inputmode="decimal" value=start
                            aria-describedby=move || if wrong.get() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
                            aria-invalid=move || wrong.get().then_some("true")
                            on:input=move |ev| {
                                match parse_money(&event_target_value(&ev)) {
                                    Some(cents) => {
                                        overlay.update(|o| if let Some(f) = o.as_mut().and_then(|o| o.fees.as_mut()) {
                                            set_amount(f, rule, slot, cents);
                                        });
                                        bad.update(|b| b.retain(|x| *x != id3));
                                    }
                                    None => bad.update(|b| if !b.contains(&id4) { b.push(id4.clone()) }),
                                }
                            }/>
                    </div>
                }
            }).collect_view()}
            <fieldset class="field">
                <legend>{at.due_legend}</legend>
                {[(PaymentDue::Later, at.due_later, "fee-due-later"), (PaymentDue::BeforeSubmission, at.due_before, "fee-due-before")]
                    .into_iter().map(|(value, text, id)| view! {
                        <div class="radio">
                            <input type="radio" name="fee-due" id=id checked=due == value
                                on:change=move |_| overlay.update(|o| if let Some(f) = o.as_mut().and_then(|o| o.fees.as_mut()) { f.due = value; })/>
                            <label for=id>{text}</label>
                        </div>
                    }).collect_view()}
            </fieldset>
        })
    };
    view! {
        <fieldset class="field overlay-step">
            <legend>{move || at.get().fees_legend}</legend>
            <p class="hint" id="own-fees-hint">{move || at.get().own_fees_hint}</p>
            <div class="checkbox">
                <input type="checkbox" id="own-fees" aria-describedby="own-fees-hint"
                    prop:checked=move || own.get()
                    on:change=move |ev| toggle(event_target_checked(&ev))/>
                <label for="own-fees">{move || at.get().own_fees}</label>
            </div>
            {table}
        </fieldset>
    }
    .into_any()
}

/// The kinds of answer an extra question may take, as stored.
const KINDS: [&str; 4] = ["text", "long_text", "yes_no", "date"];

/// Extra questions of the municipality: listed with "remove", and a small form to add one.
#[component]
pub fn ExtraQuestions(
    template: FormDefinition,
    overlay: RwSignal<Option<Overlay>>,
) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let lang = use_lang();
    let steps: Vec<(String, String)> = template
        .steps
        .iter()
        .map(|s| (s.id.clone(), s.title.get(lang.get_untracked()).to_owned()))
        .collect();
    let languages = template.languages.clone();
    let step = RwSignal::new(steps.first().map(|s| s.0.clone()).unwrap_or_default());
    let kind = RwSignal::new(KINDS[0].to_owned());
    let required = RwSignal::new(false);
    let texts: Vec<(Lang, RwSignal<String>)> = languages
        .iter()
        .map(|l| (*l, RwSignal::new(String::new())))
        .collect();
    let missing = RwSignal::new(false);
    let taken: Vec<String> = template
        .steps
        .iter()
        .flat_map(|s| &s.fields)
        .map(|f| f.id.clone())
        .collect();
    let add = {
        let texts = texts.clone();
        move |_| {
            let label: serde_json::Map<String, serde_json::Value> = texts
                .iter()
                .map(|(l, s)| {
                    (
                        l.code().to_owned(),
                        serde_json::Value::String(s.get_untracked().trim().to_owned()),
                    )
                })
                .collect();
            if label.values().any(|v| v.as_str().is_none_or(str::is_empty)) {
                missing.set(true);
                crate::components::focus::focus_later("extra-missing");
                return;
            }
            missing.set(false);
            let used: Vec<String> = overlay.with_untracked(|o| {
                o.as_ref()
                    .map(|o| o.add.iter().map(|a| a.field.id.clone()).collect())
                    .unwrap_or_default()
            });
            let id = (1..)
                .map(|n| format!("gemeinde_frage_{n}"))
                .find(|id| !taken.contains(id) && !used.contains(id))
                .unwrap_or_default();
            let field: Option<Field> = serde_json::from_value(serde_json::json!({
                "id": id, "type": kind.get_untracked(), "label": label, "required": required.get_untracked(),
            }))
            .ok();
            if let Some(field) = field {
                overlay.update(|o| {
                    if let Some(o) = o {
                        o.add.push(AddedField {
                            step: step.get_untracked(),
                            after: None,
                            field,
                        });
                    }
                });
                for (_, s) in &texts {
                    s.set(String::new());
                }
                required.set(false);
            }
        }
    };
    let added = move || overlay.with(|o| o.as_ref().map(|o| o.add.clone()).unwrap_or_default());
    let step_titles = steps.clone();
    view! {
        <section aria-labelledby="extra-heading" class="overlay-step">
            <h2 id="extra-heading" tabindex="-1">{move || at.get().extra_heading}</h2>
            <p class="hint">{move || at.get().extra_hint}</p>
            <ul class="extra-list">
                {move || added().into_iter().map(|a| {
                    let l = lang.get();
                    let name = a.field.label.get(l).to_owned();
                    let place = step_titles.iter().find(|s| s.0 == a.step).map(|s| s.1.clone()).unwrap_or_default();
                    let id = a.field.id.clone();
                    let remove_name = format!("{}: {name}", at.get().remove_added);
                    view! {
                        <li>
                            {format!("{name} ({place})")}" "
                            <button type="button" class="secondary button-small" aria-label=remove_name
                                on:click=move |_| {
                                    overlay.update(|o| if let Some(o) = o { o.add.retain(|x| x.field.id != id) });
                                    crate::components::focus::focus_later("extra-heading");
                                }>
                                {at.get().remove_added}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="field">
                <label for="extra-step">{move || at.get().extra_step}</label>
                <select id="extra-step" class="input" on:change=move |ev| step.set(event_target_value(&ev))>
                    {steps.iter().map(|(id, title)| view! { <option value=id.clone()>{title.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="extra-kind">{move || at.get().extra_kind}</label>
                <select id="extra-kind" class="input" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {KINDS.iter().enumerate().map(|(i, k)| view! { <option value=*k>{move || at.get().kind_names[i]}</option> }).collect_view()}
                </select>
            </div>
            {move || missing.get().then(|| view! {
                <p class="error-message" id="extra-missing" tabindex="-1" role="alert">
                    <span class="visually-hidden">{t.get().error_prefix}</span>{at.get().extra_missing}
                </p>
            })}
            {texts.iter().map(|(l, value)| {
                let (l, value) = (*l, *value);
                let id = format!("extra-question-{}", l.code());
                view! {
                    <div class="field">
                        <label for=id.clone()>{move || format!("{} ({})", at.get().extra_question, (at.get().hours_in)(l))}</label>
                        <input id=id class="input" type="text" lang=l.code()
                            aria-invalid=move || (missing.get() && value.with(|v| v.trim().is_empty())).then_some("true")
                            prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                    </div>
                }
            }).collect_view()}
            <div class="checkbox">
                <input type="checkbox" id="extra-required" prop:checked=move || required.get()
                    on:change=move |ev| required.set(event_target_checked(&ev))/>
                <label for="extra-required">{move || at.get().extra_required}</label>
            </div>
            <div class="button-row">
                <button type="button" class="secondary" on:click=add>{move || at.get().extra_button}</button>
            </div>
        </section>
    }
}
