//! Cases: what happens to an application after it arrived.
//!
//! - [`messages`]: the Postfach: the authority writes to the citizen about an application, the
//!   citizen answers (which returns a case waiting for them to the clerks), both with files.
//! - [`desk`]: clerk mode: the inbox of a clerk's authorities, a case with everything about
//!   it, assigning, status changes with reasons, internal notes.
//! - [`audit`]: the audit log of every staff read and change, chained by hash per authority.
//! - [`retention`]: closed cases reduced to their record or deleted after the authority's
//!   retention period.
//! - [`routes`]: `/api/v1/submissions/{reference}/messages…`; [`staff_routes`]:
//!   `/api/v1/staff/cases…`. Both only translate.

pub mod audit;
pub mod desk;
pub mod messages;
pub mod retention;
pub mod routes;
pub mod staff_routes;
