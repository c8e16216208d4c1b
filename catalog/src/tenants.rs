//! Tenant settings: how a municipality's own website shows the portal's search widget — the
//! name, logo and colours, the languages offered, and the web origins allowed to embed it.
//!
//! The settings come from a JSON file (`data/tenants.json`, embedded; the format is described
//! in `docs/embedding.md`) and are checked here before anything is stored: municipality ids,
//! colours as hex with a contrast of at least 4.5:1 for every pair the widget draws text with
//! (WCAG 2.1 AA), logo addresses, languages, and origins in the exact form browsers send them.

use anyhow::{Context, bail, ensure};
use contract::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The demo tenants (a few towns of the demo catalogue).
pub const EMBEDDED: &str = include_str!("../data/tenants.json");

/// The least contrast between a text colour and its background (WCAG 2.1 AA, normal text).
pub const MIN_CONTRAST: f64 = 4.5;

/// The tenants file: `{"tenants": [...]}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TenantFile {
    tenants: Vec<Tenant>,
}

/// One municipality's settings for embedding the search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tenant {
    /// `ch:<BFS number>` or `de:<AGS>`.
    pub municipality: String,
    /// The name the widget shows ("Stadt Aarau").
    pub name: String,
    /// An `https://` URL or a path on the portal (`/…`); none: the name alone.
    #[serde(default)]
    pub logo_url: Option<String>,
    /// The colours; the portal's own where none are given.
    #[serde(default)]
    pub colours: Colours,
    /// The languages offered, the first the default; all portal languages where none are given.
    #[serde(default = "all_languages")]
    pub languages: Vec<Lang>,
    /// Web origins (`https://www.aarau.ch`) whose pages may embed the widget.
    #[serde(default)]
    pub origins: Vec<String>,
}

/// The widget's colours as `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// Buttons, the active option, links and the focus ring (on `background`).
    pub accent: String,
    /// Text on `accent`.
    pub on_accent: String,
    /// Text on `background`.
    pub text: String,
    /// The widget's background.
    pub background: String,
}

impl Default for Colours {
    /// The portal's own colours.
    fn default() -> Self {
        Colours {
            accent: "#0a4a7c".into(),
            on_accent: "#ffffff".into(),
            text: "#1b1f23".into(),
            background: "#ffffff".into(),
        }
    }
}

fn all_languages() -> Vec<Lang> {
    Lang::ALL.to_vec()
}

/// Reads and checks a tenants file; every problem is reported with the municipality it
/// belongs to. Returns the tenants with colours and origins normalised.
pub fn parse(json: &str) -> anyhow::Result<Vec<Tenant>> {
    let file: TenantFile = serde_json::from_str(json).context("reading the tenants file")?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(file.tenants.len());
    for t in file.tenants {
        let id = t.municipality.clone();
        let t = t.checked().with_context(|| format!("tenant {id}"))?;
        ensure!(
            seen.insert(t.municipality.clone()),
            "tenant {id} is listed twice"
        );
        out.push(t);
    }
    Ok(out)
}

impl Tenant {
    /// The tenant with its settings checked and normalised.
    pub fn checked(mut self) -> anyhow::Result<Tenant> {
        ensure!(
            is_municipality_id(&self.municipality),
            "municipality {:?} is not `ch:<BFS number>` or `de:<AGS>`",
            self.municipality
        );
        self.name = self.name.trim().to_owned();
        ensure!(
            !self.name.is_empty() && self.name.chars().count() <= 80,
            "the name must have 1 to 80 characters"
        );
        if let Some(logo) = &self.logo_url {
            check_logo_url(logo)?;
        }
        self.colours = self.colours.checked()?;
        ensure!(
            !self.languages.is_empty(),
            "at least one language is needed"
        );
        let mut langs = BTreeSet::new();
        for l in &self.languages {
            ensure!(langs.insert(*l), "language {l} is listed twice");
        }
        let mut origins = Vec::with_capacity(self.origins.len());
        for o in &self.origins {
            let o = normalise_origin(o)?;
            if !origins.contains(&o) {
                origins.push(o);
            }
        }
        self.origins = origins;
        Ok(self)
    }

    /// Whether a page of `origin` (as the browser's `Origin` header says it) may embed the widget.
    pub fn allows(&self, origin: &str) -> bool {
        self.origins.iter().any(|o| o == origin)
    }

    /// The language to show for a requested one: it if offered, else the first offered.
    pub fn language(&self, requested: Option<Lang>) -> Lang {
        requested
            .filter(|l| self.languages.contains(l))
            .or_else(|| self.languages.first().copied())
            .unwrap_or_default()
    }
}

impl Colours {
    /// The colours as lowercase `#rrggbb`, if each is a hex colour and each text colour stands
    /// out from its background by at least [`MIN_CONTRAST`].
    pub fn checked(&self) -> anyhow::Result<Colours> {
        let c = Colours {
            accent: normalise_hex(&self.accent)?,
            on_accent: normalise_hex(&self.on_accent)?,
            text: normalise_hex(&self.text)?,
            background: normalise_hex(&self.background)?,
        };
        for (what, fg, bg) in [
            ("text on background", &c.text, &c.background),
            ("on_accent on accent", &c.on_accent, &c.accent),
            ("accent on background", &c.accent, &c.background),
        ] {
            let ratio = contrast_ratio(parse_hex(fg)?, parse_hex(bg)?);
            // Compare what a person reads: 4.47 shows as 4.47, never rounded up to 4.5.
            ensure!(
                ratio >= MIN_CONTRAST,
                "colours: {what} ({fg} on {bg}) has a contrast of {:.2}:1; at least {MIN_CONTRAST}:1 is needed (WCAG 2.1 AA)",
                (ratio * 100.0).floor() / 100.0
            );
        }
        Ok(c)
    }
}

/// `ch:<BFS number>` (1 to 4 digits) or `de:<AGS>` (8 digits).
pub fn is_municipality_id(id: &str) -> bool {
    let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    match id.split_once(':') {
        Some(("ch", n)) => digits(n, 1..=4),
        Some(("de", n)) => digits(n, 8..=8),
        _ => false,
    }
}

fn check_logo_url(url: &str) -> anyhow::Result<()> {
    let ok_chars = !url.is_empty()
        && url.len() <= 500
        && url
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'\\'));
    ensure!(ok_chars, "logo_url {url:?} is not a plain URL");
    let https_host = url
        .strip_prefix("https://")
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|host| !host.is_empty());
    let portal_path = url.starts_with('/') && !url.starts_with("//");
    ensure!(
        https_host || portal_path,
        "logo_url {url:?} must be an https:// URL or a path on the portal (/…)"
    );
    Ok(())
}

/// An origin exactly as browsers send it in the `Origin` header: `scheme://host[:port]`,
/// lowercase, without a path and without the scheme's default port. Plain `http` is accepted
/// for the local machine only (development); everything else must be `https`.
pub fn normalise_origin(origin: &str) -> anyhow::Result<String> {
    let o = origin.trim().to_ascii_lowercase();
    let (scheme, rest) = o
        .split_once("://")
        .with_context(|| format!("origin {origin:?} has no scheme (https://…)"))?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    ensure!(
        !rest.is_empty() && !rest.contains(['/', '?', '#', '@', ' ']),
        "origin {origin:?} must be scheme://host[:port] without a path"
    );
    // An IPv6 host is bracketed (`[::1]:8080`); the port follows the last colon after it.
    let host_end = if rest.starts_with('[') {
        rest.find(']').map_or(rest.len(), |i| i + 1)
    } else {
        rest.find(':').unwrap_or(rest.len())
    };
    let (host, port) = rest.split_at(host_end);
    let port: Option<u16> = match port {
        "" => None,
        p => Some(
            p.strip_prefix(':')
                .and_then(|p| p.parse().ok())
                .with_context(|| format!("origin {origin:?} has a bad port"))?,
        ),
    };
    ensure!(
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'[' | b']' | b':')),
        "origin {origin:?} has a bad host"
    );
    let default_port = match scheme {
        "https" => 443,
        "http" => {
            ensure!(
                matches!(host, "localhost" | "127.0.0.1" | "[::1]"),
                "origin {origin:?}: plain http is accepted for the local machine only; register the https address"
            );
            80
        }
        other => bail!("origin {origin:?}: scheme {other:?} is not http(s)"),
    };
    Ok(match port {
        Some(p) if p != default_port => format!("{scheme}://{host}:{p}"),
        _ => format!("{scheme}://{host}"),
    })
}

fn normalise_hex(s: &str) -> anyhow::Result<String> {
    let [r, g, b] = parse_hex(s)?;
    Ok(format!("#{r:02x}{g:02x}{b:02x}"))
}

/// `#rgb` or `#rrggbb` as red, green, blue.
pub fn parse_hex(s: &str) -> anyhow::Result<[u8; 3]> {
    let hex = s
        .trim()
        .strip_prefix('#')
        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
        .with_context(|| format!("colour {s:?} is not #rgb or #rrggbb"))?;
    let channel = |i: usize, len: usize| {
        let v = u8::from_str_radix(&hex[i * len..(i + 1) * len], 16).expect("hex digits");
        if len == 1 { v * 17 } else { v }
    };
    match hex.len() {
        3 => Ok([channel(0, 1), channel(1, 1), channel(2, 1)]),
        6 => Ok([channel(0, 2), channel(1, 2), channel(2, 2)]),
        _ => bail!("colour {s:?} is not #rgb or #rrggbb"),
    }
}

/// The WCAG 2.1 contrast ratio of two sRGB colours, from 1 (same) to 21 (black on white).
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// WCAG 2.1 relative luminance.
fn relative_luminance([r, g, b]: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(json: &str) -> anyhow::Result<Vec<Tenant>> {
        parse(&format!(r#"{{"tenants": [{json}]}}"#))
    }

    #[test]
    fn the_demo_tenants_are_valid() {
        let tenants = parse(EMBEDDED).unwrap();
        assert!(tenants.iter().any(|t| t.municipality == "ch:4001"));
        assert!(tenants.iter().all(|t| !t.origins.is_empty()));
    }

    #[test]
    fn contrast_follows_wcag() {
        let ratio = contrast_ratio([0, 0, 0], [255, 255, 255]);
        assert!((ratio - 21.0).abs() < 1e-9);
        assert!((contrast_ratio([9, 9, 9], [9, 9, 9]) - 1.0).abs() < 1e-9);
        // #767676 on white is the lightest grey that passes (4.54:1); #777777 fails (4.478:1).
        assert!(contrast_ratio(parse_hex("#767676").unwrap(), [255; 3]) >= MIN_CONTRAST);
        assert!(contrast_ratio(parse_hex("#777").unwrap(), [255; 3]) < MIN_CONTRAST);
    }

    #[test]
    fn low_contrast_is_refused_with_the_pair_named() {
        let err = tenant(
            r##"{"municipality": "ch:4001", "name": "Aarau",
                 "colours": {"accent": "#0a4a7c", "on_accent": "#fff", "text": "#777777", "background": "#FFFFFF"}}"##,
        )
        .unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("ch:4001"), "{msg}");
        assert!(msg.contains("text on background"), "{msg}");
        assert!(
            msg.contains("4.47:1"),
            "shown truncated, never rounded up: {msg}"
        );
        let err = tenant(
            r##"{"municipality": "ch:4001", "name": "Aarau",
                 "colours": {"accent": "#ffd166", "on_accent": "#fff", "text": "#000", "background": "#fff"}}"##,
        )
        .unwrap_err();
        assert!(
            format!("{err:#}").contains("on_accent on accent"),
            "{err:#}"
        );
    }

    #[test]
    fn colours_and_origins_are_normalised() {
        let t = tenant(
            r##"{"municipality": "ch:4001", "name": " Stadt Aarau ",
                 "colours": {"accent": "#0A4A7C", "on_accent": "#FFF", "text": "#000", "background": "#fff"},
                 "origins": ["HTTPS://www.Aarau.ch/", "https://www.aarau.ch:443", "http://127.0.0.1:8080"]}"##,
        )
        .unwrap()
        .remove(0);
        assert_eq!(t.name, "Stadt Aarau");
        assert_eq!(t.colours.accent, "#0a4a7c");
        assert_eq!(t.colours.on_accent, "#ffffff");
        assert_eq!(
            t.origins,
            ["https://www.aarau.ch", "http://127.0.0.1:8080"],
            "duplicates dropped"
        );
        assert!(t.allows("https://www.aarau.ch"));
        assert!(!t.allows("https://evil.example"));
        assert_eq!(t.languages, Lang::ALL, "all languages by default");
        assert_eq!(t.language(Some(Lang::Fr)), Lang::Fr);
    }

    #[test]
    fn origins_are_spelled_as_browsers_send_them() {
        for (given, expected) in [
            ("https://www.aarau.ch:8443", "https://www.aarau.ch:8443"),
            ("http://localhost:80/", "http://localhost"),
            ("http://[::1]:3000", "http://[::1]:3000"),
        ] {
            assert_eq!(normalise_origin(given).unwrap(), expected);
        }
        for bad in [
            "https://a.ch:99999",
            "https://a.ch:x",
            "ftp://a.ch",
            "https://",
            "https://a b.ch",
        ] {
            assert!(normalise_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_settings_are_refused() {
        for (json, needle) in [
            (r#"{"municipality": "4001", "name": "A"}"#, "not `ch:"),
            (r#"{"municipality": "de:1234", "name": "A"}"#, "not `ch:"),
            (r#"{"municipality": "ch:4001", "name": "  "}"#, "name"),
            (
                r#"{"municipality": "ch:4001", "name": "A", "logo_url": "http://x.ch/l.svg"}"#,
                "logo_url",
            ),
            (
                r#"{"municipality": "ch:4001", "name": "A", "logo_url": "javascript:alert(1)"}"#,
                "logo_url",
            ),
            (
                r##"{"municipality": "ch:4001", "name": "A", "colours": {"accent": "red", "on_accent": "#fff", "text": "#000", "background": "#fff"}}"##,
                "not #rgb",
            ),
            (
                r#"{"municipality": "ch:4001", "name": "A", "origins": ["http://www.aarau.ch"]}"#,
                "plain http",
            ),
            (
                r#"{"municipality": "ch:4001", "name": "A", "origins": ["https://www.aarau.ch/gemeinde"]}"#,
                "without a path",
            ),
            (
                r#"{"municipality": "ch:4001", "name": "A", "origins": ["www.aarau.ch"]}"#,
                "no scheme",
            ),
            (
                r#"{"municipality": "ch:4001", "name": "A", "languages": []}"#,
                "language",
            ),
            (
                r#"{"municipality": "ch:4001", "name": "A", "colour": {}}"#,
                "unknown field",
            ),
        ] {
            let err = format!("{:#}", tenant(json).unwrap_err());
            assert!(err.contains(needle), "{json}: {err}");
        }
        let twice =
            r#"{"municipality": "ch:4001", "name": "A"}, {"municipality": "ch:4001", "name": "B"}"#;
        assert!(format!("{:#}", tenant(twice).unwrap_err()).contains("twice"));
    }
}
