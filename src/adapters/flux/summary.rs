//! A Flux Kustomization as a row. Flux has no sync status of its own: the
//! row compares what the Kustomization applied last with the revision its
//! source has now, and reads health from Flux's Ready/Reconciling/Stalled
//! conditions, with Flux's own message when something failed.

use std::collections::HashMap;

use super::model::{FluxGitRepository, FluxKustomization, REQUESTED_AT_ANNOTATION, revision_sha};
use super::pin::{PINNED_ANNOTATION, PINNED_BY_ANNOTATION};
use crate::adapters::argocd::pause::{
    PAUSE_REASON_ANNOTATION, PAUSE_UNTIL_ANNOTATION, PAUSED_BY_ANNOTATION,
};
use crate::adapters::summary::{AppSummary, PauseSummary};
use crate::adapters::tool::Tool;

/// GitRepositories of one cluster by `(namespace, name)`.
pub type Sources<'a> = HashMap<(String, String), &'a FluxGitRepository>;

pub fn index_sources(repos: &[FluxGitRepository]) -> Sources<'_> {
    repos
        .iter()
        .map(|r| ((r.namespace().to_string(), r.name().to_string()), r))
        .collect()
}

/// The source of `ks` among `sources`, or why the row cannot use one.
pub fn find_source<'a>(
    ks: &FluxKustomization,
    sources: &Sources<'a>,
) -> Result<&'a FluxGitRepository, String> {
    let (ns, name) = ks.source_key();
    let kind = &ks.spec.source_ref.kind;
    if kind != "GitRepository" {
        return Err(format!("source {kind} {ns}/{name} is not read by recon"));
    }
    sources
        .get(&(ns.clone(), name.clone()))
        .copied()
        .ok_or_else(|| format!("source GitRepository {ns}/{name} not found"))
}

fn sync_status(ks: &FluxKustomization, source: Option<&FluxGitRepository>) -> &'static str {
    let applied = ks.last_applied_revision();
    let ready = ks
        .current_condition("Ready")
        .is_some_and(|c| c.status == "True");
    match source.and_then(FluxGitRepository::artifact_revision) {
        Some(have) if ready && applied == Some(have) => "Synced",
        Some(have) if applied != Some(have) => "OutOfSync",
        _ => "Unknown",
    }
}

/// Health and Flux's message when it is not healthy.
fn health(ks: &FluxKustomization) -> (&'static str, String) {
    if let Some(c) = ks.condition("Stalled").filter(|c| c.status == "True") {
        return ("Degraded", c.message.clone());
    }
    let reconciling = ks
        .condition("Reconciling")
        .is_some_and(|c| c.status == "True");
    match ks.condition("Ready") {
        Some(c) if c.status == "False" => ("Degraded", c.message.clone()),
        _ if reconciling => ("Progressing", String::new()),
        Some(c) if c.status == "Unknown" => ("Progressing", c.message.clone()),
        // Flux has not judged the current spec yet.
        Some(_) if ks.current_condition("Ready").is_none() => ("Progressing", String::new()),
        Some(_) => ("Healthy", String::new()),
        None => ("Unknown", String::new()),
    }
}

/// What is wrong with the source, when something is.
fn source_problem(source: &Result<&FluxGitRepository, String>) -> Option<String> {
    let repo = match source {
        Ok(r) => r,
        Err(why) => return Some(why.clone()),
    };
    if repo.spec.suspend {
        return Some(format!(
            "source GitRepository {} is suspended",
            repo.qualified_name()
        ));
    }
    match repo.condition("Ready") {
        Some(c) if c.status == "True" => None,
        Some(c) => Some(format!(
            "source GitRepository {} not ready: {}",
            repo.qualified_name(),
            c.message
        )),
        None => Some(format!(
            "source GitRepository {} not ready yet",
            repo.qualified_name()
        )),
    }
}

/// A reconcile asked for (by recon or `flux reconcile`) and not handled yet.
fn pending_request(ks: &FluxKustomization) -> Option<String> {
    let asked = ks.annotation(REQUESTED_AT_ANNOTATION)?;
    (ks.last_handled_reconcile_at() != Some(asked)).then(|| "reconcile requested".into())
}

pub fn summarize(context: &str, ks: &FluxKustomization, sources: &Sources<'_>) -> AppSummary {
    let source = find_source(ks, sources);
    let repo = source.as_ref().ok().copied();
    let (health, flux_message) = health(ks);
    let health_message = [Some(flux_message), source_problem(&source)]
        .into_iter()
        .flatten()
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    // A rollback pinned the source: shown paused, so resuming (p) unpins.
    let pin = repo.and_then(|r| {
        let notes = r.metadata.annotations.as_ref()?;
        let commit = notes.get(PINNED_ANNOTATION)?;
        Some((commit.clone(), notes.get(PINNED_BY_ANNOTATION).cloned()))
    });
    let paused = if ks.spec.suspend {
        Some(PauseSummary {
            until: ks.annotation(PAUSE_UNTIL_ANNOTATION).map(str::to_string),
            reason: ks.annotation(PAUSE_REASON_ANNOTATION).map(str::to_string),
            by: ks.annotation(PAUSED_BY_ANNOTATION).map(str::to_string),
        })
    } else {
        pin.as_ref().map(|(commit, by)| PauseSummary {
            until: None,
            reason: Some(format!(
                "rolled back: its source is pinned to {}",
                crate::text::short_sha(commit)
            )),
            by: by.clone(),
        })
    };
    AppSummary {
        tool: Tool::Flux,
        context: context.to_string(),
        namespace: ks.namespace().to_string(),
        name: ks.name().to_string(),
        sync: sync_status(ks, repo).into(),
        health: health.into(),
        health_message,
        revision: ks
            .last_applied_revision()
            .map(|r| revision_sha(r).to_string()),
        subject: None,
        target_revision: repo
            .and_then(|r| r.spec.reference.as_ref())
            .and_then(|r| r.target())
            .unwrap_or_default()
            .to_string(),
        repo_url: repo
            .map(|r| crate::git::redact_url(&r.spec.url))
            .unwrap_or_default(),
        path: ks.spec.path.clone(),
        // Flux applies its source's new revisions on every interval.
        auto_sync: !ks.spec.suspend,
        paused,
        pinned: pin.map(|(commit, _)| commit),
        operation: pending_request(ks),
        destination: None,
        destination_context: None,
        last_sync: None,
        created: ks
            .metadata
            .creation_timestamp
            .as_ref()
            .map(|t| t.0.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ks(status: serde_json::Value) -> FluxKustomization {
        serde_json::from_value(json!({
            "metadata": {"name": "web", "namespace": "apps", "generation": 1},
            "spec": {"sourceRef": {"kind": "GitRepository", "name": "repo"}, "path": "./deploy"},
            "status": status,
        }))
        .expect("kustomization")
    }

    fn repo(revision: &str) -> FluxGitRepository {
        serde_json::from_value(json!({
            "metadata": {"name": "repo", "namespace": "apps", "generation": 1},
            "spec": {"url": "https://u:tok@git.example/x.git", "ref": {"branch": "main"}},
            "status": {"observedGeneration": 1, "artifact": {"revision": revision},
                       "conditions": [{"type": "Ready", "status": "True"}]},
        }))
        .expect("gitrepository")
    }

    fn ready(applied: &str) -> serde_json::Value {
        json!({"observedGeneration": 1, "lastAppliedRevision": applied,
               "conditions": [{"type": "Ready", "status": "True", "message": "Applied revision"}]})
    }

    #[test]
    fn ready_at_the_sources_revision_is_synced_and_healthy() {
        let repos = [repo("main@sha1:0123456789abcdef")];
        let s = summarize(
            "ops",
            &ks(ready("main@sha1:0123456789abcdef")),
            &index_sources(&repos),
        );
        assert_eq!(s.tool, Tool::Flux);
        assert_eq!((s.sync.as_str(), s.health.as_str()), ("Synced", "Healthy"));
        assert_eq!(s.revision.as_deref(), Some("0123456789abcdef"));
        assert_eq!(s.target_revision, "main");
        assert!(!s.repo_url.contains("tok"), "{}", s.repo_url);
        assert!(s.health_message.is_empty(), "{}", s.health_message);
    }

    #[test]
    fn a_newer_source_revision_is_out_of_sync() {
        let repos = [repo("main@sha1:fedcba")];
        let s = summarize(
            "ops",
            &ks(ready("main@sha1:012345")),
            &index_sources(&repos),
        );
        assert_eq!(s.sync, "OutOfSync");
    }

    #[test]
    fn a_failure_shows_fluxs_message_and_a_missing_source_says_so() {
        let failed = ks(json!({"observedGeneration": 1, "conditions": [
            {"type": "Ready", "status": "False", "reason": "BuildFailed", "message": "kustomization path not found"}]}));
        let s = summarize("ops", &failed, &Sources::new());
        assert_eq!(
            (s.sync.as_str(), s.health.as_str()),
            ("Unknown", "Degraded")
        );
        assert!(
            s.health_message.contains("kustomization path not found")
                && s.health_message
                    .contains("source GitRepository apps/repo not found"),
            "{}",
            s.health_message
        );
    }

    #[test]
    fn reconciling_is_progressing_and_suspended_is_paused() {
        let mut k = ks(json!({"observedGeneration": 1, "conditions": [
            {"type": "Ready", "status": "Unknown", "reason": "Progressing"},
            {"type": "Reconciling", "status": "True"}]}));
        k.spec.suspend = true;
        let s = summarize("ops", &k, &Sources::new());
        assert_eq!(s.health, "Progressing");
        assert!(s.paused.is_some() && !s.auto_sync);
    }
}
