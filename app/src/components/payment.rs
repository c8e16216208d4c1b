//! Paying a fee: the choice on the check page ([`PaymentChoice`]), the receipt page's panel
//! with where the fee stands, "pay online now" and the payment slip for a bank transfer
//! ([`PaymentSlipView`]), and going to the provider's page ([`go_pay`]). The outcome of a payment is the server's, read from the
//! provider; the page only shows what `#zahlung=<outcome>` says it found.

use crate::api;
use crate::drafts;
use crate::i18n::use_lang;
use contract::Lang;
use contract::display::money;
use contract::payment::{
    PaymentDue, PaymentInfo, PaymentMethod, PaymentOutcome, PaymentState, PaymentTexts,
};
use contract::slip::{PaymentSlip, Rect, SlipKind, SlipTexts, swiss_cross};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

/// The way to pay, chosen on the check page: online now, or later by invoice where the form
/// allows it (a fee due before the application counts is paid online).
#[component]
pub fn PaymentChoice(due: PaymentDue, method: RwSignal<PaymentMethod>) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let pt = PaymentTexts::get(lang);
    let body = match due {
        PaymentDue::BeforeSubmission => {
            method.set(PaymentMethod::Online);
            view! { <p class="notice">{pt.before}</p> }.into_any()
        }
        PaymentDue::Later => {
            let option = move |value: PaymentMethod, id: &'static str, label, hint| {
                let hint_id = format!("{id}-hint");
                view! {
                    <div class="radio">
                        <input type="radio" name="payment-method" id=id
                            aria-describedby=hint_id.clone()
                            prop:checked=move || method.get() == value
                            on:change=move |_| method.set(value)/>
                        <label for=id>{label}</label>
                        <p class="hint" id=hint_id>{hint}</p>
                    </div>
                }
            };
            view! {
                <div class="field">
                    <fieldset class="radios">
                        <legend class="legend">{pt.choose}</legend>
                        {option(PaymentMethod::Invoice, "payment-invoice", pt.invoice, pt.invoice_hint)}
                        {option(PaymentMethod::Online, "payment-online", pt.online, pt.online_hint)}
                    </fieldset>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby="payment-heading">
            <h2 id="payment-heading">{pt.heading}</h2>
            {body}
        </section>
    }
}

/// Starts paying online and sends the browser to the provider's page; the error to show when
/// that fails (the application and its receipt are kept either way).
pub async fn go_pay(reference: &str, token: &str, lang: Lang) -> Result<(), String> {
    let t = contract::texts::Texts::for_lang(lang);
    match api::start_payment(reference, token, lang).await {
        Ok(started) => {
            if let Some(w) = leptos::web_sys::window() {
                let _ = w.location().assign(&started.redirect);
            }
            Ok(())
        }
        Err(e) => Err(e
            .server_message()
            .map_or_else(|| e.message(t).to_owned(), str::to_owned)),
    }
}

/// The outcome in `#zahlung=…`, if the address has one; the fragment is removed from the
/// address (a reload should not announce it again).
pub fn take_outcome() -> Option<PaymentOutcome> {
    let window = leptos::web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let outcome = PaymentOutcome::from_code(hash.strip_prefix("#zahlung=")?)?;
    let plain = format!(
        "{}{}",
        window.location().pathname().ok()?,
        window.location().search().unwrap_or_default()
    );
    let _ = window
        .history()
        .ok()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&plain));
    Some(outcome)
}

/// The receipt page's fee panel: where the fee stands, what the last payment attempt came to,
/// and "pay online now" while it is due.
#[component]
pub fn PaymentPanel(
    reference: String,
    token: String,
    info: PaymentInfo,
    outcome: Option<PaymentOutcome>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let pt = PaymentTexts::get(lang);
    let amount = money(info.amount, &info.currency, lang);
    let state = match info.state {
        PaymentState::Awaiting => PaymentTexts::fill(pt.awaiting, &[&amount]),
        PaymentState::Open => PaymentTexts::fill(pt.open, &[&amount]),
        PaymentState::Paid => {
            let when = info
                .paid_at
                .as_deref()
                .map(|at| drafts::display_time(at, lang))
                .unwrap_or_default();
            PaymentTexts::fill(pt.paid, &[&amount, &when])
        }
        PaymentState::Refunded => {
            PaymentTexts::fill(pt.refunded, &[&money(info.refunded, &info.currency, lang)])
        }
    };
    // Paid says so in the state line; any other outcome is news next to it.
    let outcome = outcome.filter(|o| !(info.state.due() && *o == PaymentOutcome::Paid));
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let pay = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let (reference, token) = (reference.clone(), token.clone());
        spawn_local(async move {
            if let Err(message) = go_pay(&reference, &token, lang).await {
                problem.try_set(Some(message));
                busy.try_set(false);
            }
        });
    };
    let due = info.state.due();
    let slip = info.slip.clone();
    let good = matches!(outcome, Some(PaymentOutcome::Paid));
    view! {
        <section class:notice=due aria-labelledby="payment-heading">
            <h2 id="payment-heading">{pt.receipt_heading}</h2>
            {outcome.map(|o| view! {
                <p role="status" class:badge=good class:error-text=!good>
                    <strong>{pt.outcome(o)}</strong>
                </p>
            })}
            <p>{state}</p>
            {due.then(|| view! {
                <div class="button-row">
                    <button type="button" class="button-primary"
                        aria-disabled=move || busy.get().then_some("true")
                        on:click=pay>
                        {pt.pay_now}
                    </button>
                </div>
                <p role="status" class:visually-hidden=move || !busy.get()>
                    {move || if busy.get() { pt.redirecting } else { "" }}
                </p>
                {move || problem.get().map(|m| view! {
                    <p class="error-text" role="alert">{m}</p>
                })}
            })}
            {slip.map(|slip| view! { <PaymentSlipView slip/> })}
        </section>
    }
}

/// The payment slip: the QR code (drawn from the server's modules; the Swiss cross on a
/// QR-bill) with the transfer's data beside it for typing it in.
#[component]
pub fn PaymentSlipView(slip: PaymentSlip) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let t = SlipTexts::get(lang);
    let n = slip.modules.len() as f32;
    let view_box = format!("-4 -4 {} {}", n + 8.0, n + 8.0);
    // The cross: 7 mm of the code's 46 mm, a 6 mm black square with its white border.
    let cross = (slip.kind == SlipKind::SwissQr).then(|| {
        let (border, square, arms) = swiss_cross(n);
        let shape = |[x, y, w, h]: Rect, fill: &'static str| {
            view! { <rect x=x y=y width=w height=h fill=fill/> }
        };
        view! {
            {shape(border, "#fff")}
            {shape(square, "#000")}
            {shape(arms[0], "#fff")}
            {shape(arms[1], "#fff")}
        }
    });
    let amount = money(slip.amount, &slip.currency, lang);
    let (title, intro) = match slip.kind {
        SlipKind::SwissQr => (t.payment_part, t.intro),
        SlipKind::Epc => ("GiroCode", t.epc_intro),
    };
    let mut rows: Vec<(&'static str, Vec<String>, bool)> = Vec::new();
    match slip.kind {
        SlipKind::SwissQr => {
            let mut account = vec![slip.account.clone()];
            account.extend(slip.creditor.iter().cloned());
            rows.push((t.account, account, false));
            rows.push((t.reference, vec![slip.reference.clone()], true));
            rows.push((t.additional, vec![slip.message.clone()], false));
        }
        SlipKind::Epc => {
            rows.push((t.payee, slip.creditor.clone(), false));
            rows.push(("IBAN", vec![slip.account.clone()], true));
            if !slip.bic.is_empty() {
                rows.push(("BIC", vec![slip.bic.clone()], true));
            }
            rows.push((t.reference, vec![slip.reference.clone()], true));
        }
    }
    rows.push((t.amount, vec![amount], false));
    view! {
        <section class="slip" aria-labelledby="slip-heading">
            <h3 id="slip-heading">{t.heading}</h3>
            <p>{intro}</p>
            <div class="slip-body">
                <figure class="slip-code">
                    <svg role="img" aria-label=t.code_alt viewBox=view_box
                        xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">
                        <rect x="-4" y="-4" width=n + 8.0 height=n + 8.0 fill="#fff"/>
                        <path d=slip.module_path() fill="#000"/>
                        {cross}
                    </svg>
                    <figcaption>{title}</figcaption>
                </figure>
                <dl class="slip-data">
                    {rows.into_iter().map(|(label, lines, mono)| view! {
                        <dt>{label}</dt>
                        <dd class:mono=mono>
                            {lines.into_iter().map(|l| view! { <span class="slip-line">{l}</span> }).collect_view()}
                        </dd>
                    }).collect_view()}
                </dl>
            </div>
        </section>
    }
}
