//! The Schalter browser app, built as three bundles (see `contract::bundles`): the binaries
//! `discovery` (`src/bin/discovery.rs`), `forms` (`src/bin/forms.rs`) and the full `app`
//! (`src/main.rs`) each mount their own route table from [`routes`], and link-time
//! optimisation leaves out of a bundle whatever its pages do not reach.
//!
//! # Layout
//! The modules form layers; a module imports only from its own layer or the layers below it,
//! never in a circle (`tests/layers.rs` checks it and prints the module graph).
//!
//! 1. Leaves, which import nothing of the app:
//!    - [`paths`]: the address of every page (query strings, the links between an
//!      application's pages).
//!    - [`i18n`]: the current language, read from the URL (`/de/…`), and its texts.
//!    - [`countries`]: country names for addresses.
//!    - [`storage`]: the browser's localStorage.
//!    - [`activity`]: when the server last answered, shared by the browser's tabs (the
//!      session's idle timeout is counted from it).
//!    - [`web_app`]: the service worker that keeps the app for visits without a network, and
//!      the web app manifest of the page language.
//!    - [`first_screen`]: taking over from the home page's first screen, which the server
//!      draws before the app arrives (keeping what was typed and the focus).
//! 2. [`api`]: the one module that talks HTTP; every request goes through its one builder.
//! 3. The state of the app:
//!    - [`drafts`]: applications in progress, kept in the browser, each with its idempotency
//!      key.
//!    - [`receipts`]: submitted applications kept in the browser: receipt and access token.
//!    - [`municipality`]: the citizen's chosen municipality (remembered, shareable in URLs).
//!    - [`application`]: filling in an online application: answer paths, error labels, the
//!      order of steps, fee tables in words, and submitting (the form engine itself is
//!      `contract::form`).
//!    - [`account`]: who is signed in, the session's timeouts and the warning before the idle
//!      one, and the texts of the account pages.
//!    - [`sync`]: a signed-in citizen's drafts follow them to their other devices: every save
//!      carries the revision it was based on, and another device's newer save is a conflict
//!      the citizen resolves.
//!    - [`form_session`]: the application being filled in (the loaded form and the open
//!      draft), shared by its pages.
//! 4. [`components`]: reusable pieces: the page shell (skip link, header, language switch,
//!    footer), the accessible combobox, the search box, the municipality picker, highlighting,
//!    the form fields (one frame around every question; file questions upload as they are
//!    chosen), the error summary, and what the pages of an application share. Components
//!    never import pages.
//! 5. [`pages`]: one module per route; pages never import each other.
//! 6. [`routes`]: the route tables, one per bundle, at the top.

mod account;
mod activity;
mod api;
mod application;
mod components;
mod countries;
mod drafts;
pub mod first_screen;
mod form_session;
mod i18n;
mod municipality;
mod pages;
mod paths;
mod receipts;
pub mod routes;
mod storage;
mod sync;
mod web_app;
