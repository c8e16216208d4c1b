//! One module per route.

pub mod account;
pub mod drafts;
pub mod form;
pub mod home;
pub mod not_found;
pub mod receipt;
pub mod search;
pub mod service;
pub mod staff;
