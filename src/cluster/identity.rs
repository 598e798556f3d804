//! Who recon acts as: the Kubernetes identity from SelfSubjectReview, the
//! name recorded in status history, Events and the audit journal.

use k8s_openapi::api::authentication::v1::SelfSubjectReview;
use kube::api::{Api, PostParams};

use super::contexts::Cluster;
use super::error::ClusterError;

pub async fn whoami(cluster: &Cluster) -> Result<String, ClusterError> {
    let api: Api<SelfSubjectReview> = Api::all(cluster.client.clone());
    let review = SelfSubjectReview::default();
    let out = cluster
        .call(
            "SelfSubjectReview",
            api.create(&PostParams::default(), &review),
        )
        .await?;
    Ok(out
        .status
        .and_then(|s| s.user_info)
        .and_then(|u| u.username)
        .unwrap_or_else(|| "unknown".into()))
}
