//! Signed webhooks to an authority's specialist application: the registered endpoints, the
//! signature (`Schalter-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`)
//! and one delivery attempt over HTTP.
//!
//! Every attempt of one delivery carries the same `Schalter-Delivery` id: the receiver stores
//! it and answers 2xx again, without processing twice, when it sees it a second time.

use std::time::Duration;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use super::export::Format;
use crate::db::Db;
use crate::submissions::now_rfc3339;

/// The header with the delivery id (the receiver's idempotency key).
pub const DELIVERY_HEADER: &str = "Schalter-Delivery";
/// The header with the event name.
pub const EVENT_HEADER: &str = "Schalter-Event";
/// The header with the signature.
pub const SIGNATURE_HEADER: &str = "Schalter-Signature";
/// The event of a new submission.
pub const EVENT_SUBMISSION_RECEIVED: &str = "submission.received";

/// Where an authority receives submissions.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Endpoint id (the outbox row's target).
    pub id: String,
    /// The authority whose submissions go there (`Authority::id` of the receipt).
    pub authority_id: String,
    /// The URL to POST to.
    pub url: String,
    /// The shared signing secret (its UTF-8 bytes are the HMAC key).
    pub secret: String,
    /// What the body is.
    pub format: Format,
    /// Whether new submissions are queued for it.
    pub active: bool,
    /// When it was registered.
    pub created_at: String,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("id", &self.id)
            .field("authority_id", &self.authority_id)
            .field("url", &self.url)
            .field("format", &self.format)
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

/// A fresh signing secret: `whsec_` and 32 random bytes, base64url.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("whsec_{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Registers an endpoint for an authority with a fresh secret. Submissions routed to the
/// authority from now on are queued for it (earlier ones are not).
pub async fn add_endpoint(
    db: &Db,
    authority_id: &str,
    url: &str,
    format: Format,
) -> anyhow::Result<Endpoint> {
    anyhow::ensure!(!authority_id.trim().is_empty(), "the authority id is empty");
    let parsed = reqwest::Url::parse(url).with_context(|| format!("{url:?} is not a URL"))?;
    anyhow::ensure!(
        matches!(parsed.scheme(), "https" | "http") && parsed.host().is_some(),
        "the endpoint must be an http(s) URL with a host"
    );
    let endpoint = Endpoint {
        id: uuid::Uuid::new_v4().simple().to_string(),
        authority_id: authority_id.trim().to_owned(),
        url: url.to_owned(),
        secret: new_secret(),
        format,
        active: true,
        created_at: now_rfc3339(),
    };
    sqlx::query(
        "INSERT INTO webhook_endpoints (id, authority_id, url, secret, format, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, 1, $6)",
    )
    .bind(&endpoint.id)
    .bind(&endpoint.authority_id)
    .bind(&endpoint.url)
    .bind(&endpoint.secret)
    .bind(endpoint.format.code())
    .bind(&endpoint.created_at)
    .execute(db.pool())
    .await?;
    Ok(endpoint)
}

const ENDPOINT_COLUMNS: &str = "id, authority_id, url, secret, format, active, created_at";

/// A row of `webhook_endpoints` as stored.
#[derive(sqlx::FromRow)]
struct EndpointRow {
    id: String,
    authority_id: String,
    url: String,
    secret: String,
    format: String,
    active: i64,
    created_at: String,
}

fn endpoint_from(row: EndpointRow) -> anyhow::Result<Endpoint> {
    Ok(Endpoint {
        format: Format::from_code(&row.format)
            .with_context(|| format!("unknown webhook format {:?}", row.format))?,
        id: row.id,
        authority_id: row.authority_id,
        url: row.url,
        secret: row.secret,
        active: row.active != 0,
        created_at: row.created_at,
    })
}

/// Every registered endpoint, by authority.
pub async fn list_endpoints(db: &Db) -> anyhow::Result<Vec<Endpoint>> {
    let rows: Vec<EndpointRow> = sqlx::query_as(&format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY authority_id, created_at, id"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(endpoint_from).collect()
}

/// One endpoint.
pub async fn endpoint(db: &Db, id: &str) -> anyhow::Result<Option<Endpoint>> {
    let row: Option<EndpointRow> = sqlx::query_as(&format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.map(endpoint_from).transpose()
}

/// Removes an endpoint and its secret. Deliveries still queued for it fail with
/// "endpoint removed". True if it existed.
pub async fn remove_endpoint(db: &Db, id: &str) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM webhook_endpoints WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The `Schalter-Signature` value for `body` sent at `timestamp` (Unix seconds).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let digest = mac(secret, timestamp, body).finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("t={timestamp},v1={hex}")
}

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The header is not `t=<seconds>,v1=<hex>`.
    #[error("malformed signature header")]
    Malformed,
    /// The timestamp is further from now than the tolerance (a replayed or delayed request).
    #[error("signature timestamp outside the tolerance")]
    Stale,
    /// No `v1` value matches the body.
    #[error("signature does not match")]
    Mismatch,
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Checks a `Schalter-Signature` header against the raw request body, for receivers (and
/// tests): the HMAC must match (compared in constant time) and `t` must lie within
/// `tolerance` of `now` (Unix seconds). Several `v1=` values are accepted, any may match.
pub fn verify_signature(
    secret: &str,
    header: &str,
    body: &[u8],
    now: i64,
    tolerance: Duration,
) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => {
                timestamp = Some(t.parse::<i64>().map_err(|_| SignatureError::Malformed)?)
            }
            Some(("v1", v)) => signatures.push(decode_hex(v).ok_or(SignatureError::Malformed)?),
            Some(_) => {}
            None => return Err(SignatureError::Malformed),
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    let tolerance = i64::try_from(tolerance.as_secs()).unwrap_or(i64::MAX);
    if now.abs_diff(timestamp) > tolerance.unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    if signatures
        .iter()
        .any(|s| mac(secret, timestamp, body).verify_slice(s).is_ok())
    {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// An HTTP client for deliveries: no redirects (a 3xx is a failed attempt, never a POST
/// re-sent elsewhere), a deadline per attempt.
pub fn client(timeout: Duration) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Schalter/", env!("CARGO_PKG_VERSION")))
        .build()?)
}

/// One attempt: POSTs `body` signed with the endpoint's secret. Ok on any 2xx answer.
pub async fn post(
    http: &reqwest::Client,
    endpoint: &Endpoint,
    delivery_id: &str,
    body: Vec<u8>,
) -> anyhow::Result<()> {
    let timestamp = jiff::Timestamp::now().as_second();
    let signature = sign(&endpoint.secret, timestamp, &body);
    let res = http
        .post(&endpoint.url)
        .header(
            reqwest::header::CONTENT_TYPE,
            endpoint.format.content_type(),
        )
        .header(DELIVERY_HEADER, delivery_id)
        .header(EVENT_HEADER, EVENT_SUBMISSION_RECEIVED)
        .header(SIGNATURE_HEADER, signature)
        .body(body)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("{}", describe(&e)))?;
    let status = res.status();
    anyhow::ensure!(status.is_success(), "HTTP {status}");
    Ok(())
}

/// A transport error in one line with its cause (reqwest's own text omits it).
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    let mut out = kind.to_owned();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test";

    #[test]
    fn signatures_verify_and_refuse_tampering() {
        let body = br#"{"reference":"K7Q-M4T-XP9"}"#;
        let header = sign(SECRET, 1_700_000_000, body);
        assert!(header.starts_with("t=1700000000,v1="));
        // The same value docs/handoff.md's Python and openssl examples compute.
        assert_eq!(
            header,
            "t=1700000000,v1=1c05df638872e70c100b744a7e7a9bf5cd6ef19111c4193653894ee10cde469f"
        );
        let ok = Duration::from_secs(300);
        assert_eq!(
            verify_signature(SECRET, &header, body, 1_700_000_100, ok),
            Ok(())
        );
        assert_eq!(
            verify_signature(SECRET, &header, b"{}", 1_700_000_100, ok),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature("whsec_other", &header, body, 1_700_000_100, ok),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature(SECRET, &header, body, 1_700_000_301, ok),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify_signature(SECRET, &header, body, 1_699_999_699, ok),
            Err(SignatureError::Stale)
        );
        // A rotated secret: the receiver may list two signatures, one matching suffices.
        let other = sign("whsec_old", 1_700_000_000, body);
        let both = format!("{header},{}", other.split_once(',').unwrap().1);
        assert_eq!(
            verify_signature(SECRET, &both, body, 1_700_000_000, ok),
            Ok(())
        );
        for bad in ["", "t=1", "v1=00", "t=x,v1=00", "t=1,v1=zz", "nonsense"] {
            assert_eq!(
                verify_signature(SECRET, bad, body, 1, ok),
                Err(SignatureError::Malformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn secrets_are_random_and_prefixed() {
        let a = new_secret();
        assert!(a.starts_with("whsec_") && a.len() == 6 + 43, "{a}");
        assert_ne!(a, new_secret());
    }
}
