//! Settings: embedded defaults (`assets/*.toml`) overlaid by the user's files in the config directory.
//!
//! Each of `tariffs.toml`, `calendar.toml` and `config.toml` may exist in the config directory
//! (`HELPDESK_CONFIG_DIR`, else the platform's, e.g. `~/.config/helpdesk/`). A user file only needs the
//! keys it changes: tables merge key by key, any other value (an array such as `holidays`) replaces the
//! default whole. A malformed file is refused with its path, line and the problem.

use crate::i18n::refusals::Worded;
use crate::t;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, de};

use crate::domain::BusinessCalendar;
use crate::domain::holiday::{HolidayDate, HolidayRule};
use crate::domain::tariff::{Entitlement, Tariffs, Tier, TierTerms};

const TARIFFS: &str = include_str!("../assets/tariffs.toml");
const CALENDAR: &str = include_str!("../assets/calendar.toml");
const CONFIG: &str = include_str!("../assets/config.toml");

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
    doc["technician"] = toml_edit::value(crate::domain::text::clean(name, false));
    std::fs::create_dir_all(dir)
        .map_err(|e| t!("config-remember-cannot-create", path = dir.display().to_string(), error = e.to_string()))?;
    let tmp = dir.join(format!(".config.toml.{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(doc.to_string().as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
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
fn layered<T: for<'de> Deserialize<'de>>(name: &str, default: &str, dir: Option<&Path>) -> Result<T, ConfigError> {
    let mut base: toml::Table = toml::from_str(default)
        .map_err(|e| ConfigError { file: t!("config-built-in", name = name), message: e.to_string() })?;
    if let Some(path) = dir.map(|d| d.join(name)).filter(|p| p.exists()) {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
            file: file.clone(),
            message: t!("config-cannot-read", error = e.to_string()),
        })?;
        let user: toml::Table =
            toml::from_str(&text).map_err(|e| ConfigError { file: file.clone(), message: one_line(&e) })?;
        toml::from_str::<T>(&text).map_err(|e| ConfigError { file: file.clone(), message: one_line(&e) })?;
        merge(&mut base, user);
    }
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

fn need<T>(v: Option<T>, key: &str) -> Result<T, String> {
    v.ok_or_else(|| t!("config-missing-key", key = key))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TariffFile {
    currency: Option<String>,
    vat_rate: Option<Money>,
    billing_block_minutes: Option<u32>,
    at_risk_fraction: Option<Money>,
    free_consultation_minutes: Option<u32>,
    upgrade_after_months: Option<u32>,
    tiers: Option<TiersFile>,
    no_contract: Option<NoContractFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TiersFile {
    standard: Option<TierFile>,
    plus: Option<TierFile>,
    vip: Option<TierFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TierFile {
    label: Option<String>,
    label_cs: Option<String>,
    response_hours: Option<u32>,
    prepaid_minutes: Option<u32>,
    hourly_rate: Option<Money>,
    monthly_fee: Option<Money>,
    status_reports_per_year: Option<u32>,
    free_consultations_per_year: Option<u32>,
    product_modifications: Option<Entitlement>,
    upgrade_to: Option<Tier>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoContractFile {
    label: Option<String>,
    label_cs: Option<String>,
    technician_rate: Option<Money>,
    consultant_rate: Option<Money>,
}

impl TariffFile {
    fn build(self) -> Result<Tariffs, String> {
        let tiers = need(self.tiers, "tiers")?;
        let nc = need(self.no_contract, "no_contract")?;
        let fraction = need(self.at_risk_fraction, "at_risk_fraction")?.0;
        if fraction > Decimal::ONE {
            return Err(t!("config-at-risk-fraction"));
        }
        Ok(Tariffs {
            currency: need(self.currency, "currency")?,
            vat_rate: need(self.vat_rate, "vat_rate")?.0,
            billing_block_minutes: need(self.billing_block_minutes, "billing_block_minutes")?,
            at_risk_fraction: fraction,
            free_consultation_minutes: need(self.free_consultation_minutes, "free_consultation_minutes")?,
            upgrade_after_months: need(self.upgrade_after_months, "upgrade_after_months")?,
            standard: need(tiers.standard, "tiers.standard")?.build("tiers.standard")?,
            plus: need(tiers.plus, "tiers.plus")?.build("tiers.plus")?,
            vip: need(tiers.vip, "tiers.vip")?.build("tiers.vip")?,
            no_contract_label: need(nc.label, "no_contract.label")?,
            no_contract_label_cs: nc.label_cs,
            technician_rate: need(nc.technician_rate, "no_contract.technician_rate")?.0,
            consultant_rate: need(nc.consultant_rate, "no_contract.consultant_rate")?.0,
        })
    }
}

impl TierFile {
    fn build(self, at: &str) -> Result<TierTerms, String> {
        let key = |k: &str| format!("{at}.{k}");
        let upgrade_to = match self.upgrade_to {
            Some(Tier::None) => return Err(t!("config-cannot-be-none", key = key("upgrade_to"))),
            other => other,
        };
        Ok(TierTerms {
            label: need(self.label, &key("label"))?,
            label_cs: self.label_cs,
            response_hours: need(self.response_hours, &key("response_hours"))?,
            prepaid_minutes: need(self.prepaid_minutes, &key("prepaid_minutes"))?,
            hourly_rate: need(self.hourly_rate, &key("hourly_rate"))?.0,
            monthly_fee: need(self.monthly_fee, &key("monthly_fee"))?.0,
            status_reports_per_year: need(self.status_reports_per_year, &key("status_reports_per_year"))?,
            free_consultations_per_year: need(self.free_consultations_per_year, &key("free_consultations_per_year"))?,
            product_modifications: need(self.product_modifications, &key("product_modifications"))?,
            upgrade_to,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    time_zone: Option<ZoneName>,
    open: Option<ClockTime>,
    close: Option<ClockTime>,
    weekdays: Option<Vec<WeekdayName>>,
    holidays: Option<Vec<HolidayFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayFile {
    name: String,
    name_cs: Option<String>,
    date: Option<MonthDay>,
    easter: Option<i64>,
}

impl CalendarFile {
    fn build(self) -> Result<BusinessCalendar, String> {
        let open = need(self.open, "open")?.0.ok_or_else(|| t!("config-open-not-24"))?;
        let close = need(self.close, "close")?.0;
        let weekdays: Vec<Weekday> = need(self.weekdays, "weekdays")?.into_iter().map(|w| w.0).collect();
        let holidays = need(self.holidays, "holidays")?
            .into_iter()
            .map(|h| match (h.date, h.easter) {
                (Some(MonthDay(month, day)), None) => {
                    Ok(HolidayRule { date: HolidayDate::Fixed { month, day }, name: h.name, name_cs: h.name_cs })
                }
                (None, Some(offset)) => {
                    Ok(HolidayRule { date: HolidayDate::Easter(offset), name: h.name, name_cs: h.name_cs })
                }
                _ => Err(t!("config-holiday-date", name = h.name.as_str())),
            })
            .collect::<Result<Vec<_>, _>>()?;
        BusinessCalendar::new(need(self.time_zone, "time_zone")?.0, open, close, &weekdays, holidays)
            .map_err(|e| e.worded())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    technician: Option<String>,
    role: Option<String>,
    forgotten_timer_hours: Option<u32>,
    keys: Option<std::collections::BTreeMap<String, KeyList>>,
    mouse: Option<bool>,
    mail: Option<MailFile>,
    language: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MailFile {
    incident_addresses: Option<Vec<String>>,
    from: Option<String>,
    sendmail: Option<String>,
    quarantine: Option<String>,
}

impl MailFile {
    fn build(self) -> Result<MailConfig, String> {
        use crate::domain::mail::Address;
        let incident_addresses = self
            .incident_addresses
            .unwrap_or_default()
            .iter()
            .map(|a| {
                Address::parse(a)
                    .map(|a| a.to_string())
                    .map_err(|e| t!("config-key-error", key = "[mail] incident_addresses", error = e.worded()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let from = match self.from.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
            Some(f) => Some(
                Address::parse(f)
                    .map_err(|e| t!("config-key-error", key = "[mail] from", error = e.worded()))?
                    .to_string(),
            ),
            None => None,
        };
        let sendmail = self.sendmail.unwrap_or_default().trim().to_string();
        if sendmail.is_empty() {
            return Err(t!("config-mail-sendmail"));
        }
        let q = self.quarantine.unwrap_or_default();
        let quarantine = match q.strip_prefix("~/") {
            Some(rest) => std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default().join(rest),
            None => PathBuf::from(&q),
        };
        if q.trim().is_empty() {
            return Err(t!("config-mail-quarantine"));
        }
        Ok(MailConfig { incident_addresses, from, sendmail, quarantine })
    }
}

/// One key (`"t"`) or several (`["t", "ctrl-t"]`).
#[derive(Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl ConfigFile {
    fn build(self) -> Result<AppConfig, String> {
        let forgotten_timer_hours = need(self.forgotten_timer_hours, "forgotten_timer_hours")?;
        // 0 would call every timer forgotten the moment it starts; a week is as long as "forgotten" means
        // anything (a timer over 24 h is never booked as it ran anyway).
        if !(1..=168).contains(&forgotten_timer_hours) {
            return Err(t!("config-forgotten-timer-hours", hours = forgotten_timer_hours.to_string()));
        }
        let language = match self.language.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => Some(
                crate::language::Language::from_code(code)
                    .ok_or_else(|| t!("config-language", code = format!("{code:?}")))?,
            ),
        };
        let role = match self.role.as_deref().map(str::trim) {
            None | Some("") => crate::domain::Role::Technician,
            Some(r) => r.parse().map_err(|_| t!("config-role", value = format!("{r:?}")))?,
        };
        Ok(AppConfig {
            role,
            language,
            technician: crate::domain::text::clean(&self.technician.unwrap_or_default(), false),
            forgotten_timer_hours,
            mouse: self.mouse.unwrap_or(true),
            mail: self.mail.unwrap_or_default().build()?,
            keys: self
                .keys
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| match v {
                    KeyList::One(s) => (k, vec![s]),
                    KeyList::Many(v) => (k, v),
                })
                .collect(),
        })
    }
}

/// A non-negative decimal written as a string ("800") or a number.
struct Money(Decimal);

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            I(i64),
            F(f64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::S(s) => s,
            Raw::I(i) => i.to_string(),
            Raw::F(f) => f.to_string(),
        };
        let v = Decimal::from_str(text.trim())
            .map_err(|_| de::Error::custom(t!("config-not-a-decimal", typed = text.as_str())))?;
        if v.is_sign_negative() {
            return Err(de::Error::custom(t!("config-negative", typed = text.as_str())));
        }
        Ok(Money(v))
    }
}

struct ZoneName(Tz);

impl<'de> Deserialize<'de> for ZoneName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse::<Tz>().map(ZoneName).map_err(|_| de::Error::custom(t!("config-time-zone", typed = s.as_str())))
    }
}

/// `HH:MM`; `24:00` (end of day) is `None`.
struct ClockTime(Option<NaiveTime>);

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim() == "24:00" {
            return Ok(ClockTime(None));
        }
        NaiveTime::parse_from_str(s.trim(), "%H:%M")
            .map(|t| ClockTime(Some(t)))
            .map_err(|_| de::Error::custom(t!("config-time-of-day", typed = s.as_str())))
    }
}

struct WeekdayName(Weekday);

impl<'de> Deserialize<'de> for WeekdayName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse::<Weekday>().map(WeekdayName).map_err(|_| de::Error::custom(t!("config-weekday", typed = s.as_str())))
    }
}

struct MonthDay(u32, u32);

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let bad = || de::Error::custom(t!("config-day-of-year", typed = s.as_str()));
        let (m, day) = s.trim().split_once('-').ok_or_else(bad)?;
        let (m, day): (u32, u32) = (m.parse().map_err(|_| bad())?, day.parse().map_err(|_| bad())?);
        // 2024 is a leap year, so 02-29 is accepted (it then applies in leap years only).
        chrono::NaiveDate::from_ymd_opt(2024, m, day).ok_or_else(bad)?;
        Ok(MonthDay(m, day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
