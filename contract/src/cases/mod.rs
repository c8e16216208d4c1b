//! Clerk mode: what the authority's staff and the server agree on — signing in, the inbox, a
//! case with its workflow, internal notes and the audit log.

pub mod texts;

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::form::{ErrorCode, FieldError};
use crate::messages::Message;
use crate::submission::{Receipt, Status};

/// The longest internal note or reason, in characters.
pub const NOTE_MAX: usize = 5000;
/// Cases per inbox page, at most.
pub const PAGE_MAX: u32 = 100;
/// The longest inbox search text, in characters.
pub const QUERY_MAX: usize = 100;
/// The shortest inbox search text, in characters.
pub const QUERY_MIN: usize = 3;

/// What a staff member may do at one authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Works the authority's cases.
    Clerk,
    /// Also manages the authority's staff, forms and settings.
    AuthorityAdmin,
    /// Runs the portal (on the authority `*`).
    PortalAdmin,
}

/// An organisation's OpenID provider staff can sign in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffProvider {
    /// The portal's id for it.
    pub id: String,
    /// Its name on the button.
    pub name: String,
}

/// `POST /api/v1/staff/oidc/start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffOidcStart {
    /// The provider's id.
    pub provider: String,
    /// The language of the pages before and after.
    pub lang: Lang,
}

/// `POST /api/v1/staff/session`: password and the current code of the authenticator app.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSignIn {
    /// The staff member's e-mail address.
    pub email: String,
    /// The password.
    pub password: String,
    /// The six-digit code of the authenticator app (TOTP).
    pub code: String,
}

impl std::fmt::Debug for StaffSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffSignIn")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// An authority a staff member works for, with the role there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAuthority {
    /// Its id (`ch:4001`, `*` for the portal).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The role held there.
    pub role: StaffRole,
}

/// Fewest characters of a staff member's password (more than a citizen's: it opens every
/// case of an authority, with the second factor).
pub const STAFF_PASSWORD_MIN: usize = 12;

/// The errors of a staff member's new password: required, at least [`STAFF_PASSWORD_MIN`] and
/// at most [`crate::account::PASSWORD_MAX`] characters.
pub fn staff_password_errors(password: &str, path: &str) -> Vec<FieldError> {
    let n = password.chars().count();
    if password.is_empty() {
        vec![FieldError::new(path, ErrorCode::Required)]
    } else if n < STAFF_PASSWORD_MIN {
        vec![FieldError::new(path, ErrorCode::TooShort).limit(STAFF_PASSWORD_MIN)]
    } else if n > crate::account::PASSWORD_MAX {
        vec![FieldError::new(path, ErrorCode::TooLong).limit(crate::account::PASSWORD_MAX)]
    } else {
        Vec::new()
    }
}

/// The errors of an authenticator app's code: six digits (spaces are ignored).
pub fn totp_code_errors(code: &str, path: &str) -> Vec<FieldError> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        vec![FieldError::new(path, ErrorCode::Required)]
    } else if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        vec![FieldError::new(path, ErrorCode::WrongCode)]
    } else {
        Vec::new()
    }
}

/// `POST /api/v1/staff/setup/start`: the invitation's token (from the link's fragment).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSetupStart {
    /// The token.
    pub token: String,
}

impl std::fmt::Debug for StaffSetupStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffSetupStart").finish_non_exhaustive()
    }
}

/// What an invited staff member sets up: who they are and the authenticator app's secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSetup {
    /// Name.
    pub name: String,
    /// Work e-mail address (the sign-in name).
    pub email: String,
    /// Where the invitation came from (the authorities' names).
    pub authorities: Vec<String>,
    /// The secret for the authenticator app, base32 in groups of four (to type in).
    pub secret: String,
    /// The `otpauth://` address the app reads from the QR code.
    pub otpauth: String,
    /// The QR code of `otpauth`, row by row, `1` dark and `0` light (no quiet zone).
    pub modules: Vec<String>,
    /// Until when the invitation works (milliseconds since 1970).
    pub expires_at: i64,
}

impl std::fmt::Debug for StaffSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffSetup")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// `POST /api/v1/staff/setup`: the token, the new password and the app's current code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSetupFinish {
    /// The invitation's token.
    pub token: String,
    /// The new password.
    pub password: String,
    /// The six-digit code the authenticator app shows now.
    pub code: String,
}

impl StaffSetupFinish {
    /// The errors the browser and the server both find (`password`, `code`).
    pub fn errors(&self) -> Vec<FieldError> {
        let mut e = staff_password_errors(&self.password, "password");
        e.extend(totp_code_errors(&self.code, "code"));
        e
    }
}

impl std::fmt::Debug for StaffSetupFinish {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffSetupFinish").finish_non_exhaustive()
    }
}

/// The signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Where they work and as what.
    pub authorities: Vec<StaffAuthority>,
}

/// `GET /api/v1/staff/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSession {
    /// The staff member signed in, if any.
    pub staff: Option<StaffMember>,
    /// Seconds without a request after which the session ends.
    pub idle_timeout_secs: u64,
}

/// How the inbox is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InboxSort {
    /// Oldest received first (the default: first come, first served).
    #[default]
    Oldest,
    /// Newest received first.
    Newest,
    /// Most recently changed first.
    Changed,
}

impl InboxSort {
    /// Every order.
    pub const ALL: [InboxSort; 3] = [InboxSort::Oldest, InboxSort::Newest, InboxSort::Changed];

    /// As in the query string.
    pub fn code(self) -> &'static str {
        match self {
            InboxSort::Oldest => "oldest",
            InboxSort::Newest => "newest",
            InboxSort::Changed => "changed",
        }
    }
}

/// One case in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseRow {
    /// Reference number.
    pub reference: String,
    /// The form's id.
    pub form: String,
    /// The form's title in the language it was submitted in.
    pub form_title: String,
    /// The authority it was routed to.
    pub authority: String,
    /// The applicant's name, where the form asks for one.
    pub applicant: Option<String>,
    /// Where the confirmation went, if the form asked for an address.
    pub email: Option<String>,
    /// Its status.
    pub status: Status,
    /// When it arrived (RFC 3339).
    pub received_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
    /// Who works on it (staff id and name).
    pub assignee: Option<Colleague>,
    /// Where its fee stands, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<crate::payment::PaymentState>,
}

/// A staff member as colleagues see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Colleague {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// How many cases stand at one status (with every other filter applied).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    /// The status.
    pub status: Status,
    /// How many.
    pub count: u64,
}

/// `GET /api/v1/staff/cases`: one page of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    /// Cases per status, for every status, with the other filters applied.
    pub counts: Vec<StatusCount>,
    /// How many cases match every filter.
    pub total: u64,
    /// This page (from 1).
    pub page: u32,
    /// Cases per page.
    pub per_page: u32,
    /// The cases on this page.
    pub cases: Vec<CaseRow>,
    /// The forms the clerk's authorities received cases for, for the filter.
    pub forms: Vec<FormChoice>,
}

/// A form to filter the inbox by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormChoice {
    /// The form's id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// An internal note (the citizen never sees it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseNote {
    /// Its id.
    pub id: i64,
    /// Who wrote it.
    pub author: Colleague,
    /// The text.
    pub body: String,
    /// When (RFC 3339).
    pub at: String,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Its position in the authority's chain (from 1).
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who (`staff:<id>`, `citizen`, `system`).
    pub actor: String,
    /// Who, as a name where the actor is staff.
    pub actor_name: Option<String>,
    /// What (`read`, `status`, `assign`, `note`, `message`, `export`, …).
    pub action: String,
    /// The case, if the entry is about one.
    pub reference: Option<String>,
    /// Details (a status, an assignee, the filters of an export).
    pub detail: String,
    /// `sha256:` of the entry before.
    pub prev_hash: String,
    /// `sha256:` of this entry (with the one before).
    pub hash: String,
}

/// `GET /api/v1/staff/cases/{reference}`: everything about a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseDetail {
    /// The receipt exactly as the citizen has it (answers, fees, attachments, history).
    pub receipt: Receipt,
    /// The applicant's name, where the form asks for one.
    pub applicant: Option<String>,
    /// Who works on it.
    pub assignee: Option<Colleague>,
    /// The staff member who entered it at the counter, if one did.
    pub entered_by: Option<Colleague>,
    /// Bumped by every change; send it back with a change (`409 case_changed` when it moved).
    pub version: i64,
    /// The statuses it can move to from here.
    pub next: Vec<Status>,
    /// Internal notes, oldest first.
    pub notes: Vec<CaseNote>,
    /// Messages with the citizen, oldest first.
    pub messages: Vec<Message>,
    /// Whether the citizen can be reached (an account or an e-mail address).
    pub reachable: bool,
    /// Colleagues at the case's authority (to assign it to).
    pub colleagues: Vec<Colleague>,
}

/// `POST /api/v1/staff/cases/{reference}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusRequest {
    /// Where to move it.
    pub to: Status,
    /// Why, for the citizen (required for waiting, completed and rejected).
    #[serde(default)]
    pub reason: String,
    /// The version the clerk saw.
    pub version: i64,
    /// Files already uploaded as message files (a decision document), sent with the reason.
    #[serde(default)]
    pub files: Vec<String>,
}

/// `POST /api/v1/staff/cases/{reference}/assignee`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignRequest {
    /// The colleague (staff id); none gives it back to the inbox.
    pub to: Option<String>,
    /// The version the clerk saw.
    pub version: i64,
}

/// `POST /api/v1/staff/cases/{reference}/notes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoteRequest {
    /// The text.
    pub body: String,
}

/// The answer to a change: the case's new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseChanged {
    /// The new version.
    pub version: i64,
    /// The status now.
    pub status: Status,
}

/// Whether a status change needs a reason the citizen reads.
pub fn needs_reason(to: Status) -> bool {
    matches!(
        to,
        Status::WaitingForCitizen | Status::Completed | Status::Rejected
    )
}
