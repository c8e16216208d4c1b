//! "My applications on this device" (`/:lang/antraege`): the drafts in this browser, most
//! recently changed first, with "continue" and "discard" (which asks first), and the
//! submitted applications with their reference number, status and receipt.

use crate::components::focus::{focus_field_later, focus_later};
use crate::drafts::{self, Draft};
use crate::i18n::{lang_attr, use_lang, use_texts};
use crate::paths::{FormLink, SearchLink, receipt_path, search_path};
use crate::receipts::{self, StoredReceipt};
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
    let item_id = receipt_item_id(&reference);
    let forget = {
        let reference = reference.clone();
        Callback::new(move |()| {
            receipts::remove(&reference);
            let position = submitted
                .with_untracked(|l| l.iter().position(|s| s.receipt.reference == reference));
            submitted.set(receipts::list());
            announce.set((t.receipt_forgotten)(&reference));
            let remaining = submitted.with_untracked(|l| {
                l.iter()
                    .map(|s| receipt_item_id(&s.receipt.reference))
                    .collect::<Vec<_>>()
            });
            focus_after_removal(position, &remaining);
        })
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
            <RemoveAskingFirst
                item_id=item_id.clone()
                action="forget"
                confirming
                button=t.forget_receipt
                button_label=(t.colon)(t.forget_receipt, &reference)
                question=(t.forget_question)(&reference)
                confirm=t.forget_confirm
                on_confirm=forget
            >
                <a class="button button-primary" href=href aria-label=(t.colon)(t.view_receipt, &reference)>{t.view_receipt}</a>
            </RemoveAskingFirst>
        </li>
    }
}

/// The element id of a submitted application in the list.
fn receipt_item_id(reference: &str) -> String {
    format!("receipt-{reference}")
}

/// The element id of a draft in the list.
fn draft_item_id(id: &str) -> String {
    format!("draft-{id}")
}

/// After an item was removed: the focus goes to the link of the item now in its place (or
/// the last one), or to the page heading when the list is empty.
fn focus_after_removal(position: Option<usize>, remaining: &[String]) {
    match position.and_then(|p| remaining.get(p).or_else(|| remaining.last())) {
        Some(next) => focus_field_later(format!("{next}-link")),
        None => focus_later(HEADING_ID),
    }
}

/// An item's actions as both lists have them: its main link (`children`), a button that
/// removes the item, and once that is pressed, the question with "yes" (focused) and
/// "cancel" (the focus goes back to the button). One item asks at a time: `confirming`
/// holds its `item_id`.
#[component]
fn RemoveAskingFirst(
    item_id: String,
    /// The button's id is `<item_id>-<action>`.
    action: &'static str,
    confirming: RwSignal<Option<String>>,
    button: &'static str,
    /// The button's accessible name (it names the item).
    button_label: String,
    question: String,
    confirm: &'static str,
    on_confirm: Callback<()>,
    children: Children,
) -> impl IntoView {
    let t = use_texts().get_untracked();
    let button_id = format!("{item_id}-{action}");
    let confirm_id = format!("{item_id}-confirm");
    let is_confirming = {
        let item_id = item_id.clone();
        Memo::new(move |_| confirming.with(|c| c.as_deref() == Some(item_id.as_str())))
    };
    let ask = {
        let confirm_id = confirm_id.clone();
        move |_| {
            confirming.set(Some(item_id.clone()));
            focus_field_later(confirm_id.clone());
        }
    };
    let cancel = {
        let button_id = button_id.clone();
        move |_| {
            confirming.set(None);
            focus_field_later(button_id.clone());
        }
    };
    view! {
        <div class="button-row">
            {children()}
            <button
                type="button"
                class="secondary"
                id=button_id
                aria-label=button_label
                aria-expanded=move || if is_confirming.get() { "true" } else { "false" }
                on:click=ask
            >
                {button}
            </button>
        </div>
        {move || is_confirming.get().then(|| {
            let cancel = cancel.clone();
            let confirmed = move |_| {
                on_confirm.run(());
                confirming.set(None);
            };
            view! {
                <div class="confirm" role="group" aria-labelledby=format!("{confirm_id}-text")>
                    <p id=format!("{confirm_id}-text")><strong>{question.clone()}</strong></p>
                    <div class="button-row">
                        <button type="button" class="button-danger" id=confirm_id.clone() on:click=confirmed>{confirm}</button>
                        <button type="button" class="secondary" on:click=cancel>{t.cancel}</button>
                    </div>
                </div>
            }
        })}
    }
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
    let item_id = draft_item_id(&d.id);
    let discard = {
        let id = d.id.clone();
        let title = title.clone();
        Callback::new(move |()| {
            drafts::remove(&id);
            let position = list.with_untracked(|l| l.iter().position(|d| d.id == id));
            list.set(open_drafts());
            announce.set((t.draft_discarded)(&title));
            let remaining =
                list.with_untracked(|l| l.iter().map(|d| draft_item_id(&d.id)).collect::<Vec<_>>());
            focus_after_removal(position, &remaining);
        })
    };
    let progress = (d.progress.of > 0).then(|| d.progress_text(t));
    let step_title = d.progress.title.get_with_lang(lang);
    let step_title = (d.progress.of > 0 && d.step != drafts::CHECK_STEP)
        .then(|| (step_title.0.to_owned(), lang_attr(step_title.1, lang)));
    view! {
        <li class="draft-item">
            <h3 class="draft-title" id=item_id.clone()>
                <a id=format!("{item_id}-link") href=resume.clone() lang=text_lang>{title.clone()}</a>
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
            <RemoveAskingFirst
                item_id=item_id.clone()
                action="discard"
                confirming
                button=t.discard_draft
                button_label=(t.colon)(t.discard_draft, &title)
                question=(t.discard_question)(&title)
                confirm=t.discard_confirm
                on_confirm=discard
            >
                <a class="button button-primary" href=resume aria-label=(t.colon)(t.continue_draft, &title)>
                    {t.continue_draft}
                </a>
            </RemoveAskingFirst>
        </li>
    }
}
