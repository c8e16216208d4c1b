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
