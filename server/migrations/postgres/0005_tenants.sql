-- Tenant settings: how a municipality's own website embeds the portal's search widget.
-- Replaced as a whole by `schalter import` (from catalog/data/tenants.json or --tenants-file).
-- No foreign key to places: the catalogue import replaces places in its own transaction.
CREATE TABLE tenants (
    municipality TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    logo_url     TEXT,
    accent       TEXT NOT NULL,
    on_accent    TEXT NOT NULL,
    text_colour  TEXT NOT NULL,
    background   TEXT NOT NULL,
    -- Language codes separated by spaces, the default first ("de fr").
    languages    TEXT NOT NULL
);

-- The web origins (scheme://host[:port], as browsers send them) whose pages may embed a
-- tenant's widget: answered with CORS headers and named in the frame's frame-ancestors.
CREATE TABLE tenant_origins (
    municipality TEXT NOT NULL REFERENCES tenants (municipality) ON DELETE CASCADE,
    origin       TEXT NOT NULL,
    PRIMARY KEY (municipality, origin)
);
