//! The outbox worker: delivers what a submission queued in its own transaction (the
//! confirmation e-mail, a webhook per endpoint of the authority).
//!
//! Any number of server instances run it against the same database at once. A row is
//! claimed with a lease by one conditional `UPDATE` (`… WHERE id = $1 AND (locked_until IS
//! NULL OR locked_until < now) AND attempts = <as seen>`): the database lets exactly one
//! claimant change the row (SQLite serialises writers; PostgreSQL re-checks the condition on
//! the row a concurrent update left behind), and `rows_affected` tells each worker whether
//! the row is its own. The lease time doubles as the fencing token: results are written only
//! `WHERE locked_until = <my lease>`. A worker that dies mid-delivery leaves a lease that
//! runs out, and another instance tries again; deliveries are therefore at least once, and
//! the receiver deduplicates on the delivery id.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use rand::Rng;

use super::{export, webhook};
use crate::attachments::Attachments;
use crate::db::Db;
use crate::receipt::mail::Mailer;
use crate::submissions::{now_millis, store};

/// How the worker retries and paces itself.
#[derive(Debug, Clone)]
pub struct OutboxConfig {
    /// How long a claimed row belongs to the worker that claimed it.
    pub lease: Duration,
    /// The wait before the second attempt; doubled for each further one.
    pub backoff_base: Duration,
    /// The longest wait between two attempts.
    pub backoff_max: Duration,
    /// Attempts before a delivery is given up (`failed_at`).
    pub max_attempts: u32,
    /// Rows looked at per run.
    pub batch: usize,
    /// Deliveries under way at once per worker.
    pub concurrency: usize,
    /// The deadline of one webhook request.
    pub http_timeout: Duration,
}

impl Default for OutboxConfig {
    /// Twelve attempts over roughly half a day: 30 s, 1, 2, 4 … minutes, at most 6 hours
    /// apart (each wait drawn between half and all of that).
    fn default() -> Self {
        OutboxConfig {
            lease: Duration::from_secs(300),
            backoff_base: Duration::from_secs(30),
            backoff_max: Duration::from_secs(6 * 3600),
            max_attempts: 12,
            batch: 32,
            concurrency: 8,
            http_timeout: Duration::from_secs(30),
        }
    }
}

impl OutboxConfig {
    /// The upper bound of the wait after the `attempts`-th failed attempt:
    /// `backoff_base · 2^(attempts-1)`, at most `backoff_max`.
    pub fn backoff_ceiling(&self, attempts: u32) -> Duration {
        let factor = 2u32
            .checked_pow(attempts.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.backoff_base
            .checked_mul(factor)
            .map_or(self.backoff_max, |d| d.min(self.backoff_max))
    }

    /// The wait after the `attempts`-th failed attempt: between half and all of
    /// [`OutboxConfig::backoff_ceiling`], drawn at random so that retries of many deliveries to a
    /// receiver that was down do not arrive in one wave.
    pub fn backoff(&self, attempts: u32) -> Duration {
        let ceiling = self.backoff_ceiling(attempts).as_millis() as u64;
        let half = ceiling / 2;
        Duration::from_millis(half + rand::rng().random_range(0..=ceiling - half))
    }
}

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Rows this worker claimed.
    pub claimed: usize,
    /// Delivered.
    pub delivered: usize,
    /// Failed this time, scheduled again.
    pub retried: usize,
    /// Given up (`failed_at` set).
    pub failed: usize,
    /// Finished after the lease ran out and another worker had taken the row over.
    pub lost: usize,
}

/// The outbox worker of one server instance.
pub struct Outbox {
    db: Db,
    attachments: Attachments,
    mailer: Option<Mailer>,
    http: reqwest::Client,
    config: OutboxConfig,
    receipt_key: Option<crate::submissions::AccessKey>,
}

/// A row due for delivery, as seen before claiming it.
#[derive(Debug, sqlx::FromRow)]
struct Due {
    id: i64,
    kind: String,
    submission_id: i64,
    target: String,
    delivery_id: String,
    attempts: i64,
}

/// Why an attempt failed.
enum Failure {
    /// Worth trying again later (receiver down, SMTP refused, timeout).
    Retry(String),
    /// Trying again cannot help (endpoint removed, submission gone).
    Permanent(String),
}

enum Outcome {
    NotClaimed,
    Delivered,
    Retried,
    Failed,
    Lost,
}

/// Stored error texts are cut to this many characters.
const MAX_ERROR_CHARS: usize = 500;

impl Outbox {
    /// A worker. Without a mailer, e-mail rows stay pending (not failed) until an instance
    /// with one comes along.
    pub fn new(
        db: Db,
        attachments: Attachments,
        mailer: Option<Mailer>,
        config: OutboxConfig,
    ) -> anyhow::Result<Outbox> {
        let http = webhook::client(config.http_timeout)?;
        Ok(Outbox {
            db,
            attachments,
            mailer,
            http,
            config,
            receipt_key: None,
        })
    }

    /// With the key that makes citizens' receipt tokens (for e-mails with a new access).
    pub fn with_receipt_key(mut self, key: crate::submissions::AccessKey) -> Outbox {
        self.receipt_key = Some(key);
        self
    }

    /// Claims and delivers what is due now.
    pub async fn run_once(&self) -> anyhow::Result<Stats> {
        self.run_once_at(now_millis()).await
    }

    /// Claims and delivers what is due at `now` (Unix milliseconds), and schedules retries
    /// from there: tests step time forward with it instead of sleeping. Webhook signatures
    /// always carry the real time.
    pub async fn run_once_at(&self, now: i64) -> anyhow::Result<Stats> {
        let email_filter = if self.mailer.is_some() {
            ""
        } else {
            " AND kind <> 'email'"
        };
        let due: Vec<Due> = sqlx::query_as(&format!(
            "SELECT id, kind, submission_id, target, delivery_id, attempts FROM outbox \
             WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
             AND (locked_until IS NULL OR locked_until < $1){email_filter} \
             ORDER BY next_attempt_at, id LIMIT $2"
        ))
        .bind(now)
        .bind(i64::try_from(self.config.batch).unwrap_or(i64::MAX))
        .fetch_all(self.db.pool())
        .await?;
        let outcomes: Vec<anyhow::Result<Outcome>> = futures_util::stream::iter(due)
            .map(|row| self.process(row, now))
            .buffer_unordered(self.config.concurrency.max(1))
            .collect()
            .await;
        let mut stats = Stats::default();
        for outcome in outcomes {
            match outcome? {
                Outcome::NotClaimed => continue,
                Outcome::Delivered => stats.delivered += 1,
                Outcome::Retried => stats.retried += 1,
                Outcome::Failed => stats.failed += 1,
                Outcome::Lost => stats.lost += 1,
            }
            stats.claimed += 1;
        }
        Ok(stats)
    }

    async fn process(&self, row: Due, now: i64) -> anyhow::Result<Outcome> {
        let lease = now + i64::try_from(self.config.lease.as_millis()).unwrap_or(i64::MAX / 2);
        let claimed = sqlx::query(
            "UPDATE outbox SET locked_until = $1 WHERE id = $2 AND attempts = $3 \
             AND delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $4 \
             AND (locked_until IS NULL OR locked_until < $4)",
        )
        .bind(lease)
        .bind(row.id)
        .bind(row.attempts)
        .bind(now)
        .execute(self.db.pool())
        .await?;
        if claimed.rows_affected() != 1 {
            return Ok(Outcome::NotClaimed);
        }

        let started = Instant::now();
        // The attempt must end well inside the lease, or a second worker could start the
        // same delivery while this one is still at it.
        let result = match tokio::time::timeout(self.config.lease / 2, self.attempt(&row)).await {
            Ok(r) => r,
            Err(_) => Err(Failure::Retry("attempt timed out".into())),
        };
        let finished = now + i64::try_from(started.elapsed().as_millis()).unwrap_or(0);
        let attempts = row.attempts + 1;

        const DELIVERED: &str = "UPDATE outbox SET delivered_at = $1, attempts = $2, \
             locked_until = NULL, last_error = NULL WHERE id = $3 AND locked_until = $4";
        const FAILED: &str = "UPDATE outbox SET failed_at = $1, attempts = $2, \
             locked_until = NULL, last_error = $5 WHERE id = $3 AND locked_until = $4";
        const RETRY: &str = "UPDATE outbox SET next_attempt_at = $1, attempts = $2, \
             locked_until = NULL, last_error = $5 WHERE id = $3 AND locked_until = $4";
        let (outcome, sql, at, error) = match &result {
            Ok(()) => (Outcome::Delivered, DELIVERED, finished, None),
            Err(Failure::Permanent(e)) => (Outcome::Failed, FAILED, finished, Some(e)),
            Err(Failure::Retry(e)) if attempts >= i64::from(self.config.max_attempts) => {
                (Outcome::Failed, FAILED, finished, Some(e))
            }
            Err(Failure::Retry(e)) => {
                let wait = self
                    .config
                    .backoff(u32::try_from(attempts).unwrap_or(u32::MAX));
                let next = finished + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 4);
                (Outcome::Retried, RETRY, next, Some(e))
            }
        };
        let mut update = sqlx::query(sql)
            .bind(at)
            .bind(attempts)
            .bind(row.id)
            .bind(lease);
        if let Some(e) = error {
            update = update.bind(e.chars().take(MAX_ERROR_CHARS).collect::<String>());
        }
        let written = update.execute(self.db.pool()).await?;
        if written.rows_affected() != 1 {
            tracing::warn!(
                outbox = row.id,
                delivery = %row.delivery_id,
                "outbox lease ran out before the attempt finished; another worker owns the row"
            );
            return Ok(Outcome::Lost);
        }
        match (&outcome, &result) {
            (Outcome::Delivered, _) => tracing::info!(
                outbox = row.id,
                kind = %row.kind,
                submission = row.submission_id,
                delivery = %row.delivery_id,
                attempts,
                "delivered"
            ),
            (_, Err(Failure::Retry(e) | Failure::Permanent(e))) => {
                if matches!(outcome, Outcome::Failed) {
                    tracing::error!(
                        outbox = row.id,
                        kind = %row.kind,
                        submission = row.submission_id,
                        delivery = %row.delivery_id,
                        attempts,
                        error = %e,
                        "delivery given up"
                    );
                } else {
                    tracing::warn!(
                        outbox = row.id,
                        kind = %row.kind,
                        submission = row.submission_id,
                        delivery = %row.delivery_id,
                        attempts,
                        error = %e,
                        "delivery failed, will retry"
                    );
                }
            }
            _ => {}
        }
        Ok(outcome)
    }

    async fn attempt(&self, row: &Due) -> Result<(), Failure> {
        let retry = |e: anyhow::Error| Failure::Retry(format!("{e:#}"));
        match row.kind.as_str() {
            "email" => {
                let Some(mailer) = &self.mailer else {
                    return Err(Failure::Retry("no SMTP server configured".into()));
                };
                let stored = store::by_id(&self.db, row.submission_id)
                    .await
                    .map_err(|e| retry(e.into()))?
                    .ok_or_else(|| Failure::Permanent("submission not found".into()))?;
                // The PDF shows where the fee stands, with the payment slip while it is open.
                let mut receipt = stored.receipt;
                receipt.payment = crate::payments::store::info_with_slip(&self.db, stored.id)
                    .await
                    .map_err(|e| retry(e.into()))?;
                mailer
                    .send_receipt(&receipt, &row.target)
                    .await
                    .map_err(retry)
            }
            "access" => {
                let Some(mailer) = &self.mailer else {
                    return Err(Failure::Retry("no SMTP server configured".into()));
                };
                let Some(key) = &self.receipt_key else {
                    return Err(Failure::Permanent(
                        "no receipt key to make the token".into(),
                    ));
                };
                let (generation, to) = row
                    .target
                    .split_once(':')
                    .and_then(|(g, to)| Some((g.parse::<i64>().ok()?, to)))
                    .ok_or_else(|| Failure::Permanent("malformed access target".into()))?;
                let stored = store::by_id(&self.db, row.submission_id)
                    .await
                    .map_err(|e| retry(e.into()))?
                    .ok_or_else(|| Failure::Permanent("submission not found".into()))?;
                if stored.token_generation != generation {
                    // Replaced again meanwhile: this token would open nothing.
                    return Ok(());
                }
                let token = key.token(&stored.reference, generation);
                mailer
                    .send_access(&stored.receipt, to, &token)
                    .await
                    .map_err(retry)
            }
            "webhook" => {
                let endpoint = webhook::endpoint(&self.db, &row.target)
                    .await
                    .map_err(retry)?
                    .ok_or_else(|| Failure::Permanent("endpoint removed".into()))?;
                let bundle = export::load(&self.db, &self.attachments, row.submission_id)
                    .await
                    .map_err(retry)?
                    .ok_or_else(|| Failure::Permanent("submission not found".into()))?;
                let body =
                    export::render(&bundle, endpoint.format, &row.delivery_id).map_err(retry)?;
                webhook::post(&self.http, &endpoint, &row.delivery_id, body)
                    .await
                    .map_err(retry)
            }
            other => Err(Failure::Permanent(format!("unknown outbox kind {other:?}"))),
        }
    }

    /// Deliveries waiting (neither delivered nor given up).
    pub async fn queue_depth(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL",
        )
        .fetch_one(self.db.pool())
        .await
    }

    /// Runs the worker until the process ends: a run every `poll_interval`, or at once again
    /// while full batches keep coming.
    pub fn spawn(self, poll_interval: Duration) -> tokio::task::JoinHandle<()> {
        if self.mailer.is_none() {
            tracing::warn!("no SMTP server configured: confirmation e-mails wait in the outbox");
        }
        tokio::spawn(async move {
            loop {
                let run = self.run_once().await;
                match &run {
                    Ok(stats) => {
                        metrics::counter!("schalter_outbox_delivered_total")
                            .increment(stats.delivered as u64);
                        metrics::counter!("schalter_outbox_retried_total")
                            .increment(stats.retried as u64);
                        metrics::counter!("schalter_outbox_failed_total")
                            .increment(stats.failed as u64);
                        if let Ok(depth) = self.queue_depth().await {
                            metrics::gauge!("schalter_outbox_queue_depth").set(depth as f64);
                        }
                    }
                    // A database that is gone is logged once for the whole outage.
                    Err(e)
                        if e.chain().any(|c| {
                            c.downcast_ref::<sqlx::Error>()
                                .is_some_and(crate::db::is_unavailable)
                        }) =>
                    {
                        self.db.note_unavailable();
                    }
                    Err(e) => tracing::error!(error = %format!("{e:#}"), "outbox run failed"),
                }
                if matches!(&run, Ok(stats) if stats.claimed >= self.config.batch) {
                    continue;
                }
                tokio::time::sleep(poll_interval).await;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_maximum() {
        let c = OutboxConfig {
            backoff_base: Duration::from_secs(30),
            backoff_max: Duration::from_secs(3600),
            ..Default::default()
        };
        assert_eq!(c.backoff_ceiling(1), Duration::from_secs(30));
        assert_eq!(c.backoff_ceiling(2), Duration::from_secs(60));
        assert_eq!(c.backoff_ceiling(5), Duration::from_secs(480));
        assert_eq!(c.backoff_ceiling(8), Duration::from_secs(3600), "capped");
        assert_eq!(
            c.backoff_ceiling(60),
            Duration::from_secs(3600),
            "no overflow"
        );
        for attempts in 1..=12 {
            let ceiling = c.backoff_ceiling(attempts);
            for _ in 0..50 {
                let wait = c.backoff(attempts);
                assert!(
                    wait >= ceiling / 2 && wait <= ceiling,
                    "{attempts}: {wait:?}"
                );
            }
        }
    }
}
