//! One step of an application (`/:lang/antrag/:form/:step?entwurf=…`): "Schritt 2 von 3", the
//! step's fields, and "continue", which checks the step in the browser with the form engine's
//! own validation (the code the server runs) before going on.

use crate::account::use_account;
use crate::application::{
    add_item, error_is_for, error_message, error_text, first_incomplete, input_anchor, next_step,
    path_label, position, prepare_groups, previous_step, remove_item, set_at, step_of,
};
use crate::components::account_ui::{PrefilledNotice, StepUp};
use crate::components::error_summary::{ErrorLink, ErrorSummary, ErrorTarget, SUMMARY_ID};
use crate::components::fields::{Edit, FieldView, FieldsCtx};
use crate::components::focus::{focus_field_later, focus_later};
use crate::components::form_page::{
    Caption, DraftConflict, NotSavedWarning, VersionNotice, draft_page,
};
use crate::drafts::{self, Progress};
use crate::form_session::use_form_session;
use crate::i18n::{lang_attr, use_account_form_texts, use_lang, use_texts};
use crate::paths::{FIELD_PARAM, FormLink, RETURN_PARAM};
use contract::api::FormResponse;
use contract::form::{Context, FieldError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

/// `/:lang/antrag/:form/:step`
#[component]
pub fn StepPage() -> impl IntoView {
    let params = use_params_map();
    let step_id = Memo::new(move |_| params.read().get("step").unwrap_or_default());
    draft_page(move |form| view! { <StepForm form=form step_id=step_id.get()/> }.into_any())
}

#[component]
fn StepForm(form: FormResponse, step_id: String) -> impl IntoView {
    let s = use_form_session();
    let account = use_account();
    let at = use_account_form_texts();
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let query = use_query_map();
    let navigate = use_navigate();
    let today = drafts::today();
    let ctx = Context::on(&today).expect("the browser's date is a date");
    let draft = s.draft;
    let answers =
        move || draft.with_untracked(|d| d.as_ref().map(|d| d.answers.clone()).unwrap_or_default());

    // A step that does not exist, or is not shown for these answers: the draft's own step.
    let def = form.form.clone();
    let Some(step) = def
        .steps
        .iter()
        .find(|st| st.id == step_id && def.step_visible(st, &answers()))
        .cloned()
    else {
        let target = def
            .visible_steps(&answers())
            .first()
            .map(|st| st.id.clone())
            .unwrap_or_default();
        let href = s.with_link(|l| l.step(&target));
        request_animation_frame(move || {
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        });
        return ().into_any();
    };

    // The draft remembers the step, so that resuming opens it; a required group starts with
    // one item.
    let (number, of) = position(&def, &answers(), &step.id).unwrap_or((1, 1));
    s.update(|d| {
        prepare_groups(&step, &mut d.answers);
        d.step = step.id.clone();
        d.progress = Progress {
            step: number,
            of,
            title: step.title.clone(),
        };
    });

    let errors = RwSignal::new(Vec::<FieldError>::new());
    let returning = query.with_untracked(|q| q.get(RETURN_PARAM).as_deref() == Some("pruefen"));
    let edit = Callback::new(move |e: Edit| {
        s.update(|d| {
            match e {
                Edit::Set(path, value) => {
                    // What the server refused here is answered anew.
                    d.refused.retain(|r| !error_is_for(&r.path, &path, true));
                    set_at(&mut d.answers, &path, value);
                }
                Edit::AddItem(group) => {
                    add_item(&mut d.answers, &group);
                }
                Edit::RemoveItem(group, i) => {
                    // Item numbers after `i` change: the server's errors in the group no
                    // longer point at the right item.
                    let prefix = format!("{group}.");
                    d.refused.retain(|r| !r.path.starts_with(&prefix));
                    remove_item(&mut d.answers, &group, i);
                }
            }
        })
    });
    provide_context(FieldsCtx {
        draft: s.draft,
        edit,
        errors,
        currency: StoredValue::new(def.currency().to_owned()),
        country: StoredValue::new(def.country.clone()),
    });

    let form_def = StoredValue::new(def);
    let step = StoredValue::new(step);
    // Opened from the check page at a field the server refused: show this step's errors and
    // go to that field.
    if let Some(field) = query.with_untracked(|q| q.get(FIELD_PARAM)) {
        let mut found =
            form_def.with_value(|f| step.with_value(|st| f.validate_step(st, &answers(), &ctx)));
        // And what only the server could find (a file that never arrived).
        let refused = s
            .draft
            .with_untracked(|d| d.as_ref().map(|d| d.refused.clone()).unwrap_or_default());
        for r in refused {
            let here = form_def.with_value(|f| {
                step.with_value(|st| step_of(f, &r.path).is_some_and(|x| x.id == st.id))
            });
            if here && !found.iter().any(|e| e.path == r.path) {
                found.push(r);
            }
        }
        let target = form_def.with_value(|f| input_anchor(f, &field));
        errors.set(found);
        focus_field_later(target);
    }

    let summary = Signal::derive(move || {
        errors.with(|es| {
            form_def.with_value(|f| {
                es.iter()
                    .map(|e| ErrorLink {
                        text: error_text(t, &path_label(f, &e.path, lang), &error_message(e, lang)),
                        target: ErrorTarget::Here(input_anchor(f, &e.path)),
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let (step_title, step_lang) = step.with_value(|st| {
        let (text, l) = st.title.get_with_lang(lang);
        (text.to_owned(), l)
    });
    let form_title = form.form.title.get(lang).to_owned();
    let title = {
        let step_title = step_title.clone();
        move || {
            let page = t.title(&format!("{step_title} – {form_title}"));
            if errors.with(Vec::is_empty) {
                page
            } else {
                format!("{}{page}", t.error_title_prefix)
            }
        }
    };

    let back = form_def.with_value(|f| {
        step.with_value(|st| {
            s.with_link(|l| {
                if returning {
                    (t.back_to_check, l.check())
                } else {
                    match previous_step(f, &answers(), &st.id) {
                        Some(prev) => (t.back, l.step(&prev.id)),
                        None => (t.back, FormLink { draft: None, ..l }.start()),
                    }
                }
            })
        })
    });
    let is_last =
        form_def.with_value(|f| step.with_value(|st| next_step(f, &answers(), &st.id).is_none()));
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = answers();
        let found = form_def.with_value(|f| step.with_value(|st| f.validate_step(st, &now, &ctx)));
        if !found.is_empty() {
            errors.set(found);
            focus_later(SUMMARY_ID);
            return;
        }
        errors.set(Vec::new());
        let href = form_def.with_value(|f| {
            step.with_value(|st| {
                s.with_link(|l| {
                    if returning {
                        // Back to the check page, unless a change showed a step still to answer.
                        match first_incomplete(f, &now, &ctx) {
                            Some(next) if next.id != st.id => l.step_from_check(&next.id, None),
                            _ => l.check(),
                        }
                    } else {
                        match next_step(f, &now, &st.id) {
                            Some(next) => l.step(&next.id),
                            None => l.check(),
                        }
                    }
                })
            })
        });
        navigate(&href, NavigateOptions::default());
    };

    let prefill_fields: Vec<(String, String)> = step.with_value(|st| {
        st.fields
            .iter()
            .map(|f| (f.id.clone(), f.label.get(lang).to_owned()))
            .collect()
    });
    let fields = step.with_value(|st| {
        st.fields
            .iter()
            .map(|f| view! { <FieldView field=f.clone() item=None/> })
            .collect_view()
    });
    let intro = step.with_value(|st| {
        st.intro.as_ref().map(|i| {
            let (text, l) = i.get_with_lang(lang);
            view! { <p class="lead" lang=lang_attr(l, lang)>{text.to_owned()}</p> }
        })
    });
    let progress = move || {
        let (n, of) = form_def.with_value(|f| {
            step.with_value(|st| {
                s.draft.with(|d| {
                    d.as_ref()
                        .and_then(|d| position(f, &d.answers, &st.id))
                        .unwrap_or((number, of))
                })
            })
        });
        (t.step_of)(n, of)
    };
    let (back_text, back_href) = back;
    view! {
        <Title text=title/>
        <p><a class="back-link" href=back_href>{back_text}</a></p>
        <ErrorSummary errors=summary/>
        <Caption form=form.clone()/>
        <h1 lang=lang_attr(step_lang, lang)>{step_title}</h1>
        <p class="progress">{progress}</p>
        <VersionNotice/>
        <NotSavedWarning/>
        <DraftConflict form=form.clone()/>
        <StepUp needed=form.form.assurance/>
        <PrefilledNotice fields=prefill_fields draft=s.draft/>
        {intro}
        <form class="form-step" novalidate on:submit=on_submit>
            {fields}
            <div class="button-row form-actions">
                <button type="submit" class="button-primary">
                    {if returning || is_last { t.continue_to_check } else { t.continue_button }}
                </button>
            </div>
        </form>
        <p class="hint saved-hint">
            {move || if account.who().is_some() { at.get().saved_in_account } else { t.saved_on_device }}
        </p>
    }
    .into_any()
}
