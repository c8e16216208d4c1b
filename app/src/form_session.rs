//! The application being filled in: the form as the municipality serves it and the draft named
//! by `?entwurf=`, shared by the pages of one application (start, steps, check) through
//! context. Every change to an answer is written to the draft in the browser at once; a draft
//! begun on an earlier version of the form is carried over to the current one.

use crate::api::{self, ApiError};
use crate::drafts::{self, Draft};
use crate::i18n::use_lang;
use crate::municipality::use_municipality;
use crate::paths::FormLink;
use contract::Lang;
use contract::api::FormResponse;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where loading the form stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Under way.
    Loading,
    /// The form as the municipality serves it.
    Ready(Box<FormResponse>),
    /// It could not be loaded.
    Failed(ApiError),
}

/// The server's message where the municipality is not under the form's owner (404
/// `not_offered`, in the page language: it says whose form it is).
pub fn not_offered(e: &ApiError) -> Option<&str> {
    (e.code() == Some("not_offered")).then(|| e.server_message().unwrap_or_default())
}

/// What the pages of one application share (context).
#[derive(Clone, Copy)]
pub struct FormSession {
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

impl FormSession {
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

/// The application's state (from context).
pub fn use_form_session() -> FormSession {
    expect_context::<FormSession>()
}

/// Provides the state of the application with the form `form_id` and the draft `draft_id`
/// (both from the URL): opens the draft, loads the form for the draft's municipality (or the
/// chosen one) in the page language, and carries a draft of an older form version over.
pub fn provide(form_id: Memo<String>, draft_id: Memo<Option<String>>) {
    let lang = use_lang();
    let m = use_municipality();
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
    let session = FormSession {
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
}
