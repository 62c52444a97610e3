//! `helpdesk completions SHELL` and `helpdesk man`: generated from the same clap definitions that
//! parse the command line (`clap_complete`, `clap_mangen`), so they always list every subcommand and
//! option there is. Neither needs a database or a configuration.

use crate::t;
use clap::CommandFactory;

use super::{Cli, CliError, CliResult};

/// The completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> CliResult {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "helpdesk", &mut script);
    out!("{}", String::from_utf8_lossy(&script));
    Ok(())
}

/// The manual page (roff, section 1) on stdout; its subcommands are listed in it. With `path`, the page
/// of that subcommand (`ticket open`: helpdesk-ticket-open), as `clap_mangen` names them.
pub fn man(path: &[String]) -> CliResult {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    for name in path {
        let sub = cmd.get_subcommands().find(|s| s.get_name() == name.trim() && !s.is_hide_set()).cloned();
        cmd = sub.ok_or_else(|| {
            CliError::input(t!(
                "not-a-subcommand",
                typed = name.trim(),
                command = cmd.get_display_name().unwrap_or("helpdesk").replace('-', " ")
            ))
        })?;
    }
    let mut page = Vec::new();
    // The footer names the program and its version on every page (a subcommand's own name and no
    // version by default: `open`).
    let source = format!("helpdesk {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(cmd).source(source).render(&mut page).map_err(|e| CliError::Failure(e.to_string()))?;
    out!("{}", String::from_utf8_lossy(&page));
    Ok(())
}
