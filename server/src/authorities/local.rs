//! What an authority changed about its municipality's offer, applied wherever the catalogue
//! names who is responsible: services its admins switched off, and office contacts they keep
//! themselves.
//!
//! [`Local::load`] reads them from the database (one query, by municipality); the
//! submission path uses it, so an application is checked against the stored state. The
//! catalogue's read-only pages (search, service pages, topics, the embedded widget) use a
//! [`LocalCache`] instead: per municipality, the choices and which services are offered there,
//! kept until the version stamp of all local choices changes. Every change writes a new stamp
//! ([`changed`]); the process that made it sees it at once, every other process within
//! [`CHECK_EVERY`] (it reads the stamp at most that often), so several servers on one
//! PostgreSQL agree without a query per request.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use catalog::directory::{Directory, Responsible};
use catalog::model::{Country, Service};
use catalog::places::{Place, PlaceKind};
use contract::Lang;
use contract::api::Authority;
use contract::authority::{Hours, OfficeContact};

use crate::catalogue::Catalogue;
use crate::db::{Db, StoreResult};

/// The key of the version stamp of all local choices in `portal_meta`.
const VERSION_KEY: &str = "local_choices_version";

/// How often a process reads the version stamp: another process's change is seen after at
/// most this long.
pub const CHECK_EVERY: Duration = Duration::from_millis(500);

/// Municipalities a cache holds at most; when full, it starts over (an entry is ~1 KB).
const MAX_ENTRIES: usize = 2048;

/// Bytes of serialised answers a cache holds at most; when full, it starts over.
const MAX_ANSWER_BYTES: usize = 2 << 20;

/// The choices that apply in one municipality.
#[derive(Debug, Default, Clone)]
pub struct Local {
    municipality: Option<String>,
    off: HashSet<String>,
    contacts: HashMap<String, OfficeContact>,
}

#[derive(sqlx::FromRow)]
struct ContactRow {
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
        if municipality
            .and_then(|id| cat.directory.municipality(id))
            .is_none()
        {
            return Ok(Local::default());
        }
        let mut conn = db.pool().acquire().await?;
        Local::load_in(&mut conn, cat, municipality).await
    }

    /// The choices for `municipality` read on a connection of the caller's, in one query
    /// (nothing without a municipality, or for an unknown id).
    pub async fn load_in(
        conn: &mut sqlx::AnyConnection,
        cat: &Catalogue,
        municipality: Option<&str>,
    ) -> StoreResult<Local> {
        let Some(m) = municipality.and_then(|id| cat.directory.municipality(id)) else {
            return Ok(Local::default());
        };
        let chain: Vec<&str> = cat
            .directory
            .chain(&m.id)
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        let marks: Vec<String> = (2..=chain.len() + 1).map(|i| format!("${i}")).collect();
        // A row per contact kept for an office of the chain (`off_service` empty), and one per
        // service switched off (only `off_service`); every column typed alike on both engines.
        let sql = format!(
            "SELECT office_id, phone, email, website, opening_hours, \
             CAST(NULL AS TEXT) AS off_service FROM office_contacts WHERE place_id IN ({}) \
             UNION ALL SELECT CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), \
             CAST(NULL AS TEXT), CAST(NULL AS TEXT), service_id \
             FROM municipal_services_off WHERE municipality = $1",
            marks.join(", ")
        );
        #[derive(sqlx::FromRow)]
        struct Row {
            office_id: Option<String>,
            phone: Option<String>,
            email: Option<String>,
            website: Option<String>,
            opening_hours: Option<String>,
            off_service: Option<String>,
        }
        let mut q = sqlx::query_as::<_, Row>(&sql).bind(&m.id);
        for id in &chain {
            q = q.bind(*id);
        }
        let mut local = Local {
            municipality: Some(m.id.clone()),
            ..Local::default()
        };
        for r in q.fetch_all(&mut *conn).await? {
            match (r.off_service, r.office_id) {
                (Some(service), _) => {
                    local.off.insert(service);
                }
                (None, Some(office_id)) => {
                    let contact = ContactRow {
                        phone: r.phone,
                        email: r.email,
                        website: r.website,
                        opening_hours: r.opening_hours,
                    };
                    local.contacts.insert(office_id, contact.into());
                }
                (None, None) => {}
            }
        }
        Ok(local)
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

/// Records that local choices changed (after the change is stored): a new version stamp for
/// every process, and this process's cache of `cat` forgets what it holds at once.
pub async fn changed(db: &Db, cat: &Catalogue) -> StoreResult<()> {
    let stamp = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO portal_meta (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(VERSION_KEY)
    .bind(stamp)
    .execute(db.pool())
    .await?;
    cat.locals.invalidate();
    Ok(())
}

async fn stored_version(db: &Db) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM portal_meta WHERE key = $1")
            .bind(VERSION_KEY)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// A municipality's choices with what they mean for one catalogue snapshot: which service
/// variants are offered there (one bit per variant of the search index).
#[derive(Debug, Default)]
pub struct LocalView {
    /// The choices.
    pub local: Local,
    offered: Vec<u64>,
}

impl LocalView {
    /// Resolves, for every service variant of `cat`, whether it is offered in `m`.
    fn build(cat: &Catalogue, local: Local, m: &Place) -> LocalView {
        let services = cat.index.services();
        let mut offered = vec![0u64; services.len().div_ceil(64)];
        for (i, s) in services.iter().enumerate() {
            if local
                .responsible(&cat.directory, &s.id, s.country, m)
                .is_some()
            {
                offered[i / 64] |= 1 << (i % 64);
            }
        }
        LocalView { local, offered }
    }

    /// Whether service variant `s` of `cat` is offered in `m` (the same as
    /// `self.local.responsible(…).is_some()`, answered from the bits where they apply).
    pub fn offers(&self, cat: &Catalogue, s: &Service, m: &Place) -> bool {
        if self.local.municipality.as_deref() == Some(m.id.as_str())
            && let Some(i) = index_of(cat.index.services(), s)
            && let Some(word) = self.offered.get(i / 64)
        {
            return word & (1 << (i % 64)) != 0;
        }
        self.local
            .responsible(&cat.directory, &s.id, s.country, m)
            .is_some()
    }
}

/// The position of `s` in `services`, if it is one of its elements (by address, not by value).
fn index_of(services: &[Service], s: &Service) -> Option<usize> {
    let size = std::mem::size_of::<Service>().max(1);
    let offset = (s as *const Service as usize).checked_sub(services.as_ptr() as usize)?;
    let i = offset / size;
    (offset % size == 0 && i < services.len() && std::ptr::eq(&services[i], s)).then_some(i)
}

/// Per municipality, its [`LocalView`] for one catalogue snapshot, valid while the stored
/// version stamp is the one it was read under.
#[derive(Debug, Default)]
pub struct LocalCache {
    state: Mutex<CacheState>,
    /// Whether a request is reading the stamp now (the others use the one they have).
    checking: AtomicBool,
}

#[derive(Debug, Default)]
struct CacheState {
    /// The stamp the entries belong to.
    version: Option<String>,
    /// When the stamp was last read; `None`: read it before answering.
    checked: Option<Instant>,
    entries: HashMap<String, Arc<LocalView>>,
    /// Serialised answers by request (see [`LocalCache::answer`]), and their total size.
    answers: HashMap<String, bytes::Bytes>,
    answer_bytes: usize,
}

impl CacheState {
    fn clear(&mut self) {
        self.entries.clear();
        self.answers.clear();
        self.answer_bytes = 0;
    }
}

/// What a view was resolved under: the version stamp it belongs to (for [`LocalCache::keep`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp(Option<String>);

impl LocalCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Forgets every entry and reads the stamp again before the next answer.
    pub fn invalidate(&self) {
        let mut st = self.lock();
        st.clear();
        st.checked = None;
    }

    /// The stamp, read from the database when the last reading is older than [`CHECK_EVERY`]
    /// (or was invalidated); entries of another stamp are dropped.
    async fn version(&self, db: &Db) -> StoreResult<Option<String>> {
        let (due, version) = {
            let st = self.lock();
            (
                st.checked.is_none_or(|t| t.elapsed() >= CHECK_EVERY),
                st.version.clone(),
            )
        };
        if !due {
            return Ok(version);
        }
        let invalidated = self.lock().checked.is_none();
        // One request reads the stamp; while it does, the others go on with the one they have,
        // unless this cache was invalidated (then each waits for a reading of its own).
        if !invalidated && self.checking.swap(true, Ordering::AcqRel) {
            return Ok(version);
        }
        let read = stored_version(db).await;
        if !invalidated {
            self.checking.store(false, Ordering::Release);
        }
        let stored = match read {
            Ok(stored) => stored,
            // The database is unreachable: what this process holds stays valid until it can
            // read the stamp again (a municipality it never saw still needs the database).
            Err(e) if !invalidated => {
                tracing::warn!(error = %e, "local choices: version stamp unreadable, keeping the cached ones");
                self.lock().checked = Some(Instant::now());
                return Ok(version);
            }
            Err(e) => return Err(e),
        };
        let mut st = self.lock();
        if st.version != stored {
            st.clear();
            st.version = stored.clone();
        }
        st.checked = Some(Instant::now());
        Ok(stored)
    }

    /// The view of `municipality` (an empty one without a municipality or for an unknown id).
    pub async fn get(
        &self,
        db: &Db,
        cat: &Catalogue,
        municipality: Option<&str>,
    ) -> StoreResult<Arc<LocalView>> {
        Ok(self.get_stamped(db, cat, municipality).await?.0)
    }

    /// [`LocalCache::get`] with the stamp the view belongs to.
    pub async fn get_stamped(
        &self,
        db: &Db,
        cat: &Catalogue,
        municipality: Option<&str>,
    ) -> StoreResult<(Arc<LocalView>, Stamp)> {
        let Some(m) = municipality.and_then(|id| cat.directory.municipality(id)) else {
            // No local choice applies: nothing to read (the search goes on while the database
            // is down).
            let version = self.lock().version.clone();
            return Ok((Arc::default(), Stamp(version)));
        };
        let version = self.version(db).await?;
        let stamp = Stamp(version.clone());
        if let Some(view) = self.lock().entries.get(&m.id) {
            return Ok((view.clone(), stamp));
        }
        let local = Local::load(db, cat, Some(&m.id)).await?;
        let view = Arc::new(LocalView::build(cat, local, m));
        let mut st = self.lock();
        // Kept only if no newer stamp was read meanwhile (then the rows may predate it).
        if st.version == version && st.checked.is_some() {
            if st.entries.len() >= MAX_ENTRIES {
                st.entries.clear();
            }
            st.entries.insert(m.id.clone(), view.clone());
        }
        Ok((view, stamp))
    }

    /// A serialised answer kept for `key` (a request of the catalogue's, written out whole)
    /// under the current stamp. Citizens typing ask the same few things again and again.
    pub fn answer(&self, key: &str) -> Option<bytes::Bytes> {
        self.lock().answers.get(key).cloned()
    }

    /// Keeps the answer to `key`, computed from views of `stamp`, unless a newer stamp was
    /// read meanwhile.
    pub fn keep(&self, key: String, stamp: &Stamp, answer: bytes::Bytes) {
        let mut st = self.lock();
        if st.version != stamp.0 || st.checked.is_none() || answer.len() > MAX_ANSWER_BYTES / 64 {
            return;
        }
        if st.answer_bytes + answer.len() > MAX_ANSWER_BYTES {
            st.answers.clear();
            st.answer_bytes = 0;
        }
        st.answer_bytes += answer.len() + key.len();
        st.answers.insert(key, answer);
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
