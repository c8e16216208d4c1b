//! The result list (`/:lang/suche?q=…&thema=…&lebenslage=…&gemeinde=…`). Everything it shows
//! comes from the URL, so that back, forward, reload and shared links show the same list.

use crate::api::{self, SearchParams};
use crate::components::highlight::Highlighted;
use crate::components::in_groups::in_groups;
use crate::components::municipality_picker::MunicipalityPicker;
use crate::components::search_box::SearchBox;
use crate::i18n::{use_lang, use_texts};
use crate::municipality::use_municipality;
use crate::paths::{SearchLink, search_path, service_path};
use contract::api::{SearchResponse, SearchResult};
use contract::page_data::RESULT_PAGE_LIMIT;
use contract::texts::Texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The most results the API gives in one list (the server preloads this very request).
const LIMIT: usize = RESULT_PAGE_LIMIT;

/// What the URL asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Asked {
    q: Option<String>,
    topic: Option<String>,
    life_situation: Option<String>,
}

impl Asked {
    fn is_empty(&self) -> bool {
        self.q.is_none() && self.topic.is_none() && self.life_situation.is_none()
    }
}

/// `/:lang/suche`
#[component]
pub fn SearchPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let m = use_municipality();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query.with(|p| {
            let get = |name: &str| {
                p.get(name)
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
            };
            Asked {
                q: get("q"),
                topic: get("thema"),
                life_situation: get("lebenslage"),
            }
        })
    });
    let q = Signal::derive(move || asked.with(|a| a.q.clone().unwrap_or_default()));
    let results = LocalResource::new(move || {
        let a = asked.get();
        let params = SearchParams {
            q: a.q.clone().unwrap_or_default(),
            municipality: m.id(),
            topic: a.topic.clone(),
            life_situation: a.life_situation.clone(),
            limit: LIMIT,
        };
        let lang = lang.get();
        async move {
            if a.is_empty() {
                None // nothing asked: no request
            } else {
                Some(api::search(&params, lang).await)
            }
        }
    });
    // The heading of the list, also the page title and what the live region announces.
    let summary = Memo::new(move |_| {
        let t = t.get();
        results.get().flatten().map(|r| match r {
            Ok(r) => heading(t, &asked.get(), &r),
            Err(e) => e.message(t).to_owned(),
        })
    });
    let title = move || {
        let t = t.get();
        let page = match (asked.get().q, summary.get()) {
            (Some(q), _) => (t.search_title)(&q),
            (None, Some(s)) => s,
            (None, None) => t.search_heading.to_owned(),
        };
        t.title(&page)
    };
    let list = move || {
        let t = t.get();
        match results.get() {
            Some(None) => view! { <p class="lead">{t.search_intro}</p> }.into_any(),
            None => view! { <p class="page-loading">{t.loading}</p> }.into_any(),
            Some(Some(Err(e))) => view! {
                <p class="error-text">{e.message(t)}</p>
                <button type="button" on:click=move |_| results.refetch()>{t.retry}</button>
            }
            .into_any(),
            Some(Some(Ok(r))) if r.results.is_empty() && !r.query.is_empty() => view! {
                <h2 id="results-heading">{(t.no_results)(&r.query)}</h2>
                <p>{t.no_results_tips_heading}</p>
                <ul class="tips">
                    <li>{t.no_results_tip_spelling}</li>
                    <li>{t.no_results_tip_words}</li>
                    {r.municipality.is_some().then(|| view! { <li>{t.no_results_tip_municipality}</li> })}
                </ul>
                {(!r.suggestions.is_empty()).then(|| view! {
                    <h2>{t.suggestions_heading}</h2>
                    <ResultList results=r.suggestions.clone()/>
                })}
            }
            .into_any(),
            Some(Some(Ok(r))) => {
                let a = asked.get();
                let filtered = a.topic.is_some() || a.life_situation.is_some();
                let unfiltered = {
                    let id = m.id();
                    search_path(
                        lang.get_untracked(),
                        &SearchLink {
                            q: a.q.as_deref(),
                            municipality: id.as_deref(),
                            ..SearchLink::default()
                        },
                    )
                };
                view! {
                    <h2 id="results-heading">{heading(t, &a, &r)}</h2>
                    {filtered.then(|| view! { <p><a href=unfiltered>{t.remove_filter}</a></p> })}
                    {(r.results.len() >= LIMIT).then(|| view! { <p class="note">{(t.results_truncated)(LIMIT)}</p> })}
                    <ResultList results=r.results/>
                }
                .into_any()
            }
        }
    };
    view! {
        <Title text=title/>
        <h1>{move || t.get().search_heading}</h1>
        <SearchBox query=q/>
        <MunicipalityPicker/>
        <div class="results-section">
            <p class="visually-hidden" role="status" aria-live="polite">{move || summary.get()}</p>
            {list}
        </div>
    }
}

/// "3 Ergebnisse für «hund»", "12 Leistungen zum Thema «Familie & Kind»", "Keine Ergebnisse …".
fn heading(t: &Texts, a: &Asked, r: &SearchResponse) -> String {
    let n = r.results.len();
    // The topic's and life situation's names in the page language come with the results.
    let first = r.results.first();
    match (&a.q, &a.topic, &a.life_situation) {
        (Some(_), ..) if n == 0 => (t.no_results)(&r.query),
        (Some(_), ..) => (t.results_for)(n, &r.query),
        (None, Some(key), _) => (t.topic_results)(n, first.map_or(key, |s| &s.topic)),
        (None, None, Some(key)) => {
            (t.life_situation_results)(n, first.map_or(key, |s| &s.life_situation))
        }
        (None, None, None) => (t.results_count)(n),
    }
}

/// Results drawn with the list (what the first screen of a phone or a laptop shows); the rest
/// follow in groups of as many, one task each.
const RESULTS_AT_ONCE: usize = 4;

/// Results as a list of links to their service pages.
#[component]
fn ResultList(results: Vec<SearchResult>) -> impl IntoView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let id = use_municipality().id_untracked();
    let item = move |r: SearchResult| {
        let href = service_path(lang, &r.id, id.as_deref(), Some(&r.country));
        let text_lang = (r.lang != lang).then(|| r.lang.code());
        view! {
            <li class="result">
                <h3 lang=text_lang>
                    <a href=href><Highlighted text=r.title ranges=r.highlights/></a>
                </h3>
                {(!r.summary.is_empty()).then(|| view! { <p lang=text_lang>{r.summary}</p> })}
                <p class="meta">
                    <span>{t.topic_label}" "{r.topic}</span>
                    {r.authority.map(|a| view! { <span>{t.responsible_label}" "{a.name}</span> })}
                    {r.online.then(|| view! { <span class="badge">{t.online_available}</span> })}
                </p>
            </li>
        }
    };
    view! { <ol class="results">{in_groups(results, RESULTS_AT_ONCE, item)}</ol> }
}
