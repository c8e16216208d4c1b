use super::*;
use crate::model::{LangList, LangText, Level};

fn svc(id: &str, country: Country, de: &str, fr: Option<&str>, keywords_en: &[&str]) -> Service {
    Service {
        id: id.into(),
        country,
        official_name: None,
        title: LangText {
            de: de.into(),
            fr: fr.map(Into::into),
            it: None,
            en: None,
        },
        summary: LangText::de(""),
        keywords: LangList {
            en: keywords_en.iter().map(|s| (*s).to_owned()).collect(),
            ..LangList::default()
        },
        topic: LangText::de("Thema"),
        life_situation: LangText::de("Lage"),
        level: Level::Municipality,
        fee_hint: None,
        documents: LangList::default(),
        form: None,
        popularity: 50,
    }
}

fn index() -> SearchIndex {
    let own = Synonyms::from_sources([]).unwrap();
    SearchIndex::build(
        vec![
            svc("1", Country::De, "Hundesteuer", None, &["dog tax"]),
            svc("2", Country::De, "Hundehaltung anmelden", None, &["dog"]),
            svc(
                "3",
                Country::De,
                "Personalausweis beantragen",
                None,
                &["identity card"],
            ),
            svc("4", Country::De, "Wohnsitz anmelden", None, &[]),
            svc("5", Country::De, "Steuer Erklärung abgeben", None, &[]),
            svc(
                "3",
                Country::Ch,
                "Identitätskarte beantragen",
                Some("Demander une carte d'identité"),
                &[],
            ),
            svc(
                "6",
                Country::De,
                "Fischereischein beantragen",
                None,
                &["fishing licence"],
            ),
            svc("7", Country::De, "Baugenehmigung beantragen", None, &[]),
        ],
        &own,
    )
    .unwrap()
}

fn ids(ix: &SearchIndex, text: &str, lang: Lang) -> Vec<String> {
    ix.search(&SearchQuery {
        text,
        lang,
        country: None,
        allowed: None,
        limit: 5,
    })
    .into_iter()
    .map(|h| {
        format!(
            "{}:{:?}",
            ix.services()[h.index].id,
            ix.services()[h.index].country
        )
    })
    .collect()
}

#[test]
fn exact_and_folded_words() {
    let ix = index();
    assert_eq!(ids(&ix, "Hundesteuer", Lang::De)[0], "1:De");
    assert_eq!(ids(&ix, "HUNDESTEUER ", Lang::De)[0], "1:De");
    assert_eq!(ids(&ix, "fischereischein", Lang::De)[0], "6:De");
}

#[test]
fn compounds_in_both_directions() {
    let ix = index();
    assert_eq!(
        ids(&ix, "hund steuer", Lang::De)[0],
        "1:De",
        "parts find the compound"
    );
    // "Steuer Erklärung" written apart in the title is found by the compound query.
    assert_eq!(ids(&ix, "steuererklärung", Lang::De)[0], "5:De");
}

#[test]
fn typos_are_tolerated() {
    let ix = index();
    assert_eq!(ids(&ix, "hundesteur", Lang::De)[0], "1:De");
    assert_eq!(ids(&ix, "personalauswies", Lang::De)[0], "3:De");
    assert_eq!(ids(&ix, "baugenemigung", Lang::De)[0], "7:De");
}

#[test]
fn as_you_type_prefixes() {
    let ix = index();
    assert_eq!(ids(&ix, "personala", Lang::De)[0], "3:De");
    assert!(ids(&ix, "fischer", Lang::De).contains(&"6:De".to_owned()));
    // A word's compound part finds it too, typed out or not.
    assert!(ids(&ix, "fisch ", Lang::De).contains(&"6:De".to_owned()));
}

#[test]
fn other_languages_reach_german_entries() {
    let ix = index();
    assert_eq!(ids(&ix, "dog tax", Lang::En)[0], "1:De");
    assert_eq!(ids(&ix, "fishing licence", Lang::En)[0], "6:De");
    assert_eq!(ids(&ix, "carte d'identité", Lang::Fr)[0], "3:Ch");
    // Both variants of id 3 match "beantragen"; in French the one with a French title is kept.
    let fr = ix.search(&SearchQuery {
        text: "identité",
        lang: Lang::Fr,
        country: None,
        allowed: None,
        limit: 5,
    });
    assert_eq!(ix.services()[fr[0].index].country, Country::Ch);
}

#[test]
fn one_hit_per_id_and_filters() {
    let ix = index();
    let found = ids(&ix, "beantragen", Lang::De);
    let threes = found.iter().filter(|f| f.starts_with("3:")).count();
    assert_eq!(threes, 1, "{found:?}");
    let only_ch = ix.search(&SearchQuery {
        text: "beantragen",
        lang: Lang::De,
        country: Some(Country::Ch),
        allowed: None,
        limit: 5,
    });
    assert_eq!(only_ch.len(), 1);
    assert_eq!(
        ix.services()[only_ch[0].index].title.de,
        "Identitätskarte beantragen"
    );
    let not_dogs = |s: &Service| !s.title.de.starts_with("Hund");
    let hits = ix.search(&SearchQuery {
        text: "hund",
        lang: Lang::De,
        country: None,
        allowed: Some(&not_dogs),
        limit: 5,
    });
    assert!(
        hits.iter()
            .all(|h| !ix.services()[h.index].title.de.starts_with("Hund"))
    );
}

#[test]
fn highlights_mark_the_matched_words() {
    let ix = index();
    let hits = ix.search(&SearchQuery {
        text: "wohnsitz anmelden",
        lang: Lang::De,
        country: None,
        allowed: None,
        limit: 1,
    });
    let title = &ix.services()[hits[0].index].title.de;
    let marked: Vec<&str> = hits[0]
        .highlights
        .iter()
        .map(|r| &title[r.clone()])
        .collect();
    assert_eq!(marked, vec!["Wohnsitz", "anmelden"]);
    let hits = ix.search(&SearchQuery {
        text: "hund",
        lang: Lang::De,
        country: None,
        allowed: None,
        limit: 1,
    });
    let title = &ix.services()[hits[0].index].title.de;
    assert_eq!(
        &title[hits[0].highlights[0].clone()],
        title.split(' ').next().unwrap()
    );
}

#[test]
fn nothing_for_nonsense_or_stopwords() {
    let ix = index();
    assert!(ids(&ix, "xqzvwpt ", Lang::De).is_empty());
    assert!(ids(&ix, "der die das", Lang::De).is_empty());
    assert!(ids(&ix, "", Lang::De).is_empty());
}

#[test]
fn stray_weak_matches_are_cut() {
    let ix = index();
    for text in ["hund", "beantragen", "steuer", "wohnsitz anmelden"] {
        let hits = ix.search(&SearchQuery {
            text,
            lang: Lang::De,
            country: None,
            allowed: None,
            limit: 10,
        });
        let best = hits[0].score;
        assert!(hits.iter().all(|h| h.score >= best * 0.2), "{text}");
        assert!(
            hits.windows(2).all(|w| w[0].score >= w[1].score),
            "ranked: {text}"
        );
    }
}
