//! User-interface texts in every portal language.
//!
//! Two structs, one constant per language each: a text missing in any language is a compile
//! error, not a blank on a citizen's screen. [`Texts`] holds what every page may show (the
//! layout, the search and service pages); [`FormTexts`], reached through it, those of the
//! application pages, which the discovery bundle never ships. The server uses the same catalogue for e-mails and
//! receipts, so both sides always say the same thing. Texts with placeholders are functions.

use crate::Lang;

/// Every text of the portal's user interface in one language.
#[derive(Debug)]
pub struct Texts {
    /// The language of these texts (the further texts of the application pages, [`FormTexts`],
    /// are reached through it).
    pub lang: Lang,
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
    /// Navigation: the applications in progress on this device.
    pub nav_drafts: &'static str,
    /// After a document needed only in some cases.
    pub if_applicable: &'static str,
    /// Heading of the error summary.
    pub error_summary_heading: &'static str,
    /// Before an inline error message, for screen readers (with its separator).
    pub error_prefix: &'static str,
    /// After the label of a question that must be answered.
    pub required_marker: &'static str,
    /// Back link.
    pub back: &'static str,
    /// Link changing an answer (the question follows for screen readers).
    pub change: &'static str,
    /// Fee table column.
    pub fee_item: &'static str,
    /// Fee table column.
    pub fee_amount: &'static str,
    /// Announced while sending.
    pub sending: &'static str,
    /// Button removing a group item (its heading).
    pub remove_item: fn(&str) -> String,
    /// The button that opens the main navigation on narrow screens.
    pub menu_button: &'static str,
    /// Link to the municipality's own website where the service is not online here: "On the
    /// website of Schmölln".
    pub on_municipality_website: fn(&str) -> String,
    /// Opens the further life situations of a topic on the start page: "5 more".
    pub more_life_situations: fn(usize) -> String,
}

/// The further texts of the user interface: filling in, checking and sending an application,
/// the drafts and the receipt. Reached through [`Texts`] (`texts.step_of`), which dereferences
/// to them; kept apart so that the discovery bundle, which shows none of them, does not carry
/// them in four languages.
#[derive(Debug)]
pub struct FormTexts {
    /// A municipality's own administration; `{}` is the municipality's name.
    pub municipal_administration: &'static str,
    /// The federal level as the responsible authority.
    pub federal_authority: &'static str,
    /// Heading of the list of drafts.
    pub drafts_heading: &'static str,
    /// Under that heading: where drafts are kept.
    pub drafts_intro: &'static str,
    /// No drafts on this device.
    pub drafts_empty: &'static str,
    /// Draft list: the municipality.
    pub draft_municipality_label: &'static str,
    /// Draft list: when it last changed.
    pub draft_updated_label: &'static str,
    /// Draft list: how far it is.
    pub draft_progress_label: &'static str,
    /// Button: continue a draft.
    pub continue_draft: &'static str,
    /// Button: discard a draft (asks first).
    pub discard_draft: &'static str,
    /// Button confirming the discarding.
    pub discard_confirm: &'static str,
    /// Start page: a draft of this form exists on the device.
    pub draft_exists_heading: &'static str,
    /// Button starting an application.
    pub start_application: &'static str,
    /// Button starting another application although a draft exists.
    pub start_new: &'static str,
    /// Start page: heading above the start button.
    pub form_start_heading: &'static str,
    /// Start page: a municipality is needed first.
    pub form_choose_municipality: &'static str,
    /// A form id that does not exist.
    pub form_not_found: &'static str,
    /// Heading: the form is not for the chosen municipality.
    pub form_not_offered_heading: &'static str,
    /// A draft id that is not on this device.
    pub draft_missing_heading: &'static str,
    /// Why a draft may be missing.
    pub draft_missing_body: &'static str,
    /// Link: begin the application again.
    pub draft_missing_start: &'static str,
    /// Before the document title while errors are shown (with its separator).
    pub error_title_prefix: &'static str,
    /// Address part.
    pub address_street: &'static str,
    /// Address part.
    pub address_number: &'static str,
    /// Address part.
    pub address_postcode: &'static str,
    /// Address part.
    pub address_place: &'static str,
    /// Address part.
    pub address_country: &'static str,
    /// Format hint of an IBAN input.
    pub iban_hint: &'static str,
    /// Address part on a form of Germany (German writes "Straße" there).
    pub address_street_de: &'static str,
    /// Format hint of an IBAN input on a form of Germany.
    pub iban_hint_de: &'static str,
    /// The day box of a date.
    pub date_day: &'static str,
    /// The month box of a date.
    pub date_month: &'static str,
    /// The year box of a date.
    pub date_year: &'static str,
    /// Format hint of an AHV number input.
    pub ahv_hint: &'static str,
    /// Format hint of a Steuer-ID input.
    pub steuer_id_hint: &'static str,
    /// Format hint of an animal's chip number input.
    pub animal_chip_hint: &'static str,
    /// Empty first option of a select.
    pub choose_option: &'static str,
    /// Above the list of uploaded files.
    pub files_chosen: &'static str,
    /// Button removing a chosen file.
    pub remove_file: &'static str,
    /// Button: check this step and go on.
    pub continue_button: &'static str,
    /// Button on the last step (or coming from the check page).
    pub continue_to_check: &'static str,
    /// Back link to the check page.
    pub back_to_check: &'static str,
    /// Reassurance under every step.
    pub saved_on_device: &'static str,
    /// The browser refused to store the draft.
    pub not_saved: &'static str,
    /// Heading of the notice about a newer form version.
    pub version_notice_heading: &'static str,
    /// A draft was moved to a newer form version.
    pub version_notice: &'static str,
    /// Heading of the check page.
    pub check_heading: &'static str,
    /// Under that heading.
    pub check_intro: &'static str,
    /// An optional question left empty.
    pub not_answered: &'static str,
    /// Check page: heading above the send button.
    pub submit_heading: &'static str,
    /// What sending does.
    pub submit_intro: &'static str,
    /// Button sending the application.
    pub submit_button: &'static str,
    /// Sending failed: no connection.
    pub submit_offline: &'static str,
    /// Sending failed on the server.
    pub submit_failed: &'static str,
    /// Sending refused: the form changed meanwhile.
    pub submit_form_changed: &'static str,
    /// After a failed sending: nothing is lost.
    pub answers_kept: &'static str,
    /// Confirmation: heading of the links onwards.
    pub next_heading: &'static str,
    /// Draft progress: every step answered.
    pub ready_to_check: &'static str,
    /// Asks before discarding the draft with this title.
    pub discard_question: fn(&str) -> String,
    /// Announced after discarding the draft with this title.
    pub draft_discarded: fn(&str) -> String,
    /// Announced after an item was added.
    pub item_added: fn(&str) -> String,
    /// Announced after an item was removed.
    pub item_removed: fn(&str) -> String,
    /// When a draft last changed (date and time).
    pub last_changed: fn(&str) -> String,
    /// The last amount of a per-item fee applies to this item and all further ones.
    pub fee_and_further: fn(&str) -> String,
    /// A group holds its most items.
    pub group_full: fn(usize) -> String,
    /// How many steps a form has.
    pub form_steps: fn(usize) -> String,
    /// How many answers no longer belong to the updated form.
    pub version_dropped: fn(usize) -> String,
    /// Progress: step n of m.
    pub step_of: fn(usize, usize) -> String,
    /// An amount per unit of a number answer (amount, the question).
    pub fee_per_unit: fn(&str, &str) -> String,
    /// A band of a fee by amount: up to this amount (or number) included.
    pub fee_up_to: fn(&str) -> String,
    /// Above the last band of a fee by amount.
    pub fee_above: fn(&str) -> String,
    /// Draft list: when it was begun.
    pub draft_created_label: &'static str,
    /// My applications: heading of the drafts.
    pub open_drafts_heading: &'static str,
    /// My applications: heading of the submitted ones.
    pub submitted_heading: &'static str,
    /// My applications: where the receipts are kept.
    pub submitted_intro: &'static str,
    /// My applications: when it was submitted (a label).
    pub submitted_on_label: &'static str,
    /// My applications: remove a submitted application's receipt from this device (button).
    pub forget_receipt: &'static str,
    /// The question before removing it (the reference): what stays, what goes.
    pub forget_question: fn(&str) -> String,
    /// The button that confirms it.
    pub forget_confirm: &'static str,
    /// Announced once it is removed (the reference).
    pub receipt_forgotten: fn(&str) -> String,
    /// Link to the receipt page of a submitted application.
    pub view_receipt: &'static str,
    /// Sending failed: the connection broke (the application may or may not have arrived).
    pub submit_network: &'static str,
    /// After a broken connection: sending again submits at most once.
    pub submit_retry_safe: &'static str,
    /// Sending refused: this draft was submitted before with other answers.
    pub submit_key_reused: &'static str,
    /// Check page of a draft that was submitted already: heading.
    pub already_submitted_heading: &'static str,
    /// Receipt page: the main heading.
    pub receipt_heading: &'static str,
    /// Receipt page: the button downloading the PDF.
    pub receipt_download: &'static str,
    /// Announced while the PDF is fetched.
    pub receipt_downloading: &'static str,
    /// Announced when the PDF was saved.
    pub receipt_downloaded: &'static str,
    /// The PDF could not be fetched.
    pub receipt_download_failed: &'static str,
    /// Receipt page for a reference this browser holds no receipt of: heading.
    pub receipt_missing_heading: &'static str,
    /// Receipt page for a reference this browser holds no receipt of: what to do.
    pub receipt_missing_body: &'static str,
    /// Receipt page: what happens next.
    pub receipt_next: &'static str,
    /// A file could not be uploaded: no connection.
    pub upload_network: &'static str,
    /// A file could not be uploaded: the server failed.
    pub upload_failed: &'static str,
    /// Check page of a submitted draft: when (date and time) and the reference.
    pub already_submitted: fn(&str, &str) -> String,
    /// A step or the check page of a submitted draft: it cannot be changed any more.
    pub submitted_read_only: &'static str,
    /// Receipt page: the confirmation e-mail goes to this address.
    pub receipt_email: fn(&str) -> String,
    /// Receipt page: the status could not be refreshed; shown as of this time.
    pub receipt_stale: fn(&str) -> String,
    /// Announced when a file (its name) starts uploading; the progress bar's name.
    pub uploading: fn(&str) -> String,
    /// How far the upload of a file (its name) is, in percent.
    pub upload_percent: fn(&str, u32) -> String,
    /// Announced when a file (its name) was uploaded.
    pub upload_done: fn(&str) -> String,
    /// Announced when the upload of a file (its name) was cancelled.
    pub upload_cancelled: fn(&str) -> String,
    /// Announced when a file (its name) was removed.
    pub file_removed: fn(&str) -> String,
    /// Announced when a file (its name) was refused (the reason is said beside the question).
    pub upload_refused: fn(&str) -> String,
    /// Two texts joined by a colon as the language writes it: an error in the summary
    /// ("Vorname: Bitte …"), an action and what it acts on ("Entfernen: nachweis.pdf").
    pub colon: fn(&str, &str) -> String,
    /// The embedded search widget on a municipality's website: shown instead of the search box
    /// when the portal refuses that website (its address is not registered) or cannot be reached.
    pub embed_unavailable: &'static str,
    /// The embedded search widget: link to the portal's search for the municipality.
    pub embed_open_portal: &'static str,
}

impl std::ops::Deref for Texts {
    type Target = FormTexts;

    fn deref(&self) -> &FormTexts {
        FormTexts::for_lang(self.lang)
    }
}

impl FormTexts {
    /// The texts for `lang`.
    pub const fn for_lang(lang: Lang) -> &'static FormTexts {
        match lang {
            Lang::De => &FORM_DE,
            Lang::Fr => &FORM_FR,
            Lang::It => &FORM_IT,
            Lang::En => &FORM_EN,
        }
    }
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
    /// A French "de " right before `{}` is elided as the name asks ("d’Aarau").
    pub fn fill(pattern: &str, value: &str) -> String {
        crate::typography::fill_fr(pattern, value)
    }

    /// A complete document title for a page heading.
    pub fn title(&self, page: &str) -> String {
        format!("{page} – {}", self.title_suffix)
    }
}

const DE: Texts = Texts {
    lang: Lang::De,
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
    nav_drafts: "Meine Anträge",
    if_applicable: "(falls zutreffend)",
    error_summary_heading: "Bitte korrigieren Sie Folgendes",
    error_prefix: "Fehler: ",
    required_marker: "(Pflichtangabe)",
    back: "Zurück",
    change: "Ändern",
    fee_item: "Gebühr",
    fee_amount: "Betrag",
    sending: "Wird gesendet …",
    remove_item: |t| format!("{t} entfernen"),
    menu_button: "Menü",
    on_municipality_website: |m| format!("Auf der Website von {m}"),
    more_life_situations: |n| format!("{n} weitere"),
};

const FORM_DE: FormTexts = FormTexts {
    municipal_administration: "Gemeindeverwaltung {}",
    federal_authority: "Zuständige Bundesbehörde",
    drafts_heading: "Meine Anträge auf diesem Gerät",
    drafts_intro: "Begonnene Anträge werden nur in diesem Browser gespeichert, nicht bei der Verwaltung. Auf einem gemeinsam genutzten Gerät löschen Sie sie, wenn Sie fertig sind.",
    drafts_empty: "Auf diesem Gerät sind keine offenen Anträge gespeichert.",
    draft_municipality_label: "Gemeinde",
    draft_updated_label: "Zuletzt geändert",
    draft_progress_label: "Stand",
    continue_draft: "Weiter ausfüllen",
    discard_draft: "Entwurf löschen",
    discard_confirm: "Ja, endgültig löschen",
    draft_exists_heading: "Sie haben diesen Antrag auf diesem Gerät bereits begonnen",
    start_application: "Antrag starten",
    start_new: "Neuen Antrag beginnen",
    form_start_heading: "Antrag stellen",
    form_choose_municipality: "Wählen Sie Ihre Gemeinde, um den Antrag zu starten.",
    form_not_found: "Dieses Formular gibt es nicht.",
    form_not_offered_heading: "Für Ihre Gemeinde nicht verfügbar",
    draft_missing_heading: "Entwurf nicht gefunden",
    draft_missing_body: "Dieser Entwurf ist auf diesem Gerät nicht gespeichert. Entwürfe bleiben im Browser, in dem Sie sie begonnen haben, bis Sie sie löschen.",
    draft_missing_start: "Antrag neu beginnen",
    error_title_prefix: "Fehler: ",
    address_street: "Strasse",
    address_number: "Hausnummer",
    address_postcode: "Postleitzahl",
    address_place: "Ort",
    address_country: "Land",
    iban_hint: "Zum Beispiel CH93 0076 2011 6238 5295 7; Leerzeichen sind erlaubt.",
    address_street_de: "Straße",
    iban_hint_de: "Zum Beispiel DE89 3704 0044 0532 0130 00; Leerzeichen sind erlaubt.",
    date_day: "Tag",
    date_month: "Monat",
    date_year: "Jahr",
    ahv_hint: "13 Ziffern, beginnt mit 756, zum Beispiel 756.1234.5678.97",
    steuer_id_hint: "11 Ziffern; sie steht auf Ihrem Einkommensteuerbescheid.",
    animal_chip_hint: "15 Ziffern, zum Beispiel 276 098 100 123 456; sie steht im Heimtierausweis.",
    choose_option: "Bitte wählen",
    files_chosen: "Hochgeladene Dateien:",
    remove_file: "Entfernen",
    continue_button: "Weiter",
    continue_to_check: "Weiter zur Übersicht",
    back_to_check: "Zurück zur Übersicht",
    saved_on_device: "Ihre Angaben werden laufend auf diesem Gerät gespeichert.",
    not_saved: "Ihre Angaben konnten auf diesem Gerät nicht gespeichert werden (zum Beispiel im privaten Modus). Schliessen Sie diese Seite nicht, bevor Sie den Antrag abgeschlossen haben.",
    version_notice_heading: "Formular aktualisiert",
    version_notice: "Dieses Formular wurde seit Ihrem Beginn aktualisiert. Ihre Angaben wurden übernommen, soweit die Fragen noch bestehen.",
    check_heading: "Angaben prüfen",
    check_intro: "Prüfen Sie Ihre Angaben, bevor Sie den Antrag absenden.",
    not_answered: "Keine Angabe",
    submit_heading: "Antrag absenden",
    submit_intro: "Mit dem Absenden übermitteln Sie den Antrag an die zuständige Stelle. Sie erhalten sofort eine Eingangsbestätigung mit einer Referenznummer.",
    submit_button: "Antrag absenden",
    submit_offline: "Sie sind offline: Der Antrag konnte nicht gesendet werden.",
    submit_failed: "Der Antrag konnte nicht gesendet werden, weil beim Server ein Fehler aufgetreten ist. Bitte versuchen Sie es später erneut.",
    submit_form_changed: "Das Formular wurde inzwischen aktualisiert. Bitte prüfen Sie Ihre Angaben und senden Sie den Antrag erneut.",
    answers_kept: "Ihre Angaben bleiben auf diesem Gerät gespeichert; es geht nichts verloren. Versuchen Sie es erneut, sobald die Verbindung wieder besteht.",
    next_heading: "Wie weiter?",
    ready_to_check: "Alle Schritte ausgefüllt, bereit zum Absenden",
    discard_question: |t| format!("Entwurf «{t}» wirklich löschen? Ihre Angaben gehen verloren."),
    draft_discarded: |t| format!("Der Entwurf «{t}» wurde gelöscht."),
    item_added: |t| format!("{t} hinzugefügt"),
    item_removed: |t| format!("{t} entfernt"),
    last_changed: |t| format!("Zuletzt geändert: {t}"),
    fee_and_further: |t| format!("{t} und weitere"),
    group_full: |n| format!("Sie haben die Höchstzahl von {n} Einträgen erreicht."),
    form_steps: |n| match n {
        1 => "Der Antrag hat 1 Schritt.".into(),
        n => format!("Der Antrag hat {n} Schritte."),
    },
    version_dropped: |n| match n {
        1 => "1 Angabe gehört nicht mehr zum Formular und wurde entfernt.".into(),
        n => format!("{n} Angaben gehören nicht mehr zum Formular und wurden entfernt."),
    },
    step_of: |n, m| format!("Schritt {n} von {m}"),
    fee_per_unit: |a, u| format!("{a} je «{u}»"),
    fee_up_to: |a| format!("bis {a}"),
    fee_above: |a| format!("über {a}"),
    draft_created_label: "Begonnen",
    open_drafts_heading: "Offene Anträge",
    submitted_heading: "Eingereichte Anträge",
    submitted_intro: "Die Eingangsbestätigungen Ihrer eingereichten Anträge bleiben in diesem Browser gespeichert. Ihre Referenznummer steht auch in der Bestätigungs-E-Mail.",
    submitted_on_label: "Eingereicht",
    forget_receipt: "Von diesem Gerät entfernen",
    forget_question: |r| {
        format!(
            "Eingangsbestätigung {r} von diesem Gerät entfernen? Der Antrag bleibt bei der Behörde. Sie können die Bestätigung hier danach nicht mehr öffnen; die Referenznummer steht auch in der Bestätigungs-E-Mail."
        )
    },
    forget_confirm: "Ja, von diesem Gerät entfernen",
    receipt_forgotten: |r| format!("Die Eingangsbestätigung {r} wurde von diesem Gerät entfernt."),
    view_receipt: "Eingangsbestätigung ansehen",
    submit_network: "Keine Verbindung zum Server: Der Antrag ist möglicherweise nicht angekommen.",
    submit_retry_safe: "Senden Sie ihn erneut, sobald die Verbindung wieder besteht: Er wird dabei bestimmt nur einmal eingereicht, und Ihre Angaben bleiben auf diesem Gerät gespeichert.",
    submit_key_reused: "Dieser Antrag wurde bereits mit anderen Angaben eingereicht. Änderungen teilen Sie bitte der zuständigen Stelle mit; für einen weiteren Antrag beginnen Sie einen neuen.",
    already_submitted_heading: "Bereits eingereicht",
    receipt_heading: "Antrag eingereicht",
    receipt_download: "Eingangsbestätigung herunterladen (PDF)",
    receipt_downloading: "Das PDF wird geladen …",
    receipt_downloaded: "Das PDF wurde heruntergeladen.",
    receipt_download_failed: "Das PDF konnte gerade nicht geladen werden. Bitte versuchen Sie es später erneut; Ihr Antrag ist trotzdem eingegangen.",
    receipt_missing_heading: "Eingangsbestätigung nicht auf diesem Gerät",
    receipt_missing_body: "Diese Eingangsbestätigung ist in diesem Browser nicht gespeichert. Sie finden sie in der Bestätigungs-E-Mail; bei Fragen nennen Sie der zuständigen Stelle Ihre Referenznummer.",
    receipt_next: "Die zuständige Stelle bearbeitet Ihren Antrag und meldet sich bei Ihnen, wenn etwas fehlt. Den Stand sehen Sie jederzeit unter «Meine Anträge».",
    upload_network: "Die Datei konnte nicht hochgeladen werden: keine Verbindung zum Server. Bitte wählen Sie sie erneut aus, sobald die Verbindung wieder besteht.",
    upload_failed: "Die Datei konnte wegen eines Fehlers beim Server nicht hochgeladen werden. Bitte versuchen Sie es später erneut.",
    already_submitted: |w, r| {
        format!("Sie haben diesen Antrag am {w} eingereicht (Referenznummer {r}).")
    },
    submitted_read_only: "Ein eingereichter Antrag kann nicht mehr geändert werden. Ihre Angaben finden Sie in der Eingangsbestätigung.",
    receipt_email: |e| {
        format!("Wir senden Ihnen eine Bestätigung mit diesem Beleg als PDF an {e}.")
    },
    receipt_stale: |t| {
        format!(
            "Der aktuelle Stand konnte nicht abgerufen werden; angezeigt wird der Stand vom {t}."
        )
    },
    uploading: |n| format!("{n} wird hochgeladen"),
    upload_percent: |n, p| format!("{n}: {p} % hochgeladen"),
    upload_done: |n| format!("{n} wurde hochgeladen."),
    upload_cancelled: |n| format!("Hochladen von {n} abgebrochen."),
    file_removed: |n| format!("{n} wurde entfernt."),
    upload_refused: |n| format!("{n} wurde nicht hochgeladen."),
    colon: |a, u| format!("{a}: {u}"),
    embed_unavailable: "Die Suche ist auf dieser Website zurzeit nicht verfügbar.",
    embed_open_portal: "Alle Leistungen im Portal",
};

const FR: Texts = Texts {
    lang: Lang::Fr,
    portal_name: "Schalter",
    portal_tagline: "Vos démarches administratives en ligne",
    skip_to_content: "Aller au contenu",
    language_switch_label: "Choisir la langue",
    main_nav_label: "Navigation principale",
    nav_home: "Accueil",
    nav_search: "Rechercher une prestation",
    home_heading: "Que souhaitez-vous faire\u{a0}?",
    home_intro: "Trouvez la prestation administrative adaptée à votre commune et effectuez-la en ligne, sans devoir savoir quel office est compétent.",
    search_heading: "Rechercher une prestation",
    search_intro: "Décrivez avec vos propres mots ce que vous souhaitez faire, par exemple « annoncer un chien » ou « déménagement ».",
    footer_operator: "Une offre commune des cantons, des Länder et des communes",
    not_found_heading: "Page introuvable",
    not_found_body: "Cette adresse n'existe pas chez nous. La page a peut-être été déplacée ou l'adresse contient une faute de frappe.",
    not_found_home: "Retour à l'accueil",
    title_suffix: "Schalter",
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
    nav_drafts: "Mes demandes",
    if_applicable: "(le cas échéant)",
    error_summary_heading: "Veuillez corriger les points suivants",
    error_prefix: "Erreur\u{a0}: ",
    required_marker: "(obligatoire)",
    back: "Retour",
    change: "Modifier",
    fee_item: "Émolument",
    fee_amount: "Montant",
    sending: "Envoi en cours …",
    remove_item: |t| format!("Retirer «\u{a0}{t}\u{a0}»"),
    menu_button: "Menu",
    on_municipality_website: |m| format!("Sur le site web {}", crate::typography::fr_de(m)),
    more_life_situations: |n| match n {
        1 => "1 autre".into(),
        n => format!("{n} autres"),
    },
};

const FORM_FR: FormTexts = FormTexts {
    municipal_administration: "Administration communale de {}",
    federal_authority: "Autorité fédérale compétente",
    drafts_heading: "Mes demandes sur cet appareil",
    drafts_intro: "Les demandes commencées sont enregistrées uniquement dans ce navigateur, pas auprès de l’administration. Sur un appareil partagé, supprimez-les lorsque vous avez terminé.",
    drafts_empty: "Aucune demande en cours n’est enregistrée sur cet appareil.",
    draft_municipality_label: "Commune",
    draft_updated_label: "Dernière modification",
    draft_progress_label: "Avancement",
    continue_draft: "Continuer",
    discard_draft: "Supprimer le brouillon",
    discard_confirm: "Oui, supprimer définitivement",
    draft_exists_heading: "Vous avez déjà commencé cette demande sur cet appareil",
    start_application: "Commencer la demande",
    start_new: "Commencer une nouvelle demande",
    form_start_heading: "Déposer la demande",
    form_choose_municipality: "Choisissez votre commune pour commencer la demande.",
    form_not_found: "Ce formulaire n’existe pas.",
    form_not_offered_heading: "Pas disponible pour votre commune",
    draft_missing_heading: "Brouillon introuvable",
    draft_missing_body: "Ce brouillon n’est pas enregistré sur cet appareil. Les brouillons restent dans le navigateur où vous les avez commencés, jusqu’à ce que vous les supprimiez.",
    draft_missing_start: "Recommencer la demande",
    error_title_prefix: "Erreur\u{a0}: ",
    address_street: "Rue",
    address_number: "Numéro",
    address_postcode: "Numéro postal",
    address_place: "Localité",
    address_country: "Pays",
    iban_hint: "Par exemple CH93 0076 2011 6238 5295 7\u{a0}; les espaces sont admis.",
    address_street_de: "Rue",
    iban_hint_de: "Par exemple DE89 3704 0044 0532 0130 00\u{a0}; les espaces sont admis.",
    date_day: "Jour",
    date_month: "Mois",
    date_year: "Année",
    ahv_hint: "13 chiffres, commence par 756, par exemple 756.1234.5678.97",
    steuer_id_hint: "11 chiffres\u{a0}; il figure sur votre avis d’imposition allemand.",
    animal_chip_hint: "15 chiffres, par exemple 276 098 100 123 456\u{a0}; il figure dans le passeport pour animaux de compagnie.",
    choose_option: "Veuillez choisir",
    files_chosen: "Fichiers envoyés\u{a0}:",
    remove_file: "Retirer",
    continue_button: "Continuer",
    continue_to_check: "Continuer vers le récapitulatif",
    back_to_check: "Retour au récapitulatif",
    saved_on_device: "Vos indications sont enregistrées au fur et à mesure sur cet appareil.",
    not_saved: "Vos indications n’ont pas pu être enregistrées sur cet appareil (par exemple en navigation privée). Ne fermez pas cette page avant d’avoir terminé la demande.",
    version_notice_heading: "Formulaire mis à jour",
    version_notice: "Ce formulaire a été mis à jour depuis que vous l’avez commencé. Vos indications ont été reprises dans la mesure où les questions existent encore.",
    check_heading: "Vérifier vos indications",
    check_intro: "Vérifiez vos indications avant d’envoyer la demande.",
    not_answered: "Aucune indication",
    submit_heading: "Envoyer la demande",
    submit_intro: "En l’envoyant, vous transmettez la demande à l’autorité compétente. Vous recevez aussitôt un accusé de réception avec un numéro de référence.",
    submit_button: "Envoyer la demande",
    submit_offline: "Vous êtes hors ligne\u{a0}: la demande n’a pas pu être envoyée.",
    submit_failed: "La demande n’a pas pu être envoyée en raison d’une erreur du serveur. Veuillez réessayer plus tard.",
    submit_form_changed: "Le formulaire a été mis à jour entre-temps. Veuillez vérifier vos indications et envoyer à nouveau la demande.",
    answers_kept: "Vos indications restent enregistrées sur cet appareil\u{a0}; rien n’est perdu. Réessayez dès que la connexion est rétablie.",
    next_heading: "Et maintenant\u{a0}?",
    ready_to_check: "Toutes les étapes remplies, prête à être envoyée",
    discard_question: |t| {
        format!(
            "Supprimer vraiment le brouillon «\u{a0}{t}\u{a0}»\u{a0}? Vos indications seront perdues."
        )
    },
    draft_discarded: |t| format!("Le brouillon «\u{a0}{t}\u{a0}» a été supprimé."),
    item_added: |t| format!("«\u{a0}{t}\u{a0}» ajouté"),
    item_removed: |t| format!("«\u{a0}{t}\u{a0}» retiré"),
    last_changed: |t| format!("Dernière modification\u{a0}: {t}"),
    fee_and_further: |t| format!("{t} et suivants"),
    group_full: |n| format!("Vous avez atteint le nombre maximal de {n} entrées."),
    form_steps: |n| match n {
        1 => "La demande compte 1 étape.".into(),
        n => format!("La demande compte {n} étapes."),
    },
    version_dropped: |n| match n {
        1 => "1 indication ne fait plus partie du formulaire et a été retirée.".into(),
        n => format!("{n} indications ne font plus partie du formulaire et ont été retirées."),
    },
    step_of: |n, m| format!("Étape {n} sur {m}"),
    fee_per_unit: |a, u| format!("{a} par «\u{a0}{u}\u{a0}»"),
    fee_up_to: |a| format!("jusqu’à {a}"),
    fee_above: |a| format!("plus de {a}"),
    draft_created_label: "Commencée",
    open_drafts_heading: "Demandes en cours",
    submitted_heading: "Demandes envoyées",
    submitted_intro: "Les accusés de réception de vos demandes envoyées restent enregistrés dans ce navigateur. Votre numéro de référence figure aussi dans l’e-mail de confirmation.",
    submitted_on_label: "Envoi",
    forget_receipt: "Retirer de cet appareil",
    forget_question: |r| {
        format!(
            "Retirer l’accusé de réception {r} de cet appareil ? La demande reste auprès de l’autorité. Vous ne pourrez plus ouvrir l’accusé de réception ici\u{a0}; le numéro de référence figure aussi dans l’e-mail de confirmation."
        )
    },
    forget_confirm: "Oui, retirer de cet appareil",
    receipt_forgotten: |r| format!("L’accusé de réception {r} a été retiré de cet appareil."),
    view_receipt: "Voir l’accusé de réception",
    submit_network: "Pas de connexion au serveur\u{a0}: la demande n’est peut-être pas arrivée.",
    submit_retry_safe: "Renvoyez-la dès que la connexion est rétablie\u{a0}: elle ne sera déposée qu’une seule fois, et vos indications restent enregistrées sur cet appareil.",
    submit_key_reused: "Cette demande a déjà été envoyée avec d’autres indications. Veuillez communiquer les modifications à l’autorité compétente\u{a0}; pour une autre demande, commencez-en une nouvelle.",
    already_submitted_heading: "Déjà envoyée",
    receipt_heading: "Demande envoyée",
    receipt_download: "Télécharger l’accusé de réception (PDF)",
    receipt_downloading: "Chargement du PDF …",
    receipt_downloaded: "Le PDF a été téléchargé.",
    receipt_download_failed: "Le PDF n’a pas pu être chargé pour l’instant. Veuillez réessayer plus tard\u{a0}; votre demande est néanmoins bien arrivée.",
    receipt_missing_heading: "Accusé de réception absent de cet appareil",
    receipt_missing_body: "Cet accusé de réception n’est pas enregistré dans ce navigateur. Vous le trouvez dans l’e-mail de confirmation\u{a0}; pour toute question, indiquez votre numéro de référence à l’autorité compétente.",
    receipt_next: "L’autorité compétente traite votre demande et vous contacte s’il manque quelque chose. Vous voyez l’état à tout moment sous «\u{a0}Mes demandes\u{a0}».",
    upload_network: "Le fichier n’a pas pu être envoyé\u{a0}: pas de connexion au serveur. Veuillez le choisir à nouveau dès que la connexion est rétablie.",
    upload_failed: "Le fichier n’a pas pu être envoyé en raison d’une erreur du serveur. Veuillez réessayer plus tard.",
    already_submitted: |w, r| {
        format!("Vous avez envoyé cette demande le {w} (numéro de référence {r}).")
    },
    submitted_read_only: "Une demande envoyée ne peut plus être modifiée. Vos indications figurent dans l’accusé de réception.",
    receipt_email: |e| {
        format!("Nous vous envoyons une confirmation avec cet accusé de réception en PDF à {e}.")
    },
    receipt_stale: |t| {
        format!("L’état actuel n’a pas pu être consulté\u{a0}; voici l’état du {t}.")
    },
    uploading: |n| format!("Envoi de {n}"),
    upload_percent: |n, p| format!("{n}\u{a0}: {p}\u{a0}% envoyés"),
    upload_done: |n| format!("{n} a été envoyé."),
    upload_cancelled: |n| format!("Envoi de {n} annulé."),
    file_removed: |n| format!("{n} a été retiré."),
    upload_refused: |n| format!("{n} n’a pas été envoyé."),
    colon: |a, u| format!("{a}\u{a0}: {u}"),
    embed_unavailable: "La recherche n’est pas disponible sur ce site pour le moment.",
    embed_open_portal: "Toutes les prestations sur le portail",
};

const IT: Texts = Texts {
    lang: Lang::It,
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
    nav_drafts: "Le mie domande",
    if_applicable: "(se del caso)",
    error_summary_heading: "Corregga i punti seguenti",
    error_prefix: "Errore: ",
    required_marker: "(obbligatorio)",
    back: "Indietro",
    change: "Modificare",
    fee_item: "Emolumento",
    fee_amount: "Importo",
    sending: "Invio in corso …",
    remove_item: |t| format!("Rimuovere «{t}»"),
    menu_button: "Menu",
    on_municipality_website: |m| format!("Sul sito web di {m}"),
    more_life_situations: |n| match n {
        1 => "un’altra".into(),
        n => format!("altre {n}"),
    },
};

const FORM_IT: FormTexts = FormTexts {
    municipal_administration: "Amministrazione comunale di {}",
    federal_authority: "Autorità federale competente",
    drafts_heading: "Le mie domande su questo dispositivo",
    drafts_intro: "Le domande iniziate sono salvate solo in questo browser, non presso l’amministrazione. Su un dispositivo condiviso le elimini quando ha finito.",
    drafts_empty: "Su questo dispositivo non sono salvate domande in corso.",
    draft_municipality_label: "Comune",
    draft_updated_label: "Ultima modifica",
    draft_progress_label: "Stato",
    continue_draft: "Continuare",
    discard_draft: "Eliminare la bozza",
    discard_confirm: "Sì, eliminare definitivamente",
    draft_exists_heading: "Ha già iniziato questa domanda su questo dispositivo",
    start_application: "Avviare la domanda",
    start_new: "Iniziare una nuova domanda",
    form_start_heading: "Presentare la domanda",
    form_choose_municipality: "Scelga il suo comune per avviare la domanda.",
    form_not_found: "Questo modulo non esiste.",
    form_not_offered_heading: "Non disponibile per il suo comune",
    draft_missing_heading: "Bozza non trovata",
    draft_missing_body: "Questa bozza non è salvata su questo dispositivo. Le bozze restano nel browser in cui le ha iniziate, finché non le elimina.",
    draft_missing_start: "Ricominciare la domanda",
    error_title_prefix: "Errore: ",
    address_street: "Via",
    address_number: "Numero civico",
    address_postcode: "Numero postale",
    address_place: "Località",
    address_country: "Paese",
    iban_hint: "Ad esempio CH93 0076 2011 6238 5295 7; gli spazi sono ammessi.",
    address_street_de: "Via",
    iban_hint_de: "Ad esempio DE89 3704 0044 0532 0130 00; gli spazi sono ammessi.",
    date_day: "Giorno",
    date_month: "Mese",
    date_year: "Anno",
    ahv_hint: "13 cifre, inizia con 756, ad esempio 756.1234.5678.97",
    steuer_id_hint: "11 cifre; figura sulla sua notifica d’imposta tedesca.",
    animal_chip_hint: "15 cifre, ad esempio 276 098 100 123 456; figura nel passaporto per animali da compagnia.",
    choose_option: "Scelga",
    files_chosen: "File caricati:",
    remove_file: "Rimuovere",
    continue_button: "Avanti",
    continue_to_check: "Avanti al riepilogo",
    back_to_check: "Torna al riepilogo",
    saved_on_device: "I suoi dati sono salvati man mano su questo dispositivo.",
    not_saved: "Non è stato possibile salvare i suoi dati su questo dispositivo (ad esempio in navigazione privata). Non chiuda questa pagina prima di aver terminato la domanda.",
    version_notice_heading: "Modulo aggiornato",
    version_notice: "Questo modulo è stato aggiornato da quando l’ha iniziato. I suoi dati sono stati ripresi nella misura in cui le domande esistono ancora.",
    check_heading: "Verificare i dati",
    check_intro: "Verifichi i suoi dati prima di inviare la domanda.",
    not_answered: "Nessuna indicazione",
    submit_heading: "Inviare la domanda",
    submit_intro: "Con l’invio la domanda viene trasmessa all’autorità competente. Riceve subito una conferma di ricezione con un numero di riferimento.",
    submit_button: "Inviare la domanda",
    submit_offline: "È offline: non è stato possibile inviare la domanda.",
    submit_failed: "Non è stato possibile inviare la domanda a causa di un errore del server. Riprovi più tardi.",
    submit_form_changed: "Nel frattempo il modulo è stato aggiornato. Verifichi i suoi dati e invii nuovamente la domanda.",
    answers_kept: "I suoi dati restano salvati su questo dispositivo; non va perso nulla. Riprovi non appena la connessione è ristabilita.",
    next_heading: "E ora?",
    ready_to_check: "Tutti i passi compilati, pronta per l’invio",
    discard_question: |t| format!("Eliminare davvero la bozza «{t}»? I suoi dati andranno persi."),
    draft_discarded: |t| format!("La bozza «{t}» è stata eliminata."),
    item_added: |t| format!("«{t}» aggiunto"),
    item_removed: |t| format!("«{t}» rimosso"),
    last_changed: |t| format!("Ultima modifica: {t}"),
    fee_and_further: |t| format!("{t} e seguenti"),
    group_full: |n| format!("Ha raggiunto il numero massimo di {n} voci."),
    form_steps: |n| match n {
        1 => "La domanda comprende 1 passo.".into(),
        n => format!("La domanda comprende {n} passi."),
    },
    version_dropped: |n| match n {
        1 => "1 dato non fa più parte del modulo ed è stato rimosso.".into(),
        n => format!("{n} dati non fanno più parte del modulo e sono stati rimossi."),
    },
    step_of: |n, m| format!("Passo {n} di {m}"),
    fee_per_unit: |a, u| format!("{a} per «{u}»"),
    fee_up_to: |a| format!("fino a {a}"),
    fee_above: |a| format!("oltre {a}"),
    draft_created_label: "Iniziata",
    open_drafts_heading: "Domande in corso",
    submitted_heading: "Domande inoltrate",
    submitted_intro: "Le conferme di ricezione delle domande inoltrate restano salvate in questo browser. Il numero di riferimento si trova anche nell’e-mail di conferma.",
    submitted_on_label: "Invio",
    forget_receipt: "Rimuovere da questo dispositivo",
    forget_question: |r| {
        format!(
            "Rimuovere la conferma di ricezione {r} da questo dispositivo? La domanda resta presso l’autorità. Qui non potrà più aprire la conferma; il numero di riferimento si trova anche nell’e-mail di conferma."
        )
    },
    forget_confirm: "Sì, rimuovere da questo dispositivo",
    receipt_forgotten: |r| {
        format!("La conferma di ricezione {r} è stata rimossa da questo dispositivo.")
    },
    view_receipt: "Vedere la conferma di ricezione",
    submit_network: "Nessuna connessione al server: la domanda potrebbe non essere arrivata.",
    submit_retry_safe: "La invii di nuovo non appena la connessione è ristabilita: verrà inoltrata una sola volta, e i suoi dati restano salvati su questo dispositivo.",
    submit_key_reused: "Questa domanda è già stata inoltrata con altri dati. Comunichi le modifiche all’autorità competente; per un’altra domanda ne inizi una nuova.",
    already_submitted_heading: "Già inoltrata",
    receipt_heading: "Domanda inoltrata",
    receipt_download: "Scaricare la conferma di ricezione (PDF)",
    receipt_downloading: "Caricamento del PDF …",
    receipt_downloaded: "Il PDF è stato scaricato.",
    receipt_download_failed: "Al momento non è stato possibile caricare il PDF. Riprovi più tardi; la sua domanda è comunque pervenuta.",
    receipt_missing_heading: "Conferma di ricezione non presente su questo dispositivo",
    receipt_missing_body: "Questa conferma di ricezione non è salvata in questo browser. La trova nell’e-mail di conferma; per domande indichi il suo numero di riferimento all’autorità competente.",
    receipt_next: "L’autorità competente tratta la sua domanda e la contatta se manca qualcosa. Lo stato è sempre visibile sotto «Le mie domande».",
    upload_network: "Non è stato possibile caricare il file: nessuna connessione al server. Lo scelga di nuovo non appena la connessione è ristabilita.",
    upload_failed: "Non è stato possibile caricare il file a causa di un errore del server. Riprovi più tardi.",
    already_submitted: |w, r| {
        format!("Ha inoltrato questa domanda il {w} (numero di riferimento {r}).")
    },
    submitted_read_only: "Una domanda inoltrata non può più essere modificata. I suoi dati figurano nella conferma di ricezione.",
    receipt_email: |e| format!("Le inviamo una conferma con questa ricevuta in PDF a {e}."),
    receipt_stale: |t| {
        format!("Non è stato possibile consultare lo stato attuale; è mostrato lo stato del {t}.")
    },
    uploading: |n| format!("Caricamento di {n}"),
    upload_percent: |n, p| format!("{n}: {p}% caricato"),
    upload_done: |n| format!("{n} è stato caricato."),
    upload_cancelled: |n| format!("Caricamento di {n} annullato."),
    file_removed: |n| format!("{n} è stato rimosso."),
    upload_refused: |n| format!("{n} non è stato caricato."),
    colon: |a, u| format!("{a}: {u}"),
    embed_unavailable: "La ricerca non è al momento disponibile su questo sito.",
    embed_open_portal: "Tutte le prestazioni sul portale",
};

const EN: Texts = Texts {
    lang: Lang::En,
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
    nav_drafts: "My applications",
    if_applicable: "(if applicable)",
    error_summary_heading: "Please correct the following",
    error_prefix: "Error: ",
    required_marker: "(required)",
    back: "Back",
    change: "Change",
    fee_item: "Fee",
    fee_amount: "Amount",
    sending: "Sending…",
    remove_item: |t| format!("Remove {t}"),
    menu_button: "Menu",
    on_municipality_website: |m| format!("On the website of {m}"),
    more_life_situations: |n| format!("{n} more"),
};

const FORM_EN: FormTexts = FormTexts {
    municipal_administration: "{} municipal administration",
    federal_authority: "Responsible federal authority",
    drafts_heading: "My applications on this device",
    drafts_intro: "Applications you have begun are kept only in this browser, not by the administration. On a shared device, delete them when you are done.",
    drafts_empty: "There are no applications in progress on this device.",
    draft_municipality_label: "Municipality",
    draft_updated_label: "Last changed",
    draft_progress_label: "Progress",
    continue_draft: "Continue",
    discard_draft: "Delete draft",
    discard_confirm: "Yes, delete it",
    draft_exists_heading: "You have already begun this application on this device",
    start_application: "Start application",
    start_new: "Start a new application",
    form_start_heading: "Apply",
    form_choose_municipality: "Choose your municipality to start the application.",
    form_not_found: "This form does not exist.",
    form_not_offered_heading: "Not available for your municipality",
    draft_missing_heading: "Draft not found",
    draft_missing_body: "This draft is not stored on this device. Drafts stay in the browser you began them in until you delete them.",
    draft_missing_start: "Begin the application again",
    error_title_prefix: "Error: ",
    address_street: "Street",
    address_number: "House number",
    address_postcode: "Postcode",
    address_place: "Town or city",
    address_country: "Country",
    iban_hint: "For example CH93 0076 2011 6238 5295 7; spaces are allowed.",
    address_street_de: "Street",
    iban_hint_de: "For example DE89 3704 0044 0532 0130 00; spaces are allowed.",
    date_day: "Day",
    date_month: "Month",
    date_year: "Year",
    ahv_hint: "13 digits starting with 756, for example 756.1234.5678.97",
    steuer_id_hint: "11 digits; it is on your German income tax assessment.",
    animal_chip_hint: "15 digits, for example 276 098 100 123 456; it is in the pet passport.",
    choose_option: "Please choose",
    files_chosen: "Uploaded files:",
    remove_file: "Remove",
    continue_button: "Continue",
    continue_to_check: "Continue to check your answers",
    back_to_check: "Back to check your answers",
    saved_on_device: "Your answers are saved on this device as you type.",
    not_saved: "Your answers could not be saved on this device (in private browsing, for example). Do not close this page before you have finished the application.",
    version_notice_heading: "Form updated",
    version_notice: "This form has been updated since you began. Your answers have been kept where the questions still exist.",
    check_heading: "Check your answers",
    check_intro: "Check your answers before you send the application.",
    not_answered: "Not answered",
    submit_heading: "Send your application",
    submit_intro: "Sending passes your application to the responsible office. You get an acknowledgement of receipt with a reference number straight away.",
    submit_button: "Send application",
    submit_offline: "You are offline: the application could not be sent.",
    submit_failed: "The application could not be sent because of an error on the server. Please try again later.",
    submit_form_changed: "The form has been updated meanwhile. Please check your answers and send the application again.",
    answers_kept: "Your answers stay saved on this device; nothing is lost. Try again once the connection is back.",
    next_heading: "What next?",
    ready_to_check: "All steps answered, ready to send",
    discard_question: |t| format!("Really delete the draft “{t}”? Your answers will be lost."),
    draft_discarded: |t| format!("The draft “{t}” has been deleted."),
    item_added: |t| format!("{t} added"),
    item_removed: |t| format!("{t} removed"),
    last_changed: |t| format!("Last changed: {t}"),
    fee_and_further: |t| format!("{t} and any further"),
    group_full: |n| format!("You have reached the maximum of {n} entries."),
    form_steps: |n| match n {
        1 => "The application has 1 step.".into(),
        n => format!("The application has {n} steps."),
    },
    version_dropped: |n| match n {
        1 => "1 answer no longer belongs to the form and has been removed.".into(),
        n => format!("{n} answers no longer belong to the form and have been removed."),
    },
    step_of: |n, m| format!("Step {n} of {m}"),
    fee_per_unit: |a, u| format!("{a} per “{u}”"),
    fee_up_to: |a| format!("up to {a}"),
    fee_above: |a| format!("above {a}"),
    draft_created_label: "Begun",
    open_drafts_heading: "Applications in progress",
    submitted_heading: "Submitted applications",
    submitted_intro: "The acknowledgements of your submitted applications stay saved in this browser. Your reference number is also in the confirmation e-mail.",
    submitted_on_label: "Submitted",
    forget_receipt: "Remove from this device",
    forget_question: |r| {
        format!(
            "Remove the acknowledgement {r} from this device? The application stays with the authority. You will no longer be able to open the acknowledgement here; the reference number is also in the confirmation e-mail."
        )
    },
    forget_confirm: "Yes, remove from this device",
    receipt_forgotten: |r| format!("The acknowledgement {r} was removed from this device."),
    view_receipt: "View the acknowledgement",
    submit_network: "No connection to the server: your application may not have arrived.",
    submit_retry_safe: "Send it again once the connection is back: it will be submitted only once, and your answers stay saved on this device.",
    submit_key_reused: "This application was already submitted with different answers. Please tell the responsible office about changes; to make another application, start a new one.",
    already_submitted_heading: "Already submitted",
    receipt_heading: "Application submitted",
    receipt_download: "Download PDF receipt",
    receipt_downloading: "Loading the PDF …",
    receipt_downloaded: "The PDF has been downloaded.",
    receipt_download_failed: "The PDF could not be loaded just now. Please try again later; your application has arrived all the same.",
    receipt_missing_heading: "Acknowledgement not on this device",
    receipt_missing_body: "This acknowledgement is not saved in this browser. You will find it in the confirmation e-mail; if you have questions, give the responsible office your reference number.",
    receipt_next: "The responsible office processes your application and contacts you if anything is missing. You can see its status at any time under “My applications”.",
    upload_network: "The file could not be uploaded: no connection to the server. Please choose it again once the connection is back.",
    upload_failed: "The file could not be uploaded because of an error on the server. Please try again later.",
    already_submitted: |w, r| {
        format!("You submitted this application on {w} (reference number {r}).")
    },
    submitted_read_only: "A submitted application can no longer be changed. Your answers are in the acknowledgement of receipt.",
    receipt_email: |e| {
        format!("We are sending you a confirmation with this receipt as a PDF to {e}.")
    },
    receipt_stale: |t| {
        format!("The current status could not be fetched; shown is the status as of {t}.")
    },
    uploading: |n| format!("Uploading {n}"),
    upload_percent: |n, p| format!("{n}: {p}% uploaded"),
    upload_done: |n| format!("{n} has been uploaded."),
    upload_cancelled: |n| format!("Upload of {n} cancelled."),
    file_removed: |n| format!("{n} has been removed."),
    upload_refused: |n| format!("{n} was not uploaded."),
    colon: |a, u| format!("{a}: {u}"),
    embed_unavailable: "The search is not available on this website at the moment.",
    embed_open_portal: "All services on the portal",
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
                assert_ne!(t.embed_unavailable, de.embed_unavailable, "{lang}");
                assert_ne!(t.embed_open_portal, de.embed_open_portal, "{lang}");
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
    fn application_texts_are_translated_and_fill_their_values() {
        let de = Texts::for_lang(Lang::De);
        for lang in Lang::ALL {
            let t = Texts::for_lang(lang);
            if lang != Lang::De {
                assert_ne!(t.start_application, de.start_application, "{lang}");
                assert_ne!(t.error_summary_heading, de.error_summary_heading, "{lang}");
                assert_ne!(t.version_notice, de.version_notice, "{lang}");
                assert_ne!(t.drafts_heading, de.drafts_heading, "{lang}");
            }
            assert!((t.step_of)(2, 5).contains('2') && (t.step_of)(2, 5).contains('5'));
            for text in [
                t.discard_question,
                t.draft_discarded,
                t.remove_item,
                t.item_added,
                t.item_removed,
                t.last_changed,
                t.fee_and_further,
            ] {
                assert!(text("Hund 2").contains("Hund 2"), "{lang}");
            }
            for count in [t.form_steps, t.version_dropped] {
                assert_ne!(count(1), count(2).replace('2', "1"), "{lang}");
                assert!(count(7).contains('7'), "{lang}");
            }
            assert!((t.group_full)(10).contains("10"), "{lang}");
            let both = (t.colon)("Vorname", "Bitte …");
            assert!(
                both.starts_with("Vorname") && both.ends_with("Bitte …"),
                "{lang}"
            );
            for text in [
                t.uploading,
                t.upload_done,
                t.upload_cancelled,
                t.file_removed,
                t.receipt_email,
                t.receipt_stale,
            ] {
                assert!(text("Hundepass.pdf").contains("Hundepass.pdf"), "{lang}");
            }
            let p = (t.upload_percent)("a.pdf", 45);
            assert!(p.contains("a.pdf") && p.contains("45"), "{lang}");
            let a = (t.already_submitted)("23.11.2026, 14:05", "K7Q-M4T-XP9");
            assert!(a.contains("14:05") && a.contains("K7Q-M4T-XP9"), "{lang}");
            if lang != Lang::De {
                assert_ne!(t.receipt_heading, de.receipt_heading, "{lang}");
                assert_ne!(t.submit_retry_safe, de.submit_retry_safe, "{lang}");
            }
            let u = (t.fee_per_unit)("CHF 5.00", "Kopien");
            assert!(u.contains("CHF 5.00") && u.contains("Kopien"), "{lang}");
        }
    }

    #[test]
    fn french_texts_space_their_high_punctuation_and_elide_de() {
        // Every plain text of the French catalogue (the Debug form lists each field's value).
        let all = format!("{:?}", Texts::for_lang(Lang::Fr))
            .replace("\\u{a0}", "\u{a0}")
            .replace("\\u{202f}", "\u{202f}")
            .replace("\\\"", "«");
        let mut faults = Vec::new();
        for (i, part) in all.split('"').enumerate() {
            if i % 2 == 1 {
                faults.extend(crate::typography::french_spacing_faults(part));
            }
        }
        // And the texts with values, filled in.
        let t = Texts::for_lang(Lang::Fr);
        for text in [
            (t.responsible_for)("Aarau (AG)"),
            (t.not_offered)("Aarau (AG)"),
            (t.on_municipality_website)("Aarau"),
            (t.search_title)("chien"),
            (t.no_results)("chien"),
            (t.colon)("Prénom", "Indiquez-le"),
        ] {
            faults.extend(crate::typography::french_spacing_faults(&text));
        }
        assert!(
            faults.is_empty(),
            "French texts without a no-break space: {faults:#?}"
        );
        assert_eq!(
            (t.on_municipality_website)("Aarau"),
            "Sur le site web d’Aarau"
        );
        assert_eq!(
            Texts::fill(t.municipal_administration, "Aarau"),
            "Administration communale d’Aarau"
        );
        assert_eq!(
            Texts::fill(t.municipal_administration, "Schmölln"),
            "Administration communale de Schmölln"
        );
    }

    #[test]
    fn titles_carry_the_portal_name() {
        assert_eq!(Texts::for_lang(Lang::En).title("Home"), "Home – Schalter");
    }
}
