//! The catalogue API over the real demo data: import, search with and without a municipality,
//! responsibility, service details, the municipality picker, topics — on both databases.

use crate::common;

use axum::http::StatusCode;
use common::{TestApp, Which, body_json};
use contract::Lang;
use serde_json::Value;

async fn json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let res = app.get(path, &[]).await;
    let status = res.status();
    (status, body_json(res).await)
}

fn ids(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn import_loads_the_real_catalogue(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let cat = app.catalogue();
    let de = cat
        .index
        .services()
        .iter()
        .filter(|s| s.country == catalog::model::Country::De)
        .count();
    let ch = cat
        .index
        .services()
        .iter()
        .filter(|s| s.country == catalog::model::Country::Ch)
        .count();
    assert_eq!(de, 5249, "every LeiKa/OZG row");
    assert_eq!(
        ch,
        catalog::swiss::embedded().unwrap().services.len(),
        "every Swiss service"
    );
    let communes = cat
        .directory
        .places()
        .filter(|p| p.kind == catalog::places::PlaceKind::Municipality && p.id.starts_with("ch:"))
        .count();
    assert_eq!(communes, 201, "Aargau 198 + Glarus 3");
    // Importing again replaces, it does not duplicate.
    server::catalogue::import::run(&app.db, &common::import_options())
        .await
        .unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM services")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n as usize, de + ch);
}

async fn search_finds_leika_services_by_citizen_words(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (status, v) = json(&app, "/api/v1/search?q=hundesteuer&lang=de").await;
    assert_eq!(status, StatusCode::OK);
    let found = ids(&v);
    assert!(
        found.iter().take(5).any(|id| id.starts_with("99102013")),
        "{found:?}"
    );
    let first = &v["results"][0];
    assert!(first["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(
        first["authority"].is_null(),
        "no municipality, no authority"
    );
    // Highlights point into the title.
    for r in v["results"].as_array().unwrap() {
        let title = r["title"].as_str().unwrap();
        for h in r["highlights"].as_array().unwrap() {
            let (a, b) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            assert!(
                a < b && b <= title.len() && title.is_char_boundary(a) && title.is_char_boundary(b)
            );
        }
    }
}

async fn german_services_written_in_french_are_shown_in_french(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let services = catalog::leika::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/data/ozg-leika-services/ozg_leika_services.csv"),
    )
    .unwrap();
    let dog = services.iter().find(|s| s.id == "99110009104000").unwrap();
    let (title, summary) = (dog.title.get(Lang::Fr), dog.summary.get(Lang::Fr));
    assert!(title.is_some() && summary.is_some(), "written in French");
    // Schmölln, on the French pages: the dog registration in French, marked as French.
    let (status, v) = json(
        &app,
        "/api/v1/search?q=Hund%20anmelden&lang=fr&municipality=de:16077043",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let r = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == dog.id)
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(r["title"].as_str(), title, "{r}");
    assert_eq!(r["summary"].as_str(), summary, "{r}");
    assert_eq!(r["lang"], "fr", "{r}");
    // In German, the description written for citizens, not the catalogue's template.
    let (_, v) = json(
        &app,
        "/api/v1/search?q=Hund%20anmelden&lang=de&municipality=de:16077043",
    )
    .await;
    let r = &v["results"][0];
    assert_eq!(r["id"], dog.id, "{v}");
    assert_eq!(r["summary"].as_str(), Some(dog.summary.de.as_str()), "{r}");
    assert!(!dog.summary.de.contains("Teil der Verwaltungsleistung"));
}

async fn a_municipality_restricts_results_and_names_the_authority(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    // Aarau: only Swiss services, each with its responsible authority.
    let (_, v) = json(&app, "/api/v1/search?q=hund&lang=de&municipality=ch:4001").await;
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert_eq!(r["country"], "ch", "{r}");
        assert!(
            r["authority"]["name"]
                .as_str()
                .is_some_and(|n| !n.is_empty()),
            "{r}"
        );
    }
    assert_eq!(v["municipality"]["display_name"], "Aarau (AG)");

    // Glinde: the town registers residents, the Kreis issues driving licences.
    let (_, v) = json(
        &app,
        "/api/v1/search?q=wohnsitz%20anmelden&municipality=de:01062018",
    )
    .await;
    let r = &v["results"][0];
    assert_eq!(r["country"], "de");
    assert_eq!(r["authority"]["level"], "municipality", "{r}");
    assert!(
        r["authority"]["contact"]["office"]
            .as_str()
            .unwrap()
            .contains("Glinde"),
        "{r}"
    );
    assert_eq!(r["authority"]["contact"]["address"]["postcode"], "21509");

    let (_, v) = json(
        &app,
        "/api/v1/search?q=führerschein&municipality=de:01062018",
    )
    .await;
    let district = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["authority"]["level"] == "district")
        .expect("a Kreis service");
    assert!(
        district["authority"]["name"]
            .as_str()
            .unwrap()
            .contains("Stormarn"),
        "{district}"
    );
}

async fn bad_parameters_get_clear_errors(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (status, v) = json(&app, "/api/v1/search?q=hund&municipality=ch:99999").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["code"], "unknown_municipality");
    assert_eq!(v["details"]["parameter"], "municipality");
    assert!(v["message"].as_str().unwrap().contains("ch:99999"));
    let (status, _) = json(&app, "/api/v1/search?q=hund&lang=xx").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let long = "a".repeat(201);
    let (status, _) = json(&app, &format!("/api/v1/search?q={long}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, v) = json(&app, "/api/v1/search?q=").await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["results"].as_array().unwrap().is_empty());
}

async fn nonsense_gets_suggestions(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (_, v) = json(&app, "/api/v1/search?q=xqzvwpt&municipality=ch:4001").await;
    assert!(v["results"].as_array().unwrap().is_empty());
    let suggestions = v["suggestions"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    assert!(suggestions.iter().all(|s| s["country"] == "ch"));
}

async fn service_detail_with_responsible_office(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (status, v) = json(
        &app,
        "/api/v1/services/99102013000000?lang=de&municipality=de:01062018",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["id"], "99102013000000");
    assert_eq!(v["country"], "de");
    assert_eq!(v["offered"], true);
    assert!(
        v["authority"]["contact"]["office"]
            .as_str()
            .unwrap()
            .contains("Glinde")
    );
    assert_eq!(v["municipality"]["id"], "de:01062018");

    let (status, v) = json(&app, "/api/v1/services/99999999999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(v["code"], "not_found");

    // A Swiss service in a Glarus commune, in French.
    let (_, search) = json(
        &app,
        "/api/v1/search?q=carte%20d%27identit%C3%A9&lang=fr&municipality=ch:1632",
    )
    .await;
    let id = search["results"][0]["id"]
        .as_str()
        .expect("a result")
        .to_owned();
    let (status, v) = json(
        &app,
        &format!("/api/v1/services/{id}?lang=fr&municipality=ch:1632"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["lang"], "fr");
    assert_eq!(v["country"], "ch");
    assert!(v["authority"].is_object(), "{v}");
}

async fn municipality_picker(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (_, v) = json(&app, "/api/v1/municipalities?q=buchs").await;
    assert_eq!(v["results"][0]["display_name"], "Buchs (AG)");
    assert_eq!(v["results"][0]["id"], "ch:4003");
    assert_eq!(v["results"][0]["state_name"], "Kanton Aargau");
    let (_, v) = json(&app, "/api/v1/municipalities?q=21509").await;
    assert_eq!(v["results"][0]["id"], "de:01062018");
    assert_eq!(v["results"][0]["district_name"], "Kreis Stormarn");
    let (status, v) = json(&app, "/api/v1/municipalities/ch:1630").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["name"], "Glarus Nord");
    let (status, _) = json(&app, "/api/v1/municipalities/ch:0").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn topics_and_browsing(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let (_, v) = json(&app, "/api/v1/topics?lang=fr&municipality=ch:4001").await;
    let topics = v["topics"].as_array().unwrap();
    assert!(topics.len() >= 5, "{v}");
    // In the topics data's order: citizens' topics first, none named after the administration.
    let keys: Vec<&str> = topics.iter().map(|t| t["key"].as_str().unwrap()).collect();
    let areas = catalog::areas::Areas::embedded();
    let ranks: Vec<u16> = keys.iter().map(|k| areas.rank(k)).collect();
    assert!(ranks.is_sorted(), "{keys:?}");
    assert_eq!(topics[0]["name"], "Famille et enfants", "{keys:?}");
    assert!(keys.iter().all(|k| !k.contains("Querschnitt")), "{keys:?}");
    let t = &topics[0];
    let key = t["key"].as_str().unwrap();
    let count = t["count"].as_u64().unwrap();
    assert!(count > 0);
    let (_, list) = json(
        &app,
        &format!(
            "/api/v1/search?lang=fr&municipality=ch:4001&limit=50&topic={}",
            urlencode(key)
        ),
    )
    .await;
    let n = list["results"].as_array().unwrap().len() as u64;
    assert_eq!(n, count.min(50), "the topic lists its services");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What an authority switches off or keeps is cached per process (search, service pages):
/// the process that made the change answers with it at once, another process on the same
/// database once it reads the new version stamp; neither keeps answering from before.
async fn local_choices_reach_every_process(which: Which) {
    const AARAU: &str = "ch:4001";
    let Some(a) = TestApp::with_catalogue(which).await else {
        return;
    };
    // A second server process on the same database (its own catalogue and caches).
    let b = TestApp::open(
        &a.url,
        &a.dir.path().join("attachments"),
        tempfile::tempdir().unwrap(),
    )
    .await;
    let admin =
        common::staff_session(&a, "Ada Admin", AARAU, server::access::Role::AuthorityAdmin).await;
    let mut browser = common::staff_browser(&a, &admin);
    let (_, services) = browser
        .call(
            "GET",
            &format!("/api/v1/authorities/{AARAU}/services?lang=de"),
            None,
        )
        .await;
    let first = &services["services"][0];
    let id = first["id"].as_str().unwrap().to_owned();
    let search = format!(
        "/api/v1/search?q={}&municipality={AARAU}&limit=50",
        contract::paths::encode(first["title"].as_str().unwrap())
    );
    let page = format!("/api/v1/services/{id}?municipality={AARAU}&lang=de");
    let found = |v: &Value| ids(v).contains(&id);
    // Both processes answer (and keep) the search and the page as imported.
    for app in [&a, &b] {
        for _ in 0..2 {
            let (s, hits) = json(app, &search).await;
            assert_eq!(s, StatusCode::OK, "{hits}");
            assert!(found(&hits), "{id} is offered in Aarau: {hits}");
            assert_eq!(json(app, &page).await.1["offered"], true);
        }
    }

    for offered in [false, true] {
        let (s, answer) = browser
            .call(
                "PUT",
                &format!("/api/v1/authorities/{AARAU}/services/{id}"),
                Some(serde_json::json!({ "offered": offered })),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{answer}");
        // The process that made the change: at once.
        assert_eq!(found(&json(&a, &search).await.1), offered);
        assert_eq!(json(&a, &page).await.1["offered"], offered);
        // The other: once it has read the new stamp (at most every CHECK_EVERY); polled, with
        // a bound far above that so that a cache that never notices fails.
        let mut seen = false;
        for _ in 0..200 {
            let (_, hits) = json(&b, &search).await;
            if found(&hits) == offered {
                seen = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(seen, "the other process sees offered={offered}");
        assert_eq!(json(&b, &page).await.1["offered"], offered);
        assert_eq!(found(&json(&b, &search).await.1), offered);
    }
}

backend_tests!(
    import_loads_the_real_catalogue,
    search_finds_leika_services_by_citizen_words,
    german_services_written_in_french_are_shown_in_french,
    a_municipality_restricts_results_and_names_the_authority,
    bad_parameters_get_clear_errors,
    nonsense_gets_suggestions,
    service_detail_with_responsible_office,
    municipality_picker,
    topics_and_browsing,
    local_choices_reach_every_process,
);
