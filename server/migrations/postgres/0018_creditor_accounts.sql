-- The account an authority's invoices are paid to (Swiss QR-bill or GiroCode), kept by its
-- administrators.
CREATE TABLE authority_creditors (
    authority_id TEXT PRIMARY KEY,
    iban         TEXT NOT NULL,
    bic          TEXT NOT NULL,
    name         TEXT NOT NULL,
    street       TEXT NOT NULL,
    building     TEXT NOT NULL,
    postcode     TEXT NOT NULL,
    town         TEXT NOT NULL,
    country      TEXT NOT NULL,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL
);
