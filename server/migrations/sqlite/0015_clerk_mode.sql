-- Clerk mode: staff sign in (password and a second factor), work cases (assignee, a version
-- that makes concurrent changes visible, internal notes) and every read and change of a case
-- by staff is written to an append-only audit log whose entries are chained by hash.

ALTER TABLE staff_members ADD COLUMN password_hash TEXT;
-- The TOTP secret (base32) and the last time step a code was accepted for (a code is used once).
ALTER TABLE staff_members ADD COLUMN totp_secret TEXT;
ALTER TABLE staff_members ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;

-- Who applied (from the form's name fields), lower-cased text the inbox searches (reference,
-- applicant, e-mail), the form's title as submitted, who works on it, a version bumped by every staff change, and the staff
-- member who entered it at the counter.
ALTER TABLE submissions ADD COLUMN applicant TEXT;
ALTER TABLE submissions ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN assignee TEXT;
ALTER TABLE submissions ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN entered_by TEXT;
ALTER TABLE submissions ADD COLUMN form_title TEXT NOT NULL DEFAULT '';
UPDATE submissions SET search_text = lower(reference || ' ' || coalesce(email, '')),
    form_title = coalesce(json_extract(receipt, '$.form_title'), form_id);
CREATE INDEX submissions_by_authority_received ON submissions (authority_id, received_at, reference);
CREATE INDEX submissions_by_authority_form ON submissions (authority_id, form_id, received_at);
CREATE INDEX submissions_by_authority_assignee ON submissions (authority_id, assignee, received_at);
CREATE INDEX submissions_by_authority_changed ON submissions (authority_id, updated_at, reference);

-- The forms an authority has received cases for (the inbox's service filter), kept as cases
-- arrive instead of searched for among all of them.
CREATE TABLE authority_forms (
    authority_id TEXT NOT NULL,
    form_id      TEXT NOT NULL,
    form_title   TEXT NOT NULL,
    PRIMARY KEY (authority_id, form_id)
);
INSERT INTO authority_forms (authority_id, form_id, form_title)
    SELECT authority_id, form_id, MIN(form_title) FROM submissions GROUP BY authority_id, form_id;

-- Retention: when a case was closed (completed or rejected) and when its retention period
-- reduced it; per authority how many days a closed case is kept in full and what happens then.
ALTER TABLE submissions ADD COLUMN closed_at TEXT;
ALTER TABLE submissions ADD COLUMN reduced_at TEXT;
UPDATE submissions SET closed_at = updated_at WHERE status IN ('completed', 'rejected');
CREATE INDEX submissions_closed ON submissions (authority_id, closed_at);
ALTER TABLE authority_settings ADD COLUMN retention_days BIGINT;
-- reduce | delete
ALTER TABLE authority_settings ADD COLUMN after_retention TEXT NOT NULL DEFAULT 'reduce';

-- Internal notes: the authority's staff only, never the citizen.
CREATE TABLE case_notes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id BIGINT NOT NULL REFERENCES submissions (id),
    author        TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX case_notes_by_submission ON case_notes (submission_id, id);

-- The audit log, one chain per authority: entry n carries the hash of entry n - 1, and the
-- head row the hash of the last entry, so an edited, removed or cut-off entry shows.
CREATE TABLE audit_log (
    authority_id TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    reference    TEXT,
    detail       TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    PRIMARY KEY (authority_id, seq)
);
CREATE INDEX audit_log_by_reference ON audit_log (reference, seq);

CREATE TABLE audit_heads (
    authority_id TEXT PRIMARY KEY,
    seq          BIGINT NOT NULL,
    hash         TEXT NOT NULL
);
