//! `helpdesk customer …`: add, list, show, change tier.

use serde::Serialize;

use super::args::{CustomerCmd, ListFormat};
use super::table::{Cell, MeasuredWords, Table};
use super::{CliError, CliResult, Context, input};
use crate::domain::{Tier, YearMonth};
use crate::store::CustomerLine;
use crate::t;

#[derive(Serialize)]
struct CustomerJson {
    /// The whole id (`id:` and it names this customer where two read the same).
    id: String,
    name: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    archived: bool,
    tier: Tier,
    contact: String,
    since: Option<String>,
    open_tickets: i64,
}

/// `customer show --format json`: the contract and this month's prepaid minutes (from the same
/// statement the month report bills).
#[derive(Serialize)]
struct CustomerDoc {
    id: String,
    name: String,
    contact: String,
    tier: Tier,
    since: Option<YearMonth>,
    contract_history: Vec<TierFrom>,
    month: YearMonth,
    prepaid_minutes: u32,
    prepaid_used_minutes: u32,
    prepaid_left_minutes: u32,
    overage_minutes: u32,
    overage_amount: rust_decimal::Decimal,
    open_tickets: i64,
}

#[derive(Serialize)]
struct TierFrom {
    from: YearMonth,
    tier: Tier,
}

fn show(ctx: &Context, name: &str, format: ListFormat) -> CliResult {
    let month = ctx.settings.calendar.month_of(ctx.now);
    let store = ctx.read_store()?;
    let c = store.require_customer(name)?;
    let history = store.tier_history(&c.id)?;
    let s = crate::statements::statement(&store, &ctx.settings, &c, month)?;
    let doc = CustomerDoc {
        tier: s.tier,
        since: history.iter().find(|(_, t)| t.has_contract()).map(|(m, _)| *m),
        contract_history: history.iter().map(|&(from, tier)| TierFrom { from, tier }).collect(),
        month,
        prepaid_minutes: s.prepaid_minutes,
        prepaid_used_minutes: s.prepaid_used_minutes,
        prepaid_left_minutes: s.prepaid_left_minutes,
        overage_minutes: s.overage_minutes,
        overage_amount: s.overage_amount,
        open_tickets: store.open_ticket_counts()?.get(&c.id).copied().unwrap_or(0),
        id: c.id.to_string(),
        name: c.name,
        contact: c.contact,
    };
    if format == ListFormat::Json {
        return super::print_json(&doc);
    }
    let label = |t: Tier| crate::i18n::words::tier(&ctx.settings.tariffs, t).to_string();
    let cur = &ctx.settings.tariffs.currency;
    let mut t = Table::new(&["", ""]);
    t.row(vec![t!("customer-customer"), doc.name.clone()]);
    t.row(vec![t!("customer-id"), crate::store::short_id(&doc.id)]);
    t.row(vec![t!("customer-contact"), if doc.contact.is_empty() { "-".into() } else { doc.contact.clone() }]);
    t.row(vec![t!("customer-tier"), label(doc.tier)]);
    t.row(vec![t!("customer-since"), doc.since.map_or("-".into(), |m| m.to_string())]);
    let contracts: Vec<String> = doc
        .contract_history
        .iter()
        .map(|h| t!("customer-contract-from", tier = label(h.tier), from = h.from.to_string()))
        .collect();
    t.row(vec![t!("customer-contracts"), if contracts.is_empty() { "-".into() } else { contracts.join(", ") }]);
    let prepaid = t!(
        "customer-prepaid-used",
        used = doc.prepaid_used_minutes,
        of = doc.prepaid_minutes,
        left = doc.prepaid_left_minutes,
        month = doc.month.to_string()
    );
    t.row(vec![t!("customer-prepaid"), prepaid]);
    let overage = t!(
        "customer-overage-value",
        minutes = doc.overage_minutes,
        amount = crate::domain::money::human(doc.overage_amount, cur)
    );
    t.row(vec![t!("customer-overage"), overage]);
    t.row(vec![t!("customer-open-tickets"), doc.open_tickets.to_string()]);
    let text = t.render();
    // The two-column table without its empty header line.
    out!("{}", text.split_once('\n').map_or(text.as_str(), |(_, rest)| rest));
    Ok(())
}

/// `customer merge KEEP OTHER`: what moved, and what someone should check, on stderr.
fn merge(ctx: &Context, keep: &str, other: &str) -> CliResult {
    let mut store = ctx.open_store()?;
    let k = store.require_customer(keep)?;
    let o = store.require_customer(other)?;
    let done = store.merge_customers(&k.id, &o.id, ctx.now)?;
    let (keep_id, other_id) = (crate::store::short_id(&k.id), crate::store::short_id(&o.id));
    note!(
        "{}",
        t!(
            "customer-merged",
            keep = k.name.as_str(),
            keep_id = keep_id.as_str(),
            other = o.name.as_str(),
            other_id = other_id.as_str(),
            tickets = done.tickets_moved,
            contacts = done.contacts,
            domains = done.domains
        )
    );
    if let Some(from) = done.fee_ends {
        note!("{}", t!("customer-merge-fee", other_id = other_id.as_str(), from = from.to_string()));
    }
    if !done.tickets_kept.is_empty() {
        let tickets = done.tickets_kept.join(", ");
        note!("{}", t!("customer-merge-stayed", tickets = tickets, other_id = other_id.as_str()));
    }
    if let (Some((ours, theirs)), Some(from)) = (done.tiers_differed, done.fee_ends) {
        let label = |t: Tier| crate::i18n::words::tier(&ctx.settings.tariffs, t).to_string();
        note!(
            "{}",
            t!(
                "customer-merge-tiers",
                from = from.to_string(),
                keep_id = keep_id.as_str(),
                keep_tier = label(ours),
                other_id = other_id.as_str(),
                other_tier = label(theirs)
            )
        );
    }
    Ok(())
}

pub fn run(ctx: &Context, cmd: CustomerCmd) -> CliResult {
    let this_month = ctx.settings.calendar.month_of(ctx.now);
    match cmd {
        CustomerCmd::Add { name, tier, since, contact } => {
            let tier: Tier = input::parsed(&tier)?;
            let since = since.as_deref().map_or(Ok(this_month), input::month)?;
            let mut store = ctx.open_store()?;
            store.add_customer(&name, &contact, tier, since, ctx.now)?;
        }
        CustomerCmd::ReportDone { name, date, note } => {
            // A report is a fact: delivered on a day that has come (the provider's zone), once a day,
            // and only for a customer whose contract owes reports (the tier in force that month).
            let day = crate::domain::calendar::parse_date(&date)
                .ok_or_else(|| CliError::input(t!("bad-date-arg", flag = "--date", typed = date.as_str())))?;
            let today = ctx.settings.calendar.local_date(ctx.now);
            if day > today {
                return Err(CliError::input(t!(
                    "flag-error",
                    flag = "--date",
                    error = t!("report-in-future", typed = date.trim(), today = today.format("%Y-%m-%d").to_string())
                )));
            }
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&name)?;
            let month = crate::domain::YearMonth::of(day);
            let tier = store.tier_in(&c.id, month)?;
            let owed = ctx.settings.tariffs.status_reports(tier);
            if owed == 0 {
                return Err(CliError::input(t!(
                    "report-not-owed",
                    name = c.name.as_str(),
                    tier = crate::i18n::words::tier(&ctx.settings.tariffs, tier),
                    month = month.to_string()
                )));
            }
            store.record_status_report(&c, day, owed, &note, ctx.now)?;
        }
        CustomerCmd::Tier { name, tier, from } => {
            let tier: Tier = input::parsed(&tier)?;
            let from = from.as_deref().map_or(Ok(this_month), input::month)?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&name)?;
            // The tier in force from that month already is no change: nothing recorded (as the TUI's
            // customer form decides it).
            if store.tier_in(&c.id, from)? == tier {
                note!("{}", t!("customer-edit-nothing", name = c.name.as_str()));
                return Ok(());
            }
            let before = store.tier_history(&c.id)?;
            store.set_tier(&c.id, from, tier, ctx.now)?;
            // Back-dated over months not closed yet: their statements change (fees can vanish, bb8 #9's
            // sibling), said rather than done silently.
            if from < this_month {
                note!("helpdesk: {}", backdated(ctx, &c.name, tier, from, this_month));
            }
            // The deadlines of tickets already received follow the new tier: said, never silent (bb8 #10).
            let (moved, breached, met) =
                crate::ticket_sla::tier_change_effect_in(&store, &ctx.settings, &c.id, &before, ctx.now)?;
            if breached + met > 0 {
                note!("{}", t!("customer-tier-sla-moved", count = moved, breached = breached, met = met));
            }
        }
        CustomerCmd::Show { name, format } => show(ctx, &name, format)?,
        CustomerCmd::Rename { name, new_name } => {
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&name)?;
            // The name it has already (as stored: `clean_name`) is no change: nothing recorded.
            if crate::domain::text::clean_name(&new_name) == c.name {
                note!("{}", t!("customer-edit-nothing", name = c.name.as_str()));
                return Ok(());
            }
            store.rename_customer(&c.id, &new_name, ctx.now)?;
        }
        CustomerCmd::Archive { name } => {
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&name)?;
            store.archive_customer(&c.id, this_month, ctx.now)?;
        }
        CustomerCmd::Unarchive { name } => {
            let mut store = ctx.open_store()?;
            // The start of a name picks among the archived customers: the ones this can bring back.
            let c = store.require_customer_among(&name, crate::store::Candidates::Archived)?;
            store.unarchive_customer(&c.id, ctx.now)?;
        }
        CustomerCmd::Remove { name } => {
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&name)?;
            let tickets = store.customer_ticket_count(&c.id)?;
            store.remove_customer(&c.id, ctx.now).map_err(|e| match e {
                // A customer with tickets: not bad input (the name was right), the other way to do it.
                crate::store::StoreError::Invalid(m) if tickets > 0 => CliError::Failure(m),
                // A contract (fees billed): refused as archiving one in force is (exit 2).
                other => other.into(),
            })?;
        }
        CustomerCmd::Merge { keep, other } => merge(ctx, &keep, &other)?,
        CustomerCmd::Contact(c) => super::mail::contact(ctx, c)?,
        CustomerCmd::Domain(c) => super::mail::domain(ctx, c)?,
        CustomerCmd::List { format, all } => {
            let mut store = ctx.read_store()?;
            // A table is read: in the reader's order (Czech collation in Czech). JSON keeps the folded
            // order in every language (a script gets the same bytes).
            if matches!(format, ListFormat::Table) {
                store.use_name_order(crate::i18n::name_order());
            }
            let mut lines = store.customer_lines()?;
            if !all {
                lines.retain(|line| !line.customer.archived);
            }
            match format {
                ListFormat::Json => {
                    let rows: Vec<CustomerJson> = lines
                        .into_iter()
                        .map(|line| {
                            let since = since(&line).map(|m| month_text(&mut String::new(), m).to_owned());
                            let c = line.customer;
                            CustomerJson {
                                archived: c.archived,
                                tier: crate::domain::tiers::tier_in(&line.tiers, this_month),
                                since,
                                open_tickets: line.open_tickets,
                                id: c.id.into_string(),
                                name: c.name,
                                contact: c.contact,
                            }
                        })
                        .collect();
                    let text = serde_json::to_string_pretty(&rows).map_err(|e| CliError::Failure(e.to_string()))?;
                    outln!("{text}");
                }
                ListFormat::Table => {
                    let header =
                        ["cli-col-customer", "cli-col-tier", "col-since", "col-open", "col-contact"].map(|id| t!(id));
                    let tiers = MeasuredWords::of(Tier::ALL, |tier| {
                        crate::i18n::words::tier(&ctx.settings.tariffs, tier).to_string()
                    });
                    table(&lines, this_month, &header.each_ref().map(String::as_str), &tiers)?.emit();
                }
            }
        }
    }
    Ok(())
}

/// The month a customer's first contract began (its first tier change to a tier with a contract).
fn since(line: &CustomerLine) -> Option<YearMonth> {
    line.tiers.iter().find(|(_, t)| t.has_contract()).map(|(m, _)| *m)
}

/// Rows of a customer list from which its table is made on two threads, where the command may use
/// two (`HELPDESK_THREADS`): the first half of the rows here, the second beside, joined
/// ([`Table::append`]). Checking, measuring and copying the cells was a fifth of a full-size
/// `customer list` (10 000 customers, 16 M of 90 M instructions on the thread that reads the
/// customers); a second thread costs about 0.2 ms to start.
const TABLE_BESIDE_FROM: usize = 2_000;

/// The table of `lines` in `this_month` (see [`TABLE_BESIDE_FROM`]).
fn table(
    lines: &[CustomerLine],
    this_month: YearMonth,
    header: &[&str],
    tiers: &MeasuredWords<Tier>,
) -> CliResult<Table<'static>> {
    let make = |part: &[CustomerLine]| -> CliResult<Table<'static>> {
        let mut t = Table::new(header).right(&[3]);
        let (mut open, mut month) = (String::new(), String::new());
        for line in part {
            let c = &line.customer;
            let marked = c.archived.then(|| t!("customer-archived-mark", name = c.name.as_str()));
            open.clear();
            // A count's digits: no allocation a row.
            std::fmt::Write::write_fmt(&mut open, format_args!("{}", line.open_tickets))
                .map_err(|e| CliError::Failure(e.to_string()))?;
            t.row_cells([
                Cell::Text(marked.as_deref().unwrap_or(&c.name)),
                tiers.cell(crate::domain::tiers::tier_in(&line.tiers, this_month)),
                digits(since(line).map_or("-", |m| month_text(&mut month, m))),
                digits(&open),
                Cell::Text(&c.contact),
            ]);
        }
        Ok(t)
    };
    if lines.len() >= TABLE_BESIDE_FROM && crate::environment::two_threads() {
        let (first, second) = lines.split_at(lines.len() / 2);
        let beside = || {
            tracing::debug!("making a customer list's second half on a second thread");
            make(second)
        };
        match crate::beside::run_beside("customer-rows", beside, || make(first)) {
            Ok((here, there)) => {
                let mut t = here?;
                t.append(there?);
                return Ok(t);
            }
            Err(e) => tracing::warn!(error = %e, "no second thread for a list's rows: made on one"),
        }
    }
    make(lines)
}

/// A cell of digits and `-` (a month, a count): clean, one column a byte.
fn digits(text: &str) -> Cell<'_> {
    Cell::Measured(text, text.len())
}

/// `month` as its `Display` writes it (`2026-03`), written into `out` (emptied first) and returned;
/// by hand for the years of four digits: a list of 10 000 customers writes one a row, and formatting
/// (or a string made of characters) costs several times more.
fn month_text(out: &mut String, month: YearMonth) -> &str {
    out.clear();
    let (y, m) = (month.year(), month.month());
    if !(0..=9999).contains(&y) || !(1..=12).contains(&m) {
        use std::fmt::Write;
        // Writing into a String cannot fail.
        let _ = write!(out, "{month}");
        return out;
    }
    let y = y as u32;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let bytes = [digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), b'-', digit(m / 10), digit(m)];
    out.push_str(std::str::from_utf8(&bytes).unwrap_or_default());
    out
}

/// What a tier change from `from`, a month before `this_month`, does to the months in between (none of
/// them closed: a closed one refuses the change).
fn backdated(ctx: &Context, name: &str, tier: Tier, from: YearMonth, this_month: YearMonth) -> String {
    t!(
        "customer-tier-backdated",
        name = name,
        tier = crate::i18n::words::tier(&ctx.settings.tariffs, tier),
        from = from.to_string(),
        last = this_month.prev().to_string()
    )
}

#[cfg(test)]
mod tests {
    use crate::domain::YearMonth;

    #[test]
    fn month_text_writes_what_display_writes() {
        for (y, m) in [(2026, 3), (2026, 12), (999, 1), (0, 7), (9999, 11), (10000, 1), (-5, 2)] {
            let Some(month) = YearMonth::new(y, m) else { continue };
            assert_eq!(super::month_text(&mut String::from("old"), month), month.to_string(), "{y}-{m}");
        }
        let month = YearMonth::new(2026, 3).expect("a month");
        assert_eq!(super::month_text(&mut String::new(), month), "2026-03");
    }
}
