//! What the pages of an application share around their content: the page while the form loads
//! or after it failed to, the page for a draft that is not on this device, the form's title
//! above the heading, and the notices about the draft (carried over to a newer form version,
//! not saved on this device).

use crate::drafts::{self, Submitted};
use crate::form_session::{FormSession, Loaded, not_offered, use_form_session};
use crate::i18n::{lang_attr, use_account_form_texts, use_lang, use_texts};
use crate::paths::{FormLink, drafts_path, receipt_path, search_path};
use crate::receipts;
use contract::api::FormResponse;
use leptos::prelude::*;
use leptos_meta::Title;

/// A page of a draft (step, check): the loading or failure page, the page for a
/// draft not on this device, or `page` with the loaded form; rendered again when the page
/// language changes (everything is shown in it).
pub fn draft_page(page: impl Fn(FormResponse) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let s = use_form_session();
    let lang = use_lang();
    // Only its being submitted, not every answer typed, renders the page anew.
    let submitted = Memo::new(move |_| {
        s.draft
            .with(|d| d.as_ref().and_then(|d| d.submitted.clone()))
    });
    move || {
        lang.track();
        s.generation.track();
        if let Some(p) = not_ready(&s) {
            return p;
        }
        if !s.has_draft.get() {
            return draft_missing();
        }
        let Loaded::Ready(form) = s.loaded.get() else {
            return ().into_any();
        };
        // Submitted: the way back (the browser's Back after sending) shows what was sent
        // and where its receipt is, and nothing that would change or send it again.
        if let Some(sent) = submitted.get() {
            return submitted_page(sent, *form);
        }
        page(*form)
    }
}

/// The page of a step or the check of a draft that has been submitted: read-only, with its
/// reference number, when it arrived, the way to its receipt and to a new application.
fn submitted_page(sent: Submitted, form: FormResponse) -> AnyView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let s = use_form_session();
    let start = s.with_link(|l| FormLink { draft: None, ..l }.start());
    // The receipt kept on this device has the authority's local time with its zone.
    let when = receipts::load(&sent.reference)
        .and_then(|r| r.receipt.received_written(lang))
        .unwrap_or_else(|| drafts::display_time(&sent.received_at, lang));
    view! {
        <Title text=t.title(t.already_submitted_heading)/>
        <Caption form/>
        <h1>{t.already_submitted_heading}</h1>
        <p class="panel-body">
            {contract::receipt_texts::ReceiptTexts::for_lang(lang).reference}<br/>
            <strong class="reference-number">
                <span aria-hidden="true">{sent.reference.clone()}</span>
                <span class="visually-hidden">{receipts::spelled(&sent.reference)}</span>
            </strong>
        </p>
        <p>{(t.already_submitted)(&when, &sent.reference)}</p>
        <p>{t.submitted_read_only}</p>
        <ul class="link-list">
            <li><a href=receipt_path(lang, &sent.reference)>{t.view_receipt}</a></li>
            <li><a href=start>{t.start_new}</a></li>
        </ul>
    }
    .into_any()
}

/// The page for a form that is loading or failed to load; `None` once it is ready.
pub fn not_ready(s: &FormSession) -> Option<AnyView> {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let e = match s.loaded.get() {
        Loaded::Ready(_) => return None,
        Loaded::Loading => {
            return Some(
                view! {
                    <Title text=t.title(t.loading)/>
                    <p>{t.loading}</p>
                }
                .into_any(),
            );
        }
        Loaded::Failed(e) => e,
    };
    if let Some(message) = not_offered(&e) {
        return Some(
            view! {
                <Title text=t.title(t.form_not_offered_heading)/>
                <h1>{t.form_not_offered_heading}</h1>
                <p>{message.to_owned()}</p>
                <p><a href=search_path(lang, &Default::default())>{t.search_heading}</a></p>
            }
            .into_any(),
        );
    }
    let message = if e.is_not_found() {
        t.form_not_found
    } else {
        e.message(t)
    };
    let s = *s;
    Some(
        view! {
            <Title text=t.title(message)/>
            <h1>{message}</h1>
            {e.retryable().then(|| view! {
                <button type="button" on:click=move |_| s.reload_form()>{t.retry}</button>
            })}
            <p><a href=drafts_path(lang)>{t.drafts_heading}</a></p>
        }
        .into_any(),
    )
}

/// The page for a step or check URL whose draft is not on this device.
pub fn draft_missing() -> AnyView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let s = use_form_session();
    let start = s.with_link(|l| FormLink { draft: None, ..l }.start());
    view! {
        <Title text=t.title(t.draft_missing_heading)/>
        <h1>{t.draft_missing_heading}</h1>
        <p>{t.draft_missing_body}</p>
        <ul class="link-list">
            <li><a href=drafts_path(lang)>{t.drafts_heading}</a></li>
            <li><a href=start>{t.draft_missing_start}</a></li>
        </ul>
    }
    .into_any()
}

/// "This form was updated since you began" (after answers were carried over).
#[component]
pub fn VersionNotice() -> impl IntoView {
    let t = use_texts();
    let s = use_form_session();
    move || {
        s.version_notice.get().map(|dropped| {
            let t = t.get();
            view! {
                <div class="notice" role="region" aria-labelledby="version-notice-heading">
                    <h2 id="version-notice-heading" class="notice-heading">{t.version_notice_heading}</h2>
                    <p>{t.version_notice}</p>
                    {(dropped > 0).then(|| view! { <p>{(t.version_dropped)(dropped)}</p> })}
                </div>
            }
        })
    }
}

/// "Your answers could not be saved on this device" (private browsing, full storage).
#[component]
pub fn NotSavedWarning() -> impl IntoView {
    let t = use_texts();
    let s = use_form_session();
    move || {
        s.not_saved
            .get()
            .then(|| view! { <p class="warning" role="alert">{t.get().not_saved}</p> })
    }
}

/// The form's title above a page heading, with the municipality ("Hund anmelden · Schmölln").
#[component]
pub fn Caption(form: FormResponse) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let (title, title_lang) = form.form.title.get_with_lang(lang);
    let place = form.municipality.map(|m| m.display_name);
    view! {
        <p class="caption">
            <span lang=lang_attr(title_lang, lang)>{title.to_owned()}</span>
            {place.map(|p| view! { <span class="caption-place">{p}</span> })}
        </p>
    }
}

/// "This application was changed on another device": what differs, and the citizen chooses
/// which answers count (nothing is overwritten before).
#[component]
pub fn DraftConflict(form: FormResponse) -> impl IntoView {
    let at = use_account_form_texts();
    let s = use_form_session();
    let lang = use_lang();
    let def = StoredValue::new(form.form);
    move || {
        let there = s.conflict.get()?;
        let at = at.get();
        let lang = lang.get();
        let here = s
            .draft
            .with_untracked(|d| d.as_ref().map(|d| d.answers.clone()))
            .unwrap_or_default();
        let there_answers = crate::sync::draft_of(&there, None)
            .map(|d| d.answers)
            .unwrap_or_default();
        let shown = |v: Option<serde_json::Value>| match v {
            None => at.conflict_empty.to_owned(),
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| i.to_string())
                })
                .collect::<Vec<_>>()
                .join(", "),
            Some(v) => v.to_string(),
        };
        let rows = crate::sync::differences(&here, &there_answers)
            .into_iter()
            .map(|(path, a, b)| {
                let label = def.with_value(|f| crate::application::path_label(f, &path, lang));
                view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td>{shown(a)}</td>
                        <td>{shown(b)}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="notice conflict" role="region" aria-labelledby="conflict-heading">
                <h2 id="conflict-heading" class="notice-heading">{at.conflict_heading}</h2>
                <p>{at.conflict_intro}</p>
                <div class="table-scroll">
                    <table class="conflict-table">
                        <thead>
                            <tr>
                                <th scope="col">{at.conflict_field}</th>
                                <th scope="col">{at.conflict_here}</th>
                                <th scope="col">{at.conflict_there}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div class="button-row">
                    <button type="button" on:click=move |_| s.keep_here()>{at.keep_here}</button>
                    <button type="button" on:click=move |_| s.take_there()>{at.take_there}</button>
                </div>
            </div>
        })
    }
}
