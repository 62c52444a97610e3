//! Links the `helpdesk` binary as a position-dependent executable (`-no-pie`): its 1.5 MB of pointer
//! tables (`.data.rel.ro`: chrono-tz's zones, clap's and Fluent's tables…) are then fixed when it is
//! linked instead of being relocated by the dynamic loader at every start, which wrote to ~370 pages
//! of it (a copy-on-write fault each) before `main`. Measured (30 Nov 2026, release build, warm):
//! `helpdesk --version` 957 → 585 page faults; `customer list` on the 100k-ticket file about 1 ms
//! less CPU time.
//!
//! The trade: the executable's own code and data are no longer loaded at a random address (shared
//! libraries, the heap and the stack still are). To build a position-independent binary again, delete
//! this file. Tests and benchmarks are built as before (the flag is for the binary only).

fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
