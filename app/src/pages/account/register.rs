//! `/<lang>/konto/registrieren`: name, address, e-mail and password, checked in the browser by
//! the same code as on the server; the answer is the same whether or not the address has an
//! account already ("check your e-mail").

use crate::api;
use crate::application::path_label;
use crate::components::account_ui::{Input, ProfileFields, refusal, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::drafts;
use crate::i18n::{use_account_texts, use_lang, use_texts};
use crate::paths::{AccountPage, account_path};
use contract::account::{Registration, profile_form};
use contract::form::{Answers, Context, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

/// `/:lang/konto/registrieren`
#[component]
pub fn RegisterPage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let scratch = RwSignal::new(Some(drafts::scratch("konto-profil", Answers::new())));
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let form = StoredValue::new(profile_form());
    let summary = summary_links(errors, move |path| {
        let at = at.get_untracked();
        match path {
            "email" => at.email_label.to_owned(),
            "password" => at.password_label.to_owned(),
            "" => String::new(),
            p => form.with_value(|f| path_label(f, p, lang.get_untracked())),
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = Registration {
            profile: scratch
                .with_untracked(|d| d.as_ref().map(|d| d.answers.clone()).unwrap_or_default()),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            lang: lang.get_untracked(),
        };
        let ctx = Context::on(&drafts::today()).expect("the browser's date is a date");
        let found = request.errors(&ctx);
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = api::register(&request).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    errors.set(Vec::new());
                    done.set(true);
                    focus_later("check-email-heading");
                }
                Err(e) => {
                    errors.set(refusal(&e, t.get_untracked()));
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    view! {
        <Title text=move || t.get().title(at.get().register_heading)/>
        {move || if done.get() {
            let at = at.get();
            view! {
                <h1 id="check-email-heading" tabindex="-1">{at.check_email_heading}</h1>
                <p class="lead">{at.check_email_register}</p>
                <p><a href=account_path(lang.get(), AccountPage::SignIn)>{at.sign_in_heading}</a></p>
            }.into_any()
        } else {
            view! {
                <ErrorSummary errors=summary/>
                <h1>{move || at.get().register_heading}</h1>
                <p class="lead">{move || at.get().register_intro}</p>
                <form class="form-step" novalidate on:submit=on_submit>
                    <ProfileFields scratch errors/>
                    <Input name="email" label=Signal::derive(move || at.get().email_label) kind="email"
                        autocomplete="email" value=email errors/>
                    <Input name="password" label=Signal::derive(move || at.get().password_label) kind="password"
                        autocomplete="new-password" hint=Signal::derive(move || at.get().password_hint)
                        value=password errors/>
                    <div class="button-row form-actions">
                        <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>
                            {move || at.get().register_heading}
                        </button>
                    </div>
                </form>
                <p>{move || at.get().eid_intro}" "<a href=move || account_path(lang.get(), AccountPage::SignIn)>{move || at.get().eid_heading}</a></p>
            }.into_any()
        }}
    }
}
