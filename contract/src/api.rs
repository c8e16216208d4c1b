//! JSON types of the `/api/v1/` interface shared by the server and the app.

use serde::{Deserialize, Serialize};

/// The body of every error answer of the API: a stable machine-readable `code` and a
/// message a person can read. Internal details are never put here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable code, e.g. `not_found`, `bad_request`, `internal`.
    pub code: String,
    /// Human-readable explanation, safe to show to a citizen.
    pub message: String,
}

/// Answer of `GET /health` and `GET /ready`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthStatus {
    /// `ok` or `unavailable`.
    pub status: String,
    /// Which database backend the server uses (`sqlite` or `postgres`); only on `/ready`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
}
