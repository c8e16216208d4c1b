//! The Schalter service catalogue, independent of HTTP and databases.
//!
//! # Layout
//! - [`model`]: services as citizens of one country see them, texts per language, levels.
//! - [`places`]: the authority tree (country, canton/Land, district/Kreis, municipality).

pub mod model;
pub mod places;
