//! Settings: embedded defaults (`assets/*.toml`) overlaid by the user's files in the config directory.
//!
//! Each of `tariffs.toml`, `calendar.toml` and `config.toml` may exist in the config directory
//! (`HELPDESK_CONFIG_DIR`, else the platform's, e.g. `~/.config/helpdesk/`). A user file only needs the
//! keys it changes: tables merge key by key, any other value (an array such as `holidays`) replaces the
//! default whole. A malformed file is refused with its path, line and the problem.

mod files;
mod values;

use crate::t;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::BusinessCalendar;
use crate::domain::tariff::Tariffs;

use self::files::{CalendarFile, ConfigFile, TariffFile};

const TARIFFS: &str = include_str!("../../assets/tariffs.toml");
const CALENDAR: &str = include_str!("../../assets/calendar.toml");
const CONFIG: &str = include_str!("../../assets/config.toml");

/// Everything the rules and the app are configured with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub tariffs: Tariffs,
    pub calendar: BusinessCalendar,
    pub app: AppConfig,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppConfig {
    /// The technician's name from the config file; empty when not set.
    pub technician: String,
    /// The role this technician's work is booked under by default (`role = "consultant"`): the
    /// interface's timers and time entries, and the CLI's `time add` / `timer start` without `--role`.
    pub role: crate::domain::Role,
    pub forgotten_timer_hours: u32,
    /// Key overrides from `[keys]`: command name → keys (validated by `keymap::Keymap::new`).
    pub keys: std::collections::BTreeMap<String, Vec<String>>,
    /// The terminal interface takes the mouse (wheel scrolls, a click selects, a second click opens).
    pub mouse: bool,
    pub mail: MailConfig,
    /// `language = "cs" | "en"`; `None` when not set (then `--lang` or the locale decides).
    pub language: Option<crate::language::Language>,
}

/// `[mail]`: intake and sending.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MailConfig {
    /// Mail to these addresses is an incident (lower case, checked).
    pub incident_addresses: Vec<String>,
    /// The sender of our answers (`None`: not set, so nothing can be sent).
    pub from: Option<String>,
    /// A sendmail-compatible command, run through `sh -c` with the message on stdin.
    pub sendmail: String,
    /// Where quarantined messages are copied (`~/` is the home directory).
    pub quarantine: PathBuf,
}

#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub message: String,
}

impl Settings {
    /// The embedded defaults alone.
    pub fn defaults() -> Self {
        Self::load_from(None).expect("the embedded defaults are valid")
    }

    /// Defaults overlaid by the files in `dir` (those that exist).
    pub fn load_from(dir: Option<&Path>) -> Result<Self, ConfigError> {
        let tariffs: TariffFile = layered("tariffs.toml", TARIFFS, dir)?;
        let calendar: CalendarFile = layered("calendar.toml", CALENDAR, dir)?;
        let app: ConfigFile = layered("config.toml", CONFIG, dir)?;
        Ok(Self {
            tariffs: tariffs.build().map_err(|m| error_in("tariffs.toml", dir, m))?,
            calendar: calendar.build().map_err(|m| error_in("calendar.toml", dir, m))?,
            app: app.build().map_err(|m| error_in("config.toml", dir, m))?,
        })
    }

    /// Defaults overlaid by the user's config directory.
    pub fn load() -> Result<Self, ConfigError> {
        Self::load_from(config_dir().as_deref())
    }
}

/// The user's config directory: `HELPDESK_CONFIG_DIR`, else the platform's.
pub fn config_dir() -> Option<PathBuf> {
    if let Ok(Some(dir)) = crate::environment::config_dir() {
        return Some(dir);
    }
    directories::ProjectDirs::from("", "", "helpdesk").map(|p| p.config_dir().to_path_buf())
}

/// Remembers the technician's name in `dir/config.toml`: sets `technician = "NAME"` and keeps every
/// other key, comment and the layout as they were (toml_edit); a missing file or directory is made.
/// Written whole to a temporary file beside it, synced, then renamed over it, so a crash leaves the
/// old file or the new one, never half of one. Returns the file's path.
pub fn remember_technician(dir: &Path, name: &str) -> Result<PathBuf, String> {
    use std::io::Write;
    let path = dir.join("config.toml");
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(t!("config-remember-cannot-read", path = shown.as_str(), error = e.to_string())),
    };
    let mut doc: toml_edit::DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| format!("{shown}: {}", e.message().trim()))?;
    doc["technician"] = toml_edit::value(crate::domain::text::clean_name(name));
    std::fs::create_dir_all(dir)
        .map_err(|e| t!("config-remember-cannot-create", path = dir.display().to_string(), error = e.to_string()))?;
    // Made new: whatever already has the temporary name (a link someone put there) is left alone,
    // and only a temporary file made here is removed after a failure.
    let mut made: Option<PathBuf> = None;
    let written = (|| {
        let (mut f, tmp) = crate::store::create_fresh(&dir.join(format!(".config.toml.{}.tmp", std::process::id())))?;
        let tmp = made.insert(tmp);
        f.write_all(doc.to_string().as_bytes())?;
        f.sync_all()?;
        std::fs::rename(tmp, &path)
    })();
    if let Err(e) = written {
        if let Some(tmp) = made {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(t!("config-remember-cannot-write", path = shown.as_str(), error = e.to_string()));
    }
    Ok(path)
}

/// The default database: `helpdesk.db` in the user's data directory.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "helpdesk").map(|p| p.data_dir().join("helpdesk.db"))
}

fn error_in(name: &str, dir: Option<&Path>, message: String) -> ConfigError {
    let file = match dir.map(|d| d.join(name)) {
        Some(p) if p.exists() => p.display().to_string(),
        _ => t!("config-built-in", name = name),
    };
    ConfigError { file, message }
}

/// Parses the embedded default, checks the user's file on its own (so errors carry its lines), merges.
/// Without a user's file the default is read straight into `T` (no table built and read again).
fn layered<T: for<'de> Deserialize<'de>>(name: &str, default: &str, dir: Option<&Path>) -> Result<T, ConfigError> {
    let built_in =
        |e: toml::de::Error| ConfigError { file: t!("config-built-in", name = name), message: e.to_string() };
    let Some(path) = dir.map(|d| d.join(name)).filter(|p| p.exists()) else {
        return toml::from_str::<T>(default).map_err(built_in);
    };
    let mut base: toml::Table = toml::from_str(default).map_err(built_in)?;
    let file = path.display().to_string();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| ConfigError { file: file.clone(), message: t!("config-cannot-read", error = e.to_string()) })?;
    let user: toml::Table =
        toml::from_str(&text).map_err(|e| ConfigError { file: file.clone(), message: one_line(&e) })?;
    toml::from_str::<T>(&text).map_err(|e| ConfigError { file: file.clone(), message: one_line(&e) })?;
    merge(&mut base, user);
    T::deserialize(toml::Value::Table(base)).map_err(|e| ConfigError { file: name.to_string(), message: e.to_string() })
}

/// toml's message names the line and column; keep it on as few lines as possible.
fn one_line(e: &toml::de::Error) -> String {
    let msg = e.message().trim().to_string();
    match e.span() {
        Some(span) => {
            t!("config-at-byte", error = msg, byte = span.start.to_string(), line = first_line(&e.to_string()))
        }
        None => msg,
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().trim().to_string()
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn defaults_match_the_price_list() {
        let s = Settings::defaults();
        assert_eq!(s.tariffs.standard.response_hours, 48);
        assert_eq!(s.tariffs.vip.prepaid_minutes, 300);
        assert_eq!(s.tariffs.plus.monthly_fee, Decimal::from(2500));
        assert_eq!(s.tariffs.consultant_rate, Decimal::from(1500));
        assert_eq!(s.calendar.holidays(2026).len(), 13);
    }

    #[test]
    fn user_file_overrides_one_key() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tariffs.toml"), "vat_rate = \"0.15\"\n[tiers.vip]\nprepaid_minutes = 240\n")
            .unwrap();
        let s = Settings::load_from(Some(dir.path())).unwrap();
        assert_eq!(s.tariffs.vat_rate, Decimal::from_str("0.15").unwrap());
        assert_eq!(s.tariffs.vip.prepaid_minutes, 240);
        assert_eq!(s.tariffs.vip.monthly_fee, Decimal::from(5000));
    }

    #[test]
    fn malformed_files_name_file_line_and_problem() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            ("tariffs.toml", "currency = \"CZK\"\nvat_rate = \"abc\"\n", "not a decimal"),
            ("tariffs.toml", "\n\nvat_rat = \"0.2\"\n", "vat_rat"),
            ("calendar.toml", "time_zone = \"Mars/Olympus\"\n", "unknown time zone"),
            ("calendar.toml", "open = \"17:00\"\n", "before closing"),
            ("calendar.toml", "open = [\n", "calendar.toml"),
            ("config.toml", "forgotten_timer_hours = -1\n", "config.toml"),
            (
                "config.toml",
                "forgotten_timer_hours = 0\n",
                "`forgotten_timer_hours` must be a whole number of hours from 1 to 168, not 0",
            ),
            ("config.toml", "forgotten_timer_hours = 169\n", "from 1 to 168, not 169"),
        ];
        for (name, text, expect) in cases {
            for f in ["tariffs.toml", "calendar.toml", "config.toml"] {
                let _ = std::fs::remove_file(dir.path().join(f));
            }
            std::fs::write(dir.path().join(name), text).unwrap();
            let err = Settings::load_from(Some(dir.path())).unwrap_err().to_string();
            assert!(err.contains(name), "{err}");
            assert!(err.contains(expect), "{name}: {err}");
        }
    }

    #[test]
    fn syntax_errors_carry_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tariffs.toml"), "currency = \"CZK\"\n\nvat_rate = \"abc\"\n").unwrap();
        let err = Settings::load_from(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("line 3"), "{err}");
    }
}

#[cfg(test)]
mod remember_tests {
    #[test]
    fn the_name_is_written_into_config_toml_keeping_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# mine\nmouse = false # no mouse\n\n[keys]\ntimer = \"ctrl-t\"\n").unwrap();
        assert_eq!(super::remember_technician(dir.path(), "Lucie Černá").unwrap(), path);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# mine\nmouse = false # no mouse\ntechnician = \"Lucie Černá\"\n"), "{text}");
        assert!(text.contains("[keys]\ntimer = \"ctrl-t\"\n"), "{text}");
        let settings = super::Settings::load_from(Some(dir.path())).unwrap();
        assert_eq!(settings.app.technician, "Lucie Černá");
        assert!(!settings.app.mouse);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, [std::ffi::OsString::from("config.toml")], "no temporary file left");
        // No file yet (nor its directory): made.
        let fresh = dir.path().join("new");
        super::remember_technician(&fresh, "Petr").unwrap();
        assert_eq!(std::fs::read_to_string(fresh.join("config.toml")).unwrap(), "technician = \"Petr\"\n");
        // A file that is not TOML is left alone and named.
        std::fs::write(&path, "technician = \n").unwrap();
        let e = super::remember_technician(dir.path(), "X").unwrap_err();
        assert!(e.starts_with(&path.display().to_string()), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "technician = \n");
    }

    /// Whatever has the temporary file's name — a link to another file — is neither followed nor
    /// removed: the name is written through another temporary file.
    #[cfg(unix)]
    #[test]
    fn a_link_at_the_temporary_name_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep me").unwrap();
        let tmp = dir.path().join(format!(".config.toml.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &tmp).unwrap();
        super::remember_technician(dir.path(), "Petr").unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("config.toml")).unwrap(), "technician = \"Petr\"\n");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(std::fs::read_link(&tmp).unwrap(), victim);
        let mut left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        left.sort();
        assert_eq!(left.len(), 3, "{left:?}");
    }
}
