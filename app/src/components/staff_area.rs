//! The frame of every clerk-mode page but the sign-in: who is signed in (their authorities)
//! and signing out; the page itself only for staff, anyone else is asked to sign in.

use crate::api;
use crate::i18n::{use_admin_texts, use_lang, use_shell_texts, use_staff_texts};
use crate::paths::{RETURN_PARAM, StaffPage, query_string, staff_path};
use contract::cases::{StaffMember, StaffRole};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// The staff member signed in, for the pages inside [`StaffArea`].
#[derive(Debug, Clone, Copy)]
pub struct StaffContext {
    /// `None` while asking the server; then the member, if any.
    pub member: RwSignal<Option<Option<StaffMember>>>,
}

/// The signed-in staff member (inside [`StaffArea`]).
pub fn use_staff() -> StaffContext {
    expect_context::<StaffContext>()
}

/// The frame of every clerk-mode page but the sign-in: who is signed in and signing out; the
/// page itself only for staff.
#[component]
pub fn StaffArea(
    /// Where to return after signing in.
    #[prop(into)]
    here: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let sh = use_shell_texts();
    let st = use_staff_texts();
    let at = use_admin_texts();
    let lang = use_lang();
    let navigate = use_navigate();
    let member = RwSignal::new(None::<Option<StaffMember>>);
    provide_context(StaffContext { member });
    spawn_local(async move {
        let found = api::staff_session().await.ok().and_then(|s| s.staff);
        member.try_set(Some(found));
    });
    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = api::staff_sign_out().await;
            member.set(Some(None));
            navigate(
                &staff_path(lang.get_untracked(), StaffPage::SignIn),
                NavigateOptions::default(),
            );
        });
    };
    let sign_in_link = move || {
        let back = here.get();
        format!(
            "{}{}",
            staff_path(lang.get(), StaffPage::SignIn),
            query_string([(RETURN_PARAM, Some(back.as_str()))])
        )
    };
    let children = StoredValue::new(children);
    view! {
        {move || match member.get() {
            None => view! { <p role="status">{sh.get().staff_area}"…"</p> }.into_any(),
            Some(None) => view! {
                <h1>{sh.get().staff_area}</h1>
                <p>{st.get().not_staff}</p>
                <p><a class="button button-primary" href=sign_in_link>{st.get().sign_in_heading}</a></p>
            }.into_any(),
            Some(Some(m)) => view! {
                <div class="staff-bar">
                    <p class="staff-bar-who">
                        <strong>{sh.get().staff_area}</strong>" · "{(st.get().signed_in_as)(&m.name)}
                        " ("{m.authorities.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join(", ")}")"
                    </p>
                    <nav class="staff-bar-links" aria-label=move || sh.get().staff_area>
                        <a href=move || staff_path(lang.get(), StaffPage::Inbox)>{move || st.get().inbox_heading}</a>
                        <a href=move || staff_path(lang.get(), StaffPage::Counter)>{move || st.get().counter_heading}</a>
                        {m.authorities.iter().any(|a| matches!(a.role, StaffRole::AuthorityAdmin | StaffRole::PortalAdmin)).then(|| view! {
                            <a href=move || staff_path(lang.get(), StaffPage::Team)>{move || at.get().team_heading}</a>
                            <a href=move || staff_path(lang.get(), StaffPage::Services)>{move || at.get().services_heading}</a>
                            <a href=move || staff_path(lang.get(), StaffPage::Forms)>{move || at.get().forms_heading}</a>
                            <a href=move || staff_path(lang.get(), StaffPage::Payments)>{move || at.get().payments_heading}</a>
                            <a href=move || staff_path(lang.get(), StaffPage::Settings)>{move || st.get().nav_settings}</a>
                        })}
                        <button type="button" class="link-button" on:click=sign_out.clone()>{move || st.get().sign_out}</button>
                    </nav>
                </div>
                {children.with_value(|c| c())}
            }.into_any(),
        }}
    }
}

/// The authorities the signed-in member administers (id, name), not the portal itself.
pub fn administered() -> Vec<(String, String)> {
    use_staff()
        .member
        .get_untracked()
        .flatten()
        .map(|m| {
            m.authorities
                .into_iter()
                .filter(|a| a.role == StaffRole::AuthorityAdmin && a.id != "*")
                .map(|a| (a.id, a.name))
                .collect()
        })
        .unwrap_or_default()
}

/// A choice of the authority an administration page works on, where the member administers
/// more than one.
#[component]
pub fn AuthorityChoice(
    /// The authorities (id, name).
    choices: Vec<(String, String)>,
    /// The chosen id.
    chosen: RwSignal<String>,
    /// The select's id.
    id: &'static str,
) -> impl IntoView {
    let st = use_staff_texts();
    (choices.len() > 1).then(|| {
        view! {
            <div class="field">
                <label for=id>{move || st.get().authority_label}</label>
                <select id=id class="input" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {choices.into_iter().map(|(value, name)| {
                        let selected = chosen.get_untracked() == value;
                        view! { <option value=value selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    })
}
