//! The route tables: which page answers which address, one table per bundle
//! (`contract::bundles`): [`DiscoveryApp`], [`FormsApp`] and the full [`App`]. They are the top
//! of the app: they know the pages, and hand the layout the page for unknown addresses. The
//! addresses themselves are built in [`crate::paths`].
//!
//! A bundle asked for an address it has no page for (a link followed inside it) loads that
//! address as a new page, so that the server sends the bundle that has it; a marker in the
//! tab's sessionStorage keeps a wrong shell from reloading for ever (then the page for
//! unknown addresses shows).

use crate::components::layout::{LangLayout, Layout};
use crate::i18n::browser_lang;
use crate::pages::account::{
    home::AccountPage,
    organisations::{InvitationPage, OrganisationsPage},
    postfach::PostfachPage,
    profile::ProfilePage,
    register::RegisterPage,
    sign_in::SignInPage,
    tokens::{ForgotPasswordPage, NewPasswordPage, VerifyPage},
};
use crate::pages::drafts::DraftsPage;
use crate::pages::form::{
    FormShell, check::CheckPage, confirmation::ConfirmationPage, start::StartPage, step::StepPage,
};
use crate::pages::staff::{
    case::CasePage, counter::CounterPage, forms::FormsPage, forms::OverlayPage, inbox::InboxPage,
    payments::PaymentsPage, services::ServicesPage, settings::SettingsPage, setup::StaffSetupPage,
    sign_in::StaffSignInPage, team::TeamPage,
};
use crate::pages::{
    home::HomePage, not_found::NotFoundPage, receipt::ReceiptPage, search::SearchPage,
    service::ServicePage,
};
use contract::bundles::{Bundle, bundle_for_path};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The discovery bundle: the home page, the search results and the service pages.
#[component]
pub fn DiscoveryApp() -> impl IntoView {
    provide_shared(Bundle::Discovery);
    let elsewhere = || view! { <Elsewhere here=Bundle::Discovery/> };
    view! {
        <Router>
            <Routes fallback=move || view! { <Layout lang=Signal::stored(browser_lang())>{elsewhere()}</Layout> }>
                <Route path=path!("/") view=|| view! { <Redirect path=format!("/{}/", browser_lang().code())/> }/>
                <ParentRoute path=path!("/:lang") view=move || view! { <LangLayout not_found=elsewhere/> }>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("suche") view=SearchPage/>
                    <Route path=path!("leistung/:id") view=ServicePage/>
                    <Route path=path!("*any") view=elsewhere/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The forms bundle: an application, the drafts and the receipt page.
#[component]
pub fn FormsApp() -> impl IntoView {
    provide_shared(Bundle::Forms);
    let elsewhere = || view! { <Elsewhere here=Bundle::Forms/> };
    view! {
        <Router>
            <Routes fallback=move || view! { <Layout lang=Signal::stored(browser_lang())>{elsewhere()}</Layout> }>
                <ParentRoute path=path!("/:lang") view=move || view! { <LangLayout not_found=elsewhere/> }>
                    <Route path=path!("antraege") view=DraftsPage/>
                    <Route path=path!("eingang/:reference") view=ReceiptPage/>
                    // Static segments first: a step id never shadows the check page.
                    <ParentRoute path=path!("antrag/:form") view=FormShell>
                        <Route path=path!("") view=StartPage/>
                        <Route path=path!("pruefen") view=CheckPage/>
                        // The confirmation before submitting existed: older links lead on.
                        <Route path=path!("bestaetigung") view=ConfirmationPage/>
                        <Route path=path!(":step") view=StepPage/>
                    </ParentRoute>
                    <Route path=path!("*any") view=elsewhere/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// What every bundle provides: meta context, the chosen municipality, who is signed in. It
/// also clears the marker of a page load that reached the bundle it was meant for.
fn provide_shared(here: Bundle) {
    provide_meta_context();
    crate::municipality::provide();
    crate::account::provide();
    let path = window().location().pathname().unwrap_or_default();
    if (here == Bundle::Full || bundle_for_path(&path) == here)
        && let Some(storage) = session_storage()
    {
        let _ = storage.remove_item(LOADING_KEY);
    }
}

/// The full app: every page.
#[component]
pub fn App() -> impl IntoView {
    provide_shared(Bundle::Full);
    view! {
        <Router>
            <Routes fallback=|| view! { <Layout lang=Signal::stored(browser_lang())><NotFoundPage/></Layout> }>
                <Route path=path!("/") view=|| view! { <Redirect path=format!("/{}/", browser_lang().code())/> }/>
                <ParentRoute path=path!("/:lang") view=|| view! { <LangLayout not_found=NotFoundPage/> }>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("suche") view=SearchPage/>
                    <Route path=path!("leistung/:id") view=ServicePage/>
                    <Route path=path!("antraege") view=DraftsPage/>
                    <Route path=path!("eingang/:reference") view=ReceiptPage/>
                    <Route path=path!("konto") view=AccountPage/>
                    <Route path=path!("konto/anmelden") view=SignInPage/>
                    <Route path=path!("konto/registrieren") view=RegisterPage/>
                    <Route path=path!("konto/bestaetigen") view=VerifyPage/>
                    <Route path=path!("konto/passwort-vergessen") view=ForgotPasswordPage/>
                    <Route path=path!("konto/passwort-neu") view=NewPasswordPage/>
                    <Route path=path!("konto/postfach") view=PostfachPage/>
                    <Route path=path!("konto/profil") view=ProfilePage/>
                    <Route path=path!("konto/organisationen") view=OrganisationsPage/>
                    <Route path=path!("konto/einladung") view=InvitationPage/>
                    <Route path=path!("amt") view=InboxPage/>
                    <Route path=path!("amt/anmelden") view=StaffSignInPage/>
                    <Route path=path!("amt/zugang") view=StaffSetupPage/>
                    <Route path=path!("amt/schalter") view=CounterPage/>
                    <Route path=path!("amt/einstellungen") view=SettingsPage/>
                    <Route path=path!("amt/team") view=TeamPage/>
                    <Route path=path!("amt/leistungen") view=ServicesPage/>
                    <Route path=path!("amt/formulare") view=FormsPage/>
                    <Route path=path!("amt/zahlungen") view=PaymentsPage/>
                    <Route path=path!("amt/formulare/:form") view=OverlayPage/>
                    <Route path=path!("amt/fall/:reference") view=CasePage/>
                    // Static segments first: a step id never shadows the check page.
                    <ParentRoute path=path!("antrag/:form") view=FormShell>
                        <Route path=path!("") view=StartPage/>
                        <Route path=path!("pruefen") view=CheckPage/>
                        // The confirmation before submitting existed: older links lead on.
                        <Route path=path!("bestaetigung") view=ConfirmationPage/>
                        <Route path=path!(":step") view=StepPage/>
                    </ParentRoute>
                    <Route path=path!("*any") view=NotFoundPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The sessionStorage key holding the address this tab is loading as a new page because the
/// bundle it was in has no page for it.
const LOADING_KEY: &str = "schalter.bundle-load";

fn session_storage() -> Option<leptos::web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// An address the bundle `here` has no page for: loads it as a new page when another bundle
/// has it (nothing is shown meanwhile), else shows the page for unknown addresses. A second
/// attempt for the same address (the server sent this bundle again) shows that page too.
#[component]
fn Elsewhere(here: Bundle) -> impl IntoView {
    let location = use_location();
    move || {
        let path = location.pathname.get();
        let target = address(&path, &location.search.get(), &location.hash.get());
        if bundle_for_path(&path) != here && load_as_new_page(&target) {
            ().into_any()
        } else {
            view! { <NotFoundPage/> }.into_any()
        }
    }
}

/// `path?search#hash` (the router gives query and fragment without their marks).
fn address(path: &str, search: &str, hash: &str) -> String {
    let mut out = path.to_owned();
    let search = search.trim_start_matches('?');
    if !search.is_empty() {
        out.push('?');
        out.push_str(search);
    }
    let hash = hash.trim_start_matches('#');
    if !hash.is_empty() {
        out.push('#');
        out.push_str(hash);
    }
    out
}

/// Loads `target` (path, query and fragment) as a new page, unless this tab tried that
/// already (then clears the marker and answers false).
fn load_as_new_page(target: &str) -> bool {
    let storage = session_storage();
    if let Some(s) = &storage
        && s.get_item(LOADING_KEY).ok().flatten().as_deref() == Some(target)
    {
        let _ = s.remove_item(LOADING_KEY);
        return false;
    }
    if let Some(s) = &storage {
        let _ = s.set_item(LOADING_KEY, target);
    }
    let location = window().location();
    let current = address(
        &location.pathname().unwrap_or_default(),
        &location.search().unwrap_or_default(),
        &location.hash().unwrap_or_default(),
    );
    // The router has usually written the address into the history already: that entry is
    // replaced, so that Back leads to the page before, not to this address again.
    if current == target {
        location.replace(target).is_ok()
    } else {
        location.assign(target).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn addresses_get_their_marks_once() {
        assert_eq!(address("/de/antrag/f", "", ""), "/de/antrag/f");
        assert_eq!(
            address("/de/antrag/f", "gemeinde=de:1", ""),
            "/de/antrag/f?gemeinde=de:1"
        );
        assert_eq!(
            address("/de/antrag/f", "?gemeinde=de:1", "#main"),
            "/de/antrag/f?gemeinde=de:1#main"
        );
        assert_eq!(address("/de/konto", "", "eid=x"), "/de/konto#eid=x");
    }
}
