//! Parts of a receipt shown on more than one page: the answers, the status history (the
//! citizen's receipt page and the case in clerk mode), and saving downloaded bytes as a file.

use crate::drafts;
use crate::i18n::lang_attr;
use contract::receipt_texts::ReceiptTexts;
use contract::submission::Receipt;
use leptos::prelude::*;
use leptos::web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// The answers of a receipt, a section per step with its fields, in the language they were
/// given in (the receipt page; clerk mode shows the same).
pub fn answers_view(
    r: &Receipt,
    lang: contract::Lang,
    prefix: &'static str,
) -> impl IntoView + use<> {
    let rt = ReceiptTexts::for_lang(lang);
    let content_lang = lang_attr(r.lang, lang);
    r
        .summary
        .iter()
        .enumerate()
        .map(|(n, step)| {
            let id = format!("{prefix}-{n}");
            let labelled = id.clone();
            view! {
                <section class="summary-section" aria-labelledby=labelled>
                    <h3 id=id lang=content_lang>{step.title.clone()}</h3>
                    <dl class="summary-list summary-list-plain">
                        {step.rows.iter().map(|row| {
                            let value = if row.lines.is_empty() {
                                view! { <span class="meta">{rt.not_answered}</span> }.into_any()
                            } else {
                                let n = row.lines.len();
                                row.lines
                                    .iter()
                                    .enumerate()
                                    .map(|(i, line)| view! { {line.clone()}{(i + 1 < n).then(|| view! { <br/> })} })
                                    .collect_view()
                                    .into_any()
                            };
                            view! {
                                <div class="summary-row">
                                    <dt class="summary-key" lang=content_lang>{row.label.clone()}</dt>
                                    <dd class="summary-value" lang=content_lang>{value}</dd>
                                </div>
                            }
                        }).collect_view()}
                    </dl>
                </section>
            }
        })
        .collect_view()
}

/// Once the authority has changed the status, every change with its time and the note to the
/// citizen, oldest first.
pub fn status_history(
    r: &Receipt,
    lang: contract::Lang,
    rt: &ReceiptTexts,
) -> Option<impl IntoView + use<>> {
    if r.history.len() < 2 {
        return None;
    }
    let items = r
        .history
        .iter()
        .map(|change| {
            let note = change
                .note
                .clone()
                .map(|n| view! { <br/><span class="meta">{n}</span> });
            view! {
                <li>
                    <span class="meta">
                        {change
                            .written(lang)
                            .unwrap_or_else(|| drafts::display_time(&change.at, lang))}
                    </span>
                    " – "{change.status.label(lang)}
                    {note}
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="status-history" aria-labelledby="receipt-history-heading">
            <h3 id="receipt-history-heading">{rt.history}</h3>
            <ol>{items}</ol>
        </section>
    })
}

/// Hands bytes to the browser as a downloaded file (a blob URL on a temporary link).
pub fn save_file(bytes: &[u8], name: &str, media_type: &str) -> Result<(), JsValue> {
    let parts = js_sys_array(bytes);
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    let body = document().body().ok_or(JsValue::NULL)?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // The browser has taken the file by then; the blob's memory is freed.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
    Ok(())
}

fn js_sys_array(bytes: &[u8]) -> JsValue {
    let array = leptos::web_sys::js_sys::Uint8Array::from(bytes);
    leptos::web_sys::js_sys::Array::of1(&array).into()
}
