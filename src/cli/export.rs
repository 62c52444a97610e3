//! Exports written as they are made: to stdout through [`printable`] (like every other output), or
//! into `--output FILE` through a temporary file beside it that is renamed into place only once the
//! whole export is written and synced, so a reader never sees half an export and a failure leaves
//! any earlier file as it was.
//!
//! Decision: on stdout an export streams, so an error midway (the database became unreadable) leaves
//! what was already printed and exits non-zero, as streaming tools do; `--output` is all or nothing.

use crate::t;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::{CliError, CliResult};
use crate::domain::text::printable;

/// Bytes of output gathered before they are filtered and written.
const CHUNK: usize = 64 * 1024;

/// Runs `write` with the export's destination: stdout (filtered by [`printable`]) or, with `output`,
/// a temporary file that becomes `output` when `write` succeeds. Errors: `write`'s own; the file
/// could not be written (named); a closed stdout is [`CliError::OutputClosed`].
pub fn export(output: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> CliResult) -> CliResult {
    export_to(output, true, write)
}

/// [`export`] of output that is terminal-safe as written (JSON from [`super::json::SafePretty`]):
/// stdout gets it without the filter.
pub fn export_safe(output: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> CliResult) -> CliResult {
    export_to(output, false, write)
}

fn export_to(output: Option<&Path>, filter: bool, write: impl FnOnce(&mut dyn Write) -> CliResult) -> CliResult {
    let Some(path) = output else {
        let stdout = io::stdout().lock();
        if !filter {
            let mut out = BufWriter::with_capacity(CHUNK, stdout);
            write(&mut out)?;
            return out.flush().map_err(CliError::output);
        }
        let mut out = BufWriter::with_capacity(CHUNK, Printable::new(stdout));
        write(&mut out)?;
        let filter = out.into_inner().map_err(|e| CliError::output(e.into_error()))?;
        return filter.finish().map_err(CliError::output);
    };
    let fail =
        |e: io::Error| CliError::Failure(t!("cannot-write", path = path.display().to_string(), error = e.to_string()));
    let mut target = Target::of(path, |p| {
        p.with_file_name(format!(
            ".{}.tmp-{}",
            p.file_name().map_or("export".into(), |n| n.to_string_lossy().into_owned()),
            std::process::id()
        ))
    })
    .map_err(fail)?;
    let result = (|| -> CliResult {
        let file = target.create().map_err(fail)?;
        let mut out = BufWriter::with_capacity(CHUNK, file);
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| fail(e.into_error()))?;
        target.finish(file).map_err(fail)
    })();
    // Whatever failed (a full disk, a missing directory, the export itself), no temporary file is
    // left behind.
    if result.is_err() {
        target.discard();
    }
    result?;
    note!("wrote {}", path.display());
    Ok(())
}

/// Where a file the command line writes whole goes (`--output`, `sync export`).
///
/// Decision (a `report month --output /dev/null` replaced the device by a regular file): a path that
/// exists and is not a regular file — `/dev/null`, `/dev/stdout`, a named pipe — is written straight,
/// as shells and other tools write to it (renaming a file over it would replace the device); a
/// symbolic link is followed, so the file it points to is replaced (or made, when it does not exist
/// yet, as `>` in a shell makes it) and the link stays; a directory is refused; anything else is
/// written into a temporary file beside it and renamed over it once it is whole and synced, so a
/// reader never sees half a file and a failure leaves the earlier one as it was. The temporary file
/// is made new (`O_EXCL`): whatever already has its name — a leftover, a link someone put there — is
/// left alone and the next free name (`NAME.1`, `NAME.2`, …) is used (`store::create_fresh`).
pub enum Target {
    /// Written straight (not a regular file).
    Straight(std::path::PathBuf),
    /// Written into `tmp`, renamed to `path` when whole; `made`: [`Target::create`] made `tmp`.
    Replace { tmp: std::path::PathBuf, path: std::path::PathBuf, made: bool },
}

/// How many links a path may go through before it is refused (the kernel's own limit).
const MAX_LINKS: usize = 40;

impl Target {
    /// The target for `path`; `tmp` names the temporary file for a given (link-resolved) path.
    /// Errors: `path` is a directory, its link cannot be followed (a loop, or the directory it points
    /// into does not exist).
    pub fn of(path: &Path, tmp: impl Fn(&Path) -> std::path::PathBuf) -> io::Result<Self> {
        let resolved = resolve(path)?;
        match std::fs::metadata(&resolved) {
            Ok(m) if m.is_dir() => Err(io::Error::new(io::ErrorKind::IsADirectory, t!("output-is-directory"))),
            Ok(m) if !m.is_file() => Ok(Self::Straight(resolved)),
            found => {
                // A file to be made: its directory must be there.
                if found.is_err() {
                    require_directory_of(&resolved)?;
                }
                Ok(Self::Replace { tmp: tmp(&resolved), path: resolved, made: false })
            }
        }
    }

    /// The file to write into (a temporary one is made new, see [`Target`]).
    pub fn create(&mut self) -> io::Result<std::fs::File> {
        match self {
            Self::Straight(path) => std::fs::OpenOptions::new().write(true).open(path),
            Self::Replace { tmp, made, .. } => {
                let (file, name) = crate::store::create_fresh(tmp)?;
                (*tmp, *made) = (name, true);
                Ok(file)
            }
        }
    }

    /// After the whole file was written into `file`: synced and renamed into place (a device or pipe
    /// as it is).
    pub fn finish(&self, file: std::fs::File) -> io::Result<()> {
        match self {
            Self::Straight(_) => Ok(()),
            Self::Replace { tmp, path, .. } => {
                file.sync_all()?;
                std::fs::rename(tmp, path)
            }
        }
    }

    /// After a failure: the temporary file removed, if this target made it (nothing to undo on a
    /// device; a file of that name it did not make is left alone).
    pub fn discard(&self) {
        if let Self::Replace { tmp, made: true, .. } = self {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// A file to be made at `path` needs its directory: a missing one is named (as `backup` names it), not
/// left to the system's "No such file or directory".
fn require_directory_of(path: &Path) -> io::Result<()> {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => {
            Err(io::Error::new(io::ErrorKind::NotFound, t!("output-no-directory", dir = crate::store::named(dir))))
        }
        _ => Ok(()),
    }
}

/// `path` with its symbolic links followed: the file it names in the end, which need not exist yet
/// (a link to a file not yet made), in a directory that does. A path that is no link is as given.
fn resolve(path: &Path) -> io::Result<std::path::PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            // The end of the links: an existing file is named by its canonical path, a file to be
            // made by its directory's.
            Ok(_) if at == path => return Ok(at),
            Ok(_) => return std::fs::canonicalize(&at),
            Err(e) if e.kind() == io::ErrorKind::NotFound && at != path => {
                let name = at.file_name().ok_or(e)?.to_owned();
                require_directory_of(&at)?;
                let dir = at.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
                return Ok(std::fs::canonicalize(dir)?.join(name));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::InvalidInput, t!("output-link-loop")))
}

/// A writer that passes text on through [`printable`]. Text may arrive cut anywhere (inside a
/// character, between a carriage return and its newline): the unfinished end waits for the next
/// write. Bytes that are not UTF-8 become U+FFFD.
pub struct Printable<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Printable<W> {
    pub fn new(inner: W) -> Self {
        Self { inner, pending: Vec::new() }
    }

    /// Writes what is still pending and flushes. Errors: writing the inner writer failed.
    pub fn finish(mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.write_all(printable(&String::from_utf8_lossy(&rest)).as_bytes())?;
        self.inner.flush()
    }

    /// Writes the longest start of `pending` that is whole text, keeping an unfinished character or
    /// a trailing carriage return for later.
    fn pass_on(&mut self) -> io::Result<()> {
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                // Not UTF-8 at all here: replaced, so nothing waits on it.
                let text = String::from_utf8_lossy(&self.pending).into_owned();
                self.pending = text.into_bytes();
                self.pending.len()
            }
        };
        let ready = if self.pending[..whole].ends_with(b"\r") { whole - 1 } else { whole };
        let text = std::str::from_utf8(&self.pending[..ready]).map_err(io::Error::other)?;
        self.inner.write_all(printable(text).as_bytes())?;
        self.pending.drain(..ready);
        Ok(())
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.pass_on()?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut p = Printable::new(&mut out);
        for piece in pieces {
            p.write_all(piece).unwrap();
        }
        p.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_cut_anywhere_comes_out_as_printable_makes_it_whole() {
        let text = "Řež\u{202E}ba\r\nx\u{1b}[31m\u{85}y\r z ž";
        let bytes = text.as_bytes();
        let expected = printable(text).into_owned();
        for cut in 0..=bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(through(&[a, b]), expected, "cut at byte {cut}");
        }
        let singles: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(through(&singles), expected);
    }

    #[test]
    fn bytes_that_are_not_text_become_replacement_characters() {
        assert_eq!(through(&[b"a\xffb", b"\xe2\x80"]), "a\u{FFFD}b\u{FFFD}");
    }
}
