//! What an online form asks the citizen to have at hand and what it costs, as the form's start
//! page and the service page both show it (from the effective form of the municipality).

use crate::application::{fee_overview, needs};
use crate::i18n::{lang_attr, use_lang, use_texts};
use contract::form::FormDefinition;
use leptos::prelude::*;

/// "What you need" (the documents and facts the form asks for) and "Fees" (the form's fee
/// table summarised), each as a section with a second-level heading; nothing where the form
/// has none.
#[component]
pub fn FormFacts(#[prop(into)] def: FormDefinition) -> impl IntoView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let (_, title_lang) = def.title.get_with_lang(lang);
    let text_lang = lang_attr(title_lang, lang);
    let needs = needs(&def, lang);
    let fees = fee_overview(&def, lang);
    let fee_note = def
        .fees
        .as_ref()
        .and_then(|f| f.note.as_ref())
        .map(|n| n.get(lang).to_owned());
    view! {
        {(!needs.is_empty()).then(|| view! {
            <section aria-labelledby="needs-heading">
                <h2 id="needs-heading">{t.documents_heading}</h2>
                <ul class="bullets">
                    {needs.into_iter().map(|(label, conditional)| view! {
                        <li>
                            <span lang=text_lang>{label}</span>
                            {conditional.then(|| view! { " "<span class="meta">{t.if_applicable}</span> })}
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
