//! Paying by bank transfer: the payment slip of a submission's fee as the receipt page and the
//! receipt PDF show it — a Swiss QR-bill's payment part for Swiss authorities, a GiroCode (EPC
//! QR code) for German ones. The server makes the slip; both sides only draw it.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Which slip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlipKind {
    /// A Swiss QR-bill (Swiss Payment Standards, QR-bill v2.3), the code with the Swiss cross.
    SwissQr,
    /// An EPC QR code (GiroCode) for a SEPA credit transfer.
    Epc,
}

/// A fee's payment slip, while the fee is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentSlip {
    /// Which slip.
    pub kind: SlipKind,
    /// The creditor's IBAN in groups of four (`CH44 3199 9123 0008 8901 2`).
    pub account: String,
    /// The bank's BIC, where given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bic: String,
    /// The creditor's name and address, a line each.
    pub creditor: Vec<String>,
    /// The payment reference as printed (QR reference in groups of five after two digits,
    /// creditor reference in groups of four).
    pub reference: String,
    /// The message to the creditor (the application and its reference number).
    pub message: String,
    /// Cents.
    pub amount: i64,
    /// `CHF` or `EUR`.
    pub currency: String,
    /// The QR code's content.
    pub payload: String,
    /// The QR code's modules, row by row, `1` dark and `0` light (no quiet zone).
    pub modules: Vec<String>,
}

impl PaymentSlip {
    /// The modules as one SVG path (see [`module_path`]).
    pub fn module_path(&self) -> String {
        module_path(&self.modules)
    }
}

/// A rectangle: left, top, width, height.
pub type Rect = [f32; 4];

/// The Swiss cross in the middle of a QR-bill's code of side `size` (46 mm on paper, in any
/// unit), as the Implementation Guidelines draw it: a 7 mm white square, the 6 mm black square
/// on it and the cross's two white arms, relative to the code's top left corner.
pub fn swiss_cross(size: f32) -> (Rect, Rect, [Rect; 2]) {
    let c = size / 2.0;
    let (outer, inner) = (size * 7.0 / 46.0, size * 6.0 / 46.0);
    let (arm, len) = (inner * 6.0 / 32.0 * 1.2, inner * 20.0 / 32.0);
    let square = |side: f32| [c - side / 2.0, c - side / 2.0, side, side];
    (
        square(outer),
        square(inner),
        [
            [c - arm / 2.0, c - len / 2.0, arm, len],
            [c - len / 2.0, c - arm / 2.0, len, arm],
        ],
    )
}

/// QR code modules (rows of `1` dark and `0` light) as one SVG path of unit squares, runs of
/// dark modules joined, for a `viewBox` of `0 0 n n` where `n` is the number of rows.
pub fn module_path(modules: &[String]) -> String {
    let mut d = String::new();
    for (y, row) in modules.iter().enumerate() {
        let bytes = row.as_bytes();
        let mut x = 0;
        while x < bytes.len() {
            if bytes[x] == b'1' {
                let start = x;
                while x < bytes.len() && bytes[x] == b'1' {
                    x += 1;
                }
                d.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    d
}

/// The words of a slip, in one language (for the QR-bill those of the Implementation
/// Guidelines' payment part).
#[derive(Debug)]
pub struct SlipTexts {
    /// The receipt part's title.
    pub receipt: &'static str,
    /// The payment part's title.
    pub payment_part: &'static str,
    /// Heading of the creditor.
    pub account: &'static str,
    /// Heading of the reference.
    pub reference: &'static str,
    /// Heading of the message.
    pub additional: &'static str,
    /// Heading of the empty box for the debtor.
    pub payable_by: &'static str,
    /// Heading of the currency.
    pub currency: &'static str,
    /// Heading of the amount.
    pub amount: &'static str,
    /// The receipt part's acceptance point.
    pub acceptance: &'static str,
    /// Above the line between the receipt and the slip.
    pub separate: &'static str,
    /// The section's heading on the receipt page and the PDF.
    pub heading: &'static str,
    /// How to pay with the slip.
    pub intro: &'static str,
    /// How to pay with a GiroCode.
    pub epc_intro: &'static str,
    /// The QR code's description for screen readers.
    pub code_alt: &'static str,
    /// Heading of a GiroCode's payee.
    pub payee: &'static str,
    /// The receipt's fee section, where the slip is on the last page.
    pub on_last_page: &'static str,
}

impl SlipTexts {
    /// The texts in `lang`.
    pub fn get(lang: Lang) -> &'static SlipTexts {
        match lang {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }
}

const DE: SlipTexts = SlipTexts {
    receipt: "Empfangsschein",
    payment_part: "Zahlteil",
    account: "Konto / Zahlbar an",
    reference: "Referenz",
    additional: "Zusätzliche Informationen",
    payable_by: "Zahlbar durch (Name/Adresse)",
    currency: "Währung",
    amount: "Betrag",
    acceptance: "Annahmestelle",
    separate: "Vor der Einzahlung abzutrennen",
    heading: "Einzahlungsschein",
    intro: "Bezahlen Sie die Gebühr mit Ihrer Banking-App: scannen Sie den QR-Code oder \
            übertragen Sie Konto, Referenz und Betrag. Die Behörde ordnet die Zahlung anhand der \
            Referenz Ihrem Antrag zu.",
    epc_intro: "Bezahlen Sie die Gebühr per Überweisung: scannen Sie den GiroCode mit Ihrer \
                Banking-App oder übertragen Sie Empfänger, IBAN, Betrag und Verwendungszweck.",
    code_alt: "QR-Code mit Konto, Betrag und Referenz dieser Zahlung",
    payee: "Empfänger",
    on_last_page: "Bezahlen Sie die Gebühr mit dem Einzahlungsschein auf der letzten Seite.",
};

const FR: SlipTexts = SlipTexts {
    receipt: "Récépissé",
    payment_part: "Section paiement",
    account: "Compte / Payable à",
    reference: "Référence",
    additional: "Informations supplémentaires",
    payable_by: "Payable par (nom/adresse)",
    currency: "Monnaie",
    amount: "Montant",
    acceptance: "Point de dépôt",
    separate: "A détacher avant le versement",
    heading: "Bulletin de versement",
    intro: "Payez l'émolument avec votre application bancaire : scannez le code QR ou reprenez \
            le compte, la référence et le montant. L'autorité attribue le paiement à votre \
            demande grâce à la référence.",
    epc_intro: "Payez l'émolument par virement : scannez le GiroCode avec votre application \
                bancaire ou reprenez le bénéficiaire, l'IBAN, le montant et le motif.",
    code_alt: "Code QR avec le compte, le montant et la référence de ce paiement",
    payee: "Bénéficiaire",
    on_last_page: "Payez l'émolument avec le bulletin de versement en dernière page.",
};

const IT: SlipTexts = SlipTexts {
    receipt: "Ricevuta",
    payment_part: "Sezione pagamento",
    account: "Conto / Pagabile a",
    reference: "Riferimento",
    additional: "Informazioni supplementari",
    payable_by: "Pagabile da (nome/indirizzo)",
    currency: "Valuta",
    amount: "Importo",
    acceptance: "Punto di accettazione",
    separate: "Da staccare prima del versamento",
    heading: "Polizza di versamento",
    intro: "Paghi l'emolumento con la sua app bancaria: scansioni il codice QR o riprenda conto, \
            riferimento e importo. L'autorità attribuisce il pagamento alla sua domanda grazie al \
            riferimento.",
    epc_intro: "Paghi l'emolumento con un bonifico: scansioni il GiroCode con la sua app bancaria \
                o riprenda beneficiario, IBAN, importo e causale.",
    code_alt: "Codice QR con conto, importo e riferimento di questo pagamento",
    payee: "Beneficiario",
    on_last_page: "Paghi l'emolumento con la polizza di versamento all'ultima pagina.",
};

const EN: SlipTexts = SlipTexts {
    receipt: "Receipt",
    payment_part: "Payment part",
    account: "Account / Payable to",
    reference: "Reference",
    additional: "Additional information",
    payable_by: "Payable by (name/address)",
    currency: "Currency",
    amount: "Amount",
    acceptance: "Acceptance point",
    separate: "Separate before paying in",
    heading: "Payment slip",
    intro: "Pay the fee with your banking app: scan the QR code or copy the account, reference \
            and amount. The authority matches the payment to your application by the reference.",
    epc_intro: "Pay the fee by bank transfer: scan the GiroCode with your banking app or copy \
                the payee, IBAN, amount and reference.",
    code_alt: "QR code with the account, amount and reference of this payment",
    payee: "Payee",
    on_last_page: "Pay the fee with the payment slip on the last page.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_path_joins_runs_of_dark_modules() {
        let slip = PaymentSlip {
            kind: SlipKind::Epc,
            account: String::new(),
            bic: String::new(),
            creditor: vec![],
            reference: String::new(),
            message: String::new(),
            amount: 1,
            currency: "EUR".into(),
            payload: String::new(),
            modules: vec!["1101".into(), "0000".into(), "0111".into()],
        };
        assert_eq!(slip.module_path(), "M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z");
    }
}
