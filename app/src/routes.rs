//! The route table. Every page lives under its language: `/de/`, `/fr/suche`, …

use crate::components::layout::{LangLayout, Layout};
use crate::i18n::browser_lang;
use crate::pages::{
    home::HomePage, not_found::NotFoundPage, search::SearchPage, service::ServicePage,
};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

/// The root component: router and meta context.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::municipality::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <Layout lang=Signal::stored(browser_lang())><NotFoundPage/></Layout> }>
                <Route path=path!("/") view=|| view! { <Redirect path=format!("/{}/", browser_lang().code())/> }/>
                <ParentRoute path=path!("/:lang") view=LangLayout>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("suche") view=SearchPage/>
                    <Route path=path!("leistung/:id") view=ServicePage/>
                    <Route path=path!("*any") view=NotFoundPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
