//! `/<lang>/amt/team`: an authority's administrators see who works there, change roles, remove
//! people and add new ones, who set up their own password and authenticator app from an
//! e-mailed invitation (or sign in with the organisation's account). Their own row
//! has no actions: nobody changes or removes their own role.

use crate::api;
use crate::components::account_ui::{Input, refusal, server_error, summary_links};
use crate::components::error_summary::{ErrorSummary, SUMMARY_ID};
use crate::components::focus::focus_later;
use crate::components::staff_area::{AuthorityChoice, StaffArea, administered, use_staff};
use crate::drafts::display_millis;
use crate::i18n::{use_admin_texts, use_lang, use_staff_texts, use_texts};
use crate::paths::{StaffPage, staff_path};
use contract::account::email_errors;
use contract::authority::{TeamMember, TeamMemberAdd, TeamRoleChange};
use contract::cases::StaffRole;
use contract::form::{ErrorCode, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

/// `/:lang/amt/team`
#[component]
pub fn TeamPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <StaffArea here=Signal::derive(move || staff_path(lang.get(), StaffPage::Team))>
            <TeamView/>
        </StaffArea>
    }
}

const ROLES: [StaffRole; 2] = [StaffRole::Clerk, StaffRole::AuthorityAdmin];

fn role_code(r: StaffRole) -> &'static str {
    match r {
        StaffRole::Clerk => "clerk",
        StaffRole::AuthorityAdmin => "authority_admin",
        StaffRole::PortalAdmin => "portal_admin",
    }
}

#[component]
fn TeamView() -> impl IntoView {
    let st = use_staff_texts();
    let at = use_admin_texts();
    let t = use_texts();
    let lang = use_lang();
    let choices = administered();
    let me = use_staff()
        .member
        .get_untracked()
        .flatten()
        .map(|m| m.id)
        .unwrap_or_default();
    let chosen = RwSignal::new(
        choices
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let members = RwSignal::new(None::<Vec<TeamMember>>);
    let announced = RwSignal::new(String::new());
    let row_error = RwSignal::new(None::<String>);
    let reload = move || {
        let id = chosen.get_untracked();
        if id.is_empty() {
            return;
        }
        spawn_local(async move {
            match api::team(&id).await {
                Ok(list) => {
                    members.try_set(Some(list));
                }
                Err(e) => {
                    row_error.try_set(server_error(&e, t.get_untracked()).message);
                }
            }
        });
    };
    Effect::new(move || {
        chosen.track();
        reload();
    });

    // Adding.
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let admin_role = RwSignal::new(false);
    let invite = RwSignal::new(true);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let summary = summary_links(errors, move |path| {
        let at = at.get_untracked();
        match path {
            "name" => at.name_label.to_owned(),
            "email" => at.email_label.to_owned(),
            "role" => at.role_label.to_owned(),
            _ => String::new(),
        }
    });
    let on_add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        announced.set(String::new());
        let mut found = Vec::new();
        if name.get_untracked().trim().is_empty() {
            found.push(FieldError::new("name", ErrorCode::Required));
        }
        found.extend(email_errors(&email.get_untracked(), "email"));
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        let add = TeamMemberAdd {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            role: if admin_role.get_untracked() {
                StaffRole::AuthorityAdmin
            } else {
                StaffRole::Clerk
            },
            invite: invite.get_untracked(),
        };
        busy.set(true);
        let id = chosen.get_untracked();
        spawn_local(async move {
            let result = api::add_team_member(&id, &add, lang.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(m) => {
                    errors.set(Vec::new());
                    name.set(String::new());
                    email.set(String::new());
                    let at = at.get_untracked();
                    announced.set(if m.invited_until.is_some() {
                        format!("{} {}", (at.added)(&m.name), (at.invited)(&m.name))
                    } else {
                        (at.added)(&m.name)
                    });
                    reload();
                }
                Err(e) => {
                    errors.set(refusal(&e, t.get_untracked()));
                    focus_later(SUMMARY_ID);
                }
            }
        });
    };

    let save_role = move |m: TeamMember, role: StaffRole| {
        row_error.set(None);
        announced.set(String::new());
        let id = chosen.get_untracked();
        spawn_local(async move {
            match api::change_team_role(&id, &m.id, &TeamRoleChange { role }).await {
                Ok(changed) => {
                    announced.set((at.get_untracked().role_saved)(&changed.name));
                    reload();
                }
                Err(e) => row_error.set(server_error(&e, t.get_untracked()).message),
            }
        });
    };
    let send_invitation = move |m: TeamMember| {
        row_error.set(None);
        announced.set(String::new());
        let id = chosen.get_untracked();
        spawn_local(async move {
            match api::invite_team_member(&id, &m.id, lang.get_untracked()).await {
                Ok(sent) => {
                    announced.set((at.get_untracked().invited)(&sent.name));
                    reload();
                }
                Err(e) => row_error.set(server_error(&e, t.get_untracked()).message),
            }
        });
    };
    let remove = move |m: TeamMember| {
        row_error.set(None);
        announced.set(String::new());
        let id = chosen.get_untracked();
        spawn_local(async move {
            match api::remove_team_member(&id, &m.id).await {
                Ok(()) => {
                    announced.set((at.get_untracked().removed)(&m.name));
                    reload();
                    focus_later("team-heading");
                }
                Err(e) => row_error.set(server_error(&e, t.get_untracked()).message),
            }
        });
    };

    let rows = move || {
        let at = at.get();
        members.get().map(|list| {
            list.into_iter()
                .map(|m| {
                    let own = m.id == me;
                    let sign_in = if m.disabled {
                        at.disabled.to_owned()
                    } else {
                        let mut ways = Vec::new();
                        if m.organisation_sign_in {
                            ways.push(at.via_organisation);
                        }
                        if m.password_sign_in {
                            ways.push(at.via_password);
                        }
                        match (ways.is_empty(), m.invited_until) {
                            (_, Some(until)) if !m.password_sign_in => {
                                let mut text = (at.invited_until)(&display_millis(until, lang.get()));
                                if !ways.is_empty() {
                                    text = format!("{}; {text}", ways.join(", "));
                                }
                                text
                            }
                            (true, _) => at.not_set_up.to_owned(),
                            (false, _) => ways.join(", "),
                        }
                    };
                    let can_invite = !own && !m.password_sign_in && !m.disabled;
                    let invite_label = (at.invite)(&m.name);
                    let for_invite = m.clone();
                    let picked = RwSignal::new(m.role);
                    let select_id = format!("role-{}", m.id);
                    let label = (at.save_role)(&m.name);
                    let remove_label = (at.remove)(&m.name);
                    let for_save = m.clone();
                    let for_remove = m.clone();
                    view! {
                        <tr>
                            <th scope="row">{m.name.clone()}{own.then(|| format!(" {}", at.you))}</th>
                            <td>{m.email.clone()}</td>
                            <td>
                                {if own {
                                    view! { <span>{(at.role_name)(m.role)}</span> }.into_any()
                                } else {
                                    view! {
                                        <label class="visually-hidden" for=select_id.clone()>{format!("{}: {}", at.role_label, m.name)}</label>
                                        <select id=select_id class="input" on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            picked.set(if v == "authority_admin" { StaffRole::AuthorityAdmin } else { StaffRole::Clerk });
                                        }>
                                            {ROLES.iter().map(|r| view! {
                                                <option value=role_code(*r) selected=*r == m.role>{(at.role_name)(*r)}</option>
                                            }).collect_view()}
                                        </select>
                                    }.into_any()
                                }}
                            </td>
                            <td>{sign_in}</td>
                            <td>
                                {(!own).then(|| view! {
                                    <div class="button-row">
                                        <button type="button" class="secondary" on:click=move |_| save_role(for_save.clone(), picked.get_untracked())>{label}</button>
                                        {can_invite.then(|| view! {
                                            <button type="button" class="secondary" on:click=move |_| send_invitation(for_invite.clone())>{invite_label}</button>
                                        })}
                                        <button type="button" class="secondary" on:click=move |_| remove(for_remove.clone())>{remove_label}</button>
                                    </div>
                                })}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <Title text=move || t.get().title(at.get().team_heading)/>
        <ErrorSummary errors=summary/>
        <h1 id="team-heading" tabindex="-1">{move || at.get().team_heading}</h1>
        <p class="lead">{move || at.get().team_intro}</p>
        {if choices.is_empty() {
            view! { <p>{move || st.get().not_admin}</p> }.into_any()
        } else {
            view! {
                <AuthorityChoice choices=choices.clone() chosen id="team-authority"/>
                <p role="status" class="status-line">{move || announced.get()}</p>
                {move || row_error.get().map(|m| view! { <p class="warning" role="alert">{m}</p> })}
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="team-heading">
                    <table class="case-table">
                        <caption class="visually-hidden">{move || at.get().team_heading}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || at.get().name_label}</th>
                                <th scope="col">{move || at.get().email_label}</th>
                                <th scope="col">{move || at.get().role_label}</th>
                                <th scope="col">{move || at.get().sign_in_label}</th>
                                <th scope="col">{move || at.get().actions_label}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <h2 id="add-heading">{move || at.get().add_heading}</h2>
                <p class="hint">{move || at.get().add_hint}</p>
                <form class="form-step narrow" novalidate aria-labelledby="add-heading" on:submit=on_add>
                    <Input name="name" label=Signal::derive(move || at.get().name_label)
                        autocomplete="off" value=name errors/>
                    <Input name="email" label=Signal::derive(move || at.get().email_label) kind="email"
                        autocomplete="off" value=email errors/>
                    <fieldset class="field">
                        <legend>{move || at.get().role_label}</legend>
                        <div class="radio">
                            <input type="radio" id="add-role-clerk" name="add-role" prop:checked=move || !admin_role.get()
                                on:change=move |_| admin_role.set(false)/>
                            <label for="add-role-clerk">{move || (at.get().role_name)(StaffRole::Clerk)}</label>
                        </div>
                        <div class="radio">
                            <input type="radio" id="add-role-admin" name="add-role" prop:checked=move || admin_role.get()
                                on:change=move |_| admin_role.set(true)/>
                            <label for="add-role-admin">{move || (at.get().role_name)(StaffRole::AuthorityAdmin)}</label>
                        </div>
                    </fieldset>
                    <div class="field">
                        <div class="checkbox">
                            <input type="checkbox" id="add-invite" aria-describedby="add-invite-hint"
                                prop:checked=move || invite.get() on:change=move |ev| invite.set(event_target_checked(&ev))/>
                            <label for="add-invite">{move || at.get().invite_label}</label>
                        </div>
                        <p class="hint" id="add-invite-hint">{move || at.get().invite_hint}</p>
                    </div>
                    <div class="button-row">
                        <button type="submit" class="button-primary" aria-disabled=move || busy.get().then_some("true")>{move || at.get().add_button}</button>
                    </div>
                </form>
            }.into_any()
        }}
    }
}
