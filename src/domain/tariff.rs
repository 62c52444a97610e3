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
        // As stored: without the copy made to compare in lower case (a month report reads 56k).
        match s {
            "technician" => return Ok(Role::Technician),
            "consultant" => return Ok(Role::Consultant),
            _ => {}
        }
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

/// The price-list terms a customer's month was billed with, frozen with its statement when the month
/// closed: a correction of a closed month (or a repricing after a consultation, a kind or earlier
/// work changed) is priced with the prices the month was invoiced with, not with a price list edited
/// since (README "Closing a month"; DOMAIN.md "Billing time": blocks, prepaid minutes, overage rate,
/// no-contract rates). Money as decimal strings (`"800.00"`), minutes as whole minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenTerms {
    pub billing_block_minutes: u32,
    pub free_consultation_minutes: u32,
    /// The customer's tier's prepaid minutes a month (0 without a contract).
    pub prepaid_minutes: u32,
    /// The customer's tier's overage rate per hour (the no-contract technician rate without a contract).
    pub hourly_rate: Decimal,
    pub monthly_fee: Decimal,
    pub technician_rate: Decimal,
    pub consultant_rate: Decimal,
}

impl FrozenTerms {
    /// Whether the terms could be a price list's: a billing block of 1 to 1 440 minutes, no
    /// negative amount, at most two decimal places (what a statement from another copy must hold).
    pub fn is_sane(&self) -> bool {
        let amount = |d: &Decimal| !d.is_sign_negative() && d.scale() <= 2;
        (1..=1440).contains(&self.billing_block_minutes)
            && [&self.hourly_rate, &self.monthly_fee, &self.technician_rate, &self.consultant_rate]
                .into_iter()
                .all(amount)
    }
}

impl Tariffs {
    /// The terms `tier`'s statements are billed with under this price list (what a closed month
    /// freezes, see [`FrozenTerms`]).
    pub fn frozen_terms(&self, tier: Tier) -> FrozenTerms {
        FrozenTerms {
            billing_block_minutes: self.billing_block_minutes,
            free_consultation_minutes: self.free_consultation_minutes,
            prepaid_minutes: self.prepaid_minutes(tier),
            hourly_rate: self.rate(tier, Role::Technician),
            monthly_fee: self.monthly_fee(tier),
            technician_rate: self.technician_rate,
            consultant_rate: self.consultant_rate,
        }
    }

    /// This price list with `tier`'s billing terms replaced by `frozen` (labels, response hours,
    /// quotas and VAT stay this list's: VAT is applied in the month a correction is booked in).
    pub fn with_frozen(&self, tier: Tier, frozen: &FrozenTerms) -> Tariffs {
        let mut out = self.clone();
        out.billing_block_minutes = frozen.billing_block_minutes;
        out.free_consultation_minutes = frozen.free_consultation_minutes;
        out.technician_rate = frozen.technician_rate;
        out.consultant_rate = frozen.consultant_rate;
        let terms = match tier {
            Tier::None => None,
            Tier::Standard => Some(&mut out.standard),
            Tier::Plus => Some(&mut out.plus),
            Tier::Vip => Some(&mut out.vip),
        };
        if let Some(t) = terms {
            t.prepaid_minutes = frozen.prepaid_minutes;
            t.hourly_rate = frozen.hourly_rate;
            t.monthly_fee = frozen.monthly_fee;
        }
        out
    }
}
