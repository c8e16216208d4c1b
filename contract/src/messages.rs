//! The Postfach: messages between the authority and the citizen about one application.

use serde::{Deserialize, Serialize};

/// The longest message body, in characters.
pub const BODY_MAX: usize = 5000;
/// The most files one message carries.
pub const FILES_MAX: usize = 10;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The authority, to the citizen.
    Authority,
    /// The citizen, to the authority.
    Citizen,
}

/// A file sent with a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageFile {
    /// Its id (for downloading it).
    pub id: String,
    /// Its name as stored (cleaned, ending in its type's extension).
    pub name: String,
    /// Bytes.
    pub size: u64,
    /// The media type detected from its content.
    pub media_type: String,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    /// Its id.
    pub id: i64,
    /// The application's reference number.
    pub reference: String,
    /// Who wrote it.
    pub direction: Direction,
    /// The text.
    pub body: String,
    /// When it was sent (RFC 3339).
    pub sent_at: String,
    /// For the authority's messages: whether the citizen has opened it.
    pub read: bool,
    /// Its files.
    #[serde(default)]
    pub files: Vec<MessageFile>,
}

/// `POST /api/v1/submissions/{reference}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMessage {
    /// The text (at most [`BODY_MAX`] characters).
    pub body: String,
    /// Files uploaded for it before (`…/message-files`), at most [`FILES_MAX`].
    #[serde(default)]
    pub files: Vec<String>,
}

/// `GET /api/v1/account/messages`: the Postfach of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Postfach {
    /// Messages of all the account's applications, newest first.
    pub messages: Vec<Message>,
    /// How many of the authority's messages are not opened yet.
    pub unread: u64,
}
