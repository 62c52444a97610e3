//! The command-line grammar (clap derive). These forms are a public interface scripts rely on.

use crate::t;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    #[arg(long, global = true, value_name = "LANG", value_parser = ["cs", "en"])]
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
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print a shell completion script (e.g. `helpdesk completions bash > ~/.local/share/bash-completion/completions/helpdesk`).
    Completions {
        #[arg(value_enum)]
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

#[derive(Debug, Subcommand)]
pub enum CalendarCmd {
    /// The public holidays of a year: `YYYY-MM-DD<TAB>name` per line.
    Holidays {
        #[arg(value_parser = year, allow_hyphen_values = true)]
        year: i32,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// The deadline N business hours after each instant (arguments, else stdin, one per line).
    Deadline {
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        hours: String,
        #[arg(value_name = "FROM")]
        from: Vec<String>,
    },
    /// Whole business minutes between two instants (rounded down).
    Elapsed {
        #[arg(allow_hyphen_values = true)]
        from: String,
        #[arg(allow_hyphen_values = true)]
        to: String,
    },
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

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Add a customer with a contract tier (or none).
    Add {
        name: String,
        #[arg(long, value_name = "standard|plus|vip|none")]
        tier: String,
        /// The contract is in force from this month (default: the current one).
        #[arg(long, value_name = "YYYY-MM")]
        since: Option<String>,
        #[arg(long, default_value = "")]
        contact: String,
    },
    /// List customers (archived ones only with --all).
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Archived customers too.
        #[arg(long)]
        all: bool,
    },
    /// Rename a customer.
    Rename { name: String, new_name: String },
    /// Hide a customer from the list and the pickers (its tickets and statements stay).
    Archive { name: String },
    /// Bring an archived customer back.
    Unarchive { name: String },
    /// Remove a customer created by mistake (one with tickets is archived instead).
    Remove { name: String },
    /// One customer: tier, since, contract history, this month's prepaid minutes used and left, open tickets.
    Show {
        name: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Record a status report as done.
    ReportDone {
        name: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// People at a customer who write in by mail.
    #[command(subcommand)]
    Contact(ContactCmd),
    /// Whole mail domains that belong to a customer.
    #[command(subcommand)]
    Domain(DomainCmd),
    /// Change a customer's tier from a given month on.
    Tier {
        name: String,
        #[arg(long, value_name = "standard|plus|vip|none")]
        tier: String,
        #[arg(long, value_name = "YYYY-MM")]
        from: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TicketCmd {
    /// Open a ticket; prints its number alone.
    Open {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "request", value_name = "request|incident|consultation|change")]
        kind: String,
        #[arg(long, default_value = "")]
        description: String,
        #[arg(long)]
        assignee: Option<String>,
        /// When the request was received (RFC 3339; default now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
    },
    /// Record the first response with a proposed resolution date (stops the SLA clock).
    Respond {
        ticket: String,
        #[arg(long, value_name = "DATE|RFC3339")]
        resolve_by: String,
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        /// Also mail the response to the ticket's contact (through [mail] sendmail in config.toml).
        #[arg(long)]
        send: bool,
        /// Words of your own in the mail, after the proposed resolution date.
        #[arg(long, value_name = "TEXT", requires = "send")]
        message: Option<String>,
    },
    /// List tickets with deadline, business time left and SLA state.
    List {
        /// Only new, open and waiting tickets.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        customer: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one ticket: details, SLA, comments, time and history.
    Show {
        ticket: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Explain how a ticket's deadline was reached.
    Explain {
        ticket: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Change a ticket's fields.
    Set(TicketSet),
    /// Add a comment (`--send`: also mail it to the ticket's contact).
    Comment {
        ticket: String,
        text: String,
        #[arg(long)]
        send: bool,
    },
}

#[derive(Debug, Args)]
pub struct TicketSet {
    pub ticket: String,
    #[arg(long, value_name = "new|open|waiting|resolved|closed")]
    pub status: Option<String>,
    /// Assign to someone; an empty string unassigns.
    #[arg(long)]
    pub assignee: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long, value_name = "request|incident|consultation|change")]
    pub kind: Option<String>,
    #[arg(long, value_name = "DATE|RFC3339")]
    pub resolve_by: Option<String>,
    /// Move the ticket to another customer (its time in open months goes with it).
    #[arg(long, value_name = "NAME")]
    pub customer: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TimeCmd {
    /// Log time on a ticket.
    Add {
        ticket: String,
        /// Minutes (45), or 1h30, 1:30.
        #[arg(long, value_name = "M", allow_hyphen_values = true)]
        minutes: String,
        /// When the work started (RFC 3339; default now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        /// The role the work is booked under (default: `role` in config.toml, else technician).
        #[arg(long, value_name = "technician|consultant")]
        role: Option<String>,
        /// Who did the work (default: you).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        /// The work is in a closed month: book it as a correction in the current month.
        #[arg(long)]
        correction: bool,
    },
    /// List a ticket's time entries (with their ids).
    List {
        ticket: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Correct an entry (it is replaced; the old one stays in the history).
    Correct {
        ticket: String,
        /// The entry's id, or a unique end of it (see `time list`).
        entry: String,
        #[arg(long, value_name = "M", allow_hyphen_values = true)]
        minutes: Option<String>,
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        correction: bool,
    },
    /// Remove an entry (recorded in the history).
    Remove {
        ticket: String,
        entry: String,
        #[arg(long)]
        correction: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TimerCmd {
    /// Start your timer on a ticket (stops a timer you had running, saying so).
    Start {
        ticket: String,
        /// The role the work is booked under (default: `role` in config.toml, else technician).
        #[arg(long, value_name = "technician|consultant")]
        role: Option<String>,
    },
    /// Stop your timer and log its time (under the role it was started with). A timer that ran longer
    /// than forgotten_timer_hours (config) books nothing until you say what was really worked.
    Stop {
        /// What was really worked (45, 1h30, 1:30), booked instead of the time it ran.
        #[arg(long, value_name = "DURATION")]
        worked: Option<String>,
    },
    /// Show running timers.
    Status {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// One statement per customer with a contract or billable work in the month.
    Month {
        #[arg(value_name = "YYYY-MM")]
        month: String,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Write to FILE (whole, or not at all) instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// One customer's statement with every billing line (default: this month).
    Customer {
        name: String,
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Customers with overage three months running, and the tier they would move to.
    Upgrades {
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Status reports and free consultations: used, left, due, overdue this year.
    Obligations {
        #[arg(long, value_parser = year, allow_hyphen_values = true)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum MonthCmd {
    /// Freeze a past month's statements; later changes to its work become corrections.
    Close {
        #[arg(value_name = "YYYY-MM")]
        month: String,
    },
    /// Reopen a closed month (logged).
    Reopen {
        #[arg(value_name = "YYYY-MM")]
        month: String,
    },
    /// List closed months.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum DebugCmd {
    /// Alternately adds a comment and a 1-minute time entry to TICKET, `count` times; prints
    /// `comment <id>` / `entry <id>` after each commit.
    WriteLoop {
        ticket: String,
        #[arg(long, default_value_t = 100, value_parser = |s: &str| whole(s, 1, 1_000_000))]
        count: u64,
        /// A label put into every comment and note.
        #[arg(long, default_value = "")]
        label: String,
    },
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many customers (1 to 100 000).
    #[arg(long, value_name = "N", default_value_t = crate::demo::DemoOptions::CUSTOMERS,
          value_parser = |s: &str| count(s, 1, 100_000), allow_hyphen_values = true)]
    pub customers: usize,
    /// How many tickets (0 to 10 000 000).
    #[arg(long, value_name = "N", default_value_t = crate::demo::DemoOptions::TICKETS,
          value_parser = |s: &str| count(s, 0, 10_000_000), allow_hyphen_values = true)]
    pub tickets: usize,
    /// How many time entries (0 to 100 000 000).
    #[arg(long, value_name = "N", default_value_t = crate::demo::DemoOptions::ENTRIES,
          value_parser = |s: &str| count(s, 0, 100_000_000), allow_hyphen_values = true)]
    pub entries: usize,
    /// How many tickets are open now (default: 12 % of the tickets, at most 4 000 + one per thousand).
    #[arg(long, value_name = "N", value_parser = |s: &str| count(s, 0, 10_000_000), allow_hyphen_values = true)]
    pub open: Option<usize>,
    /// The same seed (and HELPDESK_NOW) gives the same data (0 to 18446744073709551615).
    #[arg(long, value_name = "S", default_value_t = 1, value_parser = |s: &str| whole(s, 0, u64::MAX),
          allow_hyphen_values = true)]
    pub seed: u64,
    /// Replace the file if it already holds customers (its data is lost).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub action: Option<SyncAction>,
    /// Another copy's database file to sync with directly (both ways).
    #[arg(value_name = "OTHER_DB")]
    pub other: Option<PathBuf>,
    /// Sync over a command's stdin/stdout, e.g. "ssh team-host helpdesk --db /srv/helpdesk.db sync serve".
    #[arg(long, value_name = "COMMAND")]
    pub remote: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Make LAPTOP_DB a full copy of TEAM_DB with its own identity (for working offline).
    Clone {
        #[arg(value_name = "TEAM_DB")]
        team: PathBuf,
        #[arg(value_name = "LAPTOP_DB")]
        laptop: PathBuf,
    },
    /// Write the operations another copy lacks to FILE (to carry over by hand).
    Export {
        file: PathBuf,
        /// The copy it is for (its tag, e.g. B, or `team`); default: the only copy synced with.
        #[arg(long)]
        peer: Option<String>,
        /// Everything in the log, for a copy never synced with.
        #[arg(long)]
        all: bool,
    },
    /// Apply a bundle written by `sync export` (checked whole first; importing twice changes nothing).
    Import { file: PathBuf },
    /// Speak the sync protocol on stdin/stdout (what `sync --remote` runs on the other side).
    Serve,
    /// Field conflicts found by syncs: which value the clock kept and the other one.
    Conflicts {
        /// Also show resolved ones.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Settle a conflict: keep the result, or pick the other value (recorded as a normal change).
    Resolve {
        id: String,
        #[arg(long, value_name = "kept|other")]
        pick: String,
    },
    /// When this copy last synced, and how many of its changes are not shared yet.
    Status {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Give this copy a fresh identity (device and ticket-number tag, reserved in OTHER_DB) when a sync
    /// says it clashes with another copy; its tickets no other copy has seen get new numbers.
    NewIdentity {
        #[arg(value_name = "OTHER_DB")]
        other: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Create (or upgrade) the team's schema on a PostgreSQL server; --from moves a team file in with
    /// all its history (only into a team with no tickets yet).
    Init {
        /// The server, as libpq reads it: postgresql://USER@HOST:PORT/DB or postgresql:///DB?host=/socket/dir&user=USER.
        #[arg(value_name = "URL")]
        url: String,
        /// An existing team file whose whole log moves to the server.
        #[arg(long, value_name = "TEAM_DB")]
        from: Option<PathBuf>,
    },
    /// Map an existing PostgreSQL role to a technician (it may then join and write as NAME only).
    AddTechnician {
        #[arg(value_name = "URL")]
        url: String,
        #[arg(value_name = "PG_ROLE")]
        role: String,
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// Let an existing PostgreSQL role read the team's data and nothing else (a wallboard).
    AddViewer {
        #[arg(value_name = "URL")]
        url: String,
        #[arg(value_name = "PG_ROLE")]
        role: String,
    },
    /// Make a local replica of the team (--db FILE, else the default database; it must not exist yet).
    Join {
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Catch up with the team server now: pull the other desks' changes, push this desk's.
    Sync,
    /// The team server as this desk sees it: reachable, its schema, this desk's lag and unshared
    /// changes, last contact, and every desk's last contact. Exit 1 when the server does not answer
    /// (what the desk knows is printed all the same).
    Status {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
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

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a contact (or change the name and language of one the customer has).
    Add {
        customer: String,
        email: String,
        #[arg(long, default_value = "")]
        name: String,
        /// The language of the mail we send them.
        #[arg(long, value_name = "cs|en", default_value = "cs")]
        lang: String,
    },
    /// A customer's contacts.
    List {
        customer: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Remove a contact.
    Remove { customer: String, email: String },
}

#[derive(Debug, Subcommand)]
pub enum DomainCmd {
    /// Mail from any address at DOMAIN belongs to CUSTOMER (after contacts' own addresses).
    Add { customer: String, domain: String },
    /// Mail from DOMAIN no longer belongs to CUSTOMER (its contacts' own addresses still do).
    Remove { customer: String, domain: String },
}

#[derive(Debug, Subcommand)]
pub enum MailCmd {
    /// Turn the messages of a Maildir (new/ and cur/) not seen before into tickets and comments.
    Import { maildir: PathBuf },
    /// Mail from unknown senders, waiting to be assigned to a customer.
    Triage {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Make the ticket of a triaged mail for CUSTOMER (received when the mail was).
    Assign { id: String, customer: String },
}
