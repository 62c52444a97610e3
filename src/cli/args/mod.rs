//! The command-line grammar (clap derive). These forms are a public interface scripts rely on.

mod copies;
mod customers;
mod reports;
mod tickets;

use crate::t;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use self::copies::{DebugCmd, DemoArgs, SyncAction, SyncArgs, TeamCmd};
pub use self::customers::{ContactCmd, CustomerCmd, DomainCmd, MailCmd};
pub use self::reports::{CalendarCmd, MonthCmd, ReportCmd};
pub use self::tickets::{TicketCmd, TicketSet, TimeCmd, TimerCmd};

#[derive(Debug, Parser)]
#[command(name = "helpdesk", version, about = "A terminal helpdesk for contract-guaranteed support")]
pub struct Cli {
    /// The database file (default: $HELPDESK_DB, else helpdesk.db in your data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Open the database for reading only.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Act as this technician (default: config file, $HELPDESK_USER, then your OS user).
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub actor: Option<String>,
    /// The language of what you read: cs or en (default: `language` in config.toml, else the locale).
    #[arg(long, global = true, value_name = "LANG", value_parser = ["cs", "en"], ignore_case = true)]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Business calendar: holidays, deadlines, business time.
    #[command(subcommand)]
    Calendar(CalendarCmd),
    /// Customers and their contracts.
    #[command(subcommand)]
    Customer(CustomerCmd),
    /// Tickets: open, respond, list, change.
    #[command(subcommand)]
    Ticket(TicketCmd),
    /// Time entries.
    #[command(subcommand)]
    Time(TimeCmd),
    /// Your running timer.
    #[command(subcommand)]
    Timer(TimerCmd),
    /// Month statements and reports.
    #[command(subcommand)]
    Report(ReportCmd),
    /// Mail in: import a Maildir, triage mail from unknown senders, assign it to a customer.
    #[command(subcommand)]
    Mail(MailCmd),
    /// Offline copies: make one, sync with another copy (directly, by bundle file, or over a command).
    Sync(SyncArgs),
    /// A team on many machines: a PostgreSQL server holds the team's log, each desk a replica.
    #[command(subcommand)]
    Team(TeamCmd),
    /// Closing and reopening months.
    #[command(subcommand)]
    Month(MonthCmd),
    /// Full integrity check of the database file (slow on big files; opening only does cheap checks).
    Check {
        /// Also rebuild the state from the operation log and compare.
        #[arg(long)]
        replay: bool,
    },
    /// Rewrite the database file in order, giving back the space of half-empty pages (slow on big files;
    /// other writers wait; needs free disk of about twice the file).
    Compact,
    /// Write a consistent copy of the database to FILE (safe while others work).
    Backup { file: PathBuf },
    /// Replace the database with the backup in FILE (checked first; the replaced file is kept beside it).
    Restore { file: PathBuf },
    /// Write a new database full of realistic demo data (default: ./helpdesk-demo.db, never your own).
    Demo(DemoArgs),
    /// Where things are: version, database (size, schema, counts), copy, config, log file, language, zone.
    Info {
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print a shell completion script (e.g. `helpdesk completions bash > ~/.local/share/bash-completion/completions/helpdesk`).
    Completions {
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on stdout (e.g. `helpdesk man > ~/.local/share/man/man1/helpdesk.1`).
    Man {
        /// A subcommand's page instead, e.g. `helpdesk man ticket open` (the page helpdesk-ticket-open).
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
    /// Test support: write comments/time entries in a loop, printing each acknowledged id.
    #[command(hide = true, subcommand)]
    Debug(DebugCmd),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Csv,
    Json,
}

/// A year, written as digits (the commands check its range: 1583 to 9999).
fn year(s: &str) -> Result<i32, String> {
    let t = s.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let n = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) { t.parse().ok() } else { None };
    n.ok_or_else(|| t!("arg-not-a-year", typed = t))
}

/// A whole number from `lo` to `hi`, in our words rather than the integer parser's.
fn whole(s: &str, lo: u64, hi: u64) -> Result<u64, String> {
    let t = s.trim();
    let n = if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) { t.parse::<u64>().ok() } else { None };
    n.filter(|n| (lo..=hi).contains(n))
        .ok_or_else(|| t!("arg-not-a-whole-number", typed = t, lo = lo.to_string(), hi = hi.to_string()))
}

fn count(s: &str, lo: usize, hi: usize) -> Result<usize, String> {
    whole(s, lo as u64, hi as u64).map(|n| n as usize)
}
