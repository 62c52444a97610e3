//! `helpdesk report …`: month statements, one customer's statement, upgrade suggestions and yearly
//! obligations — as a table, CSV or JSON, on stdout or atomically into `--output FILE`.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use rust_decimal::Decimal;

use super::args::{ListFormat, ReportCmd, ReportFormat};
use super::export::{export, export_safe};
use super::report_json::StatementsJson;
use super::table::Table;
use super::{CliError, CliResult, Context, input};
use crate::domain::YearMonth;
use crate::domain::money::human;
use crate::statements::{
    CsvStatements, StatementDoc, csv_text, default_upgrades, each_month_doc, each_month_doc_billed, month_docs,
    obligations, statement_doc,
};
use crate::store::{Store, StoreError};
use crate::t;

mod json_beside;
mod text;
pub use text::statement_text;

/// A header row from message ids.
fn header(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| t!(id)).collect()
}

/// Whole minutes in a table cell: `45m` / `45 min`; in Czech grouped by thousands as Czech amounts are
/// (`44 640 min`, like `1 234,50 Kč`).
fn mins(m: impl std::fmt::Display) -> String {
    let m = m.to_string();
    let m = match (crate::i18n::language(), m.strip_prefix('-').unwrap_or(&m)) {
        (crate::i18n::Language::Czech, digits) if digits.bytes().all(|b| b.is_ascii_digit()) => {
            let sign = if m.starts_with('-') { "-" } else { "" };
            format!("{sign}{}", crate::domain::money::group_thousands(digits, ' '))
        }
        _ => m.clone(),
    };
    t!("minutes-cell", m = m)
}

pub fn run(ctx: &Context, cmd: ReportCmd) -> CliResult {
    let this_month = ctx.settings.calendar.month_of(ctx.now);
    match cmd {
        ReportCmd::Month { month, format, output } => {
            let month = input::month(&month)?;
            let store = ctx.read_store()?;
            let write = |out: &mut dyn Write| month_export(ctx, &store, month, format, out);
            match format {
                ReportFormat::Json => export_safe(output.as_deref(), write)?,
                _ => export(output.as_deref(), write)?,
            }
        }
        ReportCmd::Customer { name, month, format, output } => {
            let month = month.as_deref().map_or(Ok(this_month), input::month)?;
            let store = ctx.read_store()?;
            let customer = store.require_customer(&name)?;
            let doc = statement_doc(&store, &ctx.settings, &customer, month)?.ok_or_else(|| {
                CliError::input(t!(
                    "report-closed-no-statement",
                    month = month.to_string(),
                    customer = customer.name.as_str()
                ))
            })?;
            let text = match format {
                ReportFormat::Json => json(&doc)?,
                ReportFormat::Csv => {
                    csv_text(std::slice::from_ref(&doc), true).map_err(|e| CliError::Failure(e.to_string()))?
                }
                ReportFormat::Table => statement_text(ctx, &doc),
            };
            emit(&text, output.as_deref())?;
        }
        ReportCmd::Upgrades { month, format } => {
            let named = month.as_deref().map(input::month).transpose()?;
            let month = named.unwrap_or(this_month);
            let store = ctx.read_store()?;
            let docs = month_docs(&store, &ctx.settings, month)?;
            // Without `--month` last month's (complete) statement counts too (bb8 #5, see
            // `statements::default_upgrades`).
            let rows: Vec<(StatementDoc, YearMonth)> = match named {
                Some(_) => docs.into_iter().filter(|d| d.upgrade_suggested).map(|d| (d, month)).collect(),
                None => default_upgrades(docs, month_docs(&store, &ctx.settings, month.prev())?, month),
            };
            let n = ctx.settings.tariffs.upgrade_after_months.max(1);
            let span_of = |end: YearMonth| {
                let mut months = vec![end];
                for _ in 1..n {
                    months.insert(0, months[0].prev());
                }
                months
            };
            if format == ListFormat::Json {
                let rows: Vec<UpgradeJson> = rows
                    .iter()
                    .map(|(d, end)| UpgradeJson {
                        customer: d.customer.clone(),
                        tier: d.tier,
                        suggested: d.upgrade_to,
                        overage_months: span_of(*end),
                    })
                    .collect();
                return super::print_json(&rows);
            }
            let h = header(&["cli-col-customer", "cli-col-tier", "col-suggested", "col-overage-months"]);
            let mut t = Table::new(&h.iter().map(String::as_str).collect::<Vec<_>>());
            for (d, end) in &rows {
                let to =
                    d.upgrade_to.map_or("-".into(), |t| crate::i18n::words::tier(&ctx.settings.tariffs, t).to_string());
                let months = span_of(*end);
                t.row(vec![
                    d.customer.clone(),
                    crate::i18n::words::tier(&ctx.settings.tariffs, d.tier).to_string(),
                    to,
                    format!("{} … {}", months[0], end),
                ]);
            }
            if !rows.is_empty() {
                out!("{}", t.render());
            } else if named.is_some() {
                outln!("{}", t!("report-no-upgrades", month = month.to_string()));
            } else {
                outln!(
                    "{}",
                    t!("report-no-upgrades-default", last = month.prev().to_string(), month = month.to_string())
                );
            }
        }
        ReportCmd::Obligations { year, format } => {
            let today = ctx.settings.calendar.local_date(ctx.now);
            // Another year is seen as it stands today: a past one whole, a later one from its start.
            let year = match year {
                Some(y) if !(1583..=9999).contains(&y) => {
                    return Err(CliError::input(t!("year-out-of-range", flag = "--year ", year = y.to_string())));
                }
                Some(y) => y,
                None => chrono::Datelike::year(&today),
            };
            let store = ctx.read_store()?;
            let h = header(&[
                "cli-col-customer",
                "cli-col-tier",
                "col-reports",
                "col-overdue",
                "col-due-by",
                "col-free-consultations",
            ]);
            let mut t = Table::new(&h.iter().map(String::as_str).collect::<Vec<_>>());
            let mut rows = Vec::new();
            store.each_customer(500, |c| -> CliResult<()> {
                let o = obligations(&store, &ctx.settings, &c, year, today)?;
                // A customer owing reports of a tier it had earlier this year is listed too (bb8 #4).
                let owes = o.reports_overdue > 0 || o.report_due_by.is_some();
                if o.reports_per_year == 0 && o.free_consultations_per_year == 0 && !owes {
                    return Ok(());
                }
                let tier = o.tier;
                if format == ListFormat::Json {
                    rows.push(ObligationsJson {
                        customer: c.name,
                        tier,
                        year: o.year,
                        reports_per_year: o.reports_per_year,
                        reports_done: o.reports_done.iter().map(|d| d.to_string()).collect(),
                        reports_overdue: o.reports_overdue,
                        report_due_by: o.report_due_by.map(|d| d.to_string()),
                        free_consultations_per_year: o.free_consultations_per_year,
                        free_consultations_used: o.free_consultations_used,
                    });
                    return Ok(());
                }
                t.row(vec![
                    c.name,
                    crate::i18n::words::tier(&ctx.settings.tariffs, tier).to_string(),
                    t!("obligations-done", done = o.reports_done.len(), of = o.reports_per_year),
                    o.reports_overdue.to_string(),
                    o.report_due_by.map_or("-".into(), |d| d.to_string()),
                    t!("obligations-used", used = o.free_consultations_used, of = o.free_consultations_per_year),
                ]);
                Ok(())
            })?;
            if format == ListFormat::Json {
                return super::print_json(&rows);
            }
            out!("{}", t.render());
        }
    }
    Ok(())
}

/// A month's statements in `format`, written to `out` one statement at a time (see
/// [`crate::statements::each_month_doc`]); a table is written once its column widths are known.
fn month_export(
    ctx: &Context,
    store: &Store,
    month: YearMonth,
    format: ReportFormat,
    out: &mut dyn Write,
) -> CliResult {
    // JSON written on a second thread while this one bills (see `json_beside`), when it may.
    if format == ReportFormat::Json && crate::environment::two_threads() {
        if let Some(done) = json_beside::month_json(store, &ctx.settings, month, &mut *out) {
            done?;
            return out.write_all(b"\n").map_err(CliError::output);
        }
    }
    // A failed write stops the statements with an error of the store's kind; the write's own error
    // is what gets reported.
    let mut failed: Option<CliError> = None;
    let mut stop = |e: CliError| {
        failed = Some(e);
        StoreError::Invalid(t!("export-not-written"))
    };
    let done = match format {
        ReportFormat::Json => {
            // The many small writes go to a buffer of a known type (no dynamic call each).
            let buffered = std::io::BufWriter::with_capacity(64 * 1024, &mut *out);
            let mut json = StatementsJson::new(buffered).map_err(CliError::output)?;
            let r = each_month_doc_billed(store, &ctx.settings, month, |billed| {
                json.write_billed(billed).map_err(|e| stop(CliError::output(e)))
            });
            r.and_then(|()| {
                let mut buffered = json.finish().map_err(|e| stop(CliError::output(e)))?;
                buffered.flush().map_err(|e| stop(CliError::output(e)))
            })
        }
        ReportFormat::Csv => {
            let mut csv = CsvStatements::new(&mut *out, false).map_err(csv_failure)?;
            let r = each_month_doc(store, &ctx.settings, month, |d| csv.write(&d).map_err(|e| stop(csv_failure(e))));
            r.and_then(|()| csv.finish().map(drop).map_err(|e| stop(csv_failure(e))))
        }
        ReportFormat::Table => {
            let mut table = SummaryTable::new(ctx);
            each_month_doc(store, &ctx.settings, month, |d| {
                table.row(&d);
                Ok(())
            })
            .map(|()| {
                let text = table.render();
                if let Err(e) = out.write_all(text.as_bytes()) {
                    failed = Some(CliError::output(e));
                }
            })
        }
    };
    if let Some(e) = failed {
        return Err(e);
    }
    done?;
    if format == ReportFormat::Json {
        out.write_all(b"\n").map_err(CliError::output)?;
    }
    Ok(())
}

fn csv_failure(e: csv::Error) -> CliError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => CliError::output(e),
        other => CliError::Failure(format!("{other:?}")),
    }
}

/// `report upgrades --format json`: a customer with overage in every one of `overage_months`.
#[derive(serde::Serialize)]
struct UpgradeJson {
    customer: String,
    tier: crate::domain::Tier,
    suggested: Option<crate::domain::Tier>,
    overage_months: Vec<crate::domain::YearMonth>,
}

/// `report obligations --format json`: a customer's yearly status reports and free consultations.
#[derive(serde::Serialize)]
struct ObligationsJson {
    customer: String,
    tier: crate::domain::Tier,
    year: i32,
    reports_per_year: u32,
    reports_done: Vec<String>,
    reports_overdue: u32,
    report_due_by: Option<String>,
    free_consultations_per_year: u32,
    free_consultations_used: u32,
}

fn json<T: serde::Serialize>(value: &T) -> CliResult<String> {
    serde_json::to_string_pretty(value).map(|s| s + "\n").map_err(|e| CliError::Failure(e.to_string()))
}

/// Prints `text`, or writes `FILE` whole (see [`export`]).
fn emit(text: &str, output: Option<&Path>) -> CliResult {
    export(output, |out| out.write_all(text.as_bytes()).map_err(CliError::output))
}

fn money(ctx: &Context, s: &str) -> String {
    human(s.parse::<Decimal>().unwrap_or_default(), &ctx.settings.tariffs.currency)
}

/// The month's statements as one summary row each.
struct SummaryTable<'a> {
    ctx: &'a Context,
    table: Table<'static>,
    rows: usize,
    closed: bool,
}

impl<'a> SummaryTable<'a> {
    fn new(ctx: &'a Context) -> Self {
        let h = header(&[
            "cli-col-customer",
            "cli-col-tier",
            "col-fee",
            "col-prepaid",
            "col-used",
            "col-over",
            "col-overage",
            "col-corrections",
            "col-excl-vat",
            "col-vat",
            "col-total",
            "col-upgrade",
        ]);
        let table = Table::new(&h.iter().map(String::as_str).collect::<Vec<_>>()).right(&[2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Self { ctx, table, rows: 0, closed: false }
    }

    fn row(&mut self, d: &StatementDoc) {
        let ctx = self.ctx;
        self.rows += 1;
        self.closed |= d.closed;
        self.table.row(vec![
            d.customer.clone(),
            crate::i18n::words::tier(&ctx.settings.tariffs, d.tier).to_string(),
            money(ctx, &d.fee),
            mins(d.prepaid_minutes),
            mins(d.prepaid_used_minutes),
            mins(d.overage_minutes),
            money(ctx, &d.overage_amount),
            // Blank without corrections (as UPGRADE is without a suggestion); CSV says 0.00.
            if d.adjustments.is_empty() { String::new() } else { money(ctx, &d.adjustments_amount()) },
            money(ctx, &d.total_excl_vat),
            money(ctx, &d.vat),
            money(ctx, &d.total_incl_vat),
            d.upgrade_to.map_or(String::new(), |t| format!("→ {}", crate::i18n::words::tier(&ctx.settings.tariffs, t))),
        ]);
    }

    fn render(&self) -> String {
        if self.rows == 0 {
            return format!("{}\n", t!("report-no-statements"));
        }
        let closed = if self.closed { format!("{}\n", t!("report-closed-month")) } else { String::new() };
        format!("{}{closed}", self.table.render())
    }
}
