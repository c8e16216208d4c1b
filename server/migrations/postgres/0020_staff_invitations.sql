-- An invitation to a new staff member to set up password and authenticator app, sent by an
-- authority's administrator by e-mail. Only the token's hash is kept; the authenticator app's
-- secret waits here until the member has shown a code of it, then moves to `staff_members`.
CREATE TABLE staff_invitations (
    token_hash  TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff_members (id) ON DELETE CASCADE,
    totp_secret TEXT NOT NULL,
    invited_by  TEXT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX staff_invitations_by_staff ON staff_invitations (staff_id);
