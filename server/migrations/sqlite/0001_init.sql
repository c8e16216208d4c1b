-- Key/value facts about this installation (schema generation, demo data version, …).
CREATE TABLE portal_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
