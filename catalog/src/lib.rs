//! The Schalter service catalogue, independent of HTTP and databases.
//!
//! # Layout


pub mod model;
