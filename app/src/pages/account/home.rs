//! `/<lang>/konto`: Mein Konto — who is signed in, the drafts of every device (continued here
//! with one click), the drafts and applications of this device that are not in the account
//! yet, the account's applications with their status, and the way to the Postfach and the
//! profile.

use crate::account::use_account;
use crate::api;
use crate::drafts::{self, Draft};
use crate::i18n::{use_account_texts, use_lang, use_texts};
use crate::paths::{AccountPage, FormLink, account_path, sign_in_path};
use crate::receipts::{self, StoredReceipt};
use crate::sync::{self, Pushed};
use contract::account::AccountDraft;
use contract::account::ClaimApplication;
use contract::receipt_texts::ReceiptTexts;
use contract::submission::Receipt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// `/:lang/konto`
#[component]
pub fn AccountPage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let account = use_account();
    view! {
        <Title text=move || t.get().title(at.get().account_heading)/>
        <h1>{move || at.get().account_heading}</h1>
        {move || match account.session.with(|s| s.as_ref().map(|s| s.account.is_some())) {
            None => view! { <p role="status">{at.get().working}</p> }.into_any(),
            Some(false) => view! {
                <p>{at.get().sign_in_needed}</p>
                <p><a class="button button-primary" href=sign_in_path(lang.get(), Some(&account_path(lang.get(), AccountPage::Home)))>{at.get().sign_in_heading}</a></p>
            }.into_any(),
            Some(true) => view! { <Signed/> }.into_any(),
        }}
    }
}

#[component]
fn Signed() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let account = use_account();
    let navigate = use_navigate();
    let remote = RwSignal::new(None::<Vec<AccountDraft>>);
    let applications = RwSignal::new(None::<Vec<Receipt>>);
    let unread = RwSignal::new(None::<u64>);
    let announce = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    Effect::new(move || {
        reload.track();
        spawn_local(async move {
            if let Ok(list) = api::account_drafts().await {
                remote.set(Some(list));
            }
            if let Ok(list) = api::account_applications().await {
                applications.set(Some(list));
            }
            if let Ok(p) = api::postfach().await {
                unread.set(Some(p.unread));
            }
        });
    });
    let who = move || {
        account.who().map(|w| {
            let at = at.get();
            view! {
                <p>{(at.signed_in_as)(&format!("{} {}", w.given_name, w.family_name), &w.email)}</p>
                <p class="meta">{(at.level_text)(w.level)}</p>
            }
        })
    };
    let sign_out = {
        let navigate = navigate.clone();
        move |_| {
            let navigate = navigate.clone();
            spawn_local(async move {
                if account.sign_out().await.is_ok() {
                    navigate(
                        &sign_in_path(lang.get_untracked(), None),
                        NavigateOptions::default(),
                    );
                }
            });
        }
    };
    // Continues a draft of the account here: the copy of this device if there is one (it is
    // compared with the account's when it opens), otherwise the account's copy.
    let open = move |there: AccountDraft| {
        let here = drafts::list().into_iter().find(|d| d.key == there.key);
        let draft = match here {
            Some(d) => d,
            None => {
                let Some(mut d) = sync::draft_of(&there, None) else {
                    return;
                };
                if d.id.is_empty() || drafts::load(&d.id).is_some() {
                    d.id = drafts::new_id();
                }
                let _ = drafts::save(&d);
                d
            }
        };
        let href = FormLink {
            lang: lang.get_untracked(),
            form: &draft.form,
            draft: Some(&draft.id),
            municipality: Some(&draft.municipality),
        }
        .start();
        navigate(&href, NavigateOptions::default());
    };
    let remote_view = move || {
        let at = at.get();
        let lang = lang.get();
        let list = remote.get()?;
        Some(if list.is_empty() {
            view! { <p>{at.account_drafts_none}</p> }.into_any()
        } else {
            view! {
                <ul class="draft-list">
                    {list.into_iter().filter_map(|there| {
                        let d = sync::draft_of(&there, None)?;
                        let title = d.title.get(lang).to_owned();
                        let progress = d.progress_text(t.get());
                        let saved = (at.last_saved)(&drafts::display_time(&there.updated_at, lang));
                        let open = open.clone();
                        Some(view! {
                            <li class="draft-item">
                                <h3 class="draft-title">{title.clone()}</h3>
                                <p class="meta">{d.municipality_name.clone()}" · "{progress}</p>
                                <p class="meta">{saved}</p>
                                <button type="button" class="secondary"
                                    aria-label=format!("{}: {}", at.continue_draft, title)
                                    on:click=move |_| open(there.clone())>
                                    {at.continue_draft}
                                </button>
                            </li>
                        })
                    }).collect_view()}
                </ul>
            }
            .into_any()
        })
    };
    // Drafts of this device that are not in the account.
    let local_only = move || -> Vec<Draft> {
        let known: Vec<String> = remote.with(|r| {
            r.as_ref()
                .map(|r| r.iter().map(|d| d.key.clone()).collect())
                .unwrap_or_default()
        });
        drafts::list()
            .into_iter()
            .filter(|d| !d.is_submitted() && !d.key.is_empty() && !known.contains(&d.key))
            .collect()
    };
    let take_in = move |_| {
        let list = local_only();
        spawn_local(async move {
            let mut n = 0;
            for mut d in list {
                if let Pushed::Saved(revision) = sync::push(&d).await {
                    d.revision = Some(revision);
                    d.unsynced = false;
                    let _ = drafts::save(&d);
                    n += 1;
                }
            }
            announce.set((at.get_untracked().taken_into_account)(n));
            reload.update(|r| *r += 1);
        });
    };
    let local_view = move || {
        remote.with(Option::is_some).then_some(())?;
        let list = local_only();
        (!list.is_empty()).then(|| {
            let at = at.get();
            let lang = lang.get();
            view! {
                <section aria-labelledby="local-drafts-heading">
                    <h2 id="local-drafts-heading">{at.local_drafts_heading}</h2>
                    <p>{at.local_drafts_intro}</p>
                    <ul>
                        {list.into_iter().map(|d| view! { <li>{d.title.get(lang).to_owned()}" · "{d.municipality_name.clone()}</li> }).collect_view()}
                    </ul>
                    <button type="button" class="secondary" on:click=take_in>{at.take_into_account}</button>
                </section>
            }
        })
    };
    let claim = move |r: StoredReceipt| {
        let request = ClaimApplication {
            reference: r.receipt.reference.clone(),
            token: r.access_token.clone(),
        };
        spawn_local(async move {
            if api::claim_application(&request).await.is_ok() {
                announce.set((at.get_untracked().taken_into_account)(1));
                reload.update(|n| *n += 1);
            }
        });
    };
    let applications_view = move || {
        let at = at.get();
        let lang = lang.get();
        let list = applications.get()?;
        let known: Vec<String> = list.iter().map(|r| r.reference.clone()).collect();
        let local: Vec<StoredReceipt> = receipts::list()
            .into_iter()
            .filter(|r| !known.contains(&r.receipt.reference))
            .collect();
        Some(view! {
            {if list.is_empty() {
                view! { <p>{at.applications_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="draft-list">
                        {list.into_iter().map(|r| view! {
                            <li class="draft-item">
                                <h3 class="draft-title">{r.form_title.clone()}</h3>
                                <p class="meta">{r.reference.clone()}" · "{drafts::display_time(&r.received_at, lang)}</p>
                                <p>{at.status_label}": "<strong>{r.status.label(lang)}</strong></p>
                                <p class="meta">{r.authority.name.clone()}</p>
                                {(r.history.len() > 1).then(|| view! {
                                    <details>
                                        <summary>{ReceiptTexts::for_lang(lang).history}</summary>
                                        <ol>
                                            {r.history.iter().map(|c| view! {
                                                <li>
                                                    <span class="meta">{drafts::display_time(&c.at, lang)}</span>
                                                    " – "{c.status.label(lang)}
                                                    {c.note.clone().map(|n| view! { <br/><span class="meta">{n}</span> })}
                                                </li>
                                            }).collect_view()}
                                        </ol>
                                    </details>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!local.is_empty()).then(|| view! {
                <p>{at.local_applications_intro}</p>
                <ul class="button-list">
                    {local.into_iter().map(|r| {
                        let text = (at.take_application)(&r.receipt.reference);
                        view! { <li><button type="button" class="secondary" on:click=move |_| claim(r.clone())>{text}</button></li> }
                    }).collect_view()}
                </ul>
            })}
        })
    };
    view! {
        {who}
        <ul class="link-list">
            <li>
                <a href=move || account_path(lang.get(), AccountPage::Postfach)>{move || at.get().postfach_heading}</a>
                {move || unread.get().map(|n| view! { " ("{(at.get().unread)(n)}")" })}
            </li>
            <li><a href=move || account_path(lang.get(), AccountPage::Profile)>{move || at.get().profile_heading}</a></li>
            <li><a href=move || account_path(lang.get(), AccountPage::Organisations)>{move || at.get().organisations_heading}</a></li>
        </ul>
        <p class="visually-hidden" role="status">{move || announce.get()}</p>
        <section aria-labelledby="account-drafts-heading">
            <h2 id="account-drafts-heading">{move || at.get().account_drafts_heading}</h2>
            {remote_view}
        </section>
        {local_view}
        <section aria-labelledby="applications-heading">
            <h2 id="applications-heading">{move || at.get().applications_heading}</h2>
            {applications_view}
        </section>
        <div class="button-row">
            <button type="button" class="secondary" on:click=sign_out>{move || at.get().sign_out}</button>
        </div>
    }
}
