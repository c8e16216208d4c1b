//! `/<lang>/amt/formulare`: a municipality's administrators see the forms of their services
//! and how their own adaptations (overlays) stand; `/<lang>/amt/formulare/<form>` adapts one:
//! fields hidden or made required, labels, help, title and introduction in every language the
//! form has, its own fee table and extra questions ([`crate::components::overlay_extras`]), with the
//! template's changes since the last adaptation, a preview of what applicants get and publishing
//! as the next revision.

use crate::api::{self, ApiError};
use crate::components::account_ui::server_error;
use crate::components::staff_area::{AuthorityChoice, StaffArea, administered};
use crate::i18n::{use_admin_texts, use_lang, use_staff_texts, use_texts};
use crate::paths::{StaffPage, encode, query_string, staff_path};
use contract::Lang;
use contract::authority::{LocalForm, OverlayEditor, OverlayPublish};
use contract::form::{Field, FieldKind, FormDefinition, Localized, Overlay};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::overlay_extras::{ExtraQuestions, FeeTable};

/// The URL parameter naming the authority whose form is adapted.
const AUTHORITY_PARAM: &str = "behoerde";

/// `/:lang/amt/formulare`
#[component]
pub fn FormsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <StaffArea here=Signal::derive(move || staff_path(lang.get(), StaffPage::Forms))>
            <FormsView/>
        </StaffArea>
    }
}

fn editor_path(lang: Lang, authority: &str, form: &str) -> String {
    format!(
        "{}/{}{}",
        staff_path(lang, StaffPage::Forms),
        encode(form),
        query_string([(AUTHORITY_PARAM, Some(authority))])
    )
}

#[component]
fn FormsView() -> impl IntoView {
    let st = use_staff_texts();
    let at = use_admin_texts();
    let t = use_texts();
    let lang = use_lang();
    let choices = administered();
    let chosen = RwSignal::new(
        choices
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let forms = RwSignal::new(None::<Vec<LocalForm>>);
    let failed = RwSignal::new(None::<String>);
    Effect::new(move || {
        let id = chosen.get();
        let lang = lang.get();
        if id.is_empty() {
            return;
        }
        spawn_local(async move {
            match api::local_forms(&id, lang).await {
                Ok(list) => {
                    forms.try_set(Some(list));
                }
                Err(e) => {
                    failed.try_set(server_error(&e, t.get_untracked()).message);
                }
            }
        });
    });
    view! {
        <Title text=move || t.get().title(at.get().forms_heading)/>
        <h1>{move || at.get().forms_heading}</h1>
        <p class="lead">{move || at.get().forms_intro}</p>
        {if choices.is_empty() {
            view! { <p>{move || st.get().not_admin}</p> }.into_any()
        } else {
            view! {
                <AuthorityChoice choices=choices.clone() chosen id="forms-authority"/>
                {move || failed.get().map(|m| view! { <p class="warning" role="alert">{m}</p> })}
                {move || forms.get().map(|list| {
                    let at = at.get();
                    if list.is_empty() {
                        return view! { <p>{at.no_forms}</p> }.into_any();
                    }
                    view! {
                        <ul class="link-list">
                            {list.into_iter().map(|f| {
                                let state = if f.revision == 0 {
                                    at.no_overlay.to_owned()
                                } else {
                                    (at.overlay_state)(f.revision, f.based_on)
                                };
                                let newer = (f.revision > 0 && f.based_on < f.template_version)
                                    .then(|| (at.template_newer)(f.template_version));
                                view! {
                                    <li>
                                        <a href=editor_path(lang.get(), &chosen.get_untracked(), &f.id)>{f.title.clone()}</a>
                                        <br/><span class="hint">{state}</span>
                                        {newer.map(|n| view! { <br/><strong class="warning-text">{n}</strong> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            }.into_any()
        }}
    }
}

/// `/:lang/amt/formulare/:form`
#[component]
pub fn OverlayPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let here = Signal::derive(move || {
        editor_path(
            lang.get(),
            &query.read().get(AUTHORITY_PARAM).unwrap_or_default(),
            &params.read().get("form").unwrap_or_default(),
        )
    });
    view! {
        <StaffArea here=here>
            <OverlayView/>
        </StaffArea>
    }
}

/// The text an overlay sets for `target` in `lang` (empty: the template's applies).
fn text_of(o: &Overlay, target: &str, lang: Lang) -> String {
    o.texts
        .get(target)
        .and_then(|l| l.0.get(&lang).cloned())
        .unwrap_or_default()
}

/// Sets (or, empty, removes) the overlay's text for `target` in `lang`.
fn set_text(o: &mut Overlay, target: &str, lang: Lang, value: String) {
    let entry = o.texts.entry(target.to_owned()).or_default();
    if value.trim().is_empty() {
        entry.0.remove(&lang);
    } else {
        entry.0.insert(lang, value);
    }
    if entry.0.is_empty() {
        o.texts.remove(target);
    }
}

fn toggle(list: &mut Vec<String>, path: &str, on: bool) {
    list.retain(|p| p != path);
    if on {
        list.push(path.to_owned());
    }
}

/// A step of the template: its id, its German title and its fields with their paths.
type StepFields = (String, String, Vec<(String, Field)>);

/// Every field of the template with its path (group members as `group.member`).
fn field_paths(form: &FormDefinition) -> Vec<StepFields> {
    form.steps
        .iter()
        .map(|s| {
            let mut fields = Vec::new();
            for f in &s.fields {
                fields.push((f.id.clone(), f.clone()));
                if let FieldKind::Group {
                    fields: members, ..
                } = &f.kind
                {
                    for m in members {
                        fields.push((format!("{}.{}", f.id, m.id), m.clone()));
                    }
                }
            }
            (s.id.clone(), s.title.get(Lang::De).to_owned(), fields)
        })
        .collect()
}

#[component]
fn OverlayView() -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let form_id = params.read_untracked().get("form").unwrap_or_default();
    let authority = query
        .read_untracked()
        .get(AUTHORITY_PARAM)
        .or_else(|| administered().first().map(|(id, _)| id.clone()))
        .unwrap_or_default();
    let editor = RwSignal::new(None::<OverlayEditor>);
    let overlay = RwSignal::new(None::<Overlay>);
    let started_from = RwSignal::new(0u32);
    let preview = RwSignal::new(None::<OverlayEditor>);
    let problems = RwSignal::new(Vec::<String>::new());
    let announced = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let bad = RwSignal::new(Vec::<String>::new());
    // An amount that is not one stops the preview and publishing, with the input focused.
    let amounts_wrong = move || {
        let first = bad.with_untracked(|b| b.first().cloned());
        let wrong = first.is_some();
        if let Some(id) = first {
            failed.set(Some(at.get_untracked().amount_invalid.to_owned()));
            problems.set(Vec::new());
            crate::components::focus::focus_field_later(id);
        }
        wrong
    };
    {
        let (authority, form_id) = (authority.clone(), form_id.clone());
        spawn_local(async move {
            match api::overlay_editor(&authority, &form_id).await {
                Ok(e) => {
                    started_from.try_set(e.overlay.revision);
                    overlay.try_set(Some(e.overlay.clone()));
                    editor.try_set(Some(e));
                }
                Err(e) => {
                    failed.try_set(server_error(&e, t.get_untracked()).message);
                }
            }
        });
    }
    let refused = move |e: ApiError| {
        let list: Vec<String> = match &e {
            ApiError::Answered { body: Some(b), .. } => b
                .details
                .as_ref()
                .and_then(|d| d.get("problems"))
                .and_then(|p| serde_json::from_value(p.clone()).ok())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        problems.set(list);
        failed.set(server_error(&e, t.get_untracked()).message);
    };
    let on_preview = {
        let (authority, form_id) = (authority.clone(), form_id.clone());
        move |_| {
            let Some(o) = overlay.get_untracked() else {
                return;
            };
            failed.set(None);
            announced.set(String::new());
            if amounts_wrong() {
                return;
            }
            let (authority, form_id) = (authority.clone(), form_id.clone());
            spawn_local(async move {
                match api::preview_overlay(&authority, &form_id, &o).await {
                    Ok(p) => {
                        problems.set(p.problems.clone());
                        preview.set(Some(p));
                        crate::components::focus::focus_later("preview-heading");
                    }
                    Err(e) => refused(e),
                }
            });
        }
    };
    let on_publish = {
        let (authority, form_id) = (authority.clone(), form_id.clone());
        move |_| {
            if busy.get_untracked() {
                return;
            }
            let Some(o) = overlay.get_untracked() else {
                return;
            };
            failed.set(None);
            announced.set(String::new());
            if amounts_wrong() {
                return;
            }
            busy.set(true);
            let request = OverlayPublish {
                revision: started_from.get_untracked(),
                overlay: o,
            };
            let (authority, form_id) = (authority.clone(), form_id.clone());
            spawn_local(async move {
                let result = api::publish_overlay(&authority, &form_id, &request).await;
                busy.set(false);
                match result {
                    Ok(e) => {
                        problems.set(Vec::new());
                        started_from.set(e.overlay.revision);
                        announced.set((at.get_untracked().published)(e.overlay.revision));
                        overlay.set(Some(e.overlay.clone()));
                        preview.set(None);
                        editor.set(Some(e));
                    }
                    Err(e) => {
                        refused(e);
                        crate::components::focus::focus_later("overlay-failed");
                    }
                }
            });
        }
    };
    let back = {
        let authority = authority.clone();
        move || {
            format!(
                "{}{}",
                staff_path(lang.get(), StaffPage::Forms),
                query_string([(AUTHORITY_PARAM, Some(authority.as_str()))])
            )
        }
    };
    view! {
        <Title text=move || {
            let title = editor.with(|e| e.as_ref().map(|e| e.template.title.get(lang.get()).to_owned())).unwrap_or_default();
            t.get().title(&format!("{} – {}", at.get().forms_heading, title))
        }/>
        <p><a href=back>{move || at.get().back_to_forms}</a></p>
        <h1>{move || editor.with(|e| e.as_ref().map(|e| e.template.title.get(lang.get()).to_owned())).unwrap_or_else(|| at.get().forms_heading.to_owned())}</h1>
        <p role="status" class="status-line">{move || announced.get()}</p>
        {move || failed.get().map(|m| view! {
            <div class="warning" role="alert" id="overlay-failed" tabindex="-1">
                <p>{m}</p>
                {(!problems.get().is_empty()).then(|| view! {
                    <ul>{problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                })}
            </div>
        })}
        {move || editor.get().map(|e| {
            let at = at.get();
            let template = e.template.clone();
            let languages = template.languages.clone();
            view! {
                {(!e.changes.is_empty()).then(|| view! {
                    <section class="notice" aria-labelledby="changes-heading">
                        <h2 id="changes-heading">{at.changes_heading}</h2>
                        <ul>{e.changes.iter().map(|c| view! { <li>{c.detail.clone()}</li> }).collect_view()}</ul>
                    </section>
                })}
                {(!e.issues.is_empty()).then(|| view! {
                    <section class="notice" aria-labelledby="issues-heading">
                        <h2 id="issues-heading">{at.issues_heading}</h2>
                        <ul>{e.issues.iter().map(|i| view! { <li>{format!("{}: {}", i.target, i.problem)}</li> }).collect_view()}</ul>
                    </section>
                })}
                <h2>{at.adapt_heading}</h2>
                <p class="hint">{at.texts_hint}</p>
                <details class="field">
                    <summary>{at.form_texts_summary}</summary>
                    {languages.iter().map(|l| {
                        let l = *l;
                        view! {
                            <TextInput target="title" lang=l label=(at.own_title)(l) template=Some(template.title.clone()) overlay multiline=false/>
                            <TextInput target="intro" lang=l label=(at.own_intro)(l) template=template.intro.clone() overlay multiline=true/>
                        }
                    }).collect_view()}
                </details>
                {field_paths(&template).into_iter().map(|(step, title, fields)| {
                    let languages = languages.clone();
                    view! {
                        <fieldset class="field overlay-step">
                            <legend>{title}</legend>
                            {fields.into_iter().map(|(path, f)| {
                                let languages = languages.clone();
                                let hide_id = format!("hide-{step}-{path}");
                                let require_id = format!("require-{step}-{path}");
                                let (p1, p2) = (path.clone(), path.clone());
                                let (p3, p4) = (path.clone(), path.clone());
                                let template_required = f.required;
                                view! {
                                    <div class="overlay-field">
                                        <p class="overlay-field-name"><strong>{f.label.get(Lang::De).to_owned()}</strong>" "<code>{path.clone()}</code></p>
                                        <div class="checkbox">
                                            <input type="checkbox" id=hide_id.clone()
                                                prop:checked=move || overlay.with(|o| o.as_ref().is_some_and(|o| o.hide.contains(&p1)))
                                                on:change=move |ev| { let on = event_target_checked(&ev); overlay.update(|o| if let Some(o) = o { toggle(&mut o.hide, &p2, on) }); }/>
                                            <label for=hide_id>{format!("{}: {}", at.hide_label, f.label.get(Lang::De))}</label>
                                        </div>
                                        <div class="checkbox">
                                            <input type="checkbox" id=require_id.clone() disabled=template_required
                                                prop:checked=move || template_required || overlay.with(|o| o.as_ref().is_some_and(|o| o.require.contains(&p3)))
                                                on:change=move |ev| { let on = event_target_checked(&ev); overlay.update(|o| if let Some(o) = o { toggle(&mut o.require, &p4, on) }); }/>
                                            <label for=require_id>{format!("{}: {}", at.require_label, f.label.get(Lang::De))}</label>
                                        </div>
                                        <details>
                                            <summary>{format!("{}: {}", at.texts_summary, f.label.get(Lang::De))}</summary>
                                            {languages.iter().map(|l| {
                                                let l = *l;
                                                view! {
                                                    <TextInput target=format!("{path}.label") lang=l label=format!("{} – {}", (at.own_label)(l), f.label.get(Lang::De)) template=Some(f.label.clone()) overlay multiline=false/>
                                                    <TextInput target=format!("{path}.help") lang=l label=format!("{} – {}", (at.own_help)(l), f.label.get(Lang::De)) template=f.help.clone() overlay multiline=true/>
                                                }
                                            }).collect_view()}
                                        </details>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <FeeTable template=template.clone() overlay bad/>
                <ExtraQuestions template=template.clone() overlay/>
            }
        })}
        <div class="button-row">
            <button type="button" class="secondary" on:click=on_preview>{move || at.get().preview_button}</button>
            <button type="button" class="button-primary" aria-disabled=move || busy.get().then_some("true") on:click=on_publish>{move || at.get().publish_button}</button>
        </div>
        {move || preview.get().map(|p| {
            let at = at.get();
            let l = lang.get();
            view! {
                <section aria-labelledby="preview-heading" class="overlay-preview">
                    <h2 id="preview-heading" tabindex="-1">{at.preview_heading}</h2>
                    {(!p.problems.is_empty()).then(|| view! {
                        <div class="warning">
                            <h3>{at.problems_heading}</h3>
                            <ul>{p.problems.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    <h3>{p.effective.title.get(l).to_owned()}</h3>
                    {p.effective.intro.as_ref().map(|i| view! { <p>{i.get(l).to_owned()}</p> })}
                    {p.effective.steps.iter().map(|s| view! {
                        <h4>{s.title.get(l).to_owned()}</h4>
                        <ul>
                            {s.fields.iter().map(|f| view! {
                                <li>
                                    {f.label.get(l).to_owned()}
                                    {f.required.then(|| format!(" ({})", at.required_mark))}
                                    {f.help.as_ref().map(|h| view! { <br/><span class="hint">{h.get(l).to_owned()}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }).collect_view()}
                </section>
            }
        })}
    }
}

/// One text of the overlay in one language; the template's text as its hint.
#[component]
fn TextInput(
    #[prop(into)] target: String,
    lang: Lang,
    label: String,
    template: Option<Localized>,
    overlay: RwSignal<Option<Overlay>>,
    multiline: bool,
) -> impl IntoView {
    let id = format!("text-{}-{}", target.replace('.', "-"), lang.code());
    let hint_id = format!("{id}-hint");
    let hint = template.map(|t| t.get(lang).to_owned()).unwrap_or_default();
    let (t1, t2) = (target.clone(), target);
    let value = move || {
        overlay.with(|o| {
            o.as_ref()
                .map(|o| text_of(o, &t1, lang))
                .unwrap_or_default()
        })
    };
    let set = move |v: String| {
        overlay.update(|o| {
            if let Some(o) = o {
                set_text(o, &t2, lang, v)
            }
        })
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone() lang=lang.code()>{hint.clone()}</p> })}
            {if multiline {
                view! {
                    <textarea id=id class="input" rows="3" lang=lang.code()
                        aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
                        prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea>
                }.into_any()
            } else {
                view! {
                    <input id=id class="input" type="text" lang=lang.code()
                        aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
                        prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
                }.into_any()
            }}
        </div>
    }
}
