//! The receipt page's data (the receipt JSON), the PDF receipt and the confirmation e-mail
//! (sent to a real SMTP server and read back from its Maildir) say the same: the time the
//! application arrived in the authority's local time with its zone, and every fee line once,
//! named by its item, with the same total label ("Gesamtbetrag", "Montant total").

use crate::common;
use common::{pdf_text, squeezed};

use common::mail::{arrived, smtp};
use common::{
    SCHMOELLN, TestApp, Which, body_bytes, dog_answers, dog_form_version, dog_submission, post_json,
};
use contract::Lang;
use contract::submission::SubmissionCreated;
use serde_json::{Value, json};
use server::receipt::mail::{MailConfig, Mailer};

/// Two dogs, so that the fee table has two lines of one rule.
fn two_dogs() -> Value {
    let mut answers = dog_answers();
    let mut second = answers["dogs"][0].clone();
    second["name"] = json!("Bello");
    second["chip_number"] = json!("276098100654321");
    answers["dogs"].as_array_mut().unwrap().push(second);
    answers
}

async fn submit(app: &TestApp, key: &str, lang: &str) -> (Value, SubmissionCreated) {
    let version = dog_form_version(app, SCHMOELLN).await;
    let request = dog_submission(key, &version, lang, &two_dogs());
    let (status, body) = post_json(app, "/api/v1/submissions", &request).await;
    assert_eq!(status, 201, "{body}");
    (request, serde_json::from_value(body).unwrap())
}

async fn pdf_of(app: &TestApp, created: &SubmissionCreated) -> String {
    let bearer = format!("Bearer {}", created.access_token);
    let res = app
        .get(
            &format!(
                "/api/v1/submissions/{}/receipt.pdf",
                created.receipt.reference
            ),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(res.status(), 200);
    pdf_text(&body_bytes(res).await)
}

async fn page_pdf_and_email_agree_on_time_and_fees(which: Which) {
    let Some((url, maildir)) = smtp() else { return };
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let mailer = Mailer::new(MailConfig {
        smtp_url: url,
        from: "Schalter Test <noreply@schalter.test>".into(),
        public_url: "https://schalter.test/".into(),
    })
    .unwrap();
    let n = if which == Which::Sqlite { 1 } else { 2 };
    for (i, (code, lang, total_label)) in [
        ("de", Lang::De, "Gesamtbetrag"),
        ("fr", Lang::Fr, "Montant total"),
    ]
    .into_iter()
    .enumerate()
    {
        let key = format!("7e3a1c55-0000-4000-8000-0000000000{n}{i}");
        let (request, created) = submit(&app, &key, code).await;
        let r = &created.receipt;

        // The receipt JSON carries the local time, which the server found in the time zone
        // database: Schmölln is in Germany.
        let local = r
            .received_local
            .clone()
            .expect("the receipt has its local time");
        assert_eq!(local.zone, "Europe/Berlin");
        let utc: jiff::Timestamp = r.received_at.parse().unwrap();
        let there = utc.in_tz("Europe/Berlin").unwrap();
        assert_eq!(
            (local.year, local.month, local.day, local.hour, local.minute),
            (
                there.year(),
                u8::try_from(there.month()).unwrap(),
                u8::try_from(there.day()).unwrap(),
                u8::try_from(there.hour()).unwrap(),
                u8::try_from(there.minute()).unwrap()
            )
        );
        assert_eq!(
            i32::from(local.offset_minutes) * 60,
            there.offset().seconds()
        );
        let when = r.received_written(lang).unwrap();
        assert!(
            when.ends_with(&format!("({})", local.zone_name(lang))),
            "{when}"
        );
        assert_eq!(server::receipt::local_time(r), when);

        // The fee lines: one per dog, each naming its dog; the total under the same label.
        let table = r.fee_table(lang).expect("the dog tax has fees");
        assert_eq!(table.rows.len(), 2);
        assert!(table.rows[0].label.contains("Luna") && table.rows[1].label.contains("Bello"));
        assert_ne!(table.rows[0].label, table.rows[1].label);
        assert_eq!(table.total_label, total_label);

        // The PDF.
        let pdf = pdf_of(&app, &created).await;
        assert!(pdf.contains(&squeezed(&when)), "{when} missing in: {pdf}");
        for row in &table.rows {
            let line = squeezed(&format!("{} {}", row.label, row.amount));
            assert_eq!(pdf.matches(&line).count(), 1, "{line:?} in: {pdf}");
        }
        let total = squeezed(&format!("{} {}", table.total_label, table.total));
        assert_eq!(pdf.matches(&total).count(), 1, "{total:?} in: {pdf}");
        assert_eq!(pdf.matches(total_label).count(), 1, "{pdf}");

        // The e-mail, as delivered.
        mailer
            .send_receipt(r, r.email.as_deref().unwrap())
            .await
            .unwrap();
        let raw = arrived(&maildir, &[&r.reference]).await;
        let message = mail_parser::MessageParser::default().parse(&raw).unwrap();
        let body = message.body_text(0).unwrap();
        assert!(body.contains(&when), "{when:?} missing in:\n{body}");
        for row in &table.rows {
            let line = format!("{}: {}", row.label, row.amount);
            assert_eq!(body.matches(&line).count(), 1, "{line:?} in:\n{body}");
        }
        let total = format!("{}: {}", table.total_label, table.total);
        assert_eq!(body.matches(&total).count(), 1, "{total:?} in:\n{body}");
        let attached = pdf_text(message.attachment(0).unwrap().contents());
        assert!(attached.contains(&squeezed(&when)));

        // Sending the same application again (the check page cannot, but a retry could)
        // gives the first receipt back, not a second submission.
        let (status, again) = post_json(&app, "/api/v1/submissions", &request).await;
        assert_eq!(status, 200, "{again}");
        let again: SubmissionCreated = serde_json::from_value(again).unwrap();
        assert!(again.replayed);
        assert_eq!(again.receipt.reference, r.reference);
        assert_eq!(again.receipt.received_local, r.received_local);
        // The history, read back from the store, writes its times the same way.
        assert_eq!(r.history[0].local, r.received_local);
        assert_eq!(
            again.receipt.history[0].written(lang).as_deref(),
            Some(when.as_str())
        );
    }
}

backend_tests!(page_pdf_and_email_agree_on_time_and_fees);
