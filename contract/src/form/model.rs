//! The form definition: steps, fields, conditions and fees, all data.
//!
//! A definition is written as JSON (see `catalog/data/forms/`), served by the API and rendered by
//! the app; [`super::validate`] checks answers against it on both sides.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::fees::FeeSchedule;
use crate::Lang;

/// A text in several portal languages. German is the reference every form must carry; a
/// language without its own text falls back to German (and the renderer marks it `lang="de"`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<Lang, String>);

impl Localized {
    /// A German-only text (tests and overlays).
    pub fn de(text: &str) -> Localized {
        Localized(BTreeMap::from([(Lang::De, text.to_owned())]))
    }

    /// The text in `lang`, else German, else any; with the language actually shown.
    pub fn get_with_lang(&self, lang: Lang) -> (&str, Lang) {
        if let Some(t) = self.0.get(&lang) {
            return (t, lang);
        }
        if let Some(t) = self.0.get(&Lang::De) {
            return (t, Lang::De);
        }
        self.0
            .iter()
            .next()
            .map(|(l, t)| (t.as_str(), *l))
            .unwrap_or(("", lang))
    }

    /// The text in `lang`, with the fallbacks of [`Localized::get_with_lang`].
    pub fn get(&self, lang: Lang) -> &str {
        self.get_with_lang(lang).0
    }

    /// Whether a text exists in `lang` itself.
    pub fn has(&self, lang: Lang) -> bool {
        self.0.get(&lang).is_some_and(|t| !t.trim().is_empty())
    }
}

/// A versioned form: the template a canton or Land publishes, or the effective form a
/// municipality serves (template with its overlay applied, see [`super::overlay`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormDefinition {
    /// Stable id (`hundesteuer-th`), used in URLs and drafts.
    pub id: String,
    /// Template version; a published version never changes (the importer refuses edits).
    pub version: u32,
    /// Revision of the municipal overlay applied, 0 for the template itself.
    #[serde(default)]
    pub overlay_revision: u32,
    /// Municipality whose overlay is applied, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// The authority that publishes the template (`de:16` Thüringen, `ch:AG`, `ch`):
    /// municipalities below it may use the form.
    pub owner: String,
    /// The catalogue services this form applies for (LeiKa keys or Swiss ids).
    pub services: Vec<String>,
    /// `ch` or `de`: the catalogue variant of those services.
    pub country: String,
    /// Languages the form is complete in; German always.
    pub languages: Vec<Lang>,
    /// Form title ("Hund anmelden").
    pub title: Localized,
    /// What the citizen needs and what happens next; shown before the first step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Localized>,
    /// The pages of the form, in order.
    pub steps: Vec<Step>,
    /// Fees computed from the answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<FeeSchedule>,
    /// Rules across fields ("the start of care is not before the birth"), checked by the
    /// same validation on both sides; an overlay cannot take them away.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// How many days after a newer version (or a municipality's new overlay revision) is
    /// published a draft begun on the one before may still be submitted as it is; after that
    /// it is carried over to the current version. [`DEFAULT_PREVIOUS_VERSION_DAYS`] when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_version_days: Option<u32>,
    /// How sure the portal must be of who applies: unset (or `low`) lets anyone apply,
    /// anonymously too; `substantial` or `high` needs a citizen signed in with an eID of that
    /// level (the app offers the step-up in the middle of the form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assurance: Option<crate::account::Level>,
}

/// A rule across fields: where `when` holds (or always), `require` must hold, else `message`
/// is shown at `field`. It is tested only once every field `require` reads is answered and
/// passed its own checks (a missing answer is the required check's business).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Check {
    /// Stable id, unique in the form (the error's `limit`).
    pub id: String,
    /// The top-level field the message is shown at.
    pub field: String,
    /// The rule applies only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What must hold.
    pub require: Condition,
    /// What the citizen is told, saying what to do.
    pub message: Localized,
}

/// How long drafts of a superseded form version stay submittable when the publisher says
/// nothing: long enough to finish what one began, short enough that old rules do not linger.
pub const DEFAULT_PREVIOUS_VERSION_DAYS: u32 = 30;

/// One page of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Step {
    /// Stable id, used in URLs (`/antrag/<form>/<step>`).
    pub id: String,
    /// Page heading.
    pub title: Localized,
    /// Text under the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Localized>,
    /// The step is shown only when this holds (else skipped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Fields, in order.
    pub fields: Vec<Field>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Field {
    /// Id, unique in the form (and, for fields of a group, unique in the group).
    pub id: String,
    /// The question or label.
    pub label: Localized,
    /// Hint under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Localized>,
    /// The kind of answer and its limits.
    #[serde(flatten)]
    pub kind: FieldKind,
    /// An answer is needed (when the field is shown).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// An answer is needed when this holds (in addition to `required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_if: Option<Condition>,
    /// The field is shown only when this holds; a hidden field is neither validated nor submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// HTML `autocomplete` token for the browser (`email`, `given-name`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<String>,
    /// What of a signed-in citizen's profile fills the field in when the form is started
    /// ([`Field::profile_source`]: unset, the `autocomplete` token says it where it names a
    /// profile value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<ProfileSource>,
}

/// A value of the citizen's profile that a field can be filled in with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProfileSource {
    /// Given name.
    GivenName,
    /// Family name.
    FamilyName,
    /// Date of birth.
    BirthDate,
    /// Home address (an address field).
    Address,
    /// The account's e-mail address.
    Email,
    /// Phone.
    Phone,
}

impl ProfileSource {
    /// The profile's answer key (`email` is the account's address, not a profile answer).
    pub fn key(self) -> &'static str {
        match self {
            ProfileSource::GivenName => "given_name",
            ProfileSource::FamilyName => "family_name",
            ProfileSource::BirthDate => "birth_date",
            ProfileSource::Address => "address",
            ProfileSource::Email => "email",
            ProfileSource::Phone => "phone",
        }
    }
}

impl Field {
    /// Where a signed-in citizen's profile fills this field in: `prefill`, or the
    /// `autocomplete` token (`given-name`, `family-name`, `bday`, `email`, `tel`) of a field
    /// of the matching kind.
    pub fn profile_source(&self) -> Option<ProfileSource> {
        if self.prefill.is_some() {
            return self.prefill;
        }
        let source = match self.autocomplete.as_deref()? {
            "given-name" => ProfileSource::GivenName,
            "family-name" => ProfileSource::FamilyName,
            "bday" => ProfileSource::BirthDate,
            "email" => ProfileSource::Email,
            "tel" => ProfileSource::Phone,
            _ => return None,
        };
        let fits = match (&self.kind, source) {
            (FieldKind::Date { .. }, ProfileSource::BirthDate) => true,
            (FieldKind::Date { .. }, _) | (_, ProfileSource::BirthDate) => false,
            (FieldKind::Email, ProfileSource::Email) => true,
            (FieldKind::Phone, ProfileSource::Phone) => true,
            (FieldKind::Text { .. }, ProfileSource::GivenName | ProfileSource::FamilyName) => true,
            _ => false,
        };
        fits.then_some(source)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A choice of a single or multiple choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceOption {
    /// The stored value.
    pub value: String,
    /// What the citizen reads.
    pub label: Localized,
}

/// The kinds of answers, with their limits. Every scalar answer is stored as the string the
/// citizen typed (nothing is lost to parsing); validation parses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text {
        /// Maximum length in characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_length: Option<u32>,
    },
    /// Several lines of text.
    LongText {
        /// Maximum length in characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_length: Option<u32>,
    },
    /// A number ("3", "12.5", "12,5").
    Number {
        /// Smallest allowed value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// Largest allowed value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
        /// Whole numbers only.
        #[serde(default, skip_serializing_if = "is_false")]
        integer: bool,
        /// Unit shown after the input ("m²", "Stück").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Localized>,
    },
    /// An amount of money in the form's currency, two decimals at most.
    Money {
        /// Smallest amount in cents (Rappen).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_cents: Option<i64>,
        /// Largest amount in cents.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_cents: Option<i64>,
    },
    /// A calendar date, ISO `YYYY-MM-DD`. Bounds are `today`, `today+N`, `today-N` (days),
    /// `today-18y` (years) or a fixed ISO date.
    Date {
        /// Earliest allowed date ("today": not in the past).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        not_before: Option<String>,
        /// Latest allowed date ("today": not in the future).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        not_after: Option<String>,
    },
    /// An e-mail address.
    Email,
    /// A phone number (national or international).
    Phone,
    /// Yes or no; stored as `yes` / `no`.
    YesNo,
    /// A statement the citizen confirms or a permission they give ("Ich bestätige, dass …",
    /// a direct debit mandate), as one checkbox whose label is the statement (the GOV.UK
    /// pattern, not a yes/no question): stored as `true` when given; not given is no answer.
    /// When required it must be given ([`super::validate::ErrorCode::ConsentRequired`]).
    Consent,
    /// One of several options.
    Choice {
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// Any number of several options; stored as a list of values.
    MultiChoice {
        /// The options.
        options: Vec<ChoiceOption>,
        /// At least this many when answered (or required).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        /// At most this many.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// A postal address; stored as an object with `street`, `number`, `postcode`, `place`,
    /// `country` (ISO 3166 alpha-2).
    Address {
        /// Allowed countries; empty means any. The first is the default.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        countries: Vec<String>,
    },
    /// An IBAN (ISO 13616 checksum and the country's length).
    Iban,
    /// A Swiss AHV/AVS number, `756.XXXX.XXXX.XX` (EAN-13 check digit).
    Ahv,
    /// A German tax identification number (11 digits, ISO 7064 check digit).
    SteuerId,
    /// An animal's microchip number (ISO 11784/11785 FDX-B): 15 digits, spaces allowed, the
    /// first three a country or manufacturer code.
    AnimalChip,
    /// Files; stored as a list of `{ "id", "name", "size", "type" }`.
    File {
        /// Allowed media types (`application/pdf`, `image/jpeg`, …).
        accept: Vec<String>,
        /// Largest size of one file in bytes.
        max_bytes: u64,
        /// Most files.
        #[serde(default = "one")]
        max_files: u32,
    },
    /// A repeating group ("add another dog"): stored as a list of answer objects.
    Group {
        /// The fields of one item.
        #[cfg_attr(feature = "openapi", schema(no_recursion))]
        fields: Vec<Field>,
        /// Fewest items when answered (or required).
        #[serde(default)]
        min_items: u32,
        /// Most items.
        max_items: u32,
        /// Heading of one item; `{n}` is its number ("Hund {n}").
        item_label: Localized,
        /// The "add another" button ("Weiteren Hund hinzufügen").
        add_label: Localized,
    },
}

fn one() -> u32 {
    1
}

impl FieldKind {
    /// Stable name of the kind, as in the JSON `type`.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text { .. } => "text",
            FieldKind::LongText { .. } => "long_text",
            FieldKind::Number { .. } => "number",
            FieldKind::Money { .. } => "money",
            FieldKind::Date { .. } => "date",
            FieldKind::Email => "email",
            FieldKind::Phone => "phone",
            FieldKind::YesNo => "yes_no",
            FieldKind::Consent => "consent",
            FieldKind::Choice { .. } => "choice",
            FieldKind::MultiChoice { .. } => "multi_choice",
            FieldKind::Address { .. } => "address",
            FieldKind::Iban => "iban",
            FieldKind::Ahv => "ahv",
            FieldKind::SteuerId => "steuer_id",
            FieldKind::AnimalChip => "animal_chip",
            FieldKind::File { .. } => "file",
            FieldKind::Group { .. } => "group",
        }
    }

    /// The options of a choice field.
    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => options,
            _ => &[],
        }
    }
}

/// The sub-fields of an address answer, in display order.
pub const ADDRESS_PARTS: [&str; 5] = ["street", "number", "postcode", "place", "country"];

impl FormDefinition {
    /// The currency the form's amounts are in: its fee table's, else its country's.
    pub fn currency(&self) -> &str {
        self.fees
            .as_ref()
            .map(|f| f.currency.as_str())
            .unwrap_or(if self.country == "de" { "EUR" } else { "CHF" })
    }

    /// `"<template version>.<overlay revision>"`: what a draft records and a submission names.
    pub fn version_tag(&self) -> String {
        format!("{}.{}", self.version, self.overlay_revision)
    }

    /// Every field of the form, with its step, top level only.
    pub fn fields(&self) -> impl Iterator<Item = (&Step, &Field)> {
        self.steps
            .iter()
            .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
    }

    /// The top-level field with this id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().map(|(_, f)| f).find(|f| f.id == id)
    }

    /// Every field path of the form (`dogs.breed` for group fields, without item numbers).
    pub fn field_paths(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (_, f) in self.fields() {
            out.push(f.id.clone());
            if let FieldKind::Group { fields, .. } = &f.kind {
                out.extend(fields.iter().map(|g| format!("{}.{}", f.id, g.id)));
            }
        }
        out
    }

    /// The field at a path without item numbers (`owner_name`, `dogs.breed`).
    pub fn field_at(&self, path: &str) -> Option<&Field> {
        match path.split_once('.') {
            None => self.field(path),
            Some((group, child)) => match &self.field(group)?.kind {
                FieldKind::Group { fields, .. } => fields.iter().find(|f| f.id == child),
                _ => None,
            },
        }
    }

    /// Mutable access to the field at a path (overlays).
    pub fn field_at_mut(&mut self, path: &str) -> Option<&mut Field> {
        let (head, child) = match path.split_once('.') {
            None => (path, None),
            Some((g, c)) => (g, Some(c)),
        };
        let field = self
            .steps
            .iter_mut()
            .flat_map(|s| s.fields.iter_mut())
            .find(|f| f.id == head)?;
        match child {
            None => Some(field),
            Some(c) => match &mut field.kind {
                FieldKind::Group { fields, .. } => fields.iter_mut().find(|f| f.id == c),
                _ => None,
            },
        }
    }
}
