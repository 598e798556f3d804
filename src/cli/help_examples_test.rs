//! Every command's `--help` ends with an example.

use clap::CommandFactory;

use super::args::Cli;

#[test]
fn every_command_shows_an_example() {
    let cli = Cli::command();
    let has_example = |c: &clap::Command| {
        c.get_after_help()
            .is_some_and(|h| h.to_string().contains("Example:"))
    };
    assert!(has_example(&cli), "recon --help");
    let missing: Vec<&str> = cli
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .filter(|c| !has_example(c))
        .map(|c| c.get_name())
        .collect();
    assert!(
        missing.is_empty(),
        "commands without an example in --help: {missing:?}"
    );
}
