//! The texts of the authority administration pages (staff and roles, services, contact) in
//! every portal language: one struct, one constant per language.

use crate::Lang;
use crate::cases::StaffRole;

/// Every text of the authority administration pages in one language.
#[derive(Debug)]
pub struct AdminTexts {
    /// Navigation and heading: the staff page.
    pub team_heading: &'static str,
    /// What the staff page is for.
    pub team_intro: &'static str,
    /// Column and label: name.
    pub name_label: &'static str,
    /// Column and label: e-mail address.
    pub email_label: &'static str,
    /// Column and legend: role.
    pub role_label: &'static str,
    /// Column: how the member signs in.
    pub sign_in_label: &'static str,
    /// Column: actions.
    pub actions_label: &'static str,
    /// A role's name.
    pub role_name: fn(StaffRole) -> &'static str,
    /// Signs in with password and authenticator app.
    pub via_password: &'static str,
    /// Signs in with the organisation's account.
    pub via_organisation: &'static str,
    /// Not set up to sign in yet.
    pub not_set_up: &'static str,
    /// An open invitation, until when (a date and time).
    pub invited_until: fn(&str) -> String,
    /// Button: send an invitation (again) to a member (with the name).
    pub invite: fn(&str) -> String,
    /// Announced: an invitation was sent.
    pub invited: fn(&str) -> String,
    /// Checkbox in the add form: send an invitation.
    pub invite_label: &'static str,
    /// Hint of the checkbox.
    pub invite_hint: &'static str,
    /// Disabled.
    pub disabled: &'static str,
    /// Marks the member signed in.
    pub you: &'static str,
    /// Button: save a member's role (with the name, for screen readers).
    pub save_role: fn(&str) -> String,
    /// Button: remove a member (with the name).
    pub remove: fn(&str) -> String,
    /// Heading: add a member.
    pub add_heading: &'static str,
    /// Hint under the add form.
    pub add_hint: &'static str,
    /// Button: add.
    pub add_button: &'static str,
    /// Announced: added.
    pub added: fn(&str) -> String,
    /// Announced: role saved.
    pub role_saved: fn(&str) -> String,
    /// Announced: removed.
    pub removed: fn(&str) -> String,
    /// Navigation and heading: the services and contact page.
    pub services_heading: &'static str,
    /// Heading of the services list.
    pub services_list: &'static str,
    /// What the services list is for.
    pub services_intro: &'static str,
    /// An authority without services of its own to switch.
    pub no_services: &'static str,
    /// Marks a service with an online form.
    pub online: &'static str,
    /// Label: narrow the list of services.
    pub filter_label: &'static str,
    /// Hint: how the list is ordered and narrowed.
    pub filter_hint: &'static str,
    /// How many of how many services are shown.
    pub shown_of: fn(usize, usize) -> String,
    /// Announced: a service switched on or off.
    pub switched: fn(&str, bool) -> String,
    /// Heading: contact and opening hours.
    pub contact_heading: &'static str,
    /// What the contact is for.
    pub contact_intro: &'static str,
    /// Label: phone.
    pub phone_label: &'static str,
    /// Label: website.
    pub website_label: &'static str,
    /// Hint: website.
    pub website_hint: &'static str,
    /// Legend: opening hours.
    pub hours_legend: &'static str,
    /// Label: opening hours in a language (its name).
    pub hours_in: fn(Lang) -> &'static str,
    /// Hint: opening hours.
    pub hours_hint: &'static str,
    /// Button: save the contact.
    pub save_contact: &'static str,
    /// Announced: saved.
    pub saved: &'static str,
    /// Navigation and heading: how fees are paid to the authority.
    pub payments_heading: &'static str,
    /// What the account is for.
    pub creditor_intro: &'static str,
    /// No account kept yet.
    pub no_creditor: &'static str,
    /// Label: IBAN.
    pub iban_label: &'static str,
    /// Hint: IBAN.
    pub iban_hint: &'static str,
    /// Label: BIC.
    pub bic_label: &'static str,
    /// Label: account holder.
    pub holder_label: &'static str,
    /// Label: street.
    pub street_label: &'static str,
    /// Label: building number.
    pub building_label: &'static str,
    /// Label: postal code.
    pub postcode_label: &'static str,
    /// Label: town.
    pub town_label: &'static str,
    /// Label: country.
    pub country_label: &'static str,
    /// Hint: country.
    pub country_hint: &'static str,
    /// Label: reference prefix.
    pub prefix_label: &'static str,
    /// Hint: reference prefix.
    pub prefix_hint: &'static str,
    /// Button: save the account.
    pub save_creditor: &'static str,
    /// Heading: the form's fees.
    pub fees_legend: &'static str,
    /// Checkbox: the municipality's own fee table.
    pub own_fees: &'static str,
    /// Hint: the own fee table.
    pub own_fees_hint: &'static str,
    /// Label suffix of a per-item amount: the position, and whether it holds for every further item.
    pub nth_item: fn(usize, bool) -> String,
    /// Hint: an amount in the currency.
    pub amount_hint: fn(&str) -> String,
    /// Error: not an amount.
    pub amount_invalid: &'static str,
    /// Legend: when the fee is due.
    pub due_legend: &'static str,
    /// Option: after submitting.
    pub due_later: &'static str,
    /// Option: before submitting.
    pub due_before: &'static str,
    /// Heading: extra questions.
    pub extra_heading: &'static str,
    /// What extra questions are.
    pub extra_hint: &'static str,
    /// Label: the step of a new question.
    pub extra_step: &'static str,
    /// Label: the kind of answer.
    pub extra_kind: &'static str,
    /// Names of the kinds: text, long text, yes/no, date.
    pub kind_names: [&'static str; 4],
    /// Label: the question (followed by the language).
    pub extra_question: &'static str,
    /// Checkbox: the new question must be answered.
    pub extra_required: &'static str,
    /// Button: add the question.
    pub extra_button: &'static str,
    /// Error: the question is missing in a language.
    pub extra_missing: &'static str,
    /// Button: remove an extra question.
    pub remove_added: &'static str,
    /// Navigation and heading: the municipality's forms.
    pub forms_heading: &'static str,
    /// What adapting a form means.
    pub forms_intro: &'static str,
    /// A form without the municipality's own adaptation.
    pub no_overlay: &'static str,
    /// A form's adaptation: revision and the template version it was written for.
    pub overlay_state: fn(u32, u32) -> String,
    /// The template is newer than the adaptation.
    pub template_newer: fn(u32) -> String,
    /// No forms.
    pub no_forms: &'static str,
    /// Heading: what changed in the template.
    pub changes_heading: &'static str,
    /// Heading: adaptations that no longer apply.
    pub issues_heading: &'static str,
    /// Heading: the adaptations.
    pub adapt_heading: &'static str,
    /// Label: hide the field.
    pub hide_label: &'static str,
    /// Label: make the field required.
    pub require_label: &'static str,
    /// Summary of the text inputs of a field.
    pub texts_summary: &'static str,
    /// Label: the field's own label in a language.
    pub own_label: fn(Lang) -> String,
    /// Label: the field's own help in a language.
    pub own_help: fn(Lang) -> String,
    /// Summary: the form's title and introduction.
    pub form_texts_summary: &'static str,
    /// Label: the form's title in a language.
    pub own_title: fn(Lang) -> String,
    /// Label: the form's introduction in a language.
    pub own_intro: fn(Lang) -> String,
    /// Hint: empty texts keep the template's.
    pub texts_hint: &'static str,
    /// Button: preview.
    pub preview_button: &'static str,
    /// Button: publish.
    pub publish_button: &'static str,
    /// Heading: the preview.
    pub preview_heading: &'static str,
    /// Marks a required field in the preview.
    pub required_mark: &'static str,
    /// Heading: what keeps it from being published.
    pub problems_heading: &'static str,
    /// Announced: published as revision n.
    pub published: fn(u32) -> String,
    /// Link back to the forms list.
    pub back_to_forms: &'static str,
}

impl AdminTexts {
    /// The texts for `lang`.
    pub const fn for_lang(lang: Lang) -> &'static AdminTexts {
        match lang {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }
}

const DE: AdminTexts = AdminTexts {
    team_heading: "Mitarbeitende",
    team_intro: "Wer die Fälle Ihrer Behörde bearbeitet und wer sie verwaltet. Eine entzogene Rolle gilt sofort.",
    name_label: "Name",
    email_label: "Dienstliche E-Mail-Adresse",
    role_label: "Rolle",
    sign_in_label: "Anmeldung",
    actions_label: "Aktionen",
    role_name: |r| match r {
        StaffRole::Clerk => "Sachbearbeitung",
        StaffRole::AuthorityAdmin => "Administration",
        StaffRole::PortalAdmin => "Portal-Administration",
    },
    via_password: "Passwort und Authenticator-App",
    via_organisation: "Konto der Organisation",
    not_set_up: "Noch nicht eingerichtet",
    invited_until: |d| format!("Eingeladen (Link gültig bis {d})"),
    invite: |n| format!("Einladung an {n} senden"),
    invited: |n| format!("Einladung an {n} gesendet."),
    invite_label: "Einladung per E-Mail senden",
    invite_hint: "Die Person richtet mit dem Link Passwort und Authenticator-App selbst ein (72 Stunden gültig). Ohne Einladung meldet sie sich nur über das Konto Ihrer Organisation an.",
    disabled: "Gesperrt",
    you: "(Sie)",
    save_role: |n| format!("Rolle von {n} speichern"),
    remove: |n| format!("{n} entfernen"),
    add_heading: "Mitarbeitende hinzufügen",
    add_hint: "Wen Sie hinzufügen, meldet sich mit dem Konto Ihrer Organisation an oder richtet Passwort und Authenticator-App mit der Einladung selbst ein. Wer schon bei einer anderen Stelle arbeitet, erhält hier zusätzlich eine Rolle.",
    add_button: "Hinzufügen",
    added: |n| format!("{n} wurde hinzugefügt."),
    role_saved: |n| format!("Die Rolle von {n} wurde gespeichert."),
    removed: |n| format!("{n} wurde entfernt."),
    services_heading: "Leistungen und Kontakt",
    services_list: "Leistungen Ihrer Gemeinde",
    services_intro: "Die Leistungen, für die Ihre Gemeinde selbst zuständig ist. Eine ausgeschaltete Leistung wird in Ihrer Gemeinde nicht mehr gefunden und nimmt keine Anträge mehr an.",
    no_services: "Ihre Behörde ist für keine Leistung zuständig, die sie selbst ein- oder ausschalten kann.",
    online: "online",
    filter_label: "Leistungen filtern",
    filter_hint: "Ausgeschaltete Leistungen stehen zuerst. Tippen Sie einen Teil des Namens.",
    shown_of: |n, of| format!("{n} von {of} Leistungen werden gezeigt."),
    switched: |title, on| {
        if on {
            format!("{title} wird angeboten.")
        } else {
            format!("{title} ist ausgeschaltet.")
        }
    },
    contact_heading: "Kontakt und Öffnungszeiten",
    contact_intro: "So erscheint Ihre Stelle auf den Seiten der Leistungen. Leere Felder zeigen die Angaben aus den amtlichen Daten.",
    phone_label: "Telefon",
    website_label: "Website",
    website_hint: "Beginnt mit https://",
    hours_legend: "Öffnungszeiten",
    hours_in: |l| match l {
        Lang::De => "Deutsch",
        Lang::Fr => "Französisch",
        Lang::It => "Italienisch",
        Lang::En => "Englisch",
    },
    hours_hint: "Leere Sprachen zeigen den deutschen Text.",
    save_contact: "Kontakt speichern",
    saved: "Gespeichert.",
    payments_heading: "Zahlungen",
    creditor_intro: "Auf dieses Konto bezahlen Antragstellende Gebühren, die nicht vorab online bezahlt werden: mit einem Schweizer QR-Einzahlungsschein (Konto in der Schweiz oder in Liechtenstein) oder einem GiroCode (andere Länder) auf der Eingangsbestätigung. Eine Änderung gilt für neue Anträge; ausgestellte Einzahlungsscheine bleiben, wie sie sind.",
    no_creditor: "Noch kein Konto hinterlegt: Gebühren werden ohne Einzahlungsschein in Rechnung gestellt.",
    iban_label: "IBAN oder QR-IBAN",
    iban_hint: "Mit einer QR-IBAN tragen die Einzahlungsscheine eine QR-Referenz, sonst eine Creditor Reference (RF).",
    bic_label: "BIC",
    holder_label: "Kontoinhaber",
    street_label: "Strasse",
    building_label: "Hausnummer",
    postcode_label: "Postleitzahl",
    town_label: "Ort",
    country_label: "Land",
    country_hint: "Zweistelliger Ländercode, zum Beispiel CH oder DE.",
    prefix_label: "Präfix der Referenz",
    prefix_hint: "Nur Ziffern, höchstens 12 – etwa die Kundennummer, die Ihre Bank zur QR-IBAN vergibt.",
    save_creditor: "Konto speichern",
    fees_legend: "Gebühren",
    own_fees: "Eigene Gebührentabelle verwenden",
    own_fees_hint: "Ausgangspunkt sind die Beträge der Vorlage; sie gelten für neue Anträge in Ihrer Gemeinde.",
    nth_item: |n, last| {
        if last {
            format!("ab dem {n}. Eintrag")
        } else {
            format!("{n}. Eintrag")
        }
    },
    amount_hint: |c| format!("Betrag in {c}, zum Beispiel 20.00"),
    amount_invalid: "Geben Sie einen Betrag wie 20.00 ein.",
    due_legend: "Wann ist die Gebühr zu bezahlen?",
    due_later: "Nach dem Einreichen (online oder mit Einzahlungsschein)",
    due_before: "Vor dem Einreichen: der Antrag gilt erst, wenn die Gebühr online bezahlt ist",
    extra_heading: "Zusätzliche Fragen",
    extra_hint: "Fragen, die nur Ihre Gemeinde stellt. Geben Sie die Frage in jeder Sprache des Formulars an.",
    extra_step: "Schritt",
    extra_kind: "Art der Antwort",
    kind_names: ["Kurzer Text", "Längerer Text", "Ja oder Nein", "Datum"],
    extra_question: "Frage",
    extra_required: "Pflichtangabe",
    extra_button: "Frage hinzufügen",
    extra_missing: "Geben Sie die Frage in jeder Sprache des Formulars an.",
    remove_added: "Entfernen",
    forms_heading: "Formulare",
    forms_intro: "Die Formulare Ihrer Leistungen kommen vom Kanton oder Land. Passen Sie an, was bei Ihnen anders ist: Texte, ausgeblendete und verlangte Angaben. Ändert sich die Vorlage, sehen Sie hier, was neu ist.",
    no_overlay: "Ohne eigene Anpassung",
    overlay_state: |r, v| format!("Eigene Anpassung, Fassung {r} (für Vorlage {v})"),
    template_newer: |v| {
        format!("Die Vorlage ist jetzt Fassung {v}: bitte prüfen und neu veröffentlichen.")
    },
    no_forms: "Zu den Leistungen Ihrer Gemeinde gibt es keine Online-Formulare.",
    changes_heading: "Was sich in der Vorlage geändert hat",
    issues_heading: "Anpassungen, die nicht mehr passen",
    adapt_heading: "Anpassungen",
    hide_label: "Ausblenden",
    require_label: "Pflichtangabe",
    texts_summary: "Texte anpassen",
    own_label: |l| format!("Eigene Beschriftung ({})", lang_de(l)),
    own_help: |l| format!("Eigener Hilfetext ({})", lang_de(l)),
    form_texts_summary: "Titel und Einleitung anpassen",
    own_title: |l| format!("Titel ({})", lang_de(l)),
    own_intro: |l| format!("Einleitung ({})", lang_de(l)),
    texts_hint: "Leer lassen: der Text der Vorlage gilt. Ein eigener Text braucht alle Sprachen des Formulars.",
    preview_button: "Vorschau zeigen",
    publish_button: "Veröffentlichen",
    preview_heading: "Vorschau: so sehen es die Antragstellenden",
    required_mark: "Pflicht",
    problems_heading: "So kann es nicht veröffentlicht werden",
    published: |r| format!("Fassung {r} ist veröffentlicht und gilt ab sofort."),
    back_to_forms: "Zurück zu den Formularen",
};

const FR: AdminTexts = AdminTexts {
    team_heading: "Collaboratrices et collaborateurs",
    team_intro: "Qui traite les dossiers de votre autorité et qui l’administre. Un rôle retiré l’est immédiatement.",
    name_label: "Nom",
    email_label: "Adresse e-mail professionnelle",
    role_label: "Rôle",
    sign_in_label: "Connexion",
    actions_label: "Actions",
    role_name: |r| match r {
        StaffRole::Clerk => "Traitement des dossiers",
        StaffRole::AuthorityAdmin => "Administration",
        StaffRole::PortalAdmin => "Administration du portail",
    },
    via_password: "Mot de passe et application d’authentification",
    via_organisation: "Compte de l’organisation",
    not_set_up: "Pas encore configuré",
    invited_until: |d| format!("Invité·e (lien valable jusqu’au {d})"),
    invite: |n| format!("Envoyer une invitation à {n}"),
    invited: |n| format!("Invitation envoyée à {n}."),
    invite_label: "Envoyer une invitation par e-mail",
    invite_hint: "La personne configure elle-même mot de passe et application d’authentification avec le lien (valable 72 heures). Sans invitation, elle se connecte seulement avec le compte de votre organisation.",
    disabled: "Bloqué",
    you: "(vous)",
    save_role: |n| format!("Enregistrer le rôle de {n}"),
    remove: |n| format!("Retirer {n}"),
    add_heading: "Ajouter une personne",
    add_hint: "La personne ajoutée se connecte avec le compte de votre organisation ou configure elle-même mot de passe et application d’authentification avec l’invitation. Qui travaille déjà pour une autre autorité reçoit ici un rôle de plus.",
    add_button: "Ajouter",
    added: |n| format!("{n} a été ajouté·e."),
    role_saved: |n| format!("Le rôle de {n} a été enregistré."),
    removed: |n| format!("{n} a été retiré·e."),
    services_heading: "Prestations et contact",
    services_list: "Prestations de votre commune",
    services_intro: "Les prestations dont votre commune est elle-même responsable. Une prestation désactivée n’est plus trouvée dans votre commune et n’accepte plus de demandes.",
    no_services: "Votre autorité n’est responsable d’aucune prestation qu’elle puisse activer ou désactiver elle-même.",
    online: "en ligne",
    filter_label: "Filtrer les prestations",
    filter_hint: "Les prestations désactivées figurent en premier. Tapez une partie du nom.",
    shown_of: |n, of| format!("{n} prestations sur {of} sont affichées."),
    switched: |title, on| {
        if on {
            format!("{title} est proposé.")
        } else {
            format!("{title} est désactivé.")
        }
    },
    contact_heading: "Contact et heures d’ouverture",
    contact_intro: "Ainsi apparaît votre service sur les pages des prestations. Les champs vides affichent les données officielles.",
    phone_label: "Téléphone",
    website_label: "Site web",
    website_hint: "Commence par https://",
    hours_legend: "Heures d’ouverture",
    hours_in: |l| match l {
        Lang::De => "allemand",
        Lang::Fr => "français",
        Lang::It => "italien",
        Lang::En => "anglais",
    },
    hours_hint: "Les langues laissées vides affichent le texte allemand.",
    save_contact: "Enregistrer le contact",
    saved: "Enregistré.",
    payments_heading: "Paiements",
    creditor_intro: "Les émoluments qui ne sont pas payés en ligne à l’avance sont versés sur ce compte : avec une QR-facture suisse (compte en Suisse ou au Liechtenstein) ou un GiroCode (autres pays) sur l’accusé de réception. Une modification vaut pour les nouvelles demandes ; les bulletins déjà émis restent tels quels.",
    no_creditor: "Aucun compte enregistré : les émoluments sont facturés sans bulletin de versement.",
    iban_label: "IBAN ou QR-IBAN",
    iban_hint: "Avec une QR-IBAN, les bulletins portent une référence QR, sinon une Creditor Reference (RF).",
    bic_label: "BIC",
    holder_label: "Titulaire du compte",
    street_label: "Rue",
    building_label: "Numéro",
    postcode_label: "Code postal",
    town_label: "Localité",
    country_label: "Pays",
    country_hint: "Code de pays à deux lettres, par exemple CH ou DE.",
    prefix_label: "Préfixe de la référence",
    prefix_hint: "Chiffres uniquement, 12 au plus – par exemple le numéro de client que votre banque attribue à la QR-IBAN.",
    save_creditor: "Enregistrer le compte",
    fees_legend: "Émoluments",
    own_fees: "Utiliser son propre tarif",
    own_fees_hint: "Les montants du modèle servent de point de départ ; ils valent pour les nouvelles demandes dans votre commune.",
    nth_item: |n, last| {
        if last {
            format!("dès la {n}e entrée")
        } else {
            format!("{n}e entrée")
        }
    },
    amount_hint: |c| format!("Montant en {c}, par exemple 20.00"),
    amount_invalid: "Indiquez un montant comme 20.00.",
    due_legend: "Quand l’émolument est-il dû ?",
    due_later: "Après l’envoi (en ligne ou avec le bulletin de versement)",
    due_before: "Avant l’envoi : la demande ne compte qu’une fois l’émolument payé en ligne",
    extra_heading: "Questions supplémentaires",
    extra_hint: "Des questions que seule votre commune pose. Indiquez la question dans chaque langue du formulaire.",
    extra_step: "Étape",
    extra_kind: "Type de réponse",
    kind_names: ["Texte court", "Texte long", "Oui ou non", "Date"],
    extra_question: "Question",
    extra_required: "Obligatoire",
    extra_button: "Ajouter la question",
    extra_missing: "Indiquez la question dans chaque langue du formulaire.",
    remove_added: "Supprimer",
    forms_heading: "Formulaires",
    forms_intro: "Les formulaires de vos prestations viennent du canton ou du Land. Adaptez ce qui diffère chez vous : textes, indications masquées ou exigées. Si le modèle change, vous voyez ici ce qui est nouveau.",
    no_overlay: "Sans adaptation propre",
    overlay_state: |r, v| format!("Adaptation propre, version {r} (pour le modèle {v})"),
    template_newer: |v| {
        format!("Le modèle est maintenant en version {v} : veuillez vérifier et republier.")
    },
    no_forms: "Les prestations de votre commune n’ont pas de formulaire en ligne.",
    changes_heading: "Ce qui a changé dans le modèle",
    issues_heading: "Adaptations qui ne s’appliquent plus",
    adapt_heading: "Adaptations",
    hide_label: "Masquer",
    require_label: "Obligatoire",
    texts_summary: "Adapter les textes",
    own_label: |l| format!("Libellé propre ({})", lang_fr(l)),
    own_help: |l| format!("Aide propre ({})", lang_fr(l)),
    form_texts_summary: "Adapter le titre et l’introduction",
    own_title: |l| format!("Titre ({})", lang_fr(l)),
    own_intro: |l| format!("Introduction ({})", lang_fr(l)),
    texts_hint: "Laisser vide : le texte du modèle s’applique. Un texte propre demande toutes les langues du formulaire.",
    preview_button: "Afficher l’aperçu",
    publish_button: "Publier",
    preview_heading: "Aperçu : ce que voient les demandeurs",
    required_mark: "obligatoire",
    problems_heading: "Impossible de publier ainsi",
    published: |r| format!("La version {r} est publiée et s’applique dès maintenant."),
    back_to_forms: "Retour aux formulaires",
};

const IT: AdminTexts = AdminTexts {
    team_heading: "Collaboratrici e collaboratori",
    team_intro: "Chi tratta le pratiche della Sua autorità e chi la amministra. Un ruolo revocato vale subito.",
    name_label: "Nome",
    email_label: "Indirizzo e-mail di servizio",
    role_label: "Ruolo",
    sign_in_label: "Accesso",
    actions_label: "Azioni",
    role_name: |r| match r {
        StaffRole::Clerk => "Trattamento delle pratiche",
        StaffRole::AuthorityAdmin => "Amministrazione",
        StaffRole::PortalAdmin => "Amministrazione del portale",
    },
    via_password: "Password e app di autenticazione",
    via_organisation: "Account dell’organizzazione",
    not_set_up: "Non ancora configurato",
    invited_until: |d| format!("Invitato (link valido fino al {d})"),
    invite: |n| format!("Invia un invito a {n}"),
    invited: |n| format!("Invito inviato a {n}."),
    invite_label: "Inviare un invito per e-mail",
    invite_hint: "La persona configura da sé password e app di autenticazione con il link (valido 72 ore). Senza invito accede solo con l’account della Sua organizzazione.",
    disabled: "Bloccato",
    you: "(Lei)",
    save_role: |n| format!("Salva il ruolo di {n}"),
    remove: |n| format!("Rimuovi {n}"),
    add_heading: "Aggiungere una persona",
    add_hint: "La persona aggiunta accede con l’account della Sua organizzazione o configura da sé password e app di autenticazione con l’invito. Chi lavora già per un’altra autorità riceve qui un ruolo in più.",
    add_button: "Aggiungi",
    added: |n| format!("{n} è stato/a aggiunto/a."),
    role_saved: |n| format!("Il ruolo di {n} è stato salvato."),
    removed: |n| format!("{n} è stato/a rimosso/a."),
    services_heading: "Prestazioni e contatto",
    services_list: "Prestazioni del Suo comune",
    services_intro: "Le prestazioni di cui il Suo comune è responsabile. Una prestazione disattivata non viene più trovata nel Suo comune e non accetta più domande.",
    no_services: "La Sua autorità non è responsabile di prestazioni che possa attivare o disattivare da sé.",
    online: "online",
    filter_label: "Filtrare le prestazioni",
    filter_hint: "Le prestazioni disattivate figurano per prime. Digiti una parte del nome.",
    shown_of: |n, of| format!("Sono mostrate {n} prestazioni su {of}."),
    switched: |title, on| {
        if on {
            format!("{title} è offerto.")
        } else {
            format!("{title} è disattivato.")
        }
    },
    contact_heading: "Contatto e orari d’apertura",
    contact_intro: "Così appare il Suo ufficio sulle pagine delle prestazioni. I campi vuoti mostrano i dati ufficiali.",
    phone_label: "Telefono",
    website_label: "Sito web",
    website_hint: "Inizia con https://",
    hours_legend: "Orari d’apertura",
    hours_in: |l| match l {
        Lang::De => "tedesco",
        Lang::Fr => "francese",
        Lang::It => "italiano",
        Lang::En => "inglese",
    },
    hours_hint: "Le lingue lasciate vuote mostrano il testo tedesco.",
    save_contact: "Salva il contatto",
    saved: "Salvato.",
    payments_heading: "Pagamenti",
    creditor_intro: "Su questo conto si pagano gli emolumenti non pagati online in anticipo: con una QR-fattura svizzera (conto in Svizzera o nel Liechtenstein) o un GiroCode (altri Paesi) sulla conferma di ricezione. Una modifica vale per le nuove domande; le polizze già emesse restano invariate.",
    no_creditor: "Nessun conto registrato: gli emolumenti sono fatturati senza polizza di versamento.",
    iban_label: "IBAN o QR-IBAN",
    iban_hint: "Con una QR-IBAN le polizze recano un riferimento QR, altrimenti una Creditor Reference (RF).",
    bic_label: "BIC",
    holder_label: "Titolare del conto",
    street_label: "Via",
    building_label: "Numero civico",
    postcode_label: "NPA",
    town_label: "Località",
    country_label: "Paese",
    country_hint: "Codice del Paese di due lettere, per esempio CH o DE.",
    prefix_label: "Prefisso del riferimento",
    prefix_hint: "Solo cifre, al massimo 12 – per esempio il numero cliente che la sua banca assegna alla QR-IBAN.",
    save_creditor: "Salva il conto",
    fees_legend: "Emolumenti",
    own_fees: "Usare una propria tariffa",
    own_fees_hint: "Gli importi del modello servono da punto di partenza; valgono per le nuove domande nel suo Comune.",
    nth_item: |n, last| {
        if last {
            format!("dalla {n}a voce")
        } else {
            format!("{n}a voce")
        }
    },
    amount_hint: |c| format!("Importo in {c}, per esempio 20.00"),
    amount_invalid: "Indichi un importo come 20.00.",
    due_legend: "Quando va pagato l’emolumento?",
    due_later: "Dopo l’invio (online o con la polizza di versamento)",
    due_before: "Prima dell’invio: la domanda vale solo dopo il pagamento online",
    extra_heading: "Domande supplementari",
    extra_hint: "Domande poste solo dal suo Comune. Indichi la domanda in ogni lingua del modulo.",
    extra_step: "Passo",
    extra_kind: "Tipo di risposta",
    kind_names: ["Testo breve", "Testo lungo", "Sì o no", "Data"],
    extra_question: "Domanda",
    extra_required: "Obbligatoria",
    extra_button: "Aggiungere la domanda",
    extra_missing: "Indichi la domanda in ogni lingua del modulo.",
    remove_added: "Rimuovere",
    forms_heading: "Moduli",
    forms_intro: "I moduli delle Sue prestazioni vengono dal Cantone o dal Land. Adatti ciò che da voi è diverso: testi, indicazioni nascoste o richieste. Se il modello cambia, qui vede le novità.",
    no_overlay: "Senza adattamento proprio",
    overlay_state: |r, v| format!("Adattamento proprio, versione {r} (per il modello {v})"),
    template_newer: |v| format!("Il modello è ora alla versione {v}: verifichi e ripubblichi."),
    no_forms: "Le prestazioni del Suo comune non hanno moduli online.",
    changes_heading: "Cosa è cambiato nel modello",
    issues_heading: "Adattamenti che non valgono più",
    adapt_heading: "Adattamenti",
    hide_label: "Nascondere",
    require_label: "Obbligatorio",
    texts_summary: "Adattare i testi",
    own_label: |l| format!("Etichetta propria ({})", lang_it(l)),
    own_help: |l| format!("Aiuto proprio ({})", lang_it(l)),
    form_texts_summary: "Adattare titolo e introduzione",
    own_title: |l| format!("Titolo ({})", lang_it(l)),
    own_intro: |l| format!("Introduzione ({})", lang_it(l)),
    texts_hint: "Lasciare vuoto: vale il testo del modello. Un testo proprio richiede tutte le lingue del modulo.",
    preview_button: "Mostrare l’anteprima",
    publish_button: "Pubblicare",
    preview_heading: "Anteprima: ciò che vedono i richiedenti",
    required_mark: "obbligatorio",
    problems_heading: "Così non può essere pubblicato",
    published: |r| format!("La versione {r} è pubblicata e vale da subito."),
    back_to_forms: "Torna ai moduli",
};

const EN: AdminTexts = AdminTexts {
    team_heading: "Staff",
    team_intro: "Who works your authority’s cases and who administers it. A role removed ends at once.",
    name_label: "Name",
    email_label: "Work e-mail address",
    role_label: "Role",
    sign_in_label: "Sign-in",
    actions_label: "Actions",
    role_name: |r| match r {
        StaffRole::Clerk => "Clerk",
        StaffRole::AuthorityAdmin => "Administrator",
        StaffRole::PortalAdmin => "Portal administrator",
    },
    via_password: "Password and authenticator app",
    via_organisation: "Organisation account",
    not_set_up: "Not set up yet",
    invited_until: |d| format!("Invited (link valid until {d})"),
    invite: |n| format!("Send an invitation to {n}"),
    invited: |n| format!("Invitation sent to {n}."),
    invite_label: "Send an invitation by e-mail",
    invite_hint: "With the link they set up their own password and authenticator app (valid for 72 hours). Without an invitation they sign in only with your organisation's account.",
    disabled: "Disabled",
    you: "(you)",
    save_role: |n| format!("Save the role of {n}"),
    remove: |n| format!("Remove {n}"),
    add_heading: "Add a member",
    add_hint: "Whoever you add signs in with your organisation’s account, or sets up their own password and authenticator app from the invitation. Someone who works at another authority already gets a role here as well.",
    add_button: "Add",
    added: |n| format!("{n} was added."),
    role_saved: |n| format!("The role of {n} was saved."),
    removed: |n| format!("{n} was removed."),
    services_heading: "Services and contact",
    services_list: "Your municipality’s services",
    services_intro: "The services your municipality itself is responsible for. A service switched off is no longer found in your municipality and takes no applications.",
    no_services: "Your authority is responsible for no service it can switch on or off itself.",
    online: "online",
    filter_label: "Filter services",
    filter_hint: "Services switched off come first. Type part of the name.",
    shown_of: |n, of| format!("{n} of {of} services shown."),
    switched: |title, on| {
        if on {
            format!("{title} is offered.")
        } else {
            format!("{title} is switched off.")
        }
    },
    contact_heading: "Contact and opening hours",
    contact_intro: "This is how your office appears on the service pages. Empty fields show the official data.",
    phone_label: "Phone",
    website_label: "Website",
    website_hint: "Starts with https://",
    hours_legend: "Opening hours",
    hours_in: |l| match l {
        Lang::De => "German",
        Lang::Fr => "French",
        Lang::It => "Italian",
        Lang::En => "English",
    },
    hours_hint: "Languages left empty show the German text.",
    save_contact: "Save contact",
    saved: "Saved.",
    payments_heading: "Payments",
    creditor_intro: "Fees not paid online in advance are paid to this account: with a Swiss QR-bill (an account in Switzerland or Liechtenstein) or a GiroCode (other countries) on the receipt. A change applies to new applications; payment slips already issued stay as they are.",
    no_creditor: "No account kept yet: fees are invoiced without a payment slip.",
    iban_label: "IBAN or QR-IBAN",
    iban_hint: "With a QR-IBAN the payment slips carry a QR reference, otherwise a creditor reference (RF).",
    bic_label: "BIC",
    holder_label: "Account holder",
    street_label: "Street",
    building_label: "Building number",
    postcode_label: "Postcode",
    town_label: "Town",
    country_label: "Country",
    country_hint: "Two-letter country code, for example CH or DE.",
    prefix_label: "Reference prefix",
    prefix_hint: "Digits only, at most 12 – for example the customer number your bank gives with the QR-IBAN.",
    save_creditor: "Save account",
    fees_legend: "Fees",
    own_fees: "Use an own fee table",
    own_fees_hint: "The template's amounts are the starting point; they apply to new applications in your municipality.",
    nth_item: |n, last| {
        if last {
            format!("from item {n} on")
        } else {
            format!("item {n}")
        }
    },
    amount_hint: |c| format!("Amount in {c}, for example 20.00"),
    amount_invalid: "Enter an amount such as 20.00.",
    due_legend: "When is the fee due?",
    due_later: "After submitting (online or with the payment slip)",
    due_before: "Before submitting: the application counts only once the fee is paid online",
    extra_heading: "Extra questions",
    extra_hint: "Questions only your municipality asks. Give the question in every language of the form.",
    extra_step: "Step",
    extra_kind: "Kind of answer",
    kind_names: ["Short text", "Longer text", "Yes or no", "Date"],
    extra_question: "Question",
    extra_required: "Required",
    extra_button: "Add the question",
    extra_missing: "Give the question in every language of the form.",
    remove_added: "Remove",
    forms_heading: "Forms",
    forms_intro: "Your services’ forms come from the canton or Land. Adapt what differs for you: texts, hidden and required answers. When the template changes, you see here what is new.",
    no_overlay: "No adaptation of your own",
    overlay_state: |r, v| format!("Your adaptation, revision {r} (for template {v})"),
    template_newer: |v| {
        format!("The template is now version {v}: please review and publish again.")
    },
    no_forms: "Your municipality’s services have no online forms.",
    changes_heading: "What changed in the template",
    issues_heading: "Adaptations that no longer apply",
    adapt_heading: "Adaptations",
    hide_label: "Hide",
    require_label: "Required",
    texts_summary: "Adapt the texts",
    own_label: |l| format!("Own label ({})", lang_en(l)),
    own_help: |l| format!("Own help ({})", lang_en(l)),
    form_texts_summary: "Adapt title and introduction",
    own_title: |l| format!("Title ({})", lang_en(l)),
    own_intro: |l| format!("Introduction ({})", lang_en(l)),
    texts_hint: "Leave empty: the template’s text applies. An own text needs every language of the form.",
    preview_button: "Show preview",
    publish_button: "Publish",
    preview_heading: "Preview: what applicants see",
    required_mark: "required",
    problems_heading: "It cannot be published like this",
    published: |r| format!("Revision {r} is published and applies now."),
    back_to_forms: "Back to the forms",
};

fn lang_de(l: Lang) -> &'static str {
    (DE.hours_in)(l)
}

fn lang_fr(l: Lang) -> &'static str {
    (FR.hours_in)(l)
}

fn lang_it(l: Lang) -> &'static str {
    (IT.hours_in)(l)
}

fn lang_en(l: Lang) -> &'static str {
    (EN.hours_in)(l)
}
