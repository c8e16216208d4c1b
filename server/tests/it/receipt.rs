//! The citizen's proof: the PDF receipt (read back as text, in two languages) and the
//! confirmation e-mail, sent to a real SMTP server (`scripts/smtp.sh`, aiosmtpd) and read back
//! from its Maildir, on SQLite and PostgreSQL.

use crate::common;
use common::pdf_text;

use common::{
    SCHMOELLN, TestApp, Which, body_bytes, dog_answers, dog_form_version, dog_submission, post_json,
};
use contract::submission::{Receipt, SubmissionCreated};
use mail_parser::MimeHeaders;
use serde_json::Value;
use server::receipt::mail::{MailConfig, Mailer};

async fn submit(app: &TestApp, key: &str, lang: &str, answers: Value) -> SubmissionCreated {
    let version = dog_form_version(app, SCHMOELLN).await;
    let (status, body) = post_json(
        app,
        "/api/v1/submissions",
        &dog_submission(key, &version, lang, &answers),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    serde_json::from_value(body).unwrap()
}

async fn fetch_pdf(app: &TestApp, created: &SubmissionCreated) -> (String, Vec<u8>) {
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
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    (disposition, body_bytes(res).await)
}

async fn the_pdf_receipt_says_what_arrived_when_where_and_its_hash(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let created = submit(
        &app,
        "5d1c6f3e-0000-4000-8000-000000000001",
        "de",
        dog_answers(),
    )
    .await;
    let r = &created.receipt;
    let (disposition, pdf) = fetch_pdf(&app, &created).await;
    assert!(
        disposition.contains(&format!("Eingangsbestaetigung-{}.pdf", r.reference)),
        "{disposition}"
    );
    if let Ok(dir) = std::env::var("SCHALTER_TEST_RECEIPT_OUT") {
        std::fs::write(format!("{dir}/receipt-de.pdf"), &pdf).unwrap();
        std::fs::write(
            format!("{dir}/receipt-de.json"),
            serde_json::to_vec_pretty(r).unwrap(),
        )
        .unwrap();
    }
    let text = pdf_text(&pdf);
    for expected in [
        "Eingangsbestätigung",
        "Referenznummer",
        r.reference.as_str(),
        r.form_title.as_str(),
        r.authority.name.as_str(),
        "Luna",
        "50,00 €",
        "Die zuständige Stelle stellt Ihnen die Gebühr in Rechnung.",
        r.data_hash.as_str(),
        "Seite 1 von",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in: {text}");
    }
    // Every answer of the check page is on it, under its label.
    for row in r.summary.iter().flat_map(|s| &s.rows) {
        assert!(text.contains(&row.label), "{:?} missing", row.label);
        for line in &row.lines {
            assert!(text.contains(line.as_str()), "{line:?} missing");
        }
    }
    // The received time is the local (German) time, not UTC.
    let local = server::receipt::local_time(r);
    assert!(
        local.ends_with("Uhr (MEZ)") || local.ends_with("Uhr (MESZ)"),
        "{local}"
    );
    let local = local.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&local), "{local} missing");
    // Tagged for screen readers, declared PDF/UA-1 and PDF/A-2a, in German.
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/StructTreeRoot"), "not tagged");
    assert!(raw.contains("pdfuaid:part"), "no PDF/UA declaration");
    assert!(raw.contains("pdfaid:part"), "no PDF/A declaration");
    assert!(raw.contains("/Lang(de)"), "document language missing");

    // Nobody else gets it.
    let res = app
        .get(
            &format!("/api/v1/submissions/{}/receipt.pdf", r.reference),
            &[],
        )
        .await;
    assert_eq!(res.status(), 401);
}

async fn the_receipt_is_in_the_citizens_language(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let created = submit(
        &app,
        "5d1c6f3e-0000-4000-8000-000000000002",
        "fr",
        dog_answers(),
    )
    .await;
    let (disposition, pdf) = fetch_pdf(&app, &created).await;
    assert!(
        disposition.contains("Accuse-de-reception-"),
        "{disposition}"
    );
    let text = pdf_text(&pdf);
    for expected in [
        "Accusé de réception",
        "Numéro de référence",
        "Vos indications",
        "Page 1 sur",
        created.receipt.reference.as_str(),
        created.receipt.form_title.as_str(),
    ] {
        assert!(text.contains(expected), "{expected:?} missing in: {text}");
    }
    assert!(!text.contains("Eingangsbestätigung"));
    assert!(String::from_utf8_lossy(&pdf).contains("/Lang(fr)"));
}

use common::mail::{arrived, smtp};

async fn the_confirmation_email_arrives_with_the_pdf(which: Which) {
    let Some((url, maildir)) = smtp() else { return };
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let key = format!(
        "5d1c6f3e-0000-4000-8000-00000000000{}",
        if which == Which::Sqlite { 3 } else { 4 }
    );
    let created = submit(&app, &key, "it", dog_answers()).await;
    let r: &Receipt = &created.receipt;
    let mailer = Mailer::new(MailConfig {
        smtp_url: url,
        from: "Schalter Test <noreply@schalter.test>".into(),
        public_url: "https://schalter.test/".into(),
    })
    .unwrap();
    mailer
        .send_receipt(r, r.email.as_deref().unwrap())
        .await
        .unwrap();

    let raw = arrived(&maildir, &[&r.reference]).await;
    let message = mail_parser::MessageParser::default()
        .parse(&raw)
        .expect("a parseable e-mail");
    let subject = message.subject().unwrap();
    assert!(subject.starts_with("Conferma di ricezione"), "{subject}");
    assert!(subject.contains(&r.reference) && subject.contains(&r.form_title));
    assert_eq!(
        message.to().unwrap().first().unwrap().address(),
        Some("anna@example.de")
    );
    assert_eq!(
        message.from().unwrap().first().unwrap().address(),
        Some("noreply@schalter.test")
    );
    let body = message.body_text(0).unwrap();
    let authority = format!("Autorità competente: {}.", r.authority.name);
    for expected in [
        "Buongiorno",
        authority.as_str(),
        r.reference.as_str(),
        "50,00\u{a0}€",
        "https://schalter.test/it/",
        "(PDF)",
    ] {
        assert!(body.contains(expected), "{expected:?} missing in:\n{body}");
    }
    assert!(body.contains(&server::receipt::local_time(r)));
    // Whom to ask, written as on the receipt page and the PDF.
    let rt = contract::receipt_texts::ReceiptTexts::for_lang(contract::Lang::It);
    let contact = format!(
        "{}:\n{}\n",
        rt.mail_questions,
        rt.authority_lines(&r.authority).join("\n")
    );
    assert!(body.contains(&contact), "{contact:?} missing in:\n{body}");

    let attachment = message.attachment(0).expect("the PDF is attached");
    assert_eq!(
        attachment.attachment_name(),
        Some(format!("Conferma-di-ricezione-{}.pdf", r.reference).as_str())
    );
    let ct = attachment.content_type().unwrap();
    assert_eq!((ct.ctype(), ct.subtype()), ("application", Some("pdf")));
    let text = pdf_text(attachment.contents());
    assert!(text.contains("Conferma di ricezione") && text.contains(&r.reference));
}

backend_tests!(
    the_pdf_receipt_says_what_arrived_when_where_and_its_hash,
    the_receipt_is_in_the_citizens_language,
    the_confirmation_email_arrives_with_the_pdf,
);
