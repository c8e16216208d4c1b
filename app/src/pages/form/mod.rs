//! An online application (`/:lang/antrag/:form/…`): the shell ([`FormShell`]) opens the
//! application's state ([`crate::form_session`]) for the form and draft of the URL, and its
//! child routes are the start page, one page per shown step and the check page, which
//! submits the application (its receipt is a page of its own, `pages::receipt`).

pub mod check;
pub mod confirmation;
pub mod start;
pub mod step;

use crate::form_session;
use crate::paths::DRAFT_PARAM;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The parent of the application's pages: the form and the draft of the URL.
#[component]
pub fn FormShell() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let form_id = Memo::new(move |_| params.read().get("form").unwrap_or_default());
    let draft_id = Memo::new(move |_| query.read().get(DRAFT_PARAM).filter(|s| !s.is_empty()));
    form_session::provide(form_id, draft_id);
    view! { <Outlet/> }
}
