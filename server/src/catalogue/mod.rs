//! The service catalogue as the server holds it: the directory (who is responsible where) and
//! the search index, built from the database and rebuilt when another process imports a new
//! catalogue (every instance polls the version stamp, so stateless servers stay consistent).
//!
//! - [`store`]: the catalogue tables.
//! - [`import`]: `schalter import`, from the open data and the embedded Swiss catalogue.
//! - [`routes`]: `/api/v1/search`, `/services/<id>`, `/municipalities`, `/topics`.

pub mod import;
pub mod routes;
pub mod service;
pub mod store;

use crate::authorities::local::LocalCache;
use crate::db::Db;
use arc_swap::ArcSwap;
use catalog::directory::Directory;
use catalog::model::Service;
use catalog::search::SearchIndex;
use catalog::synonyms::Synonyms;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// One consistent snapshot of the catalogue.
pub struct Catalogue {
    /// Places, offices, offerings.
    pub directory: Directory,
    /// The search index over all service variants.
    pub index: SearchIndex,
    /// Service variants by id (indices into `index.services()`).
    pub by_id: HashMap<String, Vec<usize>>,
    /// The stored version this snapshot was built from.
    pub version: Option<String>,
    /// Online forms by id: the authority publishing each (its municipalities may use it).
    pub form_owners: HashMap<String, String>,
    /// Authorities' local choices per municipality, resolved against this snapshot.
    pub locals: LocalCache,
}

impl Catalogue {
    /// Builds the snapshot from stored data.
    pub fn build(data: store::CatalogueData, version: Option<String>) -> anyhow::Result<Catalogue> {
        let synonyms = Synonyms::from_sources(
            data.vocabulary
                .iter()
                .map(|(s, j)| (s.as_str(), j.as_str())),
        )?;
        let directory = Directory::new(data.places, data.offices, data.offerings)?;
        let index = SearchIndex::build(data.services, &synonyms)?;
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in index.services().iter().enumerate() {
            by_id.entry(s.id.clone()).or_default().push(i);
        }
        Ok(Catalogue {
            directory,
            index,
            by_id,
            version,
            form_owners: data.form_owners.into_iter().collect(),
            locals: LocalCache::default(),
        })
    }

    /// The online form of a service for a municipality (any municipality when `None`): the
    /// service's form, if the municipality lies below the authority publishing it.
    pub fn form_for(&self, s: &Service, municipality: Option<&str>) -> Option<String> {
        let form = s.form.as_ref()?;
        let owner = self.form_owners.get(form)?;
        match municipality {
            None => Some(form.clone()),
            Some(m) => self
                .directory
                .chain(m)
                .iter()
                .any(|p| &p.id == owner)
                .then(|| form.clone()),
        }
    }

    /// The service variants with this id.
    pub fn variants(&self, id: &str) -> impl Iterator<Item = &Service> {
        self.by_id
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.index.services()[i])
    }
}

/// The current catalogue, swapped atomically when a new version is loaded.
#[derive(Clone)]
pub struct LiveCatalogue(Arc<ArcSwap<Catalogue>>);

impl LiveCatalogue {
    /// Loads the stored catalogue.
    pub async fn load(db: &Db) -> anyhow::Result<LiveCatalogue> {
        let version = store::version(db).await?;
        let started = std::time::Instant::now();
        let data = store::load(db).await?;
        let services = data.services.len();
        let catalogue =
            tokio::task::spawn_blocking(move || Catalogue::build(data, version)).await??;
        tracing::info!(
            services,
            ms = started.elapsed().as_millis() as u64,
            "catalogue loaded"
        );
        Ok(LiveCatalogue(Arc::new(ArcSwap::from_pointee(catalogue))))
    }

    /// The current snapshot.
    pub fn get(&self) -> Arc<Catalogue> {
        self.0.load_full()
    }

    /// Reloads when the stored version differs from the loaded one; returns whether it did.
    pub async fn refresh(&self, db: &Db) -> anyhow::Result<bool> {
        let stored = store::version(db).await?;
        if stored == self.get().version {
            return Ok(false);
        }
        let fresh = LiveCatalogue::load(db).await?;
        self.0.store(fresh.get());
        Ok(true)
    }

    /// Polls for new catalogue versions in the background.
    pub fn spawn_refresher(&self, db: Db, every: Duration) {
        let live = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.tick().await;
            loop {
                tick.tick().await;
                match live.refresh(&db).await {
                    Ok(true) => tracing::info!("catalogue reloaded"),
                    Ok(false) => {}
                    Err(e) => tracing::warn!(error = %e, "catalogue refresh failed"),
                }
            }
        });
    }
}
