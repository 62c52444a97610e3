//! The pages of a list's tables and indexes asked for ahead, in a few large reads, before SQLite
//! reads them through its memory map (for [`super::Reads::Trees`]).
//!
//! Why: with the page cache cold, the first touch of a page through a memory map makes Linux read
//! the read-ahead window around it (8 MiB with `read_ahead_kb` 8192), and reads that go on in order
//! make the next windows grow to the same size. A `ticket list --open` of the full-size demo needs
//! about 4.4 MiB of the file — the schema, the customers and their tier history (the first 3.7 MiB
//! of a compacted file) and the open tickets' index (0.6 MiB, 420 MiB in) — and read 24 MiB in three
//! windows, which (with the 21 MB program) kept it over 50 ms.
//!
//! How: the schema's pages (before SQLite opens the file) and every root page are asked for, then
//! each b-tree named is walked from
//! its root page (`sqlite_schema.rootpage`) down through its
//! interior pages, which are read here (a few per tree: a 526-page table has one); the pages of
//! each level are asked for (`posix_fadvise(POSIX_FADV_WILLNEED)`, which starts the reads and
//! returns) before the first of them is read, and the leaves are only asked for. Neighbouring pages
//! go in one request, with gaps of up to [`GAP_BYTES`] read through. A page the memory map then
//! finds in the page cache (or on its way there) is not read again and starts no read-ahead window.
//!
//! Decisions:
//! - **Advice only.** Nothing read here is used for anything but the advice: the file is read again
//!   by SQLite as always. The b-tree format is SQLite's documented file format (fileformat2.html,
//!   "B-tree Pages"); a page that does not parse as one (a damaged or crafted file, a page the
//!   write-ahead log has newer) ends the walk of that tree, and page numbers outside the file are
//!   dropped. Nothing panics; an error of any call just means less advice.
//! - **Bounded:** at most [`MAX_DEPTH`] levels, [`MAX_INTERIOR`] interior pages read and
//!   [`MAX_PAGES`] pages asked for each time a file is opened, whatever the file claims.
//! - **Linux only** (`posix_fadvise` exists elsewhere, but the read-ahead this answers is Linux's);
//!   elsewhere nothing happens.
//! - The page cache warm, this costs the schema look-up (which SQLite does anyway), a few reads of
//!   cached pages and one advice per run of pages.

use std::path::Path;

/// Levels walked below a root at most (a b-tree of a million rows has three or four).
const MAX_DEPTH: usize = 6;
/// Interior pages read at most, over all trees of one opening.
const MAX_INTERIOR: usize = 4_096;
/// Pages asked for at most, over all trees of one opening (256 MiB of 4 KiB pages).
const MAX_PAGES: usize = 65_536;
/// Pages this close to each other (in bytes between them) are asked for in one run, the gap too.
const GAP_BYTES: u64 = 256 * 1024;

/// Asks for the pages of the schema (`sqlite_schema`, rooted at page 1) of the file at `path`: to be
/// called before SQLite opens the file, whose first read (the file's header, at the opening) would
/// otherwise start a read-ahead window at page 1 and mark pages whose touch by the memory map
/// starts the next, growing windows (the first 8 MiB of the full-size demo read for 3.7 MiB used).
/// Never fails (see the module's text).
pub(super) fn schema(path: &Path) {
    #[cfg(target_os = "linux")]
    linux::schema(path);
    #[cfg(not(target_os = "linux"))]
    let _ = path;
}

/// Asks for every root page and all pages of the b-trees called `names` (tables or indexes of
/// `conn`'s main schema, as `sqlite_schema.name`; a table's indexes with it) in the file at `path`,
/// which `conn` has just opened. Names the schema does not hold are skipped. Never fails (see the
/// module's text).
pub(super) fn trees(path: &Path, conn: &rusqlite::Connection, names: &[&str]) {
    #[cfg(target_os = "linux")]
    linux::trees(path, conn, names);
    #[cfg(not(target_os = "linux"))]
    let _ = (path, conn, names);
}

/// The child page numbers of a b-tree page, `None` for a leaf; `header` is where its b-tree header
/// starts (100 on page 1, after the file header, else 0). Errors (`Err(())`): not a b-tree page, or
/// a cell pointer outside the page.
fn children(page: &[u8], header: usize) -> Result<Option<Vec<u32>>, ()> {
    let byte = |at: usize| page.get(at).copied().ok_or(());
    let u16_at = |at: usize| Ok(u16::from_be_bytes([byte(at)?, byte(at + 1)?]));
    let u32_at = |at: usize| Ok(u32::from_be_bytes([byte(at)?, byte(at + 1)?, byte(at + 2)?, byte(at + 3)?]));
    match byte(header)? {
        // Interior index and interior table pages.
        2 | 5 => {}
        // Leaf index and leaf table pages.
        10 | 13 => return Ok(None),
        _ => return Err(()),
    }
    let cells = usize::from(u16_at(header + 3)?);
    let mut out = Vec::with_capacity(cells + 1);
    for i in 0..cells {
        let cell = usize::from(u16_at(header + 12 + 2 * i)?);
        out.push(u32_at(cell)?);
    }
    out.push(u32_at(header + 8)?);
    Ok(Some(out))
}

/// Sorted page numbers as runs `(first, last)`, neighbours up to `gap` pages apart joined.
fn runs(mut pages: Vec<u32>, gap: u32) -> Vec<(u32, u32)> {
    pages.sort_unstable();
    pages.dedup();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for p in pages {
        match out.last_mut() {
            Some((_, last)) if p - *last <= gap + 1 => *last = p,
            _ => out.push((p, p)),
        }
    }
    out
}

#[cfg(target_os = "linux")]
mod linux {
    use std::fs::File;
    use std::os::unix::fs::FileExt;
    use std::os::unix::io::AsRawFd;
    use std::path::Path;

    use super::{GAP_BYTES, MAX_DEPTH, MAX_INTERIOR, MAX_PAGES, children, runs};

    /// The file being walked and what it has spent.
    struct Walk {
        file: File,
        page_size: u64,
        /// Pages in the file (its length over the page size).
        pages: u32,
        interior_read: usize,
        /// Every page asked for, in the order asked.
        asked: Vec<u32>,
    }

    impl Walk {
        /// Starts the reads of `pages` (numbers within the file) and returns at once.
        fn ask(&mut self, pages: &[u32]) {
            let room = MAX_PAGES.saturating_sub(self.asked.len());
            let pages: Vec<u32> = pages.iter().copied().filter(|&p| p >= 1 && p <= self.pages).take(room).collect();
            self.asked.extend_from_slice(&pages);
            let gap = u32::try_from(GAP_BYTES / self.page_size).unwrap_or(0);
            for (first, last) in runs(pages, gap) {
                let (Ok(offset), Ok(len)) = (
                    libc::off_t::try_from(u64::from(first - 1) * self.page_size),
                    libc::off_t::try_from(u64::from(last - first + 1) * self.page_size),
                ) else {
                    continue;
                };
                // SAFETY: posix_fadvise only advises the kernel about the open descriptor's page
                // cache; it reads nothing into this process's memory and changes no read's result.
                unsafe { libc::posix_fadvise(self.file.as_raw_fd(), offset, len, libc::POSIX_FADV_WILLNEED) };
            }
        }

        /// Page `number` as it is in the file now, `None` when it cannot be read whole.
        fn read(&mut self, number: u32) -> Option<Vec<u8>> {
            if number < 1 || number > self.pages || self.interior_read >= MAX_INTERIOR {
                return None;
            }
            self.interior_read += 1;
            let mut page = vec![0; usize::try_from(self.page_size).ok()?];
            self.file.read_exact_at(&mut page, u64::from(number - 1) * self.page_size).ok()?;
            Some(page)
        }

        /// Asks for every page of the b-tree rooted at `root`, level by level.
        fn tree(&mut self, root: u32) {
            let mut level = vec![root];
            for _ in 0..MAX_DEPTH {
                self.ask(&level);
                // Pages of one level are all interior or all leaves: the first one says which.
                let Some(first) = level.first().and_then(|&p| self.read(p)) else { return };
                let header = |number: u32| if number == 1 { 100 } else { 0 };
                let Ok(Some(mut next)) = children(&first, header(level[0])) else { return };
                for &number in &level[1..] {
                    let Some(page) = self.read(number) else { return };
                    let Ok(Some(more)) = children(&page, header(number)) else { return };
                    next.extend(more);
                }
                level = next;
            }
        }
    }

    impl Walk {
        /// The file at `path` opened for this walk (its own descriptor, read at random: a page read
        /// here brings in no read-ahead window and marks no page for one), if it is an SQLite file.
        fn open(path: &Path) -> Option<Walk> {
            let file = File::open(path).ok()?;
            // SAFETY: as in `Walk::ask`: advice about this descriptor's reads.
            unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_RANDOM) };
            let mut header = [0u8; 100];
            file.read_exact_at(&mut header, 0).ok()?;
            if !header.starts_with(b"SQLite format 3\0") {
                return None;
            }
            let page_size = match u16::from_be_bytes([header[16], header[17]]) {
                1 => 65_536,
                n if n >= 512 && n.is_power_of_two() => u64::from(n),
                _ => return None,
            };
            let pages = u32::try_from(file.metadata().ok()?.len() / page_size).unwrap_or(u32::MAX);
            Some(Walk { file, page_size, pages, interior_read: 0, asked: Vec::new() })
        }
    }

    /// [`super::schema`]; the pages asked for.
    pub(super) fn schema(path: &Path) -> Vec<u32> {
        let Some(mut walk) = Walk::open(path) else { return Vec::new() };
        walk.tree(1);
        walk.asked
    }

    /// [`super::trees`]; the pages asked for.
    pub(super) fn trees(path: &Path, conn: &rusqlite::Connection, names: &[&str]) -> Vec<u32> {
        let Some(mut walk) = Walk::open(path) else { return Vec::new() };
        walk.asked_for(conn, names);
        walk.asked
    }

    impl Walk {
        fn asked_for(&mut self, conn: &rusqlite::Connection, names: &[&str]) {
            // Every root page (any statement starts at one; a compacted file has them all in its first
            // pages), then each tree named.
            let Ok(mut stmt) = conn.prepare(
                "SELECT name, CASE type WHEN 'index' THEN tbl_name END, rootpage FROM sqlite_schema WHERE rootpage > 0",
            ) else {
                return;
            };
            let Ok(rows) = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, i64>(2)?)))
            else {
                return;
            };
            // (name, the table of an index, root page)
            let roots: Vec<(String, Option<String>, u32)> = rows
                .flatten()
                .filter_map(|(name, table, root)| Some((name, table, u32::try_from(root).ok()?)))
                .collect();
            self.ask(&roots.iter().map(|(_, _, root)| *root).collect::<Vec<_>>());
            for name in names {
                for (_, _, root) in roots.iter().filter(|(n, table, _)| n == name || table.as_deref() == Some(*name)) {
                    self.tree(*root);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interior_pages_give_their_children_and_leaves_none() {
        let mut page = vec![0u8; 512];
        page[0] = 5;
        page[3..5].copy_from_slice(&2u16.to_be_bytes());
        page[8..12].copy_from_slice(&90u32.to_be_bytes());
        page[12..14].copy_from_slice(&400u16.to_be_bytes());
        page[14..16].copy_from_slice(&300u16.to_be_bytes());
        page[400..404].copy_from_slice(&7u32.to_be_bytes());
        page[300..304].copy_from_slice(&8u32.to_be_bytes());
        assert_eq!(children(&page, 0), Ok(Some(vec![7, 8, 90])));
        page[0] = 13;
        assert_eq!(children(&page, 0), Ok(None));
        page[0] = 3;
        assert_eq!(children(&page, 0), Err(()), "not a b-tree page");
        page[0] = 2;
        page[12..14].copy_from_slice(&510u16.to_be_bytes());
        assert_eq!(children(&page, 0), Err(()), "a cell pointer past the page's end");
        assert_eq!(children(&page[..5], 0), Err(()), "a page cut short");
    }

    /// Pages of the b-trees called `names` in the file, as SQLite's `dbstat` lists them.
    #[cfg(target_os = "linux")]
    fn pages_of(conn: &rusqlite::Connection, names: &[&str]) -> std::collections::BTreeSet<u32> {
        let mut out = std::collections::BTreeSet::new();
        for name in names {
            let mut stmt = conn.prepare("SELECT pageno FROM dbstat WHERE name = ?1").unwrap();
            out.extend(stmt.query_map([name], |r| r.get::<_, u32>(0)).unwrap().map(Result::unwrap));
        }
        out
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn every_page_of_the_trees_named_is_asked_for_and_a_damaged_page_ends_the_walk() {
        use std::collections::BTreeSet;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA page_size = 512;
             CREATE TABLE other (x);
             CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);
             CREATE INDEX t_name ON t (name);
             BEGIN;",
        )
        .unwrap();
        // Rows of the two tables in turn, so their pages lie among each other's.
        for i in 0..3000 {
            conn.execute("INSERT INTO t (name) VALUES (?1)", [format!("customer {}", (i * 7919) % 3000)]).unwrap();
            conn.execute("INSERT INTO other (x) VALUES (?1)", [format!("{i:040}")]).unwrap();
        }
        conn.execute_batch("COMMIT").unwrap();
        let roots: BTreeSet<u32> = conn
            .prepare("SELECT rootpage FROM sqlite_schema WHERE rootpage > 0")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let want: BTreeSet<u32> = pages_of(&conn, &["t", "t_name"]).union(&roots).copied().collect();
        let asked: BTreeSet<u32> = linux::trees(&path, &conn, &["t"]).into_iter().collect();
        assert!(pages_of(&conn, &["t"]).len() > 20 && pages_of(&conn, &["other"]).len() > 20);
        assert_eq!(asked, want, "the table with its index, and every root; nothing of `other` but its root");
        let schema: BTreeSet<u32> = linux::schema(&path).into_iter().collect();
        assert_eq!(schema, pages_of(&conn, &["sqlite_schema"]));
        assert_eq!(linux::trees(&path, &conn, &["no such table"]).into_iter().collect::<BTreeSet<u32>>(), roots);

        // An interior page of the table claims a child far past the file's end, another is not a
        // b-tree page: the walk skips the one, stops there at the other, and never fails.
        let interior: Vec<u32> = conn
            .prepare("SELECT pageno FROM dbstat WHERE name = 't' AND pagetype = 'internal' ORDER BY pageno")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        drop(conn);
        let page_count = u32::try_from(std::fs::metadata(&path).unwrap().len() / 512).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let root_of_t = usize::try_from(interior[0] - 1).unwrap() * 512;
        bytes[root_of_t + 8..root_of_t + 12].copy_from_slice(&0xFFFF_FFF0u32.to_be_bytes());
        if let Some(&other) = interior.get(1) {
            let at = usize::try_from(other - 1).unwrap() * 512;
            bytes[at..at + 512].fill(0xAB);
        }
        std::fs::write(&path, &bytes).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let asked = linux::trees(&path, &conn, &["t"]);
        assert!(asked.iter().all(|&p| p >= 1 && p <= page_count), "{asked:?}");
        assert!(roots.iter().all(|r| asked.contains(r)));

        // Not an SQLite file (or a page size that is none): nothing is asked for.
        bytes[16..18].copy_from_slice(&3u16.to_be_bytes());
        std::fs::write(&path, &bytes).unwrap();
        assert!(linux::schema(&path).is_empty());
        std::fs::write(&path, b"plain text").unwrap();
        assert!(linux::schema(&path).is_empty());
    }

    #[test]
    fn neighbouring_pages_make_one_run() {
        assert_eq!(runs(vec![9, 3, 4, 5, 20, 4, 12], 2), vec![(3, 5), (9, 12), (20, 20)]);
        assert_eq!(runs(vec![], 2), vec![]);
        assert_eq!(runs(vec![1, u32::MAX], 0), vec![(1, 1), (u32::MAX, u32::MAX)]);
    }
}
