//! The external editor for long text, as git and lazygit do it: the text goes into a temporary file
//! (readable by you only), `$EDITOR` (else `$VISUAL`, else `vi`; see `environment::editor`) runs on it
//! through the shell, so `code --wait` or `vim -c startinsert` work, and what the file holds after
//! the editor exits successfully is the new text. The terminal is handed over by the event loop
//! (`tui`), which leaves the alternate screen and raw mode around this call.

use std::io::Write;
use std::process::Command;

/// Runs `editor` (a shell command line) on a file holding `text`; the file's text afterwards. An
/// editor that cannot start, exits with an error, or leaves text that is not UTF-8 is an error that
/// says so (the caller keeps the old text).
pub fn edit(editor: &str, text: &str) -> Result<String, String> {
    let mut file = tempfile::Builder::new()
        .prefix("helpdesk-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| crate::t!("editor-no-file", error = e.to_string()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| crate::t!("editor-no-file", error = e.to_string()))?;
    let path = file.path().to_path_buf();
    let status = shell(editor, &path)
        .status()
        .map_err(|e| crate::t!("editor-not-started", editor = editor, error = e.to_string()))?;
    if !status.success() {
        let code = status.code().map_or_else(|| "-".to_string(), |c| c.to_string());
        return Err(crate::t!("editor-exit", editor = editor, code = code));
    }
    let bytes = std::fs::read(&path).map_err(|e| crate::t!("editor-no-file", error = e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| crate::t!("editor-not-utf8"))
}

/// `sh -c '<editor> "$@"' <editor> <path>`, the way git runs its editor: the command line may hold
/// arguments and the path is passed as one argument, never spliced into the text.
#[cfg(unix)]
fn shell(editor: &str, path: &std::path::Path) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c").arg(format!("{editor} \"$@\"")).arg(editor).arg(path);
    c
}

#[cfg(not(unix))]
fn shell(editor: &str, path: &std::path::Path) -> Command {
    let mut words = editor.split_whitespace();
    let mut c = Command::new(words.next().unwrap_or("notepad"));
    c.args(words).arg(path);
    c
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_editor_changes_the_text_through_a_file() {
        assert_eq!(edit("sed -i s/x/y/", "a x\nb z\n").unwrap(), "a y\nb z\n");
    }

    #[test]
    fn a_failing_or_missing_editor_is_an_error_naming_it() {
        let e = edit("false", "text").unwrap_err();
        assert!(e.contains("false") && e.contains('1'), "{e}");
        let e = edit("helpdesk-no-such-editor-here", "text").unwrap_err();
        assert!(e.contains("helpdesk-no-such-editor-here") && e.contains("127"), "{e}");
    }
}
