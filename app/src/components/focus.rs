//! Moving keyboard focus after a change the citizen made, so that it does not fall back to the
//! top of the page when the focused element disappears.

use leptos::prelude::*;
use leptos::web_sys::{Element, HtmlElement};
use wasm_bindgen::JsCast;

/// Moves focus to the element with `id` once the view has caught up with a change.
pub fn focus_later(id: &'static str) {
    focus_field_later(id.to_owned());
}

/// [`focus_field`] once the view has caught up with a change.
pub fn focus_field_later(id: String) {
    request_animation_frame(move || {
        focus_field(&id);
    });
}

/// Focuses the element with `id`; where that is a group of inputs (a fieldset, a group item),
/// its first input. The input's label or legend is scrolled into view with it, as the GOV.UK
/// error summary does, so that the question is seen and not only the box. Returns whether
/// something was focused.
pub fn focus_field(id: &str) -> bool {
    let Some(el) = document().get_element_by_id(id) else {
        return false;
    };
    let target = if is_focusable(&el) {
        Some(el.clone())
    } else {
        el.query_selector("input, select, textarea, button")
            .ok()
            .flatten()
            .or_else(|| el.has_attribute("tabindex").then(|| el.clone()))
    };
    let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    let _ = target.focus();
    let label = target
        .closest("fieldset")
        .ok()
        .flatten()
        .filter(|_| {
            matches!(
                target.get_attribute("type").as_deref(),
                Some("radio" | "checkbox")
            )
        })
        .and_then(|f| f.query_selector("legend").ok().flatten())
        .or_else(|| {
            document()
                .query_selector(&format!("label[for=\"{}\"]", target.id()))
                .ok()
                .flatten()
        });
    if let Some(label) = label {
        label.scroll_into_view();
    }
    true
}

fn is_focusable(el: &Element) -> bool {
    matches!(
        el.tag_name().as_str(),
        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "A"
    ) || (el.has_attribute("tabindex") && el.tag_name() != "FIELDSET")
}
