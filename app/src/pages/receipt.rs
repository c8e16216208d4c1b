//! The receipt of a submitted application (`/:lang/eingang/:reference`): the reference number
//! large (and spelled out for screen readers), when it arrived, where it went, the fees, the
//! answers as submitted, the files, the status, and the PDF receipt.
//!
//! The receipt comes from this browser's storage ([`crate::receipts`]), so the page opens
//! after a reload or offline; it is then refreshed from the server with the receipt's access
//! token (the status may have moved on). A browser without the receipt is told where else to
//! find it: the server serves nothing about a submission without its token.

use crate::api;
use crate::components::fee_table::fee_table;
use crate::components::payment::{PaymentPanel, take_outcome};
use crate::components::receipt_parts::{answers_view, save_file, status_history};
use crate::components::thread::Thread;
use crate::drafts;
use crate::i18n::{human_size, lang_attr, use_lang, use_texts};
use crate::paths::{drafts_path, home_path};
use crate::receipts::{self, StoredReceipt, spelled};
use contract::receipt_texts::ReceiptTexts;
use contract::submission::reference;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use wasm_bindgen::JsValue;

/// `/:lang/eingang/:reference`
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    let raw = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    // `k7q m4t xp9` and `K7QM4TXP9` are the same reference; a wrong check character is none.
    let canonical = Memo::new(move |_| raw.with(|r| reference::parse(r)));
    // Read at once, so that the page never flashes "not on this device" first.
    let stored = RwSignal::new(canonical.get_untracked().and_then(|r| receipts::load(&r)));
    let stale = RwSignal::new(false);
    // A link in the authority's e-mail brings a new access token in the fragment (never sent
    // to a server): taken once, kept like a receipt submitted from this device.
    let handed = StoredValue::new(take_handed_token());
    // While a handed token is being tried, "not on this device" would be wrong.
    let trying = RwSignal::new(handed.with_value(Option::is_some));
    // Back from the payment provider: what the server found (read once).
    let outcome = StoredValue::new(take_outcome());
    Effect::new(move || {
        let Some(r) = canonical.get() else {
            stored.set(None);
            return;
        };
        let local = receipts::load(&r);
        if stored.with_untracked(|s| *s != local) {
            stored.set(local.clone());
        }
        stale.set(false);
        if let Some(token) = handed.try_update_value(Option::take).flatten() {
            let draft = local.as_ref().and_then(|l| l.draft.clone());
            spawn_local(async move {
                match api::receipt(&r, &token).await {
                    Ok(fresh) if fresh.reference == r => {
                        let kept = StoredReceipt {
                            receipt: fresh,
                            access_token: token,
                            draft,
                            fetched: drafts::now(),
                        };
                        let _ = receipts::save(&kept);
                        stored.try_set(Some(kept));
                    }
                    _ => {
                        stale.try_set(true);
                    }
                }
                trying.try_set(false);
            });
            return;
        }
        let Some(local) = local else { return };
        spawn_local(async move {
            match api::receipt(&r, &local.access_token).await {
                Ok(fresh) if fresh.reference == r => {
                    if fresh != local.receipt {
                        let updated = StoredReceipt {
                            receipt: fresh,
                            fetched: drafts::now(),
                            ..local
                        };
                        let _ = receipts::save(&updated);
                        stored.try_set(Some(updated));
                    }
                }
                _ => {
                    stale.try_set(true);
                }
            }
        });
    });
    // Drawn again when the server's copy differs from this browser's (the status moved on).
    move || {
        lang.track();
        match stored.get() {
            Some(s) => {
                let outcome = outcome.get_value();
                view! { <ReceiptView stored=s stale outcome/> }.into_any()
            }
            None if trying.get() => {
                let t = use_texts().get_untracked();
                view! { <p role="status">{t.loading}</p> }.into_any()
            }
            None => missing(raw.get_untracked()).into_any(),
        }
    }
}

/// The token in `#zugang=…`, if the address has one; the fragment is removed from the address
/// (and from the history) so that it is not shared or bookmarked with the page.
fn take_handed_token() -> Option<String> {
    let window = leptos::web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let token = hash.strip_prefix("#zugang=")?.trim().to_owned();
    let plain = format!(
        "{}{}",
        window.location().pathname().ok()?,
        window.location().search().unwrap_or_default()
    );
    let _ = window
        .history()
        .ok()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&plain));
    (!token.is_empty() && token.len() <= 200).then_some(token)
}

/// The page for a reference this browser holds no receipt of.
fn missing(reference: String) -> impl IntoView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    view! {
        <Title text=t.title(t.receipt_missing_heading)/>
        <h1>{t.receipt_missing_heading}</h1>
        <p>{t.receipt_missing_body}</p>
        <p class="meta">{reference}</p>
        <ul class="link-list">
            <li><a href=drafts_path(lang)>{t.nav_drafts}</a></li>
            <li><a href=home_path(lang)>{t.not_found_home}</a></li>
        </ul>
    }
}

/// Where fetching the PDF stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Download {
    Idle,
    Busy,
    Done,
    Failed,
}

#[component]
fn ReceiptView(
    stored: StoredReceipt,
    stale: RwSignal<bool>,
    outcome: Option<contract::payment::PaymentOutcome>,
) -> impl IntoView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let rt = ReceiptTexts::for_lang(lang);
    let messages_token = stored.access_token.clone();
    let r = stored.receipt;
    // The authority's messages about it (a question, a decision) with a reply form, opened
    // with the receipt's token.
    let thread = RwSignal::new(Vec::<contract::messages::Message>::new());
    let reload = RwSignal::new(0u32);
    let sent = RwSignal::new(None::<String>);
    {
        let (reference, token) = (r.reference.clone(), messages_token.clone());
        Effect::new(move || {
            reload.track();
            let (reference, token) = (reference.clone(), token.clone());
            spawn_local(async move {
                if let Ok(list) = api::messages_with(&reference, Some(&token)).await {
                    thread.try_set(list);
                }
            });
        });
    }
    let messages = {
        let reference = r.reference.clone();
        move || {
            let list = thread.get();
            (!list.is_empty()).then(|| {
                view! {
                    <Thread reference=reference.clone() thread=list
                        reload sent token=messages_token.clone()/>
                }
            })
        }
    };
    // The answers, form title and item names are in the language the citizen submitted in.
    let content_lang = lang_attr(r.lang, lang);
    let fetched = drafts::display_time(&stored.fetched, lang);

    let download = RwSignal::new(Download::Idle);
    let file_name = format!(
        "{}-{}.pdf",
        ReceiptTexts::for_lang(r.lang).file_name,
        r.reference
    );
    let reference_for_pdf = r.reference.clone();
    let token = stored.access_token;
    let payment_token = token.clone();
    let on_download = move |_| {
        if download.get_untracked() == Download::Busy {
            return;
        }
        download.set(Download::Busy);
        let (reference, token, file_name) =
            (reference_for_pdf.clone(), token.clone(), file_name.clone());
        spawn_local(async move {
            let saved = match api::receipt_pdf(&reference, &token).await {
                Ok(bytes) => save_file(&bytes, &file_name, "application/pdf").is_ok(),
                Err(_) => false,
            };
            download.try_set(if saved {
                Download::Done
            } else {
                Download::Failed
            });
        });
    };
    let download_status = move || match download.get() {
        Download::Idle => "",
        Download::Busy => t.receipt_downloading,
        Download::Done => t.receipt_downloaded,
        Download::Failed => t.receipt_download_failed,
    };

    // Waiting for its payment, it has not arrived yet: no "received", no confirmation sent.
    let held = r
        .payment
        .as_ref()
        .is_some_and(|p| p.state == contract::payment::PaymentState::Awaiting);
    let has_payment = r.payment.is_some();
    let payment = r.payment.clone().map(|info| {
        view! {
            <PaymentPanel reference=r.reference.clone() token=payment_token.clone() info outcome/>
        }
    });
    let authority = rt.authority_lines(&r.authority);
    let fees = r.fees.clone().zip(r.fee_table(lang)).map(|(fees, table)| {
        view! {
            <section aria-labelledby="receipt-fees-heading">
                <h2 id="receipt-fees-heading">{rt.fees}</h2>
                {fee_table(t, rt.fees, table, lang)}
                {(!has_payment).then(|| view! { <p class="hint">{rt.fee_note_of(&fees, lang).to_owned()}</p> })}
            </section>
        }
    });
    let answers = answers_view(&r, lang, "receipt-step");
    let attachments = (!r.attachments.is_empty()).then(|| {
        view! {
            <section aria-labelledby="receipt-files-heading">
                <h2 id="receipt-files-heading">{rt.attachments}</h2>
                <ul class="file-list-plain">
                    {r.attachments.iter().map(|a| view! {
                        <li>
                            <span class="file-name">{a.name.clone()}</span>" "
                            <span class="meta">"("{human_size(a.size, lang)}")"</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let email = r
        .email
        .as_ref()
        .map(|e| view! { <p>{(t.receipt_email)(e)}</p> });
    let (form_title, version) = (r.form_title.clone(), (rt.form_version)(&r.version));
    // The authority's local time with its zone, as the PDF and the e-mail write it; a receipt
    // kept from before the server sent it shows the browser's time.
    let received = r
        .received_written(lang)
        .unwrap_or_else(|| drafts::display_time(&r.received_at, lang));
    let history = status_history(&r, lang, rt);
    view! {
        <Title text=t.title(&format!("{} {}", rt.title, r.reference))/>
        <div class="panel">
            <h1 class="panel-title">
                {if held { contract::payment::PaymentTexts::get(lang).held_heading } else { t.receipt_heading }}
            </h1>
            <p class="panel-body">
                {rt.reference}<br/>
                <strong class="reference-number">
                    <span aria-hidden="true">{r.reference.clone()}</span>
                    <span class="visually-hidden">{spelled(&r.reference)}</span>
                </strong>
            </p>
        </div>
        {move || stale.get().then(|| view! { <p class="note">{(t.receipt_stale)(&fetched)}</p> })}
        {payment}
        {(!held).then(|| view! { <p>{rt.intro}" "{rt.reference_hint}</p> })}
        {(!held).then_some(email)}
        <div class="button-row">
            <button
                type="button"
                class="button-primary"
                aria-disabled=move || (download.get() == Download::Busy).then_some("true")
                on:click=on_download
            >
                {t.receipt_download}
            </button>
        </div>
        <p
            role="status"
            class:error-text=move || download.get() == Download::Failed
            class:visually-hidden=move || matches!(download.get(), Download::Idle | Download::Busy)
        >
            {download_status}
        </p>
        <dl class="summary-list summary-list-plain receipt-facts">
            <div class="summary-row">
                <dt class="summary-key">{rt.received_at}</dt>
                <dd class="summary-value">{received}</dd>
            </div>
            <div class="summary-row">
                <dt class="summary-key">{rt.application}</dt>
                <dd class="summary-value"><span lang=content_lang>{form_title}</span><br/><span class="meta">{version}</span></dd>
            </div>
            <div class="summary-row">
                <dt class="summary-key">{rt.municipality}</dt>
                <dd class="summary-value">{r.municipality.display_name.clone()}</dd>
            </div>
            <div class="summary-row">
                <dt class="summary-key">{rt.authority}</dt>
                <dd class="summary-value">{lines(authority)}</dd>
            </div>
            <div class="summary-row">
                <dt class="summary-key">{rt.status}</dt>
                <dd class="summary-value"><strong>{r.status.label(lang)}</strong>{history}</dd>
            </div>
        </dl>
        {messages}
        {fees}
        <section aria-labelledby="receipt-answers-heading">
            <h2 id="receipt-answers-heading">{rt.answers}</h2>
            {answers}
        </section>
        {attachments}
        // For the authority, should it ever be asked: closed until opened.
        <details class="details receipt-hash">
            <summary>{rt.fingerprint_summary}</summary>
            <div class="details-body">
                <p>{rt.fingerprint}</p>
                <p class="hash">{r.data_hash.clone()}</p>
                <p class="hint">{rt.fingerprint_note}</p>
            </div>
        </details>
        <h2>{t.next_heading}</h2>
        <p>{t.receipt_next}</p>
        <ul class="link-list">
            <li><a href=drafts_path(lang)>{t.nav_drafts}</a></li>
            <li><a href=home_path(lang)>{t.not_found_home}</a></li>
        </ul>
    }
}

fn lines(lines: Vec<String>) -> impl IntoView {
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| view! { {l}{(i + 1 < n).then(|| view! { <br/> })} })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::Lang;
    use contract::submission::Receipt;

    fn receipt() -> Receipt {
        crate::receipts::sample_receipt("K7Q-M4T-XP9", "2026-11-23T09:00:00Z")
    }

    #[test]
    fn the_authority_reads_as_on_the_pdf() {
        let r = receipt();
        let rt = ReceiptTexts::for_lang(Lang::De);
        assert_eq!(
            rt.authority_lines(&r.authority),
            ["Stadt Schmölln", "Bürgerbüro", "Telefon: 034491 760"]
        );
    }
}
