//! The texts of the Bürgerkonto pages (signing in, registering, Mein Konto, the Postfach, the
//! session's timeout warning, a draft changed on two devices) in every portal language: a struct
//! per group of texts, one constant per language, so that a text missing in one language does
//! not compile. The groups follow the bundles (`contract::bundles`): [`ShellTexts`] on every
//! page, [`AccountFormTexts`] on an application's pages and the receipt page, [`AccountTexts`]
//! (which dereferences to [`AccountFormTexts`]) on the account pages only — a bundle that takes
//! a reference to one language's struct carries every text of that struct in all four.

use crate::Lang;
use crate::account::Level;

/// Every text of the account pages in one language.
#[derive(Debug)]
pub struct AccountTexts {
    /// The language of these texts.
    pub lang: Lang,
    /// Sign-in page heading and button.
    pub sign_in_heading: &'static str,
    /// Sign-in page: what an account is good for.
    pub sign_in_intro: &'static str,
    /// Label: e-mail address.
    pub email_label: &'static str,
    /// Label: password.
    pub password_label: &'static str,
    /// Hint under a new password.
    pub password_hint: &'static str,
    /// Link to the page that sends a reset link.
    pub forgot_link: &'static str,
    /// Before the link to register.
    pub no_account: &'static str,
    /// Link and page heading: register.
    pub register_heading: &'static str,
    /// Register page: what is needed, and what the eID adds.
    pub register_intro: &'static str,
    /// Why an eID sign-in was refused, by the code the portal sends back (`#eid=<code>`).
    pub eid_refused: fn(&str) -> &'static str,
    /// Heading after a request whose outcome comes by e-mail.
    pub check_email_heading: &'static str,
    /// After registering: the link is on its way (said whether or not the address is known).
    pub check_email_register: &'static str,
    /// After asking for a reset link.
    pub check_email_reset: &'static str,
    /// After changing the address: confirm it through the link sent to it.
    pub check_email_change: &'static str,
    /// Heading of the page a verification link opens.
    pub verify_heading: &'static str,
    /// While the link's token is checked.
    pub working: &'static str,
    /// The address is confirmed.
    pub verified_body: &'static str,
    /// A link that no longer works.
    pub link_invalid: &'static str,
    /// The page that sends a reset link.
    pub reset_request_heading: &'static str,
    /// What it does.
    pub reset_request_intro: &'static str,
    /// Its button.
    pub reset_request_button: &'static str,
    /// The page a reset link opens.
    pub reset_heading: &'static str,
    /// Label: the new password.
    pub new_password_label: &'static str,
    /// Button: save a password.
    pub save_password: &'static str,
    /// The new password is set.
    pub reset_done: &'static str,
    /// Mein Konto: heading.
    pub account_heading: &'static str,
    /// Who is signed in: name and e-mail address.
    pub signed_in_as: fn(&str, &str) -> String,
    /// How sure the portal is of who signed in.
    pub level_text: fn(Level) -> &'static str,
    /// Button: sign out.
    pub sign_out: &'static str,
    /// After signing out.
    pub signed_out: &'static str,
    /// Mein Konto: drafts from every device.
    pub account_drafts_heading: &'static str,
    /// No draft in the account.
    pub account_drafts_none: &'static str,
    /// Link: continue a draft.
    pub continue_draft: &'static str,
    /// Last saved (date and time).
    pub last_saved: fn(&str) -> String,
    /// Drafts begun on this device without the account.
    pub local_drafts_heading: &'static str,
    /// What taking them in does.
    pub local_drafts_intro: &'static str,
    /// Button: take them into the account.
    pub take_into_account: &'static str,
    /// After taking drafts in: how many.
    pub taken_into_account: fn(usize) -> String,
    /// Mein Konto: submitted applications.
    pub applications_heading: &'static str,
    /// No application in the account.
    pub applications_none: &'static str,
    /// Applications submitted on this device without the account.
    pub local_applications_intro: &'static str,
    /// Button: take one into the account (its reference).
    pub take_application: fn(&str) -> String,
    /// Status of an application as the receipt says it.
    pub status_label: &'static str,
    /// The Postfach.
    pub postfach_heading: &'static str,
    /// How many unread messages.
    pub unread: fn(u64) -> String,
    /// No messages.
    pub no_messages: &'static str,
    /// Mein Konto: the profile.
    pub profile_heading: &'static str,
    /// Button: save.
    pub save: &'static str,
    /// Saved.
    pub saved: &'static str,
    /// Heading: change the password.
    pub change_password_heading: &'static str,
    /// Label: the password now.
    pub current_password_label: &'static str,
    /// The password was changed (other sessions ended).
    pub password_changed: &'static str,
    /// Heading: change the e-mail address.
    pub change_email_heading: &'static str,
    /// Label: the new address.
    pub new_email_label: &'static str,
    /// Heading: export.
    pub export_heading: &'static str,
    /// What the export holds.
    pub export_intro: &'static str,
    /// Button: download.
    pub export_button: &'static str,
    /// Heading: delete the account.
    pub delete_heading: &'static str,
    /// What deleting removes and what the authorities keep.
    pub delete_intro: &'static str,
    /// Button: delete.
    pub delete_button: &'static str,
    /// Nobody signed in: the account page needs a sign-in.
    pub sign_in_needed: &'static str,
    /// Mein Konto: organisations.
    pub organisations_heading: &'static str,
    /// What an organisation is for.
    pub organisations_intro: &'static str,
    /// No organisation yet.
    pub organisations_none: &'static str,
    /// Heading and button: a new organisation.
    pub create_organisation: &'static str,
    /// Label: the organisation's name.
    pub organisation_name_label: &'static str,
    /// Label: its register number.
    pub register_id_label: &'static str,
    /// Hint under the register number.
    pub register_id_hint: &'static str,
    /// The organisation was created.
    pub organisation_created: &'static str,
    /// Heading: members.
    pub members_heading: &'static str,
    /// A member's role.
    pub role_text: fn(crate::account::OrgRole) -> &'static str,
    /// Button: remove a member (their name).
    pub remove_member: fn(&str) -> String,
    /// Heading: invite someone.
    pub invite_heading: &'static str,
    /// Label: the role an invited person gets.
    pub invite_role_label: &'static str,
    /// Button: send the invitation.
    pub invite_button: &'static str,
    /// The invitation was sent (to this address).
    pub invited: fn(&str) -> String,
    /// Heading: the organisation's applications.
    pub organisation_applications_heading: &'static str,
    /// The page an invitation link opens.
    pub invitation_heading: &'static str,
    /// The invitation was accepted.
    pub invitation_accepted: &'static str,
}

/// The account's texts that an application's pages and the receipt page show (the eID step-up,
/// who the application is for, prefilled answers, a draft changed on two devices, the Postfach
/// thread of an application), kept apart from the account pages' texts so that the forms bundle
/// carries only these (`contract::bundles`). [`AccountTexts`] dereferences to them.
#[derive(Debug)]
pub struct AccountFormTexts {
    /// Heading of the eID sign-in.
    pub eid_heading: &'static str,
    /// What the eID is needed for.
    pub eid_intro: &'static str,
    /// The button of one eID provider (its name).
    pub eid_button: fn(&str) -> String,
    /// A message's author: the authority.
    pub from_authority: &'static str,
    /// A message's author: the citizen.
    pub from_you: &'static str,
    /// The application a message is about (its reference).
    pub about_application: fn(&str) -> String,
    /// Label of the reply.
    pub reply_label: &'static str,
    /// Label of the files of a reply.
    pub reply_files_label: &'static str,
    /// Hint under the files of a reply.
    pub reply_files_hint: &'static str,
    /// Button: send the reply.
    pub send_reply: &'static str,
    /// The reply was sent.
    pub reply_sent: &'static str,
    /// Marks a value confirmed by an eID.
    pub verified_mark: &'static str,
    /// A draft changed on another device: heading.
    pub conflict_heading: &'static str,
    /// What happened and what to do.
    pub conflict_intro: &'static str,
    /// Column: the question.
    pub conflict_field: &'static str,
    /// Column: this device's answer.
    pub conflict_here: &'static str,
    /// Column: the other device's answer.
    pub conflict_there: &'static str,
    /// An empty answer in the comparison.
    pub conflict_empty: &'static str,
    /// Button: keep this device's answers.
    pub keep_here: &'static str,
    /// Button: take the other device's answers.
    pub take_there: &'static str,
    /// Hint under a form step while signed in.
    pub saved_in_account: &'static str,
    /// A form that needs an eID: heading.
    pub step_up_heading: &'static str,
    /// Why (the level needed).
    pub step_up_body: fn(Level) -> String,
    /// Legend: who applies.
    pub apply_for_legend: &'static str,
    /// Applying for oneself.
    pub for_myself: &'static str,
    /// Applying for an organisation (its name).
    pub for_organisation: fn(&str) -> String,
    /// Above a step: the answers taken from the profile (their labels).
    pub prefilled_notice: fn(&str) -> String,
}

impl AccountTexts {
    /// The texts for `lang`.
    pub const fn for_lang(lang: Lang) -> &'static AccountTexts {
        match lang {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }
}

impl std::ops::Deref for AccountTexts {
    type Target = AccountFormTexts;

    fn deref(&self) -> &AccountFormTexts {
        AccountFormTexts::for_lang(self.lang)
    }
}

impl AccountFormTexts {
    /// The texts for `lang`.
    pub const fn for_lang(lang: Lang) -> &'static AccountFormTexts {
        match lang {
            Lang::De => &FORM_DE,
            Lang::Fr => &FORM_FR,
            Lang::It => &FORM_IT,
            Lang::En => &FORM_EN,
        }
    }
}

fn minutes_seconds(secs: u64) -> (u64, u64) {
    (secs / 60, secs % 60)
}

const DE: AccountTexts = AccountTexts {
    lang: Lang::De,
    sign_in_heading: "Anmelden",
    sign_in_intro: "Mit einem Konto finden Sie Ihre angefangenen Anträge auf jedem Gerät, sehen den Stand Ihrer Anträge und erhalten Nachrichten der Behörden.",
    email_label: "E-Mail-Adresse",
    password_label: "Passwort",
    password_hint: "Mindestens 10 Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken und schwer zu erraten.",
    forgot_link: "Passwort vergessen?",
    no_account: "Noch kein Konto?",
    register_heading: "Konto erstellen",
    register_intro: "Name, Adresse und E-Mail-Adresse genügen für Anträge ohne besondere Sicherheit. Für andere melden Sie sich zusätzlich mit der E-ID an.",
    eid_refused: |code| match code {
        "level_too_low" => {
            "Die Anmeldung mit der E-ID hat nicht geklappt: Der Anbieter hat Ihre Identität nicht so weit bestätigt, wie es nötig ist."
        }
        "cancelled" => "Die Anmeldung mit der E-ID wurde abgebrochen.",
        "email_taken" => {
            "Zu dieser E-Mail-Adresse gibt es schon ein Konto. Melden Sie sich zuerst mit dem Passwort an; danach verbinden Sie die E-ID mit Ihrem Konto."
        }
        "provider_unavailable" => {
            "Der Anbieter der E-ID ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal."
        }
        _ => {
            "Die Anmeldung mit der E-ID hat nicht geklappt oder hat zu lange gedauert. Bitte versuchen Sie es noch einmal."
        }
    },
    check_email_heading: "Bitte prüfen Sie Ihre E-Mails",
    check_email_register: "Wenn die Adresse noch kein Konto hat, erhalten Sie eine E-Mail mit einem Link, der sie bestätigt. Danach können Sie sich anmelden.",
    check_email_reset: "Wenn zu der Adresse ein Konto gehört, erhalten Sie eine E-Mail mit einem Link, um ein neues Passwort festzulegen.",
    check_email_change: "Wir haben einen Link an die neue Adresse geschickt. Sie gilt, sobald Sie ihn öffnen.",
    verify_heading: "E-Mail-Adresse bestätigen",
    working: "Einen Moment …",
    verified_body: "Ihre E-Mail-Adresse ist bestätigt.",
    link_invalid: "Dieser Link gilt nicht mehr. Er wurde schon benutzt oder ist abgelaufen.",
    reset_request_heading: "Passwort vergessen",
    reset_request_intro: "Geben Sie die E-Mail-Adresse Ihres Kontos an. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.",
    reset_request_button: "Link senden",
    reset_heading: "Neues Passwort festlegen",
    new_password_label: "Neues Passwort",
    save_password: "Passwort speichern",
    reset_done: "Ihr neues Passwort gilt. Melden Sie sich damit an.",
    account_heading: "Mein Konto",
    signed_in_as: |name, email| format!("Angemeldet als {name} ({email})"),
    level_text: |l| match l {
        Level::Low => "Angemeldet mit Passwort",
        Level::Substantial => "Angemeldet mit E-ID (substanziell)",
        Level::High => "Angemeldet mit E-ID (hoch)",
    },
    sign_out: "Abmelden",
    signed_out: "Sie sind abgemeldet.",
    account_drafts_heading: "Angefangene Anträge",
    account_drafts_none: "Sie haben keine angefangenen Anträge in Ihrem Konto.",
    continue_draft: "Weiter ausfüllen",
    last_saved: |when| format!("Zuletzt gespeichert: {when}"),
    local_drafts_heading: "Anträge auf diesem Gerät",
    local_drafts_intro: "Diese Anträge haben Sie auf diesem Gerät ohne Anmeldung angefangen. Übernehmen Sie sie in Ihr Konto, um sie auf anderen Geräten weiterzuführen.",
    take_into_account: "In mein Konto übernehmen",
    taken_into_account: |n| {
        if n == 1 {
            "1 Antrag wurde in Ihr Konto übernommen.".to_owned()
        } else {
            format!("{n} Anträge wurden in Ihr Konto übernommen.")
        }
    },
    applications_heading: "Meine Anträge",
    applications_none: "Sie haben noch keine Anträge gestellt.",
    local_applications_intro: "Auf diesem Gerät ohne Anmeldung gestellt:",
    take_application: |r| format!("{r} in mein Konto übernehmen"),
    status_label: "Stand",
    postfach_heading: "Postfach",
    unread: |n| match n {
        0 => "Keine ungelesenen Nachrichten".to_owned(),
        1 => "1 ungelesene Nachricht".to_owned(),
        n => format!("{n} ungelesene Nachrichten"),
    },
    no_messages: "Sie haben keine Nachrichten.",
    profile_heading: "Persönliche Angaben",
    save: "Speichern",
    saved: "Gespeichert.",
    change_password_heading: "Passwort ändern",
    current_password_label: "Jetziges Passwort",
    password_changed: "Ihr Passwort wurde geändert. Auf anderen Geräten sind Sie abgemeldet.",
    change_email_heading: "E-Mail-Adresse ändern",
    new_email_label: "Neue E-Mail-Adresse",
    export_heading: "Meine Daten",
    export_intro: "Alles, was Ihr Konto über Sie enthält, als JSON-Datei: Angaben, Entwürfe, Anträge und Nachrichten.",
    export_button: "Meine Daten herunterladen",
    delete_heading: "Konto löschen",
    delete_intro: "Ihre Angaben, Entwürfe und Organisationen werden gelöscht. Gestellte Anträge und die Nachrichten dazu bewahren die Behörden auf, solange das Gesetz es verlangt; sie sind dann nicht mehr mit einem Konto verbunden.",
    delete_button: "Konto endgültig löschen",
    sign_in_needed: "Bitte melden Sie sich an, um Ihr Konto zu sehen.",
    organisations_heading: "Organisationen",
    organisations_intro: "Stellen Sie Anträge für eine Firma, einen Verein oder eine andere Organisation. Ihre Mitglieder sehen deren Anträge, niemand sonst.",
    organisations_none: "Sie gehören keiner Organisation an.",
    create_organisation: "Organisation anlegen",
    organisation_name_label: "Name der Organisation",
    register_id_label: "UID oder Handelsregisternummer (freiwillig)",
    register_id_hint: "Zum Beispiel CHE-109.322.551 oder HRB 12345.",
    organisation_created: "Die Organisation wurde angelegt.",
    members_heading: "Mitglieder",
    role_text: |r| match r {
        crate::account::OrgRole::Admin => "Verwaltung",
        crate::account::OrgRole::Member => "Mitglied",
    },
    remove_member: |n| format!("{n} entfernen"),
    invite_heading: "Jemanden einladen",
    invite_role_label: "Rolle",
    invite_button: "Einladung senden",
    invited: |e| format!("Die Einladung wurde an {e} gesendet."),
    organisation_applications_heading: "Anträge der Organisation",
    invitation_heading: "Einladung in eine Organisation",
    invitation_accepted: "Sie sind jetzt Mitglied der Organisation.",
};

const FORM_DE: AccountFormTexts = AccountFormTexts {
    eid_heading: "Mit der E-ID anmelden",
    eid_intro: "Manche Anträge verlangen, dass Ihre Identität geprüft ist. Mit der E-ID melden Sie sich an, ohne ein Passwort einzugeben.",
    eid_button: |name| format!("Anmelden mit {name}"),
    from_authority: "Nachricht der Behörde",
    from_you: "Ihre Antwort",
    about_application: |r| format!("Antrag {r}"),
    reply_label: "Ihre Antwort",
    reply_files_label: "Dateien anhängen (freiwillig)",
    reply_files_hint: "PDF, JPEG oder PNG, höchstens 10 Dateien.",
    send_reply: "Antwort senden",
    reply_sent: "Ihre Antwort wurde gesendet.",
    verified_mark: "durch E-ID bestätigt",
    conflict_heading: "Dieser Antrag wurde auf einem anderen Gerät geändert",
    conflict_intro: "Auf einem anderen Gerät wurden andere Angaben gespeichert. Wählen Sie, welche Fassung gelten soll; die andere wird verworfen.",
    conflict_field: "Angabe",
    conflict_here: "Auf diesem Gerät",
    conflict_there: "Auf dem anderen Gerät",
    conflict_empty: "(leer)",
    keep_here: "Angaben von diesem Gerät behalten",
    take_there: "Angaben vom anderen Gerät übernehmen",
    saved_in_account: "Ihre Angaben werden auf diesem Gerät und in Ihrem Konto gespeichert.",
    step_up_heading: "Für diesen Antrag brauchen Sie die E-ID",
    step_up_body: |l| {
        format!(
            "Die Behörde muss sicher sein, wer den Antrag stellt (Sicherheitsniveau {}). Melden Sie sich mit der E-ID an; danach geht es hier weiter, Ihre Angaben bleiben erhalten.",
            level_name_de(l)
        )
    },
    apply_for_legend: "Für wen stellen Sie den Antrag?",
    for_myself: "Für mich selbst",
    for_organisation: |n| format!("Für {n}"),
    prefilled_notice: |f| {
        format!("Aus Ihrem Konto übernommen: {f}. Prüfen Sie die Angaben; Sie können sie ändern.")
    },
};

fn level_name_de(l: Level) -> &'static str {
    match l {
        Level::Low => "niedrig",
        Level::Substantial => "substanziell",
        Level::High => "hoch",
    }
}

const FR: AccountTexts = AccountTexts {
    lang: Lang::Fr,
    sign_in_heading: "Se connecter",
    sign_in_intro: "Avec un compte, vous retrouvez vos demandes commencées sur chaque appareil, suivez l’état de vos demandes et recevez les messages des autorités.",
    email_label: "Adresse e-mail",
    password_label: "Mot de passe",
    password_hint: "Au moins 10 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.",
    forgot_link: "Mot de passe oublié ?",
    no_account: "Pas encore de compte ?",
    register_heading: "Créer un compte",
    register_intro: "Nom, adresse et adresse e-mail suffisent pour les demandes sans exigence de sécurité particulière. Pour les autres, connectez-vous en plus avec l’e-ID.",
    eid_refused: |code| match code {
        "level_too_low" => {
            "La connexion avec l’e-ID a échoué : le fournisseur n’a pas confirmé votre identité au niveau requis."
        }
        "cancelled" => "La connexion avec l’e-ID a été interrompue.",
        "email_taken" => {
            "Un compte existe déjà pour cette adresse e-mail. Connectez-vous d’abord avec le mot de passe, puis reliez l’e-ID à votre compte."
        }
        "provider_unavailable" => {
            "Le fournisseur de l’e-ID est momentanément indisponible. Veuillez réessayer plus tard."
        }
        _ => "La connexion avec l’e-ID a échoué ou a pris trop de temps. Veuillez réessayer.",
    },
    check_email_heading: "Veuillez consulter vos e-mails",
    check_email_register: "Si cette adresse n’a pas encore de compte, vous recevez un e-mail avec un lien qui la confirme. Vous pourrez ensuite vous connecter.",
    check_email_reset: "Si un compte correspond à cette adresse, vous recevez un e-mail avec un lien pour choisir un nouveau mot de passe.",
    check_email_change: "Nous avons envoyé un lien à la nouvelle adresse. Elle sera valable dès que vous l’ouvrirez.",
    verify_heading: "Confirmer l’adresse e-mail",
    working: "Un instant …",
    verified_body: "Votre adresse e-mail est confirmée.",
    link_invalid: "Ce lien n’est plus valable. Il a déjà été utilisé ou il a expiré.",
    reset_request_heading: "Mot de passe oublié",
    reset_request_intro: "Indiquez l’adresse e-mail de votre compte. Nous vous envoyons un lien pour choisir un nouveau mot de passe.",
    reset_request_button: "Envoyer le lien",
    reset_heading: "Choisir un nouveau mot de passe",
    new_password_label: "Nouveau mot de passe",
    save_password: "Enregistrer le mot de passe",
    reset_done: "Votre nouveau mot de passe est valable. Connectez-vous avec lui.",
    account_heading: "Mon compte",
    signed_in_as: |name, email| format!("Connecté·e en tant que {name} ({email})"),
    level_text: |l| match l {
        Level::Low => "Connecté·e avec mot de passe",
        Level::Substantial => "Connecté·e avec l’e-ID (substantiel)",
        Level::High => "Connecté·e avec l’e-ID (élevé)",
    },
    sign_out: "Se déconnecter",
    signed_out: "Vous êtes déconnecté·e.",
    account_drafts_heading: "Demandes commencées",
    account_drafts_none: "Vous n’avez aucune demande commencée dans votre compte.",
    continue_draft: "Continuer",
    last_saved: |when| format!("Dernier enregistrement : {when}"),
    local_drafts_heading: "Demandes sur cet appareil",
    local_drafts_intro: "Vous avez commencé ces demandes sur cet appareil sans être connecté·e. Reprenez-les dans votre compte pour les poursuivre sur d’autres appareils.",
    take_into_account: "Reprendre dans mon compte",
    taken_into_account: |n| {
        if n == 1 {
            "1 demande a été reprise dans votre compte.".to_owned()
        } else {
            format!("{n} demandes ont été reprises dans votre compte.")
        }
    },
    applications_heading: "Mes demandes",
    applications_none: "Vous n’avez encore déposé aucune demande.",
    local_applications_intro: "Déposées sur cet appareil sans connexion :",
    take_application: |r| format!("Reprendre {r} dans mon compte"),
    status_label: "État",
    postfach_heading: "Boîte aux lettres",
    unread: |n| match n {
        0 => "Aucun message non lu".to_owned(),
        1 => "1 message non lu".to_owned(),
        n => format!("{n} messages non lus"),
    },
    no_messages: "Vous n’avez aucun message.",
    profile_heading: "Données personnelles",
    save: "Enregistrer",
    saved: "Enregistré.",
    change_password_heading: "Changer le mot de passe",
    current_password_label: "Mot de passe actuel",
    password_changed: "Votre mot de passe a été changé. Vous êtes déconnecté·e sur les autres appareils.",
    change_email_heading: "Changer l’adresse e-mail",
    new_email_label: "Nouvelle adresse e-mail",
    export_heading: "Mes données",
    export_intro: "Tout ce que votre compte contient sur vous, en fichier JSON : données, brouillons, demandes et messages.",
    export_button: "Télécharger mes données",
    delete_heading: "Supprimer le compte",
    delete_intro: "Vos données, brouillons et organisations sont supprimés. Les autorités conservent les demandes déposées et leurs messages aussi longtemps que la loi l’exige ; ils ne sont alors plus liés à un compte.",
    delete_button: "Supprimer définitivement le compte",
    sign_in_needed: "Veuillez vous connecter pour voir votre compte.",
    organisations_heading: "Organisations",
    organisations_intro: "Déposez des demandes pour une entreprise, une association ou une autre organisation. Ses membres voient ses demandes, personne d’autre.",
    organisations_none: "Vous n’appartenez à aucune organisation.",
    create_organisation: "Créer une organisation",
    organisation_name_label: "Nom de l’organisation",
    register_id_label: "IDE ou numéro du registre du commerce (facultatif)",
    register_id_hint: "Par exemple CHE-109.322.551 ou HRB 12345.",
    organisation_created: "L’organisation a été créée.",
    members_heading: "Membres",
    role_text: |r| match r {
        crate::account::OrgRole::Admin => "Administration",
        crate::account::OrgRole::Member => "Membre",
    },
    remove_member: |n| format!("Retirer {n}"),
    invite_heading: "Inviter quelqu’un",
    invite_role_label: "Rôle",
    invite_button: "Envoyer l’invitation",
    invited: |e| format!("L’invitation a été envoyée à {e}."),
    organisation_applications_heading: "Demandes de l’organisation",
    invitation_heading: "Invitation dans une organisation",
    invitation_accepted: "Vous êtes maintenant membre de l’organisation.",
};

const FORM_FR: AccountFormTexts = AccountFormTexts {
    eid_heading: "Se connecter avec l’e-ID",
    eid_intro: "Certaines demandes exigent une identité vérifiée. Avec l’e-ID, vous vous connectez sans mot de passe.",
    eid_button: |name| format!("Se connecter avec {name}"),
    from_authority: "Message de l’autorité",
    from_you: "Votre réponse",
    about_application: |r| format!("Demande {r}"),
    reply_label: "Votre réponse",
    reply_files_label: "Joindre des fichiers (facultatif)",
    reply_files_hint: "PDF, JPEG ou PNG, 10 fichiers au plus.",
    send_reply: "Envoyer la réponse",
    reply_sent: "Votre réponse a été envoyée.",
    verified_mark: "confirmé par l’e-ID",
    conflict_heading: "Cette demande a été modifiée sur un autre appareil",
    conflict_intro: "D’autres réponses ont été enregistrées sur un autre appareil. Choisissez la version à conserver ; l’autre sera abandonnée.",
    conflict_field: "Question",
    conflict_here: "Sur cet appareil",
    conflict_there: "Sur l’autre appareil",
    conflict_empty: "(vide)",
    keep_here: "Garder les réponses de cet appareil",
    take_there: "Reprendre les réponses de l’autre appareil",
    saved_in_account: "Vos réponses sont enregistrées sur cet appareil et dans votre compte.",
    step_up_heading: "Cette demande nécessite l’e-ID",
    step_up_body: |l| {
        format!(
            "L’autorité doit être sûre de l’identité du demandeur (niveau de sécurité {}). Connectez-vous avec l’e-ID ; vous reviendrez ici, sans rien perdre de vos réponses.",
            match l {
                Level::Low => "faible",
                Level::Substantial => "substantiel",
                Level::High => "élevé",
            }
        )
    },
    apply_for_legend: "Pour qui déposez-vous la demande ?",
    for_myself: "Pour moi-même",
    for_organisation: |n| format!("Pour {n}"),
    prefilled_notice: |f| {
        format!("Repris de votre compte : {f}. Vérifiez ces données ; vous pouvez les modifier.")
    },
};

const IT: AccountTexts = AccountTexts {
    lang: Lang::It,
    sign_in_heading: "Accedi",
    sign_in_intro: "Con un conto ritrovate le domande iniziate su ogni dispositivo, seguite lo stato delle vostre domande e ricevete i messaggi delle autorità.",
    email_label: "Indirizzo e-mail",
    password_label: "Password",
    password_hint: "Almeno 10 caratteri. Una frase di più parole è facile da ricordare e difficile da indovinare.",
    forgot_link: "Password dimenticata?",
    no_account: "Non avete ancora un conto?",
    register_heading: "Creare un conto",
    register_intro: "Nome, indirizzo e indirizzo e-mail bastano per le domande senza particolari esigenze di sicurezza. Per le altre accedete anche con l’Id-e.",
    eid_refused: |code| match code {
        "level_too_low" => {
            "L’accesso con l’Id-e non è riuscito: il fornitore non ha confermato la Sua identità al livello necessario."
        }
        "cancelled" => "L’accesso con l’Id-e è stato interrotto.",
        "email_taken" => {
            "Esiste già un account per questo indirizzo e-mail. Acceda prima con la password, poi colleghi l’Id-e al Suo account."
        }
        "provider_unavailable" => {
            "Il fornitore dell’Id-e non è raggiungibile al momento. Riprovi più tardi."
        }
        _ => "L’accesso con l’Id-e non è riuscito o ha richiesto troppo tempo. Riprovi.",
    },
    check_email_heading: "Controllate le vostre e-mail",
    check_email_register: "Se l’indirizzo non ha ancora un conto, riceverete un’e-mail con un link che lo conferma. Poi potrete accedere.",
    check_email_reset: "Se all’indirizzo corrisponde un conto, riceverete un’e-mail con un link per scegliere una nuova password.",
    check_email_change: "Abbiamo inviato un link al nuovo indirizzo. Sarà valido non appena lo aprirete.",
    verify_heading: "Confermare l’indirizzo e-mail",
    working: "Un momento …",
    verified_body: "Il vostro indirizzo e-mail è confermato.",
    link_invalid: "Questo link non è più valido. È già stato usato o è scaduto.",
    reset_request_heading: "Password dimenticata",
    reset_request_intro: "Indicate l’indirizzo e-mail del vostro conto. Vi inviamo un link per scegliere una nuova password.",
    reset_request_button: "Invia il link",
    reset_heading: "Scegliere una nuova password",
    new_password_label: "Nuova password",
    save_password: "Salva la password",
    reset_done: "La nuova password è valida. Accedete con essa.",
    account_heading: "Il mio conto",
    signed_in_as: |name, email| format!("Accesso come {name} ({email})"),
    level_text: |l| match l {
        Level::Low => "Accesso con password",
        Level::Substantial => "Accesso con Id-e (significativo)",
        Level::High => "Accesso con Id-e (elevato)",
    },
    sign_out: "Esci",
    signed_out: "Siete usciti dal conto.",
    account_drafts_heading: "Domande iniziate",
    account_drafts_none: "Non avete domande iniziate nel vostro conto.",
    continue_draft: "Continua",
    last_saved: |when| format!("Ultimo salvataggio: {when}"),
    local_drafts_heading: "Domande su questo dispositivo",
    local_drafts_intro: "Avete iniziato queste domande su questo dispositivo senza accedere. Riprendetele nel vostro conto per continuarle su altri dispositivi.",
    take_into_account: "Riprendi nel mio conto",
    taken_into_account: |n| {
        if n == 1 {
            "1 domanda è stata ripresa nel vostro conto.".to_owned()
        } else {
            format!("{n} domande sono state riprese nel vostro conto.")
        }
    },
    applications_heading: "Le mie domande",
    applications_none: "Non avete ancora presentato domande.",
    local_applications_intro: "Presentate su questo dispositivo senza accesso:",
    take_application: |r| format!("Riprendi {r} nel mio conto"),
    status_label: "Stato",
    postfach_heading: "Casella postale",
    unread: |n| match n {
        0 => "Nessun messaggio non letto".to_owned(),
        1 => "1 messaggio non letto".to_owned(),
        n => format!("{n} messaggi non letti"),
    },
    no_messages: "Non avete messaggi.",
    profile_heading: "Dati personali",
    save: "Salva",
    saved: "Salvato.",
    change_password_heading: "Cambiare la password",
    current_password_label: "Password attuale",
    password_changed: "La password è stata cambiata. Sugli altri dispositivi siete usciti dal conto.",
    change_email_heading: "Cambiare l’indirizzo e-mail",
    new_email_label: "Nuovo indirizzo e-mail",
    export_heading: "I miei dati",
    export_intro: "Tutto ciò che il vostro conto contiene su di voi, come file JSON: dati, bozze, domande e messaggi.",
    export_button: "Scarica i miei dati",
    delete_heading: "Eliminare il conto",
    delete_intro: "I vostri dati, bozze e organizzazioni vengono eliminati. Le autorità conservano le domande presentate e i relativi messaggi finché la legge lo richiede; non sono più legati a un conto.",
    delete_button: "Elimina definitivamente il conto",
    sign_in_needed: "Accedete per vedere il vostro conto.",
    organisations_heading: "Organizzazioni",
    organisations_intro: "Presentate domande per un’azienda, un’associazione o un’altra organizzazione. I suoi membri vedono le sue domande, nessun altro.",
    organisations_none: "Non appartenete a nessuna organizzazione.",
    create_organisation: "Creare un’organizzazione",
    organisation_name_label: "Nome dell’organizzazione",
    register_id_label: "IDI o numero del registro di commercio (facoltativo)",
    register_id_hint: "Per esempio CHE-109.322.551 o HRB 12345.",
    organisation_created: "L’organizzazione è stata creata.",
    members_heading: "Membri",
    role_text: |r| match r {
        crate::account::OrgRole::Admin => "Amministrazione",
        crate::account::OrgRole::Member => "Membro",
    },
    remove_member: |n| format!("Rimuovi {n}"),
    invite_heading: "Invitare qualcuno",
    invite_role_label: "Ruolo",
    invite_button: "Invia l’invito",
    invited: |e| format!("L’invito è stato inviato a {e}."),
    organisation_applications_heading: "Domande dell’organizzazione",
    invitation_heading: "Invito in un’organizzazione",
    invitation_accepted: "Ora siete membri dell’organizzazione.",
};

const FORM_IT: AccountFormTexts = AccountFormTexts {
    eid_heading: "Accedere con l’Id-e",
    eid_intro: "Alcune domande richiedono un’identità verificata. Con l’Id-e accedete senza password.",
    eid_button: |name| format!("Accedi con {name}"),
    from_authority: "Messaggio dell’autorità",
    from_you: "La vostra risposta",
    about_application: |r| format!("Domanda {r}"),
    reply_label: "La vostra risposta",
    reply_files_label: "Allegare file (facoltativo)",
    reply_files_hint: "PDF, JPEG o PNG, al massimo 10 file.",
    send_reply: "Invia la risposta",
    reply_sent: "La vostra risposta è stata inviata.",
    verified_mark: "confermato con l’Id-e",
    conflict_heading: "Questa domanda è stata modificata su un altro dispositivo",
    conflict_intro: "Su un altro dispositivo sono state salvate altre risposte. Scegliete quale versione vale; l’altra sarà scartata.",
    conflict_field: "Domanda",
    conflict_here: "Su questo dispositivo",
    conflict_there: "Sull’altro dispositivo",
    conflict_empty: "(vuoto)",
    keep_here: "Tieni le risposte di questo dispositivo",
    take_there: "Riprendi le risposte dell’altro dispositivo",
    saved_in_account: "Le vostre risposte sono salvate su questo dispositivo e nel vostro conto.",
    step_up_heading: "Per questa domanda serve l’Id-e",
    step_up_body: |l| {
        format!(
            "L’autorità deve essere sicura di chi presenta la domanda (livello di sicurezza {}). Accedete con l’Id-e; poi si continua qui, senza perdere le risposte.",
            match l {
                Level::Low => "basso",
                Level::Substantial => "significativo",
                Level::High => "elevato",
            }
        )
    },
    apply_for_legend: "Per chi presentate la domanda?",
    for_myself: "Per me stesso/a",
    for_organisation: |n| format!("Per {n}"),
    prefilled_notice: |f| {
        format!("Ripreso dal vostro conto: {f}. Verificate i dati; potete modificarli.")
    },
};

const EN: AccountTexts = AccountTexts {
    lang: Lang::En,
    sign_in_heading: "Sign in",
    sign_in_intro: "With an account you find your started applications on every device, follow the status of your applications and receive messages from the authorities.",
    email_label: "Email address",
    password_label: "Password",
    password_hint: "At least 10 characters. A sentence of several words is easy to remember and hard to guess.",
    forgot_link: "Forgot your password?",
    no_account: "No account yet?",
    register_heading: "Create an account",
    register_intro: "Name, address and email address are enough for applications without special security. For others, you also sign in with your eID.",
    eid_refused: |code| match code {
        "level_too_low" => {
            "Signing in with the eID did not work: the provider did not confirm your identity to the level needed."
        }
        "cancelled" => "Signing in with the eID was cancelled.",
        "email_taken" => {
            "There is already an account for this e-mail address. Sign in with its password first, then connect the eID to your account."
        }
        "provider_unavailable" => {
            "The eID provider cannot be reached right now. Please try again later."
        }
        _ => "Signing in with the eID did not work or took too long. Please try again.",
    },
    check_email_heading: "Please check your email",
    check_email_register: "If the address has no account yet, you will receive an email with a link that confirms it. Then you can sign in.",
    check_email_reset: "If an account belongs to the address, you will receive an email with a link to set a new password.",
    check_email_change: "We sent a link to the new address. It counts once you open it.",
    verify_heading: "Confirm your email address",
    working: "One moment …",
    verified_body: "Your email address is confirmed.",
    link_invalid: "This link no longer works. It was used already or has expired.",
    reset_request_heading: "Forgot your password",
    reset_request_intro: "Enter your account’s email address. We will send you a link to set a new password.",
    reset_request_button: "Send link",
    reset_heading: "Set a new password",
    new_password_label: "New password",
    save_password: "Save password",
    reset_done: "Your new password is set. Sign in with it.",
    account_heading: "My account",
    signed_in_as: |name, email| format!("Signed in as {name} ({email})"),
    level_text: |l| match l {
        Level::Low => "Signed in with a password",
        Level::Substantial => "Signed in with an eID (substantial)",
        Level::High => "Signed in with an eID (high)",
    },
    sign_out: "Sign out",
    signed_out: "You are signed out.",
    account_drafts_heading: "Applications in progress",
    account_drafts_none: "You have no applications in progress in your account.",
    continue_draft: "Continue",
    last_saved: |when| format!("Last saved: {when}"),
    local_drafts_heading: "Applications on this device",
    local_drafts_intro: "You started these applications on this device without signing in. Take them into your account to continue them on other devices.",
    take_into_account: "Take into my account",
    taken_into_account: |n| {
        if n == 1 {
            "1 application was taken into your account.".to_owned()
        } else {
            format!("{n} applications were taken into your account.")
        }
    },
    applications_heading: "My applications",
    applications_none: "You have not submitted any applications yet.",
    local_applications_intro: "Submitted on this device without signing in:",
    take_application: |r| format!("Take {r} into my account"),
    status_label: "Status",
    postfach_heading: "Inbox",
    unread: |n| match n {
        0 => "No unread messages".to_owned(),
        1 => "1 unread message".to_owned(),
        n => format!("{n} unread messages"),
    },
    no_messages: "You have no messages.",
    profile_heading: "Personal details",
    save: "Save",
    saved: "Saved.",
    change_password_heading: "Change password",
    current_password_label: "Current password",
    password_changed: "Your password was changed. You are signed out on other devices.",
    change_email_heading: "Change email address",
    new_email_label: "New email address",
    export_heading: "My data",
    export_intro: "Everything your account holds about you, as a JSON file: details, drafts, applications and messages.",
    export_button: "Download my data",
    delete_heading: "Delete account",
    delete_intro: "Your details, drafts and organisations are deleted. The authorities keep submitted applications and their messages as long as the law requires; they are then no longer linked to an account.",
    delete_button: "Delete account for good",
    sign_in_needed: "Please sign in to see your account.",
    organisations_heading: "Organisations",
    organisations_intro: "Apply for a company, an association or another organisation. Its members see its applications, nobody else.",
    organisations_none: "You do not belong to any organisation.",
    create_organisation: "Create an organisation",
    organisation_name_label: "Name of the organisation",
    register_id_label: "UID or commercial register number (optional)",
    register_id_hint: "For example CHE-109.322.551 or HRB 12345.",
    organisation_created: "The organisation was created.",
    members_heading: "Members",
    role_text: |r| match r {
        crate::account::OrgRole::Admin => "Administrator",
        crate::account::OrgRole::Member => "Member",
    },
    remove_member: |n| format!("Remove {n}"),
    invite_heading: "Invite someone",
    invite_role_label: "Role",
    invite_button: "Send invitation",
    invited: |e| format!("The invitation was sent to {e}."),
    organisation_applications_heading: "The organisation’s applications",
    invitation_heading: "Invitation to an organisation",
    invitation_accepted: "You are now a member of the organisation.",
};

const FORM_EN: AccountFormTexts = AccountFormTexts {
    eid_heading: "Sign in with your eID",
    eid_intro: "Some applications need your identity checked. With the eID you sign in without a password.",
    eid_button: |name| format!("Sign in with {name}"),
    from_authority: "Message from the authority",
    from_you: "Your reply",
    about_application: |r| format!("Application {r}"),
    reply_label: "Your reply",
    reply_files_label: "Attach files (optional)",
    reply_files_hint: "PDF, JPEG or PNG, at most 10 files.",
    send_reply: "Send reply",
    reply_sent: "Your reply was sent.",
    verified_mark: "confirmed by eID",
    conflict_heading: "This application was changed on another device",
    conflict_intro: "Other answers were saved on another device. Choose which version counts; the other is discarded.",
    conflict_field: "Question",
    conflict_here: "On this device",
    conflict_there: "On the other device",
    conflict_empty: "(empty)",
    keep_here: "Keep the answers from this device",
    take_there: "Take the answers from the other device",
    saved_in_account: "Your answers are saved on this device and in your account.",
    step_up_heading: "This application needs your eID",
    step_up_body: |l| {
        format!(
            "The authority must be sure who applies (assurance level {}). Sign in with your eID; you come back here afterwards with all your answers.",
            match l {
                Level::Low => "low",
                Level::Substantial => "substantial",
                Level::High => "high",
            }
        )
    },
    apply_for_legend: "Who are you applying for?",
    for_myself: "For myself",
    for_organisation: |n| format!("For {n}"),
    prefilled_notice: |f| format!("Taken from your account: {f}. Check them; you can change them."),
};

/// The texts of the page shell that depend on who is signed in — the header's account link,
/// clerk mode's link and the session's timeout warning — kept apart from the account pages'
/// texts, so that every page can show them without carrying those (`contract::bundles`).
#[derive(Debug)]
pub struct ShellTexts {
    /// Header link while nobody is signed in.
    pub nav_sign_in: &'static str,
    /// Header link to the account while signed in.
    pub nav_account: &'static str,
    /// After deleting the account.
    pub deleted: &'static str,
    /// The timeout warning's heading.
    pub timeout_heading: &'static str,
    /// The timeout warning: signed out in about this many minutes and seconds.
    pub timeout_body: fn(u64) -> String,
    /// Button: stay signed in.
    pub stay_signed_in: &'static str,
    /// Shown after the session ended by itself.
    pub session_ended: &'static str,
    /// Name of clerk mode (header, titles).
    pub staff_area: &'static str,
}

impl ShellTexts {
    /// The texts for `lang`.
    pub const fn for_lang(lang: Lang) -> &'static ShellTexts {
        match lang {
            Lang::De => &SHELL_DE,
            Lang::Fr => &SHELL_FR,
            Lang::It => &SHELL_IT,
            Lang::En => &SHELL_EN,
        }
    }
}

const SHELL_DE: ShellTexts = ShellTexts {
    nav_sign_in: "Anmelden",
    nav_account: "Mein Konto",
    deleted: "Ihr Konto wurde gelöscht.",
    timeout_heading: "Sind Sie noch da?",
    timeout_body: |s| {
        let (m, s) = minutes_seconds(s);
        format!(
            "Ohne Aktivität werden Sie in {m} Min. {s} Sek. abgemeldet. Ihre Angaben bleiben auf diesem Gerät gespeichert."
        )
    },
    stay_signed_in: "Angemeldet bleiben",
    session_ended: "Sie wurden abgemeldet, weil Sie länger nicht aktiv waren. Ihre Angaben sind auf diesem Gerät gespeichert.",
    staff_area: "Sachbearbeitung",
};

const SHELL_FR: ShellTexts = ShellTexts {
    nav_sign_in: "Se connecter",
    nav_account: "Mon compte",
    deleted: "Votre compte a été supprimé.",
    timeout_heading: "Êtes-vous toujours là ?",
    timeout_body: |s| {
        let (m, s) = minutes_seconds(s);
        format!(
            "Sans activité, vous serez déconnecté·e dans {m} min {s} s. Vos données restent enregistrées sur cet appareil."
        )
    },
    stay_signed_in: "Rester connecté·e",
    session_ended: "Vous avez été déconnecté·e après une période d’inactivité. Vos données sont enregistrées sur cet appareil.",
    staff_area: "Traitement des dossiers",
};

const SHELL_IT: ShellTexts = ShellTexts {
    nav_sign_in: "Accedi",
    nav_account: "Il mio conto",
    deleted: "Il vostro conto è stato eliminato.",
    timeout_heading: "Siete ancora qui?",
    timeout_body: |s| {
        let (m, s) = minutes_seconds(s);
        format!(
            "Senza attività uscirete dal conto tra {m} min {s} s. I vostri dati restano salvati su questo dispositivo."
        )
    },
    stay_signed_in: "Resta collegato",
    session_ended: "Siete usciti dal conto dopo un periodo di inattività. I vostri dati sono salvati su questo dispositivo.",
    staff_area: "Trattamento delle pratiche",
};

const SHELL_EN: ShellTexts = ShellTexts {
    nav_sign_in: "Sign in",
    nav_account: "My account",
    deleted: "Your account was deleted.",
    timeout_heading: "Are you still there?",
    timeout_body: |s| {
        let (m, s) = minutes_seconds(s);
        format!(
            "Without activity you will be signed out in {m} min {s} s. Your answers stay saved on this device."
        )
    },
    stay_signed_in: "Stay signed in",
    session_ended: "You were signed out after a time without activity. Your answers are saved on this device.",
    staff_area: "Case work",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_fills_its_patterns() {
        for lang in Lang::ALL {
            let t = AccountTexts::for_lang(lang);
            assert!((t.signed_in_as)("Anna Muster", "a@b.ch").contains("a@b.ch"));
            assert!((t.taken_into_account)(3).contains('3'));
            assert!((t.unread)(4).contains('4'));
            assert!((t.eid_button)("AGOV").contains("AGOV"));
            assert!((t.take_application)("TH-1").contains("TH-1"));
            assert_ne!((t.level_text)(Level::Low), (t.level_text)(Level::High));
            assert_ne!(
                (t.step_up_body)(Level::Substantial),
                (t.step_up_body)(Level::High)
            );
        }
        for lang in Lang::ALL {
            let t = ShellTexts::for_lang(lang);
            assert!((t.timeout_body)(125).contains('2') && (t.timeout_body)(125).contains('5'));
        }
        // Languages differ (no copy left untranslated).
        assert_ne!(DE.sign_in_intro, FR.sign_in_intro);
        assert_ne!(IT.sign_in_intro, EN.sign_in_intro);
    }
}
