//! `recon create app` and `recon delete APP [--cascade]`.

use std::io::{BufRead, IsTerminal, Write};

use crate::adapters::{Located, locate};
use crate::cli::args::{CreateArgs, DeleteArgs, RenderArg};
use crate::cli::output::{json, yaml};
use crate::engine::app::RenderKind;
use crate::engine::changeset::Change;
use crate::engine::fleet::Fleet;
use crate::engine::ops::{self, CreateOptions, Engine, NewApp};

fn new_app(args: &CreateArgs) -> anyhow::Result<NewApp> {
    let render = match args.render {
        RenderArg::Plain => RenderKind::Plain,
        RenderArg::Kustomize => RenderKind::Kustomize,
        RenderArg::Helm => anyhow::bail!(
            "app {}: --render helm is not supported yet: recon renders plain YAML and kustomize",
            args.name
        ),
    };
    Ok(NewApp {
        name: args.name.clone(),
        namespace: Some(args.namespace.clone()),
        repo_url: args.repo.clone(),
        path: args.path.clone(),
        revision: Some(args.revision.clone()),
        dest_namespace: args.dest_namespace.clone(),
        render,
        automated: args.auto,
        prune: args.prune,
        self_heal: args.self_heal,
        cascade_delete: args.cascade_delete,
    })
}

pub async fn run_create(engine: &Engine, fleet: &Fleet, args: &CreateArgs) -> anyhow::Result<()> {
    let new = new_app(args)?;
    // One cluster: the --context given, else the kubeconfig's current one (as kubectl).
    let member = match fleet.members.as_slice() {
        [one] => one,
        [] => anyhow::bail!("no context to create app {} in", args.name),
        many => match fleet
            .current_context()
            .and_then(|c| many.iter().find(|m| m.context == c))
        {
            Some(m) => m,
            None => anyhow::bail!(
                "app {}: say which cluster with --context (one of {})",
                args.name,
                many.iter()
                    .map(|m| m.context.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    };
    let cluster = member
        .cluster
        .as_ref()
        .map_err(|e| anyhow::anyhow!("{}: {e}", member.context))?;
    let opts = CreateOptions {
        dry_run: args.dry_run,
        upsert: args.upsert,
    };
    let created = ops::create(engine, cluster, &new, opts).await?;
    let mut app = serde_json::to_value(&created.app)?;
    app["apiVersion"] = "recon.dev/v1alpha1".into();
    app["kind"] = "Application".into();
    match args.output.as_str() {
        "yaml" => crate::out!("{}", yaml(&app)?),
        "json" => crate::out!("{}", json(&app)?),
        _ if args.dry_run => crate::out!("{}", yaml(&app)?),
        _ => crate::outln!(
            "created {}/{} ({} objects at {}) as {}; `recon sync {}` applies it",
            member.context,
            created.app.tracking_id(),
            created.objects,
            crate::text::short_sha(&created.revision),
            created.actor,
            args.name
        ),
    }
    if args.dry_run {
        eprintln!(
            "dry run: the source renders to {} objects at {}; nothing was created",
            created.objects,
            crate::text::short_sha(&created.revision)
        );
    }
    Ok(())
}

/// Asks for the app's name on the terminal; true when it was typed exactly.
fn confirmed_by_name(name: &str) -> anyhow::Result<bool> {
    eprint!("type the app's name ({name}) to confirm: ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim() == name)
}

pub async fn run_delete(fleet: &Fleet, args: &DeleteArgs) -> anyhow::Result<bool> {
    let handle = match locate(fleet, &args.app.app, args.app.tool()).await? {
        Located::Recon(h) => *h,
        Located::ArgoCd(h) => anyhow::bail!(
            "{} is an Argo CD app: delete it with Argo CD (recon deletes only its own apps)",
            h.full_name()
        ),
        Located::Flux(h) => anyhow::bail!(
            "{} is a Flux Kustomization: delete it with Flux (recon deletes only its own apps)",
            h.full_name()
        ),
    };
    let plan = ops::plan_delete(&handle).await?;
    let keys = plan.keys();
    let verb = if args.cascade {
        "delete"
    } else {
        "release (keep, untracked)"
    };
    eprintln!(
        "{}: delete the Application; {verb} {} object(s):",
        handle.full_name(),
        keys.len()
    );
    for k in &keys {
        eprintln!("  {k}");
    }
    if args.dry_run {
        eprintln!("dry run: nothing was changed");
        return Ok(true);
    }
    let name = handle.app.metadata.name.clone().unwrap_or_default();
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            anyhow::bail!(
                "{}: not deleted: pass --yes to delete without a terminal to confirm on",
                handle.full_name()
            );
        }
        if !confirmed_by_name(&name)? {
            anyhow::bail!(
                "{}: not deleted: the name typed did not match",
                handle.full_name()
            );
        }
    }
    let mut print = |c: &Change| {
        let mut line = format!("{} {}", c.object, c.outcome.as_str());
        if let Some(r) = &c.reason {
            line.push_str(&format!(" ({r})"));
        }
        let _ = writeln!(std::io::stderr(), "{line}");
    };
    let deleted = ops::delete(&handle, args.cascade, &mut print).await?;
    crate::outln!(
        "deleted {} as {}: {}",
        handle.full_name(),
        deleted.actor,
        if args.cascade {
            deleted.changes.summary()
        } else {
            format!(
                "{} object(s) released and left in the cluster",
                deleted.changes.entries.len()
            )
        }
    );
    Ok(true)
}
