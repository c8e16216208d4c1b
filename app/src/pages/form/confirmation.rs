//! After "send" (`/:lang/antrag/:form/bestaetigung?entwurf=…`): what the server answered. In
//! this version the server checks the complete answers (with the form version and the fees it
//! computed) but does not yet receive the application, and the page says exactly that.

use super::check::fee_table;
use super::{Caption, draft_page, use_session};
use crate::i18n::{lang_attr, use_lang, use_texts};
use crate::routes::{drafts_path, home_path};
use contract::Lang;
use contract::api::FormResponse;
use contract::form::checks::{display_date, parse_date};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/:lang/antrag/:form/bestaetigung`
#[component]
pub fn ConfirmationPage() -> impl IntoView {
    draft_page(|form| view! { <Confirmation form=form/> }.into_any())
}

#[component]
fn Confirmation(form: FormResponse) -> impl IntoView {
    let s = use_session();
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let checked = s
        .draft
        .with_untracked(|d| d.as_ref().and_then(|d| d.checked.clone()));
    let check = s.with_link(|l| l.check());
    let Some(answer) = checked else {
        // Nothing checked (yet, or the answers changed since): the check page first.
        return view! {
            <Title text=t.title(t.not_checked_heading)/>
            <h1>{t.not_checked_heading}</h1>
            <p><a href=check>{t.go_to_check}</a></p>
        }
        .into_any();
    };
    let text_lang = lang_attr(
        if form.form.languages.contains(&lang) {
            lang
        } else {
            Lang::De
        },
        lang,
    );
    let date = parse_date(&answer.today)
        .map(|d| display_date(d, lang))
        .unwrap_or_else(|| answer.today.clone());
    let authority = form
        .authority
        .as_ref()
        .map(|a| a.contact.office.clone())
        .or_else(|| form.municipality.as_ref().map(|m| m.display_name.clone()))
        .unwrap_or_default();
    let fees = answer.fees.clone().map(|fees| {
        let answers = s
            .draft
            .with_untracked(|d| d.as_ref().map(|d| d.answers.clone()));
        view! {
            <section aria-labelledby="fees-heading">
                <h2 id="fees-heading">{t.fees_heading}</h2>
                {fee_table(t, &form.form, &fees, answers.as_ref(), lang, text_lang)}
            </section>
        }
    });
    view! {
        <Title text=t.title(t.checked_heading)/>
        <Caption form=form.clone()/>
        <div class="panel">
            <h1 class="panel-title">{t.checked_heading}</h1>
            <p class="panel-body">{(t.checked_version)(&answer.version, &date)}</p>
        </div>
        <p>{t.checked_body}</p>
        <p>{(t.checked_not_sent)(&authority)}</p>
        {fees}
        <h2>{t.next_heading}</h2>
        <ul class="link-list">
            <li><a href=check>{t.back_to_check}</a></li>
            <li><a href=drafts_path(lang)>{t.drafts_heading}</a></li>
            <li><a href=home_path(lang)>{t.not_found_home}</a></li>
        </ul>
    }
    .into_any()
}
