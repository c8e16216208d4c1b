//! `/<lang>/konto/postfach`: the messages of the account's applications, one thread per
//! application, each with a reply (text and files). Opening the page marks the authority's
//! messages as read.

use crate::account::use_account;
use crate::api;
use crate::components::account_ui::server_error;
use crate::drafts;
use crate::i18n::{human_size, use_account_texts, use_lang, use_texts};
use crate::paths::{AccountPage, account_path, sign_in_path};
use contract::messages::{BODY_MAX, Direction, FILES_MAX, Message, NewMessage};
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

#[component]
fn Thread(
    reference: String,
    thread: Vec<Message>,
    reload: RwSignal<u32>,
    sent: RwSignal<Option<String>>,
) -> impl IntoView {
    let at = use_account_texts().get_untracked();
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let anchor = format!("thread-{}", reference.to_lowercase());
    let heading_id = format!("{anchor}-heading");
    let reply_id = format!("{anchor}-reply");
    let files_id = format!("{anchor}-files");
    let hint_id = format!("{anchor}-files-hint");
    let error_id = format!("{anchor}-error");
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let items = thread
        .into_iter()
        .map(|m| {
            let from = match m.direction {
                Direction::Authority => at.from_authority,
                Direction::Citizen => at.from_you,
            };
            let files = m
                .files
                .iter()
                .map(|f| {
                    let href = api::message_file_url(&m.reference, &f.id);
                    view! { <li><a href=href download=f.name.clone()>{f.name.clone()}</a>" ("{human_size(f.size, lang)}")"</li> }
                })
                .collect_view();
            view! {
                <li class="message" class:message-authority=m.direction == Direction::Authority>
                    <p class="meta"><strong>{from}</strong>" · "{drafts::display_time(&m.sent_at, lang)}</p>
                    <p class="message-body">{m.body.clone()}</p>
                    {(!m.files.is_empty()).then(|| view! { <ul class="file-list">{files}</ul> })}
                </li>
            }
        })
        .collect_view();
    let reference_send = reference.clone();
    let this = reference.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = body.get_untracked();
        let files: Vec<web_sys::File> = input_ref
            .get_untracked()
            .and_then(|i| i.files())
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        if text.trim().is_empty() && files.is_empty() {
            error.set(Some(
                contract::form::ErrorCode::Required.message(lang, None),
            ));
            return;
        }
        if text.chars().count() > BODY_MAX {
            error.set(Some(
                contract::form::ErrorCode::TooLong.message(lang, Some(&BODY_MAX.to_string())),
            ));
            return;
        }
        if files.len() > FILES_MAX {
            error.set(Some(
                contract::form::ErrorCode::TooManyFiles.message(lang, Some(&FILES_MAX.to_string())),
            ));
            return;
        }
        busy.set(true);
        error.set(None);
        sent.set(None);
        let reference = reference_send.clone();
        spawn_local(async move {
            let mut ids = Vec::new();
            for f in &files {
                match api::upload_message_file(&reference, f).await {
                    Ok(stored) => ids.push(stored.id),
                    Err(e) => {
                        busy.set(false);
                        error.set(Some(format!(
                            "{}: {}",
                            f.name(),
                            server_error(&e, t).message.unwrap_or_default()
                        )));
                        return;
                    }
                }
            }
            let message = NewMessage {
                body: text,
                files: ids,
            };
            let result = api::send_message(&reference, &message).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    body.set(String::new());
                    if let Some(i) = input_ref.get_untracked() {
                        i.set_value("");
                    }
                    sent.set(Some(reference.clone()));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(server_error(&e, t).message.unwrap_or_default())),
            }
        });
    };
    let files_label = files_id.clone();
    let hint_for = hint_id.clone();
    let reply_label_for = reply_id.clone();
    let described = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    let labelled_by = heading_id.clone();
    view! {
        <section class="thread" aria-labelledby=labelled_by>
            <h2 id=heading_id>{(at.about_application)(&reference.clone())}</h2>
            <ol class="message-list">{items}</ol>
            <form class="reply" novalidate on:submit=on_submit>
                <div class="field" class:field-error=move || error.with(Option::is_some)>
                    <label for=reply_label_for>{at.reply_label}</label>
                    {move || error.get().map(|m| view! {
                        <p class="error-message" id=error_id.clone() role="alert">
                            <span class="visually-hidden">{t.error_prefix}</span>{m}
                        </p>
                    })}
                    <textarea id=reply_id class="textarea" rows="4" maxlength=BODY_MAX.to_string()
                        aria-describedby=described
                        prop:value=move || body.get()
                        on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                </div>
                <div class="field">
                    <label for=files_label>{at.reply_files_label}</label>
                    <p class="hint" id=hint_for>{at.reply_files_hint}</p>
                    <input id=files_id type="file" multiple=true accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                        aria-describedby=hint_id node_ref=input_ref/>
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>{at.send_reply}</button>
                </div>
                <p role="status">{move || (sent.get().as_ref() == Some(&this)).then_some(at.reply_sent)}</p>
            </form>
        </section>
    }
}
