//! Whole kinds watched with a streamed first list (`sendInitialEvents`,
//! Kubernetes' WatchList, on by default since 1.34): the server sends every
//! object from its watch cache as watch events on one open request, then a
//! bookmark, instead of pages of a list read from etcd one after another.
//! At 2,500 apps a cluster that is one request instead of five, and each
//! object is decoded as it arrives. A server that refuses the parameter
//! (the feature off, or older than 1.27: `422 Invalid`) gets the paged
//! list instead, from then on.

use futures::StreamExt;
use kube::api::Api;
use kube::runtime::WatchStreamExt;
use kube::runtime::watcher;

use super::contexts::Cluster;
use super::watch::{Events, RetrySoon, Watched};

/// Every object of the type in every namespace, streamed first where the
/// server can. The first list comes from the API server's watch cache, so
/// it may be a moment older than etcd (then the watch brings what changed):
/// right for rows, not for a comparison that must not go back in time.
pub fn all<K>(cluster: &Cluster) -> Events<K>
where
    K: Watched,
{
    let api: Api<K> = Api::all(cluster.client.clone());
    let streamed = watcher::Config::default().streaming_lists();
    let streamed = watcher::watcher(api.clone(), streamed).backoff(RetrySoon::default());
    let listed = watcher::watcher(api, watcher::Config::default()).backoff(RetrySoon::default());
    streamed_else_listed(Box::pin(streamed), Box::pin(listed))
}

/// `streamed` until the server refuses it, then `listed` (not started
/// before: a watcher does nothing until polled).
pub fn streamed_else_listed<K: Send + 'static>(
    streamed: Events<K>,
    listed: Events<K>,
) -> Events<K> {
    let start = (streamed, Some(listed));
    Box::pin(futures::stream::unfold(
        start,
        |(mut current, mut spare)| async move {
            loop {
                let item = current.next().await?;
                if let Err(e) = &item
                    && refused(e)
                    && let Some(listed) = spare.take()
                {
                    tracing::debug!("streamed list refused ({e}); listing in pages instead");
                    current = listed;
                    continue;
                }
                return Some((item, (current, spare)));
            }
        },
    ))
}

/// The server does not take `sendInitialEvents`: it rejects the watch
/// request itself as invalid (never a failure of the connection, which
/// the watch retries as it is); or it cannot send the form asked for
/// (`406`, e.g. a Table without the columns needed).
fn refused(e: &watcher::Error) -> bool {
    matches!(e, watcher::Error::WatchStartFailed(kube::Error::Api(status))
        if matches!(status.code, 400 | 406 | 422))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kube::core::DynamicObject;
    use watcher::Event;

    fn api_error(code: u16) -> kube::Error {
        let status: kube::core::Status = serde_json::from_value(serde_json::json!({
            "status": "Failure", "code": code, "reason": "Invalid",
            "message": "sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled",
        }))
        .expect("status");
        kube::Error::Api(Box::new(status))
    }

    fn object(name: &str) -> DynamicObject {
        serde_json::from_value(serde_json::json!({
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}
        }))
        .expect("object")
    }

    type Item = Result<Event<DynamicObject>, watcher::Error>;

    fn stream_of(items: Vec<Item>) -> Events<DynamicObject> {
        Box::pin(futures::stream::iter(items))
    }

    fn names(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|item| match item {
                Ok(Event::Init) => "init".to_string(),
                Ok(Event::InitApply(o)) => o.metadata.name.clone().unwrap_or_default(),
                Ok(Event::InitDone) => "done".to_string(),
                Ok(_) => "other".to_string(),
                Err(e) => format!("error {e}"),
            })
            .collect()
    }

    #[tokio::test]
    async fn a_refused_stream_is_replaced_by_the_paged_list() {
        let streamed = stream_of(vec![Err(watcher::Error::WatchStartFailed(api_error(422)))]);
        let listed = stream_of(vec![
            Ok(Event::Init),
            Ok(Event::InitApply(object("web"))),
            Ok(Event::InitDone),
        ]);
        let seen: Vec<Item> = streamed_else_listed(streamed, listed).collect().await;
        assert_eq!(names(&seen), ["init", "web", "done"]);
    }

    #[tokio::test]
    async fn an_accepted_stream_is_used_and_other_errors_pass_through() {
        let streamed = stream_of(vec![
            Ok(Event::Init),
            Ok(Event::InitApply(object("api"))),
            Ok(Event::InitDone),
            Err(watcher::Error::WatchStartFailed(api_error(403))),
        ]);
        let listed = stream_of(vec![Ok(Event::InitApply(object("never")))]);
        let seen = names(
            &streamed_else_listed(streamed, listed)
                .collect::<Vec<_>>()
                .await,
        );
        assert_eq!(seen[..3], ["init", "api", "done"]);
        assert_eq!(seen.len(), 4, "the 403 is the caller's to report: {seen:?}");
        assert!(seen[3].starts_with("error"), "{seen:?}");
    }
}
