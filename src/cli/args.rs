//! The command line, as clap types. Every console keystroke also exists here.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use super::agent_args::AgentArgs;
pub use super::console_args::ConsoleArgs;
pub use super::install_args::{InstallArgs, ManifestFormat};
pub use super::lifecycle_args::{CreateArgs, RenderArg};

#[derive(Debug, Parser)]
#[command(
    name = "recon",
    version,
    about = "GitOps operations console and agent for Kubernetes",
    long_about = "recon shows every Application of every cluster in your kubeconfig at once, the live \
drift between Git and each cluster, and the commit history of each app's path; it syncs, pauses and \
rolls back with a keystroke. Without a subcommand it opens the console.\n\n\
Apps are named APP, or CONTEXT/NAMESPACE/APP when the name is ambiguous.",
    after_help = "Example:\n  recon --context staging,prod     # the console on two clusters\n\nExit codes: 0 success; 1 not clean (drift found, an object failed to apply, a cluster could not be read); 2 error."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub console: ConsoleArgs,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).
    #[arg(long, global = true, env = "KUBECONFIG", value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,
    /// Contexts to use, comma-separated (default: all contexts of the kubeconfig).
    #[arg(long, global = true, value_delimiter = ',', value_name = "CTX[,CTX]")]
    pub context: Vec<String>,
    /// Per-cluster timeout for each request; an unreachable cluster never blocks the others.
    #[arg(long, global = true, default_value = "5s", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Duration,
    /// Write logs to this file (default: recon.log in the XDG state dir). Logs never go to the terminal.
    #[arg(long, global = true, value_name = "PATH")]
    pub log_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List Applications across all contexts.
    #[command(after_help = "Example:\n  recon get apps -o wide")]
    Get(GetArgs),
    /// Show the drift between Git and the cluster (exit 0: none, 1: drift, 2: error).
    #[command(after_help = "Example:\n  recon diff prod/recon-system/web")]
    Diff(DiffArgs),
    /// Apply the app's desired state from Git to its cluster.
    #[command(after_help = "Example:\n  recon sync web --dry-run")]
    Sync(SyncArgs),
    /// Pause reconciliation of an app (or of every app matching -l), optionally for a while and with a reason.
    #[command(
        after_help = "Example:\n  recon suspend api --for 2h --reason \"DB migration CHG-2291\"\n  recon suspend -l team=shop --context staging,prod --reason \"incident 123\""
    )]
    Suspend(SuspendArgs),
    /// Resume reconciliation of a paused or pinned app (or of every app matching -l).
    #[command(
        after_help = "Example:\n  recon resume api\n  recon resume -l team=shop --context staging,prod"
    )]
    Resume(ResumeArgs),
    /// Roll an app back to an earlier commit (pin it, or revert in Git with --revert).
    #[command(after_help = "Example:\n  recon rollback worker 8886f1e")]
    Rollback(RollbackArgs),
    /// The commits that changed the app's path, marking the deployed revision and branch head.
    #[command(after_help = "Example:\n  recon history worker -n 10")]
    History(HistoryArgs),
    /// Assess the health of the objects in a YAML file, offline.
    #[command(after_help = "Example:\n  kubectl get deploy web -o yaml | recon health -f -")]
    Health(HealthArgs),
    /// Create an Application from flags, after checking that its path renders.
    #[command(
        after_help = "Example:\n  recon create app shop --repo https://git.example.com/deploy.git --path apps/shop --dest-namespace shop --auto --prune"
    )]
    Create(CreateArgs),
    /// Delete an Application; its objects stay (released) unless --cascade.
    #[command(
        after_help = "Example:\n  recon delete shop --cascade     # lists what goes, asks for the name"
    )]
    Delete(DeleteArgs),
    /// Install the Application CRD and the recon-system namespace (idempotent);
    /// with --agent, also the agent's ServiceAccount, RBAC and Deployment.
    #[command(
        after_help = "Example:\n  recon install --context my-cluster\n  recon install --agent --image registry.example/recon:0.1\n  recon install --agent --dry-run -o yaml > recon-agent.yaml"
    )]
    Install(InstallArgs),
    /// Run the reconciler: keep each cluster's apps equal to Git.
    #[command(
        after_help = "Example:\n  recon agent --context my-cluster\n  recon agent --context my-cluster --once    # one pass, for cron jobs\n\nLogs go to stderr (one line per decision), or to --log-file."
    )]
    Agent(AgentArgs),
    /// Start two local clusters with demo apps and open the console on them.
    #[command(after_help = "Example:\n  recon demo --keep")]
    Demo(DemoArgs),
    /// Print shell completions (e.g. `recon completions bash > /etc/bash_completion.d/recon`).
    #[command(after_help = "Example:\n  recon completions zsh > ~/.zfunc/_recon")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (e.g. `recon man > recon.1; man ./recon.1`).
    #[command(after_help = "Example:\n  recon man > recon.1 && man ./recon.1")]
    Man,
    /// Build or run the local Kubernetes test bed (used by tests and the demo).
    #[command(hide = true)]
    Testbed(TestbedArgs),
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// Delete the objects the app tracks too (re-checked one by one, reverse order).
    #[arg(long)]
    pub cascade: bool,
    /// Do not ask: delete what is listed (needed when standard input is not a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// List what would be deleted or released; change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Table,
    Wide,
    Json,
    Yaml,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// What to list: `apps` (Applications).
    #[arg(value_parser = ["apps", "app", "applications", "application"])]
    pub what: String,
    /// Output format, as kubectl: table, wide, json or yaml.
    #[arg(short, long, value_enum, default_value_t)]
    pub output: OutputFormat,
}

#[derive(Debug, Args, Clone)]
pub struct AppArg {
    /// APP or CONTEXT/NAMESPACE/APP (a recon app, an Argo CD Application or a Flux Kustomization).
    pub app: String,
    /// Only look among this tool's apps (when a name is used by both).
    #[arg(long, value_parser = ["recon", "argocd", "flux"])]
    pub tool: Option<String>,
}

impl AppArg {
    pub fn tool(&self) -> Option<crate::adapters::Tool> {
        self.tool.as_deref().and_then(crate::adapters::Tool::parse)
    }
}

/// One app by name, or every app whose labels match a selector (`-l`).
#[derive(Debug, Args, Clone)]
pub struct Targets {
    /// APP or CONTEXT/NAMESPACE/APP; leave it out to pick apps with -l.
    #[arg(required_unless_present = "selector", conflicts_with = "selector")]
    pub app: Option<String>,
    /// Every app (recon, Argo CD, Flux) whose labels match, in every --context:
    /// a Kubernetes label selector (`team=shop`, `tier!=db`, `env in (a,b)`).
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// Only look among this tool's apps (when a name is used by both).
    #[arg(long, value_parser = ["recon", "argocd", "flux"])]
    pub tool: Option<String>,
}

impl Targets {
    pub fn tool(&self) -> Option<crate::adapters::Tool> {
        self.tool.as_deref().and_then(crate::adapters::Tool::parse)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum DriftMode {
    /// Server-side dry-run apply predicts the live object (no false drift from defaults).
    #[default]
    Server,
    /// Compare only the fields Git sets (for identities without patch rights).
    Client,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[arg(long, value_enum, default_value_t)]
    pub mode: DriftMode,
    /// Concurrent dry-run requests.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Diff against this revision instead of the app's target.
    #[arg(long)]
    pub revision: Option<String>,
    /// Output: text (a unified diff), or json/yaml for scripts.
    #[arg(short, long, default_value = "text", value_parser = ["text", "json", "yaml"])]
    pub output: String,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(flatten)]
    pub app: Targets,
    /// Delete tracked objects no longer in Git (also when the app's policy says prune).
    #[arg(long)]
    pub prune: bool,
    /// Take over fields owned by other field managers.
    #[arg(long)]
    pub force: bool,
    /// Show what would change; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Sync this commit, branch or tag instead of the app's target revision.
    #[arg(long)]
    pub revision: Option<String>,
    /// When the repository cannot be fetched, sync from Git as last fetched
    /// (the cached clone; recorded as such) instead of refusing.
    #[arg(long)]
    pub allow_stale: bool,
    /// Concurrent dry-run requests.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Output: text, or json/yaml for scripts (progress then goes to stderr).
    #[arg(short, long, default_value = "text", value_parser = ["text", "json", "yaml"])]
    pub output: String,
}

#[derive(Debug, Args)]
pub struct SuspendArgs {
    #[command(flatten)]
    pub app: Targets,
    /// Resume by itself after this long (e.g. 30m, 2h).
    #[arg(long = "for", value_parser = parse_duration, value_name = "DURATION")]
    pub for_: Option<Duration>,
    /// Why (shown in the console and recorded in the audit journal).
    #[arg(long)]
    pub reason: Option<String>,
    /// Output: text, or json (one result per app) for scripts.
    #[arg(short, long, default_value = "text", value_parser = ["text", "json"])]
    pub output: String,
}

#[derive(Debug, Args)]
pub struct ResumeArgs {
    #[command(flatten)]
    pub app: Targets,
    /// Output: text, or json (one result per app) for scripts.
    #[arg(short, long, default_value = "text", value_parser = ["text", "json"])]
    pub output: String,
}

#[derive(Debug, Args)]
pub struct RollbackArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// The commit to go back to (full or short sha, tag).
    pub revision: String,
    /// Push a revert commit to the tracked branch instead of pinning.
    #[arg(long)]
    pub revert: bool,
    /// Take over fields owned by other field managers.
    #[arg(long)]
    pub force: bool,
    /// Output: text, or json/yaml for scripts (progress then goes to stderr).
    #[arg(short, long, default_value = "text", value_parser = ["text", "json", "yaml"])]
    pub output: String,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// How many commits at most.
    #[arg(short = 'n', long, default_value_t = 30)]
    pub limit: usize,
    /// Output format, as kubectl: table, wide, json or yaml.
    #[arg(short, long, value_enum, default_value_t)]
    pub output: OutputFormat,
}

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// YAML file with one or more objects (`-` for standard input).
    #[arg(short = 'f', long = "filename")]
    pub file: PathBuf,
    /// Output format, as kubectl: table, wide, json or yaml.
    #[arg(short, long, value_enum, default_value_t)]
    pub output: OutputFormat,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep the clusters running after the console quits and print how to reach them.
    #[arg(long)]
    pub keep: bool,
    /// Set up everything but do not open the console (for scripts).
    #[arg(long)]
    pub no_console: bool,
}

#[derive(Debug, Args)]
pub struct TestbedArgs {
    #[command(subcommand)]
    pub action: TestbedAction,
}

#[derive(Debug, Subcommand)]
pub enum TestbedAction {
    /// Build the control-plane programs (cached under target/testenv).
    Build {
        /// Also build these extras (e.g. `--with argocd,flux`).
        #[arg(long = "with", value_enum, value_delimiter = ',')]
        with: Vec<TestbedExtra>,
    },
    /// Start control planes and keep them until ctrl-c.
    Up {
        #[arg(long, value_delimiter = ',', default_value = "staging,prod")]
        cluster: Vec<String>,
        /// Also run these on every listed cluster (e.g. `--with argocd,flux`).
        #[arg(long = "with", value_enum, value_delimiter = ',')]
        with: Vec<TestbedExtra>,
    },
}

/// What the test bed can run beside a control plane.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TestbedExtra {
    /// Argo CD v3 (application controller, repo-server and a redis).
    Argocd,
    /// Helm v3 (the `helm` binary `render: helm` runs; `up` prints its RECON_HELM).
    Helm,
    /// Flux (source-controller, kustomize-controller) and a Git HTTP server.
    Flux,
}

/// Parses durations like `30m`, `2h`, `90s`, `1h30m`, as the console does.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    crate::duration_input::parse(s)
}
