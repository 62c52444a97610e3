//! `ticket show N --format json` and `ticket explain N --format json`: one ticket as a document, and
//! how its deadline was reached. Instants are RFC 3339 in the provider's zone, minutes integers.

use serde::Serialize;

use super::calendar::format_instant;
use super::time::{EntryJson, entry_json};
use super::{CliResult, Context};
use crate::domain::Tier;
use crate::domain::sla::Explanation;
use crate::store::{Store, TicketRow};
use crate::ticket_sla;

#[derive(Serialize)]
struct TicketDoc {
    #[serde(flatten)]
    ticket: super::ticket::TicketJson,
    comments: Vec<CommentJson>,
    time_entries: Vec<EntryJson>,
    minutes_total: u64,
}

#[derive(Serialize)]
struct CommentJson {
    at: String,
    author: String,
    body: String,
}

pub fn show(store: &Store, ctx: &Context, t: TicketRow) -> CliResult {
    let cal = &ctx.settings.calendar;
    let at = |t| format_instant(cal, t);
    let item = ticket_sla::item(store, &ctx.settings, t, ctx.now)?;
    let t = &item.ticket;
    let entries = store.time_entries(&t.id)?;
    let doc = TicketDoc {
        ticket: super::ticket::ticket_json(ctx, t, item.tier, &item.sla, Some(t.description.clone())),
        comments: store
            .comments(&t.id)?
            .into_iter()
            .map(|c| CommentJson { at: at(c.created_at), author: c.author, body: c.body })
            .collect(),
        minutes_total: entries.iter().map(|e| u64::from(e.minutes)).sum(),
        time_entries: entries.iter().map(|e| entry_json(ctx, store, e)).collect::<CliResult<_>>()?,
    };
    super::print_json(&doc)
}

#[derive(Serialize)]
struct ExplainDoc {
    ticket: String,
    tier: Tier,
    /// The tier's first-response budget; null (and no deadline) without an SLA.
    business_hours: Option<u32>,
    received_at: String,
    clock_starts_at: Option<String>,
    counted: Vec<SpanJson>,
    skipped: Vec<SkippedJson>,
    deadline: Option<String>,
}

#[derive(Serialize)]
struct SpanJson {
    from: String,
    to: String,
    minutes: i64,
}

#[derive(Serialize)]
struct SkippedJson {
    date: String,
    reason: String,
}

pub fn explain(ctx: &Context, t: &TicketRow, tier: Tier, e: Option<Explanation>) -> CliResult {
    let at = |t| format_instant(&ctx.settings.calendar, t);
    let doc = match e {
        Some(e) => ExplainDoc {
            ticket: t.number.clone(),
            tier,
            business_hours: Some(e.hours),
            received_at: at(e.received),
            clock_starts_at: Some(at(e.clock_start)),
            counted: e
                .counted
                .iter()
                .zip(e.span_minutes())
                .map(|(s, minutes)| SpanJson { from: at(s.from), to: at(s.to), minutes })
                .collect(),
            skipped: e
                .skipped
                .iter()
                .map(|s| SkippedJson { date: s.date.format("%Y-%m-%d").to_string(), reason: s.reason.clone() })
                .collect(),
            deadline: Some(at(e.deadline)),
        },
        None => ExplainDoc {
            ticket: t.number.clone(),
            tier,
            business_hours: None,
            received_at: at(t.received_at),
            clock_starts_at: None,
            counted: Vec::new(),
            skipped: Vec::new(),
            deadline: None,
        },
    };
    super::print_json(&doc)
}
