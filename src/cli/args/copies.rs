//! Copies of the database and tools: `sync`, `team`, `demo`, `debug`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{ListFormat, count, whole};

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
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
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
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
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
    /// Store a snapshot of this fully synced replica (--db FILE) on the team server, which `team join`
    /// then starts from instead of replaying the whole log (the admin runs it, e.g. nightly from cron).
    Snapshot {
        /// The server as the admin's role (the replica's own URL when left out; only the admin may
        /// store snapshots).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// The team server as this desk sees it: reachable, its schema, this desk's lag and unshared
    /// changes, last contact, and every desk's last contact. Exit 1 when the server does not answer
    /// (what the desk knows is printed all the same).
    Status {
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
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
