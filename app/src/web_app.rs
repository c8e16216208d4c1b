//! The portal as an installable web app that also works without a network: the service worker
//! (`/sw.js`, written by `scripts/service-worker.sh` from `app/sw.js`) and the web app manifest
//! of the page's language (`/manifest.<lang>.webmanifest`, in `public/`).

use contract::Lang;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The service worker's address; at the root, so that it serves every page.
const SERVICE_WORKER: &str = "/sw.js";

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Registers the service worker, once per page, after the page has loaded (the worker then
/// fetches the rest of the app in the background), and greets the worker that serves this
/// page (it then forgets the builds that pages now gone had used).
pub fn start() {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // Only where the browser has service workers (not in insecure contexts, some private modes).
    let has = web_sys::js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !has {
        return;
    }
    let workers = navigator.service_worker();
    if let Some(worker) = workers.controller() {
        let hello = web_sys::js_sys::Object::new();
        let _ = web_sys::js_sys::Reflect::set(&hello, &"type".into(), &"hello".into());
        let _ = worker.post_message(&hello);
    }
    // After the page has loaded, so that the worker's downloads never compete with it.
    let loaded = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    if loaded {
        register(&workers);
    } else {
        let on_load = Closure::once(move || register(&workers));
        let _ = window.add_event_listener_with_callback("load", on_load.as_ref().unchecked_ref());
        on_load.forget();
    }
}

fn register(workers: &web_sys::ServiceWorkerContainer) {
    // A refused registration (a build without /sw.js, storage switched off) changes nothing
    // for the page: it works as before, only not offline.
    let ignore = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
    let _ = workers.register(SERVICE_WORKER).catch(&ignore);
    ignore.forget();
}

/// Names the web app manifest of the page language in the document's head (the browser reads
/// it again when it changes): the installed app's name, description and start page are in the
/// language the citizen uses.
pub fn manifest(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let href = manifest_path(lang);
    let link = match document.query_selector("link[rel=manifest]") {
        Ok(Some(link)) => link,
        _ => {
            let Some(head) = document.head() else { return };
            let Ok(link) = document.create_element("link") else {
                return;
            };
            let _ = link.set_attribute("rel", "manifest");
            if head.append_child(&link).is_err() {
                return;
            }
            link
        }
    };
    if link.get_attribute("href").as_deref() != Some(href.as_str()) {
        let _ = link.set_attribute("href", &href);
    }
}

/// The address of the manifest in `lang`.
pub fn manifest_path(lang: Lang) -> String {
    format!("/manifest.{}.webmanifest", lang.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_manifest_per_language() {
        assert_eq!(manifest_path(Lang::Fr), "/manifest.fr.webmanifest");
        for lang in Lang::ALL {
            let file = format!(
                "{}/../public{}",
                env!("CARGO_MANIFEST_DIR"),
                manifest_path(lang)
            );
            assert!(std::path::Path::new(&file).is_file(), "{file}");
        }
    }
}
