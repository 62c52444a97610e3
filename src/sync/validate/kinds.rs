//! What each text field must be ([`Kind`]), the check of a value against it, and the formats helpdesk
//! writes: ids, tags, clocks, amounts, frozen statements, mail keys.

use crate::domain::text::clean;
use crate::store::{Hlc, OpRecord, Result, StoreError};
use crate::t;

/// What a text field must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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

/// `reprice:CUSTOMER-ID:YYYY-MM:ROUND`, the round a number from 1 without leading zeros.
pub(super) fn is_reprice_key(value: &str) -> bool {
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

pub(super) fn check(kind: Kind, field: &str, value: &str, op: &OpRecord) -> Result<()> {
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

/// An amount as helpdesk writes it (`domain::money::plain`): `-1234.50`, at most 15 digits before the
/// point, so no sum of them overflows a decimal.
pub(super) fn is_amount(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let Some((int, frac)) = digits.split_once('.') else { return false };
    (1..=15).contains(&int.len())
        && frac.len() == 2
        && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        && (int.len() == 1 || !int.starts_with('0'))
}

/// A frozen statement: the statement document helpdesk writes, its money amounts as [`is_amount`].
pub(super) fn is_statement(s: &str) -> bool {
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
        && doc.terms.as_ref().is_none_or(|t| t.is_sane())
}

/// `what`: the message id of what the value should be (translated only when refused).
pub(super) fn malformed(op: &OpRecord, field: &str, value: &str, what: &str) -> StoreError {
    StoreError::Invalid(t!(
        "sync-malformed-field",
        op = shown(&op.hlc),
        field = field,
        value = shown(value),
        what = t!(what)
    ))
}

/// The cleaned text, when cleaning changes it.
pub(super) fn cleaned(kind: Kind, value: &str) -> Option<String> {
    let c = match kind {
        // Over-long text is clipped, not refused (`domain::length`: a copy from before the limits may
        // hold it; every copy clips alike).
        Kind::Line => clipped(clean(value, false), false),
        Kind::Text => clipped(clean(value, true), true),
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

fn clipped(value: String, multiline: bool) -> String {
    crate::domain::length::clip(&value, multiline).unwrap_or(value)
}

/// Cleans every string in a JSON document; whether any changed.
pub(super) fn clean_json(v: &mut serde_json::Value) -> bool {
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
pub(super) fn shown(value: &str) -> String {
    let c = clean(value, false);
    match c.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &c[..i]),
        None => c,
    }
}

pub(super) fn is_id(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok_and(|u| u.hyphenated().to_string() == s)
}

/// A message id or intake key: 1 to 1 024 bytes, no white space or control characters.
pub(super) fn is_mail_key(s: &str) -> bool {
    (1..=1024).contains(&s.len()) && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub(super) fn is_tag(s: &str) -> bool {
    s.is_empty() || s.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_uppercase()))
}

/// 16 lowercase hex digits (a conflict's id, an operation's digest).
pub(super) fn is_hex16(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A clock value exactly as helpdesk writes it, of any device.
pub(super) fn is_clock(s: &str) -> bool {
    s.parse::<Hlc>().is_ok_and(|h| is_id(&h.device) && is_hlc_of(s, &h.device))
}

/// A clock value exactly as helpdesk writes it, on `device`, and one the log can store as it is (its
/// milliseconds and counter within the integer clock's, `store::codec`: a clock of the year 9999 would
/// be kept wrapped, as another operation's clock).
pub(super) fn is_hlc_of(s: &str, device: &str) -> bool {
    use crate::store::codec::{MAX_COUNTER, MAX_MILLIS};
    s.parse::<Hlc>().is_ok_and(|h| {
        h.device == device && (0..=MAX_MILLIS).contains(&h.millis) && h.counter <= MAX_COUNTER && h.to_string() == s
    })
}
