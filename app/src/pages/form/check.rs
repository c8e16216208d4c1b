//! Check your answers (`/:lang/antrag/:form/pruefen?entwurf=…`): every shown step as a summary
//! list with "change" links, the fees the form engine computes from the answers, and "send",
//! which submits the application ([`submit_application`]) and opens its receipt. Whatever goes
//! wrong (offline, a lost answer, the server's own errors) is said here and loses nothing.

use crate::application::{
    Sent, SubmitError, SummaryLine, error_message, error_text, path_label, step_of,
    submit_application, summary_blocks,
};
use crate::components::account_ui::StepUp;
use crate::components::error_summary::{ErrorLink, ErrorSummary, ErrorTarget, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::components::form_page::{
    Caption, DraftConflict, NotSavedWarning, VersionNotice, draft_page,
};
use crate::components::payment::{PaymentChoice, go_pay};
use crate::drafts::{self, CHECK_STEP, Submitted};
use crate::form_session::use_form_session;
use crate::i18n::{lang_attr, use_account_form_texts, use_lang, use_texts};
use crate::paths::receipt_path;
use crate::receipts::{self, StoredReceipt};
use contract::Lang;
use contract::api::FormResponse;
use contract::form::fees::Fees;
use contract::form::{Answers, Context, FieldError, FormDefinition};
use contract::payment::{PaymentDue, PaymentMethod, PaymentTexts};
use contract::texts::Texts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

const PROBLEM_ID: &str = "submit-problem";

/// `/:lang/antrag/:form/pruefen`
#[component]
pub fn CheckPage() -> impl IntoView {
    draft_page(|form| view! { <Check form=form/> }.into_any())
}

#[component]
fn Check(form: FormResponse) -> impl IntoView {
    let s = use_form_session();
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let navigate = use_navigate();
    s.update(|d| d.step = CHECK_STEP.to_owned());
    let at = use_account_form_texts().get_untracked();
    let applying_for = s
        .draft
        .with_untracked(|d| d.as_ref().and_then(|d| d.organisation.clone()));
    let def = StoredValue::new(form.form.clone());
    let text_lang = lang_attr(
        if form.form.languages.contains(&lang) {
            lang
        } else {
            Lang::De
        },
        lang,
    );

    let errors = RwSignal::new(Vec::<FieldError>::new());
    // How the fee will be paid, where there is one to pay: by invoice unless the citizen
    // chooses to pay online now (or the fee is due before the application counts).
    let due = form.form.fees.as_ref().map(|f| f.due);
    let method = RwSignal::new(match due {
        Some(PaymentDue::BeforeSubmission) => PaymentMethod::Online,
        _ => PaymentMethod::Invoice,
    });
    // A fee the authority debits from the citizen's account (a mandate given in the form) is
    // not paid here: no choice of how.
    let fee_due = Memo::new(move |_| {
        s.draft.with(|d| {
            d.as_ref()
                .and_then(|d| def.with_value(|f| f.fees(&d.answers)))
                .is_some_and(|f| f.total > 0 && !f.collection.is_some_and(|c| c.direct_debit))
        })
    });
    let problem = RwSignal::new(None::<SubmitError>);
    let sending = RwSignal::new(false);
    let summary = Signal::derive(move || {
        errors.with(|es| {
            def.with_value(|f| {
                es.iter()
                    .map(|e| ErrorLink {
                        text: error_text(t, &path_label(f, &e.path, lang), &error_message(e, lang)),
                        target: match step_of(f, &e.path) {
                            Some(step) => ErrorTarget::Page(
                                s.with_link(|l| l.step_from_check(&step.id, Some(&e.path))),
                            ),
                            None => ErrorTarget::Nowhere,
                        },
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let heading = t.check_heading;
    let title = move || {
        let page = t.title(heading);
        if errors.with(Vec::is_empty) && problem.get().is_none() {
            page
        } else {
            format!("{}{page}", t.error_title_prefix)
        }
    };

    // The answers as a person reads them, and the fees, both from the form engine.
    let steps = move || {
        let answers = s
            .draft
            .with(|d| d.as_ref().map(|d| d.answers.clone()).unwrap_or_default());
        def.with_value(|f| {
            f.summary(&answers, lang)
                .into_iter()
                .map(|st| (st.step.clone(), st.title.clone(), summary_blocks(f, st, lang)))
                .collect::<Vec<_>>()
        })
        .into_iter()
        .map(|(step, title, blocks)| {
            let heading_id = format!("summary-{step}");
            let labelled_by = heading_id.clone();
            let blocks = blocks
                .into_iter()
                .enumerate()
                .map(|(b, block)| {
                    let list = view! {
                        <dl class="summary-list">
                            {block.rows.into_iter().map(|row| {
                                // "Change" opens the step at the very question.
                                let change = s.with_link(|l| l.step_from_check(&step, Some(&row.path)));
                                view! { <SummaryRow row change text_lang/> }
                            }).collect_view()}
                        </dl>
                    };
                    match block.heading {
                        Some(heading) => {
                            let id = format!("summary-{step}-{b}");
                            let labelled_by = id.clone();
                            view! {
                                <div class="summary-item" role="group" aria-labelledby=labelled_by>
                                    <h3 class="summary-item-heading" id=id lang=text_lang>{heading}</h3>
                                    {list}
                                </div>
                            }
                            .into_any()
                        }
                        None => list.into_any(),
                    }
                })
                .collect_view();
            view! {
                <section class="summary-section" aria-labelledby=labelled_by>
                    <h2 id=heading_id lang=text_lang>{title}</h2>
                    {blocks}
                </section>
            }
        })
        .collect_view()
    };
    let fees = move || {
        let (fees, answers) = s.draft.with(|d| {
            d.as_ref().and_then(|d| {
                def.with_value(|f| f.fees(&d.answers))
                    .map(|fees| (fees, d.answers.clone()))
            })
        })?;
        let note = def.with_value(|f| {
            f.fees
                .as_ref()
                .and_then(|s| s.note.as_ref())
                .map(|n| n.get(lang).to_owned())
        });
        // How the fee is collected, where the answers chose it (a direct debit).
        let collection = fees.collection.as_ref().map(|c| {
            let (text, shown) = c.note.get_with_lang(lang);
            view! { <p class="hint" lang=lang_attr(shown, lang)>{text.to_owned()}</p> }
        });
        Some(view! {
            <section aria-labelledby="fees-heading">
                <h2 id="fees-heading">{t.fees_heading}</h2>
                {def.with_value(|f| fee_table(t, f, &fees, &answers, lang))}
                {note.map(|n| view! { <p class="hint" lang=text_lang>{n}</p> })}
                {collection}
            </section>
        })
    };

    // Sending: every attempt carries the draft's idempotency key, so that a retry after a
    // lost answer, a double click or a second visit gets the first receipt back.
    let send = Callback::new(move |()| {
        if sending.get_untracked() {
            return;
        }
        let Some(draft) = s.draft.get_untracked() else {
            return;
        };
        problem.set(None);
        // The same check the server makes, first in the browser: errors show at once, offline too.
        let ctx = Context::on(&drafts::today()).expect("the browser's date is a date");
        let local = def.with_value(|f| f.validate(&f.clean_answers(&draft.answers), &ctx));
        if !local.is_empty() {
            errors.set(local);
            focus_later(SUMMARY_ID);
            return;
        }
        sending.set(true);
        let form = def.get_value();
        let navigate = navigate.clone();
        let payment = fee_due.get_untracked().then(|| method.get_untracked());
        spawn_local(async move {
            let result = submit_application(&form, &draft, lang, payment).await;
            sending.set(false);
            match result {
                Ok(Sent::Received(created)) => {
                    // Paying online next: the provider's page, with the receipt kept here.
                    let pay_now = payment == Some(PaymentMethod::Online)
                        && created
                            .receipt
                            .payment
                            .as_ref()
                            .is_some_and(|p| p.state.due());
                    let token = created.access_token.clone();
                    errors.set(Vec::new());
                    let reference = created.receipt.reference.clone();
                    let received_at = created.receipt.received_at.clone();
                    let stored =
                        StoredReceipt::new(*created, Some(draft.id.clone()), drafts::now());
                    let _ = receipts::save(&stored);
                    s.update(|d| {
                        d.submitted = Some(Submitted {
                            reference: reference.clone(),
                            received_at,
                        });
                        d.refused.clear();
                    });
                    if pay_now {
                        sending.set(true);
                        if go_pay(&reference, &token, lang).await.is_ok() {
                            return;
                        }
                        sending.set(false);
                    }
                    navigate(&receipt_path(lang, &reference), NavigateOptions::default());
                }
                Ok(Sent::Invalid(found)) => {
                    // Kept with the draft, so that the step page shows them too.
                    s.update(|d| d.refused = found.clone());
                    errors.set(found);
                    focus_later(SUMMARY_ID);
                }
                Err(e) => {
                    if e == SubmitError::FormChanged {
                        s.reload_form();
                    }
                    problem.set(Some(e));
                    focus_later(PROBLEM_ID);
                }
            }
        });
    });
    let problem_view = move || {
        problem.get().map(|p| {
            let (text, then) = match &p {
                SubmitError::Offline => (t.submit_offline.to_owned(), t.answers_kept),
                SubmitError::Network => (t.submit_network.to_owned(), t.submit_retry_safe),
                SubmitError::FormChanged => (t.submit_form_changed.to_owned(), t.answers_kept),
                SubmitError::KeyReused => (t.submit_key_reused.to_owned(), ""),
                SubmitError::Refused(message) => (message.clone(), t.answers_kept),
                SubmitError::Server => (t.submit_failed.to_owned(), t.answers_kept),
            };
            let retry = matches!(p, SubmitError::Offline | SubmitError::Network | SubmitError::Server);
            view! {
                <div class="warning" id=PROBLEM_ID tabindex="-1" role="alert">
                    <p>{text}</p>
                    {(!then.is_empty()).then(|| view! { <p>{then}</p> })}
                    {retry.then(|| view! {
                        <button type="button" class="secondary" on:click=move |_| send.run(())>{t.retry}</button>
                    })}
                </div>
            }
        })
    };
    let back = s.with_link(|l| {
        let last = def.with_value(|f| {
            s.draft.with_untracked(|d| {
                d.as_ref()
                    .and_then(|d| f.visible_steps(&d.answers).last().map(|st| st.id.clone()))
            })
        });
        last.map_or_else(|| l.start(), |id| l.step(&id))
    });
    view! {
        <Title text=title/>
        <p><a class="back-link" href=back>{t.back}</a></p>
        <ErrorSummary errors=summary/>
        <Caption form=form.clone()/>
        <h1>{heading}</h1>
        <VersionNotice/>
        <NotSavedWarning/>
        <DraftConflict form=form.clone()/>
        <StepUp needed=form.form.assurance/>
        {applying_for.map(|o| view! { <p class="notice">{(at.for_organisation)(&o.name)}</p> })}
        <p class="lead">{t.check_intro}</p>
        {steps}
        {fees}
        {move || match due {
            Some(due) if fee_due.get() => Some(view! { <PaymentChoice due method/> }),
            _ => None,
        }}
        <section class="submit-section" aria-labelledby="submit-heading">
            <h2 id="submit-heading">{t.submit_heading}</h2>
            <p>{t.submit_intro}</p>
            {problem_view}
            <div class="button-row">
                <button type="button" class="button-primary" aria-disabled=move || sending.get().then_some("true") on:click=move |_| send.run(())>
                    {move || if fee_due.get() && method.get() == PaymentMethod::Online {
                        PaymentTexts::get(lang).submit_and_pay
                    } else {
                        t.submit_button
                    }}
                </button>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">
                {move || if sending.get() { t.sending } else { "" }}
            </p>
        </section>
    }
}

/// One answer with its question and "change" link (which names the question).
#[component]
fn SummaryRow(row: SummaryLine, change: String, text_lang: Option<&'static str>) -> impl IntoView {
    let t = use_texts().get_untracked();
    let value = if row.lines.is_empty() {
        view! { <span class="meta">{t.not_answered}</span> }.into_any()
    } else {
        let n = row.lines.len();
        row.lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| view! { {line}{(i + 1 < n).then(|| view! { <br/> })} })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="summary-row">
            <dt class="summary-key" lang=text_lang>{row.label}</dt>
            <dd class="summary-value">{value}</dd>
            <dd class="summary-actions">
                <a href=change>
                    {t.change}<span class="visually-hidden" lang=text_lang>" "{row.full_label}</span>
                </a>
            </dd>
        </div>
    }
}

/// The computed fees as a table: one line per rule (and per group item, named as the answers
/// name it: "Hund 1 (Luna)"), the total last — the rows the receipt page, the PDF and the
/// e-mail show ([`contract::display::fee_table`]).
pub fn fee_table(
    t: &'static Texts,
    form: &FormDefinition,
    fees: &Fees,
    answers: &Answers,
    lang: Lang,
) -> impl IntoView + use<> {
    let summary = form.summary(answers, lang);
    crate::components::fee_table::fee_table(
        t,
        t.fees_heading,
        contract::display::fee_table(fees, &summary, lang),
        lang,
    )
}
