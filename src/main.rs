//! The `helpdesk` binary: parse the command line, run it, report errors after the terminal is restored.
//!
//! The allocator is mimalloc: commands that read thousands of rows allocate many small strings, and
//! it cuts a 100k-ticket list's and a month report's time by a fifth to a quarter over the system's.
//! Its heap is given transparent huge pages where the kernel allows them (mimalloc's default; the
//! `no_thp` feature turns them off): a first touch of the heap is then one fault zeroing 2 MiB instead
//! of 512 faults of 4 KiB, each a trip into a virtual machine's kernel (about 2 µs here). Measured
//! with the two builds run by run in turn (`benches/alternate.py`, 2 Dec 2026, 2-core VM with THP
//! `madvise`): a full-size `report month --format json` 140.6 → 117.5 ms (median of 16), `ticket list
//! --open` at full size 18.8 → 16.5 ms and at 100k 12.8 → 11.0 ms (median of 30–40), `--version`
//! the same; peak RSS of the report 62 → 76 MB and of the list 24 → 38 MB. On 30 Nov they had been
//! turned off: `clear_page_erms` was 5–29 % of a full-size month report then, varying run to run; on
//! a kernel that has to compact memory for each huge page they can cost more than they save. The interface and the commands on
//! tickets, customers, time and timers do without them (turned off before the runtime starts when
//! the command line names such a command, `cli::reads::fit_heap` settles it once the command line is
//! parsed): run after a program that freed a lot of memory, their heap was slow to get as huge pages
//! (a 100k `ticket list --open` 39–69 ms in three runs of eight with them, at most 17.8 ms without;
//! the interface's first frame at full size 34–104 ms with them, 31.5–33.4 without, see
//! `cli::reads::huge_pages`).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Huge pages are turned off for a quick command before Rust's runtime starts: the runtime
/// allocates before `main` runs (the main thread's record), and that first allocation touched the
/// heap's first 2 MiB as one huge page, zeroed whole (`clear_page_erms` under
/// `std::rt::lang_start_internal`: 4 % of a 100k `ticket list --open`'s samples with `perf record`,
/// 3 Dec 2026). The C runtime calls every function in `.init_array` before `main`, ours among them.
#[cfg(target_os = "linux")]
#[used]
// SAFETY: `.init_array` holds pointers to functions the C runtime calls with no state set up but
// its own; the function called reads `/proc/self/cmdline` into a stack buffer and makes one
// `prctl`, allocating nothing and touching no Rust runtime state.
#[unsafe(link_section = ".init_array")]
static HEAP_FIRST: extern "C" fn() = {
    extern "C" fn heap_first() {
        helpdesk::cli::heap_without_huge_pages();
    }
    heap_first
};

fn main() -> std::process::ExitCode {
    helpdesk::cli::main()
}
