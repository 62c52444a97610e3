//! The shapes of the three files as written (`tariffs.toml`, `calendar.toml`, `config.toml`) and how
//! each is built into the settings it configures, checked.

use std::path::PathBuf;

use chrono::Weekday;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::domain::BusinessCalendar;
use crate::domain::holiday::{HolidayDate, HolidayRule};
use crate::domain::tariff::{Entitlement, Tariffs, Tier, TierTerms};
use crate::i18n::refusals::Worded;
use crate::t;

use super::values::{ClockTime, Money, MonthDay, WeekdayName, ZoneName};
use super::{AppConfig, MailConfig};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TariffFile {
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
pub(super) struct TiersFile {
    standard: Option<TierFile>,
    plus: Option<TierFile>,
    vip: Option<TierFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TierFile {
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
pub(super) struct NoContractFile {
    label: Option<String>,
    label_cs: Option<String>,
    technician_rate: Option<Money>,
    consultant_rate: Option<Money>,
}

impl TariffFile {
    pub(super) fn build(self) -> Result<Tariffs, String> {
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
            technician_rate: amount(
                need(nc.technician_rate, "no_contract.technician_rate")?,
                "no_contract.technician_rate",
            )?,
            consultant_rate: amount(
                need(nc.consultant_rate, "no_contract.consultant_rate")?,
                "no_contract.consultant_rate",
            )?,
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
            hourly_rate: amount(need(self.hourly_rate, &key("hourly_rate"))?, &key("hourly_rate"))?,
            monthly_fee: amount(need(self.monthly_fee, &key("monthly_fee"))?, &key("monthly_fee"))?,
            status_reports_per_year: need(self.status_reports_per_year, &key("status_reports_per_year"))?,
            free_consultations_per_year: need(self.free_consultations_per_year, &key("free_consultations_per_year"))?,
            product_modifications: need(self.product_modifications, &key("product_modifications"))?,
            upgrade_to,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CalendarFile {
    time_zone: Option<ZoneName>,
    open: Option<ClockTime>,
    close: Option<ClockTime>,
    weekdays: Option<Vec<WeekdayName>>,
    holidays: Option<Vec<HolidayFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HolidayFile {
    name: String,
    name_cs: Option<String>,
    date: Option<MonthDay>,
    easter: Option<i64>,
}

impl CalendarFile {
    pub(super) fn build(self) -> Result<BusinessCalendar, String> {
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
pub(super) struct ConfigFile {
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
pub(super) struct MailFile {
    incident_addresses: Option<Vec<String>>,
    from: Option<String>,
    sendmail: Option<String>,
    quarantine: Option<String>,
}

impl MailFile {
    pub(super) fn build(self) -> Result<MailConfig, String> {
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
pub(super) enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl ConfigFile {
    pub(super) fn build(self) -> Result<AppConfig, String> {
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
            technician: crate::domain::text::clean_name(&self.technician.unwrap_or_default()),
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

/// A money amount (`key`, its dotted path in the file): at most two decimal places — amounts have two
/// (README "Money"); a third would be rounded silently wherever it is billed.
fn amount(v: Money, key: &str) -> Result<Decimal, String> {
    if v.0.normalize().scale() > 2 {
        return Err(t!("config-money-places", key = key, typed = v.0.to_string()));
    }
    Ok(v.0)
}

fn need<T>(v: Option<T>, key: &str) -> Result<T, String> {
    v.ok_or_else(|| t!("config-missing-key", key = key))
}
