//! The on-disk cache of bare clones: one per repository URL, cloned on first
//! use and fetched on demand.
//!
//! The URL is never written into the clone's config (fetches use an anonymous
//! remote and FETCH_HEAD is disabled), so a token in the URL stays in memory.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};

use git2::{AutotagOption, FetchOptions, FetchPrune, ProxyOptions, Repository};

use super::auth::remote_callbacks;
use super::error::{GitError, clone_error, fetch_error};
use super::lock::RepoLock;
use super::url::{cache_dir_name, is_scp_like, redact_url};

/// Where fetched branches and tags land. Branches go under the remote-tracking
/// namespace so the cache never pretends to have local branches.
const FETCH_REFSPECS: [&str; 2] = [
    "+refs/heads/*:refs/remotes/origin/*",
    "+refs/tags/*:refs/tags/*",
];

const SUPPORTED_SCHEMES: [&str; 7] = ["https", "http", "ssh", "git", "file", "git+ssh", "ssh+git"];

/// A directory of bare clones, shareable between tasks (clone it freely).
#[derive(Clone, Debug)]
pub struct RepoCache {
    root: PathBuf,
}

/// A handle on one cached bare clone. Each task opens its own handle
/// (libgit2 repositories are not `Sync`); writers are serialised per clone.
pub struct SourceRepo {
    pub(crate) repo: Repository,
    /// The URL as given to libgit2; may hold a secret, never display it.
    raw_url: String,
    dir: PathBuf,
    lock: RepoLock,
}

impl RepoCache {
    /// A cache rooted at `root` (created on first clone).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// `$XDG_CACHE_HOME/recon/repos` (or the platform equivalent); the temp
    /// dir when no cache dir is known, e.g. a container without `$HOME`.
    pub fn default_location() -> Self {
        let base = dirs::cache_dir().unwrap_or_else(std::env::temp_dir);
        Self::new(base.join("recon").join("repos"))
    }

    /// Directory holding the clones (one sub-directory per repository).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Opens the clone of `url`, cloning it first if it is not cached yet.
    /// An existing clone is not fetched: call [`SourceRepo::fetch`].
    pub fn open(&self, url: &str) -> Result<SourceRepo, GitError> {
        tune_libgit2();
        let raw_url = normalize_url(url)?;
        let dir = self.root.join(cache_dir_name(&raw_url));
        let lock = RepoLock::for_dir(&dir);
        let _guard = lock.acquire();

        let repo = match open_existing(&dir) {
            Some(repo) => repo,
            None => self.clone_into(&raw_url, &dir)?,
        };
        Ok(SourceRepo {
            repo,
            raw_url,
            dir,
            lock: lock.clone(),
        })
    }

    /// Clones into a private temp dir and renames it into place, so neither a
    /// crash nor another process ever sees a half-cloned repository.
    fn clone_into(&self, raw_url: &str, dir: &Path) -> Result<Repository, GitError> {
        static CLONE_COUNTER: AtomicU64 = AtomicU64::new(0);
        std::fs::create_dir_all(&self.root).map_err(|err| {
            GitError::io(
                format!("cannot create cache dir {}", self.root.display()),
                err,
            )
        })?;
        let file_name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
        let staging = self.root.join(format!(
            ".clone-{}-{}-{}",
            file_name.unwrap_or_default(),
            std::process::id(),
            CLONE_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        tracing::info!(url = %redact_url(raw_url), dir = %dir.display(), "cloning repository");

        // The staging handle is closed before the directory moves.
        let cloned = init_cache_repo(&staging).and_then(|repo| fetch_into(&repo, raw_url));
        if let Err(err) = cloned {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(clone_error(raw_url, &err));
        }
        if let Err(rename_err) = std::fs::rename(&staging, dir) {
            let _ = std::fs::remove_dir_all(&staging);
            // Another process may have won the race; its clone is as good.
            return open_existing(dir).ok_or_else(|| {
                GitError::io(
                    format!("cannot move clone into {}", dir.display()),
                    rename_err,
                )
            });
        }
        stamp_fetched(dir);
        Repository::open_bare(dir)
            .map_err(|err| GitError::git(format!("cannot open clone {}", dir.display()), err))
    }
}

/// A file in the clone whose modification time is the last good fetch.
const FETCHED_STAMP: &str = "recon-fetched";

/// Best effort: without the stamp the cache's age is shown as unknown.
fn stamp_fetched(dir: &Path) {
    if let Err(e) = std::fs::write(dir.join(FETCHED_STAMP), b"") {
        tracing::debug!(dir = %dir.display(), error = %e, "cannot stamp the fetch time");
    }
}

impl SourceRepo {
    /// The repository URL with any secret masked, for display.
    pub fn url(&self) -> String {
        redact_url(&self.raw_url)
    }

    /// Directory of the bare clone.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Fetches all branches and tags from the origin, pruning deleted ones.
    pub fn fetch(&self) -> Result<(), GitError> {
        let _guard = self.lock.acquire();
        self.fetch_locked()
    }

    /// Fetch for callers that already hold the repository lock.
    pub(crate) fn fetch_locked(&self) -> Result<(), GitError> {
        tracing::debug!(url = %self.url(), "fetching");
        fetch_into(&self.repo, &self.raw_url).map_err(|err| fetch_error(&self.raw_url, &err))?;
        stamp_fetched(&self.dir);
        Ok(())
    }

    /// When the clone last fetched (or was cloned), as far as it knows:
    /// the age shown when Git cannot be reached and the cache stands in.
    pub fn last_fetched(&self) -> Option<std::time::SystemTime> {
        std::fs::metadata(self.dir.join(FETCHED_STAMP))
            .and_then(|m| m.modified())
            .ok()
    }

    pub(crate) fn raw_url(&self) -> &str {
        &self.raw_url
    }

    pub(crate) fn lock(&self) -> &RepoLock {
        &self.lock
    }
}

impl fmt::Debug for SourceRepo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceRepo")
            .field("url", &self.url())
            .field("dir", &self.dir)
            .finish()
    }
}

/// libgit2 re-hashes every object it reads from disk, which git itself never
/// does; it costs about a fifth of a history walk. Objects in the cache were
/// hashed when fetched (the pack indexer computes every id), so skip it.
/// The option is process-wide, hence set once.
/// Initializes libgit2 on a thread of its own, now. Its first use loads
/// OpenSSL's whole CA bundle (~25 ms): a command that will read Git starts
/// this first, so it overlaps the kubeconfig and API server round trips
/// instead of following them.
pub fn warm_up_in_background() {
    std::thread::spawn(tune_libgit2);
}

fn tune_libgit2() {
    static TUNED: Once = Once::new();
    TUNED.call_once(|| git2::opts::strict_hash_verification(false));
}

/// Checks the URL form and turns a local path into an absolute one, so the
/// cache key does not depend on the current directory.
fn normalize_url(url: &str) -> Result<String, GitError> {
    let url = url.trim();
    let unsupported = |reason: &str| GitError::UnsupportedUrl {
        url: redact_url(url),
        reason: reason.to_string(),
    };
    if url.is_empty() {
        return Err(unsupported("empty URL"));
    }
    if let Some((scheme, _)) = url.split_once("://") {
        let scheme = scheme.to_ascii_lowercase();
        return if SUPPORTED_SCHEMES.contains(&scheme.as_str()) {
            Ok(url.to_string())
        } else {
            Err(unsupported("scheme must be https, http, ssh, git or file"))
        };
    }
    if is_scp_like(url) {
        return Ok(url.to_string());
    }
    let absolute = std::path::absolute(url)
        .map_err(|err| GitError::io(format!("cannot resolve local path {url}"), err))?;
    // libgit2 reports a missing local path as "unsupported URL protocol".
    if !absolute.exists() {
        return Err(unsupported("no such local path"));
    }
    absolute
        .into_os_string()
        .into_string()
        .map_err(|_| unsupported("local path is not valid UTF-8"))
}

/// Opens a cached clone, discarding a directory that is not a usable bare
/// repository (e.g. left by an older layout): it is only a cache.
fn open_existing(dir: &Path) -> Option<Repository> {
    if !dir.exists() {
        return None;
    }
    match Repository::open_bare(dir) {
        Ok(repo) => Some(repo),
        Err(err) => {
            tracing::warn!(dir = %dir.display(), error = %err, "discarding unusable cache entry");
            let _ = std::fs::remove_dir_all(dir);
            None
        }
    }
}

fn init_cache_repo(dir: &Path) -> Result<Repository, git2::Error> {
    let repo = Repository::init_bare(dir)?;
    // Reflogs would record every fetch and are useless in a cache.
    repo.config()?.set_bool("core.logAllRefUpdates", false)?;
    Ok(repo)
}

/// Fetches branches and tags of `raw_url` into `repo` and records the
/// remote's default branch as `refs/remotes/origin/HEAD`.
fn fetch_into(repo: &Repository, raw_url: &str) -> Result<(), git2::Error> {
    let mut remote = repo.remote_anonymous(raw_url)?;
    let mut proxy = ProxyOptions::new();
    proxy.auto();
    let mut options = FetchOptions::new();
    options
        .remote_callbacks(remote_callbacks(raw_url))
        .proxy_options(proxy)
        .prune(FetchPrune::On)
        .download_tags(AutotagOption::All)
        // FETCH_HEAD would store the raw URL, token included, on disk.
        .update_fetchhead(false);
    remote.fetch(&FETCH_REFSPECS, Some(&mut options), Some("recon: fetch"))?;

    // The advertised refs outlive the connection, so HEAD can be read now.
    match remote.default_branch() {
        Ok(head) => record_origin_head(repo, head.as_str().unwrap_or_default()),
        Err(err) => tracing::debug!(error = %err, "remote did not advertise HEAD"),
    }
    Ok(())
}

fn record_origin_head(repo: &Repository, remote_head: &str) {
    let Some(branch) = remote_head.strip_prefix("refs/heads/") else {
        return;
    };
    let tracking = format!("refs/remotes/origin/{branch}");
    if repo.find_reference(&tracking).is_err() {
        return;
    }
    if let Err(err) = repo.reference_symbolic(
        "refs/remotes/origin/HEAD",
        &tracking,
        true,
        "recon: remote HEAD",
    ) {
        tracing::debug!(error = %err, "cannot record origin HEAD");
    }
}
