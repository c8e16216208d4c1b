//! Choosing the citizen's municipality by name or postcode.

use crate::api;
use crate::components::combobox::{ComboOption, Combobox, Fetch};
use crate::i18n::use_texts;
use crate::municipality::use_municipality;
use leptos::prelude::*;
use std::rc::Rc;

/// Shows the chosen municipality with "change" and "remove", or the picker.
#[component]
pub fn MunicipalityPicker() -> impl IntoView {
    let t = use_texts();
    let m = use_municipality();
    let editing = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let fetch: Fetch = Rc::new(move |q: String| {
        Box::pin(async move {
            api::municipalities(&q)
                .await
                .map(|r| {
                    r.results
                        .into_iter()
                        .map(|m| ComboOption {
                            meta: [m.district_name.clone(), m.state_name.clone()].join(", "),
                            key: m.id.clone(),
                            label: m.display_name.clone(),
                            highlights: Vec::new(),
                        })
                        .collect()
                })
                .map_err(|e| e.message(t.get_untracked()).to_owned())
        })
    });
    // Reactive closures must be Send; the fetcher is not, so it stays in local storage.
    let fetch = StoredValue::new_local(fetch);
    let on_pick = Callback::new(move |o: ComboOption| {
        leptos::task::spawn_local(async move {
            if let Ok(found) = api::municipality(&o.key).await {
                m.0.set(Some(found));
                editing.set(false);
                text.set(String::new());
            }
        });
    });
    view! {
        <div class="municipality">
            {move || match m.0.get().filter(|_| !editing.get()) {
                Some(current) => view! {
                    <p class="municipality-current">
                        <span>{move || t.get().municipality_current}" "</span>
                        <strong>{current.display_name.clone()}</strong>
                    </p>
                    <div class="button-row">
                        <button type="button" class="secondary" on:click=move |_| editing.set(true)>
                            {move || t.get().municipality_change}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| m.0.set(None)>
                            {move || t.get().municipality_remove}
                        </button>
                    </div>
                }.into_any(),
                None => view! {
                    <Combobox
                        id="gemeinde"
                        label=Signal::derive(move || t.get().municipality_label.to_owned())
                        hint=Signal::derive(move || t.get().municipality_hint.to_owned())
                        value=text
                        fetch=fetch.get_value()
                        count_text=Signal::derive(move || t.get().results_count)
                        on_pick=on_pick
                        min_chars=2
                    />
                    {move || m.0.get().is_none().then(|| view! { <p class="hint">{t.get().municipality_none}</p> })}
                }.into_any(),
            }}
        </div>
    }
}
