//! The home page's first screen as HTML, which the server writes into the page it sends, so
//! that a first visit shows the heading, the introduction and a working search box before the
//! app's WebAssembly has arrived (on a slow phone network that takes seconds). It is the
//! same markup the app draws for that screen (the skip link, the header with the navigation
//! and the language switch, the heading, the lead paragraph, the search form, a placeholder
//! for the rest and the footer), so that nothing moves when the app takes over: the app mounts
//! its own page, removes the element [`ID`] in the same task (before the browser paints again)
//! and keeps what the citizen typed into [`QUERY_INPUT`] and the focus.
//!
//! Before the app is there the search box is a plain form: Enter opens the result list at
//! `/<lang>/suche?q=…` (with `gemeinde=` where the address named a municipality), which the
//! server answers with the app, and the links are ordinary links.

use crate::Lang;
use crate::account::texts::ShellTexts;
use crate::html::escape;
use crate::paths::MUNICIPALITY_PARAM;
use crate::texts::Texts;

/// The id of the element that holds the first screen (styled `display: contents`, so that its
/// children lay out as the app's own, which are the body's children).
pub const ID: &str = "first-screen";

/// Written right after the first screen, so that the service worker can tell a home page
/// from the shell it was made of (it keeps pages that are this build's shells).
pub const END: &str = "<!--/first-screen-->";

/// The id of the search input, in the first screen and in the app's search box.
pub const QUERY_INPUT: &str = "q";

/// The first screen of the home page `/<lang>/`. `query` is the address's query string
/// (without `?`), which the language switch keeps as the app's does; `municipality` is the
/// one it names (`gemeinde=`, decoded), which goes with a search.
pub fn home(lang: Lang, query: &str, municipality: Option<&str>) -> String {
    let t = Texts::for_lang(lang);
    let shell = ShellTexts::for_lang(lang);
    let code = lang.code();
    let q = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let switch: String = Lang::ALL
        .iter()
        .map(|&l| {
            let current = if l == lang {
                " aria-current=\"page\""
            } else {
                ""
            };
            format!(
                "<li><a href=\"{href}\" hreflang=\"{c}\" lang=\"{c}\"{current}>{name}</a></li>",
                href = escape(&format!("/{}/{q}", l.code())),
                c = l.code(),
                name = escape(l.endonym()),
            )
        })
        .collect();
    let hidden = municipality
        .filter(|m| !m.is_empty())
        .map_or(String::new(), |m| {
            format!(
                "<input type=\"hidden\" name=\"{MUNICIPALITY_PARAM}\" value=\"{}\">",
                escape(m)
            )
        });
    format!(
        "<div id=\"{ID}\">\
<a class=\"skip-link\" href=\"#main\">{skip}</a>\
<header class=\"site-header\"><div class=\"container header-inner\">\
<a class=\"brand\" href=\"/{code}/\"><span class=\"brand-mark\" aria-hidden=\"true\"></span>\
<span class=\"brand-text\"><span class=\"brand-name\">{name}</span>\
<span class=\"brand-tagline\">{tagline}</span></span></a>\
<button type=\"button\" id=\"menu-button\" class=\"menu-button\" aria-controls=\"main-nav\" aria-expanded=\"false\">\
<span class=\"menu-icon\" aria-hidden=\"true\"></span>{menu}</button>\
<nav class=\"lang-switch\" aria-label=\"{switch_label}\"><ul>{switch}</ul></nav>\
</div>\
<nav id=\"main-nav\" class=\"main-nav\" aria-label=\"{nav_label}\"><div class=\"container\"><ul>\
<li><a href=\"/{code}/\" aria-current=\"page\">{nav_home}</a></li>\
<li><a href=\"/{code}/suche\">{nav_search}</a></li>\
<li><a href=\"/{code}/antraege\">{nav_drafts}</a></li>\
<li class=\"nav-account\"><a href=\"/{code}/konto/anmelden\">{nav_sign_in}</a></li>\
</ul></div></nav></header>\
<main id=\"main\" tabindex=\"-1\" class=\"container main\">\
<h1>{heading}</h1><p class=\"lead\">{intro}</p>\
<form role=\"search\" class=\"search-form\" action=\"/{code}/suche\" method=\"get\">\
<div class=\"combobox\"><label id=\"{QUERY_INPUT}-label\" for=\"{QUERY_INPUT}\">{label}</label>\
<p class=\"hint\" id=\"{QUERY_INPUT}-hint\">{hint}</p>\
<div class=\"search-row\"><input id=\"{QUERY_INPUT}\" name=\"q\" type=\"text\" autocomplete=\"off\" \
autocapitalize=\"off\" spellcheck=\"false\" aria-describedby=\"{QUERY_INPUT}-hint\">\
<button type=\"submit\">{button}</button></div></div>{hidden}</form>\
<div class=\"page-loading\" aria-hidden=\"true\"></div></main>\
<footer class=\"site-footer\"><div class=\"container footer-inner\"><p>{footer}</p></div></footer>\
</div>{END}",
        skip = escape(t.skip_to_content),
        name = escape(t.portal_name),
        tagline = escape(t.portal_tagline),
        menu = escape(t.menu_button),
        switch_label = escape(t.language_switch_label),
        nav_label = escape(t.main_nav_label),
        nav_home = escape(t.nav_home),
        nav_search = escape(t.nav_search),
        nav_drafts = escape(t.nav_drafts),
        nav_sign_in = escape(shell.nav_sign_in),
        heading = escape(t.home_heading),
        intro = escape(t.home_intro),
        label = escape(t.search_input_label),
        hint = escape(t.search_hint),
        button = escape(t.search_button),
        footer = escape(t.footer_operator),
    )
}

/// The document title of the home page (the app's `<Title>`).
pub fn home_title(lang: Lang) -> String {
    let t = Texts::for_lang(lang);
    t.title(t.nav_home)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_screen_is_written_in_the_page_language() {
        for lang in Lang::ALL {
            let t = Texts::for_lang(lang);
            let html = home(lang, "", None);
            assert!(html.contains(&format!("<h1>{}</h1>", escape(t.home_heading))));
            assert!(html.contains(&format!("action=\"/{}/suche\"", lang.code())));
            assert!(html.starts_with(&format!("<div id=\"{ID}\">")));
            assert!(html.ends_with(&format!("</footer></div>{END}")));
            assert!(!html.contains("gemeinde"), "{html}");
        }
    }

    #[test]
    fn a_municipality_in_the_address_goes_with_the_search_and_the_language_switch() {
        let html = home(Lang::Fr, "gemeinde=ch%3A4001&x=1", Some("ch:4001"));
        assert!(html.contains("<input type=\"hidden\" name=\"gemeinde\" value=\"ch:4001\">"));
        assert!(
            html.contains("href=\"/de/?gemeinde=ch%3A4001&amp;x=1\""),
            "{html}"
        );
    }

    #[test]
    fn nothing_from_the_address_can_write_markup() {
        let html = home(Lang::De, "gemeinde=x&q=\"><script>", Some("\"><script>"));
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("value=\"&quot;&gt;&lt;script&gt;\""),
            "{html}"
        );
    }
}
