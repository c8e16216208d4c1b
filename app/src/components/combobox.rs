//! An accessible combobox with a listbox popup (the WAI-ARIA 1.2 "list autocomplete" pattern):
//! the input keeps focus, ArrowDown/ArrowUp move the active option (`aria-activedescendant`),
//! Enter picks it (or submits the typed text), Escape closes the list and a second Escape clears
//! the input. Options are fetched as the citizen types (debounced), answers to older requests
//! are dropped, and the number of options is announced in a polite live region.

use crate::components::highlight::Highlighted;
use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::web_sys::HtmlElement;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long typing must pause before the options are fetched.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// One option of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct ComboOption {
    /// What picking it means to the caller (a service id, a municipality id).
    pub key: String,
    /// The text shown.
    pub label: String,
    /// Byte ranges of `label` to highlight.
    pub highlights: Vec<[usize; 2]>,
    /// A second line (the responsible authority, the district), may be empty.
    pub meta: String,
    /// The language of `label` where it differs from the page's (`lang` attribute).
    pub lang: Option<&'static str>,
}

/// Fetches the options for a text; `Err` carries a message to announce.
pub type Fetch =
    Rc<dyn Fn(String) -> Pin<Box<dyn Future<Output = Result<Vec<ComboOption>, String>>>>>;

/// The combobox. `id` is the input's id and must be unique on the page.
#[component]
pub fn Combobox(
    id: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// A hint under the label, linked by `aria-describedby`.
    #[prop(into)]
    hint: Signal<String>,
    /// The text in the input.
    value: RwSignal<String>,
    /// Where the options come from.
    fetch: Fetch,
    /// "n results" for the live region.
    count_text: Signal<fn(usize) -> String>,
    /// Called with the option the citizen picked.
    on_pick: Callback<ComboOption>,
    /// Called with the text on Enter without an active option (and by the button).
    #[prop(optional)]
    on_submit: Option<Callback<String>>,
    /// The text of a submit button beside the input, if there is one.
    #[prop(optional, into)]
    button: Option<Signal<String>>,
    /// Fewer characters than this fetch nothing.
    #[prop(default = 2)]
    min_chars: usize,
) -> impl IntoView {
    let options = RwSignal::new(Vec::<ComboOption>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let status = RwSignal::new(String::new());
    let sequence = StoredValue::new(0u64);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let fetch = StoredValue::new_local(fetch);
    let listbox_id = format!("{id}-listbox");
    let hint_id = format!("{id}-hint");
    let label_id = format!("{id}-label");
    let option_id = move |i: usize| format!("{id}-option-{i}");

    let close = move || {
        open.set(false);
        active.set(None);
    };

    // Forgets the waiting keystrokes and any answer still under way.
    let cancel = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
        sequence.update_value(|n| *n += 1);
    };

    let request = move |text: String| {
        sequence.update_value(|n| *n += 1);
        let mine = sequence.get_value();
        let fut = fetch.with_value(|f| f(text));
        spawn_local(async move {
            let result = fut.await;
            if sequence.get_value() != mine {
                return; // a newer request was made, or the citizen moved on
            }
            match result {
                Ok(list) => {
                    status.set((count_text.get_untracked())(list.len()));
                    active.set(None);
                    open.set(!list.is_empty());
                    options.set(list);
                }
                Err(message) => {
                    close();
                    options.set(Vec::new());
                    status.set(message);
                }
            }
        });
    };

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        value.set(text.clone());
        cancel();
        if text.trim().chars().count() < min_chars {
            close();
            options.set(Vec::new());
            status.set(String::new());
            return;
        }
        let handle = set_timeout_with_handle(move || request(text), DEBOUNCE).ok();
        timer.set_value(handle);
    };

    let pick = move |i: usize| {
        if let Some(o) = options.with_untracked(|o| o.get(i).cloned()) {
            cancel();
            close();
            on_pick.run(o);
        }
    };

    let submit = move || {
        if let Some(submit) = on_submit {
            cancel();
            close();
            submit.run(value.get_untracked());
        }
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = options.with_untracked(Vec::len);
        let is_open = open.get_untracked();
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                let next = match active.get_untracked() {
                    Some(i) if is_open => (i + 1) % n,
                    _ => 0,
                };
                open.set(true);
                active.set(Some(next));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                let next = match active.get_untracked() {
                    Some(i) if is_open => (i + n - 1) % n,
                    _ => n - 1,
                };
                open.set(true);
                active.set(Some(next));
            }
            "Enter" => {
                ev.prevent_default();
                match active.get_untracked().filter(|_| is_open) {
                    Some(i) => pick(i),
                    None if on_submit.is_some() => submit(),
                    // Without a text search, a single match is what the citizen means.
                    None if is_open && n == 1 => pick(0),
                    None => {}
                }
            }
            "Escape" => {
                if is_open {
                    ev.prevent_default();
                    close();
                } else if !value.get_untracked().is_empty() {
                    ev.prevent_default();
                    cancel();
                    value.set(String::new());
                    options.set(Vec::new());
                    status.set(String::new());
                }
            }
            _ => {}
        }
    };

    // Keep the active option in view when the list scrolls.
    let list_id = listbox_id.clone();
    Effect::new(move || {
        if let Some(i) = active.get()
            && open.get()
        {
            scroll_into_list(&list_id, &option_id(i));
        }
    });

    let on_blur = move |_| {
        // Let a click on an option land first.
        let _ = set_timeout_with_handle(close, Duration::from_millis(150));
    };

    view! {
        <div class="combobox">
            <label id=label_id.clone() for=id>{move || label.get()}</label>
            <p class="hint" id=hint_id.clone()>{move || hint.get()}</p>
            <div class="search-row">
                <input
                    id=id
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=listbox_id.clone()
                    aria-describedby=hint_id
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().filter(|_| open.get()).map(option_id)
                    prop:value=move || value.get()
                    on:input=on_input
                    on:keydown=on_keydown
                    on:blur=on_blur
                />
                {button.map(|b| view! {
                    <button type="button" on:click=move |_| submit()>{move || b.get()}</button>
                })}
            </div>
            <ul id=listbox_id role="listbox" aria-labelledby=label_id class="listbox" class:open=move || open.get()>
                <For
                    each=move || options.get().into_iter().enumerate()
                    key=|(i, o)| (*i, o.key.clone())
                    children=move |(i, o)| {
                        let selected = move || active.get() == Some(i);
                        view! {
                            <li
                                id=option_id(i)
                                role="option"
                                class="option"
                                class:active=selected
                                aria-selected=move || if selected() { "true" } else { "false" }
                                on:mousedown=|ev| ev.prevent_default()
                                on:click=move |_| pick(i)
                            >
                                <span class="option-label" lang=o.lang>
                                    <Highlighted text=o.label.clone() ranges=o.highlights.clone()/>
                                </span>
                                {(!o.meta.is_empty()).then(|| view! { <span class="option-meta">{o.meta.clone()}</span> })}
                            </li>
                        }
                    }
                />
            </ul>
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{move || status.get()}</div>
        </div>
    }
}

/// Scrolls the list just enough to show the option (the nearest edge, as the keyboard moves).
fn scroll_into_list(list_id: &str, option_id: &str) {
    let doc = document();
    let (Some(list), Some(option)) = (
        doc.get_element_by_id(list_id),
        doc.get_element_by_id(option_id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok()),
    ) else {
        return;
    };
    let (top, bottom) = (
        option.offset_top(),
        option.offset_top() + option.offset_height(),
    );
    if top < list.scroll_top() {
        list.set_scroll_top(top);
    } else if bottom > list.scroll_top() + list.client_height() {
        list.set_scroll_top(bottom - list.client_height());
    }
}
