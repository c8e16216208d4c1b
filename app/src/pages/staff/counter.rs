//! `/<lang>/amt/schalter`: entering an application for someone at the counter or on the phone.
//! The clerk uses the portal's own search and forms while signed in as staff: the server
//! records the clerk beside the citizen named in the form, the confirmation page offers the
//! receipt to print, and the confirmation e-mail goes to the address given in the form.

use crate::components::staff_area::StaffArea;
use crate::i18n::{use_lang, use_staff_texts, use_texts};
use crate::paths::{StaffPage, home_path, staff_path};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/:lang/amt/schalter`
#[component]
pub fn CounterPage() -> impl IntoView {
    let st = use_staff_texts();
    let t = use_texts();
    let lang = use_lang();
    view! {
        <StaffArea here=Signal::derive(move || staff_path(lang.get(), StaffPage::Counter))>
            <Title text=move || t.get().title(st.get().counter_heading)/>
            <h1>{move || st.get().counter_heading}</h1>
            <p class="lead">{move || st.get().counter_intro}</p>
            <p><a class="button button-primary" href=move || home_path(lang.get())>{move || st.get().counter_link}</a></p>
        </StaffArea>
    }
}
