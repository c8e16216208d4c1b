//! `POST /api/v1/submissions`, `GET /api/v1/submissions/<ref>` (+ `/receipt.pdf`,
//! `/attachments/<id>`), `POST /api/v1/uploads`.
//!
//! The citizen's access to a submission is a bearer token (`Authorization: Bearer …`) handed
//! out with the receipt: an HMAC of the reference under a key all instances share. Without it
//! nothing about a submission is served; a wrong token looks exactly like an unknown reference.

use axum::Json;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use catalog::model::Country;
use catalog::places::Place;
use contract::Lang;
use contract::form::{Answers, Context, ErrorCode, FieldError, FieldKind, FormDefinition};
use contract::submission::{
    AttachmentInfo, InvalidSubmission, Receipt, Status, StatusChange, SubmissionCreated,
    SubmissionData, SubmissionRequest, UploadResponse, reference,
};
use futures_util::StreamExt;
use rand::Rng;
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::store::{self, Inserted, NewSubmission, Stored, Upload};
use super::{now_rfc3339, sha256_tag};
use crate::AppState;
use crate::catalogue::Catalogue;
use crate::catalogue::routes::{authority, find_municipality, municipality_ref};
use crate::error::AppError;
use crate::forms::routes::load_form;

/// Most uploads one draft may make (re-choosing files included).
pub const MAX_UPLOADS_PER_DRAFT: i64 = 100;
/// How much of a file is read before its type is judged (`infer` looks at far less).
const SNIFF_BYTES: usize = 8 * 1024;

/// The submission routes, mounted under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/submissions", post(submit))
        .route("/submissions/{reference}", get(receipt))
        .route("/submissions/{reference}/receipt.pdf", get(receipt_pdf))
        .route("/submissions/{reference}/attachments/{id}", get(attachment))
        // The size limit of an upload is the form field's own (checked while reading).
        .route("/uploads", post(upload).layer(DefaultBodyLimit::disable()))
}

/// An idempotency key: 16 to 100 characters of `[A-Za-z0-9_-]` (browsers send a UUID).
fn check_key(key: &str) -> Result<(), AppError> {
    let ok = (16..=100).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(AppError::BadRequest(
            "idempotency key: 16 to 100 characters of A-Z, a-z, 0-9, - and _ (a random UUID)"
                .into(),
        ))
    }
}

fn request_hash(req: &SubmissionRequest) -> String {
    let canonical = serde_json::json!({
        "form": req.form,
        "version": req.version,
        "municipality": req.municipality,
        "answers": req.answers,
    });
    sha256_tag(canonical.to_string().as_bytes())
}

fn created(state: &AppState, stored: Stored, replayed: bool) -> Response {
    let status = if replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let body = SubmissionCreated {
        access_token: state.access.token(&stored.reference),
        receipt: stored.receipt,
        replayed,
    };
    (status, Json(body)).into_response()
}

fn replay(state: &AppState, stored: Stored, hash: &str, lang: Lang) -> Result<Response, AppError> {
    if stored.request_hash != hash {
        return Err(AppError::Refused {
            status: StatusCode::CONFLICT,
            code: "idempotency_key_reused",
            message: localised(
                lang,
                "Dieser Antrag wurde bereits mit anderen Angaben eingereicht. Beginnen Sie \
                 einen neuen Antrag, um einen weiteren einzureichen.",
                "Cette demande a déjà été envoyée avec d’autres indications. Commencez une \
                 nouvelle demande pour en envoyer une autre.",
                "Questa domanda è già stata inviata con altri dati. Inizi una nuova domanda \
                 per inviarne un’altra.",
                "This application was already submitted with other answers. Start a new \
                 application to submit another one.",
            ),
        });
    }
    Ok(created(state, stored, true))
}

fn localised(lang: Lang, de: &str, fr: &str, it: &str, en: &str) -> String {
    match lang {
        Lang::De => de,
        Lang::Fr => fr,
        Lang::It => it,
        Lang::En => en,
    }
    .to_owned()
}

async fn submit(State(state): State<AppState>, body: Bytes) -> Result<Response, AppError> {
    // Parsed by hand so that a malformed body gets the API's JSON error, not plain text.
    let req: SubmissionRequest = serde_json::from_slice(&body)
        .map_err(|e| AppError::BadRequest(format!("the submission is not valid JSON: {e}")))?;
    check_key(&req.idempotency_key)?;
    let hash = request_hash(&req);
    if let Some(existing) = store::by_key(&state.db, &req.idempotency_key).await? {
        return replay(&state, existing, &hash, req.lang);
    }
    let lang = req.lang;
    if crate::forms::store::parse_version(&req.version).is_none() {
        return Err(AppError::BadRequest(format!(
            "version {:?}: expected the draft's <template>.<overlay>, e.g. 2.1",
            req.version
        )));
    }
    let cat = state.catalogue.get();
    let m = find_municipality(&cat, Some(&req.municipality))?
        .ok_or_else(|| AppError::BadRequest("municipality is required".into()))?;
    let form = load_form(&state, &cat, &req.form, Some(m), Some(&req.version), lang).await?;

    // Files: the server's records replace what the browser says about them.
    let mut answers = req.answers.clone();
    let (mut upload_errors, uploads) =
        resolve_uploads(&state, &form, &req.idempotency_key, &mut answers).await?;
    let clean = form.clean_answers(&answers);
    upload_errors.retain(|e| value_at(&clean, &e.path).is_some());
    let today = crate::forms::today();
    let mut errors = form.validate(&answers, &Context { today });
    errors.extend(upload_errors);
    if !errors.is_empty() {
        let body = InvalidSubmission {
            code: "invalid_answers".into(),
            message: localised(
                lang,
                "Der Antrag wurde nicht eingereicht: Bitte korrigieren Sie die markierten Angaben.",
                "La demande n’a pas été envoyée : veuillez corriger les indications signalées.",
                "La domanda non è stata inoltrata: corregga le indicazioni segnalate.",
                "The application was not submitted: please correct the marked answers.",
            ),
            errors: errors.into_iter().map(|e| e.localise(lang)).collect(),
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response());
    }
    let attachments = attachments_in(&form, &clean, &uploads);

    let responsible = responsible_authority(&cat, &form, m, lang)?;
    let email = contact_email(&form, &clean);
    let fees = form.fees(&clean);
    let municipality = municipality_ref(&cat, m);
    let summary = form.summary(&clean, lang);
    let form_title = form.title.get(lang).to_owned();

    for _ in 0..8 {
        let reference = reference::from_random(rand::rng().random());
        let received_at = now_rfc3339();
        let data = SubmissionData {
            reference: reference.clone(),
            received_at: received_at.clone(),
            lang,
            form: form.id.clone(),
            version: form.version_tag(),
            form_title: form_title.clone(),
            services: form.services.clone(),
            municipality: municipality.clone(),
            authority: responsible.clone(),
            answers: clean.clone(),
            fees: fees.clone(),
            attachments: attachments.clone(),
        };
        let data = serde_json::to_string(&data).map_err(anyhow::Error::from)?;
        let data_hash = sha256_tag(data.as_bytes());
        let receipt = Receipt {
            reference: reference.clone(),
            received_at: received_at.clone(),
            lang,
            form: form.id.clone(),
            form_title: form_title.clone(),
            version: form.version_tag(),
            municipality: municipality.clone(),
            authority: responsible.clone(),
            fees: fees.clone(),
            summary: summary.clone(),
            attachments: attachments.clone(),
            data_hash: data_hash.clone(),
            email: email.clone(),
            status: Status::Received,
            history: vec![StatusChange {
                status: Status::Received,
                at: received_at,
                actor: "citizen".into(),
                note: None,
            }],
        };
        let mut upload_ids: Vec<String> = attachments.iter().map(|a| a.id.clone()).collect();
        upload_ids.sort();
        upload_ids.dedup();
        let new = NewSubmission {
            reference: reference.clone(),
            idempotency_key: req.idempotency_key.clone(),
            request_hash: hash.clone(),
            form_id: form.id.clone(),
            form_version: form.version_tag(),
            municipality: m.id.clone(),
            authority_id: responsible.id.clone(),
            lang,
            data,
            data_hash,
            receipt,
            email: email.clone(),
            upload_ids,
        };
        match store::insert(&state.db, &new).await? {
            Inserted::New(_) => {
                let stored = store::by_reference(&state.db, &reference)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("submission {reference} vanished"))?;
                tracing::info!(
                    reference = %reference,
                    form = %form.id,
                    municipality = %m.id,
                    authority = %responsible.id,
                    "submission received"
                );
                return Ok(created(&state, stored, false));
            }
            Inserted::KeyTaken => {
                // A concurrent request with the same key committed first: answer with its
                // submission, as a retry would get.
                let existing = store::by_key(&state.db, &req.idempotency_key)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("idempotency key taken but not found"))?;
                return replay(&state, existing, &hash, req.lang);
            }
            Inserted::ReferenceTaken => continue,
        }
    }
    Err(anyhow::anyhow!("no free reference number after 8 draws").into())
}

/// The authority responsible for the form's service in the municipality.
fn responsible_authority(
    cat: &Catalogue,
    form: &FormDefinition,
    m: &Place,
    lang: Lang,
) -> Result<contract::api::Authority, AppError> {
    let country = match form.country.as_str() {
        "ch" => Country::Ch,
        _ => Country::De,
    };
    form.services
        .iter()
        .find_map(|s| cat.directory.responsible(s, country, &m.id))
        .map(|r| authority(&r, lang))
        .ok_or_else(|| AppError::Refused {
            status: StatusCode::CONFLICT,
            code: "no_authority",
            message: localised(
                lang,
                "Für diese Gemeinde ist keine zuständige Stelle hinterlegt; bitte wenden Sie sich direkt an die Gemeinde.",
                "Aucun service compétent n’est enregistré pour cette commune ; veuillez vous adresser directement à la commune.",
                "Per questo comune non è registrato alcun servizio competente; si rivolga direttamente al comune.",
                "No responsible office is registered for this municipality; please contact the municipality directly.",
            ),
        })
}

/// The first e-mail address the citizen gave in a top-level e-mail field.
fn contact_email(form: &FormDefinition, clean: &Answers) -> Option<String> {
    form.fields()
        .filter(|(_, f)| matches!(f.kind, FieldKind::Email))
        .find_map(|(_, f)| clean.get(&f.id)?.as_str())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// The value at a dotted path with item numbers (`dogs.0.certificate.1`).
fn value_at<'a>(answers: &'a Answers, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut v = answers.get(parts.next()?)?;
    for p in parts {
        v = match p.parse::<usize>() {
            Ok(i) => v.as_array()?.get(i)?,
            Err(_) => v.as_object()?.get(p)?,
        };
    }
    Some(v)
}

/// Every file entry in the answers: (answer path incl. numbers, field path without them).
fn file_slots(form: &FormDefinition, answers: &Answers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let files = |v: Option<&Value>, path: &str, field: &str, out: &mut Vec<(String, String)>| {
        if let Some(list) = v.and_then(Value::as_array) {
            for i in 0..list.len() {
                out.push((format!("{path}.{i}"), field.to_owned()));
            }
        }
    };
    for (_, f) in form.fields() {
        match &f.kind {
            FieldKind::File { .. } => files(answers.get(&f.id), &f.id, &f.id, &mut out),
            FieldKind::Group { fields, .. } => {
                let Some(items) = answers.get(&f.id).and_then(Value::as_array) else {
                    continue;
                };
                for (n, item) in items.iter().enumerate() {
                    for c in fields
                        .iter()
                        .filter(|c| matches!(c.kind, FieldKind::File { .. }))
                    {
                        files(
                            item.get(&c.id),
                            &format!("{}.{n}.{}", f.id, c.id),
                            &format!("{}.{}", f.id, c.id),
                            &mut out,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn value_at_mut<'a>(answers: &'a mut Answers, path: &str) -> Option<&'a mut Value> {
    let mut parts = path.split('.');
    let mut v = answers.get_mut(parts.next()?)?;
    for p in parts {
        v = match p.parse::<usize>() {
            Ok(i) => v.as_array_mut()?.get_mut(i)?,
            Err(_) => v.as_object_mut()?.get_mut(p)?,
        };
    }
    Some(v)
}

/// Replaces each file entry's name, size and type by the server's record of that upload.
/// Entries naming no upload of this draft and field become `upload_missing` errors.
async fn resolve_uploads(
    state: &AppState,
    form: &FormDefinition,
    key: &str,
    answers: &mut Answers,
) -> Result<(Vec<FieldError>, Vec<(String, Upload)>), AppError> {
    let mut errors = Vec::new();
    let mut found = Vec::new();
    for (path, field) in file_slots(form, answers) {
        let Some(entry) = value_at_mut(answers, &path) else {
            continue;
        };
        let id = entry.get("id").and_then(Value::as_str).unwrap_or_default();
        let upload = if id.is_empty() {
            None
        } else {
            store::upload(&state.db, id).await?
        };
        match upload {
            Some(u) if u.draft_key == key && u.form_id == form.id && u.field == field => {
                *entry = serde_json::json!({
                    "id": u.id, "name": u.name, "size": u.size, "type": u.media_type,
                });
                found.push((path, u));
            }
            _ => errors.push(FieldError::new(path, ErrorCode::UploadMissing)),
        }
    }
    Ok((errors, found))
}

/// The attachments that remain in the cleaned answers.
fn attachments_in(
    form: &FormDefinition,
    clean: &Answers,
    uploads: &[(String, Upload)],
) -> Vec<AttachmentInfo> {
    let kept: Vec<(String, String)> = file_slots(form, clean);
    let mut out = Vec::new();
    for (path, _) in kept {
        let Some(id) = value_at(clean, &path)
            .and_then(|v| v.get("id"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        if let Some((_, u)) = uploads.iter().find(|(_, u)| u.id == id) {
            let field = path.rsplit_once('.').map_or(path.as_str(), |(f, _)| f);
            out.push(AttachmentInfo {
                id: u.id.clone(),
                field: field.to_owned(),
                name: u.name.clone(),
                size: u.size,
                media_type: u.media_type.clone(),
                sha256: u.sha256.clone(),
            });
        }
    }
    out
}

/// The submission a request may see: the reference must parse, exist, and the bearer token
/// must be its token. Anything else is 404 (or 401 without any token).
async fn authorised(
    state: &AppState,
    headers: &HeaderMap,
    reference: &str,
) -> Result<Stored, AppError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(AppError::Refused {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorised",
            message: "This needs the access token of the receipt.".into(),
        })?;
    let reference = reference::parse(reference).ok_or(AppError::NotFound)?;
    if !state.access.verify(&reference, token) {
        return Err(AppError::NotFound);
    }
    store::by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)
}

fn private(mut res: Response) -> Response {
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}

async fn receipt(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let stored = authorised(&state, &headers, &reference).await?;
    Ok(private(Json(stored.receipt).into_response()))
}

/// `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987).
fn disposition(kind: &str, name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    HeaderValue::from_str(&format!(
        "{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

async fn receipt_pdf(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let stored = authorised(&state, &headers, &reference).await?;
    let receipt = stored.receipt;
    let name = crate::receipt::file_name(&receipt);
    let pdf = tokio::task::spawn_blocking(move || crate::receipt::pdf::render(&receipt))
        .await
        .map_err(anyhow::Error::from)??;
    let mut res = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/pdf"),
        )],
        pdf,
    )
        .into_response();
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        disposition("attachment", &name),
    );
    Ok(private(res))
}

async fn attachment(
    State(state): State<AppState>,
    Path((reference, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let stored = authorised(&state, &headers, &reference).await?;
    let upload = store::upload(&state.db, &id)
        .await?
        .filter(|u| u.submission_id == Some(stored.id))
        .ok_or(AppError::NotFound)?;
    let (length, content) = state.attachments.stream(&upload.object_key).await?;
    let mut res = Body::from_stream(content).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&upload.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        disposition("attachment", &upload.name),
    );
    Ok(private(res))
}

/// Query of `POST /api/v1/uploads`.
#[derive(Debug, Deserialize)]
pub struct UploadParams {
    form: String,
    version: String,
    municipality: String,
    /// The field, with or without item numbers (`dogs.0.certificate`, `dogs.certificate`).
    field: String,
    /// The file's name as chosen.
    name: String,
    lang: Option<Lang>,
}

/// The header that names the draft an upload belongs to (its idempotency key).
pub const DRAFT_HEADER: &str = "schalter-draft";

fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() {
        "datei".into()
    } else {
        cleaned
    }
}

async fn upload(
    State(state): State<AppState>,
    Query(p): Query<UploadParams>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let lang = p.lang.unwrap_or_default();
    let key = headers
        .get(DRAFT_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| AppError::BadRequest(format!("the {DRAFT_HEADER} header is required")))?
        .to_owned();
    check_key(&key)?;
    let cat = state.catalogue.get();
    let m = find_municipality(&cat, Some(&p.municipality))?
        .ok_or_else(|| AppError::BadRequest("municipality is required".into()))?;
    let form = load_form(&state, &cat, &p.form, Some(m), Some(&p.version), lang).await?;
    let field_path: String = p
        .field
        .split('.')
        .filter(|s| s.parse::<usize>().is_err())
        .collect::<Vec<_>>()
        .join(".");
    let Some(FieldKind::File {
        accept, max_bytes, ..
    }) = form.field_at(&field_path).map(|f| &f.kind)
    else {
        return Err(AppError::BadRequest(format!(
            "{} is not a file field of form {}",
            p.field, form.id
        )));
    };
    let refuse = |status, code, error: FieldError| AppError::Refused {
        status,
        code,
        message: error.localise(lang).message.unwrap_or_default(),
    };
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "file_too_large",
            FieldError::new(p.field.clone(), ErrorCode::FileTooLarge).limit(max_bytes),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > *max_bytes) {
        return Err(too_large());
    }
    if store::uploads_of_draft(&state.db, &key).await? >= MAX_UPLOADS_PER_DRAFT {
        return Err(AppError::Refused {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "too_many_uploads",
            message: localised(
                lang,
                "Für diesen Antrag wurden zu viele Dateien hochgeladen.",
                "Trop de fichiers ont été envoyés pour cette demande.",
                "Per questa domanda sono stati caricati troppi file.",
                "Too many files were uploaded for this application.",
            ),
        });
    }
    // The file is streamed into the store: only its first bytes (for the type) and one store
    // part are held in memory, whatever its size.
    let mut chunks = body.into_data_stream();
    let interrupted = || AppError::BadRequest("the upload was interrupted".into());
    let mut head: Vec<u8> = Vec::new();
    while head.len() < SNIFF_BYTES {
        match chunks.next().await {
            Some(chunk) => head.extend_from_slice(&chunk.map_err(|_| interrupted())?),
            None => break,
        }
        if head.len() as u64 > *max_bytes {
            return Err(too_large());
        }
    }
    if head.is_empty() {
        return Err(AppError::Refused {
            status: StatusCode::BAD_REQUEST,
            code: "file_empty",
            message: localised(
                lang,
                "Die Datei ist leer. Bitte wählen Sie eine andere Datei.",
                "Le fichier est vide. Veuillez choisir un autre fichier.",
                "Il file è vuoto. Scelga un altro file.",
                "The file is empty. Please choose another file.",
            ),
        });
    }
    let detected = crate::attachments::sniff(&head);
    let Some(media_type) = detected.filter(|t| accept.iter().any(|a| a.eq_ignore_ascii_case(t)))
    else {
        return Err(refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type",
            FieldError::new(p.field.clone(), ErrorCode::FileType),
        ));
    };
    let id = uuid::Uuid::new_v4().simple().to_string();
    let object_key = format!("uploads/{id}");
    let mut writer = state.attachments.writer(&object_key).await?;
    let mut hasher = Sha256::new();
    hasher.update(&head);
    let mut size = head.len() as u64;
    writer.write(&head);
    drop(head);
    let copied: Result<(), AppError> = loop {
        let chunk = match chunks.next().await {
            None => break Ok(()),
            Some(Err(_)) => break Err(interrupted()),
            Some(Ok(chunk)) => chunk,
        };
        size += chunk.len() as u64;
        if size > *max_bytes {
            break Err(too_large());
        }
        hasher.update(&chunk);
        if let Err(e) = writer.wait_for_capacity(2).await {
            break Err(anyhow::Error::from(e).into());
        }
        writer.put(chunk);
    };
    if let Err(e) = copied {
        // Nothing of a refused or broken upload stays in the store.
        if let Err(abort) = writer.abort().await {
            tracing::warn!(error = %abort, key = object_key, "aborting a refused upload");
        }
        return Err(e);
    }
    writer
        .finish()
        .await
        .map_err(|e| anyhow::Error::from(e).context(format!("storing attachment {object_key}")))?;
    let sha256 = super::hex_tag(hasher.finalize().as_slice());
    let record = Upload {
        id: id.clone(),
        draft_key: key,
        form_id: form.id.clone(),
        field: field_path,
        name: clean_name(&p.name),
        size,
        media_type: media_type.to_owned(),
        sha256: sha256.clone(),
        object_key,
        submission_id: None,
    };
    store::insert_upload(&state.db, &record).await?;
    Ok((
        StatusCode::CREATED,
        Json(UploadResponse {
            id,
            name: record.name,
            size,
            media_type: record.media_type,
            sha256,
        }),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked() {
        assert!(check_key("9b2f0a7e-3c1d-4e5f-8a9b-0c1d2e3f4a5b").is_ok());
        assert!(check_key("short").is_err());
        assert!(check_key("has spaces in it, which is wrong").is_err());
        assert!(check_key(&"a".repeat(101)).is_err());
    }

    #[test]
    fn file_names_lose_paths_and_controls() {
        assert_eq!(clean_name("C:\\Users\\x\\Impfpass.pdf"), "Impfpass.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\nc.pdf"), "abc.pdf");
        assert_eq!(clean_name("   "), "datei");
    }

    #[test]
    fn dispositions_carry_utf8_names() {
        let h = disposition("attachment", "Hundepass Zoë.pdf");
        let s = h.to_str().unwrap();
        assert!(s.contains("filename=\"Hundepass Zo_.pdf\""), "{s}");
        assert!(
            s.contains("filename*=UTF-8''Hundepass%20Zo%C3%AB.pdf"),
            "{s}"
        );
    }
}
