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
use crate::statements::{AdjustmentDoc, Billed, LineDoc, line_marks};

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
    /// Amounts met lately (a month's lines share a few rates, most amounts within the prepaid
    /// minutes are zero, and statements of one tier without overage have the same totals).
    amounts: Amounts,
    /// The month and the VAT rate of the live statement written last, with their text.
    month: Option<(crate::domain::YearMonth, String)>,
    vat_rate: Option<([u8; 16], String)>,
}

/// A statement's fields before its lines, as its document carries them.
struct Head<'a> {
    customer: &'a str,
    month: &'a str,
    tier: crate::domain::Tier,
    fee: Amount<'a>,
    prepaid_minutes: u32,
    billable_minutes: u32,
    prepaid_used_minutes: u32,
    prepaid_left_minutes: u32,
    overage_minutes: u32,
    overage_amount: Amount<'a>,
    total_excl_vat: Amount<'a>,
    vat_rate: &'a str,
    vat: Amount<'a>,
    total_incl_vat: Amount<'a>,
    upgrade_suggested: bool,
    upgrade_to: Option<crate::domain::Tier>,
    closed: bool,
}

/// An amount of a document: its text, or the amount its text is made of ([`plain`]).
///
/// [`plain`]: crate::domain::money::plain
#[derive(Clone, Copy)]
enum Amount<'a> {
    Text(&'a str),
    Value(rust_decimal::Decimal),
}

/// A statement's lines: documents (a frozen statement's), or billing lines (a live one's).
enum Lines<'a> {
    Docs(&'a [LineDoc]),
    Billed(&'a [BillingLine]),
}

impl<W: Write> StatementsJson<W> {
    /// Starts the array on `out`. Errors: writing `out` failed.
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(Self {
            out,
            first: true,
            kinds: Written::default(),
            roles: Written::default(),
            amounts: Amounts::default(),
            month: None,
            vat_rate: None,
        })
    }

    /// Writes one statement, an element of the array. Errors: writing failed.
    #[cfg(test)]
    pub fn write(&mut self, d: &crate::statements::StatementDoc) -> io::Result<()> {
        self.write_billed(Billed::Frozen(d))
    }

    /// Writes one statement as [`crate::statements::each_month_doc_billed`] hands it over: byte for
    /// byte its document as [`StatementsJson::write`] writes it (a live one's as
    /// `statements::live_doc` makes it). Errors: writing failed.
    pub fn write_billed(&mut self, billed: Billed<'_>) -> io::Result<()> {
        match billed {
            Billed::Frozen(d) => {
                let head = Head {
                    customer: &d.customer,
                    month: &d.month,
                    tier: d.tier,
                    fee: Amount::Text(&d.fee),
                    prepaid_minutes: d.prepaid_minutes,
                    billable_minutes: d.billable_minutes,
                    prepaid_used_minutes: d.prepaid_used_minutes,
                    prepaid_left_minutes: d.prepaid_left_minutes,
                    overage_minutes: d.overage_minutes,
                    overage_amount: Amount::Text(&d.overage_amount),
                    total_excl_vat: Amount::Text(&d.total_excl_vat),
                    vat_rate: &d.vat_rate,
                    vat: Amount::Text(&d.vat),
                    total_incl_vat: Amount::Text(&d.total_incl_vat),
                    upgrade_suggested: d.upgrade_suggested,
                    upgrade_to: d.upgrade_to,
                    closed: d.closed,
                };
                self.write_statement(&head, Lines::Docs(&d.lines), &d.adjustments, &d.later_corrections)
            }
            Billed::Live(c, adjustments) => {
                let s = &c.statement;
                // The month and the VAT rate are the same in every statement of a report: made
                // into text once.
                if self.month.as_ref().is_none_or(|(m, _)| *m != s.month) {
                    self.month = Some((s.month, s.month.to_string()));
                }
                let bits = s.vat_rate.serialize();
                if self.vat_rate.as_ref().is_none_or(|(b, _)| *b != bits) {
                    self.vat_rate = Some((bits, crate::statements::vat_rate_text(s.vat_rate)));
                }
                let (month, vat_rate) = (std::mem::take(&mut self.month), std::mem::take(&mut self.vat_rate));
                let head = Head {
                    customer: &c.customer.name,
                    month: month.as_ref().map_or("", |(_, text)| text),
                    tier: s.tier,
                    fee: Amount::Value(s.fee),
                    prepaid_minutes: s.prepaid_minutes,
                    billable_minutes: s.billable_minutes,
                    prepaid_used_minutes: s.prepaid_used_minutes,
                    prepaid_left_minutes: s.prepaid_left_minutes,
                    overage_minutes: s.overage_minutes,
                    overage_amount: Amount::Value(s.overage_amount),
                    total_excl_vat: Amount::Value(s.total_excl_vat),
                    vat_rate: vat_rate.as_ref().map_or("", |(_, text)| text),
                    vat: Amount::Value(s.vat),
                    total_incl_vat: Amount::Value(s.total_incl_vat),
                    upgrade_suggested: c.upgrade_to.is_some(),
                    upgrade_to: c.upgrade_to,
                    closed: false,
                };
                let written = self.write_statement(&head, Lines::Billed(&s.lines), adjustments, &[]);
                (self.month, self.vat_rate) = (month, vat_rate);
                written
            }
        }
    }

    fn write_statement(
        &mut self,
        d: &Head<'_>,
        lines: Lines<'_>,
        adjustments: &[AdjustmentDoc],
        later_corrections: &[AdjustmentDoc],
    ) -> io::Result<()> {
        self.out.write_all(if self.first { b"\n  {" } else { b",\n  {" })?;
        self.first = false;
        let (w, amounts) = (&mut self.out, &mut self.amounts);
        const IN: &str = "    ";
        text(w, key!("    ", first "customer"), d.customer)?;
        text(w, key!("    ", "month"), d.month)?;
        field(w, key!("    ", "tier"), &d.tier)?;
        amounts.write_amount(w, key!("    ", "fee"), d.fee)?;
        number(w, key!("    ", "prepaid_minutes"), d.prepaid_minutes)?;
        number(w, key!("    ", "billable_minutes"), d.billable_minutes)?;
        number(w, key!("    ", "prepaid_used_minutes"), d.prepaid_used_minutes)?;
        number(w, key!("    ", "prepaid_left_minutes"), d.prepaid_left_minutes)?;
        number(w, key!("    ", "overage_minutes"), d.overage_minutes)?;
        amounts.write_amount(w, key!("    ", "overage_amount"), d.overage_amount)?;
        amounts.write_amount(w, key!("    ", "total_excl_vat"), d.total_excl_vat)?;
        text(w, key!("    ", "vat_rate"), d.vat_rate)?;
        amounts.write_amount(w, key!("    ", "vat"), d.vat)?;
        amounts.write_amount(w, key!("    ", "total_incl_vat"), d.total_incl_vat)?;
        field(w, key!("    ", "upgrade_suggested"), &d.upgrade_suggested)?;
        field(w, key!("    ", "upgrade_to"), &d.upgrade_to)?;
        field(w, key!("    ", "closed"), &d.closed)?;
        w.write_all(key!("    ", "lines").as_bytes())?;
        let (kinds, roles) = (&mut self.kinds, &mut self.roles);
        match lines {
            Lines::Docs(docs) => list(w, IN, docs, |w, indent, l| line(w, indent, l, kinds, roles))?,
            Lines::Billed(billed) => {
                list(w, IN, billed, |w, indent, l| billed_line(w, indent, l, kinds, roles, amounts))?;
            }
        }
        w.write_all(key!("    ", "adjustments").as_bytes())?;
        list(w, IN, adjustments, adjustment)?;
        w.write_all(key!("    ", "later_corrections").as_bytes())?;
        list(w, IN, later_corrections, adjustment)?;
        w.write_all(b"\n  }")
    }

    /// Gives `out` back without ending the array (a report that stopped on an error).
    pub fn unfinished(self) -> W {
        self.out
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
    amounts: &mut Amounts,
) -> io::Result<()> {
    object(w, indent, |w, i| {
        debug_assert_eq!(i, ITEM_FIELDS);
        text(w, key!("        ", first "ticket"), &l.ticket_number)?;
        text(w, key!("        ", "title"), &l.ticket_title)?;
        kinds.write(w, key!("        ", "kind"), l.kind)?;
        roles.write(w, key!("        ", "role"), l.role)?;
        amounts.write(w, key!("        ", "rate"), l.rate)?;
        number(w, key!("        ", "raw_minutes"), l.raw_minutes)?;
        number(w, key!("        ", "free_minutes"), l.free_minutes)?;
        number(w, key!("        ", "rounded_minutes"), l.rounded_minutes)?;
        number(w, key!("        ", "prepaid_minutes"), l.prepaid_minutes)?;
        number(w, key!("        ", "overage_minutes"), l.overage_minutes)?;
        amounts.write(w, key!("        ", "amount"), l.amount)?;
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

/// The quoted text of amounts [`money`] wrote lately, by their exact bits (an equal amount of
/// another scale is another text), one place for each bits' hash: a hit is a compare and a copy
/// instead of a conversion (a month's lines share a few rates, most amounts within the prepaid
/// minutes are zero, and statements of one tier without overage have the same totals).
#[derive(Default)]
struct Amounts {
    /// (bits, quoted digits, their length: 0 for a place not taken).
    seen: [([u8; 16], [u8; 28], u8); Amounts::PLACES],
}

impl Amounts {
    const PLACES: usize = 32;

    /// A document's amount after `key`: its text as it is, or as [`Amounts::write`] writes it.
    /// Errors: writing failed.
    fn write_amount<W: Write>(&mut self, w: &mut W, key: &str, amount: Amount<'_>) -> io::Result<()> {
        match amount {
            Amount::Text(t) => text(w, key, t),
            Amount::Value(v) => self.write(w, key, v),
        }
    }

    /// [`money`], from the amounts met lately when `amount` is one of them. Errors: writing failed.
    fn write<W: Write>(&mut self, w: &mut W, key: &str, amount: rust_decimal::Decimal) -> io::Result<()> {
        let bits = amount.serialize();
        let folded = u64::from_le_bytes(bits[..8].try_into().unwrap_or_default())
            ^ u64::from_le_bytes(bits[8..].try_into().unwrap_or_default()).rotate_left(29);
        let place = &mut self.seen[(folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59) as usize % Self::PLACES];
        if place.2 != 0 && place.0 == bits {
            w.write_all(key.as_bytes())?;
            return w.write_all(&place.1[..usize::from(place.2)]);
        }
        let Some(digits) = PlainDigits::of(amount) else { return money(w, key, amount) };
        let digits = digits.as_bytes();
        let len = digits.len() + 2;
        place.1[0] = b'"';
        place.1[1..=digits.len()].copy_from_slice(digits);
        place.1[len - 1] = b'"';
        place.0 = bits;
        place.2 = len as u8;
        w.write_all(key.as_bytes())?;
        w.write_all(&place.1[..len])
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
