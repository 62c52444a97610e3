//! `helpdesk ticket …`: open, respond, list, show, explain, set, comment.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::args::{ListFormat, TicketCmd, TicketSet};
use super::calendar::format_instant;
use super::{CliError, CliResult, Context, input};
use crate::domain::sla::{self, SlaNow};
use crate::domain::text::clean;
use crate::domain::{TicketKind, TicketStatus, Tier};
use crate::i18n::words;
use crate::store::{NewTicket, Store, TicketChange, TicketFilter, TicketSummary};
use crate::t;
use crate::ticket_sla::{self, TicketSla};

/// A ticket in JSON: a row of `ticket list --format json` (no description), or the head of
/// `ticket show --format json`'s document (with it). Instants are RFC 3339 in the provider's zone.
#[derive(Serialize)]
pub(super) struct TicketJson {
    number: String,
    customer: String,
    tier: Tier,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    kind: TicketKind,
    status: TicketStatus,
    assignee: Option<String>,
    received_at: String,
    deadline: Option<String>,
    business_minutes_left: Option<i64>,
    sla_state: &'static str,
    first_response_at: Option<String>,
    resolve_by: Option<String>,
}

pub fn run(ctx: &Context, cmd: TicketCmd) -> CliResult {
    let cal = &ctx.settings.calendar;
    match cmd {
        TicketCmd::Open { customer, title, kind, description, assignee, at } => {
            let kind: TicketKind = input::parsed(&kind)?;
            let received_at = input::at_or_now(at.as_deref(), ctx.now)?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&customer)?;
            let assignee = match assignee {
                Some(a) => input::technician(&store, &ctx.actor, &a, "--assignee")?,
                None => None,
            };
            let t = store.open_ticket(
                NewTicket { customer_id: c.id, title, description, kind, assignee, received_at },
                ctx.now,
            )?;
            outln!("{}", t.number);
            if kind == TicketKind::Change {
                let tier = ticket_sla::tier_of(&store, &ctx.settings, &t)?;
                note!("{}", t!("note-line", text = crate::statements::entitlement_note(&ctx.settings, tier)));
            }
        }
        TicketCmd::Respond { ticket, resolve_by, at, send, message } => {
            let at = input::at_or_now(at.as_deref(), ctx.now)?;
            // `+N` business days from when the response was given (what the customer was told then).
            let resolve_by = input::resolve_by(&resolve_by, cal, at, "--resolve-by")?;
            let mut store = ctx.open_store()?;
            let t = crate::cli::input::ticket(&store, &ticket)?;
            if send {
                let words = message.unwrap_or_default();
                let what = super::mail::Mailing::FirstResponse { at, resolve_by, words: &words };
                super::mail::send_about(ctx, &mut store, &t, what)?;
            } else {
                store.record_first_response(&t.id, at, resolve_by, ctx.now)?;
            }
        }
        TicketCmd::List { open, customer, format } => {
            let store = ctx.read_store()?;
            let customer_id = customer.map(|n| store.require_customer(&n).map(|c| c.id)).transpose()?;
            let filter = TicketFilter { open_only: open, customer_id, assignee: None };
            match format {
                ListFormat::Json => {
                    let items = all_items(&store, ctx, &filter)?;
                    let rows: Vec<TicketJson> = items.iter().map(|i| json_row(ctx, i)).collect();
                    let text = serde_json::to_string_pretty(&rows).map_err(|e| CliError::Failure(e.to_string()))?;
                    outln!("{text}");
                }
                ListFormat::Table => super::ticket_table::print(&store, ctx, &filter)?,
            }
        }
        TicketCmd::Show { ticket, format } => {
            let store = ctx.read_store()?;
            let t = crate::cli::input::ticket(&store, &ticket)?;
            if format == ListFormat::Json {
                return super::ticket_json::show(&store, ctx, t);
            }
            out!("{}", super::ticket_show::show_ticket(&store, ctx, t)?);
        }
        TicketCmd::Explain { ticket, format } => {
            let store = ctx.read_store()?;
            let t = crate::cli::input::ticket(&store, &ticket)?;
            let tier = ticket_sla::tier_of(&store, &ctx.settings, &t)?;
            if format == ListFormat::Json {
                let e = ctx.settings.tariffs.response_hours(tier).map(|h| sla::explain(cal, t.received_at, h));
                return super::ticket_json::explain(ctx, &t, tier, e);
            }
            let Some(hours) = ctx.settings.tariffs.response_hours(tier) else {
                outln!(
                    "{}",
                    t!(
                        "explain-no-sla",
                        ticket = t.number.as_str(),
                        tier = crate::i18n::words::tier(&ctx.settings.tariffs, tier)
                    )
                );
                return Ok(());
            };
            let e = sla::explain(cal, t.received_at, hours);
            outln!(
                "{}",
                t!(
                    "explain-head",
                    ticket = t.number.as_str(),
                    tier = crate::i18n::words::tier(&ctx.settings.tariffs, tier),
                    hours = hours
                )
            );
            outln!("{:<13} {}", t!("cli-explain-received"), format_instant(cal, e.received));
            if e.clock_start != e.received {
                outln!(
                    "{:<13} {}",
                    t!("cli-explain-clock-starts"),
                    t!("explain-next-opening", at = format_instant(cal, e.clock_start))
                );
            }
            for (span, minutes) in e.counted.iter().zip(e.span_minutes()) {
                let (from, to) = (format_instant(cal, span.from), format_instant(cal, span.to));
                let took = words::left(chrono::Duration::minutes(minutes));
                outln!("{:<13} {from} – {to}  {took}", t!("cli-explain-counted"));
            }
            for s in &e.skipped {
                let reason = cal.holiday_on(s.date).map_or_else(
                    || t!("cli-explain-weekend"),
                    |h| match (crate::i18n::language(), &h.name_cs) {
                        (crate::i18n::Language::Czech, Some(cs)) => cs.clone(),
                        _ => h.name.clone(),
                    },
                );
                let day = crate::i18n::dates::weekday_short(chrono::Datelike::weekday(&s.date));
                outln!("{:<13} {} {day}  {reason}", t!("cli-explain-skipped"), s.date.format("%Y-%m-%d"));
            }
            outln!("{:<13} {}", t!("cli-explain-deadline"), format_instant(cal, e.deadline));
        }
        TicketCmd::Set(set) => set_fields(ctx, set)?,
        TicketCmd::Comment { ticket, text, send } => {
            let mut store = ctx.open_store()?;
            let t = crate::cli::input::ticket(&store, &ticket)?;
            if send {
                if clean(&text, true).trim().is_empty() {
                    return Err(CliError::input(t!("comment-needs-text")));
                }
                super::mail::send_about(ctx, &mut store, &t, super::mail::Mailing::Comment { text: &text })?;
            } else {
                store.add_comment(&t.id, &text, ctx.now)?;
            }
        }
    }
    Ok(())
}

fn set_fields(ctx: &Context, set: TicketSet) -> CliResult {
    let mut changes = Vec::new();
    if let Some(s) = &set.status {
        changes.push(TicketChange::Status(input::parsed(s)?));
    }
    if let Some(k) = &set.kind {
        changes.push(TicketChange::Kind(input::parsed(k)?));
    }
    if let Some(t) = set.title {
        changes.push(TicketChange::Title(t));
    }
    if let Some(d) = set.description {
        changes.push(TicketChange::Description(d));
    }
    if let Some(r) = set.resolve_by.as_deref() {
        changes.push(TicketChange::ResolveBy(input::resolve_by(r, &ctx.settings.calendar, ctx.now, "--resolve-by")?));
    }
    if changes.is_empty() && set.customer.is_none() && set.assignee.is_none() {
        return Err(CliError::input(t!("ticket-set-nothing")));
    }
    let mut store = ctx.open_store()?;
    let t = crate::cli::input::ticket(&store, &set.ticket)?;
    if let Some(a) = &set.assignee {
        // Empty unassigns; a known technician by the start of the name; a new one as `+NAME`.
        changes.push(TicketChange::Assignee(input::technician(&store, &ctx.actor, a, "--assignee")?));
    }
    if let Some(name) = &set.customer {
        let c = store.require_customer(name)?;
        if c.id != t.customer_id {
            changes.push(TicketChange::Customer(c.id));
        }
    }
    // A value the ticket has already is no change: nothing is recorded for it (no new version, no
    // history line); when nothing is left, it says so and exits 0, as the edit form does.
    let current = store.ticket(&t.id)?;
    changes.retain(|c| !current.as_ref().is_some_and(|row| unchanged(row, c)));
    if changes.is_empty() {
        note!("{}", t!("ticket-edit-nothing", number = t.number.as_str()));
        return Ok(());
    }
    // Every change in one transaction: all of them or, when one is refused, none.
    store.update_ticket(&t.id, changes, ctx.now)?;
    Ok(())
}

/// Whether `change` would leave the ticket as it is (text compared as the store keeps it).
fn unchanged(row: &crate::store::TicketRow, change: &TicketChange) -> bool {
    use crate::domain::text::{clean, clean_name};
    match change {
        TicketChange::Title(t) => clean_name(t) == row.title,
        TicketChange::Description(d) => clean(d, true) == row.description,
        TicketChange::Kind(k) => *k == row.kind,
        TicketChange::Status(s) => *s == row.status,
        TicketChange::Assignee(a) => {
            a.as_deref().map(clean_name).filter(|a| !a.is_empty()) == row.assignee.as_deref().map(str::to_string)
        }
        TicketChange::Customer(c) => *c == row.customer_id,
        TicketChange::ResolveBy(r) => Some(*r) == row.resolve_by,
    }
}

/// A listed ticket: its list columns, tier and SLA.
type Listed = TicketSla<TicketSummary>;

/// Every ticket the filter selects, page by page, with its SLA at `ctx.now`.
fn all_items(store: &Store, ctx: &Context, filter: &TicketFilter) -> CliResult<Vec<Listed>> {
    let mut out = Vec::new();
    let now = SlaNow::new(&ctx.settings.calendar, ctx.now);
    store.each_ticket_line(filter, |t| {
        let (tier, sla, _) = ticket_sla::of_line(&ctx.settings, t, &now);
        out.push(TicketSla { ticket: t.summary(), tier, sla });
        Ok(())
    })?;
    Ok(out)
}

/// What a change request (product modification) means for the customer's tier.
fn rfc(ctx: &Context, t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(|t| format_instant(&ctx.settings.calendar, t))
}

fn json_row(ctx: &Context, i: &Listed) -> TicketJson {
    ticket_json(ctx, &i.ticket, i.tier, &i.sla, None)
}

/// [`TicketJson`] of a ticket whose tier and SLA are worked out; `description` only in a document.
pub(super) fn ticket_json(
    ctx: &Context,
    t: &TicketSummary,
    tier: Tier,
    sla: &crate::domain::sla::SlaStatus,
    description: Option<String>,
) -> TicketJson {
    let has_sla = sla.deadline.is_some();
    TicketJson {
        number: t.number.clone(),
        customer: t.customer_name.clone(),
        tier,
        title: t.title.clone(),
        description,
        kind: t.kind,
        status: t.status,
        assignee: t.assignee.clone(),
        received_at: format_instant(&ctx.settings.calendar, t.received_at),
        deadline: rfc(ctx, sla.deadline),
        business_minutes_left: has_sla.then(|| sla.left.num_minutes()),
        sla_state: sla.state.as_str(),
        first_response_at: rfc(ctx, t.first_response_at),
        resolve_by: rfc(ctx, t.resolve_by),
    }
}
