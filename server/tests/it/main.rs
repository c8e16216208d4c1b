//! The server's integration tests, one module per subject, linked into one test binary: each
//! binary links the whole server, and one per subject took ~90 MB of disk and a link step each.
//! Run one subject with `cargo test -p server --test it <module>::` (e.g. `crash::`).

#[macro_use]
mod common;

mod access;
mod account_data;
mod accounts;
mod authority_admin;
mod backup;
mod catalogue;
mod clerk;
mod crash;
mod eid;
mod embed;
mod errors;
mod form_rules;
mod forms;
mod foundation;
mod group_commit;
mod handoff;
mod hardening;
mod limits;
mod organisations;
mod outage;
mod payment_slips;
mod payments;
mod postfach;
mod process;
mod receipt;
mod receipt_access;
mod receipt_properties;
mod receipt_texts;
mod scaleout;
mod submissions;
mod text_safety;
mod upgrade;
mod web_app;
