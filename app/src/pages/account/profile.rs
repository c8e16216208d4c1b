//! `/<lang>/konto/profil`: the profile (values an eID confirmed are marked), the password, the
//! sign-in address, the export of all data, and deleting the account.

use crate::account::use_account;
use crate::api;
use crate::application::path_label;
use crate::components::account_ui::{Input, ProfileFields, refusal, server_error, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::drafts;
use crate::i18n::{use_account_texts, use_lang, use_texts};
use crate::paths::{AccountPage, account_path, sign_in_path};
use contract::account::{
    AccountDeletion, EmailChange, PasswordChange, ProfileUpdate, email_errors, profile_form,
};
use contract::form::{Context, ErrorCode, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use wasm_bindgen::JsCast;

/// `/:lang/konto/profil`
#[component]
pub fn ProfilePage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let account = use_account();
    view! {
        <Title text=move || t.get().title(at.get().profile_heading)/>
        <p><a class="back-link" href=move || account_path(lang.get(), AccountPage::Home)>{move || at.get().account_heading}</a></p>
        {move || match account.session.with(|s| s.as_ref().map(|s| s.account.is_some())) {
            None => view! { <p role="status">{at.get().working}</p> }.into_any(),
            Some(false) => view! {
                <h1>{at.get().profile_heading}</h1>
                <p>{at.get().sign_in_needed}</p>
                <p><a class="button button-primary" href=sign_in_path(lang.get(), Some(&account_path(lang.get(), AccountPage::Profile)))>{at.get().sign_in_heading}</a></p>
            }.into_any(),
            Some(true) => view! { <Loaded/> }.into_any(),
        }}
    }
}

#[component]
fn Loaded() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let account = use_account();
    let scratch = RwSignal::new(None);
    let verified = RwSignal::new(Vec::<String>::new());
    let current_email = RwSignal::new(String::new());
    spawn_local(async move {
        if let Ok(p) = api::profile().await {
            verified.set(p.verified);
            current_email.set(p.email);
            scratch.set(Some(drafts::scratch("konto-profil", p.profile)));
        }
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(false);
    let form = StoredValue::new(profile_form());
    let summary = summary_links(errors, move |p| {
        if p.is_empty() {
            String::new()
        } else {
            form.with_value(|f| path_label(f, p, lang.get_untracked()))
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let answers = scratch.with_untracked(|d: &Option<drafts::Draft>| {
            d.as_ref().map(|d| d.answers.clone()).unwrap_or_default()
        });
        let ctx = Context::on(&drafts::today()).expect("the browser's date is a date");
        let found = form.with_value(|f| f.validate(&answers, &ctx));
        saved.set(false);
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        let update = ProfileUpdate {
            profile: answers,
            lang: lang.get_untracked(),
        };
        spawn_local(async move {
            match api::update_profile(&update).await {
                Ok(p) => {
                    errors.set(Vec::new());
                    verified.set(p.verified);
                    saved.set(true);
                    account.refresh();
                }
                Err(e) => {
                    errors.set(refusal(&e, t.get_untracked()));
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    let verified_note = move || {
        let list = verified.get();
        (!list.is_empty()).then(|| {
            let names: Vec<String> = list
                .iter()
                .map(|p| form.with_value(|f| path_label(f, p, lang.get())))
                .collect();
            view! { <p class="notice">{names.join(", ")}": "{at.get().verified_mark}</p> }
        })
    };
    view! {
        <ErrorSummary errors=summary/>
        <h1>{move || at.get().profile_heading}</h1>
        {verified_note}
        {move || scratch.with(Option::is_some).then(|| view! {
            <form class="form-step" novalidate on:submit=save>
                <ProfileFields scratch errors/>
                <div class="button-row form-actions">
                    <button type="submit" class="button-primary">{move || at.get().save}</button>
                </div>
                <p role="status">{move || saved.get().then(|| at.get().saved)}</p>
            </form>
        })}
        <ChangePassword/>
        <ChangeEmail current=current_email/>
        <Export/>
        <Delete/>
    }
}

#[component]
fn ChangePassword() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let done = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let change = PasswordChange {
            current: current.get_untracked(),
            new: new.get_untracked(),
        };
        let mut found = Vec::new();
        if change.current.is_empty() {
            found.push(FieldError::new("current", ErrorCode::Required));
        }
        found.extend(change.errors());
        done.set(false);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        spawn_local(async move {
            match api::change_password(&change).await {
                Ok(()) => {
                    errors.set(Vec::new());
                    current.set(String::new());
                    new.set(String::new());
                    done.set(true);
                }
                Err(e) => errors.set(vec![server_error(&e, t.get_untracked())]),
            }
        });
    };
    view! {
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{move || at.get().change_password_heading}</h2>
            <FormErrors errors/>
            <form class="narrow" novalidate on:submit=on_submit>
                <Input name="current" label=Signal::derive(move || at.get().current_password_label) kind="password"
                    autocomplete="current-password" value=current errors/>
                <Input name="new" label=Signal::derive(move || at.get().new_password_label) kind="password"
                    autocomplete="new-password" hint=Signal::derive(move || at.get().password_hint) value=new errors/>
                <button type="submit" class="secondary">{move || at.get().save_password}</button>
                <p role="status">{move || done.get().then(|| at.get().password_changed)}</p>
            </form>
        </section>
    }
}

#[component]
fn ChangeEmail(current: RwSignal<String>) -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let done = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let change = EmailChange {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let mut found = email_errors(&change.email, "email");
        if change.password.is_empty() {
            found.push(FieldError::new("email_password", ErrorCode::Required));
        }
        done.set(false);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        spawn_local(async move {
            match api::change_email(&change).await {
                Ok(()) => {
                    errors.set(Vec::new());
                    password.set(String::new());
                    done.set(true);
                }
                Err(e) => errors.set(vec![server_error(&e, t.get_untracked())]),
            }
        });
    };
    view! {
        <section aria-labelledby="email-heading">
            <h2 id="email-heading">{move || at.get().change_email_heading}</h2>
            <p class="meta">{move || at.get().email_label}": "{move || current.get()}</p>
            <FormErrors errors/>
            <form class="narrow" novalidate on:submit=on_submit>
                <Input name="email" label=Signal::derive(move || at.get().new_email_label) kind="email"
                    autocomplete="email" value=email errors/>
                <Input name="email_password" label=Signal::derive(move || at.get().password_label) kind="password"
                    autocomplete="current-password" value=password errors/>
                <button type="submit" class="secondary">{move || at.get().save}</button>
                <p role="status">{move || done.get().then(|| at.get().check_email_change)}</p>
            </form>
        </section>
    }
}

/// The errors of a small form that no field shows (the server's refusals).
#[component]
fn FormErrors(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    move || {
        errors.with(|es| {
            es.iter()
                .filter(|e| e.path.is_empty())
                .filter_map(|e| e.message.clone())
                .map(|m| view! { <p class="warning" role="alert">{m}</p> })
                .collect_view()
        })
    }
}

#[component]
fn Export() -> impl IntoView {
    let at = use_account_texts();
    let download = move |_| {
        spawn_local(async move {
            let Ok(json) = api::export_account().await else {
                return;
            };
            let parts = web_sys::js_sys::Array::of1(&json.into());
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("application/json");
            let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            else {
                return;
            };
            let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
                return;
            };
            if let Ok(a) = document().create_element("a")
                && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
            {
                a.set_href(&url);
                a.set_download("schalter-konto.json");
                a.click();
            }
            let _ = web_sys::Url::revoke_object_url(&url);
        });
    };
    view! {
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">{move || at.get().export_heading}</h2>
            <p>{move || at.get().export_intro}</p>
            <button type="button" class="secondary" on:click=download>{move || at.get().export_button}</button>
        </section>
    }
}

#[component]
fn Delete() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let account = use_account();
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if password.get_untracked().is_empty() {
            errors.set(vec![FieldError::new(
                "delete_password",
                ErrorCode::Required,
            )]);
            return;
        }
        let request = AccountDeletion {
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::delete_account(&request).await {
                // Signed out everywhere; every page says the account is gone.
                Ok(()) => account.deleted_here(),
                Err(e) => errors.set(vec![server_error(&e, t.get_untracked())]),
            }
        });
    };
    view! {
        <section aria-labelledby="delete-heading">
            <h2 id="delete-heading">{move || at.get().delete_heading}</h2>
            <p>{move || at.get().delete_intro}</p>
            <FormErrors errors/>
            <form class="narrow" novalidate on:submit=on_submit>
                <Input name="delete_password" label=Signal::derive(move || at.get().password_label) kind="password"
                    autocomplete="current-password" value=password errors/>
                <button type="submit" class="button-danger">{move || at.get().delete_button}</button>
            </form>
        </section>
    }
}
