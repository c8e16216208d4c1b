//! Submitting, uploading and reading submissions as typed operations. Inputs are plain values
//! and byte streams, results the contract's types, failures [`SubmissionError`]; every access
//! decision goes through [`crate::access::Policy`] with the submission as stored. Nothing here
//! knows HTTP (the routes translate).

use std::net::IpAddr;
use std::time::Duration;

use bytes::Bytes;
use catalog::model::Country;
use catalog::places::Place;
use contract::Lang;
use contract::api::{AccessRenewed, Authority};
use contract::form::{Answers, Context, ErrorCode, FieldError, FieldKind, FormDefinition};
use contract::submission::{
    AttachmentInfo, Receipt, Status, StatusChange, SubmissionCreated, SubmissionData,
    SubmissionRequest, UploadResponse, reference,
};
use futures_util::{Stream, StreamExt};
use rand::Rng;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::store::{self, Admitted, Inserted, NewSubmission, Stored, Upload};
use super::{now_rfc3339, sha256_tag};
use crate::Core;
use crate::access::{Action, Actor, Denial, Resource};
use crate::catalogue::Catalogue;
use crate::catalogue::service::{
    LookupError, MAX_ID_CHARS, bounded, find_municipality, municipality_ref,
};
use crate::db::StoreError;
use crate::forms::service::FormError;
use crate::limits::Bucket;

/// Most uploads one draft may make (re-choosing files included); holds under concurrency.
pub const MAX_UPLOADS_PER_DRAFT: i64 = 100;
/// How much of a file is read before its type is judged (`infer` looks at far less).
const SNIFF_BYTES: usize = 8 * 1024;
/// An upload that sends nothing for this long is given up.
pub const UPLOAD_IDLE: Duration = Duration::from_secs(30);
/// The longest an upload may take as a whole (20 MB at about 25 KB/s).
pub const UPLOAD_DEADLINE: Duration = Duration::from_secs(15 * 60);

/// Why a submission operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SubmissionError {
    /// A malformed or unknown language, municipality, or an over-long parameter.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The form, its version or its municipality.
    #[error(transparent)]
    Form(#[from] FormError),
    /// No municipality was named.
    #[error("a municipality is required")]
    MunicipalityRequired,
    /// The idempotency key is not 16–100 characters of `[A-Za-z0-9_-]`.
    #[error("malformed idempotency key")]
    KeyMalformed,
    /// The key was used for a submission with other answers.
    #[error("idempotency key reused with other answers")]
    KeyReused,
    /// The answers do not pass the form's validation.
    #[error("{} invalid answers", .0.len())]
    InvalidAnswers(Vec<FieldError>),
    /// No authority is registered for the form's service in the municipality.
    #[error("no responsible authority")]
    NoAuthority,
    /// An upload without the draft's key.
    #[error("the draft key is missing")]
    DraftKeyMissing,
    /// An upload for a field that takes no files.
    #[error("{0} is not a file field")]
    NotAFileField(String),
    /// The file is over the field's limit (bytes).
    #[error("file too large for {field} (max {max})")]
    FileTooLarge {
        /// The field.
        field: String,
        /// Its limit in bytes.
        max: u64,
    },
    /// The file's content is not a type the field accepts.
    #[error("file type refused for {0}")]
    FileType(String),
    /// The file is empty.
    #[error("empty file")]
    FileEmpty,
    /// The body ended early or went silent.
    #[error("upload interrupted")]
    UploadInterrupted,
    /// The draft has made [`MAX_UPLOADS_PER_DRAFT`] uploads.
    #[error("too many uploads for one draft")]
    TooManyUploads,
    /// No such submission or attachment (or not one the asker may see).
    #[error("not found")]
    NotFound,
    /// Someone else changed it meanwhile.
    #[error("changed meanwhile")]
    Changed,
    /// The fee cannot be paid the way the citizen chose (an invoice where it is due before
    /// the application counts).
    #[error("payment method not offered for this fee")]
    PaymentMethod,
    /// The policy refused.
    #[error("access denied: {0:?}")]
    Denied(Denial),
    /// The form needs a citizen signed in with an eID of at least this level.
    #[error("assurance {0:?} required")]
    AssuranceRequired(contract::account::Level),
    /// Too many of these from this client address (or to this e-mail address).
    #[error(transparent)]
    RateLimited(#[from] crate::limits::Limited),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Anything else (object store, PDF rendering).
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<Denial> for SubmissionError {
    fn from(d: Denial) -> Self {
        match d {
            Denial::NotFound => SubmissionError::NotFound,
            other => SubmissionError::Denied(other),
        }
    }
}

type Result<T, E = SubmissionError> = std::result::Result<T, E>;

/// An idempotency key: 16 to 100 characters of `[A-Za-z0-9_-]` (browsers send a UUID).
pub fn check_key(key: &str) -> Result<()> {
    let ok = (16..=100).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(SubmissionError::KeyMalformed)
    }
}

fn request_hash(req: &SubmissionRequest) -> String {
    let mut canonical = serde_json::json!({
        "form": req.form,
        "version": req.version,
        "municipality": req.municipality,
        "answers": req.answers,
    });
    // For oneself the hash is what it always was (drafts submitted before organisations).
    if let Some(org) = &req.organisation {
        canonical["organisation"] = serde_json::json!(org);
    }
    sha256_tag(canonical.to_string().as_bytes())
}

/// What [`submit`] did.
#[derive(Debug)]
pub struct Submitted {
    /// The receipt and the citizen's access token.
    pub created: SubmissionCreated,
    /// True when the key was seen before and this repeats the first answer.
    pub replayed: bool,
}

async fn submitted(core: &Core, stored: Stored, replayed: bool) -> Result<Submitted> {
    let valid_until = token_valid_until(core, &stored).await?;
    let payment = crate::payments::service::info(core, stored.id).await?;
    Ok(answer(core, stored, payment, valid_until, replayed))
}

fn answer(
    core: &Core,
    stored: Stored,
    payment: Option<contract::payment::PaymentInfo>,
    valid_until: jiff::Timestamp,
    replayed: bool,
) -> Submitted {
    let mut receipt = stored.receipt;
    receipt.payment = payment;
    Submitted {
        created: SubmissionCreated {
            access_token: core
                .policy
                .receipt_key()
                .token(&stored.reference, stored.token_generation),
            receipt,
            replayed,
            access_valid_until: Some(valid_until.to_string()),
        },
        replayed,
    }
}

async fn replay(core: &Core, actor: &Actor, stored: Stored, hash: &str) -> Result<Submitted> {
    if stored.request_hash != hash {
        return Err(SubmissionError::KeyReused);
    }
    link_account(core, actor, stored.id).await?;
    submitted(core, stored, true).await
}

/// A signed-in citizen's application belongs to their account (also when a retry arrives
/// after the first answer was lost).
async fn link_account(core: &Core, actor: &Actor, submission: i64) -> Result<()> {
    if let Actor::Citizen(c) = actor {
        link(core, &c.account, submission).await?;
    }
    Ok(())
}

/// Links `submission` to `account` (once).
pub async fn link(core: &Core, account: &str, submission: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO account_submissions (submission_id, account, linked_at) VALUES ($1, $2, $3) \
         ON CONFLICT (submission_id, account) DO NOTHING",
    )
    .bind(submission)
    .bind(account)
    .bind(super::now_millis())
    .execute(core.db.pool())
    .await
    .map_err(StoreError::from)?;
    Ok(())
}

/// The form's level of assurance, checked against who is applying: the higher of the draft's
/// version and the version in force now (a draft on an older version cannot skip a level
/// the publisher has since asked for).
fn check_assurance(
    actor: &Actor,
    form: &FormDefinition,
    current: Option<contract::account::Level>,
) -> Result<()> {
    use contract::account::Level;
    let Some(needed) = form.assurance.max(current).filter(|l| *l > Level::Low) else {
        return Ok(());
    };
    match actor {
        Actor::Citizen(c) if c.assurance >= needed => Ok(()),
        _ => Err(SubmissionError::AssuranceRequired(needed)),
    }
}

/// Until when the current receipt token of `stored` is valid: from when it was issued, for the
/// days its authority set (now, so a changed lifetime applies to tokens already issued), or
/// the portal's default.
pub async fn token_valid_until(core: &Core, stored: &Stored) -> Result<jiff::Timestamp> {
    let days =
        crate::authorities::store::receipt_token_days(&core.db, &stored.authority_id).await?;
    valid_until(core, stored, days)
}

/// [`token_valid_until`] with the days the authority set (`None`: the portal's default).
fn valid_until(core: &Core, stored: &Stored, days: Option<i64>) -> Result<jiff::Timestamp> {
    let days = days.unwrap_or(i64::from(core.policy.receipt_token_days()));
    let issued: jiff::Timestamp = stored
        .token_issued_at
        .parse()
        .map_err(|e| StoreError::Corrupt(format!("token_issued_at: {e}")))?;
    Ok(issued
        .checked_add(jiff::SignedDuration::from_hours(24 * days))
        .unwrap_or(jiff::Timestamp::MAX))
}

async fn resource_check(core: &Core, actor: &Actor, action: Action, stored: &Stored) -> Result<()> {
    let valid_until = token_valid_until(core, stored).await?;
    // The accounts it belongs to, and the members of the organisation it was made for.
    let owners: Vec<String> = sqlx::query_scalar(
        "SELECT account FROM account_submissions WHERE submission_id = $1 \
         UNION SELECT m.account FROM organisation_submissions o \
         JOIN organisation_members m ON m.organisation = o.organisation \
         WHERE o.submission_id = $1",
    )
    .bind(stored.id)
    .fetch_all(core.db.pool())
    .await
    .map_err(crate::db::StoreError::from)?;
    core.policy.check(
        actor,
        action,
        &Resource::Submission {
            reference: &stored.reference,
            authority: &stored.authority_id,
            generation: stored.token_generation,
            valid_until,
            owners: &owners,
        },
    )?;
    Ok(())
}

/// Accepts an application exactly once per draft: re-validated against the exact form version
/// and overlay the draft names, hidden answers dropped, fee computed and authority chosen here,
/// acknowledged only after the commit.
pub async fn submit(
    core: &Core,
    actor: &Actor,
    client: Option<IpAddr>,
    req: &SubmissionRequest,
) -> Result<Submitted> {
    core.policy
        .check(actor, Action::Submit, &Resource::Public)?;
    check_key(&req.idempotency_key)?;
    let hash = request_hash(req);
    // A retry of a stored submission costs nothing; a new one counts.
    match store::admit(&core.db, &core.limits, &req.idempotency_key, client).await? {
        Admitted::Known => {
            let existing = store::by_key(&core.db, &req.idempotency_key)
                .await?
                .ok_or_else(|| anyhow::anyhow!("idempotency key known but not found"))?;
            return replay(core, actor, existing, &hash).await;
        }
        Admitted::Counted(counted) => counted?,
    }
    let lang = req.lang;
    bounded("version", &req.version, MAX_ID_CHARS)?;
    if crate::forms::store::parse_version(&req.version).is_none() {
        return Err(
            FormError::MalformedVersion(req.version.chars().take(MAX_ID_CHARS).collect()).into(),
        );
    }
    let cat = core.catalogue.get();
    let m = find_municipality(&cat, Some(&req.municipality))?
        .ok_or(SubmissionError::MunicipalityRequired)?;
    // What the submission is checked against, read on one connection: the form's
    // publications (the versions themselves are immutable, parsed once per process) and the
    // municipality's own choices (who is responsible).
    let (form, current_assurance, local) = {
        let mut conn = core.db.pool().acquire().await.map_err(StoreError::from)?;
        let (form, current_assurance) = crate::forms::service::load_submittable(
            core,
            &mut conn,
            &cat,
            &req.form,
            m,
            &req.version,
        )
        .await?;
        let local = crate::authorities::local::Local::load_in(&mut conn, &cat, Some(&m.id)).await?;
        (form, current_assurance, local)
    };
    check_assurance(actor, &form, current_assurance)?;
    if let Some(org) = &req.organisation {
        // Only a member applies for an organisation; anyone else learns nothing of it.
        crate::accounts::organisations::may_apply_for(core, actor, org)
            .await
            .map_err(|e| match e {
                crate::accounts::data::DataError::Store(s) => SubmissionError::Store(s),
                _ => SubmissionError::Denied(Denial::NotFound),
            })?;
    }

    // Files: the server's records replace what the browser says about them.
    let mut answers = req.answers.clone();
    let (mut upload_errors, uploads) =
        resolve_uploads(core, &form, &req.idempotency_key, &mut answers).await?;
    let clean = form.clean_answers(&answers);
    upload_errors.retain(|e| value_at(&clean, &e.path).is_some());
    let today = crate::forms::today();
    let mut errors = form.validate(&answers, &Context { today });
    errors.extend(upload_errors);
    if !errors.is_empty() {
        return Err(SubmissionError::InvalidAnswers(errors));
    }
    let attachments = attachments_in(&form, &clean, &uploads);

    let responsible = responsible_authority(&cat, &local, &form, m, lang)?;
    let email = contact_email(&form, &clean);
    let applicant = applicant_name(&form, &clean);
    // A clerk at the counter enters it for the citizen: both are recorded.
    let entered_by = match actor {
        Actor::Staff(s) => Some(s.id.clone()),
        _ => None,
    };
    let fees = form.fees(&clean);
    let form_title = form.title.get(lang).to_owned();
    let fee = fee_claim(&form, fees.as_ref(), req.payment, &form_title)?;
    let municipality = municipality_ref(&cat, m);
    let summary = form.summary(&clean, lang);

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
            received_local: crate::receipt::local_time_of(&received_at, &m.id),
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
                local: crate::receipt::local_time_of(&received_at, &m.id),
                at: received_at,
                actor: "citizen".into(),
                note: None,
            }],
            payment: None,
        };
        let upload_ids: Vec<String> = attachments.iter().map(|a| a.id.clone()).collect();
        let new = NewSubmission {
            reference: reference.clone(),
            idempotency_key: req.idempotency_key.clone(),
            request_hash: hash.clone(),
            form_id: form.id.clone(),
            form_version: form.version_tag(),
            municipality: m.id.clone(),
            authority_id: responsible.id.clone(),
            lang,
            data: data.clone(),
            data_hash: data_hash.clone(),
            receipt: receipt.clone(),
            email: email.clone(),
            applicant: applicant.clone(),
            entered_by: entered_by.clone(),
            account: match actor {
                Actor::Citizen(c) => Some(c.account.clone()),
                _ => None,
            },
            organisation: req.organisation.clone(),
            upload_ids,
            fee: fee.clone(),
        };
        match store::insert(&core.db, &core.limits, new).await? {
            Inserted::New(fresh) => {
                tracing::info!(
                    reference = %reference,
                    form = %form.id,
                    municipality = %m.id,
                    authority = %responsible.id,
                    "submission received"
                );
                metrics::counter!("schalter_submissions_total", "form" => form.id.clone())
                    .increment(1);
                // The submission as `store::by_reference` would read it back.
                let stored = Stored {
                    id: fresh.id,
                    reference,
                    idempotency_key: req.idempotency_key.clone(),
                    request_hash: hash,
                    form_id: form.id.clone(),
                    form_version: form.version_tag(),
                    municipality: m.id.clone(),
                    authority_id: responsible.id.clone(),
                    lang,
                    data,
                    data_hash,
                    email,
                    status: Status::Received,
                    token_generation: 1,
                    token_issued_at: receipt.received_at.clone(),
                    receipt,
                };
                let until = valid_until(core, &stored, fresh.receipt_token_days)?;
                let payment = fresh.claim.map(|claim| {
                    let mut info = claim.info(None);
                    info.slip = claim.slip();
                    info
                });
                return Ok(answer(core, stored, payment, until, false));
            }
            Inserted::KeyTaken => {
                // A concurrent request with the same key committed first: answer with its
                // submission, as a retry would get.
                let existing = store::by_key(&core.db, &req.idempotency_key)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("idempotency key taken but not found"))?;
                return replay(core, actor, existing, &hash).await;
            }
            Inserted::ReferenceTaken => continue,
            Inserted::EmailQuota(limited) => return Err(limited.into()),
        }
    }
    Err(anyhow::anyhow!("no free reference number after 8 draws").into())
}

/// The fee to claim: the server's total, when there is one to pay and the authority does not
/// debit it; the method the citizen chose must be one the form's fee table allows.
fn fee_claim(
    form: &FormDefinition,
    fees: Option<&contract::form::Fees>,
    chosen: Option<contract::payment::PaymentMethod>,
    form_title: &str,
) -> Result<Option<store::NewFeeClaim>> {
    use contract::payment::{PaymentDue, PaymentMethod};
    let (Some(schedule), Some(fees)) = (form.fees.as_ref(), fees) else {
        return Ok(None);
    };
    if fees.total <= 0 {
        return Ok(None);
    }
    // The authority debits it from the account the citizen mandated in the form: nothing to
    // pay through the portal, and no other way to choose.
    if fees.collection.as_ref().is_some_and(|c| c.direct_debit) {
        return match chosen {
            Some(PaymentMethod::Online) => Err(SubmissionError::PaymentMethod),
            _ => Ok(None),
        };
    }
    let due = schedule.due;
    let method = chosen.unwrap_or(match due {
        PaymentDue::BeforeSubmission => PaymentMethod::Online,
        PaymentDue::Later => PaymentMethod::Invoice,
    });
    if !due.allows(method) {
        return Err(SubmissionError::PaymentMethod);
    }
    Ok(Some(store::NewFeeClaim {
        amount: fees.total,
        currency: fees.currency.clone(),
        due,
        method,
        message: form_title.to_owned(),
    }))
}

/// The authority responsible for the form's service in the municipality.
fn responsible_authority(
    cat: &Catalogue,
    local: &crate::authorities::local::Local,
    form: &FormDefinition,
    m: &Place,
    lang: Lang,
) -> Result<Authority> {
    let country = match form.country.as_str() {
        "ch" => Country::Ch,
        _ => Country::De,
    };
    form.services
        .iter()
        .find_map(|s| local.responsible(&cat.directory, s, country, m))
        .map(|r| local.authority(&r, lang))
        .ok_or(SubmissionError::NoAuthority)
}

/// The first e-mail address the citizen gave in a top-level e-mail field.
fn contact_email(form: &FormDefinition, clean: &Answers) -> Option<String> {
    form.fields()
        .filter(|(_, f)| matches!(f.kind, FieldKind::Email))
        .find_map(|(_, f)| clean.get(&f.id)?.as_str())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// The applicant's name, from the form's top-level given and family name fields (as their
/// autocomplete or prefill declares them), for the clerks' inbox.
pub fn applicant_name(form: &FormDefinition, clean: &Answers) -> Option<String> {
    use contract::form::ProfileSource;
    let part = |source: ProfileSource| {
        form.fields()
            .filter(|(_, f)| f.profile_source() == Some(source))
            .find_map(|(_, f)| clean.get(&f.id)?.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let name = [
        part(ProfileSource::GivenName),
        part(ProfileSource::FamilyName),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    (!name.is_empty()).then_some(name)
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

/// Replaces each file entry's name, size and type by the server's record of that upload.
/// Entries naming no upload of this draft and field, or an upload already listed, become
/// `upload_missing` errors (one file is one attachment).
async fn resolve_uploads(
    core: &Core,
    form: &FormDefinition,
    key: &str,
    answers: &mut Answers,
) -> Result<(Vec<FieldError>, Vec<(String, Upload)>)> {
    let mut errors = Vec::new();
    let mut found: Vec<(String, Upload)> = Vec::new();
    for (path, field) in file_slots(form, answers) {
        let Some(entry) = value_at_mut(answers, &path) else {
            continue;
        };
        let id = entry.get("id").and_then(Value::as_str).unwrap_or_default();
        let seen = found.iter().any(|(_, u)| u.id == id);
        let upload = if id.is_empty() || id.len() > MAX_ID_CHARS || seen {
            None
        } else {
            store::upload(&core.db, id).await?
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
    let mut out = Vec::new();
    for (path, _) in file_slots(form, clean) {
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

/// The submission `actor` asks for: the reference must parse, exist, and the policy must let
/// the actor read it. Anything else is `NotFound` (or `Denied(Unauthenticated)` without any
/// credentials), so references cannot be probed.
pub async fn open(core: &Core, actor: &Actor, reference: &str) -> Result<Stored> {
    open_for(core, actor, Action::ReadSubmission, reference).await
}

/// The submission `actor` asks for to do `action`; see [`open`].
pub async fn open_for(
    core: &Core,
    actor: &Actor,
    action: Action,
    reference: &str,
) -> Result<Stored> {
    if matches!(actor, Actor::Anonymous) {
        return Err(Denial::Unauthenticated.into());
    }
    let reference = reference::parse(reference).ok_or(SubmissionError::NotFound)?;
    let stored = store::by_reference(&core.db, &reference)
        .await?
        .ok_or(SubmissionError::NotFound)?;
    resource_check(core, actor, action, &stored).await?;
    Ok(stored)
}

/// Replaces a submission's receipt token: every earlier token stops opening it. The citizen
/// asking with the current token gets the new one; when the authority's staff replace it (a
/// token that got into the wrong hands), the new one goes to the application's e-mail
/// address, never to the staff.
pub async fn renew_access(core: &Core, actor: &Actor, reference: &str) -> Result<AccessRenewed> {
    let stored = open_for(core, actor, Action::RenewAccess, reference).await?;
    let generation = store::renew_token(&core.db, stored.id, stored.token_generation)
        .await?
        .ok_or(SubmissionError::Changed)?;
    let renewed = store::by_id(&core.db, stored.id)
        .await?
        .ok_or(SubmissionError::NotFound)?;
    let valid_until = token_valid_until(core, &renewed).await?.to_string();
    tracing::info!(
        target: "schalter::security",
        event = "receipt_token_renewed",
        reference = %stored.reference,
        by = %actor.label(),
        generation,
        "receipt token replaced"
    );
    if matches!(actor, Actor::ReceiptHolder(_)) {
        return Ok(AccessRenewed {
            access_token: Some(
                core.policy
                    .receipt_key()
                    .token(&stored.reference, generation),
            ),
            valid_until,
            emailed: false,
        });
    }
    let emailed = match &stored.email {
        Some(to) => {
            store::queue_access_mail(&core.db, stored.id, to, generation).await?;
            true
        }
        None => false,
    };
    Ok(AccessRenewed {
        access_token: None,
        valid_until,
        emailed,
    })
}

/// The receipt of a submission the actor may read, with its current status and where its fee
/// stands.
pub async fn receipt(core: &Core, actor: &Actor, reference: &str) -> Result<Receipt> {
    let stored = open(core, actor, reference).await?;
    let mut receipt = stored.receipt;
    receipt.payment = crate::payments::service::info(core, stored.id).await?;
    Ok(receipt)
}

/// The receipt PDF of a submission the actor may read: (file name, bytes).
pub async fn receipt_pdf(core: &Core, actor: &Actor, reference: &str) -> Result<(String, Vec<u8>)> {
    let stored = open(core, actor, reference).await?;
    let mut receipt = stored.receipt;
    receipt.payment = crate::payments::service::info(core, stored.id).await?;
    let name = crate::receipt::file_name(&receipt);
    let pdf = tokio::task::spawn_blocking(move || crate::receipt::pdf::render(&receipt))
        .await
        .map_err(anyhow::Error::from)??;
    Ok((name, pdf))
}

/// A stored file being served.
pub struct AttachmentStream {
    /// Its record.
    pub upload: Upload,
    /// Its length in bytes.
    pub length: u64,
    /// Its bytes.
    pub content: futures_util::stream::BoxStream<'static, Result<Bytes, object_store::Error>>,
}

/// One attachment of a submission the actor may read.
pub async fn attachment(
    core: &Core,
    actor: &Actor,
    reference: &str,
    id: &str,
) -> Result<AttachmentStream> {
    let stored = open(core, actor, reference).await?;
    if id.len() > MAX_ID_CHARS {
        return Err(SubmissionError::NotFound);
    }
    let upload = store::upload(&core.db, id)
        .await?
        .filter(|u| u.submission_id == Some(stored.id))
        .ok_or(SubmissionError::NotFound)?;
    let (length, content) = core.attachments.stream(&upload.object_key).await?;
    Ok(AttachmentStream {
        upload,
        length,
        content,
    })
}

/// Moves a submission along its lifecycle on behalf of `actor` (staff of its authority).
pub async fn change_status(
    core: &Core,
    actor: &Actor,
    reference: &str,
    to: Status,
    note: Option<&str>,
) -> Result<Result<StatusChange, store::StatusError>> {
    let stored = open(core, actor, reference).await?;
    resource_check(core, actor, Action::ChangeStatus, &stored).await?;
    Ok(store::change_status(&core.db, &stored.reference, to, &actor.label(), note).await?)
}

/// What an upload says about itself.
#[derive(Debug, Clone)]
pub struct UploadInput<'a> {
    /// The form id.
    pub form: &'a str,
    /// The draft's form version.
    pub version: &'a str,
    /// The municipality.
    pub municipality: &'a str,
    /// The field, with or without item numbers (`dogs.0.certificate`, `dogs.certificate`).
    pub field: &'a str,
    /// The file's name as chosen.
    pub name: &'a str,
    /// The draft's idempotency key.
    pub draft_key: Option<&'a str>,
    /// The length the client declared, if any (refused early when over the limit).
    pub declared_length: Option<u64>,
}

/// Keeps the name's last part, without control or invisible formatting characters
/// (a bidirectional override, U+202E, after `rechnung` makes `rechnung<U+202E>fdp.exe` show
/// as "rechnungexe.pdf"), at most 200 characters; "datei" when nothing is left.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        "datei".into()
    } else {
        cleaned
    }
}

/// Format characters that change how text is shown without being seen: bidirectional
/// controls, zero-width characters, the byte order mark, interlinear annotation, tags.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// The usual file name extension of a media type the portal accepts.
fn extension_for(media_type: &str) -> Option<&'static str> {
    Some(match media_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/tiff" => "tif",
        "image/heif" => "heic",
        "image/avif" => "avif",
        _ => return None,
    })
}

/// The stored name of a file: cleaned, and ending in the extension of its detected type, so
/// that what the authority downloads opens as what it is (`scan.exe` holding a PDF becomes
/// `scan.exe.pdf`).
pub fn stored_name(name: &str, media_type: &str) -> String {
    let cleaned = clean_name(name);
    let Some(ext) = extension_for(media_type) else {
        return cleaned;
    };
    let has = cleaned
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .is_some_and(|e| {
            e == ext || (ext == "jpg" && e == "jpeg") || (ext == "tif" && e == "tiff")
        });
    if has {
        cleaned
    } else {
        format!("{cleaned}.{ext}")
    }
}

/// Stores one file for a draft, streamed: only its first bytes (to judge the type) and one
/// store part are held in memory whatever its size. The draft's upload slots are counted in
/// the database, so the cap holds however many uploads arrive at once on however many servers.
pub async fn upload<S, E>(
    core: &Core,
    actor: &Actor,
    client: Option<IpAddr>,
    input: &UploadInput<'_>,
    body: S,
) -> Result<UploadResponse>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    core.policy
        .check(actor, Action::Upload, &Resource::Public)?;
    core.limits.hit(Bucket::Upload, client).await??;
    let key = input.draft_key.ok_or(SubmissionError::DraftKeyMissing)?;
    check_key(key)?;
    for (name, v) in [
        ("form", input.form),
        ("version", input.version),
        ("municipality", input.municipality),
        ("field", input.field),
    ] {
        bounded(name, v, MAX_ID_CHARS)?;
    }
    bounded("name", input.name, 1000)?;
    let cat = core.catalogue.get();
    let m = find_municipality(&cat, Some(input.municipality))?
        .ok_or(SubmissionError::MunicipalityRequired)?;
    let (form, _) = {
        let mut conn = core.db.pool().acquire().await.map_err(StoreError::from)?;
        crate::forms::service::load_submittable(core, &mut conn, &cat, input.form, m, input.version)
            .await?
    };
    let field_path: String = input
        .field
        .split('.')
        .filter(|s| s.parse::<usize>().is_err())
        .collect::<Vec<_>>()
        .join(".");
    let Some(FieldKind::File {
        accept, max_bytes, ..
    }) = form.field_at(&field_path).map(|f| &f.kind)
    else {
        return Err(SubmissionError::NotAFileField(input.field.to_owned()));
    };
    let max_bytes = *max_bytes;
    let too_large = || SubmissionError::FileTooLarge {
        field: input.field.to_owned(),
        max: max_bytes,
    };
    if input.declared_length.is_some_and(|n| n > max_bytes) {
        return Err(too_large());
    }
    if !store::reserve_upload_slot(&core.db, key, MAX_UPLOADS_PER_DRAFT).await? {
        return Err(SubmissionError::TooManyUploads);
    }
    let stored = tokio::time::timeout(
        UPLOAD_DEADLINE,
        store_file(
            core,
            input,
            key,
            &form.id,
            &field_path,
            accept,
            max_bytes,
            body,
        ),
    )
    .await
    .unwrap_or(Err(SubmissionError::UploadInterrupted));
    if stored.is_err() {
        // A refused upload does not use up the draft's slots.
        store::release_upload_slot(&core.db, key).await?;
    }
    stored
}

#[expect(
    clippy::too_many_arguments,
    reason = "the parts of one upload, checked by the caller"
)]
async fn store_file<S, E>(
    core: &Core,
    input: &UploadInput<'_>,
    key: &str,
    form_id: &str,
    field_path: &str,
    accept: &[String],
    max_bytes: u64,
    mut chunks: S,
) -> Result<UploadResponse>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    let too_large = || SubmissionError::FileTooLarge {
        field: input.field.to_owned(),
        max: max_bytes,
    };
    let mut head: Vec<u8> = Vec::new();
    while head.len() < SNIFF_BYTES {
        match next_chunk(&mut chunks).await? {
            Some(chunk) => head.extend_from_slice(&chunk),
            None => break,
        }
        if head.len() as u64 > max_bytes {
            return Err(too_large());
        }
    }
    if head.is_empty() {
        return Err(SubmissionError::FileEmpty);
    }
    let detected = crate::attachments::sniff(&head);
    let Some(media_type) = detected.filter(|t| accept.iter().any(|a| a.eq_ignore_ascii_case(t)))
    else {
        return Err(SubmissionError::FileType(input.field.to_owned()));
    };
    let id = uuid::Uuid::new_v4().simple().to_string();
    let object_key = format!("uploads/{id}");
    let mut writer = core.attachments.writer(&object_key).await?;
    let mut hasher = Sha256::new();
    hasher.update(&head);
    let mut size = head.len() as u64;
    writer.write(&head);
    drop(head);
    let copied: Result<()> = loop {
        let chunk = match next_chunk(&mut chunks).await {
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
            Ok(Some(chunk)) => chunk,
        };
        size += chunk.len() as u64;
        if size > max_bytes {
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
        draft_key: key.to_owned(),
        form_id: form_id.to_owned(),
        field: field_path.to_owned(),
        name: stored_name(input.name, media_type),
        size,
        media_type: media_type.to_owned(),
        sha256: sha256.clone(),
        object_key,
        submission_id: None,
    };
    store::insert_upload(&core.db, &record).await?;
    tracing::info!(upload = %id, form = form_id, field = field_path, size, media_type, "upload stored");
    metrics::counter!("schalter_uploads_total").increment(1);
    metrics::counter!("schalter_upload_bytes_total").increment(size);
    Ok(UploadResponse {
        id,
        name: record.name,
        size,
        media_type: record.media_type,
        sha256,
    })
}

/// The next piece of an upload; silence for [`UPLOAD_IDLE`] or a broken body is an interruption.
async fn next_chunk<S, E>(chunks: &mut S) -> Result<Option<Bytes>>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    match tokio::time::timeout(UPLOAD_IDLE, chunks.next()).await {
        Err(_) | Ok(Some(Err(_))) => Err(SubmissionError::UploadInterrupted),
        Ok(Some(Ok(chunk))) => Ok(Some(chunk)),
        Ok(None) => Ok(None),
    }
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
    fn file_names_lose_paths_controls_and_invisible_formatting() {
        assert_eq!(clean_name("C:\\Users\\x\\Impfpass.pdf"), "Impfpass.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\nc.pdf"), "abc.pdf");
        assert_eq!(clean_name("   "), "datei");
        assert_eq!(clean_name("rechnung\u{202E}fdp.exe"), "rechnungfdp.exe");
        assert_eq!(clean_name("a\u{200B}b\u{2066}c\u{FEFF}.pdf"), "abc.pdf");
        assert_eq!(clean_name("..."), "datei");
        assert_eq!(clean_name(".bashrc"), "bashrc");
    }

    #[test]
    fn stored_names_end_in_the_detected_type() {
        assert_eq!(stored_name("Plan.PDF", "application/pdf"), "Plan.PDF");
        assert_eq!(stored_name("scan.exe", "application/pdf"), "scan.exe.pdf");
        assert_eq!(
            stored_name("rechnung\u{202E}fdp.exe", "application/pdf"),
            "rechnungfdp.exe.pdf"
        );
        assert_eq!(stored_name("foto.jpeg", "image/jpeg"), "foto.jpeg");
        assert_eq!(stored_name("foto", "image/jpeg"), "foto.jpg");
        assert_eq!(stored_name("x.bin", "application/x-unknown"), "x.bin");
    }
}
