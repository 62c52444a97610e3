//! The pure domain core: business calendar, SLA, billing and the vocabulary they share.
//! No SQL, no terminal, no clock, no file system: `now` is always passed in.

pub mod billing;
pub mod calendar;
pub mod collation;
pub mod holiday;
pub mod ids;
pub mod length;
pub mod mail;
pub mod money;
pub mod month;
pub mod response;
pub mod sla;
pub mod tariff;
pub mod technician;
pub mod text;
pub mod ticket;
pub mod tiers;
pub mod worktime;

/// Who acts when nothing names the technician (`--as`, `technician` in config.toml, the environment):
/// stored as this machine value in the operation log and the tables, the same in every language;
/// shown in the reader's language (`i18n::words::person`: `technik` in Czech).
pub const UNNAMED_TECHNICIAN: &str = "technician";

pub use calendar::BusinessCalendar;
pub use ids::{CustomerId, EntryId, TicketId};
pub use month::{YearMonth, is_billable_instant};
pub use response::{FirstResponse, ResponseRefused};
pub use tariff::{Role, Tariffs, Tier};
pub use ticket::{TicketKind, TicketNumber, TicketStatus};
pub use worktime::Minutes;
