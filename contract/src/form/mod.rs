//! The form engine: definitions as data, conditions, fees, municipal overlays and the one
//! validation both the browser and the server run.
//!
//! - [`model`]: a versioned [`FormDefinition`] with steps and typed fields, texts in the
//!   portal languages.
//! - [`answers`]: the answers as typed, which steps and fields they make visible, cleaning
//!   before submission and carrying answers over to a newer version.
//! - [`condition`]: show/require/skip conditions, comparisons of dates and amounts.
//! - [`validate`]: the fields' own checks and the form's rules across fields
//!   ([`model::Check`]), structured errors ([`FieldError`]), [`messages`] their localised texts.
//! - [`repertoire`]: the characters answers may contain (DIN 91379) and the normal form they
//!   are stored in.
//! - [`fees`]: fee tables as data and the computed [`Fees`].
//! - [`overlay`]: municipal overlays on a canton/Land template and the change report.
//! - [`summary`]: the answers as a person reads them (check page, receipt, e-mail).
//! - [`checks`]: IBAN, AHV, Steuer-ID, animal chip, e-mail, phone and date formats;
//!   [`country_codes`] the ISO 3166-1 numeric codes a chip begins with (generated).
//! - [`inputs`]: a date's day, month and year boxes and the answer they make; a file
//!   question's limits in words.
//! - [`lint`]: what the importer checks before a form is published.

pub mod answers;
pub mod checks;
pub mod condition;
pub mod country_codes;
pub mod facts;
pub mod fees;
pub mod inputs;
pub mod lint;
pub mod messages;
pub mod model;
pub mod overlay;
pub mod repertoire;
pub mod summary;
pub mod validate;

pub use answers::Answers;
pub use condition::{CompareOp, Comparison, Condition};
pub use fees::{FeeSchedule, Fees};
pub use model::{
    Check, ChoiceOption, Field, FieldKind, FormDefinition, Localized, ProfileSource, Step,
};
pub use overlay::{Overlay, OverlayStatus, TemplateChange};
pub use validate::{Context, ErrorCode, FieldError};
