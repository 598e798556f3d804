//! `recon install`: the Application CRD and the recon-system namespace.
//! Targets the current context unless `--context` names others: installing
//! into every cluster of a kubeconfig by accident would be a surprise.

use crate::cli::args::GlobalArgs;
use crate::cluster::{connect, read_kubeconfig, select_contexts};
use crate::engine::app::SYSTEM_NAMESPACE;

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
    for ctx in contexts {
        let cluster = connect(&kc, &ctx, global.timeout).await?;
        crate::engine::install::install(&cluster).await?;
        crate::outln!(
            "{ctx}: CustomResourceDefinition applications.recon.dev and Namespace {SYSTEM_NAMESPACE} applied"
        );
    }
    Ok(())
}
