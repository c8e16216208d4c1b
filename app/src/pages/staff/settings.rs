//! `/<lang>/amt/einstellungen`: an authority's administrators set how long the access keys of
//! its receipts stay valid and how long closed cases are kept in full, and what happens to
//! them then (reduced to the record the law requires, or deleted). Clerks do not see the page
//! in the navigation, and the server refuses them.

use crate::api;
use crate::components::account_ui::{refusal, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::components::staff_area::{AuthorityChoice, StaffArea, administered};
use crate::i18n::{use_lang, use_staff_texts, use_texts};
use crate::paths::{StaffPage, staff_path};
use contract::api::{AfterRetention, AuthoritySettings, AuthoritySettingsUpdate};
use contract::form::validate::anchor;
use contract::form::{ErrorCode, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

/// `/:lang/amt/einstellungen`
#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <StaffArea here=Signal::derive(move || staff_path(lang.get(), StaffPage::Settings))>
            <SettingsView/>
        </StaffArea>
    }
}

/// A whole number of days in `1..=max`, or nothing; the error for the field otherwise.
fn days(path: &str, text: &str, max: u32) -> Result<Option<u32>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let n: u32 = text
        .parse()
        .map_err(|_| FieldError::new(path, ErrorCode::NotInteger))?;
    let bound = |code, limit: u32| {
        let mut e = FieldError::new(path, code);
        e.limit = Some(limit.to_string());
        e
    };
    if n < 1 {
        return Err(bound(ErrorCode::TooSmall, 1));
    }
    if n > max {
        return Err(bound(ErrorCode::TooLarge, max));
    }
    Ok(Some(n))
}

#[component]
fn SettingsView() -> impl IntoView {
    let st = use_staff_texts();
    let t = use_texts();
    let lang = use_lang();
    let administered = administered();
    let chosen = RwSignal::new(
        administered
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let loaded = RwSignal::new(None::<AuthoritySettings>);
    let token_days = RwSignal::new(String::new());
    let retention = RwSignal::new(String::new());
    let delete = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let show = move |s: &AuthoritySettings| {
        token_days.set(
            s.receipt_token_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
        retention.set(s.retention_days.map(|d| d.to_string()).unwrap_or_default());
        delete.set(s.after_retention == AfterRetention::Delete);
    };
    Effect::new(move || {
        let id = chosen.get();
        if id.is_empty() {
            return;
        }
        spawn_local(async move {
            match api::authority_settings(&id).await {
                Ok(s) => {
                    show(&s);
                    loaded.try_set(Some(s));
                }
                Err(e) => {
                    errors.try_set(refusal(&e, t.get_untracked()));
                }
            }
        });
    });
    let summary = summary_links(errors, move |path| {
        let st = st.get_untracked();
        match path {
            "receipt_token_days" => st.token_days_label.to_owned(),
            "retention_days" => st.retention_label.to_owned(),
            _ => String::new(),
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let token = days("receipt_token_days", &token_days.get_untracked(), 3650);
        let keep = days("retention_days", &retention.get_untracked(), 36_500);
        let found: Vec<FieldError> = [&token, &keep]
            .into_iter()
            .filter_map(|r| r.as_ref().err().cloned())
            .collect();
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        let change = AuthoritySettingsUpdate {
            receipt_token_days: token.ok().flatten(),
            retention_days: keep.ok().flatten(),
            after_retention: if delete.get_untracked() {
                AfterRetention::Delete
            } else {
                AfterRetention::Reduce
            },
        };
        busy.set(true);
        let id = chosen.get_untracked();
        spawn_local(async move {
            let result = api::update_authority_settings(&id, &change).await;
            busy.set(false);
            match result {
                Ok(s) => {
                    errors.set(Vec::new());
                    show(&s);
                    loaded.set(Some(s));
                    saved.set(true);
                }
                Err(e) => {
                    errors.set(refusal(&e, t.get_untracked()));
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    let field_error = move |path: &'static str| {
        Memo::new(move |_| {
            errors.with(|es| {
                es.iter()
                    .find(|e| e.path == path)
                    .map(|e| crate::application::error_message(e, lang.get()))
            })
        })
    };
    let token_error = field_error("receipt_token_days");
    let retention_error = field_error("retention_days");
    let choices = administered.clone();
    view! {
        <Title text=move || t.get().title(st.get().nav_settings)/>
        <ErrorSummary errors=summary/>
        <h1>{move || st.get().nav_settings}</h1>
        <p class="lead">{move || st.get().settings_intro}</p>
        {if administered.is_empty() {
            view! { <p>{move || st.get().not_admin}</p> }.into_any()
        } else {
            view! {
                <form class="form-step" novalidate on:submit=on_submit>
                    <AuthorityChoice choices=choices.clone() chosen id="settings-authority"/>
                    <div class="field" class:field-error=move || token_error.with(Option::is_some)>
                        <label for=anchor("receipt_token_days")>{move || st.get().token_days_label}</label>
                        <p class="hint" id="token-days-hint">{move || loaded.with(|l| l.as_ref().map(|l| (st.get().token_days_hint)(l.default_receipt_token_days)))}</p>
                        {move || token_error.get().map(|m| view! { <p class="error-message" id="token-days-error"><span class="visually-hidden">{t.get().error_prefix}</span>{m}</p> })}
                        <input id=anchor("receipt_token_days") class="input" type="text" inputmode="numeric"
                            aria-describedby=move || if token_error.with(Option::is_some) { "token-days-hint token-days-error" } else { "token-days-hint" }
                            aria-invalid=move || token_error.with(Option::is_some).then_some("true")
                            prop:value=move || token_days.get() on:input=move |ev| token_days.set(event_target_value(&ev))/>
                    </div>
                    <div class="field" class:field-error=move || retention_error.with(Option::is_some)>
                        <label for=anchor("retention_days")>{move || st.get().retention_label}</label>
                        <p class="hint" id="retention-hint">{move || st.get().retention_hint}</p>
                        {move || retention_error.get().map(|m| view! { <p class="error-message" id="retention-error"><span class="visually-hidden">{t.get().error_prefix}</span>{m}</p> })}
                        <input id=anchor("retention_days") class="input" type="text" inputmode="numeric"
                            aria-describedby=move || if retention_error.with(Option::is_some) { "retention-hint retention-error" } else { "retention-hint" }
                            aria-invalid=move || retention_error.with(Option::is_some).then_some("true")
                            prop:value=move || retention.get() on:input=move |ev| retention.set(event_target_value(&ev))/>
                    </div>
                    <fieldset class="field">
                        <legend>{move || st.get().after_legend}</legend>
                        <div class="radio">
                            <input type="radio" id="after-reduce" name="after" prop:checked=move || !delete.get()
                                on:change=move |_| delete.set(false)/>
                            <label for="after-reduce">{move || st.get().after_reduce}</label>
                        </div>
                        <div class="radio">
                            <input type="radio" id="after-delete" name="after" prop:checked=move || delete.get()
                                on:change=move |_| delete.set(true)/>
                            <label for="after-delete">{move || st.get().after_delete}</label>
                        </div>
                    </fieldset>
                    <div class="button-row">
                        <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>{move || st.get().save_settings}</button>
                    </div>
                    <p role="status">{move || saved.get().then(|| st.get().saved)}</p>
                </form>
            }
            .into_any()
        }}
    }
}
