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
    disabled: "Gesperrt",
    you: "(Sie)",
    save_role: |n| format!("Rolle von {n} speichern"),
    remove: |n| format!("{n} entfernen"),
    add_heading: "Mitarbeitende hinzufügen",
    add_hint: "Die Person meldet sich mit dem Konto Ihrer Organisation an. Passwort und Authenticator-App richtet die Portal-Administration ein.",
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
    disabled: "Bloqué",
    you: "(vous)",
    save_role: |n| format!("Enregistrer le rôle de {n}"),
    remove: |n| format!("Retirer {n}"),
    add_heading: "Ajouter une personne",
    add_hint: "La personne se connecte avec le compte de votre organisation. L’administration du portail configure mot de passe et application d’authentification.",
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
    disabled: "Bloccato",
    you: "(Lei)",
    save_role: |n| format!("Salva il ruolo di {n}"),
    remove: |n| format!("Rimuovi {n}"),
    add_heading: "Aggiungere una persona",
    add_hint: "La persona accede con l’account della Sua organizzazione. Password e app di autenticazione le configura l’amministrazione del portale.",
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
    disabled: "Disabled",
    you: "(you)",
    save_role: |n| format!("Save the role of {n}"),
    remove: |n| format!("Remove {n}"),
    add_heading: "Add a member",
    add_hint: "They sign in with your organisation’s account. The portal’s administrators set up password and authenticator app.",
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
};
