//! `/<lang>/konto/organisationen`: the citizen's organisations with their members and
//! applications; creating one, inviting members by e-mail and removing them (admins); and
//! `/<lang>/konto/einladung#token=…`, the page an invitation's link opens.

use crate::account::use_account;
use crate::api;
use crate::components::account_ui::{Input, server_error, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::drafts;
use crate::i18n::{use_account_texts, use_lang, use_texts};
use crate::paths::{AccountPage, account_path, sign_in_path, token_from_hash};
use contract::account::{
    Invitation, NewOrganisation, OrgRole, Organisation, email_errors, organisation_errors,
};
use contract::form::FieldError;
use contract::submission::Receipt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

/// `/:lang/konto/organisationen`
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let account = use_account();
    view! {
        <Title text=move || t.get().title(at.get().organisations_heading)/>
        <p><a class="back-link" href=move || account_path(lang.get(), AccountPage::Home)>{move || at.get().account_heading}</a></p>
        <h1>{move || at.get().organisations_heading}</h1>
        <p class="lead">{move || at.get().organisations_intro}</p>
        {move || match account.session.with(|s| s.as_ref().map(|s| s.account.is_some())) {
            None => view! { <p role="status">{at.get().working}</p> }.into_any(),
            Some(false) => view! {
                <p>{at.get().sign_in_needed}</p>
                <p><a class="button button-primary" href=sign_in_path(lang.get(), Some(&account_path(lang.get(), AccountPage::Organisations)))>{at.get().sign_in_heading}</a></p>
            }.into_any(),
            Some(true) => view! { <Organisations/> }.into_any(),
        }}
    }
}

#[component]
fn Organisations() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let list = RwSignal::new(None::<Vec<Organisation>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move || {
        reload.track();
        spawn_local(async move {
            if let Ok(mine) = api::organisations().await {
                let mut full = Vec::new();
                for o in mine {
                    full.push(api::organisation(&o.id).await.unwrap_or(o));
                }
                list.set(Some(full));
            }
        });
    });
    let name = RwSignal::new(String::new());
    let register_id = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let created = RwSignal::new(false);
    let summary = summary_links(errors, move |p| {
        let at = at.get_untracked();
        match p {
            "name" => at.organisation_name_label.to_owned(),
            "register_id" => at.register_id_label.to_owned(),
            _ => String::new(),
        }
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = NewOrganisation {
            name: name.get_untracked().trim().to_owned(),
            register_id: Some(register_id.get_untracked().trim().to_owned())
                .filter(|s| !s.is_empty()),
        };
        created.set(false);
        let found = organisation_errors(&new);
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        spawn_local(async move {
            match api::create_organisation(&new).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    name.set(String::new());
                    register_id.set(String::new());
                    created.set(true);
                    reload.update(|n| *n += 1);
                }
                Err(e) => {
                    errors.set(vec![server_error(&e, t.get_untracked())]);
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };
    view! {
        <ErrorSummary errors=summary/>
        {move || list.get().map(|orgs| if orgs.is_empty() {
            view! { <p>{at.get().organisations_none}</p> }.into_any()
        } else {
            orgs.into_iter().map(|o| view! { <OrganisationView o reload/> }).collect_view().into_any()
        })}
        <section aria-labelledby="create-organisation-heading">
            <h2 id="create-organisation-heading">{move || at.get().create_organisation}</h2>
            <form class="narrow" novalidate on:submit=create>
                <Input name="name" label=Signal::derive(move || at.get().organisation_name_label)
                    autocomplete="organization" value=name errors/>
                <Input name="register_id" label=Signal::derive(move || at.get().register_id_label)
                    hint=Signal::derive(move || at.get().register_id_hint) required=false
                    autocomplete="off" value=register_id errors/>
                <button type="submit" class="secondary">{move || at.get().create_organisation}</button>
                <p role="status">{move || created.get().then(|| at.get().organisation_created)}</p>
            </form>
        </section>
    }
}

#[component]
fn OrganisationView(o: Organisation, reload: RwSignal<u32>) -> impl IntoView {
    let at = use_account_texts().get_untracked();
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let id = StoredValue::new(o.id.clone());
    let admin = o.role == OrgRole::Admin;
    let heading_id = format!("org-{}", o.id);
    let labelled = heading_id.clone();
    let applications = RwSignal::new(Vec::<Receipt>::new());
    spawn_local(async move {
        if let Ok(list) = api::organisation_applications(&id.get_value()).await {
            applications.set(list);
        }
    });
    let problem = RwSignal::new(None::<String>);
    let members = o
        .members
        .iter()
        .map(|m| {
            let member = m.id.clone();
            let remove = admin.then(|| {
                let label = (at.remove_member)(&m.name);
                view! {
                    <button type="button" class="link-button" on:click=move |_| {
                        let member = member.clone();
                        spawn_local(async move {
                            match api::remove_member(&id.get_value(), &member).await {
                                Ok(()) => reload.update(|n| *n += 1),
                                Err(e) => problem.set(server_error(&e, t).message),
                            }
                        });
                    }>{label}</button>
                }
            });
            view! { <li>{m.name.clone()}" · "{(at.role_text)(m.role)}" "{remove}</li> }
        })
        .collect_view();
    let applications_view = move || {
        let list = applications.get();
        (!list.is_empty()).then(|| {
            view! {
                <h3>{at.organisation_applications_heading}</h3>
                <ul>
                    {list.into_iter().map(|r| view! {
                        <li>{r.form_title.clone()}" · "{r.reference.clone()}" · "{drafts::display_time(&r.received_at, lang)}" · "{r.status.label(lang)}</li>
                    }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <section class="thread" aria-labelledby=labelled>
            <h2 id=heading_id>{o.name.clone()}</h2>
            {o.register_id.clone().map(|r| view! { <p class="meta">{r}</p> })}
            <p class="meta">{(at.role_text)(o.role)}</p>
            {move || problem.get().map(|m| view! { <p class="warning" role="alert">{m}</p> })}
            <h3>{at.members_heading}</h3>
            <ul>{members}</ul>
            {admin.then(|| view! { <Invite id=id.get_value()/> })}
            {applications_view}
        </section>
    }
}

#[component]
fn Invite(id: String) -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(OrgRole::Member);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let sent = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let field = format!("invite-{}", id.get_value());
    let role_id = format!("{field}-role");
    let role_for = role_id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let invitation = Invitation {
            email: email.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
            lang: lang.get_untracked(),
        };
        sent.set(None);
        let found = email_errors(&invitation.email, "email");
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        spawn_local(async move {
            match api::invite(&id.get_value(), &invitation).await {
                Ok(()) => {
                    errors.set(Vec::new());
                    email.set(String::new());
                    sent.set(Some((at.get_untracked().invited)(&invitation.email)));
                }
                Err(e) => errors.set(vec![server_error(&e, t.get_untracked())]),
            }
        });
    };
    view! {
        <h3>{move || at.get().invite_heading}</h3>
        {move || errors.with(|es| es.iter().filter(|e| e.path.is_empty()).filter_map(|e| e.message.clone())
            .map(|m| view! { <p class="warning" role="alert">{m}</p> }).collect_view())}
        <form class="narrow" novalidate on:submit=on_submit>
            <Input name="email" label=Signal::derive(move || at.get().email_label) kind="email"
                autocomplete="off" value=email errors scope=field.clone()/>
            <div class="field">
                <label for=role_for>{move || at.get().invite_role_label}</label>
                <select id=role_id on:change=move |ev| role.set(if event_target_value(&ev) == "admin" { OrgRole::Admin } else { OrgRole::Member })>
                    <option value="member" selected=true>{move || (at.get().role_text)(OrgRole::Member)}</option>
                    <option value="admin">{move || (at.get().role_text)(OrgRole::Admin)}</option>
                </select>
            </div>
            <button type="submit" class="secondary">{move || at.get().invite_button}</button>
            <p role="status">{move || sent.get()}</p>
        </form>
    }
}

/// `/:lang/konto/einladung#token=…`: accepts the invitation for the signed-in account (whose
/// address it was sent to).
#[component]
pub fn InvitationPage() -> impl IntoView {
    let at = use_account_texts();
    let t = use_texts();
    let lang = use_lang();
    let account = use_account();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let tried = StoredValue::new(false);
    Effect::new(move || {
        if account.who().is_none() || tried.get_value() {
            return;
        }
        tried.set_value(true);
        let token = token_from_hash(&window().location().hash().unwrap_or_default());
        spawn_local(async move {
            let result = match token {
                Some(token) => api::accept_invitation(&token)
                    .await
                    .map(|o| o.name)
                    .map_err(|e| {
                        if e.retryable() {
                            e.message(t.get_untracked()).to_owned()
                        } else {
                            at.get_untracked().link_invalid.to_owned()
                        }
                    }),
                None => Err(at.get_untracked().link_invalid.to_owned()),
            };
            outcome.set(Some(result));
        });
    });
    view! {
        <Title text=move || t.get().title(at.get().invitation_heading)/>
        <h1>{move || at.get().invitation_heading}</h1>
        {move || match (account.session.with(|s| s.as_ref().map(|s| s.account.is_some())), outcome.get()) {
            (Some(false), _) => {
                // Back here after signing in, with the token (the fragment stays in the browser).
                let back = format!("{}{}", account_path(lang.get(), AccountPage::Invitation),
                    window().location().hash().unwrap_or_default());
                view! {
                    <p>{at.get().sign_in_needed}</p>
                    <p><a class="button button-primary" href=sign_in_path(lang.get(), Some(&back))>{at.get().sign_in_heading}</a></p>
                }.into_any()
            }
            (_, None) => view! { <p role="status">{at.get().working}</p> }.into_any(),
            (_, Some(Ok(name))) => view! {
                <p class="lead" role="status">{at.get().invitation_accepted}" ("{name}")"</p>
                <p><a href=account_path(lang.get(), AccountPage::Organisations)>{at.get().organisations_heading}</a></p>
            }.into_any(),
            (_, Some(Err(m))) => view! { <p class="warning" role="alert">{m}</p> }.into_any(),
        }}
    }
}
