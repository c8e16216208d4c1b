//! The payment tables: `fee_claims` (one per submission with a fee) and `payment_attempts` (one
//! per hosted payment page the citizen was sent to). Every state change is one conditional
//! UPDATE; `rows_affected` tells the caller whether the change was its own.

use contract::payment::{PaymentDue, PaymentInfo, PaymentMethod, PaymentState};

use crate::db::{Db, StoreError, StoreResult};
use crate::submissions::{now_millis, now_rfc3339};

/// A submission's fee claim.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claim {
    /// The submission's row id.
    pub submission_id: i64,
    /// Cents.
    pub amount: i64,
    /// `CHF` or `EUR`.
    pub currency: String,
    /// `later` or `before_submission`.
    pub due: String,
    /// `online` or `invoice`.
    pub method: String,
    /// When it was paid.
    pub paid_at: Option<String>,
    /// The attempt that paid it.
    pub paid_by: Option<String>,
    /// Cents given back.
    pub refunded: i64,
    /// The submission's `payment_state`.
    pub state: String,
    /// The payment slip issued with the receipt (JSON of [`crate::payments::slip::Issued`]).
    pub slip: Option<String>,
}

impl Claim {
    /// As the receipt and the case show it.
    pub fn info(&self, transaction: Option<String>) -> PaymentInfo {
        PaymentInfo {
            state: PaymentState::from_code(&self.state).unwrap_or(PaymentState::Open),
            due: if self.due == "before_submission" {
                PaymentDue::BeforeSubmission
            } else {
                PaymentDue::Later
            },
            amount: self.amount,
            currency: self.currency.clone(),
            method: self.paid_at.as_ref().map(|_| {
                if self.method == "online" {
                    PaymentMethod::Online
                } else {
                    PaymentMethod::Invoice
                }
            }),
            paid_at: self.paid_at.clone(),
            transaction,
            refunded: self.refunded,
            slip: None,
        }
    }

    /// The payment slip, while the fee is open and one was issued.
    pub fn slip(&self) -> Option<contract::slip::PaymentSlip> {
        if self.state != PaymentState::Open.code() {
            return None;
        }
        let issued: crate::payments::slip::Issued =
            serde_json::from_str(self.slip.as_deref()?).ok()?;
        crate::payments::slip::present(&issued, self.amount, &self.currency)
            .inspect_err(|e| tracing::error!(submission = self.submission_id, error = %e, "a stored slip cannot be drawn"))
            .ok()
    }
}

/// The claim of a submission, if it has a fee.
pub async fn claim(db: &Db, submission_id: i64) -> StoreResult<Option<Claim>> {
    Ok(sqlx::query_as(
        "SELECT c.submission_id, c.amount, c.currency, c.due, c.method, c.paid_at, c.paid_by, \
         c.refunded, COALESCE(s.payment_state, 'open') AS state, c.slip \
         FROM fee_claims c JOIN submissions s ON s.id = c.submission_id WHERE c.submission_id = $1",
    )
    .bind(submission_id)
    .fetch_optional(db.pool())
    .await?)
}

/// One online payment attempt.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Attempt {
    /// Its id (a UUID; in the return address).
    pub id: String,
    /// The submission's row id.
    pub submission_id: i64,
    /// The reference given to the provider.
    pub refno: String,
    /// The provider's name.
    pub provider: String,
    /// The provider's transaction, once created.
    pub transaction_id: Option<String>,
    /// Cents asked for.
    pub amount: i64,
    /// Currency asked for.
    pub currency: String,
    /// The citizen's language.
    pub lang: String,
    /// `started`, `paid`, `cancelled`, `failed`, `expired`, `mismatch`, `duplicate`, `refunded`.
    pub state: String,
    /// When it was started (Unix milliseconds).
    pub created_ms: i64,
}

const ATTEMPT_COLUMNS: &str =
    "id, submission_id, refno, provider, transaction_id, amount, currency, lang, state, created_ms";

/// An attempt about to be stored.
#[derive(Debug, Clone)]
pub struct NewAttempt<'a> {
    /// Its id.
    pub id: &'a str,
    /// The submission's row id.
    pub submission_id: i64,
    /// The reference given to the provider.
    pub refno: &'a str,
    /// The provider's name.
    pub provider: &'a str,
    /// Cents.
    pub amount: i64,
    /// Currency.
    pub currency: &'a str,
    /// The citizen's language code.
    pub lang: &'a str,
}

/// Stores a new attempt (`started`, no transaction yet); `false` when a concurrent start took
/// its reference.
pub async fn insert_attempt(db: &Db, a: &NewAttempt<'_>) -> StoreResult<bool> {
    let now = now_rfc3339();
    let done = sqlx::query(
        "INSERT INTO payment_attempts (id, submission_id, refno, provider, amount, currency, lang, \
         state, created_at, created_ms, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'started', $8, $9, $8) ON CONFLICT (refno) DO NOTHING",
    )
    .bind(a.id)
    .bind(a.submission_id)
    .bind(a.refno)
    .bind(a.provider)
    .bind(a.amount)
    .bind(a.currency)
    .bind(a.lang)
    .bind(&now)
    .bind(now_millis())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many attempts a submission has (numbers the next one's reference).
pub async fn attempts_of(db: &Db, submission_id: i64) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM payment_attempts WHERE submission_id = $1")
            .bind(submission_id)
            .fetch_one(db.pool())
            .await?,
    )
}

/// How many attempts of a submission were started since `since_ms`.
pub async fn recent_attempts(db: &Db, submission_id: i64, since_ms: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM payment_attempts WHERE submission_id = $1 AND created_ms >= $2",
    )
    .bind(submission_id)
    .bind(since_ms)
    .fetch_one(db.pool())
    .await?)
}

/// Records the provider's transaction of an attempt.
pub async fn set_transaction(db: &Db, id: &str, transaction_id: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE payment_attempts SET transaction_id = $2, updated_at = $3 WHERE id = $1 \
         AND transaction_id IS NULL",
    )
    .bind(id)
    .bind(transaction_id)
    .bind(now_rfc3339())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// An attempt by id.
pub async fn attempt(db: &Db, id: &str) -> StoreResult<Option<Attempt>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM payment_attempts WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?)
}

/// An attempt by the provider's transaction id.
pub async fn attempt_by_transaction(
    db: &Db,
    provider: &str,
    transaction_id: &str,
) -> StoreResult<Option<Attempt>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM payment_attempts WHERE provider = $1 AND transaction_id = $2"
    ))
    .bind(provider)
    .bind(transaction_id)
    .fetch_optional(db.pool())
    .await?)
}

/// Attempts still `started` that were started before `before_ms` (the reconciliation's work).
pub async fn stale_attempts(db: &Db, before_ms: i64, limit: i64) -> StoreResult<Vec<Attempt>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM payment_attempts WHERE state = 'started' AND created_ms < $1 \
         ORDER BY created_ms LIMIT $2"
    ))
    .bind(before_ms)
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}

/// Second payments not given back yet (their refund failed).
pub async fn unrefunded_duplicates(db: &Db, limit: i64) -> StoreResult<Vec<Attempt>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM payment_attempts WHERE state = 'duplicate' \
         ORDER BY created_ms LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}

/// Moves an attempt from `from` to `to`; whether this call made the change.
pub async fn transition(db: &Db, id: &str, from: &str, to: &str) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE payment_attempts SET state = $3, updated_at = $4 WHERE id = $1 AND state = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(now_rfc3339())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What [`complete`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completed {
    /// This call recorded the payment (and, for a submission that waited for it, queued its
    /// confirmation and hand-off).
    Now,
    /// Someone recorded it before (another server, the other of return and notification).
    Before,
    /// The claim was paid by another attempt: this one is a second payment, to give back.
    Duplicate,
}

/// Records attempt `id` as the payment of its submission's claim, exactly once, in one
/// transaction: the attempt moves from `started` to `paid` (only one caller can), the claim is
/// marked paid by it (only if nobody paid it yet), and a submission that waited for the
/// payment now counts: its confirmation e-mail and webhooks are queued with the same commit.
pub async fn complete(db: &Db, id: &str) -> StoreResult<Completed> {
    let mut tx = db.pool().begin().await?;
    let now = now_rfc3339();
    let moved = sqlx::query(
        "UPDATE payment_attempts SET state = 'paid', updated_at = $2 WHERE id = $1 AND state = 'started'",
    )
    .bind(id)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Ok(Completed::Before);
    }
    let submission_id: i64 =
        sqlx::query_scalar("SELECT submission_id FROM payment_attempts WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if !claim_paid(&mut tx, submission_id, id, "online", &now).await? {
        sqlx::query("UPDATE payment_attempts SET state = 'duplicate' WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Ok(Completed::Duplicate);
    }
    tx.commit().await?;
    Ok(Completed::Now)
}

/// Marks a submission's claim paid by `paid_by` (an attempt, or `staff:<id>`) in the caller's
/// transaction, if nobody paid it yet; a submission that waited for its payment now counts
/// (its confirmation e-mail and webhooks are queued with the same commit). Whether this call
/// marked it.
async fn claim_paid(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    submission_id: i64,
    paid_by: &str,
    method: &str,
    now: &str,
) -> StoreResult<bool> {
    let claimed = sqlx::query(
        "UPDATE fee_claims SET paid_at = $2, paid_by = $3, method = $4 \
         WHERE submission_id = $1 AND paid_at IS NULL",
    )
    .bind(submission_id)
    .bind(now)
    .bind(paid_by)
    .bind(method)
    .execute(&mut **tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(false);
    }
    let (state, email, authority): (Option<String>, Option<String>, String) =
        sqlx::query_as("SELECT payment_state, email, authority_id FROM submissions WHERE id = $1")
            .bind(submission_id)
            .fetch_one(&mut **tx)
            .await?;
    sqlx::query("UPDATE submissions SET payment_state = 'paid', updated_at = $2 WHERE id = $1")
        .bind(submission_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    if state.as_deref() == Some(PaymentState::Awaiting.code()) {
        crate::submissions::store::queue_deliveries(
            &mut *tx,
            submission_id,
            email.as_deref(),
            &authority,
        )
        .await?;
    }
    Ok(true)
}

/// The authority marks a claim paid (a transfer arrived for the invoice), with its audit
/// entry in the same transaction. Whether this call marked it (false: paid already).
pub async fn mark_paid(
    db: &Db,
    submission_id: i64,
    staff_id: &str,
    audit: &crate::cases::audit::Record<'_>,
) -> StoreResult<bool> {
    let mut tx = db.pool().begin().await?;
    let now = now_rfc3339();
    if !claim_paid(
        &mut tx,
        submission_id,
        &format!("staff:{staff_id}"),
        "invoice",
        &now,
    )
    .await?
    {
        return Ok(false);
    }
    crate::cases::audit::append(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Records a refund of `amount` of the paid attempt `id` (its claim becomes `refunded` when the
/// attempt was the one that paid it). Whether this call made the change.
pub async fn refunded(
    db: &Db,
    id: &str,
    from: &str,
    amount: i64,
    audit: Option<&crate::cases::audit::Record<'_>>,
) -> StoreResult<bool> {
    let mut tx = db.pool().begin().await?;
    let now = now_rfc3339();
    let moved = sqlx::query(
        "UPDATE payment_attempts SET state = 'refunded', updated_at = $3 WHERE id = $1 AND state = $2",
    )
    .bind(id)
    .bind(from)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Ok(false);
    }
    let submission_id: i64 =
        sqlx::query_scalar("SELECT submission_id FROM payment_attempts WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    let claim = sqlx::query(
        "UPDATE fee_claims SET refunded = refunded + $3 WHERE submission_id = $1 AND paid_by = $2",
    )
    .bind(submission_id)
    .bind(id)
    .bind(amount)
    .execute(&mut *tx)
    .await?;
    if claim.rows_affected() == 1 {
        sqlx::query(
            "UPDATE submissions SET payment_state = 'refunded', updated_at = $2 WHERE id = $1",
        )
        .bind(submission_id)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(audit) = audit {
        crate::cases::audit::append(&mut tx, audit).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The attempt that paid a claim.
pub async fn paying_attempt(db: &Db, claim: &Claim) -> StoreResult<Option<Attempt>> {
    match &claim.paid_by {
        Some(id) if !id.starts_with("staff:") => attempt(db, id).await,
        _ => Ok(None),
    }
}

/// The fee of a submission and where it stands (with the transaction that paid it online),
/// as the receipt, the case and the hand-off show it.
pub async fn info(db: &Db, submission_id: i64) -> StoreResult<Option<PaymentInfo>> {
    info_of(db, submission_id, false).await
}

/// [`info`] with the payment slip while the fee is open (the receipt and the case).
pub async fn info_with_slip(db: &Db, submission_id: i64) -> StoreResult<Option<PaymentInfo>> {
    info_of(db, submission_id, true).await
}

async fn info_of(db: &Db, submission_id: i64, slip: bool) -> StoreResult<Option<PaymentInfo>> {
    let Some(claim) = claim(db, submission_id).await? else {
        return Ok(None);
    };
    let transaction = paying_attempt(db, &claim)
        .await?
        .and_then(|a| a.transaction_id);
    let mut info = claim.info(transaction);
    if slip {
        info.slip = claim.slip();
    }
    Ok(Some(info))
}

/// Turns a missing row into a store error.
pub fn require<T>(row: Option<T>, what: &str) -> StoreResult<T> {
    row.ok_or_else(|| StoreError::Corrupt(format!("{what} vanished")))
}
