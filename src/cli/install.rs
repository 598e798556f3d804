//! `recon install`: the Application CRD and the recon-system namespace, and
//! with `--agent` what runs the agent in the cluster. Targets the current
//! context unless `--context` names others: installing into every cluster
//! of a kubeconfig by accident would be a surprise. `--dry-run` prints the
//! objects instead and contacts no cluster.

use crate::cli::args::{GlobalArgs, InstallArgs, ManifestFormat};
use crate::cluster::{connect, read_kubeconfig, select_contexts};
use crate::engine::app::SYSTEM_NAMESPACE;
use crate::engine::install::agent::{self, AgentOptions, Manage};

pub async fn run(global: &GlobalArgs, args: &InstallArgs) -> anyhow::Result<()> {
    let agent_opts = args.agent.then(|| AgentOptions {
        image: args.image.clone(),
        manage: if args.agent_manage.is_empty() {
            Manage::Everything
        } else {
            Manage::Only(args.agent_manage.clone())
        },
    });
    if args.dry_run {
        return print(agent_opts.as_ref(), args.output);
    }
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
        if let Some(opts) = &agent_opts {
            for applied in agent::apply_agent(&cluster, opts).await? {
                crate::outln!("{ctx}: {applied} applied");
            }
        }
    }
    Ok(())
}

/// Every object `run` would apply, in order.
fn manifests(agent_opts: Option<&AgentOptions>) -> anyhow::Result<Vec<serde_json::Value>> {
    let mut objects = vec![
        crate::engine::install::crd_manifest()?,
        crate::engine::install::namespace_manifest(),
    ];
    if let Some(opts) = agent_opts {
        objects.extend(agent::agent_manifests(opts));
    }
    Ok(objects)
}

fn print(agent_opts: Option<&AgentOptions>, format: Option<ManifestFormat>) -> anyhow::Result<()> {
    let objects = manifests(agent_opts)?;
    match format {
        None => {
            for object in &objects {
                crate::outln!("would apply {}", agent::describe(object));
            }
        }
        Some(ManifestFormat::Yaml) => {
            let mut stream = String::new();
            for object in &objects {
                stream.push_str("---\n");
                stream.push_str(&serde_yaml::to_string(object)?);
            }
            crate::cli::output::write_stdout(stream.as_bytes());
        }
        Some(ManifestFormat::Json) => {
            let list = serde_json::json!({"apiVersion": "v1", "kind": "List", "items": objects});
            crate::cli::output::write_stdout(crate::cli::output::json(&list)?.as_bytes());
        }
    }
    Ok(())
}
