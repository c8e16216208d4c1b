//! Paying fees online through the payment sandbox (a separate process speaking the Datatrans
//! JSON API): a fee due before the application counts holds it until paid; return and
//! notification in every order, twice, concurrently or never record the payment once and queue
//! one confirmation; forged, stale and unknown notifications, a changed amount, cancelled and
//! failed payments, a provider that is down, the reconciliation job, a second payment.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{SANDBOX_SIGN_KEY, TestApp, Which, body_json, post_json};
use contract::submission::SubmissionCreated;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

const AARAU: &str = "ch:4001";
const FORM: &str = "fischereipatent-ag";
/// The annual permit.
const FEE: i64 = 15000;

fn key(n: u32) -> String {
    format!("7a1c0d2e-5b6f-4a3b-8c9d-{n:012}")
}

fn sandbox() -> String {
    common::paysandbox_url().expect("sandbox")
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn form_version(app: &TestApp, form: &str, m: &str) -> String {
    let res = app
        .get(&format!("/api/v1/forms/{form}?municipality={m}"), &[])
        .await;
    assert_eq!(res.status(), 200);
    body_json(res).await["version"].as_str().unwrap().to_owned()
}

fn fishing_answers() -> Value {
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Europe/Zurich").unwrap())
        .date()
        .to_string();
    json!({
        "given_name": "Lea",
        "family_name": "Brunner",
        "birth_date": "1990-04-12",
        "address": {"street": "Bahnhofstrasse", "number": "5", "postcode": "5000", "place": "Aarau", "country": "CH"},
        "email": "lea.brunner@example.ch",
        "patent_type": "year",
        "start_date": today,
        "waters": ["aare"],
        "sana_number": "SaNa-2026-0412",
        "rules_ack": true,
    })
}

/// Applies for an annual fishing permit in Aarau (its fee is due before it counts).
async fn apply(app: &TestApp, n: u32, payment: Option<&str>) -> (StatusCode, Value) {
    let version = form_version(app, FORM, AARAU).await;
    let mut body = json!({
        "idempotency_key": key(n),
        "form": FORM,
        "version": version,
        "municipality": AARAU,
        "lang": "de",
        "answers": fishing_answers(),
    });
    if let Some(p) = payment {
        body["payment"] = json!(p);
    }
    post_json(app, "/api/v1/submissions", &body).await
}

async fn applied(app: &TestApp, n: u32) -> SubmissionCreated {
    let (status, body) = apply(app, n, None).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    serde_json::from_value(body).unwrap()
}

async fn post_with_token(
    app: &TestApp,
    path: &str,
    token: &str,
    body: &Value,
) -> (StatusCode, Value) {
    let req = Request::post(path)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap();
    let res = app.send(req).await;
    let status = res.status();
    (status, body_json(res).await)
}

/// Starts paying; the payment page's address.
async fn start(app: &TestApp, s: &SubmissionCreated) -> String {
    let (status, body) = post_with_token(
        app,
        &format!("/api/v1/submissions/{}/payments", s.receipt.reference),
        &s.access_token,
        &json!({"lang": "de"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let redirect = body["redirect"].as_str().unwrap().to_owned();
    assert!(
        redirect.starts_with(&format!("{}/v1/start/", sandbox())),
        "{redirect}"
    );
    redirect
}

fn transaction_of(page: &str) -> String {
    page.rsplit('/').next().unwrap().to_owned()
}

/// Presses a button on the sandbox's payment page; where the browser is sent back to.
/// `hold`: the sandbox sends no notification now.
async fn press(page: &str, action: &str, hold: bool) -> String {
    let mut form = vec![("action", action)];
    if hold {
        form.push(("notify", "hold"));
    }
    let res = no_redirects().post(page).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303, "{page} {action}");
    res.headers()["location"].to_str().unwrap().to_owned()
}

/// The browser comes back to the portal: where the portal sends it on.
async fn come_back(back: &str) -> String {
    let res = no_redirects().get(back).send().await.unwrap();
    assert_eq!(res.status(), 303, "{back}");
    res.headers()["location"].to_str().unwrap().to_owned()
}

/// The sandbox sends its notification (again); the portal's answer.
async fn notify(transaction: &str) -> u64 {
    let res = reqwest::Client::new()
        .post(format!(
            "{}/sandbox/transactions/{transaction}/notify",
            sandbox()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.json::<Value>().await.unwrap()["delivered"]
        .as_u64()
        .unwrap()
}

/// The transaction as the sandbox reports it to the merchant.
async fn sandbox_transaction(transaction: &str) -> Value {
    reqwest::Client::new()
        .get(format!("{}/v1/transactions/{transaction}", sandbox()))
        .basic_auth(common::SANDBOX_MERCHANT, Some(common::SANDBOX_PASSWORD))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn payment(app: &TestApp, s: &SubmissionCreated) -> Value {
    let res = app
        .get(
            &format!("/api/v1/submissions/{}", s.receipt.reference),
            &[("authorization", &format!("Bearer {}", s.access_token))],
        )
        .await;
    assert_eq!(res.status(), 200);
    body_json(res).await["payment"].clone()
}

/// Outbox rows of a submission (confirmation e-mail and webhooks).
async fn deliveries(app: &TestApp, reference: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox o JOIN submissions s ON s.id = o.submission_id WHERE s.reference = $1",
    )
    .bind(reference)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

async fn attempt_states(app: &TestApp, reference: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT a.state FROM payment_attempts a JOIN submissions s ON s.id = a.submission_id \
         WHERE s.reference = $1 ORDER BY a.created_ms, a.refno",
    )
    .bind(reference)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

fn outcome(location: &str, reference: &str) -> String {
    let (path, fragment) = location.split_once('#').unwrap();
    assert_eq!(path, format!("/de/eingang/{reference}"));
    fragment.strip_prefix("zahlung=").unwrap().to_owned()
}

/// A fee due before the application counts: held (no confirmation, no hand-off) until paid;
/// then recorded once and confirmed once, whatever the order of the browser's return and the
/// provider's notification — either first, both twice, or only one of them.
async fn paid_once_whatever_the_order(which: Which) {
    let Some((app, _)) = TestApp::with_payments(which).await else {
        return;
    };
    let orders: [&[&str]; 5] = [
        &["return", "notify"],
        &["notify", "return"],
        &["notify", "return", "notify", "return"],
        &["notify"],
        &["return"],
    ];
    for (n, order) in orders.iter().enumerate() {
        let s = applied(&app, n as u32).await;
        let reference = s.receipt.reference.clone();
        let due = s.receipt.payment.as_ref().expect("a fee");
        assert_eq!(due.amount, FEE);
        assert_eq!(due.currency, "CHF");
        assert_eq!(due.state, contract::payment::PaymentState::Awaiting);
        assert_eq!(
            deliveries(&app, &reference).await,
            0,
            "held: nothing sent yet"
        );

        let page = start(&app, &s).await;
        let back = press(&page, "pay", true).await;
        assert!(back.contains("datatransTrxId="), "{back}");
        for step in order.iter() {
            match *step {
                "return" => assert_eq!(outcome(&come_back(&back).await, &reference), "paid"),
                _ => assert_eq!(notify(&transaction_of(&page)).await, 200),
            }
        }
        let p = payment(&app, &s).await;
        assert_eq!(p["state"], "paid", "{order:?}: {p}");
        assert_eq!(p["method"], "online");
        assert_eq!(p["transaction"], transaction_of(&page));
        assert!(p["paid_at"].is_string());
        assert_eq!(attempt_states(&app, &reference).await, ["paid"]);
        assert_eq!(
            deliveries(&app, &reference).await,
            1,
            "{order:?}: one confirmation e-mail"
        );
    }
}

/// The browser's return and the notification at the same moment, on one server or several
/// (each request its own connection): one payment, one confirmation.
async fn concurrent_return_and_notification_count_once(which: Which) {
    let Some((app, _)) = TestApp::with_payments(which).await else {
        return;
    };
    for n in 0..6 {
        let s = applied(&app, 100 + n).await;
        let page = start(&app, &s).await;
        let back = press(&page, "pay", true).await;
        let tx = transaction_of(&page);
        let (a, b, c, d) =
            tokio::join!(come_back(&back), notify(&tx), come_back(&back), notify(&tx));
        for location in [a, c] {
            assert_eq!(outcome(&location, &s.receipt.reference), "paid");
        }
        assert_eq!((b, d), (200, 200));
        assert_eq!(deliveries(&app, &s.receipt.reference).await, 1);
        assert_eq!(attempt_states(&app, &s.receipt.reference).await, ["paid"]);
    }
}

fn signed(key: &[u8], t: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(t.to_string().as_bytes());
    mac.update(body.as_bytes());
    format!("t={t},s0={}", hex::encode(mac.finalize().into_bytes()))
}

/// Notifications are believed only signed with the merchant's key and fresh; even then they
/// are only a prompt: a forged "settled" body for an unpaid transaction counts nothing.
async fn forged_and_stale_notifications_count_nothing(which: Which) {
    let Some((app, public)) = TestApp::with_payments(which).await else {
        return;
    };
    let s = applied(&app, 1).await;
    let page = start(&app, &s).await;
    let tx = transaction_of(&page);
    let body = json!({
        "transactionId": tx, "status": "settled", "currency": "CHF", "refno": "x",
        "detail": {"settle": {"amount": FEE}}
    })
    .to_string();
    let url = format!("{public}/api/v1/payments/notifications/datatrans");
    let now = jiff::Timestamp::now().as_millisecond();
    let send = |signature: Option<String>, body: String| {
        let url = url.clone();
        async move {
            let mut req = reqwest::Client::new()
                .post(url)
                .header("content-type", "application/json")
                .body(body);
            if let Some(s) = signature {
                req = req.header("Datatrans-Signature", s);
            }
            req.send().await.unwrap().status().as_u16()
        }
    };
    assert_eq!(send(None, body.clone()).await, 401, "unsigned");
    assert_eq!(
        send(Some(signed(b"another key", now, &body)), body.clone()).await,
        401,
        "forged"
    );
    assert_eq!(
        send(
            Some(signed(SANDBOX_SIGN_KEY, now - 10 * 60 * 1000, &body)),
            body.clone()
        )
        .await,
        401,
        "stale: a replay"
    );
    // Correctly signed, saying "settled": the portal asks the provider, which says it is not.
    assert_eq!(
        send(Some(signed(SANDBOX_SIGN_KEY, now, &body)), body.clone()).await,
        200
    );
    assert_eq!(payment(&app, &s).await["state"], "awaiting");
    assert_eq!(
        attempt_states(&app, &s.receipt.reference).await,
        ["started"]
    );
    // About a transaction the portal never started: taken, and nothing happens.
    let unknown = body.replace(&tx, "999999999999");
    assert_eq!(
        send(Some(signed(SANDBOX_SIGN_KEY, now, &unknown)), unknown).await,
        200
    );
    // Another provider's address.
    let res = reqwest::Client::new()
        .post(format!("{public}/api/v1/payments/notifications/stripe"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(deliveries(&app, &s.receipt.reference).await, 0);
}

/// The provider reports another amount than was asked: nothing counts, the submission keeps
/// waiting, the citizen learns `mismatch`.
async fn a_changed_amount_is_not_counted(which: Which) {
    let Some((app, _)) = TestApp::with_payments(which).await else {
        return;
    };
    let s = applied(&app, 1).await;
    let page = start(&app, &s).await;
    let tx = transaction_of(&page);
    let res = reqwest::Client::new()
        .post(format!("{}/sandbox/transactions/{tx}/tamper", sandbox()))
        .json(&json!({"amount": 100}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let back = press(&page, "pay", false).await;
    assert_eq!(
        outcome(&come_back(&back).await, &s.receipt.reference),
        "mismatch"
    );
    assert_eq!(payment(&app, &s).await["state"], "awaiting");
    assert_eq!(
        attempt_states(&app, &s.receipt.reference).await,
        ["mismatch"]
    );
    assert_eq!(deliveries(&app, &s.receipt.reference).await, 0);
}

/// Cancelled on the payment page, then declined: the application keeps waiting, a new
/// attempt pays it.
async fn cancelled_and_failed_payments_leave_it_due(which: Which) {
    let Some((app, _)) = TestApp::with_payments(which).await else {
        return;
    };
    let s = applied(&app, 1).await;
    let reference = &s.receipt.reference;
    let back = press(&start(&app, &s).await, "cancel", false).await;
    assert_eq!(outcome(&come_back(&back).await, reference), "cancelled");
    let back = press(&start(&app, &s).await, "fail", false).await;
    assert_eq!(outcome(&come_back(&back).await, reference), "failed");
    assert_eq!(payment(&app, &s).await["state"], "awaiting");
    assert_eq!(deliveries(&app, reference).await, 0);
    let back = press(&start(&app, &s).await, "pay", false).await;
    assert_eq!(outcome(&come_back(&back).await, reference), "paid");
    assert_eq!(
        attempt_states(&app, reference).await,
        ["cancelled", "failed", "paid"]
    );
    assert_eq!(deliveries(&app, reference).await, 1);
    // Paid: nothing more to pay.
    let (status, body) = post_with_token(
        &app,
        &format!("/api/v1/submissions/{reference}/payments"),
        &s.access_token,
        &json!({"lang": "de"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "nothing_to_pay");
}

/// Paid in two tabs: the first payment counts, the second is given back at once.
async fn a_second_payment_is_refunded(which: Which) {
    let Some((app, _)) = TestApp::with_payments(which).await else {
        return;
    };
    let s = applied(&app, 1).await;
    let first = start(&app, &s).await;
    let second = start(&app, &s).await;
    let back1 = press(&first, "pay", false).await;
    let back2 = press(&second, "pay", false).await;
    assert_eq!(
        outcome(&come_back(&back1).await, &s.receipt.reference),
        "paid"
    );
    assert_eq!(
        outcome(&come_back(&back2).await, &s.receipt.reference),
        "paid"
    );
    assert_eq!(
        attempt_states(&app, &s.receipt.reference).await,
        ["paid", "refunded"]
    );
    let status: Value = sandbox_transaction(&transaction_of(&second)).await;
    assert_eq!(status["detail"]["credit"]["amount"], FEE, "{status}");
    let p = payment(&app, &s).await;
    assert_eq!(p["state"], "paid");
    assert_eq!(p["transaction"], transaction_of(&first));
    assert_eq!(deliveries(&app, &s.receipt.reference).await, 1);
}

/// The return never came and the notification was lost: the reconciliation job reads the
/// status and records the payment; an attempt left unpaid past its lifetime is cancelled at
/// the provider and expires.
async fn reconciliation_finds_lost_payments_and_expires_stale_ones(which: Which) {
    let Some((app, _)) = TestApp::with_payments(which).await else {
        return;
    };
    let lost = applied(&app, 1).await;
    let page = start(&app, &lost).await;
    press(&page, "pay", true).await;
    let stale = applied(&app, 2).await;
    let stale_page = start(&app, &stale).await;
    use server::payments::service::reconcile;
    let looked = reconcile(&app.core, std::time::Duration::ZERO)
        .await
        .unwrap();
    assert_eq!(looked, 2);
    assert_eq!(payment(&app, &lost).await["state"], "paid");
    assert_eq!(deliveries(&app, &lost.receipt.reference).await, 1);
    // Still within its lifetime: left alone.
    assert_eq!(
        attempt_states(&app, &stale.receipt.reference).await,
        ["started"]
    );
    sqlx::query(
        "UPDATE payment_attempts SET created_ms = created_ms - 7200000 WHERE state = 'started'",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    reconcile(&app.core, std::time::Duration::ZERO)
        .await
        .unwrap();
    assert_eq!(
        attempt_states(&app, &stale.receipt.reference).await,
        ["expired"]
    );
    let status: Value = sandbox_transaction(&transaction_of(&stale_page)).await;
    assert_eq!(status["status"], "canceled");
    assert_eq!(payment(&app, &stale).await["state"], "awaiting");
    // Nothing left to look at.
    assert_eq!(
        reconcile(&app.core, std::time::Duration::ZERO)
            .await
            .unwrap(),
        0
    );

    // A second payment whose refund failed (the provider was down at that moment) is given
    // back by the next run; an attempt whose transaction was never recorded expires.
    let twice = applied(&app, 3).await;
    let first = start(&app, &twice).await;
    let second = start(&app, &twice).await;
    come_back(&press(&first, "pay", false).await).await;
    press(&second, "pay", true).await;
    sqlx::query("UPDATE payment_attempts SET state = 'duplicate' WHERE transaction_id = $1")
        .bind(transaction_of(&second))
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO payment_attempts (id, submission_id, refno, provider, amount, currency, lang, \
         state, created_at, created_ms, updated_at) \
         SELECT '5f0c7a52-9d1e-4c3b-8a6f-2e4d1b0c9a87', submission_id, 'ORPHAN-1', provider, amount, \
         currency, lang, 'started', created_at, created_ms - 7200000, updated_at \
         FROM payment_attempts WHERE transaction_id = $1",
    )
    .bind(transaction_of(&second))
    .execute(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        reconcile(&app.core, std::time::Duration::ZERO)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        attempt_states(&app, &twice.receipt.reference).await,
        ["expired", "paid", "refunded"]
    );
    let credited = sandbox_transaction(&transaction_of(&second)).await;
    assert_eq!(credited["detail"]["credit"]["amount"], FEE, "{credited}");
    assert_eq!(payment(&app, &twice).await["state"], "paid");
}

/// The provider does not answer: a clear, localised refusal; the application stays stored.
async fn a_provider_that_is_down_loses_nothing(which: Which) {
    let Some((app, _)) = TestApp::with_payments_at(which, "http://127.0.0.1:9").await else {
        return;
    };
    let s = applied(&app, 1).await;
    let (status, body) = post_with_token(
        &app,
        &format!("/api/v1/submissions/{}/payments", s.receipt.reference),
        &s.access_token,
        &json!({"lang": "fr"}),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["code"], "payment_unavailable");
    assert_eq!(payment(&app, &s).await["state"], "awaiting");
    assert_eq!(attempt_states(&app, &s.receipt.reference).await, ["failed"]);
}

/// Who may start a payment, and how the fee may be paid.
async fn paying_needs_the_receipt_and_a_method_the_form_allows(which: Which) {
    let Some((app, _)) = TestApp::with_payments(which).await else {
        return;
    };
    // An invoice where the fee is due before the application counts.
    let (status, body) = apply(&app, 1, Some("invoice")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "payment_method");
    let s = applied(&app, 2).await;
    let path = format!("/api/v1/submissions/{}/payments", s.receipt.reference);
    let (status, _) = post_json(&app, &path, &json!({"lang": "de"})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let other = applied(&app, 3).await;
    let (status, _) =
        post_with_token(&app, &path, &other.access_token, &json!({"lang": "de"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // An unguessable return address that names no attempt.
    let res = app
        .get(
            "/api/v1/payments/00000000-0000-4000-8000-000000000000/return",
            &[],
        )
        .await;
    assert_eq!(res.status(), 404);
    // A form whose fee is due later: counts at once (confirmation queued), may be paid online.
    let version = common::dog_form_version(&app, common::SCHMOELLN).await;
    let dog = common::submit(&app, &key(4), &version, &common::dog_answers()).await;
    let p = dog.receipt.payment.clone().expect("the dog tax");
    assert_eq!(p.state, contract::payment::PaymentState::Open);
    assert_eq!(p.currency, "EUR");
    assert_eq!(deliveries(&app, &dog.receipt.reference).await, 1);
    let back = press(&start(&app, &dog).await, "pay", false).await;
    let location = come_back(&back).await;
    assert!(location.ends_with("#zahlung=paid"), "{location}");
    assert_eq!(payment(&app, &dog).await["state"], "paid");
    assert_eq!(
        deliveries(&app, &dog.receipt.reference).await,
        1,
        "no second confirmation"
    );
}

async fn staff_call(app: &TestApp, method: &str, path: &str, token: &str) -> (StatusCode, Value) {
    let res = app
        .send(
            Request::builder()
                .method(method)
                .uri(path)
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let status = res.status();
    let bytes = common::body_bytes(res).await;
    (
        status,
        serde_json::from_slice(&bytes)
            .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into())),
    )
}

/// The authority's clerks: an application waiting for its payment is only under "waiting for
/// payment"; a transfer marked paid lets it count; a fee paid online is refunded through the
/// provider; each is audited, and the case, the export and the hand-off say where the fee stands.
async fn clerks_see_mark_paid_and_refund(which: Which) {
    let Some((app, _)) = TestApp::with_payments(which).await else {
        return;
    };
    let by_transfer = applied(&app, 1).await;
    let authority = by_transfer.receipt.authority.id.clone();
    let clerk = common::staff_token(&app, &authority, server::access::Role::Clerk).await;
    let reference = by_transfer.receipt.reference.clone();
    let inbox = |filter: &'static str| {
        let (app, clerk, reference) = (&app, clerk.clone(), reference.clone());
        async move {
            let (status, body) = staff_call(
                app,
                "GET",
                &format!("/api/v1/staff/cases?q={reference}{filter}"),
                &clerk,
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            body["cases"].as_array().unwrap().clone()
        }
    };
    assert!(
        inbox("").await.is_empty(),
        "waiting for its payment: not in the inbox yet"
    );
    let waiting = inbox("&payment=awaiting").await;
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["payment"], "awaiting");
    let (status, case) = staff_call(
        &app,
        "GET",
        &format!("/api/v1/staff/cases/{reference}"),
        &clerk,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(case["receipt"]["payment"]["state"], "awaiting");

    // The transfer arrived: marked paid once; the application now counts.
    let paid = format!("/api/v1/staff/cases/{reference}/payment/paid");
    let (status, body) = staff_call(&app, "POST", &paid, &clerk).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "paid");
    assert_eq!(body["method"], "invoice");
    assert_eq!(deliveries(&app, &reference).await, 1);
    let (status, body) = staff_call(&app, "POST", &paid, &clerk).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "nothing_to_pay");
    assert_eq!(inbox("").await[0]["payment"], "paid");
    // Not paid online: nothing to refund through the provider.
    let (status, body) = staff_call(
        &app,
        "POST",
        &format!("/api/v1/staff/cases/{reference}/payment/refund"),
        &clerk,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "payment_refund");

    // Paid online, then refunded in full through the provider, once.
    let online = applied(&app, 2).await;
    let page = start(&app, &online).await;
    come_back(&press(&page, "pay", false).await).await;
    let refund = format!(
        "/api/v1/staff/cases/{}/payment/refund",
        online.receipt.reference
    );
    let (status, body) = staff_call(&app, "POST", &refund, &clerk).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "refunded");
    assert_eq!(body["refunded"], FEE);
    let status: Value = sandbox_transaction(&transaction_of(&page)).await;
    assert_eq!(status["detail"]["credit"]["amount"], FEE);
    let (again, body) = staff_call(&app, "POST", &refund, &clerk).await;
    assert_eq!(again, StatusCode::CONFLICT, "{body}");
    assert_eq!(payment(&app, &online).await["state"], "refunded");

    // The audit chain names both; the export and the hand-off carry the payment.
    let (_, audit) = staff_call(
        &app,
        "GET",
        &format!("/api/v1/staff/audit?authority={authority}&format=json"),
        &clerk,
    )
    .await;
    let actions: Vec<&str> = audit
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["action"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        actions.contains(&"paid") && actions.contains(&"refund"),
        "{audit}"
    );
    let (_, csv) = staff_call(
        &app,
        "GET",
        &format!("/api/v1/staff/export?authority={authority}&payment=refunded&format=csv"),
        &clerk,
    )
    .await;
    let csv = csv.as_str().unwrap_or_default().to_owned();
    assert!(csv.lines().next().unwrap().ends_with(",payment"), "{csv}");
    assert!(
        csv.contains(&online.receipt.reference) && csv.contains(",refunded"),
        "{csv}"
    );
    let bundle = server::handoff::export::load_by_reference(
        &app.db,
        &app.attachments,
        &online.receipt.reference,
    )
    .await
    .unwrap()
    .unwrap();
    let json: Value = serde_json::from_slice(
        &server::handoff::export::render(&bundle, server::handoff::export::Format::Json, "m1")
            .unwrap(),
    )
    .unwrap();
    assert_eq!(json["payment"]["state"], "refunded");
    assert_eq!(json["payment"]["transaction"], transaction_of(&page));
    let xml = String::from_utf8(
        server::handoff::export::render(&bundle, server::handoff::export::Format::Ech0058, "m1")
            .unwrap(),
    )
    .unwrap();
    assert!(
        xml.contains(r#"<sch:payment state="refunded" currency="CHF" unit="cent""#),
        "{xml}"
    );
}

/// Starting payments is bounded per submission, also when many starts arrive at once: the
/// attempt's number is part of its unique reference.
async fn attempts_are_bounded_under_concurrency(which: Which) {
    let Some((app, _)) = TestApp::with_payments(which).await else {
        return;
    };
    let s = applied(&app, 1).await;
    // 39 attempts made long ago (the hourly bound does not count them).
    let id: i64 = sqlx::query_scalar("SELECT id FROM submissions WHERE reference = $1")
        .bind(&s.receipt.reference)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    for n in 1..=39 {
        sqlx::query(
            "INSERT INTO payment_attempts (id, submission_id, refno, provider, amount, currency, \
             lang, state, created_at, created_ms, updated_at) VALUES ($1, $2, $3, 'datatrans', \
             15000, 'CHF', 'de', 'cancelled', '2026-01-01T00:00:00Z', 0, '2026-01-01T00:00:00Z')",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(id)
        .bind(format!("{}-{n}", s.receipt.reference.replace('-', "")))
        .execute(app.db.pool())
        .await
        .unwrap();
    }
    let path = format!("/api/v1/submissions/{}/payments", s.receipt.reference);
    let body = json!({"lang": "de"});
    let starts = (0..8).map(|_| post_with_token(&app, &path, &s.access_token, &body));
    let answers = futures_util::future::join_all(starts).await;
    let created = answers
        .iter()
        .filter(|(st, _)| *st == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{answers:?}");
    assert!(answers.iter().all(|(st, body)| *st == StatusCode::CREATED
        || (*st == StatusCode::TOO_MANY_REQUESTS && body["code"] == "rate_limited")));
    assert_eq!(attempt_states(&app, &s.receipt.reference).await.len(), 40);
}

backend_tests!(
    attempts_are_bounded_under_concurrency,
    clerks_see_mark_paid_and_refund,
    paid_once_whatever_the_order,
    concurrent_return_and_notification_count_once,
    forged_and_stale_notifications_count_nothing,
    a_changed_amount_is_not_counted,
    cancelled_and_failed_payments_leave_it_due,
    a_second_payment_is_refunded,
    reconciliation_finds_lost_payments_and_expires_stale_ones,
    a_provider_that_is_down_loses_nothing,
    paying_needs_the_receipt_and_a_method_the_form_allows,
);
