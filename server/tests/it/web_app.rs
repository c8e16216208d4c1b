//! The portal as an installable web app: the service worker (`/sw.js`) is served as JavaScript
//! that the browser asks for again on every visit, so that a new build's worker is found; the
//! web app manifests of `public/` are served as manifests, one per portal language, with the
//! portal's texts and colours.

use crate::common;

use axum::http::{StatusCode, header};
use common::{TestApp, Which, body_bytes};
use contract::Lang;
use contract::texts::Texts;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A build folder with the real manifests and icon, a service worker and an app shell.
fn dist(dir: &Path) {
    std::fs::write(
        dir.join("index.html"),
        "<!DOCTYPE html><html><head></head><body></body></html>",
    )
    .unwrap();
    std::fs::write(dir.join("sw.js"), "'use strict';\nconst VERSION = 'x';\n").unwrap();
    for entry in std::fs::read_dir(repo().join("public")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// The brand colour of the style sheet (`--c-brand`), which the manifests' theme colour is.
fn brand_colour() -> String {
    let css = std::fs::read_to_string(repo().join("style/main.css")).unwrap();
    let line = css
        .lines()
        .find_map(|l| l.trim().strip_prefix("--c-brand:"))
        .expect("--c-brand in main.css");
    line.trim().trim_end_matches(';').to_owned()
}

async fn service_worker_is_javascript_asked_for_again(which: Which) {
    let dir = tempfile::tempdir().unwrap();
    dist(dir.path());
    let Some(app) = TestApp::new(which, Some(dir.path())).await else {
        return;
    };
    let res = app.get("/sw.js", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(h[header::CACHE_CONTROL], "no-cache");
    let ty = h[header::CONTENT_TYPE].to_str().unwrap();
    assert!(ty.starts_with("text/javascript"), "{ty}");
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    // Same origin, at the root: no Service-Worker-Allowed needed, and none given.
    assert!(h.get("service-worker-allowed").is_none());
    // The browser revalidates it: unchanged, it answers 304.
    let validator = h
        .get(header::ETAG)
        .map(|v| (header::IF_NONE_MATCH, v.clone()))
        .or_else(|| {
            h.get(header::LAST_MODIFIED)
                .map(|v| (header::IF_MODIFIED_SINCE, v.clone()))
        })
        .expect("a validator");
    let again = app
        .get(
            "/sw.js",
            &[(validator.0.as_str(), validator.1.to_str().unwrap())],
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

async fn a_manifest_per_language(which: Which) {
    let dir = tempfile::tempdir().unwrap();
    dist(dir.path());
    let Some(app) = TestApp::new(which, Some(dir.path())).await else {
        return;
    };
    let brand = brand_colour();
    for lang in Lang::ALL {
        let code = lang.code();
        let path = format!("/manifest.{code}.webmanifest");
        let res = app.get(&path, &[]).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache", "{path}");
        assert_eq!(
            res.headers()[header::CONTENT_TYPE],
            "application/manifest+json",
            "{path}"
        );
        let m: serde_json::Value = serde_json::from_slice(&body_bytes(res).await).unwrap();
        assert_eq!(m["lang"], code, "{path}");
        // One app whatever the language it was installed in.
        assert_eq!(m["id"], "/", "{path}");
        assert_eq!(m["start_url"], format!("/{code}/"), "{path}");
        assert_eq!(m["scope"], "/", "{path}");
        assert_eq!(m["display"], "standalone", "{path}");
        let t = Texts::for_lang(lang);
        assert_eq!(m["name"], t.portal_name, "{path}");
        assert_eq!(m["short_name"], t.portal_name, "{path}");
        assert_eq!(m["description"], t.portal_tagline, "{path}");
        assert_eq!(m["theme_color"], brand.as_str(), "{path}");
        assert_eq!(m["background_color"], "#ffffff", "{path}");
        let icons = m["icons"].as_array().unwrap();
        assert!(!icons.is_empty(), "{path}");
        for icon in icons {
            let src = icon["src"].as_str().unwrap();
            let res = app.get(src, &[]).await;
            assert_eq!(res.status(), StatusCode::OK, "{src}");
            assert_eq!(
                res.headers()[header::CONTENT_TYPE],
                icon["type"].as_str().unwrap(),
                "{src}"
            );
        }
    }
}

backend_tests!(
    service_worker_is_javascript_asked_for_again,
    a_manifest_per_language,
);
