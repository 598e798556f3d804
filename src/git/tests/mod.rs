//! Tests against real repositories: bare origins built in temp dirs and
//! reached through `file://` URLs, exactly as recon reaches a remote.

mod auth_tests;
mod cache_tests;
mod daemon_tests;
mod diff_tests;
mod fixture;
mod history_memo_tests;
mod history_merge_tests;
mod history_tests;
mod push_tests;
mod resolve_tests;
mod revert_tests;
mod symlink_tests;
mod tree_tests;
