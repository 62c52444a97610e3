//! `helpdesk report …`: month statements as a table, CSV or JSON.

use rust_decimal::Decimal;
use serde::Serialize;

use super::args::{ReportCmd, ReportFormat};
use super::table::Table;
use super::{CliError, CliResult, Context, input};
use crate::domain::Tier;
use crate::domain::money::{human, plain};
use crate::statements::{CustomerStatement, month_report};

/// The machine form of one statement: money as decimal strings, minutes as integers.
#[derive(Serialize)]
pub struct StatementJson {
    customer: String,
    month: String,
    tier: Tier,
    fee: String,
    prepaid_minutes: u32,
    billable_minutes: u32,
    prepaid_used_minutes: u32,
    prepaid_left_minutes: u32,
    overage_minutes: u32,
    overage_amount: String,
    total_excl_vat: String,
    vat: String,
    total_incl_vat: String,
    upgrade_suggested: bool,
    upgrade_to: Option<Tier>,
}

impl From<&CustomerStatement> for StatementJson {
    fn from(c: &CustomerStatement) -> Self {
        let s = &c.statement;
        StatementJson {
            customer: c.customer.name.clone(),
            month: s.month.to_string(),
            tier: s.tier,
            fee: plain(s.fee),
            prepaid_minutes: s.prepaid_minutes,
            billable_minutes: s.billable_minutes,
            prepaid_used_minutes: s.prepaid_used_minutes,
            prepaid_left_minutes: s.prepaid_left_minutes,
            overage_minutes: s.overage_minutes,
            overage_amount: plain(s.overage_amount),
            total_excl_vat: plain(s.total_excl_vat),
            vat: plain(s.vat),
            total_incl_vat: plain(s.total_incl_vat),
            upgrade_suggested: c.upgrade_to.is_some(),
            upgrade_to: c.upgrade_to,
        }
    }
}

pub fn run(ctx: &Context, cmd: ReportCmd) -> CliResult {
    match cmd {
        ReportCmd::Month { month, format } => {
            let month = input::month(&month)?;
            let store = ctx.open_store()?;
            let report = month_report(&store, &ctx.settings, month)?;
            let rows: Vec<StatementJson> = report.iter().map(StatementJson::from).collect();
            match format {
                ReportFormat::Json => {
                    let text = serde_json::to_string_pretty(&rows).map_err(|e| CliError::Failure(e.to_string()))?;
                    println!("{text}");
                }
                ReportFormat::Csv => print!("{}", csv_text(&rows)?),
                ReportFormat::Table => print!("{}", table_text(ctx, &report)),
            }
        }
    }
    Ok(())
}

/// RFC 4180 CSV; text fields that a spreadsheet would read as a formula are prefixed with `'`.
pub fn csv_text(rows: &[StatementJson]) -> CliResult<String> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record([
        "customer",
        "month",
        "tier",
        "fee",
        "prepaid_minutes",
        "billable_minutes",
        "prepaid_used_minutes",
        "prepaid_left_minutes",
        "overage_minutes",
        "overage_amount",
        "total_excl_vat",
        "vat",
        "total_incl_vat",
        "upgrade_suggested",
    ])
    .map_err(|e| CliError::Failure(e.to_string()))?;
    for r in rows {
        w.write_record([
            neutralise(&r.customer),
            r.month.clone(),
            r.tier.to_string(),
            r.fee.clone(),
            r.prepaid_minutes.to_string(),
            r.billable_minutes.to_string(),
            r.prepaid_used_minutes.to_string(),
            r.prepaid_left_minutes.to_string(),
            r.overage_minutes.to_string(),
            r.overage_amount.clone(),
            r.total_excl_vat.clone(),
            r.vat.clone(),
            r.total_incl_vat.clone(),
            r.upgrade_suggested.to_string(),
        ])
        .map_err(|e| CliError::Failure(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| CliError::Failure(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| CliError::Failure(e.to_string()))
}

/// Formula-injection guard for text that came from outside.
pub fn neutralise(field: &str) -> String {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{field}"),
        _ => field.to_string(),
    }
}

fn table_text(ctx: &Context, report: &[CustomerStatement]) -> String {
    let cur = &ctx.settings.tariffs.currency;
    let money = |d: Decimal| human(d, cur);
    let mut t = Table::new(&[
        "CUSTOMER",
        "TIER",
        "FEE",
        "PREPAID",
        "USED",
        "OVER",
        "OVERAGE",
        "EXCL. VAT",
        "VAT",
        "TOTAL",
        "UPGRADE",
    ])
    .right(&[2, 3, 4, 5, 6, 7, 8, 9]);
    for c in report {
        let s = &c.statement;
        t.row(vec![
            c.customer.name.clone(),
            ctx.settings.tariffs.label(s.tier).to_string(),
            money(s.fee),
            format!("{}m", s.prepaid_minutes),
            format!("{}m", s.prepaid_used_minutes),
            format!("{}m", s.overage_minutes),
            money(s.overage_amount),
            money(s.total_excl_vat),
            money(s.vat),
            money(s.total_incl_vat),
            c.upgrade_to.map_or(String::new(), |t| format!("→ {}", ctx.settings.tariffs.label(t))),
        ]);
    }
    if report.is_empty() {
        return "no statements: no customer had a contract or billable work that month\n".into();
    }
    t.render()
}
