//! A service page (`/:lang/leistung/<id>?gemeinde=…`): what it is, who is responsible in the
//! chosen municipality and how to reach them, fees, documents, and the online application.
//! Where the municipality has an online form, what it asks for and what it costs come from
//! that form (as on its start page); where it has none, a link to the municipality's own
//! website where the data knows one.

use crate::api;
use crate::components::focus::focus_later;
use crate::components::form_facts::FormFacts;
use crate::components::later::AfterFirstScreen;
use crate::components::municipality_picker::MunicipalityPicker;
use crate::i18n::{use_lang, use_texts};
use crate::municipality::use_municipality;
use crate::paths::{form_path, search_path};
use contract::api::{Authority, ServiceDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const RESPONSIBLE_HEADING: &str = "responsible-heading";

/// `/:lang/leistung/:id`
#[component]
pub fn ServicePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let m = use_municipality();
    let params = use_params_map();
    let query = use_query_map();
    // Only the parameters the request names: a change of any other part of the address (the
    // municipality written into it after a choice) must not load the service again, which
    // would also draw the page anew under the focus moved to the office.
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let country = Memo::new(move |_| query.read().get("land"));
    let detail = LocalResource::new(move || {
        let (id, country) = (id.get(), country.get());
        let (lang, municipality) = (lang.get(), m.id());
        async move { api::service(&id, lang, municipality.as_deref(), country.as_deref()).await }
    });
    // When the citizen chooses another municipality here, the page reloads its office: focus
    // then goes to the office's heading, so that the new answer is read out.
    let refocus = StoredValue::new(false);
    Effect::new(move |previous: Option<Option<String>>| {
        let id = m.id();
        if previous.is_some_and(|p| p != id) {
            refocus.set_value(true);
        }
        id
    });
    view! {
        {move || {
            let t = t.get();
            match detail.get() {
                None => view! {
                    <Title text=t.title(t.loading)/>
                    <p class="page-loading">{t.loading}</p>
                }
                .into_any(),
                Some(Err(e)) => {
                    let message = if e.is_not_found() { t.service_not_found } else { e.message(t) };
                    view! {
                        <Title text=t.title(message)/>
                        <h1>{message}</h1>
                        {e.retryable().then(|| view! {
                            <button type="button" on:click=move |_| detail.refetch()>{t.retry}</button>
                        })}
                        <p><a href=search_path(lang.get_untracked(), &Default::default())>{t.search_heading}</a></p>
                    }
                    .into_any()
                }
                Some(Ok(s)) => view! { <Service s refocus/> }.into_any(),
            }
        }}
    }
}

#[component]
fn Service(s: ServiceDetail, refocus: StoredValue<bool>) -> impl IntoView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let id = use_municipality().id_untracked();
    Effect::new(move || {
        if refocus.get_value() {
            refocus.set_value(false);
            focus_later(RESPONSIBLE_HEADING);
        }
    });
    // Texts the catalogue has only in German are marked as such for screen readers.
    let text_lang = (s.lang != lang).then(|| s.lang.code());
    let online = s
        .form
        .as_deref()
        .filter(|_| s.online)
        .map(|form| form_path(lang, form, id.as_deref()));
    // With a municipality and an online form: what its form asks for and what it costs there,
    // in the same answer as the service.
    let facts = s.facts.filter(|_| online.is_some());
    let has_facts = facts.is_some();
    let facts = facts.map(|facts| view! { <FormFacts facts/> });
    let responsible = match (&s.municipality, s.offered, s.authority) {
        (None, ..) => view! { <p>{t.choose_municipality_for_office}</p> }.into_any(),
        (Some(place), false, _) => {
            view! { <p class="note">{(t.not_offered)(&place.display_name)}</p> }.into_any()
        }
        (Some(place), true, authority) => {
            // Not online here: the municipality's own website, where the data knows it.
            let own_site = authority
                .as_ref()
                .filter(|a| a.level == "municipality" && online.is_none())
                .and_then(|a| a.contact.website.clone());
            view! {
                <p>{(t.responsible_for)(&place.display_name)}</p>
                {authority.map(|a| view! { <AuthorityCard a/> })}
                {(online.is_none()).then(|| view! { <p>{t.not_online}</p> })}
                {own_site.map(|w| view! {
                    <p><a href=w rel="noopener noreferrer">{(t.on_municipality_website)(&place.name)}</a></p>
                })}
            }
            .into_any()
        }
    };
    view! {
        <Title text=t.title(&s.title)/>
        <h1 lang=text_lang>{s.title.clone()}</h1>
        {text_lang.map(|_| view! { <p class="note">{t.only_in_german}</p> })}
        {(!s.summary.is_empty()).then(|| view! { <p class="lead" lang=text_lang>{s.summary}</p> })}
        <p class="meta">
            <span>{t.topic_label}" "{s.topic}</span>
            {s.official_name.map(|o| view! {
                <span>{t.official_name_label}" "<span lang="de">{o}</span></span>
            })}
        </p>
        {facts}
        {online.map(|href| view! {
            <p class="service-start"><a class="button button-primary button-start" href=href>{t.start_online}</a></p>
        })}
        <AfterFirstScreen>
        <section aria-labelledby=RESPONSIBLE_HEADING>
            <h2 id=RESPONSIBLE_HEADING tabindex="-1">{t.responsible_heading}</h2>
            {responsible}
            <MunicipalityPicker/>
        </section>
        {s.fee_hint.filter(|_| !has_facts).map(|fee| view! {
            <section aria-labelledby="fees-heading">
                <h2 id="fees-heading">{t.fees_heading}</h2>
                <p lang=text_lang>{fee}</p>
            </section>
        })}
        {(!s.documents.is_empty() && !has_facts).then(|| view! {
            <section aria-labelledby="documents-heading">
                <h2 id="documents-heading">{t.documents_heading}</h2>
                <ul class="documents" lang=text_lang>
                    {s.documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                </ul>
            </section>
        })}
        </AfterFirstScreen>
    }
}

/// The responsible office and how to reach it (only what is known).
#[component]
fn AuthorityCard(a: Authority) -> impl IntoView {
    let t = use_texts().get_untracked();
    let c = a.contact;
    let also = (a.name != c.office).then_some(a.name);
    let address = c
        .address
        .filter(|ad| !(ad.street.is_empty() && ad.place.is_empty()));
    let known = address.is_some()
        || c.phone.is_some()
        || c.email.is_some()
        || c.website.is_some()
        || c.opening_hours.is_some();
    view! {
        <div class="card">
            <h3 class="card-title">{c.office}</h3>
            {also.map(|name| view! { <p class="meta">{name}</p> })}
            {known.then(|| view! {
            <dl class="contact">
                {address.map(|ad| view! {
                    <dt>{t.address_label}</dt>
                    <dd>
                        {(!ad.street.is_empty()).then(|| view! { {ad.street.clone()}<br/> })}
                        {format!("{} {}", ad.postcode, ad.place).trim().to_owned()}
                    </dd>
                })}
                {c.phone.map(|p| view! {
                    <dt>{t.phone_label}</dt>
                    <dd><a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></dd>
                })}
                {c.email.map(|e| view! {
                    <dt>{t.email_label}</dt>
                    <dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd>
                })}
                {c.website.map(|w| view! {
                    <dt>{t.website_label}</dt>
                    <dd><a href=w.clone() rel="noopener noreferrer">{display_url(&w)}</a></dd>
                })}
                {c.opening_hours.map(|h| view! { <dt>{t.opening_hours_label}</dt><dd>{h}</dd> })}
            </dl>
            })}
        </div>
    }
}

/// `https://www.glinde.de/` → `www.glinde.de`, as people read and type it.
fn display_url(url: &str) -> String {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned()
}
