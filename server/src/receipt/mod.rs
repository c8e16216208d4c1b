//! The citizen's proof of submission: the PDF receipt and the confirmation e-mail, both in
//! the citizen's language, both made from the stored [`contract::submission::Receipt`].

pub mod mail;
pub mod pdf;
