//! The arguments of `recon create app`.

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// What to create: `app`.
    #[arg(value_parser = ["app", "application"])]
    pub what: String,
    /// Name of the Application.
    pub name: String,
    /// Git repository (https, ssh, git:// or file://).
    #[arg(long)]
    pub repo: String,
    /// Directory (or file) in the repository.
    #[arg(long)]
    pub path: String,
    /// Branch, tag or commit to follow.
    #[arg(long, default_value = "HEAD")]
    pub revision: String,
    /// Namespace for namespaced objects that do not name one.
    #[arg(long, value_name = "NS")]
    pub dest_namespace: Option<String>,
    /// How to render the path.
    #[arg(long, value_enum, default_value_t)]
    pub render: RenderArg,
    /// Namespace the Application lives in.
    #[arg(long, default_value = "recon-system", value_name = "NS")]
    pub namespace: String,
    /// Apply new commits automatically (when the agent runs).
    #[arg(long)]
    pub auto: bool,
    /// Delete tracked objects no longer in Git.
    #[arg(long)]
    pub prune: bool,
    /// Undo drift made in the cluster (when the agent runs).
    #[arg(long)]
    pub self_heal: bool,
    /// Deleting the Application deletes its objects too (a finalizer the agent honours).
    #[arg(long)]
    pub cascade_delete: bool,
    /// Replace the spec of an existing app of that name instead of refusing.
    #[arg(long)]
    pub upsert: bool,
    /// Check the source and print the Application; create nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Output: text, or the Application as yaml/json.
    #[arg(short, long, default_value = "text", value_parser = ["text", "json", "yaml"])]
    pub output: String,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum RenderArg {
    #[default]
    Plain,
    Kustomize,
    /// Not rendered by recon yet (refused with a reason).
    Helm,
}
