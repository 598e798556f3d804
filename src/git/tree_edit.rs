//! Building a new tree that differs from a base tree at exactly one path,
//! without a working copy (the cache clones are bare).

use git2::{ObjectType, Oid, Repository, Tree};

pub(crate) const FILEMODE_TREE: i32 = 0o040000;

/// A tree entry to put at a path: object id and git file mode.
pub(crate) type EntrySpec = (Oid, i32);

/// The id of `base` with the entry at `path` replaced by `replacement`, or
/// removed when `replacement` is `None`. Directories left empty disappear,
/// as git cannot store them; all other entries keep their ids.
pub(crate) fn replace_path(
    repo: &Repository,
    base: &Tree<'_>,
    path: &[&str],
    replacement: Option<EntrySpec>,
) -> Result<Oid, git2::Error> {
    if path.is_empty() {
        return match replacement {
            Some((id, FILEMODE_TREE)) => Ok(id),
            Some(_) => Err(git2::Error::from_str(
                "the repository root can only be replaced by a tree",
            )),
            None => repo.treebuilder(None)?.write(),
        };
    }
    match rebuild(repo, Some(base), path, replacement)? {
        Some((id, _)) => Ok(id),
        None => repo.treebuilder(None)?.write(),
    }
}

/// Rewrites the chain of trees from `base` down to `path`; `None` when the
/// resulting tree would be empty.
fn rebuild(
    repo: &Repository,
    base: Option<&Tree<'_>>,
    path: &[&str],
    replacement: Option<EntrySpec>,
) -> Result<Option<EntrySpec>, git2::Error> {
    let Some((name, rest)) = path.split_first() else {
        return Ok(replacement);
    };
    let new_child = if rest.is_empty() {
        replacement
    } else {
        // A blob where a directory is needed is treated as absent: the
        // replacement wins, as it would in the target commit.
        let child_tree = match base.and_then(|tree| tree.get_name(name)) {
            Some(entry) if entry.kind() == Some(ObjectType::Tree) => {
                Some(repo.find_tree(entry.id())?)
            }
            _ => None,
        };
        rebuild(repo, child_tree.as_ref(), rest, replacement)?
    };

    let mut builder = repo.treebuilder(base)?;
    match new_child {
        Some((id, filemode)) => {
            builder.insert(name, id, filemode)?;
        }
        None => {
            if builder.get(name)?.is_some() {
                builder.remove(name)?;
            }
        }
    }
    if builder.is_empty() {
        return Ok(None);
    }
    Ok(Some((builder.write()?, FILEMODE_TREE)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(repo: &Repository, text: &str) -> Oid {
        repo.blob(text.as_bytes()).unwrap()
    }

    fn tree_with(repo: &Repository, files: &[(&str, &str)]) -> Oid {
        let mut tree = repo.treebuilder(None).unwrap().write().unwrap();
        for (path, text) in files {
            let base = repo.find_tree(tree).unwrap();
            let parts: Vec<&str> = path.split('/').collect();
            tree = replace_path(repo, &base, &parts, Some((blob(repo, text), 0o100644))).unwrap();
        }
        tree
    }

    #[test]
    fn replaces_removes_and_keeps_siblings() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path()).unwrap();
        let base_id = tree_with(&repo, &[("a/x", "1"), ("a/y", "2"), ("b/z", "3")]);
        let base = repo.find_tree(base_id).unwrap();

        let replaced = replace_path(
            &repo,
            &base,
            &["a", "x"],
            Some((blob(&repo, "9"), 0o100644)),
        )
        .unwrap();
        let replaced = repo.find_tree(replaced).unwrap();
        let x = replaced.get_path(std::path::Path::new("a/x")).unwrap();
        assert_eq!(x.id(), blob(&repo, "9"));
        assert_eq!(
            replaced.get_path(std::path::Path::new("b")).unwrap().id(),
            base.get_path(std::path::Path::new("b")).unwrap().id()
        );

        // Removing the only file of "b" removes the directory itself.
        let removed = replace_path(&repo, &base, &["b", "z"], None).unwrap();
        let removed = repo.find_tree(removed).unwrap();
        assert!(removed.get_name("b").is_none());
        assert!(removed.get_name("a").is_some());

        // Removing something absent is a no-op.
        assert_eq!(
            replace_path(&repo, &base, &["nope", "q"], None).unwrap(),
            base_id
        );
    }
}
