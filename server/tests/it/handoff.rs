//! Hand-off to the authority on SQLite and PostgreSQL: signed webhooks to a real HTTP receiver
//! (retried with backoff, the same delivery id every time, given up after the maximum), two
//! workers racing for the same rows, the three export formats, and the `schalter webhooks`
//! and `schalter export` commands.

use crate::common;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use common::{
    SCHMOELLN, TestApp, Which, dog_answers, dog_form_version, submit, submit_with_attachment,
};
use serde_json::{Value, json};
use server::db::Db;
use server::handoff::export::{self, Format};
use server::handoff::outbox::{Outbox, OutboxConfig, Stats};
use server::handoff::webhook::{self, Endpoint};
use server::submissions::{now_millis, sha256_tag};
use sha2::{Digest, Sha512};

// --- Submitting (the same requests as tests/submissions.rs) ---------------------------------

fn key(n: u32) -> String {
    format!("5a1c0d3e-8b2f-4c6a-9e7d-{n:012}")
}

/// The authority Schmölln's dog registrations are routed to (learned from one submission).
async fn authority(app: &TestApp, version: &str) -> String {
    submit(app, &key(999), version, &dog_answers())
        .await
        .receipt
        .authority
        .id
}

// --- A real receiver -------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Hit {
    delivery: String,
    event: String,
    signature: String,
    content_type: String,
    body: Bytes,
}

#[derive(Default)]
struct Inbox {
    hits: Vec<Hit>,
    fail_first: usize,
    delay: Duration,
}

type Shared = Arc<Mutex<Inbox>>;

async fn hook(State(inbox): State<Shared>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (n, fail_first, delay) = {
        let mut inbox = inbox.lock().unwrap();
        inbox.hits.push(Hit {
            delivery: header("schalter-delivery"),
            event: header("schalter-event"),
            signature: header("schalter-signature"),
            content_type: header("content-type"),
            body,
        });
        (inbox.hits.len(), inbox.fail_first, inbox.delay)
    };
    tokio::time::sleep(delay).await;
    if n <= fail_first {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::NO_CONTENT
    }
}

/// An HTTP receiver on 127.0.0.1:0 that answers 500 to the first `fail_first` requests.
async fn receiver(fail_first: usize, delay: Duration) -> (String, Shared) {
    let inbox: Shared = Arc::new(Mutex::new(Inbox {
        fail_first,
        delay,
        ..Default::default()
    }));
    let router = axum::Router::new()
        .route("/hook", axum::routing::post(hook))
        .layer(DefaultBodyLimit::disable())
        .with_state(inbox.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (format!("http://{addr}/hook"), inbox)
}

/// A URL where nothing listens.
async fn dead_url() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}/hook")
}

// --- The outbox --------------------------------------------------------------------------------

fn config(max_attempts: u32) -> OutboxConfig {
    OutboxConfig {
        backoff_base: Duration::from_millis(1000),
        backoff_max: Duration::from_secs(60),
        max_attempts,
        http_timeout: Duration::from_secs(5),
        ..Default::default()
    }
}

fn worker(db: &Db, app: &TestApp, cfg: OutboxConfig) -> Outbox {
    Outbox::new(db.clone(), app.attachments.clone(), None, cfg).unwrap()
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
struct Row {
    kind: String,
    target: String,
    delivery_id: String,
    attempts: i64,
    next_attempt_at: i64,
    locked_until: Option<i64>,
    delivered_at: Option<i64>,
    failed_at: Option<i64>,
    last_error: Option<String>,
}

async fn rows(db: &Db, reference: &str) -> Vec<Row> {
    sqlx::query_as::<_, Row>(
        "SELECT o.kind, o.target, o.delivery_id, o.attempts, o.next_attempt_at, o.locked_until, \
         o.delivered_at, o.failed_at, o.last_error FROM outbox o \
         JOIN submissions s ON s.id = o.submission_id WHERE s.reference = $1 ORDER BY o.id",
    )
    .bind(reference)
    .fetch_all(db.pool())
    .await
    .unwrap()
}

async fn webhook_row(db: &Db, reference: &str, endpoint: &Endpoint) -> Row {
    rows(db, reference)
        .await
        .into_iter()
        .find(|r| r.kind == "webhook" && r.target == endpoint.id)
        .expect("a webhook row for the endpoint")
}

fn unix_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

async fn webhooks_are_signed_retried_and_delivered_with_one_delivery_id(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let authority = authority(&app, &version).await;
    let (url, inbox) = receiver(2, Duration::ZERO).await;
    let endpoint = webhook::add_endpoint(&app.db, &authority, &url, Format::Json)
        .await
        .unwrap();
    let created = submit(&app, &key(1), &version, &dog_answers()).await;
    let reference = created.receipt.reference.clone();
    let queued = rows(&app.db, &reference).await;
    assert_eq!(
        queued.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(),
        ["email", "webhook"],
        "the e-mail and one webhook are queued with the submission"
    );
    let worker = worker(&app.db, &app, config(12));

    // First attempt: 500, scheduled again after 0.5–1 s (base 1 s, jitter).
    let t0 = now_millis();
    let stats = worker.run_once_at(t0).await.unwrap();
    assert_eq!(
        stats,
        Stats {
            claimed: 1,
            retried: 1,
            ..Default::default()
        },
        "only the webhook: without a mailer the e-mail waits"
    );
    let first = webhook_row(&app.db, &reference, &endpoint).await;
    assert_eq!(first.attempts, 1);
    assert_eq!(first.locked_until, None, "the lease is released");
    assert!(first.delivered_at.is_none() && first.failed_at.is_none());
    assert!(
        first.last_error.as_deref().unwrap().contains("500"),
        "{first:?}"
    );
    let wait = first.next_attempt_at - t0;
    assert!(
        (500..=1000 + 2000).contains(&wait),
        "first backoff {wait} ms"
    );

    // Not due yet: nothing happens.
    assert_eq!(worker.run_once_at(t0 + 1).await.unwrap().claimed, 0);

    // Second attempt: 500 again, the wait doubles (1–2 s).
    let t1 = first.next_attempt_at;
    assert_eq!(worker.run_once_at(t1).await.unwrap().retried, 1);
    let second = webhook_row(&app.db, &reference, &endpoint).await;
    assert_eq!(second.attempts, 2);
    let wait = second.next_attempt_at - t1;
    assert!(
        (1000..=2000 + 2000).contains(&wait),
        "second backoff {wait} ms"
    );

    // Third attempt: accepted.
    let stats = worker.run_once_at(second.next_attempt_at).await.unwrap();
    assert_eq!(
        stats,
        Stats {
            claimed: 1,
            delivered: 1,
            ..Default::default()
        }
    );
    let done = webhook_row(&app.db, &reference, &endpoint).await;
    assert_eq!(done.attempts, 3);
    assert!(done.delivered_at.is_some());
    assert_eq!(done.last_error, None);
    assert_eq!(done.delivery_id, first.delivery_id);
    assert_eq!(
        worker
            .run_once_at(done.next_attempt_at + 86_400_000)
            .await
            .unwrap()
            .claimed,
        0
    );

    // The receiver saw three signed attempts of one delivery.
    let hits = inbox.lock().unwrap().hits.clone();
    assert_eq!(hits.len(), 3);
    for hit in &hits {
        assert_eq!(
            hit.delivery, done.delivery_id,
            "the same idempotency key every time"
        );
        assert_eq!(hit.event, "submission.received");
        assert_eq!(hit.content_type, "application/json");
        webhook::verify_signature(
            &endpoint.secret,
            &hit.signature,
            &hit.body,
            unix_now(),
            Duration::from_secs(300),
        )
        .unwrap();
        assert_eq!(
            webhook::verify_signature(
                "whsec_wrong",
                &hit.signature,
                &hit.body,
                unix_now(),
                Duration::from_secs(300)
            ),
            Err(webhook::SignatureError::Mismatch)
        );
        let body: Value = serde_json::from_slice(&hit.body).unwrap();
        assert_eq!(body["format"], "schalter.submission/v1");
        assert_eq!(body["reference"], json!(reference));
    }

    // The e-mail is still pending, untouched; the submission before the endpoint existed
    // queued no webhook.
    let email = rows(&app.db, &reference).await.remove(0);
    assert_eq!((email.kind.as_str(), email.attempts), ("email", 0));
    assert!(
        email.delivered_at.is_none() && email.failed_at.is_none() && email.locked_until.is_none()
    );
    let earlier: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'webhook'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(earlier, 1);
}

async fn a_dead_receiver_is_retried_then_given_up(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let authority = authority(&app, &version).await;
    let dead = webhook::add_endpoint(&app.db, &authority, &dead_url().await, Format::Ech0058)
        .await
        .unwrap();
    let removed = webhook::add_endpoint(
        &app.db,
        &authority,
        "https://example.invalid/hook",
        Format::Json,
    )
    .await
    .unwrap();
    let reference = submit(&app, &key(2), &version, &dog_answers())
        .await
        .receipt
        .reference;
    assert!(
        webhook::remove_endpoint(&app.db, &removed.id)
            .await
            .unwrap()
    );
    assert!(
        !webhook::remove_endpoint(&app.db, &removed.id)
            .await
            .unwrap()
    );
    let worker = worker(&app.db, &app, config(3));

    // A removed endpoint fails at once; the dead one is retried.
    let mut t = now_millis();
    let stats = worker.run_once_at(t).await.unwrap();
    assert_eq!(
        stats,
        Stats {
            claimed: 2,
            retried: 1,
            failed: 1,
            ..Default::default()
        }
    );
    let gone = webhook_row(&app.db, &reference, &removed).await;
    assert!(gone.failed_at.is_some());
    assert_eq!(gone.last_error.as_deref(), Some("endpoint removed"));

    for attempt in 2..=3 {
        t = webhook_row(&app.db, &reference, &dead)
            .await
            .next_attempt_at;
        let stats = worker.run_once_at(t).await.unwrap();
        if attempt < 3 {
            assert_eq!(
                stats,
                Stats {
                    claimed: 1,
                    retried: 1,
                    ..Default::default()
                }
            );
        } else {
            assert_eq!(
                stats,
                Stats {
                    claimed: 1,
                    failed: 1,
                    ..Default::default()
                }
            );
        }
    }
    let row = webhook_row(&app.db, &reference, &dead).await;
    assert_eq!(row.attempts, 3);
    assert!(row.failed_at.is_some() && row.delivered_at.is_none());
    assert!(
        row.last_error.as_deref().unwrap().contains("connection"),
        "{:?}",
        row.last_error
    );
    assert_eq!(
        worker.run_once_at(t + 86_400_000).await.unwrap().claimed,
        0,
        "given up for good"
    );
}

async fn two_workers_deliver_each_row_exactly_once(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let authority = authority(&app, &version).await;
    let (url, inbox) = receiver(0, Duration::from_millis(40)).await;
    let endpoint = webhook::add_endpoint(&app.db, &authority, &url, Format::FitConnect)
        .await
        .unwrap();
    let mut references = Vec::new();
    for n in 0..8 {
        references.push(
            submit(&app, &key(100 + n), &version, &dog_answers())
                .await
                .receipt
                .reference,
        );
    }
    // Two server instances: separate pools on the same database.
    let other = Db::connect(&app.url).await.unwrap();
    let cfg = OutboxConfig {
        concurrency: 3,
        ..config(12)
    };
    let (a, b) = (
        worker(&app.db, &app, cfg.clone()),
        worker(&other, &app, cfg),
    );
    let mut totals = [Stats::default(), Stats::default()];
    loop {
        let (sa, sb) = tokio::join!(a.run_once(), b.run_once());
        let (sa, sb) = (sa.unwrap(), sb.unwrap());
        for (total, s) in totals.iter_mut().zip([sa, sb]) {
            total.claimed += s.claimed;
            total.delivered += s.delivered;
            total.retried += s.retried + s.failed + s.lost;
        }
        if sa.claimed == 0 && sb.claimed == 0 {
            break;
        }
    }
    assert_eq!(totals[0].claimed + totals[1].claimed, 8, "{totals:?}");
    assert_eq!(totals[0].delivered + totals[1].delivered, 8, "{totals:?}");
    assert_eq!(totals[0].retried + totals[1].retried, 0, "{totals:?}");

    let hits = inbox.lock().unwrap().hits.clone();
    let mut per_delivery: HashMap<String, usize> = HashMap::new();
    for h in &hits {
        *per_delivery.entry(h.delivery.clone()).or_default() += 1;
    }
    let mut expected = BTreeSet::new();
    for reference in &references {
        let row = webhook_row(&app.db, reference, &endpoint).await;
        assert_eq!(row.attempts, 1);
        assert!(row.delivered_at.is_some());
        expected.insert(row.delivery_id);
    }
    assert_eq!(
        per_delivery.keys().cloned().collect::<BTreeSet<_>>(),
        expected
    );
    assert!(per_delivery.values().all(|&n| n == 1), "{per_delivery:?}");
    other.close().await;
}

use common::mail::{mailer, smtp};

async fn confirmation_emails_go_through_the_outbox(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let reference = submit(&app, &key(5), &version, &dog_answers())
        .await
        .receipt
        .reference;

    // An SMTP server that is down: the e-mail is retried, the error kept.
    let dead = dead_url()
        .await
        .replace("http://", "smtp://")
        .replace("/hook", "");
    let down = Outbox::new(
        app.db.clone(),
        app.attachments.clone(),
        Some(mailer(dead)),
        config(12),
    )
    .unwrap();
    let t = now_millis();
    assert_eq!(
        down.run_once_at(t).await.unwrap(),
        Stats {
            claimed: 1,
            retried: 1,
            ..Default::default()
        }
    );
    let email = rows(&app.db, &reference).await.remove(0);
    assert_eq!((email.kind.as_str(), email.attempts), ("email", 1));
    assert!(email.last_error.is_some() && email.delivered_at.is_none());

    // A real one (when the test command runs one): delivered, and it arrives.
    let Some((url, maildir)) = smtp() else { return };
    let up = Outbox::new(
        app.db.clone(),
        app.attachments.clone(),
        Some(mailer(url)),
        config(12),
    )
    .unwrap();
    assert_eq!(
        up.run_once_at(email.next_attempt_at).await.unwrap(),
        Stats {
            claimed: 1,
            delivered: 1,
            ..Default::default()
        }
    );
    let email = rows(&app.db, &reference).await.remove(0);
    assert_eq!(email.attempts, 2);
    assert!(email.delivered_at.is_some() && email.last_error.is_none());
    let in_maildir = || {
        ["new", "cur"].iter().any(|d| {
            std::fs::read_dir(maildir.join(d)).is_ok_and(|entries| {
                entries.flatten().any(|e| {
                    String::from_utf8_lossy(&std::fs::read(e.path()).unwrap_or_default())
                        .contains(&reference)
                })
            })
        })
    };
    let mut arrived = false;
    for _ in 0..100 {
        arrived = in_maildir();
        if arrived {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        arrived,
        "the e-mail about {reference} is in {}",
        maildir.display()
    );
}

/// The text of every element with text, as (element name, text); panics unless the XML is
/// well-formed. quick-xml reports `&amp;` and the like as references between text pieces.
fn xml_texts(xml: &str) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut out = Vec::new();
    let mut flush = |path: &[String], text: &mut String| {
        if !text.trim().is_empty() {
            out.push((
                path.last().cloned().unwrap_or_default(),
                std::mem::take(text),
            ));
        }
        text.clear();
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                flush(&path, &mut text);
                path.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            }
            Event::End(_) => {
                flush(&path, &mut text);
                path.pop();
            }
            Event::Text(t) => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap();
                match r.resolve_char_ref().unwrap() {
                    Some(c) => text.push(c),
                    None => text.push_str(
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .expect("only predefined entities"),
                    ),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(path.is_empty(), "every element is closed");
    out
}

async fn exports_carry_data_and_attachments_verifiably(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let (created, content) = submit_with_attachment(&app, &key(3), &version).await;
    let receipt = &created.receipt;
    let attachment = &receipt.attachments[0];
    let bundle = export::load_by_reference(&app.db, &app.attachments, &receipt.reference)
        .await
        .unwrap()
        .unwrap();
    assert!(
        export::load_by_reference(&app.db, &app.attachments, "ABC-DEF-GHJ")
            .await
            .unwrap()
            .is_none()
    );

    // JSON: the data verbatim, its hash recomputed from the bytes as delivered.
    let body = export::render(&bundle, Format::Json, "m-1").unwrap();
    #[derive(serde::Deserialize)]
    struct Json<'a> {
        format: String,
        reference: String,
        data_hash: String,
        #[serde(borrow)]
        data: &'a serde_json::value::RawValue,
        data_base64: String,
        attachments: Vec<Value>,
    }
    let j: Json = serde_json::from_slice(&body).unwrap();
    assert_eq!(j.format, "schalter.submission/v1");
    assert_eq!(j.reference, receipt.reference);
    assert_eq!(sha256_tag(j.data.get().as_bytes()), receipt.data_hash);
    assert_eq!(j.data_hash, receipt.data_hash);
    assert_eq!(
        BASE64.decode(&j.data_base64).unwrap(),
        j.data.get().as_bytes()
    );
    let data: Value = serde_json::from_str(j.data.get()).unwrap();
    assert_eq!(data["answers"]["dogs"][0]["name"], "Luna");
    assert_eq!(j.attachments.len(), 1);
    let a = &j.attachments[0];
    assert_eq!(a["sha256"], json!(attachment.sha256));
    assert_eq!(a["name"], "Nachweis Müller & Söhne.pdf");
    let bytes = BASE64
        .decode(a["content_base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(bytes, content);
    assert_eq!(sha256_tag(&bytes), attachment.sha256);

    // eCH-0058 envelope: well-formed, with the reference, both hashes and the file bytes.
    let xml = String::from_utf8(
        export::render(
            &bundle,
            Format::Ech0058,
            "3f2b8c1e-0000-4000-8000-000000000001",
        )
        .unwrap(),
    )
    .unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let texts = xml_texts(&xml);
    let text_of = |el: &str| -> Vec<&str> {
        texts
            .iter()
            .filter(|(e, _)| e == el)
            .map(|(_, t)| t.as_str())
            .collect()
    };
    assert_eq!(text_of("sch:reference"), [receipt.reference.as_str()]);
    assert_eq!(
        text_of("eCH-0058:ourBusinessReferenceId"),
        [receipt.reference.as_str()]
    );
    assert_eq!(
        text_of("eCH-0058:messageId"),
        ["3f2b8c1e-0000-4000-8000-000000000001"]
    );
    assert_eq!(text_of("eCH-0058:action"), ["1"]);
    let hashes = text_of("eCH-0039:hashCode");
    assert_eq!(
        hashes,
        [
            receipt.data_hash.trim_start_matches("sha256:"),
            attachment.sha256.trim_start_matches("sha256:")
        ]
    );
    assert!(
        text_of("eCH-0039:title").contains(&"Nachweis Müller & Söhne.pdf"),
        "escaped and read back"
    );
    let files = text_of("sch:file");
    assert_eq!(BASE64.decode(files[1]).unwrap(), content);
    assert_eq!(
        sha256_tag(&BASE64.decode(files[0]).unwrap()),
        receipt.data_hash
    );

    // FIT-Connect: metadata with the LeiKa service and SHA-512 hashes of data and file.
    let fit: Value =
        serde_json::from_slice(&export::render(&bundle, Format::FitConnect, "m-3").unwrap())
            .unwrap();
    let meta = &fit["metadata"];
    assert_eq!(
        meta["publicServiceType"]["identifier"],
        "urn:de:fim:leika:leistung:99110009104000"
    );
    assert_eq!(
        meta["additionalReferenceInfo"]["senderReference"],
        json!(receipt.reference)
    );
    let data_bytes = BASE64.decode(fit["data"].as_str().unwrap()).unwrap();
    assert_eq!(sha256_tag(&data_bytes), receipt.data_hash);
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    assert_eq!(meta["contentStructure"]["data"]["hash"]["type"], "sha512");
    assert_eq!(
        meta["contentStructure"]["data"]["hash"]["content"],
        json!(hex(&Sha512::digest(&data_bytes)))
    );
    let fa = &meta["contentStructure"]["attachments"][0];
    assert_eq!(fa["hash"]["content"], json!(hex(&Sha512::digest(&content))));
    assert_eq!(fa["mimeType"], "application/pdf");
    let id = fa["attachmentId"].as_str().unwrap();
    assert_eq!(
        uuid::Uuid::parse_str(id).unwrap().simple().to_string(),
        attachment.id
    );
    assert_eq!(id.len(), 36, "hyphenated UUID");
    assert_eq!(fit["attachments"][0]["attachmentId"], json!(id));
    assert_eq!(
        BASE64
            .decode(fit["attachments"][0]["content"].as_str().unwrap())
            .unwrap(),
        content
    );
}

/// Runs the `schalter` binary against the test database; status and standard output.
async fn schalter(app: &TestApp, args: &[&str]) -> (bool, String) {
    let url = app.url.clone();
    let attachments = app.dir.path().join("attachments");
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_schalter"))
            .args(&args)
            .env("SCHALTER_DATABASE_URL", url)
            .env("SCHALTER_ATTACHMENTS", attachments)
            .env_remove("RUST_LOG")
            .output()
            .unwrap();
        (out.status.success(), String::from_utf8(out.stdout).unwrap())
    })
    .await
    .unwrap()
}

async fn the_cli_registers_endpoints_and_exports(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let version = dog_form_version(&app, SCHMOELLN).await;
    let (created, _) = submit_with_attachment(&app, &key(4), &version).await;
    let reference = created.receipt.reference.clone();

    let (ok, out) = schalter(
        &app,
        &[
            "webhooks",
            "add",
            "--authority",
            "de:16077043",
            "--url",
            "https://fachverfahren.example/hook",
            "--format",
            "ech-0058",
        ],
    )
    .await;
    assert!(ok, "{out}");
    let field = |name: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()))
            .unwrap_or_else(|| panic!("{name} in {out}"))
    };
    let (id, secret) = (field("endpoint "), field("secret "));
    assert!(secret.starts_with("whsec_"));
    let stored = webhook::endpoint(&app.db, &id).await.unwrap().unwrap();
    assert_eq!(stored.secret, secret);
    assert_eq!(stored.format, Format::Ech0058);
    let (ok, list) = schalter(&app, &["webhooks", "list"]).await;
    assert!(
        ok && list.contains(&id) && list.contains("ech-0058"),
        "{list}"
    );
    assert!(!list.contains(&secret), "secrets are shown only once");
    let (ok, _) = schalter(
        &app,
        &["webhooks", "add", "--authority", "x", "--url", "ftp://x/"],
    )
    .await;
    assert!(!ok, "only http(s) endpoints");

    // Export to standard output (a reference as a person types it) and to a file.
    let typed = reference.to_lowercase().replace('-', " ");
    let (ok, json_out) = schalter(&app, &["export", &typed, "--format", "json"]).await;
    assert!(ok, "{json_out}");
    let doc: Value = serde_json::from_str(&json_out).expect("only the export on standard output");
    assert_eq!(doc["reference"], json!(reference));
    let file = app.dir.path().join("export.xml");
    let (ok, _) = schalter(
        &app,
        &[
            "export",
            &reference,
            "--format",
            "ech-0058",
            "--out",
            file.to_str().unwrap(),
        ],
    )
    .await;
    assert!(ok);
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(xml_texts(&xml).iter().any(|(_, t)| *t == reference));
    let (ok, _) = schalter(&app, &["export", "ABC-DEF-GHJ", "--format", "json"]).await;
    assert!(!ok, "an unknown reference is an error");

    let (ok, _) = schalter(&app, &["webhooks", "remove", &id]).await;
    assert!(ok);
    assert!(webhook::endpoint(&app.db, &id).await.unwrap().is_none());
    let (ok, _) = schalter(&app, &["webhooks", "remove", &id]).await;
    assert!(!ok);
}

backend_tests!(
    webhooks_are_signed_retried_and_delivered_with_one_delivery_id,
    a_dead_receiver_is_retried_then_given_up,
    two_workers_deliver_each_row_exactly_once,
    exports_carry_data_and_attachments_verifiably,
    the_cli_registers_endpoints_and_exports,
    confirmation_emails_go_through_the_outbox,
);
