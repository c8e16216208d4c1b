//! An accessible combobox with a listbox popup (WAI-ARIA 1.2 pattern): the input keeps focus,
//! ArrowDown/ArrowUp move the active option (`aria-activedescendant`), Enter picks it (or
//! submits the typed text), Escape closes the list and a second Escape clears the input.
//! Options are fetched as the citizen types (debounced), and answers to older requests are
//! dropped. The number of options is announced in a polite live region.

use crate::components::highlight::Highlighted;
use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

/// One option of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct ComboOption {
    /// What picking it means to the caller (a service id, a municipality id).
    pub key: String,
    /// The text shown.
    pub label: String,
    /// Byte ranges of `label` to highlight.
    pub highlights: Vec<[usize; 2]>,
    /// A second line (responsible authority, district).
    pub meta: String,
}

/// Fetches the options for a text; `Err` carries a message to announce.
pub type Fetch =
    Rc<dyn Fn(String) -> Pin<Box<dyn Future<Output = Result<Vec<ComboOption>, String>>>>>;

/// The combobox. `id` must be unique on the page.
#[component]
pub fn Combobox(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    value: RwSignal<String>,
    fetch: Fetch,
    /// Announces "n results" for a count.
    count_text: Signal<fn(usize) -> String>,
    on_pick: Callback<ComboOption>,
    #[prop(optional)] on_submit: Option<Callback<String>>,
    #[prop(optional, into)] button: Option<Signal<String>>,
    #[prop(default = 2)] min_chars: usize,
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

    let request = move |text: String| {
        sequence.update_value(|n| *n += 1);
        let mine = sequence.get_value();
        let fut = fetch.with_value(|f| f(text));
        spawn_local(async move {
            let result = fut.await;
            if sequence.get_value() != mine {
                return; // a newer request is under way
            }
            match result {
                Ok(list) => {
                    status.set((count_text.get_untracked())(list.len()));
                    open.set(!list.is_empty());
                    options.set(list);
                    active.set(None);
                }
                Err(message) => {
                    options.set(Vec::new());
                    open.set(false);
                    status.set(message);
                }
            }
        });
    };

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        value.set(text.clone());
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        if text.trim().chars().count() < min_chars {
            sequence.update_value(|n| *n += 1);
            options.set(Vec::new());
            open.set(false);
            active.set(None);
            status.set(String::new());
            return;
        }
        let handle =
            set_timeout_with_handle(move || request(text), Duration::from_millis(200)).ok();
        timer.set_value(handle);
    };

    let pick = move |i: usize| {
        if let Some(o) = options.with_untracked(|o| o.get(i).cloned()) {
            open.set(false);
            active.set(None);
            on_pick.run(o);
        }
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = options.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                ev.prevent_default();
                match active.get_untracked().filter(|_| open.get_untracked()) {
                    Some(i) => pick(i),
                    None => {
                        if let Some(submit) = on_submit {
                            open.set(false);
                            submit.run(value.get_untracked());
                        }
                    }
                }
            }
            "Escape" => {
                if open.get_untracked() {
                    open.set(false);
                    active.set(None);
                } else {
                    value.set(String::new());
                    options.set(Vec::new());
                    status.set(String::new());
                }
            }
            _ => {}
        }
    };

    let listbox = listbox_id.clone();
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
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=listbox.clone()
                    aria-describedby=hint_id
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().filter(|_| open.get()).map(option_id)
                    prop:value=move || value.get()
                    on:input=on_input
                    on:keydown=on_keydown
                    on:blur=move |_| {
                        // Let a click on an option land first.
                        let _ = set_timeout_with_handle(move || open.set(false), Duration::from_millis(150));
                    }
                />
                {button.map(|b| view! {
                    <button type="button" on:click=move |_| {
                        if let Some(submit) = on_submit {
                            open.set(false);
                            submit.run(value.get_untracked());
                        }
                    }>{move || b.get()}</button>
                })}
            </div>
            <ul id=listbox role="listbox" aria-labelledby=label_id class="listbox" class:open=move || open.get()>
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
                                <span class="option-label"><Highlighted text=o.label.clone() ranges=o.highlights.clone()/></span>
                                {(!o.meta.is_empty()).then(|| view! { <span class="option-meta">{o.meta.clone()}</span> })}
                            </li>
                        }
                    }
                />
            </ul>
            <div class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</div>
        </div>
    }
}
