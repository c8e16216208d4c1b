//! What the portal needs of a payment provider with hosted payment pages: create a transaction,
//! send the browser to the provider's page, read the status back, settle, cancel, refund, and
//! check a signed server-to-server notification. Nothing here decides whether a payment counts:
//! the service compares what the provider reports with what was asked.

use async_trait::async_trait;

use contract::Lang;

/// A transaction to create.
#[derive(Debug, Clone)]
pub struct NewTransaction<'a> {
    /// The portal's reference of this attempt (unique; read back and compared).
    pub refno: &'a str,
    /// Cents.
    pub amount: i64,
    /// `CHF` or `EUR`.
    pub currency: &'a str,
    /// The payment page's language.
    pub lang: Lang,
    /// Where the browser comes back to (success, cancel and error alike: the portal reads the
    /// outcome from the provider, not from the address).
    pub return_url: &'a str,
    /// Where the provider sends its notifications.
    pub notification_url: &'a str,
    /// Sent as the request's idempotency key: a retried create gives the same transaction.
    pub idempotency_key: &'a str,
}

/// A created transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The provider's id.
    pub transaction_id: String,
    /// The payment page to send the browser to.
    pub redirect: String,
}

/// Where a transaction stands at the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxnState {
    /// Not decided yet (the citizen has not paid, or is paying).
    Pending,
    /// Authorised, not yet settled (captured).
    Authorized,
    /// Settled: the money is the authority's.
    Settled,
    /// Cancelled by the citizen or by the portal.
    Cancelled,
    /// Declined or failed.
    Failed,
}

/// A transaction's status as the provider reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxnStatus {
    /// The provider's id.
    pub transaction_id: String,
    /// Where it stands.
    pub state: TxnState,
    /// The reference the portal gave it.
    pub refno: String,
    /// The currency.
    pub currency: String,
    /// The amount authorised or settled (cents), once there is one.
    pub amount: Option<i64>,
    /// When it stops waiting for a payment (Unix milliseconds), if the provider says.
    pub expires_ms: Option<i64>,
}

/// Why a call to the provider failed.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// It did not answer, or answered with a server error: try again later.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    /// It refused the request (credentials, state, unknown transaction).
    #[error("the payment provider refused: {0}")]
    Refused(String),
}

/// Why a notification was not believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotificationError {
    /// No signature, a malformed one, or one made with another key.
    #[error("the notification's signature is missing or wrong")]
    BadSignature,
    /// Signed too long ago (or in the future): a replay.
    #[error("the notification's signature is stale")]
    Stale,
    /// Signed, but not a status document.
    #[error("the notification is not a transaction status")]
    Malformed,
}

/// A payment provider with hosted payment pages.
#[async_trait]
pub trait Provider: Send + Sync + std::fmt::Debug {
    /// Its name as stored with each attempt (`datatrans`).
    fn name(&self) -> &'static str;

    /// Creates a transaction and names the page to send the browser to.
    async fn create(&self, t: &NewTransaction<'_>) -> Result<Created, ProviderError>;

    /// Reads a transaction's status.
    async fn status(&self, transaction_id: &str) -> Result<TxnStatus, ProviderError>;

    /// Settles (captures) an authorised transaction.
    async fn settle(
        &self,
        transaction_id: &str,
        refno: &str,
        amount: i64,
        currency: &str,
    ) -> Result<(), ProviderError>;

    /// Cancels a transaction that is not paid.
    async fn cancel(&self, transaction_id: &str, refno: &str) -> Result<(), ProviderError>;

    /// Gives back `amount` of a settled transaction.
    async fn refund(
        &self,
        transaction_id: &str,
        refno: &str,
        amount: i64,
        currency: &str,
    ) -> Result<(), ProviderError>;

    /// Checks a notification's signature (header value as sent) over the raw body, signed at
    /// most `tolerance_ms` before or after `now_ms`; returns the transaction it is about.
    fn verify_notification(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now_ms: i64,
    ) -> Result<String, NotificationError>;
}
