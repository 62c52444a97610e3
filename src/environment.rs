//! The environment variables helpdesk reads: each one parsed and range-checked here, so a bad value is
//! one clear error naming the variable and what it accepts (the CLI checks them all before it opens
//! anything, exit 2), never a panic and never silently ignored. An unset variable means its default;
//! a variable set to an empty string is a mistake, not a way to unset it.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::t;

/// Every variable the program reads: its name, and the message ids of the value it takes and of what
/// it does (the README lists the same).
pub const VARIABLES: &[(&str, &str, &str)] = &[
    ("HELPDESK_DB", "env-value-a-path", "env-does-helpdesk-db"),
    ("HELPDESK_CONFIG_DIR", "env-value-a-directory", "env-does-helpdesk-config-dir"),
    ("HELPDESK_USER", "env-value-a-name", "env-does-helpdesk-user"),
    ("HELPDESK_NOW", "env-value-instant", "env-does-helpdesk-now"),
    ("HELPDESK_BUSY_TIMEOUT_MS", "env-value-a-whole-number-from-0-to-3600000", "env-does-helpdesk-busy-timeout-ms"),
    ("HELPDESK_SYNC_TIMEOUT_S", "env-value-a-whole-number-from-1-to-86400", "env-does-helpdesk-sync-timeout-s"),
    ("HELPDESK_MAIL_TIMEOUT_S", "env-value-a-whole-number-from-1-to-86400", "env-does-helpdesk-mail-timeout-s"),
    ("HELPDESK_TEAM_TIMEOUT_MS", "env-value-a-whole-number-from-1-to-600000", "env-does-helpdesk-team-timeout-ms"),
    ("HELPDESK_TEAM_CATCH_UP_MS", "env-value-a-whole-number-from-1-to-3600000", "env-does-helpdesk-team-catch-up-ms"),
    ("HELPDESK_ALLOW_NETWORK_FS", "env-value-1-or-0", "env-does-helpdesk-allow-network-fs"),
    ("HELPDESK_THREADS", "env-value-a-whole-number-from-1-to-1024", "env-does-helpdesk-threads"),
    ("HELPDESK_LOG", "env-value-log-filter", "env-does-helpdesk-log"),
    ("RUST_LOG", "env-value-log-filter-short", "env-does-rust-log"),
    ("LC_ALL", "env-value-locale", "env-does-lc-all"),
    ("LC_MESSAGES", "env-value-locale", "env-does-lc-messages"),
    ("LANG", "env-value-locale", "env-does-lang"),
    ("USER", "env-value-a-name", "env-does-user"),
    ("USERNAME", "env-value-a-name", "env-does-username"),
    ("HOME", "env-value-a-directory", "env-does-home"),
    ("XDG_DATA_HOME", "env-value-a-directory", "env-does-xdg-data-home"),
    ("XDG_CONFIG_HOME", "env-value-a-directory", "env-does-xdg-config-home"),
    ("XDG_STATE_HOME", "env-value-a-directory", "env-does-xdg-state-home"),
    ("NO_COLOR", "env-value-anything", "env-does-no-color"),
    ("EDITOR", "env-value-editor", "env-does-editor"),
    ("VISUAL", "env-value-a-command", "env-does-visual"),
];

/// The external editor's command line: `$EDITOR`, else `$VISUAL`, else `vi`. An empty value counts as
/// unset (shells often export `EDITOR=`); the command is run by the shell, so it may carry arguments.
pub fn editor() -> String {
    ["EDITOR", "VISUAL"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// A variable's value that cannot be used; the message names it and says what it accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EnvError(pub String);

/// The busy timeout when `HELPDESK_BUSY_TIMEOUT_MS` is not set.
pub const BUSY_TIMEOUT_DEFAULT_MS: u64 = 5_000;
const BUSY_TIMEOUT_MAX_MS: u64 = 3_600_000;
/// The silent-peer limit of `sync --remote` when `HELPDESK_SYNC_TIMEOUT_S` is not set.
pub const SYNC_TIMEOUT_DEFAULT_S: u64 = 30;
const SYNC_TIMEOUT_MAX_S: u64 = 86_400;
/// How long the mail command may run when `HELPDESK_MAIL_TIMEOUT_S` is not set.
pub const MAIL_TIMEOUT_DEFAULT_S: u64 = 60;

/// Checks every variable helpdesk reads; the first bad one is the error.
pub fn check_all() -> Result<(), EnvError> {
    db()?;
    config_dir()?;
    user()?;
    now()?;
    busy_timeout()?;
    sync_timeout()?;
    mail_timeout()?;
    team_timeout()?;
    team_catch_up()?;
    allow_network_fs()?;
    threads()?;
    log_filter()?;
    Ok(())
}

/// The raw value: `None` when unset; an empty value is an error.
fn raw(name: &str) -> Result<Option<OsString>, EnvError> {
    match std::env::var_os(name) {
        None => Ok(None),
        Some(v) if v.is_empty() => Err(EnvError(t!("env-empty", name = name, accepts = accepts(name)))),
        Some(v) => Ok(Some(v)),
    }
}

/// The value as text: `None` when unset; not UTF-8 or empty is an error.
fn text(name: &str) -> Result<Option<String>, EnvError> {
    raw(name)?
        .map(|v| {
            v.into_string().map_err(|v| {
                EnvError(t!("env-not-utf8", name = name, value = shown(&v.to_string_lossy()), accepts = accepts(name)))
            })
        })
        .transpose()
}

fn accepts(name: &str) -> String {
    let what = VARIABLES.iter().find(|(n, _, _)| *n == name).map_or(String::new(), |(_, value, _)| t!(value));
    t!("env-set-it-to", what = what)
}

/// A value as it may be shown in a message: no control or bidi characters, not too long.
fn shown(value: &str) -> String {
    let clean = crate::domain::text::clean(value, false);
    match clean.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &clean[..i]),
        None => clean,
    }
}

/// A whole number within `lo..=hi`; `unit` is the message id of its unit.
fn whole(name: &str, lo: u64, hi: u64, unit: &str) -> Result<Option<u64>, EnvError> {
    let Some(v) = text(name)? else { return Ok(None) };
    let t = v.trim();
    let n = if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) { t.parse::<u64>().ok() } else { None };
    match n {
        Some(n) if (lo..=hi).contains(&n) => Ok(Some(n)),
        _ => Err(EnvError(t!(
            "env-not-whole",
            name = name,
            value = shown(&v),
            unit = t!(unit),
            lo = lo.to_string(),
            hi = hi.to_string()
        ))),
    }
}

/// `HELPDESK_DB`: the database file, when set.
pub fn db() -> Result<Option<PathBuf>, EnvError> {
    Ok(raw("HELPDESK_DB")?.map(PathBuf::from))
}

/// `HELPDESK_CONFIG_DIR`: the config directory, when set. A missing directory means the built-in
/// defaults; an existing path that is not a directory is an error.
pub fn config_dir() -> Result<Option<PathBuf>, EnvError> {
    let Some(dir) = raw("HELPDESK_CONFIG_DIR")?.map(PathBuf::from) else { return Ok(None) };
    if dir.exists() && !dir.is_dir() {
        return Err(EnvError(t!("env-config-dir-not-dir", path = shown(&dir.display().to_string()))));
    }
    Ok(Some(dir))
}

/// `HELPDESK_USER`: who is acting, when set (cleaned of control characters; nothing left is an error).
pub fn user() -> Result<Option<String>, EnvError> {
    let Some(v) = text("HELPDESK_USER")? else { return Ok(None) };
    let name = crate::domain::text::clean_name(&v);
    if name.is_empty() {
        return Err(EnvError(t!("env-user-unprintable")));
    }
    Ok(Some(name))
}

/// `HELPDESK_NOW`: a fixed "now", when set.
pub fn now() -> Result<Option<DateTime<Utc>>, EnvError> {
    let Some(v) = text("HELPDESK_NOW")? else { return Ok(None) };
    DateTime::parse_from_rfc3339(v.trim())
        .map(|t| Some(t.with_timezone(&Utc)))
        .map_err(|_| EnvError(t!("env-now-unreadable", value = shown(&v))))
}

/// `HELPDESK_BUSY_TIMEOUT_MS`: how long a write waits for another writer (default 5 s).
pub fn busy_timeout() -> Result<Duration, EnvError> {
    let ms = whole("HELPDESK_BUSY_TIMEOUT_MS", 0, BUSY_TIMEOUT_MAX_MS, "env-unit-ms")?;
    Ok(Duration::from_millis(ms.unwrap_or(BUSY_TIMEOUT_DEFAULT_MS)))
}

/// `HELPDESK_SYNC_TIMEOUT_S`: how long `sync --remote` waits for a peer that sends nothing (default 30 s).
pub fn sync_timeout() -> Result<Duration, EnvError> {
    let s = whole("HELPDESK_SYNC_TIMEOUT_S", 1, SYNC_TIMEOUT_MAX_S, "env-unit-s")?;
    Ok(Duration::from_secs(s.unwrap_or(SYNC_TIMEOUT_DEFAULT_S)))
}

/// `HELPDESK_MAIL_TIMEOUT_S`: how long the mail command (`[mail] sendmail`) may run before it is
/// ended and nothing is recorded (default 60 s); it runs inside the write transaction, so this bounds
/// how long it can keep every other writer waiting.
pub fn mail_timeout() -> Result<Duration, EnvError> {
    let s = whole("HELPDESK_MAIL_TIMEOUT_S", 1, SYNC_TIMEOUT_MAX_S, "env-unit-s")?;
    Ok(Duration::from_secs(s.unwrap_or(MAIL_TIMEOUT_DEFAULT_S)))
}

/// `HELPDESK_TEAM_TIMEOUT_MS`: how long a command on a team replica waits for its server to answer
/// before it works on the replica alone (default 2 s).
pub fn team_timeout() -> Result<Duration, EnvError> {
    let ms = whole("HELPDESK_TEAM_TIMEOUT_MS", 1, 600_000, "env-unit-ms")?;
    Ok(Duration::from_millis(ms.unwrap_or(2_000)))
}

/// `HELPDESK_TEAM_CATCH_UP_MS`: how long a command on a team replica far behind its server applies the
/// other desks' work before it does its own (default 10 s); the rest comes with later commands, the
/// interface or `team sync`.
pub fn team_catch_up() -> Result<Duration, EnvError> {
    let ms = whole("HELPDESK_TEAM_CATCH_UP_MS", 1, 3_600_000, "env-unit-ms")?;
    Ok(Duration::from_millis(ms.unwrap_or(10_000)))
}

/// `HELPDESK_ALLOW_NETWORK_FS`: `1` allows a database on a network filesystem, `0` (the default) does not.
pub fn allow_network_fs() -> Result<bool, EnvError> {
    match text("HELPDESK_ALLOW_NETWORK_FS")?.as_deref().map(str::trim) {
        None | Some("0") => Ok(false),
        Some("1") => Ok(true),
        Some(other) => Err(EnvError(t!("env-network-fs-unreadable", value = shown(other)))),
    }
}

/// `HELPDESK_THREADS`: how many threads one command may keep busy at once (default: the machine's
/// cores, as `std::thread::available_parallelism` tells them; 1 when it cannot tell). A month report
/// uses two when it may (see `store::twin`, `cli::report`); `1` keeps every command on one.
pub fn threads() -> Result<usize, EnvError> {
    let n = whole("HELPDESK_THREADS", 1, 1024, "env-unit-threads")?;
    Ok(match n {
        Some(n) => usize::try_from(n).unwrap_or(1),
        // Asked of the system once (it reads the process's affinity and cgroup files).
        None => {
            static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
            *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
        }
    })
}

/// Whether a command may do two things at once (see [`threads`]); a bad value (which the CLI refuses
/// before it opens anything) counts as one thread.
pub fn two_threads() -> bool {
    threads().is_ok_and(|n| n >= 2)
}

/// The log file's filter: `HELPDESK_LOG`, else `RUST_LOG`, else `info` (see `crate::logging`). A value
/// that is not a filter is refused, whichever variable holds it.
pub fn log_filter() -> Result<String, EnvError> {
    let (name, value) = match text("HELPDESK_LOG")? {
        Some(v) => ("HELPDESK_LOG", v),
        None => match text("RUST_LOG")? {
            Some(v) => ("RUST_LOG", v),
            None => return Ok("info".into()),
        },
    };
    tracing_subscriber::EnvFilter::try_new(value.trim())
        .map(|_| value.trim().to_string())
        .map_err(|_| EnvError(t!("env-log-filter-unreadable", name = name, value = shown(&value))))
}
