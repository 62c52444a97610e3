//! clap's refusals of a command line as one line in the house style: what was wrong (the offending
//! argument cleaned of control characters) and where to read how to write it. Help and version
//! requests are printed as clap formats them.

use std::ffi::OsString;

use clap::CommandFactory;
use clap::error::ErrorKind;

use super::Cli;

/// What to do with a command line clap refused: print help/version (exit 0), or fail with one line.
pub enum Refusal {
    /// `--help`, `--version`: clap prints them.
    Show(clap::Error),
    /// Bad usage: this one line (without the `helpdesk: ` prefix), exit 2.
    Usage(String),
}

/// Sorts out clap's error for the command line `args` (the program name first).
pub fn refusal(e: clap::Error, args: &[OsString]) -> Refusal {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return Refusal::Show(e);
    }
    let (path, subcommands) = command_path(args);
    let message = match e.kind() {
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            crate::t!("needs-a-subcommand", command = path.as_str(), subcommands = subcommands.join(", "))
        }
        _ => {
            // The first paragraph (clap lists missing arguments on the lines after its first).
            let rendered = e.render().to_string();
            let paragraph: Vec<&str> = rendered.lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
            let said = paragraph.join(" ");
            crate::t!("usage-see-help", said = said.trim_start_matches("error:").trim(), command = path.as_str())
        }
    };
    Refusal::Usage(crate::domain::text::clean(&message, false))
}

/// The subcommands named on the command line (`helpdesk ticket list`) and those the last one offers.
pub(super) fn command_path(args: &[OsString]) -> (String, Vec<String>) {
    let mut cmd = Cli::command();
    let mut path = vec!["helpdesk".to_string()];
    for arg in args.iter().skip(1) {
        let Some(arg) = arg.to_str() else { continue };
        let Some(sub) = cmd.find_subcommand(arg).cloned() else { continue };
        path.push(sub.get_name().to_string());
        cmd = sub;
    }
    let subs = cmd.get_subcommands().filter(|s| !s.is_hide_set()).map(|s| s.get_name().to_string()).collect();
    (path.join(" "), subs)
}
