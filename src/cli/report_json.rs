//! A month report's statements as JSON, written field by field: byte for byte what serde_json's
//! pretty printer with [`SafePretty`] writes for the list of [`StatementDoc`]s (a test holds the two
//! side by side), without going through the serializer's calls for every key and bracket. Keys and
//! indentation are literal bytes here; every value (strings with their escapes, numbers, tiers) is
//! still written by serde_json with [`SafePretty`]. On the full-size demo the report's JSON is 26 MB,
//! and writing it was a sixth of the report's time.

use std::io::{self, Write};

use serde::Serialize;

use super::json::SafePretty;
use crate::domain::billing::BillingLine;
use crate::domain::money::PlainDigits;
use crate::domain::text::has_unsafe;
use crate::statements::{AdjustmentDoc, LineDoc, StatementDoc, line_marks};

/// What comes before an object's value as one literal: the comma after the previous field (none
/// before the `first`), a line break, the indentation (a literal of spaces) and the quoted key (a
/// plain identifier: nothing to escape). One write a key instead of five (a full-size report writes
/// 700 000 of them).
macro_rules! key {
    ($indent:literal, first $name:literal) => {
        concat!("\n", $indent, "\"", $name, "\": ")
    };
    ($indent:literal, $name:literal) => {
        concat!(",\n", $indent, "\"", $name, "\": ")
    };
}

/// Writes statements as one JSON array, one [`StatementsJson::write`] at a time.
pub struct StatementsJson<W: Write> {
    out: W,
    first: bool,
    /// The JSON of each kind and role met so far, as serde_json wrote it the first time (a full-size
    /// report writes 113 000 of them, each through the serializer before).
    kinds: Written<crate::domain::TicketKind>,
    roles: Written<Option<crate::domain::Role>>,
}

impl<W: Write> StatementsJson<W> {
    /// Starts the array on `out`. Errors: writing `out` failed.
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(Self { out, first: true, kinds: Written::default(), roles: Written::default() })
    }

    /// Writes one statement, an element of the array. Errors: writing failed.
    #[cfg(test)]
    pub fn write(&mut self, d: &StatementDoc) -> io::Result<()> {
        self.write_billed(d, &[])
    }

    /// [`StatementsJson::write`] of `d` with `billed` as its lines when there are any (see
    /// [`crate::statements::each_month_doc_billed`]): each written as its [`LineDoc`] would be.
    /// Errors: writing failed.
    pub fn write_billed(&mut self, d: &StatementDoc, billed: &[BillingLine]) -> io::Result<()> {
        self.out.write_all(if self.first { b"\n  {" } else { b",\n  {" })?;
        self.first = false;
        let w = &mut self.out;
        const IN: &str = "    ";
        text(w, key!("    ", first "customer"), &d.customer)?;
        text(w, key!("    ", "month"), &d.month)?;
        field(w, key!("    ", "tier"), &d.tier)?;
        text(w, key!("    ", "fee"), &d.fee)?;
        number(w, key!("    ", "prepaid_minutes"), d.prepaid_minutes)?;
        number(w, key!("    ", "billable_minutes"), d.billable_minutes)?;
        number(w, key!("    ", "prepaid_used_minutes"), d.prepaid_used_minutes)?;
        number(w, key!("    ", "prepaid_left_minutes"), d.prepaid_left_minutes)?;
        number(w, key!("    ", "overage_minutes"), d.overage_minutes)?;
        text(w, key!("    ", "overage_amount"), &d.overage_amount)?;
        text(w, key!("    ", "total_excl_vat"), &d.total_excl_vat)?;
        text(w, key!("    ", "vat_rate"), &d.vat_rate)?;
        text(w, key!("    ", "vat"), &d.vat)?;
        text(w, key!("    ", "total_incl_vat"), &d.total_incl_vat)?;
        field(w, key!("    ", "upgrade_suggested"), &d.upgrade_suggested)?;
        field(w, key!("    ", "upgrade_to"), &d.upgrade_to)?;
        field(w, key!("    ", "closed"), &d.closed)?;
        w.write_all(key!("    ", "lines").as_bytes())?;
        let (kinds, roles) = (&mut self.kinds, &mut self.roles);
        if billed.is_empty() {
            list(w, IN, &d.lines, |w, indent, l| line(w, indent, l, kinds, roles))?;
        } else {
            list(w, IN, billed, |w, indent, l| billed_line(w, indent, l, kinds, roles))?;
        }
        w.write_all(key!("    ", "adjustments").as_bytes())?;
        list(w, IN, &d.adjustments, adjustment)?;
        w.write_all(key!("    ", "later_corrections").as_bytes())?;
        list(w, IN, &d.later_corrections, adjustment)?;
        w.write_all(b"\n  }")
    }

    /// Ends the array and gives `out` back. Errors: writing failed.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(if self.first { b"]" } else { b"\n]" })?;
        Ok(self.out)
    }
}

/// Indentation one step (two spaces) deeper than `indent` (at most five steps deep here).
fn deeper(indent: &str) -> &'static str {
    const SPACES: &str = "            ";
    &SPACES[..(indent.len() + 2).min(SPACES.len())]
}

/// A value as serde_json writes it with [`SafePretty`] (no value here is a list or an object); a
/// failed write keeps its kind (a closed pipe stays one).
fn value<W: Write, T: Serialize + ?Sized>(w: &mut W, v: &T) -> io::Result<()> {
    v.serialize(&mut SafePretty::serializer(&mut *w)).map_err(io::Error::from)
}

/// The JSON of values of a small type (an enum), each written by [`value`] the first time it is met
/// and copied from here after.
struct Written<T> {
    seen: Vec<(T, Vec<u8>)>,
}

impl<T> Default for Written<T> {
    fn default() -> Self {
        Self { seen: Vec::new() }
    }
}

impl<T: Serialize + PartialEq + Copy> Written<T> {
    fn write<W: Write>(&mut self, w: &mut W, key: &str, v: T) -> io::Result<()> {
        w.write_all(key.as_bytes())?;
        if let Some((_, json)) = self.seen.iter().find(|(seen, _)| *seen == v) {
            return w.write_all(json);
        }
        let mut json = Vec::new();
        value(&mut json, &v)?;
        w.write_all(&json)?;
        self.seen.push((v, json));
        Ok(())
    }
}

/// A key's whole-number value, digit by digit (what serde_json writes for a `u32`).
fn number<W: Write>(w: &mut W, key: &str, n: u32) -> io::Result<()> {
    w.write_all(key.as_bytes())?;
    let mut buf = [0u8; 10];
    let mut at = buf.len();
    let mut n = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    w.write_all(&buf[at..])
}

/// A string value as [`value`] writes it: between quotes as it is when nothing in it is escaped,
/// which is most text of a report; else through serde_json. One pass over the bytes, sixteen at a
/// time (vector compares): a control character, quote, backslash or DEL, or a byte that may start
/// a character [`has_unsafe`] finds (`C2`, `D8`, `E2`) sends the string to serde_json, which writes
/// every string right (a `C2` starts `§` or a no-break space too: those just take the longer way).
fn string<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    let suspect =
        |b: u8| (b < 0x20) | (b == b'"') | (b == b'\\') | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2);
    let mut blocks = bytes.chunks_exact(16);
    // A block of a known length: the compares become vector code.
    let block_plain = |block: &[u8; 16]| block.iter().fold(true, |plain, &b| plain & !suspect(b));
    let plain = blocks.all(|b| <&[u8; 16]>::try_from(b).is_ok_and(block_plain))
        && !blocks.remainder().iter().any(|&b| suspect(b));
    if !plain {
        return value(w, s);
    }
    debug_assert!(!has_unsafe(bytes, true));
    w.write_all(b"\"")?;
    w.write_all(bytes)?;
    w.write_all(b"\"")
}

/// A key's value written after `key` (what [`key!`] makes).
fn text<W: Write>(w: &mut W, key: &str, s: &str) -> io::Result<()> {
    w.write_all(key.as_bytes())?;
    string(w, s)
}

fn field<W: Write, T: Serialize + ?Sized>(w: &mut W, key: &str, v: &T) -> io::Result<()> {
    w.write_all(key.as_bytes())?;
    value(w, v)
}

/// A list that is the value of a key indented by `indent`: `[]`, or one element a line, each
/// indented one step further.
fn list<W: Write, T>(
    w: &mut W,
    indent: &'static str,
    items: &[T],
    mut each: impl FnMut(&mut W, &'static str, &T) -> io::Result<()>,
) -> io::Result<()> {
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    let inner = deeper(indent);
    w.write_all(b"[")?;
    for (i, item) in items.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        w.write_all(inner.as_bytes())?;
        each(w, inner, item)?;
    }
    w.write_all(b"\n")?;
    w.write_all(indent.as_bytes())?;
    w.write_all(b"]")
}

/// An object whose fields go on lines indented one step past `indent`.
fn object<W: Write>(
    w: &mut W,
    indent: &'static str,
    fields: impl FnOnce(&mut W, &'static str) -> io::Result<()>,
) -> io::Result<()> {
    w.write_all(b"{")?;
    fields(w, deeper(indent))?;
    w.write_all(b"\n")?;
    w.write_all(indent.as_bytes())?;
    w.write_all(b"}")
}

/// The indentation of a statement's line's or adjustment's fields: the statement's fields' (four
/// spaces) two steps deeper, inside the list and its object.
const ITEM_FIELDS: &str = "        ";

fn line<W: Write>(
    w: &mut W,
    indent: &'static str,
    l: &LineDoc,
    kinds: &mut Written<crate::domain::TicketKind>,
    roles: &mut Written<Option<crate::domain::Role>>,
) -> io::Result<()> {
    object(w, indent, |w, i| {
        debug_assert_eq!(i, ITEM_FIELDS);
        text(w, key!("        ", first "ticket"), &l.ticket)?;
        text(w, key!("        ", "title"), &l.title)?;
        kinds.write(w, key!("        ", "kind"), l.kind)?;
        roles.write(w, key!("        ", "role"), l.role)?;
        text(w, key!("        ", "rate"), &l.rate)?;
        number(w, key!("        ", "raw_minutes"), l.raw_minutes)?;
        number(w, key!("        ", "free_minutes"), l.free_minutes)?;
        number(w, key!("        ", "rounded_minutes"), l.rounded_minutes)?;
        number(w, key!("        ", "prepaid_minutes"), l.prepaid_minutes)?;
        number(w, key!("        ", "overage_minutes"), l.overage_minutes)?;
        text(w, key!("        ", "amount"), &l.amount)?;
        w.write_all(key!("        ", "marks").as_bytes())?;
        list(w, i, &l.marks, |w, _, m| string(w, m))
    })
}

/// A billing line as [`line`] writes its [`LineDoc`] (see `statements::doc`'s `line_doc`).
fn billed_line<W: Write>(
    w: &mut W,
    indent: &'static str,
    l: &BillingLine,
    kinds: &mut Written<crate::domain::TicketKind>,
    roles: &mut Written<Option<crate::domain::Role>>,
) -> io::Result<()> {
    object(w, indent, |w, i| {
        debug_assert_eq!(i, ITEM_FIELDS);
        text(w, key!("        ", first "ticket"), &l.ticket_number)?;
        text(w, key!("        ", "title"), &l.ticket_title)?;
        kinds.write(w, key!("        ", "kind"), l.kind)?;
        roles.write(w, key!("        ", "role"), l.role)?;
        money(w, key!("        ", "rate"), l.rate)?;
        number(w, key!("        ", "raw_minutes"), l.raw_minutes)?;
        number(w, key!("        ", "free_minutes"), l.free_minutes)?;
        number(w, key!("        ", "rounded_minutes"), l.rounded_minutes)?;
        number(w, key!("        ", "prepaid_minutes"), l.prepaid_minutes)?;
        number(w, key!("        ", "overage_minutes"), l.overage_minutes)?;
        money(w, key!("        ", "amount"), l.amount)?;
        w.write_all(key!("        ", "marks").as_bytes())?;
        list(w, i, line_marks(l), |w, _, m| string(w, m))
    })
}

/// An amount as its document's text ([`plain`](crate::domain::money::plain)), without making it:
/// digits, a point and a sign need no escape, so they go between the quotes as they are.
fn money<W: Write>(w: &mut W, key: &str, amount: rust_decimal::Decimal) -> io::Result<()> {
    match PlainDigits::of(amount) {
        Some(digits) => {
            w.write_all(key.as_bytes())?;
            w.write_all(b"\"")?;
            w.write_all(digits.as_bytes())?;
            w.write_all(b"\"")
        }
        None => text(w, key, &crate::domain::money::plain(amount)),
    }
}

fn adjustment<W: Write>(w: &mut W, indent: &'static str, a: &AdjustmentDoc) -> io::Result<()> {
    object(w, indent, |w, i| {
        debug_assert_eq!(i, ITEM_FIELDS);
        text(w, key!("        ", first "description"), &a.description)?;
        text(w, key!("        ", "work_month"), &a.work_month)?;
        text(w, key!("        ", "booked_month"), &a.booked_month)?;
        field(w, key!("        ", "minutes"), &a.minutes)?;
        text(w, key!("        ", "amount"), &a.amount)
    })
}

#[cfg(test)]
mod tests;
