//! The start page: the question, the search box, the municipality and browsing by topic.

use crate::api;
use crate::components::municipality_picker::MunicipalityPicker;
use crate::components::search_box::SearchBox;
use crate::i18n::{use_lang, use_texts};
use crate::municipality::{query_suffix, use_municipality};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/:lang/`
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=move || t.get().title(t.get().nav_home)/>
        <h1>{move || t.get().home_heading}</h1>
        <p class="lead">{move || t.get().home_intro}</p>
        <SearchBox initial=String::new()/>
        <MunicipalityPicker/>
        <TopicBrowser/>
    }
}

/// Topics and their life situations, linking to filtered result lists.
#[component]
fn TopicBrowser() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let m = use_municipality();
    let topics = LocalResource::new(move || {
        let (lang, id) = (lang.get(), m.id());
        async move { api::topics(lang, id.as_deref()).await }
    });
    view! {
        <section class="browse" aria-labelledby="browse-heading">
            <h2 id="browse-heading">{move || t.get().browse_heading}</h2>
            {move || match topics.get() {
                None => view! { <p>{t.get().loading}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error-text">{e.message(t.get())}</p> }.into_any(),
                Some(Ok(list)) => {
                    let code = lang.get().code();
                    let suffix = query_suffix(&m);
                    view! {
                        <ul class="topics">
                            {list.topics.into_iter().map(|topic| {
                                let href = format!("/{code}/suche?thema={}{suffix}", api::encode(&topic.key));
                                view! {
                                    <li class="topic">
                                        <a href=href class="topic-link">{topic.name}" "<span class="count">"("{topic.count}")"</span></a>
                                        <ul class="life-situations">
                                            {topic.life_situations.into_iter().take(4).map(|l| {
                                                let href = format!("/{code}/suche?lebenslage={}{suffix}", api::encode(&l.key));
                                                view! { <li><a href=href>{l.name}</a></li> }
                                            }).collect_view()}
                                        </ul>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
