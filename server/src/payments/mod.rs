//! Paying fees: the provider interface ([`provider`]), its Datatrans implementation
//! ([`datatrans`]), the tables ([`store`]), the service that records each payment exactly once
//! ([`service`]) and the HTTP routes ([`routes`]).

pub mod datatrans;
pub mod provider;
pub mod routes;
pub mod service;
pub mod store;

pub use service::Payments;
