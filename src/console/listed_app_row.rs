//! recon's Applications for the apps table as Table rows of the CRD's
//! printer columns (`engine::app_columns`), the app rebuilt from them with
//! what a row shows; watched whole instead where the CRD lacks a column.
//! Its listed objects are not among the columns: the REASON column's
//! explainer reads them from the app itself, only for an unhealthy one.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use kube::Resource;

use super::listed_app::ListedApp;
use crate::cluster::Cluster;
use crate::cluster::table_watch::{self, TableRow};
use crate::cluster::watch::Events;
use crate::cluster::watch_streamed;
use crate::engine::app::{
    Application, ApplicationSpec, ApplicationStatus, HealthState, HistoryEntry, Source, SyncPolicy,
    SyncState,
};
use crate::engine::app_columns as col;

/// Every recon Application of the cluster, as rows where the server can.
pub fn all(cluster: &Cluster) -> Events<ListedApp> {
    let path = format!(
        "/apis/{}/{}/{}",
        Application::group(&()),
        Application::version(&()),
        Application::plural(&())
    );
    let rows = table_watch::rows(cluster.client.clone(), path, col::needed().collect());
    let apps = table_watch::map_rows(rows, |row| ListedApp(app_of(&row)));
    watch_streamed::streamed_else_listed(apps, watch_streamed::all::<ListedApp>(cluster))
}

/// The app as far as its row shows it.
pub fn app_of(row: &TableRow) -> Application {
    let text = |c| row.text(c);
    let created = text(col::CREATED)
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map(Time);
    Application {
        metadata: ObjectMeta {
            name: Some(row.name().to_string()),
            namespace: text(col::NAMESPACE),
            resource_version: row.resource_version.clone(),
            creation_timestamp: created,
            ..ObjectMeta::default()
        },
        spec: ApplicationSpec {
            source: Source {
                repo_url: text(col::REPO).unwrap_or_default(),
                target_revision: text(col::TARGET).unwrap_or_else(|| "HEAD".into()),
                path: text(col::PATH).unwrap_or_default(),
                ..Source::default()
            },
            sync_policy: SyncPolicy {
                automated: row.flag(col::AUTO),
                ..SyncPolicy::default()
            },
            suspend: row.flag(col::SUSPENDED),
            suspend_until: text(col::UNTIL),
            suspend_reason: text(col::REASON),
            suspended_by: text(col::BY),
            ..ApplicationSpec::default()
        },
        status: Some(ApplicationStatus {
            sync: SyncState {
                status: text(col::SYNC).unwrap_or_default(),
                revision: text(col::REVISION),
                subject: text(col::SUBJECT),
            },
            health: HealthState {
                status: text(col::HEALTH).unwrap_or_default(),
                message: text(col::MESSAGE).unwrap_or_default(),
            },
            pinned_revision: text(col::PINNED),
            history: text(col::LAST_SYNC)
                .map(|at| HistoryEntry {
                    deployed_at: at,
                    ..HistoryEntry::default()
                })
                .into_iter()
                .collect(),
            ..ApplicationStatus::default()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::summary::of_recon;
    use serde_json::{Value, json};

    /// What the API server's JSONPath gives for a column's simple path.
    fn at(object: &Value, path: &str) -> Value {
        let mut v = object;
        for step in path.trim_start_matches('.').split('.') {
            let (key, index) = match step.split_once('[') {
                Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
                None => (step, None),
            };
            v = &v[key];
            if let Some(i) = index {
                v = &v[i];
            }
        }
        v.clone()
    }

    #[test]
    fn a_row_of_the_crd_s_columns_summarises_as_the_whole_app() {
        let object = json!({
            "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
            "metadata": {"name": "web", "namespace": "shop", "resourceVersion": "42",
                "creationTimestamp": "2026-11-01T10:00:00Z"},
            "spec": {"source": {"repoURL": "https://user:s3cret@git.example/r.git", "targetRevision": "v2", "path": "apps/web"},
                "syncPolicy": {"automated": true}, "suspend": true, "suspendUntil": "2099-01-01T00:00:00Z",
                "suspendReason": "incident 42", "suspendedBy": "alice"},
            "status": {"sync": {"status": "OutOfSync", "revision": "abc123", "subject": "bump"},
                "health": {"status": "Degraded", "message": "0/3 ready"}, "pinnedRevision": "abc000",
                "history": [{"revision": "abc123", "deployedAt": "2026-11-30T10:00:00Z", "initiator": "a", "result": "ok"},
                    {"revision": "abc000", "deployedAt": "2026-11-29T10:00:00Z", "initiator": "a", "result": "ok"}]}
        });
        let crd = crate::engine::install::crd_manifest().expect("crd");
        let columns = crd["spec"]["versions"][0]["additionalPrinterColumns"]
            .as_array()
            .expect("columns")
            .clone();
        let mut names = vec!["Name".to_string()];
        let mut cells = vec![json!("web")];
        for c in &columns {
            names.push(c["name"].as_str().expect("name").to_string());
            cells.push(at(&object, c["jsonPath"].as_str().expect("path")));
        }
        let row = TableRow::new(names, cells, Some("42".into()));
        let whole: Application = serde_json::from_value(object).expect("app");
        let now = jiff::Timestamp::now();
        assert_eq!(
            of_recon("ctx", &app_of(&row), now),
            of_recon("ctx", &whole, now)
        );
    }
}
