//! The full-screen logs viewer's state: which pod and container, what is
//! streamed (follow, previous), the lines kept, scrolling and search.

use super::log_buffer::LogBuffer;
pub use super::model::LogPod;
use super::model::{AppId, ResourceRef};
use super::msg::RequestId;
use super::text_field::TextField;

/// Kinds the viewer opens on: a Pod, or a workload whose pods it finds by
/// the workload's label selector.
pub const LOG_KINDS: [&str; 6] = [
    "Pod",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "Job",
];

pub fn has_logs(kind: &str) -> bool {
    LOG_KINDS.contains(&kind)
}

/// Where the stream is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamState {
    /// Finding the pods, or waiting for the first bytes.
    Connecting,
    Streaming,
    /// The log ended (not following, or the container stopped), or failed.
    Ended(Option<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LogsView {
    /// The stream this view shows; answers for other ids are stale.
    pub request_id: RequestId,
    pub app: AppId,
    pub resource: ResourceRef,
    /// Newest first, as the backend found them.
    pub pods: Vec<LogPod>,
    /// The pod and container shown (chosen by the backend at first).
    pub pod: Option<String>,
    pub container: Option<String>,
    pub follow: bool,
    pub previous: bool,
    pub wrap: bool,
    pub buffer: LogBuffer,
    pub stream: StreamState,
    /// First line drawn, when not stuck to the bottom.
    pub top: usize,
    /// Keep the newest line in view as lines arrive.
    pub stick: bool,
    /// The search text being typed (after `/`).
    pub typing: Option<TextField>,
    /// The search in effect: its matches are highlighted.
    pub search: Option<String>,
    /// The line of the match `n`/`N` last moved to.
    pub current_match: Option<usize>,
}

impl LogsView {
    pub fn new(request_id: RequestId, app: AppId, resource: ResourceRef) -> Self {
        LogsView {
            request_id,
            app,
            resource,
            pods: Vec::new(),
            pod: None,
            container: None,
            follow: true,
            previous: false,
            wrap: false,
            buffer: LogBuffer::default(),
            stream: StreamState::Connecting,
            top: 0,
            stick: true,
            typing: None,
            search: None,
            current_match: None,
        }
    }

    /// The containers of the pod shown.
    pub fn containers(&self) -> &[String] {
        self.pods
            .iter()
            .find(|p| Some(&p.name) == self.pod.as_ref())
            .map_or(&[], |p| p.containers.as_slice())
    }

    /// Starts over for a new stream (another container, pod, follow or
    /// previous): the old lines belong to the old stream.
    pub fn restart(&mut self, request_id: RequestId) {
        self.request_id = request_id;
        self.buffer = LogBuffer::default();
        self.stream = StreamState::Connecting;
        self.top = 0;
        self.stick = true;
        self.current_match = None;
    }
}

/// The item after `current` in `items`, wrapping; the first when `current`
/// is not among them.
pub fn cycle<'a>(items: &'a [String], current: Option<&String>) -> Option<&'a String> {
    let at = current.and_then(|c| items.iter().position(|i| i == c));
    match at {
        Some(i) => items.get((i + 1) % items.len()),
        None => items.first(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_wraps_and_starts_at_the_first() {
        let items = vec!["a".to_string(), "b".to_string()];
        assert_eq!(
            cycle(&items, Some(&"a".to_string())).map(String::as_str),
            Some("b")
        );
        assert_eq!(
            cycle(&items, Some(&"b".to_string())).map(String::as_str),
            Some("a")
        );
        assert_eq!(cycle(&items, None).map(String::as_str), Some("a"));
        assert_eq!(cycle(&[], None), None);
    }

    #[test]
    fn only_pods_and_workloads_have_logs() {
        assert!(has_logs("Pod") && has_logs("Deployment") && has_logs("Job"));
        assert!(!has_logs("ConfigMap") && !has_logs("Service"));
    }
}
