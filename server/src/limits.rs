//! Rate limits and quotas: how often one client address (or one e-mail recipient) may do
//! something expensive or abusable.
//!
//! What must hold however many servers run — submissions and uploads per client address,
//! confirmation e-mails per recipient — is counted in the database: one upsert per check
//! increments the counter of the current window (fixed windows; at most twice the limit can
//! pass around a window's edge, never more). Searches are answered from memory thousands of
//! times a second, so their limit is kept per process (GCRA, `governor`), bounding what one
//! address can take from each server. A refusal says when to try again.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sqlx::AnyConnection;

use crate::db::{Db, StoreError, StoreResult};

/// The limits a portal runs with (`schalter serve --limit-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitConfig {
    /// Submissions per client address and hour.
    pub submissions_per_hour: u32,
    /// Uploads per client address and hour.
    pub uploads_per_hour: u32,
    /// Confirmation e-mails per recipient address and day.
    pub emails_per_day: u32,
    /// Searches per client address and minute, per server process.
    pub searches_per_minute: u32,
    /// Sign-in attempts per account (e-mail address) and quarter hour.
    pub sign_ins_per_account: u32,
    /// Sign-in attempts per client address and quarter hour.
    pub sign_ins_per_address: u32,
    /// Account e-mails (verification, password reset, new address) per e-mail address and hour.
    pub account_emails_per_hour: u32,
    /// New accounts per client address and hour.
    pub registrations_per_hour: u32,
}

impl Default for LimitConfig {
    fn default() -> Self {
        LimitConfig {
            submissions_per_hour: 60,
            uploads_per_hour: 600,
            emails_per_day: 10,
            searches_per_minute: 600,
            sign_ins_per_account: 10,
            sign_ins_per_address: 100,
            account_emails_per_hour: 5,
            registrations_per_hour: 20,
        }
    }
}

/// What is being limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// Submitting an application (per client address).
    Submission,
    /// Uploading a file (per client address).
    Upload,
    /// Sending a confirmation e-mail (per recipient address).
    Email,
    /// Searching (per client address, per process).
    Search,
    /// Signing in (per account).
    SignInAccount,
    /// Signing in (per client address).
    SignInAddress,
    /// Sending an account e-mail (per e-mail address).
    AccountEmail,
    /// Registering (per client address).
    Registration,
}

impl Bucket {
    fn name(self) -> &'static str {
        match self {
            Bucket::Submission => "submission",
            Bucket::Upload => "upload",
            Bucket::Email => "email",
            Bucket::Search => "search",
            Bucket::SignInAccount => "sign_in_account",
            Bucket::SignInAddress => "sign_in_address",
            Bucket::AccountEmail => "account_email",
            Bucket::Registration => "registration",
        }
    }
}

/// A refusal: try again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("rate limited ({bucket:?}); retry after {retry_after} s")]
pub struct Limited {
    /// What was limited.
    pub bucket: Bucket,
    /// Seconds until the next window.
    pub retry_after: u64,
}

/// The limits, shared by every request of a process.
#[derive(Clone)]
pub struct Limits {
    db: Db,
    config: LimitConfig,
    searches: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits")
            .field("config", &self.config)
            .finish()
    }
}

impl Limits {
    /// Limits counted in `db` with `config`.
    pub fn new(db: Db, config: LimitConfig) -> Limits {
        let per_minute =
            NonZeroU32::new(config.searches_per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        Limits {
            db,
            config,
            searches: Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute))),
        }
    }

    /// The configuration.
    pub fn config(&self) -> LimitConfig {
        self.config
    }

    /// Counts one submission, upload or other attempt of `client` (unknown clients share one
    /// allowance).
    pub async fn hit(
        &self,
        bucket: Bucket,
        client: Option<IpAddr>,
    ) -> StoreResult<Result<(), Limited>> {
        self.hit_subject(bucket, &subject(client)).await
    }

    /// [`Limits::hit`] for a new submission, as one statement of a write the caller runs (see
    /// [`Db::write_statements`]) that also looks for one stored under the draft's idempotency
    /// key: `None` if there is one (a retry, which costs nothing and counts nothing), else the
    /// submission counted against `client`'s limit.
    pub async fn hit_submission_in(
        &self,
        conn: &mut AnyConnection,
        client: Option<IpAddr>,
        idempotency_key: &str,
    ) -> StoreResult<Option<Result<(), Limited>>> {
        let bucket = Bucket::Submission;
        let (limit, window, hashed) = self.rule(bucket);
        let subject = stored_subject(&subject(client), hashed);
        count_in(conn, bucket, &subject, limit, window, Some(idempotency_key)).await
    }

    /// Counts one attempt of `subject`: a client address, or for [`Bucket::SignInAccount`] and
    /// [`Bucket::AccountEmail`] an e-mail address (kept as a hash, counted whether or not an
    /// account has it, so a refusal reveals nothing).
    pub async fn hit_subject(
        &self,
        bucket: Bucket,
        subject: &str,
    ) -> StoreResult<Result<(), Limited>> {
        if bucket == Bucket::Search {
            return Ok(self.check_search(subject.parse().ok()));
        }
        let (limit, window, hashed) = self.rule(bucket);
        let subject = stored_subject(subject, hashed);
        self.count(bucket, &subject, limit, window).await
    }

    /// Gives back the attempt just counted for `subject` (a sign-in that succeeded counts
    /// nothing): every attempt takes its slot first, so concurrent ones never pass the limit.
    pub async fn give_back(&self, bucket: Bucket, subject: &str) -> StoreResult<()> {
        let (_, window, hashed) = self.rule(bucket);
        let subject = stored_subject(subject, hashed);
        let now = crate::submissions::now_millis();
        let window_ms = window.as_millis() as i64;
        sqlx::query(
            "UPDATE rate_counters SET count = count - 1              WHERE key = $1 AND window_start = $2 AND count > 0",
        )
        .bind(format!("{}:{subject}", bucket.name()))
        .bind(now - now.rem_euclid(window_ms))
        .execute(self.db.pool())
        .await?;
        Ok(())
    }

    fn rule(&self, bucket: Bucket) -> (u32, Duration, bool) {
        let c = self.config;
        match bucket {
            Bucket::Submission => (c.submissions_per_hour, HOUR, false),
            Bucket::Upload => (c.uploads_per_hour, HOUR, false),
            Bucket::Email => (c.emails_per_day, DAY, true),
            Bucket::SignInAccount => (c.sign_ins_per_account, QUARTER, true),
            Bucket::SignInAddress => (c.sign_ins_per_address, QUARTER, false),
            Bucket::AccountEmail => (c.account_emails_per_hour, HOUR, true),
            Bucket::Registration => (c.registrations_per_hour, HOUR, false),
            Bucket::Search => (c.searches_per_minute, MINUTE, false),
        }
    }

    /// Counts the confirmation e-mail of one draft to `recipient` (kept as a hash, not the
    /// address): the first drafts of a day are allowed, the same draft again is no new one.
    /// Drafts are ranked by when they first asked, so concurrent ones never admit more than
    /// the limit.
    pub async fn hit_recipient(
        &self,
        recipient: &str,
        draft_key: &str,
    ) -> StoreResult<Result<(), Limited>> {
        let (limits, recipient, draft_key) =
            (self.clone(), recipient.to_owned(), draft_key.to_owned());
        // On SQLite committed together with concurrent writes (one fsync for many).
        self.db
            .write_statements(move |conn| {
                Box::pin(async move { limits.hit_recipient_in(conn, &recipient, &draft_key).await })
            })
            .await
    }

    /// [`Limits::hit_recipient`] as statements of a write the caller runs (the submission's
    /// own transaction).
    pub async fn hit_recipient_in(
        &self,
        conn: &mut AnyConnection,
        recipient: &str,
        draft_key: &str,
    ) -> StoreResult<Result<(), Limited>> {
        let subject = stored_subject(recipient, true);
        let now = crate::submissions::now_millis();
        let day_ms = DAY.as_millis() as i64;
        let day = now - now.rem_euclid(day_ms);
        let limit = i64::from(self.config.emails_per_day);
        // Counted up to the limit: reaching it is all that matters. The row and the count in
        // one round trip: on SQLite two statements in one call, on PostgreSQL one statement
        // (whose count does not see the row it inserts, so the draft's time is the row's
        // stored before, or the one just written).
        let sql = if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            "INSERT INTO email_quota (recipient, day, draft_key, at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (recipient, day, draft_key) DO NOTHING; \
             SELECT COUNT(*) FROM (SELECT 1 FROM email_quota q, email_quota mine \
             WHERE mine.recipient = $1 AND mine.day = $2 AND mine.draft_key = $3 \
             AND q.recipient = $1 AND q.day = $2 \
             AND (q.at < mine.at OR (q.at = mine.at AND q.draft_key < mine.draft_key)) \
             LIMIT $5) AS earlier"
        } else {
            "WITH ins AS (INSERT INTO email_quota (recipient, day, draft_key, at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (recipient, day, draft_key) DO NOTHING \
             RETURNING at), \
             mine AS (SELECT COALESCE((SELECT at FROM ins), (SELECT at FROM email_quota \
             WHERE recipient = $1 AND day = $2 AND draft_key = $3)) AS at) \
             SELECT COUNT(*) FROM (SELECT 1 FROM email_quota q, mine \
             WHERE q.recipient = $1 AND q.day = $2 \
             AND (q.at < mine.at OR (q.at = mine.at AND q.draft_key < $3)) \
             LIMIT $5) AS earlier"
        };
        // All rows (the `Any` driver's `fetch_one` stops at the first statement's result).
        let earlier: i64 = sqlx::query_scalar(sql)
            .bind(&subject)
            .bind(day)
            .bind(draft_key)
            .bind(now)
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?
            .first()
            .copied()
            .ok_or(sqlx::Error::RowNotFound)?;
        if earlier >= limit {
            let retry_after = ((day + day_ms - now) as u64).div_ceil(1000).max(1);
            Ok(Err(refused(Bucket::Email, retry_after)))
        } else {
            Ok(Ok(()))
        }
    }

    /// Counts one search of `client` in this process.
    pub fn check_search(&self, client: Option<IpAddr>) -> Result<(), Limited> {
        let key = client.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        self.searches.check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            refused(Bucket::Search, wait.as_secs().max(1))
        })
    }

    async fn count(
        &self,
        bucket: Bucket,
        subject: &str,
        limit: u32,
        window: Duration,
    ) -> StoreResult<Result<(), Limited>> {
        let subject = subject.to_owned();
        // On SQLite committed together with concurrent writes (one fsync for many).
        self.db
            .write_statements(move |conn| {
                Box::pin(async move {
                    let counted = count_in(conn, bucket, &subject, limit, window, None).await?;
                    // With no key to look for, the counter row is always written and read.
                    counted.ok_or_else(|| {
                        StoreError::Corrupt("the rate counter was not counted".into())
                    })
                })
            })
            .await
    }

    /// Forgets counters of windows long past and search keys not seen recently.
    pub async fn sweep(&self) -> StoreResult<u64> {
        self.searches.retain_recent();
        let cutoff = crate::submissions::now_millis() - 2 * DAY.as_millis() as i64;
        let counters = sqlx::query("DELETE FROM rate_counters WHERE window_start < $1")
            .bind(cutoff)
            .execute(self.db.pool())
            .await?;
        let emails = sqlx::query("DELETE FROM email_quota WHERE day < $1")
            .bind(cutoff)
            .execute(self.db.pool())
            .await?;
        Ok(counters.rows_affected() + emails.rows_affected())
    }

    /// Sweeps every hour in the background.
    pub fn spawn_sweeper(&self) {
        let limits = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(HOUR);
            loop {
                tick.tick().await;
                if let Err(e) = limits.sweep().await {
                    tracing::warn!(error = %e, "sweeping rate counters failed");
                }
            }
        });
    }
}

/// The counting upsert of [`count_in`], with `$cond` added to its condition; spelled out at
/// compile time, so that no attempt assembles it.
macro_rules! count_sql {
    ($cond:literal) => {
        concat!(
            "INSERT INTO rate_counters (key, window_start, count) SELECT $1, $2, 1 \
             WHERE NOT EXISTS (SELECT 1 FROM submissions WHERE idempotency_key = $3) ",
            $cond,
            "ON CONFLICT (key) DO UPDATE SET \
             count = CASE WHEN rate_counters.window_start = excluded.window_start \
             THEN rate_counters.count + 1 ELSE 1 END, \
             window_start = excluded.window_start \
             RETURNING count"
        )
    };
}

/// Counts one attempt of `subject` (as stored) in the current window of `bucket`, unless a
/// submission is stored under `unless_submitted` (a retry: `None` then, nothing counted).
///
/// On PostgreSQL `conn` must not be inside a transaction: the statement's commit does not
/// wait for the disk, and inside a transaction that would hold for all of its writes.
async fn count_in(
    conn: &mut AnyConnection,
    bucket: Bucket,
    subject: &str,
    limit: u32,
    window: Duration,
    unless_submitted: Option<&str>,
) -> StoreResult<Option<Result<(), Limited>>> {
    let now = crate::submissions::now_millis();
    let window_ms = window.as_millis() as i64;
    let start = now - now.rem_euclid(window_ms);
    // With no key, `idempotency_key = NULL` finds nothing: the attempt is always counted.
    //
    // On PostgreSQL the statement commits on its own (see [`Db::write_statements`]) without
    // waiting for its WAL to reach the disk (`synchronous_commit` off for this transaction
    // only): every attempt of one client updates the same row, whose lock is held until the
    // commit returns, so waiting for the flush there would queue all of that client's
    // requests behind one `fsync` each. Nothing acknowledged is less durable for it: a
    // submission is acknowledged after its own transaction's synchronous commit, which writes
    // the WAL to disk up to its commit record, past this counter's. Only an attempt refused
    // here, whose answer needs no flush, may be forgotten by a crash.
    let sql = if conn.backend_name().eq_ignore_ascii_case("sqlite") {
        count_sql!("")
    } else {
        count_sql!("AND set_config('synchronous_commit', 'off', true) IS NOT NULL ")
    };
    let count: Option<i64> = sqlx::query_scalar(sql)
        .bind(format!("{}:{subject}", bucket.name()))
        .bind(start)
        .bind(unless_submitted)
        .fetch_optional(conn)
        .await?;
    Ok(count.map(|count| verdict(bucket, count, limit, start, window_ms, now)))
}

/// Whether the `count`th attempt in the window beginning at `start` is within `limit`.
fn verdict(
    bucket: Bucket,
    count: i64,
    limit: u32,
    start: i64,
    window_ms: i64,
    now: i64,
) -> Result<(), Limited> {
    if count > i64::from(limit) {
        let retry_after = ((start + window_ms - now) as u64).div_ceil(1000).max(1);
        Err(refused(bucket, retry_after))
    } else {
        Ok(())
    }
}

const MINUTE: Duration = Duration::from_secs(60);
const QUARTER: Duration = Duration::from_secs(900);
const HOUR: Duration = Duration::from_secs(3600);

/// A subject as its counter names it: an e-mail address as the hash of its folded form (the
/// address itself is not kept), a client address as it is.
fn stored_subject(subject: &str, hashed: bool) -> String {
    if hashed {
        crate::submissions::sha256_tag(subject.trim().to_lowercase().as_bytes())
    } else {
        subject.to_owned()
    }
}

/// A client address as a rate-limit subject (unknown clients share one allowance).
pub fn subject(client: Option<IpAddr>) -> String {
    client.map_or_else(|| "unknown".to_owned(), |a| a.to_string())
}
const DAY: Duration = Duration::from_secs(24 * 3600);

fn refused(bucket: Bucket, retry_after: u64) -> Limited {
    tracing::warn!(
        target: "schalter::security",
        event = "rate_limited",
        bucket = bucket.name(),
        retry_after,
        "a rate limit refused a request"
    );
    metrics::counter!("schalter_rate_limited_total", "bucket" => bucket.name()).increment(1);
    Limited {
        bucket,
        retry_after,
    }
}

/// The client's address: the connection's peer, or, when the peer is a trusted reverse proxy,
/// the last address in `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_address(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[ipnet::IpNet],
) -> Option<IpAddr> {
    let is_trusted = |a: &IpAddr| trusted.iter().any(|n| n.contains(a));
    let peer = peer?;
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let Some(chain) = forwarded_for else {
        return Some(peer);
    };
    let mut last = peer;
    for hop in chain.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(a) if is_trusted(&a) => last = a,
            Ok(a) => return Some(a),
            // A malformed entry: nothing left of it can be trusted.
            Err(_) => return Some(last),
        }
    }
    Some(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_the_peer_unless_a_trusted_proxy_forwards_it() {
        let trusted: Vec<ipnet::IpNet> = vec![
            "10.0.0.0/8".parse().unwrap(),
            "127.0.0.1/32".parse().unwrap(),
        ];
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        // Not behind a proxy: forwarded headers are the client's own words and ignored.
        assert_eq!(
            client_address(Some(ip("203.0.113.9")), Some("1.2.3.4"), &trusted),
            Some(ip("203.0.113.9"))
        );
        // Behind the proxy: the last address the proxies did not add themselves.
        assert_eq!(
            client_address(
                Some(ip("10.1.1.1")),
                Some("1.2.3.4, 198.51.100.7, 10.2.2.2"),
                &trusted
            ),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(
            client_address(Some(ip("127.0.0.1")), None, &trusted),
            Some(ip("127.0.0.1"))
        );
        assert_eq!(
            client_address(Some(ip("10.1.1.1")), Some("garbage, 10.3.3.3"), &trusted),
            Some(ip("10.3.3.3"))
        );
        assert_eq!(client_address(None, Some("1.2.3.4"), &trusted), None);
    }

    #[test]
    fn searches_are_limited_per_address_in_this_process() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let db = Db::connect(&format!("sqlite://{}", dir.path().join("l.db").display()))
                .await
                .unwrap();
            let limits = Limits::new(
                db,
                LimitConfig {
                    searches_per_minute: 3,
                    ..LimitConfig::default()
                },
            );
            let a = Some("192.0.2.1".parse().unwrap());
            let b = Some("192.0.2.2".parse().unwrap());
            for _ in 0..3 {
                assert!(limits.check_search(a).is_ok());
            }
            let refused = limits.check_search(a).unwrap_err();
            assert!(refused.retry_after >= 1);
            assert!(
                limits.check_search(b).is_ok(),
                "another address has its own allowance"
            );
        });
    }
}
