//! The messages of the API's error answers ([`crate::api::ErrorBody`]) in every portal language.
//!
//! Same pattern as [`crate::texts`]: one struct, one constant per language, so a message missing
//! in any language is a compile error. The server picks the request's language (its `lang`
//! parameter or member, else `Accept-Language`); placeholders `{}` are filled in order by
//! [`ErrorTexts::fill`]. Messages say what happened and what to do, never how the server works.

use crate::Lang;

/// Every API error message in one language.
#[derive(Debug)]
pub struct ErrorTexts {
    /// `not_found`: no resource at the address (also a resource the asker may not see).
    pub not_found: &'static str,
    /// `method_not_allowed`.
    pub method_not_allowed: &'static str,
    /// `bad_request`: a request that cannot be understood at all.
    pub bad_request: &'static str,
    /// `bad_request`: the body is not JSON.
    pub body_not_json: &'static str,
    /// `bad_request`: a member of the JSON body is missing or has the wrong type; `{}` its path.
    pub body_member_invalid: &'static str,
    /// `bad_request`: a query parameter is missing or malformed; `{}` its name.
    pub parameter_invalid: &'static str,
    /// `bad_request`: a path segment is malformed.
    pub path_invalid: &'static str,
    /// `bad_request`: a parameter is longer than allowed; `{}` name, `{}` limit.
    pub parameter_too_long: &'static str,
    /// `unsupported_media_type`: the body must be JSON.
    pub json_required: &'static str,
    /// `payload_too_large`; `{}` the limit in bytes.
    pub payload_too_large: &'static str,
    /// `timeout`: the server gave up on the request.
    pub timeout: &'static str,
    /// `unavailable`: the database (or another dependency) does not answer.
    pub unavailable: &'static str,
    /// `internal`.
    pub internal: &'static str,
    /// `unauthorised`: the request needs credentials it did not bring.
    pub unauthorised: &'static str,
    /// `invalid_token`: the credentials are unknown, expired or revoked.
    pub invalid_token: &'static str,
    /// `token_expired`: a receipt's access token whose time is over.
    pub token_expired: &'static str,
    /// `forbidden`: the asker is known but may not do this.
    pub forbidden: &'static str,
    /// `conflict`: someone else changed the same thing at the same moment.
    pub conflict: &'static str,
    /// `rate_limited`; `{}` seconds to wait.
    pub rate_limited: &'static str,
    /// `email_quota`: the recipient has had too many confirmation e-mails today.
    pub email_quota: &'static str,
    /// `unknown_language`; `{}` what was asked for.
    pub unknown_language: &'static str,
    /// `unknown_municipality`; `{}` the id asked for.
    pub unknown_municipality: &'static str,
    /// `bad_request`: a municipality is required here.
    pub municipality_required: &'static str,
    /// `not_offered`: `{}` the form's owner, `{}` the municipality.
    pub not_offered: &'static str,
    /// `unknown_form_version`: `{}` the form, `{}` the version.
    pub unknown_form_version: &'static str,
    /// `form_version_expired`: the draft's version was replaced too long ago.
    pub form_version_expired: &'static str,
    /// `bad_request`: a version tag that is not `<template>.<overlay>`; `{}` what was sent.
    pub version_malformed: &'static str,
    /// `bad_request`: an idempotency key of the wrong shape.
    pub idempotency_key_malformed: &'static str,
    /// `idempotency_key_reused`: the key was used for other answers.
    pub idempotency_key_reused: &'static str,
    /// `invalid_answers`: the summary above the field errors.
    pub invalid_answers: &'static str,
    /// `no_authority`: nobody is registered to handle the service in the municipality.
    pub no_authority: &'static str,
    /// `bad_request`: an upload without the draft header; `{}` the header.
    pub draft_header_missing: &'static str,
    /// `bad_request`: an upload for a field that takes no files; `{}` the field.
    pub not_a_file_field: &'static str,
    /// `bad_request`: the upload's body ended early.
    pub upload_interrupted: &'static str,
    /// `file_empty`.
    pub file_empty: &'static str,
    /// `too_many_uploads`.
    pub too_many_uploads: &'static str,
    /// `origin_not_allowed`: `{}` the municipality's name.
    pub origin_not_allowed: &'static str,
    /// `unknown_tenant`: `{}` the municipality id.
    pub unknown_tenant: &'static str,
    /// `invalid_input`: the summary above the field errors of an account form.
    pub invalid_input: &'static str,
    /// `invalid_credentials`: e-mail address or password wrong (never says which).
    pub invalid_credentials: &'static str,
    /// `email_not_verified`: the address is not confirmed yet; a new link is on its way.
    pub email_not_verified: &'static str,
    /// `invalid_link`: an e-mailed link that is unknown, used or expired.
    pub invalid_link: &'static str,
    /// `busy`: too many sign-ins at this moment.
    pub busy: &'static str,
    /// `cross_site`: a state-changing request from another site.
    pub cross_site: &'static str,
    /// `level_not_offered`: the eID provider cannot confirm the level asked for.
    pub level_not_offered: &'static str,
    /// `eid_unavailable`: the eID provider does not answer.
    pub eid_unavailable: &'static str,
    /// `assurance_required`: the form needs a confirmed identity (eID) of a level.
    pub assurance_required: &'static str,
    /// `draft_conflict`: another device saved the draft meanwhile.
    pub draft_conflict: &'static str,
    /// `case_changed`: a colleague changed the case meanwhile.
    pub case_changed: &'static str,
    /// `own_role`: an administrator cannot change or remove their own role.
    pub own_role: &'static str,
    /// `set_up_already`: the member signs in with a password already (or is disabled); no
    /// invitation.
    pub set_up_already: &'static str,
    /// `overlay_changed`: another administrator published the form meanwhile.
    pub overlay_changed: &'static str,
    /// `payment_unavailable`: the payment provider does not answer.
    pub payment_unavailable: &'static str,
    /// `nothing_to_pay`: the fee is paid already, or there is none.
    pub nothing_to_pay: &'static str,
    /// `payment_method`: this form's fee cannot be paid that way (for example an invoice where
    /// the fee is due before the application counts).
    pub payment_method: &'static str,
    /// `payment_refund`: the payment cannot be refunded (not paid online, or refunded already).
    pub payment_refund: &'static str,
    /// `overlay_problems`: the adapted form cannot be published as it is.
    pub overlay_problems: &'static str,
    /// `status_not_allowed`: the case cannot move to that status from where it stands.
    pub status_not_allowed: &'static str,
    /// `too_many_drafts`: `{}` the most an account keeps.
    pub too_many_drafts: &'static str,
    /// `file_type`: a message file of a type not accepted (PDF, JPEG, PNG).
    pub message_file_type: &'static str,
    /// `file_too_large`: `{}` the limit in MB.
    pub message_file_too_large: &'static str,
}

impl ErrorTexts {
    /// The messages in one language.
    pub const fn for_lang(lang: Lang) -> &'static ErrorTexts {
        match lang {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }

    /// Fills the `{}` of `pattern` with `values`, in order.
    pub fn fill(pattern: &str, values: &[&str]) -> String {
        let mut out = String::with_capacity(pattern.len() + 16);
        let mut rest = pattern;
        for v in values {
            match rest.split_once("{}") {
                Some((before, after)) => {
                    out.push_str(before);
                    out.push_str(v);
                    rest = after;
                }
                None => break,
            }
        }
        out.push_str(rest);
        out
    }
}

const DE: ErrorTexts = ErrorTexts {
    not_found: "Unter dieser Adresse gibt es nichts.",
    method_not_allowed: "Diese Adresse nimmt diese Art von Anfrage nicht an.",
    bad_request: "Die Anfrage konnte nicht verstanden werden.",
    body_not_json: "Der Inhalt der Anfrage ist kein gültiges JSON.",
    body_member_invalid: "Die Angabe „{}“ fehlt oder hat nicht die erwartete Form.",
    parameter_invalid: "Der Parameter „{}“ fehlt oder hat nicht die erwartete Form.",
    path_invalid: "Die Adresse enthält einen ungültigen Teil.",
    parameter_too_long: "Der Parameter „{}“ ist zu lang (höchstens {} Zeichen).",
    json_required: "Bitte senden Sie den Inhalt als JSON (Content-Type: application/json).",
    payload_too_large: "Die Anfrage ist zu gross (höchstens {} Bytes).",
    timeout: "Die Anfrage hat zu lange gedauert. Bitte versuchen Sie es noch einmal.",
    unavailable: "Der Dienst ist vorübergehend nicht erreichbar. Bitte versuchen Sie es in Kürze noch einmal. Ihre Angaben bleiben erhalten.",
    internal: "Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.",
    unauthorised: "Dafür müssen Sie sich anmelden oder den Zugangsschlüssel Ihrer Eingangsbestätigung vorweisen.",
    invalid_token: "Ihr Zugang ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an.",
    token_expired: "Ihr Zugang zu dieser Eingangsbestätigung ist abgelaufen. Die zuständige Stelle kann Ihnen einen neuen schicken.",
    forbidden: "Dazu sind Sie nicht berechtigt.",
    conflict: "Das wurde gerade von anderer Seite geändert. Bitte laden Sie neu und versuchen Sie es noch einmal.",
    rate_limited: "Zu viele Anfragen. Bitte warten Sie {} Sekunden und versuchen Sie es dann noch einmal.",
    email_quota: "An diese E-Mail-Adresse wurden heute schon zu viele Bestätigungen geschickt. Bitte geben Sie eine andere Adresse an oder versuchen Sie es morgen wieder.",
    unknown_language: "Die Sprache „{}“ gibt es hier nicht; möglich sind de, fr, it und en.",
    unknown_municipality: "Eine Gemeinde „{}“ ist nicht bekannt.",
    municipality_required: "Bitte wählen Sie eine Gemeinde.",
    not_offered: "Dieses Formular gilt für {}; {} bietet es nicht an.",
    unknown_form_version: "Das Formular {} hat keine Version {} für diese Gemeinde.",
    form_version_expired: "Das Formular wurde inzwischen geändert. Ihre Angaben werden in die aktuelle Fassung übernommen; bitte prüfen Sie sie und senden Sie den Antrag dann ab.",
    version_malformed: "Die Formularversion „{}“ ist ungültig; sie hat die Form 2.1.",
    idempotency_key_malformed: "Der Schlüssel des Antrags ist ungültig (16 bis 100 Zeichen aus A–Z, a–z, 0–9, - und _).",
    idempotency_key_reused: "Dieser Antrag wurde bereits mit anderen Angaben eingereicht. Beginnen Sie einen neuen Antrag, um einen weiteren einzureichen.",
    invalid_answers: "Der Antrag wurde nicht eingereicht: Bitte korrigieren Sie die markierten Angaben.",
    no_authority: "Für diese Gemeinde ist keine zuständige Stelle hinterlegt; bitte wenden Sie sich direkt an die Gemeinde.",
    draft_header_missing: "Die Kopfzeile {} mit dem Schlüssel des Antrags fehlt.",
    not_a_file_field: "„{}“ ist keine Frage, zu der man Dateien hochladen kann.",
    upload_interrupted: "Das Hochladen wurde unterbrochen. Bitte versuchen Sie es noch einmal.",
    file_empty: "Die Datei ist leer. Bitte wählen Sie eine andere Datei.",
    too_many_uploads: "Für diesen Antrag wurden zu viele Dateien hochgeladen.",
    origin_not_allowed: "Diese Website ist nicht berechtigt, die Suche von {} einzubinden.",
    unknown_tenant: "{} bietet das Suchfeld nicht zum Einbinden an.",
    invalid_input: "Bitte korrigieren Sie die markierten Angaben.",
    invalid_credentials: "E-Mail-Adresse oder Passwort stimmen nicht. Bitte prüfen Sie beides.",
    email_not_verified: "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Wir haben Ihnen den Link dazu noch einmal geschickt.",
    invalid_link: "Dieser Link ist ungültig, wurde schon benutzt oder ist abgelaufen. Bitte fordern Sie einen neuen an.",
    busy: "Gerade melden sich sehr viele Personen an. Bitte versuchen Sie es in einigen Sekunden noch einmal.",
    cross_site: "Diese Anfrage kam von einer anderen Website und wurde deshalb nicht ausgeführt.",
    level_not_offered: "Dieser Anbieter kann Ihre Identität nicht auf der nötigen Stufe bestätigen. Bitte wählen Sie einen anderen.",
    eid_unavailable: "Der Anbieter der elektronischen Identität ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal. Ihre Angaben bleiben erhalten.",
    assurance_required: "Für diesen Antrag müssen Sie sich mit einer elektronischen Identität (E-ID) anmelden. Ihre Angaben bleiben erhalten.",
    draft_conflict: "Dieser Entwurf wurde inzwischen auf einem anderen Gerät geändert. Bitte wählen Sie, welche Fassung gelten soll.",
    case_changed: "Dieser Fall wurde inzwischen von jemand anderem geändert. Bitte laden Sie ihn neu und prüfen Sie den aktuellen Stand.",
    own_role: "Ihre eigene Rolle können Sie nicht ändern oder entfernen. Bitte bitten Sie eine andere Administratorin oder einen anderen Administrator darum.",
    set_up_already: "Diese Person meldet sich schon mit Passwort und Authenticator-App an (oder ist gesperrt). Eine Einladung ist nicht nötig; wer sein Passwort vergessen hat, wendet sich an die Portal-Administration.",
    overlay_changed: "Jemand anderes hat dieses Formular inzwischen angepasst. Bitte laden Sie es neu; Ihre Änderungen sind noch auf der Seite.",
    payment_unavailable: "Der Zahlungsanbieter ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten noch einmal. Ihr Antrag und Ihre Angaben bleiben gespeichert.",
    nothing_to_pay: "Für diesen Antrag ist nichts (mehr) zu bezahlen.",
    payment_method: "Diese Gebühr kann nicht auf diese Weise bezahlt werden. Bitte wählen Sie die Online-Zahlung.",
    payment_refund: "Diese Zahlung kann nicht zurückerstattet werden: Sie wurde nicht online bezahlt oder ist bereits erstattet.",
    overlay_problems: "So kann das Formular nicht veröffentlicht werden. Die Liste nennt, was zu ändern ist.",
    status_not_allowed: "Dieser Schritt ist im aktuellen Status des Falls nicht möglich.",
    too_many_drafts: "Ihr Konto hat schon {} Entwürfe. Bitte löschen Sie einen, bevor Sie einen neuen speichern.",
    message_file_type: "Bitte senden Sie PDF-, JPEG- oder PNG-Dateien.",
    message_file_too_large: "Die Datei ist zu gross (höchstens {} MB).",
};

const FR: ErrorTexts = ErrorTexts {
    not_found: "Il n’y a rien à cette adresse.",
    method_not_allowed: "Cette adresse n’accepte pas ce type de requête.",
    bad_request: "La requête n’a pas pu être comprise.",
    body_not_json: "Le contenu de la requête n’est pas du JSON valide.",
    body_member_invalid: "L’indication « {} » manque ou n’a pas la forme attendue.",
    parameter_invalid: "Le paramètre « {} » manque ou n’a pas la forme attendue.",
    path_invalid: "L’adresse contient une partie non valable.",
    parameter_too_long: "Le paramètre « {} » est trop long ({} caractères au plus).",
    json_required: "Veuillez envoyer le contenu en JSON (Content-Type: application/json).",
    payload_too_large: "La requête est trop volumineuse ({} octets au plus).",
    timeout: "La requête a pris trop de temps. Veuillez réessayer.",
    unavailable: "Le service est momentanément indisponible. Veuillez réessayer dans un instant. Vos indications sont conservées.",
    internal: "Une erreur s’est produite de notre côté. Veuillez réessayer plus tard.",
    unauthorised: "Pour cela, vous devez vous connecter ou présenter la clé d’accès de votre accusé de réception.",
    invalid_token: "Votre accès n’est pas valable ou a expiré. Veuillez vous reconnecter.",
    token_expired: "Votre accès à cet accusé de réception a expiré. Le service compétent peut vous en envoyer un nouveau.",
    forbidden: "Vous n’êtes pas autorisé·e à faire cela.",
    conflict: "Cela vient d’être modifié par ailleurs. Veuillez recharger et réessayer.",
    rate_limited: "Trop de requêtes. Veuillez attendre {} secondes, puis réessayer.",
    email_quota: "Trop de confirmations ont déjà été envoyées aujourd’hui à cette adresse e-mail. Veuillez indiquer une autre adresse ou réessayer demain.",
    unknown_language: "La langue « {} » n’existe pas ici ; les langues possibles sont de, fr, it et en.",
    unknown_municipality: "Aucune commune « {} » n’est connue.",
    municipality_required: "Veuillez choisir une commune.",
    not_offered: "Ce formulaire vaut pour {} ; {} ne le propose pas.",
    unknown_form_version: "Le formulaire {} n’a pas de version {} pour cette commune.",
    form_version_expired: "Le formulaire a été modifié entre-temps. Vos indications sont reprises dans la version actuelle ; veuillez les vérifier, puis envoyer la demande.",
    version_malformed: "La version de formulaire « {} » n’est pas valable ; elle a la forme 2.1.",
    idempotency_key_malformed: "La clé de la demande n’est pas valable (16 à 100 caractères parmi A–Z, a–z, 0–9, - et _).",
    idempotency_key_reused: "Cette demande a déjà été envoyée avec d’autres indications. Commencez une nouvelle demande pour en envoyer une autre.",
    invalid_answers: "La demande n’a pas été envoyée : veuillez corriger les indications signalées.",
    no_authority: "Aucun service compétent n’est enregistré pour cette commune ; veuillez vous adresser directement à la commune.",
    draft_header_missing: "L’en-tête {} avec la clé de la demande manque.",
    not_a_file_field: "« {} » n’est pas une question à laquelle on peut joindre des fichiers.",
    upload_interrupted: "L’envoi du fichier a été interrompu. Veuillez réessayer.",
    file_empty: "Le fichier est vide. Veuillez choisir un autre fichier.",
    too_many_uploads: "Trop de fichiers ont été envoyés pour cette demande.",
    origin_not_allowed: "Ce site web n’est pas autorisé à intégrer la recherche de {}.",
    unknown_tenant: "{} ne propose pas le champ de recherche à intégrer.",
    invalid_input: "Veuillez corriger les indications signalées.",
    invalid_credentials: "L’adresse e-mail ou le mot de passe est incorrect. Veuillez vérifier les deux.",
    email_not_verified: "Veuillez d’abord confirmer votre adresse e-mail. Nous vous avons renvoyé le lien.",
    invalid_link: "Ce lien n’est pas valable, a déjà été utilisé ou a expiré. Veuillez en demander un nouveau.",
    busy: "Beaucoup de personnes se connectent en ce moment. Veuillez réessayer dans quelques secondes.",
    cross_site: "Cette requête provient d’un autre site web et n’a donc pas été exécutée.",
    level_not_offered: "Ce fournisseur ne peut pas confirmer votre identité au niveau nécessaire. Veuillez en choisir un autre.",
    eid_unavailable: "Le fournisseur de l’identité électronique est momentanément indisponible. Veuillez réessayer plus tard. Vos indications sont conservées.",
    assurance_required: "Pour cette demande, vous devez vous connecter avec une identité électronique (e-ID). Vos indications sont conservées.",
    draft_conflict: "Ce brouillon a été modifié entre-temps sur un autre appareil. Veuillez choisir quelle version doit valoir.",
    case_changed: "Ce dossier a été modifié entre-temps par quelqu’un d’autre. Veuillez le recharger et vérifier son état actuel.",
    own_role: "Vous ne pouvez pas modifier ou retirer votre propre rôle. Veuillez le demander à une autre personne chargée de l’administration.",
    set_up_already: "Cette personne se connecte déjà avec mot de passe et application d’authentification (ou est bloquée). Une invitation n’est pas nécessaire ; en cas d’oubli du mot de passe, adressez-vous à l’administration du portail.",
    overlay_changed: "Quelqu’un d’autre a adapté ce formulaire entre-temps. Veuillez le recharger ; vos modifications sont encore sur la page.",
    payment_unavailable: "Le prestataire de paiement ne répond pas pour le moment. Veuillez réessayer dans quelques minutes. Votre demande et vos données restent enregistrées.",
    nothing_to_pay: "Il n’y a (plus) rien à payer pour cette demande.",
    payment_method: "Cet émolument ne peut pas être payé de cette manière. Veuillez choisir le paiement en ligne.",
    payment_refund: "Ce paiement ne peut pas être remboursé : il n’a pas été payé en ligne ou a déjà été remboursé.",
    overlay_problems: "Le formulaire ne peut pas être publié ainsi. La liste indique ce qu’il faut modifier.",
    status_not_allowed: "Cette étape n’est pas possible dans l’état actuel du dossier.",
    too_many_drafts: "Votre compte a déjà {} brouillons. Veuillez en supprimer un avant d’en enregistrer un nouveau.",
    message_file_type: "Veuillez envoyer des fichiers PDF, JPEG ou PNG.",
    message_file_too_large: "Le fichier est trop volumineux ({} Mo au plus).",
};

const IT: ErrorTexts = ErrorTexts {
    not_found: "A questo indirizzo non c’è nulla.",
    method_not_allowed: "Questo indirizzo non accetta questo tipo di richiesta.",
    bad_request: "Non è stato possibile comprendere la richiesta.",
    body_not_json: "Il contenuto della richiesta non è JSON valido.",
    body_member_invalid: "L’indicazione «{}» manca o non ha la forma prevista.",
    parameter_invalid: "Il parametro «{}» manca o non ha la forma prevista.",
    path_invalid: "L’indirizzo contiene una parte non valida.",
    parameter_too_long: "Il parametro «{}» è troppo lungo (al massimo {} caratteri).",
    json_required: "Invii il contenuto come JSON (Content-Type: application/json).",
    payload_too_large: "La richiesta è troppo grande (al massimo {} byte).",
    timeout: "La richiesta ha richiesto troppo tempo. Riprovi.",
    unavailable: "Il servizio non è momentaneamente raggiungibile. Riprovi tra poco. I suoi dati restano salvati.",
    internal: "Si è verificato un errore da parte nostra. Riprovi più tardi.",
    unauthorised: "Per questo deve accedere o presentare la chiave d’accesso della sua conferma di ricezione.",
    invalid_token: "Il suo accesso non è valido o è scaduto. Acceda di nuovo.",
    token_expired: "Il suo accesso a questa conferma di ricezione è scaduto. Il servizio competente può inviargliene uno nuovo.",
    forbidden: "Non è autorizzato/a a farlo.",
    conflict: "È appena stato modificato da un’altra parte. Ricarichi e riprovi.",
    rate_limited: "Troppe richieste. Attenda {} secondi e poi riprovi.",
    email_quota: "Oggi sono già state inviate troppe conferme a questo indirizzo e-mail. Indichi un altro indirizzo o riprovi domani.",
    unknown_language: "La lingua «{}» qui non esiste; sono possibili de, fr, it ed en.",
    unknown_municipality: "Non è noto alcun comune «{}».",
    municipality_required: "Scelga un comune.",
    not_offered: "Questo modulo vale per {}; {} non lo offre.",
    unknown_form_version: "Il modulo {} non ha una versione {} per questo comune.",
    form_version_expired: "Nel frattempo il modulo è stato modificato. I suoi dati vengono ripresi nella versione attuale; li verifichi e poi inoltri la domanda.",
    version_malformed: "La versione del modulo «{}» non è valida; ha la forma 2.1.",
    idempotency_key_malformed: "La chiave della domanda non è valida (da 16 a 100 caratteri tra A–Z, a–z, 0–9, - e _).",
    idempotency_key_reused: "Questa domanda è già stata inviata con altri dati. Inizi una nuova domanda per inviarne un’altra.",
    invalid_answers: "La domanda non è stata inoltrata: corregga le indicazioni segnalate.",
    no_authority: "Per questo comune non è registrato alcun servizio competente; si rivolga direttamente al comune.",
    draft_header_missing: "Manca l’intestazione {} con la chiave della domanda.",
    not_a_file_field: "«{}» non è una domanda a cui si possono allegare file.",
    upload_interrupted: "Il caricamento è stato interrotto. Riprovi.",
    file_empty: "Il file è vuoto. Scelga un altro file.",
    too_many_uploads: "Per questa domanda sono stati caricati troppi file.",
    origin_not_allowed: "Questo sito web non è autorizzato a integrare la ricerca di {}.",
    unknown_tenant: "{} non offre il campo di ricerca da integrare.",
    invalid_input: "Corregga le indicazioni segnalate.",
    invalid_credentials: "L’indirizzo e-mail o la password non sono corretti. Verifichi entrambi.",
    email_not_verified: "Confermi prima il Suo indirizzo e-mail. Le abbiamo inviato di nuovo il link.",
    invalid_link: "Questo link non è valido, è già stato usato o è scaduto. Ne richieda uno nuovo.",
    busy: "In questo momento molte persone stanno accedendo. Riprovi tra qualche secondo.",
    cross_site: "Questa richiesta proviene da un altro sito web e perciò non è stata eseguita.",
    level_not_offered: "Questo fornitore non può confermare la Sua identità al livello necessario. Ne scelga un altro.",
    eid_unavailable: "Il fornitore dell’identità elettronica non è raggiungibile al momento. Riprovi più tardi. I Suoi dati restano salvati.",
    assurance_required: "Per questa domanda deve accedere con un’identità elettronica (e-ID). I Suoi dati restano salvati.",
    draft_conflict: "Questa bozza è stata modificata nel frattempo su un altro dispositivo. Scelga quale versione deve valere.",
    case_changed: "Questo caso è stato modificato nel frattempo da un’altra persona. Lo ricarichi e verifichi lo stato attuale.",
    own_role: "Non può modificare o rimuovere il Suo ruolo. Lo chieda a un’altra persona che amministra.",
    set_up_already: "Questa persona accede già con password e app di autenticazione (o è bloccata). Un invito non è necessario; chi ha dimenticato la password si rivolga all’amministrazione del portale.",
    overlay_changed: "Un’altra persona ha adattato questo modulo nel frattempo. Lo ricarichi; le Sue modifiche sono ancora sulla pagina.",
    payment_unavailable: "Il fornitore di pagamento non risponde al momento. Riprovi tra qualche minuto. La Sua domanda e i Suoi dati restano salvati.",
    nothing_to_pay: "Per questa domanda non c’è (più) nulla da pagare.",
    payment_method: "Questo emolumento non può essere pagato in questo modo. Scelga il pagamento online.",
    payment_refund: "Questo pagamento non può essere rimborsato: non è stato pagato online o è già stato rimborsato.",
    overlay_problems: "Il modulo non può essere pubblicato così. L’elenco indica cosa modificare.",
    status_not_allowed: "Questo passo non è possibile nello stato attuale del caso.",
    too_many_drafts: "Il Suo conto ha già {} bozze. Ne elimini una prima di salvarne una nuova.",
    message_file_type: "Invii file PDF, JPEG o PNG.",
    message_file_too_large: "Il file è troppo grande (al massimo {} MB).",
};

const EN: ErrorTexts = ErrorTexts {
    not_found: "There is nothing at this address.",
    method_not_allowed: "This address does not accept this kind of request.",
    bad_request: "The request could not be understood.",
    body_not_json: "The body of the request is not valid JSON.",
    body_member_invalid: "The member “{}” is missing or does not have the expected form.",
    parameter_invalid: "The parameter “{}” is missing or does not have the expected form.",
    path_invalid: "The address contains a part that is not valid.",
    parameter_too_long: "The parameter “{}” is too long (at most {} characters).",
    json_required: "Please send the body as JSON (Content-Type: application/json).",
    payload_too_large: "The request is too large (at most {} bytes).",
    timeout: "The request took too long. Please try again.",
    unavailable: "The service is temporarily unavailable. Please try again shortly. What you entered is kept.",
    internal: "Something went wrong on our side. Please try again later.",
    unauthorised: "For this you need to sign in or show the access token of your receipt.",
    invalid_token: "Your access is not valid or has expired. Please sign in again.",
    token_expired: "Your access to this receipt has expired. The responsible office can send you a new one.",
    forbidden: "You are not allowed to do this.",
    conflict: "This was just changed elsewhere. Please reload and try again.",
    rate_limited: "Too many requests. Please wait {} seconds, then try again.",
    email_quota: "Too many confirmations have already been sent to this e-mail address today. Please give another address or try again tomorrow.",
    unknown_language: "There is no language “{}” here; use de, fr, it or en.",
    unknown_municipality: "No municipality “{}” is known.",
    municipality_required: "Please choose a municipality.",
    not_offered: "This form is for {}; {} does not offer it.",
    unknown_form_version: "Form {} has no version {} for this municipality.",
    form_version_expired: "The form has changed in the meantime. Your answers are carried over to the current version; please check them, then submit the application.",
    version_malformed: "The form version “{}” is not valid; it looks like 2.1.",
    idempotency_key_malformed: "The application's key is not valid (16 to 100 characters of A–Z, a–z, 0–9, - and _).",
    idempotency_key_reused: "This application was already submitted with other answers. Start a new application to submit another one.",
    invalid_answers: "The application was not submitted: please correct the marked answers.",
    no_authority: "No responsible office is registered for this municipality; please contact the municipality directly.",
    draft_header_missing: "The header {} with the application's key is missing.",
    not_a_file_field: "“{}” is not a question that takes files.",
    upload_interrupted: "The upload was interrupted. Please try again.",
    file_empty: "The file is empty. Please choose another file.",
    too_many_uploads: "Too many files were uploaded for this application.",
    origin_not_allowed: "This website is not registered to embed the search of {}.",
    unknown_tenant: "{} does not offer the search widget.",
    invalid_input: "Please correct the marked entries.",
    invalid_credentials: "The e-mail address or the password is wrong. Please check both.",
    email_not_verified: "Please confirm your e-mail address first. We have sent you the link again.",
    invalid_link: "This link is invalid, has been used already or has expired. Please ask for a new one.",
    busy: "Very many people are signing in right now. Please try again in a few seconds.",
    cross_site: "This request came from another website and was therefore not carried out.",
    level_not_offered: "This provider cannot confirm your identity at the level needed. Please choose another one.",
    eid_unavailable: "The electronic identity provider cannot be reached right now. Please try again later. What you entered is kept.",
    assurance_required: "For this application you need to sign in with an electronic identity (e-ID). What you entered is kept.",
    draft_conflict: "This draft was changed on another device meanwhile. Please choose which version counts.",
    case_changed: "Someone else changed this case meanwhile. Please reload it and check where it stands now.",
    own_role: "You cannot change or remove your own role. Please ask another administrator.",
    set_up_already: "This person signs in with password and authenticator app already (or is disabled). No invitation is needed; whoever forgot their password asks the portal administration.",
    overlay_changed: "Someone else adapted this form meanwhile. Please reload it; your changes are still on the page.",
    payment_unavailable: "The payment provider does not answer right now. Please try again in a few minutes. Your application and your answers stay saved.",
    nothing_to_pay: "There is nothing (left) to pay for this application.",
    payment_method: "This fee cannot be paid that way. Please choose to pay online.",
    payment_refund: "This payment cannot be refunded: it was not paid online or has been refunded already.",
    overlay_problems: "The form cannot be published like this. The list says what to change.",
    status_not_allowed: "This step is not possible in the case's current status.",
    too_many_drafts: "Your account already has {} drafts. Please delete one before saving a new one.",
    message_file_type: "Please send PDF, JPEG or PNG files.",
    message_file_too_large: "The file is too large (at most {} MB).",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_in_order_and_every_language_has_them() {
        assert_eq!(
            ErrorTexts::fill("Form {} has no version {}.", &["x", "2.1"]),
            "Form x has no version 2.1."
        );
        assert_eq!(ErrorTexts::fill("no holes", &["x"]), "no holes");
        for lang in Lang::ALL {
            let t = ErrorTexts::for_lang(lang);
            for (pattern, holes) in [
                (t.not_offered, 2),
                (t.unknown_form_version, 2),
                (t.parameter_too_long, 2),
                (t.rate_limited, 1),
                (t.payload_too_large, 1),
                (t.body_member_invalid, 1),
                (t.unknown_municipality, 1),
                (t.origin_not_allowed, 1),
                (t.not_found, 0),
            ] {
                assert_eq!(pattern.matches("{}").count(), holes, "{lang:?}: {pattern}");
            }
        }
    }
}
