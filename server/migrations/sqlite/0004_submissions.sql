-- Submissions: what citizens sent, exactly once per draft (idempotency key), with the data
-- document that was hashed, the receipt as issued, and the status history.

-- Secrets every server instance shares (HMAC key of receipt access tokens), created once.
CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE submissions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    reference       TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    -- sha256 of the request (form, version, municipality, answers): a reused key with other
    -- content is refused instead of answered with the wrong receipt.
    request_hash    TEXT NOT NULL,
    form_id         TEXT NOT NULL,
    form_version    TEXT NOT NULL,
    municipality    TEXT NOT NULL,
    authority_id    TEXT NOT NULL,
    lang            TEXT NOT NULL,
    -- The submitted data document (canonical JSON) and its `sha256:<hex>`.
    data            TEXT NOT NULL,
    data_hash       TEXT NOT NULL,
    -- The receipt as issued (summary and fees in the citizen's language), JSON.
    receipt         TEXT NOT NULL,
    email           TEXT,
    status          TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX submissions_by_authority ON submissions (authority_id, status, received_at);

CREATE TABLE submission_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id BIGINT NOT NULL REFERENCES submissions (id),
    at            TEXT NOT NULL,
    status        TEXT NOT NULL,
    actor         TEXT NOT NULL,
    note          TEXT
);
CREATE INDEX submission_events_by_submission ON submission_events (submission_id, id);

-- Files uploaded for a draft before it is submitted; content in the object store.
CREATE TABLE uploads (
    id            TEXT PRIMARY KEY,
    draft_key     TEXT NOT NULL,
    form_id       TEXT NOT NULL,
    field         TEXT NOT NULL,
    name          TEXT NOT NULL,
    size          BIGINT NOT NULL,
    media_type    TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    object_key    TEXT NOT NULL,
    submission_id BIGINT REFERENCES submissions (id),
    created_at    TEXT NOT NULL
);
CREATE INDEX uploads_by_draft ON uploads (draft_key);
CREATE INDEX uploads_by_submission ON uploads (submission_id);

-- Where an authority's specialist application receives submissions.
CREATE TABLE webhook_endpoints (
    id           TEXT PRIMARY KEY,
    authority_id TEXT NOT NULL,
    url          TEXT NOT NULL,
    secret       TEXT NOT NULL,
    -- json | ech-0058 | fit-connect
    format       TEXT NOT NULL,
    active       BIGINT NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL
);
CREATE INDEX webhook_endpoints_by_authority ON webhook_endpoints (authority_id);

-- Deliveries still to make (confirmation e-mails, webhooks), written in the submission's
-- transaction. Times in Unix milliseconds so any server can claim due rows with a lease.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,
    submission_id   BIGINT NOT NULL REFERENCES submissions (id),
    -- webhook endpoint id, or the e-mail address
    target          TEXT NOT NULL,
    -- stable per delivery: the receiver's idempotency key
    delivery_id     TEXT NOT NULL UNIQUE,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT,
    delivered_at    BIGINT,
    failed_at       BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox (delivered_at, failed_at, next_attempt_at);
