//! The OpenAPI 3.1 document of `/api/v1/`, generated from the handlers' annotations and the
//! contract's types. The API router is built through it ([`crate::http::api_v1`]), so a route
//! cannot exist without being described. Served at `/api/v1/openapi.json`; the copy checked in
//! at `docs/openapi.json` is compared with it in a test, so every change to the API is seen in
//! review (`schalter openapi > docs/openapi.json` writes it).

use std::sync::LazyLock;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use contract::api::ErrorBody;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi as _};

use crate::AppState;
use crate::access::{Action, Actor, Resource};
use crate::error::AppError;

/// The document's fixed parts; the paths come from the router.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Schalter API",
        description = "The JSON API of Schalter, the virtual counter for public administrations: \
                       the service catalogue and its search, online forms, submissions with \
                       receipts and uploads, and the search widget municipalities embed. Every \
                       error answer is an `ErrorBody`; messages follow the `lang` parameter or \
                       member, else `Accept-Language`.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
        version = "1"
    ),
    components(schemas(ErrorBody)),
    tags(
        (name = "catalogue", description = "Services, municipalities, topics, search"),
        (name = "forms", description = "Online forms per municipality and their validation"),
        (name = "submissions", description = "Submitting, uploads, receipts"),
        (name = "payments", description = "Paying fees online: start, the browser's return, the provider's notifications"),
        (name = "embed", description = "The search widget on municipalities' own websites"),
        (name = "authorities", description = "Authorities' own settings, for their administrators"),
        (name = "meta", description = "This document"),
    )
)]
struct Fixed;

/// The whole document.
pub fn document() -> OpenApi {
    let mut doc = Fixed::openapi();
    let (_, paths) = utoipa_axum::router::OpenApiRouter::new()
        .nest("/api/v1", super::api_v1(None))
        .split_for_parts();
    doc.merge(paths);
    Common.modify(&mut doc);
    doc
}

static JSON: LazyLock<String> = LazyLock::new(|| {
    document()
        .to_pretty_json()
        .expect("the OpenAPI document serialises")
});

/// The document as served (and as checked in).
pub fn json() -> &'static str {
    &JSON
}

/// This API's description.
#[utoipa::path(
    get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of /api/v1/", content_type = "application/json", body = Object))
)]
pub async fn openapi_json(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Response, AppError> {
    state
        .policy
        .check(&actor, Action::Browse, &Resource::Public)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        json(),
    )
        .into_response())
}

/// What every operation can answer besides its own results, and the credentials it takes.
struct Common;

impl Modify for Common {
    fn modify(&self, doc: &mut OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "receipt_token",
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The access token handed out with a receipt (`access_token`).",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "staff_token",
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("sst_…")
                    .description(Some("A staff member's API token (`schalter staff token`)."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Cookie(
                utoipa::openapi::security::ApiKeyValue::with_description(
                    crate::accounts::sessions::COOKIE,
                    "The Bürgerkonto session cookie set by `POST /session`.",
                ),
            )),
        );
        for item in doc.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                add_common(op);
            }
        }
    }
}

fn error_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
}

fn add_common(op: &mut Operation) {
    let mut add = |status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| error_response(description).into());
    };
    add(
        "400",
        "A parameter is malformed or too long (`bad_request`)",
    );
    add(
        "401",
        "A bearer token that is not valid (`invalid_token`) or none where one is needed",
    );
    add(
        "429",
        "Too many requests (`rate_limited`); see `Retry-After`",
    );
    add("500", "An error on the server's side (`internal`)");
    add(
        "503",
        "The database does not answer (`unavailable`) or the request took too long \
         (`timeout`); see `Retry-After`",
    );
    if op.request_body.is_some() {
        add("413", "The body is over the limit (`payload_too_large`)");
        add(
            "415",
            "The body is not of the expected type (`unsupported_media_type`)",
        );
    }
}
