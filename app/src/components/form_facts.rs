//! What an online form asks the citizen to have at hand and what it costs, as the form's start
//! page and the service page both show it (`contract::form::facts`, from the effective form of
//! the municipality: the service page has them from the server, the start page from the form).

use crate::i18n::{lang_attr, use_lang, use_texts};
use contract::form::facts::FormFacts;
use leptos::prelude::*;

/// "What you need" (the documents and facts the form asks for) and "Fees" (the form's fee
/// table summarised), each as a section with a second-level heading; nothing where the form
/// has none.
#[component]
pub fn FormFacts(facts: FormFacts) -> impl IntoView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let text_lang = lang_attr(facts.lang, lang);
    let FormFacts {
        needs,
        fees,
        fee_note,
        ..
    } = facts;
    view! {
        {(!needs.is_empty()).then(|| view! {
            <section aria-labelledby="needs-heading">
                <h2 id="needs-heading">{t.documents_heading}</h2>
                <ul class="bullets">
                    {needs.into_iter().map(|n| view! {
                        <li>
                            <span lang=text_lang>{n.label}</span>
                            {n.conditional.then(|| view! { " "<span class="meta">{t.if_applicable}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!fees.is_empty()).then(|| view! {
            <section aria-labelledby="fees-heading">
                <h2 id="fees-heading">{t.fees_heading}</h2>
                <ul class="bullets" lang=text_lang>
                    {fees.into_iter().map(|f| view! {
                        <li>
                            {f.text}
                            {(!f.cases.is_empty()).then(|| view! {
                                <ul>{f.cases.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
                {fee_note.map(|n| view! { <p class="hint" lang=text_lang>{n}</p> })}
            </section>
        })}
    }
}
