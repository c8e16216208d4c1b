//! `GET|PUT /api/v1/authorities/<id>/settings`: HTTP in and out of [`super::service`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use contract::api::{AuthoritySettings, AuthoritySettingsUpdate, ErrorBody};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::admin::{self, AdminError};
use super::overlays;
use super::service::{self, MAX_RECEIPT_TOKEN_DAYS, SettingsError};
use crate::AppState;
use crate::access::Actor;
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::http::private;
use axum::response::{IntoResponse, Response};
use contract::Lang;
use contract::authority::{
    AuthorityContact, LocalForm, LocalService, LocalServices, OfficeContact, OverlayEditor,
    OverlayPublish, ServiceSwitch, TeamMember, TeamMemberAdd, TeamRoleChange,
};
use contract::form::Overlay;

/// The authority routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read_settings, update_settings))
        .routes(routes!(team, add_member))
        .routes(routes!(change_role, remove_member))
        .routes(routes!(invite_member))
        .routes(routes!(services))
        .routes(routes!(switch_service))
        .routes(routes!(read_contact, update_contact))
        .routes(routes!(read_creditor, update_creditor))
        .routes(routes!(local_forms))
        .routes(routes!(read_overlay, publish_overlay))
        .routes(routes!(preview_overlay))
}

/// For the municipality's administrators: the forms of its own services, with their overlays.
#[utoipa::path(
    get, path = "/authorities/{id}/forms", tag = "authorities",
    params(("id" = String, Path, description = "The municipality", example = "de:16077043"), LangParam),
    responses(
        (status = 200, description = "The forms, by title", body = Vec<LocalForm>),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such municipality", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn local_forms(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<LangParam>,
) -> Result<Response, AppError> {
    let list = overlays::forms(&state, &actor, &id, p.lang.unwrap_or_default()).await?;
    Ok(private(Json(list).into_response()))
}

/// For the municipality's administrators: the form's overlay in force (or an empty one), the
/// template, the effective form, the template's changes since the overlay was written and what
/// of it no longer applies.
#[utoipa::path(
    get, path = "/authorities/{id}/forms/{form}/overlay", tag = "authorities",
    params(
        ("id" = String, Path, description = "The municipality", example = "de:16077043"),
        ("form" = String, Path, description = "The form (template) id", example = "hundesteuer-th"),
    ),
    responses(
        (status = 200, description = "The overlay editor's data", body = OverlayEditor),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "Not a form of the municipality's services", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn read_overlay(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, form)): ApiPath<(String, String)>,
) -> Result<Response, AppError> {
    let e = overlays::current(&state, &actor, &id, &form).await?;
    Ok(private(Json(e).into_response()))
}

/// For the municipality's administrators: how an overlay not yet published would turn out.
#[utoipa::path(
    post, path = "/authorities/{id}/forms/{form}/overlay/preview", tag = "authorities",
    params(
        ("id" = String, Path, description = "The municipality", example = "de:16077043"),
        ("form" = String, Path, description = "The form (template) id", example = "hundesteuer-th"),
    ),
    request_body = Overlay,
    responses(
        (status = 200, description = "The effective form, issues and problems", body = OverlayEditor),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "Not a form of the municipality's services", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn preview_overlay(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, form)): ApiPath<(String, String)>,
    ApiJson(overlay): ApiJson<Overlay>,
) -> Result<Response, AppError> {
    let e = overlays::preview(&state, &actor, &id, &form, overlay).await?;
    Ok(private(Json(e).into_response()))
}

/// For the municipality's administrators: publishes the overlay as the next revision
/// (citizens get it at once; drafts keep the revision they were written against).
#[utoipa::path(
    put, path = "/authorities/{id}/forms/{form}/overlay", tag = "authorities",
    params(
        ("id" = String, Path, description = "The municipality", example = "de:16077043"),
        ("form" = String, Path, description = "The form (template) id", example = "hundesteuer-th"),
    ),
    request_body = OverlayPublish,
    responses(
        (status = 200, description = "Published", body = OverlayEditor),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "Not a form of the municipality's services", body = ErrorBody),
        (status = 409, description = "Another revision was published meanwhile (`overlay_changed`)", body = ErrorBody),
        (status = 422, description = "It does not apply cleanly or leaves problems (`overlay_problems`)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn publish_overlay(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, form)): ApiPath<(String, String)>,
    ApiJson(req): ApiJson<OverlayPublish>,
) -> Result<Response, AppError> {
    let e = overlays::publish(&state, &actor, &id, &form, req).await?;
    Ok(private(Json(e).into_response()))
}

impl From<AdminError> for AppError {
    fn from(e: AdminError) -> Self {
        match e {
            AdminError::Lookup(l) => l.into(),
            AdminError::Denied(d) => d.into(),
            AdminError::Invalid(errors) => AppError::invalid_input(errors),
            AdminError::NotFound => AppError::not_found(),
            AdminError::OwnRole => AppError::text(StatusCode::CONFLICT, "own_role", |t| t.own_role),
            AdminError::SetUpAlready => {
                AppError::text(StatusCode::CONFLICT, "set_up_already", |t| t.set_up_already)
            }
            AdminError::TooLarge(max) => AppError::filled(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                |t| t.payload_too_large,
                vec![max.to_string()],
            )
            .with_limit(max as u64),
            AdminError::Stale => AppError::text(StatusCode::CONFLICT, "overlay_changed", |t| {
                t.overlay_changed
            }),
            AdminError::Unpublishable(problems) => {
                AppError::text(StatusCode::UNPROCESSABLE_ENTITY, "overlay_problems", |t| {
                    t.overlay_problems
                })
                .with_problems(problems)
            }
            AdminError::Store(s) => s.into(),
        }
    }
}

/// The language of names and titles in an answer.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LangParam {
    /// `de` (default), `fr`, `it`, `en`.
    lang: Option<Lang>,
}

/// For the authority's administrators: its staff and their roles.
#[utoipa::path(
    get, path = "/authorities/{id}/staff", tag = "authorities",
    params(("id" = String, Path, description = "The authority", example = "ch:4001")),
    responses(
        (status = 200, description = "The staff, by name", body = Vec<TeamMember>),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such authority", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn team(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    Ok(private(
        Json(admin::team(&state, &actor, &id).await?).into_response(),
    ))
}

/// For the authority's administrators: adds a staff member (new, or known by address) with a
/// role here.
#[utoipa::path(
    post, path = "/authorities/{id}/staff", tag = "authorities",
    params(("id" = String, Path, description = "The authority", example = "ch:4001"), LangParam),
    request_body = TeamMemberAdd,
    responses(
        (status = 201, description = "The member as added", body = TeamMember),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such authority (or nothing of it here)", body = ErrorBody),
        (status = 409, description = "One's own role (`own_role`)", body = ErrorBody),
        (status = 422, description = "Name, address or role do not pass (`invalid_input`)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn add_member(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<LangParam>,
    ApiJson(req): ApiJson<TeamMemberAdd>,
) -> Result<Response, AppError> {
    let m = admin::add_member(&state, &actor, &id, &req, q.lang.unwrap_or_default()).await?;
    Ok(private((StatusCode::CREATED, Json(m)).into_response()))
}

/// For the authority's administrators: e-mails a member (again) an invitation to set up
/// password and authenticator app, in `lang`; an earlier invitation stops working.
#[utoipa::path(
    post, path = "/authorities/{id}/staff/{staff}/invitation", tag = "authorities",
    params(
        ("id" = String, Path, description = "The authority", example = "ch:4001"),
        ("staff" = String, Path, description = "The staff member's id"),
        LangParam,
    ),
    responses(
        (status = 200, description = "Sent; the member with the invitation's end", body = TeamMember),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such member here", body = ErrorBody),
        (status = 409, description = "The member signs in with a password already, or is disabled (`set_up_already`)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn invite_member(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, staff)): ApiPath<(String, String)>,
    ApiQuery(q): ApiQuery<LangParam>,
) -> Result<Response, AppError> {
    let m = admin::invite_member(&state, &actor, &id, &staff, q.lang.unwrap_or_default()).await?;
    Ok(private(Json(m).into_response()))
}

/// For the authority's administrators: changes a member's role here.
#[utoipa::path(
    put, path = "/authorities/{id}/staff/{staff}", tag = "authorities",
    params(
        ("id" = String, Path, description = "The authority", example = "ch:4001"),
        ("staff" = String, Path, description = "The staff member's id"),
    ),
    request_body = TeamRoleChange,
    responses(
        (status = 200, description = "The member with the new role", body = TeamMember),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such member here", body = ErrorBody),
        (status = 409, description = "One's own role (`own_role`)", body = ErrorBody),
        (status = 422, description = "A role that cannot be given here (`invalid_input`)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn change_role(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, staff)): ApiPath<(String, String)>,
    ApiJson(req): ApiJson<TeamRoleChange>,
) -> Result<Response, AppError> {
    let m = admin::change_role(&state, &actor, &id, &staff, req.role).await?;
    Ok(private(Json(m).into_response()))
}

/// For the authority's administrators: removes a member's role here (their roles elsewhere
/// stay).
#[utoipa::path(
    delete, path = "/authorities/{id}/staff/{staff}", tag = "authorities",
    params(
        ("id" = String, Path, description = "The authority", example = "ch:4001"),
        ("staff" = String, Path, description = "The staff member's id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such member here", body = ErrorBody),
        (status = 409, description = "One's own role (`own_role`)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn remove_member(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, staff)): ApiPath<(String, String)>,
) -> Result<Response, AppError> {
    admin::remove_member(&state, &actor, &id, &staff).await?;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// For the authority's administrators: the services the municipality is responsible for and
/// whether it offers each.
#[utoipa::path(
    get, path = "/authorities/{id}/services", tag = "authorities",
    params(("id" = String, Path, description = "The authority", example = "ch:4001"), LangParam),
    responses(
        (status = 200, description = "The services", body = LocalServices),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such authority (or nothing of it here)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn services(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<LangParam>,
) -> Result<Response, AppError> {
    let list = admin::services(&state, &actor, &id, p.lang.unwrap_or_default()).await?;
    Ok(private(Json(list).into_response()))
}

/// For the authority's administrators: switches a service of the municipality on or off.
#[utoipa::path(
    put, path = "/authorities/{id}/services/{service}", tag = "authorities",
    params(
        ("id" = String, Path, description = "The authority", example = "ch:4001"),
        ("service" = String, Path, description = "The service id"),
        LangParam,
    ),
    request_body = ServiceSwitch,
    responses(
        (status = 200, description = "The service as it stands", body = LocalService),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "Not a service the municipality is responsible for", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn switch_service(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, service)): ApiPath<(String, String)>,
    ApiQuery(p): ApiQuery<LangParam>,
    ApiJson(req): ApiJson<ServiceSwitch>,
) -> Result<Response, AppError> {
    let s = admin::switch_service(
        &state,
        &actor,
        &id,
        &service,
        req.offered,
        p.lang.unwrap_or_default(),
    )
    .await?;
    Ok(private(Json(s).into_response()))
}

/// For the authority's administrators: the office contact and opening hours citizens see.
#[utoipa::path(
    get, path = "/authorities/{id}/contact", tag = "authorities",
    params(("id" = String, Path, description = "The authority", example = "ch:4001"), LangParam),
    responses(
        (status = 200, description = "The contact", body = AuthorityContact),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such authority (or nothing of it here)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn read_contact(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<LangParam>,
) -> Result<Response, AppError> {
    let c = admin::contact(&state, &actor, &id, p.lang.unwrap_or_default()).await?;
    Ok(private(Json(c).into_response()))
}

/// For the authority's administrators: changes the office contact and opening hours (an empty
/// value shows the imported one).
#[utoipa::path(
    put, path = "/authorities/{id}/contact", tag = "authorities",
    params(("id" = String, Path, description = "The authority", example = "ch:4001"), LangParam),
    request_body = OfficeContact,
    responses(
        (status = 200, description = "The contact as kept", body = AuthorityContact),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such authority (or nothing of it here)", body = ErrorBody),
        (status = 422, description = "A value that does not pass (`invalid_input`)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn update_contact(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<LangParam>,
    ApiJson(req): ApiJson<OfficeContact>,
) -> Result<Response, AppError> {
    let c = admin::set_contact(&state, &actor, &id, &req, p.lang.unwrap_or_default()).await?;
    Ok(private(Json(c).into_response()))
}

/// For the authority's administrators: the account its invoices are paid to (`null` when none
/// is set: fees are then paid online only).
#[utoipa::path(
    get, path = "/authorities/{id}/creditor", tag = "authorities",
    params(("id" = String, Path, description = "The authority", example = "ch:4001")),
    responses(
        (status = 200, description = "The account, or null", body = Option<contract::payment::CreditorAccount>),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such authority (or nothing of it here)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn read_creditor(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    let c = admin::creditor(&state, &actor, &id).await?;
    Ok(private(Json(c).into_response()))
}

/// For the authority's administrators: sets the account its invoices are paid to (audited).
#[utoipa::path(
    put, path = "/authorities/{id}/creditor", tag = "authorities",
    params(("id" = String, Path, description = "The authority", example = "ch:4001")),
    request_body = contract::payment::CreditorAccount,
    responses(
        (status = 200, description = "The account as kept", body = contract::payment::CreditorAccount),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
        (status = 404, description = "No such authority (or nothing of it here)", body = ErrorBody),
        (status = 422, description = "A value that does not pass (`invalid_input`)", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn update_creditor(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<contract::payment::CreditorAccount>,
) -> Result<Response, AppError> {
    let c = admin::set_creditor(&state, &actor, &id, &req).await?;
    Ok(private(Json(c).into_response()))
}

impl From<SettingsError> for AppError {
    fn from(e: SettingsError) -> Self {
        match e {
            SettingsError::Lookup(l) => l.into(),
            SettingsError::DaysOutOfRange => AppError::bad_request(
                "receipt_token_days",
                |t| t.parameter_invalid,
                vec!["receipt_token_days".to_owned()],
            )
            .with_limit(u64::from(MAX_RECEIPT_TOKEN_DAYS)),
            SettingsError::RetentionOutOfRange => AppError::bad_request(
                "retention_days",
                |t| t.parameter_invalid,
                vec!["retention_days".to_owned()],
            )
            .with_limit(u64::from(super::service::MAX_RETENTION_DAYS)),
            SettingsError::Denied(d) => d.into(),
            SettingsError::Store(s) => s.into(),
        }
    }
}

/// For the authority's administrators: its settings.
#[utoipa::path(
    get, path = "/authorities/{id}/settings", tag = "authorities",
    params(("id" = String, Path, description = "The authority (`authority.id` as in receipts)", example = "de:16077043")),
    responses(
        (status = 200, description = "The settings", body = AuthoritySettings),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn read_settings(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<AuthoritySettings>, AppError> {
    Ok(Json(service::settings(&state, &actor, &id).await?))
}

/// For the authority's administrators: changes its settings.
#[utoipa::path(
    put, path = "/authorities/{id}/settings", tag = "authorities",
    params(("id" = String, Path, description = "The authority", example = "de:16077043")),
    request_body = AuthoritySettingsUpdate,
    responses(
        (status = 200, description = "The settings as changed", body = AuthoritySettings),
        (status = 400, description = "A value out of range", body = ErrorBody),
        (status = 401, description = "Staff credentials are needed", body = ErrorBody),
        (status = 403, description = "Not an administrator of this authority", body = ErrorBody),
    ),
    security(("staff_token" = []))
)]
async fn update_settings(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiJson(change): ApiJson<AuthoritySettingsUpdate>,
) -> Result<(StatusCode, Json<AuthoritySettings>), AppError> {
    Ok((
        StatusCode::OK,
        Json(service::update(&state, &actor, &id, &change).await?),
    ))
}
