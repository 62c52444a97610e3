//! clap's refusals of a command line as one line in the house style: what was wrong (the offending
//! argument cleaned of control characters) and where to read how to write it. Help and version
//! requests are printed as clap formats them.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, CommandFactory, FromArgMatches};

use super::Cli;

/// What to do with a command line clap refused: print help/version (exit 0), or fail with one line.
pub enum Refusal {
    /// `--help`, `--version`: clap prints them.
    Show(clap::Error),
    /// Bad usage: this one line (without the `helpdesk: ` prefix), exit 2.
    Usage(String),
}

/// The command line as clap reads it: [`Cli`]'s, with every option that takes a value taking one that
/// starts with `-` too (fixg #1: `--title -urgent`, `--note "-5 min"`), as getopt's options with a
/// required argument do. Positional values that start with `-` are refused with our hint
/// ([`refusal`]): they cannot be told from options.
pub fn command() -> Command {
    hyphens(Cli::command(), &|_| true)
}

/// `cmd` with its options' values allowed to start with `-`, and those of its subcommands (at any
/// depth) whose names `wanted` accepts.
fn hyphens(cmd: Command, wanted: &dyn Fn(&str) -> bool) -> Command {
    cmd.mut_args(|a| {
        let needs_value = a.get_num_args().is_none_or(|n| n.min_values() >= 1);
        if a.get_long().is_some() && a.get_action().takes_values() && needs_value {
            a.allow_hyphen_values(true)
        } else {
            a
        }
    })
    .mut_subcommands(|sub| if wanted(sub.get_name()) { hyphens(sub, wanted) } else { sub })
}

/// [`command`] as far as the command line `args` can reach: clap matches a subcommand only by its
/// whole name (no aliases, no abbreviations), so a subcommand whose name is none of the words is
/// never parsed and keeps its options as declared. Setting every option of the whole tree was 0.2 M
/// instructions of every command (callgrind, 2 Dec 2026).
fn command_for(args: &[OsString]) -> Command {
    hyphens(Cli::command(), &|name| args.iter().any(|a| a.as_os_str() == name))
}

/// Parses the command line `args` (the program name first) with [`command`].
pub fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    let matches = command_for(args).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command()))
}

/// Sorts out clap's error for the command line `args` (the program name first).
pub fn refusal(e: clap::Error, args: &[OsString]) -> Refusal {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return Refusal::Show(e);
    }
    let (path, subcommands) = command_path(args);
    let message = match e.kind() {
        ErrorKind::InvalidUtf8 => not_utf8(args).unwrap_or_else(|| e.render().to_string()),
        ErrorKind::UnknownArgument if hyphen_value(&e, args).is_some() => hyphen_value(&e, args).unwrap_or_default(),
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

/// Which argument clap refused as not UTF-8 (bb4 #20: its sentence named none), in our words: the option
/// it belongs to (`--description`), else the value itself, shown with `�` for what does not decode, and
/// how to fix it. The culprit is the first argument that is not UTF-8 and is refused still when every
/// other such argument is made valid (a path, `--db` or a bundle file, may be any bytes).
fn not_utf8(args: &[OsString]) -> Option<String> {
    let bad: Vec<usize> = (1..args.len()).filter(|&i| args[i].to_str().is_none()).collect();
    let lossy = |i: usize| OsString::from(args[i].to_string_lossy().into_owned());
    let culprit = bad.iter().copied().find(|&i| {
        let trial: Vec<OsString> = args
            .iter()
            .enumerate()
            .map(|(j, a)| if j != i && bad.contains(&j) { lossy(j) } else { a.clone() })
            .collect();
        parse(&trial).err().is_some_and(|e| e.kind() == ErrorKind::InvalidUtf8)
    })?;
    let text = args[culprit].to_string_lossy();
    let shown = |s: &str| {
        let c = crate::domain::text::clean(s, false);
        match c.char_indices().nth(40) {
            Some((end, _)) => format!("{}…", &c[..end]),
            None => c,
        }
    };
    // `--option=value`, `--option value`, or a value on its own.
    if let Some((option, value)) = text.split_once('=').filter(|(o, _)| o.starts_with("--")) {
        return Some(crate::t!("arg-not-utf8", arg = option, shown = shown(value)));
    }
    let before = args
        .get(culprit - 1)
        .and_then(|a| a.to_str())
        .filter(|w| w.starts_with("--") && !w.contains('=') && takes_value(args, w));
    Some(match before.filter(|_| culprit > 1) {
        Some(option) => crate::t!("arg-not-utf8", arg = option, shown = shown(&text)),
        None => crate::t!("arg-not-utf8-value", shown = shown(&text)),
    })
}

/// A value that starts with `-` where the command expects a positional value (`customer domain add ACME
/// -a.cz`, `ticket comment 7 "-5 min"`): clap took it for an unknown option; we name the value it is
/// and show the line with `--` before it.
fn hyphen_value(e: &clap::Error, args: &[OsString]) -> Option<String> {
    let Some(ContextValue::String(invalid)) = e.get(ContextKind::InvalidArg) else { return None };
    let words: Vec<&str> = args.iter().map(|a| a.to_str()).collect::<Option<_>>()?;
    let at = (1..words.len()).find(|&i| words[i].starts_with(invalid.as_str()))?;
    let token = words[at];
    if token.starts_with("--") {
        return None;
    }
    let mut cmd = command();
    let mut path = Vec::new();
    let mut given = 0;
    let mut skip = false;
    for (i, w) in words.iter().enumerate().take(at).skip(1) {
        if std::mem::take(&mut skip) {
            continue;
        }
        if let Some(sub) = cmd.find_subcommand(w).cloned().filter(|_| given == 0) {
            path.push(i);
            cmd = sub;
        } else if w.starts_with("--") {
            skip = !w.contains('=') && takes_value(args, w);
        } else if !w.starts_with('-') && !path.is_empty() {
            given += 1;
        }
    }
    let field = cmd.get_positionals().nth(given)?;
    let name =
        field.get_value_names().and_then(|n| n.first()).map_or_else(|| field.get_id().to_string(), |n| n.to_string());
    let quote = |w: &str| if w.contains(char::is_whitespace) { format!("'{w}'") } else { w.to_string() };
    let mut line: Vec<String> = words.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, w)| quote(w)).collect();
    line[0] = "helpdesk".into();
    line.push("--".into());
    line.push(quote(token));
    Some(crate::t!("value-starts-with-hyphen", value = token, field = name, example = line.join(" ")))
}

/// Whether `--option` (as typed) takes a value in the command the line names (or is a global one).
fn takes_value(args: &[OsString], option: &str) -> bool {
    let long = option.trim_start_matches("--");
    let root = command();
    let mut cmd = root.clone();
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = cmd.find_subcommand(arg).cloned() {
            cmd = sub;
        }
    }
    [&cmd, &root]
        .iter()
        .flat_map(|c| c.get_arguments())
        .find(|a| a.get_long() == Some(long))
        .is_some_and(|a| a.get_action().takes_values())
}

/// The subcommands named on the command line (`helpdesk ticket list`) and those the last one offers.
pub(super) fn command_path(args: &[OsString]) -> (String, Vec<String>) {
    let mut cmd = command();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subcommand path of `cmd` (its names from the top), with the command itself.
    fn paths(cmd: &Command, above: Vec<String>, out: &mut Vec<(Vec<String>, Command)>) {
        for sub in cmd.get_subcommands() {
            let mut path = above.clone();
            path.push(sub.get_name().to_string());
            out.push((path.clone(), sub.clone()));
            paths(sub, path, out);
        }
    }

    /// For every option that takes a value, on every subcommand: `--option -x` parses alike with the
    /// whole tree's hyphen setting and with the one limited to the words typed ([`command_for`]).
    #[test]
    fn the_limited_grammar_reads_every_option_as_the_whole_one_does() {
        let mut all = vec![(Vec::new(), Cli::command())];
        paths(&Cli::command(), Vec::new(), &mut all);
        let mut checked = 0;
        for (path, sub) in &all {
            for arg in sub.get_arguments().filter(|a| a.get_long().is_some() && a.get_action().takes_values()) {
                let mut line: Vec<OsString> = vec!["helpdesk".into()];
                line.extend(path.iter().map(OsString::from));
                line.push(format!("--{}", arg.get_long().unwrap_or_default()).into());
                line.push("-x".into());
                let whole = command().try_get_matches_from(&line).map(|m| format!("{m:?}")).map_err(|e| e.kind());
                let limited =
                    command_for(&line).try_get_matches_from(&line).map(|m| format!("{m:?}")).map_err(|e| e.kind());
                assert_eq!(whole, limited, "{line:?}");
                checked += 1;
            }
        }
        // The tree has dozens of such options (73 on 2 Dec 2026): an empty walk would pass unchecked.
        assert!(checked > 50, "only {checked} options checked");
    }
}
