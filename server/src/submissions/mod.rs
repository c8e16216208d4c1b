//! Submissions: `POST /api/v1/submissions` (idempotent per draft, re-validated, priced and
//! routed by the server), uploads before submission, the citizen's access to receipt, PDF and
//! files, and the status lifecycle the clerk's workflow builds on.
//!
//! A submission is acknowledged only after its transaction is committed (SQLite in WAL mode
//! with `synchronous=FULL`, PostgreSQL): the submission row, its first history entry, its
//! uploads and its outbox rows (confirmation e-mail, webhooks) commit together.

pub mod routes;
pub mod service;
pub mod store;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::Db;

/// The key that signs citizens' access tokens. Every server instance reads the same one from
/// the database (created once, by whichever instance starts first), so any instance can check
/// a token another one issued.
#[derive(Clone)]
pub struct AccessKey(Vec<u8>);

impl std::fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessKey(…)")
    }
}

impl AccessKey {
    /// Loads the key, creating it on first use.
    pub async fn load(db: &Db) -> anyhow::Result<AccessKey> {
        let mut fresh = [0u8; 32];
        rand::rng().fill_bytes(&mut fresh);
        sqlx::query(
            "INSERT INTO server_secrets (name, secret, created_at) VALUES ('receipt_access', $1, $2) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(URL_SAFE_NO_PAD.encode(fresh))
        .bind(now_rfc3339())
        .execute(db.pool())
        .await
        .context("creating the access key")?;
        let stored: String =
            sqlx::query_scalar("SELECT secret FROM server_secrets WHERE name = 'receipt_access'")
                .fetch_one(db.pool())
                .await
                .context("reading the access key")?;
        Ok(AccessKey(
            URL_SAFE_NO_PAD
                .decode(stored)
                .context("decoding the access key")?,
        ))
    }

    /// A key for tests.
    pub fn from_bytes(bytes: &[u8]) -> AccessKey {
        AccessKey(bytes.to_vec())
    }

    /// Generation 1 is the token as first issued (the same bytes as before tokens had
    /// generations, so receipts kept in browsers stay valid); later ones add the number.
    fn mac(&self, reference: &str, generation: i64) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"schalter receipt access\0");
        mac.update(reference.as_bytes());
        if generation > 1 {
            mac.update(b"\0");
            mac.update(generation.to_string().as_bytes());
        }
        mac
    }

    /// The citizen's bearer token for a submission's `generation` of tokens: the same on every
    /// retry, nothing stored.
    pub fn token(&self, reference: &str, generation: i64) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(reference, generation).finalize().into_bytes())
    }

    /// Checks a token of `generation` in constant time.
    pub fn verify(&self, reference: &str, generation: i64, token: &str) -> bool {
        URL_SAFE_NO_PAD
            .decode(token)
            .is_ok_and(|t| self.mac(reference, generation).verify_slice(&t).is_ok())
    }
}

/// `sha256:<hex>` of some bytes.
pub fn sha256_tag(bytes: &[u8]) -> String {
    hex_tag(Sha256::digest(bytes).as_slice())
}

/// `sha256:<hex>` for a SHA-256 digest computed elsewhere (for example while streaming).
pub fn hex_tag(digest: &[u8]) -> String {
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Now, as stored: RFC 3339 in UTC with microseconds (sorts as text).
pub fn now_rfc3339() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}

/// Now in Unix milliseconds (outbox scheduling).
pub fn now_millis() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Deletes uploads of drafts that were never submitted once they are older than `max_age`
/// (the files are personal data; a draft resumed later asks for the file again). The row goes
/// first, so a submission racing the sweep either keeps the file or fails cleanly with
/// `upload_missing`. Returns how many were deleted.
pub async fn sweep_uploads(
    db: &Db,
    attachments: &crate::attachments::Attachments,
    max_age: std::time::Duration,
) -> anyhow::Result<usize> {
    let cutoff = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::try_from(max_age)?)?
        .strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string();
    let mut deleted = 0;
    for (id, object_key) in store::stale_uploads(db, &cutoff).await? {
        if store::forget_upload(db, &id).await? {
            if let Err(e) = attachments.delete(&object_key).await {
                tracing::warn!(upload = %id, error = %e, "file of a forgotten upload not deleted");
            }
            deleted += 1;
        }
    }
    store::forget_idle_slots(db, &cutoff).await?;
    Ok(deleted)
}

/// Sweeps stale uploads every `every` (any number of servers may do this at once).
pub fn spawn_upload_sweeper(
    db: Db,
    attachments: crate::attachments::Attachments,
    max_age: std::time::Duration,
    every: std::time::Duration,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match sweep_uploads(&db, &attachments, max_age).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "uploads of unsubmitted drafts deleted"),
                Err(e) => tracing::warn!(error = %e, "sweeping stale uploads failed"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_open_only_their_submission() {
        let key = AccessKey::from_bytes(b"0123456789abcdef0123456789abcdef");
        let t = key.token("K7Q-M4T-XP9", 1);
        assert_eq!(t, key.token("K7Q-M4T-XP9", 1));
        assert!(key.verify("K7Q-M4T-XP9", 1, &t));
        assert!(!key.verify("K7Q-M4T-XPA", 1, &t));
        assert!(!key.verify("K7Q-M4T-XP9", 1, "not-a-token"));
        let other = AccessKey::from_bytes(b"another key entirely.............");
        assert!(!other.verify("K7Q-M4T-XP9", 1, &t));
        // A new generation opens it; the earlier token no longer does.
        let t2 = key.token("K7Q-M4T-XP9", 2);
        assert_ne!(t, t2);
        assert!(key.verify("K7Q-M4T-XP9", 2, &t2));
        assert!(!key.verify("K7Q-M4T-XP9", 2, &t));
        // Generation 1 is the token issued before tokens had generations.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"0123456789abcdef0123456789abcdef").unwrap();
        mac.update(b"schalter receipt access\0K7Q-M4T-XP9");
        assert_eq!(t, URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()));
    }

    #[test]
    fn hashes_and_times_have_fixed_shapes() {
        assert_eq!(
            sha256_tag(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let now = now_rfc3339();
        assert_eq!(now.len(), 27, "{now}");
        assert!(now.ends_with('Z'));
    }
}
