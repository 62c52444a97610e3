//! The calendar and report commands: `calendar`, `report`, `month`.

use std::path::PathBuf;

use clap::Subcommand;

use super::{ListFormat, ReportFormat, year};

#[derive(Debug, Subcommand)]
pub enum CalendarCmd {
    /// The public holidays of a year: `YYYY-MM-DD<TAB>name` per line.
    Holidays {
        #[arg(value_parser = year, allow_hyphen_values = true)]
        year: i32,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// The deadline N business hours after each instant (arguments, else stdin, one per line).
    Deadline {
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        hours: String,
        #[arg(value_name = "FROM")]
        from: Vec<String>,
    },
    /// Whole business minutes between two instants (rounded down).
    Elapsed {
        #[arg(allow_hyphen_values = true)]
        from: String,
        #[arg(allow_hyphen_values = true)]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// One statement per customer with a contract or billable work in the month.
    Month {
        #[arg(value_name = "YYYY-MM")]
        month: String,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Write to FILE (whole, or not at all) instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// One customer's statement with every billing line (default: this month).
    Customer {
        name: String,
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Customers with overage three months running, and the tier they would move to.
    Upgrades {
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Status reports and free consultations: used, left, due, overdue this year.
    Obligations {
        #[arg(long, value_parser = year, allow_hyphen_values = true)]
        year: Option<i32>,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum MonthCmd {
    /// Freeze a past month's statements; later changes to its work become corrections.
    Close {
        #[arg(value_name = "YYYY-MM")]
        month: String,
    },
    /// Reopen a closed month (logged).
    Reopen {
        #[arg(value_name = "YYYY-MM")]
        month: String,
    },
    /// List closed months.
    List {
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}
