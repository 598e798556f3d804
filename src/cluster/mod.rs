//! Talking to clusters with kube: one client per context, discovery, live
//! objects, server-side apply, identity.

mod contexts;
mod error;
mod identity;
pub mod live;
mod resolver;
pub mod typed;
pub mod watch;

pub use contexts::{Cluster, connect, read_kubeconfig, same_server, select_contexts, server_of};
pub use error::{ClusterError, chain};
pub use identity::whoami;
pub use resolver::{Resolved, Resolver};
