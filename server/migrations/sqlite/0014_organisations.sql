-- Organisations in the Bürgerkonto: a company or association whose members apply for it.
CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    register_id TEXT,
    created_at  BIGINT NOT NULL
);

CREATE TABLE organisation_members (
    organisation TEXT NOT NULL REFERENCES organisations (id),
    account      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role         TEXT NOT NULL,
    joined_at    BIGINT NOT NULL,
    PRIMARY KEY (organisation, account)
);
CREATE INDEX organisation_members_by_account ON organisation_members (account);

-- Invitations by e-mail; only the token's hash is kept.
CREATE TABLE organisation_invitations (
    token_hash   TEXT PRIMARY KEY,
    organisation TEXT NOT NULL REFERENCES organisations (id),
    email_key    TEXT NOT NULL,
    role         TEXT NOT NULL,
    expires_at   BIGINT NOT NULL,
    accepted_at  BIGINT,
    created_at   BIGINT NOT NULL
);

-- Applications made for an organisation: its members see them.
CREATE TABLE organisation_submissions (
    submission_id BIGINT NOT NULL REFERENCES submissions (id),
    organisation  TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (submission_id, organisation)
);
CREATE INDEX organisation_submissions_by_organisation ON organisation_submissions (organisation);
