//! Paying later by bank transfer: the receipt of a fee due later carries a payment slip made
//! from the authority's creditor account — a Swiss QR-bill for Aarau, a GiroCode for Schmölln.
//! The QR codes are read back from the receipt PDF with a real decoder (the page rendered by
//! `pdftoppm`, the code read by `rqrr`) and every element is checked against the standard.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{SCHMOELLN, TestApp, Which, body_bytes, body_json, post_json};
use contract::submission::SubmissionCreated;
use serde_json::{Value, json};
use server::access::Role;

const AARAU: &str = "ch:4001";
const MOVING_IN: &str = "wohnsitz-anmelden-ag";
const QR_IBAN: &str = "CH44 3199 9123 0008 8901 2";

/// The "modulo 10, recursive" check digit, written out here from the Implementation Guidelines'
/// table (not the server's code under test).
fn mod10(digits: &str) -> u32 {
    let table = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];
    let carry = digits.chars().fold(0usize, |c, d| {
        table[(c + d.to_digit(10).unwrap() as usize) % 10]
    });
    ((10 - carry) % 10) as u32
}

/// ISO 7064 MOD 97-10 over an ISO 11649 reference moved to the end: 1 when valid.
fn rf_ok(r: &str) -> bool {
    let moved = format!("{}{}", &r[4..], &r[..4]);
    moved
        .chars()
        .map(|c| c.to_digit(36).unwrap().to_string())
        .collect::<String>()
        .chars()
        .fold(0u32, |acc, d| (acc * 10 + d.to_digit(10).unwrap()) % 97)
        == 1
}

/// The receipt PDF's last page rendered at 200 dpi and its QR code read: the code's content.
fn decode_last_page(pdf: &[u8]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("receipt.pdf");
    std::fs::write(&file, pdf).unwrap();
    let info = std::process::Command::new("pdfinfo")
        .arg(&file)
        .output()
        .expect("pdfinfo (poppler-utils) is installed by scripts/setup.sh --test");
    let pages: String = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .to_owned();
    let out = dir.path().join("page");
    let render = std::process::Command::new("pdftoppm")
        .args([
            "-r",
            "200",
            "-png",
            "-f",
            &pages,
            "-l",
            &pages,
            "-singlefile",
        ])
        .arg(&file)
        .arg(&out)
        .status()
        .unwrap();
    assert!(render.success());
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(dir.path().join("page.png")).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::Rgb => 3,
        other => panic!("{other:?}"),
    };
    let (w, h) = (frame.width as usize, frame.height as usize);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[(y * w + x) * channels]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the last page");
    let (meta, payload) = grids[0].decode().expect("the QR code reads");
    // Error correction level M, at most version 25 (Implementation Guidelines 5.1).
    assert_eq!(meta.ecc_level, 0, "level M");
    assert!(meta.version.0 <= 25);
    let text = std::process::Command::new("pdftotext")
        .args(["-f", &pages, "-l", &pages, "-layout"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    (payload, String::from_utf8_lossy(&text.stdout).into_owned())
}

async fn get_with_token(app: &TestApp, path: &str, token: &str) -> (StatusCode, Vec<u8>) {
    let res = app
        .get(path, &[("authorization", &format!("Bearer {token}"))])
        .await;
    let status = res.status();
    (status, body_bytes(res).await.to_vec())
}

async fn receipt(app: &TestApp, s: &SubmissionCreated) -> Value {
    let (status, body) = get_with_token(
        app,
        &format!("/api/v1/submissions/{}", s.receipt.reference),
        &s.access_token,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    serde_json::from_slice(&body).unwrap()
}

async fn pdf(app: &TestApp, s: &SubmissionCreated) -> Vec<u8> {
    let (status, body) = get_with_token(
        app,
        &format!("/api/v1/submissions/{}/receipt.pdf", s.receipt.reference),
        &s.access_token,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    body
}

/// A registration of residence in Aarau (a fee due later: CHF 20).
fn moving_in_answers() -> Value {
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Europe/Zurich").unwrap())
        .date()
        .to_string();
    json!({
        "move_in_date": today, "residence_type": "main", "housing": "own",
        "new_address": {"street": "Bahnhofstrasse", "number": "5", "postcode": "5000", "place": "Aarau", "country": "CH"},
        "previous_address": {"street": "Seestrasse", "number": "12", "postcode": "8002", "place": "Zürich", "country": "CH"},
        "given_name": "Lea", "family_name": "Brunner", "birth_date": "1990-04-12",
        "marital_status": "single", "citizenship": "ch", "place_of_origin": "Aarau",
        "ahv_number": "756.1234.5678.97",
        "confession": "other_none", "email": "lea.brunner@example.ch",
    })
}

async fn move_to_aarau(app: &TestApp, n: u32) -> SubmissionCreated {
    let res = app
        .get(
            &format!("/api/v1/forms/{MOVING_IN}?municipality={AARAU}"),
            &[],
        )
        .await;
    let version = body_json(res).await["version"].as_str().unwrap().to_owned();
    let key = format!("5c1f0a2b-3d4e-4f5a-8b6c-{n:012}");
    // The certificate of origin, as a PDF.
    let mut file = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    file.resize(2000, b' ');
    let res = app
        .send(
            Request::post(format!(
                "/api/v1/uploads?form={MOVING_IN}&version={version}&municipality={AARAU}&field=heimatschein&name=heimatschein.pdf&lang=de"
            ))
            .header("schalter-draft", &key)
            .header("content-type", "application/pdf")
            .header("content-length", file.len())
            .body(Body::from(file))
            .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let uploaded = body_json(res).await;
    let mut answers = moving_in_answers();
    answers["heimatschein"] = json!([{"id": uploaded["id"], "name": uploaded["name"],
        "size": uploaded["size"], "type": uploaded["type"]}]);
    let (s, body) = post_json(
        app,
        "/api/v1/submissions",
        &json!({"idempotency_key": key, "form": MOVING_IN,
                "version": version, "municipality": AARAU, "lang": "de", "payment": "invoice",
                "answers": answers}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    serde_json::from_value(body).unwrap()
}

/// A QR-IBAN: QR reference with the authority's prefix; the receipt PDF's payment part decodes
/// to the 31 elements of v2.3 in order; the slip issued stays as it was when the account
/// changes; paid, the slip is gone.
async fn a_swiss_invoice_carries_a_qr_bill_that_reads_back(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let admin = common::staff_session(&app, "Ada Admin", AARAU, Role::AuthorityAdmin).await;
    let mut a = common::staff_browser(&app, &admin);
    // Without an account: no slip, the authority sends an invoice.
    let without = move_to_aarau(&app, 1).await;
    let p = &without.receipt.payment.as_ref().unwrap();
    assert!(p.slip.is_none());
    assert_eq!(p.state, contract::payment::PaymentState::Open);

    let creditor = format!("/api/v1/authorities/{AARAU}/creditor");
    let (s, body) = a
        .call(
            "PUT",
            &creditor,
            Some(json!({"iban": QR_IBAN, "name": "Stadt Aarau, Finanzen",
                "street": "Rathausgasse", "building": "1", "postcode": "5000", "town": "Aarau",
                "country": "CH", "reference_prefix": "210000"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let s = move_to_aarau(&app, 2).await;
    let slip = receipt(&app, &s).await["payment"]["slip"].clone();
    assert_eq!(slip["kind"], "swiss_qr", "{slip}");
    assert_eq!(slip["account"], QR_IBAN);

    let (payload, text) = decode_last_page(&pdf(&app, &s).await);
    assert_eq!(payload, slip["payload"].as_str().unwrap());
    // Implementation Guidelines QR-bill v2.3, section 4.3: every element, in order, LF only.
    assert!(!payload.contains('\r'));
    let e: Vec<&str> = payload.split('\n').collect();
    assert_eq!(e.len(), 31, "{payload}");
    assert_eq!(&e[..3], ["SPC", "0200", "1"]);
    assert_eq!(e[3], QR_IBAN.replace(' ', ""));
    // Creditor: structured address (S), name, street, building, postcode, town, country.
    assert_eq!(
        &e[4..11],
        [
            "S",
            "Stadt Aarau, Finanzen",
            "Rathausgasse",
            "1",
            "5000",
            "Aarau",
            "CH"
        ]
    );
    // Ultimate creditor: reserved, seven empty elements.
    assert!(e[11..18].iter().all(|x| x.is_empty()));
    assert_eq!((e[18], e[19]), ("20.00", "CHF"));
    // No debtor: seven empty elements (the slip has the box to write in).
    assert!(e[20..27].iter().all(|x| x.is_empty()));
    // A QR-IBAN takes a QR reference: 27 digits, the prefix first, the recursive check digit.
    assert_eq!(e[27], "QRR");
    let r = e[28];
    assert_eq!(r.len(), 27);
    assert!(r.starts_with("210000") && r.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(mod10(&r[..26]), r[26..].parse::<u32>().unwrap());
    // Unstructured message: the reference number and the form, at most 140 characters.
    assert!(e[29].starts_with(&s.receipt.reference), "{}", e[29]);
    assert!(e[29].chars().count() <= 140);
    assert_eq!(e[30], "EPD");
    // The payment part's text says the same, with the Guidelines' headings.
    for expected in [
        "Empfangsschein",
        "Zahlteil",
        "Konto / Zahlbar an",
        "Referenz",
        "Zahlbar durch (Name/Adresse)",
        "Annahmestelle",
        QR_IBAN,
        "20.00",
        slip["reference"].as_str().unwrap(),
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }

    // A new account changes new slips, never one already given out.
    let (st, _) = a
        .call(
            "PUT",
            &creditor,
            Some(
                json!({"iban": "CH93 0076 2011 6238 5295 7", "name": "Stadt Aarau",
                "postcode": "5000", "town": "Aarau", "country": "CH"}),
            ),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        receipt(&app, &s).await["payment"]["slip"]["payload"],
        slip["payload"]
    );
    let with_iban = move_to_aarau(&app, 3).await;
    let (payload, _) = decode_last_page(&pdf(&app, &with_iban).await);
    let e: Vec<&str> = payload.split('\n').collect();
    assert_eq!(e[3], "CH9300762011623852957");
    // An IBAN takes an ISO 11649 creditor reference carrying the reference number.
    assert_eq!(e[27], "SCOR");
    assert!(e[28].starts_with("RF") && rf_ok(e[28]), "{}", e[28]);
    assert!(e[28].ends_with(&with_iban.receipt.reference.replace('-', "")));

    // Marked paid by the authority: no slip any more.
    let clerk = common::staff_session(&app, "Cleo Clerk", AARAU, Role::Clerk).await;
    let mut c = common::staff_browser(&app, &clerk);
    let (st, body) = c
        .call(
            "POST",
            &format!("/api/v1/staff/cases/{}/payment/paid", s.receipt.reference),
            Some(json!({})),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let paid = receipt(&app, &s).await;
    assert_eq!(paid["payment"]["state"], "paid");
    assert!(paid["payment"].get("slip").is_none(), "{paid}");
}

/// A German account: an EPC QR code (GiroCode, version 002) with the creditor reference.
async fn a_german_invoice_carries_a_girocode_that_reads_back(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let admin = common::staff_session(&app, "Ada Admin", SCHMOELLN, Role::AuthorityAdmin).await;
    let mut a = common::staff_browser(&app, &admin);
    let (s, body) = a
        .call(
            "PUT",
            &format!("/api/v1/authorities/{SCHMOELLN}/creditor"),
            Some(
                json!({"iban": "DE02 1203 0000 0000 2020 51", "bic": "BYLADEM1001",
                "name": "Stadt Schmölln, Stadtkasse", "street": "Markt", "building": "1",
                "postcode": "04626", "town": "Schmölln", "country": "DE"}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let version = common::dog_form_version(&app, SCHMOELLN).await;
    let s = common::submit(
        &app,
        "5c1f0a2b-dog0-4f5a-8b6c-000000000001",
        &version,
        &common::dog_answers(),
    )
    .await;
    let fees = s.receipt.fees.as_ref().unwrap();
    assert!(fees.total > 0);
    let (payload, text) = decode_last_page(&pdf(&app, &s).await);
    // EPC069-12 v3.1: service tag, version 002, UTF-8 (1), SCT, BIC, name, IBAN, amount,
    // purpose (empty), structured reference, no text when there is a reference.
    let e: Vec<&str> = payload.split('\n').collect();
    assert_eq!(e.len(), 10, "{payload}");
    assert_eq!(&e[..4], ["BCD", "002", "1", "SCT"]);
    assert_eq!(e[4], "BYLADEM1001");
    assert_eq!(e[5], "Stadt Schmölln, Stadtkasse");
    assert_eq!(e[6], "DE02120300000000202051");
    assert_eq!(
        e[7],
        format!("EUR{}.{:02}", fees.total / 100, fees.total % 100)
    );
    assert_eq!(e[8], "");
    assert!(e[9].starts_with("RF") && rf_ok(e[9]), "{}", e[9]);
    assert!(e[9].ends_with(&s.receipt.reference.replace('-', "")));
    assert!(payload.len() <= 331, "EPC: at most 331 bytes");
    for expected in [
        "GiroCode",
        "Empfänger",
        "DE02 1203 0000 0000 2020 51",
        "BYLADEM1001",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }
}

backend_tests!(
    a_swiss_invoice_carries_a_qr_bill_that_reads_back,
    a_german_invoice_carries_a_girocode_that_reads_back,
);
