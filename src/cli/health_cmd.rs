//! `recon health -f FILE`: assess objects offline, to see why something is
//! Degraded. The file is parsed like an app's manifests (multi-document,
//! Lists expanded), so errors name the file and the line.

use std::io::Read;

use serde::Serialize;

use crate::cli::args::{HealthArgs, OutputFormat};
use crate::cli::output::{json, table, yaml};
use crate::engine::health::assess;
use crate::engine::render::{RenderError, parse_documents};

#[derive(Debug, thiserror::Error)]
enum HealthInputError {
    #[error(transparent)]
    Parse(#[from] RenderError),
    /// Saying nothing (an empty table, exit 0) would look like "all healthy".
    #[error(
        "{source_name}: no Kubernetes objects to assess (the input is empty, or holds only comments and `---`)"
    )]
    NoObjects { source_name: String },
}

#[derive(Debug, Serialize, PartialEq)]
struct Row {
    object: String,
    status: String,
    message: String,
}

fn assess_text(source: &str, text: &str) -> Result<Vec<Row>, HealthInputError> {
    let objects = parse_documents(source, text)?;
    if objects.is_empty() {
        return Err(HealthInputError::NoObjects {
            source_name: source.to_string(),
        });
    }
    Ok(objects
        .into_iter()
        .map(|o| {
            let object = format!(
                "{}/{}",
                o.kind().unwrap_or_default(),
                o.name().unwrap_or_default()
            );
            match assess(&o.object) {
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
            }
        })
        .collect())
}

pub fn run(args: &HealthArgs) -> anyhow::Result<()> {
    let name = args.file.display().to_string();
    let source_name = if name == "-" {
        "standard input".to_string()
    } else {
        name.clone()
    };
    let text = if name == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        std::fs::read_to_string(&args.file)
            .map_err(|e| anyhow::anyhow!("cannot read {name}: {e}"))?
    };
    let rows = assess_text(&source_name, &text)?;
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
    crate::out!("{out}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(text: &str) -> Vec<(String, String)> {
        assess_text("f.yaml", text)
            .expect("parses")
            .into_iter()
            .map(|r| (r.object, r.status))
            .collect()
    }

    #[test]
    fn multi_document_skips_empty_documents_and_expands_lists() {
        assert_eq!(
            statuses(include_str!("health_fixtures/multi_document.yaml")),
            [
                ("Deployment/web".to_string(), "Progressing".to_string()),
                ("ConfigMap/web-config".to_string(), "-".to_string()),
                (
                    "PersistentVolumeClaim/data-postgres-0".to_string(),
                    "Degraded".to_string()
                ),
            ]
        );
    }

    #[test]
    fn typed_lists_lend_kind_and_api_version_to_their_items() {
        assert_eq!(
            statuses(include_str!("health_fixtures/typed_list.yaml")),
            [
                ("Job/report-28461300".to_string(), "Degraded".to_string()),
                ("Job/db-migrate-28461230".to_string(), "Healthy".to_string()),
            ]
        );
    }

    #[test]
    fn input_without_objects_is_an_error_naming_the_file() {
        for text in [
            "",
            "# only a comment\n",
            "---\n",
            "---\n# only a comment\n---\n",
        ] {
            let err = assess_text("empty.yaml", text).expect_err("no objects");
            assert!(
                matches!(&err, HealthInputError::NoObjects { source_name } if source_name == "empty.yaml"),
                "{text:?}: {err:?}"
            );
            assert_eq!(
                err.to_string(),
                "empty.yaml: no Kubernetes objects to assess (the input is empty, or holds only comments and `---`)"
            );
        }
    }

    #[test]
    fn a_duplicate_key_is_refused_at_its_line() {
        let err = assess_text(
            "input.yaml",
            include_str!("../engine/render/fixtures/duplicate_key_deep.yaml"),
        )
        .expect_err("duplicate key");
        let message = err.to_string();
        assert!(
            message.starts_with("input.yaml:31:15: invalid YAML: ")
                && message.contains(r#"duplicate field "memory""#),
            "{message}"
        );
    }

    #[test]
    fn errors_name_the_file_and_line_or_what_is_missing() {
        let bad = |text: &str| {
            assess_text("input.yaml", text)
                .expect_err("invalid")
                .to_string()
        };
        let e = bad(include_str!("health_fixtures/invalid_syntax.yaml"));
        assert!(
            e.contains("input.yaml:11:5"),
            "the line of the broken document: {e}"
        );
        let e = bad(include_str!("health_fixtures/missing_kind.yaml"));
        assert!(e.contains("input.yaml") && e.contains("kind"), "{e}");
        let e = bad(include_str!("health_fixtures/list_item_missing_name.yaml"));
        assert!(
            e.contains("List item") && e.contains("metadata.name"),
            "{e}"
        );
        let e = bad("just a string\n");
        assert!(e.contains("mapping"), "{e}");
    }
}
