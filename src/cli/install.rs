//! `recon install`: the Application CRD and the recon-system namespace, by
//! server-side apply (idempotent). Targets the current context unless
//! `--context` names others: installing into every cluster of a kubeconfig
//! by accident would be a surprise.

use std::time::Duration;

use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::CustomResourceExt;
use kube::api::{Api, Patch, PatchParams};

use crate::cli::args::GlobalArgs;
use crate::cluster::{connect, read_kubeconfig, select_contexts};
use crate::engine::app::{Application, FIELD_MANAGER, SYSTEM_NAMESPACE};

pub async fn run(global: &GlobalArgs) -> anyhow::Result<()> {
    let (kc, path) = read_kubeconfig(global.kubeconfig.as_deref())?;
    let contexts = if global.context.is_empty() {
        match kc.current_context.clone() {
            Some(c) => vec![c],
            None => anyhow::bail!(
                "{} has no current-context; name one with --context",
                path.display()
            ),
        }
    } else {
        select_contexts(&kc, &global.context)?
    };
    let crd = Application::crd();
    let crd_name = crd.metadata.name.clone().unwrap_or_default();
    let params = PatchParams::apply(FIELD_MANAGER).force();
    for ctx in contexts {
        let cluster = connect(&kc, &ctx, global.timeout).await?;
        let crds: Api<CustomResourceDefinition> = Api::all(cluster.client.clone());
        cluster
            .call(
                format!("apply CustomResourceDefinition {crd_name}"),
                crds.patch(&crd_name, &params, &Patch::Apply(&crd)),
            )
            .await?;
        let ns: Namespace = serde_json::from_value(serde_json::json!({
            "apiVersion": "v1", "kind": "Namespace", "metadata": {"name": SYSTEM_NAMESPACE}
        }))?;
        let namespaces: Api<Namespace> = Api::all(cluster.client.clone());
        cluster
            .call(
                format!("apply Namespace {SYSTEM_NAMESPACE}"),
                namespaces.patch(SYSTEM_NAMESPACE, &params, &Patch::Apply(&ns)),
            )
            .await?;
        wait_established(&crds, &crd_name).await;
        println!(
            "{ctx}: CustomResourceDefinition {crd_name} and Namespace {SYSTEM_NAMESPACE} applied"
        );
    }
    Ok(())
}

async fn wait_established(api: &Api<CustomResourceDefinition>, name: &str) {
    for _ in 0..60 {
        if let Ok(crd) = api.get(name).await
            && crd
                .status
                .and_then(|s| s.conditions)
                .unwrap_or_default()
                .iter()
                .any(|c| c.type_ == "Established" && c.status == "True")
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
