//! History of a path, equal to `git log -- PATH` (default history
//! simplification), computed without diffs: a commit touched the path when
//! the path's tree entry (id and mode) differs from that in its parents.

use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::path::Path;

use git2::{Commit, ErrorCode, Oid, Repository};
use serde::{Deserialize, Serialize};

use crate::text::short_sha;

/// A commit as listed in a history view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitInfo {
    /// Full hex sha.
    pub id: String,
    /// First seven hex digits.
    pub short: String,
    pub author: String,
    pub email: String,
    /// Author time, which is what `git log` shows.
    pub time: jiff::Timestamp,
    /// First paragraph of the message, whitespace squashed.
    pub subject: String,
}

impl CommitInfo {
    pub(crate) fn from_commit(commit: &Commit<'_>) -> Self {
        let id = commit.id().to_string();
        let author = commit.author();
        Self {
            short: short_sha(&id),
            id,
            author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            time: jiff::Timestamp::from_second(author.when().seconds())
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
            subject: commit
                .summary_bytes()
                .map(|subject| String::from_utf8_lossy(subject).into_owned())
                .unwrap_or_default(),
        }
    }
}

/// The walk itself, mirroring git's revision walk: a queue ordered by
/// committer date (ties in insertion order), and for a merge that is
/// TREESAME to some parent, only that parent is followed.
pub(crate) fn touching_commits(
    repo: &Repository,
    start: Oid,
    path: &str,
    limit: usize,
) -> Result<Vec<Oid>, git2::Error> {
    let mut walk = Walk::new(repo, Path::new(path));
    let start_commit = repo.find_commit(start)?;
    walk.enqueue(&start_commit);
    let mut found = Vec::new();
    while found.len() < limit {
        let Some(pending) = walk.queue.pop() else {
            break;
        };
        let commit = repo.find_commit(pending.id)?;
        if walk.process(&commit)? {
            found.push(pending.id);
        }
    }
    Ok(found)
}

/// The path's tree entry in one commit: id and file mode (a mode change
/// is a change for git too). `None` when the path does not exist.
type PathEntry = Option<(Oid, i32)>;

pub(crate) struct Walk<'r> {
    repo: &'r Repository,
    /// Empty for the whole repository.
    path: &'r Path,
    queue: BinaryHeap<Pending>,
    seen: HashSet<Oid>,
    /// Entries computed for queued commits while looking at their children,
    /// taken out when the commit is processed so memory stays bounded by
    /// the walk's frontier.
    entries: HashMap<Oid, PathEntry>,
    next_seq: u64,
}

impl<'r> Walk<'r> {
    pub(crate) fn new(repo: &'r Repository, path: &'r Path) -> Self {
        Walk {
            repo,
            path,
            queue: BinaryHeap::new(),
            seen: HashSet::new(),
            entries: HashMap::new(),
            next_seq: 0,
        }
    }

    /// Whether a commit with at most one parent changed the path, as the
    /// walk would judge it (a root commit changes what it contains).
    pub(crate) fn changes_path(&self, commit: &Commit<'_>) -> Result<bool, git2::Error> {
        if self.path.as_os_str().is_empty() {
            return Ok(true);
        }
        let own = self.path_entry(commit.tree_id())?;
        match commit.parents().next() {
            None => Ok(own.is_some()),
            Some(parent) if parent.tree_id() == commit.tree_id() => Ok(false),
            Some(parent) => Ok(self.path_entry(parent.tree_id())? != own),
        }
    }

    fn enqueue(&mut self, commit: &Commit<'_>) {
        if self.seen.insert(commit.id()) {
            self.queue.push(Pending {
                time: commit.time().seconds(),
                seq: self.next_seq,
                id: commit.id(),
            });
            self.next_seq += 1;
        }
    }

    /// Queues the parents to follow and says whether `commit` is shown.
    fn process(&mut self, commit: &Commit<'r>) -> Result<bool, git2::Error> {
        let parents: Vec<Commit<'r>> = commit.parents().collect();
        if self.path.as_os_str().is_empty() {
            parents.iter().for_each(|parent| self.enqueue(parent));
            return Ok(true);
        }
        let own = match self.entries.remove(&commit.id()) {
            Some(entry) => entry,
            None => self.path_entry(commit.tree_id())?,
        };
        if parents.is_empty() {
            return Ok(own.is_some());
        }
        for parent in &parents {
            let parent_entry = if parent.tree_id() == commit.tree_id() {
                own
            } else {
                self.cached_entry(parent)?
            };
            if parent_entry == own {
                // TREESAME: this parent explains the path; prune the others.
                self.enqueue(parent);
                return Ok(false);
            }
        }
        parents.iter().for_each(|parent| self.enqueue(parent));
        Ok(true)
    }

    fn cached_entry(&mut self, commit: &Commit<'_>) -> Result<PathEntry, git2::Error> {
        if let Entry::Occupied(known) = self.entries.entry(commit.id()) {
            return Ok(*known.get());
        }
        let entry = self.path_entry(commit.tree_id())?;
        self.entries.insert(commit.id(), entry);
        Ok(entry)
    }

    fn path_entry(&self, tree_id: Oid) -> Result<PathEntry, git2::Error> {
        let tree = self.repo.find_tree(tree_id)?;
        match tree.get_path(self.path) {
            Ok(entry) => Ok(Some((entry.id(), entry.filemode()))),
            Err(err) if err.code() == ErrorCode::NotFound => Ok(None),
            Err(err) => Err(err),
        }
    }
}

/// A queued commit. Newest committer time first, then first queued first,
/// which is git's `commit_list_insert_by_date` order.
struct Pending {
    time: i64,
    seq: u64,
    id: Oid,
}

impl Ord for Pending {
    fn cmp(&self, other: &Self) -> Ordering {
        self.time
            .cmp(&other.time)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Pending {}
