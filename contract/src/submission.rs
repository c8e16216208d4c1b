//! Submissions: what the browser sends when the citizen presses "submit", what it gets back
//! (the receipt), uploads, the status lifecycle and the reference number format.
//!
//! The server re-validates everything it receives with the same form engine the browser used,
//! computes the fee itself and decides who is responsible; nothing in a request is trusted
//! beyond "these are the citizen's answers".

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::api::{Authority, MunicipalityRef};
use crate::display::LocalTime;
use crate::form::summary::SummaryStep;
use crate::form::{Answers, Fees};

/// Body of `POST /api/v1/submissions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionRequest {
    /// Chosen by the browser once per draft (a random UUID) and sent with every attempt: a
    /// retry, a double click or a lost response returns the first submission, never a second.
    /// Uploads for the draft carry the same key.
    pub idempotency_key: String,
    /// The form id.
    pub form: String,
    /// The exact version the draft was written against (`"<template>.<overlay>"`).
    pub version: String,
    /// The municipality the application is for (`ch:4001`, `de:16077043`).
    pub municipality: String,
    /// The citizen's language: receipt, PDF and e-mail use it.
    pub lang: Lang,
    /// The answers as typed (hidden answers are dropped by the server).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: Answers,
    /// Applying for an organisation the signed-in citizen is a member of (its id); its members
    /// see the application. None: for oneself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// How the citizen will pay the fee, where there is one (the payment step's choice).
    /// None: online where the fee is due before the application counts, else by invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<crate::payment::PaymentMethod>,
}

/// Answer of `POST /api/v1/submissions` (201 when new, 200 when the key was seen before).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionCreated {
    /// The receipt.
    pub receipt: Receipt,
    /// Bearer token that opens this submission (receipt, PDF, attachments) for the citizen.
    /// The same on every retry with the same idempotency key.
    pub access_token: String,
    /// True when this answer repeats an earlier submission with the same key.
    pub replayed: bool,
    /// Until when the access token opens the receipt (RFC 3339); the authority sets how long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_valid_until: Option<String>,
}

/// The submitted data document: what the authority receives, what the receipt's hash covers
/// (`sha256` of exactly the stored bytes), and the `data` of every export. Answers are the
/// cleaned answers (hidden fields dropped), files replaced by their stored records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmissionData {
    /// Reference number.
    pub reference: String,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
    /// The citizen's language.
    pub lang: Lang,
    /// Form id.
    pub form: String,
    /// Form version (`"2.1"`).
    pub version: String,
    /// Form title in the citizen's language.
    pub form_title: String,
    /// The catalogue services the form serves (LeiKa keys, Swiss ids).
    pub services: Vec<String>,
    /// The municipality the application is for.
    pub municipality: MunicipalityRef,
    /// The authority it was routed to.
    pub authority: Authority,
    /// The answers.
    pub answers: Answers,
    /// The fees as computed by the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<Fees>,
    /// The files.
    #[serde(default)]
    pub attachments: Vec<AttachmentInfo>,
}

/// What the citizen gets as proof: on the confirmation page, as PDF and by e-mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    /// The reference number (`K7Q-M4T-XP9`), see [`reference`].
    pub reference: String,
    /// When the submission was committed (RFC 3339, UTC).
    pub received_at: String,
    /// `received_at` in the authority's local time with its zone, as the server's time zone
    /// database has it; the receipt page, the PDF and the e-mail write it with
    /// [`LocalTime::written`]. Absent only in receipts kept from before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_local: Option<LocalTime>,
    /// The language the citizen used.
    pub lang: Lang,
    /// Form id.
    pub form: String,
    /// Form title in `lang`.
    pub form_title: String,
    /// Form version submitted against (`"2.1"`).
    pub version: String,
    /// The municipality the application is for.
    pub municipality: MunicipalityRef,
    /// The authority it was routed to.
    pub authority: Authority,
    /// Fees computed by the server, if the form has a fee table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<Fees>,
    /// The answers as the check page showed them, in `lang`.
    pub summary: Vec<SummaryStep>,
    /// The files submitted with the application.
    #[serde(default)]
    pub attachments: Vec<AttachmentInfo>,
    /// `sha256:<hex>` of the submitted data document (the JSON export's `data` bytes).
    pub data_hash: String,
    /// Where the confirmation e-mail goes, if the form asked for an e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Current status.
    pub status: Status,
    /// Status changes, oldest first (the first is always `received`).
    pub history: Vec<StatusChange>,
    /// The fee and where it stands, if there is one (read when the receipt is asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<crate::payment::PaymentInfo>,
}

impl Receipt {
    /// When it arrived, in the authority's local time with its zone, as `lang` writes it
    /// (the same on the receipt page, the PDF and the e-mail); `None` without
    /// [`Receipt::received_local`].
    pub fn received_written(&self, lang: Lang) -> Option<String> {
        self.received_local.as_ref().map(|t| t.written(lang))
    }

    /// The fee table as the check page, this receipt's page, the PDF and the e-mail write it.
    pub fn fee_table(&self, lang: Lang) -> Option<crate::display::FeeTable> {
        let fees = self.fees.as_ref()?;
        Some(crate::display::fee_table(fees, &self.summary, lang))
    }
}

/// One submitted file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentInfo {
    /// Upload id.
    pub id: String,
    /// The form field it answers (`dogs.0.certificate`).
    pub field: String,
    /// File name as the citizen chose it.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type detected from the content.
    #[serde(rename = "type")]
    pub media_type: String,
    /// `sha256:<hex>` of the content.
    pub sha256: String,
}

/// Answer of `POST /api/v1/uploads`: what the answers record for a file field
/// (`{ "id", "name", "size", "type" }`) plus the content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadResponse {
    /// Upload id, to put in the answers.
    pub id: String,
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type detected from the content (not the name).
    #[serde(rename = "type")]
    pub media_type: String,
    /// `sha256:<hex>` of the content.
    pub sha256: String,
}

/// Where a submission stands. The clerk's workflow moves it along [`Status::can_move_to`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Arrived and acknowledged; nobody has opened it yet.
    Received,
    /// A clerk is working on it.
    InProgress,
    /// The authority asked the citizen something and waits for the answer.
    WaitingForCitizen,
    /// Done (granted, registered, issued).
    Completed,
    /// Refused or withdrawn.
    Rejected,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 5] = [
        Status::Received,
        Status::InProgress,
        Status::WaitingForCitizen,
        Status::Completed,
        Status::Rejected,
    ];

    /// The stable code (`waiting_for_citizen`).
    pub fn code(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::InProgress => "in_progress",
            Status::WaitingForCitizen => "waiting_for_citizen",
            Status::Completed => "completed",
            Status::Rejected => "rejected",
        }
    }

    /// Parses [`Status::code`].
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Completed and rejected are final.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Completed | Status::Rejected)
    }

    /// The allowed transitions: received → in progress → waiting for citizen ⇄ in progress,
    /// in progress → completed / rejected; a received application may be rejected at once
    /// (not responsible, duplicate). Final states stay final.
    pub fn can_move_to(self, to: Status) -> bool {
        use Status::*;
        matches!(
            (self, to),
            (Received, InProgress)
                | (Received, Rejected)
                | (InProgress, WaitingForCitizen)
                | (InProgress, Completed)
                | (InProgress, Rejected)
                | (WaitingForCitizen, InProgress)
                | (WaitingForCitizen, Rejected)
        )
    }

    /// The status as a citizen reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        use Status::*;
        match (lang, self) {
            (Lang::De, Received) => "Eingegangen",
            (Lang::De, InProgress) => "In Bearbeitung",
            (Lang::De, WaitingForCitizen) => "Rückfrage an Sie",
            (Lang::De, Completed) => "Abgeschlossen",
            (Lang::De, Rejected) => "Abgelehnt",
            (Lang::Fr, Received) => "Reçue",
            (Lang::Fr, InProgress) => "En traitement",
            (Lang::Fr, WaitingForCitizen) => "Question en attente de votre réponse",
            (Lang::Fr, Completed) => "Terminée",
            (Lang::Fr, Rejected) => "Refusée",
            (Lang::It, Received) => "Ricevuta",
            (Lang::It, InProgress) => "In elaborazione",
            (Lang::It, WaitingForCitizen) => "In attesa di una sua risposta",
            (Lang::It, Completed) => "Conclusa",
            (Lang::It, Rejected) => "Respinta",
            (Lang::En, Received) => "Received",
            (Lang::En, InProgress) => "In progress",
            (Lang::En, WaitingForCitizen) => "Waiting for your answer",
            (Lang::En, Completed) => "Completed",
            (Lang::En, Rejected) => "Rejected",
        }
    }
}

/// One entry of a submission's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    /// The new status.
    pub status: Status,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who: `citizen`, `system` or a clerk's id.
    pub actor: String,
    /// A note for the citizen, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `at` in the authority's local time with its zone, as the receipt's
    /// [`Receipt::received_local`]; filled in when a receipt is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalTime>,
}

impl StatusChange {
    /// When, as `lang` writes the authority's local time ("2. Dezember 2026, 14:29 Uhr
    /// (MEZ)"); `None` without [`StatusChange::local`].
    pub fn written(&self, lang: Lang) -> Option<String> {
        self.local.as_ref().map(|t| t.written(lang))
    }
}

/// Reference numbers a person can read out on the phone: nine characters in three groups
/// (`K7Q-M4T-XP9`), eight random and one check character, from an alphabet without
/// look-alikes (no 0/O, 1/I/L).
///
/// The alphabet has 31 symbols, a prime, so the weighted check character (weights 1…8)
/// catches every single wrong character and every swap of two characters.
pub mod reference {
    /// The 31 symbols.
    pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    /// Random characters per reference.
    pub const RANDOM_LEN: usize = 8;

    fn value(c: u8) -> Option<usize> {
        ALPHABET.iter().position(|&a| a == c)
    }

    fn check_char(values: &[usize]) -> u8 {
        let sum: usize = values.iter().enumerate().map(|(i, v)| (i + 1) * v).sum();
        // Weight 9 on the check value makes the whole weighted sum 0 mod 31.
        // 9 * c ≡ -sum (mod 31); 9⁻¹ ≡ 7 (mod 31) since 63 = 2·31 + 1.
        let c = (31 - sum % 31) % 31 * 7 % 31;
        ALPHABET[c]
    }

    /// Builds a reference from eight random numbers (each taken modulo 31).
    pub fn from_random(random: [u8; RANDOM_LEN]) -> String {
        let values: Vec<usize> = random.iter().map(|r| *r as usize % 31).collect();
        let mut chars: Vec<u8> = values.iter().map(|&v| ALPHABET[v]).collect();
        chars.push(check_char(&values));
        format!(
            "{}-{}-{}",
            std::str::from_utf8(&chars[0..3]).unwrap_or_default(),
            std::str::from_utf8(&chars[3..6]).unwrap_or_default(),
            std::str::from_utf8(&chars[6..9]).unwrap_or_default()
        )
    }

    /// Normalises what a person typed or read (`k7q m4t xp9`, `K7QM4TXP9`, `K7Q-M4T-XP9`;
    /// `0`/`O` read as neither, so they are refused) to the canonical form, if the check
    /// character matches.
    pub fn parse(input: &str) -> Option<String> {
        let chars: Vec<u8> = input
            .bytes()
            .filter(|b| !matches!(b, b' ' | b'-' | b'.'))
            .map(|b| b.to_ascii_uppercase())
            .collect();
        if chars.len() != RANDOM_LEN + 1 {
            return None;
        }
        let values: Option<Vec<usize>> = chars[..RANDOM_LEN].iter().map(|&c| value(c)).collect();
        let values = values?;
        (check_char(&values) == chars[RANDOM_LEN]).then(|| {
            let mut random = [0u8; RANDOM_LEN];
            for (r, v) in random.iter_mut().zip(&values) {
                *r = *v as u8;
            }
            from_random(random)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::reference::{ALPHABET, from_random, parse};
    use super::*;

    #[test]
    fn references_are_readable_and_checked() {
        let r = from_random([0, 1, 2, 3, 4, 5, 6, 255]);
        assert_eq!(r.len(), 11);
        assert_eq!(&r[..10], "234-567-89", "255 mod 31 = 7 → 9");
        assert!(
            r.bytes()
                .all(|b| b == b'-' || ALPHABET.contains(&b) && !b"01OIL".contains(&b))
        );
        assert_eq!(parse(&r).as_deref(), Some(r.as_str()));
        assert_eq!(
            parse(&r.to_lowercase().replace('-', " ")).as_deref(),
            Some(r.as_str())
        );
    }

    #[test]
    fn every_single_error_and_every_swap_is_caught() {
        let r: Vec<u8> = from_random([7, 30, 12, 0, 19, 3, 25, 11])
            .bytes()
            .filter(|&b| b != b'-')
            .collect();
        for i in 0..r.len() {
            for &c in ALPHABET {
                if c != r[i] {
                    let mut wrong = r.clone();
                    wrong[i] = c;
                    assert_eq!(parse(std::str::from_utf8(&wrong).unwrap()), None);
                }
            }
            for j in i + 1..r.len() {
                if r[i] != r[j] {
                    let mut swapped = r.clone();
                    swapped.swap(i, j);
                    assert_eq!(parse(std::str::from_utf8(&swapped).unwrap()), None);
                }
            }
        }
        assert_eq!(parse("K7Q-M4T-XP"), None);
        assert_eq!(parse("O7Q-M4T-XP9"), None);
    }

    #[test]
    fn lifecycle_moves_forward_and_ends() {
        use Status::*;
        assert!(Received.can_move_to(InProgress));
        assert!(InProgress.can_move_to(WaitingForCitizen));
        assert!(WaitingForCitizen.can_move_to(InProgress));
        assert!(InProgress.can_move_to(Completed));
        assert!(!Received.can_move_to(Completed));
        assert!(!WaitingForCitizen.can_move_to(Completed));
        for s in Status::ALL {
            assert!(!s.can_move_to(s));
            assert!(!Completed.can_move_to(s) && !Rejected.can_move_to(s));
            assert_eq!(Status::from_code(s.code()), Some(s));
            for lang in Lang::ALL {
                assert!(!s.label(lang).is_empty());
            }
        }
    }
}
