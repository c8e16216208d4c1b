//! Paying a submission's fee: online through the payment provider, or later by invoice (Swiss
//! QR-bill, GiroCode). The amount is always the server's: what the fee table gave when the
//! application arrived.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// When a form's fee must be paid: part of the form's fee table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentDue {
    /// The application counts when it arrives; the fee may be paid online or by invoice later.
    #[default]
    Later,
    /// The application counts only once the fee is paid online (it waits until then: no
    /// confirmation, no hand-off, "waiting for payment" in the authority's inbox).
    BeforeSubmission,
}

impl PaymentDue {
    /// Whether the citizen may choose `method` for such a fee.
    pub fn allows(self, method: PaymentMethod) -> bool {
        match self {
            PaymentDue::Later => true,
            PaymentDue::BeforeSubmission => method == PaymentMethod::Online,
        }
    }
}

/// How the citizen pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Now, on the payment provider's page.
    Online,
    /// Later, by bank transfer with the QR code on the receipt.
    Invoice,
}

/// Where a submission's fee stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    /// Due; the application counts already (pay online or by invoice).
    Open,
    /// The application waits for the payment before it counts.
    Awaiting,
    /// Paid (online, or marked paid by the authority).
    Paid,
    /// Paid and given back.
    Refunded,
}

impl PaymentState {
    /// The stable code (`awaiting`).
    pub fn code(self) -> &'static str {
        match self {
            PaymentState::Open => "open",
            PaymentState::Awaiting => "awaiting",
            PaymentState::Paid => "paid",
            PaymentState::Refunded => "refunded",
        }
    }

    /// The state for a stored code.
    pub fn from_code(code: &str) -> Option<PaymentState> {
        [
            PaymentState::Open,
            PaymentState::Awaiting,
            PaymentState::Paid,
            PaymentState::Refunded,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Whether something is still to be paid.
    pub fn due(self) -> bool {
        matches!(self, PaymentState::Open | PaymentState::Awaiting)
    }
}

/// A submission's fee and where it stands (on the receipt, the case and the exports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentInfo {
    /// Where it stands.
    pub state: PaymentState,
    /// When it is due: before the application counts, or later.
    pub due: PaymentDue,
    /// The fee in cents.
    pub amount: i64,
    /// `CHF` or `EUR`.
    pub currency: String,
    /// How it was paid, once paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<PaymentMethod>,
    /// When it was paid (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<String>,
    /// The provider's transaction of the payment, once paid online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<String>,
    /// Cents given back.
    #[serde(default)]
    pub refunded: i64,
    /// How to pay by bank transfer, while the fee is open and the authority has an account
    /// for it (on the receipt and the case, not in lists and exports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slip: Option<crate::slip::PaymentSlip>,
}

/// The account an authority's invoices are paid to (`GET|PUT /api/v1/authorities/{id}/creditor`):
/// a Swiss or Liechtenstein IBAN makes a Swiss QR-bill (a QR-IBAN with a QR reference, an IBAN
/// with a creditor reference), any other a GiroCode (EPC QR code) with a creditor reference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditorAccount {
    /// The IBAN (spaces allowed).
    pub iban: String,
    /// The bank's BIC (8 or 11 characters); optional.
    #[serde(default)]
    pub bic: String,
    /// The account holder as the bill names it (at most 70 characters).
    pub name: String,
    /// Street (at most 70 characters).
    #[serde(default)]
    pub street: String,
    /// Building number (at most 16 characters).
    #[serde(default)]
    pub building: String,
    /// Postal code (at most 16 characters).
    pub postcode: String,
    /// Town (at most 35 characters).
    pub town: String,
    /// Two-letter country code (`CH`, `DE`).
    pub country: String,
    /// Digits put in front of every payment reference (the customer number some banks give
    /// with a QR-IBAN); at most 12, may be empty.
    #[serde(default)]
    pub reference_prefix: String,
}

impl CreditorAccount {
    /// What does not pass, as field errors (paths are the member names).
    pub fn errors(&self) -> Vec<crate::form::FieldError> {
        use crate::form::{ErrorCode, FieldError};
        let mut errors = Vec::new();
        let mut text = |path: &str, v: &str, required: bool, max: usize| {
            let v = v.trim();
            if required && v.is_empty() {
                errors.push(FieldError::new(path, ErrorCode::Required));
            } else if v.chars().count() > max {
                errors.push(FieldError::new(path, ErrorCode::TooLong).limit(max));
            } else if v.chars().any(char::is_control) {
                errors.push(FieldError::new(path, ErrorCode::InvalidCharacter));
            }
        };
        text("name", &self.name, true, 70);
        text("street", &self.street, false, 70);
        text("building", &self.building, false, 16);
        text("postcode", &self.postcode, true, 16);
        text("town", &self.town, true, 35);
        if self.iban.trim().is_empty() {
            errors.push(FieldError::new("iban", ErrorCode::Required));
        } else if !crate::form::checks::iban_ok(&self.iban) {
            errors.push(FieldError::new("iban", ErrorCode::InvalidIban));
        }
        let prefix = self.reference_prefix.trim();
        if prefix.len() > 12 {
            errors.push(FieldError::new("reference_prefix", ErrorCode::TooLong).limit(12));
        } else if !prefix.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(FieldError::new(
                "reference_prefix",
                ErrorCode::InvalidCharacter,
            ));
        }
        let bic = self.bic.trim();
        let bic_ok = matches!(bic.len(), 8 | 11) && bic.chars().all(|c| c.is_ascii_alphanumeric());
        if !bic.is_empty() && !bic_ok {
            errors.push(FieldError::new("bic", ErrorCode::InvalidCharacter));
        }
        let country = self.country.trim();
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
            errors.push(FieldError::new("country", ErrorCode::InvalidCountry));
        }
        errors
    }

    /// The same, trimmed, the IBAN and BIC compact and upper case.
    pub fn normalised(&self) -> CreditorAccount {
        let compact = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase()
        };
        CreditorAccount {
            iban: compact(&self.iban),
            bic: compact(&self.bic),
            name: self.name.trim().to_owned(),
            street: self.street.trim().to_owned(),
            building: self.building.trim().to_owned(),
            postcode: self.postcode.trim().to_owned(),
            town: self.town.trim().to_owned(),
            country: self.country.trim().to_uppercase(),
            reference_prefix: self.reference_prefix.trim().to_owned(),
        }
    }
}

/// Body of `POST /api/v1/submissions/{reference}/payments`: start paying online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentStart {
    /// The language of the payment page and of the page the citizen comes back to.
    pub lang: Lang,
}

/// Answer of `POST /api/v1/submissions/{reference}/payments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentStarted {
    /// The provider's payment page: send the browser there.
    pub redirect: String,
}

/// What the citizen learns on coming back from the payment page (`#zahlung=<code>` on the
/// receipt page): never taken from the browser, always read from the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentOutcome {
    /// Paid.
    Paid,
    /// The citizen cancelled on the payment page.
    Cancelled,
    /// The provider declined the payment.
    Failed,
    /// Not known yet (the provider has not decided, or did not answer): the page asks again.
    Pending,
    /// The provider reported something else than was asked (amount, currency, reference):
    /// nothing counts; the authority is told.
    Mismatch,
}

impl PaymentOutcome {
    /// The code in the address.
    pub fn code(self) -> &'static str {
        match self {
            PaymentOutcome::Paid => "paid",
            PaymentOutcome::Cancelled => "cancelled",
            PaymentOutcome::Failed => "failed",
            PaymentOutcome::Pending => "pending",
            PaymentOutcome::Mismatch => "mismatch",
        }
    }

    /// The outcome for a code in the address.
    pub fn from_code(code: &str) -> Option<PaymentOutcome> {
        [
            PaymentOutcome::Paid,
            PaymentOutcome::Cancelled,
            PaymentOutcome::Failed,
            PaymentOutcome::Pending,
            PaymentOutcome::Mismatch,
        ]
        .into_iter()
        .find(|o| o.code() == code)
    }
}

/// What the payment step and the receipt page say about paying, in one language.
#[derive(Debug)]
pub struct PaymentTexts {
    /// Heading of the payment part of the check page.
    pub heading: &'static str,
    /// Legend of the choice.
    pub choose: &'static str,
    /// Pay online now.
    pub online: &'static str,
    /// What happens then.
    pub online_hint: &'static str,
    /// Pay later by invoice.
    pub invoice: &'static str,
    /// What happens then.
    pub invoice_hint: &'static str,
    /// The fee must be paid before the application counts.
    pub before: &'static str,
    /// The submit button where the citizen pays online next.
    pub submit_and_pay: &'static str,
    /// Heading on the receipt page.
    pub receipt_heading: &'static str,
    /// The receipt page's title while the application waits for its payment.
    pub held_heading: &'static str,
    /// The application waits for the payment; `{}` the amount.
    pub awaiting: &'static str,
    /// Still to pay; `{}` the amount.
    pub open: &'static str,
    /// Paid; `{}` the amount, `{}` the date.
    pub paid: &'static str,
    /// Given back; `{}` the amount.
    pub refunded: &'static str,
    /// The button that starts paying online.
    pub pay_now: &'static str,
    /// While the payment page is being prepared.
    pub redirecting: &'static str,
    /// Back from the provider: paid.
    pub outcome_paid: &'static str,
    /// Back from the provider: cancelled.
    pub outcome_cancelled: &'static str,
    /// Back from the provider: declined.
    pub outcome_failed: &'static str,
    /// Back from the provider: not decided yet.
    pub outcome_pending: &'static str,
    /// Back from the provider: another amount was reported.
    pub outcome_mismatch: &'static str,
    /// Clerk mode: the inbox filter's label.
    pub filter_label: &'static str,
    /// Clerk mode: the inbox filter without a choice (every application that counts).
    pub filter_any: &'static str,
    /// Clerk mode: names of the states (`open`, `awaiting`, `paid`, `refunded`).
    pub state_names: [&'static str; 4],
    /// Clerk mode: record that the transfer arrived.
    pub mark_paid: &'static str,
    /// Clerk mode: give a fee paid online back.
    pub refund: &'static str,
    /// Clerk mode: how it was paid, online; `{}` the provider's transaction.
    pub paid_online: &'static str,
}

impl PaymentTexts {
    /// The texts in `lang`.
    pub fn get(lang: Lang) -> &'static PaymentTexts {
        match lang {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }

    /// `text` with each `{}` replaced by the next of `values` (the API messages' filler).
    pub fn fill(text: &str, values: &[&str]) -> String {
        crate::error_texts::ErrorTexts::fill(text, values)
    }

    /// A state's name (clerk mode).
    pub fn state_name(&self, state: PaymentState) -> &'static str {
        match state {
            PaymentState::Open => self.state_names[0],
            PaymentState::Awaiting => self.state_names[1],
            PaymentState::Paid => self.state_names[2],
            PaymentState::Refunded => self.state_names[3],
        }
    }

    /// What the citizen learns on coming back with `outcome`.
    pub fn outcome(&self, outcome: PaymentOutcome) -> &'static str {
        match outcome {
            PaymentOutcome::Paid => self.outcome_paid,
            PaymentOutcome::Cancelled => self.outcome_cancelled,
            PaymentOutcome::Failed => self.outcome_failed,
            PaymentOutcome::Pending => self.outcome_pending,
            PaymentOutcome::Mismatch => self.outcome_mismatch,
        }
    }
}

const DE: PaymentTexts = PaymentTexts {
    heading: "Bezahlung",
    choose: "Wie möchten Sie die Gebühr bezahlen?",
    online: "Jetzt online bezahlen",
    online_hint: "Nach dem Absenden geht es zur Zahlungsseite des Zahlungsanbieters.",
    invoice: "Später per Rechnung bezahlen",
    invoice_hint: "Die Zahlungsangaben erhalten Sie mit der Eingangsbestätigung.",
    before: "Dieser Antrag gilt erst als eingereicht, wenn die Gebühr bezahlt ist. Nach dem Absenden geht es zur Zahlungsseite des Zahlungsanbieters.",
    submit_and_pay: "Absenden und bezahlen",
    receipt_heading: "Gebühr",
    held_heading: "Antrag gespeichert – wartet auf die Zahlung",
    awaiting: "Ihr Antrag wartet auf die Zahlung: Er gilt als eingereicht, sobald die Gebühr von {} bezahlt ist.",
    open: "Noch zu bezahlen: {}.",
    paid: "Bezahlt: {} am {}.",
    refunded: "Zurückerstattet: {}.",
    pay_now: "Jetzt online bezahlen",
    redirecting: "Die Zahlungsseite wird geöffnet …",
    outcome_paid: "Vielen Dank, Ihre Zahlung ist eingegangen.",
    outcome_cancelled: "Sie haben die Zahlung abgebrochen. Ihr Antrag bleibt gespeichert; Sie können jederzeit hier bezahlen.",
    outcome_failed: "Die Zahlung wurde abgelehnt, es wurde nichts abgebucht. Bitte versuchen Sie es noch einmal, gegebenenfalls mit einem anderen Zahlungsmittel.",
    outcome_pending: "Die Zahlung ist noch nicht bestätigt. Diese Seite zeigt den Stand, sobald der Zahlungsanbieter ihn meldet.",
    outcome_mismatch: "Der Zahlungsanbieter hat einen anderen Betrag gemeldet. Die Zahlung wurde nicht verbucht; bitte wenden Sie sich an die zuständige Stelle.",
    filter_label: "Gebühr",
    filter_any: "Alle eingereichten",
    state_names: ["offen", "wartet auf Zahlung", "bezahlt", "zurückerstattet"],
    mark_paid: "Zahlungseingang vermerken",
    refund: "Gebühr zurückerstatten",
    paid_online: "Online bezahlt, Transaktion {}.",
};

const FR: PaymentTexts = PaymentTexts {
    heading: "Paiement",
    choose: "Comment souhaitez-vous payer l’émolument ?",
    online: "Payer maintenant en ligne",
    online_hint: "Après l’envoi, vous serez dirigé vers la page du prestataire de paiement.",
    invoice: "Payer plus tard sur facture",
    invoice_hint: "Vous recevrez les informations de paiement avec l’accusé de réception.",
    before: "Cette demande n’est considérée comme déposée qu’une fois l’émolument payé. Après l’envoi, vous serez dirigé vers la page du prestataire de paiement.",
    submit_and_pay: "Envoyer et payer",
    receipt_heading: "Émolument",
    held_heading: "Demande enregistrée – en attente du paiement",
    awaiting: "Votre demande attend le paiement : elle est considérée comme déposée dès que l’émolument de {} est payé.",
    open: "Reste à payer : {}.",
    paid: "Payé : {} le {}.",
    refunded: "Remboursé : {}.",
    pay_now: "Payer maintenant en ligne",
    redirecting: "La page de paiement s’ouvre …",
    outcome_paid: "Merci, votre paiement a bien été reçu.",
    outcome_cancelled: "Vous avez interrompu le paiement. Votre demande reste enregistrée ; vous pouvez payer ici à tout moment.",
    outcome_failed: "Le paiement a été refusé, rien n’a été débité. Veuillez réessayer, le cas échéant avec un autre moyen de paiement.",
    outcome_pending: "Le paiement n’est pas encore confirmé. Cette page affichera l’état dès que le prestataire de paiement l’aura communiqué.",
    outcome_mismatch: "Le prestataire de paiement a annoncé un autre montant. Le paiement n’a pas été comptabilisé ; veuillez contacter le service compétent.",
    filter_label: "Émolument",
    filter_any: "Toutes les demandes déposées",
    state_names: ["ouvert", "en attente du paiement", "payé", "remboursé"],
    mark_paid: "Enregistrer le paiement reçu",
    refund: "Rembourser l’émolument",
    paid_online: "Payé en ligne, transaction {}.",
};

const IT: PaymentTexts = PaymentTexts {
    heading: "Pagamento",
    choose: "Come desidera pagare l’emolumento?",
    online: "Pagare ora online",
    online_hint: "Dopo l’invio sarà indirizzato alla pagina del fornitore di pagamento.",
    invoice: "Pagare più tardi con fattura",
    invoice_hint: "Riceverà i dati di pagamento con la conferma di ricezione.",
    before: "Questa domanda è considerata inoltrata solo quando l’emolumento è pagato. Dopo l’invio sarà indirizzato alla pagina del fornitore di pagamento.",
    submit_and_pay: "Inviare e pagare",
    receipt_heading: "Emolumento",
    held_heading: "Domanda salvata – in attesa del pagamento",
    awaiting: "La Sua domanda attende il pagamento: è considerata inoltrata non appena l’emolumento di {} è pagato.",
    open: "Ancora da pagare: {}.",
    paid: "Pagato: {} il {}.",
    refunded: "Rimborsato: {}.",
    pay_now: "Pagare ora online",
    redirecting: "La pagina di pagamento si apre …",
    outcome_paid: "Grazie, il Suo pagamento è stato ricevuto.",
    outcome_cancelled: "Ha interrotto il pagamento. La Sua domanda resta salvata; può pagare qui in qualsiasi momento.",
    outcome_failed: "Il pagamento è stato rifiutato, non è stato addebitato nulla. Riprovi, eventualmente con un altro mezzo di pagamento.",
    outcome_pending: "Il pagamento non è ancora confermato. Questa pagina mostrerà lo stato non appena il fornitore di pagamento lo comunica.",
    outcome_mismatch: "Il fornitore di pagamento ha comunicato un altro importo. Il pagamento non è stato contabilizzato; si rivolga al servizio competente.",
    filter_label: "Emolumento",
    filter_any: "Tutte le domande inoltrate",
    state_names: ["aperto", "in attesa del pagamento", "pagato", "rimborsato"],
    mark_paid: "Registrare il pagamento ricevuto",
    refund: "Rimborsare l’emolumento",
    paid_online: "Pagato online, transazione {}.",
};

const EN: PaymentTexts = PaymentTexts {
    heading: "Payment",
    choose: "How would you like to pay the fee?",
    online: "Pay online now",
    online_hint: "After sending, you go to the payment provider’s page.",
    invoice: "Pay later by invoice",
    invoice_hint: "You receive the payment details with the confirmation of receipt.",
    before: "This application counts as submitted only once the fee is paid. After sending, you go to the payment provider’s page.",
    submit_and_pay: "Send and pay",
    receipt_heading: "Fee",
    held_heading: "Application saved – waiting for payment",
    awaiting: "Your application is waiting for the payment: it counts as submitted as soon as the fee of {} is paid.",
    open: "Still to pay: {}.",
    paid: "Paid: {} on {}.",
    refunded: "Refunded: {}.",
    pay_now: "Pay online now",
    redirecting: "Opening the payment page …",
    outcome_paid: "Thank you, your payment has been received.",
    outcome_cancelled: "You cancelled the payment. Your application stays saved; you can pay here at any time.",
    outcome_failed: "The payment was declined and nothing was charged. Please try again, if need be with another means of payment.",
    outcome_pending: "The payment is not confirmed yet. This page shows where it stands as soon as the payment provider reports it.",
    outcome_mismatch: "The payment provider reported another amount. The payment was not booked; please contact the office responsible.",
    filter_label: "Fee",
    filter_any: "All submitted",
    state_names: ["open", "waiting for payment", "paid", "refunded"],
    mark_paid: "Record payment received",
    refund: "Refund the fee",
    paid_online: "Paid online, transaction {}.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_due_limits_methods() {
        for s in [
            PaymentState::Open,
            PaymentState::Awaiting,
            PaymentState::Paid,
            PaymentState::Refunded,
        ] {
            assert_eq!(PaymentState::from_code(s.code()), Some(s));
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.code())
            );
        }
        for o in [
            PaymentOutcome::Paid,
            PaymentOutcome::Cancelled,
            PaymentOutcome::Failed,
            PaymentOutcome::Pending,
            PaymentOutcome::Mismatch,
        ] {
            assert_eq!(PaymentOutcome::from_code(o.code()), Some(o));
        }
        assert!(PaymentDue::Later.allows(PaymentMethod::Invoice));
        assert!(!PaymentDue::BeforeSubmission.allows(PaymentMethod::Invoice));
        assert!(PaymentDue::BeforeSubmission.allows(PaymentMethod::Online));
        assert_eq!(
            serde_json::from_str::<PaymentDue>("\"before_submission\"").unwrap(),
            PaymentDue::BeforeSubmission
        );
        assert_eq!(
            PaymentTexts::fill(
                PaymentTexts::get(Lang::De).paid,
                &["CHF 150.00", "1.12.2026"]
            ),
            "Bezahlt: CHF 150.00 am 1.12.2026."
        );
        for lang in Lang::ALL {
            let t = PaymentTexts::get(lang);
            assert_eq!(t.awaiting.matches("{}").count(), 1);
            assert_eq!(t.paid.matches("{}").count(), 2);
        }
    }
}
