//! `/<lang>/amt/zugang#token=…`: a new staff member, invited by their authority's
//! administrators, chooses a password and connects an authenticator app (the QR code, or the
//! key typed in), confirms it with a current code and is signed in. The token travels in the
//! fragment and then in request bodies only.

use crate::api;
use crate::components::account_ui::{Input, refusal, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::drafts::display_millis;
use crate::i18n::{use_lang, use_staff_texts, use_texts};
use crate::paths::{StaffPage, staff_path, token_from_hash};
use contract::cases::{StaffSetup, StaffSetupFinish, StaffSetupStart};
use contract::form::FieldError;
use contract::slip::module_path;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// `/:lang/amt/zugang`
#[component]
pub fn StaffSetupPage() -> impl IntoView {
    let st = use_staff_texts();
    let t = use_texts();
    let token = StoredValue::new(token_from_hash(
        &window().location().hash().unwrap_or_default(),
    ));
    // None: asking; Some(Err): the link does not work (or the server did not answer).
    let setup = RwSignal::new(None::<Result<StaffSetup, String>>);
    match token.get_value() {
        Some(token) => spawn_local(async move {
            let answer = api::staff_setup_start(&StaffSetupStart { token }).await;
            setup.try_set(Some(answer.map_err(|e| {
                if e.retryable() {
                    e.message(t.get_untracked()).to_owned()
                } else {
                    st.get_untracked().setup_invalid.to_owned()
                }
            })));
        }),
        None => setup.set(Some(Err(st.get_untracked().setup_invalid.to_owned()))),
    }
    view! {
        <Title text=move || t.get().title(st.get().setup_heading)/>
        {move || match setup.get() {
            None => view! {
                <h1>{st.get().setup_heading}</h1>
                <p role="status">{t.get().loading}</p>
            }.into_any(),
            Some(Err(message)) => view! {
                <h1>{st.get().setup_heading}</h1>
                <p class="warning" role="alert">{message}</p>
            }.into_any(),
            Some(Ok(s)) => view! { <SetupForm setup=s token=token.get_value().unwrap_or_default()/> }.into_any(),
        }}
    }
}

#[component]
fn SetupForm(setup: StaffSetup, token: String) -> impl IntoView {
    let st = use_staff_texts();
    let t = use_texts();
    let lang = use_lang();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let summary = summary_links(errors, move |path| {
        let st = st.get_untracked();
        match path {
            "password" => st.setup_password_label.to_owned(),
            "code" => st.code_label.to_owned(),
            _ => String::new(),
        }
    });
    let token = StoredValue::new(token);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = StaffSetupFinish {
            token: token.get_value(),
            password: password.get_untracked(),
            code: code.get_untracked().replace(' ', ""),
        };
        // The contract's own checks first; the server runs them again.
        let found = request.errors();
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::staff_setup(&request).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    errors.set(Vec::new());
                    navigate(
                        &staff_path(lang.get_untracked(), StaffPage::Inbox),
                        NavigateOptions::default(),
                    );
                }
                Err(e) => {
                    // A wrong code is asked again; the password stays as typed.
                    code.set(String::new());
                    let mut found = refusal(&e, t.get_untracked());
                    if e.status() == Some(400) {
                        for error in &mut found {
                            error.message = Some(st.get_untracked().setup_invalid.to_owned());
                        }
                    }
                    errors.set(found);
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    let n = setup.modules.len() as f64;
    let view_box = format!("-4 -4 {} {}", n + 8.0, n + 8.0);
    let path = module_path(&setup.modules);
    let until = display_millis(setup.expires_at, lang.get_untracked());
    let name = setup.name.clone();
    let email = setup.email.clone();
    let authorities = setup.authorities.join(", ");
    let secret = setup.secret.clone();
    view! {
        <ErrorSummary errors=summary/>
        <h1>{move || st.get().setup_heading}</h1>
        <p class="lead">{move || (st.get().setup_intro)(&name)}</p>
        <dl class="summary-list">
            <div class="summary-row">
                <dt>{move || st.get().setup_account}</dt>
                <dd>{email}</dd>
            </div>
            <div class="summary-row">
                <dt>{move || st.get().authority_label}</dt>
                <dd>{authorities}</dd>
            </div>
        </dl>
        <p class="hint">{move || (st.get().setup_until)(&until)}</p>
        <form class="form-step narrow" novalidate on:submit=on_submit>
            <h2>{move || st.get().setup_password_heading}</h2>
            <Input name="password" label=Signal::derive(move || st.get().setup_password_label) kind="password"
                autocomplete="new-password" hint=Signal::derive(move || st.get().setup_password_hint)
                value=password errors/>
            <h2>{move || st.get().setup_app_heading}</h2>
            <p>{move || st.get().setup_app_intro}</p>
            <figure class="slip-code">
                <svg role="img" aria-label=move || st.get().setup_qr_label viewBox=view_box
                    xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">
                    <rect x="-4" y="-4" width=n + 8.0 height=n + 8.0 fill="#fff"/>
                    <path d=path fill="#000"/>
                </svg>
            </figure>
            <dl class="slip-data">
                <dt>{move || st.get().setup_key_label}</dt>
                <dd class="mono">{secret}</dd>
            </dl>
            <h2>{move || st.get().setup_code_heading}</h2>
            <Input name="code" label=Signal::derive(move || st.get().code_label)
                hint=Signal::derive(move || st.get().code_hint)
                autocomplete="one-time-code" value=code errors/>
            <div class="button-row form-actions">
                <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>
                    {move || st.get().setup_button}
                </button>
            </div>
        </form>
    }
}
