//! `/<lang>/konto/postfach`: the messages of the account's applications, one thread per
//! application, each with a reply (text and files). Opening the page marks the authority's
//! messages as read.

use crate::account::use_account;
use crate::api;
use crate::components::thread::Thread;
use crate::i18n::{use_account_texts, use_lang, use_texts};
use crate::paths::{AccountPage, account_path, sign_in_path};
use contract::messages::{Direction, Message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

/// `/:lang/konto/postfach`
#[component]
pub fn PostfachPage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let account = use_account();
    let messages = RwSignal::new(None::<Vec<Message>>);
    let reload = RwSignal::new(0u32);
    // The thread whose reply was just sent (kept here: the threads are drawn anew with the
    // messages loaded again).
    let sent = RwSignal::new(None::<String>);
    Effect::new(move || {
        reload.track();
        if account.who().is_none() {
            return;
        }
        spawn_local(async move {
            if let Ok(p) = api::postfach().await {
                // Opened: the authority's messages count as read.
                let mut unread: Vec<String> = p
                    .messages
                    .iter()
                    .filter(|m| m.direction == Direction::Authority && !m.read)
                    .map(|m| m.reference.clone())
                    .collect();
                unread.dedup();
                messages.set(Some(p.messages));
                for r in unread {
                    let _ = api::messages(&r).await;
                }
            }
        });
    });
    let threads = move || {
        let list = messages.get()?;
        let at = at.get();
        if list.is_empty() {
            return Some(view! { <p>{at.no_messages}</p> }.into_any());
        }
        // One thread per application, the newest thread first, its messages oldest first.
        let mut refs: Vec<String> = Vec::new();
        for m in &list {
            if !refs.contains(&m.reference) {
                refs.push(m.reference.clone());
            }
        }
        Some(
            refs.into_iter()
                .map(|r| {
                    let mut thread: Vec<Message> =
                        list.iter().filter(|m| m.reference == r).cloned().collect();
                    thread.reverse();
                    view! { <Thread reference=r thread reload sent/> }
                })
                .collect_view()
                .into_any(),
        )
    };
    view! {
        <Title text=move || t.get().title(at.get().postfach_heading)/>
        <p><a class="back-link" href=move || account_path(lang.get(), AccountPage::Home)>{move || at.get().account_heading}</a></p>
        <h1>{move || at.get().postfach_heading}</h1>
        {move || match account.session.with(|s| s.as_ref().map(|s| s.account.is_some())) {
            None => view! { <p role="status">{at.get().working}</p> }.into_any(),
            Some(false) => view! {
                <p>{at.get().sign_in_needed}</p>
                <p><a class="button button-primary" href=sign_in_path(lang.get(), Some(&account_path(lang.get(), AccountPage::Postfach)))>{at.get().sign_in_heading}</a></p>
            }.into_any(),
            Some(true) => threads.into_any(),
        }}
    }
}
