//! Taking over from the first screen the server draws into the home page
//! (`contract::first_screen`): the app mounts its own page after it and, once the first screen
//! has been painted, removes it in the next animation frame in which the app's page is there
//! (just before the browser paints), so that no frame shows a page without its first screen
//! and nothing moves. What the citizen
//! typed into the search box meanwhile goes into the app's box, with the focus and the cursor
//! where they were, and the box offers its suggestions for it.

use contract::first_screen::{ID, QUERY_INPUT};
use leptos::prelude::*;
use leptos::web_sys::{Element, Event, EventInit, HtmlInputElement};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How many frames the first screen waits for the app's page (about two seconds) before it
/// goes anyway.
const MAX_FRAMES: u32 = 120;

/// The app's own page heading (the app's elements are the body's children; the server's first
/// screen is inside its element [`ID`]).
const APP_HEADING: &str = "body > main h1";

/// Mounts `app` to the page's body, and takes over from the server's first screen where there
/// is one.
pub fn mount<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let first = document().get_element_by_id(ID);
    leptos::mount::mount_to_body(app);
    if let Some(first) = first {
        // Not before the browser has painted the first screen once: where the app arrives
        // before the first paint (a fast network), the page's largest text is still the
        // server's, painted at once, and the app's same text in the same place is not a later
        // one. The animation frame comes just before a paint; a task posted from it runs after.
        request_animation_frame(move || {
            set_timeout(move || take_over(first, 0), Duration::ZERO);
        });
    }
}

/// Removes the first screen in the frame in which the app's page is drawn.
fn take_over(first: Element, frames: u32) {
    request_animation_frame(move || {
        let doc = document();
        let drawn = doc.query_selector(APP_HEADING).ok().flatten().is_some();
        if !drawn && frames < MAX_FRAMES {
            take_over(first, frames + 1);
            return;
        }
        // The first screen's box comes first in the document while both are there.
        let typed = search_input().map(|input| {
            let focused = doc.active_element().is_some_and(|a| a == **input);
            let cursor = focused.then(|| {
                (
                    input.selection_start().ok().flatten(),
                    input.selection_end().ok().flatten(),
                )
            });
            (input.value(), cursor)
        });
        first.remove();
        let (Some((text, cursor)), Some(input)) = (typed, search_input()) else {
            return;
        };
        if let Some((start, end)) = cursor {
            let _ = input.focus();
            if !text.is_empty() {
                input.set_value(&text);
            }
            if let (Some(start), Some(end)) = (start, end) {
                let _ = input.set_selection_range(start, end);
            }
        } else if !text.is_empty() {
            input.set_value(&text);
        }
        if !text.is_empty() {
            // The box takes the words (and offers its suggestions) as if they had been typed.
            let init = EventInit::new();
            init.set_bubbles(true);
            if let Ok(ev) = Event::new_with_event_init_dict("input", &init) {
                let _ = input.dispatch_event(&ev);
            }
        }
    });
}

fn search_input() -> Option<HtmlInputElement> {
    document()
        .get_element_by_id(QUERY_INPUT)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
}
