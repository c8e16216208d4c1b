//! `/api/v1/account…` and `/api/v1/session`: HTTP in and out of [`super::service`].
//!
//! The session is a cookie (`HttpOnly`, `SameSite=Lax`, `Secure` by configuration) managed by
//! `tower-sessions` over the database; state-changing requests from other sites are refused
//! by the CSRF layer in front of the API. Every answer is `Cache-Control: no-store`.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::account::{
    AcceptInvitation, AccountDeletion, AccountDraft, CheckEmail, ClaimApplication, DraftSave,
    EidProvider, EidRedirect, EidStart, EmailChange, Invitation, NewOrganisation, Organisation,
    PasswordChange, Profile, ProfileUpdate, Registration, ResetConfirm, ResetRequest, SessionInfo,
    SignIn, VerifyEmail,
};
use contract::api::ErrorBody;
use tower_sessions::Session;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::data::{self, DataError};
use super::oidc::EidError;
use super::organisations;
use super::service::AccountError;
use crate::AppState;
use crate::access::Actor;
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery, ClientAddr};
use crate::http::private;

/// The account and session routes, mounted under `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register, profile, update_profile, delete_account))
        .routes(routes!(verify))
        .routes(routes!(export))
        .routes(routes!(change_password))
        .routes(routes!(change_email))
        .routes(routes!(request_reset))
        .routes(routes!(confirm_reset))
        .routes(routes!(session_info, sign_in, sign_out))
        .routes(routes!(renew))
        .routes(routes!(list_drafts))
        .routes(routes!(get_draft, save_draft, delete_draft))
        .routes(routes!(list_applications, claim_application))
        .routes(routes!(create_organisation, my_organisations))
        .routes(routes!(organisation))
        .routes(routes!(invite))
        .routes(routes!(accept_invitation))
        .routes(routes!(remove_member))
        .routes(routes!(organisation_applications))
        .routes(routes!(eid_providers))
        .routes(routes!(eid_start))
        .routes(routes!(eid_callback))
}

impl From<AccountError> for AppError {
    fn from(e: AccountError) -> Self {
        use AccountError as E;
        match e {
            E::Invalid(errors) => AppError::invalid_input(errors),
            E::InvalidCredentials => {
                AppError::text(StatusCode::UNAUTHORIZED, "invalid_credentials", |t| {
                    t.invalid_credentials
                })
            }
            E::NotVerified => AppError::text(StatusCode::FORBIDDEN, "email_not_verified", |t| {
                t.email_not_verified
            }),
            E::InvalidLink => {
                AppError::text(StatusCode::BAD_REQUEST, "invalid_link", |t| t.invalid_link)
            }
            E::NotSignedIn => AppError::unauthorised(),
            E::Busy => {
                AppError::text(StatusCode::SERVICE_UNAVAILABLE, "busy", |t| t.busy).retry_after(2)
            }
            E::Limited(l) => l.into(),
            E::Store(s) => s.into(),
            E::Internal(e) => AppError::internal(anyhow::anyhow!(e)),
        }
    }
}

fn own(state: &AppState, actor: &Actor) -> Result<String, AppError> {
    Ok(state.policy.own_account(actor)?.to_owned())
}

/// Opens an account. The answer is the same whether or not the address has one already (its
/// owner is told by e-mail); the account works once the link in the e-mail is followed.
#[utoipa::path(
    post, path = "/account", tag = "account",
    request_body = Registration,
    responses(
        (status = 202, description = "A link to confirm the address was sent", body = CheckEmail),
        (status = 422, description = "Field errors (`invalid_input`, `details.errors`)", body = ErrorBody),
        (status = 429, description = "Too many registrations from this address", body = ErrorBody),
        (status = 503, description = "Too many sign-ins at once (`busy`)", body = ErrorBody),
    )
)]
async fn register(
    State(state): State<AppState>,
    _: Actor,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<Registration>,
) -> Result<Response, AppError> {
    let lang = req.lang;
    let answer = state
        .accounts
        .register(req, client)
        .await
        .map_err(|e| AppError::from(e).in_lang(lang))?;
    Ok(private(
        (StatusCode::ACCEPTED, Json(answer)).into_response(),
    ))
}

/// Follows an e-mailed link that confirms an address (a new account's, or a new sign-in
/// address).
#[utoipa::path(
    post, path = "/account/verify", tag = "account",
    request_body = VerifyEmail,
    responses(
        (status = 204, description = "Confirmed"),
        (status = 400, description = "Unknown, used or expired link (`invalid_link`)", body = ErrorBody),
    )
)]
async fn verify(
    State(state): State<AppState>,
    _: Actor,
    ApiJson(req): ApiJson<VerifyEmail>,
) -> Result<Response, AppError> {
    state.accounts.verify(req).await?;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// The signed-in citizen's profile.
#[utoipa::path(
    get, path = "/account", tag = "account",
    responses(
        (status = 200, description = "The profile", body = Profile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn profile(State(state): State<AppState>, actor: Actor) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    Ok(private(
        Json(state.accounts.profile(&id).await?).into_response(),
    ))
}

/// Changes the profile (a field an eID confirmed loses its mark when it changes).
#[utoipa::path(
    put, path = "/account", tag = "account",
    request_body = ProfileUpdate,
    responses(
        (status = 200, description = "The profile as stored", body = Profile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff, or a request from another site", body = ErrorBody),
        (status = 422, description = "Field errors (`invalid_input`)", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn update_profile(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(req): ApiJson<ProfileUpdate>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    Ok(private(
        Json(state.accounts.update_profile(&id, req).await?).into_response(),
    ))
}

/// Deletes the account (with the password). Submitted applications stay with their
/// authorities, which must keep them; their receipts still open them.
#[utoipa::path(
    delete, path = "/account", tag = "account",
    request_body = AccountDeletion,
    responses(
        (status = 204, description = "Deleted and signed out"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here, or a request from another site (`cross_site`)", body = ErrorBody),
        (status = 422, description = "Wrong password (`invalid_input`)", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn delete_account(
    State(state): State<AppState>,
    actor: Actor,
    session: Session,
    ApiJson(req): ApiJson<AccountDeletion>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    state.accounts.delete(&id, req, &session).await?;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// Everything kept about the account, as a JSON file.
#[utoipa::path(
    get, path = "/account/export", tag = "account",
    responses(
        (status = 200, description = "The data (`schalter-account-export/1`)", body = Object),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here, or a request from another site (`cross_site`)", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn export(State(state): State<AppState>, actor: Actor) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    let data = data::export(&state, &id).await?;
    let mut res = Json(data).into_response();
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"schalter-konto.json\""),
    );
    Ok(private(res))
}

/// A new password (with the current one); every other session of the account ends.
#[utoipa::path(
    put, path = "/account/password", tag = "account",
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here, or a request from another site (`cross_site`)", body = ErrorBody),
        (status = 422, description = "Wrong current or too short new password", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn change_password(
    State(state): State<AppState>,
    actor: Actor,
    session: Session,
    ApiJson(req): ApiJson<PasswordChange>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    state.accounts.change_password(&id, req, &session).await?;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// A new sign-in address (with the password): it counts once the link sent to it is followed.
#[utoipa::path(
    put, path = "/account/email", tag = "account",
    request_body = EmailChange,
    responses(
        (status = 202, description = "A link was sent to the new address", body = CheckEmail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here, or a request from another site (`cross_site`)", body = ErrorBody),
        (status = 422, description = "Wrong password or not an address", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn change_email(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(req): ApiJson<EmailChange>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    let answer = state.accounts.change_email(&id, req).await?;
    Ok(private(
        (StatusCode::ACCEPTED, Json(answer)).into_response(),
    ))
}

/// Sends a link to set a new password. The answer is the same whether or not the address has
/// an account.
#[utoipa::path(
    post, path = "/account/password-reset", tag = "account",
    request_body = ResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a link was sent", body = CheckEmail),
        (status = 422, description = "Not an e-mail address", body = ErrorBody),
        (status = 429, description = "Too many requests", body = ErrorBody),
    )
)]
async fn request_reset(
    State(state): State<AppState>,
    _: Actor,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<ResetRequest>,
) -> Result<Response, AppError> {
    let lang = req.lang;
    let answer = state
        .accounts
        .request_reset(req, client)
        .await
        .map_err(|e| AppError::from(e).in_lang(lang))?;
    Ok(private(
        (StatusCode::ACCEPTED, Json(answer)).into_response(),
    ))
}

/// Sets a new password with the link's token; every session of the account ends.
#[utoipa::path(
    post, path = "/account/password-reset/confirm", tag = "account",
    request_body = ResetConfirm,
    responses(
        (status = 204, description = "Set; sign in with it"),
        (status = 400, description = "Unknown, used or expired link (`invalid_link`)", body = ErrorBody),
        (status = 422, description = "Too short a password", body = ErrorBody),
    )
)]
async fn confirm_reset(
    State(state): State<AppState>,
    _: Actor,
    ApiJson(req): ApiJson<ResetConfirm>,
) -> Result<Response, AppError> {
    state.accounts.confirm_reset(req).await?;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// Who is signed in on this browser and the session's timeouts.
#[utoipa::path(
    get, path = "/session", tag = "account",
    responses((status = 200, description = "The session (no `account` when nobody is signed in)", body = SessionInfo))
)]
async fn session_info(
    State(state): State<AppState>,
    _: Actor,
    session: Session,
) -> Result<Response, AppError> {
    Ok(private(
        Json(state.accounts.session_info(&session).await?).into_response(),
    ))
}

/// Signs in with e-mail address and password (a new session cookie).
#[utoipa::path(
    post, path = "/session", tag = "account",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in", body = SessionInfo),
        (status = 401, description = "Wrong address or password (`invalid_credentials`)", body = ErrorBody),
        (status = 403, description = "Address not confirmed yet (`email_not_verified`), or a request from another site", body = ErrorBody),
        (status = 429, description = "Too many attempts for this account or from this address", body = ErrorBody),
        (status = 503, description = "Too many sign-ins at once (`busy`)", body = ErrorBody),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    _: Actor,
    ClientAddr(client): ClientAddr,
    session: Session,
    ApiJson(req): ApiJson<SignIn>,
) -> Result<Response, AppError> {
    let info = state.accounts.sign_in(req, client, &session).await?;
    Ok(private(Json(info).into_response()))
}

/// Signs out (the session ends on every server).
#[utoipa::path(
    delete, path = "/session", tag = "account",
    responses((status = 204, description = "Signed out"))
)]
async fn sign_out(
    State(state): State<AppState>,
    _: Actor,
    session: Session,
) -> Result<Response, AppError> {
    state.accounts.sign_out(&session).await?;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// "Stay signed in": the idle timeout starts again.
#[utoipa::path(
    post, path = "/session/renew", tag = "account",
    responses(
        (status = 200, description = "Renewed", body = SessionInfo),
        (status = 401, description = "Not signed in (any more)", body = ErrorBody),
        (status = 403, description = "Staff have no account here, or a request from another site (`cross_site`)", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn renew(
    State(state): State<AppState>,
    actor: Actor,
    session: Session,
) -> Result<Response, AppError> {
    own(&state, &actor)?;
    Ok(private(
        Json(state.accounts.renew(&session).await?).into_response(),
    ))
}

impl From<EidError> for AppError {
    fn from(e: EidError) -> Self {
        match e {
            EidError::UnknownProvider => AppError::not_found(),
            EidError::LevelNotOffered => {
                AppError::text(StatusCode::UNPROCESSABLE_ENTITY, "level_not_offered", |t| {
                    t.level_not_offered
                })
            }
            EidError::ProviderUnavailable => {
                AppError::text(StatusCode::SERVICE_UNAVAILABLE, "eid_unavailable", |t| {
                    t.eid_unavailable
                })
                .retry_after(30)
            }
            _ => AppError::text(StatusCode::BAD_REQUEST, "bad_request", |t| t.bad_request),
        }
    }
}

/// The eID providers the portal signs in with (none when none is configured).
#[utoipa::path(
    get, path = "/auth/providers", tag = "account",
    responses((status = 200, description = "The providers, in the order to show them", body = Vec<EidProvider>))
)]
async fn eid_providers(State(state): State<AppState>, _: Actor) -> Response {
    let list: Vec<EidProvider> = state
        .accounts
        .providers()
        .list()
        .iter()
        .filter_map(|p| {
            Some(EidProvider {
                id: p.id.clone(),
                name: p.name.clone(),
                highest: p.highest()?,
            })
        })
        .collect();
    Json(list).into_response()
}

/// Starts an eID sign-in (or a step-up to a higher level): the address of the provider's
/// page to send the browser to. The provider sends it back to `/auth/oidc/callback`.
#[utoipa::path(
    post, path = "/auth/oidc/start", tag = "account",
    request_body = EidStart,
    responses(
        (status = 200, description = "Send the browser there", body = EidRedirect),
        (status = 403, description = "A request from another site (`cross_site`)", body = ErrorBody),
        (status = 404, description = "No such provider", body = ErrorBody),
        (status = 422, description = "The provider cannot confirm that level (`level_not_offered`)", body = ErrorBody),
        (status = 503, description = "The provider does not answer (`eid_unavailable`)", body = ErrorBody),
    )
)]
async fn eid_start(
    State(state): State<AppState>,
    _: Actor,
    session: Session,
    ApiJson(req): ApiJson<EidStart>,
) -> Result<Response, AppError> {
    let url = state
        .accounts
        .start_eid(&session, &req.provider, req.level, &req.return_to, req.lang)
        .await
        .map_err(|e| AppError::from(e).in_lang(req.lang))?;
    Ok(private(Json(EidRedirect { url }).into_response()))
}

/// What an OpenID provider sends back (the eID's and staff sign-in's callbacks).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct Callback {
    /// The authorization code.
    pub code: Option<String>,
    /// The `state` the sign-in started with.
    pub state: Option<String>,
    /// The provider's error (`access_denied`, `unmet_authentication_requirements`, …).
    pub error: Option<String>,
}

/// `303 See Other` to `to`, never stored by a cache (where a provider's callback sends the
/// browser on).
pub(crate) fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    private(res)
}

/// Where the eID provider sends the browser back: signs the person in and sends the browser on
/// to the page the sign-in started from; a refusal goes to the sign-in page with
/// `#eid=<reason>` (`level_too_low`, `cancelled`, `invalid`, `email_taken`, …).
#[utoipa::path(
    get, path = "/auth/oidc/callback", tag = "account",
    params(Callback),
    responses((status = 303, description = "On to the portal page"))
)]
async fn eid_callback(
    State(state): State<AppState>,
    _: Actor,
    session: Session,
    ApiQuery(q): ApiQuery<Callback>,
) -> Response {
    let to = match state
        .accounts
        .finish_eid(
            &session,
            q.code.as_deref(),
            q.state.as_deref(),
            q.error.as_deref(),
        )
        .await
    {
        Ok(to) => to,
        Err((e, page)) => format!("{page}#eid={}", e.code()),
    };
    see_other(&to)
}

impl From<DataError> for AppError {
    fn from(e: DataError) -> Self {
        match e {
            DataError::Conflict => {
                AppError::text(StatusCode::CONFLICT, "draft_conflict", |t| t.draft_conflict)
            }
            DataError::TooMany => AppError::filled(
                StatusCode::CONFLICT,
                "too_many_drafts",
                |t| t.too_many_drafts,
                vec![data::MAX_DRAFTS.to_string()],
            )
            .with_limit(data::MAX_DRAFTS as u64),
            DataError::NotFound => AppError::not_found(),
            DataError::Malformed(what) => AppError::bad_parameter(what),
            DataError::Account(e) => e.into(),
            DataError::Submission(e) => e.into(),
            DataError::Store(e) => e.into(),
        }
    }
}

/// The account's drafts from every device, newest first.
#[utoipa::path(
    get, path = "/account/drafts", tag = "account",
    responses(
        (status = 200, description = "The drafts", body = Vec<AccountDraft>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn list_drafts(State(state): State<AppState>, actor: Actor) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    Ok(private(
        Json(data::drafts(&state, &id).await?).into_response(),
    ))
}

/// One draft of the account.
#[utoipa::path(
    get, path = "/account/drafts/{key}", tag = "account",
    params(("key" = String, Path, description = "The draft's key")),
    responses(
        (status = 200, description = "The draft", body = AccountDraft),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here", body = ErrorBody),
        (status = 404, description = "No such draft in this account", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn get_draft(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(key): ApiPath<String>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    Ok(private(
        Json(data::draft(&state, &id, &key).await?).into_response(),
    ))
}

/// Saves a draft on top of the revision this device last saw; a newer save from another
/// device is never overwritten (409 `draft_conflict`: fetch it, let the citizen choose, save
/// again on top of it).
#[utoipa::path(
    put, path = "/account/drafts/{key}", tag = "account",
    params(("key" = String, Path, description = "The draft's key")),
    request_body = DraftSave,
    responses(
        (status = 200, description = "Saved as a new revision", body = AccountDraft),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff, or a request from another site", body = ErrorBody),
        (status = 409, description = "Another device saved meanwhile (`draft_conflict`), or too many drafts", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn save_draft(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(key): ApiPath<String>,
    ApiJson(req): ApiJson<DraftSave>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    Ok(private(
        Json(data::save_draft(&state, &id, &key, req).await?).into_response(),
    ))
}

/// Deletes a draft of the account (submitted or discarded).
#[utoipa::path(
    delete, path = "/account/drafts/{key}", tag = "account",
    params(("key" = String, Path, description = "The draft's key")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff, or a request from another site", body = ErrorBody),
        (status = 404, description = "No such draft in this account", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn delete_draft(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(key): ApiPath<String>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    data::delete_draft(&state, &id, &key).await?;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// The account's applications with their status and history, newest first.
#[utoipa::path(
    get, path = "/account/applications", tag = "account",
    responses(
        (status = 200, description = "The receipts", body = Vec<contract::submission::Receipt>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn list_applications(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    Ok(private(
        Json(data::applications(&state, &id).await?).into_response(),
    ))
}

/// Takes an application submitted on this device without an account into the account (its
/// receipt's access token shows it is the citizen's).
#[utoipa::path(
    post, path = "/account/applications", tag = "account",
    request_body = ClaimApplication,
    responses(
        (status = 200, description = "Taken in; its receipt", body = contract::submission::Receipt),
        (status = 401, description = "Not signed in, or an expired token (`token_expired`)", body = ErrorBody),
        (status = 403, description = "Staff, or a request from another site", body = ErrorBody),
        (status = 404, description = "No such application, or the token does not open it", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn claim_application(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(req): ApiJson<ClaimApplication>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    Ok(private(
        Json(data::claim(&state, &id, req).await?).into_response(),
    ))
}

/// Creates an organisation; the asker becomes its admin.
#[utoipa::path(
    post, path = "/organisations", tag = "organisations",
    request_body = NewOrganisation,
    responses(
        (status = 201, description = "Created", body = Organisation),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff, or a request from another site", body = ErrorBody),
        (status = 409, description = "The account is in too many organisations", body = ErrorBody),
        (status = 422, description = "No name, or a register number of no known shape", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn create_organisation(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(req): ApiJson<NewOrganisation>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    let org = organisations::create(&state, &id, req).await?;
    Ok(private((StatusCode::CREATED, Json(org)).into_response()))
}

/// The asker's organisations.
#[utoipa::path(
    get, path = "/organisations", tag = "organisations",
    responses(
        (status = 200, description = "The organisations", body = Vec<Organisation>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn my_organisations(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    Ok(private(
        Json(organisations::mine(&state, &id).await?).into_response(),
    ))
}

/// An organisation with its members (for its members).
#[utoipa::path(
    get, path = "/organisations/{id}", tag = "organisations",
    params(("id" = String, Path, description = "The organisation")),
    responses(
        (status = 200, description = "The organisation", body = Organisation),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here", body = ErrorBody),
        (status = 404, description = "No such organisation, or not a member", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn organisation(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    Ok(private(
        Json(organisations::get(&state, &actor, &id).await?).into_response(),
    ))
}

/// Invites someone by e-mail to the organisation (its admins).
#[utoipa::path(
    post, path = "/organisations/{id}/invitations", tag = "organisations",
    params(("id" = String, Path, description = "The organisation")),
    request_body = Invitation,
    responses(
        (status = 202, description = "The invitation was sent", body = CheckEmail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A member who is not an admin, staff, or another site", body = ErrorBody),
        (status = 404, description = "No such organisation, or not a member", body = ErrorBody),
        (status = 422, description = "Not an e-mail address", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn invite(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<Invitation>,
) -> Result<Response, AppError> {
    organisations::invite(&state, &actor, &id, req).await?;
    Ok(private(
        (StatusCode::ACCEPTED, Json(CheckEmail::new())).into_response(),
    ))
}

/// Accepts an invitation with the token from its link (the account must have the invited
/// address).
#[utoipa::path(
    post, path = "/organisations/invitations/accept", tag = "organisations",
    request_body = AcceptInvitation,
    responses(
        (status = 200, description = "A member now", body = Organisation),
        (status = 400, description = "Unknown, used or expired link, or for another address (`invalid_link`)", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff, or a request from another site", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn accept_invitation(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(req): ApiJson<AcceptInvitation>,
) -> Result<Response, AppError> {
    let id = own(&state, &actor)?;
    Ok(private(
        Json(organisations::accept(&state, &id, req).await?).into_response(),
    ))
}

/// Removes a member (its admins), or leaves (anyone, oneself); the last admin cannot leave.
#[utoipa::path(
    delete, path = "/organisations/{id}/members/{member}", tag = "organisations",
    params(
        ("id" = String, Path, description = "The organisation"),
        ("member" = String, Path, description = "The member's id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A member who is not an admin, staff, or another site", body = ErrorBody),
        (status = 404, description = "No such organisation or member", body = ErrorBody),
        (status = 409, description = "The last admin", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn remove_member(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, member)): ApiPath<(String, String)>,
) -> Result<Response, AppError> {
    organisations::remove(&state, &actor, &id, &member).await?;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// The organisation's applications (for its members), newest first.
#[utoipa::path(
    get, path = "/organisations/{id}/applications", tag = "organisations",
    params(("id" = String, Path, description = "The organisation")),
    responses(
        (status = 200, description = "The receipts", body = Vec<contract::submission::Receipt>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Staff have no account here", body = ErrorBody),
        (status = 404, description = "No such organisation, or not a member", body = ErrorBody),
    ),
    security(("session" = []))
)]
async fn organisation_applications(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    Ok(private(
        Json(organisations::applications(&state, &actor, &id).await?).into_response(),
    ))
}
