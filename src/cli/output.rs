//! Command output and messages to the person: without control or bidi characters, quiet on a closed pipe.

use super::error::CliError;
use super::error::CliResult;
use crate::domain::text::printable;
use crate::t;
use std::io::Write;

/// Set once the output's reader has gone away.
static OUTPUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes command output (see [`out!`]), without control or bidi characters.
pub(crate) fn emit(args: std::fmt::Arguments<'_>) {
    match args.as_str() {
        Some(text) => emit_text(text),
        None => emit_text(&args.to_string()),
    }
}

/// [`emit`] of text already made (a long table is not copied again).
pub(crate) fn emit_text(text: &str) {
    emit_clean(&printable(text));
}

/// [`emit_text`] of text in which [`printable`] would change nothing: every character of it came
/// through `domain::text::clean` or is a space or a line break (a table's rows).
pub(crate) fn emit_clean(text: &str) {
    use std::sync::atomic::Ordering;
    if OUTPUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(text.as_bytes()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            OUTPUT_CLOSED.store(true, Ordering::Relaxed);
            return;
        }
        eprintln!("helpdesk: {}", t!("output-failed", error = e.to_string()));
        std::process::exit(1);
    }
}

/// Writes a message to the person on stderr (see [`note!`]).
pub(crate) fn say(args: std::fmt::Arguments<'_>) {
    let text = format!("{args}\n");
    let _ = std::io::stderr().lock().write_all(printable(&text).as_bytes());
}

/// Prints a value as JSON (pretty, with a final newline): money as decimal strings, minutes as
/// integers, instants as RFC 3339 strings — as the value's types serialise them; a list with no rows
/// is `[]`.
pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> CliResult {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Failure(e.to_string()))?;
    outln!("{text}");
    Ok(())
}
