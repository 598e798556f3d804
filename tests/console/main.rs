//! The real console binary in a real terminal (tmux), against the real
//! control planes; kubectl checks what it did.

#[path = "../support/mod.rs"]
mod support;
mod tmux;

mod batch;
mod common;
mod contract;
mod demo;
mod drift_and_sync;
mod git_down;
mod hangup;
mod hostile_text;
mod lifecycle;
mod logs;
mod one_connection;
mod pause_and_rollback;
mod readonly_and_stale;
mod restart;
mod slow_link;
mod streamed_lists;
mod views;
