//! The one place that talks HTTP: typed calls to `/api/v1/`, with the answers as the contract
//! types and every failure reduced to what a citizen can be told ([`ApiError`]). Uploads go
//! through `XMLHttpRequest` (not `fetch`), the one browser API that reports upload progress.

use crate::routes::{encode, query_string};
use contract::Lang;
use contract::api::{
    ErrorBody, FormResponse, MunicipalitiesResponse, MunicipalityRef, SearchResponse,
    ServiceDetail, TopicsResponse,
};
use contract::submission::{
    InvalidSubmission, Receipt, SubmissionCreated, SubmissionRequest, UploadResponse,
};
use contract::texts::Texts;
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{File, ProgressEvent, XmlHttpRequest};

/// What can go wrong, as the pages tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiError {
    /// The server could not be reached (offline, connection dropped).
    Network,
    /// The thing asked for does not exist (404).
    NotFound,
    /// The server answered with an error, or with something the app cannot read.
    Server,
}

impl ApiError {
    /// The localised message for a citizen.
    pub fn message(self, t: &Texts) -> &'static str {
        match self {
            ApiError::Network => t.error_network,
            ApiError::NotFound => t.error_not_found,
            ApiError::Server => t.error_server,
        }
    }

    /// Whether trying again can help.
    pub fn retryable(self) -> bool {
        self != ApiError::NotFound
    }
}

async fn get<T: DeserializeOwned>(
    path: &str,
    query: &[(&str, Option<&str>)],
) -> Result<T, ApiError> {
    let url = format!("/api/v1/{path}{}", query_string(query.iter().copied()));
    let res = Request::get(&url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match res.status() {
        200 => res.json::<T>().await.map_err(|_| ApiError::Server),
        404 => Err(ApiError::NotFound),
        _ => Err(ApiError::Server),
    }
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
    let limit = p.limit.max(1).to_string();
    get(
        "search",
        &[
            ("q", Some(p.q.as_str())),
            ("lang", Some(lang.code())),
            ("limit", Some(&limit)),
            ("municipality", p.municipality.as_deref()),
            ("topic", p.topic.as_deref()),
            ("life_situation", p.life_situation.as_deref()),
        ],
    )
    .await
}

/// `GET /api/v1/services/<id>`; `country` picks the catalogue when no municipality is given.
pub async fn service(
    id: &str,
    lang: Lang,
    municipality: Option<&str>,
    country: Option<&str>,
) -> Result<ServiceDetail, ApiError> {
    let path = format!("services/{}", encode(id));
    get(
        &path,
        &[
            ("lang", Some(lang.code())),
            ("municipality", municipality),
            ("country", country),
        ],
    )
    .await
}

/// `GET /api/v1/municipalities?q=`: by name or postcode, best first.
pub async fn municipalities(q: &str, limit: usize) -> Result<MunicipalitiesResponse, ApiError> {
    let limit = limit.to_string();
    get("municipalities", &[("q", Some(q)), ("limit", Some(&limit))]).await
}

/// `GET /api/v1/municipalities/<id>`.
pub async fn municipality(id: &str) -> Result<MunicipalityRef, ApiError> {
    get(&format!("municipalities/{}", encode(id)), &[]).await
}

/// `GET /api/v1/topics`: topics and life situations, for a municipality where one is chosen.
pub async fn topics(lang: Lang, municipality: Option<&str>) -> Result<TopicsResponse, ApiError> {
    get(
        "topics",
        &[("lang", Some(lang.code())), ("municipality", municipality)],
    )
    .await
}

/// Why a form could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormLoadError {
    /// The municipality is not under the form's owner; the server's message, in the page
    /// language, says whose form it is.
    NotOffered(String),
    /// Anything else.
    Api(ApiError),
}

/// `GET /api/v1/forms/<id>?municipality=&lang=`: the form as the municipality serves it.
pub async fn form(
    id: &str,
    municipality: Option<&str>,
    lang: Lang,
) -> Result<FormResponse, FormLoadError> {
    let url = format!(
        "/api/v1/forms/{}{}",
        encode(id),
        query_string([("municipality", municipality), ("lang", Some(lang.code()))])
    );
    let res = Request::get(&url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| FormLoadError::Api(ApiError::Network))?;
    match res.status() {
        200 => res
            .json::<FormResponse>()
            .await
            .map_err(|_| FormLoadError::Api(ApiError::Server)),
        404 => match res.json::<ErrorBody>().await {
            Ok(body) if body.code == "not_offered" => Err(FormLoadError::NotOffered(body.message)),
            _ => Err(FormLoadError::Api(ApiError::NotFound)),
        },
        _ => Err(FormLoadError::Api(ApiError::Server)),
    }
}

/// What the server answered to a submission it could read.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitAnswer {
    /// Received (201), or received before with the same key (200, `replayed`).
    Received(Box<SubmissionCreated>),
    /// Not received: the answers do not pass the form's validation (422).
    Invalid(InvalidSubmission),
}

/// Why a submission was not answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitFailure {
    /// No answer: the connection failed (the server may or may not have received it).
    Network,
    /// Refused with the API's error body (409 `unknown_form_version`, `idempotency_key_reused`,
    /// `no_authority`; 404 `not_offered`, …).
    Refused {
        /// The stable code.
        code: String,
        /// The server's message (localised where the server localises it).
        message: String,
    },
    /// The server failed or answered something unreadable.
    Server,
}

/// `POST /api/v1/submissions`.
pub async fn submit(request: &SubmissionRequest) -> Result<SubmitAnswer, SubmitFailure> {
    let res = Request::post("/api/v1/submissions")
        .header("Accept", "application/json")
        .json(request)
        .map_err(|_| SubmitFailure::Server)?
        .send()
        .await
        .map_err(|_| SubmitFailure::Network)?;
    match res.status() {
        200 | 201 => res
            .json::<SubmissionCreated>()
            .await
            .map(|c| SubmitAnswer::Received(Box::new(c)))
            .map_err(|_| SubmitFailure::Server),
        422 => res
            .json::<InvalidSubmission>()
            .await
            .map(SubmitAnswer::Invalid)
            .map_err(|_| SubmitFailure::Server),
        400..=499 => match res.json::<ErrorBody>().await {
            Ok(body) => Err(SubmitFailure::Refused {
                code: body.code,
                message: body.message,
            }),
            Err(_) => Err(SubmitFailure::Server),
        },
        _ => Err(SubmitFailure::Server),
    }
}

fn submission_request(path: &str, token: &str) -> RequestBuilder {
    Request::get(path).header("Authorization", &format!("Bearer {token}"))
}

/// `GET /api/v1/submissions/<reference>` with the receipt's access token.
pub async fn receipt(reference: &str, token: &str) -> Result<Receipt, ApiError> {
    let path = format!("/api/v1/submissions/{}", encode(reference));
    let res = submission_request(&path, token)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match res.status() {
        200 => res.json::<Receipt>().await.map_err(|_| ApiError::Server),
        401 | 404 => Err(ApiError::NotFound),
        _ => Err(ApiError::Server),
    }
}

/// `GET /api/v1/submissions/<reference>/receipt.pdf` with the receipt's access token: the
/// PDF's bytes.
pub async fn receipt_pdf(reference: &str, token: &str) -> Result<Vec<u8>, ApiError> {
    let path = format!("/api/v1/submissions/{}/receipt.pdf", encode(reference));
    let res = submission_request(&path, token)
        .header("Accept", "application/pdf")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match res.status() {
        200 => res.binary().await.map_err(|_| ApiError::Server),
        401 | 404 => Err(ApiError::NotFound),
        _ => Err(ApiError::Server),
    }
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

/// Why a file was not uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadError {
    /// Refused (too large, a type the field does not take, too many uploads): the server's
    /// message, in the requested language.
    Refused(String),
    /// The connection failed.
    Network,
    /// The server failed or answered something unreadable.
    Server,
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
/// the bytes go out, and the server's record (or why not) at the end — unless the upload was
/// cancelled first ([`cancel_upload`]).
pub fn upload(
    target: &UploadTarget,
    file: &File,
    on_progress: impl Fn(u32) + 'static,
    on_done: impl FnOnce(Result<UploadResponse, UploadError>) + 'static,
) -> Result<UploadId, UploadError> {
    let name = file.name();
    let url = format!(
        "/api/v1/uploads{}",
        query_string([
            ("form", Some(target.form.as_str())),
            ("version", Some(target.version.as_str())),
            ("municipality", Some(target.municipality.as_str())),
            ("field", Some(target.field.as_str())),
            ("name", Some(name.as_str())),
            ("lang", Some(target.lang.code())),
        ])
    );
    let xhr = XmlHttpRequest::new().map_err(|_| UploadError::Server)?;
    xhr.open("POST", &url).map_err(|_| UploadError::Server)?;
    let media_type = file.type_();
    let headers = [
        ("Accept", "application/json"),
        ("schalter-draft", target.key.as_str()),
        (
            "Content-Type",
            if media_type.is_empty() {
                "application/octet-stream"
            } else {
                media_type.as_str()
            },
        ),
    ];
    for (name, value) in headers {
        xhr.set_request_header(name, value)
            .map_err(|_| UploadError::Server)?;
    }
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            on_progress((e.loaded() / e.total() * 100.0).floor().clamp(0.0, 100.0) as u32);
        }
    });
    let sending = xhr.upload().map_err(|_| UploadError::Server)?;
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
            on_done(upload_answer(&finished));
        }
    });
    xhr.set_onloadend(Some(done.unchecked_ref()));
    UPLOADS.with(|u| u.borrow_mut().insert(id, xhr.clone()));
    if xhr.send_with_opt_blob(Some(file)).is_err() {
        UPLOADS.with(|u| u.borrow_mut().remove(&id));
        return Err(UploadError::Network);
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

fn upload_answer(xhr: &XmlHttpRequest) -> Result<UploadResponse, UploadError> {
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        0 => Err(UploadError::Network),
        200 | 201 => serde_json::from_str(&body).map_err(|_| UploadError::Server),
        // Too large, not a type the field takes, too many files: the server says which, in
        // the citizen's language.
        413 | 415 | 429 => match serde_json::from_str::<ErrorBody>(&body) {
            Ok(e) if !e.message.is_empty() => Err(UploadError::Refused(e.message)),
            _ => Err(UploadError::Server),
        },
        _ => Err(UploadError::Server),
    }
}
