//! A file question (`FieldKind::File`). A file is uploaded the moment it is chosen
//! (`POST /api/v1/uploads`, under the draft's idempotency key), with a progress bar, and the
//! server's record of it (`{ "id", "name", "size", "type" }`) goes into the answers; the list
//! shows every uploaded file with its size and a "remove" button.
//!
//! What the server refuses (too large, a type the question does not take, checked by content;
//! too many files) is said next to the question in the citizen's language, as the server's
//! own message. Size and count are checked before uploading too, so that nobody waits for a
//! 20 MB upload to be told it is too large. The hint says the limits in words, from the
//! field's own (`contract::form::inputs::upload_hint`), so that no form repeats them by hand.
//! Starting, finishing and a refusal are announced to screen readers; leaving the page cancels
//! what is still uploading.

use super::context::{Edit, FieldsCtx};
use super::frame::{Around, Frame};
use crate::api::{self, ApiError, UploadId, UploadTarget};
use crate::application::error_is_for;
use crate::components::focus::focus_field_later;
use crate::i18n::human_size;
use contract::Lang;
use contract::form::inputs::upload_hint;
use contract::form::{ErrorCode, Field, FieldKind};
use contract::submission::UploadResponse;
use contract::texts::Texts;
use leptos::prelude::*;
use leptos::web_sys::{File, HtmlInputElement};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};

/// A file on its way to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pending {
    /// This page's number for it.
    local: u64,
    /// The file's name.
    name: String,
    /// How much has gone out, 0–100.
    percent: u32,
    /// The request, to cancel it.
    upload: Option<UploadId>,
}

static NEXT_LOCAL: AtomicU64 = AtomicU64::new(0);

/// The answer recorded for an uploaded file: what the form model stores for a file.
pub fn file_answer(up: &UploadResponse) -> Value {
    json!({ "id": up.id, "name": up.name, "size": up.size, "type": up.media_type })
}

/// The file input with its list of uploaded files and the uploads under way.
pub(super) fn file(
    ctx: FieldsCtx,
    field: &Field,
    path: String,
    required: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let t = Texts::for_lang(lang);
    let FieldKind::File {
        accept,
        max_bytes,
        max_files,
    } = &field.kind
    else {
        return ().into_any();
    };
    let limits = upload_hint(accept, *max_bytes, *max_files, lang);
    let (max_bytes, max_files) = (*max_bytes, *max_files as usize);
    let problems = RwSignal::new(Vec::<String>::new());
    let frame = Frame::question(ctx, field, &path, required, lang)
        .hint_after(limits)
        .invalid_while(Signal::derive(move || !problems.with(Vec::is_empty)));
    let input_id = frame.ids.input.clone();
    let list_id = format!("{input_id}-files");
    let problems_id = format!("{input_id}-upload-error");
    let pending = RwSignal::new(Vec::<Pending>::new());
    let announce = RwSignal::new(String::new());
    let path = StoredValue::new(path);
    let files = Memo::new(move |_| {
        let list = path.with_value(|p| ctx.list(p, true));
        list.iter()
            .map(|f| {
                (
                    f.get("name")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned(),
                    f.get("size").and_then(Value::as_u64).unwrap_or(0),
                )
            })
            .collect::<Vec<_>>()
    });
    // Leaving the question (another page, the item removed) stops its uploads.
    on_cleanup(move || {
        pending.with_untracked(|p| {
            p.iter()
                .filter_map(|x| x.upload)
                .for_each(api::cancel_upload)
        });
    });

    let start = move |file: File| {
        let name = file.name();
        let Some(target) = ctx.draft.with_untracked(|d| {
            d.as_ref().map(|d| UploadTarget {
                form: d.form.clone(),
                version: d.version.clone(),
                municipality: d.municipality.clone(),
                field: path.get_value(),
                lang,
                key: d.key.clone(),
            })
        }) else {
            return;
        };
        let local = NEXT_LOCAL.fetch_add(1, Ordering::Relaxed);
        pending.update(|p| {
            p.push(Pending {
                local,
                name: name.clone(),
                percent: 0,
                upload: None,
            })
        });
        announce.set((t.uploading)(&name));
        let on_progress = move |percent: u32| {
            pending.try_update(|p| {
                if let Some(x) = p
                    .iter_mut()
                    .find(|x| x.local == local && x.percent != percent)
                {
                    x.percent = percent;
                }
            });
        };
        let failed = move |name: &str, e: ApiError| {
            let message = match (&e, e.status()) {
                (ApiError::Network, _) => t.upload_network,
                // Too large, not a type the field takes, too many files: the server says which,
                // in the citizen's language.
                (_, Some(413 | 415 | 429)) => e.server_message().unwrap_or(t.upload_failed),
                _ => t.upload_failed,
            };
            problems.try_update(|p| p.push((t.colon)(name, message)));
            // The status said "uploading": it says now that the file did not go.
            announce.try_set((t.upload_refused)(name));
        };
        let done_name = name.clone();
        let on_done = move |result: Result<UploadResponse, ApiError>| {
            pending.try_update(|p| p.retain(|x| x.local != local));
            match result {
                Ok(up) => {
                    let p = path.get_value();
                    let mut list = ctx.list(&p, false);
                    list.push(file_answer(&up));
                    // The question is answered now: its earlier errors no longer apply.
                    ctx.errors
                        .update(|es| es.retain(|e| !error_is_for(&e.path, &p, true)));
                    ctx.edit.run(Edit::Set(p, Value::Array(list)));
                    announce.set((t.upload_done)(&up.name));
                }
                Err(e) => failed(&done_name, e),
            }
        };
        match api::upload(&target, &file, on_progress, on_done) {
            Ok(id) => pending.update(|p| {
                if let Some(x) = p.iter_mut().find(|x| x.local == local) {
                    x.upload = Some(id);
                }
            }),
            Err(e) => {
                pending.update(|p| p.retain(|x| x.local != local));
                failed(&name, e);
            }
        }
    };

    let on_change = move |ev: leptos::ev::Event| {
        let input = event_target::<HtmlInputElement>(&ev);
        let Some(chosen) = input.files() else { return };
        let mut found = Vec::new();
        let mut refused = None;
        let mut room = max_files
            .saturating_sub(files.with_untracked(Vec::len) + pending.with_untracked(Vec::len));
        for i in 0..chosen.length() {
            let Some(f) = chosen.get(i) else { continue };
            if room == 0 {
                let limit = max_files.to_string();
                found.push(ErrorCode::TooManyFiles.message(lang, Some(&limit)));
                refused = Some((t.upload_refused)(&f.name()));
                break;
            }
            if f.size() as u64 > max_bytes {
                let limit = max_bytes.to_string();
                let message = ErrorCode::FileTooLarge.message(lang, Some(&limit));
                found.push((t.colon)(&f.name(), &message));
                refused = Some((t.upload_refused)(&f.name()));
                continue;
            }
            room -= 1;
            start(f);
        }
        problems.set(found);
        if let Some(r) = refused {
            announce.set(r);
        }
        // The list below is what counts; the input itself starts empty again.
        input.set_value("");
    };

    let focus_id = input_id.clone();
    let remove = move |i: usize, name: String| {
        let p = path.get_value();
        let mut list = ctx.list(&p, false);
        if i < list.len() {
            list.remove(i);
        }
        ctx.edit.run(Edit::Set(p, Value::Array(list)));
        announce.set((t.file_removed)(&name));
        focus_field_later(focus_id.clone());
    };
    let focus_id = input_id.clone();
    let cancel = move |local: u64, name: String| {
        let mut stopped = None;
        pending.update(|p| {
            if let Some(at) = p.iter().position(|x| x.local == local) {
                stopped = p.remove(at).upload;
            }
        });
        if let Some(id) = stopped {
            api::cancel_upload(id);
        }
        announce.set((t.upload_cancelled)(&name));
        focus_field_later(focus_id.clone());
    };

    let (list, problems_ref) = (list_id.clone(), problems_id.clone());
    let describedby = frame.described_by_and(move || {
        let refused = (!problems.with(Vec::is_empty)).then(|| problems_ref.clone());
        let uploaded = (!files.with(Vec::is_empty)).then(|| list.clone());
        refused.into_iter().chain(uploaded).collect()
    });
    let multiple = max_files > 1;
    let uploaded = move || {
        let list = files.get();
        (!list.is_empty()).then(|| {
            view! {
                <p class="file-list-heading">{t.files_chosen}</p>
                <ul>
                    {list.into_iter().enumerate().map(|(i, (name, size))| {
                        let remove = remove.clone();
                        let label = (t.colon)(t.remove_file, &name);
                        let removed = name.clone();
                        view! {
                            <li>
                                <span class="file-name">{name}</span>" "
                                <span class="meta">"("{human_size(size, lang)}")"</span>" "
                                <button type="button" class="link-button" aria-label=label on:click=move |_| remove(i, removed.clone())>
                                    {t.remove_file}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    };
    let under_way = move || {
        let list = pending.get();
        (!list.is_empty()).then(|| {
            view! {
                <ul class="upload-list">
                    {list.into_iter().map(|x| {
                        let cancel = cancel.clone();
                        let label = (t.colon)(t.cancel, &x.name);
                        let name = x.name.clone();
                        view! {
                            <li class="upload">
                                <span class="file-name">{x.name.clone()}</span>
                                <span class="upload-bar">
                                    <progress
                                        max="100"
                                        value=x.percent.to_string()
                                        aria-label=(t.uploading)(&x.name)
                                        aria-valuetext=(t.upload_percent)(&x.name, x.percent)
                                    ></progress>
                                    <span class="upload-percent" aria-hidden="true">{format!("{} %", x.percent)}</span>
                                </span>
                                <button type="button" class="link-button" aria-label=label on:click=move |_| cancel(x.local, name.clone())>
                                    {t.cancel}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    };
    // Refusals are announced as they come (a file is refused after it was chosen).
    let problems_view = move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-message" id=problems_id.clone()>
                    {list.into_iter().map(|m| view! {
                        <p><span class="visually-hidden">{t.error_prefix}</span>{m}</p>
                    }).collect_view()}
                </div>
            }
        })
    };
    let control = view! {
        <div role="alert">{problems_view}</div>
        <input
            id=input_id.clone()
            name=input_id
            type="file"
            class="input-file"
            accept=accept.join(",")
            multiple=multiple
            aria-describedby=describedby
            aria-invalid=frame.aria_invalid()
            aria-required=frame.aria_required()
            on:change=on_change
        />
        {under_way}
        <div id=list_id class="file-list">{uploaded}</div>
        <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
    };
    frame.view(Around::Label, control.into_any())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_is_recorded_as_the_form_model_expects() {
        let up = UploadResponse {
            id: "abc".into(),
            name: "Nachweis.pdf".into(),
            size: 1234,
            media_type: "application/pdf".into(),
            sha256: "sha256:00".into(),
        };
        assert_eq!(
            file_answer(&up),
            json!({ "id": "abc", "name": "Nachweis.pdf", "size": 1234, "type": "application/pdf" })
        );
    }
}
