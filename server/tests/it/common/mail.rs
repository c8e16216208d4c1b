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
