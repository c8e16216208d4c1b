//! `/<lang>/amt/zahlungen`: an authority's administrators keep the account fees are paid to
//! by bank transfer — it makes the payment slip on the receipts (a Swiss QR-bill for a Swiss or
//! Liechtenstein IBAN, a GiroCode otherwise). Checked with the contract's own rules before it is
//! sent, and by the server again.

use crate::api;
use crate::components::account_ui::{Input, refusal, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::components::staff_area::{AuthorityChoice, StaffArea, administered};
use crate::i18n::{use_admin_texts, use_lang, use_staff_texts, use_texts};
use crate::paths::{StaffPage, staff_path};
use contract::form::FieldError;
use contract::payment::CreditorAccount;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

/// `/:lang/amt/zahlungen`
#[component]
pub fn PaymentsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <StaffArea here=Signal::derive(move || staff_path(lang.get(), StaffPage::Payments))>
            <PaymentsView/>
        </StaffArea>
    }
}

#[component]
fn PaymentsView() -> impl IntoView {
    let st = use_staff_texts();
    let at = use_admin_texts();
    let t = use_texts();
    let choices = administered();
    let chosen = RwSignal::new(
        choices
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    view! {
        <Title text=move || t.get().title(at.get().payments_heading)/>
        <h1>{move || at.get().payments_heading}</h1>
        {if choices.is_empty() {
            view! { <p>{move || st.get().not_admin}</p> }.into_any()
        } else {
            view! {
                <AuthorityChoice choices=choices.clone() chosen id="payments-authority"/>
                <CreditorForm chosen/>
            }.into_any()
        }}
    }
}

#[component]
fn CreditorForm(chosen: RwSignal<String>) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let fields: [RwSignal<String>; 9] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [
        iban,
        bic,
        name,
        street,
        building,
        postcode,
        town,
        country,
        prefix,
    ] = fields;
    let kept = RwSignal::new(None::<bool>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let show = move |a: &CreditorAccount| {
        for (signal, value) in fields.iter().zip([
            &a.iban,
            &a.bic,
            &a.name,
            &a.street,
            &a.building,
            &a.postcode,
            &a.town,
            &a.country,
            &a.reference_prefix,
        ]) {
            signal.set(value.clone());
        }
    };
    Effect::new(move || {
        let id = chosen.get();
        spawn_local(async move {
            match api::authority_creditor(&id).await {
                Ok(account) => {
                    match &account {
                        Some(a) => show(a),
                        None => {
                            for f in fields {
                                f.try_set(String::new());
                            }
                        }
                    }
                    kept.try_set(Some(account.is_some()));
                }
                Err(e) => {
                    errors.try_set(refusal(&e, t.get_untracked()));
                }
            }
        });
    });
    let summary = summary_links(errors, move |path| {
        let at = at.get_untracked();
        match path {
            "iban" => at.iban_label,
            "bic" => at.bic_label,
            "name" => at.holder_label,
            "street" => at.street_label,
            "building" => at.building_label,
            "postcode" => at.postcode_label,
            "town" => at.town_label,
            "country" => at.country_label,
            "reference_prefix" => at.prefix_label,
            _ => "",
        }
        .to_owned()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let account = CreditorAccount {
            iban: iban.get_untracked(),
            bic: bic.get_untracked(),
            name: name.get_untracked(),
            street: street.get_untracked(),
            building: building.get_untracked(),
            postcode: postcode.get_untracked(),
            town: town.get_untracked(),
            country: country.get_untracked(),
            reference_prefix: prefix.get_untracked(),
        };
        // The server's own rules, here first: nothing typed is lost on a mistake.
        let found = account.errors();
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        busy.set(true);
        let id = chosen.get_untracked();
        spawn_local(async move {
            let result = api::update_authority_creditor(&id, &account).await;
            busy.set(false);
            match result {
                Ok(a) => {
                    errors.set(Vec::new());
                    show(&a);
                    kept.set(Some(true));
                    saved.set(true);
                }
                Err(e) => {
                    errors.set(refusal(&e, t.get_untracked()));
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    let label = move |f: fn(&contract::authority::AdminTexts) -> &'static str| {
        Signal::derive(move || f(at.get()))
    };
    view! {
        <ErrorSummary errors=summary/>
        <section aria-labelledby="creditor-heading">
            <h2 id="creditor-heading" class="visually-hidden">{move || at.get().payments_heading}</h2>
            <p>{move || at.get().creditor_intro}</p>
            {move || (kept.get() == Some(false)).then(|| view! { <p class="notice">{at.get().no_creditor}</p> })}
            <form class="form-step" novalidate aria-labelledby="creditor-heading" on:submit=on_submit>
                <Input name="iban" label=label(|a| a.iban_label) hint=label(|a| a.iban_hint)
                    autocomplete="off" value=iban errors/>
                <Input name="bic" label=label(|a| a.bic_label) autocomplete="off" required=false
                    value=bic errors/>
                <Input name="name" label=label(|a| a.holder_label) autocomplete="organization"
                    value=name errors/>
                <Input name="street" label=label(|a| a.street_label) autocomplete="address-line1"
                    required=false value=street errors/>
                <Input name="building" label=label(|a| a.building_label) autocomplete="off"
                    required=false value=building errors/>
                <Input name="postcode" label=label(|a| a.postcode_label) autocomplete="postal-code"
                    value=postcode errors/>
                <Input name="town" label=label(|a| a.town_label) autocomplete="address-level2"
                    value=town errors/>
                <Input name="country" label=label(|a| a.country_label) hint=label(|a| a.country_hint)
                    autocomplete="country" value=country errors/>
                <Input name="reference_prefix" label=label(|a| a.prefix_label)
                    hint=label(|a| a.prefix_hint) autocomplete="off" required=false
                    value=prefix errors/>
                <div class="button-row">
                    <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>{move || at.get().save_creditor}</button>
                </div>
                <p role="status">{move || saved.get().then(|| at.get().saved)}</p>
            </form>
        </section>
    }
}
