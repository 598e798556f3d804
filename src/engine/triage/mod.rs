//! On-call triage: the objects an app's objects own (Deployment →
//! ReplicaSets → Pods, CronJob → Jobs → Pods, Service → EndpointSlices),
//! their Events, and the one-line root cause of an unhealthy app. Pure
//! functions of live objects as JSON; `gather` reads them from a cluster
//! once (the console keeps them live from watches instead).

mod events;
mod explain;
mod gather;
mod reason;
mod tree;
mod why;

#[cfg(test)]
mod tests;

pub use events::{EventRecord, newest_first, parse_event};
pub use explain::{explain, roots_of_status};
pub use gather::{OWNED_KINDS, Owned, as_live, event_kind, gather, get_owned, owned_kinds};
pub use reason::object_reason;
pub use tree::{Root, TreeNode, build};
pub use why::{Why, why, worth_explaining};
