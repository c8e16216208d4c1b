//! The contract between the Schalter browser app and the server.
//!
//! Everything both sides must agree on lives here, compiled natively for the server and to
//! WebAssembly for the app, so that a change on one side cannot silently diverge from the other.
//!
//! # Layout
//! - [`lang`]: the portal languages and how they appear in URLs and `Accept-Language`.
//! - [`typography`]: French "de" before names ("d’Aarau") and the spacing of ":?!;".
//! - [`texts`]: the user-interface texts in every portal language, checked complete at compile time.
//! - [`paths`]: the addresses of the portal's search and service pages, for links into it.
//! - [`bundles`]: which of the app's WebAssembly bundles answers an address.
//! - [`first_screen`]: the home page's first screen as HTML, sent before the app arrives.
//! - [`html`]: escaping text for HTML written as a string.
//! - [`account`]: the Bürgerkonto: registering, signing in, the session and the profile.
//! - [`cases`]: clerk mode: staff sign-in, the inbox, a case, its workflow and audit log.
//! - [`api`]: the JSON types of the `/api/v1/` interface and the common error body.
//! - [`error_texts`]: the messages of the API's error answers in every portal language.
//! - [`form`]: the form engine: definitions, conditions, fees, overlays and validation.
//! - [`messages`]: the Postfach between the authority and the citizen.
//! - [`display`]: how amounts, receipt times and fee lines are written in each language.
//! - [`submission`]: submitting, the receipt, uploads, the status lifecycle, reference numbers.

pub mod account;
pub mod api;
pub mod authority;
pub mod bundles;
pub mod cases;
pub mod display;
pub mod error_texts;
pub mod first_screen;
pub mod form;
pub mod html;
pub mod lang;
pub mod messages;
pub mod page_data;
pub mod paths;
pub mod payment;
pub mod receipt_texts;
pub mod slip;
pub mod submission;
pub mod texts;
pub mod typography;

pub use lang::Lang;
