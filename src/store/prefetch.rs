//! The pages of a list's tables and indexes asked for ahead, in a few large reads, before SQLite
//! reads them through its memory map (for [`super::Reads::Trees`]).
//!
//! Why: with the page cache cold, the first touch of a page through a memory map makes Linux read
//! the read-ahead window around it (8 MiB with `read_ahead_kb` 8192), and reads that go on in order
//! make the next windows grow to the same size. A `ticket list --open` of the full-size demo needs
//! about 4.3 MiB of the file — the schema, the customers and their tier history (the first 3.7 MiB
//! of a compacted file) and the open tickets' index (0.6 MiB, 420 MiB in) — and read 24 MiB in three
//! windows, which (with the 21 MB program) kept it over 50 ms.
//!
//! How: the schema's pages (before SQLite opens the file) and every root page are asked for, then
//! the b-trees named are walked side by side from their root pages (`sqlite_schema.rootpage`) down
//! through their interior pages, which are read here (a few per tree: a 526-page table has one);
//! the pages of each level (of all the trees) are asked for (`posix_fadvise(POSIX_FADV_WILLNEED)`, which starts the reads and
//! returns) before the first of them is read, and the leaves are only asked for. Neighbouring pages
//! go in one request, with gaps of up to [`GAP_BYTES`] read through. A page the memory map then
//! finds in the page cache (or on its way there) is not read again and starts no read-ahead window.
//!
//! Decisions:
//! - **Advice only.** Nothing read here is used for anything but the advice: the file is read again
//!   by SQLite as always. The b-tree format is SQLite's documented file format (fileformat2.html,
//!   "B-tree Pages"); a page that does not parse as one (a damaged or crafted file) gives no children
//!   and its neighbours are still walked; page numbers outside the file, and pages met before in
//!   the same walk, are dropped. Pages the write-ahead log holds newer copies of are read as the file
//!   has them: at worst the advice names stale pages. Nothing panics; an error of any call just means
//!   less advice.
//! - **Bounded**, whatever the file claims: each walk (the schema's, before SQLite opens the file;
//!   the named trees', after) reads at most [`MAX_INTERIOR`] interior pages of at most [`MAX_LEVELS`]
//!   levels and advises at most [`MAX_BYTES`] of the file (gaps read through included); a level's
//!   runs are joined over wider gaps (up to [`MAX_GAP_BYTES`]) while there are more than
//!   [`MAX_RUNS`], so a file whose tables are scattered (never compacted) costs a few dozen runs, not
//!   one per page. A run is advised in pieces of [`ADVICE_BYTES`] (Linux reads no more of one advice
//!   than the device's read-ahead size).
//! - **Overflow pages are not asked for** (a row too long for its page): lists read few of them.
//! - **Linux only** (`posix_fadvise` exists elsewhere, but the read-ahead this answers is Linux's);
//!   elsewhere nothing happens.
//! - The page cache warm, this costs the schema look-up (which SQLite does anyway), a few reads of
//!   cached pages and one advice per run of pages (100k demo, `ticket list --open`: about 30 calls).

use std::path::Path;

/// Levels of a b-tree walked at most, its root's included (a b-tree of a million rows has three or
/// four).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const MAX_LEVELS: usize = 6;
/// Interior pages read at most by one walk.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const MAX_INTERIOR: usize = 4_096;
/// Pages asked for at most by one walk, in bytes.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const MAX_BYTES: u64 = 256 << 20;
/// Pages this close to each other (in bytes between them) are asked for in one run, the gap too.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const GAP_BYTES: u64 = 256 << 10;
/// Requests one level of a tree is asked for in, at most, as long as a gap of at most
/// [`MAX_GAP_BYTES`] joins enough runs.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const MAX_RUNS: usize = 64;
/// The widest gap read through to join runs.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const MAX_GAP_BYTES: u64 = 4 << 20;
/// The most one advice asks for: Linux reads at most the device's read-ahead size (or its largest
/// request, whichever is more) of one `POSIX_FADV_WILLNEED` and drops the rest, and 128 KiB is the
/// smallest usual read-ahead size. A longer run is asked for in pieces of this size.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const ADVICE_BYTES: u64 = 128 << 10;

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
/// `conn`'s main schema, as `sqlite_schema.name`: a table's name is its own b-tree only, each index
/// it has is named apart, so an index the command does not read is not read ahead) in the file at `path`,
/// which `conn` has just opened. Names the schema does not hold are skipped. Never fails (see the
/// module's text).
pub(super) fn trees(path: &Path, conn: &rusqlite::Connection, names: &[&str]) {
    #[cfg(target_os = "linux")]
    linux::trees(path, conn, names);
    #[cfg(not(target_os = "linux"))]
    let _ = (path, conn, names);
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
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

/// Page numbers (sorted, each once) as runs `(first, last)`, neighbours up to `gap` pages apart
/// joined.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn runs(pages: &[u32], gap: u32) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &p in pages {
        match out.last_mut() {
            Some((_, last)) if p.saturating_sub(*last) <= gap.saturating_add(1) => *last = p,
            _ => out.push((p, p)),
        }
    }
    out
}

/// `pages` as runs (see [`runs`]): gaps of `gap` pages joined, and wider ones (doubling, up to
/// `max_gap`) while there are more than [`MAX_RUNS`].
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn few_runs(pages: &[u32], gap: u32, max_gap: u32) -> Vec<(u32, u32)> {
    let mut gap = gap;
    let mut out = runs(pages, gap);
    while out.len() > MAX_RUNS && gap < max_gap {
        gap = gap.saturating_mul(2).clamp(1, max_gap);
        out = runs(pages, gap);
    }
    out
}

#[cfg(target_os = "linux")]
mod linux {
    use std::fs::File;
    use std::os::unix::fs::FileExt;
    use std::os::unix::io::AsRawFd;
    use std::path::Path;

    use super::{ADVICE_BYTES, GAP_BYTES, MAX_BYTES, MAX_GAP_BYTES, MAX_INTERIOR, MAX_LEVELS, children, few_runs};

    /// The file being walked and what it has spent.
    struct Walk {
        file: File,
        page_size: u64,
        /// Pages in the file (its length over the page size).
        pages: u32,
        interior_read: usize,
        /// Every page asked for, in the order asked.
        asked: Vec<u32>,
        /// Every page met: none is walked twice.
        seen: rustc_hash::FxHashSet<u32>,
        /// Bytes of the file advised so far, gaps read through included.
        advised: u64,
        /// Bytes the walk may advise: [`MAX_BYTES`] (less in a test).
        budget: u64,
    }

    impl Walk {
        /// Pages the walk may still ask for, beside `pending` pages about to be asked for.
        fn room(&self, pending: usize) -> usize {
            usize::try_from(self.budget.saturating_sub(self.advised) / self.page_size)
                .unwrap_or(usize::MAX)
                .saturating_sub(pending)
        }

        /// Of `pages`, those within the file and not met before (now met), as many as there is room
        /// for beside `pending` pages already gathered; in their order.
        fn new_pages(&mut self, pages: &[u32], pending: usize) -> Vec<u32> {
            let room = self.room(pending);
            let mut out = Vec::new();
            for &p in pages {
                if out.len() >= room {
                    break;
                }
                if p >= 1 && p <= self.pages && self.seen.insert(p) {
                    out.push(p);
                }
            }
            out
        }

        /// Starts the reads of `pages` (new pages within the file, see [`Walk::new_pages`]) and returns
        /// at once.
        fn ask(&mut self, pages: &[u32]) {
            self.asked.extend_from_slice(pages);
            let mut sorted = pages.to_vec();
            sorted.sort_unstable();
            let pages_of = |bytes: u64| u32::try_from(bytes / self.page_size).unwrap_or(u32::MAX);
            for (first, last) in few_runs(&sorted, pages_of(GAP_BYTES), pages_of(MAX_GAP_BYTES)) {
                let (start, end) = (u64::from(first - 1) * self.page_size, u64::from(last) * self.page_size);
                let end = end.min(start.saturating_add(self.budget.saturating_sub(self.advised)));
                self.advised += end.saturating_sub(start);
                let mut at = start;
                while at < end {
                    let len = ADVICE_BYTES.min(end - at);
                    let (Ok(offset), Ok(len)) = (libc::off_t::try_from(at), libc::off_t::try_from(len)) else {
                        break;
                    };
                    // SAFETY: posix_fadvise only advises the kernel about the open descriptor's page
                    // cache; it reads nothing into this process's memory and changes no read's result.
                    unsafe { libc::posix_fadvise(self.file.as_raw_fd(), offset, len, libc::POSIX_FADV_WILLNEED) };
                    at += ADVICE_BYTES;
                }
            }
        }

        /// Page `number` (within the file) as it is in the file now, `None` when it cannot be read
        /// whole or the walk has read its [`MAX_INTERIOR`] pages.
        fn read(&mut self, number: u32) -> Option<Vec<u8>> {
            if self.interior_read >= MAX_INTERIOR {
                return None;
            }
            self.interior_read += 1;
            let mut page = vec![0; usize::try_from(self.page_size).ok()?];
            self.file.read_exact_at(&mut page, u64::from(number.checked_sub(1)?) * self.page_size).ok()?;
            Some(page)
        }

        /// Asks for every page of the b-trees rooted at `roots`, level by level and the trees side by
        /// side, so that the reads of the trees' levels wait together, not one tree after another (a
        /// `customer list` walks three trees: the open tickets' index, the customers, their tier
        /// history). A tree ends at its leaves (every page of a level is a leaf or none is).
        ///
        /// Each level goes in two steps. The first page of every tree's level is asked for and read
        /// (a page a tree): a leaf means the rest of that level is only asked for, and its reads go on
        /// while the command starts; else the rest is asked for and read for the next level. The
        /// interior pages are asked for before the leaves, so their reads do not wait behind the
        /// leaves' (the whole level asked for at once, a cold full-size `customer list` waited 7.2 ms
        /// for the first leaf of the open tickets' index, behind the 2 MB of the customers' leaves).
        fn forest(&mut self, roots: &[u32]) {
            let header = |number: u32| if number == 1 { 100 } else { 0 };
            let mut levels: Vec<Vec<u32>> = roots.iter().map(|&root| self.new_pages(&[root], 0)).collect();
            for _ in 0..MAX_LEVELS {
                levels.retain(|level| !level.is_empty());
                if levels.is_empty() {
                    return;
                }
                self.ask(&levels.iter().map(|level| level[0]).collect::<Vec<_>>());
                // Each tree's first page: its children (`Ok(None)`: a leaf; `Err`: damaged), `None`
                // when the walk may read no more.
                let probes: Vec<Option<Result<Option<Vec<u32>>, ()>>> = levels
                    .iter()
                    .map(|level| self.read(level[0]).map(|page| children(&page, header(level[0]))))
                    .collect();
                let rest = |leaves: bool| -> Vec<u32> {
                    levels
                        .iter()
                        .zip(&probes)
                        .filter(|(_, probe)| matches!(probe, Some(Ok(None))) == leaves && probe.is_some())
                        .flat_map(|(level, _)| level[1..].iter().copied())
                        .collect()
                };
                let (interior, leaves) = (rest(false), rest(true));
                self.ask(&interior);
                self.ask(&leaves);
                for (level, probe) in levels.iter_mut().zip(probes) {
                    let mut next = match probe {
                        Some(Ok(Some(more))) => self.new_pages(&more, 0),
                        // A damaged first page: its children are not known; its neighbours' still are.
                        Some(Err(())) => Vec::new(),
                        // A leaf level (asked for above), or no more reads.
                        Some(Ok(None)) | None => {
                            level.clear();
                            continue;
                        }
                    };
                    for &number in &level[1..] {
                        let Some(page) = self.read(number) else { break };
                        match children(&page, header(number)) {
                            Ok(Some(more)) => {
                                let more = self.new_pages(&more, next.len());
                                next.extend(more);
                            }
                            Ok(None) => {
                                next.clear();
                                break;
                            }
                            Err(()) => continue,
                        }
                    }
                    *level = next;
                }
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
            Some(Walk {
                file,
                page_size,
                pages,
                interior_read: 0,
                asked: Vec::new(),
                seen: Default::default(),
                advised: 0,
                budget: MAX_BYTES,
            })
        }
    }

    /// [`super::schema`]; the pages asked for.
    pub(super) fn schema(path: &Path) -> Vec<u32> {
        let Some(mut walk) = Walk::open(path) else { return Vec::new() };
        walk.forest(&[1]);
        walk.asked
    }

    /// [`super::trees`]; the pages asked for.
    pub(super) fn trees(path: &Path, conn: &rusqlite::Connection, names: &[&str]) -> Vec<u32> {
        trees_within(path, conn, names, MAX_BYTES).0
    }

    /// [`trees`] advising at most `budget` bytes; the pages asked for and the bytes advised.
    pub(super) fn trees_within(
        path: &Path,
        conn: &rusqlite::Connection,
        names: &[&str],
        budget: u64,
    ) -> (Vec<u32>, u64) {
        let Some(mut walk) = Walk::open(path) else { return (Vec::new(), 0) };
        walk.budget = budget;
        walk.asked_for(conn, names);
        (walk.asked, walk.advised)
    }

    impl Walk {
        fn asked_for(&mut self, conn: &rusqlite::Connection, names: &[&str]) {
            // Every root page (any statement starts at one; a compacted file has them all in its first
            // pages), then each tree named.
            let Ok(mut stmt) = conn.prepare("SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0") else {
                return;
            };
            let Ok(rows) = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))) else {
                return;
            };
            // (name, root page)
            let roots: Vec<(String, u32)> =
                rows.flatten().filter_map(|(name, root)| Some((name, u32::try_from(root).ok()?))).collect();
            // Every root asked for as a page; not marked as met, so that the trees named are still
            // walked from theirs (asked for once more: one call each).
            let mut all: Vec<u32> = roots.iter().map(|(_, root)| *root).collect();
            all.retain(|&p| p >= 1 && p <= self.pages);
            all.truncate(self.room(0));
            self.ask(&all);
            let named: Vec<u32> = names
                .iter()
                .flat_map(|name| roots.iter().filter(move |(n, _)| n == name))
                .map(|(_, root)| *root)
                .collect();
            self.forest(&named);
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
    fn every_page_of_the_trees_named_is_asked_for_also_beside_a_damaged_page() {
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
        for i in 0..9000 {
            conn.execute("INSERT INTO t (name) VALUES (?1)", [format!("customer {}", (i * 7919) % 9000)]).unwrap();
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
        let want: BTreeSet<u32> = pages_of(&conn, &["t"]).union(&roots).copied().collect();
        let asked: BTreeSet<u32> = linux::trees(&path, &conn, &["t"]).into_iter().collect();
        assert!(pages_of(&conn, &["t"]).len() > 20 && pages_of(&conn, &["other"]).len() > 20);
        assert!(pages_of(&conn, &["t_name"]).len() > 20);
        assert_eq!(asked, want, "the table alone (not its index), and every root; nothing of `other` but its root");
        let want: BTreeSet<u32> = pages_of(&conn, &["t", "t_name"]).union(&roots).copied().collect();
        let asked: BTreeSet<u32> = linux::trees(&path, &conn, &["t", "t_name"]).into_iter().collect();
        assert_eq!(asked, want, "the table and its index, each named");
        // Within a budget of 40 pages: no more asked for, nor advised.
        let (few, advised) = linux::trees_within(&path, &conn, &["t"], 40 * 512);
        assert!(few.len() <= 40 && advised <= 40 * 512 && advised > 0, "{} pages, {advised} bytes", few.len());
        let schema: BTreeSet<u32> = linux::schema(&path).into_iter().collect();
        assert_eq!(schema, pages_of(&conn, &["sqlite_schema"]));
        assert_eq!(linux::trees(&path, &conn, &["no such table"]).into_iter().collect::<BTreeSet<u32>>(), roots);

        // The root of `t` names a child far past the file's end instead of its first, and its second
        // child is not a b-tree page: every other page of `t` is still asked for.
        let root: u32 =
            conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 't'", [], |r| r.get(0)).unwrap();
        let paths: Vec<(u32, String)> = conn
            .prepare("SELECT pageno, path FROM dbstat WHERE name = 't'")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let page_of = |path: &str| paths.iter().find(|(_, p)| p == path).map(|(n, _)| *n).unwrap();
        let (first, second) = (page_of("/000/"), page_of("/001/"));
        assert!(paths.iter().any(|(_, p)| p.starts_with("/000/000/")), "three levels at least: {paths:?}");
        assert!(paths.iter().any(|(_, p)| p.starts_with("/002/")), "three children of the root at least");
        drop(conn);
        let page_count = u32::try_from(std::fs::metadata(&path).unwrap().len() / 512).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let at = |page: u32| usize::try_from(page - 1).unwrap() * 512;
        let cell = usize::from(u16::from_be_bytes([bytes[at(root) + 12], bytes[at(root) + 13]]));
        assert_eq!(bytes[at(root) + cell..at(root) + cell + 4], first.to_be_bytes());
        bytes[at(root) + cell..at(root) + cell + 4].copy_from_slice(&0xFFFF_FFF0u32.to_be_bytes());
        bytes[at(second)..at(second) + 512].fill(0xAB);
        std::fs::write(&path, &bytes).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let asked: BTreeSet<u32> = linux::trees(&path, &conn, &["t"]).into_iter().collect();
        assert!(asked.iter().all(|&p| p >= 1 && p <= page_count), "{asked:?}");
        let beside: BTreeSet<u32> = paths
            .iter()
            .filter(|(_, p)| !p.starts_with("/000/") && !p.starts_with("/001/"))
            .map(|(n, _)| *n)
            .chain([second])
            .collect();
        assert!(beside.is_subset(&asked), "missing: {:?}", beside.difference(&asked).collect::<Vec<_>>());
        assert!(!asked.contains(&first), "the page no longer named is not asked for");

        // Not an SQLite file (or a page size that is none): nothing is asked for.
        bytes[16..18].copy_from_slice(&3u16.to_be_bytes());
        std::fs::write(&path, &bytes).unwrap();
        assert!(linux::schema(&path).is_empty());
        std::fs::write(&path, b"plain text").unwrap();
        assert!(linux::schema(&path).is_empty());
    }

    #[test]
    fn neighbouring_pages_make_one_run_and_many_runs_are_joined_over_wider_gaps() {
        assert_eq!(runs(&[3, 4, 5, 9, 12, 20], 2), vec![(3, 5), (9, 12), (20, 20)]);
        assert_eq!(runs(&[], 2), vec![]);
        assert_eq!(runs(&[1, u32::MAX], 0), vec![(1, 1), (u32::MAX, u32::MAX)]);
        assert_eq!(runs(&[1, u32::MAX], u32::MAX), vec![(1, u32::MAX)]);
        // Pages 10 apart: 200 runs with gaps of 4; joined two by two as the gap doubles to 16.
        let scattered: Vec<u32> = (0..200).map(|i| 1 + 10 * i).collect();
        assert_eq!(few_runs(&scattered, 4, 1024), vec![(1, 1991)]);
        assert_eq!(few_runs(&scattered, 4, 8).len(), 200, "no wider gap than allowed");
        let apart: Vec<u32> = (0..100).map(|i| 1 + 1000 * i).collect();
        assert!(few_runs(&apart, 4, 1 << 20).len() <= MAX_RUNS);
        assert_eq!(few_runs(&[5, 6, 7], 0, 0), vec![(5, 7)]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_page_that_lists_itself_is_walked_once() {
        // Page 1 (512 bytes) an interior page whose 190 cells and right-most pointer all name page 1.
        let mut file = vec![0u8; 4 * 512];
        file[..16].copy_from_slice(b"SQLite format 3\0");
        file[16..18].copy_from_slice(&512u16.to_be_bytes());
        let h = 100;
        file[h] = 5;
        file[h + 3..h + 5].copy_from_slice(&190u16.to_be_bytes());
        file[h + 8..h + 12].copy_from_slice(&1u32.to_be_bytes());
        for i in 0..190 {
            file[h + 12 + 2 * i..h + 14 + 2 * i].copy_from_slice(&500u16.to_be_bytes());
        }
        file[500..504].copy_from_slice(&1u32.to_be_bytes());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loop.db");
        std::fs::write(&path, &file).unwrap();
        assert_eq!(linux::schema(&path), vec![1]);
    }
}
