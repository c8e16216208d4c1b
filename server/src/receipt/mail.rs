//! The confirmation e-mail. (Being written: placeholder signatures.)

use contract::submission::Receipt;

/// How to send e-mail.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://host:port` (plain, for a local relay or test sink) or `smtps://…`/`smtp://…?tls=required`.
    pub smtp_url: String,
    /// The sender (`Schalter <noreply@example.org>`).
    pub from: String,
    /// The portal's public URL, for links in the e-mail.
    pub public_url: String,
}

/// Sends confirmation e-mails.
#[derive(Debug, Clone)]
pub struct Mailer {
    config: MailConfig,
}

impl Mailer {
    /// A mailer for `config`.
    pub fn new(config: MailConfig) -> anyhow::Result<Mailer> {
        Ok(Mailer { config })
    }

    /// Sends the confirmation for `receipt` to `to` (with the PDF receipt attached).
    pub async fn send_receipt(&self, receipt: &Receipt, to: &str) -> anyhow::Result<()> {
        anyhow::bail!(
            "e-mail to {to} for {} via {} not implemented yet",
            receipt.reference,
            self.config.smtp_url
        )
    }
}
