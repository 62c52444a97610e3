//! The `helpdesk` binary: parse the command line, run it, report errors after the terminal is restored.
//!
//! The allocator is mimalloc: commands that read thousands of rows allocate many small strings, and
//! it cuts a 100k-ticket list's and a month report's time by a fifth to a quarter over the system's.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    helpdesk::cli::main()
}
