//! Talking to clusters with kube: one client per context, discovery, live
//! objects, server-side apply, identity.

mod client_stack;
mod contexts;
mod error;
mod identity;
pub mod lean_meta;
pub mod live;
pub mod logs;
mod multiplexed;
mod resolver;
mod table_rows;
pub mod table_watch;
pub mod typed;
pub mod watch;
pub mod watch_streamed;

pub use client_stack::build as build_client;
pub use contexts::{Cluster, connect, read_kubeconfig, same_server, select_contexts, server_of};
pub use error::{ClusterError, kube_error_text, watch_error_text};
pub use identity::whoami;
pub use resolver::{Resolved, Resolver};

/// The field manager of every server-side apply recon does. It lives with
/// the apply call; the engine uses it to recognise its own managed fields.
pub const FIELD_MANAGER: &str = "recon";
