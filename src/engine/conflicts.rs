//! Field-manager conflicts a sync would run into, found before it runs: a
//! dry-run apply without force for each object that would change. Lets a
//! confirmation say "kubectl-edit owns .spec.replicas: force to take it".

use futures::future::join_all;

use crate::cluster::{Cluster, ClusterError, live};
use crate::engine::drift::{DriftReport, DriftState};
use crate::engine::prepare::PreparedObject;
use crate::engine::render::ObjectKey;

/// One object whose apply would conflict, with the other managers and the server's words.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub key: ObjectKey,
    pub managers: Vec<String>,
    pub message: String,
}

pub async fn find(
    cluster: &Cluster,
    report: &DriftReport,
    desired: &[PreparedObject],
) -> Vec<Conflict> {
    let checks = desired
        .iter()
        .filter(|o| {
            report
                .objects
                .iter()
                .any(|d| d.key == o.key && d.state == DriftState::OutOfSync)
        })
        .filter_map(|o| o.resolved.as_ref().map(|r| (o, r)))
        .map(|(o, r)| async move {
            let opts = live::ApplyOptions {
                force: false,
                dry_run: true,
            };
            match live::apply(
                cluster,
                r,
                o.key.namespace.as_deref(),
                &o.key.name,
                &o.object,
                opts,
            )
            .await
            {
                Err(ClusterError::Conflict {
                    managers, message, ..
                }) => Some(Conflict {
                    key: o.key.clone(),
                    managers,
                    message,
                }),
                _ => None,
            }
        });
    join_all(checks).await.into_iter().flatten().collect()
}
