-- Staff of the authorities: who they are, which authorities they work for in which role, and
-- the API tokens they use. Sign-in with a password, a second factor or the organisation's own
-- OpenID provider (clerk mode) adds to these tables; roles stay the one source of what staff
-- may do (decided in the server's access policy, never from what a client sends).

CREATE TABLE staff_members (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    disabled_at TEXT
);

-- One role per authority (`authority.id` as in receipts: a place id such as `ch:4001` or an
-- office id); portal administrators hold `portal_admin` on the authority `*`.
CREATE TABLE staff_roles (
    staff_id     TEXT NOT NULL REFERENCES staff_members (id) ON DELETE CASCADE,
    authority_id TEXT NOT NULL,
    -- clerk | authority_admin | portal_admin
    role         TEXT NOT NULL,
    PRIMARY KEY (staff_id, authority_id)
);
CREATE INDEX staff_roles_by_authority ON staff_roles (authority_id);

-- Bearer tokens for staff tools: only the SHA-256 of the token is kept (tokens are 256 random
-- bits, so a fast hash is enough; the token itself is shown once when it is made).
CREATE TABLE staff_tokens (
    id           TEXT PRIMARY KEY,
    staff_id     TEXT NOT NULL REFERENCES staff_members (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    revoked_at   TEXT
);
CREATE INDEX staff_tokens_by_staff ON staff_tokens (staff_id);
