-- Applications of an account: submitted while signed in, or taken in with their receipt's
-- access token.
CREATE TABLE account_submissions (
    submission_id BIGINT NOT NULL REFERENCES submissions (id),
    account       TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    linked_at     BIGINT NOT NULL,
    PRIMARY KEY (submission_id, account)
);
CREATE INDEX account_submissions_by_account ON account_submissions (account, linked_at);

-- Drafts that follow a citizen to every device; each save a new revision.
CREATE TABLE account_drafts (
    account      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    draft_key    TEXT NOT NULL,
    form_id      TEXT NOT NULL,
    version      TEXT NOT NULL,
    municipality TEXT NOT NULL,
    data         TEXT NOT NULL,
    revision     BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (account, draft_key)
);
