//! The result list (`/:lang/suche?q=…&thema=…&lebenslage=…&gemeinde=…`).

use crate::api::{self, SearchParams};
use crate::components::highlight::Highlighted;
use crate::components::municipality_picker::MunicipalityPicker;
use crate::components::search_box::SearchBox;
use crate::i18n::{use_lang, use_texts};
use crate::municipality::{follow_url, query_suffix, use_municipality};
use contract::api::SearchResult;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/:lang/suche`
#[component]
pub fn SearchPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let m = use_municipality();
    let query = use_query_map();
    let param = move |name: &'static str| {
        Signal::derive(move || query.read().get(name).filter(|v| !v.is_empty()))
    };
    let (q, topic, life, gemeinde) = (
        param("q"),
        param("thema"),
        param("lebenslage"),
        param("gemeinde"),
    );
    follow_url(gemeinde);
    let results = LocalResource::new(move || {
        let params = SearchParams {
            q: q.get().unwrap_or_default(),
            municipality: m.id(),
            topic: topic.get(),
            life_situation: life.get(),
            limit: 30,
        };
        let lang = lang.get();
        async move { api::search(&params, lang).await }
    });
    view! {
        <Title text=move || t.get().title(t.get().search_heading)/>
        <h1>{move || t.get().search_heading}</h1>
        {move || view! { <SearchBox initial=q.get().unwrap_or_default()/> }}
        <MunicipalityPicker/>
        <section aria-labelledby="results-heading">
            {move || match results.get() {
                None => view! { <h2 id="results-heading">{t.get().results_heading}</h2><p>{t.get().loading}</p> }.into_any(),
                Some(Err(e)) => view! {
                    <h2 id="results-heading">{t.get().results_heading}</h2>
                    <p class="error-text" role="alert">{e.message(t.get())}</p>
                    <button type="button" on:click=move |_| results.refetch()>{t.get().retry}</button>
                }.into_any(),
                Some(Ok(r)) if r.results.is_empty() && !r.query.is_empty() => view! {
                    <h2 id="results-heading">{(t.get().no_results)(&r.query)}</h2>
                    <p>{t.get().no_results_tips_heading}</p>
                    <ul>
                        <li>{t.get().no_results_tip_spelling}</li>
                        <li>{t.get().no_results_tip_words}</li>
                        {m.id().map(|_| view! { <li>{t.get().no_results_tip_municipality}</li> })}
                    </ul>
                    {(!r.suggestions.is_empty()).then(|| view! {
                        <h2>{t.get().suggestions_heading}</h2>
                        <ResultList results=r.suggestions.clone()/>
                    })}
                }.into_any(),
                Some(Ok(r)) => view! {
                    <h2 id="results-heading">{t.get().results_heading}": "{(t.get().results_count)(r.results.len())}</h2>
                    <ResultList results=r.results/>
                }.into_any(),
            }}
        </section>
    }
}

/// Results as a list of links to their service pages.
#[component]
fn ResultList(results: Vec<SearchResult>) -> impl IntoView {
    let lang = use_lang();
    let m = use_municipality();
    let code = lang.get_untracked().code();
    let suffix = query_suffix(&m);
    view! {
        <ol class="results">
            {results.into_iter().map(|r| {
                let country = if m.id().is_none() { format!("&land={}", r.country) } else { String::new() };
                let href = format!("/{code}/leistung/{}?{}{country}", api::encode(&r.id), suffix.trim_start_matches('&'));
                let text_lang = (r.lang != lang.get_untracked()).then(|| r.lang.code());
                view! {
                    <li class="result">
                        <h3 lang=text_lang><a href=href><Highlighted text=r.title.clone() ranges=r.highlights.clone()/></a></h3>
                        <p lang=text_lang>{r.summary.clone()}</p>
                        <p class="meta">
                            {r.topic.clone()}
                            {r.authority.clone().map(|a| view! { " · "{a.name}})}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
