//! One application's messages between the authority and the citizen, with a reply (text and
//! files): in the Postfach (the session opens it) and on a receipt's status page (the
//! receipt's access token opens it).

use crate::api;
use crate::components::account_ui::server_error;
use crate::drafts;
use crate::i18n::{human_size, use_account_form_texts, use_lang, use_texts};
use contract::messages::{BODY_MAX, Direction, FILES_MAX, Message, NewMessage};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One application's messages with a reply form: in the Postfach (the session opens it) or on
/// a receipt's status page (`token`, the receipt's access token, opens it).
#[component]
pub fn Thread(
    reference: String,
    thread: Vec<Message>,
    reload: RwSignal<u32>,
    sent: RwSignal<Option<String>>,
    #[prop(optional)] token: Option<String>,
) -> impl IntoView {
    let at = use_account_form_texts().get_untracked();
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
                    let size = human_size(f.size, lang);
                    match &token {
                        // A link cannot carry the token: the file is fetched and saved.
                        Some(token) => {
                            let (reference, id, name, token) =
                                (m.reference.clone(), f.id.clone(), f.name.clone(), token.clone());
                            let save = move |_| {
                                let (reference, id, name, token) =
                                    (reference.clone(), id.clone(), name.clone(), token.clone());
                                spawn_local(async move {
                                    if let Ok(bytes) =
                                        api::message_file_with_token(&reference, &id, &token).await
                                    {
                                        let _ = crate::components::receipt_parts::save_file(
                                            &bytes,
                                            &name,
                                            "application/octet-stream",
                                        );
                                    }
                                });
                            };
                            view! { <li><button type="button" class="link-button" on:click=save>{f.name.clone()}</button>" ("{size}")"</li> }.into_any()
                        }
                        None => {
                            let href = api::message_file_url(&m.reference, &f.id);
                            view! { <li><a href=href download=f.name.clone()>{f.name.clone()}</a>" ("{size}")"</li> }.into_any()
                        }
                    }
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
    let token_send = token.clone();
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
        let token = token_send.clone();
        spawn_local(async move {
            let mut ids = Vec::new();
            for f in &files {
                match api::upload_message_file_with(&reference, f, token.as_deref()).await {
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
            let result = api::send_message_with(&reference, &message, token.as_deref()).await;
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
