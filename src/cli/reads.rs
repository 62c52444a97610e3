//! Which commands read a few scattered pages of the file (see [`crate::store::Reads`]).

use super::Command;
use super::args::{CustomerCmd, ReportCmd, TicketCmd};
use crate::store::Reads;

/// The tables and indexes the open tickets' list and the customer list read (the schema's names;
/// each b-tree named apart): the open tickets' covering index, the customers' table and the index of
/// their ids (the list's first customers are looked up by id, `customer list` counts the customers
/// from it), and the tier history. Not the customers' name index, which neither reads: asked for
/// with its table, it was 137 of the 1 107 pages (0.55 of 4.3 MiB) a cold full-size `ticket list
/// --open` read from the file.
const LIST_TREES: &[&str] = &["tickets_open_rows", "customers", "sqlite_autoindex_customers_1", "tier_changes"];

/// How `command` reads its file (see [`crate::store::Reads`]): a few scattered pages for the commands
/// that touch one ticket (its entries too), entry, timer or customer, and for one customer's statement
/// (`report customer`: its month's lines are a few pages; a cold full-size statement read 17 MB of
/// the file with read-ahead, 39.2 ms, and 26.1 ms without, median of 8, 4 Dec 2026; 17.3 ms once on
/// the link order too; warm 3.8 ms either way); the pages of known tables asked for ahead for `ticket list --open` and `customer
/// list`; read-ahead for everything else (other lists and reports, copies, checks, the interface).
pub(super) fn of(command: &Option<Command>) -> Reads {
    match command {
        Some(Command::Ticket(TicketCmd::List { open: true, customer: None, .. }))
        | Some(Command::Customer(CustomerCmd::List { .. })) => return Reads::Trees(LIST_TREES),
        _ => {}
    }
    let few = match command {
        Some(Command::Ticket(c)) => !matches!(c, TicketCmd::List { .. }),
        Some(Command::Time(_) | Command::Timer(_)) => true,
        Some(Command::Report(ReportCmd::Customer { .. })) => true,
        Some(Command::Customer(c)) => !matches!(c, CustomerCmd::List { .. } | CustomerCmd::Show { .. }),
        _ => false,
    };
    if few { Reads::Few } else { Reads::Spread }
}

/// Whether `command` keeps transparent huge pages for its heap (mimalloc's default, see `main.rs`):
/// every command but the interface and those on tickets, customers, time and timers, which touch a
/// few MB of heap in a few milliseconds. For those, huge pages were a loss where it counts: on this
/// 2-core VM, run right after a program that used and freed a lot of memory (as `benches/peers.py`
/// runs `ticket list --open` after `timew summary`), a 100k `ticket list --open` took 39–69 ms in
/// three of eight runs with huge pages and at most 17.8 ms in eight without (`MIMALLOC_ALLOW_THP=0`,
/// 2 Dec 2026): each huge page is 2 MiB zeroed, and fresh memory there is slow to come by. The
/// interface likewise (`cargo bench --bench tui` at full size, run after run, 4 Dec 2026): with
/// them its first frame took 34–104 ms (31 ms when the run before had been short), its peak RSS
/// 79–88 MB and a background step's p99 14–15 ms; without them 31.5–33.4 ms, 57 MB and 10.3–10.7
/// ms. A month report touches tens of MB in one go and keeps them.
pub(super) fn huge_pages(command: &Option<Command>) -> bool {
    !matches!(command, None | Some(Command::Ticket(_) | Command::Customer(_) | Command::Time(_) | Command::Timer(_)))
}

/// The heap as the interface has it ([`huge_pages`] of no command: without transparent huge
/// pages), for a program that runs the interface's code in its own process (`benches/tui.rs`).
/// Memory touched from now on follows.
pub fn heap_as_the_interface_has_it() {
    set_huge_pages(huge_pages(&None));
}

/// Turns transparent huge pages off for this process when its command line names a command that
/// does without them ([`huge_pages`]): called by the binary from `.init_array`, before Rust's
/// runtime allocates anything (its first allocation, before `main`, would otherwise take the first
/// huge page), so the arguments are read from `/proc/self/cmdline` into a buffer on the stack. A word
/// that only looks like such a command (a file called `ticket`) costs nothing but the choice:
/// [`fit_heap`] sets it again from the parsed command. Linux only; advice about speed only, nothing when a call fails.
pub fn heap_without_huge_pages() {
    if names_a_quick_command() {
        set_huge_pages(false);
        TURNED_OFF.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Whether [`heap_without_huge_pages`] turned them off.
static TURNED_OFF: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets transparent huge pages for this process as `command` wants them ([`huge_pages`]): off, or
/// back on where [`heap_without_huge_pages`] turned them off (else untouched: clearing the flag of a
/// process that never set it changed how mimalloc's heap got huge pages, a month report's peak RSS
/// 75 → 94 MB). Memory touched from now on follows.
pub(super) fn fit_heap(command: &Option<Command>) {
    let on = huge_pages(command);
    if !on || TURNED_OFF.load(std::sync::atomic::Ordering::Relaxed) {
        set_huge_pages(on);
    }
    if !on {
        keep_freed_memory();
    }
}

/// mimalloc's `mi_option_purge_delay`, as `mimalloc.h` numbers its options (the same in its v2 and v3).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

unsafe extern "C" {
    /// mimalloc's `mi_option_set` (`mimalloc.h`): sets an option of the process's allocator.
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// For a quick command (the same as [`huge_pages`] keeps off): memory freed is kept by the allocator
/// for reuse until the process ends, never given back to the system while it runs (mimalloc's purge
/// delay -1; by default a free page is given back 10 ms after it was freed, one `madvise` each).
/// Such a command frees most of what it made at its end: a full-size `customer list` made 57 calls
/// and a `ticket list --open` 86 after the last line was written; under `perf trace` (which slows
/// each call it traces) the time from that line to the process's exit went from 5.6 to 2.4 ms and
/// from 6.0 to 0.6 (medians of 8, 3 Dec 2026). Untraced, run by run in turn, the gain is within the
/// machine's noise (`customer list` 40.1 → 37.9 ms median, `ticket list --open` 34.2 → 34.1, a slow
/// hour); a whole `ticket list` of the full-size file (a million lines) 2.67 → 2.57 s (median of 3).
/// Memory freed is reused as before; a full-size list's peak grew 16.8 → 22.5 MB (with its tables
/// made on two threads). The interface, reports and syncs keep the default.
fn keep_freed_memory() {
    // SAFETY: mi_option_set writes one option of mimalloc's table (an index within it, a plain value)
    // and reads no memory of ours; the allocator reads options when it decides, from any thread.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

/// Whether one of this process's arguments is `ticket`, `customer`, `time` or `timer` (the first
/// 4 KiB of them), read without allocating.
fn names_a_quick_command() -> bool {
    #[cfg(target_os = "linux")]
    {
        let mut buf = [0u8; 4096];
        // SAFETY: open/read/close on a path literal and a buffer on our stack whose length is passed;
        // the descriptor is closed before returning and used for nothing else.
        let n = unsafe {
            let fd = libc::open(c"/proc/self/cmdline".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
            if fd < 0 {
                return false;
            }
            let n = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
            libc::close(fd);
            n
        };
        let Some(read) = usize::try_from(n).ok().and_then(|n| buf.get(..n)) else { return false };
        read.split(|&b| b == 0).skip(1).any(|a| matches!(a, b"ticket" | b"customer" | b"time" | b"timer"))
    }
    #[cfg(not(target_os = "linux"))]
    false
}

fn set_huge_pages(on: bool) {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets or clears a flag on this process's memory map that keeps
    // later page faults to base pages; it reads and writes no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, libc::c_ulong::from(!on), 0, 0, 0)
    };
    #[cfg(not(target_os = "linux"))]
    let _ = on;
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::super::Cli;
    use crate::store::Reads;

    fn reads(line: &str) -> Reads {
        let cli = Cli::try_parse_from(line.split_whitespace()).unwrap();
        super::of(&cli.command)
    }

    #[test]
    fn quick_commands_do_without_huge_pages_and_reports_keep_them() {
        let huge = |line: &str| super::huge_pages(&Cli::try_parse_from(line.split_whitespace()).unwrap().command);
        // Each word `names_a_quick_command` looks for is a command without them.
        for quick in [
            "helpdesk ticket list --open",
            "helpdesk customer list",
            "helpdesk time add 1 --minutes 15",
            "helpdesk timer stop",
        ] {
            assert!(!huge(quick), "{quick}");
        }
        // The interface does without them too (no command).
        assert!(!huge("helpdesk"));
        assert!(!huge("helpdesk --db x.db --lang cs"));
        for long in ["helpdesk report month 2026-10", "helpdesk check", "helpdesk compact", "helpdesk sync clone a b"] {
            assert!(huge(long), "{long}");
        }
    }

    #[test]
    fn commands_on_one_thing_read_few_pages_lists_their_trees_and_others_spread() {
        for few in [
            "helpdesk time add 1 --minutes 15",
            "helpdesk time list 1",
            "helpdesk ticket show 1",
            "helpdesk timer start 1",
            "helpdesk ticket respond 1 --resolve-by 2026-12-24",
            "helpdesk customer tier Acme --tier vip",
            "helpdesk report customer Acme --month 2026-10",
        ] {
            assert_eq!(reads(few), Reads::Few, "{few}");
        }
        for trees in ["helpdesk ticket list --open", "helpdesk customer list", "helpdesk customer list --all"] {
            assert_eq!(reads(trees), Reads::Trees(super::LIST_TREES), "{trees}");
        }
        // Each name is a b-tree of a new file (a name the schema does not hold would be skipped in
        // silence, and its pages read through the map's read-ahead windows).
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("t.db"), "t").unwrap();
        for name in super::LIST_TREES {
            let root: i64 = store
                .conn()
                .query_row("SELECT rootpage FROM sqlite_schema WHERE name = ?1", [name], |r| r.get(0))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(root > 0, "{name}");
        }
        for spread in [
            "helpdesk ticket list",
            "helpdesk ticket list --open --customer Acme",
            "helpdesk report month 2026-10",
            "helpdesk check",
            "helpdesk customer show Acme",
            "helpdesk",
        ] {
            assert_eq!(reads(spread), Reads::Spread, "{spread}");
        }
    }
}
