//! A payment provider for development and tests, run as its own process.
//!
//! It speaks the part of the Datatrans JSON API v1 the portal uses, with the same shapes:
//! `POST /v1/transactions` (Basic auth, `Idempotency-Key`), the payment page
//! `GET /v1/start/{id}` with pay / cancel / fail, the browser sent back to the success, cancel or
//! error address with `datatransTrxId`, a webhook carrying the status JSON signed in
//! `Datatrans-Signature: t=<ms>,s0=<hex HMAC-SHA256(key = hex sign key, t ‖ body)>`,
//! `GET /v1/transactions/{id}`, and `…/settle`, `…/cancel`, `…/credit`.
//!
//! What tests need beyond that lives under `/sandbox/`: hold a payment's notification and send
//! it later (or twice), change what the provider reports (a changed amount), and read which
//! notifications went out. State is in memory: a sandbox forgets everything when it stops.
//!
//! Configuration (environment): `PAYSANDBOX_BIND` (127.0.0.3:9500), `PAYSANDBOX_MERCHANT_ID`,
//! `PAYSANDBOX_PASSWORD`, `PAYSANDBOX_SIGN_KEY` (hex), `PAYSANDBOX_INIT_TTL_SECS` (1800: how long
//! a transaction may wait for its payment).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::Rng;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::Sha256;

#[derive(Clone)]
struct Config {
    merchant_id: String,
    password: String,
    sign_key: Vec<u8>,
    init_ttl_ms: i64,
}

#[derive(Clone, Debug)]
struct Txn {
    id: String,
    refno: String,
    currency: String,
    amount: i64,
    auto_settle: bool,
    language: String,
    status: &'static str,
    success_url: String,
    cancel_url: String,
    error_url: String,
    webhook_url: Option<String>,
    created_ms: i64,
    settled: i64,
    credited: i64,
    failure: Option<&'static str>,
    history: Vec<Value>,
}

#[derive(Default)]
struct Store {
    txns: HashMap<String, Txn>,
    /// `(merchant, Idempotency-Key)` → the answer given first.
    idempotent: HashMap<String, String>,
    /// Per transaction: every notification sent (HTTP status, or 0 when it did not arrive).
    sent: HashMap<String, Vec<Value>>,
}

#[derive(Clone)]
struct App {
    config: Arc<Config>,
    store: Arc<Mutex<Store>>,
    http: reqwest::Client,
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

fn iso(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message } })),
    )
        .into_response()
}

impl Txn {
    /// The status document, as `GET /v1/transactions/{id}` and the webhook send it.
    fn status_json(&self, merchant: &str, ttl_ms: i64) -> Value {
        let mut detail = serde_json::Map::new();
        detail.insert(
            "init".into(),
            json!({ "expires": iso(self.created_ms + ttl_ms) }),
        );
        if matches!(self.status, "authorized" | "settled" | "transmitted") {
            detail.insert("authorize".into(), json!({ "amount": self.amount }));
        }
        if self.settled > 0 {
            detail.insert("settle".into(), json!({ "amount": self.settled }));
        }
        if self.credited > 0 {
            detail.insert("credit".into(), json!({ "amount": self.credited }));
        }
        if let Some(reason) = self.failure {
            detail.insert(
                "fail".into(),
                json!({ "reason": reason, "message": "declined by the sandbox" }),
            );
        }
        let mut doc = json!({
            "transactionId": self.id,
            "merchantId": merchant,
            "type": "payment",
            "status": self.status,
            "currency": self.currency,
            "refno": self.refno,
            "language": self.language,
            "detail": detail,
            "history": self.history,
        });
        if matches!(self.status, "authorized" | "settled" | "transmitted") {
            doc["paymentMethod"] = json!("VIS");
            doc["card"] = json!({ "masked": "424242xxxxxx4242" });
        }
        doc
    }

    fn expired(&self, ttl_ms: i64) -> bool {
        self.status == "initialized" && now_ms() > self.created_ms + ttl_ms
    }

    fn record(&mut self, action: &str, amount: i64, success: bool) {
        self.history.push(json!({
            "action": action, "amount": amount, "success": success, "date": iso(now_ms()),
        }));
    }
}

fn authorised(app: &App, headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some(encoded) = value.strip_prefix("Basic ") else {
        return false;
    };
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
        return false;
    };
    let expected = format!("{}:{}", app.config.merchant_id, app.config.password);
    decoded == expected.as_bytes()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InitRedirect {
    success_url: String,
    cancel_url: String,
    error_url: String,
}

#[derive(Deserialize)]
struct InitWebhook {
    url: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InitRequest {
    currency: String,
    refno: String,
    amount: i64,
    #[serde(default)]
    auto_settle: bool,
    #[serde(default)]
    language: Option<String>,
    redirect: InitRedirect,
    #[serde(default)]
    webhook: Option<InitWebhook>,
}

async fn init(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    if !authorised(&app, &headers) {
        return error(
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED",
            "merchant id or password wrong",
        );
    }
    let req: InitRequest = match serde_json::from_str(&body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "INVALID_JSON_PAYLOAD",
                &e.to_string(),
            );
        }
    };
    if !matches!(req.currency.as_str(), "CHF" | "EUR") {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_PROPERTY",
            "currency: CHF or EUR",
        );
    }
    if req.amount <= 0 || req.refno.is_empty() || req.refno.len() > 40 {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_PROPERTY",
            "amount or refno",
        );
    }
    let key = headers
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .map(|k| format!("{}:{k}", app.config.merchant_id));
    let mut store = app.store.lock().expect("store lock");
    if let Some(id) = key.as_ref().and_then(|k| store.idempotent.get(k)) {
        return (StatusCode::CREATED, Json(json!({ "transactionId": id }))).into_response();
    }
    let id = format!(
        "{}",
        rand::rng().random_range(100_000_000_000u64..999_999_999_999)
    );
    let mut txn = Txn {
        id: id.clone(),
        refno: req.refno,
        currency: req.currency,
        amount: req.amount,
        auto_settle: req.auto_settle,
        language: req.language.unwrap_or_else(|| "de".into()),
        status: "initialized",
        success_url: req.redirect.success_url,
        cancel_url: req.redirect.cancel_url,
        error_url: req.redirect.error_url,
        webhook_url: req.webhook.map(|w| w.url),
        created_ms: now_ms(),
        settled: 0,
        credited: 0,
        failure: None,
        history: Vec::new(),
    };
    txn.record("init", txn.amount, true);
    store.txns.insert(id.clone(), txn);
    if let Some(k) = key {
        store.idempotent.insert(k, id.clone());
    }
    (StatusCode::CREATED, Json(json!({ "transactionId": id }))).into_response()
}

async fn status(State(app): State<App>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if !authorised(&app, &headers) {
        return error(
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED",
            "merchant id or password wrong",
        );
    }
    let store = app.store.lock().expect("store lock");
    match store.txns.get(&id) {
        Some(t) => {
            Json(t.status_json(&app.config.merchant_id, app.config.init_ttl_ms)).into_response()
        }
        None => error(
            StatusCode::NOT_FOUND,
            "TRANSACTION_NOT_FOUND",
            "no such transaction",
        ),
    }
}

#[derive(Deserialize)]
struct AmountRequest {
    #[serde(default)]
    amount: Option<i64>,
    #[serde(default)]
    currency: Option<String>,
    refno: String,
}

/// `settle`, `cancel` and `credit` on a transaction.
async fn act(
    State(app): State<App>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    body: String,
) -> Response {
    if !authorised(&app, &headers) {
        return error(
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED",
            "merchant id or password wrong",
        );
    }
    let req: AmountRequest = match serde_json::from_str(&body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "INVALID_JSON_PAYLOAD",
                &e.to_string(),
            );
        }
    };
    let mut store = app.store.lock().expect("store lock");
    let Some(t) = store.txns.get_mut(&id) else {
        return error(
            StatusCode::NOT_FOUND,
            "TRANSACTION_NOT_FOUND",
            "no such transaction",
        );
    };
    if req.refno != t.refno || req.currency.as_ref().is_some_and(|c| c != &t.currency) {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_PROPERTY",
            "refno or currency differ",
        );
    }
    match action.as_str() {
        "settle" => {
            let amount = req.amount.unwrap_or(t.amount);
            if t.status != "authorized" || amount <= 0 || amount > t.amount {
                return error(
                    StatusCode::BAD_REQUEST,
                    "INVALID_TRANSACTION_STATUS",
                    "not authorized",
                );
            }
            t.settled = amount;
            t.status = "settled";
            t.record("settle", amount, true);
            StatusCode::NO_CONTENT.into_response()
        }
        "cancel" => {
            if !matches!(t.status, "initialized" | "authenticated" | "authorized") {
                return error(
                    StatusCode::BAD_REQUEST,
                    "INVALID_TRANSACTION_STATUS",
                    "cannot be cancelled",
                );
            }
            t.status = "canceled";
            t.record("cancel", t.amount, true);
            StatusCode::NO_CONTENT.into_response()
        }
        "credit" => {
            let amount = req.amount.unwrap_or(t.settled - t.credited);
            if !matches!(t.status, "settled" | "transmitted")
                || amount <= 0
                || t.credited + amount > t.settled
            {
                return error(
                    StatusCode::BAD_REQUEST,
                    "INVALID_TRANSACTION_STATUS",
                    "nothing to credit",
                );
            }
            t.credited += amount;
            t.record("credit", amount, true);
            let credit_id = format!(
                "{}",
                rand::rng().random_range(100_000_000_000u64..999_999_999_999)
            );
            Json(json!({ "transactionId": credit_id })).into_response()
        }
        _ => error(StatusCode::NOT_FOUND, "NOT_FOUND", "no such action"),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn money(cents: i64, currency: &str) -> String {
    format!("{currency} {}.{:02}", cents / 100, cents % 100)
}

/// The payment page: what is paid, and three buttons. German and English texts.
async fn page(State(app): State<App>, Path(id): Path<String>) -> Response {
    let store = app.store.lock().expect("store lock");
    let Some(t) = store.txns.get(&id) else {
        return (
            StatusCode::NOT_FOUND,
            Html("<!doctype html><html lang=\"en\"><title>Not found</title><main><h1>No such payment</h1></main></html>".to_string()),
        )
            .into_response();
    };
    let de = t.language != "en";
    let (title, intro, pay, cancel, fail, note) = if de {
        (
            "Zahlung (Testumgebung)",
            "Zu bezahlen",
            "Bezahlen",
            "Abbrechen",
            "Ablehnen lassen (Test)",
            "Testumgebung: es wird kein Geld bewegt, keine Karte ist nötig.",
        )
    } else {
        (
            "Payment (sandbox)",
            "To pay",
            "Pay",
            "Cancel",
            "Have it declined (test)",
            "Sandbox: no money moves and no card is needed.",
        )
    };
    let body = if t.status != "initialized" || t.expired(app.config.init_ttl_ms) {
        let done = if de {
            "Diese Zahlung ist nicht mehr offen."
        } else {
            "This payment is no longer open."
        };
        format!("<p>{done}</p>")
    } else {
        format!(
            "<p>{note}</p>\
             <dl><dt>{intro}</dt><dd id=\"amount\">{amount}</dd><dt>Referenz</dt><dd>{refno}</dd></dl>\
             <form method=\"post\">\
             <button name=\"action\" value=\"pay\">{pay}</button> \
             <button name=\"action\" value=\"cancel\">{cancel}</button> \
             <button name=\"action\" value=\"fail\">{fail}</button>\
             </form>",
            amount = escape(&money(t.amount, &t.currency)),
            refno = escape(&t.refno),
        )
    };
    Html(format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"icon\" href=\"data:,\">\
         <style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}\
         button{{font:inherit;padding:.6rem 1rem;margin:.25rem .25rem .25rem 0;border:2px solid #1a1a1a;border-radius:4px;background:#fff;color:#1a1a1a}}\
         button[value=pay]{{background:#0b4f9c;border-color:#0b4f9c;color:#fff}}\
         button:focus-visible{{outline:3px solid #e0a000;outline-offset:2px}}\
         dd{{margin:0 0 .5rem 0;font-weight:bold}}</style></head>\
         <body><main><h1>{title}</h1>{body}</main></body></html>",
        lang = if de { "de" } else { "en" },
    ))
    .into_response()
}

#[derive(Deserialize)]
struct PageAction {
    action: String,
    /// `hold`: the notification is not sent now (tests send it later through `/sandbox/`).
    #[serde(default)]
    notify: Option<String>,
}

fn with_trx(url: &str, id: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}datatransTrxId={id}")
}

async fn page_action(
    State(app): State<App>,
    Path(id): Path<String>,
    Form(form): Form<PageAction>,
) -> Response {
    let (target, send) = {
        let mut store = app.store.lock().expect("store lock");
        let Some(t) = store.txns.get_mut(&id) else {
            return error(
                StatusCode::NOT_FOUND,
                "TRANSACTION_NOT_FOUND",
                "no such transaction",
            );
        };
        if t.status != "initialized" || t.expired(app.config.init_ttl_ms) {
            return (
                StatusCode::CONFLICT,
                Html("<!doctype html><html lang=\"en\"><title>Closed</title><main><h1>This payment is no longer open</h1></main></html>".to_string()),
            )
                .into_response();
        }
        let target = match form.action.as_str() {
            "pay" => {
                t.status = "authorized";
                t.record("authorize", t.amount, true);
                if t.auto_settle {
                    t.settled = t.amount;
                    t.status = "settled";
                    t.record("settle", t.amount, true);
                }
                t.success_url.clone()
            }
            "cancel" => {
                t.status = "canceled";
                t.record("cancel", t.amount, true);
                t.cancel_url.clone()
            }
            "fail" => {
                t.status = "failed";
                t.failure = Some("declined");
                t.record("authorize", t.amount, false);
                t.error_url.clone()
            }
            _ => return error(StatusCode::BAD_REQUEST, "INVALID_PROPERTY", "action"),
        };
        (
            with_trx(&target, &id),
            form.notify.as_deref() != Some("hold"),
        )
    };
    if send {
        // Datatrans sends the webhook when the payment completes; the browser's return
        // happens independently (and may never happen).
        notify(&app, &id).await;
    }
    Redirect::to(&target).into_response()
}

/// Sends the transaction's status to its webhook address, signed; records the answer.
async fn notify(app: &App, id: &str) -> Option<u16> {
    let (url, body) = {
        let store = app.store.lock().expect("store lock");
        let t = store.txns.get(id)?;
        let url = t.webhook_url.clone()?;
        let body = t
            .status_json(&app.config.merchant_id, app.config.init_ttl_ms)
            .to_string();
        (url, body)
    };
    let t = now_ms().to_string();
    let mut mac =
        Hmac::<Sha256>::new_from_slice(&app.config.sign_key).expect("HMAC takes any key length");
    mac.update(t.as_bytes());
    mac.update(body.as_bytes());
    let signature = hex::encode(mac.finalize().into_bytes());
    let answer = app
        .http
        .post(&url)
        .header("Content-Type", "application/json")
        .header("Datatrans-Signature", format!("t={t},s0={signature}"))
        .body(body)
        .send()
        .await;
    let code = answer.map(|r| r.status().as_u16()).unwrap_or(0);
    app.store
        .lock()
        .expect("store lock")
        .sent
        .entry(id.to_string())
        .or_default()
        .push(json!({ "at": iso(now_ms()), "status": code }));
    Some(code)
}

async fn sandbox_notify(State(app): State<App>, Path(id): Path<String>) -> Response {
    match notify(&app, &id).await {
        Some(code) => Json(json!({ "delivered": code })).into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            "TRANSACTION_NOT_FOUND",
            "no such transaction or no webhook",
        ),
    }
}

async fn sandbox_sent(State(app): State<App>, Path(id): Path<String>) -> Response {
    let store = app.store.lock().expect("store lock");
    Json(json!({ "notifications": store.sent.get(&id).cloned().unwrap_or_default() }))
        .into_response()
}

#[derive(Deserialize)]
struct Tamper {
    #[serde(default)]
    amount: Option<i64>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    refno: Option<String>,
    /// Pays the transaction as if the browser had (without any redirect or notification).
    #[serde(default)]
    pay: bool,
}

/// Makes the provider report something else than was agreed (tests of the portal's checks).
async fn sandbox_tamper(
    State(app): State<App>,
    Path(id): Path<String>,
    Json(req): Json<Tamper>,
) -> Response {
    let mut store = app.store.lock().expect("store lock");
    let Some(t) = store.txns.get_mut(&id) else {
        return error(
            StatusCode::NOT_FOUND,
            "TRANSACTION_NOT_FOUND",
            "no such transaction",
        );
    };
    if let Some(a) = req.amount {
        t.amount = a;
        if t.settled > 0 {
            t.settled = a;
        }
    }
    if let Some(c) = req.currency {
        t.currency = c;
    }
    if let Some(r) = req.refno {
        t.refno = r;
    }
    if req.pay && t.status == "initialized" {
        t.status = if t.auto_settle {
            "settled"
        } else {
            "authorized"
        };
        if t.auto_settle {
            t.settled = t.amount;
        }
        t.record("authorize", t.amount, true);
    }
    StatusCode::NO_CONTENT.into_response()
}

#[tokio::main]
async fn main() {
    let env = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let sign_key = hex::decode(env(
        "PAYSANDBOX_SIGN_KEY",
        "73616e64626f782d7369676e2d6b6579",
    ))
    .expect("PAYSANDBOX_SIGN_KEY must be hex");
    let config = Config {
        merchant_id: env("PAYSANDBOX_MERCHANT_ID", "1100000000"),
        password: env("PAYSANDBOX_PASSWORD", "sandbox-password"),
        sign_key,
        init_ttl_ms: env("PAYSANDBOX_INIT_TTL_SECS", "1800")
            .parse::<i64>()
            .expect("PAYSANDBOX_INIT_TTL_SECS must be a number")
            * 1000,
    };
    let app = App {
        config: Arc::new(config),
        store: Arc::default(),
        http: reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("HTTP client"),
    };
    let router = Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/v1/transactions", post(init))
        .route("/v1/transactions/{id}", get(status))
        .route("/v1/transactions/{id}/{action}", post(act))
        .route("/v1/start/{id}", get(page).post(page_action))
        .route("/sandbox/transactions/{id}/notify", post(sandbox_notify))
        .route(
            "/sandbox/transactions/{id}/notifications",
            get(sandbox_sent),
        )
        .route("/sandbox/transactions/{id}/tamper", post(sandbox_tamper))
        .with_state(app);
    let bind = env("PAYSANDBOX_BIND", "127.0.0.3:9500");
    let listener = tokio::net::TcpListener::bind(&bind)
        .await
        .unwrap_or_else(|e| panic!("binding {bind}: {e}"));
    println!("payment sandbox on http://{bind}");
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .expect("serving");
}
