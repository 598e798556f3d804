//! The console: the terminal UI (`crate::tui`) wired to the engine. Watches
//! feed the apps table; every key that does work goes through the backend.

mod actions;
mod argocd_actions;
mod backend;
mod batch;
pub mod config;
mod context;
mod detail;
mod detail_kept;
mod detail_watch;
mod flux_actions;
mod flux_sources;
mod in_flight;
mod lifecycle;
mod listed_app;
mod listed_app_row;
mod logs;
mod lookups;
pub mod map;
mod map_argocd;
mod map_tree;
mod on_exit;
mod reasons;
mod tree_watch;
mod watch_apps;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use backend::EngineBackend;

use crate::engine::fleet::Fleet;
use crate::engine::ops::Engine;
use crate::tui::{ClusterInfo, ClusterStatus, Keymap, State, Theme};

pub struct ConsoleOptions {
    pub kubeconfig: Option<PathBuf>,
    pub contexts: Vec<String>,
    pub timeout: Duration,
    pub readonly: bool,
    pub theme: Option<String>,
    pub config: Option<PathBuf>,
    /// How long actions in flight may finish on the way out (default 60 s).
    pub exit_grace: Option<Duration>,
}

/// Opens the console until the user quits.
pub async fn run(opts: ConsoleOptions, engine: Engine) -> anyhow::Result<()> {
    let config = config::load(opts.config.as_deref())?;
    let theme = Theme::resolve(opts.theme.as_deref().or(config.theme.as_deref()))?;
    let keymap = Keymap::load_user(config.keymap.as_deref())?;
    let fleet = Fleet::load(opts.kubeconfig.as_deref(), &opts.contexts, opts.timeout).await?;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let clusters: Vec<ClusterInfo> = fleet
        .members
        .iter()
        .map(|m| ClusterInfo {
            name: m.context.clone(),
            status: ClusterStatus::Connecting,
            readonly: config.readonly_contexts.contains(&m.context),
            stale_since: None,
        })
        .collect();
    let servers: watch_apps::Servers = Arc::new(
        fleet
            .members
            .iter()
            .filter_map(|m| Some((m.context.clone(), m.server.clone()?)))
            .collect(),
    );
    let watchers: Vec<_> = fleet
        .members
        .iter()
        .flat_map(|m| {
            watch_apps::spawn(
                m.clone(),
                config.readonly_contexts.contains(&m.context),
                servers.clone(),
                tx.clone(),
            )
        })
        .collect();
    let state = State::new(jiff::Timestamp::now())
        .with_readonly(opts.readonly)
        .with_clusters(clusters)
        .with_keymap(keymap.clone());
    let backend = Arc::new(EngineBackend::new(engine, fleet));
    let in_flight = backend.in_flight();
    let result = crate::tui::run(backend, state, theme, keymap, rx, tx).await;
    for w in watchers {
        w.abort();
    }
    on_exit::settle(&in_flight, opts.exit_grace.unwrap_or(on_exit::GRACE)).await;
    result.map_err(Into::into)
}
