-- Citizens' receipt tokens get a lifetime and can be replaced. A token is the HMAC of the
-- reference and its generation; a new generation makes every earlier token useless. The
-- lifetime counts from when the current generation was issued, in the days the authority set
-- (authority_settings) or the portal's default.
ALTER TABLE submissions ADD COLUMN token_generation BIGINT NOT NULL DEFAULT 1;
ALTER TABLE submissions ADD COLUMN token_issued_at TEXT;

-- Settings an authority's administrators keep themselves.
CREATE TABLE authority_settings (
    authority_id       TEXT PRIMARY KEY,
    -- Days a citizen's receipt token stays valid; NULL: the portal's default.
    receipt_token_days BIGINT,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT NOT NULL
);
