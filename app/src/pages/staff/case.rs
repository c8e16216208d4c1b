//! `/<lang>/amt/fall/<reference>`: one case — the answers as the citizen's receipt shows them,
//! attachments, the history, messages with the citizen, internal notes and the audit trail —
//! and the work on it: take or assign it, change its status with a reason the citizen reads
//! (asking for information, completing with a decision document, rejecting), write notes.
//! Every change sends the version the clerk saw; when a colleague was faster, the page says
//! so and offers to reload.

use crate::api::{self, ApiError};
use crate::application::error_message;
use crate::components::account_ui::{refusal, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::components::receipt_parts::answers_view;
use crate::components::staff_area::{StaffArea, use_staff};
use crate::drafts;
use crate::i18n::{human_size, use_lang, use_staff_texts, use_texts};
use contract::cases::{
    AssignRequest, AuditEntry, CaseDetail, NOTE_MAX, NoteRequest, StatusRequest, needs_reason,
};
use contract::form::validate::anchor;
use contract::form::{ErrorCode, FieldError};
use contract::messages::{Direction, FILES_MAX};
use contract::payment::PaymentState;
use contract::receipt_texts::ReceiptTexts;
use contract::submission::Status;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/:lang/amt/fall/:reference`
#[component]
pub fn CasePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let reference = move || params.with(|p| p.get("reference").unwrap_or_default());
    view! {
        <StaffArea here=Signal::derive(move || crate::paths::case_path(lang.get(), &reference()))>
            {move || view! { <CaseView reference=reference()/> }}
        </StaffArea>
    }
}

/// What the page shows while it loads and after.
#[derive(Clone)]
enum Loaded {
    Loading,
    Failed(String),
    Case(Box<CaseDetail>, Vec<AuditEntry>),
}

#[component]
fn CaseView(reference: String) -> impl IntoView {
    let st = use_staff_texts();
    let t = use_texts();
    let lang = use_lang();
    let loaded = RwSignal::new(Loaded::Loading);
    let reload = RwSignal::new(0u32);
    let saved = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let stale = RwSignal::new(false);
    let r = reference.clone();
    Effect::new(move || {
        reload.track();
        let r = r.clone();
        spawn_local(async move {
            let next = match api::case(&r).await {
                Ok(case) => {
                    let audit = api::case_audit(&r).await.unwrap_or_default();
                    Loaded::Case(Box::new(case), audit)
                }
                Err(e) => Loaded::Failed(e.message(t.get_untracked()).to_owned()),
            };
            loaded.try_set(next);
        });
    });
    let summary = summary_links(errors, move |path| {
        let st = st.get_untracked();
        match path {
            "reason" => st.reason_label.to_owned(),
            "body" => st.note_label.to_owned(),
            "to" => st.assignee_label.to_owned(),
            _ => String::new(),
        }
    });
    // After a change: the case anew, and a word that it was saved.
    let done = move || {
        errors.set(Vec::new());
        stale.set(false);
        saved.set(true);
        reload.update(|n| *n += 1);
    };
    let failed = move |e: ApiError| {
        if e.status() == Some(409) && e.code() == Some("case_changed") {
            stale.set(true);
        }
        saved.set(false);
        errors.set(refusal(&e, t.get_untracked()));
        focus_later(SUMMARY_ID);
    };
    let body = move || match loaded.get() {
        Loaded::Loading => view! { <p role="status">{t.get().loading}</p> }.into_any(),
        Loaded::Failed(message) => view! {
            <h1>{(st.get().case_heading)(&reference)}</h1>
            <p class="error-message" role="alert">{message}</p>
        }
        .into_any(),
        Loaded::Case(case, audit) => {
            view! { <CaseBody case=*case audit errors saved stale reload done failed/> }.into_any()
        }
    };
    view! {
        <p><a class="back-link" href=move || crate::paths::staff_path(lang.get(), crate::paths::StaffPage::Inbox)>{move || st.get().back_to_inbox}</a></p>
        <ErrorSummary errors=summary/>
        {body}
    }
}

#[component]
fn CaseBody(
    case: CaseDetail,
    audit: Vec<AuditEntry>,
    errors: RwSignal<Vec<FieldError>>,
    saved: RwSignal<bool>,
    stale: RwSignal<bool>,
    reload: RwSignal<u32>,
    done: impl Fn() + Copy + Send + Sync + 'static,
    failed: impl Fn(ApiError) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let st = use_staff_texts().get_untracked();
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let rt = ReceiptTexts::for_lang(lang);
    let me = use_staff()
        .member
        .get_untracked()
        .flatten()
        .map(|m| m.id)
        .unwrap_or_default();
    let r = case.receipt.clone();
    let reference = r.reference.clone();
    let version = case.version;
    let busy = RwSignal::new(false);

    // Take it, or assign it to a colleague.
    let mine = case.assignee.as_ref().is_some_and(|a| a.id == me);
    let open = !matches!(r.status, Status::Completed | Status::Rejected);
    let assign_to = RwSignal::new(
        case.assignee
            .as_ref()
            .map(|a| a.id.clone())
            .unwrap_or_default(),
    );
    let assign = {
        let reference = reference.clone();
        move |to: Option<String>| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let reference = reference.clone();
            spawn_local(async move {
                let result = api::assign_case(&reference, &AssignRequest { to, version }).await;
                busy.set(false);
                match result {
                    Ok(_) => done(),
                    Err(e) => failed(e),
                }
            });
        }
    };
    let take = {
        let (assign, me) = (assign.clone(), me.clone());
        move |_| assign(Some(me.clone()))
    };
    let on_assign = {
        let assign = assign.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let to = assign_to.get_untracked();
            assign((!to.is_empty()).then_some(to));
        }
    };

    // Change the status: a reason for the citizen, documents for them.
    let next = case.next.clone();
    let to = RwSignal::new(
        next.first()
            .map(|s| s.code().to_owned())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(String::new());
    let files_ref = NodeRef::<leptos::html::Input>::new();
    let on_status = {
        let reference = reference.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            saved.set(false);
            let Some(status) = Status::from_code(&to.get_untracked()) else {
                return;
            };
            let text = reason.get_untracked();
            let mut found = Vec::new();
            if needs_reason(status) && text.trim().is_empty() {
                found.push(FieldError::new("reason", ErrorCode::Required));
            } else if text.chars().count() > NOTE_MAX {
                let mut e = FieldError::new("reason", ErrorCode::TooLong);
                e.limit = Some(NOTE_MAX.to_string());
                found.push(e);
            }
            let files: Vec<web_sys::File> = files_ref
                .get_untracked()
                .and_then(|i| i.files())
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            if files.len() > FILES_MAX {
                let mut e = FieldError::new("reason", ErrorCode::TooManyFiles);
                e.limit = Some(FILES_MAX.to_string());
                found.push(e);
            }
            if !found.is_empty() {
                errors.set(found);
                focus_later(SUMMARY_ID);
                return;
            }
            busy.set(true);
            let reference = reference.clone();
            spawn_local(async move {
                let mut ids = Vec::new();
                for f in &files {
                    match api::upload_message_file(&reference, f).await {
                        Ok(stored) => ids.push(stored.id),
                        Err(e) => {
                            busy.set(false);
                            failed(e);
                            return;
                        }
                    }
                }
                let request = StatusRequest {
                    to: status,
                    reason: text,
                    version,
                    files: ids,
                };
                let result = api::set_case_status(&reference, &request).await;
                busy.set(false);
                match result {
                    Ok(_) => done(),
                    Err(e) => failed(e),
                }
            });
        }
    };

    // Internal notes.
    let note = RwSignal::new(String::new());
    let on_note = {
        let reference = reference.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            saved.set(false);
            let body = note.get_untracked();
            if body.trim().is_empty() {
                errors.set(vec![FieldError::new("body", ErrorCode::Required)]);
                focus_later(SUMMARY_ID);
                return;
            }
            busy.set(true);
            let reference = reference.clone();
            spawn_local(async move {
                let result = api::add_case_note(&reference, &NoteRequest { body }).await;
                busy.set(false);
                match result {
                    Ok(_) => done(),
                    Err(e) => failed(e),
                }
            });
        }
    };

    let facts = {
        let assignee = case
            .assignee
            .as_ref()
            .map(|a| a.name.clone())
            .unwrap_or_else(|| st.assigned_to_nobody.to_owned());
        view! {
            <dl class="summary-list summary-list-plain case-facts">
                <div class="summary-row">
                    <dt class="summary-key">{st.applicant_label}</dt>
                    <dd class="summary-value">{case.applicant.clone().unwrap_or_else(|| "–".into())}
                        {r.email.clone().map(|e| view! { <br/><span class="meta">{e}</span> })}</dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{st.col_service}</dt>
                    <dd class="summary-value">{r.form_title.clone()}<br/><span class="meta">{(rt.form_version)(&r.version)}</span></dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{st.received_label}</dt>
                    <dd class="summary-value">{drafts::display_time(&r.received_at, lang)}
                        {case.entered_by.as_ref().map(|e| view! { <br/><span class="meta">{(st.entered_by)(&e.name)}</span> })}</dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{st.authority_label}</dt>
                    <dd class="summary-value">{r.authority.name.clone()}<br/><span class="meta">{r.municipality.display_name.clone()}</span></dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{st.col_status}</dt>
                    <dd class="summary-value"><strong class=format!("status status-{}", r.status.code())>{(st.status_name)(r.status)}</strong></dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{st.col_assignee}</dt>
                    <dd class="summary-value">{assignee}</dd>
                </div>
            </dl>
        }
    };

    // The fee: where it stands; record a transfer, or refund a payment made online.
    let fee = r.payment.clone().map(|p| {
        let pt = contract::payment::PaymentTexts::get(lang);
        let amount = contract::display::money(p.amount, &p.currency, lang);
        let line = match p.state {
            PaymentState::Paid => contract::payment::PaymentTexts::fill(
                pt.paid,
                &[&amount, &p.paid_at.as_deref().map(|at| drafts::display_time(at, lang)).unwrap_or_default()],
            ),
            PaymentState::Refunded => contract::payment::PaymentTexts::fill(
                pt.refunded,
                &[&contract::display::money(p.refunded, &p.currency, lang)],
            ),
            _ => format!("{amount} – {}", pt.state_name(p.state)),
        };
        let online = p.transaction.clone().map(|t| contract::payment::PaymentTexts::fill(pt.paid_online, &[&t]));
        let act = {
            let reference = reference.clone();
            move |action: &'static str| {
                if busy.get_untracked() {
                    return;
                }
                busy.set(true);
                let reference = reference.clone();
                spawn_local(async move {
                    let result = api::case_payment(&reference, action).await;
                    busy.set(false);
                    match result {
                        Ok(_) => done(),
                        Err(e) => failed(e),
                    }
                });
            }
        };
        let act2 = act.clone();
        let refundable = p.state == PaymentState::Paid && p.transaction.is_some();
        view! {
            <section aria-labelledby="case-fee-heading">
                <h2 id="case-fee-heading">{pt.receipt_heading}</h2>
                <p><strong>{line}</strong></p>
                {online.map(|o| view! { <p class="meta">{o}</p> })}
                <div class="button-row">
                    {p.state.due().then(|| view! {
                        <button type="button" class="secondary" on:click=move |_| act("paid")
                            aria-disabled=move || busy.get().then_some("true")>{pt.mark_paid}</button>
                    })}
                    {refundable.then(|| view! {
                        <button type="button" class="secondary" on:click=move |_| act2("refund")
                            aria-disabled=move || busy.get().then_some("true")>{pt.refund}</button>
                    })}
                </div>
            </section>
        }
    });

    let colleagues = case.colleagues.clone();
    let work = open.then(|| {
        let options = colleagues
            .iter()
            .map(|c| {
                let selected = assign_to.get_untracked() == c.id;
                view! { <option value=c.id.clone() selected=selected>{c.name.clone()}</option> }
            })
            .collect_view();
        view! {
            <section class="case-work" aria-labelledby="case-assign-heading">
                <h2 id="case-assign-heading" class="visually-hidden">{st.col_assignee}</h2>
                <div class="button-row">
                    {(!mine).then(|| view! {
                        <button type="button" class="button-primary" on:click=take.clone()
                            aria-disabled=move || busy.get().then_some("true")>{st.take}</button>
                    })}
                </div>
                <form class="inline-form" novalidate on:submit=on_assign>
                    <div class="field">
                        <label for=anchor("to")>{st.assignee_label}</label>
                        <select id=anchor("to") class="input" on:change=move |ev| assign_to.set(event_target_value(&ev))>
                            <option value="">{st.assigned_to_nobody}</option>
                            {options}
                        </select>
                    </div>
                    <button type="submit" class="secondary" aria-disabled=move || busy.get().then_some("true")>{st.assign_button}</button>
                </form>
            </section>
        }
    });

    let reason_error = Memo::new(move |_| {
        errors.with(|es| {
            es.iter()
                .find(|e| e.path == "reason")
                .map(|e| error_message(e, lang))
        })
    });
    let note_error = Memo::new(move |_| {
        errors.with(|es| {
            es.iter()
                .find(|e| e.path == "body")
                .map(|e| error_message(e, lang))
        })
    });
    let status_form = if next.is_empty() {
        view! {
            <section aria-labelledby="case-status-heading">
                <h2 id="case-status-heading">{st.status_heading}</h2>
                <p>{st.final_status}</p>
            </section>
        }
        .into_any()
    } else {
        let options = next
            .iter()
            .map(|s| view! { <option value=s.code()>{(st.status_name)(*s)}</option> })
            .collect_view();
        view! {
            <section aria-labelledby="case-status-heading">
                <h2 id="case-status-heading">{st.status_heading}</h2>
                {(!case.reachable).then(|| view! { <p class="note">{st.not_reachable}</p> })}
                <form class="form-step" novalidate on:submit=on_status>
                    <div class="field">
                        <label for="case-next">{st.next_status_label}</label>
                        <select id="case-next" class="input" on:change=move |ev| to.set(event_target_value(&ev))>{options}</select>
                    </div>
                    <div class="field" class:field-error=move || reason_error.with(Option::is_some)>
                        <label for=anchor("reason")>{st.reason_label}</label>
                        <p class="hint" id="reason-hint">{st.reason_hint}</p>
                        {move || reason_error.get().map(|m| view! {
                            <p class="error-message" id="reason-error"><span class="visually-hidden">{t.error_prefix}</span>{m}</p>
                        })}
                        <textarea id=anchor("reason") class="textarea" rows="5"
                            aria-describedby=move || if reason_error.with(Option::is_some) { "reason-hint reason-error" } else { "reason-hint" }
                            aria-invalid=move || reason_error.with(Option::is_some).then_some("true")
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="field">
                        <label for="case-files">{st.decision_label}</label>
                        <input id="case-files" type="file" multiple accept="application/pdf,image/jpeg,image/png" node_ref=files_ref/>
                    </div>
                    <div class="button-row">
                        <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>{st.change_status_button}</button>
                    </div>
                </form>
            </section>
        }
        .into_any()
    };

    let attachments = if r.attachments.is_empty() {
        view! { <p>{st.no_attachments}</p> }.into_any()
    } else {
        view! {
            <ul class="file-list-plain">
                {r.attachments.iter().map(|a| view! {
                    <li><a href=api::attachment_url(&r.reference, &a.id) download=a.name.clone()>{a.name.clone()}</a>
                        " "<span class="meta">"("{human_size(a.size, lang)}")"</span></li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };

    let messages = if case.messages.is_empty() {
        view! { <p>{st.no_messages}</p> }.into_any()
    } else {
        view! {
            <ol class="message-list">
                {case.messages.iter().map(|m| {
                    let from = match m.direction {
                        Direction::Authority => st.from_authority,
                        Direction::Citizen => st.from_citizen,
                    };
                    view! {
                        <li class="message" class:message-authority=m.direction == Direction::Authority>
                            <p class="meta"><strong>{from}</strong>" · "{drafts::display_time(&m.sent_at, lang)}</p>
                            <p class="message-body">{m.body.clone()}</p>
                            {(!m.files.is_empty()).then(|| view! {
                                <ul class="file-list">
                                    {m.files.iter().map(|f| view! {
                                        <li><a href=api::message_file_url(&m.reference, &f.id) download=f.name.clone()>{f.name.clone()}</a>
                                            " ("{human_size(f.size, lang)}")"</li>
                                    }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };

    let notes = if case.notes.is_empty() {
        view! { <p>{st.no_notes}</p> }.into_any()
    } else {
        view! {
            <ol class="message-list">
                {case.notes.iter().map(|n| view! {
                    <li class="message note-internal">
                        <p class="meta"><strong>{n.author.name.clone()}</strong>" · "{drafts::display_time(&n.at, lang)}</p>
                        <p class="message-body">{n.body.clone()}</p>
                    </li>
                }).collect_view()}
            </ol>
        }
        .into_any()
    };

    let audit_rows = audit
        .iter()
        .rev()
        .map(|e| {
            view! {
                <tr>
                    <td>{drafts::display_time(&e.at, lang)}</td>
                    <td>{e.actor_name.clone().unwrap_or_else(|| e.actor.clone())}</td>
                    <td>{(st.action_label)(&e.action)}</td>
                    <td class="meta">{e.detail.clone()}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <Title text=t.title(&(st.case_heading)(&r.reference))/>
        <h1>{(st.case_heading)(&r.reference)}</h1>
        <p role="status" aria-live="polite" class="case-saved">
            {move || saved.get().then_some(st.saved)}
        </p>
        {move || stale.get().then(|| view! {
            <p><button type="button" class="secondary" on:click=move |_| {
                stale.set(false);
                errors.set(Vec::new());
                reload.update(|n| *n += 1);
            }>{st.reload}</button></p>
        })}
        {facts}
        {fee}
        {work}
        {status_form}
        <section aria-labelledby="case-messages-heading">
            <h2 id="case-messages-heading">{st.messages_heading}</h2>
            {messages}
        </section>
        <section aria-labelledby="case-notes-heading">
            <h2 id="case-notes-heading">{st.notes_heading}</h2>
            <p class="hint">{st.notes_hint}</p>
            {notes}
            <form class="form-step" novalidate on:submit=on_note>
                <div class="field" class:field-error=move || note_error.with(Option::is_some)>
                    <label for=anchor("body")>{st.note_label}</label>
                    {move || note_error.get().map(|m| view! {
                        <p class="error-message" id="body-error"><span class="visually-hidden">{t.error_prefix}</span>{m}</p>
                    })}
                    <textarea id=anchor("body") class="textarea" rows="3"
                        aria-describedby=move || note_error.with(Option::is_some).then_some("body-error")
                        aria-invalid=move || note_error.with(Option::is_some).then_some("true")
                        prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </div>
                <div class="button-row">
                    <button type="submit" class="secondary" aria-disabled=move || busy.get().then_some("true")>{st.add_note}</button>
                </div>
            </form>
        </section>
        <section aria-labelledby="case-answers-heading">
            <h2 id="case-answers-heading">{st.answers_heading}</h2>
            {answers_view(&r, lang, "case-step")}
        </section>
        <section aria-labelledby="case-files-heading">
            <h2 id="case-files-heading">{st.attachments_heading}</h2>
            {attachments}
            <p><a href=api::receipt_pdf_url(&r.reference)>{st.receipt_pdf}</a></p>
        </section>
        <section aria-labelledby="case-history-heading">
            <h2 id="case-history-heading">{st.history_heading}</h2>
            <ol class="status-history">
                {r.history.iter().map(|change| view! {
                    <li>
                        <span class="meta">{drafts::display_time(&change.at, lang)}</span>
                        " – "{(st.status_name)(change.status)}
                        {change.note.clone().map(|n| view! { <br/><span class="meta">{n}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
        // The table's scrolling region is what the heading names (one region, not two).
        <section>
            <h2 id="case-audit-heading">{st.audit_heading}</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="case-audit-heading">
                <table class="case-table">
                    <thead><tr>
                        <th scope="col">{st.col_time}</th>
                        <th scope="col">{st.col_who}</th>
                        <th scope="col">{st.col_action}</th>
                        <th scope="col">{st.col_detail}</th>
                    </tr></thead>
                    <tbody>{audit_rows}</tbody>
                </table>
            </div>
        </section>
    }
}
