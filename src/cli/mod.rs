//! The command line: clap definitions and dispatch. No subcommand opens the TUI.
//!
//! Exit codes: 0 success; 1 failure of the file or machine; 2 bad input (the message says what and
//! how to fix it; clap's usage errors use 2 as well); 3 the database stayed busy (try again).
//! Nothing is written when a command fails.

/// `print!` for command output: once the reader went away (`helpdesk ticket list | head`) the rest of
/// the output is dropped (instead of the panic `print!` gives on a closed pipe) and the command ends
/// as it would have: its exit code still says whether it succeeded (`check` still fails on a damaged
/// file). Any other write error exits 1 with the reason.
macro_rules! out {
    ("{}", $text:expr) => { $crate::cli::emit_text(::std::convert::AsRef::<str>::as_ref(&$text)) };
    ($($arg:tt)*) => { $crate::cli::emit(format_args!($($arg)*)) };
}

/// `println!` for command output (see [`out!`]).
macro_rules! outln {
    () => { $crate::cli::emit(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::emit(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprintln!` for messages to the person (what was done, progress): like all output, without control
/// or bidi characters, whatever the names and paths in it hold.
macro_rules! note {
    ($($arg:tt)*) => { $crate::cli::say(format_args!($($arg)*)) };
}

mod admin;
mod args;
mod calendar;
mod customer;
mod demo;
mod error;
mod export;
mod info;
pub mod input;
mod json;
mod mail;
mod output;
mod progress;
mod reads;
pub use reads::{heap_as_the_interface_has_it, heap_without_huge_pages};
mod report;
mod report_json;
mod shell;
mod sync;
mod table;
mod team;
mod ticket;
mod ticket_json;
mod ticket_show;
mod ticket_table;
mod time;
mod usage;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::domain::text::clean;

pub use self::error::{CliError, CliResult};
pub(crate) use self::output::{emit, emit_text, print_json, say};
pub use args::{Cli, Command};

use crate::config::Settings;
use crate::store::Store;
use crate::t;

/// What every command needs: settings, the clock, who is acting, where the database is.
pub struct Context {
    pub settings: Settings,
    pub now: DateTime<Utc>,
    pub actor: String,
    pub db: PathBuf,
    pub read_only: bool,
    /// `db` is the default database in the data directory (created with its directories on first use).
    pub default_db: bool,
    /// This command created `db` (it did not exist): a failing command removes it again.
    pub created: std::cell::Cell<bool>,
    /// `--as` as typed (on a team replica only the desk's own technician may be named).
    pub actor_flag: Option<String>,
    /// A team replica's connection, made when the command opened its store (see `team.rs`).
    pub team: std::cell::RefCell<team::Session>,
    /// This command opened its store for writing (see [`settle_after`]).
    pub wrote: std::cell::Cell<bool>,
    /// This command booked a correction of a closed month for its desk to price (a server team's
    /// replica, see `statements::priced_by_desk`): the desk prices it before it pushes
    /// (`team::push_after`).
    pub unpriced: std::cell::Cell<bool>,
}

impl Context {
    /// The store for a command that writes: a missing database file is created (the default one with
    /// its directories; any other only in a directory that exists).
    pub fn open_store(&self) -> CliResult<Store> {
        self.open_for(team::Use::Write)
    }

    /// The store for the interface: as [`Context::open_store`], but a team replica does not wait for
    /// its server here (the interface's background connection catches up).
    pub fn interface_store(&self) -> CliResult<Store> {
        self.open_for(team::Use::Interface)
    }

    fn open_for(&self, usage: team::Use) -> CliResult<Store> {
        if self.read_only {
            return Ok(Store::open_read_only(&self.db, &self.actor)?);
        }
        if self.default_db
            && let Some(dir) = self.db.parent()
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                CliError::Failure(t!("cannot-create", path = dir.display().to_string(), error = e.to_string()))
            })?;
        }
        let fresh = !self.db.exists();
        let store = Store::open(&self.db, &self.actor)?;
        self.created.set(self.created.get() || fresh);
        self.wrote.set(self.wrote.get() || usage == team::Use::Write);
        self.configured(store, usage)
    }

    /// The store for a command that only reads: the database must exist (nothing is created), except
    /// the default one, which the first use creates whatever the command.
    pub fn read_store(&self) -> CliResult<Store> {
        if self.default_db && !self.read_only {
            return self.open_store();
        }
        if self.read_only {
            return Ok(Store::open_read_only(&self.db, &self.actor)?);
        }
        self.configured(Store::open_existing(&self.db, &self.actor)?, team::Use::Read)
    }

    fn configured(&self, mut store: Store, use_: team::Use) -> CliResult<Store> {
        team::catch_up(self, &mut store, use_)?;
        // Month totals in the configured zone (built once per file). When that cannot happen now (another
        // writer holds the file), statements are computed from the entries instead: slower, same figures.
        let _ = store.use_business_zone(self.settings.calendar.time_zone());
        store.use_tier_names(self.settings.tariffs.clone());
        Ok(store)
    }
}

/// The log file of this process, when it has one.
static LOG_FILE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

pub(crate) fn log_file() -> Option<&'static PathBuf> {
    LOG_FILE.get()
}

pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // A variable that cannot be used is refused by `run` before anything is written: no log either.
    let usable = crate::environment::check_all().is_ok();
    let log = usable.then(crate::environment::log_filter).and_then(Result::ok).and_then(|f| crate::logging::init(&f));
    if let Some(log) = &log {
        let _ = LOG_FILE.set(log.file.clone());
    }
    // The command's name for the log only: finding it walks clap's whole tree again (0.4 M instructions,
    // 1 % of a `ticket list --open`), so only when a debug line will be written.
    let command = if tracing::enabled!(tracing::Level::DEBUG) { usage::command_path(&args).0 } else { String::new() };
    tracing::debug!(command = %command, "start");
    // Test support in debug builds: a panic on demand, to check that panics reach the log.
    #[cfg(debug_assertions)]
    if std::env::var("HELPDESK_TEST_PAUSE").is_ok_and(|v| v == "panic") {
        panic!("a panic on demand (HELPDESK_TEST_PAUSE=panic)");
    }
    let code = run_main(&args);
    tracing::debug!(command = %command, "end");
    drop(log);
    code
}

fn run_main(args: &[std::ffi::OsString]) -> ExitCode {
    // The language of a refused command line (its values are checked while it is parsed): `--lang`,
    // else the locale; the configuration's `language` is read only when the line is refused.
    let flag = lang_flag(args);
    crate::i18n::set_language(crate::language::choose(flag.as_deref(), None));
    let cli = match usage::parse(args) {
        Ok(cli) => cli,
        Err(e) => {
            let configured = || Settings::load().ok().and_then(|s| s.app.language);
            let language = crate::language::choose(flag.as_deref(), flag.is_none().then(configured).flatten());
            let e = if language == crate::i18n::language() {
                e
            } else {
                crate::i18n::set_language(language);
                usage::parse(args).err().unwrap_or(e)
            };
            return match usage::refusal(e, args) {
                usage::Refusal::Show(help) => {
                    let _ = help.print();
                    ExitCode::SUCCESS
                }
                usage::Refusal::Usage(line) => fail(&CliError::Input(line)),
            };
        }
    };
    // A file made by an older version is upgraded when a command first opens it: minutes for a big one.
    // (Worded when it shows: the messages are loaded with the user's overrides once the command runs.)
    crate::store::report_upgrades_to(progress::on_demand("progress-upgrade"));
    match run(cli) {
        Ok(()) | Err(CliError::OutputClosed) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// `--lang X` or `--lang=X` as typed on the command line, before clap reads it (not the contact's
/// language of `customer contact add --lang`).
fn lang_flag(args: &[std::ffi::OsString]) -> Option<String> {
    let words: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    if words.contains(&"contact") && words.contains(&"add") {
        return None;
    }
    let mut found = None;
    for (i, w) in words.iter().enumerate() {
        if *w == "--" {
            break;
        }
        if let Some(v) = w.strip_prefix("--lang=") {
            found = Some(v.to_string());
        } else if *w == "--lang" {
            found = words.get(i + 1).map(|v| v.to_string());
        }
    }
    found
}

/// Reports a failure as one line on stderr (whatever its text held) and gives its exit code.
fn fail(e: &CliError) -> ExitCode {
    let kind = match e {
        CliError::Input(_) => "refused: bad input",
        CliError::Busy(_) => "refused: busy",
        CliError::Failure(_) => "failed",
        CliError::OutputClosed => "output closed",
    };
    tracing::warn!(code = e.code(), "{kind}");
    let _ = std::io::stdout().flush();
    eprintln!("helpdesk: {}", clean(e.message(), false));
    ExitCode::from(e.code())
}

pub fn run(cli: Cli) -> CliResult {
    // Generated from the command line's definitions alone: no database, configuration or environment.
    match cli.command {
        Some(Command::Completions { shell }) => return shell::completions(shell),
        Some(Command::Man { command }) => return shell::man(&command),
        _ => {}
    }
    crate::environment::check_all().map_err(|e| CliError::Input(e.to_string()))?;
    let flag = cli.lang.as_deref();
    // A configuration that cannot be read is refused in the language of the flag or the locale.
    crate::i18n::set_language(crate::language::choose(flag, None));
    let settings = Settings::load().map_err(|e| CliError::Input(t!("bad-configuration", error = e.to_string())))?;
    crate::i18n::set_language(crate::language::choose(flag, settings.app.language));
    crate::i18n::load(crate::config::config_dir().as_deref())
        .map_err(|e| CliError::Input(t!("bad-configuration", error = e.to_string())))?;
    let now = crate::environment::now().map_err(|e| CliError::Input(e.to_string()))?.unwrap_or_else(Utc::now);
    // `--as` ranks first: a blank one (a script's unset variable) is refused as a blank
    // HELPDESK_USER is, not silently replaced by the next source.
    if cli.actor.as_deref().is_some_and(|a| crate::domain::text::clean_name(a).is_empty()) {
        return Err(CliError::Input(t!("as-unprintable")));
    }
    let actor = identity(cli.actor.as_deref(), &settings);
    let env_db = crate::environment::db().map_err(|e| CliError::Input(e.to_string()))?;
    let db_given = cli.db.is_some() || env_db.is_some();
    let db = match cli.db.clone().or(env_db) {
        Some(p) => p,
        None => crate::config::default_db_path().ok_or_else(|| CliError::Failure(t!("no-home-directory")))?,
    };
    crate::store::expect_reads(reads::of(&cli.command));
    reads::fit_heap(&cli.command);
    // On a team replica the desk's technician acts, whatever the config or the OS user says (`--as`
    // someone else is refused when the replica is opened): timers and time entries are theirs.
    let actor = match crate::store::replica_technician(&db, cli.read_only) {
        Some(technician) if !technician.is_empty() => technician,
        _ => actor,
    };
    let ctx = Context {
        settings,
        now,
        actor,
        db,
        read_only: cli.read_only,
        default_db: !db_given,
        created: std::cell::Cell::new(false),
        actor_flag: cli.actor.clone(),
        team: Default::default(),
        wrote: Default::default(),
        unpriced: Default::default(),
    };
    let result = dispatch(&ctx, cli.command, db_given);
    crate::store::forget_probed();
    let result = result.and_then(|()| settle_after(&ctx)).and_then(|()| team::push_after(&ctx));
    match result {
        Err(e) if ctx.created.get() && !ctx.default_db => Err(forget_new_database(&ctx.db, e)),
        other => other,
    }
}

/// After a command that wrote: on the copy that prices closed months (the team file, or a file that
/// has no copies), a change that reprices them — a ticket's kind changed, a consultation opened or
/// work added earlier in the year (which consultations are free, how many free minutes are left), a
/// correction whose free minutes reach a later closed month — is priced now, as a correction in the
/// current month, with a note saying so; not only at the next sync, which a file without copies never
/// has. Other copies keep or drop the marks as a sync would (`sync::settle_arrivals`).
fn settle_after(ctx: &Context) -> CliResult {
    if !ctx.wrote.get() || ctx.read_only || !ctx.db.exists() {
        return Ok(());
    }
    let mut store = Store::open_existing(&ctx.db, &ctx.actor)?;
    let booked = crate::sync::settle_arrivals(&mut store, &ctx.settings, ctx.now)?;
    if !booked.is_zero() {
        let month = ctx.settings.calendar.month_of(ctx.now).to_string();
        let amount = crate::domain::money::human(booked, &ctx.settings.tariffs.currency);
        note!("helpdesk: {}", t!("closed-repriced", month = month, amount = amount));
    }
    Ok(())
}

/// A command that failed on a database it created itself (a mistyped path, most likely) leaves no
/// database behind, and says so.
fn forget_new_database(db: &std::path::Path, e: CliError) -> CliError {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
    let note = |m: String| t!("database-not-kept", error = m, path = crate::store::named(db));
    match e {
        CliError::Input(m) => CliError::Input(note(m)),
        CliError::Busy(m) => CliError::Busy(note(m)),
        CliError::Failure(m) => CliError::Failure(note(m)),
        CliError::OutputClosed => CliError::OutputClosed,
    }
}

fn dispatch(ctx: &Context, command: Option<Command>, db_given: bool) -> CliResult {
    match command {
        None => run_tui(ctx),
        Some(Command::Calendar(c)) => calendar::run(ctx, c),
        Some(Command::Customer(c)) => customer::run(ctx, c),
        Some(Command::Ticket(c)) => ticket::run(ctx, c),
        Some(Command::Time(c)) => time::run_time(ctx, c),
        Some(Command::Timer(c)) => time::run_timer(ctx, c),
        Some(Command::Report(c)) => report::run(ctx, c),
        Some(Command::Month(c)) => admin::month(ctx, c),
        Some(Command::Sync(c)) => sync::run(ctx, c),
        Some(Command::Team(c)) => team::run(ctx, c),
        Some(Command::Mail(c)) => mail::run(ctx, c),
        Some(Command::Check { replay }) => admin::check(ctx, replay),
        Some(Command::Compact) => admin::compact(ctx),
        Some(Command::Backup { file }) => admin::backup(ctx, &file),
        Some(Command::Restore { file }) => admin::restore(ctx, &file),
        Some(Command::Demo(args)) => demo::run(ctx, db_given, args),
        Some(Command::Debug(c)) => admin::debug(ctx, c),
        Some(Command::Info { format }) => info::run(ctx, format),
        Some(Command::Completions { shell }) => shell::completions(shell),
        Some(Command::Man { command }) => shell::man(&command),
    }
}

/// No subcommand: the terminal interface. Its closing note (a timer still running) is printed after the
/// terminal is restored.
fn run_tui(ctx: &Context) -> CliResult {
    use std::io::IsTerminal;
    // The keys first: a bad `[keys]` table is refused before anything else (and testable without a
    // terminal).
    let keymap = crate::keymap::Keymap::new(&ctx.settings.app.keys)
        .map_err(|e| CliError::Input(t!("bad-configuration", error = format!("config.toml {e}"))))?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::input(t!("interface-needs-terminal")));
    }
    let mut store = ctx.interface_store()?;
    // A team replica stays live: other desks' changes arrive and this desk's commits leave at once;
    // while the background connection is up, new tickets take the team's plain numbers.
    let (live, team) = match store.team_binding()? {
        Some(binding) => {
            let timeout = crate::environment::team_timeout().map_err(|e| CliError::Input(e.to_string()))?;
            let (live, wake) =
                crate::team::live::Live::start(ctx.db.clone(), binding.clone(), ctx.settings.clone(), timeout);
            if !binding.technician.is_empty() {
                store.set_ticket_numbers(Some(crate::team::ticket_numbers(&binding, timeout, Some(live.online()))));
            }
            let catch_up = live.catch_up();
            let online = live.online();
            let link = crate::tui::TeamLink {
                wake,
                catching_up: Box::new(move || catch_up.percent()),
                online: Box::new(move || online.load(std::sync::atomic::Ordering::Relaxed)),
            };
            (Some(live), Some(link))
        }
        None => (None, None),
    };
    // Nobody named (no --as, config, HELPDESK_USER, USER or USERNAME; not a team replica, whose desk
    // names its technician): the interface asks, and remembers the answer in config.toml. A viewer's
    // replica records nothing under a name, so it is not asked (nor is config.toml written).
    let ask_name = match crate::config::config_dir() {
        Some(dir)
            if !store.is_viewer()
                && store.actor() == UNNAMED
                && named(ctx.actor_flag.as_deref(), &ctx.settings).is_none() =>
        {
            Some(dir)
        }
        _ => None,
    };
    let note = crate::tui::run(store, ctx.settings.clone(), keymap, ctx.now, team, ask_name)
        .map_err(|e| CliError::Failure(format!("terminal: {e}")))?;
    drop(live);
    if let Some(note) = note {
        outln!("{note}");
    }
    Ok(())
}

/// Who is acting: `--as`, the config file, `HELPDESK_USER`, the OS user; else `technician` (the
/// interface then asks for the name and remembers it, see [`named`]).
pub fn identity(flag: Option<&str>, settings: &Settings) -> String {
    named(flag, settings).unwrap_or_else(|| UNNAMED.to_string())
}

/// The name used when nothing gives one (stored as it is; shown worded, see
/// [`crate::i18n::words::person`]).
pub const UNNAMED: &str = crate::domain::UNNAMED_TECHNICIAN;

/// The name `--as`, the config file, `HELPDESK_USER`, `USER` or `USERNAME` gives, if any does.
pub fn named(flag: Option<&str>, settings: &Settings) -> Option<String> {
    let clean = crate::domain::text::clean_name;
    flag.map(clean)
        .filter(|s| !s.is_empty())
        .or_else(|| Some(settings.app.technician.clone()).filter(|s| !s.is_empty()))
        .or_else(|| crate::environment::user().ok().flatten())
        .or_else(|| std::env::var("USER").ok().map(|s| clean(&s)).filter(|s| !s.is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().map(|s| clean(&s)).filter(|s| !s.is_empty()))
}
