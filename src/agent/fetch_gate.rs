//! One Git fetch per repository and interval, however many apps use it:
//! concurrent reconciles of apps on one repository wait for one fetch and
//! then read the cache.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::engine::error::EngineError;
use crate::engine::ops::{Engine, blocking};

type Slot = Arc<tokio::sync::Mutex<Option<Instant>>>;

#[derive(Clone, Default)]
pub struct FetchGate {
    last: Arc<Mutex<HashMap<String, Slot>>>,
    fetches: Arc<AtomicU64>,
}

impl FetchGate {
    /// Fetches `url` unless it was fetched less than `fresh` ago. True when
    /// this call fetched.
    pub async fn ensure_fresh(
        &self,
        engine: &Engine,
        app: &str,
        url: &str,
        fresh: Duration,
    ) -> Result<bool, EngineError> {
        let slot = {
            let mut map = self.last.lock().unwrap_or_else(PoisonError::into_inner);
            map.entry(url.to_string()).or_default().clone()
        };
        let mut last = slot.lock().await;
        if last.is_some_and(|t| t.elapsed() < fresh) {
            return Ok(false);
        }
        let (repos, url, id) = (engine.repos.clone(), url.to_string(), app.to_string());
        blocking(app, move || {
            let repo = repos.open(&url).map_err(|e| EngineError::git(&id, e))?;
            repo.fetch().map_err(|e| EngineError::git(&id, e))
        })
        .await?;
        *last = Some(Instant::now());
        self.fetches.fetch_add(1, Ordering::Relaxed);
        Ok(true)
    }

    /// When `url` was last fetched; None when never, or while a fetch of it
    /// is running (its result is not known yet).
    pub fn fetched_at(&self, url: &str) -> Option<Instant> {
        let slot = self
            .last
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(url)
            .cloned()?;
        let last = slot.try_lock().ok()?;
        *last
    }

    /// Fetches done so far (all repositories).
    pub fn fetches(&self) -> u64 {
        self.fetches.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbed::RepoBuilder;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn apps_on_one_repository_share_one_fetch_per_interval() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut repo = RepoBuilder::init_bare(&dir.path().join("origin.git")).expect("repo");
        repo.write("a/cm.yaml", "kind: ConfigMap\n");
        repo.commit_as("one", "Dev", "dev@example.com")
            .expect("commit");
        let engine = Engine::new(crate::git::RepoCache::new(dir.path().join("cache")));
        let gate = FetchGate::default();
        let url = repo.url();
        let fresh = Duration::from_secs(60);
        let calls = (0..10).map(|i| {
            let (gate, engine, url) = (gate.clone(), engine.clone(), url.clone());
            tokio::spawn(async move {
                gate.ensure_fresh(&engine, &format!("ns/app-{i}"), &url, fresh)
                    .await
            })
        });
        for call in futures::future::join_all(calls).await {
            call.expect("joined").expect("fetched or fresh");
        }
        assert_eq!(gate.fetches(), 1, "ten apps, one fetch");
        gate.ensure_fresh(&engine, "ns/late", &url, Duration::ZERO)
            .await
            .expect("fetch");
        assert_eq!(gate.fetches(), 2, "a stale repository is fetched again");
    }
}
