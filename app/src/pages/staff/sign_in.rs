//! `/<lang>/amt/anmelden`: staff sign in with e-mail, password and the code of their
//! authenticator app; afterwards back to the clerk-mode page named by `?zurueck=`, or the
//! inbox.

use crate::api;
use crate::components::account_ui::{Input, refusal_code, server_error, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::i18n::{use_lang, use_staff_texts, use_texts};
use crate::paths::{RETURN_PARAM, StaffPage, is_portal_path, staff_path};
use contract::account::email_errors;
use contract::cases::{StaffOidcStart, StaffProvider, StaffSignIn};
use contract::form::{ErrorCode, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

/// `/:lang/amt/anmelden`
#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let st = use_staff_texts();
    let t = use_texts();
    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();
    let back = Signal::derive(move || {
        query
            .read()
            .get(RETURN_PARAM)
            .filter(|b| is_portal_path(b) && b.contains("/amt"))
            .unwrap_or_else(|| staff_path(lang.get(), StaffPage::Inbox))
    });
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    // `#anmeldung=<reason>`: the organisation's provider sent the browser back refused.
    let refused = RwSignal::new(refusal_code("anmeldung"));
    let offered = RwSignal::new(false);
    let summary = summary_links(errors, move |path| {
        let st = st.get_untracked();
        match path {
            "email" => st.email_label.to_owned(),
            "password" => st.password_label.to_owned(),
            "code" => st.code_label.to_owned(),
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
        let digits = code.get_untracked().replace(' ', "");
        if digits.is_empty() {
            found.push(FieldError::new("code", ErrorCode::Required));
        } else if !digits.chars().all(|c| c.is_ascii_digit()) {
            found.push(FieldError::new("code", ErrorCode::NotInteger));
        } else if digits.len() != 6 {
            let code = if digits.len() < 6 {
                ErrorCode::TooShort
            } else {
                ErrorCode::TooLong
            };
            let mut e = FieldError::new("code", code);
            e.limit = Some("6".into());
            found.push(e);
        }
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        busy.set(true);
        let request = StaffSignIn {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            code: digits,
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::staff_sign_in(&request).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    errors.set(Vec::new());
                    navigate(&back.get_untracked(), NavigateOptions::default());
                }
                Err(e) => {
                    // Password and code are asked again; the address stays.
                    password.set(String::new());
                    code.set(String::new());
                    errors.set(vec![server_error(&e, t.get_untracked())]);
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    view! {
        <Title text=move || t.get().title(st.get().sign_in_heading)/>
        <ErrorSummary errors=summary/>
        <h1>{move || st.get().sign_in_heading}</h1>
        <p class="lead">{move || st.get().sign_in_intro}</p>
        {move || refused.get().map(|code| view! {
            <p class="warning" role="alert">{(st.get().oidc_refused)(&code)}</p>
        })}
        <OrganisationSignIn offered/>
        {move || offered.get().then(|| view! { <h2 id="password-heading">{st.get().password_heading}</h2> })}
        <form class="form-step narrow" novalidate on:submit=on_submit>
            <Input name="email" label=Signal::derive(move || st.get().email_label) kind="email"
                autocomplete="username" value=email errors/>
            <Input name="password" label=Signal::derive(move || st.get().password_label) kind="password"
                autocomplete="current-password" value=password errors/>
            <Input name="code" label=Signal::derive(move || st.get().code_label)
                hint=Signal::derive(move || st.get().code_hint)
                autocomplete="one-time-code" value=code errors/>
            <div class="button-row form-actions">
                <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>
                    {move || st.get().sign_in_button}
                </button>
            </div>
        </form>
    }
}

/// One button per organisation provider configured; `offered` tells the page whether any is.
#[component]
fn OrganisationSignIn(offered: RwSignal<bool>) -> impl IntoView {
    let st = use_staff_texts();
    let t = use_texts();
    let lang = use_lang();
    let providers = RwSignal::new(Vec::<StaffProvider>::new());
    let failed = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(list) = api::staff_providers().await {
            offered.set(!list.is_empty());
            providers.set(list);
        }
    });
    let start = move |provider: String| {
        failed.set(None);
        let request = StaffOidcStart {
            provider,
            lang: lang.get_untracked(),
        };
        spawn_local(async move {
            match api::staff_oidc_start(&request).await {
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
        let list = providers.get();
        (!list.is_empty()).then(|| {
            let st = st.get();
            view! {
                <section class="eid-buttons" aria-labelledby="organisation-heading">
                    <h2 id="organisation-heading">{st.oidc_heading}</h2>
                    {move || failed.get().map(|m| view! { <p class="warning" role="alert">{m}</p> })}
                    <ul class="button-list">
                        {list.into_iter().map(|p| {
                            let id = p.id.clone();
                            view! {
                                <li>
                                    <button type="button" class="button-primary" on:click=move |_| start(id.clone())>
                                        {(st.oidc_button)(&p.name)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
