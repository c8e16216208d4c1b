//! Paying fees online: start a payment, and learn its outcome from the provider — on the
//! browser's return, on the provider's notification, or by the reconciliation job — whichever
//! comes first, in any order, any number of times. The browser's return and the notification
//! are only prompts: the outcome is always the status read back from the provider, checked
//! against the amount, currency and reference the portal asked for, and recorded once.

use std::sync::Arc;

use contract::Lang;
use contract::payment::{PaymentOutcome, PaymentStarted};

use super::provider::{NewTransaction, NotificationError, Provider, ProviderError, TxnState};
use super::store::{self, Attempt, Completed};
use crate::Core;
use crate::access::{Action, Actor};
use crate::db::StoreError;
use crate::submissions::now_millis;

/// Attempts one submission may start within an hour (each creates a transaction at the
/// provider).
pub const MAX_ATTEMPTS_PER_HOUR: i64 = 10;

/// Attempts one submission may start at all. The attempt's number is part of its unique
/// reference, so this bound holds under any concurrency (the hourly one may be passed by a few
/// requests arriving at the same moment).
pub const MAX_ATTEMPTS: i64 = 40;

/// How long an attempt may wait for its payment before the reconciliation cancels it (the
/// provider's own limit, if it names an earlier one, counts).
pub const ATTEMPT_LIFETIME_MS: i64 = 60 * 60 * 1000;

/// The payment provider the portal is configured with, and the portal's public address (for
/// the return and notification addresses).
#[derive(Clone, Debug, Default)]
pub struct Payments {
    provider: Option<Arc<dyn Provider>>,
    public_url: String,
}

impl Payments {
    /// Payments through `provider`; the provider sends browsers and notifications to
    /// `public_url`.
    pub fn new(provider: Arc<dyn Provider>, public_url: &str) -> Payments {
        Payments {
            provider: Some(provider),
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }

    /// The provider, if one is configured.
    pub fn provider(&self) -> Option<&dyn Provider> {
        self.provider.as_deref()
    }

    fn configured(&self) -> Result<&dyn Provider, PaymentError> {
        self.provider().ok_or(PaymentError::Unavailable)
    }
}

/// Why a payment request failed.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// No such submission or attempt (or not one the asker may see).
    #[error("not found")]
    NotFound,
    /// The submission was found but the asker may not pay it.
    #[error(transparent)]
    Submission(#[from] crate::submissions::service::SubmissionError),
    /// Nothing is due.
    #[error("nothing to pay")]
    NothingToPay,
    /// Not paid online, or refunded already.
    #[error("not refundable")]
    NotRefundable,
    /// Too many attempts in the last hour.
    #[error("too many payment attempts")]
    TooManyAttempts,
    /// No provider, or it does not answer.
    #[error("payment provider unavailable")]
    Unavailable,
    /// The notification was not believed.
    #[error(transparent)]
    Notification(#[from] NotificationError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Starts paying a submission's fee online: a new attempt, a transaction at the provider for
/// exactly the claim's amount, and the provider's page to send the browser to.
pub async fn start(
    core: &Core,
    actor: &Actor,
    reference: &str,
    lang: Lang,
) -> Result<PaymentStarted, PaymentError> {
    let stored =
        crate::submissions::service::open_for(core, actor, Action::PayFee, reference).await?;
    let claim = store::claim(&core.db, stored.id)
        .await?
        .ok_or(PaymentError::NothingToPay)?;
    if claim.paid_at.is_some() {
        return Err(PaymentError::NothingToPay);
    }
    let provider = core.payments.configured()?;
    if store::recent_attempts(&core.db, stored.id, now_millis() - 3_600_000).await?
        >= MAX_ATTEMPTS_PER_HOUR
    {
        return Err(PaymentError::TooManyAttempts);
    }
    let id = uuid::Uuid::new_v4().to_string();
    let mut refno = String::new();
    for _ in 0..8 {
        let n = store::attempts_of(&core.db, stored.id).await? + 1;
        if n > MAX_ATTEMPTS {
            return Err(PaymentError::TooManyAttempts);
        }
        refno = format!("{}-{n}", stored.reference.replace('-', ""));
        let attempt = store::NewAttempt {
            id: &id,
            submission_id: stored.id,
            refno: &refno,
            provider: provider.name(),
            amount: claim.amount,
            currency: &claim.currency,
            lang: lang.code(),
        };
        if store::insert_attempt(&core.db, &attempt).await? {
            break;
        }
        refno.clear();
    }
    if refno.is_empty() {
        // Eight concurrent starts took every number this one tried.
        return Err(PaymentError::TooManyAttempts);
    }
    let base = &core.payments.public_url;
    let return_url = format!("{base}/api/v1/payments/{id}/return");
    let notification_url = format!("{base}/api/v1/payments/notifications/{}", provider.name());
    let created = provider
        .create(&NewTransaction {
            refno: &refno,
            amount: claim.amount,
            currency: &claim.currency,
            lang,
            return_url: &return_url,
            notification_url: &notification_url,
            idempotency_key: &id,
        })
        .await;
    let created = match created {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(reference = %stored.reference, error = %e, "payment not started");
            store::transition(&core.db, &id, "started", "failed").await?;
            return Err(PaymentError::Unavailable);
        }
    };
    store::set_transaction(&core.db, &id, &created.transaction_id).await?;
    tracing::info!(
        reference = %stored.reference,
        attempt = %id,
        transaction = %created.transaction_id,
        amount = claim.amount,
        "payment started"
    );
    Ok(PaymentStarted {
        redirect: created.redirect,
    })
}

/// Where the browser goes after the provider's page: the receipt page of the submission, with
/// the outcome as the provider reports it. Anyone may come back (the address names an attempt
/// id nobody can guess); it reveals nothing but the outcome and the reference.
pub async fn came_back(
    core: &Core,
    attempt_id: &str,
) -> Result<(Lang, String, PaymentOutcome), PaymentError> {
    if uuid::Uuid::parse_str(attempt_id).is_err() {
        return Err(PaymentError::NotFound);
    }
    let attempt = store::attempt(&core.db, attempt_id)
        .await?
        .ok_or(PaymentError::NotFound)?;
    let outcome = settle_attempt(core, &attempt, false).await?;
    let reference: String = sqlx::query_scalar("SELECT reference FROM submissions WHERE id = $1")
        .bind(attempt.submission_id)
        .fetch_one(core.db.pool())
        .await
        .map_err(StoreError::from)?;
    let lang = attempt.lang.parse::<Lang>().unwrap_or_default();
    Ok((lang, reference, outcome))
}

/// A notification from the provider: believed only with a valid, fresh signature, and then
/// only as a prompt to read the status back.
pub async fn notified(
    core: &Core,
    signature: Option<&str>,
    body: &[u8],
) -> Result<Option<PaymentOutcome>, PaymentError> {
    let provider = core.payments.configured()?;
    let transaction = provider.verify_notification(signature, body, now_millis())?;
    let Some(attempt) =
        store::attempt_by_transaction(&core.db, provider.name(), &transaction).await?
    else {
        tracing::warn!(%transaction, "a notification about a transaction the portal did not start");
        return Ok(None);
    };
    Ok(Some(settle_attempt(core, &attempt, false).await?))
}

/// Reads an attempt's status from the provider and records what it says, once. `expire`: an
/// attempt still undecided past its lifetime is cancelled at the provider and ends `expired`.
pub async fn settle_attempt(
    core: &Core,
    attempt: &Attempt,
    expire: bool,
) -> Result<PaymentOutcome, PaymentError> {
    match attempt.state.as_str() {
        "started" => {}
        "paid" | "duplicate" | "refunded" => return Ok(PaymentOutcome::Paid),
        "cancelled" | "expired" => return Ok(PaymentOutcome::Cancelled),
        "mismatch" => return Ok(PaymentOutcome::Mismatch),
        _ => return Ok(PaymentOutcome::Failed),
    }
    let provider = core.payments.configured()?;
    let Some(transaction) = attempt.transaction_id.as_deref() else {
        // Creating the transaction is under way, or its server stopped before it recorded
        // the provider's answer: past its lifetime nobody can pay it any more.
        if expire && now_millis() > attempt.created_ms + ATTEMPT_LIFETIME_MS {
            store::transition(&core.db, &attempt.id, "started", "expired").await?;
            return Ok(PaymentOutcome::Cancelled);
        }
        return Ok(PaymentOutcome::Pending);
    };
    let status = match provider.status(transaction).await {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(attempt = %attempt.id, error = %e, "payment status not read");
            return Ok(PaymentOutcome::Pending);
        }
    };
    let agreed = status.refno == attempt.refno && status.currency == attempt.currency;
    match status.state {
        TxnState::Pending => {
            let deadline = status
                .expires_ms
                .unwrap_or(i64::MAX)
                .min(attempt.created_ms + ATTEMPT_LIFETIME_MS);
            if expire && now_millis() > deadline {
                if let Err(e) = provider.cancel(transaction, &attempt.refno).await {
                    tracing::info!(attempt = %attempt.id, error = %e, "expired payment not cancelled at the provider");
                }
                store::transition(&core.db, &attempt.id, "started", "expired").await?;
                tracing::info!(attempt = %attempt.id, "payment expired");
                return Ok(PaymentOutcome::Cancelled);
            }
            Ok(PaymentOutcome::Pending)
        }
        TxnState::Authorized | TxnState::Settled => {
            if !agreed || status.amount != Some(attempt.amount) {
                if store::transition(&core.db, &attempt.id, "started", "mismatch").await? {
                    tracing::error!(
                        target: "schalter::security",
                        event = "payment_mismatch",
                        attempt = %attempt.id,
                        asked = attempt.amount,
                        reported = ?status.amount,
                        refno_agrees = status.refno == attempt.refno,
                        currency_agrees = status.currency == attempt.currency,
                        "the provider reports another payment than was asked for: not counted"
                    );
                }
                return Ok(PaymentOutcome::Mismatch);
            }
            if status.state == TxnState::Authorized {
                match provider
                    .settle(
                        transaction,
                        &attempt.refno,
                        attempt.amount,
                        &attempt.currency,
                    )
                    .await
                {
                    Ok(()) => {}
                    Err(ProviderError::Unavailable(e)) => {
                        tracing::warn!(attempt = %attempt.id, error = %e, "settling later");
                        return Ok(PaymentOutcome::Pending);
                    }
                    // Settled meanwhile by another server: read again next time.
                    Err(ProviderError::Refused(e)) => {
                        tracing::warn!(attempt = %attempt.id, error = %e, "settle refused");
                        return Ok(PaymentOutcome::Pending);
                    }
                }
            }
            match store::complete(&core.db, &attempt.id).await? {
                Completed::Now => {
                    tracing::info!(attempt = %attempt.id, amount = attempt.amount, "payment recorded");
                    metrics::counter!("schalter_payments_total").increment(1);
                }
                Completed::Before => {}
                Completed::Duplicate => {
                    // Paid twice (two tabs): the second payment goes back at once.
                    tracing::warn!(attempt = %attempt.id, "a second payment of a paid fee: refunding it");
                    refund_attempt(core, &attempt.id, "duplicate").await?;
                }
            }
            Ok(PaymentOutcome::Paid)
        }
        TxnState::Cancelled => {
            store::transition(&core.db, &attempt.id, "started", "cancelled").await?;
            Ok(PaymentOutcome::Cancelled)
        }
        TxnState::Failed => {
            store::transition(&core.db, &attempt.id, "started", "failed").await?;
            Ok(PaymentOutcome::Failed)
        }
    }
}

/// Gives back attempt `id`'s payment at the provider and records it (from state `from`).
async fn refund_attempt(core: &Core, id: &str, from: &str) -> Result<bool, PaymentError> {
    refund_with(core, id, from, None).await
}

async fn refund_with(
    core: &Core,
    id: &str,
    from: &str,
    audit: Option<&crate::cases::audit::Record<'_>>,
) -> Result<bool, PaymentError> {
    let provider = core.payments.configured()?;
    let attempt = store::require(store::attempt(&core.db, id).await?, "payment attempt")?;
    let transaction = attempt
        .transaction_id
        .as_deref()
        .ok_or(PaymentError::NothingToPay)?;
    provider
        .refund(
            transaction,
            &attempt.refno,
            attempt.amount,
            &attempt.currency,
        )
        .await
        .map_err(|e| {
            tracing::warn!(attempt = %id, error = %e, "refund failed");
            PaymentError::Unavailable
        })?;
    Ok(store::refunded(&core.db, id, from, attempt.amount, audit).await?)
}

/// The case's payment for its authority's staff: the fee, where it stands, and its attempts.
async fn staff_case(
    core: &Core,
    actor: &Actor,
    reference: &str,
) -> Result<(crate::submissions::store::Stored, store::Claim, String), PaymentError> {
    let me = core
        .policy
        .staff_member(actor)
        .map_err(crate::submissions::service::SubmissionError::from)?
        .id
        .clone();
    let stored =
        crate::submissions::service::open_for(core, actor, Action::WorkCase, reference).await?;
    let claim = store::claim(&core.db, stored.id)
        .await?
        .ok_or(PaymentError::NothingToPay)?;
    Ok((stored, claim, me))
}

/// The authority gives back a fee paid online (in full), at the provider, audited.
pub async fn refund(
    core: &Core,
    actor: &Actor,
    reference: &str,
) -> Result<contract::payment::PaymentInfo, PaymentError> {
    let (stored, claim, _) = staff_case(core, actor, reference).await?;
    let attempt = store::paying_attempt(&core.db, &claim)
        .await?
        .filter(|a| a.state == "paid")
        .ok_or(PaymentError::NotRefundable)?;
    let detail = format!("{} {}", attempt.amount, attempt.currency);
    let label = actor.label();
    let audit = crate::cases::audit::Record {
        authority: &stored.authority_id,
        actor: &label,
        action: "refund",
        reference: Some(&stored.reference),
        detail: &detail,
    };
    if !refund_with(core, &attempt.id, "paid", Some(&audit)).await? {
        return Err(PaymentError::NotRefundable);
    }
    tracing::info!(reference = %stored.reference, by = %label, amount = attempt.amount, "payment refunded");
    Ok(store::require(info(core, stored.id).await?, "fee claim")?)
}

/// The authority records that the fee arrived by transfer (the invoice was paid), audited; a
/// submission that waited for it now counts.
pub async fn mark_paid(
    core: &Core,
    actor: &Actor,
    reference: &str,
) -> Result<contract::payment::PaymentInfo, PaymentError> {
    let (stored, claim, me) = staff_case(core, actor, reference).await?;
    let detail = format!("{} {}", claim.amount, claim.currency);
    let label = actor.label();
    let audit = crate::cases::audit::Record {
        authority: &stored.authority_id,
        actor: &label,
        action: "paid",
        reference: Some(&stored.reference),
        detail: &detail,
    };
    if !store::mark_paid(&core.db, stored.id, &me, &audit).await? {
        return Err(PaymentError::NothingToPay);
    }
    Ok(store::require(info(core, stored.id).await?, "fee claim")?)
}

/// Looks at every attempt still undecided after `min_age`: records what the provider decided
/// meanwhile (a return that never came, a notification that was lost) and expires the ones
/// left too long. Any number of servers may run it at once. Returns how many were looked at.
pub async fn reconcile(core: &Core, min_age: std::time::Duration) -> Result<usize, PaymentError> {
    if core.payments.provider().is_none() {
        return Ok(0);
    }
    let before = now_millis() - min_age.as_millis() as i64;
    let stale = store::stale_attempts(&core.db, before, 200).await?;
    for attempt in &stale {
        settle_attempt(core, attempt, true).await?;
    }
    // Second payments whose refund failed (the provider was down): given back now.
    let owed = store::unrefunded_duplicates(&core.db, 200).await?;
    for attempt in &owed {
        if let Err(e) = refund_attempt(core, &attempt.id, "duplicate").await {
            tracing::warn!(attempt = %attempt.id, error = %e, "second payment still not refunded");
        }
    }
    Ok(stale.len() + owed.len())
}

/// Runs [`reconcile`] every `every` for attempts older than 15 minutes.
pub fn spawn_reconciler(core: Core, every: std::time::Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match reconcile(&core, std::time::Duration::from_secs(15 * 60)).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(attempts = n, "pending payments reconciled"),
                Err(e) => tracing::warn!(error = %e, "reconciling payments failed"),
            }
        }
    });
}

/// The fee of a submission and where it stands, with the payment slip while it is open, for
/// its receipt and its case.
pub async fn info(
    core: &Core,
    submission_id: i64,
) -> Result<Option<contract::payment::PaymentInfo>, StoreError> {
    store::info_with_slip(&core.db, submission_id).await
}
