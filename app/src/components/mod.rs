//! Reusable pieces of the user interface.

pub mod layout;
