//! `/<lang>/amt/leistungen`: an authority's administrators switch the services their
//! municipality is responsible for on and off (each switch is saved at once and announced),
//! and keep the office's contact and opening hours that the service pages show.

use crate::api;
use crate::components::account_ui::{Input, refusal, server_error, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::components::staff_area::{AuthorityChoice, StaffArea, administered};
use crate::i18n::{use_admin_texts, use_lang, use_staff_texts, use_texts};
use crate::paths::{StaffPage, staff_path};
use contract::Lang;
use contract::authority::{Hours, LocalService, OfficeContact};
use contract::form::FieldError;
use contract::form::validate::anchor;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

/// `/:lang/amt/leistungen`
#[component]
pub fn ServicesPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <StaffArea here=Signal::derive(move || staff_path(lang.get(), StaffPage::Services))>
            <ServicesView/>
        </StaffArea>
    }
}

#[component]
fn ServicesView() -> impl IntoView {
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
        <Title text=move || t.get().title(at.get().services_heading)/>
        <h1>{move || at.get().services_heading}</h1>
        {if choices.is_empty() {
            view! { <p>{move || st.get().not_admin}</p> }.into_any()
        } else {
            view! {
                <AuthorityChoice choices=choices.clone() chosen id="services-authority"/>
                <ContactForm chosen/>
                <ServiceSwitches chosen/>
            }.into_any()
        }}
    }
}

/// The most services listed at once (the filter narrows the rest).
const MAX_SHOWN: usize = 40;

#[component]
fn ServiceSwitches(chosen: RwSignal<String>) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let lang = use_lang();
    let services = RwSignal::new(None::<Vec<LocalService>>);
    let announced = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<String>);
    let filter = RwSignal::new(String::new());
    Effect::new(move || {
        let id = chosen.get();
        let lang = lang.get();
        spawn_local(async move {
            match api::local_services(&id, lang).await {
                Ok(list) => {
                    services.try_set(Some(list.services));
                }
                Err(e) => {
                    failed.try_set(server_error(&e, t.get_untracked()).message);
                }
            }
        });
    });
    let switch = move |s: LocalService, offered: bool| {
        failed.set(None);
        let id = chosen.get_untracked();
        spawn_local(async move {
            match api::switch_service(&id, &s.id, offered, lang.get_untracked()).await {
                Ok(now) => {
                    announced.set((at.get_untracked().switched)(&now.title, now.offered));
                    services.update(|l| {
                        if let Some(l) = l
                            && let Some(x) = l.iter_mut().find(|x| x.id == now.id)
                        {
                            x.offered = now.offered;
                        }
                    });
                }
                Err(e) => failed.set(server_error(&e, t.get_untracked()).message),
            }
        });
    };
    view! {
        <section aria-labelledby="services-list-heading">
            <h2 id="services-list-heading">{move || at.get().services_list}</h2>
            <p>{move || at.get().services_intro}</p>
            <p role="status" class="status-line">{move || announced.get()}</p>
            {move || failed.get().map(|m| view! { <p class="warning" role="alert">{m}</p> })}
            <div class="field">
                <label for="services-filter">{move || at.get().filter_label}</label>
                <p class="hint" id="services-filter-hint">{move || at.get().filter_hint}</p>
                <input id="services-filter" class="input" type="search" autocomplete="off"
                    aria-describedby="services-filter-hint services-shown"
                    prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
            </div>
            {move || services.get().map(|list| {
                let at = at.get();
                if list.is_empty() {
                    return view! { <p>{at.no_services}</p> }.into_any();
                }
                let words = filter.get().to_lowercase();
                let mut shown: Vec<LocalService> = list
                    .iter()
                    .filter(|s| words.split_whitespace().all(|w| s.title.to_lowercase().contains(w)))
                    .cloned()
                    .collect();
                shown.sort_by_key(|s| s.offered);
                let matching = shown.len();
                shown.truncate(MAX_SHOWN);
                view! {
                    <p id="services-shown">{(at.shown_of)(shown.len(), matching)}</p>
                    <ul class="switch-list">
                        {shown.into_iter().map(|s| {
                            let id = format!("service-{}", s.id);
                            let offered = s.offered;
                            let item = s.clone();
                            view! {
                                <li class="checkbox">
                                    <input type="checkbox" id=id.clone() prop:checked=offered
                                        on:change=move |ev| switch(item.clone(), event_target_checked(&ev))/>
                                    <label for=id>
                                        {s.title.clone()}
                                        {s.online.then(|| view! { " " <span class="tag">{at.online}</span> })}
                                    </label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn ContactForm(chosen: RwSignal<String>) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let lang = use_lang();
    let office = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let website = RwSignal::new(String::new());
    let hours: [(Lang, RwSignal<String>); 4] = [
        (Lang::De, RwSignal::new(String::new())),
        (Lang::Fr, RwSignal::new(String::new())),
        (Lang::It, RwSignal::new(String::new())),
        (Lang::En, RwSignal::new(String::new())),
    ];
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let show = move |c: &OfficeContact| {
        phone.set(c.phone.clone());
        email.set(c.email.clone());
        website.set(c.website.clone());
        let h = &c.opening_hours;
        for ((_, s), v) in hours.iter().zip([&h.de, &h.fr, &h.it, &h.en]) {
            s.set(v.clone());
        }
    };
    Effect::new(move || {
        let id = chosen.get();
        spawn_local(async move {
            match api::authority_contact(&id, lang.get_untracked()).await {
                Ok(c) => {
                    office.try_set(c.office.clone());
                    show(&c.contact);
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
            "phone" => at.phone_label.to_owned(),
            "email" => at.email_label.to_owned(),
            "website" => at.website_label.to_owned(),
            p => match p.strip_prefix("opening_hours.") {
                Some(code) => format!(
                    "{} ({})",
                    at.hours_legend,
                    (at.hours_in)(code.parse::<Lang>().unwrap_or_default())
                ),
                None => String::new(),
            },
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let contact = OfficeContact {
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            website: website.get_untracked(),
            opening_hours: Hours {
                de: hours[0].1.get_untracked(),
                fr: hours[1].1.get_untracked(),
                it: hours[2].1.get_untracked(),
                en: hours[3].1.get_untracked(),
            },
        };
        busy.set(true);
        let id = chosen.get_untracked();
        spawn_local(async move {
            let result = api::update_authority_contact(&id, &contact, lang.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(c) => {
                    errors.set(Vec::new());
                    show(&c.contact);
                    saved.set(true);
                }
                Err(e) => {
                    errors.set(refusal(&e, t.get_untracked()));
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    view! {
        <ErrorSummary errors=summary/>
        <section aria-labelledby="contact-heading">
            <h2 id="contact-heading">{move || at.get().contact_heading}</h2>
            <p>{move || at.get().contact_intro}</p>
            <p><strong>{move || office.get()}</strong></p>
            <form class="form-step" novalidate aria-labelledby="contact-heading" on:submit=on_submit>
                <Input name="phone" label=Signal::derive(move || at.get().phone_label) kind="tel"
                    autocomplete="off" required=false value=phone errors/>
                <Input name="email" label=Signal::derive(move || at.get().email_label) kind="email"
                    autocomplete="off" required=false value=email errors/>
                <Input name="website" label=Signal::derive(move || at.get().website_label) kind="url"
                    hint=Signal::derive(move || at.get().website_hint)
                    autocomplete="off" required=false value=website errors/>
                <fieldset class="field">
                    <legend>{move || at.get().hours_legend}</legend>
                    <p class="hint">{move || at.get().hours_hint}</p>
                    {hours.into_iter().map(|(l, value)| {
                        let path = format!("opening_hours.{}", l.code());
                        let id = anchor(&path);
                        let error = Memo::new({
                            let path = path.clone();
                            move |_| errors.with(|es| es.iter().find(|e| e.path == path).map(|e| crate::application::error_message(e, lang.get())))
                        });
                        let error_id = format!("{id}-error");
                        view! {
                            <div class="field" class:field-error=move || error.with(Option::is_some)>
                                <label for=id.clone()>{move || (at.get().hours_in)(l)}</label>
                                {let error_id = error_id.clone(); move || error.get().map(|m| view! { <p class="error-message" id=error_id.clone()><span class="visually-hidden">{t.get().error_prefix}</span>{m}</p> })}
                                <textarea id=id class="input" rows="3" lang=l.code()
                                    aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())
                                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="button-row">
                    <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>{move || at.get().save_contact}</button>
                </div>
                <p role="status">{move || saved.get().then(|| at.get().saved)}</p>
            </form>
        </section>
    }
}
