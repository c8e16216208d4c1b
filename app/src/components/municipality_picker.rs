//! Choosing the citizen's municipality by name or postcode: the chosen one with "change" and
//! "remove", or a combobox to find one.

use crate::api;
use crate::components::combobox::{ComboOption, Combobox, Fetch};
use crate::components::focus::focus_later;
use crate::i18n::use_texts;
use crate::municipality::use_municipality;
use contract::api::MunicipalityRef;
use leptos::prelude::*;
use std::rc::Rc;

/// The input's id; one picker per page.
const INPUT_ID: &str = "gemeinde";
const CHANGE_ID: &str = "gemeinde-aendern";

/// Shows the chosen municipality with "change" and "remove", or the picker.
#[component]
pub fn MunicipalityPicker() -> impl IntoView {
    let t = use_texts();
    let m = use_municipality();
    let editing = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    // The municipalities behind the options on show, so that picking one needs no request.
    let found = StoredValue::new(Vec::<MunicipalityRef>::new());
    let fetch: Fetch = Rc::new(move |q: String| {
        Box::pin(async move {
            let list = api::municipalities(&q, 8)
                .await
                .map_err(|e| e.message(t.get_untracked()).to_owned())?
                .results;
            let options = list
                .iter()
                .map(|m| ComboOption {
                    key: m.id.clone(),
                    label: m.display_name.clone(),
                    highlights: Vec::new(),
                    meta: [
                        m.postcodes.join(", "),
                        m.district_name.clone(),
                        m.state_name.clone(),
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
                    lang: None,
                })
                .collect();
            found.set_value(list);
            Ok(options)
        })
    });
    // Reactive closures must be Send; the fetcher is not, so it stays in local storage.
    let fetch = StoredValue::new_local(fetch);
    let on_pick = Callback::new(move |o: ComboOption| {
        if let Some(chosen) = found.with_value(|f| f.iter().find(|m| m.id == o.key).cloned()) {
            m.choose(Some(chosen));
            editing.set(false);
            text.set(String::new());
            focus_later(CHANGE_ID);
        }
    });
    let change = move |_| {
        editing.set(true);
        focus_later(INPUT_ID);
    };
    let remove = move |_| {
        m.choose(None);
        editing.set(false);
        focus_later(INPUT_ID);
    };
    let cancel = move |_| {
        editing.set(false);
        text.set(String::new());
        focus_later(CHANGE_ID);
    };
    view! {
        <div class="municipality">
            {move || {
                if m.is_pending() {
                    return view! { <p class="municipality-current">{t.get().loading}</p> }.into_any();
                }
                match m.chosen().filter(|_| !editing.get()) {
                    Some(current) => view! {
                        <p class="municipality-current">
                            {move || t.get().municipality_current}" "
                            <strong>{current.display_name.clone()}</strong>
                        </p>
                        <div class="button-row">
                            <button type="button" id=CHANGE_ID class="secondary" on:click=change>
                                {move || t.get().municipality_change}
                            </button>
                            <button type="button" class="secondary" on:click=remove>
                                {move || t.get().municipality_remove}
                            </button>
                        </div>
                    }
                    .into_any(),
                    None => view! {
                        <Combobox
                            id=INPUT_ID
                            label=Signal::derive(move || t.get().municipality_label.to_owned())
                            hint=Signal::derive(move || t.get().municipality_hint.to_owned())
                            value=text
                            fetch=fetch.get_value()
                            count_text=Signal::derive(move || t.get().municipalities_count)
                            on_pick=on_pick
                            min_chars=2
                        />
                        {move || match m.chosen() {
                            None => view! { <p class="hint">{t.get().municipality_none}</p> }.into_any(),
                            Some(_) => view! {
                                <button type="button" class="secondary" on:click=cancel>{t.get().cancel}</button>
                            }
                            .into_any(),
                        }}
                    }
                    .into_any(),
                }
            }}
        </div>
    }
}
