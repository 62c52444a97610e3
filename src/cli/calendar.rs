//! `helpdesk calendar …`: holidays, deadlines and business time, straight from the domain calendar.

use crate::t;
use std::io::{BufRead, BufWriter, Write};

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::args::{CalendarCmd, ListFormat};
use super::{CliError, CliResult, Context, input};
use crate::domain::BusinessCalendar;

pub fn run(ctx: &Context, cmd: CalendarCmd) -> CliResult {
    let cal = &ctx.settings.calendar;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match cmd {
        CalendarCmd::Holidays { year, format } => {
            if !(1583..=9999).contains(&year) {
                return Err(CliError::input(t!("calendar-year-out-of-range", year = year.to_string())));
            }
            if format == ListFormat::Json {
                #[derive(serde::Serialize)]
                struct Holiday {
                    date: String,
                    name: String,
                    /// The Czech name (the same in every language: JSON is never translated).
                    name_cs: String,
                }
                let rows: Vec<Holiday> = cal
                    .holidays(year)
                    .into_iter()
                    .map(|h| Holiday {
                        date: h.date.format("%Y-%m-%d").to_string(),
                        name_cs: h.name_in(crate::language::Language::Czech).to_string(),
                        name: h.name,
                    })
                    .collect();
                drop(out);
                return super::print_json(&rows);
            }
            for h in cal.holidays(year) {
                let name = crate::domain::text::clean(h.name_in(crate::i18n::language()), false);
                writeln!(out, "{}\t{name}", h.date.format("%Y-%m-%d")).map_err(CliError::output)?;
            }
        }
        CalendarCmd::Deadline { hours, from } => {
            let amount = business_hours(&hours)?;
            if from.is_empty() {
                for (i, line) in std::io::stdin().lock().lines().enumerate() {
                    let line = line?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    let t = input::instant(&line)
                        .map_err(|e| CliError::input(t!("stdin-line", line = (i + 1).to_string(), error = e)))?;
                    writeln!(out, "{}", format_instant(cal, cal.add(t, amount))).map_err(CliError::output)?;
                }
            } else {
                let instants = from.iter().map(|s| input::instant_arg(s, "FROM")).collect::<CliResult<Vec<_>>>()?;
                for t in instants {
                    writeln!(out, "{}", format_instant(cal, cal.add(t, amount))).map_err(CliError::output)?;
                }
            }
        }
        CalendarCmd::Elapsed { from, to } => {
            let from = input::instant_arg(&from, "FROM")?;
            let to = input::instant_arg(&to, "TO")?;
            if from > to {
                return Err(CliError::input(t!(
                    "elapsed-backwards",
                    from = format_instant(cal, from),
                    to = format_instant(cal, to)
                )));
            }
            writeln!(out, "{}", cal.minutes_between(from, to)).map_err(CliError::output)?;
        }
    }
    out.flush().map_err(CliError::output)?;
    Ok(())
}

/// `--hours N`: a non-negative number of business hours (decimals allowed, e.g. 1.5).
fn business_hours(s: &str) -> CliResult<Duration> {
    let bad = || CliError::input(t!("hours-not-a-number", typed = s.trim()));
    let n: Decimal = s.trim().parse().map_err(|_| bad())?;
    if n.is_sign_negative() {
        return Err(CliError::input(t!("hours-negative", hours = n.to_string())));
    }
    let secs = (n * Decimal::from(3600)).round().to_i64().ok_or_else(bad)?;
    if secs > 3600 * 24 * 365 * 100 {
        return Err(CliError::input(t!("hours-too-large", hours = n.to_string())));
    }
    Ok(Duration::seconds(secs))
}

/// RFC 3339 with the provider zone's offset; fractions of a second only when there are any.
pub fn format_instant(cal: &BusinessCalendar, t: DateTime<Utc>) -> String {
    t.with_timezone(&cal.time_zone()).to_rfc3339_opts(SecondsFormat::AutoSi, false)
}
