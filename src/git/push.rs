//! Pushing a commit to a branch of the origin as a compare-and-swap: the
//! update is refused unless the remote branch still points where we built on.

use std::cell::RefCell;

use git2::{Oid, ProxyOptions, PushOptions};

use super::auth::remote_callbacks;
use super::cache::SourceRepo;
use super::error::{GitError, RedactedError, push_error};

/// Why a push did not land, as seen from the callbacks.
#[derive(Default)]
struct PushObservations {
    /// The remote's current value when it was not the expected one.
    moved_to: Option<Oid>,
    /// Per-ref rejection reported by the server (hook, protection rule…).
    rejected: Option<String>,
}

/// Pushes `commit` to `refs/heads/<branch>` of the origin, only if the origin
/// branch currently points to `expected`.
///
/// The push negotiation callback compares the remote's advertised value with
/// `expected` before any object is sent; the server's own old-value check
/// closes the remaining window between advertisement and update.
pub(crate) fn push_if_unmoved(
    source: &SourceRepo,
    commit: Oid,
    branch: &str,
    expected: Oid,
) -> Result<(), GitError> {
    let raw_url = source.raw_url();
    let destination = format!("refs/heads/{branch}");
    let observations = RefCell::new(PushObservations::default());

    let mut callbacks = remote_callbacks(raw_url);
    callbacks.push_negotiation(|updates| {
        for update in updates {
            let is_ours = update.dst_refname().is_ok_and(|name| name == destination);
            if is_ours && update.src() != expected {
                observations.borrow_mut().moved_to = Some(update.src());
                return Err(git2::Error::from_str(
                    "remote branch moved since it was fetched",
                ));
            }
        }
        Ok(())
    });
    callbacks.push_update_reference(|refname, status| {
        if let Some(reason) = status {
            observations.borrow_mut().rejected = Some(format!("{refname} rejected: {reason}"));
        }
        Ok(())
    });
    let mut proxy = ProxyOptions::new();
    proxy.auto();
    let mut options = PushOptions::new();
    options.remote_callbacks(callbacks).proxy_options(proxy);

    let pushed = source
        .repo
        .remote_anonymous(raw_url)
        .and_then(|mut remote| {
            remote.push(&[format!("{commit}:{destination}")], Some(&mut options))
        });
    drop(options);
    let observations = observations.into_inner();

    if let Some(found) = observations.moved_to {
        return Err(GitError::BranchMoved {
            branch: branch.to_string(),
            expected: expected.to_string(),
            found: if found.is_zero() {
                "nothing (branch deleted)".to_string()
            } else {
                found.to_string()
            },
        });
    }
    if let Err(err) = pushed {
        return Err(push_error(raw_url, RedactedError::new(&err, raw_url)));
    }
    if let Some(reason) = observations.rejected {
        return Err(push_error(
            raw_url,
            RedactedError::from_message(reason, raw_url),
        ));
    }
    Ok(())
}
