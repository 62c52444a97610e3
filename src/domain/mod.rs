//! The pure domain core: business calendar, SLA, billing and the vocabulary they share.
//! No SQL, no terminal, no clock, no file system: `now` is always passed in.

pub mod billing;
pub mod calendar;
pub mod holiday;
pub mod mail;
pub mod money;
pub mod month;
pub mod sla;
pub mod tariff;
pub mod text;
pub mod ticket;
pub mod tiers;
pub mod worktime;

pub use calendar::BusinessCalendar;
pub use month::YearMonth;
pub use tariff::{Role, Tariffs, Tier};
pub use ticket::{TicketKind, TicketNumber, TicketStatus};
