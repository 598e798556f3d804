//! recon: a keyboard-driven GitOps operations console and agent for Kubernetes.
//!
//! The engine (Git, render, drift, plan, apply, health) has no terminal code;
//! the command line, the console and the agent are thin layers over it.

pub mod adapters;
pub mod agent;
pub mod cli;
pub mod cluster;
pub mod console;
pub mod demo;
pub mod duration_input;
pub mod engine;
pub mod error_chain;
pub mod git;
pub mod logging;
pub mod memory;
pub mod testbed;
pub mod text;
pub mod tui;

#[cfg(test)]
mod tests;
