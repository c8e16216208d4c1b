//! What a citizen may type, and that what is accepted is what gets stored and drawn:
//! characters outside the portal's repertoire are refused with the character named (in the
//! browser and here, the same validation), every accepted name renders on the PDF receipt and
//! in the confirmation e-mail, and length limits count exactly what is stored.

use crate::common;
use common::pdf_text;

use common::{
    SCHMOELLN, TestApp, Which, body_bytes, dog_answers, dog_form_version, dog_submission, post_json,
};
use contract::submission::SubmissionCreated;
use serde_json::{Value, json};
use server::receipt::mail::{MailConfig, Mailer};
use server::submissions::store;

fn key(n: u32) -> String {
    format!("7e57a1f0-0000-4000-8000-{n:012}")
}

async fn submit(app: &TestApp, n: u32, lang: &str, answers: &Value) -> (u16, Value) {
    let version = dog_form_version(app, SCHMOELLN).await;
    let (status, body) = post_json(
        app,
        "/api/v1/submissions",
        &dog_submission(&key(n), &version, lang, answers),
    )
    .await;
    (status.as_u16(), body)
}

/// The (path, code, limit) of each error in a 422 answer.
fn errors(body: &Value) -> Vec<(String, String, Option<String>)> {
    body["details"]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {body}"))
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
                e["limit"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

async fn fetch_pdf(app: &TestApp, created: &SubmissionCreated) -> Vec<u8> {
    let res = app
        .get(
            &format!(
                "/api/v1/submissions/{}/receipt.pdf",
                created.receipt.reference
            ),
            &[("authorization", &format!("Bearer {}", created.access_token))],
        )
        .await;
    assert_eq!(res.status(), 200, "the receipt PDF of a stored submission");
    body_bytes(res).await
}

fn mailer() -> Mailer {
    Mailer::new(MailConfig {
        // Never connected to: building a message needs no server.
        smtp_url: "smtp://127.0.0.1:9".into(),
        from: "Schalter Test <noreply@schalter.test>".into(),
        public_url: "https://schalter.test".into(),
    })
    .unwrap()
}

/// Finding 2 of the probe: a dog named with an emoji, CJK characters, NUL or BEL/ESC was
/// accepted (201) and its receipt could not be drawn (500). Now each is refused where it
/// was typed, naming the character, in the citizen's language.
async fn characters_outside_the_repertoire_are_refused_naming_the_character(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let cases: [(&str, &str, &str); 6] = [
        ("dogs.0.name", "Luna 🐶", "U+1F436"),
        ("dogs.0.name", "小狗", "U+5C0F"),
        ("dogs.0.name", "Lu\u{0}na", "U+0000"),
        ("dogs.0.breed", "Pudel\u{7}", "U+0007"),
        ("given_name", "\u{1b}[31mAnna", "U+001B"),
        // A right-to-left override turns what follows around on screen.
        ("family_name", "Beispiel\u{202e}fdp.exe", "U+202E"),
    ];
    for (n, (path, typed, code_point)) in cases.into_iter().enumerate() {
        let mut answers = dog_answers();
        match path.split_once('.') {
            Some(("dogs", rest)) => answers["dogs"][0][&rest[2..]] = json!(typed),
            _ => answers[path] = json!(typed),
        }
        let (status, body) = submit(&app, 100 + n as u32, "de", &answers).await;
        assert_eq!(status, 422, "{typed:?} was accepted: {body}");
        assert_eq!(
            errors(&body),
            [(
                path.to_owned(),
                "invalid_character".to_owned(),
                Some(code_point.to_owned())
            )],
            "{typed:?}"
        );
        let message = body["details"]["errors"][0]["message"].as_str().unwrap();
        let shown = typed
            .chars()
            .find(|c| format!("U+{:04X}", *c as u32) == code_point)
            .unwrap();
        if code_point == "U+1F436" || code_point == "U+5C0F" {
            assert!(
                message.contains(&format!("„{shown}“")),
                "the character is named: {message}"
            );
        } else {
            // Invisible characters are named by their code, never shown.
            assert!(message.contains(code_point), "{message}");
            assert!(!message.contains(shown), "{message:?}");
        }
    }

    // The same answer through the form check the browser can ask for, in French.
    let version = dog_form_version(&app, SCHMOELLN).await;
    let mut answers = dog_answers();
    answers["dogs"][0]["name"] = json!("Luna 🐶");
    let (status, body) = post_json(
        &app,
        "/api/v1/forms/hundesteuer-th/validate",
        &json!({"municipality": SCHMOELLN, "version": version, "lang": "fr", "answers": answers}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["valid"], false);
    assert_eq!(body["errors"][0]["code"], "invalid_character");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("« 🐶 »"), "{message}");
}

/// The other half of finding 2: what the repertoire accepts — Latin letters with their
/// diacritics, Greek and Cyrillic — is stored, drawn on the receipt and mailed.
async fn names_in_latin_greek_and_cyrillic_reach_the_receipt_and_the_email(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let mut answers = dog_answers();
    answers["given_name"] = json!("Łucja Ǻsa Đurđica");
    answers["dogs"][0]["name"] = json!("Ζεύς");
    answers["dogs"][0]["breed"] = json!("Българска овчарка");
    answers["address"]["street"] = json!("Hauptstraße");
    answers["family_name"] = json!("Nguyễn-Øster Şahin d’Ăvila K\u{35f}han");
    let (status, body) = submit(&app, 200, "de", &answers).await;
    assert_eq!(status, 201, "{body}");
    let created: SubmissionCreated = serde_json::from_value(body).unwrap();
    let pdf = fetch_pdf(&app, &created).await;
    let text = pdf_text(&pdf);
    for name in ["Łucja Ǻsa Đurđica", "Ζεύς", "Българска овчарка", "Şahin"]
    {
        assert!(text.contains(name), "{name:?} missing in: {text}");
    }
    let message = mailer()
        .message(&created.receipt, "anna@example.de", pdf)
        .expect("the confirmation e-mail can be built");
    assert!(!message.formatted().is_empty());

    // Sent through a real SMTP server where one runs (scripts/test.sh starts it), the PDF
    // attached to the e-mail carries the names.
    let (Ok(url), Ok(maildir)) = (
        std::env::var("SCHALTER_TEST_SMTP_URL"),
        std::env::var("SCHALTER_TEST_MAILDIR"),
    ) else {
        return;
    };
    let r = &created.receipt;
    Mailer::new(MailConfig {
        smtp_url: url,
        from: "Schalter Test <noreply@schalter.test>".into(),
        public_url: "https://schalter.test".into(),
    })
    .unwrap()
    .send_receipt(r, r.email.as_deref().unwrap())
    .await
    .expect("the confirmation e-mail is sent");
    let raw = common::mail::arrived(std::path::Path::new(&maildir), &[&r.reference]).await;
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let text = pdf_text(mail.attachment(0).expect("the PDF is attached").contents());
    assert!(
        text.contains("Ζεύς") && text.contains("Българска овчарка"),
        "{text}"
    );
}

/// Finding 3: `given_name` = "Anna" followed by 1 MB of spaces was accepted and stored with
/// its megabyte. Limits count what is stored, and what is stored is the trimmed text; no
/// other kind of answer carries megabytes either.
async fn limits_count_what_is_stored(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    // The probe's megabyte no longer gets in at all: the API reads at most 1 MiB of JSON.
    let mut answers = dog_answers();
    answers["given_name"] = json!(format!("Anna{}", " ".repeat(1 << 20)));
    let (status, body) = submit(&app, 299, "de", &answers).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("payload_too_large")),
        "{body}"
    );
    // Half a megabyte, and smaller pads elsewhere (the request stays below the limit).
    let pad = " ".repeat(1 << 19);
    let small = "\t ".repeat(1 << 14);
    let mut answers = dog_answers();
    answers["given_name"] = json!(format!("Anna{pad}"));
    answers["family_name"] = json!(format!("{small}Beispiel\u{a0}\n"));
    answers["payment"] = json!(format!("transfer{small}"));
    answers["address"]["street"] = json!(format!("Markt{small}"));
    answers["birth_date"] = json!(format!("{small}1980-04-12"));
    answers["dogs"][0]["sex"] = json!(format!("female{small}"));
    let (status, body) = submit(&app, 300, "de", &answers).await;
    assert_eq!(status, 201, "{body}");
    let reference = body["receipt"]["reference"].as_str().unwrap();
    let stored = store::by_reference(&app.db, reference)
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.data.len() < 4_000,
        "{} bytes stored",
        stored.data.len()
    );
    let data: Value = serde_json::from_str(&stored.data).unwrap();
    let a = &data["answers"];
    assert_eq!(a["given_name"], "Anna");
    assert_eq!(a["family_name"], "Beispiel");
    assert_eq!(a["payment"], "transfer");
    assert_eq!(a["address"]["street"], "Markt");
    assert_eq!(a["birth_date"], "1980-04-12");
    assert_eq!(a["dogs"][0]["sex"], "female");

    // A hundred characters of name are allowed; spaces around them do not count, but the
    // hundred-and-first character does.
    let mut answers = dog_answers();
    answers["given_name"] = json!(format!("  {}  ", "a".repeat(100)));
    let (status, body) = submit(&app, 301, "de", &answers).await;
    assert_eq!(status, 201, "{body}");
    answers["given_name"] = json!(format!("{} ", "a".repeat(101)));
    let (status, body) = submit(&app, 302, "de", &answers).await;
    assert_eq!(status, 422);
    assert_eq!(
        errors(&body),
        [(
            "given_name".to_owned(),
            "too_long".to_owned(),
            Some("100".to_owned())
        )]
    );

    // Separators a parser skips count too: a phone number of a megabyte is refused.
    let mut answers = dog_answers();
    answers["iban"] = json!(format!("DE89 {pad}3704 0044 0532 0130 00"));
    answers["payment"] = json!("sepa");
    answers["account_holder"] = json!("Anna Beispiel");
    answers["sepa_mandate"] = json!(true);
    let (status, body) = submit(&app, 303, "de", &answers).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(errors(&body)[0].0, "iban");
    assert_eq!(errors(&body)[0].1, "too_long");
}

/// A name typed on a keyboard that sends "e" and a combining accent is the same name as one
/// typed with "é": it is accepted and stored composed (NFC).
async fn decomposed_letters_are_stored_composed(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let mut answers = dog_answers();
    answers["given_name"] = json!("Rene\u{301}e");
    answers["dogs"][0]["name"] = json!("Zoe\u{308}");
    let (status, body) = submit(&app, 400, "fr", &answers).await;
    assert_eq!(status, 201, "{body}");
    let reference = body["receipt"]["reference"].as_str().unwrap();
    let stored = store::by_reference(&app.db, reference)
        .await
        .unwrap()
        .unwrap();
    let data: Value = serde_json::from_str(&stored.data).unwrap();
    assert_eq!(data["answers"]["given_name"], "Ren\u{e9}e");
    assert_eq!(data["answers"]["dogs"][0]["name"], "Zo\u{eb}");
}

backend_tests!(
    characters_outside_the_repertoire_are_refused_naming_the_character,
    names_in_latin_greek_and_cyrillic_reach_the_receipt_and_the_email,
    limits_count_what_is_stored,
    decomposed_letters_are_stored_composed,
);
