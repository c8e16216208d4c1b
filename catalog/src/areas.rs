//! Topics and life situations as citizens browse them (`data/ozg_areas.tsv`): the OZG
//! Themenfelder and Lebenslagen named in plain words in the portal languages, ranked by what
//! citizens look for (their topics first, businesses' after), and regrouped where the OZG
//! groups by administration: the "Querschnitt" life situations are shown under "Ausweise &
//! Dokumente" and "Unternehmen", "Wohnen & Umzug" and "Tierhaltung" get topics of their own.

use crate::model::LangText;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Where the rank of an unknown topic puts it: after every listed one.
pub const UNRANKED: u16 = u16::MAX;

/// The first rank of the topics for businesses: citizens' topics rank below it.
pub const BUSINESS_RANK: u16 = 200;

/// The topics and life situations of `data/ozg_areas.tsv`.
#[derive(Debug, Default)]
pub struct Areas {
    /// Topic OZG name → shown name and rank.
    topics: HashMap<String, (LangText, u16)>,
    /// Life situation OZG name → shown name and, where moved, the topic's OZG name.
    lives: HashMap<String, (LangText, Option<String>)>,
}

impl Areas {
    /// The table shipped with the catalogue (parsed once).
    pub fn embedded() -> &'static Areas {
        static AREAS: OnceLock<Areas> = OnceLock::new();
        AREAS.get_or_init(|| {
            Areas::parse(include_str!("../data/ozg_areas.tsv"))
                .expect("data/ozg_areas.tsv is well-formed (checked by the tests)")
        })
    }

    /// Parses the table: `kind  ozg  de  fr  it  en  rank-or-topic`, `#` comments.
    pub fn parse(tsv: &str) -> Result<Areas, String> {
        let mut areas = Areas::default();
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = |what: &str| format!("ozg_areas.tsv line {}: {what}", n + 1);
            if f.len() < 6 || f[1..6].iter().any(|s| s.trim().is_empty()) {
                return Err(bad("expected kind, OZG name and four names"));
            }
            let name = LangText {
                de: f[2].into(),
                fr: Some(f[3].into()),
                it: Some(f[4].into()),
                en: Some(f[5].into()),
            };
            let extra = f.get(6).map(|s| s.trim()).filter(|s| !s.is_empty());
            match f[0] {
                "topic" => {
                    let rank = extra
                        .and_then(|r| r.parse().ok())
                        .ok_or_else(|| bad("a topic needs a rank"))?;
                    areas.topics.insert(f[1].into(), (name, rank));
                }
                "life" => {
                    areas
                        .lives
                        .insert(f[1].into(), (name, extra.map(str::to_owned)));
                }
                other => return Err(bad(&format!("unknown kind {other:?}"))),
            }
        }
        for (life, (_, topic)) in &areas.lives {
            if let Some(t) = topic
                && !areas.topics.contains_key(t)
            {
                return Err(format!(
                    "life situation {life:?} moves to unknown topic {t:?}"
                ));
            }
        }
        Ok(areas)
    }

    /// Whether the table knows this OZG topic or life situation.
    pub fn knows(&self, ozg: &str) -> bool {
        self.topics.contains_key(ozg) || self.lives.contains_key(ozg)
    }

    /// The topic and life situation a service of OZG Themenfeld `topic` and Lebenslage `life`
    /// is shown under (names the table lacks stay as they are, in German).
    pub fn place(&self, topic: &str, life: &str) -> (LangText, LangText) {
        let (life_name, moved) = self.lives.get(life).map_or_else(
            || (LangText::de(life), None),
            |(n, t)| (n.clone(), t.as_deref()),
        );
        let topic = moved.unwrap_or(topic);
        let topic_name = self
            .topics
            .get(topic)
            .map_or_else(|| LangText::de(topic), |(n, _)| n.clone());
        (topic_name, life_name)
    }

    /// The rank of a topic by its shown German name (its key in the API): smaller first.
    pub fn rank(&self, shown_de: &str) -> u16 {
        self.topics
            .values()
            .find(|(n, _)| n.de == shown_de)
            .map_or(UNRANKED, |(_, r)| *r)
    }

    /// The topics' shown German names, in rank order.
    pub fn ranked_topics(&self) -> Vec<(&str, u16)> {
        let mut v: Vec<(&str, u16)> = self
            .topics
            .values()
            .map(|(n, r)| (n.de.as_str(), *r))
            .collect();
        v.sort_by_key(|(_, r)| *r);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_every_move_names_a_topic() {
        let a = Areas::parse(include_str!("../data/ozg_areas.tsv")).unwrap();
        assert!(a.topics.len() >= 14);
        let ranks: Vec<u16> = a.topics.values().map(|(_, r)| *r).collect();
        let mut unique = ranks.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ranks.len(), "every topic has its own rank");
    }

    #[test]
    fn citizens_topics_come_first_and_querschnitt_is_not_one() {
        let a = Areas::embedded();
        let ranked = a.ranked_topics();
        assert_eq!(ranked[0].0, "Familie & Kinder");
        let business = a.rank(
            &a.place("Unternehmensführung & -entwicklung", "Arbeitgeber sein")
                .0
                .de,
        );
        assert!(business >= BUSINESS_RANK);
        for (topic, rank) in &ranked {
            assert!(!topic.contains("Querschnitt"), "{topic}");
            assert!(!topic.contains("Unternehmens") || *rank >= BUSINESS_RANK);
        }
        // What the OZG files under "Querschnitt" is shown where citizens and businesses look.
        let (topic, life) = a.place("Querschnitt", "Querschnitt Bürger");
        assert_eq!(topic.de, "Ausweise & Dokumente");
        assert!(a.rank(&topic.de) < BUSINESS_RANK);
        assert!(!life.de.contains("Querschnitt"));
        let (topic, _) = a.place("Querschnitt", "Querschnitt Unternehmen");
        assert!(a.rank(&topic.de) >= BUSINESS_RANK);
        let (topic, life) = a.place("Engagement & Hobby", "Tierhaltung");
        assert_eq!(
            (topic.de.as_str(), life.de.as_str()),
            ("Tiere", "Tierhaltung")
        );
        assert_eq!(topic.fr.as_deref(), Some("Animaux"));
    }

    #[test]
    fn unknown_names_stay_in_german_and_rank_last() {
        let a = Areas::embedded();
        let (topic, life) = a.place("Neues Feld", "Neue Lage");
        assert_eq!(
            (topic.de.as_str(), life.de.as_str()),
            ("Neues Feld", "Neue Lage")
        );
        assert_eq!(a.rank("Neues Feld"), UNRANKED);
        assert!(
            Areas::parse("topic\tA\tA\tA\tA\tA\n").is_err(),
            "a topic without a rank"
        );
        assert!(
            Areas::parse("life\tA\tA\tA\tA\tA\tB\n").is_err(),
            "a move to no topic"
        );
    }
}
