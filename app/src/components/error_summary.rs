//! The error summary (the GOV.UK pattern): at the top of the page, focused when it appears, a
//! heading and one link per error. A link to a field of the same page moves focus to it; a
//! link to another page (from the check page to a step) opens that page at the field.

use crate::components::focus::focus_field;
use crate::i18n::use_texts;
use leptos::prelude::*;

/// The id of the summary, to move focus to it.
pub const SUMMARY_ID: &str = "error-summary";

/// One error: what it says and where its link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorLink {
    /// "Vorname: Bitte machen Sie hier eine Angabe."
    pub text: String,
    /// Where the link leads.
    pub target: ErrorTarget,
}

/// Where an error's link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorTarget {
    /// The element with this id on the same page.
    Here(String),
    /// Another page.
    Page(String),
    /// Nowhere (an error without a field to show it at).
    Nowhere,
}

/// The summary; nothing while `errors` is empty.
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<ErrorLink>>) -> impl IntoView {
    let t = use_texts();
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" id=SUMMARY_ID tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                    <h2 class="error-summary-title" id="error-summary-title">{t.get().error_summary_heading}</h2>
                    <ul class="error-summary-list">
                        {list.into_iter().map(|e| match e.target {
                            ErrorTarget::Here(id) => {
                                let href = format!("#{id}");
                                view! {
                                    <li><a href=href on:click=move |ev| {
                                        if focus_field(&id) {
                                            ev.prevent_default();
                                        }
                                    }>{e.text}</a></li>
                                }
                                .into_any()
                            }
                            ErrorTarget::Page(href) => view! { <li><a href=href>{e.text}</a></li> }.into_any(),
                            ErrorTarget::Nowhere => view! { <li>{e.text}</li> }.into_any(),
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
