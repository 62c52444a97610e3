//! The log file: what helpdesk did and what went wrong, for diagnosing it later — never on the screen.
//!
//! Written with `tracing` to `helpdesk.YYYY-MM-DD.log` (the date in UTC, as the file rotates) in the
//! state directory (Linux: `~/.local/state/helpdesk/`, else the local data directory), a new file each
//! day and the last [`KEPT_FILES`] kept. The level comes from `HELPDESK_LOG`, else `RUST_LOG` (both in
//! `EnvFilter`'s syntax, e.g. `debug` or `helpdesk::store=debug`), else `info`; the environment check
//! refuses a value that is not one. Each line is written to the file when it is logged (one `write`
//! call, appended): a command logs a few lines at most, and a thread of its own to write them cost
//! every command its start, a spinning wait beside it and a join at its end (about a millisecond of
//! a `customer list`).
//!
//! What is logged: each command's name (never its arguments), refused and failed commands with their
//! exit code and the kind of error (never its message, which may quote a customer's name or a title),
//! sync exchanges (peers' copy tags and counts), schema migrations, the interface's failed actions (by
//! kind), and panics. Passwords and customer text (names, titles, comments, notes) are never logged.
//! A state directory that cannot be written means no log: the command still runs.

use std::path::PathBuf;

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// How many daily files are kept (the oldest is deleted when a new day's file is made).
pub const KEPT_FILES: usize = 7;
const PREFIX: &str = "helpdesk";
const SUFFIX: &str = "log";

/// Where the log files are: the state directory (the local data directory where there is none).
pub fn log_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "helpdesk")?;
    Some(dirs.state_dir().unwrap_or(dirs.data_local_dir()).to_path_buf())
}

/// Today's log file in `dir` (the appender names files by the UTC date).
pub fn file_for_today(dir: &std::path::Path) -> PathBuf {
    dir.join(format!("{PREFIX}.{}.{SUFFIX}", chrono::Utc::now().format("%Y-%m-%d")))
}

/// An active log: the file lines go to (each line is written when it is logged: nothing waits to be
/// flushed).
pub struct Log {
    pub file: PathBuf,
}

/// Starts logging at `filter` (already checked by `environment::log_filter`) into [`log_dir`], and
/// logs panics (then lets the previous hook report them as before). `None` when there is no directory
/// to write to: helpdesk then runs without a log.
pub fn init(filter: &str) -> Option<Log> {
    let dir = log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(PREFIX)
        .filename_suffix(SUFFIX)
        .max_log_files(KEPT_FILES)
        .build(&dir)
        .ok()?;
    let subscriber = tracing_subscriber::fmt()
        .with_writer(appender)
        .with_env_filter(EnvFilter::try_new(filter).ok()?)
        .with_target(true)
        .finish();
    tracing::subscriber::set_global_default(subscriber).ok()?;
    log_panics();
    Some(Log { file: file_for_today(&dir) })
}

/// Panics go to the log (where and what), then to the hook that was there (the terminal is restored
/// and the message printed as before).
fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        tracing::error!(at = %at, "panic: {}", crate::domain::text::clean(&what, false));
        previous(info);
    }));
}
