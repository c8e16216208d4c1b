//! The foundation: health and readiness, the JSON 404 of the API, the app's static files with
//! SPA fallback, cache and security headers, compression, migrations — on both databases.

use crate::common;

use axum::http::{StatusCode, header};
use common::{TestApp, Which, body_bytes, body_json};
use std::path::Path;

const INLINE: &str =
    "import init from '/app-0123456789abcdef.js';init('/app-0123456789abcdef_bg.wasm');";

/// A dist folder shaped like Trunk's output.
fn fake_dist(dir: &Path) {
    std::fs::write(
        dir.join("index.html"),
        format!("<!DOCTYPE html><html><head><script type=\"module\">{INLINE}</script></head><body></body></html>"),
    )
    .unwrap();
    std::fs::write(
        dir.join("app-0123456789abcdef.js"),
        "export default function init() {}\n".repeat(20),
    )
    .unwrap();
    std::fs::write(dir.join("app-0123456789abcdef.js.br"), b"brotli-bytes").unwrap();
    std::fs::write(dir.join("robots.txt"), "User-agent: *\n").unwrap();
}

async fn health_and_ready(which: Which) {
    // Nothing imported: alive, but not ready, and the body says what to do.
    let Some(empty) = TestApp::new(which, None).await else {
        return;
    };
    assert_eq!(empty.get("/health", &[]).await.status(), StatusCode::OK);
    let res = empty.get("/ready", &[]).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = body_json(res).await;
    assert_eq!(body["status"], "no_catalogue");
    assert_eq!(body["services"], 0);
    assert!(
        body["detail"].as_str().unwrap().contains("schalter import"),
        "{body}"
    );

    // An import while the server runs is picked up without a restart.
    server::catalogue::import::run(&empty.db, &common::import_options())
        .await
        .expect("import");
    assert!(empty.catalogue.refresh(&empty.db).await.unwrap());
    let res = empty.get("/ready", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    drop(empty);

    let Some(app) = TestApp::with_catalogue(which).await else {
        return;
    };
    let res = app.get("/health", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body_json(res).await["status"], "ok");

    let res = app.get("/ready", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = body_json(res).await;
    assert_eq!(body["status"], "ok");
    assert!(body["services"].as_u64().unwrap() > 1000, "{body}");
    assert!(body.get("detail").is_none(), "{body}");
    let expected = match which {
        Which::Sqlite => "sqlite",
        Which::Postgres => "postgres",
    };
    assert_eq!(body["database"], expected);

    // A closed pool is a database that is gone: not ready, but still alive.
    app.db.close().await;
    let res = app.get("/ready", &[]).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body_json(res).await["status"], "unavailable");
    assert_eq!(app.get("/health", &[]).await.status(), StatusCode::OK);
}

async fn unknown_api_paths_are_json_404(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    for path in [
        "/api/nope",
        "/api/v1/nope",
        "/api",
        "/api/v1/services/x/y/z",
    ] {
        let res = app.get(path, &[]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(
            res.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{path}"
        );
        let body = body_json(res).await;
        assert_eq!(body["code"], "not_found", "{path}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let res = app
        .send(
            axum::http::Request::post("/api/nope")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(body_json(res).await["code"], "not_found");
}

async fn client_routes_serve_the_app(which: Which) {
    let dist = tempfile::tempdir().unwrap();
    fake_dist(dist.path());
    let Some(app) = TestApp::new(which, Some(dist.path())).await else {
        return;
    };
    for path in [
        "/",
        "/de/suche",
        "/fr/leistung/99102013000000?gemeinde=ch:4001",
        "/xx/does-not-exist",
    ] {
        let res = app.get(path, &[]).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let h = res.headers().clone();
        assert_eq!(h[header::CACHE_CONTROL], "no-cache", "{path}");
        assert!(
            h[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        let csp = h[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        let hashes =
            server::http::static_files::inline_script_hashes(&format!("<script>{INLINE}</script>"));
        assert!(
            csp.contains(&hashes[0]),
            "the bootstrap script's hash is allowed: {csp}"
        );
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            h[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin"
        );
        let body = String::from_utf8(body_bytes(res).await).unwrap();
        assert!(body.contains(INLINE));
    }
}

/// The bootstrap script of a bundle's shell in the fake build.
fn bootstrap(bundle: &str) -> String {
    format!(
        "import init from '/{bundle}-0123456789abcdef.js';init('/{bundle}-0123456789abcdef_bg.wasm');"
    )
}

/// Each address kind gets the shell of the bundle that has its page, with a policy that lets
/// exactly that shell's bootstrap script run; unknown addresses get the full app.
async fn each_address_gets_its_bundles_shell(which: Which) {
    use contract::bundles::{Bundle, bundle_for_path};
    let dist = tempfile::tempdir().unwrap();
    fake_dist(dist.path());
    for (bundle, name) in [(Bundle::Discovery, "discovery"), (Bundle::Forms, "forms")] {
        std::fs::write(
            dist.path().join(bundle.shell()),
            format!(
                "<!DOCTYPE html><html><head><script type=\"module\">{}</script></head><body></body></html>",
                bootstrap(name)
            ),
        )
        .unwrap();
    }
    let Some(app) = TestApp::new(which, Some(dist.path())).await else {
        return;
    };
    let cases = [
        ("/", "discovery"),
        ("/de/", "discovery"),
        ("/fr/suche?q=hund", "discovery"),
        ("/it/leistung/99102013000000?gemeinde=ch:4001", "discovery"),
        ("/de/antrag/hundeanmeldung", "forms"),
        ("/de/antrag/hundeanmeldung/halter?entwurf=x", "forms"),
        ("/en/antrag/hundeanmeldung/pruefen", "forms"),
        ("/de/antraege", "forms"),
        ("/de/eingang/SCH-2026-ABCD-EFGH", "forms"),
        ("/de/konto", "app"),
        ("/de/konto/anmelden", "app"),
        ("/de/amt", "app"),
        ("/de/amt/fall/SCH-2026-ABCD-EFGH", "app"),
        ("/xx/does-not-exist", "app"),
        ("/de/gibt-es-nicht", "app"),
        ("/discovery.html", "discovery"),
        ("/forms.html", "forms"),
        ("/index.html", "app"),
    ];
    for (path, name) in cases {
        let res = app.get(path, &[]).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let h = res.headers().clone();
        assert_eq!(h[header::CACHE_CONTROL], "no-cache", "{path}");
        let csp = h[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        let body = String::from_utf8(body_bytes(res).await).unwrap();
        let script = if name == "app" {
            INLINE.to_owned()
        } else {
            bootstrap(name)
        };
        assert!(body.contains(&script), "{path}: {body}");
        // The policy allows the shell's own inline scripts, and only those.
        let own = server::http::static_files::inline_script_hashes(&body);
        assert_eq!(own.len(), 1, "{path}");
        assert!(csp.contains(&own[0]), "{path}: {csp}");
        for other in ["discovery", "forms"].into_iter().filter(|o| *o != name) {
            let theirs = server::http::static_files::inline_script_hashes(&format!(
                "<script>{}</script>",
                bootstrap(other)
            ));
            assert!(!csp.contains(&theirs[0]), "{path}: {csp}");
        }
        // The same rule the app follows.
        let route = path.split('?').next().unwrap();
        if !route.ends_with(".html") {
            let expected = match bundle_for_path(route) {
                Bundle::Discovery => "discovery",
                Bundle::Forms => "forms",
                Bundle::Full => "app",
            };
            assert_eq!(expected, name, "{path}");
        }
    }
}

/// The home page comes with its first screen drawn, in the address's language, before the
/// app arrives (`contract::first_screen`); other pages are the bare shell.
async fn the_home_page_comes_with_its_first_screen(which: Which) {
    let dist = tempfile::tempdir().unwrap();
    fake_dist(dist.path());
    let shell = format!(
        "<!DOCTYPE html><html lang=\"de\"><head><title>Schalter</title><script type=\"module\">{}</script></head><body>\n<noscript>JS</noscript></body></html>",
        bootstrap("discovery")
    );
    std::fs::write(dist.path().join("discovery.html"), &shell).unwrap();
    let Some(app) = TestApp::new(which, Some(dist.path())).await else {
        return;
    };
    for (path, lang) in [
        ("/de/", contract::Lang::De),
        ("/fr", contract::Lang::Fr),
        ("/EN/", contract::Lang::En),
    ] {
        let heading = contract::texts::Texts::for_lang(lang).home_heading;
        let lang = lang.code();
        let res = app.get(path, &[]).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        let body = String::from_utf8(body_bytes(res).await).unwrap();
        assert!(
            body.contains(&format!("<html lang=\"{lang}\">")),
            "{path}: {body}"
        );
        assert!(
            body.contains(&format!("<h1>{heading}</h1>")),
            "{path}: {body}"
        );
        assert!(
            body.contains(&format!("<form role=\"search\" class=\"search-form\" action=\"/{lang}/suche\" method=\"get\">")),
            "{path}: {body}"
        );
        // Written at the start of the body, before the shell's own content, and the shell's
        // bootstrap still the one inline script the policy allows.
        let first = body.find("<div id=\"first-screen\">").expect(path);
        assert!(first > body.find("<body>").unwrap() && first < body.find("<noscript>").unwrap());
        let own = server::http::static_files::inline_script_hashes(&body);
        assert_eq!(own.len(), 1, "{path}");
        assert!(csp.contains(&own[0]), "{path}: {csp}");
        // The service worker tells the page from the shell it was made of (app/sw.js, shellOf):
        // without the first screen, its language and title, it is that shell byte for byte.
        let end =
            body.find(contract::first_screen::END).unwrap() + contract::first_screen::END.len();
        let bare = format!("{}{}", &body[..first], &body[end..]).replacen(
            &format!("<html lang=\"{lang}\">"),
            "<html lang=\"de\">",
            1,
        );
        let title = bare.find("<title>").unwrap();
        let title_end = bare.find("</title>").unwrap();
        let bare = format!("{}<title>Schalter{}", &bare[..title], &bare[title_end..]);
        assert_eq!(bare, shell, "{path}");
    }
    // A municipality in the address goes with a search from the first screen.
    let res = app.get("/it/?gemeinde=ch%3A4001", &[]).await;
    let body = String::from_utf8(body_bytes(res).await).unwrap();
    assert!(
        body.contains("<input type=\"hidden\" name=\"gemeinde\" value=\"ch:4001\">"),
        "{body}"
    );
    for path in ["/de/suche?q=hund", "/de/leistung/99102013000000", "/xx/"] {
        let body = String::from_utf8(body_bytes(app.get(path, &[]).await).await).unwrap();
        assert!(!body.contains("first-screen"), "{path}: {body}");
    }
}

async fn assets_are_cached_and_compressed(which: Which) {
    let dist = tempfile::tempdir().unwrap();
    fake_dist(dist.path());
    let Some(app) = TestApp::new(which, Some(dist.path())).await else {
        return;
    };

    let res = app
        .get(
            "/app-0123456789abcdef.js",
            &[("accept-encoding", "br, gzip")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(
        body_bytes(res).await,
        b"brotli-bytes",
        "the precompressed file is served"
    );

    // No precompressed gzip file: compressed on the fly.
    let res = app
        .get("/app-0123456789abcdef.js", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");

    let res = app.get("/app-0123456789abcdef.js", &[]).await;
    assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
    assert!(body_bytes(res).await.starts_with(b"export default"));

    let res = app.get("/robots.txt", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "public, max-age=3600");

    let res = app.get("/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(
        res.headers()[header::CONTENT_ENCODING],
        "gzip",
        "index.html is compressed too"
    );

    // A missing file is a 404, not the app.
    let res = app.get("/missing-0123456789abcdef.js", &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(
        !String::from_utf8(body_bytes(res).await)
            .unwrap()
            .contains("<html")
    );
}

async fn migrations_are_idempotent(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    app.db
        .migrate()
        .await
        .expect("a second run changes nothing");
    let again = server::db::Db::connect(&app.url).await.unwrap();
    again
        .migrate()
        .await
        .expect("a new process migrating an up-to-date database");
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(again.pool())
        .await
        .unwrap();
    assert!(applied >= 1);
}

async fn without_a_build_the_api_still_runs(which: Which) {
    let Some(app) = TestApp::new(which, None).await else {
        return;
    };
    let res = app.get("/de/suche", &[]).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(app.get("/health", &[]).await.status(), StatusCode::OK);
}

backend_tests!(
    health_and_ready,
    unknown_api_paths_are_json_404,
    client_routes_serve_the_app,
    each_address_gets_its_bundles_shell,
    the_home_page_comes_with_its_first_screen,
    assets_are_cached_and_compressed,
    migrations_are_idempotent,
    without_a_build_the_api_still_runs,
);
