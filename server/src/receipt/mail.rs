//! The confirmation e-mail: plain text in the citizen's language (what arrived, when, where,
//! the reference number, whom to ask) with the PDF receipt attached, sent with lettre over
//! SMTP. Sending is the outbox worker's job ([`crate::handoff`]), so a slow or absent mail
//! server never holds up a submission.

use anyhow::Context;
use contract::form::repertoire;
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
    /// The sender.
    pub fn from(&self) -> Mailbox {
        self.from.clone()
    }

    /// The SMTP transport (pooled).
    pub fn transport(&self) -> &AsyncSmtpTransport<Tokio1Executor> {
        &self.transport
    }

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
            .subject(shown(&(t.mail_subject)(
                &receipt.reference,
                &receipt.form_title,
            )))
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
        shown(&self.raw_text(receipt))
    }

    fn raw_text(&self, receipt: &Receipt) -> String {
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
            let slip = receipt.payment.as_ref().and_then(|p| p.slip.as_ref());
            let note = match slip {
                Some(slip) => {
                    let st = contract::slip::SlipTexts::get(receipt.lang);
                    format!(
                        "{}\n{}: {}\n{}: {}",
                        st.on_last_page, st.account, slip.account, st.reference, slip.reference
                    )
                }
                None => t.fee_note_of(fees, receipt.lang).to_owned(),
            };
            // The lines and the total as the receipt page and the PDF write them.
            if let Some(table) = receipt.fee_table(receipt.lang) {
                out.push_str(&format!("\n{}:\n", t.fees));
                for row in &table.rows {
                    match &row.reason {
                        Some((reason, _)) => {
                            out.push_str(&format!("- {} ({reason}): {}\n", row.label, row.amount))
                        }
                        None => out.push_str(&format!("- {}: {}\n", row.label, row.amount)),
                    }
                }
                out.push_str(&format!("{}: {}\n{note}\n", table.total_label, table.total));
            }
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

impl Mailer {
    /// The address that opens a receipt on the citizen's device with `token` (in the
    /// fragment, which browsers never send to a server, so it stays out of logs).
    pub fn receipt_link(&self, receipt: &Receipt, token: &str) -> String {
        format!(
            "{}/{}/eingang/{}#zugang={token}",
            self.public_url,
            receipt.lang.code(),
            receipt.reference
        )
    }

    /// The e-mail with a new access token for `receipt`, addressed to `to`.
    pub fn access_message(
        &self,
        receipt: &Receipt,
        to: &str,
        token: &str,
    ) -> anyhow::Result<Message> {
        let t = ReceiptTexts::for_lang(receipt.lang);
        let to: Mailbox = to
            .parse()
            .with_context(|| format!("the recipient address {to:?}"))?;
        let text = format!(
            "{}\n\n{}\n\n{}\n{}\n\n-- \nSchalter · {}/{}/\n{}\n",
            t.mail_greeting,
            (t.access_renewed)(&receipt.reference),
            t.access_link,
            self.receipt_link(receipt, token),
            self.public_url,
            receipt.lang.code(),
            t.mail_no_reply
        );
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(shown(&(t.access_subject)(&receipt.reference)))
            .header(ContentType::TEXT_PLAIN)
            .body(shown(&text))
            .context("building the access e-mail")
    }

    /// Sends a new access token for `receipt` to `to`.
    pub async fn send_access(
        &self,
        receipt: &Receipt,
        to: &str,
        token: &str,
    ) -> anyhow::Result<()> {
        let message = self.access_message(receipt, to, token)?;
        self.transport
            .send(message)
            .await
            .with_context(|| format!("sending new access to {}", receipt.reference))?;
        Ok(())
    }
}

/// `text` as the e-mail shows it: a character a mail client would not show or that would turn
/// the text around (controls other than the line feed, format characters such as bidirectional
/// overrides) becomes U+FFFD "�", as on the PDF receipt. The e-mail holds no answers, but the
/// catalogue's names and the form's title come from data the portal imports.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c != '\n' && repertoire::invisible(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}
