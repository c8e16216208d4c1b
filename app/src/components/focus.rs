//! Moving keyboard focus after a change the citizen made, so that it does not fall back to the
//! top of the page when the focused element disappears.

use leptos::prelude::*;
use leptos::web_sys::HtmlElement;
use wasm_bindgen::JsCast;

/// Moves focus to the element with `id` once the view has caught up with a change.
pub fn focus_later(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
