//! "My applications on this device" (`/:lang/antraege`): the drafts in this browser, most
//! recently changed first, with "continue" and "discard" (which asks first), and the
//! submitted applications with their reference number, status and receipt.

use crate::components::focus::{focus_field_later, focus_later};
use crate::drafts::{self, Draft};
use crate::i18n::{lang_attr, use_lang, use_texts};
use crate::pages::form::start::progress_text;
use crate::receipts::{self, StoredReceipt};
use crate::routes::{FormLink, SearchLink, receipt_path, search_path};
use contract::receipt_texts::ReceiptTexts;
use leptos::prelude::*;
use leptos_meta::Title;

const HEADING_ID: &str = "drafts-heading";

/// `/:lang/antraege`
#[component]
pub fn DraftsPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let list = RwSignal::new(open_drafts());
    let submitted = RwSignal::new(receipts::list());
    let has_submitted = move || submitted.with(|s| !s.is_empty());
    let confirming = RwSignal::new(None::<String>);
    let announce = RwSignal::new(String::new());
    let items = move || {
        let t = t.get();
        let lang = lang.get();
        let all = list.get();
        if all.is_empty() {
            return view! {
                <p>{t.drafts_empty}</p>
                {(!has_submitted()).then(|| view! {
                    <p><a href=search_path(lang, &SearchLink::default())>{t.nav_search}</a></p>
                })}
            }
            .into_any();
        }
        view! {
            <ul class="draft-list">
                {all.into_iter().map(|d| view! { <DraftItem d confirming list announce/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let submitted_view = move || {
        let t = t.get();
        has_submitted().then(|| {
            view! {
                <section aria-labelledby="submitted-heading">
                    <h2 id="submitted-heading">{t.submitted_heading}</h2>
                    <p>{t.submitted_intro}</p>
                    <ul class="draft-list">
                        {submitted.get().into_iter().map(|r| view! { <SubmittedItem r confirming submitted announce/> }).collect_view()}
                    </ul>
                </section>
            }
        })
    };
    view! {
        <Title text=move || t.get().title(t.get().drafts_heading)/>
        <h1 id=HEADING_ID tabindex="-1">{move || t.get().drafts_heading}</h1>
        <p class="lead">{move || t.get().drafts_intro}</p>
        <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
        <section aria-labelledby="open-heading">
            <h2 id="open-heading">{move || t.get().open_drafts_heading}</h2>
            {items}
        </section>
        {submitted_view}
    }
}

/// The drafts not yet submitted.
fn open_drafts() -> Vec<Draft> {
    drafts::list()
        .into_iter()
        .filter(|d| !d.is_submitted())
        .collect()
}

/// A submitted application: its reference, when, where, its status, its receipt, and
/// "remove from this device" (which asks first; the submission stays with the authority).
#[component]
fn SubmittedItem(
    r: StoredReceipt,
    confirming: RwSignal<Option<String>>,
    submitted: RwSignal<Vec<StoredReceipt>>,
    announce: RwSignal<String>,
) -> impl IntoView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let rt = ReceiptTexts::for_lang(lang);
    let r = r.receipt;
    let text_lang = lang_attr(r.lang, lang);
    let href = receipt_path(lang, &r.reference);
    let reference = r.reference.clone();
    let key = format!("receipt:{reference}");
    let item_id = receipt_item_id(&reference);
    let forget_id = format!("{item_id}-forget");
    let confirm_id = format!("{item_id}-confirm");
    let is_confirming = {
        let key = key.clone();
        Memo::new(move |_| confirming.with(|c| c.as_deref() == Some(key.as_str())))
    };
    let ask = {
        let confirm_id = confirm_id.clone();
        move |_| {
            confirming.set(Some(key.clone()));
            focus_field_later(confirm_id.clone());
        }
    };
    let cancel = {
        let forget_id = forget_id.clone();
        move |_| {
            confirming.set(None);
            focus_field_later(forget_id.clone());
        }
    };
    let forget = {
        let reference = reference.clone();
        move |_| {
            receipts::remove(&reference);
            let position = submitted
                .with_untracked(|l| l.iter().position(|s| s.receipt.reference == reference));
            submitted.set(receipts::list());
            confirming.set(None);
            announce.set((t.receipt_forgotten)(&reference));
            // Focus goes to the next submitted application's link, or the page heading.
            let next = submitted.with_untracked(|l| {
                position.and_then(|p| {
                    l.get(p)
                        .or_else(|| l.last())
                        .map(|s| receipt_item_id(&s.receipt.reference))
                })
            });
            match next {
                Some(next) => focus_field_later(format!("{next}-link")),
                None => focus_later(HEADING_ID),
            }
        }
    };
    view! {
        <li class="draft-item">
            <h3 class="draft-title">
                <a id=format!("{item_id}-link") href=href.clone() lang=text_lang>{r.form_title.clone()}</a>
            </h3>
            <dl class="draft-meta">
                <div><dt>{rt.reference}</dt><dd class="reference-inline">{r.reference.clone()}</dd></div>
                <div><dt>{t.draft_municipality_label}</dt><dd>{r.municipality.display_name.clone()}</dd></div>
                <div><dt>{t.submitted_on_label}</dt><dd>{drafts::display_time(&r.received_at, lang)}</dd></div>
                <div><dt>{rt.status}</dt><dd>{r.status.label(lang)}</dd></div>
            </dl>
            <div class="button-row">
                <a class="button button-primary" href=href aria-label=(t.colon)(t.view_receipt, &r.reference)>{t.view_receipt}</a>
                <button
                    type="button"
                    class="secondary"
                    id=forget_id
                    aria-label=(t.colon)(t.forget_receipt, &reference)
                    aria-expanded=move || if is_confirming.get() { "true" } else { "false" }
                    on:click=ask
                >
                    {t.forget_receipt}
                </button>
            </div>
            {move || is_confirming.get().then(|| {
                let forget = forget.clone();
                let cancel = cancel.clone();
                view! {
                    <div class="confirm" role="group" aria-labelledby=format!("{confirm_id}-text")>
                        <p id=format!("{confirm_id}-text")><strong>{(t.forget_question)(&reference)}</strong></p>
                        <div class="button-row">
                            <button type="button" class="button-danger" id=confirm_id.clone() on:click=forget>{t.forget_confirm}</button>
                            <button type="button" class="secondary" on:click=cancel>{t.cancel}</button>
                        </div>
                    </div>
                }
            })}
        </li>
    }
}

/// The element id of a submitted application in the list.
fn receipt_item_id(reference: &str) -> String {
    format!("receipt-{reference}")
}

#[component]
fn DraftItem(
    d: Draft,
    confirming: RwSignal<Option<String>>,
    list: RwSignal<Vec<Draft>>,
    announce: RwSignal<String>,
) -> impl IntoView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let (title, shown) = d.title.get_with_lang(lang);
    let title = title.to_owned();
    let text_lang = lang_attr(shown, lang);
    let resume = FormLink {
        lang,
        form: &d.form,
        draft: Some(&d.id),
        municipality: Some(&d.municipality),
    }
    .start();
    let id = d.id.clone();
    let heading_id = format!("draft-{}", d.id);
    let discard_id = format!("draft-{}-discard", d.id);
    let confirm_id = format!("draft-{}-confirm", d.id);
    let is_confirming = {
        let id = id.clone();
        Memo::new(move |_| confirming.with(|c| c.as_deref() == Some(id.as_str())))
    };
    let ask = {
        let id = id.clone();
        let confirm_id = confirm_id.clone();
        move |_| {
            confirming.set(Some(id.clone()));
            focus_field_later(confirm_id.clone());
        }
    };
    let cancel = {
        let discard_id = discard_id.clone();
        move |_| {
            confirming.set(None);
            focus_field_later(discard_id.clone());
        }
    };
    let discard = {
        let id = id.clone();
        let title = title.clone();
        move |_| {
            drafts::remove(&id);
            let position = list.with_untracked(|l| l.iter().position(|d| d.id == id));
            list.set(open_drafts());
            confirming.set(None);
            announce.set((t.draft_discarded)(&title));
            // Focus goes to the next draft's heading link, or the page heading.
            let next = list.with_untracked(|l| {
                position.and_then(|p| {
                    l.get(p)
                        .or_else(|| l.last())
                        .map(|d| format!("draft-{}", d.id))
                })
            });
            match next {
                Some(next) => focus_field_later(format!("{next}-link")),
                None => focus_later(HEADING_ID),
            }
        }
    };
    let progress = (d.progress.of > 0).then(|| progress_text(t, &d));
    let step_title = d.progress.title.get_with_lang(lang);
    let step_title = (d.progress.of > 0 && d.step != drafts::CHECK_STEP)
        .then(|| (step_title.0.to_owned(), lang_attr(step_title.1, lang)));
    view! {
        <li class="draft-item">
            <h3 class="draft-title" id=heading_id.clone()>
                <a id=format!("{heading_id}-link") href=resume.clone() lang=text_lang>{title.clone()}</a>
            </h3>
            <dl class="draft-meta">
                <div><dt>{t.draft_municipality_label}</dt><dd>{d.municipality_name.clone()}</dd></div>
                <div><dt>{t.draft_created_label}</dt><dd>{drafts::display_time(&d.created, lang)}</dd></div>
                <div><dt>{t.draft_updated_label}</dt><dd>{drafts::display_time(&d.updated, lang)}</dd></div>
                {progress.map(|p| view! {
                    <div>
                        <dt>{t.draft_progress_label}</dt>
                        <dd>
                            {p}
                            {step_title.map(|(s, l)| view! { ": "<span lang=l>{s}</span> })}
                        </dd>
                    </div>
                })}
            </dl>
            <div class="button-row">
                <a class="button button-primary" href=resume aria-label=(t.colon)(t.continue_draft, &title)>
                    {t.continue_draft}
                </a>
                <button
                    type="button"
                    class="secondary"
                    id=discard_id
                    aria-label=(t.colon)(t.discard_draft, &title)
                    aria-expanded=move || if is_confirming.get() { "true" } else { "false" }
                    on:click=ask
                >
                    {t.discard_draft}
                </button>
            </div>
            {move || is_confirming.get().then(|| {
                let discard = discard.clone();
                let cancel = cancel.clone();
                view! {
                    <div class="confirm" role="group" aria-labelledby=format!("{confirm_id}-text")>
                        <p id=format!("{confirm_id}-text")><strong>{(t.discard_question)(&title)}</strong></p>
                        <div class="button-row">
                            <button type="button" class="button-danger" id=confirm_id.clone() on:click=discard>{t.discard_confirm}</button>
                            <button type="button" class="secondary" on:click=cancel>{t.cancel}</button>
                        </div>
                    </div>
                }
            })}
        </li>
    }
}
