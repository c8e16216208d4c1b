//! `/<lang>/konto/anmelden`: e-mail and password, or the eID; afterwards back to the page
//! named by `?zurueck=` (a form step: the draft goes on), or Mein Konto.

use crate::account::use_account;
use crate::api;
use crate::components::account_ui::{EidButtons, Input, refusal_code, server_error, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::i18n::{use_account_texts, use_lang, use_texts};
use crate::paths::{AccountPage, RETURN_PARAM, account_path, is_portal_path};
use contract::account::{Level, SignIn, email_errors};
use contract::form::{ErrorCode, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

/// `/:lang/konto/anmelden`
#[component]
pub fn SignInPage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let account = use_account();
    let query = use_query_map();
    let navigate = use_navigate();
    let back = Signal::derive(move || {
        query
            .read()
            .get(RETURN_PARAM)
            .filter(|b| is_portal_path(b))
            .unwrap_or_else(|| account_path(lang.get(), AccountPage::Home))
    });
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let summary = summary_links(errors, move |path| {
        let at = at.get_untracked();
        match path {
            "email" => at.email_label.to_owned(),
            "password" => at.password_label.to_owned(),
            _ => String::new(),
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let mut found = email_errors(&email.get_untracked(), "email");
        if password.get_untracked().is_empty() {
            found.push(FieldError::new("password", ErrorCode::Required));
        }
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        busy.set(true);
        let request = SignIn {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::sign_in(&request).await;
            busy.set(false);
            match result {
                Ok(info) => {
                    errors.set(Vec::new());
                    account.signed_in(info);
                    navigate(&back.get_untracked(), NavigateOptions::default());
                }
                Err(e) => {
                    // The password is asked again; the address stays.
                    password.set(String::new());
                    errors.set(vec![server_error(&e, t.get_untracked())]);
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    // `#eid=<reason>`: the eID provider sent the browser back refused.
    let eid_refused = refusal_code("eid");
    view! {
        <Title text=move || t.get().title(at.get().sign_in_heading)/>
        <ErrorSummary errors=summary/>
        <h1>{move || at.get().sign_in_heading}</h1>
        <p class="lead">{move || at.get().sign_in_intro}</p>
        {move || eid_refused.clone().map(|code| view! {
            <p class="warning" role="alert">{(at.get().eid_refused)(&code)}</p>
        })}
        {move || account.who().map(|who| view! {
            <p class="notice">{(at.get().signed_in_as)(&format!("{} {}", who.given_name, who.family_name), &who.email)}</p>
        })}
        <form class="form-step narrow" novalidate on:submit=on_submit>
            <Input name="email" label=Signal::derive(move || at.get().email_label) kind="email"
                autocomplete="username" value=email errors/>
            <Input name="password" label=Signal::derive(move || at.get().password_label) kind="password"
                autocomplete="current-password" value=password errors/>
            <div class="button-row form-actions">
                <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>
                    {move || at.get().sign_in_heading}
                </button>
            </div>
        </form>
        <ul class="link-list">
            <li><a href=move || account_path(lang.get(), AccountPage::ForgotPassword)>{move || at.get().forgot_link}</a></li>
            <li>{move || at.get().no_account}" "<a href=move || account_path(lang.get(), AccountPage::Register)>{move || at.get().register_heading}</a></li>
        </ul>
        <EidButtons level=Level::Substantial return_to=back with_heading=true/>
    }
}
