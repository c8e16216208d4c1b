-- Bürgerkonto: citizens' accounts, their e-mail tokens and their sessions.

-- One account per citizen. The e-mail is kept as typed (for letters) and folded to lower case
-- (the unique sign-in name). The profile is the answers to the profile form (JSON); fields an
-- eID confirmed are listed in `verified_fields` (JSON array).
CREATE TABLE accounts (
    id                TEXT PRIMARY KEY,
    email             TEXT NOT NULL,
    email_key         TEXT NOT NULL,
    email_verified_at BIGINT,
    password_hash     TEXT,
    profile           TEXT NOT NULL,
    language          TEXT NOT NULL,
    verified_fields   TEXT NOT NULL DEFAULT '[]',
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    CONSTRAINT accounts_email_key UNIQUE (email_key)
);

-- Single-use links sent by e-mail (verify the address, reset the password, confirm a new
-- address). Only the token's hash is stored.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    account    TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    new_email  TEXT,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX account_tokens_by_account ON account_tokens (account, purpose);

-- Sessions, shared by every server process. The id is kept as a hash; `account` repeats the
-- signed-in account of `data` so that all sessions of an account can be ended at once.
CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    account    TEXT,
    data       TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
