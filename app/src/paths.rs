//! The address of every page. Every page lives under its language (`/de/`, `/fr/suche`, …);
//! links are built here only, so that a page's address has one spelling. The search, service
//! and form pages, which the server links to as well, come from `contract::paths`.

use contract::Lang;

pub use contract::paths::{
    MUNICIPALITY_PARAM, SearchLink, StaffPage, encode, form_path, query_string, search_path,
    service_path, staff_path,
};

/// The URL parameter naming a draft.
pub const DRAFT_PARAM: &str = "entwurf";
/// The URL parameter saying where a step page returns to (`pruefen`: the check page).
pub const RETURN_PARAM: &str = "zurueck";
/// The URL parameter naming the field a step page opens at (with its error shown).
pub const FIELD_PARAM: &str = "feld";

/// The pages of one application: the form, the draft and the municipality, so that every
/// link between them carries the same `?entwurf=…&gemeinde=…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormLink<'a> {
    /// Page language.
    pub lang: Lang,
    /// Form id.
    pub form: &'a str,
    /// Draft id.
    pub draft: Option<&'a str>,
    /// Municipality id.
    pub municipality: Option<&'a str>,
}

impl FormLink<'_> {
    fn build(&self, page: Option<&str>, extra: [(&str, Option<&str>); 2]) -> String {
        let query = query_string(
            [
                (DRAFT_PARAM, self.draft),
                (MUNICIPALITY_PARAM, self.municipality),
            ]
            .into_iter()
            .chain(extra),
        );
        let page = page.map(|p| format!("/{}", encode(p))).unwrap_or_default();
        format!(
            "/{}/antrag/{}{page}{query}",
            self.lang.code(),
            encode(self.form)
        )
    }

    /// `/de/antrag/<form>?entwurf=…&gemeinde=…`: the start page (with a draft: resumes it).
    pub fn start(&self) -> String {
        self.build(None, [("", None), ("", None)])
    }

    /// `/de/antrag/<form>/<step>?entwurf=…&gemeinde=…`
    pub fn step(&self, step: &str) -> String {
        self.build(Some(step), [("", None), ("", None)])
    }

    /// A step opened from the check page ("change"), which it returns to; with `field`, the
    /// page opens at that field with its error shown.
    pub fn step_from_check(&self, step: &str, field: Option<&str>) -> String {
        self.build(
            Some(step),
            [(RETURN_PARAM, Some("pruefen")), (FIELD_PARAM, field)],
        )
    }

    /// `/de/antrag/<form>/pruefen?…`: check your answers.
    pub fn check(&self) -> String {
        self.build(Some("pruefen"), [("", None), ("", None)])
    }
}

/// `/de/antraege`: the applications on this device (in progress and submitted).
pub fn drafts_path(lang: Lang) -> String {
    format!("/{}/antraege", lang.code())
}

/// `/de/eingang/<reference>`: the receipt of a submitted application (the same German
/// segment in every language, as every path here).
pub fn receipt_path(lang: Lang, reference: &str) -> String {
    format!("/{}/eingang/{}", lang.code(), encode(reference))
}

/// The start page of a language.
pub fn home_path(lang: Lang) -> String {
    format!("/{}/", lang.code())
}

/// The same page in another language: `/de/suche?q=x` → `/fr/suche?q=x`.
pub fn switch_path(path: &str, query: &str, to: Lang) -> String {
    let rest = path
        .trim_start_matches('/')
        .split_once('/')
        .map_or("", |(_, rest)| rest);
    let q = if query.is_empty() || query.starts_with('?') {
        query.to_owned()
    } else {
        format!("?{query}")
    };
    format!("/{}/{}{}", to.code(), rest, q)
}

/// The pages of the Bürgerkonto that the app links to, under `/<lang>/konto/`. The e-mails
/// link to `bestaetigen#token=…` and `passwort-neu#token=…` as well (the route table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountPage {
    /// `/de/konto`: Mein Konto.
    Home,
    /// `/de/konto/anmelden`.
    SignIn,
    /// `/de/konto/registrieren`.
    Register,
    /// `/de/konto/passwort-vergessen`.
    ForgotPassword,
    /// `/de/konto/postfach`.
    Postfach,
    /// `/de/konto/profil`: details, password, address, export, deleting.
    Profile,
    /// `/de/konto/organisationen`.
    Organisations,
    /// `/de/konto/einladung`: an invitation's link opens it (`#token=`).
    Invitation,
}

impl AccountPage {
    /// The page's segment after `/konto`.
    pub fn segment(self) -> &'static str {
        match self {
            AccountPage::Home => "",
            AccountPage::SignIn => "anmelden",
            AccountPage::Register => "registrieren",
            AccountPage::ForgotPassword => "passwort-vergessen",
            AccountPage::Postfach => "postfach",
            AccountPage::Profile => "profil",
            AccountPage::Organisations => "organisationen",
            AccountPage::Invitation => "einladung",
        }
    }
}

/// The address of an account page.
pub fn account_path(lang: Lang, page: AccountPage) -> String {
    match page.segment() {
        "" => format!("/{}/konto", lang.code()),
        s => format!("/{}/konto/{s}", lang.code()),
    }
}

/// The address of a case in clerk mode.
pub fn case_path(lang: Lang, reference: &str) -> String {
    format!("/{}/amt/fall/{}", lang.code(), encode(reference))
}

/// The sign-in page, returning to `back` (a path of the portal) after signing in.
pub fn sign_in_path(lang: Lang, back: Option<&str>) -> String {
    let back = back.filter(|b| is_portal_path(b));
    format!(
        "{}{}",
        account_path(lang, AccountPage::SignIn),
        query_string([(RETURN_PARAM, back)])
    )
}

/// Whether `path` is a path of this portal (`/de/…`), not another site (`//evil.example`).
pub fn is_portal_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
}

/// The token of a link from an e-mail (`…#token=…`): in the fragment, so that it reaches no
/// server log and no `Referer`.
pub fn token_from_hash(hash: &str) -> Option<String> {
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_pages_carry_draft_and_municipality() {
        let link = FormLink {
            lang: Lang::Fr,
            form: "hundesteuer-th",
            draft: Some("abc1"),
            municipality: Some("de:16077043"),
        };
        assert_eq!(
            link.start(),
            "/fr/antrag/hundesteuer-th?entwurf=abc1&gemeinde=de:16077043"
        );
        assert_eq!(
            link.step("hunde"),
            "/fr/antrag/hundesteuer-th/hunde?entwurf=abc1&gemeinde=de:16077043"
        );
        assert_eq!(
            link.step_from_check("hunde", Some("dogs.1.name")),
            "/fr/antrag/hundesteuer-th/hunde?entwurf=abc1&gemeinde=de:16077043&zurueck=pruefen&feld=dogs.1.name"
        );
        assert_eq!(
            link.check(),
            "/fr/antrag/hundesteuer-th/pruefen?entwurf=abc1&gemeinde=de:16077043"
        );
        let bare = FormLink {
            draft: None,
            municipality: None,
            ..link
        };
        assert_eq!(bare.check(), "/fr/antrag/hundesteuer-th/pruefen");
        assert_eq!(drafts_path(Lang::It), "/it/antraege");
        assert_eq!(
            receipt_path(Lang::Fr, "K7Q-M4T-XP9"),
            "/fr/eingang/K7Q-M4T-XP9"
        );
    }

    #[test]
    fn the_language_switch_keeps_the_page_and_its_query() {
        assert_eq!(switch_path("/de/suche", "?q=x", Lang::Fr), "/fr/suche?q=x");
        assert_eq!(switch_path("/de/", "", Lang::En), "/en/");
        assert_eq!(
            switch_path("/de/leistung/99", "gemeinde=ch:4001", Lang::It),
            "/it/leistung/99?gemeinde=ch:4001"
        );
    }

    #[test]
    fn account_pages_and_their_links() {
        assert_eq!(account_path(Lang::De, AccountPage::Home), "/de/konto");
        assert_eq!(
            account_path(Lang::Fr, AccountPage::Postfach),
            "/fr/konto/postfach"
        );
        assert_eq!(
            sign_in_path(Lang::De, Some("/de/antrag/x?entwurf=1")),
            "/de/konto/anmelden?zurueck=%2Fde%2Fantrag%2Fx%3Fentwurf%3D1"
        );
        // Never back to another site.
        assert_eq!(
            sign_in_path(Lang::De, Some("//evil.example/")),
            "/de/konto/anmelden"
        );
        assert_eq!(token_from_hash("#token=abc"), Some("abc".into()));
        assert_eq!(token_from_hash("#x=1&token=abc"), Some("abc".into()));
        assert_eq!(token_from_hash("#token="), None);
    }
}
