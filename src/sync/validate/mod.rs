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
//! - numbers must be ones helpdesk writes (`check_numbers`): instants within the range every local
//!   input path takes (`domain::is_billable_instant`: 1583-01-02 to 9999-12-30 UTC, months of 1583–9999
//!   in every zone; bb7 #2 — an instant outside shows as `+10000-…`, not RFC 3339, or lies in a month no
//!   statement shows, its work billed nowhere; a copy that holds one, typed before helpdesk checked
//!   local input, is refused naming the field rather than spreading it), a close's bounds within the
//!   years 0000–9999 and around its month, a time entry of 1 minute to 24 h, ticket numbers from 1, amounts as
//!   `plain` writes them (two places, at most 15 digits before them), a close's bounds around its month,
//!   and a frozen statement that is a statement.
//!
//! Every field of every change is listed here without `..`, so a new field or kind of change does not
//! compile until it is given a rule.

mod fields;
mod kinds;
mod numbers;

use crate::t;
use std::borrow::Cow;

use super::bundle::Header;
use crate::domain::length::TooLong;
use crate::domain::text::clean;
use crate::store::{OpRecord, Result, StoreError, Vector};
use fields::{visit, visit_mut};
use kinds::{check, cleaned, is_clock, is_hex16, is_hlc_of, is_id, is_tag, malformed, shown};
use numbers::check_numbers;

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

/// The first text field of a change made here that is longer than its kind allows
/// (`domain::length`): a one-line field over 200 characters, free text over 64 Ki characters. The
/// error names the field (a message id, see [`field_name`]).
pub fn too_long(change: &crate::store::ops::Change) -> std::result::Result<(), TooLong> {
    let mut found = None;
    let _ = visit(change, &mut |kind, field, value: &String| {
        // Who acted (a time entry's or timer's technician, a comment's author) is the actor's name
        // (`--as`, the OS user, config), not text typed into the record: not refused for its length.
        if matches!(field, "technician" | "author") {
            return Ok(());
        }
        let multiline = match kind {
            kinds::Kind::Line => false,
            kinds::Kind::Text => true,
            _ => return Ok(()),
        };
        if found.is_none()
            && let Err(e) = crate::domain::length::check(field_name(change, field), value, multiline)
        {
            found = Some(e);
        }
        Ok(())
    });
    found.map_or(Ok(()), Err)
}

/// The message id of a text field's name as the reader knows it (`field-title`, …).
fn field_name(change: &crate::store::ops::Change, field: &str) -> &'static str {
    use crate::store::ops::Change;
    match (change, field) {
        (Change::CustomerCreated { .. } | Change::CustomerRenamed { .. }, "name") => "field-customer",
        (Change::ContactAdded { .. }, "name") => "field-contact-name",
        (_, "contact") => "field-contact",
        (_, "title" | "subject") => "field-title",
        (Change::CommentAdded { .. }, "body") => "field-comment",
        (_, "description" | "body") => "field-description",
        (_, "note") => "field-note",
        (_, "author" | "assignee" | "technician") => "field-technician",
        (_, "sender_name") => "field-contact-name",
        _ => "field-text",
    }
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

#[cfg(test)]
mod tests {
    use super::kinds::Kind;
    use super::*;
    use crate::store::ops::Change;

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

    #[test]
    fn frozen_statements_terms() {
        let doc = |terms: &str| {
            format!(
                r#"{{"customer":"A","month":"2026-03","tier":"standard","fee":"950.00","prepaid_minutes":30,
                "billable_minutes":0,"prepaid_used_minutes":0,"prepaid_left_minutes":30,"overage_minutes":0,
                "overage_amount":"0.00","total_excl_vat":"950.00","vat_rate":"0.21","vat":"199.50",
                "total_incl_vat":"1149.50","upgrade_suggested":false,"upgrade_to":null,"closed":true,
                "lines":[],"adjustments":[]{terms}}}"#
            )
        };
        let terms = |block: u32, rate: &str| {
            format!(
                r#","terms":{{"billing_block_minutes":{block},"free_consultation_minutes":120,"prepaid_minutes":30,
                "hourly_rate":"{rate}","monthly_fee":"950","technician_rate":"1000","consultant_rate":"1500"}}"#
            )
        };
        let json = |s: String| check(Kind::Json, "body", &s, &op());
        assert!(json(doc("")).is_ok(), "a statement frozen before terms were kept");
        assert!(json(doc(&terms(15, "800"))).is_ok());
        assert!(json(doc(&terms(15, "800.50"))).is_ok());
        for (block, rate) in [(0, "800"), (1441, "800"), (15, "-800"), (15, "800.001")] {
            assert!(json(doc(&terms(block, rate))).is_err(), "block {block}, rate {rate}");
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
