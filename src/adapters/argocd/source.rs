//! What Argo CD would deploy, rendered by recon: the app's Git source seen
//! as a recon Application (in memory only, never written), with the source
//! type Argo CD would choose. Argo CD decides the type from explicit fields
//! first, then from the files at the path (`util/app/discovery/discovery.go`:
//! `Chart.yaml` → Helm, a kustomization file → Kustomize, else Directory).

use crate::engine::app::{
    Application, ApplicationSpec, Destination, IgnoreDifference, RenderKind, Source,
};

use super::model::{ArgoApp, ArgoSource};

/// File names Argo CD takes as a Kustomize source
/// (`util/kustomize` KustomizationNames).
use crate::adapters::source_files::KUSTOMIZATION_FILES;

/// How recon can render the source, or why it cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Renderable {
    As(RenderKind),
    No(String),
}

/// The type from the source's explicit fields, before looking at files.
pub fn explicit_type(src: &ArgoSource) -> Option<Renderable> {
    if src.chart.is_some() {
        return Some(Renderable::No(
            "it is a Helm chart from a chart repository".into(),
        ));
    }
    if src.helm.is_some() {
        return Some(Renderable::No("it is rendered by Helm".into()));
    }
    if src.plugin.is_some() {
        return Some(Renderable::No(
            "it is rendered by a config management plugin".into(),
        ));
    }
    if src.kustomize.is_some() {
        return Some(Renderable::As(RenderKind::Kustomize));
    }
    if let Some(dir) = &src.directory {
        if dir
            .get("jsonnet")
            .is_some_and(|j| !j.is_null() && j != &serde_json::json!({}))
        {
            return Some(Renderable::No("it is a Jsonnet directory".into()));
        }
        if dir.get("include").is_some() || dir.get("exclude").is_some() {
            return Some(Renderable::No(
                "its directory source filters files (include/exclude)".into(),
            ));
        }
    }
    None
}

/// The type from the files found under the path (paths relative to it).
pub fn discovered_type(src: &ArgoSource, files: &[String]) -> Renderable {
    if let Some(t) = explicit_type(src) {
        return t;
    }
    let top: Vec<&str> = files
        .iter()
        .filter(|f| !f.contains('/'))
        .map(String::as_str)
        .collect();
    if top.contains(&"Chart.yaml") {
        return Renderable::No("it is a Helm chart (Chart.yaml at the path)".into());
    }
    if top.iter().any(|f| KUSTOMIZATION_FILES.contains(f)) {
        return Renderable::As(RenderKind::Kustomize);
    }
    let recurse = src
        .directory
        .as_ref()
        .and_then(|d| d.get("recurse"))
        .and_then(|r| r.as_bool())
        .unwrap_or(false);
    let nested_manifests = files.iter().any(|f| {
        f.contains('/') && (f.ends_with(".yaml") || f.ends_with(".yml") || f.ends_with(".json"))
    });
    if nested_manifests && !recurse {
        return Renderable::No(
            "its directory has manifests in subdirectories, which Argo CD reads only with directory.recurse".into(),
        );
    }
    Renderable::As(RenderKind::Plain)
}

/// The app as a recon Application, for drift and history. Never applied.
pub fn as_recon_app(app: &ArgoApp, src: &ArgoSource, render: RenderKind) -> Application {
    let mut out = Application::new(
        app.name(),
        ApplicationSpec {
            source: Source {
                repo_url: src.repo_url.clone(),
                target_revision: src
                    .target_revision
                    .clone()
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| "HEAD".into()),
                path: src.path.clone().unwrap_or_default(),
                render,
                helm: None,
            },
            destination: Destination {
                namespace: app.spec.destination.namespace.clone(),
            },
            ignore_differences: app
                .spec
                .ignore_differences
                .iter()
                .map(|d| IgnoreDifference {
                    group: d.group.clone(),
                    kind: d.kind.clone(),
                    name: d.name.clone(),
                    namespace: d.namespace.clone(),
                    json_pointers: d.json_pointers.clone(),
                })
                .collect(),
            ..Default::default()
        },
    );
    out.metadata.namespace = Some(app.namespace().to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(json: serde_json::Value) -> ArgoSource {
        serde_json::from_value(json).expect("source")
    }

    fn files(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn source_type_is_chosen_as_argo_cd_does() {
        let plain = src(serde_json::json!({"repoURL": "file:///r", "path": "web"}));
        assert_eq!(
            discovered_type(&plain, &files(&["deploy.yaml", "svc.yaml"])),
            Renderable::As(RenderKind::Plain)
        );
        assert_eq!(
            discovered_type(&plain, &files(&["kustomization.yaml", "deploy.yaml"])),
            Renderable::As(RenderKind::Kustomize)
        );
        assert!(matches!(
            discovered_type(&plain, &files(&["Chart.yaml", "templates/d.yaml"])),
            Renderable::No(_)
        ));
        assert!(matches!(
            discovered_type(&plain, &files(&["a.yaml", "sub/b.yaml"])),
            Renderable::No(_)
        ));
        let recurse = src(
            serde_json::json!({"repoURL": "file:///r", "path": "web", "directory": {"recurse": true}}),
        );
        assert_eq!(
            discovered_type(&recurse, &files(&["a.yaml", "sub/b.yaml"])),
            Renderable::As(RenderKind::Plain)
        );
        let helm = src(serde_json::json!({"repoURL": "https://charts", "chart": "nginx"}));
        assert!(matches!(discovered_type(&helm, &[]), Renderable::No(_)));
    }

    #[test]
    fn projection_keeps_source_destination_and_ignores() {
        let app: ArgoApp = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web", "namespace": "argocd"},
            "spec": {
                "source": {"repoURL": "file:///r", "path": "web", "targetRevision": "main"},
                "destination": {"namespace": "shop"},
                "ignoreDifferences": [{"group": "apps", "kind": "Deployment", "jsonPointers": ["/spec/replicas"]}]
            }
        }))
        .expect("app");
        let s = app.primary_source().cloned().expect("source");
        let r = as_recon_app(&app, &s, RenderKind::Plain);
        assert_eq!(r.tracking_id(), "argocd/web");
        assert_eq!(r.spec.source.target_revision, "main");
        assert_eq!(r.spec.destination.namespace.as_deref(), Some("shop"));
        assert_eq!(
            r.spec.ignore_differences[0].json_pointers,
            vec!["/spec/replicas"]
        );
    }
}
