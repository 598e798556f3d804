//! The logs viewer's backend: finds the pods a resource stands for, picks
//! the pod and container asked for (else the newest pod, its first
//! container), and streams that container's log to the console in batches.

use std::sync::Arc;

use futures::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use super::context::{Shared, describe};
use crate::adapters::Located;
use crate::cluster::logs::{LogRequest, pods_for, stream};
use crate::cluster::{Cluster, ClusterError};
use crate::engine::source::Fetch;
use crate::tui::log_buffer::MAX_LINES;
use crate::tui::{AppId, LogPod, Msg, ResourceRef};

/// Lines sent in one message at most: a burst becomes a few screen updates.
const BATCH: usize = 500;

/// What the viewer asked for.
pub struct LogsAsk {
    pub app: AppId,
    pub resource: ResourceRef,
    pub pod: Option<String>,
    pub container: Option<String>,
    pub follow: bool,
    pub previous: bool,
}

pub async fn stream_logs(
    inner: Arc<Shared>,
    request_id: u64,
    ask: LogsAsk,
    tx: UnboundedSender<Msg>,
) {
    let error = run(&inner, request_id, ask, &tx).await.err();
    let _ = tx.send(Msg::LogEnded { request_id, error });
}

async fn run(
    inner: &Shared,
    request_id: u64,
    ask: LogsAsk,
    tx: &UnboundedSender<Msg>,
) -> Result<(), String> {
    let cluster = objects_cluster(inner, &ask.app).await?;
    let r = &ask.resource;
    let found = pods_for(&cluster, &r.kind, &r.namespace, &r.name)
        .await
        .map_err(|e| describe(&e))?;
    let pod = match &ask.pod {
        Some(name) => found.iter().find(|p| &p.name == name),
        None => found.first(),
    }
    .ok_or_else(|| match &ask.pod {
        Some(name) => format!("pod {name} of {r} is gone"),
        None => format!("{r} has no pods"),
    })?;
    let container = match &ask.container {
        Some(name) if pod.containers.contains(name) => name.clone(),
        Some(name) => return Err(format!("pod {} has no container {name}", pod.name)),
        None => pod
            .containers
            .first()
            .cloned()
            .ok_or_else(|| format!("pod {} has no containers", pod.name))?,
    };
    let req = LogRequest {
        namespace: r.namespace.clone(),
        pod: pod.name.clone(),
        container: container.clone(),
        follow: ask.follow,
        previous: ask.previous,
        // Never more than the viewer keeps.
        tail_lines: Some(MAX_LINES as i64),
    };
    let lines = stream(&cluster, &req).await.map_err(|e| describe(&e))?;
    let pods = found
        .iter()
        .map(|p| LogPod {
            name: p.name.clone(),
            containers: p.containers.clone(),
        })
        .collect();
    let opened = Msg::LogPods {
        request_id,
        pods,
        pod: pod.name.clone(),
        container,
    };
    if tx.send(opened).is_err() {
        return Ok(());
    }
    let mut batches = Box::pin(lines.ready_chunks(BATCH));
    while let Some(batch) = batches.next().await {
        let mut lines = Vec::with_capacity(batch.len());
        let mut failed: Option<ClusterError> = None;
        for item in batch {
            match item {
                Ok(line) => lines.push(line),
                Err(e) => failed = Some(e),
            }
        }
        if !lines.is_empty() && tx.send(Msg::LogLines { request_id, lines }).is_err() {
            return Ok(());
        }
        if let Some(e) = failed {
            return Err(describe(&e));
        }
    }
    Ok(())
}

/// The cluster the app's objects live in: recon's and Flux's own cluster,
/// an Argo CD app's destination.
async fn objects_cluster(inner: &Shared, app: &AppId) -> Result<Cluster, String> {
    match inner.locate(app).await? {
        Located::Recon(h) => Ok(h.cluster),
        Located::Flux(h) => Ok(h.cluster),
        located @ Located::ArgoCd(_) => inner
            .render_handle(&located, Fetch::IfMissing)
            .await
            .map(|(handle, _)| handle.cluster),
    }
}
