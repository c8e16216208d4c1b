//! What the portal's inputs derive from a field, so that the browser and the server agree:
//! the day, month and year boxes of a date and the one answer they make ([`date_parts`],
//! [`compose_date`]), and a file question's limits in words ([`upload_hint`], [`file_size`]).

use crate::Lang;

/// The answer of a date typed as day, month and year (GOV.UK's date input): ISO `YYYY-MM-DD`
/// when all three are numbers (day and month padded, so `3` and `03` are the same); nothing
/// when all three are empty; else the parts as typed, joined as `year-month-day`, which
/// validation refuses ([`date_incomplete`] when a part is missing, else not a date) and
/// [`date_parts`] splits again, so that nothing typed is lost.
pub fn compose_date(day: &str, month: &str, year: &str) -> String {
    let (d, m, y) = (day.trim(), month.trim(), year.trim());
    if d.is_empty() && m.is_empty() && y.is_empty() {
        return String::new();
    }
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.chars().all(|c| c.is_ascii_digit())
    };
    if digits(d, 2) && digits(m, 2) && y.len() == 4 && digits(y, 4) {
        format!("{y}-{m:0>2}-{d:0>2}")
    } else {
        format!("{y}-{m}-{d}")
    }
}

/// The day, month and year boxes of a date answer: an ISO date, what [`compose_date`] made of
/// an incomplete one, or `23.11.2026` (which the API accepts too). Anything else goes into
/// the day box, so that the citizen sees it.
pub fn date_parts(answer: &str) -> [String; 3] {
    let a = answer.trim();
    if a.is_empty() {
        return Default::default();
    }
    let mut iso = a.splitn(3, '-');
    if let (Some(y), Some(m), Some(d)) = (iso.next(), iso.next(), iso.next()) {
        return [d.to_owned(), m.to_owned(), y.to_owned()];
    }
    let dotted: Vec<&str> = a.split('.').collect();
    if let [d, m, y] = dotted[..] {
        return [d.to_owned(), m.to_owned(), y.to_owned()];
    }
    [a.to_owned(), String::new(), String::new()]
}

/// Whether a date answer lacks a day, a month or a year ([`compose_date`] of some empty
/// boxes).
pub fn date_incomplete(answer: &str) -> bool {
    let parts: Vec<&str> = answer.trim().split('-').collect();
    parts.len() == 3 && parts.iter().any(|p| p.trim().is_empty())
}

/// A file size as people read it in `lang`: "12 KB", "1,2 MB", in French "12 ko", "1,2 Mo";
/// a whole number of megabytes without decimals ("10 MB"). The number and its unit are held
/// together by a no-break space.
pub fn file_size(bytes: u64, lang: Lang) -> String {
    let (kb, mb) = if lang == Lang::Fr {
        ("ko", "Mo")
    } else {
        ("KB", "MB")
    };
    if bytes < 1024 * 1024 {
        return format!("{}\u{a0}{kb}", bytes.div_ceil(1024).max(1));
    }
    let tenths = (bytes as f64 / 1_048_576.0 * 10.0).round() as u64;
    let number = if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        let sep = if lang == Lang::En { '.' } else { ',' };
        format!("{}{sep}{}", tenths / 10, tenths % 10)
    };
    format!("{number}\u{a0}{mb}")
}

/// The name people know a file type by (`PDF`, `JPG`, `PNG`), from its media type.
fn type_name(media_type: &str) -> String {
    match media_type {
        "application/pdf" => "PDF".to_owned(),
        "image/jpeg" => "JPG".to_owned(),
        "image/png" => "PNG".to_owned(),
        "image/tiff" => "TIFF".to_owned(),
        "text/plain" => "TXT".to_owned(),
        other => other
            .rsplit(['/', '.', '+'])
            .next()
            .unwrap_or(other)
            .to_ascii_uppercase(),
    }
}

/// What a file question takes, in words, from its limits: "PDF, JPG oder PNG, höchstens
/// 10 MB pro Datei, bis zu 2 Dateien"; one file: "PDF, eine Datei von höchstens 10 MB".
pub fn upload_hint(accept: &[String], max_bytes: u64, max_files: u32, lang: Lang) -> String {
    let names: Vec<String> = accept.iter().map(|a| type_name(a)).collect();
    let or = match lang {
        Lang::De => "oder",
        Lang::Fr => "ou",
        Lang::It => "o",
        Lang::En => "or",
    };
    let types = match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
    };
    let size = file_size(max_bytes, lang);
    let n = max_files;
    let limits = match (lang, n) {
        (Lang::De, 1) => format!("eine Datei von höchstens {size}"),
        (Lang::De, _) => format!("höchstens {size} pro Datei, bis zu {n} Dateien"),
        (Lang::Fr, 1) => format!("un seul fichier de {size} au plus"),
        (Lang::Fr, _) => format!("{size} au plus par fichier, jusqu’à {n} fichiers"),
        (Lang::It, 1) => format!("un solo file di al massimo {size}"),
        (Lang::It, _) => format!("al massimo {size} per file, fino a {n} file"),
        (Lang::En, 1) => format!("one file of {size} at most"),
        (Lang::En, _) => format!("{size} per file at most, up to {n} files"),
    };
    if types.is_empty() {
        limits
    } else {
        format!("{types}, {limits}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::checks::parse_date;

    #[test]
    fn three_boxes_make_an_iso_date() {
        assert_eq!(compose_date("3", "2", "1980"), "1980-02-03");
        assert_eq!(compose_date("03", "02", "1980"), "1980-02-03");
        assert_eq!(compose_date(" 12 ", "4", "1980"), "1980-04-12");
        assert_eq!(compose_date("", "", ""), "");
        // What validation parses is the date typed.
        let d = parse_date(&compose_date("29", "2", "2028")).unwrap();
        assert_eq!((d.day(), u8::from(d.month()), d.year()), (29, 2, 2028));
    }

    #[test]
    fn what_is_not_a_date_is_kept_and_refused() {
        for (d, m, y) in [("12", "", "1980"), ("", "4", ""), ("12", "4", "")] {
            let answer = compose_date(d, m, y);
            assert!(date_incomplete(&answer), "{answer}");
            assert_eq!(date_parts(&answer), [d, m, y]);
        }
        for (d, m, y) in [("31", "02", "2026"), ("1", "1", "80"), ("1a", "1", "1980")] {
            let answer = compose_date(d, m, y);
            assert!(!date_incomplete(&answer), "{answer}");
            assert_eq!(parse_date(&answer), None, "{answer}");
            assert_eq!(date_parts(&answer), [d, m, y]);
        }
        assert!(!date_incomplete("2026-11-23"));
        assert!(!date_incomplete(""));
    }

    #[test]
    fn stored_dates_fill_the_boxes() {
        assert_eq!(date_parts("1980-04-12"), ["12", "04", "1980"]);
        assert_eq!(date_parts("23.11.2026"), ["23", "11", "2026"]);
        assert_eq!(date_parts(""), ["", "", ""]);
        assert_eq!(date_parts("gestern"), ["gestern", "", ""]);
        let [d, m, y] = date_parts("1980-04-12");
        assert_eq!(compose_date(&d, &m, &y), "1980-04-12");
    }

    #[test]
    fn validation_tells_a_missing_part_from_a_wrong_date() {
        use crate::form::{Context, ErrorCode, FormDefinition};
        // A form of Germany: the messages' examples are German too.
        let form: FormDefinition = serde_json::from_str(include_str!(
            "../../../catalog/data/forms/hundesteuer-th/template.v3.json"
        ))
        .unwrap();
        let ctx = Context::on("2026-12-01").unwrap();
        let errors = |birth_date: String| {
            let answers = serde_json::from_value(serde_json::json!({
                "birth_date": birth_date,
                "address": { "street": "Markt", "postcode": "4626", "place": "Schmölln" },
                "email": "anna@",
            }))
            .unwrap();
            form.validate_step(&form.steps[0], &answers, &ctx)
        };
        let found = errors(compose_date("12", "", "1980"));
        let date = found.iter().find(|e| e.path == "birth_date").unwrap();
        assert_eq!(date.code, ErrorCode::DateIncomplete);
        assert_eq!(
            date.code.message(Lang::De, date.limit.as_deref()),
            "Das Datum muss einen Tag, einen Monat und ein Jahr enthalten."
        );
        let found = errors(compose_date("31", "2", "1980"));
        let date = found.iter().find(|e| e.path == "birth_date").unwrap();
        assert_eq!(date.code, ErrorCode::InvalidDate);
        assert!(
            errors(compose_date("3", "2", "1980"))
                .iter()
                .all(|e| e.path != "birth_date")
        );
        // The postcode of an address in Germany has five digits; the example address is German.
        let postcode = found.iter().find(|e| e.path == "address.postcode").unwrap();
        assert_eq!(
            postcode.code.message(Lang::De, postcode.limit.as_deref()),
            "Bitte geben Sie die Postleitzahl mit 5 Ziffern ein."
        );
        let email = found.iter().find(|e| e.path == "email").unwrap();
        assert!(
            email
                .code
                .message(Lang::De, email.limit.as_deref())
                .contains("name@beispiel.de")
        );
        assert!(
            email
                .code
                .message(Lang::De, None)
                .contains("name@beispiel.ch")
        );
    }

    #[test]
    fn sizes_as_people_read_them() {
        assert_eq!(file_size(0, Lang::De), "1\u{a0}KB");
        assert_eq!(file_size(12_000, Lang::Fr), "12\u{a0}ko");
        assert_eq!(file_size(1_300_000, Lang::De), "1,2\u{a0}MB");
        assert_eq!(file_size(1_300_000, Lang::En), "1.2\u{a0}MB");
        assert_eq!(file_size(10 * 1_048_576, Lang::Fr), "10\u{a0}Mo");
        assert_eq!(file_size(5 * 1_048_576, Lang::It), "5\u{a0}MB");
    }

    #[test]
    fn upload_limits_in_words() {
        let accept: Vec<String> = ["application/pdf", "image/jpeg", "image/png"]
            .map(String::from)
            .to_vec();
        let mb = 1_048_576;
        assert_eq!(
            upload_hint(&accept, 10 * mb, 2, Lang::De),
            "PDF, JPG oder PNG, höchstens 10\u{a0}MB pro Datei, bis zu 2 Dateien"
        );
        assert_eq!(
            upload_hint(&accept[..1], 20 * mb, 1, Lang::De),
            "PDF, eine Datei von höchstens 20\u{a0}MB"
        );
        assert_eq!(
            upload_hint(&accept, 5 * mb, 3, Lang::Fr),
            "PDF, JPG ou PNG, 5\u{a0}Mo au plus par fichier, jusqu’à 3 fichiers"
        );
        // Never "1 Dateien".
        for lang in Lang::ALL {
            let one = upload_hint(&accept, mb, 1, lang);
            assert!(!one.contains(" 1 "), "{one}");
        }
    }
}
