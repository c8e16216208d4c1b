//! The application being filled in: the form as the municipality serves it and the draft named
//! by `?entwurf=`, shared by the pages of one application (start, steps, check) through
//! context. Every change to an answer is written to the draft in the browser at once; a draft
//! begun on an earlier version of the form is carried over to the current one.

use crate::account::use_account;
use crate::api::{self, ApiError};
use crate::drafts::{self, Draft};
use crate::i18n::use_lang;
use crate::municipality::use_municipality;
use crate::paths::FormLink;
use crate::sync::{self, OnOpen, Pushed};
use contract::Lang;
use contract::account::AccountDraft;
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
    /// Another device saved the draft to the account meanwhile: its copy, until the citizen
    /// chose.
    pub conflict: RwSignal<Option<AccountDraft>>,
    /// Counts drafts replaced from outside (the other device's answers taken): the pages draw
    /// their inputs anew.
    pub generation: RwSignal<u32>,
    lang: Signal<Lang>,
    reload: RwSignal<u32>,
    pushing: StoredValue<bool>,
    again: StoredValue<bool>,
    account: crate::account::Account,
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
        let account = self.account.signed_in_untracked();
        if account {
            d.unsynced = true;
        }
        let ok = drafts::save(&d).is_ok();
        self.draft.set(Some(d));
        if self.not_saved.get_untracked() == ok {
            self.not_saved.set(!ok);
        }
        if account {
            self.push();
        }
    }

    /// Saves the draft to the account (signed in only): one save at a time, and another
    /// after it when the draft changed meanwhile. A submitted draft leaves the account (the
    /// application is in it now).
    pub fn push(&self) {
        if self.pushing.get_value() {
            self.again.set_value(true);
            return;
        }
        if self.conflict.with_untracked(Option::is_some) {
            return;
        }
        let me = *self;
        me.pushing.set_value(true);
        spawn_local(async move {
            loop {
                me.again.set_value(false);
                let Some(d) = me.draft.get_untracked() else {
                    break;
                };
                if d.is_submitted() {
                    let _ = api::delete_account_draft(&d.key).await;
                    break;
                }
                match sync::push(&d).await {
                    Pushed::Saved(revision) => me.synced(&d, revision),
                    Pushed::Conflict(there) => {
                        me.conflict.set(Some(*there));
                        break;
                    }
                    Pushed::Failed(_) => break,
                }
                if !me.again.get_value() {
                    break;
                }
            }
            me.pushing.set_value(false);
        });
    }

    /// Notes that the account holds `pushed` as `revision` (changes made since stay unsynced).
    fn synced(&self, pushed: &Draft, revision: i64) {
        let Some(mut d) = self.draft.get_untracked() else {
            return;
        };
        if d.id != pushed.id {
            return;
        }
        d.revision = Some(revision);
        d.unsynced = d.updated != pushed.updated || d.answers != pushed.answers;
        let _ = drafts::save(&d);
        self.draft.set(Some(d));
    }

    /// The citizen keeps this device's answers: saved on top of the other device's.
    pub fn keep_here(&self) {
        let Some(there) = self.conflict.get_untracked() else {
            return;
        };
        if let Some(mut d) = self.draft.get_untracked() {
            d.revision = Some(there.revision);
            d.unsynced = true;
            let _ = drafts::save(&d);
            self.draft.set(Some(d));
        }
        self.conflict.set(None);
        self.push();
    }

    /// The citizen takes the other device's answers.
    pub fn take_there(&self) {
        let Some(there) = self.conflict.get_untracked() else {
            return;
        };
        let id = self
            .draft
            .with_untracked(|d| d.as_ref().map(|d| d.id.clone()));
        if let Some(d) = sync::draft_of(&there, id.as_deref()) {
            self.not_saved.set(drafts::save(&d).is_err());
            self.draft.set(Some(d));
            self.generation.update(|n| *n += 1);
        }
        self.conflict.set(None);
    }

    /// Compares the open draft with the account's copy (signed in only): takes the newer,
    /// saves this one, or shows the conflict.
    fn reconcile(&self) {
        let Some(here) = self.draft.get_untracked() else {
            return;
        };
        if here.is_submitted() || here.key.is_empty() {
            return;
        }
        let me = *self;
        spawn_local(async move {
            let there = match api::account_draft(&here.key).await {
                Ok(t) => Some(t),
                Err(e) if e.is_not_found() => None,
                Err(_) => return,
            };
            // Still the same draft, unchanged meanwhile?
            if me.draft.with_untracked(|d| d.as_ref() != Some(&here)) {
                return;
            }
            match sync::on_open(&here, there.as_ref()) {
                OnOpen::Push => me.push(),
                OnOpen::Nothing => {}
                OnOpen::Conflict => me.conflict.set(there),
                OnOpen::Take => {
                    if let Some(t) = there
                        && let Some(d) = sync::draft_of(&t, Some(&here.id))
                    {
                        me.not_saved.set(drafts::save(&d).is_err());
                        me.draft.set(Some(d));
                        me.generation.update(|n| *n += 1);
                    }
                }
            }
        });
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
    let account = use_account();
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
    // What the form on screen was asked for with (form, municipality, language).
    let loaded_for = StoredValue::new(None::<(String, Option<String>, Lang)>);
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
                Ok(r) => {
                    loaded_for.set_value(Some((id, municipality, lang)));
                    Loaded::Ready(Box::new(r))
                }
                Err(_) if keep => return,
                Err(e) => Loaded::Failed(e),
            };
            if loaded.with_untracked(|l| *l != next) {
                loaded.set(next);
            }
        });
    });
    // The form of an application in progress is kept in the browser, so that the draft can
    // be opened and continued without a network.
    Effect::new(move || {
        if !has_draft.get() {
            return;
        }
        loaded.with(|l| {
            if let Loaded::Ready(r) = l
                && let Some((id, municipality, lang)) = loaded_for.get_value()
            {
                api::keep_form_offline(&id, municipality.as_deref(), lang, r);
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
        conflict: RwSignal::new(None),
        generation: RwSignal::new(0),
        lang,
        reload,
        pushing: StoredValue::new(false),
        again: StoredValue::new(false),
        account,
    };
    // Signed in: the open draft is compared with the account's copy when it is opened, and
    // when someone signs in.
    let signed_in = Memo::new(move |_| account.who().is_some());
    let open_id = Memo::new(move |_| draft.with(|d| d.as_ref().map(|d| d.id.clone())));
    Effect::new(move || {
        let (id, signed_in) = (open_id.get(), signed_in.get());
        if id.is_some() && signed_in {
            session.conflict.set(None);
            session.reconcile();
        }
    });
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
