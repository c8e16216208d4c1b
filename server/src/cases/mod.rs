//! Cases: what happens to an application after it arrived. Today the Postfach ([`messages`]):
//! the authority writes to the citizen about an application, the citizen answers, both with
//! files. Clerk mode builds on the same services.

pub mod messages;
pub mod routes;
