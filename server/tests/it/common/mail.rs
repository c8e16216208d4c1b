//! The test SMTP server (aiosmtpd from `scripts/smtp.sh`, started by the test command) and the
//! Maildir it writes.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Its URL and Maildir, if one runs; a failure where `SCHALTER_TEST_REQUIRE_SMTP` is set.
pub fn smtp() -> Option<(String, PathBuf)> {
    match (
        std::env::var("SCHALTER_TEST_SMTP_URL"),
        std::env::var("SCHALTER_TEST_MAILDIR"),
    ) {
        (Ok(url), Ok(dir)) => Some((url, PathBuf::from(dir))),
        _ => {
            assert!(
                std::env::var("SCHALTER_TEST_REQUIRE_SMTP").is_err(),
                "SCHALTER_TEST_REQUIRE_SMTP is set but no SMTP server is configured"
            );
            eprintln!("no SCHALTER_TEST_SMTP_URL: e-mail test skipped (scripts/smtp.sh start)");
            None
        }
    }
}

/// A mailer sending to the test server.
pub fn mailer(smtp_url: String) -> server::receipt::mail::Mailer {
    server::receipt::mail::Mailer::new(server::receipt::mail::MailConfig {
        smtp_url,
        from: "Schalter Test <noreply@schalter.test>".into(),
        public_url: "https://schalter.test/".into(),
    })
    .unwrap()
}

/// Waits for the message that contains every one of `needles`; its raw bytes.
pub async fn arrived(maildir: &Path, needles: &[&str]) -> Vec<u8> {
    for _ in 0..200 {
        for dir in ["new", "cur"] {
            for entry in std::fs::read_dir(maildir.join(dir))
                .into_iter()
                .flatten()
                .flatten()
            {
                let bytes = std::fs::read(entry.path()).unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes);
                if needles.iter().all(|n| text.contains(n)) {
                    return bytes;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "no e-mail with {needles:?} arrived in {}",
        maildir.display()
    );
}

/// The decoded text (subject and body) of the e-mails to `to` that contain `needle`, oldest
/// first, once at least `count` have arrived.
pub async fn mails(maildir: &std::path::Path, to: &str, needle: &str, count: usize) -> Vec<String> {
    for _ in 0..200 {
        let mut found = Vec::new();
        for dir in ["new", "cur"] {
            for entry in std::fs::read_dir(maildir.join(dir))
                .into_iter()
                .flatten()
                .flatten()
            {
                let raw = std::fs::read(entry.path()).unwrap_or_default();
                let Some(mail) = mail_parser::MessageParser::default().parse(&raw) else {
                    continue;
                };
                let to_matches = mail
                    .to()
                    .and_then(|a| a.first())
                    .and_then(|a| a.address())
                    .is_some_and(|a| a.eq_ignore_ascii_case(to));
                let text = format!(
                    "{}\n{}",
                    mail.subject().unwrap_or_default(),
                    mail.body_text(0).unwrap_or_default()
                );
                if to_matches && text.contains(needle) {
                    let at = entry.metadata().and_then(|m| m.modified()).unwrap();
                    found.push((at, text));
                }
            }
        }
        if found.len() >= count {
            found.sort_by_key(|(at, _)| *at);
            return found.into_iter().map(|(_, t)| t).collect();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("fewer than {count} e-mails to {to} with {needle:?}");
}

/// The token of the link in the `count`-th e-mail to `to` that contains `needle`.
pub async fn token_from_mail(
    maildir: &std::path::Path,
    to: &str,
    needle: &str,
    count: usize,
) -> String {
    let all = mails(maildir, to, needle, count).await;
    let text = &all[count - 1];
    let at = text.find("#token=").expect("a link with a token");
    text[at + 7..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
