//! A service page (`/:lang/leistung/<id>?gemeinde=…`): what it is, who is responsible in the
//! chosen municipality and how to reach them, fees, documents, and the online application.

use crate::api;
use crate::components::municipality_picker::MunicipalityPicker;
use crate::i18n::{use_lang, use_texts};
use crate::municipality::{follow_url, query_suffix, use_municipality};
use contract::api::{Authority, ServiceDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/:lang/leistung/:id`
#[component]
pub fn ServicePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let m = use_municipality();
    let params = use_params_map();
    let query = use_query_map();
    follow_url(Signal::derive(move || query.read().get("gemeinde")));
    let detail = LocalResource::new(move || {
        let id = params.read().get("id").unwrap_or_default();
        let country = query.read().get("land");
        let (lang, municipality) = (lang.get(), m.id());
        async move { api::service(&id, lang, municipality.as_deref(), country.as_deref()).await }
    });
    view! {
        {move || match detail.get() {
            None => view! { <Title text=move || t.get().title(t.get().loading)/><p>{t.get().loading}</p> }.into_any(),
            Some(Err(e)) => view! {
                <Title text=move || t.get().title(t.get().error_server)/>
                <h1>{e.message(t.get())}</h1>
                {(e != api::ApiError::NotFound).then(|| view! {
                    <button type="button" on:click=move |_| detail.refetch()>{t.get().retry}</button>
                })}
                <p><a href=format!("/{}/suche", lang.get().code())>{t.get().search_heading}</a></p>
            }.into_any(),
            Some(Ok(s)) => view! { <Service s/> }.into_any(),
        }}
    }
}

#[component]
fn Service(s: ServiceDetail) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let m = use_municipality();
    let text_lang = (s.lang != lang.get_untracked()).then(|| s.lang.code());
    let title = s.title.clone();
    let online = s.form.clone().filter(|_| s.online).map(|form| {
        format!(
            "/{}/antrag/{}?{}",
            lang.get_untracked().code(),
            api::encode(&form),
            query_suffix(&m).trim_start_matches('&')
        )
    });
    view! {
        <Title text=move || t.get().title(&title)/>
        <h1 lang=text_lang>{s.title.clone()}</h1>
        {text_lang.map(|_| view! { <p class="note">{t.get().only_in_german}</p> })}
        <p class="lead" lang=text_lang>{s.summary.clone()}</p>
        {s.official_name.clone().map(|o| view! {
            <p class="meta">{t.get().official_name_label}": "<span lang="de">{o}</span></p>
        })}
        {online.map(|href| view! { <p><a class="button" href=href>{t.get().start_online}</a></p> })}
        <section aria-labelledby="responsible-heading">
            <h2 id="responsible-heading">{move || t.get().responsible_heading}</h2>
            {match (&s.municipality, &s.authority) {
                (Some(_), Some(a)) => view! { <AuthorityCard a=a.clone()/> }.into_any(),
                (Some(_), None) => view! { <p class="note">{t.get().not_offered}</p> }.into_any(),
                (None, _) => view! { <p>{t.get().choose_municipality_for_office}</p> }.into_any(),
            }}
            <MunicipalityPicker/>
        </section>
        {s.fee_hint.clone().map(|fee| view! {
            <section aria-labelledby="fees-heading">
                <h2 id="fees-heading">{t.get().fees_heading}</h2>
                <p lang=text_lang>{fee}</p>
            </section>
        })}
        {(!s.documents.is_empty()).then(|| view! {
            <section aria-labelledby="documents-heading">
                <h2 id="documents-heading">{t.get().documents_heading}</h2>
                <ul lang=text_lang>{s.documents.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
    }
}

#[component]
fn AuthorityCard(a: Authority) -> impl IntoView {
    let t = use_texts();
    let c = a.contact;
    view! {
        <div class="card">
            <p class="card-title"><strong>{c.office.clone()}</strong></p>
            {c.address.map(|ad| view! {
                <p class="address">{ad.street.clone()}{(!ad.street.is_empty()).then(|| view! { <br/> })}{ad.postcode}" "{ad.place}</p>
            })}
            <dl class="contact">
                {c.phone.map(|p| view! { <dt>{t.get().phone_label}</dt><dd><a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></dd> })}
                {c.email.map(|e| view! { <dt>{t.get().email_label}</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd> })}
                {c.website.map(|w| view! { <dt>{t.get().website_label}</dt><dd><a href=w.clone() rel="noopener">{w.clone()}</a></dd> })}
                {c.opening_hours.map(|h| view! { <dt>{t.get().opening_hours_label}</dt><dd>{h}</dd> })}
            </dl>
        </div>
    }
}
