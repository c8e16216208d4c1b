//! The Schalter browser app.
//!
//! # Layout
//! - [`api`]: the one module that talks HTTP.
//! - [`municipality`]: the citizen's chosen municipality (remembered, shareable in URLs).
//! - [`i18n`]: the current language, read from the URL (`/de/…`), and its texts.
//! - [`routes`]: the route table and the paths of every page.
//! - [`components`]: reusable pieces: the page shell (skip link, header, language switch,
//!   footer), the accessible combobox, the search box, the municipality picker, highlighting.
//! - [`pages`]: one module per route.

mod api;
mod components;
mod i18n;
mod municipality;
mod pages;
mod routes;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(routes::App);
}
