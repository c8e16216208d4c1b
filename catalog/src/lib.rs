//! The Schalter service catalogue, independent of HTTP and databases.
//!
//! # Layout
//! - [`model`]: services as citizens of one country see them, texts per language, levels.

pub mod model;
