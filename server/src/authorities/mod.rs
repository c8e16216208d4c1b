//! Authorities' own settings, kept by their administrators: today how long a citizen's receipt
//! token stays valid.
//!
//! - [`store`]: the `authority_settings` table.
//! - [`service`]: reading and changing the settings, for the authority's admins.
//! - [`routes`]: `GET|PUT /api/v1/authorities/<id>/settings`.

pub mod admin;
pub mod local;
pub mod overlays;
pub mod routes;
pub mod service;
pub mod store;
