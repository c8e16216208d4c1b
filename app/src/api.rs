//! The one place that talks HTTP: typed calls to `/api/v1/`, with the answers as the contract
//! types. Nothing else in the app uses `fetch` or `XMLHttpRequest`.
//!
//! Every request is built by one builder ([`Call`]), so that every request carries the same
//! headers: `Accept`, the portal language (`Accept-Language`), `Content-Type` on JSON bodies,
//! the browser's credentials for this origin only (the cookie of a signed-in session, once
//! there is one) and, on requests that change something, the CSRF token once the server hands
//! one out ([`CSRF_HEADER`]). Every error answer is read into one type, [`ApiError`], from the
//! API's error body `{code, message, details?}`. Uploads go through `XMLHttpRequest`, the one
//! browser API that reports upload progress, with the same headers.

use crate::paths::{encode, query_string};
use contract::Lang;
use contract::account::{
    AcceptInvitation, AccountDeletion, AccountDraft, ClaimApplication, DraftSave, EidProvider,
    EidRedirect, EidStart, EmailChange, Invitation, NewOrganisation, Organisation, PasswordChange,
    Profile, ProfileUpdate, Registration, ResetConfirm, ResetRequest, SessionInfo, SignIn,
    VerifyEmail,
};
use contract::api::{
    AuthoritySettings, AuthoritySettingsUpdate, FormResponse, MunicipalitiesResponse,
    MunicipalityRef, SearchResponse, ServiceDetail, TopicsResponse,
};
use contract::authority::{
    AuthorityContact, LocalForm, LocalService, LocalServices, OfficeContact, OverlayEditor,
    OverlayPublish, ServiceSwitch, TeamMember, TeamMemberAdd, TeamRoleChange,
};
use contract::cases::{
    AssignRequest, AuditEntry, CaseChanged, CaseDetail, CaseNote, Inbox, NoteRequest, StaffMember,
    StaffSession, StaffSetup, StaffSetupFinish, StaffSetupStart, StaffSignIn, StatusRequest,
};
use contract::form::FieldError;
use contract::messages::{Message, MessageFile, NewMessage, Postfach};
use contract::page_data::{
    API_BASE, SearchRequest, form_request, search_request, service_request, topics_request,
};
use contract::submission::{Receipt, SubmissionCreated, SubmissionRequest, UploadResponse};
use contract::texts::Texts;
use gloo_net::http::{Method, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{File, ProgressEvent, RequestCredentials, XmlHttpRequest};

/// Where the API lives.
const BASE: &str = API_BASE;

/// The header that carries the CSRF token on requests that change something.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The API's error body: a stable `code`, a message a person can read, and for some errors
/// `details`. Fields this app does not know are ignored, so that the server can say more
/// without breaking older apps.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ErrorBody {
    /// The stable code (`not_found`, `not_offered`, `file_too_large`, …).
    pub code: String,
    /// Safe to show to a citizen; in the requested language where the server localises it.
    #[serde(default)]
    pub message: String,
    /// More about the error, where the API gives more.
    #[serde(default)]
    pub details: Option<serde_json::Value>,
}

/// Why a call to the API did not give what was asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer: offline, or the connection broke (the server may have received the request).
    Network,
    /// The server answered with an error status.
    Answered {
        /// The HTTP status (404, 413, 500, …).
        status: u16,
        /// The API's error body, where one came that could be read.
        body: Option<ErrorBody>,
    },
    /// The request could not be made, or a success answer could not be read.
    Unreadable,
}

impl ApiError {
    /// The error of an answer with status `status` and the text `body`.
    pub fn from_answer(status: u16, body: &str) -> ApiError {
        ApiError::Answered {
            status,
            body: serde_json::from_str(body).ok(),
        }
    }

    /// The HTTP status of an error answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Answered { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the thing asked for does not exist (404).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// The error body's stable code.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Answered { body: Some(b), .. } => Some(&b.code),
            _ => None,
        }
    }

    /// The server's own message, where it sent one.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            ApiError::Answered { body: Some(b), .. } if !b.message.is_empty() => Some(&b.message),
            _ => None,
        }
    }

    /// The portal's message for a citizen (the server's own is [`ApiError::server_message`]).
    pub fn message(&self, t: &Texts) -> &'static str {
        match self {
            ApiError::Network => t.error_network,
            _ if self.is_not_found() => t.error_not_found,
            _ => t.error_server,
        }
    }

    /// Whether trying again can help: not for what does not exist or was refused as it is.
    pub fn retryable(&self) -> bool {
        match self {
            ApiError::Network | ApiError::Unreadable => true,
            ApiError::Answered { status, .. } => *status >= 500 || matches!(status, 408 | 429),
        }
    }
}

/// What every request carries besides its own parameters.
#[derive(Debug, Clone, Default)]
struct Defaults {
    /// The portal language.
    lang: Lang,
    /// The CSRF token for requests that change something, once the server hands one out.
    csrf: Option<String>,
}

thread_local! {
    static DEFAULTS: RefCell<Defaults> = RefCell::new(Defaults::default());
}

/// Sets the portal language that every request states (the layout calls it whenever the page
/// language changes).
pub fn set_language(lang: Lang) {
    DEFAULTS.with(|d| d.borrow_mut().lang = lang);
}

/// Sets the CSRF token sent with every request that changes something; `None` sends none.
#[expect(
    dead_code,
    reason = "the server checks the browser's Sec-Fetch-Site and Origin headers (tower-http's \
              CSRF layer) and hands out no token; the hook stays for one that would"
)]
pub fn set_csrf_token(token: Option<String>) {
    DEFAULTS.with(|d| d.borrow_mut().csrf = token);
}

/// One request to the API. Every call is built and sent through this, so that every request
/// carries the same headers ([`Call::headers`]) and every error answer is read the same way.
#[derive(Debug, Clone, PartialEq)]
struct Call {
    method: Method,
    /// The path under `/api/v1/` with its query string.
    url: String,
    /// The media type asked for.
    accept: &'static str,
    /// The headers of this request only (`Authorization`, `schalter-draft`, …).
    own: Vec<(&'static str, String)>,
    /// A JSON body.
    json: Option<String>,
    /// Another body (a file), sent as it is.
    raw: Option<wasm_bindgen::JsValue>,
    /// Sent without the headers every other request carries ([`Call::plain`]).
    plain: bool,
}

impl Call {
    fn new(method: Method, path: &str) -> Call {
        Call {
            method,
            url: format!("{BASE}{path}"),
            accept: "application/json",
            own: Vec::new(),
            json: None,
            raw: None,
            plain: false,
        }
    }

    /// `GET /api/v1/<path>`.
    fn get(path: &str) -> Call {
        Call::new(Method::GET, path)
    }

    /// `POST /api/v1/<path>`.
    fn post(path: &str) -> Call {
        Call::new(Method::POST, path)
    }

    /// `PUT /api/v1/<path>`.
    fn put(path: &str) -> Call {
        Call::new(Method::PUT, path)
    }

    /// `DELETE /api/v1/<path>`.
    fn delete(path: &str) -> Call {
        Call::new(Method::DELETE, path)
    }

    /// Adds the parameters that have a value as the query string.
    fn query<'a>(mut self, pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Call {
        self.url.push_str(&query_string(pairs));
        self
    }

    /// A GET that a page's preload may already have fetched (`contract::page_data`): sent
    /// without `Accept` and `Accept-Language`, because the browser hands a preloaded answer
    /// only to a request with the same headers as its own. Its address carries the language,
    /// and the API answers JSON anyway.
    fn plain(mut self) -> Call {
        self.plain = true;
        self
    }

    /// Asks for another media type than JSON.
    fn accept(mut self, media_type: &'static str) -> Call {
        self.accept = media_type;
        self
    }

    /// A header of this request.
    fn header(mut self, name: &'static str, value: String) -> Call {
        self.own.push((name, value));
        self
    }

    /// The access token of a submission (`Authorization: Bearer …`).
    fn bearer(self, token: &str) -> Call {
        self.header("Authorization", format!("Bearer {token}"))
    }

    /// A JSON body.
    fn json(mut self, body: &impl Serialize) -> Result<Call, ApiError> {
        self.json = Some(serde_json::to_string(body).map_err(|_| ApiError::Unreadable)?);
        Ok(self)
    }

    /// Every header the request carries: what every request carries, then its own.
    fn headers(&self, defaults: &Defaults) -> Vec<(&'static str, String)> {
        let mut headers = if self.plain {
            Vec::new()
        } else {
            vec![
                ("Accept", self.accept.to_owned()),
                ("Accept-Language", defaults.lang.code().to_owned()),
            ]
        };
        if self.json.is_some() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        let changes = !matches!(self.method, Method::GET | Method::HEAD);
        if changes && let Some(token) = &defaults.csrf {
            headers.push((CSRF_HEADER, token.clone()));
        }
        headers.extend(self.own.iter().cloned());
        headers
    }

    /// Sends the request; any answer the server gives is `Ok`. The address goes out exactly as
    /// written (gloo's builder would re-assemble the query string and leave a trailing `&`),
    /// so that it is the address a page's preload fetched and the one the offline copy of a
    /// form is kept under.
    async fn send(self) -> Result<Response, ApiError> {
        let headers = DEFAULTS.with(|d| self.headers(&d.borrow()));
        let init = web_sys::RequestInit::new();
        init.set_method(self.method.as_str());
        init.set_credentials(RequestCredentials::SameOrigin);
        let header_map = web_sys::Headers::new().map_err(|_| ApiError::Unreadable)?;
        for (name, value) in &headers {
            header_map
                .append(name, value)
                .map_err(|_| ApiError::Unreadable)?;
        }
        init.set_headers(&header_map);
        match (self.json, self.raw) {
            (Some(body), _) => init.set_body(&body.into()),
            (None, Some(raw)) => init.set_body(&raw),
            (None, None) => {}
        }
        let request = web_sys::Request::new_with_str_and_init(&self.url, &init)
            .map_err(|_| ApiError::Unreadable)?;
        let res = gloo_net::http::Request::from(request)
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        crate::activity::server_contact(res.status());
        Ok(res)
    }

    /// Sends the request and returns the body of a success answer; an error answer is the
    /// error. (Not generic, so that its code exists once; [`read`] makes the body a type.)
    async fn text(self) -> Result<String, ApiError> {
        let res = self.send().await?;
        let body = res.text().await;
        match (res.ok(), body) {
            (true, Ok(body)) => Ok(body),
            (true, Err(_)) => Err(ApiError::Unreadable),
            (false, body) => Err(ApiError::from_answer(
                res.status(),
                &body.unwrap_or_default(),
            )),
        }
    }
}

/// A success answer's body as `T`.
fn read<T: DeserializeOwned>(body: String) -> Result<T, ApiError> {
    serde_json::from_str(&body).map_err(|_| ApiError::Unreadable)
}

/// What to search for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchParams {
    /// The citizen's words (may be empty with a topic or life situation).
    pub q: String,
    /// Restrict to services offered in this municipality.
    pub municipality: Option<String>,
    /// Topic key.
    pub topic: Option<String>,
    /// Life situation key.
    pub life_situation: Option<String>,
    /// At most this many results.
    pub limit: usize,
}

/// `GET /api/v1/search`.
pub async fn search(p: &SearchParams, lang: Lang) -> Result<SearchResponse, ApiError> {
    let request = SearchRequest {
        q: &p.q,
        limit: p.limit,
        municipality: p.municipality.as_deref(),
        topic: p.topic.as_deref(),
        life_situation: p.life_situation.as_deref(),
    };
    read(
        Call::get(&search_request(lang, &request))
            .plain()
            .text()
            .await?,
    )
}

/// `GET /api/v1/services/<id>`; `country` picks the catalogue when no municipality is given.
pub async fn service(
    id: &str,
    lang: Lang,
    municipality: Option<&str>,
    country: Option<&str>,
) -> Result<ServiceDetail, ApiError> {
    let path = service_request(id, lang, municipality, country);
    read(Call::get(&path).plain().text().await?)
}

/// `GET /api/v1/municipalities?q=`: by name or postcode, best first.
pub async fn municipalities(q: &str, limit: usize) -> Result<MunicipalitiesResponse, ApiError> {
    let limit = limit.to_string();
    let call = Call::get("municipalities").query([("q", Some(q)), ("limit", Some(&limit))]);
    read(call.text().await?)
}

/// `GET /api/v1/municipalities/<id>`.
pub async fn municipality(id: &str) -> Result<MunicipalityRef, ApiError> {
    read(
        Call::get(&format!("municipalities/{}", encode(id)))
            .text()
            .await?,
    )
}

/// `GET /api/v1/topics`: topics and life situations, for a municipality where one is chosen.
pub async fn topics(lang: Lang, municipality: Option<&str>) -> Result<TopicsResponse, ApiError> {
    let path = topics_request(lang, municipality);
    read(Call::get(&path).plain().text().await?)
}

/// `GET /api/v1/forms/<id>?municipality=&lang=`: the form as the municipality serves it. A
/// municipality outside the form's owner is refused with 404 `not_offered` and a message in
/// the page language that says whose form it is.
pub async fn form(
    id: &str,
    municipality: Option<&str>,
    lang: Lang,
) -> Result<FormResponse, ApiError> {
    read(form_call(id, municipality, lang).text().await?)
}

fn form_call(id: &str, municipality: Option<&str>, lang: Lang) -> Call {
    Call::get(&form_request(id, municipality, lang)).plain()
}

/// The browser cache the service worker answers form definitions from when there is no
/// network (`app/sw.js` names it too).
pub const OFFLINE_FORMS: &str = "schalter-forms";

/// Keeps `form` in the browser's Cache Storage as the answer to [`form`] with these
/// parameters, so that an application in progress opens without a network. The app writes
/// it itself rather than leaving it to the service worker, so that it is kept from the very
/// first visit, before a worker serves the page. Form definitions are public: nothing
/// personal is kept.
pub fn keep_form_offline(id: &str, municipality: Option<&str>, lang: Lang, form: &FormResponse) {
    // The address exactly as the request goes out, made absolute, which the worker finds the
    // copy by.
    let Ok(url) =
        web_sys::Request::new_with_str(&form_call(id, municipality, lang).url).map(|r| r.url())
    else {
        return;
    };
    let Ok(body) = serde_json::to_string(form) else {
        return;
    };
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return;
    };
    let init = web_sys::ResponseInit::new();
    if let Ok(headers) = web_sys::Headers::new() {
        let _ = headers.set("content-type", "application/json");
        init.set_headers(&headers);
    }
    let Ok(response) = web_sys::Response::new_with_opt_str_and_init(Some(&body), &init) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(cache) = wasm_bindgen_futures::JsFuture::from(caches.open(OFFLINE_FORMS)).await
        else {
            return;
        };
        let cache: web_sys::Cache = cache.unchecked_into();
        let _ = wasm_bindgen_futures::JsFuture::from(cache.put_with_str(&url, &response)).await;
    });
}

/// What the server answered to a submission it could read.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitAnswer {
    /// Received (201), or received before with the same key (200, `replayed`).
    Received(Box<SubmissionCreated>),
    /// Not received: the answers do not pass the form's validation (422 `invalid_answers`,
    /// the errors in `details.errors`).
    Invalid(Vec<FieldError>),
}

/// `POST /api/v1/submissions`. Other refusals (409 `unknown_form_version`,
/// `idempotency_key_reused`, `no_authority`; 404 `not_offered`, …) are errors.
pub async fn submit(request: &SubmissionRequest) -> Result<SubmitAnswer, ApiError> {
    let res = Call::post("submissions").json(request)?.send().await?;
    let status = res.status();
    let body = res.text().await.map_err(|_| ApiError::Network)?;
    submit_answer(status, &body)
}

fn submit_answer(status: u16, body: &str) -> Result<SubmitAnswer, ApiError> {
    match status {
        200 | 201 => serde_json::from_str(body)
            .map(|c| SubmitAnswer::Received(Box::new(c)))
            .map_err(|_| ApiError::Unreadable),
        422 => match serde_json::from_str::<contract::api::ErrorBody>(body) {
            Ok(e) if e.code == "invalid_answers" => Ok(SubmitAnswer::Invalid(
                e.details.map(|d| d.errors).unwrap_or_default(),
            )),
            _ => Err(ApiError::from_answer(status, body)),
        },
        _ => Err(ApiError::from_answer(status, body)),
    }
}

/// `GET /api/v1/submissions/<reference>` with the receipt's access token (a wrong token is
/// answered as an unknown reference).
pub async fn receipt(reference: &str, token: &str) -> Result<Receipt, ApiError> {
    let call = Call::get(&format!("submissions/{}", encode(reference))).bearer(token);
    read(call.text().await?)
}

/// `POST /api/v1/submissions/<reference>/payments` with the receipt's access token: the payment
/// provider's page to send the browser to.
pub async fn start_payment(
    reference: &str,
    token: &str,
    lang: contract::Lang,
) -> Result<contract::payment::PaymentStarted, ApiError> {
    let call = Call::post(&format!("submissions/{}/payments", encode(reference)))
        .bearer(token)
        .json(&contract::payment::PaymentStart { lang })?;
    read(call.text().await?)
}

/// `GET /api/v1/submissions/<reference>/receipt.pdf` with the receipt's access token: the
/// PDF's bytes.
pub async fn receipt_pdf(reference: &str, token: &str) -> Result<Vec<u8>, ApiError> {
    let res = Call::get(&format!("submissions/{}/receipt.pdf", encode(reference)))
        .bearer(token)
        .accept("application/pdf")
        .send()
        .await?;
    if !res.ok() {
        let body = res.text().await.unwrap_or_default();
        return Err(ApiError::from_answer(res.status(), &body));
    }
    res.binary().await.map_err(|_| ApiError::Unreadable)
}

/// Where an uploaded file belongs: the draft's form, version, municipality and idempotency
/// key, and the file field (`dogs.0.assistance_proof`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadTarget {
    /// Form id.
    pub form: String,
    /// The draft's form version.
    pub version: String,
    /// The draft's municipality.
    pub municipality: String,
    /// The field's path, with item numbers.
    pub field: String,
    /// The language of the server's messages.
    pub lang: Lang,
    /// The draft's idempotency key (the `schalter-draft` header).
    pub key: String,
}

impl UploadTarget {
    /// The upload of a file named `name` of type `media_type` (empty where the browser does not
    /// know it) as a request.
    fn call(&self, name: &str, media_type: String) -> Call {
        let media_type = if media_type.is_empty() {
            "application/octet-stream".to_owned()
        } else {
            media_type
        };
        Call::post("uploads")
            .query([
                ("form", Some(self.form.as_str())),
                ("version", Some(self.version.as_str())),
                ("municipality", Some(self.municipality.as_str())),
                ("field", Some(self.field.as_str())),
                ("name", Some(name)),
                ("lang", Some(self.lang.code())),
            ])
            .header("schalter-draft", self.key.clone())
            .header("Content-Type", media_type)
    }
}

/// A running upload (to cancel it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadId(u64);

thread_local! {
    /// The running uploads. An upload removed from here (cancelled) reports nothing more.
    static UPLOADS: RefCell<HashMap<u64, XmlHttpRequest>> = RefCell::new(HashMap::new());
    static NEXT_UPLOAD: Cell<u64> = const { Cell::new(0) };
}

/// `POST /api/v1/uploads`: sends the file's bytes as the body, reports progress (0–100) while
/// the bytes go out, and the server's record (or why not: too large, a type the field does not
/// take, too many files) at the end — unless the upload was cancelled first
/// ([`cancel_upload`]). A same-origin `XMLHttpRequest` sends the browser's credentials, as
/// [`Call`] does.
pub fn upload(
    target: &UploadTarget,
    file: &File,
    on_progress: impl Fn(u32) + 'static,
    on_done: impl FnOnce(Result<UploadResponse, ApiError>) + 'static,
) -> Result<UploadId, ApiError> {
    let call = target.call(&file.name(), file.type_());
    let headers = DEFAULTS.with(|d| call.headers(&d.borrow()));
    let xhr = XmlHttpRequest::new().map_err(|_| ApiError::Unreadable)?;
    xhr.open(call.method.as_str(), &call.url)
        .map_err(|_| ApiError::Unreadable)?;
    for (name, value) in &headers {
        xhr.set_request_header(name, value)
            .map_err(|_| ApiError::Unreadable)?;
    }
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            on_progress((e.loaded() / e.total() * 100.0).floor().clamp(0.0, 100.0) as u32);
        }
    });
    let sending = xhr.upload().map_err(|_| ApiError::Unreadable)?;
    sending.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    let id = NEXT_UPLOAD.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let finished = xhr.clone();
    // `loadend` comes once, after success, failure or abort. Its closure owns the progress
    // closure, so that both are freed then.
    let done = Closure::once_into_js(move |_: web_sys::Event| {
        if let Ok(sending) = finished.upload() {
            sending.set_onprogress(None);
        }
        drop(progress);
        let wanted = UPLOADS.with(|u| u.borrow_mut().remove(&id).is_some());
        if wanted {
            let status = finished.status().unwrap_or(0);
            let body = finished.response_text().ok().flatten().unwrap_or_default();
            on_done(upload_answer(status, &body));
        }
    });
    xhr.set_onloadend(Some(done.unchecked_ref()));
    UPLOADS.with(|u| u.borrow_mut().insert(id, xhr.clone()));
    if xhr.send_with_opt_blob(Some(file)).is_err() {
        UPLOADS.with(|u| u.borrow_mut().remove(&id));
        return Err(ApiError::Network);
    }
    Ok(UploadId(id))
}

/// Stops an upload; its `on_done` is not called.
pub fn cancel_upload(id: UploadId) {
    // Out of the map first: `abort` reports `loadend` at once, which must find it gone.
    let xhr = UPLOADS.with(|u| u.borrow_mut().remove(&id.0));
    if let Some(xhr) = xhr {
        let _ = xhr.abort();
    }
}

/// What an upload's answer says (status 0: no answer came).
fn upload_answer(status: u16, body: &str) -> Result<UploadResponse, ApiError> {
    match status {
        0 => Err(ApiError::Network),
        200..=299 => serde_json::from_str(body).map_err(|_| ApiError::Unreadable),
        _ => Err(ApiError::from_answer(status, body)),
    }
}

// ---- The Bürgerkonto ----

/// The answer of a call that answers with nothing to read (204), or whose body is not needed.
async fn done(call: Call) -> Result<(), ApiError> {
    call.text().await.map(|_| ())
}

/// `GET /api/v1/session`: who is signed in on this browser.
pub async fn session() -> Result<SessionInfo, ApiError> {
    read(Call::get("session").text().await?)
}

/// `POST /api/v1/session`: signs in with e-mail and password.
pub async fn sign_in(request: &SignIn) -> Result<SessionInfo, ApiError> {
    read(Call::post("session").json(request)?.text().await?)
}

/// `DELETE /api/v1/session`.
pub async fn sign_out() -> Result<(), ApiError> {
    done(Call::delete("session")).await
}

/// `POST /api/v1/session/renew`: "stay signed in".
pub async fn renew_session() -> Result<SessionInfo, ApiError> {
    read(Call::post("session/renew").text().await?)
}

/// `POST /api/v1/account`: registers (the answer is the same whether or not the address has an
/// account already; 422 `invalid_answers` with the errors in `details.errors`).
pub async fn register(request: &Registration) -> Result<(), ApiError> {
    done(Call::post("account").json(request)?).await
}

/// `POST /api/v1/account/verify`: the token of a link that confirms an address.
pub async fn verify_email(token: &str) -> Result<(), ApiError> {
    let body = VerifyEmail {
        token: token.to_owned(),
    };
    done(Call::post("account/verify").json(&body)?).await
}

/// `POST /api/v1/account/password-reset`: sends a reset link (if the address has an account).
pub async fn request_reset(request: &ResetRequest) -> Result<(), ApiError> {
    done(Call::post("account/password-reset").json(request)?).await
}

/// `POST /api/v1/account/password-reset/confirm`: the new password with the link's token.
pub async fn confirm_reset(request: &ResetConfirm) -> Result<(), ApiError> {
    done(Call::post("account/password-reset/confirm").json(request)?).await
}

/// `GET /api/v1/account`: the profile.
pub async fn profile() -> Result<Profile, ApiError> {
    read(Call::get("account").text().await?)
}

/// `PUT /api/v1/account`: new profile answers.
pub async fn update_profile(update: &ProfileUpdate) -> Result<Profile, ApiError> {
    read(Call::put("account").json(update)?.text().await?)
}

/// `PUT /api/v1/account/password` (the account's other sessions end).
pub async fn change_password(change: &PasswordChange) -> Result<(), ApiError> {
    done(Call::put("account/password").json(change)?).await
}

/// `PUT /api/v1/account/email`: a link goes to the new address.
pub async fn change_email(change: &EmailChange) -> Result<(), ApiError> {
    done(Call::put("account/email").json(change)?).await
}

/// `GET /api/v1/account/export`: everything the account holds, as the JSON text to save.
pub async fn export_account() -> Result<String, ApiError> {
    Call::get("account/export").text().await
}

/// `DELETE /api/v1/account`.
pub async fn delete_account(request: &AccountDeletion) -> Result<(), ApiError> {
    done(Call::delete("account").json(request)?).await
}

/// `GET /api/v1/auth/providers`: the eID providers (none where none is configured).
pub async fn eid_providers() -> Result<Vec<EidProvider>, ApiError> {
    read(Call::get("auth/providers").text().await?)
}

/// `POST /api/v1/auth/oidc/start`: where to send the browser to sign in with an eID.
pub async fn eid_start(request: &EidStart) -> Result<EidRedirect, ApiError> {
    read(Call::post("auth/oidc/start").json(request)?.text().await?)
}

/// `GET /api/v1/account/drafts`: the drafts of every device.
pub async fn account_drafts() -> Result<Vec<AccountDraft>, ApiError> {
    read(Call::get("account/drafts").text().await?)
}

/// `GET /api/v1/account/drafts/<key>`.
pub async fn account_draft(key: &str) -> Result<AccountDraft, ApiError> {
    read(
        Call::get(&format!("account/drafts/{}", encode(key)))
            .text()
            .await?,
    )
}

/// `PUT /api/v1/account/drafts/<key>`: 409 `draft_conflict` when another device saved since
/// `base_revision`.
pub async fn save_account_draft(key: &str, save: &DraftSave) -> Result<AccountDraft, ApiError> {
    let call = Call::put(&format!("account/drafts/{}", encode(key))).json(save)?;
    read(call.text().await?)
}

/// `DELETE /api/v1/account/drafts/<key>`.
pub async fn delete_account_draft(key: &str) -> Result<(), ApiError> {
    done(Call::delete(&format!("account/drafts/{}", encode(key)))).await
}

/// `GET /api/v1/account/applications`: the account's receipts.
pub async fn account_applications() -> Result<Vec<Receipt>, ApiError> {
    read(Call::get("account/applications").text().await?)
}

/// `POST /api/v1/account/applications`: takes an application of this device into the account.
pub async fn claim_application(claim: &ClaimApplication) -> Result<Receipt, ApiError> {
    read(
        Call::post("account/applications")
            .json(claim)?
            .text()
            .await?,
    )
}

/// `GET /api/v1/account/messages`: the Postfach.
pub async fn postfach() -> Result<Postfach, ApiError> {
    read(Call::get("account/messages").text().await?)
}

/// `GET /api/v1/submissions/<reference>/messages` (marks the authority's as read): with the
/// session, or with the receipt's access token where one is given.
pub async fn messages_with(reference: &str, token: Option<&str>) -> Result<Vec<Message>, ApiError> {
    let call = Call::get(&format!("submissions/{}/messages", encode(reference)));
    read(with_token(call, token).text().await?)
}

/// [`messages_with`] the session.
pub async fn messages(reference: &str) -> Result<Vec<Message>, ApiError> {
    messages_with(reference, None).await
}

fn with_token(call: Call, token: Option<&str>) -> Call {
    match token {
        Some(t) => call.bearer(t),
        None => call,
    }
}

/// `POST /api/v1/submissions/<reference>/message-files`: one file for the next message.
pub async fn upload_message_file_with(
    reference: &str,
    file: &File,
    token: Option<&str>,
) -> Result<MessageFile, ApiError> {
    let media_type = match file.type_() {
        t if t.is_empty() => "application/octet-stream".to_owned(),
        t => t,
    };
    let mut call = Call::post(&format!("submissions/{}/message-files", encode(reference)))
        .query([("name", Some(file.name().as_str()))])
        .header("Content-Type", media_type);
    call.raw = Some(file.clone().into());
    read(with_token(call, token).text().await?)
}

/// [`upload_message_file_with`] the session.
pub async fn upload_message_file(reference: &str, file: &File) -> Result<MessageFile, ApiError> {
    upload_message_file_with(reference, file, None).await
}

/// `POST /api/v1/submissions/<reference>/messages`.
pub async fn send_message_with(
    reference: &str,
    message: &NewMessage,
    token: Option<&str>,
) -> Result<Message, ApiError> {
    let call = Call::post(&format!("submissions/{}/messages", encode(reference))).json(message)?;
    read(with_token(call, token).text().await?)
}

/// A message file with the receipt's access token (for holders without an account): the
/// bytes, to be saved by the page.
pub async fn message_file_with_token(
    reference: &str,
    id: &str,
    token: &str,
) -> Result<Vec<u8>, ApiError> {
    let call = Call::get(&format!(
        "submissions/{}/message-files/{}",
        encode(reference),
        encode(id)
    ))
    .accept("*/*")
    .bearer(token);
    let res = call.send().await?;
    if !res.ok() {
        let body = res.text().await.unwrap_or_default();
        return Err(ApiError::from_answer(res.status(), &body));
    }
    res.binary().await.map_err(|_| ApiError::Unreadable)
}

// ---- Clerk mode ----

/// `GET /api/v1/staff/session`.
pub async fn staff_session() -> Result<StaffSession, ApiError> {
    read(Call::get("staff/session").text().await?)
}

/// `POST /api/v1/staff/session`: password and the authenticator app's code.
pub async fn staff_sign_in(request: &StaffSignIn) -> Result<StaffMember, ApiError> {
    read(Call::post("staff/session").json(request)?.text().await?)
}

/// `POST /api/v1/staff/setup/start`: what the invitation's holder sets up.
pub async fn staff_setup_start(request: &StaffSetupStart) -> Result<StaffSetup, ApiError> {
    read(
        Call::post("staff/setup/start")
            .json(request)?
            .text()
            .await?,
    )
}

/// `POST /api/v1/staff/setup`: password and authenticator app; signs in.
pub async fn staff_setup(request: &StaffSetupFinish) -> Result<StaffMember, ApiError> {
    read(Call::post("staff/setup").json(request)?.text().await?)
}

/// `GET /api/v1/staff/providers`.
pub async fn staff_providers() -> Result<Vec<contract::cases::StaffProvider>, ApiError> {
    read(Call::get("staff/providers").text().await?)
}

/// `POST /api/v1/staff/oidc/start`: the organisation's sign-in page to go to.
pub async fn staff_oidc_start(
    request: &contract::cases::StaffOidcStart,
) -> Result<EidRedirect, ApiError> {
    read(Call::post("staff/oidc/start").json(request)?.text().await?)
}

/// `DELETE /api/v1/staff/session`.
pub async fn staff_sign_out() -> Result<(), ApiError> {
    done(Call::delete("staff/session")).await
}

/// `GET /api/v1/staff/cases?…`: `query` is the query string as the inbox page has it.
pub async fn inbox(query: &str) -> Result<Inbox, ApiError> {
    read(Call::get(&format!("staff/cases{query}")).text().await?)
}

/// `GET /api/v1/staff/cases/<reference>`.
pub async fn case(reference: &str) -> Result<CaseDetail, ApiError> {
    read(
        Call::get(&format!("staff/cases/{}", encode(reference)))
            .text()
            .await?,
    )
}

/// `POST /api/v1/staff/cases/<reference>/payment/<paid|refund>`: the fee as it stands after.
pub async fn case_payment(
    reference: &str,
    action: &str,
) -> Result<contract::payment::PaymentInfo, ApiError> {
    read(
        Call::post(&format!(
            "staff/cases/{}/payment/{action}",
            encode(reference)
        ))
        .text()
        .await?,
    )
}

/// `POST /api/v1/staff/cases/<reference>/status`.
pub async fn set_case_status(
    reference: &str,
    request: &StatusRequest,
) -> Result<CaseChanged, ApiError> {
    let call = Call::post(&format!("staff/cases/{}/status", encode(reference))).json(request)?;
    read(call.text().await?)
}

/// `POST /api/v1/staff/cases/<reference>/assignee`.
pub async fn assign_case(
    reference: &str,
    request: &AssignRequest,
) -> Result<CaseChanged, ApiError> {
    let call = Call::post(&format!("staff/cases/{}/assignee", encode(reference))).json(request)?;
    read(call.text().await?)
}

/// `POST /api/v1/staff/cases/<reference>/notes`.
pub async fn add_case_note(reference: &str, request: &NoteRequest) -> Result<CaseNote, ApiError> {
    let call = Call::post(&format!("staff/cases/{}/notes", encode(reference))).json(request)?;
    read(call.text().await?)
}

/// `GET /api/v1/staff/cases/<reference>/audit`.
pub async fn case_audit(reference: &str) -> Result<Vec<AuditEntry>, ApiError> {
    read(
        Call::get(&format!("staff/cases/{}/audit", encode(reference)))
            .text()
            .await?,
    )
}

/// `GET /api/v1/authorities/<id>/settings` (its administrators).
pub async fn authority_settings(id: &str) -> Result<AuthoritySettings, ApiError> {
    read(
        Call::get(&format!("authorities/{}/settings", encode(id)))
            .text()
            .await?,
    )
}

/// `PUT /api/v1/authorities/<id>/settings`.
pub async fn update_authority_settings(
    id: &str,
    change: &AuthoritySettingsUpdate,
) -> Result<AuthoritySettings, ApiError> {
    let call = Call::put(&format!("authorities/{}/settings", encode(id))).json(change)?;
    read(call.text().await?)
}

/// `GET /api/v1/authorities/<id>/staff`.
pub async fn team(id: &str) -> Result<Vec<TeamMember>, ApiError> {
    read(
        Call::get(&format!("authorities/{}/staff", encode(id)))
            .text()
            .await?,
    )
}

/// `POST /api/v1/authorities/<id>/staff?lang=` (an invitation e-mail in `lang`).
pub async fn add_team_member(
    id: &str,
    add: &TeamMemberAdd,
    lang: Lang,
) -> Result<TeamMember, ApiError> {
    let call = Call::post(&format!(
        "authorities/{}/staff?lang={}",
        encode(id),
        lang.code()
    ))
    .json(add)?;
    read(call.text().await?)
}

/// `POST /api/v1/authorities/<id>/staff/<staff>/invitation?lang=`.
pub async fn invite_team_member(id: &str, staff: &str, lang: Lang) -> Result<TeamMember, ApiError> {
    read(
        Call::post(&format!(
            "authorities/{}/staff/{}/invitation?lang={}",
            encode(id),
            encode(staff),
            lang.code()
        ))
        .text()
        .await?,
    )
}

/// `PUT /api/v1/authorities/<id>/staff/<staff>`.
pub async fn change_team_role(
    id: &str,
    staff: &str,
    change: &TeamRoleChange,
) -> Result<TeamMember, ApiError> {
    let call = Call::put(&format!(
        "authorities/{}/staff/{}",
        encode(id),
        encode(staff)
    ))
    .json(change)?;
    read(call.text().await?)
}

/// `DELETE /api/v1/authorities/<id>/staff/<staff>`.
pub async fn remove_team_member(id: &str, staff: &str) -> Result<(), ApiError> {
    done(Call::delete(&format!(
        "authorities/{}/staff/{}",
        encode(id),
        encode(staff)
    )))
    .await
}

/// `GET /api/v1/authorities/<id>/services?lang=`.
pub async fn local_services(id: &str, lang: Lang) -> Result<LocalServices, ApiError> {
    read(
        Call::get(&format!(
            "authorities/{}/services?lang={}",
            encode(id),
            lang.code()
        ))
        .text()
        .await?,
    )
}

/// `PUT /api/v1/authorities/<id>/services/<service>?lang=`.
pub async fn switch_service(
    id: &str,
    service: &str,
    offered: bool,
    lang: Lang,
) -> Result<LocalService, ApiError> {
    let call = Call::put(&format!(
        "authorities/{}/services/{}?lang={}",
        encode(id),
        encode(service),
        lang.code()
    ))
    .json(&ServiceSwitch { offered })?;
    read(call.text().await?)
}

/// `GET /api/v1/authorities/<id>/creditor`: the account fees are paid to, if one is kept.
pub async fn authority_creditor(
    id: &str,
) -> Result<Option<contract::payment::CreditorAccount>, ApiError> {
    read(
        Call::get(&format!("authorities/{}/creditor", encode(id)))
            .text()
            .await?,
    )
}

/// `PUT /api/v1/authorities/<id>/creditor`.
pub async fn update_authority_creditor(
    id: &str,
    account: &contract::payment::CreditorAccount,
) -> Result<contract::payment::CreditorAccount, ApiError> {
    let call = Call::put(&format!("authorities/{}/creditor", encode(id))).json(account)?;
    read(call.text().await?)
}

/// `GET /api/v1/authorities/<id>/contact?lang=`.
pub async fn authority_contact(id: &str, lang: Lang) -> Result<AuthorityContact, ApiError> {
    read(
        Call::get(&format!(
            "authorities/{}/contact?lang={}",
            encode(id),
            lang.code()
        ))
        .text()
        .await?,
    )
}

/// `PUT /api/v1/authorities/<id>/contact?lang=`.
pub async fn update_authority_contact(
    id: &str,
    contact: &OfficeContact,
    lang: Lang,
) -> Result<AuthorityContact, ApiError> {
    let call = Call::put(&format!(
        "authorities/{}/contact?lang={}",
        encode(id),
        lang.code()
    ))
    .json(contact)?;
    read(call.text().await?)
}

/// `GET /api/v1/authorities/<id>/forms?lang=`.
pub async fn local_forms(id: &str, lang: Lang) -> Result<Vec<LocalForm>, ApiError> {
    read(
        Call::get(&format!(
            "authorities/{}/forms?lang={}",
            encode(id),
            lang.code()
        ))
        .text()
        .await?,
    )
}

/// `GET /api/v1/authorities/<id>/forms/<form>/overlay`.
pub async fn overlay_editor(id: &str, form: &str) -> Result<OverlayEditor, ApiError> {
    read(
        Call::get(&format!(
            "authorities/{}/forms/{}/overlay",
            encode(id),
            encode(form)
        ))
        .text()
        .await?,
    )
}

/// `POST /api/v1/authorities/<id>/forms/<form>/overlay/preview`.
pub async fn preview_overlay(
    id: &str,
    form: &str,
    overlay: &contract::form::Overlay,
) -> Result<OverlayEditor, ApiError> {
    let call = Call::post(&format!(
        "authorities/{}/forms/{}/overlay/preview",
        encode(id),
        encode(form)
    ))
    .json(overlay)?;
    read(call.text().await?)
}

/// `PUT /api/v1/authorities/<id>/forms/<form>/overlay`.
pub async fn publish_overlay(
    id: &str,
    form: &str,
    publish: &OverlayPublish,
) -> Result<OverlayEditor, ApiError> {
    let call = Call::put(&format!(
        "authorities/{}/forms/{}/overlay",
        encode(id),
        encode(form)
    ))
    .json(publish)?;
    read(call.text().await?)
}

/// The address of the receipt PDF of a submission (staff open it with their session).
pub fn receipt_pdf_url(reference: &str) -> String {
    format!("{BASE}submissions/{}/receipt.pdf", encode(reference))
}

/// The address of an attachment of a submission (staff open it with their session).
pub fn attachment_url(reference: &str, id: &str) -> String {
    format!(
        "{BASE}submissions/{}/attachments/{}",
        encode(reference),
        encode(id)
    )
}

/// `POST /api/v1/organisations`: the asker becomes its admin.
pub async fn create_organisation(new: &NewOrganisation) -> Result<Organisation, ApiError> {
    read(Call::post("organisations").json(new)?.text().await?)
}

/// `GET /api/v1/organisations`: the asker's organisations.
pub async fn organisations() -> Result<Vec<Organisation>, ApiError> {
    read(Call::get("organisations").text().await?)
}

/// `GET /api/v1/organisations/<id>`: with its members.
pub async fn organisation(id: &str) -> Result<Organisation, ApiError> {
    read(
        Call::get(&format!("organisations/{}", encode(id)))
            .text()
            .await?,
    )
}

/// `POST /api/v1/organisations/<id>/invitations` (admins only).
pub async fn invite(id: &str, invitation: &Invitation) -> Result<(), ApiError> {
    done(Call::post(&format!("organisations/{}/invitations", encode(id))).json(invitation)?).await
}

/// `POST /api/v1/organisations/invitations/accept`: the token of an invitation's link.
pub async fn accept_invitation(token: &str) -> Result<Organisation, ApiError> {
    let body = AcceptInvitation {
        token: token.to_owned(),
    };
    read(
        Call::post("organisations/invitations/accept")
            .json(&body)?
            .text()
            .await?,
    )
}

/// `DELETE /api/v1/organisations/<id>/members/<member>` (admins only).
pub async fn remove_member(id: &str, member: &str) -> Result<(), ApiError> {
    done(Call::delete(&format!(
        "organisations/{}/members/{}",
        encode(id),
        encode(member)
    )))
    .await
}

/// `GET /api/v1/organisations/<id>/applications`.
pub async fn organisation_applications(id: &str) -> Result<Vec<Receipt>, ApiError> {
    read(
        Call::get(&format!("organisations/{}/applications", encode(id)))
            .text()
            .await?,
    )
}

/// The address of a message's file (a same-origin link: the session cookie opens it).
pub fn message_file_url(reference: &str, id: &str) -> String {
    format!(
        "{BASE}submissions/{}/message-files/{}",
        encode(reference),
        encode(id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header<'a>(headers: &'a [(&'static str, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn every_request_states_what_it_accepts_and_the_portal_language() {
        let fr = Defaults {
            lang: Lang::Fr,
            csrf: Some("t0k3n".into()),
        };
        let call = Call::get("search").query([("q", Some("hund")), ("topic", None)]);
        assert_eq!(call.url, "/api/v1/search?q=hund");
        let h = call.headers(&fr);
        assert_eq!(header(&h, "accept"), Some("application/json"));
        assert_eq!(header(&h, "accept-language"), Some("fr"));
        assert_eq!(header(&h, "content-type"), None, "no body, no type");
        assert_eq!(header(&h, CSRF_HEADER), None, "a GET changes nothing");

        let post = Call::post("submissions").json(&["x"]).unwrap();
        let h = post.headers(&fr);
        assert_eq!(header(&h, "content-type"), Some("application/json"));
        assert_eq!(header(&h, CSRF_HEADER), Some("t0k3n"));
        assert_eq!(
            header(&post.headers(&Defaults::default()), CSRF_HEADER),
            None,
            "no token yet, no header"
        );

        let pdf = Call::get("submissions/K7Q-M4T-XP9/receipt.pdf")
            .bearer("abc")
            .accept("application/pdf");
        let h = pdf.headers(&Defaults::default());
        assert_eq!(header(&h, "accept"), Some("application/pdf"));
        assert_eq!(header(&h, "accept-language"), Some("de"));
        assert_eq!(header(&h, "authorization"), Some("Bearer abc"));
    }

    #[test]
    fn uploads_carry_the_draft_key_and_the_file_type() {
        let target = UploadTarget {
            form: "hundesteuer-th".into(),
            version: "2.1".into(),
            municipality: "de:16077043".into(),
            field: "dogs.0.assistance_proof".into(),
            lang: Lang::It,
            key: "k-1".into(),
        };
        let call = target.call("Nachweis 1.pdf", String::new());
        assert_eq!(
            call.url,
            "/api/v1/uploads?form=hundesteuer-th&version=2.1&municipality=de:16077043\
             &field=dogs.0.assistance_proof&name=Nachweis%201.pdf&lang=it"
        );
        let h = call.headers(&Defaults::default());
        assert_eq!(header(&h, "schalter-draft"), Some("k-1"));
        assert_eq!(header(&h, "content-type"), Some("application/octet-stream"));
        let h = target
            .call("a.png", "image/png".into())
            .headers(&Defaults::default());
        assert_eq!(header(&h, "content-type"), Some("image/png"));
    }

    #[test]
    fn error_answers_are_read_from_the_error_body() {
        let e = ApiError::from_answer(
            404,
            r#"{"code":"not_offered","message":"Dieses Formular gilt für Thüringen.",
                "details":{"owner":"de:16"},"unknown":1}"#,
        );
        assert!(e.is_not_found());
        assert_eq!(e.code(), Some("not_offered"));
        assert_eq!(
            e.server_message(),
            Some("Dieses Formular gilt für Thüringen.")
        );
        let ApiError::Answered {
            body: Some(body), ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!(body.details, Some(serde_json::json!({"owner": "de:16"})));
        assert!(!e.retryable());

        // Not the API's error body (a proxy's page): the status still counts.
        let e = ApiError::from_answer(502, "<html>Bad Gateway</html>");
        assert_eq!(
            (e.status(), e.code(), e.server_message()),
            (Some(502), None, None)
        );
        assert!(e.retryable());
        let t = Texts::for_lang(Lang::De);
        assert_eq!(e.message(t), t.error_server);
        assert_eq!(ApiError::Network.message(t), t.error_network);
        assert!(ApiError::from_answer(429, "").retryable());
        assert!(!ApiError::from_answer(400, r#"{"code":"bad_request"}"#).retryable());
    }

    #[test]
    fn submissions_and_uploads_read_their_answers() {
        let invalid = r#"{"code":"invalid_answers","message":"Bitte korrigieren Sie …",
            "details":{"errors":[{"path":"dogs.0.name","code":"required"}]}}"#;
        match submit_answer(422, invalid) {
            Ok(SubmitAnswer::Invalid(errors)) => assert_eq!(errors[0].path, "dogs.0.name"),
            other => panic!("{other:?}"),
        }
        // A 422 that is not a validation answer is an error like any other.
        let e = submit_answer(422, r#"{"code":"bad_request","message":"x"}"#).unwrap_err();
        assert_eq!(e.code(), Some("bad_request"));
        let e =
            submit_answer(409, r#"{"code":"idempotency_key_reused","message":"…"}"#).unwrap_err();
        assert_eq!(
            (e.status(), e.code()),
            (Some(409), Some("idempotency_key_reused"))
        );
        assert_eq!(submit_answer(201, "{").unwrap_err(), ApiError::Unreadable);

        assert_eq!(upload_answer(0, ""), Err(ApiError::Network));
        let e = upload_answer(
            415,
            r#"{"code":"file_type","message":"Dieser Dateityp ist nicht möglich."}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.server_message(),
            Some("Dieser Dateityp ist nicht möglich.")
        );
        let up = upload_answer(
            201,
            r#"{"id":"u1","name":"a.pdf","size":3,"type":"application/pdf","sha256":"sha256:00"}"#,
        )
        .unwrap();
        assert_eq!(up.id, "u1");
    }
}
