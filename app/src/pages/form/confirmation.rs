//! `/:lang/antrag/:form/bestaetigung?entwurf=…`, the address of the confirmation before
//! applications were submitted: kept so that older links and history entries still lead
//! somewhere — to the receipt of a submitted draft, otherwise to the check page.

use crate::components::form_page::draft_page;
use crate::form_session::use_form_session;
use crate::i18n::use_lang;
use crate::paths::receipt_path;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// `/:lang/antrag/:form/bestaetigung`
#[component]
pub fn ConfirmationPage() -> impl IntoView {
    draft_page(|_| view! { <Forward/> }.into_any())
}

#[component]
fn Forward() -> impl IntoView {
    let s = use_form_session();
    let lang = use_lang().get_untracked();
    let submitted = s.draft.with_untracked(|d| {
        d.as_ref()
            .and_then(|d| d.submitted.as_ref().map(|x| x.reference.clone()))
    });
    let href = match submitted {
        Some(reference) => receipt_path(lang, &reference),
        None => s.with_link(|l| l.check()),
    };
    let navigate = use_navigate();
    request_animation_frame(move || {
        navigate(
            &href,
            NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            },
        );
    });
}
