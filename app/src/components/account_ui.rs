//! What the account pages share: a labelled input with its hint and error, a form's errors as
//! the error summary, the eID sign-in buttons, the step-up notice of a form that needs an eID,
//! and the warning before the session's idle timeout.

use crate::account::use_account;
use crate::api::{self, ApiError};
use crate::application::set_at;
use crate::application::{error_message, error_text};
use crate::components::error_summary::{ErrorLink, ErrorTarget};
use crate::components::fields::{Edit, FieldView, FieldsCtx};
use crate::drafts::{self, Draft};
use crate::i18n::{use_account_form_texts, use_lang, use_texts};
use contract::account::{EidProvider, EidStart, Level};
use contract::form::FieldError;
use contract::form::validate::anchor;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One labelled input of an account page; its errors are those in `errors` for `name`.
#[component]
pub fn Input(
    /// The field's name (its errors' path; the input's id is made from it).
    name: &'static str,
    /// The label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// `email`, `password`, `text`.
    #[prop(default = "text")]
    kind: &'static str,
    /// The `autocomplete` token (`email`, `current-password`, `new-password`, …).
    autocomplete: &'static str,
    /// A hint under the label.
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
    /// Whether an answer is needed (marked as the form questions are).
    #[prop(default = true)]
    required: bool,
    /// The value.
    value: RwSignal<String>,
    /// The errors of the page.
    errors: RwSignal<Vec<FieldError>>,
    /// Where a page holds the same form more than once (one per organisation): what makes
    /// the input's id unique.
    #[prop(optional, into)]
    scope: Option<String>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let id = match &scope {
        Some(s) => anchor(&format!("{s}.{name}")),
        None => anchor(name),
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = Memo::new(move |_| {
        errors.with(|es| {
            es.iter()
                .find(|e| e.path == name)
                .map(|e| error_message(e, lang.get()))
        })
    });
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="required">" "{move || t.get().required_marker}</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || h.get()}</p> })}
            {move || error.get().map(|m| view! {
                <p class="error-message" id=error_id.clone()>
                    <span class="visually-hidden">{t.get().error_prefix}</span>{m}
                </p>
            })}
            <input
                id=id.clone()
                name=name
                type=kind
                class="input"
                autocomplete=autocomplete
                spellcheck=(kind != "text").then_some("false")
                aria-required=required.then_some("true")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// The errors of an account page as links of the error summary; `labels` names each field.
pub fn summary_links(
    errors: RwSignal<Vec<FieldError>>,
    labels: impl Fn(&str) -> String + Send + Sync + 'static,
) -> Signal<Vec<ErrorLink>> {
    let t = use_texts();
    let lang = use_lang();
    Signal::derive(move || {
        errors.with(|es| {
            es.iter()
                .map(|e| {
                    let label = labels(&e.path);
                    let message = error_message(e, lang.get());
                    ErrorLink {
                        text: if label.is_empty() {
                            message
                        } else {
                            error_text(t.get(), &label, &message)
                        },
                        target: if label.is_empty() {
                            ErrorTarget::Nowhere
                        } else {
                            ErrorTarget::Here(anchor(&e.path))
                        },
                    }
                })
                .collect()
        })
    })
}

/// A refusal of the server as an error of the page (no field: the server's own message, in
/// the page language).
pub fn server_error(e: &ApiError, t: &contract::texts::Texts) -> FieldError {
    let message = e
        .server_message()
        .map(str::to_owned)
        .unwrap_or_else(|| e.message(t).to_owned());
    let mut error = FieldError::new("", contract::form::ErrorCode::Required);
    error.message = Some(message);
    error
}

/// The field errors of a 422 answer (`details.errors`), where the server sent them.
pub fn field_errors(e: &ApiError) -> Option<Vec<FieldError>> {
    let ApiError::Answered {
        body: Some(body), ..
    } = e
    else {
        return None;
    };
    let errors = body.details.as_ref()?.get("errors")?;
    serde_json::from_value(errors.clone()).ok()
}

/// What a refusal shows: the server's field errors (422 `details.errors`) where it sent
/// them, otherwise its message as an error of the page.
pub fn refusal(e: &ApiError, t: &contract::texts::Texts) -> Vec<FieldError> {
    field_errors(e)
        .filter(|es| !es.is_empty())
        .unwrap_or_else(|| vec![server_error(e, t)])
}

/// The eID sign-in: one button per provider that confirms `level`; after the provider's pages
/// the browser comes back to `return_to`.
#[component]
pub fn EidButtons(
    level: Level,
    return_to: Signal<String>,
    /// With a heading and a sentence on what the eID is for (the sign-in page).
    #[prop(optional)]
    with_heading: bool,
) -> impl IntoView {
    let at = use_account_form_texts();
    let t = use_texts();
    let lang = use_lang();
    let providers = RwSignal::new(Vec::<EidProvider>::new());
    let failed = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(list) = api::eid_providers().await {
            providers.set(list);
        }
    });
    let start = move |provider: String, asked: Level| {
        failed.set(None);
        let request = EidStart {
            provider,
            level: asked,
            return_to: return_to.get_untracked(),
            lang: lang.get_untracked(),
        };
        spawn_local(async move {
            match api::eid_start(&request).await {
                Ok(r) => {
                    let _ = window().location().set_href(&r.url);
                }
                Err(e) => failed.set(Some(
                    server_error(&e, t.get_untracked())
                        .message
                        .unwrap_or_default(),
                )),
            }
        });
    };
    move || {
        let list: Vec<EidProvider> = providers
            .get()
            .into_iter()
            .filter(|p| p.highest >= level)
            .collect();
        (!list.is_empty()).then(|| {
            let at = at.get();
            view! {
                <div class="eid-buttons">
                    {with_heading.then(|| view! {
                        <h2 id="eid-heading">{at.eid_heading}</h2>
                        <p>{at.eid_intro}</p>
                    })}
                    {move || failed.get().map(|m| view! { <p class="warning" role="alert">{m}</p> })}
                    <ul class="button-list">
                        {list.into_iter().map(|p| {
                            let id = p.id.clone();
                            let asked = level.max(Level::Substantial).min(p.highest);
                            view! {
                                <li>
                                    <button type="button" class="secondary" on:click=move |_| start(id.clone(), asked)>
                                        {(at.eid_button)(&p.name)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The reason code in the page's fragment `#<name>=<code>`, where an OpenID provider's
/// callback sent the browser back refused (`#eid=level_too_low`); only a plain code counts.
pub fn refusal_code(name: &str) -> Option<String> {
    let hash = window().location().hash().ok()?;
    let code = hash
        .strip_prefix('#')?
        .strip_prefix(name)?
        .strip_prefix('=')?;
    (code.len() <= 40 && code.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .then(|| code.to_owned())
}

/// The address of the page the browser is on (path and query), to come back to.
pub fn here() -> String {
    let l = window().location();
    format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    )
}

/// A form that needs more assurance than the citizen has: why, and the eID sign-in, which
/// comes back to this very page (the draft stays in the browser meanwhile).
#[component]
pub fn StepUp(needed: Option<Level>) -> impl IntoView {
    let at = use_account_form_texts();
    let account = use_account();
    let needed = needed.filter(|l| *l > Level::Low);
    move || {
        let needed = needed?;
        // Until the server said who is signed in, nothing is claimed.
        account.session.with(Option::is_some).then_some(())?;
        if account.level().is_some_and(|l| l >= needed) {
            return None;
        }
        let at = at.get();
        Some(view! {
            <div class="notice" role="region" aria-labelledby="step-up-heading">
                <h2 id="step-up-heading" class="notice-heading">{at.step_up_heading}</h2>
                <p>{(at.step_up_body)(needed)}</p>
                <EidButtons level=needed return_to=Signal::derive(here)/>
            </div>
        })
    }
}

/// The warning before the idle timeout (WCAG 2.2.1): an alert dialog with the time left and
/// "stay signed in", which renews the session for every tab; shown over every page. After the
/// session ended by itself, a notice says so.
#[component]
pub fn SessionWarning() -> impl IntoView {
    let at = crate::i18n::use_shell_texts();
    let account = use_account();
    let open = Memo::new(move |_| account.warning.with(Option::is_some));
    Effect::new(move || {
        if open.get() {
            request_animation_frame(|| {
                if let Some(b) = document().get_element_by_id("stay-signed-in")
                    && let Ok(b) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b)
                {
                    let _ = b.focus();
                }
            });
        }
    });
    view! {
        {move || open.get().then(|| {
            let at = at.get();
            // The time left is said once when the dialog opens; the visible count goes on.
            let first = account.warning.get_untracked().unwrap_or_default();
            view! {
                <div class="dialog-backdrop">
                    <div class="dialog" role="alertdialog" aria-modal="true"
                        aria-labelledby="session-warning-heading" aria-describedby="session-warning-body"
                        on:keydown=move |ev| match ev.key().as_str() {
                            "Escape" => account.renew(),
                            // The one control keeps the focus while the dialog is open.
                            "Tab" => ev.prevent_default(),
                            _ => {}
                        }>
                        <h2 id="session-warning-heading">{at.timeout_heading}</h2>
                        <p id="session-warning-body" class="visually-hidden">{(at.timeout_body)(first)}</p>
                        <p aria-hidden="true">{move || (at.timeout_body)(account.warning.get().unwrap_or_default())}</p>
                        <div class="button-row">
                            <button type="button" id="stay-signed-in" class="button-primary" on:click=move |_| account.renew()>
                                {at.stay_signed_in}
                            </button>
                        </div>
                    </div>
                </div>
            }
        })}
        {move || account.ended.get().then(|| view! {
            <div class="container">
                <p class="warning" role="status">{at.get().session_ended}</p>
            </div>
        })}
        {move || account.deleted.get().then(|| view! {
            <div class="container">
                <p class="notice" role="status">{at.get().deleted}</p>
            </div>
        })}
    }
}

/// The profile's questions (name, date of birth, address, phone), drawn by the form
/// components from `contract::account::profile_form`; the answers live in `scratch`.
#[component]
pub fn ProfileFields(
    scratch: RwSignal<Option<Draft>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let form = contract::account::profile_form();
    let edit = Callback::new(move |e: Edit| {
        scratch.update(|d| {
            if let (Some(d), Edit::Set(path, value)) = (d, e) {
                set_at(&mut d.answers, &path, value);
            }
        })
    });
    provide_context(FieldsCtx {
        draft: scratch,
        edit,
        errors,
        currency: StoredValue::new("CHF".to_owned()),
        country: StoredValue::new(form.country.clone()),
    });
    form.steps
        .iter()
        .flat_map(|s| s.fields.iter())
        .map(|f| view! { <FieldView field=f.clone() item=None/> })
        .collect_view()
}

/// At the start of a form, for a signed-in citizen: "for myself" or "for organisation X" (when
/// they belong to one), and their profile, loaded for filling the form in.
#[component]
pub fn Applicant(
    applying_for: RwSignal<Option<drafts::ForOrganisation>>,
    profile: RwSignal<Option<contract::account::Profile>>,
) -> impl IntoView {
    let at = use_account_form_texts();
    let account = use_account();
    let organisations = RwSignal::new(Vec::<contract::account::Organisation>::new());
    let signed_in = Memo::new(move |_| account.who().is_some());
    Effect::new(move || {
        if !signed_in.get() {
            return;
        }
        spawn_local(async move {
            if let Ok(p) = api::profile().await {
                profile.set(Some(p));
            }
            if let Ok(list) = api::organisations().await {
                organisations.set(list);
            }
        });
    });
    move || {
        let list = organisations.get();
        (signed_in.get() && !list.is_empty()).then(|| {
            let at = at.get();
            view! {
                <div class="field">
                    <fieldset class="radios">
                        <legend class="legend">{at.apply_for_legend}</legend>
                        <div class="radio">
                            <input type="radio" id="apply-for-self" name="apply-for" checked=true
                                on:change=move |_| applying_for.set(None)/>
                            <label for="apply-for-self">{at.for_myself}</label>
                        </div>
                        {list.into_iter().map(|o| {
                            let id = format!("apply-for-{}", o.id);
                            let label_for = id.clone();
                            let chosen = drafts::ForOrganisation { id: o.id.clone(), name: o.name.clone() };
                            view! {
                                <div class="radio">
                                    <input type="radio" id=id name="apply-for"
                                        on:change=move |_| applying_for.set(Some(chosen.clone()))/>
                                    <label for=label_for>{(at.for_organisation)(&o.name)}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                </div>
            }
        })
    }
}

/// Above a step: which of its answers were taken from the profile (while unchanged), and
/// which of those an eID confirmed.
#[component]
pub fn PrefilledNotice(
    /// The step's fields: (path, label).
    fields: Vec<(String, String)>,
    draft: RwSignal<Option<Draft>>,
) -> impl IntoView {
    let at = use_account_form_texts();
    move || {
        let at = at.get();
        let names: Vec<String> = draft.with(|d| {
            let Some(d) = d else { return Vec::new() };
            fields
                .iter()
                .filter_map(|(path, label)| {
                    let p = d.prefilled.iter().find(|p| &p.path == path)?;
                    (d.answers.get(path) == Some(&p.value)).then(|| {
                        if p.verified {
                            format!("{label} ({})", at.verified_mark)
                        } else {
                            label.clone()
                        }
                    })
                })
                .collect()
        });
        (!names.is_empty())
            .then(|| view! { <p class="notice">{(at.prefilled_notice)(&names.join(", "))}</p> })
    }
}
