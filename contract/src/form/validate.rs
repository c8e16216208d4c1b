//! Validation of answers against a form: the one implementation the browser and the server run.
//!
//! Errors are structured ([`FieldError`]: path, code, limit) and ordered as the fields appear,
//! so the browser's error summary and the server's answer list the same errors in the same
//! order. Localised messages come from [`ErrorCode::message`].

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;

use super::answers::{
    Answers, Scope, field_required, field_visible, parse_money, parse_number, present,
};
use super::checks::{self, Flaw};
use super::model::{ADDRESS_PARTS, Check, Field, FieldKind, FormDefinition, Localized, Step};
use super::repertoire::{self, Repertoire};
use crate::Lang;

/// Longest one-line text unless the form sets less.
pub const DEFAULT_TEXT_MAX: u32 = 200;
/// Longest multi-line text unless the form sets less.
pub const DEFAULT_LONG_TEXT_MAX: u32 = 5000;
/// Longest number, amount, date, phone number, AHV number, Steuer-ID or chip number. Their
/// parsers skip separators (spaces, apostrophes, dots), which must not carry a megabyte into
/// storage.
pub const SHORT_ANSWER_MAX: u32 = 30;
/// Longest IBAN as typed: 34 characters and a space after every fourth.
pub const IBAN_MAX: u32 = 42;
/// Longest e-mail address (RFC 5321: 254 characters in a path).
pub const EMAIL_MAX: u32 = 254;
/// Longest street, postcode or place of an address.
pub const ADDRESS_PART_MAX: u32 = 100;
/// Longest house number.
pub const HOUSE_NUMBER_MAX: u32 = 20;

/// What validation needs besides the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// Today's date in the portal's time zone (for "not in the past").
    pub today: Date,
}

impl Context {
    /// A context for the given ISO date.
    pub fn on(today_iso: &str) -> Option<Context> {
        checks::parse_date(today_iso).map(|today| Context { today })
    }
}

/// Why an answer is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// An answer is needed.
    Required,
    /// A confirmation or permission the application needs was not given (a consent field's
    /// box not ticked).
    ConsentRequired,
    /// Longer than `limit` characters.
    TooLong,
    /// Shorter than `limit` characters (passwords).
    TooShort,
    /// Not the account's password.
    WrongPassword,
    /// The authenticator app's code is not the one it shows now.
    WrongCode,
    /// A character the field does not accept (see [`super::repertoire`]); `limit` is its code
    /// point (`U+1F600`), the first one in the answer.
    InvalidCharacter,
    /// Not a number.
    NotANumber,
    /// Not a whole number.
    NotInteger,
    /// Smaller than `limit`.
    TooSmall,
    /// Larger than `limit`.
    TooLarge,
    /// Not an amount of money.
    NotMoney,
    /// Not a date.
    InvalidDate,
    /// A date without its day, month or year (typed in three boxes, one left empty).
    DateIncomplete,
    /// Before today.
    DateInPast,
    /// After today.
    DateInFuture,
    /// Before `limit` (ISO date).
    DateTooEarly,
    /// After `limit` (ISO date).
    DateTooLate,
    /// A date of birth after the `limit`-th birthday's bound (`not_after: today-16y`): the
    /// person is younger than `limit` years.
    TooYoung,
    /// A date of birth before the bound `not_before: today-7y`: the person is older than
    /// `limit` years.
    TooOld,
    /// A rule of the form across fields does not hold ([`super::model::Check`]); `limit` is
    /// the rule's id, the message the form's own.
    Check,
    /// Not an e-mail address; `limit` is the form's country (`ch`, `de`), whose kind of
    /// address the message gives as an example.
    InvalidEmail,
    /// Not a phone number; `limit` is the form's country, as for [`ErrorCode::InvalidEmail`].
    InvalidPhone,
    /// Not one of the options.
    InvalidChoice,
    /// Fewer than `limit` options chosen.
    TooFewChoices,
    /// More than `limit` options chosen.
    TooManyChoices,
    /// Not a postcode of the country; `limit` is the address's country (`CH`, `DE`).
    InvalidPostcode,
    /// A country the form does not accept.
    InvalidCountry,
    /// IBAN checksum or length wrong.
    InvalidIban,
    /// Not the shape of an AHV number: 13 digits starting with 756 (dots and spaces allowed).
    InvalidAhv,
    /// An AHV number whose check digit does not fit the other digits.
    AhvCheckDigit,
    /// Not the shape of a Steuer-ID: 11 digits, the first not 0 (spaces allowed).
    InvalidSteuerId,
    /// A Steuer-ID whose digits do not agree (check digit or the rule of repeated digits).
    SteuerIdCheckDigit,
    /// Not the shape of an animal's chip number: 15 digits (spaces allowed).
    InvalidAnimalChip,
    /// A chip number whose first three digits are neither a country code (ISO 3166-1
    /// numeric) nor a manufacturer code (900 to 998).
    AnimalChipPrefix,
    /// File type not accepted.
    FileType,
    /// File larger than `limit` bytes.
    FileTooLarge,
    /// More than `limit` files.
    TooManyFiles,
    /// A file the server has no upload for (or one uploaded for another draft or field).
    UploadMissing,
    /// Fewer than `limit` group items.
    TooFewItems,
    /// More than `limit` group items.
    TooManyItems,
    /// The answer names a field the form does not have.
    UnknownField,
    /// The answer has the wrong JSON shape for its field.
    WrongType,
    /// Not a web address starting with `https://`.
    InvalidUrl,
}

/// One validation error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Where: `owner_email`, `home.postcode`, `dogs.1.breed` (items counted from 0).
    pub path: String,
    /// Why.
    pub code: ErrorCode,
    /// The limit broken, where the code has one (`200`, `2026-11-23`, `5242880`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// The localised message; filled in by [`FieldError::localise`] (the server sends it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The form's own message for a broken rule ([`ErrorCode::Check`]), in its languages;
    /// [`FieldError::localise`] turns it into `message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_message: Option<Localized>,
}

impl FieldError {
    /// An error at `path` (no limit, no message yet).
    pub fn new(path: impl Into<String>, code: ErrorCode) -> FieldError {
        FieldError {
            path: path.into(),
            code,
            limit: None,
            message: None,
            rule_message: None,
        }
    }

    /// Sets the limit that was broken.
    pub fn limit(mut self, limit: impl ToString) -> FieldError {
        self.limit = Some(limit.to_string());
        self
    }

    /// Fills in the message in `lang`.
    pub fn localise(mut self, lang: Lang) -> FieldError {
        self.message = Some(self.text(lang));
        self.rule_message = None;
        self
    }

    /// The message in `lang`: the form's own for a broken rule, else the code's.
    pub fn text(&self, lang: Lang) -> String {
        match &self.rule_message {
            Some(m) => m.get(lang).to_owned(),
            None => self.code.message(lang, self.limit.as_deref()),
        }
    }

    /// The HTML id of the input the error belongs to (`field-dogs-1-breed`).
    pub fn anchor(&self) -> String {
        anchor(&self.path)
    }
}

/// The HTML id of the input for a field path.
pub fn anchor(path: &str) -> String {
    format!("field-{}", path.replace('.', "-"))
}

impl FormDefinition {
    /// Validates every shown step. Unknown top-level answers are errors (a client may not post
    /// what the form does not ask); answers to hidden fields are ignored (and never submitted,
    /// see [`FormDefinition::clean_answers`]).
    pub fn validate(&self, answers: &Answers, ctx: &Context) -> Vec<FieldError> {
        let mut errors = Vec::new();
        for step in self.visible_steps(answers) {
            validate_fields(&step.fields, answers, None, "", &self.env(ctx), &mut errors);
        }
        self.check_rules(answers, |_| true, &mut errors);
        let known = self.field_paths();
        for key in answers.keys() {
            if !known.iter().any(|k| k == key) {
                errors.push(FieldError::new(key.clone(), ErrorCode::UnknownField));
            }
        }
        errors
    }

    /// Validates one step (the browser does this on "continue"), with the rules whose message
    /// belongs to a field of the step.
    pub fn validate_step(&self, step: &Step, answers: &Answers, ctx: &Context) -> Vec<FieldError> {
        let mut errors = Vec::new();
        validate_fields(&step.fields, answers, None, "", &self.env(ctx), &mut errors);
        self.check_rules(
            answers,
            |c| step.fields.iter().any(|f| f.id == c.field),
            &mut errors,
        );
        errors
    }

    /// Adds an error for every rule ([`FormDefinition::checks`]) that applies and does not
    /// hold, on the answers as submitted: a rule is tested only when every field it requires
    /// to be compared is answered and has no error of its own. Each error is placed after the
    /// errors of the fields before its own, so the list stays in the order of the form.
    fn check_rules(
        &self,
        answers: &Answers,
        include: impl Fn(&Check) -> bool,
        errors: &mut Vec<FieldError>,
    ) {
        if self.checks.is_empty() {
            return;
        }
        let clean = self.clean_answers(answers);
        let scope = Scope::root(&clean);
        let has_error = |id: &str| {
            errors.iter().any(|e| {
                e.path == id
                    || e.path
                        .strip_prefix(id)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        };
        let mut found = Vec::new();
        for check in self.checks.iter().filter(|c| include(c)) {
            if check.when.as_ref().is_some_and(|w| !w.holds(&scope)) {
                continue;
            }
            let reads = check.require.fields();
            if reads
                .iter()
                .any(|f| !clean.get(*f).is_some_and(present) || has_error(f))
                || self.field(&check.field).is_none()
                || has_error(&check.field)
                || !check.require.decidable(&scope)
            {
                continue;
            }
            if !check.require.holds(&scope) {
                let mut e = FieldError::new(check.field.clone(), ErrorCode::Check).limit(&check.id);
                e.rule_message = Some(check.message.clone());
                found.push(e);
            }
        }
        if found.is_empty() {
            return;
        }
        // Order by the position of the top-level field, stable (field errors already are).
        let order: Vec<&str> = self.fields().map(|(_, f)| f.id.as_str()).collect();
        let position = |e: &FieldError| {
            let top = e.path.split('.').next().unwrap_or("");
            order.iter().position(|f| *f == top).unwrap_or(usize::MAX)
        };
        errors.extend(found);
        errors.sort_by_key(position);
    }
}

/// What validation reads besides the answers: the caller's context and the form's country
/// (the default country of an address).
struct Env<'a> {
    today: Date,
    country: &'a str,
    currency: &'a str,
}

impl FormDefinition {
    fn env(&self, ctx: &Context) -> Env<'_> {
        Env {
            today: ctx.today,
            country: &self.country,
            currency: self.currency(),
        }
    }
}

fn validate_fields(
    fields: &[Field],
    root: &Answers,
    item: Option<&Answers>,
    prefix: &str,
    ctx: &Env<'_>,
    errors: &mut Vec<FieldError>,
) {
    let scope = match item {
        Some(item) => Scope::item(root, item),
        None => Scope::root(root),
    };
    let container = item.unwrap_or(root);
    for field in fields {
        if !field_visible(field, &scope) {
            continue;
        }
        let path = format!("{prefix}{}", field.id);
        let value = container.get(&field.id);
        let answered = value.is_some_and(present);
        if !answered {
            if field_required(field, &scope) {
                let mut e = FieldError::new(path.clone(), ErrorCode::Required);
                if let FieldKind::Consent = &field.kind {
                    e = FieldError::new(path.clone(), ErrorCode::ConsentRequired);
                }
                if let FieldKind::Group { min_items, .. } = &field.kind
                    && *min_items > 1
                {
                    e = FieldError::new(path, ErrorCode::TooFewItems).limit(min_items);
                }
                errors.push(e);
            }
            continue;
        }
        let value = value.expect("answered");
        validate_value(field, value, &path, root, ctx, errors);
    }
    if let Some(item) = item {
        for key in item.keys() {
            if !fields.iter().any(|f| &f.id == key) {
                errors.push(FieldError::new(
                    format!("{prefix}{key}"),
                    ErrorCode::UnknownField,
                ));
            }
        }
    }
}

fn validate_value(
    field: &Field,
    value: &Value,
    path: &str,
    root: &Answers,
    ctx: &Env<'_>,
    errors: &mut Vec<FieldError>,
) {
    let err = |code| FieldError::new(path.to_owned(), code);
    match &field.kind {
        FieldKind::Text { max_length } | FieldKind::LongText { max_length } => {
            let Some(s) = value.as_str() else {
                return errors.push(err(ErrorCode::WrongType));
            };
            let (default, lines) = if matches!(field.kind, FieldKind::Text { .. }) {
                (DEFAULT_TEXT_MAX, Repertoire::Line)
            } else {
                (DEFAULT_LONG_TEXT_MAX, Repertoire::Block)
            };
            let max = max_length.unwrap_or(default).min(default);
            if let Err(e) = stored_text(s, max, lines, path) {
                errors.push(e);
            }
        }
        FieldKind::Number {
            min, max, integer, ..
        } => {
            let Some(s) = value.as_str() else {
                return errors.push(err(ErrorCode::WrongType));
            };
            let s = match stored_text(s, SHORT_ANSWER_MAX, Repertoire::Line, path) {
                Ok(s) => s,
                Err(e) => return errors.push(e),
            };
            match parse_number(&s) {
                None => errors.push(err(ErrorCode::NotANumber)),
                Some(n) if *integer && n.fract() != 0.0 => errors.push(err(ErrorCode::NotInteger)),
                Some(n) if min.is_some_and(|m| n < m) => {
                    errors.push(err(ErrorCode::TooSmall).limit(fmt_num(min.unwrap_or_default())))
                }
                Some(n) if max.is_some_and(|m| n > m) => {
                    errors.push(err(ErrorCode::TooLarge).limit(fmt_num(max.unwrap_or_default())))
                }
                Some(_) => {}
            }
        }
        FieldKind::Money {
            min_cents,
            max_cents,
        } => {
            let Some(s) = value.as_str() else {
                return errors.push(err(ErrorCode::WrongType));
            };
            let s = match stored_text(s, SHORT_ANSWER_MAX, Repertoire::Line, path) {
                Ok(s) => s,
                Err(e) => return errors.push(e),
            };
            match parse_money(&s) {
                None => errors.push(err(ErrorCode::NotMoney)),
                Some(c) if min_cents.is_some_and(|m| c < m) => errors.push(
                    err(ErrorCode::TooSmall)
                        .limit(money_limit(min_cents.unwrap_or_default(), ctx.currency)),
                ),
                Some(c) if max_cents.is_some_and(|m| c > m) => errors.push(
                    err(ErrorCode::TooLarge)
                        .limit(money_limit(max_cents.unwrap_or_default(), ctx.currency)),
                ),
                Some(_) => {}
            }
        }
        FieldKind::Date {
            not_before,
            not_after,
        } => {
            let Some(s) = value.as_str() else {
                return errors.push(err(ErrorCode::WrongType));
            };
            let s = match stored_text(s, SHORT_ANSWER_MAX, Repertoire::Line, path) {
                Ok(s) => s,
                Err(e) => return errors.push(e),
            };
            if super::inputs::date_incomplete(&s) {
                return errors.push(err(ErrorCode::DateIncomplete));
            }
            let Some(date) = checks::parse_date(&s) else {
                return errors.push(err(ErrorCode::InvalidDate));
            };
            if let Some(b) = not_before
                && let Some(bound) = checks::resolve_bound(b, ctx.today)
                && date < bound
            {
                errors.push(if b.trim() == "today" {
                    err(ErrorCode::DateInPast)
                } else if let Some(years) = checks::years_ago(b) {
                    err(ErrorCode::TooOld).limit(years)
                } else {
                    err(ErrorCode::DateTooEarly).limit(checks::iso(bound))
                });
            } else if let Some(b) = not_after
                && let Some(bound) = checks::resolve_bound(b, ctx.today)
                && date > bound
            {
                errors.push(if b.trim() == "today" {
                    err(ErrorCode::DateInFuture)
                } else if let Some(years) = checks::years_ago(b) {
                    err(ErrorCode::TooYoung).limit(years)
                } else {
                    err(ErrorCode::DateTooLate).limit(checks::iso(bound))
                });
            }
        }
        FieldKind::Email | FieldKind::Phone => {
            let at = errors.len();
            let (max, code) = if matches!(field.kind, FieldKind::Email) {
                (EMAIL_MAX, ErrorCode::InvalidEmail)
            } else {
                (SHORT_ANSWER_MAX, ErrorCode::InvalidPhone)
            };
            let ok = |s: &str| match code {
                ErrorCode::InvalidEmail => checks::email_ok(s),
                _ => checks::phone_ok(s),
            };
            scalar(value, max, |s| (!ok(s)).then_some(code), path, errors);
            // The message's example is of the form's country.
            for e in errors[at..].iter_mut().filter(|e| e.code == code) {
                e.limit = Some(ctx.country.to_owned());
            }
        }
        FieldKind::Iban => scalar(
            value,
            IBAN_MAX,
            |s| (!checks::iban_ok(s)).then_some(ErrorCode::InvalidIban),
            path,
            errors,
        ),
        FieldKind::Ahv => scalar(
            value,
            SHORT_ANSWER_MAX,
            |s| {
                checks::ahv(s).err().map(|flaw| match flaw {
                    Flaw::CheckDigit => ErrorCode::AhvCheckDigit,
                    Flaw::Format | Flaw::Prefix => ErrorCode::InvalidAhv,
                })
            },
            path,
            errors,
        ),
        FieldKind::SteuerId => scalar(
            value,
            SHORT_ANSWER_MAX,
            |s| {
                checks::steuer_id(s).err().map(|flaw| match flaw {
                    Flaw::CheckDigit => ErrorCode::SteuerIdCheckDigit,
                    Flaw::Format | Flaw::Prefix => ErrorCode::InvalidSteuerId,
                })
            },
            path,
            errors,
        ),
        FieldKind::AnimalChip => scalar(
            value,
            SHORT_ANSWER_MAX,
            |s| {
                checks::animal_chip(s).err().map(|flaw| match flaw {
                    Flaw::Prefix => ErrorCode::AnimalChipPrefix,
                    Flaw::Format | Flaw::CheckDigit => ErrorCode::InvalidAnimalChip,
                })
            },
            path,
            errors,
        ),
        // A choice is stored as the option's value, so it must be exactly one.
        FieldKind::YesNo => match value.as_str() {
            None => errors.push(err(ErrorCode::WrongType)),
            Some(s) if !matches!(&*normalise_line(s), "yes" | "no") => {
                errors.push(err(ErrorCode::InvalidChoice))
            }
            Some(_) => {}
        },
        // Given is `true`; anything else (`"yes"`) is not a consent.
        FieldKind::Consent => {
            if value != &Value::Bool(true) {
                errors.push(err(ErrorCode::WrongType));
            }
        }
        FieldKind::Choice { options } => match value.as_str() {
            None => errors.push(err(ErrorCode::WrongType)),
            Some(s) => {
                let s = normalise_line(s);
                if !options.iter().any(|o| o.value == s) {
                    errors.push(err(ErrorCode::InvalidChoice));
                }
            }
        },
        FieldKind::MultiChoice { options, min, max } => {
            let Some(items) = value.as_array() else {
                return errors.push(err(ErrorCode::WrongType));
            };
            let mut chosen = Vec::new();
            for i in items {
                match i.as_str() {
                    Some(v) if options.iter().any(|o| o.value == v) => {
                        if !chosen.contains(&v) {
                            chosen.push(v)
                        }
                    }
                    _ => return errors.push(err(ErrorCode::InvalidChoice)),
                }
            }
            if let Some(m) = min
                && chosen.len() < *m as usize
            {
                errors.push(err(ErrorCode::TooFewChoices).limit(m));
            } else if let Some(m) = max
                && chosen.len() > *m as usize
            {
                errors.push(err(ErrorCode::TooManyChoices).limit(m));
            }
        }
        FieldKind::Address { countries } => {
            let Some(obj) = value.as_object() else {
                return errors.push(err(ErrorCode::WrongType));
            };
            let part = |k: &str| {
                obj.get(k)
                    .and_then(Value::as_str)
                    .map(normalise_line)
                    .unwrap_or_default()
            };
            for key in obj.keys() {
                if !ADDRESS_PARTS.contains(&key.as_str()) || !obj[key].is_string() {
                    errors.push(FieldError::new(
                        format!("{path}.{key}"),
                        ErrorCode::UnknownField,
                    ));
                }
            }
            let country = match &*part("country") {
                "" => countries.first().map(String::as_str).unwrap_or(ctx.country),
                c => c,
            }
            .to_ascii_uppercase();
            // Each part as it is stored: required ones present, none too long, every
            // character in the repertoire.
            // The postcode's format is checked only when its text passed.
            let mut postcode_ok = true;
            for (k, max, required) in [
                ("street", ADDRESS_PART_MAX, true),
                ("postcode", ADDRESS_PART_MAX, true),
                ("place", ADDRESS_PART_MAX, true),
                ("number", HOUSE_NUMBER_MAX, false),
            ] {
                let p = format!("{path}.{k}");
                let v = obj.get(k).and_then(Value::as_str).unwrap_or("");
                let e = if required && part(k).is_empty() {
                    FieldError::new(p, ErrorCode::Required)
                } else {
                    match stored_text(v, max, Repertoire::Line, &p) {
                        Ok(_) => continue,
                        Err(e) => e,
                    }
                };
                postcode_ok &= k != "postcode";
                errors.push(e);
            }
            let listed =
                countries.is_empty() || countries.iter().any(|c| c.eq_ignore_ascii_case(&country));
            if !listed || country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
                errors.push(FieldError::new(
                    format!("{path}.country"),
                    ErrorCode::InvalidCountry,
                ));
            }
            let pc = part("postcode");
            let digits = |n: usize| pc.len() == n && pc.chars().all(|c| c.is_ascii_digit());
            let pc_ok = match country.as_str() {
                "CH" | "LI" | "AT" => digits(4),
                "DE" | "FR" | "IT" => digits(5),
                _ => pc.chars().count() <= 12,
            };
            if postcode_ok && !pc.is_empty() && !pc_ok {
                errors.push(
                    FieldError::new(format!("{path}.postcode"), ErrorCode::InvalidPostcode)
                        .limit(&country),
                );
            }
        }
        FieldKind::File {
            accept,
            max_bytes,
            max_files,
        } => {
            let Some(files) = value.as_array() else {
                return errors.push(err(ErrorCode::WrongType));
            };
            if files.len() > *max_files as usize {
                errors.push(err(ErrorCode::TooManyFiles).limit(max_files));
            }
            for (i, f) in files.iter().enumerate() {
                let p = format!("{path}.{i}");
                let (Some(_), Some(size), Some(kind)) = (
                    f.get("name").and_then(Value::as_str),
                    f.get("size").and_then(Value::as_u64),
                    f.get("type").and_then(Value::as_str),
                ) else {
                    errors.push(FieldError::new(p, ErrorCode::WrongType));
                    continue;
                };
                if !accept.iter().any(|a| a.eq_ignore_ascii_case(kind)) {
                    errors.push(FieldError::new(p, ErrorCode::FileType));
                } else if size > *max_bytes {
                    errors.push(FieldError::new(p, ErrorCode::FileTooLarge).limit(max_bytes));
                }
            }
        }
        FieldKind::Group {
            fields,
            min_items,
            max_items,
            ..
        } => {
            let Some(items) = value.as_array() else {
                return errors.push(err(ErrorCode::WrongType));
            };
            if items.len() < *min_items as usize {
                errors.push(err(ErrorCode::TooFewItems).limit(min_items));
            } else if items.len() > *max_items as usize {
                return errors.push(err(ErrorCode::TooManyItems).limit(max_items));
            }
            for (i, item) in items.iter().enumerate() {
                let Some(item) = item.as_object() else {
                    errors.push(FieldError::new(format!("{path}.{i}"), ErrorCode::WrongType));
                    continue;
                };
                validate_fields(
                    fields,
                    root,
                    Some(item),
                    &format!("{path}.{i}."),
                    ctx,
                    errors,
                );
            }
        }
    }
}

/// A scalar answer with a syntax of its own: stored text first (length, characters), then
/// the syntax (`check` names what is wrong, if anything).
fn scalar(
    value: &Value,
    max: u32,
    check: impl Fn(&str) -> Option<ErrorCode>,
    path: &str,
    errors: &mut Vec<FieldError>,
) {
    match value.as_str() {
        None => errors.push(FieldError::new(path, ErrorCode::WrongType)),
        Some(s) => match stored_text(s, max, Repertoire::Line, path) {
            Err(e) => errors.push(e),
            Ok(s) => {
                if let Some(code) = check(&s) {
                    errors.push(FieldError::new(path, code));
                }
            }
        },
    }
}

/// The text as it is stored ([`repertoire::normalise`]), or why it cannot be: longer than
/// `max` characters, or a character outside the repertoire (the first one is named).
fn stored_text<'a>(
    text: &'a str,
    max: u32,
    repertoire: Repertoire,
    path: &str,
) -> Result<Cow<'a, str>, FieldError> {
    let stored = repertoire::normalise(text, repertoire);
    if stored.chars().count() > max as usize {
        return Err(FieldError::new(path, ErrorCode::TooLong).limit(max));
    }
    if let Some(c) = repertoire::first_refused(&stored, repertoire) {
        return Err(
            FieldError::new(path, ErrorCode::InvalidCharacter).limit(repertoire::code_point(c))
        );
    }
    Ok(stored)
}

/// A one-line answer as it is stored.
fn normalise_line(text: &str) -> Cow<'_, str> {
    repertoire::normalise(text, Repertoire::Line)
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// An amount limit as [`FieldError::limit`] carries it: `"500.00 CHF"` (the message writes it
/// the language's way, [`crate::display::money`]).
fn money_limit(c: i64, currency: &str) -> String {
    format!("{}.{:02} {currency}", c / 100, c % 100)
}
