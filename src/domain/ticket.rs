//! Ticket vocabulary: kinds, statuses and human ticket numbers.
//!
//! Ticket numbers never collide when offline copies merge: every copy of the database (a "device")
//! numbers its own tickets with its own counter, and a copy made from another gets a tag that no other
//! copy of the team can have (the team file has the empty tag, its copies `A`, `B`, …, a copy of `B`
//! gets `B.A`, …). The team file's tickets are plain numbers (`1042`), a laptop's are `B-17`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TicketKind {
    Request,
    Incident,
    Consultation,
    Change,
}

impl TicketKind {
    pub const ALL: [TicketKind; 4] =
        [TicketKind::Request, TicketKind::Incident, TicketKind::Consultation, TicketKind::Change];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketKind::Request => "request",
            TicketKind::Incident => "incident",
            TicketKind::Consultation => "consultation",
            TicketKind::Change => "change",
        }
    }
}

impl fmt::Display for TicketKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown ticket kind `{0}`: use request, incident, consultation or change")]
pub struct UnknownKind(pub String);

impl FromStr for TicketKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // As stored first (what the store reads), then in any case and spacing.
        if let Some(k) = TicketKind::ALL.into_iter().find(|k| k.as_str() == s) {
            return Ok(k);
        }
        TicketKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TicketStatus {
    New,
    Open,
    Waiting,
    Resolved,
    Closed,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 5] =
        [TicketStatus::New, TicketStatus::Open, TicketStatus::Waiting, TicketStatus::Resolved, TicketStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::Open => "open",
            TicketStatus::Waiting => "waiting",
            TicketStatus::Resolved => "resolved",
            TicketStatus::Closed => "closed",
        }
    }

    /// New, open and waiting tickets are in the queue.
    pub fn is_open(self) -> bool {
        matches!(self, TicketStatus::New | TicketStatus::Open | TicketStatus::Waiting)
    }
}

impl fmt::Display for TicketStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status `{0}`: use new, open, waiting, resolved or closed")]
pub struct UnknownStatus(pub String);

impl FromStr for TicketStatus {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TicketStatus::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownStatus(s.to_string()))
    }
}

/// A human ticket number: an optional device tag and a per-device sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TicketNumber {
    tag: String,
    seq: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a ticket number: write it like 1042 or B-17")]
pub struct BadTicketNumber(pub String);

impl TicketNumber {
    pub fn new(tag: &str, seq: u64) -> Self {
        Self { tag: tag.to_string(), seq }
    }

    pub fn seq(&self) -> u64 {
        self.seq
    }

    pub fn tag(&self) -> &str {
        &self.tag
    }
}

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.tag.is_empty() { write!(f, "{}", self.seq) } else { write!(f, "{}-{}", self.tag, self.seq) }
    }
}

impl FromStr for TicketNumber {
    type Err = BadTicketNumber;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadTicketNumber(s.to_string());
        let t = s.trim().trim_start_matches('#');
        let (tag, num) = t.rsplit_once('-').unwrap_or(("", t));
        let tag_ok = !t.contains('-')
            || tag.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphabetic()));
        if !tag_ok || num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) || num.len() > 18 {
            return Err(bad());
        }
        let seq: u64 = num.parse().map_err(|_| bad())?;
        if seq == 0 {
            return Err(bad());
        }
        Ok(Self { tag: tag.to_ascii_uppercase(), seq })
    }
}

/// The tag for the `index`-th (0-based) copy made from a device tagged `parent`.
pub fn child_tag(parent: &str, index: u64) -> String {
    let mut letters = String::new();
    let mut n = index + 1;
    while n > 0 {
        n -= 1;
        letters.insert(0, (b'A' + (n % 26) as u8) as char);
        n /= 26;
    }
    if parent.is_empty() { letters } else { format!("{parent}.{letters}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for s in ["1042", "B-17", "B.A-3", "AA-1"] {
            assert_eq!(s.parse::<TicketNumber>().unwrap().to_string(), s);
        }
        assert_eq!("#12".parse::<TicketNumber>().unwrap().to_string(), "12");
        assert_eq!("b-7".parse::<TicketNumber>().unwrap().to_string(), "B-7");
        for bad in ["", "0", "-3", "x", "B-", "1-2", "B..A-1", "12a", "99999999999999999999"] {
            assert!(bad.parse::<TicketNumber>().is_err(), "{bad}");
        }
    }

    #[test]
    fn child_tags_are_distinct() {
        assert_eq!(child_tag("", 0), "A");
        assert_eq!(child_tag("", 25), "Z");
        assert_eq!(child_tag("", 26), "AA");
        assert_eq!(child_tag("B", 0), "B.A");
        let tags: std::collections::HashSet<_> = (0..1000).map(|i| child_tag("", i)).collect();
        assert_eq!(tags.len(), 1000);
    }
}

/// Where a promised resolution date stands: a ticket resolved before its promise kept it, whatever
/// the clock says now; only an open ticket past its date (or one resolved after it) broke it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Promise {
    /// Open, and the date is still ahead.
    Pending,
    /// Open, and the date has passed.
    Passed,
    /// Resolved (or closed) on or before the date.
    Kept,
    /// Resolved (or closed) after the date.
    Late,
}

impl Promise {
    /// `resolved_at`: when the ticket left the open statuses for the last time (`None` while open).
    pub fn of<T: PartialOrd>(resolve_by: T, resolved_at: Option<T>, now: T) -> Self {
        match resolved_at {
            Some(done) if done <= resolve_by => Promise::Kept,
            Some(_) => Promise::Late,
            None if resolve_by < now => Promise::Passed,
            None => Promise::Pending,
        }
    }
}

#[cfg(test)]
mod promise_tests {
    use super::Promise;

    #[test]
    fn a_ticket_resolved_before_its_promise_kept_it_even_after_the_date() {
        assert_eq!(Promise::of(10, Some(5), 20), Promise::Kept);
        assert_eq!(Promise::of(10, Some(10), 20), Promise::Kept);
        assert_eq!(Promise::of(10, Some(15), 20), Promise::Late);
        assert_eq!(Promise::of(10, None, 20), Promise::Passed);
        assert_eq!(Promise::of(10, None, 5), Promise::Pending);
    }
}
