//! The submission tables: submissions, their history, uploads and the outbox rows written with
//! them. Queries are portable between SQLite and PostgreSQL (`$n` placeholders).

use contract::Lang;
use contract::submission::{Receipt, Status, StatusChange};

use std::net::IpAddr;

use super::{now_millis, now_rfc3339};
use crate::db::{Db, StoreError, StoreResult};
use crate::limits::{Limited, Limits};

/// A submission about to be stored.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    /// Reference number.
    pub reference: String,
    /// The draft's idempotency key.
    pub idempotency_key: String,
    /// `sha256:` of the request, to refuse a reused key with other content.
    pub request_hash: String,
    /// Form id.
    pub form_id: String,
    /// Version tag.
    pub form_version: String,
    /// Municipality id.
    pub municipality: String,
    /// Responsible authority id.
    pub authority_id: String,
    /// The citizen's language.
    pub lang: Lang,
    /// The data document (canonical JSON).
    pub data: String,
    /// Its `sha256:` hash.
    pub data_hash: String,
    /// The receipt as issued (status `received`, one history entry).
    pub receipt: Receipt,
    /// Where the confirmation e-mail goes.
    pub email: Option<String>,
    /// The applicant's name, where the form asks for one.
    pub applicant: Option<String>,
    /// The staff member who entered it at the counter.
    pub entered_by: Option<String>,
    /// The signed-in citizen's account it belongs to.
    pub account: Option<String>,
    /// The organisation it was made for.
    pub organisation: Option<String>,
    /// Uploads to attach (already checked to belong to this draft).
    pub upload_ids: Vec<String>,
    /// The fee to pay, if there is one.
    pub fee: Option<NewFeeClaim>,
}

/// A submission's fee as the server computed it, and how the citizen means to pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeeClaim {
    /// Cents.
    pub amount: i64,
    /// `CHF` or `EUR`.
    pub currency: String,
    /// Before the application counts, or later.
    pub due: contract::payment::PaymentDue,
    /// Online or invoice.
    pub method: contract::payment::PaymentMethod,
    /// The slip's message to the creditor.
    pub message: String,
}

impl NewFeeClaim {
    /// Whether the submission waits for the payment before it counts (no confirmation, no
    /// hand-off until then).
    pub fn holds(&self) -> bool {
        self.due == contract::payment::PaymentDue::BeforeSubmission
    }
}

/// What [`insert`] did.
#[derive(Debug, Clone)]
pub enum Inserted {
    /// Stored.
    New(Fresh),
    /// Another request with the same idempotency key got there first.
    KeyTaken,
    /// The reference number is already in use (draw another one).
    ReferenceTaken,
    /// Not stored: the confirmation e-mail's address had its quota for the day.
    EmailQuota(Limited),
}

/// What [`admit`] found.
#[derive(Debug)]
pub enum Admitted {
    /// A submission with this key is stored: a retry.
    Known,
    /// A new submission, counted against its client's limit (or refused by it).
    Counted(Result<(), Limited>),
}

/// Whether a submission with this key is stored already (a retry, which costs nothing) and,
/// if it is not, counts the attempt against the client's limit: one statement (on SQLite
/// committed together with concurrent writes).
pub async fn admit(
    db: &Db,
    limits: &Limits,
    key: &str,
    client: Option<IpAddr>,
) -> StoreResult<Admitted> {
    let (limits, key) = (limits.clone(), key.to_owned());
    db.write_statements(move |conn| {
        Box::pin(async move {
            Ok(match limits.hit_submission_in(conn, client, &key).await? {
                None => Admitted::Known,
                Some(counted) => Admitted::Counted(counted),
            })
        })
    })
    .await
}

/// What the transaction that stored a submission read and wrote besides the submission, so
/// that its first answer needs no further query.
#[derive(Debug, Clone)]
pub struct Fresh {
    /// Row id.
    pub id: i64,
    /// The fee claim as stored, if there is one.
    pub claim: Option<crate::payments::store::Claim>,
    /// The days receipt tokens of the responsible authority stay valid, if it set them.
    pub receipt_token_days: Option<i64>,
}

/// A stored submission.
#[derive(Debug, Clone)]
pub struct Stored {
    /// Row id.
    pub id: i64,
    /// Reference number.
    pub reference: String,
    /// The draft's idempotency key.
    pub idempotency_key: String,
    /// Hash of the request that created it.
    pub request_hash: String,
    /// Form id.
    pub form_id: String,
    /// Version tag.
    pub form_version: String,
    /// Municipality id.
    pub municipality: String,
    /// Responsible authority id.
    pub authority_id: String,
    /// The citizen's language.
    pub lang: Lang,
    /// The data document exactly as hashed.
    pub data: String,
    /// `sha256:` of `data`.
    pub data_hash: String,
    /// Where the confirmation e-mail goes.
    pub email: Option<String>,
    /// Current status.
    pub status: Status,
    /// The receipt with the current status and full history.
    pub receipt: Receipt,
    /// The generation of receipt tokens that opens it (earlier ones were replaced).
    pub token_generation: i64,
    /// When that generation was issued (RFC 3339).
    pub token_issued_at: String,
}

const COLUMNS: &str = "id, reference, idempotency_key, request_hash, form_id, form_version, municipality, \
     authority_id, lang, data, data_hash, receipt, email, status, received_at, token_generation, \
     token_issued_at";

/// Adds one entry to a submission's status history, inside the transaction of the change.
pub async fn record_event(
    conn: &mut sqlx::AnyConnection,
    submission: i64,
    at: &str,
    status: Status,
    actor: &str,
    note: Option<&str>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO submission_events (submission_id, at, status, actor, note) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(submission)
    .bind(at)
    .bind(status.code())
    .bind(actor)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores a submission with its first history entry, attaches its uploads, links it to the
/// citizen's account and the organisation it was made for, issues its payment slip and
/// queues its deliveries (confirmation e-mail, a webhook per active endpoint of the
/// authority), all in one transaction ([`Db::write`]: on SQLite committed together with the
/// writes of concurrent requests), after counting the confirmation against its address's
/// quota. Returns only after the commit.
///
/// Four round trips without attachments: the quota, the submission's row, what its authority
/// set (account for slips, token lifetime, webhooks), and every other row in one [`Batch`].
pub async fn insert(db: &Db, limits: &Limits, s: NewSubmission) -> StoreResult<Inserted> {
    let limits = limits.clone();
    db.write(move |conn| Box::pin(async move { insert_in(conn, &limits, &s).await }))
        .await
}

async fn insert_in(
    conn: &mut sqlx::AnyConnection,
    limits: &Limits,
    s: &NewSubmission,
) -> StoreResult<Inserted> {
    if let Some(to) = &s.email {
        // The portal sends a PDF with what was typed to this address: not to any address
        // as often as someone likes.
        if let Err(limited) = limits
            .hit_recipient_in(conn, to, &s.idempotency_key)
            .await?
        {
            return Ok(Inserted::EmailQuota(limited));
        }
    }
    let receipt = serde_json::to_string(&s.receipt)?;
    let payment_state = s.fee.as_ref().map(|f| {
        if f.holds() {
            contract::payment::PaymentState::Awaiting.code()
        } else {
            contract::payment::PaymentState::Open.code()
        }
    });
    // A second request with the same key, or a reference number drawn twice, inserts nothing
    // (and fails no statement, so the transaction around it goes on).
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO submissions (reference, idempotency_key, request_hash, form_id, form_version, \
         municipality, authority_id, lang, data, data_hash, receipt, email, status, received_at, updated_at, \
         applicant, search_text, entered_by, form_title, payment_state) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'received', $13, $13, $14, $15, $16, $17, $18) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(&s.reference)
    .bind(&s.idempotency_key)
    .bind(&s.request_hash)
    .bind(&s.form_id)
    .bind(&s.form_version)
    .bind(&s.municipality)
    .bind(&s.authority_id)
    .bind(s.lang.code())
    .bind(&s.data)
    .bind(&s.data_hash)
    .bind(&receipt)
    .bind(&s.email)
    .bind(&s.receipt.received_at)
    .bind(&s.applicant)
    .bind(search_text(&s.reference, s.applicant.as_deref(), s.email.as_deref()))
    .bind(&s.entered_by)
    .bind(&s.receipt.form_title)
    .bind(payment_state)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = inserted else {
        let key_taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM submissions WHERE idempotency_key = $1")
                .bind(&s.idempotency_key)
                .fetch_optional(&mut *conn)
                .await?;
        return Ok(if key_taken.is_some() {
            Inserted::KeyTaken
        } else {
            Inserted::ReferenceTaken
        });
    };
    let set = authority_set_in(conn, &s.authority_id).await?;
    for upload in &s.upload_ids {
        let attached = sqlx::query(
            "UPDATE uploads SET submission_id = $1 WHERE id = $2 AND draft_key = $3 AND submission_id IS NULL",
        )
        .bind(id)
        .bind(upload)
        .bind(&s.idempotency_key)
        .execute(&mut *conn)
        .await?;
        if attached.rows_affected() != 1 {
            return Err(StoreError::Corrupt(format!(
                "upload {upload} vanished or was attached elsewhere"
            )));
        }
    }
    let mut batch = Batch::default();
    let sid = batch.int(id);
    let authority = batch.text(&s.authority_id);
    let form = batch.text(&s.form_id);
    let title = batch.text(&s.receipt.form_title);
    let at = batch.text(&s.receipt.received_at);
    batch.push(format!(
        "INSERT INTO authority_forms (authority_id, form_id, form_title) VALUES ({authority}, {form}, {title}) \
         ON CONFLICT (authority_id, form_id) DO NOTHING"
    ));
    let (status, actor) = (batch.text(Status::Received.code()), batch.text("citizen"));
    batch.push(format!(
        "INSERT INTO submission_events (submission_id, at, status, actor, note) \
         VALUES ({sid}, {at}, {status}, {actor}, NULL)"
    ));
    if let Some(account) = &s.account {
        let (account, linked) = (batch.text(account), batch.int(now_millis()));
        batch.push(format!(
            "INSERT INTO account_submissions (submission_id, account, linked_at) \
             VALUES ({sid}, {account}, {linked}) ON CONFLICT (submission_id, account) DO NOTHING"
        ));
    }
    if let Some(org) = &s.organisation {
        let org = batch.text(org);
        batch.push(format!(
            "INSERT INTO organisation_submissions (submission_id, organisation) \
             VALUES ({sid}, {org}) ON CONFLICT (submission_id, organisation) DO NOTHING"
        ));
    }
    let mut claim = None;
    if let Some(fee) = &s.fee {
        // Paid later: by bank transfer with the slip the receipt carries, where the authority
        // keeps an account.
        let creditor = if fee.holds() {
            None
        } else {
            set.creditor.as_ref()
        };
        let slip = creditor.and_then(|account| {
            crate::payments::slip::issue(
                account,
                id,
                &s.reference,
                fee.amount,
                &fee.currency,
                &format!("{} {}", s.reference, fee.message),
            )
        });
        if creditor.is_some() && slip.is_none() {
            tracing::warn!(
                authority = %s.authority_id,
                currency = %fee.currency,
                "the authority's account takes no slip for this fee"
            );
        }
        let slip = slip
            .map(|slip| serde_json::to_string(&slip))
            .transpose()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let values = [
            batch.int(fee.amount),
            batch.text(&fee.currency),
            batch.text(due_code(fee.due)),
            batch.text(method_code(fee.method)),
            at.clone(),
            batch.opt(slip.clone()),
        ]
        .join(", ");
        batch.push(format!(
            "INSERT INTO fee_claims (submission_id, amount, currency, due, method, created_at, slip) \
             VALUES ({sid}, {values})"
        ));
        // The claim as `payments::store::claim` reads it back.
        claim = Some(crate::payments::store::Claim {
            submission_id: id,
            amount: fee.amount,
            currency: fee.currency.clone(),
            due: due_code(fee.due).to_owned(),
            method: method_code(fee.method).to_owned(),
            paid_at: None,
            paid_by: None,
            refunded: 0,
            state: payment_state.unwrap_or("open").to_owned(),
            slip,
        });
    }
    // A submission that waits for its payment is confirmed and handed off once it is paid.
    if !s.fee.as_ref().is_some_and(NewFeeClaim::holds) {
        outbox_rows(&mut batch, &sid, s.email.as_deref(), &set.webhooks);
    }
    batch.run(conn).await?;
    Ok(Inserted::New(Fresh {
        id,
        claim,
        receipt_token_days: set.receipt_token_days,
    }))
}

/// What a submission's authority set that storing it needs.
#[derive(Debug, Default)]
struct AuthoritySet {
    /// The account its invoices are paid to.
    creditor: Option<contract::payment::CreditorAccount>,
    /// The days its receipt tokens stay valid.
    receipt_token_days: Option<i64>,
    /// Its active webhook endpoints, by id.
    webhooks: Vec<String>,
}

/// [`AuthoritySet`] of `authority`, in one query: a row per active webhook endpoint (one
/// without an endpoint where there is none), each with the authority's settings.
async fn authority_set_in(
    conn: &mut sqlx::AnyConnection,
    authority: &str,
) -> StoreResult<AuthoritySet> {
    #[derive(sqlx::FromRow)]
    struct Row {
        webhook: Option<String>,
        receipt_token_days: Option<i64>,
        iban: Option<String>,
        bic: Option<String>,
        name: Option<String>,
        street: Option<String>,
        building: Option<String>,
        postcode: Option<String>,
        town: Option<String>,
        country: Option<String>,
        reference_prefix: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT w.id AS webhook, st.receipt_token_days, c.iban, c.bic, c.name, c.street, \
         c.building, c.postcode, c.town, c.country, c.reference_prefix \
         FROM (SELECT $1 AS authority_id) a \
         LEFT JOIN authority_settings st ON st.authority_id = a.authority_id \
         LEFT JOIN authority_creditors c ON c.authority_id = a.authority_id \
         LEFT JOIN webhook_endpoints w ON w.authority_id = a.authority_id AND w.active = 1 \
         ORDER BY w.id",
    )
    .bind(authority)
    .fetch_all(conn)
    .await?;
    let mut set = AuthoritySet::default();
    for (i, r) in rows.into_iter().enumerate() {
        if i == 0 {
            set.receipt_token_days = r.receipt_token_days;
            set.creditor = r.iban.map(|iban| contract::payment::CreditorAccount {
                iban,
                bic: r.bic.unwrap_or_default(),
                name: r.name.unwrap_or_default(),
                street: r.street.unwrap_or_default(),
                building: r.building.unwrap_or_default(),
                postcode: r.postcode.unwrap_or_default(),
                town: r.town.unwrap_or_default(),
                country: r.country.unwrap_or_default(),
                reference_prefix: r.reference_prefix.unwrap_or_default(),
            });
        }
        set.webhooks.extend(r.webhook);
    }
    Ok(set)
}

/// Statements written in one round trip: on SQLite one call of several statements, on
/// PostgreSQL one statement whose data-modifying parts are `WITH` clauses (all of them run,
/// in no order one could rely on: no part may need another's rows). Values are numbered
/// parameters shared by all parts.
#[derive(Debug, Default)]
struct Batch {
    parts: Vec<String>,
    args: Vec<Arg>,
}

#[derive(Debug)]
enum Arg {
    Text(Option<String>),
    Int(i64),
}

impl Batch {
    fn arg(&mut self, a: Arg) -> String {
        self.args.push(a);
        format!("${}", self.args.len())
    }

    fn text(&mut self, v: &str) -> String {
        self.arg(Arg::Text(Some(v.to_owned())))
    }

    fn opt(&mut self, v: Option<String>) -> String {
        self.arg(Arg::Text(v))
    }

    fn int(&mut self, v: i64) -> String {
        self.arg(Arg::Int(v))
    }

    fn push(&mut self, statement: String) {
        self.parts.push(statement);
    }

    async fn run(self, conn: &mut sqlx::AnyConnection) -> StoreResult<()> {
        let Some((last, first)) = self.parts.split_last() else {
            return Ok(());
        };
        let sql = if first.is_empty() {
            last.clone()
        } else if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            self.parts.join(";\n")
        } else {
            let with: Vec<String> = first
                .iter()
                .enumerate()
                .map(|(i, p)| format!("w{i} AS ({p})"))
                .collect();
            format!("WITH {} {last}", with.join(", "))
        };
        let mut q = sqlx::query(&sql);
        for a in self.args {
            q = match a {
                Arg::Text(v) => q.bind(v),
                Arg::Int(v) => q.bind(v),
            };
        }
        q.execute(conn).await?;
        Ok(())
    }
}

/// Adds to `batch` what a submission that counts sends: the confirmation e-mail (if there is
/// an address) and a webhook per endpoint, as one multi-row `INSERT` so that the rows' ids
/// follow this order on both engines (deliveries are made in id order).
fn outbox_rows(batch: &mut Batch, sid: &str, email: Option<&str>, webhooks: &[String]) {
    let deliveries: Vec<(&str, &str)> = email
        .map(|e| ("email", e))
        .into_iter()
        .chain(webhooks.iter().map(|w| ("webhook", w.as_str())))
        .collect();
    if deliveries.is_empty() {
        return;
    }
    let due = batch.int(now_millis());
    let rows: Vec<String> = deliveries
        .into_iter()
        .map(|(kind, target)| {
            let (kind, target) = (batch.text(kind), batch.text(target));
            let delivery = batch.text(&uuid::Uuid::new_v4().to_string());
            format!("({kind}, {sid}, {target}, {delivery}, 0, {due}, {due})")
        })
        .collect();
    batch.push(format!(
        "INSERT INTO outbox (kind, submission_id, target, delivery_id, attempts, next_attempt_at, created_at) \
         VALUES {}",
        rows.join(", ")
    ));
}

/// Queues what a submission that counts sends: the confirmation e-mail (if there is an
/// address) and a webhook per active endpoint of its authority, in the caller's transaction.
pub async fn queue_deliveries(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    email: Option<&str>,
    authority_id: &str,
) -> StoreResult<()> {
    let endpoints: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM webhook_endpoints WHERE authority_id = $1 AND active = 1 ORDER BY id",
    )
    .bind(authority_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut batch = Batch::default();
    let sid = batch.int(id);
    outbox_rows(&mut batch, &sid, email, &endpoints);
    batch.run(conn).await
}

/// The stored code of when a fee is due.
pub fn due_code(due: contract::payment::PaymentDue) -> &'static str {
    match due {
        contract::payment::PaymentDue::Later => "later",
        contract::payment::PaymentDue::BeforeSubmission => "before_submission",
    }
}

/// The stored code of a payment method.
pub fn method_code(method: contract::payment::PaymentMethod) -> &'static str {
    match method {
        contract::payment::PaymentMethod::Online => "online",
        contract::payment::PaymentMethod::Invoice => "invoice",
    }
}

/// What the inbox search looks in: reference, applicant and e-mail, lower-cased.
pub fn search_text(reference: &str, applicant: Option<&str>, email: Option<&str>) -> String {
    [Some(reference), applicant, email]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A row of `submissions` as stored.
#[derive(sqlx::FromRow)]
struct SubmissionRow {
    id: i64,
    reference: String,
    idempotency_key: String,
    request_hash: String,
    form_id: String,
    form_version: String,
    municipality: String,
    authority_id: String,
    lang: String,
    data: String,
    data_hash: String,
    receipt: String,
    email: Option<String>,
    status: String,
    received_at: String,
    token_generation: i64,
    token_issued_at: Option<String>,
}

fn status_of(code: &str) -> StoreResult<Status> {
    Status::from_code(code).ok_or_else(|| StoreError::Corrupt(format!("unknown status {code:?}")))
}

async fn load(db: &Db, column: &str, value: &str) -> StoreResult<Option<Stored>> {
    let row: Option<SubmissionRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM submissions WHERE {column} = $1"
    ))
    .bind(value)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status = status_of(&row.status)?;
    let mut receipt: Receipt = serde_json::from_str(&row.receipt)?;
    receipt.status = status;
    // Receipts stored before the local time was kept get it here (the same instant and zone).
    if receipt.received_local.is_none() {
        receipt.received_local =
            crate::receipt::local_time_of(&receipt.received_at, &receipt.municipality.id);
    }
    receipt.history = history(db, row.id).await?;
    for change in &mut receipt.history {
        change.local = crate::receipt::local_time_of(&change.at, &receipt.municipality.id);
    }
    Ok(Some(Stored {
        id: row.id,
        reference: row.reference,
        idempotency_key: row.idempotency_key,
        request_hash: row.request_hash,
        form_id: row.form_id,
        form_version: row.form_version,
        municipality: row.municipality,
        authority_id: row.authority_id,
        lang: row.lang.parse().unwrap_or_default(),
        data: row.data,
        data_hash: row.data_hash,
        email: row.email,
        status,
        receipt,
        token_generation: row.token_generation,
        token_issued_at: row.token_issued_at.unwrap_or(row.received_at),
    }))
}

/// The submission made with this idempotency key.
pub async fn by_key(db: &Db, key: &str) -> StoreResult<Option<Stored>> {
    load(db, "idempotency_key", key).await
}

/// The submission with this reference number (canonical form).
pub async fn by_reference(db: &Db, reference: &str) -> StoreResult<Option<Stored>> {
    load(db, "reference", reference).await
}

/// The submission with this row id.
pub async fn by_id(db: &Db, id: i64) -> StoreResult<Option<Stored>> {
    let reference: Option<String> =
        sqlx::query_scalar("SELECT reference FROM submissions WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    match reference {
        Some(r) => by_reference(db, &r).await,
        None => Ok(None),
    }
}

/// A submission's status changes, oldest first.
pub async fn history(db: &Db, id: i64) -> StoreResult<Vec<StatusChange>> {
    #[derive(sqlx::FromRow)]
    struct EventRow {
        at: String,
        status: String,
        actor: String,
        note: Option<String>,
    }
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT at, status, actor, note FROM submission_events WHERE submission_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(StatusChange {
                status: status_of(&r.status)?,
                at: r.at,
                actor: r.actor,
                note: r.note,
                local: None,
            })
        })
        .collect()
}

/// Replaces a submission's receipt tokens with a new generation, unless another request
/// already did (`expected` is the generation the caller saw); the new generation.
pub async fn renew_token(db: &Db, id: i64, expected: i64) -> StoreResult<Option<i64>> {
    let done = sqlx::query(
        "UPDATE submissions SET token_generation = token_generation + 1, token_issued_at = $1 \
         WHERE id = $2 AND token_generation = $3",
    )
    .bind(now_rfc3339())
    .bind(id)
    .bind(expected)
    .execute(db.pool())
    .await?;
    Ok((done.rows_affected() == 1).then_some(expected + 1))
}

/// Queues an e-mail to the citizen with a new receipt token (generation `generation`).
pub async fn queue_access_mail(db: &Db, id: i64, to: &str, generation: i64) -> StoreResult<()> {
    let due = now_millis();
    sqlx::query(
        "INSERT INTO outbox (kind, submission_id, target, delivery_id, attempts, next_attempt_at, created_at) \
         VALUES ('access', $1, $2, $3, 0, $4, $4)",
    )
    .bind(id)
    .bind(format!("{generation}:{to}"))
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(due)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Why a status change was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StatusError {
    /// No submission with that reference.
    #[error("no such submission")]
    NotFound,
    /// The lifecycle does not allow this step.
    #[error("a submission cannot move from {from:?} to {to:?}")]
    NotAllowed {
        /// Where it stands.
        from: Status,
        /// Where it was asked to go.
        to: Status,
    },
    /// Someone else changed it meanwhile; reload and try again.
    #[error("the submission changed meanwhile")]
    Conflict,
}

/// Moves a submission along its lifecycle ([`Status::can_move_to`]) and records who did it.
/// Two clerks changing the same submission at once: one wins, the other gets `Conflict`.
pub async fn change_status(
    db: &Db,
    reference: &str,
    to: Status,
    actor: &str,
    note: Option<&str>,
) -> StoreResult<Result<StatusChange, StatusError>> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM submissions WHERE reference = $1")
            .bind(reference)
            .fetch_optional(db.pool())
            .await?;
    let Some((id, from)) = row else {
        return Ok(Err(StatusError::NotFound));
    };
    let from = status_of(&from)?;
    if !from.can_move_to(to) {
        return Ok(Err(StatusError::NotAllowed { from, to }));
    }
    let at = now_rfc3339();
    let mut tx = db.pool().begin().await?;
    let moved = sqlx::query(
        "UPDATE submissions SET status = $1, updated_at = $2, version = version + 1, \
         closed_at = CASE WHEN $1 IN ('completed', 'rejected') THEN $2 ELSE closed_at END \
         WHERE id = $3 AND status = $4",
    )
    .bind(to.code())
    .bind(&at)
    .bind(id)
    .bind(from.code())
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Ok(Err(StatusError::Conflict));
    }
    record_event(&mut tx, id, &at, to, actor, note).await?;
    tx.commit().await?;
    Ok(Ok(StatusChange {
        status: to,
        at,
        actor: actor.to_owned(),
        note: note.map(str::to_owned),
        local: None,
    }))
}

/// A file uploaded for a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// Upload id (random).
    pub id: String,
    /// The draft's idempotency key.
    pub draft_key: String,
    /// Form id.
    pub form_id: String,
    /// Field path without item numbers (`dogs.certificate`).
    pub field: String,
    /// File name as chosen.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type detected from the content.
    pub media_type: String,
    /// `sha256:` of the content.
    pub sha256: String,
    /// Key in the object store.
    pub object_key: String,
    /// The submission it belongs to, once submitted.
    pub submission_id: Option<i64>,
}

/// Records an upload whose bytes are already in the object store.
pub async fn insert_upload(db: &Db, u: &Upload) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO uploads (id, draft_key, form_id, field, name, size, media_type, sha256, object_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&u.id)
    .bind(&u.draft_key)
    .bind(&u.form_id)
    .bind(&u.field)
    .bind(&u.name)
    .bind(u.size as i64)
    .bind(&u.media_type)
    .bind(&u.sha256)
    .bind(&u.object_key)
    .bind(now_rfc3339())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A row of `uploads` as stored.
#[derive(sqlx::FromRow)]
struct UploadRow {
    id: String,
    draft_key: String,
    form_id: String,
    field: String,
    name: String,
    size: i64,
    media_type: String,
    sha256: String,
    object_key: String,
    submission_id: Option<i64>,
}

impl From<UploadRow> for Upload {
    fn from(r: UploadRow) -> Upload {
        Upload {
            id: r.id,
            draft_key: r.draft_key,
            form_id: r.form_id,
            field: r.field,
            name: r.name,
            size: r.size.max(0) as u64,
            media_type: r.media_type,
            sha256: r.sha256,
            object_key: r.object_key,
            submission_id: r.submission_id,
        }
    }
}

const UPLOAD_COLUMNS: &str =
    "id, draft_key, form_id, field, name, size, media_type, sha256, object_key, submission_id";

/// One upload.
pub async fn upload(db: &Db, id: &str) -> StoreResult<Option<Upload>> {
    let row: Option<UploadRow> = sqlx::query_as(&format!(
        "SELECT {UPLOAD_COLUMNS} FROM uploads WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(Upload::from))
}

/// The uploads attached to a submission.
pub async fn uploads_of(db: &Db, submission_id: i64) -> StoreResult<Vec<Upload>> {
    let rows: Vec<UploadRow> = sqlx::query_as(&format!(
        "SELECT {UPLOAD_COLUMNS} FROM uploads WHERE submission_id = $1 ORDER BY id"
    ))
    .bind(submission_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Upload::from).collect())
}

/// Takes one of a draft's upload slots; false when all `cap` are used. One conditional upsert,
/// so the cap holds however many uploads of one draft arrive at once on however many servers.
pub async fn reserve_upload_slot(db: &Db, draft_key: &str, cap: i64) -> StoreResult<bool> {
    let used: Option<i64> = sqlx::query_scalar(
        "INSERT INTO draft_upload_slots (draft_key, used, updated_at) VALUES ($1, 1, $3) \
         ON CONFLICT (draft_key) DO UPDATE SET used = draft_upload_slots.used + 1, updated_at = $3 \
         WHERE draft_upload_slots.used < $2 RETURNING used",
    )
    .bind(draft_key)
    .bind(cap)
    .bind(now_rfc3339())
    .fetch_optional(db.pool())
    .await?;
    Ok(used.is_some())
}

/// Gives back a slot taken by an upload that was refused or broke off.
pub async fn release_upload_slot(db: &Db, draft_key: &str) -> StoreResult<()> {
    sqlx::query("UPDATE draft_upload_slots SET used = used - 1 WHERE draft_key = $1 AND used > 0")
        .bind(draft_key)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Forgets the slot counts of drafts idle since `before` (RFC 3339).
pub async fn forget_idle_slots(db: &Db, before: &str) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM draft_upload_slots WHERE updated_at < $1")
        .bind(before)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

/// How many uploads a draft has stored.
pub async fn uploads_of_draft(db: &Db, draft_key: &str) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM uploads WHERE draft_key = $1")
            .bind(draft_key)
            .fetch_one(db.pool())
            .await?,
    )
}

/// Uploads never submitted and older than `before` (RFC 3339): id and object key.
pub async fn stale_uploads(db: &Db, before: &str) -> StoreResult<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, object_key FROM uploads WHERE submission_id IS NULL AND created_at < $1 \
         ORDER BY created_at LIMIT 500",
    )
    .bind(before)
    .fetch_all(db.pool())
    .await?)
}

/// Forgets an upload unless a submission took it meanwhile; true if it was forgotten.
pub async fn forget_upload(db: &Db, id: &str) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM uploads WHERE id = $1 AND submission_id IS NULL")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}
