//! The `helpdesk` binary: parse the command line, run it, report errors after the terminal is restored.

fn main() -> std::process::ExitCode {
    helpdesk::cli::main()
}
