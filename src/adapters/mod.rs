//! One boundary over every GitOps tool recon shows: recon's own
//! Applications and Argo CD's, each read and driven in its tool's own way
//! and Flux's Kustomizations. The CLI and the console list,
//! locate and act on apps through here; the engine knows nothing of it.

pub mod argocd;
pub mod batch;
pub mod error;
pub mod flux;
pub mod listing;
pub mod locate;
pub mod pause_notes;
pub mod source_files;
pub mod summary;
pub mod tool;

pub use error::AdapterError;
pub use listing::{AppObject, ClusterListing, ListedApp, list_fleet, list_member};
pub use locate::{Located, locate};
pub use summary::{AppSummary, PauseSummary};
pub use tool::Tool;
