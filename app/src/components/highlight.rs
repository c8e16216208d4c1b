//! A text with some byte ranges marked (`<mark>`), as search results highlight their matches.

use leptos::prelude::*;

/// Splits `text` at the given byte ranges into (part, marked) pairs. The ranges come from the
/// server: they are sorted, overlaps are merged, and ranges that are empty, beyond the text or
/// not on char boundaries are ignored rather than trusted (slicing there would panic).
pub fn segments(text: &str, ranges: &[[usize; 2]]) -> Vec<(String, bool)> {
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for [a, b] in sorted {
        let a = a.max(at);
        if a >= b || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        if a > at {
            out.push((text[at..a].to_owned(), false));
        }
        out.push((text[a..b].to_owned(), true));
        at = b;
    }
    if at < text.len() {
        out.push((text[at..].to_owned(), false));
    }
    out
}

/// `text` with `ranges` in `<mark>`.
#[component]
pub fn Highlighted(text: String, ranges: Vec<[usize; 2]>) -> impl IntoView {
    segments(&text, &ranges)
        .into_iter()
        .map(|(s, marked)| {
            if marked {
                view! { <mark>{s}</mark> }.into_any()
            } else {
                s.into_any()
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn marks_ranges_and_ignores_bad_ones() {
        let t = "Hundesteuer für Hunde";
        assert_eq!(
            segments(t, &[[0, 11], [17, 22]]),
            vec![
                ("Hundesteuer".into(), true),
                (" für ".into(), false),
                ("Hunde".into(), true)
            ]
        );
        // 14 is inside "ü": ignored.
        assert_eq!(segments(t, &[[14, 16]]), vec![(t.to_owned(), false)]);
        assert_eq!(segments(t, &[[5, 3], [0, 99]]), vec![(t.to_owned(), false)]);
    }

    #[test]
    fn sorts_and_merges_ranges() {
        assert_eq!(
            segments("Hund anmelden", &[[5, 13], [0, 4], [2, 4]]),
            vec![
                ("Hund".into(), true),
                (" ".into(), false),
                ("anmelden".into(), true)
            ]
        );
        assert_eq!(
            segments("Hundehaltung", &[[0, 5], [3, 8]]),
            vec![
                ("Hunde".into(), true),
                ("hal".into(), true),
                ("tung".into(), false)
            ]
        );
        assert_eq!(segments("", &[[0, 1]]), vec![]);
    }
}
