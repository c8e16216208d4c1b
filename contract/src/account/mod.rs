//! The Bürgerkonto as both sides see it: registering, signing in, the session, the profile.
//!
//! The profile is a form like any other ([`profile_form`]): the browser renders it with the
//! form components and validates it with the same code as the server. Passwords are checked
//! here for length only ([`password_errors`]); how they are stored is the server's business.

pub mod texts;

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::form::{Answers, Context, ErrorCode, FieldError, FormDefinition, checks};

/// Fewest characters of a password (NIST SP 800-63B asks for at least 8; a passphrase is
/// easier to remember than a short password with symbols).
pub const PASSWORD_MIN: usize = 10;
/// Most characters of a password (the hash takes any length; this bounds the work).
pub const PASSWORD_MAX: usize = 256;
/// Most characters of an e-mail address (RFC 5321).
pub const EMAIL_MAX: usize = 254;

const PROFILE_JSON: &str = include_str!("profile.json");

/// The profile's fields as a form: given and family name, date of birth (optional), home
/// address, phone (optional).
pub fn profile_form() -> FormDefinition {
    serde_json::from_str(PROFILE_JSON).expect("the profile form is valid JSON")
}

/// The errors of a password: required, at least [`PASSWORD_MIN`] and at most
/// [`PASSWORD_MAX`] characters; `path` names the field.
pub fn password_errors(password: &str, path: &str) -> Vec<FieldError> {
    let n = password.chars().count();
    if password.is_empty() {
        vec![FieldError::new(path, ErrorCode::Required)]
    } else if n < PASSWORD_MIN {
        vec![FieldError::new(path, ErrorCode::TooShort).limit(PASSWORD_MIN)]
    } else if n > PASSWORD_MAX {
        vec![FieldError::new(path, ErrorCode::TooLong).limit(PASSWORD_MAX)]
    } else {
        Vec::new()
    }
}

/// The errors of an e-mail address given as a sign-in name.
pub fn email_errors(email: &str, path: &str) -> Vec<FieldError> {
    let t = email.trim();
    if t.is_empty() {
        vec![FieldError::new(path, ErrorCode::Required)]
    } else if t.chars().count() > EMAIL_MAX {
        vec![FieldError::new(path, ErrorCode::TooLong).limit(EMAIL_MAX)]
    } else if !checks::email_ok(t) {
        vec![FieldError::new(path, ErrorCode::InvalidEmail)]
    } else {
        Vec::new()
    }
}

/// `POST /api/v1/account`: a new account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registration {
    /// The answers to [`profile_form`].
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub profile: Answers,
    /// The e-mail address (the sign-in name; verified by a link).
    pub email: String,
    /// The password.
    pub password: String,
    /// The language of e-mails and of the portal for this account.
    pub lang: Lang,
}

impl Registration {
    /// Every error, in field order: the profile's, then e-mail and password.
    pub fn errors(&self, ctx: &Context) -> Vec<FieldError> {
        let mut errors = profile_form().validate(&self.profile, ctx);
        errors.extend(email_errors(&self.email, "email"));
        errors.extend(password_errors(&self.password, "password"));
        errors
    }
}

/// `POST /api/v1/session`: signing in with e-mail and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    /// The account's e-mail address.
    pub email: String,
    /// The password.
    pub password: String,
}

/// How sure the portal is of who signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Self-registered: name, e-mail and address as given.
    Low,
    /// Identity checked by an eID (eIDAS substantial, AGOV 300).
    Substantial,
    /// eIDAS high (AGOV 400).
    High,
}

/// `GET /api/v1/session`: who is signed in on this browser, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// The signed-in account, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountSummary>,
    /// Seconds of inactivity after which the session ends (the app warns before).
    pub idle_timeout_secs: u64,
    /// Seconds until the session ends however active it is (0 when nobody is signed in).
    pub absolute_remaining_secs: u64,
}

/// Who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSummary {
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// The sign-in e-mail address.
    pub email: String,
    /// How the citizen signed in this time.
    pub level: Level,
}

/// `GET` / `PUT /api/v1/account`: the profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    /// The answers to [`profile_form`] as stored.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub profile: Answers,
    /// The sign-in e-mail address (changed through [`EmailChange`]).
    pub email: String,
    /// The language of e-mails.
    pub lang: Lang,
    /// Fields confirmed by an eID (`given_name`, `birth_date`, …); changing one drops the mark.
    #[serde(default)]
    pub verified: Vec<String>,
}

/// `PUT /api/v1/account`: new profile answers and language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileUpdate {
    /// The answers to [`profile_form`].
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub profile: Answers,
    /// The language of e-mails.
    pub lang: Lang,
}

/// `PUT /api/v1/account/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    /// The password now.
    pub current: String,
    /// The new password.
    pub new: String,
}

impl PasswordChange {
    /// The new password's errors.
    pub fn errors(&self) -> Vec<FieldError> {
        password_errors(&self.new, "new")
    }
}

/// `PUT /api/v1/account/email`: a new sign-in address (confirmed by a link sent to it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailChange {
    /// The new address.
    pub email: String,
    /// The password, to show it is the owner asking.
    pub password: String,
}

/// `POST /api/v1/account/password-reset`: send a link to set a new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetRequest {
    /// The account's e-mail address.
    pub email: String,
    /// The language of the e-mail (if no account is found, nothing is sent).
    pub lang: Lang,
}

/// `POST /api/v1/account/password-reset/confirm`: the new password, with the link's token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetConfirm {
    /// The token from the link.
    pub token: String,
    /// The new password.
    pub password: String,
}

/// `POST /api/v1/account/verify`: the token of a link that confirms an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyEmail {
    /// The token from the link.
    pub token: String,
}

/// `DELETE /api/v1/account`: the password, to show it is the owner asking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountDeletion {
    /// The password.
    pub password: String,
}

/// The answer to requests whose outcome is told by e-mail (registering, a reset link, a new
/// address): the same whether or not an account exists for the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckEmail {
    /// Always `check_email`.
    pub status: String,
}

impl CheckEmail {
    /// The one answer.
    pub fn new() -> CheckEmail {
        CheckEmail {
            status: "check_email".into(),
        }
    }
}

impl Default for CheckEmail {
    fn default() -> Self {
        CheckEmail::new()
    }
}

/// `GET /api/v1/auth/providers`: an eID provider the portal signs in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EidProvider {
    /// Its id, for [`EidStart::provider`].
    pub id: String,
    /// Its name on the button.
    pub name: String,
    /// The highest level it confirms.
    pub highest: Level,
}

/// `POST /api/v1/auth/oidc/start`: sign in (or step up) with an eID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EidStart {
    /// The provider ([`EidProvider::id`]).
    pub provider: String,
    /// The level needed.
    pub level: Level,
    /// The portal page to come back to (a path, `/de/antrag/…`).
    pub return_to: String,
    /// The language of the provider's pages and of error pages.
    pub lang: Lang,
}

/// The answer to [`EidStart`]: where to send the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EidRedirect {
    /// The provider's sign-in page.
    pub url: String,
}

/// A draft kept in the account (`/api/v1/account/drafts`): the browser's copy stays the first
/// one; this one follows it to the citizen's other devices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountDraft {
    /// The draft's key (its idempotency key).
    pub key: String,
    /// The form.
    pub form: String,
    /// The form version the draft began on.
    pub version: String,
    /// The municipality.
    pub municipality: String,
    /// The draft as the app keeps it (answers, step, …).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: serde_json::Value,
    /// Its revision: every save makes a new one.
    pub revision: i64,
    /// When it was last saved (RFC 3339).
    pub updated_at: String,
}

/// `PUT /api/v1/account/drafts/{key}`: saves a draft on top of the revision the device last
/// saw (`None` for a draft new to the account). Another device's newer save is not overwritten:
/// 409 `draft_conflict`, and the citizen chooses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftSave {
    /// The revision this save is based on.
    #[serde(default)]
    pub base_revision: Option<i64>,
    /// The form.
    pub form: String,
    /// The form version.
    pub version: String,
    /// The municipality.
    pub municipality: String,
    /// The draft as the app keeps it.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: serde_json::Value,
}

/// `POST /api/v1/account/applications`: takes an application submitted on this device
/// without an account into the account, with its receipt's access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimApplication {
    /// The reference number.
    pub reference: String,
    /// The receipt's access token.
    pub token: String,
}

/// A member's role in an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    /// Invites and removes members; applies for the organisation.
    Admin,
    /// Applies for the organisation and sees its applications.
    Member,
}

/// `POST /api/v1/organisations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOrganisation {
    /// Its name.
    pub name: String,
    /// Its register number: Swiss UID (`CHE-123.456.789`) or Handelsregister (`HRB 12345`).
    #[serde(default)]
    pub register_id: Option<String>,
}

/// An organisation as its members see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its register number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_id: Option<String>,
    /// The asker's role in it.
    pub role: OrgRole,
    /// Its members (for its members only).
    #[serde(default)]
    pub members: Vec<OrgMember>,
}

/// A member of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgMember {
    /// The member's id in the organisation (to remove them).
    pub id: String,
    /// Name as in their profile.
    pub name: String,
    /// Their role.
    pub role: OrgRole,
}

/// `POST /api/v1/organisations/{id}/invitations`: invite someone by e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    /// Their e-mail address (the invitation is accepted by the account with this address).
    pub email: String,
    /// The role they get.
    pub role: OrgRole,
    /// The language of the e-mail.
    pub lang: Lang,
}

/// `POST /api/v1/organisations/invitations/accept`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInvitation {
    /// The token from the invitation's link.
    pub token: String,
}

/// The errors of a new organisation: a name, and a register number of a known shape if given.
pub fn organisation_errors(org: &NewOrganisation) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = org.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", ErrorCode::Required));
    } else if name.chars().count() > 200 {
        errors.push(FieldError::new("name", ErrorCode::TooLong).limit(200));
    } else if let Some(c) =
        crate::form::repertoire::first_refused(name, crate::form::repertoire::Repertoire::Line)
    {
        errors.push(
            FieldError::new("name", ErrorCode::InvalidCharacter)
                .limit(crate::form::repertoire::code_point(c)),
        );
    }
    if let Some(id) = org
        .register_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        && !register_id_ok(id)
    {
        errors.push(FieldError::new("register_id", ErrorCode::InvalidChoice));
    }
    errors
}

/// A Swiss UID (`CHE-123.456.789`, check digit per the UID standard, modulus 11) or a German
/// register number (`HRA`/`HRB`/`GnR`/`PR`/`VR` and digits).
pub fn register_id_ok(id: &str) -> bool {
    let compact: String = id
        .chars()
        .filter(|c| !matches!(c, '-' | '.' | ' '))
        .collect();
    if let Some(digits) = compact.strip_prefix("CHE") {
        let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
        if d.len() != 9 || digits.len() != 9 {
            return false;
        }
        let weights = [5, 4, 3, 2, 7, 6, 5, 4];
        let sum: u32 = d[..8].iter().zip(weights).map(|(a, w)| a * w).sum();
        let check = (11 - sum % 11) % 11;
        return check != 10 && check == d[8];
    }
    let upper = compact.to_ascii_uppercase();
    ["HRA", "HRB", "GNR", "PR", "VR"].iter().any(|p| {
        upper.strip_prefix(p).is_some_and(|rest| {
            !rest.is_empty() && rest.len() <= 8 && rest.chars().all(|c| c.is_ascii_digit())
        })
    })
}

/// A field filled in from the profile when a form is started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prefilled {
    /// The field's path.
    pub path: String,
    /// The value taken.
    pub value: serde_json::Value,
    /// Whether an eID confirmed it.
    pub verified: bool,
}

/// What a signed-in citizen's profile fills in of `form`: every top-level field (outside
/// groups) with a [`crate::form::Field::profile_source`] the profile has a value for; an
/// address only where the field takes the address's country.
pub fn prefill(form: &FormDefinition, profile: &Profile) -> Vec<Prefilled> {
    use crate::form::{FieldKind, ProfileSource};
    let mut out = Vec::new();
    for field in form.steps.iter().flat_map(|s| s.fields.iter()) {
        let Some(source) = field.profile_source() else {
            continue;
        };
        let value = match source {
            ProfileSource::Email => serde_json::Value::String(profile.email.clone()),
            s => match profile.profile.get(s.key()) {
                Some(v) => v.clone(),
                None => continue,
            },
        };
        let empty = match &value {
            serde_json::Value::String(s) => s.trim().is_empty(),
            serde_json::Value::Object(o) => o.is_empty(),
            serde_json::Value::Null => true,
            _ => false,
        };
        if empty {
            continue;
        }
        if let (FieldKind::Address { countries }, ProfileSource::Address) = (&field.kind, source) {
            let country = value.get("country").and_then(|c| c.as_str()).unwrap_or("");
            if !(countries.is_empty() || countries.iter().any(|c| c == country)) {
                continue;
            }
        } else if matches!(source, ProfileSource::Address) {
            continue;
        }
        out.push(Prefilled {
            path: field.id.clone(),
            verified: profile.verified.iter().any(|v| v == source.key()),
            value,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ctx() -> Context {
        Context::on("2026-11-30").unwrap()
    }

    fn answers(v: serde_json::Value) -> Answers {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn the_profile_form_validates_like_any_form() {
        let form = profile_form();
        let good = answers(json!({
            "given_name": "Anna", "family_name": "Muster", "birth_date": "1985-04-12",
            "address": {"street": "Bahnhofstrasse", "number": "1", "postcode": "4410", "place": "Liestal", "country": "CH"}
        }));
        assert_eq!(form.validate(&good, &ctx()), vec![]);
        let bad = answers(json!({
            "given_name": "", "family_name": "Muster", "birth_date": "2030-01-01",
            "address": {"street": "Bahnhofstrasse", "postcode": "44100", "place": "Liestal", "country": "CH"}
        }));
        let codes: Vec<(String, ErrorCode)> = form
            .validate(&bad, &ctx())
            .into_iter()
            .map(|e| (e.path, e.code))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("given_name".into(), ErrorCode::Required),
                ("birth_date".into(), ErrorCode::DateInFuture),
                ("address.postcode".into(), ErrorCode::InvalidPostcode),
            ]
        );
    }

    #[test]
    fn register_numbers_are_checked() {
        // The example of eCH-0097 (check digit 1), and the same with a wrong one.
        assert!(register_id_ok("CHE-109.322.551"));
        assert!(!register_id_ok("CHE-109.322.552"));
        assert!(register_id_ok("HRB 12345"));
        assert!(!register_id_ok("ABC 1"));
        let errors = organisation_errors(&NewOrganisation {
            name: " ".into(),
            register_id: Some("CHE-1".into()),
        });
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["name", "register_id"]);
    }

    #[test]
    fn passwords_and_addresses_have_their_bounds() {
        assert_eq!(password_errors("", "p")[0].code, ErrorCode::Required);
        let short = &password_errors("kurz", "p")[0];
        assert_eq!(
            (short.code, short.limit.as_deref()),
            (ErrorCode::TooShort, Some("10"))
        );
        assert!(password_errors("lang genug, wirklich", "p").is_empty());
        assert_eq!(
            password_errors(&"x".repeat(PASSWORD_MAX + 1), "p")[0].code,
            ErrorCode::TooLong
        );
        // Counted in characters, not bytes.
        assert!(password_errors("ääääääääää", "p").is_empty());
        assert_eq!(email_errors("a@b", "e")[0].code, ErrorCode::InvalidEmail);
        assert!(email_errors(" anna@example.ch ", "e").is_empty());
    }

    #[test]
    fn the_profile_fills_in_the_fields_that_name_it() {
        let form: FormDefinition = serde_json::from_value(json!({
            "id": "f", "version": 1, "owner": "ch", "services": [], "country": "ch",
            "languages": ["de"], "title": {"de": "F"},
            "steps": [{"id": "s", "title": {"de": "S"}, "fields": [
                {"id": "vorname", "type": "text", "autocomplete": "given-name", "label": {"de": "Vorname"}},
                {"id": "geburt", "type": "date", "autocomplete": "bday", "label": {"de": "Geburtsdatum"}},
                {"id": "mail", "type": "email", "autocomplete": "email", "label": {"de": "E-Mail"}},
                {"id": "kind_geburt", "type": "date", "label": {"de": "Geburtsdatum des Kindes"}},
                {"id": "wohnort", "type": "address", "prefill": "address", "countries": ["DE"], "label": {"de": "Adresse"}},
                {"id": "adresse", "type": "address", "prefill": "address", "label": {"de": "Adresse"}},
                {"id": "tel", "type": "text", "autocomplete": "tel", "label": {"de": "Telefon"}}
            ]}]
        }))
        .unwrap();
        let profile = Profile {
            profile: answers(json!({
                "given_name": "Anna", "family_name": "Muster", "birth_date": "1985-04-12",
                "address": {"street": "Bahnhofstrasse", "number": "1", "postcode": "4410", "place": "Liestal", "country": "CH"}
            })),
            email: "anna@example.ch".into(),
            lang: Lang::De,
            verified: vec!["birth_date".into()],
        };
        let got: Vec<(String, bool)> = prefill(&form, &profile)
            .into_iter()
            .map(|p| (p.path, p.verified))
            .collect();
        // Not the child's date (no source), not a German-only address for a Swiss one, not a
        // phone asked in a text field.
        assert_eq!(
            got,
            vec![
                ("vorname".into(), false),
                ("geburt".into(), true),
                ("mail".into(), false),
                ("adresse".into(), false),
            ]
        );
    }
}
