//! The audit log: every staff read of a case and every change, append-only, one chain per
//! authority. Entry *n* stores the hash of entry *n − 1* and its own hash over both; the head
//! row stores the last sequence number and hash. An edited entry no longer matches its hash, a
//! removed one leaves a gap or a broken link, a cut-off tail no longer matches the head:
//! [`verify`] (`schalter audit verify`) finds each.
//!
//! Appending takes the head row first (`UPDATE … RETURNING`): on PostgreSQL that row lock
//! orders concurrent writers of one authority across every server process, on SQLite the
//! write lock does; entries are written in the same transaction as the change they record.

use contract::cases::AuditEntry;
use sqlx::Any;

use crate::db::{Db, StoreError, StoreResult};
use crate::submissions::{now_rfc3339, sha256_tag};

/// The hash before the first entry of a chain.
pub const GENESIS: &str = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

/// What is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// The authority whose chain it joins.
    pub authority: &'a str,
    /// Who (`staff:<id>`, `citizen`, `system`).
    pub actor: &'a str,
    /// What (`read`, `status`, `assign`, `note`, `message`, `export`, …).
    pub action: &'a str,
    /// The case, if about one.
    pub reference: Option<&'a str>,
    /// Details.
    pub detail: &'a str,
}

/// The hash of an entry: SHA-256 over its fields and the hash before it, as a JSON array (an
/// unambiguous encoding of strings of any content).
pub fn entry_hash(
    authority: &str,
    seq: i64,
    at: &str,
    r: (&str, &str, Option<&str>, &str),
    prev: &str,
) -> String {
    let (actor, action, reference, detail) = r;
    let doc = serde_json::json!([authority, seq, at, actor, action, reference, detail, prev]);
    sha256_tag(doc.to_string().as_bytes())
}

/// Appends `r` inside `tx` (the transaction of the change it records).
pub async fn append(tx: &mut sqlx::Transaction<'_, Any>, r: &Record<'_>) -> StoreResult<i64> {
    sqlx::query(
        "INSERT INTO audit_heads (authority_id, seq, hash) VALUES ($1, 0, $2) \
         ON CONFLICT (authority_id) DO NOTHING",
    )
    .bind(r.authority)
    .bind(GENESIS)
    .execute(&mut **tx)
    .await?;
    let (seq, prev): (i64, String) = sqlx::query_as(
        "UPDATE audit_heads SET seq = seq + 1 WHERE authority_id = $1 RETURNING seq, hash",
    )
    .bind(r.authority)
    .fetch_one(&mut **tx)
    .await?;
    let at = now_rfc3339();
    let hash = entry_hash(
        r.authority,
        seq,
        &at,
        (r.actor, r.action, r.reference, r.detail),
        &prev,
    );
    sqlx::query(
        "INSERT INTO audit_log (authority_id, seq, at, actor, action, reference, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(r.authority)
    .bind(seq)
    .bind(&at)
    .bind(r.actor)
    .bind(r.action)
    .bind(r.reference)
    .bind(r.detail)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_heads SET hash = $1 WHERE authority_id = $2")
        .bind(&hash)
        .bind(r.authority)
        .execute(&mut **tx)
        .await?;
    Ok(seq)
}

/// Appends `r` in a transaction of its own (a read).
pub async fn record(db: &Db, r: &Record<'_>) -> StoreResult<i64> {
    let mut tx = db.pool().begin().await?;
    let seq = append(&mut tx, r).await?;
    tx.commit().await?;
    Ok(seq)
}

#[derive(sqlx::FromRow)]
struct Row {
    authority_id: String,
    seq: i64,
    at: String,
    actor: String,
    action: String,
    reference: Option<String>,
    detail: String,
    prev_hash: String,
    hash: String,
    actor_name: Option<String>,
}

const SELECT: &str = "SELECT a.authority_id, a.seq, a.at, a.actor, a.action, a.reference, \
     a.detail, a.prev_hash, a.hash, m.name AS actor_name FROM audit_log a \
     LEFT JOIN staff_members m ON a.actor = 'staff:' || m.id";

fn out(r: Row) -> AuditEntry {
    AuditEntry {
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        actor_name: r.actor_name,
        action: r.action,
        reference: r.reference,
        detail: r.detail,
        prev_hash: r.prev_hash,
        hash: r.hash,
    }
}

/// The entries about one case, oldest first.
pub async fn of_case(db: &Db, authority: &str, reference: &str) -> StoreResult<Vec<AuditEntry>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE a.authority_id = $1 AND a.reference = $2 ORDER BY a.seq"
    ))
    .bind(authority)
    .bind(reference)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(out).collect())
}

/// Every entry of an authority's chain, oldest first.
pub async fn of_authority(db: &Db, authority: &str) -> StoreResult<Vec<AuditEntry>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE a.authority_id = $1 ORDER BY a.seq"
    ))
    .bind(authority)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(out).collect())
}

/// A break in a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// The authority.
    pub authority: String,
    /// Where (the sequence number expected or found).
    pub seq: i64,
    /// What is wrong.
    pub problem: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verified {
    /// Chains checked.
    pub chains: usize,
    /// Entries checked.
    pub entries: usize,
    /// Every break found (empty: intact).
    pub breaks: Vec<Break>,
}

/// Recomputes every chain (or the one of `authority`) against its head.
pub async fn verify(db: &Db, authority: Option<&str>) -> StoreResult<Verified> {
    let heads: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT authority_id, seq, hash FROM audit_heads ORDER BY authority_id")
            .fetch_all(db.pool())
            .await?;
    let mut found = Verified::default();
    for (id, head_seq, head_hash) in heads {
        if authority.is_some_and(|a| a != id) {
            continue;
        }
        found.chains += 1;
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "{SELECT} WHERE a.authority_id = $1 ORDER BY a.seq"
        ))
        .bind(&id)
        .fetch_all(db.pool())
        .await?;
        let mut prev = GENESIS.to_owned();
        let mut expected = 1;
        let mut problem = |seq: i64, what: String| {
            found.breaks.push(Break {
                authority: id.clone(),
                seq,
                problem: what,
            })
        };
        for r in &rows {
            if r.seq != expected {
                problem(
                    expected,
                    format!("entry {expected} is missing (next is {})", r.seq),
                );
            } else if r.prev_hash != prev {
                problem(r.seq, "does not link to the entry before".into());
            }
            let hash = entry_hash(
                &r.authority_id,
                r.seq,
                &r.at,
                (&r.actor, &r.action, r.reference.as_deref(), &r.detail),
                &r.prev_hash,
            );
            if hash != r.hash {
                problem(r.seq, "its content does not match its hash (edited)".into());
            }
            prev = r.hash.clone();
            expected = r.seq + 1;
        }
        found.entries += rows.len();
        if expected - 1 != head_seq || prev != head_hash {
            problem(
                head_seq,
                format!(
                    "the chain ends at {} but its head records {head_seq} (entries removed from the end)",
                    expected - 1
                ),
            );
        }
    }
    Ok(found)
}

impl From<Break> for StoreError {
    fn from(b: Break) -> Self {
        StoreError::Corrupt(format!(
            "audit chain {} at {}: {}",
            b.authority, b.seq, b.problem
        ))
    }
}
