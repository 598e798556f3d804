//! `recon history APP`: the commits of the app's path, deployed/pinned/head marked.

use crate::adapters::{Located, locate};
use crate::cli::args::{HistoryArgs, OutputFormat};
use crate::cli::output::{json, table, yaml};
use crate::engine::fleet::Fleet;
use crate::engine::ops::{Engine, history};

pub async fn run(engine: &Engine, fleet: &Fleet, args: &HistoryArgs) -> anyhow::Result<()> {
    let handle = match locate(fleet, &args.app.app, args.app.tool()).await? {
        Located::Recon(h) => *h,
        Located::ArgoCd(h) => return super::argocd_cmd::run_history(engine, fleet, &h, args).await,
        // The commits of its spec.path in its GitRepository, the applied one marked.
        Located::Flux(h) => crate::adapters::flux::project::project(
            engine,
            &h,
            crate::engine::source::Fetch::Always,
        )
        .await?
        .following(),
    };
    let view = history(engine, &handle, args.limit, true).await?;
    if let Some(stale) = &view.stale {
        eprintln!("{}", super::output::stale_warning(stale));
    }
    let text = match args.output {
        OutputFormat::Json => json(&view)?,
        OutputFormat::Yaml => yaml(&view)?,
        OutputFormat::Table | OutputFormat::Wide => {
            let rows: Vec<Vec<String>> = view
                .rows
                .iter()
                .map(|r| {
                    let mut marks = Vec::new();
                    if r.head {
                        marks.push(format!("{} head", view.target_revision));
                    }
                    if r.deployed {
                        marks.push("deployed".to_string());
                    }
                    if r.pinned {
                        marks.push("pinned".to_string());
                    }
                    let mut row = vec![
                        r.commit.short.clone(),
                        r.commit.time.strftime("%Y-%m-%d %H:%M").to_string(),
                        r.commit.author.clone(),
                        marks.join(", "),
                        r.commit.subject.clone(),
                    ];
                    if args.output == OutputFormat::Wide {
                        row[0] = r.commit.id.clone();
                    }
                    row
                })
                .collect();
            table(&["COMMIT", "DATE", "AUTHOR", "MARKS", "SUBJECT"], &rows)
        }
    };
    crate::out!("{text}");
    if view.deployed.is_some()
        && !view.rows.iter().any(|r| r.deployed)
        && args.output == OutputFormat::Table
    {
        eprintln!(
            "note: the deployed revision is not among the {} commits shown (use -n)",
            view.rows.len()
        );
    }
    Ok(())
}
