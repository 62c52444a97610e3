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
/// (a forged or badly set clock) or outside the years helpdesk bills, else the Maildir file name's delivery seconds (unless in the future),
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
    if let Some(t) = top_received.filter(usable) {
        return Some((t, ReceivedFrom::Header));
    }
    if let Some(t) = file_name_secs.and_then(|s| DateTime::from_timestamp(s, 0)).filter(usable) {
        return Some((t, ReceivedFrom::FileName));
    }
    mtime.filter(|t| super::month::is_billable_instant(*t)).map(|t| (t, ReceivedFrom::FileTime))
}

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
