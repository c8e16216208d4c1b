//! The page shell: skip link, header with the portal name, main navigation and language
//! switch, the main landmark and the footer.

use crate::account::use_account;
use crate::components::account_ui::SessionWarning;
use crate::i18n::{CurrentLang, browser_lang, use_shell_texts, use_texts};
use crate::paths::{
    AccountPage, SearchLink, account_path, drafts_path, home_path, search_path, switch_path,
};
use contract::Lang;
use contract::texts::Texts;
use leptos::prelude::*;
use leptos::web_sys::HtmlElement;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_location, use_params_map};
use wasm_bindgen::JsCast;

/// The layout of every route under `/:lang`: an unknown language code shows `not_found` (the
/// route table's page for unknown addresses). It also keeps the chosen municipality and the
/// URL's `?gemeinde=` in step.
#[component]
pub fn LangLayout(#[prop(into)] not_found: ViewFn) -> impl IntoView {
    let params = use_params_map();
    let parsed = Memo::new(move |_| {
        params
            .read()
            .get("lang")
            .and_then(|l| l.parse::<Lang>().ok())
    });
    let known = Memo::new(move |_| parsed.get().is_some());
    let lang = Signal::derive(move || parsed.get().unwrap_or_else(browser_lang));
    crate::municipality::sync_with_url();
    view! {
        <Layout lang>
            {move || if known.get() { view! { <Outlet/> }.into_any() } else { not_found.run() }}
        </Layout>
    }
}

/// The shell around a page in language `lang`.
#[component]
pub fn Layout(lang: Signal<Lang>, children: Children) -> impl IntoView {
    provide_context(CurrentLang(lang));
    let t = use_texts();
    // Requests made while the page is drawn already carry its language.
    crate::api::set_language(lang.get_untracked());
    Effect::new(move || {
        let lang = lang.get();
        crate::api::set_language(lang);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        crate::web_app::manifest(lang);
    });
    crate::web_app::start();
    focus_main_after_navigation();
    let home = move || home_path(lang.get());
    let search = move || search_path(lang.get(), &SearchLink::default());
    let applications = move || drafts_path(lang.get());
    let at = use_shell_texts();
    let account = use_account();
    let signed_in = Memo::new(move |_| account.who().is_some());
    let account_link = move || {
        let page = if signed_in.get() {
            AccountPage::Home
        } else {
            AccountPage::SignIn
        };
        account_path(lang.get(), page)
    };
    let account_text = move || {
        if signed_in.get() {
            at.get().nav_account
        } else {
            at.get().nav_sign_in
        }
    };
    // In clerk mode the last link leads to the case work, not to a citizen's account (a clerk
    // is signed in as staff, and "sign in" there would mean the Bürgerkonto).
    let location = leptos_router::hooks::use_location();
    let clerk_mode = Memo::new(move |_| location.pathname.get().split('/').nth(2) == Some("amt"));
    let last_link = move || {
        if clerk_mode.get() {
            view! {
                <li class="nav-account">
                    <A href=move || crate::paths::staff_path(lang.get(), crate::paths::StaffPage::Inbox)>
                        {move || at.get().staff_area}
                    </A>
                </li>
            }
            .into_any()
        } else {
            view! { <li class="nav-account"><A href=account_link>{account_text}</A></li> }
                .into_any()
        }
    };
    // On narrow screens the main navigation is behind a menu button; it closes on navigation.
    let menu_open = RwSignal::new(false);
    Effect::new(move || {
        location.pathname.track();
        menu_open.set(false);
    });
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
            if let Some(b) = document()
                .get_element_by_id(MENU_BUTTON)
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = b.focus();
            }
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=|ev| { ev.prevent_default(); focus_main(); }>
            {move || t.get().skip_to_content}
        </a>
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href=home>
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-text">
                        <span class="brand-name">{move || t.get().portal_name}</span>
                        <span class="brand-tagline">{move || t.get().portal_tagline}</span>
                    </span>
                </a>
                <button
                    type="button"
                    id=MENU_BUTTON
                    class="menu-button"
                    aria-controls=MAIN_NAV
                    aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                    on:click=move |_| menu_open.update(|o| *o = !*o)
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    {move || t.get().menu_button}
                </button>
                <LanguageSwitch lang/>
            </div>
            <nav
                id=MAIN_NAV
                class="main-nav"
                class:open=move || menu_open.get()
                aria-label=move || t.get().main_nav_label
                on:keydown=close_on_escape
            >
                <div class="container">
                    <ul>
                        <li><A href=home exact=true>{move || t.get().nav_home}</A></li>
                        <li><A href=search>{move || t.get().nav_search}</A></li>
                        <li><A href=applications>{move || t.get().nav_drafts}</A></li>
                        {last_link}
                    </ul>
                </div>
            </nav>
        </header>
        <SessionWarning/>
        <main id="main" tabindex="-1" class="container main">
            {children()}
        </main>
        <Footer t/>
    }
}

/// The menu button's id (focus returns to it when Escape closes the menu).
const MENU_BUTTON: &str = "menu-button";
/// The main navigation's id, which the menu button controls.
const MAIN_NAV: &str = "main-nav";

/// Links to the current page in every portal language.
#[component]
fn LanguageSwitch(lang: Signal<Lang>) -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    view! {
        <nav class="lang-switch" aria-label=move || t.get().language_switch_label>
            <ul>
                {Lang::ALL.into_iter().map(|l| {
                    let href = move || switch_path(&location.pathname.get(), &location.search.get(), l);
                    let current = move || (lang.get() == l).then_some("page");
                    view! {
                        <li>
                            <a href=href hreflang=l.code() lang=l.code() aria-current=current>
                                {l.endonym()}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn Footer(t: Signal<&'static Texts>) -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container footer-inner">
                <p>{move || t.get().footer_operator}</p>
            </div>
        </footer>
    }
}

fn focus_main() {
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// After a client-side navigation, move focus to the main landmark so that keyboard and
/// screen-reader users start at the new content, as after a full page load.
fn focus_main_after_navigation() {
    let location = use_location();
    let first = StoredValue::new(true);
    Effect::new(move || {
        location.pathname.track();
        if first.get_value() {
            first.set_value(false);
        } else {
            focus_main();
        }
    });
}
