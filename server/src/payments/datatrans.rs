//! Datatrans JSON API v1: `POST /v1/transactions` (Basic auth, `Idempotency-Key`), the payment
//! page `/v1/start/{id}`, `GET /v1/transactions/{id}`, `…/settle`, `…/cancel`, `…/credit`, and
//! webhooks signed in `Datatrans-Signature: t=<ms>,s0=<hex>` with
//! `s0 = HMAC-SHA256(key = hex-decoded sign key, t ‖ raw body)`.

use async_trait::async_trait;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::json;
use sha2::Sha256;

use super::provider::{
    Created, NewTransaction, NotificationError, Provider, ProviderError, TxnState, TxnStatus,
};

/// How far a notification's signing time may be from now (replays of old notifications).
pub const SIGNATURE_TOLERANCE_MS: i64 = 5 * 60 * 1000;

/// Credentials and addresses of one Datatrans merchant.
#[derive(Clone)]
pub struct DatatransConfig {
    /// `https://api.sandbox.datatrans.com` (production: `https://api.datatrans.com`).
    pub api_url: String,
    /// `https://pay.sandbox.datatrans.com` (production: `https://pay.datatrans.com`).
    pub page_url: String,
    /// The merchant id.
    pub merchant_id: String,
    /// The API password.
    pub password: String,
    /// The webhook sign key (hex, as the merchant back office shows it).
    pub sign_key: Vec<u8>,
}

impl std::fmt::Debug for DatatransConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatatransConfig")
            .field("api_url", &self.api_url)
            .field("page_url", &self.page_url)
            .field("merchant_id", &self.merchant_id)
            .finish_non_exhaustive()
    }
}

/// The Datatrans client.
#[derive(Debug, Clone)]
pub struct Datatrans {
    config: DatatransConfig,
    http: reqwest::Client,
}

impl Datatrans {
    /// A client for `config` (requests time out after 15 s; redirects are not followed).
    pub fn new(config: DatatransConfig) -> anyhow::Result<Datatrans> {
        Ok(Datatrans {
            config,
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(15))
                .connect_timeout(std::time::Duration::from_secs(5))
                .redirect(reqwest::redirect::Policy::none())
                .build()?,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.api_url.trim_end_matches('/'))
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Result<reqwest::Response, ProviderError> {
        let res = req
            .basic_auth(&self.config.merchant_id, Some(&self.config.password))
            .send()
            .await
            .map_err(|e| ProviderError::Unavailable(e.without_url().to_string()))?;
        let status = res.status();
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
            return Err(ProviderError::Unavailable(format!("HTTP {status}")));
        }
        if !status.is_success() {
            let body = res.text().await.unwrap_or_default();
            return Err(ProviderError::Refused(format!(
                "HTTP {status}: {}",
                body.chars().take(300).collect::<String>()
            )));
        }
        Ok(res)
    }

    async fn post_action(
        &self,
        transaction_id: &str,
        action: &str,
        body: serde_json::Value,
    ) -> Result<(), ProviderError> {
        check_id(transaction_id)?;
        self.send(
            self.http
                .post(self.url(&format!("/v1/transactions/{transaction_id}/{action}")))
                .json(&body),
        )
        .await?;
        Ok(())
    }
}

/// Transaction ids go into paths: digits and letters only.
fn check_id(id: &str) -> Result<(), ProviderError> {
    if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ProviderError::Refused(format!(
            "not a transaction id: {id:?}"
        )));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InitAnswer {
    transaction_id: String,
}

#[derive(Deserialize, Default)]
struct Amount {
    amount: Option<i64>,
}

#[derive(Deserialize, Default)]
struct Init {
    expires: Option<String>,
}

#[derive(Deserialize, Default)]
struct Detail {
    #[serde(default)]
    init: Option<Init>,
    #[serde(default)]
    authorize: Option<Amount>,
    #[serde(default)]
    settle: Option<Amount>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusDoc {
    transaction_id: String,
    status: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    refno: String,
    #[serde(default)]
    detail: Detail,
}

impl StatusDoc {
    fn into_status(self) -> TxnStatus {
        let state = match self.status.as_str() {
            "authorized" => TxnState::Authorized,
            "settled" | "transmitted" => TxnState::Settled,
            "canceled" => TxnState::Cancelled,
            "failed" => TxnState::Failed,
            // initialized, challenge_required, challenge_ongoing, authenticated, …
            _ => TxnState::Pending,
        };
        let amount = match state {
            TxnState::Settled => self.detail.settle.and_then(|a| a.amount).or(self
                .detail
                .authorize
                .as_ref()
                .and_then(|a| a.amount)),
            TxnState::Authorized => self.detail.authorize.and_then(|a| a.amount),
            _ => None,
        };
        let expires_ms = self
            .detail
            .init
            .and_then(|i| i.expires)
            .and_then(|e| e.parse::<jiff::Timestamp>().ok())
            .map(|t| t.as_millisecond());
        TxnStatus {
            transaction_id: self.transaction_id,
            state,
            refno: self.refno,
            currency: self.currency,
            amount,
            expires_ms,
        }
    }
}

#[async_trait]
impl Provider for Datatrans {
    fn name(&self) -> &'static str {
        "datatrans"
    }

    async fn create(&self, t: &NewTransaction<'_>) -> Result<Created, ProviderError> {
        let body = json!({
            "currency": t.currency,
            "refno": t.refno,
            "amount": t.amount,
            "language": t.lang.code(),
            "autoSettle": true,
            "redirect": {
                "successUrl": t.return_url,
                "cancelUrl": t.return_url,
                "errorUrl": t.return_url,
            },
            "webhook": { "url": t.notification_url },
        });
        let res = self
            .send(
                self.http
                    .post(self.url("/v1/transactions"))
                    .header("Idempotency-Key", t.idempotency_key)
                    .json(&body),
            )
            .await?;
        let answer: InitAnswer = res
            .json()
            .await
            .map_err(|e| ProviderError::Unavailable(format!("unreadable answer: {e}")))?;
        check_id(&answer.transaction_id)?;
        Ok(Created {
            redirect: format!(
                "{}/v1/start/{}",
                self.config.page_url.trim_end_matches('/'),
                answer.transaction_id
            ),
            transaction_id: answer.transaction_id,
        })
    }

    async fn status(&self, transaction_id: &str) -> Result<TxnStatus, ProviderError> {
        check_id(transaction_id)?;
        let res = self
            .send(
                self.http
                    .get(self.url(&format!("/v1/transactions/{transaction_id}"))),
            )
            .await?;
        let doc: StatusDoc = res
            .json()
            .await
            .map_err(|e| ProviderError::Unavailable(format!("unreadable status: {e}")))?;
        if doc.transaction_id != transaction_id {
            return Err(ProviderError::Refused(
                "the status is of another transaction".into(),
            ));
        }
        Ok(doc.into_status())
    }

    async fn settle(
        &self,
        transaction_id: &str,
        refno: &str,
        amount: i64,
        currency: &str,
    ) -> Result<(), ProviderError> {
        self.post_action(
            transaction_id,
            "settle",
            json!({ "amount": amount, "currency": currency, "refno": refno }),
        )
        .await
    }

    async fn cancel(&self, transaction_id: &str, refno: &str) -> Result<(), ProviderError> {
        self.post_action(transaction_id, "cancel", json!({ "refno": refno }))
            .await
    }

    async fn refund(
        &self,
        transaction_id: &str,
        refno: &str,
        amount: i64,
        currency: &str,
    ) -> Result<(), ProviderError> {
        self.post_action(
            transaction_id,
            "credit",
            json!({ "amount": amount, "currency": currency, "refno": refno }),
        )
        .await
    }

    fn verify_notification(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now_ms: i64,
    ) -> Result<String, NotificationError> {
        let header = signature.ok_or(NotificationError::BadSignature)?;
        let mut t = None;
        let mut s0 = None;
        for part in header.split(',') {
            match part.trim().split_once('=') {
                Some(("t", v)) => t = Some(v),
                Some(("s0", v)) => s0 = Some(v),
                _ => {}
            }
        }
        let (t, s0) = t.zip(s0).ok_or(NotificationError::BadSignature)?;
        let sent = hex::decode(s0).map_err(|_| NotificationError::BadSignature)?;
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.config.sign_key)
            .expect("HMAC takes any key length");
        mac.update(t.as_bytes());
        mac.update(body);
        mac.verify_slice(&sent)
            .map_err(|_| NotificationError::BadSignature)?;
        let at: i64 = t.parse().map_err(|_| NotificationError::BadSignature)?;
        if (now_ms - at).abs() > SIGNATURE_TOLERANCE_MS {
            return Err(NotificationError::Stale);
        }
        let doc: StatusDoc =
            serde_json::from_slice(body).map_err(|_| NotificationError::Malformed)?;
        check_id(&doc.transaction_id).map_err(|_| NotificationError::Malformed)?;
        Ok(doc.transaction_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(key: &[u8]) -> Datatrans {
        Datatrans::new(DatatransConfig {
            api_url: "http://127.0.0.1:1".into(),
            page_url: "http://127.0.0.1:1".into(),
            merchant_id: "1100000000".into(),
            password: "pw".into(),
            sign_key: key.to_vec(),
        })
        .unwrap()
    }

    fn sign(key: &[u8], t: i64, body: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(t.to_string().as_bytes());
        mac.update(body.as_bytes());
        format!("t={t},s0={}", hex::encode(mac.finalize().into_bytes()))
    }

    #[test]
    fn notifications_are_believed_only_signed_with_the_key_and_fresh() {
        let key = b"sign key";
        let dt = client(key);
        let body =
            r#"{"transactionId":"260101123456","status":"settled","refno":"R1","currency":"CHF"}"#;
        let now = 1_800_000_000_000;
        assert_eq!(
            dt.verify_notification(Some(&sign(key, now - 1000, body)), body.as_bytes(), now),
            Ok("260101123456".into())
        );
        // Another key, another body, no header, a malformed header.
        assert_eq!(
            dt.verify_notification(Some(&sign(b"other", now, body)), body.as_bytes(), now),
            Err(NotificationError::BadSignature)
        );
        let changed = body.replace("R1", "R2");
        assert_eq!(
            dt.verify_notification(Some(&sign(key, now, body)), changed.as_bytes(), now),
            Err(NotificationError::BadSignature)
        );
        assert_eq!(
            dt.verify_notification(None, body.as_bytes(), now),
            Err(NotificationError::BadSignature)
        );
        assert_eq!(
            dt.verify_notification(Some("t=1,s0=zz"), body.as_bytes(), now),
            Err(NotificationError::BadSignature)
        );
        // Signed correctly, but ten minutes ago: a replay.
        assert_eq!(
            dt.verify_notification(
                Some(&sign(key, now - 10 * 60 * 1000, body)),
                body.as_bytes(),
                now
            ),
            Err(NotificationError::Stale)
        );
        // Signed, but its id could be a path.
        let odd = r#"{"transactionId":"../x","status":"settled"}"#;
        assert_eq!(
            dt.verify_notification(Some(&sign(key, now, odd)), odd.as_bytes(), now),
            Err(NotificationError::Malformed)
        );
    }

    #[test]
    fn statuses_map_to_states_with_the_amount_that_counts() {
        let doc: StatusDoc = serde_json::from_value(json!({
            "transactionId": "1", "status": "settled", "currency": "CHF", "refno": "R",
            "detail": { "authorize": { "amount": 5000 }, "settle": { "amount": 4000 },
                        "init": { "expires": "2026-12-01T10:00:00Z" } }
        }))
        .unwrap();
        let s = doc.into_status();
        assert_eq!(s.state, TxnState::Settled);
        assert_eq!(s.amount, Some(4000));
        assert!(s.expires_ms.is_some());
        for (status, state) in [
            ("initialized", TxnState::Pending),
            ("authenticated", TxnState::Pending),
            ("authorized", TxnState::Authorized),
            ("transmitted", TxnState::Settled),
            ("canceled", TxnState::Cancelled),
            ("failed", TxnState::Failed),
        ] {
            let doc: StatusDoc =
                serde_json::from_value(json!({ "transactionId": "1", "status": status })).unwrap();
            assert_eq!(doc.into_status().state, state, "{status}");
        }
    }
}
