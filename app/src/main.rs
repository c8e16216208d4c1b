//! The Schalter browser app.
//!
//! # Layout
//! - [`api`]: the one module that talks HTTP.
//! - [`application`]: filling in an online application: answer paths, error labels, the order
//!   of steps, fee tables in words, and submitting (the form engine itself is `contract::form`).
//! - [`drafts`]: applications in progress, kept in the browser (localStorage), each with its
//!   idempotency key.
//! - [`receipts`]: submitted applications kept in the browser: receipt and access token.
//! - [`countries`]: country names for addresses.
//! - [`municipality`]: the citizen's chosen municipality (remembered, shareable in URLs).
//! - [`i18n`]: the current language, read from the URL (`/de/…`), and its texts.
//! - [`routes`]: the route table and the paths of every page.
//! - [`components`]: reusable pieces: the page shell (skip link, header, language switch,
//!   footer), the accessible combobox, the search box, the municipality picker, highlighting,
//!   the form fields (file questions upload as they are chosen) and the error summary.
//! - [`pages`]: one module per route.

mod api;
mod application;
mod components;
mod countries;
mod drafts;
mod i18n;
mod municipality;
mod pages;
mod receipts;
mod routes;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(routes::App);
}
