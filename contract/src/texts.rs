//! User-interface texts in every portal language.
//!
//! One struct, one constant per language: a text missing in any language is a compile error,
//! not a blank on a citizen's screen. The server uses the same catalogue for e-mails and
//! receipts, so both sides always say the same thing. Texts with placeholders are functions.

use crate::Lang;

/// Every text of the portal's user interface in one language.
#[derive(Debug)]
pub struct Texts {
    /// The portal's name as shown in the header.
    pub portal_name: &'static str,
    /// One line under the name: what the portal is.
    pub portal_tagline: &'static str,
    /// The skip link, first focusable element on every page.
    pub skip_to_content: &'static str,
    /// Accessible name of the language switch navigation.
    pub language_switch_label: &'static str,
    /// Accessible name of the main navigation.
    pub main_nav_label: &'static str,
    /// Navigation: home / search.
    pub nav_home: &'static str,
    /// Navigation: search page.
    pub nav_search: &'static str,
    /// Home page heading.
    pub home_heading: &'static str,
    /// Home page introduction.
    pub home_intro: &'static str,
    /// Search page heading.
    pub search_heading: &'static str,
    /// Search page introduction until search results exist.
    pub search_intro: &'static str,
    /// Footer: who runs the portal.
    pub footer_operator: &'static str,
    /// 404 page title.
    pub not_found_heading: &'static str,
    /// 404 page explanation.
    pub not_found_body: &'static str,
    /// 404 page link back to the start.
    pub not_found_home: &'static str,
    /// Suffix of every document title ("Page – Schalter").
    pub title_suffix: &'static str,
    /// A municipality's own administration; `{}` is the municipality's name.
    pub municipal_administration: &'static str,
    /// The federal level as the responsible authority.
    pub federal_authority: &'static str,
    /// Label of the search combobox.
    pub search_input_label: &'static str,
    /// Hint under the search label.
    pub search_hint: &'static str,
    /// The search button.
    pub search_button: &'static str,
    /// Heading of the tips when nothing was found.
    pub no_results_tips_heading: &'static str,
    /// Tip: spelling.
    pub no_results_tip_spelling: &'static str,
    /// Tip: other words.
    pub no_results_tip_words: &'static str,
    /// Tip: remove the municipality.
    pub no_results_tip_municipality: &'static str,
    /// Heading of popular services offered instead.
    pub suggestions_heading: &'static str,
    /// Label of the municipality picker.
    pub municipality_label: &'static str,
    /// Hint of the municipality picker.
    pub municipality_hint: &'static str,
    /// Button: change the municipality.
    pub municipality_change: &'static str,
    /// Button: remove the municipality.
    pub municipality_remove: &'static str,
    /// Shown when no municipality is chosen.
    pub municipality_none: &'static str,
    /// Before the chosen municipality's name.
    pub municipality_current: &'static str,
    /// Heading of the topic browser.
    pub browse_heading: &'static str,
    /// Heading of the result list.
    pub results_heading: &'static str,
    /// Heading: who is responsible.
    pub responsible_heading: &'static str,
    /// Contact label: phone.
    pub phone_label: &'static str,
    /// Contact label: e-mail.
    pub email_label: &'static str,
    /// Contact label: website.
    pub website_label: &'static str,
    /// Contact label: opening hours.
    pub opening_hours_label: &'static str,
    /// Heading: fees.
    pub fees_heading: &'static str,
    /// Heading: documents needed.
    pub documents_heading: &'static str,
    /// Button starting the online application.
    pub start_online: &'static str,
    /// Prompt to pick a municipality on a service page.
    pub choose_municipality_for_office: &'static str,
    /// Service not offered in the chosen municipality.
    pub not_offered: &'static str,
    /// Note when texts exist only in German.
    pub only_in_german: &'static str,
    /// Loading indicator.
    pub loading: &'static str,
    /// Error: no connection.
    pub error_network: &'static str,
    /// Error: something failed on the server.
    pub error_server: &'static str,
    /// Button: try again.
    pub retry: &'static str,
    /// A service id that does not exist.
    pub service_not_found: &'static str,
    /// Badge: can be done online.
    pub online_available: &'static str,
    /// Label of the official service name.
    pub official_name_label: &'static str,
    /// "3 Ergebnisse" for the live region and the results heading.
    pub results_count: fn(usize) -> String,
    /// "Keine Ergebnisse für «…»".
    pub no_results: fn(&str) -> String,
}

impl Texts {
    /// The texts for `lang`.
    pub const fn for_lang(lang: Lang) -> &'static Texts {
        match lang {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }

    /// Fills the `{}` of a pattern text such as [`Texts::municipal_administration`].
    pub fn fill(pattern: &str, value: &str) -> String {
        pattern.replacen("{}", value, 1)
    }

    /// A complete document title for a page heading.
    pub fn title(&self, page: &str) -> String {
        format!("{page} – {}", self.title_suffix)
    }
}

const DE: Texts = Texts {
    portal_name: "Schalter",
    portal_tagline: "Behördengänge online erledigen",
    skip_to_content: "Zum Inhalt springen",
    language_switch_label: "Sprache wählen",
    main_nav_label: "Hauptnavigation",
    nav_home: "Startseite",
    nav_search: "Leistungen suchen",
    home_heading: "Was möchten Sie erledigen?",
    home_intro: "Finden Sie die richtige Verwaltungsleistung für Ihre Gemeinde und erledigen Sie sie online – ohne zu wissen, welches Amt zuständig ist.",
    search_heading: "Leistungen suchen",
    search_intro: "Beschreiben Sie in eigenen Worten, was Sie erledigen möchten, zum Beispiel «Hund anmelden» oder «Umzug».",
    footer_operator: "Ein gemeinsames Angebot von Kantonen, Ländern und Gemeinden",
    not_found_heading: "Seite nicht gefunden",
    not_found_body: "Diese Adresse gibt es bei uns nicht. Vielleicht wurde die Seite verschoben oder die Adresse enthält einen Tippfehler.",
    not_found_home: "Zur Startseite",
    title_suffix: "Schalter",
    municipal_administration: "Gemeindeverwaltung {}",
    federal_authority: "Zuständige Bundesbehörde",
    search_input_label: "Leistung suchen",
    search_hint: "Zum Beispiel «Hund anmelden», «Umzug» oder «Baugesuch»",
    search_button: "Suchen",
    no_results_tips_heading: "So finden Sie, was Sie suchen:",
    no_results_tip_spelling: "Prüfen Sie die Schreibweise.",
    no_results_tip_words: "Versuchen Sie andere oder allgemeinere Wörter.",
    no_results_tip_municipality: "Entfernen Sie die gewählte Gemeinde, um alle Leistungen zu durchsuchen.",
    suggestions_heading: "Häufig gesucht",
    municipality_label: "Ihre Gemeinde",
    municipality_hint: "Name oder Postleitzahl, zum Beispiel «Aarau» oder «21509»",
    municipality_change: "Gemeinde ändern",
    municipality_remove: "Gemeinde entfernen",
    municipality_none: "Keine Gemeinde gewählt: Sie sehen die Leistungen aller Gemeinden.",
    municipality_current: "Gewählte Gemeinde:",
    browse_heading: "Nach Thema stöbern",
    results_heading: "Ergebnisse",
    responsible_heading: "Zuständige Stelle",
    phone_label: "Telefon",
    email_label: "E-Mail",
    website_label: "Website",
    opening_hours_label: "Öffnungszeiten",
    fees_heading: "Gebühren",
    documents_heading: "Das brauchen Sie",
    start_online: "Online-Antrag starten",
    choose_municipality_for_office: "Wählen Sie Ihre Gemeinde, um die zuständige Stelle zu sehen.",
    not_offered: "Diese Leistung wird in der gewählten Gemeinde nicht über Schalter angeboten.",
    only_in_german: "Diese Angaben sind nur auf Deutsch verfügbar.",
    loading: "Wird geladen …",
    error_network: "Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.",
    error_server: "Etwas ist schiefgelaufen. Bitte versuchen Sie es später erneut.",
    retry: "Erneut versuchen",
    service_not_found: "Diese Leistung gibt es nicht.",
    online_available: "Online möglich",
    official_name_label: "Amtliche Bezeichnung",
    results_count: |n| match n {
        0 => "Keine Ergebnisse".into(),
        1 => "1 Ergebnis".into(),
        n => format!("{n} Ergebnisse"),
    },
    no_results: |q| format!("Keine Ergebnisse für «{q}»"),
};

const FR: Texts = Texts {
    portal_name: "Schalter",
    portal_tagline: "Vos démarches administratives en ligne",
    skip_to_content: "Aller au contenu",
    language_switch_label: "Choisir la langue",
    main_nav_label: "Navigation principale",
    nav_home: "Accueil",
    nav_search: "Rechercher une prestation",
    home_heading: "Que souhaitez-vous faire ?",
    home_intro: "Trouvez la prestation administrative adaptée à votre commune et effectuez-la en ligne, sans devoir savoir quel office est compétent.",
    search_heading: "Rechercher une prestation",
    search_intro: "Décrivez avec vos propres mots ce que vous souhaitez faire, par exemple « annoncer un chien » ou « déménagement ».",
    footer_operator: "Une offre commune des cantons, des Länder et des communes",
    not_found_heading: "Page introuvable",
    not_found_body: "Cette adresse n'existe pas chez nous. La page a peut-être été déplacée ou l'adresse contient une faute de frappe.",
    not_found_home: "Retour à l'accueil",
    title_suffix: "Schalter",
    municipal_administration: "Administration communale de {}",
    federal_authority: "Autorité fédérale compétente",
    search_input_label: "Rechercher une prestation",
    search_hint: "Par exemple « annoncer un chien », « déménagement » ou « permis de construire »",
    search_button: "Rechercher",
    no_results_tips_heading: "Pour trouver ce que vous cherchez :",
    no_results_tip_spelling: "Vérifiez l'orthographe.",
    no_results_tip_words: "Essayez d'autres mots ou des mots plus généraux.",
    no_results_tip_municipality: "Retirez la commune choisie pour rechercher dans toutes les prestations.",
    suggestions_heading: "Souvent recherché",
    municipality_label: "Votre commune",
    municipality_hint: "Nom ou numéro postal, par exemple « Aarau » ou « 21509 »",
    municipality_change: "Changer de commune",
    municipality_remove: "Retirer la commune",
    municipality_none: "Aucune commune choisie : vous voyez les prestations de toutes les communes.",
    municipality_current: "Commune choisie :",
    browse_heading: "Parcourir par thème",
    results_heading: "Résultats",
    responsible_heading: "Service compétent",
    phone_label: "Téléphone",
    email_label: "E-mail",
    website_label: "Site web",
    opening_hours_label: "Heures d'ouverture",
    fees_heading: "Émoluments",
    documents_heading: "Ce dont vous avez besoin",
    start_online: "Commencer la demande en ligne",
    choose_municipality_for_office: "Choisissez votre commune pour voir le service compétent.",
    not_offered: "Cette prestation n'est pas proposée sur Schalter dans la commune choisie.",
    only_in_german: "Ces informations ne sont disponibles qu'en allemand.",
    loading: "Chargement …",
    error_network: "Pas de connexion au serveur. Veuillez vérifier votre connexion Internet.",
    error_server: "Une erreur s'est produite. Veuillez réessayer plus tard.",
    retry: "Réessayer",
    service_not_found: "Cette prestation n'existe pas.",
    online_available: "Possible en ligne",
    official_name_label: "Désignation officielle",
    results_count: |n| match n {
        0 => "Aucun résultat".into(),
        1 => "1 résultat".into(),
        n => format!("{n} résultats"),
    },
    no_results: |q| format!("Aucun résultat pour « {q} »"),
};

const IT: Texts = Texts {
    portal_name: "Schalter",
    portal_tagline: "Pratiche amministrative online",
    skip_to_content: "Vai al contenuto",
    language_switch_label: "Scegliere la lingua",
    main_nav_label: "Navigazione principale",
    nav_home: "Pagina iniziale",
    nav_search: "Cercare una prestazione",
    home_heading: "Che cosa desidera sbrigare?",
    home_intro: "Trovi la prestazione amministrativa giusta per il suo comune e la sbrighi online, senza dover sapere quale ufficio è competente.",
    search_heading: "Cercare una prestazione",
    search_intro: "Descriva con parole sue che cosa desidera sbrigare, per esempio «notificare un cane» o «trasloco».",
    footer_operator: "Un'offerta comune di Cantoni, Länder e Comuni",
    not_found_heading: "Pagina non trovata",
    not_found_body: "Questo indirizzo non esiste. Forse la pagina è stata spostata o l'indirizzo contiene un errore di battitura.",
    not_found_home: "Alla pagina iniziale",
    title_suffix: "Schalter",
    municipal_administration: "Amministrazione comunale di {}",
    federal_authority: "Autorità federale competente",
    search_input_label: "Cercare una prestazione",
    search_hint: "Per esempio «notificare un cane», «trasloco» o «licenza edilizia»",
    search_button: "Cerca",
    no_results_tips_heading: "Per trovare ciò che cerca:",
    no_results_tip_spelling: "Controlli l'ortografia.",
    no_results_tip_words: "Provi altre parole o parole più generali.",
    no_results_tip_municipality: "Rimuova il comune scelto per cercare in tutte le prestazioni.",
    suggestions_heading: "Cercato spesso",
    municipality_label: "Il suo comune",
    municipality_hint: "Nome o numero postale, per esempio «Aarau» o «21509»",
    municipality_change: "Cambiare comune",
    municipality_remove: "Rimuovere il comune",
    municipality_none: "Nessun comune scelto: vede le prestazioni di tutti i comuni.",
    municipality_current: "Comune scelto:",
    browse_heading: "Sfogliare per tema",
    results_heading: "Risultati",
    responsible_heading: "Servizio competente",
    phone_label: "Telefono",
    email_label: "E-mail",
    website_label: "Sito web",
    opening_hours_label: "Orari d'apertura",
    fees_heading: "Emolumenti",
    documents_heading: "Che cosa le serve",
    start_online: "Avviare la domanda online",
    choose_municipality_for_office: "Scelga il suo comune per vedere il servizio competente.",
    not_offered: "Questa prestazione non è offerta su Schalter nel comune scelto.",
    only_in_german: "Queste informazioni sono disponibili solo in tedesco.",
    loading: "Caricamento …",
    error_network: "Nessuna connessione al server. Verifichi la connessione a Internet.",
    error_server: "Si è verificato un errore. Riprovi più tardi.",
    retry: "Riprova",
    service_not_found: "Questa prestazione non esiste.",
    online_available: "Possibile online",
    official_name_label: "Denominazione ufficiale",
    results_count: |n| match n {
        0 => "Nessun risultato".into(),
        1 => "1 risultato".into(),
        n => format!("{n} risultati"),
    },
    no_results: |q| format!("Nessun risultato per «{q}»"),
};

const EN: Texts = Texts {
    portal_name: "Schalter",
    portal_tagline: "Public services online",
    skip_to_content: "Skip to content",
    language_switch_label: "Choose language",
    main_nav_label: "Main navigation",
    nav_home: "Home",
    nav_search: "Find a service",
    home_heading: "What do you need to do?",
    home_intro: "Find the right public service for your municipality and complete it online, without having to know which office is responsible.",
    search_heading: "Find a service",
    search_intro: "Describe in your own words what you need to do, for example “register a dog” or “moving house”.",
    footer_operator: "A shared service of cantons, German Länder and municipalities",
    not_found_heading: "Page not found",
    not_found_body: "This address does not exist here. The page may have moved, or the address may contain a typo.",
    not_found_home: "Go to the home page",
    title_suffix: "Schalter",
    municipal_administration: "{} municipal administration",
    federal_authority: "Responsible federal authority",
    search_input_label: "Search for a service",
    search_hint: "For example “register a dog”, “moving house” or “building permit”",
    search_button: "Search",
    no_results_tips_heading: "To find what you are looking for:",
    no_results_tip_spelling: "Check the spelling.",
    no_results_tip_words: "Try other or more general words.",
    no_results_tip_municipality: "Remove the chosen municipality to search all services.",
    suggestions_heading: "Often searched",
    municipality_label: "Your municipality",
    municipality_hint: "Name or postcode, for example “Aarau” or “21509”",
    municipality_change: "Change municipality",
    municipality_remove: "Remove municipality",
    municipality_none: "No municipality chosen: you see the services of all municipalities.",
    municipality_current: "Chosen municipality:",
    browse_heading: "Browse by topic",
    results_heading: "Results",
    responsible_heading: "Responsible office",
    phone_label: "Phone",
    email_label: "E-mail",
    website_label: "Website",
    opening_hours_label: "Opening hours",
    fees_heading: "Fees",
    documents_heading: "What you need",
    start_online: "Start the online application",
    choose_municipality_for_office: "Choose your municipality to see the responsible office.",
    not_offered: "This service is not offered through Schalter in the chosen municipality.",
    only_in_german: "This information is only available in German.",
    loading: "Loading …",
    error_network: "No connection to the server. Please check your internet connection.",
    error_server: "Something went wrong. Please try again later.",
    retry: "Try again",
    service_not_found: "This service does not exist.",
    online_available: "Available online",
    official_name_label: "Official name",
    results_count: |n| match n {
        0 => "No results".into(),
        1 => "1 result".into(),
        n => format!("{n} results"),
    },
    no_results: |q| format!("No results for “{q}”"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_texts() {
        // A copy-pasted German block in another language would pass the compiler; this catches it.
        let de = Texts::for_lang(Lang::De);
        for lang in [Lang::Fr, Lang::It, Lang::En] {
            let t = Texts::for_lang(lang);
            assert_ne!(t.home_heading, de.home_heading, "{lang}");
            assert_ne!(t.skip_to_content, de.skip_to_content, "{lang}");
            assert_ne!(t.not_found_heading, de.not_found_heading, "{lang}");
        }
    }

    #[test]
    fn titles_carry_the_portal_name() {
        assert_eq!(Texts::for_lang(Lang::En).title("Home"), "Home – Schalter");
    }
}
