//! The start page of an application (`/:lang/antrag/:form?gemeinde=…`): what the form is for,
//! what to have at hand, the fees, the municipality (chosen here if not yet), and "start" — or,
//! where this device already holds a draft of it, "continue" or "start a new one". With
//! `?entwurf=<id>` it resumes that draft at the step where the citizen left it.

use crate::application::position;
use crate::application::set_at;
use crate::components::account_ui::{Applicant, StepUp};
use crate::components::form_facts::FormFacts;
use crate::components::form_page::{draft_missing, not_ready};
use crate::components::municipality_picker::MunicipalityPicker;
use crate::drafts::{self, CHECK_STEP, Draft, Progress};
use crate::form_session::{Loaded, not_offered, use_form_session};
use crate::i18n::{lang_attr, use_lang, use_texts};
use crate::municipality::use_municipality;
use crate::paths::FormLink;
use contract::Lang;
use contract::api::FormResponse;
use contract::form::Answers;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// `/:lang/antrag/:form`
#[component]
pub fn StartPage() -> impl IntoView {
    let s = use_form_session();
    let navigate = use_navigate();
    // Resuming a draft: straight to its step.
    Effect::new(move || {
        if s.draft_id.get().is_none() {
            return;
        }
        let target = s.draft.with(|d| {
            d.as_ref().map(|d| {
                s.with_link(|l| {
                    if d.step == CHECK_STEP {
                        l.check()
                    } else {
                        l.step(&d.step)
                    }
                })
            })
        });
        if let Some(href) = target {
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
    let lang = use_lang();
    move || {
        lang.track();
        match (s.draft_id.get().is_some(), s.has_draft.get()) {
            (true, true) => return ().into_any(),
            (true, false) => return draft_missing(),
            _ => {}
        }
        if let Some(page) = not_ready(&s) {
            // Another municipality may offer it: the picker stays at hand.
            let not_offered = s
                .loaded
                .with(|l| matches!(l, Loaded::Failed(e) if not_offered(e).is_some()));
            return view! { {page}{not_offered.then(|| view! { <MunicipalityPicker/> })} }
                .into_any();
        }
        let Loaded::Ready(form) = s.loaded.get() else {
            return ().into_any();
        };
        view! { <Start form=*form/> }.into_any()
    }
}

#[component]
fn Start(form: FormResponse) -> impl IntoView {
    let assurance = form.form.assurance;
    let s = use_form_session();
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let m = use_municipality();
    let def = &form.form;
    let (title, title_lang) = def.title.get_with_lang(lang);
    let intro = def.intro.as_ref().map(|i| {
        let (text, l) = i.get_with_lang(lang);
        view! { <p class="lead" lang=lang_attr(l, lang)>{text.to_owned()}</p> }
    });
    let text_lang = lang_attr(title_lang, lang);
    let facts = contract::form::facts::facts(def, lang);
    let steps = def.visible_steps(&Answers::new()).len();
    // Drafts of this form for this municipality already on this device.
    let municipality = form.municipality.clone();
    let existing: Vec<Draft> = municipality
        .as_ref()
        .map(|mu| {
            drafts::list()
                .into_iter()
                .filter(|d| d.form == def.id && d.municipality == mu.id && !d.is_submitted())
                .collect()
        })
        .unwrap_or_default();
    let authority = form.authority.clone().map(|a| a.contact.office);
    let form_store = StoredValue::new(form.clone());
    let navigate = use_navigate();
    let applying_for = RwSignal::new(None);
    let profile = RwSignal::new(None);
    let start = move |_| {
        let Some(mut draft) = form_store.with_value(|f| new_draft(f, lang)) else {
            return;
        };
        draft.organisation = applying_for.get_untracked();
        // Signed in: what the profile knows is filled in.
        if let Some(p) = profile.get_untracked() {
            draft.prefilled = form_store.with_value(|f| contract::account::prefill(&f.form, &p));
            for p in &draft.prefilled {
                set_at(&mut draft.answers, &p.path, p.value.clone());
            }
        }
        let href = s.with_link(|l| {
            FormLink {
                draft: Some(&draft.id),
                municipality: Some(&draft.municipality),
                ..l
            }
            .step(&draft.step)
        });
        s.open(draft);
        navigate(&href, NavigateOptions::default());
    };
    let has_existing = !existing.is_empty();
    let existing = StoredValue::new(existing);
    let municipality_known = municipality.is_some();
    // Reactive: the form may arrive before the municipality named in the URL is looked up.
    let start_action = move || {
        if !municipality_known || m.is_pending() {
            return view! { <p class="note">{t.form_choose_municipality}</p> }.into_any();
        }
        let start = start.clone();
        if has_existing {
            view! {
                <div class="existing-drafts">
                    <h3>{t.draft_exists_heading}</h3>
                    <ul class="draft-list">
                        {existing.get_value().into_iter().map(|d| view! { <ExistingDraft d/> }).collect_view()}
                    </ul>
                    <button type="button" class="secondary" on:click=start>{t.start_new}</button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="button-primary button-start" on:click=start>
                    {t.start_application}
                </button>
            }
            .into_any()
        }
    };
    view! {
        <Title text=t.title(title)/>
        <h1 lang=text_lang>{title.to_owned()}</h1>
        {intro}
        <FormFacts facts/>
        <StepUp needed=assurance/>
        <section aria-labelledby="start-heading">
            <h2 id="start-heading">{t.form_start_heading}</h2>
            <p>{(t.form_steps)(steps)}" "{t.saved_on_device}</p>
            {authority.map(|a| view! { <p>{t.responsible_label}" "<strong>{a}</strong></p> })}
            <MunicipalityPicker/>
            <Applicant applying_for profile/>
            {start_action}
        </section>
    }
}

/// A draft of this form already on the device, with "continue".
#[component]
fn ExistingDraft(d: Draft) -> impl IntoView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let href = FormLink {
        lang,
        form: &d.form,
        draft: Some(&d.id),
        municipality: Some(&d.municipality),
    }
    .start();
    view! {
        <li class="draft-item">
            <p>
                {(t.last_changed)(&drafts::display_time(&d.updated, lang))}
                {(d.progress.of > 0).then(|| view! { " · "{d.progress_text(t)} })}
            </p>
            <a class="button button-primary" href=href>{t.continue_draft}</a>
        </li>
    }
}

/// A new, empty draft at the first shown step (saved by
/// [`crate::form_session::FormSession::open`]).
fn new_draft(form: &FormResponse, lang: Lang) -> Option<Draft> {
    let municipality = form.municipality.as_ref()?;
    let answers = Answers::new();
    let first = form.form.visible_steps(&answers).first().copied()?;
    let (step, of) = position(&form.form, &answers, &first.id).unwrap_or((1, 1));
    let now = drafts::now();
    Some(Draft {
        id: drafts::new_id(),
        form: form.form.id.clone(),
        version: form.version.clone(),
        municipality: municipality.id.clone(),
        municipality_name: municipality.display_name.clone(),
        lang,
        title: form.form.title.clone(),
        answers,
        step: first.id.clone(),
        progress: Progress {
            step,
            of,
            title: first.title.clone(),
        },
        created: now.clone(),
        updated: now,
        key: drafts::new_key(),
        submitted: None,
        refused: Vec::new(),
        revision: None,
        unsynced: false,
        organisation: None,
        prefilled: Vec::new(),
    })
}
