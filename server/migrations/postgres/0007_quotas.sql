-- Per-draft upload slots: one conditional upsert takes a slot, so the cap on uploads per
-- draft holds however many uploads arrive at once on however many servers. Rows of drafts
-- idle for longer than the upload retention are deleted with their uploads.
CREATE TABLE draft_upload_slots (
    draft_key  TEXT PRIMARY KEY,
    used       BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX draft_upload_slots_by_age ON draft_upload_slots (updated_at);
