//! `helpdesk customer …`: add, list, change tier.

use serde::Serialize;

use super::args::{CustomerCmd, ListFormat};
use super::table::Table;
use super::{CliError, CliResult, Context, input};
use crate::domain::Tier;
use crate::statements::current_month;

#[derive(Serialize)]
struct CustomerJson {
    name: String,
    tier: Tier,
    contact: String,
    since: Option<String>,
    open_tickets: i64,
}

pub fn run(ctx: &Context, cmd: CustomerCmd) -> CliResult {
    let this_month = current_month(&ctx.settings.calendar, ctx.now);
    match cmd {
        CustomerCmd::Add { name, tier, since, contact } => {
            let tier: Tier = input::parsed(&tier)?;
            let since = since.as_deref().map_or(Ok(this_month), input::month)?;
            let mut store = ctx.open_store()?;
            store.add_customer(&name, &contact, tier, since, ctx.now)?;
        }
        CustomerCmd::ReportDone { name, date, note } => {
            let date = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                .map_err(|_| CliError::input(format!("--date: `{date}` is not a date (write it as 2026-03-20)")))?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&name)?;
            store.record_status_report(&c.id, date, &note, ctx.now)?;
        }
        CustomerCmd::Tier { name, tier, from } => {
            let tier: Tier = input::parsed(&tier)?;
            let from = from.as_deref().map_or(Ok(this_month), input::month)?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&name)?;
            store.set_tier(&c.id, from, tier, ctx.now)?;
        }
        CustomerCmd::List { format } => {
            let store = ctx.read_store()?;
            let open = store.open_ticket_counts()?;
            let tiers = store.tier_book()?;
            let mut rows = Vec::new();
            let mut cursor = None;
            loop {
                let page = store.customers_page(cursor.as_ref(), 1000)?;
                let Some((_, last)) = page.last() else { break };
                cursor = Some(last.clone());
                for (c, _) in page {
                    let history = tiers.history(&c.id);
                    let tier = tiers.tier_in(&c.id, this_month);
                    rows.push(CustomerJson {
                        tier,
                        since: history.iter().find(|(_, t)| t.has_contract()).map(|(m, _)| m.to_string()),
                        open_tickets: open.get(&c.id).copied().unwrap_or(0),
                        name: c.name,
                        contact: c.contact,
                    });
                }
            }
            match format {
                ListFormat::Json => {
                    let text = serde_json::to_string_pretty(&rows).map_err(|e| CliError::Failure(e.to_string()))?;
                    outln!("{text}");
                }
                ListFormat::Table => {
                    let mut t = Table::new(&["CUSTOMER", "TIER", "SINCE", "OPEN", "CONTACT"]).right(&[3]);
                    for r in rows {
                        t.row(vec![
                            r.name,
                            ctx.settings.tariffs.label(r.tier).to_string(),
                            r.since.unwrap_or_else(|| "-".into()),
                            r.open_tickets.to_string(),
                            r.contact,
                        ]);
                    }
                    out!("{}", t.render());
                }
            }
        }
    }
    Ok(())
}
