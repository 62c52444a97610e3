//! Support tiers and the terms each one sells: response budget, prepaid minutes, rates, fees, quotas.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A customer's contract level. `None` is paid support without a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    None,
    Standard,
    Plus,
    Vip,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Standard, Tier::Plus, Tier::Vip, Tier::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::None => "none",
            Tier::Standard => "standard",
            Tier::Plus => "plus",
            Tier::Vip => "vip",
        }
    }

    pub fn has_contract(self) -> bool {
        self != Tier::None
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tier `{0}`: use standard, plus, vip or none")]
pub struct UnknownTier(pub String);

impl FromStr for Tier {
    type Err = UnknownTier;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "standard" => Ok(Tier::Standard),
            "plus" => Ok(Tier::Plus),
            "vip" => Ok(Tier::Vip),
            "none" | "no-contract" | "no_contract" => Ok(Tier::None),
            _ => Err(UnknownTier(s.to_string())),
        }
    }
}

/// Who did the work: a consultant is a technician with the consultant role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Technician,
    Consultant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Technician => "technician",
            Role::Consultant => "consultant",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`: use technician or consultant")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "technician" | "tech" => Ok(Role::Technician),
            "consultant" => Ok(Role::Consultant),
            _ => Err(UnknownRole(s.to_string())),
        }
    }
}

/// Whether a tier includes product modifications (change requests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Entitlement {
    No,
    Partly,
    Yes,
}

/// What one contract tier sells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierTerms {
    pub label: String,
    /// The Czech name, when the file gives one (`label_cs`).
    pub label_cs: Option<String>,
    pub response_hours: u32,
    pub prepaid_minutes: u32,
    pub hourly_rate: Decimal,
    pub monthly_fee: Decimal,
    pub status_reports_per_year: u32,
    pub free_consultations_per_year: u32,
    pub product_modifications: Entitlement,
    pub upgrade_to: Option<Tier>,
}

/// The whole price list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tariffs {
    pub currency: String,
    pub vat_rate: Decimal,
    pub billing_block_minutes: u32,
    pub at_risk_fraction: Decimal,
    pub free_consultation_minutes: u32,
    pub upgrade_after_months: u32,
    pub standard: TierTerms,
    pub plus: TierTerms,
    pub vip: TierTerms,
    pub no_contract_label: String,
    /// The Czech name of no contract, when the file gives one (`label_cs`).
    pub no_contract_label_cs: Option<String>,
    pub technician_rate: Decimal,
    pub consultant_rate: Decimal,
}

impl Tariffs {
    /// The terms of a contract tier; `None` for no contract.
    pub fn terms(&self, tier: Tier) -> Option<&TierTerms> {
        match tier {
            Tier::None => None,
            Tier::Standard => Some(&self.standard),
            Tier::Plus => Some(&self.plus),
            Tier::Vip => Some(&self.vip),
        }
    }

    pub fn label(&self, tier: Tier) -> &str {
        self.terms(tier).map_or(&self.no_contract_label, |t| &t.label)
    }

    /// The tier's name in `language`: Czech falls back to `label` when the file gives no `label_cs`.
    pub fn label_in(&self, tier: Tier, language: crate::language::Language) -> &str {
        let czech = match self.terms(tier) {
            Some(t) => t.label_cs.as_deref(),
            None => self.no_contract_label_cs.as_deref(),
        };
        match (language, czech) {
            (crate::language::Language::Czech, Some(cs)) => cs,
            _ => self.label(tier),
        }
    }

    /// First-response budget in business hours; `None` when nothing is guaranteed.
    pub fn response_hours(&self, tier: Tier) -> Option<u32> {
        self.terms(tier).map(|t| t.response_hours).filter(|h| *h > 0)
    }

    /// The hourly rate for billable work by `role` under `tier`.
    pub fn rate(&self, tier: Tier, role: Role) -> Decimal {
        match (self.terms(tier), role) {
            (Some(t), _) => t.hourly_rate,
            (None, Role::Technician) => self.technician_rate,
            (None, Role::Consultant) => self.consultant_rate,
        }
    }

    pub fn prepaid_minutes(&self, tier: Tier) -> u32 {
        self.terms(tier).map_or(0, |t| t.prepaid_minutes)
    }

    pub fn monthly_fee(&self, tier: Tier) -> Decimal {
        self.terms(tier).map_or(Decimal::ZERO, |t| t.monthly_fee)
    }

    pub fn free_consultations(&self, tier: Tier) -> u32 {
        self.terms(tier).map_or(0, |t| t.free_consultations_per_year)
    }

    pub fn status_reports(&self, tier: Tier) -> u32 {
        self.terms(tier).map_or(0, |t| t.status_reports_per_year)
    }
}
