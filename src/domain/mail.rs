//! Mail vocabulary: addresses and domains as helpdesk keeps them, a contact's language, the ticket a
//! subject names (`[#123]`), when a message reached our mailbox, and the text of our answers in Czech
//! and English. Pure: the caller reads headers and files and passes `now`.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use super::TicketNumber;

/// The longest address kept (RFC 5321's path limit).
const MAX_ADDRESS: usize = 254;

/// An e-mail address in lower case, `local@domain`, with nothing a header or a terminal could misread.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an e-mail address: write it like jana.novakova@example.cz")]
pub struct BadAddress(pub String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a mail domain: write it like example.cz")]
pub struct BadDomain(pub String);

/// A typed value as an error message quotes it: cleaned, and one of only white space as its spaces.
fn quoted(s: &str) -> String {
    let c = super::text::clean(s, false);
    if c.trim().is_empty() { s.chars().filter(|c| c.is_whitespace()).map(|_| ' ').collect() } else { c }
}

impl Address {
    pub fn parse(s: &str) -> Result<Self, BadAddress> {
        let bad = || BadAddress(quoted(s));
        let t = s.trim().trim_start_matches('<').trim_end_matches('>').to_lowercase();
        if t.len() > MAX_ADDRESS {
            return Err(bad());
        }
        let (local, domain) = t.rsplit_once('@').ok_or_else(bad)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        if !local_ok || parse_domain(domain).is_err() {
            return Err(bad());
        }
        Ok(Self(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Address {
    type Err = BadAddress;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A mail domain in lower case: dot-separated labels of letters, digits and hyphens (`example.cz`).
pub fn parse_domain(s: &str) -> Result<String, BadDomain> {
    let t = s.trim().trim_start_matches('@').to_lowercase();
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if t.len() > 253 || !t.contains('.') || !t.split('.').all(label_ok) {
        return Err(BadDomain(quoted(s)));
    }
    Ok(t)
}

/// The language our mail to a contact is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Cs,
    En,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a language here: write cs or en")]
pub struct UnknownLang(pub String);

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Cs => "cs",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cs" => Ok(Lang::Cs),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(quoted(s))),
        }
    }
}

/// The ticket a subject names as `[#123]` or `[#B-17]` (the first such mark).
pub fn ticket_in_subject(subject: &str) -> Option<TicketNumber> {
    let mut rest = subject;
    while let Some(i) = rest.find("[#") {
        let after = &rest[i + 2..];
        if let Some(end) = after.find(']')
            && end <= 24
            && let Ok(n) = after[..end].parse::<TicketNumber>()
        {
            return Some(n);
        }
        rest = after;
    }
    None
}

/// Where a message's received time came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceivedFrom {
    /// The date of the top `Received:` header (added by the last server, ours).
    Header,
    /// The delivery time in the Maildir file name's leading seconds.
    FileName,
    /// The file's modification time.
    FileTime,
}

/// When a message reached our mailbox: the top `Received:` header's date unless it lies in the future
/// (a forged or badly set clock), outside the years helpdesk bills, before 1970 or more than
/// [`RECEIVED_BEFORE_DELIVERY_MAX_DAYS`] before the file's delivery time (name, else mtime), else the Maildir file name's delivery seconds (unless in the future),
/// else the file's mtime. The sender's `Date:` is never used: it is the sender's clock, and the SLA
/// clock starts when the mail reached us. `None` only if nothing usable is known.
pub fn received_at(
    top_received: Option<DateTime<Utc>>,
    file_name_secs: Option<i64>,
    mtime: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<(DateTime<Utc>, ReceivedFrom)> {
    // Not in the future, and in the years helpdesk bills (a forged `Received: … 0001` is not a date).
    let usable = |t: &DateTime<Utc>| *t <= now && super::month::is_billable_instant(*t);
    // The header's date also not before 1970 (no mail is older) nor more than a year before the file
    // was delivered (see `RECEIVED_BEFORE_DELIVERY_MAX_DAYS`).
    let delivered = file_name_secs.and_then(|s| DateTime::from_timestamp(s, 0)).filter(usable).or(mtime);
    let plausible = |t: &DateTime<Utc>| {
        t.timestamp() >= 0
            && delivered.is_none_or(|d| *t >= d - chrono::Duration::days(RECEIVED_BEFORE_DELIVERY_MAX_DAYS))
    };
    if let Some(t) = top_received.filter(usable).filter(plausible) {
        return Some((t, ReceivedFrom::Header));
    }
    if let Some(t) = file_name_secs.and_then(|s| DateTime::from_timestamp(s, 0)).filter(usable) {
        return Some((t, ReceivedFrom::FileName));
    }
    mtime.filter(|t| super::month::is_billable_instant(*t)).map(|t| (t, ReceivedFrom::FileTime))
}

/// The date of a `Received:` header (its raw text: everything after the last `;`, RFC 5322 §3.6.7),
/// read by chrono's RFC 2822 parser, which takes RFC 5322's obsolete forms too: zone names (`EST` is
/// -0500, `PDT` -0700, `UT`/`GMT` and the military letters +0000), two-digit years (00–49 are 20xx,
/// 50–99 19xx), a time without seconds, no day name, folded lines. A trailing comment such as
/// `(CET)` is dropped first. `None` when no date can be read.
pub fn received_header_date(raw: &str) -> Option<DateTime<Utc>> {
    let (_, date) = raw.rsplit_once(';')?;
    let mut date = date.split_whitespace().collect::<Vec<_>>().join(" ");
    // Comments at the end (`+0100 (CET)`, `(envelope-from …)` in some MTAs' forms).
    while date.ends_with(')') {
        let Some(open) = date.rfind('(') else { break };
        date.truncate(open);
        date = date.trim_end().to_string();
    }
    DateTime::parse_from_rfc2822(&date).ok().map(|d| d.with_timezone(&Utc))
}

/// How far before the Maildir file's delivery time a `Received:` date may lie and still be believed:
/// a mail fetched from a server's old mailbox is weeks or months older than its file, but a date years
/// before it is a server clock reset (to 1970, to 1990) or a misread, and deciding the SLA by it would
/// leave the ticket without tier or deadline.
pub const RECEIVED_BEFORE_DELIVERY_MAX_DAYS: i64 = 366;

/// The delivery seconds a Maildir file name starts with (`1767225600.M1P2.host:2,S` → 1767225600).
pub fn maildir_name_secs(name: &str) -> Option<i64> {
    let digits: &str = name.split('.').next()?;
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The subject of our mail about a ticket: `[#123] title` (`Re:` when answering the customer's mail).
pub fn subject_for(number: &str, title: &str, reply: bool) -> String {
    let re = if reply { "Re: " } else { "" };
    format!("{re}[#{number}] {title}")
}

/// The text of a first response: the proposed resolution date and the technician's words.
pub fn first_response_text(lang: Lang, number: &str, title: &str, resolve_by: &str, text: &str, who: &str) -> String {
    let words = if text.trim().is_empty() { String::new() } else { format!("{}\n\n", text.trim()) };
    match lang {
        Lang::Cs => format!(
            "Dobrý den,\n\nděkujeme za Váš požadavek #{number} „{title}“. Pracujeme na něm; \
             navrhovaný termín vyřešení je {resolve_by}.\n\n{words}\
             Na tento e-mail můžete odpovědět, odpověď se připojí k požadavku.\n\nS pozdravem\n{who}\n"
        ),
        Lang::En => format!(
            "Hello,\n\nthank you for your request #{number} \"{title}\". We are working on it; \
             the proposed resolution date is {resolve_by}.\n\n{words}\
             You can reply to this e-mail; your reply is added to the request.\n\nKind regards\n{who}\n"
        ),
    }
}

/// The text of a comment sent to the customer.
pub fn comment_text(lang: Lang, number: &str, text: &str, who: &str) -> String {
    match lang {
        Lang::Cs => format!("Dobrý den,\n\n{}\n\nS pozdravem\n{who}\n(požadavek #{number})\n", text.trim()),
        Lang::En => format!("Hello,\n\n{}\n\nKind regards\n{who}\n(request #{number})\n", text.trim()),
    }
}

/// A date as a contact reads it: `20. 3. 2026` in Czech, `2026-03-20` in English.
pub fn date_for(lang: Lang, date: chrono::NaiveDate) -> String {
    match lang {
        Lang::Cs => date.format("%-d. %-m. %Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn received_dates_in_every_rfc_5322_spelling() {
        let at = |h: &str| received_header_date(h).map(|t| t.to_rfc3339());
        let nine = Some("2026-03-06T09:00:00+00:00".to_string());
        assert_eq!(at("from mx by mail.example.cz; Fri, 06 Mar 2026 04:00:00 EST"), nine);
        assert_eq!(at("from mx by mail.example.cz; Fri, 06 Mar 2026 01:00:00 PST"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 05:00:00 EDT"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 03:00:00 CST"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 04:00:00 CDT"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 02:00:00 MST"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 03:00:00 MDT"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 02:00:00 PDT"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 09:00:00 UT"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 09:00:00 GMT"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 09:00:00 Z"), nine);
        assert_eq!(at("by mx; Fri, 06 Mar 2026 09:00:00 A"), nine, "military letters are -0000");
        assert_eq!(at("by mx; Fri, 06 Mar 2026 09:00:00 J"), None, "J is no zone");
        assert_eq!(at("by mx; Fri, 06 Mar 2026 09:00:00 -0000"), nine);
        assert_eq!(at("by mx; Fri, 6 Mar 26 10:00:00 +0100"), nine, "two-digit year 26 is 2026");
        assert_eq!(at("by mx; 6 Mar 99 09:00:00 +0000").as_deref(), Some("1999-03-06T09:00:00+00:00"));
        assert_eq!(at("by mx; Fri, 6 Mar 2026 10:00 +0100"), nine, "seconds are optional");
        assert_eq!(at("by mx; 6 Mar 2026 10:00:00 +0100 (CET)"), nine);
        assert_eq!(
            at(
                "from mx.acme.cz (mx.acme.cz [192.0.2.1])\r\n\tby mail.example.cz (Postfix) with ESMTPS id 4F;\r\n\tFri,  6 Mar 2026 10:00:00 +0100 (CET)"
            ),
            nine
        );
        assert_eq!(at("by mx; yesterday at noon"), None);
        assert_eq!(at("by mx with no date"), None);
    }

    #[test]
    fn implausible_received_dates_fall_back_to_the_delivery_time() {
        let now = Utc.with_ymd_and_hms(2026, 3, 9, 12, 0, 0).unwrap();
        let file = Utc.with_ymd_and_hms(2026, 3, 6, 9, 5, 0).unwrap();
        let header = |y, m, d| Some(Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap());
        let got = |h| received_at(h, Some(file.timestamp()), None, now).map(|(t, from)| (t.date_naive(), from));
        assert_eq!(got(header(2026, 3, 6)).unwrap().1, ReceivedFrom::Header);
        // Months older than the file (fetched late from the server's mailbox): believed.
        assert_eq!(got(header(2025, 6, 1)).unwrap().1, ReceivedFrom::Header);
        // Years before it, before 1970, or a misread year: the file's delivery time.
        for h in [header(1990, 1, 1), header(1926, 3, 6), header(2024, 3, 1), header(1969, 12, 31)] {
            assert_eq!(got(h), Some((file.date_naive(), ReceivedFrom::FileName)), "{h:?}");
        }
        // No file name: the mtime bounds it the same way; nothing known about the file: 1970 still does.
        let by_mtime = received_at(header(1990, 1, 1), None, Some(file), now).unwrap();
        assert_eq!(by_mtime, (file, ReceivedFrom::FileTime));
        assert_eq!(received_at(header(1969, 1, 1), None, None, now), None);
        assert_eq!(received_at(header(1990, 1, 1), None, None, now).unwrap().1, ReceivedFrom::Header);
    }

    #[test]
    fn addresses_are_kept_in_lower_case_and_checked() {
        assert_eq!(Address::parse(" <Jana.Novakova@Example.CZ> ").unwrap().as_str(), "jana.novakova@example.cz");
        assert_eq!(Address::parse("a@b.cz").unwrap().domain(), "b.cz");
        for bad in ["", "a", "a@", "@b.cz", "a@b", "a b@c.cz", "a@b..cz", "a\u{1b}@b.cz", "a@-b.cz", ".a@b.cz"] {
            assert!(Address::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_domain("@Example.CZ").unwrap(), "example.cz");
        assert!(parse_domain("localhost").is_err());
    }

    #[test]
    fn a_subject_names_its_ticket() {
        assert_eq!(ticket_in_subject("Re: [#123] Tiskárna").map(|n| n.to_string()), Some("123".into()));
        assert_eq!(ticket_in_subject("RE: [list] [#B-17] x").map(|n| n.to_string()), Some("B-17".into()));
        assert_eq!(ticket_in_subject("[#] [#abc] no"), None);
        assert_eq!(ticket_in_subject("#123 without brackets"), None);
    }

    #[test]
    fn received_time_prefers_the_top_header_then_the_file_name_then_mtime() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap();
        let header = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let future = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
        let name = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 5).unwrap().timestamp();
        let mtime = Utc.with_ymd_and_hms(2026, 3, 2, 9, 1, 0).unwrap();
        assert_eq!(received_at(Some(header), Some(name), Some(mtime), now), Some((header, ReceivedFrom::Header)));
        assert_eq!(
            received_at(Some(future), Some(name), Some(mtime), now),
            Some((DateTime::from_timestamp(name, 0).unwrap(), ReceivedFrom::FileName))
        );
        assert_eq!(received_at(None, None, Some(mtime), now), Some((mtime, ReceivedFrom::FileTime)));
        assert_eq!(
            received_at(None, Some(future.timestamp()), Some(mtime), now),
            Some((mtime, ReceivedFrom::FileTime))
        );
        // A forged header from year 1 is no date either; the file name's seconds are.
        let forged = Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            received_at(Some(forged), Some(name), Some(mtime), now),
            Some((DateTime::from_timestamp(name, 0).unwrap(), ReceivedFrom::FileName))
        );
        assert_eq!(received_at(None, None, Some(forged), now), None);
        assert_eq!(maildir_name_secs("1767225600.M1P2.host:2,S"), Some(1_767_225_600));
        assert_eq!(maildir_name_secs("abc.host"), None);
    }

    #[test]
    fn answers_are_in_the_contacts_language() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
        let cs = first_response_text(Lang::Cs, "12", "Tiskárna", &date_for(Lang::Cs, d), "", "Petr");
        assert!(cs.contains("navrhovaný termín vyřešení je 20. 3. 2026"), "{cs}");
        let en = first_response_text(Lang::En, "12", "Printer", &date_for(Lang::En, d), "Call us.", "Petr");
        assert!(en.contains("the proposed resolution date is 2026-03-20.\n\nCall us.\n"), "{en}");
    }
}
