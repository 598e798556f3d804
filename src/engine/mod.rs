//! The GitOps engine: app model, Git source, render, drift, plan, apply,
//! health, status and audit. No terminal code: the CLI, the console and the
//! agent are thin layers over `ops`.

pub mod app;
pub mod app_columns;
pub mod audit;
pub mod changeset;
pub mod conflicts;
pub mod drift;
pub mod drift_one;
pub mod error;
pub mod execute;
pub mod fleet;
pub mod health;
pub mod install;
pub mod inventory;
pub mod mask;
pub mod normalize;
pub mod ops;
pub mod plan;
pub mod prepare;
pub mod render;
pub mod source;
pub mod status;
pub mod textdiff;
pub mod triage;
