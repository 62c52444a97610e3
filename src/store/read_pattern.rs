//! How a one-shot command will read the file, told to the operating system before it reads.
//!
//! By default a command reads through a memory map and the kernel's read-ahead: right for commands
//! that read runs of neighbouring pages (a month's lines, every open ticket, every customer). A
//! command that reads a handful of pages scattered over a big file — add time to one ticket, show one
//! ticket, start a timer — pays for that when the page cache is cold: every page it touches through
//! the map brings in the read-ahead window around it (8 MiB on a machine with `read_ahead_kb` 8192),
//! and ordinary reads of neighbouring pages grow their read-ahead up to the same size. For such a
//! command ([`Reads::Few`]) the file is read without the map and the kernel is told the reads are
//! random (`posix_fadvise(POSIX_FADV_RANDOM)`), so it reads just the pages asked for. On the
//! full-size demo (5.8 GB, page cache dropped before each run) `time add` went from 113–159 ms to
//! 51–66 ms, reading 25 MB (almost all of it the program itself) instead of 79 MB; `ticket show` 126–144
//! → 39–60 ms. A list read that way is slower cold (every one of its hundreds of pages one read), so
//! lists keep the map; the two lists whose tables are known and small (`ticket list --open`,
//! `customer list`: [`Reads::Trees`]) have those tables' pages asked for ahead instead
//! ([`super::prefetch`]).
//!
//! The choice is the process's, made once by the command line before it opens anything (as the
//! upgrade's progress sink is): it is advice about speed only, and nothing read or written depends on it.

use std::sync::Mutex;

/// How the command about to run reads its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// Runs of neighbouring pages (reports, checks, the interface): memory map and read-ahead.
    Spread,
    /// A handful of scattered pages (one ticket, one entry, one customer): no map, no read-ahead.
    Few,
    /// Whole tables and indexes, each named as in `sqlite_schema` (a table's name is its own
    /// b-tree, not its indexes: `ticket list --open`, `customer list`): memory map, and their pages
    /// asked for ahead in a few large reads when the file is opened ([`super::prefetch`]), so that
    /// the map's read-ahead windows do not bring in the megabytes around them. A name the file's
    /// schema does not hold is skipped.
    Trees(&'static [&'static str]),
}

static EXPECTED: Mutex<Reads> = Mutex::new(Reads::Spread);

/// Sets how every file this process opens from now on is read (see the module's text).
pub fn expect_reads(reads: Reads) {
    *EXPECTED.lock().unwrap_or_else(|e| e.into_inner()) = reads;
}

/// What [`expect_reads`] set last; [`Reads::Spread`] until it is called.
pub(super) fn expected() -> Reads {
    *EXPECTED.lock().unwrap_or_else(|e| e.into_inner())
}

/// The memory map a connection reads through, in bytes: 1 GiB, or none for [`Reads::Few`].
pub(super) fn mmap_bytes() -> i64 {
    match expected() {
        Reads::Spread | Reads::Trees(_) => 1 << 30,
        Reads::Few => 0,
    }
}

/// For [`Reads::Trees`], to be called right before SQLite opens `path`: asks for the schema's
/// pages ([`super::prefetch::schema`]). Nothing for the others.
pub(super) fn before_open(path: &std::path::Path) {
    if let Reads::Trees(_) = expected() {
        super::prefetch::schema(path);
    }
}

/// Tells the kernel how `path` will be read, right after `conn` (SQLite's, just opened, nothing read
/// yet) opened it: for [`Reads::Few`] that its open descriptors are read at random, so a read brings
/// in only the pages asked for; for [`Reads::Trees`] which pages will be read ([`super::prefetch`]).
/// Linux only; nothing elsewhere, and nothing when the descriptors cannot be listed (advice only:
/// reads work the same without it).
pub(super) fn advise(path: &std::path::Path, conn: &rusqlite::Connection) {
    match expected() {
        Reads::Few => advise_random(path),
        Reads::Trees(names) => super::prefetch::trees(path, conn, names),
        Reads::Spread => {}
    }
}

#[cfg(target_os = "linux")]
fn advise_random(path: &std::path::Path) {
    let Ok(file) = std::fs::canonicalize(path) else { return };
    let Ok(fds) = std::fs::read_dir("/proc/self/fd") else { return };
    for fd in fds.flatten() {
        if std::fs::read_link(fd.path()).is_ok_and(|target| target == file)
            && let Some(number) = fd.file_name().to_str().and_then(|n| n.parse::<libc::c_int>().ok())
        {
            // SAFETY: posix_fadvise only records advice about the descriptor's page cache use; on a
            // descriptor closed (or reused) since it was listed it fails with EBADF or advises that file,
            // neither of which touches memory or changes what any read returns.
            unsafe { libc::posix_fadvise(number, 0, 0, libc::POSIX_FADV_RANDOM) };
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_random(_path: &std::path::Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test for both settings: the choice is the process's, so two tests setting it would race.
    #[test]
    fn a_command_of_few_reads_reads_without_the_map_and_others_through_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        drop(crate::store::Store::open(&path, "t").unwrap());
        let map = |reads| {
            expect_reads(reads);
            let store = crate::store::Store::open_existing(&path, "t").unwrap();
            let bytes: i64 = store.conn().query_row("PRAGMA mmap_size", [], |r| r.get(0)).unwrap();
            bytes
        };
        assert_eq!(map(Reads::Few), 0);
        assert_eq!(map(Reads::Trees(&["customers", "no such table"])), 1 << 30);
        assert_eq!(map(Reads::Spread), 1 << 30);
    }
}
