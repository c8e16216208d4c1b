//! The texts of clerk mode (staff sign-in, the inbox, a case) in every portal language: one
//! struct, one constant per language, so that a text missing in one language does not compile.

use crate::Lang;
use crate::submission::Status;

/// Every text of the clerk-mode pages in one language.
#[derive(Debug)]
pub struct StaffTexts {
    /// Staff sign-in heading.
    pub sign_in_heading: &'static str,
    /// What staff need to sign in.
    pub sign_in_intro: &'static str,
    /// Label: e-mail address.
    pub email_label: &'static str,
    /// Label: password.
    pub password_label: &'static str,
    /// Label: the authenticator app's code.
    pub code_label: &'static str,
    /// Hint under the code.
    pub code_hint: &'static str,
    /// Button: sign in.
    pub sign_in_button: &'static str,
    /// Heading over the organisation's sign-in buttons.
    pub oidc_heading: &'static str,
    /// A button: sign in with the organisation's provider.
    pub oidc_button: fn(&str) -> String,
    /// Heading over the password sign-in when the organisation's is offered too.
    pub password_heading: &'static str,
    /// Why a sign-in through the organisation's provider was refused, by code (`not_staff`,
    /// `level_too_low`, `cancelled`, anything else).
    pub oidc_refused: fn(&str) -> &'static str,
    /// Button: sign out.
    pub sign_out: &'static str,
    /// Shown on a staff page to someone not signed in as staff.
    pub not_staff: &'static str,
    /// Inbox heading.
    pub inbox_heading: &'static str,
    /// Legend of the filter form.
    pub filters_legend: &'static str,
    /// Status filter: every status.
    pub all_statuses: &'static str,
    /// Label: status.
    pub status_label: &'static str,
    /// Label: service (form).
    pub form_label: &'static str,
    /// Form filter: every form.
    pub all_forms: &'static str,
    /// Label: received on or after.
    pub from_label: &'static str,
    /// Label: received on or before.
    pub to_label: &'static str,
    /// Label: assignee.
    pub assignee_label: &'static str,
    /// Assignee filter: anyone.
    pub anyone: &'static str,
    /// Assignee filter: me.
    pub assigned_to_me: &'static str,
    /// Assignee filter and value: nobody.
    pub assigned_to_nobody: &'static str,
    /// Label: search.
    pub search_label: &'static str,
    /// Hint under the search.
    pub search_hint: &'static str,
    /// Label: order.
    pub sort_label: &'static str,
    /// Order: oldest first.
    pub sort_oldest: &'static str,
    /// Order: newest first.
    pub sort_newest: &'static str,
    /// Order: last changed first.
    pub sort_changed: &'static str,
    /// Button: apply the filters.
    pub apply_filters: &'static str,
    /// Link: reset the filters.
    pub reset_filters: &'static str,
    /// No case matches.
    pub no_cases: &'static str,
    /// Column: reference.
    pub col_reference: &'static str,
    /// Column: service.
    pub col_service: &'static str,
    /// Column: applicant.
    pub col_applicant: &'static str,
    /// Column: received.
    pub col_received: &'static str,
    /// Column: status.
    pub col_status: &'static str,
    /// Column: assignee.
    pub col_assignee: &'static str,
    /// Label of the page navigation.
    pub pagination: &'static str,
    /// Link: previous page.
    pub previous: &'static str,
    /// Link: next page.
    pub next: &'static str,
    /// Link back to the inbox.
    pub back_to_inbox: &'static str,
    /// Label: applicant.
    pub applicant_label: &'static str,
    /// Label: received.
    pub received_label: &'static str,
    /// Label: authority.
    pub authority_label: &'static str,
    /// Button: take the case.
    pub take: &'static str,
    /// Button: assign to the chosen colleague.
    pub assign_button: &'static str,
    /// Heading: the answers.
    pub answers_heading: &'static str,
    /// Heading: the attachments.
    pub attachments_heading: &'static str,
    /// No attachments.
    pub no_attachments: &'static str,
    /// Link: the receipt as PDF.
    pub receipt_pdf: &'static str,
    /// Heading: the status history.
    pub history_heading: &'static str,
    /// Heading: the status change form.
    pub status_heading: &'static str,
    /// The case is closed: no further status.
    pub final_status: &'static str,
    /// Label: the new status.
    pub next_status_label: &'static str,
    /// Label: the reason the citizen reads.
    pub reason_label: &'static str,
    /// Hint under the reason.
    pub reason_hint: &'static str,
    /// Label: documents for the citizen.
    pub decision_label: &'static str,
    /// Button: change the status.
    pub change_status_button: &'static str,
    /// Heading: messages with the citizen.
    pub messages_heading: &'static str,
    /// No messages yet.
    pub no_messages: &'static str,
    /// A message of the citizen.
    pub from_citizen: &'static str,
    /// A message of the authority.
    pub from_authority: &'static str,
    /// Heading: internal notes.
    pub notes_heading: &'static str,
    /// Who sees the notes.
    pub notes_hint: &'static str,
    /// Label: new note.
    pub note_label: &'static str,
    /// Button: save the note.
    pub add_note: &'static str,
    /// No notes yet.
    pub no_notes: &'static str,
    /// Heading: the audit trail.
    pub audit_heading: &'static str,
    /// Column: when.
    pub col_time: &'static str,
    /// Column: who.
    pub col_who: &'static str,
    /// Column: what.
    pub col_action: &'static str,
    /// Column: details.
    pub col_detail: &'static str,
    /// The citizen has neither account nor e-mail address.
    pub not_reachable: &'static str,
    /// After a change was saved.
    pub saved: &'static str,
    /// Button: reload the case.
    pub reload: &'static str,
    /// Heading: entering an application at the counter.
    pub counter_heading: &'static str,
    /// How to enter an application for a citizen at the counter.
    pub counter_intro: &'static str,
    /// Link: to the service search.
    pub counter_link: &'static str,
    /// Link and heading: the authority's settings.
    pub nav_settings: &'static str,
    /// Who the settings page is for.
    pub settings_intro: &'static str,
    /// Label: how long receipt tokens stay valid.
    pub token_days_label: &'static str,
    /// Label: how long closed cases are kept in full.
    pub retention_label: &'static str,
    /// Hint under the retention.
    pub retention_hint: &'static str,
    /// Legend: what happens after the retention.
    pub after_legend: &'static str,
    /// Choice: reduce to the record.
    pub after_reduce: &'static str,
    /// Choice: delete.
    pub after_delete: &'static str,
    /// Button: save the settings.
    pub save_settings: &'static str,
    /// Shown to staff who administer no authority.
    pub not_admin: &'static str,
    /// The inbox of a portal administrator who works at no authority.
    pub portal_only: &'static str,
    /// The inbox of a staff member who has no role anywhere (any more).
    pub no_authority: &'static str,
    /// Heading of the page an invitation opens.
    pub setup_heading: &'static str,
    /// What the page sets up (the member's name).
    pub setup_intro: fn(&str) -> String,
    /// Until when the link works (a date and time).
    pub setup_until: fn(&str) -> String,
    /// An invitation's link that does not work.
    pub setup_invalid: &'static str,
    /// Label: the sign-in name.
    pub setup_account: &'static str,
    /// Heading: step 1, the password.
    pub setup_password_heading: &'static str,
    /// Label: the new password.
    pub setup_password_label: &'static str,
    /// Hint: the new password.
    pub setup_password_hint: &'static str,
    /// Heading: step 2, the app.
    pub setup_app_heading: &'static str,
    /// What to do with the QR code.
    pub setup_app_intro: &'static str,
    /// The QR code's label (screen readers).
    pub setup_qr_label: &'static str,
    /// Label: the key to type in instead.
    pub setup_key_label: &'static str,
    /// Heading: step 3, the code.
    pub setup_code_heading: &'static str,
    /// Button: finish and sign in.
    pub setup_button: &'static str,
    /// Hint under the token lifetime (the portal's default in days).
    pub token_days_hint: fn(u32) -> String,
    /// Who is signed in (name).
    pub signed_in_as: fn(&str) -> String,
    /// Heading of a case (reference).
    pub case_heading: fn(&str) -> String,
    /// How many cases match.
    pub results: fn(u64) -> String,
    /// Page x of y.
    pub page_of: fn(u32, u32) -> String,
    /// Entered at the counter by (name).
    pub entered_by: fn(&str) -> String,
    /// The case's assignee (name).
    pub assigned_to: fn(&str) -> String,
    /// A status as clerks call it.
    pub status_name: fn(Status) -> &'static str,
    /// An audit action's name (`read`, `status`, …).
    pub action_label: fn(&str) -> &'static str,
}

impl StaffTexts {
    /// The texts for `lang`.
    pub const fn for_lang(lang: Lang) -> &'static StaffTexts {
        match lang {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }
}

const DE: StaffTexts = StaffTexts {
    nav_settings: "Einstellungen der Behörde",
    settings_intro: "Für Administratorinnen und Administratoren der Behörde: wie lange Zugangsschlüssel gelten und wie lange abgeschlossene Fälle aufbewahrt werden.",
    token_days_label: "Gültigkeit der Zugangsschlüssel von Eingangsbestätigungen (Tage)",
    retention_label: "Abgeschlossene Fälle vollständig aufbewahren (Tage)",
    retention_hint: "Leer lassen: unbegrenzt. 1 bis 36500 Tage ab Abschluss oder Ablehnung.",
    after_legend: "Nach Ablauf der Aufbewahrungsfrist",
    after_reduce: "Auf die gesetzlich nötigen Angaben reduzieren (Referenz, Leistung, Daten, Verlauf, Prüfsumme)",
    after_delete: "Vollständig löschen",
    save_settings: "Einstellungen speichern",
    not_admin: "Diese Einstellungen ändern nur Administratorinnen und Administratoren einer Behörde.",
    portal_only: "Sie sind Portal-Administratorin oder -Administrator und arbeiten bei keiner Stelle: Fälle sehen nur die Mitarbeitenden der zuständigen Stelle. Um Fälle einer Stelle zu bearbeiten, braucht es dort eine Rolle (im Team der Stelle oder mit «schalter staff grant»).",
    no_authority: "Ihnen ist keine Stelle (mehr) zugeordnet, deshalb sehen Sie keine Fälle. Die Administration Ihrer Stelle nimmt Sie im Team auf.",
    setup_heading: "Zugang zur Sachbearbeitung einrichten",
    setup_intro: |n| {
        format!(
            "Guten Tag {n}. Sie richten jetzt Ihre Anmeldung ein: ein Passwort, das nur Sie kennen, und eine Authenticator-App auf Ihrem Telefon, die bei jeder Anmeldung einen Code zeigt."
        )
    },
    setup_until: |d| format!("Dieser Link gilt bis {d} und nur einmal."),
    setup_invalid: "Dieser Link gilt nicht (mehr): Er ist abgelaufen, wurde schon verwendet oder durch eine neuere Einladung ersetzt. Bitten Sie die Administration Ihrer Stelle um eine neue Einladung.",
    setup_account: "Ihr Anmeldename",
    setup_password_heading: "1. Passwort wählen",
    setup_password_label: "Neues Passwort",
    setup_password_hint: "Mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist sicher und leicht zu merken.",
    setup_app_heading: "2. Authenticator-App verbinden",
    setup_app_intro: "Öffnen Sie Ihre Authenticator-App (zum Beispiel die Ihrer Organisation), fügen Sie ein Konto hinzu und scannen Sie diesen QR-Code. Wenn Sie nicht scannen können, geben Sie den Schlüssel von Hand ein (zeitbasiert, 6 Ziffern).",
    setup_qr_label: "QR-Code für die Authenticator-App; den gleichen Schlüssel finden Sie als Text darunter",
    setup_key_label: "Schlüssel",
    setup_code_heading: "3. Code bestätigen",
    setup_button: "Zugang einrichten und anmelden",
    token_days_hint: |d| format!("Leer lassen: Vorgabe des Portals ({d} Tage). 1 bis 3650 Tage."),
    sign_in_heading: "Anmeldung für Mitarbeitende",
    sign_in_intro: "Für Mitarbeitende der Behörden: Melden Sie sich mit Ihrer dienstlichen E-Mail-Adresse, Ihrem Passwort und dem Code aus Ihrer Authenticator-App an.",
    email_label: "Dienstliche E-Mail-Adresse",
    password_label: "Passwort",
    code_label: "Code aus der Authenticator-App",
    code_hint: "Sechs Ziffern. Jeder Code gilt einmal und nur 30 Sekunden.",
    sign_in_button: "Anmelden",
    oidc_heading: "Mit dem Konto Ihrer Organisation",
    oidc_button: |name| format!("Anmelden mit {name}"),
    password_heading: "Mit Passwort und Code",
    oidc_refused: |code| match code {
        "not_staff" => {
            "Die Anmeldung hat nicht geklappt: Zu diesem Konto Ihrer Organisation gibt es keinen Zugang zur Sachbearbeitung. Bitte wenden Sie sich an die Administration Ihrer Behörde."
        }
        "level_too_low" => {
            "Die Anmeldung hat nicht geklappt: Ihre Organisation hat die Anmeldung nicht mit dem zweiten Faktor bestätigt. Bitte melden Sie sich dort mit dem zweiten Faktor an."
        }
        "cancelled" => "Die Anmeldung wurde abgebrochen.",
        "provider_unavailable" => {
            "Der Anmeldedienst Ihrer Organisation ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal."
        }
        _ => {
            "Die Anmeldung hat nicht geklappt oder hat zu lange gedauert. Bitte versuchen Sie es noch einmal."
        }
    },
    sign_out: "Abmelden",
    not_staff: "Diese Seite ist für Mitarbeitende der Behörden. Bitte melden Sie sich an.",
    inbox_heading: "Eingang",
    filters_legend: "Fälle filtern",
    all_statuses: "Alle",
    status_label: "Status",
    form_label: "Leistung",
    all_forms: "Alle Leistungen",
    from_label: "Eingegangen ab",
    to_label: "Eingegangen bis",
    assignee_label: "Zuständig",
    anyone: "Alle",
    assigned_to_me: "Mir zugewiesen",
    assigned_to_nobody: "Niemandem zugewiesen",
    search_label: "Suche",
    search_hint: "Referenznummer, Name oder E-Mail-Adresse, auch Teile davon (mindestens 3 Zeichen).",
    sort_label: "Reihenfolge",
    sort_oldest: "Älteste zuerst",
    sort_newest: "Neueste zuerst",
    sort_changed: "Zuletzt geändert zuerst",
    apply_filters: "Filtern",
    reset_filters: "Filter zurücksetzen",
    no_cases: "Keine Fälle für diese Filter.",
    col_reference: "Referenz",
    col_service: "Leistung",
    col_applicant: "Antragsteller/in",
    col_received: "Eingang",
    col_status: "Status",
    col_assignee: "Zuständig",
    pagination: "Seiten",
    previous: "Vorherige Seite",
    next: "Nächste Seite",
    back_to_inbox: "Zurück zum Eingang",
    applicant_label: "Antragsteller/in",
    received_label: "Eingegangen",
    authority_label: "Behörde",
    take: "Fall übernehmen",
    assign_button: "Zuweisen",
    answers_heading: "Angaben",
    attachments_heading: "Beilagen",
    no_attachments: "Keine Beilagen.",
    receipt_pdf: "Eingangsbestätigung als PDF",
    history_heading: "Verlauf",
    status_heading: "Status ändern",
    final_status: "Der Fall ist abgeschlossen.",
    next_status_label: "Neuer Status",
    reason_label: "Begründung für die antragstellende Person",
    reason_hint: "Sie erhält diesen Text als Nachricht und per E-Mail-Hinweis. Nötig für Rückfragen, Abschluss und Ablehnung.",
    decision_label: "Dokumente für die antragstellende Person (PDF, JPEG oder PNG, optional)",
    change_status_button: "Status ändern",
    messages_heading: "Nachrichten",
    no_messages: "Noch keine Nachrichten.",
    from_citizen: "Antragsteller/in",
    from_authority: "Behörde",
    notes_heading: "Interne Notizen",
    notes_hint: "Nur für Mitarbeitende der Behörde sichtbar, nie für die antragstellende Person.",
    note_label: "Neue Notiz",
    add_note: "Notiz speichern",
    no_notes: "Noch keine Notizen.",
    audit_heading: "Protokoll",
    col_time: "Zeit",
    col_who: "Wer",
    col_action: "Was",
    col_detail: "Details",
    not_reachable: "Die antragstellende Person hat weder Konto noch E-Mail-Adresse angegeben: Nachrichten erreichen sie nur auf ihrer Statusseite.",
    saved: "Gespeichert.",
    reload: "Fall neu laden",
    counter_heading: "Antrag am Schalter erfassen",
    counter_intro: "Für eine Person am Schalter oder am Telefon: Suchen Sie die Leistung und füllen Sie das Formular mit ihr aus. Der Antrag nennt sie als Antragstellerin und Sie als erfassende Person; die Eingangsbestätigung können Sie drucken oder ihr per E-Mail senden.",
    counter_link: "Leistung suchen",
    signed_in_as: |name| format!("Angemeldet als {name}"),
    case_heading: |r| format!("Fall {r}"),
    results: |n| {
        if n == 1 {
            "1 Fall".to_owned()
        } else {
            format!("{n} Fälle")
        }
    },
    page_of: |p, n| format!("Seite {p} von {n}"),
    entered_by: |name| format!("Am Schalter erfasst von {name}"),
    assigned_to: |name| format!("Zuständig: {name}"),
    status_name: |s| match s {
        Status::Received => "Eingegangen",
        Status::InProgress => "In Bearbeitung",
        Status::WaitingForCitizen => "Rückfrage an Antragsteller/in",
        Status::Completed => "Abgeschlossen",
        Status::Rejected => "Abgelehnt",
    },
    action_label: |a| match a {
        "read" => "angesehen",
        "status" => "Status geändert",
        "paid" => "Zahlungseingang vermerkt",
        "creditor" => "Zahlungskonto geändert",
        "refund" => "Gebühr zurückerstattet",
        "assign" => "zugewiesen",
        "note" => "Notiz",
        "message" => "Nachricht gesendet",
        "export" => "exportiert",
        "staff_role" => "Rolle vergeben",
        "staff_removed" => "Rolle entzogen",
        "service_off" => "Leistung ausgeschaltet",
        "service_on" => "Leistung eingeschaltet",
        "contact" => "Kontakt geändert",
        _ => "anderes",
    },
};

const FR: StaffTexts = StaffTexts {
    nav_settings: "Paramètres de l’autorité",
    settings_intro: "Pour les administratrices et administrateurs de l’autorité : durée de validité des clés d’accès et durée de conservation des dossiers clos.",
    token_days_label: "Validité des clés d’accès des accusés de réception (jours)",
    retention_label: "Conserver intégralement les dossiers clos (jours)",
    retention_hint: "Laisser vide : sans limite. 1 à 36500 jours après la clôture ou le refus.",
    after_legend: "À l’échéance du délai de conservation",
    after_reduce: "Réduire aux indications exigées par la loi (référence, prestation, dates, historique, empreinte)",
    after_delete: "Supprimer entièrement",
    save_settings: "Enregistrer les paramètres",
    not_admin: "Seules les administratrices et les administrateurs d’une autorité modifient ces paramètres.",
    portal_only: "Vous administrez le portail et ne travaillez pour aucune autorité : seuls les collaborateurs de l’autorité compétente voient les dossiers. Pour traiter les dossiers d’une autorité, il faut y avoir un rôle (dans son équipe ou avec « schalter staff grant »).",
    no_authority: "Aucune autorité ne vous est (plus) attribuée, c’est pourquoi vous ne voyez aucun dossier. L’administration de votre autorité vous ajoute à l’équipe.",
    setup_heading: "Configurer l’accès au traitement des dossiers",
    setup_intro: |n| {
        format!(
            "Bonjour {n}. Vous configurez maintenant votre connexion : un mot de passe que vous seul·e connaissez et une application d’authentification sur votre téléphone, qui affiche un code à chaque connexion."
        )
    },
    setup_until: |d| format!("Ce lien est valable jusqu’au {d}, une seule fois."),
    setup_invalid: "Ce lien n’est pas (plus) valable : il a expiré, a déjà été utilisé ou a été remplacé par une invitation plus récente. Demandez une nouvelle invitation à l’administration de votre autorité.",
    setup_account: "Votre identifiant",
    setup_password_heading: "1. Choisir un mot de passe",
    setup_password_label: "Nouveau mot de passe",
    setup_password_hint: "Au moins 12 caractères. Une phrase de plusieurs mots est sûre et facile à retenir.",
    setup_app_heading: "2. Relier l’application d’authentification",
    setup_app_intro: "Ouvrez votre application d’authentification, ajoutez un compte et scannez ce code QR. Si vous ne pouvez pas scanner, saisissez la clé à la main (basée sur le temps, 6 chiffres).",
    setup_qr_label: "Code QR pour l’application d’authentification ; la même clé figure en texte ci-dessous",
    setup_key_label: "Clé",
    setup_code_heading: "3. Confirmer le code",
    setup_button: "Configurer l’accès et se connecter",
    token_days_hint: |d| format!("Laisser vide : valeur du portail ({d} jours). 1 à 3650 jours."),
    sign_in_heading: "Connexion pour le personnel",
    sign_in_intro: "Pour le personnel des autorités : connectez-vous avec votre adresse e-mail professionnelle, votre mot de passe et le code de votre application d’authentification.",
    email_label: "Adresse e-mail professionnelle",
    password_label: "Mot de passe",
    code_label: "Code de l’application d’authentification",
    code_hint: "Six chiffres. Chaque code ne vaut qu’une fois et pendant 30 secondes.",
    sign_in_button: "Se connecter",
    oidc_heading: "Avec le compte de votre organisation",
    oidc_button: |name| format!("Se connecter avec {name}"),
    password_heading: "Avec mot de passe et code",
    oidc_refused: |code| match code {
        "not_staff" => {
            "La connexion a échoué : ce compte de votre organisation n’a pas d’accès au traitement des dossiers. Veuillez vous adresser à l’administration de votre autorité."
        }
        "level_too_low" => {
            "La connexion a échoué : votre organisation n’a pas confirmé la connexion avec le deuxième facteur. Veuillez vous y connecter avec le deuxième facteur."
        }
        "cancelled" => "La connexion a été interrompue.",
        "provider_unavailable" => {
            "Le service de connexion de votre organisation est momentanément indisponible. Veuillez réessayer plus tard."
        }
        _ => "La connexion a échoué ou a pris trop de temps. Veuillez réessayer.",
    },
    sign_out: "Se déconnecter",
    not_staff: "Cette page est réservée au personnel des autorités. Veuillez vous connecter.",
    inbox_heading: "Dossiers reçus",
    filters_legend: "Filtrer les dossiers",
    all_statuses: "Tous",
    status_label: "Statut",
    form_label: "Prestation",
    all_forms: "Toutes les prestations",
    from_label: "Reçu à partir du",
    to_label: "Reçu jusqu’au",
    assignee_label: "Responsable",
    anyone: "Tous",
    assigned_to_me: "Attribués à moi",
    assigned_to_nobody: "Attribués à personne",
    search_label: "Recherche",
    search_hint: "Numéro de référence, nom ou adresse e-mail, même partiels (au moins 3 caractères).",
    sort_label: "Ordre",
    sort_oldest: "Les plus anciens d’abord",
    sort_newest: "Les plus récents d’abord",
    sort_changed: "Dernière modification d’abord",
    apply_filters: "Filtrer",
    reset_filters: "Réinitialiser les filtres",
    no_cases: "Aucun dossier pour ces filtres.",
    col_reference: "Référence",
    col_service: "Prestation",
    col_applicant: "Demandeur/se",
    col_received: "Reçu",
    col_status: "Statut",
    col_assignee: "Responsable",
    pagination: "Pages",
    previous: "Page précédente",
    next: "Page suivante",
    back_to_inbox: "Retour aux dossiers reçus",
    applicant_label: "Demandeur/se",
    received_label: "Reçu",
    authority_label: "Autorité",
    take: "Prendre le dossier",
    assign_button: "Attribuer",
    answers_heading: "Indications",
    attachments_heading: "Annexes",
    no_attachments: "Aucune annexe.",
    receipt_pdf: "Accusé de réception en PDF",
    history_heading: "Historique",
    status_heading: "Changer le statut",
    final_status: "Le dossier est clos.",
    next_status_label: "Nouveau statut",
    reason_label: "Motif pour la personne requérante",
    reason_hint: "Elle reçoit ce texte comme message, annoncé par e-mail. Nécessaire pour une demande de compléments, la clôture et le refus.",
    decision_label: "Documents pour la personne requérante (PDF, JPEG ou PNG, facultatif)",
    change_status_button: "Changer le statut",
    messages_heading: "Messages",
    no_messages: "Pas encore de messages.",
    from_citizen: "Demandeur/se",
    from_authority: "Autorité",
    notes_heading: "Notes internes",
    notes_hint: "Visibles uniquement pour le personnel de l’autorité, jamais pour la personne requérante.",
    note_label: "Nouvelle note",
    add_note: "Enregistrer la note",
    no_notes: "Pas encore de notes.",
    audit_heading: "Journal",
    col_time: "Heure",
    col_who: "Qui",
    col_action: "Quoi",
    col_detail: "Détails",
    not_reachable: "La personne requérante n’a ni compte ni adresse e-mail : les messages ne l’atteignent que sur sa page de suivi.",
    saved: "Enregistré.",
    reload: "Recharger le dossier",
    counter_heading: "Saisir une demande au guichet",
    counter_intro: "Pour une personne au guichet ou au téléphone : cherchez la prestation et remplissez le formulaire avec elle. La demande la nomme comme requérante et vous comme personne ayant saisi ; vous pouvez imprimer l’accusé de réception ou le lui envoyer par e-mail.",
    counter_link: "Chercher une prestation",
    signed_in_as: |name| format!("Connecté·e en tant que {name}"),
    case_heading: |r| format!("Dossier {r}"),
    results: |n| {
        if n == 1 {
            "1 dossier".to_owned()
        } else {
            format!("{n} dossiers")
        }
    },
    page_of: |p, n| format!("Page {p} sur {n}"),
    entered_by: |name| format!("Saisi au guichet par {name}"),
    assigned_to: |name| format!("Responsable : {name}"),
    status_name: |s| match s {
        Status::Received => "Reçu",
        Status::InProgress => "En traitement",
        Status::WaitingForCitizen => "Question à la personne requérante",
        Status::Completed => "Terminé",
        Status::Rejected => "Refusé",
    },
    action_label: |a| match a {
        "read" => "consulté",
        "status" => "statut changé",
        "paid" => "paiement enregistré",
        "creditor" => "compte de paiement modifié",
        "refund" => "émolument remboursé",
        "assign" => "attribué",
        "note" => "note",
        "message" => "message envoyé",
        "export" => "exporté",
        "staff_role" => "rôle attribué",
        "staff_removed" => "rôle retiré",
        "service_off" => "prestation désactivée",
        "service_on" => "prestation activée",
        "contact" => "contact modifié",
        _ => "autre",
    },
};

const IT: StaffTexts = StaffTexts {
    nav_settings: "Impostazioni dell’autorità",
    settings_intro: "Per le amministratrici e gli amministratori dell’autorità: validità delle chiavi d’accesso e durata di conservazione delle pratiche chiuse.",
    token_days_label: "Validità delle chiavi d’accesso delle conferme di ricezione (giorni)",
    retention_label: "Conservare integralmente le pratiche chiuse (giorni)",
    retention_hint: "Lasciare vuoto: senza limite. Da 1 a 36500 giorni dalla conclusione o dal rifiuto.",
    after_legend: "Alla scadenza del termine di conservazione",
    after_reduce: "Ridurre ai dati richiesti dalla legge (riferimento, prestazione, date, cronologia, impronta)",
    after_delete: "Cancellare completamente",
    save_settings: "Salva le impostazioni",
    not_admin: "Solo le amministratrici e gli amministratori di un’autorità modificano queste impostazioni.",
    portal_only: "Lei amministra il portale e non lavora per alcuna autorità: le pratiche le vedono solo i collaboratori dell’autorità competente. Per trattare le pratiche di un’autorità serve un ruolo presso di essa (nel suo team o con «schalter staff grant»).",
    no_authority: "Non Le è (più) assegnata alcuna autorità, perciò non vede pratiche. L’amministrazione della Sua autorità La aggiunge al team.",
    setup_heading: "Configurare l’accesso alla gestione delle pratiche",
    setup_intro: |n| {
        format!(
            "Buongiorno {n}. Ora configura il Suo accesso: una password che conosce solo Lei e un’app di autenticazione sul Suo telefono, che mostra un codice a ogni accesso."
        )
    },
    setup_until: |d| format!("Questo link è valido fino al {d}, una sola volta."),
    setup_invalid: "Questo link non è (più) valido: è scaduto, è già stato usato o è stato sostituito da un invito più recente. Chieda un nuovo invito all’amministrazione della Sua autorità.",
    setup_account: "Il Suo nome utente",
    setup_password_heading: "1. Scegliere la password",
    setup_password_label: "Nuova password",
    setup_password_hint: "Almeno 12 caratteri. Una frase di più parole è sicura e facile da ricordare.",
    setup_app_heading: "2. Collegare l’app di autenticazione",
    setup_app_intro: "Apra la Sua app di autenticazione, aggiunga un account e scansioni questo codice QR. Se non può scansionare, inserisca la chiave a mano (basata sul tempo, 6 cifre).",
    setup_qr_label: "Codice QR per l’app di autenticazione; la stessa chiave è riportata come testo qui sotto",
    setup_key_label: "Chiave",
    setup_code_heading: "3. Confermare il codice",
    setup_button: "Configurare l’accesso e accedere",
    token_days_hint: |d| {
        format!("Lasciare vuoto: valore del portale ({d} giorni). Da 1 a 3650 giorni.")
    },
    sign_in_heading: "Accesso per il personale",
    sign_in_intro: "Per il personale delle autorità: acceda con il Suo indirizzo e-mail di servizio, la password e il codice della Sua app di autenticazione.",
    email_label: "Indirizzo e-mail di servizio",
    password_label: "Password",
    code_label: "Codice dell’app di autenticazione",
    code_hint: "Sei cifre. Ogni codice vale una sola volta e per 30 secondi.",
    sign_in_button: "Accedi",
    oidc_heading: "Con l’account della Sua organizzazione",
    oidc_button: |name| format!("Accedi con {name}"),
    password_heading: "Con password e codice",
    oidc_refused: |code| match code {
        "not_staff" => {
            "L’accesso non è riuscito: questo account della Sua organizzazione non ha accesso al trattamento delle pratiche. Si rivolga all’amministrazione della Sua autorità."
        }
        "level_too_low" => {
            "L’accesso non è riuscito: la Sua organizzazione non ha confermato l’accesso con il secondo fattore. Vi acceda con il secondo fattore."
        }
        "cancelled" => "L’accesso è stato interrotto.",
        "provider_unavailable" => {
            "Il servizio di accesso della Sua organizzazione non è raggiungibile al momento. Riprovi più tardi."
        }
        _ => "L’accesso non è riuscito o ha richiesto troppo tempo. Riprovi.",
    },
    sign_out: "Esci",
    not_staff: "Questa pagina è riservata al personale delle autorità. Acceda, per favore.",
    inbox_heading: "Pratiche in entrata",
    filters_legend: "Filtrare le pratiche",
    all_statuses: "Tutti",
    status_label: "Stato",
    form_label: "Prestazione",
    all_forms: "Tutte le prestazioni",
    from_label: "Ricevuta dal",
    to_label: "Ricevuta fino al",
    assignee_label: "Responsabile",
    anyone: "Tutti",
    assigned_to_me: "Assegnate a me",
    assigned_to_nobody: "Non assegnate",
    search_label: "Ricerca",
    search_hint: "Numero di riferimento, nome o indirizzo e-mail, anche in parte (almeno 3 caratteri).",
    sort_label: "Ordine",
    sort_oldest: "Prima le più vecchie",
    sort_newest: "Prima le più recenti",
    sort_changed: "Prima le ultime modificate",
    apply_filters: "Filtra",
    reset_filters: "Azzera i filtri",
    no_cases: "Nessuna pratica per questi filtri.",
    col_reference: "Riferimento",
    col_service: "Prestazione",
    col_applicant: "Richiedente",
    col_received: "Ricevuta",
    col_status: "Stato",
    col_assignee: "Responsabile",
    pagination: "Pagine",
    previous: "Pagina precedente",
    next: "Pagina successiva",
    back_to_inbox: "Torna alle pratiche in entrata",
    applicant_label: "Richiedente",
    received_label: "Ricevuta",
    authority_label: "Autorità",
    take: "Prendere in carico",
    assign_button: "Assegna",
    answers_heading: "Dati",
    attachments_heading: "Allegati",
    no_attachments: "Nessun allegato.",
    receipt_pdf: "Conferma di ricezione in PDF",
    history_heading: "Cronologia",
    status_heading: "Cambiare lo stato",
    final_status: "La pratica è chiusa.",
    next_status_label: "Nuovo stato",
    reason_label: "Motivazione per la persona richiedente",
    reason_hint: "La riceve come messaggio, annunciato per e-mail. Necessaria per una richiesta di informazioni, la conclusione e il rifiuto.",
    decision_label: "Documenti per la persona richiedente (PDF, JPEG o PNG, facoltativo)",
    change_status_button: "Cambia lo stato",
    messages_heading: "Messaggi",
    no_messages: "Ancora nessun messaggio.",
    from_citizen: "Richiedente",
    from_authority: "Autorità",
    notes_heading: "Note interne",
    notes_hint: "Visibili solo al personale dell’autorità, mai alla persona richiedente.",
    note_label: "Nuova nota",
    add_note: "Salva la nota",
    no_notes: "Ancora nessuna nota.",
    audit_heading: "Protocollo",
    col_time: "Ora",
    col_who: "Chi",
    col_action: "Cosa",
    col_detail: "Dettagli",
    not_reachable: "La persona richiedente non ha né un conto né un indirizzo e-mail: i messaggi la raggiungono solo sulla sua pagina di stato.",
    saved: "Salvato.",
    reload: "Ricarica la pratica",
    counter_heading: "Registrare una domanda allo sportello",
    counter_intro: "Per una persona allo sportello o al telefono: cerchi la prestazione e compili il modulo con lei. La domanda la indica come richiedente e Lei come persona che l’ha registrata; può stampare la conferma di ricezione o inviargliela per e-mail.",
    counter_link: "Cercare una prestazione",
    signed_in_as: |name| format!("Accesso come {name}"),
    case_heading: |r| format!("Pratica {r}"),
    results: |n| {
        if n == 1 {
            "1 pratica".to_owned()
        } else {
            format!("{n} pratiche")
        }
    },
    page_of: |p, n| format!("Pagina {p} di {n}"),
    entered_by: |name| format!("Registrata allo sportello da {name}"),
    assigned_to: |name| format!("Responsabile: {name}"),
    status_name: |s| match s {
        Status::Received => "Ricevuta",
        Status::InProgress => "In trattamento",
        Status::WaitingForCitizen => "Domanda alla persona richiedente",
        Status::Completed => "Conclusa",
        Status::Rejected => "Respinta",
    },
    action_label: |a| match a {
        "read" => "consultata",
        "status" => "stato cambiato",
        "paid" => "pagamento registrato",
        "creditor" => "conto di pagamento modificato",
        "refund" => "emolumento rimborsato",
        "assign" => "assegnata",
        "note" => "nota",
        "message" => "messaggio inviato",
        "export" => "esportata",
        "staff_role" => "ruolo assegnato",
        "staff_removed" => "ruolo revocato",
        "service_off" => "prestazione disattivata",
        "service_on" => "prestazione attivata",
        "contact" => "contatto modificato",
        _ => "altro",
    },
};

const EN: StaffTexts = StaffTexts {
    nav_settings: "Authority settings",
    settings_intro: "For the authority’s administrators: how long access keys stay valid and how long closed cases are kept.",
    token_days_label: "Validity of the receipts’ access keys (days)",
    retention_label: "Keep closed cases in full (days)",
    retention_hint: "Leave empty: without limit. 1 to 36500 days after completion or rejection.",
    after_legend: "When the retention period is over",
    after_reduce: "Reduce to what the law requires (reference, service, dates, history, fingerprint)",
    after_delete: "Delete entirely",
    save_settings: "Save the settings",
    not_admin: "Only an authority’s administrators change these settings.",
    portal_only: "You administer the portal and work at no authority: only the staff of the authority responsible see its cases. To work on an authority's cases you need a role there (in its team, or with “schalter staff grant”).",
    no_authority: "You are not (or no longer) a member of any authority, so you see no cases. Your authority's administrators add you to their team.",
    setup_heading: "Set up your access to case work",
    setup_intro: |n| {
        format!(
            "Hello {n}. You are now setting up how you sign in: a password only you know, and an authenticator app on your phone that shows a code each time you sign in."
        )
    },
    setup_until: |d| format!("This link works until {d}, once."),
    setup_invalid: "This link does not work (any more): it has expired, was used already or was replaced by a newer invitation. Ask your authority's administrators for a new invitation.",
    setup_account: "Your sign-in name",
    setup_password_heading: "1. Choose a password",
    setup_password_label: "New password",
    setup_password_hint: "At least 12 characters. A sentence of several words is safe and easy to remember.",
    setup_app_heading: "2. Connect your authenticator app",
    setup_app_intro: "Open your authenticator app, add an account and scan this QR code. If you cannot scan, type the key in instead (time-based, 6 digits).",
    setup_qr_label: "QR code for the authenticator app; the same key is written out below",
    setup_key_label: "Key",
    setup_code_heading: "3. Confirm the code",
    setup_button: "Set up access and sign in",
    token_days_hint: |d| format!("Leave empty: the portal’s default ({d} days). 1 to 3650 days."),
    sign_in_heading: "Sign-in for staff",
    sign_in_intro: "For the authorities’ staff: sign in with your work e-mail address, your password and the code of your authenticator app.",
    email_label: "Work e-mail address",
    password_label: "Password",
    code_label: "Code from the authenticator app",
    code_hint: "Six digits. Each code works once and for 30 seconds.",
    sign_in_button: "Sign in",
    oidc_heading: "With your organisation’s account",
    oidc_button: |name| format!("Sign in with {name}"),
    password_heading: "With password and code",
    oidc_refused: |code| match code {
        "not_staff" => {
            "Signing in did not work: this account of your organisation has no access to clerk mode. Please ask your authority’s administrators."
        }
        "level_too_low" => {
            "Signing in did not work: your organisation did not confirm the sign-in with a second factor. Please sign in there with your second factor."
        }
        "cancelled" => "Signing in was cancelled.",
        "provider_unavailable" => {
            "Your organisation’s sign-in service cannot be reached right now. Please try again later."
        }
        _ => "Signing in did not work or took too long. Please try again.",
    },
    sign_out: "Sign out",
    not_staff: "This page is for the authorities’ staff. Please sign in.",
    inbox_heading: "Inbox",
    filters_legend: "Filter cases",
    all_statuses: "All",
    status_label: "Status",
    form_label: "Service",
    all_forms: "All services",
    from_label: "Received from",
    to_label: "Received until",
    assignee_label: "Assigned to",
    anyone: "Anyone",
    assigned_to_me: "Assigned to me",
    assigned_to_nobody: "Assigned to nobody",
    search_label: "Search",
    search_hint: "Reference number, name or e-mail address, or part of one (at least 3 characters).",
    sort_label: "Order",
    sort_oldest: "Oldest first",
    sort_newest: "Newest first",
    sort_changed: "Last changed first",
    apply_filters: "Filter",
    reset_filters: "Reset filters",
    no_cases: "No cases for these filters.",
    col_reference: "Reference",
    col_service: "Service",
    col_applicant: "Applicant",
    col_received: "Received",
    col_status: "Status",
    col_assignee: "Assigned to",
    pagination: "Pages",
    previous: "Previous page",
    next: "Next page",
    back_to_inbox: "Back to the inbox",
    applicant_label: "Applicant",
    received_label: "Received",
    authority_label: "Authority",
    take: "Take the case",
    assign_button: "Assign",
    answers_heading: "Answers",
    attachments_heading: "Attachments",
    no_attachments: "No attachments.",
    receipt_pdf: "Receipt as PDF",
    history_heading: "History",
    status_heading: "Change the status",
    final_status: "The case is closed.",
    next_status_label: "New status",
    reason_label: "Reason for the applicant",
    reason_hint: "They get this text as a message, announced by e-mail. Needed to ask for information, to complete and to reject.",
    decision_label: "Documents for the applicant (PDF, JPEG or PNG, optional)",
    change_status_button: "Change the status",
    messages_heading: "Messages",
    no_messages: "No messages yet.",
    from_citizen: "Applicant",
    from_authority: "Authority",
    notes_heading: "Internal notes",
    notes_hint: "Seen by the authority’s staff only, never by the applicant.",
    note_label: "New note",
    add_note: "Save the note",
    no_notes: "No notes yet.",
    audit_heading: "Audit trail",
    col_time: "When",
    col_who: "Who",
    col_action: "What",
    col_detail: "Details",
    not_reachable: "The applicant gave neither an account nor an e-mail address: messages reach them on their status page only.",
    saved: "Saved.",
    reload: "Reload the case",
    counter_heading: "Enter an application at the counter",
    counter_intro: "For someone at the counter or on the phone: find the service and fill in the form with them. The application names them as applicant and you as the person who entered it; you can print the receipt or e-mail it to them.",
    counter_link: "Find a service",
    signed_in_as: |name| format!("Signed in as {name}"),
    case_heading: |r| format!("Case {r}"),
    results: |n| {
        if n == 1 {
            "1 case".to_owned()
        } else {
            format!("{n} cases")
        }
    },
    page_of: |p, n| format!("Page {p} of {n}"),
    entered_by: |name| format!("Entered at the counter by {name}"),
    assigned_to: |name| format!("Assigned to {name}"),
    status_name: |s| match s {
        Status::Received => "Received",
        Status::InProgress => "In progress",
        Status::WaitingForCitizen => "Waiting for the applicant",
        Status::Completed => "Completed",
        Status::Rejected => "Rejected",
    },
    action_label: |a| match a {
        "read" => "viewed",
        "status" => "status changed",
        "paid" => "payment recorded",
        "creditor" => "payment account changed",
        "refund" => "fee refunded",
        "assign" => "assigned",
        "note" => "note",
        "message" => "message sent",
        "export" => "exported",
        "staff_role" => "role given",
        "staff_removed" => "role removed",
        "service_off" => "service switched off",
        "service_on" => "service switched on",
        "contact" => "contact changed",
        _ => "other",
    },
};
