//! The Schalter service catalogue, independent of HTTP and databases.
//!
//! # Layout
//! - [`model`]: services as citizens of one country see them, texts per language, levels.
//! - [`directory`]: offices and offerings; who is responsible for a service in a municipality;
//!   the municipality picker.
//! - [`places`]: the authority tree (country, canton/Land, district/Kreis, municipality).

pub mod directory;
pub mod model;
pub mod places;
