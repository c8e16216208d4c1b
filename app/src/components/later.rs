//! Parts of a page below its first screen, drawn in a task of their own once the first screen
//! has been painted: on a slow phone the first page's content then shows without waiting for
//! everything under it, and no single task blocks the browser for the whole page.

use leptos::prelude::*;
use std::cell::Cell;
use std::time::Duration;

thread_local! {
    /// Whether the app's first screen has been painted: later pages draw everything at once
    /// (the app's code is compiled by then, and focus moved to a part of the page must find it).
    static PAINTED: Cell<bool> = const { Cell::new(false) };
}

/// `children`, drawn on the app's first page in a task after the frame that paints the page
/// around them, and at once on every later page. Until then an empty placeholder holds the
/// footer below the first screen, so that nothing already drawn moves when they come (no
/// layout shift); it is hidden from screen readers.
#[component]
pub fn AfterFirstScreen(children: Children) -> impl IntoView {
    // Drawn once: the signal below changes at most once, from false to true.
    let children = StoredValue::new_local(Some(children));
    let ready = RwSignal::new(PAINTED.with(Cell::get));
    if !ready.get_untracked() {
        // The animation frame comes just before the paint; a task posted from it runs after.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    PAINTED.with(|p| p.set(true));
                    // The page may be gone already (a quick navigation): then nothing is drawn.
                    let _ = ready.try_set(true);
                },
                Duration::ZERO,
            )
        });
    }
    move || {
        if ready.get() {
            children
                .try_update_value(Option::take)
                .flatten()
                .map(|children| children())
                .into_any()
        } else {
            view! { <div class="page-loading" aria-hidden="true"></div> }.into_any()
        }
    }
}
