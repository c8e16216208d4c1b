//! What an authority's administrators manage in clerk mode: their staff and roles, the
//! services their municipality offers, and their office's contact and opening hours.

use serde::{Deserialize, Serialize};

use crate::cases::StaffRole;

mod texts;
pub use texts::AdminTexts;

/// The longest name of a staff member, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest contact value (phone, e-mail, website), in characters.
pub const MAX_CONTACT_CHARS: usize = 300;
/// The longest opening hours text per language, in characters.
pub const MAX_HOURS_CHARS: usize = 1000;

/// A staff member of the authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Work e-mail address.
    pub email: String,
    /// Role at this authority.
    pub role: StaffRole,
    /// Whether the member can sign in with password and authenticator app.
    pub password_sign_in: bool,
    /// Whether the member has signed in through the organisation's provider.
    pub organisation_sign_in: bool,
    /// Whether the member is disabled (signs in nowhere).
    pub disabled: bool,
    /// Until when the invitation to set up password and authenticator app works, where one
    /// is open (milliseconds since 1970).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_until: Option<i64>,
}

/// `POST /api/v1/authorities/<id>/staff`: a member to add (a new staff member, or a known
/// address given a role here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMemberAdd {
    /// Name (for a new member).
    pub name: String,
    /// Work e-mail address.
    pub email: String,
    /// `clerk` or `authority_admin`.
    pub role: StaffRole,
    /// Whether to e-mail them an invitation to set up password and authenticator app
    /// (ignored for someone who has a password sign-in already).
    #[serde(default)]
    pub invite: bool,
}

/// `PUT /api/v1/authorities/<id>/staff/<staff id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamRoleChange {
    /// `clerk` or `authority_admin`.
    pub role: StaffRole,
}

/// A service the catalogue has the municipality responsible for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalService {
    /// The service id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether the municipality offers it (not switched off).
    pub offered: bool,
    /// Whether it has an online form.
    pub online: bool,
}

/// `GET /api/v1/authorities/<id>/services`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalServices {
    /// The authority.
    pub authority: String,
    /// The services it is responsible for, by title; empty for an authority that is no
    /// municipality (its services are the canton's or Land's to offer).
    pub services: Vec<LocalService>,
}

/// `PUT /api/v1/authorities/<id>/services/<service id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceSwitch {
    /// Whether the municipality offers the service.
    pub offered: bool,
}

/// Opening hours in the portal's languages (German first; the others fall back to it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hours {
    /// German.
    #[serde(default)]
    pub de: String,
    /// French.
    #[serde(default)]
    pub fr: String,
    /// Italian.
    #[serde(default)]
    pub it: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

/// An authority's office contact as citizens see it on the service pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeContact {
    /// Phone.
    #[serde(default)]
    pub phone: String,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Website (`https://…`).
    #[serde(default)]
    pub website: String,
    /// Opening hours.
    #[serde(default)]
    pub opening_hours: Hours,
}

/// `GET|PUT /api/v1/authorities/<id>/contact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorityContact {
    /// The office's name.
    pub office: String,
    /// The contact.
    pub contact: OfficeContact,
}

/// A form the municipality serves, with how its overlay stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalForm {
    /// The template id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The current template version.
    pub template_version: u32,
    /// The municipality's overlay revision in force (0: none, the template as it is).
    pub revision: u32,
    /// The template version that revision was written for.
    pub based_on: u32,
}

/// What the overlay editor works with: the current template, the overlay in force (or an
/// empty one), the effective form, what changed in the template since the overlay was written,
/// and what of the overlay no longer applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverlayEditor {
    /// The current template.
    pub template: crate::form::FormDefinition,
    /// The overlay (revision 0 when the municipality has none yet).
    pub overlay: crate::form::Overlay,
    /// The form citizens would get.
    pub effective: crate::form::FormDefinition,
    /// Template changes since the overlay's `based_on`.
    pub changes: Vec<crate::form::overlay::TemplateChange>,
    /// Overlay entries that do not apply to the current template.
    pub issues: Vec<crate::form::overlay::OverlayIssue>,
    /// What keeps the effective form from being published (empty when it can be).
    pub problems: Vec<String>,
}

/// `PUT /api/v1/authorities/<id>/forms/<form>/overlay`: publishes the overlay as the next
/// revision, if `revision` is still the one in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverlayPublish {
    /// The revision the editor started from (0: none).
    pub revision: u32,
    /// The overlay's changes (its `form`, `municipality`, `revision` and `based_on` are set by
    /// the server).
    pub overlay: crate::form::Overlay,
}
