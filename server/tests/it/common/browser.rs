//! A browser for the API: one session cookie, requests as from the portal's own pages.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;

use super::TestApp;

/// A browser: one session cookie, requests from the portal's own pages.
pub struct Browser<'a> {
    app: &'a TestApp,
    /// The session cookie (`name=value`), once set.
    pub cookie: Option<String>,
}

impl<'a> Browser<'a> {
    /// A browser without cookies.
    pub fn new(app: &'a TestApp) -> Self {
        Browser { app, cookie: None }
    }

    /// A second handle on the same session (for requests at the same moment).
    pub fn clone_session(&self) -> Browser<'a> {
        Browser {
            app: self.app,
            cookie: self.cookie.clone(),
        }
    }

    /// A request with an optional JSON body: status and JSON answer (`Null` when empty).
    pub async fn call(
        &mut self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let (status, _, json) = self.call_raw(method, path, body, &[]).await;
        (status, json)
    }

    /// The same with extra headers, also answering the headers.
    pub async fn call_raw(
        &mut self,
        method: &str,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, axum::http::HeaderMap, Value) {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            // What a browser sends from the portal's own page (unless the test says otherwise).
            ;
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("sec-fetch-site"))
        {
            req = req.header("sec-fetch-site", "same-origin");
        }
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let res = self.app.send(req).await;
        let status = res.status();
        let headers = res.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            let pair = set.split(';').next().unwrap().to_owned();
            if pair.starts_with("schalter_session=") {
                // An expired cookie removes it.
                self.cookie = (!set.contains("Max-Age=0")).then_some(pair);
            }
        }
        let bytes = super::body_bytes(res).await;
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        (status, headers, json)
    }
}

/// A confirmed account for `email` with `password` (made in the store, as `schalter account
/// create` does), signed in on a new browser through the API; its id and the browser.
pub async fn signed_in_citizen<'a>(
    app: &'a TestApp,
    email: &str,
    password: &str,
    given_name: &str,
) -> (String, Browser<'a>) {
    let id = uuid::Uuid::new_v4().to_string();
    let hash = server::accounts::passwords::Hasher::new(1, 1)
        .hash(password.into())
        .await
        .unwrap();
    let profile = serde_json::json!({"given_name": given_name, "family_name": "Muster"});
    server::accounts::store::insert(
        &app.db,
        &id,
        email,
        &hash,
        profile.as_object().unwrap(),
        "de",
    )
    .await
    .unwrap();
    server::accounts::store::set_verified(&app.db, &id)
        .await
        .unwrap();
    let mut b = Browser::new(app);
    let (s, body) = b
        .call(
            "POST",
            "/api/v1/session",
            Some(serde_json::json!({"email": email, "password": password})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    (id, b)
}
