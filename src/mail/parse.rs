//! One raw message → what intake keeps of it, or the reason it goes to quarantine. Decoding (encoded
//! words, charsets such as windows-1250 and ISO-8859-2, transfer encodings, malformed structure) is
//! `mail-parser`'s; HTML-only mail is rendered to text by `html2text`. Everything taken from the
//! message is untrusted: control and bidi characters are removed and sizes are capped.

use crate::t;
use chrono::{DateTime, Utc};
use mail_parser::{HeaderName, HeaderValue, MessageParser, MimeHeaders};
use sha2::{Digest, Sha256};

use crate::domain::TicketKind;
use crate::domain::mail::{Address, received_at, received_header_date};
use crate::domain::text::clean;
use crate::store::{IncomingMail, MAX_TITLE};

/// A message larger than this is not parsed (quarantined).
pub const MAX_MESSAGE_BYTES: u64 = 100 * 1024 * 1024;
/// More MIME parts than this is a MIME bomb (quarantined).
pub const MAX_PARTS: usize = 1_000;
/// The longest text kept from a body, in characters.
/// (free text's limit, `domain::length::TEXT_MAX`; the notes on cut text and attachments included).
pub const MAX_BODY_CHARS: usize = crate::domain::length::TEXT_MAX;
/// HTML longer than this is cut before it is rendered to text.
const MAX_HTML_BYTES: usize = 512 * 1024;
/// Message ids longer than this are not used (a hash is).
const MAX_ID: usize = 512;
/// At most this many `References` are followed.
const MAX_REFERENCES: usize = 50;

/// What the Maildir knows about a message's file (for the received time).
#[derive(Debug, Clone, Copy, Default)]
pub struct FileFacts {
    pub name_secs: Option<i64>,
    pub mtime: Option<DateTime<Utc>>,
}

/// Why a message was quarantined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarantine(pub String);

/// Parses a raw message; `incident_addresses` in lower case.
pub fn parse(
    raw: &[u8],
    file: FileFacts,
    incident_addresses: &[String],
    now: DateTime<Utc>,
) -> Result<IncomingMail, Quarantine> {
    if raw.len() as u64 > MAX_MESSAGE_BYTES {
        return Err(Quarantine(t!(
            "mail-too-big",
            size = raw.len() / (1024 * 1024),
            limit = MAX_MESSAGE_BYTES / (1024 * 1024)
        )));
    }
    // mail-parser does not panic on what we have tried; should it ever, one message is lost to
    // quarantine, never the intake.
    match std::panic::catch_unwind(|| parse_inner(raw, file, incident_addresses, now)) {
        Ok(r) => r,
        Err(_) => Err(Quarantine(t!("mail-parser-failed"))),
    }
}

fn parse_inner(
    raw: &[u8],
    file: FileFacts,
    incident_addresses: &[String],
    now: DateTime<Utc>,
) -> Result<IncomingMail, Quarantine> {
    let message = MessageParser::default()
        .parse(raw)
        .filter(|m| !m.headers().is_empty())
        .ok_or_else(|| Quarantine(t!("mail-no-headers")))?;
    if message.parts.len() > MAX_PARTS {
        return Err(Quarantine(t!("mail-too-many-parts", parts = message.parts.len(), limit = MAX_PARTS)));
    }
    let from = message.from().and_then(|a| a.first()).ok_or_else(|| Quarantine(t!("mail-no-from-header")))?;
    let sender = from
        .address()
        .and_then(|a| Address::parse(a).ok())
        .ok_or_else(|| Quarantine(t!("mail-from-not-an-address", from = shown(from.address().unwrap_or("")))))?;
    let sender_name = cap(&clean(from.name().unwrap_or(""), false), 100);
    // The top Received: header as written (chrono reads its date: mail-parser's reader takes `EST`
    // for UTC and `26` for 1926).
    let top_received = message
        .headers_raw()
        .find(|(n, _)| n.eq_ignore_ascii_case(HeaderName::Received.as_str()))
        .and_then(|(_, v)| received_header_date(v));
    let (received_at, _) = received_at(top_received, file.name_secs, file.mtime, now)
        .ok_or_else(|| Quarantine(t!("mail-no-received-time")))?;
    let message_id = message
        .message_id()
        .map(|id| clean(id, false))
        .filter(|id| !id.is_empty() && id.len() <= MAX_ID && !id.contains(char::is_whitespace));
    let mut replies_to: Vec<String> = Vec::new();
    for value in [message.in_reply_to(), message.references()] {
        let ids: Vec<&str> = match value {
            HeaderValue::Text(t) => vec![t.as_ref()],
            HeaderValue::TextList(l) => l.iter().map(|s| s.as_ref()).collect(),
            _ => Vec::new(),
        };
        replies_to
            .extend(ids.into_iter().rev().map(|s| clean(s, false)).filter(|s| !s.is_empty() && s.len() <= MAX_ID));
    }
    replies_to.truncate(MAX_REFERENCES);
    let subject = cap(&clean(message.subject().unwrap_or(""), false), MAX_TITLE);
    let kind = if to_addresses(&message).iter().any(|a| incident_addresses.contains(a)) {
        TicketKind::Incident
    } else {
        TicketKind::Request
    };
    let body = body(&message);
    let key = match &message_id {
        Some(id) => content_key(id, &sender, header_text(&message, HeaderName::Date.as_str()), &subject, &body),
        None => format!("sha256:{:x}", Sha256::digest(raw)),
    };
    Ok(IncomingMail {
        key,
        message_id,
        replies_to,
        sender,
        sender_name,
        subject,
        body,
        kind,
        received_at,
        file_key: None,
    })
}

/// The intake key of a message with a Message-ID: `mid:<id>;<hash>`, the hash (SHA-256, 16 hex digits)
/// over what the message says — sender, `Date:`, subject and text — so the same message delivered
/// again (another file name, a re-fetch that added a `Received:` header, new flags) has the same key,
/// and a different message that reuses the id (a monitoring box or scanner with a fixed one) does not.
pub fn content_key(message_id: &str, sender: &Address, date: &str, subject: &str, body: &str) -> String {
    let mut h = Sha256::new();
    for part in [sender.as_str(), date.trim(), subject, body] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    let digest = h.finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("mid:{message_id};{hex}")
}

/// A header's raw text (the first one of that name), or "".
fn header_text<'a>(message: &'a mail_parser::Message<'_>, name: &str) -> &'a str {
    message.headers_raw().find(|(n, _)| n.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v)
}

/// The addresses the message was sent to: `To`, `Cc`, `Delivered-To`, `X-Original-To` (lower case).
fn to_addresses(message: &mail_parser::Message<'_>) -> Vec<String> {
    let mut out: Vec<String> = message
        .to()
        .into_iter()
        .chain(message.cc())
        .flat_map(|a| a.iter())
        .filter_map(|a| a.address())
        .filter_map(|a| Address::parse(a).ok())
        .map(|a| a.to_string())
        .collect();
    for (name, value) in message.headers_raw() {
        if name.eq_ignore_ascii_case("Delivered-To") || name.eq_ignore_ascii_case("X-Original-To") {
            out.extend(value.split(',').filter_map(|v| Address::parse(v.trim()).ok()).map(|a| a.to_string()));
        }
    }
    out
}

/// The text body: the plain text part(s), else the first HTML part rendered to text; attachments noted
/// by name and size (never stored). Which part is which: `super::parts` (it reads truncated and sloppy
/// MIME as mail clients do).
fn body(message: &mail_parser::Message<'_>) -> String {
    let split = super::parts::split(message);
    let text = if !split.plain.is_empty() {
        split.plain.iter().map(|t| t.trim_end()).filter(|t| !t.trim().is_empty()).collect::<Vec<_>>().join("\n\n")
    } else {
        split.html.first().map(|h| html_text(h.as_ref())).unwrap_or_default()
    };
    let mut text = clean(&text.replace("\r\n", "\n"), true);
    let mut notes: Vec<String> = split
        .attachments
        .iter()
        .take(50)
        .map(|a| {
            let name = a.attachment_name().map(|n| cap(&clean(n, false), 100)).unwrap_or_else(|| "unnamed".into());
            if super::recover::is_damaged(a) {
                t!("mail-attachment-damaged", name = name, size = size(a.len()))
            } else {
                t!("mail-attachment-not-stored", name = name, size = size(a.len()))
            }
        })
        .collect();
    // Headers the parser could not decode are kept as received; the text says so.
    let sender_name = message.from().and_then(|a| a.first()).and_then(|a| a.name()).unwrap_or("");
    notes.extend(super::recover::header_note(message.subject().unwrap_or(""), "Subject"));
    notes.extend(super::recover::header_note(sender_name, "From"));
    // Room for the notes (and the note that the text was cut) within the limit.
    let cut_note = format!("\n{}", t!("mail-body-cut"));
    let reserved = notes.iter().map(|n| n.chars().count() + 1).sum::<usize>() + cut_note.chars().count() + 2;
    let room = MAX_BODY_CHARS.saturating_sub(reserved);
    if text.chars().count() > room {
        text = cap(&text, room);
        text.push_str(&cut_note);
    }
    if !notes.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&notes.join("\n"));
    }
    text.trim().to_string()
}

fn html_text(html: &str) -> String {
    let cut = if html.len() > MAX_HTML_BYTES {
        let mut end = MAX_HTML_BYTES;
        while !html.is_char_boundary(end) {
            end -= 1;
        }
        &html[..end]
    } else {
        html
    };
    let rendered = std::panic::catch_unwind(|| {
        html2text::config::plain().no_link_wrapping().string_from_read(cut.as_bytes(), 100)
    });
    match rendered {
        Ok(Ok(t)) => t,
        _ => t!("mail-html-unreadable"),
    }
}

/// An attachment's size as a person reads it: `31 B` under 1 kB (it said `1 kB` for 31 bytes),
/// else kB rounded up, else MB with one decimal.
fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{} kB", bytes.div_ceil(1024))
    }
}

fn cap(s: &str, chars: usize) -> String {
    s.chars().take(chars).collect()
}

fn shown(s: &str) -> String {
    cap(&clean(s, false), 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_under_a_kilobyte_are_bytes() {
        assert_eq!(super::size(0), "0 B");
        assert_eq!(super::size(31), "31 B");
        assert_eq!(super::size(1023), "1023 B");
        assert_eq!(super::size(1024), "1 kB");
        assert_eq!(super::size(1025), "2 kB");
        assert_eq!(super::size(3 * 1024 * 1024), "3.0 MB");
    }
}
