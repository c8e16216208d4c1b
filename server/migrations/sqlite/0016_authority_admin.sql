-- Authority administration: staff sign-in through the organisation's OpenID provider (the
-- provider's subject linked to a staff member on the first sign-in), services a municipality
-- switched off, and office contacts as the authority keeps them.

CREATE TABLE staff_identities (
    provider  TEXT NOT NULL,
    subject   TEXT NOT NULL,
    staff_id  TEXT NOT NULL REFERENCES staff_members (id) ON DELETE CASCADE,
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (provider, subject),
    UNIQUE (provider, staff_id)
);

-- A service the catalogue has the municipality responsible for, switched off by its admins:
-- not found in its search, not offered on its service pages, no application accepted.
CREATE TABLE municipal_services_off (
    municipality TEXT NOT NULL,
    service_id   TEXT NOT NULL,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    PRIMARY KEY (municipality, service_id)
);

-- An office's contact as its authority keeps it, in place of the imported one; opening hours
-- as JSON by language ({"de": "…", "fr": "…"}). `place_id` is the place whose authority runs
-- the office: a municipality's pages read the contacts of the places above it at once.
CREATE TABLE office_contacts (
    office_id     TEXT PRIMARY KEY,
    place_id      TEXT NOT NULL,
    phone         TEXT,
    email         TEXT,
    website       TEXT,
    opening_hours TEXT,
    changed_at    TEXT NOT NULL,
    changed_by    TEXT NOT NULL
);
CREATE INDEX office_contacts_by_place ON office_contacts (place_id);
