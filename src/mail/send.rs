//! Our mail out: a plain-text UTF-8 message (base64 body, RFC 2047 subject) with threading headers,
//! handed to a sendmail-compatible command on its standard input (`sendmail -t -oi` reads the
//! recipients from the headers; `msmtp -t` does the same).

use crate::t;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, Utc};

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub date: DateTime<Utc>,
}

/// A fresh Message-ID at the sender's domain, without its angle brackets (as message ids are kept):
/// `helpdesk.{uuid}@domain`.
pub fn message_id(from: &str, now: DateTime<Utc>) -> String {
    let domain = from.rsplit_once('@').map_or("localhost", |(_, d)| d);
    format!("helpdesk.{}@{domain}", crate::store::new_id(now))
}

fn bracketed(id: &str) -> String {
    format!("<{}>", id.trim_start_matches('<').trim_end_matches('>'))
}

/// The message as bytes (CRLF line ends are left to the MTA: sendmail and msmtp take LF).
pub fn render(m: &Outgoing) -> Vec<u8> {
    let mut out = String::new();
    out.push_str(&header("From", &m.from));
    out.push_str(&header("To", &m.to));
    out.push_str(&subject(&m.subject));
    out.push_str(&format!("Date: {}\n", m.date.to_rfc2822()));
    out.push_str(&format!("Message-ID: {}\n", bracketed(&m.message_id)));
    if let Some(r) = &m.in_reply_to {
        out.push_str(&format!("In-Reply-To: {}\n", bracketed(r)));
    }
    if !m.references.is_empty() {
        let refs: Vec<String> = m.references.iter().map(|r| bracketed(r)).collect();
        out.push_str(&format!("References: {}\n", refs.join("\n ")));
    }
    out.push_str("Auto-Submitted: auto-replied\n");
    out.push_str("MIME-Version: 1.0\n");
    out.push_str("Content-Type: text/plain; charset=utf-8\n");
    out.push_str("Content-Transfer-Encoding: base64\n\n");
    let body = base64(m.body.as_bytes());
    for chunk in body.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.into_bytes()
}

/// Runs the configured command (through `sh -c`, so `msmtp -a work -t` works) with the message on its
/// standard input, for at most `limit`: a command still running then is ended with everything it
/// started (its process group) — it runs while the caller holds the write transaction, so a hanging
/// one must not keep every other writer out. Non-zero exit, or the limit reached: an error (with the
/// command's own words).
pub fn send(command: &str, message: &[u8], limit: Duration) -> Result<(), String> {
    let mut spawn = Command::new("sh");
    spawn.arg("-c").arg(command).stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut spawn, 0);
    let mut child = spawn.spawn().map_err(|e| t!("mail-command-no-start", command = command, error = e.to_string()))?;
    let dog = crate::sync::watchdog::Watchdog::start(child.id(), limit);
    dog.arm(true);
    // Written from its own thread: a command that reads nothing must not block us past the limit.
    let stdin = child.stdin.take();
    let message = message.to_vec();
    let writer = std::thread::spawn(move || stdin.map(|mut s| s.write_all(&message)));
    let output = child.wait_with_output();
    let timed_out = dog.finish();
    let written = writer.join().unwrap_or(None);
    if timed_out {
        return Err(t!("mail-command-timed-out", command = command, seconds = limit.as_secs().to_string()));
    }
    let output = output.map_err(|e| t!("mail-command-broke", command = command, error = e.to_string()))?;
    let said = crate::domain::text::clean(String::from_utf8_lossy(&output.stderr).trim(), false);
    let said: String = said.chars().take(300).collect();
    if !output.status.success() {
        let code =
            output.status.code().map_or_else(|| t!("mail-command-signal"), |c| t!("mail-command-exit", code = c));
        let words = if said.is_empty() { String::new() } else { format!(": {said}") };
        return Err(t!("mail-command-failed", command = command, code = code, words = words));
    }
    if let Some(Err(e)) = written {
        return Err(t!("mail-command-refused-input", command = command, error = e.to_string()));
    }
    Ok(())
}

/// The longest header line we write, in characters (RFC 5322 §2.1.1: should be at most 78, must be
/// at most 998).
const HEADER_LINE: usize = 78;

/// `Name: value` and its line end, folded (RFC 5322 §2.2.3) before white space wherever the line would
/// pass [`HEADER_LINE`]; a word longer than a line stays whole (the caller keeps words short).
fn header(name: &str, value: &str) -> String {
    let mut out = format!("{name}:");
    let mut line = out.len();
    for (i, word) in value.split(' ').enumerate() {
        let width = word.chars().count();
        if i > 0 && line + 1 + width > HEADER_LINE {
            out.push_str("\n ");
            line = 1;
        } else {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += width;
    }
    out.push('\n');
    out
}

/// The `Subject:` header: plain ASCII folded between words ([`header`]); text that is not plain ASCII,
/// or that has a word too long to fold between, as RFC 2047 encoded words (which fold anywhere), so no
/// line passes [`HEADER_LINE`] however long the ticket's title.
fn subject(text: &str) -> String {
    let plain = text.bytes().all(|b| (0x20..0x7f).contains(&b)) && !text.contains("=?");
    let foldable = text.split(' ').all(|w| w.len() <= HEADER_LINE - "Subject: ".len());
    if plain && foldable { header("Subject", text) } else { format!("Subject: {}\n", encoded_words(text)) }
}

/// An RFC 2047 encoded word when the text is not plain ASCII (split so no word passes 75 characters).
#[cfg(test)]
fn encode_word(text: &str) -> String {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) && !text.contains("=?") {
        return text.to_string();
    }
    encoded_words(text)
}

/// The text as RFC 2047 encoded words (UTF-8, base64) of at most 42 bytes each (77 characters with
/// `Subject: `), one a line.
fn encoded_words(text: &str) -> String {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 42 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\n ")
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 { T[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if c.len() > 2 { T[n as usize & 63] as char } else { '=' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_encoded_words() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(encode_word("[#1] Printer"), "[#1] Printer");
        assert!(encode_word("[#1] Tiskárna").starts_with("=?UTF-8?B?"));
    }

    fn outgoing(subject: &str) -> Outgoing {
        Outgoing {
            from: "Podpora Firmy s.r.o. <podpora@firma.cz>".into(),
            to: "jana@zakaznik.cz".into(),
            subject: subject.into(),
            body: "hi".into(),
            message_id: "m1@firma.cz".into(),
            in_reply_to: None,
            references: vec![],
            date: chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default(),
        }
    }

    /// bb4 #9: an ASCII subject of 3 000 characters went out as one header line of 3 014 (RFC 5322
    /// §2.1.1: at most 998, should be at most 78); with or without spaces, in Czech or not, every line
    /// is now at most 78 characters and the subject reads back whole.
    #[test]
    fn long_subjects_are_folded_and_read_back_whole() {
        let words = "Printer on the second floor prints blank pages ".repeat(64);
        let subjects = [words.trim().to_string(), "x".repeat(3000), "Tiskárna ".repeat(300).trim().to_string()];
        for s in subjects {
            let raw = render(&outgoing(&s));
            let text = String::from_utf8(raw.clone()).unwrap_or_default();
            let head = text.split("\n\n").next().unwrap_or_default();
            let longest = head.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(longest <= HEADER_LINE, "a header line of {longest} characters");
            let parsed = mail_parser::MessageParser::default().parse(&raw);
            assert_eq!(parsed.as_ref().and_then(|m| m.subject()), Some(s.as_str()));
        }
    }
}
