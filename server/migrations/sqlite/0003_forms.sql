-- Online forms as published. Rows are never changed or deleted: a draft or a submission names
-- the exact template version and overlay revision it was written against.
CREATE TABLE form_templates (
    id          TEXT NOT NULL,
    version     BIGINT NOT NULL,
    owner       TEXT NOT NULL,
    country     TEXT NOT NULL,
    definition  TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

-- A municipality's changes to a template, by revision.
CREATE TABLE form_overlays (
    form_id      TEXT NOT NULL,
    municipality TEXT NOT NULL,
    revision     BIGINT NOT NULL,
    based_on     BIGINT NOT NULL,
    overlay      TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (form_id, municipality, revision)
);
