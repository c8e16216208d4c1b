//! The texts of the citizen's proof of submission (PDF receipt, confirmation e-mail, and the
//! receipt page where the app wants the same wording), in every portal language.
//!
//! Same pattern as [`crate::texts`]: one struct, one constant per language, so a missing
//! translation is a compile error. Kept apart from the interface texts because the server's
//! documents are their main reader.

use crate::Lang;
use crate::api::Authority;

/// The receipt's texts in one language.
#[derive(Debug)]
pub struct ReceiptTexts {
    /// Document title ("Eingangsbestätigung").
    pub title: &'static str,
    /// First paragraph: the application arrived; keep this document.
    pub intro: &'static str,
    /// "Referenznummer".
    pub reference: &'static str,
    /// What to do with the reference number.
    pub reference_hint: &'static str,
    /// "Eingegangen am".
    pub received_at: &'static str,
    /// "Antrag" (the form's title).
    pub application: &'static str,
    /// "Version {}" of the form.
    pub form_version: fn(&str) -> String,
    /// "Gemeinde".
    pub municipality: &'static str,
    /// "Zuständige Stelle".
    pub authority: &'static str,
    /// "Telefon".
    pub phone: &'static str,
    /// "E-Mail".
    pub email: &'static str,
    /// "Status".
    pub status: &'static str,
    /// Heading of the status changes ("Verlauf").
    pub history: &'static str,
    /// "Gebühren".
    pub fees: &'static str,
    /// The fee total's label ("Gesamtbetrag"), the same on the check page, the receipt page,
    /// the PDF and the e-mail.
    pub total: &'static str,
    /// How the fee is paid.
    pub fee_note: &'static str,
    /// Said instead of [`Self::fee_note`] when the total is zero.
    pub no_fee: &'static str,
    /// "Ihre Angaben".
    pub answers: &'static str,
    /// An empty answer.
    pub not_answered: &'static str,
    /// "Beilagen".
    pub attachments: &'static str,
    /// Heading of the data fingerprint.
    pub fingerprint: &'static str,
    /// The receipt page's disclosure around the fingerprint ("Prüfsumme für die Behörde").
    pub fingerprint_summary: &'static str,
    /// What the fingerprint is for.
    pub fingerprint_note: &'static str,
    /// Page footer: "Seite {} von {}".
    pub page_of: fn(usize, usize) -> String,
    /// E-mail subject: reference, form title.
    pub mail_subject: fn(&str, &str) -> String,
    /// E-mail greeting.
    pub mail_greeting: &'static str,
    /// E-mail: "Your application {form} was received on {when}. Responsible authority: {authority}."
    /// (The authority follows a colon: its name then needs no article or case in any language.)
    pub mail_arrived: fn(&str, &str, &str) -> String,
    /// E-mail: the attached PDF.
    pub mail_attachment: &'static str,
    /// E-mail: questions go to the authority.
    pub mail_questions: &'static str,
    /// E-mail: sent automatically, do not reply.
    pub mail_no_reply: &'static str,
    /// Subject of the e-mail with a new access to the receipt: reference.
    pub access_subject: fn(&str) -> String,
    /// That e-mail: the authority gave a new access (reference); the earlier one no longer works.
    pub access_renewed: fn(&str) -> String,
    /// That e-mail: the link opens the receipt on this device; keep it to yourself.
    pub access_link: &'static str,
    /// File name of the PDF, without extension ("Eingangsbestaetigung").
    pub file_name: &'static str,
}

impl ReceiptTexts {
    /// The responsible authority as the receipt page, the PDF and the e-mail write it: name,
    /// office (where it says more than the name), address, phone and e-mail, a line each.
    pub fn authority_lines(&self, a: &Authority) -> Vec<String> {
        let mut lines = vec![a.name.clone()];
        if !a.contact.office.is_empty() && a.contact.office != a.name {
            lines.push(a.contact.office.clone());
        }
        if let Some(address) = &a.contact.address {
            lines.push(address.street.clone());
            lines.push(format!("{} {}", address.postcode, address.place));
        }
        if let Some(phone) = &a.contact.phone {
            lines.push(format!("{}: {phone}", self.phone));
        }
        if let Some(email) = &a.contact.email {
            lines.push(format!("{}: {email}", self.email));
        }
        lines
    }

    /// What the citizen is told about paying a fee of `total` (minor units): an invoice
    /// follows, or nothing is due.
    pub const fn fee_note_for(&self, total: i64) -> &'static str {
        if total > 0 {
            self.fee_note
        } else {
            self.no_fee
        }
    }

    /// What the citizen is told about paying `fees`: how the form says it is collected for
    /// these answers (a direct debit), else [`ReceiptTexts::fee_note_for`].
    pub fn fee_note_of<'a>(&self, fees: &'a crate::form::Fees, lang: Lang) -> &'a str {
        match &fees.collection {
            Some(c) if fees.total > 0 => c.note.get(lang),
            _ => self.fee_note_for(fees.total),
        }
    }

    /// The texts for `lang`.
    pub const fn for_lang(lang: Lang) -> &'static ReceiptTexts {
        match lang {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }
}

const DE: ReceiptTexts = ReceiptTexts {
    title: "Eingangsbestätigung",
    intro: "Ihr Antrag ist bei der zuständigen Stelle eingegangen. Bitte bewahren Sie diese \
            Bestätigung auf.",
    reference: "Referenznummer",
    reference_hint: "Bitte geben Sie diese Nummer bei Rückfragen an.",
    received_at: "Eingegangen am",
    application: "Antrag",
    form_version: |v| format!("Formularversion {v}"),
    municipality: "Gemeinde",
    authority: "Zuständige Stelle",
    phone: "Telefon",
    email: "E-Mail",
    status: "Status",
    history: "Verlauf",
    fees: "Gebühren",
    total: "Gesamtbetrag",
    fee_note: "Die zuständige Stelle stellt Ihnen die Gebühr in Rechnung.",
    no_fee: "Für diesen Antrag ist keine Gebühr zu bezahlen.",
    answers: "Ihre Angaben",
    not_answered: "nicht angegeben",
    attachments: "Beilagen",
    fingerprint: "Prüfsumme der übermittelten Daten (SHA-256)",
    fingerprint_summary: "Prüfsumme für die Behörde",
    fingerprint_note: "Mit dieser Prüfsumme lässt sich belegen, dass die Daten bei der Behörde \
                       unverändert vorliegen.",
    page_of: |n, m| format!("Seite {n} von {m}"),
    mail_subject: |r, form| format!("Eingangsbestätigung {r}: {form}"),
    mail_greeting: "Guten Tag",
    mail_arrived: |form, when, authority| {
        format!("Ihr Antrag «{form}» ist am {when} eingegangen. Zuständige Stelle: {authority}.")
    },
    mail_attachment: "Die Eingangsbestätigung mit Ihren Angaben finden Sie im Anhang (PDF).",
    mail_questions: "Bei Fragen wenden Sie sich bitte an",
    mail_no_reply: "Diese E-Mail wurde automatisch versandt. Bitte antworten Sie nicht darauf.",
    access_subject: |r| format!("Neuer Zugang zu Ihrer Eingangsbestätigung {r}"),
    access_renewed: |r| {
        format!(
            "Die zuständige Stelle hat Ihnen einen neuen Zugang zu Ihrer Eingangsbestätigung {r} gegeben. Der bisherige Zugang gilt nicht mehr."
        )
    },
    access_link: "Mit diesem Link öffnen Sie die Eingangsbestätigung und den Stand Ihres Antrags. Geben Sie ihn nicht weiter:",
    file_name: "Eingangsbestaetigung",
};

const FR: ReceiptTexts = ReceiptTexts {
    title: "Accusé de réception",
    intro: "Votre demande est bien parvenue à l’autorité compétente. Veuillez conserver cet \
            accusé de réception.",
    reference: "Numéro de référence",
    reference_hint: "Veuillez indiquer ce numéro pour toute question.",
    received_at: "Reçu le",
    application: "Demande",
    form_version: |v| format!("Version du formulaire {v}"),
    municipality: "Commune",
    authority: "Autorité compétente",
    phone: "Téléphone",
    email: "E-mail",
    status: "Statut",
    history: "Historique",
    fees: "Émoluments",
    total: "Montant total",
    fee_note: "L’autorité compétente vous facturera l’émolument.",
    no_fee: "Aucun émolument n’est dû pour cette demande.",
    answers: "Vos indications",
    not_answered: "non indiqué",
    attachments: "Pièces jointes",
    fingerprint: "Empreinte des données transmises (SHA-256)",
    fingerprint_summary: "Empreinte de contrôle pour l’autorité",
    fingerprint_note: "Cette empreinte permet de prouver que les données détenues par \
                       l’autorité n’ont pas été modifiées.",
    page_of: |n, m| format!("Page {n} sur {m}"),
    mail_subject: |r, form| format!("Accusé de réception {r} : {form}"),
    mail_greeting: "Bonjour,",
    mail_arrived: |form, when, authority| {
        format!(
            "Votre demande « {form} » a été reçue le {when}. Autorité compétente : {authority}."
        )
    },
    mail_attachment: "Vous trouverez en annexe l’accusé de réception avec vos indications \
                      (PDF).",
    mail_questions: "Pour toute question, veuillez vous adresser à",
    mail_no_reply: "Cet e-mail a été envoyé automatiquement. Merci de ne pas y répondre.",
    access_subject: |r| format!("Nouvel accès à votre accusé de réception {r}"),
    access_renewed: |r| {
        format!(
            "Le service compétent vous a donné un nouvel accès à votre accusé de réception {r}. L’accès précédent n’est plus valable."
        )
    },
    access_link: "Ce lien ouvre l’accusé de réception et l’état de votre demande. Ne le transmettez pas :",
    file_name: "Accuse-de-reception",
};

const IT: ReceiptTexts = ReceiptTexts {
    title: "Conferma di ricezione",
    intro: "La sua domanda è pervenuta all’autorità competente. Conservi questa conferma.",
    reference: "Numero di riferimento",
    reference_hint: "Indichi questo numero per eventuali domande.",
    received_at: "Ricevuta il",
    application: "Domanda",
    form_version: |v| format!("Versione del modulo {v}"),
    municipality: "Comune",
    authority: "Autorità competente",
    phone: "Telefono",
    email: "E-mail",
    status: "Stato",
    history: "Cronologia",
    fees: "Emolumenti",
    total: "Importo totale",
    fee_note: "L’autorità competente le fatturerà l’emolumento.",
    no_fee: "Per questa domanda non è dovuto alcun emolumento.",
    answers: "I suoi dati",
    not_answered: "non indicato",
    attachments: "Allegati",
    fingerprint: "Impronta dei dati trasmessi (SHA-256)",
    fingerprint_summary: "Impronta di controllo per l’autorità",
    fingerprint_note: "Questa impronta permette di dimostrare che i dati presso l’autorità \
                       non sono stati modificati.",
    page_of: |n, m| format!("Pagina {n} di {m}"),
    mail_subject: |r, form| format!("Conferma di ricezione {r}: {form}"),
    mail_greeting: "Buongiorno,",
    mail_arrived: |form, when, authority| {
        format!("La sua domanda «{form}» è pervenuta il {when}. Autorità competente: {authority}.")
    },
    mail_attachment: "In allegato trova la conferma di ricezione con i suoi dati (PDF).",
    mail_questions: "Per domande si rivolga a",
    mail_no_reply: "Questa e-mail è stata inviata automaticamente. La preghiamo di non \
                    rispondere.",
    access_subject: |r| format!("Nuovo accesso alla sua conferma di ricezione {r}"),
    access_renewed: |r| {
        format!(
            "Il servizio competente le ha dato un nuovo accesso alla sua conferma di ricezione {r}. L’accesso precedente non è più valido."
        )
    },
    access_link: "Questo link apre la conferma di ricezione e lo stato della sua domanda. Non lo trasmetta:",
    file_name: "Conferma-di-ricezione",
};

const EN: ReceiptTexts = ReceiptTexts {
    title: "Acknowledgement of receipt",
    intro: "Your application has reached the responsible authority. Please keep this \
            acknowledgement.",
    reference: "Reference number",
    reference_hint: "Please quote this number if you have any questions.",
    received_at: "Received on",
    application: "Application",
    form_version: |v| format!("Form version {v}"),
    municipality: "Municipality",
    authority: "Responsible authority",
    phone: "Phone",
    email: "Email",
    status: "Status",
    history: "History",
    fees: "Fees",
    total: "Total amount",
    fee_note: "The responsible authority will send you an invoice for the fee.",
    no_fee: "There is no fee to pay for this application.",
    answers: "Your answers",
    not_answered: "not given",
    attachments: "Attachments",
    fingerprint: "Fingerprint of the submitted data (SHA-256)",
    fingerprint_summary: "Checksum for the authority",
    fingerprint_note: "This fingerprint shows that the data held by the authority has not \
                       been changed.",
    page_of: |n, m| format!("Page {n} of {m}"),
    mail_subject: |r, form| format!("Acknowledgement of receipt {r}: {form}"),
    mail_greeting: "Hello,",
    mail_arrived: |form, when, authority| {
        format!(
            "Your application “{form}” was received on {when}. Responsible authority: {authority}."
        )
    },
    mail_attachment: "The acknowledgement with your answers is attached (PDF).",
    mail_questions: "If you have any questions, please contact",
    mail_no_reply: "This email was sent automatically. Please do not reply to it.",
    access_subject: |r| format!("New access to your receipt {r}"),
    access_renewed: |r| {
        format!(
            "The responsible office has given you new access to your receipt {r}. The earlier access no longer works."
        )
    },
    access_link: "This link opens the receipt and the status of your application. Do not pass it on:",
    file_name: "Acknowledgement-of-receipt",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_receipt_texts() {
        let titles: Vec<&str> = Lang::ALL
            .iter()
            .map(|l| ReceiptTexts::for_lang(*l).title)
            .collect();
        for (i, t) in titles.iter().enumerate() {
            assert!(!t.is_empty());
            assert!(!titles[i + 1..].contains(t), "{t} is used twice");
        }
        for lang in Lang::ALL {
            let t = ReceiptTexts::for_lang(lang);
            let s = (t.mail_subject)("K7Q-M4T-XP9", "Hundesteuer");
            assert!(
                s.contains("K7Q-M4T-XP9") && s.contains("Hundesteuer"),
                "{s}"
            );
            assert!((t.page_of)(2, 3).contains('2') && (t.page_of)(2, 3).contains('3'));
            assert!(t.file_name.is_ascii() && !t.file_name.contains(' '));
        }
    }

    #[test]
    fn an_invoice_is_announced_only_when_something_is_due() {
        for lang in Lang::ALL {
            let t = ReceiptTexts::for_lang(lang);
            assert_ne!(t.fee_note, t.no_fee);
            assert_eq!(t.fee_note_for(5000), t.fee_note);
            assert_eq!(t.fee_note_for(1), t.fee_note);
            assert_eq!(t.fee_note_for(0), t.no_fee);
        }
    }
}
