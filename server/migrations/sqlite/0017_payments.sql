-- Fees and their payment. A submission with a fee has one claim (the amount the fee table gave
-- when it arrived, and how and when it was paid) and any number of online payment attempts;
-- `submissions.payment_state` mirrors where the claim stands for the inbox (NULL: no fee).

ALTER TABLE submissions ADD COLUMN payment_state TEXT;
CREATE INDEX submissions_by_payment ON submissions (authority_id, payment_state);
-- The inbox leaves out applications waiting for their payment: its indexes carry the state, so
-- that counting and paging still read the index alone.
DROP INDEX submissions_by_authority;
CREATE INDEX submissions_by_authority ON submissions (authority_id, status, received_at, payment_state);
DROP INDEX submissions_by_authority_received;
CREATE INDEX submissions_by_authority_received ON submissions (authority_id, received_at, reference, payment_state);
DROP INDEX submissions_by_authority_changed;
CREATE INDEX submissions_by_authority_changed ON submissions (authority_id, updated_at, reference, payment_state);

CREATE TABLE fee_claims (
    submission_id      INTEGER PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    amount             INTEGER NOT NULL,
    currency           TEXT NOT NULL,
    -- 'later' or 'before_submission' (the form's fee table)
    due                TEXT NOT NULL,
    -- 'online' or 'invoice': the citizen's choice, then how it was paid
    method             TEXT NOT NULL,
    -- the invoice's payment reference (QR reference, RF creditor reference)
    creditor_reference TEXT,
    paid_at            TEXT,
    -- the attempt that paid it, or 'staff:<id>' when marked paid by the authority
    paid_by            TEXT,
    refunded           INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL
);

-- One hosted payment page the citizen was sent to. 'started' until the provider's status says
-- otherwise: 'paid', 'cancelled', 'failed', 'expired', 'mismatch' (the provider reported another
-- amount, currency or reference: nothing counts), 'duplicate' (paid while another attempt had
-- paid already: given back), 'refunded'. Every change is one conditional UPDATE from 'started'
-- (or from 'paid'/'duplicate' for a refund), so a return and a notification racing on several
-- servers complete a payment once.
CREATE TABLE payment_attempts (
    id             TEXT PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    refno          TEXT NOT NULL UNIQUE,
    provider       TEXT NOT NULL,
    transaction_id TEXT UNIQUE,
    amount         INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    lang           TEXT NOT NULL,
    state          TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    created_ms     INTEGER NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX payment_attempts_by_state ON payment_attempts (state, created_ms);
CREATE INDEX payment_attempts_by_submission ON payment_attempts (submission_id);
