//! The confirmation e-mail: plain text in the citizen's language (what arrived, when, where,
//! the reference number, whom to ask) with the PDF receipt attached, sent with lettre over
//! SMTP. Sending is the outbox worker's job ([`crate::handoff`]), so a slow or absent mail
//! server never holds up a submission.

use anyhow::Context;
use contract::form::format_money;
use contract::receipt_texts::ReceiptTexts;
use contract::submission::Receipt;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::{file_name, local_time, pdf};

/// How to send e-mail.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://host:port` (plain, for a local relay or test sink), `smtp://…?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host` (TLS).
    pub smtp_url: String,
    /// The sender (`Schalter <noreply@example.org>`).
    pub from: String,
    /// The portal's public URL, for links in the e-mail.
    pub public_url: String,
}

/// Sends confirmation e-mails (a pooled SMTP connection, cheap to clone).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// A mailer for `config` (checks the URL and sender; connects on the first message).
    pub fn new(config: MailConfig) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
            .context("the SMTP URL (smtp://host:port, smtps://user:pass@host)")?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        let from = config
            .from
            .parse()
            .with_context(|| format!("the sender address {:?}", config.from))?;
        Ok(Mailer {
            transport,
            from,
            public_url: config.public_url.trim_end_matches('/').to_owned(),
        })
    }

    /// The confirmation for `receipt` addressed to `to`, with the PDF attached.
    pub fn message(&self, receipt: &Receipt, to: &str, pdf: Vec<u8>) -> anyhow::Result<Message> {
        let t = ReceiptTexts::for_lang(receipt.lang);
        let to: Mailbox = to
            .parse()
            .with_context(|| format!("the recipient address {to:?}"))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject((t.mail_subject)(&receipt.reference, &receipt.form_title))
            .multipart(
                MultiPart::mixed()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(self.text(receipt)),
                    )
                    .singlepart(
                        Attachment::new(file_name(receipt))
                            .body(pdf, ContentType::parse("application/pdf")?),
                    ),
            )
            .context("building the confirmation e-mail")
    }

    /// The e-mail's text.
    pub fn text(&self, receipt: &Receipt) -> String {
        let t = ReceiptTexts::for_lang(receipt.lang);
        let a = &receipt.authority;
        let mut out = format!(
            "{}\n\n{}\n\n{}: {}\n{}\n",
            t.mail_greeting,
            (t.mail_arrived)(&receipt.form_title, &local_time(receipt), &a.name),
            t.reference,
            receipt.reference,
            t.reference_hint,
        );
        if let Some(fees) = &receipt.fees {
            out.push_str(&format!(
                "\n{}: {}\n{}\n",
                t.fees,
                format_money(fees.total, &fees.currency, receipt.lang),
                t.fee_note_for(fees.total)
            ));
        }
        out.push_str(&format!(
            "\n{}\n\n{}:\n",
            t.mail_attachment, t.mail_questions
        ));
        for line in t.authority_lines(a) {
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(&format!(
            "\n-- \nSchalter · {}/{}/\n{}\n",
            self.public_url,
            receipt.lang.code(),
            t.mail_no_reply
        ));
        out
    }

    /// Sends the confirmation for `receipt` to `to` (with the PDF receipt attached).
    pub async fn send_receipt(&self, receipt: &Receipt, to: &str) -> anyhow::Result<()> {
        let for_pdf = receipt.clone();
        let pdf = tokio::task::spawn_blocking(move || pdf::render(&for_pdf))
            .await
            .context("rendering the PDF receipt")??;
        let message = self.message(receipt, to, pdf)?;
        self.transport
            .send(message)
            .await
            .with_context(|| format!("sending the confirmation of {}", receipt.reference))?;
        Ok(())
    }
}
