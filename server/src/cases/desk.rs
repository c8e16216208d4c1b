//! Clerk mode: the inbox of a clerk's authorities, a case with everything about it, and the
//! workflow (assign, change status with a reason the citizen reads, internal notes). Nothing
//! of HTTP; access decided by the policy against the case as loaded.
//!
//! Every change carries the version the clerk saw and is one conditional update: of two clerks
//! changing the same case at once one wins, the other gets [`DeskError::Changed`]. Every read
//! and change is written to the authority's audit chain ([`super::audit`]) in the same
//! transaction as the change.

use contract::cases::{
    AssignRequest, CaseChanged, CaseDetail, CaseNote, CaseRow, Colleague, FormChoice, Inbox,
    InboxSort, NOTE_MAX, NoteRequest, PAGE_MAX, QUERY_MAX, QUERY_MIN, StatusCount, StatusRequest,
    needs_reason,
};
use contract::form::{ErrorCode, FieldError};
use contract::messages::NewMessage;
use contract::submission::Status;

use super::audit::{self, Record};
use super::messages::{self, MessageError};
use crate::Core;
use crate::access::{Action, Actor, Denial};
use crate::db::StoreError;
use crate::submissions::now_rfc3339;
use crate::submissions::service::{self as submissions, SubmissionError};
use crate::submissions::store::{Stored, record_event};

/// Why clerk mode said no.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// Field errors in the request (a missing reason, an unknown colleague).
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// A malformed filter.
    #[error("bad parameter {0}")]
    BadParameter(&'static str),
    /// Someone changed the case since the clerk loaded it.
    #[error("the case changed meanwhile")]
    Changed,
    /// The lifecycle does not allow the step.
    #[error("status change not allowed")]
    NotAllowed,
    /// Access, or the submission's side.
    #[error(transparent)]
    Submission(#[from] SubmissionError),
    /// Sending the message to the citizen.
    #[error(transparent)]
    Message(#[from] MessageError),
    /// Storage.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Denial> for DeskError {
    fn from(d: Denial) -> Self {
        DeskError::Submission(d.into())
    }
}

impl From<sqlx::Error> for DeskError {
    fn from(e: sqlx::Error) -> Self {
        DeskError::Store(e.into())
    }
}

type Result<T> = std::result::Result<T, DeskError>;

/// The inbox filters (`GET /staff/cases?…`).
#[derive(Debug, Clone, Default)]
pub struct InboxQuery {
    /// One of the clerk's authorities; all of them when none.
    pub authority: Option<String>,
    /// Status.
    pub status: Option<Status>,
    /// Form id.
    pub form: Option<String>,
    /// Received on or after (YYYY-MM-DD).
    pub from: Option<String>,
    /// Received on or before (YYYY-MM-DD).
    pub to: Option<String>,
    /// `me`, `none` or a colleague's id.
    pub assignee: Option<String>,
    /// Text in reference, applicant name or e-mail.
    pub q: Option<String>,
    /// Where the fee stands. Without it, applications still waiting for their payment (they
    /// do not count yet) are left out.
    pub payment: Option<contract::payment::PaymentState>,
    /// Order.
    pub sort: InboxSort,
    /// Page, from 1.
    pub page: u32,
    /// Cases per page.
    pub per_page: u32,
}

/// Values bound to a query, in order.
type Params = Vec<String>;

fn args(params: &[String]) -> sqlx::any::AnyArguments<'_> {
    use sqlx::Arguments;
    let mut args = sqlx::any::AnyArguments::default();
    for p in params {
        // Adding a text to an argument list does not fail.
        let _ = args.add(p.as_str());
    }
    args
}

fn is_date(s: &str) -> bool {
    jiff::civil::Date::strptime("%Y-%m-%d", s).is_ok()
}

/// The next day of a YYYY-MM-DD date.
fn day_after(s: &str) -> Option<String> {
    let d = jiff::civil::Date::strptime("%Y-%m-%d", s).ok()?;
    Some(d.tomorrow().ok()?.strftime("%Y-%m-%d").to_string())
}

/// `WHERE` clause and parameters for the filters, without the status (the counts group by it).
fn filters(authorities: &[String], q: &InboxQuery, me: &str) -> Result<(String, Params)> {
    let mut sql = String::new();
    let mut params = Vec::new();
    let next = |p: String, params: &mut Params| {
        params.push(p);
        format!("${}", params.len())
    };
    let list: Vec<String> = authorities
        .iter()
        .map(|a| next(a.clone(), &mut params))
        .collect();
    sql.push_str(&format!("authority_id IN ({})", list.join(", ")));
    if let Some(form) = &q.form {
        if form.len() > 100 {
            return Err(DeskError::BadParameter("form"));
        }
        let p = next(form.clone(), &mut params);
        sql.push_str(&format!(" AND form_id = {p}"));
    }
    if let Some(from) = &q.from {
        if !is_date(from) {
            return Err(DeskError::BadParameter("from"));
        }
        let p = next(from.clone(), &mut params);
        sql.push_str(&format!(" AND received_at >= {p}"));
    }
    if let Some(to) = &q.to {
        let end = day_after(to).ok_or(DeskError::BadParameter("to"))?;
        let p = next(end, &mut params);
        sql.push_str(&format!(" AND received_at < {p}"));
    }
    match q.assignee.as_deref() {
        None | Some("") => {}
        Some("none") => sql.push_str(" AND assignee IS NULL"),
        Some(who) if who.len() <= 64 => {
            let who = if who == "me" { me } else { who };
            let p = next(who.to_owned(), &mut params);
            sql.push_str(&format!(" AND assignee = {p}"));
        }
        Some(_) => return Err(DeskError::BadParameter("assignee")),
    }
    match q.payment {
        Some(state) => {
            let p = next(state.code().to_owned(), &mut params);
            sql.push_str(&format!(" AND payment_state = {p}"));
        }
        None => sql.push_str(" AND (payment_state IS NULL OR payment_state <> 'awaiting')"),
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        // Fewer than three characters find too much to be useful (and no index helps).
        if text.chars().count() > QUERY_MAX || text.chars().count() < QUERY_MIN {
            return Err(DeskError::BadParameter("q"));
        }
        let escaped = text
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let p = next(format!("%{escaped}%"), &mut params);
        sql.push_str(&format!(" AND search_text LIKE {p} ESCAPE '\\'"));
    }
    Ok((sql, params))
}

#[derive(sqlx::FromRow)]
struct InboxRow {
    reference: String,
    form_id: String,
    form_title: String,
    authority_id: String,
    applicant: Option<String>,
    email: Option<String>,
    status: String,
    received_at: String,
    updated_at: String,
    assignee: Option<String>,
    assignee_name: Option<String>,
    payment_state: Option<String>,
}

fn status_of(code: &str) -> Result<Status> {
    Status::from_code(code)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown status {code:?}")).into())
}

/// The asking staff member's id and the authorities whose cases the query covers: theirs, or
/// the one it names (another authority's inbox looks like one without cases).
fn scope(core: &Core, actor: &Actor, q: &InboxQuery) -> Result<(String, Vec<String>)> {
    let me = core.policy.staff_member(actor)?.id.clone();
    let mut authorities = core.policy.inbox_authorities(actor)?;
    if let Some(a) = &q.authority {
        authorities.retain(|x| x == a);
    }
    Ok((me, authorities))
}

/// One page of the inbox of `actor`'s authorities.
pub async fn inbox(core: &Core, actor: &Actor, q: &InboxQuery) -> Result<Inbox> {
    let (me, authorities) = scope(core, actor, q)?;
    let per_page = q.per_page.clamp(1, PAGE_MAX);
    let page = q.page.max(1);
    if authorities.is_empty() {
        return Ok(Inbox {
            counts: counts_of(&[]),
            total: 0,
            page,
            per_page,
            cases: Vec::new(),
            forms: Vec::new(),
        });
    }
    let (clause, params) = filters(&authorities, q, &me)?;
    // The three queries on three connections at once: the answer takes as long as the
    // slowest, not as the three together. Counting and paging are planned for their values
    // each time (not as prepared statements PostgreSQL would plan once for any value): a
    // search that matches most cases is best served by the authority's indexes, a rare one by
    // the trigram index, and a generic plan picks the trigram index for both (115 ms instead
    // of 25 ms with 50,000 matches).
    let counting = async {
        let counted: Vec<(String, i64)> = sqlx::query_as_with(
            &format!("SELECT status, COUNT(*) FROM submissions WHERE {clause} GROUP BY status"),
            args(&params),
        )
        .persistent(false)
        .fetch_all(core.db.pool())
        .await?;
        Ok::<_, DeskError>(counted)
    };
    let offset = u64::from(page - 1) * u64::from(per_page);
    let (counted, cases, forms) = tokio::try_join!(
        counting,
        rows(
            core,
            clause.clone(),
            params.clone(),
            q,
            u64::from(per_page),
            offset
        ),
        forms_of(core, &authorities),
    )?;
    let counts = counts_of(&counted);
    let total = match q.status {
        Some(st) => counts
            .iter()
            .find(|c| c.status == st)
            .map(|c| c.count)
            .unwrap_or(0),
        None => counts.iter().map(|c| c.count).sum(),
    };
    Ok(Inbox {
        counts,
        total,
        page,
        per_page,
        cases,
        forms,
    })
}

/// Every status with its count among `counted` (status code, count), zero where absent.
fn counts_of(counted: &[(String, i64)]) -> Vec<StatusCount> {
    Status::ALL
        .iter()
        .map(|s| StatusCount {
            status: *s,
            count: counted
                .iter()
                .find(|(c, _)| c == s.code())
                .map(|(_, n)| (*n).max(0) as u64)
                .unwrap_or(0),
        })
        .collect()
}

/// The cases matching `clause` (and the query's status), in the query's order.
async fn rows(
    core: &Core,
    mut clause: String,
    mut params: Params,
    q: &InboxQuery,
    limit: u64,
    offset: u64,
) -> Result<Vec<CaseRow>> {
    if let Some(st) = q.status {
        params.push(st.code().to_owned());
        clause.push_str(&format!(" AND status = ${}", params.len()));
    }
    let order = match q.sort {
        InboxSort::Oldest => "received_at ASC, reference ASC",
        InboxSort::Newest => "received_at DESC, reference DESC",
        InboxSort::Changed => "updated_at DESC, reference DESC",
    };
    let sorted = order
        .split(", ")
        .map(|o| format!("s.{o}"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows: Vec<InboxRow> = sqlx::query_as_with(
        &format!(
            // The page's references first (from the index alone where only the authority
            // filters: a deep page skips index entries, not rows), then their rows.
            "SELECT s.reference, s.form_id, s.form_title, s.authority_id, s.applicant, s.email, \
             s.status, s.received_at, s.updated_at, s.assignee, m.name AS assignee_name, s.payment_state \
             FROM (SELECT reference FROM submissions WHERE {clause} \
             ORDER BY {order} LIMIT {limit} OFFSET {offset}) p \
             JOIN submissions s ON s.reference = p.reference \
             LEFT JOIN staff_members m ON m.id = s.assignee ORDER BY {sorted}"
        ),
        args(&params),
    )
    .persistent(false)
    .fetch_all(core.db.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(CaseRow {
                status: status_of(&r.status)?,
                payment: r
                    .payment_state
                    .as_deref()
                    .and_then(contract::payment::PaymentState::from_code),
                reference: r.reference,
                form: r.form_id,
                form_title: r.form_title,
                authority: r.authority_id,
                applicant: r.applicant,
                email: r.email,
                received_at: r.received_at,
                updated_at: r.updated_at,
                assignee: r.assignee.map(|id| Colleague {
                    name: r.assignee_name.unwrap_or_else(|| id.clone()),
                    id,
                }),
            })
        })
        .collect()
}

/// The most cases one export holds.
pub const EXPORT_MAX: u64 = 50_000;

/// Every case of the filtered inbox (at most [`EXPORT_MAX`]), for CSV or JSON; the export is
/// recorded in the audit chain of each authority it covers, with its filters.
pub async fn export(core: &Core, actor: &Actor, q: &InboxQuery) -> Result<Vec<CaseRow>> {
    let (me, authorities) = scope(core, actor, q)?;
    if authorities.is_empty() {
        return Ok(Vec::new());
    }
    let (clause, params) = filters(&authorities, q, &me)?;
    let cases = rows(core, clause, params, q, EXPORT_MAX, 0).await?;
    let detail = format!(
        "{} cases; status={} form={} from={} to={} assignee={} q={}",
        cases.len(),
        q.status.map(|s| s.code()).unwrap_or("-"),
        q.form.as_deref().unwrap_or("-"),
        q.from.as_deref().unwrap_or("-"),
        q.to.as_deref().unwrap_or("-"),
        q.assignee.as_deref().unwrap_or("-"),
        q.q.as_deref().unwrap_or("-"),
    );
    for authority in &authorities {
        audit::record(
            &core.db,
            &Record {
                authority,
                actor: &actor.label(),
                action: "export",
                reference: None,
                detail: &detail,
            },
        )
        .await?;
    }
    Ok(cases)
}

/// A cell of a CSV export: a value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// a tab or carriage return first) is kept as text by a leading apostrophe.
pub fn csv_cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

/// The audit chain of one of the actor's authorities (its admins and clerks), oldest first.
pub async fn authority_audit(
    core: &Core,
    actor: &Actor,
    authority: &str,
) -> Result<Vec<contract::cases::AuditEntry>> {
    core.policy.staff_member(actor)?;
    core.policy.check(
        actor,
        Action::ReadInbox,
        &crate::access::Resource::Authority { id: authority },
    )?;
    Ok(audit::of_authority(&core.db, authority).await?)
}

/// The forms the authorities received cases for.
async fn forms_of(core: &Core, authorities: &[String]) -> Result<Vec<FormChoice>> {
    let list: Vec<String> = (1..=authorities.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT form_id, MIN(form_title) FROM authority_forms WHERE authority_id IN ({}) \
         GROUP BY form_id ORDER BY MIN(form_title)",
        list.join(", ")
    );
    let mut query = sqlx::query_as::<_, (String, String)>(&sql);
    for a in authorities {
        query = query.bind(a);
    }
    Ok(query
        .fetch_all(core.db.pool())
        .await?
        .into_iter()
        .map(|(id, title)| FormChoice { id, title })
        .collect())
}

#[derive(sqlx::FromRow)]
struct Working {
    applicant: Option<String>,
    assignee: Option<String>,
    entered_by: Option<String>,
    version: i64,
}

async fn working(core: &Core, id: i64) -> Result<Working> {
    Ok(sqlx::query_as(
        "SELECT applicant, assignee, entered_by, version FROM submissions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(core.db.pool())
    .await?)
}

async fn colleague(core: &Core, id: &str) -> Result<Colleague> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM staff_members WHERE id = $1")
        .bind(id)
        .fetch_optional(core.db.pool())
        .await?;
    Ok(Colleague {
        id: id.to_owned(),
        name: name.unwrap_or_else(|| id.to_owned()),
    })
}

/// The clerks and admins of `authority`.
pub async fn colleagues(core: &Core, authority: &str) -> Result<Vec<Colleague>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.id, m.name FROM staff_members m JOIN staff_roles r ON r.staff_id = m.id \
         WHERE r.authority_id = $1 AND r.role IN ('clerk', 'authority_admin') \
         AND m.disabled_at IS NULL ORDER BY m.name, m.id",
    )
    .bind(authority)
    .fetch_all(core.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Colleague { id, name })
        .collect())
}

/// The case `actor` works on, checked by the policy (staff of its authority; other staff 404,
/// citizens 403, nobody 401).
async fn open(core: &Core, actor: &Actor, reference: &str) -> Result<Stored> {
    core.policy.staff_member(actor)?;
    Ok(submissions::open_for(core, actor, Action::WorkCase, reference).await?)
}

/// Everything about a case; the read is audited.
pub async fn case(core: &Core, actor: &Actor, reference: &str) -> Result<CaseDetail> {
    let stored = open(core, actor, reference).await?;
    audit::record(
        &core.db,
        &Record {
            authority: &stored.authority_id,
            actor: &actor.label(),
            action: "read",
            reference: Some(&stored.reference),
            detail: "",
        },
    )
    .await?;
    let w = working(core, stored.id).await?;
    let notes: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT n.id, n.author, coalesce(m.name, n.author), n.body, n.created_at FROM case_notes n \
         LEFT JOIN staff_members m ON m.id = n.author WHERE n.submission_id = $1 ORDER BY n.id",
    )
    .bind(stored.id)
    .fetch_all(core.db.pool())
    .await?;
    let notes = notes
        .into_iter()
        .map(|(id, author, name, body, at)| CaseNote {
            id,
            author: Colleague { id: author, name },
            body,
            at: jiff::Timestamp::from_millisecond(at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
        })
        .collect();
    let owners: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM account_submissions WHERE submission_id = $1")
            .bind(stored.id)
            .fetch_one(core.db.pool())
            .await?;
    let messages = messages::list(core, actor, &stored.reference).await?;
    let assignee = match &w.assignee {
        Some(id) => Some(colleague(core, id).await?),
        None => None,
    };
    let entered_by = match &w.entered_by {
        Some(id) => Some(colleague(core, id).await?),
        None => None,
    };
    Ok(CaseDetail {
        next: Status::ALL
            .into_iter()
            .filter(|s| stored.status.can_move_to(*s))
            .collect(),
        reachable: owners > 0 || stored.email.is_some(),
        colleagues: colleagues(core, &stored.authority_id).await?,
        applicant: w.applicant,
        assignee,
        entered_by,
        version: w.version,
        notes,
        messages,
        receipt: {
            let mut receipt = stored.receipt;
            receipt.payment = crate::payments::service::info(core, stored.id).await?;
            receipt
        },
    })
}

/// The audit entries about a case.
pub async fn case_audit(
    core: &Core,
    actor: &Actor,
    reference: &str,
) -> Result<Vec<contract::cases::AuditEntry>> {
    let stored = open(core, actor, reference).await?;
    Ok(audit::of_case(&core.db, &stored.authority_id, &stored.reference).await?)
}

fn text_errors(field: &str, text: &str, required: bool) -> Vec<FieldError> {
    use contract::form::repertoire::{Repertoire, first_refused};
    if required && text.trim().is_empty() {
        return vec![FieldError::new(field, ErrorCode::Required)];
    }
    if text.chars().count() > NOTE_MAX {
        let mut e = FieldError::new(field, ErrorCode::TooLong);
        e.limit = Some(NOTE_MAX.to_string());
        return vec![e];
    }
    if first_refused(text, Repertoire::Block).is_some() {
        return vec![FieldError::new(field, ErrorCode::InvalidCharacter)];
    }
    Vec::new()
}

fn normalised(text: &str) -> String {
    contract::form::repertoire::normalise(text, contract::form::repertoire::Repertoire::Block)
        .trim()
        .to_owned()
}

/// Moves a case to another status with a reason the citizen reads. A case taken in (moved to
/// in progress) without an assignee is assigned to the clerk. Asking the citizen (waiting),
/// completing and rejecting need a reason, which reaches the citizen as a message (with the
/// decision documents in `files`) and an e-mail.
pub async fn set_status(
    core: &Core,
    actor: &Actor,
    reference: &str,
    req: StatusRequest,
) -> Result<CaseChanged> {
    let stored = open(core, actor, reference).await?;
    let reason = normalised(&req.reason);
    let errors = text_errors("reason", &reason, needs_reason(req.to));
    if !errors.is_empty() {
        return Err(DeskError::Invalid(errors));
    }
    if req.files.len() > contract::messages::FILES_MAX {
        return Err(DeskError::BadParameter("files"));
    }
    // A step from a state the clerk did not see is a conflict, whatever the step.
    if working(core, stored.id).await?.version != req.version {
        return Err(DeskError::Changed);
    }
    if !stored.status.can_move_to(req.to) {
        return Err(DeskError::NotAllowed);
    }
    let who = actor.label();
    let staff_id = core.policy.staff_member(actor)?.id.clone();
    let at = now_rfc3339();
    let mut tx = core.db.pool().begin().await?;
    let moved = sqlx::query(
        "UPDATE submissions SET status = $1, updated_at = $2, version = version + 1, \
         assignee = CASE WHEN $3 = 'in_progress' AND assignee IS NULL THEN $4 ELSE assignee END, \
         closed_at = CASE WHEN $3 IN ('completed', 'rejected') THEN $2 ELSE closed_at END \
         WHERE id = $5 AND version = $6 AND status = $7",
    )
    .bind(req.to.code())
    .bind(&at)
    .bind(req.to.code())
    .bind(&staff_id)
    .bind(stored.id)
    .bind(req.version)
    .bind(stored.status.code())
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(DeskError::Changed);
    }
    record_event(
        &mut tx,
        stored.id,
        &at,
        req.to,
        &who,
        (!reason.is_empty()).then_some(reason.as_str()),
    )
    .await?;
    audit::append(
        &mut tx,
        &Record {
            authority: &stored.authority_id,
            actor: &who,
            action: "status",
            reference: Some(&stored.reference),
            detail: &format!("{} → {}", stored.status.code(), req.to.code()),
        },
    )
    .await?;
    tx.commit().await?;
    if needs_reason(req.to) || !req.files.is_empty() {
        messages::send(
            core,
            actor,
            &stored.reference,
            NewMessage {
                body: reason,
                files: req.files,
            },
        )
        .await?;
    }
    // The conditional update moved the version from the one seen by exactly one.
    Ok(CaseChanged {
        version: req.version + 1,
        status: req.to,
    })
}

/// Assigns a case to a colleague at its authority (or to nobody). A case still `received`
/// that gets an assignee is in progress from then on.
pub async fn assign(
    core: &Core,
    actor: &Actor,
    reference: &str,
    req: AssignRequest,
) -> Result<CaseChanged> {
    let stored = open(core, actor, reference).await?;
    if let Some(to) = &req.to {
        let ok = colleagues(core, &stored.authority_id)
            .await?
            .iter()
            .any(|c| &c.id == to);
        if !ok {
            return Err(DeskError::Invalid(vec![FieldError::new(
                "to",
                ErrorCode::InvalidChoice,
            )]));
        }
    }
    let who = actor.label();
    let at = now_rfc3339();
    let start = req.to.is_some() && stored.status == Status::Received;
    let status = if start {
        Status::InProgress
    } else {
        stored.status
    };
    let mut tx = core.db.pool().begin().await?;
    let moved = sqlx::query(
        "UPDATE submissions SET assignee = $1, status = $2, updated_at = $3, version = version + 1 \
         WHERE id = $4 AND version = $5",
    )
    .bind(&req.to)
    .bind(status.code())
    .bind(&at)
    .bind(stored.id)
    .bind(req.version)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(DeskError::Changed);
    }
    if start {
        record_event(&mut tx, stored.id, &at, status, &who, None).await?;
    }
    audit::append(
        &mut tx,
        &Record {
            authority: &stored.authority_id,
            actor: &who,
            action: "assign",
            reference: Some(&stored.reference),
            detail: req.to.as_deref().unwrap_or("-"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(CaseChanged {
        version: req.version + 1,
        status,
    })
}

/// Adds an internal note (never shown to the citizen).
pub async fn add_note(
    core: &Core,
    actor: &Actor,
    reference: &str,
    req: NoteRequest,
) -> Result<CaseNote> {
    let stored = open(core, actor, reference).await?;
    let body = normalised(&req.body);
    let errors = text_errors("body", &body, true);
    if !errors.is_empty() {
        return Err(DeskError::Invalid(errors));
    }
    let staff = core.policy.staff_member(actor)?;
    let now = crate::submissions::now_millis();
    let mut tx = core.db.pool().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO case_notes (submission_id, author, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(stored.id)
    .bind(&staff.id)
    .bind(&body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        &Record {
            authority: &stored.authority_id,
            actor: &actor.label(),
            action: "note",
            reference: Some(&stored.reference),
            detail: &id.to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(CaseNote {
        id,
        author: colleague(core, &staff.id).await?,
        body,
        at: jiff::Timestamp::from_millisecond(now)
            .map(|t| t.to_string())
            .unwrap_or_default(),
    })
}
