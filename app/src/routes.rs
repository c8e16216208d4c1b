//! The route table: which page answers which address. It is the top of the app: it knows every
//! page, and hands the layout the page for unknown addresses. The addresses themselves are
//! built in [`crate::paths`].

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
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

/// The root component: router, meta context and the chosen municipality.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::municipality::provide();
    crate::account::provide();
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
