//! The embeddable search widget on both databases: the configuration of a municipality, the
//! search over its services only, CORS and `frame-ancestors` from its allow-list (seen at once
//! by a second server instance), the script as served, and tenant settings refused on import.

use crate::common;

use axum::http::{HeaderMap, StatusCode};
use catalog::model::Country;
use common::{TestApp, Which, body_bytes, body_json};
use serde_json::Value;
use server::AppState;
use std::sync::Arc;

const AARAU: &str = "ch:4001";
const AARAU_SITE: &str = "https://www.aarau.ch";
const SCHMOELLN: &str = "de:16077043";

async fn get(app: &TestApp, path: &str, origin: Option<&str>) -> (StatusCode, HeaderMap, Value) {
    let headers: Vec<(&str, &str)> = origin.map(|o| ("origin", o)).into_iter().collect();
    let res = app.get(path, &headers).await;
    let (status, h) = (res.status(), res.headers().clone());
    (status, h, body_json(res).await)
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

fn varies_by_origin(h: &HeaderMap) -> bool {
    h.get_all("vary")
        .iter()
        .any(|v| v.to_str().unwrap_or("").contains("Origin"))
}

async fn config_gives_appearance_and_language(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let path = format!("/api/v1/embed/config?municipality={AARAU}&lang=fr");
    let (s, h, v) = get(&app, &path, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["name"], "Stadt Aarau");
    assert_eq!(v["lang"], "fr");
    assert_eq!(v["colours"]["accent"], "#a4171d");
    assert_eq!(v["logo_url"], "/demo-logos/ch-4001.svg");
    assert_eq!(v["search_url"], "/fr/suche?gemeinde=ch:4001");
    assert_eq!(v["languages"], serde_json::json!(["de", "fr", "it", "en"]));
    assert!(header(&h, "cache-control").is_some_and(|c| c.contains("max-age")));
    // A language the municipality does not offer (or the portal does not speak): its default.
    let (_, _, v) = get(
        &app,
        "/api/v1/embed/config?municipality=ch:4021&lang=fr",
        None,
    )
    .await;
    assert_eq!(v["lang"], "de", "Baden offers de and en");
    let (_, _, v) = get(
        &app,
        "/api/v1/embed/config?municipality=ch:4001&lang=rm-CH",
        None,
    )
    .await;
    assert_eq!(v["lang"], "de");
    let (_, _, v) = get(
        &app,
        "/api/v1/embed/config?municipality=ch:4001&lang=en-GB",
        None,
    )
    .await;
    assert_eq!(v["lang"], "en");
    // A municipality without tenant settings, and none at all.
    let (s, _, v) = get(&app, "/api/v1/embed/config?municipality=ch:4002", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(v["code"], "unknown_tenant");
    let (s, _, v) = get(&app, "/api/v1/embed/config", None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["code"], "bad_request");
}

async fn search_stays_in_the_municipality(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let cat = app.catalogue();
    for (m, country, q) in [
        (AARAU, Country::Ch, "Hund"),
        (AARAU, Country::Ch, "umzug"),
        (SCHMOELLN, Country::De, "Hund"),
        (SCHMOELLN, Country::De, "umzug"),
    ] {
        let path = format!("/api/v1/embed/search?municipality={m}&q={q}&lang=de&limit=8");
        let (s, _, v) = get(&app, &path, None).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let results = v["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{m} {q}");
        assert!(results.len() <= 8);
        for r in results {
            let id = r["id"].as_str().unwrap();
            assert!(
                cat.directory.responsible(id, country, m).is_some(),
                "{m} {q}: {id} is not offered there"
            );
            assert_eq!(
                r["url"],
                format!("/de/leistung/{id}?gemeinde={m}"),
                "the portal with the municipality chosen"
            );
            let title: Vec<u16> = r["title"].as_str().unwrap().encode_utf16().collect();
            for h in r["highlights"].as_array().unwrap() {
                let (a, b) = (h[0].as_u64().unwrap(), h[1].as_u64().unwrap());
                assert!(a < b && b as usize <= title.len(), "{h} in {}", r["title"]);
            }
        }
        assert_eq!(v["more_url"], format!("/de/suche?q={q}&gemeinde={m}"));
    }
    // The dog tax of Schmölln can be applied for online; no Swiss service shows up there.
    let (_, _, v) = get(
        &app,
        &format!("/api/v1/embed/search?municipality={SCHMOELLN}&q=Hundesteuer&lang=de"),
        None,
    )
    .await;
    assert!(
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["online"] == true),
        "{v}"
    );
    // At most 8, whatever is asked for; the query length is limited as in the portal.
    let (_, _, v) = get(
        &app,
        &format!("/api/v1/embed/search?municipality={SCHMOELLN}&q=antrag&limit=50"),
        None,
    )
    .await;
    assert!(v["results"].as_array().unwrap().len() <= 8);
    let long = "x".repeat(201);
    let (s, _, _) = get(
        &app,
        &format!("/api/v1/embed/search?municipality={AARAU}&q={long}"),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

async fn cors_follows_each_allow_list(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let search = format!("/api/v1/embed/search?municipality={AARAU}&q=Hund");
    // A registered origin: echoed, varying by Origin.
    let (s, h, _) = get(&app, &search, Some(AARAU_SITE)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(header(&h, "access-control-allow-origin"), Some(AARAU_SITE));
    assert!(varies_by_origin(&h));
    // Any other origin: refused, without a CORS header, so the page learns nothing.
    for other in [
        "https://evil.example",
        "https://www.baden.ch",
        "http://www.aarau.ch",
        "null",
    ] {
        let (s, h, v) = get(&app, &search, Some(other)).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{other}");
        assert_eq!(v["code"], "origin_not_allowed");
        assert!(h.get("access-control-allow-origin").is_none(), "{other}");
        assert!(varies_by_origin(&h));
        assert_eq!(header(&h, "cache-control"), Some("no-store"));
    }
    // Aarau's website cannot use Baden's search.
    let (s, _, _) = get(
        &app,
        "/api/v1/embed/config?municipality=ch:4021",
        Some(AARAU_SITE),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Without an Origin (the portal's own pages, the iframe, other clients): no CORS header.
    let (s, h, _) = get(&app, &search, None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h.get("access-control-allow-origin").is_none());
    assert!(varies_by_origin(&h));
    // The portal's own origin, as some browsers send it on same-origin requests.
    let res = app
        .get(
            &search,
            &[("origin", "http://portal.test"), ("host", "portal.test")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // Preflights: answered for a registered origin only.
    let preflight = |origin: &'static str| {
        axum::http::Request::builder()
            .method("OPTIONS")
            .uri(search.clone())
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let res = app.send(preflight(AARAU_SITE)).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(res.headers(), "access-control-allow-origin"),
        Some(AARAU_SITE)
    );
    assert_eq!(
        header(res.headers(), "access-control-allow-methods"),
        Some("GET")
    );
    let res = app.send(preflight("https://evil.example")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get("access-control-allow-origin").is_none());

    // Registering an origin takes effect at once on every instance: a second server over the
    // same database, with nothing shared in memory, admits it.
    let other_instance = server::http::app(AppState {
        core: server::Core {
            db: app.db.clone(),
            catalogue: server::catalogue::LiveCatalogue::load(&app.db)
                .await
                .unwrap(),
            attachments: app.attachments.clone(),
            policy: server::access::Policy::new(app.access.clone()),
            limits: server::limits::Limits::new(
                app.db.clone(),
                server::limits::LimitConfig::default(),
            ),
            accounts: server::accounts::Accounts::new(
                app.db.clone(),
                server::limits::Limits::new(app.db.clone(), Default::default()),
                None,
                Default::default(),
            ),
            payments: Default::default(),
        },
        site: Arc::new(server::http::static_files::Site::none()),
        trusted_proxies: Default::default(),
        hsts: false,
    });
    let new_site = "https://gemeinde.example:8443";
    let call = |router: axum::Router| {
        let path = search.clone();
        async move {
            use tower::ServiceExt;
            let req = axum::http::Request::get(path)
                .header("origin", new_site)
                .body(axum::body::Body::empty())
                .unwrap();
            router.oneshot(req).await.unwrap().status()
        }
    };
    assert_eq!(call(other_instance.clone()).await, StatusCode::FORBIDDEN);
    let stored = server::tenants::allow_origin(&app.db, AARAU, "HTTPS://Gemeinde.example:8443/")
        .await
        .unwrap();
    assert_eq!(stored, new_site, "stored as browsers send it");
    assert_eq!(call(other_instance.clone()).await, StatusCode::OK);
    assert_eq!(call(app.router.clone()).await, StatusCode::OK);
    assert!(
        server::tenants::revoke_origin(&app.db, AARAU, new_site)
            .await
            .unwrap()
    );
    assert_eq!(call(other_instance).await, StatusCode::FORBIDDEN);
    assert!(
        server::tenants::allow_origin(&app.db, "ch:4002", new_site)
            .await
            .is_err(),
        "only municipalities with settings"
    );
}

async fn the_frame_names_its_ancestors(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let res = app
        .get(
            &format!("/embed/v1/frame?municipality={AARAU}&lang=fr"),
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    let csp = header(&h, "content-security-policy").unwrap();
    assert!(
        csp.contains(&format!("frame-ancestors 'self' {AARAU_SITE}")),
        "{csp}"
    );
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(
        h.get("x-frame-options").is_none(),
        "no DENY where the policy names who may frame"
    );
    assert!(header(&h, "content-type").unwrap().starts_with("text/html"));
    let html = String::from_utf8(body_bytes(res).await).unwrap();
    assert!(html.contains(r#"<html lang="fr">"#), "{html}");
    assert!(html.contains("<title>Rechercher une prestation – Stadt Aarau</title>"));
    assert!(html.contains(
        r#"<schalter-search municipality="ch:4001" lang="fr" target="_top"></schalter-search>"#
    ));
    assert!(html.contains(r#"<script src="/embed/v1/schalter-search.js" defer></script>"#));
    // Every other page still refuses to be framed.
    for path in ["/health", "/embed-demo", "/api/v1/search?q=hund"] {
        let res = app.get(path, &[]).await;
        assert_eq!(
            header(res.headers(), "x-frame-options"),
            Some("DENY"),
            "{path}"
        );
    }
    let res = app.get("/embed/v1/frame?municipality=ch:4002", &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(res.headers(), "x-frame-options"), Some("DENY"));
}

async fn the_script_is_small_and_cacheable(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let res = app
        .get(
            "/embed/v1/schalter-search.js",
            &[("accept-encoding", "gzip")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(
        header(&h, "content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        header(&h, "cache-control")
            .unwrap()
            .starts_with("public, max-age=3600")
    );
    assert_eq!(header(&h, "content-encoding"), Some("gzip"));
    assert_eq!(
        header(&h, "cross-origin-resource-policy"),
        Some("cross-origin")
    );
    let gzipped = body_bytes(res).await.len();
    assert!(gzipped < 10_000, "the widget is {gzipped} bytes gzipped");
    let etag = header(&h, "etag").unwrap().to_owned();
    let res = app
        .get("/embed/v1/schalter-search.js", &[("if-none-match", &etag)])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    let res = app.get("/embed/v1/schalter-search.js", &[]).await;
    let js = String::from_utf8(body_bytes(res).await).unwrap();
    assert!(js.contains("customElements.define('schalter-search'"));
    assert!(js.contains("\"Leistung suchen\""), "texts filled in");
    // The demo page shows the snippets and runs them under its own strict policy.
    let res = app.get("/embed-demo", &[("host", "portal.test")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let csp = header(res.headers(), "content-security-policy")
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("style-src 'sha256-") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let html = String::from_utf8(body_bytes(res).await).unwrap();
    assert!(html.contains(
        "&lt;script src=&quot;https://portal.test/embed/v1/schalter-search.js&quot; defer&gt;"
    ));
    assert!(html.contains(r#"<schalter-search municipality="ch:4001" lang="de">"#));
    assert!(html.contains(r#"<iframe src="/embed/v1/frame?municipality=de:16077043&lang=de""#));
}

async fn import_refuses_bad_tenant_settings(which: Which) {
    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tenants.json");
    let import = |json: &'static str| {
        let file = file.clone();
        let db = app.db.clone();
        async move {
            std::fs::write(&file, json).unwrap();
            let mut opts = common::import_options();
            opts.tenants_file = Some(Box::leak(file.into_boxed_path()));
            server::catalogue::import::run(&db, &opts).await
        }
    };
    // Grey text on white: 4.47:1, below the 4.5:1 of WCAG 2.1 AA.
    let err = import(
        r##"{"tenants": [{"municipality": "ch:4001", "name": "Stadt Aarau", "origins": ["https://www.aarau.ch"],
            "colours": {"accent": "#a4171d", "on_accent": "#ffffff", "text": "#777777", "background": "#ffffff"}}]}"##,
    )
    .await
    .unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("ch:4001") && msg.contains("contrast of 4.47:1"),
        "{msg}"
    );
    let err = import(r#"{"tenants": [{"municipality": "ch:9999", "name": "Nowhere"}]}"#)
        .await
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("no such municipality"),
        "{err:#}"
    );
    // Nothing was written: the demo settings still answer.
    let t = server::tenants::get(&app.db, AARAU).await.unwrap().unwrap();
    assert_eq!(t.colours.text, "#1b1f23");
    // A good file replaces every tenant.
    import(
        r##"{"tenants": [{"municipality": "ch:4021", "name": "Stadt Baden", "origins": ["https://www.baden.ch"],
            "colours": {"accent": "#005B82", "on_accent": "#fff", "text": "#1b1f23", "background": "#fff"}}]}"##,
    )
    .await
    .unwrap();
    assert!(
        server::tenants::get(&app.db, AARAU)
            .await
            .unwrap()
            .is_none()
    );
    let baden = server::tenants::get(&app.db, "ch:4021")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(baden.colours.accent, "#005b82");
    assert_eq!(baden.origins, ["https://www.baden.ch"]);
    // A database whose catalogue predates tenant settings gets them on their own, checked
    // against the stored municipalities.
    server::tenants::replace(&app.db, &[]).await.unwrap();
    assert_eq!(server::tenants::count(&app.db).await.unwrap(), 0);
    let list = server::catalogue::import::tenants_only(&app.db, None)
        .await
        .unwrap();
    assert!(list.iter().any(|t| t.municipality == AARAU));
    assert!(
        server::tenants::get(&app.db, AARAU)
            .await
            .unwrap()
            .is_some()
    );
    std::fs::write(
        &file,
        r#"{"tenants": [{"municipality": "ch:9999", "name": "Nowhere"}]}"#,
    )
    .unwrap();
    assert!(
        server::catalogue::import::tenants_only(&app.db, Some(&file))
            .await
            .is_err()
    );
}

backend_tests!(
    config_gives_appearance_and_language,
    search_stays_in_the_municipality,
    cors_follows_each_allow_list,
    the_frame_names_its_ancestors,
    the_script_is_small_and_cacheable,
    import_refuses_bad_tenant_settings,
);
