//! The pages the account's e-mails link to, and the one that sends a reset link: confirming
//! an address (`bestaetigen#token=…`), asking for a reset link (`passwort-vergessen`), and
//! setting a new password (`passwort-neu#token=…`). Tokens travel in the fragment, so that
//! no server log or `Referer` holds them; the page sends them in a request body.

use crate::api;
use crate::components::account_ui::{Input, server_error, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::i18n::{use_account_texts, use_lang, use_texts};
use crate::paths::{AccountPage, account_path, token_from_hash};
use contract::account::{ResetConfirm, ResetRequest, email_errors, password_errors};
use contract::form::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

fn hash_token() -> Option<String> {
    token_from_hash(&window().location().hash().unwrap_or_default())
}

/// `/:lang/konto/bestaetigen#token=…`: confirms the address at once.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    // None: under way; Some(Ok): confirmed; Some(Err): the link does not work.
    let outcome = RwSignal::new(None::<Result<(), String>>);
    match hash_token() {
        Some(token) => spawn_local(async move {
            outcome.set(Some(match api::verify_email(&token).await {
                Ok(()) => Ok(()),
                Err(e) if e.retryable() => Err(e.message(t.get_untracked()).to_owned()),
                Err(_) => Err(at.get_untracked().link_invalid.to_owned()),
            }));
        }),
        None => outcome.set(Some(Err(at.get_untracked().link_invalid.to_owned()))),
    }
    view! {
        <Title text=move || t.get().title(at.get().verify_heading)/>
        <h1>{move || at.get().verify_heading}</h1>
        {move || match outcome.get() {
            None => view! { <p role="status">{at.get().working}</p> }.into_any(),
            Some(Ok(())) => view! {
                <p class="lead" role="status">{at.get().verified_body}</p>
                <p><a class="button button-primary" href=account_path(lang.get(), AccountPage::SignIn)>{at.get().sign_in_heading}</a></p>
            }.into_any(),
            Some(Err(m)) => view! { <p class="warning" role="alert">{m}</p> }.into_any(),
        }}
    }
}

/// `/:lang/konto/passwort-vergessen`: sends a link (the answer says nothing about whether the
/// address has an account).
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let done = RwSignal::new(false);
    let summary = summary_links(errors, move |p| {
        if p == "email" {
            at.get_untracked().email_label.to_owned()
        } else {
            String::new()
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = email_errors(&email.get_untracked(), "email");
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        let request = ResetRequest {
            email: email.get_untracked().trim().to_owned(),
            lang: lang.get_untracked(),
        };
        spawn_local(async move {
            match api::request_reset(&request).await {
                Ok(()) => {
                    errors.set(Vec::new());
                    done.set(true);
                    focus_later("check-email-heading");
                }
                Err(e) => {
                    errors.set(vec![server_error(&e, t.get_untracked())]);
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    view! {
        <Title text=move || t.get().title(at.get().reset_request_heading)/>
        {move || if done.get() {
            view! {
                <h1 id="check-email-heading" tabindex="-1">{at.get().check_email_heading}</h1>
                <p class="lead">{at.get().check_email_reset}</p>
            }.into_any()
        } else {
            view! {
                <ErrorSummary errors=summary/>
                <h1>{move || at.get().reset_request_heading}</h1>
                <p class="lead">{move || at.get().reset_request_intro}</p>
                <form class="form-step narrow" novalidate on:submit=on_submit>
                    <Input name="email" label=Signal::derive(move || at.get().email_label) kind="email"
                        autocomplete="email" value=email errors/>
                    <div class="button-row form-actions">
                        <button type="submit" class="button-primary">{move || at.get().reset_request_button}</button>
                    </div>
                </form>
            }.into_any()
        }}
    }
}

/// `/:lang/konto/passwort-neu#token=…`: the new password.
#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let done = RwSignal::new(false);
    let token = StoredValue::new(hash_token());
    let summary = summary_links(errors, move |p| {
        if p == "password" {
            at.get_untracked().new_password_label.to_owned()
        } else {
            String::new()
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = password_errors(&password.get_untracked(), "password");
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        let Some(token) = token.get_value() else {
            errors.set(vec![server_error(
                &api::ApiError::Answered {
                    status: 400,
                    body: None,
                },
                t.get_untracked(),
            )]);
            return;
        };
        let request = ResetConfirm {
            token,
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::confirm_reset(&request).await {
                Ok(()) => {
                    errors.set(Vec::new());
                    done.set(true);
                    focus_later("reset-done");
                }
                Err(e) => {
                    let mut error = server_error(&e, t.get_untracked());
                    if !e.retryable() {
                        error.message = Some(at.get_untracked().link_invalid.to_owned());
                    }
                    errors.set(vec![error]);
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    view! {
        <Title text=move || t.get().title(at.get().reset_heading)/>
        <ErrorSummary errors=summary/>
        <h1>{move || at.get().reset_heading}</h1>
        {move || if done.get() {
            view! {
                <p class="lead" id="reset-done" tabindex="-1" role="status">{at.get().reset_done}</p>
                <p><a class="button button-primary" href=account_path(lang.get(), AccountPage::SignIn)>{at.get().sign_in_heading}</a></p>
            }.into_any()
        } else {
            view! {
                <form class="form-step narrow" novalidate on:submit=on_submit>
                    <Input name="password" label=Signal::derive(move || at.get().new_password_label) kind="password"
                        autocomplete="new-password" hint=Signal::derive(move || at.get().password_hint)
                        value=password errors/>
                    <div class="button-row form-actions">
                        <button type="submit" class="button-primary">{move || at.get().save_password}</button>
                    </div>
                </form>
            }.into_any()
        }}
    }
}
