//! `GET /api/v1/forms/<id>`, `POST /api/v1/forms/<id>/validate`,
//! `GET /api/v1/forms/<id>/overlay-status`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use catalog::model::Country;
use catalog::places::Place;
use contract::Lang;
use contract::api::{FormResponse, ValidateRequest, ValidateResponse};
use contract::form::overlay::OverlayStatus;
use contract::form::{Context, FormDefinition};
use serde::Deserialize;

use super::store;
use crate::AppState;
use crate::catalogue::Catalogue;
use crate::catalogue::routes::{authority, find_municipality, municipality_ref, parse_lang};
use crate::error::AppError;

/// The form routes, mounted under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/forms/{id}", get(form))
        .route("/forms/{id}/validate", post(validate))
        .route("/forms/{id}/overlay-status", get(overlay_status))
}

/// Query of `GET /api/v1/forms/<id>`.
#[derive(Debug, Deserialize)]
pub struct FormParams {
    municipality: Option<String>,
    lang: Option<String>,
    version: Option<String>,
}

/// Refuses a municipality outside the form's owner (Thüringen's form for a Swiss commune).
fn check_offered(
    cat: &Catalogue,
    form: &FormDefinition,
    municipality: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let chain = cat.directory.chain(municipality);
    if chain.iter().any(|p| p.id == form.owner) {
        return Ok(());
    }
    let owner = cat
        .directory
        .place(&form.owner)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| form.owner.clone());
    let name = chain.first().map(|p| p.name.clone()).unwrap_or_default();
    let message = match lang {
        Lang::De => format!("Dieses Formular gilt für {owner}; {name} bietet es nicht an."),
        Lang::Fr => format!("Ce formulaire vaut pour {owner} ; {name} ne le propose pas."),
        Lang::It => format!("Questo modulo vale per {owner}; {name} non lo offre."),
        Lang::En => format!("This form is for {owner}; {name} does not offer it."),
    };
    Err(AppError::Refused {
        status: StatusCode::NOT_FOUND,
        code: "not_offered",
        message,
    })
}

fn version_param(v: Option<&str>) -> Result<Option<(u32, u32)>, AppError> {
    match v {
        None | Some("") => Ok(None),
        Some(tag) => store::parse_version(tag).map(Some).ok_or_else(|| {
            AppError::BadRequest(format!(
                "version {tag:?}: expected <template>.<overlay>, e.g. 2.1"
            ))
        }),
    }
}

fn unknown_version(id: &str, tag: &str) -> AppError {
    AppError::Refused {
        status: StatusCode::CONFLICT,
        code: "unknown_form_version",
        message: format!("Form {id} has no version {tag} for this municipality."),
    }
}

/// The form a request names: 404 for an unknown form, `not_offered` outside the template's
/// owner, `unknown_form_version` for a version (tag `"2.1"`; current when absent) not stored.
pub(crate) async fn load_form(
    state: &AppState,
    cat: &Catalogue,
    id: &str,
    m: Option<&Place>,
    version_tag: Option<&str>,
    lang: Lang,
) -> Result<FormDefinition, AppError> {
    let version = version_param(version_tag)?;
    let template = store::template(&state.db, id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(m) = m {
        check_offered(cat, &template, &m.id, lang)?;
    }
    store::effective(&state.db, id, m.map(|m| m.id.as_str()), version)
        .await?
        .ok_or_else(|| unknown_version(id, version_tag.unwrap_or("")))
}

async fn form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(p): Query<FormParams>,
) -> Result<Json<FormResponse>, AppError> {
    let cat = state.catalogue.get();
    let lang = parse_lang(p.lang.as_deref())?;
    let m = find_municipality(&cat, p.municipality.as_deref())?;
    let form = load_form(&state, &cat, &id, m, p.version.as_deref(), lang).await?;
    let country = match form.country.as_str() {
        "ch" => Country::Ch,
        _ => Country::De,
    };
    let authority = m.and_then(|m| {
        form.services
            .iter()
            .find_map(|s| cat.directory.responsible(s, country, &m.id))
            .map(|r| authority(&r, lang))
    });
    Ok(Json(FormResponse {
        version: form.version_tag(),
        municipality: m.map(|m| municipality_ref(&cat, m)),
        authority,
        form,
    }))
}

async fn validate(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(req): Json<ValidateRequest>,
) -> Result<Json<ValidateResponse>, AppError> {
    let cat = state.catalogue.get();
    let lang = req.lang.unwrap_or_default();
    let m = find_municipality(&cat, req.municipality.as_deref())?;
    let form = load_form(&state, &cat, &id, m, req.version.as_deref(), lang).await?;
    let today = super::today();
    let errors: Vec<_> = form
        .validate(&req.answers, &Context { today })
        .into_iter()
        .map(|e| e.localise(lang))
        .collect();
    Ok(Json(ValidateResponse {
        version: form.version_tag(),
        valid: errors.is_empty(),
        fees: form.fees(&req.answers),
        errors,
        today: contract::form::checks::iso(today),
    }))
}

/// Query of `GET /api/v1/forms/<id>/overlay-status`.
#[derive(Debug, Deserialize)]
pub struct StatusParams {
    municipality: String,
}

async fn overlay_status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(p): Query<StatusParams>,
) -> Result<Json<OverlayStatus>, AppError> {
    store::overlay_status(&state.db, &id, &p.municipality)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound)
}
