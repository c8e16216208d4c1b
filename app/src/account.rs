//! Who is signed in on this browser, and the session's timeouts: the idle timeout counts from
//! the server's last answer to any tab ([`crate::activity`]); shortly before it ends, a warning
//! offers to stay signed in (WCAG 2.2.1), and renewing in one tab closes the warning in all.
//! When the session has ended, the pages are told, and nothing typed is lost: drafts live in
//! the browser.

use crate::activity;
use crate::api;
use contract::account::{AccountSummary, Level, SessionInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// The signed-in state (context, provided once by the app).
#[derive(Clone, Copy)]
pub struct Account {
    /// The session as the server last told it (`None` until it answered).
    pub session: RwSignal<Option<SessionInfo>>,
    /// Seconds until the idle timeout while the warning shows; `None` otherwise.
    pub warning: RwSignal<Option<u64>>,
    /// Set when the session ended by itself (idle or absolute timeout) in this tab's view.
    pub ended: RwSignal<bool>,
    /// Set when the account was deleted here: said above every page until someone signs in.
    pub deleted: RwSignal<bool>,
    /// When the session began to be counted here (Unix ms), for the absolute timeout.
    known_at: StoredValue<f64>,
    /// The last sign-in or sign-out of any tab that this tab has taken in.
    seen_change: StoredValue<Option<f64>>,
    /// A check with the server is under way.
    checking: StoredValue<bool>,
}

impl Account {
    /// Who is signed in, if anyone.
    pub fn who(&self) -> Option<AccountSummary> {
        self.session
            .with(|s| s.as_ref().and_then(|s| s.account.clone()))
    }

    /// Whether someone is signed in (not subscribed).
    pub fn signed_in_untracked(&self) -> bool {
        self.session
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.account.is_some()))
    }

    /// The level of the signed-in citizen (`None` when nobody is signed in).
    pub fn level(&self) -> Option<Level> {
        self.session
            .with(|s| s.as_ref().and_then(|s| s.account.as_ref().map(|a| a.level)))
    }

    /// Takes in what the server said about the session.
    pub fn set(&self, info: SessionInfo) {
        self.known_at.set_value(activity::now());
        if info.account.is_some() {
            self.ended.set(false);
            self.deleted.set(false);
        }
        self.warning.set(None);
        self.session.set(Some(info));
    }

    /// Takes in a sign-in made here, and tells the other tabs.
    pub fn signed_in(&self, info: SessionInfo) {
        self.set(info);
        activity::session_changed();
        self.seen_change.set_value(activity::last_change());
    }

    /// Asks the server who is signed in.
    pub fn refresh(&self) {
        if self.checking.get_value() {
            return;
        }
        self.checking.set_value(true);
        let me = *self;
        spawn_local(async move {
            let was_signed_in = me.signed_in_untracked();
            let result = api::session().await;
            me.checking.set_value(false);
            if let Ok(info) = result {
                if was_signed_in && info.account.is_none() {
                    me.ended.set(true);
                }
                me.set(info);
            }
        });
    }

    /// Signs out here, and tells the other tabs.
    pub async fn sign_out(&self) -> Result<(), api::ApiError> {
        api::sign_out().await?;
        activity::session_changed();
        self.seen_change.set_value(activity::last_change());
        self.session.update(|s| {
            if let Some(s) = s {
                s.account = None;
            }
        });
        self.warning.set(None);
        Ok(())
    }

    /// The account was deleted: nobody is signed in any more, and the pages say so.
    pub fn deleted_here(&self) {
        activity::session_changed();
        self.seen_change.set_value(activity::last_change());
        self.deleted.set(true);
        self.session.update(|s| {
            if let Some(s) = s {
                s.account = None;
            }
        });
    }

    /// "Stay signed in".
    pub fn renew(&self) {
        let me = *self;
        spawn_local(async move {
            match api::renew_session().await {
                Ok(info) => me.set(info),
                Err(_) => me.refresh(),
            }
        });
    }

    /// Once a second: the warning, the end of the session, and sign-ins or sign-outs in
    /// other tabs.
    fn tick(&self) {
        let change = activity::last_change();
        if change != self.seen_change.get_value() {
            self.seen_change.set_value(change);
            self.refresh();
            return;
        }
        let Some((idle, absolute)) = self.session.with_untracked(|s| {
            s.as_ref()
                .filter(|s| s.account.is_some())
                .map(|s| (s.idle_timeout_secs, s.absolute_remaining_secs))
        }) else {
            return;
        };
        let now = activity::now();
        let last = activity::last_contact()
            .unwrap_or(self.known_at.get_value())
            .max(self.known_at.get_value());
        let idle_left = idle as f64 - (now - last) / 1000.0;
        let absolute_left = absolute as f64 - (now - self.known_at.get_value()) / 1000.0;
        let left = idle_left.min(absolute_left);
        if left <= 0.0 {
            self.warning.set(None);
            self.refresh();
            return;
        }
        let next =
            (left <= warn_before(idle) && idle_left <= absolute_left).then(|| left.ceil() as u64);
        if self.warning.get_untracked() != next {
            self.warning.set(next);
        }
    }
}

/// How long before the idle timeout the warning appears: two minutes, or half of a short
/// timeout.
pub fn warn_before(idle_secs: u64) -> f64 {
    (idle_secs as f64 / 2.0).min(120.0)
}

/// Provides the signed-in state, asks the server who is signed in, and starts the clock.
pub fn provide() {
    let account = Account {
        session: RwSignal::new(None),
        warning: RwSignal::new(None),
        ended: RwSignal::new(false),
        deleted: RwSignal::new(false),
        known_at: StoredValue::new(activity::now()),
        seen_change: StoredValue::new(activity::last_change()),
        checking: StoredValue::new(false),
    };
    provide_context(account);
    account.refresh();
    let _ = set_interval_with_handle(move || account.tick(), Duration::from_secs(1));
}

/// The signed-in state (from context).
pub fn use_account() -> Account {
    expect_context::<Account>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_comes_two_minutes_before_or_halfway_through_a_short_timeout() {
        assert_eq!(warn_before(1800), 120.0);
        assert_eq!(warn_before(60), 30.0);
    }
}
