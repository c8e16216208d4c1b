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
    /// Note when a service's texts are shown in German because no translation exists.
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
    /// Label before the official service name, with its colon.
    pub official_name_label: &'static str,
    /// Error: the thing asked for does not exist.
    pub error_not_found: &'static str,
    /// Button: stop changing something and keep it as it was.
    pub cancel: &'static str,
    /// Label before a result's topic, with its colon.
    pub topic_label: &'static str,
    /// Label before a result's responsible authority, with its colon.
    pub responsible_label: &'static str,
    /// Contact label: postal address.
    pub address_label: &'static str,
    /// Link that removes the topic or life situation filter of a result list.
    pub remove_filter: &'static str,
    /// Shown when a service cannot be done online (yet).
    pub not_online: &'static str,
    /// "3 Ergebnisse" for the live region of the search box.
    pub results_count: fn(usize) -> String,
    /// "3 Gemeinden gefunden" for the live region of the municipality picker.
    pub municipalities_count: fn(usize) -> String,
    /// "Keine Ergebnisse für «…»".
    pub no_results: fn(&str) -> String,
    /// Results heading: "3 Ergebnisse für «…»".
    pub results_for: fn(usize, &str) -> String,
    /// Results heading of a topic list: "12 Leistungen zum Thema «…»".
    pub topic_results: fn(usize, &str) -> String,
    /// Results heading of a life situation list: "12 Leistungen zur Lebenslage «…»".
    pub life_situation_results: fn(usize, &str) -> String,
    /// When the list stops at the limit: only the first n are shown.
    pub results_truncated: fn(usize) -> String,
    /// Document title of the search page with a query: "Suche nach «…»".
    pub search_title: fn(&str) -> String,
    /// A topic's number of services: "12 Leistungen".
    pub services_count: fn(usize) -> String,
    /// Above the responsible office: "Zuständig für Aarau (AG)".
    pub responsible_for: fn(&str) -> String,
    /// The service is not offered in the chosen municipality (its name).
    pub not_offered: fn(&str) -> String,
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
    responsible_heading: "Zuständige Stelle",
    phone_label: "Telefon",
    email_label: "E-Mail",
    website_label: "Website",
    opening_hours_label: "Öffnungszeiten",
    fees_heading: "Gebühren",
    documents_heading: "Das brauchen Sie",
    start_online: "Online-Antrag starten",
    choose_municipality_for_office: "Wählen Sie Ihre Gemeinde, um die zuständige Stelle zu sehen.",
    only_in_german: "Übersetzung nicht verfügbar: Diese Angaben werden auf Deutsch angezeigt.",
    loading: "Wird geladen …",
    error_network: "Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.",
    error_server: "Etwas ist schiefgelaufen. Bitte versuchen Sie es später erneut.",
    retry: "Erneut versuchen",
    service_not_found: "Diese Leistung gibt es nicht.",
    online_available: "Online möglich",
    official_name_label: "Amtliche Bezeichnung:",
    results_count: |n| match n {
        0 => "Keine Ergebnisse".into(),
        1 => "1 Ergebnis".into(),
        n => format!("{n} Ergebnisse"),
    },
    no_results: |q| format!("Keine Ergebnisse für «{q}»"),
    error_not_found: "Das Gesuchte wurde nicht gefunden.",
    cancel: "Abbrechen",
    topic_label: "Thema:",
    responsible_label: "Zuständig:",
    address_label: "Adresse",
    remove_filter: "Filter entfernen und alle Leistungen durchsuchen",
    not_online: "Diese Leistung können Sie hier noch nicht online erledigen. Wenden Sie sich an die zuständige Stelle.",
    municipalities_count: |n| match n {
        0 => "Keine Gemeinde gefunden".into(),
        1 => "1 Gemeinde gefunden".into(),
        n => format!("{n} Gemeinden gefunden"),
    },
    results_for: |n, q| match n {
        1 => format!("1 Ergebnis für «{q}»"),
        n => format!("{n} Ergebnisse für «{q}»"),
    },
    topic_results: |n, k| match n {
        1 => format!("1 Leistung zum Thema «{k}»"),
        n => format!("{n} Leistungen zum Thema «{k}»"),
    },
    life_situation_results: |n, k| match n {
        1 => format!("1 Leistung zur Lebenslage «{k}»"),
        n => format!("{n} Leistungen zur Lebenslage «{k}»"),
    },
    results_truncated: |n| {
        format!(
            "Hier stehen die ersten {n} Leistungen. Mit Suchwörtern oder Ihrer Gemeinde wird die Liste kürzer."
        )
    },
    search_title: |q| format!("Suche nach «{q}»"),
    services_count: |n| match n {
        1 => "1 Leistung".into(),
        n => format!("{n} Leistungen"),
    },
    responsible_for: |m| format!("Zuständig für {m}:"),
    not_offered: |m| {
        format!(
            "Diese Leistung wird in {m} nicht angeboten. Wählen Sie eine andere Gemeinde, oder fragen Sie Ihre Gemeindeverwaltung."
        )
    },
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
    search_hint: "Par exemple «\u{a0}annoncer un chien\u{a0}», «\u{a0}déménagement\u{a0}» ou «\u{a0}permis de construire\u{a0}»",
    search_button: "Rechercher",
    no_results_tips_heading: "Pour trouver ce que vous cherchez\u{a0}:",
    no_results_tip_spelling: "Vérifiez l'orthographe.",
    no_results_tip_words: "Essayez d'autres mots ou des mots plus généraux.",
    no_results_tip_municipality: "Retirez la commune choisie pour rechercher dans toutes les prestations.",
    suggestions_heading: "Prestations souvent recherchées",
    municipality_label: "Votre commune",
    municipality_hint: "Nom ou numéro postal, par exemple «\u{a0}Aarau\u{a0}» ou «\u{a0}21509\u{a0}»",
    municipality_change: "Changer de commune",
    municipality_remove: "Retirer la commune",
    municipality_none: "Aucune commune choisie\u{a0}: vous voyez les prestations de toutes les communes.",
    municipality_current: "Commune choisie\u{a0}:",
    browse_heading: "Parcourir par thème",
    responsible_heading: "Service compétent",
    phone_label: "Téléphone",
    email_label: "E-mail",
    website_label: "Site web",
    opening_hours_label: "Heures d'ouverture",
    fees_heading: "Émoluments",
    documents_heading: "Ce dont vous avez besoin",
    start_online: "Commencer la demande en ligne",
    choose_municipality_for_office: "Choisissez votre commune pour voir le service compétent.",
    only_in_german: "Traduction pas disponible\u{a0}: ces informations sont affichées en allemand.",
    loading: "Chargement …",
    error_network: "Pas de connexion au serveur. Veuillez vérifier votre connexion Internet.",
    error_server: "Une erreur s'est produite. Veuillez réessayer plus tard.",
    retry: "Réessayer",
    service_not_found: "Cette prestation n'existe pas.",
    online_available: "Possible en ligne",
    official_name_label: "Désignation officielle\u{a0}:",
    results_count: |n| match n {
        0 => "Aucun résultat".into(),
        1 => "1 résultat".into(),
        n => format!("{n} résultats"),
    },
    no_results: |q| format!("Aucun résultat pour «\u{a0}{q}\u{a0}»"),
    error_not_found: "Ce que vous cherchez est introuvable.",
    cancel: "Annuler",
    topic_label: "Thème\u{a0}:",
    responsible_label: "Service compétent\u{a0}:",
    address_label: "Adresse",
    remove_filter: "Retirer le filtre et rechercher dans toutes les prestations",
    not_online: "Cette prestation ne peut pas encore être effectuée en ligne ici. Adressez-vous au service compétent.",
    municipalities_count: |n| match n {
        0 => "Aucune commune trouvée".into(),
        1 => "1 commune trouvée".into(),
        n => format!("{n} communes trouvées"),
    },
    results_for: |n, q| match n {
        1 => format!("1 résultat pour «\u{a0}{q}\u{a0}»"),
        n => format!("{n} résultats pour «\u{a0}{q}\u{a0}»"),
    },
    topic_results: |n, k| match n {
        1 => format!("1 prestation dans le thème «\u{a0}{k}\u{a0}»"),
        n => format!("{n} prestations dans le thème «\u{a0}{k}\u{a0}»"),
    },
    life_situation_results: |n, k| match n {
        1 => format!("1 prestation pour la situation «\u{a0}{k}\u{a0}»"),
        n => format!("{n} prestations pour la situation «\u{a0}{k}\u{a0}»"),
    },
    results_truncated: |n| {
        format!(
            "Voici les {n} premières prestations. Des mots-clés ou votre commune raccourcissent la liste."
        )
    },
    search_title: |q| format!("Recherche «\u{a0}{q}\u{a0}»"),
    services_count: |n| match n {
        1 => "1 prestation".into(),
        n => format!("{n} prestations"),
    },
    responsible_for: |m| format!("Service compétent pour {m}\u{a0}:"),
    not_offered: |m| {
        format!(
            "Cette prestation n'est pas proposée à {m}. Choisissez une autre commune ou renseignez-vous auprès de votre administration communale."
        )
    },
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
    search_input_label: "Cerca una prestazione",
    search_hint: "Per esempio «notificare un cane», «trasloco» o «licenza edilizia»",
    search_button: "Cerca",
    no_results_tips_heading: "Per trovare ciò che cerca:",
    no_results_tip_spelling: "Controlli l'ortografia.",
    no_results_tip_words: "Provi altre parole o parole più generali.",
    no_results_tip_municipality: "Rimuova il comune scelto per cercare in tutte le prestazioni.",
    suggestions_heading: "Ricerche frequenti",
    municipality_label: "Il suo comune",
    municipality_hint: "Nome o numero postale, per esempio «Aarau» o «21509»",
    municipality_change: "Cambia comune",
    municipality_remove: "Rimuovi il comune",
    municipality_none: "Nessun comune scelto: vede le prestazioni di tutti i comuni.",
    municipality_current: "Comune scelto:",
    browse_heading: "Sfoglia per tema",
    responsible_heading: "Servizio competente",
    phone_label: "Telefono",
    email_label: "E-mail",
    website_label: "Sito web",
    opening_hours_label: "Orari d'apertura",
    fees_heading: "Emolumenti",
    documents_heading: "Che cosa le serve",
    start_online: "Avviare la domanda online",
    choose_municipality_for_office: "Scelga il suo comune per vedere il servizio competente.",
    only_in_german: "Traduzione non disponibile: queste informazioni sono mostrate in tedesco.",
    loading: "Caricamento …",
    error_network: "Nessuna connessione al server. Verifichi la connessione a Internet.",
    error_server: "Si è verificato un errore. Riprovi più tardi.",
    retry: "Riprova",
    service_not_found: "Questa prestazione non esiste.",
    online_available: "Possibile online",
    official_name_label: "Denominazione ufficiale:",
    results_count: |n| match n {
        0 => "Nessun risultato".into(),
        1 => "1 risultato".into(),
        n => format!("{n} risultati"),
    },
    no_results: |q| format!("Nessun risultato per «{q}»"),
    error_not_found: "Ciò che cerca non è stato trovato.",
    cancel: "Annulla",
    topic_label: "Tema:",
    responsible_label: "Servizio competente:",
    address_label: "Indirizzo",
    remove_filter: "Rimuovi il filtro e cerca in tutte le prestazioni",
    not_online: "Questa prestazione non può ancora essere sbrigata online qui. Si rivolga al servizio competente.",
    municipalities_count: |n| match n {
        0 => "Nessun comune trovato".into(),
        1 => "1 comune trovato".into(),
        n => format!("{n} comuni trovati"),
    },
    results_for: |n, q| match n {
        1 => format!("1 risultato per «{q}»"),
        n => format!("{n} risultati per «{q}»"),
    },
    topic_results: |n, k| match n {
        1 => format!("1 prestazione nel tema «{k}»"),
        n => format!("{n} prestazioni nel tema «{k}»"),
    },
    life_situation_results: |n, k| match n {
        1 => format!("1 prestazione per la situazione «{k}»"),
        n => format!("{n} prestazioni per la situazione «{k}»"),
    },
    results_truncated: |n| {
        format!(
            "Ecco le prime {n} prestazioni. Con parole chiave o il suo comune l'elenco si accorcia."
        )
    },
    search_title: |q| format!("Ricerca «{q}»"),
    services_count: |n| match n {
        1 => "1 prestazione".into(),
        n => format!("{n} prestazioni"),
    },
    responsible_for: |m| format!("Servizio competente per {m}:"),
    not_offered: |m| {
        format!(
            "Questa prestazione non è offerta a {m}. Scelga un altro comune o si informi presso la sua amministrazione comunale."
        )
    },
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
    suggestions_heading: "Popular services",
    municipality_label: "Your municipality",
    municipality_hint: "Name or postcode, for example “Aarau” or “21509”",
    municipality_change: "Change municipality",
    municipality_remove: "Remove municipality",
    municipality_none: "No municipality chosen: you see the services of all municipalities.",
    municipality_current: "Chosen municipality:",
    browse_heading: "Browse by topic",
    responsible_heading: "Responsible office",
    phone_label: "Phone",
    email_label: "E-mail",
    website_label: "Website",
    opening_hours_label: "Opening hours",
    fees_heading: "Fees",
    documents_heading: "What you need",
    start_online: "Start the online application",
    choose_municipality_for_office: "Choose your municipality to see the responsible office.",
    only_in_german: "Translation not available: this information is shown in German.",
    loading: "Loading…",
    error_network: "No connection to the server. Please check your internet connection.",
    error_server: "Something went wrong. Please try again later.",
    retry: "Try again",
    service_not_found: "This service does not exist.",
    online_available: "Available online",
    official_name_label: "Official name:",
    results_count: |n| match n {
        0 => "No results".into(),
        1 => "1 result".into(),
        n => format!("{n} results"),
    },
    no_results: |q| format!("No results for “{q}”"),
    error_not_found: "What you are looking for was not found.",
    cancel: "Cancel",
    topic_label: "Topic:",
    responsible_label: "Responsible:",
    address_label: "Address",
    remove_filter: "Remove the filter and search all services",
    not_online: "This service cannot be done online here yet. Please contact the responsible office.",
    municipalities_count: |n| match n {
        0 => "No municipality found".into(),
        1 => "1 municipality found".into(),
        n => format!("{n} municipalities found"),
    },
    results_for: |n, q| match n {
        1 => format!("1 result for “{q}”"),
        n => format!("{n} results for “{q}”"),
    },
    topic_results: |n, k| match n {
        1 => format!("1 service in the topic “{k}”"),
        n => format!("{n} services in the topic “{k}”"),
    },
    life_situation_results: |n, k| match n {
        1 => format!("1 service for the life situation “{k}”"),
        n => format!("{n} services for the life situation “{k}”"),
    },
    results_truncated: |n| {
        format!(
            "These are the first {n} services. Search words or your municipality make the list shorter."
        )
    },
    search_title: |q| format!("Search for “{q}”"),
    services_count: |n| match n {
        1 => "1 service".into(),
        n => format!("{n} services"),
    },
    responsible_for: |m| format!("Responsible for {m}:"),
    not_offered: |m| {
        format!(
            "This service is not offered in {m}. Choose another municipality or ask your municipal administration."
        )
    },
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
    fn search_texts_are_translated_and_fill_their_values() {
        let de = Texts::for_lang(Lang::De);
        for lang in Lang::ALL {
            let t = Texts::for_lang(lang);
            if lang != Lang::De {
                assert_ne!(t.search_input_label, de.search_input_label, "{lang}");
                assert_ne!(t.municipality_label, de.municipality_label, "{lang}");
                assert_ne!((t.results_for)(2, "x"), (de.results_for)(2, "x"), "{lang}");
            }
            // Every text with a value shows it, and counts say singular and plural apart.
            assert!((t.no_results)("xqz").contains("xqz"), "{lang}");
            assert!((t.results_for)(3, "hund").contains("hund"), "{lang}");
            assert!(
                (t.topic_results)(3, "Familie").contains("Familie"),
                "{lang}"
            );
            assert!(
                (t.life_situation_results)(3, "Geburt").contains("Geburt"),
                "{lang}"
            );
            assert!((t.search_title)("hund").contains("hund"), "{lang}");
            assert!(
                (t.responsible_for)("Aarau (AG)").contains("Aarau (AG)"),
                "{lang}"
            );
            assert!(
                (t.not_offered)("Aarau (AG)").contains("Aarau (AG)"),
                "{lang}"
            );
            assert!((t.results_truncated)(50).contains("50"), "{lang}");
            for count in [t.results_count, t.municipalities_count, t.services_count] {
                assert_ne!(count(1), count(2).replace('2', "1"), "{lang}");
                assert!(count(7).contains('7'), "{lang}");
            }
        }
    }

    #[test]
    fn titles_carry_the_portal_name() {
        assert_eq!(Texts::for_lang(Lang::En).title("Home"), "Home – Schalter");
    }
}
