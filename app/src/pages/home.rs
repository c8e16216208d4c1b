//! The start page: the question, the search box, the municipality and browsing by topic.

use crate::api;
use crate::components::in_groups::in_groups;
use crate::components::later::AfterFirstScreen;
use crate::components::municipality_picker::MunicipalityPicker;
use crate::components::search_box::SearchBox;
use crate::i18n::{use_lang, use_texts};
use crate::municipality::use_municipality;
use crate::paths::{SearchLink, search_path};
use contract::api::TopicEntry;
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
        <SearchBox query=String::new()/>
        <AfterFirstScreen>
            <MunicipalityPicker/>
            <TopicBrowser/>
        </AfterFirstScreen>
    }
}

/// Life situations shown per topic (the most used); a link "n more" leads to the topic's list
/// with the others, so that the start page stays short on a phone.
const SHOWN_LIFE_SITUATIONS: usize = 2;

/// Topics drawn with the list (below the first screen on a phone); the rest follow in groups of
/// as many, one task each.
const TOPICS_AT_ONCE: usize = 4;

/// Topics and their life situations (for the chosen municipality), linking to result lists, in
/// the order the server gives (the topics data's rank: citizens' topics first).
#[component]
fn TopicBrowser() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let m = use_municipality();
    let topics = LocalResource::new(move || {
        let (lang, id) = (lang.get(), m.id());
        async move { api::topics(lang, id.as_deref()).await }
    });
    let list = move || {
        let t = t.get();
        match topics.get() {
            None => view! { <p class="page-loading">{t.loading}</p> }.into_any(),
            Some(Err(e)) => view! {
                <p class="error-text">{e.message(t)}</p>
                <button type="button" class="secondary" on:click=move |_| topics.refetch()>{t.retry}</button>
            }
            .into_any(),
            Some(Ok(found)) => {
                let lang = lang.get_untracked();
                let id = m.id();
                let topic = move |topic: TopicEntry| {
                    let link = |topic: Option<&str>, life_situation: Option<&str>| {
                        search_path(
                            lang,
                            &SearchLink {
                                topic,
                                life_situation,
                                municipality: id.as_deref(),
                                ..SearchLink::default()
                            },
                        )
                    };
                    view! {
                        <li class="topic">
                            <div class="topic-head">
                                <h3 class="topic-heading">
                                    <a href=link(Some(&topic.key), None)>{topic.name.clone()}</a>
                                </h3>
                                <p class="meta">{(t.services_count)(topic.count)}</p>
                            </div>
                            <ul class="life-situations">
                                {topic.life_situations.iter().take(SHOWN_LIFE_SITUATIONS).map(|l| view! {
                                    <li><a href=link(None, Some(&l.key))>{l.name.clone()}</a></li>
                                }).collect_view()}
                                {(topic.life_situations.len() > SHOWN_LIFE_SITUATIONS).then(|| view! {
                                    <li class="more-lives">
                                        <a href=link(Some(&topic.key), None)>
                                            {(t.more_life_situations)(topic.life_situations.len() - SHOWN_LIFE_SITUATIONS)}
                                        </a>
                                    </li>
                                })}
                            </ul>
                        </li>
                    }
                };
                view! { <ul class="topics">{in_groups(found.topics, TOPICS_AT_ONCE, topic)}</ul> }
                .into_any()
            }
        }
    };
    view! {
        <section class="browse" aria-labelledby="browse-heading">
            <h2 id="browse-heading">{move || t.get().browse_heading}</h2>
            {list}
        </section>
    }
}
