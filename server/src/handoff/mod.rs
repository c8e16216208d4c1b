//! Hand-off to the authority: the outbox worker that delivers confirmation e-mails and signed
//! webhooks, and the export formats a webhook body or `schalter export` writes.
//!
//! # Layout
//! - [`outbox`]: the worker every server instance runs; claims due rows with a lease,
//!   delivers, retries with exponential backoff and jitter, gives up after a maximum.
//! - [`webhook`]: registered endpoints, the `Schalter-Signature` HMAC and its check for
//!   receivers, one HTTP attempt.
//! - [`export`]: a stored submission as `schalter.submission/v1` JSON, as an XML envelope
//!   shaped after eCH-0058/eCH-0039, and as FIT-Connect metadata with data and attachments.
//!
//! `docs/handoff.md` is the guide for an authority's IT.

pub mod export;
pub mod outbox;
pub mod webhook;
