//! What arrives from another copy, checked before anything of it is used: a bundle's or a peer's
//! header and every operation, field by field. A checksum is no defence (anyone can recompute it),
//! so each text is judged by what it must be:
//!
//! - identifiers — team, device, operation and entity ids (UUIDs as helpdesk writes them), clock
//!   values (`{millis:015}-{counter:06}-{device}`, the device its operation's), copy tags (`A`,
//!   `B.A`, or empty for the team file), months, dates, amounts — must match their strict format, or
//!   the whole exchange is refused (`StoreError::Invalid`, nothing applied);
//! - free text — names, titles, descriptions, comments, notes, actors, frozen statements — is cleaned
//!   of control and bidi characters as local input is (`domain::text::clean`);
//! - numbers must be ones helpdesk writes (`check_numbers`): instants within the years 0000–9999 (what
//!   an RFC 3339 `--at` can say), a time entry of 1 minute to 24 h, ticket numbers from 1, amounts as
//!   `plain` writes them (two places, at most 15 digits before them), a close's bounds around its month,
//!   and a frozen statement that is a statement.
//!
//! Every field of every change is listed here without `..`, so a new field or kind of change does not
//! compile until it is given a rule.

use crate::t;
use std::borrow::Cow;

use super::bundle::Header;
use crate::domain::text::clean;
use crate::domain::worktime::MAX_ENTRY_MINUTES;
use crate::store::ops::{Change, ClosedStatement};
use crate::store::{Hlc, OpRecord, Result, StoreError, Vector};

/// What a text field must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A UUID as helpdesk writes it (lowercase, hyphenated).
    Id,
    /// What a correction prices: `add:` or `void:` and a time entry's id, or `reprice:`, a customer's id,
    /// the work month and the round (see `statements::close::reprice_key`).
    EntryKey,
    /// A copy tag: empty (the team file) or letter groups joined by dots (`A`, `B.A`).
    Tag,
    /// `YYYY-MM`.
    Month,
    /// `YYYY-MM-DD`.
    Date,
    /// A decimal amount (`-800.00`).
    Amount,
    /// One line of free text (cleaned).
    Line,
    /// Free text that may hold line breaks (cleaned).
    Text,
    /// A frozen statement: the JSON statement document, its strings free text (cleaned).
    Json,
    /// A clock value of any device, exactly as helpdesk writes it.
    Clock,
    /// What a change replaced (`prev`): a clock value, or empty when there was nothing before.
    Prev,
    /// A conflict's id: 16 lowercase hex digits.
    ConflictId,
    /// How a conflict was settled: `kept` or `picked the other value`.
    Resolution,
    /// An e-mail address as helpdesk keeps it (`domain::mail::Address`: lower case, checked).
    Email,
    /// A mail domain as helpdesk keeps it (lower case, checked).
    MailDomain,
    /// A contact's language: `cs` or `en`.
    Lang,
    /// A message id or intake key (`mid:…`, `sha256:…`, `local:…`): no spaces or control characters, at
    /// most 1 024 bytes (intake keeps ids of at most `mail::parse::MAX_ID`).
    MailKey,
    /// An e-mail address as helpdesk keeps it, or empty (mail we sent).
    Sender,
    /// Intake's key of a received message: `mid:` or `sha256:` and a [`Kind::MailKey`] (a Maildir file's
    /// `file:` key is the importing file's own and never travels).
    SeenKey,
}

/// Checks the header of another copy and the operations it sent: returns the operations with their
/// free text cleaned (borrowed as they are when nothing needed it). Errors: `Invalid` naming the first
/// field that is not what it must be; nothing has been applied then.
pub fn validate_incoming<'a>(header: &Header, ops: &'a [OpRecord]) -> Result<Cow<'a, [OpRecord]>> {
    check_header(header)?;
    let mut dirty = false;
    for op in ops {
        check_identity(op)?;
        check_numbers(op)?;
        dirty |= clean(&op.actor, false) != op.actor;
        visit(&op.change, &mut |kind, field, value: &String| {
            check(kind, field, value, op)?;
            dirty |= cleaned(kind, value).is_some();
            Ok(())
        })?;
    }
    if !dirty {
        return Ok(Cow::Borrowed(ops));
    }
    let mut owned = ops.to_vec();
    for op in &mut owned {
        op.actor = clean(&op.actor, false);
        visit_mut(&mut op.change, &mut |kind, _, value: &mut String| {
            if let Some(c) = cleaned(kind, value) {
                *value = c;
            }
            Ok(())
        })?;
    }
    Ok(Cow::Owned(owned))
}

fn check_header(h: &Header) -> Result<()> {
    // `what`: the message id of what the value should be (translated only when refused).
    let bad = |field: &str, value: &str, what: &str| {
        StoreError::Invalid(t!("sync-malformed-header", field = field, value = shown(value), what = t!(what)))
    };
    if !is_id(&h.team) {
        return Err(bad("team", &h.team, "sync-what-team-id"));
    }
    if !is_id(&h.device) {
        return Err(bad("device", &h.device, "sync-what-device-id"));
    }
    if !is_tag(&h.tag) {
        return Err(bad("tag", &h.tag, "sync-what-tag"));
    }
    for (name, vector) in [("vector", &h.vector), ("base", &h.base)] {
        check_vector(vector).map_err(|(key, value)| bad(name, &format!("{key}: {value}"), "sync-what-device-clock"))?;
    }
    if let Some((hlc, digest)) = h.heads.iter().find(|(hlc, digest)| !is_clock(hlc) || !is_hex16(digest)) {
        return Err(bad("heads", &format!("{hlc}: {digest}"), "sync-what-clock-digest"));
    }
    Ok(())
}

/// A version vector: device id → a clock value of that device.
fn check_vector(v: &Vector) -> std::result::Result<(), (String, String)> {
    match v.iter().find(|(device, hlc)| !is_id(device) || !is_hlc_of(hlc, device)) {
        Some((device, hlc)) => Err((device.clone(), hlc.clone())),
        None => Ok(()),
    }
}

fn check_identity(op: &OpRecord) -> Result<()> {
    if !is_id(&op.device) {
        return Err(malformed(op, "device", &op.device, "sync-what-device-id"));
    }
    if !is_hlc_of(&op.hlc, &op.device) {
        return Err(malformed(op, "hlc", &op.hlc, "sync-what-device-hlc"));
    }
    Ok(())
}

/// `reprice:CUSTOMER-ID:YYYY-MM:ROUND`, the round a number from 1 without leading zeros.
fn is_reprice_key(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("reprice:") else { return false };
    let mut parts = rest.split(':');
    let (Some(customer), Some(month), Some(round), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    is_id(customer)
        && month.parse::<crate::domain::YearMonth>().is_ok_and(|m| m.to_string() == month)
        && round.parse::<u32>().is_ok_and(|n| n > 0 && n.to_string() == round)
}

fn check(kind: Kind, field: &str, value: &str, op: &OpRecord) -> Result<()> {
    let (ok, what) = match kind {
        Kind::Id => (is_id(value), "sync-what-id"),
        Kind::EntryKey => (
            value.strip_prefix("add:").or_else(|| value.strip_prefix("void:")).is_some_and(is_id)
                || is_reprice_key(value),
            "sync-what-entry-key",
        ),
        Kind::Tag => (is_tag(value), "sync-what-tag"),
        Kind::Month => {
            (value.parse::<crate::domain::YearMonth>().is_ok_and(|m| m.to_string() == value), "sync-what-month")
        }
        Kind::Date => {
            (chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok() && value.len() == 10, "sync-what-date")
        }
        Kind::Amount => (is_amount(value), "sync-what-amount"),
        Kind::Json => (is_statement(value), "sync-what-statement"),
        Kind::Clock => (is_clock(value), "sync-what-clock"),
        Kind::Prev => (value.is_empty() || is_clock(value), "sync-what-prev"),
        Kind::ConflictId => (is_hex16(value), "sync-what-conflict-id"),
        Kind::Resolution => (matches!(value, "kept" | "picked the other value"), "sync-what-resolution"),
        Kind::Email => {
            (crate::domain::mail::Address::parse(value).is_ok_and(|a| a.as_str() == value), "sync-what-email")
        }
        Kind::MailDomain => {
            (crate::domain::mail::parse_domain(value).is_ok_and(|d| d == value), "sync-what-mail-domain")
        }
        Kind::Lang => (matches!(value, "cs" | "en"), "sync-what-lang"),
        Kind::MailKey => (is_mail_key(value), "sync-what-mail-key"),
        Kind::SeenKey => {
            ((value.starts_with("mid:") || value.starts_with("sha256:")) && is_mail_key(value), "sync-what-mail-key")
        }
        Kind::Sender => (
            value.is_empty() || crate::domain::mail::Address::parse(value).is_ok_and(|a| a.as_str() == value),
            "sync-what-email",
        ),
        Kind::Line | Kind::Text => (true, ""),
    };
    if ok { Ok(()) } else { Err(malformed(op, field, value, what)) }
}

/// The earliest and latest instants (unix seconds) an RFC 3339 instant can name: 0000-01-01T00:00:00Z
/// and 9999-12-31T23:59:59Z.
const INSTANTS: std::ops::RangeInclusive<i64> = -62_167_219_200..=253_402_300_799;

/// The most minutes one correction line may move (the entries of a month are far fewer).
const ADJUSTMENT_MINUTES: u64 = 1_000_000_000;

/// The number fields of a change: each within what helpdesk itself writes.
fn check_numbers(op: &OpRecord) -> Result<()> {
    use Change::*;
    let instant = |field: &str, v: i64| {
        if INSTANTS.contains(&v) { Ok(()) } else { Err(malformed(op, field, &v.to_string(), "sync-what-instant")) }
    };
    if let Some(prev) = op.change.prev().filter(|p| !p.is_empty())
        && prev.parse::<Hlc>().ok() >= op.hlc.parse::<Hlc>().ok()
    {
        return Err(malformed(op, "prev", prev, "sync-what-prev-before"));
    }
    match &op.change {
        CustomerCreated { at, .. }
        | CommentAdded { at, .. }
        | MailThreaded { at, .. }
        | ConflictSettled { at, .. }
        | StatusReportRecorded { at, .. } => instant("at", *at)?,
        MailTriaged { received_at, .. } => instant("received_at", *received_at)?,
        TicketOpened { seq, received_at, .. } => {
            if *seq == 0 || *seq > i64::MAX as u64 {
                return Err(malformed(op, "seq", &seq.to_string(), "sync-what-seq"));
            }
            instant("received_at", *received_at)?;
        }
        TicketRenumbered { seq, tag, .. } => {
            if *seq == 0 || *seq > i64::MAX as u64 {
                return Err(malformed(op, "seq", &seq.to_string(), "sync-what-seq"));
            }
            if tag.is_empty() {
                return Err(malformed(op, "tag", tag, "sync-what-renumber-tag"));
            }
        }
        FirstResponse { at, resolve_by, .. } => {
            instant("at", *at)?;
            instant("resolve_by", *resolve_by)?;
        }
        TimeEntryAdded { started_at, minutes, at, .. } => {
            instant("started_at", *started_at)?;
            instant("at", *at)?;
            if *minutes == 0 || *minutes > MAX_ENTRY_MINUTES {
                return Err(malformed(op, "minutes", &minutes.to_string(), "sync-what-entry-minutes"));
            }
        }
        TimerStarted { started_at, .. } => instant("started_at", *started_at)?,
        MonthClosed { month, starts_at, ends_at, .. } => {
            instant("starts_at", *starts_at)?;
            instant("ends_at", *ends_at)?;
            // The month's bounds in the closing copy's zone: within a day's offsets of its UTC bounds.
            if let Ok(m) = month.parse::<crate::domain::YearMonth>() {
                let utc =
                    |m: crate::domain::YearMonth| m.first_day().and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
                let near = |v: i64, at: Option<i64>| at.is_some_and(|at| (v - at).abs() <= 14 * 3600);
                if !near(*starts_at, utc(m)) {
                    return Err(malformed(op, "starts_at", &starts_at.to_string(), "sync-what-month-start"));
                }
                if !near(*ends_at, utc(m.next())) {
                    return Err(malformed(op, "ends_at", &ends_at.to_string(), "sync-what-month-end"));
                }
            }
        }
        AdjustmentBooked { minutes, at, .. } => {
            instant("at", *at)?;
            if minutes.unsigned_abs() > ADJUSTMENT_MINUTES {
                return Err(malformed(op, "minutes", &minutes.to_string(), "sync-what-correction-minutes"));
            }
        }
        _ => {}
    }
    Ok(())
}

/// An amount as helpdesk writes it (`domain::money::plain`): `-1234.50`, at most 15 digits before the
/// point, so no sum of them overflows a decimal.
fn is_amount(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let Some((int, frac)) = digits.split_once('.') else { return false };
    (1..=15).contains(&int.len())
        && frac.len() == 2
        && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        && (int.len() == 1 || !int.starts_with('0'))
}

/// A frozen statement: the statement document helpdesk writes, its money amounts as [`is_amount`].
fn is_statement(s: &str) -> bool {
    let Ok(doc) = serde_json::from_str::<crate::statements::StatementDoc>(s) else { return false };
    let adjustments = doc.adjustments.iter().chain(&doc.later_corrections).map(|a| a.amount.as_str());
    [doc.fee.as_str(), &doc.overage_amount, &doc.total_excl_vat, &doc.vat, &doc.total_incl_vat]
        .into_iter()
        .chain(doc.lines.iter().flat_map(|l| [l.rate.as_str(), l.amount.as_str()]))
        .chain(adjustments)
        .all(is_amount)
        && doc
            .vat_rate
            .parse::<rust_decimal::Decimal>()
            .is_ok_and(|r| r >= rust_decimal::Decimal::ZERO && r <= rust_decimal::Decimal::ONE)
}

/// `what`: the message id of what the value should be (translated only when refused).
fn malformed(op: &OpRecord, field: &str, value: &str, what: &str) -> StoreError {
    StoreError::Invalid(t!(
        "sync-malformed-field",
        op = shown(&op.hlc),
        field = field,
        value = shown(value),
        what = t!(what)
    ))
}

/// The cleaned text, when cleaning changes it.
fn cleaned(kind: Kind, value: &str) -> Option<String> {
    let c = match kind {
        Kind::Line => clean(value, false),
        Kind::Text => clean(value, true),
        Kind::Json => {
            let mut doc: serde_json::Value = serde_json::from_str(value).ok()?;
            if !clean_json(&mut doc) {
                return None;
            }
            serde_json::to_string(&doc).ok()?
        }
        _ => return None,
    };
    (c != value).then_some(c)
}

/// Cleans every string in a JSON document; whether any changed.
fn clean_json(v: &mut serde_json::Value) -> bool {
    match v {
        serde_json::Value::String(s) => {
            let c = clean(s, true);
            let changed = c != *s;
            *s = c;
            changed
        }
        serde_json::Value::Array(items) => items.iter_mut().fold(false, |acc, i| clean_json(i) | acc),
        serde_json::Value::Object(map) => map.values_mut().fold(false, |acc, i| clean_json(i) | acc),
        _ => false,
    }
}

/// A value as it may appear in a message: cleaned and cut short.
fn shown(value: &str) -> String {
    let c = clean(value, false);
    match c.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &c[..i]),
        None => c,
    }
}

fn is_id(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok_and(|u| u.hyphenated().to_string() == s)
}

/// A message id or intake key: 1 to 1 024 bytes, no white space or control characters.
fn is_mail_key(s: &str) -> bool {
    (1..=1024).contains(&s.len()) && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_tag(s: &str) -> bool {
    s.is_empty() || s.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_uppercase()))
}

/// 16 lowercase hex digits (a conflict's id, an operation's digest).
fn is_hex16(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A clock value exactly as helpdesk writes it, of any device.
fn is_clock(s: &str) -> bool {
    s.parse::<Hlc>().is_ok_and(|h| is_id(&h.device) && is_hlc_of(s, &h.device))
}

/// A clock value exactly as helpdesk writes it, on `device`.
fn is_hlc_of(s: &str, device: &str) -> bool {
    s.parse::<Hlc>().is_ok_and(|h| h.device == device && h.millis >= 0 && h.to_string() == s)
}

/// Calls `f` on every text field of a change with what it must be and its name. One list for reading
/// and for cleaning (`visit_mut`): the same body, expanded over `&` and `&mut`.
macro_rules! each_field {
    ($change:expr, $f:ident) => {{
        use Change::*;
        match $change {
            CustomerCreated { id, name, contact, tier: _, since: _, at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "name", name)?;
                $f(Kind::Line, "contact", contact)?;
            }
            CustomerRenamed { id, name, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "name", name)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            CustomerContactSet { id, contact, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "contact", contact)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TierSet { customer, from: _, tier: _, prev } => {
                $f(Kind::Id, "customer", customer)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TicketOpened { id, tag, seq: _, customer, title, description, kind: _, assignee, received_at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Tag, "tag", tag)?;
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Line, "title", title)?;
                $f(Kind::Text, "description", description)?;
                if let Some(a) = assignee {
                    $f(Kind::Line, "assignee", a)?;
                }
            }
            TicketTitleSet { id, title, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "title", title)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TicketDescriptionSet { id, description, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Text, "description", description)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TicketKindSet { id, kind: _, prev }
            | TicketStatusSet { id, status: _, prev }
            | FirstResponse { id, at: _, resolve_by: _, prev } => {
                $f(Kind::Id, "id", id)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TicketCustomerSet { id, customer, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "customer", customer)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            CustomerArchived { id } | CustomerUnarchived { id } | CustomerRemoved { id } => {
                $f(Kind::Id, "id", id)?;
            }
            TicketAssigneeSet { id, assignee, prev } => {
                $f(Kind::Id, "id", id)?;
                if let Some(a) = assignee {
                    $f(Kind::Line, "assignee", a)?;
                }
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            CommentAdded { id, ticket, author, body, at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "ticket", ticket)?;
                $f(Kind::Line, "author", author)?;
                $f(Kind::Text, "body", body)?;
            }
            CommentDeleted { id } | TimeEntryVoided { id } | AdjustmentCancelled { id } => $f(Kind::Id, "id", id)?,
            TimerStopped { id, unbooked } => {
                $f(Kind::Id, "id", id)?;
                if let Some(later) = unbooked {
                    $f(Kind::Id, "unbooked", later)?;
                }
            }
            TimeEntryAdded {
                id,
                ticket,
                customer,
                started_at: _,
                minutes: _,
                technician,
                role: _,
                note,
                replaces,
                at: _,
                entry,
                restores,
            } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "ticket", ticket)?;
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Line, "technician", technician)?;
                $f(Kind::Text, "note", note)?;
                if let Some(r) = replaces {
                    $f(Kind::Id, "replaces", r)?;
                }
                if let Some(e) = entry {
                    $f(Kind::Id, "entry", e)?;
                }
                if let Some(r) = restores {
                    $f(Kind::Clock, "restores", r)?;
                }
            }
            TimerStarted { id, technician, ticket, started_at: _, role: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "technician", technician)?;
                $f(Kind::Id, "ticket", ticket)?;
            }
            MonthClosed { month, starts_at: _, ends_at: _, statements, entries } => {
                $f(Kind::Month, "month", month)?;
                for ClosedStatement { customer, body } in statements {
                    $f(Kind::Id, "customer", customer)?;
                    $f(Kind::Json, "statement", body)?;
                }
                for e in entries {
                    $f(Kind::Id, "entry", e)?;
                }
            }
            MonthReopened { month } => $f(Kind::Month, "month", month)?,
            AdjustmentBooked {
                id,
                customer,
                ticket,
                work_month,
                booked_month,
                minutes: _,
                amount,
                description,
                at: _,
                entry,
                close,
            } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "customer", customer)?;
                if let Some(t) = ticket {
                    $f(Kind::Id, "ticket", t)?;
                }
                $f(Kind::Month, "work_month", work_month)?;
                $f(Kind::Month, "booked_month", booked_month)?;
                $f(Kind::Amount, "amount", amount)?;
                $f(Kind::Line, "description", description)?;
                if let Some(e) = entry {
                    $f(Kind::EntryKey, "entry", e)?;
                }
                if let Some(c) = close {
                    $f(Kind::Clock, "close", c)?;
                }
            }
            ConflictSettled { id, resolution, at: _ } => {
                $f(Kind::ConflictId, "id", id)?;
                $f(Kind::Resolution, "resolution", resolution)?;
            }
            CopyCreated { device, tag } => {
                $f(Kind::Id, "device", device)?;
                $f(Kind::Tag, "tag", tag)?;
            }
            CopyRetired { device } => $f(Kind::Id, "device", device)?,
            TicketRenumbered { id, tag, seq: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Tag, "tag", tag)?;
            }
            ContactAdded { customer, email, name, lang } => {
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Email, "email", email)?;
                $f(Kind::Line, "name", name)?;
                $f(Kind::Lang, "lang", lang)?;
            }
            ContactRemoved { customer, email } => {
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Email, "email", email)?;
            }
            MailDomainSet { domain, customer } | MailDomainRemoved { domain, customer } => {
                $f(Kind::MailDomain, "domain", domain)?;
                $f(Kind::Id, "customer", customer)?;
            }
            MailThreaded { ticket, message_id, seen, sender, incoming: _, at: _ } => {
                $f(Kind::Id, "ticket", ticket)?;
                $f(Kind::MailKey, "message_id", message_id)?;
                if let Some(k) = seen {
                    $f(Kind::SeenKey, "seen", k)?;
                }
                $f(Kind::Sender, "sender", sender)?;
            }
            MailTriaged { id, seen, message_id, sender, sender_name, subject, body, kind: _, received_at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::SeenKey, "seen", seen)?;
                if let Some(m) = message_id {
                    $f(Kind::MailKey, "message_id", m)?;
                }
                $f(Kind::Email, "sender", sender)?;
                $f(Kind::Line, "sender_name", sender_name)?;
                $f(Kind::Line, "subject", subject)?;
                $f(Kind::Text, "body", body)?;
            }
            MailAssigned { id, ticket } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "ticket", ticket)?;
            }
            StatusReportRecorded { id, customer, done_on, note, at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Date, "done_on", done_on)?;
                $f(Kind::Line, "note", note)?;
            }
        }
        Ok(())
    }};
}

fn visit(change: &Change, f: &mut impl FnMut(Kind, &str, &String) -> Result<()>) -> Result<()> {
    each_field!(change, f)
}

fn visit_mut(change: &mut Change, f: &mut impl FnMut(Kind, &str, &mut String) -> Result<()>) -> Result<()> {
    each_field!(change, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_id("019a0000-0000-7000-8000-000000000000"));
        assert!(!is_id("019A0000-0000-7000-8000-000000000000"));
        assert!(!is_id("{019a0000-0000-7000-8000-000000000000}"));
        assert!(is_tag("") && is_tag("A") && is_tag("B.AA"));
        assert!(!is_tag("a") && !is_tag("A.") && !is_tag("A\u{1b}") && !is_tag("\u{202e}A"));
        let dev = "019a0000-0000-7000-8000-000000000000";
        assert!(is_hlc_of(&format!("000000000000001-000000-{dev}"), dev));
        assert!(!is_hlc_of(&format!("1-0-{dev}"), dev));
        assert!(!is_hlc_of("000000000000001-000000-other", dev));
    }

    #[test]
    fn correction_keys() {
        let id = "019a0000-0000-7000-8000-000000000000";
        for good in [
            format!("add:{id}"),
            format!("void:{id}"),
            format!("reprice:{id}:2026-02:1"),
            format!("reprice:{id}:2026-12:12"),
        ] {
            assert!(check(Kind::EntryKey, "entry", &good, &op()).is_ok(), "{good}");
        }
        for bad in [
            format!("add:{id}:2026-02:1"),
            format!("reprice:{id}"),
            format!("reprice:{id}:2026-02"),
            format!("reprice:{id}:2026-13:1"),
            format!("reprice:{id}:2026-2:1"),
            format!("reprice:{id}:2026-02:0"),
            format!("reprice:{id}:2026-02:01"),
            format!("reprice:{id}:2026-02:-1"),
            format!("reprice:{id}:2026-02:1:1"),
            format!("reprice:{id}:2026-02:99999999999"),
            "reprice:acme:2026-02:1".to_string(),
            format!("Reprice:{id}:2026-02:1"),
        ] {
            assert!(check(Kind::EntryKey, "entry", &bad, &op()).is_err(), "{bad}");
        }
    }

    fn op() -> OpRecord {
        let device = "019a0000-0000-7000-8000-000000000000".to_string();
        OpRecord {
            hlc: format!("000000000000001-000000-{device}"),
            device,
            actor: "Alice".into(),
            change: Change::CopyRetired { device: String::new() },
        }
    }
}
