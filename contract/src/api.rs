//! JSON types of the `/api/v1/` interface shared by the server and the app.

use serde::{Deserialize, Serialize};

/// The body of every error answer of the API, whatever went wrong (bad input, unknown address,
/// wrong method, oversize body, timeout, refused access, rate limit, a database that is down):
/// a stable machine-readable `code`, a `message` in the request's language that a person can
/// read, and optional structured `details`. Internal details are never put here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable code, e.g. `not_found`, `bad_request`, `invalid_answers`, `unavailable`.
    pub code: String,
    /// Explanation in the request's language, safe to show to a citizen.
    pub message: String,
    /// What a client can act on, where the code has more to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<ErrorDetails>,
}

/// Structured details of an error answer; each member only where it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetails {
    /// Validation errors in field order, with localised messages (`invalid_answers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<crate::form::FieldError>,
    /// The request parameter or body member that was refused (`bad_request`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// The limit that was broken: bytes, characters, a count (`payload_too_large`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// Seconds after which trying again may succeed (also sent as `Retry-After`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// The methods this address answers (`method_not_allowed`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_methods: Vec<String>,
    /// The level of assurance needed (`assurance_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<crate::account::Level>,
    /// What keeps a form adaptation from being published, one line each, as the form checks
    /// name them (`overlay_problems`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

/// Answer of `GET /health` and `GET /ready`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthStatus {
    /// `ok`, `unavailable` (no database) or `no_catalogue` (nothing imported yet).
    pub status: String,
    /// Which database backend the server uses (`sqlite` or `postgres`); only on `/ready`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// How many services the catalogue in memory holds; only on `/ready`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<usize>,
    /// Why the server is not ready, for the operator (`/ready` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

use crate::Lang;

/// A municipality as the picker and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MunicipalityRef {
    /// `ch:<BFS number>` or `de:<AGS>`.
    pub id: String,
    /// Official name.
    pub name: String,
    /// Disambiguated name for pickers ("Buchs (AG)").
    pub display_name: String,
    /// Canton or Land code ("AG", "SH").
    pub state_code: String,
    /// Canton or Land name ("Kanton Aargau", "Schleswig-Holstein").
    pub state_name: String,
    /// District or Kreis name.
    pub district_name: String,
    /// `ch` or `de`.
    pub country: String,
    /// Postcodes, where known.
    #[serde(default)]
    pub postcodes: Vec<String>,
}

/// Answer of `GET /api/v1/municipalities?q=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MunicipalitiesResponse {
    /// Best matches first.
    pub results: Vec<MunicipalityRef>,
}

/// Postal address of an office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// Postcode.
    pub postcode: String,
    /// Place.
    pub place: String,
}

/// How to reach the office that handles a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    /// Name of the office ("Einwohnerkontrolle Aarau").
    pub office: String,
    /// Postal address, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Phone number, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail address, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Website, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Opening hours as text, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<String>,
}

/// The authority responsible for a service in a municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Authority {
    /// Id of the place that is responsible (`ch:4001`, `ch:AG`, `de:01062`) or of the office.
    pub id: String,
    /// Its name ("Gemeinde Aarau", "Kanton Aargau", "Kreis Stormarn").
    pub name: String,
    /// `municipality`, `district`, `state`, `federal`.
    pub level: String,
    /// The office and how to reach it.
    pub contact: Contact,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResult {
    /// The service id (the LeiKa key for LeiKa services).
    pub id: String,
    /// `ch` or `de`: whose catalogue the shown variant comes from.
    pub country: String,
    /// Citizen-facing title in the requested language (or German, see `lang`).
    pub title: String,
    /// The language `title` and `summary` are in.
    pub lang: Lang,
    /// Byte ranges of `title` that matched the query, for highlighting.
    #[serde(default)]
    pub highlights: Vec<[usize; 2]>,
    /// One or two sentences.
    pub summary: String,
    /// Topic.
    pub topic: String,
    /// Life situation.
    pub life_situation: String,
    /// Whether the service can be completed online here.
    pub online: bool,
    /// Id of the online form, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// Who is responsible in the requested municipality (only with a municipality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
}

/// Answer of `GET /api/v1/search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResponse {
    /// The query as understood.
    pub query: String,
    /// The municipality the results are restricted to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<MunicipalityRef>,
    /// Best first.
    pub results: Vec<SearchResult>,
    /// Where nothing was found: popular services to offer instead.
    #[serde(default)]
    pub suggestions: Vec<SearchResult>,
}

/// Answer of `GET /api/v1/services/<id>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceDetail {
    /// The service id.
    pub id: String,
    /// `ch` or `de`.
    pub country: String,
    /// The language the texts are in (German where no translation exists).
    pub lang: Lang,
    /// Citizen-facing title.
    pub title: String,
    /// What it is.
    pub summary: String,
    /// The official LeiKa name, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<String>,
    /// Topic.
    pub topic: String,
    /// Life situation.
    pub life_situation: String,
    /// `municipality`, `district`, `state`, `federal`.
    pub level: String,
    /// What it costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_hint: Option<String>,
    /// Documents needed.
    #[serde(default)]
    pub documents: Vec<String>,
    /// Whether it can be completed online (in the municipality, where one was given).
    pub online: bool,
    /// Id of the online form, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// The municipality asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<MunicipalityRef>,
    /// Who is responsible there; `None` without a municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// With a municipality: whether the service is offered there at all.
    pub offered: bool,
    /// With a municipality whose online form this is: what that form asks for and costs there
    /// (as `GET /api/v1/forms/{id}/facts` answers), so that the page is drawn from one answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<crate::form::facts::FormFacts>,
}

/// A life situation with how many services it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LifeSituationEntry {
    /// Stable key (the German name), for `life_situation=` filters.
    pub key: String,
    /// Name in the requested language.
    pub name: String,
    /// Number of services.
    pub count: usize,
}

/// A topic with its life situations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicEntry {
    /// Stable key (the German name), for `topic=` filters.
    pub key: String,
    /// Name in the requested language.
    pub name: String,
    /// Number of services.
    pub count: usize,
    /// Its life situations.
    pub life_situations: Vec<LifeSituationEntry>,
}

/// Answer of `GET /api/v1/topics`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicsResponse {
    /// Topics in the portal's order: what citizens look for first, businesses' topics after.
    pub topics: Vec<TopicEntry>,
}

/// Answer of `GET /api/v1/forms/<id>?municipality=…`: the effective form (template with the
/// municipality's overlay applied).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormResponse {
    /// `"<template version>.<overlay revision>"`; a draft records it, a submission names it.
    pub version: String,
    /// The municipality the form was assembled for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<MunicipalityRef>,
    /// Who handles the application there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// The definition.
    pub form: crate::form::FormDefinition,
}

/// Body of `POST /api/v1/forms/<id>/validate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidateRequest {
    /// The municipality the answers are for (selects the overlay).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// The form version the answers were given to; absent means the current one. An older
    /// version still known to the server is validated as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Language of the messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// The answers.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: crate::form::Answers,
}

/// Answer of `POST /api/v1/forms/<id>/validate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidateResponse {
    /// The form version validated against.
    pub version: String,
    /// Whether the answers can be submitted.
    pub valid: bool,
    /// Errors in field order, with localised messages.
    pub errors: Vec<crate::form::FieldError>,
    /// The fees for these answers, if the form has a fee table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<crate::form::Fees>,
    /// The server's date the answers were checked on (ISO).
    pub today: String,
}

/// A municipality's colours in the embedded search widget, as `#rrggbb`. Every pair the widget
/// draws text with has a contrast of at least 4.5:1 (checked when the settings are imported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedColours {
    /// Buttons, the active option, links and the focus ring.
    pub accent: String,
    /// Text on `accent`.
    pub on_accent: String,
    /// Text on `background`.
    pub text: String,
    /// The widget's background.
    pub background: String,
}

/// Answer of `GET /api/v1/embed/config?municipality=…&lang=…`: how the search widget of a
/// municipality looks and which languages it speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedConfig {
    /// `ch:<BFS number>` or `de:<AGS>`.
    pub municipality: String,
    /// The name the widget shows ("Stadt Aarau").
    pub name: String,
    /// The municipality's logo: an `https://` URL or a path on the portal; none: name only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// The colours.
    pub colours: EmbedColours,
    /// The languages the municipality offers the widget in, its first one the default.
    pub languages: Vec<Lang>,
    /// The language to show: the requested one if offered, else the first offered.
    pub lang: Lang,
    /// The portal's search for this municipality in `lang` (a path on the portal).
    pub search_url: String,
}

/// One result of the embedded search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedResult {
    /// Service id.
    pub id: String,
    /// Citizen title.
    pub title: String,
    /// The language of `title` (German where no translation exists).
    pub lang: Lang,
    /// Ranges of `title` to highlight, in UTF-16 code units (as JavaScript indexes strings).
    pub highlights: Vec<[usize; 2]>,
    /// Whether the municipality's citizens can apply online.
    pub online: bool,
    /// The service page in the portal with the municipality preselected (a path on the portal).
    pub url: String,
}

/// Answer of `GET /api/v1/embed/search?municipality=…&q=…&lang=…`: only services offered in the
/// municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedSearchResponse {
    /// The query as understood (trimmed).
    pub query: String,
    /// Best first.
    pub results: Vec<EmbedResult>,
    /// The portal's full result list for this query and municipality (a path on the portal).
    pub more_url: String,
}

/// An authority's settings (`GET|PUT /api/v1/authorities/<id>/settings`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthoritySettings {
    /// The authority (`authority.id` as in receipts).
    pub authority: String,
    /// Days a citizen's receipt token stays valid after it is issued; `None`: the portal's
    /// default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_token_days: Option<u32>,
    /// The portal's default for receipt tokens, in days.
    pub default_receipt_token_days: u32,
    /// Days a completed or rejected case is kept in full after it was closed; `None`: kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    /// What happens to a closed case when those days are over.
    #[serde(default)]
    pub after_retention: AfterRetention,
}

/// What happens to a closed case when its authority's retention period is over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AfterRetention {
    /// Reduced to the record the law requires: reference, form, authority, dates, status
    /// history without notes, the fingerprint of the data; answers, files, messages, notes and
    /// the citizen's contact go.
    #[default]
    Reduce,
    /// Deleted entirely (its audit entries stay, naming only the reference).
    Delete,
}

/// Body of `PUT /api/v1/authorities/<id>/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthoritySettingsUpdate {
    /// Days a receipt token stays valid, 1 to 3650; `null` for the portal's default.
    pub receipt_token_days: Option<u32>,
    /// Days a closed case is kept in full, 1 to 36500; `null` (or left out): kept.
    #[serde(default)]
    pub retention_days: Option<u32>,
    /// What happens then (default: reduced).
    #[serde(default)]
    pub after_retention: AfterRetention,
}

/// Answer of `POST /api/v1/submissions/<ref>/access-token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessRenewed {
    /// The new token, for the citizen who asked with the old one; absent when staff replaced
    /// it (staff never see a citizen's token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// Until when the new token opens the receipt (RFC 3339).
    pub valid_until: String,
    /// Whether the new token was sent to the e-mail address of the application.
    pub emailed: bool,
}
