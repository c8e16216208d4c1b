-- The authority tree: country → canton/Land → district/Kreis → municipality.
CREATE TABLE places (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT REFERENCES places (id),
    kind       TEXT NOT NULL,
    country    TEXT NOT NULL,
    name       TEXT NOT NULL,
    state_code TEXT NOT NULL,
    postcodes  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX places_parent ON places (parent_id);

-- Offices with their contact data (JSON: names, address, phone, e-mail, opening hours).
CREATE TABLE offices (
    id       TEXT PRIMARY KEY,
    place_id TEXT NOT NULL REFERENCES places (id),
    data     TEXT NOT NULL
);

-- Services as the citizens of one country see them (JSON of catalog::model::Service).
CREATE TABLE services (
    id      TEXT NOT NULL,
    country TEXT NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (id, country)
);

-- Who is responsible for a service below a place: a canton/Land-wide default, overridden by
-- rows for a district or a municipality. Without an office, the place at level `responsible`
-- in the citizen's own chain (their municipality, district, canton/Land) is responsible.
CREATE TABLE offerings (
    service_id  TEXT NOT NULL,
    country     TEXT NOT NULL,
    scope_id    TEXT NOT NULL REFERENCES places (id),
    responsible TEXT NOT NULL,
    office_id   TEXT REFERENCES offices (id),
    offered     BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (service_id, country, scope_id)
);

-- Search vocabulary (synonym clusters) as JSON documents, by source.
CREATE TABLE search_vocabulary (
    source TEXT PRIMARY KEY,
    data   TEXT NOT NULL
);
