//! An online application (`/:lang/antrag/:form/…`). The shell ([`FormShell`]) loads the form as
//! the municipality serves it and the draft named by `?entwurf=`, and shares both with its pages
//! ([`Session`]): the start page, one page per shown step and the check page, which submits
//! the application (its receipt is a page of its own, `pages::receipt`). Every change to an
//! answer is written to the draft in the browser at once.

pub mod check;
pub mod confirmation;
pub mod start;
pub mod step;

use crate::api::{self, ApiError, FormLoadError};
use crate::drafts::{self, Draft};
use crate::i18n::{lang_attr, use_lang, use_texts};
use crate::municipality::use_municipality;
use crate::routes::{DRAFT_PARAM, FormLink, drafts_path, search_path};
use contract::Lang;
use contract::api::FormResponse;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Where loading the form stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Under way.
    Loading,
    /// The form as the municipality serves it.
    Ready(Box<FormResponse>),
    /// It could not be loaded.
    Failed(FormLoadError),
}

/// What the pages of one application share (context).
#[derive(Clone, Copy)]
pub struct Session {
    /// The form id of the URL.
    pub form_id: Memo<String>,
    /// The draft id of the URL.
    pub draft_id: Memo<Option<String>>,
    /// The form.
    pub loaded: RwSignal<Loaded>,
    /// The draft (with the answers) when the URL names one that exists.
    pub draft: RwSignal<Option<Draft>>,
    /// Whether a draft is open (changes only when one is opened or closed).
    pub has_draft: Memo<bool>,
    /// Set when the draft was moved to a newer form version: how many answers were dropped.
    pub version_notice: RwSignal<Option<usize>>,
    /// The browser refused to store the draft.
    pub not_saved: RwSignal<bool>,
    lang: Signal<Lang>,
    reload: RwSignal<u32>,
}

impl Session {
    /// Changes the draft and writes it to the browser at once. A change that changes nothing
    /// (opening a step that is already the current one) writes nothing, so that "last changed"
    /// stays true.
    pub fn update(&self, change: impl FnOnce(&mut Draft)) {
        let Some(mut d) = self.draft.get_untracked() else {
            return;
        };
        let before = d.clone();
        change(&mut d);
        d.lang = self.lang.get_untracked();
        if d == before {
            return;
        }
        d.updated = drafts::now();
        let ok = drafts::save(&d).is_ok();
        self.draft.set(Some(d));
        if self.not_saved.get_untracked() == ok {
            self.not_saved.set(!ok);
        }
    }

    /// Opens a draft that was just created (and saved, where the browser allows).
    pub fn open(&self, draft: Draft) {
        self.not_saved.set(drafts::save(&draft).is_err());
        self.draft.set(Some(draft));
    }

    /// Loads the form again (after the server said it changed).
    pub fn reload_form(&self) {
        self.reload.update(|n| *n += 1);
    }

    /// The links between this application's pages.
    pub fn with_link<R>(&self, f: impl FnOnce(FormLink<'_>) -> R) -> R {
        let lang = self.lang.get_untracked();
        let form = self.form_id.get_untracked();
        self.draft.with_untracked(|d| {
            f(FormLink {
                lang,
                form: &form,
                draft: d.as_ref().map(|d| d.id.as_str()),
                municipality: d.as_ref().map(|d| d.municipality.as_str()),
            })
        })
    }
}

/// The session (from context).
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The parent of the application's pages: loads the form and the draft.
#[component]
pub fn FormShell() -> impl IntoView {
    let lang = use_lang();
    let m = use_municipality();
    let params = use_params_map();
    let query = use_query_map();
    let form_id = Memo::new(move |_| params.read().get("form").unwrap_or_default());
    let draft_id = Memo::new(move |_| query.read().get(DRAFT_PARAM).filter(|s| !s.is_empty()));
    let draft = RwSignal::new(draft_id.get_untracked().and_then(|id| drafts::open(&id)));
    // Another draft in the URL (back and forward, links between drafts): open it. A draft
    // opened by this page is kept even where the browser could not store it.
    Effect::new(move || {
        let id = draft_id.get();
        let current = draft.with_untracked(|d| d.as_ref().map(|d| d.id.clone()));
        if id != current {
            draft.set(id.and_then(|id| drafts::open(&id)));
        }
    });
    let has_draft = Memo::new(move |_| draft.with(Option::is_some));
    let draft_meta = Memo::new(move |_| {
        draft.with(|d| {
            d.as_ref()
                .map(|d| (d.form.clone(), d.version.clone(), d.municipality.clone()))
        })
    });
    // A draft's form is the one of its municipality; otherwise the chosen municipality's.
    let municipality = Memo::new(move |_| {
        draft_meta
            .with(|d| d.as_ref().map(|d| d.2.clone()))
            .or_else(|| m.id())
    });
    let loaded = RwSignal::new(Loaded::Loading);
    let reload = RwSignal::new(0u32);
    let sequence = StoredValue::new(0u64);
    let key = Memo::new(move |_| (form_id.get(), municipality.get(), lang.get(), reload.get()));
    Effect::new(move || {
        let (id, municipality, lang, _) = key.get();
        sequence.update_value(|n| *n += 1);
        let mine = sequence.get_value();
        // The same form for the same municipality stays on screen while it is loaded again
        // (another language, or after "the form changed"), and stays when that fails offline.
        let keep = loaded.with_untracked(|l| match l {
            Loaded::Ready(r) => {
                r.form.id == id && r.municipality.as_ref().map(|m| &m.id) == municipality.as_ref()
            }
            _ => false,
        });
        if !keep {
            loaded.set(Loaded::Loading);
        }
        spawn_local(async move {
            let result = api::form(&id, municipality.as_deref(), lang).await;
            if sequence.get_value() != mine {
                return;
            }
            let next = match result {
                Ok(r) => Loaded::Ready(Box::new(r)),
                Err(_) if keep => return,
                Err(e) => Loaded::Failed(e),
            };
            if loaded.with_untracked(|l| *l != next) {
                loaded.set(next);
            }
        });
    });
    let session = Session {
        form_id,
        draft_id,
        loaded,
        draft,
        has_draft,
        version_notice: RwSignal::new(None),
        not_saved: RwSignal::new(false),
        lang,
        reload,
    };
    // A draft begun on an earlier version of the form: carry its answers over to this one.
    Effect::new(move || {
        let Some((form, version, municipality)) = draft_meta.get() else {
            return;
        };
        let carried = loaded.with(|l| match l {
            Loaded::Ready(r)
                if r.form.id == form
                    && r.version != version
                    && r.municipality
                        .as_ref()
                        .is_some_and(|m| m.id == municipality) =>
            {
                let answers = draft.with_untracked(|d| d.as_ref().map(|d| d.answers.clone()))?;
                let (kept, dropped) = r.form.carry_over(&answers);
                Some((r.version.clone(), kept, dropped.len()))
            }
            _ => None,
        });
        if let Some((version, kept, dropped)) = carried {
            session.update(|d| {
                d.version = version;
                d.answers = kept;
                d.refused.clear();
            });
            session.version_notice.set(Some(dropped));
        }
    });
    provide_context(session);
    view! { <Outlet/> }
}

/// A page of a draft (step, check): the loading or failure page, the page for a
/// draft not on this device, or `page` with the loaded form; rendered again when the page
/// language changes (everything is shown in it).
pub fn draft_page(page: impl Fn(FormResponse) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let s = use_session();
    let lang = use_lang();
    move || {
        lang.track();
        if let Some(p) = not_ready(&s) {
            return p;
        }
        if !s.has_draft.get() {
            return draft_missing();
        }
        let Loaded::Ready(form) = s.loaded.get() else {
            return ().into_any();
        };
        page(*form)
    }
}

/// The page for a form that is loading or failed to load; `None` once it is ready.
pub fn not_ready(s: &Session) -> Option<AnyView> {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    match s.loaded.get() {
        Loaded::Ready(_) => None,
        Loaded::Loading => Some(
            view! {
                <Title text=t.title(t.loading)/>
                <p>{t.loading}</p>
            }
            .into_any(),
        ),
        Loaded::Failed(FormLoadError::NotOffered(message)) => Some(
            view! {
                <Title text=t.title(t.form_not_offered_heading)/>
                <h1>{t.form_not_offered_heading}</h1>
                <p>{message}</p>
                <p><a href=search_path(lang, &Default::default())>{t.search_heading}</a></p>
            }
            .into_any(),
        ),
        Loaded::Failed(FormLoadError::Api(e)) => {
            let message = if e == ApiError::NotFound {
                t.form_not_found
            } else {
                e.message(t)
            };
            let s = *s;
            Some(
                view! {
                    <Title text=t.title(message)/>
                    <h1>{message}</h1>
                    {e.retryable().then(|| view! {
                        <button type="button" on:click=move |_| s.reload_form()>{t.retry}</button>
                    })}
                    <p><a href=drafts_path(lang)>{t.drafts_heading}</a></p>
                }
                .into_any(),
            )
        }
    }
}

/// The page for a step or check URL whose draft is not on this device.
pub fn draft_missing() -> AnyView {
    let t = use_texts().get_untracked();
    let lang = use_lang().get_untracked();
    let s = use_session();
    let start = s.with_link(|l| FormLink { draft: None, ..l }.start());
    view! {
        <Title text=t.title(t.draft_missing_heading)/>
        <h1>{t.draft_missing_heading}</h1>
        <p>{t.draft_missing_body}</p>
        <ul class="link-list">
            <li><a href=drafts_path(lang)>{t.drafts_heading}</a></li>
            <li><a href=start>{t.draft_missing_start}</a></li>
        </ul>
    }
    .into_any()
}

/// "This form was updated since you began" (after answers were carried over).
#[component]
pub fn VersionNotice() -> impl IntoView {
    let t = use_texts();
    let s = use_session();
    move || {
        s.version_notice.get().map(|dropped| {
            let t = t.get();
            view! {
                <div class="notice" role="region" aria-labelledby="version-notice-heading">
                    <h2 id="version-notice-heading" class="notice-heading">{t.version_notice_heading}</h2>
                    <p>{t.version_notice}</p>
                    {(dropped > 0).then(|| view! { <p>{(t.version_dropped)(dropped)}</p> })}
                </div>
            }
        })
    }
}

/// "Your answers could not be saved on this device" (private browsing, full storage).
#[component]
pub fn NotSavedWarning() -> impl IntoView {
    let t = use_texts();
    let s = use_session();
    move || {
        s.not_saved
            .get()
            .then(|| view! { <p class="warning" role="alert">{t.get().not_saved}</p> })
    }
}

/// The form's title above a page heading, with the municipality ("Hund anmelden · Schmölln").
#[component]
pub fn Caption(form: FormResponse) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let (title, title_lang) = form.form.title.get_with_lang(lang);
    let place = form.municipality.map(|m| m.display_name);
    view! {
        <p class="caption">
            <span lang=lang_attr(title_lang, lang)>{title.to_owned()}</span>
            {place.map(|p| view! { <span class="caption-place">{p}</span> })}
        </p>
    }
}
