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
        extended_keywords: LangList::default(),
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

/// The real catalogue (LeiKa and the Swiss services) with every vocabulary source, built once.
fn real() -> &'static SearchIndex {
    static INDEX: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
        let read = |name: &str| {
            std::fs::read_to_string(data.join("zh-lebenslagen-synonyms").join(name)).unwrap()
        };
        let (a, b) = (read("synonyms_de-CH.json"), read("lebenslagen_zh.json"));
        let synonyms =
            Synonyms::from_sources([("zh-synonyms", a.as_str()), ("zh-lebenslagen", b.as_str())])
                .unwrap();
        SearchIndex::build(crate::load_all_services(&data).unwrap(), &synonyms).unwrap()
    })
}

/// The ids of the first `n` hits for a query on the real catalogue.
fn top(text: &str, lang: Lang, n: usize) -> Vec<String> {
    let ix = real();
    ix.search(&SearchQuery {
        text,
        lang,
        country: None,
        allowed: None,
        limit: n,
    })
    .into_iter()
    .map(|h| ix.services()[h.index].id.clone())
    .collect()
}

fn finds(text: &str, lang: Lang, n: usize, prefix: &str) -> bool {
    top(text, lang, n).iter().any(|id| id.starts_with(prefix))
}

#[test]
fn decompounding_reads_object_and_action_in_one_word() {
    // The catalogue writes "Hundehaltung Anmeldung", "Gewerbe Abmeldung", "Kraftfahrzeug
    // Abmeldung": a citizen's compound of object and action finds them.
    assert!(finds("hundeanmeldung", Lang::De, 5, "99110009104"));
    assert!(finds("gewerbeabmeldung", Lang::De, 3, "99050012070"));
    assert!(finds("fahrzeugabmeldung", Lang::De, 3, "99036008070"));
    // And the other way: words written apart that the catalogue writes as one compound.
    let ix = real();
    assert_eq!(
        ix.join_compounds(tokens("führungs zeugnis").into_iter(), Lang::De),
        tokens("führungszeugnis")
    );
    assert_eq!(
        ix.join_compounds(tokens("hund steuer").into_iter(), Lang::De),
        tokens("hundesteuer"),
        "with a linking letter"
    );
    assert_eq!(
        ix.join_compounds(tokens("kind geld").into_iter(), Lang::De),
        tokens("kindergeld"),
        "with the linking letters \"er\", as compounds are split"
    );
    assert_eq!(
        ix.join_compounds(tokens("auto abmelden").into_iter(), Lang::De),
        tokens("auto abmelden"),
        "no such compound: the words stay"
    );
    assert!(finds(
        "führungs zeugnis beantragen",
        Lang::De,
        5,
        "99049001"
    ));
    assert!(finds("sterbe urkunde", Lang::De, 3, "99101004"));
}

#[test]
fn a_rare_compound_part_of_common_words_is_read_as_those_words() {
    // "Gebührenbefreiung" is written in one service only (a passport's), "Gebühr" and
    // "Befreiung" apart in many: the Kita fee's exemption, not the passport.
    let ix = real();
    let concepts = ix.explain("kitagebührenbefreiung", Lang::De);
    assert_eq!(concepts.len(), 3, "kita|gebühren|befreiung: {concepts:?}");
    assert!(
        top("kitagebührenbefreiung", Lang::De, 1)[0].starts_with("99107007"),
        "{:?}",
        top("kitagebührenbefreiung", Lang::De, 5)
    );
    // "Gebührenbescheid" names one service; the citizen's waste fee is "Abfallgebühr".
    assert!(finds("müllgebührenbescheid", Lang::De, 5, "99001001"));
    // A common compound part stays whole ("Kraftfahrzeug", not "Kraft|Fahrzeug").
    let kfz = ix.explain("kraftfahrzeugsteuer", Lang::De);
    assert!(
        kfz.iter().all(|c| c.iter().all(|(t, _)| t != "kraft")),
        "{kfz:?}"
    );
}

#[test]
fn a_derivational_ending_is_no_compound_part() {
    // "nebenberuflich" is "neben" and "beruflich", not "neben|beruf|lich": "-lich" makes an
    // adjective of "Beruf" and matches no meaning of its own (nor does "-heit" or "-schaft").
    let ix = real();
    for (query, ending) in [
        ("nebenberuflich", "lich"),
        ("gesetzlich", "lich"),
        ("elternschaft", "schaft"),
    ] {
        let concepts = ix.explain(query, Lang::De);
        assert!(
            concepts.iter().all(|c| c.iter().all(|(t, _)| t != ending)),
            "{query}: {concepts:?}"
        );
    }
    let ix_terms = ix.terms_of(
        ix.services()
            .iter()
            .position(|s| s.id == "99114021000000")
            .expect("the widow's pension"),
    );
    assert!(ix_terms.iter().any(|(t, _)| t == "gesetz"), "{ix_terms:?}");
    assert!(ix_terms.iter().all(|(t, _)| t != "lich"), "{ix_terms:?}");
}

#[test]
fn neighbouring_words_of_a_keyword_phrase_are_read_together() {
    // The glossary gives "Witwenrente" the English "widow's pension": the two words side by
    // side are that service, not the inheritance certificate that "widow" alone suggests.
    let ix = real();
    let concepts = ix.explain("widow pension", Lang::En);
    assert!(
        concepts
            .iter()
            .all(|c| c.iter().any(|(t, _)| t == "widow_pension")),
        "{concepts:?}"
    );
    assert!(
        top("widow pension", Lang::En, 3)
            .iter()
            .all(|id| id.starts_with("99114021") || id.starts_with("99111023")),
        "{:?}",
        top("widow pension", Lang::En, 5)
    );
    // Words a stopword parts are no phrase: "register of associations" (the Vereinsregister)
    // is not "register an association". Nor is a phrase completed as a word being typed.
    for query in ["register association", "widow pens"] {
        let concepts = ix.explain(query, Lang::En);
        assert!(
            concepts
                .iter()
                .all(|c| c.iter().all(|(t, _)| !t.contains('_'))),
            "{query}: {concepts:?}"
        );
    }
}

#[test]
fn opposite_actions_are_no_synonyms() {
    // The Zurich topic pools hold "anmelden" and "abmelden" together; deregistering a car must
    // not rank its registration first.
    assert!(top("auto abmelden", Lang::De, 1)[0].starts_with("99036008070"));
    assert!(top("gewerbe abmelden", Lang::De, 1)[0].starts_with("99050012070"));
}

#[test]
fn word_forms_lead_to_the_service_words() {
    // Participles and strong verbs: "umgezogen" is a move, "gestorben" a death, "abgemeldet"
    // a deregistration; a separable particle at the clause end belongs to its verb.
    assert!(finds("bin umgezogen", Lang::De, 5, "99115005"));
    assert!(finds("wir zogen nach münchen um", Lang::De, 5, "99115005"));
    assert!(finds("mein vater ist gestorben", Lang::De, 5, "99101"));
    assert!(finds("gewerbe abgemeldet", Lang::De, 5, "99050012070"));
    // A function word is no search word ("bin" is not the customs procedure BIN).
    assert!(top("bin umgezogen", Lang::De, 10).iter().all(|id| {
        !real()
            .services()
            .iter()
            .any(|s| s.id == *id && s.title.de.contains("BIN"))
    }));
}

#[test]
fn everyday_life_events_in_other_languages() {
    assert!(finds("my dad died", Lang::En, 5, "99101"));
    assert!(finds("lost my job", Lang::En, 5, "99038"));
    assert!(finds("get rid of an old sofa", Lang::En, 5, "99001009"));
    assert!(finds("sell my car", Lang::En, 5, "99036008"));
    assert!(
        finds("having a baby", Lang::En, 5, "99027006")
            || finds("having a baby", Lang::En, 5, "99041")
    );
    assert!(finds("mon père est décédé", Lang::Fr, 5, "99101"));
    assert!(finds("è nato nostro figlio", Lang::It, 5, "99027"));
}

#[test]
fn colloquial_names_find_the_catalogue_terms() {
    // The catalogue says "Kieferorthopädische Behandlung", "Begutachtungsstellen für
    // Fahreignung", "Strafen und Bußgelder": citizens say "Zahnspange", "MPU", "geblitzt".
    assert!(top("zahnspange", Lang::De, 1)[0].starts_with("99134013"));
    assert!(top("mpu", Lang::De, 1)[0].starts_with("99075002"));
    assert!(
        finds("geblitzt", Lang::De, 3, "99108031") || finds("geblitzt", Lang::De, 3, "99089070")
    );
    // A "Tagesmutter" is what the catalogue calls "Kindertagespflege".
    assert!(top("tagesmutter zuschuss", Lang::De, 1)[0].starts_with("99071005"));
    // A "Sicherheitsdienst" is the catalogue's "Bewachungsgewerbe".
    assert!(finds("sicherheitsdienst gründen", Lang::De, 3, "99050004"));
}

#[test]
fn phrases_and_auxiliaries_mean_their_word() {
    // "passed away" is "died"; "eu" (had) in "on a eu un bébé" is no search word (not the EU).
    assert!(finds("my husband passed away", Lang::En, 5, "99101"));
    assert!(top("on a eu un bébé", Lang::Fr, 5).iter().all(|id| {
        !real()
            .services()
            .iter()
            .any(|s| s.id == *id && s.title.de.contains("EU"))
    }));
    // "gehen" in "in Rente gehen" carries the phrase, not a word of its own: not the "Geh-"
    // of "Geh- und Radwege".
    assert!(finds("in rente gehen", Lang::De, 5, "99114"));
    assert!(top("in rente gehen", Lang::De, 5).iter().all(|id| {
        !real()
            .services()
            .iter()
            .any(|s| s.id == *id && s.title.de.contains("Geh-"))
    }));
    // Words of time and condition join a query's parts, they are none of its own: "while",
    // "während", "pendant", "durante" do not each make a concept the results must meet.
    let ix = real();
    for (with, without, lang) in [
        ("grant while unemployed", "grant unemployed", Lang::En),
        ("geld während der ausbildung", "geld ausbildung", Lang::De),
        ("aide pendant la formation", "aide formation", Lang::Fr),
        ("aiuto durante la formazione", "aiuto formazione", Lang::It),
    ] {
        assert_eq!(ix.explain(with, lang), ix.explain(without, lang), "{with}");
    }
}

#[test]
fn compounds_with_a_prefix_a_synonym_or_an_unsplit_part() {
    // "an|meldebestätigung": the rest after the verb prefix is the catalogue's compound.
    assert!(finds("anmeldebestätigung", Lang::De, 5, "99115003"));
    // "güsel|sack": a regional part's synonym in its place ("kehrichtsack").
    let ix = real();
    assert!(
        ix.substituted_compounds(&fold("güselsack"))
            .contains(&ix.stemmers.stem(Lang::De, "kehrichtsack"))
    );
    assert!(finds("güselsack", Lang::De, 5, "ch-kehrichtsaecke"));
    // "kita|platz|antrag": parts that only the indexed terms know.
    assert!(finds("kitaplatzantrag", Lang::De, 5, "99041004"));
    // A frequent catalogue word is not cut into rare parts ("aus|stellung").
    assert!(finds(
        "ausstellung eines führungszeugnisses",
        Lang::De,
        5,
        "99049001"
    ));
}

#[test]
fn an_ambiguous_short_typo_does_not_steer_the_ranking() {
    // "bern" is close to "fern", "lern", …: the move is what the citizen means.
    assert!(finds("ich zügle nach bern", Lang::De, 5, "99115005"));
    // An inflected adjective is its word, not a typo ("neues" → "neu").
    let concepts = real().explain("neues", Lang::De);
    assert!(concepts[0].iter().any(|(t, _)| t == "neu"));
}

#[test]
fn an_unknown_tail_of_a_compound_is_left_aside() {
    // "hundeanmeldungs|formular": the index knows the head, not the generic tail.
    let ix = real();
    let head = ix.known_compound_head("hundeanmeldungsformular", Lexicon::embedded());
    assert!(
        head.as_deref()
            .is_some_and(|h| h.starts_with("hundeanmeldung")),
        "{head:?}"
    );
    assert!(finds("hundeanmeldungsformular", Lang::De, 5, "99110009104"));
    assert_eq!(
        ix.known_compound_head(&fold("hundesteuer"), Lexicon::embedded()),
        None,
        "a word the index knows stays whole"
    );
}

#[test]
fn a_false_friend_in_a_third_language_counts_less() {
    // The French "licencier" (dismiss) and the English "licence" share a stem; the English
    // keyword must not outweigh what the word means in French (unemployment).
    let concepts = real().explain("licencier", Lang::Fr);
    let weight = |t: &str| {
        concepts[0]
            .iter()
            .find(|(v, _)| v == t)
            .map_or(0.0, |(_, w)| *w)
    };
    assert!(weight("licenc") < weight("arbeitslos"), "{concepts:?}");
}

#[test]
fn swiss_german_spellings_are_read_in_standard_spelling() {
    let ix = index();
    // "-ig" for "-ung", "aa" for "an", "ä" for "e", "uu" for "au", "ii" for "ei".
    assert_eq!(ids(&ix, "wohnsitz aamäldig", Lang::De)[0], "4:De");
    assert_eq!(ids(&ix, "baugenehmigig", Lang::De)[0], "7:De");
    assert_eq!(ids(&ix, "fischereischiin", Lang::De)[0], "6:De");
    // A word the index knows is never re-read.
    assert_eq!(ids(&ix, "Hundesteuer", Lang::De)[0], "1:De");
}

#[test]
fn a_hyphenated_word_the_vocabulary_knows_stays_one_word() {
    let ix = index();
    let concepts = ix.explain("carte-identité", Lang::Fr);
    assert_eq!(
        concepts.len(),
        2,
        "not known joined: two words {concepts:?}"
    );
    // "nouveau-né" is one word of the life events: its "né" is not the negation "ne".
    let words = ix.read_words("nouveau-né", Lang::Fr, Lexicon::embedded());
    assert_eq!(words, vec!["nouveaune".to_owned()]);
}

#[test]
fn a_slip_in_a_long_words_ending_finds_its_stem() {
    let ix = index();
    // "fischereischeins" typed as "fischereischeinen" with a doubled ending.
    assert!(ids(&ix, "fischereischeinenn beantragen", Lang::De).contains(&"6:De".to_owned()));
}

#[test]
fn a_compound_part_met_only_inside_other_words_counts_less() {
    let own = Synonyms::from_sources([]).unwrap();
    let ix = SearchIndex::build(
        vec![
            svc("a", Country::De, "Baugenehmigung beantragen", None, &[]),
            svc(
                "b",
                Country::De,
                "Genehmigung für Bauten in Kleingärten und Wochenendhausgebieten",
                None,
                &[],
            ),
            svc("c", Country::De, "Gartenbau", None, &[]),
            svc("d", Country::De, "Hausnummer", None, &[]),
            svc("e", Country::De, "Wochenendhaus", None, &[]),
        ],
        &own,
    )
    .unwrap();
    let hits = ids(&ix, "baugenehmigung gartenhaus", Lang::De);
    assert_eq!(hits[0], "a:De", "{hits:?}");
}

#[test]
fn one_loose_word_does_not_meet_two_concepts_in_full() {
    let own = Synonyms::from_sources([]).unwrap();
    let ix = SearchIndex::build(
        vec![
            // Both "open" and "shop" lead to "Existenzgründung" (life events).
            svc("a", Country::De, "Existenzgründung", None, &[]),
            // "shop" leads to "Gewerbe", "open" to "Anmeldung": two words for two concepts.
            svc("b", Country::De, "Gewerbe anmelden", None, &[]),
            // The query's own words are indexed: the life events' words are loose variants.
            svc("c", Country::De, "Tag der offenen Tür", None, &["open day"]),
            svc(
                "d",
                Country::De,
                "Ladenöffnungszeiten",
                None,
                &["shop hours"],
            ),
        ],
        &own,
    )
    .unwrap();
    let hits = ids(&ix, "open a shop", Lang::En);
    let rank = |id: &str| hits.iter().position(|h| h == id);
    assert!(rank("b:De") < rank("a:De"), "{hits:?}");
}

#[test]
fn action_nouns_and_verbs_meet() {
    assert_eq!(
        noun_verb_forms("meldung"),
        vec!["melden".to_owned(), "meldn".to_owned()]
    );
    assert_eq!(
        noun_verb_forms("reservieren"),
        vec!["reservierung".to_owned()]
    );
    assert!(noun_verb_forms("hund").is_empty());
}

#[test]
fn the_french_participle_ne_and_person_words_are_read() {
    // "née" keeps its meaning though folding makes "ne" of "né"; "fils" is no typo of "film".
    assert!(finds("ma fille est née", Lang::Fr, 5, "99027"));
    assert!(finds("notre fils est né", Lang::Fr, 5, "99027"));
    let concepts = real().explain("mon fils", Lang::Fr);
    assert!(
        concepts
            .iter()
            .flatten()
            .all(|(t, _)| !t.starts_with("film")),
        "{concepts:?}"
    );
}

#[test]
fn an_unknown_compound_is_read_as_its_last_part() {
    // "Neujahrs|feuerwerk": the index knows neither, the vocabulary knows "Feuerwerk".
    let concepts = real().explain("neujahrsfeuerwerk ", Lang::De);
    assert!(
        concepts
            .iter()
            .flatten()
            .any(|(t, _)| t.starts_with("pyrotechn")),
        "{concepts:?}"
    );
}

#[test]
fn a_verb_phrase_is_not_joined_into_a_compound() {
    // "Antrag stellen" means "beantragen", not "Antragsteller".
    let concepts = real().explain("elterngeld antrag stellen ", Lang::De);
    assert!(
        concepts
            .iter()
            .flatten()
            .all(|(t, _)| !t.starts_with("antragstell")),
        "{concepts:?}"
    );
    assert!(finds("elterngeld antrag stellen", Lang::De, 3, "99041006"));
}

#[test]
fn compounds_join_over_three_words_and_with_a_participles_noun() {
    let has = |q: &str, prefix: &str| {
        real()
            .explain(q, Lang::De)
            .iter()
            .flatten()
            .any(|(t, _)| t.starts_with(prefix))
    };
    // Three words the catalogue writes as one.
    assert!(has("melde register auskunft ", "melderegisterauskunft"));
    // "verloren" after its object: the object's compound with "Verlust", a life-event word.
    assert!(has("job verloren ", "arbeitslos"));
    // A transposed letter in a compound whose stem the stemmer cuts short is a typo, not a
    // compound with an unknown tail ("einbürgerungs|tets").
    assert!(has("einbürgerungstets ", "einburgerungst"));
}

#[test]
fn an_ungs_part_is_read_as_the_verbs_stem_the_catalogue_uses() {
    // "Wohnungs|geld": the catalogue says "Wohngeld".
    let concepts = real().explain("wohnungsgeld ", Lang::De);
    assert!(
        concepts.iter().flatten().any(|(t, _)| t == "wohngeld"),
        "{concepts:?}"
    );
}

#[test]
fn a_separable_particle_written_apart_joins_its_verb() {
    // "ab melden" is "abmelden".
    assert!(finds("auto ab melden", Lang::De, 5, "99036008070"));
}

#[test]
fn a_service_is_found_by_its_other_country_variants_words() {
    // "Kitaplatz" is a keyword of the Swiss Kita place only; a citizen in Germany asking for
    // one finds the German variant of the same service.
    let ix = real();
    let hits = ix.search(&SearchQuery {
        text: "kitaplatz",
        lang: Lang::De,
        country: Some(Country::De),
        allowed: None,
        limit: 5,
    });
    assert!(
        hits.iter().any(|h| {
            let s = &ix.services()[h.index];
            s.id.starts_with("99041004") && s.country == Country::De
        }),
        "{hits:?}"
    );
}

#[test]
fn everyday_words_for_job_loss_moving_and_the_tax_id() {
    // A lost job, in the words of the one who lost it.
    assert!(finds("arbeit verloren", Lang::De, 3, "99038"));
    // "hergezogen" is a move here, "weggezogen" one away.
    assert!(finds("hergezogen", Lang::De, 3, "99115005104"));
    assert!(finds("weggezogen", Lang::De, 3, "99115005070"));
    // "Steuer-ID" is the tax identification number, not an identity card.
    assert!(top("steuer-id", Lang::De, 1)[0].starts_with("99102044"));
    // Written apart too: a two-letter last part joins where the vocabulary knows the compound.
    assert!(top("steuer id", Lang::De, 1)[0].starts_with("99102044"));
    // A number written apart from its letters joins them where the vocabulary knows the word
    // ("ALG 1" is "ALG1", the unemployment benefit); a number alone stays a number.
    assert!(top("alg 1 beantragen", Lang::De, 1)[0].starts_with("99038001"));
    let ix = real();
    assert_eq!(
        ix.join_compounds(tokens("alg 1").into_iter(), Lang::De),
        tokens("alg1")
    );
    assert_eq!(
        ix.join_compounds(tokens("teil 1").into_iter(), Lang::De),
        tokens("teil 1")
    );
    assert_eq!(
        ix.join_compounds(tokens("pass id").into_iter(), Lang::De),
        tokens("pass id"),
        "no such compound: the words stay"
    );
}

#[test]
fn a_verbs_particle_at_the_clause_end_means_the_verb_with_it() {
    // "melde … ab" is "abmelden": deregistering the car, not reporting it.
    assert!(top("wie melde ich mein auto ab", Lang::De, 1)[0].starts_with("99036008070"));
}

#[test]
fn american_spellings_reach_the_british_catalogue() {
    // The catalogue writes English the British way; "naturalization" stems to "natur", which
    // no typo correction reaches from "naturalis".
    let own = Synonyms::from_sources([]).unwrap();
    let ix = SearchIndex::build(
        vec![
            svc("1", Country::Ch, "Einbürgerung", None, &["naturalisation"]),
            svc("2", Country::Ch, "Naturschutz", None, &["nature"]),
            svc("3", Country::Ch, "Kindergarten", None, &["enrol a child"]),
            svc(
                "4",
                Country::Ch,
                "Führerausweis",
                None,
                &["driving licence"],
            ),
        ],
        &own,
    )
    .unwrap();
    assert_eq!(ids(&ix, "naturalization", Lang::En)[0], "1:Ch");
    assert_eq!(ids(&ix, "enroll my child", Lang::En)[0], "3:Ch");
    assert_eq!(ids(&ix, "driver license", Lang::En)[0], "4:Ch");
}

#[test]
fn the_ranking_does_not_depend_on_hash_order() {
    // Close variants of a concept share one idf, so two of them can score a service alike;
    // which one counts decides whether the service's word was met already by another query
    // word. Each search's hash maps list the variants in another order: the same query must
    // rank the same every time.
    let ix = real();
    let run = || {
        ix.search(&SearchQuery {
            text: "Ummeldung nach Umzug",
            lang: Lang::De,
            country: Some(Country::De),
            allowed: None,
            limit: 10,
        })
        .into_iter()
        .map(|h| (ix.services()[h.index].id.clone(), h.score))
        .collect::<Vec<_>>()
    };
    let first = run();
    for _ in 0..40 {
        assert_eq!(run(), first);
    }
    // And of the variants scoring alike, the one not met already counts: the move is found.
    assert!(
        first[..5].iter().any(|(id, _)| id.starts_with("99115005")),
        "{first:?}"
    );
}

#[test]
fn a_participle_is_one_word_not_a_compound() {
    // "beglaubigte" is the participle of "beglaubigen", not "beglaub" + "igt"; "angemeldet"
    // neither splits. One concept each, reaching the verb's forms.
    let ix = real();
    for w in ["beglaubigte", "angemeldet", "verlängerte"] {
        let concepts = ix.explain(w, Lang::De);
        assert_eq!(concepts.len(), 1, "{w}: {concepts:?}");
    }
    let c = &ix.explain("beglaubigte", Lang::De)[0];
    assert!(c.iter().any(|(t, _)| t == "beglaub"), "{c:?}");
}

#[test]
fn a_leika_services_summary_is_searched_too() {
    // A LeiKa entry's written summary speaks the citizen's words, which its official name and
    // title do not ("Fahrzeugbrief" for "Zulassungsbescheinigung Teil II").
    let own = Synonyms::from_sources([]).unwrap();
    let mut brief = svc(
        "99036012036002",
        Country::De,
        "Zulassungsbescheinigung Teil II ersetzen lassen (wegen Verlust)",
        None,
        &[],
    );
    brief.official_name = Some("Zulassungsbescheinigung Teil II Ersatz wegen Verlust".into());
    brief.summary = LangText::de("Den verlorenen Fahrzeugbrief ersetzt die Zulassungsstelle.");
    let mut plate = svc(
        "99036009036003",
        Country::De,
        "Kraftfahrzeugkennzeichen ersetzen lassen (wegen Verlust)",
        None,
        &[],
    );
    plate.official_name = Some("Kraftfahrzeugkennzeichen Ersatz wegen Verlust".into());
    let ix = SearchIndex::build(vec![plate, brief], &own).unwrap();
    assert_eq!(
        ids(&ix, "fahrzeugbrief verloren", Lang::De)[0],
        "99036012036002:De"
    );
}

#[test]
fn a_function_verbs_participle_carries_no_meaning() {
    // "geworden" is "werden", "gegangen" is "gehen": words that only carry the phrase, like
    // their infinitives, and no concept of their own.
    let ix = real();
    assert_eq!(ix.explain("vater geworden", Lang::De).len(), 1);
    assert_eq!(ix.explain("in rente gegangen", Lang::De).len(), 1);
    // A content verb's participle stays ("verheiratet").
    assert_eq!(ix.explain("vater geworden verheiratet", Lang::De).len(), 2);
}

#[test]
fn a_french_letter_standing_alone_is_a_name_and_an_elided_one_is_not() {
    // "permis C" is the Swiss settlement permit (Ausweis C), not "permis" alone.
    let ix = real();
    let hits = ix.search(&SearchQuery {
        text: "permis C",
        lang: Lang::Fr,
        country: Some(Country::Ch),
        allowed: None,
        limit: 5,
    });
    assert!(
        hits.iter()
            .any(|h| ix.services()[h.index].id == "99010001000000"),
        "{hits:?}"
    );
    // "c'est", "n'ai": the elided letters carry no meaning.
    let concepts = ix.explain("c'est mon permis, je n'ai pas", Lang::Fr);
    assert_eq!(concepts.len(), 1, "{concepts:?}");
}

#[test]
fn a_compound_is_indexed_by_the_parts_of_either_split() {
    // "ungszuschuss" combines with two known words, so it is a splitting part too; the index
    // still knows "Gründungszuschuss" by "gründung|s|zuschuss", not only by "grund|ungszuschuss".
    let own = Synonyms::from_sources([]).unwrap();
    let ix = SearchIndex::build(
        vec![
            svc("a", Country::De, "Gründungszuschuss beantragen", None, &[]),
            svc("b", Country::De, "Wohnungszuschuss beantragen", None, &[]),
            svc("c", Country::De, "Grund erwerben", None, &[]),
            svc("d", Country::De, "Wohnen im Alter", None, &[]),
            svc("e", Country::De, "Zuschuss für Schulen", None, &[]),
            svc(
                "f",
                Country::De,
                "Gründung einer Stiftung anzeigen",
                None,
                &[],
            ),
        ],
        &own,
    )
    .unwrap();
    let hits = ids(&ix, "zuschuss zur gründung", Lang::De);
    assert_eq!(hits[0], "a:De", "{hits:?}");
}

#[test]
fn a_rare_word_met_inside_a_compound_outweighs_a_common_word_met_whole() {
    // "taxi" is met only inside "Taxigenehmigung", "konzession" as a word of its own in the
    // keywords of many services that have nothing to do with taxis: the rare word decides.
    let own = Synonyms::from_sources([]).unwrap();
    let mut services = vec![
        svc("a", Country::De, "Taxigenehmigung", None, &[]),
        svc("b", Country::De, "Taxistand melden", None, &[]),
        svc("c", Country::De, "Taxiunternehmen anzeigen", None, &[]),
        svc("d", Country::De, "Stand auf dem Markt", None, &[]),
        svc("e", Country::De, "Unternehmen gründen", None, &[]),
        svc("f", Country::De, "Genehmigung einholen", None, &[]),
    ];
    for i in 0..30 {
        let mut s = svc(
            &format!("k{i}"),
            Country::De,
            &format!("Betrieb {i}"),
            None,
            &[],
        );
        s.keywords.de = vec!["Konzession".to_owned()];
        services.push(s);
    }
    for i in 0..200 {
        services.push(svc(
            &format!("x{i}"),
            Country::De,
            &format!("Dienst {i}"),
            None,
            &[],
        ));
    }
    let ix = SearchIndex::build(services, &own).unwrap();
    let hits = ids(&ix, "taxi konzession", Lang::De);
    assert_eq!(hits[0], "a:De", "{hits:?}");
}

#[test]
fn a_separable_verb_written_apart_in_a_summary_is_indexed_whole() {
    // "Holen Sie ihn … ab" is "abholen": the service is found by the verb the catalogue uses
    // elsewhere ("Abholung").
    let own = Synonyms::from_sources([]).unwrap();
    let mut collect = svc("a", Country::De, "Ausweis erhalten", None, &[]);
    collect.summary = LangText::de(
        "Ist Ihr neuer Ausweis fertig, holen Sie ihn bei der Gemeinde ab. Bringen Sie den alten mit.",
    );
    let ix = SearchIndex::build(
        vec![
            collect,
            svc("b", Country::De, "Ausweis verlängern", None, &[]),
            svc("c", Country::De, "Ausweis ändern", None, &[]),
            svc("d", Country::De, "Abholung von Sperrmüll", None, &[]),
        ],
        &own,
    )
    .unwrap();
    let hits = ids(&ix, "ausweis abholen", Lang::De);
    assert_eq!(hits[0], "a:De", "{hits:?}");
}

#[test]
fn an_extended_keyword_finds_a_service_and_weighs_less_than_a_keyword() {
    // The glossary's extended part: "guardian" finds the guardianship service that has it only
    // as an extended keyword, and a service that has it as a keyword comes first.
    let own = Synonyms::from_sources([]).unwrap();
    let mut extended = svc("a", Country::De, "Vormundschaft beantragen", None, &[]);
    extended.extended_keywords.en = vec!["guardian".into()];
    let ix = SearchIndex::build(
        vec![
            extended.clone(),
            svc("b", Country::De, "Hundesteuer", None, &["dog tax"]),
            svc("c", Country::De, "Ausweis verlängern", None, &[]),
        ],
        &own,
    )
    .unwrap();
    assert_eq!(ids(&ix, "guardian", Lang::En), ["a:De"]);
    let ix = SearchIndex::build(
        vec![
            extended,
            svc(
                "k",
                Country::De,
                "Betreuung beantragen",
                None,
                &["guardian"],
            ),
            svc("c", Country::De, "Ausweis verlängern", None, &[]),
        ],
        &own,
    )
    .unwrap();
    assert_eq!(ids(&ix, "guardian", Lang::En), ["k:De", "a:De"]);
}

#[test]
fn everyday_words_the_catalogue_writes_in_german_names_reach_them_in_other_languages() {
    // Grabmal (headstone), Betreuer (a court-appointed legal guardian), abgeschleppt (towed),
    // Kirchensteuer, Insolvenzgeld, Blindengeld:
    // German-only services, found by the everyday words of the other languages.
    for (text, lang, prefix) in [
        ("headstone", Lang::En, "99101008"),
        ("pierre tombale", Lang::Fr, "99101008"),
        ("lapide", Lang::It, "99101008"),
        ("legal guardian", Lang::En, "99046006"),
        ("curatore", Lang::It, "99046006"),
        ("car towed", Lang::En, "99108008"),
        ("fourrière voiture", Lang::Fr, "99108008"),
        ("church tax", Lang::En, "99102035"),
        ("impôt ecclésiastique", Lang::Fr, "99102035"),
        ("insolvency pay", Lang::En, "99038002"),
        ("assegno per ciechi", Lang::It, "99107030"),
    ] {
        assert!(
            finds(text, lang, 5, prefix),
            "{text}: {:?}",
            top(text, lang, 5)
        );
    }
}
