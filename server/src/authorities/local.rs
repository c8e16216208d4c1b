//! What an authority changed about its municipality's offer, applied wherever the catalogue
//! names who is responsible: services its admins switched off, and office contacts they keep
//! themselves. Read from the database per request (one query each, by municipality), so every
//! server sees a change at once.

use std::collections::{HashMap, HashSet};

use catalog::directory::{Directory, Responsible};
use catalog::model::Country;
use catalog::places::{Place, PlaceKind};
use contract::Lang;
use contract::api::Authority;
use contract::authority::{Hours, OfficeContact};

use crate::catalogue::Catalogue;
use crate::db::{Db, StoreResult};

/// The choices that apply in one municipality.
#[derive(Debug, Default, Clone)]
pub struct Local {
    municipality: Option<String>,
    off: HashSet<String>,
    contacts: HashMap<String, OfficeContact>,
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    office_id: String,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    opening_hours: Option<String>,
}

impl From<ContactRow> for OfficeContact {
    fn from(r: ContactRow) -> Self {
        OfficeContact {
            phone: r.phone.unwrap_or_default(),
            email: r.email.unwrap_or_default(),
            website: r.website.unwrap_or_default(),
            opening_hours: r
                .opening_hours
                .and_then(|h| serde_json::from_str(&h).ok())
                .unwrap_or_default(),
        }
    }
}

/// The contact an authority keeps for `office_id`, if it keeps one.
pub async fn contact(db: &Db, office_id: &str) -> StoreResult<Option<OfficeContact>> {
    let row: Option<ContactRow> = sqlx::query_as(
        "SELECT office_id, phone, email, website, opening_hours FROM office_contacts \
         WHERE office_id = $1",
    )
    .bind(office_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(Into::into))
}

/// Whether the municipality switched `service_id` off.
pub async fn switched_off(db: &Db, municipality: &str) -> StoreResult<HashSet<String>> {
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT service_id FROM municipal_services_off WHERE municipality = $1")
            .bind(municipality)
            .fetch_all(db.pool())
            .await?;
    Ok(ids.into_iter().collect())
}

impl Local {
    /// The choices for `municipality` (nothing without one, or for an unknown id).
    pub async fn load(db: &Db, cat: &Catalogue, municipality: Option<&str>) -> StoreResult<Local> {
        let Some(m) = municipality.and_then(|id| cat.directory.municipality(id)) else {
            return Ok(Local::default());
        };
        let chain: Vec<&str> = cat
            .directory
            .chain(&m.id)
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        let marks: Vec<String> = (1..=chain.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT office_id, phone, email, website, opening_hours FROM office_contacts \
             WHERE place_id IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query_as::<_, ContactRow>(&sql);
        for id in &chain {
            q = q.bind(*id);
        }
        let (off, rows) = tokio::try_join!(switched_off(db, &m.id), async {
            q.fetch_all(db.pool()).await.map_err(Into::into)
        })?;
        Ok(Local {
            municipality: Some(m.id.clone()),
            off,
            contacts: rows
                .into_iter()
                .map(|r| (r.office_id.clone(), r.into()))
                .collect(),
        })
    }

    /// Who is responsible for the service in `m`, unless the municipality, being responsible
    /// itself, switched it off.
    pub fn responsible<'d>(
        &self,
        dir: &'d Directory,
        service_id: &str,
        country: Country,
        m: &Place,
    ) -> Option<Responsible<'d>> {
        let r = dir.responsible(service_id, country, &m.id)?;
        let off = self.municipality.as_deref() == Some(m.id.as_str())
            && r.place.kind == PlaceKind::Municipality
            && r.place.id == m.id
            && self.off.contains(service_id);
        (!off).then_some(r)
    }

    /// The responsible authority as the API shows it, with the contact its authority keeps.
    pub fn authority(&self, r: &Responsible<'_>, lang: Lang) -> Authority {
        let mut a = crate::catalogue::service::authority(r, lang);
        let office = r
            .office
            .map(|o| o.id.clone())
            .unwrap_or_else(|| catalog::directory::Office::admin_id(&r.place.id));
        if let Some(c) = self.contacts.get(&office) {
            apply(&mut a.contact, c, lang);
        }
        a
    }
}

/// Puts what the authority keeps over the imported contact (an empty value keeps the
/// imported one).
fn apply(contact: &mut contract::api::Contact, c: &OfficeContact, lang: Lang) {
    let set = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
    if let Some(v) = set(&c.phone) {
        contact.phone = Some(v);
    }
    if let Some(v) = set(&c.email) {
        contact.email = Some(v);
    }
    if let Some(v) = set(&c.website) {
        contact.website = Some(v);
    }
    if let Some(v) = set(hours_in(&c.opening_hours, lang)) {
        contact.opening_hours = Some(v);
    }
}

/// Opening hours in `lang`, German where that one is empty.
pub fn hours_in(h: &Hours, lang: Lang) -> &str {
    let own = match lang {
        Lang::De => &h.de,
        Lang::Fr => &h.fr,
        Lang::It => &h.it,
        Lang::En => &h.en,
    };
    if own.trim().is_empty() { &h.de } else { own }
}
