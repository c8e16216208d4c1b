-- Rate limits that hold across server processes: one counter per bucket and subject
-- ("submission:203.0.113.9", "email:sha256:…") for the current fixed window (Unix ms).
CREATE TABLE rate_counters (
    key          TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL
);
CREATE INDEX rate_counters_by_window ON rate_counters (window_start);

-- Confirmation e-mails per recipient and day, one row per draft: the first drafts of a day are
-- confirmed, retries of one draft never count twice. The recipient is kept as a hash.
CREATE TABLE email_quota (
    recipient TEXT NOT NULL,
    day       BIGINT NOT NULL,
    draft_key TEXT NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (recipient, day, draft_key)
);
CREATE INDEX email_quota_by_day ON email_quota (day);
