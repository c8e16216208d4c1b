//! Paying fees: the provider interface ([`provider`]), its Datatrans implementation
//! ([`datatrans`]), payment references and QR payloads for invoices ([`qrbill`]), the payment
//! slip issued with a receipt ([`slip`]), the tables ([`store`]), the service that records each
//! payment exactly once ([`service`]) and the HTTP routes ([`routes`]).

pub mod datatrans;
pub mod provider;
pub mod qrbill;
pub mod routes;
pub mod service;
pub mod slip;
pub mod store;

pub use service::Payments;
