//! The account's e-mails: confirm the address, set a new password, confirm a new address,
//! and the notices that tell the owner what happened (plain text, the account's language).
//!
//! They are sent at once in the background: the answer to the request never waits for the
//! mail server and takes as long whether or not an e-mail goes out. A lost e-mail is asked
//! for again (signing in with an unconfirmed address sends a new link).

use contract::Lang;
use lettre::message::header::ContentType;
use lettre::{AsyncTransport, Message};

use crate::receipt::mail::Mailer;

/// What an e-mail is about.
#[derive(Debug, Clone)]
pub enum AccountMail {
    /// Confirm the address of a new account (link with the token).
    Verify { token: String },
    /// Someone tried to register with an address that has an account.
    AlreadyRegistered,
    /// A link to set a new password.
    Reset { token: String },
    /// Confirm a new sign-in address (sent to the new one).
    ConfirmNewEmail { token: String },
    /// The sign-in address was changed to another (sent to the old one).
    EmailChanged,
    /// The password was changed.
    PasswordChanged,
    /// The authority wrote about an application (the e-mail says nothing of its content).
    NewMessage { reference: String },
    /// An invitation to join an organisation.
    Invitation { organisation: String, token: String },
    /// An invitation to a new staff member of `authority` to set up password and
    /// authenticator app.
    StaffInvitation { authority: String, token: String },
}

struct Texts {
    subject_verify: &'static str,
    verify: &'static str,
    subject_registered: &'static str,
    registered: &'static str,
    subject_reset: &'static str,
    reset: &'static str,
    subject_new_email: &'static str,
    new_email: &'static str,
    subject_email_changed: &'static str,
    email_changed: &'static str,
    subject_password_changed: &'static str,
    password_changed: &'static str,
    subject_invitation: &'static str,
    invitation: &'static str,
    subject_message: &'static str,
    message: &'static str,
    subject_staff_invitation: &'static str,
    staff_invitation: &'static str,
    greeting: &'static str,
    not_you: &'static str,
    no_reply: &'static str,
}

const DE: Texts = Texts {
    subject_verify: "Bitte bestätigen Sie Ihre E-Mail-Adresse",
    verify: "Sie haben ein Bürgerkonto bei Schalter eröffnet. Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link (48 Stunden gültig):",
    subject_registered: "Ihr Bürgerkonto bei Schalter",
    registered: "Jemand wollte mit dieser E-Mail-Adresse ein Bürgerkonto eröffnen. Sie haben schon eines. Melden Sie sich an oder setzen Sie Ihr Passwort zurück:",
    subject_reset: "Neues Passwort für Ihr Bürgerkonto",
    reset: "Mit diesem Link setzen Sie ein neues Passwort (1 Stunde gültig, nur einmal verwendbar):",
    subject_new_email: "Bitte bestätigen Sie Ihre neue E-Mail-Adresse",
    new_email: "Bitte bestätigen Sie, dass Sie sich künftig mit dieser E-Mail-Adresse anmelden (24 Stunden gültig):",
    subject_email_changed: "Die E-Mail-Adresse Ihres Bürgerkontos wird geändert",
    email_changed: "Für Ihr Bürgerkonto wurde eine neue E-Mail-Adresse angegeben. Sobald sie bestätigt ist, melden Sie sich mit ihr an.",
    subject_password_changed: "Ihr Passwort wurde geändert",
    password_changed: "Das Passwort Ihres Bürgerkontos wurde geändert. Alle anderen Anmeldungen wurden beendet.",
    subject_invitation: "Einladung in eine Organisation auf Schalter",
    invitation: "Sie wurden eingeladen, für «{}» Anträge zu stellen. Melden Sie sich mit dieser E-Mail-Adresse an (oder eröffnen Sie ein Bürgerkonto) und nehmen Sie die Einladung an (7 Tage gültig):",
    subject_message: "Neue Nachricht zu Ihrem Antrag",
    message: "Die zuständige Stelle hat Ihnen eine Nachricht zu Ihrem Antrag {} geschickt. Sie lesen sie in Ihrem Postfach auf Schalter:",
    subject_staff_invitation: "Ihr Zugang zur Sachbearbeitung auf Schalter",
    staff_invitation: "Sie wurden als Mitarbeiterin oder Mitarbeiter von «{}» auf Schalter eingetragen. Richten Sie mit diesem Link Ihr Passwort und Ihre Authenticator-App ein (72 Stunden gültig, nur einmal verwendbar):",
    greeting: "Guten Tag",
    not_you: "Waren Sie das nicht? Dann setzen Sie bitte Ihr Passwort zurück oder wenden Sie sich an uns.",
    no_reply: "Dies ist eine automatisch versandte Nachricht; Antworten werden nicht gelesen.",
};

const FR: Texts = Texts {
    subject_verify: "Veuillez confirmer votre adresse e-mail",
    verify: "Vous avez ouvert un compte citoyen sur Schalter. Veuillez confirmer votre adresse e-mail avec ce lien (valable 48 heures) :",
    subject_registered: "Votre compte citoyen sur Schalter",
    registered: "Quelqu’un a voulu ouvrir un compte citoyen avec cette adresse e-mail. Vous en avez déjà un. Connectez-vous ou réinitialisez votre mot de passe :",
    subject_reset: "Nouveau mot de passe pour votre compte citoyen",
    reset: "Ce lien vous permet de définir un nouveau mot de passe (valable 1 heure, utilisable une seule fois) :",
    subject_new_email: "Veuillez confirmer votre nouvelle adresse e-mail",
    new_email: "Veuillez confirmer que vous vous connecterez désormais avec cette adresse e-mail (valable 24 heures) :",
    subject_email_changed: "L’adresse e-mail de votre compte citoyen va changer",
    email_changed: "Une nouvelle adresse e-mail a été indiquée pour votre compte citoyen. Dès qu’elle sera confirmée, vous vous connecterez avec elle.",
    subject_password_changed: "Votre mot de passe a été modifié",
    password_changed: "Le mot de passe de votre compte citoyen a été modifié. Toutes les autres sessions ont été fermées.",
    subject_invitation: "Invitation dans une organisation sur Schalter",
    invitation: "Vous avez été invité·e à déposer des demandes pour « {} ». Connectez-vous avec cette adresse e-mail (ou ouvrez un compte citoyen) et acceptez l’invitation (valable 7 jours) :",
    subject_message: "Nouveau message concernant votre demande",
    message: "Le service compétent vous a envoyé un message concernant votre demande {}. Vous le lisez dans votre boîte aux lettres sur Schalter :",
    subject_staff_invitation: "Votre accès au traitement des dossiers sur Schalter",
    staff_invitation: "Vous avez été inscrit·e comme collaboratrice ou collaborateur de « {} » sur Schalter. Ce lien vous permet de définir votre mot de passe et votre application d’authentification (valable 72 heures, utilisable une seule fois) :",
    greeting: "Bonjour",
    not_you: "Ce n’était pas vous ? Veuillez alors réinitialiser votre mot de passe ou nous contacter.",
    no_reply: "Ce message a été envoyé automatiquement ; les réponses ne sont pas lues.",
};

const IT: Texts = Texts {
    subject_verify: "Confermi il Suo indirizzo e-mail",
    verify: "Ha aperto un conto cittadino su Schalter. Confermi il Suo indirizzo e-mail con questo link (valido 48 ore):",
    subject_registered: "Il Suo conto cittadino su Schalter",
    registered: "Qualcuno ha voluto aprire un conto cittadino con questo indirizzo e-mail. Lei ne ha già uno. Acceda o reimposti la password:",
    subject_reset: "Nuova password per il Suo conto cittadino",
    reset: "Con questo link imposta una nuova password (valido 1 ora, utilizzabile una sola volta):",
    subject_new_email: "Confermi il Suo nuovo indirizzo e-mail",
    new_email: "Confermi che d’ora in poi accederà con questo indirizzo e-mail (valido 24 ore):",
    subject_email_changed: "L’indirizzo e-mail del Suo conto cittadino sarà cambiato",
    email_changed: "Per il Suo conto cittadino è stato indicato un nuovo indirizzo e-mail. Appena confermato, accederà con esso.",
    subject_password_changed: "La Sua password è stata cambiata",
    password_changed: "La password del Suo conto cittadino è stata cambiata. Tutti gli altri accessi sono stati chiusi.",
    subject_invitation: "Invito in un’organizzazione su Schalter",
    invitation: "È stato invitato a presentare domande per «{}». Acceda con questo indirizzo e-mail (o apra un conto cittadino) e accetti l’invito (valido 7 giorni):",
    subject_message: "Nuovo messaggio sulla Sua domanda",
    message: "Il servizio competente Le ha inviato un messaggio sulla Sua domanda {}. Lo legge nella Sua casella postale su Schalter:",
    subject_staff_invitation: "Il Suo accesso alla gestione delle pratiche su Schalter",
    staff_invitation: "È stato registrato come collaboratrice o collaboratore di «{}» su Schalter. Con questo link imposta la Sua password e la Sua app di autenticazione (valido 72 ore, utilizzabile una sola volta):",
    greeting: "Buongiorno",
    not_you: "Non è stato Lei? Reimposti allora la password o si rivolga a noi.",
    no_reply: "Questo messaggio è stato inviato automaticamente; le risposte non vengono lette.",
};

const EN: Texts = Texts {
    subject_verify: "Please confirm your e-mail address",
    verify: "You have opened a citizen account on Schalter. Please confirm your e-mail address with this link (valid for 48 hours):",
    subject_registered: "Your citizen account on Schalter",
    registered: "Someone wanted to open a citizen account with this e-mail address. You already have one. Sign in or reset your password:",
    subject_reset: "A new password for your citizen account",
    reset: "Use this link to set a new password (valid for 1 hour, once):",
    subject_new_email: "Please confirm your new e-mail address",
    new_email: "Please confirm that you will sign in with this e-mail address from now on (valid for 24 hours):",
    subject_email_changed: "The e-mail address of your citizen account is being changed",
    email_changed: "A new e-mail address was given for your citizen account. Once it is confirmed, you sign in with it.",
    subject_password_changed: "Your password was changed",
    password_changed: "The password of your citizen account was changed. All other sessions were ended.",
    subject_invitation: "Invitation to an organisation on Schalter",
    invitation: "You have been invited to apply on behalf of “{}”. Sign in with this e-mail address (or open a citizen account) and accept the invitation (valid for 7 days):",
    subject_message: "New message about your application",
    message: "The authority has sent you a message about your application {}. You read it in your inbox on Schalter:",
    subject_staff_invitation: "Your access to case work on Schalter",
    staff_invitation: "You have been added as a member of staff of “{}” on Schalter. Use this link to set up your password and your authenticator app (valid for 72 hours, once):",
    greeting: "Hello",
    not_you: "This was not you? Then please reset your password or contact us.",
    no_reply: "This message was sent automatically; replies are not read.",
};

fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &DE,
        Lang::Fr => &FR,
        Lang::It => &IT,
        Lang::En => &EN,
    }
}

/// The page of the app a link opens (`/<lang>/konto/…`, `/<lang>/amt/…`), with the token in the fragment so
/// that it never reaches a server log or a `Referer`.
fn link(public_url: &str, lang: Lang, page: &str, token: Option<&str>) -> String {
    let base = format!(
        "{}/{}/{page}",
        public_url.trim_end_matches('/'),
        lang.code()
    );
    match token {
        Some(t) => format!("{base}#token={t}"),
        None => base,
    }
}

/// The e-mail `mail` to `to` in `lang`.
pub fn message(
    mailer: &Mailer,
    public_url: &str,
    to: &str,
    lang: Lang,
    mail: &AccountMail,
) -> anyhow::Result<Message> {
    let t = texts(lang);
    let (subject, body, url, warn) = match mail {
        AccountMail::Verify { token } => (
            t.subject_verify,
            t.verify.to_owned(),
            Some(link(public_url, lang, "konto/bestaetigen", Some(token))),
            false,
        ),
        AccountMail::AlreadyRegistered => (
            t.subject_registered,
            t.registered.to_owned(),
            Some(link(public_url, lang, "konto/anmelden", None)),
            true,
        ),
        AccountMail::Reset { token } => (
            t.subject_reset,
            t.reset.to_owned(),
            Some(link(public_url, lang, "konto/passwort-neu", Some(token))),
            true,
        ),
        AccountMail::ConfirmNewEmail { token } => (
            t.subject_new_email,
            t.new_email.to_owned(),
            Some(link(public_url, lang, "konto/bestaetigen", Some(token))),
            false,
        ),
        AccountMail::EmailChanged => (
            t.subject_email_changed,
            t.email_changed.to_owned(),
            None,
            true,
        ),
        AccountMail::Invitation {
            organisation,
            token,
        } => (
            t.subject_invitation,
            t.invitation.replace("{}", organisation),
            Some(link(public_url, lang, "konto/einladung", Some(token))),
            true,
        ),
        AccountMail::NewMessage { reference } => (
            t.subject_message,
            t.message.replace("{}", reference),
            Some(link(public_url, lang, "konto/postfach", None)),
            false,
        ),
        AccountMail::StaffInvitation { authority, token } => (
            t.subject_staff_invitation,
            t.staff_invitation.replace("{}", authority),
            Some(link(public_url, lang, "amt/zugang", Some(token))),
            false,
        ),
        AccountMail::PasswordChanged => (
            t.subject_password_changed,
            t.password_changed.to_owned(),
            None,
            true,
        ),
    };
    let mut text = format!("{},\n\n{body}\n", t.greeting);
    if let Some(url) = url {
        text.push_str(&format!("\n{url}\n"));
    }
    if warn {
        text.push_str(&format!("\n{}\n", t.not_you));
    }
    text.push_str(&format!(
        "\n-- \nSchalter · {}/{}/\n{}\n",
        public_url.trim_end_matches('/'),
        lang.code(),
        t.no_reply
    ));
    Message::builder()
        .from(mailer.from())
        .to(to.parse()?)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(text)
        .map_err(Into::into)
}

/// Sends `mail` to `to` in the background; a failure is logged (without the address).
pub fn send(mailer: Option<&Mailer>, public_url: &str, to: &str, lang: Lang, mail: AccountMail) {
    let Some(mailer) = mailer.cloned() else {
        tracing::warn!("no SMTP server configured: an account e-mail was not sent");
        return;
    };
    let message = match message(&mailer, public_url, to, lang, &mail) {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(error = %e, "an account e-mail could not be written");
            return;
        }
    };
    tokio::spawn(async move {
        if let Err(e) = mailer.transport().send(message).await {
            tracing::warn!(error = %e, "sending an account e-mail failed");
        }
    });
}
