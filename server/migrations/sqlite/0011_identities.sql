-- eID identities linked to accounts: one per provider and subject (`sub`). The level is the
-- highest the identity has signed in with.
CREATE TABLE account_identities (
    provider  TEXT NOT NULL,
    subject   TEXT NOT NULL,
    account   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    level     TEXT NOT NULL,
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX account_identities_by_account ON account_identities (account);
