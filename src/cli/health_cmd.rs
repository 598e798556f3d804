//! `recon health -f FILE`: assess objects offline, to see why something is Degraded.

use std::io::Read;

use serde::Serialize;

use crate::cli::args::{HealthArgs, OutputFormat};
use crate::cli::output::{json, table, yaml};
use crate::engine::health::assess_yaml_documents;

#[derive(Serialize)]
struct Row {
    object: String,
    status: String,
    message: String,
}

pub fn run(args: &HealthArgs) -> anyhow::Result<()> {
    let name = args.file.display().to_string();
    let text = if name == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        std::fs::read_to_string(&args.file)
            .map_err(|e| anyhow::anyhow!("cannot read {name}: {e}"))?
    };
    let results = assess_yaml_documents(&text).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let rows: Vec<Row> = results
        .into_iter()
        .map(|(object, health)| match health {
            Some(h) => Row {
                object,
                status: h.status.as_str().into(),
                message: h.message,
            },
            None => Row {
                object,
                status: "-".into(),
                message: "no health rule for this kind".into(),
            },
        })
        .collect();
    let out = match args.output {
        OutputFormat::Json => json(&rows)?,
        OutputFormat::Yaml => yaml(&rows)?,
        _ => table(
            &["OBJECT", "HEALTH", "MESSAGE"],
            &rows
                .iter()
                .map(|r| vec![r.object.clone(), r.status.clone(), r.message.clone()])
                .collect::<Vec<_>>(),
        ),
    };
    print!("{out}");
    Ok(())
}
